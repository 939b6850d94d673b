"""Report-quality rules for published forms and repeated causes: each on fragments written for
it, in the layouts forms reach readers in, with near misses that must stay silent."""

from __future__ import annotations

import pytest

from reviewer.checks.registry import RULES, load_all
from reviewer.models import Severity
from tests.helpers import review_text

load_all()


def q(text: str, code: str):
    return review_text(text, select=[code])


# ---------------------------------------------------------------- rule docs fire and stay silent


@pytest.mark.parametrize(
    "code", ["Q003", "Q012", "Q013", "Q016", "Q017", "Q018", "Q020", "Q022", "Q023"]
)
def test_example_fires_and_counterexample_does_not(code: str) -> None:
    """New and reworked rules: `example` fires, `counterexample` (a near miss) does not."""
    r = RULES[code]
    assert q(r.example, code), f"{code} example must fire"
    assert q(r.counterexample, code) == [], f"{code} counterexample must stay silent"


# ------------------------------------------- masks: a repost's (Q178) and a form's blank (Q012)


def test_masked_names_are_one_finding_with_every_span() -> None:
    text = (
        "**县2023年度水利发展资金绩效自评报告\n"
        "****财政局下达**县资金2263万元。****财政局下达**县资金791万元。\n"
        "其中:水**管理14万元。\n"
    )
    found = q(text, "Q178")
    assert len(found) == 1
    f = found[0]
    assert f.data["n"] == 6 and len(f.spans) == 6
    assert f.spans[0].start == 0  # first span = first occurrence
    assert f.kind == "garbled_text" and f.severity == Severity.INFO
    assert "遮去" in f.message and "共6处" in f.message
    assert q(text, "Q012") == []  # the repost's masks are no template residue


def test_masked_amounts_are_reported() -> None:
    found = q("项目全年预算数*元,执行数*元,完成预算的100%。\n", "Q178")
    assert len(found) == 1 and found[0].data["n"] == 2


def test_a_sharing_sites_masked_uploader_is_not_the_report() -> None:
    text = "上传人:王** 文档编号:855425 上传时间:2024-01-29 格式:DOCX 页数:11\n一、概况\n**县资金100万元。\n"
    found = q(text, "Q178")
    assert [f.data["quote"] for f in found] == ["**县资金100"]


@pytest.mark.parametrize(
    "text",
    [
        "典型案例（当事人信息已脱敏）：谭**，低保对象，住院自付费用下降至1200元。\n",
        "受助对象张*明，65岁，已纳入特困供养。\n",
        "联系人：张某      联系电话：023-5822****\n",
        "申请人身份证号：5101**********1234，已核实。\n",
        "监督电话 0838-62*****，全年受理投诉86件。\n",
    ],
)
def test_a_reports_own_de_identification_is_no_lost_text(text: str) -> None:
    """A person's name or a phone, ID or account number masked on purpose hides nothing a
    reader needs to check the report."""
    assert q(text, "Q178") == []


@pytest.mark.parametrize(
    "text",
    [
        "其中:水**管理14万元。\n",  # a word cut in two
        "**县财政局下达资金100万元。\n",  # a place name
        "项目全年预算数*元,执行数*元。\n",  # amounts
        "年度预算资金12**万元，已全部支出。\n",  # digits masked with no phone or ID about
        "由县**局负责实施。\n",  # a unit's name, not a person's
    ],
)
def test_masks_over_names_words_and_amounts_still_count(text: str) -> None:
    assert len(q(text, "Q178")) == 1


def test_a_forms_value_left_as_asterisks_is_template_residue() -> None:
    text = "数量指标 | 培训人数(≥**人) | 完成\n质量指标 | 合格率(≥**%) | 完成\n"
    [f] = q(text, "Q012")
    assert f.kind == "template_residue" and f.data["count"] == 2
    assert "占位符" in f.message and "遮去" not in f.message
    assert q(text, "Q178") == []


def test_markdown_bold_and_multiplication_are_not_masks() -> None:
    text = "**一、基本情况**\n本年完成 **重点任务** 三项。\n补助资金=标准*人数，2600*842=218.92万元。\n"
    assert q(text, "Q012") == [] and q(text, "Q178") == []


def test_distinct_placeholders_stay_distinct_causes() -> None:
    found = q("一、概况\n××镇共有XX个村，XX户。\n", "Q012")
    assert sorted(f.data["count"] for f in found) == [1, 2]


# ---------------------------------------------------------------- Q012 form prompts


def test_prompt_standing_in_place_of_content() -> None:
    text = (
        "项目年度目标 | 年度目标完成情况 |\n"
        "保障工资按时足额发放。 | 对照年度目标,说明相关任务目标的完成情况(100字以内) |\n"
        "评价结论 | 结合自评情况,分析存在的问题及原因。(200字以内) |\n"
    )
    found = q(text, "Q012")
    assert [f.spans[0].text for f in found] == [
        "对照年度目标,说明相关任务目标的完成情况(100字以内)",
    ]
    assert all(f.severity == Severity.WARNING and "未填写" in f.message for f in found)
    # the prompt in the 评价结论 field is that field left empty: Q010 reports it, once
    empty = q(text, "Q010")
    assert [[s.text for s in f.spans] for f in empty] == [
        ["评价结论", "结合自评情况,分析存在的问题及原因。(200字以内)"]
    ]
    assert empty[0].severity == Severity.WARNING and "只留有填写提示" in empty[0].message


