"""Targets vs actuals: missed, impossible and weak targets, actual rates above 100%, and a high
score despite misses."""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from reviewer import regex as rx
from reviewer.checks.rates import EXEC, rate_kind
from reviewer.checks.registry import Hit, Relation, check, relation, rule
from reviewer.checks.target_verdict import met, short_bound
from reviewer.claims.indicators import (
    ACTUAL,
    EQ,
    GE,
    GT,
    LE,
    LT,
    TARGET,
    Indicator,
    indicators,
    pairs,
    rank_admissions,
)
from reviewer.claims.rate_classes import HIGHER_BETTER, LOWER_OK, is_share
from reviewer.claims.selfscore import self_scores
from reviewer.document import Document
from reviewer.models import Severity
from reviewer.numbers import fmt
from reviewer.regex import lazy

TARGET_NOT_MET = rule(
    code="G001",
    fix_zh="说明未完成的原因和改进措施，并据实扣分；若是笔误，更正数值。",
    name="target-not-met",
    kind="target_not_met",
    severity=Severity.WARNING,
    family="targets",
    title_zh="绩效目标未完成",
    title_en="Target not met",
    message_zh="“{name}”目标 {target}，实际 {actual}，未达到目标{note_zh}",
    message_en="'{name}': target {target}, actual {actual}: the target was not met{note_en}",
    what="Pairs each indicator's target (绩效目标, 年度指标值, a comparator such as ≥/不低于/超过) "
    "with its actual (完成情况, 实际完成值) by name and unit, and compares them in Python. "
    "A ranking target (排名前N) also counts as missed when the results admit it (排名未能靠前).",
    why="A missed target must be explained (偏差原因) and marked down in the self-score; "
    "reports often list the miss without saying so.",
    example="2.公共图书馆年接待读者人次：年度目标值≥8万人次，实际完成6.5万人次。",
    counterexample="2.公共图书馆年接待读者人次：年度目标值≥8万人次，实际完成8.5万人次。",
    fix="Explain why the target was missed and what will be done, and score the indicator "
    "accordingly; or correct the figure if it was mistyped.",
    variants={
        "rank": (
            "“{name}”目标 {target}，但报告称“{admission}”，目标未实现",
            "'{name}': target {target}, but the report says '{admission}': the target was not met",
        ),
        "admitted": (
            "{name}：报告称“{admission}”，该项绩效目标未实现",
            "{name}: the report says '{admission}': the target was not met",
        ),
        "bound": (
            "“{name}”目标 {target}，实际只报告为 {actual}，这一界限未达到目标值，"
            "不能表明目标已完成",
            "'{name}': target {target}, but the actual is only given as {actual}, a bound short "
            "of the target: the report does not show the target was met",
        ),
    },
)

IMPOSSIBLE_TARGET = rule(
    code="G002",
    fix_zh="把目标改为可实现的值（如“=100%”或“≥95%”）。",
    name="impossible-target",
    kind="impossible_target",
    severity=Severity.ERROR,
    family="targets",
    title_zh="目标值不可能实现",
    title_en="Target cannot be reached",
    message_zh="“{name}”是不超过100%的比率，目标却为 {target}，无法实现",
    message_en="'{name}' is a rate that cannot exceed 100%, yet the target is {target}",
    what="Flags a target on a bounded rate (及时率, 合格率, 覆盖率, 达标率, 参保率, 满意度 …) "
    "that asks for more than 100% (>100%, ≥105%).",
    why="A share of cases cannot exceed the whole; such a target is a drafting error and "
    "cannot be scored.",
    example="各项工作完成及时率>100%",
    counterexample="各项工作完成及时率≥95%",
    fix="Set the target to a reachable value (=100% or ≥95%).",
)

WEAK_TARGET = rule(
    code="G003",
    fix_zh="改用下限（如“≥90%”）或区间，体现工作要求。",
    name="weak-target",
    kind="weak_target",
    severity=Severity.WARNING,
    family="targets",
    title_zh="目标方向设置不当",
    title_en="Target bound points the wrong way",
    message_zh="“{name}”越高越好，目标却设为上限 {target}（不做任何工作也能达标）",
    message_en="'{name}' is better when higher, yet the target is an upper bound {target} "
    "(met even by doing nothing)",
    what="Flags an upper bound (≤, <, 不超过, 以内) on a rate that should be high "
    "(执行率, 完成率, 及时率, 覆盖率, 合格率 …). Control ratios (在职人员控制率, 三公经费控制率) "
    "are upper bounds by design and are left alone.",
    why="An upper bound on a performance rate is met by spending or doing nothing, so the "
    "target says nothing about performance.",
    example="项目支出预算执行率≤100%",
    counterexample="项目支出预算执行率≥95%",
    fix="Use a lower bound (≥90%) or a range.",
)

