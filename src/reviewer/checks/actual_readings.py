"""Readings of results that are not results, for the missing-actuals rule (Q003).

* `targets_as_actuals`: a result stated as its target — in a completion part (…完成情况分析,
  实际完成值), an indicator line whose only figure carries a comparator
  (服务对象满意度:服务对象满意度≥80%); or in a table with an actual column, a target cell
  (≥80%) repeated as is in the next cell. A measured value (实际达95%) beside it, or a line
  that names the target as such (目标值≥80%), is a result and stays silent.
* `duties_as_actuals`: a form's 实际完成情况 cell under 预期目标 that lists standing duties
  (负责…, 承担…, two or more) with no figure, instead of what was done in the year.

Readings, not rules: `quality_missing_actuals.missing_actuals` reports them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from reviewer import regex as rx
from reviewer.checks.goal_forms import form_goals
from reviewer.claims.sections import section_path
from reviewer.document import Document
from reviewer.regex import lazy

_BOUND = r"(?:≥|≤|>=|<=|＞|＜|>|<|大于等于|小于等于|不低于|不少于|不高于|不超过)"
# An indicator line: its name, a colon, then text whose only figure is a bound. The name may
# open with an item number (4.) and close with its points (成本指标(自评得分10分)): neither is a
# result.
_ITEM_NO = r"(?:\d{1,2}[.、．](?!\d)|[(（]\d{1,2}[)）])?"
_POINTS = r"(?:[(（](?:自评)?(?:得分|分值|权重)?\d+(?:\.\d+)?分[)）])?"
_BOUND_LINE = lazy(
    rf"^[ \t]*{_ITEM_NO}[ \t]*(?P<name>[^:：\n\d|]{{2,30}}{_POINTS})[:：][ \t]*"
    rf"(?P<value>[^\n\d|]{{0,30}}?{_BOUND}"
    r"[ \t]*\d+(?:\.\d+)?[ \t]*(?:%|％|‰)?)[ \t]*[。.；;]?[ \t]*$",
    re.MULTILINE,
)
_BOUND_VALUE = lazy(rf"{_BOUND}[ \t]*\d+(?:\.\d+)?[ \t]*(?:%|％|‰)?")
_COMPLETION_TITLE = lazy(r"完成情况|完成值|实现情况|实际完成|完成程度")
_TARGET_WORDS = lazy(r"目标|指标值|计划|预期|要求|标准")
_BOUND_CELL = lazy(rf"^{_BOUND}[ \t]*\d+(?:\.\d+)?[ \t]*(?:%|％|‰)?$")
_ACTUAL_HEADER = lazy(r"实际完成值|实际值|完成值|实际完成情况")
_HEADER_REACH = 2000


class ActualSpan(NamedTuple):
    start: int
    end: int
    value: str  # what stands where the result should be (≥80%, 负责…)


def targets_as_actuals(doc: Document) -> Iterator[ActualSpan]:
    norm = doc.norm
    if not rx.search(_BOUND, norm):
        return
    for m in _BOUND_LINE.finditer(norm):
        line = m.group()
        if _TARGET_WORDS.search(line):
            continue  # the line names the target as such
        if not any(_COMPLETION_TITLE.search(s.title) for s in section_path(doc, m.start())):
            continue  # a goals part states targets: that is their place
        bound = _BOUND_VALUE.search(m.group("value"))
        value = bound.group() if bound else m.group("value").strip()
        yield ActualSpan(m.start("name"), m.end("value"), value)
    yield from _copied_bound_cells(doc)


def _copied_bound_cells(doc: Document) -> Iterator[ActualSpan]:
    """A target cell with a bound (≥80%) repeated as is in the next cell of a table row, under
    a header that names an actual column."""
    norm = doc.norm
    if "|" not in norm:
        return
    for line in doc.lines:
        if line.text.count("|") < 2:
            continue
        cells = [(c.start(), c.end()) for c in rx.finditer(r"[^|]+", line.text)]
        texts = [line.text[a:b].strip() for a, b in cells]
        for i in range(len(cells) - 1):
            if not texts[i] or texts[i] != texts[i + 1] or not _BOUND_CELL.match(texts[i]):
                continue
            if not _ACTUAL_HEADER.search(norm, max(0, line.start - _HEADER_REACH), line.start):
                continue
            a, b = cells[i + 1]
            lead = len(line.text[a:b]) - len(line.text[a:b].lstrip())
            start = line.start + a + lead
            yield ActualSpan(start, start + len(texts[i + 1]), texts[i + 1])
            break


_DUTY = lazy(r"(?:^|[;；。,，])\s*(?:负责|承担|履行|组织实施|指导|协调)")


def duties_as_actuals(doc: Document) -> Iterator[ActualSpan]:
    norm = doc.norm
    if "负责" not in norm and "承担" not in norm:
        return
    for g in form_goals(doc):
        for cell in g.cells[1::2]:  # goal, completion, goal, completion …
            if rx.search(r"\d", cell) or len(_DUTY.findall(cell)) < 2:
                continue
            at = norm.find(cell[:20], g.start, g.end + 1)
            if at < 0:
                continue
            yield ActualSpan(at, at + len(cell), cell)
