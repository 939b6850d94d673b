"""An indicator whose result is words saying it is not done, with no reason given (G016).

An indicator table row gives a figure as the target (`新建全民健身中心数量 | 1 | 建设中`) and, as
the year's result, words that say the work is not finished: 建设中, 在建, 推进中, 未完成, 未完工,
尚未开工 … Such a row has missed its target whatever the figure: nothing was delivered in the year.
The form's 未完成原因 (偏差原因) column is there for that case; a reviewer asks for the cause and
the remedy when it is left empty.

Read on pipe or tab rows under a header that names an actual column (实际完成值, 实际值, 完成值)
and a reason column (…原因…): a cell that is only a figure (a unit or comparator allowed) followed
by a cell that is only such words, with every cell after it empty. A reason in the row, a result
that is a figure or a done-word (已完成, 完工), a target in words, or no reason column keeps it
silent.
"""

from __future__ import annotations

from collections.abc import Iterator

from reviewer.checks.registry import Hit, check, rule
from reviewer.document import Document
from reviewer.document.tables import split_cells
from reviewer.models import Severity
from reviewer.regex import lazy

UNFINISHED_NO_REASON = rule(
    code="G016",
    fix_zh="如实填写未完成原因和改进措施，并按实际完成程度计分；已完成的，填写实际完成值。",
    name="unfinished-actual-no-reason",
    kind="target_not_met",
    severity=Severity.WARNING,
    family="targets",
    title_zh="指标实际为“未完成”状态，未说明原因",
    title_en="An indicator reported as not done, with no reason given",
    message_zh="“{name}”目标 {target}，全年实际完成值为“{actual}”，即年内未完成，"
    "而“未完成原因和改进措施”为空",
    message_en="'{name}' targets {target}, and its result for the year is '{actual}', i.e. not "
    "done, while the reason-and-remedy cell is empty",
    what="An indicator table row (pipe or tab) under a header with an actual column and a "
    "reason column, whose target is a figure and whose actual is words saying the work is "
    "not done (建设中, 在建, 推进中, 未完成, 未完工, 尚未开工 …), with the cells after it empty.",
    why="A numeric target with a result that is still under way is a missed target for the "
    "year; the form asks for the cause and the remedy, and the score should reflect it.",
    example="二级指标 | 三级指标 | 指标值 | 全年实际完成值 | 未完成原因和改进措施\n"
    "数量指标 | 新建全民健身中心数量 | 1 | 建设中 |\n",
    counterexample="二级指标 | 三级指标 | 指标值 | 全年实际完成值 | 未完成原因和改进措施\n"
    "数量指标 | 新建全民健身中心数量 | 1 | 建设中 | 受土地报批影响开工推迟，2024年6月竣工\n",
    fix="Give the cause and the remedy in the reason column, and score the indicator by what "
    "was done; if it was done, state the actual value.",
)

_HEAD_ACTUAL = lazy(r"实际完成值|实际值|完成值|实际完成情况|实际完成")
_HEAD_REASON = lazy(r"原因")
_FIGURE = lazy(r"(?:[≥≤><=]|不低于|不少于|不超过)?\s*\d+(?:\.\d+)?\s*[\u4e00-\u9fff%㎡]{0,4}")
# Words saying the work is under way or not done, as the whole cell.
_UNFINISHED = lazy(
    r"(?:(?:仍|尚|正)(?:在|处于)?)?(?:建设中|在建|在建中|推进中|施工中|实施中|进行中|筹建中|"
    r"未完成|尚未完成|未完工|尚未完工|未开工|尚未开工|未建成|尚未建成|前期工作中|正在建设|正在施工)"
)
_HEADER_REACH = 12  # lines from a header to the rows it heads


@check(UNFINISHED_NO_REASON)
def unfinished_no_reason(doc: Document) -> Iterator[Hit]:
    header_at = -_HEADER_REACH - 1
    for line in doc.lines:
        text = line.stripped
        sep = "|" if "|" in text else "\t" if "\t" in text else ""
        if not sep:
            continue
        if _HEAD_ACTUAL.search(text) and _HEAD_REASON.search(text):
            header_at = line.index
            continue
        if line.index - header_at > _HEADER_REACH:
            continue
        cells = split_cells(line, sep)
        for i in range(1, len(cells) - 1):
            target, actual = cells[i], cells[i + 1]
            if not _UNFINISHED.fullmatch(actual.text) or not _FIGURE.fullmatch(target.text):
                continue
            if any(c.text for c in cells[i + 2 :]):
                break  # a reason is given
            name = cells[i - 1].text
            if not name or _FIGURE.fullmatch(name):
                break
            yield UNFINISHED_NO_REASON.hit(
                [(cells[max(0, i - 1)].start, actual.end)],
                {"name": name, "target": target.text, "actual": actual.text},
            )
            break
