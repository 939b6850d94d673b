"""S030 / R070: a form flattened into one run of space-separated cells whose order was lost."""

from __future__ import annotations

from reviewer.models import Severity
from tests.helpers import review_text

FUNDS = "项目支出绩效自评表 年初预算数 全年预算数 全年执行数 分值 执行率 得分 "
IND = "年度 指标值 实际 完成值 分值 得分 偏差原因 "


def codes(text: str, code: str):
    return [f for f in review_text(text, select=[code]) if f.code == code]


def form(funds: str, rows: str, total: str = "100 96 总分") -> str:
    return FUNDS + funds + " 年度总体目标 已完成 " + IND + rows + " " + total


ROWS = "指标1:培训人次 200 200 20 20 指标2:合格率 95% 95% 30 30 指标3:及时率 100% 100% 20 18 指标4:满意度 90% 92% 20 20"


# --------------------------------------------------------------------------- S030


def test_scores_that_miss_the_total_are_a_warning_naming_the_sum():
    (f,) = codes(form("50.00 50.00 10 100% 10", ROWS), "S030")
    assert f.severity == Severity.WARNING
    assert (f.data["expr"], f.data["sum"], f.data["stated"]) == (
        "10 + 20 + 30 + 18 + 20",
        "98",
        "96",
    )
    assert f.spans[0].text == "96"


def test_scores_that_give_the_total_are_silent():
    assert codes(form("50.00 50.00 10 100% 10", ROWS, "100 98 总分"), "S030") == []


def test_weights_that_do_not_add_up_to_100_leave_the_reading_unconfirmed():
    # A row lost its score cell (weight 10 alone): the other weights add to 90, nothing is judged.
    rows = ROWS.replace(
        "指标4:满意度 90% 92% 20 20", "指标4:满意度 90% 92% 20 20 指标5:投诉 0件 0件 10"
    )
    assert codes(form("50.00 50.00 10 100% 10", rows, "100 90 总分"), "S030") == []


def test_the_funds_score_counts_and_an_unreadable_funds_row_leaves_the_form_unread():
    # The funds row `10 99% 9` (truncated 9.9) is read; 9 + 88 = 97 vs 96.
    (f,) = codes(form("65.66 65.07 10 99% 9", ROWS), "S030")
    assert f.data["sum"] == "97"
    # a funds row whose score cannot be told from its figures: the form is not read at all
    assert codes(form("65.66 65.07 10 40% 9", ROWS), "S030") == []


def test_a_run_of_numbers_holding_two_rows_is_split_only_where_the_weights_confirm_it():
    # `20 20 100 97`: the last row (qualitative cells) and the total run together.
    rows = "指标1:人次 200 200 20 20 指标2:合格率 95% 95% 30 30 指标3:及时率 100% 100% 20 18 指标4:成效 显著 显著"
    (f,) = codes(form("50.00 50.00 10 100% 10", rows, "20 20 100 97 总分"), "S030")
    assert f.data["sum"] == "98"
    assert codes(form("50.00 50.00 10 100% 10", rows, "20 20 100 98 总分"), "S030") == []


def test_a_total_rounded_from_decimal_scores_is_silent():
    rows = ROWS.replace("20 18", "20 17.6")
    assert codes(form("50.00 50.00 10 100% 10", rows, "100 98 总分"), "S030") == []


def test_only_long_space_separated_lines_are_read():
    # the same cells one per line are the indicator-form reader's business, not this one's
    text = form("50.00 50.00 10 100% 10", ROWS).replace(" ", "\n")
    assert codes(text, "S030") == []
    # and a `|` table neither
    assert codes(form("50.00 50.00 10 100% 10", ROWS).replace(" ", " | "), "S030") == []


def test_a_form_without_weight_columns_is_silent():
    # 年初目标值 / 实际完成值 / 得分 only: `3 3 10` is target, actual, score, not a weight pair
    text = (
        "项目自评表 预算数 执行数 执行率 得分 285.84 285.84 100% 20 三级指标 年初目标值 实际完成值 得分 "
        "企业数量 3 3 10 在岸 20000 23333.56 10 离岸 4500 4557.51 10 企业 20 20 100 总分 合计 说明 备注"
    )
    assert codes(text, "S030") == []


# --------------------------------------------------------------------------- R070

RFUNDS = "项目支出绩效自评表 年初预算数 全年预算数 全年执行数 分值 执行率 得分 80000.00 80000.00 61,234.5 10 7.65 "


def test_a_displaced_rate_off_in_its_last_digit_is_an_info():
    # 61234.5 / 80000 = 76.543% -> 76.54%, and the score 7.65 = 10 x 76.543% confirms the row
    (f,) = codes(
        RFUNDS + "年度 总体 目标 76.55% 实际完成情况 已完成。 项目名称 主管部门 实施单位 预期目标",
        "R070",
    )
    assert f.severity == Severity.INFO
    assert (f.data["stated"], f.data["rounded"]) == ("76.55%", "76.54")


