"""Counts vs the items listed (checks/counts.py): C001 count-mismatch."""

from __future__ import annotations

import pytest

from tests.helpers import review_text


def c001(text: str, lang: str = "zh") -> list:
    return review_text(text, select=["C001"], lang=lang)


# ---- inline lists ----------------------------------------------------------------------------


def test_fewer_names_than_the_count_after_a_colon_is_an_error() -> None:
    [f] = c001("本局内设机构6个：办公室、财务科、业务科、法规科；下设2个事业单位。")
    assert f.kind == "count_mismatch" and f.severity == "error"
    assert "6" in f.message and "4" in f.message
    assert f.spans[0].text == "本局内设机构6个"
    assert [s.text for s in f.spans[1:]] == ["办公室", "财务科", "业务科", "法规科"]


@pytest.mark.parametrize(
    "text",
    [
        "本局内设机构4个：办公室、财务科、业务科、法规科。",
        "设置事业单位3个，分别是农业服务中心、文化服务中心、综合执法队。",
        "下设3个中心：农业服务中心、文化服务中心、社会事务中心。",
        "内设股室3个，包括：办公室、财务股、项目股。",
    ],
)
def test_a_list_matching_its_count_is_silent(text: str) -> None:
    assert c001(text) == []


def test_chinese_numerals_are_counts_too() -> None:
    [f] = c001("全镇设立五个工作专班：党建专班、产业专班、环境专班。")
    assert "3" in f.message


def test_brackets_and_quotes_are_not_split() -> None:
    text = "下设3个中心：农业中心（加挂农技站、农机站牌子）、文化中心、“平安、法治”服务中心。"
    assert c001(text) == []


def test_a_joiner_in_the_last_item_may_add_one() -> None:
    # "A、B和C" reads as three; a name such as "平安法治和应急管理办公室" is one. Either way
    # a count that fits one reading is not called wrong.
    assert c001("设立3个小组：宣传组、督查组和后勤组。") == []


def test_an_open_ended_list_is_not_counted() -> None:
    assert c001("设立5个小组：宣传组、督查组、后勤组等。") == []


def test_items_carrying_numbers_are_a_sum_not_a_list_of_names() -> None:
    assert c001("核定编制50个：农业中心18个、事务中心14个、执法队10个。") == []


def test_long_clauses_are_not_names() -> None:
    text = "完成3项任务：全面完成了辖区内所有道路的修建工作并通过了验收、完成了绿化工作。"
    assert c001(text) == []


def test_a_list_that_goes_on_past_a_comma_is_skipped() -> None:
    assert c001("设立5个小组：宣传组、督查组，以及后勤组、保障组、联络组。") == []


def test_more_names_than_the_count_is_only_a_warning() -> None:
    [f] = c001("内设机构3个：办公室、财务科、业务科、法规科。")
    assert f.severity == "warning"


# ---- enumerated lists ------------------------------------------------------------------------


def test_enumerated_lines_after_the_opener_are_counted() -> None:
    text = (
        "设置事业单位4个，分别是：\n"
        "(一)农业服务中心。核定事业编制11名，负责农技推广。\n"
        "(二)党群服务中心。核定事业编制8名。\n"
        "(三)文化服务中心。核定事业编制3名。\n"
        "(四)综合执法队。核定事业编制16名。\n"
        "(三)其他机构\n"
    )
    assert c001(text) == []


def test_enumerated_lines_fewer_than_the_count_are_an_error() -> None:
    text = (
        "设置事业单位4个，分别是：\n"
        "1.农业服务中心。\n"
        "2.党群服务中心。\n"
        "3.文化服务中心。\n"
        "二、部门收支情况\n"
    )
    [f] = c001(text)
    assert "3" in f.message


def test_enumerated_lines_followed_by_a_plain_paragraph_are_skipped() -> None:
    text = (
        "设置事业单位4个，分别是：\n"
        "1.农业服务中心。\n"
        "2.党群服务中心。\n"
        "另有文化服务中心、综合执法队，由县局管理。\n"
    )
    assert c001(text) == []


def test_inline_markers_are_counted() -> None:
    assert c001("重点开展3项工作：一是整治环境；二是修建道路；三是慰问群众。") == []
    [f] = c001("重点开展4项工作：一是整治环境；二是修建道路；三是慰问群众。")
    assert "3" in f.message


# ---- named later -----------------------------------------------------------------------------


def test_a_later_list_naming_the_same_label_is_counted() -> None:
    text = (
        "本单位内设处室4个，所属事业单位2个。其中：内设处室分别是办公室、财务室、业务室、"
        "法规室。所属事业单位分别是农业中心、文化中心。"
    )
    assert c001(text) == []


def test_a_later_list_short_of_the_earlier_count_is_an_error() -> None:
    text = "本单位内设处室5个，所属事业单位2个。其中：内设处室分别是办公室、财务室、业务室。"
    [f] = c001(text)
    assert f.spans[0].text == "本单位内设处室5个"


def test_a_count_without_any_list_is_silent() -> None:
    assert c001("全镇共有11个行政村，1个社区。") == []


def test_english_message() -> None:
    [f] = c001("本局内设机构6个：办公室、财务科、业务科、法规科。", lang="en")
    assert "lists 4" in f.message


def test_sub_items_and_continuation_lines_belong_to_the_item_before() -> None:
    text = (
        "存在3个问题：\n"
        "1.预算编制不细。\n"
        "（1）项目未细化。\n"
        "（2）标准不明确。\n"
        "2.资金拨付滞后。\n"
        "部分项目资金到位晚。\n"
        "3.绩效监控不到位。\n"
        "二、改进措施\n"
    )
    assert c001(text) == []


def test_a_second_enumeration_on_the_line_is_not_part_of_the_first() -> None:
    text = "开展2项活动：一是宣传；二是培训。同时做好三件事，一是排查，二是整改，三是复查。"
    assert c001(text) == []


# ---- lists of named items with their amounts, a bracketed noun, a count of one ---------------


def test_a_list_of_named_amounts_after_semicolons_is_counted() -> None:
    text = (
        "本年下达项目资金50万元，涉及3个项目，分别为：宣传教育经费20万元;志愿服务活动经费30万元。"
    )
    [f] = c001(text)
    assert "涉及3个" in f.message and "列出 2 项" in f.message
    # near misses: the count matches; an item that holds a count of its own is a sum, not a name
    assert c001(text.replace("涉及3个", "涉及2个")) == []
    assert c001("涉及3个项目，分别为：甲村2个组10万元;乙村3个组20万元。") == []


def test_a_count_of_one_announcing_several_items() -> None:
    text = (
        "本年下达项目资金50万元，涉及1个项目，分别为：宣传教育经费20万元;志愿服务活动经费30万元。"
    )
    [f] = c001(text)
    assert "涉及1个" in f.message and "列出 2 项" in f.message
    # near miss: one item after a colon is the one thing counted
    assert c001("本年下达项目资金20万元，涉及1个项目：宣传教育经费20万元。") == []


def test_a_counted_noun_with_a_bracketed_alternative() -> None:
    [f] = c001("本局内设6个职能科(室)：办公室、人事科、财务科、综合科。")
    assert "列出 4 项" in f.message
    assert c001("本局内设4个职能科（室）：办公室、人事科、财务科、综合科。") == []
