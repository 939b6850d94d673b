"""Readings shared by the goal rules (Q001 vague targets, Q002 missing goals) and the
missing-actuals rule (Q003): the goal sections to judge, goals that read as the unit's duties, a
form's goal cell that states no goal, a target stated anywhere, and whether the text reaches the
part that follows the goals. Readings, not rules."""

from __future__ import annotations

from reviewer import regex as rx
from reviewer.checks.goal_forms import FormGoal, form_goals
from reviewer.checks.quality_common import (
    clip,
    comparator_targets,
    goal_titled_sections,
    has_measurable_target,
)
from reviewer.claims.sections import Section, section_path, sections
from reviewer.document import Document
from reviewer.regex import lazy

# A verdict on the goal where the goal should stand: 绩效目标合理, 目标设置明确.
JUDGED_GOAL = lazy(
    r"目标(?:设置|设定|设立)?(?:较为|比较|基本|十分|总体)?(?:合理|明确|科学|可行|适当|恰当)"
)
# "…绩效目标为/是 <goal>" or a "年度绩效目标。<goal>" label with the goal on its line; not the
# overall (总体, 中长期) aim, which is a direction by design.
GOAL_STATEMENT = lazy(
    r"(?P<label>(?<!总体)(?<!长期)(?<!总)绩效目标)[ \t]*(?:为|是(?!否)|[。.])[ \t]*"
    r"(?P<goal>[^。；;\n]{6,120})"
)
YEAR = lazy(r"20\d{2}\s*年度?|20\d{2}")


def targets_anywhere(doc: Document) -> bool:
    """A target with a comparator, or an indicator's value given as such, anywhere."""
    norm = doc.norm
    return bool(comparator_targets(norm) or rx.search(r"目标值|指标值|指标为\s*\d", norm))


_METHOD_TITLE = lazy(r"评价(?:工作|的组织|组织|方法|标准|依据|对象)|组织实施|评价情况|自评情况")


def top_goal_sections(doc: Document) -> list[Section]:
    """Goal sections not nested in another goal section nor in a methodology section."""
    goals = goal_titled_sections(doc)
    goal_set = set(goals)
    out = []
    for s in goals:
        path = section_path(doc, s.start)[:-1]
        if any(p in goal_set for p in path):
            continue
        if any(_METHOD_TITLE.search(p.title) for p in path):
            continue
        out.append(s)
    return out


_DUTY_TITLE = lazy(r"职责|职能")
DUTY_VERB = lazy(
    r"(?:^|[；;，,。、:：①-⑳]|\d[.、])\s*(?:负责|执行|管理|保护|维护|保障|办理|承担|承办|贯彻|"
    r"组织|落实|编制|审批|审核|协调|发布|领导|指导|监督|讨论和决定|完成上级)"
)


# Goals written as the unit performing its duties: "切实履行政治协商、民主监督…三大职能".
_PERFORM_DUTIES = lazy(r"(?:履行|发挥|围绕)[^。；;\n]{0,30}?(?:职能|职责)(?:作用)?")


def ngrams(text: str, n: int = 6) -> set[str]:
    text = rx.sub(r"[\s，。；;、:：,.()（）\"'“”]", "", text)
    return {text[i : i + n] for i in range(max(0, len(text) - n + 1))}


