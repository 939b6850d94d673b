"""`--format jsonl`: one ReportResult of the JSON contract per line."""

from __future__ import annotations

import json

from reviewer.models import ReportResult
from reviewer.render import render
from tests.test_cli import sample_run


def test_one_report_per_line_matching_the_json_contract(fake_rules: None) -> None:
    run = sample_run()
    lines = render(run, "jsonl", "zh").splitlines()
    assert len(lines) == 3
    assert [ReportResult.model_validate_json(x) for x in lines] == run.reports
    full = json.loads(render(run, "json", "zh"))
    assert [json.loads(x) for x in lines] == full["reports"]
