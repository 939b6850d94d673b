"""Report quality, vague targets (Q001): indicator values and goals that name a direction only —
a value after a dash, a clause in a goals section, a goal stated inline or after a label, an
intended result or 数量指标 row with no measure, table cells that give a direction or repeat the
indicator's name, a form's goal with no quantity beside a counted result, and a goals section
with nothing quantified."""

from __future__ import annotations

import re
from collections.abc import Iterator

from reviewer import regex as rx
from reviewer.checks.goal_forms import form_goals
from reviewer.checks.goal_readings import (
    GOAL_STATEMENT,
    JUDGED_GOAL,
    YEAR,
    duty_reading,
    form_goal_reading,
    targets_anywhere,
    top_goal_sections,
)
from reviewer.checks.quality_common import (
    clip,
    first_sentence_within,
    grouped,
    has_measurable_target,
)
from reviewer.checks.quality_lost_text import lost_figures
from reviewer.checks.registry import Hit, check, rule
from reviewer.checks.target_rewrites import indicator_name, rewrite_data
from reviewer.claims.goal_prose import intended_results, labelled_goals, quantity_rows
from reviewer.claims.sections import Section, section_path
from reviewer.document import Document
from reviewer.models import Severity
from reviewer.regex import lazy

VAGUE_TARGET = rule(
    code="Q001",
    fix_zh="写明比较符、目标值、计量单位，必要时写明基期，如“办结率≥98%”“较上年增长5%”。",
    name="vague-target",
    kind="vague_target",
    severity=Severity.WARNING,
    family="quality",
    title_zh="绩效目标或指标值模糊，无法衡量",
    title_en="Vague target: no value, comparator or measure",
    message_zh="“{quote}”只有“{word}”这类方向性表述，没有比较符、数值、单位或基期，无法判断是否完成。"
    "建议改为：“{rewrite}”（{rewrite_basis}）",
    message_en="'{quote}' only says '{word}': no comparator, value, unit or baseline, so nobody "
    "can tell whether it was met. Suggested rewrite: '{rewrite}' ({rewrite_basis})",
    what="Finds indicator values and goal statements that name a direction only: an indicator "
    "whose value after '——' is 提升/提高/顺利开展…, a clause in a goals section such as "
    "'…满意度提高' or '…都有一定提升' with no number, a goal stated inline with no measure "
    "(项目绩效目标为做好…的工作; 年度绩效目标。落实…, years aside), a goal after a label "
    "anywhere (总体目标为…, 年度目标：一是…, numbered items under 年度总体目标:, goals "
    "announced as a list: 完成了以下工作目标：一是…；二是…, 目标如下：1.…；2.…) none of whose "
    "items states a figure or comparator (an overall aim only when nothing in the report is "
    "quantified, then info; not when indicators are set under it right after, nor when it "
    "restates duties, which Q002 reports), an intended result named by its direction in a "
    "goal-setting section (…要达到100%，实现…基本恢复, info), a 数量指标 row that sets no "
    "quantity (成本控制 | 不超过预算 | 10), all also in traditional characters, a target that only "
    "defers to a value set elsewhere (…率达到上级下达的指标), and a goals section with no "
    "quantified target at all. In indicator tables: a target cell that is a direction only "
    "(不断提升, 进一步提高) and targets that repeat their indicator's name (one finding for all); "
    "in a run-together form, a 年初设定目标 phrase with no figure before the completion label "
    "(info). A form's 预期目标 cell with no quantity beside a 实际完成情况 cell that counts its "
    "results (the goal could have been quantified). "
    "An overall (总体, 中长期) aim above quantified annual targets "
    "is a direction by design and stays silent.",
    why="财预〔2015〕88号 and provincial rules ask goals to be 细化量化; reviewers mark 模糊化 "
    "targets down because no result can be scored against them.",
    example=(
        "二、年度绩效目标\n持续提升工作效率及工作质量；人均收入和地区经济增长都有一定提升。\n"
    ),
    counterexample=("二、年度绩效目标\n农村道路硬化≥20公里；群众满意度≥90%；人均收入增长≥6%。\n"),
    fix="State comparator, value, unit and where useful the baseline: '办结率≥98%', "
    "'较上年增长5%'.",
    variants={
        "statement": (
            "{title}写为“{quote}”，没有数量、质量、时效或满意度等可衡量的指标值，无法判断是否完成。"
            "请给出“指标 + 比较符 + 数值 + 单位”的年度目标，如“灌溉面积≥500亩”",
            "The {title} is stated as '{quote}' with no quantity, quality, time or "
            "satisfaction value to measure it by; give annual targets as indicator + "
            "comparator + value + unit",
        ),
        "overall": (
            "{title}写为“{quote}”{more_zh}，只有方向，没有数量、标准或比较符；全文也未见量化的"
            "指标值，无法判断是否完成（若另附绩效目标表，请一并核对）",
            "The {title} is stated as '{quote}'{more_en}: a direction with no quantity, "
            "standard or comparator, and the report states no quantified indicator anywhere "
            "(check any attached goals table)",
        ),
        "items": (
            "{title}写为“{quote}”{more_zh}，各项都没有数量、质量、时效或满意度等可衡量的指标值，"
            "无法判断是否完成。请给出“指标 + 比较符 + 数值 + 单位”的年度目标",
            "The {title} is stated as '{quote}'{more_en}: no item carries a quantity, quality, "
            "time or satisfaction value to measure it by; give annual targets as indicator + "
            "comparator + value + unit",
        ),
        "intended": (
            "目标“{quote}”只说要“{word}”，没有写明达到什么程度（数量、比例或标准），"
            "无法判断是否完成",
            "The goal '{quote}' only names a direction ('{word}') without the extent to reach "
            "(quantity, share or standard), so completion cannot be judged",
        ),
        "quantity": (
            "数量指标“{quote}”没有写出任何数量（人数、面积、件数等），只有要求或方式，"
            "无法衡量产出数量是否完成",
            "The quantity indicator '{quote}' sets no quantity (people, area, items…), only a "
            "requirement or a manner, so the output quantity cannot be judged",
        ),
        "deferred": (
            "目标“{quote}”只说达到别处规定的指标，没有写出目标值本身，无法据本报告判断是否完成",
            "The target '{quote}' only refers to a value set elsewhere without stating it, so "
            "the report gives nothing to judge completion by",
        ),
        "name": (
            "指标表中“{quote}”的目标值照抄了指标名称，没有比较符、数值或单位，无法判断是否完成"
            "{times_zh}",
            "The target of '{quote}' in the indicator table repeats the indicator's name: no "
            "comparator, value or unit, so completion cannot be judged{times_en}",
        ),
        "form_goal": (
            "年度总体目标的预期目标“{quote}”没有任何数量或标准，而实际完成情况栏列出了 {n} 个数字："
            "目标本可量化，现无法据此判断完成程度",
            "The form's annual goal '{quote}' states no quantity or standard, while its "
            "completion cell gives {n} figures: the goal could have been quantified",
        ),
        "section": (
            "“{title}”下的目标没有任何量化指标（无比较符、百分比或目标数值），只有“{quote}”这类"
            "描述。请按产出（数量、质量、时效、成本）、效益和满意度分别给出“指标 + 比较符 + 数值"
            " + 单位”的年度目标",
            "The goals under '{title}' carry no quantified target (no comparator, percentage or "
            "target figure), only text such as '{quote}'. Give annual targets per output "
            "(quantity, quality, time, cost), effect and satisfaction as indicator + comparator "
            "+ value + unit",
        ),
    },
)

