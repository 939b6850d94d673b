"""`--format html` without a browser: self-contained, escaped, highlights at the spans.
(tests/test_html_browser.py checks the same page in a real browser.)"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reviewer.models import Finding, ReportResult, RunResult, Severity, Span
from reviewer.render import render
from reviewer.render.html import highlight
from tests.test_cli import REPORT, sample_run


def page(run: RunResult, lang: str = "zh") -> str:
    texts = {"reports/a.txt": REPORT}
    return render(run, "html", lang, texts=texts)  # type: ignore[arg-type]


def test_one_self_contained_file(fake_rules: None) -> None:
    html = page(sample_run())
    assert html.startswith("<!DOCTYPE html>")
    assert "default-src 'none'" in html  # the page may load nothing from outside
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", html)
    assert "<link" not in html and "@import" not in html


def test_highlights_carry_severity_and_finding_ids(fake_rules: None) -> None:
    html = page(sample_run())
    assert re.search(
        r'<mark class="hl" data-sev="error" data-f="r0-f0" data-ev=""[^>]*>合计99人</mark>', html
    )
    assert re.search(
        r'<mark class="hl" data-sev="evidence" data-f="" data-ev="r0-f0"[^>]*>其中', html
    )
    assert 'id="item-r0-f1" class="sev-warning"' in html
    assert 'data-filter="sev" value="error" checked>错误 (1)' in html
    assert 'data-filter="src" value="llm" checked>模型 (0)' in html


def test_overlapping_spans_are_split_into_segments_coloured_by_the_worst() -> None:
    text = "甲乙丙丁戊"

    def f(code: str, sev: Severity, a: int, b: int) -> Finding:
        return Finding(
            code=code,
            kind="k",
            severity=sev,
            message=code,
            spans=[Span(start=a, end=b, line=1, column=a + 1, text=text[a:b])],
        )

    out = highlight(text, [f("A", Severity.INFO, 0, 3), f("B", Severity.ERROR, 2, 5)], "r0", "zh")
    segments = re.findall(r'data-sev="(\w+)" data-f="([^"]*)"[^>]*>([^<]*)</mark>', out)
    assert segments == [
        ("info", "r0-f0", "甲乙"),
        ("error", "r0-f0 r0-f1", "丙"),
        ("error", "r0-f1", "丁戊"),
    ]
    assert re.sub(r"<[^>]+>", "", out) == text


def test_everything_from_the_report_is_escaped() -> None:
    evil = '<script>alert("x")</script>&'
    span = Span(start=0, end=8, line=1, column=1, text=evil[:8])
    f = Finding(
        code="Z001", kind="k", severity=Severity.ERROR, message='"><img src=x>', spans=[span]
    )
    run = RunResult(reports=[ReportResult(path="<x>.txt", findings=[f])])
    html = render(run, "html", "zh", texts={"<x>.txt": evil})
    assert "<script>alert" not in html and "<img" not in html
    pre = html.split('<pre class="doc">')[1].split("</pre>")[0]
    assert re.sub(r"<[^>]+>", "", pre) == '&lt;script&gt;alert("x")&lt;/script&gt;&amp;'
    assert 'title="Z001 &quot;&gt;&lt;img src=x&gt;"' in html


def test_text_that_changed_since_the_review_is_not_highlighted(
    fake_rules: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run = sample_run()
    html = render(run, "html", "zh", texts={"reports/a.txt": REPORT + "改过了"})
    assert "原文不可用" in html
    assert "<mark" not in html.split('id="r0"')[1].split("</section>")[0]
