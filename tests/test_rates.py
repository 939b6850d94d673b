"""Stated rates recomputed from labelled figures: R001 rate-mismatch, R002 budget-balance-mismatch."""

from __future__ import annotations

from reviewer.claims.facts import (
    ADJUST,
    BUDGET,
    CARRYOVER,
    INCOME,
    OPENING,
    QUOTA,
    SPENDING,
    STAFF,
    facts,
)
from reviewer.document import Document
from reviewer.models import Severity
from tests.helpers import review_text

BUDGET_TEXT = (
    "一、部门财务情况\n"
    "2024年部门年初预算支出3247.99万元。上年结转0万元。"
    "2024年全年预算调整73.48万元，调整率{adj}。部门决算支出2826.23万元。\n"
    "二、绩效情况\n"
    "预算执行率{rate}，年底预算结余{balance}。\n"
)


def budget(adj: str = "2.26%", rate: str = "85%", balance: str = "495.24万元") -> str:
    return BUDGET_TEXT.format(adj=adj, rate=rate, balance=balance)


def r(text: str, code: str = "R"):
    return [f for f in review_text(text, select=[code]) if f.code.startswith(code)]


# ---------------------------------------------------------------- facts


def test_labelled_figures_are_read_by_kind():
    doc = Document(text=budget())
    kinds = [(f.kind, f.quantity.raw) for f in facts(doc)]
    assert (OPENING, "3247.99万元") in kinds
    assert (CARRYOVER, "0万元") in kinds
    assert (ADJUST, "73.48万元") in kinds
    assert (SPENDING, "2826.23万元") in kinds


def test_fund_types_are_not_budgets_and_parts_are_not_facts():
    doc = Document(
        text="决算收入2826.23万元，其中：一般公共预算拨款2717.40万元，其他收入86.55万元。"
        "2022年预算收入3167.20万元。"
    )
    kinds = [(f.kind, f.quantity.raw) for f in facts(doc)]
    assert kinds == [(INCOME, "2826.23万元"), (BUDGET, "3167.20万元")]


def test_staff_and_quota():
    doc = Document(text="本部门编制数81人，在职人数63人，其中:在岗人数63人。")
    assert [(f.kind, f.value) for f in facts(doc)] == [(QUOTA, 81), (STAFF, 63)]


def test_the_amount_executed_in_the_year_is_a_spending_figure():
    doc = Document(text="调整后预算920万元，全年执行874.6万元，本年执行500万元，年度执行400万元。")
    kinds = [f.kind for f in facts(doc)]
    assert kinds.count(SPENDING) == 3
    # A rate is no amount: 全年执行率 is not a spending figure.
    doc = Document(text="调整后预算920万元，全年执行率95.07%。")
    assert SPENDING not in [f.kind for f in facts(doc)]


def test_a_rate_against_an_amount_executed_in_the_year_is_recomputed():
    text = "年初预算860万元，调整后预算920万元，全年执行874.6万元，预算执行率{}。"
    [f] = r(text.format("93.07%"), "R001")
    assert "95.07%" in f.message
    assert r(text.format("95.07%"), "R001") == []


# ---------------------------------------------------------------- R001


def test_correct_rates_against_the_adjusted_budget_are_silent():
    # 2826.23 / (3247.99 + 73.48) = 85.09%; 73.48 / 3247.99 = 2.26%.
    assert r(budget()) == []


def test_a_rate_no_reading_gives_is_an_error_with_the_computations():
    [f] = r(budget(rate="95%"), "R001")
    assert f.severity == Severity.ERROR and f.kind == "rate_mismatch"
    assert f.spans[0].text == "预算执行率95%"
    assert "85.09%" in f.message and "87.01%" in f.message


def test_a_wrong_adjustment_rate():
    [f] = r(budget(adj="3.26%"), "R001")
    assert "73.48 ÷ 3247.99 = 2.26%" in f.message


def test_a_truncated_rate_is_accepted():
    # 2826.23 / 3321.47 = 85.09%: "85%" is both rounded and truncated; 85.0% too.
    assert r(budget(rate="85.0%"), "R001") == []


