"""Readers and checks for forms met in real reports from many provinces (issue 16, numeric part).

Each case is a fragment written for the purpose, with near misses that must stay silent.
"""

from __future__ import annotations

from tests.helpers import codes, review_text

# ---- a note in parentheses between a total and its 其中 (claims/amounts.py) ------------------


def test_a_note_in_parentheses_does_not_hide_the_breakdown_after_it() -> None:
    text = (
        "系统人员编制426名(不含自收自支事业单位),其中:行政编制43名,"
        "参照公务员法管理编制7名,事业编制276名。"
    )
    assert "T001" in codes(review_text(text, select=["T"]))


def test_the_same_note_with_parts_that_add_up_is_silent() -> None:
    text = (
        "系统人员编制326名(不含自收自支事业单位),其中:行政编制43名,"
        "参照公务员法管理编制7名,事业编制276名。"
    )
    assert codes(review_text(text, select=["T"])) == []


def test_a_parenthesis_holding_parts_still_closes_its_own_breakdown() -> None:
    # "(含…)" lists a subset; the 其中 after it is not read as a second split of 17.
    text = (
        "系统由17家单位组成(含行政单位1个),其中:全额拨款单位15个,差额拨款单位1个,自收自支单位1个。"
    )
    assert codes(review_text(text, select=["T"])) == []


# ---- 分值 | 扣分 | 得分 tables (checks/deductions.py) -------------------------------------------

_HEAD = "表1:得分明细表\n序号 | 一级指标 | 分 值 | 扣 分 | 得 分 | 评价等级 |\n"


def test_a_score_that_is_not_weight_minus_deduction_is_an_error() -> None:
    text = _HEAD + "1 | 运行成本 | 8 | 2 | 5 | 优 |\n2 | 管理效率 | 22 | 2.15 | 19.85 | |\n"
    found = review_text(text, select=["S012"])
    assert codes(found) == ["S012"]
    assert "8 − 扣分 2 = 6" in found[0].message and "得分 5" in found[0].message


def test_rows_where_the_three_columns_agree_are_silent() -> None:
    text = _HEAD + "1 | 运行成本 | 8 | 2 | 6 | 优 |\n2 | 管理效率 | 22 | 2.15 | 19.85 | |\n"
    assert codes(review_text(text, select=["S012", "S013"])) == []


def test_rows_that_hold_are_verified_in_the_ledger() -> None:
    from reviewer.engine import check_text

    text = _HEAD + "1 | 运行成本 | 8 | 2 | 6 | 优 |\n2 | 管理效率 | 22 | 2.15 | 19.85 | |\n"
    status = {f.text: f.status for f in check_text(text).figures or []}
    assert status["8"] == status["6"] == status["19.85"] == "verified"
    # near miss: a row that does not hold is a mismatch, not verified
    status = {f.text: f.status for f in check_text(text.replace("| 6 |", "| 5 |")).figures or []}
    assert status["5"] == "mismatch"


def test_a_table_without_a_deduction_column_is_not_read_as_one() -> None:
    text = "序号 | 一级指标 | 分值 | 得分 | 扣分原因 |\n1 | 运行成本 | 8 | 5 | 资金闲置 |\n"
    assert codes(review_text(text, select=["S012", "S013"])) == []


def test_the_deduction_total_row_is_checked_against_the_rows() -> None:
    rows = "决策 | 20 | 1 | 19\n过程 | 30 | 2 | 28\n产出 | 50 | 3 | 47\n"
    bad = review_text(
        "指标 | 分值 | 扣分 | 得分\n" + rows + "合计 | 100 | 7 | 93\n", select=["S013"]
    )
    good = review_text(
        "指标 | 分值 | 扣分 | 得分\n" + rows + "合计 | 100 | 6 | 94\n", select=["S013"]
    )
    assert codes(bad) == ["S013"] and codes(good) == []


# ---- spaced headers and a table cut short of the dimensions announced (claims/scores.py) -----

