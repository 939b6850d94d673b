"""Review many reports: concurrency, a progress bar, resumable JSONL results, per-report meta.

`run_batch` reviews `Source`s (see `reviewer.inputs`), on a thread pool when `jobs` > 1,
writes each finished report as one JSON line to `results` as soon as it is done (flushed), and
with `resume` reuses the lines whose path, document sha256 and settings match, so an
interrupted batch does not redo finished reports. Reports come back in input order whatever
order they finished in.

Each report's `meta` holds `sha256`, `settings` (a digest of the settings that produced it),
`suppressed` (findings silenced by inline markers) and, when the text states them, `unit`,
`year`, `self_score` and `grade`.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from reviewer.document import Document
from reviewer.errors import ReviewerError
from reviewer.inputs import Source
from reviewer.models import Lang, ReportResult, RunResult, Severity
from reviewer.regex import lazy
from reviewer.tolerances import Tolerances


@dataclass
class Settings:
    """What decides a report's findings (and so whether a stored result can be reused)."""

    lang: Lang = "zh"
    select: list[str] | None = None
    ignore: list[str] | None = None
    severity: dict[str, Severity] = field(default_factory=dict)
    tolerances: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)  # e.g. the model settings of `review`
    timeout: float | None = None  # seconds per report (the rules); None: no budget

    def digest(self) -> str:
        from reviewer import __version__

        blob = json.dumps(
            {
                "version": __version__,
                "lang": self.lang,
                "select": self.select,
                "ignore": self.ignore,
                "severity": {k: v.value for k, v in sorted(self.severity.items())},
                "tolerances": self.tolerances,
                "extra": self.extra,
            },
            sort_keys=True,
            default=str,
        )
        return hashlib.sha256(blob.encode()).hexdigest()[:12]

    def enabled(self, code: str) -> bool:
        """Whether rule `code` runs under these settings (ruff-style prefixes)."""
        from reviewer.engine import _selected

        return _selected(code, self.select, self.ignore)


@dataclass
class Outcome:
    """A finished batch: the results in input order, one line per unreadable input, and the
    texts of the reports (kept only when asked, for renderers that show the whole report)."""

    run: RunResult
    errors: list[str] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)
    reused: int = 0


# ---------------------------------------------------------------- meta: unit, year, score

_YEAR = lazy(r"(20\d{2})\s*年")
_TITLE = lazy(r"(?:绩效|自评|评价).*报告|报告.*(?:绩效|自评)")
_UNIT_LABEL = lazy(r"(?:单位|部门)名称\s*[:：]\s*(?P<unit>[^\s，。；,;]{2,40})")
_UNIT_BEFORE_YEAR = lazy(r"^(?P<unit>[^\d\s]{2,40}?)\s*20\d{2}\s*年")
_UNIT_AFTER_YEAR = lazy(
    r"^20\d{2}\s*年度?(?P<unit>[^\d\s]{2,40}?)"
    r"(?:部门整体|单位整体|整体支出|部门支出|项目支出|本级|整体|部门绩效|绩效)"
)
_NOT_UNIT = lazy(
    r"附件|报告|范本|模板|\d|^[一二三四五六七八九十（(]|[:：。，]|^(?:部门|单位|整体|项目|本级|县级|市级)"
)
_HEAD_LINES = 12


def _title_lines(doc: Document) -> list[str]:
    return [ln.text.strip() for ln in doc.lines[:40] if ln.text.strip()][:_HEAD_LINES]


