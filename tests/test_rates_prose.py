"""A payment rate against the amounts the next sentences give: R020 paid-rate-contradicted."""

from __future__ import annotations

from reviewer.models import Severity
from tests.helpers import review_text

FUNDS = (
    "一、资金情况\n城南公园配套工程项目资金140万元、城北道路工程项目资金160万元。\n二、完成情况\n"
)


def r(text: str):
    return [f for f in review_text(text, select=["R020"]) if f.code == "R020"]


def test_a_full_rate_contradicted_by_the_amount_paid_of_the_subjects_budget() -> None:
    text = FUNDS + "(1)城南公园配套工程项目资金拨付率100%。截至6月已拨付资金100.6万元。\n"
    [f] = r(text)
    assert f.severity == Severity.WARNING
    assert f.spans[0].text == "资金拨付率100%"
    assert [s.text for s in f.spans[1:]] == ["100.6万元", "140万元"]
    assert "100.6 ÷ 140 = 71.86%" in f.message


def test_a_base_stated_in_the_following_sentence() -> None:
    text = "项目资金支付率为100%。项目合同金额80万元，目前已支付60万元。"
    [f] = r(text)
    assert "60 ÷ 80 = 75%" in f.message


def test_a_rate_that_agrees_rounded_or_truncated_is_silent() -> None:
    assert r(FUNDS + "城南公园配套工程项目资金拨付率71.86%。已拨付资金100.6万元。\n") == []
    assert r(FUNDS + "城南公园配套工程项目资金拨付率71.85%。已拨付资金100.6万元。\n") == []


def test_another_verb_is_another_flow_of_money() -> None:
    # 拨付 is finance to the unit; 支付 is the unit to its contractor.
    assert r(FUNDS + "城南公园配套工程项目资金拨付率100%。已支付工程款100.6万元。\n") == []


def test_a_target_is_not_an_actual() -> None:
    goals = FUNDS.replace("二、完成情况", "二、绩效目标")
    assert r(goals + "年度目标：城南公园配套工程项目资金拨付率100%。已拨付资金100.6万元。\n") == []
    assert r(FUNDS + "城南公园配套工程项目资金拨付率应达到100%。已拨付资金100.6万元。\n") == []


def test_unclear_bases_and_payments_are_skipped() -> None:
    # No base anywhere for this subject.
    assert r("城西项目资金拨付率100%。已拨付资金100.6万元。") == []
    # Two paid amounts: which one the rate is about is unclear.
    two = "城南公园配套工程项目资金拨付率100%。已拨付第一批100.6万元，已拨付第二批39.4万元。\n"
    assert r(FUNDS + two) == []
    # Two different bases in the following sentences.
    assert r("资金支付率100%。合同金额80万元，预算90万元，已支付60万元。") == []


def test_figures_in_the_rates_own_sentence_or_another_paragraph_are_not_read() -> None:
    assert r(FUNDS + "城南公园配套工程项目已拨付140万元，拨付率100%。已拨付资金100.6万元。\n") == []
    assert r(FUNDS + "城南公园配套工程项目资金拨付率100%。\n已拨付资金100.6万元。\n") == []


def test_the_next_rate_statement_ends_the_context() -> None:
    text = FUNDS + (
        "(1)城南公园配套工程项目资金拨付率100%；(2)城北道路工程项目资金拨付率100%，"
        "已拨付资金100.6万元。\n"
    )
    assert r(text) == []
