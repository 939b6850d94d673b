"""Turn a path (or bytes) into a `Document`, detecting the encoding rather than assuming it."""

from __future__ import annotations

from pathlib import Path

from reviewer.document.document import Document
from reviewer.errors import InputError

TEXT_SUFFIXES = {".txt", ".md", ".text", ".markdown", ""}


def decode_bytes(data: bytes, path: str = "<bytes>") -> str:
    """Decode report bytes: BOMs first, then strict UTF-8, then charset-normalizer's best guess."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(path, "cannot detect the text encoding (binary file?)")
    return str(best)


def load_text(path: str | Path) -> tuple[str, str]:
    """Read a report and return (decoded text, format name)."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except IsADirectoryError:
        raise InputError(str(path), "is a directory") from None
    except PermissionError:
        raise InputError(str(path), "permission denied") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from None
    text = decode_bytes(data, str(path))
    if not text.strip():
        raise InputError(str(path), "the report is empty")
    return text, "txt"


def load(path: str | Path) -> Document:
    """Read and decode a report into a `Document`."""
    text, fmt = load_text(path)
    return Document(text=text, path=str(path), format=fmt)
