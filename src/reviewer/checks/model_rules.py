"""Rule entries for the model's findings (prefix L), so `reviewer rules L010` and SARIF help
describe them like any other rule. No check function: the LLM layer (reviewer.llm) emits them.
"""

from __future__ import annotations

from reviewer.checks.registry import RULES, rule
from reviewer.llm.codes import L_RULES
from reviewer.models import Severity

for _r in L_RULES.values():
    if _r.code in RULES:
        continue
    checked = _r.family == "numeric"
    rule(
        code=_r.code,
        name=_r.name,
        kind=_r.kind,
        severity=Severity.WARNING,
        family="quality" if _r.family == "quality" else "model",
        title_zh=_r.title_zh,
        title_en=_r.title_en,
        message_zh=_r.title_zh,
        message_en=_r.title_en,
        what=(
            f"The model extracted an indicator (target, actual, weight, score) with a grounded "
            f"quote; Python re-checked it and found: {_r.title_en.lower()}."
            if checked
            else f"The model (prompt critique) judged a goal, indicator or passage: "
            f"{_r.title_en.lower()}. Its quote was verified to occur once in the report."
        ),
        why="A model reads prose that patterns cannot; its output is untrusted, so every quote "
        "is grounded and every number re-checked in Python before it is shown.",
        example="群众满意度有所提升 → rewrite: 群众满意度≥90%（抽样不少于200份）"
        if _r.kind == "vague_target"
        else "See the finding's quote and the model's reason in `data.reason`.",
        fix="Follow the suggested rewrite or reason; if the model is wrong, silence the finding "
        "inline (`reviewer: ignore CODE`) or raise its severity threshold.",
    )
