"""Time `reviewer.check` over many reports; print reports/s and peak memory.

    python benchmarks/bench_check.py [--copies 40] [--cold-runs 5]

The sample reports are reviewed `copies` times each (fresh `Document`s, so no cache is shared),
then a cold `reviewer check` subprocess is timed `cold-runs` times.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORTS = sorted((ROOT / "fixtures" / "reports").glob("*.txt"))


def throughput(copies: int) -> tuple[float, float, float, int]:
    """Reports/s (no tracing), peak traced Python memory of one pass, and peak RSS."""
    import resource

    from reviewer.document import Document
    from reviewer.engine import check

    texts = [(p.name, p.read_text(encoding="utf-8")) for p in REPORTS]
    check(Document(text=texts[0][1]))  # import and register rules outside the timing
    start = time.perf_counter()
    n = 0
    for _ in range(copies):
        for name, text in texts:
            check(Document(text=text, path=name))
            n += 1
    elapsed = time.perf_counter() - start
    tracemalloc.start()
    for name, text in texts:
        check(Document(text=text, path=name))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return n / elapsed, peak / 2**20, rss, n


def cold(runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "reviewer", "check", str(REPORTS[-1]), "--fail-on", "none"],
            check=True,
            capture_output=True,
        )
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--copies", type=int, default=40)
    ap.add_argument("--cold-runs", type=int, default=5)
    args = ap.parse_args()
    rate, peak_mib, rss_mib, n = throughput(args.copies)
    chars = sum(len(p.read_text(encoding="utf-8")) for p in REPORTS) * args.copies
    print(
        f"warm: {n} reports, {rate:.1f} reports/s, {chars / n:.0f} chars/report avg, "
        f"peak traced memory per report {peak_mib:.1f} MiB, peak RSS {rss_mib:.0f} MiB"
    )
    times = cold(args.cold_runs)
    print(
        f"cold `python -m reviewer check` (1 report): median {statistics.median(times):.3f} s, "
        f"max {max(times):.3f} s over {len(times)} runs"
    )


if __name__ == "__main__":
    main()
