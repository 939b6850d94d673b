"""Grounding: a model's quote must pin one place in the report and carry what it supports.

Rules (all on the text after `reviewer.document.normalize`, ignoring whitespace, with ASCII and
full-width clause punctuation treated alike):

1. long enough: at least `MIN_CHARS` characters, two of them neither digits nor punctuation, so
   a bare "80%" is rejected;
2. occurs in the report, and exactly once (a quote that occurs twice pins nothing);
3. contains every value it supports (the number, compared as a decimal);
4. for an indicator, sits where the indicator's name is: the name (or most of it) is in the
   quote or earlier on its line (or a few lines up, for tables flattened one cell per line), and
   in prose no other figure with the same unit stands between the name and the value (that
   value belongs to another indicator) unless the quote supports that figure too (an
   indicator's target stated before its actual).

`check_quote` returns the span or a reason; the reasons go back to the model on a re-ask, and
whatever still fails is dropped and counted.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from reviewer.document import Document
from reviewer.document.normalize import normalize
from reviewer.numbers import find_quantities, parse_decimal
from reviewer.regex import lazy

MIN_CHARS = 6
# Clause punctuation the model may type in ASCII or full width; folded one to one for matching.
_FOLD = str.maketrans({"，": ",", "：": ":", "；": ";", "！": "!", "？": "?", "。": "."})
_STRIP = " \t\r\n\"'“”‘’「」『』《》…."
_MEANINGFUL = lazy(r"[\u4e00-\u9fffA-Za-z]")
_SHORT_LINE = 24  # a line this short is likely one table cell
_NAME_LOOKBACK = 4  # lines searched above the quote for the indicator's name


@dataclass(frozen=True)
class Grounded:
    """Where a quote sits in the report: [start, end) offsets into `Document.text`."""

    start: int
    end: int


class QuoteError(ValueError):
    """A quote that does not pin one place; the message is what the model is told."""


def _fold(s: str) -> str:
    return normalize(s).translate(_FOLD)


class Grounder:
    """Finds quotes in one document, whitespace-insensitively, and maps them to offsets."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        folded = doc.norm.translate(_FOLD)
        self._pos = [i for i, ch in enumerate(folded) if not ch.isspace()]
        self._squeezed = "".join(folded[i] for i in self._pos)

    @staticmethod
    def clean(quote: str) -> str:
        return quote.strip().strip(_STRIP).strip()

    def find_all(self, quote: str) -> list[Grounded]:
        q = "".join(ch for ch in _fold(self.clean(quote)) if not ch.isspace())
        if not q:
            return []
        out: list[Grounded] = []
        i = self._squeezed.find(q)
        while i >= 0:
            out.append(Grounded(self._pos[i], self._pos[i + len(q) - 1] + 1))
            i = self._squeezed.find(q, i + 1)
        return out

    def locate(
        self,
        quote: str | None,
        *,
        values: Iterable[str | None] = (),
        name: str | None = None,
        min_chars: int = MIN_CHARS,
    ) -> Grounded:
        """The one place `quote` pins; raises `QuoteError` saying why it does not."""
        q = self.clean(quote or "")
        if not q:
            raise QuoteError("quote is empty: copy the sentence or table row verbatim")
        shown = q if len(q) <= 40 else q[:39] + "…"
        compact = "".join(q.split())
        if len(compact) < min_chars or len(_MEANINGFUL.findall(compact)) < 2:
            raise QuoteError(
                f"quote {shown!r} is too short to pin one place: quote the whole phrase, "
                "including the indicator's or item's name, not just the number"
            )
        hits = self.find_all(q)
        if not hits:
            raise QuoteError(f"quote {shown!r} is not in the report: copy the text verbatim")
        if len(hits) > 1:
            raise QuoteError(
                f"quote {shown!r} occurs {len(hits)} times in the report: quote a longer "
                "passage that occurs only once"
            )
        g = hits[0]
        wanted = [d for d in (decimal_or_none(v) for v in values if v) if d is not None]
        value_starts: list[int] = []
        for want in wanted:
            found = [
                q_ for q_ in find_quantities(self.doc.norm, g.start, g.end) if q_.value == want
            ]
            if not found:
                raise QuoteError(f"quote {shown!r} does not contain the value {want} it supports")
            value_starts.append(found[0].start)
        if name:
            self._check_name(g, name, value_starts, shown)
        return g

    def has_value(self, g: Grounded, raw: str | None) -> bool:
        """True when the figure `raw` ("9.01", "10分") is stated inside the span `g`."""
        want = decimal_or_none(raw)
        if want is None:
            return False
        return any(q.value == want for q in find_quantities(self.doc.norm, g.start, g.end))

    def _check_name(self, g: Grounded, name: str, value_starts: Sequence[int], shown: str) -> None:
        doc = self.doc
        line = doc.line_at(g.start)
        start = line.start
        first = line.index
        # Tables flattened one cell per line (or a heading above a scored paragraph): look up.
        while first > 0 and line.index - first < _NAME_LOOKBACK:
            if _find_name(doc.norm, name, start, g.end) is not None:
                break
            first -= 1
            start = doc.lines[first].start
        where = _find_name(doc.norm, name, start, g.end)
        if where is None:
            raise QuoteError(
                f"quote {shown!r} does not name the indicator {name!r}: quote the row or "
                "sentence that states this indicator's own value"
            )
        line_text = line.text
        is_row = "|" in line_text or "\t" in line_text or len(line_text.strip()) <= _SHORT_LINE
        if is_row:
            return
        name_end = where[1]
        units = {
            q.unit
            for q in find_quantities(doc.norm, g.start, g.end)
            if any(q.start == v for v in value_starts)
        }
        for vs in value_starts:
            if vs <= name_end:
                continue
            between = find_quantities(doc.norm, name_end, vs)
            # a figure the quote itself supports (the indicator's target before its actual)
            # is this indicator's own, not another's
            if any(
                q.unit in units and q.end <= vs and q.start not in value_starts for q in between
            ):
                raise QuoteError(
                    f"in quote {shown!r} another figure stands between {name!r} and its value: "
                    "that value belongs to a different indicator"
                )


def _find_name(norm: str, name: str, start: int, end: int) -> tuple[int, int] | None:
    """The last place in norm[start:end] naming `name`: exactly, or by most of its characters."""
    hay = norm[start:end].translate(_FOLD)
    needle = "".join(_fold(name).split())
    if not needle:
        return None
    i = hay.rfind(needle)
    if i >= 0:
        return start + i, start + i + len(needle)
    need = max(2, math.ceil(0.6 * len(needle)))
    best: tuple[int, int] | None = None
    best_len = 0
    # longest common substring of the name and the window (both short: brute force is fine)
    for a in range(len(needle)):
        for b in range(len(needle), a + max(need, best_len + 1) - 1, -1):
            piece = needle[a:b]
            j = hay.rfind(piece)
            if j >= 0:
                if len(piece) > best_len:
                    best_len = len(piece)
                    best = (start + j, start + j + len(piece))
                break
    return best if best_len >= need else None


def decimal_or_none(raw: str | None) -> Decimal | None:
    if raw is None:
        return None
    m = re.search(r"-?\d[\d,]*(?:\.\d+)?", normalize(str(raw)))
    return parse_decimal(m.group(0)) if m else None
