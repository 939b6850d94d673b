"""Report-quality (Q) rules: each on a short text written for it, with a near miss that must
not fire, and a clean report that must come out without any Q finding."""

from __future__ import annotations

from reviewer.models import Severity
from tests.helpers import FIXTURES, codes, review_text


def q(text: str, code: str):
    return [f for f in review_text(text, select=[code])]


# ---------------------------------------------------------------- the clean report


def test_clean_report_has_no_quality_findings() -> None:
    text = (FIXTURES / "clean-report.txt").read_text(encoding="utf-8")
    found = review_text(text, select=["Q"])
    assert found == [], [f"{f.code} {f.message}" for f in found]


# ---------------------------------------------------------------- Q001 vague target


def test_vague_indicator_value_after_dash() -> None:
    text = "部门效果：(1)公用经费控制率=100%;(2)持续提高办事效率——提高，此指标赋分10分。"
    found = q(text, "Q001")
    assert len(found) == 1
    assert "持续提高办事效率——提高" in found[0].spans[0].text
    assert "比较符" in found[0].message


def test_qualitative_indicator_value_is_not_vague() -> None:
    text = "财务管理：(1)财务管理制度健全性——健全；(2)资金使用规范性——规范；违法违纪情况——无。"
    assert q(text, "Q001") == []


def test_vague_clause_in_goals_section() -> None:
    text = (
        "三、年度绩效目标\n"
        "（一）效益指标\n"
        "社会效益指标。安全事故0发生，群众获得感指数提高，就业率≥80%。\n"
        "四、完成情况\n群众获得感指数明显提高。\n"
    )
    found = q(text, "Q001")
    assert [f.spans[0].text for f in found] == ["群众获得感指数提高"]


def test_goals_section_without_any_target() -> None:
    text = (
        "一、概况\n（三）部门整体支出绩效目标\n"
        "保障机关正常运转，改善群众生产生活条件，推进各项公益事业建设，让群众满意。\n"
        "二、收支情况\n正文。\n"
    )
    found = q(text, "Q001")
    assert len(found) == 1 and "量化" in found[0].message
    measurable = text.replace("让群众满意", "群众满意度≥90%")
    assert q(measurable, "Q001") == []


def test_goal_words_in_a_measures_section_are_not_goals() -> None:
    text = "七、改进措施\n（四）科学设立目标\n强化思想认识，合理设立绩效目标，做好细化量化工作。\n"
    assert q(text, "Q001") == []


def test_goal_stated_inline_without_a_measure() -> None:
    text = "（二）2022年衔接资金项目绩效目标为做好某镇产业园农业灌溉用水的工作。\n二、自评情况\n正文。\n"
    found = q(text, "Q001")
    assert [f.spans[0].text for f in found] == ["做好某镇产业园农业灌溉用水的工作"]
    assert "可衡量" in found[0].message
    # run together with the next heading: the goal ends where 二、 begins
    run = "共计239万元，项目绩效目标是保证学校的正常运转二、项目资金使用情况资金专款专用。"
    assert [f.spans[0].text for f in q(run, "Q001")] == ["保证学校的正常运转"]
    # the year names the period, it does not measure the goal
    annual = "2.2020年度绩效目标。落实2020年度救助政策，确保困难群众应保尽保。\n"
    assert len(q(annual, "Q001")) == 1


def test_a_sentence_ending_on_its_goals_is_no_goal_label() -> None:
    # "…实现年度绩效目标。" closes a sentence about completion: what follows is no goal
    ended = (
        "截至年底，全区按时足额发放，100%如期实现年度绩效目标。同时，自治区结合实际，"
        "增加设置了发放缴费补贴人数等年度绩效目标，并如期实现。\n"
    )
    assert q(ended, "Q001") == []
    # near miss: the same words as a heading on their own line still introduce a goal
    heading = "（二）年度绩效目标。同时做好困难群众帮扶工作，提升服务水平。\n"
    found = [f.spans[0].text for f in q(heading, "Q001")]
    assert any(s.startswith("同时做好困难群众帮扶工作") for s in found)


