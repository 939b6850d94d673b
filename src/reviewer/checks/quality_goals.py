"""Report quality, goals and indicators: vague targets, goals that are missing or restate the
unit's duties, targets and scores without actual values, self-scores with nothing behind them,
and full marks next to a list of problems."""

from __future__ import annotations

import re
from collections.abc import Iterator

from reviewer import regex as rx
from reviewer.checks.actual_readings import duties_as_actuals, targets_as_actuals
from reviewer.checks.goal_forms import FormGoal, form_goals
from reviewer.checks.quality_common import (
    Sentence,
    clip,
    comparator_targets,
    first_sentence_within,
    goal_sections,
    grouped,
    has_measurable_target,
    sentence_at,
    sentences,
)
from reviewer.checks.registry import Hit, check, rule
from reviewer.checks.target_rewrites import indicator_name, rewrite_data
from reviewer.claims.goal_prose import intended_results, labelled_goals, quantity_rows
from reviewer.claims.sections import Section, section_path, sections
from reviewer.claims.selfscore import self_scores
from reviewer.claims.vocabulary import COMPARATOR_ALT
from reviewer.document import Document
from reviewer.document.forms import fold
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
    "anywhere (总体目标为…, 年度目标：一是…, numbered items under 年度总体目标:) none of whose "
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


# ---------------------------------------------------------------- Q001 vague targets

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
_INDICATOR_NOUN = r"(?:率|度|指数|水平|收入|增长|数量|满意度|效益|质量|效率|能力|意识|环境|形象)"
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
    for s in _top_goal_sections(doc):
        quantified = has_measurable_target(norm[s.body_start : s.end])
        for lo, hi in _clauses(norm, s.start, s.end):
            text = norm[lo:hi]
            if rx.search(r"\d", text):
                continue
            if quantified and any(_LONG_TERM.search(p.title) for p in section_path(doc, lo)):
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
    # 5. a goals section with no quantified target at all (and not just restated duties)
    for s in _top_goal_sections(doc):
        if not rx.search(r"目标", s.title):
            continue
        text = norm[s.body_start : s.end]
        if len(text.strip()) < 15 or has_measurable_target(text):
            continue
        if _duty_reading(doc, s) is not None or _JUDGED_GOAL.search(text):
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
# A verdict on the goal where the goal should stand: 绩效目标合理, 目标设置明确.
_JUDGED_GOAL = lazy(
    r"目标(?:设置|设定|设立)?(?:较为|比较|基本|十分|总体)?(?:合理|明确|科学|可行|适当|恰当)"
)
# An amount of money: the funds a goals section may state besides its targets.
_MONEY = lazy(r"\d+(?:[.,]\d+)*\s*(?:万元|亿元|元)(?!\s*[/每])")
# A section meant to give the targets: 绩效目标, 年度绩效目标, 绩效目标分解下达情况.
_TARGETS_TITLE = lazy(r"绩效目标(?:分解|下达|设定|设置|及|和|与|\s)*(?:情况|任务|指标)?$")
# Sections that report results or methods, not the targets themselves.
_NOT_TARGETS_TITLE = lazy(r"完成|实现|自评|评价|分析")
# "…绩效目标为/是 <goal>" or a "年度绩效目标。<goal>" label with the goal on its line; not the
# overall (总体, 中长期) aim, which is a direction by design.
_GOAL_STATEMENT = lazy(
    r"(?P<label>(?<!总体)(?<!长期)(?<!总)绩效目标)[ \t]*(?:为|是(?!否)|[。.])[ \t]*"
    r"(?P<goal>[^。；;\n]{6,120})"
)
# 以…绩效目标为导向 / 围绕绩效目标: the goals named as a principle.
_GUIDE = lazy(r"(?:以|按照|围绕|根据|依据|对照)[^，,。；;\n]{0,6}$")
# Where a run-together goal ends: the next numbered heading (二、项目资金…).
_NEXT_HEAD = lazy(r"[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）]")
_YEAR = lazy(r"20\d{2}\s*年度?|20\d{2}")
# A target that defers to a value set elsewhere: 防治率达到上级下达的指标.
_DEFERRED_TARGET = lazy(
    r"(?<=[率量数度])\s*(?:达到|完成|符合|满足)了?\s*"
    r"(?:上级|省|市|县|区|国家|主管部门|财政部门)?[^，。；,;\d\n]{0,8}?"
    r"(?:下达|规定|要求|确定|制定)的?\s*(?:指\s*标|目\s*标|标\s*准|任\s*务)"
)
# The indicator's name before it: back to the clause start, at most 20 characters.
_NAME_BEFORE = lazy(r"[^，,。；;\n]{1,19}$")


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
# Item numbers at a line or clause start (1.部门预算收入, 2、…).
_ENUMERATOR = lazy(r"(?:^|(?<=[\n。；;]))\s*[(（]?\d{1,2}[)）.．、]", re.M)
# A goal given after a label (年度总体目标:1.提升…): stated, whether measurable or not.
_GOAL_LABEL = lazy(r"目标\s*(?:[:：]|为|是(?!否))")
# Document numbers (川财社〔2020〕165号, 〔20211号) and dates (12月23日, 8月): no target.
_REFS = lazy(r"\d+\s*号|\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|\d+\s*个?工作日")
# Words that frame a figure as a target rather than a result (the funds' own too: 预计年收入2万元).
_TARGET_FRAMING = lazy(
    r"目标值|指标值|预计|力争|确保|计划(?!下达|安排|资金)|不低于|不少于|不超过|达到|"
    r"\d[^，,。；;]{0,6}(?:以上|以内)|≥|≤|>|<|＞|＜"
)
# What marks a figure as done rather than aimed at: 实施了…200余台, 实际发放, 累计, 已.
_RESULT_MARK = lazy(r"了|已|实际|累计|共计")


