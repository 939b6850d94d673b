"""S035 arrival-rate-scored-full: 到位率 scored in full against the report's own amounts."""

from __future__ import annotations

from reviewer.checks.registry import RULES
from reviewer.models import Severity
from tests.helpers import review_text

_CELLS = "计划投资额\n(万元)\n{planned}\n实际到位资金\n(万元)\n{arrived}\n资金到位\n5\n到位率\n3\n{score}\n"


def s035(text: str) -> list:
    return review_text(text, select=["S035"])


def test_full_marks_with_a_third_of_the_money_missing() -> None:
    (f,) = s035(_CELLS.format(planned="570", arrived="398.88", score="3"))
    assert f.severity == Severity.WARNING and f.kind == "score_formula"
    assert "398.88" in f.message and "570" in f.message and "69.98%" in f.message
    assert "2.1" in f.message  # 0.6998 × 3
    assert f.spans[0].text.startswith("到位率") and f.spans[0].text.endswith("3")


def test_the_same_form_in_rows() -> None:
    pipe = (
        "| 计划投资额(万元) | 570 | 实际到位资金(万元) | 398.88 |\n"
        "| 资金到位 | 5 | 到位率 | 3 | 3 |\n"
    )
    assert [f.code for f in s035(pipe)] == ["S035"]
    spaced = "计划投资额(万元) 570 实际到位资金(万元) 398.88\n资金到位 5 到位率 3 3\n"
    assert [f.code for f in s035(spaced)] == ["S035"]


def test_money_in_full_or_a_deduction_taken_is_silent() -> None:
    assert s035(_CELLS.format(planned="570", arrived="570", score="3")) == []
    assert s035(_CELLS.format(planned="570", arrived="530", score="3")) == []  # 93%: within steps
    assert s035(_CELLS.format(planned="570", arrived="398.88", score="2")) == []  # deducted


def test_without_both_amounts_nothing_is_computed() -> None:
    assert s035("实际到位资金\n(万元)\n398.88\n到位率\n3\n3\n") == []
    assert s035("计划投资额\n(万元)\n570\n到位率\n3\n3\n") == []
    # A rate cell stated as a percent is the actual, not a weight and score.
    assert s035("计划投资额\n570\n实际到位资金\n398.88\n到位率\n100%\n3\n") == []


def test_rule_example_and_counterexample() -> None:
    r = RULES["S035"]
    assert s035(r.example) and r.counterexample and s035(r.counterexample) == []