def test_goal_stated_inline_with_a_measure_or_as_an_overall_aim_is_fine() -> None:
    assert q("项目绩效目标为完成道路硬化5公里，群众满意度≥90%。\n", "Q001") == []
    assert q("本项目绩效目标为覆盖服务人口4.52万人。\n", "Q001") == []
    # the overall aim is a direction by design
    overall = (
        "（三）项目绩效目标\n1.总体绩效目标。深入实施藏粮于地战略，夯实粮食安全基础。\n"
        "2.2022年度绩效目标。新建高标准农田640万亩。\n"
    )
    assert q(overall, "Q001") == []
    # a label that introduces a list, and a heading whose goals follow on the next lines
    assert q("项目绩效目标为：\n1.硬化道路5公里。\n", "Q001") == []
    assert q("（二）部门整体支出绩效目标。\n完成道路硬化5公里。\n", "Q001") == []
    # a sentence that ends on 绩效目标 and points to the table stating them
    table = "本项目较好地完成了年初预定的各项绩效目标。具体完成情况如下表:\n指标名称 | 目标值 |\n"
    assert q(table, "Q001") == []
    # a question, a principle, a table row
    assert q("评价项目绩效目标是否明确、细化、量化，是否与预算匹配。\n", "Q001") == []
    assert q("坚持以绩效目标为导向，加强全过程预算绩效管理。\n", "Q001") == []
    assert q("是否制定绩效目标。 | 绩效目标明确且细化量化 |\n", "Q001") == []


def test_target_deferring_to_a_value_set_elsewhere() -> None:
    text = (
        "（一）项目绩效目标\n全区防治面积≥98万亩，"
        "林业有害生物防治率达到上级下达的指标，资金30万元。\n"
    )
    found = q(text, "Q001")
    assert [f.spans[0].text for f in found] == ["林业有害生物防治率达到上级下达的指标"]
    # a completion claim with no target in sight, and a stated value, stay silent
    assert q("二、完成情况\n全年防治率达到上级下达的指标。\n", "Q001") == []
    assert q("（一）项目绩效目标\n防治率达到上级下达的95%指标。\n", "Q001") == []


def test_indicator_table_target_that_is_a_direction_only() -> None:
    text = (
        "一级指标 | 二级指标 | 三级指标 | 指标值 | 实施进度 |\n"
        "项目效益 | 社会效益指标 | 提升全县消费者维权意识 | 不断提升 | 已完成100% |\n"
        "满意度指标 | 满意度指标 | 群众满意度 | 90% | 已完成100% |\n"
    )
    found = q(text, "Q001")
    assert [f.spans[0].text for f in found] == ["不断提升"]
    assert "提升全县消费者维权意识" in found[0].message
    # a qualitative grade and a line of prose are not direction-only table cells
    assert q(text.replace("不断提升", "有效减轻"), "Q001") == []
    assert q("群众维权意识\n不断提升\n", "Q001") == []


def test_indicator_targets_that_repeat_their_names_are_one_finding() -> None:
    text = (
        "一级指标 | 二级指标 | 三级指标 | 年初目标值 | 实际完成值 | 得分 |\n"
        "效益指标 | 经济效益指标 | 统筹海绵城市项目谋划 | 统筹海绵城市项目谋划 | 完成 | 10 |\n"
        "社会效益指标 | 指导城市建设 | 指导城市建设 | 完成 | 10 |\n"
        "满意度指标 | 满意度指标 | 群众满意度 | ≥90% | 95% | 10 |\n"
    )
    found = q(text, "Q001")
    assert len(found) == 1 and found[0].data["count"] == 2
    assert [s.text for s in found[0].spans] == [
        "统筹海绵城市项目谋划 | 统筹海绵城市项目谋划",
        "指导城市建设 | 指导城市建设",
    ]
    # a completion cell copying the goal with nothing after it is Q025's, and a category
    # label repeated (满意度指标 | 满意度指标) is not an indicator
    copied = "| 预期目标 | 实际完成情况 |\n| 自然资源执法补助经费 | 自然资源执法补助经费 | ||||\n"
    assert q(copied, "Q001") == []
    # a merged cell flattened into two columns of a budget table
    budget = "项目 | 预算数 | 执行数 |\n基本支出小计 | 基本支出小计 | 353.75 | 187.36 |\n"
    assert q(budget, "Q001") == []
    no_header = text.replace("年初目标值 | 实际完成值", "备注 | 说明")
    assert q(no_header, "Q001") == []


def test_overall_aim_above_quantified_annual_targets_is_not_vague() -> None:
    text = (
        "三、部门绩效目标\n（一）部门绩效总目标\n群众满意度普遍提升。\n"
        "（二）年度绩效目标\n群众满意度≥90%，道路硬化5公里。\n"
    )
    assert q(text, "Q001") == []
    unquantified = text.replace("群众满意度≥90%，道路硬化5公里。", "做好各项工作。")
    assert "群众满意度普遍提升" in [f.spans[0].text for f in q(unquantified, "Q001")]


# ---------------------------------------------------------------- Q002 missing goals

DUTIES = (
    "一、基本情况\n（一）主要职责\n"
    "执行本级人民代表大会的决议和上级国家行政机关的决定和命令，发布决定和命令；"
    "管理本行政区域内的经济、教育、科学、文化、卫生、体育事业和财政、民政等行政工作；"
    "保护公民私人所有的合法财产，维护社会秩序，保障公民的人身权利。\n"
)


