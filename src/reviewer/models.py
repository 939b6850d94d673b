"""Pydantic models: the contracts between pipeline stages and the JSON output."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Annotated, Any, Literal, overload

from pydantic import BaseModel, Field, PlainSerializer, ValidatorFunctionWrapHandler, WrapValidator


class Severity(str, Enum):
    """How serious a finding is; ordered info < warning < error."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "error": 2}[self.value]


Source = Literal["rules", "llm"]
Lang = Literal["zh", "en"]


class Span(BaseModel):
    """A stretch of the decoded report text: code-point offsets plus 1-based line:column."""

    start: int
    end: int
    line: int
    column: int
    text: str


class Finding(BaseModel):
    """One problem in a report.

    The first span is the claim judged wrong; later spans are its evidence.
    """

    code: str
    kind: str
    severity: Severity
    source: Source = "rules"
    message: str
    spans: list[Span] = Field(default_factory=list)
    data: dict[str, Any] = Field(default_factory=dict)

    @property
    def family(self) -> str:
        """`numeric` for arithmetic/target checks, `quality` for report-quality checks."""
        if self.code.startswith("Q") or self.data.get("family") == "quality":
            return "quality"
        return "numeric"


FigureStatus = Literal["verified", "mismatch", "unverifiable", "reference"]


@dataclass(slots=True)
class LedgerFigure:
    """One figure of the report and what the checks made of it (see `reviewer.ledger`):
    `verified` (a relation that holds took it in; `relations` says which), `mismatch` (in a
    numeric finding), `unverifiable` (no relation found) or `reference` (a date, a document or
    section number: not a claim).

    A dataclass, not a model: a report has one a figure (167,000 in a megabyte of flattened
    table), and pydantic takes a dataclass instance as it is (no validation a figure, two
    objects for the collector instead of four) while reading and writing the same JSON object
    as a model would (`ReportResult.figures`)."""

    start: int
    end: int
    text: str
    value: float
    unit: str
    status: FigureStatus
    relations: list[str] = field(default_factory=list)
    line: int = 0  # 1-based line of the figure
    key: bool | None = None  # unverifiable and a key figure: budget, execution, score, headcount
    label: str | None = None  # for a key figure: the words before it ("年度预算资金")


class Ledger(Sequence[LedgerFigure]):
    """The ledger of one report as columns, one entry a figure: what `reviewer.ledger.build`
    returns. A `LedgerFigure` is made when an entry is read (a renderer, an eval), not for each
    of the figures up front: a megabyte of flattened table has 167,000, each one more object
    for the garbage collector to walk for as long as the report is held. Compares equal to the
    list of the same figures, and is written to JSON as that list is."""

    # the columns in the order of LedgerFigure's fields
    COLUMNS: tuple[str, ...] = ("starts", "ends", "texts", "values", "units", "statuses")
    COLUMNS += ("relations", "lines", "keys", "labels")
    __slots__ = COLUMNS

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.texts: list[str] = []
        self.values: list[float] = []
        self.units: list[str] = []
        self.statuses: list[FigureStatus] = []
        self.relations: list[list[str]] = []
        self.lines: list[int] = []
        self.keys: list[bool | None] = []
        self.labels: list[str | None] = []

    def __len__(self) -> int:
        return len(self.starts)

    @overload
    def __getitem__(self, i: int) -> LedgerFigure: ...

    @overload
    def __getitem__(self, i: slice) -> list[LedgerFigure]: ...

    def __getitem__(self, i: int | slice) -> LedgerFigure | list[LedgerFigure]:
        if isinstance(i, slice):
            return [self._figure(k) for k in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError("ledger index out of range")
        return self._figure(i)

    def _figure(self, i: int) -> LedgerFigure:
        return LedgerFigure(
            self.starts[i],
            self.ends[i],
            self.texts[i],
            self.values[i],
            self.units[i],
            self.statuses[i],
            self.relations[i],
            self.lines[i],
            self.keys[i],
            self.labels[i],
        )

    def __iter__(self) -> Iterator[LedgerFigure]:
        return map(LedgerFigure, *self._columns())

    def _columns(self) -> tuple[list[Any], ...]:
        return tuple(getattr(self, name) for name in Ledger.COLUMNS)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Ledger):
            return self._columns() == other._columns()
        if isinstance(other, list):
            return list(self) == other
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # mutable, like the list it stands for

    def __repr__(self) -> str:
        return f"Ledger({list(self)!r})"

    def __getstate__(self) -> tuple[list[Any], ...]:
        return self._columns()

    def __setstate__(self, state: tuple[list[Any], ...]) -> None:
        for name, column in zip(Ledger.COLUMNS, state, strict=True):
            setattr(self, name, column)


def _keep_ledger(value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
    """A `Ledger` is taken as it is; anything else (a list, JSON) is validated as a list."""
    return value if isinstance(value, Ledger) else handler(value)


def _ledger_out(value: Any) -> Any:
    """Written as the list of its figures (the same JSON as a list of `LedgerFigure`)."""
    return list(value) if isinstance(value, Ledger) else value


# The figures of a report: a `Ledger` from the checks, a list when read back from JSON.
Figures = Annotated[
    Sequence[LedgerFigure] | None,
    WrapValidator(_keep_ledger),
    PlainSerializer(_ledger_out, return_type=list[LedgerFigure] | None),
]


class ReportResult(BaseModel):
    """All findings for one report, or the reason it could not be read; `figures` is the
    ledger of its figures (None when not computed)."""

    path: str
    findings: list[Finding] = Field(default_factory=list)
    error: str | None = None
    meta: dict[str, Any] = Field(default_factory=dict)
    figures: Figures = None

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def worst(self) -> Severity | None:
        if not self.findings:
            return None
        return max((f.severity for f in self.findings), key=lambda s: s.rank)


class RunResult(BaseModel):
    """The JSON document written by `--format json`."""

    version: int = 1
    reports: list[ReportResult] = Field(default_factory=list)
    meta: dict[str, Any] = Field(default_factory=dict)
