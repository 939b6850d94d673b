"""This year's report against last year's report of the same unit (`--previous DIR|FILE`).

A pass over two reports, not a check: `apply` runs once the batch is reviewed (like the copy
pass, `reviewer.copies`), pairs each report with last year's — the report in `--previous` whose
`unit` is the same and whose `year` is one less (both from `reviewer.report_meta`), or the one
file given — and adds Y001–Y004 (declared in `checks/previous_year.py`):

* Y001 unchanged_from_last_year: a goal paragraph (a line of 20+ characters in a section whose
  title names 目标 but not its results or their analysis, outside the problems) kept word for
  word, the years written `#`; an indicator target of the same name (`name_key`), comparator
  and value (info).
* Y002 target_lowered: a numeric target below last year's actual of the same indicator (same
  name key and unit; above it when less is better). Last year's actuals of one indicator that
  disagree leave it alone.
* Y003 problem_repeated: a paragraph of the problems section (问题/不足, not 整改: the report of
  last year's problems being corrected quotes them on purpose) whose clauses
  make up 80% or more of a problem paragraph of last year (figures, years and the unit's name
  normalized, as in `reviewer.copies`).
* Y004 prior_year_mismatch: a figure this report labels as last year's (上年支出 …, read by
  `reviewer.claims.facts` with 上年 read as 本年) against the same kind/side/topic of figure in
  last year's report, where last year's report states it once or consistently; a difference
  beyond both figures' rounding.

Spans are this year's report's; last year's file and line are in the message and `data`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

from reviewer.document import Document
from reviewer.models import Finding, ReportResult, Severity
from reviewer.policy import Policy
from reviewer.regex import lazy

MIN_GOAL = 20
MIN_PROBLEM = 12
MIN_SHARED = 0.8

_YEAR = lazy(r"20\d\d")
_GOAL_TITLE = lazy(r"目标")
_NOT_GOAL_TITLE = lazy(r"完成|实现|偏离|达成|结果|自评|差异|分析|评价")
_PROBLEM_TITLE = lazy(r"问题|不足")
_NOT_PROBLEM_TITLE = lazy(r"整改")
# 上年-words, replaced by a same-length 本年 (spaces pad; labels are read without spaces)
_PRIOR = lazy(r"上一年度|上一年|上年度|上年|去年(?!同期)")
_PRIOR_SWAP = {
    "上一年度": "本年  ",
    "上一年": "本年 ",
    "上年度": "本年 ",
    "上年": "本年",
    "去年": "本年",
}
_CARRY = lazy(r"结转")
_COMPARED_KINDS = ("spending", "income", "opening", "full", "quota", "staff")


class Pair(NamedTuple):
    """A Y finding before the policy: the rule, this report's offsets, the message data."""

    code: str
    start: int
    end: int
    data: dict[str, Any]
    variant: str | None = None
    severity: Severity | None = None


# ---------------------------------------------------------------- reading one report


class Para(NamedTuple):
    start: int
    end: int
    line: int
    text: str


def _heading_starts(doc: Document) -> set[int]:
    from reviewer.claims.sections import sections

    return {doc.line_at(s.title_start).start for s in sections(doc)}


def _paras(doc: Document, title_ok: Any, min_chars: int) -> list[Para]:
    """Lines of sections whose innermost titled section passes `title_ok`, not headings or
    table rows."""
    from reviewer.claims.sections import section_path

    heads = _heading_starts(doc)
    out = []
    for line in doc.lines:
        text = line.text.strip()
        if len(text) < min_chars or text.count("|") >= 2 or line.start in heads:
            continue
        path = section_path(doc, line.start)
        if path and title_ok([s.title for s in path]):
            out.append(Para(line.start, line.end, doc.line_col(line.start)[0], text))
    return out


def _goal_section(titles: list[str]) -> bool:
    t = titles[-1]
    return (
        bool(_GOAL_TITLE.search(t))
        and not _NOT_GOAL_TITLE.search(t)
        and not _problem_section(titles)  # 绩效目标管理有待提质 under 存在的问题 is a problem
    )


