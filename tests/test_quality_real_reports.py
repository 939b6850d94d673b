"""Quality rules on shapes seen in published reports: goals in prose or under transfer-payment
headings, texts cut before the goals, form entries copying the duties, actuals that are not
values, OCR damage, repeated clauses and stale notices. Each reading has near misses that must
stay silent."""

from __future__ import annotations

from tests.helpers import review_text


def q(text: str, code: str) -> list:
    return list(review_text(text, select=[code]))


# ---------------------------------------------------------------- Q002 missing goals

FILLER = "本年开展各类活动，取得良好成效，群众反映较好。" * 12
NO_GOALS = (
    f"某镇2023年度部门整体支出绩效评价报告\n一、部门概况\n{FILLER}\n"
    f"二、部门整体支出绩效情况\n{FILLER}\n"
)


def test_report_reaching_its_results_without_goals_is_flagged() -> None:
    assert len(q(NO_GOALS, "Q002")) == 1


def test_goals_stated_in_prose_without_comparator() -> None:
    prose = NO_GOALS.replace(
        "一、部门概况\n", "一、部门概况\n年度绩效目标是完成10座危桥改造、农村公路18.8公里。\n"
    )
    assert q(prose, "Q002") == []
    funds = NO_GOALS.replace("一、部门概况\n", "一、部门概况\n资金目标:项目资金拨付率100%。\n")
    assert q(funds, "Q002") == []


def test_goals_under_transfer_payment_headings() -> None:
    for title in ("绩效目标分解下达情况", "绩效目标设定情况", "绩效目标完成情况"):
        text = NO_GOALS.replace("一、部门概况", f"一、{title}")
        assert q(text, "Q002") == [], title


def test_results_reported_indicator_by_indicator_follow_a_goal_set() -> None:
    # A transfer report whose results part goes through the indicator set (数量指标, 质量指标…)
    # reports against goals it was given: not a report without goals.
    by_indicator = NO_GOALS.replace(
        "二、部门整体支出绩效情况\n",
        "二、资金绩效评价结果\n(1)数量指标\n足额发放救助资金。\n(2)质量指标\n发放准确率100%。\n",
    )
    assert q(by_indicator, "Q002") == []
    # near miss: one indicator heading is not an indicator set
    one = NO_GOALS.replace(
        "二、部门整体支出绩效情况\n", "二、资金绩效评价结果\n(1)数量指标\n足额发放救助资金。\n"
    )
    assert len(q(one, "Q002")) == 1


def test_text_ending_before_results_is_not_judged() -> None:
    cut = f"某镇2023年度部门整体支出绩效评价报告\n一、部门概况\n{FILLER}\n二、收支情况\n{FILLER}\n"
    assert q(cut, "Q002") == []
    # a stated self-score shows the text reached the judged part
    scored = cut + "本单位自评得分95分。\n"
    assert len(q(scored, "Q002")) == 1


FORM_DUTIES = (
    "一、部门(单位)基本概况\n\n职能职责概述\n\n"
    "负责全县农业技术推广和指导工作。负责农业信息的收集、分析和发布。"
    "负责农产品质量安全的监督检查。负责对乡镇农技站的业务指导。\n\n"
    "年度主要\n\n工作内容\n\n"
)


def test_form_work_plan_copying_the_duties() -> None:
    text = FORM_DUTIES + (
        "1.做好全县农业技术推广和指导工作。2.完成农业信息的收集、分析和发布。"
        "3.农产品质量安全的监督检查。4.对乡镇农技站的业务指导。\n\n"
        "年度部门(单位)总体运行情况及取得的成绩\n\n全年运行平稳。\n"
    )
    found = q(text, "Q002")
    assert len(found) == 1
    assert "年度主要工作内容" in found[0].message
    assert found[0].spans[0].text.startswith("1.做好全县农业技术推广")


def test_form_work_plan_with_own_targets_is_silent() -> None:
    text = FORM_DUTIES + (
        "1.推广农业新技术12项，培训农民1500人次。2.抽检农产品300批次，合格率≥98%。\n\n"
        "年度部门(单位)总体运行情况及取得的成绩\n\n全年运行平稳。\n"
    )
    assert q(text, "Q002") == []


# ---------------------------------------------------------------- Q003 missing actuals

BUDGET = "一、项目资金情况\n本项目资金预算100万元，用于垃圾分类设施建设。\n"
PROBLEMS = "三、存在的问题\n项目储备不足。\n"


def test_budget_only_report_with_results_part() -> None:
    found = q(BUDGET + PROBLEMS, "Q003")
    assert len(found) == 1 and "决算" in found[0].message
    # the funds' total stated as 资金总计 / 资金总额 is the budget side as well
    total = "一、专项资金概况\n2019年度专项资金绩效评价资金总计85.98万元，其中监理费22万元。\n"
    assert len(q(total + PROBLEMS, "Q003")) == 1
    assert q(total + "二、使用情况\n已拨付资金85.98万元。\n" + PROBLEMS, "Q003") == []


