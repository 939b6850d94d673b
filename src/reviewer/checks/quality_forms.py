"""Report quality, published forms: a 自评表's placeholder rows left in (指标2, ……) and indicator
rows whose 完成值 or 得分 cell is blank.

Published forms reach the reader flattened: `|`-separated cells (a row per line, or a cell per
line ending in `|`), tab-separated cells, one cell per line, or cells run together with spaces.
`cells` reads all of them into one stream of cells with their offsets; the checks read the
stream, not a detected table, so ragged rows and merged leading cells do not matter: a blank
cell is located from the row's own comparator or target cell, whose column the header gives.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from reviewer import regex as rx
from reviewer.checks.registry import Hit, check, rule
from reviewer.claims.vocabulary import COMPARATOR_ALT
from reviewer.document import Document
from reviewer.document.tables import Cell, line_cells
from reviewer.models import Severity
from reviewer.regex import lazy

PLACEHOLDER_ROW = rule(
    code="Q016",
    fix_zh="删除表中未使用的“指标2”“……”等占位行，或填写指标名称、指标值、完成值和得分。",
    name="placeholder-row",
    kind="template_residue",
    severity=Severity.INFO,
    family="quality",
    title_zh="绩效指标表留有模板占位行",
    title_en="Placeholder rows left in the indicator table",
    message_zh="绩效指标表中留有{count}个模板占位行（{examples}），未填写指标名称和数值，"
    "应删除或填写完整",
    message_en="The indicator table keeps {count} placeholder rows of the form ({examples}) "
    "with no indicator name or values; delete them or fill them in",
    what="Finds the form's placeholder rows left in an indicator table: a row labelled only "
    "指标1 / 指标2 / 指标3 (no indicator name) or only …… , in any flattened layout. All such "
    "rows of a report are one finding with their count and every span.",
    why="The 自评表 template ships with numbered blank rows; leaving them shows the form was "
    "not finished, and a blank row under a scored category hides whether an indicator is "
    "missing.",
    example="三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分\n"
    "指标1工程完工率 | 100 | 100 | 10 | 10\n指标2 |  |  |  | \n…… |  |  |  | ",
    counterexample="三级指标 | 年度指标值 | 实际完成值\n指标2工程验收合格率 | 100 | 100\n"
    "详见指标2的说明……",
    fix="Delete unused placeholder rows, or give each its indicator name, target, actual and "
    "score.",
)

BLANK_CELL = rule(
    code="Q017",
    fix_zh="填写每项指标的实际完成值和得分；确实无法取得的，在偏差原因栏说明。",
    name="blank-indicator-cell",
    kind="blank_cell",
    severity=Severity.WARNING,
    family="quality",
    title_zh="绩效指标的完成值或得分为空",
    title_en="Indicator with a blank actual value or score",
    message_zh="绩效指标表中{what_zh}（{names}），该指标是否完成、得分是否合理无法核对",
    message_en="In the indicator table {what_en} ({names}), so whether it was met and how it "
    "was scored cannot be checked",
    what="In an indicator table whose header names the target (指标值) and the actual "
    "(完成值) or score (得分) columns, finds rows that state a target but leave the 完成值 or "
    "得分 cell empty. The row is located from its own comparator or target cell, so merged "
    "leading cells and ragged rows do not shift the columns. One finding per report, with the "
    "count and every row.",
    why="A self-evaluation scores each indicator against its actual value; an empty 完成值 or "
    "得分 cell leaves the indicator unreported and the total score unexplained.",
    example="一级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 完成值 | 权重 | 得分\n"
    "产出指标 | 发放覆盖率 | = | 100 | % |  | 60 | ",
    counterexample="一级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 完成值 | 权重 | 得分\n"
    "产出指标 | 发放覆盖率 | = | 100 | % | 100 | 60 | 60",
    fix="Fill in every indicator's actual value and score, or explain in the deviation column "
    "why the value is not available.",
)


WORD_ACTUAL = rule(
    code="Q018",
    fix_zh="在完成值栏填写与指标值同一计量单位的实际数值（如“≤30万元”对应“28.6万元”），"
    "不要只写“完成”。",
    name="word-for-actual",
    kind="missing_actuals",
    severity=Severity.WARNING,
    family="quality",
    title_zh="量化指标的完成值只写了“完成”等文字",
    title_en="A quantified indicator's actual is a word, not a value",
    message_zh="{count}项量化指标的完成值只写了文字、没有数值（{pairs}），无法判断是否达到目标值"
    "{times_zh}",
    message_en="{count} quantified indicators give a word instead of a value as the actual "
    "({pairs}), so nobody can tell whether the target was met{times_en}",
    what="In an indicator table, finds rows whose target (指标值) is a number but whose actual "
    "(完成值) cell holds only words such as 完成, 已完成, 达标, 满意 (no figure). One finding "
    "per report with every row.",
    why="A quantified target is met or missed by a measured value; '完成' next to '≤30万元' "
    "does not say what was spent or achieved, so the score behind it cannot be checked.",
    example="一级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 完成值 | 权重 | 得分\n"
    "产出指标 | 成本控制数 | ≤ | 30 | 万元 | 完成 | 90 | 90",
    counterexample="一级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 完成值 | 权重 | 得分\n"
    "产出指标 | 成本控制数 | ≤ | 30 | 万元 | 28.6 | 90 | 90\n"
    "质量指标 | 验收情况 | 定性 | 合格 | | 合格 | 10 | 10",
    fix="Write the measured value in the target's unit ('28.6万元' against '≤30万元'), not '完成'.",
)


# ---------------------------------------------------------------- the cell stream


def cells(doc: Document) -> list[Cell]:
    """Every cell of the text in reading order: a line split at `|` or tabs (a line ending in
    `|` closes its last cell), a line without separators as one cell, a line of spaces only as
    an empty cell (empty lines separate cells), and a long line of space-separated short
    tokens (cells run together) as one cell per token."""

    def build(d: Document) -> list[Cell]:
        out: list[Cell] = []
        shared = line_cells(d)  # a one-cell line's cell, as the table reader made it
        for line in d.lines:
            text = line.text
            if "|" in text or "\t" in text:
                pieces = rx.split(r"[|\t]", text)
                if text.rstrip().endswith("|"):
                    pieces = pieces[:-1]
                pos = line.start
                for p in pieces:
                    out.append(_cell(p, pos))
                    pos += len(p) + 1
            elif len(text) >= 16 and _RUN_TOGETHER.search(text):  # 8 tokens, 8 spaces at least
                for m in rx.finditer(r"\S+", text):
                    out.append(Cell(m.group(), line.start + m.start(), line.start + m.end()))
            elif text.strip():
                same = shared[line.index]
                out.append(same if same is not None else _cell(text, line.start))
            elif text:
                # a line of spaces (a web page's &nbsp; cell) between blank separator lines
                out.append(Cell("", line.start, line.start))
        return out

    return doc.cached("q_cells", build)


def _cell(piece: str, pos: int) -> Cell:
    lead = len(piece) - len(piece.lstrip())
    t = piece.strip()
    return Cell(t, pos + lead, pos + lead + len(t))


# Eight or more short tokens separated by spaces: cells of a form run together on one line.
_RUN_TOGETHER = lazy(r"^(?:\s*[^\s。]{1,24}\s+){8,}")
_TABLE_WORD = lazy(r"三级指标|二级指标|年度指标值|指标值|完成值|绩效指标")


# ---------------------------------------------------------------- Q016 placeholder rows

_PLACEHOLDER_CELL = lazy(r"^(?:指标\s*\d{1,2}|…{1,}|\.{3,}|。{3,}|…+\s*…+)$")
# "10……总分": the …… row between a previous row's last value and the next row's label.
_RUN_ELLIPSIS = lazy(r"(?<=[\d%])(?:…{2,}|\.{6,})(?=[\u4e00-\u9fff])")
_CATEGORY = lazy(r"(?:数量|质量|时效|成本|效益|经济效益|社会效益|生态效益|可持续影响|满意度)指标?$")


@check(PLACEHOLDER_ROW)
def placeholder_rows(doc: Document) -> Iterator[Hit]:
    first_table = _TABLE_WORD.search(doc.norm)
    if first_table is None:
        return
    cs = cells(doc)
    found: list[Cell] = []
    for i, c in enumerate(cs):
        if c.start < first_table.start() or not _PLACEHOLDER_CELL.match(c.text):
            continue
        if not c.text.startswith("指标") and not _near_indicator_rows(cs, i):
            continue  # a line of dots in prose is an ellipsis, not a form row
        found.append(c)
    # cells run together without separators: a value, then the …… row, then the next cell
    for m in _RUN_ELLIPSIS.finditer(doc.norm, first_table.start()):
        if not any(c.start <= m.start() < c.end and c.text == m.group() for c in found):
            found.append(Cell(m.group(), m.start(), m.end()))
    found.sort(key=lambda c: c.start)
    if not found:
        return
    examples = "、".join(dict.fromkeys(c.text for c in found))
    yield PLACEHOLDER_ROW.hit(
        [(c.start, c.end) for c in found],
        {"count": len(found), "examples": examples},
    )


def _near_indicator_rows(cs: list[Cell], i: int) -> bool:
    """An indicator category or a numbered indicator (指标2, 指标1工程完工率) within the sixteen
    cells before `i`."""
    window = cs[max(0, i - 16) : i]
    return any(_CATEGORY.search(c.text) or _NUMBERED.match(c.text) for c in window)


_NUMBERED = lazy(r"^指标\s*\d{1,2}")


# ---------------------------------------------------------------- Q017 blank cells

_HEAD_CELL = lazy(
    r"^(?:一级指标|二级指标|三级指标|指标名称|指标内容|指标性质|年度指标值|指标值|目标值|度量单位|"
    r"计量单位|全年完成值|实际完成值|完成值|实际值|分值|权重|得分|偏差原因.*|未完成原因.*|备注)$"
)
_VALUE_HEAD = lazy(r"^(?:年度指标值|全年指标值|指标值|目标值|年度目标值)$")
_ACTUAL_HEAD = lazy(r"^(?:全年完成值|实际完成值|完成值|实际值)$")
_WEIGHT_HEAD = lazy(r"^(?:分值|权重)$")
_SCORE_HEAD = lazy(r"^得分$")
_KIND_HEAD = lazy(r"^指标性质$")
_COMPARATOR_CELL = lazy(rf"^(?:{COMPARATOR_ALT}|定性|定量)$")
_TARGET_CELL = lazy(rf"^(?:{COMPARATOR_ALT})?\s*\d")
_END_CELL = lazy(r"^(?:合计|总分|评价结论|存在问题|改进措施|序号)")


def is_header_cell(text: str) -> bool:
    """Whether `text` is an indicator table's column header (三级指标, 完成值, 偏差原因分析…)."""
    return bool(_HEAD_CELL.match(text))


