"""Targets vs actuals: G001 target-not-met, G002 impossible-target, G003 weak-target,
G004 score-vs-unmet-targets, G006 rate-above-100."""

from __future__ import annotations

from reviewer.models import Severity
from tests.helpers import codes, review_text

REPORT = """一、部门年度绩效目标
医保参保率，司法调解率均≥90%。禁毒宣传活动发放资料超过2000份。秀美乡村排名全县前10。
满意度在90%以上。
二、绩效评价工作情况
部门整体绩效自评分为95.29分。
三、部门整体支出绩效情况
司法调解率为95%，医保参保率为80%。禁毒宣传活动发放资料1500份。满意度93%。
积极响应秀美乡村建设号召，但在全县排名中未能靠前。
"""


def g(text: str, code: str):
    return [f for f in review_text(text, select=[code]) if f.code == code]


# ---------------------------------------------------------------- G001 target-not-met


def test_missed_targets_are_reported_at_the_actual_with_the_target_as_evidence():
    found = g(REPORT, "G001")
    quoted = [f.spans[0].text for f in found]
    assert quoted == ["医保参保率为80%", "禁毒宣传活动发放资料1500份", "但在全县排名中未能靠前"]
    first = found[0]
    assert first.severity == Severity.WARNING and first.kind == "target_not_met"
    assert "≥90%" in first.message and "80%" in first.message
    assert "医保参保率" in first.spans[1].text


def test_met_targets_are_silent():
    text = "一、绩效目标\n满意度≥90%。\n二、完成情况\n满意度93%。\n"
    assert g(text, "G001") == []


def test_a_prose_pair_stated_with_year_markers_is_judged():
    text = "一、项目实施情况\n参保缴费人数年初任务数3250人，全年完成值3010人。\n"
    [f] = g(text, "G001")
    assert f.spans[0].text == "全年完成值3010人"
    assert "3250人" in f.message and "3010人" in f.message
    assert g(text.replace("3010人", "3260人"), "G001") == []


def test_a_bound_followed_by_its_actual_in_the_next_clause_is_judged():
    # the actual clause restates the indicator with 实际 and a verb: still the same indicator
    text = (
        "4.绩效指标完成情况分析\n数量指标：布防飞机数量≥6架，实际布防6架；"
        "飞机飞行时长≥928小时，实际飞行时长909.93小时。\n"
    )
    [f] = g(text, "G001")
    assert f.spans[0].text == "909.93小时" and f.spans[1].text == "飞机飞行时长≥928小时"
    assert "≥928小时" in f.message and "909.93小时" in f.message
    # an upper bound exceeded is a miss too
    [f] = g("项目成本≤50万元，实际支出58万元。\n", "G001")
    assert f.spans[0].text == "58万元"
    # near misses: met, another unit, a planned figure, a negated verb
    assert g(text.replace("909.93小时", "930.5小时"), "G001") == []
    assert g("飞行时长≥928小时，实际完成率98%。\n", "G001") == []
    assert g("飞行时长≥928小时，实际计划飞行900小时。\n", "G001") == []
    assert g("项目成本≤50万元，实际支出48万元。\n", "G001") == []


def test_a_row_of_a_one_cell_per_line_table_that_misses_its_target():
    # the header's words are split over cells (年度 / 指标值, 偏差原因 / 分析及 / 改进措施) and a
    # blank reason cell follows each row: only the rows say which cell is which
    head = (
        "三级指标\n\n年度\n\n指标值\n\n实际\n\n完成值\n\n分值\n\n得分\n\n"
        "偏差原因\n\n分析及\n\n改进措施\n\n"
    )
    row = "林产品收入\n\n2.6亿元\n\n2.45亿元\n\n6\n\n5\n\n \n\n"
    [f] = g(head + row, "G001")
    assert f.spans[0].text == "2.45亿元" and "2.6亿元" in f.message
    # cells ending in | are the same layout
    [f] = g(head + row.replace("\n\n", " |\n"), "G001")
    assert f.spans[0].text == "2.45亿元"
    # near misses: met, another unit, a cost (less may be better), a score above its weight
    assert g(head + row.replace("2.45亿元", "2.7亿元"), "G001") == []
    assert g(head + row.replace("2.45亿元", "2.45万亩"), "G001") == []
    assert g(head + row.replace("林产品收入", "造林补助成本"), "G001") == []
    assert g(head + row.replace("\n6\n\n5", "\n6\n\n8"), "G001") == []


