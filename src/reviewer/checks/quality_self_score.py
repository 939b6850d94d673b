"""Report quality, the self-score against what backs it: an overall self-score with no
indicator-level scores behind it (Q004), and full marks next to the report's own problems or a
shortfall in its own funds figures (Q005)."""

from __future__ import annotations

from collections.abc import Iterator

from reviewer import regex as rx
from reviewer.checks.quality_common import (
    clip,
    first_sentence_within,
)
from reviewer.checks.registry import Hit, check, rule
from reviewer.claims.sections import sections
from reviewer.claims.selfscore import self_scores
from reviewer.document import Document
from reviewer.models import Severity
from reviewer.regex import lazy

UNSUPPORTED_SCORE = rule(
    code="Q004",
    fix_zh="附上评分表（指标、分值、目标值、实际值、得分），或至少列出各一级指标的得分。",
    name="unsupported-score",
    kind="unsupported_score",
    severity=Severity.WARNING,
    family="quality",
    title_zh="自评得分缺少指标层面的评分依据",
    title_en="Self-score without indicator-level scores",
    message_zh="报告称“{quote}”，但正文没有列出各项指标的分值和得分，总分无从核对{note_zh}",
    message_en="The report states '{quote}' but lists no indicator weights or scores, so the "
    "total cannot be checked{note_en}",
    what="Finds an overall self-score (自评得分, 综合得分…) in a report that gives no "
    "indicator-level scores (no other 得分 or 分值 figures). When the text holds a score "
    "table's header naming both 分值 and 得分 whose rows could not be read, it says so "
    "instead (info): the table is there, its cells are not in a readable order.",
    why="A self-score is the sum of indicator scores; reported alone it cannot be verified and "
    "is a common sign of an inflated self-evaluation.",
    example=("四、自评结论\n本部门2022年度部门整体支出绩效自评综合得分98分，评价等级为“优”。\n"),
    counterexample=(
        "四、自评结论\n"
        "预算执行指标分值20分，得分19分；产出指标分值40分，得分40分；效益指标分值30分，"
        "得分30分；满意度指标分值10分，得分9分。"
        "本部门2022年度部门整体支出绩效自评综合得分98分，评价等级为“优”。\n"
    ),
    fix="Give the score table (indicator, weight, target, actual, score) or its totals per "
    "first-level indicator.",
    variants={
        "unread": (
            "报告称“{quote}”，文中有列出分值和得分的评分表（“{header}”），但其单元格无法按行读出"
            "（数字连写或顺序错乱），各项得分未能核对，总分无从验证",
            "The report states '{quote}'; its score table names weight and score columns "
            "('{header}') but its cells cannot be read row by row (run together or out of "
            "order), so the indicator scores and the total were not checked",
        ),
    },
)

SCORE_VS_PROBLEMS = rule(
    code="Q005",
    fix_zh="对存在问题的指标扣分，或说明这些问题为何不影响任何指标得分。",
    name="score-vs-problems",
    kind="score_vs_problems",
    severity=Severity.WARNING,
    family="quality",
    title_zh="满分自评与报告所列问题矛盾",
    title_en="Full marks while the report lists problems",
    message_zh="自评{value}分（满分），但报告在“{title}”中列出了问题：“{problem}”。存在问题的指标"
    "通常应扣分",
    message_en="Self-score {value} (full marks), yet '{title}' lists problems: '{problem}'. "
    "Indicators with problems are normally marked down",
    what="Finds a self-score of 100 in a report whose problems section (存在问题…), or problems "
    "named inline after a label (发现的主要问题及原因：一是…), has content, "
    "or whose own figures give, in one sentence, a budget and a smaller amount paid or spent "
    "(指标金额110万元, 实际拨付108万元).",
    why="Full marks mean every indicator was fully met; a report that names its own problems "
    "contradicts that, a sign of an inflated self-score.",
    example=(
        "四、评价结论及建议\n"
        "（一）评价结论。\n"
        "本单位认真开展了部门整体支出绩效评价工作，绩效评价得分：100分。\n"
        "（二）存在问题。\n"
        "预决算项目支出编制需进一步明确、精细化。同时项目执行率需进一步提高。\n"
    ),
    counterexample=(
        "四、评价结论及建议\n"
        "（一）评价结论。\n"
        "本单位认真开展了部门整体支出绩效评价工作，绩效评价得分：96分。\n"
        "（二）存在问题。\n"
        "预决算项目支出编制需进一步明确、精细化。同时项目执行率需进一步提高。\n"
    ),
    fix="Score the indicators affected by the problems below their weight, or explain why "
    "the problems did not affect any indicator.",
    variants={
        "shortfall": (
            "自评{value}分（满分），但报告自己的数字显示资金未全部拨付或支出（“{quote}”，"
            "执行率约{rate}），预算执行指标通常应扣分",
            "Self-score {value} (full marks), yet the report's own figures show the funds not "
            "fully paid or spent ('{quote}', about {rate}); the budget-execution indicator is "
            "normally marked down",
        ),
    },
)


