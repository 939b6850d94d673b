"""A completion rate far below its target, stated in prose as the result (G012).

"补贴金额13.6万元，资金补贴完成率17%，使用补贴资金13.6万元。" A 完成率 is measured against the
task set for the year, so its target is 100%: a stated result far below it is a missed target,
and a reviewer expects the cause and the measure taken. G012 reads:

* a rate named …完成率 in prose (not a table row: no `|` on the line), then optionally
  为 / 达 / 达到 / 仅为 / 只有, then a percent — the result, stated as a plain figure;
* below 60 %: far enough from 100 % that no rounding, partial year or scoring convention
  explains it;
* not a target: no comparator or bound around it (≥, 不低于, 以上, 力争, 目标, 计划, 要求, 预计),
  and not a rate already explained in its sentence or the next (原因, 由于, 因为, 主要是, 受…影响)
  — a miss the report accounts for is not this rule's concern.

A warning: the shortfall is the report's own figure; whether it was justified is for the reader.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from reviewer.checks.quality_common import stop_span
from reviewer.checks.registry import Hit, check, rule
from reviewer.document import Document
from reviewer.models import Severity
from reviewer.regex import lazy

LOW_COMPLETION_RATE = rule(
    code="G012",
    fix_zh="说明完成率偏低的原因和已采取的整改措施，并据实评分。",
    name="low-completion-rate-stated",
    kind="target_not_met",
    severity=Severity.WARNING,
    family="targets",
    title_zh="完成率远低于目标且未说明原因",
    title_en="A completion rate far below its target, unexplained",
    message_zh="报告称“{claim}”：完成率远低于 100% 的目标，未说明原因和整改措施",
    message_en="The report states '{claim}': a completion rate far below its 100% target, with no "
    "cause or corrective measure given",
    what="A rate named …完成率 stated in prose as a plain result below 60% (资金补贴完成率17%), "
    "not a target (no ≥, 以上, 不低于, 目标, 计划, 力争, 预计 around it) and not explained in its "
    "sentence or the next (原因, 由于, 因为, 主要是, 受…影响).",
    why="A completion rate's target is the whole task; a result far below it is a missed target "
    "that a self-evaluation must account for, not state in passing.",
    example="补贴金额13.6万元，资金补贴完成率17%，使用补贴资金13.6万元。\n",
    counterexample="补贴金额13.6万元，资金补贴完成率17%，主要原因是购机农户申报不足。\n",
    fix="State why the rate is low and what was done about it, and score the indicator "
    "accordingly.",
)

_RATE = lazy(
    r"(?P<name>[\u4e00-\u9fff]{0,8}完成率)[ \t]*(?P<verb>为|达|达到|仅为|仅|只有|只达到)?[ \t]*"
    r"(?P<value>\d{1,3}(?:\.\d+)?)[ \t]*[%％]"
)
_LOW = Decimal(60)
# Words that make the figure a target or a bound, not a result.
_TARGET = lazy(r"≥|>=|≤|不低于|不少于|以上|以内|力争|目标|计划|要求|预计|确保|指标值|年度指标")
_AFTER_TARGET = lazy(r"^[ \t]*(?:以上|及以上|左右|以内|或以上)")
# Words that explain the shortfall.
_EXPLAINED = lazy(r"原因|由于|因为|主要是|受[^。；;\n]{0,20}影响|导致|致使")
_STOPS = "。；;!！?？\n"


@check(LOW_COMPLETION_RATE)
def low_completion_rate(doc: Document) -> Iterator[Hit]:
    norm = doc.norm
    for m in _RATE.finditer(norm):
        value = Decimal(m.group("value"))
        if value >= _LOW:
            continue
        line_start = norm.rfind("\n", 0, m.start()) + 1
        line_end = norm.find("\n", m.end())
        line_end = len(norm) if line_end < 0 else line_end
        if "|" in norm[line_start:line_end] or "\t" in norm[line_start:line_end]:
            continue  # a table row: the indicator table's own columns judge it
        start, end = stop_span(norm, _STOPS, m.start())
        if _TARGET.search(norm, start, end) or _AFTER_TARGET.match(norm, m.end()):
            continue
        _, next_end = stop_span(norm, _STOPS, min(end + 1, len(norm)))
        if _EXPLAINED.search(norm, start, max(end, next_end)):
            continue
        yield LOW_COMPLETION_RATE.hit(
            [(m.start("name"), m.end())], {"claim": norm[m.start("name") : m.end()]}
        )
