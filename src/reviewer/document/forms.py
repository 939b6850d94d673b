"""The funds block of a provincial self-evaluation form (绩效自评表), read as cells.

The block after 财预〔2020〕10号 has a header naming its columns (年初预算数 / 全年预算数 /
全年执行数 / 分值 / 执行率 / 得分, in that order in most provinces, some columns left out) and
rows 年度资金总额, then its parts: 其中：本年财政拨款 / 上年结转资金 / 其他资金, or 按收入性质分
(一般公共预算 / 政府性基金 / 财政专户 / 单位资金 …) and 按支出性质分 (基本支出 / 项目支出).

Published on the web the form reaches us in one of four shapes, all read into one stream of cells:

* pipe or tab rows, ragged: a row may lose its trailing cells (merged), the header may stand on
  two lines, a value row may break across lines — a row is its label and the cells up to the
  next row label, so line breaks do not matter;
* one cell per line: when the cells are double-spaced (a blank line between cells), a line with
  only spaces or a lone `|` is an empty cell; when single-spaced, an empty line is one;
* cells run together on one line, separated by spaces: empty cells leave no trace, so a row is
  taken only when its count of figures says which columns they are (all columns, or the money
  columns only), or from its one percent (the 执行率; the cells after it follow it, those before
  it are `loose`, a dash keeping its place); otherwise the row is `unsure` and says why. Some
  pages print the row labels before the header and the value rows after it: each value row is
  cut at its rate and given to the labels in order (`_header_after`, `_regroup`);
* figures run together with no separator at all (`202010100.00%10`): never split, `unsure`.

Nothing here guesses a number: a row that cannot be mapped to its columns keeps `unsure` set and
its `values` empty. A pipe or tab row that lost empty cells before its 执行率 (the percent stands
left of the 执行率 column) keeps its rate and the cells after it, and its figures before the rate
in `loose`: which columns those are is not known, so a check must try every placement.

Pages served in traditional script, some with a pinyin gloss after each character
(`上年結(jié)轉(zhuǎn)資金`), are read through `fold`: labels and the header only, never figures.
"""

from __future__ import annotations

import itertools
from decimal import Decimal
from typing import NamedTuple

from reviewer import regex as rx
from reviewer.document.document import Document, Line
from reviewer.document.script import simplified, to_simplified
from reviewer.document.tables import (
    Cell,
    CellNumber,
    cell_number,
    is_placeholder,
    split_cells,
)
from reviewer.document.unglue import stated_amounts, unglue
from reviewer.regex import lazy

OPENING = "opening"
FULL = "full"
EXEC = "exec"
WEIGHT = "weight"
RATE = "rate"
SCORE = "score"
MONEY = (OPENING, FULL, EXEC)

COLUMN_NAMES = {
    OPENING: "年初预算数",
    FULL: "全年预算数",
    EXEC: "全年执行数",
    WEIGHT: "分值",
    RATE: "执行率",
    SCORE: "得分",
}

# Longest alternatives first: 年初预算数 before 预算数.
_HEAD_KEYS = lazy(
    r"(?P<opening>年初预算数|年初预算|年初数)"
    r"|(?P<full>全年预算数|调整后预算数|调整后预算|全年预算|年度预算数|预算数)"
    r"|(?P<exec>全年执行数|实际执行数|全年实际支出|执行数|实际支出数?|决算数)"
    r"|(?P<weight>分值|权重)"
    r"|(?P<rate>执行率)"
    r"|(?P<score>得分)"
)
_ANCHOR = lazy(r"(?:年度)?(?:财政|项目)?资金总额|总额")
_TOTAL_LABEL = lazy(r"^(?:(?:年度)?(?:财政|项目)?资金(?:总额|合计)|总额|合计|总计)$")
_GROUP_LABEL = lazy(r"^按(?:收入|支出|资金)(?:性质|来源|类别)分$")
_GROUP_PREFIX = lazy(r"^按(?:收入|支出|资金)(?:性质|来源|类别)分[:：]")
_PART_LABEL = lazy(
    r"^(?:(?:本年|当年|本级|中央|省级?|市级?|县级?|区级?|地方|上级|财政)?"
    r"(?:财政)?(?:拨款|补助|资金|专项资金|转移支付)"
    r"|上年结转(?:资金)?|结转(?:结余)?资金|其他(?:资金)?|自筹(?:资金)?"
    r"|一般公共预算(?:资金|拨款)?|政府性基金(?:预算)?(?:资金|拨款)?|国有资本经营预算(?:资金)?"
    r"|财政专户(?:管理资金|资金)?|单位资金|社会(?:投入|资金)|基本支出|项目支出)$"
)
_AMONG = lazy(r"^其中[:：]?")
_DIGIT_RUN = lazy(r"^[-+]?[\d.,]+%?[\d.,%]*$")
_SPLIT_LABEL = lazy(r"^(?P<label>[^\d:：]{2,14})[:：](?P<rest>.+)$")
# A pinyin gloss a web page prints after a character: 執(zhí)行.
_GLOSS = lazy(r"[(（][a-zA-Z\u00e0-\u00fc\u0101-\u01dc]{1,7}[)）]")
_HEADER_WINDOW = 400
_GLUED = "数字连写无法拆分"
_BLOCK_WINDOW = 1500


