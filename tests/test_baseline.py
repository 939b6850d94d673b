"""Baselines: keyed by code + normalized quote, counted, relative to the baseline file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reviewer.baseline import Baseline, BaselineError, fingerprint, normalize_quote, write
from reviewer.models import Finding, ReportResult, RunResult, Severity, Span


def finding(code: str, quote: str, line: int = 1) -> Finding:
    span = Span(start=0, end=len(quote), line=line, column=1, text=quote)
    return Finding(code=code, kind="k", severity=Severity.ERROR, message="m", spans=[span])


def test_the_key_ignores_line_numbers_whitespace_and_width() -> None:
    assert fingerprint(finding("T001", "合计 43人", 3)) == fingerprint(
        finding("T001", "合计４３人", 9)
    )
    assert fingerprint(finding("T001", "合计43人")) != fingerprint(finding("T002", "合计43人"))
    assert normalize_quote("Ａ  b\nc") == "Abc"


def test_accepted_findings_are_filtered_and_counted(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    old = ReportResult(
        path=str(report), findings=[finding("T001", "43人"), finding("T001", "43人")]
    )
    base = tmp_path / "base.json"
    assert write(RunResult(reports=[old]), base) == 2
    data = json.loads(base.read_text(encoding="utf-8"))
    assert data["reports"] == {
        "r.txt": [
            {
                "code": "T001",
                "quote": "43人",
                "fingerprint": fingerprint(finding("T001", "43人")),
                "count": 2,
                "message": "m",
            }
        ]
    }
    now = ReportResult(
        path=str(report),
        findings=[
            finding("T001", "43人", 5),
            finding("T001", "43人", 8),
            finding("T001", "43人", 9),
            finding("P001", "12%"),
        ],
    )
    kept = Baseline.load(base).filter(now)
    assert [(f.code, f.spans[0].line) for f in kept.findings] == [("T001", 9), ("P001", 1)]
    assert kept.meta["baselined"] == 2


def test_paths_are_relative_to_the_baseline_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "sub").mkdir()
    base = tmp_path / "base.json"
    monkeypatch.chdir(tmp_path)
    write(
        RunResult(reports=[ReportResult(path="sub/r.txt", findings=[finding("T001", "x")])]), base
    )
    monkeypatch.chdir(tmp_path / "sub")
    kept = Baseline.load(base).filter(ReportResult(path="r.txt", findings=[finding("T001", "x")]))
    assert kept.findings == []


def test_another_report_is_not_covered(tmp_path: Path) -> None:
    base = tmp_path / "base.json"
    write(
        RunResult(
            reports=[ReportResult(path=str(tmp_path / "a.txt"), findings=[finding("T001", "x")])]
        ),
        base,
    )
    other = ReportResult(path=str(tmp_path / "b.txt"), findings=[finding("T001", "x")])
    assert len(Baseline.load(base).filter(other).findings) == 1


@pytest.mark.parametrize(
    "content, needle",
    [
        (None, "baseline file not found"),
        ("{", "invalid JSON"),
        ('{"a": 1}', "not a reviewer baseline"),
        ('{"tool": "reviewer", "version": 9, "reports": {}}', "version 9 not supported"),
    ],
)
def test_bad_baseline_files_are_one_line_errors(
    tmp_path: Path, content: str | None, needle: str
) -> None:
    path = tmp_path / "b.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(BaselineError, match=needle):
        Baseline.load(path)
