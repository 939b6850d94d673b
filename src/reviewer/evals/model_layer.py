"""What the LLM layer adds, per case and overall (`reviewer eval` prints it, results JSON keeps
it under `model_layer`):

* rewrites of vague targets: proposed by the rules (and how many of those are measurable
  as they stand), answered by the model, accepted by Python's check;
* semantic precision / recall of the `llm` system on the semantic gold kinds
  (contradictions, unsupported claims, double counting, goals copying duties);
* gold items the `llm` system found that the rules missed;
* cost: tokens per report character (prompt + completion, all calls), calls, cut-offs.
"""

from __future__ import annotations

from typing import Any

from reviewer.evals.metrics import Counts

SEMANTIC_KINDS = ("contradiction", "unsupported_claim", "double_count", "missing_goals")


def _rules_rewrites(findings: list[Any]) -> tuple[int, int]:
    recs = [r for f in findings if f.code == "Q001" for r in (f.data.get("rewrites") or [])]
    return len(recs), sum(1 for r in recs if r.get("measurable"))


def _semantic(score: Any) -> Counts:
    c = Counts()
    for key, g in score.gold.items():
        if g.kind not in SEMANTIC_KINDS:
            continue
        if score.gold_hits[key]:
            c.tp += 1
        else:
            c.fn += 1
    for o in score.outcomes:
        if o.finding.kind in SEMANTIC_KINDS and o.verdict == "fp":
            c.fp += 1
    return c


def summary(res: Any) -> dict[str, Any]:
    """Per case and overall figures of the LLM layer (empty when `llm` did not run)."""
    cases: dict[str, Any] = {}
    total: dict[str, Any] = {
        "rules_proposed": 0,
        "rules_measurable": 0,
        "model_answers": 0,
        "model_accepted": 0,
        "tokens": 0,
        "chars": 0,
        "calls": 0,
        "cutoffs": 0,
        "beyond_rules": [],
    }
    sem = Counts()
    for case in res.cases:
        per = res.outputs.get(case.id, {})
        llm = per.get("llm")
        if llm is None or llm.status != "ok":
            continue
        meta = llm.meta or {}
        budget = meta.get("budget") or {}
        rw = meta.get("rewrites") or {}
        rules_out = per.get("rules")
        proposed, measurable = _rules_rewrites(rules_out.findings if rules_out else [])
        tokens = int((meta.get("usage") or {}).get("total_tokens", 0))
        chars = int(budget.get("report_chars") or len(case.text))
        scores = res.scores.get(case.id, {})
        beyond: list[str] = []
        if "llm" in scores and "rules" in scores:
            beyond = [
                k
                for k in scores["llm"].gold
                if scores["llm"].gold_hits[k] and not scores["rules"].gold_hits.get(k)
            ]
        c = _semantic(scores["llm"]) if "llm" in scores else Counts()
        sem += c
        row = {
            "rules_proposed": proposed,
            "rules_measurable": measurable,
            "model_answers": int(rw.get("model_answers", 0)),
            "model_accepted": int(rw.get("accepted", 0)),
            "tokens": tokens,
            "chars": chars,
            "tokens_per_char": round(tokens / chars, 3) if chars else None,
            "calls": int((meta.get("usage") or {}).get("calls", 0)),
            "cutoffs": len(budget.get("cutoffs") or []),
            "semantic": c.to_json(),
            "beyond_rules": beyond,
        }
        cases[case.id] = row
        for k in ("rules_proposed", "rules_measurable", "model_answers", "model_accepted"):
            total[k] += row[k]
        for k in ("tokens", "chars", "calls", "cutoffs"):
            total[k] += row[k]
        total["beyond_rules"].extend(beyond)
    if not cases:
        return {}
    total["tokens_per_char"] = round(total["tokens"] / total["chars"], 3) if total["chars"] else 0
    total["max_tokens_per_char"] = max(
        (r["tokens_per_char"] or 0 for r in cases.values()), default=0
    )
    total["semantic"] = sem.to_json()
    return {"cases": cases, "total": total}


def print_summary(data: dict[str, Any], console: Any) -> None:
    if not data:
        return
    from rich.table import Table

    t = Table(title="llm layer: rewrites, semantic review, cost", title_justify="left")
    cols = ("case", "rules prop.", "measurable", "model ans.", "accepted", "sem P", "sem R",
            "beyond rules", "tokens", "tok/char", "calls", "cut-offs")  # fmt: skip
    for col in cols:
        t.add_column(col, justify="left" if col == "case" else "right")

    def p(v: float | None) -> str:
        return "—" if v is None else f"{v:.2f}"

    rows = [*data["cases"].items(), ("total", data["total"])]
    for i, (name, r) in enumerate(rows):
        if i == len(rows) - 1:
            t.add_section()
        t.add_row(
            name, str(r["rules_proposed"]), str(r["rules_measurable"]), str(r["model_answers"]),
            str(r["model_accepted"]), p(r["semantic"]["precision"]), p(r["semantic"]["recall"]),
            str(len(r["beyond_rules"])), str(r["tokens"]), p(r["tokens_per_char"]),
            str(r["calls"]), str(r["cutoffs"]),
        )  # fmt: skip
    console.print(t)
    beyond = data["total"]["beyond_rules"]
    if beyond:
        console.print("  gold found by llm, missed by the rules: " + ", ".join(beyond))
