"""The funds block of a self-evaluation form (年度资金总额 / 其中 rows) checked against itself.

Read by `reviewer.document.forms`. Per row: 执行率 = 全年执行数 ÷ the budget the form names
(全年预算数 when it has one, or the column a note under the form names); the score against
执行率 × 分值 (capped at the 分值; S005, as for prose); a rate or score with an empty 执行数 cell;
spending above the budget scored in full. Per block: each money column of 年度资金总额 against
the sum of its 其中 rows (T001/T002, or T004 when the total is 0 or empty), and a row whose
figures cannot be put under their columns (T005, info: not checked, never guessed).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from reviewer.checks.registry import Hit, Relation, check, relation, rule
from reviewer.checks.score_formula import EXECUTION_SCORE
from reviewer.checks.totals import SUM_MISMATCH, SUM_ROUNDING
from reviewer.document import Document
from reviewer.document.forms import (
    COLUMN_NAMES,
    EXEC,
    FULL,
    MONEY,
    OPENING,
    RATE,
    SCORE,
    WEIGHT,
    FundsBlock,
    FundsRow,
    funds_blocks,
    percent_value,
    placements,
)
from reviewer.document.tables import CellNumber, cell_number
from reviewer.models import Severity
from reviewer.numbers import fmt, fmt_percent, half_digit
from reviewer.regex import lazy

_FORM = (
    "项目资金（万元） 年初预算数 全年预算数 全年执行数 分值 执行率 得分\n"
    "年度资金总额 {total}\n其中：本年财政拨款 {part}\n上年结转资金\n其他资金\n年度总体目标\n"
)

FORM_TOTAL_EMPTY = rule(
    code="T004",
    fix_zh="填写“年度资金总额”行（应为各资金来源之和），并据此重算执行率和得分。",
    name="form-total-empty",
    kind="sum_mismatch",
    severity=Severity.ERROR,
    family="totals",
    title_zh="自评表资金总额为0或空白，而其中各项不为0",
    title_en="The form's funds total is zero or empty while its parts are not",
    message_zh="“{label}”行{columns}为 {stated}，而其中各项合计 {parts}：总额未填或填错，"
    "执行率和得分也就没有依据",
    message_en="The '{label}' row reads {stated} under {columns_en}, while its parts add up to "
    "{parts}: the total is missing or wrong, so the rate and score have no basis",
    what="In the funds block of a self-evaluation form, a money column (年初预算数, 全年预算数, "
    "全年执行数) of the 年度资金总额 row that is 0 or empty above 其中 rows that are not.",
    why="The total row is what the execution rate and its score are computed from; a total of 0 "
    "over funded parts means the form was not filled in, and its rate and score are baseless.",
    example=_FORM.format(total="0 0 0 10 0 0", part="90 89.974 89.974"),
    counterexample=_FORM.format(total="90 89.974 89.974 10 100% 10", part="90 89.974 89.974"),
    fix="Fill in the total row (the sum of the funding sources) and recompute the rate and score.",
    variants={
        "blank": (
            "“{label}”行{columns}为空白，而其中各项合计 {parts}：总额未填，执行率和得分没有依据",
            "The '{label}' row is empty under {columns_en}, while its parts add up to {parts}: "
            "the total is missing, so the rate and score have no basis",
        )
    },
)

FORM_ROW_UNSPLIT = rule(
    code="T005",
    fix_zh="按原表格式发布（保留空白单元格或分隔符），使每个数字可对应到所在列。",
    name="form-row-unsplit",
    kind="table_unreadable",
    severity=Severity.INFO,
    family="totals",
    title_zh="表格行无法拆分到各列，未核对",
    title_en="A table row cannot be split into its columns; not checked",
    message_zh="“{label}”行：{reason}，该行未核对{more}",
    message_en="Row '{label}': {reason_en}; the row was not checked",
    what="A row of a form's funds block whose figures cannot be put under the columns the header "
    "names: figures printed with no separator (202010100.00%10), or fewer figures than columns "
    "after the empty cells were lost in flattening and no 执行率 to read the row from (a row "
    "with one percent is read from it, its figures before it placed every possible way, R003).",
    why="The tool never guesses which column a figure belongs to; the reader should know that "
    "this row's rate, score and totals were not verified.",
    example=_FORM.format(total="20 20 10 10", part="20 20 10"),
    counterexample=_FORM.format(total="20 20 10 10 50% 5", part="20 20 10"),
    fix="Publish the form with its empty cells (or separators) kept, so each figure has a column.",
)

FORM_RATE_MISMATCH = rule(
    code="R003",
    fix_zh="按“执行率 = 全年执行数 ÷ 全年预算数”重算执行率，或更正预算数、执行数。",
    name="form-rate-mismatch",
    kind="rate_mismatch",
    severity=Severity.ERROR,
    family="rates",
    title_zh="自评表执行率与执行数、预算数不符",
    title_en="The form's execution rate does not match its figures",
    message_zh="“{label}”行{name}填 {stated}，而 {expr}{note}",
    message_en="Row '{label}' states {name_en} of {stated}, but {expr}{note_en}",
    what="Recomputes each 执行率 of a form's funds block as 全年执行数 ÷ the budget the form names "
    "(全年预算数 when present, or the column a note under the form names), and the 控制率 of a "
    "基础数据表 as 在职人数 ÷ 编制数, to the precision stated, rounded or truncated.",
    why="The execution rate decides the budget-execution score (usually 10 points); a rate the "
    "form's own figures do not give is a wrong number.",
    example=_FORM.format(total="100 100 80 10 90% 9", part="100 100 80"),
    counterexample=_FORM.format(total="100 100 80 10 80% 8", part="100 100 80"),
    fix="Recompute the rate as spending ÷ full-year budget, or correct the budget or spending.",
    variants={
        "opening": (
            "“{label}”行执行率填 {stated}，与 {expr_other} 相符，而表头所列全年预算数给出 {expr}："
            "执行率应以全年（调整后）预算数计算，请核实",
            "Row '{label}' states {stated}, which matches {expr_other}, while the full-year "
            "budget the form names gives {expr}: the rate should use the adjusted budget",
        )
    },
)

FORM_RATE_NO_SPENDING = rule(
    code="R004",
    fix_zh="填写全年执行数；无执行数时执行率和得分不应填写或计分。",
    name="form-rate-without-spending",
    kind="rate_mismatch",
    severity=Severity.WARNING,
    family="rates",
    title_zh="执行数空白却填了执行率或得分",
    title_en="Execution rate or score given with an empty spending cell",
    message_zh="“{label}”行全年执行数为空白，却填了{what_zh}：执行率和得分没有依据",
    message_en="Row '{label}' has no spending figure but states {what_en}: the rate and score "
    "have no basis",
    what="A row of a form's funds block with an empty 全年执行数 cell but a non-zero 执行率 or "
    "得分.",
    why="Without the spending figure the rate cannot be computed or checked; reviewers see it as "
    "a form filled in to look complete.",
    example=_FORM.format(total="100 100 — 10 100% 10", part="100 100"),
    counterexample=_FORM.format(total="100 100 100 10 100% 10", part="100 100 100"),
    fix="Fill in the spending figure; without it, leave the rate and score empty.",
)

FORM_OVERSPENT_FULL = rule(
    code="R005",
    fix_zh="说明超预算执行的原因并核实预算数（是否漏计调整、追加和上年结转）；超支不应得满分。",
    name="overspent-scored-full",
    kind="score_formula",
    severity=Severity.WARNING,
    family="rates",
    title_zh="执行数超过预算仍得满分",
    title_en="Spending above the budget scored in full",
    message_zh="“{label}”行执行数 {spent} 超过{budget_name} {budget}（{rate}），"
    "得分 {score} 为满分：超预算执行应说明原因，不宜得满分",
    message_en="Row '{label}' spends {spent}, above its budget of {budget} ({rate}), yet scores "
    "the full {score}: overspending needs explaining and should not score full",
    what="A row of a form's funds block whose 全年执行数 exceeds its budget (beyond rounding) "
    "while its 得分 equals its 分值.",
    why="Spending above the budget is either overspending or a budget that leaves out "
    "adjustments; either way the execution score should not be full.",
    example=_FORM.format(total="100 100 130 10 130% 10", part="100 100 130"),
    counterexample=_FORM.format(total="100 130 130 10 100% 10", part="100 130 130"),
    fix="Explain the overspending and check the budget figure; do not score it in full.",
)


FORM_OVERSPENT_UNEXPLAINED = rule(
    code="R075",
    fix_zh="说明超预算执行的原因（预算调整、追加、上年结转或超支），并核实预算数与执行数。",
    name="overspent-unexplained",
    kind="contradiction",
    severity=Severity.WARNING,
    family="rates",
    title_zh="执行数超过预算，报告未作说明",
    title_en="Spending above the budget, unexplained",
    message_zh="“{label}”行执行数 {spent} 超过{budget_name} {budget}（{rate}），"
    "报告未说明超出部分的来源（预算调整、追加、结转或超支）",
    message_en="Row '{label}' spends {spent}, above its budget of {budget} ({rate}), and the "
    "report does not say where the excess came from (a budget change, top-up, carry-over or "
    "overspending)",
    what="A row of a form's funds block (the total row first) whose 全年执行数 exceeds its "
    "budget beyond rounding, not scored in full (R005 speaks then), in a report whose text "
    "outside the form names no cause of spending above a budget (超支, 超预算, 追加, 调增, "
    "预算调整, 结转, 垫付, 自筹 …). One finding per form.",
    why="A budget cannot be spent beyond itself: either the budget column leaves out an "
    "adjustment or carry-over, or the money was overspent. The form's own figures contradict "
    "each other until the report says which.",
    example=_FORM.format(total="100 100 103 10 103%", part="100 100 103"),
    counterexample=_FORM.format(total="100 100 103 10 103%", part="100 100 103")
    + "执行数超过预算系年中追加资金3万元。\n",
    fix="Say where the excess came from (an adjustment, a top-up, a carry-over) and correct the "
    "budget column, or explain the overspending.",
)

# What explains spending above a budget, in the report's text outside its forms.
_EXCESS_CAUSE = lazy(
    r"超支|超出预算|超预算|超过预算|超过年初预算|追加|调增|增加预算|预算调整|调整预算|"
    r"结转|结余资金|垫付|垫支|自筹|上年资金|存量资金"
)


@check(FORM_ROW_UNSPLIT)
def unsplit_rows(doc: Document) -> Iterator[Hit]:
    for block in funds_blocks(doc):
        unsure = [r for r in block.rows if r.unsure]
        if not unsure:
            continue
        row = unsure[0]  # one finding per form: the first row, and how many more
        end = max([row.label.end, *(c.end for c in row.cells)])
        more = f"（另有 {len(unsure) - 1} 行同样无法拆分）" if len(unsure) > 1 else ""
        yield FORM_ROW_UNSPLIT.hit(
            [(row.label.start, end)],
            {
                "label": _label(row),
                "more": more,
                "reason": row.unsure,
                "reason_en": "its figures cannot be put under the header's columns "
                "(separators or empty cells lost)",
            },
        )


def _label(row: FundsRow) -> str:
    return row.label.text.rstrip(":：").replace(" ", "")


def _ratio(spent: CellNumber, budget: CellNumber) -> tuple[Decimal, Decimal, Decimal] | None:
    if budget.value <= 0:
        return None
    v = spent.value / budget.value * 100
    # A budget written with fewer decimals than the spending beside it (50 | 47.68) is exact at
    # the spending's precision: the form would print 49.6 if the budget were 49.6.
    hb = budget._replace(decimals=max(budget.decimals, spent.decimals)).half
    lo = (spent.value - spent.half) / (budget.value + hb) * 100
    d = budget.value - hb
    hi = (spent.value + spent.half) / d * 100 if d > 0 else v
    return v, min(lo, v), max(hi, v)


def _agrees(stated: Decimal, decimals: int, lo: Decimal, hi: Decimal, slack: Decimal) -> bool:
    h = half_digit(decimals)
    eps = Decimal("1e-9") + slack
    return hi >= stated - h - eps and lo <= stated + 2 * h + eps


@check(FORM_RATE_MISMATCH)
def form_rates(doc: Document) -> Iterator[Hit | Relation]:
    slack = doc.tolerances.percent_points
    for block in funds_blocks(doc):
        kind = block.budget_kind()
        if kind is None:
            continue
        for row in block.rows:
            if row.loose:
                yield from _loose_rate(block, row, slack)
                continue
            stated, spent, budget = row.number(RATE), row.number(EXEC), row.number(kind)
            if stated is None or spent is None or budget is None:
                continue
            ratio = _ratio(spent, budget)
            if ratio is None:
                continue
            v, lo, hi = ratio
            readings = percent_value(stated)
            if not readings:
                continue
            if any(_agrees(r, stated.decimals, lo, hi, slack) for r in readings):
                yield relation(
                    "rate",
                    [(n.start, n.end) for n in (stated, spent, budget)],
                    f"{fmt(spent.value)} ÷ {fmt(budget.value)} = {fmt_percent(v)}",
                )
                continue
            name = COLUMN_NAMES[kind]
            expr = f"{fmt(spent.value)} ÷ {fmt(budget.value)}（{name}）= {fmt_percent(v)}"
            data = {
                "label": _label(row),
                "name": "执行率",
                "name_en": "an execution rate",
                "stated": f"{fmt(stated.value, stated.decimals)}{stated.unit}",
                "expr": expr,
                "computed": fmt_percent(v),
                "note": "",
                "note_en": "",
            }
            spans = [
                (stated.start, stated.end),
                (spent.start, spent.end),
                (budget.start, budget.end),
            ]
            other_kind = OPENING if kind == FULL else FULL
            other = row.number(other_kind) if other_kind in block.columns else None
            alt = _ratio(spent, other) if other is not None else None
            if alt is not None and any(
                _agrees(r, stated.decimals, alt[1], alt[2], slack) for r in readings
            ):
                assert other is not None
                data["expr_other"] = (
                    f"{fmt(spent.value)} ÷ {fmt(other.value)}（{COLUMN_NAMES[other_kind]}）"
                    f"= {fmt_percent(alt[0])}"
                )
                if kind == FULL:
                    yield FORM_RATE_MISMATCH.hit(
                        spans, data, severity=Severity.WARNING, variant="opening"
                    )
                continue  # a note naming 年初预算数 while the rate uses 全年: not worth a finding
            if row.unglued:
                # Cells that ran together, split where the report states the spending elsewhere.
                data["note"] = f"（该行数字连写，按报告他处所列的执行数 {fmt(spent.value)} 拆分）"
                data["note_en"] = (
                    f" (the row's figures ran together; split where the report states the "
                    f"spending {fmt(spent.value)} elsewhere)"
                )
                yield FORM_RATE_MISMATCH.hit(spans, data, severity=Severity.WARNING)
                continue
            yield FORM_RATE_MISMATCH.hit(spans, data)


def _loose_rate(block: FundsBlock, row: FundsRow, slack: Decimal) -> Iterator[Hit | Relation]:
    """R003 on a row that lost cells before its 执行率: every placement of its figures under the
    columns before the rate is tried, against the budget the form names (the other budget when
    the placement leaves that one empty). A placement that leaves 全年执行数
    empty is wrong too (a rate with no spending, R004); one with spending but no budget cannot be
    checked, so the row stays silent. A warning when every placement is wrong; a `Relation`
    when the placements that reconcile the rate all divide the same two figures."""
    stated = row.number(RATE)
    readings = percent_value(stated) if stated is not None else []
    if stated is None or not readings or stated.value <= 0:
        return
    tried: list[tuple[CellNumber, CellNumber, str, tuple[Decimal, Decimal, Decimal]]] = []
    held: list[tuple[CellNumber, CellNumber, Decimal]] = []
    total = block.total
    # A total row that lost cells too states its 分值 when its own rate puts one in one cell:
    # then no part row has a 分值 (`placements`).
    weighted = (
        total is not None
        and not row.is_total
        and total.loose != ()
        and _loose_weight(block, total, slack) is not None
    )
    for values in placements(block, row, total_weight=weighted):
        spent_cell = values.get(EXEC)
        spent = cell_number(spent_cell) if spent_cell is not None else None
        if spent is None:
            continue  # no spending under this placement: the rate has no basis
        # The budget the form names (全年预算数), else the other one this placement has.
        kinds = [k for k in (block.budget_kind(), FULL, OPENING) if k is not None]
        kind = next((k for k in kinds if k in values), None)
        budget = cell_number(values[kind]) if kind is not None else None
        ratio = _ratio(spent, budget) if budget is not None else None
        if kind is None or budget is None or ratio is None:
            return  # spending but no budget: this placement cannot be checked
        if any(_agrees(r, stated.decimals, ratio[1], ratio[2], slack) for r in readings):
            held.append((spent, budget, ratio[0]))
            continue
        tried.append((spent, budget, kind, ratio))
    if held:
        # The rate holds under some placement: verified when every placement that reconciles
        # it divides the same two figures (which column is empty does not matter then).
        if len({(s.start, b.start) for s, b, _ in held}) == 1:
            spent, budget, v = held[0]
            yield relation(
                "rate",
                [(n.start, n.end) for n in (stated, spent, budget)],
                f"{fmt(spent.value)} ÷ {fmt(budget.value)} = {fmt_percent(v)}",
            )
        return
    if not tried:
        return
    spent, budget, kind, (v, _lo, _hi) = tried[0]
    computed = sorted({fmt_percent(t[3][0]) for t in tried})
    yield FORM_RATE_MISMATCH.hit(
        [(stated.start, stated.end), (spent.start, spent.end), (budget.start, budget.end)],
        {
            "label": _label(row),
            "name": "执行率",
            "name_en": "an execution rate",
            "stated": f"{fmt(stated.value, stated.decimals)}{stated.unit}",
            "expr": f"{fmt(spent.value)} ÷ {fmt(budget.value)}（{COLUMN_NAMES[kind]}）= "
            + fmt_percent(v),
            "computed": computed[0],
            "note": "；该行空白单元格已丢失，各数按执行率之前各列的所有可能排列核对"
            f"（得 {'、'.join(computed)}），均不相符",
            "note_en": "; the row lost its empty cells, so every placement of its figures "
            f"before the rate was tried ({', '.join(computed)}); none matches",
        },
        severity=Severity.WARNING,
    )


def _rate_of(block: FundsBlock, row: FundsRow) -> tuple[Decimal, Decimal] | None:
    """The row's execution rate in percent and its rounding: as stated, else computed."""
    stated = row.number(RATE)
    if stated is not None:
        readings = percent_value(stated)
        if stated.unit == "%" and readings:
            return readings[0], stated.half
    kind = block.budget_kind()
    spent = row.number(EXEC)
    budget = row.number(kind) if kind else None
    if spent is None or budget is None:
        return None
    ratio = _ratio(spent, budget)
    if ratio is None:
        return None
    return ratio[0], (ratio[2] - ratio[1]) / 2