class _Header(NamedTuple):
    at: int  # index of the header's first cell in the stream
    end: int  # index after its last cell
    kind: int | None  # column numbers, counted in columns (a split header cell is one column)
    value: int
    actual: int | None
    weight: int | None
    score: int | None
    width: int  # number of columns


# The first half of a header cell broken over two lines: 年度 / 指标值, 实际 / 完成值.
_HEAD_FRAGMENT = lazy(r"^(?:年度|全年|实际|年初|目标|计划)$")


def _headers(cs: list[Cell]) -> list[_Header]:
    out: list[_Header] = []
    i = 0
    while i < len(cs):
        j = i
        run: list[str] = []
        while j < len(cs):
            t = cs[j].text
            if _HEAD_CELL.match(t):
                run.append(t)
                j += 1
            elif (
                len(t) <= 3  # a fragment is two characters
                and _HEAD_FRAGMENT.match(t)
                and j + 1 < len(cs)
                and _HEAD_CELL.match(cs[j + 1].text)
            ):
                run.append(t + cs[j + 1].text)  # 年度 + 指标值 = one column
                j += 2
            else:
                break
        if len(run) >= 4:
            value = _col(run, _VALUE_HEAD)
            actual, score = _col(run, _ACTUAL_HEAD), _col(run, _SCORE_HEAD)
            if value is not None and (actual is not None or score is not None):
                kind, weight = _col(run, _KIND_HEAD), _col(run, _WEIGHT_HEAD)
                out.append(_Header(i, j, kind, value, actual, weight, score, len(run)))
            i = j
        else:
            i += 1
    return out


