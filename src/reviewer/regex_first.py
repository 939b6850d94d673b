"""The characters a regular expression's matches can start with, read from the pattern's text.

`reviewer.regex` compiles a pattern that `re` cannot skip ahead through by itself with a
lookahead for these characters in front (`first_char_guard`), so that every position of a text
that cannot start a match fails at once. This module reads the pattern's own syntax (it relies
on no private part of `re`) and knows a deliberately small part of it:

* literal characters and escaped ones (`\\.`, `\\\\`, `\\n`, `\\xXX`, `\\uXXXX`, `\\UXXXXXXXX`),
  `\\d`, `\\s`, `\\w`, and character classes of these and of ranges;
* groups `(...)`, `(?:...)`, `(?P<name>...)`, alternation `|`, and the quantifiers `?`, `*`,
  `+`, `{m}`, `{m,}`, `{,n}`, `{m,n}` (lazy or possessive): an item that may be left out adds
  the next item's first characters to its own;
* zero-width items (`^`, `$`, `\\b`, `\\B`, `\\A`, `\\Z`, lookaheads and lookbehinds), which
  take no character: the item after them starts the match.

Anything else means "cannot tell" and no guard: any character (`.`), a negated class or
`\\D`/`\\S`/`\\W` where a match can start, backreferences, conditionals, inline flags, comments,
named Unicode escapes, verbose mode, case-insensitive matching of a cased letter, and a pattern
that may match the empty string. A guard left out costs speed; a wrong one would lose matches.
"""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = ["class_text", "first_char_guard", "first_chars"]

# One member of a set of characters: an inclusive range of code points (a single character is
# the range from it to itself), or one of the class escapes `\d`, `\s`, `\w`.
Item = tuple[int, int] | str


class Chars(NamedTuple):
    """An item taking exactly one character: a literal, a class, an escape such as `\\d`."""

    items: tuple[Item, ...] | None  # None: (nearly) any character, `.` or a negated class
    literal: bool = False  # a single literal character (what `re` can skip ahead to)


class Zero(NamedTuple):
    """An item taking no character: `^`, `$`, `\\b`, a lookahead or a lookbehind."""


class Group(NamedTuple):
    """A group or the whole pattern: its alternatives, each a sequence of items."""

    branches: tuple[tuple[Node, ...], ...]
    number: int = 0  # of a capturing group (two of them are never the same item), else 0


class Repeat(NamedTuple):
    """A quantified item, repeated from `low` to `high` times (None: no upper bound)."""

    item: Node
    low: int
    high: int | None


Node = Chars | Zero | Group | Repeat

_ZERO = Zero()


class Unsupported(ValueError):
    """The pattern uses syntax the analysis does not know (or is not valid)."""


_SIMPLE_ESCAPES = {"n": 10, "t": 9, "r": 13, "f": 12, "v": 11, "a": 7}
_HEX_DIGITS = {"x": 2, "u": 4, "U": 8}
_QUANTIFIER_START = frozenset("*+?{")
_BRACES = re.compile(r"\{(\d*)(?:(,)(\d*))?\}")


