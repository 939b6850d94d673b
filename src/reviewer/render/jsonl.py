"""`--format jsonl`: one report per line (the `ReportResult` of the JSON contract), for streaming.

The same lines `--results FILE` writes, so a results file can be read like this output.
"""

from __future__ import annotations

from collections.abc import Iterator

from reviewer.models import Lang, RunResult


def render_chunks(run: RunResult, lang: Lang = "zh") -> Iterator[str]:
    for r in run.reports:
        yield r.model_dump_json(exclude_none=True) + "\n"


def render(run: RunResult, lang: Lang = "zh") -> str:
    return "".join(render_chunks(run, lang))
