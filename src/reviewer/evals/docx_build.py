"""Rebuild a text report as a .docx (python-docx) for the mutation eval's `docx` layout.

Each line becomes a paragraph, except runs of `|` rows and of tab-separated rows, which become
real Word tables (a `|---|` rule row is dropped; short rows are padded with empty cells), and
one-cell-per-line or run-together tables whose column count a column relation or two labelled
rows of one width revealed (`tabulate`), which become Word tables too.
`docx_round_trip(text)` is the text the real loader reads back from that file; rebuilding that
text again must give the same text back, so a mutation planted in it is at the same offsets in
the loader's text of the mutated file.
"""

from __future__ import annotations

import io
import itertools
import re
import tempfile
from pathlib import Path

from reviewer.document import Document, load
from reviewer.document.loader import text_of_bytes
from reviewer.evals.relations import Block

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
            for tr, row in zip(table.rows, rows, strict=True):
                for tc, cell in zip(tr.cells, row, strict=False):  # row.cells, not O(n) cell()
                    tc.text = cell
        i = j
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def has_table(text: str) -> bool:
    """Whether `text` has a table to rebuild: `|` or tab rows, or a tabulable cell run."""
    return any(_kind(ln) != "para" for ln in tabulate(text).splitlines())


def docx_round_trip(text: str) -> str | None:
    """The loader's text of `text` rebuilt as a .docx; None when there is no table to rebuild
    or the rebuild is not stable (the loader's text rebuilt does not read back the same)."""
    text = tabulate(text)
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


def _continues(norm: str, start: int) -> bool:
    """Whether the cell run at `start` follows a cell of the same page style: the line before
    ends with a cell's `|` (a long cell, such as a note, broke the run)."""
    before = norm[:start].rstrip("\n").rsplit("\n", 1)[-1]
    return before.rstrip().endswith("|") and len(before.strip(" |")) > 0


def _value_row_first(b: Block) -> bool:
    """Whether a cell run opens with a value row (a label, then a figure): the table's header
    and first rows are above it. Rebuilding only this part as a Word table would make half a
    table no real file has (`_continues`)."""
    return len(b.rows) > 1 and b.rows[0][0][2] is None and b.rows[1][0][2] is not None


def tabulate(text: str) -> str:
    """`text` with each one-cell-per-line or run-together table rewritten as `|` rows, when its
    column count is known (`relations.row_shape`: a column relation, or two labelled rows of
    one width around a rate; the rows start at that label); other tables and all prose are
    left as they are."""
    from reviewer.document.normalize import normalize
    from reviewer.evals.relations import blocks, row_shape

    norm = normalize(text)
    out = text
    for b in reversed(blocks(norm)):
        if b.layout not in ("cell", "run"):
            continue
        varied = _varied_rows(b, norm) if b.layout == "cell" else None
        if varied is not None and not _continues(norm, b.start):
            width, pieces = varied
            cells = [text[s:e].replace("|", "¦").strip() for s, e, _ in (r[0] for r in b.rows)]
            lines = []
            for kind, a, z in pieces:
                row = cells[a:z]
                if kind == "text":
                    lines.extend(row)
                    continue
                # A short row lost merged cells: its first cell (a row number or label) stays
                # first, the rest keep their places from the right (figures under figures).
                row = [row[0], *[""] * (width - len(row)), *row[1:]]
                lines.append("| " + " | ".join(row) + " |")
            out = out[: b.start] + "\n".join(lines) + out[b.end :]
            continue
        shape = row_shape(b, norm)
        if shape is None or (_continues(norm, b.start) and _value_row_first(b)):
            continue
        k, label = shape
        cells = [text[s:e].replace("|", "¦").strip() for s, e, _ in (r[0] for r in b.rows)]
        phase = label % k
        lines = cells[:phase]
        for i in range(phase, len(cells), k):
            row = cells[i : i + k] + [""] * max(0, i + k - len(cells))
            lines.append("| " + " | ".join(row) + " |")
        out = out[: b.start] + "\n".join(lines) + out[b.end :]
    return out


_BARE_INT = re.compile(r"\d{1,3}")
_ROW_START = re.compile(
    r"(?:合\s*计|总\s*计|小\s*计)|[一二三四五六七八九十]{1,3}[、.．]?|[（(][一二三四五六七八九十\d]{1,3}[)）]"
)


def _varied_rows(b: Block, norm: str) -> tuple[int, list[tuple[str, int, int]]] | None:
    """A one-cell-per-line table whose rows vary in width (merged cells dropped), read from
    its own cells: every row ends with the same number m of value cells (figures, dashes), and
    a value run one longer ends with a bare row number (1, 2 …) that opens the next row. The
    first row starts at the last row number or total label before the first figures (else after
    as many label cells as the commonest row has), the header is the table's width of cells
    before it, anything earlier is caption text. Returns (width, pieces): ("text", a, z) for
    caption cells, ("row", a, z) for the header and each row (cell index ranges). None when the
    cells do not read that way or every row has one width (`row_shape` reads those)."""
    from reviewer.evals.relations import _value_like

    texts = [norm[s:e].strip() for s, e, _ in (r[0] for r in b.rows)]
    figs = [r[0][2] for r in b.rows]
    n = len(texts)
    values = [bool(texts[i]) and _value_like(texts[i], figs[i]) for i in range(n)]
    runs: list[tuple[int, int]] = []
    i = 0
    while i < n:
        if values[i]:
            j = i
            while j < n and values[j]:
                j += 1
            runs.append((i, j))
            i = j
        else:
            i += 1
    if len(runs) < 3:
        return None
    m = min(e - s for s, e in runs)
    if m < 2:
        return None
    ends: list[int] = []
    for s, e in runs:
        if e - s == m:
            ends.append(e)
        elif e - s == m + 1 and e < n and _BARE_INT.fullmatch(texts[e - 1]):
            ends.append(e - 1)
        else:
            return None
    lengths = [z - a for a, z in itertools.pairwise(ends)]
    if not lengths or any(ln <= m for ln in lengths):
        return None
    width = max(lengths)
    if len(set(lengths)) < 2 or width > 12:
        return None
    first_run = runs[0][0]
    marks = [k for k in range(first_run) if _ROW_START.fullmatch(texts[k])]
    if marks:
        start = marks[-1]
    else:
        common = max(set(lengths), key=lengths.count)
        start = first_run - (common - m)
    head = start - width
    if head < 0 or any(values[k] for k in range(head, start)):
        return None
    pieces = [("text", 0, head), ("row", head, start), ("row", start, ends[0])]
    pieces += [("row", a, z) for a, z in itertools.pairwise(ends)]
    if ends[-1] < n:
        pieces.append(("text", ends[-1], n))
    return width, pieces
