"""Staff above quota: 实有/在职人数 above 编制数, or a stated 在职人员控制率 above 100%.

Three sources: a quota and a head count stated together in prose ("核定行政编制20名，实有人员
22人"); a 基础数据表 row under headers 编制数 / 实际在职人数 / 控制率, in a pipe or tab table
or with its cells one per line or run together (read only when the figures after the header are
exactly as many as its columns); and a stated control rate above 100%.

Scopes often differ — a quota of 行政编制 against all staff, 编制内 against staff that include
编外 or 聘用 people — so the finding is a warning that names both scopes, and a head count whose
label says it includes people outside the quota (编外, 聘用, 临时, 离退休) is not compared.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import NamedTuple

from reviewer import regex as rx
from reviewer.checks.forms import FORM_RATE_MISMATCH
from reviewer.checks.rates import STAFF_RATE, rate_kind
from reviewer.checks.registry import Hit, Relation, check, relation, rule
from reviewer.claims.facts import QUOTA, STAFF, Fact, facts
from reviewer.claims.indicators import EQ, TARGET, indicators
from reviewer.document import Document
from reviewer.document.tables import Cell, CellNumber, cell_number, tables
from reviewer.models import Severity
from reviewer.numbers import fmt, half_digit
from reviewer.regex import lazy

STAFF_ABOVE_QUOTA = rule(
    code="C002",
    fix_zh="核实编制数与实有人数的口径（行政/事业编制、编制内/编外）；确属超编的，说明原因和消化措施。",
    name="staff-above-quota",
    kind="staff_above_quota",
    severity=Severity.WARNING,
    family="counts",
    title_zh="实有人数超过编制数",
    title_en="Staff above the establishment quota",
    message_zh="{staff_scope} {staff} 人，超过{quota_scope} {quota} 人（超 {excess} 人，"
    "控制率 {rate}）；两者口径可能不同（行政/事业、编制内/编外），请核实并说明",
    message_en="{staff_scope_en} {staff} exceed the {quota_scope_en} of {quota} (by {excess}, a "
    "control rate of {rate}); the two may cover different scopes (administrative/public "
    "institution, within/outside the quota): please verify",
    what="Compares a head count (实有人数, 在职人数) with the quota (编制数, 核定编制) stated with "
    "it in prose or in a 基础数据表 row, and flags a stated 在职人员控制率 above 100%.",
    why="Staff above quota (超编) is a standard finding of departmental reviews and costs the "
    "在职人员控制率 points; when the scopes differ, the report should say so.",
    example="本单位核定行政编制20名，实有在职人员22人。",
    counterexample="本单位核定行政编制20名，实有在职人员18人，另有编外聘用人员5人。",
    fix="Check that the quota and the head count cover the same staff; if staff exceed the "
    "quota, explain why and how it will be absorbed.",
    variants={
        "rate": (
            "“{name}”为 {rate}，超过100%：在职人数超过编制数；"
            "若口径不同（行政/事业、编制内/编外），请注明",
            "'{name}' is {rate}, above 100%: staff exceed the quota; if the scopes differ "
            "(administrative/public institution, within/outside the quota), say so",
        )
    },
)

_OUTSIDE = lazy(r"编外|聘用|临时|劳务|离退休|退休|借调|遗属|外聘|派遣|合同制|购买服务|公益性岗位")
_QUOTA_TAIL = lazy(r"(?:编制|定编)(?:数|人数|名额|总数)?(?:为|是|共|共计|合计)?$")
_NOT_PEOPLE = lazy(r"车|职数|机构|股室|领导")
_GAP = 40


class _Pair(NamedTuple):
    quota: Decimal
    staff: Decimal
    quota_label: str
    staff_label: str
    spans: list[tuple[int, int]]
    rate: CellNumber | None = None  # a 控制率 stated in the same form row
    row: str = ""


def _quota_scope(label: str) -> tuple[str, str]:
    for word, en in (
        ("行政", "administrative"),
        ("事业", "public-institution"),
        ("工勤", "worker"),
        ("参公", "civil-service-managed"),
    ):
        if word in label:
            return f"{word}编制", f"{en} quota"
    return "编制数（未注明行政/事业）", "quota (administrative or public institution unsaid)"


def _staff_scope(label: str) -> tuple[str, str]:
    if rx.search(r"编制内|编内|在编", label):
        return "编制内在职人员", "staff within the quota"
    if "在职" in label:
        return "在职人员（未注明是否含编外）", "staff in post (whether 编外 are included is unsaid)"
    return "实有人员（未注明是否含编外）", "staff (whether 编外 are included is unsaid)"


def _prose_pairs(doc: Document) -> Iterator[_Pair]:
    items = [f for f in facts(doc) if f.kind in (QUOTA, STAFF)]
    for k, q in enumerate(items):
        lab = rx.sub(r"\s", "", q.label)
        if not _QUOTA_TAIL.search(lab) or _NOT_PEOPLE.search(lab):
            continue
        nxt: Fact | None = items[k + 1] if k + 1 < len(items) else None
        if nxt is None or nxt.start - q.end > _GAP or "\n" in doc.norm[q.end : nxt.start]:
            continue
        slab = rx.sub(r"\s", "", nxt.label)
        if _QUOTA_TAIL.search(slab) or _NOT_PEOPLE.search(slab) or _OUTSIDE.search(slab):
            continue
        if not rx.search(r"在职|实有|在岗|在编|现有", slab):
            continue
        after = doc.norm[nxt.end : nxt.end + 80].split("。")[0]
        if _OUTSIDE.search(after) and "实有" in slab and "在职" not in slab:
            continue  # "实有266人，其中在职143人，退休122人": the head count holds retirees
        quota, spans = q.value, [nxt.number_span, q.number_span]
        run = _quota_run(doc, items, k)
        if len(run) > 1:
            # "核定行政编制25名、事业编制18名，共43名；实有在职人员41人": the head count is
            # set against all the quotas listed together (their total, or the one stated).
            quota, lab = sum((f.value for f in run), Decimal(0)), "编制合计"
            spans = [nxt.number_span, *(f.number_span for f in run)]
        m = rx.search(r"(?:共|合计|总计|总数)\s*(\d+)\s*[名人个]", doc.norm[q.end : nxt.start])
        if m and Decimal(m.group(1)) >= quota:
            quota, lab = Decimal(m.group(1)), "编制合计"
        yield _Pair(quota, nxt.value, lab, slab, spans)


# After a whole quota (编制24人，其中：参公22人，工勤2人。) and in the next sentence at the
# latest, a head count that holds retirees with its staff in post among its parts:
# 实际人员30人(其中：在职26人，退休4人). The staff in post are what the quota is for.
_HEAD_THEN_POST = lazy(
    r"(?P<between>[^\n]{0,50}?)(?:实有|实际|现有)(?:人员|人数)?(?:为|共|共计|合计)?\s*\d+\s*[人名]"
    r"\s*[,，(（]\s*其中\s*[:：]?\s*(?P<label>在职(?:人员|人数)?)(?:为)?\s*(?P<n>\d+)\s*[人名]"
)


def _post_in_head_count_pairs(doc: Document) -> Iterator[_Pair]:
    """A whole quota and the staff in post named among the parts of the head count after it
    (the head count itself holds retirees): "编制24人。实有人员30人，其中在职26人，退休4人"."""
    quotas = [
        (f, lab)
        for f in facts(doc)
        if f.kind == QUOTA
        and _QUOTA_TAIL.search(lab := rx.sub(r"\s", "", f.label))
        and not _NOT_PEOPLE.search(lab)
    ]
    for k, (q, lab) in enumerate(quotas):
        prev = quotas[k - 1][0] if k else None
        if (
            prev is not None
            and q.start - prev.end < 30
            and "\n" not in doc.norm[prev.end : q.start]
        ):
            continue  # one of several quotas (行政编制10人，事业编制8人): which one is unsaid
        m = _HEAD_THEN_POST.match(doc.norm, q.end)
        if m is None:
            continue
        between = m.group("between")
        if between.count("。") + between.count("；") > 1:
            continue  # a later paragraph
        if "编制" in between and not _own_parts(between, q.value):
            continue  # another quota of its own
        yield _Pair(
            q.value, Decimal(m.group("n")), lab, m.group("label"), [m.span("n"), q.number_span]
        )


_PART_QUOTA = lazy(r"编制\s*(\d+)\s*[人名]")


def _own_parts(between: str, quota: Decimal) -> bool:
    """Is `between` the quota's own breakdown, adding up to it (其中：行政编制18人，工勤编制4人)?"""
    if not rx.match(r"\s*[，,]?\s*其中", between):
        return False
    parts = [Decimal(n) for n in _PART_QUOTA.findall(between)]
    return len(parts) >= 2 and sum(parts, Decimal(0)) == quota


