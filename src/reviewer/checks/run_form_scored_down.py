"""Scores below what a flattened form's own rows allow: S031 a budget executed in full scored
below its weight, S032 a row whose actual repeats its target scored below its weight, S033 a
self-score above 100 minus the deductions those rows show."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import NamedTuple

from reviewer import regex as rx
from reviewer.checks.registry import Hit, check, rule
from reviewer.checks.run_form_cells import (
    HUNDRED,
    FormNumber,
    FormToken,
    as_number,
    as_percent,
    form_tokens,
)
from reviewer.document import Document
from reviewer.models import Severity
from reviewer.numbers import fmt
from reviewer.regex import lazy

# --------------------------------------------------------------------------- scored down at 100%

FULL_EXECUTION_SCORED_DOWN = rule(
    code="S031",
    fix_zh="执行率100%时按任何计分办法都应得满分：更正得分，或更正填错的分值。",
    name="full-execution-scored-down",
    kind="score_formula",
    severity=Severity.WARNING,
    family="scores",
    title_zh="预算执行率100%却未得满分",
    title_en="A budget executed in full scored below its weight",
    message_zh="{label}执行率 {rate}，分值 {weight}，按任何计分办法都应得 {weight} 分，"
    "报告得 {score} 分（分值或得分有误，或扣分未说明理由）{more_zh}",
    message_en="{label_en}executes {rate} with a weight of {weight}: any scoring rule gives the "
    "full {weight}, yet it scores {score} (the weight or the score is wrong, or the deduction is "
    "not explained){more_en}",
    what="Reads the execution-rate score where a flattened form prints it as cells run together: "
    "a funds row `预算数 预算数 执行数 分值 执行率 得分` (space-separated, amounts with or "
    "without 万元) whose rate is the row's own 执行数 ÷ 预算数, or an indicator row 预算执行率 "
    "whose weight, target (a dash or a bound), actual and score ran together "
    "(`预算执行率10一100%9`); at an execution of 100 % the score must equal the weight.",
    why="At 100 % execution every scoring rule (proportional, thresholds, deductions per point "
    "below target) gives full marks; a lower score means the weight or the score was entered "
    "wrong, or a deduction the form does not explain.",
    example="项目支出绩效自评表 年初预算数 全年预算数 全年执行数 分值 执行率 得分 年度资金总额: "
    "620.82万元 620.82万元 620.82万元 100 100% 10 其中:当年财政拨款 上年结转资金 其他资金 "
    "预期目标 实际完成情况 一级指标 二级指标 三级指标 指标值",
    counterexample="项目支出绩效自评表 年初预算数 全年预算数 全年执行数 分值 执行率 得分 "
    "年度资金总额: 620.82万元 620.82万元 620.82万元 10 100% 10 其中:当年财政拨款 上年结转资金 "
    "其他资金 预期目标 实际完成情况 一级指标 二级指标 三级指标 指标值",
    fix="At 100 % execution score the full weight; or correct the weight entered wrong.",
)

_AMOUNT_TOK = lazy(r"^(?P<n>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:万元|元|亿元)?$")
_EXEC_ROW = lazy(
    r"预算执行率[^\d\n]{0,4}?(?P<digits>\d{1,4}(?:\.\d+)?)"
    r"(?P<t>[一\-—–/]|[≥>=]{1,2}\s*\d+(?:\.\d+)?%)\s*(?P<a>100(?:\.0+)?%)\s*"
    r"(?P<s>\d{1,3}(?:\.\d+)?)(?![\d.%])"
)


def _amount(t: FormToken) -> Decimal | None:
    m = _AMOUNT_TOK.match(t.text)
    return Decimal(m.group("n").replace(",", "")) if m else None


@check(FULL_EXECUTION_SCORED_DOWN)
def full_execution_scored_down(doc: Document) -> Iterator[Hit]:
    for toks in form_tokens(doc):
        rows: list[tuple[FormNumber, FormNumber]] = []
        for i in range(2, len(toks) - 2):
            r = as_percent(toks[i + 1])
            w, s = as_number(toks[i]), as_number(toks[i + 2])
            a, b = _amount(toks[i - 2]), _amount(toks[i - 1])
            if r is None or w is None or s is None or a is None or b is None or a <= 0:
                continue
            if r == HUNDRED and b == a and 0 < w.value <= HUNDRED and s.value < w.value:
                rows.append((w, s))
        if rows:
            yield _scored_down(rows, "资金行", "The funds row ")
    for row in _exec_rows(doc):
        weight = FormNumber(row.weight, 0, *row.w_span)
        score = FormNumber(row.score, 0, *row.s_span)
        yield _scored_down([(weight, score)], "“预算执行率”", "'预算执行率' ")


def _exec_rows(doc: Document) -> list[_Down]:
    """Glued 预算执行率 rows executed in full and scored below their weight."""
    out: list[_Down] = []
    for m in _EXEC_ROW.finditer(doc.norm):
        digits = m.group("digits")
        if not rx.fullmatch(r"(?:[1-9]\d?|100)(?:\.\d+)?", digits):
            continue
        w, sc = Decimal(digits), Decimal(m.group("s"))
        if sc < w:
            out.append(
                _Down(
                    m.start("digits"),
                    m.end("s"),
                    "预算执行率",
                    w,
                    sc,
                    (m.start("digits"), m.end("digits")),
                    (m.start("s"), m.end("s")),
                )
            )
    return out


def _scored_down(rows: list[tuple[FormNumber, FormNumber]], label: str, label_en: str) -> Hit:
    """One finding for a form's rows scored down at 100 % (a total row and its 其中 row alike)."""
    w, s = rows[0]
    spans = [(s.start, s.end), (w.start, w.end)] + [(x.start, x.end) for _, x in rows[1:]]
    more = len(rows) - 1
    return FULL_EXECUTION_SCORED_DOWN.hit(
        spans,
        {
            "label": label,
            "label_en": label_en,
            "rate": "100%",
            "weight": fmt(w.value),
            "score": fmt(s.value),
            "more_zh": f"；另有 {more} 行同样" if more else "",
            "more_en": f"; {more} more row(s) likewise" if more else "",
        },
    )


