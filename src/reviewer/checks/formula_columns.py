"""A form whose header letters its columns and states its percent columns as formulas over them.

Some provinces print a funds table as `全年预算数(A) 统筹整合资金数(B) 扣除统筹整合资金后预算金额(C)
全年到位资金(D) 预算到位(D/C×100%) 全年执行资金(E) 预算执行(E/C×100%)`: the header itself says how
each percent is computed. Flattened to text, a row's empty cells leave no trace
(`年度资金总额(万元): 1 52.800000 52.800000 52.800000 100.00% 30.800000 58.33%`: seven columns,
six figures, B empty), so which figure stands under which letter is not known. What is known:
a percent stands only under a formula column, an amount only under a letter, and the cells keep
their order. Every placement that respects that is tried; a stated percent is wrong when no
placement gives it — each either computes another value or leaves one of its operands empty
(a percent over an empty cell has no basis) — and at least one computes it.

The header is a run of lettered marks `(A)`, `(B)`, … in order from A, with at least one
formula `(X/Y)` or `(X/Y×100%)` over letters named before it; a header naming 行次 gives each
row its number first, which is dropped. Rows are a label and the figures after it, up to the
next words; the table ends at the first row no placement fits. A table the funds-block reader
reads (`reviewer.document.forms`, whose header names 执行数 and 执行率) is left to R003.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from decimal import Decimal
from typing import NamedTuple

from reviewer import regex as rx
from reviewer.checks.registry import Hit, Relation, check, relation, rule
from reviewer.document import Document
from reviewer.document.forms import funds_blocks
from reviewer.document.tables import Cell, CellNumber, cell_number
from reviewer.models import Severity
from reviewer.numbers import fmt, fmt_percent
from reviewer.regex import lazy

FORMULA_COLUMN_RATE = rule(
    code="R076",
    fix_zh="按表头所列公式重算该百分比，或更正其所依据的金额。",
    name="formula-column-rate-mismatch",
    kind="rate_mismatch",
    severity=Severity.WARNING,
    family="rates",
    title_zh="表中百分比与表头所列公式不符",
    title_en="A percent does not match the formula its column header states",
    message_zh="“{label}”行“{name}”填 {stated}，而按表头公式 {formula} = {expr}{note}",
    message_en="Row '{label}' states {stated} under '{name}', but the header's formula "
    "{formula} gives {expr}{note_en}",
    what="Reads a table whose header letters its columns (全年预算数(A) … 全年到位资金(D)) and "
    "states its percent columns as formulas over them (预算到位(D/C×100%)). A row flattened to "
    "text loses its empty cells, so every order-keeping placement of its figures under the "
    "columns (a percent only under a formula, an amount only under a letter) is tried; a "
    "stated percent is reported when no placement gives it at its precision (rounded or "
    "truncated), each placement either computing another value or leaving an operand empty, "
    "and at least one computing it.",
    why="The header states how the percent is computed; a percent the row's own figures do not "
    "give, whichever cell was left empty, is a wrong figure (or rests on an empty cell).",
    example="行次 全年预算数 (A) 统筹整合资金数 (B) 扣除统筹整合资金后预算金额 (C) "
    "全年到位资金 (D) 预算到位 (D/C×100%) 全年执行资金 (E) 预算执行 (E/C×100%)\n"
    "年度资金总额(万元): 1 52.8\n52.8 52.8 100.30% 30.8 58.33%\n",
    counterexample="行次 全年预算数 (A) 统筹整合资金数 (B) 扣除统筹整合资金后预算金额 (C) "
    "全年到位资金 (D) 预算到位 (D/C×100%) 全年执行资金 (E) 预算执行 (E/C×100%)\n"
    "年度资金总额(万元): 1 52.8\n52.8 52.8 100.00% 30.8 58.33%\n",
    fix="Recompute the percent by the header's formula, or correct the amounts it rests on.",
)

# (A) — a lettered column; (D/C×100%) — a formula over two of them.
_MARK = lazy(
    r"[(（]\s*(?:(?P<letter>[A-Z])|(?P<num>[A-Z])\s*[/／÷]\s*(?P<den>[A-Z])"
    r"\s*(?:[×*xX]\s*100\s*%)?)\s*[)）]"
)
_MAX_GAP = 40  # characters of column name between two marks of one header
_WINDOW = 1500  # characters of rows read after the header
_TOKEN = lazy(r"[^\s|]+")


class _Column(NamedTuple):
    name: str  # the words before the mark (预算到位)
    letter: str  # "D" for a lettered column, "" for a formula
    num: str = ""  # a formula's letters
    den: str = ""

    @property
    def formula(self) -> bool:
        return not self.letter


class _Header(NamedTuple):
    columns: list[_Column]
    start: int
    end: int
    numbered: bool  # the header names 行次: each row's number comes first


class _Row(NamedTuple):
    label: Cell
    figures: list[CellNumber]


def _headers(doc: Document) -> Iterator[_Header]:
    norm = doc.norm
    marks = list(_MARK.finditer(norm)) if "(" in norm or "（" in norm else []
    group: list[re.Match[str]] = []
    for m in [*marks, None]:
        if (
            m is not None
            and group
            and m.start() - group[-1].end() <= _MAX_GAP
            and not rx.search(r"\d", norm[group[-1].end() : m.start()])
        ):
            group.append(m)
            continue
        if group:
            header = _header(norm, group)
            if header is not None:
                yield header
        group = [m] if m is not None else []


def _header(norm: str, group: list[re.Match[str]]) -> _Header | None:
    columns: list[_Column] = []
    pos = max(0, group[0].start() - _MAX_GAP)
    for m in group:
        name = rx.sub(r"[\s|]+", "", norm[pos : m.start()])
        name = rx.split(r"[。；;：:]", name)[-1][-16:]
        if m.group("letter"):
            columns.append(_Column(name, m.group("letter")))
        else:
            columns.append(_Column(name, "", m.group("num"), m.group("den")))
        pos = m.end()
    letters = [c.letter for c in columns if c.letter]
    if letters != [chr(ord("A") + k) for k in range(len(letters))]:
        return None  # letters in order from A: a header, not letters in running text
    seen: set[str] = set()
    usable = False
    for c in columns:
        if c.formula:
            if c.num not in seen or c.den not in seen or c.num == c.den:
                return None
            usable = True
        seen.add(c.letter)
    if not usable:
        return None
    lead = norm[max(0, group[0].start() - _MAX_GAP * 2) : group[0].start()]
    return _Header(columns, group[0].start(), group[-1].end(), "行次" in lead)


def _rows(doc: Document, header: _Header) -> Iterator[_Row]:
    norm = doc.norm
    label: Cell | None = None
    figures: list[CellNumber] = []
    for m in _TOKEN.finditer(norm, header.end, min(len(norm), header.end + _WINDOW)):
        if _MARK.search(m.group()):
            break  # another header
        num = cell_number(Cell(m.group(), m.start(), m.end()))
        if num is not None:
            if label is not None:
                figures.append(num)
            continue
        if label is not None and figures:
            yield _Row(label, figures)
        label, figures = Cell(m.group(), m.start(), m.end()), []
    if label is not None and figures:
        yield _Row(label, figures)


def _placements(columns: list[_Column], figures: list[CellNumber]) -> list[tuple[int, ...]]:
    """Every order-keeping way to put the figures under the columns: a percent under a formula,
    any other figure under a letter. Each placement gives each figure's column index."""
    out: list[tuple[int, ...]] = []
    for chosen in itertools.combinations(range(len(columns)), len(figures)):
        if all(columns[c].formula == (f.unit == "%") for c, f in zip(chosen, figures, strict=True)):
            out.append(chosen)
    return out


