"""Every rule's own docs run: its `example` fires it and its `counterexample` stays silent.

The texts are report fragments (what `reviewer rules CODE` shows), reviewed with every rule
enabled, exactly as the library reviews a report. The model's rules (prefix L) are emitted by
the LLM layer from a model answer, not from the text alone: their example needs a model, so
they are exercised through the recorded cassettes in `tests/test_llm_review.py` instead.
Batch rules (`checks/batch_copies.py`: a paragraph shared with another unit's report) need
several reports: their example and counterexample are batches (`=== name ===` starts each
report), run through the batch pass. Rules comparing a report with last year's (`checks/previous_year.py`,
`--previous`) need two reports: their texts are pairs, last year's first.
"""

from __future__ import annotations

import pytest

from reviewer.checks.batch_copies import BATCH_CODES
from reviewer.checks.previous_year import PREVIOUS_CODES
from reviewer.checks.registry import RULES, load_all
from reviewer.copies import check_texts, split_example
from reviewer.engine import check_text

load_all()
TEXT_RULES = sorted(
    code
    for code, r in RULES.items()
    if r.family != "model"
    and not code.startswith("L")
    and code not in BATCH_CODES
    and code not in PREVIOUS_CODES
)


def _codes(text: str) -> set[str]:
    return {f.code for f in check_text(text).findings}


@pytest.mark.parametrize("code", TEXT_RULES)
def test_example_fires_the_rule(code: str) -> None:
    example = RULES[code].example
    assert code in _codes(example), f"{code}'s example does not fire it:\n{example}"


@pytest.mark.parametrize("code", TEXT_RULES)
def test_counterexample_stays_silent(code: str) -> None:
    counter = RULES[code].counterexample
    assert counter.strip(), f"{code} has no counterexample (a near miss that must not fire it)"
    assert code not in _codes(counter), f"{code}'s counterexample fires it:\n{counter}"


def _batch_codes(example: str) -> list[set[str]]:
    reports = split_example(example)
    assert len(reports) >= 2, "a batch rule's example is a batch of reports"
    return [{f.code for f in r.findings} for r in check_texts(reports)]


@pytest.mark.parametrize("code", BATCH_CODES)
def test_batch_rule_examples_fire_over_a_batch_and_never_on_one_text(code: str) -> None:
    r = RULES[code]
    assert all(code in codes for codes in _batch_codes(r.example)), r.example
    assert not any(code in codes for codes in _batch_codes(r.counterexample)), r.counterexample
    assert code not in _codes(r.example)  # one text alone never fires it


@pytest.mark.parametrize("code", PREVIOUS_CODES)
def test_previous_year_examples_fire_against_last_years_report_and_never_on_one_text(
    code: str,
) -> None:
    from reviewer.previous import check_pair

    r = RULES[code]
    for text, fires in ((r.example, True), (r.counterexample, False)):
        last, this = split_example(text)
        assert (code in {f.code for f in check_pair(last, this).findings}) is fires, text
        assert code not in _codes(this[1])  # one text alone never fires it


MODEL_RULES = sorted(code for code in RULES if code.startswith("L"))


@pytest.mark.parametrize("code", MODEL_RULES)
def test_model_rules_are_model_only(code: str) -> None:
    """An L finding comes from a model answer (replayed from cassettes in the LLM tests), never
    from the rules: its example documents the finding and no rule emits it."""
    r = RULES[code]
    assert r.example.strip() and r.what.strip()
    assert code not in _codes(r.example)


def test_the_critique_schema_and_prompt_use_the_catalogs_kinds() -> None:
    from typing import get_args

    from reviewer.llm.codes import CRITIQUE_KINDS, L_RULES
    from reviewer.llm.prompts import load
    from reviewer.llm.schema import CritiqueItem

    enum = get_args(CritiqueItem.model_fields["kind"].annotation)
    assert enum == CRITIQUE_KINDS
    assert {RULES[L_RULES[k].code].kind for k in CRITIQUE_KINDS} == set(CRITIQUE_KINDS)
    system = load("critique").system
    missing = [k for k in CRITIQUE_KINDS if k not in system]
    assert missing == [], "the critique prompt does not describe these kinds"


def test_rules_json_carries_both_texts() -> None:
    import json

    from typer.testing import CliRunner

    from reviewer.cli import app

    out = CliRunner().invoke(app, ["rules", "--format", "json"])
    assert out.exit_code == 0
    listed = {r["code"]: r for r in json.loads(out.stdout)}
    assert set(listed) == set(RULES)
    for code, r in RULES.items():
        assert listed[code]["example"] == r.example
        assert listed[code]["counterexample"] == r.counterexample
