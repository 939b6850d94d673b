"""Indicator rows whose cells ran together: target, actual and completion rate (R100).

A self-evaluation form's indicator rows give a lower-bound target, the actual and the
completion rate (实际 ÷ 目标); extracted with no separator they run together:
`组织活动数量>=28次40次143%`. The units keep the figures apart: a row is read only when the
target and the actual carry the same unit (次 and 次, % and %) right after a ≥ target, and the
rate ends the run. The rate is checked as actual ÷ target, rounded or truncated to the digits
written; a rate of 100% for an actual at or above the target (a capped rate) is accepted.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from reviewer.checks.registry import Hit, Relation, check, relation, rule
from reviewer.document import Document
from reviewer.models import Severity
from reviewer.numbers import fmt
from reviewer.regex import lazy

GLUED_INDICATOR_RATE = rule(
    code="R100",
    fix_zh="按实际完成值 ÷ 目标值重算完成率，或更正有误的目标值、实际值。",
    name="glued-indicator-rate",
    kind="rate_mismatch",
    severity=Severity.WARNING,
    family="rates",
    title_zh="指标完成率与目标值、实际值不符（单元格连写）",
    title_en="Indicator row: the completion rate does not match its target and actual "
    "(cells run together)",
    message_zh="“{raw}”读作：目标 ≥{target}，实际 {actual}，完成率 {stated}；"
    "{a} ÷ {t} = {computed}%，不等于{stated}（单元格连写）",
    message_en="'{raw}' reads as target ≥{target}, actual {actual}, completion {stated}; "
    "{a} / {t} = {computed}%, not {stated} (cells run together)",
    what="Reads indicator rows whose cells ran together after a lower-bound target "
    "(>=28次40次143%: target, actual and completion rate, the target and the actual in the "
    "same unit) and checks the rate as actual ÷ target (rounded or truncated; 100% accepted "
    "as a cap when the actual reaches the target).",
    why="The completion rate is what the indicator is scored on; a rate its own target and "
    "actual do not give is a typo in one of the three figures.",
    example="当年组织交流活动数量>=24次30次152%服务人次>=400人1000人250%",
    counterexample="当年组织交流活动数量>=24次30次125%服务人次>=400人1000人250%",
    fix="Recompute the rate as actual / target, or correct the figure that is wrong.",
)

_NUM = r"\d+(?:\.\d+)?"
# ≥ target, actual, rate: no space between the cells; the unit a percent sign or one or two
# Chinese characters (次, 人次, 个).
_ROW = lazy(
    rf"(?:>=|≥)(?P<t>{_NUM})(?P<tu>%|[\u4e00-\u9fff]{{1,2}}?)(?P<a>{_NUM})"
    rf"(?P<au>%|[\u4e00-\u9fff]{{1,2}}?)(?P<r>{_NUM})%"
)


def _agrees(stated: Decimal, decimals: int, computed: Decimal) -> bool:
    """Rounded to the digits written, or truncated to them."""
    unit = Decimal(1).scaleb(-decimals)
    return abs(computed - stated) <= unit / 2 or stated <= computed < stated + unit


@check(GLUED_INDICATOR_RATE)
def glued_indicator_rate(doc: Document) -> Iterator[Hit | Relation]:
    norm = doc.norm
    if ">=" not in norm and "≥" not in norm:
        return
    for m in _ROW.finditer(norm):
        if m["tu"] != m["au"]:
            continue  # different units: not one indicator's target and actual
        t, a, r = Decimal(m["t"]), Decimal(m["a"]), Decimal(m["r"])
        if t <= 0:
            continue
        decimals = len(m["r"].partition(".")[2])
        computed = a / t * 100
        spans = [(m.start("r"), m.end()), (m.start("t"), m.end("tu")), (m.start("a"), m.end("au"))]
        if _agrees(r, decimals, computed) or (r == 100 and a >= t):
            yield relation("rate", spans, f"{fmt(a)} ÷ {fmt(t)} = {fmt(r)}%")
            continue
        unit = m["tu"]
        yield GLUED_INDICATOR_RATE.hit(
            spans,
            {
                "raw": m[0],
                "target": f"{m['t']}{unit}",
                "actual": f"{m['a']}{unit}",
                "stated": f"{m['r']}%",
                "t": m["t"],
                "a": m["a"],
                "computed": fmt(computed.quantize(Decimal("0.01"))),
            },
        )