def _loose_weight(block: FundsBlock, row: FundsRow, slack: Decimal) -> CellNumber | None:
    """The 分值 of a row that lost cells before its 执行率 (`FundsRow.loose`), when every
    placement of its figures that reconciles the stated rate (spending ÷ the budget it names)
    puts the same cell under 分值; None when a reconciling placement has no 分值 or they differ."""
    stated = row.number(RATE)
    readings = percent_value(stated) if stated is not None else []
    if stated is None or not readings or not row.loose:
        return None
    found: set[tuple[int, int]] = set()
    weight: CellNumber | None = None
    for values in placements(block, row):
        spent_cell = values.get(EXEC)
        spent = cell_number(spent_cell) if spent_cell is not None else None
        kinds = [k for k in (block.budget_kind(), FULL, OPENING) if k is not None]
        kind = next((k for k in kinds if k in values), None)
        budget = cell_number(values[kind]) if kind is not None else None
        ratio = _ratio(spent, budget) if spent is not None and budget is not None else None
        if ratio is None or not any(
            _agrees(r, stated.decimals, ratio[1], ratio[2], slack) for r in readings
        ):
            continue  # this placement contradicts the stated rate: not the row's reading
        cell = values.get(WEIGHT)
        weight = cell_number(cell) if cell is not None else None
        if weight is None:
            return None
        found.add((weight.start, weight.end))
    return weight if len(found) == 1 else None


