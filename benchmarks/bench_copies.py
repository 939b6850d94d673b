"""Time the copy pass (Q050, `reviewer.copies`) over synthetic batches of 250, 500 and 1,000
reports and show that it is linear in the batch size.

    python benchmarks/bench_copies.py [--sizes 250,500,1000] [--seed 7]

Each synthetic report is a sample report (`fixtures/reports/*.txt`, in turn) under a unit name
of its own, with every clause of every paragraph made unique (one random character inserted),
so that, as in a real review season, units do not share their prose. Then every tenth report
pastes two of its predecessor's paragraphs verbatim over two of its own: the planted copies.
What is timed is the whole pass as the batch runs it: each report's paragraphs read
(`fingerprint`, sections included) and the batch compared (`find_copies`); reviewing the
reports is not. Times are CPU seconds of this process (`time.process_time`, best of `--repeat`
runs), so that other jobs on a shared machine do not inflate them. Printed: seconds,
microseconds per report, and the planted copies found (each planted pair should be reported in
both reports, and nothing else).
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

from reviewer.document import Document
from reviewer.regex import lazy

ROOT = Path(__file__).resolve().parent.parent
REPORTS = sorted((ROOT / "fixtures" / "reports").glob("*.txt"))
POOL = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主"
    "发年动同工也能下过子说产种面而方后多定行学法所民得经"
)
_CLAUSE = lazy(r"[^，。；：！？、,.;:!?（）()“”\"'‘’《》【】\[\]]+")  # the pass's clauses


def _unique(line: str, rng: random.Random) -> str:
    def one(m: object) -> str:
        text: str = m.group(0)  # type: ignore[attr-defined]
        k = rng.randrange(len(text) + 1)
        return text[:k] + rng.choice(POOL) + rng.choice(POOL) + text[k:]

    return _CLAUSE.sub(one, line)


def synthetic(n: int, seed: int) -> tuple[list[tuple[str, str, str]], int]:
    """(name, unit, text) of `n` reports, and the number of planted copied paragraphs."""
    from reviewer.report_meta import report_meta

    rng = random.Random(seed)
    samples = []
    for p in REPORTS:
        text = p.read_text(encoding="utf-8")
        unit = report_meta(Document(text=text)).get("unit") or "某单位"
        samples.append((text, str(unit)))
    reports: list[tuple[str, str, list[str]]] = []
    planted = 0
    for i in range(n):
        text, unit = samples[i % len(samples)]
        mine = f"第{i}号县{rng.choice('水利林业交通教育卫生民政')}局"
        lines = [
            ln if ln.count("|") >= 2 or len(ln) < 20 else _unique(ln, rng)
            for ln in text.replace(unit, mine).splitlines()
        ]
        if i % 10 == 9:
            prev = reports[-1][2]
            theirs = [k for k, ln in enumerate(prev) if len(ln) >= 60 and ln.count("|") < 2]
            ours = [k for k, ln in enumerate(lines) if len(ln) >= 60 and ln.count("|") < 2]
            for src, dst in zip(rng.sample(theirs, 2), rng.sample(ours, 2), strict=True):
                lines[dst] = prev[src]
                planted += 1
        reports.append((f"r{i:04d}.txt", mine, lines))
    return [(name, unit, "\n".join(lines) + "\n") for name, unit, lines in reports], planted


def run(n: int, seed: int, repeat: int) -> tuple[float, float, int, int]:
    """Best of `repeat` (a shared machine's slow spells only ever add time): seconds reading
    the paragraphs, seconds comparing the batch, planted, reported."""
    from reviewer.copies import find_copies, fingerprint

    batch, planted = synthetic(n, seed)
    best_read = best_compare = float("inf")
    reported = 0
    for _ in range(repeat):
        docs = [(Document(text=text, path=name), unit) for name, unit, text in batch]
        start = time.process_time()
        prints = [fingerprint(doc, unit) for doc, unit in docs]
        middle = time.process_time()
        found = find_copies(prints)
        end = time.process_time()
        best_read = min(best_read, middle - start)
        best_compare = min(best_compare, end - middle)
        reported = sum(len(c) for c in found)
    return best_read, best_compare, planted, reported


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="250,500,1000")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from reviewer.copies import fingerprint

    warmup = Document(text=REPORTS[0].read_text(encoding="utf-8"))
    fingerprint(warmup, None)  # compile the patterns outside the timing
    print(
        f"{'reports':>8} {'read s':>7} {'compare s':>9} {'total s':>8} {'us/report':>10} "
        f"{'planted':>8} {'reported':>9}"
    )
    for n in (int(s) for s in args.sizes.split(",")):
        read, compare, planted, reported = run(n, args.seed, args.repeat)
        total = read + compare
        print(
            f"{n:>8} {read:>7.2f} {compare:>9.2f} {total:>8.2f} {total / n * 1e6:>10.0f} "
            f"{planted:>8} {reported:>9}"
        )
    print("linear when us/report stays flat as the batch grows (best of --repeat runs)")


if __name__ == "__main__":
    main()