def test_a_text_that_stops_in_its_budget_section_is_not_judged() -> None:
    # the results heading stands above, but the text stops where the budget granted is told:
    # the execution section would have followed
    cut = (
        "一、专项资金设立情况\n2019年预算安排300万元。\n二、专项资金项目绩效情况\n"
        "（一）2019年专项资金预算批复情况\n市财政局批复预算资金300万元。\n"
    )
    assert q(cut, "Q003") == []
    # near miss: an execution section that follows and states no amount is still judged
    more = cut + "（二）2019年预算执行情况\n资金使用规范，效果良好。\n" + PROBLEMS
    assert len(q(more, "Q003")) == 1


def test_spending_stated_as_a_rate_is_an_actual() -> None:
    for actual in ("资金支付率100%。", "资金已全额拨付。", "预算执行率为98.5%。"):
        assert q(BUDGET + actual + "\n" + PROBLEMS, "Q003") == [], actual


def test_text_ending_in_its_funds_part_is_not_judged() -> None:
    assert q("某县2022年项目支出绩效自评报告\n" + BUDGET, "Q003") == []


def test_execution_section_without_amount_or_rate() -> None:
    text = (
        "一、绩效目标分解下达情况\n本年共下达资金105万元，用于机井建设。\n"
        "二、资金投入情况分析\n1.项目资金执行情况分析\n该专项资金已按合同规定完成对该项目进度的支付。\n"
        "2.项目资金管理情况分析\n专款专用。\n" + PROBLEMS
    )
    found = q(text, "Q003")
    assert len(found) == 1
    assert found[0].spans[0].text.startswith("该专项资金已按合同规定")
    assert "执行率" in found[0].message
    # the same section with the amount paid is silent
    paid = text.replace("完成对该项目进度的支付", "支付资金98.6万元")
    assert q(paid, "Q003") == []
    # the works' completion rate elsewhere does not state the money spent
    works = text.replace("专款专用。", "专款专用。\n3.项目实施进度\n项目已竣工验收，完成率100%。")
    assert len(q(works, "Q003")) == 1
    rate = works.replace("完成率100%", "资金支付率100%")
    assert q(rate, "Q003") == []


def test_execution_section_without_amount_in_a_glossed_traditional_mirror() -> None:
    # the mirror prints 資金執(zhí)行情況: the heading is the same execution heading
    text = (
        "一、績(jī)效目標(biāo)分解下達(dá)等情況\n下達(dá)我市資金30萬元。\n"
        "二、績(jī)效目標(biāo)完成情況分析\n1.資金到位情況\n資金已全部到位。\n"
        "2.資金執(zhí)行情況\n目前,正在采購(gòu)救生衣60件、防汛應(yīng)急包50個(gè)。\n"
        "(二)資金管理情況\n專款專用。\n" + PROBLEMS
    )
    found = q(text, "Q003")
    assert len(found) == 1 and found[0].spans[0].text.startswith("目前,正在采購")
    # near miss: the amount spent under the same heading, in the mirror's script
    spent = text.replace("目前,正在采購", "已支出資金28.5萬元,采購")
    assert q(spent, "Q003") == []


def test_a_text_ending_with_its_execution_section_is_judged() -> None:
    # the text stops in the execution section itself, after a whole sentence that gives no
    # amount: that is all it says about the spending
    text = (
        "一、绩效目标分解下达情况\n下达我县资金30万元。\n"
        "二、绩效目标完成情况分析\n1.资金到位情况\n资金已全部到位。\n"
        "2.资金执行情况\n目前正在采购救生衣60件、应急包50个。\n"
    )
    found = q(text, "Q003")
    assert len(found) == 1 and found[0].spans[0].text.startswith("目前正在采购")
    # near miss: cut inside the sentence, the amount may have followed
    assert q(text.rstrip("。\n") + "，", "Q003") == []
    # near miss: ending in the funds-arrival section, before the execution one
    assert q(text.split("2.资金执行情况")[0], "Q003") == []


def test_a_text_holding_only_its_opening_conclusion_is_not_judged_goal_less() -> None:
    opening = (
        "一、自评结论\n(一)部门整体绩效自评得分\n"
        f"本局2024年部门整体支出绩效自评分96分，评价等级为优。{FILLER}\n"
    )
    assert q(opening, "Q002") == []
    # near miss: a second part after the conclusion shows the text goes on
    more = opening + f"二、部门整体支出绩效情况\n{FILLER}\n"
    assert len(q(more, "Q002")) == 1


def test_a_text_stopping_inside_its_first_scored_part_is_not_judged_goal_less() -> None:
    first = (
        "某县2023年度农业产业发展资金绩效评价自评报告\n"
        "一、资金管理方面,考核得分18分\n(一)预算安排情况\n"
        f"本级预算安排配套资金40万元，指标评价得分6分。{FILLER}\n"
    )
    assert q(first, "Q002") == []
    # near miss: a second part shows the text goes on, and no goal stands anywhere
    more = first + f"二、资金使用方面,考核得分20分\n{FILLER}\n"
    assert len(q(more, "Q002")) == 1


# ---------------------------------------------------------------- Q006 actual not a value


def test_done_against_a_split_numeric_target() -> None:
    text = "产出指标 | 经济成本指标 | 成本控制数 | ≤ | 30 | 万元 | 完成 | 90 | 90 |\n"
    found = q(text, "Q006")
    assert len(found) == 1
    assert found[0].spans[0].text.startswith("≤")


