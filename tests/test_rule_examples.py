"""A rule that documents a near miss: its `example` fires it and its `counterexample` does not."""

from __future__ import annotations

import pytest

from reviewer.checks.registry import RULES, load_all
from tests.helpers import review_text

load_all()
WITH_NEAR_MISS = sorted(c for c, r in RULES.items() if r.counterexample and not c.startswith("L"))


@pytest.mark.parametrize("code", WITH_NEAR_MISS)
def test_the_example_fires_and_the_near_miss_stays_silent(code: str) -> None:
    r = RULES[code]
    assert code in [f.code for f in review_text(r.example, select=[code])]
    assert code not in [f.code for f in review_text(r.counterexample, select=[code])]
