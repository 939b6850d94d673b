"""A result given as the target's bound: Q125."""

from __future__ import annotations

import pytest

from tests.helpers import review_text

DONE = "(三)绩效指标完成情况分析。\n"


def q(text: str):
    return [f for f in review_text(text, select=["Q125"]) if f.code == "Q125"]


def test_results_written_as_bounds_are_one_finding_with_every_place() -> None:
    text = (
        DONE
        + "6.可持续影响指标。提升安全保障水平≥95%。\n7.服务对象满意度指标。项目区群众满意度≥95%。\n"
    )
    [f] = q(text)
    assert f.kind == "missing_actuals"
    assert [s.text for s in f.spans] == ["提升安全保障水平≥95%", "项目区群众满意度≥95%"]
    assert "另有1处" in f.message


@pytest.mark.parametrize(
    "line",
    ["1.服务对象满意度：服务对象满意度不低于90%。", "数量指标：培训人数不少于100人。"],
)
def test_any_comparator_or_unit_and_a_list_number(line: str) -> None:
    assert len(q(DONE + line + "\n")) == 1


@pytest.mark.parametrize(
    "text",
    [
        # the actual given
        DONE + "7.服务对象满意度指标。项目区群众满意度为97%。\n",
        DONE + "数量指标：布防飞机数量≥6架，实际布防6架。\n",
        DONE + "满意度：年度目标值≥90%，实际完成93%。\n",
        # a target restated, a bound inside a procedure, an actual above a level
        DONE + "满意度指标：年初设定目标满意度≥90%。\n",
        DONE + "公示时间不少于7天，最终确定补助对象。\n",
        DONE + "纠纷调解及时，调解成功率达95%以上。\n",
        # the targets section: a bound is what a target is
        "(二)绩效目标设定情况。\n7.服务对象满意度指标。项目区群众满意度≥95%。\n",
        # a table row
        DONE + "满意度指标 | 群众满意度 | ≥95% |\n",
    ],
)
def test_actuals_targets_and_other_sections_stay_silent(text: str) -> None:
    assert q(text) == []
