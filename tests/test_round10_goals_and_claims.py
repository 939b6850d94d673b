"""Round 10 of the quality generalisation: a goal that only keeps something running (Q202), a
claim of full completion in an indicator's own item backed only by its score (Q020), and a goals
section that gives the funds split over a count of projects (Q002) — each with near misses."""

from __future__ import annotations

import pytest

from tests.helpers import review_text

HEAD = "清河县文化旅游局2023年度公共文化服务项目支出绩效自评报告\n"
RESULTS = "\n三、绩效目标完成情况\n全年开展送戏下乡演出40场，资金支出95万元。\n"


def findings(text: str, code: str) -> list:
    return review_text(text, select=[code])


@pytest.mark.parametrize(
    "goals",
    [
        "1.广播系统建设：保证村村响广播系统正常运行。\n2.图书室建设：新建农家书屋12个。",
        "（一）绩效目标情况\n1.文化站维修：确保乡镇综合文化站正常使用；2.新建农家书屋12个。",
        "维持文化云平台平稳运行。",
    ],
)
def test_a_goal_that_only_keeps_something_running(goals: str) -> None:
    [f] = findings(HEAD + "二、绩效目标\n" + goals + RESULTS, "Q202")
    assert "正常运行或使用" in f.message


@pytest.mark.parametrize(
    "goals",
    [
        "1.广播系统建设：保证村村响广播系统全年正常运行率不低于95%。\n2.新建农家书屋12个。",
        "1.文化站维修：完成3个乡镇文化站维修，确保2023年10月底前正常使用。",
    ],
)
def test_a_running_goal_with_a_figure_is_silent(goals: str) -> None:
    assert findings(HEAD + "二、绩效目标\n" + goals + RESULTS, "Q202") == []


def test_running_words_in_a_results_section_are_not_a_goal() -> None:
    text = (
        HEAD + "二、绩效目标\n新建农家书屋12个。\n三、绩效目标完成情况\n保证了广播系统正常运行。\n"
    )
    assert findings(text, "Q202") == []


def test_a_section_q001_reports_whole_is_left_to_it() -> None:
    text = HEAD + "二、绩效目标\n确保全县文化站正常运转，保障群众文化活动需求。" + RESULTS
    assert findings(text, "Q202") == []
    assert findings(text, "Q001")


CLAIM_TAIL = "\n三、存在的问题\n宣传不够深入。\n"


def q020(text: str) -> list:
    return [f for f in findings(text, "Q020") if "全面完成的结论" in f.message]


def test_an_indicator_item_backed_only_by_its_score_is_unsupported() -> None:
    text = (
        HEAD + "二、绩效指标完成情况\n1.产出指标完成情况：送戏下乡40场，绩效自评得分40分。\n"
        "2.效益指标完成情况：各项指标全面完成，绩效自评得分30分。\n"
        "3.满意度指标完成情况：群众满意度96%，绩效自评得分10分。" + CLAIM_TAIL
    )
    [f] = q020(text)
    assert f.spans[0].text.startswith("各项指标全面完成")


def test_an_indicator_item_with_its_own_figures_is_supported() -> None:
    text = (
        HEAD + "二、绩效指标完成情况\n2.效益指标完成情况：惠及群众1.2万人次，各项指标全面完成，"
        "绩效自评得分30分。" + CLAIM_TAIL
    )
    assert q020(text) == []


def test_a_conclusion_with_the_total_score_stays_silent() -> None:
    text = (
        HEAD + "二、绩效指标完成情况\n全年送戏下乡40场，群众满意度96%。\n三、结论\n"
        "项目各项指标均已完成，自评得分95分。\n"
    )
    assert q020(text) == []


BODY = (
    "一、单位基本情况\n清河县文化旅游局是县政府工作部门，内设办公室、文化股、旅游股等5个股室，"
    "现有行政编制15名，实有人员14人，单位财务实行独立核算。\n"
)


def q002_funds(text: str) -> list:
    return [f for f in findings(text, "Q002") if "只写了资金数额" in f.message]


def test_funds_split_over_a_count_of_projects_are_no_goal() -> None:
    text = (
        HEAD + BODY + "二、绩效目标分解下达情况\n2023年县财政下达项目资金120万元，涉及2个项目，"
        "分别为：送戏下乡经费70万元；文化惠民计划50万元。\n三、项目资金使用情况\n"
        "1.送戏下乡经费。该项目拨入资金70万元，全部用于演出补助。\n"
    )
    assert len(q002_funds(text)) == 1


