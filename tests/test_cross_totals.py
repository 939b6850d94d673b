"""Totals across sections: T007 split-vs-stated-total and T008 income-spending-balance."""

from __future__ import annotations

from reviewer.checks.cross_totals import (
    INCOME_VS_SPENDING,
    PROJECT_LIST_VS_SPENDING,
    SPLIT_VS_TOTAL,
)
from reviewer.models import Severity
from tests.helpers import review_text


def t004(text: str) -> list:
    return review_text(text, select=["T007"])


def t005(text: str) -> list:
    return review_text(text, select=["T008"])


def fragment(doc: str) -> str:
    """A rule's example or counterexample without its explanation in brackets."""
    return doc.rsplit("(", 1)[0]


# --- T007: a complete split against the total stated elsewhere -------------------------------


def test_basic_and_project_spending_in_another_section_must_make_the_total() -> None:
    text = "2024年决算支出1000万元。\n（二）支出结构\n基本支出600万元，占比60%。项目支出300万元。"
    (f,) = t004(text)
    assert f.severity == Severity.WARNING
    assert "基本支出 600 + 项目支出 300 = 900万元" in f.message
    assert "第1行称2024年决算支出 1000万元" in f.message
    assert [s.text for s in f.spans] == [
        "基本支出600万元",
        "项目支出300万元",
        "2024年决算支出1000万元",
    ]


def test_a_split_that_adds_up_or_differs_by_rounding_passes() -> None:
    assert t004("2024年决算支出1000.00万元。\n基本支出600.00万元。项目支出400.00万元。") == []
    assert t004("2024年决算支出1000.01万元。\n基本支出600.00万元。项目支出400.00万元。") == []


def test_a_split_under_its_own_total_belongs_to_that_total() -> None:
    text = "2024年决算支出1000万元。\n财政拨款支出900万元，其中基本支出600万元，项目支出300万元。"
    assert t004(text) == []


def test_budget_figures_are_not_compared_with_the_executed_total() -> None:
    text = "2024年决算支出1000万元。\n年初预算基本支出700万元，项目支出500万元。"
    assert t004(text) == []
    # With the budget sentence skipped, the actual split is still read.
    (f,) = t004(text + "\n基本支出600万元。项目支出300万元。")
    assert "= 900万元" in f.message


def test_a_category_stated_with_two_values_is_not_compared() -> None:
    text = "2024年决算支出1000万元。\n基本支出600万元。项目支出300万元。\n基本支出650万元。"
    assert t004(text) == []


def test_the_four_economic_classes_against_the_total() -> None:
    text = (
        "2024年决算支出1000万元。\n按经济分类：\n工资福利支出500万元。商品和服务支出300万元。"
        "对个人和家庭的补助50万元。资本性支出100万元。"
    )
    (f,) = t004(text)
    assert "= 950万元" in f.message
    # Three classes are not a complete split.
    assert t004(text.replace("资本性支出100万元。", "")) == []


def test_a_grand_total_that_may_include_the_balance_is_not_the_executed_total() -> None:
    assert t004("支出总计1000万元。\n基本支出600万元。项目支出300万元。") == []


def test_t004_example_fires_and_counterexample_does_not() -> None:
    assert len(t004(fragment(SPLIT_VS_TOTAL.example))) == 1
    assert t004(fragment(SPLIT_VS_TOTAL.counterexample)) == []


# --- T008: income, spending and the year-end balance -----------------------------------------


def test_income_and_carry_over_must_equal_spending_and_balance() -> None:
    (f,) = t005("本年收入1000万元，上年结转50万元，本年支出900万元，年末结转结余100万元。")
    assert f.severity == Severity.WARNING
    assert "收入 1000 + 上年结转 50 = 1050万元" in f.message
    assert "支出 900 + 年末结转结余 100 = 1000万元" in f.message
    assert t005("本年收入1000万元，上年结转50万元，本年支出900万元，年末结转结余150万元。") == []


def test_the_opening_balance_is_the_carry_over_from_last_year() -> None:
    # 年初结转结余 is brought forward: 20 + 980 = 1000 against 950 + 40 = 990.
    text = "本单位年初结转结余20万元，本年收入980万元，本年支出950万元，年末结转结余{}万元。"
    (f,) = t005(text.format("40"))
    assert "980 + 上年结转 20 = 1000万元" in f.message
    assert t005(text.format("50")) == []
    assert t005(text.replace("年初结转结余", "年初结转和结余").format("50")) == []


def test_without_a_carry_over_only_income_left_unaccounted_for_is_flagged() -> None:
    # Spending + balance above income: an unstated carry-over may make up the 50.
    assert t005("本年收入1000万元，本年支出900万元，年末结转结余150万元。") == []
    (f,) = t005("本年收入1000万元，本年支出900万元，年末结转结余50万元。")
    assert "未列上年结转" in f.message


def test_the_three_must_all_be_stated() -> None:
    assert t005("本年收入1000万元，本年支出900万元。") == []
    assert t005("本年收入1000万元，年末结转结余50万元。") == []


def test_last_years_figures_and_budgets_are_not_read() -> None:
    text = "2024年收入1000万元，2024年支出950万元，年末结转结余50万元。2023年收入800万元。"
    assert t005(text) == []
    assert t005("预算收入1200万元，本年支出900万元，年末结转结余50万元。") == []


def test_t005_example_fires_and_counterexample_does_not() -> None:
    assert len(t005(fragment(INCOME_VS_SPENDING.example))) == 1
    assert t005(fragment(INCOME_VS_SPENDING.counterexample)) == []


