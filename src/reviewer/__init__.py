"""reviewer: review Chinese performance self-evaluation reports.

Library API (the CLI only wraps it):

    from reviewer import check, extract, review
    result = check("report.txt")          # rules only, offline
    for f in result.findings: print(f.code, f.message)
    result = review("report.txt")         # rules + model, when one is configured
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from reviewer.document import Document as Document
    from reviewer.engine import check as check
    from reviewer.engine import check_text as check_text
    from reviewer.llm.review import extract as extract
    from reviewer.llm.review import review as review
    from reviewer.models import Finding as Finding
    from reviewer.models import ReportResult as ReportResult
    from reviewer.models import RunResult as RunResult
    from reviewer.models import Severity as Severity
    from reviewer.models import Span as Span

_LAZY = {
    "check": "reviewer.engine",
    "check_text": "reviewer.engine",
    "review": "reviewer.llm.review",
    "extract": "reviewer.llm.review",
    "Document": "reviewer.document",
    "Finding": "reviewer.models",
    "ReportResult": "reviewer.models",
    "RunResult": "reviewer.models",
    "Severity": "reviewer.models",
    "Span": "reviewer.models",
}

__all__ = [*_LAZY, "__version__"]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'reviewer' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