def _problem_section(titles: list[str]) -> bool:
    return any(_PROBLEM_TITLE.search(t) and not _NOT_PROBLEM_TITLE.search(t) for t in titles)


def _no_years(text: str) -> str:
    return _YEAR.sub("#", "".join(text.split()))


# ---------------------------------------------------------------- the four comparisons


def unchanged_goals(this: Document, last: Document, other: str) -> Iterable[Pair]:
    before: dict[str, Para] = {}
    for p in _paras(last, _goal_section, MIN_GOAL):
        before.setdefault(_no_years(p.text), p)
    for p in _paras(this, _goal_section, MIN_GOAL):
        old = before.get(_no_years(p.text))
        if old is not None:
            data = {"other": other, "other_line": old.line, "family": "quality"}
            yield Pair("Y001", p.start, p.end, data, severity=Severity.WARNING)


def _unique(items: list[Any]) -> Any | None:
    """The one indicator of a name, or None when the report gives it several values."""
    values = {(i.comparator, i.base, i.unit_key) for i in items}
    return items[0] if len(values) == 1 else None


def _by_key(items: Iterable[Any]) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {}
    for i in items:
        out.setdefault(i.key, []).append(i)
    return out


def targets_vs_last_year(this: Document, last: Document, other: str) -> Iterable[Pair]:
    from reviewer.claims.indicators import QUAL, actuals, targets
    from reviewer.numbers import fmt

    last_targets = _by_key(t for t in targets(last))
    last_actuals = _by_key(a for a in actuals(last) if a.comparator != QUAL)
    for key, group in _by_key(targets(this)).items():
        t = _unique(group)
        if t is None or not key:
            continue
        actual = _unique(last_actuals.get(key, []))
        if actual is not None and actual.unit_key != t.unit_key:
            actual = None
        actual_zh = f"（上年实际完成值 {actual.shown()}）" if actual is not None else ""
        actual_en = f" (last year's actual: {actual.shown()})" if actual is not None else ""
        span = t.spans()[0]
        base = {"name": t.name, "target": t.shown(), "other": other}
        lowered = actual is not None and _lowered(t, actual)
        if lowered and actual is not None:
            data = {
                **base,
                "actual": actual.shown(),
                "other_line": last.line_col(actual.start)[0],
                "gap": fmt(abs(actual.base - t.base)),
            }
            yield Pair("Y002", span[0], span[1], data)
            continue  # a target kept below last year's actual is reported once, as lowered
        old = _unique(last_targets.get(key, []))
        if (
            old is not None
            and old.unit_key == t.unit_key
            and old.comparator == t.comparator
            and old.base == t.base
            and old.text_value == t.text_value
        ):
            data = {**base, "other_line": last.line_col(old.start)[0]}
            data |= {"actual_zh": actual_zh, "actual_en": actual_en}
            yield Pair("Y001", span[0], span[1], data, variant="target")


def _lowered(t: Any, actual: Any) -> bool:
    """A numeric target that last year's actual of the same indicator already beats."""
    from reviewer.claims.indicators import EQ, GE, GT, LE, LT

    if t.base is None or actual.base is None or actual.comparator not in (EQ, GE, GT, LE, LT):
        return False
    if t.lower_is_better:
        return t.comparator in (LE, LT, EQ) and t.base > actual.base
    return t.comparator in (GE, GT, EQ) and t.base < actual.base


def repeated_problems(
    this: Document, last: Document, other: str, units: tuple[str | None, str | None]
) -> Iterable[Pair]:
    from reviewer.copies import clauses, normalize

    def read(doc: Document) -> list[tuple[Para, str, frozenset[str]]]:
        out = []
        for p in _paras(doc, _problem_section, MIN_PROBLEM):
            key = normalize(p.text, *units)
            out.append((p, key, clauses(key)))
        return out

    before = read(last)
    for p, key, parts in read(this):
        best: tuple[float, Para] | None = None
        for old, old_key, old_parts in before:
            if key == old_key:
                share = 1.0
            else:
                shared = sum(len(c) for c in parts & old_parts)
                shorter = min(sum(map(len, parts)), sum(map(len, old_parts)))
                share = shared / shorter if shorter and shared >= MIN_PROBLEM else 0.0
            if share >= MIN_SHARED and (best is None or share > best[0]):
                best = (share, old)
        if best is None:
            continue
        share, old = best
        exact = share >= 1.0
        data = {
            "other": other,
            "other_line": old.line,
            "similarity": round(share * 100),
            "same_zh": "相同" if exact else f"高度相似（{round(share * 100)}% 的文字相同）",
            "same_en": "the same as" if exact else f"nearly the same as ({round(share * 100)}%)",
            "family": "quality",
        }
        yield Pair("Y003", p.start, p.end, data)


