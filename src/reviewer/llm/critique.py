"""Critique: the model judges goals, indicators and the report; findings carry grounded spans."""

from __future__ import annotations

from reviewer.document import Document
from reviewer.llm import prompts
from reviewer.llm.chunking import outline, split
from reviewer.llm.client import LLMClient
from reviewer.llm.codes import rule_for
from reviewer.llm.grounding import Grounder
from reviewer.llm.schema import CRITIQUE_SCHEMA, Critique, CritiqueItem, Dropped, prune_critique
from reviewer.models import Finding, Lang, Severity

_SCOPE_ONE = "这是全文。"
_SCOPE_PART = (
    "这只是全文的一部分：只对本段中的目标、指标和文字下判断；“缺少目标/缺少实际值/缺少措施”"
    "这类全篇性问题，只有当提纲显示全文确实没有相应内容时才报告。"
)


def run(
    doc: Document, client: LLMClient, grounder: Grounder | None = None
) -> tuple[list[CritiqueItem], list[Dropped]]:
    prompt = prompts.load("critique")
    grounder = grounder or Grounder(doc)
    chunks = split(doc, client.settings.char_budget)
    heads = outline(doc)
    items: list[CritiqueItem] = []
    dropped: list[Dropped] = []
    for chunk in chunks:
        messages = prompt.render(
            part=chunk.index,
            parts=chunk.count,
            first_line=chunk.first_line,
            last_line=chunk.last_line,
            nonce=chunk.nonce,
            report=chunk.text,
            outline=heads,
            scope_note=_SCOPE_ONE if chunk.count == 1 else _SCOPE_PART,
        )
        cr = client.structured(
            Critique, messages, grounder=grounder, prompt=prompt.ref, schema=CRITIQUE_SCHEMA
        )
        dropped.extend(prune_critique(cr))
        items.extend(cr.items)
    return items, dropped


def to_findings(doc: Document, items: list[CritiqueItem], lang: Lang = "zh") -> list[Finding]:
    out: list[Finding] = []
    for it in items:
        rule = rule_for(it.kind)
        title = rule.title_zh if lang == "zh" else rule.title_en
        message = (
            f"{title}：{it.reason.strip()}" if lang == "zh" else f"{title}: {it.reason.strip()}"
        )
        if it.rewrite:
            message += (
                f"（建议改为：{it.rewrite.strip()}）"
                if lang == "zh"
                else f" (suggested: {it.rewrite.strip()})"
            )
        data = {"family": rule.family, "slug": rule.name, "reason": it.reason}
        if it.criterion:
            data["criterion"] = it.criterion
        if it.rewrite:
            data["rewrite"] = it.rewrite
        out.append(
            Finding(
                code=rule.code,
                kind=rule.kind,
                severity=Severity(it.severity),
                source="llm",
                message=message,
                spans=[doc.span(it.span[0], it.span[1])] if it.span else [],
                data=data,
            )
        )
    return out
