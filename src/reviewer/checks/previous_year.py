"""Y001–Y004: this year's report against last year's (`--previous DIR|FILE`). Rules without a
check function: they need two reports, so `reviewer.previous` emits them once last year's
report of the same unit is known. Their `example` and `counterexample` are pairs of reports,
last year's first (`=== name ===` starts each one)."""

from __future__ import annotations

from reviewer.checks.registry import rule
from reviewer.models import Severity

# Rule codes emitted by comparing a report with last year's report of the same unit.
PREVIOUS_CODES = ("Y001", "Y002", "Y003", "Y004")

_LAST_HEAD = "=== 甲县水利局-2023.txt ===\n甲县水利局2023年度部门整体支出绩效自评报告\n"
_THIS_HEAD = "=== 甲县水利局-2024.txt ===\n甲县水利局2024年度部门整体支出绩效自评报告\n"

UNCHANGED = rule(
    code="Y001",
    name="unchanged-from-last-year",
    kind="unchanged_from_last_year",
    severity=Severity.INFO,
    family="previous",
    title_zh="目标或指标值与上年报告完全相同",
    title_en="Goal or target kept word for word from last year",
    message_zh="本段绩效目标与上年报告 {other} 第 {other_line} 行一字不差（年份除外），"
    "请核实是否根据本年度工作重新设定",
    message_en="This goal is word for word the one on line {other_line} of last year's report "
    "{other} (years aside); check that it was set for this year's work",
    variants={
        "target": (
            "指标“{name}”目标值 {target} 与上年报告 {other} 第 {other_line} 行相同{actual_zh}，"
            "请核实是否根据上年完成情况调整",
            "The target of “{name}”, {target}, is the one on line {other_line} of last year's "
            "report {other}{actual_en}; check it was reconsidered after last year's results",
        ),
    },
    what="With `--previous`, compares the goals section (目标) of a report with last year's "
    "report of the same unit: a goal paragraph of 20 characters or more kept word for word "
    "(the years aside) is a warning; an indicator target with the same name and the same value "
    "is info (a standing target, such as satisfaction ≥90%, may be right).",
    why="Goals and targets are set each year from last year's results and this year's budget; "
    "goals copied from last year's report suggest the target-setting was not done.",
    example=(
        _LAST_HEAD + "二、绩效目标\n"
        "完成全县小型水库除险加固工程，保障下游群众生命财产安全，提升防汛抗旱能力。\n"
        + _THIS_HEAD
        + "二、绩效目标\n"
        "完成全县小型水库除险加固工程，保障下游群众生命财产安全，提升防汛抗旱能力。\n"
    ),
    counterexample=(
        _LAST_HEAD + "二、绩效目标\n"
        "完成全县小型水库除险加固工程，保障下游群众生命财产安全，提升防汛抗旱能力。\n"
        + _THIS_HEAD
        + "二、绩效目标\n"
        "完成剩余小型水库除险加固工程和灌区渠道维修，保障下游群众生命财产安全，"
        "提升防汛抗旱能力。\n"
    ),
    fix="Set this year's goals and targets from this year's tasks and last year's results.",
    fix_zh="请结合上年完成情况和本年度工作任务重新设定绩效目标和指标值。",
)

LOWERED = rule(
    code="Y002",
    name="target-lowered",
    kind="target_lowered",
    severity=Severity.WARNING,
    family="previous",
    title_zh="指标目标值低于上年实际完成值",
    title_en="Target set below last year's actual",
    message_zh="指标“{name}”本年目标值 {target}，低于上年报告 {other} 第 {other_line} 行的"
    "实际完成值 {actual}，请说明降低目标的理由",
    message_en="The target of “{name}”, {target}, is below last year's actual {actual} "
    "(line {other_line} of {other}); explain why the target was lowered",
    what="With `--previous`, pairs each indicator target of a report with last year's actual "
    "of the same indicator (same name, same unit) and flags a target that last year's result "
    "already beats (below it, or above it for an indicator where less is better).",
    why="A target below what was already achieved is met without effort: reviewers ask for "
    "targets at least at last year's level unless the report explains the change.",
    example=(
        _LAST_HEAD + "三、绩效指标完成情况\n"
        "水库安全巡查覆盖率实际完成值为98%。\n" + _THIS_HEAD + "二、绩效目标\n"
        "水库安全巡查覆盖率目标值≥90%。\n"
    ),
    counterexample=(
        _LAST_HEAD + "三、绩效指标完成情况\n"
        "水库安全巡查覆盖率实际完成值为98%。\n" + _THIS_HEAD + "二、绩效目标\n"
        "水库安全巡查覆盖率目标值≥99%。\n"
    ),
    fix="Set the target at least at last year's actual, or explain why it is lower.",
    fix_zh="请将指标值设定为不低于上年实际完成水平，或在报告中说明降低的原因。",
)