def _figures_not_targets(body: str) -> bool:
    """No sentence of a goals section's (folded) text frames a figure as a target, and every
    figure besides the funds, their rates, years, dates and document numbers stands in a
    sentence of its own, apart from the funds, that reports it as done (了, 已, 实际, 累计)."""
    for sent in rx.split(r"[。；;\n]", body):
        plain = _REFS.sub("", _YEAR.sub("", sent))
        if not rx.search(r"\d", plain):
            continue
        if _TARGET_FRAMING.search(plain):
            return False
        rest = _ENUMERATOR.sub("", _FUNDS_RATE.sub("", _MONEY.sub("", plain)))
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
            rx.search(r"目标完成|完成情况", title) or _LATER_TITLE.search(title)
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


def _targets_anywhere(doc: Document) -> bool:
    """A target with a comparator, or an indicator's value given as such, anywhere."""
    norm = doc.norm
    return bool(comparator_targets(norm) or rx.search(r"目标值|指标值|指标为\s*\d", norm))


def _goal_statements(doc: Document, judged: set[int]) -> Iterator[Hit]:
    """Goals stated in one sentence with nothing to measure them by (years aside), and
    targets that only refer to a value set elsewhere (…率达到上级下达的指标)."""
    norm = doc.norm
    if "绩效目标" not in norm:
        return
    for m in _GOAL_STATEMENT.finditer(norm):
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
        if rx.search(r"\d|[≥≤><]|不低于|不少于|不高于|不超过|以上|以内", _YEAR.sub("", goal)):
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


def _prose_goals(doc: Document, judged: set[int]) -> Iterator[Hit]:
    """Q001 on the goal_prose readings (see there): a labelled goal none of whose items is
    measured (an overall aim only when nothing in the report is quantified, and then info),
    an intended result named by its direction, a 数量指标 row with no quantity."""
    norm = doc.norm
    read: dict[int, bool] = {}

    def duties(s: Section) -> bool:  # each section read once
        if s.start not in read:
            read[s.start] = _duty_reading(doc, s) is not None
        return read[s.start]

    for g in labelled_goals(doc):
        a, b = g.items[0]
        if g.measured or a in judged:
            continue
        if g.overall and _targets_anywhere(doc):
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


_METHOD_TITLE = lazy(r"评价(?:工作|的组织|组织|方法|标准|依据|对象)|组织实施|评价情况|自评情况")