def test_field_holding_only_its_prompt_is_an_empty_section() -> None:
    cell_per_line = (
        "评价结论 |\n结合自评情况,说明项目自评总分。(200字以内) |\n"
        "存在问题 |\n结合自评情况,分析存在的问题及原因。(200字以内) |\n"
        "项目负责人: |\n"
    )
    # one cause (the form's narrative fields left as prompts): one finding, every field a span
    [found] = q(cell_per_line, "Q010")
    assert found.data["title"] == "评价结论、存在问题" and found.data["count"] == 2
    assert [s.text for s in found.spans] == [
        "评价结论",
        "结合自评情况,说明项目自评总分。(200字以内)",
        "存在问题",
        "结合自评情况,分析存在的问题及原因。(200字以内)",
    ]
    assert "均只留有填写提示" in found.message
    assert q(cell_per_line, "Q012") == []
    heading = "摘要(2000字以内)\n一、部门概况\n本局内设科室5个。\n"
    found = q(heading, "Q010")
    assert [[s.text for s in f.spans] for f in found] == [["摘要", "(2000字以内)"]]
    assert q(heading, "Q012") == []


def test_a_prompt_next_to_written_content_is_not_an_empty_field() -> None:
    # the field was written and the prompt left behind: template residue only
    filled = "摘要(2000字以内)\n本局2023年完成调查12项。\n一、部门概况\n正文。\n"
    assert q(filled, "Q010") == []
    assert len(q(filled, "Q012")) == 1
    inline = "评价结论 | 自评得分95分，等级为优。(200字以内) |\n"
    assert q(inline, "Q010") == []
    # a prompt after a value cell, not after a field's label, stays template residue
    after_value = "保障工资按时足额发放。 |\n对照年度目标,说明完成情况(100字以内) |\n"
    assert q(after_value, "Q010") == []
    assert len(q(after_value, "Q012")) == 1
    # a long sentence before the prompt is not a label
    sentence = "本部门围绕年度重点任务开展工作并取得成效(200字以内)\n一、部门概况\n正文。\n"
    assert q(sentence, "Q010") == []


def test_prompt_left_in_a_heading_is_info() -> None:
    text = "(二)资金计划、到位及使用情况(可用表格形式反映)。\n本年到位资金10万元，已支付10万元。\n"
    found = q(text, "Q012")
    assert len(found) == 1 and found[0].spans[0].text == "(可用表格形式反映)"
    assert found[0].severity == Severity.INFO


def test_attach_and_fill_in_prompts() -> None:
    assert len(q("三、项目支出情况（可附表）\n正文。\n", "Q012")) == 1
    assert len(q("项目名称 | 请填写项目全称 |\n", "Q012")) == 1


def test_form_notes_and_prose_limits_are_not_prompts() -> None:
    note = (
        "总额 | 3.36 | 3.36 | 100.00% | 10 | 10 | 1.预算执行率=预算执行数/调整后预算数,"
        "未达到90%的需说明原因(100字以内);2.年中发生预算调整的,应单独说明理由. |\n"
    )
    assert q(note, "Q012") == []
    prose = "各单位报送简报控制在100字以内，详见附表1（附件2）。请各单位于3月底前填报。\n"
    assert q(prose, "Q012") == []


# ---------------------------------------------------------------- Q012 blank cover fields


def test_blank_cover_and_form_head_fields() -> None:
    cover = "部门(单位)名称:某镇人民政府\n\n预算编码:\n\n评价方式:部门(单位)绩效自评\n"
    found = q(cover, "Q012")
    assert [f.spans[0].text for f in found] == ["预算编码:"]
    assert found[0].severity == Severity.INFO and "未写明预算编码" in found[0].message
    run = "某局自评报告部门(单位)名称某局预算编码014001报告日期:年月日某区财政局(制)\n"
    assert [f.spans[0].text for f in q(run, "Q012")] == ["报告日期:年月日"]
    head = "2023年度部门整体支出绩效评价自评表\n单位 | |||||||\n序号 | 一级指标 |\n"
    assert [f.data["label"] for f in q(head, "Q012")] == ["单位"]


def test_filled_fields_and_values_on_the_next_line_are_not_blank() -> None:
    # the value stands on the next line (one cell per line)
    assert q("联系人:\n张三\n联系电话:0730-7802036\n", "Q012") == []
    # a lead-in before a list is not a cover field
    assert q("主要做法:\n一是:加强预算管理。\n", "Q012") == []
    assert q("报告日期:2020年3月1日\n", "Q012") == []
    assert q("截至年月日尚未拨付。\n", "Q012") == []
    assert q("单位 | 某镇人民政府 | |||\n", "Q012") == []
    # an empty row of the table that is not the unit's or project's field
    assert q("其他 | |||||||||\n", "Q012") == []


