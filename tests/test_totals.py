"""Totals vs parts (T001 sum-mismatch, T002 sum-rounding) on texts written for the purpose."""

from __future__ import annotations

from reviewer.models import Severity
from tests.helpers import review_text


def sums(text: str) -> list:
    return review_text(text, select=["T00"])


def test_correct_breakdown_after_qizhong_passes() -> None:
    assert sums("本年收入500.00万元，其中：财政拨款300.00万元，其他收入200.00万元。") == []


def test_parts_that_do_not_add_up_are_an_error() -> None:
    (f,) = sums("本年收入500.00万元，其中：财政拨款300.00万元，其他收入250.00万元。")
    assert f.code == "T001" and f.severity == Severity.ERROR
    assert f.data["expr"] == "300.00 + 250.00 = 550.00"
    assert f.data["stated"] == "500.00"
    assert f.spans[0].text == "本年收入500.00万元"
    assert [s.text for s in f.spans[1:]] == ["财政拨款300.00万元", "其他收入250.00万元"]


def test_qizhong_parts_short_of_the_total_are_a_warning() -> None:
    # 其中 sometimes lists only some parts; the message asks to name the rest.
    (f,) = sums("本年收入500.00万元，其中：财政拨款300.00万元，事业收入150.00万元。")
    assert f.code == "T001" and f.severity == Severity.WARNING


def test_qizhong_items_covering_less_than_half_of_the_total_are_singled_out_not_a_split() -> None:
    # Reports name the big items of a spending total under 其中 without the rest.
    text = "一般公共预算支出1520.6万元，其中：教育支出286.4万元，社会保障和就业支出132.5万元。"
    assert sums(text) == []
    # Over half of the total, a shortfall is still asked about.
    text = "一般公共预算支出1520.6万元，其中：教育支出786.4万元，社会保障和就业支出132.5万元。"
    (f,) = sums(text)
    assert f.code == "T001" and f.severity == Severity.WARNING
    # A total that reads as the parts' sum with two digits swapped or one digit changed is a
    # typo of the sum, not a selection: 3 + 12 + 1 = 16, written 61.
    (f,) = sums("有职工61人，其中管理人员3人，专业技术人员12人，工勤人员1人。")
    assert f.data["expr"] == "3 + 12 + 1 = 16"
    (f,) = sums("项目计划总投资9158.6万元，其中：中央财政扶持1000万元，自筹958.6万元。")
    assert f.data["expr"] == "1000 + 958.6 = 1958.6"
    # Above the total, however small the parts are, it is an error.
    text = "一般公共预算支出520.6万元，其中：教育支出386.4万元，社会保障和就业支出232.5万元。"
    (f,) = sums(text)
    assert f.severity == Severity.ERROR


def test_qizhong_naming_a_complete_split_short_of_the_total_is_an_error() -> None:
    # 财政拨款 + 其他 leaves nothing out: no unnamed part can make up the 50.
    (f,) = sums("本年收入500.00万元，其中：财政拨款300.00万元，其他收入150.00万元。")
    assert f.code == "T001" and f.severity == Severity.ERROR
    assert "完整的分类" in f.message


def test_exhaustive_list_short_of_the_total_is_an_error() -> None:
    (f,) = sums("本年收入500.00万元，分别为：财政拨款300.00万元，其他收入150.00万元。")
    assert f.severity == Severity.ERROR


def test_difference_within_rounding_is_info() -> None:
    (f,) = sums("决算支出总计1195.57万元，按支出性质分类：基本支出981.38万元，项目支出214.18万元。")
    assert f.code == "T002" and f.severity == Severity.INFO
    assert f.data["diff"] == "0.01"


def test_whole_numbers_among_decimals_are_exact() -> None:
    # 5万元 written beside 574.73万元 is exact, so 1.00 off is beyond rounding.
    (f,) = sums("项目支出579.80万元，包括：科技支出5万元，城乡社区支出574.73万元。")
    assert f.code == "T001"
    (g,) = sums("项目支出579.74万元，包括：科技支出5万元，城乡社区支出574.73万元。")
    assert g.code == "T002"


def test_nested_breakdown_closes_when_its_parts_add_up() -> None:
    text = (
        "本年支出100万元，其中：基本支出60万元，其中：人员经费50万元，公用经费10万元；"
        "项目支出40万元。"
    )
    assert sums(text) == []


def test_parenthesised_breakdown() -> None:
    assert (
        sums(
            "行政编制25名(其中：办公室14名、党建办3名、经发办3名、平安办3名、人武部2名)、事业编制38名。"
        )
        == []
    )
    (f,) = sums("行政编制25名(其中：办公室14名、党建办3名、经发办3名)、事业编制38名。")
    assert f.data["expr"] == "14 + 3 + 3 = 20"


def test_subset_inside_parentheses_is_not_a_breakdown() -> None:
    text = "领导职数5名，其中书记1名，镇长1名，副镇长3名（其中1名兼任武装部长）。"
    assert sums(text) == []


def test_colon_list_of_staff_is_checked_per_series() -> None:
    text = (
        "核定事业编制20个，实有19人：服务中心核定编制12个，实有10人；执法队核定编制8个，实有7人。"
    )
    (f,) = sums(text)
    assert f.severity == Severity.ERROR
    assert f.spans[0].text == "实有19人"
    assert f.data["expr"] == "10 + 7 = 17"


def test_quota_and_actual_breakdowns_interleaved() -> None:
    text = "核定编制40个，实有编制人数35人，其中核定行政编制30个，实有行政人员26人；事业编制10个，实有9人。"
    assert sums(text) == []


def test_part_left_out_on_purpose_is_not_flagged() -> None:
    # The 6 of the finance office are counted apart: 30 + 1 + 50 = 81.
    text = "核定编制81个，其中核定行政编制30个，机关工勤1个，财政所编制数6个，事业编制50个。"
    assert sums(text) == []


