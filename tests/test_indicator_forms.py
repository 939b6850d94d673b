"""The indicator block of a self-evaluation form, read in every flattened layout, and the checks
on its rows (targets vs actuals, the proportional score, glued weight and score)."""

from __future__ import annotations

import pytest

from reviewer.checks.registry import RULES, load_all
from reviewer.claims.indicator_forms import FormRow, form_rows
from reviewer.claims.indicators import GE, pairs
from reviewer.document import Document
from reviewer.models import Severity
from tests.helpers import review_text

load_all()


def _codes(text: str, select: list[str]) -> list[str]:
    return [f.code for f in review_text(text, select=select)]


def _rows(text: str) -> dict[str, FormRow]:
    return {r.name: r for r in form_rows(Document(text=text))}


def _fig(row: FormRow, col: str) -> str | None:
    v = getattr(row, col)
    return None if v is None else f"{v.quantity.value}{v.quantity.unit}"


# ---- pipe rows from merged cells ----------------------------------------------------------------

PIPE = (
    "一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n"
    "产出指标 | 数量指标 | 改造农村公路 | ≥50公里 | 52公里 | 10 | 10 |\n"
    "| | 新建候车亭 | 30个 | 24个 | 10 | 8 |\n"
    "| 质量指标 | 工程验收合格率 | 100% | 100% | 10 | 10 |\n"
    "效益指标 | 社会效益 | 群众出行条件 | 明显改善 | 明显改善 | 10 | 10 |\n"
)


def test_pipe_rows_with_merged_leading_cells_are_read() -> None:
    rows = _rows(PIPE)
    assert set(rows) == {"改造农村公路", "新建候车亭", "工程验收合格率", "群众出行条件"}
    assert rows["群众出行条件"].target is None  # qualitative: read as words, not figures
    road = rows["改造农村公路"]
    assert road.target is not None and road.target.comparator == GE
    assert (_fig(road, "target"), _fig(road, "actual")) == ("50公里", "52公里")
    assert (_fig(rows["新建候车亭"], "weight"), _fig(rows["新建候车亭"], "score")) == ("10", "8")


def test_pipe_rows_pair_within_their_row_and_a_miss_is_reported() -> None:
    doc = Document(text=PIPE)
    assert len(pairs(doc)) == 3
    found = review_text(PIPE, select=["G001"])
    assert [f.code for f in found] == ["G001"]
    assert "新建候车亭" in found[0].message  # 24 of 30; the met rows stay silent


# ---- one cell per line --------------------------------------------------------------------------

CELLS_SPACED = (
    "一级指标\n\n二级指标\n\n三级指标\n\n年度\n\n指标值\n\n实际\n\n完成值\n\n分值\n\n得分\n\n"
    "偏差原因分析及改进措施\n\n产出指标\n\n数量指标\n\n指标1培训人次\n\n1200\n\n1100\n\n20\n\n18\n\n"
    "部分学员未到\n\n指标2\n\n \n\n \n\n \n\n \n\n……\n\n"
    "指标3发放手册\n\n500\n\n500\n\n10\n\n10\n\n \n"
)


def test_double_spaced_cells_with_a_header_split_over_lines() -> None:
    rows = _rows(CELLS_SPACED)
    assert set(rows) == {"培训人次", "发放手册"}  # numbering cut off; the blank 指标2 is no row
    r = rows["培训人次"]
    assert [_fig(r, c) for c in ("target", "actual", "weight", "score")] == [
        "1200",
        "1100",
        "20",
        "18",
    ]
    assert _codes(CELLS_SPACED, ["G001"]) == ["G001"]


CELLS_PIPED = (
    "三级指标 |\n指标性质 |\n指标值 |\n度量单位 |\n完成值 |\n权重 |\n得分 |\n未完成原因分析 |\n"
    "产出指标 |\n数量指标 |\n政策知晓率 |\n═ |\n100 |\n% |\n98% |\n10 |\n9 |\n|\n"
    "补助发放人数 |\n≧ |\n735 |\n人次 |\n735 |\n10 |\n10 |\n|\n"
    "资金到位及时率 |\n≧ |\n100 |\n% |\n|\n10 |\n|\n|\n"
    "合计 |\n100 |\n"
)


