"""Score tables with a deduction column: 分值 | 扣分 | 得分, where each score is weight − deduction.

Header cells are read with their spaces removed ("分 值", "扣 分", "得 分" are how many flattened
forms write them). A row is judged when its weight, deduction and score cells each hold one
number; a 合计 row's deduction is judged against the column's sum as well, when every body row
states all three (its weight and score sums are S002's and S001's). Rows that do not line up
with the header are skipped: nothing is guessed. A row (and a 合计 row's deductions) that holds
is a `Relation`: the ledger marks its figures verified.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import NamedTuple

from reviewer import regex as rx
from reviewer.checks.registry import Hit, Relation, check, relation, rule
from reviewer.document import Document
from reviewer.document.tables import Cell, CellNumber, Table, cell_number, is_total_label, tables
from reviewer.models import Severity
from reviewer.numbers import fmt, half_digit
from reviewer.regex import lazy

DEDUCTION_MISMATCH = rule(
    code="S012",
    fix_zh="核对该行的分值、扣分和得分，使得分等于分值减扣分；更正有误的数字。",
    name="score-deduction-mismatch",
    kind="score_sum_mismatch",
    severity=Severity.ERROR,
    family="scores",
    title_zh="得分不等于分值减扣分",
    title_en="Score is not the weight minus the deduction",
    message_zh="“{name}”分值 {weight} − 扣分 {deduction} = {computed}，报告得分 {score}",
    message_en="{name}: weight {weight} − deduction {deduction} = {computed}, but the score is "
    "{score}",
    what="In a score table with a weight column (分值/权重/满分), a deduction column (扣分) and a "
    "score column (得分), checks each row's score against weight − deduction, and a 合计 row "
    "against each column's sum. Header words written with spaces (分 值, 扣 分, 得 分) count.",
    why="The three columns restate one another; a row where they disagree has a wrong weight, "
    "deduction or score, and the total built on it is wrong too.",
    example="序号 | 一级指标 | 分 值 | 扣 分 | 得 分 |\n1 | 运行成本 | 8 | 2 | 5 |\n"
    "2 | 管理效率 | 22 | 2.15 | 19.85 |",
    counterexample="序号 | 一级指标 | 分 值 | 扣 分 | 得 分 |\n1 | 运行成本 | 8 | 2 | 6 |\n"
    "2 | 管理效率 | 22 | 2.15 | 19.85 |",
    fix="Make each score its weight minus its deduction; correct the figure that is wrong.",
)

_WEIGHT = lazy(r"分值|权重|满分|标准分|指标分|应得分")
_DEDUCT = lazy(r"扣分|扣减|减分")
_SCORE = lazy(r"得分|自评分|实得")
_NOT_FIGURE = lazy(r"标准|依据|说明|理由|细则|方法|原因|率|情况")


class _Columns(NamedTuple):
    weight: int
    deduction: int
    score: int


def _compact(text: str) -> str:
    return rx.sub(r"\s+", "", text)


def _columns(header: list[Cell]) -> _Columns | None:
    heads = [_compact(c.text) for c in header]

    def only(pattern_ok: list[int]) -> int | None:
        return pattern_ok[0] if len(pattern_ok) == 1 else None

    ded = only([i for i, h in enumerate(heads) if _DEDUCT.search(h) and not _NOT_FIGURE.search(h)])
    if ded is None:
        return None
    score = only(
        [
            i
            for i, h in enumerate(heads)
            if i != ded and _SCORE.search(h) and not _DEDUCT.search(h) and not _NOT_FIGURE.search(h)
        ]
    )
    weight = only(
        [
            i
            for i, h in enumerate(heads)
            if i not in (ded, score) and _WEIGHT.search(h) and not _NOT_FIGURE.search(h)
        ]
    )
    if score is None or weight is None:
        return None
    return _Columns(weight, ded, score)


def _aligned(row: list[Cell], width: int) -> list[Cell] | None:
    """The row under the header's columns, or None when it has a different number of cells."""
    return row if len(row) == width else None


def _half(n: CellNumber) -> Decimal:
    return half_digit(n.decimals) if n.decimals >= 2 else Decimal(0)


def _label(row: list[Cell], cols: _Columns) -> str:
    first = min(cols)
    texts = [c.text.strip() for c in row[:first] if c.text.strip()]
    named = [t for t in texts if not rx.fullmatch(r"[\d.、]+", t)]
    return (named or texts or ["该行"])[-1]


