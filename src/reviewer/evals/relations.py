"""Relations a report states, found by brute force — independent of the rules' own grammar.

The mutation eval (`reviewer.evals.mutate`) needs relations the report really states, found
without `reviewer.numbers` or `reviewer.claims` (else it would only test the rules against
themselves). This module has its own figure tokenizer and five finders:

* `sum`    — a figure equal to the exact sum of an adjacent run of >= 2 figures of the same unit,
             in one paragraph, one table row or one cell's words; the total stands right before
             the run, or right after it in the same sentence. Not when the figure before the run
             is one of its peers (the same 、/； separates it from the run as separates the run's
             figures), nor a second total of the same run.
* `rate`   — a percent equal, at its own precision, to the quotient of two figures of the same
             unit (not scores) among the last four figures before it in the same paragraph,
             row or cell run; in running text no other number may stand between them. In a `|`
             or tab table a bare figure under a column headed in percent (执行率(%)) is one.
* `column` — a table column and its total row (合计/总计/小计/共计): the column's figures above
             (or below, when the total row comes first) sum to the total cell. Pipe and tab
             tables by cell index; one-cell-per-line runs by trying every column count 2–12.
* `score`  — in a table row (any table layout), a weight, a percent and a score side by side in
             that order (分值 | 执行率 | 得分) where the score equals weight × rate at the
             score's precision, capped at the weight; no label between them.
* `count`  — `N个/项/家…：` (Arabic or Chinese numeral) followed by a list of exactly N items
             separated by 、 or ；, or numbered (1)(2) / 1. 2. / ①②, inline or on the next lines.

Guards against coincidences: every figure nonzero, >= 2 addends, same unit, exact equality at
the stated precision (the sum rounded to the total's decimals equals the total; the quotient
rounded to the percent's decimals equals the percent), bounded windows; a total of 1 or 2
that is an integer sum of integers, and a run of mostly 1s, are ignored (1 + 1 = 2 is
everywhere); a run must be a whole list, not the prefix of a longer one.

What a reader would see as stated (each guard drops only coincidences on the corpus):
* a run is one list: in one sentence, inside the same brackets, and not followed past a
  bracketed note by a further item joined the same way (主任1名；副主任4名（…1名…）；督查员3名);
  a figure's bracketed breakdown does not break the list it stands in (预拨3608万元（中央2855万元、
  省级753万元），清算120万元，年度3728万元);
* levels of one tree are not a breakdown: a figure labelled like the run's items with another
  ordinal (一级指标3个，二级指标9个，三级指标12个) neither restates the total nor is one;
* in a table row a sum is across whole cells or within one cell's words, never a figure of one
  cell against words of another (a weight cell against a scoring rule's points);
* in a table run together or one cell per line, a rate's figures stand in its row: no label and
  no other rate between them and the percent.

Offsets refer to the text given (normalized with `reviewer.document.normalize`, which keeps
offsets), and each figure carries the layout of the line it sits on: `prose`, `pipe`
(a `|` table row), `cell` (one cell per line), `run` (a table run together on one line, cells
split by spaces) or `tab`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from reviewer.document.normalize import normalize
from reviewer.numbers import half_digit

# Units, longest first so 万元 wins over 元 and 个百分点 over 个.
UNITS = (
    "个百分点",
    "万人次",
    "平方公里",
    "平方米",
    "立方米",
    "万亩",
    "万人",
    "万元",
    "亿元",
    "千元",
    "人次",
    "公里",
    "千米",
    "小时",
    "%",
    "元",
    "个",
    "人",
    "分",
    "项",
    "家",
    "次",
    "户",
    "辆",
    "所",
    "名",
    "件",
    "台",
    "套",
    "座",
    "条",
    "篇",
    "场",
    "期",
    "批",
    "处",
    "村",
    "间",
    "张",
    "本",
    "份",
    "册",
    "棵",
    "株",
    "头",
    "只",
    "床",
    "吨",
    "亩",
    "米",
    "天",
    "类",
    "种",
    "支",
    "部",
    "宗",
    "块",
)
_UNIT_RX = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
# A figure in running text: a number, optional spaces, a unit; not a part of a longer number,
# not an ordinal (第3), not a date or a code, not a per-unit figure (500元/生).
_PROSE_FIG = re.compile(rf"(?<![\d.,第\-/])(?<!\d:)({_NUM})\s*(余|多)?\s*({_UNIT_RX})(?![/／])")
# A cell that is only a figure (unit optional): a table cell or a one-cell-per-line line.
_CELL_FIG = re.compile(rf"\s*({_NUM})\s*({_UNIT_RX})?\s*")
_TOTAL_LABEL = re.compile(r"合\s*计|总\s*计|小\s*计|共\s*计|总\s*额")
_SUBTOTAL = re.compile(r"小\s*计")
_ORDINAL = re.compile(r"[一二三四五六七八九十]")
# What opens a breakdown in the sentence after its total (合计100万元。其中：…).
_BREAKDOWN = re.compile(r"其中|包括|分别|具体")
_TOKEN = re.compile(r"\S+")
_LABEL_GAP = re.compile(r"[^\s|\d.,%/\-—]")
_RULE_ROW = re.compile(r"^\s*\|?[\s:|\-]+\|?\s*$")

LAYOUTS = ("prose", "pipe", "cell", "run", "tab")


class Figure(NamedTuple):
    """A figure: [start, end) is the number as written (digits, commas, point), `uend` the end
    of its unit; `block` the paragraph / table / cell run it belongs to, `row` and `col` its
    place in a table (-1 outside one), `index` its place in the cell run."""

    start: int
    end: int
    uend: int
    value: Decimal
    decimals: int
    unit: str
    layout: str
    block: int
    row: int = -1
    col: int = -1
    approx: bool = False  # 1400余人: breaks a run, never a total or an addend

    @property
    def half(self) -> Decimal:
        """Half a unit of the last written digit: the rounding the figure carries."""
        return half_digit(self.decimals)


class Relation(NamedTuple):
    """A relation the report states. `anchor` is the total, the rate, the score or the count;
    `parts` the addends, the (numerator, denominator) of a rate, the (weight, rate) of a score,
    or nothing for a count (whose item count is `items`)."""

    kind: str  # sum | rate | column | score | count
    anchor: Figure
    parts: tuple[Figure, ...]
    layout: str
    items: int = 0

    def figures(self) -> tuple[Figure, ...]:
        return (self.anchor, *self.parts)


class Line(NamedTuple):
    start: int
    end: int
    text: str  # normalized


def parse_number(raw: str) -> tuple[Decimal, int] | None:
    s = raw.replace(",", "")
    try:
        value = Decimal(s)
    except InvalidOperation:
        return None
    decimals = len(s.split(".", 1)[1]) if "." in s else 0
    return value, decimals


def _lines(norm: str) -> list[Line]:
    out: list[Line] = []
    pos = 0
    for raw in norm.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        out.append(Line(pos, pos + len(body), body))
        pos += len(raw)
    return out


def _is_number_cell(text: str) -> bool:
    return _CELL_FIG.fullmatch(text) is not None


def cell_span(ln: Line) -> tuple[int, int]:
    """[start, end) of a one-cell line's content: whitespace and a lone leading or trailing `|`
    (web pages render each cell as `cell |` or `| cell`) stripped."""
    t = ln.text
    lo, hi = 0, len(t)
    while lo < hi and t[lo] in " \t|":
        lo += 1
    while hi > lo and t[hi - 1] in " \t|":
        hi -= 1
    return ln.start + lo, ln.start + hi


def _inner(ln: Line) -> str:
    s, e = cell_span(ln)
    return ln.text[s - ln.start : e - ln.start]


def _is_row(ln: Line) -> bool:
    """A `|` table row: >= 2 cells, i.e. a `|` between cells once the outer ones are stripped."""
    return "|" in _inner(ln)


def _is_run_together(text: str) -> bool:
    """A table flattened onto one line, cells separated by spaces: >= 6 bare-number tokens and
    fewer than a third as many sentence marks (，。；)."""
    numbers = sum(_is_number_cell(t) for t in text.split())
    marks = sum(text.count(c) for c in "，。；")
    return numbers >= 6 and marks * 3 < numbers


def line_layouts(lines: list[Line]) -> list[str]:
    """The layout of each line: pipe (a row of >= 2 `|` cells), tab, run (a table run together
    on one line), cell, or prose.

    A cell line is in a run of short lines (<= 30 characters once a lone `|` is stripped; not
    ending a sentence) holding >= 4 cells, >= 2 of them bare numbers. Empty lines inside a run
    are transparent; a line of only spaces or pipes is an empty cell."""
    kinds = ["prose"] * len(lines)
    for i, ln in enumerate(lines):
        if _is_row(ln):
            kinds[i] = "pipe"
        elif "\t" in ln.text.strip():
            kinds[i] = "tab"

    for i, ln in enumerate(lines):
        if kinds[i] == "prose" and _is_run_together(ln.text):
            kinds[i] = "run"

    def short(k: int) -> bool:
        inner = _inner(lines[k])
        return kinds[k] == "prose" and len(inner) <= 30 and not inner.endswith(("。", "；", "："))

    i = 0
    while i < len(lines):
        j, cells, numbers, last = i, 0, 0, i - 1
        while j < len(lines) and (lines[j].text == "" or short(j)):
            if lines[j].text != "":
                cells += 1
                numbers += _is_number_cell(_inner(lines[j]))
                last = j
            j += 1
        if cells >= 4 and numbers >= 2:
            for k in range(i, last + 1):
                kinds[k] = "cell"
        i = max(j, i + 1)
    return kinds


def _cells(ln: Line, sep: str) -> list[tuple[int, int]]:
    """[start, end) of each cell of a `|` or tab row (outer empty pipes dropped)."""
    spans: list[tuple[int, int]] = []
    pos = ln.start
    for part in ln.text.split(sep):
        spans.append((pos, pos + len(part)))
        pos += len(part) + 1
    if sep == "|":
        if spans and not ln.text[: spans[0][1] - ln.start].strip():
            spans = spans[1:]
        if spans and not ln.text[spans[-1][0] - ln.start :].strip():
            spans = spans[:-1]
    return spans


def _prose_figs(
    norm: str, start: int, end: int, layout: str, block: int, row: int = -1, col: int = -1
) -> Iterator[Figure]:
    for m in _PROSE_FIG.finditer(norm, start, end):
        parsed = parse_number(m.group(1))
        if parsed is None:
            continue
        yield Figure(
            m.start(1),
            m.end(1),
            m.end(3),
            *parsed,
            m.group(3),
            layout,
            block,
            row,
            col,
            approx=m.group(2) is not None,
        )


def _cell_fig(
    norm: str, start: int, end: int, layout: str, block: int, row: int, col: int
) -> Figure | None:
    m = _CELL_FIG.fullmatch(norm, start, end)
    if m is None:
        return None
    parsed = parse_number(m.group(1))
    if parsed is None:
        return None
    unit = m.group(2) or ""
    uend = m.end(2) if m.group(2) else m.end(1)
    return Figure(m.start(1), m.end(1), uend, *parsed, unit, layout, block, row, col)


class Block(NamedTuple):
    """A paragraph, a table or a one-cell-per-line run, with its figures in text order.
    For tables, `rows` holds each row's cells as (start, end, figure or None)."""

    layout: str
    start: int
    end: int
    figures: list[Figure]
    rows: list[list[tuple[int, int, Figure | None]]]
    lines: list[Line]