def test_goals_that_copy_the_duties() -> None:
    text = DUTIES + (
        "（二）年度绩效目标\n"
        "执行本级人民代表大会的决议和上级国家行政机关的决定和命令；管理本行政区域内的经济、"
        "教育、科学、文化、卫生、体育事业和财政、民政等行政工作；维护社会秩序。\n"
        "二、收支情况\n正文。\n"
    )
    found = q(text, "Q002")
    assert len(found) == 1
    assert found[0].severity == Severity.ERROR
    assert "职能" in found[0].message


def test_quantified_goals_are_not_duties() -> None:
    text = DUTIES + (
        "（二）年度绩效目标\n"
        "完成高标准农田建设2万亩，农技培训≥1200人次，服务对象满意度≥90%。\n"
        "二、收支情况\n正文。\n"
    )
    assert q(text, "Q002") == []


def test_report_without_any_goal() -> None:
    body = "本年开展各类活动，取得良好成效，群众反映较好。" * 40
    text = f"某镇2023年度部门整体支出绩效评价报告\n一、部门概况\n{body}\n二、部门整体支出绩效情况\n{body}\n"
    found = q(text, "Q002")
    assert len(found) == 1 and "全文未见" in found[0].message
    with_target = text.replace("群众反映较好。", "满意度≥90%。", 1)
    assert q(with_target, "Q002") == []
    # a goal bounded after its figure (…恢复农业生产16.6万亩以上) is a goal stated in prose
    bounded = text.replace("群众反映较好。", "支持受灾地区恢复农业生产16.6万亩以上。", 1)
    assert q(bounded, "Q002") == []
    # near miss: a figure with no bound after it is no goal
    plain = text.replace("群众反映较好。", "全区受灾面积16.6万亩。", 1)
    assert len(q(plain, "Q002")) == 1


def test_no_goal_is_not_judged_on_a_fragment_or_under_a_goals_heading() -> None:
    body = "本年开展各类活动，取得良好成效，群众反映较好。"
    cut = f"某镇2023年度绩效自评报告\n一、部门概况\n{body * 20}\n"  # a page cut short
    assert q(cut, "Q002") == []
    goals = (
        f"某镇2023年度绩效自评报告\n一、绩效目标分解下达情况\n{body * 40}\n二、其他\n{body * 40}\n"
    )
    assert q(goals, "Q002") == []


def test_form_goal_cell_listing_the_units_duties() -> None:
    text = (
        "年度总体目标 | 年初设定目标 | 年度总体目标完成情况 | ||||\n"
        "(1)制定和组织实施经济发展计划,组织指导好各业生产,协调好本乡与外地区的经济交流。"
        "(2)制定村镇建设规划,负责土地、林木等自然资源的保护。(3)组织本级财政收入的征收,"
        "管好财政资金。 | (1)积极履职,较好地完成本年工作任务。 |\n"
    )
    found = q(text, "Q002")
    assert len(found) == 1 and found[0].spans[0].text.startswith("(1)制定和组织实施经济发展计划")
    assert "职责条目" in found[0].message
    goals = text.replace("管好财政资金。", "管好财政资金,新建道路5公里,群众满意度≥90%。")
    assert q(goals, "Q002") == []


def test_goals_section_with_only_the_funds_and_their_use() -> None:
    text = (
        "某县2021年度彩票公益金绩效自评报告\n一、绩效目标分解下达情况\n"
        "2021年度,下达我县补助资金200万元,用于残疾人托养中心建设项目,大幅度提升了残疾人生活质量。\n"
        "二、绩效目标完成情况分析\n资金全部用于托养中心建设,改善了残疾人生活条件。\n"
    )
    found = q(text, "Q002")
    assert [s.text for s in found[0].spans][:1] == ["一、绩效目标分解下达情况"]
    assert len(found) == 1 and "资金数额和用途" in found[0].message
    # a figure that may be a target, a per-unit standard, a stated goal, a target elsewhere
    assert q(text.replace("用于残疾人", "建成床位50张的残疾人"), "Q002") == []
    assert q(text.replace("200万元", "0.6万元/人"), "Q002") == []
    assert q(text.replace("用于残疾人", "绩效目标为建成残疾人"), "Q002") == []
    assert q(text + "发放率指标为100%,实际完成值为100%。\n", "Q002") == []
    # a section that says where its targets are given is not a section without targets
    pointer = text.replace(
        "大幅度提升了残疾人生活质量。", "绩效目标已分解下达(具体详见“绩效指标完成情况”)。"
    )
    assert q(pointer, "Q002") == []