def test_cells_closed_by_pipes_fold_a_comparator_and_unit_cell_into_the_value() -> None:
    rows = _rows(CELLS_PIPED)
    know = rows["政策知晓率"]
    assert know.target is not None and know.target.comparator == "="  # ═ read as =
    assert _fig(know, "target") == "100%"
    people = rows["补助发放人数"]
    assert people.target is not None and people.target.comparator == GE  # ≧ read as ≥
    assert _fig(people, "actual") == "735人次"  # the 度量单位 cell applies to the actual
    blank = rows["资金到位及时率"]
    assert blank.actual is None and blank.score is None and _fig(blank, "weight") == "10"
    assert _codes(CELLS_PIPED, ["G001"]) == ["G001"]  # 98% of =100%; 735 meets ≥735


# ---- cells run together on one line --------------------------------------------------------------

RUN = (
    "项目支出绩效自评表 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 "
    "产出指标 数量指标 指标1:入户随访人数 3807人 3224人 2 1.9 "
    "指标2:疫苗接种率 100.00% 97.30% 2 1.9 "
    "指标3:建档人数 221人 221人 2 2 "
    "指标4:健康讲座 不少于12 次 14次 1 1 "
    "指标5:家庭医生签约人数 指标6:宣传活动 14次 14次 2 2 24694人 22584人 2 1.7\n"
)


def test_run_together_rows_are_read_when_their_figures_fill_every_column() -> None:
    rows = _rows(RUN)
    assert {"入户随访人数", "疫苗接种率", "建档人数", "健康讲座"} <= set(rows)
    assert _fig(rows["健康讲座"], "target") == "12次"  # 不少于12 + the unit token
    assert rows["健康讲座"].target.comparator == GE  # type: ignore[union-attr]


def test_a_run_together_row_with_too_many_figures_is_left_out() -> None:
    rows = _rows(RUN)
    # 14次 14次 2 2 24694人 22584人 2 1.7: two rows' figures after one name; never split
    assert "宣传活动" not in rows and "家庭医生签约人数" not in rows


# ---- the proportional score (S006) -----------------------------------------------------------------


def test_score_above_its_proportional_value_is_a_warning_showing_the_computation() -> None:
    found = review_text(RUN, select=["S006"])
    assert len(found) == 1  # 入户随访人数 only
    f = found[0]
    assert f.severity == Severity.WARNING
    assert "2 × 3224人 ÷ 3807人 = 1.69" in f.message and "1.9" in f.message


def test_score_within_rounding_of_its_proportional_value_is_silent() -> None:
    # 2 × 97.3% = 1.946, written 1.9: not above
    text = RUN.replace("指标1:入户随访人数 3807人 3224人 2 1.9 ", "")
    assert _codes(text, ["S006"]) == []


def test_lower_is_better_scores_by_the_inverse_ratio() -> None:
    rows = (
        "| 成本指标 | 每户运维成本 | ≤200元 | 250元 | 10 | 10 |\n"  # a miss in full: G005
        "| | 每户管理费用 | ≤200元 | 250元 | 10 | 9 |\n"  # 10 × 200 ÷ 250 = 8 < 9
        "| | 每户保洁费用 | ≤200元 | 250元 | 10 | 8 |\n"  # exactly 8: silent
    )
    found = review_text(PIPE + rows, select=["S006", "G005"])
    assert sorted(f.code for f in found) == ["G005", "S006"]
    s006 = next(f for f in found if f.code == "S006")
    assert "每户管理费用" in s006.message and "10 × ≤200元 ÷ 250元 = 8" in s006.message


