"""`--format html`: one self-contained page showing each report's text with its findings
highlighted in place, a side list, and filters by severity and by source.

No external assets (inline CSS and JS, a Content-Security-Policy that forbids loading anything),
so the file opens offline and can be mailed. Every piece of report text is escaped. Filters work
with JavaScript; without it everything is shown. The filter state lives in the URL hash
(`#sev=error,warning&src=rules`), so a filtered view can be bookmarked.

The report text comes from `texts` (kept by the batch) or is read again from disk, and is only
used when its sha256 matches the one the findings were computed on.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Mapping, Sequence
from html import escape

from reviewer.ledger import summary_line
from reviewer.models import Finding, Lang, LedgerFigure, ReportResult, RunResult
from reviewer.render.common import (
    ORDER,
    SOURCE,
    SUMMARY_HEADERS,
    code_counts,
    one_line,
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

CSS = """
:root{--err:#c62828;--err-bg:#ffd9d6;--warn:#a15c00;--warn-bg:#ffe9b0;--info:#1f5fa8;
--info-bg:#dcebff;--ev:#6b7a90;--line:#d8dde6;--muted:#5b6573}
*{box-sizing:border-box}
body{margin:0;font:15px/1.6 "Noto Sans CJK SC","Source Han Sans SC","PingFang SC",
"Microsoft YaHei",system-ui,sans-serif;color:#1d232b;background:#f6f7f9}
header{position:sticky;top:0;z-index:5;background:#fff;border-bottom:1px solid var(--line);
padding:10px 20px;display:flex;flex-wrap:wrap;gap:8px 24px;align-items:center}
header h1{font-size:18px;margin:0 12px 0 0}
fieldset{border:0;margin:0;padding:0;display:flex;gap:10px;align-items:center}
legend{float:left;margin-right:6px;color:var(--muted)}
label.chip{display:inline-flex;gap:4px;align-items:center;padding:1px 9px;border-radius:12px;
border:1px solid var(--line);cursor:pointer;user-select:none}
label.chip.sev-error{border-color:var(--err)}label.chip.sev-warning{border-color:var(--warn)}
label.chip.sev-info{border-color:var(--info)}
main{padding:12px 20px 40px}
table.summary{border-collapse:collapse;background:#fff;margin:8px 0 20px}
table.summary th,table.summary td{border:1px solid var(--line);padding:3px 8px;text-align:left}
section.report{background:#fff;border:1px solid var(--line);border-radius:6px;margin:0 0 24px}
section.report>h2{font-size:16px;margin:0;padding:10px 14px;border-bottom:1px solid var(--line)}
.facts{color:var(--muted);font-size:13px;font-weight:normal;margin-left:8px}
.cols{display:grid;grid-template-columns:minmax(0,1fr) 380px}
.doc{margin:0;padding:14px 18px;white-space:pre-wrap;word-break:break-word;
font:inherit;line-height:1.9;max-height:80vh;overflow:auto}
aside{border-left:1px solid var(--line);max-height:80vh;overflow:auto;padding:8px 10px}
aside ol{list-style:none;margin:0;padding:0}
aside li{border-left:4px solid var(--line);padding:6px 8px;margin:0 0 8px;background:#fafbfc;
border-radius:0 4px 4px 0}
aside li.sev-error{border-left-color:var(--err)}aside li.sev-warning{border-left-color:var(--warn)}
aside li.sev-info{border-left-color:var(--info)}
aside li.active{outline:2px solid #333}
aside .code{font-family:ui-monospace,monospace;font-size:12px}
aside .msg{margin:2px 0}aside .fix{color:var(--muted);font-size:13px}
aside q{display:block;color:var(--muted);font-size:13px}
aside a{color:inherit;text-decoration:none}
.tag{font-size:11px;padding:0 5px;border-radius:3px;color:#fff}
.tag.sev-error{background:var(--err)}.tag.sev-warning{background:var(--warn)}
.tag.sev-info{background:var(--info)}.tag.src{background:#55606e}
mark.hl{background:transparent;color:inherit;border-radius:2px;cursor:pointer}
mark.hl[data-sev=error]{background:var(--err-bg);box-shadow:inset 0 -2px var(--err)}
mark.hl[data-sev=warning]{background:var(--warn-bg);box-shadow:inset 0 -2px var(--warn)}
mark.hl[data-sev=info]{background:var(--info-bg);box-shadow:inset 0 -2px var(--info)}
mark.hl[data-sev=evidence]{text-decoration:underline dotted var(--ev) 2px;
text-underline-offset:3px}
mark.hl.off{background:transparent;box-shadow:none;text-decoration:none;cursor:auto}
li.off,.hidden{display:none}
mark.flash{outline:2px solid #333}
.unavailable{padding:14px 18px;color:var(--muted)}
.empty{padding:14px 18px;color:var(--muted)}
.fig.ok{text-decoration:underline solid #2e7d32 1px;text-underline-offset:3px}
.fig.unv{color:#8a929c}
@media (max-width:900px){.cols{grid-template-columns:1fr}aside{border-left:0;
border-top:1px solid var(--line)}}
"""

JS = r"""
(function(){
  var doc=document, root=doc.documentElement;
  function checked(kind){
    var on={};
    doc.querySelectorAll('input[data-filter="'+kind+'"]').forEach(function(i){on[i.value]=i.checked;});
    return on;
  }
  function fromHash(){
    var h=decodeURIComponent(location.hash.replace(/^#/,''));
    h.split('&').forEach(function(part){
      var kv=part.split('='); if(kv.length!==2) return;
      var kind=kv[0], vals=kv[1].split(',');
      if(kind!=='sev'&&kind!=='src') return;
      doc.querySelectorAll('input[data-filter="'+kind+'"]').forEach(function(i){
        i.checked=vals.indexOf(i.value)>=0;});
    });
  }
  function toHash(sev,src){
    var s=Object.keys(sev).filter(function(k){return sev[k];}).join(',');
    var r=Object.keys(src).filter(function(k){return src[k];}).join(',');
    history.replaceState(null,'','#sev='+s+'&src='+r);
  }
  var rank={error:2,warning:1,info:0};
  function apply(updateHash){
    var sev=checked('sev'), src=checked('src'), visible={}, count={};
    doc.querySelectorAll('aside li[data-id]').forEach(function(li){
      var ok=!!(sev[li.dataset.sev]&&src[li.dataset.src]);
      visible[li.dataset.id]=li.dataset.sev;
      if(!ok) delete visible[li.dataset.id];
      li.classList.toggle('off',!ok);
      if(ok){count[li.dataset.report]=(count[li.dataset.report]||0)+1;}
    });
    doc.querySelectorAll('mark.hl').forEach(function(m){
      var best=null;
      (m.dataset.f||'').split(' ').forEach(function(id){
        var s=visible[id]; if(s&&(best===null||rank[s]>rank[best])) best=s;});
      if(best===null){
        (m.dataset.ev||'').split(' ').forEach(function(id){if(visible[id]) best='evidence';});
      }
      m.classList.toggle('off',best===null);
      m.dataset.sev=best===null?'none':best;
    });
    doc.querySelectorAll('[data-visible-count]').forEach(function(el){
      el.textContent=String(count[el.dataset.visibleCount]||0);});
    if(updateHash) toHash(sev,src);
    root.dataset.filtered=Object.keys(sev).filter(function(k){return !sev[k];}).concat(
      Object.keys(src).filter(function(k){return !src[k];})).join(',');
  }
  doc.querySelectorAll('input[data-filter]').forEach(function(i){
    i.addEventListener('change',function(){apply(true);});});
  doc.querySelectorAll('mark.hl').forEach(function(m){
    m.addEventListener('click',function(){
      var ids=(m.dataset.f||m.dataset.ev||'').split(' ');
      doc.querySelectorAll('aside li.active').forEach(function(li){li.classList.remove('active');});
      ids.forEach(function(id){var li=doc.getElementById('item-'+id);
        if(li&&!li.classList.contains('off')){li.classList.add('active');
          li.scrollIntoView({block:'nearest'});}});
    });
  });
  doc.querySelectorAll('aside a[data-target]').forEach(function(a){
    a.addEventListener('click',function(e){
      var t=doc.getElementById(a.dataset.target); if(!t) return;
      e.preventDefault();
      doc.querySelectorAll('mark.flash').forEach(function(x){x.classList.remove('flash');});
      var m=t.nextElementSibling; if(m) m.classList.add('flash');
      t.scrollIntoView({block:'center'});
    });
  });
  fromHash();
  apply(false);
  root.dataset.ready='1';
})();
"""


def _attr(value: object) -> str:
    return escape(str(value), quote=True)


def _text_of(report: ReportResult, texts: Mapping[str, str] | None) -> str | None:
    """The text the findings point into, or None when it is missing or has changed."""
    text = (texts or {}).get(report.path)
    if text is None and not report.path.startswith("<"):
        try:
            from reviewer.document import load

            text = load(report.path).text
        except Exception:
            return None
    sha = report.meta.get("sha256")
    if text is not None and sha:
        import hashlib

        if hashlib.sha256(text.encode("utf-8")).hexdigest() != sha:
            return None
    return text


def _figure_marks(
    figures: Sequence[LedgerFigure] | None, lang: Lang
) -> tuple[list[int], list[tuple[int, str]]]:
    """The figures to mark (verified: underlined, the relations on hover; unverifiable:
    greyed), sorted by start, as (starts, [(end, opening tag)])."""
    marked = sorted(
        (f for f in figures or [] if f.status in ("verified", "unverifiable")),
        key=lambda f: f.start,
    )
    starts: list[int] = []
    tags: list[tuple[int, str]] = []
    for f in marked:
        if starts and f.start < tags[-1][0]:
            continue  # overlapping figures: the first one wins
        if f.status == "verified":
            tip = "\n".join([tr(lang, "已核对一致：", "Verified:"), *f.relations])
            tag = f'<span class="fig ok" title="{_attr(tip)}">'
        else:
            tip = tr(lang, "无法核对：报告中未找到可印证此数的数据", "No relation verifies it")
            tag = f'<span class="fig unv" title="{_attr(tip)}">'
        starts.append(f.start)
        tags.append((f.end, tag))
    return starts, tags


def highlight(
    text: str,
    findings: list[Finding],
    prefix: str,
    lang: Lang,
    figures: Sequence[LedgerFigure] | None = None,
) -> str:
    """The escaped text with <mark>s: a segment per run of text covered by the same findings;
    the ledger's verified figures underlined and its unverifiable ones greyed (`figures`)."""
    n = len(text)
    cuts = {0, n}
    for f in findings:
        for s in f.spans:
            cuts.update((max(0, min(s.start, n)), max(0, min(s.end, n))))
    fig_starts, fig_tags = _figure_marks(figures, lang)
    for start, (end, _tag) in zip(fig_starts, fig_tags, strict=True):
        cuts.update((max(0, min(start, n)), max(0, min(end, n))))
    bounds = sorted(cuts)
    anchors: dict[int, list[str]] = {}
    for i, f in enumerate(findings):
        if f.spans:
            anchors.setdefault(min(f.spans[0].start, n), []).append(f"{prefix}-f{i}")
    out: list[str] = []
    for a, b in itertools.pairwise(bounds):
        for anchor in anchors.pop(a, []):
            out.append(f'<a class="anchor" id="m-{anchor}"></a>')
        if a == b:
            continue
        primary = [
            i for i, f in enumerate(findings) if f.spans and f.spans[0].start <= a < f.spans[0].end
        ]
        evidence = [
            i
            for i, f in enumerate(findings)
            if i not in primary and any(s.start <= a < s.end for s in f.spans[1:])
        ]
        chunk = escape(text[a:b], quote=False)
        k = bisect.bisect_right(fig_starts, a) - 1
        if k >= 0 and a < fig_tags[k][0]:
            chunk = f"{fig_tags[k][1]}{chunk}</span>"
        if not primary and not evidence:
            out.append(chunk)
            continue
        if primary:
            sev = max((findings[i].severity for i in primary), key=lambda s: s.rank).value
        else:
            sev = "evidence"
        tips = [f"{findings[i].code} {findings[i].message}" for i in primary]
        tips += [
            f"{tr(lang, '证据', 'evidence')} · {findings[i].code} {findings[i].message}"
            for i in evidence
        ]
        ids = " ".join(f"{prefix}-f{i}" for i in primary)
        ev_ids = " ".join(f"{prefix}-f{i}" for i in evidence)
        out.append(
            f'<mark class="hl" data-sev="{sev}" data-f="{ids}" data-ev="{ev_ids}" '
            f'title="{_attr(chr(10).join(tips))}">{chunk}</mark>'
        )
    for rest in anchors.values():
        for anchor in rest:
            out.append(f'<a class="anchor" id="m-{anchor}"></a>')
    return "".join(out)


def side_list(report: ReportResult, prefix: str, lang: Lang, rules: dict[str, object]) -> str:
    items = []
    for i, f in enumerate(report.findings):
        fid = f"{prefix}-f{i}"
        where = f"L{f.spans[0].line}:{f.spans[0].column}" if f.spans else ""
        quote = f"<q>{escape(one_line(f.spans[0].text, 160))}</q>" if f.spans else ""
        fix = suggestion(f, lang, rules)
        fix_html = f'<div class="fix">{tr(lang, "建议", "Fix")}：{escape(fix)}</div>' if fix else ""
        src_label = t(SOURCE.get(f.source, (f.source, f.source)), lang)
        items.append(
            f'<li id="item-{fid}" class="sev-{f.severity.value}" data-id="{fid}" '
            f'data-report="{prefix}" data-sev="{f.severity.value}" data-src="{_attr(f.source)}">'
            f'<a href="#m-{fid}" data-target="m-{fid}">'
            f'<span class="tag sev-{f.severity.value}">{severity_label(f.severity, lang)}</span> '
            f'<span class="tag src">{escape(src_label)}</span> '
            f'<span class="code">{escape(f.code)} {escape(where)}</span> '
            f"<b>{escape(rule_title(f.code, lang, rules))}</b></a>"
            f'<div class="msg">{escape(f.message)}</div>{quote}{fix_html}</li>'
        )
    return "<ol>" + "".join(items) + "</ol>"


def report_section(
    report: ReportResult,
    index: int,
    lang: Lang,
    texts: Mapping[str, str] | None,
    rules: dict[str, object],
) -> str:
    prefix = f"r{index}"
    meta = report.meta
    title = " ".join(str(x) for x in (meta.get("unit"), meta.get("year")) if x)
    facts = []
    if meta.get("self_score") is not None:
        facts.append(f"{tr(lang, '自评得分', 'self-score')} {meta['self_score']:g}")
    if meta.get("grade"):
        facts.append(f"{tr(lang, '等级', 'grade')} {meta['grade']}")
    ledger = summary_line(report, lang)
    if ledger:
        facts.append(ledger)
    facts.append(
        f'{tr(lang, "显示", "shown")} <span data-visible-count="{prefix}">{len(report.findings)}'
        f"</span>/{len(report.findings)}"
    )
    head = (
        f"<h2>{escape(title + ' — ' if title else '')}<code>{escape(report.path)}</code>"
        f'<span class="facts">{escape(" · ".join(facts[:-1]))}'
        f"{' · ' if len(facts) > 1 else ''}{facts[-1]}</span></h2>"
    )
    if report.error:
        reason = tr(lang, "无法审核：", "Not reviewed: ") + report.error
        body = f'<div class="unavailable">{escape(reason)}</div>'
        return f'<section class="report" id="{prefix}">{head}{body}</section>'
    text = _text_of(report, texts)
    if text is None:
        doc_html = (
            '<div class="unavailable">'
            + escape(
                tr(
                    lang,
                    "原文不可用（文件已更改或无法读取），仅列出问题。",
                    "The report text is not available (changed or unreadable); findings only.",
                )
            )
            + "</div>"
        )
    else:
        marked = highlight(text, report.findings, prefix, lang, report.figures)
        doc_html = f'<pre class="doc">{marked}</pre>'
    if report.findings:
        side = side_list(report, prefix, lang, rules)
    else:
        side = f'<div class="empty">{escape(tr(lang, "未发现问题", "No findings"))}</div>'
    return (
        f'<section class="report" id="{prefix}">{head}<div class="cols">'
        f'<div class="text">{doc_html}</div><aside>{side}</aside></div></section>'
    )


def filters(run: RunResult, lang: Lang) -> str:
    findings = [f for r in run.reports for f in r.findings]
    sev_boxes = []
    for sev in ORDER:
        n = sum(1 for f in findings if f.severity == sev)
        sev_boxes.append(
            f'<label class="chip sev-{sev.value}"><input type="checkbox" data-filter="sev" '
            f'value="{sev.value}" checked>{severity_label(sev, lang)} ({n})</label>'
        )
    sources = ["rules", "llm", *sorted({f.source for f in findings} - {"rules", "llm"})]
    src_boxes = []
    for src in sources:
        n = sum(1 for f in findings if f.source == src)
        label = t(SOURCE.get(src, (src, src)), lang)
        src_boxes.append(
            f'<label class="chip"><input type="checkbox" data-filter="src" value="{_attr(src)}" '
            f"checked>{escape(label)} ({n})</label>"
        )
    return (
        f'<fieldset id="filter-sev"><legend>{tr(lang, "严重程度", "Severity")}</legend>'
        + "".join(sev_boxes)
        + f'</fieldset><fieldset id="filter-src"><legend>{tr(lang, "来源", "Source")}</legend>'
        + "".join(src_boxes)
        + "</fieldset>"
    )


def summary(run: RunResult, lang: Lang) -> str:
    """Over several reports: one row each, ranked by errors (then warnings, then info), and the
    commonest problems of the batch (rule codes by number of findings)."""
    if len(run.reports) < 2:
        return ""
    head = "".join(f"<th>{escape(h)}</th>" for h in SUMMARY_HEADERS[lang])
    rows = []
    table = summary_rows(run, lang)
    for i in ranking(run):
        cells = [escape(c) for c in row_cells(table[i])]
        cells[0] = f'<a href="#r{i}">{cells[0]}</a>'
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    body = "".join(rows)
    out = f'<table class="summary"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
    counts = code_counts(run)
    if counts:
        rules = rules_table()
        common = "".join(
            f"<tr><td><code>{escape(c)}</code></td><td>{escape(rule_title(c, lang, rules))}</td>"
            f"<td>{n}</td><td>{k}</td></tr>"
            for c, n, k in counts
        )
        heads = (
            tr(lang, "规则", "Rule"),
            tr(lang, "常见问题", "Commonest problems"),
            tr(lang, "问题数", "Findings"),
            tr(lang, "报告数", "Reports"),
        )
        out += (
            '<table class="summary" id="common"><thead><tr>'
            + "".join(f"<th>{escape(h)}</th>" for h in heads)
            + f"</tr></thead><tbody>{common}</tbody></table>"
        )
    return out


def render(run: RunResult, lang: Lang = "zh", texts: Mapping[str, str] | None = None) -> str:
    rules = rules_table()
    title = tr(lang, "绩效自评报告审核结果", "Self-evaluation report review")
    sections = "".join(report_section(r, i, lang, texts, rules) for i, r in enumerate(run.reports))
    csp = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'"
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f'<meta name="generator" content="reviewer"><title>{escape(title)}</title>'
        f"<style>{CSS}</style></head><body>"
        f'<header><h1>{escape(title)}</h1><form id="filters">{filters(run, lang)}</form></header>'
        f"<main>{summary(run, lang)}{sections}</main>"
        f"<script>{JS}</script></body></html>\n"
    )