def test_a_count_of_shows_beside_the_funds_may_be_the_goal() -> None:
    text = (
        HEAD + BODY + "二、绩效目标分解下达情况\n2023年县财政下达项目资金120万元，计划送戏下乡"
        "40场。\n三、项目资金使用情况\n1.送戏下乡经费。该项目拨入资金70万元，全部用于演出补助。\n"
    )
    assert q002_funds(text) == []


SAT_HEAD = HEAD + "一、项目基本情况\n全年送戏下乡40场。\n二、绩效指标完成情况\n"


def q203(text: str) -> list:
    return findings(text, "Q203")


@pytest.mark.parametrize(
    "body",
    [
        "满意度指标 | 群众满意度 | ≥90% | 97%\n三、自评结论\n经问卷调查，群众满意度达到86%。\n",
        "观众满意度为96%。\n三、自评结论\n通过项目实施，观众满意度达到89%。\n",
        "|   服务对象满意度指标\n|\n群众满意\n|\n95\n|\n已完成100%\n|\n三、自评结论\n观演群众满意度达到90%\n",
    ],
)
def test_one_satisfaction_with_two_values(body: str) -> None:
    [f] = q203(SAT_HEAD + body)
    assert "前后不一致" in f.message


@pytest.mark.parametrize(
    "body",
    [
        "观众满意度为96%。\n三、自评结论\n演职人员满意度达到89%。\n",
        "观众满意度目标为≥90%。\n三、自评结论\n经问卷调查，观众满意度达到96%。\n",
        "满意度指标 | 群众满意度 | ≥90% | 97%\n三、自评结论\n经问卷调查，群众满意度达到97%。\n",
        "2022年观众满意度为90%。\n三、自评结论\n2023年观众满意度提高到96%。\n",
        "满意度指标 | 群众满意度 | ≥90% | 97%\n满意度指标 | 演员满意度 | ≥90% | 93%\n"
        "三、自评结论\n经问卷调查，群众满意度达到97%。\n",
    ],
)
def test_different_subjects_targets_years_or_equal_values_are_silent(body: str) -> None:
    assert q203(SAT_HEAD + body) == []


@pytest.mark.parametrize(
    "text",
    [
        "2023年县财政共下达我局。送戏下乡经费70万元，已全部支出。",
        "市财政累计拨付本中心。图书购置费12.5万元。",
    ],
)
def test_a_total_cut_before_its_amount(text: str) -> None:
    [f] = findings(HEAD + "一、资金情况\n" + text + "\n", "Q204")
    assert f.spans[0].text.startswith(("县财政", "市财政"))


@pytest.mark.parametrize(
    "text",
    [
        "送戏下乡经费已由县财政全额下达我局。全年支出70万元。",
        "2023年上级共下达我局2批资金。送戏下乡经费70万元，已全部支出。",
        "县财政共下达我局送戏下乡经费70万元。",
    ],
)
def test_a_whole_sentence_is_not_cut(text: str) -> None:
    assert findings(HEAD + "一、资金情况\n" + text + "\n", "Q204") == []


OTHER_HEAD = "五峰县统计局2020年经济普查经费项目绩效自评报告\n一、基本情况\n"


def test_funds_described_as_another_projects() -> None:
    text = OTHER_HEAD + "农业统计调查经费是保障我局常规统计调查工作的项目经费，主要用于劳务费。\n"
    [f] = findings(text, "Q205")
    assert "农业统计调查" in f.message


@pytest.mark.parametrize(
    "text",
    [
        OTHER_HEAD + "经济普查经费是保障我局开展第四次全国经济普查的专项经费，主要用于劳务费。\n",
        OTHER_HEAD + "其中农业统计调查经费是用于常规调查的日常经费。\n",
        "五峰县统计局2020年度部门整体支出绩效自评报告\n一、基本情况\n"
        "农业统计调查经费是保障我局常规统计调查工作的项目经费。\n",
    ],
)
def test_own_funds_a_part_or_a_units_report_are_silent(text: str) -> None:
    assert findings(text, "Q205") == []


def test_a_units_overall_aim_to_keep_running_is_silent() -> None:
    text = (
        "清河镇人民政府2023年度部门整体支出绩效自评报告\n二、部门绩效目标\n（一）部门绩效总目标\n"
        "（1）完成农村人居环境整治。\n（2）保证社区、村级组织正常运转。\n" + RESULTS
    )
    assert findings(text, "Q202") == []


