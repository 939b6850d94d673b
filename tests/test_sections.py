"""Sections: headings, their levels from the numbering style, and their extents."""

from __future__ import annotations

from reviewer.claims.sections import cn_number, section_path, sections
from reviewer.document import Document


def heads(text: str) -> list[tuple[int, str]]:
    return [(s.level, s.title) for s in sections(Document(text=text))]


def test_levels_follow_the_numbering_style() -> None:
    text = (
        "某局2023年部门整体支出绩效自评报告\n"
        "一、基本情况\n"
        "（一）机构设置\n"
        "本局内设科室5个。\n"
        "1.人员情况\n"
        "（1）在职人员\n"
        "①行政人员\n"
        "二、绩效目标\n"
    )
    assert heads(text) == [
        (1, "基本情况"),
        (2, "机构设置"),
        (3, "人员情况"),
        (4, "在职人员"),
        (5, "行政人员"),
        (1, "绩效目标"),
    ]


def test_part_and_annex_are_level_zero() -> None:
    text = "第一部分 总体情况\n一、概况\n正文。\n附件：\n1.基础数据表\n"
    assert heads(text)[0] == (0, "总体情况")
    assert (0, "附件") in heads(text)


def test_annex_label_before_the_first_heading_is_not_a_section() -> None:
    assert heads("附件1\n某县部门整体绩效自评报告\n一、概况\n正文。\n") == [(1, "概况")]


def test_extent_runs_to_the_next_heading_of_same_or_higher_level() -> None:
    text = "一、概况\n（一）机构\n正文甲。\n（二）人员\n正文乙。\n二、目标\n正文丙。\n"
    doc = Document(text=text)
    s = sections(doc)
    assert (
        doc.text[s[0].start : s[0].end] == "一、概况\n（一）机构\n正文甲。\n（二）人员\n正文乙。\n"
    )
    assert doc.norm[s[1].body_start : s[1].end].strip() == "正文甲。"
    assert s[-1].end == len(text)
    assert doc.norm[s[0].title_start : s[0].title_end] == "概况"


def test_long_numbered_sentence_is_body_not_heading() -> None:
    text = (
        "一、主要职责\n"
        "1.宣传和贯彻执行党的路线方针政策和上级党组织及本级党员代表大会的决议。\n"
        "2.讨论和决定本辖区经济建设、政治建设、文化建设中的重大问题，承担上级交办的其他任务。\n"
        "3.部门管理指标\n"
    )
    assert heads(text) == [(1, "主要职责"), (3, "部门管理指标")]


def test_heading_with_inline_body() -> None:
    text = "四、评价结论\n（二）存在问题。预决算项目支出编制需进一步细化。\n"
    doc = Document(text=text)
    s = sections(doc)[1]
    assert (s.level, s.title) == (2, "存在问题")
    assert doc.norm[s.body_start : s.end].startswith("预决算项目")


def test_arabic_number_used_for_a_missing_top_level_heading() -> None:
    text = (
        "一、概况\n正文。\n二、收支情况\n1. 收入情况\n正文。\n2. 支出情况\n正文。\n"
        "3、 部门绩效目标\n（一）总目标\n正文。\n四、自评结论\n"
    )
    got = heads(text)
    assert (1, "部门绩效目标") in got
    assert (2, "总目标") in got
    # near miss: "3、" continuing a "1、 2、" list stays a list item
    text2 = "一、概况\n二、收支情况\n1、收入情况\n2、支出情况\n3、结余情况\n四、结论\n"
    assert (3, "结余情况") in heads(text2)


def test_paren_arabic_used_for_paren_chinese() -> None:
    text = "一、概况\n（一）职责\n正文。\n（2） 人员情况。\n正文。\n（3） 资产情况\n二、目标\n"
    assert heads(text) == [
        (1, "概况"),
        (2, "职责"),
        (2, "人员情况"),
        (2, "资产情况"),
        (1, "目标"),
    ]
    # first of its section, followed by （二）: also a slip for （一）
    text1 = "一、概况\n（1）职责\n正文。\n（二）人员\n"
    assert heads(text1)[1] == (2, "职责")
    # near miss: a run of （1）（2）（3） under （一） stays level 4
    text2 = "一、目标\n（一）总目标\n（1）加强党建\n（2）改善环境\n（3）保障运转\n（二）年度目标\n"
    assert heads(text2) == [
        (1, "目标"),
        (2, "总目标"),
        (4, "加强党建"),
        (4, "改善环境"),
        (4, "保障运转"),
        (2, "年度目标"),
    ]


def test_conversion_artefact_is_skipped() -> None:
    assert heads("[bookmark: _GoBack]一、概况\n正文。\n") == [(1, "概况")]


def test_numbers_that_are_not_headings() -> None:
    text = "一、收支\n1.5万元用于培训。\n2023年支出100万元。\n(1)\n十分重要。\n"
    assert heads(text) == [(1, "收支")]