SCORE_VS_UNMET = rule(
    code="G004",
    fix_zh="逐项对照目标值计分并重算总分，或说明未完成的目标为何不扣分。",
    name="score-vs-unmet-targets",
    kind="score_vs_unmet_targets",
    severity=Severity.WARNING,
    family="targets",
    title_zh="自评高分与未完成目标不符",
    title_en="High self-score despite missed targets",
    message_zh="自评 {score} 分{grade_zh}，但有 {count} 项目标未完成：{missed}",
    message_en="Self-score {score}{grade_en}, yet {count} target(s) were missed: {missed_en}",
    what="Compares the overall self-score (≥90, or graded 优) with the targets the report itself "
    "shows as missed (see G001).",
    why="Missed targets should cost points; a score of 优 alongside missed targets suggests the "
    "score was not derived from the indicators.",
    example=(
        "1.送戏下乡场次：年度目标值≥120场，实际完成120场。\n"
        "2.公共图书馆年接待读者人次：年度目标值≥8万人次，实际完成6.5万人次。\n"
        "本部门2024年度整体支出绩效自评得分100分，评价等级为“优”。"
    ),
    counterexample=(
        "1.送戏下乡场次：年度目标值≥120场，实际完成120场。\n"
        "2.公共图书馆年接待读者人次：年度目标值≥8万人次，实际完成8.5万人次。\n"
        "本部门2024年度整体支出绩效自评得分100分，评价等级为“优”。"
    ),
    fix="Score each indicator against its target and recompute the total, or explain why the "
    "missed targets did not reduce the score.",
)


def _shown_name(doc: Document, ind: Indicator) -> str:
    return rx.sub(r"\s+", "", doc.text[ind.name_start : ind.name_end]).strip("\"'“”")


def _rate_name(ind: Indicator) -> str:
    return rx.sub(r"[\s\"'“”]", "", ind.name)


class Miss(NamedTuple):
    """A target the report shows as missed."""

    name: str
    target: str
    actual: str
    spans: list[tuple[int, int]]  # the actual claim first, then the target
    rank_admission: str | None = None
    bound: bool = False  # the actual is only a bound short of the target (`>70%` for `>80%`)
    admitted: bool = False  # a results clause under an indicator label admits the miss


def misses(doc: Document) -> list[Miss]:
    """Every missed target: (target, actual) pairs that fail, and admitted ranking misses."""
    return doc.cached("target_misses", _misses)


def _misses(doc: Document) -> list[Miss]:
    out: list[Miss] = []
    seen: set[tuple[int, int]] = set()
    for t, a in pairs(doc):
        bound = short_bound(t, a)
        if met(t, a) is not False and not bound:
            continue
        key = (a.name_start, a.value_start)
        if key in seen:
            continue
        seen.add(key)
        out.append(
            Miss(
                name=_shown_name(doc, a),
                target=t.shown(),
                actual=a.shown(),
                spans=[*a.spans(), *t.spans()],
                bound=bound,
            )
        )
    out.extend(_form_qualitative_misses(doc))
    out.extend(_admitted_misses(doc))
    out.extend(_bound_then_actual_misses(doc, out))
    out.extend(_cell_row_misses(doc, out))
    for adm in rank_admissions(doc):
        t = adm.target
        out.append(
            Miss(
                name=_shown_name(doc, t),
                target=t.shown(),
                actual=doc.norm[adm.start : adm.end],
                spans=[(adm.start, adm.end), *t.spans()],
                rank_admission=doc.text[adm.start : adm.end],
            )
        )
    out.sort(key=lambda m: m.spans[0][0])
    return out


