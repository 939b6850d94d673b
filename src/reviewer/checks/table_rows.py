"""A table's rows checked against each other: a rate column against the two amounts of its own
row (R090), and numbered group rows against their lines (T001/T002).

Any table the readers find (`|` rows, tab rows, one cell per line): a header naming a rate
column (执行率, 预算执行率, 完成率, 到位率 …) and amount columns for what was spent (执行数,
支出数, 实际完成 …) and what it is measured against (预算数, 计划数, 下达数 …). Each row's rate is
recomputed as spent ÷ base at its stated precision (rounded or truncated, each amount taken
with its own rounding); a rate no pairing of the header's spent and base columns gives, in a
table where some other row's rate does hold (or the header names one pairing only), is R090.
A table the funds-block reader reads (年度资金总额 / 其中 rows) is left to R003.

Group rows: a table whose 序号 column numbers its rows on several levels (一 / （一） / 1 …,
`tables.row_levels`) states its hierarchy: each numbered row adds up the rows below it on the
next level present, up to the next row of its own level or above, and a 合计 row adds up the
top level. Each amount column is added up in Python (rates and scores are not). A group whose
lines add up above it is wrong whatever follows; a group whose lines fall short of it is not
judged when the table runs to the end of the text and the group's lines do too (the page may
have been cut there).

A table read one cell per line ends at a numbered row whose cells cannot be put under the
header's columns (`Table.unread`: figures lost or added): that row and the rest are not read,
and T005 says so (info), as it does for the rows of a funds block.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from reviewer.checks.forms import FORM_ROW_UNSPLIT
from reviewer.checks.registry import Hit, Relation, check, relation, rule
from reviewer.checks.totals import SUM_MISMATCH
from reviewer.document import Document
from reviewer.document.forms import funds_blocks
from reviewer.document.tables import (
    Cell,
    CellNumber,
    Table,
    cell_number,
    column_unit,
    is_placeholder,
    row_levels,
    seq_column,
    tables,
)
from reviewer.models import Severity
from reviewer.numbers import fmt, half_digit
from reviewer.regex import lazy

_TABLE = (
    "| 项目名称 | 预算数 | 执行数 | 执行率 |\n| 甲项目 | 200 | 150 | {a} |\n"
    "| 乙项目 | 80 | 60 | 75.00% |\n"
)

TABLE_ROW_RATE = rule(
    code="R090",
    fix_zh="按该行的执行数 ÷ 预算数重算比率，或更正有误的金额。",
    name="table-row-rate-mismatch",
    kind="rate_mismatch",
    severity=Severity.ERROR,
    family="rates",
    title_zh="表中比率与同行金额不符",
    title_en="A rate in a table does not match the amounts of its row",
    message_zh="“{label}”行{name}填 {stated}，而同行 {expr}",
    message_en="Row '{label}' states {name} {stated}, but its own row gives {expr}",
    what="In a table whose header names a rate column (执行率, 完成率, 到位率 …) and the "
    "amounts it divides (执行数 / 支出数 … over 预算数 / 计划数 …), recomputes each row's "
    "rate from the two amounts of that row, at the rate's precision (rounded or truncated, "
    "each amount with its own rounding). Reported when no pairing of the named columns gives "
    "the row's rate and the reading holds elsewhere in the table (another row's rate agrees) "
    "or the header names one pairing only.",
    why="A rate its own row contradicts is a wrong figure, whichever of the three it is.",
    example=_TABLE.format(a="57.00%"),
    counterexample=_TABLE.format(a="75.00%"),
    fix="Recompute the rate from the row's spending and budget, or correct the amount.",
)

# A rate column, and the amounts it divides.
_RATE_HEAD = lazy(r"率|进度")
_SPENT_HEAD = lazy(r"执行|支出|完成|到位|拨付|使用|支付|实际|决算|兑现")
_BASE_HEAD = lazy(r"预算|计划|任务|下达|批复|安排|目标|应")
# Columns that hold figures (for the T005 message).
_NUMERIC_HEAD = lazy(r"数|额|率|金|费|%|分|值|比")
# Columns that are not amounts to add up.
_NOT_AMOUNT = lazy(r"率|分值|得分|权重|满分|评分|序号|编号|年份|年度|指标值|完成值|目标|单价|均|比")


def _label(table: Table, row: list[Cell]) -> str:
    """The row's name: its longest word cell (the 项目名称 rather than a 序号 or 责任部门)."""
    seq = seq_column(table)
    words = [
        c.text
        for k, c in enumerate(row)
        if c.text and k != seq and cell_number(c) is None and not is_placeholder(c)
    ]
    if not words:
        return next((c.text for c in row if c.text), "")
    return max(words, key=len)


