"""The quality rules read a defect however a report words it: the same fill-in prompt, cut-off
date or stale plan written the ways reports of different provinces write them, each with a near
miss that uses the same words in a sentence that is fine. (The paraphrase probes in
evals/probes/quality_paraphrases.yaml measure the same over many more texts.)"""

from __future__ import annotations

import unicodedata

import pytest

from tests.helpers import review_text

TITLE = (
    "永安县教育体育局2023年度学生资助项目支出绩效自评报告\n一、项目基本情况\n全年执行480万元。\n"
)
SIGNED = "永安县教育体育局\n2024年3月15日\n"
NEXT = "\n三、资金使用情况\n全年支出480万元。\n"


def kinds(text: str, *wanted: str) -> list[str]:
    return [f.code for f in review_text(text) if f.kind in wanted]


# ---------------------------------------------------------------- a form's fill-in prompts


@pytest.mark.parametrize(
    "prompt",
    [
        "（请简要说明项目实施内容、组织方式和完成情况，限300字）",  # word limit after a comma
        "（简要描述项目立项依据、资金来源及用途，不超过500字）",
        "（請簡要說明項目實施情況，200字以內）",  # traditional characters
        "(由项目实施单位填写)",  # who fills it in, half-width brackets
        "（针对存在的问题提出具体改进措施）",  # an order with no 请
        "（如有偏差，需说明原因）",
        "【填写项目年度绩效目标完成情况】",  # square brackets
        "单击或点击此处输入文字。",  # a word processor's empty content control
    ],
)
def test_a_prompt_left_where_the_content_belongs_is_reported(prompt: str) -> None:
    text = TITLE + "二、项目实施情况\n" + prompt + NEXT + SIGNED
    assert kinds(text, "template_residue", "empty_section"), prompt


@pytest.mark.parametrize(
    "line",
    [
        "注：本部分内容请根据实际情况填写，不需要的可删除。",
        "评价结论：（结合自评得分情况，对项目绩效作出总体评价）",
        "项目名称 | 某某项目 | 主管部门 | 某某局",
    ],
)
def test_orders_to_the_drafter_and_placeholders_beside_other_text_are_residue(line: str) -> None:
    text = TITLE + "二、其他说明\n" + line + NEXT + SIGNED
    assert kinds(text, "template_residue"), line


@pytest.mark.parametrize(
    "line",
    [
        "本报告按照市财政局印发的自评报告模板编写，限于篇幅，详细数据见附表。",
        "资助资金按学期发放（详见附件2）。",
        "请各学校于每学期开学后一个月内报送受助学生名单，县局汇总后统一发放。",
        "资金于2023年9月拨付到校（比上年提前一个月）。",
        "按规定由学校填写申请表并公示5个工作日（可在校务公开栏查阅）。",
        "资助对象为家庭经济困难学生（含建档立卡户、低保户子女）。",
        "全县某些学校资助档案不够规范，某某某同学的材料已补齐。",
    ],
)
def test_brackets_and_orders_in_reported_text_are_not_prompts(line: str) -> None:
    text = TITLE + "二、项目实施情况\n" + line + NEXT + SIGNED
    assert kinds(text, "template_residue", "empty_section") == [], line


# ---------------------------------------------------------------- cut-offs inside the year


@pytest.mark.parametrize(
    "sentence",
    [
        "截至2023.11.30，项目资金支出450万元。",  # a dotted date
        "截止到十一月底，项目资金支出450万元。",  # a month in Chinese numerals
        "截至2023年第三季度末，项目支出360万元。",  # a quarter's end
        "截至目前（2023年11月25日），已发放资金450万元。",  # the date in brackets
        "到2023年11月20日止，共发放资助资金450万元。",  # 到…止
    ],
)
def test_a_cutoff_inside_the_year_is_read_however_the_date_is_written(sentence: str) -> None:
    text = TITLE + "二、资金使用情况\n" + sentence + NEXT + SIGNED
    assert kinds(text, "date_before_year_end") == ["Q013"], sentence