def test_english_message():
    found = [f for f in review_text(REPORT, select=["G001"], lang="en") if f.code == "G001"]
    assert "target ≥90%, actual 80%" in found[0].message


def test_an_actual_with_no_role_is_not_compared():
    # The second statement sits in a problems section: it may be a different measure.
    text = "一、绩效目标\n医保参保率≥90%。\n二、存在问题\n部分村医保参保率为80%。\n"
    assert g(text, "G001") == []


def test_an_ambiguous_target_is_not_used():
    text = "一、绩效目标\n医保参保率≥90%。医保参保率≥70%。\n二、完成情况\n医保参保率为80%。\n"
    assert g(text, "G001") == []


def test_a_table_row_that_misses_its_target(monkeypatch):
    from reviewer.document.tables import Cell, Table

    rows = [["三级指标", "年度指标值", "实际完成值"], ["公厕改造数", "≥20座", "12座"]]
    text = "\n".join("|".join(r) for r in rows)
    cells, pos = [], 0
    for r in rows:
        cells.append([Cell(c, pos + sum(len(x) + 1 for x in r[:i]), 0) for i, c in enumerate(r)])
        pos += len("|".join(r)) + 1
    cells = [[Cell(c.text, c.start, c.start + len(c.text)) for c in row] for row in cells]
    table = Table(header=cells[0], rows=cells[1:], start=0, end=len(text))
    monkeypatch.setattr("reviewer.document.tables.tables", lambda d: [table])
    [f] = g(text, "G001")
    assert f.spans[0].text == "12座" and "≥20座" in f.message


# ---------------------------------------------------------------- G002 impossible-target


def test_a_bounded_rate_above_100_is_impossible():
    found = g("资金投入：(1)各项工作完成及时率>100%;(2)资金发放及时率>100%;", "G002")
    assert [f.spans[0].text for f in found] == ["各项工作完成及时率>100%", "资金发放及时率>100%"]
    assert all(f.severity == Severity.ERROR and f.kind == "impossible_target" for f in found)


def test_exactly_100_and_unbounded_rates_are_possible():
    text = "(1)合格率=100%;(2)满意度≥100%;(3)收入增长率>100%;(4)实际完成率≥105%;(5)控制率>100%;"
    assert g(text, "G002") == []


def test_an_actual_above_100_is_not_a_target():
    assert g("一、完成情况\n预算执行率105%。", "G002") == []


# ---------------------------------------------------------------- G003 weak-target


def test_an_upper_bound_on_an_execution_rate_is_weak():
    [f] = g("(2)项目支出预算执行率≤100%;", "G003")
    assert f.spans[0].text == "项目支出预算执行率≤100%"
    assert f.severity == Severity.WARNING and f.kind == "weak_target"


def test_upper_bounds_on_control_rates_are_legitimate():
    text = '(1)在职人员控制率≤100%;(2)"三公"经费控制率≤100%;(3)成本控制率≤100%;(4)预算调整率≤5%;'
    assert g(text, "G003") == []


def test_a_lower_bound_on_an_execution_rate_is_fine():
    assert g("(1)预算执行率≥95%;", "G003") == []


# ---------------------------------------------------------------- G004 score-vs-unmet-targets


def test_a_high_score_with_missed_targets():
    [f] = g(REPORT, "G004")
    assert f.spans[0].text.endswith("95.29分")
    assert "3 项目标未完成" in f.message and "医保参保率" in f.message
    assert f.kind == "score_vs_unmet_targets" and f.severity == Severity.WARNING