_ANNOUNCED = (
    "二、绩效评价分数与等级\n从运行成本、管理效率、履职效能、社会效应、可持续发展能力和满意度"
    "六个维度进行了绩效评价,考评得分为90.35分。\n"
)
_FOUR_ROWS = (
    "1 | 运行成本 | 8 | 2 | 6 | 优 |\n2 | 管理效率 | 22 | 2.15 | 19.85 | |\n"
    "3 | 履职效能 | 43 | 2 | 41 | |\n4 | 社会效应 | 17 | 3.5 | 13.5 | |\n"
)


def test_a_spaced_header_is_a_score_table_so_the_score_is_supported() -> None:
    found = review_text(_ANNOUNCED + _HEAD + _FOUR_ROWS)
    assert "Q004" not in codes(found)


def test_a_table_with_fewer_rows_than_announced_dimensions_is_not_summed() -> None:
    found = review_text(_ANNOUNCED + _HEAD + _FOUR_ROWS, select=["S001", "S002"])
    assert codes(found) == []


def test_the_same_table_without_the_announcement_is_summed() -> None:
    text = "二、绩效评价分数与等级\n考评得分为90.35分。\n" + _HEAD + _FOUR_ROWS
    assert "S001" in codes(review_text(text, select=["S001"]))


# ---- rates beside their amounts, changes against the budget (checks/rates_local.py) ---------


def _r(text: str, code: str) -> list[str]:
    return [f.message for f in review_text(text, select=[code])]


def test_a_progress_rate_is_recomputed_from_the_two_amounts_before_it() -> None:
    text = (
        "我院共有3个支出项目。其中，法院执行年初预算数6万元，年末结算支出6万元，"
        "项目资金支出进度比率为120%；案件审判411.95万元，年末结算支出411.95万元，"
        "项目资金支出进度比率为100%。"
    )
    found = _r(text, "R022")
    assert len(found) == 1 and "120%" in found[0] and "= 100%" in found[0]


def test_a_progress_rate_is_silent_when_it_holds_rounded_or_capped() -> None:
    assert _r("项目预算数60万元，实际支出59.35万元，支出进度比率为98.9%。", "R022") == []
    assert _r("项目预算数60万元，实际支出61万元，支出进度比率为100%。", "R022") == []


def test_a_progress_rate_needs_a_base_then_a_spent_amount() -> None:
    # Two amounts spent (no base), a remainder, a target, or three amounts: nothing is judged.
    assert _r("已拨付6万元，年末结算支出5万元，支出进度比率为100%。", "R022") == []
    assert _r("预算数6万元，结余资金1万元，支出进度比率为100%。", "R022") == []
    assert _r("预算数6万元，计划支出5万元，目标支出进度比率为100%。", "R022") == []
    assert _r("预算数6万元，追加2万元，支出5万元，支出进度比率为100%。", "R022") == []


def test_an_execution_rate_is_left_to_r001() -> None:
    found = review_text("该项目预算数50万元，执行数49.25万元，执行率为96.5%。", select=["R"])
    assert [f.code for f in found] == ["R001"]


_BUDGET = "2024年部门预算支出27,360.5万元。"


def test_a_change_against_the_budget_is_recomputed() -> None:
    found = review_text(_BUDGET + "2024年实际支出37,124.2万元，比预算增加30%。", select=["R023"])
    assert [f.severity.value for f in found] == ["warning"]
    assert "35.69%" in found[0].message


def test_a_truncated_change_against_the_budget_is_an_info_note() -> None:
    found = review_text(_BUDGET + "2024年实际支出37,124.2万元，比预算增加35%。", select=["R023"])
    assert [f.severity.value for f in found] == ["info"]
    assert "36%" in found[0].message


