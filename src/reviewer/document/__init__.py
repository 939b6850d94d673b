"""Reading reports: bytes -> decoded text -> a normalized, offset-preserving `Document`."""

from reviewer.document.document import Document
from reviewer.document.loader import load, load_text

__all__ = ["Document", "load", "load_text"]
