"""Rewrites by the model, verified by Python.

The rules' Q001 findings carry their vague targets (`data.rewrites`: indicator, target as
written, the rules' proposal). One compact call per report asks the model to rewrite them all;
Python checks each answer and either takes it (`rewrite_check: "accepted"`) or keeps the
rules' proposal and says why the model's was rejected:

1. it names the same indicator (most of the name's characters, in one run);
2. it has a comparator, a number and a unit, or a completion date, and passes
   `is_measurable` (the vague-target test of the rules);
3. it is plausible: a rate or a satisfaction at most 100 %, a percentage only for an indicator
   a percentage can measure (a rate, a degree, a share, an index, growth), a number above
   zero, no upper bound on a rate that is better when higher (a reduction rate included),
   money within the report's budget line.

An accepted satisfaction target keeps the rules' note on how it is surveyed.
"""

from __future__ import annotations

import math
from decimal import Decimal, InvalidOperation
from typing import Any, NamedTuple

from reviewer import regex as rx
from reviewer.checks.target_rewrites import budget_line, is_measurable, within_budget
from reviewer.claims.rate_classes import HIGHER_BETTER, LOWER_OK
from reviewer.claims.report import evaluated_year, report_title
from reviewer.claims.sections import sections
from reviewer.document import Document
from reviewer.llm import prompts
from reviewer.llm.compact import MAX_REWRITES, REWRITE_SCHEMA, Budget, RewriteAnswer, Rewrites, ask
from reviewer.llm.grounding import Grounder
from reviewer.models import Finding
from reviewer.numbers import MONEY_SCALE, fmt
from reviewer.regex import lazy

_SYMBOL = {">=": "≥", "<=": "≤", "=": "="}
_DATE = lazy(
    r"(?:19|20)\d\d年\d{1,2}月(?:\d{1,2}日)?(?:前|之前|以前|底)?|\d{1,2}月(?:底|\d{1,2}日前)"
)
_BOUNDED = lazy(r"率$|度$|比例$|占比$|满意")
_UNBOUNDED = lazy(r"增长|增幅|提高率|变动|超")
# Names a percentage can measure: rates, degrees, shares, indices, growth, income levels.
_PERCENT_NAME = lazy(r"(?:率|度|性|比例|比重|占比|指数|增长|增幅|收入|水平)$")
_REDUCTION_RATE = lazy(r"(?:减少|下降|降低|压减|削减)率$")  # better when higher
_DUTY_TITLE = lazy(r"职能|职责|主要任务|基本情况")
ACCEPTED = "accepted"


class Item(NamedTuple):
    """One vague target: where its record sits (finding, index in data.rewrites)."""

    finding: Finding
    position: int
    indicator: str
    target: str
    sentence: str
    kind: str


def items_of(findings: list[Finding]) -> list[Item]:
    out: list[Item] = []
    for f in findings:
        if f.code != "Q001":
            continue
        for i, rec in enumerate(f.data.get("rewrites") or []):
            span = f.spans[i] if i < len(f.spans) else (f.spans[0] if f.spans else None)
            sentence = span.text if span is not None else rec.get("target", "")
            out.append(
                Item(f, i, rec["indicator"], rec["target"], _clip(sentence, 60), rec["type"])
            )
    return out


