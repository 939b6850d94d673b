"""The report's overall self-score claims (自评得分97.6分, 综合评分结果为93.44分) and grades.

A self-score claim is an anchor phrase that names the overall result (自评得分, 自评分,
综合得分, 综合评分结果, 评价得分, 总分, 自评结果, ...) followed closely by a number of 分.
Per-indicator scores ("此指标赋分8分，得分8分") are not self-scores: a bare 得分 is never an
anchor, and an anchor that follows 指标/该项/此项 in the same clause is skipped. Maximum scores
(满分100分, 总分值, "总分100分，得分95分") are skipped too, and so is the 总分 closing a list of
weights in a sentence that says they are weights (分值：产出指标(50分)…，总分100分;
`claims.prose_weights`).

A grade statement is 等级/等次/档次/评级 (or 评价结果/自评结果) followed by 优/良/中/差 or
their long forms; it is attached to the nearest self-score in the same sentence.
"""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from reviewer import regex as rx
from reviewer.claims.prose_weights import prose_weights
from reviewer.document.document import Document
from reviewer.numbers import parse_decimal
from reviewer.regex import lazy


class SelfScore(NamedTuple):
    """An overall self-score claim, with the grade stated next to it (if any)."""

    value: Decimal  # e.g. 93.44
    start: int  # offsets of the claim, e.g. "综合评分结果为93.44分"
    end: int
    grade: str | None = None  # 优/良/中/差, normalized
    grade_start: int | None = None
    grade_end: int | None = None
    form_total: bool = False  # read from a form's total row (总分 | 100 | 96 | 优)

    @property
    def number_span(self) -> tuple[int, int]:
        """Offsets of the claim as a whole (kept for symmetry with other claims)."""
        return self.start, self.end


class GradeStatement(NamedTuple):
    """A stated overall grade such as 综合评定等级为“优”."""

    grade: str  # 优/良/中/差
    start: int  # offsets of the whole statement ("综合评定等级为“优”")
    end: int
    grade_start: int  # offsets of the grade word itself ("优")
    grade_end: int


GRADE_WORDS: dict[str, str] = {
    "优秀": "优",
    "优": "优",
    "良好": "良",
    "良": "良",
    "合格": "中",
    "中等": "中",
    "中": "中",
    "一般": "中",
    "不合格": "差",
    "较差": "差",
    "差": "差",
}

# Grade bands (inclusive lower bounds): 优 >= 90, 良 >= 80, 中 >= 60, 差 below.
GRADE_BANDS: tuple[tuple[str, Decimal], ...] = (
    ("优", Decimal(90)),
    ("良", Decimal(80)),
    ("中", Decimal(60)),
    ("差", Decimal(0)),
)


def grade_for(score: Decimal) -> str:
    """The grade a score falls in: 优 >= 90, 良 80-89.99, 中 60-79.99, 差 < 60."""
    for grade, low in GRADE_BANDS:
        if score >= low:
            return grade
    return "差"


def normalize_grade(word: str) -> str | None:
    """优秀 -> 优, 良好 -> 良, 合格/中等 -> 中, 不合格/较差 -> 差; None for other words."""
    return GRADE_WORDS.get(word)


# Words that name the overall result. Longer spellings first.
_ANCHOR = (
    r"(?:自评(?:综合|总)?(?:得分|评分|分数|分值?)(?:结果)?"
    r"|(?:综合|总体|整体|最终|绩效|考评|考核|评估|评价)(?:评价|自评)?(?:总)?(?:得分|评分|分数)(?:结果)?"
    r"|总得分|总评分|总分"
    r"|自评结果|评价结果|评分结果|评估结果|考评结果)"
)
# Glue between the anchor and the number: 为/是/：/达到/共/计, spaces and quotes.
_GLUE = r"(?:[为是：:\s\"'“”]|达到|达|共计|合计|总计|共|计|了)*"
_NUM = r"(?P<num>\d{1,3}(?:\.\d+)?)"
SCORE_RE = lazy(
    rf"(?P<anchor>{_ANCHOR}){_GLUE}{_NUM}(?P<unit>[ \t]?分)?(?![\d.%‰])",
)
# A form's total row: 总分 | 100 | 96 | 优 (the maximum 100, the score, a grade cell).
FORM_TOTAL_RE = lazy(
    r"(?m)^[ \t|]*(?P<anchor>(?:自评|评价)?总分)[ \t|:：]*(?P<max>100(?:\.0+)?)[ \t]?分?[ \t|]+"
    r"(?P<num>\d{1,3}(?:\.\d+)?)[ \t]?分?"
    r"(?:[ \t|]+(?P<grade>不合格|优秀|良好|合格|优|良|中|差))?[ \t|]*$"
)
# A number followed by another one in the next cell of the same row: the first is the maximum.
_NEXT_CELL_NUMBER = lazy(r"[ \t]?分?[ \t|]+\d")
# Anchors that name a maximum, not a result.
_MAX_BEFORE = lazy(r"(?:满分|分值|总分值|满分值|标准分)[为是：:\s]*$")
# Per-indicator context right before the anchor (same clause).
_INDICATOR_BEFORE = lazy(r"(?:指标|(?:该|此|本|单|每)项(?!目)|二级|三级)[^，。；,;\n]{0,6}$")
_CLAUSE_END = "。；;\n"

