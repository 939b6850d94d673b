"""Renderers: one module per output format, all fed by the same `RunResult`.

A text renderer exposes `render(run, lang) -> str` (html also takes `texts`, the report texts
it highlights); a binary one (xlsx, docx) exposes `render_bytes(run, lang) -> bytes` (docx
also takes `texts`, and writes one file per report: see `reviewer.render.docx.documents`).
A text renderer that can write its output a report at a time also exposes
`render_chunks(run, lang) -> Iterator[str]` (text, json, jsonl, github): `chunks` uses it, so a
batch's output is never held whole.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable, Iterator, Mapping

from reviewer.models import Lang, RunResult

Renderer = Callable[[RunResult, Lang], str]

# format name -> module under reviewer.render
FORMATS: dict[str, str] = {
    "text": "text",
    "json": "json_",
    "jsonl": "jsonl",
    "sarif": "sarif",
    "github": "github",
    "markdown": "markdown",
    "html": "html",
    "xlsx": "xlsx",
    "docx": "docx",
}
# formats whose output is bytes, not text
BINARY = frozenset({"xlsx", "docx"})
# formats that show the whole report text (the batch keeps the texts for them)
NEEDS_TEXT = frozenset({"html", "docx"})


def _module(fmt: str) -> object:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    return importlib.import_module(f"reviewer.render.{FORMATS[fmt]}")


def render(
    run: RunResult, fmt: str, lang: Lang = "zh", *, texts: Mapping[str, str] | None = None
) -> str:
    """The output of a text format."""
    if fmt in BINARY:
        raise ValueError(f"{fmt} is a binary format; use render_bytes")
    module = _module(fmt)
    func = module.render  # type: ignore[attr-defined]
    if texts is not None and "texts" in inspect.signature(func).parameters:
        out: str = func(run, lang, texts=texts)
    else:
        out = func(run, lang)
    return out


def render_bytes(
    run: RunResult, fmt: str, lang: Lang = "zh", *, texts: Mapping[str, str] | None = None
) -> bytes:
    """The output of any format as bytes (UTF-8 for the text formats)."""
    if fmt in BINARY:
        func = _module(fmt).render_bytes  # type: ignore[attr-defined]
        if texts is not None and "texts" in inspect.signature(func).parameters:
            data: bytes = func(run, lang, texts=texts)
        else:
            data = func(run, lang)
        return data
    return render(run, fmt, lang, texts=texts).encode("utf-8")


def chunks(
    run: RunResult, fmt: str, lang: Lang = "zh", *, texts: Mapping[str, str] | None = None
) -> Iterator[bytes]:
    """The output of any format as pieces of bytes whose concatenation is `render_bytes`: a
    report at a time for the formats that can be written so, else the whole output at once."""
    module = _module(fmt)
    func = getattr(module, "render_chunks", None)
    if func is None:
        yield render_bytes(run, fmt, lang, texts=texts)
        return
    for piece in func(run, lang):
        yield piece.encode("utf-8")
