"""Scanned pages to report text: OCR lines with boxes and confidence, rebuilt into paragraphs
and tables, plus a confidence for every character of the text.

One job: images -> `OcrText`. The engine is RapidOCR (PP-OCR models run by onnxruntime; the
models ship inside the `rapidocr` wheel, so nothing is downloaded at run time), installed with
the `ocr` extra (`pip install "reviewer[ocr]"`). Nothing here imports it, numpy or pypdfium2
at module import: a text report never pays for them.

Layout, page by page, on the recognised lines and their characters' boxes:

* the page's skew is the median slope of the long lines' boxes; every box is turned back by it,
  so a slightly rotated scan still has level rows;
* a line is split where the gap between two characters is wider than 1.5 character heights
  (the detector sometimes joins two table cells into one line);
* pieces whose vertical centres are within half a line height form a row;
* two or more consecutive rows of two or more pieces, each at least a character height apart,
  form a table (a text line cut by a stamp has narrower gaps): the row with the most
  pieces gives the columns, each piece goes to the column it overlaps most, and the table is
  written `| a | b |` one row a line (the form the .docx and .pdf loaders use); a single piece
  inside one column and within a line's height of a row (a wrapped cell's other line) joins
  that row's cell;
* other rows are lines of text; a line joins the one before it (line wrapping undone) when that
  one reaches the right margin and does not end a sentence, this one is not indented and does
  not start a heading, and the gap between them is a normal line pitch (also across a page
  break).

`OcrText.confidence` has one value per character of `text` (1.0 for the line breaks and cell
separators the layout adds), so a finding's offsets look up how sure the OCR was of the figures
it quotes (`min_confidence`).
"""

from __future__ import annotations

import io
import itertools
import math
import statistics
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from reviewer.errors import InputError

ENGINE = "rapidocr"
DPI = 200  # scanned PDF pages are rendered at this resolution for the OCR
INSTALL_HINT = 'install the OCR extra: pip install "reviewer[ocr]"'
# A figure read with less confidence than this is never called wrong (see `reviewer.ocr_policy`).
LOW_CONFIDENCE = 0.9
_SENTENCE_END = "。！？；：!?;:"
_HEADING_START = "一二三四五六七八九十（(第"
_PIPE_SUB = "¦"


class Glyph(NamedTuple):
    """One recognised character: its text, confidence, and box (x0, y0, x1, y1) on the page."""

    text: str
    confidence: float
    x0: float
    y0: float
    x1: float
    y1: float


class Piece(NamedTuple):
    """A run of glyphs on one visual line with no wide gap inside: a phrase or a table cell."""

    glyphs: list[Glyph]
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    @property
    def yc(self) -> float:
        return (self.y0 + self.y1) / 2


@dataclass
class OcrText:
    """The text read from scanned pages and how sure the OCR was of each character."""

    text: str
    confidence: array[float]
    pages: int
    engine: str = ENGINE

    @property
    def mean_confidence(self) -> float:
        """Mean confidence over the recognised characters (not the added separators)."""
        pairs = zip(self.text, self.confidence, strict=True)
        read = [c for ch, c in pairs if not ch.isspace() and ch != "|"]
        return sum(read) / len(read) if read else 1.0

    def min_confidence(self, start: int, end: int, *, digits_only: bool = False) -> float:
        """Lowest confidence over text[start:end] (only its digits with `digits_only`)."""
        lowest = 1.0
        for i in range(max(0, start), min(end, len(self.text))):
            if digits_only and not self.text[i].isdigit():
                continue
            lowest = min(lowest, self.confidence[i])
        return lowest

    def meta(self) -> dict[str, Any]:
        """What the JSON output's `meta.ocr` says about the reading."""
        return {
            "pages": self.pages,
            "mean_confidence": round(self.mean_confidence, 4),
            "engine": self.engine,
            "low_confidence_below": LOW_CONFIDENCE,
        }


# ---------------------------------------------------------------------------------------------
# The engine


def available() -> bool:
    """True when the OCR extra is installed (checked without importing it)."""
    from importlib.util import find_spec

    return find_spec("rapidocr") is not None and find_spec("onnxruntime") is not None


_NEEDS = {
    "pdf": "the PDF has no extractable text (scanned images?); reading it",
    "image": "an image of a report",
}


def _require(path: str, what: str) -> None:
    if not available():
        raise InputError(path, f"{what} needs OCR, which is not installed; {INSTALL_HINT}")


