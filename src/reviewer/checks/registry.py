"""The rule catalog: every rule (T…X, the model's L codes included) is declared once with its
code and its docs, and every deterministic check is registered next to its rules.

`catalog()` is what the engine runs and `reviewer rules` lists: the registered rules and
checks, or, inside `replaced(rules, checks)`, another catalog (tests run the pipeline on fake
rules that way, without touching this module's globals).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, NamedTuple

from reviewer.document import Document
from reviewer.models import Lang, Severity

_NO_VARIANTS: Mapping[str, tuple[str, str]] = MappingProxyType({})


class Rule(NamedTuple):
    """A rule's identity and documentation (what / why / example / fix), ruff-style."""

    code: str  # e.g. "T001"; the letter is the family prefix
    name: str  # slug, e.g. "sum-mismatch"
    kind: str  # finding kind, shared with gold files, e.g. "sum_mismatch"
    severity: Severity
    family: str  # totals, shares, rates, scores, counts, consistency, targets, quality
    title_zh: str
    title_en: str
    message_zh: str  # str.format template over the hit's data
    message_en: str
    what: str
    why: str
    example: str
    fix: str
    variants: Mapping[str, tuple[str, str]] = _NO_VARIANTS  # variant -> (message_zh, message_en)
    fix_zh: str = ""  # the fix in Chinese, for 审核意见 drafts (markdown, xlsx, html)
    # A near miss: a report fragment that must NOT fire the rule (`example` must fire it).
    counterexample: str = ""

    def hit(
        self,
        spans: Iterable[tuple[int, int]],
        data: dict[str, Any] | None = None,
        *,
        severity: Severity | None = None,
        variant: str | None = None,
    ) -> Hit:
        return Hit(self, list(spans), dict(data or {}), severity or self.severity, variant)

    def render(self, data: dict[str, Any], lang: Lang, variant: str | None = None) -> str:
        zh, en = self.variants.get(variant or "", (self.message_zh, self.message_en))
        template = zh if lang == "zh" else en
        try:
            return template.format(**data)
        except (KeyError, IndexError, ValueError):
            return self.title_zh if lang == "zh" else self.title_en

    @property
    def is_quality(self) -> bool:
        return self.family == "quality"


@dataclass
class Hit:
    """What a check returns: a rule, the offsets it points at, and the computed numbers."""

    rule: Rule
    spans: list[tuple[int, int]]
    data: dict[str, Any]
    severity: Severity
    variant: str | None = None


class Relation(NamedTuple):
    """What a check may yield besides hits: a comparison of the report's figures that HOLDS
    (the ledger marks its figures verified). `kind` is sum / share / rate / score / count /
    twice / table_column / target / growth; `spans` the (start, end) of each figure that took part;
    `text` a short description ("8 + 3.6 + 9.01 = 20.61")."""

    kind: str
    spans: tuple[tuple[int, int], ...]
    text: str


def relation(kind: str, spans: Iterable[tuple[int, int]], text: str) -> Relation:
    """A `Relation` from any iterable of figure spans."""
    return Relation(kind, tuple(spans), text)


CheckFunc = Callable[[Document], Iterable["Hit | Relation"]]

RULES: dict[str, Rule] = {}
CHECKS: list[tuple[tuple[str, ...], CheckFunc]] = []


def rule(**kwargs: Any) -> Rule:
    """Declare a rule; codes are unique across the project."""
    r = Rule(**kwargs)
    if r.code in RULES:
        raise ValueError(f"duplicate rule code {r.code}")
    RULES[r.code] = r
    return r


def check(*rules: Rule) -> Callable[[CheckFunc], CheckFunc]:
    """Register a pure function `Document -> Iterable[Hit]` that emits hits of `rules`."""

    def deco(func: CheckFunc) -> CheckFunc:
        CHECKS.append((tuple(r.code for r in rules), func))
        return func

    return deco


_LOADED: list[bool] = []  # non-empty once every rule module is imported


def load_all() -> None:
    """Import every module in `reviewer.checks` so their rules and checks register (once: the
    package's directory is walked on the first call only, not for every report)."""
    if _LOADED:
        return
    import importlib
    import pkgutil

    import reviewer.checks as pkg

    for info in pkgutil.walk_packages(pkg.__path__, prefix="reviewer.checks."):
        importlib.import_module(info.name)
    _LOADED.append(True)


Catalog = tuple[Mapping[str, Rule], list[tuple[tuple[str, ...], CheckFunc]]]
_REPLACED: list[Catalog] = []  # innermost last


def catalog() -> Catalog:
    """The rules and checks in force: the registered ones, unless `replaced(...)` is active."""
    if _REPLACED:
        return _REPLACED[-1]
    load_all()
    return RULES, CHECKS


@contextmanager
def replaced(
    rules: Iterable[Rule], checks: Iterable[tuple[tuple[str, ...], CheckFunc]]
) -> Iterator[Catalog]:
    """Run the engine on these rules and checks instead of the registered ones (tests)."""
    entry: Catalog = ({r.code: r for r in rules}, list(checks))
    _REPLACED.append(entry)
    try:
        yield entry
    finally:
        _REPLACED.remove(entry)
