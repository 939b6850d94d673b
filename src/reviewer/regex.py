"""The rule modules' regular expressions, compiled on first use.

Compiling patterns is the largest cost of a cold `reviewer check` after importing the CLI's
libraries: the rule modules declare a few hundred patterns, and a character class holding CJK
characters is among the slowest things `re` assembles. A run compiles only the patterns it
uses, once:

* `lazy(pattern)` declares a module-level pattern without compiling it. The first match call
  compiles it with `re.compile`; from then on its match methods are the compiled pattern's own
  bound methods, so a lazy pattern costs nothing more per call than a compiled one.
* `search`, `finditer`, ... are the module functions of `re` for patterns written inline
  (`rx.search(r"...", text)`), through one process-wide table of compiled patterns that, unlike
  `re`'s own cache, is never emptied.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any, cast

# ---- a first-character guard -------------------------------------------------------------
#
# `re` searches fast when a pattern starts with a literal or a character class: it skips to
# the next position holding one. A pattern that starts otherwise (a lookbehind, `^`, an
# alternation of classes, a repeated class, `(?:综合|评价)?等级`) is run in full at every
# position of the text. `first_char_guard` (in `reviewer.regex_first`, which reads the pattern's
# syntax itself) puts a lookahead for the characters a match can start with in front of such a
# pattern, so each position that cannot start a match fails at once. The guard changes no
# match: it only requires what every match already begins with.
from reviewer.regex_first import first_char_guard as first_char_guard

_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")

_COMPILED: dict[tuple[str, int], re.Pattern[str]] = {}  # this process's patterns
_DECLARED: list[LazyPattern] = []  # every `lazy(...)` pattern, for `compile_declared`


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile`, remembered for the life of the process (see `first_char_guard`)."""
    key = (pattern, int(flags))
    found = _COMPILED.get(key)
    if found is None:
        guarded = first_char_guard(pattern, flags)
        try:
            found = re.compile(guarded, flags)
        except re.error:
            if guarded == pattern:
                raise
            found = re.compile(pattern, flags)  # raises the error as the pattern's own
        _COMPILED[key] = found
    return found


# The module functions of `re`, for patterns written inline.
def search(pattern: str, string: str, flags: int = 0) -> re.Match[str] | None:
    return compile(pattern, flags).search(string)


def match(pattern: str, string: str, flags: int = 0) -> re.Match[str] | None:
    return compile(pattern, flags).match(string)


def fullmatch(pattern: str, string: str, flags: int = 0) -> re.Match[str] | None:
    return compile(pattern, flags).fullmatch(string)


def finditer(pattern: str, string: str, flags: int = 0) -> Iterator[re.Match[str]]:
    return compile(pattern, flags).finditer(string)


def findall(pattern: str, string: str, flags: int = 0) -> list[Any]:
    return compile(pattern, flags).findall(string)


def sub(
    pattern: str,
    repl: str | Callable[[re.Match[str]], str],
    string: str,
    count: int = 0,
    flags: int = 0,
) -> str:
    return compile(pattern, flags).sub(repl, string, count)


def split(pattern: str, string: str, maxsplit: int = 0, flags: int = 0) -> list[str | Any]:
    return compile(pattern, flags).split(string, maxsplit)


class LazyPattern:
    """A stand-in for `re.Pattern` that compiles itself on first use."""

    __slots__ = ("_compiled", "_flags", "pattern", *_METHODS)
    _compiled: re.Pattern[str]

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern  # readable without compiling (patterns are composed from others)
        self._flags = int(flags)
        _DECLARED.append(self)

    def compiled(self) -> re.Pattern[str]:
        try:
            return self._compiled
        except AttributeError:
            compiled = compile(self.pattern, self._flags)
            self._compiled = compiled
            for name in _METHODS:
                setattr(self, name, getattr(compiled, name))
            return compiled

    def __getattr__(self, name: str) -> Any:
        # Reached only for attributes not set yet: the match methods before the first compile,
        # and what only the compiled pattern has (`flags`, `groups`, `groupindex`).
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.compiled(), name)

    def __repr__(self) -> str:
        return f"lazy({self.pattern!r})"


def finditer_near(
    pattern: re.Pattern[str],
    text: str,
    anchor: re.Pattern[str],
    reach: int,
    pad: Callable[[str], bool] | None = None,
) -> Iterator[re.Match[str]]:
    """The matches of `pattern.finditer(text)`, the pattern tried only where a match can start.

    For a pattern that never matches the empty string and whose every match holds a match of
    `anchor` (a zero-width lookahead such as `(?=等级|结果)`, so that overlapping occurrences are
    all found) starting at most `reach` characters after the match's start, not counting a run
    of characters `pad` accepts right before the anchor (`[ \\t]*` or `\\s*` in the pattern). A
    pattern that opens with a lazy or bounded run of characters (`[^。]{2,30}?——`) is tried at
    every position of a text by `finditer`; here only near its anchors, each position at most
    once, so the scan never costs more than `finditer` and far less when the anchors are few.
    """
    tried = 0  # every position before this one was tried, or lies inside a match
    for found in anchor.finditer(text):
        at = found.start()
        if at < tried:
            continue
        lo = at
        if pad is not None:
            while lo > tried and pad(text[lo - 1]):
                lo -= 1
        for p in range(max(tried, lo - reach), at + 1):
            m = pattern.match(text, p)
            if m is not None:
                yield m
                tried = m.end()
                break
        else:
            tried = at + 1


def lazy(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile`, deferred to the first match call; typed as the pattern it stands for."""
    return cast("re.Pattern[str]", LazyPattern(pattern, flags))


def compile_declared() -> None:
    """Compile every `lazy(...)` pattern declared so far (by the modules imported so far).

    For a process about to fork workers that will run the rules: compiled here once, the
    patterns are inherited by every worker instead of being compiled again in each.
    """
    for pattern in _DECLARED:
        pattern.compiled()
