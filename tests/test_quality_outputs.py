"""Every indicator met while most of the money is unspent: Q061 outputs-met-money-unspent."""

from __future__ import annotations

from reviewer.models import Severity
from tests.helpers import review_text

ROWS = (
    "一级指标 | 三级指标 | 年初目标值(A) | 实际完成值(B) | 得分\n"
    "数量指标 | 示范区面积 | ≥20000亩 | 20000亩 | 15\n"
    "数量指标 | 田间试验 | ≥15组 | 15组 | 15\n"
    "质量指标 | 配方肥到位率 | ≥80% | 85.6% | 10\n"
)


def q(text: str):
    return [f for f in review_text(text, select=["Q061"]) if f.code == "Q061"]


def test_every_indicator_met_on_a_tenth_of_the_budget() -> None:
    [f] = q("预算执行率为10.77%。\n" + ROWS)
    assert f.severity == Severity.WARNING
    assert f.spans[0].text == "预算执行率为10.77%"
    assert [s.text for s in f.spans[1:]] == ["20000亩", "15组", "85.6%"]
    assert "3 项指标均称已完成" in f.message


def test_a_funds_block_total_row_is_the_rate_too() -> None:
    funds = (
        "预算执行情况(万元) (20分) | 预算数(A) | 执行数(B) | 执行率(B/A) | 得分 (20分*执行率) |\n"
        "年度财政资金总额 | 278.4449 | 30.00 | 10.77% | 2.16 |\n"
    )
    assert len(q(funds + ROWS)) == 1


def test_near_misses_stay_silent() -> None:
    # execution at half the budget or more
    assert q("预算执行率为60%。\n" + ROWS) == []
    # a reason beside the rate
    assert q("预算执行率为10.77%，原因是资金于次年初拨付。\n" + ROWS) == []
    # one indicator missed: the report does not claim every output delivered
    missed = ROWS.replace("| 15组 |", "| 10组 |")
    assert q("预算执行率为10.77%。\n" + missed) == []
    # fewer than three indicators paired with their targets
    assert q("预算执行率为10.77%。\n" + "".join(ROWS.splitlines(True)[:3])) == []
    # a target rate, or an in-year progress figure, is not the year's execution
    assert q("预算执行率目标为10%。\n" + ROWS) == []
    assert q("截至6月底，预算执行率为10.77%。\n" + ROWS) == []
