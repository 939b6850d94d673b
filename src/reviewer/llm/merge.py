"""Merge rule and model findings: what both found (same kind, overlapping span) appears once."""

from __future__ import annotations

from reviewer.llm.codes import DOCUMENT_KINDS
from reviewer.models import Finding


def _overlap(a: Finding, b: Finding) -> bool:
    if a.kind in DOCUMENT_KINDS:
        return True
    if not a.spans or not b.spans:
        return False
    x, y = a.spans[0], b.spans[0]
    return x.start < y.end and y.start < x.end


def merge(rules: list[Finding], llm: list[Finding]) -> list[Finding]:
    """Rule findings stay as they are (their numbers are computed); a model finding that repeats
    one is folded into it (`data.confirmed_by`), and model findings that repeat each other are
    kept once. The result is in text order."""
    out = list(rules)
    kept: list[Finding] = []
    for f in llm:
        same = next((r for r in out if r.kind == f.kind and _overlap(f, r)), None)
        if same is not None:
            confirmed = same.data.setdefault("confirmed_by", [])
            if f.code not in confirmed:
                confirmed.append(f.code)
            continue
        twin = next((k for k in kept if k.kind == f.kind and _overlap(f, k)), None)
        if twin is not None:
            if f.severity.rank > twin.severity.rank:
                twin.severity = f.severity
            continue
        kept.append(f)
    out.extend(kept)
    out.sort(key=lambda f: (f.spans[0].start if f.spans else -1, f.code))
    return out
