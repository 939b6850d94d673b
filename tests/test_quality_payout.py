"""Q121: money paid out well short of the money received, with no word on the rest."""

from __future__ import annotations

from reviewer.document.normalize import normalize
from reviewer.models import Severity
from tests.helpers import review_text

RECEIVED = "1、资金到位情况。2023年共下达补助资金246.2万元(其中:中央补助资金226.7万元,省级补助资金19.5万元)。\n"
PAID = "2、资金执行情况。2023年共完成发放补助资金{paid}万元。\n"


def q121(text: str):
    return [f for f in review_text(text, select=["Q121"]) if f.code == "Q121"]


def test_much_less_paid_out_than_received_with_no_word_is_an_info():
    (f,) = q121(RECEIVED + PAID.format(paid="141.8"))
    assert f.severity == Severity.INFO
    assert (f.data["received"], f.data["paid"], f.data["share"]) == (
        "246.2万元",
        "141.8万元",
        "57.6",
    )
    assert f.spans[0].text == "141.8万元"


def test_a_payout_near_the_funds_is_silent():
    assert q121(RECEIVED + PAID.format(paid="240")) == []


def test_a_word_on_the_rest_or_a_stated_rate_is_silent():
    text = RECEIVED + PAID.format(paid="141.8")
    assert q121(text + "剩余104.4万元结转下年发放。\n") == []
    assert q121(text + "因项目验收滞后，部分资金尚未拨付。\n") == []
    assert q121(text + "资金支付率57.6%。\n") == []


def test_the_parts_of_the_funds_are_not_the_funds_received():
    # only a part is stated outside brackets as received: 中央补助资金 is no receipt verb's amount
    text = "下达资金(中央补助资金226.7万元)已到账。\n" + PAID.format(paid="141.8")
    assert q121(text) == []


def test_a_bracket_left_open_on_an_earlier_line_does_not_hide_a_receipt():
    # the bracket count starts again at each line: "(未完" of the line before closes nothing here
    text = "说明(未完\n" + RECEIVED + PAID.format(paid="141.8")
    assert len(q121(text)) == 1
    # ... while a receipt inside a bracket still open on its own line is a part, not the funds
    text = "（注：2023年共下达补助资金246.2万元\n" + PAID.format(paid="141.8")
    assert len(q121(text.replace("\n", "，"))) == 0


def test_brackets_are_counted_from_the_line_start_for_points_in_order():
    from reviewer.checks.quality_payout import _Brackets

    norm = "a(b)c(d\ne(f)g（h）i(j"
    expected = [
        norm[norm.rfind("\n", 0, at) + 1 : at].count("(")
        + norm[norm.rfind("\n", 0, at) + 1 : at].count("（")
        > norm[norm.rfind("\n", 0, at) + 1 : at].count(")")
        + norm[norm.rfind("\n", 0, at) + 1 : at].count("）")
        for at in range(len(norm) + 1)
    ]
    brackets = _Brackets(norm)
    assert [brackets.inside(at) for at in range(len(norm) + 1)] == expected
    assert expected.count(True) > 3  # inside (b, d and its line's end, f, h, j


def test_the_sentence_end_looked_up_is_the_one_searched_for():
    from reviewer.checks.quality_payout import _sentence_end, _sentence_ends

    norm = "甲。乙\n丙丁。戊"
    ends = _sentence_ends(norm)
    assert [_sentence_end(ends, at, len(norm)) for at in range(len(norm) + 1)] == [
        1,
        1,
        3,
        3,
        6,
        6,
        6,
        8,
        8,
    ]


def test_a_use_of_part_of_the_funds_is_no_payout():
    text = "2023年共下达补助资金246.2万元。\n其中安排培训经费20万元，使用设备购置资金100万元。\n"
    assert q121(text) == []


def test_a_different_unit_is_not_compared():
    assert q121(RECEIVED + "2、资金执行情况。共完成发放补助资金1418000元。\n") == []


def test_a_mirrored_page_in_traditional_characters_with_glosses_is_read():
    text = (
        "1、資金到位情況。2023年共下達(dá)補助資金246.2萬元。\n"
        "2、資金執(zhí)行情況。2023年全區(qū)共完成發(fā)放補助資金141.8萬元。\n"
    )
    (f,) = q121(text)
    assert f.data["verb"] == "發放"
    assert q121(text + "剩餘(yú)資金結(jié)轉(zhuǎn)下年。\n") == []


def test_traditional_money_multipliers_read_as_simplified():
    assert normalize("141.8萬元，3億元") == "141.8万元，3亿元"