def _quota_run(doc: Document, items: list[Fact], k: int) -> list[Fact]:
    """The quota facts stated one after another up to items[k] in one sentence."""
    run = [items[k]]
    j = k - 1
    while j >= 0 and items[j].kind == QUOTA:
        gap = doc.norm[items[j].end : run[0].start]
        if len(gap) > 12 or rx.search(r"[。；;\n]", gap):
            break
        run.insert(0, items[j])
        j -= 1
    return run


_QUOTA_HEAD = lazy(r"编制(?:数|人数)?|核定编制|定编")
_STAFF_HEAD = lazy(r"在职|实有|在编")
_RATE_HEAD = lazy(r"控制率")


def _table_pairs(doc: Document) -> Iterator[_Pair]:
    for table in tables(doc):
        heads = [c.text for c in table.header]
        qcol = next(
            (i for i, h in enumerate(heads) if _QUOTA_HEAD.search(h) and "率" not in h), None
        )
        scol = next(
            (
                i
                for i, h in enumerate(heads)
                if _STAFF_HEAD.search(h) and "率" not in h and not _OUTSIDE.search(h)
            ),
            None,
        )
        if qcol is None or scol is None:
            continue
        rcol = next((i for i, h in enumerate(heads) if _RATE_HEAD.search(h)), None)
        for row in table.rows:
            if max(qcol, scol) >= len(row):
                continue
            q, s = cell_number(row[qcol]), cell_number(row[scol])
            if q is None or s is None:
                continue
            rate = cell_number(row[rcol]) if rcol is not None and rcol < len(row) else None
            label = next((c.text for c in row if c.text and cell_number(c) is None), "")
            yield _Pair(
                q.value,
                s.value,
                heads[qcol],
                heads[scol],
                [(s.start, s.end), (q.start, q.end)],
                rate,
                label,
            )