# ---------------------------------------------------------------- Q016 placeholder rows

CELL_PER_LINE = (
    "一级指标\n\n二级指标\n\n三级指标\n\n年度指标值\n\n实际完成值\n\n分值\n\n得分\n\n"
    "产出指标\n\n数量指标\n\n指标1工程资金金额\n\n43.2\n\n37.24\n\n10\n\n9\n\n"
    "指标2\n\n \n\n \n\n \n\n \n\n……\n\n \n\n \n\n \n\n \n\n"
    "质量指标\n\n指标1工程完工率\n\n100\n\n100\n\n10\n\n10\n\n"
    "指标2\n\n \n\n \n\n \n\n \n\n……\n\n \n\n"
)


def test_placeholder_rows_one_cell_per_line_are_one_finding() -> None:
    found = q(CELL_PER_LINE, "Q016")
    assert len(found) == 1
    assert found[0].data["count"] == 4 and len(found[0].spans) == 4
    assert found[0].spans[0].text == "指标2"


def test_placeholder_rows_pipe_and_run_together() -> None:
    pipe = "三级指标 | 指标值 | 完成值 | 得分\n指标1 | | | \n指标2 | | | \n"
    assert q(pipe, "Q016")[0].data["count"] == 2
    run = "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 产出指标 数量指标 指标2 … \n"
    assert q(run, "Q016")[0].data["count"] == 2


def test_named_rows_and_prose_ellipses_are_not_placeholders() -> None:
    named = "三级指标 | 指标值 | 完成值\n指标2工程验收合格率 | 100 | 100\n"
    assert q(named, "Q016") == []
    prose = "一、绩效指标完成情况\n各项指标均已完成。\n……\n二、问题\n指标2项未完成。\n"
    assert q(prose, "Q016") == []


# ---------------------------------------------------------------- Q017 blank cells

HEAD = "一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 完成值 | 权重 | 得分 | 未完成原因分析 |\n"


def test_blank_actual_and_score_one_cell_per_line() -> None:
    cells = HEAD.replace(" | ", " |\n")
    body = "产出指标 |\n数量指标 |\n发放覆盖率 |\n= |\n100 |\n% |\n|\n60 |\n|\n|\n"
    body += "效益指标 |\n社会效益指标 |\n参保率 |\n= |\n100 |\n% |\n|\n30 |\n|\n|\n合计 |\n100 |\n"
    found = q(cells + body, "Q017")
    assert len(found) == 1
    f = found[0]
    assert [s.text for s in f.spans] == ["发放覆盖率", "参保率"]
    assert "2项指标的完成值为空" in f.message and "2项指标的得分为空" in f.message


def test_blank_actual_in_ragged_pipe_rows_with_merged_cells() -> None:
    body = "产出指标 | 数量指标 | 培训人数 | ≥ | 100 | 人 |  | 10 | 10 | ||\n"
    body += "质量指标 | 合格率 | ≥ | 95 | % | 98 | 10 | 10 | |\n"
    found = q(HEAD + body, "Q017")
    assert len(found) == 1 and [s.text for s in found[0].spans] == ["培训人数"]


def test_filled_rows_and_other_tables_are_silent() -> None:
    body = "产出指标 | 数量指标 | 培训人数 | ≥ | 100 | 人 | 120 | 10 | 10 | |\n"
    assert q(HEAD + body, "Q017") == []
    head = "一级指标 | 二级指标 | 指标名称 | 目标值 | 完成值 |\n"
    rows = "产出指标 | 产出数量 | 培训任务 | 12500名 | 12166名 |\n"
    rows += "| | 验收 | 11所 | 11所 |\n序号 | 学校 | 标准 | 人数 | 合格 | 资金 |\n"
    rows += "1 | 甲校 | 2600 | 842 | 842 | 218.92 | |\n2 | 乙校 | 2600 | 900 | | 234 |\n"
    assert q(head + rows, "Q017") == []


# ---------------------------------------------------------------- Q013 cut-off inside the year

YEAR_REPORT = "某镇2023年度部门整体支出绩效评价报告\n一、概况\n"


@pytest.mark.parametrize(
    "sentence",
    ["截止到2023年10月，已支付资金60万元。", "截至2023年11月30日，预算执行率为85%。"],
)
def test_execution_measured_before_year_end(sentence: str) -> None:
    found = q(YEAR_REPORT + sentence + "\n", "Q013")
    assert len(found) == 1 and found[0].severity == Severity.WARNING
    assert "早于年度结束" in found[0].message


def test_cutoff_without_a_year_is_read_in_the_evaluated_year_as_info() -> None:
    for sentence in ("截至11月底，项目支出85万元。", "1-10月累计支出300万元。"):
        found = q(YEAR_REPORT + sentence + "\n", "Q013")
        assert len(found) == 1 and found[0].severity == Severity.INFO, sentence