def test_a_score_above_the_weight_is_one_finding_s003_not_also_a_formula_one() -> None:
    # 93% against ≥90% earns the full 10 by any formula: the fault is 11 > 10, told by S003.
    row = "| 满意度指标 | 受益群众满意度 | ≥90% | 93% | 10 | 11 |\n"
    assert _codes(PIPE + row, ["S003", "S006"]) == ["S003"]
    # Within the weight, a score above its proportion is still S006 (10 × 80% = 8 < 9).
    row = "| 满意度指标 | 受益群众满意度 | ≥90% | 72% | 10 | 9 |\n"
    assert _codes(PIPE + row, ["S003", "S006"]) == ["S006"]


# ---- cells glued with no separator -----------------------------------------------------------------

GLUED = (
    "绩效指标一级指标二级指标三级指标年度指标值实际完成值分值得分偏差原因分析及改进措施\n"
    "产出指标数量指标道路保洁覆盖率100%100%1515\n"
    "质量指标项目一次验收合格率100%80%1111管理不够到位\n"
    "时效指标完成及时性及时较及时77\n"
    "成本指标工程资金金额43.237.241010\n"
    "总分:83\n"
)


def test_glued_target_and_actual_are_read_when_each_ends_in_a_unit() -> None:
    rows = _rows(GLUED)
    r = rows["项目一次验收合格率"]
    assert (_fig(r, "target"), _fig(r, "actual")) == ("100%", "80%")
    assert r.weight is None and r.score is None and r.hidden == "1111"  # never split
    assert "工程资金金额" not in rows  # 43.237.24…: no unit to tell the figures apart
    found = review_text(GLUED, select=["G001"])
    assert [("合格率" in f.message, "较及时" in f.message) for f in found] == [
        (True, False),
        (False, True),
    ]


def test_glued_weight_and_score_are_reported_once_as_unchecked() -> None:
    found = review_text(GLUED, select=["S007", "G005", "S006"])
    assert [f.code for f in found] == ["S007"]
    assert found[0].severity == Severity.INFO
    assert "1111" in found[0].message


def test_separated_weight_and_score_are_read_not_reported_as_glued() -> None:
    text = (
        GLUED.split("\n")[0] + "\n质量指标 项目一次验收合格率 100% 80% 11 9 管理不够到位\n总分:83\n"
    )
    assert _fig(_rows(text)["项目一次验收合格率"], "score") == "9"
    assert _codes(text, ["S007", "S006"]) == []  # 11 × 80% = 8.8, scored 9: within rounding


# ---- missed target scored in full (G005) on a form row ---------------------------------------------


def test_missed_target_scored_in_full_on_a_ragged_row() -> None:
    row = "| | 新建公厕 | 20座 | 16座 | 10 | 10 |\n"
    found = review_text(PIPE + row, select=["G005"])
    assert len(found) == 1 and "新建公厕" in found[0].message
    assert _codes(PIPE, ["G005"]) == []  # 24 of 30 scored 8: not full marks


def test_prose_without_a_form_header_is_no_form() -> None:
    text = "本年度目标值为50个，实际完成值52个，分值10分，得分10分。\n"
    assert form_rows(Document(text=text)) == []


@pytest.mark.parametrize("code", ["S006", "S007"])
def test_rule_example_fires_and_counterexample_does_not(code: str) -> None:
    r = RULES[code]
    assert code in _codes(r.example, [code])
    assert r.counterexample and code not in _codes(r.counterexample, [code])


# ---- qualitative rows ---------------------------------------------------------------------------

QUAL_RUN = (
    "绩效指标 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施 "
    "效益指标(30分) 社会效益指标 群众办事便利程度 效果明显 达成预期指标 10 10 "
    "满意度指标 服务对象满意度指标 窗口服务评价 好 好 10 10\n"
)


def test_a_qualitative_row_is_read_when_three_text_cells_precede_weight_and_score() -> None:
    rows = _rows(QUAL_RUN)
    r = rows["群众办事便利程度"]  # the 效益指标(30分) and 社会效益指标 labels are no cells of it
    assert r.target_text is not None and r.target_text.text == "效果明显"
    assert r.actual_text is not None and r.actual_text.text == "达成预期指标"


