"""Command line: parses arguments, calls the library, renders. No review logic lives here."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from reviewer.errors import ReviewerError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Review Chinese performance self-evaluation reports (部门整体支出绩效自评报告).",
    pretty_exceptions_enable=False,
)


class Format(str, Enum):
    text = "text"
    json = "json"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"
    none = "none"


class LangOpt(str, Enum):
    zh = "zh"
    en = "en"


def _fail(message: str) -> None:
    typer.echo(f"reviewer: {message}", err=True)
    raise typer.Exit(2)


@app.command("check")
def check_cmd(
    paths: Annotated[list[Path], typer.Argument(help="Report files to review.")],
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.text,
    fail_on: Annotated[
        FailOn, typer.Option(help="Exit 1 when a finding is at or above this severity.")
    ] = FailOn.error,
    lang: Annotated[LangOpt, typer.Option(help="Language of the messages.")] = LangOpt.zh,
    select: Annotated[
        str | None, typer.Option(help="Comma-separated rule codes or prefixes to run.")
    ] = None,
    ignore: Annotated[
        str | None, typer.Option(help="Comma-separated rule codes or prefixes to skip.")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report here.")
    ] = None,
) -> None:
    """Verify every numeric claim and target in REPORTS with the rules only (offline)."""
    from reviewer.engine import check
    from reviewer.models import ReportResult, RunResult, Severity
    from reviewer.render import render

    sel = [s.strip() for s in select.split(",") if s.strip()] if select else None
    ign = [s.strip() for s in ignore.split(",") if s.strip()] if ignore else None
    run = RunResult()
    input_failed = False
    for path in paths:
        try:
            run.reports.append(check(path, lang=lang.value, select=sel, ignore=ign))
        except ReviewerError as exc:
            input_failed = True
            typer.echo(f"reviewer: {exc}", err=True)
            run.reports.append(ReportResult(path=str(path), error=str(exc)))
    text = render(run, fmt.value, lang.value)
    if output:
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as exc:
            _fail(f"cannot write {output}: {exc.strerror or exc}")
    else:
        sys.stdout.write(text)
    if input_failed:
        raise typer.Exit(2)
    if fail_on != FailOn.none:
        threshold = Severity(fail_on.value).rank
        if any(f.severity.rank >= threshold for r in run.reports for f in r.findings):
            raise typer.Exit(1)


@app.command("rules")
def rules_cmd(
    code: Annotated[str | None, typer.Argument(help="A rule code, e.g. T001.")] = None,
    lang: Annotated[LangOpt, typer.Option(help="Language.")] = LangOpt.zh,
) -> None:
    """List all rules, or explain one: what it checks, why, an example, and the fix."""
    from reviewer.checks.registry import RULES, load_all

    load_all()
    if code is None:
        for r in sorted(RULES.values(), key=lambda r: r.code):
            title = r.title_zh if lang == LangOpt.zh else r.title_en
            typer.echo(f"{r.code}  {r.name:<28} {r.severity.value:<8} {title}")
        return
    r = RULES.get(code.upper())
    if r is None:
        _fail(f"unknown rule {code!r}; `reviewer rules` lists them")
        return
    typer.echo(f"# {r.code} {r.name} ({r.kind}, {r.severity.value})\n")
    typer.echo(f"{r.title_zh} / {r.title_en}\n")
    for head, body in (
        ("What it does", r.what),
        ("Why is this bad?", r.why),
        ("Example", r.example),
        ("Fix", r.fix),
    ):
        typer.echo(f"## {head}\n{body}\n")


def main() -> None:
    try:
        app()
    except ReviewerError as exc:
        typer.echo(f"reviewer: {exc}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        typer.echo("reviewer: interrupted", err=True)
        sys.exit(130)
