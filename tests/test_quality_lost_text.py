"""Text lost or left over in publishing (Q170–Q175, Q178) and a goal, budget or sentence
carried over without a word (Q176, Q177, Q181): each rule on fragments written for the test in
several wordings, with the near misses a reviewer would not mark."""

from __future__ import annotations

import pytest

from tests.helpers import review_text


def q(text: str, code: str):
    return review_text(text, select=[code])


def quotes(text: str, code: str) -> list[str]:
    return [f.spans[0].text for f in q(text, code)]


# ---------------------------------------------------------------- Q170 a year without 年


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("我单位2024底有职工16人。", "2024底"),
        ("截至2023末，累计完成投资1200万元。", "2023末"),
        ("项目于2022初开工建设。", "2022初"),
    ],
)
def test_a_year_glued_to_di_mo_chu_has_lost_its_nian(text: str, quote: str) -> None:
    [f] = q(text, "Q170")
    assert f.spans[0].text == quote and f.kind == "garbled_text"
    assert f.data["fixed"] == quote[:4] + "年" + quote[4]


def test_dates_with_nian_and_figures_that_are_no_year_stay_silent() -> None:
    assert q("我单位2024年底有职工16人，2023年末有15人，2022年初有14人。", "Q170") == []
    assert q("共清运垃圾1200底泥，发放3.2024底价补贴。", "Q170") == []


# ---------------------------------------------------------------- Q171 a document number's cut year


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("《关于做好2024年度预算绩效自评工作的通知》(南财函〔202〕25号)等文件精神", "202"),
        ("根据省财政厅《通知》(湘财预[20]3号)要求", "20"),
        ("按照市财政局(财绩【20241】12号)文件", "20241"),
    ],
)
def test_a_document_number_whose_bracketed_year_is_not_four_digits(text: str, year: str) -> None:
    [f] = q(text, "Q171")
    assert f.data["year"] == year and f.spans[0].text.endswith("号")


def test_complete_document_numbers_and_bracketed_serials_stay_silent() -> None:
    text = (
        "依据(南财函〔2024〕25号)和(湘财预[2023]3号)，本表第(2)项、第(12)5号楼，国家标准(GB)50号。"
    )
    assert q(text, "Q171") == []


# ---------------------------------------------------------------- Q172 a figure lost before its measure word


@pytest.mark.parametrize(
    ("text", "verb", "measure"),
    [
        ("绩效目标：1.保质保量完成道路建设座；2.按时投入使用。", "建设", "座"),
        ("全年共举办培训场，参训人员满意。", "培训", "场"),
        ("本年度新建个，改造公里。", "新建", "个"),
        ("完成农村公路硬化公里\n", "硬化", "公里"),
    ],
)
def test_a_verb_followed_by_a_measure_word_that_closes_the_clause(
    text: str, verb: str, measure: str
) -> None:
    found = q(text, "Q172")
    assert found and found[0].data["verb"] == verb and found[0].data["measure"] == measure
    assert found[0].kind == "garbled_text"


def test_figures_numerals_and_words_opening_with_a_measure_character_stay_silent() -> None:
    text = (
        "完成道路建设1座；新建一座桥；组织召开座谈会，完成个人信息核对；"
        "项目建设期，两年；城乡建设处负责实施。\n"
        "数量指标 | 享受医疗救助人次 | ≥50000人次 | 110406\n"
        "培训场次:12场。\n"
    )
    assert q(text, "Q172") == []


def test_a_goal_whose_figure_was_lost_is_not_reported_as_vague() -> None:
    text = (
        "一、绩效目标\n"
        "制定项目绩效目标:1.保质保量完成道路建设座;2.符合工程施工质量验收相关要求;"
        "3.改善周边居民出行需求。\n"
        "二、绩效目标完成情况\n数量指标:完成道路建设491米,已完成。\n"
    )
    assert q(text, "Q172") and q(text, "Q001") == []


# ---------------------------------------------------------------- Q173 a site address pasted into the text


