"""`review()`: the rules plus the model. Library API; the CLI only wraps it.

    from reviewer import extract, review
    result = review("report.txt")            # rules + model (if one is configured)
    ex = extract("report.txt")               # the model's grounded extraction

With no model configured, or when the model fails after its retries, `review()` still returns
the rules' findings and says why in `result.meta["llm"]` (`status`: off / ok / partial /
failed, `reason`). It never raises for a model failure.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reviewer.document import Document, load
from reviewer.engine import finish, make_policy, rule_findings
from reviewer.errors import ReviewerError
from reviewer.models import Lang, ReportResult, Severity
from reviewer.policy import Policy

if TYPE_CHECKING:
    from reviewer.llm.schema import Extraction
    from reviewer.llm.settings import Settings
    from reviewer.tolerances import Tolerances


def _doc(source: str | Path | Document) -> Document:
    return source if isinstance(source, Document) else load(source)


def _client(settings: Settings) -> Any:
    from reviewer.llm.cache import DiskCache
    from reviewer.llm.client import LLMClient

    cache = None
    if settings.cache and settings.cache_dir is not None:
        cache = DiskCache(settings.cache_dir, secret=settings.api_key)
    return LLMClient(settings, cache=cache)


def _meta(settings: Settings, client: Any, status: str, **extra: Any) -> dict[str, Any]:
    from reviewer.llm import prompts
    from reviewer.llm.schema import CRITIQUE_SCHEMA, EXTRACTION_SCHEMA

    meta: dict[str, Any] = {"status": status, **settings.public()}
    meta["prompts"] = {pid: f"{pid}.v{v}" for pid, v in prompts.FULL_PIPELINE_VERSIONS.items()}
    meta["schemas"] = [EXTRACTION_SCHEMA, CRITIQUE_SCHEMA]
    meta["cache"] = bool(client.cache)
    meta["usage"] = client.usage.as_dict()
    meta.update({k: v for k, v in extra.items() if v is not None})
    return meta


def review(
    source: str | Path | Document,
    *,
    settings: Settings | None = None,
    lang: Lang = "zh",
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    severity_overrides: dict[str, Severity] | None = None,
    tolerances: Tolerances | dict[str, Any] | None = None,
    critique: bool | None = None,
    policy: Policy | None = None,
) -> ReportResult:
    """Review one report with the rules and, when configured, a model.

    `settings` (the model's) defaults to `Settings.from_env()`; the other keyword arguments are
    those of `check()`, and the model's findings go through the same policy (selection,
    severity, suppressions). Raises `InputError` only when the report cannot be read; model
    problems are reported in `meta["llm"]`.
    """
    from reviewer.llm.settings import Settings

    doc = _doc(source)
    pol = make_policy(
        policy,
        lang=lang,
        select=select,
        ignore=ignore,
        severity_overrides=severity_overrides,
        tolerances=tolerances,
    )
    return review_document(doc, pol, settings or Settings.from_env(), critique=critique)


def review_document(
    doc: Document, policy: Policy, settings: Settings, *, critique: bool | None = None
) -> ReportResult:
    """The rules and the model on one loaded report, through the engine's per-report policy
    (what `reviewer review` runs). Never raises for a model failure."""
    policy = replace(policy, extra={**policy.extra, "llm": settings.public()})
    findings, meta = rule_findings(doc, policy)
    reason = settings.unavailable_reason()
    if reason:
        meta["llm"] = {"status": "off", "reason": f"{reason}; rules only"}
        return finish(doc, findings, policy, meta=meta)
    if settings.pipeline == "compact":
        model_findings, meta["llm"] = _run_compact(doc, findings, settings, policy.lang)
    else:
        model_findings, meta["llm"] = _run_model(doc, settings, policy.lang, critique)
    return finish(doc, findings, policy, extra=model_findings, meta=meta)


def _run_compact(
    doc: Document, rule_found: list[Any], settings: Settings, lang: Lang
) -> tuple[list[Any], dict[str, Any]]:
    """Rewrites of the rules' vague targets (written into their Q001 findings), the model's
    judgement of rule-picked candidates, and the indicators the rules could not read (extracted
    by the model, judged by Python), all within the report's token budget."""
    from reviewer.llm import assess, judge, prompts, rewrite
    from reviewer.llm import extract as extract_mod
    from reviewer.llm.compact import GAPS_SCHEMA, JUDGE_SCHEMA, REWRITE_SCHEMA, Budget

    client = _client(settings)
    budget = Budget.for_text(doc.text)
    errors: list[str] = []
    rewrites: dict[str, Any] = {}
    semantic: dict[str, Any] = {}
    findings: list[Any] = []
    try:
        rewrites = rewrite.run(doc, rule_found, client, budget)
    except ReviewerError as exc:
        errors.append(f"rewrite: {exc}")
    except Exception as exc:
        errors.append(f"rewrite: {client.describe(exc)}")
    try:
        findings, semantic = judge.run(doc, client, budget, lang)
    except ReviewerError as exc:
        errors.append(f"judge: {exc}")
    except Exception as exc:
        errors.append(f"judge: {client.describe(exc)}")
    errors.extend(semantic.pop("errors", []))
    extraction: dict[str, Any] = {}
    dropped: list[Any] = []
    try:  # last: the rewrites and the judge's questions come first within the budget
        ex, dropped, extraction = extract_mod.run(doc, client, budget)
        findings.extend(assess.target_findings(doc, extract_mod.model_part(ex), lang))
    except ReviewerError as exc:
        errors.append(f"extraction: {exc}")
    except Exception as exc:
        errors.append(f"extraction: {client.describe(exc)}")
    ok = not errors
    meta = _meta(
        settings,
        client,
        "ok" if ok else ("partial" if client.usage.calls else "failed"),
        reason="; ".join(errors) or None,
        dropped=_dropped_meta(dropped) if dropped else None,
    )
    meta["prompts"] = {
        p: f"{p}.v{prompts.PROMPT_VERSIONS[p]}" for p in ("rewrite", "judge", "extract")
    }
    meta["schemas"] = [REWRITE_SCHEMA, JUDGE_SCHEMA, GAPS_SCHEMA]
    meta["budget"] = {**budget.as_dict(), "report_chars": len(doc.text)}
    meta["rewrites"] = rewrites
    meta["semantic"] = semantic
    meta["extraction"] = extraction
    if budget.cutoffs:
        cut = ", ".join(budget.cutoffs)
        meta["reason"] = "; ".join(
            x for x in (meta.get("reason"), f"answers cut off after a shorter retry: {cut}") if x
        )
    return findings, meta


