"""The eval suite on the committed cassettes: the rules keep their recall, the model systems stay
at or above evals/baseline.json. `test_record_case` is what scripts/record_cassettes.sh runs with
`--record-mode=all` against a real local model; in replay it checks each cassette still answers."""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

import pytest

from reviewer.evals import cassettes as cas
from reviewer.evals.cases import load_suite
from reviewer.evals.runner import Results, compare, run_suite

ROOT = Path(__file__).resolve().parent.parent
SUITE = load_suite(ROOT / "evals" / "default.yaml")
CASES = SUITE.load_cases()
MODEL_SYSTEMS = [s for s in SUITE.systems if s != "rules"]


def _has_cassette(case_id: str) -> bool:
    return (
        SUITE.cassette_dir is not None and cas.cassette_path(SUITE.cassette_dir, case_id).exists()
    )


@pytest.fixture(scope="module")
def rules_results() -> Results:
    return run_suite(SUITE, systems=["rules"])


@pytest.mark.parametrize(
    "threshold", [t for t in SUITE.thresholds if t.system == "rules"], ids=lambda t: t.metric
)
def test_rules_keep_their_recall(rules_results: Results, threshold) -> None:
    row = next(r for r in rules_results.thresholds() if r["metric"] == threshold.metric)
    missed = [
        k
        for per in rules_results.scores.values()
        for k in per["rules"].missed
        if per["rules"].gold[k].source in threshold.gold_sources
    ]
    assert row["ok"], f"rules {threshold.metric} {row['value']} < {threshold.min}; missed: {missed}"


def test_rules_run_on_every_case(rules_results: Results) -> None:
    assert {c.id for c in CASES} == set(rules_results.outputs)
    assert all(per["rules"].status == "ok" for per in rules_results.outputs.values())


@pytest.mark.vcr
@pytest.mark.parametrize(
    "case",
    [pytest.param(c, marks=pytest.mark.default_cassette(c.id), id=c.id) for c in CASES],
)
def test_record_case(case, record_mode: str) -> None:
    """One case's model calls inside its cassette (pytest-recording opens it). When recording,
    RECORD_SYSTEMS (comma-separated) limits the run to those systems."""
    if record_mode == "none" and not _has_cassette(case.id):
        pytest.skip(f"no cassette for {case.id}; record with `{cas.RECORD_COMMAND}`")
    only = [s for s in os.environ.get("RECORD_SYSTEMS", "").split(",") if s]
    res = run_suite(
        SUITE,
        systems=(only if record_mode != "none" and only else MODEL_SYSTEMS),
        only=[case.id],
        record_mode=record_mode,
        cassette=lambda _c: contextlib.nullcontext(),
    )
    errors = {s: o.error for s, o in res.outputs[case.id].items() if o.status != "ok"}
    assert not errors, errors


@pytest.fixture(scope="module")
def model_results() -> Results:
    return run_suite(SUITE, systems=MODEL_SYSTEMS)


def _baseline() -> dict:
    path = SUITE.baseline_path
    if path is None or not path.exists():
        pytest.skip("no evals/baseline.json yet; scripts/record_cassettes.sh writes it")
    return json.loads(path.read_text(encoding="utf-8"))


def test_model_systems_replay_without_errors(model_results: Results) -> None:
    errors = {
        (cid, s): o.error
        for cid, per in model_results.outputs.items()
        for s, o in per.items()
        if o.status == "error"
    }
    assert not errors, errors


@pytest.mark.parametrize("system", MODEL_SYSTEMS)
def test_model_system_not_below_baseline(model_results: Results, system: str) -> None:
    base = _baseline()
    if system not in base.get("metrics", {}):
        pytest.skip(f"{system} not in the baseline")
    regs, _notes = compare(model_results, base)
    mine = [f"{r.what}: {r.key}" for r in regs if r.system == system]
    assert not mine, mine
    now = model_results.to_json()["metrics"][system]["total"]
    before = base["metrics"][system]["total"]
    for metric in ("recall", "precision"):
        if before[metric] is not None:
            assert now[metric] is not None and now[metric] >= before[metric] - 1e-9, (metric, now)


def test_the_llm_layer_stays_within_its_token_budget_on_every_recorded_case(
    model_results: Results,
) -> None:
    """Total tokens (prompt + completion, every call) per report character: at most 1.2."""
    from reviewer.evals.model_layer import summary

    data = summary(model_results)
    if not data:
        pytest.skip("the llm system did not run")
    over = {
        cid: row["tokens_per_char"]
        for cid, row in data["cases"].items()
        if (row["tokens_per_char"] or 0) > 1.2
    }
    assert not over, over
    assert data["total"]["tokens_per_char"] <= 1.2


def test_the_model_never_makes_the_review_worse(model_results: Results, rules_results: Results):
    """Issue 15: `review` (rules and model merged) scores an F1 at least the rules' on the same
    cases, and the model's own findings are right at least half the time."""
    from reviewer.evals.metrics import total

    if "review" not in model_results.systems:
        pytest.skip("the review system did not run")
    ks = model_results.kind_source()
    review = model_results.system_scores("review")
    ids = {s.case_id for s in review}
    rules = [s for s in rules_results.system_scores("rules") if s.case_id in ids]
    f_review = total(review, kind_source=ks).metric("f1") or 0.0
    f_rules = total(rules, kind_source=ks).metric("f1") or 0.0
    assert f_review + 1e-9 >= f_rules, (f_review, f_rules)
    llm = total(model_results.system_scores("llm"), kind_source=ks)
    if llm.tp + llm.fp:
        assert (llm.metric("precision") or 0.0) >= 0.5, llm.to_json()