def blocks(norm: str) -> list[Block]:
    lines = _lines(norm)
    kinds = line_layouts(lines)
    out: list[Block] = []
    i = 0
    while i < len(lines):
        kind = kinds[i]
        j = i + 1
        if kind not in ("prose", "run"):
            while j < len(lines) and kinds[j] == kind:
                j += 1
        group = lines[i:j]
        b = len(out)
        figs: list[Figure] = []
        rows: list[list[tuple[int, int, Figure | None]]] = []
        if kind == "prose":
            figs = list(_prose_figs(norm, group[0].start, group[0].end, "prose", b))
        elif kind in ("pipe", "tab"):
            sep = "|" if kind == "pipe" else "\t"
            for ln in group:
                if kind == "pipe" and _RULE_ROW.match(ln.text):
                    continue
                r = len(rows)
                row: list[tuple[int, int, Figure | None]] = []
                for c, (s, e) in enumerate(_cells(ln, sep)):
                    fig = _cell_fig(norm, s, e, kind, b, r, c)
                    row.append((s, e, fig))
                    if fig is not None:
                        figs.append(fig)
                    else:
                        figs.extend(_prose_figs(norm, s, e, kind, b, r, c))
                rows.append(row)
        else:  # cell: one row per non-empty line; run: one row per token
            spans = (
                [cell_span(ln) for ln in group if ln.text != ""]
                if kind == "cell"
                else [m.span() for m in _TOKEN.finditer(norm, group[0].start, group[0].end)]
            )
            for s, e in spans:
                r = len(rows)
                fig = _cell_fig(norm, s, e, kind, b, r, 0) if e > s else None
                rows.append([(s, e, fig)])
                if fig is not None:
                    figs.append(fig)
                else:
                    figs.extend(_prose_figs(norm, s, e, kind, b, r, 0))
        out.append(Block(kind, group[0].start, group[-1].end, figs, rows, group))
        i = j
    return out


