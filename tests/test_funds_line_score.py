"""S060: a space-separated funds row on its own line scored below rate × weight."""

from __future__ import annotations

from tests.helpers import review_text

HEAD = "项目资金 年初预算数 全年预算数 全年执行数 分值 执行率 得分\n"


def codes(text: str, code: str):
    return [f for f in review_text(text) if f.code == code]


def test_a_fraction_rate_row_scored_below_rate_times_weight():
    (f,) = codes(HEAD + "(万元) 年度资金总额 40 40 38.2 10 0.955 8\n", "S060")
    assert (f.data["expected"], f.data["score"], f.data["rate"]) == ("9.55", "8", "95.5")
    assert f.spans[0].text == "8"


def test_a_percent_rate_row_and_its_repeat_are_one_finding():
    text = (
        HEAD + "年度资金总额 50万元 50万元 40万元 20 80% 12\n其中:当年财政拨款 50 50 40 20 80% 12\n"
    )
    (f,) = codes(text, "S060")
    assert f.data["expected"] == "16" and "另有 1 行" in f.message


def test_near_misses_are_silent():
    for row in (
        "年度资金总额 40 40 38.2 10 0.955 9.5",  # rate × weight within rounding
        "年度资金总额 40 40 38.2 10 0.955 10",  # above: S005's business, not this rule
        "年度资金总额 40 40 38.2 10 0.85 8",  # the rate is not 38.2 / 40: cells not fixed
        "年度资金总额 40 40 38.2 10 95.5% 9.6",  # a percent rate, score within rounding
        "年度资金总额 40 40 40 10 1 10",  # executed in full, full marks
    ):
        assert codes(HEAD + row + "\n", "S060") == [], row
    # no 得分 header anywhere: not a scored form
    assert codes("年度资金总额 40 40 38.2 10 0.955 8\n", "S060") == []
