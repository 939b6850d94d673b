"""Turn a path (or bytes) into a `Document`, detecting the format and encoding rather than assuming.

The format is decided by the file's content (magic bytes), not its extension: a `.docx` that
is really text is read as text, a `.txt` that is really a Word file is read as Word. Scanned
pages (a PDF with no text layer, a PNG/JPEG/TIFF image) are read through the OCR when the `ocr`
extra is installed, and refused with the command that installs it when not. Formats that cannot
be read (legacy .doc/.xls, RTF, GIF, archives) are refused with a reason.

Every failure is an `InputError(path, reason)` with a one-line reason. Reads are bounded, so a
huge file costs no more memory than the limit. Heavy modules (python-docx, pdfplumber,
charset-normalizer) are imported only when a file needs them.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from pathlib import Path

from reviewer.document.document import Document
from reviewer.errors import InputError

TEXT_SUFFIXES = {".txt", ".md", ".text", ".markdown", ""}

# Largest text report accepted, in bytes (a long report is well under 1 MB).
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
# .docx and .pdf files carry images and fonts, so their own limit is larger.
DEFAULT_MAX_BINARY_BYTES = 100 * 1024 * 1024
# Uncompressed size of word/document.xml accepted (guards against zip bombs).
MAX_DOCX_XML_BYTES = 200 * 1024 * 1024

_HEAD = 8192
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Magic bytes of formats that are certainly not reports: (prefix, description).
# Images of scanned pages (PNG, JPEG, TIFF), read through the OCR.
_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")
_BINARY_MAGIC: list[tuple[bytes, str]] = [
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x7fELF", "an executable"),
    (b"MZ", "a Windows executable"),
]
_CHINESE_ENCODINGS = {"gb2312", "gbk", "gb18030", "hz", "cp936", "euc_cn", "iso2022_cn"}


def _fail(path: str | Path, reason: str) -> InputError:
    return InputError(str(path), reason)


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"


# ---------------------------------------------------------------------------------------------
# Reading bytes


def _stat_file(path: str) -> os.stat_result:
    """Stat, following symlinks (an indirection tests can replace)."""
    return os.stat(path)


def _open_file(path: str) -> int:
    """Open for reading (an indirection tests can replace)."""
    return os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))


def read_bounded(path: str | Path, limit: int | Callable[[bytes], int]) -> bytes:
    """The bytes of a regular file, refusing files above the limit without reading them whole.

    `limit` is a byte count, or a function of the file's first bytes (so a text file and a
    .pdf can have different limits); only that much is ever read.
    """
    p = str(path)
    try:
        st = _stat_file(p)
    except FileNotFoundError:
        if os.path.islink(p):
            raise _fail(path, "broken symbolic link (its target does not exist)") from None
        raise _fail(path, "no such file") from None
    except PermissionError:
        raise _fail(path, "permission denied") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise _fail(path, "symbolic link loop (too many levels of symbolic links)") from None
        if exc.errno == errno.ENAMETOOLONG:
            raise _fail(path, "file name too long") from None
        raise _fail(path, f"cannot read: {exc.strerror or exc}") from None
    if stat.S_ISDIR(st.st_mode):
        raise _fail(path, "is a directory, not a report file")
    if not stat.S_ISREG(st.st_mode):
        raise _fail(path, "not a regular file (device, pipe or socket)")
    try:
        fd = _open_file(p)
    except PermissionError:
        raise _fail(path, "permission denied") from None
    except OSError as exc:
        raise _fail(path, f"cannot read: {exc.strerror or exc}") from None
    try:
        head = os.read(fd, _HEAD)
        cap = limit(head) if callable(limit) else limit
        if st.st_size > cap:
            raise _fail(path, f"file is {_mb(st.st_size)}, above the {_mb(cap)} limit")
        chunks = [head]
        total = len(head)
        while True:
            if total > cap:  # the file grew after stat(), or stat() did not know its size
                raise _fail(path, f"file is larger than the {_mb(cap)} limit")
            chunk = os.read(fd, min(1 << 20, cap + 1 - total)) if head else b""
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as exc:
        if exc.errno == errno.EISDIR:
            raise _fail(path, "is a directory, not a report file") from None
        raise _fail(path, f"cannot read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    return b"".join(chunks)


# ---------------------------------------------------------------------------------------------
# Sniffing the format


def sniff(data: bytes, suffix: str = "") -> str:
    """The content's format: 'txt', 'docx', 'pdf', 'image', or 'unsupported:<reason>'."""
    head = data[:1024]
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return _sniff_zip(data)
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith(_OLE2):
        if "EncryptedPackage".encode("utf-16-le") in data:
            return (
                "unsupported:password-protected Office file; remove the password and save it again"
            )
        kind = {
            ".xls": "a legacy Excel workbook (.xls)",
            ".ppt": "a legacy PowerPoint file (.ppt)",
        }.get(suffix, "a legacy Word/Office binary file (.doc/.xls)")
        return f"unsupported:{kind} is not supported; save it as .docx, .pdf or .txt"
    if data.lstrip(b"\xef\xbb\xbf").startswith(b"{\\rtf"):
        return "unsupported:an RTF file is not supported; save it as .docx or .txt"
    if data.startswith(_IMAGE_MAGIC):
        return "image"
    for magic, what in _BINARY_MAGIC:
        if data.startswith(magic):
            return f"unsupported:{what}, not a report"
    return "txt"