# ---------------------------------------------------------------------------------------------
# Equality at the stated precision


def sum_equals(total: Figure, parts: list[Figure]) -> bool:
    if len(parts) < 2 or total.value == 0 or any(p.value == 0 for p in parts):
        return False
    if total.approx or any(p.approx for p in parts):
        return False
    if any(p.decimals > total.decimals for p in parts):
        return False  # a total written less precisely than its parts is a rounding claim
    s = sum((p.value for p in parts), Decimal(0))
    if s != total.value:
        return False
    # 1 + 1 = 2 and runs of mostly 1s (one person per post) add up by chance everywhere.
    trivial = total.decimals == 0 and total.value <= 2 and all(p.decimals == 0 for p in parts)
    ones = sum(p.value == 1 for p in parts)
    return not trivial and ones * 2 <= len(parts)


def _round(value: Decimal, decimals: int) -> Decimal:
    return value.quantize(Decimal(10) ** -decimals, rounding="ROUND_HALF_UP")


def rate_equals(rate: Figure, num: Figure, den: Figure) -> bool:
    if den.value == 0 or num.value == 0 or rate.value == 0:
        return False
    return _round(num.value / den.value * 100, rate.decimals) == rate.value


# ---------------------------------------------------------------------------------------------
# Finders


def _runs(seq: list[Figure], norm: str, max_run: int = 10) -> list[Relation]:
    """Sums over adjacent runs of one unit within one sequence; one relation per total.

    A run must be a whole list: a figure of its unit right before or after it in the same
    sentence, joined by the same punctuation as the run's own figures, continues the list. A
    total after its run must stand in the same sentence as the run; a run
    that holds both another relation's total and its addends is dropped (it would count them
    twice), and so is a total read after its run that is itself an addend elsewhere (nested
    lists of 1s make such sums by chance)."""
    found: list[tuple[Relation, bool]] = []  # (relation, read after its run)
    depth = _depths(seq, norm)
    for unit in dict.fromkeys(f.unit for f in seq):
        if unit in ("%", "个百分点"):
            continue  # shares are quotients, checked as rates; percents rarely add up
        same = [f for f in seq if f.unit == unit]
        for i, total in enumerate(same):
            rel: tuple[Relation, bool] | None = None
            peers = i + 2 < len(same) and _peers(norm, total, same[i + 1], same[i + 2])
            for j in range(i + 3, min(len(same), i + 1 + max_run) + 1):  # run after the total
                if peers or not _one_list(norm, same[i + 1 : j], depth):
                    continue
                if not _ends(norm, same, j, total) or _goes_on(norm, same, j, 1, depth):
                    continue
                if sum_equals(total, same[i + 1 : j]):
                    rel = (Relation("sum", total, tuple(same[i + 1 : j]), total.layout), False)
                    break
            if rel is None and not (i and _ordinal_peers(norm, same[i - 1], total)):
                for k in range(i - 2, max(-1, i - 1 - max_run), -1):  # run before the total
                    if "。" in norm[same[i - 1].end : total.start]:
                        break
                    if not _one_list(norm, same[k:i], depth):
                        continue
                    if not _starts(norm, same, k, total) or _goes_on(norm, same, k - 1, -1, depth):
                        continue
                    if sum_equals(total, same[k:i]):
                        rel = (Relation("sum", total, tuple(same[k:i]), total.layout), True)
                        break
            if rel is not None:
                found.append(rel)
    runs: set[tuple[int, ...]] = set()  # one set of addends has one total: the first read
    kept: list[tuple[Relation, bool]] = []
    for r, after in sorted(found, key=lambda x: x[0].anchor.start):
        key = tuple(p.start for p in r.parts)
        if key not in runs:
            runs.add(key)
            kept.append((r, after))
    found = kept
    totals = {r.anchor.start: r for r, _ in found}
    addends = {p.start for r, _ in found for p in r.parts}
    out: list[Relation] = []
    for r, after in found:
        starts = {p.start for p in r.parts}
        nested = any(
            p.start in totals and {q.start for q in totals[p.start].parts} & starts for p in r.parts
        )
        if nested or (after and r.anchor.start in addends):
            continue
        out.append(r)
    return out


