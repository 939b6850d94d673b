"""Time `reviewer.check` over many reports; print reports/s and peak memory; time cold starts.

    python benchmarks/bench_check.py [--copies 40] [--cold-runs 15]

The sample reports are reviewed `copies` times each (fresh `Document`s, so no cache is shared),
then a cold `reviewer check` of one report (a new process each time, through the installed
console script when there is one, else `python -m reviewer`) is timed `cold-runs` times in three
settings, interleaved so that a slow spell of the machine hits all three alike:

* `first run`: an empty pattern cache (a fresh `REVIEWER_CACHE_DIR`), as right after install;
* `cached`: the pattern cache filled by an earlier run (every later run);
* `cache off`: `REVIEWER_REGEX_CACHE=0`, every pattern compiled by `re`.
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


def _command() -> list[str]:
    script = Path(sys.executable).with_name("reviewer")
    base = [str(script)] if script.exists() else [sys.executable, "-m", "reviewer"]
    return [*base, "check", str(REPORTS[-1]), "--fail-on", "none"]


def cold(runs: int) -> dict[str, list[float]]:
    """Wall times of a new `reviewer check` process in each cache setting."""
    import os
    import tempfile

    times: dict[str, list[float]] = {"first run": [], "cached": [], "cache off": []}
    with tempfile.TemporaryDirectory() as tmp:
        filled = os.path.join(tmp, "filled")
        settings = {
            "first run": lambda i: {"REVIEWER_CACHE_DIR": os.path.join(tmp, f"empty-{i}")},
            "cached": lambda i: {"REVIEWER_CACHE_DIR": filled},
            "cache off": lambda i: {"REVIEWER_CACHE_DIR": filled, "REVIEWER_REGEX_CACHE": "0"},
        }
        run = _command()
        subprocess.run(
            run, check=True, capture_output=True, env={**os.environ, **settings["cached"](0)}
        )
        for i in range(runs):
            for name, env in settings.items():
                start = time.perf_counter()
                subprocess.run(run, check=True, capture_output=True, env={**os.environ, **env(i)})
                times[name].append(time.perf_counter() - start)
    return times


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--copies", type=int, default=40)
    ap.add_argument("--cold-runs", type=int, default=15)
    args = ap.parse_args()
    rate, peak_mib, rss_mib, n = throughput(args.copies)
    chars = sum(len(p.read_text(encoding="utf-8")) for p in REPORTS) * args.copies
    print(
        f"warm: {n} reports, {rate:.1f} reports/s, {chars / n:.0f} chars/report avg, "
        f"peak traced memory per report {peak_mib:.1f} MiB, peak RSS {rss_mib:.0f} MiB"
    )
    shown = " ".join(Path(a).name for a in _command()[:3])
    print(f"cold `{shown}` (1 report, a new process each run):")
    for name, times in cold(args.cold_runs).items():
        ordered = sorted(times)
        p90 = ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]
        print(
            f"  {name:<9}  median {statistics.median(ordered):.3f} s, p90 {p90:.3f} s, "
            f"min {ordered[0]:.3f} s over {len(ordered)} runs"
        )


if __name__ == "__main__":
    main()