def test_breakdown_running_into_next_sentence_is_only_a_warning() -> None:
    text = "实有人数72人，其中行政人员26人，工勤0人。事业人员43人。"
    (f,) = sums(text)
    assert f.code == "T001" and f.severity == Severity.WARNING


def test_qizhong_after_full_stop_refers_to_previous_sentence() -> None:
    (f,) = sums("年末人员编制95人。其中：公务员32人、工勤人员1人、事业人员60人。")
    assert f.data["expr"] == "32 + 1 + 60 = 93"


def test_qizhong_after_words_pointing_back_refers_to_previous_sentence() -> None:
    (f,) = sums("年度预算资金120万元。上述资金其中：设备购置50万元，运维60万元。")
    assert f.data["expr"] == "50 + 60 = 110"


def test_qizhong_after_a_new_subject_does_not_split_the_previous_sentence() -> None:
    # The new sentence names what its 其中 splits (the upgrade project), whose total it omits.
    for text in (
        "全年筹集公益金2.35亿元。系统升级改造项目，其中：软件开发中标价29.8万元，"
        "地图服务中标价17.88万元。",
        "年末人员编制95人。机关各科室其中：办公室5人，财务科3人。",
        "本年度收入500万元。设备采购项目其中包括服务器80万元、网络设备40万元。",
    ):
        assert sums(text) == [], text


def test_main_items_list_may_be_partial() -> None:
    text = "项目支出100万元，主要是：城乡社区支出60万元，农林水支出30万元。"
    assert sums(text) == []


def test_explicit_total_after_its_parts() -> None:
    (f,) = sums("基本支出60万元，项目支出30万元，合计100万元。")
    assert f.code == "T001" and f.data["expr"] == "60 + 30 = 90"


def test_a_bare_gongji_after_the_parts_is_their_total() -> None:
    # "共计" opening its clause is the total word (not 共 stripped off a label, leaving 计).
    text = "省级拨付补贴资金62万元，中央拨付16万元，上年度结余的资金6.47万元，共计{}万元。"
    assert sums(text.format("84.47")) == []
    (f,) = sums(text.format("14.47"))
    assert f.code == "T001" and f.data["expr"] == "62 + 16 + 6.47 = 84.47"
    # near miss: the same figures with no total word are not read as a sum
    assert sums(text.format("14.47").replace("共计", "拨付到户")) == []


def test_a_part_followed_by_a_note_in_brackets_is_still_a_part_of_the_total() -> None:
    # the note names no figure: it splits nothing, so 50 stays one of the parts
    text = "下达甲资金预算300万元；下达乙资金预算200万元；下达丙补贴预算50万元(丙补贴列入甲资金使用)；资金合计550万元。"
    assert sums(text) == []
    (f,) = sums(text.replace("合计550", "合计600"))
    assert f.data["expr"] == "300 + 200 + 50 = 550"


def test_implicit_split_is_reported_only_as_rounding() -> None:
    (f,) = sums("财政拨款收入1282.33万元，一般公共预算1008.65万元；政府性基金273.67万元。")
    assert f.code == "T002"
    # Far from the sum: not read as a breakdown at all.
    assert sums("财政拨款收入1282.33万元，一般公共预算1008.65万元；政府性基金73.67万元。") == []


def test_single_part_equal_to_the_whole_closes_the_breakdown() -> None:
    text = "本年三公经费支出4.6万元，其中公务接待支出4.6万元，上年三公经费支出9.64万元。"
    assert sums(text) == []


def test_other_year_does_not_join_a_breakdown() -> None:
    text = "2024年支出10万元，其中培训费6万元，会议费4万元，2023年支出12万元。"
    assert sums(text) == []


def test_mixed_money_units_are_converted() -> None:
    assert sums("支出1.5万元，其中：差旅费5000元，会议费10000元。") == []


def test_english_message() -> None:
    (f,) = review_text("收入500万元，其中：拨款300万元，其他150万元。", select=["T001"], lang="en")
    assert f.message.startswith("The parts add up to 300 + 150 = 450")


def test_cross_series_parts_go_to_the_total_they_fit() -> None:
    # 在编/编制 figures under "在职25人，退休12人，其中：" add up to the 25, not the retirees.
    text = "本局现有在职人员25人，退休人员12人，其中：行政编制18名，事业编制7名。"
    assert sums(text) == []


def test_established_posts_under_a_staff_total_are_a_warning_naming_the_scopes() -> None:
    # 编制 parts under a head count of people in post: the scopes may differ, and the note
    # says so rather than claiming the parts ran across sentences.
    (f,) = sums("街道共有工作人员73人，其中行政编制25人、参公编制20人、事业编制26人。")
    assert f.severity == Severity.WARNING and f.data["expr"] == "25 + 20 + 26 = 71"
    assert "口径不同" in f.message and "跨句" not in f.message


def test_a_quota_paired_with_its_head_count_is_not_a_part() -> None:
    # "核定事业编制30个，实有26人": the quota and the people in post of one unit; only the 26
    # is a part of the 73 people.
    (f,) = sums(
        "街道共有工作人员73人，其中行政编制25人、参公编制20人；核定事业编制30个，实有26人。"
    )
    assert f.data["expr"] == "25 + 20 + 26 = 71"
    assert (
        sums("街道共有工作人员71人，其中行政编制25人、参公编制20人；核定事业编制30个，实有26人。")
        == []
    )
    # A quota not followed by its head count stays a part.
    (f,) = sums("街道共有工作人员73人，其中行政编制25人、参公编制20人、事业编制30人。")
    assert f.data["expr"] == "25 + 20 + 30 = 75"


# --- False alarms seen on real reports, each with the true positive it must keep ------------


def test_a_change_against_last_year_is_not_the_total_of_the_next_sentence() -> None:
    # "同比增加50万元" is a difference; the 其中 after it splits the 500 (or the change).
    text = "2024年部门决算支出500万元，同比增加50万元。其中基本支出300万元，项目支出200万元。"
    assert sums(text) == []
    assert sums("本年支出500万元，较上年减少50万元，其中基本支出300万元，项目支出200万元。") == []


