"""Rebuild a text report as a .docx (python-docx) for the mutation eval's `docx` layout.

Each line becomes a paragraph, except runs of `|` rows and of tab-separated rows, which become
real Word tables (a `|---|` rule row is dropped; short rows are padded with empty cells).
`docx_round_trip(text)` is the text the real loader reads back from that file; rebuilding that
text again must give the same text back, so a mutation planted in it is at the same offsets in
the loader's text of the mutated file.
"""

from __future__ import annotations

import io
import re
import tempfile
from pathlib import Path

from reviewer.document import Document, load
from reviewer.document.loader import text_of_bytes

_RULE_ROW = re.compile(r"^\s*\|?[\s:|\-]+\|?\s*$")
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _kind(line: str) -> str:
    if line.count("|") >= 2:
        return "pipe"
    if "\t" in line.strip():
        return "tab"
    return "para"


def _cells(line: str, kind: str) -> list[str]:
    if kind == "tab":
        return [c.strip() for c in line.strip().split("\t")]
    parts = line.strip().split("|")
    if parts and not parts[0].strip():
        parts = parts[1:]
    if parts and not parts[-1].strip():
        parts = parts[:-1]
    return [c.strip() for c in parts]


def build_docx(text: str) -> bytes:
    """A .docx whose body is `text`: paragraphs, with `|` and tab rows as Word tables."""
    import docx

    document = docx.Document()
    lines = _XML_BAD.sub(" ", text).splitlines()
    i = 0
    while i < len(lines):
        kind = _kind(lines[i])
        if kind == "para":
            document.add_paragraph(lines[i])
            i += 1
            continue
        j = i
        while j < len(lines) and _kind(lines[j]) == kind:
            j += 1
        rows = [
            _cells(ln, kind) for ln in lines[i:j] if not (kind == "pipe" and _RULE_ROW.match(ln))
        ]
        width = max((len(r) for r in rows), default=0)
        if rows and width:
            table = document.add_table(rows=len(rows), cols=width)
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
        i = j
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def has_table(text: str) -> bool:
    return any(_kind(ln) != "para" for ln in text.splitlines())


def docx_round_trip(text: str) -> str | None:
    """The loader's text of `text` rebuilt as a .docx; None when there is no table to rebuild
    or the rebuild is not stable (the loader's text rebuilt does not read back the same)."""
    if not has_table(text):
        return None
    first, _ = text_of_bytes(build_docx(text), "<rebuilt.docx>")
    again, _ = text_of_bytes(build_docx(first), "<rebuilt.docx>")
    return first if again == first else None


def docx_document(text: str, path: str = "<rebuilt.docx>") -> Document:
    """`text` rebuilt as a .docx file and read back by the real loader (`document.load`)."""
    data = build_docx(text)
    with tempfile.TemporaryDirectory() as tmp:
        f = Path(tmp) / "report.docx"
        f.write_bytes(data)
        doc = load(f)
    doc.path = path
    return doc