@check(EXECUTION_SCORE)
def form_scores(doc: Document) -> Iterator[Hit | Relation]:
    for block in funds_blocks(doc):
        for row in block.rows:
            weight, score = row.number(WEIGHT), row.number(SCORE)
            if weight is None and row.loose:
                # "| 387664.62 | 387664.62 | 10 | 100% | 10 |" under six columns: the 分值 is
                # known when every reading that reconciles the rate puts it in the same cell.
                weight = _loose_weight(block, row, doc.tolerances.percent_points)
            if weight is None and row.is_total:
                weight = block.weight  # 得分（20分*执行率）
            if weight is None or score is None or weight.value <= 0:
                continue
            rate = _rate_of(block, row)
            if rate is None:
                continue
            value, half = rate
            expected = min(weight.value, value / 100 * weight.value)
            tol = score.half + half / 100 * weight.value + doc.tolerances.score_points
            if score.value - expected <= tol:
                if abs(score.value - expected) <= tol:
                    yield relation(
                        "score",
                        [(score.start, score.end), (weight.start, weight.end)],
                        f"{fmt_percent(value)} × {fmt(weight.value)} = {fmt(expected, 2)}",
                    )
                continue
            yield EXECUTION_SCORE.hit(
                [(score.start, score.end), (weight.start, weight.end)],
                {
                    "name": f"{_label(row)}（执行率）",
                    "rate": fmt_percent(value),
                    "weight": fmt(weight.value),
                    "score": fmt(score.value),
                    "expected": fmt(expected.quantize(Decimal("0.01"))),
                },
            )