def _sniff_zip(data: bytes) -> str:
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return "unsupported:corrupted or truncated zip/.docx file"
    if "word/document.xml" in names:
        return "docx"
    if any(n.startswith("xl/") for n in names):
        return "unsupported:an Excel workbook (.xlsx) is not supported; export it as .pdf or .txt"
    if any(n.startswith("ppt/") for n in names):
        return "unsupported:a PowerPoint file (.pptx) is not supported"
    if "content.xml" in names and "mimetype" in names:
        return "unsupported:an OpenDocument file is not supported; save it as .docx"
    if "[Content_Types].xml" in names:
        return "unsupported:corrupted .docx (no word/document.xml inside)"
    return "unsupported:a zip archive, not a report; unpack it and pass the report file"


# ---------------------------------------------------------------------------------------------
# Decoding text


def _plausible(ch: str) -> bool:
    o = ord(ch)
    return (
        32 <= o < 127
        or ch in "\t\n\r"
        or 0x4E00 <= o <= 0x9FFF  # CJK ideographs
        or 0x3400 <= o <= 0x4DBF
        or 0x3000 <= o <= 0x303F  # CJK punctuation
        or 0xFF00 <= o <= 0xFFEF  # full-width forms
        or 0x2000 <= o <= 0x206F  # general punctuation
        or 0xA0 <= o <= 0x24F
        or 0x2460 <= o <= 0x24FF  # circled numbers
        or 0x2190 <= o <= 0x22FF  # arrows, math (≥ ≤)
    )


