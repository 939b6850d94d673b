"""Run a suite: every case through each system, then score; or re-score a saved results file.

Systems:
* `rules`    — `reviewer.engine.check` (deterministic, offline);
* `llm`      — the findings of source `llm` from `reviewer.llm.review.review` (the LLM layer);
* `review`   — every finding `reviewer.llm.review.review` returns (what `reviewer review`
  prints: the rules and the model merged), from the same model calls as `llm`;
* `llm_only` — the model verifying the numbers by itself (`evals.verify`), a baseline.

Model calls replay the case's cassette (fixtures/cassettes/<case>.yaml) unless `record_mode` says
otherwise (`live` calls the endpoint with no cassette at all). A case with no cassette is
`skipped` for the model systems when replaying; a request missing from an existing cassette is an
`error` that names the re-record command.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reviewer.evals import cassettes as cas
from reviewer.evals import model_layer
from reviewer.evals.cases import Case, Suite
from reviewer.evals.matching import Score, score_findings, vocabulary
from reviewer.evals.metrics import Counts, group, total
from reviewer.models import Finding

RESULTS_VERSION = 1
MODEL_SYSTEMS = ("llm", "review", "llm_only")


@dataclass
class Output:
    """What one system produced for one case: the saved output that `--rescore` reads back."""

    status: str  # ok | skipped | error
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None
    seconds: float = 0.0
    meta: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "error": self.error,
            "seconds": round(self.seconds, 2),
            "meta": self.meta,
            "findings": [f.model_dump(mode="json") for f in self.findings],
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Output:
        return cls(
            status=d["status"],
            findings=[Finding.model_validate(f) for f in d.get("findings", [])],
            error=d.get("error"),
            seconds=d.get("seconds", 0.0),
            meta=d.get("meta", {}),
        )


@dataclass
class Results:
    suite: Suite
    cases: list[Case]
    outputs: dict[str, dict[str, Output]]  # case id -> system -> output
    created: str = ""
    settings: dict[str, Any] = field(default_factory=dict)
    scores: dict[str, dict[str, Score]] = field(default_factory=dict)

    def score(self) -> Results:
        vocab = vocabulary(self.cases)
        self.scores = {}
        for case in self.cases:
            for system, out in self.outputs.get(case.id, {}).items():
                if out.status != "ok":
                    continue
                sc = score_findings(case, system, out.findings, vocab)
                self.scores.setdefault(case.id, {})[system] = sc
        return self

    @property
    def systems(self) -> list[str]:
        return [s for s in self.suite.systems if any(s in o for o in self.outputs.values())]

    def system_scores(self, system: str) -> list[Score]:
        return [s[system] for s in self.scores.values() if system in s]

    def kind_source(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for c in self.cases:
            for g in c.gold:
                out.setdefault(g.kind, g.source)
        return out

    def counts(
        self, system: str, by: str, gold_sources: list[str] | None = None
    ) -> dict[str, Counts]:
        return group(
            self.system_scores(system),
            by,
            kind_source=self.kind_source(),
            gold_sources=set(gold_sources) if gold_sources else None,
        )

    def status(self, system: str) -> dict[str, int]:
        out: dict[str, int] = {}
        for per in self.outputs.values():
            if system in per:
                out[per[system].status] = out.get(per[system].status, 0) + 1
        return out

    def thresholds(self) -> list[dict[str, Any]]:
        rows = []
        for t in self.suite.thresholds:
            ids = {case.id for case in self.cases if t.applies_to(case)}
            c = total(
                [s for s in self.system_scores(t.system) if s.case_id in ids],
                kind_source=self.kind_source(),
                gold_sources=set(t.gold_sources),
            )
            value = c.metric(t.metric)
            complete = self.status(t.system).get("ok", 0) == len(self.cases)
            ok = value is not None and value + 1e-9 >= t.min and complete
            rows.append(
                {
                    **t.model_dump(mode="json"),
                    "value": None if value is None else round(value, 4),
                    "complete": complete,
                    "ok": ok,
                }
            )
        return rows

    def to_json(self) -> dict[str, Any]:
        metrics: dict[str, Any] = {}
        for system in self.systems:
            metrics[system] = {
                "status": self.status(system),
                "total": total(
                    self.system_scores(system), kind_source=self.kind_source()
                ).to_json(),
                "by_source": {k: v.to_json() for k, v in self.counts(system, "source").items()},
                "by_kind": {k: v.to_json() for k, v in self.counts(system, "kind").items()},
                "by_report": {k: v.to_json() for k, v in self.counts(system, "report").items()},
            }
        return {
            "version": RESULTS_VERSION,
            "suite": self.suite.name,
            "created": self.created,
            "model": self.suite.model.model_dump(mode="json") if self.suite.model else None,
            "prompts": self.suite.prompts,
            "settings": self.settings,
            "vocabulary": sorted(vocabulary(self.cases)),
            "cases": [c.id for c in self.cases],
            "metrics": metrics,
            "thresholds": self.thresholds(),
            "model_layer": model_layer.summary(self),
            "scores": {
                cid: {sys: sc.to_json() for sys, sc in per.items()}
                for cid, per in self.scores.items()
            },
            "outputs": {
                cid: {sys: o.to_json() for sys, o in per.items()}
                for cid, per in self.outputs.items()
            },
        }

    def write(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            json.dumps(self.to_json(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )


# --- systems ---------------------------------------------------------------------------------


def run_rules(case: Case) -> Output:
    from reviewer.engine import check

    t = time.perf_counter()
    result = check(case.report_path)
    findings = [f for f in result.findings if f.source == "rules"]
    return Output("ok", findings, seconds=time.perf_counter() - t)


@dataclass(frozen=True)
class ModelConfig:
    """How the model systems reach a model (from the suite, overridable by flags/env)."""

    model: str
    base_url: str | None
    api_key: str | None
    mode: str | None = None
    max_tokens: int = 4096
    reasks: int = 2
    verify_version: str = "v1"
    timeout: float = 1800.0  # a small local model on 2 cores is slow; not part of any request
    llm_only_model: str | None = None  # the llm_only baseline's own model, when it differs

    def public(self) -> dict[str, Any]:
        from reviewer.llm.settings import redact_url

        return {
            "model": self.model,
            "endpoint": redact_url(self.base_url),
            "mode": self.mode,
            "max_tokens": self.max_tokens,
            "reasks": self.reasks,
            "verify_numbers": self.verify_version,
            "llm_only_model": self.llm_only_model or self.model,
        }


# Reasons that describe the model's own answer (recorded in the cassette), as opposed to a
# request that could not be made or replayed.
_ANSWER_FAILURES = ("cut off at max_tokens", "did not match the schema", "without choices")


def _answer_failure(reason: str) -> bool:
    return any(marker in reason for marker in _ANSWER_FAILURES)


def run_llm(case: Case, cfg: ModelConfig) -> Output:
    """The LLM layer's own findings (source `llm`) for the case's report."""
    return run_llm_and_review(case, cfg)["llm"]


def run_review(case: Case, cfg: ModelConfig) -> Output:
    """Everything `reviewer review` reports for the case: the rules and the model merged."""
    return run_llm_and_review(case, cfg)["review"]


def run_llm_and_review(case: Case, cfg: ModelConfig) -> dict[str, Output]:
    """One review of the case's report (one set of model calls) as the `llm` and `review`
    systems' outputs."""
    from reviewer.llm.review import review
    from reviewer.llm.settings import Settings

    settings = Settings(
        model=cfg.model,
        base_url=cfg.base_url,
        api_key=cfg.api_key,
        mode=cfg.mode,
        cache=False,  # every call must reach HTTP so it is recorded / replayed
        max_tokens=cfg.max_tokens,
        reasks=cfg.reasks,
        max_retries=0,  # a replayed miss fails at once; recording never sends a request twice
        timeout=cfg.timeout,
    )
    t = time.perf_counter()
    result = review(case.report_path, settings=settings)
    seconds = time.perf_counter() - t
    # The model's own findings, plus the rules findings it confirmed: a model finding that
    # repeats a rule finding is merged into it (data.confirmed_by) and must still count here.
    findings = [
        f if f.source == "llm" else f.model_copy(update={"source": "llm"})
        for f in result.findings
        if f.source == "llm" or f.data.get("confirmed_by")
    ]
    merged = list(result.findings)
    meta = dict(result.meta.get("llm") or {})
    status = meta.get("status")
    reason = str(meta.get("reason") or "")
    if not result.error and status in ("failed", "partial") and _answer_failure(reason):
        # The recorded answer itself was unusable (cut off, off-schema, empty): that is the
        # model's result on this case and is scored as such, not a harness error.
        meta["model_failure"] = reason
    elif result.error or status != "ok":
        reason = result.error or meta.get("reason") or f"model status {status}"
        reason = (
            f"{reason} (when replaying, a request missing from the cassette shows up here: "
            f"re-record with `{cas.RECORD_COMMAND}`)"
        )
        return {
            "llm": Output("error", findings, reason, seconds, meta),
            "review": Output("error", merged, reason, seconds, {}),
        }
    return {
        "llm": Output("ok", findings, seconds=seconds, meta=meta),
        "review": Output("ok", merged, seconds=seconds),
    }


