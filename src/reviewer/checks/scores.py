"""Score tables and grades: scores vs the stated total, weights vs 100, score vs weight, grade."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from reviewer import regex as rx
from reviewer.checks.registry import Hit, Relation, check, relation, rule
from reviewer.claims.scores import Figure, ScoreGroup, ScoreItem, leaves, score_groups
from reviewer.claims.sections import cn_number
from reviewer.claims.selfscore import GRADE_BANDS, SelfScore, grade_for, self_scores
from reviewer.document import Document
from reviewer.models import Severity
from reviewer.numbers import fmt

SCORE_SUM_MISMATCH = rule(
    code="S001",
    fix_zh="按各指标得分重算总分，或更正有误的指标得分，并列出全部评分指标。",
    name="score-sum-mismatch",
    kind="score_sum_mismatch",
    severity=Severity.ERROR,
    family="scores",
    title_zh="指标得分之和与总分不符",
    title_en="Indicator scores do not add up to the stated total",
    message_zh="各指标得分 {expr} = {sum}，报告称 {stated}（相差 {diff} 分）{note}",
    message_en="The indicator scores add up to {expr} = {sum}, the report states {stated} "
    "(off by {diff} points){note_en}",
    what="Collects the indicator scores of one scoring table (a table with 分值/得分 columns, or "
    "a run of '分值X分，得分Y分' statements in one section) and adds them up in Python; compares "
    "the sum with the table's 合计 row or the report's overall self-score (自评得分, 综合评分结果) "
    "stated in the same section.",
    why="The self-score is the headline of the report and decides its grade; when it is not the "
    "sum of the indicator scores behind it, either a score or the total is wrong and the grade "
    "cannot be trusted.",
    example=(
        "按照部门整体支出绩效评价指标体系，预算执行指标分值20分，得分19分；"
        "产出指标分值40分，得分36分；效益指标分值30分，得分28分；满意度指标分值10分，"
        "得分9分。综合自评得分94分，评价等级为“优”。"
    ),
    counterexample=(
        "按照部门整体支出绩效评价指标体系，预算执行指标分值20分，得分19分；"
        "产出指标分值40分，得分36分；效益指标分值30分，得分28分；满意度指标分值10分，"
        "得分9分。综合自评得分92分，评价等级为“优”。"
    ),
    fix="Recompute the total from the indicator scores, or correct the indicator score that is "
    "wrong; list every indicator that was scored.",
)

WEIGHT_SUM_NOT_100 = rule(
    code="S002",
    fix_zh="列出指标体系的全部指标及其分值，或更正有误的分值。",
    name="weight-sum-not-100",
    kind="weight_sum_not_100",
    severity=Severity.WARNING,
    family="scores",
    title_zh="指标分值合计不等于满分",
    title_en="Indicator weights do not add up to the full score",
    message_zh="各指标分值 {expr} = {sum}，不等于 {target}（相差 {diff} 分）{note}",
    message_en="The indicator weights add up to {expr} = {sum}, not {target} "
    "(off by {diff} points){note_en}",
    what="Adds up the weights (分值/赋分/权重/满分) of one scoring table and compares them with "
    "100, or with the weight of the table's 合计 row when it states one.",
    why="The weights of one evaluation framework add up to 100. A shortfall means indicators are "
    "missing from the report (their scores cannot be checked); an excess means an indicator is "
    "counted twice or a weight is wrong.",
    example=(
        "四、自评结果\n"
        "预算执行指标分值20分，得分19分；产出指标分值40分，得分36分；效益指标分值20分，"
        "得分18分；满意度指标分值10分，得分9分。综合自评得分82分。"
    ),
    counterexample=(
        "四、自评结果\n"
        "预算执行指标分值20分，得分19分；产出指标分值40分，得分36分；效益指标分值30分，"
        "得分28分；满意度指标分值10分，得分9分。综合自评得分92分。"
    ),
    fix="Report every indicator of the framework with its weight, or correct the weight that is "
    "wrong.",
)

SCORE_ABOVE_WEIGHT = rule(
    code="S003",
    fix_zh="得分不得超过分值：更正得分或分值。",
    name="score-above-weight",
    kind="score_above_weight",
    severity=Severity.ERROR,
    family="scores",
    title_zh="指标得分超过分值",
    title_en="Indicator score exceeds its weight",
    message_zh="{name}得分 {score} 分，超过其分值 {weight} 分",
    message_en="{name_en}scores {score} points, more than its weight of {weight}",
    what="Compares each indicator's score with the weight (分值/赋分/权重/满分) stated with it.",
    why="An indicator cannot earn more than its weight; a score above it inflates the total.",
    example="预算执行率：分值10分，得分12分",
    counterexample="预算执行率：分值10分，得分9分",
    fix="Cap the score at the weight, or correct the weight.",
)

GRADE_MISMATCH = rule(
    code="S004",
    fix_zh="按得分所在区间更正等级（优≥90、良80–89.99、中60–79.99、差<60），或更正得分。",
    name="grade-mismatch",
    kind="grade_mismatch",
    severity=Severity.ERROR,
    family="scores",
    title_zh="评价等级与得分不符",
    title_en="Stated grade does not match the score",
    message_zh="得分 {score} 分应评为“{expected}”（{band}），报告评为“{grade}”",
    message_en="A score of {score} is graded {expected_en} ({band_en}); the report says {grade_en}",
    what="Compares a grade stated next to the overall score (等级为优/良/中/差, 优秀/良好/合格/"
    "不合格) with the band the score falls in: 优 ≥ 90, 良 80–89.99, 中 60–79.99, 差 < 60.",
    why="The grade follows mechanically from the score; a mismatch means the score or the grade "
    "is wrong, and the grade is what readers remember.",
    example="自评得分86分，评价等级为优。",
    counterexample="自评得分86分，评价等级为良。",
    fix="Correct the grade to the score's band, or correct the score.",
)

_GRADE_EN = {"优": "excellent (优)", "良": "good (良)", "中": "fair (中)", "差": "poor (差)"}
_MAX_TERMS = 14


def _band(grade: str) -> tuple[str, str]:
    lows = dict(GRADE_BANDS)
    low = lows[grade]
    higher = [lo for g, lo in GRADE_BANDS if lo > low]
    if not higher:
        return f"≥{fmt(low)}分", f">= {fmt(low)}"
    high = min(higher)
    if low == 0:
        return f"<{fmt(high)}分", f"< {fmt(high)}"
    return f"{fmt(low)}–{fmt(high)}分（不含{fmt(high)}）", f"{fmt(low)} to under {fmt(high)}"


def _expr(figs: list[Figure]) -> str:
    raws = [fmt(f.value) for f in figs]
    if len(raws) > _MAX_TERMS:
        raws = [*raws[:3], "…", *raws[-2:]]
    return " + ".join(raws)


def _tolerance(items: list[Figure], total: Figure) -> Decimal:
    """How far a sum may stray from its stated total by rounding alone.

    The total may be rounded (half its last digit). Items written to two or more decimals may
    be rounded from finer values (24.375 -> 24.38); items written as whole numbers or to one
    decimal are taken as exact, as scores are given in whole or half points.
    """
    return total.half_unit + sum((f.half_unit for f in items if f.decimals >= 2), Decimal(0))


def _reading(group: ScoreGroup, target: Decimal) -> list[ScoreItem]:
    """The items to add up: all of them, or the leaves when parents repeat their parts."""
    flat = group.items
    if all(i.weight is not None for i in flat):
        if _wsum(flat) == target:
            return flat
        lv = leaves(flat)
        if len(lv) < len(flat) and _wsum(lv) == target:
            return lv
    else:
        lv = leaves(flat)
        if len(lv) < len(flat):
            return lv
    return flat


def _wsum(items: list[ScoreItem]) -> Decimal:
    return sum((i.weight.value for i in items if i.weight is not None), Decimal(0))


def _target(group: ScoreGroup) -> Decimal:
    if group.total is not None and group.total.weight is not None:
        return group.total.weight.value
    return Decimal(100)


def _stated_total(doc: Document, group: ScoreGroup) -> tuple[Figure, tuple[int, int]] | None:
    """The total the group's scores should add up to, and the span of that claim."""
    if group.total is not None and group.total.score is not None:
        s = group.total.score
        return s, (group.total.start, group.total.end)
    inside = [s for s in self_scores(doc) if group.section_start <= s.start < group.section_end]
    if not inside or len({s.value for s in inside}) != 1:
        return None  # no self-score in this section, or several different ones
    best = min(inside, key=lambda s: abs(s.start - group.start))
    return _selfscore_figure(doc, best), (best.start, best.end)


