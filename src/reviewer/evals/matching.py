"""Match one system's findings for one report to the case's gold items.

Policy (the same for every system, stated once here):

* A finding **matches** a gold item when the kinds are equal and one of the finding's spans
  overlaps an occurrence of the gold quote. A `scope: document` gold item (something missing from
  the report) is matched by a finding of its kind anywhere in the report.
* When a finding could match several gold items, it goes to one not matched yet, preferring an
  item whose quote its *first* span (the claim) overlaps over one only its evidence overlaps.
* **TP** counts gold items matched by at least one finding; **FN** counts gold items no finding
  matched. Several findings on one gold item count once (the extras are `duplicates`, not FP).
* A finding of a gold item's kind whose claim text is named in that item's `detail` ("likewise
  保障机关顺利开展——顺利开展") is another instance the annotator listed there: a `duplicate` of
  that item, not an FP.
* A finding that matches no gold item is a **false positive (FP)** when either
    - its kind is in the suite's gold vocabulary (some case has a gold item of that kind): the
      annotators looked for that kind in every report, so one they did not list is a false alarm;
      or
    - it is an `error` whose first span overlaps a claim listed as correct in the case (a wrong
      "wrong"), whatever its kind.
* Otherwise it is **unmatched**: its kind has no gold item anywhere, so the gold, which is a floor
  and not exhaustive, says nothing about it. Unmatched findings are reported separately for a
  person to read; they do not lower precision. Adding the kind to the gold turns them into TP or
  FP from then on.

Precision = TP / (TP + FP), recall = TP / (TP + FN), F1 their harmonic mean (promptfoo and
inspect_ai report the same counts; we keep the unmatched count next to them).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from reviewer.evals.cases import Case, GoldItem
from reviewer.models import Finding


def quote_ranges(text: str, quote: str) -> list[tuple[int, int]]:
    """Every occurrence of `quote` in `text` as [start, end) offsets."""
    out, i = [], text.find(quote)
    while i >= 0:
        out.append((i, i + len(quote)))
        i = text.find(quote, i + 1)
    return out


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def matches(item: GoldItem, text: str, finding: Finding) -> bool:
    if finding.kind != item.kind:
        return False
    if item.scope == "document":
        return True
    ranges = quote_ranges(text, item.quote)
    return any(overlaps((s.start, s.end), r) for s in finding.spans for r in ranges)


def claim_matches(item: GoldItem, text: str, finding: Finding) -> bool:
    """Does the finding's first span (the claim judged wrong) overlap the gold quote?"""
    if item.scope == "document" or not finding.spans:
        return False
    first = (finding.spans[0].start, finding.spans[0].end)
    return any(overlaps(first, r) for r in quote_ranges(text, item.quote))


def named_in_detail(item: GoldItem, finding: Finding) -> bool:
    """Is the finding's claim one of the further instances the gold item's detail names?"""
    if finding.kind != item.kind or not finding.spans or not item.detail:
        return False
    claim = "".join(finding.spans[0].text.split())
    return len(claim) >= 4 and claim in "".join(item.detail.split())


def finding_key(case_id: str, f: Finding) -> str:
    """A finding's identity across runs: the report, kind, code and the text it points at."""
    where = f.spans[0].text[:24] if f.spans else "-"
    return f"{case_id}:{f.kind}:{f.code}:{where}"


@dataclass
class Outcome:
    """How one finding was judged."""

    finding: Finding
    verdict: str  # "tp" | "duplicate" | "fp" | "unmatched"
    gold: str | None = None  # key of the matched gold item
    reason: str = ""


@dataclass
class Score:
    case_id: str
    system: str
    gold_hits: dict[str, list[int]] = field(default_factory=dict)  # gold key -> finding indexes
    gold: dict[str, GoldItem] = field(default_factory=dict)
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def missed(self) -> list[str]:
        return [k for k, hits in self.gold_hits.items() if not hits]

    @property
    def false_alarms(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.verdict == "fp"]

    def to_json(self) -> dict[str, Any]:
        return {
            "case": self.case_id,
            "system": self.system,
            "gold": {
                k: {"kind": g.kind, "source": g.source, "matched_by": self.gold_hits[k]}
                for k, g in self.gold.items()
            },
            "findings": [
                {
                    "key": finding_key(self.case_id, o.finding),
                    "kind": o.finding.kind,
                    "verdict": o.verdict,
                    "gold": o.gold,
                    "reason": o.reason,
                }
                for o in self.outcomes
            ],
        }


def score_findings(
    case: Case,
    system: str,
    findings: Iterable[Finding],
    vocabulary: set[str],
    text: str | None = None,
) -> Score:
    """Judge `findings` of `system` on `case` against its gold (see the module docstring)."""
    text = case.text if text is None else text
    sc = Score(case.id, system)
    for g in case.gold:
        sc.gold[g.key(case.id)] = g
        sc.gold_hits[g.key(case.id)] = []
    correct = [r for c in case.correct for r in quote_ranges(text, c.quote)]
    for i, f in enumerate(findings):
        cands = [k for k, g in sc.gold.items() if matches(g, text, f)]
        # credit a gold item nobody matched yet, one whose quote the claim itself overlaps, then
        # a quoted (span) one before a document-wide one
        cands.sort(
            key=lambda k: (
                bool(sc.gold_hits[k]),
                not claim_matches(sc.gold[k], text, f),
                sc.gold[k].scope == "document",
            )
        )
        hit = cands[0] if cands else None
        if hit is not None:
            verdict = "duplicate" if sc.gold_hits[hit] else "tp"
            sc.gold_hits[hit].append(i)
            sc.outcomes.append(Outcome(f, verdict, hit))
            continue
        also = next((k for k, g in sc.gold.items() if named_in_detail(g, f)), None)
        if also is not None:
            sc.outcomes.append(Outcome(f, "duplicate", also, reason="named in the gold detail"))
            continue
        first = (f.spans[0].start, f.spans[0].end) if f.spans else None
        if f.severity.value == "error" and first and any(overlaps(first, r) for r in correct):
            sc.outcomes.append(Outcome(f, "fp", reason="error on a claim known to be correct"))
        elif f.kind in vocabulary:
            sc.outcomes.append(
                Outcome(f, "fp", reason="kind in gold vocabulary, no gold item here")
            )
        else:
            sc.outcomes.append(Outcome(f, "unmatched", reason="kind has no gold item anywhere"))
    return sc


def vocabulary(cases: Iterable[Case]) -> set[str]:
    """Every kind that has a gold item in some case."""
    return {g.kind for c in cases for g in c.gold}