def duty_reading(doc: Document, s: Section) -> tuple[str, str, bool] | None:
    """Why the goals in `s` read as duties (zh, en, copied), or None."""
    text = doc.norm[s.body_start : s.end]
    if has_measurable_target(text):
        return None
    grams = ngrams(text)
    if len(grams) >= 20:
        duty_text = "".join(
            doc.norm[d.body_start : d.end]
            for d in sections(doc)
            if _DUTY_TITLE.search(d.title) and not (d.start <= s.start < d.end)
        )
        if duty_text:
            share = len(grams & ngrams(duty_text)) / len(grams)
            if share >= 0.3:
                pct = f"{share * 100:.0f}%"
                return (
                    f"约{pct}的文字与本报告的职责/职能部分相同",
                    f"about {pct} of its wording repeats the report's own duties section",
                    share >= 0.5,
                )
    duty = _PERFORM_DUTIES.search(text)
    if duty is not None and not rx.search(r"\d", text):
        return (
            f"以“{clip(duty.group(), 30)}”这类履行职能的表述代替目标，全段没有一个数字",
            f"it frames the goals as performing the unit's duties ('{clip(duty.group(), 30)}') "
            "and contains not a single figure",
            False,
        )
    verbs = len(DUTY_VERB.findall(text))
    if verbs >= 4:
        return (
            f"由{verbs}个“负责、执行、管理、保护…”式的职责条目构成",
            f"it is a list of {verbs} duty clauses (负责, 执行, 管理, 保护…)",
            False,
        )
    return None


# The parts that follow the goals in a report: the performance achieved, the score, the
# problems and measures (a heading), or a self-score anywhere.
LATER_TITLE = lazy(
    r"绩效(?:情况|分析|表现|完成)|指标完成|实施(?:效果|成效)|(?:取得|主要)(?:的)?(?:成效|成绩)|"
    r"结论|评价结果|问题|不足|改进|整改|下一步|建议"
)
_SCORE_TEXT = lazy(r"(?:自评|综合|总|评价)得分|评分(?:结果|为)")
_OVERVIEW_TITLE = lazy(r"^(?:部门|单位|项目)?(?:\(单位\))?(?:基本)?(?:概况|基本情况)$")

# An opening conclusion part (一、自评结论): the score summary a report starts with.
_CONCLUSION_TITLE = lazy(r"^(?:绩效)?自评(?:结论|结果|总体结论)$|^(?:总体)?评价结论$")


def reaches_later_part(doc: Document) -> bool:
    """Whether the text reaches a part that follows the goals: a report cut after its overview
    (or only its first pages published) cannot be judged to lack goals. A text that ends in
    its overview (基本概况) was cut there, even when a score summary stands before it; so was
    a text whose only part is the opening conclusion (一、自评结论), score and all, or any
    text with a part 一、 and no 二、 (a scored part 一、资金保障方面 cut mid-way)."""
    top = [s for s in sections(doc) if s.level <= 1 and s.style != "annex"]
    if top and _OVERVIEW_TITLE.search(top[-1].title):
        return False
    if len(top) == 1 and _CONCLUSION_TITLE.search(top[0].title):
        return False  # only the opening conclusion (一、自评结论): cut after its summary
    if len(top) == 1 and top[0].style == "cn" and top[0].number == 1:
        return False  # 一、 and never 二、: the text stops inside its first part
    if _SCORE_TEXT.search(doc.norm):
        return True
    return any(LATER_TITLE.search(s.title) for s in sections(doc))


_FIGURES_ONLY = lazy(r"[\d.,，%‰万元亿\s]+")


def empty_form_goal_spans(doc: Document) -> list[tuple[int, int]]:
    """Spans of the forms' 年度总体目标 cells that state no goal (Q002 reports them): a
    completion cell copying such a goal is the same cause, not another finding."""
    return [(g.start, g.end) for g in form_goals(doc) if form_goal_reading(g) is not None]


def form_goal_reading(g: FormGoal) -> tuple[str, str] | None:
    """Why a form's 年度总体目标 cells state no goal: figures only, or the project's name."""
    if not g.cells:
        return None
    if all(_FIGURES_ONLY.fullmatch(c) for c in g.cells):
        figures = "、".join(g.cells[:3])
        return (
            f"只填了数字（{figures}），没有写明年度目标",
            f"holds figures only ({figures}), no goal",
        )
    goal = rx.sub(r"\s+", "", g.cells[0])
    name = rx.sub(r"\s+", "", g.project)
    if 2 <= len(goal) <= 40 and not rx.search(r"\d", goal) and name and goal in name:
        return (
            f"只写了项目（资金）名称“{goal}”",
            f"only repeats the project (fund) name '{goal}'",
        )
    return None
