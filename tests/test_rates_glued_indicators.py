"""R100: indicator rows whose cells ran together (>=24次30次125%), the rate against its counts."""

from __future__ import annotations

from reviewer.models import Severity
from tests.helpers import review_text


def r100(text: str) -> list:
    return review_text(text, select=["R100"])


def test_a_rate_its_glued_target_and_actual_do_not_give() -> None:
    [f] = r100("当年组织交流活动数量>=24次30次152%服务人次>=400人次1000人次250%")
    assert f.severity == Severity.WARNING and f.kind == "rate_mismatch"
    assert f.spans[0].text == "152%" and "30 ÷ 24 = 125%" in f.message
    assert [s.text for s in f.spans[1:]] == ["24次", "30次"]


def test_rates_that_hold_are_silent() -> None:
    text = "交流活动数量>=24次30次125%服务人次>=400人次1000人次250%知晓率>=95%98%103%到位率>=100%100%100%"
    assert r100(text) == []
    # a rate truncated to its digits, and a capped 100% for an actual above the target
    assert r100("活动数量>=24次31次129%") == []
    assert r100("活动数量>=24次30次100%") == []


def test_near_misses_that_are_not_one_indicator_row() -> None:
    # different units: not a target and its actual
    assert r100("活动数量>=24次30人152%") == []
    # cells separated: not a glued row (other readers take it)
    assert r100("活动数量>=24次，实际完成30次，完成率152%") == []
    # a capped 100% is only accepted when the target was reached
    [f] = r100("活动数量>=24次20次100%")
    assert "20 ÷ 24 = 83.33%" in f.message


def test_a_glued_row_in_traditional_characters() -> None:
    [f] = r100("當年組織交流活動數量>=24次30次152%每年服務人次>=400人1000人250%")
    assert f.spans[1].text == "24次"