def _selfscore_figure(doc: Document, s: SelfScore) -> Figure:
    """The number inside a self-score claim, as written ("93.44" in "综合评分结果为93.44分")."""
    nums = list(rx.finditer(r"\d+(?:\.\d+)?", doc.norm[s.start : s.end]))
    if not nums:
        return Figure(s.value, fmt(s.value), s.start, s.end)
    m = nums[-1]
    return Figure(s.value, m.group(), s.start + m.start(), s.start + m.end())


@check(SCORE_SUM_MISMATCH)
def score_sums(doc: Document) -> Iterator[Hit | Relation]:
    for group in score_groups(doc):
        hit = _judge_sum(doc, group)
        if hit is not None:
            yield hit


def _announced_rows(doc: Document, group: ScoreGroup) -> int | None:
    """How many dimensions the text before the table says it scores ("从…六个维度进行了评价")."""
    head = doc.norm[max(group.section_start, group.start - 400) : group.start]
    pattern = r"([一二三四五六七八九十两]{1,2}|\d{1,2})个(?:维度|方面|一级指标)"
    found = [cn_number(m.group(1)) for m in rx.finditer(pattern, head)]
    return max((n for n in found if n), default=None)


def _cut(doc: Document, group: ScoreGroup, items: list[ScoreItem]) -> bool:
    """A table with fewer rows than the dimensions the report announces for it: a cut or
    partial table, whose sums say nothing about the total."""
    if group.source != "table" or group.total is not None:
        return False
    announced = _announced_rows(doc, group)
    return announced is not None and len(items) < announced


