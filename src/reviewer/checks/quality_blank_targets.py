"""Report quality, forms: indicators scored in full with no target to score against (Q190).

A self-evaluation form scores each indicator row by comparing its 实际完成值 with its 年度指标值.
A row that fills 分值 and 得分 (full marks) but leaves the 年度指标值 cell empty, and often the
实际完成值 cell too, was given its points with nothing to measure them against. The rows are read
by `claims.indicator_forms.targetless_rows` in every layout the indicator block reader knows
(`|` rows, one cell per line, docx tables): explicit cells by position. A row run together on
one line with spaces (`指标1:工程质量合格 10 10`) keeps no trace of its empty cells: when its
only figures are two under a header of four figure columns, they are read as the weight and
the score, an assumption, so those rows are an info finding of their own.

A row whose target stands in words (合格 | 合格 | 10 | 10) is not one: it is read as a
qualitative row, and a row with its target but no actual is Q017's.
"""

from __future__ import annotations

from collections.abc import Iterator

from reviewer.checks.registry import Hit, check, rule
from reviewer.claims.indicator_forms import FormRow, targetless_rows
from reviewer.document import Document
from reviewer.models import Severity
from reviewer.numbers import fmt

FULL_SCORE_NO_TARGET = rule(
    code="Q190",
    fix_zh="为每项得分的指标填写年度指标值和实际完成值，按完成情况评分；没有目标值的指标不应直接给满分。",
    name="full-score-without-target",
    kind="blank_cell",
    severity=Severity.WARNING,
    family="quality",
    title_zh="指标未填写目标值或完成值却得满分",
    title_en="Indicator scored in full with no target or actual",
    message_zh="绩效指标表中{count}项指标{what_zh}，却按分值给了满分（{rows}），"
    "得分没有可对照的依据{layout_zh}",
    message_en="In the indicator table {count} indicators {what_en}, yet are given full marks "
    "({rows}), so the scores rest on nothing{layout_en}",
    what="In an indicator table whose header names the target (年度指标值), actual (实际完成值), "
    "weight (分值) and score (得分) columns, finds rows that fill the weight and a score equal to "
    "it but leave the target cell empty (with or without an actual). Read by position in `|` "
    "rows, one-cell-per-line layouts and docx tables; a row run together with spaces whose only "
    "figures are two (assumed to be the weight and the score) is reported as info. Rows whose "
    "target and actual are words (合格, 达标) are not. One finding per report and layout.",
    why="An indicator's score measures its actual against its target; full marks on a row with "
    "no target show the points were given without being earned, and the total is inflated by "
    "whatever they hide.",
    example="三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分\n"
    "护坡维修长度 | ≥2公里 | 2.3公里 | 20 | 20\n"
    "堤防巡查到位 |  |  | 15 | 15\n",
    counterexample="三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分\n"
    "护坡维修长度 | ≥2公里 | 2.3公里 | 20 | 20\n"
    "堤防巡查到位 | 到位 | 到位 | 15 | 15\n"
    "汛期值守 |  |  | 15 | 12\n",
    fix="Give every scored indicator its target and actual and score it on them; a row with no "
    "target should not earn full marks.",
)


def _what(rows: list[FormRow]) -> tuple[str, str]:
    no_actual = sum(1 for r in rows if r.actual is None)
    if no_actual == len(rows):
        return "的年度指标值和实际完成值均为空", "leave both the target and the actual blank"
    if no_actual == 0:
        return "未填写年度指标值", "leave the target blank"
    return (
        f"未填写年度指标值（其中{no_actual}项实际完成值也为空）",
        f"leave the target blank ({no_actual} of them the actual too)",
    )


def _hit(rows: list[FormRow], run: bool) -> Hit:
    what_zh, what_en = _what(rows)
    shown = "；".join(
        f"{r.name}：分值{fmt(r.weight.quantity.value)}、得分{fmt(r.score.quantity.value)}"
        for r in rows[:4]
        if r.weight is not None and r.score is not None
    )
    return FULL_SCORE_NO_TARGET.hit(
        [(r.name_start, r.end) for r in rows],
        {
            "count": len(rows),
            "what_zh": what_zh,
            "what_en": what_en,
            "rows": shown + ("等" if len(rows) > 4 else ""),
            "layout_zh": "（该行单元格以空格相连，空白单元格未留痕迹，两个数按表头读作分值和得分）"
            if run
            else "",
            "layout_en": " (the row's cells run together with spaces and its empty cells left "
            "no trace: its two figures are read as the weight and the score)"
            if run
            else "",
        },
        severity=Severity.INFO if run else None,
    )


@check(FULL_SCORE_NO_TARGET)
def full_score_without_target(doc: Document) -> Iterator[Hit]:
    full = [
        r
        for r in targetless_rows(doc)
        if r.weight is not None
        and r.score is not None
        and r.score.quantity.value == r.weight.quantity.value
    ]
    cells = [r for r in full if r.layout != "run"]
    runs = [r for r in full if r.layout == "run"]
    if cells:
        yield _hit(cells, run=False)
    if runs:
        yield _hit(runs, run=True)
