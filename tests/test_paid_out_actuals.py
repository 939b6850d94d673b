"""Q003: an amount paid out (发放, 兑付, 兑现) is the spending, so the report states actuals."""

from __future__ import annotations

from tests.helpers import review_text

BUDGET = "2022年初农村危房改造资金预算安排300.7万元，计划补助115户。\n"
BODY = "本年开展各类活动，取得良好成效，群众反映较好。" * 80 + "\n"


def q003(text: str):
    return [f for f in review_text(text, select=["Q003"]) if f.code == "Q003"]


def test_a_budget_alone_still_lacks_actuals():
    assert len(q003(BUDGET + BODY)) == 1


def test_an_amount_paid_out_is_the_actual_spending():
    for paid in (
        "全年发放补助资金为278.8万元。",
        "已兑付奖补资金278.8万元。",
        "兑现补贴278.8万元。",
    ):
        assert q003(BUDGET + BODY + paid + "\n") == [], paid


def test_a_planned_payout_is_not_an_actual():
    for plan in (
        "计划发放补助资金278.8万元。",
        "预计发放补助资金278.8万元。",
        "应发放补助资金278.8万元。",
    ):
        assert len(q003(BUDGET + BODY + plan + "\n")) == 1, plan
