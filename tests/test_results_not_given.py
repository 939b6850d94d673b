"""Results that are not results (checks/actual_readings.py, reported by Q003) and an
indicator whose direction contradicts its comparator (Q110). Fragments written for the purpose,
each with near misses that must stay silent."""

from __future__ import annotations

from tests.helpers import review_text


def q(text: str, code: str) -> list:
    return list(review_text(text, select=[code]))


# ---------------------------------------------------------------- a result stated as its target

DONE = "3.满意度指标完成情况分析\n"


def test_a_completion_line_whose_only_figure_is_a_bound_is_flagged() -> None:
    found = q(DONE + "服务对象满意度:服务对象满意度≥80%。\n", "Q003")
    assert len(found) == 1 and "≥80%" in found[0].message
    assert found[0].spans[0].text == "服务对象满意度:服务对象满意度≥80%"


def test_a_numbered_line_with_its_points_whose_only_figure_is_a_bound_is_flagged() -> None:
    done = "三、绩效目标及指标完成情况(自评得分90分)\n"
    found = q(done + "4.成本指标(自评得分10分):项目成本控制率≦100%。\n", "Q003")
    assert len(found) == 1 and "100%" in found[0].message
    # near misses: a measured value after the points, a goals part
    assert q(done + "4.成本指标(自评得分10分):项目成本控制率98.5%。\n", "Q003") == []
    goals = "三、绩效目标\n4.成本指标(10分):项目成本控制率≦100%。\n"
    assert q(goals, "Q003") == []


def test_a_measured_value_a_named_target_or_a_goals_part_is_silent() -> None:
    measured = DONE + "服务对象满意度:目标≥80%,实际达95%。\n"
    named = DONE + "服务对象满意度:年度指标值≥80%。\n"
    goals = "3.满意度指标\n服务对象满意度:服务对象满意度≥80%。\n"  # targets in their place
    plain = DONE + "服务对象满意度:95%。\n"
    for text in (measured, named, goals, plain):
        assert q(text, "Q003") == [], text


def test_a_bound_cell_copied_into_the_actual_column_is_flagged() -> None:
    head = "| 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n"
    found = q(head + "| 满意度 | ≥80% | ≥80% | 10 | 10 |\n", "Q003")
    assert len(found) == 1 and found[0].spans[0].text == "≥80%"
    # near misses: a measured actual, or no actual column above
    assert q(head + "| 满意度 | ≥80% | 92% | 10 | 10 |\n", "Q003") == []
    assert q("| 满意度 | ≥80% | ≥80% | 10 |\n", "Q003") == []


# ---------------------------------------------------------------- standing duties as the actual

FORM = "年度总体目标 |\n预期目标 |\n实际完成情况 |\n|||\n目标1:全面查清全市资源利用状况。 |\n"


def test_duties_in_the_completion_cell_are_flagged() -> None:
    duties = "负责编制国土空间规划并监督实施;承担生态修复工作;负责矿产资源管理工作。 |\n"
    found = q(FORM + duties + "绩效指标 |\n", "Q003")
    assert len(found) == 1 and found[0].spans[0].text.startswith("负责编制国土空间规划")


def test_a_completion_with_figures_or_one_duty_clause_is_silent() -> None:
    figures = "负责完成调查图斑1200个;承担修复面积35亩。 |\n"
    one = "负责完成全市资源调查,形成调查报告。 |\n"
    for cell in (figures, one):
        assert q(FORM + cell + "绩效指标 |\n", "Q003") == [], cell


# ---------------------------------------------------------------- direction vs comparator


def test_a_direction_contradicting_its_comparator_is_flagged() -> None:
    per_line = "指标2:宣传美工制作个数(个) |\n正向 |\n小于等于 |\n1 |\n1 |\n个 |\n"
    piped = "| 投诉率 | 反向 | ≥ | 5 | % |\n"
    found = q(per_line, "Q110")
    assert len(found) == 1 and "宣传美工制作个数" in found[0].message
    assert len(q(piped, "Q110")) == 1


