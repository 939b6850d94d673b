"""Report quality, missing goals (Q002): a report with no annual goals at all, goals that restate
the unit's duties, a goals section that gives only the funds or a verdict on the goal, a form's
goal cell that states no goal or repeats the duties entry, and an indicator form holding a single
indicator."""

from __future__ import annotations

import re
from collections.abc import Iterator

from reviewer import regex as rx
from reviewer.checks.goal_forms import form_goals
from reviewer.checks.goal_readings import (
    DUTY_VERB,
    GOAL_STATEMENT,
    JUDGED_GOAL,
    LATER_TITLE,
    YEAR,
    duty_reading,
    form_goal_reading,
    ngrams,
    reaches_later_part,
    targets_anywhere,
    top_goal_sections,
)
from reviewer.checks.quality_common import (
    clip,
    comparator_targets,
    first_sentence_within,
    goal_titled_sections,
    has_measurable_target,
    sentences,
)
from reviewer.checks.registry import Hit, check, rule
from reviewer.claims.sections import Section, sections
from reviewer.document import Document
from reviewer.document.forms import fold
from reviewer.models import Severity
from reviewer.regex import lazy

MISSING_GOALS = rule(
    code="Q002",
    fix_zh="设置年度绩效目标，包括产出、效益、满意度指标，各有目标值，并逐项报告实际完成值。",
    name="missing-goals",
    kind="missing_goals",
    severity=Severity.WARNING,
    family="quality",
    title_zh="缺少年度绩效目标，或目标照抄部门职能",
    title_en="No annual performance goals, or goals that restate the unit's duties",
    message_zh="“{title}”的内容是部门职能的表述（{why_zh}），没有量化的产出、效益或满意度目标。"
    "年度绩效目标应写明本年要达到的结果，如“完成××项”“满意度≥90%”",
    message_en="'{title}' restates the unit's duties ({why_en}) and sets no quantified output, "
    "effect or satisfaction target. Annual goals state the results to reach this year, e.g. "
    "'N items completed', 'satisfaction ≥90%'",
    what="Finds a report with no annual performance goals at all (no goals section, no "
    "heading about goals, no target with a comparator and no goal stated in prose such as "
    "'年度绩效目标是…完成10座', no results reported under two or more indicator headings such as "
    "数量指标/质量指标, which follow a given goal set), judged only when the text reaches "
    "the part after the goals "
    "(results, score, problems) so a cut text is not called goal-less; goals sections whose "
    "text restates the unit's legal duties (职能): largely copied from the duties section, or "
    "a list of duty verbs (执行, 管理, 负责, 保护…) without a single figure; and a form's "
    "年度主要工作内容 entry that repeats its 职能职责 entry; and a form's 年度总体目标 whose "
    "预期目标 cell holds figures only or just the project's name; a goals section (绩效目标"
    "分解下达情况) that gives only the funds, their use and the year, when no target stands "
    "anywhere else; a goals section that only passes a verdict on the goal (绩效目标合理, "
    "目标明确) with no figure, stating no goal; a form's 年初设定目标 cell that lists duty "
    "clauses; and an indicator form (one row a line) that holds a single indicator.",
    why="形式化 goals copied from the 三定 duties cannot be evaluated; without goals the "
    "self-score has nothing to be measured against.",
    example=(
        "一、部门基本情况\n"
        "（一）部门职能\n"
        "执行本级人民代表大会的决议和上级国家行政机关的决定和命令，发布决定和命令；"
        "负责本行政区域内的经济和社会发展。\n"
        "二、部门绩效目标\n"
        "执行本级人民代表大会的决议和上级国家行政机关的决定和命令，发布决定和命令；"
        "负责本行政区域内的经济和社会发展。\n"
    ),
    counterexample=(
        "一、部门基本情况\n"
        "（一）部门职能\n"
        "执行本级人民代表大会的决议和上级国家行政机关的决定和命令，发布决定和命令；"
        "负责本行政区域内的经济和社会发展。\n"
        "二、部门绩效目标\n"
        "完成农村道路硬化≥20公里，群众满意度≥90%，预算执行率≥95%。\n"
    ),
    fix="Set annual goals with output, effect and satisfaction indicators, each with a target "
    "value, and report the actual value next to each.",
    variants={
        "form": (
            "自评表“年度总体目标”的预期目标栏{why_zh}，没有可衡量的产出、效益或满意度目标，"
            "实际完成情况也就无从对照",
            "The form's annual goal (预期目标) {why_en}: no measurable output, effect or "
            "satisfaction goal, so the completion beside it has nothing to be compared with",
        ),
        "single": (
            "指标表只有一项指标（“{quote}”），全部指标分值都压在这一项上，没有产出数量、效益"
            "或满意度目标，无法全面衡量项目绩效",
            "The indicator table holds a single indicator ('{quote}'): all the indicator "
            "weight rests on it, with no output quantity, effect or satisfaction goal",
        ),
        "funds": (
            "“{title}”只写了资金数额和用途（{quote}），没有任何目标值：既无产出数量、质量、时效，"
            "也无效益或满意度指标，完成情况无从对照",
            "'{title}' gives only the funds and their use ('{quote}') and no target value at "
            "all: no output, effect or satisfaction indicator to measure completion against",
        ),
        "verdict": (
            "“{title}”只评价了目标（“{verdict}”），没有写出目标本身（“{quote}”）：既无产出数量、"
            "质量、时效，也无效益或满意度指标，完成情况无从对照",
            "'{title}' passes a verdict on the goal ('{verdict}') without stating it ('{quote}'): "
            "no output, effect or satisfaction target to measure completion against",
        ),
        "none": (
            "全文未见年度绩效目标：没有“绩效目标”章节，也没有任何带比较符的目标值（如≥90%），"
            "工作成效只有叙述，自评得分无从对照{note_zh}",
            "The report states no annual performance goals: no goals section and no target "
            "with a comparator (e.g. ≥90%) anywhere; results are narrated without targets, so "
            "the self-score has nothing to be measured against{note_en}",
        ),
    },
)

