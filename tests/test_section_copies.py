"""A sentence pasted word for word into a sibling section (checks/quality_section_copies.py,
Q112), with near misses that must stay silent."""

from __future__ import annotations

from tests.helpers import review_text

USE = "此款资金主要用于城乡低保、特困供养、临时救助、孤儿生活保障及流浪乞讨人员救助补助支出。"


def q112(text: str) -> list:
    return list(review_text(text, select=["Q112"]))


def test_a_sentence_repeated_under_two_sibling_headings_is_flagged_once() -> None:
    text = (
        f"一、绩效目标分解下达情况\n(一)中央下达资金情况\n中央下达资金9056万元。{USE}\n"
        f"(二)省内资金安排情况\n省级下达资金804万元。\n{USE}\n"
        "(三)市县资金安排情况\n市县下达资金2040.56万元。\n"
    )
    found = q112(text)
    assert len(found) == 1 and len(found[0].spans) == 2
    assert "中央下达资金情况" in found[0].message and "省内资金安排情况" in found[0].message


def test_near_misses_stay_silent() -> None:
    with_figure = USE.replace("支出。", "支出9056万元。")
    short = "资金已全部拨付到位，专款专用。"
    for sentence in (with_figure, short):
        text = f"(一)中央资金情况\n{sentence}\n(二)省级资金情况\n{sentence}\n"
        assert q112(text) == [], sentence
    # the same sentence in a section and in its own subsection: not siblings
    nested = f"一、资金情况\n{USE}\n(一)中央资金\n{USE}\n"
    # the same sentence twice under one heading: Q025's, not a pasted section
    same = f"(一)中央资金情况\n{USE}\n{USE}\n"
    # siblings whose sentences differ
    other = f"(一)中央资金情况\n{USE}\n(二)省级资金情况\n{USE.replace('城乡低保', '残疾人补贴')}\n"
    for text in (nested, same, other):
        assert q112(text) == [], text


# ---------------------------------------------------------------- spam in place of names (Q113)


def test_gambling_spam_in_place_of_a_name_is_flagged_once() -> None:
    spam = "澳门金沙城中心_欧洲杯足球网-【投注官网平台】"
    text = f"{spam}2022年度林业资金绩效自评报告\n下达{spam}林业资金921.25万元。\n"
    found = list(review_text(text, select=["Q113"]))
    assert len(found) == 1 and len(found[0].spans) == 2
    assert found[0].spans[0].text.endswith("官网平台】")


def test_a_slot_game_name_in_place_of_the_unit_is_spam() -> None:
    name = "pg电子福运象财神"
    text = f"{name}2016年学生资助专项项目绩效评价报告\n{name}对纳入绩效目标管理的项目开展自评。\n"
    (f,) = review_text(text, select=["Q113"])
    assert f.spans[0].text == name


def test_a_single_lottery_or_gambling_word_is_silent() -> None:
    for text in (
        "全县福利彩票投注站56个，彩票公益金足额到位。",
        "开展打击赌博专项行动，查处博彩网站3个。",
        "财神庙文物修缮资金20万元；电子政务平台运维。",
        "PG电子科技有限公司中标，合同金额30万元。",
        "投注站 建设资金100万元，" + "用于" * 10 + "娱乐城改造。",  # two words, far apart
    ):
        assert list(review_text(text, select=["Q113"])) == [], text