def report_meta(doc: Document) -> dict[str, Any]:
    """Unit, year, self-score and grade as the report states them (keys only when found)."""
    meta: dict[str, Any] = {}
    head = _title_lines(doc)
    unit = year = None
    for i, line in enumerate(head):
        m = _UNIT_LABEL.search(line)
        if m and unit is None:
            unit = m.group("unit")
        if not _TITLE.search(line):
            continue
        y = _YEAR.search(line)
        if y and year is None:
            year = int(y.group(1))
        if unit is None:
            for pat in (_UNIT_BEFORE_YEAR, _UNIT_AFTER_YEAR):
                m = pat.search(line)
                if m and not _NOT_UNIT.search(m.group("unit")):
                    unit = m.group("unit")
                    break
        if unit is None and i > 0 and not _NOT_UNIT.search(head[i - 1]) and len(head[i - 1]) <= 40:
            unit = head[i - 1]
        if year is not None:
            break
    if year is None:  # no year in the title: the year the text names most often
        years = Counter(int(y) for y in _YEAR.findall(doc.norm))
        year = years.most_common(1)[0][0] if years else None
    if unit:
        meta["unit"] = unit
    if year:
        meta["year"] = year
    meta.update(_score_meta(doc))
    return meta


def _score_meta(doc: Document) -> dict[str, Any]:
    try:
        from reviewer.claims.selfscore import grade_statements, self_scores
    except ImportError:  # the claim parser is optional
        return {}
    out: dict[str, Any] = {}
    try:
        scores = self_scores(doc)
        grades = grade_statements(doc)
    except Exception:  # meta is a convenience: never fail a review over it
        return {}
    if scores:
        best = next((s for s in scores if s.grade), scores[0])
        out["self_score"] = float(best.value)
        if best.grade:
            out["grade"] = best.grade
    if "grade" not in out and grades:
        out["grade"] = grades[0].grade
    return out


# ---------------------------------------------------------------- one report


def load_source(source: Source) -> Document:
    """The `Document` of a source (a file, or stdin's bytes). Raises `InputError`."""
    if source.path is not None:
        from reviewer.document import load

        return load(source.path)
    from reviewer.document.loader import text_of_bytes

    text, fmt = text_of_bytes(source.data or b"", source.name)  # txt, docx or pdf by content
    return Document(text=text, path=source.name, format=fmt)


