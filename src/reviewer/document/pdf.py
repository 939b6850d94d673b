"""Text of a .pdf via pdfplumber: text lines and ruled tables, page by page in reading order.

Tables that pdfplumber finds (ruled grids) are rendered like .docx tables, one `| cell | cell |`
line per row, and placed where they stand on the page; the text around them is extracted
without the table's characters so nothing is read twice. A PDF that needs a password is refused
with a reason; one with no text layer (scanned pages) raises `NoTextLayer`, which the loader
hands to the OCR (`reviewer.document.ocr`). `pdf_page_texts` tells the scanned pages (an image
and no text) of a PDF that has text on others, for the loader to OCR them alone.
"""

from __future__ import annotations

import io
from typing import Any

from reviewer.errors import InputError
from reviewer.regex import lazy

_PIPE_SUB = "¦"
_WS = lazy(r"\s+")
_PASSWORD = "the PDF is encrypted and needs a password; remove the password first"


def pdf_text(data: bytes, path: str = "<pdf>") -> str:
    """Decoded text of a PDF given as bytes."""
    pages = pdf_page_texts(data, path)
    text = "\n".join(p for p in pages if p and p.strip())
    if not text.strip():
        raise NoTextLayer(path, "the PDF has no extractable text (scanned images?)")
    return text + "\n"


def pdf_page_texts(data: bytes, path: str = "<pdf>") -> list[str | None]:
    """Each page's text; None for a page with no text but an image on it (a scanned page)."""
    try:
        import pdfplumber
        from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    except ImportError:  # pragma: no cover - pdfplumber is a dependency
        raise InputError(path, "reading .pdf needs pdfplumber (pip install pdfplumber)") from None
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        pages_out: list[str | None] = []
        with pdf:
            for page in pdf.pages:
                text = _page_text(page)
                pages_out.append(text if text.strip() or not page.images else None)
    except Exception as exc:
        if _needs_password(exc, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise InputError(path, _PASSWORD) from None
        raise InputError(path, f"corrupted PDF ({_short(exc)})") from None
    return pages_out


class NoTextLayer(InputError):
    """A readable PDF with no text on any page: scanned pages, for the OCR to read."""


def _needs_password(exc: BaseException, kinds: tuple[type[BaseException], ...]) -> bool:
    """True for pdfminer's password errors, also when pdfplumber wraps them."""
    seen: BaseException | None = exc
    for _ in range(4):
        if seen is None:
            return False
        if isinstance(seen, kinds) or "password" in type(seen).__name__.lower():
            return True
        inner = seen.args[0] if seen.args and isinstance(seen.args[0], BaseException) else None
        seen = inner or seen.__cause__ or seen.__context__
    return False


def _short(exc: BaseException) -> str:
    if exc.args and isinstance(exc.args[0], BaseException):  # pdfplumber wraps pdfminer's
        exc = exc.args[0]
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:120]


def _page_text(page: Any) -> str:
    try:
        found = page.find_tables()
    except Exception:  # table finding is a bonus; never lose the text over it
        found = []
    blocks: list[tuple[float, str]] = []
    boxes = []
    for table in found:
        rows = table.extract()
        lines = _table_lines(rows)
        if len(lines) < 2:
            continue
        boxes.append(table.bbox)
        blocks.append((float(table.bbox[1]), "\n".join(lines)))

    if boxes:

        def outside(obj: dict[str, Any]) -> bool:
            if "x0" not in obj or "top" not in obj:
                return True
            cx = (obj["x0"] + obj["x1"]) / 2
            cy = (obj["top"] + obj["bottom"]) / 2
            return not any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)

        rest = page.filter(outside)
    else:
        rest = page
    for line in rest.extract_text_lines(return_chars=False):
        blocks.append((float(line["top"]), line["text"]))
    blocks.sort(key=lambda b: b[0])
    return "\n".join(text for _, text in blocks)


def _table_lines(rows: list[list[str | None]]) -> list[str]:
    out = []
    for row in rows:
        cells = [_WS.sub(" ", c or "").strip().replace("|", _PIPE_SUB) for c in row]
        if any(cells):
            out.append("| " + " | ".join(cells) + " |")
    return out