def _cells_on_line(doc: Document, cs: list[Cell], i: int) -> int:
    line = doc.line_at(cs[i].start)
    n = 1
    for step in (-1, 1):
        k = i + step
        while 0 <= k < len(cs) and line.start <= cs[k].start <= line.end:
            n += 1
            k += step
    return n


def _col(run: list[str], pat: re.Pattern[str]) -> int | None:
    return next((k for k, t in enumerate(run) if pat.match(t)), None)


class Row(NamedTuple):
    """An indicator row read under a header: its name, target, actual, weight and score cells
    (None when the header has no such column or the row is cut short)."""

    name: Cell
    target: Cell
    actual: Cell | None
    weight: Cell | None
    score: Cell | None


def indicator_rows(doc: Document) -> list[Row]:
    """Indicator rows of every indicator table, located from each row's own comparator cell
    (指标性质 column) or target cell, so merged leading cells do not shift the columns."""

    def build(d: Document) -> list[Row]:
        cs = cells(d)
        heads = _headers(cs)
        out: list[Row] = []
        for n, h in enumerate(heads):
            stop = heads[n + 1].at if n + 1 < len(heads) else len(cs)
            out.extend(_rows(d, cs, h, stop))
        return out

    return doc.cached("q_indicator_rows", build)


@check(BLANK_CELL)
def blank_cells(doc: Document) -> Iterator[Hit]:
    rows = indicator_rows(doc)
    table: list[tuple[Cell, bool, bool]] = []
    for r in rows:
        no_actual = r.actual is not None and not r.actual.text
        no_score = (
            r.score is not None
            and not r.score.text
            and (r.weight is None or bool(rx.match(r"\d", r.weight.text)))
        )
        if no_actual or no_score:
            table.append((r.name, no_actual, no_score))
    if table:
        yield _blank_hit(table)