def _form_qualitative_misses(doc: Document) -> list[Miss]:
    """Rows whose actual, in words, is the target one grade lower (及时 / 较及时, 达标 / 基本达标),
    negates what the target asks for (及时考核 / 未能及时考核), or admits values beyond a range
    target (18—54周岁 / 存在18岁以下): form rows and indicator table rows alike."""
    from reviewer.claims.indicator_forms import downgraded, form_rows, negated, outside_range
    from reviewer.claims.indicators import worded_rows

    rows = [
        (row.name, row.name_start, row.target_text, row.actual_text)
        for row in form_rows(doc)
        if row.target_text is not None and row.actual_text is not None
    ]
    rows += [(w.name, w.name_start, w.target, w.actual) for w in worded_rows(doc)]
    out: list[Miss] = []
    seen: set[int] = set()
    for name, name_start, t, a in rows:
        if t is None or a is None or a.start in seen:
            continue
        if not (
            downgraded(t.text, a.text) or negated(t.text, a.text) or outside_range(t.text, a.text)
        ):
            continue
        seen.add(a.start)
        out.append(
            Miss(
                name=rx.sub(r"\s+", "", name),
                target=t.text.strip(),
                actual=a.text.strip(),
                spans=[(a.start, a.end), (name_start, t.end)],
            )
        )
    return out


# "<name>≥928小时，实际飞行时长909.93小时": a bound target and, in the next clause, the actual
# introduced by 实际 (a verb or the indicator's name may stand between), in the same unit.
_BOUND_THEN_ACTUAL = lazy(
    r"(?P<cmp>≥|>=|≤|<=|不低于|不少于|不高于|不超过)\s*(?P<t>\d+(?:\.\d+)?)\s*"
    r"(?P<tu>%|[\u4e00-\u9fff]{1,3}?)[ \t]*[，,][ \t]*实际(?P<mid>[\u4e00-\u9fff]{0,10}?)"
    r"(?:为|是|达到|达)?[ \t]*(?P<a>\d+(?:\.\d+)?)[ \t]*(?P<au>%|[\u4e00-\u9fff]{1,3})"
)
_AT_LEAST = frozenset({"≥", ">=", "不低于", "不少于"})
_NAME_START = "，,。；;：:、\n"
# What makes the clause no result: a plan, a negation, an estimate.
_NOT_RESULT = lazy(r"未|不|计划|预计|目标|应|需")


def _bound_then_actual_misses(doc: Document, found: list[Miss]) -> list[Miss]:
    """Prose pairs the name index does not join (the actual clause restates the name with 实际 or
    a verb): a bound target and the actual right after it, in the same unit, on the wrong side."""
    norm = doc.norm
    if "实际" not in norm:
        return []
    taken = {s for m in found for s in m.spans}
    out: list[Miss] = []
    for m in _BOUND_THEN_ACTUAL.finditer(norm):
        if m.group("tu") != m.group("au") or _NOT_RESULT.search(m.group("mid")):
            continue
        target, actual = float(m.group("t")), float(m.group("a"))
        missed = actual < target if m.group("cmp") in _AT_LEAST else actual > target
        if not missed:
            continue
        lo = max(norm.rfind(ch, 0, m.start()) for ch in _NAME_START) + 1
        name = norm[lo : m.start()].strip()
        if not 2 <= len(name) <= 20 or rx.search(r"\d", name):
            continue
        a_span = (m.start("a"), m.end("au"))
        if any(s[0] < a_span[1] and a_span[0] < s[1] for s in taken):
            continue  # paired and judged already
        out.append(
            Miss(
                name=name,
                target=norm[m.start("cmp") : m.end("tu")].replace(" ", ""),
                actual=norm[a_span[0] : a_span[1]],
                spans=[a_span, (lo + norm[lo : m.start()].find(name), m.end("tu"))],
            )
        )
    return out


# One cell per line (blank lines between cells, or cells ending in |): an indicator row is its
# name, its target, its actual, its weight and its score on five lines of their own.
_CELL_NAME = lazy(r"^[\u4e00-\u9fff][\u4e00-\u9fff()（）、]{1,19}$")
_CELL_VALUE = lazy(
    r"^(?P<cmp>≥|>=|≤|<=)?\s*(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>%|[万亿]?[\u4e00-\u9fff]{1,2})$"
)
_CELL_POINTS = lazy(r"^\d{1,2}(?:\.\d+)?$")
# Indicators where less may be better or the direction is not known: costs, prices, rates of
# harm. A plain value on such a row says nothing about a miss.
_LESS_MAY_BE_BETTER = lazy(r"成本|费用|支出|单价|价格|标准|补助|投资|控制|率|时间|天数|周期")


def _cells(doc: Document) -> list[tuple[str, int, int]]:
    """The non-empty lines as cells: text (a closing | dropped), start, end."""
    out = []
    for line in doc.lines:
        text = line.stripped
        if text.endswith("|"):
            text = text[:-1].strip()
        if text and "|" not in text:
            lead = line.text.find(text)
            out.append((text, line.start + lead, line.start + lead + len(text)))
    return out


