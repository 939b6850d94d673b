"""A count of funded recipients against the recipients the report lists with their amounts: C004.
Fragments written for the purpose, each with near misses that must stay silent."""

from __future__ import annotations

from tests.helpers import review_text

LIST = "补助甲乡王家村2万元、乙乡新路村4万元、丙社区三组2万元、丁镇大坝村2万元用于环境整治示范。\n"


def c(text: str) -> list:
    return [f for f in review_text(text, select=["C004"]) if f.code == "C004"]


def test_a_count_that_is_not_the_number_of_recipients_listed_for_the_same_sum() -> None:
    text = LIST + "二、资金情况\n10万元项目经费主要用于补助3个村开展环境整治工作。\n"
    [f] = c(text)
    assert f.spans[0].text == "用于补助3个村"
    assert f.spans[1].text.startswith("补助甲乡王家村2万元")
    assert "4 个" in f.message and "3 个" in f.message and "10万元" in f.message
    # the count in Chinese numerals reads the same
    assert len(c(text.replace("3个村", "三个村"))) == 1


def test_the_right_count_another_sum_or_no_sum_stays_silent() -> None:
    right = LIST + "10万元项目经费主要用于补助4个村开展环境整治工作。\n"
    other = LIST + "12万元项目经费主要用于补助3个村开展环境整治工作。\n"  # another allocation
    no_sum = LIST + "项目经费主要用于补助3个村开展环境整治工作。\n"
    one_item = "补助甲村10万元用于环境整治。\n10万元项目经费主要用于补助3个村。\n"
    for text in (right, other, no_sum, one_item):
        assert c(text) == [], text
