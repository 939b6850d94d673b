"""Python decides: the model's extraction goes through the same target and score arithmetic as
the rules' own claims; the model never judges a number.

Each grounded indicator is rebuilt as a `reviewer.claims.indicators.Indicator` and judged with
that module's `met()` / `units_agree()` and the name patterns of `reviewer.checks.targets`
(bounded rates, higher-is-better rates), so rule and model findings agree by construction.
If those modules are absent (an older core), a plain comparison stands in.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from reviewer.document import Document
from reviewer.llm.codes import rule_for
from reviewer.llm.grounding import decimal_or_none
from reviewer.llm.schema import Actual, Extraction, Indicator, Target, comparator_of
from reviewer.models import Finding, Lang, Severity
from reviewer.numbers import MONEY_SCALE, Quantity, decimals_of, fmt
from reviewer.regex import lazy

try:  # the core's own definitions (claims/indicators.py, claims/rate_classes.py)
    from reviewer.checks.target_verdict import met
    from reviewer.claims import indicators as core
    from reviewer.claims.rate_classes import CAN_EXCEED as UNBOUNDED
    from reviewer.claims.rate_classes import HIGHER_BETTER, LOWER_OK
    from reviewer.claims.rate_classes import SHARE as BOUNDED
except ImportError:  # pragma: no cover - older core without target claims
    core = None  # type: ignore[assignment]
    BOUNDED = lazy(r"(?:及时|合格|覆盖|达标|参保|满意|完成|执行)(?:率|度)$")
    UNBOUNDED = lazy(r"增长|增幅|变动|变化|控制|调整|偏差|结余|超")
    HIGHER_BETTER = lazy(r"(?:执行|完成|及时|覆盖|合格|达标|参保|满意)(?:率|度)$")
    LOWER_OK = lazy(r"控制|结余|调整|变动|偏差|差错|发生|事故|投诉")


def _unit(raw_unit: str | None, raw: str | None) -> str:
    u = (raw_unit or "").strip().replace("％", "%")
    if not u and raw and raw.replace("％", "%").rstrip().endswith("%"):
        u = "%"
    return u


def _quantity(value: Decimal, raw_value: str, unit: str, span: list[int] | None) -> Quantity:
    a, b = (span or [0, 0])[:2]
    return Quantity(value, unit, decimals_of(raw_value), a, b, f"{raw_value}{unit}")


def _claim(ind: Indicator, part: Target | Actual, role: str, comparator: str) -> Any:
    """The indicator statement as the core's claim object (None when it has no number)."""
    value = decimal_or_none(part.value)
    if value is None or core is None:
        return None
    unit = _unit(part.unit, part.raw)
    a, b = (part.span or [0, 0])[:2]
    return core.Indicator(
        name=ind.name,
        key=core.name_key(ind.name),
        comparator=comparator,
        value=value,
        unit=unit,
        role=role,
        start=a,
        end=b,
        name_start=a,
        name_end=a,
        value_start=a,
        value_end=b,
        quantity=_quantity(value, str(part.value), unit, part.span),
        source="llm",
    )


def _met(ind: Indicator, t: Target, a: Actual) -> bool | None:
    """Whether the actual meets the target; None when it cannot be decided."""
    tc = t.comparator
    if tc is None:
        return None
    ac = "rank" if tc == "top" else (comparator_of(a.raw) or "=")
    if core is not None:
        tc_claim = _claim(ind, t, core.TARGET, tc)
        ac_claim = _claim(ind, a, core.ACTUAL, ac)
        if tc_claim is None or ac_claim is None:
            return None
        if tc != "top" and not core.units_agree(tc_claim, ac_claim):
            return None
        result: bool | None = met(tc_claim, ac_claim)
        return result
    tv, av = decimal_or_none(t.value), decimal_or_none(a.value)  # pragma: no cover
    tu, au = _unit(t.unit, t.raw), _unit(a.unit, a.raw) or _unit(t.unit, t.raw)
    if tv is None or av is None or tu != au:
        return None
    return {">=": av >= tv, ">": av > tv, "<=": av <= tv, "<": av < tv, "=": av == tv}.get(tc)