class _Figure(NamedTuple):
    key: tuple[str, str, str]
    value: Decimal
    half: Decimal
    start: int
    end: int
    label: str
    shown: str


def _figures(doc: Document, prior: bool) -> list[_Figure]:
    """Labelled figures of the report's own year (`prior` False) or labelled as last year's
    (`prior` True: 上年 read as 本年 in a same-length copy, so the labels classify; and figures
    labelled with the year before the report's own)."""
    from reviewer.claims.facts import current, facts
    from reviewer.claims.report import evaluated_year

    if prior:
        text = _PRIOR.sub(lambda m: _PRIOR_SWAP[m.group(0)], doc.text)
        read = Document(text=text, path=doc.path, tolerances=doc.tolerances)
        found = []
        for f in facts(read):
            label = doc.norm[f.start : f.quantity.start]
            m = _PRIOR.search(label)
            if m and not _CARRY.match(label, m.end()):
                found.append(f)
        year = evaluated_year(doc)
        if year is not None:  # "2023年决算支出" in the 2024 report
            seen = {f.start for f in found}
            found += [f for f in facts(doc) if f.year == str(year - 1) and f.start not in seen]
    else:
        found = [f for f in current(doc, facts(doc)) if f.year in ("", "this") or f.year.isdigit()]
    return [
        _Figure(
            (f.kind, f.side, f.topic),
            f.value,
            f.half_unit,
            f.start,
            f.end,
            doc.text[f.start : f.quantity.start].strip(),
            doc.text[f.quantity.start : f.quantity.end],
        )
        for f in found
        if f.kind in _COMPARED_KINDS
    ]


def prior_figures(this: Document, last: Document, other: str) -> Iterable[Pair]:
    from reviewer.numbers import fmt

    stated: dict[tuple[str, str, str], list[_Figure]] = {}
    for f in _figures(last, prior=False):
        stated.setdefault(f.key, []).append(f)
    for f in _figures(this, prior=True):
        group = stated.get(f.key)
        if not group:
            continue
        ref = group[0]
        if any(abs(g.value - ref.value) > g.half + ref.half for g in group[1:]):
            continue  # last year's report itself gives two values: no single reading
        diff = abs(f.value - ref.value)
        if diff <= f.half + ref.half:
            continue
        money = f.key[0] not in ("quota", "staff")
        data = {
            "label": f.label,
            "this_value": f.shown,
            "other_value": ref.shown,
            "other": other,
            "other_line": last.line_col(ref.start)[0],
            "diff": f"{fmt(diff / 10000)}万元" if money else fmt(diff),
        }
        yield Pair("Y004", f.start, f.end, data)


def compare(
    this: Document, last: Document, units: tuple[str | None, str | None] = (None, None)
) -> list[Pair]:
    """Every Y finding of `this` against `last` (last year's report), in text order."""
    other = last.path
    out = [
        *unchanged_goals(this, last, other),
        *targets_vs_last_year(this, last, other),
        *repeated_problems(this, last, other, units),
        *prior_figures(this, last, other),
    ]
    return sorted(out, key=lambda p: (p.start, p.code))


# ---------------------------------------------------------------- findings and the batch


def to_finding(doc: Document, pair: Pair, policy: Policy) -> Finding:
    from reviewer.checks.registry import RULES, load_all

    load_all()
    r = RULES[pair.code]
    severity = policy.severity.get(pair.code, pair.severity or r.severity)
    return Finding(
        code=pair.code,
        kind=r.kind,
        severity=severity,
        source="rules",
        message=r.render(pair.data, policy.lang, pair.variant),
        spans=[doc.span(pair.start, pair.end)],
        data=pair.data,
    )