_VAGUE_WORDS = (
    r"提升|提高|改善|增强|增加|加强|降低|减少|下降|好转|优化|促进|推进|顺利开展|顺利|有效保障|"
    r"有效|保障|明显|显著|进一步\S{0,4}|有所\S{0,2}|有一定\S{0,2}|持续\S{0,4}|稳步\S{0,2}|逐步\S{0,2}"
)
# "指标——值" with a direction word as the whole value.
_DASH_VALUE = lazy(
    r"(?P<name>[^\n，。；;：:()\[\]—]{2,30}?)\s*(?:——|—|--)\s*(?P<value>[^\n，。；;,()（）—]{1,8}?)"
    r"\s*(?=[；;，,。\n]|$)"
)
_VAGUE_VALUE = lazy(rf"^(?:{_VAGUE_WORDS})$")
_DASH_CHAR = lazy(r"[—-]")


def _dash_values(norm: str) -> Iterator[re.Match[str]]:
    """The matches of `_DASH_VALUE.finditer(norm)`, the pattern tried only within reach of a
    dash: a name of at most 30 characters, then spaces (a pipe table's |---| rule puts dashes
    in a text that has no dashed value)."""
    return rx.finditer_near(_DASH_VALUE, norm, _DASH_CHAR, 30, str.isspace)


