"""Totals in tables (T001/T002 from tables): a 合计 row or column against its parts."""

from __future__ import annotations

from reviewer.document import Document
from reviewer.engine import run_checks
from reviewer.models import Finding, Severity
from tests.helpers import REPORTS


def table_findings(text: str) -> list[Finding]:
    """T001/T002 findings whose claim (first span) lies inside a table of `text`."""
    from reviewer.document.tables import tables

    doc = Document(text=text)
    inside = [(t.start, t.end) for t in tables(doc)]
    return [
        f
        for f in run_checks(doc, select=["T001", "T002"])
        if any(s <= f.spans[0].start < e for s, e in inside)
    ]


def amounts(total: str, share_total: str = "100%") -> str:
    return (
        "| 项目 | 金额（万元） | 占比 |\n"
        "|---|---|---|\n"
        "| 基本支出 | 981.38 | 82.09% |\n"
        "| 项目支出 | 214.18 | 17.91% |\n"
        f"| 合计 | {total} | {share_total} |\n"
    )


def test_correct_table_yields_nothing() -> None:
    assert table_findings(amounts("1195.56")) == []


def test_total_row_that_is_wrong_is_an_error() -> None:
    (f,) = table_findings(amounts("1205.56"))
    assert (f.code, f.kind, f.severity) == ("T001", "sum_mismatch", Severity.ERROR)
    assert f.data["expr"] == "981.38 + 214.18 = 1195.56"
    assert (f.data["stated"], f.data["diff"], f.data["unit"]) == ("1205.56", "10.00", "万元")
    assert [s.text for s in f.spans] == ["1205.56", "981.38", "214.18"]  # claim first
    assert "981.38 + 214.18 = 1195.56，报告称 1205.56" in f.message


def test_difference_within_rounding_is_info() -> None:
    (f,) = table_findings(amounts("1195.57"))
    assert (f.code, f.kind, f.severity) == ("T002", "sum_rounding", Severity.INFO)
    assert f.data["diff"] == "0.01"


def test_share_column_must_add_up_to_its_total() -> None:
    (f,) = table_findings(amounts("1195.56", share_total="90%"))
    assert f.code == "T001"
    assert f.data["expr"] == "82.09 + 17.91 = 100.00"
    assert (f.data["stated"], f.data["unit"]) == ("90", "%")


def test_rate_columns_are_not_added_up() -> None:
    text = (
        "| 项目 | 预算数 | 执行率 |\n|---|---|---|\n"
        "| 基本支出 | 900 | 98% |\n| 项目支出 | 100 | 90% |\n| 合计 | 1000 | 97.2% |\n"
    )
    assert table_findings(text) == []


def test_flattened_table_is_checked_too() -> None:
    text = "单位：万元\n项目\n金额\n基本支出\n981.38\n项目支出\n214.18\n合计\n1200\n下文是正文，这是一句完整的话。\n"
    (f,) = table_findings(text)
    assert f.code == "T001"
    assert f.data["unit"] == "万元"


def test_children_rows_of_a_parent_are_not_counted_twice() -> None:
    text = (
        "| 项目 | 金额（万元） |\n|---|---|\n"
        "| 基本支出 | 900 |\n| 人员经费 | 600 |\n| 公用经费 | 300 |\n"
        "| 项目支出 | 100 |\n| 合计 | 1000 |\n"
    )
    assert table_findings(text) == []


def test_rows_under_qizhong_are_not_parts() -> None:
    text = (
        "| 项目 | 金额（万元） |\n|---|---|\n"
        "| 基本支出 | 900 |\n| 其中：人员经费 | 600 |\n| 项目支出 | 100 |\n| 合计 | 1000 |\n"
    )
    assert table_findings(text) == []


def test_subtotals_are_checked_against_their_group() -> None:
    text = (
        "| 项目 | 金额（万元） |\n|---|---|\n"
        "| 人员经费 | 600 |\n| 公用经费 | 300 |\n| 小计 | 950 |\n"
        "| 设备购置 | 60 |\n| 维修 | 40 |\n| 小计 | 100 |\n"
    )
    (f,) = table_findings(text)
    assert (f.code, f.data["stated"], f.data["expr"]) == ("T001", "950", "600 + 300 = 900")


def test_total_column_against_the_columns_it_adds_up() -> None:
    text = (
        "| 项目 | 合计 | 基本支出 | 项目支出 |\n|---|---|---|---|\n"
        "| 一般公共预算 | 100.5 | 60.2 | 40.3 |\n| 政府性基金 | 50 | 20 | 31 |\n"
    )
    (f,) = table_findings(text)
    assert (f.code, f.data["stated"], f.data["expr"]) == ("T001", "50", "20 + 31 = 51")
    assert f.spans[0].text == "50"


def test_score_columns_are_left_to_the_score_checks() -> None:
    text = (
        "| 一级指标 | 分值 | 得分 |\n|---|---|---|\n"
        "| 产出指标 | 50 | 45 |\n| 效益指标 | 50 | 40 |\n| 合计 | 100 | 90 |\n"
    )
    assert table_findings(text) == []


def test_integer_counts_are_exact() -> None:
    text = "| 单位 | 人数（人） |\n|---|---|\n| 党政办 | 16 |\n| 经发办 | 11 |\n| 合计 | 28 |\n"
    (f,) = table_findings(text)
    assert f.code == "T001"


def test_sample_reports_have_no_table_findings() -> None:
    from reviewer.document import load
    from reviewer.document.tables import tables

    for path in sorted(REPORTS.glob("*.txt")):
        doc = load(path)
        found = tables(doc)
        if "\n| " in doc.text:  # a report written with a real `|` indicator form
            assert found and all(t.kind == "pipe" for t in found), path.name
            assert table_findings(doc.text) == [], path.name
        else:
            assert found == [], path.name
