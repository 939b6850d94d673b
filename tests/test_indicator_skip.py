"""Prose indicators skip the text of tables already read: the test of an offset against the
skipped spans is a bisection over their union, and answers exactly as a test of each span."""

from __future__ import annotations

import random

from reviewer.claims.indicator_prose import covered


def test_an_offset_is_covered_when_some_span_holds_it() -> None:
    inside = covered([(10, 20), (15, 30), (40, 41)])
    assert [p for p in range(0, 45) if inside(p)] == [*range(10, 30), 40]


def test_empty_and_touching_spans() -> None:
    inside = covered([(5, 5), (0, 3), (3, 6)])
    assert [p for p in range(-1, 8) if inside(p)] == [0, 1, 2, 3, 4, 5]
    assert not covered([])(0)


def test_same_answer_as_testing_every_span() -> None:
    rnd = random.Random(7)
    for _ in range(500):
        spans = [(a, a + rnd.randint(0, 8)) for a in (rnd.randint(0, 60) for _ in range(6))]
        inside = covered(spans)
        for pos in range(-2, 75):
            assert inside(pos) == any(s <= pos < e for s, e in spans)