def test_a_split_of_the_change_itself_is_checked_against_the_change() -> None:
    text = "三公经费支出50万元，较上年减少8万元，其中公务接待费减少5万元，公务用车运行费减少3万元。"
    assert sums(text) == []
    # 其中 splitting the change into parts that add up to it is a reading that reconciles.
    assert sums("本年支出500万元，同比增加50万元。其中基本支出30万元，项目支出20万元。") == []


def test_a_change_does_not_hide_a_wrong_split_of_the_total() -> None:
    (f,) = sums("本年支出500万元，同比增加50万元，其中基本支出300万元，项目支出150万元。")
    assert f.code == "T001" and f.severity == Severity.ERROR
    assert f.data["stated"] == "500" and f.data["expr"] == "300 + 150 = 450"


def test_a_change_amid_the_parts_is_not_a_part() -> None:
    text = "本年支出500万元，其中基本支出300万元，较上年增加20万元，项目支出200万元。"
    assert sums(text) == []
    (f,) = sums("本年支出500万元，其中基本支出300万元，较上年增加20万元，项目支出150万元。")
    assert f.data["expr"] == "300 + 150 = 450"


def test_items_added_mid_year_stay_parts() -> None:
    # "年中增加3个" adds to a list: it is a part, not a change against another year.
    (f,) = sums("共实施项目10个，其中年初安排项目6个，年中增加3个。")
    assert f.data["expr"] == "6 + 3 = 9"


def test_a_subset_in_parentheses_is_not_a_breakdown() -> None:
    assert sums("下属单位15个(含行政单位1个,参公单位1个)，在职人员80人。") == []
    assert sums("下属单位15个（包含行政单位2个、参公单位3个）。") == []


def test_a_subset_larger_than_its_whole_is_still_an_error() -> None:
    (f,) = sums("下属单位5个(含行政单位4个,参公单位3个)。")
    assert f.code == "T001" and f.severity == Severity.ERROR
    # A parenthesised split without 含 is still a split.
    (g,) = sums("下属单位15个(行政单位1个,参公单位1个)。")
    assert g.code == "T001"


def test_levels_of_one_indicator_tree_are_not_parts_of_a_sum() -> None:
    assert sums("设置指标共20个，其中：一级指标3个，二级指标8个。") == []
    assert sums("全部指标20个：一级指标3个，二级指标7个，三级指标12个。") == []
    assert sums("设置绩效指标12个，包括一级指标3个，二级指标6个，三级指标12个。") == []


def test_kinds_of_indicator_within_one_level_still_add_up() -> None:
    (f,) = sums("设置三级指标12个，其中产出指标6个，效益指标4个，满意度指标1个。")
    assert f.data["expr"] == "6 + 4 + 1 = 11"


def test_a_figure_whose_unit_slipped_is_reported_as_a_unit_error() -> None:
    (f,) = sums("项目支出85万元，其中：设备购置13万元，培训费72元。")
    assert f.code == "T001" and f.severity == Severity.WARNING
    assert f.data["slipped"] == "72元" and f.data["reread"] == "72万元"
    assert "单位疑似写错" in f.message
    assert "13 + 0.0072 = 13.0072" in f.message and "13 + 72 = 85" in f.message
    # The total's unit may be the one that slipped.
    (g,) = sums("项目支出85元，其中：设备购置13万元，培训费72万元。")
    assert g.data["slipped"] == "85元" and g.data["reread"] == "85万元"


def test_a_total_in_yuan_over_named_subtotals_in_wan_is_a_unit_slip() -> None:
    # "…合计" names a part's own subtotal after 其中; the total written in 元 only fits its
    # parts read in 万元
    (f,) = sums("全年预算数580元:其中中央补助资金合计430万元;省级配套资金150万元。")
    assert f.code == "T001" and f.data["slipped"] == "580元" and f.data["reread"] == "580万元"
    # near misses: the total in 万元 adds up; a later 合计 that is another total stays apart
    assert sums("全年预算数580万元:其中中央补助资金合计430万元;省级配套资金150万元。") == []
    assert sums("收入合计500元:拨款合计450万元，支出合计480万元。") == []
    # a named subtotal after a colon that does not add up is a plain mismatch
    (g,) = sums("全年预算数580万元:其中中央补助资金合计420万元;省级配套资金150万元。")
    assert g.code == "T001" and "slipped" not in g.data


def test_mixed_units_that_no_single_rereading_reconciles_stay_a_plain_mismatch() -> None:
    (f,) = sums("项目支出85万元，分别为：设备购置13万元，培训费60元。")
    assert f.code == "T001" and f.severity == Severity.ERROR and "slipped" not in f.data
    assert "单位" not in f.message


# --- Severity follows the completeness of the split ------------------------------------------


def test_basic_plus_project_short_of_the_spending_total_is_an_error() -> None:
    (f,) = sums("2024年决算支出1000万元，其中基本支出600万元，项目支出300万元。")
    assert f.severity == Severity.ERROR and "基本支出 + 项目支出" in f.message


def test_personnel_plus_public_short_of_basic_spending_is_an_error() -> None:
    (f,) = sums("基本支出600万元，其中人员经费500万元，公用经费80万元。")
    assert f.severity == Severity.ERROR


def test_personnel_plus_public_under_total_spending_is_only_a_warning() -> None:
    # 人员经费 + 公用经费 make up 基本支出, not all spending: 项目支出 may be the rest.
    (f,) = sums("本年支出1000万元，其中人员经费500万元，公用经费80万元。")
    assert f.severity == Severity.WARNING


def test_three_of_four_economic_classes_are_only_a_warning() -> None:
    text = "本年支出1000万元，其中工资福利支出500万元，商品和服务支出300万元，资本性支出100万元。"
    (f,) = sums(text)
    assert f.severity == Severity.WARNING
    text = (
        "本年支出1000万元，其中工资福利支出500万元，商品和服务支出300万元，"
        "对个人和家庭的补助50万元，资本性支出100万元。"
    )
    (g,) = sums(text)
    assert g.severity == Severity.ERROR