@pytest.mark.parametrize(
    "sentence",
    [
        "截至2023.12.31，项目资金支出480万元。",  # the year end itself
        "截止到十二月底，项目资金支出480万元。",
        "截至2023年第四季度末，项目支出480万元。",
        "截至2024.02.28，上年结转资金20万元已支付完毕。",  # the next year
        "第二批资金于2023年11月30日拨付到校。",  # an event's date, not a cut-off
        "到2023年11月20日，资金已全部拨付，较计划提前10天。",  # no 止: a date reached
    ],
)
def test_year_end_cutoffs_and_event_dates_stay_silent(sentence: str) -> None:
    text = TITLE + "二、资金使用情况\n" + sentence + NEXT + SIGNED
    assert kinds(text, "date_before_year_end") == [], sentence


# ---------------------------------------------------------------- stale plans


@pytest.mark.parametrize(
    "sentence",
    [
        "第二批资金拟于2023年12月上旬发放。",
        "我局将于2023年11月组织开展资助政策专项检查。",
        "剩余资金预计将在2023年第四季度支付完毕。",
    ],
)
def test_a_plan_whose_date_has_passed_is_stale(sentence: str) -> None:
    text = TITLE + "二、项目实施情况\n" + sentence + NEXT + SIGNED
    assert kinds(text, "stale_text") == ["Q014"], sentence


@pytest.mark.parametrize(
    "sentence",
    [
        "原计划2023年9月开工，实际于10月开工，已于12月竣工。",
        "按计划于2023年10月完成全部资助资金发放。",
        "项目原预计2023年10月完工，受雨季影响延至12月完工。",
        "剩余资金预计将在2024年第二季度支付完毕。",  # after the report's date
    ],
)
def test_a_plan_told_in_the_past_or_still_ahead_is_not_stale(sentence: str) -> None:
    text = TITLE + "二、项目实施情况\n" + sentence + NEXT + SIGNED
    assert kinds(text, "stale_text") == [], sentence


# ---------------------------------------------------------------- sweeping claims with no data

PROBLEMS = "\n三、存在的问题\n资助档案管理不够规范。\n"


@pytest.mark.parametrize(
    "claim",
    [
        "各項任務均已全面完成，達到了預期目標。",  # traditional characters
        "项目产出指标、效益指标、满意度指标全部达标。",  # 达标 as the verb
        "受助學生對項目滿意度很高。",
    ],
)
def test_a_sweeping_claim_is_read_in_traditional_characters_too(claim: str) -> None:
    text = TITLE + "二、绩效目标完成情况\n" + claim + PROBLEMS + SIGNED
    assert kinds(text, "unsupported_claim") == ["Q020"], claim


@pytest.mark.parametrize(
    "claim",
    [
        "資助學生1200人次，年初目標全部實現。",  # the figure stands beside the claim
        "发放问卷200份，收回196份，满意度为96%，受助学生满意度较高。",
        "各项指标全部达标，其中资助学生1200人次，发放及时率100%。",
        "社會公眾對項目的滿意度顯著提高。",  # a direction, not a grade (Q020 reads grades)
    ],
)
def test_a_claim_with_its_figures_or_a_direction_is_not_an_unsupported_grade(claim: str) -> None:
    text = TITLE + "二、绩效目标完成情况\n" + claim + PROBLEMS + SIGNED
    assert kinds(text, "unsupported_claim") == [], claim


# ---------------------------------------------------------------- analysis sections left empty

FOLLOWS = "\n三、改进措施\n加强资助档案管理，完善工作台账。\n"


@pytest.mark.parametrize("mark", ["/", "／", "——", "—", "略。", "（略）"])
def test_an_analysis_section_answered_with_a_mark_is_empty(mark: str) -> None:
    text = TITLE + "二、偏差原因分析\n" + mark + FOLLOWS + SIGNED
    found = [f for f in review_text(text) if f.kind == "empty_section"]
    assert [f.code for f in found] == ["Q010"], mark
    assert unicodedata.normalize("NFKC", mark).strip("。()") in found[0].message