# --------------------------------------------------------------------------- Q122


def q122(text: str):
    return [f for f in review_text(text, select=["Q122"]) if f.code == "Q122"]


def test_money_still_due_inside_the_used_amount_is_a_warning():
    text = "项目资金已使用3694.81万元，其中中央资金996.57万元(含信息化项目待支付合同款143.68万元)。"
    (f,) = q122(text)
    assert f.severity == Severity.WARNING
    assert f.data["amount"] == "143.68万元" and f.spans[0].text.startswith("含信息化项目待支付")


def test_money_still_due_stated_apart_or_inside_funds_received_is_silent():
    # stated as its own amount, not inside the used one
    assert q122("项目资金已使用3551.13万元；信息化项目另有待支付合同款(含143.68万元)。") == []
    assert q122("项目资金已使用3551.13万元。另有待支付合同款143.68万元。") == []
    # the funds received may well include money still to be paid out
    assert q122("项目资金已到位3694.81万元(含待支付合同款143.68万元)。") == []
    # a paid amount that includes other paid items
    assert q122("项目资金已支付3694.81万元(含工程进度款143.68万元)。") == []


# --------------------------------------------------------------------------- Q123

PROJECT = "2016年学生资助专项项目绩效评价报告\n一、资金情况\n项目批复资金350万已全部到位。\n"


def q123(text: str):
    return [f for f in review_text(text, select=["Q123"]) if f.code == "Q123"]


def test_a_projects_whole_funds_split_into_personnel_and_running_costs_is_a_warning():
    (f,) = q123(PROJECT + "全部资金用于减免学费，人员费用207.33万元，公用支出142.67万元。")
    assert f.severity == Severity.WARNING
    assert (f.data["a"], f.data["b"], f.data["total"]) == ("207.33万元", "142.67万元", "350万")


def test_a_split_of_part_of_the_funds_or_of_a_whole_unit_is_silent():
    # personnel and running costs of 100万元 out of 350: part of a project may pay staff
    assert q123(PROJECT + "其中人员费用60万元，公用支出40万元，学费减免250万元。") == []
    # a department-wide report: personnel and running costs are its basic spending
    text = "2016年部门整体支出绩效评价报告\n一、资金情况\n全年支出350万元，人员经费207.33万元，公用经费142.67万元。"
    assert q123(text) == []
    # a count in 万 is no amount of money
    text = (
        PROJECT.replace("350万已全部到位", "惠及350万人")
        + "人员费用207.33万元，公用支出142.67万元。"
    )
    assert q123(text) == []


def test_a_stated_execution_rate_below_half_with_no_word_on_the_rest():
    text = "（一）项目概况。年初预算资金数100万元，全年执行数33.78万元，执行率为33.78%。\n"
    (f,) = q121(text)
    assert f.spans[0].text == "执行率为33.78%" and "66.22%" in f.message
    # a word on the rest anywhere, a rate of half or more, a target's rate, a form's row
    assert q121(text + "未执行部分因项目延期结转下年。\n") == []
    assert q121(text.replace("33.78%", "62.5%")) == []
    assert q121("（二）绩效目标。年度目标：预算执行率为45%。\n") == []
    assert q121("预算执行 | 执行率为33.78% | 10 | 3.4 |\n") == []


def test_a_payout_of_one_projects_own_funds_is_not_measured_against_the_whole() -> None:
    text = (
        "2020年市财政共计下达项目资金60万元，涉及2个项目。\n"
        "1.甲项目。该项目财政拨入资金30万元，截止2020年12月31日，支出资金30万元。\n"
    )
    assert q121(text) == []
    # Without the project's own funds in its sentence, the shortfall against the whole stands.
    (f,) = q121(
        "2020年市财政共计下达项目资金60万元。\n1.甲项目。截止2020年12月31日，支出资金30万元。\n"
    )
    assert f.data["share"] == "50"


def test_the_first_of_spending_items_that_add_up_to_the_funds_is_a_part():
    items = "2、资金执行情况。全年累计支出器材购置60.2万元，培训费用{b}万元，人员劳务费{c}万元。\n"
    # 60.2 + 80 + 100 = 240.2 of 246.2 received: all accounted for, item by item
    assert q121(RECEIVED + items.format(b="80", c="100")) == []
    # the items fall well short of the funds (60.2 + 8 + 10 = 78.2): still a finding
    assert len(q121(RECEIVED + items.format(b="8", c="10"))) == 1
