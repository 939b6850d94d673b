"""A payment indicator claimed fully met against the report's own execution rate: R033."""

from __future__ import annotations

from reviewer.models import Severity
from tests.helpers import review_text

FUNDS = "资金情况(万元) 全年预算数(A) 全年执行数(B) 执行率(B/A) {budget}万元 {spent}万元 {rate}\n"
ROW = "时效指标 指标1 11月底前完成资金支付 8 {target} {actual} 8\n"


def r(text: str):
    return [f for f in review_text(text, select=["R033"]) if f.code == "R033"]


def test_full_payment_claimed_against_a_confirmed_lower_rate() -> None:
    text = FUNDS.format(budget=300, spent=259.45, rate="86.5%") + ROW.format(
        target="100%", actual="100%"
    )
    [f] = r(text)
    assert f.severity == Severity.WARNING
    assert [s.text for s in f.spans] == ["资金支付 8 100% 100%", "86.5%"]
    assert "259.45 ÷ 300 = 86.48%" in f.message


def test_run_together_cells_and_a_pipe_row() -> None:
    funds = FUNDS.format(budget=300, spent=259.45, rate="86.5%")
    assert len(r(funds + "时效指标资金支付11月底完成100%100%8\n")) == 1
    assert len(r(funds + "| 时效指标 | 资金拨付进度 | 100% | 100% | 10 | 10 |\n")) == 1


def test_a_stated_rate_in_prose_is_the_rate_too() -> None:
    text = "项目预算执行率为86%。\n" + ROW.format(target="100%", actual="100%")
    assert len(r(text)) == 1


def test_near_misses_stay_silent() -> None:
    row = ROW.format(target="100%", actual="100%")
    # execution at 100% (or 99.6%, which rounds to it)
    assert r(FUNDS.format(budget=300, spent=300, rate="100%") + row) == []
    assert r(FUNDS.format(budget=300, spent=298.8, rate="99.6%") + row) == []
    # a rate the two amounts do not give is not read as the report's rate
    assert r(FUNDS.format(budget=300, spent=259.45, rate="80%") + row) == []
    # the actual is not 100% (the indicator admits the shortfall), or only a target is stated
    low = FUNDS.format(budget=300, spent=259.45, rate="86.5%")
    assert r(low + ROW.format(target="100%", actual="86.5%")) == []
    assert r(low + "时效指标 11月底前完成资金支付 8 100%\n") == []
    # another indicator at 100% / 100% is not a payment claim
    assert r(low + "质量指标 种子合格率 100% 100% 8\n") == []
    # no execution rate in the report at all
    assert r(row) == []
