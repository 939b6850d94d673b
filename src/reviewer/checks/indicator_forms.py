"""The indicator block of a self-evaluation form checked row by row (read by
`reviewer.claims.indicator_forms`): a score above the proportional value of what was achieved
(S006), rows whose weight and score run together so their score cannot be checked (S007), and
qualitative target cells that only name a direction (效果明显, 不断提升: Q001, one finding per
form), a score above its weight in a row of explicit cells (S003; rows run together on one
line are only read when the score is within the weight, so a shifted row is never judged), and
the form's 总分 against the funds score plus the indicator scores (S001) — only when the weights
show every row was read (they add up to the stated weight total, or to 100).

Targets vs actuals of the same rows go through the common indicator records (G001, G002, G004,
G005), so they are not repeated here.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal

from reviewer.checks.quality_vague_targets import VAGUE_TARGET
from reviewer.checks.registry import Hit, Relation, check, relation, rule
from reviewer.checks.scores import SCORE_ABOVE_WEIGHT, SCORE_SUM_MISMATCH
from reviewer.checks.target_rewrites import rewrite_data
from reviewer.claims.indicator_forms import (
    SCORE_COL,
    FormRow,
    FormValue,
    indicator_blocks,
    proportional_score,
)
from reviewer.claims.indicators import EQ, LE, LT, SYMBOL, lower_is_better
from reviewer.document import Document
from reviewer.models import Severity
from reviewer.numbers import decimals_of, fmt
from reviewer.regex import lazy

_FORM = (
    "绩效指标 | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n"
    "| 产出指标 | 数量指标 | 新建村级服务站 | ≥40个 | 40个 | 10 | 10 |\n"
    "| | | {row} |\n"
)

INDICATOR_SCORE_FORMULA = rule(
    code="S006",
    fix_zh="按“得分 = 实际完成值 ÷ 年度指标值 × 分值”（越低越好的指标取其倒数）重算该项得分；"
    "若本地采用其他计分办法，请在报告中写明。",
    name="indicator-score-above-proportion",
    kind="score_formula",
    severity=Severity.WARNING,
    family="scores",
    title_zh="指标得分高于按完成比例计算的分数",
    title_en="Indicator scored above its proportional value",
    message_zh="“{name}”目标 {target}，实际 {actual}，分值 {weight} 分：按完成比例应得 "
    "{computation} = {expected} 分，报告得 {score} 分（若采用其他计分办法，请在报告中写明）",
    message_en="'{name}': target {target}, actual {actual}, weight {weight}: in proportion it "
    "scores {computation} = {expected}, the report scores {score} (if another scoring rule "
    "applies, state it in the report)",
    what="For each quantitative row of a self-evaluation form's indicator block, compares the "
    "score with weight × actual ÷ target (weight × target ÷ actual when lower is better: a ≤ "
    "target, or a cost or incident count), capped at the weight, allowing for the rounding of "
    "the score as written.",
    why="财预〔2020〕10号 scores a quantitative indicator in full when the target is met and in "
    "proportion otherwise; a higher score inflates the self-evaluation. A missed target scored "
    "in full is left to G005.",
    example=_FORM.format(row="高血压规范管理人数 | 3807人 | 3224人 | 2 | 1.9"),
    fix="Recompute the score in proportion to what was achieved, or state the scoring rule used.",
    counterexample=_FORM.format(row="适龄儿童疫苗接种率 | 100% | 97.3% | 2 | 1.9"),
)

HIDDEN_SCORE = rule(
    code="S007",
    fix_zh="在绩效自评表中把各列分开填写（如“11 | 11”），空白单元格保留，以便核对各项目标和得分。",
    name="indicator-score-unreadable",
    kind="table_unreadable",
    severity=Severity.INFO,
    family="scores",
    title_zh="自评表指标行的分值和得分无法分开，未核对",
    title_en="Indicator rows whose weight and score cannot be told apart",
    message_zh="自评表有 {count} 行的分值和得分连写在一起（{rows}），无法确定各自的数值，"
    "这些行的得分未核对",
    message_en="{count} row(s) of the form have the weight and the score run together ({rows}); "
    "they cannot be told apart, so those scores were not checked",
    what="Reports indicator rows of a form whose weight and score reach the reader as one run of "
    "digits (`合格率100%80%1111`: 11 and 11, or 1 and 111), and rows run together on one line "
    "whose count of figures does not match the header's columns (empty cells left no trace, "
    "or two rows' figures follow one name).",
    why="The tool never guesses a number; the reader should know these targets and scores were "
    "not checked (a missed target scored in full would go unnoticed). Glued digits that the "
    "form's own total splits one way only (see claims/hidden_scores.py) are checked, and not "
    "reported here.",
    example="绩效指标一级指标二级指标三级指标年度指标值实际完成值分值得分偏差原因分析及改进措施\n"
    "产出指标数量指标项目一次验收合格率100%80%1111管理不够到位\n",
    fix="Publish the form with every column in its own cell, empty cells kept.",
    counterexample="绩效指标 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分\n"
    "产出指标 数量指标 项目一次验收合格率 100% 80% 11 9\n",
    variants={
        "run": (
            "自评表有 {count} 行的数字个数与表头的列数不符（{rows}），空白单元格已丢失或两行的数字"
            "连在一起，无法确定各数所属的列，这些行的目标和得分未核对",
            "{count} row(s) of the form hold a count of figures that does not match the header's "
            "columns ({rows}): empty cells were lost or two rows run together, so their targets "
            "and scores were not checked",
        )
    },
)


def _shown(v: FormValue) -> str:
    q = v.quantity
    sym = "" if v.comparator == EQ else SYMBOL[v.comparator]
    return f"{sym}{fmt(q.value)}{q.unit}"


def _half_unit(v: FormValue) -> Decimal:
    return Decimal(5) / (Decimal(10) ** (v.quantity.decimals + 1))


def _lower_is_better(row: FormRow) -> bool:
    assert row.target is not None
    return row.target.comparator in (LE, LT) or lower_is_better(row.name)


@check(INDICATOR_SCORE_FORMULA)
def indicator_score_formula(doc: Document) -> Iterator[Hit]:
    for block in indicator_blocks(doc):
        for row in block.rows:
            if row.score is None or row.weight is None or row.target is None:
                continue
            if row.actual is None:
                continue
            lower = _lower_is_better(row)
            expected = proportional_score(row, lower)
            if expected is None:
                continue
            weight, score = row.weight.quantity.value, row.score.quantity.value
            if score >= weight and expected < weight:
                continue  # a missed target scored in full: G005
            if score > weight:
                continue  # a score above the weight itself: S003, whatever the formula
            if score - expected <= _half_unit(row.score):
                continue
            t, a = _shown(row.target), _shown(row.actual)
            computation = (
                f"{fmt(weight)} × {a} ÷ {t}" if not lower else f"{fmt(weight)} × {t} ÷ {a}"
            )
            yield INDICATOR_SCORE_FORMULA.hit(
                [(row.score.start, row.score.end), (row.start, row.end)],
                {
                    "name": row.name,
                    "target": t,
                    "actual": a,
                    "weight": fmt(weight),
                    "score": fmt(score),
                    "computation": computation,
                    "expected": fmt(expected.quantize(Decimal("0.01"))),
                },
            )


def _quoted(doc: Document, spans: Sequence[tuple[int, int]]) -> str:
    shown = "；".join(f"“{doc.norm[s:e]}”" for s, e in spans[:5])
    return shown + (" …" if len(spans) > 5 else "")


@check(HIDDEN_SCORE)
def hidden_score(doc: Document) -> Iterator[Hit]:
    for block in indicator_blocks(doc):
        # Glued digits the form's own total split (claims.hidden_scores) were checked.
        glued = [(r.start, r.hidden_end) for r in block.rows if r.hidden and r.score is None]
        if glued:
            yield HIDDEN_SCORE.hit(glued, {"count": len(glued), "rows": _quoted(doc, glued)})
        if block.unsure and SCORE_COL in block.columns:
            yield HIDDEN_SCORE.hit(
                list(block.unsure),
                {"count": len(block.unsure), "rows": _quoted(doc, block.unsure)},
                variant="run",
            )


# A target cell that is only a direction or an intensity word, with no object or measure.
_VAGUE_CELL = lazy(
    r"^(?:效果|成效|作用|影响|效益)?(?:不断|逐步|持续|稳步|进一步|有所|明显|显著|大幅)?"
    r"(?:明显|显著|有效|提升|提高|改善|增强|加强|优化)$"
)


@check(VAGUE_TARGET)
def form_vague_targets(doc: Document) -> Iterator[Hit]:
    for block in indicator_blocks(doc):
        vague = [
            r
            for r in block.rows
            if r.target_text is not None and _VAGUE_CELL.match(r.target_text.text.replace(" ", ""))
        ]
        if not vague:
            continue
        quote = "；".join(
            f"{r.name} {r.target_text.text}" for r in vague[:3] if r.target_text is not None
        )
        first = vague[0].target_text
        assert first is not None
        rows = [
            (r.name, r.target_text.text, (r.name_start, r.target_text.end))
            for r in vague
            if r.target_text is not None
        ]
        yield VAGUE_TARGET.hit(
            [span for _n, _t, span in rows],
            {
                "quote": quote + (" …" if len(vague) > 3 else ""),
                "word": first.text,
                **rewrite_data(doc, rows),
            },
        )


@check(SCORE_ABOVE_WEIGHT)
def form_score_above_weight(doc: Document) -> Iterator[Hit]:
    from reviewer.claims.scores import score_groups

    judged = {
        (item.score.start, item.score.end)
        for group in score_groups(doc)
        for item in group.items
        if item.score is not None
    }
    for row in (r for b in indicator_blocks(doc) for r in b.rows):
        if row.layout != "cells" or row.weight is None or row.score is None:
            continue
        w, sc = row.weight, row.score
        if sc.quantity.value <= w.quantity.value or (sc.start, sc.end) in judged:
            continue
        yield SCORE_ABOVE_WEIGHT.hit(
            [(sc.start, sc.end), (w.start, w.end)],
            {
                "name": f"“{row.name}”",
                "name_en": f"{row.name} ",
                "score": fmt(sc.quantity.value),
                "weight": fmt(w.quantity.value),
                "excess": fmt(sc.quantity.value - w.quantity.value),
            },
        )


_FORM_TOTAL = lazy(
    r"(?:总分|合计|总计)[\s|:：]*(?P<a>\d+(?:\.\d+)?)\s*分?(?:[\s|]+(?P<b>\d+(?:\.\d+)?)\s*分?)?"
)
_TOTAL_WINDOW = 200
_FUNDS_WINDOW = 3000


def _funds_weight_score(doc: Document, start: int) -> tuple[Decimal, Decimal] | None:
    """The 预算执行率 weight and score of the funds block of the same form, if it has them."""
    from reviewer.document.forms import SCORE, WEIGHT, funds_blocks

    before = [b for b in funds_blocks(doc) if b.end <= start and start - b.end < _FUNDS_WINDOW]
    if not before or before[-1].total is None:
        return None
    total = before[-1].total
    assert total is not None
    w, sc = total.number(WEIGHT), total.number(SCORE)
    if w is None or sc is None:
        return None
    return w.value, sc.value


def _judged_by_tables(doc: Document, claim: tuple[int, int]) -> bool:
    """A score table of `claims.scores` already holds this total or the self-score there."""
    from reviewer.claims.scores import score_groups
    from reviewer.claims.selfscore import self_scores

    for g in score_groups(doc):
        if g.total is not None and g.total.start <= claim[0] < g.total.end:
            return True
        if g.items and g.start <= claim[0] <= g.end + _TOTAL_WINDOW:
            return True
    prose = [s for s in self_scores(doc) if not s.form_total]  # a total row is this check's
    return any(s.start <= claim[0] < s.end for s in prose) and bool(score_groups(doc))


@check(SCORE_SUM_MISMATCH)
def form_score_sum(doc: Document) -> Iterator[Hit | Relation]:
    for block in indicator_blocks(doc):
        rows = block.rows
        if block.unsure or any(r.hidden or r.weight is None or r.score is None for r in rows):
            continue
        m = _FORM_TOTAL.search(doc.norm, block.end, block.end + _TOTAL_WINDOW)
        if m is None or m.start() - block.end > _TOTAL_WINDOW // 2:
            continue
        weights = [r.weight.quantity.value for r in rows if r.weight is not None]
        scores = [r.score for r in rows if r.score is not None]
        terms = [sc.quantity.value for sc in scores]
        funds = _funds_weight_score(doc, block.start)
        if funds is not None:
            weights.insert(0, funds[0])
            terms.insert(0, funds[1])
        stated_weight = Decimal(m.group("a")) if m.group("b") else Decimal(100)
        stated = Decimal(m.group("b") or m.group("a"))
        if sum(weights) != stated_weight:
            continue  # rows may be missing: the sum would prove nothing
        total = sum(terms, Decimal(0))
        decimals = decimals_of(m.group("b") or m.group("a"))
        if abs(total - stated) <= Decimal(5) / (Decimal(10) ** (decimals + 1)):
            spans = [
                m.span("b") if m.group("b") else m.span("a"),
                *((sc.start, sc.end) for sc in scores),
            ]
            yield relation("score", spans, f"{' + '.join(fmt(t) for t in terms)} = {fmt(total)}")
            continue
        claim = m.span("b") if m.group("b") else m.span("a")
        if _judged_by_tables(doc, claim):
            continue
        expr = " + ".join(fmt(t) for t in terms)
        yield SCORE_SUM_MISMATCH.hit(
            [claim, *((sc.start, sc.end) for sc in scores)],
            {
                "expr": expr,
                "sum": fmt(total),
                "stated": fmt(stated),
                "diff": fmt(abs(total - stated)),
                "terms": [fmt(t) for t in terms],
                "count": len(terms),
                "weight_sum": fmt(sum(weights, Decimal(0))),
                "note": "（含预算执行率得分）" if funds is not None else "",
                "note_en": " (budget execution score included)" if funds is not None else "",
            },
        )
