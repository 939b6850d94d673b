"""`reviewer review` / `reviewer extract`: same output and exit codes as `check`, one stderr line
when the model is off or fails, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import typer
from typer.testing import CliRunner

from reviewer.cli import app as main_app
from reviewer.cli.llm import extract_cmd, review_cmd
from tests.test_llm_review import CRITIQUE, EXTRACTION, KEY, REPORT

app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
app.command("review")(review_cmd)
app.command("extract")(extract_cmd)


@pytest.fixture(autouse=True)
def env(monkeypatch, tmp_path):
    for var in (
        "REVIEWER_MODEL",
        "OPENAI_API_KEY",
        "OPENAI_BASE_URL",
        "REVIEWER_MODE",
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "http_proxy",
        "https_proxy",
    ):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("REVIEWER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("REVIEWER_PIPELINE", "full")  # these tests queue extraction answers


@pytest.fixture
def report(tmp_path):
    p = tmp_path / "demo.txt"
    p.write_text(REPORT, encoding="utf-8")
    return p


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def test_without_a_model_review_is_check_plus_one_line(report):
    got = run("review", str(report), "-f", "json")
    want = CliRunner().invoke(main_app, ["check", str(report), "-f", "json"])
    assert got.exit_code == want.exit_code
    assert (
        json.loads(got.stdout)["reports"][0]["findings"]
        == json.loads(want.stdout)["reports"][0]["findings"]
    )
    assert got.stderr.strip().splitlines() == [
        "reviewer: no model configured (set REVIEWER_MODEL or --model); rules only"
    ]


def test_with_a_model_findings_are_merged_and_usage_recorded(fake, report, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    fake.reply_json(EXTRACTION)
    fake.reply_json(CRITIQUE)
    got = run(
        "review",
        str(report),
        "-f",
        "json",
        "--model",
        "fake",
        "--base-url",
        fake.base_url,
        "--mode",
        "json",
        "--fail-on",
        "none",
    )
    assert got.exit_code == 0, got.stderr
    out = json.loads(got.stdout)
    rep = out["reports"][0]
    assert "L010" in [f["code"] for f in rep["findings"]]
    assert rep["meta"]["llm"]["usage"]["calls"] == 2
    assert KEY not in got.stdout and KEY not in got.stderr
    assert got.stderr == ""


def test_text_output_marks_model_findings(fake, report):
    fake.reply_json(EXTRACTION)
    fake.reply_json(CRITIQUE)
    got = run("review", str(report), "--model", "fake", "--base-url", fake.base_url, "--no-cache")
    assert "L010" in got.stdout and "[llm]" in got.stdout


def test_model_failure_keeps_rule_exit_code_and_states_it_once(fake, report):
    for _ in range(2):
        fake.error(503, retry_after=0.01)
    got = run(
        "review",
        str(report),
        "--model",
        "fake",
        "--base-url",
        fake.base_url,
        "--max-retries",
        "1",
        "--timeout",
        "5",
    )
    want = CliRunner().invoke(main_app, ["check", str(report)])
    assert got.exit_code == want.exit_code
    lines = got.stderr.strip().splitlines()
    assert len(lines) == 1 and "model failed" in lines[0] and "HTTP 503" in lines[0]
    assert "Traceback" not in got.stderr + got.stdout


def test_missing_report_exits_2(tmp_path):
    got = run("review", str(tmp_path / "nope.txt"))
    assert got.exit_code == 2 and "no such file" in got.stderr


def test_extract_prints_json(fake, report):
    fake.reply_json(EXTRACTION)
    got = run("extract", str(report), "--model", "fake", "--base-url", fake.base_url)
    assert got.exit_code == 0, got.stderr
    data = json.loads(got.stdout)
    assert data["indicators"][0]["actual"]["span"] and data["budget"][0]["yuan"] == "12005000"
    assert data["meta"]["llm"]["prompts"]["extract"] == "extract.v1"


def test_extract_without_a_model_exits_2_with_one_line(report):
    got = run("extract", str(report))
    assert got.exit_code == 2
    assert got.stderr.strip().splitlines() == [
        "reviewer: no model configured (set REVIEWER_MODEL or --model)"
    ]


def test_importing_the_commands_does_not_load_openai_or_instructor():
    code = (
        "import sys, reviewer, reviewer.cli.llm, reviewer.llm.review, reviewer.llm.schema;"
        "print(any(m.split('.')[0] in ('openai', 'instructor') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_an_inline_marker_silences_a_model_finding(fake, tmp_path):
    marked = REPORT.replace(
        "群众获得感进一步提高。", "群众获得感进一步提高。【reviewer: ignore L010】"
    )
    path = tmp_path / "marked.txt"
    path.write_text(marked, encoding="utf-8")
    fake.reply_json(EXTRACTION)
    fake.reply_json(CRITIQUE)
    got = run(
        "review",
        str(path),
        "-f",
        "json",
        "--model",
        "fake",
        "--base-url",
        fake.base_url,
        "--mode",
        "json",
        "--fail-on",
        "none",
    )
    assert got.exit_code == 0, got.stderr
    rep = json.loads(got.stdout)["reports"][0]
    assert "L010" not in [f["code"] for f in rep["findings"]]
    assert rep["meta"]["suppressed"] >= 1
