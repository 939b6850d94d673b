"""One quantity stated twice with different values: D001 value-stated-twice."""

from __future__ import annotations

from reviewer.models import Severity
from tests.helpers import review_text


def d(text: str):
    return [f for f in review_text(text, select=["D001"]) if f.code == "D001"]


def test_a_final_account_figure_stated_twice_with_different_amounts():
    text = (
        "一、收支情况\n2024年部门决算支出2826.23万元。\n"
        "二、问题\n郑家驿镇人民政府2024年决算支出总计2862.23万元。\n"
    )
    [f] = d(text)
    assert f.severity == Severity.WARNING
    assert f.spans[0].text.endswith("2862.23万元") and f.spans[1].text.endswith("2826.23万元")
    assert "2826.23万元" in f.message and "第2行" in f.message


def test_the_same_amount_in_another_unit_is_the_same_value():
    text = "本年三公经费支出46000.00元。\n本年三公经费支出4.60万元。\n"
    assert d(text) == []


def test_budget_and_final_account_are_different_quantities():
    assert d("2024年年初预算支出3247.99万元。2024年决算支出2826.23万元。") == []


def test_income_and_spending_are_different_quantities():
    assert d("2024年决算收入2826.23万元。2024年决算支出2800.00万元。") == []


def test_different_years_are_different_quantities():
    assert d("2024年决算支出2826.23万元。2023年决算支出2500.00万元。") == []


def test_the_opening_and_closing_balances_are_different_quantities():
    text = "年初结转结余20万元，本年收入980万元，本年支出950万元，年末结转结余50万元。"
    assert d(text) == []
    # The year-end balance stated twice, once unmarked, is still one quantity.
    [f] = d("年末结转结余50万元。\n经核实，本单位结转结余60万元。\n")
    assert "50万元" in f.message
    [f] = d("年初结转结余20万元。\n年初结转结余25万元。\n")
    assert "20万元" in f.message


def test_parts_and_qualified_labels_are_not_compared():
    text = (
        "年初预算支出3247.99万元，其中：基本支出601.41万元。\n"
        "决算支出2826.23万元，其中：基本支出1437.78万元。\n"
        "培训费决算支出5万元。\n"
    )
    assert d(text) == []


def test_an_indicator_actual_given_twice():
    text = (
        "一、绩效目标\n医保参保率≥90%。\n"
        "二、产出指标完成情况\n医保参保率为80%。\n"
        "三、效益指标完成情况\n医保参保率为85%。\n"
    )
    [f] = d(text)
    assert f.spans[0].text == "医保参保率为85%"
    assert "80%" in f.message


def test_a_target_and_its_actual_are_not_a_contradiction():
    text = "一、绩效目标\n医保参保率≥90%。\n二、完成情况\n医保参保率为80%。\n"
    assert d(text) == []


def test_unrelated_repeated_labels_are_not_compared():
    # No target declares these: same words, different years of a list.
    text = (
        "一、完成情况\n2020年发展预备党员8名，入党积极分子49名；"
        "2021年发展预备党员12名，入党积极分子43名。\n"
    )
    assert d(text) == []


def test_a_sub_item_spending_is_not_the_departments_spending():
    text = "2024年本年支出1844.31万元。\n公务接待费：本年支出5万元。\n"
    assert d(text) == []


# ------------------------------------------------ a project's budget restated under a generic label

_PROJECT = (
    "某县2023年度农机购置补贴项目支出绩效自评报告\n"
    "一、项目概况\n该项目年度预算资金为540万元，主要用于农机具购置补贴。\n"
    "二、项目实施情况\n全年本项目预算资金510万元，实际支出510万元，执行率100%。\n"
)


def test_a_project_budget_restated_with_another_value() -> None:
    [found] = [f for f in review_text(_PROJECT, select=["D001"])]
    assert "510万元" in found.message and "540万元" in found.message
    assert found.spans[0].text.endswith("510万元")
    opening = _PROJECT.replace("该项目年度预算资金为540万元", "本项目年初预算540万元")
    assert len(review_text(opening, select=["D001"])) == 1


def test_a_project_budget_that_may_take_two_values_is_not_compared() -> None:
    silent = [
        # the same value twice
        _PROJECT.replace("540万元", "510万元"),
        # an adjustment, a carry-over, a second source: the budget could change
        _PROJECT.replace("主要用于", "年中调减30万元，主要用于"),
        _PROJECT.replace("主要用于", "含上年结转资金，主要用于"),
        _PROJECT.replace("主要用于", "其中中央补助资金，主要用于"),
        # a department's report: its 预算资金 may be any project's
        _PROJECT.replace("农机购置补贴项目支出", "部门整体支出"),
        # a comparison with last year
        _PROJECT.replace("全年本项目预算资金510万元", "上年本项目预算资金510万元"),
    ]
    for text in silent:
        assert review_text(text, select=["D001"]) == [], text
    # three values: not one budget restated
    three = _PROJECT + "三、其他\n本项目预算资金525万元。\n"
    assert review_text(three, select=["D001"]) == []
