"""The eval suite: cases with gold findings → systems (rules, llm, llm-only) → matching → metrics.

Shaped like inspect_ai: a dataset of cases (`cases`), solvers that produce findings (`runner`),
a scorer that matches findings to gold (`matching`), metrics (`metrics`) and a results log
that can be re-scored without calling anything (`runner.rescore`). `report` renders tables.
"""

from reviewer.evals.cases import Case, GoldItem, Suite, load_cases, load_suite
from reviewer.evals.matching import Score, score_findings
from reviewer.evals.metrics import Counts

__all__ = [
    "Case",
    "Counts",
    "GoldItem",
    "Score",
    "Suite",
    "load_cases",
    "load_suite",
    "score_findings",
]
