"""Copies across a batch: paragraphs that reports of different units share (rule Q050).

A batch-level pass, not a check: `Collector.add` takes each reviewed report's paragraphs as the
batch runs (any thread), `Collector.apply` adds the findings to the batch's results once every
report is in. `reviewer.batch.run_batch` runs it before the results are returned, so every
output format shows the copies; the `--results` file is a per-report checkpoint written as each
report finishes, before the whole batch is known, so it never holds Q050 (on `--resume` the pass
runs again over the whole batch, reused reports included).

The reading:

* A paragraph is a line of the report, not a table row (two `|` or more), with at least 40
  characters once normalized: whitespace dropped, every figure written `#`, the report's own
  unit name (and that name without its 人民政府/局/委员会… suffix) written `〇`. Two units'
  copies of one paragraph then read the same whatever their names and figures.
* Near-duplicates: a paragraph is cut into clauses at punctuation; a clause is its shingle. An
  exact index maps each clause (4+ characters) to the paragraphs holding it. Two paragraphs of
  different units are a copy when they are equal, or when the clauses they share make up at
  least 80% of the shorter one's characters (and 40 characters or more). A clause-level index
  is enough here: copying between reports is pasting whole sentences, with names and figures
  changed (normalized away) and perhaps a clause edited; character n-gram MinHash (datasketch)
  would catch finer edits, but costs a hash per character and a dependency, and its sampled
  verdicts would need an exact check anyway. Ours is exact and deterministic.
* Linear in the batch: a clause found in more than `TEMPLATE_REPORTS` reports is the template's
  (or a policy's) wording and is neither reported nor used to find candidates, so every posting
  list that is read is short: work is proportional to the number of clauses in the batch.
* The other unit's name in a paragraph (pasted and not edited) is normalized too when a pair of
  paragraphs is compared.
* Reports of one unit (both units known and equal: two years of one unit) are not compared; a
  report whose unit is not found is compared with every other report.
"""

from __future__ import annotations

import pickle
import tempfile
import threading
from array import array
from collections import defaultdict
from collections.abc import Iterator, Sequence
from hashlib import blake2b
from typing import IO, NamedTuple, overload

from reviewer.document import Document
from reviewer.models import Finding, ReportResult, Severity, Span
from reviewer.policy import Policy
from reviewer.regex import lazy

CODE = "Q050"
MIN_CHARS = 40
MIN_SHARED = 0.8
MIN_CLAUSE = 4
TEMPLATE_REPORTS = 8

_NUMBER = lazy(r"\d+(?:[.,，]\d+)*")
_SPACE = lazy(r"\s+")
_CLAUSE_SPLIT = lazy(r"[，。；：！？、,.;:!?（）()“”\"'‘’《》【】\[\]]+")
_UNIT_SUFFIX = lazy(
    r"(?:人民政府|政府|委员会|管理局|局|中心|办公室|事务所|服务站|站|所|院|馆|队|厅|委|办)$"
)
_GOALS = lazy(r"目标")
_PROBLEMS = lazy(r"问题|不足")


class Para(NamedTuple):
    """One paragraph of a report, compact: what the pass compares, as plain ints and one string.

    The comparison key is a 63-bit hash (`stable_hash`, the same in every process, so worker
    processes can fingerprint); a clause is a 47-bit hash with its length in the low 16 bits.
    A collector keeps it packed (`Packed`): then `text` and `raw` are on disk at `at`.
    """

    start: int  # the line's span: offsets, 1-based line and column
    end: int
    line: int
    column: int
    text: str  # the line's normalized text (`Document.norm`), stripped
    raw: str | None  # the span's original text when it differs from `text`
    key: int  # hash of the text normalized for comparison (`stable_hash`)
    key_id: int  # the same text as a clause (`clause_id`): a key and a clause can be one text
    clauses: tuple[int, ...]  # the clauses' `clause_id`s, distinct
    weight: int  # characters in its clauses
    key_section: bool  # in a goals or problems section
    at: int = -1  # where `text` and `raw` are kept (`Texts`) when packed; -1: they are here
    size: int = 0

    @property
    def span(self) -> Span:
        text = self.text if self.raw is None else self.raw
        return Span(start=self.start, end=self.end, line=self.line, column=self.column, text=text)