@pytest.mark.parametrize(
    "heading, body",
    [
        ("其他需要说明的问题", "/"),  # an optional section: nothing to say is an answer
        ("偏差原因分析", "主要原因是第二批资金下达较晚——12月下旬才到位。"),
        ("偏差原因分析", "2023/2024学年资助名单调整。"),
        ("资金到位情况", "——"),  # not an analysis section
    ],
)
def test_a_mark_in_an_optional_section_or_in_a_sentence_is_not_empty(
    heading: str, body: str
) -> None:
    text = TITLE + "二、" + heading + "\n" + body + FOLLOWS + SIGNED
    assert kinds(text, "empty_section") == [], (heading, body)


def test_several_sections_answered_with_marks_make_one_finding_that_names_them() -> None:
    text = (
        TITLE
        + "二、存在的问题\n无\n三、原因分析\n/\n四、改进措施\n略\n五、自评得分\n95分。\n"
        + SIGNED
    )
    found = [f for f in review_text(text) if f.kind == "empty_section"]
    assert len(found) == 1 and len(found[0].spans) == 3
    assert "“无”“/”“略”" in found[0].message


# ---------------------------------------------------------------- vague goals

RESULTS = "\n三、绩效目标完成情况\n全年资助学生1200人次，发放资金480万元。\n"


@pytest.mark.parametrize(
    "goals",
    [
        "二、年度績效目標\n進一步改善困難學生就學條件，提升群眾獲得感。",  # traditional characters
        "二、绩效目标\n社会效益指标：困难学生就学状况明显改善。",  # 状况 as the indicator noun
        "二、绩效目标\n1.农村人居环境面貌明显改善；2.社会治安秩序稳步好转。",
        "二、绩效目标\n2.效益指标：农民种粮积极性明显提高。",  # …性 as the indicator noun
    ],
)
def test_a_goal_that_names_a_direction_only_is_vague_in_either_script(goals: str) -> None:
    text = TITLE + goals + RESULTS + SIGNED
    found = [f for f in review_text(text) if f.kind == "vague_target"]
    assert found, goals
    assert text.index(goals) <= found[0].spans[0].start < text.index(goals) + len(goals)


@pytest.mark.parametrize(
    "goals",
    [
        "二、年度績效目標\n資助困難學生不少於1150人次，資金發放及時率100%。",
        "二、绩效目标\n社会效益指标：困难学生辍学率控制在0.5%以内。",
        "二、绩效目标完成情况\n困难学生就学状况明显改善，辍学率由1.2%降至0.4%。",
    ],
)
def test_a_quantified_goal_or_a_result_is_not_vague(goals: str) -> None:
    text = TITLE + goals + RESULTS + SIGNED
    assert kinds(text, "vague_target") == [], goals


def test_a_quote_of_a_report_in_traditional_characters_is_given_as_written() -> None:
    text = (
        TITLE + "二、年度績效目標\n進一步改善困難學生就學條件，提升群眾獲得感。" + RESULTS + SIGNED
    )
    found = [f for f in review_text(text) if f.kind == "vague_target"]
    assert found and ("獲得感" in found[0].message or "條件" in found[0].message)


# ---------------------------------------------------------------- more wordings of the same defects


def test_a_prompt_that_opens_with_dui_zhao_is_a_prompt() -> None:
    text = TITLE + "二、自评结论\n（对照年初绩效目标，逐项分析完成情况）" + NEXT + SIGNED
    assert kinds(text, "template_residue", "empty_section")


def test_a_percent_sign_with_its_figure_lost_is_garbled() -> None:
    text = TITLE + "二、资金使用情况\n资助覆盖率达%，发放及时率为%。" + NEXT + SIGNED
    found = [f for f in review_text(text) if f.code == "Q022"]
    assert len(found) == 1 and len(found[0].spans) == 2


