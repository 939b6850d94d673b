"""`--format html -o DIR` over many reports: an overview page (`index.html`) and one page per
report (the page a single-report run writes, with a link back to the overview).

The overview ranks the reports by errors (then warnings, then info: `common.ranking`, the order
of the xlsx 汇总 sheet too), lists the commonest problems of the batch (rule codes by number of
findings, with how many reports have each), and filters the ranking by rule code, by a text in
the unit or file name, and to reports with errors. Like the report pages it is self-contained
(inline CSS and JS, a Content-Security-Policy that loads nothing); without JavaScript every row
is shown. The filter state lives in the URL hash (`#code=T001&q=水利&err=1`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from html import escape
from pathlib import Path

from reviewer.models import Lang, ReportResult, RunResult, Severity
from reviewer.regex import lazy
from reviewer.render import html
from reviewer.render.common import (
    code_counts,
    ranking,
    rule_title,
    rules_table,
    status,
    tr,
)

INDEX = "index.html"
_BAD_NAME = lazy(r"[^\w.\-]+")

CSS = """
:root{--err:#c62828;--warn:#a15c00;--info:#1f5fa8;--line:#d8dde6;--muted:#5b6573}
*{box-sizing:border-box}
body{margin:0;font:15px/1.6 "Noto Sans CJK SC","Source Han Sans SC","PingFang SC",
"Microsoft YaHei",system-ui,sans-serif;color:#1d232b;background:#f6f7f9}
header{position:sticky;top:0;background:#fff;border-bottom:1px solid var(--line);
padding:10px 20px;display:flex;flex-wrap:wrap;gap:8px 20px;align-items:center}
header h1{font-size:18px;margin:0 12px 0 0}
main{padding:12px 20px 40px;display:grid;grid-template-columns:minmax(0,1fr) minmax(260px,440px);
gap:0 28px;align-items:start}
form{display:flex;flex-wrap:wrap;gap:6px 18px;align-items:center}
@media (max-width:1000px){main{grid-template-columns:1fr}}
h2{font-size:16px;margin:18px 0 6px}
table{border-collapse:collapse;background:#fff}
th,td{border:1px solid var(--line);padding:3px 8px;text-align:left;vertical-align:top}
th,td.n{white-space:nowrap}
td.n{text-align:right;font-variant-numeric:tabular-nums}
td.err{color:var(--err);font-weight:bold}
tr.off{display:none}
code{font-family:ui-monospace,monospace;font-size:13px}
.muted{color:var(--muted)}
"""

JS = r"""
(function(){
  var doc=document, root=doc.documentElement;
  var code=doc.getElementById('f-code'), q=doc.getElementById('f-q');
  var err=doc.getElementById('f-err');
  function fromHash(){
    decodeURIComponent(location.hash.replace(/^#/,'')).split('&').forEach(function(part){
      var i=part.indexOf('='); if(i<0) return;
      var k=part.slice(0,i), v=part.slice(i+1);
      if(k==='code') code.value=v; else if(k==='q') q.value=v;
      else if(k==='err') err.checked=v==='1';
    });
  }
  function apply(updateHash){
    var shown=0, c=code.value, text=q.value.trim();
    doc.querySelectorAll('#ranking tbody tr').forEach(function(tr){
      var ok=(!c||(' '+tr.dataset.codes+' ').indexOf(' '+c+' ')>=0)
        &&(!text||tr.dataset.name.indexOf(text)>=0)
        &&(!err.checked||Number(tr.dataset.errors)>0);
      tr.classList.toggle('off',!ok); if(ok) shown++;
    });
    doc.getElementById('shown').textContent=String(shown);
    if(updateHash) history.replaceState(null,'','#code='+encodeURIComponent(c)+'&q='+
      encodeURIComponent(text)+'&err='+(err.checked?'1':'0'));
  }
  [code,q,err].forEach(function(el){el.addEventListener('input',function(){apply(true);});
    el.addEventListener('change',function(){apply(true);});});
  doc.querySelectorAll('a[data-code]').forEach(function(a){
    a.addEventListener('click',function(e){e.preventDefault();code.value=a.dataset.code;apply(true);});
  });
  fromHash();
  apply(false);
  root.dataset.ready='1';
})();
"""


def page_names(reports: list[ReportResult]) -> list[str]:
    """A file name for each report's page: its stem, made unique, never `index.html`."""
    used = {INDEX}
    names = []
    for report in reports:
        stem = _BAD_NAME.sub("_", Path(report.path).stem).strip("._ ") or "report"
        name, n = f"{stem}.html", 1
        while name.lower() in used:
            n += 1
            name = f"{stem}-{n}.html"
        used.add(name.lower())
        names.append(name)
    return names


def _head(title: str, lang: Lang, css: str) -> str:
    csp = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'"
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f'<meta name="generator" content="reviewer"><title>{escape(title)}</title>'
        f"<style>{css}</style></head><body>"
    )


def index(run: RunResult, names: list[str], lang: Lang = "zh") -> str:
    """The overview page; `names[i]` is the page of `run.reports[i]`."""
    rules = rules_table()
    counts = code_counts(run)
    title = tr(lang, "绩效自评报告审核总览", "Review overview")
    options = "".join(
        f'<option value="{escape(c)}">{escape(c)} {escape(rule_title(c, lang, rules))} ({n})'
        "</option>"
        for c, n, _ in counts
    )
    filters = (
        f'<label>{tr(lang, "问题", "Problem")} <select id="f-code"><option value="">'
        f"{tr(lang, '全部', 'all')}</option>{options}</select></label>"
        f'<label>{tr(lang, "单位或文件", "Unit or file")} <input id="f-q" type="search"></label>'
        f'<label><input id="f-err" type="checkbox"> '
        f"{tr(lang, '仅有错误的报告', 'With errors only')}</label>"
    )
    common_rows = "".join(
        f'<tr data-code="{escape(c)}"><td><a href="#code={escape(c)}" data-code="{escape(c)}">'
        f"<code>{escape(c)}</code></a></td><td>{escape(rule_title(c, lang, rules))}</td>"
        f'<td class="n">{n}</td><td class="n">{k}</td></tr>'
        for c, n, k in counts
    )
    common = (
        f"<h2>{tr(lang, '常见问题', 'Commonest problems')}</h2>"
        f'<table id="common"><thead><tr><th>{tr(lang, "规则", "Rule")}</th>'
        f"<th>{tr(lang, '问题类型', 'Problem')}</th><th>{tr(lang, '问题数', 'Findings')}</th>"
        f"<th>{tr(lang, '报告数', 'Reports')}</th></tr></thead><tbody>{common_rows}</tbody></table>"
        if counts
        else ""
    )
    heads = (
        tr(lang, "排名", "Rank"),
        tr(lang, "文件", "File"),
        tr(lang, "单位", "Unit"),
        tr(lang, "年度", "Year"),
        tr(lang, "自评得分", "Self-score"),
        tr(lang, "错误", "Errors"),
        tr(lang, "警告", "Warnings"),
        tr(lang, "提示", "Info"),
        tr(lang, "主要问题", "Main problems"),
        tr(lang, "说明", "Note"),
    )
    rows = []
    for rank, i in enumerate(ranking(run), start=1):
        r = run.reports[i]
        meta = r.meta
        errors, warnings, infos = (
            r.count(s) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)
        )
        codes = sorted({f.code for f in r.findings})
        top = sorted(codes, key=lambda c: (-sum(f.code == c for f in r.findings), c))[:5]
        unit = str(meta.get("unit") or "")
        score = meta.get("self_score")
        name = f"{unit} {r.path}"
        rows.append(
            f'<tr data-rank="{rank}" data-errors="{errors}" data-codes="{escape(" ".join(codes))}"'
            f' data-name="{escape(name)}"><td class="n">{rank}</td>'
            f'<td><a href="{escape(names[i])}">{escape(r.path)}</a></td><td>{escape(unit)}</td>'
            f"<td>{escape(str(meta.get('year') or ''))}</td>"
            f'<td class="n">{"" if score is None else f"{score:g}"}</td>'
            f'<td class="n{" err" if errors else ""}">{errors}</td><td class="n">{warnings}</td>'
            f'<td class="n">{infos}</td><td><code>{escape(" ".join(top))}</code></td>'
            f"<td>{escape(status(r, lang))}</td></tr>"
        )
    ranking_table = (
        f"<h2>{tr(lang, '报告排名（按错误数）', 'Reports ranked by errors')} "
        f'<span class="muted">{tr(lang, "显示", "shown")} <span id="shown">{len(rows)}</span>/'
        f"{len(rows)}</span></h2>"
        '<table id="ranking"><thead><tr>'
        + "".join(f"<th>{escape(h)}</th>" for h in heads)
        + f"</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )
    return (
        _head(title, lang, CSS)
        + f'<header><h1>{escape(title)}</h1><form id="filters">{filters}</form></header>'
        + f"<main><section>{ranking_table}</section><section>{common}</section></main>"
        + f"<script>{JS}</script></body></html>\n"
    )


def pages(
    run: RunResult, lang: Lang = "zh", texts: Mapping[str, str] | None = None
) -> dict[str, str]:
    """File name -> page: `index.html` and one page per report."""
    return dict(iter_pages(run, lang, texts))


def iter_pages(
    run: RunResult, lang: Lang = "zh", texts: Mapping[str, str] | None = None
) -> Iterator[tuple[str, str]]:
    """(file name, page): `index.html`, then each report's page, made one at a time."""
    names = page_names(run.reports)
    yield INDEX, index(run, names, lang)
    back = f'<header><a href="{INDEX}">← {tr(lang, "返回总览", "Back to the overview")}</a>'
    for report, name in zip(run.reports, names, strict=True):
        page = html.render(RunResult(reports=[report], meta=run.meta), lang, texts)
        yield name, page.replace("<header>", back, 1)
