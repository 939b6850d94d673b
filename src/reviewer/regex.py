"""The rule modules' regular expressions: compiled on first use, and kept compiled on disk.

Compiling patterns is the largest cost of a cold `reviewer check` after importing typer and
pydantic: CPython parses and assembles every pattern in Python code (`re._parser`,
`re._compiler`), and a character class holding CJK characters is among the slowest things it
assembles. The rule modules declare about two hundred patterns.

* `lazy(pattern)` declares a module-level pattern without compiling it. The first match call
  compiles it; from then on its match methods are the compiled pattern's own bound methods, so a
  lazy pattern costs nothing more per call than a compiled one.
* The pattern cache keeps the assembled SRE code of every pattern compiled here, the way CPython
  keeps byte code in `__pycache__`: one file per interpreter build and SRE version at
  `<cache dir>/regex/<sys.hexversion>-<_sre.MAGIC>.marshal` (cache dir as for model answers:
  `$REVIEWER_CACHE_DIR`, else `$XDG_CACHE_HOME/reviewer`, else `~/.cache/reviewer`). A pattern
  found there is built by `_sre.compile` from its code, which CPython validates, in a few
  microseconds instead of a millisecond. A pattern is written to the cache only when the pattern
  built from the assembled code compares equal (same flags, same code) to `re.compile`'s, so a
  cached pattern is the stdlib's pattern; a checksum guards the file. Anything unexpected (not
  CPython, a changed internal API, a damaged or unwritable file) falls back to `re.compile`.
  `REVIEWER_REGEX_CACHE=0` turns the cache off.
"""

from __future__ import annotations

import atexit
import contextlib
import marshal
import os
import re
import sys
import threading
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, cast

from reviewer.cache_dir import default_cache_dir

_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")
_HEADER = b"reviewer-regex-cache-1\n"
_MAX_ENTRIES = 1024  # past this, a save keeps only the patterns this process used (~3x the rules)

# (pattern, flags) -> the arguments of `_sre.compile` after the pattern string
_Key = tuple[str, int]
_Args = tuple[Any, ...]