# An amount of money: the funds a goals section may state besides its targets.
_MONEY = lazy(r"\d+(?:[.,]\d+)*\s*(?:万元|亿元|元)(?!\s*[/每])")
# A section meant to give the targets: 绩效目标, 年度绩效目标, 绩效目标分解下达情况.
_TARGETS_TITLE = lazy(r"绩效目标(?:分解|下达|设定|设置|及|和|与|\s)*(?:情况|任务|指标)?$")
# Sections that report results or methods, not the targets themselves.
_NOT_TARGETS_TITLE = lazy(r"完成|实现|自评|评价|分析")


# A unit's goals-and-tasks heading (本部门履职总体目标、工作任务; 部门年度目标及工作任务).
_DUTY_GOALS_TITLE = lazy(
    r"(?:履职|部门|单位)[^，,。；;]{0,4}目标(?:\s*[、和及与]\s*(?:工作|主要)?任务)?$"
)
# Amounts in 万 with 元 left off (调减资金300万,), and rates that belong to the funds (执行率34.3%,
# 占比14.94%): figures about the money, not targets.
_FUNDS_RATE = lazy(
    r"\d+(?:\.\d+)?\s*万(?=\s*[,，。；;、)）]|$)"
    r"|(?:执行率|支付率|到位率|使用率|拨付率|占比|比例|比重)[为达是]?\s*\d+(?:\.\d+)?\s*%"
)
# The count of the projects the funds are split into (涉及2个项目, 分为3个子项目): part of the
# funds' description, not a target.
_PROJECT_COUNT = lazy(r"(?:涉及|分为|包括|包含|含|共计?|分属)\s*\d{1,3}\s*[个项](?:子|小)?项目")
# Item numbers at a line or clause start (1.部门预算收入, 2、…).
_ENUMERATOR = lazy(r"(?:^|(?<=[\n。；;]))\s*[(（]?\d{1,2}[)）.．、]", re.M)
# Goals listed after an announcing word (制定了省内绩效目标，主要包括：资金配套、下达；…).
_GOALS_LISTED = lazy(r"目标[^。；;\n]{0,12}?(?:主要)?(?:包括|包含|涵盖|如下)\s*[:：]")
# A goal given after a label (年度总体目标:1.提升…): stated, whether measurable or not.
_GOAL_LABEL = lazy(r"目标\s*(?:[:：]|为|是(?!否))")
# Document numbers (川财社〔2020〕165号, 〔20211号) and dates (12月23日, 8月): no target.
_REFS = lazy(r"\d+\s*号|\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|\d+\s*个?工作日")
# Words that frame a figure as a target rather than a result (the funds' own too: 预计年收入2万元).
_TARGET_FRAMING = lazy(
    r"目标值|指标值|预计|力争|确保|计划(?!下达|安排|资金|\s*\d+(?:\.\d+)?\s*(?:万元|亿元|元))|不低于|不少于|不超过|达到|"
    r"\d[^，,。；;]{0,6}(?:以上|以内)|≥|≤|>|<|＞|＜"
)
# What marks a figure as done rather than aimed at: 实施了…200余台, 实际发放, 累计, 已.
_RESULT_MARK = lazy(r"了|已|实际|累计|共计")


