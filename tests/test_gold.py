"""Acceptance: the rules find the sample reports' known problems and leave correct claims alone."""

from __future__ import annotations

from functools import cache

import pytest

from reviewer.engine import check
from reviewer.models import ReportResult, Severity
from tests.gold import (
    FIXTURES,
    GoldItem,
    correct_claims,
    gold_items,
    matches,
    overlaps,
    quote_ranges,
)

REPORTS = FIXTURES / "reports"


@cache
def result(report: str) -> ReportResult:
    return check(REPORTS / report)


@cache
def text(report: str) -> str:
    return (REPORTS / report).read_text(encoding="utf-8")


NUMERIC = [g for g in gold_items() if g.source in ("arithmetic", "target")]
QUALITY = [g for g in gold_items() if g.source == "quality"]


def test_every_gold_quote_is_verbatim() -> None:
    for item in gold_items():
        assert quote_ranges(text(item.report), item.quote), item.id


@pytest.mark.parametrize("item", NUMERIC, ids=lambda g: g.id)
def test_numeric_gold_item_is_reported(item: GoldItem) -> None:
    found = [f for f in result(item.report).findings if matches(item, text(item.report), f)]
    assert found, f"missed {item.kind} at {item.quote!r} in {item.report}"


@pytest.mark.parametrize(
    "report,quote",
    correct_claims(),
    ids=[f"{r.removesuffix('.txt')}:{i}" for i, (r, _) in enumerate(correct_claims())],
)
def test_correct_claim_is_not_flagged_as_error(report: str, quote: str) -> None:
    ranges = quote_ranges(text(report), quote)
    assert ranges, quote
    wrong = [
        f
        for f in result(report).findings
        if f.severity == Severity.ERROR
        and f.spans
        and any(overlaps((f.spans[0].start, f.spans[0].end), r) for r in ranges)
    ]
    assert not wrong, [f.message for f in wrong]
