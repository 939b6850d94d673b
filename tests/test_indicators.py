"""Indicator statements: names, comparators, values, roles, pairing — prose and tables."""

from __future__ import annotations

from decimal import Decimal

import pytest

from reviewer.checks.target_verdict import met
from reviewer.claims.indicators import (
    ACTUAL,
    EQ,
    GE,
    GT,
    LE,
    QUAL,
    TARGET,
    TOP,
    UNKNOWN,
    indicators,
    pairs,
    rank_admissions,
    same_indicator,
)
from reviewer.document import Document
from reviewer.document.tables import Cell, Table

TARGETS_AND_RESULTS = """一、年度绩效目标
医保参保率≥90%。禁毒宣传活动发放资料超过2000份。满意度在90%以上。
二、目标完成情况
医保参保率为80%。禁毒宣传活动发放资料1500份。满意度93%。
"""


def read(text: str) -> list:
    return indicators(Document(text=text))


def one(text: str):
    found = read(text)
    assert len(found) == 1, [(i.name, i.shown()) for i in found]
    return found[0]


# ---------------------------------------------------------------- single statements


@pytest.mark.parametrize(
    "text,name,comparator,value,unit",
    [
        ("医保参保率≥90%。", "医保参保率", GE, "90", "%"),
        ("服务对象满意度不低于95%。", "服务对象满意度", GE, "95", "%"),
        ("发放资料超过2000份。", "发放资料", GT, "2000", "份"),
        ("三公经费控制≤9.64万元。", "三公经费控制", LE, "9.64", "万元"),
        ("直接受益对象满意度在90%以上。", "直接受益对象满意度", GE, "90", "%"),
        ("办结时间不超过5天。", "办结时间", LE, "5", "天"),
        ("中心组学习1次/月。", "中心组学习", EQ, "1", "次/月"),
        ("（3）获奖数=1个，此指标赋分2分", "获奖数", EQ, "1", "个"),
    ],
)
def test_a_statement_is_read_with_its_comparator_and_unit(text, name, comparator, value, unit):
    ind = one(text)
    assert (ind.name, ind.comparator, ind.value, ind.unit) == (
        name,
        comparator,
        Decimal(value),
        unit,
    )


def test_a_number_that_modifies_a_noun_is_not_a_statement():
    # "14个村（社区）巩固…": the clause goes on after the number, so it is not a value.
    assert read("实现了全镇14个村巩固拓展脱贫攻坚成果。") == []


def test_an_approximation_is_not_a_checkable_statement():
    assert read("参训人数300人左右。") == []


def test_scores_are_not_indicators():
    assert read("此指标赋分10分，得分9.01分。") == []


def test_a_compound_value_gives_one_statement_per_unit():
    found = read("走访慰问困难群众20次/1100人次。")
    assert [(i.name, i.value, i.unit) for i in found] == [
        ("走访慰问困难群众", Decimal(20), "次"),
        ("走访慰问困难群众", Decimal(1100), "人次"),
    ]


def test_a_colon_separates_name_and_value():
    assert one("医保参保率：≥90%。").name == "医保参保率"


# ---------------------------------------------------------------- distributive lists


def test_a_shared_value_goes_to_every_name_in_the_list():
    found = read("年度重点工作完成率，医保参保率，司法调解率均≥90%。")
    assert [i.name for i in found] == ["年度重点工作完成率", "医保参保率", "司法调解率"]
    assert all(i.comparator == GE and i.value == 90 and i.distributive for i in found)


def test_a_dun_list_of_whole_names_is_split():
    found = read("资金拨付及时率、补贴发放及时率均为100%。")
    assert [i.name for i in found] == ["资金拨付及时率", "补贴发放及时率"]


def test_a_dun_group_sharing_one_suffix_stays_one_name():
    found = read("安全生产、森林防火宣传覆盖率，行政村考核达标率均为100%。")
    assert [i.name for i in found] == ["安全生产、森林防火宣传覆盖率", "行政村考核达标率"]