def _gives(stated: CellNumber, num: CellNumber, den: CellNumber) -> bool | None:
    """Whether num ÷ den × 100 is the stated percent at its precision (rounded or truncated);
    None when the denominator is 0."""
    if den.value <= 0:
        return None
    lo_den = den.value - den.half
    lo = (num.value - num.half) / (den.value + den.half) * 100
    hi = (num.value + num.half) / lo_den * 100 if lo_den > 0 else num.value / den.value * 100
    h = stated.half
    eps = Decimal("1e-9")
    return hi >= stated.value - h - eps and lo <= stated.value + 2 * h + eps


@check(FORMULA_COLUMN_RATE)
def formula_column_rates(doc: Document) -> Iterator[Hit | Relation]:
    blocks = funds_blocks(doc)
    for header in _headers(doc):
        if any(header.start - 400 <= b.start <= header.end + _WINDOW for b in blocks):
            continue  # the funds-block reader reads it (R003)
        for row in _rows(doc, header):
            figures = row.figures
            if header.numbered and figures and figures[0].unit == "" and figures[0].decimals == 0:
                figures = figures[1:]  # the row's 行次
            if not any(f.unit == "%" for f in figures):
                continue
            ways = _placements(header.columns, figures)
            if not ways:
                break  # no placement fits: the table has ended
            yield from _judge(header, row, figures, ways)


