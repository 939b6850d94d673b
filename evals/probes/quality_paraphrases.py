"""Recall and false alarms of the report-quality rules on paraphrase probes.

    python evals/probes/quality_paraphrases.py            # one row per defect class
    python evals/probes/quality_paraphrases.py -v         # and every probe missed or alarmed
    python evals/probes/quality_paraphrases.py evals/probes/quality_paraphrases_holdout.yaml

quality_paraphrases.yaml holds, per defect class, short texts a reviewer would flag (positives)
and near misses that are fine (negatives), each placed in a frame (a short report around it). A
positive is caught when a rule finding of one of the class's kinds starts inside the probe's own
text; a negative is a false alarm when one does. Findings on the frame are not counted.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from reviewer.document import Document
from reviewer.engine import run_checks

PROBES = Path(__file__).resolve().parent / "quality_paraphrases.yaml"


class Probe(NamedTuple):
    cls: str
    positive: bool
    index: int
    body: str
    text: str
    start: int
    end: int
    kinds: tuple[str, ...]


def load(path: Path = PROBES) -> list[Probe]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    frames: dict[str, str] = data["frames"]
    out: list[Probe] = []
    for name, spec in data["classes"].items():
        frame = frames[spec.get("frame", "plain")]
        head, tail = frame.split("{body}")
        for sign in ("positive", "negative"):
            for i, body in enumerate(spec.get(sign) or []):
                out.append(
                    Probe(
                        name,
                        sign == "positive",
                        i,
                        body,
                        head + body + tail,
                        len(head),
                        len(head) + len(body),
                        tuple(spec["kinds"]),
                    )
                )
    return out


def hits(probe: Probe) -> list[str]:
    """The codes of the findings of the probe's kinds that start inside its own text."""
    found = run_checks(Document(text=probe.text), lang="zh")  # type: ignore[arg-type]
    out = []
    for f in found:
        if f.kind not in probe.kinds or not f.spans:
            continue
        if probe.start <= f.spans[0].start < probe.end:
            out.append(f.code)
    return out


def score(probes: list[Probe]) -> dict[str, dict[str, Any]]:
    table: dict[str, dict[str, Any]] = {}
    for p in probes:
        row = table.setdefault(
            p.cls, {"tp": 0, "pos": 0, "fa": 0, "neg": 0, "missed": [], "alarms": []}
        )
        codes = hits(p)
        if p.positive:
            row["pos"] += 1
            if codes:
                row["tp"] += 1
            else:
                row["missed"].append((p.index, p.body))
        else:
            row["neg"] += 1
            if codes:
                row["fa"] += 1
                row["alarms"].append((p.index, p.body, codes))
    return table


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    paths = [Path(a) for a in argv if not a.startswith("-")]
    table = score(load(paths[0] if paths else PROBES))
    print("| class | recall | false alarms |")
    print("|---|---|---|")
    tp = pos = fa = neg = 0
    for cls, r in table.items():
        print(f"| {cls} | {r['tp']}/{r['pos']} | {r['fa']}/{r['neg']} |")
        tp, pos, fa, neg = tp + r["tp"], pos + r["pos"], fa + r["fa"], neg + r["neg"]
    print(f"| **all** | {tp}/{pos} ({tp / pos:.0%}) | {fa}/{neg} |")
    if verbose:
        for cls, r in table.items():
            for i, body in r["missed"]:
                print(f"MISS {cls}+{i}: {body!r}")
            for i, body, codes in r["alarms"]:
                print(f"ALARM {cls}-{i} {codes}: {body!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
