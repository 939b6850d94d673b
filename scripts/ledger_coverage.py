"""Print the ledger's coverage over the sample reports and the corpus (or the paths given):
the share of figures verified / mismatch / unverifiable overall, per layout and per report,
and the share of the brute-force relations whose figures are all verified (or mismatch).

    python scripts/ledger_coverage.py [PATHS...] [--missed]
"""

from __future__ import annotations

import sys
from pathlib import Path

from reviewer.evals.coverage import measure

ROOT = Path(__file__).resolve().parent.parent


def _pct(x: float | None) -> str:
    return "   -  " if x is None else f"{100 * x:5.1f}%"


def main(argv: list[str]) -> None:
    show_missed = "--missed" in argv
    args = [a for a in argv if a != "--missed"]
    paths = [Path(a) for a in args] or [
        *sorted((ROOT / "fixtures" / "reports").glob("*.txt")),
        *sorted((ROOT / "fixtures" / "corpus" / "reports").glob("*.txt")),
    ]
    cov = measure(paths)
    print(
        f"{'':<28}{'figures':>8}{'verified':>9}{'mismatch':>9}{'unverif.':>9}"
        f"{'rels':>6}{'covered':>9}"
    )

    def row(name: str, t: object) -> None:
        from reviewer.evals.coverage import Tally

        assert isinstance(t, Tally)
        s = t.shares()
        n = sum(t.figures.values())
        print(
            f"{name[-28:]:<28}{n:>8}{_pct(s['verified']):>9}{_pct(s['mismatch']):>9}"
            f"{_pct(s['unverifiable']):>9}{t.relations:>6}{_pct(s['relations_covered']):>9}"
        )

    row("ALL", cov.overall())
    for layout, t in cov.layouts.items():
        row(f"layout {layout}", t)
    for name, t in cov.reports.items():
        row(Path(name).name, t)
    if show_missed:
        for m in cov.missed:
            print("missed", m)


if __name__ == "__main__":
    main(sys.argv[1:])