def _row_hit(name: str, w: CellNumber, d: CellNumber, s: CellNumber) -> Hit | None:
    computed = w.value - d.value
    slack = _half(w) + _half(d) + _half(s) + Decimal("1e-9")
    if abs(computed - s.value) <= slack:
        return None
    return DEDUCTION_MISMATCH.hit(
        [(s.start, s.end), (w.start, w.end), (d.start, d.end)],
        {
            "name": name,
            "weight": fmt(w.value),
            "deduction": fmt(d.value),
            "computed": fmt(computed),
            "score": fmt(s.value),
        },
    )


def _table_hits(table: Table, cols: _Columns) -> Iterator[Hit | Relation]:
    width = len(table.header)
    body: list[tuple[CellNumber, CellNumber, CellNumber]] = []
    complete = True
    for row in table.rows:
        cells = _aligned(row, width)
        if cells is None:
            complete = False
            continue
        w, d, s = (cell_number(cells[i]) for i in cols)
        label = _label(cells, cols)
        is_total = is_total_label(label) or label in ("总分", "总计")
        if w is None or d is None or s is None:
            if not is_total:
                complete = False
            continue
        hit = _row_hit(label, w, d, s)
        if hit is not None:
            yield hit
            continue
        yield relation(
            "score",
            [(s.start, s.end), (w.start, w.end), (d.start, d.end)],
            f"{label}：{fmt(w.value)} − {fmt(d.value)} = {fmt(s.value)}",
        )
        if is_total:
            if complete and len(body) >= 2:
                yield from _total_hits(body, (w, d, s))
            continue
        body.append((w, d, s))


_COLUMN_NAMES = ("分值合计", "扣分合计", "得分合计")  # by column index


def _total_hits(
    body: list[tuple[CellNumber, CellNumber, CellNumber]],
    total: tuple[CellNumber, CellNumber, CellNumber],
) -> Iterator[Hit | Relation]:
    # The weight and score columns are S002's and S001's; the deduction column is this rule's.
    for k in (1,):
        parts = [row[k] for row in body]
        ssum = sum((p.value for p in parts), Decimal(0))
        slack = sum((_half(p) for p in parts), _half(total[k])) + Decimal("1e-9")
        if abs(ssum - total[k].value) <= slack:
            yield relation(
                "table_column",
                [(total[k].start, total[k].end), *((p.start, p.end) for p in parts)],
                f"{_COLUMN_NAMES[k]}：{' + '.join(fmt(p.value) for p in parts)} = {fmt(ssum)}",
            )
            continue
        yield TOTAL_ROW_MISMATCH.hit(
            [(total[k].start, total[k].end), *((p.start, p.end) for p in parts)],
            {
                "column": _COLUMN_NAMES[k],
                "expr": " + ".join(fmt(p.value) for p in parts),
                "sum": fmt(ssum),
                "stated": fmt(total[k].value),
            },
        )


TOTAL_ROW_MISMATCH = rule(
    code="S013",
    fix_zh="按各行重算合计行的扣分，或更正有误的行。",
    name="deduction-total-mismatch",
    kind="score_sum_mismatch",
    severity=Severity.ERROR,
    family="scores",
    title_zh="扣分合计与各行扣分不符",
    title_en="The deductions' total does not match the rows",
    message_zh="{column}：各行 {expr} = {sum}，合计行为 {stated}",
    message_en="{column}: the rows give {expr} = {sum}; the total row states {stated}",
    what="In a score table with 分值, 扣分 and 得分 columns whose rows each state all three, "
    "adds the deductions and compares them with the 合计 row's (the weight and score columns "
    "are S002's and S001's).",
    why="A total deduction that is not the sum of the rows' means a row or the total is wrong; "
    "the self-score is 100 minus it.",
    example="指标 | 分值 | 扣分 | 得分\n决策 | 20 | 1 | 19\n过程 | 30 | 2 | 28\n"
    "产出 | 50 | 3 | 47\n合计 | 100 | 7 | 93",
    counterexample="指标 | 分值 | 扣分 | 得分\n决策 | 20 | 1 | 19\n过程 | 30 | 2 | 28\n"
    "产出 | 50 | 3 | 47\n合计 | 100 | 6 | 94",
    fix="Recompute the total deduction from the rows, or correct the row that is wrong.",
)


@check(DEDUCTION_MISMATCH, TOTAL_ROW_MISMATCH)
def deduction_tables(doc: Document) -> Iterator[Hit | Relation]:
    for table in tables(doc):
        cols = _columns(table.header)
        if cols is not None:
            yield from _table_hits(table, cols)
