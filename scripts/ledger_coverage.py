"""Print the ledger's coverage over the sample reports and the corpus (or the paths given):
the share of figures verified / mismatch / unverifiable overall, per layout and per report,
and the share of the brute-force relations whose figures are all verified (or mismatch).

    python scripts/ledger_coverage.py [PATHS...] [--missed]

(The same table as `reviewer eval --coverage fixtures/reports fixtures/corpus/reports`.)
"""

from __future__ import annotations

import sys
from pathlib import Path

from rich.console import Console

from reviewer.evals.coverage import measure, print_coverage

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> None:
    missed = "--missed" in argv
    args = [a for a in argv if a != "--missed"]
    paths = [Path(a) for a in args] or [
        *sorted((ROOT / "fixtures" / "reports").glob("*.txt")),
        *sorted((ROOT / "fixtures" / "corpus" / "reports").glob("*.txt")),
    ]
    print_coverage(measure(paths), Console(width=120), missed=missed)


if __name__ == "__main__":
    main(sys.argv[1:])