def test_year_end_other_years_and_forecasts_are_silent() -> None:
    for sentence in (
        "截至2023年12月31日，项目支出85万元。",
        "截至12月底，执行率100%。",
        "2023年1-12月支出300万元。",
        "截至2022年10月底，上年结转资金已支付完毕。",
        "截至2024年3月，整改已完成。",
        "截至3月底，整改资金已拨付。",
        "截至2023年11月30日，单位在职人员20人。",
        "预计截至11月底完成支付。",
        "于2023年6月到10月开展培训，支出5万元。",
    ):
        assert q(YEAR_REPORT + sentence + "\n", "Q013") == [], sentence


def test_the_count_date_of_the_event_the_funds_answer_is_no_progress_figure() -> None:
    # the disaster's toll is dated when it was counted; the funds' progress is not in it
    toll = "截至2023年8月31日，全区农业受灾面积12.8万亩，绝收1.6万亩，造成经济损失9121.69万元。"
    assert q(YEAR_REPORT + toll + "\n", "Q013") == []
    # near miss: a toll and the funds paid against it in one sentence is a progress figure
    paid = "截至2023年8月31日，全区受灾面积12.8万亩，已拨付救灾资金300万元。"
    assert len(q(YEAR_REPORT + paid + "\n", "Q013")) == 1


def test_one_cutoff_date_repeated_is_one_finding() -> None:
    text = YEAR_REPORT + "截至11月底，支出85万元。\n截至11月底，项目资金已拨付60万元。\n"
    found = q(text, "Q013")
    assert len(found) == 1 and found[0].data["count"] == 2 and len(found[0].spans) == 2


# ---------------------------------------------------------------- Q020 claims with nothing behind


@pytest.mark.parametrize(
    "text",
    [
        "圆满完成了全年各项工作任务。",
        "全面完成年度绩效目标。",
        "绩效目标全部完成。",
        "年度目标任务100%完成。",
        "经评价，自评结果为优秀。",
    ],
)
def test_sweeping_claims_without_figures(text: str) -> None:
    assert len(q(text + "\n", "Q020")) == 1


@pytest.mark.parametrize(
    "text",
    [
        "全面完成粮食生产目标任务，其中高产田水稻产量达1292.5斤/亩。",
        "全年共开展培训12期，培训1200人次，全面完成年度培训任务。",
        "2023年全面完成了各项目标任务：\n1.新建道路5公里。",
        "经评价，自评得分95分，评价结果为优秀。",
        "单位自评结果“优秀”1812个。",
        "为全面完成“十四五”规划目标任务的奠定基础。",
        "确保全面完成年度目标任务。",
        "目标已完成80%。",
    ],
)
def test_claims_with_figures_nearby_or_intentions_are_silent(text: str) -> None:
    assert q(text + "\n", "Q020") == []


def test_a_repeated_claim_is_one_finding() -> None:
    text = "一、概况\n全面完成年度绩效目标。\n二、结论\n全面完成年度绩效目标。\n"
    found = q(text, "Q020")
    assert len(found) == 1 and found[0].data["count"] == 2


def test_achievements_entry_without_any_figure() -> None:
    text = (
        "年度部门(单位)总体运行情况及取得的成绩\n\n"
        "我中心的数字城管二期项目已于2018年验收运行。按时报送资料，及时监督发现和指挥处置各类城市管理问题。\n"
        "二、存在问题\n正文。\n"
    )
    found = q(text, "Q020")
    assert len(found) == 1 and found[0].spans[0].text.startswith("我中心的数字城管二期项目")
    assert "没有任何数据" in found[0].message
    # a figure in the passage, a heading right after the label, a sweeping claim on its own
    assert q(text.replace("各类城市管理问题", "城市管理问题1200件"), "Q020") == []
    assert q("五、部门整体支出绩效情况\n（一）产出指标完成情况\n完成道路5公里。\n", "Q020") == []
    sweeping = "取得的成绩\n圆满完成了各项工作任务，保证了机关正常运转，促进了经济发展。\n"
    assert len(q(sweeping, "Q020")) == 1


def test_performance_section_of_one_phrase_run_into_the_next_heading() -> None:
    text = "三、预算支出组织实施情况共支出87.06万元四、预算支出绩效情况保证了学校的正常运转五、存在的问题暂无\n"
    found = q(text, "Q020")
    assert [f.spans[0].text for f in found] == ["四、预算支出绩效情况保证了学校的正常运转"]
    figures = text.replace("保证了学校的正常运转", "生均公用经费足额发放，覆盖学生2390人")
    assert q(figures, "Q020") == []


def test_satisfaction_rate_with_no_survey_anywhere() -> None:
    text = "一、完成情况\n项目已验收，社会效益较显著，受益群众满意度100%。\n"
    found = q(text, "Q020")
    assert [f.spans[0].text for f in found] == ["受益群众满意度100%"]
    assert found[0].severity == Severity.INFO and "调查方式" in found[0].message
    assert len(q("改善牧民生活条件，使牧民满意度达到95%以上。\n", "Q020")) == 1


