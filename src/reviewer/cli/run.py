"""The pipeline behind `check`, `review` and `baseline`: inputs, the batch, the baseline, the
output and the exit code. The review itself (policy included) is the library's."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from reviewer.cli.options import DEFAULT_TIMEOUT, FailOn, Format, LangOpt, fail, policy

if TYPE_CHECKING:
    from reviewer.batch import Outcome
    from reviewer.document import Document
    from reviewer.models import ReportResult, RunResult
    from reviewer.policy import Policy

Review = Callable[["Document", "Policy"], "ReportResult"]


def review_inputs(
    paths: list[str],
    settings: Policy,
    *,
    jobs: int,
    results: Path | None,
    resume: bool,
    progress: bool | None,
    keep_texts: bool,
    review: Review | None = None,
    spill: bool = False,
) -> Outcome:
    """Expand the inputs and review them; input problems become error reports in place.
    With `spill`, the results are kept on disk (`reviewer.spill`) and read back one at a time."""
    from reviewer.batch import run_batch
    from reviewer.inputs import Problem, Source, expand
    from reviewer.models import ReportResult

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
        spill=spill,
    )
    from reviewer.spill import SpilledReports, spilled_run

    if isinstance(outcome.run.reports, SpilledReports):
        spilled = outcome.run.reports
        slots = iter(range(len(spilled)))
        items: list[int | ReportResult] = []
        for item in expanded.items:
            if isinstance(item, Problem):
                items.append(ReportResult(path=item.name, error=item.reason))
                outcome.errors.append(str(item))
            else:
                items.append(next(slots))
        outcome.run = spilled_run(spilled.arranged(items), outcome.run)
        return outcome
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


def write(data: bytes | Iterable[bytes], output: Path | None) -> None:
    """Write `data` (bytes, or pieces of bytes written as they come) to `output` or stdout."""
    pieces = [data] if isinstance(data, bytes) else data
    if output is not None:
        try:
            with output.open("wb") as fh:
                for piece in pieces:
                    fh.write(piece)
        except OSError as exc:
            fail(f"cannot write {output}: {exc.strerror or exc}")
        return
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    for piece in pieces:
        if buffer is None:
            sys.stdout.write(piece.decode("utf-8"))
        else:
            buffer.write(piece)
    if buffer is not None:
        buffer.flush()


def write_docx(run: RunResult, lang: Any, texts: Mapping[str, str], output: Path | None) -> None:
    """One commented .docx per readable report: `-o DIR` (an existing directory, a path ending
    in a separator, or any path when there are several reports) gets one file per report named
    after it; `-o FILE` or a pipe takes a single report. Each is made and written in turn."""
    import os

    from reviewer.models import ReportResult
    from reviewer.render.docx import documents, output_names

    readable = [
        ReportResult(path=r.path) for r in run.reports if r.error is None and r.path in texts
    ]
    if not readable:
        return
    many = len(readable) > 1
    if output is not None and many and output.suffix.lower() == ".docx" and not output.is_dir():
        fail(f"docx writes one file per report ({len(readable)}): give a directory, not {output}")
    as_dir = output is not None and (output.is_dir() or str(output).endswith(("/", os.sep)) or many)
    if output is None or not as_dir:
        if many:
            fail("docx writes one file per report: give a directory with -o DIR")
        for _, data in documents(run, lang, texts):
            write(data, output)
        return
    try:
        output.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        fail(f"cannot create {output}: {exc.strerror or exc}")
    names = output_names(readable, output)
    for (_, data), name in zip(documents(run, lang, texts), names, strict=True):
        write(data, output / name)


def html_to_dir(output: Path | None, reports: int) -> bool:
    """Whether `--format html` writes a directory (index.html plus one page per report): `-o`
    names an existing directory or ends in a separator, or many reports go to a path that does
    not end in .html."""
    import os

    if output is None:
        return False
    if output.is_dir() or str(output).endswith(("/", os.sep)):
        return True
    return reports > 1 and output.suffix.lower() not in (".html", ".htm")


def write_html_site(run: RunResult, lang: Any, texts: Mapping[str, str], output: Path) -> None:
    """`index.html` (the reports ranked by errors, the commonest problems) and one page per
    report in the directory `output`."""
    from reviewer.render.html_index import iter_pages

    try:
        output.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        fail(f"cannot create {output}: {exc.strerror or exc}")
    for name, page in iter_pages(run, lang, texts):
        write(page.encode("utf-8"), output / name)


def _output(run: RunResult, fmt: str, lang: Any, texts: Mapping[str, str]) -> Iterator[bytes]:
    """The output of a format a piece at a time; text gets the summary table of a batch."""
    from reviewer.render import chunks

    yield from chunks(run, fmt, lang, texts=texts)
    if fmt == "text" and len(run.reports) > 1:
        from reviewer.render.common import summary_table

        yield ("\n" + summary_table(run, lang) + "\n").encode("utf-8")


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
    review: Review | None = None,
    settings_extra: dict[str, Any] | None = None,
    after: Callable[[RunResult], None] | None = None,
    timeout: float | None = None,
    previous: Path | None = None,
) -> None:
    """Config, inputs, batch, baseline, render, exit code.

    `review` replaces the per-report function (the model layer plugs in here), `settings_extra`
    joins the policy digest that `--resume` compares, and `after` sees the run before it is
    rendered (to state model notices). `previous` compares each report with last year's
    (`reviewer.previous`) before the baseline is applied.
    """
    if resume and results is None:
        fail("--resume needs --results FILE")
    if previous is not None and not previous.exists():
        fail(f"--previous {previous}: no such file or directory")
    cfg, settings = policy(
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
        fail(
            f"{cfg.path}: unknown format {fmt_name!r}; choose from {', '.join(Format.__members__)}"
        )
    threshold_name = fail_on.value if fail_on else (cfg.fail_on or "error")
    if fmt_name in ("xlsx", "docx") and output is None and sys.stdout.isatty():
        fail(f"{fmt_name} is a binary format: write it to a file with -o FILE")

    from reviewer.baseline import Baseline
    from reviewer.models import Severity
    from reviewer.render import NEEDS_TEXT

    baseline_path = baseline or cfg.baseline
    accepted = Baseline.load(baseline_path) if baseline_path else None

    outcome = review_inputs(
        paths,
        settings,
        jobs=jobs or cfg.jobs or 0,
        results=results,
        resume=resume,
        progress=progress,
        keep_texts=fmt_name in NEEDS_TEXT,
        review=review,
        spill=True,
    )
    run = outcome.run
    if previous is not None:
        from reviewer.previous import apply as compare_with_last_year

        compare_with_last_year(run.reports, previous, settings, outcome.texts)
    if accepted is not None:
        for i, r in enumerate(run.reports):
            run.reports[i] = accepted.filter(r)
        run.meta["baseline"] = str(baseline_path)
    if after is not None:
        after(run)

    if fmt_name == "docx":
        write_docx(run, settings.lang, outcome.texts, output)
    elif fmt_name == "html" and output is not None and html_to_dir(output, len(run.reports)):
        write_html_site(run, settings.lang, outcome.texts, output)
    else:
        write(_output(run, fmt_name, settings.lang, outcome.texts), output)

    if outcome.errors:
        raise typer.Exit(2)
    if threshold_name != "none":
        threshold = Severity(threshold_name).rank
        if any(f.severity.rank >= threshold for r in run.reports for f in r.findings):
            raise typer.Exit(1)
