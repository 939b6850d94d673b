"""`--format docx`: the report itself as a Word document, each finding a comment (批注).

A reviewer sends opinions back to a unit as a Word file with comments; this writes that file.
Each finding becomes one comment by author `reviewer`, anchored on the words it judges (its
first span): the message, the rule's fix (`fix_zh` in Chinese, `fix` in English) and the
model's rewrite when there is one (`data.rewrite`).

* A `.docx` input keeps its own paragraphs, tables and formatting: runs are split at the span's
  boundaries (a split run keeps its `w:rPr`), so a comment covers exactly the judged words,
  inside table cells too. The text the loader reads (`reviewer.document.docx`) is rebuilt here
  character by character with the run each character comes from, and must equal the text the
  report was reviewed on; when it does not (the file changed since), the clean rendering below
  is used instead.
* A text or PDF input becomes a clean document: one paragraph per line (so does a .docx read
  from stdin: its bytes are not kept).

A finding without a span, or whose span covers no character of the document body (a table's
`|` decoration), is anchored on the first non-empty paragraph. python-docx (>= 1.2, comments)
is imported only here. One report gives one file: `documents()` yields (report, bytes) pairs,
`render_bytes()` is the single-report form.
"""

from __future__ import annotations

import copy
import io
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from reviewer.models import Finding, Lang, ReportResult, RunResult
from reviewer.regex import lazy
from reviewer.render.common import rules_table, severity_label, suggestion, tr

