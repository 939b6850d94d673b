"""Section weights listed in a sentence against the total the report states for them (S050).

`claims.prose_weights` reads a sentence that lists weights ("产出指标50分、效益指标30分、满意度
指标10分，合计90分"). The sum of the parts is compared with the total the sentence states; when
it states none, with a full score of 100 stated next to it (满分100分, 总分100分, 百分制) — only
when the parts are a whole framework (预算执行 + 产出 + 效益 + 满意度, or a department's 决策/投入
+ 过程 + 产出 + 效益/效果): a partial list says nothing about 100; and only when the sentence
names them weights before the list (分值, 权重, 设置 …): figures after a bare 满分100分 may be
the scores. The split a cited rule requires
is S009's (checks/weights.py), which reads these sentences too; a total of 100 over weights
written as headers (产出指标(50分)) is S010's.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from reviewer.checks.registry import Hit, check, rule
from reviewer.checks.weights import header_weight_starts
from reviewer.claims.prose_weights import (
    BUDGET,
    DECIDE,
    EFF,
    EFFECT,
    INPUT,
    OUT,
    PROCESS,
    SAT,
    ProseWeights,
    prose_weights,
)
from reviewer.document import Document
from reviewer.models import Severity
from reviewer.numbers import fmt
from reviewer.regex import lazy

PROSE_WEIGHTS_VS_TOTAL = rule(
    code="S050",
    fix_zh="核对文中所列各一级指标分值，使其之和等于所述合计（满分）分值，或更正合计。",
    name="prose-weights-vs-total",
    kind="weight_sum_not_100",
    severity=Severity.WARNING,
    family="scores",
    title_zh="文中所列指标分值之和与所述合计不符",
    title_en="Weights listed in a sentence do not add up to the total it states",
    message_zh="文中所列各项分数 {expr} = {sum} 分，而{where_zh} {stated} 分",
    message_en="The points listed add up to {expr} = {sum}, while {where_en} {stated}",
    what="Reads a sentence listing section weights in points (产出指标50分、效益指标30分、满意度"
    "指标10分，合计90分; 分值：产出指标(50分)，效益指标(30分)…) and compares their sum with the "
    "total the sentence states (合计/共计/总分/满分 N分, or 总分N分，其中…). With no total in the "
    "sentence, a whole framework's weights (预算执行 + 产出 + 效益 + 满意度, or 决策/投入 + 过程 + "
    "产出 + 效益), named as weights before the list (分值, 权重, 设置), are compared with a full "
    "score of 100 stated next to them (满分100分, 百分制). "
    "Not read: sentences about scores (得分, 扣分), a list closed by 等, a part named twice, "
    "or second-level weights mixed with first-level ones.",
    why="The weights the report describes are the frame its score is read in; when the parts do "
    "not make up the stated total, a weight or the total is wrong, or a part is missing.",
    example="本项目绩效指标分值为：产出指标50分、效益指标30分、满意度指标10分，合计80分。",
    counterexample="本项目绩效指标分值为：产出指标50分、效益指标30分、满意度指标10分，合计90分。"
    "自评得分合计：产出指标48分、效益指标28分、满意度指标9分，合计84分。",
    fix="Make the listed weights add up to the stated total, or correct the total.",
)

# A full score of 100 stated near the list: 满分100分, 总分为100分, 百分制.
_FULL_100 = lazy(r"(?:满分|总分|总分值)[^\S\n]*(?:为|是)?[^\S\n]*100[^\S\n]*分|百分制")
_NEAR = 200
_WHOLE = (
    {BUDGET, OUT, EFF, SAT},
    {DECIDE, PROCESS, OUT, EFF},
    {INPUT, PROCESS, OUT, EFF},
    {DECIDE, PROCESS, OUT, EFFECT},
    {INPUT, PROCESS, OUT, EFFECT},
)


def _full_100_near(doc: Document, pw: ProseWeights) -> tuple[int, int] | None:
    """A 满分100分 in the sentence's paragraph, before it (within reach) or in the sentence."""
    line = doc.line_at(pw.start)
    lo = max(line.start, pw.start - _NEAR)
    hi = min(line.end, pw.end)
    found = list(_FULL_100.finditer(doc.norm, lo, hi))
    if not found:
        return None
    return found[-1].start(), found[-1].end()


def _headers(doc: Document, pw: ProseWeights) -> bool:
    """The parts are a whole form's section weights written as headers (预算执行(10分),
    产出指标(50分) …), which S010 adds up against 100."""
    if not {BUDGET, OUT, EFF, SAT} <= pw.keys():
        return False
    starts = header_weight_starts(doc)
    return all(p.start in starts for p in pw.parts)


@check(PROSE_WEIGHTS_VS_TOTAL)
def prose_weights_vs_total(doc: Document) -> Iterator[Hit]:
    for pw in prose_weights(doc):
        total = sum((p.value for p in pw.parts), Decimal(0))
        expr = " + ".join(fmt(p.value) for p in pw.parts)
        spans = [(p.start, p.end) for p in pw.parts]
        if pw.total is not None:
            if total == pw.total.value or (pw.total.value == 100 and _headers(doc, pw)):
                continue  # (a total of 100 over header weights is S010's)
            yield PROSE_WEIGHTS_VS_TOTAL.hit(
                [(pw.total.start, pw.total.end), *spans],
                {
                    "expr": expr,
                    "sum": fmt(total),
                    "stated": fmt(pw.total.value),
                    "where_zh": "同句称合计",
                    "where_en": "the sentence states a total of",
                },
            )
            continue
        if total == 100 or not pw.named or not any(w <= pw.keys() for w in _WHOLE):
            continue  # (unnamed figures after a 满分100分 may be the scores)
        full = _full_100_near(doc, pw)
        if full is None:
            continue
        yield PROSE_WEIGHTS_VS_TOTAL.hit(
            [*spans, full],
            {
                "expr": expr,
                "sum": fmt(total),
                "stated": "100",
                "where_zh": "报告称满分为",
                "where_en": "the report states a full score of",
            },
        )