def _top_goal_sections(doc: Document) -> list[Section]:
    """Goal sections not nested in another goal section nor in a methodology section."""
    goals = goal_sections(doc)
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


# ---------------------------------------------------------------- Q002 missing goals

_DUTY_TITLE = lazy(r"职责|职能")
_DUTY_VERB = lazy(
    r"(?:^|[；;，,。、:：①-⑳]|\d[.、])\s*(?:负责|执行|管理|保护|维护|保障|办理|承担|承办|贯彻|"
    r"组织|落实|编制|审批|审核|协调|发布|领导|指导|监督|讨论和决定|完成上级)"
)


# Goals written as the unit performing its duties: "切实履行政治协商、民主监督…三大职能".
_PERFORM_DUTIES = lazy(r"(?:履行|发挥|围绕)[^。；;\n]{0,30}?(?:职能|职责)(?:作用)?")


def _ngrams(text: str, n: int = 6) -> set[str]:
    text = rx.sub(r"[\s，。；;、:：,.()（）\"'“”]", "", text)
    return {text[i : i + n] for i in range(max(0, len(text) - n + 1))}


def _duty_reading(doc: Document, s: Section) -> tuple[str, str, bool] | None:
    """Why the goals in `s` read as duties (zh, en, copied), or None."""
    text = doc.norm[s.body_start : s.end]
    if has_measurable_target(text):
        return None
    grams = _ngrams(text)
    if len(grams) >= 20:
        duty_text = "".join(
            doc.norm[d.body_start : d.end]
            for d in sections(doc)
            if _DUTY_TITLE.search(d.title) and not (d.start <= s.start < d.end)
        )
        if duty_text:
            share = len(grams & _ngrams(duty_text)) / len(grams)
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
    verbs = len(_DUTY_VERB.findall(text))
    if verbs >= 4:
        return (
            f"由{verbs}个“负责、执行、管理、保护…”式的职责条目构成",
            f"it is a list of {verbs} duty clauses (负责, 执行, 管理, 保护…)",
            False,
        )
    return None


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
        verbs = len(_DUTY_VERB.findall(items))
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
# The parts that follow the goals in a report: the performance achieved, the score, the
# problems and measures (a heading), or a self-score anywhere.
_LATER_TITLE = lazy(
    r"绩效(?:情况|分析|表现|完成)|指标完成|实施(?:效果|成效)|(?:取得|主要)(?:的)?(?:成效|成绩)|"
    r"结论|评价结果|问题|不足|改进|整改|下一步|建议"
)
_SCORE_TEXT = lazy(r"(?:自评|综合|总|评价)得分|评分(?:结果|为)")
_OVERVIEW_TITLE = lazy(r"^(?:部门|单位|项目)?(?:\(单位\))?(?:基本)?(?:概况|基本情况)$")


# Fewer characters than this, with no results/score/problems part, is a fragment.
_WHOLE_REPORT = 1500


def _reaches_later_part(doc: Document) -> bool:
    """Whether the text reaches a part that follows the goals: a report cut after its overview
    (or only its first pages published) cannot be judged to lack goals. A text that ends in
    its overview (基本概况) was cut there, even when a score summary stands before it."""
    top = [s for s in sections(doc) if s.level <= 1 and s.style != "annex"]
    if top and _OVERVIEW_TITLE.search(top[-1].title):
        return False
    if _SCORE_TEXT.search(doc.norm):
        return True
    return any(_LATER_TITLE.search(s.title) for s in sections(doc))


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


_FIGURES_ONLY = lazy(r"[\d.,，%‰万元亿\s]+")
# A list number (1. 2、 (3)) is no quantity.
_LIST_NUMBER = lazy(r"(?<![\d.])\d{1,2}[.、．](?!\d)|[(（]\d{1,2}[)）]")
_QUANTITY = lazy(r"\d+(?:\.\d+)?")


def _unquantified_form_goals(doc: Document) -> Iterator[Hit]:
    """A form's 预期目标 cell that names no quantity while its 实际完成情况 cell counts the
    results (4个, 202个, 3061户): the goal could have been quantified and was not."""
    for g in form_goals(doc):
        if len(g.cells) < 2 or _form_goal_reading(g) is not None:
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