def test_main_items_naming_a_complete_split_are_checked() -> None:
    (f,) = sums("本年支出1000万元，主要是：基本支出600万元，项目支出300万元。")
    assert f.severity == Severity.ERROR
    assert sums("本年支出1000万元，主要是：培训费600万元，印刷费300万元。") == []


def test_a_target_bound_is_not_a_part() -> None:
    # "≤90万元" in an indicator row after the breakdown is a target, not a fourth part.
    text = "完成预算资金89.97万元。其中：编制30万元；审计30万元；设计29.97万元。成本指标 项目总成本 ≤90万元"
    assert sums(text) == []
    (f,) = sums("完成预算资金89.97万元。其中：编制30万元；审计30万元；设计29.99万元。成本 ≤90万元")
    assert f.data["expr"] == "30 + 30 + 29.99 = 89.99"


def test_a_figure_labelled_as_a_total_of_its_own_starts_a_new_statement() -> None:
    # "累计防治面积9.34万亩" of other pests is a sibling of the 10.5, not a second part.
    text = "春季累计防治面积10.5万亩，其中飞机防治8万亩；其它病虫害累计防治面积9.34万亩。"
    assert sums(text) == []
    # A part that overflows without a total's label is still a mismatch.
    (f,) = sums("防治面积10.5万亩，其中飞机防治8万亩，人工防治3.5万亩。")
    assert f.data["expr"] == "8 + 3.5 = 11.5"


def test_personnel_public_and_project_spending_are_a_complete_split() -> None:
    (f,) = sums(
        "本年支出800万元，其中：人员经费支出434.89万元，公用经费支出77.4万元，项目支出250万元。"
    )
    assert f.severity == Severity.ERROR and "人员经费 + 公用经费 + 项目支出" in f.message
    assert (
        sums("本年支出799.12万元，其中：人员经费434.89万元，公用经费77.4万元，项目支出286.83万元。")
        == []
    )


def test_a_budget_split_into_basic_and_project_is_complete_too() -> None:
    (f,) = sums("全年预算1200万元，其中基本支出700万元，项目支出400万元。")
    assert f.severity == Severity.ERROR
    # A change stated beside it is neither the total nor a part.
    text = "年初预算1000万元，年中追加200万元，全年预算1200万元，其中基本支出800万元，项目支出400万元。"
    assert sums(text) == []


def test_the_base_of_a_comparison_is_not_the_total() -> None:
    # "比上年1100万元减少100万元": neither last year's 1100 nor the change is split by 其中.
    text = "本年支出1000万元，比上年1100万元减少100万元，其中基本支出600万元，项目支出400万元。"
    assert sums(text) == []
    text = "本年支出1000万元，较2023年1100万元减少100万元，其中基本支出600万元，项目支出300万元。"
    (f,) = sums(text)
    assert f.data["stated"] == "1000" and f.severity == Severity.ERROR


def test_a_part_named_with_brackets_is_recognised_in_a_complete_split() -> None:
    text = (
        "三公经费支出12.5万元，其中因公出国（境）费0万元，公务用车购置及运行维护费8.5万元，"
        "公务接待费3万元。"
    )
    (f,) = sums(text)
    assert f.severity == Severity.ERROR and "公务接待费是完整的分类" in f.message
    # Two of the three 三公 items are not a complete split.
    (g,) = sums("三公经费支出12.5万元，其中公务用车购置及运行维护费8.5万元，公务接待费3万元。")
    assert g.severity == Severity.WARNING


def test_qizhong_in_parentheses_short_of_the_total_is_a_warning_like_qizhong() -> None:
    (f,) = sums("行政编制25名(其中：办公室14名、党建办3名、经发办3名)、事业编制38名。")
    assert f.severity == Severity.WARNING
    # Without 其中 the parenthesis gives the whole split: short of the total is an error.
    (g,) = sums("行政编制25名(办公室14名、党建办3名、经发办3名)、事业编制38名。")
    assert g.severity == Severity.ERROR


def test_a_count_whose_unit_slipped_is_reported_as_a_unit_error() -> None:
    (f,) = sums("防治面积10.5万亩，其中飞机防治8万亩，人工防治2.5亩。")
    assert f.data["slipped"] == "2.5亩" and f.data["reread"] == "2.5万亩"
    # Differences are stated in the total's unit, multiplier included.
    (g,) = sums("防治面积10.5万亩，分别为：飞机防治8万亩，人工防治3.5万亩。")
    assert g.data["unit"] == "万亩" and "相差 1.0万亩" in g.message


def test_qizhong_after_a_change_sentence_splits_the_figure_the_change_is_about() -> None:
    text = (
        "本年收入1480.00万元。本年收入较上年增加100.00万元，增长7.25%。"
        "其中：财政拨款收入1400.00万元，其他收入80.00万元。"
    )
    assert sums(text) == []
    (f,) = sums(text.replace("其他收入80.00万元", "其他收入70.00万元"))
    assert f.data["stated"] == "1480.00" and f.severity == Severity.ERROR
    (g,) = sums(text.replace("其他收入80.00万元", "其他收入80.00元"))
    assert g.data["slipped"] == "80.00元"


def test_t001_example_fires_and_counterexample_does_not() -> None:
    from reviewer.checks.totals import SUM_MISMATCH

    assert [f.code for f in sums(SUM_MISMATCH.example.rsplit("(", 1)[0])] == ["T001"]
    assert sums(SUM_MISMATCH.counterexample.rsplit("(", 1)[0]) == []


def test_qizhong_after_several_figures_may_split_any_of_them() -> None:
    text = (
        "项目资金共120万元，已支付118.5万元，结余1.5万元，较上年减少0.5万元。"
        "其中：工程维修费100万元，材料费15万元，检测费3.5万元。"
    )
    assert sums(text) == []
    # Parts that match none of the figures are still a mismatch (against the last one).
    (f,) = sums(text.replace("检测费3.5万元", "检测费2.5万元"))
    assert f.code == "T001"
    assert f.severity == Severity.WARNING and "所指的合计不明确" in f.message


