"""`--format xlsx`: a 审核意见表 workbook (binary; write it with `-o FILE`).

Sheet 汇总 (Summary) has one row per report, ranked by errors (then warnings, then info: the
order of the html overview), its rank in the last column; then one sheet per report with one row per
finding: number, severity, code, problem type, line, column, quote, opinion, suggested fix,
source, and an empty 处理情况 column for the reviewer. openpyxl is imported only here. Text
cells are always stored as strings, so report text starting with `=` never becomes a formula.
"""

from __future__ import annotations

import io
from typing import Any

from reviewer.ledger import evidence_needed
from reviewer.models import Lang, ReportResult, RunResult, Severity
from reviewer.regex import lazy
from reviewer.render.common import (
    SOURCE,
    SUMMARY_HEADERS,
    ranking,
    row_cells,
    rule_title,
    rules_table,
    severity_label,
    suggestion,
    summary_rows,
    t,
    tr,
)

FILL = {Severity.ERROR: "FFD9D6", Severity.WARNING: "FFE9B0", Severity.INFO: "DCEBFF"}
HEADERS = {
    "zh": (
        "序号",
        "严重程度",
        "规则",
        "问题类型",
        "行",
        "列",
        "原文",
        "审核意见",
        "修改建议",
        "来源",
        "处理情况",
    ),
    "en": (
        "No.",
        "Severity",
        "Rule",
        "Problem",
        "Line",
        "Column",
        "Quote",
        "Opinion",
        "Suggested fix",
        "Source",
        "Resolution",
    ),
}
WIDTHS = (6, 9, 8, 22, 6, 6, 48, 60, 40, 8, 16)
_BAD_SHEET_CHARS = lazy(r"[\[\]:*?/\\]")
_ILLEGAL = lazy(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _clean(value: str) -> str:
    return _ILLEGAL.sub("", value)


def sheet_title(report: ReportResult, index: int, used: set[str]) -> str:
    unit = report.meta.get("unit")
    year = report.meta.get("year")
    base = f"{unit or ''}{year or ''}" or report.path.replace("\\", "/").rsplit("/", 1)[-1]
    base = _BAD_SHEET_CHARS.sub("_", base).strip("'") or f"report{index + 1}"
    base = base[:28]
    name, n = base, 1
    while name.lower() in used or name in ("汇总", "Summary"):
        n += 1
        name = f"{base[: 31 - len(str(n)) - 1]}-{n}"
    used.add(name.lower())
    return name


def _set(ws: Any, row: int, col: int, value: Any) -> Any:
    cell = ws.cell(row=row, column=col)
    if isinstance(value, str):
        cell.value = _clean(value)
        cell.data_type = "s"
    else:
        cell.value = value
    return cell


def _header(ws: Any, headers: tuple[str, ...] | list[str]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    for col, h in enumerate(headers, start=1):
        cell = _set(ws, 1, col, h)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="E8ECF2")
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    ws.freeze_panes = "A2"


def build(run: RunResult, lang: Lang = "zh") -> Any:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, PatternFill
    from openpyxl.utils import get_column_letter

    rules = rules_table()
    wb = Workbook()
    summary = wb.active
    summary.title = tr(lang, "汇总", "Summary")
    _header(summary, [*SUMMARY_HEADERS[lang], tr(lang, "排名", "rank")])
    rows = summary_rows(run, lang)
    for i, index in enumerate(ranking(run), start=2):  # most errors first, as the html overview
        cells = row_cells(rows[index])
        for col, value in enumerate(cells, start=1):
            number: Any = value
            if col in (6, 7, 8):
                number = int(value)
            elif col == 4 and value:
                number = float(value)
            elif col == 3 and value.isdigit():
                number = int(value)
            _set(summary, i, col, number)
        _set(summary, i, len(cells) + 1, i - 1)
    for col, w in enumerate((40, 28, 8, 10, 6, 6, 6, 6, 30, 6), start=1):
        summary.column_dimensions[get_column_letter(col)].width = w
    summary.auto_filter.ref = summary.dimensions

    used: set[str] = set()
    wrap = Alignment(wrap_text=True, vertical="top")
    for index, report in enumerate(run.reports):
        ws = wb.create_sheet(sheet_title(report, index, used))
        _header(ws, HEADERS[lang])
        for col, w in enumerate(WIDTHS, start=1):
            ws.column_dimensions[get_column_letter(col)].width = w
        if report.error:
            _set(ws, 2, 1, tr(lang, f"无法审核：{report.error}", f"Not reviewed: {report.error}"))
            continue
        for n, f in enumerate(report.findings, start=1):
            r = n + 1
            span = f.spans[0] if f.spans else None
            values: list[Any] = [
                n,
                severity_label(f.severity, lang),
                f.code,
                rule_title(f.code, lang, rules),
                span.line if span else None,
                span.column if span else None,
                span.text if span else "",
                f.message,
                suggestion(f, lang, rules),
                t(SOURCE.get(f.source, (f.source, f.source)), lang),
                "",
            ]
            for col, value in enumerate(values, start=1):
                cell = _set(ws, r, col, value)
                cell.alignment = wrap
            ws.cell(row=r, column=2).fill = PatternFill("solid", fgColor=FILL[f.severity])
        if report.findings:
            ws.auto_filter.ref = ws.dimensions
    _evidence_sheet(wb, run, lang)
    return wb


EVIDENCE_HEADERS = {
    "zh": ("报告", "行", "项目", "数字", "核对情况", "需补充佐证材料"),
    "en": ("Report", "Line", "Item", "Figure", "Check", "Evidence needed"),
}


def _evidence_sheet(wb: Any, run: RunResult, lang: Lang) -> None:
    """Sheet 需补充佐证材料: the key figures (budget, execution, scores, headcounts) no check
    could verify, one row each; only when there are some."""
    from openpyxl.utils import get_column_letter

    rows = [(r, f) for r in run.reports for f in evidence_needed(r)]
    if not rows:
        return
    ws = wb.create_sheet(tr(lang, "需补充佐证材料", "Evidence needed"))
    _header(ws, EVIDENCE_HEADERS[lang])
    for col, w in enumerate((36, 6, 28, 14, 14, 16), start=1):
        ws.column_dimensions[get_column_letter(col)].width = w
    status = tr(lang, "无法核对", "unverifiable")
    for i, (report, f) in enumerate(rows, start=2):
        values = (report.path, f.line, f.label or "", f.text, status, "")
        for col, value in enumerate(values, start=1):
            _set(ws, i, col, value)
    ws.auto_filter.ref = ws.dimensions


def render_bytes(run: RunResult, lang: Lang = "zh") -> bytes:
    buf = io.BytesIO()
    build(run, lang).save(buf)
    return buf.getvalue()
