"""R050: a payout rate stated apart from any amount, that no amount paid out over any amount
received in the report reproduces (info, naming the nearest quotients)."""

from __future__ import annotations

from reviewer.checks.registry import load_all
from reviewer.models import Severity
from tests.helpers import review_text

load_all()

FUNDS = (
    "一、资金情况\n"
    "2024年共下达专项补助资金860万元，其中：中央资金600万元，省级资金260万元。"
    "全年拨付资金817万元。\n"
)


def _r050(text: str) -> list[str]:
    return [f.message for f in review_text(text, select=["R050"])]


def test_a_rate_no_amount_gives_is_info_with_the_nearest_quotient() -> None:
    text = FUNDS + "二、指标完成情况\n2.质量指标。资金拨付率为90%，覆盖率100%。\n"
    found = review_text(text, select=["R050"])
    assert len(found) == 1 and found[0].severity == Severity.INFO
    assert "817万元 ÷ 860万元 = 95.0%" in found[0].message


def test_a_rate_one_pair_gives_is_silent_at_its_precision() -> None:
    assert _r050(FUNDS + "2.质量指标。资金拨付率为95%。\n") == []
    assert _r050(FUNDS + "2.质量指标。资金拨付率为95.00%。\n") == []  # 95.0 %
    assert len(_r050(FUNDS + "2.质量指标。资金拨付率为95.5%。\n")) == 1


def test_another_pair_of_the_report_may_give_the_rate() -> None:
    # 590 paid out (发放) of the 860 allocated (下达) = 68.6 %: the rate holds on that pair
    text = FUNDS + "向1200户发放补贴590万元。\n2.质量指标。补贴发放率为68.6%。\n"
    assert _r050(text) == []


def test_a_rate_beside_its_own_amounts_is_left_to_the_rate_checks() -> None:
    text = FUNDS + "2.质量指标。已拨付资金700万元，资金拨付率为90%。\n"
    assert _r050(text) == []


def test_a_target_is_no_claim() -> None:
    assert _r050(FUNDS + "年度目标：资金拨付率达到90%以上。\n") == []
    assert _r050(FUNDS + "资金拨付率指标值≥90%。\n") == []


def test_the_rate_of_one_named_project_is_not_judged_against_the_report_totals() -> None:
    text = FUNDS + "(1)城关镇污水管网改造项目资金拨付率100%。\n"
    assert _r050(text) == []


def test_a_report_that_states_no_amount_paid_out_is_silent() -> None:
    text = "2024年共下达专项补助资金860万元。\n2.质量指标。资金拨付率为90%。\n"
    assert _r050(text) == []


def test_a_report_of_many_amounts_paid_out_is_not_judged() -> None:
    # thirteen payments: the rate may be any one item's, so none is judged
    paid = "".join(f"第{k}批拨付资金{10 + k}万元。" for k in range(13))
    text = FUNDS + paid + "\n2.质量指标。资金拨付率为90%。\n"
    assert _r050(text) == []
    few = "".join(f"第{k}批拨付资金{10 + k}万元。" for k in range(3))
    assert len(_r050(FUNDS + few + "\n2.质量指标。资金拨付率为90%。\n")) == 1
