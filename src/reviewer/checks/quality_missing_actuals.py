"""Report quality, missing actual values (Q003): targets and scores without the values achieved,
results given as their targets or as standing duties, budget figures with no spending anywhere,
and evaluation tables or form rows that report no result."""

from __future__ import annotations

import re
from collections.abc import Iterator

from reviewer import regex as rx
from reviewer.checks.actual_readings import duties_as_actuals, targets_as_actuals
from reviewer.checks.goal_readings import (
    reaches_later_part,
)
from reviewer.checks.quality_common import (
    Sentence,
    clip,
    sentence_at,
    sentences,
)
from reviewer.checks.registry import Hit, check, rule
from reviewer.claims.sections import Section, sections
from reviewer.claims.vocabulary import COMPARATOR_ALT
from reviewer.document import Document
from reviewer.document.forms import fold
from reviewer.models import Severity
from reviewer.regex import lazy

MISSING_ACTUALS = rule(
    code="Q003",
    fix_zh="在每个目标旁写明实际完成值（如“目标≥95%，实际96%”），在预算数旁写明决算收入和支出。",
    name="missing-actuals",
    kind="missing_actuals",
    severity=Severity.WARNING,
    family="quality",
    title_zh="只有目标或预算，没有实际完成值",
    title_en="Targets or budgets without actual values",
    message_zh="{n} 组指标只列了目标值（{targets}）和得分，没有报告实际完成值，"
    "得分无法核对：{scores}",
    message_en="{n} indicator groups list only targets ({targets}) and a score, with no actual "
    "values, so the scores cannot be checked: {scores}",
    what="Finds indicator statements that carry a score (得分) and targets with comparators but "
    "no actual value, reports that give only budget figures (预算) with no 决算 or actual "
    "spending at all, and an execution-analysis section (资金执行情况) with no amount or rate, "
    "or a funds-analysis item stating the execution in words only (项目资金…按计划及时执行), "
    "in a report that states the spending nowhere (转移支付 names a fund type, not a payment). "
    "A paid or execution rate (支付率100%, "
    "全额拨付) counts as actual spending; a text that never reaches the results, score or "
    "problems part is not judged (it may be cut before its execution figures). A result "
    "stated as its target (in a completion part, an indicator line whose only figure is a "
    "bound: 满意度≥80%; a bound cell repeated as is in the next cell under an actual column) "
    "and a form's 实际完成情况 cell listing standing duties (负责…, two or more, no figure) "
    "are reported as results not given. An evaluation "
    "table (评价指标表, 自评表) whose header names target and weight columns (目标值, 分值) but "
    "no actual or score column, and whose rows state none, is reported once as listing no "
    "result; so are three or more form rows that fill comparator, target, unit and weight "
    "and leave every later cell blank, when no such row fills one.",
    why="A score can only be checked against the actual value achieved; an execution rate "
    "needs the amount executed.",
    example=(
        "一、预算情况\n"
        "2022年预算收入3167.20万元，其中：一般公共预算收入1794.96万元，"
        "政府性基金收入1372.24万元。\n"
        "二、存在的问题\n项目储备不足。\n"
    ),
    counterexample=(
        "一、预算情况\n2022年预算收入3167.20万元，资金支付率100%。\n"
        "二、存在的问题\n项目储备不足。\n"
    ),
    fix="Report the actual value next to each target ('目标≥95%，实际96%') and the 决算 "
    "income and spending next to the budget.",
    variants={
        "execution_unstated": (
            "“{title}”只写了“{quote}”，没有支出金额或执行率，全文也未给出实际支出，"
            "无法判断预算执行情况",
            "'{title}' only says '{quote}': no amount spent and no execution rate, and the "
            "report gives the actual spending nowhere else, so budget execution cannot be "
            "judged",
        ),
        "blank_results": (
            "{n} 项指标只填了指标值和权重（如“{example}”），其后的完成值和得分栏全部空白："
            "自评表没有给出任何结果，无法判断目标是否完成",
            "{n} indicators give only their target and weight (e.g. '{example}') with every "
            "cell after them blank: the form reports no result, so completion cannot be judged",
        ),
        "targets_only": (
            "“{title}”只列了{columns}，没有实际完成值和得分栏：自评表没有列出任何结果，"
            "无法判断目标是否完成",
            "'{title}' lists only {columns_en}, with no actual-value or score column: the "
            "self-evaluation table states no result, so no target can be judged met",
        ),
        "target_as_actual": (
            "“{quote}”在完成情况中只写了目标值（{value}），没有实际测得或完成的数值，"
            "无法判断是否达到目标",
            "'{quote}' gives its target ({value}) where the result belongs: no measured or "
            "achieved value, so whether the target was met cannot be judged",
        ),
        "duties_as_actual": (
            "自评表“实际完成情况”栏写的是单位的常设职责（“{quote}”），不是本年完成的内容和数值，"
            "目标是否完成无从判断",
            "The form's 实际完成情况 cell lists the unit's standing duties ('{quote}') instead of "
            "what was done in the year and its figures",
        ),
        "budget_only": (
            "报告只给出预算数（如“{quote}”），全文没有决算收入、决算支出或实际执行数，"
            "无法计算预算执行率，也无法判断资金使用情况",
            "Only budget figures are given (e.g. '{quote}'): no 决算 income or spending and no "
            "executed amount anywhere, so no execution rate can be computed",
        ),
    },
)

