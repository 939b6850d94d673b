"""Results kept on disk (`reviewer.spill`) and output written a report at a time: a batch of any
size holds one report's result in memory, and every format's output is the same bytes as when
the whole run is rendered from a list."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reviewer.models import ReportResult, RunResult
from reviewer.render import chunks, render, render_bytes
from reviewer.spill import SpilledReports, spilled_run
from tests.test_cli import sample_run

STREAMED = ("text", "json", "jsonl", "github", "sarif", "markdown")


def _spilled(run: RunResult) -> RunResult:
    reports = SpilledReports(len(run.reports))
    for i in reversed(range(len(run.reports))):  # filled out of order, as a pool finishes
        reports[i] = run.reports[i]
    return spilled_run(reports, run)


def test_a_spilled_report_reads_back_equal_and_can_be_replaced() -> None:
    a = ReportResult(path="a.txt", meta={"unit": "甲县水利局", "score": (1, 2)})
    b = ReportResult(path="b.txt", error="the report is empty")
    reports = SpilledReports(2)
    reports[1] = b
    with pytest.raises(LookupError):
        reports[0]
    reports[0] = a
    assert list(reports) == [a, b] and reports[0].meta["score"] == (1, 2)
    changed = reports[0]
    changed.meta["previous"] = "a-2023.txt"
    reports[0] = changed
    assert reports[0].meta["previous"] == "a-2023.txt"
    assert reports[1:] == [b]
    mixed = reports.arranged([1, ReportResult(path="gone.txt", error="no such file"), 0])
    assert [r.path for r in mixed] == ["b.txt", "gone.txt", "a.txt"]


@pytest.mark.parametrize("fmt", STREAMED)
@pytest.mark.parametrize("keep", [slice(0, 0), slice(0, 1), slice(2, 3), slice(0, 3)])
def test_every_streamed_format_writes_the_bytes_of_the_whole_run(
    fake_rules: None, fmt: str, keep: slice
) -> None:
    whole = sample_run()
    whole.reports = whole.reports[keep]
    whole.meta["baseline"] = "baseline.json"
    expected = render(whole, fmt, "zh")
    pieces = list(chunks(_spilled(whole), fmt, "zh"))
    assert b"".join(pieces) == expected.encode("utf-8") == render_bytes(whole, fmt, "zh")
    if len(whole.reports) > 1:
        assert len(pieces) > 1  # written a report at a time, not at once


def test_the_json_document_is_pydantics_dump_and_sarif_is_its_build(fake_rules: None) -> None:
    from reviewer.render.sarif import build

    for keep in (slice(0, 0), slice(0, 3)):
        run = sample_run()
        run.reports = run.reports[keep]
        assert render(run, "json") == run.model_dump_json(indent=2, exclude_none=True) + "\n"
        log = json.dumps(build(run, "zh"), ensure_ascii=False, indent=2) + "\n"
        assert render(_spilled(run), "sarif") == log


def test_the_cli_batch_output_matches_the_library_with_copies_found(tmp_path: Path) -> None:
    """Q050 (a batch pass) reaches the spilled results the CLI renders."""
    from typer.testing import CliRunner

    from reviewer.checks.batch_copies import COPIED
    from reviewer.cli import app
    from reviewer.copies import check_texts, split_example

    texts = split_example(COPIED.example)
    for name, text in texts:
        (tmp_path / name).write_text(text, encoding="utf-8")
    names = [str(tmp_path / name) for name, _ in texts]
    out = CliRunner().invoke(app, ["check", *names, "-f", "jsonl", "--fail-on", "none"])
    assert out.exit_code == 0, out.output
    got = [ReportResult.model_validate_json(line) for line in out.stdout.splitlines()]
    expected = check_texts([(n, t) for n, (_, t) in zip(names, texts, strict=True)])
    assert [[f.code for f in r.findings] for r in got] == [
        [f.code for f in r.findings] for r in expected
    ]
    assert all("Q050" in [f.code for f in r.findings] for r in got)


def test_spilled_texts_read_back_by_path() -> None:
    from reviewer.spill import SpilledTexts

    texts = SpilledTexts()
    assert not texts and texts.get("a.txt") is None
    texts["a.txt"] = "甲县水利局\n"
    texts["b.txt"] = ""
    texts["a.txt"] = "甲县水利局（修订）\n"
    assert dict(texts) == {"a.txt": "甲县水利局（修订）\n", "b.txt": ""}
    assert "b.txt" in texts and "c.txt" not in texts and len(texts) == 2
