"""Mutation eval over the whole corpus: `python evals/mutate_corpus.py [DIR_OR_GLOB ...]`.

Default inputs: `fixtures/reports/*.txt` (the samples) and `fixtures/corpus/reports/*.txt` (the
real reports), each scored as its own group and then together. Prints the recall tables (relation
type × layout), the missed mutations and the error findings on the unmutated reports, and writes
everything as JSON (`-o`, default `mutate-results.json`). Offline and seeded: the same seed gives
the same mutations. See `src/reviewer/evals/mutate.py` for what counts as detected.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from rich.console import Console

from reviewer.evals.mutate import report_paths, run_mutations
from reviewer.evals.mutate_render import print_mutation

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_GROUPS = {
    "samples": str(ROOT / "fixtures/reports/*.txt"),
    "corpus": str(ROOT / "fixtures/corpus/reports/*.txt"),
}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("inputs", nargs="*", help="report files, folders or globs (one group each)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--max-per-report", type=int, default=40)
    ap.add_argument("--no-docx", action="store_true", help="skip the .docx rebuild")
    ap.add_argument("--target", choices=("anchor", "part"), default="anchor")
    ap.add_argument("-o", "--output", type=Path, default=Path("mutate-results.json"))
    args = ap.parse_args(argv)

    groups = {p: p for p in args.inputs} if args.inputs else DEFAULT_GROUPS
    console = Console()
    out: dict[str, object] = {}
    every: list[Path] = []
    for name, pattern in groups.items():
        try:
            files = report_paths([pattern])
        except ValueError as exc:
            console.print(f"[dim]{name}: {exc}[/dim]")
            continue
        every.extend(files)
        t0 = time.perf_counter()
        res = run_mutations(
            files,
            seed=args.seed,
            max_per_report=args.max_per_report,
            docx=not args.no_docx,
            target=args.target,
        )
        console.rule(f"{name}: {len(files)} reports ({time.perf_counter() - t0:.1f} s)")
        print_mutation(res, console)
        out[name] = res.as_dict()
    if len(out) > 1:
        res = run_mutations(
            every,
            seed=args.seed,
            max_per_report=args.max_per_report,
            docx=not args.no_docx,
            target=args.target,
        )
        console.rule(f"all: {len(every)} reports")
        print_mutation(res, console, missed=False, errors=False)
        out["all"] = res.as_dict()
    args.output.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    console.print(f"results written to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