# Fewer characters than this, with no results/score/problems part, is a fragment.
_WHOLE_REPORT = 1500


_SCORE_STMT = lazy(
    r"(?:赋分|分值|权重|满分)\s*[为:：]?\s*\d+(?:\.\d+)?\s*分?[，,；;]?\s*(?:实际)?得分\s*[为:：]?\s*\d+(?:\.\d+)?\s*分?"
)
_TARGET_ANY = lazy(
    rf"(?:{COMPARATOR_ALT})" r"\s*\d+(?:\.\d+)?\s*(?:%|‰|[^\d\s，,；;。()（）]{0,2})"
)
_LIST_NUM = lazy(r"[(（]\d{1,2}[)）]|[①-⑳]|^\s*\d{1,2}[.、]")
_ACTUAL_NUM = lazy(
    r"\d+(?:\.\d+)?\s*(?:%|‰|万元|亿元|元|个|人次|人|次|户|份|座|亩|项|家|天|件|篇|场)"
)

# The budget side: a budget, or the funds' total (资金总计85.98万元).
_BUDGET_MONEY = lazy(
    r"(?:预算|资金总计|资金总额|资金合计)[^。；;\n]{0,12}?\d+(?:\.\d+)?\s*(?:万元|亿元|元)"
)
_ACTUAL_MONEY = lazy(
    r"(?:决算|实际|执行数|已支出|累计支出|本年支出|全年支出|本年收入|全年收入|支出决算|收入决算|"
    r"实际支出|完成支出|已拨付|拨付资金|(?<!转移)(?<!集中)支付|(?<!计划)(?<!预计)(?<!拟)(?<!应)(?:发放|兑付|兑现))"
    r"[^。；;\n]{0,15}?\d+(?:\.\d+)?\s*(?:万元|亿元|元)"
    r"|(?:执行|支付|拨付|支出|完成|使用)(?:率|进度)\s*[为达是:：]?\s*\d+(?:\.\d+)?\s*%"
    r"|(?:全额|全部|足额)(?:支付|拨付|支出|使用)|(?:支付|拨付|支出)(?:完毕|到位)"
)
# An execution-analysis heading: where the amount spent or the execution rate belongs.
_EXECUTION_TITLE = lazy(r"(?:资金|预算)(?:执行|使用|支出)(?:情况|进度)")
_EXECUTION_FIGURE = lazy(r"\d+(?:\.\d+)?\s*(?:万元|亿元|元|%)|全额|全部(?:支付|拨付|支出)")


_FUNDS_TITLE = lazy(r"资金|预算|收支|支出|经费")


def _ends_in_funds_part(doc: Document) -> bool:
    """Whether the text stops inside its funds part, before any results, score or problems:
    the execution figures would have followed (not when the text ends with the execution
    part itself, a whole sentence in it: what it says about the spending is all it says)."""
    secs = sections(doc)
    if not secs or not _FUNDS_TITLE.search(secs[-1].title) or reaches_later_part(doc):
        return False
    # the execution part itself, its text ending in a full stop: not cut before its figures
    last = secs[-1]
    body = doc.norm[last.body_start : last.end].strip()
    return not (_EXECUTION_TITLE.search(fold(last.title)) and body.endswith("。"))


# A funds-analysis part (资金投入情况分析, 资金使用情况) and, in it, a sentence saying how the
# money was executed (项目资金…及时执行, 资金已全部使用) with no figure: in a report that states
# the spending nowhere, the execution is asserted in words only.
_FUNDS_ANALYSIS_TITLE = lazy(r"资金(?:投入|执行|使用|支出)|预算执行")
# The verb closes its clause (…及时执行， 已全部使用。) or is followed by 完毕/到位: a statement
# of what was done, not a purpose (为确保资金使用精准) or a heading (资金使用情况分析).
_EXECUTION_WORDS = lazy(
    r"资金[^，,。；;：:\n]{0,16}?(?:执行|使用|支出)(?:完毕|到位)?(?:[，,。；;]|$)"
)


