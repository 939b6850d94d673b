"""`--format text`: findings grouped by family and severity, ruff's `path:line:col` style."""

from __future__ import annotations

from collections.abc import Iterator

from reviewer.ledger import summary_line
from reviewer.models import Finding, Lang, ReportResult, RunResult, Severity

_HEADINGS = {
    "numeric": ("数值与目标核对", "Numbers and targets"),
    "quality": ("报告质量", "Report quality"),
}
_SEVERITY = {
    Severity.ERROR: ("错误", "error"),
    Severity.WARNING: ("警告", "warning"),
    Severity.INFO: ("提示", "info"),
}
_ORDER = (Severity.ERROR, Severity.WARNING, Severity.INFO)


def _t(pair: tuple[str, str], lang: Lang) -> str:
    return pair[0] if lang == "zh" else pair[1]


def _quote(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _finding(f: Finding, path: str, lang: Lang) -> list[str]:
    where = f"{path}:{f.spans[0].line}:{f.spans[0].column}" if f.spans else path
    src = "" if f.source == "rules" else " [llm]"
    lines = [f"  {where}: {f.code} {f.message}{src}"]
    for i, span in enumerate(f.spans[:6]):
        mark = ">" if i == 0 else "·"
        lines.append(f"      {mark} L{span.line}: {_quote(span.text)}")
    if len(f.spans) > 6:
        more = len(f.spans) - 6
        lines.append(f"      · … {more} 处更多证据" if lang == "zh" else f"      · … {more} more")
    return lines


def render_report(report: ReportResult, lang: Lang = "zh") -> str:
    out = [report.path]
    if report.error:
        out.append(f"  {'无法审核' if lang == 'zh' else 'not reviewed'}: {report.error}")
        return "\n".join(out)
    ledger = summary_line(report, lang)
    if not report.findings:
        out.append("  " + ("未发现问题" if lang == "zh" else "no findings"))
        if ledger:
            out.append(f"  {ledger}")
        return "\n".join(out)
    for family in ("numeric", "quality"):
        group = [f for f in report.findings if f.family == family]
        if not group:
            continue
        out.append(f" {_t(_HEADINGS[family], lang)}")
        for sev in _ORDER:
            items = [f for f in group if f.severity == sev]
            if not items:
                continue
            out.append(f"  {_t(_SEVERITY[sev], lang)} ({len(items)})")
            for f in items:
                out.extend(_finding(f, report.path, lang))
    if ledger:
        out.append(f"  {ledger}")
    return "\n".join(out)


def summary(run: RunResult, lang: Lang = "zh") -> str:
    counts = {s: sum(r.count(s) for r in run.reports) for s in _ORDER}
    failed = sum(1 for r in run.reports if r.error)
    n = len(run.reports)
    if lang == "zh":
        line = (
            f"共 {n} 份报告：错误 {counts[Severity.ERROR]}，警告 {counts[Severity.WARNING]}，"
            f"提示 {counts[Severity.INFO]}"
        )
        return line + (f"；{failed} 份无法读取" if failed else "")
    line = (
        f"{n} report(s): {counts[Severity.ERROR]} error(s), {counts[Severity.WARNING]} "
        f"warning(s), {counts[Severity.INFO]} info"
    )
    return line + (f"; {failed} could not be read" if failed else "")


def render_chunks(run: RunResult, lang: Lang = "zh") -> Iterator[str]:
    """The output a report at a time (then the summary line)."""
    for r in run.reports:
        yield render_report(r, lang) + "\n\n"
    yield summary(run, lang) + "\n"


def render(run: RunResult, lang: Lang = "zh") -> str:
    return "".join(render_chunks(run, lang))