def _figures_not_targets(body: str) -> bool:
    """No sentence of a goals section's (folded) text frames a figure as a target, and every
    figure besides the funds, their rates, years, dates and document numbers stands in a
    sentence of its own, apart from the funds, that reports it as done (了, 已, 实际, 累计)."""
    for sent in rx.split(r"[。；;\n]", body):
        plain = _REFS.sub("", YEAR.sub("", sent))
        if not rx.search(r"\d", plain):
            continue
        if _TARGET_FRAMING.search(plain):
            return False
        rest = _ENUMERATOR.sub(
            "", _FUNDS_RATE.sub("", _MONEY.sub("", _PROJECT_COUNT.sub("", plain)))
        )
        if not rx.search(r"\d", rest):
            continue
        if not _RESULT_MARK.search(sent) or _MONEY.search(plain):
            return False  # 资金200万元,(用于)建成床位50张: what the funds are for may be the goal
    return True


def _goals_in_words_elsewhere(doc: Document, here: Section) -> bool:
    """Another goals section whose text states goals in words, without funds (整体绩效目标情况:
    通过资助减轻…): the goals are given there, vague or not."""
    for s in sections(doc):
        if s.start == here.start or not _TARGETS_TITLE.search(fold(s.title)):
            continue
        body = fold(doc.norm[s.body_start : s.end]).strip()
        if len(body) >= 20 and not _MONEY.search(body):
            return True
    return False


def _results_follow(doc: Document, here: Section) -> bool:
    """A results, score or problems heading after the goals section (绩效目标完成情况分析, in
    traditional characters too): the text goes on past the goals, so it was not cut there."""
    for s in sections(doc):
        title = fold(s.title)
        if s.start >= here.end and (
            rx.search(r"目标完成|完成情况", title) or LATER_TITLE.search(title)
        ):
            return True
    return False


def _goal_subheads(doc: Document, s: Section) -> list[tuple[int, int]]:
    """Numbered sub-headings inside a goals section that promise goals ((二)资金安排、分解下达
    预算和绩效目标情况。), run into their text rather than standing as sections."""
    out = []
    for m in rx.finditer(
        r"[(（][一二三四五六七八九十]{1,2}[)）][^。\n]{4,60}", doc.norm[s.body_start : s.end]
    ):
        if "绩效目标" in fold(m.group()):
            out.append((s.body_start + m.start(), s.body_start + m.end()))
    return out


# A form's annual-goal header whose goal cell comes on the next row: 年初设定目标 | 年度总体目标
# 完成情况 (the 预期目标 | 实际完成情况 forms are read by `form_goals`).
_ITEM_MARK = lazy(r"[(（]\d{1,2}[)）]|(?<![\d.])\d{1,2}[.、](?!\d)")
_SET_GOAL_HEADER = lazy(r"年初设定目标[ \t|]*[^|\n]{0,8}完成情况[ \t|]*\n")