def test_a_modest_score_is_not_questioned():
    assert g(REPORT.replace("95.29", "78.5"), "G004") == []


def test_no_missed_targets_no_finding():
    text = "一、绩效目标\n满意度≥90%。\n二、评价结论\n自评得分98分。\n三、完成情况\n满意度93%。\n"
    assert g(text, "G004") == []
    assert "G004" not in codes(review_text(text))


def test_an_upper_bound_on_a_negative_rate_is_fine():
    assert g("(1)群众不满意率≤5%;(2)验收不合格率<2%;", "G003") == []


def test_a_stated_rank_outside_the_target_range():
    text = "一、绩效目标\n全县综合考核排名前5名。\n二、完成情况\n全县综合考核排名第8名。\n"
    [f] = g(text, "G001")
    assert "前5名" in f.message and "第8名" in f.message
    assert g(text.replace("第8名", "第3名"), "G001") == []


_TABLE = (
    "三级指标\n年度指标值\n实际完成值\n分值\n得分\n"
    "河道清淤长度\n≥30公里\n{actual}\n20\n{score}\n"
    "群众满意度\n≥90%\n93%\n10\n10\n"
)


def test_missed_target_scored_in_full_is_flagged() -> None:
    (f,) = [f for f in review_text(_TABLE.format(actual="26公里", score="20")) if f.code == "G005"]
    assert f.kind == "score_vs_problems"
    assert f.spans[0].text == "26公里"
    assert f.data["score"] == "20" and f.data["weight"] == "20"


def test_missed_target_scored_in_proportion_is_not_flagged() -> None:
    text = _TABLE.format(actual="26公里", score="17.33")
    assert not [f for f in review_text(text) if f.code == "G005"]


def test_met_target_with_full_marks_is_not_flagged() -> None:
    text = _TABLE.format(actual="31公里", score="20")
    assert not [f for f in review_text(text) if f.code == "G005"]


# -- G006 rate-above-100 --------------------------------------------------------------------


def test_an_actual_share_above_100_percent_is_an_error() -> None:
    text = "三、绩效目标完成情况\n群众满意度达到102%，医保参保率110%，资金到位率100%。\n"
    found = review_text(text, select=["G006"])
    assert [(f.code, f.severity, f.spans[0].text) for f in found] == [
        ("G006", Severity.ERROR, "群众满意度达到102%"),
        ("G006", Severity.ERROR, "医保参保率110%"),
    ]
    assert found[0].message == "“群众满意度”实际为 102%，而该比率不可能超过100%，分子或分母有误"
    assert found[0].kind == "impossible_actual"


def test_budget_execution_above_100_percent_is_a_warning() -> None:
    text = "一、预算执行情况\n全年预算数500万元，实际支出525万元，预算执行率为105%。\n"
    (f,) = review_text(text, select=["G006"])
    assert f.severity == Severity.WARNING and f.spans[0].text == "预算执行率为105%"
    assert "支出超出预算" in f.message


def test_rates_that_may_exceed_100_percent_pass() -> None:
    text = (
        "三、绩效目标完成情况\n收入预算完成率120%，任务完成率110%，"
        "三公经费变动率105%，项目投资增长率130%。\n"
    )
    assert review_text(text, select=["G006"]) == []


def test_a_funds_arrival_rate_above_100_percent_is_no_impossible_value() -> None:
    # A 到位率 of money is the amount arrived over the amount planned: more may arrive.
    for text in (
        "一、资金情况\n预算资金800万元，实际到位812万元，项目资金到位率101.5%。\n",
        "三、绩效目标完成情况\n财政配套到位率为103%，专项经费到位率110%。\n",
        "三、绩效目标完成情况\n指标 | 目标值 | 实际值\n投资到位率 | 100% | 104% \n",
    ):
        assert review_text(text, select=["G006"]) == [], text