def _execution_said(doc: Document) -> tuple[Section, Sentence] | None:
    """The first sentence stating the funds' execution in words inside a funds-analysis
    section, when the smallest section holding it carries no amount or rate at all (the
    caller has found no spending figure anywhere in the report)."""
    secs = sections(doc)
    titles = {s.title_start for s in secs}
    for sec in secs:
        if not _FUNDS_ANALYSIS_TITLE.search(fold(sec.title)):
            continue
        for x in sentences(doc):
            if x.start < sec.body_start or x.end > sec.end or x.start in titles:
                continue
            if not _EXECUTION_WORDS.search(fold(x.text)):
                continue
            inner = min(
                (s for s in secs if s.start <= x.start and x.end <= s.end),
                key=lambda s: s.end - s.start,
            )
            if not _EXECUTION_FIGURE.search(fold(doc.norm[inner.body_start : inner.end])):
                return sec, x
    return None


# The budget side of the funds (预算批复情况, 资金安排, 下达情况): execution is reported after it.
_BUDGET_SIDE_TITLE = lazy(r"预算|批复|安排|下达|来源")


def _ends_in_budget_section(doc: Document) -> bool:
    """Whether the text stops inside a section about the budget granted (…预算批复情况), even
    after a results heading above it: the execution section would have followed."""
    secs = sections(doc)
    if not secs:
        return False
    title = fold(secs[-1].title)
    return bool(_BUDGET_SIDE_TITLE.search(title)) and not _EXECUTION_TITLE.search(title)


# A self-evaluation table's header with target and weight columns and no result column.
_TARGET_COLUMN = lazy(r"目标值|指标值|预期目标|年度目标")
_WEIGHT_COLUMN = lazy(r"分值|权重")
_RESULT_COLUMN = lazy(r"实际|完成值|完成情况|实现值|得分|评分|自评分|结果|偏差")
_EVALUATION_TITLE = lazy(r"(?:评价|自评)[\u4e00-\u9fff]{0,4}表")
_TABLE_REACH = 12  # lines the title may stand above the header, and rows below it


def _targets_only_tables(doc: Document) -> Iterator[Hit]:
    """An evaluation table whose header names targets and weights but no actual or score, and
    whose rows (the next lines) name no result either: one finding, on the header and the
    table's title."""
    lines = doc.lines
    for ln in lines if _TARGET_COLUMN.search(doc.norm) else ():  # (a header names targets)
        head = ln.text
        if len(head) > 80 or not _TARGET_COLUMN.search(head) or not _WEIGHT_COLUMN.search(head):
            continue
        if _RESULT_COLUMN.search(head):
            continue
        above = lines[max(0, ln.index - _TABLE_REACH) : ln.index]
        title = next((t for t in reversed(above) if _EVALUATION_TITLE.search(t.text)), None)
        if title is None and not _EVALUATION_TITLE.search(head):
            continue
        below = lines[ln.index + 1 : ln.index + 1 + _TABLE_REACH]
        rows = [b for b in below if rx.search(r"\d", b.text)]
        if len(rows) < 2 or any(_RESULT_COLUMN.search(b.text) for b in below):
            continue
        spans = [(ln.start, ln.end)]
        if title is not None:
            t = title.text.strip()
            at = title.start + title.text.index(t)
            spans.append((at, at + len(t)))
        yield MISSING_ACTUALS.hit(
            spans,
            {
                "title": (title.text.strip() if title is not None else head.strip())[:40],
                "columns": "目标值和分值",
                "columns_en": "targets and weights",
            },
            variant="targets_only",
        )
        return  # one table is enough to say the report lists no result


# A form row: comparator cell (= ≥ ≤, 定性), target value, unit, weight, then cells. When every
# such row leaves all its cells after the weight empty, the actual and score columns are blank.
_TARGET_ROW = lazy(
    r"\|\s*(?:=|＝|≥|≤|>|<|≧|≦|定性)\s*\|\s*[^|\n]+?\s*\|\s*[^|\n\d]{0,6}\s*\|"
    r"\s*\d+(?:\.\d+)?\s*\|(?P<rest>[^\n]*)$",
    re.MULTILINE,
)
_MIN_BLANK_ROWS = 3


