"""Totals in tables: a 合计/总计/小计 row (or a 合计 column) against the figures it adds up.

Reuses T001/T002 from `totals`: the same finding, whether the parts stand in a sentence or in
a table. Each numeric column is added up in Python; the tolerance is the rounding the figures
carry (half a unit of the last written digit of each), so a difference within it is T002
(info) and a larger one T001 (error).

Precision first, because tables lose structure when pasted: rows labelled 其中 are never parts;
when a row equals the sum of the rows right under it (a parent with its children, indentation
lost), the table is also read with the parents only; when any reading reconciles the total,
nothing is reported, and when the structure is ambiguous a mismatch is a warning. Score columns
(分值/得分) are left to the score checks, rate columns (执行率, 增长率) are not additive, and a
percent column is added up only when its header says it holds shares (占比/比重/构成).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from decimal import Decimal
from typing import NamedTuple

from reviewer.checks.registry import Hit, relation
from reviewer.checks.registry import Relation as Held
from reviewer.checks.registry import check as register
from reviewer.checks.totals import SUM_MISMATCH, SUM_ROUNDING
from reviewer.document import Document
from reviewer.document.tables import (
    Cell,
    CellNumber,
    Table,
    cell_number,
    column_unit,
    holds_number,
    is_placeholder,
    is_subtotal_label,
    is_total_label,
    row_levels,
    tables,
)
from reviewer.models import Severity
from reviewer.numbers import MONEY_SCALE, fmt, half_digit
from reviewer.regex import lazy
from reviewer.tolerances import Tolerances

_SKIP_HEAD = lazy(
    r"分值|得分|权重|满分|评分|序号|编号|年份|年度|指标值|完成值|目标|标准|代码|"
    r"率|增长|增减|增幅|同比|环比|变动|差额|偏差|单价|均"
)
_SHARE_HEAD = lazy(r"占比|比重|构成|百分比|份额|比例")
_TOTAL_HEAD = lazy(r"^.{0,8}?(?:合\s*计|总\s*计)(?:[（(].*[)）])?$")
_AMONG = lazy(r"^\s*(?:其中|含|包括)[:：]?")
_LEVELS = [
    lazy(r"^[一二三四五六七八九十]+[、.．]"),
    lazy(r"^[（(][一二三四五六七八九十]+[)）]"),
    lazy(r"^\d+[、.．](?!\d)"),
    lazy(r"^[（(]\d+[)）]"),
]
_MAX_TERMS = 8


class _Fig(NamedTuple):
    """A figure in a table with where it stands; a placeholder cell is an exact zero."""

    cell: Cell
    num: CellNumber | None  # None for a placeholder (—, /, empty)

    @property
    def value(self) -> Decimal:
        return self.num.value if self.num else Decimal(0)


@register(SUM_MISMATCH, SUM_ROUNDING)
def table_sums(doc: Document) -> Iterator[Hit | Held]:
    for table in tables(doc):
        yield from _column_totals(table, doc.tolerances)
        yield from _row_totals(table, doc.tolerances)


# ---- rows labelled 合计 / 小计 ------------------------------------------------------------


def _label(table: Table, row: list[Cell]) -> str:
    """The row's name: its first filled cell before the first figure."""
    for cell in row:
        if holds_number(cell):
            break
        if cell.text:
            return cell.text
    return ""


_LEVEL_FIRST = frozenset("一二三四五六七八九十（(")  # where a numbering starts, digits aside


def _level(label: str) -> int:
    first = label[:1]
    if first not in _LEVEL_FIRST and not first.isdecimal():
        return 0  # no numbering (most rows): no pattern to try
    for k, pat in enumerate(_LEVELS, start=1):
        if pat.match(label):
            return k
    return 0


class _Numbers:
    """The numbers of a table's columns, each column read once (a flattened table's column is
    read for its parents, then judged with one or more readings of its rows)."""

    def __init__(self, rows: list[list[Cell]]) -> None:
        self.rows = rows
        self.columns: dict[int, list[CellNumber | None]] = {}

    def of(self, col: int) -> list[CellNumber | None]:
        found = self.columns.get(col)
        if found is None:
            found = [cell_number(r[col]) if col < len(r) else None for r in self.rows]
            self.columns[col] = found
        return found