class FundsRow(NamedTuple):
    """One row of the funds block.

    `values` maps a column kind to its cell (absent: empty or merged cell); `group` is the
    breakdown it belongs to (0 for the total, 1 for 其中 / 按收入性质分 parts, 2 for 按支出性质分);
    `unsure` says why the row's figures could not be put under their columns (then `values` is
    empty). `loose` holds the figures of a row that lost cells before its 执行率: they belong to
    the columns before 执行率, in order, but which of those columns is empty is not known.
    """

    label: Cell
    group: int
    values: dict[str, Cell]
    cells: list[Cell]
    unsure: str = ""
    loose: tuple[Cell, ...] = ()
    unglued: str = ""  # 'consistent' or 'stated': a run-together row read by `unglue`

    @property
    def is_total(self) -> bool:
        return self.group == 0

    def number(self, kind: str) -> CellNumber | None:
        cell = self.values.get(kind)
        return cell_number(cell) if cell is not None else None


class FundsBlock(NamedTuple):
    """A funds block: its columns in order, its rows, and how it was written."""

    columns: list[str]
    rows: list[FundsRow]
    layout: str  # 'pipe', 'tab', 'cells' (one per line), 'run' (run together on a line)
    start: int
    end: int
    unit: str = ""  # 万元 or 元, from the header (项目资金（万元）)
    weight: CellNumber | None = None  # a 分值 the header states: 得分（20分*执行率）
    note_budget: str = ""  # the budget column a note under the form names (执行率=执行数/…)

    @property
    def total(self) -> FundsRow | None:
        return next((r for r in self.rows if r.is_total), None)

    def budget_kind(self) -> str | None:
        """The budget the rate is computed against: the one a note names, else 全年预算数."""
        if self.note_budget in self.columns:
            return self.note_budget
        if FULL in self.columns:
            return FULL
        return OPENING if OPENING in self.columns else None


def fold(text: str) -> str:
    """Traditional characters to simplified, pinyin glosses dropped (for labels and headers)."""
    return _GLOSS.sub("", to_simplified(text))


def folds_to_itself(doc: Document) -> bool:
    """Whether `fold` leaves every part of the document unchanged (no traditional character, no
    gloss anywhere): then a check may skip folding its pieces one by one."""
    return doc.cached("folds_to_itself", lambda d: fold(d.norm) == d.norm)


def placements(
    block: FundsBlock, row: FundsRow, *, total_weight: bool = False
) -> list[dict[str, Cell]]:
    """Every way to put a row's `loose` figures under the columns before 执行率, in order,
    with the row's sure values added ([row.values] when the row has no loose figures). A 分值
    is at most 100, and a part row has none when the total row states it (its 分值 cell, or
    `total_weight`: the caller has read the total row's 分值 from its own loose figures)."""
    if not row.loose:
        return [row.values]
    before = block.columns[: block.columns.index(RATE)] if RATE in block.columns else []
    total = block.total
    stated = total_weight or (total is not None and WEIGHT in total.values)
    # The 分值 stands on the total row only: a part row's 分值 cell is empty (a dash may mark it).
    no_weight = not row.is_total and stated
    out: list[dict[str, Cell]] = []
    for chosen in itertools.combinations(before, len(row.loose)):
        values = dict(row.values)
        placed = list(zip(chosen, row.loose, strict=True))
        if no_weight and any(k == WEIGHT and not is_placeholder(c) for k, c in placed):
            continue
        values.update((k, c) for k, c in placed if not is_placeholder(c))  # a dash: empty
        weight = cell_number(values[WEIGHT]) if WEIGHT in values else None
        if weight is not None and weight.value > 100:
            continue  # no 分值 is above 100
        if all(_fits(k, c) for k, c in values.items()):
            out.append(values)
    return out