def test_done_100_percent_one_cell_per_line() -> None:
    text = "满意度指标\n        | 群众满意度\n        | 90%\n        | 已完成100%\n        |\n"
    assert len(q(text, "Q006")) == 1


def test_done_against_a_satisfaction_grade() -> None:
    assert len(q("满意度指标 | 群众满意度 | 满意 | 完成 | 10 |\n", "Q006")) == 1


def test_actual_figures_and_qualitative_targets_are_silent() -> None:
    assert q("成本控制数 | ≤ | 30 | 万元 | 28.5 | 90 | 90 |\n", "Q006") == []
    assert q("时效指标 | 按时完成宣传片制作 | 完成 | 10 |\n", "Q006") == []
    # a bare number before 完成 may be a weight, not a target
    assert q("质量指标 | 通过专家评审 | 10 | 完成 | 10 |\n", "Q006") == []
    # 完成 inside prose is not a cell
    assert q("计划新建机井2座，已完成。\n", "Q006") == []


def test_a_verdict_column_after_the_actual_figure_is_silent() -> None:
    """目标值 | 实际完成值 | 完成情况: the 完成 is the table's verdict on a row whose actual
    figure is there; the rule asks only where 完成 stands in place of the actual."""
    assert q("养护质量考核达标率 | ≥95% | 97.3% | 完成 |\n", "Q006") == []
    assert q("养护公园数量 | 42座 | 42座 | 完成 |\n", "Q006") == []
    assert q("| 地表水优良比例* | ≥90% | 95.5% | 完成 |\n", "Q006") == []


def test_done_after_a_target_alone_still_fires_beside_rows_with_actuals() -> None:
    # near misses of the verdict column: 完成 right after the target, or after a figure that
    # is itself a target on another line, or after a copied target
    assert len(q("养护质量考核达标率 | ≥95% | 完成 | 10 |\n", "Q006")) == 1
    assert len(q("新建公厕 | 100% | 1座 | 1座\n≥2次 | 完成 |\n", "Q006")) == 1
    copied = q("培训人次 | ≥90人次 | ≥90人次 | 完成 |\n", "Q006")
    assert any("“完成”" in f.message for f in copied)  # and the copy is one more finding


def test_target_copied_with_its_comparator() -> None:
    glued = "数量指标安装坡面水标尺10≥266米≥266米10质量指标验收合格率20100%100%20\n"
    found = q(glued, "Q006")
    assert len(found) == 1 and "照抄" in found[0].message
    assert found[0].spans[0].text == "≥266米≥266米"
    assert len(q("及时开工率 | ≥90% | ≥90% | 10 |\n", "Q006")) == 1


def test_actual_without_comparator_is_a_value() -> None:
    assert q("及时开工率 | ≥90% | 95% | 10 |\n", "Q006") == []
    assert q("受益人口 | ≥1000人 | 1200人 | 10 |\n", "Q006") == []
    assert q("水标尺宽度 | ≥5 | ≥50厘米 |\n", "Q006") == []


# ---------------------------------------------------------------- Q024 damaged text


def test_question_mark_run_and_empty_angle_brackets() -> None:
    assert len(q("新增低压电线50m等。 ????????????\n", "Q024")) == 1
    assert len(q("< >绩效自评工作开展情况\n", "Q024")) == 1
    # a URL query and a single question are not lost characters
    assert q("详见 http://example.gov.cn/view?id=502364&x=1 。是否按期完成?\n", "Q024") == []
    assert q("指标值为<5%，实际3%。\n", "Q024") == []


def test_percent_signs_listed_with_their_figures_lost() -> None:
    [f] = q(
        "22户个体工商户被标记为经营异常状态。%、%、%，未按规定公示年报的企业列入名录。\n", "Q024"
    )
    assert f.spans[0].text == "%、%、%" and "百分号" in f.message
    # the figures kept, one header unit, a share column's (%) stay silent
    assert q("公示率98%、95%、90%，均达标。\n", "Q024") == []
    assert q("执行率% | 得分\n", "Q024") == []
    assert q("占比(%)、增幅(%)\n", "Q024") == []


def test_a_metric_unit_with_its_last_letter_typed_twice() -> None:
    [f] = q("保土耕作412.83hm，经果林32.49hmm。\n", "Q024")
    assert f.spans[0].text == "32.49hmm" and "hmm" in f.message
    # millimetres, hectometres and a word after a figure stay silent
    assert q("降雨量120mm，治理面积32.49hm，共5kg。\n", "Q024") == []
    assert q("采用hmm格式的2种方案。\n", "Q024") == []


def test_pinyin_glosses_inserted_after_characters() -> None:
    found = q("安徽省部門項(xiàng)目績效目標(biāo)自評報告\n", "Q024")
    assert len(found) == 1 and "拼音" in found[0].message
    assert q("项目(一)按期完成；附件(a)见后。\n", "Q024") == []


def test_a_character_lost_to_a_question_mark_before_its_gloss() -> None:
    found = q("補助資金(萬元)??冃繕?(biāo)為:幫助\n", "Q024")
    assert any("问号" in f.message and "?(biāo)" in f.spans[0].text for f in found)
    # the gloss's opening bracket lost as well
    found = q("補助資金(萬元)??冃繕?biāo)為:幫助\n", "Q024")
    assert any("问号" in f.message and "?biāo)" in f.spans[0].text for f in found)
    # a question, or a question mark before a plain bracket, has lost nothing
    assert q("是否按期完成?(一)资金到位情况\n", "Q024") == []
    assert q("资金是否足额?(是)\n", "Q024") == []
    assert q("网址 http://example.gov.cn/?mode)\n", "Q024") == []