def run_llm_only(case: Case, cfg: ModelConfig) -> Output:
    from reviewer.evals.verify import verify_numbers

    own = case.system_models.get("llm_only")
    t = time.perf_counter()
    findings, meta = verify_numbers(
        case.text,
        model=own.name if own else (cfg.llm_only_model or cfg.model),
        base_url=cfg.base_url,
        api_key=cfg.api_key,
        version=case.prompts.get("verify_numbers", cfg.verify_version),
        max_tokens=cfg.max_tokens,
        json_schema=(cfg.mode or "json_schema") == "json_schema",
        timeout=cfg.timeout,
    )
    return Output("ok", findings, seconds=time.perf_counter() - t, meta=meta)


SYSTEM_RUNNERS: dict[str, Callable[[Case, ModelConfig], Output]] = {
    "llm": run_llm,
    "review": run_review,
    "llm_only": run_llm_only,
}


def model_config(suite: Suite, **overrides: Any) -> ModelConfig:
    m = suite.model
    values: dict[str, Any] = {
        "model": (m.name if m else None) or os.environ.get("REVIEWER_MODEL") or "",
        # the environment wins (a recording server on another port); hosts are not matched
        "base_url": os.environ.get("OPENAI_BASE_URL") or (m.base_url if m else None),
        "api_key": os.environ.get("OPENAI_API_KEY") or cas.REPLAY_API_KEY,
        "mode": m.mode if m else None,
        "max_tokens": suite.max_tokens,
        "reasks": suite.reasks,
        "verify_version": suite.prompts.get("verify_numbers", "v1"),
        "llm_only_model": (
            suite.system_models["llm_only"].name if "llm_only" in suite.system_models else None
        ),
    }
    values.update({k: v for k, v in overrides.items() if v is not None})
    return ModelConfig(**values)