_FLAT_HEAD = lazy(
    r"(?P<q>编制数|核定编制数?)[\s|]+(?:\d{4}\s*年度?\s*)?(?P<s>实际在职人数|在职人数|实有人数)"
    r"(?:[\s|]+(?P<r>(?:在职人员)?控制率))?"
)


def _flat_pairs(doc: Document) -> Iterator[_Pair]:
    """A 基础数据表 header with its figures right after it: 编制数 在职人数 控制率 15 14 93.33%."""
    for m in _FLAT_HEAD.finditer(doc.norm):
        want = 3 if m.group("r") else 2
        cells = [
            Cell(t.group(), m.end() + t.start(), m.end() + t.end())
            for t in rx.finditer(r"[^\s|]+", doc.norm[m.end() : m.end() + 80])
        ][:want]
        nums = [cell_number(c) for c in cells]
        if len(nums) < want or any(n is None for n in nums):
            continue
        q, s = nums[0], nums[1]
        assert q is not None and s is not None
        if q.unit == "%" or s.unit == "%":
            continue
        rate = nums[2] if want == 3 else None
        yield _Pair(
            q.value,
            s.value,
            m.group("q"),
            m.group("s"),
            [(s.start, s.end), (q.start, q.end)],
            rate,
            "财政供养人员",
        )


_CELL_QUOTA = lazy(r"^(?:人员编制|编制人数|编制数|核定编制数?)(?:[(（]人[)）])?$")
_CELL_STAFF = lazy(r"^(?:实有人数|在职人数|实有在职人数|实际在职人数)(?:[(（]人[)）])?$")
_CELL_COUNT = lazy(r"^(\d{1,5})\s*(?:人|名)?$")


def _cell_pairs(doc: Document) -> Iterator[_Pair]:
    """A form written one cell per line: 人员编制 / 128 / 实有人数 / 185, each label's figure the
    next non-empty line, the two labels at most two cells apart."""
    if "编制" not in doc.norm:
        return  # every quota label holds it
    cells = [ln for ln in doc.lines if ln.stripped]
    for i, ln in enumerate(cells[:-3]):
        if not _CELL_QUOTA.match(ln.stripped):
            continue
        q = _CELL_COUNT.match(cells[i + 1].stripped)
        if q is None:
            continue
        for j in (i + 2, i + 4):
            if j + 1 >= len(cells) or not _CELL_STAFF.match(cells[j].stripped):
                continue
            st = _CELL_COUNT.match(cells[j + 1].stripped)
            if st is None:
                break
            qa, sa = cells[i + 1], cells[j + 1]
            q_at = qa.start + qa.text.index(q.group(1))
            s_at = sa.start + sa.text.index(st.group(1))
            yield _Pair(
                Decimal(q.group(1)),
                Decimal(st.group(1)),
                ln.stripped,
                cells[j].stripped,
                [(s_at, s_at + len(st.group(1))), (q_at, q_at + len(q.group(1)))],
            )
            break