class _Parser:
    """A recursive-descent reader of the supported syntax, raising `Unsupported` otherwise."""

    def __init__(self, pattern: str) -> None:
        self.text = pattern
        self.at = 0
        self.groups = 0

    def parse(self) -> Group:
        whole = self.alternation()
        if self.at != len(self.text):
            raise Unsupported("an unbalanced ')'")
        return whole

    def peek(self, offset: int = 0) -> str:
        at = self.at + offset
        return self.text[at] if at < len(self.text) else ""

    def alternation(self, number: int = 0) -> Group:
        branches = [self.sequence()]
        while self.peek() == "|":
            self.at += 1
            branches.append(self.sequence())
        return Group(tuple(branches), number)

    def sequence(self) -> tuple[Node, ...]:
        items: list[Node] = []
        while self.peek() not in ("", "|", ")"):
            item = self.atom()
            if self.peek() in _QUANTIFIER_START:
                item = self.quantified(item)
            items.append(item)
        return tuple(items)

    def quantified(self, item: Node) -> Repeat:
        if isinstance(item, Zero):
            raise Unsupported("a quantified zero-width item")
        sign = self.peek()
        if sign == "{":
            found = _BRACES.match(self.text, self.at)
            if found is None or not (found[1] or found[2]):
                raise Unsupported("a '{' that is not a quantifier")
            low = int(found[1]) if found[1] else 0
            high = (int(found[3]) if found[3] else None) if found[2] else low
            if high is not None and high < low:
                raise Unsupported("a quantifier's bounds reversed")
            self.at = found.end()
        else:
            low, high = {"*": (0, None), "+": (1, None), "?": (0, 1)}[sign]
            self.at += 1
        if self.peek() in ("?", "+"):  # lazy, or possessive
            self.at += 1
        if self.peek() in _QUANTIFIER_START:
            raise Unsupported("a quantifier repeated")
        return Repeat(item, low, high)

    def atom(self) -> Node:
        char = self.peek()
        self.at += 1
        if char == "(":
            return self.group()
        if char == "[":
            return self.char_class()
        if char == "\\":
            return self.escape()
        if char in ("^", "$"):
            return _ZERO
        if char == ".":
            return Chars(None)
        if char in _QUANTIFIER_START:
            raise Unsupported("nothing to repeat")
        return Chars(((ord(char), ord(char)),), literal=True)

    def group(self) -> Node:
        if self.peek() != "?":
            self.groups += 1
            return self.closed(self.alternation(self.groups))
        kind = self.text[self.at + 1 : self.at + 3]
        if kind[:1] == ":":
            self.at += 2
            return self.closed(self.alternation())
        if kind[:1] in ("=", "!") or kind in ("<=", "<!"):
            self.at += 3 if kind[0] == "<" else 2  # past "?=", "?!", "?<=" or "?<!"
            self.closed(self.alternation())  # read, to find its end; it takes no character
            return _ZERO
        if kind == "P<":
            end = self.text.find(">", self.at + 3)
            if end < 0 or not self.text[self.at + 3 : end].isidentifier():
                raise Unsupported("a bad group name")
            self.at = end + 1
            self.groups += 1
            return self.closed(self.alternation(self.groups))
        raise Unsupported("(?" + kind[:1] + ": flags, a backreference, a conditional, a comment")

    def closed(self, group: Group) -> Group:
        if self.peek() != ")":
            raise Unsupported("a missing ')'")
        self.at += 1
        return group

    def code_point(self, letter: str) -> int:
        """The character of `\\xXX`, `\\uXXXX` or `\\UXXXXXXXX` (the letter read already)."""
        digits = self.text[self.at : self.at + _HEX_DIGITS[letter]]
        if len(digits) != _HEX_DIGITS[letter] or not all(
            d in "0123456789abcdefABCDEF" for d in digits
        ):
            raise Unsupported("a bad hexadecimal escape")
        self.at += len(digits)
        code = int(digits, 16)
        if code > 0x10FFFF:
            raise Unsupported("a code point out of range")
        return code

    def escape(self) -> Node:
        """The item of the escape whose backslash was just read (outside a class)."""
        got = self.escaped(in_class=False)
        return Chars(((got, got),), literal=True) if isinstance(got, int) else got

    def escaped(self, in_class: bool) -> int | Chars | Zero:
        """The escape whose backslash was just read: the code point of a literal character,
        else its item."""
        letter = self.peek()
        self.at += 1
        if letter == "":
            raise Unsupported("a trailing backslash")
        if letter in "dsw":
            return Chars(("\\" + letter,))
        if letter in "DSW":
            return Chars(None)
        if letter == "b" and in_class:
            return 8  # backspace
        if letter in "bBAZ" and not in_class:
            return _ZERO
        if letter in _SIMPLE_ESCAPES:
            return _SIMPLE_ESCAPES[letter]
        if letter in _HEX_DIGITS:
            return self.code_point(letter)
        if letter.isascii() and letter.isalnum():
            raise Unsupported(f"\\{letter}: a backreference, an octal or named escape")
        return ord(letter)

    def class_member(self) -> int | Chars:
        """The next member of a class: a character's code point, or a class escape's item."""
        char = self.peek()
        self.at += 1
        if char == "":
            raise Unsupported("an unterminated class")
        if char != "\\":
            return ord(char)
        got = self.escaped(in_class=True)
        assert not isinstance(got, Zero)  # no escape is zero-width in a class
        return got

    def char_class(self) -> Chars:
        """The class whose `[` was just read (as `re` reads it: a `]` right after the `[` or
        `[^` is a member, and so is a `-` that cannot make a range)."""
        negated = self.peek() == "^"
        if negated:
            self.at += 1
        items: list[Item] = []
        unknown = False
        while True:
            if self.peek() == "]" and (items or unknown):
                self.at += 1
                break
            low = self.class_member()
            if self.peek() == "-" and self.peek(1) not in ("]", ""):
                self.at += 1
                high = self.class_member()
                if not (isinstance(low, int) and isinstance(high, int)):
                    raise Unsupported("a range from or to a class escape")
                if high < low:
                    raise Unsupported("a range's ends reversed")
                items.append((low, high))
            elif isinstance(low, int):
                items.append((low, low))
            elif low.items is None:
                unknown = True  # \D, \S or \W
            else:
                items += low.items
        if negated or unknown:
            return Chars(None)
        return Chars(tuple(items), literal=len(items) == 1 and _single(items[0]))


