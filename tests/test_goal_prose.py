"""Vague goals stated outside a goals section (claims/goal_prose.py, reported by Q001): goals in
prose after a label, in traditional characters, intended results named by their direction in
goal-setting sections, and 数量指标 rows that set no quantity. Each with near misses that must
stay silent."""

from __future__ import annotations

from pathlib import Path

from reviewer.document.script import to_simplified
from reviewer.models import Severity
from tests.helpers import REPORTS, review_text


def q001(text: str) -> list:
    return list(review_text(text, select=["Q001"]))


# ---------------------------------------------------------------- traditional characters


def test_traditional_characters_read_as_simplified_with_offsets_kept() -> None:
    text = "實現受災地區生產能力基本恢復，績效目標設定及指標完成情況"
    out = to_simplified(text)
    assert out == "实现受灾地区生产能力基本恢复，绩效目标设定及指标完成情况"
    assert len(out) == len(text)


def test_simplified_text_is_left_unchanged() -> None:
    # Characters in use as simplified ones (著, 乾 …) are not mapped; no sample report changes.
    assert to_simplified("显著提高，乾坤") == "显著提高，乾坤"
    for path in Path(REPORTS).glob("*.txt"):
        text = path.read_text(encoding="utf-8")
        assert to_simplified(text) == text, path.name


# ---------------------------------------------------------------- goals after a label

HEAD = "一、绩效目标分解下达情况\n中央下达资金150万元。"


def test_a_labelled_goal_with_no_measure_in_any_item_is_flagged() -> None:
    text = (
        HEAD + "绩效目标:一是通过开展法制宣传活动提高全民法治素养,建设法治政府;"
        "二是为经济困难当事人提供无偿法律服务;三是切实保障业务工作的开展。\n"
        "二、绩效目标完成情况分析\n办理法律援助案件94件。\n"
    )
    found = q001(text)
    assert len(found) == 1
    f = found[0]
    assert f.severity == Severity.WARNING and "等3项" in f.message
    assert f.spans[0].text == "通过开展法制宣传活动提高全民法治素养,建设法治政府"
    assert len(f.spans) == 3


def test_a_labelled_goal_with_a_figure_in_one_item_is_silent() -> None:
    text = HEAD + "绩效目标:一是开展法制宣传活动不少于80场;二是为经济困难当事人提供无偿法律服务。\n"
    assert q001(text) == []


def test_a_goal_named_as_a_principle_or_measured_by_indicators_below_is_silent() -> None:
    principle = HEAD + "以年度目标为导向，加强项目管理，提高资金使用效益。\n"
    indicators = (
        HEAD + "年度目标为:按照相关规划，结合地方实际支持农业生产发展。"
        "年度目标下设33个三级绩效指标，包括23个数量指标。\n"
    )
    assert q001(principle) == []
    assert q001(indicators) == []


def test_an_overall_aim_is_flagged_only_when_nothing_is_quantified() -> None:
    # The label alone on its line, the numbered items below it.
    aim = (
        HEAD + "\n年度总体目标:\n\n1.提升困难群众获得感、幸福指数。\n\n"
        "2.切实保障代发系统高效、安全运行,提高数据采集质量和速度。\n"
    )
    found = q001(aim)
    assert len(found) == 1 and found[0].severity == Severity.INFO
    assert found[0].spans[0].text == "提升困难群众获得感、幸福指数"
    # near miss: quantified targets stand below it, so the aim is a direction by design
    assert q001(aim + "（1）数量指标：救助人数≥1000人。\n") == []


def test_an_overall_aim_followed_by_the_years_quantified_targets_is_silent() -> None:
    """A 十四五 aim stated as a direction, then the year's targets as plain figures (no
    comparator): the report is quantified, so the aim is a direction by design."""
    aim = (
        "一、绩效目标\n“十四五”时期我区产业总体目标是推动产业集群向高端化、智能化转型。"
        "围绕这一方向，2024年度量化目标为：支持技术改造项目20个，新增规上企业30家，"
        "产业集群产值增长8%。\n"
    )
    assert q001(aim) == []
    # near misses: what follows is results, not targets, or a target sentence with no figure
    results = (
        "一、绩效目标\n“十四五”时期我区产业总体目标是推动产业集群向高端化、智能化转型。"
        "2024年支持技术改造项目23个，新增规上企业34家，100%实现年度绩效目标。\n"
    )
    wordy = (
        "一、绩效目标\n“十四五”时期我区产业总体目标是推动产业集群向高端化、智能化转型。"
        "2024年度目标为继续推进技术改造。\n"
    )
    for text in (results, wordy):
        overall = [f for f in q001(text) if f.spans[0].text.startswith("推动产业集群")]
        assert len(overall) == 1 and overall[0].severity == Severity.INFO, text


def test_an_overall_aim_in_traditional_characters_is_read() -> None:
    text = "一、績效目標分解下達情況\n總體目標為加強森林資源管護,推進高質量國土綠化,完成森林撫育任務。\n"
    found = q001(text)
    assert len(found) == 1 and found[0].spans[0].text.startswith("加強森林資源管護")


# ---------------------------------------------------------------- intended results

SETTING = "(二)绩效目标设定及指标完成情况\n"


def test_an_intended_result_named_by_its_direction_is_flagged() -> None:
    text = SETTING + "资金用于防灾减灾支出的比例要达到100%,实现受灾地区生产能力基本恢复。\n"
    found = q001(text)
    assert len(found) == 1 and found[0].spans[0].text == "实现受灾地区生产能力基本恢复"
    assert found[0].severity == Severity.INFO


def test_the_same_in_traditional_characters_is_flagged() -> None:
    text = "(二)績效目標設定及指標完成情況\n資金比例要達到100%,實現受災地區生產能力基本恢復。\n"
    found = q001(text)
    assert len(found) == 1 and found[0].spans[0].text == "實現受災地區生產能力基本恢復"


def test_a_result_narrated_without_intent_or_outside_goal_setting_is_silent() -> None:
    narrated = SETTING + "资金已全部发放到位,实现受灾地区生产能力基本恢复。\n"
    elsewhere = "(三)项目资金产出情况\n比例要达到100%,实现受灾地区生产能力基本恢复。\n"
    past = SETTING + "比例要达到100%,实现了受灾地区生产能力基本恢复。\n"
    quantified = SETTING + "比例要达到100%,实现受灾地区80%以上生产能力基本恢复。\n"
    for text in (narrated, elsewhere, past, quantified):
        assert q001(text) == [], text


# ---------------------------------------------------------------- 数量指标 rows

ROW_HEAD = "一级指标二级指标三级指标年初目标值实际完成值得分\n"


def test_a_quantity_indicator_that_sets_no_quantity_is_flagged() -> None:
    text = ROW_HEAD + "产出指标数量指标成本控制不超过预算不超过预算10质量指标专款专用专款专用10\n"
    found = q001(text)
    assert len(found) == 1 and found[0].spans[0].text.startswith("数量指标成本控制")


def test_quantity_rows_with_a_figure_or_figures_run_together_are_silent() -> None:
    counted = ROW_HEAD + "产出指标数量指标培训人数≥100人120人10质量指标合格率100%10\n"
    run = ROW_HEAD + "数量指标享受资助人数达到预计值210010\n"
    heading = "(1)数量指标\n足额发放救助资金。\n"  # a heading, no scored row
    for text in (counted, run, heading):
        assert q001(text) == [], text
