"""Scans that try a pattern only where it can match give exactly the matches of the full scan."""

from __future__ import annotations

import random

from reviewer.checks.quality_goals import _DASH_VALUE, _dash_values


def _texts() -> list[str]:
    rnd = random.Random(7)
    alphabet = [*"ab项目满意度提升 \t\n—-，。；;：:()[]", "   ", "——", "--", "\n\n"]
    out = [
        "",
        "群众满意度——逐步提升\n",
        "群众满意度 —— 逐步提升。",
        "| 项目 | 预算数 |\n|---|---|\n| 项目1 | 100.00 |\n",
        "指标" + " " * 60 + "——提高\n",  # spaces longer than a name before the dash
        "a---b——c--d—",
        "服务对象满意度--有所提升；社会效益——显著",
    ]
    out += ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 120))) for _ in range(3000)]
    return out


def test_dash_values_are_the_full_scan_matches() -> None:
    for text in _texts():
        expected = [m.regs for m in _DASH_VALUE.finditer(text)]
        assert [m.regs for m in _dash_values(text)] == expected, text
