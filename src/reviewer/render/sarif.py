"""`--format sarif`: SARIF 2.1.0 for code scanning.

Rules are listed once under `tool.driver.rules` with their docs as help text; each result
points at its rule by id and index. Regions count columns in Unicode code points (`columnKind:
unicodeCodePoints`), end columns exclusive. `partialFingerprints` carries the baseline key
(code + normalized quote), so a finding keeps its identity when lines move. When the run used a
baseline, every reported result is `baselineState: "new"`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

from reviewer.baseline import fingerprint
from reviewer.models import Finding, Lang, ReportResult, RunResult, Severity, Span
from reviewer.render.common import rules_table, span_end

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
FINGERPRINT_KEY = "reviewer/v1"


def uri(path: str) -> str:
    """A URI reference for a report path: relative paths stay relative (for code scanning)."""
    if path.startswith("<"):
        return quote(path.strip("<>"))
    p = Path(path)
    if p.is_absolute():
        return p.as_uri()
    return quote(p.as_posix(), safe="/")


def region(span: Span) -> dict[str, Any]:
    end_line, end_column = span_end(span)
    return {
        "startLine": span.line,
        "startColumn": span.column,
        "endLine": end_line,
        "endColumn": end_column,
        "charOffset": span.start,
        "charLength": span.end - span.start,
        "snippet": {"text": span.text},
    }


def location(path: str, span: Span | None, message: str | None = None) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": uri(path)}}
    if span is not None:
        physical["region"] = region(span)
    loc: dict[str, Any] = {"physicalLocation": physical}
    if message:
        loc["message"] = {"text": message}
    return loc


def rule_descriptor(code: str, rules: dict[str, Any], lang: Lang) -> dict[str, Any]:
    r = rules.get(code)
    if r is None:
        return {"id": code, "shortDescription": {"text": code}}
    title = r.title_zh if lang == "zh" else r.title_en
    help_text = (
        f"{r.title_en}\n\nWhat it does: {r.what}\n\nWhy is this bad? {r.why}\n\n"
        f"Example: {r.example}\n\nFix: {r.fix}"
    )
    help_md = (
        f"**{r.code} {r.name}**: {r.title_zh} / {r.title_en}\n\n"
        f"## What it does\n{r.what}\n\n## Why is this bad?\n{r.why}\n\n"
        f"## Example\n{r.example}\n\n## Fix\n{r.fix}\n"
    )
    return {
        "id": r.code,
        "name": r.name,
        "shortDescription": {"text": title},
        "fullDescription": {"text": r.what},
        "help": {"text": help_text, "markdown": help_md},
        "defaultConfiguration": {"level": LEVEL[r.severity]},
        "properties": {"tags": [r.family, r.kind], "kind": r.kind},
    }


def result(f: Finding, path: str, index: int, baseline_used: bool, lang: Lang) -> dict[str, Any]:
    evidence = "证据" if lang == "zh" else "evidence"
    out: dict[str, Any] = {
        "ruleId": f.code,
        "ruleIndex": index,
        "level": LEVEL[f.severity],
        "message": {"text": f.message},
        "locations": [location(path, f.spans[0] if f.spans else None)],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint(f)},
        "properties": {"kind": f.kind, "source": f.source, "data": f.data},
    }
    if len(f.spans) > 1:
        related = []
        for i, span in enumerate(f.spans[1:], start=1):
            loc = location(path, span, evidence)
            loc["id"] = i
            related.append(loc)
        out["relatedLocations"] = related
    if baseline_used:
        out["baselineState"] = "new"
    return out


def build(run: RunResult, lang: Lang = "zh") -> dict[str, Any]:
    rules = rules_table()
    codes = sorted({f.code for r in run.reports for f in r.findings})
    doc = _skeleton(run, codes, rules, lang)
    index = {code: i for i, code in enumerate(codes)}
    runs = doc["runs"][0]
    runs["artifacts"] = [_artifact(r.path) for r in run.reports]
    runs["results"] = [res for r in run.reports for res in _results(r, index, run, lang)]
    return doc


def _artifact(path: str) -> dict[str, Any]:
    return {"location": {"uri": uri(path)}}


def _results(
    r: ReportResult, index: dict[str, int], run: RunResult, lang: Lang
) -> list[dict[str, Any]]:
    baseline_used = bool(run.meta.get("baseline"))
    return [result(f, r.path, index[f.code], baseline_used, lang) for f in r.findings]


def _skeleton(
    run: RunResult, codes: list[str], rules: dict[str, Any], lang: Lang
) -> dict[str, Any]:
    """The log without its artifacts and results (both empty lists)."""
    from reviewer import __version__

    notifications = [
        {
            "level": "error",
            "message": {"text": f"{r.path}: {r.error}"},
            "locations": [location(r.path, None)],
        }
        for r in run.reports
        if r.error
    ]
    artifacts: list[dict[str, Any]] = []
    results: list[dict[str, Any]] = []
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "reviewer",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": [rule_descriptor(c, rules, lang) for c in codes],
                    }
                },
                "invocations": [
                    {
                        "executionSuccessful": not notifications,
                        "toolExecutionNotifications": notifications,
                    }
                ],
                "artifacts": artifacts,
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


_HOLE = "\x00hole\x00"  # a string no report text holds: json.dumps writes it escaped
_ITEM_INDENT = " " * 8  # depth of an artifact or a result in the log


def _items(items: Iterator[dict[str, Any]]) -> Iterator[str]:
    """The items of a list of the log, as json.dumps(indent=2) writes them at their depth."""
    for i, item in enumerate(items):
        body = json.dumps(item, ensure_ascii=False, indent=2).replace("\n", "\n" + _ITEM_INDENT)
        yield ("" if i == 0 else ",\n") + _ITEM_INDENT + body


def render_chunks(run: RunResult, lang: Lang = "zh") -> Iterator[str]:
    """The log a report at a time: the bytes of `json.dumps(build(run))` plus a newline."""
    rules = rules_table()
    codes = sorted({f.code for r in run.reports for f in r.findings})
    index = {code: i for i, code in enumerate(codes)}
    doc = _skeleton(run, codes, rules, lang)
    has_results = any(r.findings for r in run.reports)
    runs = doc["runs"][0]
    if len(run.reports):
        runs["artifacts"] = [_HOLE]
    if has_results:
        runs["results"] = [_HOLE]
    text = json.dumps(doc, ensure_ascii=False, indent=2)
    hole = _ITEM_INDENT + json.dumps(_HOLE)
    parts = text.split(hole)
    yield parts[0]
    if len(run.reports):
        yield from _items(_artifact(r.path) for r in run.reports)
        yield parts[1]
    if has_results:
        yield from _items(res for r in run.reports for res in _results(r, index, run, lang))
        yield parts[-1]
    yield "\n"


def render(run: RunResult, lang: Lang = "zh") -> str:
    return "".join(render_chunks(run, lang))
