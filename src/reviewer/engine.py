"""One report through the rules and the per-report policy: the library API behind every command.

`check()` runs the registered checks over a document and applies the `Policy` (see `finish`),
so the library returns exactly the findings `reviewer check` prints for the same settings.
The model layer (`reviewer.llm.review`) hands its findings to the same `finish`, so rule and model
findings go through one policy:

* selection (ruff-style prefixes) and severity overrides;
* deduplication (one finding per rule and claim; a model finding that repeats a rule finding is
  folded into it);
* inline suppressions (`reviewer: ignore T001`), and `X001` for a marker that silences nothing;
* the report's meta: sha256, the policy's digest, unit / year / self-score / grade, the number
  of suppressed findings, and the checks that raised (`internal_errors`);
* on a report read by OCR, `reviewer.ocr_policy`: findings say so, an error over a figure read
  with low confidence becomes an info (请核对原件), and `meta["ocr"]` describes the reading.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from dataclasses import fields
from pathlib import Path
from typing import Any

from reviewer.checks.registry import Hit, Relation, Rule, catalog
from reviewer.deadline import Deadline, TimeBudgetExceeded
from reviewer.document import Document, load
from reviewer.document.script import as_written, simplified_twin
from reviewer.models import Finding, Lang, ReportResult, Severity
from reviewer.policy import Policy, selected
from reviewer.tolerances import Tolerances


def to_finding(doc: Document, hit: Hit, lang: Lang) -> Finding:
    spans = doc.spans([(s, e) for s, e in hit.spans if e > s])
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
    """The findings of the selected rules, deduplicated and in text order (no suppressions).

    A check that raises is a bug. With `errors` given, it is recorded there ("T001: ValueError:
    …") and the other checks still run; without it, the exception propagates (tests).
    Past `deadline`, the checks not run (or interrupted) are listed in `not_run` ("T001/T002").
    A check also yields the `Relation`s that held; they are kept on the document
    (`checked_relations(doc)`) for the ledger of figures.
    """
    _, checks = catalog()
    # The checks read the report in simplified characters (a mirror in 繁體 reads like any
    # other report): the same offsets, so spans and relations hold on `doc`; the quotes in a
    # hit's data are given back as the report writes them.
    read = simplified_twin(doc)
    held: list[Relation] = []
    doc._cache[RELATIONS_KEY] = held
    select = list(select) if select else None
    ignore = list(ignore) if ignore else None
    findings: list[Finding] = []
    seen: set[tuple[str, int, int]] = set()
    for codes, func in checks:
        if not any(selected(c, select, ignore) for c in codes):
            continue
        try:
            if deadline is None:
                hits = list(func(read))
            elif deadline.expired():
                raise TimeBudgetExceeded
            else:
                with deadline.enforced():
                    hits = list(func(read))
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
            if isinstance(hit, Relation):
                held.append(hit)
                continue
            code = hit.rule.code
            if not selected(code, select, ignore):
                continue
            if read is not doc:
                near = max(0, first_start(hit) - 400)
                hit.data = {k: as_written(v, doc, read, near) for k, v in hit.data.items()}
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


def first_start(hit: Hit) -> int:
    """The start of the hit's first span (0 without one)."""
    return hit.spans[0][0] if hit.spans else 0


RELATIONS_KEY = "engine.relations"


def checked_relations(doc: Document) -> list[Relation]:
    """The relations that held in the last `run_checks` over `doc` (none before it ran)."""
    found: list[Relation] = doc._cache.get(RELATIONS_KEY, [])
    return found


def rule_findings(
    doc: Document, policy: Policy, *, timeout: float | None = None
) -> tuple[list[Finding], dict[str, Any]]:
    """The rules' findings under `policy`, and meta naming the checks that raised (if any) and,
    past the `timeout` (seconds; default: the policy's), the checks not run (`incomplete`)."""
    if timeout is None:
        timeout = policy.timeout
    if policy.tolerances:
        doc.tolerances = Tolerances.from_dict(policy.tolerances)
    errors: list[str] = []
    not_run: list[str] = []
    deadline = Deadline(timeout) if timeout else None
    # One timer for all the checks, not one a check (see `Deadline.armed`).
    with deadline.armed() if deadline is not None else contextlib.nullcontext():
        findings = run_checks(
            doc,
            lang=policy.lang,
            select=policy.select,
            ignore=policy.ignore,
            severity_overrides=policy.severity or None,
            errors=errors,
            deadline=deadline,
            not_run=not_run,
        )
    meta: dict[str, Any] = {}
    if errors:
        meta["internal_errors"] = errors  # the other checks' findings are kept
    if not_run:
        meta["incomplete"] = {"timeout": timeout, "not_run": not_run}
    return findings, meta


def finish(
    doc: Document,
    findings: list[Finding],
    policy: Policy,
    *,
    extra: Iterable[Finding] = (),
    meta: dict[str, Any] | None = None,
) -> ReportResult:
    """Apply the per-report policy: `findings` (the rules', already selected) plus `extra`
    (the model's: selected and given their severity overrides here), merged, then inline
    suppressions and X001, then the report's meta."""
    from reviewer import suppress
    from reviewer.report_meta import report_meta

    wanted = [f for f in extra if policy.enabled(f.code)]
    for f in wanted:
        if f.code in policy.severity:
            f.severity = policy.severity[f.code]
    if wanted:
        from reviewer.llm.merge import merge

        findings = merge(findings, wanted)
    findings, silenced = suppress.apply(doc, findings, lang=policy.lang, enabled=policy.enabled)
    out: dict[str, Any] = {"sha256": doc.sha256, **(meta or {})}
    out["settings"] = policy.digest()
    out.update(report_meta(doc))
    if doc.ocr is not None:  # read from scanned pages: uncertain figures are never errors
        from reviewer import ocr_policy

        findings = ocr_policy.apply(doc, findings, policy.lang)
        out.update(ocr_policy.meta(doc))
    if silenced:
        out["suppressed"] = silenced
    from reviewer.ledger import build

    figures = build(doc, checked_relations(doc), findings)
    return ReportResult(path=doc.path, findings=findings, meta=out, figures=figures)


def review_document(doc: Document, policy: Policy, *, timeout: float | None = None) -> ReportResult:
    """The rules' review of one loaded report under `policy` (what `reviewer check` runs);
    `timeout` is the report's time budget in seconds (see `check`; default: the policy's)."""
    findings, meta = rule_findings(doc, policy, timeout=timeout)
    return finish(doc, findings, policy, meta=meta)


def make_policy(
    policy: Policy | None = None,
    *,
    lang: Lang = "zh",
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    severity_overrides: dict[str, Severity] | None = None,
    tolerances: Tolerances | dict[str, Any] | None = None,
) -> Policy:
    """`policy` itself, or one built from the keyword arguments of `check()` / `review()`."""
    if policy is not None:
        return policy
    if isinstance(tolerances, Tolerances):
        tolerances = _tolerance_table(tolerances)
    return Policy(
        lang=lang,
        select=list(select) if select else None,
        ignore=list(ignore) if ignore else None,
        severity=dict(severity_overrides or {}),
        tolerances=dict(tolerances or {}),
    )


def _tolerance_table(t: Tolerances) -> dict[str, Any]:
    """The config table (`[tool.reviewer.tolerances]`) that gives `t`: its non-default keys."""
    default = Tolerances()
    table: dict[str, Any] = {}
    for f in fields(t):
        value = getattr(t, f.name)
        if value != getattr(default, f.name):
            table[f.name.replace("_", "-")] = value if isinstance(value, bool) else str(value)
    return table


def check(
    source: str | Path | Document,
    *,
    lang: Lang = "zh",
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    severity_overrides: dict[str, Severity] | None = None,
    tolerances: Tolerances | dict[str, Any] | None = None,
    policy: Policy | None = None,
    timeout: float | None = None,
) -> ReportResult:
    """Review one report with the deterministic rules only (no model, no network).

    `source` is a path or an already built `Document`. Raises `InputError` when the file cannot
    be read. The keyword arguments are those of `reviewer check` (`tolerances` widens what
    counts as agreement, see `reviewer.tolerances`); `policy` gives them all at once. Inline
    suppression markers in the report are applied, as on the command line. `timeout` (seconds)
    is the report's time budget: past it the checks still to run are skipped (a running one is
    interrupted where the platform allows), `meta["incomplete"]` says which, and the findings
    of the checks that ran are kept.
    """
    doc = source if isinstance(source, Document) else load(source)
    pol = make_policy(
        policy,
        lang=lang,
        select=select,
        ignore=ignore,
        severity_overrides=severity_overrides,
        tolerances=tolerances,
    )
    if isinstance(tolerances, Tolerances) and policy is None:
        doc.tolerances = tolerances
    return review_document(doc, pol, timeout=timeout)


def check_text(text: str, *, path: str = "<text>", lang: Lang = "zh") -> ReportResult:
    """Review report text given as a string (handy for tests and other programs)."""
    return check(Document(text=text, path=path), lang=lang)


def rules() -> dict[str, Rule]:
    """The rule catalog: every code, the model's (L) and the tool's own (X) included."""
    return dict(catalog()[0])