class Prints(NamedTuple):
    """What the pass keeps of one report."""

    path: str
    unit: str | None
    paras: list[Para]


class Copy(NamedTuple):
    """One paragraph of a report shared with another unit's report."""

    para: Para
    other: str
    other_line: int
    similarity: float
    exact: bool
    more: int  # further reports sharing it


def _names(unit: str | None) -> list[str]:
    if not unit:
        return []
    names = {unit}
    short = _UNIT_SUFFIX.sub("", unit)
    if len(short) >= 2:
        names.add(short)
    return sorted(names, key=len, reverse=True)


def normalize(text: str, *units: str | None) -> str:
    """A paragraph as compared: no whitespace, figures as `#`, the units' names as `〇`."""
    text = _SPACE.sub("", text)
    names = sorted({n for u in units for n in _names(u)}, key=len, reverse=True)
    for name in names:
        text = text.replace(name, "〇")
    return _NUMBER.sub("#", text)


def clauses(key: str) -> frozenset[str]:
    return frozenset(c for c in _CLAUSE_SPLIT.split(key) if len(c) >= MIN_CLAUSE)


def stable_hash(text: str) -> int:
    """A 63-bit hash of `text`, the same in every process (unlike `hash`, salted per process):
    over a million paragraphs, the odds of any two distinct keys colliding are about 1e-7."""
    return int.from_bytes(blake2b(text.encode("utf-8"), digest_size=8).digest(), "big") >> 1


def clause_id(clause: str) -> int:
    """A clause as one 63-bit int: a 47-bit hash, and its length in the low 16 bits (capped: a
    clause of 65,535+ characters counts as that many when shared, which can only lower a score).
    Two distinct clauses of a batch rarely share a hash (about one pair in ten million clauses),
    and a pair only adds one clause's characters to a paragraph's share."""
    return stable_hash(clause) >> 16 << 16 | min(len(clause), 0xFFFF)


def clause_len(cid: int) -> int:
    return cid & 0xFFFF


def fingerprint(doc: Document, unit: str | None) -> Prints:
    """The paragraphs of `doc` the pass compares."""
    from reviewer.claims.sections import section_path

    paras = []
    for line in doc.lines:
        text = line.text.strip()
        if len(text) < MIN_CHARS or text.count("|") >= 2:  # a table row
            continue
        key = normalize(text, unit)
        if len(key) < MIN_CHARS:
            continue
        parts = clauses(key)
        titles = [s.title for s in section_path(doc, line.start)]
        key_section = any(_GOALS.search(t) or _PROBLEMS.search(t) for t in titles)
        span = doc.span(line.start, line.end)
        paras.append(
            Para(
                start=span.start,
                end=span.end,
                line=span.line,
                column=span.column,
                text=text,
                raw=None if span.text == text else span.text,
                key=stable_hash(key),
                key_id=clause_id(key),
                clauses=tuple(sorted(clause_id(c) for c in parts)),
                weight=sum(map(len, parts)),
                key_section=key_section,
            )
        )
    return Prints(doc.path, unit, paras)


class Texts:
    """A temporary file for what the pass keeps while a batch runs: the reports' packed
    fingerprints (read back twice when the pass runs) and their paragraph texts (read back for
    the few pairs compared word for word, and for the paragraphs found copied)."""

    def __init__(self) -> None:
        self._file: IO[bytes] | None = None

    def put_bytes(self, data: bytes) -> tuple[int, int]:
        """Store; returns (where, size)."""
        if self._file is None:
            self._file = tempfile.TemporaryFile()  # noqa: SIM115 (as long as the collector)
        self._file.seek(0, 2)
        at = self._file.tell()
        self._file.write(data)
        return at, len(data)

    def get_bytes(self, at: int, size: int) -> bytes:
        assert self._file is not None
        self._file.seek(at)
        return self._file.read(size)

    def put(self, text: str, raw: str | None) -> tuple[int, int]:
        return self.put_bytes(pickle.dumps((text, raw), protocol=pickle.HIGHEST_PROTOCOL))

    def get(self, at: int, size: int) -> tuple[str, str | None]:
        text, raw = pickle.loads(self.get_bytes(at, size))
        return text, raw


