"""Shared test helpers: review a text or a sample and look findings up by code or kind."""

from __future__ import annotations

from pathlib import Path

from reviewer.document import Document
from reviewer.engine import run_checks
from reviewer.models import Finding

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
REPORTS = FIXTURES / "reports"


def review_text(text: str, select: list[str] | None = None, lang: str = "zh") -> list[Finding]:
    """Findings of the rules (optionally only `select` codes/prefixes) on `text`."""
    return run_checks(Document(text=text), select=select, lang=lang)  # type: ignore[arg-type]


def codes(findings: list[Finding]) -> list[str]:
    return [f.code for f in findings]


def sample(name: str) -> Path:
    return REPORTS / name