def test_qizhong_within_the_sentence_splits_the_last_figure() -> None:
    text = "年初预算1000万元，调整后预算1100万元，决算支出1050万元，其中基本支出600万元，项目支出400万元。"
    (f,) = sums(text)
    assert f.severity == Severity.ERROR and f.data["stated"] == "1050"


def test_a_part_whose_label_merely_contains_heji_still_overflows() -> None:
    # Only 累计/共计/总计 make a figure a total of its own; "合计支出" inside a label does not.
    (f,) = sums("本年支出100万元，其中基本支出60万元，项目合计支出50万元。")
    assert f.data["expr"] == "60 + 50 = 110"


# ---- counts by grade, a list handed out after a colon, parts labelled with years ---------------

GRADES = "复核评价的{n}个项目，复核等次为“优秀”的5个，“良好”的23个，“中(一般)”的22个。"


def test_counts_by_grade_split_the_count_graded() -> None:
    assert sums(GRADES.format(n=50)) == []
    (f,) = sums(GRADES.format(n=40))
    assert f.code == "T001" and f.severity == Severity.WARNING
    assert f.data["expr"] == "5 + 23 + 22 = 50" and "等次" in f.message


def test_counts_by_grade_in_the_sentence_after_the_count() -> None:
    text = "上报项目绩效自评{n}个，涉及金额3409.51万元。自评结果“优秀”18个、“良好”17个、“差”1个。"
    assert sums(text.format(n=36)) == []
    assert [f.code for f in sums(text.format(n=63))] == ["T001"]
    # Two counts in the sentence before: which one was graded is unclear.
    two = "上报项目63个，抽取12个复核。自评结果“优秀”18个、“良好”17个、“差”1个。"
    assert sums(two) == []


def test_grade_words_that_are_no_grade_list_stay_silent() -> None:
    # One grade only, a grade repeated (two lists), a grade of another unit.
    assert sums("评价项目40个，其中评为“优秀”的5个。") == []
    assert sums("评价项目40个，2022年“优秀”5个、“良好”3个，2023年“优秀”6个、“良好”4个。") == []
    assert sums("评价项目40个，“优秀”单位5家，“良好”单位3家。") == []


HANDED = "项目资金{t}万元，已分配下达到项目建设单位：甲镇文化公园及配套工程项目资金140万元、乙乡生产道路改造提升工程(华侨片区)项目资金140万元、丙村基础设施建设项目资金160万元。"


def test_a_list_after_a_colon_that_hands_the_amount_out() -> None:
    assert sums(HANDED.format(t=440)) == []
    (f,) = sums(HANDED.format(t=404))
    assert f.code == "T001" and f.severity == Severity.WARNING
    assert f.data["expr"] == "140 + 140 + 160 = 440"


def test_a_colon_after_other_words_opens_no_split() -> None:
    # "完成情况如下：" does not hand the 440 out: its list is another statement.
    assert sums("项目资金440万元，完成情况如下：甲项目支出140万元、乙项目支出100万元。") == []
    # A change is never handed out.
    assert sums("项目资金较上年增加40万元，已分配下达到：甲140万元、乙160万元。") == []


def test_parts_labelled_with_the_years_a_two_year_total_names() -> None:
    text = (
        "2021年、2022年建设资金共计{t}万元，其中2021年省级资金248000万元、中央资金597784万元，"
        "2022年省级资金316390万元、中央资金676073万元。截至7月底，2021年实际到位资金926318.05万元。"
    )
    assert sums(text.format(t=1838247)) == []
    (f,) = sums(text.format(t=1838274))
    assert f.severity == Severity.WARNING
    assert f.data["expr"] == "248000 + 597784 + 316390 + 676073 = 1838247"
    # A part of a year the total does not name still starts a new statement.
    other = "2022年建设资金共计100万元，其中省级资金60万元。2023年省级资金70万元、中央资金30万元。"
    assert sums(other) == []


# ---- a total after its parts with no 合计: read only as a typo --------------------------------

AFTER = "预拨资金3608万元(中央资金2855万元、省级资金753万元)，年终清算资金120万元分配到位，全年资金{t}万元全部执行到位。"


def test_a_whole_after_its_parts_named_in_traditional_characters_with_pinyin_glosses() -> None:
    # A mirror page: 年初預(yù)算合計 names the whole once read as simplified without glosses.
    text = (
        "中央年初下達(dá)資金合計2077萬元,省內(nèi)安排補貼資金312萬元,年初預(yù)算{w}{t}萬元,"
        "年中調(diào)減中央財(cái)政資金300萬。"
    )
    assert sums(text.format(w="合計", t=2389)) == []
    (f,) = sums(text.format(w="合計", t=2839))
    assert f.code == "T001" and f.data["expr"] == "2077 + 312 = 2389"
    # near miss: a label that names no whole (安排) is another amount, not their total
    assert sums(text.format(w="安排", t=2839)) == []


def test_a_whole_after_its_parts_one_digit_off_is_a_likely_typo() -> None:
    assert sums(AFTER.format(t=3728)) == []
    (f,) = sums(AFTER.format(t=3738))
    assert f.code == "T001" and f.severity == Severity.WARNING
    assert f.data["expr"] == "3608 + 120 = 3728" and "笔误" in f.message
    assert [f.code for f in sums(AFTER.format(t=3782))] == ["T001"]  # two digits swapped


def test_a_figure_after_others_that_is_another_quantity_is_silent() -> None:
    # Any gap but a one-digit slip: the figure is another quantity, not their total.
    assert sums(AFTER.format(t=3900)) == []
    assert sums("年初预算100万元，追加资金20万元，全年支出115万元。") == []
    # No word naming a whole; a part as large as the figure; a change; too few digits.
    assert sums("预拨资金3608万元，清算资金120万元，执行3738万元。") == []
    assert sums("预拨资金3608万元，清算资金3738万元，全年资金3738万元。") == []
    assert sums("预拨资金3608万元，清算资金120万元，全年资金较上年增加3738万元。") == []
    assert sums("预拨资金36万元，清算资金12万元，全年资金58万元全部执行到位。") == []