def _depths(seq: list[Figure], norm: str) -> dict[int, int]:
    """The bracket depth of each figure of a sequence (in text order), from one pass over the
    text between consecutive figures."""
    out: dict[int, int] = {}
    level, pos = 0, seq[0].start if seq else 0
    for f in seq:
        gap = norm[pos : f.start] if f.start > pos else ""
        for ch in gap:
            if ch in "（(":
                level += 1
            elif ch in "）)" and level:
                level -= 1
        out[f.start] = level
        pos = max(pos, f.uend)
    return out


def _one_list(norm: str, run: list[Figure], depth: dict[int, int]) -> bool:
    """Whether a run of addends is one list: in one sentence and inside the same brackets (in
    `事业编制5名。设主任1名；副主任4名（其中…1名…）；督查员3名` neither 1 + 4 nor 1 + 3 is a
    list: a full stop or a bracket boundary stands between them)."""
    first = depth.get(run[0].start, 0)
    if any(depth.get(f.start, 0) != first for f in run):
        return False
    return "。" not in norm[run[0].uend : run[-1].start]


def _goes_on(norm: str, same: list[Figure], k: int, step: int, depth: dict[int, int]) -> bool:
    """Whether the list a run belongs to goes on past a bracket: stepping from same[k] (the first
    figure past the run) over figures inside a bracket, the next figure at the run's depth in
    the same sentence is joined by the same last mark (、，；) as the run's own last two figures
    (主任1名，…；副主任4名（其中…1名…）；督查员3名: 1 + 4 is not the whole list)."""
    edge = k - step  # the run's figure next to same[k]
    inner = edge - step
    if not (0 <= inner < len(same)) or not (0 <= k < len(same)):
        return False
    level = depth.get(same[edge].start, 0)
    if depth.get(same[k].start, 0) <= level:
        return False  # no bracket: `_ends` / `_starts` judged it
    n = 0
    while 0 <= k < len(same) and depth.get(same[k].start, 0) > level and n < 10:
        k += step
        n += 1
    if not (0 <= k < len(same)) or depth.get(same[k].start, 0) != level:
        return False
    a, b = sorted((same[edge], same[k]), key=_key)
    c, d = sorted((same[inner], same[edge]), key=_key)
    if "。" in norm[a.uend : b.start]:
        return False
    mark = _last_mark(norm[a.uend : b.start])
    return mark != "" and mark == _last_mark(norm[c.uend : d.start])


