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


def test_no_year_written_reads_none() -> None:
    doc = Document(text="一、部门概况\n本年支出90万元。\n")
    assert evaluated_year(doc) is None
    assert main_year(doc) == ""


def test_meta_and_fact_labels_read_the_same_year() -> None:
    doc = Document(text=_TITLED)
    assert report_meta(doc)["year"] == 2023
    assert main_year(doc) == "2023"
