"""An indicator row of a form standing on its own line, cells separated by spaces, that misses
its target with the deviation column left empty (G040).

The row is `name target actual weight score` and nothing after the score: the target and the
actual carry the same unit (a percent or a counting unit; bare numbers could be a funds row's
budget and spending), the weight is at most 100 and the score at most the weight. Rows the
indicator readers already read are left to G001."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from reviewer.checks.registry import Hit, check, rule
from reviewer.claims.indicator_words import lower_is_better
from reviewer.claims.indicators import indicators
from reviewer.document import Document
from reviewer.models import Severity
from reviewer.numbers import UNITS, fmt
from reviewer.regex import lazy

SPACED_ROW_NOT_MET = rule(
    code="G040",
    fix_zh="在偏差原因栏说明未完成的原因和改进措施；若是笔误，更正数值。",
    name="spaced-row-not-met",
    kind="target_not_met",
    severity=Severity.WARNING,
    family="targets",
    title_zh="自评表指标未完成且未说明原因",
    title_en="A form's indicator misses its target with no reason given",
    message_zh="“{name}”目标 {target}，实际 {actual}，未达到目标（得 {score}/{weight} 分），"
    "偏差原因栏为空",
    message_en="'{name}': target {target}, actual {actual}: the target was not met (scored "
    "{score} of {weight}) and the deviation column is empty",
    what="Reads a form's indicator row standing on its own line with its cells separated by "
    "spaces (`指标名 年度指标值 实际完成值 分值 得分`, nothing after the score), the target "
    "and the actual in the same unit, after a heading row `分值 得分`; "
    "fires when the actual falls short of the target (above it when lower is better or the "
    "target is an upper bound).",
    why="A missed target must be explained in the deviation column (偏差原因分析及改进措施); "
    "an empty one leaves the deduction and the miss unaccounted for.",
    example="三级指标 年度 实际 分值 得分 偏差原因分析\n指标值 完成值\n"
    "指标1:设备验收合格率 100% 92% 8 7\n",
    counterexample="三级指标 年度 实际 分值 得分 偏差原因分析\n指标值 完成值\n"
    "指标1:设备验收合格率 ≥90% 92% 8 8\n",
    fix="State why the target was missed and what will be done in the deviation column.",
)

_UNIT = "|".join(re.escape(u) for u in UNITS if u not in ("分", "元", "万元", "亿元"))
_SP = r"[ \t\u3000]+"
_VAL = r"(?P<{c}>[≥≤<>]=?)?(?P<{n}>\d+(?:\.\d+)?)(?P<{u}>{unit})"
_ROW = lazy(
    rf"(?m)(?:^|(?<=\s))(?P<name>\S*[\u4e00-\u9fff]\S*){_SP}"
    + _VAL.format(c="tc", n="t", u="tu", unit=_UNIT)
    + _SP
    + _VAL.format(c="ac", n="a", u="au", unit=_UNIT)
    + rf"{_SP}(?P<w>\d{{1,3}}(?:\.\d+)?){_SP}(?P<s>\d{{1,3}}(?:\.\d+)?)[ \t\u3000]*$"
)
_HEAD = lazy(r"分值[ \t\u3000]*得分")


@check(SPACED_ROW_NOT_MET)
def spaced_row_not_met(doc: Document) -> Iterator[Hit]:
    norm = doc.norm
    head = _HEAD.search(norm)
    if head is None:
        return
    read = [(i.start, i.end) for i in indicators(doc)]
    for m in _ROW.finditer(norm, head.end()):
        if m.group("tu") != m.group("au") or m.group("ac"):
            continue
        if any(s < m.end() and m.start() < e for s, e in read):
            continue
        t, a = Decimal(m.group("t")), Decimal(m.group("a"))
        w, s = Decimal(m.group("w")), Decimal(m.group("s"))
        if not 0 < w <= 100 or s > w:
            continue
        name = m.group("name").split(":")[-1].split("：")[-1]
        lower = m.group("tc") in ("≤", "<", "<=") or lower_is_better(name)
        missed = a > t if lower else a < t
        if not missed:
            continue
        yield SPACED_ROW_NOT_MET.hit(
            [(m.start("a"), m.end("au")), (m.start("t"), m.end("tu"))],
            {
                "name": name,
                "target": f"{m.group('tc') or ''}{m.group('t')}{m.group('tu')}",
                "actual": f"{m.group('a')}{m.group('au')}",
                "weight": fmt(w),
                "score": fmt(s),
            },
        )