_FIELDS = 10  # a packed paragraph: start end line column key key_id weight key_section at size


class Packed:
    """One report's fingerprints as plain arrays of ints (about 150 bytes a paragraph), texts
    on disk; `paras` unpacks a paragraph when it is read (as `Prints.paras`)."""

    __slots__ = ("_clauses", "_cuts", "_rows", "_texts", "path", "unit")

    def __init__(self, prints: Prints, texts: Texts) -> None:
        self.path, self.unit, self._texts = prints.path, prints.unit, texts
        rows: list[int] = []
        clauses: list[int] = []
        cuts = [0]
        for p in prints.paras:
            at, size = texts.put(p.text, p.raw)
            rows += (p.start, p.end, p.line, p.column, p.key, p.key_id, p.weight, p.key_section)
            rows += (at, size)
            clauses += p.clauses
            cuts.append(len(clauses))
        self._rows = array("q", rows)  # made at once: no room to grow
        self._clauses = array("q", clauses)
        self._cuts = array("q", cuts)

    @property
    def paras(self) -> _PackedParas:
        return _PackedParas(self)

    def dump(self) -> bytes:
        state = (self.path, self.unit, self._rows, self._clauses, self._cuts)
        return pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL)

    @classmethod
    def load(cls, data: bytes, texts: Texts) -> Packed:
        packed = cls.__new__(cls)
        packed.path, packed.unit, packed._rows, packed._clauses, packed._cuts = pickle.loads(data)
        packed._texts = texts
        return packed

    def full(self, para: Para) -> Para:
        """`para` with its texts read back."""
        if para.at < 0:
            return para
        text, raw = self._texts.get(para.at, para.size)
        return para._replace(text=text, raw=raw, at=-1, size=0)


class _OnDisk(Sequence[Packed]):
    """The batch's packed fingerprints, read back from the collector's file when used (the
    last `CACHED` kept: the pass reads the reports in order, and a few others for each match)."""

    CACHED = 256

    def __init__(self, where: list[tuple[int, int]], texts: Texts) -> None:
        self._where, self._texts = where, texts
        self._cache: dict[int, Packed] = {}

    def __len__(self) -> int:
        return len(self._where)

    @overload
    def __getitem__(self, i: int) -> Packed: ...
    @overload
    def __getitem__(self, i: slice) -> list[Packed]: ...
    def __getitem__(self, i: int | slice) -> Packed | list[Packed]:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        packed = self._cache.get(i)
        if packed is None:
            if len(self._cache) >= self.CACHED:
                del self._cache[next(iter(self._cache))]
            packed = Packed.load(self._texts.get_bytes(*self._where[i]), self._texts)
            self._cache[i] = packed
        return packed


class _PackedParas(Sequence[Para]):
    def __init__(self, packed: Packed) -> None:
        self._p = packed

    def __len__(self) -> int:
        return len(self._p._cuts) - 1

    @overload
    def __getitem__(self, i: int) -> Para: ...
    @overload
    def __getitem__(self, i: slice) -> list[Para]: ...
    def __getitem__(self, i: int | slice) -> Para | list[Para]:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        if not 0 <= i < len(self):
            raise IndexError(i)
        row = self._p._rows[i * _FIELDS : (i + 1) * _FIELDS]
        clauses = tuple(self._p._clauses[self._p._cuts[i] : self._p._cuts[i + 1]])
        return Para(
            start=row[0],
            end=row[1],
            line=row[2],
            column=row[3],
            text="",
            raw=None,
            key=row[4],
            key_id=row[5],
            clauses=clauses,
            weight=row[6],
            key_section=bool(row[7]),
            at=row[8],
            size=row[9],
        )


def _full(prints: Prints | Packed, para: Para) -> Para:
    return prints.full(para) if isinstance(prints, Packed) else para


def _with_both_names(a: Para, b: Para, units: tuple[str | None, str | None]) -> tuple[int, float]:
    """Shared clause characters and the share of the shorter paragraph, with both units' names
    normalized in both (a unit pasting another's paragraph may have left its name in)."""
    ka, kb = clauses(normalize(a.text, *units)), clauses(normalize(b.text, *units))
    chars = sum(len(c) for c in ka & kb)
    return chars, chars / max(1, min(sum(map(len, ka)), sum(map(len, kb))))