_GRADE_WORD = r"(?P<grade>不合格|优秀|良好|合格|中等|较差|一般|优|良|中|差)"
GRADE_RE = lazy(
    r"(?P<anchor>(?:(?:综合|评价|评定|绩效|考核|考评|自评|最终|总体|整体)?(?:评定|评价)?"
    r"(?:等级|等次|档次|评级)|(?:自评|评价|评定|考评|考核|评估)结果|评定))"
    r"(?:[为是：:\s]|评定为|评为|确定为|属于|属)*[\"'“”‘’「『(（\[]?\s*"
    + _GRADE_WORD
    + r"\s*[\"'“”‘’」』)）\]]?(?=$|[^\u4e00-\u9fff]|等|级|档)"
)
# What every GRADE_RE match holds, at most 4 characters after its start (综合评定 + 等级).
_GRADE_ANCHOR = lazy(r"(?=等级|等次|档次|评级|结果|评定)")
# A grade anchor right after these words is not the report's overall grade.
_GRADE_NOT_OVERALL = lazy(r"(?:满意度|满意|服务|质量|信用|资质|安全|风险)[^，。；,;\n]{0,2}$")


def grade_statements(doc: Document) -> list[GradeStatement]:
    """Every overall grade statement in the report (cached)."""
    return doc.cached("grade_statements", _find_grades)


def self_scores(doc: Document) -> list[SelfScore]:
    """Every overall self-score claim in the report, with its grade when one is stated nearby."""
    return doc.cached("selfscores", _find_scores)


def _find_grades(doc: Document) -> list[GradeStatement]:
    norm = doc.norm
    out: list[GradeStatement] = []
    for m in rx.finditer_near(GRADE_RE, norm, _GRADE_ANCHOR, 4):
        before = norm[max(0, m.start() - 12) : m.start()]
        if _GRADE_NOT_OVERALL.search(before) or _INDICATOR_BEFORE.search(before):
            continue
        grade = normalize_grade(m.group("grade"))
        if grade is None:
            continue
        out.append(
            GradeStatement(
                grade=grade,
                start=m.start(),
                end=m.end(),
                grade_start=m.start("grade"),
                grade_end=m.end("grade"),
            )
        )
    return out


def _find_scores(doc: Document) -> list[SelfScore]:
    norm = doc.norm
    found: list[SelfScore] = []
    weight_totals = {
        pw.total.start for pw in prose_weights(doc) if pw.total is not None and pw.marked
    }
    for m in SCORE_RE.finditer(norm):
        anchor = m.group("anchor")
        gap = norm[m.end("anchor") : m.start("num")]
        if not m.group("unit") and ("\n" in gap or "\r" in gap):
            continue  # a bare number on another line: a table cell, not a claim
        if anchor.endswith(("结果",)) and not m.group("unit"):
            continue  # "评价结果3项" and the like: only a number of 分 is a score
        value = parse_decimal(m.group("num"))
        if value is None or value > 100:
            continue
        if not m.group("unit") and norm[m.end() : m.end() + 1] not in (
            "",
            "，",
            "。",
            "；",
            " ",
            "\n",
            "\r",
            ",",
            ";",
            ")",
            "）",
            "|",
        ):
            continue
        before = norm[max(0, m.start() - 12) : m.start()]
        if _MAX_BEFORE.search(before) or _INDICATOR_BEFORE.search(before):
            continue
        if norm[m.end("anchor") : m.end("anchor") + 1] == "值":
            continue  # 总分值: a maximum
        if anchor.startswith("总分") and _followed_by_result(norm, m.end()):
            continue  # "总分100分，得分95分": 总分 is the maximum here
        if _NEXT_CELL_NUMBER.match(norm, m.end()):
            continue  # "总分 | 100 | 96": the first figure of the row is the maximum
        if m.start("num") in weight_totals:
            continue  # "分值：产出指标(50分)…，总分100分": the total of the weights listed
        found.append(SelfScore(value=value, start=m.start(), end=m.end()))
    found.extend(_form_totals(norm, found))
    found.sort(key=lambda x: x.start)
    return _attach_grades(norm, found, grade_statements(doc))


def _form_totals(norm: str, found: list[SelfScore]) -> list[SelfScore]:
    """Form total rows (总分 | 100 | 96 | 优): the score after the maximum, with its grade cell."""
    out: list[SelfScore] = []
    for m in FORM_TOTAL_RE.finditer(norm):
        value = parse_decimal(m.group("num"))
        if value is None or value > 100 or any(m.start() <= f.start < m.end() for f in found):
            continue
        grade = normalize_grade(m.group("grade")) if m.group("grade") else None
        out.append(
            SelfScore(
                value=value,
                start=m.start("anchor"),
                end=m.end("num"),
                grade=grade,
                grade_start=m.start("grade") if grade else None,
                grade_end=m.end("grade") if grade else None,
                form_total=True,
            )
        )
    return out


def _followed_by_result(norm: str, pos: int) -> bool:
    """Whether another score (得分/实得) follows in the same clause."""
    tail = norm[pos : pos + 20]
    for ch in _CLAUSE_END:
        i = tail.find(ch)
        if i >= 0:
            tail = tail[:i]
    return bool(rx.search(r"(?:得分|实得|评分|自评)[为是：:\s]*\d", tail))


def _same_sentence(norm: str, a: int, b: int) -> bool:
    lo, hi = min(a, b), max(a, b)
    return not any(ch in "。\n" for ch in norm[lo:hi])


def _attach_grades(
    norm: str, scores: list[SelfScore], grades: list[GradeStatement]
) -> list[SelfScore]:
    out: list[SelfScore] = []
    for s in scores:
        best: GradeStatement | None = None
        best_dist = 10**9
        for g in grades:
            dist = g.start - s.end if g.start >= s.end else s.start - g.end
            lo, hi = (s.end, g.start) if g.start >= s.end else (g.end, s.start)
            if dist < 0 or dist > 60 or not _same_sentence(norm, lo, hi):
                continue
            if dist < best_dist:
                best, best_dist = g, dist
        if best is not None:
            s = s._replace(grade=best.grade, grade_start=best.grade_start, grade_end=best.grade_end)
        out.append(s)
    return out
