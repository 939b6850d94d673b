"""Helpers shared by the renderers: labels in both languages, rule lookup, the summary table."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any

from reviewer.models import Finding, Lang, ReportResult, RunResult, Severity, Span
from reviewer.regex import lazy

ORDER = (Severity.ERROR, Severity.WARNING, Severity.INFO)
SEVERITY = {
    Severity.ERROR: ("错误", "error"),
    Severity.WARNING: ("警告", "warning"),
    Severity.INFO: ("提示", "info"),
}
SOURCE = {"rules": ("规则", "rules"), "llm": ("模型", "model")}

_LINE_BREAK = lazy(r"\r\n|\r|\n")


def t(pair: tuple[str, str], lang: Lang) -> str:
    return pair[0] if lang == "zh" else pair[1]


def tr(lang: Lang, zh: str, en: str) -> str:
    return zh if lang == "zh" else en


def severity_label(sev: Severity, lang: Lang) -> str:
    return t(SEVERITY[sev], lang)


def one_line(text: str, limit: int | None = None) -> str:
    """Whitespace collapsed to single spaces, cut to `limit` code points with an ellipsis."""
    text = " ".join(text.split())
    if limit is not None and len(text) > limit:
        return text[: limit - 1] + "…"
    return text


def span_end(span: Span) -> tuple[int, int]:
    """1-based (line, column) just after the span's last character (an exclusive end)."""
    parts = _LINE_BREAK.split(span.text)
    if len(parts) == 1:
        return span.line, span.column + len(span.text)
    return span.line + len(parts) - 1, len(parts[-1]) + 1


def rules_table() -> dict[str, Any]:
    """The rule catalog (titles and docs of every code a finding may carry)."""
    from reviewer.checks import registry

    try:
        return dict(registry.catalog()[0])
    except Exception:  # a broken check module must not stop the rendering
        return dict(registry.RULES)


def rule_title(code: str, lang: Lang, rules: dict[str, Any]) -> str:
    r = rules.get(code)
    if r is None:
        return code
    return str(r.title_zh if lang == "zh" else r.title_en)


def rule_fix(code: str, lang: Lang, rules: dict[str, Any]) -> str:
    """The suggested fix; rules document it in English, `fix_zh` when a rule has one."""
    r = rules.get(code)
    if r is None:
        return ""
    if lang == "zh":
        fix_zh = getattr(r, "fix_zh", None)
        if fix_zh:
            return str(fix_zh)
        return ""
    return str(r.fix)


_GENERIC_FIX_ZH = {
    "numeric": {
        Severity.ERROR: "请核实相关数字，更正有误的数据，并同步修改相关表格。",
        Severity.WARNING: "请核实相关数字，必要时更正，或在报告中说明口径。",
        Severity.INFO: "供参考，可视情况调整表述。",
    },
    "quality": {
        Severity.ERROR: "请按要求修改或补充报告的相应部分。",
        Severity.WARNING: "请完善相应内容，或在报告中说明理由。",
        Severity.INFO: "供参考，可视情况完善表述。",
    },
}


def generic_fix_zh(f: Finding) -> str:
    """A Chinese suggestion by family and severity, for rules that document no `fix_zh`."""
    return _GENERIC_FIX_ZH[f.family][f.severity]


def suggestion(f: Finding, lang: Lang, rules: dict[str, Any]) -> str:
    fix = rule_fix(f.code, lang, rules)
    if fix:
        return fix
    return generic_fix_zh(f) if lang == "zh" else ""


@dataclass
class Row:
    """One line of the summary table across reports."""

    path: str
    unit: str
    year: str
    score: str
    grade: str
    errors: int
    warnings: int
    infos: int
    status: str


def summary_rows(run: RunResult, lang: Lang) -> list[Row]:
    rows = []
    for r in run.reports:
        meta = r.meta
        score = meta.get("self_score")
        rows.append(
            Row(
                path=r.path,
                unit=str(meta.get("unit") or ""),
                year=str(meta.get("year") or ""),
                score="" if score is None else f"{score:g}",
                grade=str(meta.get("grade") or ""),
                errors=r.count(Severity.ERROR),
                warnings=r.count(Severity.WARNING),
                infos=r.count(Severity.INFO),
                status=status(r, lang),
            )
        )
    return rows


def status(r: ReportResult, lang: Lang) -> str:
    if r.error:
        return tr(lang, f"无法审核：{r.error}", f"not reviewed: {r.error}")
    if not r.findings:
        return tr(lang, "未发现问题", "no findings")
    return ""


SUMMARY_HEADERS = {
    "zh": ("文件", "单位", "年度", "自评得分", "等级", "错误", "警告", "提示", "说明"),
    "en": ("file", "unit", "year", "self-score", "grade", "errors", "warnings", "info", "note"),
}


def row_cells(row: Row) -> list[str]:
    return [
        row.path,
        row.unit,
        row.year,
        row.score,
        row.grade,
        str(row.errors),
        str(row.warnings),
        str(row.infos),
        row.status,
    ]


def width(text: str) -> int:
    """Terminal width: East Asian wide and full-width characters take two cells."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text: str, cells: int, right: bool = False) -> str:
    fill = " " * max(0, cells - width(text))
    return fill + text if right else text + fill


def summary_table(run: RunResult, lang: Lang) -> str:
    """A plain-text table (CJK-aware alignment) with one row per report."""
    headers = list(SUMMARY_HEADERS[lang])
    rows = [row_cells(r) for r in summary_rows(run, lang)]
    widths = [max(width(c) for c in col) for col in zip(headers, *rows, strict=True)]
    numeric = {3, 5, 6, 7}
    lines = []
    for cells in (headers, *rows):
        parts = [
            pad(c, w, i in numeric) for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ]
        lines.append("  ".join(parts).rstrip())
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def ranking(run: RunResult) -> list[int]:
    """Indices of `run.reports`, most errors first (then warnings, then info; input order on a
    tie); reports that could not be reviewed come last."""

    def key(i: int) -> tuple[int, int, int, int, int]:
        r = run.reports[i]
        errors, warnings, infos = (r.count(s) for s in ORDER)
        return (1 if r.error else 0, -errors, -warnings, -infos, i)

    return sorted(range(len(run.reports)), key=key)


def code_counts(run: RunResult) -> list[tuple[str, int, int]]:
    """(rule code, findings, reports with it) across the batch, the commonest first."""
    findings: dict[str, int] = {}
    reports: dict[str, int] = {}
    for r in run.reports:
        for code in {f.code for f in r.findings}:
            reports[code] = reports.get(code, 0) + 1
        for f in r.findings:
            findings[f.code] = findings.get(f.code, 0) + 1
    return sorted(
        ((c, n, reports[c]) for c, n in findings.items()), key=lambda x: (-x[1], -x[2], x[0])
    )
