"""Tables found in a report: pipe-separated rows, one-cell-per-line runs, .docx tables.

Interface shared by checks (owned by the tables/loader work; the detection is filled in there).
"""

from __future__ import annotations

from dataclasses import dataclass

from reviewer.document.document import Document


@dataclass(frozen=True)
class Cell:
    """One table cell: its text (normalized) and its offsets in the document."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Table:
    """A table: header cells and body rows, each a list of cells, plus its overall extent."""

    header: list[Cell]
    rows: list[list[Cell]]
    start: int
    end: int


def tables(doc: Document) -> list[Table]:
    """Every table detected in `doc` (cached per document)."""
    return doc.cached("tables", _detect)


def _detect(doc: Document) -> list[Table]:
    return []
