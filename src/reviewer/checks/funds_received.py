"""Money spent against money received, both stated in one sentence of prose.

"项目资金到位75万元，实际支出89.82万元": the amount received (到位, 到账) and, after it in the same
sentence, the amount spent or paid out (支出, 支付, 拨付, 发放, 使用). Paying out more than was
received needs an explanation (another source, an advance, a typo); paying out less is the
report's business and stays silent here (the unstated rate is not a claim).
"""

from __future__ import annotations

import itertools
from bisect import bisect_right
from collections.abc import Iterator
from typing import NamedTuple

from reviewer import regex as rx
from reviewer.checks.registry import Hit, check, rule
from reviewer.document import Document
from reviewer.models import Severity
from reviewer.numbers import Quantity, find_money, fmt
from reviewer.regex import lazy

SPENT_ABOVE_RECEIVED = rule(
    code="T030",
    fix_zh="核对到位资金和支出数：若另有资金来源（上年结转、自筹、垫付），写明并计入；若是笔误，更正数字。",
    name="spent-above-received",
    kind="contradiction",
    severity=Severity.WARNING,
    family="totals",
    title_zh="支出超过到位资金",
    title_en="More spent than received",
    message_zh="“{spent_text}”超过同句“{received_text}”{excess}：支出多于到位资金，"
    "须说明另有的资金来源或更正数字",
    message_en="'{spent_text}' exceeds '{received_text}' in the same sentence by {excess}: "
    "more was spent than received; name the other source or correct the figure",
    what="Reads, in one sentence, an amount received (到位资金, 资金到位, 到账) and after it an "
    "amount spent or paid out (支出, 支付, 拨付, 发放, 使用); warns when more was spent than "
    "received. Budgets, plans and parts (其中) are not read as either.",
    why="A project cannot pay out money it has not received; spending above the funds in hand "
    "means another source (carry-over, own funds, an advance) the report does not name, or a "
    "mistyped figure.",
    example="2021年项目资金到位75万元，实际支出89.82万元。",
    counterexample="2021年项目资金到位75万元，实际支出69.82万元。",
    fix="Check both figures; name any other source of the money spent (carry-over, own funds, "
    "an advance), or correct the figure that is wrong.",
)

_RECEIVED = lazy(r"到位|到账")
_SPENT = lazy(r"支出|支付|拨付|发放|使用|兑付|兑现")
# Labels that make an amount a plan or a part, not money received or spent.
_NOT_FLOW = lazy(r"预算|计划|应|未|其中|包括|结余|结转|剩余|余额|尚|待|下达|批复|安排|申请")
_SENTENCE = lazy(r"[。；;！？!?\n\r]")
_CLAUSE = lazy(r"(?<!\d)[,，]|[，：:（()）、]")


class _Flow(NamedTuple):
    received: bool  # received (True) or spent (False)
    quantity: Quantity
    start: int  # the clause (its label) start


def _flows(norm: str, lo: int, hi: int) -> list[_Flow]:
    out: list[_Flow] = []
    quantities = find_money(norm, lo, hi)
    if not quantities:
        return out
    # Clause ends found once per sentence (not a scan from its start for every figure, which is
    # quadratic on a line of thousands of figures); each figure's clause by bisection.
    ends = [m.end() for m in _CLAUSE.finditer(norm, lo, hi)]
    for q in quantities:
        if q.approx:
            continue
        k = bisect_right(ends, q.start)
        cs = ends[k - 1] if k else lo
        label = norm[cs : q.start]
        bare = rx.sub(r"\d{4}年(?:度)?", "", label)  # a year may lead the label, no other figure
        if not bare or rx.search(r"\d", bare) or _NOT_FLOW.search(bare):
            continue
        got = _RECEIVED.search(label)
        spent = _SPENT.search(label)
        if got and not spent:
            out.append(_Flow(True, q, cs))
        elif spent and not got:
            out.append(_Flow(False, q, cs))
    return out


@check(SPENT_ABOVE_RECEIVED)
def spent_above_received(doc: Document) -> Iterator[Hit]:
    norm = doc.norm
    if "到位" not in norm and "到账" not in norm:
        return  # no money received anywhere: no sentence to read
    lo = 0
    for m in itertools.chain(_SENTENCE.finditer(norm), [None]):  # one match alive at a time
        hi = m.start() if m else len(norm)
        if _RECEIVED.search(norm, lo, hi) is None:
            lo = m.end() if m else hi
            continue  # no money received in the sentence (most sentences): nothing to read
        flows = _flows(norm, lo, hi)
        lo = m.end() if m else hi
        received = [f for f in flows if f.received]
        spent = [f for f in flows if not f.received]
        if len(received) != 1 or len(spent) != 1:
            continue  # several of either: which pays out which is a guess
        r, s = received[0], spent[0]
        if s.start < r.start:
            continue  # the spending stated first reads as a separate account
        if s.quantity.base <= r.quantity.base + r.quantity.half_unit + s.quantity.half_unit:
            continue
        excess = (s.quantity.base - r.quantity.base) / r.quantity.scale
        yield SPENT_ABOVE_RECEIVED.hit(
            [(s.start, s.quantity.end), (r.start, r.quantity.end)],
            {
                "spent_text": norm[s.start : s.quantity.end].strip(),
                "received_text": norm[r.start : r.quantity.end].strip(),
                "excess": fmt(excess) + r.quantity.unit,
            },
        )
