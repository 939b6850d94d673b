"""A payment indicator claimed fully met against the report's own execution rate.

A time indicator such as "11月底前完成资金支付 | 100% | 100% | 8" (target 100%, actual 100%, full
score) while the same form's funds block gives 259.45 ÷ 300 = 86.5%: the actual claims every
yuan paid, the report's own figures say 13.5 % was not. R033 reads:

* the claim: a row naming the payment or execution of the funds (资金支付, 资金拨付, 预算执行,
  支付进度 …) whose target and actual are both 100% (two 100% side by side, in cells or run
  together: an actual stated, not only a target);
* the report's execution rate: a stated 执行率 the report's own figures confirm — a 执行率
  header followed by exactly two amounts and a percent that their quotient gives (300万元 /
  259.45万元 / 86.5%) — or the rate of a funds block's total row, or a stated budget execution
  rate in prose (the ones Q060 reads).

A warning when every such rate is below 99.5 % (what no rounding turns into 100%).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import NamedTuple

from reviewer.checks.registry import Hit, check, rule
from reviewer.document import Document
from reviewer.models import Severity
from reviewer.numbers import find_quantities, fmt, half_digit
from reviewer.regex import lazy

FULL_PAYMENT_CLAIM = rule(
    code="R033",
    fix_zh="按实际执行（支付）情况填写该指标的完成值和得分，并说明未支付部分的原因。",
    name="full-payment-claim-vs-execution",
    kind="target_not_met",
    severity=Severity.WARNING,
    family="rates",
    title_zh="支付指标称已全部完成，与执行率不符",
    title_en="A payment indicator claimed fully met against the report's own execution rate",
    message_zh="指标“{claim}”的实际完成值为 100%，但报告自身的{rate_name}为 {rate}{how}："
    "资金并未全部支付，该指标未完成",
    message_en="The indicator '{claim}' states an actual of 100%, but the report's own "
    "{rate_name_en} is {rate}{how_en}: the funds were not all paid, so the target is not met",
    what="A payment or execution indicator (资金支付, 资金拨付, 预算执行, 支付进度 …) whose target "
    "and actual are both 100%, set against the report's own execution rate: a 执行率 its two "
    "amounts confirm (预算 300万元, 执行 259.45万元, 86.5%), a funds block's total-row rate, or "
    "a stated budget execution rate. Warns when every such rate is below 99.5 %.",
    why="The payment indicator is scored on the same money the funds block accounts for; "
    "claiming it fully met while the block shows money unpaid scores a target that was missed.",
    example="资金情况 全年预算数(A) 全年执行数(B) 执行率(B/A) 300万元 259.45万元 86.5%\n"
    "时效指标 11月底前完成资金支付 100% 100% 8\n",
    counterexample="资金情况 全年预算数(A) 全年执行数(B) 执行率(B/A) 300万元 300万元 100%\n"
    "时效指标 11月底前完成资金支付 100% 100% 8\n",
    fix="State the indicator's actual from the real payments, score it accordingly, and explain "
    "the unpaid part.",
)

# A payment indicator whose target and actual are both 100% (cells, spaces or nothing between).
_CLAIM = lazy(
    r"(?P<name>(?:资金|预算|项目资金)(?:支付|拨付|执行)|(?:支付|拨付|执行)进度|预算执行率|资金支付率"
    r"|资金拨付率)[^。；;\n%]{0,16}?(?P<target>100(?:\.0+)?%)[ \t|]*(?P<actual>100(?:\.0+)?%)"
)
_RATE_HEAD = lazy(r"执行率")
_WINDOW = 80  # how far after a 执行率 header its amounts and rate may stand
_FULL = Decimal("99.5")


class _Exec(NamedTuple):
    value: Decimal
    span: tuple[int, int]
    how: str  # "（259.45 ÷ 300）" when recomputed


def _confirmed_rates(doc: Document) -> list[_Exec]:
    """Each 执行率 header followed by exactly two amounts and then a percent their quotient
    gives (spent ÷ budget, rounded or truncated to the percent's precision)."""
    norm = doc.norm
    out: list[_Exec] = []
    for m in _RATE_HEAD.finditer(norm):
        qs = find_quantities(norm, m.end(), min(len(norm), m.end() + _WINDOW))
        pct = next((k for k, q in enumerate(qs) if q.unit == "%"), None)
        if pct is None:
            continue
        money = [q for q in qs[:pct] if q.dimension == "money"]
        if len(money) != 2 or pct != 2:
            continue
        budget, spent = money
        if budget.base <= 0 or spent.base > budget.base:
            continue
        rate = qs[pct]
        v = spent.base / budget.base * 100
        h = half_digit(rate.decimals)
        if not rate.value - h <= v < rate.value + 2 * h:
            continue
        shown = fmt(v.quantize(Decimal("0.01")))
        how = f"（{fmt(spent.value)} ÷ {fmt(budget.value)} = {shown}%）"
        out.append(_Exec(rate.value, (rate.start, rate.end), how))
    return out


def _stated_rates(doc: Document) -> list[_Exec]:
    # imported here: Q060's reader, whose module registers its own check
    from reviewer.checks.claim_vs_execution import _rates

    return [_Exec(r.value, r.span, "") for r in _rates(doc)]


@check(FULL_PAYMENT_CLAIM)
def full_payment_claim(doc: Document) -> Iterator[Hit]:
    claims = list(_CLAIM.finditer(doc.norm))
    if not claims:
        return
    rates = _confirmed_rates(doc) + _stated_rates(doc)
    if not rates or any(r.value >= _FULL for r in rates):
        return  # no execution rate, or one that reads as fully paid
    low = rates[0]
    for m in claims:
        yield FULL_PAYMENT_CLAIM.hit(
            [(m.start("name"), m.end()), low.span],
            {
                "claim": m.group()[: m.start("target") - m.start()].strip(" |\t"),
                "rate_name": "执行率",
                "rate_name_en": "execution rate",
                "rate": f"{fmt(low.value)}%",
                "how": low.how,
                "how_en": low.how.replace("（", " (").replace("）", ")"),
            },
        )
