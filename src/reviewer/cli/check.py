"""`reviewer check` (rules only, offline) and `reviewer baseline` (accept current findings)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from reviewer.cli.options import (
    BaselineOpt,
    ConfigOpt,
    FailOnOpt,
    FormatOpt,
    IgnoreOpt,
    IsolatedOpt,
    JobsOpt,
    LangOpt,
    LangOption,
    OutputOpt,
    PathsArg,
    PreviousOpt,
    ProgressOpt,
    ResultsOpt,
    ResumeOpt,
    SelectOpt,
    SeverityOpt,
    TimeoutOpt,
    one_line_errors,
    policy,
)
from reviewer.cli.run import review_inputs, run_command


@one_line_errors
def check_cmd(
    paths: PathsArg,
    fmt: FormatOpt = None,
    fail_on: FailOnOpt = None,
    lang: LangOption = None,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    severity: SeverityOpt = None,
    output: OutputOpt = None,
    config: ConfigOpt = None,
    isolated: IsolatedOpt = False,
    baseline: BaselineOpt = None,
    results: ResultsOpt = None,
    resume: ResumeOpt = False,
    jobs: JobsOpt = None,
    progress: ProgressOpt = None,
    timeout: TimeoutOpt = None,
    previous: PreviousOpt = None,
) -> None:
    """Verify every numeric claim and target in REPORTS with the rules only (offline)."""
    run_command(**locals())


@one_line_errors
def baseline_cmd(
    paths: Annotated[
        list[str],
        typer.Argument(help="Reports (files, directories, globs, -).", show_default=False),
    ],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="The baseline file to write.")
    ] = Path("reviewer-baseline.json"),
    lang: Annotated[LangOpt | None, typer.Option(help="Language of messages.")] = None,
    select: Annotated[str | None, typer.Option(help="Rule codes or prefixes to run.")] = None,
    ignore: Annotated[str | None, typer.Option(help="Rule codes or prefixes to skip.")] = None,
    config: Annotated[Path | None, typer.Option(help="Config file.")] = None,
    isolated: Annotated[bool, typer.Option(help="Ignore all configuration files.")] = False,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", min=1)] = None,
) -> None:
    """Accept the current findings of REPORTS: `check --baseline FILE` then shows only new ones."""
    from reviewer import baseline as bl

    cfg, settings = policy(
        paths,
        config=config,
        isolated=isolated,
        lang=lang,
        select=select,
        ignore=ignore,
        severity=None,
    )
    outcome = review_inputs(
        paths,
        settings,
        jobs=jobs or cfg.jobs or 1,
        results=None,
        resume=False,
        progress=None,
        keep_texts=False,
    )
    n = bl.write(outcome.run, output)
    reviewed = sum(1 for r in outcome.run.reports if not r.error)
    typer.echo(f"reviewer: accepted {n} finding(s) of {reviewed} report(s) in {output}", err=True)
    if outcome.errors:
        raise typer.Exit(2)
