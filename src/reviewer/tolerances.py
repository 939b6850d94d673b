"""Tolerances a reviewer may widen in config (`[tool.reviewer.tolerances]`).

By default a figure may be off by half a unit of its last written digit (the rounding it carries)
and nothing more. Some bureaus accept more, e.g. 0.01万元 of 尾差, 0.1 percentage points on
shares and rates, or 0.5 points on a score sum; these settings add that allowance on top of the
rounding.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from reviewer.errors import ReviewerError

KEYS = {
    "money-yuan": "extra allowance on sums of money, in yuan (default 0)",
    "count": "extra allowance on sums of counts such as staff and units (default 0)",
    "percent-points": "extra allowance on shares and stated rates, in points (default 0)",
    "score-points": "extra allowance on score sums (得分合计 vs 总分), in points (default 0)",
    "rounding": "allow each figure's own rounding (default true; false = exact sums)",
}


@dataclass(frozen=True)
class Tolerances:
    money_yuan: Decimal = Decimal(0)
    count: Decimal = Decimal(0)
    percent_points: Decimal = Decimal(0)
    score_points: Decimal = Decimal(0)
    rounding: bool = True

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None, where: str = "tolerances") -> Tolerances:
        """Read the config table; unknown keys and bad values are a one-line error."""
        if not data:
            return cls()
        values: dict[str, Any] = {}
        for raw_key, value in data.items():
            key = str(raw_key).replace("_", "-")
            if key not in KEYS:
                raise ReviewerError(
                    f"{where}: unknown tolerance {raw_key!r}; known: {', '.join(KEYS)}"
                )
            if key == "rounding":
                if not isinstance(value, bool):
                    raise ReviewerError(f"{where}: `rounding` must be true or false")
                values["rounding"] = value
                continue
            try:
                number = Decimal(str(value))
            except InvalidOperation:
                raise ReviewerError(f"{where}: `{key}` must be a number, not {value!r}") from None
            if number < 0 or isinstance(value, bool):
                raise ReviewerError(f"{where}: `{key}` must be a number >= 0, not {value!r}")
            values[key.replace("-", "_")] = number
        return cls(**values)

    def rounding_of(self, rounding: Decimal) -> Decimal:
        """The figures' own rounding allowance, or none when rounding is switched off."""
        return rounding if self.rounding else Decimal(0)

    def extra(self, dimension: str) -> Decimal:
        """The configured allowance for figures of `dimension`, in base units."""
        return {
            "money": self.money_yuan,
            "count": self.count,
            "percent": self.percent_points,
            "score": self.score_points,
        }.get(dimension, Decimal(0))
