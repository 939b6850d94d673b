"""The model-assisted half: extraction and critique through any OpenAI-compatible endpoint.

Nothing here imports `openai` or `instructor` at import time; they load on the first call to a
model, so `reviewer check` stays fast and works without them. The package itself imports none of
its modules: `reviewer check` needs only `reviewer.llm.codes` (the L rules' documentation).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reviewer.llm.settings import Settings as Settings

__all__ = ["Settings"]


def __getattr__(name: str) -> Any:
    if name == "Settings":
        from reviewer.llm.settings import Settings

        return Settings
    raise AttributeError(f"module 'reviewer.llm' has no attribute {name!r}")