def _same_unit(a: Prints | Packed, b: Prints | Packed) -> bool:
    return a.path == b.path or (a.unit is not None and a.unit == b.unit)


def find_copies(batch: Sequence[Prints | Packed]) -> list[list[Copy]]:
    """For each report of the batch, its paragraphs shared with another unit's report."""
    # Posting lists: [reports in it, its last report, (r << 32 | p) for each paragraph p of
    # report r holding it]. Once a list holds more than TEMPLATE_REPORTS paragraphs of more than
    # TEMPLATE_REPORTS reports, its text is the template's (`common`, as keys and clauses share
    # one text space): the list is dropped and no longer grows, as it would never be read.
    by_key: dict[int, list[int]] = {}
    by_clause: dict[int, list[int]] = {}
    common: set[int] = set()
    done_keys: set[int] = set()
    done_clauses: set[int] = set()

    def post(index: dict[int, list[int]], done: set[int], h: int, r: int, p: int, cid: int) -> None:
        if h in done:
            return
        postings = index.get(h)
        if postings is None:
            index[h] = [1, r, r << 32 | p]
            return
        if postings[1] != r:
            postings[0] += 1
            postings[1] = r
        postings.append(r << 32 | p)
        if len(postings) - 2 > TEMPLATE_REPORTS and postings[0] > TEMPLATE_REPORTS:
            done.add(h)
            del index[h]
            common.add(cid)

    for r, prints in enumerate(batch):
        for p, para in enumerate(prints.paras):
            post(by_key, done_keys, para.key, r, p, para.key_id)
            for c in para.clauses:
                post(by_clause, done_clauses, c, r, p, c)

    def listed(postings: list[int]) -> Iterator[tuple[int, int]]:
        for code in postings[2:]:
            yield code >> 32, code & 0xFFFFFFFF

    out: list[list[Copy]] = [[] for _ in batch]
    for r, prints in enumerate(batch):
        for para in prints.paras:
            matches: dict[int, tuple[float, bool, int]] = {}  # other report -> best match
            if para.key_id not in common:
                for r2, p2 in listed(by_key.get(para.key, [])):
                    if not _same_unit(prints, batch[r2]):
                        matches[r2] = (1.0, True, p2)
            shared: dict[tuple[int, int], int] = defaultdict(int)
            for c in para.clauses:
                if c in common:
                    continue
                for r2, p2 in listed(by_clause.get(c, [])):
                    if r2 != r and r2 not in matches:
                        shared[(r2, p2)] += clause_len(c)
            for (r2, p2), chars in shared.items():
                other = batch[r2].paras[p2]
                if chars < MIN_CLAUSE or _same_unit(prints, batch[r2]):
                    continue
                score = chars / max(1, min(para.weight, other.weight))
                if score < MIN_SHARED and (prints.unit or batch[r2].unit):
                    chars, score = _with_both_names(
                        _full(prints, para), _full(batch[r2], other), (prints.unit, batch[r2].unit)
                    )
                if chars < MIN_CHARS:
                    continue
                if score >= MIN_SHARED and score > matches.get(r2, (0.0, False, 0))[0]:
                    matches[r2] = (min(score, 1.0), False, p2)
            if not matches:
                continue
            r2 = min(matches, key=lambda k: (-matches[k][0], batch[k].path))
            score, is_exact, p2 = matches[r2]
            out[r].append(
                Copy(
                    para=_full(prints, para),
                    other=batch[r2].path,
                    other_line=batch[r2].paras[p2].line,
                    similarity=score,
                    exact=is_exact,
                    more=len(matches) - 1,
                )
            )
    return out


