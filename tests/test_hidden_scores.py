"""Glued weight-and-score digits of an indicator form: split only when the form's own total
decides, and then read by G005 (a missed target scored in full)."""

from __future__ import annotations

from reviewer.claims.hidden_scores import Reading, readings
from reviewer.claims.indicator_forms import form_rows
from reviewer.document import Document
from tests.helpers import review_text

FORM = (
    "项目资金(万元) 年初预算数全年预算数全年执行数分值执行率得分\n"
    "年度资金总额100.00100.00100.0010100.0%10\n"
    "绩效指标一级指标二级指标三级指标年度指标值实际完成值分值得分偏差原因分析及改进措施\n"
    "产出指标数量指标道路维修长度30公里30公里2020\n"
    "质量指标验收合格率100%80%{tail}管理不够到位\n"
    "时效指标完成及时性及时较及时77受进度影响\n"
    "满意度指标群众满意度≥90%≥80%33宣传不到位\n"
    "总分:{total}\n"
)


def _splits(text: str) -> dict[str, tuple[str, str] | None]:
    doc = Document(text=text)
    return {
        r.name: (
            (str(r.weight.quantity.value), str(r.score.quantity.value))
            if r.weight is not None and r.score is not None
            else None
        )
        for r in form_rows(doc)
    }


def _g005(text: str) -> list[str]:
    return [f.spans[0].text for f in review_text(text, select=["G005"]) if f.code == "G005"]


def test_the_readings_of_a_glued_run() -> None:
    assert readings("1111") == [Reading("11", "11")]  # 1|111 and 111|1 break the bounds
    assert readings("77") == [Reading("77", None), Reading("7", "7")]  # blank score or 7|7
    assert readings("1010") == [Reading("10", "10")]  # 1|010: a leading zero
    assert readings("118.8") == [Reading("1", "18.8"), Reading("11", "8.8")]


def test_the_total_decides_every_split() -> None:
    # 10 (budget execution) + 20 + 11 + 7 + 3 = 51: any other reading misses the total.
    splits = _splits(FORM.format(tail="1111", total="51"))
    assert splits["验收合格率"] == ("11", "11")
    assert splits["完成及时性"] == ("7", "7")
    assert splits["群众满意度"] == ("3", "3")


def test_a_total_that_no_reading_reaches_splits_nothing() -> None:
    splits = _splits(FORM.format(tail="1111", total="60"))
    assert set(splits.values()) == {None}
    assert _g005(FORM.format(tail="1111", total="60")) == []


def test_without_a_total_row_nothing_is_split() -> None:
    text = FORM.format(tail="1111", total="51").replace("总分:51\n", "")
    assert set(_splits(text).values()) == {None}


def test_a_total_that_needs_a_blank_score_splits_nothing() -> None:
    # 10 + 20 + 11 + 3 + 3 = 47; a total of 44 leaves one of the two 33 runs with a blank
    # score (or a row went unread): nothing is split, not even 1111.
    text = FORM.format(tail="1111", total="44").replace("较及时77", "较及时33")
    assert set(_splits(text).values()) == {None}


def test_a_total_that_needs_a_score_above_its_weight_splits_nothing() -> None:
    # only 128 read as 1 | 28 (a score above its weight) reaches 68: nothing is trusted.
    text = FORM.format(tail="128", total="68")  # 10 + 20 + 1|28 + 7 + 3 = 68
    assert set(_splits(text).values()) == {None}


def test_two_whole_readings_that_reach_the_total_split_nothing() -> None:
    # 48.8 = 10 + 20 + 11|8.8 + 7 + 3, but also 10 + 20 + 1|18.8 with 77 and 33 left unscored.
    splits = _splits(FORM.format(tail="118.8", total="48.8"))
    assert set(splits.values()) == {None}


def test_missed_targets_scored_in_full_on_glued_rows() -> None:
    quoted = _g005(FORM.format(tail="1111", total="51"))
    assert quoted == ["80%", "较及时", "≥80%"]


def test_a_missed_target_scored_down_is_not_flagged() -> None:
    # 128.8 reads 12 | 8.8 (total 48.8) or 1 | 28.8 (68.8): the total picks 12 | 8.8.
    text = FORM.format(tail="128.8", total="48.8")
    assert _splits(text)["验收合格率"] == ("12", "8.8")
    assert "80%" not in _g005(text)


def test_rows_split_by_the_total_are_not_reported_unreadable() -> None:
    def s007(text: str) -> list[str]:
        return [f.code for f in review_text(text, select=["S007"]) if f.code == "S007"]

    assert s007(FORM.format(tail="1111", total="51")) == []
    assert s007(FORM.format(tail="1111", total="60")) == ["S007"]
