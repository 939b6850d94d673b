"""Review many reports: concurrency, a progress bar, resumable JSONL results.

`run_batch` only fans out: it reviews `Source`s (see `reviewer.inputs`) with one per-report
function (default `reviewer.engine.review_document`, which owns the per-report policy): in
worker processes when `jobs` > 1 and the rules alone run (forked after the rules and their
patterns are loaded), on a thread pool for a custom function (the model layer waits on the
network) or a resumed batch; `jobs` 0 means every core from 64 reports on. Each finished
report is written as one JSON line to `results` as soon as it is done (flushed), and with
`resume` the lines whose path, document sha256 and policy digest match are reused, so an
interrupted batch does not redo finished reports. Reports come back in input order whatever
order they finished in.

Once every report is in, batch-level passes add their findings (`reviewer.copies`: paragraphs
shared by reports of different units, Q050) to the returned results; the `--results` file,
written as each report finishes, never holds them (see `reviewer.copies`).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, MutableMapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from reviewer.document import Document
from reviewer.errors import ReviewerError
from reviewer.inputs import Source
from reviewer.models import ReportResult, RunResult
from reviewer.policy import Policy

if TYPE_CHECKING:
    from reviewer.copies import Collector, Prints
    from reviewer.spill import Pickled

Settings = Policy  # the name this module used to define it under


@dataclass
class Outcome:
    """A finished batch: the results in input order, one line per unreadable input, and the
    texts of the reports (kept only when asked, for renderers that show the whole report)."""

    run: RunResult
    errors: list[str] = field(default_factory=list)
    texts: MutableMapping[str, str] = field(default_factory=dict)
    reused: int = 0


# ---------------------------------------------------------------- one report


def load_source(source: Source) -> Document:
    """The `Document` of a source (a file, or stdin's bytes). Raises `InputError`."""
    if source.path is not None:
        from reviewer.document import load

        return load(source.path)
    from reviewer.document.loader import document_of_bytes

    return document_of_bytes(source.data or b"", source.name)  # the format by content


# ---------------------------------------------------------------- results file


def read_results(path: Path) -> dict[tuple[str, str, str], ReportResult]:
    """Finished reports in a results file, keyed by (path, sha256, settings digest).

    Lines that do not parse (a line cut short when the run was killed) are skipped, and so
    are reports that failed: those are tried again.
    """
    from pydantic import ValidationError

    done: dict[tuple[str, str, str], ReportResult] = {}
    try:
        fh = path.open(encoding="utf-8")
    except FileNotFoundError:
        return done
    except OSError as exc:
        raise ReviewerError(f"cannot read {path}: {exc.strerror or exc}") from None
    with fh:
        for line in fh:
            if not line.strip():
                continue
            try:
                r = ReportResult.model_validate_json(line)
            except (ValidationError, ValueError):
                continue
            if r.error or "sha256" not in r.meta or r.meta.get("incomplete"):
                continue
            done[(r.path, str(r.meta["sha256"]), str(r.meta.get("settings", "")))] = r
    return done


def _open_results(path: Path, resume: bool) -> IO[str]:
    try:
        if resume and path.exists():
            out = path.open("a", encoding="utf-8")
            if path.stat().st_size and not path.read_bytes().endswith(b"\n"):
                out.write("\n")  # a killed run left a partial line: start on a fresh one
            return out
        return path.open("w", encoding="utf-8")
    except OSError as exc:
        raise ReviewerError(f"cannot write {path}: {exc.strerror or exc}") from None


# ---------------------------------------------------------------- the batch


class _Progress:
    """A rich progress bar on stderr, or nothing."""

    def __init__(self, total: int, enabled: bool) -> None:
        self.bar: Any = None
        if not enabled or total == 0:
            return
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )

        self.bar = Progress(
            TextColumn("[bold]reviewer[/]"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("{task.description}"),
            console=Console(file=sys.stderr),
            transient=True,
        )
        self.task = self.bar.add_task("", total=total)
        self.bar.start()

    def advance(self, name: str) -> None:
        if self.bar is not None:
            self.bar.update(self.task, advance=1, description=name)

    def log(self, message: str) -> None:
        if self.bar is not None:
            self.bar.console.print(message, markup=False, highlight=False)
        else:
            sys.stderr.write(message + "\n")
            sys.stderr.flush()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()


def run_batch(
    sources: Sequence[Source],
    settings: Policy,
    *,
    jobs: int = 1,
    results: Path | None = None,
    resume: bool = False,
    progress: bool = False,
    keep_texts: bool = False,
    on_error: Callable[[str], None] | None = None,
    review: Callable[[Document, Policy], ReportResult] | None = None,
    spill: bool = False,
) -> Outcome:
    """Review `sources` and return their results in input order.

    `on_error` is called with one line for each report that cannot be read (default: the line
    goes to stderr, above the progress bar). With `spill`, each result goes to a temporary file
    as it finishes and `outcome.run.reports` is a `reviewer.spill.SpilledReports` reading them
    back one at a time (memory stays flat over a batch of any size).
    """
    custom = review is not None
    if review is None:
        from reviewer.engine import review_document

        review = review_document
    digest = settings.digest()
    done = read_results(results) if (results is not None and resume) else {}
    slots: list[ReportResult | None] = [None] * len(sources)
    from reviewer.spill import Pickled, SpilledReports, SpilledTexts, spilled_run

    spilled = SpilledReports(len(sources)) if spill else None
    outcome = Outcome(run=RunResult())
    if spill and keep_texts:
        outcome.texts = SpilledTexts()
    if jobs <= 0:  # auto: every core when the batch is large enough to repay starting them
        jobs = _cores() if len(sources) >= AUTO_JOBS_FROM else 1
    # Processes for the rules alone (threads share one core); threads for a custom `review`
    # (the model layer waits on the network) and when reusing stored results.
    processes = (
        _process_pool(jobs) if jobs > 1 and len(sources) > 1 and not custom and not done else None
    )
    bar = _Progress(len(sources), progress)  # after the fork: no progress thread in the workers
    report_error = on_error or (lambda line: bar.log(f"reviewer: {line}"))
    from reviewer.copies import Collector

    copies = Collector(settings)

    def work(source: Source) -> tuple[ReportResult, str | None, bool]:
        try:
            doc = load_source(source)
        except ReviewerError as exc:
            return ReportResult(path=source.name, error=_reason(exc, source)), None, False
        text = doc.text if keep_texts else None
        cached = done.get((source.name, doc.sha256, digest))
        if cached is not None:
            copies.add(doc, cached)
            return cached, text, True
        try:
            result = review(doc, settings)
            copies.add(doc, result)
            return result, text, False
        except ReviewerError as exc:
            return ReportResult(path=source.name, error=_reason(exc, source)), text, False
        except Exception as exc:  # a bug in one check must not sink the whole batch
            reason = f"internal error ({type(exc).__name__}: {exc})"
            return ReportResult(path=source.name, error=reason), text, False

    sink = _open_results(results, resume) if results is not None else None

    def finish(i: int, done_one: tuple[ReportResult | Pickled, str | None, bool]) -> None:
        result, text, reused = done_one
        if spilled is not None:
            if isinstance(result, Pickled):
                spilled.put(i, result)  # as the worker pickled it: not read here
            else:
                spilled[i] = result
        else:
            slots[i] = result.result() if isinstance(result, Pickled) else result
        if text is not None:
            outcome.texts[result.path] = text
        outcome.reused += reused
        if result.error:
            line = f"{result.path}: {result.error}"
            outcome.errors.append(line)
            report_error(line)
        for bug in result.meta.get("internal_errors", []):
            line = f"{result.path}: internal error in {bug} (other checks ran)"
            outcome.errors.append(line)
            report_error(line)
        incomplete = result.meta.get("incomplete")
        if incomplete:
            line = (
                f"{result.path}: incomplete: the time budget of {incomplete['timeout']:g} s ran "
                f"out; not run: {', '.join(incomplete['not_run'])} (the other findings are kept)"
            )
            outcome.errors.append(line)
            report_error(line)
        if sink is not None and not reused:
            whole = result.result() if isinstance(result, Pickled) else result
            sink.write(whole.model_dump_json(exclude_none=True) + "\n")
            sink.flush()
        bar.advance(result.path)

    try:
        if processes is not None:
            with processes:
                _run_processes(
                    processes, sources, settings, keep_texts, finish, jobs, copies, spill
                )
        elif jobs <= 1 or len(sources) <= 1:
            for i, source in enumerate(sources):  # no thread pool to start for one at a time
                finish(i, work(source))
        else:
            _run_pool(sources, work, finish, jobs)
    finally:
        bar.close()
        if sink is not None:
            sink.close()
    if spilled is not None:
        outcome.run = spilled_run(spilled.arranged(spilled.filled()))
    else:
        outcome.run.reports = [r for r in slots if r is not None]
    copies.apply(outcome.run.reports)
    return outcome


AUTO_JOBS_FROM = 64  # reports from which a batch uses every core by default


def _cores() -> int:
    import os

    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def _process_pool(jobs: int) -> Any:
    """A pool of `jobs` processes, forked while this process has no other thread (the workers
    inherit the loaded rules and their compiled patterns), else started from a fork server."""
    import multiprocessing
    import threading
    from concurrent.futures import ProcessPoolExecutor

    method = "fork" if threading.active_count() == 1 else "forkserver"
    try:
        context = multiprocessing.get_context(method)
    except ValueError:  # no fork on this platform
        context = multiprocessing.get_context("spawn")
    if context.get_start_method() == "fork":
        # Load the rules and compile their patterns once here, before the fork: each worker
        # inherits them instead of importing the catalog and compiling the patterns itself
        # (about 0.15 s of CPU a worker; the batch's own pass needs the catalog anyway).
        from reviewer import copies, engine  # noqa: F401  (the modules a worker runs)
        from reviewer.checks.registry import catalog
        from reviewer.regex import compile_declared

        catalog()
        compile_declared()
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context)
    pool.submit(int).result()  # start the workers now, before any progress thread
    return pool


