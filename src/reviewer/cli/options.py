"""What every command shares: output formats, the common options, one-line errors, and the
per-report policy built from the configuration file and the flags (flags win)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from reviewer.errors import ReviewerError

if TYPE_CHECKING:
    from reviewer.config import Config
    from reviewer.policy import Policy


class Format(str, Enum):
    """Output formats; the names of `reviewer.render.FORMATS` (a test keeps them in step)."""

    text = "text"
    json = "json"
    jsonl = "jsonl"
    sarif = "sarif"
    github = "github"
    markdown = "markdown"
    html = "html"
    xlsx = "xlsx"
    docx = "docx"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"
    none = "none"


class LangOpt(str, Enum):
    zh = "zh"
    en = "en"


def fail(message: str) -> NoReturn:
    """A usage, configuration or input error: one line on stderr, exit 2."""
    typer.echo(f"reviewer: {message}", err=True)
    raise typer.Exit(2)


def one_line_errors(func: Callable[..., None]) -> Callable[..., None]:
    """Turn a `ReviewerError` (bad config, baseline, results file) into one line and exit 2."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        try:
            func(*args, **kwargs)
        except ReviewerError as exc:
            fail(" ".join(str(exc).split()))

    return wrapper


def _codes(value: str | None) -> list[str] | None:
    if value is None:
        return None
    return [s.strip().upper() for s in value.split(",") if s.strip()]


def _start_dir(paths: list[str]) -> Path | None:
    for p in paths:
        if p != "-":
            return Path(p)
    return None


def policy(
    paths: list[str],
    *,
    config: Path | None,
    isolated: bool,
    lang: LangOpt | None,
    select: str | None,
    ignore: str | None,
    severity: list[str] | None,
) -> tuple[Config, Policy]:
    """The configuration file merged with the flags (flags win)."""
    from reviewer.config import resolve
    from reviewer.models import Severity
    from reviewer.policy import Policy

    cfg = resolve(config, _start_dir(paths), isolated=isolated)
    overrides = dict(cfg.severity)
    for item in severity or []:
        code, sep, level = item.partition("=")
        if not sep or level.strip().lower() not in ("error", "warning", "info"):
            fail(f"--severity expects CODE=error|warning|info, not {item!r}")
        overrides[code.strip().upper()] = Severity(level.strip().lower())
    cli_select = _codes(select)
    return cfg, Policy(
        lang=(lang.value if lang else cfg.lang or "zh"),  # type: ignore[arg-type]
        select=cli_select if cli_select is not None else cfg.effective_select(),
        ignore=_codes(ignore) if ignore is not None else (cfg.ignore or None),
        severity=overrides,
        tolerances=dict(cfg.tolerances),
    )


# Options shared by `check` and `review`.
PathsArg = Annotated[
    list[str],
    typer.Argument(
        help="Report files, directories (searched for .txt .md .docx .pdf), globs, or - for stdin.",
        show_default=False,
    ),
]
FormatOpt = Annotated[
    Format | None,
    typer.Option("--format", "-f", help="Output format [default: text].", show_default=False),
]
FailOnOpt = Annotated[
    FailOn | None,
    typer.Option(help="Exit 1 when a finding is at or above this severity [default: error]."),
]
LangOption = Annotated[
    LangOpt | None, typer.Option(help="Language of messages and headings [default: zh].")
]
SelectOpt = Annotated[
    str | None, typer.Option(help="Comma-separated rule codes or prefixes to run.")
]
IgnoreOpt = Annotated[
    str | None, typer.Option(help="Comma-separated rule codes or prefixes to skip.")
]
SeverityOpt = Annotated[
    list[str] | None,
    typer.Option(help="Override a rule's severity, e.g. T002=warning (repeatable)."),
]
OutputOpt = Annotated[Path | None, typer.Option("--output", "-o", help="Write the output here.")]
ConfigOpt = Annotated[
    Path | None,
    typer.Option(help="Config file (default: reviewer.toml or pyproject.toml, upward)."),
]
IsolatedOpt = Annotated[bool, typer.Option(help="Ignore all configuration files.")]
BaselineOpt = Annotated[
    Path | None, typer.Option(help="Report only findings not accepted in this baseline file.")
]
PreviousOpt = Annotated[
    Path | None,
    typer.Option(
        help="Last year's reports (a directory, matched by unit and year) or last year's report "
        "(one file): compare goals, targets, problems and last year's figures (rules Y).",
    ),
]
ResultsOpt = Annotated[
    Path | None,
    typer.Option(help="Append each finished report to this JSONL file as it completes."),
]
ResumeOpt = Annotated[
    bool, typer.Option(help="Reuse the reports already in --results (same path, text, settings).")
]
JobsOpt = Annotated[
    int | None,
    typer.Option(
        "--jobs",
        "-j",
        min=1,
        help="Reports reviewed at once [default: all cores when there are many reports].",
    ),
]
TimeoutOpt = Annotated[
    float | None,
    typer.Option(
        "--timeout",
        min=0,
        help="Seconds per report; past it the report is incomplete and the exit code 2 "
        "(0: no limit) [default: 30].",
        show_default=False,
    ),
]
DEFAULT_TIMEOUT = 30.0
ProgressOpt = Annotated[
    bool | None,
    typer.Option(
        "--progress/--no-progress",
        help="Progress bar on stderr [default: when stderr is a terminal].",
        show_default=False,
    ),
]
