"""Command line: parses arguments, calls the library, renders. No review logic lives here.

Exit codes, whatever the format: 0 no finding at or above `--fail-on`; 1 there is one; 2 usage,
configuration or input errors (one line on stderr, never a traceback; the other reports are
still reviewed and their output written). Only typer is imported at start-up; everything else
is imported inside the command that needs it.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import importlib
import importlib.util
import os
import sys
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from reviewer.errors import ReviewerError

if TYPE_CHECKING:
    from reviewer.batch import Outcome, Settings
    from reviewer.config import Config
    from reviewer.document import Document
    from reviewer.models import ReportResult, RunResult

# Commands that live in other modules, registered lazily: listed only when their module exists,
# imported only when used (or when --help lists them).
LAZY_COMMANDS: dict[str, tuple[str, str]] = {
    "review": ("reviewer.cli_llm", "review_cmd"),
    "extract": ("reviewer.cli_llm", "extract_cmd"),
    "eval": ("reviewer.cli_eval", "eval_cmd"),
}


def _module_exists(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def _lazy_command(name: str) -> Any:
    module_name, attr = LAZY_COMMANDS[name]
    try:
        func = getattr(importlib.import_module(module_name), attr)
    except Exception as exc:  # a broken optional module must not break the other commands
        reason = f"{type(exc).__name__}: {exc}"

        def unavailable() -> None:
            typer.echo(f"reviewer: `{name}` is unavailable ({reason})", err=True)
            raise typer.Exit(2)

        func = unavailable
        settings = {"ignore_unknown_options": True, "allow_extra_args": True}
        sub = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
        sub.command(name, context_settings=settings, help=f"(unavailable: {reason})")(func)
        return typer.main.get_command(sub)
    if isinstance(func, typer.Typer):
        return typer.main.get_command(func)
    sub = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
    sub.command(name)(func)
    return typer.main.get_command(sub)


class LazyGroup(TyperGroup):
    """The top-level group: built-in commands plus the lazily imported ones."""

    def list_commands(self, ctx: Any) -> list[str]:
        names = super().list_commands(ctx)
        extra = [
            n for n, (mod, _) in LAZY_COMMANDS.items() if n not in names and _module_exists(mod)
        ]
        return [*names, *extra]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        cmd = super().get_command(ctx, cmd_name)
        if cmd is None and cmd_name in LAZY_COMMANDS:
            if not _module_exists(LAZY_COMMANDS[cmd_name][0]):
                return None
            cmd = _lazy_command(cmd_name)
            self.commands[cmd_name] = cmd
        return cmd


app = typer.Typer(
    cls=LazyGroup,
    add_completion=False,
    no_args_is_help=True,
    help="Review Chinese performance self-evaluation reports (部门整体支出绩效自评报告).",
    pretty_exceptions_enable=False,
)


class Format(str, Enum):
    """Output formats; the names of `reviewer.render.FORMATS` (kept here for a fast start)."""

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


class RulesFormat(str, Enum):
    text = "text"
    json = "json"


def _fail(message: str) -> None:
    typer.echo(f"reviewer: {message}", err=True)
    raise typer.Exit(2)


def _one_line_errors(func: Callable[..., None]) -> Callable[..., None]:
    """Turn a `ReviewerError` (bad config, baseline, results file) into one line and exit 2."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        try:
            func(*args, **kwargs)
        except ReviewerError as exc:
            _fail(" ".join(str(exc).split()))

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


def _settings(
    paths: list[str],
    *,
    config: Path | None,
    isolated: bool,
    lang: LangOpt | None,
    select: str | None,
    ignore: str | None,
    severity: list[str] | None,
) -> tuple[Config, Settings]:
    """Config file merged with the flags (flags win)."""
    from reviewer.batch import Settings
    from reviewer.config import resolve
    from reviewer.models import Severity

    cfg = resolve(config, _start_dir(paths), isolated=isolated)
    overrides = dict(cfg.severity)
    for item in severity or []:
        code, sep, level = item.partition("=")
        if not sep or level.strip().lower() not in ("error", "warning", "info"):
            _fail(f"--severity expects CODE=error|warning|info, not {item!r}")
        overrides[code.strip().upper()] = Severity(level.strip().lower())
    cli_select = _codes(select)
    settings = Settings(
        lang=(lang.value if lang else cfg.lang or "zh"),  # type: ignore[arg-type]
        select=cli_select if cli_select is not None else cfg.effective_select(),
        ignore=_codes(ignore) if ignore is not None else (cfg.ignore or None),
        severity=overrides,
        tolerances=dict(cfg.tolerances),
    )
    return cfg, settings


