"""Speed of reading scanned reports: pages per second and CPU seconds per page.

    python benchmarks/bench_ocr.py [--copies 2] [--jobs 1 2]

Needs the OCR extra (`pip install ".[ocr]"`). Two measurements:

1. In this process, page by page over the committed scans (`tests/data/scans/*.pdf`, `*.png`):
   CPU seconds (`time.process_time`, all threads) to render a PDF page at 200 dpi, to OCR it
   (detection, classification, recognition) and to rebuild the text, plus loading the models.
2. End to end, `reviewer check FILES --jobs N` on `copies` copies of every scan, in a new
   process per run: wall seconds and the CPU seconds of the process and its workers, from
   which pages/s and CPU-s/page (start-up and the rules included). With `--jobs 2` the two
   workers OCR a report each, onnxruntime on one thread in each; with `--jobs 1` one process
   runs onnxruntime on every core.

The machine is shared, so the CPU seconds are the figure to compare; wall time is shown too.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCANS = ROOT / "tests" / "data" / "scans"


def inputs() -> list[Path]:
    return sorted([*SCANS.glob("*.pdf"), *SCANS.glob("*.png")])


def page_counts() -> dict[Path, int]:
    import pypdfium2

    counts = {}
    for path in inputs():
        if path.suffix == ".pdf":
            pdf = pypdfium2.PdfDocument(path.read_bytes())
            counts[path] = len(pdf)
            pdf.close()
        else:
            counts[path] = 1
    return counts


def in_process() -> None:
    from reviewer.document import ocr

    cpu = time.process_time()
    ocr._engine()
    print(f"load the models: {time.process_time() - cpu:.2f} CPU-s")
    render = read = rebuild = 0.0
    pages = 0
    for path in inputs():
        data = path.read_bytes()
        cpu = time.process_time()
        if path.suffix == ".pdf":
            images = list(ocr.pdf_pages(data, str(path)))
        else:
            images = ocr.image_pages(data, str(path))
        render += time.process_time() - cpu
        cpu = time.process_time()
        lines = [ocr.recognise(image) for image in images]
        read += time.process_time() - cpu
        cpu = time.process_time()
        ocr.layout(lines)
        rebuild += time.process_time() - cpu
        pages += len(images)
    print(
        f"{pages} pages: render {render / pages:.3f}, OCR {read / pages:.2f}, "
        f"layout {rebuild / pages:.4f} CPU-s/page"
    )


def end_to_end(copies: int, jobs: int, counts: dict[Path, int]) -> None:
    script = Path(sys.executable).with_name("reviewer")
    base = [str(script)] if script.exists() else [sys.executable, "-m", "reviewer"]
    with tempfile.TemporaryDirectory() as tmp:
        pages = 0
        files = []  # named one by one: a directory walk takes no images
        for k in range(copies):
            for path, n in counts.items():
                files.append(str(Path(tmp) / f"{k}-{path.name}"))
                # a trailing comment makes each copy's bytes differ: no copy is served from the
                # in-process cache of scans already read
                Path(files[-1]).write_bytes(path.read_bytes() + f"\n% copy {k}\n".encode())
                pages += n
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(
            [*base, "check", *files, "--jobs", str(jobs), "-f", "jsonl", "--fail-on", "none"],
            check=True,
            stdout=subprocess.DEVNULL,
            env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        )
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    print(
        f"--jobs {jobs}: {pages} pages in {wall:.1f} s wall ({pages / wall:.2f} pages/s), "
        f"{cpu:.1f} CPU-s ({cpu / pages:.2f} CPU-s/page)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=2, help="copies of each scan (default 2)")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--skip-in-process", action="store_true")
    args = parser.parse_args()
    from reviewer.document import ocr

    if not ocr.available():
        sys.exit('the OCR extra is not installed: pip install ".[ocr]"')
    print(f"{os.cpu_count()} cores; scans: {', '.join(p.name for p in inputs())}")
    if not args.skip_in_process:
        in_process()
    counts = page_counts()
    for jobs in args.jobs:
        end_to_end(args.copies, jobs, counts)


if __name__ == "__main__":
    main()