def test_a_displaced_rate_that_rounds_or_truncates_right_is_silent():
    tail = " 实际完成情况 已完成。 项目名称 主管部门 实施单位 预期目标"
    assert codes(RFUNDS + "年度 总体 目标 76.54%" + tail, "R070") == []
    assert codes(RFUNDS + "年度 总体 目标 76.5%" + tail, "R070") == []


def test_a_percent_far_from_the_rate_is_another_figure():
    tail = " 实际完成情况 已完成。 项目名称 主管部门 实施单位 预期目标"
    assert codes(RFUNDS + "年度 总体 目标 76.75%" + tail, "R070") == []


def test_a_row_its_score_does_not_confirm_is_not_read():
    # score 7.00 is not 10 x 76.54%: the figures may not be A, B, W, S at all
    text = (
        RFUNDS.replace("10 7.65", "10 7.00")
        + "年度 总体 目标 76.55% 实际完成情况 已完成。 项目名称 主管部门 实施单位"
    )
    assert codes(text, "R070") == []


# --------------------------------------------------------------------------- S030, glued cells

GLUED_HEAD = (
    "绩效目标自评表(2022年度)资金情况(万元)全年预算数(A)全年执行数(B)分值执行率(B/A)得分"
    "年度资金总额:{funds}其中:本年财政拨款3030其他资金年度总体目标完成情况综述已完成。"
    "绩效指标一级指标二级指标三级指标分值年度指标值全年实际值得分未完成原因"
)
GLUED_ROWS = (
    "产出指标(60分)数量指标购置设备20≥30台≥30台20质量指标验收合格率20100%100%20"
    "成本指标项目总投资2030万元30万元20效益指标(30分)群众生活条件改善状况30明显改善明显改善{q}"
    "满意度指标(10分)服务对象满意度10≥95%≥95%10"
)


def glued(funds: str = "303010100.00%10", q: str = "30", total: str = "总分100100") -> str:
    return GLUED_HEAD.format(funds=funds) + GLUED_ROWS.format(q=q) + total + "注:1.说明"


def test_glued_rows_that_split_one_way_each_are_added_with_the_funds_score():
    # funds 30 / 30 / weight 10 / 100.00% / score 10; rows 20 + 20 + 20 + 30 + 10 = 100 -> 110
    (f,) = codes(glued(), "S030")
    assert (f.data["sum"], f.data["stated"]) == ("110", "100")
    assert "110" in f.data["how_zh"]


def test_glued_rows_that_give_the_total_are_silent():
    assert codes(glued(q="20"), "S030") == []  # 10 + 20 + 20 + 20 + 20 + 10 = 100


def test_a_glued_row_the_reader_cannot_split_leaves_the_form_unread():
    rows = glued().replace("验收合格率20100%100%20", "验收合格率20≥90%较好18")
    assert codes(rows, "S030") == []


def test_a_glued_funds_row_whose_rate_is_not_its_own_leaves_the_form_unread():
    # 30 / 30 gives 100%, not 90.00%: the digits are not split at all
    assert codes(glued(funds="30301090.00%9"), "S030") == []


# --------------------------------------------------------------------------- G009

STACK_HEAD = "项目支出绩效自评表 年度 实际 指标值 完成值 "


def stack(targets: str, groups: str) -> str:
    return (
        STACK_HEAD
        + targets
        + " 二级指标 三级指标 分值 得分 "
        + groups
        + " 指标9:宣传活动 12次 96次 1 1"
    )


def test_a_target_column_printed_apart_is_matched_by_order_and_units():
    text = stack(
        "指标1:建档人数 38508人 指标2:资料种类 不少于12 种 116次", "37442人 3 3 14种 1 1 150次 1 1"
    )
    (f,) = codes(text, "G009")
    assert f.severity == Severity.INFO
    assert (f.data["name"], f.data["target"], f.data["actual"]) == (
        "指标1:建档人数",
        "38508人",
        "37442人",
    )
    assert f.data["units"] == "人、种、次"


def test_targets_met_are_silent_and_an_upper_bound_is_read_as_one():
    text = stack(
        "指标1:建档人数 38508人 指标2:投诉 不超过12 件 116次", "38600人 3 3 10件 1 1 150次 1 1"
    )
    assert codes(text, "G009") == []
    text = stack(
        "指标1:建档人数 38508人 指标2:投诉 不超过12 件 116次", "38600人 3 3 14件 1 1 150次 1 1"
    )
    (f,) = codes(text, "G009")
    assert f.data["actual"] == "14件"


def test_units_that_do_not_pair_up_or_are_all_alike_leave_the_columns_unmatched():
    # one target too many: the units shift and nothing is paired
    text = stack("38508人 12种 116次 6次", "37442人 3 3 14种 1 1 150次 1 1")
    assert codes(text, "G009") == []
    # every unit alike: the order alone is no evidence
    text = stack("38508人 212人 116人", "37442人 3 3 214人 1 1 150人 1 1")
    assert codes(text, "G009") == []
    # a score above its weight: not a group of actual, weight, score
    text = stack("38508人 12种 116次", "37442人 3 5 14种 1 1 150次 1 1")
    assert codes(text, "G009") == []


