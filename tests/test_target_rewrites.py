"""Q001 proposes a concrete rewrite of every vague target (data.rewrite), from an indicator-type
table and the report's own figures; `is_measurable` is the test every rewrite must pass."""

from __future__ import annotations

from reviewer.checks.target_rewrites import indicator_name, is_measurable, propose
from reviewer.document import Document
from tests.helpers import review_text


def _doc(text: str) -> Document:
    return Document(text=text)


def _q001(text: str) -> list[dict]:
    return [f.data for f in review_text(text, select=["Q001"])]


def test_indicator_name_drops_the_direction_words() -> None:
    assert indicator_name("群众满意度普遍提升") == "群众满意度"
    assert indicator_name("人均收入和地区经济增长都有一定提升") == "人均收入和地区经济增长"
    assert indicator_name("机构运行保障度有效保障") == "机构运行保障度"


def test_satisfaction_gets_90_percent_and_a_survey() -> None:
    p = propose(_doc("2024年度绩效目标：群众满意度普遍提升。"), "群众满意度", "普遍提升", (0, 0))
    assert p.kind == "satisfaction"
    assert p.rewrite.startswith("群众满意度≥90%")
    assert "调查" in p.rewrite and p.measurable


def test_timeliness_is_100_percent_by_the_end_of_the_evaluated_year() -> None:
    p = propose(
        _doc("2023年度报告。资金发放及时率有效保障。"), "资金发放及时率", "有效保障", (0, 0)
    )
    assert p.kind == "timeliness"
    assert p.rewrite == "资金发放及时率=100%（2023年12月31日前）"


def test_coverage_takes_the_rate_the_report_states() -> None:
    text = "2024年度绩效目标：医保参保率显著提升。\n完成情况：上年医保参保率96.5%，本年继续巩固。"
    p = propose(_doc(text), "医保参保率", "显著提升", (5, 15))
    assert p.kind == "coverage"
    assert p.rewrite.startswith("医保参保率≥96.5%") and p.measurable


def test_coverage_without_a_figure_asks_for_last_years_value_and_invents_none() -> None:
    p = propose(_doc("2024年度绩效目标：医保参保率显著提升。"), "医保参保率", "显著提升", (0, 20))
    assert "上年" in p.rewrite and not any(ch.isdigit() for ch in p.rewrite)
    assert not p.measurable


def test_quantity_takes_the_reports_figure_and_unit() -> None:
    text = "绩效目标：培训人次明显增加。\n全年完成培训人次1200人次。"
    p = propose(_doc(text), "培训人次", "明显增加", (5, 13))
    assert p.kind == "quantity" and p.rewrite == "培训人次≥1200人次"


def test_cost_is_capped_by_the_budget_line() -> None:
    text = "2024年全年预算500.00万元。\n绩效目标：项目运行成本有效控制。"
    p = propose(_doc(text), "项目运行成本", "有效控制", (30, 40))
    assert p.kind == "cost" and p.rewrite == "项目运行成本≤500万元（年度预算）"


def test_is_measurable() -> None:
    assert is_measurable("群众满意度≥90%")
    assert is_measurable("资金发放及时率=100%（2024年12月31日前）")
    assert is_measurable("2024年11月底前完成验收")
    assert not is_measurable("群众满意度显著提升")
    assert not is_measurable("工作效率较上年明显提高")
    assert not is_measurable("满意度90")  # no comparator, no unit


def test_q001_carries_the_rewrite_in_its_message_and_data() -> None:
    text = "二、年度绩效目标\n群众满意度普遍提升，人均收入和地区经济增长都有一定提升。\n"
    found = _q001(text)
    by_quote = {d["quote"]: d for d in found}
    sat = by_quote["群众满意度普遍提升"]
    assert sat["rewrite"].startswith("群众满意度≥90%")
    assert sat["rewrite_by"] == "rules"
    assert sat["rewrites"][0]["indicator"] == "群众满意度"
    found_f = review_text(text, select=["Q001"])
    msg = next(f.message for f in found_f if f.data.get("quote") == "群众满意度普遍提升")
    assert "建议改为：“群众满意度≥90%" in msg


def test_measurable_goals_get_no_rewrite() -> None:
    assert _q001("二、年度绩效目标\n群众满意度≥90%，农村道路硬化≥20公里。\n") == []


def test_a_quantity_that_improves_by_falling_is_asked_to_fall() -> None:
    doc = _doc("2022年度绩效目标：河道氨氮浓度逐步改善，农村道路畅通水平有效改善。")
    p = propose(doc, "河道氨氮浓度", "逐步改善", (0, 0))
    assert "降低" in p.rewrite and "提高" not in p.rewrite
    near = propose(doc, "农村道路畅通水平", "有效改善", (0, 0))  # higher is better
    assert "提高" in near.rewrite and "降低" not in near.rewrite
    rate = propose(_doc("目标：安全事故发生率有所改善。"), "安全事故发生率", "有所改善", (0, 0))
    assert "不高于" in rate.rewrite and "≥" not in rate.rewrite
    count = propose(_doc("目标：群众投诉件数明显好转。"), "群众投诉件数", "明显好转", (0, 0))
    assert "≤" in count.rewrite and "≥" not in count.rewrite
    # a measure of the fall itself (减少率) improves by rising
    cut = propose(_doc("目标：火灾事故减少率有所提高。"), "火灾事故减少率", "有所提高", (0, 0))
    assert "不低于" in cut.rewrite and "不高于" not in cut.rewrite