def test_satisfaction_row_with_target_and_actual_points_at_the_actual() -> None:
    # a form row read as a line: 三级指标, 年度指标值, 实际完成值, 分值, 得分
    row = "指标1:受益农户满意度 85% 96.5% 10 10\n"
    [found] = q(row, "Q020")
    assert found.spans[0].text == "96.5%" and "满意度 85% 96.5%" in found.message
    assert found.severity == Severity.INFO
    # a target with a comparator is judged through its actual, and only with one
    [bounded] = q(row.replace("85%", "≥85%"), "Q020")
    assert bounded.spans[0].text == "96.5%"
    assert q("指标1:受益农户满意度 ≥85% 10 10\n", "Q020") == []
    # near misses: a single rate stays pinned to itself; a rate after a comma is not the row's
    [single] = q("指标1:受益农户满意度 96% 10 10\n", "Q020")
    assert single.spans[0].text.endswith("满意度 96%") and len(single.spans) == 1
    [prose] = q("受益农户满意度95%，82%的农户增收。\n", "Q020")
    assert prose.spans[0].text == "受益农户满意度95%"
    # a survey named anywhere silences the row as before
    assert q("通过问卷调查收集意见。\n" + row, "Q020") == []


def test_an_effect_indicator_scored_with_no_figure_behind_it() -> None:
    line = "5.社会效益指标(自评得分40分):有效降低疾病的发生和流行,改善了农村人居环境。\n"
    [found] = q(line, "Q020")
    assert found.spans[0].text.startswith("社会效益指标(自评得分40分)") and "40" in found.message
    # near misses: a figure behind the effect, an output indicator, no points
    measured = line.replace("有效降低疾病的发生和流行", "肠道传染病发病率下降12%")
    assert q(measured, "Q020") == []
    assert q(line.replace("社会效益指标", "数量指标"), "Q020") == []
    assert q(line.replace("(自评得分40分)", ""), "Q020") == []


def test_satisfaction_rate_on_a_page_from_inside_a_document_is_not_judged() -> None:
    # the text opens on a page number: the survey may be described on the pages before it
    page = "—23—\n7.满意度指标：参保人员对医保服务满意度达到99.99%。\n"
    assert q(page, "Q020") == []
    assert q(page.replace("—23—", "- 23 -"), "Q020") == []
    # near miss: a page number further down is no sign of a page from inside a document
    whole = "7.满意度指标：参保人员对医保服务满意度达到99.99%。\n—23—\n"
    assert len(q(whole, "Q020")) == 1


def test_satisfaction_rate_with_a_survey_or_as_a_target_is_silent() -> None:
    # the survey is named elsewhere in the report
    surveyed = "一、完成情况\n受益群众满意度100%。\n二、评价方法\n发放问卷50份。\n"
    assert q(surveyed, "Q020") == []
    assert q("年度目标：群众满意度≥95%。\n", "Q020") == []
    assert q("绩效目标为群众满意度达到90%以上。\n", "Q020") == []
    # an indicator table's cell has its own columns
    assert q("满意度指标 | 群众满意度 | 95% | 96% |\n", "Q020") == []


# ---------------------------------------------------------------- Q023 document numbers


def test_document_number_without_brackets_shows_the_intended_form() -> None:
    found = q("依据《关于开展绩效自评的通知》(财预202112号)和湘财绩20207号文件。\n", "Q023")
    assert [f.data["fixed"] for f in found] == ["财预〔2021〕12号", "湘财绩〔2020〕7号"]
    assert all(f.severity == Severity.INFO for f in found)


def test_ordinary_figures_and_bracketed_numbers_are_silent() -> None:
    text = (
        "根据财预〔2021〕12号、财驻黑监[2017]94号要求，编号第202112号，建设路20115号，"
        "共计202112号，城关镇20207号。\n"
    )
    assert q(text, "Q023") == []


# ---------------------------------------------------------------- web-page chrome

CHROME_HEAD = (
    "您现在位置: 首页 > 专题专栏 > 2022年度部门整体支出绩效报告\n"
    "- 索引号: xx/2024-00002\n- 发布机构: 某县财政局\n- 文号:\n- 发布日期: 2024-04-29\n"
    "发布时间:2024-02-11 11:23 来源:某县农业农村局 浏览:\n【字体大小:大 中 小】\n"
    "来源:财务科   2024-07-09 16:55\n浏览量:1 | | | |\n"
)
CHROME_TAIL = (
    "\n【打印】【关闭】\n打印本页 | 关闭窗口\n上一篇:关于2022年度部门预算公开的说明\n"
    "下一篇:无\n主办单位:某县人民政府办公室 ICP备案号:湘ICP备12345678号\n"
)


def test_web_page_chrome_raises_no_quality_finding() -> None:
    from tests.helpers import FIXTURES

    clean = (FIXTURES / "clean-report.txt").read_text(encoding="utf-8")
    found = review_text(CHROME_HEAD + clean + CHROME_TAIL, select=["Q"])
    assert found == [], [f"{f.code} {f.message}" for f in found]