# A clause naming an indicator and ending in a direction word, no number.
_INDICATOR_NOUN = (
    r"(?:率|度|指数|水平|收入|增长|数量|满意度|效益|质量|效率|能力|意识|环境|形象|状况|条件|面貌|"
    r"秩序|素质|性)"
)
# (获得感/幸福感 are left to the model layer: its tests' critique names 群众获得感进一步提高 as the
# vague goal the rules do not report, and a rule finding there would absorb it.)
_ADVERB = (
    r"(?:都|均|将|得到|有|有所|有一定|一定|明显|显著|进一步|持续|"
    r"逐步|不断|稳步|普遍|大幅|全面|有效)"
)
_VAGUE_CLAUSE = lazy(
    rf"^(?P<q>.{{1,30}}?{_INDICATOR_NOUN}{_ADVERB}*"
    rf"(?P<word>提升|提高|改善|增强|增加|降低|减少|下降|好转|优化|保障))$"
)
_CLAUSE_SPLIT = lazy(r"[，,；;。\n]")
_LIST_MARK = lazy(r"^\s*(?:[(（]?\d{1,2}[)）.、]|[①-⑳]|[(（][一二三四五六七八九十]+[)）])\s*")


@check(VAGUE_TARGET)
def vague_targets(doc: Document) -> Iterator[Hit]:
    lost = lost_figures(doc)
    for h in _vague_targets(doc):
        if lost and h.spans and any(a < h.spans[0][1] and h.spans[0][0] < b for a, b in lost):
            continue  # a goal whose figure was lost in publishing (建设座): Q172's, not vague
        yield h


def _vague_targets(doc: Document) -> Iterator[Hit]:
    yield from _unquantified_form_goals(doc)
    norm = doc.norm
    # 1. indicator values after a dash (most reports have none: skip the scan)
    dashed = "—" in norm or "--" in norm
    for m in _dash_values(norm) if dashed else ():
        value = m.group("value").strip()
        if _VAGUE_VALUE.match(value):
            start = m.start("name") + (len(m.group("name")) - len(m.group("name").lstrip()))
            name = m.group("name").strip()
            yield VAGUE_TARGET.hit(
                [(start, m.end("value"))],
                {
                    "quote": norm[start : m.end("value")],
                    "word": value,
                    **rewrite_data(doc, [(name, value, (start, m.end("value")))]),
                },
            )
    # 2. clauses in goals sections: "…满意度提高", "…都有一定提升"
    judged: set[int] = set()
    for s in top_goal_sections(doc):
        quantified = has_measurable_target(norm[s.body_start : s.end])
        for lo, hi in _clauses(norm, s.start, s.end):
            text = norm[lo:hi]
            if rx.search(r"\d", text):
                continue
            if quantified and (
                any(_LONG_TERM.search(p.title) for p in section_path(doc, lo))
                or _PLAN_PERIOD.search(norm, norm.rfind("\n", 0, lo) + 1, lo)
            ):
                continue  # an overall aim above quantified annual targets: direction is its job
            vague = _VAGUE_CLAUSE.match(text)
            if vague and lo not in judged:
                judged.add(lo)
                name = indicator_name(text)
                yield VAGUE_TARGET.hit(
                    [(lo, hi)],
                    {
                        "quote": text,
                        "word": vague.group("word"),
                        **rewrite_data(doc, [(name, text[len(name) :] or text, (lo, hi))]),
                    },
                )
    # 3. a goal stated inline with no measure: "项目绩效目标为做好…的工作", "年度绩效目标。落实…"
    yield from _goal_statements(doc, judged)
    # 3b. goals stated in prose after a label, intended results named by direction only in
    # goal-setting sections, and 数量指标 rows that set no quantity (goal_prose)
    yield from _prose_goals(doc, judged)
    # 4. indicator table cells: a target that is a direction only (不断提升), targets that
    # repeat their indicator's name (统筹…谋划 | 统筹…谋划 | 完成)
    yield from _vague_cells(doc)
    yield from grouped(_name_as_target(doc), lambda h: "name")
    # 4b. a run-together form's 年初设定目标 phrase with no figure (info)
    yield from _run_together_goals(doc)
    # 4c. goals announced as a list (以下工作目标：一是…；二是…), no item with a figure
    yield from _listed_goals(doc, judged)
    # 5. a goals section with no quantified target at all (and not just restated duties)
    for s in top_goal_sections(doc):
        if not rx.search(r"目标", s.title):
            continue
        text = norm[s.body_start : s.end]
        if len(text.strip()) < 15 or has_measurable_target(text):
            continue
        if duty_reading(doc, s) is not None or JUDGED_GOAL.search(text):
            continue  # reported by Q002 (duties, or a verdict on the goal in place of one)
        first = first_sentence_within(doc, s.body_start, s.end)
        if first is None:
            continue
        yield VAGUE_TARGET.hit(
            [(first.start, first.end)],
            {"title": s.title, "quote": clip(first.text, 40)},
            variant="section",
        )