FORM_SCORE_ABOVE_WEIGHTS = rule(
    code="S037",
    fix_zh="核对该行的分值和得分：执行率得分不能超过分值；按原表格式发布，使各数可对应到所在列。",
    name="form-score-above-every-weight",
    kind="score_formula",
    severity=Severity.WARNING,
    family="scores",
    title_zh="资金行得分高于该行任何可能的分值",
    title_en="A funds row scores above every weight it could have",
    message_zh="“{label}”行执行率 {rate}，得分 {score} 分，而该行执行率之前可作分值的数只有 "
    "{weights}，按任何一个计都至多得 {most} 分{how}",
    message_en="Row '{label}' executes {rate} and scores {score}, but the only figures before "
    "its rate that could be its weight are {weights}, which allow at most {most}{how_en}",
    what="A funds row (年度资金总额) whose 执行率 and 得分 are read with certainty but whose 分值 "
    "is not: the row lost cells before its rate (its figures before it are placed every way) "
    "or its form was printed out of order (the figures after the header, up to the rate). The "
    "分值 is one of the figures before the rate that can be one (above 0, at most 100); when the "
    "score exceeds rate × weight (capped at the weight) for every one of them, it exceeds the "
    "weight whatever the placement.",
    why="A score never exceeds its weight; the execution score is at most 执行率 × 分值. A score "
    "above every figure that could be the weight is a wrong score or a wrong weight.",
    example="稷山县项目支出绩效自评表 年初预算 数 0 项目资金 (万元) 年度资金总额 实施单位 某卫生院 "
    "全年预算数 全年执行数 分值 执行率 得分 0 207.4538 10 100% 15 207.4538 — 100% — "
    "其中:当年财政拨款 上年结转资金 其他资金\n",
    counterexample="稷山县项目支出绩效自评表 年初预算 数 0 项目资金 (万元) 年度资金总额 实施单位 "
    "某卫生院 全年预算数 全年执行数 分值 执行率 得分 0 207.4538 10 100% 10 207.4538 — 100% — "
    "其中:当年财政拨款 上年结转资金 其他资金\n",
    fix="Check the row's weight and score: the execution score cannot exceed the weight.",
)