def _last_mark(gap: str) -> str:
    """The last list mark (、，；) of a gap, bracketed text left out."""
    level, last = 0, ""
    for ch in gap:
        if ch in "（(":
            level += 1
        elif ch in "）)":
            level = max(0, level - 1)
        elif level == 0 and ch in "、，,；;":
            last = {",": "，", ";": "；"}.get(ch, ch)
    return last


def _gap(norm: str, same: list[Figure], i: int) -> str:
    """The punctuation between same[i] and same[i + 1]."""
    return _punct(_unbracket(norm[same[i].uend : same[i + 1].start]))


def _unbracket(gap: str) -> str:
    """A gap with its closed bracketed text left out (a note in brackets is not a list mark)."""
    out: list[str] = []
    level = 0
    for ch in gap:
        if ch in "（(":
            level += 1
            out.append(ch)
        elif ch in "）)" and level:
            level -= 1
            while out and out[-1] not in "（(":
                out.pop()
            out.pop()
        elif level == 0 or ch in "。":
            out.append(ch)
    return "".join(out)


def _ends(norm: str, same: list[Figure], j: int, total: Figure) -> bool:
    """Whether a run ending before same[j] is a whole list, not the prefix of a longer one: the
    next figure of its unit is not joined to it the way the run's own figures are joined
    (一级指标3个，二级指标9个，三级指标12个 does not make 12 = 3 + 9), unless that figure
    restates the total (…，共计61.8万元)."""
    if j >= len(same) or "。" in norm[same[j - 1].uend : same[j].start]:
        return True
    if same[j].value == total.value and not _ordinal_peers(norm, same[j - 1], same[j]):
        return True
    return _gap(norm, same, j - 1) != _gap(norm, same, j - 2)


def _starts(norm: str, same: list[Figure], k: int, total: Figure) -> bool:
    """Whether a run starting at same[k] is a whole list (the same test, backwards)."""
    if k == 0 or "。" in norm[same[k - 1].uend : same[k].start]:
        return True
    if same[k - 1].value == total.value and not _ordinal_peers(norm, same[k], same[k - 1]):
        return True
    return _gap(norm, same, k - 1) != _gap(norm, same, k)


def _label(norm: str, fig: Figure) -> str:
    """The words right before a figure, back to the previous punctuation (at most 12)."""
    words = norm[max(0, fig.start - 12) : fig.start]
    cut = max(words.rfind(c) for c in "，,；;。、：:（）()|")
    return words[cut + 1 :].strip()


def _ordinal_peers(norm: str, a: Figure, b: Figure) -> bool:
    """Whether two figures' labels differ only by an ordinal (一级指标 / 二级指标 / 三级指标,
    第一批 / 第二批): levels or items of one series, so a figure equal to the total that is
    labelled so is the list's next item, not a restatement of the total."""
    la, lb = _label(norm, a), _label(norm, b)
    if la == lb or not _ORDINAL.search(la) or not _ORDINAL.search(lb):
        return False
    core = _ORDINAL.sub("", la)
    return bool(core) and core == _ORDINAL.sub("", lb)


def _punct(gap: str) -> str:
    return "".join(ch for ch in gap if ch in "、，,；;：:（）()。")


def _peers(norm: str, total: Figure, first: Figure, second: Figure) -> bool:
    """Whether the figure before a run is one of its peers in a list (产出指标50分、效益指标30分、
    满意度指标10分…): the same list separator (、 or ；) stands before the run as inside it."""
    before = _punct(norm[total.uend : first.start])
    inside = _punct(norm[first.uend : second.start])
    return before == inside and before in ("、", "；", ";")


def find_sums(blks: list[Block], norm: str) -> list[Relation]:
    out: list[Relation] = []
    for b in blks:
        if b.layout in ("pipe", "tab"):
            # A row states a sum across its cells (whole-cell figures) or within one cell's
            # text, not between a figure of one cell and words of another.
            by_row: dict[int, list[Figure]] = {}
            for f in b.figures:
                by_row.setdefault(f.row, []).append(f)
            for r, row in enumerate(b.rows):
                whole = {id(fig) for _, _, fig in row if fig is not None}
                figs = sorted(by_row.get(r, []), key=_key)
                out.extend(_runs([f for f in figs if id(f) in whole], norm))
                in_cell: dict[int, list[Figure]] = {}
                for f in figs:
                    if id(f) not in whole:
                        in_cell.setdefault(f.col, []).append(f)
                for seq in in_cell.values():
                    out.extend(_runs(seq, norm))
        elif b.layout == "prose":
            found = _runs(b.figures, norm)
            out.extend(found)
            depth = _depths(b.figures, norm)
            outer = [f for f in b.figures if depth[f.start] == 0]
            if len(outer) < len(b.figures):
                # 预拨3608万元（中央2855万元、省级753万元），清算120万元，年度3728万元: a figure's
                # bracketed breakdown does not break the list it stands in.
                seen = {r.anchor.start for r in found}
                inner = [f.start for f in b.figures if depth[f.start] > 0]
                out.extend(
                    r for r in _runs(outer, norm) if r.anchor.start not in seen and _skips(r, inner)
                )
        else:
            # One cell per line or run together: rows are unknown, so sums across cells are
            # left to `column`; a sum within one cell's words (a sentence written in a cell) is
            # read like prose.
            by_cell: dict[int, list[Figure]] = {}
            for f in b.figures:
                by_cell.setdefault(f.row, []).append(f)
            for seq in by_cell.values():
                if len(seq) >= 3:
                    out.extend(_runs(seq, norm))
    return out