def _judge(
    header: _Header, row: _Row, figures: list[CellNumber], ways: list[tuple[int, ...]]
) -> Iterator[Hit | Relation]:
    cols = header.columns
    for k, stated in enumerate(figures):
        if stated.unit != "%":
            continue
        held: dict[tuple[int, int], tuple[CellNumber, CellNumber]] = {}
        wrong: list[tuple[CellNumber, CellNumber, _Column]] = []
        zero = False
        for way in ways:
            col = cols[way[k]]
            at = {cols[c].letter: figures[i] for i, c in enumerate(way) if cols[c].letter}
            num, den = at.get(col.num), at.get(col.den)
            if num is None or den is None:
                continue  # an operand under an empty cell: the percent has no basis here
            gives = _gives(stated, num, den)
            if gives is None:
                zero = True  # a zero denominator: nothing to judge
            elif gives:
                held[(num.start, den.start)] = (num, den)
            else:
                wrong.append((num, den, col))
        if zero:
            continue
        if len(held) == 1:
            ((num, den),) = held.values()
            yield relation(
                "rate",
                [(stated.start, stated.end), (num.start, num.end), (den.start, den.end)],
                f"{fmt(num.value)} ÷ {fmt(den.value)} = {fmt_percent(num.value / den.value * 100)}",
            )
        elif not held and wrong:
            yield _hit(row, stated, wrong, len(ways))


def _hit(
    row: _Row, stated: CellNumber, wrong: list[tuple[CellNumber, CellNumber, _Column]], n: int
) -> Hit:
    num, den, col = wrong[0]
    computed = sorted({fmt_percent(w[0].value / w[1].value * 100) for w in wrong})
    names = sorted({w[2].name or f"{w[2].num}/{w[2].den}" for w in wrong})
    note, note_en = "", ""
    if n > 1:
        note = (
            "；该行空白单元格未显示，各数按表头各列的所有可能排列核对"
            f"（得 {'、'.join(computed)}，其余排列所依据的单元格为空），均不相符"
        )
        note_en = (
            "; the row's empty cells were lost, so every placement of its figures under the "
            f"header's columns was tried ({', '.join(computed)}; the others rest on an empty "
            "cell); none gives it"
        )
    return FORMULA_COLUMN_RATE.hit(
        [(stated.start, stated.end), (num.start, num.end), (den.start, den.end)],
        {
            "label": rx.sub(r"[:：]$", "", row.label.text),
            "name": "／".join(names),
            "stated": f"{fmt(stated.value, stated.decimals)}%",
            "formula": f"{col.num} ÷ {col.den}",
            "expr": f"{fmt(num.value)} ÷ {fmt(den.value)} = "
            + fmt_percent(num.value / den.value * 100),
            "note": note,
            "note_en": note_en,
        },
        severity=Severity.ERROR if n == 1 else None,
    )