def funds_blocks(doc: Document) -> list[FundsBlock]:
    """Every funds block in `doc` (cached)."""
    return doc.cached("funds_blocks", _find_blocks)


def _find_blocks(doc: Document) -> list[FundsBlock]:
    out: list[FundsBlock] = []
    pos = 0
    folded = simplified(doc)  # same length: offsets hold
    for m in _ANCHOR.finditer(folded):
        if m.start() < pos:
            continue
        columns = _header(fold(doc.norm[max(0, m.start() - _HEADER_WINDOW) : m.start()]))
        after = False
        if columns is None:
            columns = _header_after(doc, m.start(), m.end())
            after = columns is not None
        if columns is None:
            scrambled = _scrambled(doc, m.start(), m.end())
            if scrambled is not None:
                out.append(scrambled)
                pos = scrambled.end
            continue
        block = _read_block(doc, m.start(), m.end(), columns, header_after=after)
        if block is not None:
            before = fold(doc.norm[max(0, m.start() - _HEADER_WINDOW) : m.start()])
            unit = rx.search(r"[(（]\s*(万元|元)\s*[)）]", before)
            block = block._replace(
                unit=unit.group(1) if unit else "",
                weight=_header_weight(doc, m.start()),
                note_budget=_note_budget(doc.norm[block.start : block.end + _HEADER_WINDOW]),
            )
            out.append(_unglued(doc, block))
            pos = block.end
    return out


def _unglued(doc: Document, block: FundsBlock) -> FundsBlock:
    """The block with each row whose figures ran together read, when only one split of it holds
    (`document/unglue.py`); other rows as they were."""
    if not any(r.unsure.startswith(_GLUED) for r in block.rows):
        return block
    stated = stated_amounts(doc.norm, block.start, block.end, block.unit)
    rows = []
    for row in block.rows:
        read = (
            unglue(row.cells, block.columns, block.budget_kind(), stated)
            if row.unsure.startswith(_GLUED)
            else None
        )
        if read is None:
            rows.append(row)
            continue
        values, how = read
        rows.append(row._replace(values=values, unsure="", unglued=how))
    return block._replace(rows=rows)


def _stack_header(before: str) -> str:
    """A pipe or tab header split over lines with one cell per column ("年初 | 全年" over
    "预算数 | 预算数") read column by column; other text as it stands."""
    lines = [ln for ln in before.split("\n") if not rx.fullmatch(r"[\s|:\-]*-{2,}[\s|:\-]*", ln)]
    while lines and not lines[-1].strip(" |\t"):
        lines.pop()  # the anchor's own line, up to the anchor: merged cells only
    for sep in ("|", "\t"):
        stack: list[list[str]] = []
        for ln in reversed(lines[-4:]):
            if sep not in ln or rx.search(r"\d", ln):
                break
            cells = [c.strip() for c in ln.strip().strip(sep).split(sep)]
            if stack and len(cells) != len(stack[0]):
                break
            stack.insert(0, cells)
        if len(stack) >= 2 and _kinds("".join(stack[-1])) >= _kinds(
            "".join("".join(parts) for parts in zip(*stack, strict=True))
        ):
            # The last line names every column the stack would: it is the whole header, and
            # the line above is another row of the form (主管部门 | … | 项目资金(万元)).
            stack = stack[-1:]
        if len(stack) >= 2:
            joined = ["".join(parts) for parts in zip(*stack, strict=True)]
            head = "\n".join(lines[: len(lines) - len(stack)])
            return head + "\n" + " ".join(joined)
    return before


def _kinds(text: str) -> int:
    """How many different columns `text` names."""
    return len({m.lastgroup for m in _HEAD_KEYS.finditer(text)})


def _header(before: str) -> list[str] | None:
    """The columns named just before the anchor, in order (None when this is no funds header)."""
    squeezed = rx.sub(r"[\s|]+", "", _stack_header(before))
    # Only the header right before the anchor: from the last 项目资金 or 预算执行情况 heading on.
    cut = max(squeezed.rfind(h) for h in ("项目资金", "资金情况", "预算执行情况"))
    if cut >= 0:
        squeezed = squeezed[cut:]
    found = [
        (m.lastgroup, m.group().removeprefix("年度"))
        for m in _HEAD_KEYS.finditer(squeezed[-160:])
        if m.lastgroup
    ]
    # 年度预算数（万元） spanning 年初预算 / 调整后预算数 is a group heading, not a column.
    if any(k == FULL and t != "预算数" for k, t in found):
        found = [(k, t) for k, t in found if not (k == FULL and t == "预算数")]
    keys = list(_HEAD_KEYS.finditer(squeezed[-160:]))
    if not keys:
        return None
    # A header is its column names and little else: no figures (prose has them), few words.
    seg = rx.sub(r"[(（][^()（）]{0,16}[)）]", "", squeezed[-160:][keys[0].start() :])
    rest = _HEAD_KEYS.sub("", seg)
    if rx.search(r"\d", rest) or len(rest) > 24:
        return None
    cols: list[str] = []
    for kind, _text in found:
        if kind is not None and kind not in cols:
            cols.append(kind)
    has_budget = OPENING in cols or FULL in cols
    if EXEC not in cols or not has_budget or len(cols) < 3:
        return None
    return cols