def _skips(rel: Relation, inner: list[int]) -> bool:
    """Whether a bracketed figure stands between a relation's first and last figure (else the
    relation was already judged on the full sequence)."""
    lo = min(f.start for f in rel.figures())
    hi = max(f.start for f in rel.figures())
    k = bisect.bisect_right(inner, lo)
    return k < len(inner) and inner[k] < hi


def _key(f: Figure) -> int:
    return f.start


def _percent_columns(b: Block, norm: str) -> set[int]:
    """Starts of the bare figures of a `|` or tab table whose column is headed in percent
    (执行率(%)): the nearest text cell above in the same column has a % sign."""
    out: set[int] = set()
    for r, row in enumerate(b.rows):
        for _s, _e, fig in row:
            if fig is None or fig.unit:
                continue
            for above in range(r - 1, -1, -1):
                cells = b.rows[above]
                if fig.col >= len(cells) or cells[fig.col][2] is not None:
                    continue
                head = norm[cells[fig.col][0] : cells[fig.col][1]].strip()
                if head:
                    if "%" in head:
                        out.add(fig.start)
                    break
    return out


def find_rates(blks: list[Block], norm: str, window: int = 4) -> list[Relation]:
    out: list[Relation] = []
    for b in blks:
        headed = _percent_columns(b, norm) if b.layout in ("pipe", "tab") else set()
        for i, rate in enumerate(b.figures):
            if rate.unit != "%" and rate.start not in headed:
                continue
            before = [
                f
                for f in b.figures[:i]
                if f.unit not in ("%", "个百分点", "分")
                and (b.layout in ("prose", "cell", "run") or f.row == rate.row)
            ][-window:]
            best: tuple[Figure, Figure] | None = None
            for den in reversed(before):
                for num in reversed(before):
                    if num is den or num.unit != den.unit:
                        continue
                    last = max(num.uend, den.uend)
                    gap = norm[last : rate.start]
                    if b.layout == "prose" and any(ch.isdigit() for ch in gap):
                        continue  # in running text the quotient's figures come right before it
                    if b.layout in ("cell", "run") and _other_row(norm, num, den, rate):
                        continue  # a label or another rate between them: another row
                    if rate_equals(rate, num, den):
                        best = (num, den)
                        break
                if best:
                    break
            if best:
                out.append(Relation("rate", rate, best, rate.layout))
    return out


def score_equals(score: Figure, weight: Figure, rate: Figure) -> bool:
    """score = weight × rate, capped at the weight, at the score's precision."""
    if score.value <= 0 or rate.value <= 0 or not 0 < weight.value <= 100:
        return False
    expected = min(weight.value, weight.value * rate.value / 100)
    return _round(expected, score.decimals) == score.value


def find_scores(blks: list[Block], norm: str) -> list[Relation]:
    """weight | rate | score, side by side in a table row (分值 | 执行率 | 得分)."""
    out: list[Relation] = []
    for b in blks:
        if b.layout == "prose":
            continue
        headed = _percent_columns(b, norm) if b.layout in ("pipe", "tab") else set()
        figs = sorted(b.figures, key=_key)
        for weight, rate, score in zip(figs, figs[1:], figs[2:], strict=False):
            if b.layout in ("pipe", "tab"):
                if not weight.row == rate.row == score.row:
                    continue
            elif _LABEL_GAP.search(norm, weight.uend, rate.start) or _LABEL_GAP.search(
                norm, rate.uend, score.start
            ):
                continue  # a label between them: another row
            if weight.unit not in ("", "分") or score.unit not in ("", "分"):
                continue
            if rate.unit != "%" and rate.start not in headed:
                continue
            if score.value <= weight.value and score_equals(score, weight, rate):
                out.append(Relation("score", score, (weight, rate), score.layout))
    return out


def _other_row(norm: str, num: Figure, den: Figure, rate: Figure) -> bool:
    """In a table written one cell per line or run together, whether the quotient's figures and
    the rate are in different rows: a label cell stands after the later figure, or another
    percent (the rate of an earlier row) stands between the earlier figure and the rate."""
    last = max(num.uend, den.uend)
    if _LABEL_GAP.search(norm, last, rate.start):
        return True
    return "%" in norm[min(num.uend, den.uend) : rate.start]


def _row_label(b: Block, r: int, norm: str) -> str:
    return "".join(norm[s:e] for s, e, fig in b.rows[r] if fig is None)


