"""The rate classes: shares cannot exceed 100 %, growth/change/control ratios may."""

from __future__ import annotations

from reviewer.claims.rate_classes import HIGHER_BETTER, LOWER_OK, is_share


def test_shares_cannot_exceed_a_whole() -> None:
    for name in ("群众满意度", "医保参保率", "优良率", "设备完好率", "矛盾纠纷调解成功率"):
        assert is_share(name), name


def test_growth_change_and_control_ratios_may() -> None:
    for name in ("收入增长率", "满意度提升率", "合格率变动", "成本控制率", "预算调整率"):
        assert not is_share(name), name


def test_a_funds_arrival_rate_is_a_ratio_of_amounts_not_a_share() -> None:
    for name in (
        "资金到位率",
        "项目经费到位率",
        "配套资金到位率",
        "投资到位率",
        "财政到位率",
        "专项款到位率",
    ):
        assert not is_share(name), name
    for name in ("人员到位率", "设备到位率", "物资到位率", "资金到位及时率"):
        assert is_share(name), name


def test_a_share_word_inside_a_name_is_not_a_share_name() -> None:
    assert not is_share("满意度调查份数")


def test_higher_is_better_unless_the_name_says_the_smaller_is_the_aim() -> None:
    assert HIGHER_BETTER.search("项目支出预算执行率")
    assert LOWER_OK.search("差错发生率")
    assert not HIGHER_BETTER.search("三公经费变动率")