def _review_source(
    source: Source, settings: Policy, keep_texts: bool, want_prints: bool
) -> tuple[ReportResult, str | None, Prints | None]:
    """One report in a worker process (the rules only; nothing reused), with its paragraph
    fingerprints for the batch's copy pass when `want_prints`."""
    from reviewer.copies import prints_for
    from reviewer.engine import review_document

    try:
        doc = load_source(source)
    except ReviewerError as exc:
        return ReportResult(path=source.name, error=_reason(exc, source)), None, None
    text = doc.text if keep_texts else None
    try:
        result = review_document(doc, settings)
    except ReviewerError as exc:
        return ReportResult(path=source.name, error=_reason(exc, source)), text, None
    except Exception as exc:  # a bug in one check must not sink the whole batch
        reason = f"internal error ({type(exc).__name__}: {exc})"
        return ReportResult(path=source.name, error=reason), text, None
    return result, text, prints_for(doc, result) if want_prints else None


def _review_chunk(
    sources: list[Source], settings: Policy, keep_texts: bool, want_prints: bool, pack: bool
) -> list[tuple[ReportResult | Pickled, str | None, Prints | None]]:
    """`_review_source` on a few reports in a worker process (one task, one round trip to
    the batch for all of them); with `pack` each result comes back pickled as the batch's
    spill file stores it (`reviewer.spill.Pickled`), so the batch need not read it."""
    from reviewer.spill import Pickled

    out: list[tuple[ReportResult | Pickled, str | None, Prints | None]] = []
    for source in sources:
        result, text, prints = _review_source(source, settings, keep_texts, want_prints)
        out.append((Pickled.of(result) if pack else result, text, prints))
    return out