def _column_totals_in(b: Block, norm: str) -> Iterator[Relation]:
    rows = b.rows
    total_rows = [r for r in range(len(rows)) if _TOTAL_LABEL.search(_row_label(b, r, norm))]
    sub_rows = {r for r in total_rows if _SUBTOTAL.search(_row_label(b, r, norm))}
    for r in total_rows:
        for _s, _e, total in rows[r]:
            if total is None:
                continue
            c = total.col
            for direction in (-1, 1):
                segment: list[tuple[int, Figure]] = []
                k = r + direction
                while 0 <= k < len(rows):
                    if k in total_rows and k not in sub_rows:
                        break
                    cell = rows[k][c] if c < len(rows[k]) else None
                    fig = cell[2] if cell else None
                    if fig is not None and fig.unit == total.unit:
                        segment.append((k, fig))
                    k += direction
                choices = [
                    [f for k, f in segment if k not in sub_rows],
                    [f for k, f in segment if k in sub_rows],
                ]
                hit = next((ch for ch in choices if sum_equals(total, ch)), None)
                if hit:
                    yield Relation("column", total, tuple(sorted(hit, key=_key)), b.layout)
                    break


def _cell_run_columns(b: Block, norm: str) -> Iterator[Relation]:
    for rel, _, _ in cell_run_shapes(b, norm):
        yield rel


def cell_run_shapes(b: Block, norm: str) -> Iterator[tuple[Relation, int, int]]:
    """Column relations of a one-cell-per-line (or run-together) block, each with the column
    count that made it and the index of its total row's label cell."""
    cells = [fig for _, _, fig in (row[0] for row in b.rows)]
    texts = [norm[s:e] for s, e, _ in (row[0] for row in b.rows)]
    n = len(cells)
    for i, t in enumerate(texts):
        if cells[i] is not None or not _TOTAL_LABEL.search(t):
            continue
        done: set[int] = set()
        for k in range(2, 13):
            for c in range(1, k):
                p = i + c
                total = cells[p] if p < n else None
                if total is None or p in done:
                    continue
                for direction in (-1, 1):
                    addends: list[Figure] = []
                    q = p + direction * k
                    while 0 <= q < n and cells[q] is not None:
                        fig = cells[q]
                        assert fig is not None
                        if fig.unit != total.unit:
                            break
                        addends.append(fig)
                        q += direction * k
                    if sum_equals(total, addends):
                        done.add(p)
                        rel = Relation("column", total, tuple(sorted(addends, key=_key)), b.layout)
                        yield rel, k, i
                        break


_PLACEHOLDER = re.compile(r"[\s\-—–/／\\]*")


def _value_like(text: str, fig: Figure | None) -> bool:
    """A cell a value row holds: a figure, an empty cell or a dash."""
    return fig is not None or _PLACEHOLDER.fullmatch(text) is not None


def row_shape(b: Block, norm: str) -> tuple[int, int] | None:
    """(column count, index of a row's label cell) of a one-cell-per-line block: from a column
    relation (`cell_run_shapes`), else from two consecutive rows of one width around a rate —
    a label cell, then only figures, empty cells or dashes, then the next row's label, the
    rate's row and the row after it (or before it) alike. None when neither shows the width."""
    shape = next(cell_run_shapes(b, norm), None)
    if shape is not None:
        return shape[1], shape[2]
    if b.layout != "cell":
        return None  # run together, empty cells leave no trace: widths vary row to row
    cells = [fig for _, _, fig in (row[0] for row in b.rows)]
    texts = [norm[s:e] for s, e, _ in (row[0] for row in b.rows)]
    n = len(cells)
    values = [_value_like(texts[i], cells[i]) for i in range(n)]

    def width_at(label: int) -> int | None:
        """The width of the row whose label is at `label`: up to the next label cell."""
        if label < 0 or label >= n or values[label]:
            return None
        k = label + 1
        while k < n and values[k]:
            k += 1
        return k - label if k < n and 2 <= k - label <= 12 else None

    for rel in find_rates([b], norm):
        first = min(f.row for f in rel.figures())
        label = max((i for i in range(first) if not values[i]), default=-1)
        k = width_at(label)
        if k is None or rel.anchor.row >= label + k:
            continue
        if width_at(label + k) == k or width_at(label - k) == k:
            return k, label
    return None


def find_columns(blks: list[Block], norm: str) -> list[Relation]:
    out: list[Relation] = []
    for b in blks:
        if b.layout in ("pipe", "tab"):
            out.extend(_column_totals_in(b, norm))
        elif b.layout in ("cell", "run"):
            out.extend(_cell_run_columns(b, norm))
    return out


_CN = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_COUNT_HEAD = re.compile(
    r"(?<![\d.第])([0-9]{1,2}|[一二两三四五六七八九十]{1,3})\s*"
    r"(?:个|项|家|所|条|类|种|名|户|批|件|大|方面)[^，。；：:\n]{0,15}?[：:]"
)
_NUMBERED = re.compile(r"[(（]\s*(\d{1,2})\s*[)）]|(?<![\d.])(\d{1,2})\s*[.、．](?!\d)|([①-⑳])")