def test_a_unit_cell_and_a_figure_with_its_percent_are_not_garbled() -> None:
    text = (
        TITLE
        + "二、资金使用情况\n指标 | 执行率% | 100%\n资助覆盖率达100%，及时率为98%。"
        + NEXT
        + SIGNED
    )
    assert [f.code for f in review_text(text) if f.code == "Q022"] == []


def test_a_year_end_deadline_passed_is_stale_unless_its_sentence_names_a_later_year() -> None:
    stale = TITLE + "二、项目实施情况\n该项目将于2023年底前全面完工并投入使用。" + NEXT + SIGNED
    assert kinds(stale, "stale_text") == ["Q014"]
    ahead = TITLE + "二、下一步工作\n2024年计划再建资助服务站8个，预计年底前建成。" + NEXT + SIGNED
    assert kinds(ahead, "stale_text") == []


def test_an_in_year_figure_beside_the_year_end_one_is_its_history() -> None:
    text = (
        TITLE
        + "二、资金使用情况\n截止2023年12月31日，支出进度为96%；截至10月31日为84%。"
        + NEXT
        + SIGNED
    )
    assert kinds(text, "date_before_year_end") == []
    alone = TITLE + "二、资金使用情况\n截至10月31日，支出进度为84%。" + NEXT + SIGNED
    assert kinds(alone, "date_before_year_end") == ["Q013"]


# ---------------------------------------------------------------- goals listed as slogans


@pytest.mark.parametrize(
    "passage",
    [
        "全年较好地完成了以下工作目标：一是精准资助，落实资助政策新要求；二是规范管理，提升资助工作新水平。",
        "本项目年度目标如下：1.健全资助体系；2.强化资助育人；3.加强队伍建设。",
    ],
)
def test_goals_announced_as_a_list_with_no_figure_are_vague(passage: str) -> None:
    text = TITLE + "二、绩效目标完成情况\n" + passage + PROBLEMS + SIGNED
    found = [f for f in review_text(text) if f.code == "Q001"]
    assert len(found) == 1 and "项" in found[0].message, passage


@pytest.mark.parametrize(
    "passage",
    [
        "全年完成了以下工作目标：一是资助学生1200人次；二是资金发放及时率100%。",
        "2023年度完成了以下工作目标：一是资助1200人次，二是按时发放。",  # one item counts
        "主要做法如下：一是精准识别；二是规范管理。",  # not goals
    ],
)
def test_goals_listed_with_a_figure_or_a_list_of_methods_are_not_vague(passage: str) -> None:
    text = TITLE + "二、绩效目标完成情况\n" + passage + PROBLEMS + SIGNED
    assert [f.code for f in review_text(text) if f.code == "Q001"] == [], passage


# ---------------------------------------------------------------- goals met, work not done


@pytest.mark.parametrize(
    "admission",
    ["受多种因素影响，部分工作计划未开展，项目推进缓慢。", "资助信息系统建设进度滞后。"],
)
def test_goals_claimed_met_while_work_is_admitted_undone_is_a_contradiction(
    admission: str,
) -> None:
    text = (
        TITLE
        + "二、绩效目标完成情况\n年度绩效目标基本完成。\n三、存在的问题\n"
        + admission
        + "\n"
        + SIGNED
    )
    found = [f for f in review_text(text) if f.code == "Q126"]
    assert len(found) == 1 and found[0].severity.value == "info", admission


@pytest.mark.parametrize(
    "text",
    [
        TITLE
        + "二、绩效目标完成情况\n年度任务全部完成。\n三、存在的问题\n不存在工作计划未开展的情况。\n",
        TITLE + "二、绩效目标完成情况\n年度任务基本完成，其中信息系统建设进度滞后，已结转下年。\n",
        TITLE
        + "二、绩效目标完成情况\n资助学生1200人次。\n三、存在的问题\n信息系统建设进度滞后。\n",
    ],
)
def test_a_negated_admission_one_sentence_or_no_claim_is_no_contradiction(text: str) -> None:
    assert [f.code for f in review_text(text + SIGNED) if f.code == "Q126"] == []