def _review(
    paths: list[str],
    settings: Settings,
    *,
    jobs: int,
    results: Path | None,
    resume: bool,
    progress: bool | None,
    keep_texts: bool,
    review: Callable[[Document, Settings], ReportResult] | None = None,
) -> Outcome:
    """Expand the inputs and review them; input problems become error reports in place."""
    from reviewer.batch import run_batch
    from reviewer.checks.registry import load_all
    from reviewer.inputs import Problem, Source, expand
    from reviewer.models import ReportResult

    load_all()
    _startup_done()
    expanded = expand(paths)
    for problem in expanded.errors:
        typer.echo(f"reviewer: {problem}", err=True)
    sources: list[Source] = expanded.sources
    show = sys.stderr.isatty() if progress is None else progress
    outcome: Outcome = run_batch(
        sources,
        settings,
        jobs=jobs,
        results=results,
        resume=resume,
        progress=show,
        keep_texts=keep_texts,
        review=review,
    )
    by_source = iter(outcome.run.reports)
    reports = []
    for item in expanded.items:
        if isinstance(item, Problem):
            reports.append(ReportResult(path=item.name, error=item.reason))
            outcome.errors.append(str(item))
        else:
            reports.append(next(by_source))
    outcome.run.reports = reports
    return outcome


def _write(data: bytes, output: Path | None) -> None:
    if output is not None:
        try:
            output.write_bytes(data)
        except OSError as exc:
            _fail(f"cannot write {output}: {exc.strerror or exc}")
        return
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(data.decode("utf-8"))
    else:
        buffer.write(data)
        buffer.flush()


# Options shared by `check` and `review` (and reused by the lazily registered commands).
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


@app.command("check")
@_one_line_errors
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
) -> None:
    """Verify every numeric claim and target in REPORTS with the rules only (offline)."""
    run_command(**locals())


def run_command(
    paths: list[str],
    *,
    fmt: Format | None,
    fail_on: FailOn | None,
    lang: LangOpt | None,
    select: str | None,
    ignore: str | None,
    severity: list[str] | None,
    output: Path | None,
    config: Path | None,
    isolated: bool,
    baseline: Path | None,
    results: Path | None,
    resume: bool,
    jobs: int | None,
    progress: bool | None,
    review: Callable[[Document, Settings], ReportResult] | None = None,
    settings_extra: dict[str, Any] | None = None,
    after: Callable[[RunResult], None] | None = None,
    timeout: float | None = None,
) -> None:
    """The pipeline behind `check` and `review`: config, inputs, batch, baseline, render, exit.

    `review` replaces the per-report function (the model layer plugs in here), `settings_extra`
    joins the settings digest that `--resume` compares, and `after` sees the run before it is
    rendered (to state model notices).
    """
    if resume and results is None:
        _fail("--resume needs --results FILE")
    cfg, settings = _settings(
        paths,
        config=config,
        isolated=isolated,
        lang=lang,
        select=select,
        ignore=ignore,
        severity=severity,
    )
    settings.extra = dict(settings_extra or {})
    budget = timeout if timeout is not None else cfg.timeout
    settings.timeout = DEFAULT_TIMEOUT if budget is None else (budget or None)
    fmt_name = fmt.value if fmt else (cfg.format or "text")
    if fmt_name not in Format.__members__:
        _fail(
            f"{cfg.path}: unknown format {fmt_name!r}; choose from {', '.join(Format.__members__)}"
        )
    threshold_name = fail_on.value if fail_on else (cfg.fail_on or "error")
    if fmt_name == "xlsx" and output is None and sys.stdout.isatty():
        _fail("xlsx is a binary format: write it to a file with -o FILE")

    from reviewer.baseline import Baseline
    from reviewer.models import Severity
    from reviewer.render import NEEDS_TEXT, render_bytes

    baseline_path = baseline or cfg.baseline
    accepted = Baseline.load(baseline_path) if baseline_path else None

    outcome = _review(
        paths,
        settings,
        jobs=jobs or cfg.jobs or 0,
        results=results,
        resume=resume,
        progress=progress,
        keep_texts=fmt_name in NEEDS_TEXT,
        review=review,
    )
    run = outcome.run
    if accepted is not None:
        run.reports = [accepted.filter(r) for r in run.reports]
        run.meta["baseline"] = str(baseline_path)
    if after is not None:
        after(run)

    data = render_bytes(run, fmt_name, settings.lang, texts=outcome.texts)
    if fmt_name == "text" and len(run.reports) > 1:
        from reviewer.render.common import summary_table

        data += ("\n" + summary_table(run, settings.lang) + "\n").encode("utf-8")
    _write(data, output)

    if outcome.errors:
        raise typer.Exit(2)
    if threshold_name != "none":
        threshold = Severity(threshold_name).rank
        if any(f.severity.rank >= threshold for r in run.reports for f in r.findings):
            raise typer.Exit(1)