def _column_totals(table: Table, allow: Tolerances) -> Iterator[Hit | Held]:
    if row_levels(table) is not None:
        return  # numbered on several levels: `table_rows.numbered_groups` reads the hierarchy
    rows = [r for r in table.rows if r]
    numbers = _Numbers(rows)
    labels = [_label(table, r) for r in rows]
    totals = [k for k, lab in enumerate(labels) if is_total_label(lab)]
    subtotals = [k for k, lab in enumerate(labels) if is_subtotal_label(lab)]
    if len(totals) > 1 or (not totals and not subtotals):
        return
    parts = [
        k
        for k, lab in enumerate(labels)
        if k not in totals and k not in subtotals and not _AMONG.match(lab)
    ]
    # Rows under an 其中 row belong to the row above it, never to the total.
    among_children = _among_children(labels)
    parts = [k for k in parts if k not in among_children]

    groups: list[tuple[int, list[list[int]]]] = []  # (stated row, readings of part rows)
    if subtotals:
        bound = 0
        for s in subtotals:
            seg = [k for k in parts if bound <= k < s]
            if seg:
                groups.append((s, _readings(rows, seg, labels, numbers)))
            bound = s + 1
        if totals:
            after = [k for k in parts if k > subtotals[-1] and k != totals[0]]
            groups.append(
                (totals[0], [subtotals + after, *_readings(rows, parts, labels, numbers)])
            )
    elif totals:
        t = totals[0]
        groups.append((t, _readings(rows, parts, labels, numbers)))

    for col in range(len(table.header)):
        head = table.header[col].text
        if _SKIP_HEAD.search(head) and not _SHARE_HEAD.search(head):
            continue
        if is_total_label(head) or (col == 0 and not head):
            continue
        for stated_row, readings in groups:
            hit = _judge_column(table, rows, col, stated_row, readings, labels, allow, numbers)
            if hit is not None:
                yield hit


def _among_children(labels: list[str]) -> set[int]:
    """Rows following an 其中 row that are numbered deeper than the row before it."""
    out: set[int] = set()
    for k, lab in enumerate(labels):
        if _AMONG.match(lab) and lab.rstrip("：:") in ("其中", "含", "包括"):
            # A bare "其中：" row introduces the next rows; their level marks where they end.
            lvl = _level(labels[k + 1]) if k + 1 < len(labels) else 0
            j = k + 1
            while j < len(labels) and lvl and _level(labels[j]) == lvl:
                out.add(j)
                j += 1
    return out


def _readings(
    rows: list[list[Cell]], parts: list[int], labels: list[str], numbers: _Numbers
) -> list[list[int]]:
    """Ways to read which rows are the parts: all; the top numbering level; parents only."""
    out = [parts]
    levels = {_level(labels[k]) for k in parts}
    if len(levels) > 1 and 0 not in levels:
        top = min(levels)
        out.append([k for k in parts if _level(labels[k]) == top])
    parents = _parents_only(rows, parts, numbers)
    if parents is not None and parents not in out:
        out.append(parents)
    return out


def _first_numeric_col(rows: list[list[Cell]], parts: list[int]) -> int | None:
    width = min(len(rows[k]) for k in parts)
    for col in range(width):
        if all(holds_number(rows[k][col]) for k in parts):
            return col
    return None


def _parents_only(rows: list[list[Cell]], parts: list[int], numbers: _Numbers) -> list[int] | None:
    """When some row equals the sum of the next rows (its children), the parents alone."""
    if len(parts) < 3:
        return None
    col = _first_numeric_col(rows, parts)
    if col is None:
        return None
    column = numbers.of(col)
    nums = [column[k] for k in parts]
    vals = [n.value for n in nums if n]
    if len(vals) != len(parts) or any(v < 0 for v in vals):
        return None
    keep: list[int] = []
    i, grouped = 0, False
    while i < len(parts):
        keep.append(parts[i])
        step = 1
        acc = Decimal(0)
        first = nums[i]
        tol = _half(first) if first else Decimal(0)  # the rounding of rows i..k, added up
        for k in range(i + 1, len(parts)):
            acc += vals[k]
            n = nums[k]
            if n:
                tol += _half(n)
            if k - i >= 2 and abs(acc - vals[i]) <= tol and acc > 0:
                step = k - i + 1
                grouped = True
                break
            if acc > vals[i] + tol:
                break
        i += step
    return keep if grouped else None


def _half(n: CellNumber) -> Decimal:
    return _half_of(n.decimals)