def test_counts_that_name_the_claimed_tasks_are_not_evidence_for_the_claim() -> None:
    claim = "上级交办的重点任务、5项民生实事、8个重点项目等年度考核指标绝大部分超额完成。"
    text = TITLE + "二、绩效目标完成情况\n" + claim + PROBLEMS + SIGNED
    assert kinds(text, "unsupported_claim") == ["Q020"]


@pytest.mark.parametrize(
    "claim",
    [
        "建成12个村级资助服务站、培训资助干部3批等，年度目标任务全部完成。",  # results listed
        "完成12个村的资助核查、5项专项检查等年度任务，目标任务全部完成。",  # 完成 + count
    ],
)
def test_counts_of_what_was_done_still_back_the_claim(claim: str) -> None:
    text = TITLE + "二、绩效目标完成情况\n" + claim + PROBLEMS + SIGNED
    assert kinds(text, "unsupported_claim") == [], claim


@pytest.mark.parametrize(
    "cover",
    [
        "主管部门:永安县教育局 评价人员: 201 一、项目基本情况",
        "项目单位：永安县教育体育局 填报日期：20 联系电话：0591-5512345",
        "评价负责人：202",
    ],
)
def test_a_cover_field_holding_only_the_forms_year_stub_is_blank(cover: str) -> None:
    text = TITLE + cover + "\n二、资金使用情况\n全年支出480万元。\n" + SIGNED
    assert kinds(text, "template_residue") == ["Q012"], cover


@pytest.mark.parametrize(
    "cover",
    [
        "主管部门:永安县教育局 评价人员: 张明 一、项目基本情况",
        "参与人员：20 联系电话：0591-5512345",  # a head count
        "填报日期：2024年3月15日",
        "评价时间：2024.03.15",
    ],
)
def test_a_filled_cover_field_or_a_count_is_not_blank(cover: str) -> None:
    text = TITLE + cover + "\n二、资金使用情况\n全年支出480万元。\n" + SIGNED
    assert kinds(text, "template_residue") == [], cover


@pytest.mark.parametrize(
    "claim, admission",
    [
        ("各项目标均已圆满完成。", "因审批手续未完成，2所学校的维修工程至今尚未开工。"),
        ("資助任務全部完成。", "部分工作計劃未開展，項目進展緩慢。"),  # traditional characters
    ],
)
def test_goals_met_against_works_not_started_or_in_traditional_script(
    claim: str, admission: str
) -> None:
    text = (
        TITLE + "二、绩效目标完成情况\n" + claim + "\n三、存在的问题\n" + admission + "\n" + SIGNED
    )
    found = [f for f in review_text(text) if f.code == "Q126"]
    assert len(found) == 1, (claim, admission)
    assert claim.rstrip("。") in found[0].message  # quoted as the report writes it


def test_work_of_a_later_year_not_started_is_no_contradiction() -> None:
    text = (
        TITLE
        + "二、绩效目标完成情况\n年度任务全面完成。\n三、存在的问题\n下一年度新建项目尚未开工。\n"
    )
    assert [f.code for f in review_text(text + SIGNED) if f.code == "Q126"] == []


# ---------------------------------------------------------------- reports in traditional characters


@pytest.mark.parametrize(
    "body, kind, code",
    [
        ("二、項目實施情況\n預計2023年10月底前完成全部資助資金發放。", "stale_text", "Q014"),
        ("二、存在問題及原因分析\n無。", "empty_section", "Q010"),
        ("二、績效目標完成情況\n7.滿意度指標。受助學生滿意度≥90%。", "missing_actuals", "Q125"),
        ("二、項目概況\n（請簡要說明項目實施情況，200字以內）", "template_residue", "Q012"),
    ],
)
def test_a_defect_written_in_traditional_characters_is_read(
    body: str, kind: str, code: str
) -> None:
    text = TITLE + body + "\n三、改进措施\n加强资助档案管理。\n" + SIGNED
    assert code in kinds(text, kind), body


