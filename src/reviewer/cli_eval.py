"""`reviewer eval`: score the rules, the LLM layer and an LLM-only baseline against the gold."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer


class RecordMode(str, Enum):
    none = "none"
    new_episodes = "new_episodes"
    all = "all"
    live = "live"


def eval_cmd(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="With --mutate: reports (files, folders, globs); default: the suite's."
        ),
    ] = None,
    suite: Annotated[
        Path, typer.Option("--suite", "-s", help="Suite definition (evals/*.yaml).")
    ] = Path("evals/default.yaml"),
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="Write the results JSON (with every output) here."),
    ] = Path("eval-results.json"),
    baseline: Annotated[
        Path | None,
        typer.Option(
            help="Compare with an earlier results file; exit 1 on a new miss or false alarm."
        ),
    ] = None,
    rescore: Annotated[
        Path | None,
        typer.Option(
            help="Recompute the metrics from the outputs saved in this results file; no calls."
        ),
    ] = None,
    system: Annotated[
        list[str] | None,
        typer.Option("--system", help="Only these systems: rules, llm, review, llm_only."),
    ] = None,
    case: Annotated[list[str] | None, typer.Option("--case", help="Only these case ids.")] = None,
    record_mode: Annotated[
        RecordMode,
        typer.Option(
            help="none replays cassettes (offline); all/new_episodes record; live: no cassette."
        ),
    ] = RecordMode.none,
    model: Annotated[str | None, typer.Option(help="Override the suite's model name.")] = None,
    base_url: Annotated[
        str | None, typer.Option(help="Override the endpoint (record/live).")
    ] = None,
    detail: Annotated[bool, typer.Option(help="Also print the per-kind tables.")] = True,
    show_unmatched: Annotated[
        bool, typer.Option(help="List findings whose kind has no gold item anywhere.")
    ] = False,
    mutate: Annotated[
        bool,
        typer.Option(
            "--mutate",
            help="Mutation eval: plant a typo in each relation the reports state, report recall.",
        ),
    ] = False,
    seed: Annotated[int, typer.Option(help="With --mutate: the random seed.")] = 0,
    max_per_report: Annotated[
        int, typer.Option(help="With --mutate: mutations per report and per text/docx run.")
    ] = 40,
    docx: Annotated[
        bool, typer.Option(help="With --mutate: also rebuild each report as a .docx.")
    ] = True,
    fmt: Annotated[
        str, typer.Option("--format", help="With --mutate: text (tables) or json (stdout).")
    ] = "text",
    target: Annotated[
        str, typer.Option(help="With --mutate: mutate the anchor (total/rate/count) or a part.")
    ] = "anchor",
    coverage: Annotated[
        bool,
        typer.Option(
            "--coverage",
            help="Ledger coverage: figures verified / mismatch / unverifiable per report and "
            "layout, and the brute-force relations whose figures the ledger verified.",
        ),
    ] = False,
) -> None:
    """Run every eval case offline (cassettes) and print TP/FP/FN, precision, recall and F1 per kind
    and per report for each source. Exit 1 when a threshold fails, a case errors, or --baseline
    finds a new miss or false alarm; 2 when the eval itself cannot run."""
    from rich.console import Console

    if mutate:
        _mutate(paths or [], suite, output, seed, max_per_report, docx, fmt, target)
        return
    if coverage:
        _coverage(paths or [], suite, output, fmt, show_unmatched)
        return
    from reviewer.evals.cases import SYSTEMS, load_suite
    from reviewer.evals.report import print_regressions, print_results, print_unmatched
    from reviewer.evals.runner import compare, model_config, run_suite
    from reviewer.evals.runner import rescore as do_rescore

    console = Console()
    err = Console(stderr=True)
    try:
        s = load_suite(suite)
    except (OSError, ValueError) as exc:
        err.print(f"reviewer: cannot read suite {suite}: {exc}")
        raise typer.Exit(2) from None
    for name in system or []:
        if name not in SYSTEMS:
            err.print(f"reviewer: unknown system {name!r}; choose from {', '.join(SYSTEMS)}")
            raise typer.Exit(2)
    try:
        if rescore:
            res = do_rescore(rescore, s)
        else:
            cfg = model_config(s, model=model, base_url=base_url)
            res = run_suite(
                s,
                systems=system or None,
                only=case or None,
                record_mode=record_mode.value,
                cfg=cfg,
                progress=lambda m: err.print(f"[dim]{m}[/dim]"),
            )
    except (OSError, ValueError) as exc:
        err.print(f"reviewer: {exc}")
        raise typer.Exit(2) from None
    print_results(res, console, detail=detail)
    if show_unmatched:
        print_unmatched(res, console)
    if not (rescore and output == rescore):
        res.write(output)
        err.print(f"results written to {output}")
    failed = any(not t["ok"] for t in res.thresholds())
    failed |= any(o.status == "error" for per in res.outputs.values() for o in per.values())
    if baseline:
        try:
            base = json.loads(baseline.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            err.print(f"reviewer: cannot read baseline {baseline}: {exc}")
            raise typer.Exit(2) from None
        regs, notes = compare(res, base)
        print_regressions(regs, notes, console)
        failed |= bool(regs)
    if failed:
        raise typer.Exit(1)


def _mutate(
    paths: list[Path],
    suite: Path,
    output: Path,
    seed: int,
    limit: int,
    docx: bool,
    fmt: str,
    target: str,
) -> None:
    """`reviewer eval --mutate`: parse, run `reviewer.evals.mutate.run_mutations`, render."""
    from rich.console import Console

    from reviewer.errors import ReviewerError
    from reviewer.evals.mutate import report_paths, run_mutations
    from reviewer.evals.mutate_render import print_mutation

    err = Console(stderr=True)
    if fmt not in ("text", "json") or target not in ("anchor", "part"):
        err.print("reviewer: --format is text or json; --target is anchor or part")
        raise typer.Exit(2)
    try:
        files = report_paths(paths, suite)
        res = run_mutations(
            files,
            seed=seed,
            max_per_report=limit,
            docx=docx,
            target=target,
            progress=lambda m: err.print(f"[dim]{m}[/dim]"),
        )
    except (OSError, ValueError, ReviewerError) as exc:
        err.print(f"reviewer: {exc}")
        raise typer.Exit(2) from None
    data = json.dumps(res.as_dict(), ensure_ascii=False, indent=1)
    if fmt == "json":
        typer.echo(data)
    else:
        print_mutation(res, Console())
    if output != Path("eval-results.json"):  # an explicit -o
        output.write_text(data + "\n", encoding="utf-8")
        err.print(f"results written to {output}")


def _coverage(paths: list[Path], suite: Path, output: Path, fmt: str, missed: bool) -> None:
    """`reviewer eval --coverage`: the ledger's coverage over the reports (default: the
    suite's); `--format json` prints it as JSON; `--show-unmatched` lists the relations not
    covered."""
    from rich.console import Console

    from reviewer.errors import ReviewerError
    from reviewer.evals.coverage import measure, print_coverage
    from reviewer.evals.mutate import report_paths

    err = Console(stderr=True)
    try:
        cov = measure(report_paths(paths, suite))
    except (OSError, ValueError, ReviewerError) as exc:
        err.print(f"reviewer: {exc}")
        raise typer.Exit(2) from None
    data = json.dumps(cov.as_dict(), ensure_ascii=False, indent=1)
    if fmt == "json":
        typer.echo(data)
    else:
        print_coverage(cov, Console(), missed=missed)
    if output != Path("eval-results.json"):  # an explicit -o
        output.write_text(data + "\n", encoding="utf-8")
        err.print(f"results written to {output}")
