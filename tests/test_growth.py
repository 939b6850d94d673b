"""Year-on-year changes: P101 growth-mismatch."""

from __future__ import annotations

from reviewer.models import Severity
from tests.helpers import review_text


def p(text: str):
    return [f for f in review_text(text, select=["P101"]) if f.code == "P101"]


def test_a_consistent_change_is_silent():
    # 100 / (1844.31 - 100) = 5.73%
    assert p("2024年本年支出1844.31万元，比上年增加100万元，增长5.73%。") == []


def test_a_growth_rate_that_does_not_follow_from_the_figures():
    [f] = p("2024年本年支出1844.31万元，比上年增加100万元，增长8.5%。")
    assert f.severity == Severity.ERROR and f.kind == "growth_mismatch"
    assert f.spans[0].text == "比上年增加100万元，增长8.5%"
    assert "1744.31万元" in f.message and "5.73%" in f.message


def test_a_decrease_with_both_years_stated():
    ok = "2024年三公经费支出4.6万元，上年三公经费支出9.64万元，比上年减少5.04万元，下降52.28%。"
    assert p(ok) == []
    [f] = p(ok.replace("减少5.04万元", "减少4.04万元"))
    assert "9.64万元 − 4.6万元 = 5.04万元" in f.message


def test_a_rate_from_current_and_previous_year_figures():
    text = "2024年三公经费支出4.6万元，2023年三公经费支出9.64万元，同比下降{}。"
    assert p(text.format("52.3%")) == []
    [f] = p(text.format("42%"))
    assert "-52.28%" in f.message


def test_a_rate_alone_cannot_be_checked():
    assert p("实现税收1.2亿元，同比增长10%。") == []


def test_percentage_points_are_not_growth_rates():
    assert p("执行率95%，比上年提高5个百分点。") == []


def test_a_year_without_a_comparison_word_is_not_a_comparison():
    assert p("全年支出500万元，2024年增加投入100万元，增长50%。") == []


def test_another_figure_of_the_sentence_may_be_the_base():
    # The nearest figure (a part) does not reconcile, the total does: no finding.
    text = "本年支出1844.31万元，其中基本支出888.67万元，比上年增加100万元，增长5.73%。"
    assert p(text) == []


def _status(text: str) -> dict[str, str]:
    from reviewer.engine import check_text

    return {f.text: f.status for f in check_text(text).figures or []}


def test_a_change_that_holds_verifies_its_figures() -> None:
    assert _status("2024年支出1100万元，比上年增加100万元，增长10%。") == {
        "1100万元": "verified",
        "100万元": "verified",
        "10%": "verified",
    }
    assert set(_status("2024年支出1100万元，上年1000万元，比上年增长10%。").values()) == {
        "verified"
    }
    # near misses: a change that does not hold is a mismatch; one with nothing to compare
    # (no previous figure, no percentage) verifies nothing
    assert _status("2024年支出1100万元，比上年增加100万元，增长12%。")["12%"] == "mismatch"
    assert _status("2024年支出1100万元，比上年增加100万元。")["100万元"] == "unverifiable"


def test_last_years_figure_inside_the_comparison_is_the_base():
    # 比上年19.80万元下降…: (19.80 − 18.62) ÷ 19.80 = 5.96%.
    text = "本年度“三公”经费支出18.62万元，比上年19.80万元下降{}。"
    assert p(text.format("5.96%")) == []
    [f] = p(text.format("6.96%"))
    assert "19.80万元" in f.message and "6.96%" in f.message
    assert p("支出132万元，较上年的120万元增加12万元。") == []
    [f] = p("支出132万元，较上年的120万元增加22万元。")
    assert "132万元 − 120万元 = 12万元" in f.message


def test_the_level_reached_after_the_change_is_the_current_figure():
    text = "培训经费支出较上年120万元增长{}，达到132万元，主要是培训人次增加。"
    assert p(text.format("10%")) == []
    [f] = p(text.format("15%"))
    assert "(132万元 − 120万元) ÷ 120万元 = 10%" in f.message
    # Without a level reached, nothing to compare with.
    assert p("培训经费支出较上年120万元增长15%，主要是培训人次增加。") == []
    # A count is not compared with money.
    assert p("培训较上年120人次增长15%，达到132万元。") == []
