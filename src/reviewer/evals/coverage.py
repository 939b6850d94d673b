"""Coverage of the ledger of figures: how many figures the checks verified, found mismatched or
could not verify, per report and per layout, and how many of the relations the brute-force
finders (`reviewer.evals.relations`) find have all their figures marked verified (or mismatch).

The brute-force finders are only the yardstick here: the ledger's `verified` comes from the
checks' own `Relation`s (see `reviewer.ledger`), never from these finders.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reviewer.document import load
from reviewer.engine import check
from reviewer.evals.relations import LAYOUTS, _lines, find_relations, line_layouts
from reviewer.models import LedgerFigure

STATUSES = ("verified", "mismatch", "unverifiable")


@dataclass
class Tally:
    """Figures by status, and brute-force relations found / covered (all figures verified or
    mismatch)."""

    figures: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))
    relations: int = 0
    covered: int = 0

    def add(self, other: Tally) -> None:
        for k, v in other.figures.items():
            self.figures[k] += v
        self.relations += other.relations
        self.covered += other.covered

    def shares(self) -> dict[str, float | None]:
        total = sum(self.figures.values())
        out: dict[str, float | None] = {
            k: (v / total if total else None) for k, v in self.figures.items()
        }
        out["relations_covered"] = self.covered / self.relations if self.relations else None
        return out

    def as_dict(self) -> dict[str, Any]:
        return {
            "figures": dict(self.figures),
            "relations": self.relations,
            "covered": self.covered,
            "shares": self.shares(),
        }


@dataclass
class Coverage:
    reports: dict[str, Tally] = field(default_factory=dict)
    layouts: dict[str, Tally] = field(default_factory=dict)
    missed: list[str] = field(default_factory=list)  # brute-force relations not covered
    # Mutants: relations with one planted typo (as `reviewer eval --mutate` plants them).
    planted: int = 0
    planted_covered: int = 0  # every figure of the broken relation verified or mismatch
    planted_flagged: int = 0  # the mutated figure itself marked mismatch

    def overall(self) -> Tally:
        total = Tally()
        for t in self.reports.values():
            total.add(t)
        return total

    def as_dict(self) -> dict[str, Any]:
        return {
            "mutants": {
                "planted": self.planted,
                "covered": self.planted_covered,
                "mutated_figure_mismatch": self.planted_flagged,
            },
            "overall": self.overall().as_dict(),
            "layouts": {k: v.as_dict() for k, v in self.layouts.items()},
            "reports": {k: v.as_dict() for k, v in self.reports.items()},
        }


def _layout_of(starts: list[int], kinds: list[str], offset: int) -> str:
    return kinds[max(0, bisect.bisect_right(starts, offset) - 1)]


def report_coverage(text: str, figures: Sequence[LedgerFigure], cov: Coverage, name: str) -> Tally:
    """Add one report's ledger (`figures`, over `text`) to `cov`."""
    from reviewer.document.normalize import normalize

    lines = _lines(normalize(text))
    kinds = line_layouts(lines)
    starts = [ln.start for ln in lines]
    tally = Tally()
    status_at = {f.start: f.status for f in figures}
    for f in figures:
        if f.status == "reference":
            continue
        tally.figures[f.status] += 1
        layout = _layout_of(starts, kinds, f.start)
        cov.layouts.setdefault(layout, Tally()).figures[f.status] += 1
    for rel in find_relations(text):
        figs = rel.figures() if rel.kind != "count" else (rel.anchor,)
        ok = all(status_at.get(g.start) in ("verified", "mismatch") for g in figs)
        tally.relations += 1
        tally.covered += ok
        per = cov.layouts.setdefault(rel.layout, Tally())
        per.relations += 1
        per.covered += ok
        if not ok:
            shown = " ".join(
                f"{text[g.start : g.uend]}[{status_at.get(g.start, '-')}]" for g in figs
            )
            cov.missed.append(f"{name}:{rel.kind}/{rel.layout}: {shown}")
    cov.reports[name] = tally
    return tally