def test_without_jun_only_the_own_clause_is_the_name():
    found = read("开展培训，发放资料2000份。")
    assert [i.name for i in found] == ["发放资料"]


def test_fenbie_lists_are_not_guessed():
    assert read("合格率、及时率分别为95%、90%。") == []


# ---------------------------------------------------------------- rankings and qualitative


def test_a_ranking_target():
    ind = one("秀美乡村排名全县前10。")
    assert (ind.name, ind.comparator, ind.value) == ("秀美乡村排名全县", TOP, Decimal(10))
    assert ind.role == TARGET


def test_a_ranking_needs_a_ranking_word():
    assert read("完成前10项工作。") == []


def test_a_qualitative_indicator():
    ind = one("资金使用规范性——规范")
    assert (ind.name, ind.comparator, ind.text_value) == ("资金使用规范性", QUAL, "规范")


# ---------------------------------------------------------------- roles


def test_roles_come_from_the_section_headings():
    found = read(TARGETS_AND_RESULTS)
    roles = {(i.name, i.role) for i in found}
    assert ("医保参保率", TARGET) in roles and ("医保参保率", ACTUAL) in roles


def test_a_symbol_comparator_outside_a_role_section_reads_as_a_target():
    assert one("一、评价分析\n(1)项目支出预算执行率≤100%;").role == TARGET


def test_a_plain_value_outside_a_role_section_has_no_role():
    assert one("一、基本情况\n参与率73%。").role == UNKNOWN


def test_explicit_markers_set_the_role_and_keep_the_name():
    found = read("医保参保率目标值90%，实际完成80%。")
    assert [(i.name, i.role, i.value) for i in found] == [
        ("医保参保率", TARGET, Decimal(90)),
        ("医保参保率", ACTUAL, Decimal(80)),
    ]


def test_year_words_lead_the_role_markers_of_a_prose_pair():
    # 年初指标值 / 年初任务数 set the year's target, 全年实际完成值 / 全年完成值 state what it did;
    # the actual with no name of its own takes the name of the target before it.
    found = read("慢病随访人次数年初指标值为不低于180人，全年实际完成值164人。")
    assert [(i.name, i.role, i.comparator, i.value) for i in found] == [
        ("慢病随访人次数", TARGET, GE, Decimal(180)),
        ("慢病随访人次数", ACTUAL, EQ, Decimal(164)),
    ]
    found = read("参保缴费人数年初任务数3250人，全年完成值3010人。")
    assert [(i.name, i.role) for i in found] == [
        ("参保缴费人数", TARGET),
        ("参保缴费人数", ACTUAL),
    ]


def test_a_prose_pair_with_year_markers_is_judged():
    doc = Document(text="慢病随访人次数年初指标值为不低于180人，全年实际完成值164人。")
    assert [(t.shown(), a.shown(), met(t, a)) for t, a in pairs(doc)] == [
        ("≥180人", "164人", False)
    ]
    doc = Document(text="参保缴费人数年初任务数3250人，全年完成值3300人。")
    assert [met(t, a) for t, a in pairs(doc)] == [True]


def test_a_year_word_alone_is_no_role_marker():
    # 全年 is no marker without 完成/实际: 全年培训 is a name, not the year's result.
    found = read("一、基本情况\n全年培训200人次。")
    assert [(i.name, i.role) for i in found] == [("全年培训", UNKNOWN)]
    # 完成 alone is a verb, not a marker: no actual is read from it.
    assert [i.role for i in read("一、基本情况\n培训任务完成200人次。")] == [UNKNOWN]


def test_a_bound_in_the_results_is_an_actual_lower_bound():
    [ind] = read("一、完成情况\n调解成功率达95%以上。")
    assert (ind.role, ind.comparator) == (ACTUAL, GE)


# ---------------------------------------------------------------- pairing


def test_targets_pair_with_actuals_by_name_and_unit():
    doc = Document(text=TARGETS_AND_RESULTS)
    got = {(t.name, t.shown(), a.shown(), met(t, a)) for t, a in pairs(doc)}
    assert got == {
        ("医保参保率", "≥90%", "80%", False),
        ("禁毒宣传活动发放资料", ">2000份", "1500份", False),
        ("满意度", "≥90%", "93%", True),
    }