def test_a_direction_word_as_a_target_cell_is_one_vague_target_finding() -> None:
    text = QUAL_RUN.replace(
        "满意度指标", "生态效益指标 周边环境影响程度 效果明显 达成预期指标 10 10 满意度指标"
    )
    found = review_text(text, select=["Q001"])
    assert len(found) == 1 and len(found[0].spans) == 2  # one per form, every cell a span
    assert "效果明显" in found[0].message


def test_a_grade_word_as_a_target_cell_is_not_vague() -> None:
    text = QUAL_RUN.replace("效果明显", "便利")
    assert _codes(text, ["Q001"]) == []  # 好 / 便利: a qualitative grade, scored in bands


def test_an_actual_one_grade_below_its_target_is_a_missed_target() -> None:
    cells = PIPE.replace("| 明显改善 | 明显改善 |", "| 及时 | 较及时 |")
    found = review_text(cells, select=["G001"])
    assert any("较及时" in f.message for f in found)
    assert not any("较及时" in f.message for f in review_text(PIPE, select=["G001"]))


def test_a_glued_qualitative_row_splits_only_on_target_then_lower_grade_target() -> None:
    rows = _rows(GLUED)
    r = rows["完成及时性"]
    assert (r.target_text and r.target_text.text, r.actual_text and r.actual_text.text) == (
        "及时",
        "较及时",
    )
    text = GLUED.replace("完成及时性及时较及时77", "档案管理有效性有效有效55")
    assert not any(r.target_text for r in form_rows(Document(text=text)))


def test_a_score_above_its_weight_in_a_ragged_row_is_an_error() -> None:
    row = "| | 新建公厕 | 20座 | 20座 | 10 | 12 |\n"
    found = review_text(PIPE + row, select=["S003"])
    assert len(found) == 1 and "新建公厕" in found[0].message
    assert found[0].severity == Severity.ERROR
    assert _codes(PIPE, ["S003"]) == []  # every score within its weight


def test_run_together_rows_that_cannot_be_split_are_reported_once_as_unchecked() -> None:
    found = review_text(RUN, select=["S007"])
    assert len(found) == 1 and found[0].severity == Severity.INFO
    assert "24694人 22584人" in found[0].message  # named, not split
    text = RUN.replace(
        "指标5:家庭医生签约人数 指标6:宣传活动 14次 14次 2 2 24694人 22584人 2 1.7", ""
    )
    assert _codes(text, ["S007"]) == []


def test_a_nature_cell_between_name_and_target_is_not_the_name() -> None:
    text = (
        "一级指标 | 二级指标 | 三级指标 | 指标性质 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n"
        "产出指标 | 数量指标 | 培训人数 | 正向指标 | 100人 | 98人 | 10 | 9 |\n"
        "| 成本指标 | 人均培训成本 | 反向指标 | 500元 | 520元 | 10 | 9 |\n"
    )
    rows = _rows(text)
    assert set(rows) == {"培训人数", "人均培训成本"}
    assert rows["人均培训成本"].target.comparator == "<="  # type: ignore[union-attr]
    found = review_text(text, select=["G001"])
    assert len(found) == 2 and "人均培训成本" in found[1].message  # 520元 above ≤500元


def test_a_worded_actual_before_figures_is_never_taken_for_a_name() -> None:
    text = (
        "一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 完成值 | 权重 | 得分 |\n"
        "产出指标 | 成本指标 | 设备采购成本 | ≤ | 30 | 万元 | 完成 | 90 | 90 |\n"
        "| 质量指标 | 通过专家评审 | 通过 | 通过 | 10 |\n"
    )
    assert form_rows(Document(text=text)) == []  # 完成 / 通过 are values, 90 and 10 scores


def test_a_weight_column_before_the_target_is_read_in_header_order() -> None:
    text = (
        "一级指标 | 二级指标 | 三级指标 | 分值 | 年度指标值 | 全年实际值 | 得分 |\n"
        "产出指标 | 数量指标 | 安装水位标尺 | 10 | 100 | 98 | 9 |\n"
    )
    r = _rows(text)["安装水位标尺"]
    assert [_fig(r, c) for c in ("weight", "target", "actual", "score")] == ["10", "100", "98", "9"]