_LONG_TERM = lazy(r"总体|中长期|长期|总目标")
# A paragraph that opens on a plan period (“十四五”时期…的主要目标是, 2021—2025年): its aims
# span the period, the year's targets are set elsewhere.
_PLAN_PERIOD = lazy(
    r"十[一二三四五六七八九十]五|规划期|中长期|(?:19|20)\d\d\s*[—–-]\s*(?:19|20)\d\d\s*年|"
    r"(?:未来|今后)[三五十]年"
)
# 以…绩效目标为导向 / 围绕绩效目标: the goals named as a principle.
_GUIDE = lazy(r"(?:以|按照|围绕|根据|依据|对照)[^，,。；;\n]{0,6}$")
# Where a run-together goal ends: the next numbered heading (二、项目资金…).
_NEXT_HEAD = lazy(r"[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）]")
# A target that defers to a value set elsewhere: 防治率达到上级下达的指标.
_DEFERRED_TARGET = lazy(
    r"(?<=[率量数度])\s*(?:达到|完成|符合|满足)了?\s*"
    r"(?:上级|省|市|县|区|国家|主管部门|财政部门)?[^，。；,;\d\n]{0,8}?"
    r"(?:下达|规定|要求|确定|制定)的?\s*(?:指\s*标|目\s*标|标\s*准|任\s*务)"
)
# The indicator's name before it: back to the clause start, at most 20 characters.
_NAME_BEFORE = lazy(r"[^，,。；;\n]{1,19}$")


def _goal_statements(doc: Document, judged: set[int]) -> Iterator[Hit]:
    """Goals stated in one sentence with nothing to measure them by (years aside), and
    targets that only refer to a value set elsewhere (…率达到上级下达的指标)."""
    norm = doc.norm
    if "绩效目标" not in norm:
        return
    for m in GOAL_STATEMENT.finditer(norm):
        lo, hi = m.start("goal"), m.end("goal")
        cut = _NEXT_HEAD.search(norm, lo, hi)
        hi = cut.start() if cut else hi
        goal = norm[lo:hi].strip(" ,，:：")
        if len(goal) < 6 or goal.startswith(("如下", "包括", "主要有")) or "|" in goal:
            continue
        if rx.search(r"[如见](?:下|附|后)?表|详见|如下", goal):
            continue  # it points to the table or list that states the goals
        if _GUIDE.search(norm, max(0, m.start() - 8), m.start()):
            continue  # 以绩效目标为导向: a principle, not the goal
        if norm[m.end("label")] not in "为是" and not _heading_label(norm, m.start("label")):
            continue  # …如期实现年度绩效目标。<next sentence>: a sentence's end, not a label
        if rx.search(r"\d|[≥≤><]|不低于|不少于|不高于|不超过|以上|以内", YEAR.sub("", goal)):
            continue
        at = norm.find(goal, lo)
        if at in judged:
            continue
        judged.add(at)
        yield VAGUE_TARGET.hit(
            [(at, at + len(goal))],
            {"quote": clip(goal, 40), "title": m.group("label")},
            variant="statement",
        )
    for m in _DEFERRED_TARGET.finditer(norm):
        name = _NAME_BEFORE.search(norm, max(0, m.start() - 19), m.start())
        if name is None or "目标" not in norm[max(0, m.start() - 120) : m.start()]:
            continue  # a completion claim, not a target
        lo = name.start() + (len(name.group()) - len(name.group().lstrip()))
        if lo in judged:
            continue
        judged.add(lo)
        yield VAGUE_TARGET.hit(
            [(lo, m.end())],
            {"quote": norm[lo : m.end()]},
            variant="deferred",
        )