REPEATED = rule(
    code="Y003",
    name="problem-repeated",
    kind="problem_repeated",
    severity=Severity.WARNING,
    family="previous",
    title_zh="存在问题与上年报告重复",
    title_en="Problem listed again from last year",
    message_zh="本段问题与上年报告 {other} 第 {other_line} 行{same_zh}，请说明上年问题的整改情况",
    message_en="This problem is {same_en} line {other_line} of last year's report {other}; "
    "say how last year's problem was dealt with",
    what="With `--previous`, compares the problems section (问题/不足) of a report with last "
    "year's report of the same unit: a paragraph whose clauses (figures and years aside) are at "
    "least 80% those of a problem paragraph of last year.",
    why="A problem listed again, in the same words, means either that it was not corrected or "
    "that the section was copied; either way the report should say what was done about it.",
    example=(
        _LAST_HEAD + "四、存在的问题\n"
        "部分项目前期论证不充分，资金拨付进度滞后于计划。\n" + _THIS_HEAD + "四、存在的问题\n"
        "部分项目前期论证不充分，资金拨付进度滞后于计划。\n"
    ),
    counterexample=(
        _LAST_HEAD + "四、存在的问题\n"
        "部分项目前期论证不充分，资金拨付进度滞后于计划。\n" + _THIS_HEAD + "四、存在的问题\n"
        "绩效监控流于形式，未能及时发现和纠正执行中的偏差。\n"
    ),
    fix="Report what was done about last year's problem, and list this year's own problems.",
    fix_zh="请说明上年所列问题的整改情况，并结合本年度实际查找存在的问题。",
)

MISMATCH = rule(
    code="Y004",
    name="prior-year-mismatch",
    kind="prior_year_mismatch",
    severity=Severity.WARNING,
    family="previous",
    title_zh="上年数据与上年报告不一致",
    title_en="Last year's figure differs from last year's report",
    message_zh="本报告称{label} {this_value}，上年报告 {other} 第 {other_line} 行为 "
    "{other_value}（相差 {diff}），请核实",
    message_en="This report gives {label} as {this_value}; last year's report {other} says "
    "{other_value} on line {other_line} (a difference of {diff}); check which is right",
    what="With `--previous`, reads this report's figures labelled as last year's (上年支出, "
    "上年收入, 上年年初预算, 上年在职人数 …) and the same figures in last year's report (本年/决算 "
    "of the same kind, side and topic, stated once or consistently), and flags a difference "
    "beyond both figures' rounding. A warning: a restated figure may be right, but the report "
    "should say so.",
    why="Year-on-year comparisons rest on last year's figures; when they differ from last "
    "year's own report, either one is wrong or the restatement is unexplained.",
    example=(
        _LAST_HEAD + "一、部门概况\n"
        "本年支出1200万元。\n" + _THIS_HEAD + "一、部门概况\n"
        "本年支出1300万元，上年支出1250万元。\n"
    ),
    counterexample=(
        _LAST_HEAD + "一、部门概况\n"
        "本年支出1200万元。\n" + _THIS_HEAD + "一、部门概况\n"
        "本年支出1300万元，上年支出1200万元。\n"
    ),
    fix="Use last year's final figures, or say why they were restated.",
    fix_zh="请核实上年数据，与上年报告（决算）保持一致，确有调整的请说明原因。",
)
