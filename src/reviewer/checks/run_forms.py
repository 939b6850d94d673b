"""A self-evaluation form flattened into one run of space-separated cells whose order was lost.

Text pulled out of a PDF or a spreadsheet often prints a whole form on one line, cells separated
by spaces, in an order that no longer follows the rows: names drift away from their figures, a
target stands before the header, the 总分 label after its figures. What survives is the figures of
one row printed side by side (`95% 95% 30 27`: target, actual, weight, score). This module reads
only what that order still settles, and lets the form's own arithmetic confirm the reading:

* a **form** is the text from one `自评表` title to the next, read line by line; only lines of at
  least 20 space-separated cells take part (prose, `|` tables and one cell per line are other
  readers' business). run_form_cells.py holds this reading, shared with G009 and S031–S033;
* the **funds part** (before the indicator header 指标值) holds the funds row. Its score is read
  from `A B W S` (全年预算数, 全年执行数, 分值, 得分) when S is W × B ÷ A at S's precision
  (within one point when the 执行率 stands between: `W R% S`, S ≤ W, the score truncated or
  rounded);
* the **indicator part**: each maximal run of bare numbers ends a row in its weight and score
  (`8676 15 13`, `100% 100% 15 15`). A run of k numbers may hold several rows (`10 10 100 98.62`):
  every split into rows of 2–4 numbers whose last two are a weight in (0, 100] and a score not
  above it is a reading; a run no split fits is no row of figures;
* the **total** is the last pair of a reading whose weight is 100, with no other figure in its
  row (`10 100 90` is no total: the 10 may be a weight whose score cell is blank), and a reading
  counts only when the weights of every other pair, the funds row's included, add up to exactly
  100. Two coincidences are needed to fake that, so the pairing is taken as the form's.

S030 compares the scores with the total when every reading that passes agrees; silent when any
reading gives the stated total. R070 sets a rate printed away from its row (`86.19%` elsewhere in
the funds part) against the funds row's own B ÷ A when that row is confirmed by its score and the
rate differs from it in the last place only (a nearer percent is another figure).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from reviewer.checks.registry import Hit, Relation, check, relation, rule
from reviewer.checks.run_form_cells import (
    HUNDRED,
    INDICATOR_HEAD,
    FormReading,
    FormToken,
    as_percent,
    form_readings,
    form_tokens,
    funds_row,
    glued_readings,
    number_runs,
    squeezed,
)
from reviewer.document import Document
from reviewer.models import Severity
from reviewer.numbers import decimals_of, fmt, half_digit

RUN_FORM_SCORE_SUM = rule(
    code="S030",
    fix_zh="按各行得分重算总分并更正；得分有小数的，表中应显示到相同位数，使各行得分之和与总分一致。",
    name="run-form-score-sum",
    kind="score_sum_mismatch",
    severity=Severity.WARNING,
    family="scores",
    title_zh="自评表各行得分之和与总分不符（单元格次序已乱）",
    title_en="Form scores do not add up to the total (cells out of order)",
    message_zh="自评表各行得分 {expr} = {sum}，总分行称 {stated}（相差 {diff} 分）。{how_zh}",
    message_en="The form's row scores add up to {expr} = {sum}; the total row states {stated} "
    "(off by {diff}). {how_en}",
    what="Reads a self-evaluation form printed as one run of space-separated cells in an order "
    "that no longer follows the rows (text pulled out of a PDF or a spreadsheet): each run of "
    "bare numbers ends a row in its weight and score, the funds row's score is confirmed by "
    "分值 × 执行数 ÷ 预算数, and the last pair weighted 100 is the total. The reading is kept only "
    "when the other weights add up to exactly 100; then the scores are added and compared with "
    "the total's score. Also reads a form whose cells ran together with no separator at all, "
    "分值 before 年度指标值 (`安装标尺10≥266米≥266米10`): a row is read only when its digits split "
    "one way into weight, target, actual (same unit) and score, the funds row "
    "(`年度资金总额:202010100.00%10`) only when one split gives budget, spending, weight, a rate "
    "equal to spending ÷ budget and a score equal to weight × rate, the total (`总分100100`) only "
    "when one split gives weight and score; and only when every figure between the header and "
    "the total was read so.",
    why="The total score decides the grade. When the scores a reader can see do not add up to "
    "it, a score or the total is wrong, or a rounded score hides the figure the total rests on.",
    example=(
        "项目支出绩效自评表 全年预算数 全年执行数 分值 执行率 得分 50.00 50.00 10 100% 10 "
        "年度 指标值 实际 完成值 分值 得分 指标1:培训人次 200 200 20 20 指标2:合格率 95% 95% 30 30 "
        "指标3:及时率 100% 100% 20 18 指标4:满意度 90% 92% 20 20 100 96 总分"
    ),
    counterexample=(
        "项目支出绩效自评表 全年预算数 全年执行数 分值 执行率 得分 50.00 50.00 10 100% 10 "
        "年度 指标值 实际 完成值 分值 得分 指标1:培训人次 200 200 20 20 指标2:合格率 95% 95% 30 30 "
        "指标3:及时率 100% 100% 20 18 指标4:满意度 90% 92% 20 20 100 98 总分"
    ),
    fix="Recompute the total from the row scores; when a score has decimals, print it with them so "
    "that the rows add up to the total.",
)

RUN_FORM_RATE = rule(
    code="R070",
    fix_zh="按全年执行数 ÷ 全年预算数重算执行率并更正末位。",
    name="run-form-rate-last-digit",
    kind="rate_mismatch",
    severity=Severity.INFO,
    family="rates",
    title_zh="自评表执行率末位与预算数、执行数不符",
    title_en="A form's execution rate is off in its last digit",
    message_zh="资金行全年执行数 {spent} ÷ 全年预算数 {budget} = {computed}%，四舍五入为 "
    "{rounded}%，报告填 {stated}（该行得分 {score} = 分值 {weight} × {computed}% 与此相符）",
    message_en="The funds row's spending {spent} / budget {budget} = {computed}%, which rounds to "
    "{rounded}%; the form states {stated} (the row's score {score} = weight {weight} × "
    "{computed}% agrees with the recomputed rate)",
    what="In a self-evaluation form flattened into one run of space-separated cells, reads the "
    "funds row's 全年预算数 A, 全年执行数 B, 分值 W and 得分 S, kept only when S is W × B ÷ A at "
    "S's precision; a percent printed in the funds part that differs from B ÷ A by at most one "
    "unit of its last place, and is neither its rounding nor its truncation, is the row's 执行率 "
    "written wrong.",
    why="The execution rate is what the budget score rests on; a last digit that the row's own "
    "figures and score both contradict is a typing or rounding slip a reader cannot check.",
    example=(
        "项目支出绩效自评表 年初预算数 全年预算数 全年执行数 分值 执行率 得分 "
        "80000.00 80000.00 61,234.5 10 7.65 年度 总体 目标 76.55% 实际完成情况 已完成全部结算。 "
        "一级指标 二级指标 三级指标"
    ),
    counterexample=(
        "项目支出绩效自评表 年初预算数 全年预算数 全年执行数 分值 执行率 得分 "
        "80000.00 80000.00 61,234.5 10 7.65 年度 总体 目标 76.54% 实际完成情况 已完成全部结算。 "
        "一级指标 二级指标 三级指标"
    ),
    fix="Recompute the rate as spending ÷ budget and correct its last digit.",
)

_RUN_HOW_ZH = (
    "该表从版式中抽出，单元格次序已乱；各行分值 {weights} = 100，与总分行分值相符，据此对应各行。"
    "若某行得分显示时经过取整，总分可能按未取整的得分计算，请在表中写明"
)
_RUN_HOW_EN = (
    "The form was flattened and its cells lost their order; the rows' weights {weights} = 100 "
    "agree with the total's weight, which is how the rows were paired. If a score was rounded "
    "for display, the total may rest on the unrounded one: say so in the form"
)
_GLUED_HOW_ZH = (
    "该表单元格连写，各行按“分值、指标值、实际值、得分”拆分，每行只有一种拆法；各行分值合计 "
    "{weights} = {wsum}，总分行分值 {tweight}"
)
_GLUED_HOW_EN = (
    "The form's cells ran together; each row splits only one way into weight, target, actual "
    "and score. The rows' weights add up to {weights} = {wsum}; the total row's weight is {tweight}"
)


@check(RUN_FORM_SCORE_SUM)
def run_form_scores(doc: Document) -> Iterator[Hit | Relation]:
    for toks in form_tokens(doc):
        head = next((i for i, t in enumerate(toks) if INDICATOR_HEAD.search(t.text)), None)
        if head is None:
            continue
        funds_toks, ind_toks = toks[:head], toks[head:]
        if not ("分值" in squeezed(ind_toks) and "得分" in squeezed(ind_toks)):
            continue
        funds = funds_row(funds_toks)
        if funds is None and "分值" in squeezed(funds_toks):
            continue  # the funds row is scored, but its score could not be read
        readings = form_readings(funds.pair if funds else None, number_runs(ind_toks))
        if not readings:
            continue
        verdicts = set()
        for r in readings:
            got = sum(p.score.value for p in r.rows)
            dec = r.total.score.decimals
            verdicts.add(
                abs(got - r.total.score.value) < half_digit(dec) or got == r.total.score.value
            )
        r = readings[0]
        got = sum(p.score.value for p in r.rows)
        spans = [(p.score.start, p.score.end) for p in r.rows]
        if any(verdicts):
            if len({tuple(x.rows) for x in readings}) == 1:
                yield relation(
                    "score",
                    [*spans, (r.total.score.start, r.total.score.end)],
                    f"{' + '.join(fmt(p.score.value) for p in r.rows)} = {fmt(got)}",
                )
            continue
        if len({(sum(p.score.value for p in x.rows), x.total.score) for x in readings}) != 1:
            continue
        weights = " + ".join(fmt(p.weight.value) for p in r.rows)
        yield _sum_hit(r, _RUN_HOW_ZH.format(weights=weights), _RUN_HOW_EN.format(weights=weights))
    for g in glued_readings(doc):
        got = sum(p.score.value for p in g.rows)
        if abs(got - g.total.score.value) < half_digit(g.total.score.decimals):
            continue
        w = sum(p.weight.value for p in g.rows)
        fill = {
            "weights": " + ".join(fmt(p.weight.value) for p in g.rows),
            "wsum": fmt(w),
            "tweight": fmt(g.total.weight.value),
        }
        yield _sum_hit(g, _GLUED_HOW_ZH.format(**fill), _GLUED_HOW_EN.format(**fill))


def _sum_hit(r: FormReading, how_zh: str, how_en: str) -> Hit:
    got = sum(p.score.value for p in r.rows)
    stated = r.total.score.value
    return RUN_FORM_SCORE_SUM.hit(
        [(r.total.score.start, r.total.score.end), *((p.score.start, p.score.end) for p in r.rows)],
        {
            "expr": " + ".join(fmt(p.score.value) for p in r.rows),
            "sum": fmt(got),
            "stated": fmt(stated),
            "diff": fmt(abs(stated - got)),
            "how_zh": how_zh,
            "how_en": how_en,
        },
    )


@check(RUN_FORM_RATE)
def run_form_rate(doc: Document) -> Iterator[Hit]:
    for toks in form_tokens(doc):
        head = next((i for i, t in enumerate(toks) if INDICATOR_HEAD.search(t.text)), None)
        funds_toks = toks[:head] if head is not None else toks
        if "执行率" not in squeezed(funds_toks):
            continue
        funds = funds_row(funds_toks)
        if funds is None or funds.budget is None or funds.spent is None or funds.rate:
            continue
        ratio = funds.spent.value / funds.budget.value * HUNDRED
        pcts = [(t, v) for t in funds_toks if (v := as_percent(t)) is not None]
        stated: list[tuple[FormToken, Decimal, Decimal]] = []
        for t, v in pcts:
            dec = decimals_of(t.text.rstrip("%"))
            unit = Decimal(1).scaleb(-dec)
            rounded = ratio.quantize(unit, ROUND_HALF_UP)
            truncated = ratio.quantize(unit, ROUND_DOWN)
            if v in (rounded, truncated):
                break  # the rate is stated right somewhere in the funds part
            if dec >= 1 and abs(v - ratio) <= unit:
                stated.append((t, v, rounded))
        else:
            if len(stated) != 1:
                continue
            t, v, rounded = stated[0]
            yield RUN_FORM_RATE.hit(
                [
                    (t.start, t.end),
                    (funds.spent.start, funds.spent.end),
                    (funds.budget.start, funds.budget.end),
                    (funds.pair.score.start, funds.pair.score.end),
                ],
                {
                    "spent": fmt(funds.spent.value),
                    "budget": fmt(funds.budget.value),
                    "computed": fmt(ratio.quantize(Decimal("0.0001"), ROUND_HALF_UP)),
                    "rounded": fmt(rounded),
                    "stated": t.text,
                    "score": fmt(funds.pair.score.value, funds.pair.score.decimals),
                    "weight": fmt(funds.pair.weight.value),
                },
            )