def test_an_arrival_rate_of_people_or_goods_is_still_a_share() -> None:
    # Staff or equipment in place out of what is required cannot pass the whole.
    found = review_text("三、绩效目标完成情况\n人员到位率103%，设备到位率108%。\n", select=["G006"])
    assert [f.spans[0].text for f in found] == ["人员到位率103%", "设备到位率108%"]


def test_a_target_above_100_percent_is_g002_not_g006() -> None:
    found = review_text("二、绩效目标\n满意度≥105%。\n", select=["G"])
    assert [f.code for f in found] == ["G002"]


# -- an actual stated only as a bound -------------------------------------------------------

_BOUND = "一、绩效目标\n{name}{target}。\n二、完成情况\n{name}{actual}。\n"


def test_an_actual_bound_short_of_the_target_does_not_show_it_met() -> None:
    [f] = g(_BOUND.format(name="群众满意度", target="≥90%", actual="达80%以上"), "G001")
    assert f.severity == Severity.WARNING
    assert "≥90%" in f.message and "≥80%" in f.message and "不能表明目标已完成" in f.message


def test_a_strict_bound_at_the_target_value_does_not_show_it_met() -> None:
    # 80%以上 (≥80) does not show >80, while >80% does.
    text = _BOUND.format(name="群众满意度", target="超过80%", actual="达80%以上")
    assert ["不能表明" in f.message for f in g(text, "G001")] == [True]
    assert g(text.replace("达80%以上", "超过80%"), "G001") == []


def test_an_actual_bound_that_reaches_the_target_is_silent() -> None:
    assert g(_BOUND.format(name="群众满意度", target="≥90%", actual="达90%以上"), "G001") == []
    assert g(_BOUND.format(name="群众满意度", target="≥90%", actual="达95%以上"), "G001") == []


def test_a_bound_on_the_other_side_says_nothing() -> None:
    # An upper bound actual (≤95%) against a lower-bound target (≥90%) may meet it or not.
    assert g(_BOUND.format(name="群众满意度", target="≥90%", actual="不超过95%"), "G001") == []


def test_an_upper_bound_actual_above_an_upper_bound_target() -> None:
    text = _BOUND.format(name="投诉率", target="≤2%", actual="在5%以内")
    assert ["不能表明" in f.message for f in g(text, "G001")] == [True]
    assert g(text.replace("5%以内", "2%以内"), "G001") == []


def test_a_bound_short_of_the_target_does_not_count_against_the_score() -> None:
    text = _BOUND.format(name="群众满意度", target="≥90%", actual="达80%以上")
    text += "三、评价结论\n自评得分98分。\n"
    assert g(text, "G004") == []


# -- what 控制 means in a name ---------------------------------------------------------------


def test_a_controlled_patient_count_is_higher_is_better() -> None:
    text = _BOUND.format(name="高血压随访控制数", target="3807人", actual="3220人")
    [f] = g(text, "G001")
    assert "3220人" in f.message


def test_a_staff_control_count_stays_an_upper_bound() -> None:
    # 控制数 of staff or spending is a ceiling: staying below it meets the target.
    assert g(_BOUND.format(name="在职人员控制数", target="50人", actual="43人"), "G001") == []
    assert g(_BOUND.format(name="三公经费控制数", target="9万元", actual="8万元"), "G001") == []


# -- an actual in words that negates the target ---------------------------------------------

_WORDED = (
    "指标名称 | 目标值 | 完成值 |\n"
    "培训人数 | 100人 | 100人 |\n"
    "考核任务完成及时 | {target} | {actual} |\n"
)


def test_an_actual_that_negates_the_target_word_is_a_miss() -> None:
    text = _WORDED.format(target="各期培训结束后及时考核", actual="1-2期未能及时考核")
    [f] = g(text, "G001")
    assert f.spans[0].text == "1-2期未能及时考核" and "各期培训结束后及时考核" in f.message