def test_matching_directions_and_prose_are_silent() -> None:
    for text in (
        "指标2:宣传美工制作个数(个) |\n正向 |\n大于等于 |\n1 |\n",
        "| 投诉率 | 反向 | 小于等于 | 5 | % |\n",
        "坚持正向激励，费用小于等于预算。\n",
        "| 指标方向 | 正向 |\n| 比较符 |\n",
    ):
        assert q(text, "Q110") == [], text


# ---------------------------------------------------------------- a character typed twice (Q111)


def test_a_terms_first_character_typed_twice_is_flagged_once_with_every_place() -> None:
    text = "提升工程支支出644.81万元，养护工程支支出20万元，完完成率100%。"
    found = q(text, "Q111")
    assert len(found) == 2
    assert "支出" in found[0].message and len(found[0].spans) == 2


def test_real_reduplications_and_words_meeting_are_silent() -> None:
    for text in (
        "谢谢各单位常常支持，人人参与。",  # real reduplicated words
        "全年收支支出平衡。",  # 收支 then 支出
        "资金已下拨拨付到位。",  # 下拨 then 拨付
        "专项项目绩效自评评价，项目目标完成。",  # 专项+项目, 自评+评价, 项目+目标: not read
        "一项项完成任务。",  # one by one
    ):
        assert q(text, "Q111") == [], text


def test_a_word_written_twice_inside_a_cited_title() -> None:
    text = (
        "按照《中央食品食品监管补助资金管理实施细则》和《关于下达中央食品食品监管补助资金的通知》。"
    )
    [f] = q(text, "Q111")
    assert [s.text for s in f.spans] == ["食品食品", "食品食品"]
    assert "应为“食品监管”" in f.message
    # outside a title (a flattened form puts equal cells side by side), a reduplicated word, a
    # word three times over, and two different words stay silent
    for quiet in (
        "社会效益显著提升显著提升10分。",
        "《其它其它其它》",
        "《中央食品药品监管补助资金管理办法》",
    ):
        assert q(quiet, "Q111") == [], quiet


# ---------------------------------------------------------------- full marks, funds not all paid (Q005)


def test_full_marks_with_a_smaller_amount_paid_than_budgeted_is_flagged() -> None:
    text = (
        "一、基本情况\n经费指标金额是110万元,实际拨付金额是108万元。\n三、结论\n项目自评分:100分\n"
    )
    found = q(text, "Q005")
    assert len(found) == 1 and "98.2%" in found[0].message


def test_full_payment_or_a_score_below_full_is_silent() -> None:
    paid = (
        "一、基本情况\n经费指标金额是110万元,实际拨付金额是110万元。\n三、结论\n项目自评分:100分\n"
    )
    lower = (
        "一、基本情况\n经费指标金额是110万元,实际拨付金额是108万元。\n三、结论\n项目自评分:96分\n"
    )
    apart = (
        "一、基本情况\n预算110万元。\n二、执行\n上年实际拨付108万元。\n三、结论\n项目自评分:100分\n"
    )
    for text in (paid, lower, apart):
        assert q(text, "Q005") == [], text


# ------------------------------------------- a form whose rows fill target and weight only

BLANK_ROWS = (
    "数量指标 | 参保宣传场次 | ≥ | 12 | 场 | 10 | | | |\n"
    "质量指标 | 经费发放准确率 | = | 100 | % | 10 | | | |\n"
    "满意度指标 | 参保人员满意度 | ≥ | 90 | % | 10 | | | |\n"
)


def test_rows_with_target_and_weight_and_blank_cells_after_are_results_not_given() -> None:
    found = q(BLANK_ROWS, "Q003")
    assert len(found) == 1
    assert found[0].spans[0].text.startswith("数量指标 | 参保宣传场次")
    assert "3 项指标只填了指标值和权重" in found[0].message


def test_blank_result_rows_near_misses() -> None:
    # one row reports its result: the blanks are single empty cells, not a form without results
    filled = BLANK_ROWS.replace("| 场 | 10 | | | |", "| 场 | 10 | 14场 | 10 | |")
    assert q(filled, "Q003") == []
    # fewer than three such rows
    assert q("\n".join(BLANK_ROWS.splitlines()[:2]) + "\n", "Q003") == []
    # rows that end at the weight: no result cells to be blank
    ended = BLANK_ROWS.replace("| 10 | | | |", "| 10 |")
    assert q(ended, "Q003") == []
