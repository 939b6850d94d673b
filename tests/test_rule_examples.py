"""Every rule's own docs run: its `example` fires it and its `counterexample` stays silent.

The texts are report fragments (what `reviewer rules CODE` shows), reviewed with every rule
enabled, exactly as the library reviews a report. The model's rules (prefix L) are emitted by
the LLM layer from a model answer, not from the text alone: their example needs a model, so
they are exercised through the recorded cassettes in `tests/test_llm_review.py` instead.
"""

from __future__ import annotations

import pytest

from reviewer.checks.registry import RULES, load_all
from reviewer.engine import check_text

load_all()
TEXT_RULES = sorted(
    code for code, r in RULES.items() if r.family != "model" and not code.startswith("L")
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