@app.command("baseline")
@_one_line_errors
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

    cfg, settings = _settings(
        paths,
        config=config,
        isolated=isolated,
        lang=lang,
        select=select,
        ignore=ignore,
        severity=None,
    )
    outcome = _review(
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


def _rule_dict(r: Any) -> dict[str, Any]:
    return {
        "code": r.code,
        "name": r.name,
        "kind": r.kind,
        "severity": r.severity.value,
        "family": r.family,
        "title_zh": r.title_zh,
        "title_en": r.title_en,
        "what": r.what,
        "why": r.why,
        "example": r.example,
        "fix": r.fix,
        "fix_zh": r.fix_zh,
    }


@app.command("rules")
def rules_cmd(
    code: Annotated[str | None, typer.Argument(help="A rule code, e.g. T001.")] = None,
    lang: Annotated[LangOpt, typer.Option(help="Language.")] = LangOpt.zh,
    fmt: Annotated[
        RulesFormat, typer.Option("--format", "-f", help="Output format.")
    ] = RulesFormat.text,
) -> None:
    """List all rules, or explain one: what it checks, why, an example, and the fix."""
    import json

    import reviewer.suppress  # noqa: F401  (registers X001 unused-suppression)
    from reviewer.checks import registry

    registry.load_all()
    rules = registry.RULES
    if code is None:
        ordered = sorted(rules.values(), key=lambda r: r.code)
        if fmt == RulesFormat.json:
            typer.echo(json.dumps([_rule_dict(r) for r in ordered], ensure_ascii=False, indent=2))
            return
        for r in ordered:
            title = r.title_zh if lang == LangOpt.zh else r.title_en
            typer.echo(f"{r.code}  {r.name:<28} {r.severity.value:<8} {title}")
        return
    found = rules.get(code.upper())
    if found is None:
        _fail(f"unknown rule {code!r}; `reviewer rules` lists them")
        return
    r = found
    if fmt == RulesFormat.json:
        typer.echo(json.dumps(_rule_dict(r), ensure_ascii=False, indent=2))
        return
    typer.echo(f"# {r.code} {r.name} ({r.kind}, {r.severity.value})\n")
    typer.echo(f"{r.title_zh} / {r.title_en}\n")
    for head, body in (
        ("What it does", r.what),
        ("Why is this bad?", r.why),
        ("Example", r.example),
        ("Fix", r.fix + (f"\n修改建议：{r.fix_zh}" if r.fix_zh else "")),
    ):
        typer.echo(f"## {head}\n{body}\n")


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())


def main() -> None:
    """Entry point: every failure is one line on stderr and an exit code, never a traceback."""
    # Start-up allocates tens of thousands of long-lived objects (rules, regexes, pydantic
    # models); with the default threshold (700) the collector walks them again and again.
    # A higher threshold keeps cyclic garbage bounded in long batches without that cost.
    gc.set_threshold(100_000, 50, 50)
    global _PROCESS_ENTRY
    _PROCESS_ENTRY = True
    try:
        _exit(_run_app())
    except SystemExit as done:
        _exit(done.code)


_PROCESS_ENTRY = False  # True when `main()` runs as the process (not under a test runner)


def _startup_done() -> None:
    """The rules are loaded: keep the collector off those long-lived objects from now on."""
    if _PROCESS_ENTRY:
        gc.freeze()


def _exit(code: object) -> NoReturn:
    """Flush and leave without tearing the interpreter down (saves ~50 ms a run)."""
    if isinstance(code, str):
        print(code, file=sys.stderr)
        code = 1
    if "reviewer.regex" in sys.modules:  # atexit does not run after os._exit
        with contextlib.suppress(Exception):  # a cache never changes how the run ends
            sys.modules["reviewer.regex"].save_cache()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # the reader went away: nothing more to say
        pass
    os._exit(code if isinstance(code, int) else 0)


def _run_app() -> int:
    try:
        rc = app(standalone_mode=False)
    except ReviewerError as exc:
        typer.echo(f"reviewer: {_one_line(exc)}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        typer.echo("reviewer: interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        # the reader went away (`reviewer check … | head`): stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(1)
    except Exception as exc:
        if hasattr(exc, "format_message") and hasattr(exc, "exit_code"):  # click's errors
            if type(exc).__name__ == "NoArgsIsHelpError":
                typer.echo(exc.format_message(), err=True)
            else:
                hint = ""
                ctx = getattr(exc, "ctx", None)
                if ctx is not None and type(exc).__name__ != "FileError":
                    hint = f" (see `{ctx.command_path} --help`)"
                typer.echo(f"reviewer: {_one_line(exc.format_message())}{hint}", err=True)
            sys.exit(int(exc.exit_code))
        if type(exc).__name__ == "Abort":
            typer.echo("reviewer: aborted", err=True)
            sys.exit(1)
        if os.environ.get("REVIEWER_DEBUG"):
            raise
        typer.echo(
            f"reviewer: internal error: {type(exc).__name__}: {_one_line(exc)} "
            "(set REVIEWER_DEBUG=1 for the traceback)",
            err=True,
        )
        sys.exit(2)
    if rc == 130:
        typer.echo("reviewer: interrupted", err=True)
    return rc if isinstance(rc, int) else 0
