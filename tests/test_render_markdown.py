"""`--format markdown`: a 审核意见 draft, numbered opinions grouped by severity."""

from __future__ import annotations

import re

from reviewer.render import render
from tests.test_cli import sample_run


def test_opinions_are_numbered_and_grouped_by_severity(fake_rules: None) -> None:
    md = render(sample_run(), "markdown", "zh")
    assert md.startswith("# 绩效自评报告审核意见（初稿）")
    section = md.split("## 某某县财政局2023年度（`reports/a.txt`）")[1].split("\n## ")[0]
    heads = re.findall(r"^### (.+)$", section, re.MULTILINE)
    assert heads == ["一、需更正的问题", "二、需核实或说明的问题", "三、供参考的提示"]
    items = re.findall(r"^(\d+)\. \*\*(.+?)\*\*", section, re.MULTILINE)
    assert items == [("1", "合计不符（测试）"), ("2", "目标模糊（测试）"), ("3", "尾差（测试）")]
    assert "   - 原文：“合计99人”" in section
    assert "   - 相关（L4）：“其中在编40人、编外3人”" in section
    assert "   - 问题：合计与分项不符：合计99人" in section
    assert "   - 建议：" in section
    assert "自评得分：95；等级：优" in section


def test_several_reports_get_a_summary_table_and_clean_and_unreadable_ones_say_so(
    fake_rules: None,
) -> None:
    md = render(sample_run(), "markdown", "zh")
    assert "| 文件 | 单位 | 年度 | 自评得分 | 等级 | 错误 | 警告 | 提示 | 说明 |" in md
    assert "经核对，未发现问题。" in md
    assert "无法审核：the report is empty" in md


def test_english_headings_and_fixes(fake_rules: None) -> None:
    md = render(sample_run("en"), "markdown", "en")
    assert md.startswith("# Review of the self-evaluation reports (draft)")
    assert "### 1. Must be corrected" in md
    assert "   - Suggested fix: Fix for Z001." in md
    assert "   - Quote: “合计99人”" in md


def test_report_text_cannot_inject_markdown_or_html() -> None:
    from reviewer.models import Finding, ReportResult, RunResult, Severity, Span

    quote = "<img src=x onerror=alert(1)>*强调*|#"
    span = Span(start=0, end=len(quote), line=1, column=1, text=quote)
    f = Finding(
        code="Z001", kind="k", severity=Severity.ERROR, message="[链接](http://x)", spans=[span]
    )
    md = render(RunResult(reports=[ReportResult(path="x.txt", findings=[f])]), "markdown", "zh")
    assert not re.search(r"(?<!\\)<", md)  # every < is escaped
    assert r"\<img src=x onerror=alert(1)\>\*强调\*\|\#" in md
    assert r"\[链接\](http://x)" in md
