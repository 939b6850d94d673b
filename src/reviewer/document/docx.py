"""Text of a .docx: paragraphs and tables in document order.

A table is rendered as one line per row, `| cell | cell |`, so it reads naturally and the
pipe-table detector in `tables.py` finds it again. Rows keep the table's grid: a cell merged
across columns is written once followed by empty cells, and the continuation of a vertically
merged cell is empty, so numbers are never counted twice.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import Any

from reviewer.errors import InputError
from reviewer.regex import lazy

# `|` inside a cell would split it; a broken bar reads the same and survives normalization.
_PIPE_SUB = "¦"
_WS = lazy(r"\s+")


def docx_text(data: bytes, path: str = "<docx>") -> str:
    """Decoded text of a .docx file given as bytes; `InputError` when it is corrupted."""
    from reviewer.document.loader import MAX_DOCX_XML_BYTES

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            info = zf.getinfo("word/document.xml")
            if info.file_size > MAX_DOCX_XML_BYTES:
                raise InputError(path, "the .docx text part is too large (zip bomb?)")
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError) as exc:
        raise InputError(path, f"corrupted .docx ({_short(exc)})") from None

    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError:  # pragma: no cover - python-docx is a dependency
        raise InputError(
            path, "reading .docx needs python-docx (pip install python-docx)"
        ) from None
    try:
        document = docx.Document(io.BytesIO(data))
        lines = list(_body_lines(document))
    except PackageNotFoundError:
        raise InputError(path, "corrupted .docx (not a Word package)") from None
    except Exception as exc:  # lxml/opc errors on damaged XML
        detail = _short(exc) if "xml" in type(exc).__module__.lower() else "damaged parts"
        raise InputError(path, f"corrupted .docx ({detail})") from None
    return "\n".join(lines) + "\n" if lines else ""


def _short(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:120]


def _body_lines(document: Any) -> Iterator[str]:
    from docx.oxml.ns import qn

    body = document.element.body
    yield from _block_lines(body, document, qn)


def _block_lines(parent: Any, document: Any, qn: Any) -> Iterator[str]:
    from docx.text.paragraph import Paragraph

    for child in parent.iterchildren():
        tag = child.tag
        if tag == qn("w:p"):
            yield Paragraph(child, document).text
        elif tag == qn("w:tbl"):
            yield from _table_lines(child, document, qn)
        elif tag in (qn("w:sdt"), qn("w:customXml")):
            content = child.find(qn("w:sdtContent")) if tag == qn("w:sdt") else child
            if content is not None:
                yield from _block_lines(content, document, qn)


def _table_lines(tbl: Any, document: Any, qn: Any) -> Iterator[str]:
    from docx.text.paragraph import Paragraph

    for tr in tbl.iterchildren(qn("w:tr")):
        cells: list[str] = []
        for tc in tr.iterchildren(qn("w:tc")):
            tcpr = tc.find(qn("w:tcPr"))
            span, continued = 1, False
            if tcpr is not None:
                gs = tcpr.find(qn("w:gridSpan"))
                if gs is not None:
                    try:
                        span = max(1, int(gs.get(qn("w:val"))))
                    except (TypeError, ValueError):
                        span = 1
                vm = tcpr.find(qn("w:vMerge"))
                continued = vm is not None and vm.get(qn("w:val"), "continue") == "continue"
            if continued:
                text = ""
            else:
                paras = [Paragraph(p, document).text for p in tc.iter(qn("w:p"))]
                text = _WS.sub(" ", " ".join(paras)).strip().replace("|", _PIPE_SUB)
            cells.append(text)
            cells.extend([""] * (span - 1))
        if any(cells):
            yield "| " + " | ".join(cells) + " |"