def to_yuan(value: str | None, unit: str | None) -> str | None:
    """A money figure as written ('2,826.23', '万元') in yuan, computed here, not by the model."""
    d = decimal_or_none(value)
    if d is None or (unit or "").strip() not in MONEY_SCALE:
        return None
    return fmt(d * MONEY_SCALE[(unit or "").strip()])


def _finding(
    doc: Document,
    kind: str,
    severity: Severity,
    spans: Iterable[list[int] | None],
    message: str,
    data: dict[str, Any],
) -> Finding:
    rule = rule_for(kind)
    return Finding(
        code=rule.code,
        kind=rule.kind,
        severity=severity,
        source="llm",
        message=message,
        spans=[doc.span(s[0], s[1]) for s in spans if s],
        data={**data, "family": rule.family, "slug": rule.name},
    )


def _ind_data(ind: Indicator) -> dict[str, Any]:
    t, a = ind.target, ind.actual
    return {
        "indicator": ind.name,
        "target": (t.raw or f"{t.comparator or ''}{t.value or ''}{t.unit or ''}") if t else None,
        "actual": (a.raw or f"{a.value or ''}{a.unit or ''}") if a else None,
    }


def target_findings(doc: Document, ex: Extraction, lang: Lang = "zh") -> list[Finding]:
    """Findings on grounded indicators: missed, impossible or toothless targets; scores."""
    zh = lang == "zh"
    out: list[Finding] = []
    for ind in ex.indicators:
        t, a = ind.target, ind.actual
        data = _ind_data(ind)
        name = ind.name.strip()
        missed = False
        t_val = decimal_or_none(t.value) if t else None
        if t and t_val is not None and _unit(t.unit, t.raw) == "%":
            bounded = BOUNDED.search(name) and not UNBOUNDED.search(name)
            if bounded and (
                (t.comparator == ">" and t_val >= 100)
                or (t.comparator in (">=", "=") and t_val > 100)
            ):
                msg = (
                    f"指标「{name}」是不超过100%的比率，目标却为{data['target']}，无法实现"
                    if zh
                    else f"{name} is a rate that cannot exceed 100%, yet the target is "
                    f"{data['target']}"
                )
                out.append(_finding(doc, "impossible_target", Severity.ERROR, [t.span], msg, data))
            elif (
                t.comparator in ("<=", "<")
                and HIGHER_BETTER.search(name)
                and not LOWER_OK.search(name)
            ):
                msg = (
                    f"指标「{name}」越高越好，目标却设为上限{data['target']}（不做任何工作也能达标）"
                    if zh
                    else f"{name} is better when higher, yet the target is an upper bound "
                    f"{data['target']}"
                )
                out.append(_finding(doc, "weak_target", Severity.WARNING, [t.span], msg, data))
        if t and a and _met(ind, t, a) is False:
            missed = True
            msg = (
                f"指标「{name}」目标{data['target']}，实际{data['actual']}，未达成"
                if zh
                else f"{name}: target {data['target']}, actual {data['actual']}: missed"
            )
            out.append(
                _finding(doc, "target_not_met", Severity.WARNING, [a.span, t.span], msg, data)
            )
        w, sc = decimal_or_none(ind.weight), decimal_or_none(ind.score)
        if w is not None and sc is not None:
            sdata = {**data, "weight": fmt(w), "score": fmt(sc)}
            if sc > w:
                msg = (
                    f"指标「{name}」得分{fmt(sc)}超过分值{fmt(w)}"
                    if zh
                    else f"{name}: score {fmt(sc)} exceeds its weight {fmt(w)}"
                )
                out.append(
                    _finding(doc, "score_over_weight", Severity.ERROR, [ind.span], msg, sdata)
                )
            elif missed and sc == w:
                msg = (
                    f"指标「{name}」未达成目标却得满分{fmt(sc)}"
                    if zh
                    else f"{name}: target missed yet full marks {fmt(sc)}"
                )
                out.append(
                    _finding(
                        doc, "score_vs_unmet_targets", Severity.WARNING, [ind.span], msg, sdata
                    )
                )
    return out
