"""Baselines: accept today's findings so that later runs report only new ones.

A finding is keyed by its rule code and the normalized quote of its first span (NFKC, no
whitespace), never by line number, so findings survive edits elsewhere in the report. The same
key doubles as the SARIF `partialFingerprints` value. Entries are grouped by report path,
stored relative to the baseline file's directory so the file works from any working directory;
equal keys are counted, so a third copy of a finding accepted twice is new.

File format (JSON)::

    {"version": 1, "tool": "reviewer",
     "reports": {"fixtures/reports/a.txt": [
         {"code": "T001", "quote": "合计43人", "fingerprint": "3f2a…", "count": 1,
          "message": "…"}]}}
"""

from __future__ import annotations

import hashlib
import json
import os
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

from reviewer.errors import ReviewerError
from reviewer.models import Finding, ReportResult, RunResult

VERSION = 1


class BaselineError(ReviewerError):
    """The baseline file cannot be read or written."""


def normalize_quote(text: str) -> str:
    """NFKC (full-width -> half-width) with all whitespace removed."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def quote_of(f: Finding) -> str:
    return normalize_quote(f.spans[0].text) if f.spans else ""


def fingerprint(f: Finding) -> str:
    """A stable id for a finding: sha256 of code + normalized quote (16 hex digits)."""
    key = f"{f.code}\x1f{quote_of(f)}".encode()
    return hashlib.sha256(key).hexdigest()[:16]


def _report_key(report_path: str, base_dir: Path) -> str:
    if report_path.startswith("<"):  # <stdin>, <text>
        return report_path
    try:
        rel = os.path.relpath(Path(report_path).absolute(), base_dir.absolute())
    except ValueError:  # another drive on Windows
        rel = str(Path(report_path).absolute())
    return Path(rel).as_posix()


def build(run: RunResult, baseline_path: Path) -> dict[str, Any]:
    """The baseline document accepting every finding of `run`."""
    base = baseline_path.parent
    reports: dict[str, list[dict[str, Any]]] = {}
    for report in run.reports:
        if report.error:
            continue
        entries: dict[str, dict[str, Any]] = {}
        for f in report.findings:
            fp = fingerprint(f)
            if fp in entries:
                entries[fp]["count"] += 1
                continue
            entries[fp] = {
                "code": f.code,
                "quote": quote_of(f),
                "fingerprint": fp,
                "count": 1,
                "message": f.message,
            }
        reports[_report_key(report.path, base)] = list(entries.values())
    return {"version": VERSION, "tool": "reviewer", "reports": reports}


def write(run: RunResult, path: Path) -> int:
    """Write the baseline; returns the number of findings accepted."""
    doc = build(run, path)
    try:
        path.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    except OSError as exc:
        raise BaselineError(f"cannot write {path}: {exc.strerror or exc}") from None
    return sum(e["count"] for entries in doc["reports"].values() for e in entries)


class Baseline:
    """Accepted findings, by report; `filter` drops the accepted ones from a result."""

    def __init__(self, path: Path, data: dict[str, Any]) -> None:
        self.path = path
        self.reports: dict[str, Counter[str]] = {}
        for key, entries in data.get("reports", {}).items():
            counter: Counter[str] = Counter()
            for e in entries:
                counter[str(e["fingerprint"])] += int(e.get("count", 1))
            self.reports[key] = counter

    @classmethod
    def load(cls, path: Path) -> Baseline:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise BaselineError(f"{path}: baseline file not found") from None
        except OSError as exc:
            raise BaselineError(f"{path}: cannot read: {exc.strerror or exc}") from None
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise BaselineError(f"{path}: not a reviewer baseline (invalid JSON: {exc})") from None
        if not isinstance(data, dict) or data.get("tool") != "reviewer" or "reports" not in data:
            raise BaselineError(f"{path}: not a reviewer baseline file")
        if data.get("version") != VERSION:
            raise BaselineError(f"{path}: baseline version {data.get('version')} not supported")
        try:
            return cls(path, data)
        except (KeyError, TypeError, ValueError, AttributeError):
            raise BaselineError(f"{path}: malformed baseline entries") from None

    def filter(self, report: ReportResult) -> ReportResult:
        """A copy of `report` without accepted findings; `meta.baselined` counts them."""
        if report.error:
            return report
        accepted = Counter(self.reports.get(_report_key(report.path, self.path.parent), {}))
        new: list[Finding] = []
        dropped = 0
        for f in report.findings:
            fp = fingerprint(f)
            if accepted[fp] > 0:
                accepted[fp] -= 1
                dropped += 1
            else:
                new.append(f)
        meta = {**report.meta, "baselined": dropped}
        return report.model_copy(update={"findings": new, "meta": meta})
