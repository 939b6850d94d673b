"""The ledger of figures: every figure verified, mismatched, unverifiable or a reference."""

from __future__ import annotations

from collections.abc import Iterator

from reviewer.checks import registry
from reviewer.checks.registry import Hit, Relation, relation
from reviewer.document import Document
from reviewer.engine import check_text, checked_relations, run_checks
from reviewer.ledger import evidence_needed, is_reference, summary, summary_line
from reviewer.models import LedgerFigure
from reviewer.numbers import find_quantities


def ledger(text: str) -> dict[str, LedgerFigure]:
    figures = check_text(text).figures
    assert figures is not None
    return {f.text: f for f in figures}


def test_parts_that_add_up_verify_the_total_and_every_part() -> None:
    figs = ledger("本年收入500.00万元，其中：财政拨款300.00万元，其他收入200.00万元。")
    for text in ("500.00万元", "300.00万元", "200.00万元"):
        assert figs[text].status == "verified"
    assert figs["500.00万元"].relations == ["sum: 300.00 + 200.00 = 500.00万元"]


def test_parts_that_do_not_add_up_are_mismatches() -> None:
    figs = ledger("本年收入500.00万元，其中：财政拨款300.00万元，其他收入250.00万元。")
    assert {f.status for f in figs.values()} == {"mismatch"}


def test_a_figure_nothing_relates_to_is_unverifiable() -> None:
    figs = ledger("本年收入500.00万元，其中：财政拨款300.00万元，其他收入200.00万元。培训120人次。")
    assert figs["120人次"].status == "unverifiable" and figs["120人次"].relations == []


def test_a_rounding_difference_still_verifies_the_figures() -> None:
    figs = ledger("决算支出1195.57万元：基本支出981.38万元，项目支出214.18万元。")
    assert figs["1195.57万元"].status == "verified"
    assert figs["1195.57万元"].relations[0].startswith("rounding: ")


def test_a_share_that_holds_verifies_share_part_and_total() -> None:
    figs = ledger("支出1000万元，其中：基本支出600万元，占60%；项目支出400万元，占40%。")
    assert figs["60%"].status == "verified"
    assert any(r.startswith("share: 600万元 / 1000万元 = 60") for r in figs["60%"].relations)
    assert figs["40%"].status == "verified"


def test_a_share_that_does_not_hold_is_a_mismatch() -> None:
    figs = ledger("支出1000万元，其中：基本支出600万元，占65%；项目支出400万元，占40%。")
    assert figs["65%"].status == "mismatch"


def reference(text: str, figure: str) -> bool:
    norm = Document(text=text).norm
    (q,) = [q for q in find_quantities(norm) if q.raw == figure]
    return is_reference(norm, q)


def test_references_are_dates_document_section_and_phone_numbers() -> None:
    assert reference("依据财预〔2020〕10号文件", "2020")
    assert reference("联系电话：13812345678", "13812345678")
    assert reference("第3项指标", "3项")
    assert reference("一、基本情况\n1. 部门职能\n", "1")
    assert reference("（2）项目支出", "2")
    # near misses: claims, not references
    assert not reference("共完成3项任务", "3项")
    assert not reference("支出12.50万元", "12.50万元")
    assert not reference("全年培训1200人次", "1200人次")


def test_the_summary_line_counts_statuses_without_references() -> None:
    result = check_text(
        "依据财预〔2020〕10号。收入500万元，其中拨款300万元，其他200万元。培训120人次。"
    )
    c = summary(result.figures or [])
    assert (c["verified"], c["mismatch"], c["unverifiable"], c["total"]) == (3, 0, 1, 4)
    assert summary_line(result) == "数字 4 个：一致 3，不一致 0，无法核对 1"
    assert summary_line(result, "en") == ("4 figures: 3 verified, 0 mismatched, 1 unverifiable")


def test_key_figures_that_cannot_be_verified_need_evidence() -> None:
    result = check_text("年度预算资金85.6万元。在职人员32人。开展活动12场。")
    assert [f.text for f in evidence_needed(result)] == ["85.6万元", "32人"]
    assert [f.label for f in evidence_needed(result)] == ["年度预算资金", "在职人员"]


def test_the_points_of_a_scoring_rule_need_no_evidence() -> None:
    result = check_text("每超过一个百分点扣0.5分，扣完为止。该项计8分。该项自评得分7分。")
    assert [f.text for f in evidence_needed(result)] == ["7分"]