def _unplaced(
    block: FundsBlock, row: FundsRow
) -> tuple[CellNumber, CellNumber, list[CellNumber]] | None:
    """(rate, score, the figures before the rate) of a total row whose 分值 cell is not known:
    a row that lost cells before its rate, or the first value run of a form printed out of
    order (`_scrambled`: its cells, read up to the rate and the 得分 after it)."""
    if row.loose:
        rate, score = row.number(RATE), row.number(SCORE)
        before = [n for c in row.loose if (n := cell_number(c)) is not None]
    elif row.unsure and row.cells and block.columns[-2:] == [RATE, SCORE]:
        pct = [k for k, c in enumerate(row.cells) if (n := cell_number(c)) and n.unit == "%"]
        if len(pct) != 1 or pct[0] != len(row.cells) - 2:
            return None
        rate, score = cell_number(row.cells[-2]), cell_number(row.cells[-1])
        before = [n for c in row.cells[:-2] if (n := cell_number(c)) is not None]
    else:
        return None
    if rate is None or score is None or rate.unit != "%":
        return None
    return rate, score, before


@check(FORM_SCORE_ABOVE_WEIGHTS)
def score_above_weights(doc: Document) -> Iterator[Hit]:
    slack = doc.tolerances.percent_points
    for block in funds_blocks(doc):
        row = block.total
        if row is None or WEIGHT in row.values or block.weight is not None:
            continue
        cols = block.columns
        if WEIGHT not in cols or RATE not in cols or cols.index(WEIGHT) > cols.index(RATE):
            continue  # the 分值 is no column before the rate: no figure there can be it
        got = _unplaced(block, row)
        if got is None or _loose_weight(block, row, slack) is not None:
            continue  # the weight is known: S005 judges the score
        rate, score, before = got
        weights = sorted({n.value for n in before if n.unit in ("", "分") and 0 < n.value <= 100})
        if not weights or score.value > 100:
            continue
        most = max(min(w, w * rate.value / 100) for w in weights)
        tol = score.half + rate.half / 100 * max(weights) + doc.tolerances.score_points
        if score.value - most <= tol:
            continue
        scrambled = not row.loose
        yield FORM_SCORE_ABOVE_WEIGHTS.hit(
            [
                (score.start, score.end),
                (rate.start, rate.end),
                *((n.start, n.end) for n in before if n.value in weights),
            ],
            {
                "label": _label(row),
                "rate": f"{fmt(rate.value, rate.decimals)}%",
                "score": fmt(score.value),
                "weights": "、".join(fmt(w) for w in weights),
                "most": fmt(most.quantize(Decimal("0.01"))),
                "how": "（该表单元格次序已乱，执行率及其后的得分按表头次序读出）"
                if scrambled
                else "（该行空白单元格已丢失，执行率之前各数所属列未知）",
                "how_en": " (the form's cells are out of order; the rate and the score after it "
                "follow the header's order)"
                if scrambled
                else " (the row lost its empty cells; the columns of the figures before the rate "
                "are not known)",
            },
        )