def _run_model(
    doc: Document, settings: Settings, lang: Lang, critique: bool | None
) -> tuple[list[Any], dict[str, Any]]:
    from reviewer.llm import assess
    from reviewer.llm import critique as critique_mod
    from reviewer.llm import extract as extract_mod
    from reviewer.llm.grounding import Grounder

    client = _client(settings)
    grounder = Grounder(doc)
    findings: list[Any] = []
    dropped: list[Any] = []
    errors: list[str] = []
    stages_ok = 0
    try:
        ex, dr = extract_mod.run_full(doc, client, grounder)
        dropped.extend(dr)
        findings.extend(assess.target_findings(doc, ex, lang))
        stages_ok += 1
    except ReviewerError as exc:
        errors.append(f"extraction: {exc}")
    except Exception as exc:
        errors.append(f"extraction: {client.describe(exc)}")
    do_critique = settings.critique if critique is None else critique
    if do_critique and not errors:
        try:
            items, dr = critique_mod.run(doc, client, grounder)
            dropped.extend(dr)
            findings.extend(critique_mod.to_findings(doc, items, lang))
            stages_ok += 1
        except ReviewerError as exc:
            errors.append(f"critique: {exc}")
        except Exception as exc:
            errors.append(f"critique: {client.describe(exc)}")
    status = "ok" if not errors else ("partial" if stages_ok else "failed")
    meta = _meta(
        settings,
        client,
        status,
        reason=("; ".join(errors) + ("; rules findings only" if not stages_ok else "")) or None,
        dropped=_dropped_meta(dropped),
    )
    return findings, meta


def _dropped_meta(dropped: list[Any]) -> dict[str, Any]:
    return {
        "count": len(dropped),
        "items": [d.model_dump() for d in dropped],
    }


def extract(source: str | Path | Document, *, settings: Settings | None = None) -> Extraction:
    """The report's goals and indicators (and budget line, self-score, grade) to the schema:
    the rules' readings first (`by: "rules"`), then one compact model call for what they could
    not read, from the goals and indicator sections (`by: "model"`, grounded and re-checked in
    Python). Values as written, money also in yuan. With `REVIEWER_PIPELINE=full` the model
    reads the whole report instead (extract.v1).

    `meta` on the result records the model, prompt versions, token usage, who read what
    (`meta["llm"]["extraction"]`) and what was dropped. Raises `LLMError` (a `ReviewerError`)
    when no model is configured or the call fails.
    """
    from reviewer.llm import extract as extract_mod
    from reviewer.llm import prompts
    from reviewer.llm.client import LLMError
    from reviewer.llm.compact import GAPS_SCHEMA, Budget
    from reviewer.llm.settings import Settings

    doc = _doc(source)
    settings = settings or Settings.from_env()
    reason = settings.unavailable_reason()
    if reason:
        raise LLMError(reason)
    client = _client(settings)
    info: dict[str, Any] | None = None
    try:
        if settings.pipeline == "full":
            ex, dropped = extract_mod.run_full(doc, client)
        else:
            budget = Budget.for_text(doc.text)
            ex, dropped, info = extract_mod.run(doc, client, budget)
    except ReviewerError:
        raise
    except Exception as exc:
        raise LLMError(client.describe(exc)) from None
    ex.meta = {"path": doc.path, "sha256": doc.sha256}
    ex.meta["llm"] = _meta(settings, client, "ok", dropped=_dropped_meta(dropped))
    if info is not None:
        ex.meta["llm"]["prompts"] = {"extract": f"extract.v{prompts.PROMPT_VERSIONS['extract']}"}
        ex.meta["llm"]["schemas"] = [GAPS_SCHEMA]
        ex.meta["llm"]["extraction"] = info
        ex.meta["llm"]["budget"] = {**budget.as_dict(), "report_chars": len(doc.text)}
        if budget.cutoffs or budget.skipped:
            ex.meta["llm"]["status"] = "partial"
            ex.meta["llm"]["reason"] = "; ".join(
                [f"answer cut off after a shorter retry: {c}" for c in budget.cutoffs]
                + [f"not sent (token budget): {c}" for c in budget.skipped]
            )
    return ex


def notice(result: ReportResult) -> str | None:
    """The one stderr line for a report whose model half did not fully run, else None."""
    meta = result.meta.get("llm") or {}
    status = meta.get("status")
    dropped = (meta.get("dropped") or {}).get("count", 0)
    parts = []
    if status in {"off", "failed", "partial"}:
        label = {"off": "model off", "failed": "model failed", "partial": "model partly failed"}
        parts.append(f"{label[status]}: {meta.get('reason', '')}")
    if dropped:
        parts.append(f"{dropped} ungrounded item{'s' if dropped != 1 else ''} dropped")
    return f"{result.path}: " + "; ".join(parts) if parts else None
