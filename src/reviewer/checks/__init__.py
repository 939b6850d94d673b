"""Deterministic checks. Each module registers its rules; `load_all()` imports them all."""

from reviewer.checks.registry import CHECKS, RULES, Hit, Rule, check, load_all, rule

__all__ = ["CHECKS", "RULES", "Hit", "Rule", "check", "load_all", "rule"]