class _PatternCache:
    def __init__(self) -> None:
        self._entries: dict[_Key, _Args] | None = None  # None: the file is not read yet
        self._enabled = True
        self._used: set[_Key] = set()
        self._new = False
        self._lock = threading.Lock()
        self._atexit = False

    # -- location -------------------------------------------------------------------------
    @staticmethod
    def path() -> Path | None:
        if os.environ.get("REVIEWER_REGEX_CACHE", "1").strip().lower() in ("0", "false", "no"):
            return None
        sre = _sre_module()
        if sre is None:
            return None
        try:
            root = default_cache_dir()
        except (RuntimeError, OSError, KeyError):  # no home folder to expand `~` against
            return None
        return root / "regex" / f"{sys.hexversion:x}-{sre.MAGIC}.marshal"

    @staticmethod
    def _read(path: Path | None) -> dict[_Key, _Args]:
        if path is None:
            return {}
        try:
            blob = path.read_bytes()
        except OSError:
            return {}
        if not blob.startswith(_HEADER) or len(blob) < len(_HEADER) + 4:
            return {}
        body = blob[len(_HEADER) + 4 :]
        if int.from_bytes(blob[len(_HEADER) : len(_HEADER) + 4], "big") != zlib.crc32(body):
            return {}
        try:
            data = marshal.loads(body)
        except (ValueError, EOFError, TypeError):
            return {}
        return data if isinstance(data, dict) else {}

    # -- compile --------------------------------------------------------------------------
    def compile(self, pattern: str, flags: int) -> re.Pattern[str]:
        flags = int(flags)  # a plain int: `re.RegexFlag` does not marshal
        sre = _sre_module()
        with self._lock:
            if self._entries is None:
                path = self.path() if sre is not None else None
                self._enabled = path is not None
                self._entries = self._read(path)
            if not self._enabled:
                return re.compile(pattern, flags)
            key = (pattern, flags)
            args = self._entries.get(key)
        if args is not None:
            try:
                compiled = cast("re.Pattern[str]", sre.compile(pattern, *args))
            except Exception:  # a damaged entry: assemble it again below
                pass
            else:
                with self._lock:
                    self._used.add(key)
                return compiled
        reference = re.compile(pattern, flags)  # raises re.error for a bad pattern, as usual
        assembled: _Args | None = None
        try:
            assembled = _assemble(pattern, flags)
            if sre.compile(pattern, *assembled) != reference:
                assembled = None
        except Exception:  # another interpreter's internals: the stdlib's pattern, no cache
            assembled = None
        with self._lock:
            if assembled is None:
                self._enabled = False  # assembling does not reproduce re.compile here: stop
                return reference
            self._entries[key] = assembled
            self._used.add(key)
            self._new = True
            if not self._atexit:
                self._atexit = True
                atexit.register(self.save)
        return reference

    # -- save -----------------------------------------------------------------------------
    def save(self) -> None:
        """Write the patterns assembled by this process (merged with the file's), if any."""
        with self._lock:
            if not self._new or self._entries is None:
                return
            path = self.path()
            if path is None:
                return
            merged = self._read(path)
            merged.update(self._entries)
            if len(merged) > _MAX_ENTRIES:
                merged = {k: v for k, v in merged.items() if k in self._used}
            self._new = False
        try:
            body = marshal.dumps(merged)
        except ValueError:
            return
        blob = _HEADER + zlib.crc32(body).to_bytes(4, "big") + body
        import tempfile  # here, not at import: most runs have nothing new to write

        tmp = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".regex-", suffix=".tmp")
            with os.fdopen(fd, "wb") as fh:
                fh.write(blob)
            os.replace(tmp, path)
        except OSError:
            if tmp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)

    def reset(self) -> None:
        """Forget what this process loaded and assembled (tests: simulate a new process)."""
        with self._lock:
            self._entries = None
            self._enabled = True
            self._used = set()
            self._new = False


def _sre_module() -> Any:
    if sys.implementation.name != "cpython":
        return None
    try:
        import _sre  # type: ignore[import-not-found]
    except ImportError:  # pragma: no cover - every CPython has it
        return None
    return _sre


def _assemble(pattern: str, flags: int) -> _Args:
    """The steps of CPython's `re._compiler.compile`, keeping `_sre.compile`'s arguments."""
    from re import _compiler, _parser  # type: ignore[attr-defined]  # CPython >= 3.11

    p = _parser.parse(pattern, flags)
    code = [int(op) for op in _compiler._code(p, flags)]  # opcodes are int subclasses
    groupindex = dict(p.state.groupdict)
    indexgroup: list[str | None] = [None] * p.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (int(flags | p.state.flags), code, p.state.groups - 1, groupindex, tuple(indexgroup))


CACHE = _PatternCache()


_COMPILED: dict[_Key, re.Pattern[str]] = {}  # this process's patterns, like `re`'s own cache


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile` through the pattern cache."""
    key = (pattern, int(flags))
    found = _COMPILED.get(key)
    if found is None:
        found = _COMPILED[key] = CACHE.compile(pattern, key[1])
    return found


# The module functions of `re`, through the pattern cache, for patterns written inline.
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


def save_cache() -> None:
    """Write newly assembled patterns now (the CLI leaves without running `atexit`)."""
    CACHE.save()


class LazyPattern:
    """A stand-in for `re.Pattern` that compiles itself on first use."""

    __slots__ = ("_compiled", "_flags", "pattern", *_METHODS)
    _compiled: re.Pattern[str]

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern  # readable without compiling (patterns are composed from others)
        self._flags = int(flags)

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


def lazy(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile`, deferred to the first match call; typed as the pattern it stands for."""
    return cast("re.Pattern[str]", LazyPattern(pattern, flags))
