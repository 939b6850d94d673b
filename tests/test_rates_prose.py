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


def test_a_rate_beside_a_total_it_restates_or_in_another_paragraph_is_silent() -> None:
    assert r(FUNDS + "城南公园配套工程项目已拨付140万元，拨付率100%。已拨付资金100.6万元。\n") == []
    assert r(FUNDS + "城南公园配套工程项目资金拨付率100%。\n已拨付资金100.6万元。\n") == []


def test_the_next_rate_statement_ends_the_context() -> None:
    text = FUNDS + (
        "(1)城南公园配套工程项目资金拨付率100%；(2)城北道路工程项目资金拨付率100%，"
        "已拨付资金100.6万元。\n"
    )
    # The paid amount belongs to (2) (100.6 of its 160), never to (1).
    [f] = r(text)
    assert "100.6 ÷ 160" in f.message and "城北道路" in f.message


def test_an_execution_rate_pairs_with_the_expenditure_budget_not_the_income_budget() -> None:
    # The spending is a share of the expenditure budget stated beside it; the income budget of the
    # sentence before is another kind of budget.
    holds = (
        "年初收入预算为1116.20万元，经调整，全年预算安排收入为1449.54万元。"
        "全年批复支出预算1824.15万元，实际执行支出预算1711.15万元，预算执行率为93.81%。"
    )
    assert r(holds) == []
    wrong = holds.replace("93.81%", "98.50%")
    [f] = r(wrong)
    assert "1711.15 ÷ 1824.15 = 93.81%" in f.message


def test_an_income_budget_alone_is_no_base_of_a_spending_rate() -> None:
    assert r("项目资金拨付率100%。本年收入预算500万元，已拨付资金460万元。") == []
    # The same amount named as the expenditure budget is its base.
    [f] = r("项目资金拨付率100%。本年支出预算500万元，已拨付资金460万元。")
    assert "460 ÷ 500 = 92%" in f.message


def test_an_execution_rate_is_actual_over_required_not_the_excess() -> None:
    # 应配套 is the amount required, 实际配套到位 what arrived; the excess beside them is no
    # numerator: 104880.14 / 20971 = 500.12%, while 83909.14 / 20971 = 400.12%.
    text = (
        "二、执行情况\n本年地方应配套20971.00万元，实际配套到位资金104880.14万元，"
        "超规模配套83909.14万元，执行率为{}。\n"
    )
    [f] = r(text.format("400.12%"))
    assert "104880.14 ÷ 20971 = 500.12%" in f.message
    assert r(text.format("500.12%")) == []
    # the same form with a required payment: 应拨付 / 已拨付
    [f] = r("二、执行情况\n本年应拨付资金300万元，实际拨付240万元，执行率为90%。\n")
    assert "240 ÷ 300 = 80%" in f.message


def low(text: str):
    return [f for f in review_text(text, select=["R021"]) if f.code == "R021"]


LOW = "项目共安排资金239万元。财政安排支出共计87.06万元，余款安排下年支出。\n"


def test_low_execution_computed_beside_no_problem_wording() -> None:
    [f] = low(LOW + "五、存在的问题及原因分析\n暂无问题。\n")
    assert f.severity == Severity.WARNING
    assert [s.text for s in f.spans] == ["87.06万元", "239万元", "暂无问题"]
    assert "87.06万元 ÷ 239万元 = 36.43%" in f.message


def test_execution_above_the_bar_or_explained_is_silent() -> None:
    assert low(LOW.replace("87.06", "187.06") + "暂无问题。\n") == []
    explained = LOW.replace("余款安排下年支出", "因工程延期，余款安排下年支出")
    assert low(explained + "暂无问题。\n") == []


def test_without_no_problem_wording_it_is_silent() -> None:
    assert low(LOW + "存在的问题：资金支出进度偏慢。\n") == []
    assert low(LOW + "目标未全部完成。\n") == []


def test_a_stated_rate_leaves_it_to_the_rate_checks() -> None:
    assert low(LOW + "预算执行率36.43%。暂无问题。\n") == []


def test_several_budgets_or_a_mid_year_cut_off_are_skipped() -> None:
    two = "年初预算资金239万元，调整后预算200万元。实际支出87.06万元。暂无问题。\n"
    assert low(two) == []
    interim = "项目共安排资金239万元。截至6月实际支出87.06万元。暂无问题。\n"
    assert low(interim) == []


def test_a_multi_year_investment_is_not_the_years_budget() -> None:
    assert low("项目总投资1000万元。本年实际支出300万元。暂无问题。\n") == []


def test_a_paid_or_left_over_amount_is_never_the_base() -> None:
    assert r("资金到位率100%。共到位资金500万元，已拨付资金450万元。") == []
    assert r("资金支付率100%。已支付60万元，结余资金20万元。") == []


def test_an_items_spending_is_not_the_whole_spending() -> None:
    assert low("项目共安排资金100万元。培训经费支出5万元。暂无问题。\n") == []


def test_figures_in_the_rates_own_sentence_for_rates_r001_does_not_read() -> None:
    [f] = r("共下达资金200万元，已拨付150万元，拨付率100%。")
    assert "150 ÷ 200 = 75%" in f.message
    assert r("共下达资金200万元，已拨付150万元，拨付率75%。") == []
    # An execution rate beside its figures is R001's when R001 reads them (see below); else
    # R020 reads the amounts stated before it.
    assert "150 ÷ 200 = 75%" in r("共下达资金200万元，已执行150万元，执行率100%。")[0].message


# ---- an execution rate after its own figures (R001 reads no budget facts for it) -------------

OWN = "收到上级下达专项资金合计149.63万元，实际发放107.78万元，实际执行率为{rate}。"


