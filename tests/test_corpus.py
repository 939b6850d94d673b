"""The real-report corpus (fixtures/corpus/): what it must hold, and what the rules must keep doing
on it. The gold was written before the tool was run on each report (fixtures/corpus/README.md);
the floors below are measured figures, so a change that loses a found item or adds an error on a
claim that holds fails here."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewer.evals.cases import Case, load_suite
from reviewer.evals.runner import Results, run_suite

ROOT = Path(__file__).resolve().parent.parent
SUITE = load_suite(ROOT / "evals" / "corpus.yaml")
CASES = SUITE.load_cases()


def test_the_corpus_spans_many_provinces_and_both_report_types() -> None:
    assert len(CASES) >= 40
    assert len({c.province for c in CASES}) >= 10
    types = {c.report_type for c in CASES}
    assert {"department", "project"} <= types


def test_the_corpus_holds_every_flattened_layout() -> None:
    layouts = {lay for c in CASES for lay in c.layouts}
    assert {"prose", "pipe", "cell_per_line", "run_together"} <= layouts


@pytest.mark.parametrize("c", CASES, ids=lambda c: c.id)
def test_every_corpus_case_is_sourced_and_quoted_verbatim(c: Case) -> None:
    assert "corpus" in c.tags
    assert c.province and c.report_type and c.year and c.layouts
    assert c.url or "索引号" in c.description, "a source address, or the page's index number"
    assert c.report_path.is_file()
    for item in [*c.gold, *c.correct]:
        assert item.quote in c.text, item.quote


@pytest.fixture(scope="module")
def corpus_results() -> Results:
    return run_suite(SUITE, systems=["rules"])


def test_the_rules_run_on_every_corpus_report(corpus_results: Results) -> None:
    assert all(per["rules"].status == "ok" for per in corpus_results.outputs.values())


def test_no_error_finding_on_a_claim_that_holds(corpus_results: Results) -> None:
    wrong = {
        f"{sc.case_id}: {o.finding.code} {o.finding.spans[0].text if o.finding.spans else ''}"
        for sc in corpus_results.system_scores("rules")
        for o in sc.false_alarms
        if o.reason == "error on a claim known to be correct"
    }
    # (The first run over holdout3 made one: guangxi-nyfz-2021's T001, now fixed in
    # claims/amounts.py: a figure followed by a figure-free note in brackets is no split.)
    # The first run over holdout8 made one: G006 took a funds 到位率 of 101.15% for impossible
    # (unknown-sgjh-2021), now fixed in claims/rate_classes.py: a 到位率 of money is a ratio of
    # two amounts, and more money may arrive than was planned.
    assert wrong == set()


@pytest.mark.parametrize("threshold", [t for t in SUITE.thresholds if t.system == "rules"], ids=str)
def test_the_rules_keep_their_corpus_floor(corpus_results: Results, threshold) -> None:
    # Floors are split by tag (the held-out sets have their own): a row is its threshold's.
    want = threshold.model_dump(mode="json")
    row = next(r for r in corpus_results.thresholds() if all(r[k] == v for k, v in want.items()))
    assert row["ok"], f"{threshold}: {row['value']} < {threshold.min}"


def test_the_second_holdout_is_a_set_of_its_own() -> None:
    # issue 16: at least 20 reports nobody tuned a rule on, with floors of their own, while the
    # floors of the other reports are measured without them.
    held = [c for c in CASES if "holdout2" in c.tags]
    assert len(held) >= 20
    assert not [c.id for c in held if "holdout" in c.tags]
    floors = [t for t in SUITE.thresholds if t.system == "rules"]
    assert {t.metric for t in floors if t.tags == ["holdout2"]} == {"recall", "precision"}
    assert all(t.tags == ["holdout2"] or "holdout2" in t.exclude_tags for t in floors)


def test_the_third_holdout_is_a_set_of_its_own() -> None:
    # issue 16: a third set of at least 15 reports nobody tuned a rule on, gold committed before
    # the first tool run, with floors of its own; the other floors are measured without it.
    held = [c for c in CASES if "holdout3" in c.tags]
    assert len(held) >= 15
    assert not [c.id for c in held if {"holdout", "holdout2"} & set(c.tags)]
    floors = [t for t in SUITE.thresholds if t.system == "rules"]
    assert {t.metric for t in floors if t.tags == ["holdout3"]} == {"recall", "precision"}
    assert all(
        t.tags in (["holdout2"], ["holdout3"]) or "holdout3" in t.exclude_tags for t in floors
    )


def test_the_fourth_holdout_is_a_set_of_its_own() -> None:
    # issue 16: a fourth set of at least 15 reports nobody tuned a rule on, collected while holdout3
    # was being tuned on, gold committed before any tool run. Every floor is measured without it; it
    # has floors of its own from its first measurement (fixtures/corpus/NOTES-holdout4.md).
    held = [c for c in CASES if "holdout4" in c.tags]
    assert len(held) >= 15
    assert not [c.id for c in held if {"holdout", "holdout2", "holdout3"} & set(c.tags)]
    floors = [t for t in SUITE.thresholds if t.system == "rules"]
    assert all("holdout4" in t.exclude_tags for t in floors if "holdout4" not in t.tags)
    assert {t.metric for t in floors if t.tags == ["holdout4"]} == {"recall", "precision"}


def test_the_eighth_holdout_has_floors_and_every_other_floor_leaves_out_the_ninth() -> None:
    # 2026-12-02: holdout8 and holdout9 were collected together, gold committed before any tool run
    # (fixtures/corpus/NOTES-holdout8.md, NOTES-holdout9.md). holdout8 has floors of its own from its
    # first run; every floor of another set is measured without either of them.
    held = [c for c in CASES if "holdout8" in c.tags]
    assert len(held) >= 12
    earlier = {"holdout", "holdout2", "holdout3", "holdout4", "holdout5", "holdout6", "holdout7"}
    assert not [c.id for c in held if (earlier | {"holdout9"}) & set(c.tags)]
    floors = [t for t in SUITE.thresholds if t.system == "rules"]
    assert {t.metric for t in floors if t.tags == ["holdout8"]} == {"recall", "precision"}
    others = [t for t in floors if not {"holdout8", "holdout9"} & set(t.tags)]
    assert others and all({"holdout8", "holdout9"} <= set(t.exclude_tags) for t in others)
    assert all("holdout9" in t.exclude_tags for t in floors if t.tags == ["holdout8"])


def test_the_tenth_holdout_has_floors_and_every_other_floor_leaves_it_out() -> None:
    # 2026-12-03 (sixth session): holdout10, reports collected after holdout9's first run, gold
    # committed before any tool run (fixtures/corpus/NOTES-holdout10.md). It has floors of its own
    # from the lead's first run; every other floor is measured without it.
    held = [c for c in CASES if "holdout10" in c.tags]
    assert len(held) >= 15
    earlier = {"holdout", *(f"holdout{n}" for n in range(2, 10))}
    assert not [c.id for c in held if earlier & set(c.tags)]
    floors = [t for t in SUITE.thresholds if t.system == "rules"]
    own = [t for t in floors if t.tags == ["holdout10"]]
    assert {t.metric for t in own} == {"recall", "precision"}
    assert all("holdout10" in t.exclude_tags for t in floors if t not in own)
    assert all(earlier - {"holdout"} <= set(t.exclude_tags) for t in own)