# --------------------------------------------------------------------------- met, scored down

MET_ROW_SCORED_DOWN = rule(
    code="S032",
    fix_zh="目标已完成的指标应得满分；确有扣分理由的，在偏差原因栏写明。",
    name="met-row-scored-down",
    kind="score_formula",
    severity=Severity.INFO,
    family="scores",
    title_zh="指标实际值与目标值相同却未得满分",
    title_en="Indicators whose actual equals the target, scored below their weight",
    message_zh="{n} 项指标的实际值与目标值一字不差（已完成），却未得满分：{rows}。若扣分另有理由，"
    "请在偏差原因栏写明",
    message_en="{n} indicator(s) state an actual identical to the target (met), yet score below "
    "their weight: {rows}. If the deduction has a reason, state it in the deviation column",
    what="Reads indicator rows whose cells ran together as `weight target actual score` where "
    "the target and the actual are the same text (`52021年12月完成2021年12月完成4`: the repetition "
    "fixes where the weight ends and the score begins; a text ending in a digit fixes nothing), "
    "or a row on its own line whose cells are separated by spaces as `target actual weight score` "
    "with the same text twice (`完成时间为12月底 完成时间为12月底 6 5`); "
    "a score below the weight on such a row is reported once per report, with every row.",
    why="A target met in full earns the full weight under every scoring rule; a deduction the "
    "form does not explain makes the total score unverifiable.",
    example="三级指标分值指标值全年实际值得分时效指标(5分)公用经费完成时间52021年12月完成"
    "2021年12月完成4指标2:成本指标(10分)",
    counterexample="三级指标分值指标值全年实际值得分时效指标(5分)公用经费完成时间52021年12月完成"
    "2021年12月完成5指标2:成本指标(10分)",
    fix="Score a met indicator in full, or state the reason for the deduction.",
)

# weight | target | the same text again (the actual) | score, after the row's name
_DUP_ROW = lazy(
    r"(?<=[\u4e00-\u9fff)）])(?P<w>\d{1,3}(?:\.\d+)?)(?P<t>[^\s|]{2,30}?)(?P=t)"
    r"(?P<s>\d{1,3}(?:\.\d+)?)(?![\d.%])"
)
# a form row on its own line, cells separated by spaces: target | the same text | weight | score
_SPACED_ROW = lazy(
    r"(?m)(?:^|(?<=\s))(?P<t>\S{2,30})[ \t\u3000]+(?P=t)[ \t\u3000]+"
    r"(?P<w>\d{1,3}(?:\.\d+)?)[ \t\u3000]+(?P<s>\d{1,3}(?:\.\d+)?)[ \t\u3000]*$"
)
_AMOUNT_ONLY = lazy(r"^[\d.,]+(?:万元|元|亿元)?$")


class _Down(NamedTuple):
    """A row read with certainty whose score is below its weight."""

    start: int
    end: int
    text: str
    weight: Decimal
    score: Decimal
    w_span: tuple[int, int] = (0, 0)
    s_span: tuple[int, int] = (0, 0)


