"""`--format xlsx`: a 审核意见表 workbook, a 汇总 sheet plus one sheet per report."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from reviewer.models import Finding, ReportResult, RunResult, Severity, Span
from reviewer.render import render, render_bytes
from tests.test_cli import REPORT, invoke, sample_run

openpyxl = pytest.importorskip("openpyxl")


def workbook(run: RunResult, lang: str = "zh") -> object:
    return openpyxl.load_workbook(io.BytesIO(render_bytes(run, "xlsx", lang)))  # type: ignore[arg-type]


def test_a_summary_sheet_then_one_sheet_per_report(fake_rules: None) -> None:
    wb = workbook(sample_run())
    assert wb.sheetnames == [
        "汇总",
        "某某县财政局2023",
        "某某县教育局2024",
        "bad.txt",
        "需补充佐证材料",  # the key figures no check could verify, when there are some
    ]
    summary = [[c.value for c in row] for row in wb["汇总"].iter_rows()]
    assert summary[0] == [
        "文件",
        "单位",
        "年度",
        "自评得分",
        "等级",
        "错误",
        "警告",
        "提示",
        "说明",
        "排名",
    ]
    assert summary[1] == ["reports/a.txt", "某某县财政局", 2023, 95, "优", 1, 1, 1, None, 1]
    assert summary[3][-2:] == ["无法审核：the report is empty", 3]


def test_the_summary_ranks_reports_by_errors_then_warnings(fake_rules: None) -> None:
    run = sample_run()
    a, b, bad = run.reports
    b.findings = [f for f in a.findings if f.severity == Severity.ERROR] * 2
    run.reports = [bad, a, b]
    summary = [[c.value for c in row] for row in workbook(run)["汇总"].iter_rows()]
    assert [(r[0], r[5], r[-1]) for r in summary[1:]] == [
        ("reports/b.txt", 2, 1),
        ("reports/a.txt", 1, 2),
        ("reports/bad.txt", 0, 3),  # not reviewed: last
    ]


def test_one_row_per_finding(fake_rules: None) -> None:
    ws = workbook(sample_run())["某某县财政局2023"]
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    assert rows[0][:8] == ["序号", "严重程度", "规则", "问题类型", "行", "列", "原文", "审核意见"]
    assert rows[0][-1] == "处理情况"
    assert [r[:4] for r in rows[1:]] == [
        [1, "错误", "Z001", "合计不符（测试）"],
        [2, "警告", "Z002", "目标模糊（测试）"],
        [3, "提示", "Z003", "尾差（测试）"],
    ]
    assert rows[1][6] == "合计99人" and rows[1][7] == "合计与分项不符：合计99人"


def test_report_text_never_becomes_a_formula() -> None:
    span = Span(start=0, end=12, line=1, column=1, text="=HYPERLINK(1)")
    f = Finding(code="Z001", kind="k", severity=Severity.ERROR, message="=1+1", spans=[span])
    ws = workbook(RunResult(reports=[ReportResult(path="a.txt", findings=[f])]))["a.txt"]
    assert ws["G2"].data_type == "s" and ws["G2"].value == "=HYPERLINK(1)"
    assert ws["H2"].data_type == "s"


def test_xlsx_is_binary_only() -> None:
    with pytest.raises(ValueError, match="binary"):
        render(RunResult(), "xlsx")


def test_cli_writes_the_workbook_to_a_file(
    fake_rules: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text(REPORT, encoding="utf-8")
    result = invoke("check", "a.txt", "-f", "xlsx", "-o", "out.xlsx", "--lang", "en")
    assert result.exit_code == 1 and result.stdout == ""
    wb = openpyxl.load_workbook("out.xlsx")
    assert wb.sheetnames[0] == "Summary"