_NEXT_PERCENT = lazy(r"[\s|]*(\d{1,3}(?:\.\d+)?)%")


def _stated_rate(doc: Document, pair: _Pair) -> list[tuple[int, int]]:
    """The 控制率 the form states for this pair: its rate column, or else the cell right after
    the head count when it is a percent that staff ÷ quota gives (rounded as written)."""
    if pair.rate is not None and pair.rate.unit == "%":
        return [(pair.rate.start, pair.rate.end)]
    m = _NEXT_PERCENT.match(doc.norm, pair.spans[0][1])
    if m is None or pair.quota <= 0:
        return []
    stated = Decimal(m.group(1))
    digits = len(m.group(1).partition(".")[2])
    value = (pair.staff / pair.quota * 100).quantize(Decimal(1).scaleb(-digits))
    return [(m.start(1), m.end())] if abs(value - stated) <= Decimal(1).scaleb(-digits) else []


@check(STAFF_ABOVE_QUOTA)
def staff_above_quota(doc: Document) -> Iterator[Hit]:
    seen: set[int] = set()
    pairs = [*_prose_pairs(doc), *_post_in_head_count_pairs(doc), *_table_pairs(doc)]
    for pair in [*pairs, *_flat_pairs(doc), *_cell_pairs(doc)]:
        if pair.quota <= 0 or pair.staff <= pair.quota or pair.spans[0][0] in seen:
            continue
        seen.add(pair.spans[0][0])
        qs, qs_en = _quota_scope(pair.quota_label)
        ss, ss_en = _staff_scope(pair.staff_label)
        # The form's own 控制率 (108.70%) states the excess: a reviewer quotes it.
        spans = [*pair.spans, *_stated_rate(doc, pair)]
        yield STAFF_ABOVE_QUOTA.hit(
            spans,
            {
                "quota": fmt(pair.quota),
                "staff": fmt(pair.staff),
                "excess": fmt(pair.staff - pair.quota),
                "rate": f"{fmt((pair.staff / pair.quota * 100).quantize(Decimal('0.01')))}%",
                "quota_scope": qs,
                "staff_scope": ss,
                "quota_scope_en": qs_en,
                "staff_scope_en": ss_en,
            },
        )
    for ind in indicators(doc):
        if ind.dimension != "percent" or ind.comparator != EQ or ind.role == TARGET:
            continue
        if ind.quantity is None or ind.base is None or ind.base <= 100:
            continue
        if rate_kind(ind.name) != STAFF_RATE or ind.value_start in seen:
            continue
        seen.add(ind.value_start)
        yield STAFF_ABOVE_QUOTA.hit(
            list(ind.spans()),
            {"name": rx.sub(r"\s+", "", ind.name), "rate": ind.shown()},
            variant="rate",
        )


@check(FORM_RATE_MISMATCH)
def staff_rates(doc: Document) -> Iterator[Hit | Relation]:
    """A 控制率 stated in a 基础数据表 row against 在职人数 ÷ 编制数."""
    seen: set[int] = set()
    for pair in [*_table_pairs(doc), *_flat_pairs(doc)]:
        r = pair.rate
        if r is None or r.unit != "%" or pair.quota <= 0 or r.start in seen:
            continue
        seen.add(r.start)
        value = pair.staff / pair.quota * 100
        h = half_digit(r.decimals)
        if r.value - h - Decimal("1e-9") <= value <= r.value + 2 * h:
            text = (
                f"{fmt(pair.staff)} ÷ {fmt(pair.quota)} = {fmt(value.quantize(Decimal('0.01')))}%"
            )
            yield relation("rate", [(r.start, r.end), *pair.spans], text)
            continue  # rounded or truncated to the digits written
        shown = f"{fmt(value.quantize(Decimal('0.01')))}%"
        yield FORM_RATE_MISMATCH.hit(
            [(r.start, r.end), *pair.spans],
            {
                "label": pair.row or "人员",
                "name": "控制率",
                "name_en": "a control rate",
                "stated": f"{fmt(r.value, r.decimals)}%",
                "expr": f"{fmt(pair.staff)} ÷ {fmt(pair.quota)}（在职人数 ÷ 编制数）= {shown}",
                "computed": shown,
                "note": "",
                "note_en": "",
            },
        )