def _single(item: Item) -> bool:
    return not isinstance(item, str) and item[0] == item[1]


def parse(pattern: str) -> Group:
    """The pattern as a tree of the items above; `Unsupported` when it uses other syntax."""
    return _Parser(pattern).parse()


# ---- what a match can start with ---------------------------------------------------------

_First = tuple[frozenset[Item], bool] | None


def _first_of_sequence(items: tuple[Node, ...]) -> _First:
    """The characters a match of `items` can start with, and whether it can be empty; None
    when that cannot be told."""
    chars: frozenset[Item] = frozenset()
    for item in items:
        got = _first_of(item)
        if got is None:
            return None
        chars |= got[0]
        if not got[1]:
            return chars, False
    return chars, True


def _first_of(item: Node) -> _First:
    if isinstance(item, Chars):
        return None if item.items is None else (frozenset(item.items), False)
    if isinstance(item, Zero):
        return frozenset(), True
    if isinstance(item, Repeat):
        got = _first_of(item.item)
        return None if got is None else (got[0], got[1] or item.low == 0)
    chars: frozenset[Item] = frozenset()
    empty = False
    for branch in item.branches:
        got = _first_of_sequence(branch)
        if got is None:
            return None
        chars |= got[0]
        empty = empty or got[1]
    return chars, empty


def first_chars(pattern: str) -> tuple[frozenset[Item], bool] | None:
    """The characters a match of `pattern` can start with, as class items (a range of code
    points, or `\\d`, `\\s`, `\\w`), and whether a match can be empty; None when the analysis
    cannot tell (see the module's documentation)."""
    try:
        return _first_of(parse(pattern))
    except Unsupported:
        return None


# ---- what re skips ahead to by itself ----------------------------------------------------


def _skips_to(items: tuple[Node, ...]) -> bool:
    """Does a sequence start with what `re` finds by itself when searching: a character (a
    literal or a class), or an alternation of single characters or of branches that all start
    with a literal? (Read as `re` reads it: an alternation of single characters is one class,
    and a first item common to every branch is taken out in front.)"""
    while items:
        first = items[0]
        if isinstance(first, Chars):
            return True
        if not isinstance(first, Group):
            return False
        branches = first.branches
        if len(branches) == 1:
            items = branches[0]
            continue
        if all(
            len(b) == 1 and isinstance(b[0], Chars) and b[0].items is not None for b in branches
        ):
            return True
        if all(b and b[0] == branches[0][0] for b in branches):
            items = branches[0][:1]
            continue
        return all(b and isinstance(b[0], Chars) and b[0].literal for b in branches)
    return False


# ---- the guard ---------------------------------------------------------------------------

_SPECIAL = frozenset("\\[(.^$*+?{|)")
_ALLOWED_FLAGS = re.IGNORECASE | re.MULTILINE | re.DOTALL | re.UNICODE | re.ASCII


def _char(code: int) -> str:
    char = chr(code)
    return "\\" + char if char in "-]^\\" else re.escape(char)


def _text(item: Item) -> str:
    if isinstance(item, str):
        return item
    low, high = item
    return _char(low) if low == high else f"{_char(low)}-{_char(high)}"


def class_text(items: frozenset[Item]) -> str:
    """The inside of a character class holding `items`, sorted (as the guard writes it)."""
    return "".join(sorted({_text(item) for item in items}))


def _cased(item: Item) -> bool:
    """Does `item` hold a character that case-insensitive matching could match differently?"""
    if isinstance(item, str):
        return False  # \d, \s and \w hold every case of their letters
    return any(
        chr(c).lower() != chr(c) or chr(c).upper() != chr(c) for c in range(item[0], item[1] + 1)
    )


def first_char_guard(pattern: str, flags: int = 0) -> str:
    """`pattern`, with a lookahead for the characters its matches can start with in front when
    `re` would not skip ahead to them by itself; unchanged when it would, or when they cannot be
    told (see the module's documentation).

    The guard changes no match: it requires only what every match already begins with, and
    as a lookahead it takes no character and captures nothing.
    """
    if flags & ~_ALLOWED_FLAGS:
        return pattern  # verbose mode among them
    if pattern[:1] not in _SPECIAL and pattern[1:2] not in _QUANTIFIER_START:
        return pattern  # starts with a literal character: re skips to it by itself
    try:
        whole = parse(pattern)
    except Unsupported:
        return pattern
    if _skips_to((whole,)):
        return pattern
    first = _first_of(whole)
    if first is None or first[1] or not first[0]:
        return pattern
    if flags & re.IGNORECASE and any(_cased(item) for item in first[0]):
        return pattern
    return f"(?=[{class_text(first[0])}])(?:{pattern})"
