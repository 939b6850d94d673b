"""Pydantic models: the contracts between pipeline stages and the JSON output."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Literal

from pydantic import BaseModel, Field


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


class ReportResult(BaseModel):
    """All findings for one report, or the reason it could not be read; `figures` is the
    ledger of its figures (None when not computed)."""

    path: str
    findings: list[Finding] = Field(default_factory=list)
    error: str | None = None
    meta: dict[str, Any] = Field(default_factory=dict)
    figures: list[LedgerFigure] | None = None

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
