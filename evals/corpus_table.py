"""Recall of the rules on the real-report corpus, by layout and by gold source (the README table).

    python evals/corpus_table.py            # markdown table on stdout

A gold item's layout is read from the line its quote sits on: a line holding `|` is `pipe`; a
sentence (it has 。，；, or is long prose) is `prose`; otherwise the item sits in the report's table
part and takes the report's table layout (`run_together` or `cell_per_line`, as its case says).
Counts are TP / gold items; precision is over every finding the matching policy judges
(src/reviewer/evals/matching.py). Each held-out set keeps a row of its own: `holdout` (tuned on
since 2026-12-02), `holdout2` (collected with its gold committed before the tool first ran on it,
tuned on since its misses were fixed the same day), `holdout3` (collected the same way, tuned
on since its misses were fixed on branch causes3; fixtures/corpus/README.md and NOTES-holdout3.md
say what was changed after its first run) and `holdout4` (collected while holdout3 was being tuned
on, gold committed before any tool run; tuned on since its misses were fixed on branch causes4:
NOTES-holdout4.md gives its first run and the figures after) and `holdout5` (collected after
holdout4 was tuned on, gold committed before any tool run; tuned on since its misses were fixed on
branch holdout5: NOTES-holdout5.md gives its first run and the figures after). `holdout6` (20
reports collected while holdout5 was being tuned on, gold committed before any tool run; tuned on
since its causes were fixed on branch causes6: NOTES-holdout6.md). `holdout7` (20 reports
collected while every other set, holdout6 included, was being tuned on; gold committed before any
tool run; tuned on since its arithmetic/target causes were fixed on branch causes7:
NOTES-holdout7.md gives its first run and the figures after). `holdout8` and `holdout9` (collected
while holdout7 was being tuned on, gold committed before any tool run: NOTES-holdout8.md and
NOTES-holdout9.md); holdout8 is tuned on since its first run (branches arith8, cells8, qual8 on
2026-12-02, the fifth session), holdout9 since the sixth session (branches arith10 and qual10 fixed
its misses in general after its first run). `holdout10` (19 reports collected on 2026-12-03, the
sixth session, gold committed before any tool run: NOTES-holdout10.md) had its first run at main
73c5650; its findings were worked on after that run (branches num10, fp10), so its row is tuned on.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from reviewer.evals.cases import Case, GoldItem, load_suite
from reviewer.evals.runner import run_suite

SUITE = Path(__file__).resolve().parent / "corpus.yaml"
LAYOUTS = ("prose", "pipe", "cell_per_line", "run_together")
SOURCES = ("arithmetic", "target", "quality")
PARTS = (
    ("tuned", "tuned on"),
    ("holdout", "holdout (tuned on since)"),
    ("holdout2", "holdout2 (tuned on since)"),
    ("holdout3", "holdout3 (tuned on since)"),
    ("holdout4", "holdout4 (tuned on since)"),
    ("holdout5", "holdout5 (tuned on since)"),
    ("holdout6", "holdout6 (tuned on since)"),
    ("holdout7", "holdout7 (tuned on since)"),
    ("holdout8", "holdout8 (tuned on since)"),
    ("holdout9", "holdout9 (tuned on since)"),
    ("holdout10", "holdout10 (tuned on since its first run: 1/7, 0/2, 6/41)"),
)


def part_of(case: Case) -> str:
    """Which part of the corpus a case belongs to: the held-out sets by tag, else `tuned`."""
    return next((p for p, _ in reversed(PARTS) if p in case.tags), "tuned")


def item_layout(case: Case, item: GoldItem) -> str:
    text = case.text
    at = text.find(item.quote)
    if item.scope == "document" or at < 0:
        return "prose"
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    line = text[start : end if end >= 0 else len(text)]
    if "|" in line:
        return "pipe"
    tables = [lay for lay in case.layouts if lay in ("run_together", "cell_per_line")]
    if not tables or any(p in line for p in "。，；") or len(line) > 80:
        return "prose"
    return tables[0]


def main() -> int:
    suite = load_suite(SUITE)
    results = run_suite(suite, systems=["rules"])
    found: Counter[tuple[str, str]] = Counter()
    total: Counter[tuple[str, str]] = Counter()
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    for case in results.cases:
        part = part_of(case)
        sc = results.scores[case.id]["rules"]
        tp[part] += sum(1 for o in sc.outcomes if o.verdict == "tp")
        fp[part] += sum(1 for o in sc.outcomes if o.verdict == "fp")
        for key, item in sc.gold.items():
            for lay in (item_layout(case, item), part):
                total[(lay, item.source)] += 1
                found[(lay, item.source)] += bool(sc.gold_hits[key])

    def fmt(layouts: tuple[str, ...], source: str) -> str:
        n = sum(total[(lay, source)] for lay in layouts)
        k = sum(found[(lay, source)] for lay in layouts)
        return f"{k}/{n} ({k / n:.0%})" if n else "–"

    n_part = Counter(part_of(c) for c in results.cases)
    held = ", ".join(f"{n_part[p]} {p}" for p, _ in PARTS[1:])
    print(f"Corpus: {len(results.cases)} reports ({held})")
    for part, _ in PARTS:
        print(f"rules precision, {part}: {tp[part]}/{tp[part] + fp[part]}")
    print()
    print("| layout | " + " | ".join(SOURCES) + " |")
    print("|---|" + "---|" * len(SOURCES))
    for lay in LAYOUTS:
        print(f"| {lay} | " + " | ".join(fmt((lay,), s) for s in SOURCES) + " |")
    print("| **all** | " + " | ".join(fmt(LAYOUTS, s) for s in SOURCES) + " |")
    for part, label in PARTS:
        cells = " | ".join(fmt((part,), s) for s in SOURCES)
        print(f"| {label} ({n_part[part]}) | {cells} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
