"""The indicator block of a self-evaluation form checked row by row (read by
`reviewer.claims.indicator_forms`): a score above the proportional value of what was achieved
(S006), rows whose weight and score run together so their score cannot be checked (S007), and
qualitative target cells that only name a direction (效果明显, 不断提升: Q001, one finding per
form).

Targets vs actuals of the same rows go through the common indicator records (G001, G002, G004,
G005), so they are not repeated here.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from reviewer.checks.quality_goals import VAGUE_TARGET
from reviewer.checks.registry import Hit, check, rule
from reviewer.claims.indicator_forms import (
    FormRow,
    FormValue,
    indicator_blocks,
    proportional_score,
)
from reviewer.claims.indicators import EQ, LE, LOWER_BETTER, LT, SYMBOL
from reviewer.document import Document
from reviewer.models import Severity
from reviewer.numbers import fmt
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
    fix_zh="在绩效自评表中把分值和得分分列填写（如“11 | 11”），以便核对各项得分。",
    name="indicator-score-unreadable",
    kind="table_unreadable",
    severity=Severity.INFO,
    family="scores",
    title_zh="自评表分值与得分连写，无法核对",
    title_en="Weight and score run together in the form",
    message_zh="自评表有 {count} 行的分值和得分连写在一起（{rows}），无法确定各自的数值，"
    "这些行的得分未核对",
    message_en="{count} row(s) of the form have the weight and the score run together ({rows}); "
    "they cannot be told apart, so those scores were not checked",
    what="Reports indicator rows of a form whose weight and score reach the reader as one run of "
    "digits (`合格率100%80%1111`): 11 and 11, or 1 and 111, cannot be told apart.",
    why="The tool never guesses a number; the reader should know these scores were not checked "
    "(a missed target scored in full would go unnoticed).",
    example="绩效指标一级指标二级指标三级指标年度指标值实际完成值分值得分偏差原因分析及改进措施\n"
    "产出指标数量指标项目一次验收合格率100%80%1111管理不够到位\n",
    fix="Publish the form with the weight and the score in separate cells.",
    counterexample="绩效指标 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分\n"
    "产出指标 数量指标 项目一次验收合格率 100% 80% 11 9\n",
)


def _shown(v: FormValue) -> str:
    q = v.quantity
    sym = "" if v.comparator == EQ else SYMBOL[v.comparator]
    return f"{sym}{fmt(q.value)}{q.unit}"


def _half_unit(v: FormValue) -> Decimal:
    return Decimal(5) / (Decimal(10) ** (v.quantity.decimals + 1))


def _lower_is_better(row: FormRow) -> bool:
    assert row.target is not None
    return row.target.comparator in (LE, LT) or bool(LOWER_BETTER.search(row.name))


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


@check(HIDDEN_SCORE)
def hidden_score(doc: Document) -> Iterator[Hit]:
    for block in indicator_blocks(doc):
        hidden = [r for r in block.rows if r.hidden]
        if not hidden:
            continue
        shown = "；".join(f"“{doc.norm[r.start : r.hidden_end]}”" for r in hidden[:5])
        if len(hidden) > 5:
            shown += " …"
        yield HIDDEN_SCORE.hit(
            [(r.start, r.hidden_end) for r in hidden],
            {"count": len(hidden), "rows": shown},
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
        yield VAGUE_TARGET.hit(
            [(r.name_start, r.target_text.end) for r in vague if r.target_text is not None],
            {"quote": quote + (" …" if len(vague) > 3 else ""), "word": first.text},
        )
