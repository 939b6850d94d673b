"""`--format json`: the versioned machine-readable contract.

Written one report at a time (`render_chunks`), the bytes of `RunResult.model_dump_json(indent=2,
exclude_none=True)`: the run without its reports, then each report dumped alone and indented
into the `reports` array, so a batch of any size never holds its whole document.
"""

from __future__ import annotations

from collections.abc import Iterator

from reviewer.models import Lang, RunResult

_EMPTY = '\n  "reports": [],\n'


def render_chunks(run: RunResult, lang: Lang = "zh") -> Iterator[str]:
    shell = RunResult.model_construct(version=run.version, reports=[], meta=run.meta)
    head, _, tail = shell.model_dump_json(indent=2, exclude_none=True).partition(_EMPTY)
    if not run.reports:
        yield head + _EMPTY + tail + "\n"
        return
    yield head + '\n  "reports": ['
    for i, report in enumerate(run.reports):
        body = report.model_dump_json(indent=2, exclude_none=True).replace("\n", "\n    ")
        yield ("\n    " if i == 0 else ",\n    ") + body
    yield "\n  ],\n" + tail + "\n"


def render(run: RunResult, lang: Lang = "zh") -> str:
    return "".join(render_chunks(run, lang))