def test_the_evaluated_year_comes_from_the_title_not_the_breadcrumb() -> None:
    text = (
        CHROME_HEAD
        + "某县2023年度部门整体支出绩效自评报告\n一、概况\n截至2022年11月底，支出85万元。\n"
    )
    assert q(text, "Q013") == []  # 2022 is another year than the evaluated 2023
    assert len(q(text.replace("截至2022年", "截至2023年"), "Q013")) == 1


# ---------------------------------------------------------------- Q013 the report's own date


@pytest.mark.parametrize(
    "line", ["报告日期:2023年12月18日", "填报日期：2023-11-05", "某县水利局2023年12月30日"]
)
def test_labelled_and_signed_dates_inside_the_year(line: str) -> None:
    text = "某镇2023年度部门整体支出绩效评价报告\n一、概况\n正文。\n" + line + "\n"
    assert len(q(text, "Q013")) == 1


@pytest.mark.parametrize(
    "line",
    [
        "某县水利局2024年3月30日",
        "报告日期:2024年06月18日",
        "发布日期: 2023-10-25",
        "财政局2023年6月17日下达资金100万元。",
    ],
)
def test_later_dates_page_dates_and_prose_dates_are_not_the_report_date(line: str) -> None:
    text = "某镇2023年度部门整体支出绩效评价报告\n一、概况\n正文。\n" + line + "\n"
    assert q(text, "Q013") == []


def test_the_year_is_read_from_the_announcing_sentence_when_there_is_no_title() -> None:
    text = (
        "根据《关于开展2023年绩效自评工作的通知》(豫财农〔2018〕130号),现将2022年某县交通运输局"
        "衔接资金项目绩效自评总结报告如下:\n一、绩效目标分解下达情况\n"
        "项目资金共2179万元,截止2022年12月8日,已完成拨付2113.63万元,执行率97%。\n"
    )
    found = q(text, "Q013")
    assert len(found) == 1 and "2022年12月8日" in found[0].message
    assert q(text.replace("现将2022年", "现将2023年"), "Q013") == []  # 2022 is then last year


# ---------------------------------------------------------------- announced lists never given


def test_an_announced_list_followed_by_the_next_heading_is_empty() -> None:
    text = "一、绩效目标分解下达情况\n分解下达绩效目标要求，绩效目标如下:\n二、绩效目标完成情况\n正文。\n"
    found = q(text, "Q010")
    assert len(found) == 1 and found[0].spans[0].text.endswith("绩效目标如下:")


def test_an_announced_list_given_below_or_a_cut_page_is_fine() -> None:
    sub = "一、绩效目标\n绩效目标如下:\n(一)产出指标\n完成5个。\n二、完成情况\n正文。\n"
    items = "一、绩效目标\n绩效目标如下:\n1.完成5个。\n二、完成情况\n正文。\n"
    cut = "一、绩效目标\n现将有关情况报告如下:\n"
    for text in (sub, items, cut):
        assert q(text, "Q010") == [], text


# ---------------------------------------------------------------- more forms


def test_a_run_together_ellipsis_row_is_a_placeholder() -> None:
    text = "一级指标二级指标三级指标分值指标值满意度指标10≥95%≥95%10……总分100100\n"
    assert q(text, "Q016")[0].spans[0].text == "……"
    assert q("三级指标\n他说……我们会继续努力。\n", "Q016") == []


def test_a_half_bracketed_document_number() -> None:
    found = q("根据(双桥经开财务发〔20226号)文件。\n", "Q023")
    assert [f.data["fixed"] for f in found] == ["双桥经开财务发〔2022〕6号"]


def test_an_opening_that_introduces_the_whole_report_is_not_an_empty_list() -> None:
    text = "根据通知要求，现将2022年项目绩效自评报告如下:\n一、绩效目标分解下达情况\n正文。\n"
    assert q(text, "Q010") == []
    inside = "一、概况\n现将自评情况报告如下:\n二、绩效目标\n正文。\n"
    assert q(inside, "Q010") == []


def test_blank_cells_tab_separated_and_nbsp_cells_one_per_line() -> None:
    head = "三级指标\t指标值\t完成值\t分值\t得分\n"
    tab = head + "培训人数\t≥100人\t\t10\t10\n合格率\t≥95%\t98%\t10\t10\n"
    found = q(tab, "Q017")
    assert len(found) == 1 and [s.text for s in found[0].spans] == ["培训人数"]
    cells = "三级指标\n\n指标值\n\n完成值\n\n分值\n\n得分\n\n培训人数\n\n≥100人\n\n \n\n10\n\n10\n"
    found = q(cells, "Q017")
    assert len(found) == 1 and "1项指标的完成值为空" in found[0].message
    assert q(cells.replace("\n \n", "\n120人\n"), "Q017") == []