@check(FORM_RATE_NO_SPENDING)
def rate_without_spending(doc: Document) -> Iterator[Hit]:
    for block in funds_blocks(doc):
        if EXEC not in block.columns:
            continue
        for row in block.rows:
            if row.unsure or row.loose or EXEC in row.values:
                continue
            given = [
                (k, n)
                for k in (RATE, SCORE)
                for n in [row.number(k)]
                if n is not None and n.value > 0
            ]
            if not given:
                continue
            what_zh = "、".join(f"{COLUMN_NAMES[k]} {fmt(n.value)}{n.unit}" for k, n in given)
            what_en = ", ".join(
                f"{'a rate' if k == RATE else 'a score'} of {fmt(n.value)}{n.unit}"
                for k, n in given
            )
            yield FORM_RATE_NO_SPENDING.hit(
                [(n.start, n.end) for _k, n in given] + [(row.label.start, row.label.end)],
                {"label": _label(row), "what_zh": what_zh, "what_en": what_en},
            )


@check(FORM_OVERSPENT_FULL)
def overspent_full(doc: Document) -> Iterator[Hit]:
    for block in funds_blocks(doc):
        kind = block.budget_kind()
        if kind is None:
            continue
        for row in block.rows:
            spent, budget = row.number(EXEC), row.number(kind)
            weight, score = row.number(WEIGHT), row.number(SCORE)
            if spent is None or budget is None or weight is None or score is None:
                continue
            if score.value < weight.value or budget.value <= 0:
                continue
            if spent.value - budget.value <= spent.half + budget.half:
                continue
            yield FORM_OVERSPENT_FULL.hit(
                [(score.start, score.end), (spent.start, spent.end), (budget.start, budget.end)],
                {
                    "label": _label(row),
                    "spent": fmt(spent.value),
                    "budget": fmt(budget.value),
                    "budget_name": COLUMN_NAMES[kind],
                    "rate": fmt_percent(spent.value / budget.value * 100),
                    "score": fmt(score.value),
                },
            )