def test_a_change_against_the_budget_that_rounds_right_is_silent() -> None:
    assert _r(_BUDGET + "2024年实际支出37,124.2万元，比预算增加36%。", "R023") == []
    assert _r(_BUDGET + "2024年实际支出37,124.2万元，比预算增加35.69%。", "R023") == []


def test_a_change_against_a_budget_of_the_other_side_is_not_judged() -> None:
    # The only budget is an income one: spending is not compared with it.
    text = "2024年部门预算收入27,360.5万元。2024年实际支出37,124.2万元，比预算增加30%。"
    assert _r(text, "R023") == []


# ---- a quota and a head count written one cell per line (checks/staff.py) --------------------


def test_staff_above_quota_in_a_form_written_one_cell_per_line() -> None:
    text = "单位名称\n\n某镇人民政府\n\n人员编制\n\n128\n\n实有人数\n\n185\n\n职能职责概述\n"
    found = review_text(text, select=["C002"])
    assert [f.code for f in found] == ["C002"] and "185" in found[0].message


def test_staff_within_quota_one_cell_per_line_is_silent() -> None:
    text = "人员编制\n\n128\n\n实有人数\n\n120\n"
    assert review_text(text, select=["C002"]) == []


def test_a_label_without_its_own_figure_is_not_paired() -> None:
    # The figure after 人员编制 is missing: 185 is no quota's count.
    text = "人员编制\n\n实有人数\n\n185\n\n编制数\n\n说明\n\n128\n"
    assert review_text(text, select=["C002"]) == []


# ---- a part's grade against its score rate (checks/section_grades.py) ------------------------

_RESULT = "绩效评价结果\n一级指标 | 分值 | 得分 | 等级 |\n决策 | 15.00 | 15.00 | 优 |\n"


def test_a_part_graded_above_its_score_rate_is_flagged() -> None:
    found = review_text(_RESULT + "过程 | 55.00 | 49.04 | 优 |\n", select=["S014"])
    assert len(found) == 1 and "89.16%" in found[0].message and "“良”" in found[0].message


def test_a_part_graded_on_its_score_rate_is_silent() -> None:
    assert review_text(_RESULT + "过程 | 55.00 | 49.04 | 良 |\n", select=["S014"]) == []
    assert review_text(_RESULT + "过程 | 55.00 | 49.50 | 优 |\n", select=["S014"]) == []


def test_the_reports_own_bands_decide_the_grade() -> None:
    # With 优 from 85, 49.04 of 55 (89.16 %) is 优.
    note = "注:优(≥85)\n良(≥75,<85)\n中(≥60,<75)\n差(<60)\n"
    assert review_text(_RESULT + "过程 | 55.00 | 49.04 | 优 |\n" + note, select=["S014"]) == []


def test_the_whole_and_percent_cells_are_not_parts() -> None:
    # 100 is the whole (S004's); percentages are no weight and score.
    assert review_text(_RESULT + "合计 | 100.00 | 89.00 | 优 |\n", select=["S014"]) == []
    assert review_text("指标 | 95% | 90% | 优 |\n", select=["S014"]) == []


# ---- a form's weights against 100 (checks/form_weights.py) -----------------------------------

_FORM = (
    "财政项目支出绩效自评表\n项目资金(万元) 年初预算数全年预算数全年执行数分值执行率得分\n"
    "年度资金总额100.00100.00100.0010100.0%10\n"
    "绩效指标一级指标二级指标三级指标年度指标值实际完成值分值得分偏差原因分析及改进措施\n"
    "产出指标数量指标项目计划完成率100%100%{w}{w}\n资金到位率100%100%1010\n"
    "质量指标项目一次验收合格率100%80%1111管理不够到位\n时效指标项目完成及时性及时较及时77\n"
)


def test_form_weights_short_of_100_are_flagged_with_the_funds_row() -> None:
    found = review_text(_FORM.format(w=45) + "总分:83", select=["S015"])
    assert len(found) == 1 and "10 + 45 + 10 + 11 + 7 = 83" in found[0].message


