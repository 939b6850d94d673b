"""Time `reviewer.check` over many reports; print reports/s and peak memory; time cold starts.

    python benchmarks/bench_check.py [--copies 40] [--cold-runs 15] [--also old=DIR/bin/reviewer]

The sample reports are reviewed `copies` times each (fresh `Document`s, so no cache is shared),
then a cold `reviewer check` of one report (a new process each time, through the installed
console script when there is one, else `python -m reviewer`) is timed `cold-runs` times. Each
`--also LABEL=EXECUTABLE` (another install's `reviewer` script, e.g. the previous version) is
timed in the same loop, interleaved, so that a slow spell of a loaded machine hits all alike.
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


def throughput(copies: int) -> tuple[float, float, float, float, int]:
    """Reports/s (no tracing) by the wall clock and per CPU second (what a loaded machine
    does not distort), the largest peak traced Python memory of one report, peak RSS."""
    import resource

    from reviewer.document import Document
    from reviewer.engine import check

    texts = [(p.name, p.read_text(encoding="utf-8")) for p in REPORTS]
    check(Document(text=texts[0][1]))  # import and register rules outside the timing
    start, cpu = time.perf_counter(), time.process_time()
    n = 0
    for _ in range(copies):
        for name, text in texts:
            check(Document(text=text, path=name))
            n += 1
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    peak = 0  # the largest peak of one report (traced alone: a pass's peak adds the reports)
    for name, text in texts:
        tracemalloc.start()
        check(Document(text=text, path=name))
        peak = max(peak, tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return n / elapsed, n / cpu, peak / 2**20, rss, n


def _command() -> list[str]:
    script = Path(sys.executable).with_name("reviewer")
    base = [str(script)] if script.exists() else [sys.executable, "-m", "reviewer"]
    return [*base, "check", str(REPORTS[-1]), "--fail-on", "none"]


def cold(runs: int, commands: dict[str, list[str]]) -> dict[str, list[float]]:
    """Wall times of a new `reviewer check` process for each command, interleaved."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for run in commands.values():  # warm the file system cache once
        subprocess.run(run, check=True, capture_output=True)
    for _ in range(runs):
        for name, run in commands.items():
            start = time.perf_counter()
            subprocess.run(run, check=True, capture_output=True)
            times[name].append(time.perf_counter() - start)
    return times


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--copies", type=int, default=40)
    ap.add_argument("--cold-runs", type=int, default=15)
    ap.add_argument(
        "--also",
        action="append",
        default=[],
        metavar="LABEL=EXECUTABLE",
        help="Another `reviewer` executable to time in the same loop (e.g. the previous version).",
    )
    args = ap.parse_args()
    rate, cpu_rate, peak_mib, rss_mib, n = throughput(args.copies)
    chars = sum(len(p.read_text(encoding="utf-8")) for p in REPORTS) * args.copies
    print(
        f"warm: {n} reports, {rate:.1f} reports/s ({cpu_rate:.1f} per CPU second), "
        f"{chars / n:.0f} chars/report avg, "
        f"peak traced memory per report {peak_mib:.1f} MiB, peak RSS {rss_mib:.0f} MiB"
    )
    if args.cold_runs < 1:
        return
    shown = " ".join(Path(a).name for a in _command()[:3])
    print(f"cold `{shown}` (1 report, a new process each run):")
    commands = {"this": _command()}
    for item in args.also:
        label, _, exe = item.partition("=")
        commands[label] = [exe, *_command()[-4:]]
    for name, times in cold(args.cold_runs, commands).items():
        ordered = sorted(times)
        p90 = ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]
        print(
            f"  {name:<9}  median {statistics.median(ordered):.3f} s, p90 {p90:.3f} s, "
            f"min {ordered[0]:.3f} s over {len(ordered)} runs"
        )


if __name__ == "__main__":
    main()
