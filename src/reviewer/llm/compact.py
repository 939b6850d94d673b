"""Compact model calls: small schema-bound questions within a token budget per report.

Every call states its own output cap (`max_tokens`, and `maxItems` / `maxLength` in the
schema, which grammar-constrained local servers enforce), is never re-asked for validation,
and counts against the report's budget: total tokens (prompt + completion, all calls) at most
`TOKENS_PER_CHAR` x the report's characters. A call that would overrun the budget is not made
(and counted as skipped); an answer cut off at its cap is retried once, shorter, and a second
cut-off is stated in the meta, never dropped silently.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, create_model

from reviewer.llm.client import CutOff, LLMClient
from reviewer.llm.grounding import Grounder

TOKENS_PER_CHAR = 1.2
# Prompt tokens are estimated from characters (Chinese ~1.3 characters a token, with margin).
CHARS_PER_TOKEN_ESTIMATE = 1.3
REWRITE_SCHEMA = "rewrite.1"
JUDGE_SCHEMA = "judge.2"
GAPS_SCHEMA = "extract_gaps.1"
MAX_REWRITES = 8  # vague targets per call
REASON_CHARS = 40  # the judge's reason, in characters
THING_CHARS = 16  # what each passage is about, in the judge's words

M = TypeVar("M", bound=BaseModel)


class _Strict(BaseModel):
    model_config = ConfigDict(coerce_numbers_to_str=False, extra="ignore")


class RewriteAnswer(_Strict):
    id: int
    indicator: str = Field(max_length=24)
    comparator: Literal[">=", "<=", "="]
    number: float
    unit: str = Field(max_length=6)
    deadline: str = Field(max_length=16)


class Rewrites(_Strict):
    items: list[RewriteAnswer] = Field(max_length=MAX_REWRITES)


class Verdict(_Strict):
    """The judge's answer (judge.2): what each passage is about, copied from it, then the
    verdict. Python decides what the copied things allow (`judge.py`)."""

    first: str = Field(max_length=THING_CHARS)
    second: str = Field(max_length=THING_CHARS)
    conflict: bool
    reason: str = Field(max_length=REASON_CHARS)


class ShortVerdict(Verdict):
    """The retry after a cut-off: the same question, a shorter reason."""

    reason: str = Field(max_length=12)


# The extraction call (extract.v2): what the rules could not read, in short fields. The answer's
# item counts are set per call (`gap_model`), so its output cap always fits a full answer.
MAX_GAP_INDICATORS = 4
MAX_GAP_GOALS = 3
GAP_NAME_CHARS = 16
GAP_VALUE_CHARS = 16
GAP_QUOTE_CHARS = 50
GAP_ITEM_TOKENS = 120  # an indicator at its longest: name, target, actual, quote and the keys
GAP_GOAL_TOKENS = 70


class GapIndicator(_Strict):
    """An indicator the rules did not read, as the model copied it (values as written)."""

    name: str = Field(max_length=GAP_NAME_CHARS)
    target: str = Field(max_length=GAP_VALUE_CHARS)
    actual: str = Field(max_length=GAP_VALUE_CHARS)
    quote: str = Field(max_length=GAP_QUOTE_CHARS)


class GapGoal(_Strict):
    quote: str = Field(max_length=GAP_QUOTE_CHARS)


@cache
def gap_model(indicators: int, goals: int) -> type[BaseModel]:
    """The answer's schema: at most `indicators` indicators and, when `goals` > 0, at most that
    many goals (asked only when the rules read none)."""
    fields: dict[str, Any] = {
        "indicators": (list[GapIndicator], Field(max_length=indicators)),
    }
    if goals:
        fields["goals"] = (list[GapGoal], Field(max_length=goals))
    return create_model("Gaps", __base__=_Strict, **fields)


def gap_cap(indicators: int, goals: int) -> int:
    """The output cap that fits a full answer of `gap_model(indicators, goals)`."""
    return GAP_ITEM_TOKENS * indicators + GAP_GOAL_TOKENS * goals + 30


@dataclass
class Budget:
    """Tokens a report may spend on the model, and what was spent."""

    limit: int
    used: int = 0
    calls: int = 0
    cutoffs: list[str] = field(default_factory=list)  # prompts whose answer was cut off twice
    retries: int = 0
    skipped: list[str] = field(default_factory=list)  # prompts not sent (budget)

    @classmethod
    def for_text(cls, text: str) -> Budget:
        return cls(limit=int(TOKENS_PER_CHAR * len(text)))

    def allows(self, messages: list[dict[str, str]], max_tokens: int) -> bool:
        chars = sum(len(m["content"]) for m in messages)
        return self.used + int(chars / CHARS_PER_TOKEN_ESTIMATE) + max_tokens <= self.limit

    def as_dict(self) -> dict[str, Any]:
        return {
            "limit_tokens": self.limit,
            "used_tokens": self.used,
            "calls": self.calls,
            "retries": self.retries,
            "cutoffs": list(self.cutoffs),
            "skipped": list(self.skipped),
        }


def ask(
    client: LLMClient,
    budget: Budget,
    grounder: Grounder,
    *,
    model: type[M],
    messages: list[dict[str, str]],
    prompt: str,
    schema: str,
    max_tokens: int,
    label: str,
    shorter: Callable[[], tuple[type[BaseModel], list[dict[str, str]], int]] | None = None,
) -> BaseModel | None:
    """One compact call within the budget; None when it was skipped or cut off twice (both
    recorded in `budget`). `shorter` gives the retry after a cut-off (model, messages, cap).
    Other failures raise `LLMError` (the tokens spent are counted first)."""
    attempt: tuple[type[BaseModel], list[dict[str, str]], int] = (model, messages, max_tokens)
    retried = False
    while True:
        m, msgs, cap = attempt
        if not budget.allows(msgs, cap):
            budget.skipped.append(label)
            return None
        before = client.usage.total_tokens
        try:
            return client.structured(
                m, msgs, grounder=grounder, prompt=prompt, schema=schema, max_tokens=cap, reasks=0
            )
        except CutOff:
            if shorter is None or retried:
                budget.cutoffs.append(label)
                return None
            retried = True
            budget.retries += 1
            attempt = shorter()
        finally:
            budget.used += client.usage.total_tokens - before
            budget.calls += 1