def test_form_weights_of_100_are_silent() -> None:
    assert review_text(_FORM.format(w=62) + "总分:100", select=["S015"]) == []


def test_a_form_without_its_total_row_may_be_cut_and_is_not_summed() -> None:
    assert review_text(_FORM.format(w=45), select=["S015"]) == []


def test_a_funds_row_below_100_percent_leaves_its_weight_unknown() -> None:
    text = _FORM.format(w=45).replace("10100.0%10", "1090.0%9") + "总分:82"
    assert review_text(text, select=["S015"]) == []


# ---- a share that names its base (checks/shares_named.py) ------------------------------------


def test_a_share_of_a_named_base_is_recomputed() -> None:
    text = "本单位年末实际在职人员为136人,占编委核定的落实编制数143人的比率为59.10%."
    found = review_text(text, select=["P002"])
    assert len(found) == 1 and "136人 ÷ 143人 = 95.1%" in found[0].message


def test_a_share_of_a_named_base_that_holds_is_silent() -> None:
    assert review_text("在职人员136人，占核定编制数143人的比率为95.10%。", select=["P002"]) == []
    assert review_text("在职人员136人，占核定编制数143人的95.1%。", select=["P002"]) == []
    # Amounts carry their rounding: 1.5 / 2.6 is anywhere from 55.1 % to 61.2 %.
    assert review_text("项目支出1.5万元，占预算2.6万元的比例为60%。", select=["P002"]) == []


def test_a_percentage_that_is_not_the_shares_closing_figure_is_not_read() -> None:
    # A growth rate after the base, or figures of different kinds, are no share.
    assert review_text("在职人员136人，占编制数143人，比上年增长5%。", select=["P002"]) == []
    assert review_text("培训136人次，占经费143万元的50%。", select=["P002"]) == []


# ---- one item's amount given twice (checks/item_twice.py) ------------------------------------

_SPLIT = "2.项目支出2604.1万元，其中：案件审判414.35万元；其他法院支出2189.75万元。\n"


def test_an_item_of_a_breakdown_named_again_with_another_amount_is_flagged() -> None:
    text = _SPLIT + "1.3部门项目实施情况\n案件审判411.95万元，年末结算支出411.95万元。\n"
    found = review_text(text, select=["D005"])
    assert len(found) == 1 and "411.95万元" in found[0].message and "414.35万元" in found[0].message


def test_the_same_amount_again_is_silent() -> None:
    text = _SPLIT + "1.3部门项目实施情况\n案件审判414.35万元，年末结算支出414.35万元。\n"
    assert review_text(text, select=["D005"]) == []


def test_two_allocations_of_one_item_are_not_a_contradiction() -> None:
    # Both mentions are parts of two different allocations (two documents' funds).
    text = (
        "下达资金2263万元。其中:中小河流治理工程1435万元,小流域综合治理828万元。\n"
        "下达资金791万元。其中:中小河流治理工程491万元,小流域综合治理300万元。\n"
    )
    assert review_text(text, select=["D005"]) == []


def test_two_breakdowns_are_two_allocations_even_when_one_total_is_hidden() -> None:
    # The first document's total is masked by the page, so only the second breakdown is read
    # as a tree; both sentences still list parts after 其中: two allocations of one item.
    text = (
        "根据某文件，下达资金 点击查看>> 万元，其中：管护补助7.36万元，造林补助2.35万元。\n"
        "根据另一文件，下达资金4.77万元，其中：造林补助2.42万元，抚育补助2.35万元。\n"
    )
    assert review_text(text, select=["D005"]) == []


def test_two_batches_or_two_documents_are_two_allocations() -> None:
    batches = (
        "第一批下达资金2263万元。其中:中小河流治理工程1435万元,小流域综合治理828万元。\n"
        "第二批到位后，中小河流治理工程491万元。\n"
    )
    documents = (
        "依据财农〔2021〕12号，下达资金2263万元。其中:中小河流治理工程1435万元,"
        "小流域综合治理828万元。\n依据财农〔2021〕45号，中小河流治理工程491万元。\n"
    )
    assert review_text(batches, select=["D005"]) == []
    assert review_text(documents, select=["D005"]) == []