# A header key with a figure written right after it (年初预算 数 0): a form laid out another way.
_KEY_WITH_FIGURE = lazy(r"(?:预算|执行|支出)\s*数?\s*\d")


def _header_after(
    doc: Document, anchor: int, anchor_end: int, *, figure_before: bool = False
) -> list[str] | None:
    """A run-together form whose header follows its first row label: "项目资金 年初预算数 (万元)
    年度资金总额 其中:当年财政拨款 实施单位 全年预算数 全年执行数 分值 执行率 得分 65.66 …". The
    columns are the keys before the anchor (back to 项目资金) and those after it up to the first
    figure, in order. Only on a run-together line, with an 执行率 column (its rows are cut at
    their rate), and with no figure written against a key before the anchor."""
    line = doc.line_at(anchor)
    if _layout(line, anchor_end) != "run":
        return None
    rest = fold(doc.norm[anchor_end : min(line.end, anchor_end + 200)])
    # The values start at the first figure that is no item number (3、一次性项目) and no note
    # in brackets after a key (得分 (20 分*执行率)): blank those, offsets kept.
    bare = rx.sub(r"[(（][^()（）]{0,16}[)）]", lambda m: " " * len(m.group()), rest)
    bare = rx.sub(r"(?<![\d.])\d{1,2}、", lambda m: " " * len(m.group()), bare)
    first = rx.search(r"\d", bare)
    if first is None:
        return None
    before = fold(doc.norm[max(line.start, anchor - 120) : anchor])
    if _KEY_WITH_FIGURE.search(before) and not figure_before:
        return None
    cut = before.rfind("项目资金")
    head = rx.sub(r"[\s|]+", "", (before[cut:] if cut >= 0 else "") + rest[: first.start()])
    cols: list[str] = []
    for m in _HEAD_KEYS.finditer(head):
        kind = m.lastgroup
        if kind is not None and kind not in cols:
            cols.append(kind)
    if EXEC not in cols or RATE not in cols or not (OPENING in cols or FULL in cols):
        return None
    return cols


def _scrambled(doc: Document, anchor: int, anchor_end: int) -> FundsBlock | None:
    """A run-together form printed out of order: a figure already stands against a header key
    before the total's label (年初预算 数 0 项目资金 年度资金总额 … 全年预算数 全年执行数 分值
    执行率 得分 0 207.45 10 100% 10 …), so which figure is which column cannot be told. Returned
    as a block whose total row is `unsure` (said in an info, never read into `values`), with the
    columns the header after the label names and, as the row's `cells`, the first run of figures
    after that header up to its rate and the cells of the columns after 执行率 (`0 207.45 10 100%
    10`: a check may read what no placement changes); None for other text."""
    line = doc.line_at(anchor)
    if _layout(line, anchor_end) != "run":
        return None
    before = fold(doc.norm[max(line.start, anchor - 120) : anchor])
    key = _KEY_WITH_FIGURE.search(before)
    cols = _header_after(doc, anchor, anchor_end, figure_before=True)
    if key is None or cols is None:
        return None
    label = Cell(doc.norm[anchor:anchor_end], anchor, anchor_end)
    seen = before[max(0, key.start() - 2) : key.end()].strip()
    row = FundsRow(
        label,
        0,
        {},
        _first_values(_tokens(line, anchor_end, split_digits=True), cols),
        f"表头各列之间已夹有数字（“{seen}”），表头与数字错位排列，无法确定各数所属列",
    )
    return FundsBlock(cols, [row], "run", anchor, anchor_end)