def test_an_execution_rate_after_its_own_base_and_spending() -> None:
    assert r(OWN.format(rate="72.03%")) == []
    [f] = r(OWN.format(rate="72.73%"))
    assert f.severity == Severity.WARNING
    assert [s.text for s in f.spans[1:]] == ["107.78万元", "149.63万元"]
    assert "107.78 ÷ 149.63 = 72.03%" in f.message
    paid = "项目资金共2179万元，截止12月8日，已完成拨付2113.63万元，执行率{rate}。"
    assert r(paid.format(rate="97%")) == []
    assert [f.code for f in r(paid.format(rate="92%"))] == ["R020"]


def test_an_execution_rate_with_an_ambiguous_or_no_base_is_silent() -> None:
    # Two different bases before the rate: which one it divides by is unclear.
    assert r("年初预算资金100万元，追加资金合计120万元，已支出90万元，执行率70%。") == []
    # A change is no base.
    assert r("项目资金较上年增加20万元，已支出90万元，执行率70%。") == []
    # Spending stated before the base, or figures only after the rate.
    assert r("已支出90万元，项目资金共100万元，执行率70%。") == []
    assert r("执行率70%，项目资金共100万元，已支出90万元。") == []


def test_an_execution_rate_r001_judges_is_left_to_r001() -> None:
    text = "年初预算3247.99万元，年中调整73.48万元，全年决算支出2826.23万元，预算执行率95%。"
    codes = [f.code for f in review_text(text, select=["R001", "R020"])]
    assert codes == ["R001"]


def test_a_clause_opening_with_the_spending_verb_is_the_amount_spent() -> None:
    text = "项目资金总额{b}万元，拨付使用资金6.46万元，预算执行率100%。"
    assert r(text.format(b="6.46")) == []
    assert "6.46 ÷ 6.64" in r(text.format(b="6.64"))[0].message


def test_an_execution_rate_whose_base_is_in_an_earlier_sentence_of_the_paragraph() -> None:
    text = "项目下达资金149.63万元。截至年底，实际发放107.78万元，执行率{rate}。"
    assert r(text.format(rate="72.03%")) == []
    assert "107.78 ÷ 149.63" in r(text.format(rate="72.73%"))[0].message
    # Two bases in the paragraph, or the base in another paragraph: silent.
    two = "项目下达资金149.63万元，追加资金20万元。实际发放107.78万元，执行率72.73%。"
    assert r(two) == []
    assert r("项目下达资金149.63万元。\n实际发放107.78万元，执行率72.73%。") == []


def test_a_clause_ending_in_the_amount_spent_by_name() -> None:
    text = "全年预算安排专项资金项目12个，财政资金326.7万元。至年底我局项目执行金额285.66万元，执行率{rate}。"
    assert r(text.format(rate="87.44%")) == []
    [f] = r(text.format(rate="87.34%"))
    assert "285.66 ÷ 326.7 = 87.44%" in f.message
    # Near miss: an amount named after something else ("执行金额比上年增加"): not the amount spent.
    other = text.replace("执行金额285.66万元", "执行金额比上年增加285.66万元")
    assert r(other.format(rate="87.34%")) == []


def test_a_clause_of_purpose_naming_a_target_does_not_make_the_rate_one() -> None:
    text = (
        "全年预算安排财政资金326.7万元。为了实现年初绩效目标，各科室定期督导检查，"
        "至年底我局项目执行金额285.66万元，执行率{rate}。"
    )
    assert r(text.format(rate="87.44%")) == []
    assert [f.code for f in r(text.format(rate="87.34%"))] == ["R020"]
    # Near miss: a goal stated as such before the rate in its sentence stays a target.
    goal = text.replace("为了实现年初绩效目标，各科室定期督导检查，", "年度绩效目标：")
    assert r(goal.format(rate="87.34%")) == []


def test_an_execution_rate_is_read_on_the_adjusted_budget_not_the_opening_one() -> None:
    # 执行率 = 全年执行数 / 全年预算数: the opening budget beside it is no base.
    ok = "该项目年初预算资金100万元，全年预算数40万元，全年执行数40万元，执行率100%。\n"
    assert r(ok) == []
    # A budget named 预算数 is a base like 预算资金.
    [f] = r("该项目全年预算数40万元，项目执行金额30万元，执行率100%。\n")
    assert "30 ÷ 40 = 75%" in f.message


def test_a_sub_items_budget_in_the_rates_own_sentence_keeps_the_earlier_base_away() -> None:
    # The second rate is the sub-item's, 790.4 ÷ 800 = 98.8%; 1200 belongs to the first rate.
    text = (
        "项目支出预算1200万元，执行1150.8万元，执行率95.9%；"
        "其中专项资金预算800万元，执行790.4万元，执行率{}。"
    )
    assert r(text.format("98.8%")) == []
    assert r(text.format("65.87%")) == []
    # With no budget in its sentence, the base before is still read.
    text = "项目支出预算1200万元。截至年底，实际执行790.4万元，执行率{}。"
    assert r(text.format("65.87%")) == []
    assert "790.4 ÷ 1200" in r(text.format("98.8%"))[0].message


def test_an_arrival_rate_against_the_amount_planned_to_arrive() -> None:
    text = "计划到位资金500万元，实际到位资金{}万元，资金到位率{}。"
    [f] = r(text.format("450", "100%"))
    assert "450 ÷ 500 = 90%" in f.message
    assert r(text.format("450", "90%")) == []
    # Above the plan (an extra allocation) is no contradiction when the rate says so.
    assert r(text.format("520", "104%")) == []
    # A planned rate is a target, not a claim.
    assert r("计划到位率100%，实际到位资金450万元，计划到位资金500万元。") == []
