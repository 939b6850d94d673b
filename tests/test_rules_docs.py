"""Every rule is documented: what / why / example / fix, in English, and the fix in Chinese."""

from __future__ import annotations

import pytest

from reviewer.checks.registry import RULES, load_all

load_all()
OWN_RULES = sorted(code for code in RULES if not code.startswith("L"))


@pytest.mark.parametrize("code", OWN_RULES)
def test_rule_is_documented(code: str) -> None:
    r = RULES[code]
    for field in ("title_zh", "title_en", "message_zh", "message_en", "what", "why", "example"):
        assert getattr(r, field).strip(), f"{code} has no {field}"
    assert r.fix.strip() and r.fix_zh.strip(), f"{code} needs its fix in English and Chinese"


def test_codes_are_a_family_letter_and_three_digits() -> None:
    import re

    assert all(re.fullmatch(r"[A-Z]\d{3}", code) for code in RULES)
    names = [r.name for r in RULES.values()]
    assert len(names) == len(set(names)), "slugs are unique"