def _first_values(cells: list[Cell], cols: list[str]) -> list[Cell]:
    """The first value row after a header that follows its label: the figures after the header's
    last key before the first percent, the percent, and as many cells after it as the header has
    columns after 执行率 ([] when those are not all figures or dashes)."""
    rate = next((k for k, c in enumerate(cells) if _is_percent(c)), None)
    if rate is None:
        return []
    keys = [k for k in range(rate) if _HEAD_KEYS.search(fold(cells[k].text))]
    begin = keys[-1] + 1 if keys else 0
    end = rate + 1 + len(cols) - cols.index(RATE) - 1
    group = cells[begin:end]
    if end > len(cells) or not all(cell_number(c) is not None or is_placeholder(c) for c in group):
        return []
    return group


def _regroup(cells: list[Cell], cols: list[str]) -> list[Cell]:
    """The cells of a form whose row labels stand before its header (`_header_after`) in the
    order the reader expects: each value row after its label. The value rows are cut at their
    rate (the percent and the cells of the columns after 执行率); the first belongs to the anchor
    row, the next ones to the row labels between the anchor and the header, in order."""
    n_after = len(cols) - cols.index(RATE) - 1

    def value(c: Cell) -> bool:
        return bool(c.text) and (cell_number(c) is not None or is_placeholder(c))

    # The value rows start after the header's last key before the first rate: a figure
    # between the anchor and the header (an item number, a weight in a note) is none of them.
    first_rate = next((k for k in range(1, len(cells)) if _is_percent(cells[k])), len(cells))
    keys = [k for k in range(1, first_rate) if _HEAD_KEYS.search(fold(cells[k].text))]
    begin = keys[-1] + 1 if keys else 1
    start = next((k for k in range(begin, len(cells)) if value(cells[k])), None)
    if start is None:
        return cells
    labels = [c for c in cells[1:start] if c.text and _is_label(c.text)]
    groups: list[list[Cell]] = []
    k = start
    while k < len(cells) and len(groups) <= len(labels):
        p = k
        while p < len(cells) and value(cells[p]) and not _is_percent(cells[p]):
            p += 1
        end = p + 1 + n_after
        if p >= len(cells) or not _is_percent(cells[p]) or end > len(cells):
            break
        if not all(value(c) for c in cells[p + 1 : end]):
            break
        groups.append(cells[k:end])
        k = end
    if not groups:
        return cells
    out = [cells[0], *groups[0]]
    for label, group in zip(labels, groups[1:], strict=False):
        out += [label, *group]
    return out + cells[k:]


def _is_percent(cell: Cell) -> bool:
    num = cell_number(cell)
    return num is not None and num.unit == "%"


_HEAD_WEIGHT = lazy(r"[(（]\s*(?P<w>\d{1,3}(?:\.\d+)?)\s*分\s*[*×xX]\s*(?:预算)?执行率\s*[)）]")


def _header_weight(doc: Document, anchor: int) -> CellNumber | None:
    """The weight in a score header such as 得分（20分*执行率）, just before the anchor."""
    lo = max(0, anchor - _HEADER_WINDOW)
    found = list(_HEAD_WEIGHT.finditer(doc.norm, lo, anchor))
    if not found:
        return None
    m = found[-1]
    num = cell_number(Cell(m.group("w"), m.start("w"), m.end("w")))
    return num


_NOTE_RATE = lazy(
    r"执行率\s*=\s*[^/／÷。；;|]{0,12}?执行数\s*[/／÷]\s*(?P<den>[^。；;，,|(（\s]{2,10})"
)


def _note_budget(text: str) -> str:
    """The budget a note under the form divides by (预算执行率=预算执行数/调整后预算数)."""
    m = _NOTE_RATE.search(text)
    if not m:
        return ""
    den = m.group("den")
    if "年初" in den:
        return OPENING
    if rx.search(r"全年|调整后|预算数", den):
        return FULL
    return ""


# ---- the cell stream ---------------------------------------------------------------------------


def _layout(line: Line, anchor_end: int) -> str:
    rest = line.text[anchor_end - line.start :]
    core = line.text.strip().strip("|")
    if "|" in core:
        return "pipe"
    if "|" in line.text:
        return "cells"  # one cell per line, each closed (or opened) by a lone pipe
    if "\t" in line.text:
        return "tab"
    tokens = rest.replace("：", " ").replace(":", " ").split()
    if any(rx.search(r"\d", t) for t in tokens):
        return "run"
    return "cells"