def _set_goal_duties(doc: Document) -> Iterator[tuple[int, int, str, str]]:
    """The goal cell under a 年初设定目标 header that is a list of the unit's duties."""
    norm = doc.norm
    for m in _SET_GOAL_HEADER.finditer(norm):
        cell = rx.search(r"[^|\n]*\S[^|\n]*", norm[m.end() : m.end() + 2000])
        if cell is None:
            continue
        text = cell.group()
        items = _ITEM_MARK.sub("；", text)  # list numbers are not figures; they open items
        if has_measurable_target(items):
            continue
        verbs = len(DUTY_VERB.findall(items))
        if verbs < 4:
            continue
        lo = m.end() + cell.start() + (len(text) - len(text.lstrip()))
        yield (
            lo,
            lo + len(text.strip()),
            f"由{verbs}个“负责、执行、管理、组织…”式的职责条目构成",
            f"it is a list of {verbs} duty clauses (负责, 执行, 管理, 组织…)",
        )


# Goals written as prose, without a goals heading or a comparator: "年度绩效目标是…完成10座…",
# "资金目标:…拨付率100%" (a figure within the same sentence).
_GOAL_PROSE = lazy(
    r"(?:绩效|年度|总体|整体|项目|资金|产出|效益|工作|预期)(?:的)?目标\s*(?:是|为|[:：])"
    r"[^。；;\n]{0,120}?\d"
)
# Where a section points for its targets: 详见…, 具体见…, 见附表, 如下表.
_TARGETS_POINTER = lazy(r"详见|具体见|参见|见附表|见下表|如下表|见附件")
# A figure bounded after it, the way goals are often put in prose: 恢复农业生产16.6万亩以上,
# 覆盖率90%以上, 控制在5万元以内.
_TRAILING_BOUND = lazy(
    r"(?=\d)(?<![\d.])\d+(?:\.\d+)?\s*(?:%|[万亿]?[\u4e00-\u9fff]{0,2})(?:以上|以内)"
)


def _goals_stated_elsewhere(doc: Document) -> bool:
    """Whether the report states goals somewhere other than a goals section: a comparator
    target (before the figure, or 以上/以内 after it), a goals table label, goals in prose, or
    any heading about goals (transfer-payment
    reports put them under 绩效目标分解下达情况 / 设定情况 / 完成情况)."""
    norm = doc.norm
    if comparator_targets(norm) or rx.search(r"目标值|指标值|年度目标|绩效目标[:：]", norm):
        return True
    if _GOAL_PROSE.search(norm) or (
        ("以上" in norm or "以内" in norm) and _TRAILING_BOUND.search(norm)
    ):
        return True
    titles = [s.title for s in sections(doc)]
    if any("目标" in t for t in titles):
        return True
    # Results reported indicator by indicator (数量指标, 质量指标, 时效指标…): the report follows
    # an indicator set (the goals table it was given), so goals exist even if not restated.
    kinds = {m.group(1) for t in titles if (m := _INDICATOR_KIND_TITLE.search(t))}
    return len(kinds) >= 2


# A heading naming one category of the standard indicator set.
_INDICATOR_KIND_TITLE = lazy(
    r"^(?:\d{1,2}[.、]?)?(数量|质量|时效|成本|经济效益|社会效益|生态效益|可持续影响|满意度)指标"
)


_INDICATOR_HEAD = lazy(r"一级指标.{0,40}三级指标")
_FORM_END = lazy(r"^\s*\|?\s*(?:合计|总分|总计|评价结论|说明|注[:：])")


def _single_indicator(doc: Document) -> tuple[int, int] | None:
    """The one row of an indicator form (cells separated by |, one row a line) that holds a
    single indicator: all indicator weight on it, no other output, effect or satisfaction
    indicator. Only when the form's end (合计, 评价结论…) is reached, so a cut form is not
    judged."""
    lines = doc.lines
    for i, line in enumerate(lines):
        if "|" not in line.text or not _INDICATOR_HEAD.search(line.text):
            continue
        rows = []
        ended = False
        for nxt in lines[i + 1 : i + 40]:
            if _FORM_END.search(nxt.text):
                ended = True
                break
            cells = [c for c in nxt.text.split("|") if c.strip()]
            if len(cells) >= 4:
                rows.append(nxt)
        if ended and len(rows) == 1:
            row = rows[0]
            cut = row.text.find("|", row.text.find("|", row.text.find("|") + 1) + 1)
            head = row.text[: cut if cut > 0 else len(row.text)]
            return row.start, row.start + len(head.rstrip())
    return None