# --------------------------------------------------------------------------- S031

S031_HEAD = "项目支出绩效自评表 年初预算数 全年预算数 全年执行数 分值 执行率 得分 年度资金总额: "
S031_TAIL = " 上年结转资金 其他资金 预期目标 实际完成情况 一级指标 二级指标 三级指标 指标值"


def test_a_funds_row_executed_in_full_and_scored_down_is_one_warning():
    row = "620.82万元 620.82万元 620.82万元 100 100% 10"
    (f,) = codes(S031_HEAD + row + " 其中:当年财政拨款 " + row + S031_TAIL, "S031")
    assert f.severity == Severity.WARNING
    assert (f.data["weight"], f.data["score"]) == ("100", "10") and "另有 1 行" in f.data["more_zh"]


def test_a_full_score_or_a_rate_below_100_or_a_rate_the_amounts_do_not_give_is_silent():
    for row in (
        "620.82万元 620.82万元 620.82万元 10 100% 10",  # full marks
        "620.82万元 620.82万元 600.00万元 10 96.65% 9",  # below 100%: the scoring rule decides
        "620.82万元 620.82万元 600.00万元 10 100% 9",  # 100% is not 600 / 620.82: not this row
    ):
        assert codes(S031_HEAD + row + S031_TAIL, "S031") == [], row


def test_an_execution_rate_indicator_row_run_together():
    (f,) = codes("项目管理(25分)投入管理预算执行率10一100%9财务管理", "S031")
    assert (f.data["weight"], f.data["score"]) == ("10", "9")
    assert codes("项目管理(25分)投入管理预算执行率10≥90%100%10财务管理", "S031") == []
    assert codes("项目管理(25分)投入管理预算执行率10≥90%95%9财务管理", "S031") == []


# --------------------------------------------------------------------------- S032


def test_rows_whose_actual_repeats_the_target_scored_down_are_one_info():
    text = (
        "一级指标二级指标三级指标分值指标值全年实际值得分时效指标(5分)公用经费完成时间52021年12月完成"
        "2021年12月完成4社会效益指标效果显著15改善办学条件改善办学条件13质量指标合格率5100%100%5"
    )
    (f,) = codes(text, "S032")
    assert f.severity == Severity.INFO and f.data["n"] == 2
    assert "2021年12月完成 分值 5 得 4" in f.data["rows"]


def test_full_marks_a_differing_actual_or_digits_at_the_text_ends_are_silent():
    head = "一级指标二级指标三级指标分值指标值全年实际值得分"
    assert codes(head + "时效指标完成时间52021年12月完成2021年12月完成5", "S032") == []
    assert codes(head + "时效指标完成时间52021年12月完成2022年3月完成4", "S032") == []
    # `1000万元1000万元10`: which digits are the weight's and the score's is not fixed
    assert codes(head + "成本每年财政补助1000万元1000万元1000万元10", "S032") == []


def test_a_space_separated_row_whose_actual_repeats_the_target_scored_down():
    head = "三级指标 年度指标值 实际完成值 分值 得分\n"
    (f,) = codes(head + "时效指标 竣工日期 于11月15日前竣工 于11月15日前竣工 8 7\n", "S032")
    assert "于11月15日前竣工 分值 8 得 7" in f.data["rows"]
    assert codes(head + "质量指标 合格率 98% 98% 4 3\n", "S032")
    # full marks, a differing actual, or two equal budgets of a funds row are silent
    assert codes(head + "时效指标 竣工日期 于11月15日前竣工 于11月15日前竣工 8 8\n", "S032") == []
    assert codes(head + "时效指标 竣工日期 于11月15日前竣工 于12月20日前竣工 8 7\n", "S032") == []
    assert codes(head + "年度资金总额 45万元 45万元 10 9\n", "S032") == []


# --------------------------------------------------------------------------- S033

S033_ROWS = (
    " 一级指标二级指标三级指标分值指标值全年实际值得分预算执行率10一100%9"
    "时效指标完成时间52021年12月完成2021年12月完成4社会效益改善办学条件15改善条件改善条件13"
)


def test_a_self_score_above_100_minus_the_certain_deductions_is_a_warning():
    (f,) = codes("自评得分98" + S033_ROWS, "S033")
    assert (f.data["deducted"], f.data["most"], f.data["stated"]) == ("4", "96", "98")
    assert f.spans[0].text == "98"


def test_a_self_score_the_deductions_allow_or_two_self_scores_are_silent():
    assert codes("自评得分96" + S033_ROWS, "S033") == []
    assert codes("自评得分98" + S033_ROWS + "。复核后自评得分95", "S033") == []
    # no row read with certainty: nothing bounds the total
    assert (
        codes(
            "自评得分98 一级指标二级指标三级指标分值指标值全年实际值得分预算执行率10100%10", "S033"
        )
        == []
    )
