"""The budget-execution score: 得分 = 预算执行率 × 分值 (capped at the weight), the common rule.

An execution rate the report states as achieved (预算执行率85%) is matched with the score item
of the same table row, or with the 分值/得分 statement that follows it in the same sentence
("预算执行率85%，分值10分，得分10分"). A score above rate × weight is flagged as a warning: it is
the default rule of most provinces' scoring notices, but some score in steps (执行率≥95%得满分),
so the message states the rule it applied. A score at or below it is never flagged (deductions
for other reasons are allowed), and a missed target scored in full is left to G005.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from reviewer.checks.rates import EXEC, rate_kind
from reviewer.checks.registry import Hit, Relation, check, relation, rule
from reviewer.checks.targets import misses
from reviewer.claims.indicators import EQ, TARGET, Indicator, indicators
from reviewer.claims.scores import ScoreItem, score_groups
from reviewer.document import Document
from reviewer.models import Severity
from reviewer.numbers import fmt
from reviewer.regex import lazy

EXECUTION_SCORE = rule(
    code="S005",
    fix_zh="按“得分 = 预算执行率 × 分值”重算该项得分；"
    "若本地采用阶梯计分等其他办法，请在报告中写明。",
    name="execution-score-above-rate",
    kind="score_formula",
    severity=Severity.WARNING,
    family="scores",
    title_zh="预算执行率得分高于按比例计算的分数",
    title_en="Budget execution scored above rate × weight",
    message_zh="“{name}”为 {rate}，分值 {weight} 分：按“得分 = 执行率 × 分值”应得 {expected} 分，"
    "报告得 {score} 分（若采用阶梯计分等其他办法，请在报告中写明）",
    message_en="'{name}' is {rate} with a weight of {weight}: rate × weight gives {expected}, "
    "the report scores {score} (if another scoring rule applies, state it in the report)",
    what="Matches a stated budget execution rate with its indicator's weight and score (same "
    "table row, or 分值/得分 in the same sentence) and compares the score with rate × weight.",
    why="Most scoring notices score budget execution in proportion (得分 = 执行率 × 分值, capped "
    "at the weight); a higher score inflates the self-evaluation.",
    example="预算执行率85%，分值10分，得分10分",
    counterexample="预算执行率85%，分值10分，得分8.5分",
    fix="Recompute the score as rate × weight, or state the scoring rule the report used.",
)

_GAP = 8  # characters at most between the rate and a 分值/得分 statement that follows it
_JOINS_SCORE = lazy(r"[，,：:\s]*(?:该指标|该项|此项|本项)?[，,：:\s]*")


def _is_execution(ind: Indicator) -> bool:
    return (
        ind.dimension == "percent"
        and ind.comparator == EQ
        and ind.role != TARGET
        and ind.base is not None
        and rate_kind(ind.name) == EXEC
    )


def _item_for(doc: Document, ind: Indicator, items: list[ScoreItem]) -> ScoreItem | None:
    for item in items:
        if item.start <= ind.value_start < item.end:
            return item  # the indicator's own table row or statement
    for item in items:
        if not 0 <= item.start - ind.value_end <= _GAP:
            continue
        between = doc.norm[ind.value_end : item.start]
        named_other = item.name is not None and item.name != ind.name
        if _JOINS_SCORE.fullmatch(between) and not named_other:
            return item  # "预算执行率85%，分值10分，得分10分" (not "…，预算执行指标分值20分")
    return None


@check(EXECUTION_SCORE)
def execution_score(doc: Document) -> Iterator[Hit | Relation]:
    items = [
        item
        for group in score_groups(doc)
        for item in group.items
        if item.weight is not None and item.score is not None and item.weight.value > 0
    ]
    if not items:
        return
    missed_at = [m.spans[0][0] for m in misses(doc)]
    for ind in indicators(doc):
        if not _is_execution(ind):
            continue
        item = _item_for(doc, ind, items)
        if item is None or item.weight is None or item.score is None:
            continue
        rate, weight, score = ind.base, item.weight.value, item.score.value
        if rate is None or ind.quantity is None:
            continue
        expected = min(weight, rate / 100 * weight)
        tol = item.score.half_unit + ind.quantity.half_unit / 100 * weight
        if score - expected <= tol:
            if abs(score - expected) <= tol:
                spans = [(item.score.start, item.score.end), (ind.quantity.start, ind.quantity.end)]
                text = f"{ind.shown()} × {fmt(weight)} = {fmt(expected.quantize(Decimal('0.01')))}"
                yield relation("score", [*spans, (item.weight.start, item.weight.end)], text)
            continue
        if score >= weight and any(ind.start <= at < ind.end for at in missed_at):
            continue  # a missed target scored in full: G005 says so
        yield EXECUTION_SCORE.hit(
            [
                (item.score.start, item.score.end),
                *ind.spans(),
                (item.weight.start, item.weight.end),
            ],
            {
                "name": doc.norm[ind.name_start : ind.name_end].strip(),
                "rate": ind.shown(),
                "weight": fmt(weight),
                "score": fmt(score),
                "expected": fmt(expected.quantize(Decimal("0.01"))),
            },
        )
