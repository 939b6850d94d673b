"""Tables found in a report: pipe-separated rows, tab-separated rows, one-cell-per-line runs.

Three shapes are recognised, all on the normalized text so every `Cell` keeps its offsets:

* pipe tables: consecutive lines of `| a | b |` cells, with or without a markdown `|---|` rule
  (the .docx and .pdf loaders render their tables this way); bare `a | b |` lines from web
  pages may be ragged when merged leading cells (一级指标 spanning rows) were dropped: short
  rows are padded on the left, and a row longer than the header starts the next table;
* tab tables: consecutive lines of tab-separated cells, as pasted from a spreadsheet;
* flattened tables: after copy-paste from a PDF or web page each cell stands on its own line.
  A run of short lines that starts with recognisable header cells (项目 / 金额（万元） / 占比,
  一级指标 / … / 得分) gives the column count; the body cells must then fall into rows where
  every amount-like column holds a number and every name column holds a name. When no column
  count fits, or two fit equally well, the run is not taken for a table.

`column_unit(table, col)` reads the unit a header declares (金额（万元）, 占比（%）, or a
caption line such as 单位：万元 just above the table).
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from decimal import Decimal
from typing import NamedTuple

from reviewer import regex as rx
from reviewer.claims.vocabulary import COMPARATOR_ALT
from reviewer.document.document import Document, Line
from reviewer.numbers import MONEY_SCALE, UNITS, decimals_of, half_digit, parse_decimal
from reviewer.regex import lazy


class Cell(NamedTuple):
    """One table cell: its text (normalized, stripped) and its offsets in the document."""

    text: str
    start: int
    end: int


class Table(NamedTuple):
    """A table: header cells and body rows, each a list of cells, plus its overall extent.

    `kind` is how it was written ('pipe', 'tab' or 'flat'); `unit` is a table-wide unit from a
    caption such as 单位：万元 (use `column_unit` for a column's unit). Body rows of a flattened
    table whose leading cells were merged are padded with empty cells so columns line up.
    `unread` holds the cells of a flattened table's next numbered row when it could not be put
    under the header's columns (its figures too few or too many, cells lost): the table ends
    before it, and a check may say that the rest was not read.
    """

    header: list[Cell]
    rows: list[list[Cell]]
    start: int
    end: int
    kind: str = "pipe"
    unit: str | None = None
    unread: tuple[Cell, ...] = ()


class CellNumber(NamedTuple):
    """The number a cell holds: value as written, its decimals, and a unit written in the cell."""

    value: Decimal
    decimals: int
    unit: str
    start: int
    end: int

    @property
    def half(self) -> Decimal:
        """Half a unit of the last decimal written: how far the value may be from the exact."""
        return half_digit(self.decimals)


def tables(doc: Document) -> list[Table]:
    """Every table detected in `doc` (cached per document)."""
    return doc.cached("tables", _detect)


# ---- cell helpers -----------------------------------------------------------------------------

_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
# The unit is checked against a set, not a long regex alternation: cheaper to compile at start.
_NUMBER_CELL = lazy(rf"^(?P<sign>[-+])?\s*(?P<num>{_DIGITS})\s*(?P<unit>[^\d\s]{{0,4}})$")
_UNIT_SET = frozenset(UNITS)
# A value with a comparison or approximation: ≥95%, <=5天, 约10万元; 达到 (a filler elsewhere)
# also qualifies a cell's figure as a stated value rather than a bare number.
_QUALIFIED = lazy(rf"^(?:{COMPARATOR_ALT}|约|达到)\s*{_DIGITS}")
_PLACEHOLDER = lazy(r"^(?:|-+|—+|－+|/|\\|无|空|/+|——)$")
_TOTAL_LABEL = lazy(r"^(?:合\s*计|总\s*计|共\s*计|总\s*额|总\s*数|合计数)(?:[（(].*[)）])?[：:]?$")
_TOTAL_FIRST = frozenset("合总共")  # the first characters _TOTAL_LABEL can match
_SUBTOTAL_LABEL = lazy(r"^(?:小\s*计)(?:[（(].*[)）])?[：:]?$")


def _unit_ok(unit: str) -> bool:
    if not unit or unit in _UNIT_SET:
        return True
    return unit[0] in "万亿" and unit[1:] in _UNIT_SET and unit[1:] not in MONEY_SCALE


def _number_match(text: str) -> re.Match[str] | None:
    first = text[:1]
    if not (first in ("+", "-") or first.isdecimal() or first.isspace()):
        return None  # no sign, space or digit to start a number (a label cell)
    m = _NUMBER_CELL.match(text)
    return m if m and _unit_ok(m.group("unit")) else None


def cell_number(cell: Cell) -> CellNumber | None:
    """The number when the cell holds just one (1,234.50 / -3 / 82.09% / 10个), else None."""
    read = _cell_value(cell.text)
    if read is None:
        return None
    value, decimals, unit = read
    return CellNumber(value=value, decimals=decimals, unit=unit, start=cell.start, end=cell.end)


def holds_number(cell: Cell) -> bool:
    """Whether `cell_number(cell)` is a number (without making the `CellNumber`: asked of
    every cell of a table while its rows are fitted, and of every row's label)."""
    return _cell_value(cell.text) is not None


# The checks ask for the same cells' numbers again and again (a flattened table is fitted to
# several shapes, then every column is summed): a cell's text is read once.
@functools.lru_cache(maxsize=8192)
def _cell_value(text: str) -> tuple[Decimal, int, str] | None:
    m = _number_match(text)
    if not m:
        return None
    value = parse_decimal(m.group("num"))
    if value is None:
        return None
    if m.group("sign") == "-":
        value = -value
    return value, decimals_of(m.group("num")), m.group("unit") or ""


def is_placeholder(cell: Cell) -> bool:
    """An empty cell or a dash/slash standing for 'nothing' (—, -, /, 无)."""
    return bool(_PLACEHOLDER.match(cell.text.replace(" ", "")))


def is_total_label(text: str) -> bool:
    """合计 / 总计 / 共计 (optionally with a unit in brackets)."""
    text = text.strip()
    # Asked of every row of every table: the pattern is run only on a label that can start one.
    return text[:1] in _TOTAL_FIRST and bool(_TOTAL_LABEL.match(text))


def is_subtotal_label(text: str) -> bool:
    text = text.strip()
    return text[:1] == "小" and bool(_SUBTOTAL_LABEL.match(text))


@functools.lru_cache(maxsize=8192)  # asked for the same cells again and again, as above
def _is_numberish(text: str) -> bool:
    return bool(_number_match(text) or _QUALIFIED.match(text))


# ---- header vocabulary ------------------------------------------------------------------------

_UNIT_IN_HEAD = lazy(
    r"[（(]\s*(?:单位\s*[:：]\s*)?(?P<unit>亿元|万元|千元|元|%|‰|个|人|人次|户|项|分|天|次|家)\s*[)）]"
)
_UNIT_SUFFIX = lazy(r"(?P<unit>亿元|万元|千元|元|%)\s*$")
_CAPTION_UNIT = lazy(r"(?:单位|金额单位)\s*[:：]\s*(?P<unit>亿元|万元|千元|元|%|个|人)")
_SHARE_HEAD = lazy(r"占比|比重|比例|构成|百分比|份额")
_RATE_HEAD = lazy(r"率|增幅|增长|增减|同比|环比")
_NUM_HEAD = lazy(
    r"万元|亿元|金额|资金|经费|预算|决算|执行数|拨付|支出|收入|合计|小计|总计|数额|余额|"
    r"分值|得分|权重|满分|占比|比重|比例|百分比|人数|户数|个数|数量|^数$|%|"
    r"^(?:年初|年末|期初|期末|本年|上年)(?:数|余额|金额)?$|"
    r"(?:计划|完成|到位|下达|批复|实际)数$|^(?:执行|完成|到位)率$"
)
# Headers naming things (label columns); 指标值/完成值 are values, not names.
_LABEL_HEAD = lazy(r"项目|名称|科目|类别|类型|内容|单位$|^(?:一|二|三|四)级指标$|^指标$|指标名称")
_NOT_LABEL_HEAD = lazy(r"指标值|目标值|完成值|金额|万元|数$|额$")
_HEAD_WORDS = lazy(
    r"项目|金额|占比|比重|比例|指标|预算|决算|执行|完成|分值|得分|权重|名称|科目|类别|序号|编号|"
    r"单位|年度|目标|实际|偏差|原因|备注|说明|数量|人数|支出|收入|合计|资金|来源|用途|"
    r"计划|进度|评分|标准|依据|内容|类型|情况|结果|满分|^(?:年初|年末|期初|期末)(?:数|余额)?$"
)
_NUMERIC_CHARS = lazy(r"\d")
# The column of row numbers, and a row number in it: 一 / （一） / 1 / 1. / (1) / ①.
_SEQ_HEAD = lazy(r"^(?:序\s*号|编\s*号|行\s*次|序)$")
_ORDINAL = lazy(
    r"^(?:[一二三四五六七八九十]{1,3}[、.．]?|[（(](?:[一二三四五六七八九十]{1,3}|\d{1,3})[)）]"
    r"|\d{1,3}[、.．]?|[①-⑳])$"
)
_YEAR = lazy(r"(?:19|20)\d{2}\s*年")


def _header_like(text: str) -> bool:
    """A short cell without figures (a year such as 2024年 is allowed)."""
    if not text or len(text) > 16 or _is_numberish(text) or is_total_label(text):
        return False
    if _CAPTION_UNIT.search(text):
        return False
    return not _NUMERIC_CHARS.search(_YEAR.sub("", _UNIT_IN_HEAD.sub("", text)))


def _column_kind(head: str) -> str:
    """'num' (amounts, shares, scores), 'label' (names), 'seq' (the row numbers: 序号) or
    'free' (anything)."""
    if _SEQ_HEAD.match(head):
        return "seq"
    if _UNIT_IN_HEAD.search(head) or _UNIT_SUFFIX.search(head):
        return "num"
    if _LABEL_HEAD.search(head) and not _NOT_LABEL_HEAD.search(head):
        return "label"
    if _NUM_HEAD.search(head) and not rx.search(r"指标值|完成值|目标|说明|原因|依据|标准", head):
        return "num"
    return "free"


def column_unit(table: Table, col: int) -> str | None:
    """The unit column `col`'s figures are in, from its header (金额（万元）→ '万元', 占比 → '%')
    or the table's caption (单位：万元); None when nothing says."""
    if col < 0 or col >= len(table.header):
        return None
    head = table.header[col].text
    m = _UNIT_IN_HEAD.search(head)
    if m:
        return m.group("unit")
    m = _UNIT_SUFFIX.search(head)
    if m:
        return m.group("unit")
    if _SHARE_HEAD.search(head) or (_RATE_HEAD.search(head) and "额" not in head):
        return "%"
    if (
        table.unit in MONEY_SCALE
        and _column_kind(head) == "num"
        and not rx.search(r"分值|得分|权重|满分|人数|户数|个数|数量", head)
    ):
        return table.unit
    return None


# ---- detection --------------------------------------------------------------------------------


def _detect(doc: Document) -> list[Table]:
    lines = doc.lines
    found: list[Table] = []
    i = 0
    while i < len(lines):
        for finder in (_pipe_at, _tab_at, _flat_at):
            res = finder(doc, lines, i)
            if res is not None:
                table, i = res
                found.append(table)
                break
        else:
            i += 1
    return found


def _caption_unit(lines: list[Line], first: int, extra: list[str] = ()) -> str | None:  # type: ignore[assignment]
    texts = list(extra)
    j, seen = first - 1, 0
    while j >= 0 and seen < 2:
        if lines[j].stripped:
            texts.append(lines[j].stripped)
            seen += 1
        j -= 1
    for t in texts:
        m = _CAPTION_UNIT.search(t)
        if m:
            return m.group("unit")
    return None


def split_cells(line: Line, sep: str) -> list[Cell]:
    """Cells of a separated line with offsets; outer pipes are dropped."""
    text = line.text
    bounds = [k for k, ch in enumerate(text) if ch == sep]
    edges = [-1, *bounds, len(text)]
    cells = []
    for a, b in itertools.pairwise(edges):
        seg = text[a + 1 : b]
        lead = len(seg) - len(seg.lstrip())
        body = seg.strip()
        start = line.start + a + 1 + lead
        cells.append(Cell(body, start, start + len(body)))
    if sep == "|":
        if cells and not cells[0].text and text.lstrip().startswith("|"):
            cells = cells[1:]
        if cells and not cells[-1].text and text.rstrip().endswith("|"):
            cells = cells[:-1]
    return cells


_RULE = lazy(r"^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?$")


def _is_pipe_row(text: str) -> bool:
    s = text.strip()
    if s.count("|") < 1:
        return False
    if s.startswith("|") and s.endswith("|") and len(s) > 1:
        return True
    return s.count("|") >= 2 and not s.startswith("|")


def _pipe_at(doc: Document, lines: list[Line], i: int) -> tuple[Table, int] | None:
    if not _is_pipe_row(lines[i].text):
        return None
    j = i
    rows: list[list[Cell]] = []
    has_rule = False
    while j < len(lines) and _is_pipe_row(lines[j].text):
        if _RULE.match(lines[j].stripped):
            has_rule = True
        else:
            rows.append(split_cells(lines[j], "|"))
        j += 1
    if len(rows) < 2:
        return None
    bare = not has_rule and not all(lines[k].stripped.startswith("|") for k in range(i, j))
    if bare and len({len(r) for r in rows}) != 1:
        # bare "a | b | c" lines with ragged rows: only when the short rows lost their leading
        # (merged) cells, as web pages flatten 一级指标/二级指标 cells spanning several rows.
        ragged = _ragged(rows)
        if ragged is None:
            return None
        rows, used = ragged
        j = i + used
        return _build(doc, lines, i, j, rows, "pipe"), j
    return _build(doc, lines, i, j, rows, "pipe"), j


def _ragged(rows: list[list[Cell]]) -> tuple[list[list[Cell]], int] | None:
    """Rows of a ragged bare pipe table with short rows padded on the left, and how many rows
    (lines) the table takes: it ends before a row longer than its header (the next table).

    None when the header is not one, or when padding mixes figures and words in a column (the
    missing cells were not the leading ones)."""
    head = rows[0]
    n = len(head)
    if n < 3 or sum(1 for c in head if _header_like(c.text)) < max(2, n // 2):
        return None
    out = [head]
    for row in rows[1:]:
        if len(row) > n:
            break
        pad = [Cell("", row[0].start, row[0].start) for _ in range(n - len(row))] if row else []
        if pad and _SEQ_HEAD.match(head[0].text) and is_ordinal(row[0].text):
            # A numbered row lost a merged cell after its number: the number stays under 序号.
            pad = [Cell("", row[1].start, row[1].start) for _ in pad] if len(row) > 1 else pad
            out.append([row[0], *pad, *row[1:]])
            continue
        out.append(pad + row)
    if len(out) < 3:
        return None
    body = out[1:]
    if _empty_column(body, n):
        return None
    # Padded rows must look like the full rows column by column (figures under figures).
    full = [r for r, raw in zip(body, rows[1:], strict=False) if len(raw) == n]
    short = [r for r, raw in zip(body, rows[1:], strict=False) if len(raw) < n]
    shapes = [{_is_numberish(r[k].text) for r in full if r[k].text} for k in range(n)]
    cells = [(k, c) for r in short for k, c in enumerate(r) if c.text and shapes[k]]
    off = sum(1 for k, c in cells if _is_numberish(c.text) not in shapes[k])
    if not full or off * 3 > len(cells):
        return None
    return out, len(out)


def _tab_at(doc: Document, lines: list[Line], i: int) -> tuple[Table, int] | None:
    def cells_of(line: Line) -> list[Cell] | None:
        if "\t" not in line.text.strip():
            return None
        cells = [c for c in split_cells(line, "\t")]
        while cells and not cells[-1].text:
            cells.pop()
        while cells and not cells[0].text:
            cells.pop(0)
        return cells if len(cells) >= 2 else None

    first = cells_of(lines[i])
    if first is None:
        return None
    rows = [first]
    j = i + 1
    while j < len(lines):
        cells = cells_of(lines[j])
        if cells is None:
            break
        rows.append(cells)
        j += 1
    width = len(first)
    if len(rows) < 3 or any(len(r) > width for r in rows):
        return None
    if sum(_header_like(c.text) for c in first) < 2:
        return None
    if not any(holds_number(c) for r in rows[1:] for c in r):
        return None
    return _build(doc, lines, i, j, rows, "tab"), j


def _build(
    doc: Document, lines: list[Line], i: int, j: int, rows: list[list[Cell]], kind: str
) -> Table:
    """Header = first row with two or more filled cells; earlier one-cell rows are captions."""
    captions: list[str] = []
    while len(rows) > 2 and sum(1 for c in rows[0] if c.text) <= 1:
        captions += [c.text for c in rows[0] if c.text]
        rows = rows[1:]
    header, body = rows[0], rows[1:]
    # A two-row header: the first row has merged (empty) cells the second one fills.
    if (
        len(body) >= 2
        and len(body[0]) == len(header)
        and any(not c.text for c in header)
        and not any(holds_number(c) for c in body[0])
        and all(c.text or body[0][k].text for k, c in enumerate(header))
    ):
        header = [low if low.text else up for up, low in zip(header, body[0], strict=False)]
        body = body[1:]
    unit = _caption_unit(lines, i, captions)
    start = lines[i].start
    end = lines[j - 1].end
    return Table(header=header, rows=body, start=start, end=end, kind=kind, unit=unit)


# ---- flattened tables --------------------------------------------------------------------------

_MAX_FLAT_CELL = 30
_MAX_COLS = 12
# What ends a line of prose, not a cell (the last character of the stripped line: a set, not a
# pattern, as every line of a document is asked).
_PROSE_END = frozenset("。；;：:，,！？!?")


def _cell_body(text: str) -> tuple[str, int]:
    """A one-cell line's content and where it starts in `text`: whitespace and a lone leading
    or trailing `|` (web pages render each cell as `cell |` or `| cell`) stripped."""
    body = text.strip()
    lead = len(text) - len(text.lstrip())
    if body.count("|") == 1 and len(body) > 1:
        if body.endswith("|"):
            body = body[:-1].rstrip()
        elif body.startswith("|"):
            inner = body[1:]
            lead += 1 + len(inner) - len(inner.lstrip())
            body = inner.strip()
    return body, lead


def _flat_cell(line: Line) -> bool:
    s = _cell_body(line.text)[0] if "|" in line.text else line.stripped
    return (
        0 < len(s) <= _MAX_FLAT_CELL
        and "。" not in s
        and "|" not in s
        and "\t" not in s
        and s[-1] not in _PROSE_END
    )


_HEADING = lazy(
    r"^(?:[一二三四五六七八九十]+[、.]|[（(][一二三四五六七八九十\d]+[)）]|\d+[.、．])|如下$|情况$"
)


def _flat_cells(doc: Document) -> tuple[list[str], list[Cell | None]]:
    """Each line's stripped text, and its cell when it can be a flattened-table cell (else
    None): computed once per document, not again for every run `_flat_at` reads."""
    texts: list[str] = []
    cells: list[Cell | None] = []
    for ln in doc.lines:
        body = ln.stripped
        texts.append(body)
        if _flat_cell(ln):
            body, lead = _cell_body(ln.text)
            start = ln.start + lead
            cells.append(Cell(body, start, start + len(body)))
        else:
            cells.append(None)
    return texts, cells


def line_cells(doc: Document) -> list[Cell | None]:
    """Each line's cell (its stripped text and offsets) when it can be a flattened-table cell,
    else None; cached, and shared with the other readers of one-cell lines (quality_forms), so
    a document of 130,000 such lines holds one `Cell` a line, not one per reader."""
    cells: list[Cell | None] = doc.cached("tables.flat_cells", _flat_cells)[1]
    return cells


class _CellLines(NamedTuple):
    """The one-cell lines of a document in order, and the lines that end a run of them."""

    indexes: list[int]  # the line index of each one-cell line
    cells: list[Cell]  # its cell
    breaks: list[int]  # the index of each non-blank line that is no cell


def _cell_lines(doc: Document) -> _CellLines:
    texts, line_cells = doc.cached("tables.flat_cells", _flat_cells)
    out = _CellLines([], [], [])
    for k, cell in enumerate(line_cells):
        if cell is not None:
            out.indexes.append(k)
            out.cells.append(cell)
        elif texts[k]:
            out.breaks.append(k)
    return out


_MAX_RUN = 4000  # one-cell lines read as one run at most


def _flat_at(doc: Document, lines: list[Line], i: int) -> tuple[Table, int] | None:
    line_cells = doc.cached("tables.flat_cells", _flat_cells)[1]
    first = line_cells[i]
    if first is None or not _head_start(first.text):
        return None
    # The run: the one-cell lines from line i on (blank lines in between allowed), up to the
    # first other non-blank line. Taken from the document's list of them by bisection: tables
    # that follow one another make runs of thousands of lines, and a run is read from each
    # table's start.
    one_cell: _CellLines = doc.cached("tables.cell_lines", _cell_lines)
    a = bisect.bisect_left(one_cell.indexes, i)
    k = bisect.bisect_left(one_cell.breaks, i)
    stop = one_cell.breaks[k] if k < len(one_cell.breaks) else len(lines)
    b = min(bisect.bisect_left(one_cell.indexes, stop, a), a + _MAX_RUN)
    run = one_cell.indexes[a:b]  # line indexes
    if len(run) < 6:
        return None
    if a > 0 and (k == 0 or one_cell.breaks[k - 1] < one_cell.indexes[a - 1]):
        # The one-cell line before this one is in the same run: a header word there means
        # this line is inside a header (预算执行率 | 权重 | 得分), not where one starts.
        before = one_cell.cells[a - 1].text
        if _header_like(before) and _HEAD_WORDS.search(before) and not _HEADING.search(before):
            return None
    cells = one_cell.cells[a:b]
    best = _flat_reading(cells)
    if best is not None:
        end_index = run[best[1] + best[2] - 1] + 1
    blanks = _with_blanks(lines, run, cells)
    if blanks is not None:
        # Single-spaced cells: a blank line among them is an empty cell (a row keeps its width).
        run2, cells2 = blanks
        other = _flat_reading(cells2)
        if other is not None and (
            best is None
            or run2[other[1] + other[2] - 1] + 1 > end_index
            or other[4] > best[4]  # explains the run better (no figure out of its column)
        ):
            best, run, cells = other, run2, cells2
            end_index = run[best[1] + best[2] - 1] + 1
    if best is None:
        return None
    rows, used, s0, n, _ = best
    header = cells[s0 : s0 + n]
    table = Table(
        header=header,
        rows=rows,
        start=cells[s0].start,
        end=lines[end_index - 1].end,
        kind="flat",
        unit=_caption_unit(lines, _line_index(lines, i, cells[s0].start)),
        unread=_unread_row(header, cells[s0 + used :]),
    )
    return table, end_index


def _unread_row(header: list[Cell], rest: list[Cell]) -> tuple[Cell, ...]:
    """The cells of the numbered row a flattened table stopped at: a row number (the header
    has a 序号 column) or a total label, then cells up to the next row number, one a figure.
    Empty when the table simply ended there."""
    if not rest or _column_kind(header[0].text) != "seq":
        return ()
    first = rest[0].text
    if not (is_ordinal(first) or is_total_label(first)):
        return ()
    row = [rest[0]]
    for cell in rest[1 : len(header) + 1]:
        if (is_ordinal(cell.text) and not holds_number(cell)) or is_total_label(cell.text):
            break
        row.append(cell)
    return tuple(row) if any(holds_number(c) for c in row[1:]) else ()


def _with_blanks(
    lines: list[Line], run: list[int], cells: list[Cell]
) -> tuple[list[int], list[Cell]] | None:
    """The run with an empty cell for each single blank line between two cells, when the cells
    stand one per line with no blank line between most of them; None otherwise."""
    gaps = [y - x for x, y in itertools.pairwise(run)]
    if not gaps or 2 not in gaps or sum(1 for g in gaps if g == 1) < 0.8 * len(gaps):
        return None
    run2, cells2 = [run[0]], [cells[0]]
    for (x, y), cell in zip(itertools.pairwise(run), cells[1:], strict=True):
        if y - x == 2:
            blank = lines[x + 1]
            run2.append(x + 1)
            cells2.append(Cell("", blank.start, blank.start))
        run2.append(y)
        cells2.append(cell)
    return run2, cells2


def _flat_reading(cells: list[Cell]) -> tuple[list[list[Cell]], int, int, int, int] | None:
    """(rows, cells used, header start, column count, score) of the reading of a run of one-cell
    lines that explains most of it; None when none fits or two fit equally well."""
    # (score, cells used, start, n, rows) for every header start and column count that fit.
    found: list[tuple[int, int, int, int, list[list[Cell]]]] = []
    for s0 in range(0, 3):
        if s0 >= len(cells) or not _head_start(cells[s0].text):
            break
        n_max = 0
        while (
            n_max < _MAX_COLS and s0 + n_max < len(cells) and _header_like(cells[s0 + n_max].text)
        ):
            n_max += 1
        for n in range(2, n_max + 1):
            head = [c.text for c in cells[s0 : s0 + n]]
            if sum(1 for h in head if _HEAD_WORDS.search(h)) < max(2, (n * 3 + 4) // 5):
                continue
            kinds = [_column_kind(h) for h in head]
            if "num" not in kinds:
                continue
            rows, used = _flat_rows(cells[s0:], n, kinds)
            if len(rows) < 2:
                continue
            mixed = _mixed_columns(rows, n, kinds)
            if mixed / n > 0.34 or _empty_column(rows, n):
                continue
            # A header cell that recurs among the body cells is a body cell (a row label read
            # as a column name): the reading is shifted.
            body = {c.text for r in rows for c in r if c.text}
            echo = sum(1 for c in cells[s0 : s0 + n] if c.text in body)
            found.append((used - mixed * len(rows) - echo, used, s0, n, rows))
    if not found:
        return None
    found.sort(key=lambda f: -f[0])
    if len(found) > 1 and found[1][0] == found[0][0]:
        return None  # two readings explain the run equally well: unsure
    score, used, s0, n, rows = found[0]
    return rows, used, s0, n, score


def _line_index(lines: list[Line], i: int, offset: int) -> int:
    k = i
    while k + 1 < len(lines) and lines[k + 1].start <= offset:
        k += 1
    return k


def _head_start(text: str) -> bool:
    return bool(_HEAD_WORDS.search(text)) and _header_like(text) and not _HEADING.search(text)


def _empty_column(rows: list[list[Cell]], n: int) -> bool:
    """A column no body row fills: the header took a body cell (or lost one)."""
    body = [r for r in rows if not (is_total_label(r[0].text) or is_subtotal_label(r[0].text))]
    return any(all(not r[k].text for r in body) for k in range(n)) if body else True


def is_ordinal(text: str) -> bool:
    """A row number as a 序号 cell holds it: 一 / （一） / 1 / 1. / (1) / ①."""
    return bool(_ORDINAL.match(text.replace(" ", "")))


def _mixed_columns(rows: list[list[Cell]], n: int, kinds: list[str] | None = None) -> int:
    """Columns holding both figures and words (total rows aside): a sign of misaligned rows.
    A 序号 column holding row numbers only (一, 1, （一）) is no mixed column."""
    body = [r for r in rows if not (is_total_label(r[0].text) or is_subtotal_label(r[0].text))]
    mixed = 0
    for k in range(n):
        seq = kinds is not None and kinds[k] == "seq"
        if seq and all(not r[k].text or is_ordinal(r[k].text) for r in body):
            continue
        shapes = {_is_numberish(r[k].text) for r in body if r[k].text}
        if kinds and kinds[k] == "num" and shapes == {True}:
            # Amounts and percents in one column: rows shifted against the header.
            units = {_percent_cell(r[k].text) for r in body if r[k].text}
            shapes = units if len(units) > 1 else shapes
        mixed += len(shapes) > 1
    return mixed


def _percent_cell(text: str) -> bool:
    read = _cell_value(text)
    return read is not None and read[2] in ("%", "‰")


def _fits(cell: Cell, kind: str) -> bool:
    if kind == "num":
        return holds_number(cell) or is_placeholder(cell)
    if kind == "label":
        return not _is_numberish(cell.text)
    return True


def _flat_rows(cells: list[Cell], n: int, kinds: list[str]) -> tuple[list[list[Cell]], int]:
    """Body rows after an n-cell header; stops at the first cells that fit no row shape."""
    rows: list[list[Cell]] = []
    p = n
    lead_ok = 0  # how many leading columns may be merged away (names/free text, not amounts)
    while lead_ok < n - 1 and kinds[lead_ok] != "num":
        lead_ok += 1
    while p < len(cells):
        fit = _fit_row(cells, p, n, kinds, lead_ok)
        if fit is None:
            break
        row, taken = fit
        rows.append(row)
        p += taken
    return rows, p


def _fit_row(
    cells: list[Cell], p: int, n: int, kinds: list[str], lead_ok: int
) -> tuple[list[Cell], int] | None:
    """The row starting at cell `p`, padded to `n` columns, and how many cells it takes."""

    def has_figure(row: list[Cell]) -> bool:
        return any(kinds[k] == "num" and holds_number(c) for k, c in enumerate(row))

    # A total row whose label cell was merged across the name columns: 合计 / 100 / 92.
    if is_total_label(cells[p].text) or is_subtotal_label(cells[p].text):
        for width in range(n - 1, 0, -1):
            chunk = cells[p + 1 : p + 1 + width]
            if len(chunk) < width or not all(
                _fits(c, kinds[n - width + k]) for k, c in enumerate(chunk)
            ):
                continue
            if any(kinds[k] == "num" for k in range(1, n - width)):
                continue
            pad = [Cell("", cells[p].end, cells[p].end) for _ in range(n - width - 1)]
            row = [cells[p], *pad, *chunk]
            if has_figure(row):
                return row, 1 + width
    for skip in range(0, lead_ok + 1):
        width = n - skip
        chunk = cells[p : p + width]
        if len(chunk) < width:
            continue
        if any(c.text in _HEADER_SEEN and _header_like(c.text) for c in chunk):
            continue
        if skip and kinds[0] == "seq" and is_ordinal(chunk[0].text):
            # A numbered row that lost a merged cell after its number (责任部门 spanning rows,
            # a name spanning two columns): the number stays in the 序号 column.
            rest = chunk[1:]
            if all(_fits(c, kinds[1 + skip + k]) for k, c in enumerate(rest)):
                pad = [Cell("", rest[0].start, rest[0].start) for _ in range(skip)]
                row = [chunk[0], *pad, *rest]
                if has_figure(row):
                    return row, width
        if not all(_fits(c, kinds[skip + k]) for k, c in enumerate(chunk)):
            continue
        pad = [Cell("", chunk[0].start, chunk[0].start) for _ in range(skip)]
        row = pad + chunk
        if has_figure(row):
            return row, width
    return None


# Header words that start a new table rather than continue a body row.
_HEADER_SEEN = {"项目", "金额", "占比", "一级指标", "二级指标", "三级指标", "分值", "得分"}


# ---- numbered rows -----------------------------------------------------------------------------

_LEVEL_PATTERNS = (
    lazy(r"^[一二三四五六七八九十]{1,3}[、.．]?$"),
    lazy(r"^[（(][一二三四五六七八九十]{1,3}[)）]$"),
    lazy(r"^\d{1,3}[、.．]?$"),
    lazy(r"^[（(]\d{1,3}[)）]$"),
    lazy(r"^[①-⑳]$"),
)


def ordinal_level(text: str) -> int | None:
    """The outline level a row number marks: 一 1, （一） 2, 1 3, （1） 4, ① 5; None else."""
    t = text.replace(" ", "")
    for k, pat in enumerate(_LEVEL_PATTERNS, start=1):
        if pat.match(t):
            return k
    return None


def seq_column(table: Table) -> int | None:
    """The index of the table's 序号 column (row numbers), or None."""
    return next((k for k, c in enumerate(table.header) if _SEQ_HEAD.match(c.text)), None)


def row_levels(table: Table) -> list[int] | None:
    """Each body row's outline level from the numbers in its 序号 column (一 / （一） / 1 …),
    0 for a 合计/总计 row: the table's row hierarchy, as the numbering states it. None when the
    table has no 序号 column, when a row other than a total has no row number there, or when
    the numbers mark a single level (a flat list: no group rows)."""
    col = seq_column(table)
    if col is None or not table.rows:
        return None
    levels: list[int] = []
    for row in table.rows:
        label = next((c.text for c in row if c.text), "")
        if is_total_label(label):
            levels.append(0)
            continue
        level = ordinal_level(row[col].text) if col < len(row) else None
        if level is None:
            return None
        levels.append(level)
    if len({lv for lv in levels if lv}) < 2:
        return None
    return levels
