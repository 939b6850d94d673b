"""One reading of the year a report evaluates (claims/report.py)."""

from __future__ import annotations

from reviewer.claims.facts import main_year
from reviewer.claims.report import evaluated_year, stated_year
from reviewer.document import Document
from reviewer.report_meta import report_meta

_TITLED = (
    "某县水利局2023年度部门整体支出绩效自评报告\n"
    "一、部门概况\n"
    "2024年工作计划：2024年继续推进，2024年完成验收。\n"
    "某县水利局\n2024年3月1日\n"
)
_UNTITLED = "一、部门概况\n2022年收入100万元，2022年支出90万元，2021年支出80万元。\n"


def test_the_title_states_the_year_even_when_a_later_year_is_written_more_often() -> None:
    doc = Document(text=_TITLED)
    assert stated_year(doc) == 2023
    assert evaluated_year(doc) == 2023


def test_without_a_stated_year_only_the_arithmetic_reading_falls_back_to_the_commonest() -> None:
    doc = Document(text=_UNTITLED)
    assert stated_year(doc) is None
    assert evaluated_year(doc) == 2022


def test_a_tie_goes_to_the_later_year() -> None:
    doc = Document(text="一、概况\n2021年支出80万元，2022年支出90万元。\n")
    assert evaluated_year(doc) == 2022


def test_a_cited_document_year_is_not_the_report_year() -> None:
    doc = Document(text="关于《2019年绩效管理办法》的2021年度绩效自评报告\n一、概况\n")
    assert stated_year(doc) == 2021


def test_a_title_in_traditional_characters_or_with_pinyin_glosses_states_the_year() -> None:
    # web mirrors print traditional characters, some with their pinyin after them
    for title in (
        "2023年農村危房改造項目績效自評報告",
        "2023年農(nóng)村危房改造項目績效自評報(bào)告",
    ):
        doc = Document(text=title + "\n一、項目基本情況\n2022年下達資金57.5萬元。\n")
        assert stated_year(doc) == 2023


def test_a_report_date_field_is_not_the_title() -> None:
    # a cover's 报告日期 (the next year) names no evaluated year
    for field in ("报告日期:2021年07月12日", "報告日期:2021年07月12日"):
        doc = Document(text=f"项目名称:农村公路养护\n{field}\n一、项目基本概况\n")
        assert stated_year(doc) is None


def test_no_year_written_reads_none() -> None:
    doc = Document(text="一、部门概况\n本年支出90万元。\n")
    assert evaluated_year(doc) is None
    assert main_year(doc) == ""


def test_meta_and_fact_labels_read_the_same_year() -> None:
    doc = Document(text=_TITLED)
    assert report_meta(doc)["year"] == 2023
    assert main_year(doc) == "2023"


def test_a_cutoff_inside_the_year_of_a_traditional_character_report_is_seen() -> None:
    from tests.helpers import review_text

    head = "2023年農村危房改造項目績效自評報告\n一、項目基本情況\n"
    found = review_text(head + "截止2023年11月30日，全區共完成發放補助資金141.8萬元。\n", ["Q013"])
    assert [f.data.get("date") for f in found if f.code == "Q013"] == ["2023年11月30日"]
    year_end = review_text(
        head + "截止2023年12月31日，全區共完成發放補助資金141.8萬元。\n", ["Q013"]
    )
    assert [f for f in year_end if f.code == "Q013"] == []