def test_no_goal_is_not_judged_on_a_text_that_ends_in_its_overview() -> None:
    body = "本年开展各类活动，取得良好成效，群众反映较好。" * 20
    # the score summary stands first, then the text stops inside the unit's overview
    cut = (
        f"某局2020年度整体支出绩效评价报告\n一、自评得分情况\n经评价，自评得分95分。{body}\n"
        f"二、单位基本概况\n（一）机构设置情况\n{body}\n（二）单位职责\n1.组织贯彻执行{body}\n"
    )
    assert q(cut, "Q002") == []
    whole = cut + f"三、部门整体支出绩效情况\n{body}\n"
    assert len(q(whole, "Q002")) == 1


# ---------------------------------------------------------------- Q003 missing actuals


def test_scored_targets_without_actuals() -> None:
    text = (
        "部门履职：(1)实际完成率≥100%;(2)工作完成及时率≥95%，此指标赋分25分，得分24.38分。\n"
        "服务对象：群众满意度≥90%，实际为93%，此指标赋分10分，得分10分。\n"
    )
    found = q(text, "Q003")
    assert len(found) == 1
    assert [s.text for s in found[0].spans] == ["赋分25分，得分24.38分"]


BODY = "本年开展各类活动，取得良好成效，群众反映较好。" * 80 + "\n"


def test_budget_only_report() -> None:
    text = "2022年预算收入3167.20万元，其中：一般公共预算收入1794.96万元。\n支出预算3167.20万元。\n"
    found = q(text + BODY, "Q003")
    assert len(found) == 1 and "决算" in found[0].message
    assert q(text + BODY + "2022年决算支出3100.00万元。\n", "Q003") == []
    assert q(text + BODY + "资金预算100万元,支付率100%。\n", "Q003") == []
    assert q(text, "Q003") == []  # a fragment or a cut page: the 决算 may follow


# ---------------------------------------------------------------- Q004 / Q005 self-scores


def test_self_score_without_indicator_scores() -> None:
    text = "经综合评价，2022年度部门整体支出绩效自评综合得分98分。\n"
    assert codes(q(text, "Q004")) == ["Q004"]
    backed = text + "其中产出指标分值50分，得分49分；效益指标分值30分，得分29分。\n"
    assert q(backed, "Q004") == []


def test_full_marks_with_problems() -> None:
    text = "四、评价结论\n（一）评价结论。绩效评价得分：100分。\n（二）存在问题。项目执行率需进一步提高。\n"
    found = q(text, "Q005")
    assert len(found) == 1 and "100" in found[0].message
    assert q(text.replace("100分", "92分"), "Q005") == []
    assert q(text.replace("项目执行率需进一步提高。", "无"), "Q005") == []


def test_full_marks_with_problems_named_inline() -> None:
    text = (
        "项目绩效自评综述：项目绩效自评得分为100分。全年预算数为4000万元，执行数为4000万元。"
        "发现的主要问题及原因：一是项目统筹编制预算时不细；二是项目实施过程中监督力度不够。\n"
    )
    [found] = q(text, "Q005")
    assert found.spans[1].text.startswith("一是项目统筹编制预算时不细")
    # near misses: a lower score, no problem found, a form's prompt in place of problems
    assert q(text.replace("100分", "95分"), "Q005") == []
    none = text.replace("一是项目统筹编制预算时不细；二是项目实施过程中监督力度不够", "无")
    assert q(none, "Q005") == []
    prompt = "自评得分100分。\n存在问题：结合自评情况，分析存在的问题及原因。\n"
    assert q(prompt, "Q005") == []


# ---------------------------------------------------------------- Q010 empty section


def test_empty_suggestions_section() -> None:
    text = "七、改进措施\n加强管理。\n八、有关建议\n无\n"
    found = q(text, "Q010")
    assert len(found) == 1 and found[0].spans[0].text == "八、有关建议\n无"


def test_analysis_sections_answered_with_none_are_one_finding() -> None:
    text = "四、存在的问题\n无。\n五、有关建议\n无。\n"
    [f] = q(text, "Q010")
    assert [sp.text for sp in f.spans] == ["四、存在的问题\n无。", "五、有关建议\n无。"]
    assert "存在的问题、有关建议" in f.message and f.data["count"] == 2


def test_none_under_an_optional_other_matters_section_is_an_answer() -> None:
    # 其他需要说明的问题 asks for something only if there is something: 无 answers it
    assert q("五、有关建议\n加强调度。\n六、其他需要说明的问题\n无。\n", "Q010") == []
    assert len(q("五、有关建议\n加强调度。\n六、需要说明的问题\n无。\n", "Q010")) == 1


