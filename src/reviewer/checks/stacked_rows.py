"""Targets missed on indicator rows whose names stand stacked before their figures (T050).

A form flattened to one run of text sometimes gives two rows' names first and then both rows'
figures (`指标24:报告数 指标25:签约人数 14例 14例 2 2 24694人 22584人 2 1.7`): a name broken over
two lines in the source made the extractor read the names of both rows before their cells.
`claims.indicator_forms` keeps such runs out of its rows (S007 says they were not checked) and,
when k names stand before exactly k rows' worth of figures and each group reads as a row, gives
the groups to the names in reading order (`FormBlock.stacked`). That alignment rests on the order
alone, so a target missed on such a row is only an info finding that says so.
"""

from __future__ import annotations

from collections.abc import Iterator

from reviewer.checks.registry import Hit, check, rule
from reviewer.checks.target_verdict import met
from reviewer.claims.indicator_forms import indicator_blocks, row_pair
from reviewer.document import Document
from reviewer.models import Severity

_HEAD = "项目支出绩效自评表 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 "

STACKED_ROW_MISS = rule(
    code="T050",
    fix_zh="核对该指标的实际完成值；如未完成，说明偏差原因并按完成比例计分。",
    name="stacked-row-target-missed",
    kind="target_not_met",
    severity=Severity.INFO,
    family="targets",
    title_zh="名称与数字错行的指标行未完成目标",
    title_en="Target missed on a row whose figures follow stacked names",
    message_zh="“{name}”目标 {target}，实际 {actual}，未达到目标（该表 {count} 个指标名称连排在"
    "前、数字连排在后，按先后顺序对应得出，请核对对应关系）",
    message_en="'{name}': target {target}, actual {actual}: the target was not met (the form "
    "gives {count} indicator names first and their figures after them; the figures were matched "
    "to the names in reading order, so check the alignment)",
    what="Indicator rows of a form run together on one line where k names stand before exactly k "
    "rows' worth of figures (each group a row: target with its unit, actual, weight, score "
    "within the weight); the groups are given to the names in order, and an actual that misses "
    "its target is reported as info.",
    why="Such rows are otherwise left unchecked (S007), so a missed target there would go "
    "unnoticed; the order is the only evidence of the alignment, hence info, not warning.",
    example=_HEAD + "指标1:入户随访人数 3807人 3224人 2 1.9 "
    "指标2:传染病报告 数 指标3:签约人数 14例 14例 2 2 24694人 22584人 2 1.7\n",
    counterexample=_HEAD + "指标1:入户随访人数 3807人 3224人 2 1.9 "
    "指标2:传染病报告 数 指标3:签约人数 14例 14例 2 2 24694人 24694人 2 2\n",
    fix="Check the indicator's actual value; if the target was missed, explain why and score it "
    "in proportion.",
)


@check(STACKED_ROW_MISS)
def stacked_row_miss(doc: Document) -> Iterator[Hit]:
    for block in indicator_blocks(doc):
        for row in block.stacked:
            pair = row_pair(row)
            if pair is None:
                continue
            target, actual = pair
            if met(target, actual) is not False:
                continue
            yield STACKED_ROW_MISS.hit(
                [
                    (actual.start, actual.end),
                    (row.name_start, row.name_end),
                    (target.start, target.end),
                ],
                {
                    "name": row.name,
                    "target": target.shown(),
                    "actual": actual.shown(),
                    "count": len(block.stacked),
                },
            )
