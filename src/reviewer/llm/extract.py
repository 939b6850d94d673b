"""Extraction: the report, section by section, into one grounded `Extraction`."""

from __future__ import annotations

import re

from reviewer.document import Document
from reviewer.llm import prompts
from reviewer.llm.assess import to_yuan
from reviewer.llm.chunking import split
from reviewer.llm.client import LLMClient
from reviewer.llm.grounding import Grounder
from reviewer.llm.schema import EXTRACTION_SCHEMA, Dropped, Extraction, Indicator, prune_extraction


def run(
    doc: Document, client: LLMClient, grounder: Grounder | None = None
) -> tuple[Extraction, list[Dropped]]:
    """Extract every section and merge; returns the grounded extraction and what was dropped."""
    prompt = prompts.load("extract")
    grounder = grounder or Grounder(doc)
    chunks = split(doc, client.settings.char_budget)
    parts: list[Extraction] = []
    dropped: list[Dropped] = []
    for chunk in chunks:
        messages = prompt.render(
            part=chunk.index,
            parts=chunk.count,
            first_line=chunk.first_line,
            last_line=chunk.last_line,
            nonce=chunk.nonce,
            report=chunk.text,
        )
        ex = client.structured(
            Extraction, messages, grounder=grounder, prompt=prompt.ref, schema=EXTRACTION_SCHEMA
        )
        dropped.extend(prune_extraction(ex))
        parts.append(ex)
    merged = merge_parts(parts)
    for amount in merged.budget:
        amount.yuan = to_yuan(amount.value, amount.unit)
    return merged, dropped


def _key(name: str) -> str:
    return re.sub(r"[\s，,。:：;；、()（）]", "", name)


def merge_parts(parts: list[Extraction]) -> Extraction:
    """One extraction from per-section ones: scalars from the first section stating them; an
    indicator named in two sections (target in one, actual in the other) becomes one."""
    out = Extraction()
    for ex in parts:
        for field in ("unit", "year", "self_score", "grade", "self_score_quote", "self_score_span"):
            if getattr(out, field) is None and getattr(ex, field) is not None:
                setattr(out, field, getattr(ex, field))
        for field in ("budget", "goals", "problems", "measures"):
            seen = {tuple(it.span or ()) for it in getattr(out, field)}
            for it in getattr(ex, field):
                if tuple(it.span or ()) not in seen:
                    getattr(out, field).append(it)
                    seen.add(tuple(it.span or ()))
        for ind in ex.indicators:
            _merge_indicator(out.indicators, ind)
    return out


def _merge_indicator(into: list[Indicator], ind: Indicator) -> None:
    for have in into:
        if _key(have.name) != _key(ind.name):
            continue
        clash = False
        for part in ("target", "actual"):
            a, b = getattr(have, part), getattr(ind, part)
            if a is not None and b is not None and a.value != b.value:
                clash = True
        if clash:
            continue
        for part in ("target", "actual", "weight", "score", "level1", "level2"):
            if getattr(have, part) is None and getattr(ind, part) is not None:
                setattr(have, part, getattr(ind, part))
        return
    into.append(ind)
