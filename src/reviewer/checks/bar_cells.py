"""A met indicator scored down in a form written one cell per line between `|` lines (S036).

Some flattened forms put every cell on a line of its own with a line holding only `|` between
cells (an empty cell is two `|` lines in a row), and no mark where a row ends:

    目标名称 | 目标值 | 评价指标 | 标准值 | 目标完成值 | 评价指标值 | 权重分值 | 评分规则 | 得分
    2.财务管理 | 支出符合财务管理制度规定 | 财务管理规范度 | 100% | 符合财务管理制度规定 | …
      | 2 | … | 1.5

S036 reads:

* the cells of such a run (at least 20 cells, every other line a lone `|`);
* the header: the cells up to the first 得分 cell, with a target column (目标值, 标准值, 指标值),
  an actual column (目标完成值, 完成值, 实际值, 实际完成值) and a weight column (权重分值, 分值,
  权重), the first of each list the header holds once, and no deviation-reason column (偏差原因,
  扣分原因, 说明);
* the row width: the one, among the header's trailing widths, that puts a plain number in the
  得分 column of most chunks after the header (the header may open with group cells such as
  绩效目标设置情况 that no row has);
* a row whose actual is the target's words (the same text, or the target's text with a lead such
  as 支出 left off; no digits in either) and whose score is below its weight.

A warning when the actual repeats the target exactly, info when it is the target less a lead: the
form gives no reason for the deduction (it has no column for one).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import NamedTuple

from reviewer.checks.registry import Hit, check, rule
from reviewer.document import Document
from reviewer.document.document import Line
from reviewer.models import Severity
from reviewer.numbers import fmt
from reviewer.regex import lazy

MET_SCORED_DOWN_BAR_CELLS = rule(
    code="S036",
    fix_zh="目标已完成的指标应得满分；确有扣分理由的，写明扣分原因。",
    name="met-row-scored-down-bar-cells",
    kind="score_formula",
    severity=Severity.WARNING,
    family="scores",
    title_zh="指标完成值即目标值却未得满分，未写扣分原因",
    title_en="An indicator whose actual is its target, scored below its weight, no reason given",
    message_zh="“{name}”目标值“{target}”，完成值“{actual}”（已完成），分值 {weight} 分却得 "
    "{score} 分，表中未写扣分原因",
    message_en="'{name}': target '{target}', actual '{actual}' (met), yet it scores {score} of "
    "{weight}; the form gives no reason for the deduction",
    what="In a form flattened one cell per line with lone `|` lines between cells, reads the "
    "header's target, actual, weight and score columns and the row width, and finds rows whose "
    "actual is the target's words (no digits) scored below their weight, with no reason column.",
    why="A target met earns its full weight under every scoring rule; a deduction the form does "
    "not explain makes the score unverifiable.",
    example="目标名称\n|\n目标值\n|\n目标完成值\n|\n权重分值\n|\n得分\n|\n"
    "1.资金管理\n|\n专账核算\n|\n专账核算\n|\n2\n|\n2\n|\n"
    "2.财务管理\n|\n符合财务制度\n|\n符合财务制度\n|\n2\n|\n1.5\n|\n"
    "3.项目管理\n|\n按期完成\n|\n按期完成\n|\n3\n|\n3\n|\n"
    "4.档案管理\n|\n资料齐全\n|\n资料齐全\n|\n3\n|\n3\n",
    counterexample="目标名称\n|\n目标值\n|\n目标完成值\n|\n权重分值\n|\n得分\n|\n"
    "1.资金管理\n|\n专账核算\n|\n专账核算\n|\n2\n|\n2\n|\n"
    "2.财务管理\n|\n符合财务制度\n|\n部分支出手续不全\n|\n2\n|\n1.5\n|\n"
    "3.项目管理\n|\n按期完成\n|\n按期完成\n|\n3\n|\n3\n|\n"
    "4.档案管理\n|\n资料齐全\n|\n资料齐全\n|\n3\n|\n3\n",
    fix="Score a met indicator in full, or state the reason for the deduction.",
)

_TARGETS = ("目标值", "年度目标值", "指标值", "标准值")
_ACTUALS = ("目标完成值", "实际完成值", "全年实际值", "完成值", "实际值")
_WEIGHTS = ("权重分值", "分值", "权重")
_SCORE = lazy(r"^得分$")
_REASON = lazy(r"原因|说明")
_POINTS = lazy(r"^\d{1,3}(?:\.\d+)?$")
_DIGIT = lazy(r"\d")
_MIN_CELLS = 20


class _Cell(NamedTuple):
    text: str
    start: int
    end: int


def _runs(doc: Document) -> Iterator[list[_Cell]]:
    """Runs of cells separated by lone `|` lines (blank lines ignored)."""
    run: list[_Cell] = []
    # The line of the cell read last, made a `_Cell` only when a run takes it (most lines of
    # a long report are never in a run).
    pending: Line | None = None
    bars = 0
    for ln in doc.lines:
        text = ln.stripped
        if not text:
            continue
        if text == "|":
            run.append(_cell(pending) if pending is not None else _Cell("", ln.start, ln.start))
            pending = None
            bars += 1
            continue
        if pending is not None:  # two cell lines in a row: the run ends
            if bars * 2 >= _MIN_CELLS:
                yield [*run, _cell(pending)]
            run, bars = [], 0
        pending = ln
    if pending is not None:
        run.append(_cell(pending))
    if bars * 2 >= _MIN_CELLS:
        yield run


def _cell(ln: Line) -> _Cell:
    text = ln.stripped
    at = ln.start + ln.text.index(text)
    return _Cell(text, at, at + len(text))


def _met(target: str, actual: str) -> str | None:
    """'exact', 'lead' (the target less a lead), or None."""
    if not target or not actual or _DIGIT.search(target) or _DIGIT.search(actual):
        return None
    if target == actual:
        return "exact"
    if len(actual) >= 4 and target.endswith(actual) and len(target) - len(actual) <= 3:
        return "lead"
    return None


def _rows(cells: list[_Cell]) -> Iterator[tuple[list[_Cell], int, int, int, int]]:
    head_end = next((i for i, c in enumerate(cells) if _SCORE.match(c.text)), None)
    if head_end is None or head_end < 3:
        return
    header = cells[: head_end + 1]
    if any(_REASON.search(c.text) for c in header):
        return
    col = {}
    for name, names in (("t", _TARGETS), ("a", _ACTUALS), ("w", _WEIGHTS)):
        # The first name of the list the header holds once (目标值 before 标准值).
        for label in names:
            found = [i for i, c in enumerate(header) if c.text == label]
            if len(found) == 1:
                col[name] = found[0] - head_end  # offset from the score column (negative)
                break
        else:
            return
    body = cells[head_end + 1 :]
    best, best_hits = None, 0
    for width in range(-min(col.values()) + 1, len(header) + 1):
        chunks = [body[i : i + width] for i in range(0, len(body) - width + 1, width)]
        hits = sum(1 for ch in chunks if _POINTS.match(ch[-1].text))
        if chunks and hits * 2 > len(chunks) and hits > best_hits:
            best, best_hits = width, hits
    if best is None:
        return
    for i in range(0, len(body) - best + 1, best):
        row = body[i : i + best]
        yield row, best - 1, best - 1 + col["t"], best - 1 + col["a"], best - 1 + col["w"]


@check(MET_SCORED_DOWN_BAR_CELLS)
def met_scored_down_bar_cells(doc: Document) -> Iterator[Hit]:
    for cells in _runs(doc):
        for row, si, ti, ai, wi in _rows(cells):
            score, weight = row[si], row[wi]
            if not (_POINTS.match(score.text) and _POINTS.match(weight.text)):
                continue
            s, w = Decimal(score.text), Decimal(weight.text)
            if not (0 <= s < w):
                continue
            how = _met(row[ti].text, row[ai].text)
            if how is None:
                continue
            yield MET_SCORED_DOWN_BAR_CELLS.hit(
                [
                    (score.start, score.end),
                    (weight.start, weight.end),
                    (row[ai].start, row[ai].end),
                    (row[ti].start, row[ti].end),
                ],
                {
                    "name": row[0].text,
                    "target": row[ti].text,
                    "actual": row[ai].text,
                    "weight": fmt(w),
                    "score": fmt(s),
                },
                severity=Severity.WARNING if how == "exact" else Severity.INFO,
            )