@check(FORM_OVERSPENT_UNEXPLAINED)
def overspent_unexplained(doc: Document) -> Iterator[Hit]:
    blocks = funds_blocks(doc)
    for block in blocks:
        kind = block.budget_kind()
        if kind is None:
            continue
        row = _first_overspent(block, kind)
        if row is None:
            continue
        if _explains_excess(doc, blocks):
            return
        spent, budget = row.number(EXEC), row.number(kind)
        assert spent is not None and budget is not None
        spans = [(spent.start, spent.end), (budget.start, budget.end)]
        rate = row.number(RATE)
        if rate is not None:
            spans.append((rate.start, rate.end))
        yield FORM_OVERSPENT_UNEXPLAINED.hit(
            spans,
            {
                "label": _label(row),
                "spent": fmt(spent.value),
                "budget": fmt(budget.value),
                "budget_name": COLUMN_NAMES[kind],
                "rate": fmt_percent(spent.value / budget.value * 100),
            },
        )


def _first_overspent(block: FundsBlock, kind: str) -> FundsRow | None:
    """The first row (the total before its parts) spending above its budget beyond rounding
    and not scored in full (a full score is R005's)."""
    for row in sorted(block.rows, key=lambda r: r.group):
        spent, budget = row.number(EXEC), row.number(kind)
        if spent is None or budget is None or budget.value <= 0:
            continue
        if spent.value - budget.value <= spent.half + budget.half:
            continue
        weight, score = row.number(WEIGHT), row.number(SCORE)
        if weight is not None and score is not None and score.value >= weight.value:
            return None  # R005: the block's overspending is reported there
        return row
    return None


