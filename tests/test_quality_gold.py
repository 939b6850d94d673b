"""Acceptance: the Q rules alone report at least half of the gold items whose source is quality."""

from __future__ import annotations

from functools import cache

from reviewer.document import load
from reviewer.engine import run_checks
from reviewer.models import Finding
from tests.gold import FIXTURES, GoldItem, gold_items, matches

REPORTS = FIXTURES / "reports"
QUALITY = [g for g in gold_items() if g.source == "quality"]


@cache
def q_findings(report: str) -> tuple[Finding, ...]:
    return tuple(run_checks(load(REPORTS / report), select=["Q"]))


@cache
def text(report: str) -> str:
    return (REPORTS / report).read_text(encoding="utf-8")


def matched(item: GoldItem) -> bool:
    return any(matches(item, text(item.report), f) for f in q_findings(item.report))


def test_quality_recall_on_gold_is_at_least_half() -> None:
    hits = [g for g in QUALITY if matched(g)]
    missed = [g for g in QUALITY if not matched(g)]
    recall = len(hits) / len(QUALITY)
    print(f"\nquality recall {len(hits)}/{len(QUALITY)} = {recall:.2f}")
    for g in hits:
        print(f"  matched  {g.id}")
    for g in missed:
        print(f"  missed   {g.id}")
    assert recall >= 0.5, [g.id for g in missed]


def test_q_findings_are_all_quality_family() -> None:
    for report in {g.report for g in QUALITY}:
        for f in q_findings(report):
            assert f.family == "quality" and f.source == "rules", f.code
