"""`reviewer review` and `reviewer extract`: the model-assisted commands.

Registered in cli.py with `app.command("review")(review_cmd)` and
`app.command("extract")(extract_cmd)`. Parsing and rendering only; the work is in
`reviewer.review`.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from reviewer.errors import ReviewerError


class Format(str, Enum):
    """The formats of `check` (see reviewer.cli.Format)."""

    text = "text"
    json = "json"
    jsonl = "jsonl"
    sarif = "sarif"
    github = "github"
    markdown = "markdown"
    html = "html"
    xlsx = "xlsx"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"
    none = "none"


class LangOpt(str, Enum):
    zh = "zh"
    en = "en"


class ModeOpt(str, Enum):
    tools = "tools"
    json_schema = "json_schema"
    json = "json"
    md_json = "md_json"


ModelOpt = Annotated[
    str | None, typer.Option("--model", "-m", help="Model name (default: $REVIEWER_MODEL).")
]
BaseUrlOpt = Annotated[
    str | None,
    typer.Option(help="OpenAI-compatible endpoint (default: $OPENAI_BASE_URL or OpenAI)."),
]
ModeOption = Annotated[
    ModeOpt | None,
    typer.Option(
        "--mode",
        help="Structured-output mode. Default per endpoint: OpenAI tools; DeepSeek, DashScope "
        "and unknown hosts json; localhost/LAN (llama.cpp, Ollama, LM Studio, vLLM) json_schema.",
    ),
]
NoCacheOpt = Annotated[bool, typer.Option("--no-cache", help="Do not read or write the cache.")]
TimeoutOpt = Annotated[float | None, typer.Option(help="Seconds per HTTP request (default 300).")]
RetriesOpt = Annotated[
    int | None,
    typer.Option(help="Retries on connection errors, 429 and 5xx (default 2)."),
]
ContextOpt = Annotated[
    int | None,
    typer.Option(
        help="Report tokens per call; longer reports are split by section (default 6000)."
    ),
]


def _settings(
    model: str | None,
    base_url: str | None,
    mode: ModeOpt | None,
    no_cache: bool,
    timeout: float | None,
    max_retries: int | None,
    context_tokens: int | None,
    critique: bool | None = None,
):
    from reviewer.llm.settings import Settings

    return Settings.from_env(
        model=model,
        base_url=base_url,
        mode=mode.value if mode else None,
        cache=False if no_cache else None,
        timeout=timeout,
        max_retries=max_retries,
        context_tokens=context_tokens,
        critique=critique,
    )


def review_cmd(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Report files, directories, globs, or - for stdin.", show_default=False
        ),
    ],
    fmt: Annotated[
        Format | None,
        typer.Option("--format", "-f", help="Output format [default: text].", show_default=False),
    ] = None,
    fail_on: Annotated[
        FailOn | None,
        typer.Option(help="Exit 1 when a finding is at or above this severity [default: error]."),
    ] = None,
    lang: Annotated[
        LangOpt | None, typer.Option(help="Language of messages [default: zh].")
    ] = None,
    select: Annotated[
        str | None, typer.Option(help="Comma-separated rule codes or prefixes to run.")
    ] = None,
    ignore: Annotated[
        str | None, typer.Option(help="Comma-separated rule codes or prefixes to skip.")
    ] = None,
    severity: Annotated[
        list[str] | None,
        typer.Option(help="Override a rule's severity, e.g. L010=info (repeatable)."),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the output here.")
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option(help="Config file (default: reviewer.toml or pyproject.toml, upward)."),
    ] = None,
    isolated: Annotated[bool, typer.Option(help="Ignore all configuration files.")] = False,
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", min=1, help="Reports reviewed at once.")
    ] = None,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    mode: ModeOption = None,
    no_cache: NoCacheOpt = False,
    timeout: TimeoutOpt = None,
    max_retries: RetriesOpt = None,
    context_tokens: ContextOpt = None,
    no_critique: Annotated[
        bool, typer.Option("--no-critique", help="Extract and check indicators only.")
    ] = False,
) -> None:
    """Review REPORTS with the rules and a model (rules only when no model is configured).

    Same inputs, formats, configuration and exit codes as `check`; a model that is off or
    fails is stated in one line on stderr and in each report's meta."""
    from reviewer import cli
    from reviewer.batch import review_document, run_batch
    from reviewer.inputs import Problem, expand
    from reviewer.models import ReportResult, Severity
    from reviewer.render import NEEDS_TEXT, render_bytes
    from reviewer.review import augment, notice

    try:
        llm_settings = _settings(
            model,
            base_url,
            mode,
            no_cache,
            timeout,
            max_retries,
            context_tokens,
            False if no_critique else None,
        )
        cfg, settings = cli._settings(
            paths,
            config=config,
            isolated=isolated,
            lang=cli.LangOpt(lang.value) if lang else None,
            select=select,
            ignore=ignore,
            severity=severity,
        )
    except (ReviewerError, TypeError, ValueError) as exc:
        typer.echo(f"reviewer: {' '.join(str(exc).split())}", err=True)
        raise typer.Exit(2) from None
    fmt_name = fmt.value if fmt else (cfg.format or "text")
    if fmt_name not in cli.Format.__members__:
        typer.echo(f"reviewer: unknown format {fmt_name!r}", err=True)
        raise typer.Exit(2)
    threshold_name = fail_on.value if fail_on else (cfg.fail_on or "error")

    def one(doc, bs):  # type: ignore[no-untyped-def]
        return augment(
            doc,
            review_document(doc, bs),
            llm_settings,
            lang=bs.lang,
            select=bs.select,
            ignore=bs.ignore,
            severity_overrides=bs.severity or None,
        )

    expanded = expand(paths)
    for problem in expanded.errors:
        typer.echo(f"reviewer: {problem}", err=True)
    outcome = run_batch(
        expanded.sources,
        settings,
        jobs=jobs or cfg.jobs or 1,
        keep_texts=fmt_name in NEEDS_TEXT,
        review=one,
    )
    by_source = iter(outcome.run.reports)
    reports = []
    for item in expanded.items:
        if isinstance(item, Problem):
            reports.append(ReportResult(path=item.name, error=item.reason))
            outcome.errors.append(str(item))
        else:
            reports.append(next(by_source))
    run = outcome.run
    run.reports = reports
    said_off = False
    for rep in run.reports:
        llm = rep.meta.get("llm") or {}
        if llm.get("status") == "off":
            if not said_off:
                typer.echo(f"reviewer: {llm.get('reason')}", err=True)
                said_off = True
        elif (line := notice(rep)) is not None:
            typer.echo(f"reviewer: {line}", err=True)
    data = render_bytes(run, fmt_name, settings.lang, texts=outcome.texts)
    cli._write(data, output)
    if outcome.errors:
        raise typer.Exit(2)
    if threshold_name != "none":
        threshold = Severity(threshold_name).rank
        if any(f.severity.rank >= threshold for r in run.reports for f in r.findings):
            raise typer.Exit(1)


def extract_cmd(
    path: Annotated[Path, typer.Argument(help="Report file.")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the JSON here.")
    ] = None,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    mode: ModeOption = None,
    no_cache: NoCacheOpt = False,
    timeout: TimeoutOpt = None,
    max_retries: RetriesOpt = None,
    context_tokens: ContextOpt = None,
) -> None:
    """Print the model's grounded extraction of REPORT as JSON (values as written)."""
    from reviewer.review import extract

    try:
        settings = _settings(model, base_url, mode, no_cache, timeout, max_retries, context_tokens)
        ex = extract(path, settings=settings)
    except (ReviewerError, ValueError) as exc:
        typer.echo(f"reviewer: {exc}", err=True)
        raise typer.Exit(2) from None
    text = ex.model_dump_json(indent=2) + "\n"
    dropped = ex.meta.get("llm", {}).get("dropped", {}).get("count", 0)
    if dropped:
        typer.echo(f"reviewer: {path}: {dropped} ungrounded item(s) dropped", err=True)
    if output:
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as exc:
            typer.echo(f"reviewer: cannot write {output}: {exc.strerror or exc}", err=True)
            raise typer.Exit(2) from None
    else:
        sys.stdout.write(text)