def test_figures_with_separators_no_number_allows() -> None:
    found = q("年度总金额.32.06.5其中财政拨款.32.06.579.27\n", "Q024")
    assert any("分隔符" in f.message for f in found)
    found = q("实际到位资金 | 7,00.0,77 |\n", "Q024")
    assert any("分隔符" in f.message and f.spans[0].text.startswith("7,00.0,77") for f in found)
    found = q("实际到位资金(万元)75实际支出(万元)89+82结余(万元)\n", "Q024")
    assert any("分隔符" in f.message and f.spans[0].text == "89+82" for f in found)
    # a sum written out is arithmetic, not a misread point
    assert q("实际支出(万元)89+82=171；参训人员8+12名\n", "Q024") == []
    # grouped thousands, dates, section numbers, lists and a plain decimal are numbers
    text = "资金1,234.50万元，项目支出23,059.62万元，2023.12.31完成；3.1.2 项目管理；分别为10.5,20.3,0.5；比例.5\n"
    assert q(text, "Q024") == []


def test_letters_read_for_digits() -> None:
    assert len(q("偏差率在OTo%(含)之间的得满分\n", "Q024")) == 1
    assert len(q("制作宣传品数量份第O份20份100%\n", "Q024")) == 1
    assert q("PM2.5浓度下降10%，COD排放减少5%；发放IC卡300张。\n", "Q024") == []
    # a stray mark before a whole rate: 0 cannot lead 76, so O is not a misread digit
    assert q("执行率得分(分)O76%107.6\n", "Q024") == []


def test_bounded_rate_above_100_percent() -> None:
    found = q("市民满意度调查290%，实际95%。\n", "Q024")
    assert len(found) == 1 and "100%" in found[0].message
    assert q("游客人数较上年增长290%，满意度95%。\n", "Q024") == []
    assert q("预算执行率105%，项目完成率120%。\n", "Q024") == []
    assert q("满意度同比提高150%。\n", "Q024") == []


def test_document_number_missing_its_bracket() -> None:
    assert len(q("根据《通知》(双桥经开财务发〔20226号)文件要求\n", "Q024")) == 1
    assert q("根据《通知》(双桥经开财务发〔2022〕6号)文件要求\n", "Q024") == []


def test_look_alike_characters_misread_around_a_figure() -> None:
    found = q("年初结余未19.8万元；年未结余数19.8万元。\n", "Q024")
    assert len(found) == 1 and found[0].data["n"] == 2 and "年末" in found[0].message
    assert q("资金尚未10月底前拨付；年末结余数19.8万元；未按期完成。\n", "Q024") == []


def test_ocr_glyphs_in_units_and_figures() -> None:
    # 兀 for 元 after 万, a capital read inside a decimal figure (3M.8 for 14.8)
    assert len(q("项目资金(万兀)年度资金总额64.8\n", "Q024")) == 1
    assert len(q("绿化、水电费等成本3M.8万元14.8万元3\n", "Q024")) == 1
    # near misses: 突兀 is a word, a model or grade with no unit, a figure with its unit
    assert q("造型突兀，资金(万元)64.8；购置A3.5型设备2台；PM2.5浓度下降10%。\n", "Q024") == []


def test_one_turned_into_a_hyphen() -> None:
    found = q("贯彻执行关于統-戰線的方针；选拔培养新-代代表人物。\n", "Q024")
    assert len(found) == 1 and found[0].data["n"] == 2
    # hyphens between names and systems are ordinary
    assert q("福建-漳州-长泰县；预算管理一体化系统-绩效模块；计划-实施-检查。\n", "Q024") == []


def test_central_committee_inserted_into_a_local_name() -> None:
    found = q("主管部门: 横县中共中央横县县委\n", "Q024")
    assert len(found) == 1 and "中共中央" in found[0].message
    assert q("根据中共中央、国务院和市委的部署；中共中央组织部和县委组织部。\n", "Q024") == []
    assert q("主管部门: 中共横县县委\n", "Q024") == []


def test_page_chrome_is_silent() -> None:
    chrome = (
        "索引号: | 11340722348722127R/202403-00037 | 发布机构: | 某县卫生健康委员会 |\n"
        "发布日期: | 2024-03-22 | 有效性: | 有效 | 咨询电话: | 0562-3211127 |\n"
    )
    assert q(chrome, "Q024") == []


# ---------------------------------------------------------------- Q025 repeated clause


def test_clause_pair_repeated_three_times() -> None:
    text = "及时拨付项目资金,履行项目资金保障;及时拨付项目资金,履行项目资金保障;及时拨付项目资金,履行项目资金保障。\n"
    found = q(text, "Q025")
    assert len(found) == 1 and "3次" in found[0].message


def test_completion_cell_copying_the_goal() -> None:
    text = "年度总体目标 | 确保每一个学生都能享受到国家政策福利,改善学生体质 | 确保每一个学生都能享受到国家政策福利,改善学生体质 |\n"
    found = q(text, "Q025")
    assert len(found) == 1 and "照抄" in found[0].message


