"""Every indicator fully met while most of the money is unspent.

"年度财政资金总额 | 278.4449 | 30.00 | 10.77%" above an indicator table whose every row reports its
target reached (示范区 20000亩 of ≥20000亩, 15组 of ≥15组, 按时完成率 100%): the outputs the
money was to buy are all said to be delivered, yet nine tenths of it was not spent. Either the
outputs are not yet done or the spending lags them (paid next year, paid by someone else); the
report should say which. Q061 warns, and asks to reconcile; it is silent when the report gives a
reason beside the rate, when any indicator is reported missed, or when fewer than three are
paired with their targets.

Its kind is its own (outputs_vs_spending), not the corpus's `contradiction`: the corpus gold lists
this pattern on one report (yunnan-longyang-hfjl-2022, 10.77%) and not on another that shows it
just as plainly (yunnan-changning-gxs-2022, 20% with 18 indicators met), and gold is not edited
after a tool run; under its own kind neither counts until the gold says what it is.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from reviewer.checks.claim_vs_execution import _rates
from reviewer.checks.registry import Hit, check, rule
from reviewer.checks.target_verdict import met
from reviewer.claims.indicator_pairs import pairs
from reviewer.document import Document
from reviewer.models import Severity
from reviewer.numbers import fmt
from reviewer.regex import lazy

_ROWS = (
    "一级指标 | 三级指标 | 年初目标值 | 实际完成值 | 得分\n"
    "数量指标 | 示范区面积 | ≥20000亩 | 20000亩 | 15\n"
    "数量指标 | 田间试验 | ≥15组 | 15组 | 15\n"
    "质量指标 | 配方肥到位率 | ≥80% | 85.6% | 10\n"
)

OUTPUTS_MET_MONEY_UNSPENT = rule(
    code="Q061",
    fix_zh="说明资金执行率偏低而各项指标均已完成的原因（如资金次年拨付、由其他资金垫付），"
    "或按实际情况填写指标完成值。",
    name="outputs-met-money-unspent",
    kind="outputs_vs_spending",
    severity=Severity.WARNING,
    family="quality",
    title_zh="执行率很低而各项指标均已完成",
    title_en="Every indicator met while most of the budget is unspent",
    message_zh="{rate_name}仅 {rate}，而所列 {n} 项指标均称已完成（如{examples}）："
    "资金大部分未支出而产出全部完成，二者需要相互印证，请说明原因或核实完成值",
    message_en="{rate_name_en} is only {rate}, yet all {n} indicators listed are reported met "
    "(e.g. {examples}): most of the money unspent while every output is delivered needs "
    "reconciling; explain why or check the actual values",
    what="Sets the report's own budget execution rate (a stated 预算执行率, or a funds block's "
    "total-row rate) against its indicators: when the rate is below 50 % while at least three "
    "indicators are paired with their targets and every pair is met, it warns. Silent when a "
    "reason (原因, 结转, 滞后, 尚未 …) stands on the rate's line, or any indicator is missed.",
    why="The outputs are what the money buys: all of them delivered on a tenth of the budget "
    "means either the actual values are overstated or the spending is recorded elsewhere, and "
    "a reviewer asks which.",
    example="预算执行率为10.77%。\n" + _ROWS,
    counterexample="预算执行率为10.77%，主要原因是资金于次年初拨付。\n" + _ROWS,
    fix="Explain why the outputs are complete while the money is not spent, or report the "
    "actual values as they are.",
)

_LOW = Decimal(50)
_MIN_PAIRS = 3
_REASON = lazy(r"原因|由于|因为|导致|结转|滞后|延期|延迟|尚未|未及时|次年|下年|垫付")


@check(OUTPUTS_MET_MONEY_UNSPENT)
def outputs_met_money_unspent(doc: Document) -> Iterator[Hit]:
    found = pairs(doc)
    verdicts = [met(t, a) for t, a in found]
    if any(v is False for v in verdicts):
        return
    done = [a for (_t, a), v in zip(found, verdicts, strict=True) if v]
    if len(done) < _MIN_PAIRS:
        return
    rates = _rates(doc)
    if not rates or any(r.value >= _LOW for r in rates):
        return
    low = rates[0]
    line = doc.line_at(low.span[0])
    if _REASON.search(line.text):
        return  # the report explains the gap where it states the rate
    examples = "、".join(f"{a.name}{doc.norm[a.value_start : a.value_end]}" for a in done[:3])
    yield OUTPUTS_MET_MONEY_UNSPENT.hit(
        [low.span, *((a.start, a.end) for a in done[:3])],
        {
            "rate_name": low.name,
            "rate_name_en": "The execution rate",
            "rate": f"{fmt(low.value)}%",
            "n": len(done),
            "examples": examples,
        },
    )