def _cell_row_misses(doc: Document, found: list[Miss]) -> list[Miss]:
    """Rows of a one-cell-per-line indicator table whose actual misses its target, in the same
    unit, when the row's name leaves no doubt that more is better."""
    cells = _cells(doc)
    taken = {s for m in found for s in m.spans}
    out: list[Miss] = []
    for i in range(len(cells) - 4):
        # the two point cells first: few lines are points (the window is unpacked after)
        sc, w = cells[i + 4][0], cells[i + 3][0]
        if not (sc[:1].isdecimal() and _CELL_POINTS.match(sc) and _CELL_POINTS.match(w)):
            continue
        (name, n_lo, _), (tgt, _, t_hi), (act, a_lo, a_hi) = cells[i : i + 3]
        if not _CELL_NAME.match(name):
            continue
        t_m, a_m = _CELL_VALUE.match(tgt), _CELL_VALUE.match(act)
        if t_m is None or a_m is None or a_m.group("cmp") or t_m.group("unit") != a_m.group("unit"):
            continue
        if _LESS_MAY_BE_BETTER.search(name) or t_m.group("cmp") in ("≤", "<="):
            continue
        if float(sc) > float(w) or float(a_m.group("num")) >= float(t_m.group("num")):
            continue
        if any(s[0] < a_hi and a_lo < s[1] for s in taken):
            continue
        out.append(Miss(name=name, target=tgt, actual=act, spans=[(a_lo, a_hi), (n_lo, t_hi)]))
    return out


# A prose account of one indicator family: 三是时效指标：…，2023年秋季学期未及时发放。
_FAMILY_LABEL = lazy(
    r"(?:数量|质量|时效|成本|经济效益|社会效益|生态效益|可持续影响|满意度)指标\s*[:：]"
)
_STATEMENT_END = lazy(r"[。；;\n]|[一二三四五六七八九十]是")
# Words of a goal or a rule, not of a result: 确保不出现未及时发放, 不得未按时发放.
_GOAL_WORDS = lazy(r"确保|力争|要求|不得|严禁|杜绝|避免|防止|应当|必须|目标|计划|预期")
_CLAUSE_MARK = lazy(r"[，,：:]")


def _admitted_misses(doc: Document) -> list[Miss]:
    """A results clause under an indicator-family label (时效指标：) that negates an attainment
    word (未及时发放, 未按期完工, 未达标): the report itself says that target was missed."""
    from reviewer.claims.indicator_forms import negations

    norm = doc.norm
    out: list[Miss] = []
    for lab in _FAMILY_LABEL.finditer(norm):
        end_m = _STATEMENT_END.search(norm, lab.end())
        end = end_m.start() if end_m else len(norm)
        body = norm[lab.end() : end]
        if _GOAL_WORDS.search(body):
            continue
        for at, stop, _word in negations(body)[:1]:
            marks = [m.end() for m in _CLAUSE_MARK.finditer(body, 0, at)]
            cs = marks[-1] if marks else 0
            tail = _CLAUSE_MARK.search(body, stop)
            ce = tail.start() if tail else len(body)
            start, finish = lab.end() + cs, lab.end() + ce
            name = rx.sub(r"[\s:：]", "", lab.group())
            out.append(
                Miss(
                    name=name,
                    target="",
                    actual=norm[start:finish],
                    spans=[(start, finish), (lab.start(), lab.end())],
                    admitted=True,
                )
            )
    return out


@check(TARGET_NOT_MET)
def target_not_met(doc: Document) -> Iterator[Hit | Relation]:
    for m in misses(doc):
        if m.admitted:
            yield TARGET_NOT_MET.hit(
                m.spans, {"name": m.name, "admission": m.actual}, variant="admitted"
            )
            continue
        if m.rank_admission is not None:
            yield TARGET_NOT_MET.hit(
                m.spans,
                {"name": m.name, "target": m.target, "admission": m.rank_admission},
                variant="rank",
            )
            continue
        yield TARGET_NOT_MET.hit(
            m.spans,
            {
                "name": m.name,
                "target": m.target,
                "actual": m.actual,
                "note_zh": "",
                "note_en": "",
            },
            variant="bound" if m.bound else None,
        )
    for t, a in pairs(doc):  # the targets met: their figures are verified in the ledger
        if t.quantity is None or a.quantity is None or met(t, a) is not True or short_bound(t, a):
            continue
        spans = [(q.start, q.end) for q in (a.quantity, t.quantity)]
        yield relation(
            "target", spans, f"{_shown_name(doc, a)}：实际 {a.shown()}，目标 {t.shown()}"
        )


