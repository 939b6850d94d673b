"""A funds block flattened one cell per line, read column by column (T060).

Several provincial project forms (the 财政支出项目绩效评价自评报告 basic-facts block, for one) give
k amount columns side by side, each headed by a label with its unit and the column's total, and
under them one row per source whose label stands once in every column:

    计划安排资金 / (万元) / 170 / 实际到位资金 / (万元) / 170 /
    实际支出 / (万元) / 179.6 / 结余(万元) / 0
    其中:中央财政 / 其中:中央财政 / 其中:中央财政 / 其中:中央财政
    省财政 / 170 / 省财政 / 170 / 省财政 / 170 / 省财政
    其它 / 其它 / 9.6 / 其它 / 9.6 / 其它

Flattened one cell per line, a blank cell vanishes, but every label cell is kept, so a figure
belongs to the label cell just before it and the row's i-th label is the i-th column. A block is
read only when it has exactly k header cells (each an amount: a money unit in its label, a
figure or nothing after it) followed by at least two rows of k cells of one label each. A column
whose parts add to more than its total is a warning; parts that fall short are flagged only when
no part of that column is blank (a blank cell may be a figure lost in flattening).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from reviewer.checks.registry import Hit, check, rule
from reviewer.document import Document
from reviewer.document.document import Line
from reviewer.models import Severity
from reviewer.numbers import fmt, half_digit
from reviewer.regex import lazy

COLUMN_PARTS_MISMATCH = rule(
    code="T060",
    fix_zh="核对该栏合计数与各来源分项：补齐漏列的分项，或更正合计数。",
    name="column-block-parts-mismatch",
    kind="sum_mismatch",
    severity=Severity.WARNING,
    family="totals",
    title_zh="分栏资金表：分项之和与该栏合计不符",
    title_en="Funds block: a column's parts do not add to its total",
    message_zh="“{header}”一栏合计{total}，其下各来源分项{parts} = {computed}{note_zh}",
    message_en="The column '{header}' totals {total}; its parts below add to {parts_en} = "
    "{computed}{note_en}",
    what="Reads a block of amount columns flattened one cell per line: k header cells (label "
    "with a money unit, then the column total) followed by rows whose label stands once per "
    "column, a figure after a label cell being that column's. Warns when a column's parts add "
    "to more than its total, or to less when none of its part cells is blank.",
    why="Each column of the block (planned, received, spent, balance) is split by source; a "
    "column whose parts do not add to its total leaves out a source or misstates the total, "
    "and the received and spent columns feed the execution rate.",
    example="计划安排资金\n(万元)\n170\n实际到位资金\n(万元)\n170\n实际支出\n(万元)\n179.6\n"
    "结余(万元)\n0\n其中:中央财政\n其中:中央财政\n其中:中央财政\n其中:中央财政\n"
    "省财政\n170\n省财政\n170\n省财政\n170\n省财政\n其它\n其它\n9.6\n其它\n9.6\n其它\n",
    counterexample="计划安排资金\n(万元)\n170\n实际到位资金\n(万元)\n179.6\n实际支出\n(万元)\n"
    "179.6\n结余(万元)\n0\n其中:中央财政\n其中:中央财政\n其中:中央财政\n其中:中央财政\n"
    "省财政\n170\n省财政\n170\n省财政\n170\n省财政\n其它\n其它\n9.6\n其它\n9.6\n其它\n",
    fix="Check the column's total against its parts: add the part left out, or correct the total.",
)

_NUM = lazy(r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?")
_UNIT_ONLY = lazy(r"[(（]\s*(?:万元|元|千元|亿元)\s*[)）]")
_MONEY_UNIT = lazy(r"[(（]\s*(?:万元|元|千元|亿元)\s*[)）]\s*$")
_LEAD = lazy(r"^其中\s*[:：]?\s*")
_TOTAL_ROW = lazy(r"合\s*计|小计|总计|共计|总额|總額|合計|小計|總計")
_MAX_LABEL = 20  # a row label or header is a short cell, not a sentence
_MIN_COLS = 2
_MIN_ROWS = 2


class _Cell(NamedTuple):
    """A label cell and the figure cell after it, if any (offsets into the text)."""

    label: str
    start: int
    end: int  # end of the label (with a unit line merged into it)
    value: Decimal | None
    vstart: int
    vend: int
    decimals: int


class _Row(NamedTuple):
    label: str
    cells: list[_Cell]


def _number(s: str) -> tuple[Decimal, int] | None:
    # (asked of every line: a text that neither starts with - or a digit nor ends in one is
    # no number, without running the pattern)
    if not s or not (s[0] == "-" or s[0].isdecimal()) or not s[-1].isdecimal():
        return None
    if _NUM.fullmatch(s) is None:
        return None
    try:
        return Decimal(s.replace(",", "")), len(s.split(".", 1)[1]) if "." in s else 0
    except InvalidOperation:
        return None


def _cells(lines: list[Line]) -> Iterator[_Cell | None]:
    """The non-empty lines as label cells with their figures; None for anything else (a figure
    with no label before it, a long line), which breaks a block."""
    # The label read last and still without its figure (a `_Cell` is made once it is complete).
    label: str | None = None
    start = end = 0
    for ln in lines:
        s = ln.stripped
        if not s:
            continue
        num = _number(s)
        if num is not None:
            if label is not None:
                yield _Cell(label, start, end, num[0], ln.start, ln.end, num[1])
                label = None
            else:
                yield None
            continue
        if label is not None and _UNIT_ONLY.fullmatch(s):
            label, end = label + s, ln.end
            continue
        if label is not None:
            yield _Cell(label, start, end, None, -1, -1, 0)
            label = None
        if len(s) > _MAX_LABEL or _number(s.split()[-1]) is not None:
            yield None
            continue
        label, start, end = s, ln.start, ln.end
    if label is not None:
        yield _Cell(label, start, end, None, -1, -1, 0)


def _key(label: str) -> str:
    return _LEAD.sub("", label).replace(" ", "")


def _runs(cells: Iterator[_Cell | None]) -> Iterator[list[_Cell] | None]:
    """Consecutive cells of one label, grouped; None where the cell stream breaks."""
    run: list[_Cell] = []
    run_key = ""  # the key of run[0]'s label, read once a run
    for c in cells:
        if c is not None and run and _key(c.label) == run_key:
            run.append(c)
            continue
        if run:
            yield run
        run = []
        if c is None:
            yield None
        else:
            run = [c]
            run_key = _key(c.label)
    if run:
        yield run


def _blocks(doc: Document) -> Iterator[tuple[list[_Cell], list[_Row]]]:
    """(headers, rows) of every block: k amount headers, then at least two rows of k cells."""
    pending: list[_Cell] = []  # single-label cells just seen: the candidate headers
    rows: list[_Row] = []
    k = 0

    def flush() -> Iterator[tuple[list[_Cell], list[_Row]]]:
        if len(rows) >= _MIN_ROWS and len({r.label for r in rows}) == len(rows):
            yield pending[-k:], list(rows)

    for run in _runs(iter(_cells(doc.lines))):
        if run is not None and rows and len(run) == k:
            rows.append(_Row(_key(run[0].label), run))
            continue
        if rows:
            yield from flush()
            rows, pending = [], []
        if run is None:
            pending = []
            continue
        n = len(run)
        if n >= _MIN_COLS and len(pending) >= n and _headers(pending[-n:]):
            k = n
            rows = [_Row(_key(run[0].label), run)]
            continue
        if n == 1:
            pending.append(run[0])
            if len(pending) > 16:
                del pending[0]
        else:
            pending = []
    if rows:
        yield from flush()


def _headers(cells: list[_Cell]) -> bool:
    """Amount headers: each labelled with a money unit, distinct, at least one with a figure."""
    return (
        all(_MONEY_UNIT.search(c.label) for c in cells)
        and len({_key(c.label) for c in cells}) == len(cells)
        and any(c.value is not None for c in cells)
    )


@check(COLUMN_PARTS_MISMATCH)
def column_parts_mismatch(doc: Document) -> Iterator[Hit]:
    for headers, rows in _blocks(doc):
        if any(_TOTAL_ROW.search(r.label) for r in rows):
            continue  # a total or subtotal among the rows: they are not all parts
        for j, head in enumerate(headers):
            if head.value is None:
                continue
            parts = [(r.label, c, c.value) for r in rows if (c := r.cells[j]).value is not None]
            if len(parts) < 2:
                continue  # one part: a figure that stands for the total or a lone source
            blank = len(parts) < len(rows)
            total = head.value
            got = sum((v for _, _, v in parts), Decimal(0))
            # Each figure may be rounded to its digits: the coarsest sets the slack.
            places = min([head.decimals, *(c.decimals for _, c, _ in parts)])
            tol = half_digit(places) * (len(parts) + 1)
            if got <= total + tol and (blank or got >= total - tol):
                continue
            short = got < total
            yield COLUMN_PARTS_MISMATCH.hit(
                [(head.start, head.vend), *((c.vstart, c.vend) for _, c, _ in parts)],
                {
                    "header": head.label,
                    "total": fmt(total),
                    "parts": " + ".join(f"{lab} {fmt(v)}" for lab, _, v in parts),
                    "parts_en": " + ".join(fmt(v) for _, _, v in parts),
                    "computed": fmt(got),
                    "note_zh": "，少于合计（该栏各分项均已填写）" if short else "，超过合计",
                    "note_en": ", short of the total (every part cell is filled)"
                    if short
                    else ", more than the total",
                },
            )
