"""`--format sarif`: SARIF 2.1.0 that code scanning can ingest and track across edits."""

from __future__ import annotations

import json
from typing import Any

from reviewer.models import Span
from reviewer.render import render
from reviewer.render.common import span_end
from reviewer.render.sarif import uri
from tests.test_cli import REPORT, sample_run


def sarif(run: Any, lang: str = "zh") -> dict[str, Any]:
    return json.loads(render(run, "sarif", lang))  # type: ignore[arg-type]


def test_the_log_declares_version_tool_rules_and_column_kind(fake_rules: None) -> None:
    log = sarif(sample_run())
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-2.1.0.json")
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["Z001", "Z002", "Z003"]
    z1 = rules[0]
    assert z1["name"] == "fake-total"
    assert z1["defaultConfiguration"]["level"] == "error"
    assert (
        "What Z001 does." in z1["help"]["text"]
        and "## Fix\nFix for Z001." in z1["help"]["markdown"]
    )


def test_results_point_at_rules_with_levels_and_code_point_regions(fake_rules: None) -> None:
    run = sarif(sample_run())["runs"][0]
    results = run["results"]
    assert [(r["ruleId"], r["level"]) for r in results] == [
        ("Z001", "error"),
        ("Z002", "warning"),
        ("Z003", "note"),
    ]
    rules = run["tool"]["driver"]["rules"]
    assert all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in results)
    z1 = results[0]
    region = z1["locations"][0]["physicalLocation"]["region"]
    line4 = REPORT.splitlines()[3]
    col = line4.index("合计99人") + 1
    assert region["startLine"] == 4 and region["startColumn"] == col
    assert region["endLine"] == 4 and region["endColumn"] == col + len("合计99人")
    assert region["snippet"]["text"] == "合计99人"
    assert z1["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "reports/a.txt"
    assert z1["relatedLocations"][0]["physicalLocation"]["region"]["snippet"]["text"].startswith(
        "其中"
    )
    assert "baselineState" not in z1


def test_fingerprints_follow_the_quote_not_the_line(fake_rules: None) -> None:
    from reviewer.document import Document
    from reviewer.engine import review_document
    from reviewer.models import RunResult
    from reviewer.policy import Policy as Settings

    def prints(text: str) -> list[str]:
        report = review_document(Document(text=text, path="a.txt"), Settings())
        log = sarif(RunResult(reports=[report]))
        return [r["partialFingerprints"]["reviewer/v1"] for r in log["runs"][0]["results"]]

    assert prints(REPORT) == prints("新增一段前言。\n\n" + REPORT)
    assert len(set(prints(REPORT))) == 3


def test_unreadable_reports_are_tool_notifications(fake_rules: None) -> None:
    inv = sarif(sample_run())["runs"][0]["invocations"][0]
    assert inv["executionSuccessful"] is False
    assert (
        inv["toolExecutionNotifications"][0]["message"]["text"]
        == "reports/bad.txt: the report is empty"
    )


def test_messages_follow_lang(fake_rules: None) -> None:
    results = sarif(sample_run("en"), "en")["runs"][0]["results"]
    assert results[0]["message"]["text"] == "fake-total: 合计99人"


def test_span_end_is_exclusive_and_counts_code_points() -> None:
    assert span_end(Span(start=0, end=3, line=2, column=5, text="合计数")) == (2, 8)
    assert span_end(Span(start=0, end=6, line=2, column=5, text="合计\r\n99人")) == (3, 4)


def test_uris_are_relative_and_percent_encoded() -> None:
    assert uri("报告/甲 乙.txt") == "%E6%8A%A5%E5%91%8A/%E7%94%B2%20%E4%B9%99.txt"
    assert uri("/tmp/a.txt") == "file:///tmp/a.txt"