_ENGINE: Any = None


def _engine() -> Any:
    """The RapidOCR engine of this process, built on first use.

    In a worker process of a batch (`--jobs`), onnxruntime gets one thread: the workers already
    use the cores. Elsewhere it uses them all. The text-direction classifier is off: a scanned
    page's lines are upright, and it turns short crops upside down (a lone 9 in a table cell
    was read as 6).
    """
    global _ENGINE
    if _ENGINE is None:
        import logging
        import multiprocessing

        from rapidocr import RapidOCR

        threads = 1 if multiprocessing.parent_process() is not None else -1
        _ENGINE = RapidOCR(
            params={
                "Global.log_level": "warning",
                "Global.use_cls": False,
                "EngineConfig.onnxruntime.intra_op_num_threads": threads,
            }
        )
        logging.getLogger("RapidOCR").setLevel(logging.WARNING)
    return _ENGINE


def recognise(image: Any) -> list[list[Glyph]]:
    """The text lines of one page image (an RGB numpy array), each a list of glyphs.

    The page is read through its red channel: red seals and red ink turn pale there while black
    and blue text stays dark, so a stamp over a figure hides less of it (a red-letter heading,
    红头, fades too; it carries no figures).
    """
    import numpy as np

    if image.ndim == 3:
        image = np.repeat(image[..., :1], 3, axis=2)
    out = _engine()(image, return_word_box=True)
    if out.txts is None or out.boxes is None:
        return []
    words = out.word_results if out.word_results is not None else ()
    aligned = len(words) == len(out.txts)
    lines: list[list[Glyph]] = []
    for i, (text, score, box) in enumerate(zip(out.txts, out.scores, out.boxes, strict=True)):
        line = _glyphs(words[i]) if aligned else []
        if "".join(g.text for g in line) != text:  # no usable character boxes: spread the box
            line = _spread(text, float(score), box)
        if line:
            lines.append(line)
    return lines


def _glyphs(words: Iterable[Any]) -> list[Glyph]:
    out: list[Glyph] = []
    for text, score, box in words:
        xs = [float(p[0]) for p in box]
        ys = [float(p[1]) for p in box]
        if len(text) == 1:
            out.append(Glyph(text, float(score), min(xs), min(ys), max(xs), max(ys)))
        else:
            out.extend(_spread(text, float(score), box))
    return out


def _spread(text: str, score: float, box: Any) -> list[Glyph]:
    """Glyphs of equal width across a box (when the engine gave no per-character boxes)."""
    xs = [float(p[0]) for p in box]
    ys = [float(p[1]) for p in box]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    step = (x1 - x0) / max(1, len(text))
    return [
        Glyph(ch, score, x0 + k * step, y0, x0 + (k + 1) * step, y1) for k, ch in enumerate(text)
    ]


# ---------------------------------------------------------------------------------------------
# Inputs: PDF pages and image files


def pdf_pages(data: bytes, path: str, dpi: int = DPI) -> Iterator[Any]:
    """Each page of a PDF rendered to an RGB numpy array at `dpi`, one at a time (a page at
    200 dpi is about 12 MB; a long scan is never held whole)."""
    _require(path, _NEEDS["pdf"])
    import pypdfium2

    try:
        pdf = pypdfium2.PdfDocument(data)
    except Exception as exc:
        raise InputError(path, f"corrupted PDF ({str(exc)[:120]})") from None
    return _rendered(pdf, dpi)


def _rendered(pdf: Any, dpi: int) -> Iterator[Any]:
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            bitmap = page.render(scale=dpi / 72)
            yield bitmap.to_numpy()[..., :3][..., ::-1].copy()  # BGR(A) -> RGB
            bitmap.close()
            page.close()
    finally:
        pdf.close()


def image_pages(data: bytes, path: str) -> list[Any]:
    """The frames of an image file (a multi-page TIFF has several) as RGB numpy arrays."""
    _require(path, _NEEDS["image"])
    import numpy as np
    from PIL import Image, ImageSequence, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as img:
            return [np.asarray(frame.convert("RGB")) for frame in ImageSequence.Iterator(img)]
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        raise InputError(path, "unreadable or truncated image (PNG, JPEG or TIFF)") from None


def read_pages(images: Iterable[Any]) -> OcrText:
    """OCR every page image and rebuild the report's text."""
    return layout([recognise(image) for image in images])


