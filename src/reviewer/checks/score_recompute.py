"""A self-evaluation form's total recomputed under the official scoring method (S020).

财预〔2020〕10号 (and the forms built on it) score a quantitative indicator in full when its
target is met and otherwise in proportion (actual ÷ target, or target ÷ actual when lower is
better); a qualitative indicator stays in its band (100–80 %, 80–60 %, 60–0 % of its weight by
how far it was achieved), which the form's words cannot place, so its stated score is kept; the
budget execution indicator scores rate × weight. The form's rows are read by
`reviewer.claims.indicator_forms`, its funds block (the execution rate and its weight) by
`reviewer.document.forms`.

The check recomputes the total only when every row of the indicator block was read (the weights
add up to the stated weight total, with the funds weight), and the stated row scores add up to
the stated total (else S001 says so). When the recomputed total differs from the stated one
beyond the rounding of the scores it changed, a warning gives both totals and grades and every
row whose score changed, with both numbers; when it agrees, the total is verified in the
ledger of figures.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import NamedTuple

from reviewer.checks.registry import Hit, Relation, check, relation, rule
from reviewer.claims.indicator_forms import FormBlock, indicator_blocks, proportional_score
from reviewer.claims.indicators import LE, LT, lower_is_better
from reviewer.claims.selfscore import grade_for
from reviewer.document import Document
from reviewer.document.forms import RATE, SCORE, WEIGHT, funds_blocks, percent_value
from reviewer.models import Severity
from reviewer.numbers import decimals_of, fmt
from reviewer.regex import lazy

_FORM = (
    "项目支出绩效自评表\n"
    "| 项目资金 | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n"
    "| 年度资金总额 | 100 | 100 | 90 | 10 | 90% | {funds} |\n"
    "| 绩效指标 | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n"
    "| 产出指标 | 数量指标 | 新建服务站 | ≥40个 | 40个 | 40 | 40 |\n"
    "| | 质量指标 | 验收合格率 | 100% | 90% | 30 | {quality} |\n"
    "| 效益指标 | 社会效益 | 群众满意度 | ≥90% | 95% | 20 | 20 |\n"
    "总分 | 100 | {total}\n"
)

SCORE_RECOMPUTED = rule(
    code="S020",
    fix_zh="按财预〔2020〕10号的计分办法（定量指标完成即得满分、未完成按比例计分；预算执行率"
    "按“执行率×分值”计分）重算各项得分和总分；若本地采用其他计分办法，请在报告中写明。",
    name="score-recomputed",
    kind="score_formula",
    severity=Severity.WARNING,
    family="scores",
    title_zh="按规定计分办法重算，总分与自评得分不符",
    title_en="The total recomputed under the official scoring method differs",
    message_zh="按财预〔2020〕10号计分办法重算：{rows}；总分应为 {recomputed} 分（{grade}），"
    "报告自评 {stated} 分（{stated_grade}）{note}",
    message_en="Recomputed under the official scoring method: {rows_en}; the total is "
    "{recomputed} ({grade_en}), the report states {stated} ({stated_grade_en}){note_en}",
    what="Recomputes a self-evaluation form's total: each quantitative indicator in full when "
    "met, else in proportion (actual ÷ target, target ÷ actual when lower is better); the "
    "budget execution score as rate × weight; qualitative indicators keep their stated score. "
    "Only when every row was read and the stated scores add up to the stated total; fires when "
    "the recomputed total differs beyond the rounding of the scores it changed.",
    why="Reviewers recompute the self-score by the official method; a total inflated by "
    "generous row scores can lift the grade. The finding gives both totals and grades and the "
    "rows that changed, so the reviewer can confirm in one reading.",
    variants={
        "partial": (
            "按财预〔2020〕10号计分办法重算：{rows}；所列指标（满分 {out_of} 分）合计应为 "
            "{recomputed} 分，报告 {stated} 分",
            "Recomputed under the official scoring method: {rows_en}; the listed indicators "
            "(out of {out_of}) total {recomputed}, the report states {stated}",
        ),
    },
    example=_FORM.format(funds="10", quality="30", total="100"),
    counterexample=_FORM.format(funds="9", quality="27", total="96"),
    fix="Recompute the scores by the official method, or state the scoring rule the form used.",
)

_GRADE_EN = {"优": "excellent", "良": "good", "中": "fair", "差": "poor"}
_FORM_TOTAL = lazy(
    r"(?:总分|合计|总计)[\s|:：]*(?P<a>\d+(?:\.\d+)?)\s*分?(?:[\s|]+(?P<b>\d+(?:\.\d+)?)\s*分?)?"
)
_TOTAL_WINDOW = 200
_FUNDS_WINDOW = 3000


class Recomputed(NamedTuple):
    """One row's score, stated and recomputed (both in points), and how it was recomputed."""

    name: str
    stated: Decimal
    expected: Decimal
    half: Decimal  # the rounding of the stated score
    how: str  # "40 × 90% ÷ 100% = 36 分"
    span: tuple[int, int]


def _pts(v: Decimal) -> str:
    return fmt(v.quantize(Decimal("0.01")))


def _half(raw: str) -> Decimal:
    return Decimal(5) / (Decimal(10) ** (decimals_of(raw) + 1))