def _explains_excess(doc: Document, blocks: list[FundsBlock]) -> bool:
    """Whether the text outside the report's funds blocks names a cause of spending above a
    budget (a form's own 上年结转资金 row label explains nothing)."""
    norm, pos = doc.norm, 0
    for b in sorted(blocks, key=lambda b: b.start):
        if _EXCESS_CAUSE.search(norm, pos, b.start):
            return True
        pos = max(pos, b.end)
    return _EXCESS_CAUSE.search(norm, pos) is not None


# ---- the total row against its parts ------------------------------------------------------------


@check(FORM_TOTAL_EMPTY, SUM_MISMATCH, SUM_ROUNDING)
def form_totals(doc: Document) -> Iterator[Hit | Relation]:
    for block in funds_blocks(doc):
        total = block.total
        if total is None or total.unsure or total.loose:
            continue
        for group in sorted({r.group for r in block.rows if not r.is_total}):
            parts = [r for r in block.rows if r.group == group]
            if not parts or any(p.unsure or p.loose for p in parts):
                continue
            yield from _judge_group(block, total, parts)


def _judge_group(
    block: FundsBlock, total: FundsRow, parts: list[FundsRow]
) -> Iterator[Hit | Relation]:
    empty_cols: list[tuple[str, CellNumber | None, Decimal]] = []
    for kind in block.columns:
        if kind not in MONEY:
            continue
        nums = [n for p in parts for n in [p.number(kind)] if n is not None]
        if not nums:
            continue
        psum = sum((n.value for n in nums), Decimal(0))
        stated = total.number(kind)
        if stated is None or stated.value == 0:
            if psum > 0:
                empty_cols.append((kind, stated, psum))
            continue
        diff = psum - stated.value
        if diff == 0:
            spans = [(stated.start, stated.end), *((n.start, n.end) for n in nums)]
            terms = " + ".join(fmt(n.value) for n in nums)
            yield relation("table_column", spans, f"{terms} = {fmt(stated.value)}")
            continue
        tol = stated.half + sum((n.half for n in nums), Decimal(0))
        unit = block.unit
        terms = " + ".join(fmt(n.value) for n in nums)
        data = {
            "expr": f"{terms} = {fmt(psum)}",
            "stated": fmt(stated.value, stated.decimals),
            "diff": fmt(abs(diff)),
            "unit": unit,
            "note": f"；自评表“{COLUMN_NAMES[kind]}”列，“{_label(total)}”行与其中各项",
            "note_en": f"; form column “{COLUMN_NAMES[kind]}”, row “{_label(total)}” vs its parts",
            "parts": [fmt(n.value) for n in nums],
            "parts_sum": fmt(psum),
            "column": COLUMN_NAMES[kind],
            "row": _label(total),
        }
        spans = [(stated.start, stated.end), *((n.start, n.end) for n in nums)]
        if abs(diff) <= tol:
            yield SUM_ROUNDING.hit(spans, data)
        else:
            severity = Severity.ERROR if len(parts) >= 2 else Severity.WARNING
            yield SUM_MISMATCH.hit(spans, data, severity=severity)
    if empty_cols:
        blank = all(s is None for _k, s, _p in empty_cols)
        first = next((s for _k, s, _p in empty_cols if s is not None), None)
        spans = [(first.start, first.end)] if first else [(total.label.start, total.label.end)]
        for p in parts:
            spans += [(n.start, n.end) for k in MONEY for n in [p.number(k)] if n is not None]
        yield FORM_TOTAL_EMPTY.hit(
            spans,
            {
                "label": _label(total),
                "columns": "“" + "”“".join(COLUMN_NAMES[k] for k, _s, _p in empty_cols) + "”",
                "columns_en": ", ".join(COLUMN_NAMES[k] for k, _s, _p in empty_cols),
                "stated": "0" if not blank else "空白",
                "parts": " / ".join(fmt(p) for _k, _s, p in empty_cols),
            },
            severity=Severity.WARNING if blank else None,
            variant="blank" if blank else None,
        )
