"""Counts and metrics (precision, recall, F1), grouped per kind, per report and per gold source."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from typing import Any

from reviewer.evals.matching import Score


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    unmatched: int = 0
    duplicates: int = 0

    def __iadd__(self, other: Counts) -> Counts:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.unmatched += other.unmatched
        self.duplicates += other.duplicates
        return self

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    def metric(self, name: str) -> float | None:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1}[name]

    def to_json(self) -> dict[str, Any]:
        return {
            **asdict(self),
            "precision": _round(self.precision),
            "recall": _round(self.recall),
            "f1": _round(self.f1),
        }


def _round(v: float | None) -> float | None:
    return None if v is None else round(v, 4)


KindSource = Callable[[str], str]


def group(
    scores: Iterable[Score],
    by: str,
    kind_source: dict[str, str] | None = None,
    gold_sources: set[str] | None = None,
) -> dict[str, Counts]:
    """Counts grouped `by` "kind", "report", "source" (gold source) or "total".

    With `gold_sources`, only gold items of those sources count, and only FP whose kind belongs
    to one of them (via `kind_source`, the gold vocabulary's kind -> source).
    """
    kind_source = kind_source or {}
    out: dict[str, Counts] = {}

    def bucket(key: str) -> Counts:
        return out.setdefault(key, Counts())

    for sc in scores:
        for gkey, item in sc.gold.items():
            if gold_sources is not None and item.source not in gold_sources:
                continue
            name = {"kind": item.kind, "report": sc.case_id, "source": item.source}.get(by, "total")
            c = bucket(name)
            if sc.gold_hits[gkey]:
                c.tp += 1
            else:
                c.fn += 1
        for o in sc.outcomes:
            if o.verdict == "tp":
                continue
            src = kind_source.get(o.finding.kind, "other")
            if gold_sources is not None:
                if o.verdict == "unmatched" or src not in gold_sources:
                    continue
                if (
                    o.verdict == "duplicate"
                    and o.gold
                    and sc.gold[o.gold].source not in gold_sources
                ):
                    continue
            if o.verdict == "duplicate" and o.gold:
                src = sc.gold[o.gold].source
            name = {"kind": o.finding.kind, "report": sc.case_id, "source": src}.get(by, "total")
            c = bucket(name)
            if o.verdict == "fp":
                c.fp += 1
            elif o.verdict == "unmatched":
                c.unmatched += 1
            elif o.verdict == "duplicate":
                c.duplicates += 1
    return dict(sorted(out.items()))


def total(scores: Iterable[Score], **kw: Any) -> Counts:
    return group(scores, "total", **kw).get("total", Counts())
