"""Extraction: the rules' own readings first, the model only for what they could not read.

`run()` (extract.v2, the default pipeline):

1. `from_rules(doc)` fills an `Extraction` from `reviewer.claims`: indicators with their target,
   actual, weight and score (paired as the target checks pair them), the labelled goals, the
   budget line, the self-score and grade; every entry has its span and `by="rules"`.
2. `gap_request(doc, rules)` picks what the rules left: the goals and indicator sections only
   (never the whole report), without the lines the rules read in full, plus the names of the
   indicators the rules read there (so the model does not repeat them). Nothing left: no call.
3. One compact call (`compact.ask`, the report's token budget) returns the indicators (and the
   goals, when the rules read none) still missing, in short fields.
4. `accept_gaps()`: Python grounds every quote (`grounding.py`: unique, long enough, naming the
   indicator), re-checks that each target and actual figure is in its quote, reads comparator,
   number and unit itself, and drops an entry that duplicates a rules entry (same indicator, or
   the same statement). What is dropped is returned with the reason, never silently.

`run_full()` (extract.v1, `REVIEWER_PIPELINE=full`) is the older whole-report extraction: the
report in chunks, everything read by the model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from reviewer.claims import indicators as core
from reviewer.claims.goal_prose import labelled_goals
from reviewer.claims.indicator_forms import form_rows
from reviewer.claims.report import evaluated_year
from reviewer.claims.sections import section_path, sections
from reviewer.claims.selfscore import grade_statements, self_scores
from reviewer.claims.vocabulary import COMPARATOR_ALT
from reviewer.document import Document
from reviewer.document.normalize import normalize
from reviewer.llm import prompts
from reviewer.llm.assess import to_yuan
from reviewer.llm.chunking import nonce_of, split
from reviewer.llm.client import LLMClient
from reviewer.llm.compact import (
    GAPS_SCHEMA,
    MAX_GAP_GOALS,
    MAX_GAP_INDICATORS,
    Budget,
    GapIndicator,
    ask,
    gap_cap,
    gap_model,
)
from reviewer.llm.grounding import Grounder, QuoteError, decimal_or_none
from reviewer.llm.schema import (
    EXTRACTION_SCHEMA,
    MODEL,
    RULES,
    Actual,
    Amount,
    Dropped,
    Extraction,
    Goal,
    Indicator,
    Target,
    comparator_of,
    prune_extraction,
)
from reviewer.numbers import find_quantities, fmt
from reviewer.regex import lazy

# Sections that state goals or indicators (绩效目标, 绩效指标完成情况, 产出指标 …), unless they
# sit under the problems or measures part (绩效目标管理有待提质 is a problem, not a goal).
_GOAL_TITLE = lazy(r"目标|指标")
_GOALS_ONLY_TITLE = lazy(r"目标")
_NOT_GOAL_TITLE = lazy(r"问题|不足|措施|建议|整改|原因|下一步")
MAX_SENT_CHARS = 2000  # report text in the extraction call, at most
MAX_KNOWN_NAMES = 60  # names of rules-read indicators listed in the call, at most
_CJK = lazy(r"[\u4e00-\u9fff]")
_COMPARATOR = lazy(rf"{COMPARATOR_ALT}|——")


# --------------------------------------------------------------------------- the rules' reading


def _value_text(v: Any) -> str:
    return fmt(v) if v is not None else ""


def _target(doc: Document, i: core.Indicator) -> Target:
    raw = doc.text[i.value_start : i.value_end] or i.text_value
    comp = i.comparator if i.comparator in (">=", "<=", ">", "<", "=", "top") else None
    return Target(
        comparator=comp,  # type: ignore[arg-type]
        value=_value_text(i.value) or None,
        unit=i.unit or None,
        raw=raw or None,
        quote=doc.text[i.start : i.end],
        span=[i.start, i.end],
    )


def _actual(doc: Document, i: core.Indicator) -> Actual:
    raw = i.quantity.raw if i.quantity is not None else i.text_value
    return Actual(
        value=_value_text(i.value) or None,
        unit=i.unit or None,
        raw=raw or None,
        quote=doc.text[i.start : i.end],
        span=[i.start, i.end],
    )


def _rules_indicators(doc: Document) -> list[Indicator]:
    """One entry per indicator the rules read: a target paired with its actual as the target
    checks pair them, else each statement on its own; weight and score from the form row."""
    weights = {r.name_start: r for r in form_rows(doc)}
    paired = core.pairs(doc)
    used: set[tuple[int, int]] = set()
    out: list[Indicator] = []
    seen: set[tuple[str, str]] = set()

    def add(t: core.Indicator | None, a: core.Indicator | None) -> None:
        first = t or a
        assert first is not None
        ind = Indicator(
            name=first.name,
            target=_target(doc, t) if t is not None else None,
            actual=_actual(doc, a) if a is not None else None,
            quote=doc.text[first.start : first.end],
            by=RULES,
        )
        ind.span = [first.start, first.end]  # the statement quoted; each part has its own
        row = weights.get(first.name_start)
        if row is not None:
            if row.weight is not None:
                ind.weight = fmt(row.weight.quantity.value)
            if row.score is not None:
                ind.score = fmt(row.score.quantity.value)
        out.append(ind)

    for t, a in paired:
        add(t, a)
        used.update({(t.start, t.name_start), (a.start, a.name_start)})
        seen.update({(t.key, t.role), (a.key, a.role)})
    for i in core.indicators(doc):
        if (i.start, i.name_start) in used or i.role not in (core.TARGET, core.ACTUAL):
            continue
        key = (i.key, i.role)
        if key in seen:
            continue  # the same indicator stated twice in one role: its first statement
        seen.add(key)
        if i.role == core.TARGET:
            add(i, None)
        else:
            add(None, i)
    out.sort(key=lambda x: (x.span or [0])[0])
    return out


def _clause_label(doc: Document, start: int) -> str:
    """The words before a figure in its clause (its label as written)."""
    lo = start
    while lo > 0 and start - lo < 16 and doc.norm[lo - 1] not in "，,。；;：:\n（(":
        lo -= 1
    return doc.text[lo:start].strip() or "预算"


def from_rules(doc: Document) -> Extraction:
    """What the rules read, as an `Extraction` (every entry `by="rules"`, with its span)."""
    from reviewer.checks.target_rewrites import budget_line

    ex = Extraction(year=evaluated_year(doc))
    ex.indicators = _rules_indicators(doc)
    for g in labelled_goals(doc):
        for a, b in g.items:
            text = doc.text[a:b]
            ex.goals.append(Goal(text=text, quote=text, span=[a, b], by=RULES))
    q = budget_line(doc)
    if q is not None:
        value = fmt(q.value)
        ex.budget.append(
            Amount(
                label=_clause_label(doc, q.start),
                value=value,
                unit=q.unit,
                quote=doc.text[q.start : q.end],
                span=[q.start, q.end],
                yuan=to_yuan(value, q.unit),
                by=RULES,
            )
        )
    scores = self_scores(doc)
    if scores:
        s = scores[0]
        ex.self_score, ex.grade = fmt(s.value), s.grade
        ex.self_score_quote = doc.text[s.start : s.end]
        ex.self_score_span, ex.self_score_by = [s.start, s.end], RULES
    else:
        grades = grade_statements(doc)
        if grades:
            ex.grade, ex.self_score_by = grades[0].grade, RULES
    return ex


# --------------------------------------------------------------------------- what is left


@dataclass
class GapRequest:
    """What the model is asked: the unread lines of the goals and indicator sections."""

    text: str = ""
    known: list[str] = field(default_factory=list)  # names the rules read there
    ask_goals: bool = False  # the rules read no goal, and a section is titled with goals
    rules_goals: bool = False  # the rules read the goals
    sent_lines: int = 0
    content_lines: int = 0  # sent lines other than headings
    left_out_lines: int = 0  # lines the rules read in full
    clipped: bool = False  # text cut at MAX_SENT_CHARS

    @property
    def empty(self) -> bool:
        return not self.text


def outer_goal_spans(doc: Document) -> list[tuple[int, int]]:
    """The (start, end) spans of the outermost sections titled with goals or indicators,
    outside problems and measures."""
    out: list[tuple[int, int]] = []
    for s in sections(doc):
        if not _GOAL_TITLE.search(s.title) or (out and s.start < out[-1][1]):
            continue
        if any(_NOT_GOAL_TITLE.search(p.title) for p in section_path(doc, s.start)):
            continue
        out.append((s.start, s.end))
    return out


def _read_regions(doc: Document) -> list[tuple[int, int]]:
    regions = [(i.start, i.end) for i in core.indicators(doc)]
    regions += [(r.start, r.end) for r in form_rows(doc)]
    return regions


def gap_request(doc: Document, rules: Extraction) -> GapRequest:
    """The goals and indicator sections without the lines the rules read in full (a line is
    read when it holds a rules statement and every figure in it lies inside one); headings
    stay, for context. Empty when nothing but headings is left."""
    spans = outer_goal_spans(doc)
    # goals are asked for only when the rules read none and a section's title names goals
    # (绩效目标), not only indicators (绩效指标评价分析 holds evaluation prose, not goals)
    titled = any(
        _GOALS_ONLY_TITLE.search(x.title)
        for x in sections(doc)
        if any(a <= x.start < b for a, b in spans)
    )
    req = GapRequest(ask_goals=not rules.goals and titled, rules_goals=bool(rules.goals))
    if not spans:
        return req
    regions = _read_regions(doc)
    heads = {s.start for s in sections(doc)}
    kept: list[str] = []
    size = 0
    for line in doc.lines:
        if not any(a <= line.start < b for a, b in spans) or not line.text.strip():
            continue
        inside = [(a, b) for a, b in regions if a < line.end and b > line.start]
        figures = find_quantities(doc.norm, line.start, line.end)
        if inside and all(any(a <= q.start < b for a, b in inside) for q in figures):
            req.left_out_lines += 1
            continue
        text = line.text.strip()
        if size + len(text) > MAX_SENT_CHARS:
            req.clipped = True
            break
        kept.append(text)
        size += len(text) + 1
        if line.start in heads or len(_CJK.findall(text)) < 2:
            continue
        # a line the model may read an indicator from: a figure or a comparator the rules
        # left unread (or any prose, when the goals are asked for too)
        if req.ask_goals or figures or _COMPARATOR.search(text):
            req.content_lines += 1
    if not req.content_lines:
        return req
    req.text, req.sent_lines = "\n".join(kept), len(kept)
    known: dict[str, str] = {}
    for ind in rules.indicators:
        start = (ind.span or [0])[0]
        if any(a <= start < b for a, b in spans):
            known.setdefault(core.name_key(ind.name), ind.name)
    for other in unplaced(doc):  # read, role unknown: not to be read again either
        if any(a <= other.start < b for a, b in spans):
            known.setdefault(other.key, other.name)
    req.known = list(known.values())[:MAX_KNOWN_NAMES]
    return req


def unplaced(doc: Document) -> list[core.Indicator]:
    """Statements the rules read without knowing whether they are a target or an actual
    (qualitative 规范性——规范 in an evaluation): not in the extraction, never asked again."""
    return [i for i in core.indicators(doc) if i.role not in (core.TARGET, core.ACTUAL)]


_GOALS_NOTE = (
    "goals：报告的年度绩效目标（总目标的各条），每条一项，"
    "quote 从原文逐字复制该条目标，不超过50字；没有就返回空列表。"
)


def gap_messages(prompt: prompts.Prompt, req: GapRequest) -> list[dict[str, str]]:
    return prompt.render(
        goals_rule="和年度绩效目标" if req.ask_goals else "",
        known="、".join(req.known) if req.known else "（无）",
        goals_note=(
            _GOALS_NOTE
            if req.ask_goals
            else "年度绩效目标程序已读出，不要摘录目标。"
            if req.rules_goals
            else "不要摘录目标。"
        ),
        nonce=nonce_of(req.text),
        report=req.text,
    )


# --------------------------------------------------------------------------- Python checks


def _part_value(raw: str) -> tuple[str | None, str | None]:
    """(number as written, unit) of a target or actual the model copied, read in Python."""
    text = normalize(raw)
    qs = find_quantities(text, 0, len(text))
    if qs:
        q = qs[0]
        m = re.search(r"-?\d[\d,]*(?:\.\d+)?", q.raw)
        return (m.group(0) if m else fmt(q.value)), q.unit
    m = re.search(r"-?\d[\d,]*(?:\.\d+)?", text)
    if not m:
        return None, None
    unit = text[m.end() :].strip()
    unit = re.sub(r"(?:以上|以内|以下|及以上|及以下)$", "", unit)[:4]
    return m.group(0), (unit or None)


def _squeeze(s: str) -> str:
    return "".join(normalize(s).split())


def _model_indicator(
    doc: Document, grounder: Grounder, ans: GapIndicator
) -> tuple[Indicator | None, list[Dropped]]:
    """The model's indicator, grounded and re-checked; None (with the reasons) when nothing of
    it holds."""
    name = ans.name.strip()
    dropped: list[Dropped] = []
    try:
        g = grounder.locate(ans.quote, name=name)
    except QuoteError as exc:
        return None, [Dropped(what="indicator", text=name, reason=str(exc))]
    quote_text = doc.text[g.start : g.end]
    parts: dict[str, Target | Actual] = {}
    for part, raw in (("target", ans.target.strip()), ("actual", ans.actual.strip())):
        if not raw:
            continue
        value, unit = _part_value(raw)
        if value is None:  # a value in words (及时, 规范): it must be in the quote as written
            if _squeeze(raw) not in _squeeze(quote_text):
                reason = f"the {part} {raw!r} is not in the quote"
                dropped.append(Dropped(what=f"indicator {part}", text=name, reason=reason))
                continue
        else:
            own = tuple(p.value for p in parts.values() if p.value)  # the target, if it held
            try:
                grounder.locate(ans.quote, values=(*own, value), name=name)
            except QuoteError as exc:
                dropped.append(Dropped(what=f"indicator {part}", text=name, reason=str(exc)))
                continue
        cls = Target if part == "target" else Actual
        item = cls(value=value, unit=unit, raw=raw, quote=quote_text, span=[g.start, g.end])
        if isinstance(item, Target):
            item.comparator = comparator_of(raw)  # type: ignore[assignment]
        parts[part] = item
    if not parts:
        reason = "neither its target nor its actual is in its quote"
        return None, [*dropped, Dropped(what="indicator", text=name, reason=reason)]
    ind = Indicator(name=name, quote=quote_text, by=MODEL, **parts)  # type: ignore[arg-type]
    ind.span = [g.start, g.end]
    return ind, dropped


def _duplicate_of(ind: Indicator, have: list[Indicator]) -> Indicator | None:
    """A rules (or earlier) entry naming the same indicator, or stating it in the same place
    with the same figure."""
    key = core.name_key(ind.name)
    a, b = ind.span or [0, 0]
    values = {
        decimal_or_none(p.value) for p in (ind.target, ind.actual) if p is not None and p.value
    }
    for other in have:
        if core.same_indicator(key, core.name_key(other.name)):
            return other
        for p in (other.target, other.actual):
            if p is None or p.span is None:
                continue
            if p.span[0] < b and p.span[1] > a and decimal_or_none(p.value) in values:
                return other
    return None


def accept_gaps(
    doc: Document, grounder: Grounder, rules: Extraction, answer: Any
) -> tuple[list[Indicator], list[Goal], list[Dropped]]:
    """The model's entries that hold (grounded, numbers in their quotes, not a rules entry)."""
    dropped: list[Dropped] = []
    kept: list[Indicator] = []
    read = [Indicator(name=i.name, quote="", by=RULES) for i in unplaced(doc)]
    for ans in answer.indicators:
        ind, why = _model_indicator(doc, grounder, ans)
        dropped.extend(why)
        if ind is None:
            continue
        same = _duplicate_of(ind, [*rules.indicators, *read, *kept])
        if same is not None:
            who = "a rules entry" if same.by == RULES else "an earlier model entry"
            reason = f"duplicates {who} ({same.name})"
            dropped.append(Dropped(what="indicator", text=ind.name, reason=reason))
            continue
        kept.append(ind)
    goals: list[Goal] = []
    for ga in getattr(answer, "goals", []):
        try:
            g = grounder.locate(ga.quote)
        except QuoteError as exc:
            dropped.append(Dropped(what="goal", text=ga.quote, reason=str(exc)))
            continue
        overlaps = [
            x
            for x in [*rules.goals, *goals]
            if x.span and x.span[0] < g.end and x.span[1] > g.start
        ]
        if overlaps:
            reason = "duplicates a rules entry" if overlaps[0].by == RULES else "repeated"
            dropped.append(Dropped(what="goal", text=ga.quote, reason=reason))
            continue
        text = doc.text[g.start : g.end]
        goals.append(Goal(text=text, quote=text, span=[g.start, g.end], by=MODEL))
    return kept, goals, dropped