def _funds_row(doc: Document, start: int) -> tuple[Recomputed, Decimal] | None:
    """The budget execution score of the form's funds block (rate × weight) and its weight."""
    before = [b for b in funds_blocks(doc) if b.end <= start and start - b.end < _FUNDS_WINDOW]
    if not before or before[-1].total is None:
        return None
    total = before[-1].total
    assert total is not None
    w, sc, rate = total.number(WEIGHT), total.number(SCORE), total.number(RATE)
    if w is None or sc is None or rate is None or rate.unit != "%":
        return None
    readings = percent_value(rate)
    if not readings:
        return None
    expected = min(w.value, readings[0] / 100 * w.value)
    how = f"{fmt(readings[0])}% × {fmt(w.value)} = {_pts(expected)} 分"
    half = Decimal(5) / (Decimal(10) ** (sc.decimals + 1))
    row = Recomputed("预算执行率", sc.value, expected, half, how, (sc.start, sc.end))
    return row, w.value


def recompute(doc: Document, block: FormBlock) -> list[Recomputed] | None:
    """Every row's score recomputed, the funds row first; None when a row is unread."""
    if block.unsure or any(r.hidden or r.weight is None or r.score is None for r in block.rows):
        return None
    out: list[Recomputed] = []
    funds = _funds_row(doc, block.start)
    if funds is not None:
        out.append(funds[0])
    for row in block.rows:
        assert row.weight is not None and row.score is not None
        stated = row.score.quantity.value
        lower = row.target is not None and (
            row.target.comparator in (LE, LT) or lower_is_better(row.name)
        )
        expected = proportional_score(row, lower)
        how = ""
        if expected is None:
            expected = stated  # qualitative: its band cannot be placed from the form's words
        else:
            t, a = row.target, row.actual
            assert t is not None and a is not None
            w = fmt(row.weight.quantity.value)
            tq, aq = (f"{fmt(v.quantity.value)}{v.quantity.unit}" for v in (t, a))
            ratio = f"{tq} ÷ {aq}" if lower else f"{aq} ÷ {tq}"
            how = f"{w} × {ratio} = {_pts(expected)} 分"
            if expected >= row.weight.quantity.value:
                how = f"完成目标（实际 {aq}，目标 {tq}），应得满分 {w} 分"
        out.append(
            Recomputed(
                row.name,
                stated,
                expected,
                _half(row.score.quantity.raw),
                how,
                (row.score.start, row.score.end),
            )
        )
    return out


def _weights_complete(doc: Document, block: FormBlock, stated_weight: Decimal) -> bool:
    weights = [r.weight.quantity.value for r in block.rows if r.weight is not None]
    funds = _funds_row(doc, block.start)
    if funds is not None:
        weights.append(funds[1])
    return sum(weights, Decimal(0)) == stated_weight


@check(SCORE_RECOMPUTED)
def score_recomputed(doc: Document) -> Iterator[Hit | Relation]:
    for block in indicator_blocks(doc):
        m = _FORM_TOTAL.search(doc.norm, block.end, block.end + _TOTAL_WINDOW)
        if m is None or m.start() - block.end > _TOTAL_WINDOW // 2:
            continue
        rows = recompute(doc, block)
        if not rows:
            continue
        raw = m.group("b") or m.group("a")
        stated_weight = Decimal(m.group("a")) if m.group("b") else Decimal(100)
        if not _weights_complete(doc, block, stated_weight):
            continue  # rows may be missing: a recomputed total would prove nothing
        stated = Decimal(raw)
        stated_sum = sum((r.stated for r in rows), Decimal(0))
        if abs(stated_sum - stated) > _half(raw):
            continue  # the stated scores do not add up to the total: S001
        changed = [r for r in rows if abs(r.expected - r.stated) > r.half]
        total = sum((r.expected for r in rows), Decimal(0))
        claim = m.span("b") if m.group("b") else m.span("a")
        tol = _half(raw) + sum((r.half for r in changed), Decimal(0))
        grade, stated_grade = grade_for(total), grade_for(stated)
        shown = fmt(total.quantize(Decimal("0.01")))
        if not changed or abs(total - stated) <= tol:
            text = f"按财预〔2020〕10号重算：总分 {shown} 分"
            if stated_weight == 100:
                text += f"，等级 {grade}"
            yield relation("score", [claim, *(r.span for r in rows)], text)
            continue
        note_zh = note_en = ""
        if grade != stated_grade:
            note_zh = "，等级随之改变"
            note_en = ", which changes the grade"
        out_of = fmt(stated_weight)
        yield SCORE_RECOMPUTED.hit(
            [claim, *(r.span for r in changed)],
            {
                "rows": "；".join(f"“{r.name}”{r.how}（报告 {fmt(r.stated)} 分）" for r in changed),
                "rows_en": "; ".join(
                    f"'{r.name}' recomputed {_pts(r.expected)} (report: {fmt(r.stated)})"
                    for r in changed
                ),
                "recomputed": shown,
                "stated": fmt(stated),
                "grade": grade,
                "stated_grade": stated_grade,
                "grade_en": _GRADE_EN[grade],
                "stated_grade_en": _GRADE_EN[stated_grade],
                "note": note_zh,
                "note_en": note_en,
                "out_of": out_of,
                "changed": [
                    {"name": r.name, "stated": fmt(r.stated), "recomputed": fmt(r.expected)}
                    for r in changed
                ],
            },
            variant=None if stated_weight == 100 else "partial",
        )