def test_negation_near_misses_stay_silent() -> None:
    for actual in (
        "各期均及时考核",  # met
        "无未及时考核情况",  # a negation of the negation
        "未及时考核2期",  # a count of failures, not the whole target
        "不及时率为0",  # a measured rate
    ):
        assert g(_WORDED.format(target="各期培训结束后及时考核", actual=actual), "G001") == []
    # the target does not ask for the negated word
    assert g(_WORDED.format(target="覆盖全部学员", actual="未完成补考"), "G001") == []
    # the target itself is worded as a negation: not compared
    assert g(_WORDED.format(target="无不及时考核", actual="部分未及时考核"), "G001") == []
    assert g(_WORDED.format(target="及时考核", actual="部分未及时考核"), "G001") != []


def test_a_downgraded_word_in_a_table_is_a_miss() -> None:
    [f] = g(_WORDED.format(target="及时", actual="较及时"), "G001")
    assert f.spans[0].text == "较及时"


def test_a_form_total_row_is_the_score_g004_weighs() -> None:
    text = (
        "三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分\n"
        "河道清淤长度 | ≥30公里 | 26公里 | 50 | 43\n"
        "群众满意度 | ≥90% | 95% | 50 | 50\n"
        "总分 | 100 | {score} | {grade}\n"
    )
    [f] = g(text.format(score="93", grade="优"), "G004")
    assert "93" in f.message and "河道清淤长度" in f.message
    assert g(text.format(score="88", grade="良"), "G004") == []


# -- a results clause that admits a miss ----------------------------------------------------

_ADMITTED = (
    "二、绩效目标完成情况\n"
    "一是数量指标：全年资助学生940人次。二是时效指标：收到资金149.63万元，实际发放107.78万元，"
    "{clause}。三是成本指标：每生每年1250元。\n"
)


def test_a_clause_under_an_indicator_label_that_admits_a_miss() -> None:
    [f] = g(_ADMITTED.format(clause="秋季学期资金未及时发放"), "G001")
    assert f.spans[0].text == "秋季学期资金未及时发放"
    assert "时效指标" in f.message and "未实现" in f.message


def test_admission_near_misses_stay_silent() -> None:
    for clause in (
        "秋季学期资金均已及时发放",  # met
        "无未及时发放情况",  # a negated negation
        "确保不出现未及时发放",  # a goal, not a result
        "未及时发放率为0",  # a measured rate
    ):
        assert g(_ADMITTED.format(clause=clause), "G001") == [], clause
    # no indicator label: a problem statement elsewhere is not read as a target
    assert g("三、存在的问题\n部分资金未及时发放。\n", "G001") == []


def test_an_admitted_miss_has_no_figures_for_g004() -> None:
    text = _ADMITTED.format(clause="秋季学期资金未及时发放") + "自评得分98分，评价等级为优。\n"
    assert g(text, "G004") == []


def test_a_word_that_also_stands_unnegated_is_not_read_as_a_miss() -> None:
    text = _WORDED.format(target="按计划完成", actual="全部完成，上年未完成项目已结转")
    assert g(text, "G001") == []
    text = _WORDED.format(target="资金使用规范", actual="使用规范，审计未发现不规范问题")
    assert g(text, "G001") == []


def test_an_actual_beyond_a_range_target_is_a_miss() -> None:
    text = _WORDED.format(target="18—54周岁", actual="存在18岁以下、54周岁以上")
    [f] = g(text, "G001")
    assert "18—54周岁" in f.message
    assert g(_WORDED.format(target="18-54周岁", actual="个别学员60岁以上"), "G001") != []


def test_range_near_misses_stay_silent() -> None:
    for actual in (
        "均在18—54周岁之间",  # no admission
        "存在30岁以上学员",  # inside the range
        "不存在18岁以下学员",  # a negated admission
        "无54岁以上学员",
    ):
        assert g(_WORDED.format(target="18—54周岁", actual=actual), "G001") == [], actual
