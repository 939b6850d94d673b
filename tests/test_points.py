"""Changes in percentage points (P102 points-mismatch) on texts written for the purpose."""

from __future__ import annotations

from reviewer.models import Severity
from tests.helpers import review_text


def points(text: str) -> list:
    return review_text(text, select=["P102"])


def test_a_change_that_follows_from_the_two_rates_passes() -> None:
    assert points("2024年预算执行率为95%，较上年的90%提高了5个百分点。") == []
    assert points("预算执行率由90.5%提高到95.2%，提高了4.7个百分点。") == []
    assert points("2024年三公经费控制率85%，2023年为88%，下降3个百分点。") == []


def test_points_that_do_not_follow_from_the_rates_are_an_error() -> None:
    (f,) = points("2024年预算执行率为95%，较上年的90%提高了3个百分点。")
    assert f.code == "P102" and f.kind == "growth_mismatch" and f.severity == Severity.ERROR
    assert f.message == "95% − 90% = 5个百分点，报告称提高3个百分点"
    assert [s.text for s in f.spans] == ["提高了3个百分点", "95%", "90%"]
    assert f.data["computed"] == "5"


def test_from_a_to_b() -> None:
    (f,) = points("预算执行率由90.5%提高到95.2%，提高了5.7个百分点。")
    assert f.data["computed"] == "4.7" and f.data["stated"] == "提高5.7个百分点"


def test_the_previous_rate_may_follow_in_brackets() -> None:
    (f,) = points("群众满意度98.5%，比上年下降2个百分点（上年为99.5%）。")
    assert f.data["computed"] == "-1.0"


def test_a_wrong_direction_is_an_error() -> None:
    (f,) = points("预算执行率由95%下降到90%，提高了5个百分点。")
    assert f.data["computed"] == "-5"


def test_whole_percentages_allow_their_rounding() -> None:
    # 98% and 99% may be 97.6% and 99.4%: a fall of 1.8 points, "2 points" rounded.
    assert points("群众满意度98%，比上年下降2个百分点（上年为99%）。") == []


def test_without_the_previous_rate_nothing_is_judged() -> None:
    assert points("执行率提高了3个百分点。") == []
    assert points("预算执行率95%，目标≥90%，提高5个百分点。") == []


def test_any_rate_of_the_sentence_that_reconciles_the_statement_is_enough() -> None:
    assert points("预算执行率95%，资金到位率100%，较上年的90%提高5个百分点。") == []


def test_in_english() -> None:
    (f,) = review_text("执行率95%，较上年的90%提高3个百分点。", select=["P102"], lang="en")
    assert f.message == "95% - 90% = 5 percentage points, the report states up 3 points"


def test_a_change_in_points_that_holds_verifies_its_rates() -> None:
    from reviewer.engine import check_text

    def status(text: str) -> dict[str, str]:
        return {f.text: f.status for f in check_text(text).figures or []}

    held = status("群众满意度95.00%，上年为91.50%，比上年提高了3.5个百分点。")
    assert held["95.00%"] == held["91.50%"] == "verified"
    wrong = status("群众满意度95.00%，上年为91.50%，比上年提高了4.5个百分点。")
    assert wrong["95.00%"] == "mismatch"