def _judge_sum(doc: Document, group: ScoreGroup) -> Hit | Relation | None:
    target = _target(group)
    items = _reading(group, target)
    if len(items) < 3 or any(i.score is None for i in items):
        return None
    if _cut(doc, group, items):
        return None
    stated = _stated_total(doc, group)
    if stated is None:
        return None
    total, claim_span = stated
    has_weights = all(i.weight is not None for i in items)
    wsum = _wsum(items) if has_weights else None
    if wsum is not None:
        # The items must be (nearly) the whole framework: a few indicators quoted as examples
        # are not the table behind the total.
        if wsum > target or wsum < target * Decimal("0.8"):
            return None
    elif group.total is None:
        return None  # no weights and no 合计 row: nothing shows the list is complete
    scores = [i.score for i in items if i.score is not None]
    ssum = sum((f.value for f in scores), Decimal(0))
    diff = abs(ssum - total.value)
    allowed = doc.tolerances.rounding_of(_tolerance(scores, total)) + doc.tolerances.extra("score")
    if diff <= allowed:
        spans = [(total.start, total.end), *((f.start, f.end) for f in scores)]
        return relation("score", spans, f"{_expr(scores)} = {fmt(ssum)}，报告称 {fmt(total.value)}")
    note_zh = note_en = ""
    if wsum is not None and wsum < target:
        note_zh = f"；所列指标分值合计 {fmt(wsum)} 分，不足 {fmt(target)} 分"
        note_en = f"; the listed weights add up to {fmt(wsum)}, short of {fmt(target)}"
    return SCORE_SUM_MISMATCH.hit(
        [claim_span, *((f.start, f.end) for f in scores)],
        {
            "expr": _expr(scores),
            "sum": fmt(ssum),
            "stated": fmt(total.value),
            "diff": fmt(diff),
            "terms": [fmt(f.value) for f in scores],
            "count": len(scores),
            "weight_sum": fmt(wsum) if wsum is not None else None,
            "note": note_zh,
            "note_en": note_en,
        },
    )


