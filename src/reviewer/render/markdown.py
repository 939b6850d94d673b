"""`--format markdown`: a draft 审核意见 a reviewer edits and sends.

Per report: a heading with the unit and year, the stated self-score and grade, then numbered
opinions grouped by severity (需更正 / 需核实 / 供参考), each with the quoted words, the problem
and a suggested fix. Several reports get a summary table first.
"""

from __future__ import annotations

from collections.abc import Iterator

from reviewer.ledger import evidence_needed, summary_line
from reviewer.models import Finding, Lang, ReportResult, RunResult, Severity
from reviewer.regex import lazy
from reviewer.render.common import (
    ORDER,
    SUMMARY_HEADERS,
    one_line,
    row_cells,
    rule_title,
    rules_table,
    suggestion,
    summary_rows,
    tr,
)

_GROUPS = {
    Severity.ERROR: ("需更正的问题", "Must be corrected"),
    Severity.WARNING: ("需核实或说明的问题", "To verify or explain"),
    Severity.INFO: ("供参考的提示", "For reference"),
}
_CN_NUM = "一二三四五六七八九十"
_SPECIAL = lazy(r"([\\`*_{}\[\]<>#|~])")


def esc(text: str) -> str:
    """Escape Markdown (and inline HTML) so report text is shown as written."""
    return _SPECIAL.sub(r"\\\1", text)


def _title(report: ReportResult, lang: Lang) -> str:
    unit = report.meta.get("unit")
    year = report.meta.get("year")
    if unit or year:
        name = f"{unit or ''}{f'{year}年度' if (year and lang == 'zh') else ''}"
        if lang == "en":
            name = " ".join(str(x) for x in (unit, year) if x)
        return (
            f"{esc(name)}（`{report.path}`）" if lang == "zh" else f"{esc(name)} (`{report.path}`)"
        )
    return f"`{report.path}`"


def _opinion(n: int, f: Finding, lang: Lang, rules: dict[str, object]) -> list[str]:
    title = rule_title(f.code, lang, rules)
    colon = "：" if lang == "zh" else ": "
    where = ""
    if f.spans:
        s = f.spans[0]
        where = tr(lang, f"（第 {s.line} 行）", f" (line {s.line})")
    src = tr(lang, "〔模型〕", " [model]") if f.source == "llm" else ""
    lines = [f"{n}. **{esc(title)}**{where}{src} `{f.code}`"]
    if f.spans:
        lines.append(
            f"   - {tr(lang, '原文', 'Quote')}{colon}“{esc(one_line(f.spans[0].text, 200))}”"
        )
        for ev in f.spans[1:4]:
            label = tr(lang, f"相关（L{ev.line}）", f"Related (L{ev.line})")
            lines.append(f"   - {label}{colon}“{esc(one_line(ev.text, 120))}”")
    lines.append(f"   - {tr(lang, '问题', 'Problem')}{colon}{esc(f.message)}")
    fix = suggestion(f, lang, rules)
    if fix:
        lines.append(f"   - {tr(lang, '建议', 'Suggested fix')}{colon}{esc(fix)}")
    return lines


def render_report(report: ReportResult, lang: Lang, rules: dict[str, object]) -> list[str]:
    out = [f"## {_title(report, lang)}", ""]
    if report.error:
        out += [
            tr(lang, f"无法审核：{esc(report.error)}", f"Not reviewed: {esc(report.error)}"),
            "",
        ]
        return out
    facts = []
    if report.meta.get("self_score") is not None:
        facts.append(tr(lang, "自评得分", "Self-score") + f"：{report.meta['self_score']:g}")
    if report.meta.get("grade"):
        facts.append(tr(lang, "等级", "Grade") + f"：{report.meta['grade']}")
    counts = [
        f"{tr(lang, lz, le)} {report.count(sev)}"
        for sev, (lz, le) in zip(
            ORDER, (("错误", "errors"), ("警告", "warnings"), ("提示", "info")), strict=True
        )
    ]
    facts.append(tr(lang, "问题", "Findings") + "：" + "，".join(counts))
    out += ["；".join(facts) if lang == "zh" else "; ".join(facts), ""]
    if not report.findings:
        out += [tr(lang, "经核对，未发现问题。", "No problems found."), ""]
        return out + _ledger(report, lang)
    n = 0
    section = 0
    for sev in ORDER:
        items = [f for f in report.findings if f.severity == sev]
        if not items:
            continue
        head = tr(lang, _GROUPS[sev][0], _GROUPS[sev][1])
        numeral = _CN_NUM[section] if lang == "zh" else str(section + 1)
        sep = "、" if lang == "zh" else ". "
        out += [f"### {numeral}{sep}{head}", ""]
        section += 1
        for f in items:
            n += 1
            out += [*_opinion(n, f, lang, rules), ""]
    return out + _ledger(report, lang)


def _ledger(report: ReportResult, lang: Lang) -> list[str]:
    """The key figures no check could verify (需补充佐证材料), then the ledger's summary line."""
    out: list[str] = []
    needed = evidence_needed(report)
    if needed:
        out += [f"**{tr(lang, '需补充佐证材料', 'Evidence needed')}**", ""]
        intro = tr(
            lang,
            "以下关键数字在报告中找不到可相互印证的数据，请单位提供佐证材料：",
            "No figure of the report confirms these key figures; ask the unit for evidence:",
        )
        out += [intro, ""]
        for f in needed:
            where = tr(lang, f"第 {f.line} 行", f"line {f.line}")
            label = f"{esc(f.label)} " if f.label else ""
            out.append(f"- {where}：{label}{esc(f.text)}")
        out.append("")
    line = summary_line(report, lang)
    if line:
        out += [f"> {line}", ""]
    return out


def render_chunks(run: RunResult, lang: Lang = "zh") -> Iterator[str]:
    """The draft a report at a time (the summary table first)."""
    rules = rules_table()
    out = [
        "# "
        + tr(lang, "绩效自评报告审核意见（初稿）", "Review of the self-evaluation reports (draft)"),
        "",
        "> "
        + tr(
            lang,
            "本稿由 reviewer 自动生成，发出前请逐条核对、修改或删除。",
            "Generated by reviewer: check, edit or delete each point before sending.",
        ),
        "",
    ]
    if len(run.reports) > 1:
        headers = SUMMARY_HEADERS[lang]
        out.append("| " + " | ".join(headers) + " |")
        out.append("|" + "|".join("---" for _ in headers) + "|")
        for row in summary_rows(run, lang):
            cells = [esc(c) for c in row_cells(row)]
            cells[0] = f"`{row.path}`"
            out.append("| " + " | ".join(cells) + " |")
        out.append("")
    # each piece is "\n".join of its lines, and pieces join with "\n"; the last is stripped at
    # its end (the whole output's rstrip: every piece has text)
    pending = "\n".join(out)
    for report in run.reports:
        yield pending + "\n"
        pending = "\n".join(render_report(report, lang, rules))
    yield pending.rstrip() + "\n"


def render(run: RunResult, lang: Lang = "zh") -> str:
    return "".join(render_chunks(run, lang))
