"""The model-assisted half: extraction and critique through any OpenAI-compatible endpoint.

Nothing here imports `openai` or `instructor` at import time; they load on the first call to a
model, so `reviewer check` stays fast and works without them.
"""

from reviewer.llm.settings import Settings

__all__ = ["Settings"]