@pytest.mark.parametrize(
    "text",
    [
        "1.项目经费足额到位(https://www.daowen.com)\n学校层面预算总资金18189万元。",
        "二、项目实施情况（www.xuexila.com）\n项目按期完成。",
        "全年完成培训12期(http://wenku.example.cn/p/123)，参训600人。",
    ],
)
def test_an_address_glued_to_the_reports_words(text: str) -> None:
    [f] = q(text, "Q173")
    assert f.spans[0].text.startswith(("(", "（")) and f.kind == "garbled_text"


def test_an_address_the_text_introduces_and_a_page_header_stay_silent() -> None:
    text = (
        "中方县人民政府 www.zhongfang.gov.cn 发布时间:2023-01-01\n"
        "评价结果已在区政府门户网站(www.dl.gov.cn)公开。\n"
        "详见(http://czj.example.gov.cn/zwgk)。\n"
        "通过“智慧财政”平台(http://pt.example.cn)填报。\n"
    )
    assert q(text, "Q173") == []


# ---------------------------------------------------------------- Q174 a table caption with no table


@pytest.mark.parametrize(
    ("text", "after"),
    [
        ("表1 2019—2021年标志性成果一览表\n\n续表\n\n(二)项目经费到位情况\n经费足额到位。", "续表"),
        ("表2：项目资金支出明细表\n三、绩效目标完成情况\n全部完成。", "标题"),
        ("表3 绩效指标完成情况表\n表4 资金使用情况统计表\n", "表题"),
        ("一、基本情况\n表1 资金到位情况表", "结束"),
    ],
)
def test_a_caption_followed_by_no_row_of_its_table(text: str, after: str) -> None:
    found = q(text, "Q174")
    assert found and after in found[0].data["after_zh"] and found[0].kind == "empty_section"


def test_a_caption_followed_by_rows_or_by_prose_stays_silent() -> None:
    text = (
        "表1 2019—2021年标志性成果一览表\n成果 | 数量\n国家级奖项 | 3\n\n"
        "表2 资金使用情况表\n项目 预算数 执行数\n合计 100 98\n"
        "表3 绩效指标完成情况表\n如下所示，各项指标均已完成。\n"
        "详见表4。\n"
    )
    assert q(text, "Q174") == []


# ---------------------------------------------------------------- Q175 a seal placeholder with no unit


@pytest.mark.parametrize(
    "line",
    ["项目主管部门(单位):(公章)", "填报单位：（盖章）", "项目实施单位:  (签章)"],
)
def test_a_unit_field_holding_only_the_seal(line: str) -> None:
    [f] = q(f"项目名称:村村通维护经费\n{line}\n填报人姓名:张三\n", "Q175")
    assert f.kind == "template_residue" and f.spans[0].text == line.strip()


def test_a_named_unit_before_the_seal_and_a_persons_signature_stay_silent() -> None:
    text = (
        "项目主管部门(单位):林芝市广电局(公章)\n填报单位：某县财政局（盖章）\n负责人签字:(签章)\n"
    )
    assert q(text, "Q175") == []


# ---------------------------------------------------------------- Q176 a goal deadline before the year


@pytest.mark.parametrize(
    "goal",
    [
        "1.在2022年12月31日前至少给120人发放补贴。2.全面了解居民收入状况。",
        "于2022年底前完成全部改造任务，群众满意度达到90%以上。",
        "确保2021年10月前完成项目验收并投入使用。",
    ],
)
def test_an_annual_goal_that_keeps_an_earlier_years_deadline(goal: str) -> None:
    text = f"项目支出绩效自评表\n(2023年度)\n年度总体目标\n{goal}\n总体目标完成情况\n已完成。\n"
    [f] = q(text, "Q176")
    assert f.kind == "stale_text" and f.data["year"] == 2023 and f.data["dy"] < 2023


def test_the_years_own_deadline_milestones_and_status_dates_stay_silent() -> None:
    head = "项目支出绩效自评表\n(2023年度)\n年度总体目标\n"
    assert q(head + "在2023年12月31日前至少给120人发放补贴。\n", "Q176") == []
    # a multi-year goal's earlier milestone beside the year's own deadline
    assert q(head + "2022年底前完成一期，2023年底前完成二期并投入使用。\n", "Q176") == []
    # a status date, and a past date outside the goal
    assert q(head + "截至2022年12月31日已发放100人。\n", "Q176") == []
    text = (
        "2023年度项目绩效自评报告\n一、项目概况\n该项目于2022年6月前完成招标。\n"
        "二、绩效目标完成情况\n全部完成。\n"
    )
    assert q(text, "Q176") == []