def test_near_misses_stay_silent() -> None:
    # the same clause in two different paragraphs is not a paste slip
    assert (
        q("及时拨付项目资金,履行项目资金保障。\n及时拨付项目资金,履行项目资金保障。\n", "Q025")
        == []
    )
    # short cells repeated (target = actual) are ordinary table content
    assert q("质量指标 | 通过专家评审 | 通过专家评审 | 10 |\n", "Q025") == []
    # repeated far apart in a list of like items, or a clause carrying a figure per item
    text = (
        "该工程资金使用扶贫整合资金和县级专项扶贫资金,甲村道路硬化,乙村安全饮水,"
        "丙村桥梁维修,丁村水渠改造,该工程资金使用扶贫整合资金和县级专项扶贫资金。\n"
    )
    assert q(text, "Q025") == []
    figures = "一号项目资金支出进度比率为100%,已验收;二号项目资金支出进度比率为100%。\n"
    assert q(figures.replace("二号", "一号"), "Q025") == []


def test_completion_copying_a_goal_that_is_only_the_project_name_is_one_finding() -> None:
    text = (
        "项目名称 | 自然资源卫片执法补助经费专项资金 |\n"
        "年度总体目标 |\n预期目标 | 实际完成情况 |\n"
        "| 自然资源卫片执法补助经费专项资金 | 自然资源卫片执法补助经费专项资金 |\n"
        "| 绩效指标 | 年度指标值 | 实际完成值 |\n"
    )
    assert len(q(text, "Q002")) == 1  # the goal states no goal: Q002 reports the cause
    assert q(text, "Q025") == []


def test_completion_cell_restating_a_goal_item() -> None:
    text = (
        "(1)制定经济发展计划,组织指导好各业生产。(2)制定村镇建设规划,负责土地、林木、水等自然资源的保护。"
        " | (1)积极履职,较好地完成本年工作任务。(2)制定村镇建设规划,负责土地、林木、水等自然资源的保护。 |\n"
    )
    found = q(text, "Q025")
    assert len(found) == 1 and "照抄" in found[0].message
    assert found[0].spans[0].text == "负责土地、林木、水等自然资源的保护"
    # a figure in the clause (an item per row) and a clause repeated within one cell
    figures = "甲项目资金支出进度比率为100%,已验收 | 甲项目资金支出进度比率为100%,正在审计 |\n"
    assert q(figures, "Q025") == []
    within = (
        "负责土地、林木、水等自然资源的保护,做好防火;负责土地、林木、水等自然资源的保护 | 完成 |\n"
    )
    assert q(within, "Q025") == []  # within one cell of a row: not a copied cell
    # the later cell states a result of its own beside the copied clause
    result = (
        "项目完成后,更好地确保困难群众不因罹患重特大疾病影响基本生活。"
        " | 全年救助惠及11万人次,更好地确保困难群众不因罹患重特大疾病影响基本生活。 |\n"
    )
    assert q(result, "Q025") == []
    assert len(q(result.replace("惠及11万人次", "惠及困难群众"), "Q025")) == 1


def test_clause_repeated_a_clause_or_two_later_in_one_paragraph() -> None:
    text = (
        "项目建成后改善了残疾人生活条件,增强了残疾人综合服务事业的可持续发展能力,"
        "是缩小差距的现实需要,增强了残疾人综合服务事业的可持续发展能力。\n"
    )
    found = q(text, "Q025")
    assert len(found) == 1 and "相隔1句" in found[0].message
    assert found[0].spans[0].text == "增强了残疾人综合服务事业的可持续发展能力"
    assert found[0].spans[0].column > found[0].spans[1].column  # the second copy first
    short = "加强资金监管力度确保专款专用;及时拨付资金;加强资金监管力度确保专款专用。\n"
    assert len(q(short, "Q025")) == 1
    # a pair repeated in a row is one finding of the immediate kind, not a second one
    pair = "及时拨付项目资金,履行项目资金保障;及时拨付项目资金,履行项目资金保障。\n"
    found = q(pair, "Q025")
    assert len(found) == 1 and "连续出现2次" in found[0].message


# ---------------------------------------------------------------- Q026 stale reference

TITLE_2021 = "某县2021年农村饮水工程维修养护项目绩效自评报告\n"


def test_last_years_evaluation_notice_cited_as_basis() -> None:
    text = TITLE_2021 + "本项目自评依据文件为《关于开展2020年度水利发展资金绩效评价工作的通知》。\n"
    found = q(text, "Q026")
    assert len(found) == 1 and "2020年度评价工作的通知" in found[0].message


def test_legitimate_earlier_years_stay_silent() -> None:
    for line in (
        # this year's notice
        "本项目自评依据文件为《关于开展2021年度水利发展资金绩效评价工作的通知》。",
        # a budget notice issued the year before
        "根据《关于提前下达2021年中央财政水利发展资金预算的通知》下达资金30.9万元。",
        # last year's evaluation named, not as the basis
        "《关于开展2020年度水利发展资金绩效评价工作的通知》指出的问题已全部整改。",
        # rectification of last year's evaluation
        "按照《关于2020年度绩效评价工作整改的通知》完成整改。",
    ):
        assert q(TITLE_2021 + line + "\n", "Q026") == [], line