def test_a_total_word_with_its_verb_closes_the_list_before_it() -> None:
    text = "项目批复总投资61.8万元。其中：下达中央财政资金{a}万元，县财政资金30.9万元，共计下达61.8万元。"
    assert sums(text.format(a="30.9")) == []
    (f,) = sums(text.format(a="34.9"))
    assert f.data["expr"] == "34.9 + 30.9 = 65.8"


USES = (
    "下达资金{t}万元，140万元用于甲村道路项目；140万元用于乙乡文化公园；160万元用于丙村基础设施。"
)


def test_amounts_each_put_to_a_use_split_the_amount_before_them() -> None:
    assert sums(USES.format(t=440)) == []
    (f,) = sums(USES.format(t=404))
    assert f.severity == Severity.WARNING and f.data["expr"] == "140 + 140 + 160 = 440"


def test_uses_with_no_single_amount_before_them_stay_silent() -> None:
    # The first amount is itself put to a use; two amounts before the uses; one use only.
    assert sums(USES.format(t=404).replace("404万元，140万元", "404万元用于甲；140万元")) == []
    assert sums("下达资金404万元，已支出100万元，140万元用于甲项目；160万元用于乙项目。") == []
    assert sums("下达资金404万元，140万元用于甲项目。") == []


HANDED_BACK = (
    "省财政厅向我市下达土壤污染防治资金{t}万元。我市于1月6日以文件将该笔资金下拨至甲县，"
    "用于实施“甲地块调查项目”({a}万元)和“乙地块应急工程项目”(577万元)。"
)


def test_a_sentence_handing_out_the_amount_before_it_splits_that_amount() -> None:
    # 该笔资金 names the one amount of the sentence before; the amounts it is handed out as are
    # its parts, read across the full stop (a warning).
    assert sums(HANDED_BACK.format(t=1300, a=723)) == []
    (f,) = sums(HANDED_BACK.format(t=1307, a=723))
    assert f.code == "T001" and f.severity == Severity.WARNING
    assert f.data["expr"] == "723 + 577 = 1300" and f.data["stated"] == "1307"
    (f,) = sums(HANDED_BACK.format(t=1300, a=732))
    assert f.data["expr"] == "732 + 577 = 1309"


def test_amounts_after_the_sentence_before_are_no_split_without_a_handing_out() -> None:
    # Near misses: no back-reference to the amount; a back-reference but nothing handed out;
    # two amounts in the sentence before (which one is split is unclear); an amount of the
    # sentence's own before the back-reference; a handing out already done (下拨后).
    text = HANDED_BACK.format(t=1307, a=723)
    assert sums(text.replace("将该笔资金下拨至甲县", "另安排资金至甲县")) == []
    assert sums(text.replace("将该笔资金下拨至甲县，用于实施", "该笔资金到位后，完成")) == []
    assert sums(text.replace("资金1307万元。", "资金1307万元，另下达100万元。")) == []
    assert sums(text.replace("我市于1月6日以文件", "我市自筹200万元，以文件")) == []
    # what happened after the handing out is no split of it
    after = "下达资金100万元。该笔资金下拨后，甲县完成投资80万元，乙县完成投资50万元。"
    assert sums(after) == []


PARALLEL_USES = (
    "本项目共申请预算资金{t}万元。其中:30万元用于预算编制;30万元用于项目审计;{c}万元用于设计测绘。"
)


def test_a_list_of_uses_goes_on_past_a_prefix_that_adds_up() -> None:
    # 30 + 30 already make 60, but the third item is listed just like the first two (an amount
    # put to a use, the same list mark): it is a part too, and the parts exceed the total.
    assert sums(PARALLEL_USES.format(t=90, c=30)) == []
    (f,) = sums(PARALLEL_USES.format(t=60, c=30))
    assert f.code == "T001" and f.severity == Severity.WARNING
    assert f.data["expr"] == "30 + 30 + 30 = 90" and f.data["stated"] == "60"
    (f,) = sums(PARALLEL_USES.format(t=80, c=30))  # no prefix adds up: read as before
    assert f.data["expr"] == "30 + 30 + 30 = 90"


def test_an_item_not_listed_alike_still_closes_a_breakdown_that_adds_up() -> None:
    # Near misses: the third amount is not put to a use, or follows a full stop, or another
    # list mark: it is no item of the list, and 60 = 30 + 30 holds.
    text = PARALLEL_USES.format(t=60, c=30)
    assert sums(text.replace("30万元用于设计测绘", "另有结余30万元")) == []
    assert sums(text.replace("项目审计;30万元", "项目审计。30万元")) == []
    assert sums(text.replace("项目审计;30万元", "项目审计,另30万元")) == []
    assert sums(text.replace("项目审计;30万元", "项目审计;另安排自筹30万元")) == []


def _statuses(text: str) -> dict[str, str]:
    from reviewer.engine import check_text

    return {f.text: f.status for f in check_text(text).figures or []}


def test_named_subtotals_under_qizhong_are_the_parts() -> None:
    # Each part is itself labelled 合计 (the sum of its own items): it is a part of the total
    # the 其中 splits, not a new total that ends the breakdown.
    text = "全年资金合计671037万元。其中，安排约束性任务资金合计575218万元，安排指导性任务资金合计{}万元。"
    assert sums(text.format(95819)) == []
    assert _statuses(text.format(95819))["575218万元"] == "verified"
    (f,) = sums(text.format(95810))
    assert f.code == "T001" and f.data["expr"] == "575218 + 95810 = 671028"
    # near misses: a bare 合计 after the parts is their sum; 共 after a per-person amount
    # restates rather than subtotals; a 合计 larger than what the parts leave is another total
    assert sums("收入合计500万元，其中财政拨款合计450万元，支出合计480万元。") == []
    assert sums("收入合计200万元，其中：财政拨款120万元，其他收入80万元，合计200万元。") == []
    assert sums("计划使用资金45万元给14人发放工资，其中工资30000元每年每人，保险费共3万元。") == []


