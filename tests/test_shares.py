"""Shares (P001 share-mismatch): 占X% recomputed from the part and its total."""

from __future__ import annotations

from tests.helpers import review_text


def shares(text: str) -> list:
    return review_text(text, select=["P001"])


def test_correct_shares_pass_at_stated_precision() -> None:
    text = "决算支出1195.57万元，其中：基本支出981.38万元，占82.08%；项目支出214.19万元，占17.92%。"
    assert shares(text) == []


def test_wrong_share_is_an_error_with_the_computed_value() -> None:
    (f,) = shares("支出1000万元，其中：基本支出600万元，占65%；项目支出400万元，占40%。")
    assert f.severity.value == "error"
    assert f.data["computed"] == "60.0" and f.data["stated"] == "65"
    assert f.spans[0].text == "65%"


def test_share_of_a_second_breakdown_of_the_same_total() -> None:
    text = (
        "本年支出200万元，按支出性质分：基本支出120万元，占60%；项目支出80万元，占40%。\n"
        "按经济分类分：工资福利支出100万元，占50%；商品和服务支出100万元，占40%。"
    )
    (f,) = shares(text)
    assert f.data["stated"] == "40" and f.data["computed"] == "50.0"


def test_share_of_grandparent_is_accepted() -> None:
    text = "支出100万元，其中：基本支出60万元，其中：人员经费50万元，占总支出50%；公用经费10万元。"
    assert shares(text) == []


def test_share_without_a_known_total_is_not_judged() -> None:
    assert shares("基本支出600万元，占65%。") == []


def slips(text: str) -> list:
    return review_text(text, select=["P001", "P005"])


def test_a_total_in_another_unit_than_all_its_parts_is_a_unit_slip_not_a_share_error() -> None:
    text = "全年预算数2089元，其中中央资金1777万元，占比85.06%；省级资金312万元，占比14.94%。"
    (f,) = slips(text)  # one cause, both shares: one finding
    assert (f.code, f.kind, f.severity.value) == ("P005", "unit_mismatch", "warning")
    assert f.spans[0].text == "2089元"
    assert f.data["reread"] == "2089万元" and f.data["reread_share"] == "85.065"


def test_a_part_alone_in_its_unit_is_the_slip() -> None:
    text = "全年预算数2089万元，其中中央资金1777元，占比85.06%；省级资金312万元，占比14.94%。"
    (f,) = slips(text)
    assert f.code == "P005" and f.spans[0].text == "1777元"
    assert f.data["reread"] == "1777万元"


def test_two_figures_alone_cannot_tell_which_unit_slipped() -> None:
    (f,) = slips("种植面积20万亩，其中水稻12亩，占60%。")
    assert f.code == "P005"
    assert "其中一个单位疑似写错" in f.message


def test_a_share_that_no_unit_reconciles_stays_a_share_mismatch() -> None:
    (f,) = slips("全年预算数2089元，其中中央资金1777万元，占比80.06%。")
    assert (f.code, f.severity.value) == ("P001", "error")


def test_units_that_agree_raise_nothing() -> None:
    assert slips("全年预算数2089万元，其中中央资金1777万元，占比85.06%。") == []
