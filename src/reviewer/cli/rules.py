"""`reviewer rules`: the rule catalog, or one rule explained (what / why / example / fix)."""

from __future__ import annotations

import json
from enum import Enum
from typing import Annotated, Any

import typer

from reviewer.cli.options import LangOpt, fail


class RulesFormat(str, Enum):
    text = "text"
    json = "json"


def rule_dict(r: Any) -> dict[str, Any]:
    return {
        "code": r.code,
        "name": r.name,
        "kind": r.kind,
        "severity": r.severity.value,
        "family": r.family,
        "title_zh": r.title_zh,
        "title_en": r.title_en,
        "what": r.what,
        "why": r.why,
        "example": r.example,
        "counterexample": r.counterexample,
        "fix": r.fix,
        "fix_zh": r.fix_zh,
    }


def rules_cmd(
    code: Annotated[str | None, typer.Argument(help="A rule code, e.g. T001.")] = None,
    lang: Annotated[LangOpt, typer.Option(help="Language.")] = LangOpt.zh,
    fmt: Annotated[
        RulesFormat, typer.Option("--format", "-f", help="Output format.")
    ] = RulesFormat.text,
) -> None:
    """List all rules, or explain one: what it checks, why, an example, and the fix."""
    from reviewer.engine import rules as catalog

    rules = catalog()
    if code is None:
        ordered = sorted(rules.values(), key=lambda r: r.code)
        if fmt == RulesFormat.json:
            typer.echo(json.dumps([rule_dict(r) for r in ordered], ensure_ascii=False, indent=2))
            return
        for r in ordered:
            title = r.title_zh if lang == LangOpt.zh else r.title_en
            typer.echo(f"{r.code}  {r.name:<28} {r.severity.value:<8} {title}")
        return
    found = rules.get(code.upper())
    if found is None:
        fail(f"unknown rule {code!r}; `reviewer rules` lists them")
    r = found
    if fmt == RulesFormat.json:
        typer.echo(json.dumps(rule_dict(r), ensure_ascii=False, indent=2))
        return
    typer.echo(f"# {r.code} {r.name} ({r.kind}, {r.severity.value})\n")
    typer.echo(f"{r.title_zh} / {r.title_en}\n")
    sections = [
        ("What it does", r.what),
        ("Why is this bad?", r.why),
        ("Example", r.example),
    ]
    if r.counterexample:
        sections.append(("Not flagged (a near miss)", r.counterexample))
    sections.append(("Fix", r.fix + (f"\n修改建议：{r.fix_zh}" if r.fix_zh else "")))
    for head, body in sections:
        typer.echo(f"## {head}\n{body}\n")
