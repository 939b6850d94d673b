"""Load gold findings and known-correct claims, and match findings to them by span overlap."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from reviewer.evals import matching as _matching
from reviewer.models import Finding

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@dataclass(frozen=True)
class GoldItem:
    report: str
    kind: str
    source: str
    severity: str
    quote: str
    scope: str = "span"  # "document": a finding of this kind anywhere matches

    index: int = 0

    @property
    def id(self) -> str:
        """An ASCII test id: report, kind and the item's position in the gold file."""
        return f"{self.report.removesuffix('.txt')}:{self.kind}:{self.index}"


@cache
def gold_items() -> tuple[GoldItem, ...]:
    data = yaml.safe_load((FIXTURES / "gold.yaml").read_text(encoding="utf-8"))
    return tuple(
        GoldItem(
            report=report,
            kind=item["kind"],
            source=item["source"],
            severity=item["severity"],
            quote=item["quote"],
            scope=item.get("scope", "span"),
            index=i,
        )
        for report, items in data.items()
        for i, item in enumerate(items)
    )


@cache
def correct_claims() -> tuple[tuple[str, str], ...]:
    data = yaml.safe_load((FIXTURES / "correct.yaml").read_text(encoding="utf-8"))
    return tuple((report, item["quote"]) for report, items in data.items() for item in items)


# The eval suite's matching is the one definition of "a finding matches a gold item".
quote_ranges = _matching.quote_ranges
overlaps = _matching.overlaps


def matches(item: GoldItem, text: str, finding: Finding) -> bool:
    """A finding matches a gold item when the kinds agree and a span overlaps the quote."""
    return _matching.matches(item, text, finding)  # type: ignore[arg-type]