def _skipped(doc: Document, table: Table) -> bool:
    """A table the funds-block reader reads (R003 judges its rates)."""
    return any(b.start < table.end and table.start < b.end for b in funds_blocks(doc))


# ---- rates -------------------------------------------------------------------------------------


def _percent_readings(num: CellNumber, headed_percent: bool) -> list[Decimal]:
    if num.unit == "%":
        return [num.value]
    if num.unit or not headed_percent:
        return []
    return [num.value, num.value * 100]


def _ratio(spent: CellNumber, base: CellNumber) -> tuple[Decimal, Decimal, Decimal] | None:
    if base.value <= 0 or spent.value < 0:
        return None
    v = spent.value / base.value * 100
    lo = (spent.value - spent.half) / (base.value + base.half) * 100
    d = base.value - base.half
    hi = (spent.value + spent.half) / d * 100 if d > 0 else v
    return v, min(lo, v), max(hi, v)


def _agrees(stated: Decimal, decimals: int, lo: Decimal, hi: Decimal, slack: Decimal) -> bool:
    """`stated` rounded or truncated from a value in [lo, hi]."""
    h = half_digit(decimals)
    eps = Decimal("1e-9") + slack
    return hi >= stated - h - eps and lo <= stated + 2 * h + eps


def _rate_columns(table: Table) -> list[tuple[int, list[int], list[int]]]:
    """(rate column, spent columns, base columns) for each rate column the header names."""
    heads = [c.text.replace(" ", "") for c in table.header]
    out = []
    for r, head in enumerate(heads):
        if not _RATE_HEAD.search(head) or not _SPENT_HEAD.search(head):
            continue
        spent = [
            k
            for k, h in enumerate(heads)
            if k != r and _SPENT_HEAD.search(h) and not _RATE_HEAD.search(h)
        ]
        base = [
            k
            for k, h in enumerate(heads)
            if k != r
            and _BASE_HEAD.search(h)
            and not _SPENT_HEAD.search(h)
            and not _RATE_HEAD.search(h)
        ]
        if spent and base:
            out.append((r, spent, base))
    return out


def _cell(row: list[Cell], k: int) -> CellNumber | None:
    if k >= len(row):
        return None
    num = cell_number(row[k])
    return num if num is not None and num.unit != "%" else None


@check(TABLE_ROW_RATE)
def table_row_rates(doc: Document) -> Iterator[Hit | Relation]:
    slack = doc.tolerances.percent_points
    for table in tables(doc):
        if _skipped(doc, table):
            continue
        for r, spent_cols, base_cols in _rate_columns(table):
            headed_percent = column_unit(table, r) == "%"
            judged: list[tuple[list[Cell], CellNumber, list[tuple[CellNumber, CellNumber]]]] = []
            held = 0
            for row in table.rows:
                stated = cell_number(row[r]) if r < len(row) else None
                if stated is None:
                    continue
                readings = _percent_readings(stated, headed_percent)
                pairs = [
                    (s, b)
                    for s in (_cell(row, k) for k in spent_cols)
                    for b in (_cell(row, k) for k in base_cols)
                    if s is not None and b is not None and b.value > 0
                ]
                if not readings or not pairs:
                    continue
                good = None
                for s, b in pairs:
                    ratio = _ratio(s, b)
                    if ratio and any(
                        _agrees(v, stated.decimals, ratio[1], ratio[2], slack) for v in readings
                    ):
                        good = (s, b, ratio[0])
                        break
                if good is not None:
                    held += 1
                    s, b, v = good
                    yield relation(
                        "rate",
                        [(n.start, n.end) for n in (stated, s, b)],
                        f"{fmt(s.value)} ÷ {fmt(b.value)} = {fmt(v, 2)}%",
                    )
                    continue
                judged.append((row, stated, pairs))
            single = len(spent_cols) == 1 and len(base_cols) == 1
            if (held == 0 and not single) or held < len(judged) - 1:
                continue  # the reading holds nowhere or fails on most rows: columns unsure
            for row, stated, pairs in judged:
                s, b = pairs[0]
                ratio = _ratio(s, b)
                if ratio is None:
                    continue
                head = table.header[r].text
                expr = f"{fmt(s.value)} ÷ {fmt(b.value)} = {fmt(ratio[0], 2)}%"
                yield TABLE_ROW_RATE.hit(
                    [(stated.start, stated.end), (s.start, s.end), (b.start, b.end)],
                    {
                        "label": _label(table, row),
                        "name": head,
                        "stated": f"{fmt(stated.value, stated.decimals)}{stated.unit}",
                        "expr": expr,
                    },
                )


# ---- numbered group rows ------------------------------------------------------------------


