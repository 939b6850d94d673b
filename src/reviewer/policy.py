"""The settings that decide a report's findings: which rules run, their severities, tolerances.

One `Policy` is applied to every report of a run, by the library and the CLI alike
(`reviewer.engine.check`). Its `digest()` keys stored results (`--results … --resume`): a result
is reused only when it was produced under the same policy.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from reviewer.models import Lang, Severity


def selected(code: str, select: Iterable[str] | None, ignore: Iterable[str] | None) -> bool:
    """ruff-style selection: a code is selected by itself or by any prefix of it."""
    if select and not any(code.startswith(s) for s in select):
        return False
    return not (ignore and any(code.startswith(s) for s in ignore))


@dataclass
class Policy:
    """What decides a report's findings (and so whether a stored result can be reused)."""

    lang: Lang = "zh"
    select: list[str] | None = None
    ignore: list[str] | None = None
    severity: dict[str, Severity] = field(default_factory=dict)
    tolerances: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)  # e.g. the model settings of `review`
    # Seconds per report for the rules; None: no budget. Not in the digest: it decides whether a
    # review completes, not its findings (an incomplete result is never reused).
    timeout: float | None = None

    def digest(self) -> str:
        from reviewer import __version__

        blob = json.dumps(
            {
                "version": __version__,
                "lang": self.lang,
                "select": self.select,
                "ignore": self.ignore,
                "severity": {k: v.value for k, v in sorted(self.severity.items())},
                "tolerances": self.tolerances,
                "extra": self.extra,
            },
            sort_keys=True,
            default=str,
        )
        return hashlib.sha256(blob.encode()).hexdigest()[:12]

    def enabled(self, code: str) -> bool:
        """Whether rule `code` runs under this policy (ruff-style prefixes)."""
        return selected(code, self.select, self.ignore)