def test_cells_opened_by_a_pipe_with_a_cell_broken_over_two_lines() -> None:
    text = (
        "| 一级指标\n| 二级指标\n| 三级指标\n| 年度指标值\n| 实际完成值\n| 分值\n| 得分\n"
        "| 效益指标\n| 社会效益\n       指标\n| 群众知晓率\n| ≥90%\n| 85%\n| 10\n| 9\n"
        "| 满意度指标\n| 服务对象满意度\n| ≥95%\n| 96%\n| 10\n| 10\n"
    )
    rows = _rows(text)
    assert set(rows) == {"群众知晓率", "服务对象满意度"}
    assert _codes(text, ["G001"]) == ["G001"]  # 85% < 90%; 96% meets 95%


def test_an_impossible_target_in_a_form_row_is_found() -> None:
    row = "| 时效指标 | 工程完工及时率 | ≥105% | 100% | 10 | 10 |\n"
    assert _codes(PIPE + row, ["G002"]) == ["G002"]
    assert _codes(PIPE, ["G002"]) == []


# ---- the form's total score (S001) ----------------------------------------------------------------

TOTAL = (
    "项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n"
    "年度资金总额 | 100 | 100 | 100 | 10 | 100% | 10 |\n"
    "其中：本年财政拨款 | 100 | 100 | 100 |\n"
    "绩效指标 | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n"
    "| 产出指标 | 数量指标 | 改造农村公路 | ≥50公里 | 52公里 | 50 | 50 |\n"
    "| 效益指标 | 社会效益指标 | 受益群众人数 | ≥3000人 | 3100人 | 30 | 30 |\n"
    "| 满意度指标 | 服务对象满意度指标 | 群众满意度 | ≥90% | 95% | 10 | 10 |\n"
    "总分 | 100 | {total} |\n"
)


def test_a_form_total_that_is_not_the_sum_of_its_scores_is_an_error() -> None:
    found = review_text(TOTAL.format(total="95"), select=["S001"])
    assert len(found) == 1 and found[0].severity == Severity.ERROR
    assert "10 + 50 + 30 + 10 = 100" in found[0].message  # the funds score counts


def test_a_form_total_that_adds_up_is_silent() -> None:
    assert _codes(TOTAL.format(total="100"), ["S001"]) == []


def test_a_form_whose_weights_do_not_add_up_is_not_summed() -> None:
    # a row the reader could not take (qualitative, shifted) would be missing from the sum
    text = TOTAL.format(total="95").replace("| 30 | 30 |", "| 20 | 20 |")
    assert _codes(text, ["S001"]) == []


# ---- one cell per line, the indicator's name printed again before its actual ---------------------

REPEATED = (
    "一级指标\n\n二级指标\n\n三级指标\n\n年度指标值\n\n全年完成值\n\n未完成原因和改进措施\n\n"
    "产出指标\n\n数量指标\n\n建设空气质量监测子站\n\n11个\n\n{again}\n\n{actual}\n\n"
    "建设内容经批准调整，年底取得初步设计批复\n"
)


def test_a_name_printed_again_in_its_row_is_no_new_row() -> None:
    text = REPEATED.format(again="建设空气质量监测子站", actual="0")
    row = _rows(text)["建设空气质量监测子站"]
    assert (_fig(row, "target"), _fig(row, "actual")) == ("11个", "0个")
    found = review_text(text, select=["G001"])
    assert [f.code for f in found] == ["G001"] and "目标 11个，实际 0个" in found[0].message
    assert _codes(REPEATED.format(again="建设空气质量监测子站", actual="11"), ["G"]) == []


def test_another_name_after_a_target_starts_another_row() -> None:
    # Near miss: a different text cell is the name of the next row; the lone figure after it
    # may be a score, so neither row is read.
    text = REPEATED.format(again="改造监测平台", actual="0")
    assert _rows(text) == {}
    assert _codes(text, ["G"]) == []