def _guarded(case: Case, system: str, func: Callable[[], Output]) -> Output:
    t = time.perf_counter()
    try:
        return func()
    except Exception as exc:  # a system failing on one case must not stop the suite
        miss = cas.cassette_miss(exc)
        msg = cas.miss_message(case.id, miss) if miss else f"{type(exc).__name__}: {exc}"
        return Output("error", error=msg, seconds=time.perf_counter() - t)


def _guarded_pair(case: Case, cfg: ModelConfig) -> dict[str, Output]:
    t = time.perf_counter()
    try:
        return run_llm_and_review(case, cfg)
    except Exception as exc:  # a system failing on one case must not stop the suite
        miss = cas.cassette_miss(exc)
        msg = cas.miss_message(case.id, miss) if miss else f"{type(exc).__name__}: {exc}"
        out = Output("error", error=msg, seconds=time.perf_counter() - t)
        return {"llm": out, "review": out}


def run_suite(
    suite: Suite,
    *,
    systems: list[str] | None = None,
    only: list[str] | None = None,
    record_mode: str = "none",
    cassette_dir: Path | None = None,
    cfg: ModelConfig | None = None,
    cassette: Callable[[Case], contextlib.AbstractContextManager[Any]] | None = None,
    progress: Callable[[str], None] | None = None,
) -> Results:
    """Run the suite's cases through `systems` and score them.

    `record_mode` is a vcrpy mode (`none` replays only), or `live` for no cassette at all.
    `cassette` overrides how a case's cassette is opened (pytest-recording passes its own).
    """
    cases = suite.load_cases()
    if only:
        cases = [c for c in cases if c.id in only]
    systems = systems or list(suite.systems)
    cassette_dir = cassette_dir or suite.cassette_dir
    cfg = cfg or model_config(suite)
    outputs: dict[str, dict[str, Output]] = {}
    say = progress or (lambda _m: None)

    def open_cassette(case: Case) -> contextlib.AbstractContextManager[Any]:
        if cassette is not None:
            return cassette(case)
        if record_mode == "live" or cassette_dir is None:
            return contextlib.nullcontext()
        return cas.use_cassette(cassette_dir, case.id, record_mode)

    for case in cases:
        per: dict[str, Output] = {}
        mine = [s for s in systems if case.systems is None or s in case.systems]
        if "rules" in mine:
            per["rules"] = _guarded(case, "rules", functools.partial(run_rules, case))
        model_systems = [s for s in mine if s in MODEL_SYSTEMS]
        if model_systems:
            missing = (
                cassette is None
                and record_mode == "none"
                and cassette_dir is not None
                and not cas.cassette_path(cassette_dir, case.id).exists()
            )
            if missing:
                for s in model_systems:
                    per[s] = Output(
                        "skipped", error=f"no cassette; record with `{cas.RECORD_COMMAND}`"
                    )
            else:
                with open_cassette(case):
                    both = [s for s in model_systems if s in ("llm", "review")]
                    if both:
                        # one review of the report (one set of model calls) serves both systems
                        say(f"{case.id}: {', '.join(both)}")
                        got = _guarded_pair(case, cfg)
                        per.update({s: got[s] for s in both})
                    for s in model_systems:
                        if s in both:
                            continue
                        say(f"{case.id}: {s}")
                        runner = SYSTEM_RUNNERS[s]
                        per[s] = _guarded(case, s, functools.partial(runner, case, cfg))
        outputs[case.id] = per
    res = Results(
        suite=suite,
        cases=cases,
        outputs=outputs,
        created=dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        settings={**cfg.public(), "record_mode": record_mode},
    )
    return res.score()