def review_document(
    doc: Document,
    settings: Settings,
    extend: Callable[[Document, ReportResult], ReportResult] | None = None,
) -> ReportResult:
    """Rules (+ `extend`, e.g. the model's findings) + inline suppressions + meta."""
    from reviewer import suppress
    from reviewer.engine import check

    result = check(
        doc,
        lang=settings.lang,
        select=settings.select,
        ignore=settings.ignore,
        severity_overrides=settings.severity or None,
        tolerances=Tolerances.from_dict(settings.tolerances),
        timeout=settings.timeout,
    )
    if extend is not None:
        result = extend(doc, result)
    findings, silenced = suppress.apply(
        doc, result.findings, lang=settings.lang, enabled=settings.enabled
    )
    meta = {**result.meta, "settings": settings.digest(), **report_meta(doc)}
    if silenced:
        meta["suppressed"] = silenced
    return ReportResult(path=result.path, findings=findings, meta=meta)


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
    settings: Settings,
    *,
    jobs: int = 1,
    results: Path | None = None,
    resume: bool = False,
    progress: bool = False,
    keep_texts: bool = False,
    on_error: Callable[[str], None] | None = None,
    review: Callable[[Document, Settings], ReportResult] | None = None,
) -> Outcome:
    """Review `sources` and return their results in input order.

    `on_error` is called with one line for each report that cannot be read (default: the line
    goes to stderr, above the progress bar).
    """
    review_one = review or review_document
    digest = settings.digest()
    done = read_results(results) if (results is not None and resume) else {}
    slots: list[ReportResult | None] = [None] * len(sources)
    outcome = Outcome(run=RunResult())
    if jobs <= 0:  # auto: every core when the batch is large enough to repay starting them
        jobs = _cores() if len(sources) >= AUTO_JOBS_FROM else 1
    # Processes for the rules alone (threads share one core); threads for a custom `review`
    # (the model layer waits on the network) and when reusing stored results.
    processes = (
        _process_pool(jobs)
        if jobs > 1 and len(sources) > 1 and review is None and not done
        else None
    )
    bar = _Progress(len(sources), progress)  # after the fork: no progress thread in the workers
    report_error = on_error or (lambda line: bar.log(f"reviewer: {line}"))

    def work(source: Source) -> tuple[ReportResult, str | None, bool]:
        try:
            doc = load_source(source)
        except ReviewerError as exc:
            return ReportResult(path=source.name, error=_reason(exc, source)), None, False
        text = doc.text if keep_texts else None
        cached = done.get((source.name, doc.sha256, digest))
        if cached is not None:
            return cached, text, True
        try:
            return review_one(doc, settings), text, False
        except ReviewerError as exc:
            return ReportResult(path=source.name, error=_reason(exc, source)), text, False
        except Exception as exc:  # a bug in one check must not sink the whole batch
            reason = f"internal error ({type(exc).__name__}: {exc})"
            return ReportResult(path=source.name, error=reason), text, False

    sink = _open_results(results, resume) if results is not None else None

    def finish(i: int, done_one: tuple[ReportResult, str | None, bool]) -> None:
        result, text, reused = done_one
        slots[i] = result
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
            sink.write(result.model_dump_json(exclude_none=True) + "\n")
            sink.flush()
        bar.advance(result.path)

    try:
        if processes is not None:
            with processes:
                _run_processes(processes, sources, settings, keep_texts, finish, jobs)
        elif jobs <= 1 or len(sources) <= 1:
            for i, source in enumerate(sources):  # no thread pool to start for one at a time
                finish(i, work(source))
        else:
            _run_pool(sources, work, finish, jobs)
    finally:
        bar.close()
        if sink is not None:
            sink.close()
    outcome.run.reports = [r for r in slots if r is not None]
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
    inherit the loaded rules), else started from a fork server."""
    import multiprocessing
    import threading
    from concurrent.futures import ProcessPoolExecutor

    method = "fork" if threading.active_count() == 1 else "forkserver"
    try:
        context = multiprocessing.get_context(method)
    except ValueError:  # no fork on this platform
        context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context)
    pool.submit(int).result()  # start the workers now, before any progress thread
    return pool


def _review_source(
    source: Source, settings: Settings, keep_texts: bool
) -> tuple[ReportResult, str | None, bool]:
    """One report in a worker process (the rules only; nothing reused)."""
    try:
        doc = load_source(source)
    except ReviewerError as exc:
        return ReportResult(path=source.name, error=_reason(exc, source)), None, False
    text = doc.text if keep_texts else None
    try:
        return review_document(doc, settings), text, False
    except ReviewerError as exc:
        return ReportResult(path=source.name, error=_reason(exc, source)), text, False
    except Exception as exc:  # a bug in one check must not sink the whole batch
        reason = f"internal error ({type(exc).__name__}: {exc})"
        return ReportResult(path=source.name, error=reason), text, False


def _run_processes(
    pool: Any,
    sources: Sequence[Source],
    settings: Settings,
    keep_texts: bool,
    finish: Callable[[int, tuple[ReportResult, str | None, bool]], None],
    jobs: int,
) -> None:
    """`_review_source` on the pool, a few reports ahead of the finished ones (memory stays
    flat over a long batch); `finish` on this thread, in the order reports finish."""
    from concurrent.futures import FIRST_COMPLETED, Future, wait

    ahead = 4 * jobs
    todo = iter(enumerate(sources))
    pending: dict[Future[tuple[ReportResult, str | None, bool]], int] = {}

    def refill() -> None:
        while len(pending) < ahead:
            nxt = next(todo, None)
            if nxt is None:
                return
            pending[pool.submit(_review_source, nxt[1], settings, keep_texts)] = nxt[0]

    try:
        refill()
        while pending:
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for fut in finished:
                finish(pending.pop(fut), fut.result())
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