def test_an_earlier_date_that_describes_the_goals_object_is_no_deadline() -> None:
    """管护2023年底前建成的工程: the date says which works exist, the goal is this year's."""
    head = "项目支出绩效自评表\n(2024年度)\n年度绩效目标：\n"
    for goal in (
        "对2023年12月31日前建成的农村集中供水工程全部实行专业化管护，管护率100%。",
        "巩固2023年底前已完成的改厕成果，改厕设施正常使用率≥95%。",
    ):
        assert q(head + goal + "\n", "Q176") == [], goal
    # near misses: the earlier date is the goal's own deadline
    for goal in (
        "在2023年12月31日前建成农村集中供水工程3处。",
        "确保2023年底前完成改厕任务的验收。",
    ):
        assert len(q(head + goal + "\n", "Q176")) == 1, goal


# ---------------------------------------------------------------- Q177 a budget cut with no reason


_HEADER = "资金来源 年初预算数 全年预算数 全年执行数 分值权重 执行率 得分\n"


@pytest.mark.parametrize(
    "row",
    [
        "年度资金总额 5.28 1.96 1.96 10 100.00% 10",
        "年度资金总额 | 120.00 | 60.00 | 60.00 | 10 | 100% | 10 |",
        "年度资金总额: 1,200 300 290 10 96.67% 9.7",
    ],
)
def test_the_years_budget_at_half_the_opening_one_or_less_with_no_reason(row: str) -> None:
    [f] = q(_HEADER + row + "\n年度总体目标：给120人发放补贴，已全部完成。\n", "Q177")
    assert f.kind == "unexplained_problem" and float(f.data["share"]) <= 50


def test_a_small_cut_a_rise_and_an_explained_cut_stay_silent() -> None:
    assert q(_HEADER + "年度资金总额 5.28 4.00 4.00 10 100.00% 10\n", "Q177") == []
    assert q(_HEADER + "年度资金总额 5.28 10.56 10.56 10 100.00% 10\n", "Q177") == []
    for reason in ("因上级政策调整，年中收回资金3.32万元。", "预算资金年中核减3.32万元。"):
        text = _HEADER + "年度资金总额 5.28 1.96 1.96 10 100.00% 10\n" + reason + "\n"
        assert q(text, "Q177") == []


# ---------------------------------------------------------------- Q181 another project's funds


_TITLE = "天津市东丽湖新建光辉路工程项目2020年度绩效自评报告\n一、绩效目标分解下达情况\n"


@pytest.mark.parametrize(
    ("sentence", "other"),
    [
        ("东丽区雨污分流改造工程项目估算投资2082.48万元,区财政安排资金700万元。", "雨污分流"),
        ("本年度,滨海新区污水处理厂提标改造项目总投资1500万元。", "污水处理"),
        ("2020年河西区老旧小区改造工程资金共计300万元已到位。", "老旧小区"),
    ],
)
def test_a_funds_sentence_naming_a_project_that_is_not_the_titles(
    sentence: str, other: str
) -> None:
    [f] = q(_TITLE + sentence + "\n", "Q181")
    assert f.kind == "copy_paste" and other in f.data["other"]


@pytest.mark.parametrize(
    "sentence",
    [
        "东丽湖新建光辉路工程项目估算投资2082.48万元,区财政安排资金700万元。",
        "光辉路道路工程估算投资2082.48万元。",  # the title project under a shorter name
        "区财政通过抗疫特别国债安排资金700万元。",  # no project named
        "2020年市财政共计下达单位市级项目资金60万元。",  # how the money came, no project named
        "财政下达项目资金50万元,目前已拨付10万元。",
        # money paid or spent: the clause before 项目资金 names no project
        "截至年底已依据监理合同支付项目资金88.2万元。",
        "本年实际使用项目资金45万元。",
    ],
)
def test_the_title_project_under_its_own_or_a_shorter_name_stays_silent(sentence: str) -> None:
    assert q(_TITLE + sentence + "\n", "Q181") == []