def test_a_list_number_is_not_evidence_for_a_satisfaction_grade() -> None:
    assert len(q("(3)满意度指标(服务对象满意度指标):学生和家长的满意度较高。\n", "Q020")) == 1
    assert q("群众满意度 | 满意 | 完成 |\n", "Q020") == []  # a table row's target, not a claim


def test_one_broken_number_repeated_is_one_finding() -> None:
    found = q("严格执行12个%。\n另外，严格执行12个%。\n建立了3三个水池。\n", "Q022")
    assert sorted(f.data["count"] for f in found) == [1, 2]


def test_a_funding_source_line_is_report_text_not_chrome() -> None:
    assert len(q("一、概况\n资金来源：中央财政XX万元。\n", "Q012")) == 1


def test_a_blank_narrative_field_of_a_form_one_cell_per_line() -> None:
    text = "1.项目年度目标完成情况 |\n按期完成。 |\n2.项目实施内容及过程概述 |\n|\n预算执行情况(10分) |\n"
    found = q(text, "Q010")
    assert [f.spans[0].text for f in found] == ["2.项目实施内容及过程概述"]
    row = "评价结论 | 按期完成。 | |||\n存在问题 | 无 | |||\n改进措施 | | |||\n"
    assert q(row, "Q010") == []  # a row per line: its trailing empty cells are padding
    # a form whose every cell is followed by an empty line (a lone `|` printed between cells):
    # the empty cell after a header is the separator, not a blank field
    header = "|\n序号\n|\n三级指标\n|\n指标说明\n|\n分值\n|\n评分\n|\n1\n|\n民主议事\n|\n"
    assert q(header, "Q010") == []
    # the same narrative field with a filled cell before it is a blank field
    assert len(q("按期完成。\n指标说明\n|\n分值\n评分\n", "Q010")) == 1


def test_q010_counterexample_is_silent() -> None:
    assert q(RULES["Q010"].counterexample, "Q010") == []


def test_a_per_unit_standard_is_a_quantified_goal() -> None:
    text = "一、概况\n(一)年度绩效目标\n公用经费拨款标准按照0.60万元/生·年执行，保障学校正常运转。\n二、其他\n正文。\n"
    assert q(text, "Q001") == []
    vague = text.replace("按照0.60万元/生·年执行", "逐步提高")
    assert len(q(vague, "Q001")) == 1


def test_header_cells_broken_over_two_lines_and_a_numeric_last_column() -> None:
    head = "一级指标\n\n二级指标\n\n三级指标\n\n年度\n\n指标值\n\n实际\n\n完成值\n\n分值\n\n得分\n\n偏差原因\n\n"
    rows = "产出指标\n\n数量指标\n\n安全率\n\n100\n\n完成\n\n10\n\n10\n\n0\n\n"
    rows += "指标2\n\n \n\n \n\n \n\n \n\n \n\n"
    found = q(head + rows, "Q018")
    assert len(found) == 1 and [s.text for s in found[0].spans] == ["完成"]
    filled = rows.replace("完成", "100")
    assert q(head + filled, "Q018") == [] and q(head + filled, "Q017") == []


# ------------------------------------ Q013 a cut-off inside the year, the year not stated anywhere

UNTITLED = (
    "一、绩效目标分解下达情况\n2023年共下达补助资金246.2万元。\n"
    "二、绩效目标完成情况分析\n"
    "截止2023年11月30日，全区共完成农村危房改造129户。\n"
    "2023年共发放补助资金141.8万元。\n"
)


def test_a_cut_off_in_a_page_without_its_title_reads_the_year_it_names_most() -> None:
    found = list(q(UNTITLED, "Q013"))
    assert len(found) == 1
    assert found[0].severity == Severity.INFO  # the evaluated year is a guess
    assert found[0].spans[0].text.startswith("截止2023年11月30日")
    assert "未写明评价年度" in found[0].message


def test_guessed_year_near_misses() -> None:
    # a cut-off without its year: nothing ties it to the guessed year
    assert list(q(UNTITLED.replace("截止2023年11月30日", "截止11月30日"), "Q013")) == []
    # the sentence counts an earlier year's money now
    earlier = UNTITLED.replace("全区共完成农村危房改造129户", "2022年资金实际到位120万元")
    assert list(q(earlier, "Q013")) == []
    # the text is itself dated after the cut-off in that year (an in-year report, perhaps)
    dated = UNTITLED + "某区住建局\n2023年12月5日\n"
    assert list(q(dated, "Q013")) == []
    # a year-end cut-off
    assert list(q(UNTITLED.replace("11月30日", "12月31日"), "Q013")) == []


# ------------------------------------------------ Q013 the page's own date inside the year

PAGE = (
    "索引号 11640102/2022-00043 生成日期 2022-10-25\n"
    "某县2022年度垃圾转运站改造项目绩效自评报告\n"
    "一、绩效目标完成情况\n项目已完工，资金已全额支付，完成改造1座。\n"
)