def test_a_row_and_a_prose_result_of_two_named_groups_are_two_surveys() -> None:
    body = "满意度指标 | 观众满意度 | ≥90% | 97%\n三、自评结论\n演职人员满意度达到90%。\n"
    assert q203(SAT_HEAD + body) == []


@pytest.mark.parametrize(
    "text",
    [
        "（三）部门预算情况\n本年度预算支出910.4\n\n2、7万元，其中人员经费580.72万元。",
        "2023年上级下达资金实际到位613万元，补\n\n1\n\n助对象为全县困难群众，共计1200人，已全部发放到位。",
    ],
)
def test_a_page_number_inside_a_figure_or_a_word(text: str) -> None:
    [f] = findings(HEAD + text + "\n", "Q206")
    assert "页码" in f.message


@pytest.mark.parametrize(
    "text",
    [
        "（三）部门预算情况\n本年度预算支出910.47万元。\n\n2、人员经费580.72万元。",
        "合计 | 100\n2、3月份完成验收。",
        "项目名称\n\n1\n\n资金\n\n2\n\n备注",
        "全年资金已全部拨付到位，\n\n1\n\n",
    ],
)
def test_numbered_items_tables_and_a_closing_page_number_are_silent(text: str) -> None:
    assert findings(HEAD + text + "\n", "Q206") == []


STAGE_HEAD = (
    "清河县学前教育资助资金2023年度绩效自评报告\n一、基本情况\n全县有幼儿园12所、小学20所。\n"
)


def test_goals_about_another_school_stage() -> None:
    text = STAGE_HEAD + "二、绩效目标\n保障普通高中家庭经济困难学生顺利完成学业。\n"
    [f] = findings(text, "Q207")
    assert "普通高中" in f.message


@pytest.mark.parametrize(
    "text",
    [
        STAGE_HEAD + "二、绩效目标\n保障学前教育家庭经济困难幼儿入园，资助幼儿500人。\n",
        STAGE_HEAD + "二、绩效目标\n做好学前教育与义务教育的衔接，资助幼儿500人。\n",
        STAGE_HEAD + "二、绩效目标\n组织大学生志愿者开展幼儿资助宣传。\n",
        "清河县教育局2023年度部门整体支出绩效自评报告（学前教育、义务教育、普通高中）\n"
        "二、绩效目标\n保障普通高中家庭经济困难学生顺利完成学业。\n",
    ],
)
def test_own_stage_both_stages_or_a_units_report_are_silent(text: str) -> None:
    assert findings(text, "Q207") == []


FORM = "项目支出绩效自评表 项目名称 普法经费 年度总体目标 预期目标 实际完成情况 "


def test_a_completion_column_that_repeats_the_goal() -> None:
    text = (
        FORM
        + "1.深入宣传贯彻法治思想，切实抓好重点法律普及 1.深入宣传贯彻法治思想，切实抓好重点法律"
        "普及工作，提升公民法治素养 工作，提升公民法治素养。\n"
    )
    [f] = findings(text, "Q208")
    assert "照抄" in f.message


@pytest.mark.parametrize(
    "body",
    [
        "1.深入宣传贯彻法治思想，切实抓好重点法律普及 1.开展法治宣传活动46场，发放资料1.2万份。\n",
        "1.完成普法培训12期，覆盖干部600人 1.完成普法培训12期，覆盖干部600人。\n",
    ],
)
def test_a_reported_result_or_a_quantified_target_met_is_silent(body: str) -> None:
    assert findings(FORM + body, "Q208") == []


def test_an_inline_heading_followed_by_the_next_part_is_empty() -> None:
    text = (
        HEAD + "二、绩效目标完成情况分析(一)资金投入情况分析,上年结转2万元,本年收到补助3万元,"
        "3.项目资金管理情况分析,(二)绩效目标完成情况分析,合格率100%\n"
    )
    [f] = findings(text, "Q209")
    assert f.spans[0].text == "3.项目资金管理情况分析"


@pytest.mark.parametrize(
    "text",
    [
        "3、绩效评价的组织实施情况\n（二）评价对象绩效目标\n",
        "3.项目资金管理情况分析,(一)资金拨付情况,资金已全部拨付。",
        "3.项目资金管理情况分析,资金实行专账核算,(二)绩效目标完成情况分析,合格率100%",
    ],
)
def test_a_heading_with_content_or_its_first_child_is_not_empty(text: str) -> None:
    assert findings(HEAD + text + "\n", "Q209") == []
