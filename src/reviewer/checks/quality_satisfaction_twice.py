"""Report quality, one satisfaction stated with two values (Q203): the same satisfaction
indicator's result given as one rate in one place and another rate elsewhere (an indicator row's
98 % and the conclusion's 90 %). Two statements are taken for one quantity when they name the
same subject (受助学生满意度 twice), or when the report states exactly two satisfaction results,
one in an indicator row and one in prose, one of them of whoever is served (服务对象满意度): a
form and its conclusion about the same survey."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import NamedTuple

from reviewer import regex as rx
from reviewer.checks.registry import Hit, check, rule
from reviewer.document import Document
from reviewer.document.script import simplified
from reviewer.models import Severity
from reviewer.regex import lazy

SATISFACTION_TWICE = rule(
    code="Q203",
    fix_zh="核对满意度调查结果，全文统一为同一个数值；如确为不同调查，写明各自的对象和口径。",
    name="satisfaction-twice",
    kind="contradiction",
    severity=Severity.WARNING,
    family="quality",
    title_zh="同一满意度前后数值不一致",
    title_en="One satisfaction result stated with two values",
    message_zh="满意度前后不一致：“{first}”与“{second}”，同一满意度给出了两个不同的结果，"
    "无法判断实际满意度是多少",
    message_en="Satisfaction is stated twice with different values: '{first}' and "
    "'{second}'; which result is the actual one cannot be told",
    what="Reads every satisfaction result: in prose (…满意度达到/为/达 N%) and in an indicator "
    "row (a pipe row, or a form written one cell per line, naming 满意度, whose last rate "
    "without a comparator is the result: ≥95% | 98%, 98 | 已完成100%). Targets (目标, 预期, "
    "不低于, ≥…) are not results. Two results with different values are one finding when they "
    "name the same subject, or when the report holds exactly two results, one in a row and one "
    "in prose, one of them of whoever is served (服务对象, 受益群众, 群众, or no subject). "
    "Results of different years or compared with a base (2022年…, 上年, 提高到) "
    "stay silent.",
    why="A satisfaction rate given twice with two values means one of them was not measured "
    "(or was copied from another report); the indicator's score rests on it.",
    example="满意度指标 | 受助学生满意度 | ≥95% | 98%\n三、自评结论\n受助学生满意度达到90%。\n",
    counterexample="满意度指标 | 受助学生满意度 | ≥95% | 98%\n三、自评结论\n家长满意度达到90%。\n",
    fix="Check the survey and state one value throughout, or name each survey's population.",
)


class _Result(NamedTuple):
    subject: str
    value: Decimal
    start: int
    end: int
    in_row: bool


_PROSE = lazy(
    r"(?P<subj>[\u4e00-\u9fff]{0,10}?)满意(?:度|率)(?:指标)?\s*(?:达到了?|达|为|是)\s*"
    r"(?P<v>\d{2,3}(?:\.\d+)?)\s*[%％]"
)
_TARGET_CUE = lazy(r"目标|预期|计划|要求|力争|确保|不低于|不少于|≥|>=|以上|指标值")
_PERIOD_CUE = lazy(
    r"(?:19|20)\d{2}\s*年|上年|去年|上一年|同比|较|提高到|提升到|提高至|提升至|增长|下降|由\s*\d"
)
_RATE = lazy(r"(?<![≥≤><＞＜\d.])(?P<v>\d{2,3}(?:\.\d+)?)\s*[%％]")
_ROW_END = lazy(
    r"^\s*(?:\|\s*\|\s*$|\|\s*[^|\s]|[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十])"
)
# A subject naming whoever the spending serves (服务对象满意度, 受益群众满意度, 满意度 alone): it
# covers a named group's result (职工就餐满意度) when the report gives only the two.
_BROAD = lazy(r"^(?:服务对象|受益对象|受益群众|受益人群|群众|社会公众|公众|)$")
_GENERIC = lazy(r"^(?:的|其|对|整体|总体|综合|社会|群众对项目的?)")


def _subject(text: str) -> str:
    return _GENERIC.sub("", text.strip(" |，,。：:、"))


def _prose_results(text: str) -> Iterator[_Result]:
    for m in _PROSE.finditer(text):
        line_lo = text.rfind("\n", 0, m.start()) + 1
        line = text[line_lo : text.find("\n", m.end()) if "\n" in text[m.end() :] else len(text)]
        if "|" in line:
            continue  # a row: read as one
        clause_lo = max(line_lo, *(text.rfind(c, 0, m.start()) + 1 for c in "。；;，,"))
        clause = text[clause_lo : m.end() + 4]
        if _TARGET_CUE.search(clause) or _PERIOD_CUE.search(clause):
            continue
        yield _Result(_subject(m.group("subj")), Decimal(m.group("v")), m.start(), m.end(), False)


def _row_results(doc: Document, text: str) -> Iterator[_Result]:
    lines = doc.lines
    for i, ln in enumerate(lines):
        body = text[ln.start : ln.end]
        if "满意" not in body or (
            "|" not in body
            and not (
                i + 1 < len(lines) and text[lines[i + 1].start : lines[i + 1].end].strip() == "|"
            )
        ):
            continue
        # the row: this line, and for a form written one cell per line the cells below it up to
        # the next row, an empty row or a heading
        end = ln.end
        cells = [body]
        for nxt in lines[i + 1 : i + 14]:
            t = text[nxt.start : nxt.end]
            if t.strip() in ("", "|"):
                continue
            if _ROW_END.match(t) or "|" in body.strip("| "):
                break
            cells.append(t)
            end = nxt.end
        row = "\n".join(cells)
        names = rx.findall(r"[\u4e00-\u9fff]{0,10}满意(?:度|率)", row)
        if not names:
            continue
        name = max(names, key=len)  # 满意度指标 | 受助学生满意度: the indicator's own name
        rates = [
            m
            for m in _RATE.finditer(row)
            if not _TARGET_CUE.search(row[max(0, m.start() - 4) : m.start()])
        ]
        if not rates:
            continue
        last = rates[-1]
        yield _Result(_subject(name[:-3]), Decimal(last.group("v")), ln.start, end, True)


@check(SATISFACTION_TWICE)
def satisfaction_twice(doc: Document) -> Iterator[Hit]:
    text = simplified(doc)
    if "满意" not in text:
        return
    results = sorted([*_prose_results(text), *_row_results(doc, text)], key=lambda r: r.start)
    pairs: list[tuple[_Result, _Result]] = []
    for i, a in enumerate(results):
        for b in results[i + 1 :]:
            if a.value != b.value and a.subject and a.subject == b.subject:
                pairs.append((a, b))
    if not pairs and len(results) == 2 and results[0].in_row != results[1].in_row:
        a, b = results
        if a.value != b.value and (_BROAD.match(a.subject) or _BROAD.match(b.subject)):
            pairs.append((a, b))
    if not pairs:
        return
    a, b = pairs[0]
    norm = doc.norm
    yield SATISFACTION_TWICE.hit(
        [(b.start, b.end), (a.start, a.end)],
        {"first": _quote(norm, a), "second": _quote(norm, b)},
    )


def _quote(norm: str, r: _Result) -> str:
    return " ".join(norm[r.start : r.end].replace("|", " ").split())[:40]