# Form labels (a flattened table puts the label on its own line, sometimes broken in two) of
# the unit's duties and of the year's work plan, which such forms use as the annual goals.
_DUTY_LABEL = lazy(
    r"(?m)^[ \t|]*(?:部门|单位)?(?:主要)?(?:职能职责|职责职能|职能|职责)(?:概述|简介)?[ \t|]*$"
)
_ITEM_NUMBER = lazy(r"(?<![\d.])\d{1,2}[.、](?!\d)")
_PLAN_LABEL = lazy(r"(?m)^[ \t|]*年度(?:主要)?\s*工作(?:内容|任务|计划|重点)[ \t|]*$")


def _label_block(norm: str, end: int) -> tuple[int, int]:
    """The text cell after a form label ending at `end`: the following non-empty lines up to
    the next short line without punctuation (the next label), at most 600 characters."""
    lo = end
    while lo < len(norm) and norm[lo] in " \t\n|":
        lo += 1
    hi = lo
    limit = min(len(norm), lo + 600)
    while hi < limit:
        nl = norm.find("\n", hi)
        nl = limit if nl < 0 or nl > limit else nl
        line = norm[hi:nl].strip(" \t|")
        if hi > lo and line and len(line) < 40 and not rx.search(r"[。；;，,]", line):
            break
        hi = nl + 1
    return lo, min(hi, len(norm))


def _work_plan_copy(doc: Document) -> tuple[tuple[int, int], str, float] | None:
    """A form's 年度主要工作内容 entry that largely repeats its 职能职责 entry: the span of its
    first sentence, the label and the shared share of wording."""
    norm = doc.norm
    duty = _DUTY_LABEL.search(norm)
    plan = _PLAN_LABEL.search(norm)
    if duty is None or plan is None:
        return None
    d_lo, d_hi = _label_block(norm, duty.end())
    p_lo, p_hi = _label_block(norm, plan.end())
    grams = ngrams(norm[p_lo:p_hi], 4)
    if len(grams) < 20 or has_measurable_target(_ITEM_NUMBER.sub(" ", norm[p_lo:p_hi])):
        return None
    share = len(grams & ngrams(norm[d_lo:d_hi], 4)) / len(grams)
    if share < 0.4:
        return None
    first = next((x for x in sentences(doc) if x.start >= p_lo and x.end <= p_hi), None)
    span = (first.start, first.end) if first else (p_lo, p_hi)
    return span, rx.sub(r"\s+", "", plan.group()).strip("|"), share