def _children(levels: list[int], k: int) -> list[int]:
    """The rows a group row (or a total row) adds up: the rows after it (before it, for a
    total at the foot) on the next level present, up to the next row of its level or above."""
    lv = levels[k]
    if lv == 0:
        below = [j for j in range(k + 1, len(levels)) if levels[j]]
        if not below:  # a total at the foot of the table
            below = [j for j in range(k) if levels[j]]
    else:
        below = []
        for j in range(k + 1, len(levels)):
            if levels[j] <= lv:
                break
            below.append(j)
    if not below:
        return []
    top = min(levels[j] for j in below)
    return [j for j in below if levels[j] == top]


def _amount_columns(table: Table) -> list[int]:
    out = []
    for k, c in enumerate(table.header):
        head = c.text.replace(" ", "")
        if _NOT_AMOUNT.search(head) or column_unit(table, k) in ("%", "‰"):
            continue
        if any(cell_number(r[k]) is not None for r in table.rows if k < len(r)):
            out.append(k)
    return out


@check(SUM_MISMATCH)
def numbered_groups(doc: Document) -> Iterator[Hit | Relation]:
    for table in tables(doc):
        levels = row_levels(table)
        if levels is None or _skipped(doc, table):
            continue
        at_end = not doc.norm[table.end :].strip()
        cols = _amount_columns(table)
        for k, row in enumerate(table.rows):
            kids = _children(levels, k)
            if len(kids) < 2:
                continue
            # Its lines run to the table's last row, and the table to the end of the text.
            cut = at_end and kids[-1] > k and all(lv > levels[k] for lv in levels[k + 1 :])
            for col in cols:
                hit = _judge(table, row, [table.rows[j] for j in kids], col, cut, levels[k])
                if hit is not None:
                    yield hit


def _judge(
    table: Table, row: list[Cell], kids: list[list[Cell]], col: int, cut: bool, level: int
) -> Hit | Relation | None:
    stated = cell_number(row[col]) if col < len(row) else None
    if stated is None:
        return None
    nums: list[CellNumber | None] = []
    for r in kids:
        cell = r[col] if col < len(r) else None
        num = cell_number(cell) if cell is not None else None
        if num is None and (cell is None or not is_placeholder(cell)):
            return None  # words (or nothing) where an amount should be
        if num is not None and num.unit != stated.unit:
            return None
        nums.append(num)
    figs = [n for n in nums if n is not None]
    if len(figs) < 2 and len(kids) < 2:
        return None
    total = sum((n.value for n in figs), Decimal(0))
    spread = sum((n.half for n in figs), Decimal(0))
    half = stated.half
    spans = [(stated.start, stated.end)] + [(n.start, n.end) for n in figs]
    terms = [fmt(n.value) if n is not None else "0" for n in nums]
    if abs(total - stated.value) <= spread + half:
        return relation("table_column", spans, f"{' + '.join(terms)} = {fmt(stated.value)}")
    if total < stated.value and cut:
        return None  # the table may have lost its last lines where the text ends
    places = max([stated.decimals, *(n.decimals for n in figs)])
    head = table.header[col].text
    label = _label(table, row)
    unit = column_unit(table, col) or stated.unit
    what = "合计行" if level == 0 else "分组行"
    return SUM_MISMATCH.hit(
        spans,
        {
            "expr": f"{' + '.join(terms)} = {fmt(total, places)}",
            "stated": fmt(stated.value, stated.decimals),
            "diff": fmt(abs(total - stated.value), places),
            "unit": unit or "",
            "note": f"；表格“{head}”列，{what}“{label}”与其下各行（按序号层级）",
            "note_en": f"; table column “{head}”, the group row “{label}” against the rows "
            "numbered under it",
            "parts": terms,
            "parts_sum": fmt(total),
            "column": head,
            "row": label,
        },
    )


# ---- rows left unread ---------------------------------------------------------------------


@check(FORM_ROW_UNSPLIT)
def unread_rows(doc: Document) -> Iterator[Hit]:
    for table in tables(doc):
        if not table.unread:
            continue
        row = table.unread
        figures = sum(1 for c in row if cell_number(c) is not None)
        numeric = sum(1 for k, c in enumerate(table.header) if k and _NUMERIC_HEAD.search(c.text))
        yield FORM_ROW_UNSPLIT.hit(
            [(row[0].start, row[-1].end)],
            {
                "label": row[0].text,
                "more": "，表格其后各行也未读取",
                "reason": f"该行单元格与表头 {len(table.header)} 列对不上（{figures} 个数，"
                f"表头有 {numeric} 个数字列），单元格已丢失或错位，无法确定各数所属列",
                "reason_en": "its cells do not fit the header's columns (cells lost or shifted), "
                "so which column each figure belongs to is not known",
            },
        )