@pytest.mark.parametrize(
    "body, kind",
    [
        ("二、項目實施情況\n原計劃2023年9月開工，實際於10月開工，已於12月竣工。", "stale_text"),
        ("二、其他需要說明的問題\n無。", "empty_section"),
        ("二、績效目標完成情況\n7.滿意度指標。受助學生滿意度為96%。", "missing_actuals"),
    ],
)
def test_the_same_near_misses_in_traditional_characters_stay_silent(body: str, kind: str) -> None:
    text = TITLE + body + "\n三、改进措施\n加强资助档案管理。\n" + SIGNED
    assert kinds(text, kind) == [], body


# ---------------------------------------------------------------- a unit slip on what was spent


@pytest.mark.parametrize(
    "sentence", ["年初预算100元，全年执行数33.78元。", "项目实际支出45.2元，执行率90.4%。"]
)
def test_an_amount_spent_of_a_few_yuan_is_a_unit_slip(sentence: str) -> None:
    text = TITLE + "二、资金使用情况\n" + sentence + NEXT + SIGNED
    assert "Q041" in kinds(text, "unit_mismatch"), sentence


@pytest.mark.parametrize(
    "sentence",
    ["午餐补助每人每天执行4元。", "资金结余0.36元，已上缴国库。", "实际支出单价12元/份。"],
)
def test_a_per_head_amount_a_balance_or_a_unit_price_is_no_slip(sentence: str) -> None:
    text = TITLE + "二、资金使用情况\n" + sentence + NEXT + SIGNED
    assert kinds(text, "unit_mismatch") == [], sentence


def test_a_bracketed_order_after_a_condition_is_a_prompt() -> None:
    text = TITLE + "二、偏差说明\n（若实际完成值与年度指标值存在偏差，请说明原因）" + NEXT + SIGNED
    assert kinds(text, "template_residue", "empty_section")
    fine = (
        TITLE + "二、偏差说明\n主要原因是面积核实延后（县政府已批复，请示见附件）。" + NEXT + SIGNED
    )
    assert kinds(fine, "template_residue", "empty_section") == []


def test_two_adverbs_before_the_verb_still_make_a_sweeping_claim() -> None:
    text = (
        TITLE
        + "二、绩效目标完成情况\n本项目年度绩效目标全部圆满实现，社会效益显著。"
        + PROBLEMS
        + SIGNED
    )
    assert kinds(text, "unsupported_claim") == ["Q020"]


def test_a_figure_counted_in_wan_backs_the_claim_beside_it() -> None:
    text = (
        TITLE
        + "二、绩效目标完成情况\n补贴面积12.8万亩、农户1.2万户，各项指标均已完成。"
        + PROBLEMS
        + SIGNED
    )
    assert kinds(text, "unsupported_claim") == []


def test_a_note_in_a_heading_whose_subsections_follow_is_neither_a_prompt_nor_empty() -> None:
    text = (
        TITLE
        + "三、绩效指标分析情况(对照附件2《项目绩效自评指标评分表》分析)\n"
        + "(一)自评分数。\n对照评分表逐项打分，自评分数96分。\n"
        + "(二)评价指标分析。\n项目资金预算860万元，实际支出852万元，执行率99.07%。\n"
        + SIGNED
    )
    assert kinds(text, "template_residue", "empty_section") == []


def test_a_word_limit_in_a_heading_whose_subsections_follow_is_residue_not_an_empty_section() -> (
    None
):
    text = (
        TITLE
        + "三、绩效分析（2000字以内）\n"
        + "(一)产出分析。\n资助学生1200人次。\n(二)效益分析。\n辍学率降至0.4%。\n"
        + SIGNED
    )
    found = [f for f in review_text(text) if f.kind in ("template_residue", "empty_section")]
    assert [f.code for f in found] == ["Q012"] and found[0].severity.value == "info"