def test_indicator_definition_with_a_template_year() -> None:
    title = "某区2022年度部门整体支出绩效评价自评报告\n"
    found = q(title + "该指标以2015年完工的新建楼堂馆所为评价内容。\n", "Q026")
    assert len(found) == 1
    assert q(title + "该指标以2022年完工的新建楼堂馆所为评价内容。\n", "Q026") == []
    assert q(title + "增长率以2021年为基期计算。\n", "Q026") == []
    # no evaluated year in a title: nothing to compare with
    assert q("该指标以2015年完工的新建楼堂馆所为评价内容。\n", "Q026") == []


# ---------------------------------------------------------------- Q002 on a form's annual goal

FORM_HEAD = "项目名称\n\n办公楼暖通改造经费\n\n年度资金总额\n\n43.2\n\n年度总体目标\n\n预期目标\n\n实际完成情况\n\n"
FORM_NEXT = "\n\n一级指标\n\n二级指标\n\n三级指标\n"


def test_form_goal_with_figures_only() -> None:
    found = q(FORM_HEAD + "43.2\n\n37.24" + FORM_NEXT, "Q002")
    assert len(found) == 1 and "只填了数字" in found[0].message
    assert found[0].spans[0].text.startswith("43.2")


def test_form_goal_that_is_the_project_name() -> None:
    glossed = (
        "| 項(xiàng)目名稱(chēng) | 2020年省級自然資源衛(wèi)片執法補助經費支出績效自評表 |\n"
        "| 年度 總體 目標(biāo) | 預(yù)期目標(biāo) | 實(shí)際完成情況(kuàng) |\n"
        "| 自然資源衛(wèi)片執法補助經費 | 自然資源衛(wèi)片執法補助經費 |\n"
        "| 績(jì)效指標(biāo) | 年度指標值 |\n"
    )
    found = q(glossed, "Q002")
    assert len(found) == 1 and "项目（资金）名称" in found[0].message


def test_form_goal_with_content_is_silent() -> None:
    stated = (
        FORM_HEAD + "完成办公楼暖通改造，供暖面积达到5000平方米\n\n已完成改造并验收" + FORM_NEXT
    )
    assert q(stated, "Q002") == []
    # a goal sentence that names the project but says what it will achieve
    named = FORM_HEAD + "完成办公楼暖通改造经费支付，保障冬季供暖\n\n已完成" + FORM_NEXT
    assert q(named, "Q002") == []


def test_goals_framed_as_performing_duties() -> None:
    text = (
        "一、基本情况\n（二）部门整体支出绩效目标。\n"
        "努力做到思想上求精心、工作上求精细、成果上求精品，为推动发展献计出力。"
        "切实履行政治协商、民主监督、参政议政三大职能，做好建言献策、服务大局的各项工作。\n"
        "（三）部门整体支出情况分析。\n正文。\n"
    )
    found = q(text, "Q002")
    assert len(found) == 1 and "履行" in found[0].message
    # the same framing next to measurable targets is a goals section
    with_targets = text.replace("各项工作。", "各项工作，全年提交提案≥120件，办结率100%。")
    assert q(with_targets, "Q002") == []


EMPTY_FORM = (
    "绩效指标(90分) |\n一级指标 |\n二级指标 |\n三级指标 |\n指标性质 |\n指标值 |\n度量单位 |\n"
    "完成值 |\n权重 |\n得分 |\n未完成原因分析 |\n"
    "产出指标 |\n数量指标 |\n发放覆盖率 |\n= |\n100 |\n% |\n{actual} |\n60 |\n{score} |\n|\n"
    "效益指标 |\n社会效益指标 |\n足额保障率 |\n= |\n100 |\n% |\n{actual} |\n30 |\n{score} |\n|\n"
)


def test_empty_actual_cells_in_an_indicator_form() -> None:
    found = q(EMPTY_FORM.format(actual="", score=""), "Q006")
    assert len(found) == 1 and "为空" in found[0].message
    assert "发放覆盖率" in found[0].message
    assert q(EMPTY_FORM.format(actual="100", score="60"), "Q006") == []


# ---------------------------------------------------------------- Q007 completion without actual


def test_completion_answered_with_money_only() -> None:
    text = (
        "总体目标:完成项目改造建设总量50%。\n"
        "当年年度目标完成情况:2022年预算价为3483万元,2022年完成支付3483万元。\n"
    )
    found = q(text, "Q007")
    assert len(found) == 1 and "资金数额" in found[0].message
    # the completion gives its own measure
    own = text.replace("当年年度目标完成情况:", "当年年度目标完成情况:完成改造建设总量52%,")
    assert q(own, "Q007") == []
    # a money goal answered with money is answered
    money = text.replace("完成项目改造建设总量50%", "年度资金支付3483万元")
    assert q(money, "Q007") == []


