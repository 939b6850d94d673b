"""The pydantic contracts the model fills in, with grounding validators.

Values are kept as written (strings: "2,826.23", "万元", "≥90%"); numbers and units are read
and converted in Python (`reviewer.numbers`), never by the model. Every item carries a quote;
validators ground it against the report passed in instructor's validation context:

    context = {"grounder": Grounder, "strict": True}

With `strict` a failing quote raises, so instructor re-asks the model with the reasons. The
final lenient pass (`strict` False) marks failing items instead; `prune()` then drops them and
counts them, never silently.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic.json_schema import SkipJsonSchema

from reviewer.claims.vocabulary import AFTER, COMPARATORS
from reviewer.llm.codes import CRITIQUE_KINDS
from reviewer.llm.grounding import Grounded, Grounder, QuoteError

EXTRACTION_SCHEMA = "extraction.2"  # 2: problems and measures described as such
CRITIQUE_SCHEMA = "critique.2"  # 2: prompt_injection kind

Comparator = Literal[">=", "<=", ">", "<", "=", "top"]
# The comparator table of `claims/vocabulary.py`, the bounds written after a value (以上, 以内),
# and the model's own readings: a model's raw target text is always a target, so 达到 reads
# as ≥ and 控制在 as ≤ there (fillers in report prose), and 前 as a ranking target.
# Searched longest first, so 不低于 wins over 低于 and 大于或等于 over 大于.
MODEL_OVERRIDES: dict[str, str] = {"达到": ">=", "控制在": "<=", "前": "top"}
_COMPARATORS: list[tuple[str, str]] = sorted(
    {
        **COMPARATORS,
        **{k: v for k, v in AFTER.items() if v is not None},
        **MODEL_OVERRIDES,
    }.items(),
    key=lambda t: len(t[0]),
    reverse=True,
)


def comparator_of(text: str | None) -> str | None:
    if not text:
        return None
    t = text.strip().replace("＞", ">").replace("＜", "<").replace("＝", "=")
    for word, comp in _COMPARATORS:
        if word in t:
            return comp
    return None


class _Base(BaseModel):
    model_config = ConfigDict(coerce_numbers_to_str=True, extra="ignore")


def _ctx(info: ValidationInfo) -> tuple[Grounder | None, bool]:
    ctx = info.context or {}
    return ctx.get("grounder"), bool(ctx.get("strict"))


# Who read an entry: the rules' own readings (`reviewer.claims`) or the model (grounded).
By = Literal["rules", "model"]
RULES: By = "rules"
MODEL: By = "model"


class _Quoted(_Base):
    """An item with a quote; `span` is filled in by grounding, never by the model; `by` says
    who read it (set in Python, never by the model)."""

    span: SkipJsonSchema[list[int] | None] = None
    by: SkipJsonSchema[By | None] = None
    _problem: str | None = PrivateAttr(default=None)

    def _ground(
        self,
        info: ValidationInfo,
        quote: str | None,
        *,
        values: tuple[str | None, ...] = (),
        name: str | None = None,
    ) -> Grounded | None:
        grounder, strict = _ctx(info)
        if grounder is None:
            return None
        try:
            g = grounder.locate(quote, values=values, name=name)
        except QuoteError as exc:
            if strict:
                raise ValueError(str(exc)) from None
            self._problem = str(exc)
            self.span = None
            return None
        self.span = [g.start, g.end]
        return g


class Amount(_Quoted):
    """A budget or spending figure exactly as the report writes it."""

    label: str = Field(description="what the figure is, as written, e.g. 决算支出、项目支出")
    value: str = Field(description="the number as written, e.g. 2826.23")
    unit: str = Field(default="", description="the unit as written, e.g. 万元、元")
    quote: str = Field(description="verbatim text stating this figure with its label")
    yuan: SkipJsonSchema[str | None] = None  # value in 元, computed in Python

    @model_validator(mode="after")
    def _grounded(self, info: ValidationInfo) -> Amount:
        self._ground(info, self.quote, values=(self.value,), name=self.label)
        return self


class Target(_Base):
    comparator: Comparator | None = Field(default=None, description=">=, <=, >, <, = or top")
    value: str | None = Field(default=None, description="target number as written, e.g. 90")
    unit: str | None = Field(default=None, description="unit as written, e.g. %")
    raw: str | None = Field(default=None, description="the target as written, e.g. ≥90%")
    quote: str | None = Field(default=None, description="verbatim text stating the target")
    span: SkipJsonSchema[list[int] | None] = None

    @field_validator("comparator", mode="before")
    @classmethod
    def _comparator(cls, v: Any) -> Any:
        return comparator_of(v) if isinstance(v, str) else v

    @model_validator(mode="after")
    def _from_raw(self) -> Target:
        if self.comparator is None:
            self.comparator = comparator_of(self.raw)  # type: ignore[assignment]
        return self


class Actual(_Base):
    value: str | None = Field(default=None, description="achieved number as written, e.g. 80")
    unit: str | None = Field(default=None, description="unit as written, e.g. %")
    raw: str | None = Field(default=None, description="the actual value as written")
    quote: str | None = Field(default=None, description="verbatim text stating the actual value")
    span: SkipJsonSchema[list[int] | None] = None


class Indicator(_Quoted):
    """One performance indicator (三级指标) with its target, actual value, weight and score."""

    level1: str | None = Field(default=None, description="一级指标, e.g. 产出指标")
    level2: str | None = Field(default=None, description="二级指标, e.g. 质量指标")
    name: str = Field(description="三级指标 name as written, e.g. 医保参保率")
    target: Target | None = None
    actual: Actual | None = None
    weight: str | None = Field(default=None, description="分值/权重 as written")
    score: str | None = Field(default=None, description="得分 as written")
    quote: str = Field(description="verbatim text naming this indicator (its row or sentence)")
    _dropped: list[str] = PrivateAttr(default_factory=list)

    @model_validator(mode="after")
    def _grounded(self, info: ValidationInfo) -> Indicator:
        grounder, strict = _ctx(info)
        if grounder is None:
            return self
        errors: list[str] = []
        try:
            g = grounder.locate(self.quote, name=self.name)
            self.span = [g.start, g.end]
        except QuoteError as exc:
            errors.append(f"quote: {exc}")
            self.span = None
            self._problem = str(exc)
            g = None
        for field_name in ("weight", "score"):
            raw = getattr(self, field_name)
            if g is None or raw is None or grounder.has_value(g, raw):
                continue
            msg = f"the {field_name} {raw} is not in the quote {grounder.clean(self.quote)!r}"
            errors.append(f"{field_name}: {msg}")
            self._dropped.append(f"{field_name}: {msg}")
            setattr(self, field_name, None)
        for part_name in ("target", "actual"):
            part = getattr(self, part_name)
            if part is None or (part.value is None and not part.quote):
                continue
            try:
                g = grounder.locate(part.quote, values=(part.value,), name=self.name)
                part.span = [g.start, g.end]
            except QuoteError as exc:
                errors.append(f"{part_name}.quote: {exc}")
                self._dropped.append(f"{part_name}: {exc}")
                setattr(self, part_name, None)
        if strict and errors:
            raise ValueError(f"indicator {self.name!r}: " + "; ".join(errors))
        return self


class _Passage(_Quoted):
    """A passage of the report taken as written (a goal, a problem, a measure)."""

    text: str
    quote: str

    @model_validator(mode="after")
    def _grounded(self, info: ValidationInfo) -> _Passage:
        self._ground(info, self.quote)
        return self


class Goal(_Passage):
    """An annual performance goal (年度绩效目标)."""

    text: str = Field(description="the goal, as written")
    quote: str = Field(description="verbatim text of the goal")


class Problem(_Passage):
    """A problem the report admits (存在问题)."""

    text: str = Field(description="the problem, as written")
    quote: str = Field(description="verbatim text of the problem")


class Measure(_Passage):
    """An improvement measure the report gives (改进措施)."""

    text: str = Field(description="the measure, as written")
    quote: str = Field(description="verbatim text of the measure")


class Extraction(_Base):
    """What the report states, as written; Python reads the numbers."""

    unit: str | None = Field(default=None, description="单位名称")
    year: int | None = Field(default=None, description="the year reviewed, e.g. 2024")
    self_score: str | None = Field(default=None, description="自评得分 as written, e.g. 95.29")
    grade: str | None = Field(default=None, description="自评等级 as written, e.g. 优")
    self_score_quote: str | None = Field(default=None, description="verbatim text of the score")
    budget: list[Amount] = Field(default_factory=list)
    goals: list[Goal] = Field(default_factory=list)
    indicators: list[Indicator] = Field(default_factory=list)
    problems: list[Problem] = Field(default_factory=list)
    measures: list[Measure] = Field(default_factory=list)
    self_score_span: SkipJsonSchema[list[int] | None] = None
    self_score_by: SkipJsonSchema[By | None] = None
    meta: SkipJsonSchema[dict[str, Any]] = Field(default_factory=dict)
    _score_problem: str | None = PrivateAttr(default=None)

    @field_validator("year", mode="before")
    @classmethod
    def _year(cls, v: Any) -> Any:
        if isinstance(v, str):
            m = re.search(r"(19|20)\d\d", v)
            return int(m.group(0)) if m else None
        return v

    @model_validator(mode="after")
    def _grounded(self, info: ValidationInfo) -> Extraction:
        grounder, strict = _ctx(info)
        if grounder is None or not self.self_score:
            return self
        try:
            g = grounder.locate(self.self_score_quote, values=(self.self_score,))
            self.self_score_span = [g.start, g.end]
        except QuoteError as exc:
            if strict:
                raise ValueError(f"self_score_quote: {exc}") from None
            self.self_score_span = None
            self._score_problem = str(exc)
        return self


if TYPE_CHECKING:
    CritiqueKind = str
else:  # the enum of the model's answer: the critique kinds of the rule catalog (L codes)
    CritiqueKind = Literal[CRITIQUE_KINDS]
Criterion = Literal["指向明确", "细化量化", "合理可行", "相应匹配"]


class CritiqueItem(_Quoted):
    """One judgement about a goal, an indicator, or the report as a whole."""

    kind: CritiqueKind
    severity: Literal["error", "warning", "info"] = "warning"
    criterion: Criterion | None = Field(default=None, description="which 目标 rule is broken")
    quote: str = Field(description="verbatim text where the problem is (or is felt)")
    reason: str = Field(description="why, in one or two sentences")
    rewrite: str | None = Field(
        default=None, description="for a vague target: a concrete rewrite, e.g. 群众满意度≥90%"
    )

    @field_validator("kind", mode="before")
    @classmethod
    def _kind(cls, v: Any) -> Any:
        if isinstance(v, str):
            v = v.strip().lower().replace("-", "_").replace(" ", "_")
            if v not in CRITIQUE_KINDS:
                return "other"
        return v

    @field_validator("severity", mode="before")
    @classmethod
    def _severity(cls, v: Any) -> Any:
        if isinstance(v, str):
            v = v.strip().lower()
            return v if v in {"error", "warning", "info"} else "warning"
        return v

    @field_validator("criterion", mode="before")
    @classmethod
    def _criterion(cls, v: Any) -> Any:
        return v if v in Criterion.__args__ else None  # type: ignore[attr-defined]

    @model_validator(mode="after")
    def _grounded(self, info: ValidationInfo) -> CritiqueItem:
        self._ground(info, self.quote)
        return self


class Critique(_Base):
    items: list[CritiqueItem] = Field(default_factory=list)


# ---------------------------------------------------------------------------------------------
# Pruning: drop what did not ground, and say what was dropped.


class Dropped(BaseModel):
    """An item the model produced whose quote never grounded."""

    what: str
    text: str
    reason: str


def prune_extraction(ex: Extraction) -> list[Dropped]:
    """Remove ungrounded items from `ex` in place; return what was removed."""
    dropped: list[Dropped] = []

    def keep(items: list[Any], what: str, label: str) -> list[Any]:
        out = []
        for it in items:
            if it._problem:
                dropped.append(Dropped(what=what, text=str(getattr(it, label)), reason=it._problem))
            else:
                out.append(it)
        return out

    ex.budget = keep(ex.budget, "budget", "label")
    ex.goals = keep(ex.goals, "goal", "text")
    ex.problems = keep(ex.problems, "problem", "text")
    ex.measures = keep(ex.measures, "measure", "text")
    ex.indicators = keep(ex.indicators, "indicator", "name")
    for ind in ex.indicators:
        for note in ind._dropped:
            part, _, reason = note.partition(": ")
            dropped.append(Dropped(what=f"indicator {part}", text=ind.name, reason=reason))
        ind._dropped = []
    if ex.self_score and ex.self_score_span is None:
        dropped.append(
            Dropped(what="self_score", text=ex.self_score, reason=ex._score_problem or "no quote")
        )
        ex.self_score = None
        ex.grade = None
    return dropped


# One passage given more verdicts than this is a degenerate answer (a small model echoing the
# list of kinds from the prompt), not a judgement: all its items are dropped.
MAX_KINDS_PER_QUOTE = 3


def prune_critique(cr: Critique) -> list[Dropped]:
    dropped = [
        Dropped(what=f"critique {it.kind}", text=it.quote, reason=it._problem)
        for it in cr.items
        if it._problem
    ]
    cr.items = [it for it in cr.items if not it._problem]
    kinds: dict[str, set[str]] = {}
    for it in cr.items:
        kinds.setdefault("".join(it.quote.split()), set()).add(it.kind)
    echoed = {q for q, ks in kinds.items() if len(ks) > MAX_KINDS_PER_QUOTE}
    for it in cr.items:
        q = "".join(it.quote.split())
        if q in echoed:
            reason = f"one passage was given {len(kinds[q])} different verdicts (degenerate answer)"
            dropped.append(Dropped(what=f"critique {it.kind}", text=it.quote, reason=reason))
    cr.items = [it for it in cr.items if "".join(it.quote.split()) not in echoed]
    return dropped