def empty_form_goal_spans(doc: Document) -> list[tuple[int, int]]:
    """Spans of the forms' 年度总体目标 cells that state no goal (Q002 reports them): a
    completion cell copying such a goal is the same cause, not another finding."""
    return [(g.start, g.end) for g in form_goals(doc) if _form_goal_reading(g) is not None]


def _form_goal_reading(g: FormGoal) -> tuple[str, str] | None:
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
    grams = _ngrams(norm[p_lo:p_hi], 4)
    if len(grams) < 20 or has_measurable_target(_ITEM_NUMBER.sub(" ", norm[p_lo:p_hi])):
        return None
    share = len(grams & _ngrams(norm[d_lo:d_hi], 4)) / len(grams)
    if share < 0.4:
        return None
    first = next((x for x in sentences(doc) if x.start >= p_lo and x.end <= p_hi), None)
    span = (first.start, first.end) if first else (p_lo, p_hi)
    return span, rx.sub(r"\s+", "", plan.group()).strip("|"), share


@check(MISSING_GOALS)
def missing_goals(doc: Document) -> Iterator[Hit]:
    norm = doc.norm
    goals = [s for s in goal_sections(doc) if "目标" in s.title]
    for s in _top_goal_sections(doc):
        if "目标" not in s.title:
            continue
        why = _duty_reading(doc, s)
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
        if not _MONEY.search(body) or _duty_reading(doc, s) is not None:
            continue
        if _GOAL_STATEMENT.search(body) or _targets_anywhere(doc):
            continue  # a goal is stated (Q001 judges it), or targets stand elsewhere
        if _TARGETS_POINTER.search(body):
            continue  # 具体详见“绩效指标完成情况分析”: the section says where the targets stand
        if _GOAL_LABEL.search(body) or not _figures_not_targets(body):
            continue  # a goal stated (年度总体目标:…, Q001 judges it), or a figure that may be one
        strict = _TARGETS_TITLE.search(title) and not rx.search(
            r"\d", _MONEY.sub("", _YEAR.sub("", body))
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
    for s in _top_goal_sections(doc):
        text = norm[s.body_start : s.end]
        if "目标" not in s.title or has_measurable_target(text) or rx.search(r"\d", text):
            continue
        verdict = _JUDGED_GOAL.search(text)
        if verdict is None or _duty_reading(doc, s) is not None:
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
        empty = _form_goal_reading(g)
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
    if not _reaches_later_part(doc):
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


# ---------------------------------------------------------------- Q003 missing actuals

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
    the execution figures would have followed."""
    secs = sections(doc)
    return bool(secs) and bool(_FUNDS_TITLE.search(secs[-1].title)) and not _reaches_later_part(doc)


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
    whole = _reaches_later_part(doc) or len(norm.strip()) >= _WHOLE_REPORT
    if budget and whole and not _ends_in_budget_section(doc):
        s = sentence_at(doc, budget.start())
        lo, hi = (s.start, s.end) if s else (budget.start(), budget.end())
        yield MISSING_ACTUALS.hit(
            [(lo, hi)],
            {"quote": clip(norm[lo:hi], 40)},
            variant="budget_only",
        )


# ---------------------------------------------------------------- Q004 / Q005 self-scores

_INDICATOR_SCORE = lazy(
    r"(?:得分|分值|赋分|权重|扣分|计分)\s*[为是:：]?\s*\d+(?:\.\d+)?\s*分?"
    r"|\d+(?:\.\d+)?\s*分[，,；;]\s*(?:得|实得|扣)\s*\d"
)
# An indicator score table's header: 分值, a target or actual column, then 得分, as column names
# within one short stretch of a line (a funds block's 分值 执行率 得分 is not one).
_SCORE_HEADER = lazy(
    r"分值[^。，,；;：:\n\d]{0,12}?(?:指标值|目标值|完成值|实际值|实际完成)[^。，,；;：:\n\d]{0,12}?得分"
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
