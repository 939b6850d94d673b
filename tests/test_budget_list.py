"""T070: a budget's parts listed in prose against the form's 全年预算数 of 年度资金总额."""

from __future__ import annotations

from reviewer.models import Severity
from tests.helpers import review_text

FORM = (
    "\n资金情况(万元)全年预算数(A)全年执行数(B)预算执行率(B/A)"
    "年度资金总额:520520100%其中:中央财政资金520520100%"
)
LIST = (
    "1.预算数:2021年,包含补助项目资金300万元、补助培训资金120万元、补助设备资金{x}万元,(二)分解情况"
)


def t070(text: str):
    return [f for f in review_text(text, select=["T070"]) if f.code == "T070"]


def test_parts_that_miss_the_form_budget_are_a_warning():
    (f,) = t070(LIST.format(x=80) + FORM)
    assert f.severity == Severity.WARNING
    assert (f.data["total"], f.data["sum"], f.data["diff"]) == ("520万元", "500万元", "20万元")
    assert f.spans[0].text == "520520100"


def test_parts_that_add_up_to_the_form_budget_are_silent():
    assert t070(LIST.format(x=100) + FORM) == []


def test_a_list_with_its_own_total_or_an_amount_before_it_is_another_check():
    assert t070(LIST.format(x=80).replace("包含", "合计500万元,包含") + FORM) == []
    assert t070(LIST.format(x=80).replace("2021年", "500万元") + FORM) == []
    assert t070(LIST.format(x=80).replace("、补助设备资金80万元", "") + FORM) == []  # two parts


def test_a_list_of_some_parts_only_is_not_complete():
    assert t070(LIST.format(x=80).replace("包含", "主要包括") + FORM) == []
    assert t070(LIST.format(x=80).replace("80万元,", "80万元等,") + FORM) == []
    assert t070(LIST.format(x=80).replace("80万元,", "80万元及其他费用等,") + FORM) == []


def test_the_form_budget_must_be_read_one_way_in_a_stated_unit():
    # no money unit in the form's header: the budget's unit is unknown
    assert t070(LIST.format(x=80) + FORM.replace("(万元)", "")) == []
    # two forms with different budgets: which one the list describes is not known
    other = FORM.replace("520520100%", "600600100%")
    assert t070(LIST.format(x=80) + FORM + other) == []


def test_a_glued_total_whose_digits_split_no_consistent_way_is_not_read():
    # `52052090%`: no split of the digits gives a rate of B ÷ A, so there is no budget to compare
    assert t070(LIST.format(x=80) + FORM.replace("520520100%", "52052090%")) == []


def test_a_glued_total_with_two_spending_splits_is_not_read():
    # `481225%` reads 48 | 12 | 25% and, as well, a split with a budget of 481: no budget is sure
    text = LIST.format(x=80) + FORM.replace("520520100%", "481225%")
    assert t070(text) == []