@functools.lru_cache(maxsize=64)
def _half_of(decimals: int) -> Decimal:
    """Half the last digit of a figure written with `decimals` decimals."""
    return half_digit(decimals)


def _judge_column(
    table: Table,
    rows: list[list[Cell]],
    col: int,
    stated_row: int,
    readings: list[list[int]],
    labels: list[str],
    allow: Tolerances,
    numbers: _Numbers,
) -> Hit | Held | None:
    row = rows[stated_row]
    if col >= len(row):
        return None
    stated = cell_number(row[col])
    if stated is None:
        return None
    unit = _unit(table, col, stated)
    if unit is False:
        return None
    nums = numbers.of(col)
    evaluated = []
    for parts in readings:
        figs = _figures(rows, parts, col, stated, nums)
        if figs is None:
            continue
        evaluated.append(figs)
    if not evaluated:
        return None
    label = labels[stated_row]
    finest = max((n.decimals for n in nums if n), default=0)
    return _judge(
        table.header[col].text,
        label,
        stated,
        evaluated,
        str(unit or ""),
        len(readings),
        finest,
        allow,
    )


def _unit(table: Table, col: int, stated: CellNumber) -> str | bool | None:
    """The column's unit for messages; False when the column must not be added up."""
    head = table.header[col].text
    unit = column_unit(table, col) or stated.unit or None
    percent = unit in ("%", "‰") or stated.unit in ("%", "‰")
    if percent and not _SHARE_HEAD.search(head):
        return False  # rates and percentages of different bases do not add up
    if not percent and _SHARE_HEAD.search(head):
        return False
    return "%" if percent else unit


def _figures(
    rows: list[list[Cell]],
    parts: list[int],
    col: int,
    stated: CellNumber,
    nums: list[CellNumber | None],
) -> list[_Fig] | None:
    """The figures of the rows `parts` in column `col` (`nums`: the column's numbers)."""
    figs: list[_Fig] = []
    for k in parts:
        if col >= len(rows[k]):
            return None
        cell = rows[k][col]
        num = nums[k]
        if num is None:
            if is_placeholder(cell):
                figs.append(_Fig(cell, None))
                continue
            return None  # words in a figure column: not a column of amounts
        if num.unit != stated.unit and not (num.unit in MONEY_SCALE and stated.unit in MONEY_SCALE):
            return None
        figs.append(_Fig(cell, num))
    if sum(1 for f in figs if f.num) < 2:
        return None
    return figs


def _value(num: CellNumber, unit_of: str) -> Decimal:
    """A figure in the stated total's unit (cells may write 万元 and 元 side by side)."""
    if num.unit == unit_of or not num.unit or not unit_of:
        return num.value
    return num.value * MONEY_SCALE[num.unit] / MONEY_SCALE[unit_of]


def _extra(allow: Tolerances, unit: str) -> Decimal:
    """The configured allowance in the column's own unit (万元 columns get yuan / 10000)."""
    if unit in MONEY_SCALE:
        return allow.money_yuan / MONEY_SCALE[unit]
    return allow.percent_points if unit in ("%", "‰") else allow.count


def _tolerance(nums: list[CellNumber], finest: int = 0, unit: str = "") -> Decimal:
    """Half a unit of the last digit of each figure; whole numbers among decimals are exact.

    `finest` is the most decimals written anywhere in the figures' column (or row): a table
    that writes 100.5 elsewhere writes 50 for exactly 50.
    """
    finest = max([finest, *(n.decimals for n in nums)])
    unit = unit or (nums[0].unit if nums else "")
    if finest == 0 and unit and unit not in MONEY_SCALE and unit not in ("%", "‰"):
        return Decimal(0)  # counts of people and things are exact
    tol = Decimal(0)
    for n in nums:
        if n.decimals == 0 and finest > 0:
            continue
        tol += _half(n)
    return tol