def test_section_marked_classified_is_empty_on_purpose() -> None:
    # (涉密) in the heading says the content is withheld: its empty body is no omission
    text = "一、单位基本情况\n（一）单位情况\n本单位是一级行政单位。\n（二）人员情况（涉密）\n（三）工作职能\n负责治安。\n"
    assert q(text, "Q010") == []
    # the same section unmarked and empty is still reported
    text = "一、单位基本情况\n（一）单位情况\n本单位是一级行政单位。\n（二）人员情况\n（三）工作职能\n负责治安。\n"
    assert len(q(text, "Q010")) == 1


def test_none_as_a_fact_is_not_empty() -> None:
    text = "（二）项目情况\n1.整体情况\n共实施项目5个。\n2.100万以上项目：无\n"
    assert q(text, "Q010") == []


def test_list_items_without_body_are_not_empty_sections() -> None:
    text = "三、目标\n（一）总目标\n（1）加强党建\n（2）改善环境\n（二）年度目标\n满意度≥90%。\n"
    assert q(text, "Q010") == []


def test_table_of_contents_is_not_a_row_of_empty_sections() -> None:
    toc = "目录\n一、部门概况\n（一）部门职能\n二、评价结论\n三、存在的问题\n四、改进措施及建议\n"
    body = (
        "一、部门概况\n本局内设科室5个。\n二、评价结论\n自评得分95分。\n"
        "三、存在的问题\n部分调查进度偏慢。\n四、改进措施及建议\n加强调度。\n"
    )
    assert q(toc + body, "Q010") == []
    # the body's own empty section still counts
    empty = body.replace("部分调查进度偏慢。\n", "")
    found = q(toc + empty, "Q010")
    assert [f.spans[0].text for f in found] == ["三、存在的问题"]
    assert found[0].spans[0].line == 11  # the body's heading, not the entry


# ---------------------------------------------------------------- Q011 duplicate heading


def test_same_heading_twice_under_one_parent() -> None:
    text = "五、存在问题\n（一）项目进度不均衡\n甲。\n（二）项目进度不均衡\n乙。\n（三）资金闲置\n丙。\n"
    found = q(text, "Q011")
    assert len(found) == 1 and found[0].spans[0].text == "项目进度不均衡"
    assert found[0].spans[0].line == 4


def test_same_heading_under_different_parents_is_fine() -> None:
    text = "三、绩效目标\n1.数量指标\n≥5个。\n四、完成情况\n1.数量指标\n完成6个。\n"
    assert q(text, "Q011") == []


def test_top_level_section_repeating_an_earlier_topic() -> None:
    text = "五、存在问题、采取的纠偏措施及改进建议\n正文。\n六、存在问题\n正文。\n"
    found = q(text, "Q011")
    assert len(found) == 1 and found[0].severity == Severity.INFO
    near = "五、绩效目标\n正文。\n六、绩效目标完成情况\n正文。\n"
    assert q(near, "Q011") == []


# ---------------------------------------------------------------- Q012 template residue


def test_template_title_and_placeholders() -> None:
    text = "附件1\n县级部门整体绩效自评报告范本\n一、概况\n××镇共有XX个村。\n"
    found = q(text, "Q012")
    quotes = [f.spans[0].text for f in found]
    assert "县级部门整体绩效自评报告范本" in quotes
    assert "××" in quotes and "XX" in quotes


def test_a_content_sites_page_title_is_not_the_reports_template_title() -> None:
    page = (
        "财政部门整体支出绩效评价报告【模板】\n时间:2022-05-25 浏览量:\n"
        "下面是小编为大家整理的财政部门整体支出绩效评价报告【模板】，供大家参考。\n"
        "财政部门整体支出绩效评价报告【模板】\n某县编办部门整体支出绩效评价报告\n一、概况\n正文。\n"
    )
    assert q(page, "Q012") == []
    # without the site's blurb the same title line is the report's own
    own = page.replace(
        "下面是小编为大家整理的财政部门整体支出绩效评价报告【模板】，供大家参考。\n", ""
    )
    assert len(q(own, "Q012")) == 1


def test_project_template_used_for_a_department_report() -> None:
    cover = "部门整体支出绩效评价报告\n项目名称:部门整体支出绩效评价报告\n项目单位: 某县编办\n"
    found = q(cover, "Q012")
    assert [f.spans[0].text for f in found] == ["项目名称:部门整体支出绩效评价报告"]
    assert "项目报告的封面" in found[0].message
    prose = "（三）部门整体支出分析。\n本项目由基本支出和项目支出两个部分构成。\n"
    assert [f.spans[0].text for f in q(prose, "Q012")] == ["本项目由基本支出和项目支出两个部分构成"]
    # a real project name, and a project's own spending, are fine
    assert q("项目名称:农村饮水工程维修养护\n", "Q012") == []
    assert q("本项目支出主要用于设备购置和安装。\n", "Q012") == []