def _met_rows(doc: Document) -> list[_Down]:
    def build(d: Document) -> list[_Down]:
        norm = d.norm
        out: list[_Down] = []
        if "得分" not in norm:
            return out
        for m in _DUP_ROW.finditer(norm):
            t = m.group("t")
            # the text must hold a word or a percent, and its ends must not be digits that could
            # belong to the weight or the score (`1000万元1000万元10` is no such row)
            if not rx.search(r"[\u4e00-\u9fff%]", t) or t[0] in ".%0" or t[-1].isdigit():
                continue
            w, sc = Decimal(m.group("w")), Decimal(m.group("s"))
            if not 0 < w <= HUNDRED or sc >= w or m.group("w").startswith("0"):
                continue
            out.append(_Down(m.start(), m.end(), t, w, sc))
        for m in _SPACED_ROW.finditer(norm):
            # the spaces fix the cells, so only the text must be a value read as met: a word or
            # a percent, not a bare amount (a funds row's equal budgets are no target and actual)
            t = m.group("t")
            if not rx.search(r"[\u4e00-\u9fff%]", t) or _AMOUNT_ONLY.match(t):
                continue
            w, sc = Decimal(m.group("w")), Decimal(m.group("s"))
            if not 0 < w <= HUNDRED or sc >= w or m.group("w").startswith("0"):
                continue
            out.append(_Down(m.start(), m.end(), t, w, sc))
        return out

    result: list[_Down] = doc.cached("run_form_met_rows", build)
    return result


@check(MET_ROW_SCORED_DOWN)
def met_row_scored_down(doc: Document) -> Iterator[Hit]:
    rows = _met_rows(doc)
    if rows:
        yield MET_ROW_SCORED_DOWN.hit(
            [(r.start, r.end) for r in rows],
            {
                "n": len(rows),
                "rows": "；".join(
                    f"{r.text} 分值 {fmt(r.weight)} 得 {fmt(r.score)}" for r in rows[:4]
                ),
            },
        )


# --------------------------------------------------------------------------- total above the rows

SCORE_ABOVE_DEDUCTIONS = rule(
    code="S033",
    fix_zh="按各行得分重算自评总分；各行扣分已使总分不可能达到所报分数。",
    name="score-above-row-deductions",
    kind="score_sum_mismatch",
    severity=Severity.WARNING,
    family="scores",
    title_zh="自评总分高于各行扣分后可能的最高分",
    title_en="The self-score is above what the rows' deductions leave",
    message_zh="表中可确认的扣分已有 {deducted} 分（{rows}），满分 100 分时总分最多 {most} 分，"
    "报告自评得分 {stated} 分",
    message_en="The deductions the form's rows show already come to {deducted} points ({rows}); "
    "out of 100 the total can be at most {most}, yet the report states a self-score of {stated}",
    what="Adds up the points deducted on the rows a flattened form lets be read with certainty "
    "(a budget executed in full scored below its weight, S031; a row whose actual repeats its "
    "target scored below its weight, S032) and compares 100 minus them with the one self-score "
    "the report states (自评得分, 自评总分).",
    why="Whatever the other rows scored, the total cannot exceed the full score minus the "
    "deductions already visible; a higher self-score is a wrong sum or a wrong row.",
    example="自评得分98 一级指标二级指标三级指标分值指标值全年实际值得分预算执行率10一100%9"
    "时效指标完成时间52021年12月完成2021年12月完成4社会效益改善办学条件15改善条件改善条件13",
    counterexample="自评得分96 一级指标二级指标三级指标分值指标值全年实际值得分预算执行率10一100%9"
    "时效指标完成时间52021年12月完成2021年12月完成4社会效益改善办学条件15改善条件改善条件13",
    fix="Recompute the self-score from the rows' scores.",
)

_SELF_SCORE = lazy(r"自评(?:总)?得分\s*[:：为]?\s*(?P<n>\d{2,3}(?:\.\d+)?)(?![\d.%])")


@check(SCORE_ABOVE_DEDUCTIONS)
def score_above_deductions(doc: Document) -> Iterator[Hit]:
    norm = doc.norm
    stated = list(_SELF_SCORE.finditer(norm))
    if len({m.group("n") for m in stated}) != 1:
        return
    rows = [*_exec_rows(doc), *_met_rows(doc)]
    if not rows:
        return
    deducted = sum((r.weight - r.score for r in rows), Decimal(0))
    value = Decimal(stated[0].group("n"))
    most = HUNDRED - deducted
    if value <= most:
        return
    yield SCORE_ABOVE_DEDUCTIONS.hit(
        [(stated[0].start("n"), stated[0].end("n")), *((r.start, r.end) for r in rows)],
        {
            "deducted": fmt(deducted),
            "rows": "、".join(f"{r.text} {fmt(r.weight)}→{fmt(r.score)}" for r in rows[:5]),
            "most": fmt(most),
            "stated": fmt(value),
        },
    )