def _judge(
    head: str,
    label: str,
    stated: CellNumber,
    readings: list[list[_Fig]],
    unit: str,
    n_readings: int,
    finest: int = 0,
    allow: Tolerances | None = None,
) -> Hit | Held | None:
    allow = allow or Tolerances()
    scored = []
    for figs in readings:
        nums = [f.num for f in figs if f.num]
        total = sum((_value(n, stated.unit) for n in nums), Decimal(0))
        diff = total - stated.value
        tol = allow.rounding_of(_tolerance([stated, *nums], finest, unit))
        tol += _extra(allow, unit or stated.unit)
        if diff == 0:
            spans = [(stated.start, stated.end)] + [
                (f.cell.start, f.cell.end) for f in figs if f.num
            ]
            expr = " + ".join(fmt(f.value) if f.num else "0" for f in figs)
            return relation("table_column", spans, f"{expr} = {fmt(stated.value)}{unit}")
        scored.append((abs(diff) <= tol, abs(diff), figs, total, diff, tol))
    within = [s for s in scored if s[0]]
    pick = min(within, key=lambda s: s[1]) if within else scored[0]
    _, _, figs, total, diff, tol = pick
    nums = [f.num for f in figs if f.num]
    places = max([stated.decimals, *(n.decimals for n in nums)])
    parts = [fmt(f.value) for f in figs]  # a placeholder's value is 0: "0"
    terms = parts
    if len(terms) > _MAX_TERMS:
        terms = [*terms[:3], "…", *terms[-2:]]
    data = {
        "expr": f"{' + '.join(terms)} = {fmt(total, places)}",
        "stated": fmt(stated.value, stated.decimals),
        "diff": fmt(abs(diff), places),
        "unit": unit,
        "note": f"；表格“{head}”列，“{label}”行",
        "note_en": f"; table column “{head}”, row “{label}”",
        "parts": parts,
        "parts_sum": fmt(total),
        "tolerance": fmt(tol),
        "column": head,
        "row": label,
    }
    spans = [(stated.start, stated.end)] + [(f.cell.start, f.cell.end) for f in figs if f.num]
    if within:
        return SUM_ROUNDING.hit(spans, data)
    severity = Severity.ERROR
    if n_readings > 1:
        severity = Severity.WARNING
        data["note"] = f"{data['note']}；表格层级不明确（可能含上下级行），请核实"
        data["note_en"] = f"{data['note_en']}; the table's row hierarchy is unclear, please verify"
    return SUM_MISMATCH.hit(spans, data, severity=severity)


# ---- a 合计 column ----------------------------------------------------------------------


def _row_totals(table: Table, allow: Tolerances) -> Iterator[Hit | Held]:
    header = table.header
    t = next((k for k, c in enumerate(header) if _TOTAL_HEAD.match(c.text)), None)
    if t is None or t == 0:
        return
    numeric = [
        k
        for k, c in enumerate(header)
        if k != 0
        and not _SKIP_HEAD.search(c.text)
        and not _SHARE_HEAD.search(c.text)
        and column_unit(table, k) not in ("%", "‰")
        and _mostly_numbers(table, k)
    ]
    if t not in numeric:
        return
    pos = numeric.index(t)
    if pos == 0:
        part_cols = numeric[1:]
    elif pos == len(numeric) - 1:
        part_cols = numeric[:-1]
    else:
        return  # a total column in the middle: which side it adds up is unclear
    if len(part_cols) < 2:
        return
    finest = max(
        (
            n.decimals
            for r in table.rows
            for k in (t, *part_cols)
            if k < len(r)
            for n in [cell_number(r[k])]
            if n
        ),
        default=0,
    )
    for row in table.rows:
        if len(row) <= max(t, *part_cols):
            continue
        stated = cell_number(row[t])
        if stated is None:
            continue
        figs: list[_Fig] = []
        for k in part_cols:
            num = cell_number(row[k])
            if num is None and not is_placeholder(row[k]):
                figs = []
                break
            if num is not None and num.unit != stated.unit:
                figs = []
                break
            figs.append(_Fig(row[k], num))
        if sum(1 for f in figs if f.num) < 2:
            continue
        unit = column_unit(table, t) or stated.unit
        hit = _judge(header[t].text, _label(table, row), stated, [figs], unit, 1, finest, allow)
        if isinstance(hit, Held):
            yield hit
        elif hit is not None:
            hit.data["note"] = f"；表格“{_label(table, row)}”行，各列之和对“{header[t].text}”列"
            hit.data["note_en"] = (
                f"; table row “{_label(table, row)}”, columns against “{header[t].text}”"
            )
            yield hit


def _mostly_numbers(table: Table, col: int) -> bool:
    cells = [r[col] for r in table.rows if col < len(r) and r[col].text]
    if not cells:
        return False
    return sum(1 for c in cells if holds_number(c)) * 2 >= len(cells)