def test_monitoring_report_written_on_the_self_evaluation_template() -> None:
    text = (
        "某县民族宗教局2022年补助资金项目绩效监控总结报告\n绩效目标分解下达情况\n正文。\n"
        "< >绩效自评工作开展情况根据要求，我单位开展了监控。\n"
        "< >绩效目标自评完成情况分析(一)资金投入情况分析\n正文。\n"
    )
    found = q(text, "Q012")
    assert len(found) == 1 and found[0].data["count"] == 2
    assert [s.text for s in found[0].spans] == ["绩效自评工作开展情况", "绩效目标自评完成情况分析"]
    # the same headings in a self-evaluation report are its own
    own = text.replace("绩效监控总结报告", "绩效自评报告")
    assert q(own, "Q012") == []
    # a monitoring report that mentions last year's self-evaluation in prose
    prose = (
        "某局2022年项目绩效监控报告\n一、监控情况\n参照上年度绩效自评结果，本年监控发现进度偏慢。\n"
    )
    assert q(prose, "Q012") == []


def test_template_mentioned_in_prose_is_fine() -> None:
    text = "一、概况\n本报告依据省财政厅印发的自评报告模板编写，数据来源于XXL-Job系统导出的台账。\n"
    assert q(text, "Q012") == []


def test_bookmark_artefact_is_not_template_residue() -> None:
    assert q("一、概况\n[bookmark: _GoBack]正文。\n", "Q012") == []


def test_fill_in_instruction_left_in() -> None:
    found = q("三、部门整体绩效管理情况（根据自评体系进行描述）\n正文。\n", "Q012")
    assert len(found) == 1


# ---------------------------------------------------------------- Q013 date before year end


def test_report_dated_inside_the_evaluated_year() -> None:
    text = "某镇2024年部门整体支出绩效评价报告\n一、概况\n正文。\n              2024年12月26日\n"
    found = q(text, "Q013")
    assert len(found) == 1 and found[0].spans[0].text == "2024年12月26日"
    assert q(text.replace("2024年12月26日", "2025年3月2日"), "Q013") == []


def test_signature_run_together_with_a_flattened_page() -> None:
    text = (
        "现已完成某县2022年衔接资金项目绩效目标自评,联系人:张三,附件:2022年项目绩效自评表"
        "某县水利局2022年12月30日绩效目标自评表(2022年度)项目名称农业水价综合改革项目\n"
    )
    found = q(text, "Q013")
    assert [f.spans[0].text for f in found] == ["某县水利局2022年12月30日"]
    # signed after the year closed
    assert q(text.replace("2022年12月30日", "2023年2月10日"), "Q013") == []
    # a date in a sentence of the same long line is not a signature
    prose = text.replace(
        "自评表某县水利局2022年12月30日绩效", "自评表。某县水利局2022年12月30日下达资金，绩效"
    )
    assert q(prose, "Q013") == []


def test_mid_year_report_is_not_judged() -> None:
    text = "某镇2024年上半年绩效监控报告\n一、概况\n正文。\n2024年7月10日\n"
    assert q(text, "Q013") == []


# ---------------------------------------------------------------- Q014 stale text


def test_forecast_overtaken_by_report_date() -> None:
    text = (
        "某镇2023年度部门整体支出绩效评价报告\n一、概况\n"
        "新建户厕106座，目前已经完成90%，预计在12月20日前可全部完工。"
        "和美乡村预计在2024年可全面完成。\n2024年3月29日\n"
    )
    found = q(text, "Q014")
    assert len(found) == 1
    assert "12月20日" in found[0].spans[0].text


def test_forecast_after_report_date_is_fine() -> None:
    text = "某镇2023年度绩效评价报告\n一、概况\n计划于2024年10月前完成验收。\n2024年3月29日\n"
    assert q(text, "Q014") == []


# ---------------------------------------------------------------- Q015 unexplained problem


def test_bare_problem_among_explained_ones() -> None:
    text = (
        "六、存在的主要问题\n"
        "1.招商引资力度不够。一是对外宣传力度不够，没有余力投入宣传。\n"
        "2.社会治理离群众期待还有差距。一是禁毒工作打击力度不够，管控难度仍然较大。\n"
        "3.公用经费和项目经费存在缺口。\n"
        "七、改进措施\n正文。\n"
    )
    found = q(text, "Q015")
    assert [f.spans[0].text for f in found] == ["3.公用经费和项目经费存在缺口。"]
    terse = "六、存在的主要问题\n1.预算执行偏慢\n2.制度不够完善\n七、改进措施\n正文。\n"
    assert q(terse, "Q015") == []