# What may stand before a "绩效目标。" label on its line: a heading's number, a year, the
# unit's or project's name; not a clause (punctuation) nor a verb that makes it a sentence's end.
_LABEL_PREFIX_REACH = 24
_SENTENCE_BEFORE_LABEL = lazy(
    r"[，,；;。]|实现|完成|达到|达成|设置|设定|下达|分解|制定|确定|对照|围绕|按照|根据|各项"
)


def _heading_label(norm: str, label_start: int) -> bool:
    """Whether the "…绩效目标。" at `label_start` heads what follows (2.2020年度绩效目标。落实…)
    rather than ending a sentence (…如期实现年度绩效目标。同时…)."""
    line = norm.rfind("\n", 0, label_start) + 1
    prefix = norm[line:label_start]
    return len(prefix) <= _LABEL_PREFIX_REACH and not _SENTENCE_BEFORE_LABEL.search(prefix)


_YEAR_WORD = lazy(r"(?:19|20)\d{2}\s*年度?")
_TARGETS_SET = lazy(r"(?:目标|指标)值?\s*(?:为|是|[:：])")
_FOLLOW_TARGETS_REACH = 600


def _targets_follow(doc: Document, end: int) -> bool:
    """Whether quantified targets follow an overall aim in its own section: a later sentence
    setting targets (目标为, 指标是, 目标：) whose words after that state figures
    (2024年度量化目标为：…项目20个，…增长8%), years left out. Results narrated after it
    (为671.4万人发放…，如期实现年度绩效目标) set no target and do not count."""
    norm = doc.norm
    path = section_path(doc, end)
    hi = path[-1].end if path else len(norm)
    tail = norm[end : min(hi, end + _FOLLOW_TARGETS_REACH)]
    for sentence in rx.split(r"[。\n]", tail):
        m = _TARGETS_SET.search(sentence)
        if m and has_measurable_target(_YEAR_WORD.sub(" ", sentence[m.end() :])):
            return True
    return False


def _prose_goals(doc: Document, judged: set[int]) -> Iterator[Hit]:
    """Q001 on the goal_prose readings (see there): a labelled goal none of whose items is
    measured (an overall aim only when nothing in the report is quantified, and then info),
    an intended result named by its direction, a 数量指标 row with no quantity."""
    norm = doc.norm
    read: dict[int, bool] = {}

    def duties(s: Section) -> bool:  # each section read once
        if s.start not in read:
            read[s.start] = duty_reading(doc, s) is not None
        return read[s.start]

    for g in labelled_goals(doc):
        a, b = g.items[0]
        if g.measured or a in judged:
            continue
        if g.overall and (targets_anywhere(doc) or _targets_follow(doc, g.items[-1][1])):
            continue  # an overall aim above quantified targets: a direction by design
        if g.indicators_follow:
            continue  # 年度目标下设33个三级指标: the indicators under it measure it
        if any(duties(p) for p in section_path(doc, a)):
            continue  # goals that restate the unit's duties: Q002's
        judged.update(x for x, _ in g.items)
        more = len(g.items) - 1
        yield VAGUE_TARGET.hit(
            g.items,
            {
                "title": g.label,
                "quote": clip(norm[a:b], 40),
                "more_zh": f"等{more + 1}项" if more else "",
                "more_en": f" and {more} more item(s)" if more else "",
            },
            variant="overall" if g.overall else "items",
            severity=Severity.INFO if g.overall else None,
        )
    for r in intended_results(doc):
        if r.start in judged:
            continue
        judged.add(r.start)
        yield VAGUE_TARGET.hit(
            [(r.start, r.end)],
            {"quote": norm[r.start : r.end], "word": r.word},
            variant="intended",
            severity=Severity.INFO,
        )
    for lo, hi in quantity_rows(doc):
        if lo in judged:
            continue
        judged.add(lo)
        yield VAGUE_TARGET.hit([(lo, hi)], {"quote": clip(norm[lo:hi], 40)}, variant="quantity")