def test_full_width_and_dot_separators() -> None:
    assert heads("一．概况\n（十一）其他\n１．细项\n") == [(1, "概况"), (2, "其他"), (3, "细项")]


def test_section_path_outermost_first() -> None:
    text = "一、概况\n（一）机构\n1.科室\n正文在这里。\n二、目标\n"
    doc = Document(text=text)
    path = section_path(doc, text.index("正文在这里"))
    assert [s.title for s in path] == ["概况", "机构", "科室"]
    assert [s.title for s in section_path(doc, text.index("目标"))] == ["目标"]
    assert section_path(doc, 0)[0].title == "概况"


def test_cn_number() -> None:
    assert [cn_number(s) for s in ["一", "十", "十二", "二十", "二十三", "九十九"]] == [
        1,
        10,
        12,
        20,
        23,
        99,
    ]
    assert cn_number("十十") is None


# ---------------------------------------------------------------- tables of contents

_BODY = (
    "一、部门概况\n本局内设科室5个。\n"
    "（一）部门职能\n负责全县统计工作。\n"
    "二、绩效目标\n全年完成调查12项。\n"
    "三、存在的问题\n部分调查进度偏慢。\n"
    "四、改进措施\n加强调度。\n"
)


def test_contents_repeating_the_body_headings_are_not_sections() -> None:
    toc = "某局2023年部门整体支出绩效自评报告\n一、部门概况\n（一）部门职能\n二、绩效目标\n三、存在的问题\n四、改进措施\n"
    assert heads(toc + _BODY) == heads(_BODY)


def test_contents_with_page_numbers_or_leaders_are_not_sections() -> None:
    toc = "一、部门概况……………………1\n二、绩效目标………………3\n三、评价结论 5\n四、经验做法 7\n"
    # the body numbers and words its headings differently: the page numbers mark the contents
    body = "一、基本情况\n本局内设科室5个。\n二、年度目标\n全年完成调查12项。\n"
    assert heads(toc + body) == heads(body)


def test_contents_labelled_mulu_are_not_sections() -> None:
    toc = "目  录\n一、摘要\n二、部门概况\n三、绩效目标\n四、评价结论\n"
    body = "摘要\n本报告……\n一、基本情况\n本局内设科室5个。\n二、年度目标\n全年完成调查12项。\n"
    assert heads(toc + body) == heads(body)


def test_long_titles_with_commas_under_a_mulu_label_are_contents() -> None:
    # a contents page that kept only some entries, long titles with commas among them
    toc = (
        "目 录\n（二）评价原则、评价指标体系、评价方法\n（二）资金筹集渠道单一,分摊规则不明确\n"
        "（五）前期准备工作不扎实,建设手续不完备\n"
    )
    body = "一、项目基本情况\n本项目改造小区12个。\n二、存在的问题\n资金渠道单一。\n"
    assert heads(toc + body) == heads(body)
    # without the label, titles with clause breaks are a list, not contents
    unlabelled = toc.replace("目 录\n", "")
    assert len(heads(unlabelled + body)) == len(heads(body)) + 3


def test_contents_stop_where_the_body_starts_again_at_one() -> None:
    toc = "目录\n一、部门概况\n二、绩效目标\n三、存在的问题\n四、改进措施\n"
    # the body's first heading follows the contents with no line between and no body of its own
    body = "一、部门概况\n（一）部门职能\n负责全县统计工作。\n二、绩效目标\n全年完成调查12项。\n"
    assert heads(toc + body) == heads(body)
    assert heads(toc + body)[:2] == [(1, "部门概况"), (2, "部门职能")]


def test_a_run_of_empty_headings_that_is_not_repeated_stays() -> None:
    # an outline of bodiless headings whose titles do not come again is the report itself
    text = (
        "一、基本情况\n（一）机构设置\n1.内设机构\n本局内设科室5个。\n"
        "二、绩效目标\n三、存在的问题\n四、改进措施\n加强调度。\n"
    )
    assert [t for _, t in heads(text)] == [
        "基本情况",
        "机构设置",
        "内设机构",
        "绩效目标",
        "存在的问题",
        "改进措施",
    ]


def test_two_repeated_headings_do_not_make_contents() -> None:
    text = "一、部门概况\n二、绩效目标\n三、工作亮点\n本局内设科室5个。\n" + _BODY
    assert (1, "工作亮点") in heads(text)
    assert heads(text)[:2] == [(1, "部门概况"), (1, "绩效目标")]


def test_numbered_items_repeated_later_are_not_contents() -> None:
    # a list of items (1. / (1), or titles with clause breaks) that comes again is a list
    items = "（1）实施项目1，完成投资3.5万元；\n（2）实施项目2，完成投资6.5万元；\n（3）实施项目3，完成投资9.5万元；\n"
    text = f"一、年度目标\n{items}二、完成情况\n{items}"
    assert len(heads(text)) == 8
    plain = "1.道路硬化\n2.安全饮水\n3.桥梁维修\n"
    text = f"一、年度目标\n{plain}二、完成情况\n{plain}正文。\n"
    assert len(heads(text)) == 8
