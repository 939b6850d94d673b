"""A first-level indicator's weight against its second-level headings' weights, in any layout.

Forms printed as running text (often scanned and OCR'd) keep their headings with the weight in
brackets: `项目产出(30分) 数量指标(10分) … 质量指标(5分) … 时效指标(5分) … 成本指标(10分) …
项目效益(35分)`. The second-level dimensions of 产出 are 数量 / 质量 / 时效 / 成本, of 效益
经济 / 社会 / 生态效益 and 可持续影响, of 满意度 服务对象满意度; their weights add up to the
first-level weight. A section is read from its heading to the next first-level heading; it is
judged only when every second-level heading in it states a weight, none is named twice, and at
least two are stated. A section the text does not close (no next first-level heading) is judged
only when its headings already weigh more than it.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import NamedTuple

from reviewer.checks.registry import Hit, Relation, check, relation, rule
from reviewer.document import Document
from reviewer.document.script import simplified
from reviewer.models import Severity
from reviewer.numbers import fmt
from reviewer.regex import lazy

DIMENSION_WEIGHTS = rule(
    code="S038",
    fix_zh="核对该一级指标下各二级指标的分值，使其合计等于一级指标分值，或更正一级指标分值。",
    name="dimension-weights-vs-section",
    kind="weight_sum_not_100",
    severity=Severity.WARNING,
    family="scores",
    title_zh="二级指标分值之和与一级指标分值不符",
    title_en="Second-level weights differ from their first-level weight",
    message_zh="“{section}”标明 {stated} 分，而其下二级指标 {expr} = {sum} 分",
    message_en="'{section}' states {stated} points, while its second-level headings add up to "
    "{expr} = {sum}",
    what="Reads first-level headings with their weight (项目产出(30分), 产出指标(50分), 效益指标, "
    "满意度指标) and the second-level headings after them up to the next first-level heading "
    "(数量指标(10分), 质量指标(5分), 时效指标, 成本指标; 经济/社会/生态效益指标, 可持续影响指标; "
    "服务对象满意度指标), in any layout, and compares the sum of the second-level weights with "
    "the first-level weight. Only when every second-level heading of the section states a "
    "weight and at least two do.",
    why="The second-level weights split the first-level one; a different sum means a weight is "
    "wrong (or a dimension is missing), and the form's total cannot be trusted.",
    example="项目产出(30分)数量指标(30分)保障人数102370人2370人10指标2:质量指标(5分)公用经费标准5"
    "达标达标5时效指标(5分)完成时间52021年12月完成2021年12月完成5成本指标(10分)办公所需成本10"
    "15万元15万元10项目效益(35分)\n",
    counterexample="项目产出(30分)数量指标(10分)保障人数102370人2370人10指标2:质量指标(5分)"
    "公用经费标准5达标达标5时效指标(5分)完成时间52021年12月完成2021年12月完成5成本指标(10分)"
    "办公所需成本1015万元15万元10项目效益(35分)\n",
    fix="Make the second-level weights add up to the first-level weight, or correct it.",
)

_WEIGHT = r"\s*[(（]\s*(?P<w>\d{1,3}(?:\.\d+)?)\s*分\s*[)）]"
# Second-level headings, with or without a weight (one without leaves the sum unknown).
_SECOND = lazy(
    r"(?P<name>数量|质量|时效|成本|经济效益|社会效益|生态效益|可持续影响|服务对象满意度)"
    rf"指标(?:{_WEIGHT})?"
)
_FIRST = lazy(rf"(?:项目)?(?P<sec>产出|效益|满意度)(?:指标)?{_WEIGHT}")
_FAMILY = {
    "产出": ("数量", "质量", "时效", "成本"),
    "效益": ("经济效益", "社会效益", "生态效益", "可持续影响"),
    "满意度": ("服务对象满意度",),
}
_WINDOW = 3000


class _Heading(NamedTuple):
    name: str
    weight: Decimal | None
    start: int  # the weight's digits, or the name when it states none
    end: int


def _seconds(norm: str, start: int, end: int) -> list[_Heading]:
    out: list[_Heading] = []
    for m in _SECOND.finditer(norm, start, end):
        if m.group("w") is None:
            out.append(_Heading(m.group("name"), None, m.start(), m.end("name")))
        else:
            out.append(_Heading(m.group("name"), Decimal(m.group("w")), m.start("w"), m.end("w")))
    return out


@check(DIMENSION_WEIGHTS)
def dimension_weights(doc: Document) -> Iterator[Hit | Relation]:
    norm = simplified(doc)  # traditional characters read as simplified, offsets kept
    seconds = {m.start() for m in _SECOND.finditer(norm)}
    firsts = [
        m
        for m in _FIRST.finditer(norm)
        # 经济效益指标(10分) is a second-level heading, not 效益指标(10分)
        if not any(s < m.start("sec") < s + 8 for s in seconds if s <= m.start("sec"))
    ]
    for k, first in enumerate(firsts):
        closed = k + 1 < len(firsts) and firsts[k + 1].start() - first.end() <= _WINDOW
        end = firsts[k + 1].start() if closed else min(len(norm), first.end() + _WINDOW)
        family = _FAMILY[first.group("sec")]
        heads = [h for h in _seconds(norm, first.end(), end) if h.name in family]
        names = [h.name for h in heads]
        if len(heads) < 2 or len(set(names)) != len(names) or any(h.weight is None for h in heads):
            continue
        total = sum((h.weight for h in heads if h.weight is not None), Decimal(0))
        stated = Decimal(first.group("w"))
        spans = [(first.start("w"), first.end("w"))] + [(h.start, h.end) for h in heads]
        expr = " + ".join(f"{h.name}指标 {fmt(h.weight)}" for h in heads if h.weight is not None)
        if total == stated:
            yield relation("sum", spans, f"{expr} = {fmt(stated)}")
            continue
        if not closed and total < stated:
            continue  # the section may go on past what the text shows
        yield DIMENSION_WEIGHTS.hit(
            spans,
            {
                "section": norm[first.start() : first.start("w")].rstrip(" (（"),
                "stated": fmt(stated),
                "expr": expr,
                "sum": fmt(total),
            },
        )
