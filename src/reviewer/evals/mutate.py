"""Mutation eval: plant one plausible typo in a relation the report states, see if a check fires.

For each report, `reviewer.evals.relations` finds the relations by brute force. A sample of them
(seeded, round-robin over relation type × layout, at most `max_per_report`) each gets one
mutation — two different adjacent digits swapped, or one digit changed — in one figure: the total,
rate, score or count first, an addend when no mutation of the anchor qualifies (`target="part"`: an
addend, numerator or denominator first). A mutation qualifies
when it keeps the token's shape (same length, no leading zero, nonzero) and breaks the relation
beyond the stated precision: the mutated figure's rounding interval and the interval the other
figures allow (each ± half a unit of its last digit) no longer meet; for a score (weight ×
rate, capped at the weight) only a score above what weight and rate allow breaks it, since a
lower score may be a deduction. Every mutation is reproducible from (seed, report, relation).

The mutated text is checked in memory (`reviewer.engine.check` on a `Document`). **Detected**
means: among the findings of the mutated report that the unmutated report does not have (same
code, spans and message), one has severity error or warning, comes from a numeric family (not
Q, X or L), and has a span overlapping the mutated figure or the relation's anchor (the total,
rate or count). A finding elsewhere does not count, nor does an `info` rounding note.

Layouts: `prose`, `pipe`, `cell` (one cell per line), `run` (a table run together on one line)
and `tab` are read from the text; `docx` rebuilds the report as a
Word file (`reviewer.evals.docx_build`), where `|` and tab tables become real Word tables, and
runs the real loader on it; its relations are those whose figures sit in a Word table, found and
mutated in the loader's text (offsets refer to it).
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

from reviewer.document import Document
from reviewer.document.normalize import normalize
from reviewer.evals.relations import Figure, Relation, find_relations
from reviewer.models import Finding

CN_DIGITS = "一二三四五六七八九"
LAYOUT_ORDER = ("prose", "pipe", "cell", "run", "tab", "docx")
KIND_ORDER = ("sum", "column", "rate", "score", "count")


class Mutation(NamedTuple):
    start: int
    end: int
    old: str
    new: str
    how: str  # swap | digit


# ---------------------------------------------------------------------------------------------
# Planting


def _interval(value: Decimal, half: Decimal) -> tuple[Decimal, Decimal]:
    return value - half, value + half


def _apart(a: tuple[Decimal, Decimal], b: tuple[Decimal, Decimal]) -> bool:
    return a[1] < b[0] or b[1] < a[0]


def breaks(rel: Relation, fig: Figure, new_value: Decimal) -> bool:
    """Whether `fig` := `new_value` breaks `rel` beyond the rounding of every figure."""
    if rel.kind == "count":
        return new_value != rel.items
    if new_value == 0:
        return False

    def val(f: Figure) -> Decimal:
        return new_value if f.start == fig.start else f.value

    if rel.kind in ("sum", "column"):
        s = sum((val(p) for p in rel.parts), Decimal(0))
        h = sum((p.half for p in rel.parts), Decimal(0))
        return _apart(_interval(val(rel.anchor), rel.anchor.half), _interval(s, h))
    if rel.kind == "score":
        weight, rate = rel.parts
        w = _interval(val(weight), weight.half)
        r = _interval(val(rate), rate.half)
        if w[0] <= 0 or r[0] <= 0:
            return False
        # score = weight × rate, capped at the weight (monotone in both: the ends suffice). A
        # score below it is no break: scoring rules allow deductions for other reasons.
        hi = min(w[1], w[1] * r[1] / 100)
        return val(rel.anchor) - rel.anchor.half > hi
    num, den = rel.parts
    lo_den, hi_den = val(den) - den.half, val(den) + den.half
    if lo_den <= 0:
        return False
    q = ((val(num) - num.half) / hi_den * 100, (val(num) + num.half) / lo_den * 100)
    return _apart(_interval(val(rel.anchor), rel.anchor.half), q)


def _digit_variants(token: str) -> list[tuple[str, str]]:
    """(new token, how): adjacent swaps of two different digits, and single-digit changes."""
    out: list[tuple[str, str]] = []
    for i in range(len(token) - 1):
        a, b = token[i], token[i + 1]
        if a.isdigit() and b.isdigit() and a != b:
            out.append((token[:i] + b + a + token[i + 2 :], "swap"))
    for i, ch in enumerate(token):
        if ch.isdigit():
            for d in "0123456789":
                if d != ch:
                    out.append((token[:i] + d + token[i + 1 :], "digit"))
    return out


def _shape_ok(token: str) -> bool:
    int_part = token.replace(",", "").split(".", 1)[0]
    return not (len(int_part) > 1 and int_part[0] == "0")


def _fold(new: str, original: str) -> str:
    """Write digits full-width where the original had them full-width (offsets unchanged)."""
    return "".join(
        chr(ord(n) + 0xFEE0) if n.isdigit() and not o.isascii() else n
        for n, o in zip(new, original, strict=True)
    )


def candidates(text: str, rel: Relation, fig: Figure) -> list[Mutation]:
    raw = text[fig.start : fig.end]
    token = normalize(raw)
    out: list[Mutation] = []
    if rel.kind == "count" and not token.isdigit():
        if len(token) == 1 and token in CN_DIGITS:
            for d in CN_DIGITS:
                if d != token and breaks(rel, fig, Decimal(CN_DIGITS.index(d) + 1)):
                    out.append(Mutation(fig.start, fig.end, raw, d, "digit"))
        return out
    for new, how in _digit_variants(token):
        if not _shape_ok(new):
            continue
        value = Decimal(new.replace(",", ""))
        if breaks(rel, fig, value):
            out.append(Mutation(fig.start, fig.end, raw, _fold(new, raw), how))
    return out


def plant(
    text: str, rel: Relation, rng: random.Random, target: str = "anchor"
) -> tuple[Figure, Mutation] | None:
    """One mutation of `rel`: its anchor when a variant qualifies, else one of its parts; with
    `target="part"`, a part first (in a seeded order), the anchor when none qualifies."""
    parts = rng.sample(rel.parts, len(rel.parts))
    order = (*parts, rel.anchor) if target == "part" else (rel.anchor, *parts)
    for fig in order:
        cands = candidates(text, rel, fig)
        if not cands:
            continue
        swaps = [c for c in cands if c.how == "swap"]
        pool = swaps if swaps and rng.random() < 0.5 else cands
        return fig, rng.choice(pool)
    return None


def apply(text: str, m: Mutation) -> str:
    return text[: m.start] + m.new + text[m.end :]


def select(rels: list[Relation], limit: int, rng: random.Random) -> list[Relation]:
    """At most `limit` relations, round-robin over (kind, layout) groups in a seeded order."""
    groups: dict[tuple[str, str], list[Relation]] = defaultdict(list)
    for r in rels:
        groups[(r.kind, r.layout)].append(r)
    queues = []
    for key in sorted(groups):
        g = list(groups[key])
        rng.shuffle(g)
        queues.append(g)
    out: list[Relation] = []
    while len(out) < limit and any(queues):
        for q in queues:
            if q and len(out) < limit:
                out.append(q.pop())
    return sorted(out, key=lambda r: r.anchor.start)


# ---------------------------------------------------------------------------------------------
# Scoring


def _key(f: Finding) -> tuple[str, tuple[tuple[int, int], ...], str]:
    return f.code, tuple((s.start, s.end) for s in f.spans), f.message


def counts_as_detection(f: Finding) -> bool:
    return f.severity.value in ("error", "warning") and f.code[:1] not in ("Q", "X", "L")


def _overlaps(f: Finding, start: int, end: int) -> bool:
    return any(s.start < end and start < s.end for s in f.spans)


def detecting(
    findings: Iterable[Finding], before: set[Any], fig: Figure, rel: Relation
) -> list[str]:
    """Codes of the new findings that detect the mutation of `fig` in `rel` (see module doc)."""
    out: list[str] = []
    for f in findings:
        if not counts_as_detection(f) or _key(f) in before:
            continue
        if _overlaps(f, fig.start, fig.uend) or _overlaps(f, rel.anchor.start, rel.anchor.uend):
            out.append(f.code)
    return sorted(set(out))


def near_misses(findings: Iterable[Finding], before: set[Any], rel: Relation) -> list[str]:
    """For a missed mutation: the new findings that do not count but say something — any
    severity or family on one of the relation's figures ("T002:info"), or a numeric
    error/warning elsewhere ("T001:error@elsewhere"). Empty: the checks were silent."""
    out: list[str] = []
    for f in findings:
        if _key(f) in before:
            continue
        if any(_overlaps(f, x.start, x.uend) for x in rel.figures()):
            out.append(f"{f.code}:{f.severity.value}")
        elif counts_as_detection(f):
            out.append(f"{f.code}:{f.severity.value}@elsewhere")
    return sorted(set(out))


@dataclass
class Planted:
    report: str
    kind: str
    layout: str
    old: str
    new: str
    how: str
    target: str  # anchor | part
    quote: str  # the mutated text ±20 characters
    relation: str  # "1844.31 = 1366.27 + 46.23 + 431.81"
    detected: bool
    codes: list[str]
    near: list[str] = field(default_factory=list)  # a miss: what fired instead (near_misses)

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class ReportRun:
    path: str
    relations: dict[str, int] = field(default_factory=dict)  # "kind/layout" -> found
    planted: list[Planted] = field(default_factory=list)
    errors: list[dict[str, str]] = field(default_factory=list)  # error findings, unmutated
    notes: list[str] = field(default_factory=list)


def describe(text: str, rel: Relation) -> str:
    def show(f: Figure) -> str:
        return text[f.start : f.end]

    if rel.kind == "count":
        return f"{show(rel.anchor)} items listed: {rel.items}"
    if rel.kind == "rate":
        return f"{show(rel.anchor)}% = {show(rel.parts[0])} / {show(rel.parts[1])}"
    if rel.kind == "score":
        return f"{show(rel.anchor)} = {show(rel.parts[0])} × {show(rel.parts[1])}%"
    return f"{show(rel.anchor)} = " + " + ".join(show(p) for p in rel.parts)


def _quote(text: str, start: int, end: int, pad: int = 20) -> str:
    return text[max(0, start - pad) : end + pad].replace("\n", "⏎")


Checker = Callable[[Document], list[Finding]]


def _default_checker(doc: Document) -> list[Finding]:
    from reviewer.engine import check

    return check(doc).findings


def _run_layout(
    name: str,
    text: str,
    rels: list[Relation],
    make_doc: Callable[[str], Document],
    run: ReportRun,
    *,
    seed: int,
    limit: int,
    checker: Checker,
    tag: str,
    target: str = "anchor",
) -> None:
    base_findings = checker(make_doc(text))
    before = {_key(f) for f in base_findings}
    if tag == "text":
        for f in base_findings:
            if f.severity.value == "error":
                quote = f.spans[0].text if f.spans else ""
                run.errors.append({"code": f.code, "message": f.message, "quote": quote})
    for r in rels:
        key = f"{r.kind}/{r.layout}"
        run.relations[key] = run.relations.get(key, 0) + 1
    rng = random.Random(f"{seed}:{name}:{tag}")
    for rel in select(rels, limit, rng):
        rrng = random.Random(f"{seed}:{name}:{tag}:{rel.kind}:{rel.anchor.start}")
        got = plant(text, rel, rrng, target)
        if got is None:
            continue
        fig, m = got
        mutated = apply(text, m)
        doc = make_doc(mutated)
        if doc.text != mutated:  # the .docx did not read back as written: offsets would lie
            run.notes.append(f"{tag}: {m.old}→{m.new} at {m.start} did not read back; not planted")
            continue
        found = checker(doc)
        codes = detecting(found, before, fig, rel)
        run.planted.append(
            Planted(
                report=name,
                kind=rel.kind,
                layout=rel.layout,
                old=m.old,
                new=m.new,
                how=m.how,
                target="anchor" if fig.start == rel.anchor.start else "part",
                quote=_quote(mutated, m.start, m.end),
                relation=describe(text, rel),
                detected=bool(codes),
                codes=codes,
                near=[] if codes else near_misses(found, before, rel),
            )
        )


def mutate_report(
    path: str | Path,
    *,
    seed: int = 0,
    max_per_report: int = 40,
    docx: bool = True,
    checker: Checker | None = None,
    target: str = "anchor",
) -> ReportRun:
    """Plant mutations in one report (text layouts, then its .docx rebuild) and score them."""
    from reviewer.document import load

    check_fn = checker or _default_checker
    doc = load(path)
    name = Path(path).name
    run = ReportRun(path=str(path))
    text = doc.text
    rels = find_relations(text)
    _run_layout(
        name,
        text,
        rels,
        lambda t: Document(text=t, path=str(path)),
        run,
        seed=seed,
        limit=max_per_report,
        checker=check_fn,
        tag="text",
        target=target,
    )
    if docx:
        from reviewer.evals.docx_build import docx_document, docx_round_trip, has_table

        if not has_table(text):
            return run
        dtext = docx_round_trip(text)  # cell runs become Word tables when their shape is known
        if dtext is None:
            run.notes.append("docx: the rebuilt file does not read back the same; skipped")
            return run
        drels = [r._replace(layout="docx") for r in find_relations(dtext) if r.layout == "pipe"]
        _run_layout(
            name,
            dtext,
            drels,
            lambda t: docx_document(t, str(path)),
            run,
            seed=seed,
            limit=max_per_report,
            checker=check_fn,
            tag="docx",
            target=target,
        )
    return run


# ---------------------------------------------------------------------------------------------
# Aggregation


@dataclass
class MutationResult:
    seed: int
    max_per_report: int
    reports: list[ReportRun]
    target: str = "anchor"

    def planted(self) -> list[Planted]:
        return [p for r in self.reports for p in r.planted]

    def table(self) -> list[dict[str, Any]]:
        """One row per relation kind × layout, plus a total row per layout and overall."""
        found: dict[tuple[str, str], int] = defaultdict(int)
        for r in self.reports:
            for key, n in r.relations.items():
                kind, layout = key.split("/")
                found[(kind, layout)] += n
        planted: dict[tuple[str, str], list[Planted]] = defaultdict(list)
        for p in self.planted():
            planted[(p.kind, p.layout)].append(p)
        rows: list[dict[str, Any]] = []
        keys = sorted(
            set(found) | set(planted),
            key=lambda k: (_order(LAYOUT_ORDER, k[1]), _order(KIND_ORDER, k[0])),
        )
        for kind, layout in keys:
            rows.append(_row(kind, layout, found[(kind, layout)], planted[(kind, layout)]))
        for layout in LAYOUT_ORDER:
            sub = [k for k in keys if k[1] == layout]
            if sub:
                ps = [p for k in sub for p in planted[k]]
                rows.append(_row("all", layout, sum(found[k] for k in sub), ps))
        rows.append(_row("all", "all", sum(found.values()), self.planted()))
        return rows

    def as_dict(self) -> dict[str, Any]:
        return {
            "seed": self.seed,
            "max_per_report": self.max_per_report,
            "target": self.target,
            "reports": len(self.reports),
            "table": self.table(),
            "missed": [p.as_dict() for p in self.planted() if not p.detected],
            "planted": [p.as_dict() for p in self.planted()],
            "errors_unmutated": [{"report": r.path, **e} for r in self.reports for e in r.errors],
            "notes": {r.path: r.notes for r in self.reports if r.notes},
        }

    def recall(self, layout: str = "all", kind: str = "all") -> float | None:
        for row in self.table():
            if row["layout"] == layout and row["kind"] == kind:
                return row["recall"]
        return None


def _order(seq: tuple[str, ...], x: str) -> int:
    return seq.index(x) if x in seq else len(seq)


def _row(kind: str, layout: str, found: int, ps: list[Planted]) -> dict[str, Any]:
    detected = sum(p.detected for p in ps)
    return {
        "kind": kind,
        "layout": layout,
        "found": found,
        "planted": len(ps),
        "detected": detected,
        "recall": round(detected / len(ps), 4) if ps else None,
    }


def run_mutations(
    paths: Iterable[str | Path],
    *,
    seed: int = 0,
    max_per_report: int = 40,
    docx: bool = True,
    checker: Checker | None = None,
    progress: Callable[[str], None] | None = None,
    target: str = "anchor",
) -> MutationResult:
    """The mutation eval over `paths` (see the module doc)."""
    reports: list[ReportRun] = []
    for p in paths:
        if progress:
            progress(str(p))
        reports.append(
            mutate_report(
                p,
                seed=seed,
                max_per_report=max_per_report,
                docx=docx,
                checker=checker,
                target=target,
            )
        )
    return MutationResult(seed=seed, max_per_report=max_per_report, reports=reports, target=target)


REPORT_SUFFIXES = (".txt", ".md", ".docx")


def report_paths(paths: Iterable[str | Path], suite: str | Path | None = None) -> list[Path]:
    """Report files from files, folders (recursive) and globs; none given: the suite's reports."""
    import glob

    out: list[Path] = []
    given = list(paths)
    if not given and suite is not None:
        from reviewer.evals.cases import load_suite

        return [c.report_path for c in load_suite(Path(suite)).load_cases()]
    for p in given:
        s = str(p)
        hits = [Path(h) for h in sorted(glob.glob(s))] if any(c in s for c in "*?[") else [Path(s)]
        if not hits:
            raise ValueError(f"no file matches {s}")
        for h in hits:
            if h.is_dir():
                out.extend(sorted(f for f in h.rglob("*") if f.suffix.lower() in REPORT_SUFFIXES))
            elif h.exists():
                out.append(h)
            else:
                raise ValueError(f"no such file: {h}")
    return list(dict.fromkeys(out))