def test_a_quantity_total_written_after_its_parts_with_gongji() -> None:
    # 共计 before the verb ("共计建成…基地1250亩") names the whole; any unit of quantity.
    text = "完成繁育田850亩；二是建成原种基地400亩，共计建成繁育基地{}亩，平均亩产2500公斤。"
    assert sums(text.format(1250)) == []
    assert _statuses(text.format(1250))["850亩"] == "verified"
    (f,) = sums(text.format(2150))  # two digits swapped
    assert f.code == "T001" and f.severity == Severity.WARNING
    # near miss: the same figures with no word naming a whole are not read as a total
    assert sums("完成繁育田850亩；二是建成原种基地400亩，建成繁育基地2150亩。") == []
    assert _statuses("完成繁育田850亩；建成原种基地400亩，建成繁育基地1250亩。")["850亩"] != (
        "verified"
    )


def test_a_list_of_the_sources_of_a_total() -> None:
    # 资金来源为：… lists where the total comes from: a breakdown, checked like 其中.
    text = "项目总预算36,{}万元，经调整后资金的来源为：中央补助10,000万元，省级补助5,000万元，地市补助15920万元，其他5700万元。"
    assert sums(text.format(620)) == []
    (f,) = sums(text.format(602))
    assert f.code == "T001" and f.data["expr"] == "10000 + 5000 + 15920 + 5700 = 36620"
    # sources short of the total may leave the rest unnamed: a warning, not an error
    (f,) = sums("项目总投资500万元，资金来源为：中央补助300万元，省级补助100万元，其余自筹。")
    assert f.severity == Severity.WARNING
    # near miss: 来源 as a word in a sentence, no colon, opens nothing
    assert sums("项目总预算36,602万元，来源于中央补助10,000万元和省级补助5,000万元。") == []


def test_a_part_whose_amount_the_page_hides_leaves_the_sum_unjudged() -> None:
    # Tender sites hide figures behind a link: the parts read are not all the parts.
    text = "下达资金9.53万元，其中：抚育补助 点击查看>> 万元，造林补助2.42万元，管护补助2.88万元。"
    assert sums(text) == []
    assert (
        sums("下达资金9.53万元，其中：抚育补助**万元，造林补助2.42万元，管护补助2.88万元。") == []
    )


def test_a_hidden_amount_in_another_sentence_does_not_excuse_a_sum() -> None:
    text = "下达资金9.53万元，其中：造林补助2.42万元，管护补助2.88万元。另有补助 点击查看>> 万元。"
    (f,) = sums(text)
    assert f.code == "T001"


def test_a_reduction_among_the_parts_leaves_the_sum_unjudged() -> None:
    # 调减 takes away: adding it as written is not what the report states.
    text = "下达资金1.53万元，其中：补偿资金调减2.66万元，造林补助2.42万元，公益林补助1.77万元。"
    assert sums(text) == []


def test_parts_named_after_a_reduction_elsewhere_are_still_added() -> None:
    text = "下达资金5.00万元，其中：造林补助2.42万元，公益林补助1.77万元。上年调减2.66万元。"
    (f,) = sums(text)
    assert f.code == "T001" and f.data["expr"] == "2.42 + 1.77 = 4.19"


def test_an_amount_spent_in_the_next_sentence_is_not_one_more_source() -> None:
    # Funds by source (中央 + 省级 + 县级), then what was spent of them: the spending is no part.
    text = (
        "本项目资金总额3560万元，其中中央补助2100万元，省级补助860万元，县级配套500万元。"
        "截至2022年12月31日，实际支出3420.8万元，资金执行率96.09%。"
    )
    (f,) = sums(text)
    assert f.data["expr"] == "2100 + 860 + 500 = 3460" and "跨句" not in f.message
    # A breakdown of spending may go on across sentences.
    (f,) = sums("全年支出500万元。其中基本支出300万元。项目支出100万元。")
    assert f.data["expr"] == "300 + 100 = 400"


def test_an_amount_spent_beside_budget_parts_in_one_sentence_is_not_a_part() -> None:
    # What was spent of this year's budget is not a second part of the project's total budget.
    text = "该项目总预算1000万元，分三年实施，其中本年度预算400万元，本年支出380万元，执行率95%。"
    assert sums(text) == []
    # The budget parts alone are still summed.
    text = "项目总预算1000万元，其中省级资金600万元，县级资金300万元，本年支出380万元。"
    (f,) = sums(text)
    assert f.data["expr"] == "600 + 300 = 900"
    # Spending parts of a funds total are parts: 人员支出 + 公用支出.
    (f,) = sums("项目资金总额100万元，其中人员支出60万元，公用支出30万元。")
    assert f.data["expr"] == "60 + 30 = 90"
    # Within a sentence, 上年结转 is a part of the income or funds total.
    (f,) = sums("全年资金总额600万元，其中本年预算资金500万元，上年结转资金90万元。")
    assert f.data["expr"] == "500 + 90 = 590"


def test_a_total_written_to_fewer_places_than_its_parts_is_their_sum_rounded() -> None:
    # 4521.3万 + 9078.5万 = 1.35998亿, written 1.36亿: nothing to report, not even a 尾差.
    assert sums("全年支出1.36亿元，其中基本支出4521.3万元，项目支出9078.5万元。") == []
    assert sums("全年支出1.4亿元，其中基本支出4521.3万元，项目支出9078.5万元。") == []
    assert sums("全年支出13600万元，其中基本支出4521.3万元，项目支出9078.5万元。") == []
    # Written to the parts' places, a gap is still reported.
    (f,) = sums("全年支出13599.9万元，其中基本支出4521.3万元，项目支出9078.5万元。")
    assert f.code in ("T001", "T002")


