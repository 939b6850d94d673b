"""`--format json`: the versioned machine-readable contract."""

from __future__ import annotations

from reviewer.models import Lang, RunResult


def render(run: RunResult, lang: Lang = "zh") -> str:
    return run.model_dump_json(indent=2, exclude_none=True) + "\n"
