"""Reading the 年度总体目标 entry of a self-evaluation form (预期目标 | 实际完成情况): the goal
cells under that header, read through pinyin glosses and traditional characters that web
conversions leave in published forms. A reading for the goals rules, not a rule itself."""

from __future__ import annotations

from typing import NamedTuple

from reviewer import regex as rx
from reviewer.document import Document
from reviewer.document.script import traditional_forms
from reviewer.regex import lazy

_TONES = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"
GLOSS = rf"(?:[(（][a-z{_TONES}]+[)）])"
_GLOSS_RE = lazy(GLOSS)


def glossy(word: str) -> str:
    """A pattern for `word` in simplified or traditional characters, each optionally followed
    by a pinyin gloss, with spaces allowed between characters."""
    parts = []
    for c in word:
        alt = traditional_forms(c)
        parts.append(f"[{c}{alt}]{GLOSS}?" if alt else f"{c}{GLOSS}?")
    return r"\s*".join(parts)


_HEADER = lazy(glossy("预期目标") + r"[\s|]*" + glossy("实际完成情况"))
_NEXT_BLOCK = lazy(glossy("绩效指标") + "|" + glossy("一级指标") + "|" + glossy("产出指标"))
_PROJECT = lazy(glossy("项目名称") + r"[\s|:：]*(?P<name>[^|\n]{2,80})")


class FormGoal(NamedTuple):
    cells: list[str]  # goal and completion cells, glosses removed
    start: int  # span of the cells in the document
    end: int
    project: str  # the project name cell (glosses removed), or ""


def unglossed(text: str) -> str:
    return _GLOSS_RE.sub("", text)


def form_goals(doc: Document) -> list[FormGoal]:
    """Each 预期目标 | 实际完成情况 header and the cells under it, up to the indicator block."""
    norm = doc.norm
    project = _PROJECT.search(norm)
    name = unglossed(project.group("name")).strip() if project else ""
    out: list[FormGoal] = []
    for m in _HEADER.finditer(norm):
        nxt = _NEXT_BLOCK.search(norm, m.end(), m.end() + 600)
        hi = nxt.start() if nxt else min(len(norm), m.end() + 300)
        cells: list[str] = []
        lo = end = m.end()
        for c in rx.finditer(r"[^|\n]+", norm[m.end() : hi]):
            text = unglossed(c.group()).strip()
            if not text:
                continue
            if not cells:
                lo = m.end() + c.start()
            cells.append(text)
            end = m.end() + c.end()
        out.append(FormGoal(cells, lo, end, name))
    return out
