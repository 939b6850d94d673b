"""Renderers: one module per output format, all fed by the same `RunResult`."""

from __future__ import annotations

import importlib
from collections.abc import Callable

from reviewer.models import Lang, RunResult

Renderer = Callable[[RunResult, Lang], str]

# format name -> module under reviewer.render exposing `render(run, lang) -> str`
FORMATS: dict[str, str] = {
    "text": "text",
    "json": "json_",
}


def render(run: RunResult, fmt: str, lang: Lang = "zh") -> str:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    module = importlib.import_module(f"reviewer.render.{FORMATS[fmt]}")
    out: str = module.render(run, lang)
    return out