def findings(
    this: Document, last: Document, policy: Policy, units: tuple[str | None, str | None]
) -> list[Finding]:
    from reviewer.checks.previous_year import PREVIOUS_CODES

    if not any(policy.enabled(c) for c in PREVIOUS_CODES):
        return []
    return [
        to_finding(this, p, policy) for p in compare(this, last, units) if policy.enabled(p.code)
    ]


class Candidate(NamedTuple):
    doc: Document
    unit: str | None
    year: int | None


def _candidate(doc: Document) -> Candidate:
    from reviewer.report_meta import report_meta

    meta = report_meta(doc)
    return Candidate(doc, meta.get("unit"), meta.get("year"))


def load_previous(spec: Path) -> tuple[list[Candidate], bool]:
    """The reports under `spec` (a file or a directory), and whether `spec` is one file."""
    from reviewer.errors import ReviewerError
    from reviewer.inputs import expand

    if not spec.exists():
        raise ReviewerError(f"--previous {spec}: no such file or directory")
    expanded = expand([str(spec)])
    out = []
    for source in expanded.sources:
        from reviewer.batch import load_source

        try:
            out.append(_candidate(load_source(source)))
        except Exception:  # an unreadable old report only costs its comparison
            continue
    return out, spec.is_file()


def match(unit: str | None, year: int | None, candidates: Sequence[Candidate]) -> Candidate | None:
    """Last year's report of `unit`: same unit, year one less (only one such report)."""
    if not unit or not year:
        return None
    found = [c for c in candidates if c.unit == unit and c.year == year - 1]
    return found[0] if len(found) == 1 else None


def apply(
    reports: list[ReportResult],
    spec: Path,
    policy: Policy,
    texts: Mapping[str, str] | None = None,
) -> int:
    """Add Y findings to `reports` (in place) against last year's reports under `spec`; each
    compared report's meta gets `previous` (the file it was compared with). Returns how many
    findings were added. A changed report is put back in its place (`reports` may be a
    `reviewer.spill.SpilledReports`)."""
    candidates, one_file = load_previous(spec)
    added = 0
    for i, report in enumerate(reports):
        if report.error:
            continue
        doc = _reload(report, texts)
        if doc is None:
            continue
        unit, year = report.meta.get("unit"), report.meta.get("year")
        if one_file and candidates:
            last: Candidate | None = candidates[0]
        else:
            last = match(unit, year, candidates)
        if last is None or last.doc.sha256 == doc.sha256:
            continue
        report.meta["previous"] = last.doc.path
        new = findings(doc, last.doc, policy, (unit, last.unit))
        if new:
            report.findings.extend(new)
            report.findings.sort(key=lambda f: (f.spans[0].start if f.spans else -1, f.code))
        reports[i] = report  # its meta names the report compared with
        added += len(new)
    return added


def _reload(report: ReportResult, texts: Mapping[str, str] | None) -> Document | None:
    """The document the report's findings were computed on (its sha256 must match)."""
    text = (texts or {}).get(report.path)
    if text is not None:
        doc = Document(text=text, path=report.path)
    else:
        try:
            from reviewer.document import load

            doc = load(report.path)
        except Exception:
            return None
    sha = report.meta.get("sha256")
    return doc if not sha or doc.sha256 == sha else None


def check_pair(
    last: tuple[str, str], this: tuple[str, str], policy: Policy | None = None
) -> ReportResult:
    """Review `this` (name, text) and compare it with `last` (tests, rule examples)."""
    from reviewer.engine import review_document

    policy = policy or Policy()
    doc = Document(text=this[1], path=this[0])
    result = review_document(doc, policy)
    old = _candidate(Document(text=last[1], path=last[0]))
    result.findings.extend(findings(doc, old.doc, policy, (result.meta.get("unit"), old.unit)))
    result.findings.sort(key=lambda f: (f.spans[0].start if f.spans else -1, f.code))
    return result
