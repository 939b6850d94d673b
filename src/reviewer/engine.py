"""Run the registered checks over a document and turn their hits into findings."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from reviewer.checks.registry import CHECKS, RULES, Hit, load_all
from reviewer.deadline import Deadline, TimeBudgetExceeded
from reviewer.document import Document, load
from reviewer.models import Finding, Lang, ReportResult, Severity
from reviewer.tolerances import Tolerances


def _selected(code: str, select: Iterable[str] | None, ignore: Iterable[str] | None) -> bool:
    """ruff-style selection: a code is selected by itself or by any prefix of it."""
    if select and not any(code.startswith(s) for s in select):
        return False
    return not (ignore and any(code.startswith(s) for s in ignore))


def to_finding(doc: Document, hit: Hit, lang: Lang) -> Finding:
    spans = [doc.span(s, e) for s, e in hit.spans if e > s]
    return Finding(
        code=hit.rule.code,
        kind=hit.rule.kind,
        severity=hit.severity,
        source="rules",
        message=hit.rule.render(hit.data, lang, hit.variant),
        spans=spans,
        data=hit.data,
    )


def run_checks(
    doc: Document,
    *,
    lang: Lang = "zh",
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    severity_overrides: dict[str, Severity] | None = None,
    errors: list[str] | None = None,
    deadline: Deadline | None = None,
    not_run: list[str] | None = None,
) -> list[Finding]:
    """All findings of the selected rules, deduplicated and in text order.

    A check that raises is a bug. With `errors` given, it is recorded there ("T001: ValueError:
    …") and the other checks still run; without it, the exception propagates (tests).
    Past `deadline`, the checks not run (or interrupted) are listed in `not_run` ("T001/T002").
    """
    load_all()
    findings: list[Finding] = []
    seen: set[tuple[str, int, int]] = set()
    for codes, func in CHECKS:
        if not any(_selected(c, select, ignore) for c in codes):
            continue
        try:
            if deadline is None:
                hits = list(func(doc))
            elif deadline.expired():
                raise TimeBudgetExceeded
            else:
                with deadline.enforced():
                    hits = list(func(doc))
        except TimeBudgetExceeded:
            if not_run is not None:
                not_run.append("/".join(codes))
            continue
        except Exception as exc:
            if errors is None:
                raise
            errors.append(f"{'/'.join(codes)}: {type(exc).__name__}: {exc}")
            continue
        for hit in hits:
            code = hit.rule.code
            if not _selected(code, select, ignore):
                continue
            if severity_overrides and code in severity_overrides:
                hit.severity = severity_overrides[code]
            first = hit.spans[0] if hit.spans else (0, 0)
            key = (code, first[0], first[1])
            if key in seen:
                continue
            seen.add(key)
            findings.append(to_finding(doc, hit, lang))
    findings.sort(key=lambda f: (f.spans[0].start if f.spans else -1, f.code))
    return findings


def check(
    source: str | Path | Document,
    *,
    lang: Lang = "zh",
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    severity_overrides: dict[str, Severity] | None = None,
    tolerances: Tolerances | None = None,
    timeout: float | None = None,
) -> ReportResult:
    """Review one report with the deterministic rules only (no model, no network).

    `source` is a path or an already built `Document`. Raises `InputError` when the file
    cannot be read. `tolerances` widens what counts as agreement (see `reviewer.tolerances`).
    `timeout` (seconds) is the report's time budget: past it the checks still to run are
    skipped (a running one is interrupted where the platform allows) and `meta["incomplete"]`
    says which; the findings of the checks that ran are kept.
    """
    doc = source if isinstance(source, Document) else load(source)
    if tolerances is not None:
        doc.tolerances = tolerances
    errors: list[str] = []
    not_run: list[str] = []
    deadline = Deadline(timeout) if timeout else None
    findings = run_checks(
        doc,
        lang=lang,
        select=select,
        ignore=ignore,
        severity_overrides=severity_overrides,
        errors=errors,
        deadline=deadline,
        not_run=not_run,
    )
    meta: dict[str, object] = {"sha256": doc.sha256}
    if errors:
        meta["internal_errors"] = errors  # the other checks' findings are kept
    if not_run:
        meta["incomplete"] = {"timeout": timeout, "not_run": not_run}
    return ReportResult(path=doc.path, findings=findings, meta=meta)


def check_text(text: str, *, path: str = "<text>", lang: Lang = "zh") -> ReportResult:
    """Review report text given as a string (handy for tests and other programs)."""
    return check(Document(text=text, path=path), lang=lang)


def rules() -> dict[str, object]:
    load_all()
    return dict(RULES)