AUTHOR = "reviewer"
INITIALS = "rv"
_WS = lazy(r"\s+")
_LINE_BREAK = lazy(r"\r\n|\r|\n")
_XML_BAD = lazy("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_PIPE_SUB = "¦"
_BAD_NAME = lazy(r'[<>:"/\\|?*\x00-\x1f]')

# Where a character of the text comes from: (w:r element, offset in that run's text).
Src = tuple[Any, int] | None


class Mapped(NamedTuple):
    """Text rebuilt from a Word body, with the run and offset of each character."""

    text: str
    srcs: list[Src]


# ---------------------------------------------------------------- the body's text, mapped


def _tags() -> dict[str, str]:
    from docx.oxml.ns import qn

    names = "p tbl sdt sdtContent customXml tr tc tcPr gridSpan vMerge val r hyperlink rPr t"
    return {n: qn(f"w:{n}") for n in names.split()}


_TEXT_XPATH = "w:br | w:cr | w:noBreakHyphen | w:ptab | w:t | w:tab"


def _run_chars(r: Any) -> Iterator[tuple[str, Src]]:
    k = 0
    for e in r.xpath(_TEXT_XPATH):
        for ch in str(e):
            yield ch, (r, k)
            k += 1


def _paragraph_chars(p: Any) -> list[tuple[str, Src]]:
    out: list[tuple[str, Src]] = []
    for child in p.xpath("w:r | w:hyperlink"):
        for r in child.xpath("w:r") if child.tag.endswith("}hyperlink") else (child,):
            out.extend(_run_chars(r))
    return out


def _cell_chars(tc: Any, tag: Mapping[str, str]) -> list[tuple[str, Src]]:
    """A cell's text as the loader writes it: paragraphs joined by a space, whitespace runs
    collapsed to one space, trimmed, `|` replaced."""
    joined: list[tuple[str, Src]] = []
    for i, p in enumerate(tc.iter(tag["p"])):
        if i:
            joined.append((" ", None))
        joined.extend(_paragraph_chars(p))
    text = "".join(ch for ch, _ in joined)
    out: list[tuple[str, Src]] = []
    pos = 0
    for m in _WS.finditer(text):
        out.extend(joined[pos : m.start()])
        out.append((" ", joined[m.start()][1] if m.end() - m.start() == 1 else None))
        pos = m.end()
    out.extend(joined[pos:])
    while out and out[0][0] == " ":
        out.pop(0)
    while out and out[-1][0] == " ":
        out.pop()
    return [(_PIPE_SUB, src) if ch == "|" else (ch, src) for ch, src in out]


def _row_chars(tr_: Any, tag: Mapping[str, str]) -> list[tuple[str, Src]] | None:
    cells: list[list[tuple[str, Src]]] = []
    for tc in tr_.iterchildren(tag["tc"]):
        tcpr = tc.find(tag["tcPr"])
        span, continued = 1, False
        if tcpr is not None:
            gs = tcpr.find(tag["gridSpan"])
            if gs is not None:
                try:
                    span = max(1, int(gs.get(tag["val"])))
                except (TypeError, ValueError):
                    span = 1
            vm = tcpr.find(tag["vMerge"])
            continued = vm is not None and vm.get(tag["val"], "continue") == "continue"
        cells.append([] if continued else _cell_chars(tc, tag))
        cells.extend([] for _ in range(span - 1))
    if not any(cells):
        return None
    out: list[tuple[str, Src]] = [("|", None), (" ", None)]
    for i, cell in enumerate(cells):
        if i:
            out.extend([(" ", None), ("|", None), (" ", None)])
        out.extend(cell)
    out.extend([(" ", None), ("|", None)])
    return out


def _block_lines(parent: Any, tag: Mapping[str, str]) -> Iterator[list[tuple[str, Src]]]:
    for child in parent.iterchildren():
        if child.tag == tag["p"]:
            yield _paragraph_chars(child)
        elif child.tag == tag["tbl"]:
            for tr_ in child.iterchildren(tag["tr"]):
                row = _row_chars(tr_, tag)
                if row is not None:
                    yield row
        elif child.tag in (tag["sdt"], tag["customXml"]):
            content = child.find(tag["sdtContent"]) if child.tag == tag["sdt"] else child
            if content is not None:
                yield from _block_lines(content, tag)


def mapped_text(document: Any) -> Mapped:
    """The loader's text of a python-docx `Document`, with each character's run and offset."""
    chars: list[tuple[str, Src]] = []
    lines = list(_block_lines(document.element.body, _tags()))
    for line in lines:
        chars.extend(line)
        chars.append(("\n", None))
    return Mapped("".join(ch for ch, _ in chars), [src for _, src in chars])


def clean_document(text: str) -> tuple[Any, Mapped]:
    """A new Word document with one paragraph (one run) per line of `text`, mapped."""
    import docx

    document = docx.Document()
    srcs: list[Src] = [None] * len(text)
    pos = 0
    bounds = [(m.start(), m.end()) for m in _LINE_BREAK.finditer(text)] + [(len(text), len(text))]
    for i, (brk, nxt) in enumerate(bounds):
        line = text[pos:brk]
        if line or i < len(bounds) - 1:
            paragraph = document.add_paragraph()
            if line:
                r = paragraph.add_run(_XML_BAD.sub(" ", line))._r
                for k in range(len(line)):
                    srcs[pos + k] = (r, k)
        pos = nxt
    return document, Mapped(text, srcs)


# ---------------------------------------------------------------- splitting runs


def _split_run(r: Any, k: int) -> Any:
    """Split the `w:r` element `r` before its k-th text character; returns the new second run
    (inserted after `r`, same `w:rPr`). `r` keeps the first k characters."""
    tag = _tags()
    texty = {e for e in r.xpath(_TEXT_XPATH)}
    second = copy.deepcopy(r)
    pos = 0
    for a, b in zip(list(r), list(second), strict=True):
        if a.tag == tag["rPr"]:
            continue
        length = len(str(a)) if a in texty else 0
        if length == 0:  # no text (rPr aside): before the cut stays first
            if pos < k:
                second.remove(b)
            else:
                r.remove(a)
        elif pos + length <= k:
            second.remove(b)
        elif pos >= k:
            r.remove(a)
        else:  # a w:t straddling the cut
            text = a.text or ""
            a.text, b.text = text[: k - pos], text[k - pos :]
            for el in (a, b):
                el.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        pos += length
    r.addnext(second)
    return second


def _apply_cuts(srcs: list[Src], cuts: Mapping[int, set[int]]) -> None:
    """Split runs (keyed by id) at the given in-run offsets and update `srcs` in place."""
    where: dict[int, list[int]] = {}
    for i, src in enumerate(srcs):
        if src is not None and id(src[0]) in cuts:
            where.setdefault(id(src[0]), []).append(i)
    for key, positions in where.items():
        r = srcs[positions[0]][0]  # type: ignore[index]
        points = sorted(cuts[key])
        pieces: dict[int, Any] = {0: r}
        for k in reversed(points):
            pieces[k] = _split_run(r, k)
        starts = [0, *points]
        for i in positions:
            _, k = srcs[i]  # type: ignore[misc]
            start = max(s for s in starts if s <= k)
            srcs[i] = (pieces[start], k - start)


# ---------------------------------------------------------------- comments


def comment_lines(f: Finding, lang: Lang, rules: dict[str, Any]) -> list[str]:
    """The comment's paragraphs: code, severity and message; the fix; the rewrite if any."""
    lines = [f"[{f.code} {severity_label(f.severity, lang)}] {f.message}"]
    fix = suggestion(f, lang, rules)
    if fix:
        lines.append(tr(lang, "修改建议：", "Fix: ") + fix)
    rewrite = f.data.get("rewrite")
    if isinstance(rewrite, str) and rewrite.strip():
        lines.append(tr(lang, "建议改写：", "Suggested rewrite: ") + rewrite.strip())
    return [_XML_BAD.sub(" ", line) for line in lines]


def _trim(srcs: list[Src], start: int, end: int) -> tuple[int, int] | None:
    """[start, end) narrowed to the characters that come from a run; None when there is none."""
    end = min(end, len(srcs))
    while start < end and srcs[start] is None:
        start += 1
    while end > start and srcs[end - 1] is None:
        end -= 1
    return (start, end) if start < end else None


def annotate(document: Any, mapped: Mapped, findings: list[Finding], lang: Lang) -> int:
    """Add one comment per finding to `document`; returns how many were added."""
    from docx.text.run import Run

    rules = rules_table()
    srcs = mapped.srcs
    ranges = [_trim(srcs, f.spans[0].start, f.spans[0].end) if f.spans else None for f in findings]
    cuts: dict[int, set[int]] = {}
    for rng in ranges:
        if rng is None:
            continue
        r0, k0 = srcs[rng[0]]  # type: ignore[misc]
        r1, k1 = srcs[rng[1] - 1]  # type: ignore[misc]
        if k0 > 0:
            cuts.setdefault(id(r0), set()).add(k0)
        cuts.setdefault(id(r1), set()).add(k1 + 1)
    runs = {id(s[0]): s[0] for s in srcs if s is not None}
    for key in list(cuts):  # a cut at a run's end is no cut
        run = runs[key]
        length = sum(len(str(e)) for e in run.xpath(_TEXT_XPATH))
        cuts[key] = {k for k in cuts[key] if 0 < k < length}
    _apply_cuts(srcs, {k: v for k, v in cuts.items() if v})
    fallback = next((i for i, s in enumerate(srcs) if s is not None), None)
    added = 0
    for f, rng in zip(findings, ranges, strict=True):
        if rng is None:
            if fallback is None:
                continue
            rng = (fallback, fallback + 1)
            first = last = srcs[fallback][0]  # type: ignore[index]
        else:
            first, last = srcs[rng[0]][0], srcs[rng[1] - 1][0]  # type: ignore[index]
        lines = comment_lines(f, lang, rules)
        comment = document.add_comment(
            [Run(first, document), Run(last, document)],
            text=lines[0],
            author=AUTHOR,
            initials=INITIALS,
        )
        for line in lines[1:]:
            comment.add_paragraph(line)
        added += 1
    return added


# ---------------------------------------------------------------- one report, many reports


def _source_document(report: ReportResult, text: str) -> tuple[Any, Mapped] | None:
    """The report's own .docx, when it is one and its text is still the reviewed text."""
    path = Path(report.path)
    try:
        if not path.is_file() or path.stat().st_size > 100 * 1024 * 1024:
            return None
        data = path.read_bytes()
    except OSError:
        return None
    if not data.startswith(b"PK"):
        return None
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
        mapped = mapped_text(document)
    except Exception:  # not a Word package after all, or damaged parts: use the text
        return None
    if mapped.text != text and mapped.text.rstrip("\n") != text.rstrip("\n"):
        return None
    return document, mapped


def report_bytes(report: ReportResult, text: str, lang: Lang = "zh") -> bytes:
    """The .docx of one report: its own document (a .docx input) or its text, commented."""
    own = _source_document(report, text)
    if own is not None:
        try:
            return _commented(*own, report.findings, lang)
        except Exception:  # a Word construct the run splitter cannot handle: use the text
            pass
    return _commented(*clean_document(text), report.findings, lang)


def _commented(document: Any, mapped: Mapped, findings: list[Finding], lang: Lang) -> bytes:
    annotate(document, mapped, findings, lang)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def documents(
    run: RunResult, lang: Lang, texts: Mapping[str, str]
) -> Iterator[tuple[ReportResult, bytes]]:
    """One commented .docx per readable report (reports that could not be read are skipped)."""
    for report in run.reports:
        if report.error is None and report.path in texts:
            yield report, report_bytes(report, texts[report.path], lang)


def render_bytes(
    run: RunResult, lang: Lang = "zh", *, texts: Mapping[str, str] | None = None
) -> bytes:
    """The .docx of a run of one readable report (several reports need one file each)."""
    made = list(documents(run, lang, texts or {}))
    if len(made) != 1:
        raise ValueError(
            f"docx writes one file per report ({len(made)} readable): write them with -o DIR"
        )
    return made[0][1]


def output_names(reports: list[ReportResult], directory: Path) -> list[str]:
    """File names in `directory` for the reports' .docx files: the report's stem, made unique,
    and never the path of an input report (`name.reviewed.docx` then)."""
    inputs = {Path(r.path).resolve() for r in reports if r.path != "-"}
    used: set[str] = set()
    names = []
    for report in reports:
        stem = _BAD_NAME.sub("_", Path(report.path).stem).strip("._ ") or "report"
        if report.path in ("-", "<stdin>"):
            stem = "stdin"
        base = f"{stem}.reviewed" if (directory / f"{stem}.docx").resolve() in inputs else stem
        name, n = f"{base}.docx", 1
        while name.lower() in used or (directory / name).resolve() in inputs:
            n += 1
            name = f"{base}-{n}.docx"
        used.add(name.lower())
        names.append(name)
    return names