def test_names_pair_when_one_contains_the_other_closely():
    assert same_indicator("医保参保率", "全镇医保参保率") == 1
    assert same_indicator("预算执行率", "基本支出预算执行率") == 0
    assert same_indicator("执行率", "预算执行率") == 0


def test_units_must_agree_to_pair():
    doc = Document(text="一、绩效目标\n培训人数≥100人。\n二、完成情况\n培训人数80人次。")
    assert pairs(doc) == []


def test_lower_is_better_targets_without_comparator():
    doc = Document(text="一、绩效目标\n安全事故发生数0起。\n二、完成情况\n安全事故发生数1起。")
    [(t, a)] = pairs(doc)
    assert met(t, a) is False


def test_an_actual_bound_decides_only_when_it_settles_the_target():
    doc = Document(text="一、绩效目标\n调解成功率≥90%。\n二、完成情况\n调解成功率达95%以上。")
    [(t, a)] = pairs(doc)
    assert met(t, a) is True


# ---------------------------------------------------------------- ranking admissions


def test_a_ranking_miss_admitted_in_the_results():
    text = (
        "一、绩效目标\n美丽乡村排名全县前10。\n二、完成情况\n"
        "积极响应美丽乡村建设号召，但在全县排名中未能靠前。\n"
    )
    doc = Document(text=text)
    [adm] = rank_admissions(doc)
    assert doc.text[adm.start : adm.end] == "但在全县排名中未能靠前"


def test_a_ranking_admission_about_something_else_is_ignored():
    text = "一、绩效目标\n美丽乡村排名全县前10。\n二、完成情况\n招商引资在全市排名中未能靠前。\n"
    assert rank_admissions(Document(text=text)) == []


# ---------------------------------------------------------------- tables


def _table_doc(rows: list[list[str]]) -> tuple[Document, Table]:
    lines = ["|".join(r) for r in rows]
    text = "\n".join(lines) + "\n"
    doc = Document(text=text)
    cells: list[list[Cell]] = []
    pos = 0
    for r in rows:
        row = []
        for c in r:
            row.append(Cell(c, pos, pos + len(c)))
            pos += len(c) + 1
        cells.append(row)
    return doc, Table(header=cells[0], rows=cells[1:], start=0, end=len(text))


def test_an_indicator_table_gives_targets_and_actuals(monkeypatch):
    doc, table = _table_doc(
        [
            ["一级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
            ["产出指标", "医保参保率", "≥90%", "80%", "10", "8"],
            ["产出指标", "培训人次", "≥200人次", "260人次", "10", "10"],
            ["效益指标", "群众满意度", "≥95%", "达标", "10", "10"],
        ]
    )
    monkeypatch.setattr("reviewer.document.tables.tables", lambda d: [table])
    got = {(t.name, t.shown(), a.shown(), met(t, a)) for t, a in pairs(doc)}
    assert got == {("医保参保率", "≥90%", "80%", False), ("培训人次", "≥200人次", "260人次", True)}
    assert all(i.source == "table" for i in indicators(doc))


def test_a_table_without_target_or_actual_columns_is_not_an_indicator_table(monkeypatch):
    doc, table = _table_doc([["项目", "金额", "备注"], ["基本支出", "981.38万元", "无"]])
    monkeypatch.setattr("reviewer.document.tables.tables", lambda d: [table])
    assert [i for i in indicators(doc) if i.source == "table"] == []


def test_a_marker_after_a_colon_leaves_the_name_before_the_colon():
    found = read(
        "2.公共图书馆年接待读者人次：年度目标值≥8万人次，实际完成6.5万人次，主要受场馆改造影响。"
    )
    assert [(i.name, i.role, i.shown()) for i in found] == [
        ("公共图书馆年接待读者人次", TARGET, "≥8万人次"),
        ("公共图书馆年接待读者人次", ACTUAL, "6.5万人次"),
    ]