def test_a_rate_against_the_opening_budget_is_also_a_reasonable_reading():
    assert r(budget(rate="87.01%"), "R001") == []


def test_no_figures_no_judgement():
    assert r("一、绩效情况\n预算执行率95%。\n") == []


def test_targets_are_not_recomputed():
    text = budget() + "三、绩效目标\n预算执行率≥95%。\n"
    assert r(text, "R001") == []


def test_percent_of_budget_in_a_sangong_sentence_uses_its_own_figures():
    ok = "三公经费支出情况：全年预算19.37万元，本年实际支出19.37万元，完成预算的100%。"
    assert r(ok) == []
    [f] = r(ok.replace("100%", "90%"), "R001")
    assert "19.37 ÷ 预算 19.37 = 100%" in f.message


def test_staff_control_rate():
    text = "本部门编制数81人，在职人数63人。在职人员控制率为{}。"
    assert r(text.format("77.78%")) == []
    [f] = r(text.format("87.78%"), "R001")
    assert "63 ÷ 81 = 77.78%" in f.message


def test_sub_budget_rates_are_not_checked_against_department_figures():
    text = budget() + "基本支出预算执行率为100%。\n"
    assert r(text, "R001") == []


def test_cost_control_rate_mismatch_is_only_a_warning():
    text = budget() + "成本控制率95%。\n"
    [f] = r(text, "R001")
    assert f.severity == Severity.WARNING


# ---------------------------------------------------------------- R002


def test_a_wrong_budget_balance():
    [f] = r(budget(balance="395.24万元"), "R002")
    assert f.spans[0].text == "年底预算结余395.24万元"
    assert "495.24" in f.message and f.severity == Severity.ERROR


def test_balance_against_the_adjusted_budget_is_right():
    assert r(budget(balance="495.24万元"), "R002") == []


def test_an_interim_rate_is_not_the_years_rate():
    text = budget() + "截至9月底，预算执行率为60%。\n"
    assert r(text, "R001") == []


# ---------------------------------------------------------------- R060 rate-truncated


def test_a_whole_percent_only_truncation_gives_is_an_info_note():
    text = "实际下达预算2596万元，全年实际总支出2595.6208万元，项目预算执行率99%。"
    (f,) = r(text, "R060")
    assert f.severity == Severity.INFO
    assert f.data["rounded"] == "100"
    assert not r(text, "R001")  # R001 still accepts the truncated figure


def test_truncation_below_the_half_and_rounded_figures_stay_silent():
    # 95.4% written 95%: rounding gives it too.
    assert not r("年初预算1000.00万元，全年决算支出954.00万元，预算执行率95%。", "R060")
    # 95.6% written 96%: rounded.
    assert not r("年初预算1000.00万元，全年决算支出956.00万元，预算执行率96%。", "R060")
    # 95.6% written 95%: truncated, a note.
    assert r("年初预算1000.00万元，全年决算支出956.00万元，预算执行率95%。", "R060")


def test_a_truncated_rate_finer_than_a_whole_percent_stays_silent():
    # 99.985% written 99.98%: the cut moves the rate by a trifle.
    assert not r("年初预算2596万元，全年决算支出2595.6208万元，预算执行率99.98%。", "R060")


def test_figures_too_coarse_to_tell_rounding_from_truncation_stay_silent():
    # 95.6 / 100 with the budget rounded to a whole 万元 may be 95.1%–96.1%: 95% rounds.
    assert not r("年初预算100万元，全年决算支出95.6万元，预算执行率95%。", "R060")


def test_a_spending_rate_is_not_read_against_an_income_budget_beside_a_spending_budget():
    # 460 / 500 (the income budget) would give 92%; the expenditure budget 600 gives 76.67%
    text = "本年收入预算为500万元。本年支出预算为600万元，本年实际支出460万元，资金执行率为{}。\n"
    [f] = r(text.format("92%"), "R001")
    assert "460 ÷ 预算 600 = 76.67%" in f.message and "500" not in f.message
    assert r(text.format("76.67%"), "R001") == []
    # with no expenditure budget stated, the income budget is still a reading
    assert r("本年收入预算为500万元。本年实际支出460万元，资金执行率为92%。\n", "R001") == []
