"""The library and the command line give the same findings: `check()` / `review()` return what
`reviewer check` / `reviewer review` print for the same settings (the baseline aside, which is
a CLI option)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from reviewer.cli import app
from reviewer.engine import check
from reviewer.models import Severity

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "fixtures" / "reports"
FIXTURES = [*sorted(REPORTS.glob("*.txt")), ROOT / "fixtures" / "clean-report.txt"]


def _cli(*args: str) -> list[dict[str, Any]]:
    out = CliRunner().invoke(app, [*args, "--isolated", "--format", "json", "--fail-on", "none"])
    assert out.exit_code == 0, out.output
    reports: list[dict[str, Any]] = json.loads(out.stdout)["reports"]
    return reports


def _lib(path: Path, **kwargs: Any) -> dict[str, Any]:
    dumped: dict[str, Any] = json.loads(check(path, **kwargs).model_dump_json(exclude_none=True))
    return dumped


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_check_returns_what_the_cli_prints(path: Path) -> None:
    assert _cli("check", str(path)) == [_lib(path)]


def test_the_same_with_selection_and_severity_overrides() -> None:
    path = ROOT / "fixtures" / "reports" / "yonggu-2024.txt"
    cli = _cli("check", str(path), "--select", "G,Q", "--ignore", "Q001", "--severity", "G003=info")
    lib = _lib(path, select=["G", "Q"], ignore=["Q001"], severity_overrides={"G003": Severity.INFO})
    assert cli == [lib]
    assert any(f["code"] == "G003" and f["severity"] == "info" for f in lib["findings"])


def test_inline_suppressions_apply_in_the_library_too(tmp_path: Path) -> None:
    text = "支出1000万元，其中：基本支出600万元，项目支出300万元。\n"
    plain = tmp_path / "plain.txt"
    plain.write_text(text, encoding="utf-8")
    marked = tmp_path / "marked.txt"
    marked.write_text(text.rstrip("\n") + "<!-- reviewer: ignore T001 -->\n", encoding="utf-8")
    assert "T001" in {f["code"] for f in _lib(plain)["findings"]}
    lib = _lib(marked)
    assert "T001" not in {f["code"] for f in lib["findings"]}
    assert lib["meta"]["suppressed"] == 1
    assert _cli("check", str(marked)) == [lib]


def test_review_returns_what_the_cli_prints_with_no_model(monkeypatch: pytest.MonkeyPatch) -> None:
    from reviewer.llm.review import review

    for var in ("REVIEWER_MODEL", "OPENAI_API_KEY", "OPENAI_BASE_URL"):
        monkeypatch.delenv(var, raising=False)
    path = REPORTS / "injection-2024.txt"
    lib = json.loads(review(path).model_dump_json(exclude_none=True))
    assert lib["meta"]["llm"]["status"] == "off"
    assert _cli("review", str(path)) == [lib]


def test_review_returns_what_the_cli_prints_with_a_model(
    fake: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rule and model findings go through one policy: the library and `reviewer review` agree,
    selection, severity overrides and an inline marker on a model finding included."""
    from reviewer.llm.review import review

    monkeypatch.setenv("REVIEWER_PIPELINE", "full")  # answers queued for extraction + critique
    from reviewer.llm.settings import Settings
    from tests.test_llm_review import CRITIQUE, EXTRACTION, REPORT

    marked = REPORT.replace(
        "群众获得感进一步提高。", "群众获得感进一步提高。【reviewer: ignore L010】"
    )
    path = tmp_path / "report.txt"
    path.write_text(marked, encoding="utf-8")
    flags = ["--model", "fake", "--base-url", fake.base_url, "--mode", "json", "--no-cache"]
    for _ in range(2):  # one answer per stage, for the CLI run and then the library run
        fake.reply_json(EXTRACTION)
        fake.reply_json(CRITIQUE)
    cli = _cli("review", str(path), *flags, "--severity", "L001=info", "--ignore", "Q")
    settings = Settings.from_env(model="fake", base_url=fake.base_url, mode="json", cache=False)
    result = review(
        path, settings=settings, ignore=["Q"], severity_overrides={"L001": Severity.INFO}
    )
    lib = json.loads(result.model_dump_json(exclude_none=True))
    assert cli == [lib]
    codes = [f["code"] for f in lib["findings"]]
    assert lib["meta"]["llm"]["status"] == "ok"
    confirmed = {c for f in lib["findings"] for c in f["data"].get("confirmed_by", [])}
    assert "L001" in confirmed  # the model's verdict folded into the rule finding it repeats
    assert not any(c.startswith("Q") for c in codes)
    assert "L010" not in codes and lib["meta"]["suppressed"] == 1  # silenced by the marker
