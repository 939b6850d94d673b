"""Eval cases (one YAML file per report under fixtures/cases/) and suites (evals/*.yaml).

A case names its report, the gold findings a careful reviewer wants flagged, and claims known
to be correct (a finding at `error` on one of those is a false alarm whatever its kind):

    id: yonggu-2024
    report: ../reports/yonggu-2024.txt        # relative to the case file
    origin: gold.yaml                         # kept in sync with fixtures/gold.yaml by a test
    gold:
      - kind: score_sum_mismatch
        source: arithmetic                    # arithmetic | target | quality
        severity: error
        quote: "综合评分结果为93.44分"        # verbatim in the report
        scope: span                           # or document: that kind anywhere matches
    correct:
      - quote: "..."

A suite picks cases and systems, fixes model and prompt versions, and sets thresholds.
Paths in a suite are relative to the suite file.
"""

from __future__ import annotations

import glob
from functools import cached_property
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator

GoldSource = Literal["arithmetic", "target", "quality"]
System = Literal["rules", "llm", "review", "llm_only"]
SYSTEMS: tuple[System, ...] = ("rules", "llm", "review", "llm_only")
ALL_SOURCES: tuple[GoldSource, ...] = ("arithmetic", "target", "quality")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class GoldItem(_Strict):
    """One finding a reviewer wants flagged. `quote` shows where; `scope: document` means the
    finding is about the report as a whole (something missing), so that kind anywhere matches."""

    kind: str
    source: GoldSource
    severity: Literal["error", "warning", "info"]
    quote: str
    scope: Literal["span", "document"] = "span"
    detail: str = ""

    def key(self, case_id: str) -> str:
        """Stable id used in results files and baseline comparisons."""
        return f"{case_id}:{self.kind}:{self.quote[:24]}"


class CorrectClaim(_Strict):
    """A claim checked and found to hold: an `error` finding on it is a false alarm."""

    quote: str
    holds: str = ""


class ModelSpec(_Strict):
    """The model the cassettes were recorded from (for the record and for re-recording)."""

    name: str
    file: str | None = None
    sha256: str | None = None
    base_url: str | None = None
    server: str | None = None
    mode: str | None = None


class Case(_Strict):
    id: str
    report: str
    description: str = ""
    origin: str | None = None  # "gold.yaml" when converted from fixtures/gold.yaml
    # A real published report (fixtures/corpus/): where it was found and what it is.
    url: str | None = None
    province: str | None = None
    report_type: Literal["department", "project", "transfer", "other"] | None = None
    year: int | None = None
    layouts: list[Literal["prose", "pipe", "cell_per_line", "run_together", "tab", "docx"]] = Field(
        default_factory=list
    )
    tags: list[str] = Field(default_factory=list)
    # The systems this case runs (default: the suite's). A case added after a system's
    # recordings were made leaves that system out instead of recording it from another model.
    systems: list[System] | None = None
    # A system's model and prompt versions for this case, when its recording predates the
    # suite's (`model`, `system_models`, `prompts`) and was not re-recorded: the case replays
    # what was recorded, and says so.
    system_models: dict[str, ModelSpec] = Field(default_factory=dict)
    prompts: dict[str, str] = Field(default_factory=dict)
    gold: list[GoldItem] = Field(default_factory=list)
    correct: list[CorrectClaim] = Field(default_factory=list)
    file: Path | None = Field(default=None, exclude=True)

    @property
    def report_path(self) -> Path:
        base = self.file.parent if self.file else Path.cwd()
        return (base / self.report).resolve()

    @cached_property
    def text(self) -> str:
        """The report text as the engine decodes it (offsets of findings refer to this)."""
        from reviewer.document import load

        return load(self.report_path).text

    @property
    def report_name(self) -> str:
        return Path(self.report).name


def load_case(path: Path) -> Case:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{path}: a case is a mapping")
    return Case(**data, file=path.resolve())


def load_cases(paths: list[Path]) -> list[Case]:
    cases = [load_case(p) for p in paths]
    seen: set[str] = set()
    for c in cases:
        if c.id in seen:
            raise ValueError(f"duplicate case id {c.id}")
        seen.add(c.id)
    return cases


class Threshold(_Strict):
    """`system`'s `metric` over gold items whose source is in `gold_sources` must be >= `min`.

    `tags` and `exclude_tags` narrow the cases it is measured on: only cases carrying every tag
    in `tags` and none in `exclude_tags` (a held-out set gets floors of its own that way, and the
    floors of the other cases keep their meaning when it is added)."""

    system: System
    metric: Literal["recall", "precision", "f1"]
    min: float
    gold_sources: list[GoldSource] = Field(default_factory=lambda: list(ALL_SOURCES))
    tags: list[str] = Field(default_factory=list)
    exclude_tags: list[str] = Field(default_factory=list)

    def applies_to(self, case: Case) -> bool:
        return set(self.tags) <= set(case.tags) and not set(self.exclude_tags) & set(case.tags)


class Suite(_Strict):
    name: str
    description: str = ""
    cases: list[str]  # globs, relative to the suite file
    systems: list[System] = Field(default_factory=lambda: list(SYSTEMS))
    model: ModelSpec | None = None
    # A system's own model, when its cassettes were recorded from another one (llm_only).
    system_models: dict[str, ModelSpec] = Field(default_factory=dict)
    # Models whose interactions stay in cassettes unused (requests no system sends any more:
    # the whole-report pipeline, an older llm_only prompt): named, so each answer is accounted for.
    unused_models: list[ModelSpec] = Field(default_factory=list)
    prompts: dict[str, str] = Field(default_factory=dict)  # prompt name -> version, e.g. v1
    cassettes: str | None = None  # folder, relative to the suite file
    baseline: str | None = None  # results file, relative to the suite file
    thresholds: list[Threshold] = Field(default_factory=list)
    max_tokens: int = 4096
    reasks: int = 2  # validation re-asks of the LLM layer (fewer calls = faster recording)
    file: Path | None = Field(default=None, exclude=True)

    @field_validator("systems")
    @classmethod
    def _known(cls, v: list[str]) -> list[str]:
        return list(dict.fromkeys(v))

    def _rel(self, p: str) -> Path:
        base = self.file.parent if self.file else Path.cwd()
        return (base / p).resolve()

    def case_paths(self) -> list[Path]:
        out: list[Path] = []
        for pattern in self.cases:
            hits = sorted(glob.glob(str(self._rel(pattern))))
            if not hits:
                raise ValueError(f"suite {self.name}: no case file matches {pattern}")
            out.extend(Path(h) for h in hits if Path(h) not in out)
        return out

    def load_cases(self) -> list[Case]:
        return load_cases(self.case_paths())

    def recorded_models(self) -> list[ModelSpec]:
        """Every model the suite's cassettes may name: the main one, the systems' own and the
        ones cases still replay."""
        out = [
            m
            for m in (self.model, *self.system_models.values(), *self.unused_models)
            if m is not None
        ]
        for c in self.load_cases():
            out.extend(m for m in c.system_models.values() if m not in out)
        return out

    @property
    def cassette_dir(self) -> Path | None:
        return self._rel(self.cassettes) if self.cassettes else None

    @property
    def baseline_path(self) -> Path | None:
        return self._rel(self.baseline) if self.baseline else None


def load_suite(path: Path) -> Suite:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{path}: a suite is a mapping")
    return Suite(**data, file=Path(path).resolve())