# ---------------------------------------------------------------- Q020 unsupported claim


def test_satisfaction_grade_without_rate() -> None:
    text = "通过满意度调查，服务对象对部门履职的满意度为优秀。\n"
    assert len(q(text, "Q020")) == 1
    rated = "抽样调查420户，服务对象满意度为96%，评价为优秀。\n"
    assert q(rated, "Q020") == []


def test_table_cells_named_satisfaction_are_not_a_grade() -> None:
    # A flattened indicator table: 一级指标 "满意度指标", then 二级指标 "满意度" on the next line.
    table = "一级指标\n二级指标\n三级指标\n满意度指标\n满意度\n群众满意度\n"
    assert q(table, "Q020") == []
    assert len(q("群众满意度较高。\n", "Q020")) == 1


def test_sweeping_achievement_claim() -> None:
    text = "四、目标实现程度\n各项绩效目标均已按照预算达到100%实现。\n"
    found = q(text, "Q020")
    assert len(found) == 1 and "100%实现" in found[0].spans[0].text
    backed = text + "其中农技培训目标≥1000人次，实际1200人次。\n"
    assert q(backed, "Q020") == []


# ---------------------------------------------------------------- Q021 copy-paste


def test_spending_sentence_repeats_income_sentence() -> None:
    text = (
        "（一）收入情况\n2023年预算收入1282.33万元，一般公共预算拨款收入1008.65万元；"
        "政府性基金预算拨款收入273.67万元。\n"
        "（二）支出情况\n2023年支出预算1282.33万元，一般公共预算拨款收入1008.65万元；"
        "政府性基金预算拨款收入273.67万元。\n"
    )
    found = q(text, "Q021")
    assert len(found) == 1 and "支出" in found[0].spans[0].text
    assert "收入" in found[0].message


def test_equal_totals_with_different_parts_are_fine() -> None:
    text = (
        "（一）收入情况\n本年收入1844.31万元，其中财政拨款1366.27万元，其他收入478.04万元。\n"
        "（二）支出情况\n本年支出1844.31万元，其中基本支出888.67万元，项目支出955.64万元。\n"
    )
    assert q(text, "Q021") == []


# ---------------------------------------------------------------- Q022 garbled numbers


def test_broken_numbers() -> None:
    found = q("严格执行12个%，建立了3三个污水处理池。\n", "Q022")
    assert len(found) == 2
    assert q("完成率12%，建立了3个污水处理池，共十三个村。\n", "Q022") == []


def test_messages_have_an_english_variant() -> None:
    found = review_text("满意度为优秀。\n", select=["Q020"], lang="en")
    assert found and "satisfaction" in found[0].message


def test_unsupported_score_is_silent_when_a_flattened_score_table_backs_it() -> None:
    text = (
        "一、自评情况\n"
        "一级指标\n三级指标\n分值\n得分\n"
        "产出指标\n河道清淤长度\n40\n36\n"
        "效益指标\n防汛安全事故发生率\n40\n40\n"
        "满意度指标\n群众满意度\n20\n19\n"
        "合计\n\n100\n95\n"
        "经自评，本部门自评得分95分。\n"
    )
    assert not [f for f in review_text(text) if f.code == "Q004"]


def test_a_year_left_blank_as_underscores_is_a_placeholder() -> None:
    text = "结合我市20_耕地质量监测工作实际，现将20__年项目实施情况自评如下：\n一、概况\n正文。\n"
    found = q(text, "Q012")
    assert len(found) == 1 and found[0].data["count"] == 2  # one cause, both spans
    assert [s.text for s in found[0].spans] == ["20_", "20__"]
    # underscores inside identifiers, dates or numbers are no blank year
    for near in (
        "附件文件名为report_2020_final。\n",
        "编号2020_01号文件。\n",
        "指标值为20_1。\n",
        "2020年完成任务。\n",
    ):
        assert q(near, "Q012") == [], near


# ---------------------------------------------------------------- Q003 targets-only tables

TARGETS_ONLY = (
    "2019年度某县助学金项目绩效评价指标表\n"
    "评价指标评价内容指标名称指标说明目标值分值备注\n"
    "产出数量指标享受资助人数达到预计值210010\n"
    "资金支出率达到目标值95%10\n"
    "时效指标及时发放率达到目标值100%20\n"
    "总分\n100\n"
)


def test_an_evaluation_table_with_targets_and_weights_only_lists_no_result() -> None:
    [f] = q(TARGETS_ONLY, "Q003")
    assert f.severity == Severity.WARNING
    assert [s.text for s in f.spans] == [
        "评价指标评价内容指标名称指标说明目标值分值备注",
        "2019年度某县助学金项目绩效评价指标表",
    ]
    assert "没有实际完成值和得分" in f.message