def _tokens(line: Line, from_offset: int, split_digits: bool = False) -> list[Cell]:
    """Whitespace-separated tokens; with `split_digits`, figures are also cut from the words
    they touch ("年度资金总额:202010100.00%10其中:本年财政拨款" → label, figures, label)."""
    out = []
    # A money unit stays with its figure (620.82万元): the cell is the amount, not a label.
    pattern = r"[\d.,%\-—/]+(?:万元|亿元|元)?|[^\s\d.,%\-—/]+" if split_digits else r"\S+"
    for m in rx.finditer(pattern, line.text):
        start, end = line.start + m.start(), line.start + m.end()
        if end <= from_offset:
            continue
        if start < from_offset:  # the token holding the anchor: from the anchor on
            text = m.group()[from_offset - start :]
            out.append(Cell(text, from_offset, end))
            continue
        out.append(Cell(m.group(), start, end))
    return out


def _double_spaced(lines: list[Line]) -> bool:
    """Cells written one per line with an empty line between every two of them."""
    sample = lines[:60]
    filled = [k for k, ln in enumerate(sample) if ln.text]
    if len(filled) < 4:
        return False
    gaps = [b - a for a, b in itertools.pairwise(filled)]
    twos = sum(1 for g in gaps if g == 2)
    even = sum(1 for g in gaps if g % 2 == 0)  # 2: next cell; 4, 6 …: empty cells between
    return twos >= 0.8 * len(gaps) or (even >= 0.9 * len(gaps) and twos >= 0.5 * len(gaps))


def _is_text(cell: Cell) -> bool:
    """Words in a figure position (not a number, a dash, or digits run together)."""
    t = cell.text.replace(" ", "")
    return (
        bool(t)
        and cell_number(cell) is None
        and not is_placeholder(cell)
        and not (_DIGIT_RUN.match(t))
    )


