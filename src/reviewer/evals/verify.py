"""The LLM-only baseline: the model verifies the report's numbers itself (no Python arithmetic).

Scored against the same gold as the rules and the LLM layer, it shows what deterministic checking
adds. Prompt: prompts/verify_numbers.<version>.md (a `## system` and a `## user` section; the
user section's `{{report}}` is replaced by one chunk of the report). Long reports are split on
line breaks into chunks that fit the model's context; each chunk is one request.

Versions (`VERSIONS`): v1 sends 6,000-character chunks with an unbounded answer (a small model
repeated one item until max_tokens); v2 is the compact baseline: the whole report in one request
(up to 12,000 characters, ≈8,000 tokens, within a 16k context) and an answer bounded by its
schema (at most `MAX_PROBLEMS` problems, short fields, which grammar-constrained servers
enforce), so it is never cut off. The model still reads the whole report and checks every kind
of number itself.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from reviewer.models import Finding, Severity, Span

PROMPTS = Path(__file__).resolve().parents[3] / "prompts"
KINDS = (
    "sum_mismatch",
    "sum_rounding",
    "share_mismatch",
    "score_sum_mismatch",
    "weight_sum_not_100",
    "count_mismatch",
    "target_not_met",
    "impossible_target",
)
SEVERITY = {"sum_rounding": Severity.INFO, "target_not_met": Severity.WARNING}
SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "problems": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "kind": {"type": "string", "enum": list(KINDS)},
                    "quote": {"type": "string"},
                    "stated": {"type": "string"},
                    "computed": {"type": "string"},
                    "explanation": {"type": "string"},
                },
                "required": ["kind", "quote", "stated", "computed", "explanation"],
            },
        }
    },
    "required": ["problems"],
}


MAX_PROBLEMS = 6
COMPACT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "problems": {
            "type": "array",
            "maxItems": MAX_PROBLEMS,
            "items": {
                "type": "object",
                "properties": {
                    "kind": {"type": "string", "enum": list(KINDS)},
                    "quote": {"type": "string", "maxLength": 40},
                    "stated": {"type": "string", "maxLength": 16},
                    "computed": {"type": "string", "maxLength": 16},
                    "explanation": {"type": "string", "maxLength": 30},
                },
                "required": ["kind", "quote", "stated", "computed", "explanation"],
            },
        }
    },
    "required": ["problems"],
}


@dataclass(frozen=True)
class Version:
    """How one prompt version is sent: its answer schema, chunk size and answer cap."""

    schema: dict[str, Any]
    chunk_chars: int
    max_tokens: int | None = None  # None: the suite's max_tokens


VERSIONS = {
    "v1": Version(SCHEMA, 6000),
    # 6 problems x (40 + 16 + 16 + 30 characters + keys) stay well under 1,024 tokens.
    "v2": Version(COMPACT_SCHEMA, 12000, 1024),
}


@dataclass(frozen=True)
class Prompt:
    name: str
    version: str
    system: str
    user: str

    def render(self, chunk: str) -> list[dict[str, str]]:
        return [
            {"role": "system", "content": self.system},
            {"role": "user", "content": self.user.replace("{{report}}", chunk)},
        ]


def load_prompt(version: str = "v1", folder: Path = PROMPTS) -> Prompt:
    text = (folder / f"verify_numbers.{version}.md").read_text(encoding="utf-8")
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    parts = re.split(r"^## (system|user)\s*$", text, flags=re.M)
    sections = {parts[i]: parts[i + 1].strip() for i in range(1, len(parts) - 1, 2)}
    if set(sections) != {"system", "user"} or "{{report}}" not in sections["user"]:
        raise ValueError(
            f"verify_numbers.{version}.md needs ## system and ## user with {{{{report}}}}"
        )
    return Prompt("verify_numbers", version, sections["system"], sections["user"])


def chunks(text: str, size: int) -> list[tuple[int, str]]:
    """Split `text` at line breaks into pieces of about `size` characters: (offset, piece)."""
    out: list[tuple[int, str]] = []
    start = 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            cut = text.rfind("\n", start + size // 2, end)
            end = cut + 1 if cut > 0 else end
        piece = text[start:end]
        if piece.strip():
            out.append((start, piece))
        start = end
    return out


def parse_answer(content: str) -> list[dict[str, Any]]:
    """The `problems` list from a model answer (tolerates Markdown fences); [] if unreadable."""
    s = content.strip()
    fence = re.search(r"```(?:json)?\s*(.*?)```", s, flags=re.S)
    if fence:
        s = fence.group(1)
    try:
        data = json.loads(s)
    except ValueError:
        i, j = s.find("{"), s.rfind("}")
        try:
            data = json.loads(s[i : j + 1]) if i >= 0 < j else {}
        except ValueError:
            return []
    items = data.get("problems", []) if isinstance(data, dict) else data
    return [x for x in items if isinstance(x, dict)] if isinstance(items, list) else []


def _line_col(text: str, pos: int) -> tuple[int, int]:
    line = text.count("\n", 0, pos) + 1
    return line, pos - (text.rfind("\n", 0, pos) + 1) + 1


def to_finding(text: str, offset: int, chunk: str, item: dict[str, Any]) -> Finding:
    """A finding of source `llm`, located where its quote occurs in the chunk (if it does)."""
    kind = str(item.get("kind", ""))
    quote = str(item.get("quote", "")).strip()
    spans: list[Span] = []
    i = chunk.find(quote) if quote else -1
    if i >= 0:
        s, e = offset + i, offset + i + len(quote)
        line, col = _line_col(text, s)
        spans.append(Span(start=s, end=e, line=line, column=col, text=text[s:e]))
    message = "{}：报告称 {}，模型算得 {}".format(
        item.get("explanation", ""), item.get("stated", ""), item.get("computed", "")
    )
    return Finding(
        code="L900",
        kind=kind if kind in KINDS else "other",
        severity=SEVERITY.get(kind, Severity.ERROR),
        source="llm",
        message=message,
        spans=spans,
        data={"grounded": bool(spans), **{k: str(v) for k, v in item.items()}},
    )


def verify_numbers(
    text: str,
    *,
    model: str,
    base_url: str | None,
    api_key: str | None,
    version: str = "v1",
    max_tokens: int = 4096,
    chunk_chars: int | None = None,
    json_schema: bool = True,
    timeout: float = 900.0,
) -> tuple[list[Finding], dict[str, Any]]:
    """Ask the model to check every number of `text` itself; findings plus call metadata."""
    from openai import OpenAI

    prompt = load_prompt(version)
    spec = VERSIONS.get(version, VERSIONS["v1"])
    chunk_chars = chunk_chars or spec.chunk_chars
    max_tokens = spec.max_tokens or max_tokens
    client = OpenAI(
        base_url=base_url, api_key=api_key or "sk-no-key", max_retries=0, timeout=timeout
    )
    if json_schema:
        fmt: dict[str, Any] = {
            "type": "json_schema",
            "json_schema": {"name": "verify_numbers", "schema": spec.schema},
        }
    else:
        fmt = {"type": "json_object"}
    findings: list[Finding] = []
    meta: dict[str, Any] = {"prompt": f"{prompt.name}.{prompt.version}", "calls": []}
    for offset, piece in chunks(text, chunk_chars):
        resp = client.chat.completions.create(
            model=model,
            messages=cast(Any, prompt.render(piece)),
            temperature=0,
            seed=0,
            max_tokens=max_tokens,
            response_format=cast(Any, fmt),
        )
        choice = resp.choices[0]
        content = choice.message.content or ""
        items = parse_answer(content)
        meta["calls"].append(
            {
                "model": resp.model,
                "finish_reason": choice.finish_reason,
                "prompt_tokens": resp.usage.prompt_tokens if resp.usage else None,
                "completion_tokens": resp.usage.completion_tokens if resp.usage else None,
                "problems": len(items),
            }
        )
        findings.extend(to_finding(text, offset, piece, it) for it in items)
    findings.sort(key=lambda f: f.spans[0].start if f.spans else -1)
    return findings, meta