def to_finding(copy: Copy, policy: Policy) -> Finding:
    from reviewer.checks.batch_copies import COPIED

    more = copy.more
    data = {
        "other": copy.other,
        "other_line": copy.other_line,
        "similarity": round(copy.similarity * 100),
        "exact": copy.exact,
        "more_zh": f"（另有 {more} 份报告也有此段）" if more else "",
        "more_en": f" (and {more} more report(s))" if more else "",
        "section": "goals_or_problems" if copy.para.key_section else "other",
    }
    severity = Severity.WARNING if copy.para.key_section else COPIED.severity
    severity = policy.severity.get(CODE, severity)
    return Finding(
        code=CODE,
        kind=COPIED.kind,
        severity=severity,
        source="rules",
        message=COPIED.render(data, policy.lang, None if copy.exact else "similar"),
        spans=[copy.para.span],
        data=data,
    )


def prints_for(doc: Document, result: ReportResult) -> Prints | None:
    """The report's paragraph fingerprints; a failure is recorded in the report's meta."""
    unit = result.meta.get("unit")
    try:
        return fingerprint(doc, str(unit) if unit else None)._replace(path=result.path)
    except Exception as exc:  # a bug here must not cost the report its review
        result.meta.setdefault("internal_errors", []).append(f"{CODE}: {type(exc).__name__}: {exc}")
        return None


class Collector:
    """Collects the batch's paragraphs as reports finish; adds Q050 findings at the end."""

    def __init__(self, policy: Policy) -> None:
        from reviewer.checks.registry import catalog

        self.policy = policy
        self.enabled = CODE in catalog()[0] and policy.enabled(CODE)
        self._prints: dict[str, tuple[int, int]] = {}  # path -> its `Packed` in `_texts`
        self._texts = Texts()
        self._lock = threading.Lock()

    def add(self, doc: Document, result: ReportResult) -> None:
        if not self.enabled or result.error:
            return
        prints = prints_for(doc, result)
        if prints is not None:
            self.keep(result.path, prints)

    def keep(self, path: str, prints: Prints) -> None:
        """Keep a report's paragraphs fingerprinted elsewhere (a worker process)."""
        with self._lock:  # one writer of the file at a time
            self._prints[path] = self._texts.put_bytes(Packed(prints, self._texts).dump())

    def apply(self, reports: list[ReportResult]) -> int:
        """Add the copy findings to `reports` (each changed report is read, changed and put
        back in its place: `reports` may be a `SpilledReports`); returns how many were added."""
        if not self.enabled:
            return 0
        from reviewer.spill import SpilledReports

        heads = (  # a spilled batch knows its paths without reading every report back
            reports.heads()
            if isinstance(reports, SpilledReports)
            else [(r.path, bool(r.error)) for r in reports]
        )
        compared: list[tuple[int, str]] = [
            (i, path)
            for i, (path, failed) in enumerate(heads)
            if path in self._prints and not failed
        ]
        if len(compared) < 2:
            return 0
        found = find_copies(_OnDisk([self._prints[path] for _, path in compared], self._texts))
        self._prints.clear()  # the pass is done: what it found is all it needs
        added = 0
        for (i, _), copies in zip(compared, found, strict=True):
            if not copies:
                continue
            report = reports[i]
            report.findings = [f for f in report.findings if f.code != CODE]
            report.findings.extend(to_finding(c, self.policy) for c in copies)
            report.findings.sort(key=lambda f: (f.spans[0].start if f.spans else -1, f.code))
            reports[i] = report
            added += len(copies)
        return added


def split_example(text: str) -> list[tuple[str, str]]:
    """The reports of a batch rule's `example` (`=== name ===` lines start each one)."""
    reports: list[tuple[str, list[str]]] = []
    for line in text.splitlines():
        if line.startswith("=== ") and line.endswith(" ==="):
            reports.append((line[4:-4].strip(), []))
        elif reports:
            reports[-1][1].append(line)
    return [(name, "\n".join(lines) + "\n") for name, lines in reports]


def check_texts(
    texts: Sequence[tuple[str, str]], policy: Policy | None = None
) -> list[ReportResult]:
    """Review report texts as one batch, the copy pass included (tests, docs)."""
    from reviewer.engine import review_document

    policy = policy or Policy()
    collector = Collector(policy)
    results = []
    for name, text in texts:
        doc = Document(text=text, path=name)
        result = review_document(doc, policy)
        collector.add(doc, result)
        results.append(result)
    collector.apply(results)
    return results