def _is_target_like(ind: Indicator) -> bool:
    return ind.role != ACTUAL and ind.dimension == "percent"


@check(IMPOSSIBLE_TARGET)
def impossible_target(doc: Document) -> Iterator[Hit]:
    for ind in indicators(doc):
        if not _is_target_like(ind) or ind.value is None:
            continue
        name = _rate_name(ind)
        if not is_share(name):
            continue
        v = ind.base
        assert v is not None
        if (ind.comparator == GT and v >= 100) or (ind.comparator in (GE, EQ) and v > 100):
            yield IMPOSSIBLE_TARGET.hit(
                ind.spans(), {"name": _shown_name(doc, ind), "target": ind.shown()}
            )


ACTUAL_OVER_100 = rule(
    code="G006",
    fix_zh="核对比率的分子和分母：比率类指标不超过100%；执行率超过100%时说明超支原因，"
    "或把预算调整、追加和上年结转计入预算数后重算。",
    name="rate-above-100",
    kind="impossible_actual",
    severity=Severity.ERROR,
    family="targets",
    title_zh="实际比率超过100%",
    title_en="Actual rate above 100%",
    message_zh="“{name}”实际为 {actual}，而该比率不可能超过100%，分子或分母有误",
    message_en="'{name}' is reported as {actual}, a rate that cannot exceed 100%: the numerator "
    "or the denominator is wrong",
    what="Flags an actual (完成情况, 实际完成值) above 100% on a rate that is a share of a whole "
    "(及时率, 合格率, 覆盖率, 参保率, 满意度 …), and, as a warning, a budget execution rate "
    "(预算执行率, 支出执行率) above 100%.",
    why="A share of cases cannot exceed the whole, so such an actual is a computation or typing "
    "error. Spending above the budget is either overspending or a budget figure that leaves out "
    "adjustments and carry-over; reviewers ask for it either way, and it must not score full.",
    example="群众满意度达到102%；预算执行率为105%",
    counterexample="群众满意度达到98%；预算执行率为95%",
    fix="Check the numerator and the denominator; for execution above 100% explain the "
    "overspending or recompute against the full-year budget (adjustments and carry-over).",
    variants={
        "execution": (
            "“{name}”为 {actual}，超过100%：支出超出预算，或预算数未含调整、追加和上年结转，请核实",
            "'{name}' is {actual}, above 100%: spending exceeded the budget, or the budget "
            "leaves out adjustments and carry-over",
        )
    },
)


@check(ACTUAL_OVER_100)
def actual_over_100(doc: Document) -> Iterator[Hit]:
    for ind in indicators(doc):
        if ind.dimension != "percent" or ind.value is None or ind.comparator != EQ:
            continue
        v = ind.base
        if v is None or v <= 100:
            continue
        name = _rate_name(ind)
        data = {"name": _shown_name(doc, ind), "actual": ind.shown()}
        if ind.role == ACTUAL and is_share(name):
            yield ACTUAL_OVER_100.hit(ind.spans(), data)
        elif ind.role != TARGET and rate_kind(name) == EXEC:
            yield ACTUAL_OVER_100.hit(
                ind.spans(), data, severity=Severity.WARNING, variant="execution"
            )


@check(WEAK_TARGET)
def weak_target(doc: Document) -> Iterator[Hit]:
    for ind in indicators(doc):
        if not _is_target_like(ind) or ind.comparator not in (LE, LT):
            continue
        name = _rate_name(ind)
        if not HIGHER_BETTER.search(name) or LOWER_OK.search(name):
            continue
        yield WEAK_TARGET.hit(ind.spans(), {"name": _shown_name(doc, ind), "target": ind.shown()})


def _miss_zh(m: Miss) -> str:
    if m.rank_admission is not None:
        return f"{m.name}（目标 {m.target}，报告称“{m.rank_admission}”）"
    return f"{m.name}（目标 {m.target}，实际 {m.actual}）"


def _miss_en(m: Miss) -> str:
    if m.rank_admission is not None:
        return f"{m.name} (target {m.target}; the report says '{m.rank_admission}')"
    return f"{m.name} (target {m.target}, actual {m.actual})"