# Scans read in this process, by their bytes' sha256 (a few): a report loaded again (the HTML
# renderer, the pass against last year's report) is not read twice.
_READ: dict[str, OcrText] = {}
_KEEP = 8


def read_mixed(data: bytes, path: str, pages: Sequence[str | None]) -> OcrText:
    """A PDF's text with its scanned pages (None in `pages`, each page's text layer) read by
    the OCR; the text-layer characters count as certain."""
    wanted = {i for i, text in enumerate(pages) if text is None}
    images = (image for i, image in enumerate(pdf_pages(data, path)) if i in wanted)
    try:
        read = iter([layout([recognise(image)]) for image in images])
    except ImportError as exc:  # installed but broken (a missing system library)
        reason = f"the OCR engine cannot start ({str(exc)[:120]}); {INSTALL_HINT}"
        raise InputError(path, reason) from None
    out = _Writer()
    for text in pages:
        part = next(read) if text is None else None
        piece = part.text if part is not None else (text or "")
        if not piece.strip():
            continue
        if out.parts:
            out.add("\n")
        if part is not None:
            out.parts.append(part.text.rstrip("\n"))
            out.conf.extend(part.confidence[: len(out.parts[-1])])
        else:
            out.add(piece.rstrip("\n"))
    out.add("\n")
    return OcrText(text="".join(out.parts), confidence=out.conf, pages=len(wanted))


def read_scan(data: bytes, path: str, kind: str) -> OcrText:
    """The OCR text of a scanned PDF (`kind` 'pdf') or of an image file ('image')."""
    import hashlib

    _require(path, _NEEDS[kind])
    key = hashlib.sha256(data).hexdigest()
    done = _READ.get(key)
    if done is None:
        pages = pdf_pages(data, path) if kind == "pdf" else image_pages(data, path)
        try:
            done = read_pages(pages)
        except ImportError as exc:  # installed but broken (a missing system library)
            reason = f"the OCR engine cannot start ({str(exc)[:120]}); {INSTALL_HINT}"
            raise InputError(path, reason) from None
        while len(_READ) >= _KEEP:
            _READ.pop(next(iter(_READ)))
        _READ[key] = done
    return OcrText(done.text, array("d", done.confidence), done.pages, done.engine)


# ---------------------------------------------------------------------------------------------
# Layout: glyph lines -> paragraphs and tables


class _Row(NamedTuple):
    pieces: list[Piece]
    page: int

    @property
    def x0(self) -> float:
        return self.pieces[0].x0

    @property
    def x1(self) -> float:
        return self.pieces[-1].x1

    @property
    def yc(self) -> float:
        return statistics.fmean(p.yc for p in self.pieces)


class _Block(NamedTuple):
    kind: str  # "text" or "table"
    rows: list[_Row]


class _Writer:
    """Appends text and its per-character confidence side by side."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.conf = array("d")

    def add(self, text: str, confidence: float = 1.0) -> None:
        self.parts.append(text)
        self.conf.extend([confidence] * len(text))

    def glyphs(self, glyphs: Sequence[Glyph]) -> None:
        """The glyphs' text; a gap wider than a character height is written as a space."""
        size = statistics.median(g.y1 - g.y0 for g in glyphs) if glyphs else 0.0
        for k, g in enumerate(glyphs):
            if k and g.x0 - glyphs[k - 1].x1 > size:
                self.add(" ")
            self.add(g.text.replace("|", _PIPE_SUB), g.confidence)


def layout(pages: Sequence[list[list[Glyph]]]) -> OcrText:
    """The report's text from each page's recognised lines (see the module docstring)."""
    blocks: list[_Block] = []
    page_rows: list[list[_Row]] = []
    for number, lines in enumerate(pages):
        rows = _rows(_pieces(_deskew(lines)), number)
        page_rows.append(rows)
        blocks.extend(_blocks(rows))
    margins = [_margins(rows) for rows in page_rows]
    pitch = _pitch(page_rows)
    out = _Writer()
    previous: _Row | None = None
    for block in blocks:
        if block.kind == "table":
            if out.parts:
                out.add("\n")
            _write_table(block.rows, out)
            previous = None
            continue
        row = block.rows[0]
        if out.parts:
            joined = previous is not None and _continues(previous, row, margins, pitch)
            out.add("" if joined else "\n")
        _write_row(row, out)
        previous = row
    if out.parts:
        out.add("\n")
    return OcrText(text="".join(out.parts), confidence=out.conf, pages=len(pages))