def test_completion_answered_with_a_verdict() -> None:
    text = (
        "一、项目概况\n新建C25砼排水沟1300m，安排项目资金56万元。\n"
        "二、绩效目标完成情况分析\n项目已验收结算。项目数量、质量达到预期目的,项目实施后,"
        "可有效解决群众出行问题,受益群众满意度100%。\n"
    )
    found = q(text, "Q007")
    assert len(found) == 1 and found[0].spans[0].text == "项目数量、质量达到预期目的"
    stated = text.replace("项目实施后", "共建成排水沟1300m")
    assert q(stated, "Q007") == []
    # no planned quantity: the verdict has nothing to be measured against here
    assert q(text.replace("1300m", "工程"), "Q007") == []


def test_one_character_swapped_in_a_repeated_phrase() -> None:
    text = (
        "炎陵县农业农村局2019年酃县白鹅资源保种经费的绩效自评报告\n"
        "一、项目概况\n炎陵县农业农村局2019年鄱县白鹅资源保种经费用于保种场建设。\n"
    )
    found = q(text, "Q024")
    assert len(found) == 1 and "一个字" in found[0].message
    # one spelling each: which one is wrong cannot be told, so both are shown
    assert {"鄱县" in sp.text for sp in found[0].spans} == {True, False}
    # ordinary contrasts (a batch number, county vs province) are not misreads
    batches = (
        "一批项目县级批复资金用于道路建设工程施工。\n二批项目县级批复资金用于道路建设工程施工。\n"
    )
    assert q(batches, "Q024") == []
    levels = "本项目安排县级财政衔接推进资金100万元。\n本项目安排省级财政衔接推进资金50万元。\n"
    assert q(levels, "Q024") == []


def test_names_enumerated_in_one_slot_are_not_a_swap() -> None:
    # place names filling one slot of a list: 梅溪 / 桃溪 differ by one character, as names do
    listed = (
        "截至年底,城区供水管网工程(三期)北塘一、二标段,城区供水管网工程(三期)梅溪一、二、三标段,"
        "城区供水管网工程(三期)南浦一标段,城区供水管网工程(三期)桃溪一、二、三标段已开工。\n"
    )
    assert q(listed, "Q024") == []
    # the same two spellings with no list around them: still a misread
    twice = (
        "城区供水管网工程(三期)梅溪一、二、三标段已于五月开工。\n"
        "城区供水管网工程(三期)桃溪一、二、三标段已于五月开工。\n"
    )
    assert len(q(twice, "Q024")) == 1


def test_deadline_answered_done_is_silent() -> None:
    assert q("时效指标 | 完成时间 | 12月底前 | 完成 | 10 |\n", "Q006") == []
    assert q("时效指标 | 全年 | 1-12月 | 已完成100% | 10 |\n", "Q006") == []
    assert len(q("时效指标 | 办理时限 | ≤30天 | 完成 | 10 |\n", "Q006")) == 1


SINGLE_HEAD = "绩效指标(90分) | 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 完成值 | 权重 | 得分 |\n"
COST_ROW = "产出指标 | 经济成本指标 | 成本控制数 | ≤ | 30 | 万元 | 28 | 90 | 90 |\n"


def test_indicator_form_with_a_single_indicator() -> None:
    found = q(SINGLE_HEAD + COST_ROW + "合计 | 100 |\n", "Q002")
    assert len(found) == 1 and "只有一项指标" in found[0].message
    assert found[0].spans[0].text == "产出指标 | 经济成本指标 | 成本控制数"


def test_indicator_form_with_several_indicators_or_cut_is_silent() -> None:
    more = COST_ROW + "满意度指标 | 服务对象满意度 | 群众满意度 | ≥ | 90 | % | 95 | 10 | 10 |\n"
    assert q(SINGLE_HEAD + more + "合计 | 100 |\n", "Q002") == []
    # the text ends before the form does: more rows may follow
    assert q(SINGLE_HEAD + COST_ROW, "Q002") == []


def test_a_dollar_sign_after_a_figure_is_an_ocr_misreading() -> None:
    [f] = q("质量指标采购的原原种合格率8采购的原原种合格率290$290%8成本指标\n", "Q024")
    assert f.spans[0].text == "290$290%"
    assert "$" in f.message
    # a dollar amount written the usual way, or no figure before the sign, stays silent
    assert q("进口设备价款为US$1,200，折合人民币8500元。\n", "Q024") == []
    assert q("单价$5，合计40元。\n", "Q024") == []


def test_symbol_font_check_boxes_turned_into_signs() -> None:
    text = (
        "项目类别 | 1、部门预算项目 £ 2、区直专项 £ 3、上级转移支付项目 R | |||\n"
        "项目属性 | 1、持续性项目 £ 2、新增性项目 R | |||\n"
    )
    [f] = q(text, "Q024")
    assert f.data["n"] == 2  # one cause, both lines
    assert f.spans[0].text == "1、部门预算项目 £ 2、区直专项 £ 3、上级转移支付项目 R"
    # options followed by ordinary letters, with no box glyph on the line, stay silent
    assert q("等级：1、优秀 A 2、良好 B 3、合格 R\n", "Q024") == []
    # one pound sign is no option list
    assert q("1、英国项目 £ 500。\n", "Q024") == []