def test_tables_with_a_result_column_or_no_evaluation_title_stay_silent() -> None:
    # a header with an actual or a score column
    for head in ("目标值分值实际完成值得分", "目标值分值得分", "指标值权重完成情况"):
        text = TARGETS_ONLY.replace("目标值分值备注", head)
        assert q(text, "Q003") == [], head
    # the rows state results although the header does not name them
    rows = TARGETS_ONLY.replace("达到目标值95%10", "达到目标值95%，实际完成98%10")
    assert q(rows, "Q003") == []
    # a target-setting form (绩效目标表), not an evaluation table
    goals = TARGETS_ONLY.replace("绩效评价指标表", "绩效目标申报表")
    assert q(goals, "Q003") == []
    # a header with no rows under it (the text is cut)
    assert q("某项目绩效自评表\n指标名称目标值分值\n", "Q003") == []


# ---------------------------------------------------------------- Q026 stale years in a form

FORM_HEAD = "马铃薯种薯繁育项目绩效目标自评表(2022年度)\n"


def test_an_indicator_deadline_in_an_earlier_year_is_stale() -> None:
    text = FORM_HEAD + "时效指标 | 指标1 | 2021年11月30日前完成资金支付 | 8 | 100% | 100% | 8\n"
    [f] = q(text, "Q026")
    assert f.spans[0].text == "2021年11月30日前"
    assert "2022年度" in f.message and "完成时限" in f.message


def test_an_earlier_years_plan_as_the_annual_goal_is_stale() -> None:
    text = (
        "部门预算项目支出绩效自评表(2023年度)\n"
        "项目基本情况 | 项目年度目标 | 年度目标完成情况 |\n"
        "2022年医疗保障局计划使用财政资金45万元发放工资。 | 已完成 |\n"
    )
    [f] = q(text, "Q026")
    assert f.spans[0].text == "2022年医疗保障局计划"


def test_deadlines_and_plans_of_the_evaluated_year_or_elsewhere_stay_silent() -> None:
    # the evaluated year's own deadline
    assert q(FORM_HEAD + "时效指标 | 2022年11月30日前完成资金支付 | 8\n", "Q026") == []
    # an earlier date in the narrative, not an indicator's deadline
    assert q(FORM_HEAD + "项目于2021年11月前完成招标。\n", "Q026") == []
    # an earlier year's plan not under an annual-goal header
    text = "部门预算项目支出绩效自评表(2023年度)\n情况说明 |\n2022年计划完成的工程已于本年验收。\n"
    assert q(text, "Q026") == []
    # no year stated, or forms of two different years: no year to judge against
    assert q("时效指标 | 2021年11月30日前完成资金支付 | 8\n", "Q026") == []
    two = FORM_HEAD + "某项目绩效自评表(2021年度)\n时效指标 | 2021年11月30日前完成 | 8\n"
    assert q(two, "Q026") == []


# ---------------------------------------------------------------- Q004 on an unreadable table


def test_a_score_table_whose_cells_cannot_be_read_is_not_said_to_be_missing() -> None:
    text = (
        "某项目绩效目标自评表(2022年度)项目总得分99分\n"
        "绩效指标一级指标二级指标三级指标分值年度指标值全年实际值得分未完成原因\n"
        "产出指标数量指标指标1发放原种8550万粒550万粒8指标2采购8200万粒200万粒8\n"
    )
    [f] = q(text, "Q004")
    assert f.severity == Severity.INFO
    assert [s.text for s in f.spans] == ["总得分99分", "分值年度指标值全年实际值得分"]
    assert "无法按行读出" in f.message and "没有列出" not in f.message


def test_a_score_table_with_its_target_columns_before_the_weight_is_one_too() -> None:
    # 年度指标值 实际完成值 分值 得分: the order a province's form prints them in.
    text = (
        "项目支出绩效自评表(2022年度)\n"
        "二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施\n"
        "质量指标 指标1:工程质量合格 10 10\n时效指标 指标1:年度资金支付完成率100% 10 10\n"
        "总分 100 100\n"
    )
    [f] = q(text, "Q004")
    assert f.severity == Severity.INFO and "无法按行读出" in f.message


def test_a_funds_block_header_is_no_indicator_score_table() -> None:
    # 分值 执行率 得分 heads the budget-execution row, not an indicator table
    text = "资金 | 预算数 | 执行数 | 分值 | 执行率 | 得分\n综合自评得分98分，评价等级为优。\n"
    [f] = q(text, "Q004")
    assert f.severity == Severity.WARNING and "没有列出" in f.message