@check(MISSING_GOALS)
def missing_goals(doc: Document) -> Iterator[Hit]:
    norm = doc.norm
    goals = [s for s in goal_titled_sections(doc) if "目标" in s.title]
    for s in top_goal_sections(doc):
        if "目标" not in s.title:
            continue
        why = duty_reading(doc, s)
        if why is None:
            continue
        zh, en, copied = why
        first = first_sentence_within(doc, s.body_start, s.end)
        span = (first.start, first.end) if first else (s.title_start, s.title_end)
        yield MISSING_GOALS.hit(
            [span, (s.title_start, s.title_end)],
            {"title": s.title, "why_zh": zh, "why_en": en},
            severity=Severity.ERROR if copied else None,
        )
    chosen: list[Section] = []
    for s in sections(doc):
        title = fold(s.title)  # traditional characters and pinyin glosses read as plain
        if not (_TARGETS_TITLE.search(title) or _DUTY_GOALS_TITLE.search(title)):
            continue
        if _NOT_TARGETS_TITLE.search(title):
            continue
        if any(c.start <= s.start < c.end for c in chosen):
            continue  # inside a goals section already judged
        chosen.append(s)
        body = fold(norm[s.body_start : s.end])
        if not _MONEY.search(body) or duty_reading(doc, s) is not None:
            continue
        if GOAL_STATEMENT.search(body) or targets_anywhere(doc):
            continue  # a goal is stated (Q001 judges it), or targets stand elsewhere
        if _TARGETS_POINTER.search(body):
            continue  # 具体详见“绩效指标完成情况分析”: the section says where the targets stand
        if _GOAL_LABEL.search(body) or not _figures_not_targets(body):
            continue  # a goal stated (年度总体目标:…, Q001 judges it), or a figure that may be one
        if _GOALS_LISTED.search(body):
            continue  # 制定了绩效目标，主要包括：…: the goals are listed (Q001 judges them)
        strict = _TARGETS_TITLE.search(title) and not rx.search(
            r"\d", _PROJECT_COUNT.sub("", _MONEY.sub("", YEAR.sub("", body)))
        )
        if not strict and (
            _GOAL_LABEL.search(fold(norm))
            or _goals_in_words_elsewhere(doc, s)
            or not _results_follow(doc, s)
        ):
            # a goal given after a label or in words in another goals section (Q001 judges
            # it), or a text cut before the results: the goals may stand elsewhere
            continue
        first = first_sentence_within(doc, s.body_start, s.end)
        if first is None:
            continue
        yield MISSING_GOALS.hit(
            [(s.start, s.title_end), (first.start, first.end), *_goal_subheads(doc, s)],
            {"title": title, "quote": clip(first.text, 40)},
            variant="funds",
            # figures besides the funds read as results, or a unit's goals-and-tasks heading:
            # less certain than a goals section holding nothing but the funds
            severity=None if strict else Severity.INFO,
        )
    for s in top_goal_sections(doc):
        text = norm[s.body_start : s.end]
        if "目标" not in s.title or has_measurable_target(text) or rx.search(r"\d", text):
            continue
        verdict = JUDGED_GOAL.search(text)
        if verdict is None or duty_reading(doc, s) is not None:
            continue
        first = first_sentence_within(doc, s.body_start, s.end)
        if first is None:
            continue
        yield MISSING_GOALS.hit(
            [(first.start, first.end), (s.title_start, s.title_end)],
            {"title": s.title, "quote": clip(first.text, 40), "verdict": verdict.group()},
            variant="verdict",
        )
    for lo, hi, zh, en in _set_goal_duties(doc):
        yield MISSING_GOALS.hit(
            [(lo, hi)],
            {"title": "年初设定目标", "why_zh": zh, "why_en": en},
        )
    for g in form_goals(doc):
        empty = form_goal_reading(g)
        if empty is not None:
            yield MISSING_GOALS.hit(
                [(g.start, g.end)],
                {"why_zh": empty[0], "why_en": empty[1]},
                variant="form",
            )
    single = _single_indicator(doc)
    if single is not None:
        yield MISSING_GOALS.hit(
            [single], {"quote": doc.norm[single[0] : single[1]]}, variant="single"
        )
    plan_copy = _work_plan_copy(doc)
    if plan_copy is not None:
        plan_span, plan_label, share = plan_copy
        pct = f"{share * 100:.0f}%"
        yield MISSING_GOALS.hit(
            [plan_span],
            {
                "title": plan_label,
                "why_zh": f"约{pct}的文字与本报告的职能职责栏相同",
                "why_en": f"about {pct} of its wording repeats the report's own duties entry",
            },
        )
        return
    if goals or _goals_stated_elsewhere(doc):
        return
    if len(norm.strip()) < 300:
        return  # a fragment, not a report
    if not reaches_later_part(doc):
        # The text ends before the results, score or problems part: goals usually stand
        # between the overview and those parts, so a cut or partial text cannot be judged.
        return
    anchor = next((s for s in sections(doc) if s.level <= 1 and "绩效" in s.title), None)
    if anchor is None:
        anchor = next((s for s in sections(doc) if s.level <= 1), None)
    if anchor is None:
        return
    annex = bool(rx.search(r"附件[^。]{0,60}(?:目标|自评表|评分表)", norm))
    yield MISSING_GOALS.hit(
        [(anchor.start, anchor.title_end)],
        {
            "note_zh": "（报告提到附件中的目标或自评表，请核对附件）" if annex else "",
            "note_en": " (an annex with goals or a score table is mentioned; check it)"
            if annex
            else "",
        },
        variant="none",
        severity=Severity.INFO if annex else None,
    )
