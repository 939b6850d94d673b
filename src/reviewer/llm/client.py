"""One structured call to an OpenAI-compatible endpoint through openai + instructor.

`openai` and `instructor` are imported on first use only. Requests are deterministic (stable
message order, temperature 0, a seed where the endpoint takes one, fixed max_tokens, no
streaming), so on-disk cache entries and recorded cassettes match byte for byte.

Below instructor sits a thin wrapper around `chat.completions.create` that serves and fills the
cache, counts tokens, rejects empty answers, and strips `<think>…</think>` blocks (and a Markdown
fence around the whole answer) before instructor parses anything.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import asdict, dataclass, field
from typing import Any, TypeVar

from pydantic import BaseModel
from pydantic import ValidationError as PydanticValidationError

from reviewer.errors import ReviewerError
from reviewer.llm.cache import DiskCache
from reviewer.llm.grounding import Grounder
from reviewer.llm.settings import Settings
from reviewer.regex import lazy

M = TypeVar("M", bound=BaseModel)

_THINK = lazy(r"<think>.*?</think>\s*", re.S | re.I)
_THINK_TAIL = lazy(r"^.*?</think>\s*", re.S | re.I)  # closing tag only (opened in prompt)
_FENCE = lazy(r"^\s*```[A-Za-z]*\s*\n(.*?)\n?```\s*$", re.S)
_JINJA_OPEN = lazy(r"\{(?=[{%#])")


class LLMError(ReviewerError):
    """The model could not be used; the message is one line, safe to print."""


class CutOff(LLMError):
    """The answer stopped at the token cap (finish_reason=length)."""


class EmptyResponse(Exception):
    """The endpoint answered without any choice."""


def clean_content(text: str | None) -> str | None:
    """Drop reasoning blocks and a fence around the whole answer."""
    if text is None:
        return None
    out = _THINK.sub("", text)
    if "</think>" in out.lower():
        out = _THINK_TAIL.sub("", out, count=1)
    m = _FENCE.match(out)
    if m:
        out = m.group(1)
    return out.strip()


def jinja_escape(text: str) -> str:
    """Make `text` render to itself under Jinja.

    instructor renders every message as a Jinja template whenever a validation context is
    given; report text is data and must reach the model unchanged (and `{{ … }}` inside it must
    not be evaluated)."""
    return _JINJA_OPEN.sub("{{ '{' }}", text)


@dataclass
class Usage:
    """Tokens spent; cached calls cost nothing."""

    prompt_tokens: int = 0
    completion_tokens: int = 0
    total_tokens: int = 0
    calls: int = 0
    cached_calls: int = 0
    by_prompt: dict[str, dict[str, int]] = field(default_factory=dict)

    def add(self, usage: Any, prompt: str) -> None:
        p = int(getattr(usage, "prompt_tokens", 0) or 0) if usage is not None else 0
        c = int(getattr(usage, "completion_tokens", 0) or 0) if usage is not None else 0
        t = int(getattr(usage, "total_tokens", 0) or 0) if usage is not None else 0
        t = t or p + c
        self.prompt_tokens += p
        self.completion_tokens += c
        self.total_tokens += t
        self.calls += 1
        row = self.by_prompt.setdefault(prompt, {"calls": 0, "total_tokens": 0})
        row["calls"] += 1
        row["total_tokens"] += t

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


_MODES = {"tools": "TOOLS", "json_schema": "JSON_SCHEMA", "json": "JSON", "md_json": "MD_JSON"}


class LLMClient:
    """A configured endpoint: `structured()` returns a validated, grounded pydantic object."""

    def __init__(self, settings: Settings, *, cache: DiskCache | None = None) -> None:
        self.settings = settings
        self.cache = cache
        self.usage = Usage()
        self._inst: Any = None
        self._ident: dict[str, Any] = {}
        self._prompt = ""
        self.last_finish: str | None = None  # finish_reason of the last answer received

    # -- setup ---------------------------------------------------------------------------------
    def _instructor(self) -> Any:
        if self._inst is not None:
            return self._inst
        try:
            import instructor
            import openai
        except ImportError as exc:  # pragma: no cover - dependency missing
            raise LLMError(
                f"the model layer needs openai and instructor ({exc.name} is missing; "
                "pip install 'reviewer[llm]')"
            ) from None
        for name in ("instructor", "openai", "httpx", "httpx2", "httpcore"):
            log = logging.getLogger(name)
            if not log.handlers:
                log.addHandler(logging.NullHandler())
            log.propagate = False
        s = self.settings
        client = openai.OpenAI(
            api_key=s.effective_key,
            base_url=s.base_url or None,
            timeout=s.timeout,
            max_retries=s.max_retries,
        )
        completions = client.chat.completions
        # an instance attribute shadows the method: every call goes through the cache and counter
        setattr(completions, "create", self._wrap(completions.create))  # noqa: B010
        mode = getattr(instructor.Mode, _MODES[s.resolved_mode])
        self._inst = instructor.from_openai(client, mode=mode)
        return self._inst

    def _params(self, max_tokens: int | None = None) -> dict[str, Any]:
        s = self.settings
        params: dict[str, Any] = {"model": s.model, "temperature": s.temperature}
        cap = max_tokens or s.max_tokens
        if s.endpoint.name == "openai":
            params["max_completion_tokens"] = cap
        else:
            params["max_tokens"] = cap
        if s.seed is not None and s.endpoint.seed:
            params["seed"] = s.seed
        return params

    def _wrap(self, create: Any) -> Any:
        from openai.types.chat import ChatCompletion

        def wrapped(*args: Any, **kwargs: Any) -> Any:
            kwargs.pop("stream", None)
            key = self.cache.key(self._ident, kwargs) if self.cache else None
            if self.cache and key:
                hit = self.cache.get(key)
                if hit is not None:
                    self.usage.cached_calls += 1
                    return ChatCompletion.model_validate(hit)
            completion = create(*args, **kwargs)
            self.usage.add(getattr(completion, "usage", None), self._prompt)
            if not getattr(completion, "choices", None):
                raise EmptyResponse("the endpoint returned no choices")
            for choice in completion.choices:
                msg = choice.message
                if msg is not None and msg.content:
                    msg.content = clean_content(msg.content)
            self.last_finish = completion.choices[0].finish_reason
            finished = completion.choices[0].finish_reason not in ("length", "content_filter")
            if self.cache and key and finished:
                self.cache.put(key, self._ident, completion.model_dump(mode="json"))
            return completion

        return wrapped

    # -- calls ---------------------------------------------------------------------------------
    def structured(
        self,
        response_model: type[M],
        messages: list[dict[str, str]],
        *,
        grounder: Grounder,
        prompt: str,
        schema: str,
        max_tokens: int | None = None,
        reasks: int | None = None,
    ) -> M:
        """Ask for `response_model`; quotes are grounded strictly (re-asked on failure), and
        after the last re-ask the answer is parsed leniently so ungrounded items can be dropped
        and counted by the caller. Raises `LLMError` with a one-line reason (`CutOff` when the
        answer stopped at the token cap). `max_tokens` and `reasks` override the settings for
        this call (compact calls fix their own output cap and are never re-asked)."""
        inst = self._instructor()
        s = self.settings
        self._prompt = prompt
        self._ident = {
            "model": s.model,
            "endpoint": s.endpoint_url,
            "mode": s.resolved_mode,
            "prompt": prompt,
            "schema": schema,
            "document": grounder.doc.sha256,
        }
        safe = [{"role": m["role"], "content": jinja_escape(m["content"])} for m in messages]
        context = {"grounder": grounder, "strict": True}
        self.last_finish = None
        try:
            result: M = inst.create(
                response_model=response_model,
                messages=safe,
                max_retries=s.reasks if reasks is None else reasks,
                context=context,
                strict=False,
                **self._params(max_tokens),
            )
            return result
        except Exception as exc:
            salvaged = self._salvage(exc, response_model, grounder)
            if salvaged is not None:
                return salvaged
            if self.last_finish == "length":
                cap = max_tokens or s.max_tokens
                raise CutOff(
                    f"the model's answer was cut off at max_tokens={cap} (finish_reason=length)"
                ) from None
            raise LLMError(self.describe(exc)) from None

    def _salvage(self, exc: Exception, model: type[M], grounder: Grounder) -> M | None:
        """The last answer, parsed without strict grounding, when only validation failed."""
        attempts = getattr(exc, "failed_attempts", None) or []
        if not attempts or not isinstance(attempts[-1].exception, PydanticValidationError):
            return None
        text = self._answer_text(attempts[-1].completion)
        if not text:
            return None
        try:
            return model.model_validate_json(
                text, context={"grounder": grounder, "strict": False}, strict=False
            )
        except PydanticValidationError:
            return None

    def _answer_text(self, completion: Any) -> str | None:
        try:
            msg = completion.choices[0].message
        except (AttributeError, IndexError, TypeError):
            return None
        calls = getattr(msg, "tool_calls", None) or []
        if calls:
            args = calls[0].function.arguments
            return args if isinstance(args, str) else json.dumps(args)
        return clean_content(msg.content)

    def describe(self, exc: BaseException) -> str:
        """One line saying why the call failed; never includes the API key."""
        s = self.settings
        msg = _classify(exc, s)
        key = s.api_key
        if key and len(key) >= 4:
            msg = msg.replace(key, "***")
        return " ".join(msg.split())[:300]


def _chain(exc: BaseException) -> list[BaseException]:
    out: list[BaseException] = []
    cur: BaseException | None = exc
    while cur is not None and cur not in out:
        out.append(cur)
        cur = cur.__cause__ or cur.__context__
    return out


def _classify(exc: BaseException, s: Settings) -> str:
    try:
        import openai
    except ImportError:  # pragma: no cover
        openai = None  # type: ignore[assignment]
    where = s.endpoint_url
    tries = f"after {s.max_retries + 1} attempt(s)"
    for e in _chain(exc):
        name = type(e).__name__
        if openai is not None:
            if isinstance(e, openai.APITimeoutError):
                return f"{where} timed out ({s.timeout:g}s) {tries}"
            if isinstance(e, openai.APIConnectionError):
                return f"cannot connect to {where} {tries}"
            if isinstance(e, openai.APIStatusError):
                detail = _status_detail(e)
                if e.status_code == 429:
                    return f"{where} rate-limited the requests (HTTP 429) {tries}{detail}"
                return f"{where} answered HTTP {e.status_code} {tries}{detail}"
        if isinstance(e, EmptyResponse):
            return f"{where} returned an answer without choices"
        if name == "IncompleteOutputException":
            return (
                f"the model's answer was cut off at max_tokens={s.max_tokens} "
                "(finish_reason=length)"
            )
        if isinstance(e, PydanticValidationError):
            first = e.errors()[0] if e.errors() else {"msg": str(e)}
            loc = ".".join(str(x) for x in first.get("loc", ()))
            return (
                f"the model's answer did not match the schema after {s.reasks + 1} attempt(s): "
                f"{loc + ': ' if loc else ''}{first.get('msg', '')}"
            )
    return f"model call failed: {type(exc).__name__}: {exc}"


def _status_detail(e: Any) -> str:
    body = getattr(e, "body", None)
    msg = ""
    if isinstance(body, dict):
        err = body.get("error", body)
        msg = err.get("message", "") if isinstance(err, dict) else str(err)
    return f": {msg[:120]}" if msg else ""
