"""Codes of model findings: prefix L, a stable number per kind, slug `llm-<kind>`.

This table is the model's part of the rule catalog (`reviewer.checks.model_rules` declares each
entry as a rule; `reviewer rules L010` documents it). It also gives the kinds the critique may
answer with (`CRITIQUE_KINDS`, the enum of `reviewer.llm.schema.CritiqueItem.kind`), in the
order of the table: the schema is part of every recorded request, so keep that order.
"""

from __future__ import annotations

from typing import NamedTuple


class LRule(NamedTuple):
    code: str
    kind: str
    family: str  # numeric (Python checked the model's extraction) or quality (model judgement)
    title_zh: str
    title_en: str
    critique: bool  # a kind the critique prompt may answer with

    @property
    def name(self) -> str:
        return "llm-" + self.kind.replace("_", "-")


_TABLE = [
    # Python's verdicts on indicators the model extracted
    ("L001", "target_not_met", "numeric", "目标未达成", "Target not met", False),
    ("L004", "score_over_weight", "numeric", "得分超过分值", "Score above its weight", False),
    (
        "L005",
        "score_vs_unmet_targets",
        "numeric",
        "未达成目标却得满分",
        "Full marks for a missed target",
        False,
    ),
    # the model's judgements (and two verdicts the critique may also give)
    ("L010", "vague_target", "quality", "目标不够细化量化", "Vague target", True),
    ("L003", "weak_target", "numeric", "目标无约束力", "Target without force", True),
    ("L002", "impossible_target", "numeric", "目标值不可能达到", "Impossible target", True),
    ("L011", "infeasible_target", "quality", "目标不合理可行", "Target not reasonable", True),
    (
        "L012",
        "mismatched_goal",
        "quality",
        "目标与资金不相应匹配",
        "Goal does not match the money",
        True,
    ),
    ("L013", "missing_goals", "quality", "缺少绩效目标", "No performance goals", True),
    ("L014", "missing_actuals", "quality", "缺少实际完成值", "No actual values", True),
    (
        "L015",
        "unexplained_miss",
        "quality",
        "未达成目标未说明原因",
        "Missed target not explained",
        True,
    ),
    ("L016", "missing_measures", "quality", "缺少改进措施", "No improvement measures", True),
    (
        "L017",
        "unexplained_problem",
        "quality",
        "问题未分析原因",
        "Problem without cause or measure",
        True,
    ),
    ("L018", "contradiction", "quality", "前后矛盾", "Contradiction", True),
    ("L019", "unsupported_claim", "quality", "结论缺乏数据支撑", "Unsupported claim", True),
    ("L020", "unsupported_score", "quality", "自评得分缺乏依据", "Unsupported self-score", True),
    (
        "L021",
        "score_vs_problems",
        "quality",
        "高分与所述问题不符",
        "High score despite problems",
        True,
    ),
    ("L022", "copy_paste", "quality", "复制粘贴", "Copy-paste", True),
    ("L023", "stale_text", "quality", "过时表述", "Stale text", True),
    ("L024", "template_residue", "quality", "模板残留", "Template residue", True),
    ("L025", "duplicate_heading", "quality", "标题重复", "Duplicate heading", True),
    ("L026", "empty_section", "quality", "章节为空", "Empty section", True),
    ("L027", "garbled_text", "quality", "语句残缺", "Garbled text", True),
    (
        "L028",
        "date_before_year_end",
        "quality",
        "落款日期早于年度结束",
        "Dated before year end",
        True,
    ),
    (
        "L029",
        "prompt_injection",
        "quality",
        "报告中含有针对审核工具的指令",
        "Instructions to the review tool",
        True,
    ),
    ("L099", "other", "quality", "其他问题", "Other", True),
]
L_RULES: dict[str, LRule] = {row[1]: LRule(*row) for row in _TABLE}
# The kinds the critique may answer with, in the order of the schema's enum.
CRITIQUE_KINDS: tuple[str, ...] = tuple(r.kind for r in L_RULES.values() if r.critique)
# Report-level kinds: one such finding anywhere covers the whole report.
DOCUMENT_KINDS = {"missing_goals", "missing_actuals", "missing_measures"}


def rule_for(kind: str) -> LRule:
    return L_RULES.get(kind, L_RULES["other"])