_INDICATOR_SCORE = lazy(
    r"(?:得分|分值|赋分|权重|扣分|计分)\s*[为是:：]?\s*\d+(?:\.\d+)?\s*分?"
    r"|\d+(?:\.\d+)?\s*分[，,；;]\s*(?:得|实得|扣)\s*\d"
)
# An indicator score table's header: 分值, a target or actual column, then 得分 (or the target
# and actual columns before 分值 得分), as column names
# within one short stretch of a line (a funds block's 分值 执行率 得分 is not one).
_SCORE_HEADER = lazy(
    r"分值[^。，,；;：:\n\d]{0,12}?(?:指标值|目标值|完成值|实际值|实际完成)[^。，,；;：:\n\d]{0,12}?得分"
    # or the target and actual columns first (年度指标值 实际完成值 分值 得分)
    r"|(?:指标值|目标值|完成值|实际值|实际完成)[^。，,；;：:\n\d]{0,12}?分值[^。，,；;：:\n\d]{0,4}?得分"
)
_ANNEX_TABLE = lazy(r"(?:附件|附表|见表|详见)[^。]{0,60}(?:自评表|评分表|评价表|打分表|评分)")


def _indicator_scores(doc: Document) -> int:
    """How many indicator-level scores the report states (prose or score tables)."""
    from reviewer.claims.scores import score_groups

    tabled = sum(len(g.items) for g in score_groups(doc) if g.source == "table")
    if tabled:
        return tabled
    spans = [(s.start, s.end) for s in self_scores(doc)]
    n = 0
    for m in _INDICATOR_SCORE.finditer(doc.norm):
        if any(a <= m.start() < b or a < m.end() <= b for a, b in spans):
            continue
        n += 1
    return n


@check(UNSUPPORTED_SCORE)
def unsupported_score(doc: Document) -> Iterator[Hit]:
    scores = self_scores(doc)
    if not scores or _indicator_scores(doc) >= 2:
        return
    annex = bool(_ANNEX_TABLE.search(doc.norm))
    s = scores[0]
    header = _SCORE_HEADER.search(doc.norm)
    if header is not None:
        # a score table is there, its rows unreadable: not "no scores listed"
        yield UNSUPPORTED_SCORE.hit(
            [(s.start, s.end), (header.start(), header.end())],
            {"quote": doc.norm[s.start : s.end], "header": header.group()},
            severity=Severity.INFO,
            variant="unread",
        )
        return
    yield UNSUPPORTED_SCORE.hit(
        [(s.start, s.end)],
        {
            "quote": doc.norm[s.start : s.end],
            "note_zh": "（报告提到附件评分表，若已另附请一并核对）" if annex else "",
            "note_en": " (a score table is mentioned as an annex; check it if attached)"
            if annex
            else "",
        },
        severity=Severity.INFO if annex else None,
    )


_PROBLEM_TITLE = lazy(r"问题|不足")
_NOTHING = lazy(r"^[\s:：。.]*(?:无|暂无|没有|无。)?[\s。.]*$")
# Problems named inline after a label, in a summary paragraph: 发现的主要问题及原因：一是…；二是….
_INLINE_PROBLEMS = lazy(
    r"(?:发现的|存在的)?(?:主要)?(?:问题|不足)(?:及原因|和原因|与原因)?[ \t]*[:：][ \t]*"
    r"(?P<body>[^。\n|]{4,120})"
)
# What makes it no problem: none found, or a form's prompt (结合自评情况，分析存在的问题…).
_NO_PROBLEM = lazy(r"^(?:无|暂无|没有|未发现|不存在)|结合|分析存在|填写|说明")


# A budget and a smaller amount paid or spent in one sentence:
# 指标金额是110万元,实际拨付金额是108万元.
_BUDGET_THEN_PAID = lazy(
    r"(?:预算|指标金额|下达|安排|批复)[^。；;\n\d]{0,12}?(?P<y>\d+(?:\.\d+)?)\s*万元"
    r"[^。；;\n\d]{0,20}?(?:实际|已)(?:拨付|支出|使用|执行|支付)[^。；;\n\d]{0,10}?"
    r"(?P<x>\d+(?:\.\d+)?)\s*万元"
)


@check(SCORE_VS_PROBLEMS)
def score_vs_problems(doc: Document) -> Iterator[Hit]:
    full = [s for s in self_scores(doc) if s.value >= 100]
    if not full:
        return
    short = next(
        (m for m in _BUDGET_THEN_PAID.finditer(doc.norm) if float(m["x"]) < float(m["y"])), None
    )
    if short is not None:
        s = full[0]
        paid, budget = float(short["x"]), float(short["y"])
        yield SCORE_VS_PROBLEMS.hit(
            [(s.start, s.end), (short.start(), short.end())],
            {
                "value": f"{s.value.normalize():f}",
                "quote": clip(short.group(), 40),
                "rate": f"{paid / budget * 100:.1f}%",
            },
            variant="shortfall",
        )
        return
    for sec in sections(doc):
        if not _PROBLEM_TITLE.search(sec.title) or rx.search(r"整改|解决|措施$", sec.title):
            continue
        body = doc.norm[sec.body_start : sec.end]
        if _NOTHING.match(body) or rx.match(r"\s*(?:无|没有|未发现)[^。]{0,10}问题", body):
            continue
        first = first_sentence_within(doc, sec.body_start, sec.end)
        if first is None:
            continue
        s = full[0]
        yield SCORE_VS_PROBLEMS.hit(
            [(s.start, s.end), (first.start, first.end)],
            {
                "value": f"{s.value.normalize():f}",
                "title": sec.title,
                "problem": clip(first.text, 40),
            },
        )
        return
    for m in _INLINE_PROBLEMS.finditer(doc.norm):
        body = m.group("body").strip()
        if _NO_PROBLEM.search(body):
            continue
        s = full[0]
        label = doc.norm[m.start() : m.start("body")].strip(" \t:：")
        yield SCORE_VS_PROBLEMS.hit(
            [(s.start, s.end), (m.start("body"), m.end("body"))],
            {"value": f"{s.value.normalize():f}", "title": label, "problem": clip(body, 40)},
        )
        return
