"""R120: a use rate beside the one amount spent in its sentence that no base of the paragraph
gives."""

from __future__ import annotations

from tests.helpers import review_text


def codes(text: str, code: str = "R120"):
    return [f for f in review_text(text) if f.code == code]


def test_a_rate_no_amount_of_the_paragraph_gives():
    text = (
        "下达专项资金预算800万元，其中预留50万元。截至11月底已支付资金612.4万元，资金使用率78.9%。"
    )
    (f,) = codes(text)
    assert (f.data["stated"], f.data["computed"]) == ("78.9%", "76.55")


def test_a_rate_some_base_gives_is_silent():
    head = "下达专项资金预算800万元，其中预留50万元。截至11月底已支付资金612.4万元，资金使用率"
    assert codes(head + "76.55%。") == []  # over the budget
    assert codes(head + "76.5%。") == []  # truncated
    assert codes(head + "81.65%。") == []  # over the budget less the reserve


def test_no_budget_in_the_paragraph_or_a_target_is_silent():
    assert codes("项目共涉及5个乡镇，补助30万元。已支付资金612.4万元，资金使用率78.9%。") == []
    assert codes("下达专项资金预算800万元。\n已支付资金612.4万元，资金使用率78.9%。") == []
    assert codes("下达专项资金预算800万元。力争支付资金612.4万元，资金使用率达到78.9%。") == []