def _deskew(lines: list[list[Glyph]]) -> list[list[Glyph]]:
    """The glyphs turned back by the page's skew (the median slope of the long lines)."""
    slopes = []
    for line in lines:
        if len(line) < 8:
            continue
        first, last = line[0], line[-1]
        dx = (last.x0 + last.x1 - first.x0 - first.x1) / 2
        if dx > 0:
            slopes.append((last.y0 + last.y1 - first.y0 - first.y1) / 2 / dx)
    if not slopes:
        return lines
    slope = statistics.median(slopes)
    if abs(slope) < 1e-4:
        return lines
    cos, sin = math.cos(math.atan(slope)), math.sin(math.atan(slope))

    def turn(g: Glyph) -> Glyph:
        cx, cy = (g.x0 + g.x1) / 2, (g.y0 + g.y1) / 2
        nx, ny = cx * cos + cy * sin, -cx * sin + cy * cos
        hw, hh = (g.x1 - g.x0) / 2, (g.y1 - g.y0) / 2
        return Glyph(g.text, g.confidence, nx - hw, ny - hh, nx + hw, ny + hh)

    return [[turn(g) for g in line] for line in lines]


def _pieces(lines: list[list[Glyph]]) -> list[Piece]:
    """Each line cut where two characters stand more than 1.5 line heights apart."""
    out: list[Piece] = []
    for line in lines:
        line = sorted(line, key=lambda g: g.x0)
        height = statistics.median(g.y1 - g.y0 for g in line)
        run = [line[0]]
        for g in line[1:]:
            if g.x0 - run[-1].x1 > 1.5 * height:
                out.append(_piece(run))
                run = []
            run.append(g)
        out.append(_piece(run))
    return out


def _piece(glyphs: list[Glyph]) -> Piece:
    return Piece(
        glyphs,
        min(g.x0 for g in glyphs),
        statistics.median(g.y0 for g in glyphs),
        max(g.x1 for g in glyphs),
        statistics.median(g.y1 for g in glyphs),
    )


def _rows(pieces: list[Piece], page: int) -> list[_Row]:
    """Pieces grouped into visual rows, top to bottom, each row left to right."""
    rows: list[list[Piece]] = []
    for piece in sorted(pieces, key=lambda p: p.yc):
        if rows:
            last = rows[-1]
            yc = statistics.fmean(p.yc for p in last)
            height = statistics.fmean(p.height for p in last)
            if abs(piece.yc - yc) < 0.5 * min(height, piece.height):
                last.append(piece)
                continue
        rows.append([piece])
    return [_Row(sorted(r, key=lambda p: p.x0), page) for r in rows]


def _cells(row: _Row) -> bool:
    """True for a row of two or more pieces at least a character apart: a table row."""
    if len(row.pieces) < 2:
        return False
    size = _height(row)
    return all(b.x0 - a.x1 >= size for a, b in itertools.pairwise(row.pieces))


def _blocks(rows: list[_Row]) -> list[_Block]:
    """Runs of two or more table rows (`_cells`), with the lines of their wrapped cells
    (`_wrapped`), are tables; other rows are text lines."""
    out: list[_Block] = []
    i = 0
    while i < len(rows):
        if not _cells(rows[i]):
            out.append(_Block("text", [rows[i]]))
            i += 1
            continue
        j, count = i + 1, 1  # rows[i:j]: the table so far, ending on a row of cells
        ahead = [r for r in rows[i : i + 12] if _cells(r)]
        ref = max(ahead, key=lambda r: (len(r.pieces), r.x1 - r.x0))  # its columns
        while True:
            k = j
            while k < len(rows) and k - j < _WRAP_LINES and _wrapped(rows[k], ref, rows):
                k += 1
            if k == len(rows) or not _cells(rows[k]):
                break
            j, count = k + 1, count + 1
        if count < 2:
            out.append(_Block("text", [rows[i]]))
            i += 1
            continue
        start = i  # a wrapped first row's upper lines stand above it
        while (
            i - start < _WRAP_LINES
            and out
            and out[-1].kind == "text"
            and _wrapped(out[-1].rows[0], ref, rows)
        ):
            start -= 1
            out.pop()
        end = j
        while end < len(rows) and end - j < _WRAP_LINES and _wrapped(rows[end], ref, rows):
            end += 1
        out.append(_Block("table", rows[start:end]))
        i = end
    return out


