"""T030: more spent than received, both stated in one sentence of prose."""

from __future__ import annotations

from tests.helpers import review_text


def t030(text: str):
    return [f for f in review_text(text, select=["T030"]) if f.code == "T030"]


def test_spending_above_the_money_received_is_a_warning_naming_both():
    [f] = t030("2021年项目资金到位75万元，实际支出89.82万元。")
    assert f.severity.value == "warning" and f.kind == "contradiction"
    assert [s.text for s in f.spans] == ["实际支出89.82万元", "2021年项目资金到位75万元"]
    assert "14.82万元" in f.message
    [f] = t030("到位资金75万元，共发放补助资金89.82万元。")
    assert f.spans[0].text == "共发放补助资金89.82万元"


def test_spending_within_the_money_received_is_silent():
    # an unstated rate (141.8 ÷ 246.2 = 57.6 %) is not a claim
    assert t030("到位资金246.2万元，已支付141.8万元。") == []
    assert t030("项目资金到位75万元，实际支出75万元。") == []
    # units differ: 89.82 yuan is well within 75万元
    assert t030("项目资金到位75万元，实际支出89.82元。") == []


def test_plans_parts_and_unclear_pairs_are_not_read():
    assert t030("项目资金到位75万元，预算支出89.82万元。") == []  # a budget
    assert t030("项目资金到位75万元，其中支出89.82万元。") == []  # a part
    assert t030("实际支出89.82万元，项目资金到位75万元。") == []  # spending stated first
    # two amounts received: which one the spending draws on is a guess
    assert t030("省级资金到位75万元，市级资金到位20万元，实际支出89.82万元。") == []
    # different sentences are separate accounts
    assert t030("项目资金到位75万元。部门全年支出89.82万元。") == []
