"""The command line, as a user meets it: inputs, formats, exit codes, config, baseline, rules.

The CLI is tested against three fake rules (Z001 error, Z002 warning, Z003 info) that flag fixed
words, so these tests specify the CLI and not the arithmetic of the real checks.
The fake rules (`fake_rules` fixture) live in tests/conftest.py.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from reviewer.checks import registry
from reviewer.checks.registry import Hit
from reviewer.cli import Format, app
from reviewer.document import Document

ROOT = Path(__file__).resolve().parent.parent


REPORT = """某某县财政局
2023年度部门整体支出绩效自评报告
一、基本情况
年末实有人员合计99人，其中在编40人、编外3人。
二、绩效目标
进一步提高服务质量。
三、自评结论
自评得分95分，综合评定等级为“优”。资产合计存在尾差0.01万元。
"""
CLEAN = """某某县教育局
2024年度部门整体支出绩效自评报告
年末实有人员43人，其中在编40人、编外3人。
"""


@pytest.fixture
def reports(tmp_path: Path, fake_rules: None, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working directory with reports/a.txt (3 findings) and reports/b.txt (clean)."""
    d = tmp_path / "reports"
    d.mkdir()
    (d / "a.txt").write_text(REPORT, encoding="utf-8")
    (d / "b.txt").write_text(CLEAN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


runner = CliRunner()


def invoke(*args: str, input: str | bytes | None = None) -> Any:
    return runner.invoke(app, list(args), input=input)


def run_main(
    *args: str, cwd: Path, stdin: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    """`reviewer ARGS` in a real process (through `main`), with the fake rules installed."""
    code = (
        f"import sys; sys.path.insert(0, {str(ROOT)!r})\n"
        "from tests.conftest import install_fake_rules; install_fake_rules()\n"
        "from reviewer.cli import main; main()\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        env=env,
        timeout=60,
    )


# ---------------------------------------------------------------- exit codes, every format


@pytest.mark.parametrize("fmt", [f.value for f in Format])
def test_exit_code_is_1_when_a_finding_reaches_fail_on_whatever_the_format(
    reports: Path, fmt: str, tmp_path: Path
) -> None:
    out = tmp_path / f"out.{fmt}"
    result = invoke("check", "reports/a.txt", "-f", fmt, "-o", str(out))
    assert result.exit_code == 1, result.output
    assert out.stat().st_size > 0


@pytest.mark.parametrize("fmt", [f.value for f in Format])
def test_exit_code_is_0_for_a_clean_report_whatever_the_format(
    reports: Path, fmt: str, tmp_path: Path
) -> None:
    result = invoke("check", "reports/b.txt", "-f", fmt, "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("fmt", [f.value for f in Format])
def test_exit_code_is_2_for_a_missing_file_whatever_the_format(
    reports: Path, fmt: str, tmp_path: Path
) -> None:
    result = invoke("check", "reports/a.txt", "nope.txt", "-f", fmt, "-o", str(tmp_path / "o"))
    assert result.exit_code == 2
    assert "nope.txt: no such file or directory" in result.stderr
    assert (tmp_path / "o").stat().st_size > 0  # the readable report's output is kept


def test_fail_on_sets_the_threshold(reports: Path) -> None:
    assert invoke("check", "reports/a.txt", "--select", "Z002", "--fail-on", "error").exit_code == 0
    assert (
        invoke("check", "reports/a.txt", "--select", "Z002", "--fail-on", "warning").exit_code == 1
    )
    assert (
        invoke("check", "reports/a.txt", "--select", "Z003", "--fail-on", "warning").exit_code == 0
    )
    assert invoke("check", "reports/a.txt", "--select", "Z003", "--fail-on", "info").exit_code == 1
    assert invoke("check", "reports/a.txt", "--fail-on", "none").exit_code == 0


def test_every_format_is_registered_with_a_renderer() -> None:
    from reviewer.render import FORMATS

    assert set(FORMATS) == {f.value for f in Format}


# ---------------------------------------------------------------- inputs and batches


def test_batch_with_a_bad_file_in_the_middle_reviews_the_others(reports: Path) -> None:
    (reports / "reports" / "bad.txt").write_bytes(b"")  # empty: cannot be reviewed
    result = invoke(
        "check", "reports/a.txt", "reports/bad.txt", "missing.txt", "reports/b.txt", "-f", "json"
    )
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 2  # one line per bad input
    assert re.search(r"^reviewer: reports/bad.txt: .*empty", result.stderr, re.MULTILINE)
    assert "reviewer: missing.txt: no such file or directory" in result.stderr
    run = json.loads(result.stdout)
    paths = [r["path"] for r in run["reports"]]
    assert paths == ["reports/a.txt", "reports/bad.txt", "missing.txt", "reports/b.txt"]
    assert [bool(r.get("error")) for r in run["reports"]] == [False, True, True, False]
    assert len(run["reports"][0]["findings"]) == 3


def test_a_directory_is_searched_recursively(reports: Path) -> None:
    sub = reports / "reports" / "2024"
    sub.mkdir()
    (sub / "c.md").write_text(REPORT, encoding="utf-8")
    (sub / "notes.csv").write_text("x", encoding="utf-8")
    result = invoke("check", "reports", "-f", "jsonl")
    paths = [json.loads(line)["path"] for line in result.stdout.splitlines()]
    assert paths == ["reports/a.txt", "reports/b.txt", "reports/2024/c.md"]


def test_stdin_is_read_with_a_dash(reports: Path) -> None:
    result = invoke("check", "-", "-f", "json", input=REPORT.encode("utf-8"))
    assert result.exit_code == 1
    report = json.loads(result.stdout)["reports"][0]
    assert report["path"] == "<stdin>"
    assert {f["code"] for f in report["findings"]} == {"Z001", "Z002", "Z003"}


def test_summary_table_follows_the_text_output_of_a_batch(reports: Path) -> None:
    result = invoke("check", "reports", "--fail-on", "none")
    table = result.stdout.split("共 2 份报告")[1]
    assert "单位" in table and "自评得分" in table
    assert "某某县财政局" in table and "2023" in table
    assert "某某县教育局" in table


def test_progress_never_touches_stdout(reports: Path) -> None:
    result = invoke("check", "reports", "-f", "json", "--progress")
    json.loads(result.stdout)  # stdout is exactly the JSON document


def test_results_file_and_resume(reports: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = invoke("check", "reports", "-f", "json", "--results", "run.jsonl")
    lines = Path("run.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2

    (reports / "reports" / "b.txt").write_text(CLEAN + "进一步提高。\n", encoding="utf-8")
    second = invoke("check", "reports", "-f", "json", "--results", "run.jsonl", "--resume")
    a1 = json.loads(first.stdout)["reports"][0]
    a2 = json.loads(second.stdout)["reports"][0]
    assert a1 == a2
    lines = Path("run.jsonl").read_text(encoding="utf-8").splitlines()
    # a.txt unchanged: reused, not written again; b.txt changed: reviewed and appended
    assert len(lines) == 3 and json.loads(lines[-1])["path"] == "reports/b.txt"


def test_resume_needs_a_results_file(reports: Path) -> None:
    result = invoke("check", "reports", "--resume")
    assert result.exit_code == 2
    assert "--resume needs --results" in result.stderr


# ---------------------------------------------------------------- config


def test_config_in_pyproject_selects_and_overrides(reports: Path) -> None:
    Path("pyproject.toml").write_text(
        '[tool.reviewer]\nignore = ["Z001"]\nfail-on = "warning"\nlang = "en"\n'
        '[tool.reviewer.severity]\nZ003 = "warning"\n',
        encoding="utf-8",
    )
    result = invoke("check", "reports/a.txt", "-f", "json")
    findings = json.loads(result.stdout)["reports"][0]["findings"]
    assert {f["code"]: f["severity"] for f in findings} == {"Z002": "warning", "Z003": "warning"}
    assert findings[0]["message"].startswith("fake-vague")  # lang = en
    assert result.exit_code == 1  # fail-on = warning
    # flags win over the file
    flagged = invoke("check", "reports/a.txt", "-f", "json", "--ignore", "Z002", "--lang", "zh")
    codes = [f["code"] for f in json.loads(flagged.stdout)["reports"][0]["findings"]]
    assert codes == ["Z001", "Z003"]
    assert invoke("check", "reports/a.txt", "--isolated", "-f", "json").exit_code == 1


def test_bad_config_is_one_line_and_exit_2(reports: Path) -> None:
    Path("reviewer.toml").write_text('fail-on = "sometimes"\n', encoding="utf-8")
    result = invoke("check", "reports/a.txt")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.strip().count("\n") == 0
    assert "fail-on" in result.stderr and "sometimes" in result.stderr


# ---------------------------------------------------------------- suppression and baseline


def test_inline_marker_silences_a_finding(reports: Path) -> None:
    text = REPORT.replace("进一步提高服务质量。", "进一步提高服务质量。【reviewer: ignore Z002】")
    Path("reports/a.txt").write_text(text, encoding="utf-8")
    result = invoke("check", "reports/a.txt", "-f", "json")
    report = json.loads(result.stdout)["reports"][0]
    assert [f["code"] for f in report["findings"]] == ["Z001", "Z003"]
    assert report["meta"]["suppressed"] == 1


def test_baseline_then_check_reports_only_new_findings(reports: Path) -> None:
    made = invoke("baseline", "reports", "-o", "base.json")
    assert made.exit_code == 0, made.output
    assert "accepted 3 finding(s) of 2 report(s)" in made.stderr
    again = invoke("check", "reports", "--baseline", "base.json", "-f", "json")
    assert again.exit_code == 0
    assert all(not r["findings"] for r in json.loads(again.stdout)["reports"])
    # a new problem in b.txt, and a.txt's lines shifted: only the new one is reported
    Path("reports/a.txt").write_text("前言\n\n" + REPORT, encoding="utf-8")
    Path("reports/b.txt").write_text(CLEAN + "进一步提高效率。\n", encoding="utf-8")
    after = invoke("check", "reports", "--baseline", "base.json", "-f", "sarif")
    assert after.exit_code == 0  # a warning only
    results = json.loads(after.stdout)["runs"][0]["results"]
    assert [(r["ruleId"], r["baselineState"]) for r in results] == [("Z002", "new")]


def test_missing_baseline_file_is_exit_2(reports: Path) -> None:
    result = invoke("check", "reports", "--baseline", "nope.json")
    assert result.exit_code == 2
    assert "nope.json: baseline file not found" in result.stderr


# ---------------------------------------------------------------- rules


def test_rules_lists_and_explains(fake_rules: None) -> None:
    listing = invoke("rules")
    assert listing.exit_code == 0
    assert re.search(r"^Z001\s+fake-total\s+error", listing.stdout, re.MULTILINE)
    assert "X001" in listing.stdout
    one = invoke("rules", "z001")
    assert "## What it does\nWhat Z001 does." in one.stdout
    as_json = json.loads(invoke("rules", "Z002", "--format", "json").stdout)
    assert as_json["name"] == "fake-vague" and as_json["fix"] == "Fix for Z002."
    assert len(json.loads(invoke("rules", "-f", "json").stdout)) == 4
    unknown = invoke("rules", "Z999")
    assert unknown.exit_code == 2 and "unknown rule" in unknown.stderr


# ---------------------------------------------------------------- the real process


def test_usage_errors_are_one_line_exit_2_never_a_traceback(reports: Path) -> None:
    for args in (
        ["check", "reports", "--format", "pdf"],
        ["check", "reports", "--no-such-flag"],
        ["check", "reports", "--jobs", "0"],
        ["frobnicate"],
    ):
        proc = run_main(*args, cwd=reports)
        err = proc.stderr.decode("utf-8")
        assert proc.returncode == 2, (args, err)
        assert err.startswith("reviewer: ") and err.count("\n") == 1, (args, err)
        assert "Traceback" not in err and proc.stdout == b""


def test_real_process_exit_codes_and_clean_stdout(reports: Path) -> None:
    proc = run_main("check", "reports", "-f", "json", cwd=reports)
    assert proc.returncode == 1
    assert proc.stderr == b""
    assert len(json.loads(proc.stdout)["reports"]) == 2
    piped = run_main("check", "-", "-f", "github", cwd=reports, stdin=CLEAN.encode("utf-8"))
    assert piped.returncode == 0 and piped.stdout == b""
    missing = run_main("check", "nope.txt", cwd=reports)
    assert missing.returncode == 2
    assert missing.stderr.decode() == "reviewer: nope.txt: no such file or directory\n"


def test_cold_start_imports_no_renderer_dependencies() -> None:
    code = "import sys, reviewer.cli; print(','.join(sorted(sys.modules)))"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    modules = set(out.stdout.strip().split(","))
    assert "reviewer.cli" in modules and "typer" in modules  # the import did run
    for heavy in ("rich", "openpyxl", "pydantic", "docx", "pdfplumber", "reviewer.engine"):
        assert heavy not in modules, heavy


def sample_run(lang: str = "zh") -> Any:
    """A RunResult as the CLI builds it: a report with findings, a clean one, an unreadable one.

    Needs the `fake_rules` fixture."""
    from reviewer.engine import review_document
    from reviewer.models import ReportResult, RunResult
    from reviewer.policy import Policy as Settings

    settings = Settings(lang=lang)  # type: ignore[arg-type]
    return RunResult(
        reports=[
            review_document(Document(text=REPORT, path="reports/a.txt"), settings),
            review_document(Document(text=CLEAN, path="reports/b.txt"), settings),
            ReportResult(path="reports/bad.txt", error="the report is empty"),
        ]
    )


# ---------------------------------------------------------------- with the real rules


def test_the_real_rules_on_the_samples_in_every_format(tmp_path: Path) -> None:
    samples = [str(ROOT / "fixtures" / "reports" / n) for n in ("yonggu-2024.txt", "julu-2022.txt")]
    for fmt in Format:
        out = tmp_path / f"out.{fmt.value}"
        if fmt == Format.docx:  # one file per report: a directory
            out = tmp_path / "docx"
        result = invoke("check", *samples, "-f", fmt.value, "-o", str(out), "--no-progress")
        assert result.exit_code in (0, 1), (fmt, result.output)
        if fmt == Format.docx:
            assert sorted(p.name for p in out.iterdir()) == ["julu-2022.docx", "yonggu-2024.docx"]
        else:
            assert out.stat().st_size > 0
    log = json.loads((tmp_path / "out.sarif").read_text(encoding="utf-8"))
    run = log["runs"][0]
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert all(r["ruleId"] in ids for r in run["results"])
    assert all(r["help"]["text"] for r in run["tool"]["driver"]["rules"])


def test_a_crashing_check_keeps_the_other_findings_and_exits_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    registry.load_all()

    def broken(doc: Document) -> Iterator[Hit]:
        raise ValueError("boom")

    bad = tmp_path / "bad-sum.txt"
    bad.write_text("本年收入500万元，其中：拨款300万元，其他收入250万元。", encoding="utf-8")
    rules, checks = registry.catalog()
    with registry.replaced(rules.values(), [(("S001",), broken), *checks]):
        result = CliRunner().invoke(app, ["check", str(bad), "-f", "json"])
    assert result.exit_code == 2
    assert "internal error in S001: ValueError: boom" in result.stderr
    report = json.loads(result.stdout)["reports"][0]
    assert report["meta"]["internal_errors"] == ["S001: ValueError: boom"]
    assert "T001" in [f["code"] for f in report["findings"]]  # the other checks still ran