def _rows(doc: Document, cs: list[Cell], h: _Header, stop: int) -> list[Row]:
    anchor_col = h.kind if h.kind is not None else h.value
    anchor_pat = _COMPARATOR_CELL if h.kind is not None else _TARGET_CELL
    cols = [c for c in (h.kind, h.value, h.actual, h.weight, h.score) if c is not None]
    rows: list[Row] = []
    consumed = h.end
    for i in range(h.end, stop):
        if _END_CELL.match(cs[i].text):
            break
        if i < consumed or not anchor_pat.match(cs[i].text):
            continue
        line = doc.line_at(cs[i].start).index
        on_line = _cells_on_line(doc, cs, i)
        multi = on_line > 1
        if on_line > h.width + 2:
            continue  # a wider row: another table

        def at(col: int | None, i: int = i, line: int = line, multi: bool = multi) -> Cell | None:
            k = -1 if col is None else i + col - anchor_col
            if not h.end <= k < stop:
                return None
            if multi and doc.line_at(cs[k].start).index != line:
                return None  # a ragged row: its cells end on its own line
            return cs[k]

        target = at(h.value)
        if target is None or not _TARGET_CELL.match(target.text):
            continue
        consumed = i + max(h.width, max(cols) + 1) - anchor_col  # the row runs to the last column
        name = at(min(cols) - 1)
        if name is not None and rx.match(r"^[\d.%]+$", name.text):
            continue  # a number where the name belongs: the columns are not where we think
        rows.append(
            Row(
                name if name is not None and name.text else target,
                target,
                at(h.actual),
                at(h.weight),
                at(h.score),
            )
        )
    return rows


def _blank_hit(rows: list[tuple[Cell, bool, bool]]) -> Hit:
    actual = sum(1 for _, a, _s in rows if a)
    score = sum(1 for _, _a, s in rows if s)
    zh, en = [], []
    if actual:
        zh.append(f"{actual}项指标的完成值为空")
        en.append(f"{actual} indicators have a blank actual value")
    if score:
        zh.append(f"{score}项指标的得分为空")
        en.append(f"{score} indicators have a blank score")
    names = "、".join(dict.fromkeys(c.text for c, _a, _s in rows[:5]))
    return BLANK_CELL.hit(
        [(c.start, c.end) for c, _a, _s in rows],
        {
            "count": len(rows),
            "what_zh": "，".join(zh),
            "what_en": " and ".join(en),
            "names": names + ("等" if len(rows) > 5 else ""),
        },
    )


# ---------------------------------------------------------------- Q018 a word for the actual

_WORD_ONLY = lazy(r"^[^\d]{1,8}$")


@check(WORD_ACTUAL)
def word_for_actual(doc: Document) -> Iterator[Hit]:
    rows = [
        r
        for r in indicator_rows(doc)
        if r.actual is not None
        and r.actual.text
        and _WORD_ONLY.match(r.actual.text)
        and not rx.search(r"[/／—-]|无|不适用", r.actual.text)
    ]
    if not rows:
        return
    pairs = "；".join(
        f"{r.name.text}：{r.target.text} → {r.actual.text if r.actual else ''}" for r in rows[:4]
    )
    yield WORD_ACTUAL.hit(
        [(r.actual.start, r.actual.end) for r in rows if r.actual is not None],
        {
            "count": len(rows),
            "pairs": pairs + ("等" if len(rows) > 4 else ""),
            "times_zh": "",
            "times_en": "",
        },
    )
