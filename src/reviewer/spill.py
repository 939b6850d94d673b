"""A batch's results on disk: `SpilledReports`, a sequence of `ReportResult`s kept in a temporary
file and read back one at a time, so a batch of any size holds one report's result in memory.

Each result is pickled (exact: what is read back equals what was written, whatever its `meta`
holds) and appended to an anonymous temporary file; the sequence keeps two ints a report (where
its latest copy starts, and its length). Setting an item appends the new copy and points the
slot at it, so batch-level passes (`reviewer.copies`, `reviewer.previous`, a baseline) update a
report by reading it, changing it and putting it back. Renderers take it as `RunResult.reports`
(`RunResult.model_construct` skips the list validation): they index, iterate and count it.
"""

from __future__ import annotations

import pickle
import tempfile
from array import array
from collections.abc import Iterator, MutableMapping, Sequence
from typing import IO, Any, NamedTuple, overload

from reviewer.models import ReportResult, RunResult


class Pickled(NamedTuple):
    """A `ReportResult` pickled as `SpilledReports` stores it, with what the batch reads of it
    as it finishes (a worker pickles its result once; the batch writes the bytes to its file
    and unpickles them only to render): the path, the error, the meta's `internal_errors`
    and `incomplete`."""

    path: str
    error: str | None
    meta: dict[str, Any]
    data: bytes

    @classmethod
    def of(cls, report: ReportResult) -> Pickled:
        meta: dict[str, Any] = {
            k: report.meta[k] for k in ("internal_errors", "incomplete") if k in report.meta
        }
        data = pickle.dumps(report, protocol=pickle.HIGHEST_PROTOCOL)
        return cls(report.path, report.error, meta, data)

    def result(self) -> ReportResult:
        report: ReportResult = pickle.loads(self.data)
        return report


class SpilledReports(Sequence[ReportResult]):
    """`size` report slots backed by a temporary file; every slot must be set before it is read."""

    def __init__(self, size: int = 0, *, _file: IO[bytes] | None = None) -> None:
        self._file: IO[bytes] = _file if _file is not None else tempfile.TemporaryFile()  # noqa: SIM115 (lives as long as the batch's results)
        self._at = array("q", [-1]) * size
        self._len = array("q", [0]) * size
        # each set slot's path, and whether its report failed (for batch passes that pick the
        # reports to read without reading them all)
        self._heads: list[tuple[str, bool] | None] = [None] * size

    def __len__(self) -> int:
        return len(self._at)

    @overload
    def __getitem__(self, i: int) -> ReportResult: ...
    @overload
    def __getitem__(self, i: slice) -> list[ReportResult]: ...
    def __getitem__(self, i: int | slice) -> ReportResult | list[ReportResult]:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        at = self._at[i]
        if at < 0:
            raise LookupError(f"report {i} of the batch is not in yet")
        self._file.seek(at)
        result: ReportResult = pickle.loads(self._file.read(self._len[i]))
        return result

    def __setitem__(self, i: int, report: ReportResult) -> None:
        self.put(i, Pickled.of(report))

    def put(self, i: int, report: Pickled) -> None:
        """Set slot `i` to a result pickled already (by a worker process: this process
        stores its bytes without reading them)."""
        self._file.seek(0, 2)
        self._at[i] = self._file.tell()
        self._len[i] = len(report.data)
        self._file.write(report.data)
        self._heads[i] = (report.path, report.error is not None)

    def heads(self) -> list[tuple[str, bool]]:
        """Each report's path and whether it failed (its `error`), without reading it."""
        return [h if h is not None else ("", True) for h in self._heads]

    def __iter__(self) -> Iterator[ReportResult]:
        for i in range(len(self)):
            yield self[i]

    def filled(self) -> list[int]:
        """The slots that were set."""
        return [i for i, at in enumerate(self._at) if at >= 0]

    def arranged(self, items: Sequence[int | ReportResult]) -> SpilledReports:
        """A new sequence on the same file: an int takes that slot of this one, a `ReportResult`
        is added."""
        out = SpilledReports(len(items), _file=self._file)
        for k, item in enumerate(items):
            if isinstance(item, ReportResult):
                out[k] = item
            else:
                out._at[k], out._len[k] = self._at[item], self._len[item]
                out._heads[k] = self._heads[item]
        return out

    def close(self) -> None:
        self._file.close()


class SpilledTexts(MutableMapping[str, str]):
    """Report texts by path, kept in a temporary file (for the renderers that show them)."""

    def __init__(self) -> None:
        self._file: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 (as long as the batch)
        self._at: dict[str, tuple[int, int]] = {}

    def __getitem__(self, path: str) -> str:
        at, size = self._at[path]
        self._file.seek(at)
        return self._file.read(size).decode("utf-8")

    def __setitem__(self, path: str, text: str) -> None:
        data = text.encode("utf-8")
        self._file.seek(0, 2)
        self._at[path] = (self._file.tell(), len(data))
        self._file.write(data)

    def __delitem__(self, path: str) -> None:
        del self._at[path]

    def __iter__(self) -> Iterator[str]:
        return iter(self._at)

    def __len__(self) -> int:
        return len(self._at)

    def __contains__(self, path: object) -> bool:
        return path in self._at


def spilled_run(reports: SpilledReports, run: RunResult | None = None) -> RunResult:
    """A `RunResult` whose reports are `reports` (not copied into a list)."""
    base = run or RunResult()
    return RunResult.model_construct(version=base.version, reports=reports, meta=base.meta)
