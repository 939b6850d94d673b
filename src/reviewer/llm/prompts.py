"""Versioned prompt templates, loaded at run time.

The canonical files live in the repository's top-level `prompts/` (`<id>.v<N>.md`: YAML front
matter with `id`, `version`, `schema`; then `## system` and `## user` sections; `${name}`
placeholders, `string.Template` syntax). They are looked up, in order, in:

1. `$REVIEWER_PROMPTS_DIR` (to try a new prompt without reinstalling);
2. the installed package, `reviewer/prompts/` (a wheel ships them there as package data);
3. `<repo>/prompts/` next to `src/` (a source checkout or editable install).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from string import Template

import yaml

from reviewer.errors import ReviewerError
from reviewer.regex import lazy

PROMPT_VERSIONS = {"extract": 2, "critique": 2, "rewrite": 1, "judge": 2}
# The whole-report pipeline (`REVIEWER_PIPELINE=full`) still sends extract.v1.
FULL_PIPELINE_VERSIONS = {"extract": 1, "critique": 2}


class PromptError(ReviewerError):
    """A prompt template is missing or malformed."""


@dataclass(frozen=True)
class Prompt:
    id: str
    version: int
    schema: str
    system: str
    user: str

    @property
    def ref(self) -> str:
        return f"{self.id}.v{self.version}"

    def render(self, **values: object) -> list[dict[str, str]]:
        """Chat messages, system first then user, placeholders filled in."""
        try:
            return [
                {"role": "system", "content": Template(self.system).substitute(values)},
                {"role": "user", "content": Template(self.user).substitute(values)},
            ]
        except (KeyError, ValueError) as exc:
            raise PromptError(f"prompt {self.ref}: bad placeholder {exc}") from None


def _dirs() -> list[Path]:
    out: list[Path] = []
    if os.environ.get("REVIEWER_PROMPTS_DIR"):
        out.append(Path(os.environ["REVIEWER_PROMPTS_DIR"]))
    try:
        from importlib.resources import files

        out.append(Path(str(files("reviewer") / "prompts")))
    except (ModuleNotFoundError, TypeError):  # pragma: no cover - zipped installs
        pass
    out.append(Path(__file__).resolve().parents[3] / "prompts")
    return out


_SECTION = lazy(r"^## (system|user)[ \t]*$", re.M)


def parse(text: str, name: str) -> Prompt:
    if not text.startswith("---"):
        raise PromptError(f"prompt {name}: no front matter")
    _, front, body = text.split("---", 2)
    meta = yaml.safe_load(front) or {}
    parts = _SECTION.split(body)
    sections = {parts[i]: parts[i + 1].strip("\n") for i in range(1, len(parts) - 1, 2)}
    if set(sections) != {"system", "user"}:
        raise PromptError(f"prompt {name}: needs '## system' and '## user' sections")
    return Prompt(
        id=str(meta["id"]),
        version=int(meta["version"]),
        schema=str(meta.get("schema", "")),
        system=sections["system"].strip(),
        user=sections["user"].strip(),
    )


@cache
def load(prompt_id: str, version: int | None = None) -> Prompt:
    """The prompt `prompt_id` at `version` (default: the version this code was written for)."""
    version = version or PROMPT_VERSIONS[prompt_id]
    name = f"{prompt_id}.v{version}.md"
    for d in _dirs():
        path = d / name
        if path.is_file():
            prompt = parse(path.read_text(encoding="utf-8"), name)
            if (prompt.id, prompt.version) != (prompt_id, version):
                raise PromptError(f"{path}: front matter says {prompt.ref}, file name {name}")
            return prompt
    raise PromptError(f"prompt {name} not found (looked in {', '.join(map(str, _dirs()))})")
