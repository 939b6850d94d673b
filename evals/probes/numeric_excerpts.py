"""False alarms and misses of the numeric rules on short report excerpts nobody tuned on.

    python evals/probes/numeric_excerpts.py        # false alarms by severity, misses
    python evals/probes/numeric_excerpts.py -v     # and every finding

numeric_excerpts.yaml holds excerpts that are consistent (`ok: true`) and excerpts with one
planted fault (`expect`: the codes that report it). A non-Q finding on a consistent excerpt, or
a non-Q finding outside `expect` on a faulty one, is a false alarm; a faulty excerpt with no
finding of its `expect` codes is a miss. Q findings (report quality) are not counted here.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from reviewer.engine import check

PROBES = Path(__file__).resolve().parent / "numeric_excerpts.yaml"


def run(path: Path = PROBES, verbose: bool = False) -> tuple[Counter[str], list[str], int, int]:
    """(false alarms per severity, ids missed, excerpts ok, excerpts faulty)."""
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    alarms: Counter[str] = Counter()
    missed: list[str] = []
    n_ok = n_bad = 0
    for ex in data["excerpts"]:
        findings = [f for f in check(_doc(ex["text"])).findings if not f.code.startswith("Q")]
        expect = set(ex.get("expect") or [])
        if ex["ok"]:
            n_ok += 1
        else:
            n_bad += 1
            if not any(f.code in expect for f in findings):
                missed.append(ex["id"])
                print(f"MISS  {ex['id']}")
        for f in findings:
            if f.code in expect:
                if verbose:
                    print(f"  hit {ex['id']} {f.code}: {f.message}")
                continue
            sev = str(getattr(f.severity, "value", f.severity))
            alarms[sev] += 1
            print(f"ALARM {ex['id']} {f.code} {sev}: {f.message}")
    return alarms, missed, n_ok, n_bad


def _doc(text: str) -> Any:
    from reviewer.document import Document

    return Document(text=text)  # type: ignore[call-arg]


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv if not a.startswith("-")]
    alarms, missed, n_ok, n_bad = run(paths[0] if paths else PROBES, "-v" in argv)
    total = sum(alarms.values())
    by_sev = ", ".join(f"{k} {v}" for k, v in sorted(alarms.items())) or "none"
    print(f"excerpts: {n_ok} ok, {n_bad} faulty")
    print(f"false alarms: {total} ({by_sev})")
    print(f"misses: {len(missed)}/{n_bad}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