def _clip(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def duties_line(doc: Document) -> str:
    """The unit's duties in one line (the first sentence under a duties heading), else the
    report's title."""
    for s in sections(doc):
        if _DUTY_TITLE.search(s.title) and s.body_start < s.end:
            body = doc.norm[s.body_start : s.end].strip()
            first = rx.split(r"[。；;\n]", body, maxsplit=1)[0] if body else ""
            if len(first) >= 8:
                return _clip(first, 50)
    title = report_title(doc)
    return _clip(title[2], 50) if title else "（未写明）"


def compose(indicator: str, ans: RewriteAnswer) -> str:
    """The rewrite as text, built in Python from the model's fields."""
    text = ""
    number = _number(ans.number)
    if number is not None and ans.unit.strip():
        text = f"{indicator}{_SYMBOL[ans.comparator]}{fmt(number)}{ans.unit.strip()}"
    deadline = ans.deadline.strip()
    if deadline and _DATE.search(deadline):
        text = f"{text}（{deadline}）" if text else f"{indicator}：{deadline}完成"
    return text


def _number(x: float) -> Decimal | None:
    if not math.isfinite(x):
        return None
    try:
        return Decimal(repr(x)).normalize()
    except InvalidOperation:
        return None


def _same_indicator(name: str, answered: str) -> bool:
    a = "".join(name.split())
    b = "".join(answered.split())
    if not a or not b:
        return False
    if a in b or (b in a and len(b) >= 2):
        return True
    need = max(2, math.ceil(0.6 * min(len(a), len(b))))
    for size in range(min(len(a), len(b)), need - 1, -1):
        if any(a[i : i + size] in b for i in range(len(a) - size + 1)):
            return True
    return False


def check(doc: Document, item: Item, ans: RewriteAnswer | None) -> tuple[str, str]:
    """(rewrite text, "accepted" or the reason it is rejected)."""
    if ans is None:
        return "", "模型未给出该项改写"
    if not _same_indicator(item.indicator, ans.indicator):
        return "", f"指标名称不符（模型写为“{ans.indicator}”）"
    text = compose(item.indicator, ans)
    if not text:
        return "", "没有比较符、数值和单位，也没有完成期限"
    if not is_measurable(text):
        return text, "改写仍不可衡量"
    number = _number(ans.number)
    unit = ans.unit.strip().replace("％", "%")
    if number is not None and unit:
        if number <= 0:
            return text, "目标数值不大于0"
        bounded = _BOUNDED.search(item.indicator) and not _UNBOUNDED.search(item.indicator)
        if unit == "%" and number > 100 and bounded:
            return text, "比率目标超过100%"
        if unit == "%" and not _PERCENT_NAME.search(item.indicator):
            return text, "该指标不是比率，百分比目标无所指"
        higher = bool(_REDUCTION_RATE.search(item.indicator)) or (
            bool(HIGHER_BETTER.search(item.indicator)) and not LOWER_OK.search(item.indicator)
        )
        if ans.comparator == "<=" and higher:
            return text, "越高越好的指标不应设上限"
        if unit in MONEY_SCALE:
            budget = budget_line(doc)
            if budget is not None and not within_budget(number, unit, budget):
                return text, f"金额超过年度预算{budget.raw}"
    if item.kind == "satisfaction" and "调查" not in text:
        text += "（年末问卷调查，写明调查对象、有效样本数和调查方式）"
    return text, ACCEPTED


def _message(prompt: prompts.Prompt, doc: Document, items: list[Item]) -> list[dict[str, str]]:
    rows = "\n".join(
        f"{i + 1}. 指标：{it.indicator}｜原目标：{it.target}｜原文：{it.sentence}"
        for i, it in enumerate(items)
    )
    year = evaluated_year(doc)
    return prompt.render(duties=duties_line(doc), year=str(year or "未写明"), items=rows)


def run(doc: Document, findings: list[Finding], client: Any, budget: Budget) -> dict[str, Any]:
    """Ask the model to rewrite every vague target of the report (batches of MAX_REWRITES),
    verify each answer and write the result into the Q001 findings. Returns the counts."""
    prompt = prompts.load("rewrite")
    items = items_of(findings)
    grounder = Grounder(doc)
    answers: dict[int, RewriteAnswer] = {}
    stated: dict[int, str] = {}
    for lo in range(0, len(items), MAX_REWRITES):
        batch = items[lo : lo + MAX_REWRITES]
        cap = 50 * len(batch) + 30
        label = f"rewrite {lo + 1}-{lo + len(batch)}"

        def shorter(batch: list[Item] = batch) -> tuple[type[Rewrites], list[dict[str, str]], int]:
            half = batch[: max(1, len(batch) // 2)]
            return Rewrites, _message(prompt, doc, half), 50 * len(half) + 30

        got = ask(
            client, budget, grounder, model=Rewrites, messages=_message(prompt, doc, batch),
            prompt=prompt.ref, schema=REWRITE_SCHEMA, max_tokens=cap, label=label,
            shorter=shorter,
        )  # fmt: skip
        if got is None:
            cut = label in budget.cutoffs
            why = "模型回答被截断" if cut else "超出本报告的模型token预算，未调用"
            for j in range(len(batch)):
                stated[lo + j] = why
            continue
        assert isinstance(got, Rewrites)
        for ans in got.items:
            if 1 <= ans.id <= len(batch) and lo + ans.id - 1 not in answers:
                answers[lo + ans.id - 1] = ans
    accepted = 0
    for k, item in enumerate(items):
        if k in stated:
            text, verdict = "", stated[k]
        else:
            text, verdict = check(doc, item, answers.get(k))
        rec = item.finding.data["rewrites"][item.position]
        rec["rewrite_check"] = verdict
        if text:
            rec["model_rewrite"] = text
        if verdict == ACCEPTED:
            accepted += 1
            rec["rules_rewrite"] = rec["rewrite"]
            rec["rewrite"] = text
            rec["by"] = "model"
        else:
            rec["by"] = "rules"
    for f in {id(it.finding): it.finding for it in items}.values():
        _update_finding(f)
    return {"proposed": len(items), "model_answers": len(answers), "accepted": accepted}


def _update_finding(f: Finding) -> None:
    recs = f.data["rewrites"]
    old = f.data.get("rewrite", "")
    new = "；".join(r["rewrite"] for r in recs)
    by = {r.get("by", "rules") for r in recs}
    f.data["rewrite"] = new
    f.data["rewrite_by"] = by.pop() if len(by) == 1 else "mixed"
    checks = [r.get("rewrite_check", "") for r in recs]
    f.data["rewrite_check"] = (
        ACCEPTED if all(c == ACCEPTED for c in checks) else "；".join(dict.fromkeys(checks))
    )
    if new == old or not old or old not in f.message:
        return
    msg = f.message.replace(old, new)
    basis = f.data.get("rewrite_basis", "")
    if basis and f.data["rewrite_by"] == "model":
        msg = msg.replace(f"（{basis}）", "（模型改写，经程序核验）")
        msg = msg.replace(f"({basis})", "(the model's rewrite, checked by the program)")
    f.message = msg
