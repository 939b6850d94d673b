"""Slips left in published text: Word field codes (Q145), a year written with 月 (Q146), a place
or unit name written twice (Q111), 实效指标 for the form's 时效指标 (Q148) — each on fragments
written for the test, near misses silent."""

from __future__ import annotations

from tests.helpers import review_text


def q(text: str, code: str):
    return review_text(text, select=[code])


def test_page_field_codes_are_reported_once_for_the_report() -> None:
    [f] = q("文档简介\nPAGE10PAGE2019年度部门自评报告\n正文。PAGE PAGE 8 第二页。", "Q145")
    assert f.spans[0].text == "PAGE10PAGE" and f.data["n"] == 2


def test_format_and_contents_switches_are_field_codes() -> None:
    assert (
        len(q('目录\nTOC \\o "1-3" \\h \\z \\u\n一、基本情况 PAGEREF _Toc12345678 \\h 3', "Q145"))
        == 1
    )
    assert len(q("一、基本情况\\* MERGEFORMAT\n本单位。", "Q145")) == 1


def test_the_word_page_and_addresses_are_not_field_codes() -> None:
    assert (
        q("详见单位网站HOME PAGE栏目及第10 PAGE说明。网址http://x.gov.cn/page/10。", "Q145") == []
    )


def test_year_followed_by_month_sign() -> None:
    [f] = q("项目实施期限为2019年7月—2020月12月。", "Q146")
    assert f.spans[0].text == "2020月12月" and f.data["fixed"] == "2020年12月"


def test_correct_dates_and_month_counts_stay_silent() -> None:
    assert q("实施期限为2019年7月—2020年12月，历时18个月，共计2020个月工时。", "Q146") == []
    assert q("全年服务1200月次，13月份无数据。", "Q146") == []


def test_unit_name_written_twice() -> None:
    [f] = q("（一）部门概况\n施甸县施甸县教育体育局2020年共有在职人员21人。", "Q111")
    assert f.spans[0].text.startswith("施甸县施甸县") and f.data["char"] == "施甸县"


def test_repeats_that_are_not_slips_stay_silent() -> None:
    # two different units, reduplicated words
    assert q("施甸县教育体育局会同施甸县财政局开展自评；村村通公路，人人参与。", "Q111") == []
    # the cells of a flattened form: three copies, or a pattern that runs on
    assert q("资金来源省财政省财政省财政市财政市财政县市区财政县市区财政75", "Q111") == []
    # two equal cells each ending a line
    assert q("项目单位\n临湘市临湘市\n主管部门\n临湘市文旅局", "Q111") == []


def test_timeliness_category_written_with_the_wrong_character() -> None:
    text = "（2）质量指标\n合格率100%。\n（3）实效指标\n当年资金兑付率100%。"
    [f] = q(text, "Q148")
    assert f.spans[0].text == "（3）实效指标"
    assert len(q("产出指标 | 实效指标 | 完成及时率", "Q148")) == 1


def test_the_word_shixiao_in_prose_stays_silent() -> None:
    text = "（3）时效指标\n当年资金兑付率100%。\n各项工作注重实效，指标完成良好；提高实效指标完成质量。"
    assert q(text, "Q148") == []