# --------------------------------------------------------------------------- the call


def run(
    doc: Document,
    client: LLMClient,
    budget: Budget | None = None,
    grounder: Grounder | None = None,
) -> tuple[Extraction, list[Dropped], dict[str, Any]]:
    """The rules' extraction, completed by one compact model call; returns the extraction,
    what was dropped, and the counts (`meta`: rules / model entries, lines sent and left out)."""
    prompt = prompts.load("extract")
    grounder = grounder or Grounder(doc)
    budget = budget or Budget.for_text(doc.text)
    ex = from_rules(doc)
    req = gap_request(doc, ex)
    info: dict[str, Any] = {
        "rules": {"indicators": len(ex.indicators), "goals": len(ex.goals)},
        "sent_chars": len(req.text),
        "sent_lines": req.sent_lines,
        "left_out_lines": req.left_out_lines,
        "known_names": len(req.known),
        "called": False,
    }
    dropped: list[Dropped] = []
    model_inds: list[Indicator] = []
    model_goals: list[Goal] = []
    if not req.empty:
        # up to one more item than the lines left unread, never more than the schema allows
        items = min(MAX_GAP_INDICATORS, req.content_lines + 1)
        goals = min(MAX_GAP_GOALS, req.content_lines + 1) if req.ask_goals else 0
        full, cap = gap_model(items, goals), gap_cap(items, goals)

        def shorter() -> tuple[type[Any], list[dict[str, str]], int]:
            n, m = max(1, items // 2), (max(1, goals // 2) if goals else 0)
            return gap_model(n, m), gap_messages(prompt, req), gap_cap(n, m)

        calls_before = budget.calls
        got = ask(
            client, budget, grounder, model=full, messages=gap_messages(prompt, req),
            prompt=prompt.ref, schema=GAPS_SCHEMA, max_tokens=cap, label="extract",
            shorter=shorter,
        )  # fmt: skip
        # not sent when it would overrun the report's token budget (said, never silent)
        info["called"] = budget.calls > calls_before
        if got is None:
            cut = "extract" in budget.cutoffs
            info["no_answer"] = "answer cut off after a shorter retry" if cut else "token budget"
        if got is not None:
            model_inds, model_goals, dropped = accept_gaps(doc, grounder, ex, got)
            info["answered"] = {
                "indicators": len(got.indicators),  # type: ignore[attr-defined]
                "goals": len(getattr(got, "goals", [])),
            }
    ex.indicators = sorted([*ex.indicators, *model_inds], key=lambda i: (i.span or [0])[0])
    ex.goals = sorted([*ex.goals, *model_goals], key=lambda g: (g.span or [0])[0])
    info["model"] = {"indicators": len(model_inds), "goals": len(model_goals)}
    info["dropped"] = len(dropped)
    return ex, dropped, info


def model_part(ex: Extraction) -> Extraction:
    """Only the model's entries (what the rules could not read), for the model's findings."""
    return Extraction(
        indicators=[i for i in ex.indicators if i.by == MODEL],
        goals=[g for g in ex.goals if g.by == MODEL],
    )


def run_full(
    doc: Document, client: LLMClient, grounder: Grounder | None = None
) -> tuple[Extraction, list[Dropped]]:
    """extract.v1: every section by the model, merged; the grounded extraction and what was
    dropped (`REVIEWER_PIPELINE=full`)."""
    prompt = prompts.load("extract", prompts.FULL_PIPELINE_VERSIONS["extract"])
    grounder = grounder or Grounder(doc)
    chunks = split(doc, client.settings.char_budget)
    parts: list[Extraction] = []
    dropped: list[Dropped] = []
    for chunk in chunks:
        messages = prompt.render(
            part=chunk.index,
            parts=chunk.count,
            first_line=chunk.first_line,
            last_line=chunk.last_line,
            nonce=chunk.nonce,
            report=chunk.text,
        )
        ex = client.structured(
            Extraction, messages, grounder=grounder, prompt=prompt.ref, schema=EXTRACTION_SCHEMA
        )
        dropped.extend(prune_extraction(ex))
        parts.append(ex)
    merged = merge_parts(parts)
    for amount in merged.budget:
        amount.yuan = to_yuan(amount.value, amount.unit)
    for field_name in ("budget", "goals", "indicators", "problems", "measures"):
        for it in getattr(merged, field_name):
            it.by = MODEL
    if merged.self_score is not None or merged.grade is not None:
        merged.self_score_by = MODEL
    return merged, dropped


def _key(name: str) -> str:
    return re.sub(r"[\s，,。:：;；、()（）]", "", name)


def merge_parts(parts: list[Extraction]) -> Extraction:
    """One extraction from per-section ones: scalars from the first section stating them; an
    indicator named in two sections (target in one, actual in the other) becomes one."""
    out = Extraction()
    for ex in parts:
        for field_name in (
            "unit",
            "year",
            "self_score",
            "grade",
            "self_score_quote",
            "self_score_span",
        ):
            if getattr(out, field_name) is None and getattr(ex, field_name) is not None:
                setattr(out, field_name, getattr(ex, field_name))
        for field_name in ("budget", "goals", "problems", "measures"):
            seen = {tuple(it.span or ()) for it in getattr(out, field_name)}
            for it in getattr(ex, field_name):
                if tuple(it.span or ()) not in seen:
                    getattr(out, field_name).append(it)
                    seen.add(tuple(it.span or ()))
        for ind in ex.indicators:
            _merge_indicator(out.indicators, ind)
    return out


def _merge_indicator(into: list[Indicator], ind: Indicator) -> None:
    for have in into:
        if _key(have.name) != _key(ind.name):
            continue
        clash = False
        for part in ("target", "actual"):
            a, b = getattr(have, part), getattr(ind, part)
            if a is not None and b is not None and a.value != b.value:
                clash = True
        if clash:
            continue
        for part in ("target", "actual", "weight", "score", "level1", "level2"):
            if getattr(have, part) is None and getattr(ind, part) is not None:
                setattr(have, part, getattr(ind, part))
        return
    into.append(ind)
