"""The tool's own notices (prefix X). No check function: `reviewer.suppress` emits X001 when it
applies a report's inline suppression markers (see `reviewer.engine.finish`)."""

from __future__ import annotations

from reviewer.checks.registry import rule
from reviewer.models import Severity

UNUSED_CODE = "X001"

UNUSED = rule(
    code=UNUSED_CODE,
    fix_zh="删除不再需要的忽略标记，或更正其中的规则代码。",
    name="unused-suppression",
    kind="unused_suppression",
    severity=Severity.INFO,
    family="meta",
    title_zh="未使用的忽略标记",
    title_en="Suppression marker that silences nothing",
    message_zh="忽略标记 {marker} 未屏蔽任何问题（{codes}），可删除",
    message_en="The suppression {marker} silences nothing ({codes}); it can be removed",
    what="Finds `reviewer: ignore` markers in the report text that did not silence any finding "
    "on the line they apply to.",
    why="A stale marker hides the next real problem on that line; the report was probably edited "
    "after the marker was added.",
    example="资产总额100万元。【reviewer: ignore T001】",
    counterexample=(
        "支出1000万元，其中：基本支出600万元，项目支出300万元。【reviewer: ignore T001】"
    ),
    fix="Remove the marker, or move it next to the claim it is meant to silence.",
)
