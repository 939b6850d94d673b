"""The `Document`: decoded text, its normalized twin, and offset -> line:column mapping."""

from __future__ import annotations

import bisect
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, NamedTuple

from reviewer import regex as rx
from reviewer.document.normalize import normalize
from reviewer.models import Span
from reviewer.tolerances import Tolerances

if TYPE_CHECKING:
    from reviewer.document.ocr import OcrText


class Line(NamedTuple):
    """One line of the report: [start, end) offsets without the line break.

    A NamedTuple with its stripped text kept (the checks ask for it again and again): a
    document has a line per table cell in a flattened table, 130,000 in 1 MB."""

    index: int  # type: ignore[assignment]  # (shadows tuple.index: a Line is never searched)
    start: int
    end: int
    text: str
    stripped: str  # `text` without surrounding whitespace


@dataclass(eq=False)
class Document:
    """A decoded report. `norm` has the same length as `text`, so offsets are shared.

    `ocr` is set when the text was read from scanned pages: the OCR's confidence for every
    character of `text` (see `reviewer.document.ocr`).
    """

    text: str
    path: str = "<text>"
    format: str = "txt"
    tolerances: Tolerances = field(default_factory=Tolerances)
    ocr: OcrText | None = None
    norm: str = field(init=False)
    _cache: dict[str, Any] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        self.norm = normalize(self.text)

    @cached_property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @cached_property
    def line_starts(self) -> list[int]:
        return [0] + [m.end() for m in rx.finditer(r"\r\n|\r|\n", self.text)]

    @cached_property
    def lines(self) -> list[Line]:
        out: list[Line] = []
        norm = self.norm
        if "\r" not in norm:
            # Line breaks are \n alone (normalize keeps them where the text has them): the
            # lines are the pieces between them, read in one split.
            start = 0
            for i, body in enumerate(norm.split("\n")):
                end = start + len(body)
                out.append(Line(i, start, end, body, body.strip()))
                start = end + 1
            return out
        starts = self.line_starts
        for i, start in enumerate(starts):
            end = starts[i + 1] if i + 1 < len(starts) else len(self.text)
            raw = self.norm[start:end]
            stripped_end = start + len(raw.rstrip("\r\n"))
            body = self.norm[start:stripped_end]
            out.append(Line(i, start, stripped_end, body, body.strip()))
        return out

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column (in code points) of `offset`."""
        offset = max(0, min(offset, len(self.text)))
        i = bisect.bisect_right(self.line_starts, offset) - 1
        return i + 1, offset - self.line_starts[i] + 1

    def line_at(self, offset: int) -> Line:
        i = bisect.bisect_right(self.line_starts, offset) - 1
        return self.lines[max(0, i)]

    def span(self, start: int, end: int) -> Span:
        """A `Span` over [start, end), clamped to the text; its `text` is the original text."""
        start = max(0, min(start, len(self.text)))
        end = max(start, min(end, len(self.text)))
        line, column = self.line_col(start)
        return Span(start=start, end=end, line=line, column=column, text=self.text[start:end])

    def spans(self, pairs: Iterable[tuple[int, int]]) -> list[Span]:
        """`span(start, end)` of each pair, in one loop (a finding over a table's column holds
        a pair for each of its figures: hundreds)."""
        text, starts, n = self.text, self.line_starts, len(self.text)
        out: list[Span] = []
        for start, end in pairs:
            start = max(0, min(start, n))
            end = max(start, min(end, n))
            i = bisect.bisect_right(starts, start) - 1
            line_start = starts[i]
            out.append(
                Span(
                    start=start,
                    end=end,
                    line=i + 1,
                    column=start - line_start + 1,
                    text=text[start:end],
                )
            )
        return out

    def iter_lines(self) -> Iterator[Line]:
        yield from self.lines

    def cached(self, key: str, factory: Any) -> Any:
        """Compute a derived view (claims, sections, ...) once per document."""
        if key not in self._cache:
            self._cache[key] = factory(self)
        return self._cache[key]