def test_a_page_generated_before_the_year_closed_is_an_info_on_its_metadata_line() -> None:
    found = list(q(PAGE, "Q013"))
    assert len(found) == 1
    assert found[0].severity == Severity.INFO
    assert "生成日期 2022-10-25" in found[0].spans[0].text
    assert "生成日期为2022年10月25日" in found[0].message


def test_page_date_near_misses() -> None:
    # published after the year closed
    assert list(q(PAGE.replace("2022-10-25", "2023-03-08"), "Q013")) == []
    # the same date not labelled as the page's record
    assert list(q(PAGE.replace("生成日期 2022-10-25", "项目开工 2022-10-25"), "Q013")) == []


def test_page_date_without_a_stated_year_needs_a_text_naming_that_year_only() -> None:
    untitled = PAGE.replace("某县2022年度垃圾转运站改造项目绩效自评报告", "某县2022年资金使用情况")
    assert len(list(q(untitled, "Q013"))) == 1
    # another year named outside a cited document: which year is evaluated is unsure
    other = untitled.replace("完成改造1座。", "完成改造1座，2021年下达资金已结清。")
    assert list(q(other, "Q013")) == []
    # a cited document's year does not count
    cited = untitled.replace("完成改造1座。", "完成改造1座，按〔2021〕268号文件执行。")
    assert len(list(q(cited, "Q013"))) == 1


def test_the_page_publication_date_is_still_not_read() -> None:
    # 发布日期 stays the page's own date (see the parametrized test above), 生成日期 is the document's
    assert list(q(PAGE.replace("生成日期", "发布日期"), "Q013")) == []


# ---------------------------------------------- Q024 a form label with its first character lost


def test_a_form_label_cut_at_the_cell_start_is_damaged_text() -> None:
    form = "项目支出绩效自评表\n级预算单位名称\n\n某区林业局\n项目名称\n\n造林补助\n"
    found = list(q(form, "Q024"))
    assert len(found) == 1 and found[0].spans[0].text == "级预算单位名称"
    assert found[0].severity == Severity.INFO


def test_cut_label_near_misses() -> None:
    # the whole label
    assert list(q("一级预算单位名称\n\n某区林业局\n", "Q024")) == []
    # a label wrapped across two lines: the lost character ends the line before
    assert list(q("一\n级预算单位名称\n\n某区林业局\n", "Q024")) == []
    # tails that are labels of their own (预算数, 完成情况) are not read as cut
    assert list(q("年初\n预算数\n\n完成情况\n", "Q024")) == []
    # the tail inside a sentence, not a cell of its own
    assert list(q("本表填写主管部门和实施单位的名称。\n", "Q024")) == []


def test_a_date_left_at_the_forms_year_stub_is_template_residue() -> None:
    assert len(list(q("评价时间：201 年 月 日\n", "Q012"))) == 1
    # near misses: a filled date; a count of 201 in a sentence
    assert list(q("评价时间：2019年11月20日\n", "Q012")) == []
    assert list(q("评价人员共201人，于2019年11月完成评价。\n", "Q012")) == []


# ---------------------------------------------------- Q020 over-fulfilment asserted with no figure

CLAIM_HEAD = "一、基本情况\n本单位负责全县农业技术推广工作。\n二、绩效目标完成情况\n"


@pytest.mark.parametrize(
    "claim",
    ["全年各项考核指标绝大部分超额完成，成效明显。", "超额完成了年度目标任务，群众反映良好。"],
)
def test_over_fulfilment_without_a_figure_is_an_unsupported_claim(claim: str) -> None:
    assert len(list(q(CLAIM_HEAD + claim + "\n", "Q020"))) == 1


def test_over_fulfilment_near_misses() -> None:
    # the figures stand next to the claim
    figures = "全年各项考核指标超额完成，其中培训农民1200人次，超目标20%。"
    assert list(q(CLAIM_HEAD + figures + "\n", "Q020")) == []
    # an intent, not a claim
    assert list(q(CLAIM_HEAD + "力争超额完成年度目标任务。\n", "Q020")) == []


# --------------------------------------------- one finding per cause keeps every place it shows


def test_a_cause_repeated_many_times_keeps_every_span() -> None:
    """A grouped finding names all its places (a reviewer fixing a repost needs each), not the
    first six: twelve pinyin glosses, twelve spans, the last where the text has it."""
    glossed = "資金(zī)用於(yú)項(xiàng)目建設(shè)，"
    text = "某局2023年度項目績效自評報告\n" + glossed * 3 + "\n"
    found = q(text, "Q024")
    assert len(found) == 1
    f = found[0]
    assert f.data["n"] == 12 and len(f.spans) == 12
    assert "共12处" in f.message
    assert f.spans[-1].start == text.rindex("設(shè)")


def test_every_unticked_choice_is_evidence() -> None:
    form = "评价类型:项目实施过程评价□项目完成结果评价□\n"
    one = q(form, "Q120")
    many = q(form * 5, "Q120")
    assert len(one) == 1 and len(many) == 1
    assert len(many[0].spans) == 5 * len(one[0].spans)