@check(SCORE_VS_UNMET)
def score_vs_unmet(doc: Document) -> Iterator[Hit]:
    # A bound short of the target is not shown to miss it; an admitted miss has no figures.
    missed = [m for m in misses(doc) if not (m.bound or m.admitted)]
    if not missed:
        return
    for s in self_scores(doc):
        if not (s.value >= 90 or s.grade == "优"):
            continue
        listed_zh = "；".join(_miss_zh(m) for m in missed)
        listed_en = "; ".join(_miss_en(m) for m in missed)
        grade = s.grade or ("优" if s.value >= 90 else "")
        spans = [(s.start, s.end)] + [m.spans[0] for m in missed]
        yield SCORE_VS_UNMET.hit(
            spans,
            {
                "score": fmt(s.value),
                "grade_zh": f"（{grade}）" if grade else "",
                "grade_en": f" ({grade})" if grade else "",
                "count": len(missed),
                "missed": listed_zh,
                "missed_en": listed_en,
            },
        )
        return  # one finding per report: the claim is about the score, not each statement


FULL_MARKS_FOR_MISS = rule(
    code="G005",
    fix_zh="按实际完成比例计分（实际值/目标值×分值），或说明偏差原因。",
    name="missed-target-full-marks",
    kind="score_vs_problems",
    severity=Severity.WARNING,
    family="targets",
    title_zh="未完成的指标得满分",
    title_en="A missed target scored in full",
    message_zh="“{name}”目标 {target}，实际 {actual}，未达到目标，却得满分 {score}/{weight} 分",
    message_en="'{name}' missed its target ({target}, actual {actual}) yet scored full marks "
    "{score}/{weight}",
    what="Finds an indicator whose actual misses its target (see G001) and whose own score, in "
    "the same table row or statement, equals its weight.",
    why="Scoring rules give a missed quantitative target a proportional score (actual / target "
    "× weight); full marks for a miss inflates the self-score.",
    example=(
        "指标名称 | 目标值 | 实际值 | 分值 | 得分\n"
        "河道清淤长度 | ≥30公里 | 26公里 | 20 | 20\n"
        "群众满意度 | ≥90% | 95% | 10 | 10"
    ),
    counterexample=(
        "指标名称 | 目标值 | 实际值 | 分值 | 得分\n"
        "河道清淤长度 | ≥30公里 | 26公里 | 20 | 17\n"
        "群众满意度 | ≥90% | 95% | 10 | 10"
    ),
    fix="Score the indicator in proportion to what was achieved, or explain the deviation.",
    variants={
        "bound": (
            "“{name}”目标 {target}，实际只报告为 {actual}，不能表明目标已完成，却得满分 "
            "{score}/{weight} 分",
            "'{name}': target {target}, but the actual is only given as {actual}, which does "
            "not show the target met, yet it scored full marks {score}/{weight}",
        )
    },
)


@check(FULL_MARKS_FOR_MISS)
def full_marks_for_miss(doc: Document) -> Iterator[Hit]:
    from reviewer.claims.scores import score_groups

    items = [
        item
        for group in score_groups(doc)
        for item in group.items
        if item.weight is not None and item.score is not None
    ]
    for m in misses(doc):
        if m.rank_admission is not None or m.admitted:
            continue
        at = m.spans[0][0]
        for item in items:
            assert item.weight is not None and item.score is not None
            if item.start <= at < item.end and item.score.value >= item.weight.value > 0:
                yield FULL_MARKS_FOR_MISS.hit(
                    [m.spans[0], (item.score.start, item.score.end), *m.spans[1:]],
                    {
                        "name": m.name,
                        "target": m.target,
                        "actual": m.actual,
                        "score": fmt(item.score.value),
                        "weight": fmt(item.weight.value),
                    },
                    variant="bound" if m.bound else None,
                )
                break
        else:
            yield from _form_full_marks(doc, m)


def _form_full_marks(doc: Document, m: Miss) -> Iterator[Hit]:
    """A miss in an indicator row of a self-evaluation form scored at its weight."""
    from reviewer.claims.indicator_forms import form_rows

    at = m.spans[0][0]
    for row in form_rows(doc):
        actual = row.actual or row.actual_text
        if actual is None or row.weight is None or row.score is None:
            continue
        if not actual.start <= at < actual.end:
            continue
        weight, score = row.weight.quantity.value, row.score.quantity.value
        if score >= weight > 0:
            yield FULL_MARKS_FOR_MISS.hit(
                [m.spans[0], (row.score.start, row.score.end), *m.spans[1:]],
                {
                    "name": m.name,
                    "target": m.target,
                    "actual": m.actual,
                    "score": fmt(score),
                    "weight": fmt(weight),
                },
                variant="bound" if m.bound else None,
            )
        return