def _fake(doc: Document) -> Iterator[Hit | Relation]:
    yield relation("sum", [(0, 3)], "1 + 2 = 3")


def test_the_engine_keeps_a_checks_relations_apart_from_its_hits() -> None:
    rules = dict(registry.catalog()[0]).values()
    with registry.replaced(rules, [(("T001",), _fake)]):
        doc = Document(text="300万元")
        assert run_checks(doc) == []
        assert checked_relations(doc) == [Relation("sum", ((0, 3),), "1 + 2 = 3")]


def relations_of(text: str) -> dict[str, list[str]]:
    return {f.text: f.relations for f in check_text(text).figures or [] if f.status == "verified"}


def test_each_kind_of_comparison_that_holds_verifies_its_figures() -> None:
    assert relations_of("内设机构3个：办公室、财务股、业务股。")["3个"] == ["count: 3个，列出 3 项"]
    balance = relations_of("年末资产总额1386.40万元，负债总额295.60万元，净资产1090.80万元。")
    assert "sum: 295.60万元 + 1090.80万元 = 1386.40万元" in balance["295.60万元"]
    target = relations_of("1.送戏下乡场次：年度目标值≥120场，实际完成125场。")
    assert target["120场"] == ["target: 送戏下乡场次：实际 125场，目标 ≥120场"]
    rate = relations_of("年度预算1000万元，实际支出950万元，预算执行率95%。")
    assert any(r.startswith("rate: ") for r in rate["95%"])
    projects = relations_of("年初安排项目5个，年中新增项目2个，全年共实施项目7个。")
    assert "count: 5 + 2 = 7" in projects["7个"]
    twice = relations_of("2024年部门决算支出2826.23万元。\n……\n2024年部门决算支出2826.23万元。")
    assert twice["2826.23万元"] == ["twice: 决算支出：2826.23万元 = 2826.23万元"]


def test_near_misses_verify_nothing() -> None:
    assert "3个" not in relations_of("内设机构3个：办公室、财务股。")
    assert relations_of("1.送戏下乡场次：年度目标值≥120场，实际完成110场。") == {}
    assert "7个" not in relations_of("年初安排项目5个，年中新增项目2个，全年共实施项目8个。")


def test_a_whole_named_after_its_parts_and_equal_to_their_sum_is_verified() -> None:
    text = "预拨资金3608万元，清算资金120万元，年度资金3728万元全部执行到位。"
    assert relations_of(text)["3728万元"] == ["sum: 3608 + 120 = 3728万元"]
    assert check_text(text).findings == []
    # near miss: a figure that is another quantity, not their total
    assert relations_of(text.replace("3728", "5000")) == {}


# ---- the ledger as columns -------------------------------------------------------------------

_MIXED = (
    "本年收入500.00万元，其中：财政拨款300.00万元，其他收入250.00万元。\n"
    "本年支出300.00万元，其中：基本支出100.00万元，项目支出200.00万元。\n"
    "年度预算资金120万元，执行率95%，在职人员12人，文号〔2020〕10号。\n"
)


def test_the_ledger_reads_as_the_list_of_its_figures() -> None:
    from reviewer.models import Ledger

    figures = check_text(_MIXED).figures
    assert isinstance(figures, Ledger)
    as_list = list(figures)
    assert len(as_list) == len(figures) >= 6
    assert figures == as_list and as_list == figures
    assert [figures[i] for i in range(len(figures))] == as_list
    assert figures[-1] == as_list[-1] and figures[1:3] == as_list[1:3]
    assert {f.status for f in figures} == {"verified", "mismatch", "reference", "unverifiable"}
    assert figures != as_list[:-1]


def test_the_ledger_is_written_and_read_back_as_a_list() -> None:
    import pickle

    from reviewer.models import ReportResult

    result = check_text(_MIXED)
    figures = list(result.figures or [])
    as_list = result.model_copy(update={"figures": figures})
    assert result.model_dump_json(indent=2, exclude_none=True) == as_list.model_dump_json(
        indent=2, exclude_none=True
    )
    assert ReportResult.model_validate_json(result.model_dump_json()).figures == figures
    assert pickle.loads(pickle.dumps(result)).figures == figures


def test_counts_and_key_figures_of_the_columns_are_those_of_the_list() -> None:
    result = check_text(_MIXED)
    as_list = result.model_copy(update={"figures": list(result.figures or [])})
    assert summary(result.figures or []) == summary(as_list.figures or [])
    assert evidence_needed(result) == evidence_needed(as_list) != []
