"""Money said to be paid in full against a smaller amount paid nearby: D002."""

from __future__ import annotations

from reviewer.checks.all_paid import ALL_PAID_BUT_PARTIAL
from reviewer.models import Severity
from tests.helpers import review_text


def d002(text: str) -> list:
    return review_text(text, select=["D002"])


def test_all_paid_but_a_smaller_amount_paid_in_the_next_paragraph() -> None:
    text = (
        "1、资金到位情况。乡村振兴衔接资金2179万元目前已全部拨付，及时安排到相关项目。\n"
        "2、资金执行情况。项目资金共2179万元，截止2022年12月8日，已完成拨付2113.63万元，执行率97%。"
    )
    (f,) = d002(text)
    assert f.severity == Severity.WARNING
    assert "2179万元“全部拨付”" in f.message and "已完成拨付2113.63万元（占 97.00%）" in f.message
    assert "截止2022年12月8日" in f.message
    assert [s.text for s in f.spans] == ["2179万元目前已全部拨付", "已完成拨付2113.63万元"]


def test_all_paid_and_the_full_amount_paid_pass() -> None:
    text = "资金2179万元已全部拨付。\n项目资金共2179万元，已完成拨付2179万元，执行率100%。"
    assert d002(text) == []


def test_another_fund_in_the_next_paragraph_is_not_compared() -> None:
    # The paragraph with the smaller payment does not name the 2179: another fund.
    text = "衔接资金2179万元已全部拨付。\n县级配套资金500万元，已拨付300万元。"
    assert d002(text) == []


def test_a_payment_of_another_kind_is_not_compared() -> None:
    # Money received in full (到位) and partly spent (支出) is no contradiction.
    text = "项目资金2179万元已全部到位。\n项目资金共2179万元，已支出2113.63万元。"
    assert d002(text) == []
    (f,) = d002("项目资金2179万元已全部到位。\n项目资金共2179万元，实际到位2000万元。")
    assert "实际到位2000万元" in f.message


def test_far_apart_paragraphs_are_not_compared() -> None:
    text = "资金2179万元已全部拨付。\n" + "其他说明。\n" * 4 + "资金共2179万元，已拨付2000万元。"
    assert d002(text) == []


def test_the_rule_example_fires_and_its_counterexample_does_not() -> None:
    assert len(d002(ALL_PAID_BUT_PARTIAL.example)) == 1
    assert d002(ALL_PAID_BUT_PARTIAL.counterexample) == []


def test_parts_of_the_payment_are_not_a_shortfall() -> None:
    text = (
        "资金2179万元已全部拨付。\n项目资金共2179万元，已拨付县直部门500万元，已拨付乡镇1679万元。"
    )
    assert d002(text) == []
    text = "资金2179万元已全部拨付。\n项目资金共2179万元，其中：已拨付县直部门500万元。"
    assert d002(text) == []
