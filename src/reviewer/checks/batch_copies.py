"""Q050 copied-from-other-report: a batch rule. No check function: a paragraph can only be
found in another unit's report when the whole batch is known, so `reviewer.copies` emits it
after every report of a run was reviewed (see `reviewer.batch.run_batch`)."""

from __future__ import annotations

from reviewer.checks.registry import rule
from reviewer.models import Severity

# Rule codes emitted by a pass over the whole batch rather than by a check of one text.
BATCH_CODES = ("Q050",)

COPIED = rule(
    code="Q050",
    name="copied-from-other-report",
    kind="copied_from_other_report",
    severity=Severity.INFO,
    family="quality",
    title_zh="与其他单位的报告段落雷同",
    title_en="Paragraph shared with another unit's report",
    message_zh="本段与其他单位的报告 {other} 第 {other_line} 行相同{more_zh}，"
    "请核实是否照搬他人报告",
    message_en="This paragraph is the same as line {other_line} of {other}, another unit's "
    "report{more_en}; check whether it was copied",
    variants={
        "similar": (
            "本段与其他单位的报告 {other} 第 {other_line} 行高度相似"
            "（较短一段 {similarity}% 的文字与之相同）{more_zh}，请核实是否照搬他人报告",
            "This paragraph is nearly the same as line {other_line} of {other}, another unit's "
            "report ({similarity}% of the shorter one's wording shared){more_en}; check whether "
            "it was copied",
        ),
    },
    what="Over one batch (`reviewer check DIR`), finds paragraphs of at least 40 characters that "
    "reports of different units share, word for word or nearly (numbers and the units' own names "
    "normalized away; at least 80% of the shorter paragraph's clauses shared), and names the "
    "other file and line in both reports. Warning in the goals (目标) and problems (问题/不足) "
    "sections, info elsewhere. Text shared by more than 8 reports of a batch is taken as the "
    "template's and not reported; reports of the same unit (two years) are not compared.",
    why="A reviewer at a finance bureau reads dozens of reports in a review season; goals and "
    "problems copied from another unit's report say nothing about this unit's own spending and "
    "are a sign the self-evaluation was not really done.",
    example=(
        "=== a.txt ===\n"
        "甲县水利局2024年度部门整体支出绩效自评报告\n"
        "三、存在的问题\n"
        "部分项目前期论证不充分，资金拨付进度滞后于计划，绩效目标设置不够细化量化，"
        "绩效监控流于形式，未能及时发现和纠正执行中的偏差。\n"
        "=== b.txt ===\n"
        "乙县林业局2024年度部门整体支出绩效自评报告\n"
        "三、存在的问题\n"
        "部分项目前期论证不充分，资金拨付进度滞后于计划，绩效目标设置不够细化量化，"
        "绩效监控流于形式，未能及时发现和纠正执行中的偏差。\n"
    ),
    counterexample=(
        "=== a-2023.txt ===\n"
        "甲县水利局2023年度部门整体支出绩效自评报告\n"
        "三、存在的问题\n"
        "部分项目前期论证不充分，资金拨付进度滞后于计划，绩效目标设置不够细化量化，"
        "绩效监控流于形式，未能及时发现和纠正执行中的偏差。\n"
        "=== a-2024.txt ===\n"
        "甲县水利局2024年度部门整体支出绩效自评报告\n"
        "三、存在的问题\n"
        "部分项目前期论证不充分，资金拨付进度滞后于计划，绩效目标设置不够细化量化，"
        "绩效监控流于形式，未能及时发现和纠正执行中的偏差。\n"
    ),
    fix="Write the unit's own goals, results and problems from its own figures; keep shared "
    "wording only where it is the template's or a policy's.",
    fix_zh="请根据本单位的实际情况和数据撰写目标、完成情况和问题，不要照搬其他单位的报告。",
)
