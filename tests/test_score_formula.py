"""The budget-execution score (S005 execution-score-above-rate): 得分 = 执行率 × 分值."""

from __future__ import annotations

from reviewer.models import Severity
from tests.helpers import review_text

TABLE = """三、绩效指标完成情况
| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
|---|---|---|---|---|---|---|
| 预算执行 | 预算执行率 | 预算执行率 | {target} | {actual} | 10 | {score} |
| 产出指标 | 数量指标 | 河道清淤长度 | ≥30公里 | 31公里 | 20 | 20 |
"""


def s005(text: str) -> list:
    return review_text(text, select=["S005"])


def test_a_score_above_rate_times_weight_is_a_warning() -> None:
    (f,) = s005(TABLE.format(target="≥80%", actual="85%", score="10"))
    assert f.code == "S005" and f.severity == Severity.WARNING
    assert f.data["expected"] == "8.5" and f.data["score"] == "10"
    assert f.spans[0].text == "10" and f.spans[0].line == 4
    assert "应得 8.5 分，报告得 10 分" in f.message


def test_a_proportional_or_lower_score_passes() -> None:
    assert s005(TABLE.format(target="≥80%", actual="85%", score="8.5")) == []
    assert s005(TABLE.format(target="≥80%", actual="85%", score="8")) == []  # deductions are fine
    assert s005(TABLE.format(target="≥80%", actual="100%", score="10")) == []


def test_the_rate_and_the_score_round_as_written() -> None:
    assert s005("四、自评结果\n预算执行率85.3%，分值10分，得分8.5分。\n") == []


def test_prose_with_the_score_right_after_the_rate() -> None:
    (f,) = s005("四、自评结果\n预算执行率85%，分值10分，得分10分。产出指标分值40分，得分38分。\n")
    assert f.data["expected"] == "8.5"


def test_a_missed_target_scored_in_full_is_left_to_g005() -> None:
    found = review_text(
        TABLE.format(target="≥95%", actual="85%", score="10"), select=["S005", "G005"]
    )
    assert [f.code for f in found] == ["G005"]


def test_other_rates_are_not_scored_by_this_rule() -> None:
    text = TABLE.format(target="≥80%", actual="85%", score="10").replace("预算执行率", "群众满意度")
    assert s005(text) == []


def test_a_category_score_after_the_rate_is_not_the_rates_score() -> None:
    # 预算执行 (20 points) may hold several indicators besides the execution rate.
    assert s005("四、自评结果\n预算执行率为95%，预算执行指标分值20分，得分20分。\n") == []
