"""An indicator whose direction contradicts its comparator: marked 正向 (more is better) with
an upper bound (小于等于, ≤, 不超过), or 反向 (less is better) with a lower bound (大于等于, ≥,
不低于). Read from an indicator form's cells in order (pipe rows or one cell per line): the
direction cell and the comparator cell right after it."""

from __future__ import annotations

from collections.abc import Iterator

from reviewer.checks.registry import Hit, check, rule
from reviewer.document import Document
from reviewer.document.script import simplified
from reviewer.models import Severity
from reviewer.regex import lazy

DIRECTION_VS_COMPARATOR = rule(
    code="Q110",
    fix_zh="核对指标方向与比较符：正向指标用“≥/大于等于”，反向指标用“≤/小于等于”，"
    "确属上限控制的指标应标为反向。",
    name="direction-vs-comparator",
    kind="contradiction",
    severity=Severity.INFO,
    family="quality",
    title_zh="指标方向与比较符相反",
    title_en="An indicator's direction contradicts its comparator",
    message_zh="指标{name}标为“{direction}”，比较符却是“{comparator}”：{why_zh}，"
    "方向与比较符互相矛盾，完成与否无法按表判断",
    message_en="The indicator{name_en} is marked '{direction}' but its comparator is "
    "'{comparator}': {why_en}; direction and comparator contradict each other",
    what="Finds, in an indicator form read cell by cell, a direction cell 正向 followed right "
    "away by an upper-bound comparator (小于等于, 小于, ≤, <, 不超过, 不高于), or 反向 followed "
    "by a lower bound (大于等于, 大于, ≥, >, 不低于, 不少于). Other pairings, and a direction "
    "with no comparator cell right after it, stay silent.",
    why="正向 means more is better and sets a floor; an upper bound on such an indicator "
    "scores less as better, so the target and its scoring cannot both be right.",
    example="指标2:宣传美工制作个数(个) |\n正向 |\n小于等于 |\n1 |\n1 |\n个 |\n",
    counterexample="指标2:宣传美工制作个数(个) |\n正向 |\n大于等于 |\n1 |\n1 |\n个 |\n",
    fix="Match direction and comparator: ≥ for a 正向 indicator, ≤ for a 反向 one; an "
    "indicator meant as a ceiling is 反向.",
)

_DIRECTION = lazy(r"(?P<d>正向|反向)(?:指标)?")
_UPPER = lazy(r"小于等于|小于|≤|<=|<|＜|不超过|不高于|不大于")
_LOWER = lazy(r"大于等于|大于|≥|>=|>|＞|不低于|不少于|不小于")
_CELL = lazy(r"[^|\t\n]+")
_NAME = lazy(r"[\u4e00-\u9fff]")


@check(DIRECTION_VS_COMPARATOR)
def direction_vs_comparator(doc: Document) -> Iterator[Hit]:
    text = simplified(doc)
    if "正向" not in text and "反向" not in text:
        return
    prev: tuple[int, int] | None = None  # the last non-empty cell before the current one
    last: tuple[int, int] | None = None
    for m in _CELL.finditer(text):
        lo, hi = m.start(), m.end()
        while lo < hi and text[lo] in " \u3000":
            lo += 1
        while hi > lo and text[hi - 1] in " \u3000\r":
            hi -= 1
        if lo == hi:
            continue
        if last is not None and _DIRECTION.fullmatch(text, *last):
            d = text[last[0] : last[0] + 2]
            bound = _UPPER if d == "正向" else _LOWER
            if bound.fullmatch(text, lo, hi):
                yield _hit(doc, prev, last, (lo, hi), d)
        prev, last = last, (lo, hi)


def _hit(
    doc: Document,
    name: tuple[int, int] | None,
    direction: tuple[int, int],
    comparator: tuple[int, int],
    d: str,
) -> Hit:
    norm = doc.norm
    label = norm[name[0] : name[1]] if name and _NAME.search(norm, *name) else ""
    spans = [s for s in (name if label else None, direction, comparator) if s is not None]
    upper = d == "正向"
    return DIRECTION_VS_COMPARATOR.hit(
        spans,
        {
            "name": f"“{label}”" if label else "",
            "name_en": f" '{label}'" if label else "",
            "direction": norm[direction[0] : direction[1]],
            "comparator": norm[comparator[0] : comparator[1]],
            "why_zh": "正向指标越大越好，应设下限" if upper else "反向指标越小越好，应设上限",
            "why_en": "a 正向 indicator is better when larger and takes a floor"
            if upper
            else "a 反向 indicator is better when smaller and takes a ceiling",
        },
    )