def _stream(doc: Document, anchor: int, layout: str) -> list[Cell]:
    """The cells from the anchor on (blank cells as empty `Cell`s in the explicit layouts)."""
    lines = doc.lines
    first = doc.line_at(anchor).index
    last = first
    limit = anchor + _BLOCK_WINDOW
    while last + 1 < len(lines) and lines[last + 1].start < limit:
        last += 1
    cells: list[Cell] = []
    window = lines[first : last + 1]
    if layout in ("pipe", "tab"):
        sep = "|" if layout == "pipe" else "\t"
        for ln in window:
            if not ln.text.strip():
                continue
            if sep not in ln.text:
                break
            row = [c for c in split_cells(ln, sep) if c.start >= anchor]
            # Empty cells before the row label on a line are the merged 项目资金 cell.
            while row and not row[0].text and len(row) > 1:
                row = row[1:]
            if row and _is_text(row[0]) and not _is_label(row[0].text):
                break  # the next part of the form
            # A text cell after the figures is the 原因/说明 column: the rest of the line goes.
            cut = next(
                (k for k, c in enumerate(row) if k and _is_text(c) and not _is_label(c.text)),
                len(row),
            )
            cells.extend(row[:cut])
        return cells
    if layout == "run":
        for ln in window:
            cells.extend(_tokens(ln, anchor, split_digits=True))
        return cells
    spaced = _double_spaced(window)
    empties = 0  # empty lines in a row, double-spaced: three stand for one empty cell
    for ln in window:
        s = ln.text.strip()
        core = s.strip("|").strip()
        if spaced and not ln.text:
            empties += 1
            continue
        if 3 <= empties <= 7:  # longer runs separate rows (some pages put ten blank lines)
            cells.extend(Cell("", ln.start, ln.start) for _ in range((empties - 1) // 2))
        empties = 0
        if not core:
            blank = not spaced or ln.text != ""
            if blank and ln.index != first:
                cells.append(Cell("", ln.start, ln.start))
            continue
        lead = ln.text.index(core)
        start = max(ln.start + lead, anchor) if ln.index == first else ln.start + lead
        if ln.index == first:
            core = doc.norm[start : ln.start + lead + len(core)]
        cells.append(Cell(core, start, start + len(core)))
    return cells


# ---- rows ---------------------------------------------------------------------------------------


def _name(text: str) -> str:
    whole = fold(text).replace(" ", "")
    return _AMONG.sub("", _GROUP_PREFIX.sub("", whole)).rstrip(":：") or whole.rstrip(":：")


def _is_label(text: str) -> bool:
    t = _name(text)
    return bool(_TOTAL_LABEL.match(t) or _PART_LABEL.match(t) or _GROUP_LABEL.match(t))


def _split_label(cell: Cell) -> list[Cell]:
    """ "年度资金总额:20" → the label and the figure written against it."""
    m = _SPLIT_LABEL.match(cell.text)
    if not m or not _is_label(m.group("label")) or _AMONG.fullmatch(m.group("label") + "："):
        return [cell]
    cut = cell.start + m.start("rest")
    label = Cell(cell.text[: m.end("label") + 1], cell.start, cell.start + m.end("label") + 1)
    return [label, Cell(m.group("rest"), cut, cell.end)]


def _join_labels(cells: list[Cell]) -> list[Cell]:
    """A row label broken by a space where the page wrapped it (其中:当年财政 拨款) read as one
    cell: two word cells in a row whose join is a label while the first alone is none."""
    out: list[Cell] = []
    for c in cells:
        prev = out[-1] if out else None
        if (
            prev is not None
            and _is_text(prev)
            and _is_text(c)
            and not _is_label(prev.text)
            and _is_label(prev.text + c.text)
        ):
            out[-1] = Cell(f"{prev.text} {c.text}", prev.start, c.end)
            continue
        out.append(c)
    return out


def _read_block(
    doc: Document, anchor: int, anchor_end: int, cols: list[str], *, header_after: bool = False
) -> FundsBlock | None:
    layout = _layout(doc.line_at(anchor), anchor_end)
    raw = _stream(doc, anchor, layout)
    cells: list[Cell] = []
    for c in raw:
        cells.extend(_split_label(c) if c.text else [c])
    if layout == "run":
        cells = _join_labels(cells)
    if header_after:
        cells = _regroup(cells, cols)
    rows: list[FundsRow] = []
    group = 0
    k = 0
    pending_among = False
    while k < len(cells):
        c = cells[k]
        text = c.text.replace(" ", "")
        if text in ("其中", "其中:", "其中："):
            pending_among = True
            k += 1
            continue
        if not text or is_placeholder(c):
            k += 1  # the empty cells of a heading row (按收入性质分 | | |)
            continue
        if not _is_label(text):
            break
        name = _name(text)
        prefix = _GROUP_PREFIX.match(text)
        if prefix and rows:  # 按支出性质分：基本支出 — the heading and the first part in one cell
            group = 2 if "支出" in prefix.group() else 1
        if _GROUP_LABEL.match(name):
            group = 2 if "支出" in name else 1
            k += 1
            continue
        is_total = bool(_TOTAL_LABEL.match(name))
        if is_total != (not rows):
            break  # the block starts with its total row, and a second total ends it
        if not is_total and group == 0:
            group = 1
        if _AMONG.match(text) or pending_among:
            group = max(group, 1)
        pending_among = False
        j = k + 1
        while j < len(cells) and not _is_label(cells[j].text) and not _is_text(cells[j]):
            j += 1
        values = cells[k + 1 : j]
        rows.append(_row(c, 0 if is_total else group, values, cols, layout))
        k = j
        if k < len(cells) and _is_text(cells[k]) and not _is_label(cells[k].text):
            # A note in the 原因/说明 column: skip it when the next row label follows.
            nxt = next((x for x in cells[k + 1 :] if x.text), None)
            if nxt is None or not _is_label(nxt.text):
                break
            k += 1
    if not rows or not rows[0].is_total:
        return None
    end = max([rows[-1].label.end, *(c.end for c in rows[-1].cells)])
    return FundsBlock(cols, rows, layout, anchor, end)


def _row(label: Cell, group: int, values: list[Cell], cols: list[str], layout: str) -> FundsRow:
    garbled = [
        c.text for c in values if c.text and cell_number(c) is None and not is_placeholder(c)
    ]
    if garbled:
        return FundsRow(label, group, {}, values, f"{_GLUED}：{garbled[0]}")
    explicit = layout != "run"
    cells = list(values)
    if explicit:
        while len(cells) > len(cols) and not cells[-1].text:
            cells.pop()
    else:
        cells = [c for c in cells if c.text]
    figures = [c for c in cells if c.text and not is_placeholder(c)]
    n_money = 0
    while n_money < len(cols) and cols[n_money] in MONEY:
        n_money += 1
    mapped: list[tuple[str, Cell]]
    shifted = _shifted(cells, cols) if explicit else None
    if shifted is not None:
        sure, loose = shifted
        return FundsRow(label, group, sure, values, loose=loose)
    if len(cells) == len(cols) or (explicit and len(cells) < len(cols)):
        mapped = list(zip(cols, cells, strict=False))
    elif not figures:
        mapped = []
    elif not explicit and len(cells) == n_money:
        mapped = list(zip(cols, cells, strict=False))  # a dash marks its own empty cell
    elif not explicit and len(figures) == n_money and cells[: len(figures)] == figures:
        # the money columns, then dashes for the merged 分值/执行率/得分 cells
        mapped = list(zip(cols, figures, strict=False))
    elif not explicit and (lost := _shifted(cells, cols, dashes=True)) is not None:
        # fewer cells than columns, one percent: it is the 执行率; the cells after it are read
        # from it on, those before it are loose (a dash keeps its own place among them)
        sure, loose = lost
        return FundsRow(label, group, sure, values, loose=loose)
    elif not explicit and (extra := _header_short(cells, cols)) is not None:
        mapped = extra
    else:
        return FundsRow(
            label,
            group,
            {},
            values,
            f"该行有 {len(cells)} 个数，表头有 {len(cols)} 列，"
            "空白单元格已丢失，无法确定各数所属列",
        )
    kept = {k: c for k, c in mapped if c.text and not is_placeholder(c)}
    if not all(_fits(k, c) for k, c in kept.items()):
        return FundsRow(
            label,
            group,
            {},
            values,
            f"该行有 {len(cells)} 个单元格，表头有 {len(cols)} 列，"
            "按顺序对应时百分数不在执行率列，单元格已错位，无法确定各数所属列",
        )
    return FundsRow(label, group, kept, values)


def _shifted(
    cells: list[Cell], cols: list[str], *, dashes: bool = False
) -> tuple[dict[str, Cell], tuple[Cell, ...]] | None:
    """A row that lost cells before its 执行率: its one percent stands left of the 执行率 column.

    The percent and the cells after it are read right to left from 执行率 on; the figures
    before it are returned loose (their columns are not known). None for any other row. With
    `dashes` (cells run together, where a dash marks its own empty cell) the dashes before the
    percent stay among the loose cells, holding their places.
    """
    if RATE not in cols:
        return None
    r = cols.index(RATE)
    pct = [k for k, c in enumerate(cells) if (n := cell_number(c)) is not None and n.unit == "%"]
    if len(pct) != 1 or pct[0] >= r:
        return None
    p = pct[0]
    after = list(cells[p + 1 :])
    while after and not after[-1].text:
        after.pop()
    if len(after) > len(cols) - r - 1:
        return None
    sure = {
        k: c
        for k, c in zip(cols[r:], cells[p : p + 1] + after, strict=False)
        if c.text and not is_placeholder(c)
    }
    if not all(_fits(k, c) for k, c in sure.items()):
        return None
    loose = tuple(c for c in cells[:p] if c.text and (dashes or not is_placeholder(c)))
    if any(cell_number(c) is None and not is_placeholder(c) for c in loose):
        return None
    if dashes and not any(cell_number(c) is not None for c in loose):
        return None
    return sure, loose


def _header_short(cells: list[Cell], cols: list[str]) -> list[tuple[str, Cell]] | None:
    """A run-together row with more cells than its header has columns, read up to what the
    header names: its one percent stands exactly where the header puts 执行率 (as many cells
    before it as columns before 执行率, so none of them was lost) and the surplus follows the
    rate, where the page printed a column whose name fell outside the header (`… 分值 执行率
    年度资金总额: 620.82万元 620.82万元 620.82万元 100 100% 10 … 得分`). The cells after the
    columns the header names are left unread. None for any other row."""
    if RATE not in cols or len(cells) <= len(cols):
        return None
    r = cols.index(RATE)
    pct = [k for k, c in enumerate(cells) if (n := cell_number(c)) is not None and n.unit == "%"]
    if pct != [r] or not all(cell_number(c) is not None or is_placeholder(c) for c in cells):
        return None
    return list(zip(cols, cells, strict=False))


def _fits(kind: str, cell: Cell) -> bool:
    """A percent stands only under 执行率; 执行率 holds a percent or a bare number."""
    num = cell_number(cell)
    if num is None:
        return False
    if kind == RATE:
        return num.unit in ("", "%")
    return num.unit != "%"


def percent_value(num: CellNumber) -> list[Decimal]:
    """Readings of a rate cell in percent: 86% → [86]; 0.86 → [0.86, 86] (unit not written)."""
    if num.unit in ("%",):
        return [num.value]
    if num.unit:
        return []
    return [num.value, num.value * 100]


# ---- public helpers for other form readers -------------------------------------------------------


def line_cells(line: Line, sep: str = "|") -> list[Cell]:
    """The cells of one `sep`-separated line with their offsets (outer pipes dropped)."""
    return split_cells(line, sep)


def double_spaced(lines: list[Line]) -> bool:
    """Cells written one per line with an empty line between every two of them."""
    return _double_spaced(lines)
