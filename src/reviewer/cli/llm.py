"""`reviewer review` and `reviewer extract`: the model-assisted commands.

Parsing and rendering only; the work is in `reviewer.llm.review`.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from reviewer.cli.options import (
    BaselineOpt,
    ConfigOpt,
    FailOnOpt,
    FormatOpt,
    IgnoreOpt,
    IsolatedOpt,
    JobsOpt,
    LangOption,
    OutputOpt,
    PathsArg,
    PreviousOpt,
    ProgressOpt,
    ResultsOpt,
    ResumeOpt,
    SelectOpt,
    SeverityOpt,
)
from reviewer.cli.run import run_command
from reviewer.errors import ReviewerError

if TYPE_CHECKING:
    from reviewer.document import Document
    from reviewer.models import ReportResult, RunResult
    from reviewer.policy import Policy


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
    previous: PreviousOpt = None,
) -> None:
    """Review REPORTS with the rules and a model (rules only when no model is configured).

    Same inputs, formats, configuration and exit codes as `check`; a model that is off or
    fails is stated in one line on stderr and in each report's meta.
    """
    from reviewer.llm.review import notice, review_document

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
    except (ReviewerError, TypeError, ValueError) as exc:
        typer.echo(f"reviewer: {' '.join(str(exc).split())}", err=True)
        raise typer.Exit(2) from None

    def one(doc: Document, policy: Policy) -> ReportResult:
        return review_document(doc, policy, llm_settings)

    def notices(run: RunResult) -> None:
        said_off = False
        for rep in run.reports:
            llm = rep.meta.get("llm") or {}
            if llm.get("status") == "off":
                if not said_off:
                    typer.echo(f"reviewer: {llm.get('reason')}", err=True)
                    said_off = True
            elif (line := notice(rep)) is not None:
                typer.echo(f"reviewer: {line}", err=True)

    options = {k: v for k, v in locals().items() if k in _SHARED}
    run_command(**options, review=one, settings_extra={"llm": llm_settings.public()}, after=notices)


_SHARED = [
    "paths",
    "fmt",
    "fail_on",
    "lang",
    "select",
    "ignore",
    "severity",
    "output",
    "config",
    "isolated",
    "baseline",
    "results",
    "resume",
    "jobs",
    "progress",
    "previous",
]


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
    """Print the goals and indicators of REPORT as JSON: the rules' readings, completed by the
    model's grounded extraction (each entry's `by`: rules or model; values as written)."""
    from reviewer.llm.review import extract

    try:
        settings = _settings(model, base_url, mode, no_cache, timeout, max_retries, context_tokens)
        ex = extract(path, settings=settings)
    except (ReviewerError, ValueError) as exc:
        typer.echo(f"reviewer: {exc}", err=True)
        raise typer.Exit(2) from None
    text = ex.model_dump_json(indent=2) + "\n"
    meta = ex.meta.get("llm", {})
    info = meta.get("extraction")
    if info:  # who read what: every entry's `by` is "rules" or "model"
        r, m = info["rules"], info["model"]
        typer.echo(
            f"reviewer: {path}: read by the rules: {r['indicators']} indicator(s), "
            f"{r['goals']} goal(s); by the model: {m['indicators']} indicator(s), "
            f"{m['goals']} goal(s)"
            + (f" (no model answer: {info['no_answer']})" if info.get("no_answer") else "")
            + ("" if info.get("called") or info.get("no_answer") else " (no model call needed)"),
            err=True,
        )
    dropped = meta.get("dropped", {}).get("count", 0)
    if dropped:
        typer.echo(f"reviewer: {path}: {dropped} model item(s) dropped", err=True)
    if output:
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as exc:
            typer.echo(f"reviewer: cannot write {output}: {exc.strerror or exc}", err=True)
            raise typer.Exit(2) from None
    else:
        sys.stdout.write(text)