def test_a_department_report_naming_its_projects_stays_silent() -> None:
    text = (
        "2020年度某区财政局部门整体支出绩效自评报告\n"
        "东丽区雨污分流改造工程项目估算投资2082.48万元。\n"
    )
    assert q(text, "Q181") == []


def test_a_project_the_sentence_relates_to_the_one_evaluated_stays_silent() -> None:
    for sentence in (
        "本项目为东丽区雨污分流改造工程的配套道路,东丽区雨污分流改造工程项目总投资2082.48万元。",
        "东丽区雨污分流改造工程项目一期估算投资2082.48万元,其中光辉路700万元。",
    ):
        assert q(_TITLE + sentence + "\n", "Q181") == []


def test_a_goal_naming_the_year_evaluated_or_a_results_heading_stays_silent() -> None:
    head = "项目支出绩效自评表\n(2023年度)\n年度总体目标\n"
    assert q(head + "2022年12月前下达资金,2023年完成建设并投入使用。\n", "Q176") == []
    text = (
        "2023年度项目绩效自评报告\n二、绩效目标完成情况\n"
        "已于2022年12月31日前完成招标,2023年完成建设。\n"
    )
    assert q(text, "Q176") == []
    text = "2023年度项目绩效自评报告\n二、绩效目标完成情况\n招标已于2022年12月31日前完成。\n"
    assert q(text, "Q176") == []


def test_a_list_of_attachments_is_no_lost_table() -> None:
    text = "附件:\n附表1：项目绩效自评表\n附表2：项目资金支出明细表\n"
    assert q(text, "Q174") == []


# ---------------------------------------------------------------- Q182 中共 before a unit's name


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("附件6 中共寻甸回族彝族自治县档案馆2024年项目预算、决算明细表", "档案馆"),
        ("报送单位：中共某市某区统计局", "统计局"),
        ("中共某县某镇农业综合服务中心2023年度部门整体支出绩效自评报告", "农业综合服务中心"),
    ],
)
def test_the_party_prefix_before_a_place_and_a_unit_with_no_party_body(
    text: str, unit: str
) -> None:
    [f] = q(text, "Q182")
    assert f.kind == "copy_paste" and f.data["unit"].endswith(unit[-2:])
    assert f.spans[0].text.startswith("中共")


def test_party_bodies_their_offices_and_documents_stay_silent() -> None:
    text = (
        "寻甸回族彝族自治县档案馆属于中共寻甸回族彝族自治县委办公室管理的事业单位。"
        "中共某县委党校、中共某县财政局党组、中共某县某镇委员会、中共某县人民医院委员会、"
        "中共某县纪律检查委员会、中共某县教育局机关总支部均已报送。"
        "根据《中共中央国务院关于全面实施预算绩效管理的意见》，中共党员120人。"
    )
    assert q(text, "Q182") == []


def test_a_deadline_in_a_cited_notice_or_under_a_later_heading_is_not_the_goals() -> None:
    text = (
        "2023年度项目支出绩效自评报告\n一、项目概况\n"
        "根据《关于做好2022年度绩效目标管理工作的通知》，请于2022年12月31日前报送。\n"
    )
    assert q(text, "Q176") == []
    text = (
        "2023年度项目支出绩效自评报告\n一、绩效目标\n全年发放补贴120人。\n"
        "二、项目实施情况\n项目于2022年12月31日前完成招标。\n"
    )
    assert q(text, "Q176") == []


def test_a_bare_address_glued_to_a_word_and_one_on_its_own_line() -> None:
    [f] = q("1.项目经费足额到位https://www.daowen.com\n学校层面预算18189万元。", "Q173")
    assert f.data["url"] == "https://www.daowen.com"
    text = "阜康市人民政府\n\nwww.fk.gov.cn\n\n项目支出绩效自评表\n登录https://x.gov.cn查询。\n"
    assert q(text, "Q173") == []