CHUNK = 8  # reports a worker task reviews at most (fewer when the batch is small)


def _run_processes(
    pool: Any,
    sources: Sequence[Source],
    settings: Policy,
    keep_texts: bool,
    finish: Callable[[int, tuple[ReportResult | Pickled, str | None, bool]], None],
    jobs: int,
    copies: Collector,
    pack: bool = False,
) -> None:
    """`_review_chunk` on the pool, a few tasks ahead of the finished ones (memory stays
    flat over a long batch); `finish` on this thread for each report, in the order tasks
    finish (each report has its slot: the output keeps the input order). A report that
    fails is a result with its error, so one bad report costs no other its output.

    A task holds several reports when the batch is large (up to `CHUNK`, so that every
    worker still gets a few tasks): the pool's per-task cost (pickling, a pipe, waking the
    queue's thread) is paid per chunk, in the batch's process, which shares the cores with
    the workers."""
    from concurrent.futures import FIRST_COMPLETED, Future, wait

    size = max(1, min(CHUNK, len(sources) // (8 * jobs)))
    ahead = 4 * jobs
    todo = iter(range(0, len(sources), size))
    pending: dict[Future[list[tuple[ReportResult | Pickled, str | None, Prints | None]]], int] = {}

    def refill() -> None:
        while len(pending) < ahead:
            first = next(todo, None)
            if first is None:
                return
            chunk = list(sources[first : first + size])
            job = pool.submit(_review_chunk, chunk, settings, keep_texts, copies.enabled, pack)
            pending[job] = first

    try:
        refill()
        while pending:
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for fut in finished:
                first = pending.pop(fut)
                for k, (result, text, prints) in enumerate(fut.result()):
                    if prints is not None:
                        copies.keep(result.path, prints)
                    finish(first + k, (result, text, False))
            refill()
    except BaseException:
        for fut in pending:
            fut.cancel()
        raise


def _run_pool(
    sources: Sequence[Source],
    work: Callable[[Source], tuple[ReportResult, str | None, bool]],
    finish: Callable[[int, tuple[ReportResult, str | None, bool]], None],
    jobs: int,
) -> None:
    """`work` on `jobs` threads; `finish` on this thread, in the order reports finish."""
    from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        pending: dict[Future[tuple[ReportResult, str | None, bool]], int] = {
            pool.submit(work, s): i for i, s in enumerate(sources)
        }
        try:
            while pending:
                finished, _ = wait(pending, return_when=FIRST_COMPLETED)
                for fut in finished:
                    finish(pending.pop(fut), fut.result())
        except BaseException:
            for fut in pending:
                fut.cancel()
            raise


def _reason(exc: ReviewerError, source: Source) -> str:
    reason = getattr(exc, "reason", None)
    if isinstance(reason, str):
        return reason
    text = str(exc)
    prefix = f"{source.name}: "
    return text[len(prefix) :] if text.startswith(prefix) else text
