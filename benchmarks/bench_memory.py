"""Memory over a large batch: peak RSS of `reviewer check` for N reports, and what each report
keeps in memory until the batch ends.

    python benchmarks/bench_memory.py [--sizes 500,2000,10000] [--jobs 0] [--retained 240]

Each size runs `reviewer check` (a new process, the installed console script when there is
one) on N files written to a temporary directory, the sample reports repeated (each copy its own
file, so each is a report of its own), text output to /dev/null. The peak RSS is the largest
of the main process and its workers (`ru_maxrss` of the children, which the batch waits for).
Memory is flat when the peak stops growing with N; the slope (KiB per report between the
smallest and largest N) is what a report costs until the end of the batch.

`--retained` then reviews that many reports in this process and measures (tracemalloc, after a
warm-up that fills the caches) what stays allocated per report as the CLI's batch keeps it: its
`ReportResult` spilled to disk (`reviewer.spill`: two ints in memory), the copy pass's (Q050)
packed paragraph fingerprints (`reviewer.copies.Collector`), and for comparison the result
held in memory as a list would.
Repeated fixtures share their wording, so the copy pass finds the same clauses again and again:
a real batch of different reports holds at least as much per report.
"""

from __future__ import annotations

import argparse
import gc
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORTS = sorted((ROOT / "fixtures" / "reports").glob("*.txt"))


def _command() -> list[str]:
    script = Path(sys.executable).with_name("reviewer")
    return [str(script)] if script.exists() else [sys.executable, "-m", "reviewer"]


def batch_peak(n: int, jobs: int, work: Path) -> tuple[float, float, float]:
    """(peak RSS MiB of the batch's processes, CPU seconds, wall seconds) for n reports."""
    texts = [p.read_text(encoding="utf-8") for p in REPORTS]
    folder = work / f"n{n}"
    folder.mkdir()
    for i in range(n):
        (folder / f"r{i:05d}-{REPORTS[i % len(REPORTS)].name}").write_text(
            texts[i % len(texts)], encoding="utf-8"
        )
    cmd = [*_command(), "check", str(folder), "--fail-on", "none"]
    cmd += ["-j", str(jobs)] if jobs > 0 else []  # default: every core from 64 reports
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    # ru_maxrss of the children is the largest of any child so far: sizes run in growing order.
    return after.ru_maxrss / 1024, cpu, wall


def retained(n: int) -> tuple[float, float, float]:
    """KiB per report kept by (spilled results, copy-pass fingerprints, results in a list),
    after a warm-up."""
    from reviewer.copies import Collector
    from reviewer.document import Document
    from reviewer.engine import review_document
    from reviewer.models import ReportResult
    from reviewer.policy import Policy
    from reviewer.spill import SpilledReports

    texts = [(p.name, p.read_text(encoding="utf-8")) for p in REPORTS]
    policy = Policy()

    def review(count: int, spilled: SpilledReports, collector: Collector) -> list[ReportResult]:
        listed = []
        for i in range(count):
            name, text = texts[i % len(texts)]
            doc = Document(text=text, path=f"{i}-{name}")
            result = review_document(doc, policy)
            collector.add(doc, result)
            spilled[i] = result
            listed.append(result)
        return listed

    review(len(texts) * 4, SpilledReports(len(texts) * 4), Collector(policy))  # warm caches
    tracemalloc.start()
    gc.collect()
    base = tracemalloc.get_traced_memory()[0]
    spilled, collector = SpilledReports(n), Collector(policy)
    listed = review(n, spilled, collector)
    gc.collect()
    everything = tracemalloc.get_traced_memory()[0]
    listed.clear()
    gc.collect()
    kept = tracemalloc.get_traced_memory()[0]
    del collector
    gc.collect()
    spilled_only = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    per = n * 1024
    return (spilled_only - base) / per, (kept - spilled_only) / per, (everything - kept) / per


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", default="500,2000,10000", help="batch sizes, comma-separated")
    ap.add_argument("--jobs", type=int, default=0, help="-j for reviewer check (0: its default)")
    ap.add_argument("--retained", type=int, default=240, help="reports for the per-report part")
    args = ap.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(",") if s)
    print(f"{'reports':>8} {'peak RSS MiB':>12} {'CPU s':>7} {'wall s':>7} {'reports/CPU s':>13}")
    sys.stdout.flush()
    peaks: list[tuple[int, float]] = []
    with tempfile.TemporaryDirectory(prefix="reviewer-mem-") as tmp:
        for n in sizes:
            peak, cpu, wall = batch_peak(n, args.jobs, Path(tmp))
            peaks.append((n, peak))
            print(f"{n:>8} {peak:>12.0f} {cpu:>7.1f} {wall:>7.1f} {n / cpu:>13.1f}", flush=True)
    if len(peaks) > 1:
        (n0, p0), (n1, p1) = peaks[0], peaks[-1]
        print(f"slope: {(p1 - p0) * 1024 / (n1 - n0):.1f} KiB per report from {n0} to {n1}")
    if args.retained:
        spilled, prints, listed = retained(args.retained)
        print(
            f"kept per report until the batch ends: results {spilled:.2f} KiB (spilled to disk; "
            f"{listed:.1f} KiB each in a list), copy-pass fingerprints {prints:.1f} KiB "
            f"(tracemalloc, {args.retained} reports)"
        )


if __name__ == "__main__":
    main()