@check(WEIGHT_SUM_NOT_100)
def weight_sums(doc: Document) -> Iterator[Hit | Relation]:
    for group in score_groups(doc):
        target = _target(group)
        items = _reading(group, target)
        if len(items) < 3 or any(i.weight is None for i in items) or _cut(doc, group, items):
            continue
        # Only a table presented as the whole framework: it has a stated total or the report's
        # self-score stands in the same section.
        if group.total is None and _stated_total(doc, group) is None:
            continue
        weights = [i.weight for i in items if i.weight is not None]
        wsum = sum((w.value for w in weights), Decimal(0))
        if wsum == target:
            spans = [(w.start, w.end) for w in weights]
            yield relation("score", spans, f"分值 {_expr(weights)} = {fmt(wsum)}")
            continue
        if not (target * Decimal("0.8") <= wsum <= target * Decimal("1.2")):
            continue  # too far off to be one framework read right (a partial or nested list)
        spans = [(w.start, w.end) for w in weights]
        # The 合计 row states the wrong total; otherwise the statement closing the list.
        last = group.total if group.total is not None else items[-1]
        note_zh = "，可能漏列了指标" if wsum < target else "，可能有指标重复计分"
        note_en = (
            ", some indicators may be missing"
            if wsum < target
            else (", an indicator may be counted twice")
        )
        yield WEIGHT_SUM_NOT_100.hit(
            [(last.start, last.end), *spans],
            {
                "expr": _expr(weights),
                "sum": fmt(wsum),
                "target": fmt(target),
                "diff": fmt(abs(target - wsum)),
                "terms": [fmt(w.value) for w in weights],
                "count": len(weights),
                "note": note_zh,
                "note_en": note_en,
            },
        )


@check(SCORE_ABOVE_WEIGHT)
def scores_above_weight(doc: Document) -> Iterator[Hit]:
    for group in score_groups(doc):
        for item in [*group.items, *group.subtotals, *([group.total] if group.total else [])]:
            if item.weight is None or item.score is None:
                continue
            if item.score.value <= item.weight.value:
                continue
            name = f"“{item.name}”" if item.name else "该指标"
            yield SCORE_ABOVE_WEIGHT.hit(
                [(item.score.start, item.score.end), (item.weight.start, item.weight.end)],
                {
                    "name": name,
                    "name_en": f"{item.name} " if item.name else "The indicator ",
                    "score": fmt(item.score.value),
                    "weight": fmt(item.weight.value),
                    "excess": fmt(item.score.value - item.weight.value),
                },
            )


@check(GRADE_MISMATCH)
def grades(doc: Document) -> Iterator[Hit]:
    for s in self_scores(doc):
        if s.grade is None or s.grade_start is None or s.grade_end is None:
            continue
        expected = grade_for(s.value)
        if expected == s.grade:
            continue
        band_zh, band_en = _band(expected)
        yield GRADE_MISMATCH.hit(
            [(s.grade_start, s.grade_end), (s.start, s.end)],
            {
                "score": fmt(s.value),
                "grade": s.grade,
                "expected": expected,
                "grade_en": _GRADE_EN[s.grade],
                "expected_en": _GRADE_EN[expected],
                "band": band_zh,
                "band_en": band_en,
            },
        )
