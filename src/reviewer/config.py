"""Configuration: `[tool.reviewer]` in pyproject.toml, or a `reviewer.toml` (top-level keys).

Found by searching upward from the first input (or the working directory); in one directory
`reviewer.toml` wins over `pyproject.toml`, and a pyproject.toml without `[tool.reviewer]` is
skipped. Command-line flags override the file. Keys (dashes or underscores)::

    select = ["T", "P"]             # rule codes or prefixes to run (default: all)
    ignore = ["T002"]               # rule codes or prefixes to skip
    extend-select / extend-ignore   # added to select / ignore
    lang = "zh"                     # zh | en
    fail-on = "error"               # error | warning | info | none
    format = "text"                 # default output format
    baseline = "reviewer-baseline.json"
    jobs = 4                        # reports reviewed at once (default: all cores for big batches)
    timeout = 30                    # seconds per report; past it the report is incomplete (0: none)
    [severity]                      # per-code overrides: T002 = "warning"
    [tolerances]                    # passed through to the checks as a dict
    [model]                         # model, base_url, mode: kept for the LLM layer

A bad file is a `ConfigError`: one line, exit code 2.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reviewer.errors import ReviewerError
from reviewer.models import Severity
from reviewer.regex import lazy
from reviewer.tolerances import Tolerances

CONFIG_NAMES = ("reviewer.toml", "pyproject.toml")
LANGS = ("zh", "en")
FAIL_ON = ("error", "warning", "info", "none")
MODEL_KEYS = ("model", "base_url", "mode")
_CODE = lazy(r"^[A-Z][0-9]{0,3}$")
_FULL_CODE = lazy(r"^[A-Z][0-9]{3}$")


class ConfigError(ReviewerError):
    """The configuration file cannot be read or holds a bad value."""


@dataclass
class Config:
    """Settings from the file (every field may be unset); CLI flags are merged on top."""

    path: Path | None = None
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)
    severity: dict[str, Severity] = field(default_factory=dict)
    tolerances: dict[str, Any] = field(default_factory=dict)
    lang: str | None = None
    fail_on: str | None = None
    format: str | None = None
    baseline: Path | None = None
    jobs: int | None = None
    timeout: float | None = None
    model: dict[str, Any] = field(default_factory=dict)

    def effective_select(self) -> list[str] | None:
        if self.select is None:
            return None
        return [*self.select, *self.extend_select]


def find_config(start: Path | None = None) -> Path | None:
    """The nearest reviewer.toml, or pyproject.toml with [tool.reviewer], at or above `start`."""
    here = (start or Path.cwd()).absolute()
    if not here.is_dir():
        here = here.parent
    for directory in (here, *here.parents):
        for name in CONFIG_NAMES:
            candidate = directory / name
            if not candidate.is_file():
                continue
            if name == "reviewer.toml":
                return candidate
            try:
                text = candidate.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            if re.search(r"^\s*\[\s*tool\s*\.\s*reviewer\s*[\].]", text, re.MULTILINE):
                return candidate
    return None


def _toml_load(path: Path) -> dict[str, Any]:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        try:
            import tomli as tomllib  # type: ignore[no-redef]
        except ModuleNotFoundError:
            raise ConfigError(
                f"{path}: reading TOML on Python 3.10 needs `pip install tomli`"
            ) from None
    try:
        with path.open("rb") as fh:
            data: dict[str, Any] = tomllib.load(fh)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    return data


def _codes(path: Path, key: str, value: Any) -> list[str]:
    if isinstance(value, str):
        value = [v for v in re.split(r"[,\s]+", value) if v]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f'{path}: `{key}` must be a list of rule codes, e.g. ["T", "P001"]')
    out = [v.strip().upper() for v in value]
    bad = [v for v in out if v != "ALL" and not _CODE.match(v)]
    if bad:
        raise ConfigError(f"{path}: `{key}` has a bad rule code {bad[0]!r} (e.g. T, T0, T001)")
    return out


def _choice(path: Path, key: str, value: Any, choices: tuple[str, ...]) -> str:
    if not isinstance(value, str) or value.lower() not in choices:
        raise ConfigError(f"{path}: `{key}` must be one of {', '.join(choices)}, not {value!r}")
    return value.lower()


def _table(path: Path, key: str, value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ConfigError(f"{path}: `{key}` must be a table")
    return value


def parse(data: dict[str, Any], path: Path) -> Config:
    """Validate the `[tool.reviewer]` table (or reviewer.toml's top level)."""
    cfg = Config(path=path)
    for raw_key, value in data.items():
        key = raw_key.replace("_", "-")
        if key == "select":
            codes = _codes(path, key, value)
            cfg.select = None if "ALL" in codes else codes
        elif key == "extend-select":
            cfg.extend_select = _codes(path, key, value)
        elif key in ("ignore", "extend-ignore"):
            cfg.ignore += _codes(path, key, value)
        elif key == "lang":
            cfg.lang = _choice(path, key, value, LANGS)
        elif key == "fail-on":
            cfg.fail_on = _choice(path, key, value, FAIL_ON)
        elif key in ("format", "output-format"):
            if not isinstance(value, str):
                raise ConfigError(f"{path}: `{key}` must be a string")
            cfg.format = value
        elif key == "baseline":
            if not isinstance(value, str):
                raise ConfigError(f"{path}: `baseline` must be a path")
            cfg.baseline = (path.parent / value) if not Path(value).is_absolute() else Path(value)
        elif key == "jobs":
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ConfigError(f"{path}: `jobs` must be a whole number >= 1")
            cfg.jobs = value
        elif key == "timeout":
            if not isinstance(value, int | float) or isinstance(value, bool) or value < 0:
                raise ConfigError(f"{path}: `timeout` must be a number of seconds >= 0")
            cfg.timeout = float(value)
        elif key == "severity":
            for code, level in _table(path, key, value).items():
                if not _FULL_CODE.match(str(code)):
                    raise ConfigError(f"{path}: `severity` key {code!r} is not a rule code (T001)")
                level_s = _choice(path, f"severity.{code}", level, ("error", "warning", "info"))
                cfg.severity[str(code)] = Severity(level_s)
        elif key == "tolerances":
            cfg.tolerances = dict(_table(path, key, value))
            try:
                Tolerances.from_dict(cfg.tolerances, where=f"{path}: tolerances")
            except ReviewerError as exc:
                raise ConfigError(str(exc)) from None
        elif key == "model":
            table = {k.replace("-", "_"): v for k, v in _table(path, key, value).items()}
            unknown = sorted(set(table) - set(MODEL_KEYS))
            if unknown:
                raise ConfigError(f"{path}: unknown key `model.{unknown[0]}`")
            cfg.model = table
        else:
            raise ConfigError(f"{path}: unknown key `{raw_key}` in the reviewer settings")
    return cfg


def load_config(path: Path) -> Config:
    """Read and validate one config file."""
    data = _toml_load(path)
    if path.name == "pyproject.toml":
        section = data.get("tool", {}).get("reviewer")
        if section is None:
            raise ConfigError(f"{path}: no [tool.reviewer] section")
        data = _table(path, "tool.reviewer", section)
    return parse(data, path)


def resolve(explicit: Path | None, start: Path | None, *, isolated: bool = False) -> Config:
    """The config to use: `--config FILE`, else the nearest one found, else defaults."""
    if isolated:
        return Config()
    if explicit is not None:
        if not explicit.is_file():
            raise ConfigError(f"{explicit}: config file not found")
        return load_config(explicit)
    found = find_config(start)
    return load_config(found) if found else Config()