_WRAP_LINES = 2  # lines of wrapped cells taken between or around two rows of a table


def _wrapped(row: _Row, ref: _Row, rows: list[_Row]) -> bool:
    """True when `row` is a line of a wrapped table cell: one piece inside one column of the
    table whose widest row is `ref`, within a line's height of a row of cells (a caption or a
    note stands further off, or across the columns)."""
    if len(row.pieces) != 1 or _cells(row):
        return False
    piece = row.pieces[0]
    bounds = [(a.x1 + b.x0) / 2 for a, b in itertools.pairwise(ref.pieces)]
    if piece.x0 < ref.x0 - _height(ref) or piece.x1 > ref.x1 + _height(ref):
        return False
    if any(piece.x0 < x < piece.x1 for x in bounds):
        return False
    near = min((abs(r.yc - row.yc) for r in rows if _cells(r)), default=math.inf)
    return near <= 1.2 * _height(ref)


def _margins(rows: list[_Row]) -> tuple[float, float]:
    """The page's text margins: where most lines start and how far the longest ones reach."""
    if not rows:
        return 0.0, 0.0
    starts = sorted(r.x0 for r in rows)
    ends = sorted(r.x1 for r in rows)
    return starts[len(starts) // 10], ends[-1 - len(ends) // 10]


def _pitch(page_rows: list[list[_Row]]) -> float:
    """The usual distance between two consecutive lines of text."""
    gaps = [b.yc - a.yc for rows in page_rows for a, b in itertools.pairwise(rows) if b.yc > a.yc]
    return statistics.median(gaps) if gaps else 0.0


def _height(row: _Row) -> float:
    return statistics.median(g.y1 - g.y0 for p in row.pieces for g in p.glyphs)


def _continues(prev: _Row, row: _Row, margins: list[tuple[float, float]], pitch: float) -> bool:
    """True when `row` carries on the sentence `prev` was wrapped in."""
    text = "".join(g.text for p in row.pieces for g in p.glyphs)
    last = prev.pieces[-1].glyphs[-1].text
    size = _height(prev)
    left, _ = margins[row.page]
    _, right = margins[prev.page]
    if last in _SENTENCE_END or not text or text[0] in _HEADING_START:
        return False
    if text[0].isdigit() and any(ch in text[:4] for ch in ".、．)）"):
        return False  # a numbered item: 1. / 2、 / 3)
    if prev.x1 < right - 1.5 * size:  # the previous line stops short: its paragraph ended
        return False
    if row.x0 > left + 0.8 * size:  # indented: a new paragraph
        return False
    # A wider gap than a line's: a paragraph break (a page break is no gap).
    return not (row.page == prev.page and pitch and row.yc - prev.yc > 1.6 * pitch)


def _write_row(row: _Row, out: _Writer) -> None:
    size = _height(row)
    for k, piece in enumerate(row.pieces):
        if k and piece.x0 - row.pieces[k - 1].x1 > size:
            out.add(" ")
        out.glyphs(piece.glyphs)


def _write_table(rows: list[_Row], out: _Writer) -> None:
    """Rows of pieces as `| a | b |` lines, each piece in the column it overlaps most; the lines
    of a wrapped cell join the row of cells nearest to them."""
    table = [r for r in rows if _cells(r)]
    widest = max(table, key=lambda r: len(r.pieces))
    columns = [(p.x0, p.x1) for p in widest.pieces]
    grid: list[list[list[Piece]]] = [[[] for _ in columns] for _ in table]
    for row in rows:
        at = min(range(len(table)), key=lambda n: abs(table[n].yc - row.yc))
        for piece in row.pieces:
            grid[at][_column(piece, columns)].append(piece)
    for n, cells in enumerate(grid):
        if n:
            out.add("\n")
        out.add("|")
        for cell in cells:
            out.add(" ")
            for piece in sorted(cell, key=lambda p: (p.yc, p.x0)):
                out.glyphs(piece.glyphs)
            out.add(" |")


def _column(piece: Piece, columns: list[tuple[float, float]]) -> int:
    def score(i: int) -> tuple[float, float]:
        x0, x1 = columns[i]
        overlap = min(x1, piece.x1) - max(x0, piece.x0)
        centre = abs((x0 + x1) / 2 - (piece.x0 + piece.x1) / 2)
        return overlap, -centre

    return max(range(len(columns)), key=score)
