"""`--format github`: GitHub Actions workflow commands, one annotation per finding.

`::error file=PATH,line=L,col=C,endLine=…,endColumn=…,title=CODE title::message`; info findings
are `::notice`. Unreadable reports are `::error file=PATH::…`. Values are escaped as the runner
expects (`%`, CR, LF; and `:` `,` inside properties).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reviewer.models import Lang, ReportResult, RunResult, Severity
from reviewer.render.common import rule_title, rules_table, span_end, tr

COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_chunks(run: RunResult, lang: Lang = "zh") -> Iterator[str]:
    """The annotations a report at a time."""
    rules = rules_table()
    for r in run.reports:
        yield "".join(line + "\n" for line in _lines(r, lang, rules))


def render(run: RunResult, lang: Lang = "zh") -> str:
    return "".join(render_chunks(run, lang))


def _lines(r: ReportResult, lang: Lang, rules: dict[str, Any]) -> list[str]:
    lines: list[str] = []
    path = escape_property(r.path)
    if r.error:
        message = tr(lang, f"无法审核：{r.error}", f"not reviewed: {r.error}")
        lines.append(f"::error file={path}::{escape_data(message)}")
        return lines
    for f in r.findings:
        props = [f"file={path}"]
        if f.spans:
            s = f.spans[0]
            end_line, end_col = span_end(s)
            props += [f"line={s.line}", f"col={s.column}", f"endLine={end_line}"]
            if end_line == s.line:
                props.append(f"endColumn={end_col}")
        title = f"{f.code} {rule_title(f.code, lang, rules)}"
        props.append(f"title={escape_property(title)}")
        lines.append(f"::{COMMAND[f.severity]} {','.join(props)}::{escape_data(f.message)}")
    return lines