def test_one_breakdown_and_a_plain_restatement_in_the_same_scope_is_still_flagged() -> None:
    # Near miss: the same document (or none) on both sides, the second mention no breakdown.
    same_doc = (
        "依据财农〔2021〕12号，下达资金2263万元。其中:中小河流治理工程1435万元,"
        "小流域综合治理828万元。\n依据财农〔2021〕12号，中小河流治理工程1453万元。\n"
    )
    assert "D005" in codes(review_text(same_doc, select=["D005"]))


def test_another_year_or_a_comparison_is_not_a_contradiction() -> None:
    last_year = _SPLIT + "2023年案件审判411.95万元。\n"
    compared = _SPLIT + "案件审判411.95万元，较上年有所增加。\n"
    assert review_text("2024年" + last_year, select=["D005"]) == []
    assert review_text(compared, select=["D005"]) == []


# ---- a group cell's weight in ragged | rows (checks/group_weights.py) ------------------------

_GROUPS = (
    "序号 | 二级指标 | 三级指标 | 分值 | 得分 |\n"
    "1 | 工作计划 (6分) | 计划完整性 | 3 | 3 |\n2 | 计划明确性 | {w} | {w} |\n"
    "3 | 绩效目标 ({g}分) | 目标合理性 | 4 | 4 |\n4 | 目标明确性 | 2 | 2 |\n"
)


def test_a_group_closed_by_the_next_group_is_checked_against_its_rows() -> None:
    found = review_text(_GROUPS.format(w=2, g=6), select=["S016"])
    assert len(found) == 1 and "3 + 2 = 5" in found[0].message


def test_groups_whose_rows_add_up_are_silent() -> None:
    assert review_text(_GROUPS.format(w=3, g=6), select=["S016"]) == []


def test_the_last_group_may_be_cut_so_only_an_excess_is_flagged() -> None:
    # 4 + 2 = 6 rows under a 9-point group at the end of the table: more rows may follow.
    assert review_text(_GROUPS.format(w=3, g=9), select=["S016"]) == []
    found = review_text(_GROUPS.format(w=3, g=1), select=["S016"])
    assert len(found) == 1 and "4 + 2 = 6" in found[0].message


def test_a_nested_group_in_another_cell_position_leaves_the_outer_one_unjudged() -> None:
    text = "1 | 规划 (15分) | 基础信息 (3分) | 完整性 | 3 | 3 |\n2 | 计划 | 2 | 2 |\n"
    assert review_text(text, select=["S016"]) == []


def test_a_grade_in_a_table_of_targets_and_actuals_is_not_a_score_rate() -> None:
    text = "绩效指标完成情况\n指标 | 目标值 | 实际值 | 评价 |\n培训人数 | 50 | 42 | 优 |\n"
    assert review_text(text, select=["S014"]) == []


def test_a_grade_in_a_table_that_does_not_say_it_holds_scores_is_not_read() -> None:
    assert review_text("项目 | 50 | 42 | 优 |\n", select=["S014"]) == []


def test_a_section_cells_rows_are_summed_under_a_spaced_weight_header() -> None:
    head = "| 一级指标 | 三级指标 | 分 值 | 得 分 |\n|---|---|---|---|\n"
    rows = "| 产出指标(50分) | 数量 | 20 | 20 |\n| | 质量 | 20 | 20 |\n| 效益指标(30分) | 效益 | 30 | 30 |\n"
    assert [f.code for f in review_text(head + rows, select=["S011"])] == ["S011"]
    fixed = rows.replace("| 数量 | 20 | 20 |", "| 数量 | 30 | 30 |")
    assert review_text(head + fixed, select=["S011"]) == []