def test_a_part_whose_content_is_listed_in_words_leaves_the_next_part_to_the_outer_split() -> None:
    # 主要包括… names what 人员经费 paid for; 公用经费 after the ； is the second part of 基本支出.
    text = (
        "基本支出1265.38万元，其中：人员经费1082.14万元，主要包括基本工资、津贴补贴等；"
        "公用经费{}万元，主要包括办公费、水电费等。"
    )
    assert sums(text.format("183.24")) == []
    (f,) = sums(text.format("193.24"))
    assert f.data["expr"] == "1082.14 + 193.24 = 1275.38"
    # A 包括 list with figures before the ； is a split of its own.
    text = "基本支出1265.38万元，其中：人员经费1082.14万元，包括工资900万元、社保180万元；公用经费183.24万元。"
    (f,) = sums(text)
    assert f.data["expr"] == "900 + 180 = 1080.00"


def test_a_budget_is_no_part_of_an_amount_spent() -> None:
    # 其中 after a budget and its execution splits the pair: the sub-item's budget is not a
    # part of the 1150.8 executed.
    text = (
        "项目支出预算1200万元，执行1150.8万元，执行率95.9%；"
        "其中专项资金预算800万元，执行790.4万元，执行率98.8%。"
    )
    assert sums(text) == []
    # Amounts spent are parts of an amount spent.
    (f,) = sums("全年执行1150.8万元，其中专项资金执行790.4万元，一般资金执行370.4万元。")
    assert f.data["expr"] == "790.4 + 370.4 = 1160.8"


def test_parts_by_year_within_a_span_of_years_are_parts_of_its_total() -> None:
    text = "2021—2023年累计投入资金{}亿元，其中2021年0.6亿元、2022年0.8亿元、2023年0.8亿元。"
    assert sums(text.format("2.2")) == []
    (f,) = sums(text.format("2.5"))
    assert f.data["expr"] == "0.6 + 0.8 + 0.8 = 2.2"
    # A year outside the span is another statement.
    text = "2021至2022年累计投入资金1.4亿元，其中2021年0.6亿元、2022年0.8亿元。2023年0.8亿元。"
    assert sums(text) == []


def test_what_is_left_of_the_money_is_no_part_of_an_amount_spent() -> None:
    text = (
        "2024年实际支出1980万元，其中上年结转资金320万元已于6月前全部支出。"
        "结余20万元为工程质量保证金。"
    )
    assert sums(text) == []
    # The balance does not hide a wrong split of the spending.
    (f,) = sums("全年实际支出500万元，其中基本支出300万元，项目支出150万元，结余50万元。")
    assert f.data["expr"] == "300 + 150 = 450"


def test_the_tail_of_a_figure_a_line_break_split_is_no_total() -> None:
    # "910.4⏎⏎2、7万元": 910.47 broken by a page marker; 7万元 is not a stated total.
    text = "本年预算支出910.4\n\n2、7万元，其中人员经费580.72万元，公用经费167.75万元；项目支出162万元。"
    assert sums(text) == []
    # A total on a line of its own after a heading ending in words is still read.
    (f,) = sums("本年预算支出情况：\n800万元，其中人员经费580.72万元，公用经费167.75万元。")
    assert f.data["stated"] == "800.00"


def test_retirees_are_no_part_of_an_establishment_count() -> None:
    assert sums("本部门共有编制人数3人,实有人数3人。其中:在职人员3人,离休0人,退休0人。") == []
    # A split of the retirees themselves is still checked.
    (f,) = sums("本单位核定编制20人，实有在职18人，退休12人，其中：退休干部8人，退休工人3人。")
    assert f.data["expr"] == "8 + 3 = 11"


def test_own_projects_and_transfers_down_make_up_all_projects() -> None:
    # 本级 + 对下转移支付 is the whole of a department's projects, in count and in money
    text = (
        "我部门及所属单位2023年度项目15个，项目支出总额420.50万元。其中，本级项目6个，"
        "本级项目支出300.20万元；对下转移支付项目0个，对下转移支付0万元。"
    )
    found = sums(text)
    assert sorted(f.data["expr"] for f in found) == ["300.20 + 0 = 300.20", "6 + 0 = 6"]
    assert all("本级项目 + 对下转移支付项目" in f.message for f in found)
    # near misses: the parts add up; only the 本级 part is listed (an open 其中)
    assert sums(text.replace("本级项目6个", "本级项目15个").replace("300.20", "420.50")) == []
    assert sums(text.split("；")[0] + "。") == []


def test_a_breakdown_across_lines_wrapped_at_the_page_width() -> None:
    # a PDF's text wrapped mid-sentence: the lines are one paragraph
    text = (
        "1.项目绩效自评总体情况:我部门及所属单位2023年度\n"
        "项目15个,项目支出总额420.50万元。其中,本级项目6个,本\n"
        "级项目支出300.20万元;对下转移支付项目0个,对下转移支付0\n"
        "万元。\n"
    )
    found = sums(text)
    assert "6 + 0 = 6" in " ".join(f.message for f in found)
    # near miss: the same figures adding up
    fine = text.replace("项目15个", "项目6个").replace("420.50", "300.20")
    assert sums(fine) == []


def test_short_lines_and_full_stops_are_not_wrapped_text() -> None:
    # cells one per line (short) and sentences ending their lines are separate paragraphs
    cells = "项目支出总额\n420.50万元\n其中本级项目\n300.20万元\n对下转移支付\n0万元\n"
    assert sums(cells) == []
    stops = (
        "我部门及所属单位2023年度共实施项目15个，项目支出总额420.50万元。\n"
        "（一）本级项目情况。本级项目6个，本级项目支出300.20万元，执行情况良好。\n"
        "（二）对下转移支付情况。对下转移支付项目0个，对下转移支付0万元，无相关支出。\n"
    )
    assert sums(stops) == []