# A table cell that is a direction of change and nothing else: 不断提升, 进一步提高, 有所改善.
_DIRECTION_ENDS = frozenset("升高善强加低少降转化")
_DIRECTION_CELL = lazy(
    r"^(?:不断|进一步|有所|逐步|持续|稳步|逐年|明显|显著|大幅)的?"
    r"(?:提升|提高|改善|增强|增加|降低|减少|下降|好转|优化)$"
)


# A run-together form: 年初设定目标, the goal, then the completion label (no cell breaks).
_SET_GOAL_RUN = lazy(
    r"年初设定目标(?P<goal>[^|\n\d]{4,60}?)(?=年度总体目标完成情况|全年实际完成情况|实际完成情况)"
)


# A list of goals announced: 以下工作目标：, 如下目标：, 目标如下：, 目标有以下几个方面：.
_GOALS_ANNOUNCED = lazy(
    r"(?:以下|如下|下列)[\u4e00-\u9fff]{0,6}目标[ \t]*[:：]"
    r"|目标(?:如下|有以下几个方面|主要有)[ \t]*[:：]"
)
_ITEM_START = lazy(
    r"[一二三四五六七八九十]是|(?<![\d.])\d{1,2}[.、．](?!\d)|[(（]\d{1,2}[)）]|[①-⑩]"
)
_YEARS = lazy(r"20\d{2}\s*年度?")


def _listed_goals(doc: Document, judged: set[int]) -> Iterator[Hit]:
    """Goals announced as a list on one paragraph (完成了以下工作目标：一是精准精细，落实…；二是…),
    at least two items, none with a figure (years aside): the goals are slogans."""
    norm = doc.norm
    for m in _GOALS_ANNOUNCED.finditer(norm):
        eol = norm.find("\n", m.end())
        eol = len(norm) if eol == -1 else eol
        passage = norm[m.end() : eol]
        starts = [x.start() for x in _ITEM_START.finditer(passage)]
        words = _ITEM_START.sub(" ", _YEARS.sub(" ", passage))  # list numbers are no figures
        if len(starts) < 2 or starts[0] > 2 or _ANY_DIGIT.search(words):
            continue
        lo = m.end() + starts[0]
        if lo in judged:
            continue
        stop = rx.search(r"[；;。]", norm[lo:eol])
        hi = lo + stop.start() if stop else m.end() + starts[1]
        judged.add(lo)
        n = len(starts) - 1
        yield VAGUE_TARGET.hit(
            [(lo, hi)],
            {
                "title": norm[m.start() : m.end()].rstrip(":： \t"),
                "quote": clip(norm[lo:hi], 40),
                "more_zh": f"等{len(starts)}项",
                "more_en": f" and {n} more",
            },
            variant="items",
        )


def _run_together_goals(doc: Document) -> Iterator[Hit]:
    """A run-together form's goal: 年初设定目标, a phrase with no figure, then the completion
    label (an OCR'd or .xls preview with its cells glued): info, the cell bounds being read."""
    norm = doc.norm
    for m in _SET_GOAL_RUN.finditer(norm):
        goal = m.group("goal").strip()
        if has_measurable_target(goal):
            continue
        yield VAGUE_TARGET.hit(
            [(m.start("goal"), m.end("goal"))],
            {
                "title": "年初设定目标",
                "quote": clip(goal, 40),
                "more_zh": "",
                "more_en": "",
            },
            severity=Severity.INFO,
            variant="items",
        )


def _vague_cells(doc: Document) -> Iterator[Hit]:
    """Table cells (a row with `|` or tabs) whose whole value is a direction of change."""
    from reviewer.checks.quality_forms import cells

    norm = doc.norm
    if "|" not in norm and "\t" not in norm:
        return
    cs = cells(doc)
    for i, c in enumerate(cs):
        if not 2 < len(c.text) <= 12 or c.text[-1] not in _DIRECTION_ENDS:
            continue
        if _DIRECTION_CELL.match(_SPACES.sub("", c.text)) is None:
            continue
        line = doc.line_at(c.start)
        if "|" not in line.text and "\t" not in line.text:
            continue
        name = next((p.text for p in reversed(cs[max(0, i - 3) : i]) if p.text), "")
        quote = f"{_SPACES.sub('', name)}：{c.text}" if name else c.text
        yield VAGUE_TARGET.hit(
            [(c.start, c.end)],
            {
                "quote": quote,
                "word": c.text,
                **rewrite_data(doc, [(_SPACES.sub("", name), c.text, (c.start, c.end))]),
            },
        )