def test_a_goals_section_that_only_judges_the_goal_states_none() -> None:
    # Q002, not Q001: the section says the goal is reasonable instead of stating it.
    text = (
        "3.绩效目标\n本项目经费符合国家相关法律法规及本局职能,是为村民服务所必需的,绩效目标合理。\n"
        "二、绩效自评工作组织情况\n"
    )
    found = q(text, "Q002")
    assert len(found) == 1 and "目标合理" in found[0].message
    assert q(text, "Q001") == []
    # near misses: a verdict beside a stated target, or a section stating the goal vaguely
    stated = text.replace("绩效目标合理。", "绩效目标合理,全年服务村(社区)≥300个。")
    vague = "3.绩效目标\n为村民提供法律服务,提高村民的法律意识。\n二、绩效自评工作组织情况\n"
    assert q(stated, "Q002") == []
    assert q(vague, "Q002") == [] and len(q(vague, "Q001")) == 1


# ------------------------------------------- Q003 execution stated in words, in a numbered item

WORDS_ONLY = (
    "一、绩效目标分解下达情况\n下达中央转移支付资金预算80万元。\n"
    "二、绩效目标完成情况分析\n(一)资金投入情况分析。\n"
    "1.项目资金及时到位。\n"
    "2.项目资金除设备采购外均按计划及时执行。\n"
    "3.项目资金严格按规定管理。\n"
    "(二)绩效指标完成情况分析。\n开展培训12场。\n" + PROBLEMS
)


def test_execution_asserted_in_words_under_the_funds_analysis() -> None:
    # no amount spent and no rate anywhere: "及时执行" is the only word on execution
    found = q(WORDS_ONLY, "Q003")
    assert len(found) == 1
    assert found[0].spans[0].text.startswith("2.项目资金除设备采购外")
    assert found[0].spans[1].text == "资金投入情况分析"


def test_transfer_payment_is_a_fund_type_not_a_payment() -> None:
    # 转移支付资金预算80万元 names the budget of a transfer payment, not money paid out
    assert "转移支付" in WORDS_ONLY and len(q(WORDS_ONLY, "Q003")) == 1


def test_execution_in_words_near_misses() -> None:
    # the amount spent stated anywhere
    spent = WORDS_ONLY.replace("开展培训12场。", "开展培训12场，已支出资金76万元。")
    assert q(spent, "Q003") == []
    # the item itself carries the rate
    rate = WORDS_ONLY.replace("均按计划及时执行。", "均按计划执行，执行率95%。")
    assert q(rate, "Q003") == []
    # a purpose, not a statement of what was done
    # (the report still gives its budget only, which the budget-only reading reports)
    purpose = WORDS_ONLY.replace(
        "2.项目资金除设备采购外均按计划及时执行。", "2.为确保项目资金使用精准，成立工作专班。"
    )
    assert [f.spans[0].text for f in q(purpose, "Q003")] == ["下达中央转移支付资金预算80万元。"]
    # the same sentence outside a funds-analysis part
    elsewhere = WORDS_ONLY.replace("(一)资金投入情况分析。", "(一)组织实施情况。")
    assert [f.spans[0].text for f in q(elsewhere, "Q003")] == ["下达中央转移支付资金预算80万元。"]


# ---------------------------------------------- Q001 a run-together form's goal with no figure

RUN = (
    "项目名称初中公用经费主管部门某市教育局年度总体目标"
    "年初设定目标保障学校正常工作运行年度总体目标完成情况一级指标二级指标三级指标\n"
)


def test_a_run_together_goal_phrase_with_no_figure_is_an_info() -> None:
    found = q(RUN, "Q001")
    assert [f.spans[0].text for f in found] == ["保障学校正常工作运行"]
    assert found[0].severity.value == "info"


def test_run_together_goal_near_misses() -> None:
    # a goal with its figure
    assert q(RUN.replace("保障学校正常工作运行", "保障在校学生1200人正常就餐"), "Q001") == []
    # the labels printed before the values (header row, then the cells): no goal between them
    header = RUN.replace(
        "年初设定目标保障学校正常工作运行年度总体目标完成情况", "年初设定目标全年实际完成情况"
    )
    assert q(header, "Q001") == []


# ---------------------------------------------------------------- Q001 a form goal not quantified

FORM_GOAL = (
    "年度总体目标 | 预期目标 | 实际完成情况 |\n"
    "{goal} | {done} |\n"
    "绩效指标 | 一级指标 | 二级指标 |\n"
)


def test_a_form_goal_without_quantity_beside_a_counted_completion() -> None:
    text = FORM_GOAL.format(
        goal="1.建设徽风皖韵美丽乡村;2.整治美丽宜居自然村庄;3.推进农村改厕提质增效。",
        done="1.启动4个精品示范村建设;2.整治美丽宜居自然村庄202个;3.完成改厕3061户。",
    )
    found = [f for f in q(text, "Q001") if "预期目标" in f.message]
    assert len(found) == 1 and found[0].spans[0].text.startswith("1.建设徽风皖韵")
    # a quantified goal, a completion that counts nothing either: silent
    quantified = text.replace("整治美丽宜居自然村庄;", "整治美丽宜居自然村庄200个;")
    assert [f for f in q(quantified, "Q001") if "预期目标" in f.message] == []
    uncounted = FORM_GOAL.format(
        goal="1.建设徽风皖韵美丽乡村;2.整治美丽宜居自然村庄。", done="1.已完成建设;2.整治效果良好。"
    )
    assert [f for f in q(uncounted, "Q001") if "预期目标" in f.message] == []
