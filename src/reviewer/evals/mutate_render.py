"""Rich tables for the mutation eval (`reviewer eval --mutate`)."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from reviewer.evals.mutate import MutationResult


def _pct(v: float | None) -> str:
    return "—" if v is None else f"{v * 100:.1f}%"


def recall_table(res: MutationResult) -> Table:
    t = Table(
        title=f"mutation recall ({len(res.reports)} reports, seed {res.seed}, mutating the "
        f"{res.target}, at most {res.max_per_report} per report and again per .docx rebuild)",
        title_justify="left",
    )
    for col in ("relation", "layout", "found", "planted", "detected", "recall"):
        t.add_column(col, justify="left" if col in ("relation", "layout") else "right")
    rows = res.table()
    for i, r in enumerate(rows):
        if r["kind"] == "all" and (i == 0 or rows[i - 1]["kind"] != "all"):
            t.add_section()
        t.add_row(
            r["kind"], r["layout"], str(r["found"]), str(r["planted"]), str(r["detected"]),
            _pct(r["recall"]), style="bold" if r["kind"] == "all" else None,
        )  # fmt: skip
    return t


def print_mutation(
    res: MutationResult, console: Console, *, missed: bool = True, errors: bool = True
) -> None:
    console.print(recall_table(res))
    if missed:
        gone = [p for p in res.planted() if not p.detected]
        console.print(f"\n[bold]missed mutations ({len(gone)})[/bold]")
        for p in gone:
            console.print(
                f"  {escape(p.report)} {p.kind}/{p.layout} {p.target} "
                f"{escape(p.old)}→{escape(p.new)}: …{escape(p.quote)}… "
                f"[dim]({escape(p.relation)}; "
                f"{escape(', '.join(p.near)) if p.near else 'no new finding'})[/dim]"
            )
    if errors:
        errs = [(r.path, e) for r in res.reports for e in r.errors]
        console.print(f"\n[bold]error findings on the unmutated reports ({len(errs)})[/bold]")
        for path, e in errs:
            console.print(
                f"  {escape(path)} {e['code']}: {escape(e['message'])} "
                f"[dim]«{escape(e['quote'][:60])}»[/dim]"
            )
    for r in res.reports:
        for n in r.notes:
            console.print(f"[dim]note: {escape(r.path)}: {escape(n)}[/dim]")
