"""Semantic review: the rules pick candidates (`candidates.py`), the model answers one short
question about each, Python keeps what is grounded.

The finding points at the candidate's own passages (Python's spans, never the model's quote):

* yes (judge.v2: the model first copies what each passage is about, `first` and `second`,
  then answers `conflict`): warning, with its reason. For a `state` candidate the yes is
  Python's: both copied things occur in their passages and name the same thing
  (`same_thing`; "消除了农村饮水安全隐患" vs "存在农村道路破损" share a word, not a thing). The
  1.5B model's own yes/no on these flipped with the wording (judge.v1 said yes to near misses,
  judge.v2 no to real conflicts), while what it copied was right. Other candidates take the
  model's yes/no;
* the model says no, or could not answer (cut off, over budget, failed), and the evidence is
  plain: info, "请核实", with the model's verdict recorded (`data.model_verdict`);
* the model says no and the evidence is not plain: no finding (counted in the meta).
"""

from __future__ import annotations

import math
from typing import Any

from reviewer.document import Document
from reviewer.errors import ReviewerError
from reviewer.llm import prompts
from reviewer.llm.candidates import Candidate, candidates
from reviewer.llm.codes import rule_for
from reviewer.llm.compact import JUDGE_SCHEMA, Budget, ShortVerdict, Verdict, ask
from reviewer.llm.grounding import Grounder
from reviewer.models import Finding, Lang, Severity
from reviewer.regex import lazy

_PASSAGE = 90  # characters of each passage sent to the model


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _PASSAGE else text[: _PASSAGE - 1] + "…"


def _messages(prompt: prompts.Prompt, doc: Document, c: Candidate) -> list[dict[str, str]]:
    return prompt.render(
        first=_clip(doc.norm[c.first[0] : c.first[1]]),
        second=_clip(doc.norm[c.second[0] : c.second[1]]),
        question=c.question,
    )


def run(
    doc: Document, client: Any, budget: Budget, lang: Lang = "zh"
) -> tuple[list[Finding], dict[str, Any]]:
    prompt = prompts.load("judge")
    grounder = Grounder(doc)
    out: list[Finding] = []
    stats: dict[str, Any] = {
        "candidates": 0,
        "yes": 0,
        "no": 0,
        "unanswered": 0,
        "kept": 0,
        "dropped": 0,
    }
    errors: list[str] = []
    for n, c in enumerate(candidates(doc)):
        stats["candidates"] += 1
        msgs = _messages(prompt, doc, c)
        label = f"judge {n + 1} ({c.generator})"

        def shorter(msgs: list[dict[str, str]] = msgs) -> tuple[type[ShortVerdict], Any, int]:
            return ShortVerdict, msgs, 70

        verdict: Any = None
        try:
            verdict = ask(
                client, budget, grounder, model=Verdict, messages=msgs, prompt=prompt.ref,
                schema=JUDGE_SCHEMA, max_tokens=90, label=label, shorter=shorter,
            )  # fmt: skip
        except ReviewerError as exc:
            errors.append(f"{label}: {exc}")
        if verdict is None:
            stats["unanswered"] += 1
        elif _yes(doc, c, verdict):
            stats["yes"] += 1
        else:
            stats["no"] += 1
        f = _finding(doc, c, verdict, lang)
        if f is None:
            stats["dropped"] += 1
        else:
            stats["kept"] += 1
            out.append(f)
    if errors:
        stats["errors"] = errors
    return out, stats


def _finding(doc: Document, c: Candidate, verdict: Any, lang: Lang) -> Finding | None:
    yes = verdict is not None and _yes(doc, c, verdict)
    if not yes and not c.plain:
        return None
    rule = rule_for(c.kind)
    a = doc.norm[c.first[0] : c.first[1]].strip()
    b = doc.norm[c.second[0] : c.second[1]].strip()
    reason = (verdict.reason.strip() if verdict is not None else "") or ""
    zh = lang == "zh"
    if c.kind == "contradiction":
        base_zh = f"“{_short(a)}”与“{_short(b)}”对“{c.subject}”的说法不一致"
        base_en = f"'{_short(a)}' and '{_short(b)}' disagree about '{c.subject}'"
    else:
        base_zh = f"“{_short(a)}”的结论与附近的“{_short(b)}”不符"
        base_en = f"the claim '{_short(a)}' is at odds with '{_short(b)}' nearby"
    if yes:
        message = f"{base_zh}（模型判断：{reason}）" if zh else f"{base_en} (model: {reason})"
        severity = Severity.WARNING
    else:
        why = "模型未作答" if verdict is None else f"模型判断不矛盾：{reason}"
        why_en = "no answer from the model" if verdict is None else f"model says no: {reason}"
        message = f"{base_zh}，请核实（{why}）" if zh else f"{base_en}; please verify ({why_en})"
        severity = Severity.INFO
    return Finding(
        code=rule.code,
        kind=rule.kind,
        severity=severity,
        source="llm",
        message=message,
        spans=[doc.span(*c.first), doc.span(*c.second)],
        data={
            "family": rule.family,
            "slug": rule.name,
            "candidate": c.generator,
            "subject": c.subject,
            "plain": c.plain,
            "model_verdict": None if verdict is None else ("yes" if yes else "no"),
            "model_conflict": None if verdict is None else verdict.conflict,
            "model_things": None if verdict is None else [verdict.first, verdict.second],
            "reason": reason,
        },
    )


# Words that say a state, not what is in it: stripped before two things are compared.
_STATE_WORDS = lazy(
    r"基本|全面|彻底|全部|已经|已|消除|杜绝|根除|清零|完成|目前|仍然|仍有|仍|还有|还|尚有|尚未|尚|"
    r"存在|剩余|未|了|的|部分|[\d.]+|[，,。；;、\s()（）]"
)


def same_thing(a: str, b: str) -> bool:
    """Two copied phrases name the same thing: after the state words are stripped, a common
    run of at least two characters and at least 60 % of the shorter one."""
    x, y = _STATE_WORDS.sub("", a), _STATE_WORDS.sub("", b)
    if len(x) < 2 or len(y) < 2:
        return False
    need = max(2, math.ceil(0.6 * min(len(x), len(y))))
    return any(x[i : i + need] in y for i in range(len(x) - need + 1))


def _yes(doc: Document, c: Candidate, verdict: Any) -> bool:
    """The verdict Python keeps. A `state` candidate (消除 vs 存在) is a conflict when the two
    things the model copied occur in their passages and are the same thing: its own yes/no is
    kept in the data but not trusted (on the recorded suite it flipped with the question's
    wording: judge.v1 said yes to different things, judge.v2 no to the same thing). Other
    candidates take the model's yes/no."""
    if c.generator != "state":
        return bool(verdict.conflict)
    first = " ".join(doc.norm[c.first[0] : c.first[1]].split())
    second = " ".join(doc.norm[c.second[0] : c.second[1]].split())
    a, b = verdict.first.strip(), verdict.second.strip()
    grounded = bool(a) and bool(b) and a in first and b in second
    return grounded and same_thing(a, b)


def _short(text: str, n: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"
