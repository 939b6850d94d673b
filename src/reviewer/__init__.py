"""reviewer: review Chinese performance self-evaluation reports.

Library API (the CLI only wraps it):

    from reviewer import check
    result = check("report.txt")          # rules only, offline
    for f in result.findings: print(f.code, f.message)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from reviewer.document import Document as Document
    from reviewer.engine import check as check
    from reviewer.engine import check_text as check_text
    from reviewer.models import Finding as Finding
    from reviewer.models import ReportResult as ReportResult
    from reviewer.models import RunResult as RunResult
    from reviewer.models import Severity as Severity
    from reviewer.models import Span as Span

_LAZY = {
    "check": "reviewer.engine",
    "check_text": "reviewer.engine",
    "Document": "reviewer.document",
    "Finding": "reviewer.models",
    "ReportResult": "reviewer.models",
    "RunResult": "reviewer.models",
    "Severity": "reviewer.models",
    "Span": "reviewer.models",
}

__all__ = [*_LAZY, "__version__", "review"]


def __getattr__(name: str) -> Any:
    if name == "review":
        # `reviewer.review` is a callable module: review(path) and review.extract(path).
        import importlib

        return importlib.import_module("reviewer.review")
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'reviewer' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
