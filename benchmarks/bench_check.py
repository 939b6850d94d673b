"""Time `reviewer.check` over many reports; print reports/s and peak memory; time cold starts.

    python benchmarks/bench_check.py [--copies 40] [--cold-runs 15] [--also old=DIR/bin/reviewer]
                                     [--batch 56] [--batch-runs 1]

The sample reports are reviewed `copies` times each (fresh `Document`s, so no cache is shared),
then a cold `reviewer check` of one report (a new process each time, through the installed
console script when there is one, else `python -m reviewer`) is timed `cold-runs` times. Each
`--also LABEL=EXECUTABLE` (another install's `reviewer` script, e.g. the previous version) is
timed in the same loop, interleaved, so that a slow spell of a loaded machine hits all alike.
`--batch N` then times `reviewer check DIR -f json` over a folder of N copies of the first 9
sample reports (N = 56: 504 reports, the README's batch), by the wall clock and in CPU seconds
(the batch process and its workers: what a machine shared with other jobs does not distort).
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORTS = sorted((ROOT / "fixtures" / "reports").glob("*.txt"))


def throughput(copies: int) -> tuple[float, float, float, float, int]:
    """Reports/s (no tracing) by the wall clock and per CPU second (what a loaded machine
    does not distort), the largest peak traced Python memory of one report, peak RSS."""
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


def batch(copies: int, runs: int) -> None:
    """Wall and CPU seconds of `reviewer check DIR -f json` over copies × the first 9 reports."""
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(copies):
            for p in REPORTS[:9]:
                shutil.copy(p, Path(tmp) / f"{k:03d}-{p.name}")
        n = copies * len(REPORTS[:9])
        run = [*_command()[:-4], "check", tmp, "-f", "json", "--fail-on", "none"]
        for _ in range(runs):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(run, check=True, stdout=subprocess.DEVNULL)
            wall = time.perf_counter() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            print(
                f"batch: {n} reports, {wall:.2f} s wall ({n / wall:.1f} reports/s), "
                f"{cpu:.2f} CPU s ({n / cpu:.1f} reports per CPU second)",
                flush=True,
            )


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
    ap.add_argument("--batch", type=int, default=0, metavar="N", help="N × 9 reports, one run")
    ap.add_argument("--batch-runs", type=int, default=1)
    args = ap.parse_args()
    if args.batch:
        batch(args.batch, args.batch_runs)
        if args.copies < 1:
            return
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