def load_results(path: Path, suite: Suite) -> Results:
    """A results file read back for re-scoring against the suite's current cases and gold."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if data.get("version") != RESULTS_VERSION:
        raise ValueError(
            f"{path}: results version {data.get('version')}, expected {RESULTS_VERSION}"
        )
    cases = [c for c in suite.load_cases() if c.id in data["outputs"]]
    outputs = {
        cid: {sys: Output.from_json(o) for sys, o in per.items()}
        for cid, per in data["outputs"].items()
    }
    return Results(
        suite=suite,
        cases=cases,
        outputs=outputs,
        created=data.get("created", ""),
        settings=data.get("settings", {}),
    )


def rescore(path: Path, suite: Suite) -> Results:
    """Recompute every metric from the outputs saved in `path`; calls nothing."""
    return load_results(path, suite).score()


# --- baseline comparison ------------------------------------------------------------------------


@dataclass
class Regression:
    system: str
    what: str  # "new miss" | "new false alarm"
    key: str
    detail: str = ""


def _misses_and_alarms(
    scores: dict[str, dict[str, Any]],
) -> dict[str, tuple[set[str], dict[str, str]]]:
    """system -> (missed gold keys, false-alarm finding key -> reason), from `to_json` scores."""
    out: dict[str, tuple[set[str], dict[str, str]]] = {}
    for per in scores.values():
        for system, sc in per.items():
            missed, alarms = out.setdefault(system, (set(), {}))
            missed.update(k for k, g in sc["gold"].items() if not g["matched_by"])
            alarms.update({f["key"]: f["reason"] for f in sc["findings"] if f["verdict"] == "fp"})
    return out


def compare(current: Results, baseline: dict[str, Any]) -> tuple[list[Regression], list[str]]:
    """New misses and new false alarms vs a baseline results file, per system.

    A gold item missed now and matched in the baseline (or absent from it) is a new miss; a false
    alarm now that the baseline did not have is a new one. Systems or cases the baseline did not
    score are compared only where both have them; notes say what was left out.
    """
    now = _misses_and_alarms(current.to_json()["scores"])
    before = _misses_and_alarms(baseline.get("scores", {}))
    base_cases = {(cid, sys) for cid, per in baseline.get("scores", {}).items() for sys in per}
    regressions: list[Regression] = []
    notes: list[str] = []
    for system, (missed, alarms) in sorted(now.items()):
        if system not in before:
            notes.append(f"{system}: not in the baseline, not compared")
            continue
        old_missed, old_alarms = before[system]
        for key in sorted(missed - old_missed):
            if (key.split(":", 1)[0], system) in base_cases:
                regressions.append(Regression(system, "new miss", key))
        for key in sorted(set(alarms) - set(old_alarms)):
            if (key.split(":", 1)[0], system) in base_cases:
                regressions.append(Regression(system, "new false alarm", key, alarms[key]))
    for cid, per in current.scores.items():
        for system in per:
            if system in before and (cid, system) not in base_cases:
                notes.append(f"{cid}/{system}: not in the baseline, not compared")
    return regressions, notes