def _blank_result_rows(doc: Document) -> Iterator[Hit]:
    """Indicator rows of a form that fill target, unit and weight and leave every later cell
    blank, when no row of that shape fills one: one finding on the first rows."""
    norm = doc.norm
    if "|" not in norm:
        return
    rows = list(_TARGET_ROW.finditer(norm))
    if len(rows) < _MIN_BLANK_ROWS:
        return
    if any(m.group("rest").strip(" \t|") for m in rows):
        return  # some row reports a result: the others are blank cells (Q017's)
    if not all(m.group("rest").count("|") >= 1 for m in rows):
        return  # no cells after the weight at all: the form may have no result columns here
    spans = [(doc.line_at(m.start()).start, m.end()) for m in rows[:3]]
    first = doc.line_at(rows[0].start())
    yield MISSING_ACTUALS.hit(
        spans,
        {"n": len(rows), "example": clip(first.text.strip(" |"), 40)},
        variant="blank_results",
    )


@check(MISSING_ACTUALS)
def missing_actuals(doc: Document) -> Iterator[Hit]:
    norm = doc.norm
    yield from _targets_only_tables(doc)
    yield from _blank_result_rows(doc)
    for r in targets_as_actuals(doc):
        yield MISSING_ACTUALS.hit(
            [(r.start, r.end)],
            {"quote": clip(norm[r.start : r.end], 40), "value": r.value},
            variant="target_as_actual",
        )
    for r in duties_as_actuals(doc):
        yield MISSING_ACTUALS.hit(
            [(r.start, r.end)], {"quote": clip(r.value, 40)}, variant="duties_as_actual"
        )
    # 1. scored indicator groups that list targets only
    groups: list[tuple[int, int]] = []
    targets: list[str] = []
    for line in doc.lines if "得分" in norm else ():  # every score statement says 得分
        text = line.text
        score = _SCORE_STMT.search(text)
        if not score:
            continue
        found = list(_TARGET_ANY.finditer(text))
        if not found:
            continue
        rest = _SCORE_STMT.sub(" ", text)
        rest = _TARGET_ANY.sub(" ", rest)
        rest = _LIST_NUM.sub(" ", rest)
        if _ACTUAL_NUM.search(rest) or rx.search(r"实际(?:完成)?值|完成值|实际为|实际完成\d", rest):
            continue
        groups.append((line.start + score.start(), line.start + score.end()))
        targets.extend(m.group().strip() for m in found[:2])
    if groups:
        yield MISSING_ACTUALS.hit(
            groups,
            {
                "n": len(groups),
                "targets": "、".join(dict.fromkeys(targets[:4])),
                "scores": "；".join(norm[a:b] for a, b in groups[:6]),
            },
        )
    # 2. a report with budget figures only; not judged when the text ends inside its funds
    # part before any results (a text cut before its execution figures)
    spent = (
        m for m in _ACTUAL_MONEY.finditer(fold(norm)) if not rx.match(r"完成(?:率|进度)", m.group())
    )  # a project's 完成率 measures the works, not the money
    if next(spent, None) is not None or _ends_in_funds_part(doc):
        return
    unstated = next(
        (
            sec
            for sec in sections(doc)
            if _EXECUTION_TITLE.search(fold(sec.title))  # traditional, glossed mirrors too
            and sec.body_start < sec.end
            and not _EXECUTION_FIGURE.search(fold(norm[sec.body_start : sec.end]))
        ),
        None,
    )
    if unstated is not None:
        first = next(
            (x for x in sentences(doc) if x.start >= unstated.body_start and x.end <= unstated.end),
            None,
        )
        if first is not None:
            yield MISSING_ACTUALS.hit(
                [(first.start, first.end), (unstated.title_start, unstated.title_end)],
                {"title": unstated.title, "quote": clip(first.text, 40)},
                variant="execution_unstated",
            )
            return
    said = _execution_said(doc)
    if said is not None:
        sec, sent = said
        yield MISSING_ACTUALS.hit(
            [(sent.start, sent.end), (sec.title_start, sec.title_end)],
            {"title": sec.title, "quote": clip(sent.text, 40)},
            variant="execution_unstated",
        )
        return
    budget = _BUDGET_MONEY.search(norm)
    # "nowhere in the report" needs a whole report: one that reaches its results, score or
    # problems part, or is long enough not to be a fragment
    whole = reaches_later_part(doc) or len(norm.strip()) >= _WHOLE_REPORT
    if budget and whole and not _ends_in_budget_section(doc):
        s = sentence_at(doc, budget.start())
        lo, hi = (s.start, s.end) if s else (budget.start(), budget.end())
        yield MISSING_ACTUALS.hit(
            [(lo, hi)],
            {"quote": clip(norm[lo:hi], 40)},
            variant="budget_only",
        )
