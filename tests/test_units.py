"""A 万元 unit note over amounts plainly in 元: Q040 unit-header-mismatch."""

from __future__ import annotations

from reviewer.models import Severity
from tests.helpers import review_text

HEAD = "项目资金（万元） 年初预算数 全年预算数 全年执行数 分值 执行率 得分\n"


def q(text: str):
    return [f for f in review_text(text, select=["Q040"]) if f.code == "Q040"]


def test_yuan_figures_under_a_wan_header() -> None:
    [f] = q(HEAD + "年度资金总额 145000000.00 145000000.00 145000000.00 10 100% 10\n")
    assert f.severity == Severity.WARNING
    assert f.spans[0].text == "145000000.00"
    assert "14500万元" in f.message and "以元为单位" in f.message and "3 个" in f.message


def test_glued_cells_are_split_after_their_cents() -> None:
    [f] = q(HEAD + "年度资金总额145000000.00145000000.00145000000.0010100.0%10\n")
    assert "3 个" in f.message


def test_seven_digits_is_only_info_unless_the_prose_agrees() -> None:
    [f] = q("单位：万元\n项目支出 1234567.00\n")
    assert f.severity == Severity.INFO
    [g] = q("项目支出123.4567万元。\n单位：万元\n项目支出 1234567.00\n")
    assert g.severity == Severity.WARNING and "123.4567万元" in g.message


def test_plausible_wan_amounts_and_other_units_are_silent() -> None:
    assert q(HEAD + "年度资金总额 14500.00 14500.00 14500.00 10 100% 10\n") == []
    assert q("单位：元\n年度资金总额 145000000.00\n") == []
    # A figure with its own unit is not read by the header.
    assert q(HEAD + "年度资金总额 145000000.00元\n") == []


def test_the_block_ends_at_a_blank_line_or_another_unit_note() -> None:
    assert q(HEAD + "年度资金总额 14500.00\n\n其他说明 145000000.00\n") == []
    assert q(HEAD + "年度资金总额 14500.00\n（元）\n明细 145000000.00\n") == []


def test_dates_phone_numbers_and_codes_are_not_amounts() -> None:
    text = HEAD + "填报日期 20240325 联系电话 13912345678 0736-1234567 文号 ABC1234567\n"
    assert q(text) == []


def test_a_long_code_with_a_letter_is_not_an_amount() -> None:
    assert q("单位：万元\n统一社会信用代码 12430000123456789X\n") == []


def test_figures_glued_to_a_phone_label_or_a_date_are_not_amounts() -> None:
    # run-together cover cells: a landline after its label, a sum run into the month after it
    assert q("计划安排资金(万元)700项目负责人张三联系电话6613535邮编414100\n") == []
    assert q("计划安排资金(万元)700公共文化服务体系运行经费16300011月8#凭证\n") == []
    # near misses: the same figures as amounts still fire
    [f] = q("计划安排资金(万元)700项目负责人张三联系人数6613535\n")
    assert f.spans[0].text == "6613535"
    [g] = q("计划安排资金(万元)700公共文化服务体系运行经费16300011 11月8#凭证\n")
    assert g.spans[0].text == "16300011"


def test_a_landline_length_number_near_a_phone_label_is_not_an_amount() -> None:
    # cells run together out of order: the label stands after the number
    line = "实际到位资金(万元) 21.7 市县财政 6613535 2019.1.1-2019.12.30 项目起止时间 联系电话\n"
    assert q(line) == []
    # a sum with cents, or longer than a phone number, is still read
    assert len(q(line.replace("6613535", "6613535.00"))) == 1
    assert len(q(line.replace("6613535", "661353512"))) == 1


# Q041: a project's funds written in 元 below 100 — 万 left out.


def small(text: str):
    return [f for f in review_text(text, select=["Q041"]) if f.code == "Q041"]


def test_project_funds_of_a_few_yuan_are_read_as_a_lost_wan() -> None:
    [f] = small("春节慰问经费项目市级资金配套3.6元，全部到位并使用完毕，执行率100%。")
    assert f.severity == Severity.WARNING
    assert f.spans[0].text == "春节慰问经费项目市级资金配套3.6元"
    assert "3.6万元" in f.message and "36000元" in f.message


def test_small_amounts_that_are_not_a_projects_funds_stay_silent() -> None:
    assert small("慰问标准每人3.6元，人均补助50元。") == []
    assert small("项目资金结余0.36元，已上缴。") == []
    assert small("资金拨付3.6元/人，共120人。") == []
    assert small("印刷资料3.6元一份。") == []  # no funds word in its clause


def test_funds_in_wan_or_of_a_hundred_yuan_or_more_stay_silent() -> None:
    assert small("市级资金配套3.6万元，全部到位。") == []
    assert small("市级资金配套360元，全部到位。") == []