_SPACES = lazy(r"\s+")
_ANY_DIGIT = lazy(r"\d")
_TARGET_HEADER = lazy(r"指标值|目标值|年度目标|预期目标|年初目标")
# An indicator name: a short phrase, no figure, no sentence, not a category (…指标).
_NAME_CELL = lazy(r"^[^\d\s，,。；;：:%％]{4,20}$")


def _name_as_target(doc: Document) -> Iterator[Hit]:
    """Indicator rows whose target cell repeats the indicator's name and which go on to an
    actual or a score: the target states no measure."""
    norm = doc.norm
    if "|" not in norm:
        return
    for line in doc.lines:
        if line.text.count("|") < 3:
            continue
        cells = [(m.start(), m.end()) for m in rx.finditer(r"[^|]+", line.text)]
        texts = [_SPACES.sub("", line.text[a:b]) for a, b in cells]
        for i in range(len(cells) - 2):
            name = texts[i]
            if not name or name != texts[i + 1] or not _NAME_CELL.match(name):
                continue
            if name.endswith("指标") or not texts[i + 2] or _ANY_DIGIT.search(texts[i + 2]):
                continue  # the actual in words (完成) follows: figures are another table
            if not _TARGET_HEADER.search(norm, max(0, line.start - 2000), line.start):
                continue  # not under an indicator table's header: a merged cell flattened
            a, b = cells[i + 1]
            lo = line.start + cells[i][0]
            lo += len(line.text[cells[i][0] : cells[i][1]]) - len(
                line.text[cells[i][0] : cells[i][1]].lstrip()
            )
            hi = line.start + b - (len(line.text[a:b]) - len(line.text[a:b].rstrip()))
            yield VAGUE_TARGET.hit(
                [(lo, hi)],
                {"quote": line.text[a:b].strip()},
                variant="name",
            )
            break


def _clauses(norm: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    pos = start
    for m in _CLAUSE_SPLIT.finditer(norm, start, end):
        yield from _clause(norm, pos, m.start())
        pos = m.end()
    yield from _clause(norm, pos, end)


def _clause(norm: str, lo: int, hi: int) -> Iterator[tuple[int, int]]:
    text = norm[lo:hi]
    m = _LIST_MARK.match(text)
    if m:
        lo += m.end()
    # drop a "指标名：" / "①数量指标。" lead
    seg = norm[lo:hi]
    k = max(seg.rfind("："), seg.rfind(":"))
    if k >= 0:
        lo += k + 1
    while lo < hi and norm[lo] in " \t\"'":
        lo += 1
    while hi > lo and norm[hi - 1] in " \t\"'":
        hi -= 1
    if hi - lo >= 4:
        yield lo, hi


# A list number (1. 2、 (3)) is no quantity.
_LIST_NUMBER = lazy(r"(?<![\d.])\d{1,2}[.、．](?!\d)|[(（]\d{1,2}[)）]")
_QUANTITY = lazy(r"\d+(?:\.\d+)?")


def _unquantified_form_goals(doc: Document) -> Iterator[Hit]:
    """A form's 预期目标 cell that names no quantity while its 实际完成情况 cell counts the
    results (4个, 202个, 3061户): the goal could have been quantified and was not."""
    for g in form_goals(doc):
        if len(g.cells) < 2 or form_goal_reading(g) is not None:
            continue  # Q002 reports a goal cell that states no goal at all
        goal = rx.sub(r"\s+", "", g.cells[0])
        done = _LIST_NUMBER.sub(" ", g.cells[1])
        if len(goal) < 8 or _QUANTITY.search(_LIST_NUMBER.sub(" ", goal)):
            continue
        n = len(_QUANTITY.findall(done))
        if n < 2:
            continue  # the completion is not counted either: nothing shows a measure was at hand
        lo = doc.norm.find(g.cells[0][:12], g.start, g.end)
        lo = g.start if lo < 0 else lo
        quote = clip(goal, 30)
        yield VAGUE_TARGET.hit(
            [(lo, min(g.end, lo + len(g.cells[0])))],
            {"quote": quote, "n": n},
            variant="form_goal",
        )
