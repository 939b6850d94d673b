"""Model settings from the environment and CLI flags, and the default mode for each endpoint."""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from reviewer.cache_dir import default_cache_dir

MODES = ("tools", "json_schema", "json", "md_json")
OPENAI_URL = "https://api.openai.com/v1"
# A placeholder key for endpoints that do not check one (llama.cpp, Ollama, LM Studio, vLLM).
DUMMY_KEY = "sk-no-key-required"


@dataclass(frozen=True)
class Endpoint:
    """What we know about an endpoint family: its default mode and whether it takes `seed`."""

    name: str
    mode: str
    seed: bool = True


# Default mode per endpoint (first match on the host wins):
#   api.openai.com / Azure  -> tools        (function calling, works with any schema shape)
#   api.deepseek.com        -> json         (json_object; DeepSeek has no json_schema)
#   dashscope (Qwen)        -> json         (json_object)
#   localhost / private IPs -> json_schema  (llama.cpp server, Ollama, LM Studio, vLLM:
#                                            grammar-constrained output; small local models do
#                                            not emit tool calls). Use --mode json for
#                                            llama-cpp-python's server if json_schema fails.
#   anything else           -> json         (the most widely implemented structured mode)
def endpoint_of(base_url: str | None) -> Endpoint:
    host = (urlsplit(base_url or OPENAI_URL).hostname or "").lower()
    if host == "api.openai.com" or host.endswith(".openai.azure.com"):
        return Endpoint("openai", "tools")
    if host.endswith("deepseek.com"):
        return Endpoint("deepseek", "json", seed=False)
    if host.endswith("dashscope.aliyuncs.com") or host.endswith("dashscope-intl.aliyuncs.com"):
        return Endpoint("dashscope", "json")
    if is_local_host(host):
        return Endpoint("local", "json_schema")
    return Endpoint("other", "json")


def is_local_host(host: str) -> bool:
    """True for loopback, private-network and `.local` hosts (a model on this machine or LAN)."""
    if host in {"localhost", "host.docker.internal"} or host.endswith((".local", ".localhost")):
        return True
    try:
        ip = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return ip.is_loopback or ip.is_private or ip.is_unspecified


def redact_url(url: str | None) -> str:
    """The endpoint as shown in output and cache keys: no user:password, no query string."""
    parts = urlsplit(url or OPENAI_URL)
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    return urlunsplit((parts.scheme, host, parts.path.rstrip("/"), "", ""))


@dataclass(frozen=True)
class Settings:
    """Everything a model call depends on. `api_key` never appears in repr, output or cache."""

    model: str | None = None
    base_url: str | None = None
    api_key: str | None = field(default=None, repr=False)
    mode: str | None = None  # None: the endpoint's default (see `endpoint_of`)
    cache: bool = True
    cache_dir: Path | None = None
    timeout: float = 300.0  # seconds per HTTP request
    max_retries: int = 2  # transport retries: connection errors, 408/409/429/5xx (Retry-After)
    reasks: int = 2  # validation re-asks after a schema or grounding error
    max_tokens: int = 4096  # fixed, so requests (and cassettes) are deterministic
    context_tokens: int = 6000  # budget for report text per call
    chars_per_token: float = 1.6  # Chinese text
    temperature: float = 0.0
    seed: int | None = 0
    critique: bool = True
    # compact: rewrites of the rules' vague targets and short judgements of rule-picked
    # candidates (a few hundred tokens a call); full: whole-report extraction and critique.
    pipeline: str = "compact"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Settings from OPENAI_API_KEY, OPENAI_BASE_URL, REVIEWER_MODEL, REVIEWER_MODE,
        REVIEWER_CACHE_DIR / XDG_CACHE_HOME; non-None `overrides` (CLI flags) win."""
        env = os.environ if env is None else env
        values: dict[str, Any] = {
            "model": env.get("REVIEWER_MODEL") or None,
            "base_url": env.get("OPENAI_BASE_URL") or None,
            "api_key": env.get("OPENAI_API_KEY") or None,
            "mode": env.get("REVIEWER_MODE") or None,
            "cache_dir": default_cache_dir(env),
        }
        if env.get("REVIEWER_PIPELINE"):
            values["pipeline"] = env["REVIEWER_PIPELINE"]
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    def with_(self, **changes: Any) -> Settings:
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    @property
    def endpoint(self) -> Endpoint:
        return endpoint_of(self.base_url)

    @property
    def resolved_mode(self) -> str:
        mode = (self.mode or self.endpoint.mode).lower().replace("-", "_")
        if mode not in MODES:
            raise ValueError(f"unknown mode {self.mode!r}; choose from {', '.join(MODES)}")
        return mode

    @property
    def endpoint_url(self) -> str:
        return redact_url(self.base_url)

    @property
    def effective_key(self) -> str | None:
        """The key to send: the configured one, or a dummy for a local endpoint."""
        if self.api_key:
            return self.api_key
        return DUMMY_KEY if self.endpoint.name == "local" else None

    def unavailable_reason(self) -> str | None:
        """Why no model can be used with these settings, or None when one can."""
        if not self.model:
            return "no model configured (set REVIEWER_MODEL or --model)"
        if self.effective_key is None:
            return f"no API key for {self.endpoint_url} (set OPENAI_API_KEY)"
        try:
            self.resolved_mode  # noqa: B018
        except ValueError as exc:
            return str(exc)
        return None

    @property
    def char_budget(self) -> int:
        return max(200, int(self.context_tokens * self.chars_per_token))

    def public(self) -> dict[str, Any]:
        """What goes into ReportResult.meta: never the key."""
        return {
            "model": self.model,
            "endpoint": self.endpoint_url,
            "mode": self.resolved_mode,
            "temperature": self.temperature,
            "seed": self.seed if self.endpoint.seed else None,
            "max_tokens": self.max_tokens,
            "pipeline": self.pipeline,
        }