def mutant_coverage(text: str, name: str, cov: Coverage, *, seed: int = 0, limit: int = 40) -> None:
    """Plant one typo in each of (at most `limit`) brute-force relations, as the mutation eval
    does, and count the relations whose figures the mutated report's ledger marks verified or
    mismatch, and the mutated figures marked mismatch."""
    import random

    from reviewer.document import Document
    from reviewer.evals.mutate import apply, plant, select

    key = Path(name).name  # the same mutants wherever the report sits
    rng = random.Random(f"{seed}:{key}:ledger")
    for rel in select(find_relations(text), limit, rng):
        got = plant(text, rel, random.Random(f"{seed}:{key}:{rel.kind}:{rel.anchor.start}"))
        if got is None:
            continue
        fig, m = got
        figures = check(Document(text=apply(text, m), path=name)).figures or []
        status_at = {f.start: f.status for f in figures}
        figs = rel.figures() if rel.kind != "count" else (rel.anchor,)
        cov.planted += 1
        cov.planted_covered += all(status_at.get(g.start) in ("verified", "mismatch") for g in figs)
        cov.planted_flagged += status_at.get(fig.start) == "mismatch"


def measure(paths: Iterable[Path], *, mutants: bool = True, seed: int = 0) -> Coverage:
    """Check each report and measure its ledger's coverage (and, with `mutants`, the ledger of
    each report with one typo planted in each brute-force relation)."""
    cov = Coverage()
    for path in paths:
        doc = load(path)
        result = check(doc)
        report_coverage(doc.text, result.figures or [], cov, str(path))
        if mutants:
            mutant_coverage(doc.text, str(path), cov, seed=seed)
    for layout in LAYOUTS:
        cov.layouts.setdefault(layout, Tally())
    return cov


def _pct(v: float | None) -> str:
    return "—" if v is None else f"{v * 100:.1f}%"


def coverage_rows(cov: Coverage) -> list[tuple[str, Tally]]:
    """(name, tally) for the whole run, each layout, then each report."""
    rows: list[tuple[str, Tally]] = [("all", cov.overall())]
    rows += [(f"layout {k}", v) for k, v in cov.layouts.items()]
    rows += [(Path(k).name, v) for k, v in cov.reports.items()]
    return rows


def print_coverage(cov: Coverage, console: Any, *, missed: bool = False) -> None:
    """The coverage table (rich): figures by status, brute-force relations covered."""
    from rich.markup import escape
    from rich.table import Table

    t = Table(
        title=f"ledger coverage ({len(cov.reports)} reports): share of figures by status; "
        "brute-force relations whose figures are all verified or mismatch",
        title_justify="left",
    )
    for col in ("report / layout", "figures", "verified", "mismatch", "unverifiable"):
        t.add_column(col, justify="left" if col == "report / layout" else "right")
    t.add_column("relations", justify="right")
    t.add_column("covered", justify="right")
    for i, (name, tally) in enumerate(coverage_rows(cov)):
        if i in (1, 1 + len(cov.layouts)):
            t.add_section()
        s = tally.shares()
        t.add_row(
            escape(name), str(sum(tally.figures.values())), _pct(s["verified"]),
            _pct(s["mismatch"]), _pct(s["unverifiable"]), str(tally.relations),
            _pct(s["relations_covered"]), style="bold" if i == 0 else None,
        )  # fmt: skip
    console.print(t)
    if cov.planted:
        console.print(
            f"mutants: {cov.planted} relations broken by one planted typo; all figures verified "
            f"or mismatch in {_pct(cov.planted_covered / cov.planted)}, the mutated figure "
            f"marked mismatch in {_pct(cov.planted_flagged / cov.planted)}"
        )
    if missed:
        for m in cov.missed:
            console.print(f"not covered: {escape(m)}")
