"""Split a long report by section so that each model call fits a context budget."""

from __future__ import annotations

import hashlib
import itertools
from dataclasses import dataclass

from reviewer.document import Document
from reviewer.regex import lazy

# A section heading: 一、 / 第一部分 / （一） / markdown #, at the start of a line.
HEADING = lazy(
    r"^[ \t]*(?:#{1,6}\s|[一二三四五六七八九十]{1,3}[、.．]"
    r"|第[一二三四五六七八九十]{1,3}[部章节]分?|[(（][一二三四五六七八九十]{1,3}[)）])"
)
TOP_HEADING = lazy(
    r"^[ \t]*(?:#{1,2}\s|[一二三四五六七八九十]{1,3}[、.．]|第[一二三四五六七八九十]{1,3}[部章])"
)


@dataclass(frozen=True)
class Chunk:
    """[start, end) of the report text sent in one call, and its 1-based line range."""

    index: int
    count: int
    start: int
    end: int
    first_line: int
    last_line: int
    text: str

    @property
    def nonce(self) -> str:
        return nonce_of(self.text)


def nonce_of(text: str) -> str:
    """Delimiter tag, derived from the text (deterministic, so requests replay exactly)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def _section_starts(doc: Document) -> list[int]:
    starts = [ln.start for ln in doc.lines if TOP_HEADING.match(ln.text)]
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    return starts


def split(doc: Document, max_chars: int) -> list[Chunk]:
    """Whole top-level sections packed greedily up to `max_chars`; a longer section is cut at
    its sub-headings, then at line breaks."""
    bounds = [*_section_starts(doc), len(doc.text)]
    pieces: list[tuple[int, int]] = []
    for a, b in itertools.pairwise(bounds):
        pieces.extend(_cut(doc, a, b, max_chars))
    spans: list[tuple[int, int]] = []
    for a, b in pieces:
        if spans and b - spans[-1][0] <= max_chars:
            spans[-1] = (spans[-1][0], b)
        else:
            spans.append((a, b))
    spans = [(a, b) for a, b in spans if doc.text[a:b].strip()] or [(0, len(doc.text))]
    out = []
    for i, (a, b) in enumerate(spans):
        end_line = doc.line_col(max(a, b - 1))[0]
        out.append(
            Chunk(i + 1, len(spans), a, b, doc.line_col(a)[0], end_line, doc.text[a:b].rstrip())
        )
    return out


def _cut(doc: Document, a: int, b: int, max_chars: int) -> list[tuple[int, int]]:
    if b - a <= max_chars:
        return [(a, b)]
    lines = [ln for ln in doc.lines if a <= ln.start < b]
    subs = [ln.start for ln in lines if HEADING.match(ln.text) and ln.start > a]
    cuts = [a, *subs, b]
    out: list[tuple[int, int]] = []
    for s, e in itertools.pairwise(cuts):
        if e - s <= max_chars:
            out.append((s, e))
            continue
        # cut at line breaks; a single over-long line is cut hard
        cur = s
        for ln in lines:
            if ln.start <= cur or ln.start >= e:
                continue
            if ln.start - cur > max_chars:
                while ln.start - cur > max_chars:
                    out.append((cur, cur + max_chars))
                    cur += max_chars
            if ln.start - cur > 0 and (ln.end - cur) > max_chars:
                out.append((cur, ln.start))
                cur = ln.start
        while e - cur > max_chars:
            out.append((cur, cur + max_chars))
            cur += max_chars
        out.append((cur, e))
    return out


def outline(doc: Document, limit: int = 60) -> str:
    """Headings with their line numbers: tells each chunk what the rest of the report holds."""
    rows = [
        f"L{ln.index + 1}: {ln.text.strip()[:40]}" for ln in doc.lines if HEADING.match(ln.text)
    ]
    if len(rows) > limit:
        rows = [*rows[:limit], f"… {len(rows) - limit} more"]
    return "\n".join(rows) or "(no headings)"