def chinese_int(s: str) -> int | None:
    """一..九十九 (and Arabic digits); None when it is not a plain numeral."""
    if s.isdigit():
        return int(s)
    if s == "十":
        return 10
    if "十" in s:
        head, _, tail = s.partition("十")
        tens = _CN.get(head, 0) if head else 1
        ones = _CN.get(tail, 0) if tail else 0
        if (head and head not in _CN) or (tail and tail not in _CN) or s.count("十") > 1:
            return None
        return tens * 10 + ones
    return _CN.get(s) if len(s) == 1 else None


def _numbered(seq: list[int]) -> bool:
    return bool(seq) and seq == list(range(1, len(seq) + 1))


def _list_items(rest: str, following: list[str]) -> int:
    """Items of a list after a colon: separated by ；/; or 、 up to the sentence end, numbered
    inline, or numbered on the following lines. 0 when no list is recognised (e.g. ends with 等)."""
    body = rest.split("。", 1)[0].strip()
    if body:
        marks = [m.group(1) or m.group(2) or m.group(3) for m in _NUMBERED.finditer(body)]
        nums = [int(x) if x.isdigit() else ord(x) - ord("①") + 1 for x in marks]
        if len(nums) >= 2 and _numbered(nums) and _NUMBERED.match(body):
            return len(nums)
        for sep in ("；", ";", "、"):
            if sep in body:
                items = [x for x in body.split(sep) if x.strip()]
                if items and items[-1].rstrip().endswith("等"):
                    return 0
                return len(items)
        return 0
    nums = []
    for ln in following:
        m = _NUMBERED.match(ln.strip())
        if not m:
            break
        x = m.group(1) or m.group(2) or m.group(3)
        nums.append(int(x) if x.isdigit() else ord(x) - ord("①") + 1)
    return len(nums) if _numbered(nums) else 0


def find_counts(norm: str, blks: list[Block]) -> list[Relation]:
    out: list[Relation] = []
    lines = _lines(norm)
    for b in blks:
        if b.layout != "prose":
            continue
        ln = b.lines[0]
        idx = next(i for i, x in enumerate(lines) if x.start == ln.start)
        following = [x.text for x in lines[idx + 1 : idx + 30] if x.text.strip()]
        for m in _COUNT_HEAD.finditer(norm, ln.start, ln.end):
            n = chinese_int(m.group(1))
            if n is None or n < 2:
                continue
            items = _list_items(norm[m.end() : ln.end], following)
            if items != n:
                continue
            anchor = Figure(
                m.start(1), m.end(1), m.end(1), Decimal(n), 0, "count", "prose", b.start
            )
            out.append(Relation("count", anchor, (), "prose", items))
    return out


# A stretch of a prose line that is a table row run together: >= 3 figure cells in a row,
# separated only by spaces (52.800000 52.800000 100.00% 30.800000 58.33%).
_CELL_TOKEN = rf"(?<!\S)(?:{_NUM})(?:{_UNIT_RX})?(?!\S)"
_ROW_STRETCH = re.compile(rf"{_CELL_TOKEN}(?:[ \t]+{_CELL_TOKEN}){{2,}}")


def row_stretches(norm: str, blks: list[Block]) -> list[Block]:
    """Tables run together inside a prose line (a form's rows between its words): each stretch
    of >= 3 space-separated figure cells, one of them a bare number (running text gives its
    figures units), read as a run-together block of its own. Only rates and scores are read
    in them: a stretch has no labels, so neither a column nor a sum across cells is stated."""
    out: list[Block] = []
    for b in blks:
        if b.layout != "prose":
            continue
        for m in _ROW_STRETCH.finditer(norm, b.start, b.end):
            k = len(blks) + len(out)
            rows: list[list[tuple[int, int, Figure | None]]] = []
            figs: list[Figure] = []
            for t in _TOKEN.finditer(norm, m.start(), m.end()):
                fig = _cell_fig(norm, t.start(), t.end(), "run", k, len(rows), 0)
                rows.append([(t.start(), t.end(), fig)])
                if fig is not None:
                    figs.append(fig)
            if any(not f.unit for f in figs):
                out.append(Block("run", m.start(), m.end(), figs, rows, b.lines))
    return out


def find_relations(text: str) -> list[Relation]:
    """Every relation of the five types stated in `text` (offsets into `text`)."""
    norm = normalize(text)
    blks = blocks(norm)
    stretches = row_stretches(norm, blks)
    rels = (
        find_sums(blks, norm)
        + find_rates(blks, norm)
        + find_columns(blks, norm)
        + find_scores(blks, norm)
        + find_counts(norm, blks)
    )
    seen = {(r.kind, r.anchor.start) for r in rels}
    rels += [
        r
        for r in find_rates(stretches, norm) + find_scores(stretches, norm)
        if (r.kind, r.anchor.start) not in seen
    ]
    rels.sort(key=lambda r: (r.anchor.start, r.kind))
    return rels
