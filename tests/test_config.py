"""Configuration: found upward from the first input, validated, one-line errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewer.config import ConfigError, find_config, load_config, resolve
from reviewer.models import Severity


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_pyproject_section_is_found_upward_from_the_input(tmp_path: Path) -> None:
    cfg = write(tmp_path / "pyproject.toml", '[tool.reviewer]\nselect = ["T"]\n')
    report = write(tmp_path / "a" / "b" / "r.txt", "x")
    assert find_config(report) == cfg
    assert find_config(report.parent) == cfg


def test_a_pyproject_without_the_section_is_skipped(tmp_path: Path) -> None:
    outer = write(tmp_path / "reviewer.toml", "lang = 'en'\n")
    write(tmp_path / "proj" / "pyproject.toml", "[tool.ruff]\nline-length = 100\n")
    assert find_config(tmp_path / "proj") == outer


def test_reviewer_toml_wins_in_the_same_directory(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.reviewer]\nlang = 'zh'\n")
    own = write(tmp_path / "reviewer.toml", "lang = 'en'\n")
    assert find_config(tmp_path) == own


def test_every_key_is_read(tmp_path: Path) -> None:
    path = write(
        tmp_path / "pyproject.toml",
        """
[tool.reviewer]
select = ["T", "p0"]
extend-select = ["Q"]
ignore = ["T002"]
lang = "en"
fail_on = "warning"
format = "sarif"
baseline = "base.json"
jobs = 4
[tool.reviewer.severity]
T002 = "warning"
[tool.reviewer.tolerances]
money-yuan = 100
[tool.reviewer.model]
model = "qwen2.5:7b"
base-url = "http://localhost:11434/v1"
mode = "json"
""",
    )
    cfg = load_config(path)
    assert cfg.effective_select() == ["T", "P0", "Q"]
    assert cfg.ignore == ["T002"]
    assert (cfg.lang, cfg.fail_on, cfg.format, cfg.jobs) == ("en", "warning", "sarif", 4)
    assert cfg.baseline == tmp_path / "base.json"
    assert cfg.severity == {"T002": Severity.WARNING}
    assert cfg.tolerances == {"money-yuan": 100}
    assert cfg.model == {
        "model": "qwen2.5:7b",
        "base_url": "http://localhost:11434/v1",
        "mode": "json",
    }


@pytest.mark.parametrize(
    "text, needle",
    [
        ("select = 'T001 P'\nlang = 'fr'\n", "`lang` must be one of zh, en"),
        ("selct = ['T']\n", "unknown key `selct`"),
        ("select = ['T-1']\n", "bad rule code 'T-1'"),
        ("[severity]\nT001 = 'fatal'\n", "`severity.T001` must be one of"),
        ("[severity]\nsum = 'info'\n", "is not a rule code"),
        ("jobs = 0\n", "`jobs` must be a whole number"),
        ("[model]\ntemperature = 0\n", "unknown key `model.temperature`"),
        ("select = [\n", "invalid TOML"),
    ],
)
def test_bad_values_are_one_line_errors_naming_the_file(
    tmp_path: Path, text: str, needle: str
) -> None:
    path = write(tmp_path / "reviewer.toml", text)
    with pytest.raises(ConfigError) as err:
        load_config(path)
    message = str(err.value)
    assert needle in message and str(path) in message


def test_resolve_explicit_isolated_and_default(tmp_path: Path) -> None:
    path = write(tmp_path / "x.toml", "lang = 'en'\n")
    assert resolve(path, None).lang == "en"
    assert resolve(path, None, isolated=True).lang is None
    with pytest.raises(ConfigError, match="config file not found"):
        resolve(tmp_path / "missing.toml", None)


def test_select_all_means_every_rule(tmp_path: Path) -> None:
    path = write(tmp_path / "reviewer.toml", "select = ['ALL']\n")
    assert load_config(path).effective_select() is None