def test_personnel_public_and_project_spending_against_the_total() -> None:
    text = "2024年决算支出1000万元。\n人员经费500万元。公用经费80万元。项目支出300万元。"
    (f,) = t004(text)
    assert "= 880万元" in f.message
    # 人员经费 + 公用经费 alone split 基本支出, not the whole spending.
    assert t004("2024年决算支出1000万元。\n人员经费500万元。公用经费80万元。") == []


# --- T009: the listed projects against 项目支出 ------------------------------------------------

REPORT = """一、部门基本情况
2024年决算支出1000万元，其中基本支出600万元，项目支出400万元。
二、项目支出情况
本年共实施3个项目。
（一）道路硬化项目
项目预算200万元，实际支出180万元。
（二）饮水安全项目
项目预算150万元，实际支出150万元。
（三）环境整治项目
实际支出{last}万元。
三、存在问题
无。
"""


def t006(text: str) -> list:
    return review_text(text, select=["T009"])


def test_listed_projects_spending_more_than_project_spending_is_flagged() -> None:
    (f,) = t006(REPORT.format(last=100))
    assert f.severity == Severity.WARNING
    assert "180 + 150 + 100 = 430万元" in f.message and "项目支出 400万元" in f.message
    assert [s.text for s in f.spans] == [
        "项目支出400万元",
        "实际支出180万元",
        "实际支出150万元",
        "实际支出100万元",
    ]


def test_a_list_that_adds_up_passes() -> None:
    assert t006(REPORT.format(last=70)) == []


def test_a_short_list_is_flagged_only_when_the_section_says_it_is_complete() -> None:
    (f,) = t006(REPORT.format(last=60))
    assert "共有这些项目" in f.message
    assert t006(REPORT.format(last=60).replace("本年共实施3个项目。\n", "")) == []
    # A count that is not the number listed does not make the list complete.
    assert t006(REPORT.format(last=60).replace("共实施3个", "共实施5个")) == []


def test_a_project_without_one_actual_figure_skips_the_list() -> None:
    assert t006(REPORT.format(last=100).replace("实际支出100万元。", "已完工。")) == []
    text = REPORT.format(last=100).replace("实际支出100万元。", "实际支出100万元，另支出20万元。")
    assert t006(text) == []


def test_evaluation_dimensions_of_one_project_are_not_projects() -> None:
    text = (
        "项目支出300万元。\n二、项目绩效情况\n（一）项目决策\n实际支出180万元。\n"
        "（二）项目管理\n实际支出150万元。\n"
    )
    assert t006(text) == []


def test_t006_example_fires_and_counterexample_does_not() -> None:
    assert len(t006(fragment(PROJECT_LIST_VS_SPENDING.example))) == 1
    assert t006(fragment(PROJECT_LIST_VS_SPENDING.counterexample)) == []


def test_a_split_total_that_adds_up_but_differs_from_the_executed_total() -> None:
    text = (
        "2024年决算支出1000万元。\n二、支出情况\n"
        "按支出性质分：本年支出合计980万元，其中基本支出600万元，项目支出380万元。"
    )
    (f,) = t004(text)
    assert f.severity == Severity.WARNING
    assert "本年支出合计 980万元（基本支出 600 + 项目支出 380）" in f.message
    assert "第1行所称2024年决算支出 1000万元不符（相差 20万元）" in f.message


def test_a_split_total_of_a_narrower_scope_is_not_the_executed_total() -> None:
    text = "2024年决算支出1000万元。\n财政拨款支出980万元，其中基本支出600万元，项目支出380万元。"
    assert t004(text) == []
    # A split that does not add up is T001's; T007 does not repeat it.
    text = "2024年决算支出1000万元。\n本年支出980万元，其中基本支出600万元，项目支出370万元。"
    assert t004(text) == []
    assert review_text(text, select=["T001"])


def test_a_single_works_spending_is_not_the_executed_total() -> None:
    text = (
        "2024年决算支出1000万元。\n道路工程实际支出120万元。\n"
        "本年支出合计1000万元，其中基本支出600万元，项目支出400万元。"
    )
    assert t004(text) == []
    assert t004("道路工程实际支出120万元。\n基本支出600万元。项目支出300万元。") == []


def test_t005_reads_the_units_whole_spending_only() -> None:
    text = "本年收入1000万元，道路工程实际支出900万元，年末结转结余50万元。"
    assert t005(text) == []


def test_total_income_already_holds_the_carry_over() -> None:
    text = "2024年度收入总计1523.26万元。\n2024年度本年支出1450.00万元。\n年末结转结余63.26万元。"
    (f,) = t005(text)
    assert "收入总计 1523.26万元" in f.message and "= 1513.26万元" in f.message
    assert t005(text.replace("63.26", "73.26")) == []


def test_a_change_in_income_is_not_the_income() -> None:
    text = (
        "本年收入1000万元，上年结转50万元。本年收入较上年增加100万元。"
        "本年支出900万元，年末结转结余150万元。"
    )
    assert t005(text) == []
    (f,) = t005(text.replace("结余150", "结余100"))
    assert "收入 1000 + 上年结转 50" in f.message


def test_one_projects_spending_is_not_the_units_spending() -> None:
    text = (
        "2024年度收入总计1523.26万元。\n2024年度本年支出1450.00万元。\n年末结转结余73.26万元。\n"
        "（一）道路项目\n实际支出280.00万元。"
    )
    assert t005(text) == []
