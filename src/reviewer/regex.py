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
from re import _constants as _C  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any, cast

_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")

_COMPILED: dict[tuple[str, int], re.Pattern[str]] = {}  # this process's patterns
_DECLARED: list[LazyPattern] = []  # every `lazy(...)` pattern, for `compile_declared`


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile`, remembered for the life of the process (see `first_char_guard`)."""
    key = (pattern, int(flags))
    found = _COMPILED.get(key)
    if found is None:
        found = _COMPILED[key] = re.compile(first_char_guard(pattern, flags), flags)
    return found


# ---- a first-character guard -------------------------------------------------------------
#
# `re` searches fast when a pattern starts with a literal or a character class: it skips to
# the next position holding one. A pattern that starts otherwise (a lookbehind, `^`, an
# alternation of classes, a repeated class, `(?:综合|评价)?等级`) is run in full at every
# position of the text. `first_char_guard` puts a lookahead for the characters a match can start
# with in front of such a pattern, so each position that cannot start a match fails at once.
# The guard changes no match: it only requires what every match already begins with.

_SPECIAL = frozenset("\\[(.^$*+?{|)")
_QUANTIFIERS = frozenset("?*+{")
_INLINE_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")  # inline global flags, which must stay at the start


def first_char_guard(pattern: str, flags: int = 0) -> str:
    """`pattern`, with a lookahead for the characters its matches can start with in front when
    `re` would not find them itself (unchanged when it would, or when they cannot be told:
    a pattern that may match the empty string, starts with any character or a negated class,
    or uses backreferences, conditionals, inline flags or verbose mode)."""
    if flags & re.VERBOSE or _INLINE_FLAGS.match(pattern):
        return pattern
    if pattern[:1] not in _SPECIAL and pattern[1:2] not in _QUANTIFIERS:
        return pattern  # starts with a literal character: re skips to it by itself
    try:
        parsed = _parser.parse(pattern, flags)
    except re.error:
        return pattern  # let re.compile raise it
    if parsed.state.flags & (re.VERBOSE | re.LOCALE) or _fast_already(parsed.data):
        return pattern
    first = _first(parsed.data)
    if first is None or first[1]:  # unknown, or the pattern may match the empty string
        return pattern
    return f"(?=[{''.join(sorted(set(first[0])))}])(?:{pattern})"


def _fast_already(items: Any) -> bool:
    """Does the pattern start with what `re` skips to by itself (a literal, a class, or an
    alternation whose branches all start with a literal)?"""
    while items:
        op, av = items[0]
        if op is _C.SUBPATTERN:
            items = av[3].data
            continue
        if op in (_C.LITERAL, _C.IN):
            return True
        if op is _C.BRANCH:
            return all(b.data and b.data[0][0] is _C.LITERAL for b in av[1])
        return False
    return False


_CATEGORY_CLASS = {
    _C.CATEGORY_DIGIT: r"\d",
    _C.CATEGORY_SPACE: r"\s",
    _C.CATEGORY_WORD: r"\w",
}


def _char(code: int) -> str:
    return re.escape(chr(code)) if chr(code) not in "-]^\\" else "\\" + chr(code)


def _first(items: Any) -> tuple[list[str], bool] | None:
    """The class items a match of the sequence `items` can start with, and whether it can be
    empty; None when that cannot be told."""
    out: list[str] = []
    for op, av in items:
        got = _first_of(op, av)
        if got is None:
            return None
        out += got[0]
        if not got[1]:
            return out, False
    return out, True


def _first_of(op: Any, av: Any) -> tuple[list[str], bool] | None:
    if op is _C.LITERAL:
        return [_char(av)], False
    if op is _C.IN:
        out = []
        for item_op, item in av:
            if item_op is _C.LITERAL:
                out.append(_char(item))
            elif item_op is _C.RANGE:
                out.append(f"{_char(item[0])}-{_char(item[1])}")
            elif item_op is _C.CATEGORY and item in _CATEGORY_CLASS:
                out.append(_CATEGORY_CLASS[item])
            else:
                return None  # a negated class or category: nearly every character
        return out, False
    if op is _C.BRANCH:
        chars: list[str] = []
        empty = False
        for branch in av[1]:
            got = _first(branch.data)
            if got is None:
                return None
            chars += got[0]
            empty = empty or got[1]
        return chars, empty
    if op is _C.SUBPATTERN:
        if av[1] or av[2]:
            return None  # (?i:...) and the like
        return _first(av[3].data)
    if op is _C.ATOMIC_GROUP:
        return _first(av.data)
    if op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT):
        got = _first(av[2].data)
        if got is None:
            return None
        return got[0], got[1] or av[0] == 0
    if op in (_C.AT, _C.ASSERT, _C.ASSERT_NOT):
        return [], True  # takes no character: the next item starts the match
    return None  # any character, a backreference, a conditional


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