def _looks_utf16(data: bytes) -> str | None:
    """'utf-16-le' / 'utf-16-be' for BOM-less UTF-16: NULs from ASCII, and one decoding reads."""
    if len(data) < 4 or len(data) % 2:
        return None
    sample = data[: 1 << 16]
    if sample.count(0) < max(1, len(sample) // 100):
        return None
    best, best_score = None, 0.0
    for enc in ("utf-16-le", "utf-16-be"):
        text = sample.decode(enc, errors="replace")
        score = sum(map(_plausible, text)) / max(1, len(text))
        if score > best_score:
            best, best_score = enc, score
    return best if best_score >= 0.95 else None


def _is_texty(text: str) -> bool:
    """True when decoded text has almost no control or unassigned characters."""
    if not text:
        return True
    sample = text[:20000]
    bad = sum(
        1
        for ch in sample
        if (ord(ch) < 32 and ch not in "\t\n\r\f\v")
        or 0xD800 <= ord(ch) <= 0xDFFF
        or 0xE000 <= ord(ch) <= 0xF8FF  # private use: what garbage decodes to
        or ch == "\ufffd"
    )
    return bad <= max(2, len(sample) // 200)


# Byte-order marks and the codec that reads past them; UTF-32's LE mark starts like UTF-16's, so
# it is tried first.
_BOMS: tuple[tuple[tuple[bytes, ...], str, str], ...] = (
    ((b"\xef\xbb\xbf",), "utf-8-sig", "UTF-8"),
    ((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"), "utf-32", "UTF-32"),
    ((b"\xff\xfe", b"\xfe\xff"), "utf-16", "UTF-16"),
)


def decode_bytes(data: bytes, path: str = "<bytes>") -> str:
    """Decode text report bytes; UTF-8/16 by BOM or shape, else charset-normalizer's guess.

    When charset-normalizer says the text is Chinese (GB2312/GBK/GB18030), GB18030 is used: it is
    the superset, so characters outside GB2312 still decode.
    """
    for marks, codec, name in _BOMS:
        if data.startswith(marks):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                raise _fail(
                    path, f"starts with a {name} byte-order mark but is not valid {name}"
                ) from None
    guess16 = _looks_utf16(data)
    if guess16:
        try:
            text = data.decode(guess16)
        except UnicodeDecodeError:
            text = None
        if text is not None and _is_texty(text):
            return text
    if b"\x00" in data:
        raise _fail(path, "binary file (contains NUL bytes), not a text report")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise _fail(path, "binary or undecodable file: no text encoding fits its bytes")
    encoding = best.encoding.lower().replace("-", "_")
    if encoding in _CHINESE_ENCODINGS or any(
        c.lower().replace("-", "_") in _CHINESE_ENCODINGS for c in best.could_be_from_charset
    ):
        try:
            return data.decode("gb18030")
        except UnicodeDecodeError:
            pass
    text = str(best)
    if not _is_texty(text):
        raise _fail(path, f"binary file: decoding it as {best.encoding} gives control characters")
    return text


# ---------------------------------------------------------------------------------------------
# Public API


def load_text(
    path: str | Path,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_binary_bytes: int = DEFAULT_MAX_BINARY_BYTES,
) -> tuple[str, str]:
    """Read a report and return (decoded text, format name: 'txt', 'docx', 'pdf' or 'image').

    `max_bytes` limits text files; `max_binary_bytes` limits .docx/.pdf/image files (and the
    text extracted from them is held to `max_bytes` too).
    """
    suffix = Path(path).suffix.lower()
    doc = document_of_bytes(
        _read(path, max_bytes, max_binary_bytes), str(path), suffix=suffix, max_bytes=max_bytes
    )
    return doc.text, doc.format


def _read(path: str | Path, max_bytes: int, max_binary_bytes: int) -> bytes:
    def limit_for(head: bytes) -> int:
        binary = head.startswith((b"PK\x03\x04", _OLE2, *_IMAGE_MAGIC)) or b"%PDF-" in head[:1024]
        return max_binary_bytes if binary else max_bytes

    return read_bounded(path, limit_for)


def text_of_bytes(
    data: bytes, path: str = "<bytes>", *, suffix: str = "", max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[str, str]:
    """(decoded text, format) of report bytes already read: txt, docx, pdf or image."""
    doc = document_of_bytes(data, path, suffix=suffix, max_bytes=max_bytes)
    return doc.text, doc.format


def document_of_bytes(
    data: bytes, path: str = "<bytes>", *, suffix: str = "", max_bytes: int = DEFAULT_MAX_BYTES
) -> Document:
    """The `Document` of report bytes already read (a file's, or stdin's).

    A PDF without a text layer, and an image (PNG, JPEG, TIFF), are read through the OCR
    (`reviewer.document.ocr`, the `ocr` extra); the document then carries the OCR's
    per-character confidence in `doc.ocr`. A PDF with text on some pages and only an image on
    others (a signed page scanned in) has those pages read by the OCR when the extra is
    installed, and is read from its text pages alone when not.
    """
    if not data:
        raise _fail(path, "the file is empty (0 bytes)")
    fmt = sniff(data, suffix)
    if fmt.startswith("unsupported:"):
        raise _fail(path, fmt.split(":", 1)[1])
    scanned = None
    if fmt == "txt":
        if len(data) > max_bytes:
            raise _fail(path, f"file is {_mb(len(data))}, above the {_mb(max_bytes)} limit")
        text = decode_bytes(data, path)
    elif fmt == "docx":
        from reviewer.document.docx import docx_text

        text = docx_text(data, path)
    elif fmt == "image":
        from reviewer.document import ocr

        scanned = ocr.read_scan(data, path, "image")
        text = scanned.text
    else:
        from reviewer.document import ocr
        from reviewer.document.pdf import pdf_page_texts

        pages = pdf_page_texts(data, path)
        text = "\n".join(p for p in pages if p and p.strip())
        if not text.strip():  # no text layer anywhere: a scanned PDF
            scanned = ocr.read_scan(data, path, "pdf")
            text = scanned.text
        elif None in pages and ocr.available():  # a scanned page among text pages
            scanned = ocr.read_mixed(data, path, pages)
            text = scanned.text
        else:
            text += "\n"
    if len(text) > max_bytes:
        raise _fail(path, f"the extracted text is larger than the {_mb(max_bytes)} limit")
    if text.startswith("\ufeff"):
        text = text[1:]
        if scanned is not None:
            scanned.confidence = scanned.confidence[1:]
    if not text.strip():
        if fmt == "txt":
            raise _fail(path, "the report is empty (only whitespace)")
        if scanned is not None:
            raise _fail(path, f"the OCR found no text in the scanned {fmt}")
        raise _fail(path, f"the {fmt} file contains no text")
    return Document(text=text, path=path, format=fmt, ocr=scanned)


def load(
    path: str | Path,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_binary_bytes: int = DEFAULT_MAX_BINARY_BYTES,
) -> Document:
    """Read and decode a report into a `Document` (format from content, not extension)."""
    suffix = Path(path).suffix.lower()
    data = _read(path, max_bytes, max_binary_bytes)
    return document_of_bytes(data, str(path), suffix=suffix, max_bytes=max_bytes)
