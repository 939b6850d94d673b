"""Rich tables for eval results: per gold source, per kind and per report, one set per system."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from reviewer.evals.metrics import Counts
from reviewer.evals.runner import Regression, Results

TITLES = {
    "rules": "rules (deterministic checks)",
    "llm": "llm (the LLM layer's findings)",
    "review": "review (what `reviewer review` prints: the rules and the model merged)",
    "llm_only": "llm_only (the model verifying numbers itself, verify_numbers prompt)",
}


def _pct(v: float | None) -> str:
    return "—" if v is None else f"{v:.2f}"


def counts_table(title: str, first: str, rows: dict[str, Counts], total: Counts | None) -> Table:
    t = Table(title=title, title_justify="left", show_lines=False)
    t.add_column(first)
    for name in ("TP", "FP", "FN", "unmatched", "P", "R", "F1"):
        t.add_column(name, justify="right")
    for name, c in rows.items():
        t.add_row(name, *_cells(c))
    if total is not None:
        t.add_section()
        t.add_row("total", *_cells(total), style="bold")
    return t


def _cells(c: Counts) -> list[str]:
    return [
        str(c.tp),
        str(c.fp),
        str(c.fn),
        str(c.unmatched),
        _pct(c.precision),
        _pct(c.recall),
        _pct(c.f1),
    ]


def print_results(res: Results, console: Console, *, detail: bool = True) -> None:
    for system in res.systems:
        status = res.status(system)
        head = f"[bold]{TITLES.get(system, system)}[/bold]  " + ", ".join(
            f"{k}: {v}" for k, v in sorted(status.items())
        )
        console.print(head)
        if not res.system_scores(system):
            console.print("  nothing scored\n")
            continue
        total = res.counts(system, "total").get("total", Counts())
        console.print(
            counts_table(f"{system} by gold source", "source", res.counts(system, "source"), total)
        )
        if detail:
            console.print(
                counts_table(f"{system} by kind", "kind", res.counts(system, "kind"), total)
            )
        console.print(
            counts_table(f"{system} by report", "report", res.counts(system, "report"), total)
        )
        for cid, per in res.outputs.items():
            out = per.get(system)
            if out and out.status == "error":
                console.print(f"  [red]error[/red] {cid}: {out.error}")
            elif out and out.status == "skipped":
                console.print(f"  [yellow]skipped[/yellow] {cid}: {out.error}")
        console.print()
    from reviewer.evals.model_layer import print_summary, summary

    print_summary(summary(res), console)
    rows = res.thresholds()
    if rows:
        t = Table(title="thresholds", title_justify="left")
        for col in ("system", "metric", "gold sources", "min", "value", ""):
            t.add_column(col)
        for r in rows:
            mark = "[green]ok[/green]" if r["ok"] else "[red]FAIL[/red]"
            if not r["complete"]:
                mark += " (not every case scored)"
            t.add_row(
                r["system"], r["metric"], ",".join(r["gold_sources"]), f"{r['min']:.2f}",
                _pct(r["value"]), mark,
            )  # fmt: skip
        console.print(t)


def print_unmatched(res: Results, console: Console) -> None:
    """Findings whose kind has no gold item anywhere: for a person to judge."""
    for cid, per in res.scores.items():
        for system, sc in per.items():
            for o in sc.outcomes:
                if o.verdict == "unmatched":
                    where = o.finding.spans[0].text[:30] if o.finding.spans else "-"
                    console.print(
                        f"  unmatched {system} {cid} {o.finding.code} {o.finding.kind}: {where}"
                    )


def print_regressions(regs: list[Regression], notes: list[str], console: Console) -> None:
    if not regs:
        console.print("[green]no new misses or false alarms against the baseline[/green]")
    for r in regs:
        extra = f" ({r.detail})" if r.detail else ""
        console.print(f"[red]{r.what}[/red] {r.system}: {r.key}{extra}")
    for n in notes:
        console.print(f"[dim]note: {n}[/dim]")
