"""T050: indicator names stacked before their rows' figures, read in order, a miss as info."""

from __future__ import annotations

from reviewer.checks.registry import load_all
from reviewer.claims.indicator_forms import indicator_blocks
from reviewer.document import Document
from reviewer.models import Severity
from tests.helpers import review_text

load_all()

HEAD = "项目支出绩效自评表 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 "
ROW = "产出指标 数量指标 指标1:培训人次 500人次 480人次 5 4.8 "


def _t050(text: str) -> list[str]:
    return [f.message for f in review_text(text, select=["T050"])]


def _stacked(text: str) -> list[tuple[str, str, str]]:
    return [
        (r.name, str(r.target.quantity.value), str(r.actual.quantity.value))  # type: ignore[union-attr]
        for b in indicator_blocks(Document(text=text))
        for r in b.stacked
    ]


def test_two_stacked_names_take_their_figures_in_reading_order() -> None:
    text = HEAD + ROW + "指标2:巡查河段 数 指标3:新增绿地面积 12公里 12公里 5 5 30亩 24亩 5 4\n"
    assert _stacked(text) == [("巡查河段", "12", "12"), ("新增绿地面积", "30", "24")]
    found = review_text(text, select=["T050"])
    assert len(found) == 1 and found[0].severity == Severity.INFO
    assert "新增绿地面积" in found[0].message and "顺序" in found[0].message


def test_three_stacked_names_in_another_unit_and_a_lower_bound_target() -> None:
    text = (
        HEAD
        + ROW
        + (
            "指标2:发放手册 指标3:入户走访 指标4:满意度 ≥2000册 2100册 3 3 "
            "≥150户 150户 3 3 ≥90% 86% 4 3.8\n"
        )
    )
    assert [n for n, _t, _a in _stacked(text)] == ["发放手册", "入户走访", "满意度"]
    (msg,) = _t050(text)
    assert "满意度" in msg and "86%" in msg


def test_every_stacked_target_met_is_silent() -> None:
    text = HEAD + ROW + "指标2:巡查河段 指标3:新增绿地面积 12公里 12公里 5 5 30亩 30亩 5 5\n"
    assert len(_stacked(text)) == 2 and _t050(text) == []


def test_a_lower_is_better_row_under_its_bound_is_silent() -> None:
    text = HEAD + ROW + "指标2:巡查河段 指标3:人均培训成本 12公里 12公里 5 5 ≤300元 280元 5 5\n"
    assert _t050(text) == []


def test_figures_that_do_not_fill_whole_rows_are_never_split() -> None:
    # two names, seven figures: an empty cell was lost somewhere, nothing is read
    text = HEAD + ROW + "指标2:巡查河段 指标3:新增绿地面积 12公里 12公里 5 30亩 24亩 5 4\n"
    assert _stacked(text) == [] and _t050(text) == []


def test_more_names_than_rows_of_figures_are_never_split() -> None:
    text = (
        HEAD
        + ROW
        + ("指标2:巡查河段 指标3:新增绿地面积 指标4:植树 12公里 12公里 5 5 30亩 24亩 5 4\n")
    )
    assert _stacked(text) == [] and _t050(text) == []


def test_a_group_that_is_no_row_stops_the_whole_stack() -> None:
    # the second group's score (6) is above its weight (5): the figures are shifted
    text = HEAD + ROW + "指标2:巡查河段 指标3:新增绿地面积 12公里 12公里 5 5 30亩 24亩 5 6\n"
    assert _stacked(text) == [] and _t050(text) == []


def test_a_level_label_between_the_names_is_not_one_stack() -> None:
    text = (
        HEAD
        + ROW
        + ("指标2:巡查河段 质量指标 指标3:新增绿地面积 12公里 12公里 5 5 30亩 24亩 5 4\n")
    )
    assert _stacked(text) == [] and _t050(text) == []


def test_a_single_row_is_read_as_a_row_not_a_stack() -> None:
    text = HEAD + ROW + "指标2:新增绿地面积 30亩 24亩 5 4\n"
    assert _stacked(text) == [] and _t050(text) == []
