"""Load gold findings and known-correct claims, and match findings to them by span overlap."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

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


def quote_ranges(text: str, quote: str) -> list[tuple[int, int]]:
    """Every occurrence of `quote` in `text` as [start, end) offsets."""
    out, i = [], text.find(quote)
    while i >= 0:
        out.append((i, i + len(quote)))
        i = text.find(quote, i + 1)
    return out


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def matches(item: GoldItem, text: str, finding: Finding) -> bool:
    """A finding matches a gold item when the kinds agree and a span overlaps the quote."""
    if finding.kind != item.kind:
        return False
    if item.scope == "document":
        return True
    ranges = quote_ranges(text, item.quote)
    return any(overlaps((s.start, s.end), r) for s in finding.spans for r in ranges)
