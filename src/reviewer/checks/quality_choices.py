"""Report quality: a form's choice field left with every box empty (Q120).

Cover fields of the self-evaluation form offer their options with check boxes —
`评价类型:项目实施过程评价□项目完成结果评价□`, `考评类型 事前考评□ 事中考评□ 事后考评☑` — and one is
ticked. When two or more options stand side by side, each with its empty box (□ after or before
it, only spaces between), and nothing on the line is ticked (☑ ☒ √ ✓ ✔ ■ ▣), the field was left
as the template had it: which evaluation the report is cannot be told from the form.

Options separated by other text (`2、新增性项目 □ 项目类型 1、常年性项目 …`, a field scrambled by
the page's conversion) are not read as one field.
"""

from __future__ import annotations

from collections.abc import Iterator

from reviewer.checks.registry import Hit, check, rule
from reviewer.document import Document
from reviewer.models import Severity
from reviewer.regex import lazy

UNTICKED_CHOICE = rule(
    code="Q120",
    fix_zh="在表头的选项中勾选本报告对应的一项（如评价类型、评价方式），或删去不适用的选项。",
    name="unticked-choice",
    kind="template_residue",
    severity=Severity.INFO,
    family="quality",
    title_zh="表头选项未勾选",
    title_en="A form's choice field left unticked",
    message_zh="“{quote}”中的 {n} 个选项都只留有空白勾选框，未勾选任何一项，是模板原样留下的"
    "（无法从表中看出本报告属于哪一项）",
    message_en="'{quote}' offers {n} options, each with an empty check box, and none is ticked: "
    "the field was left as the template had it (the form does not say which applies)",
    what="Finds two or more options of a form's field standing side by side, each with an empty "
    "check box (□ after or before it, only spaces between), on a line where nothing is ticked "
    "(☑ ☒ √ ✓ ✔ ■ ▣).",
    why="The cover fields say what kind of evaluation the report is (事前/事中/事后, 过程/结果, "
    "自评/财政评价); a field with no box ticked was never filled in.",
    example="评价类型:项目实施过程评价□项目完成结果评价□\n评价方式:部门(单位)绩效自评",
    counterexample="考评类型 事前考评□ 事中考评□ 事后考评☑\n考评方式:部门(单位)考评",
    fix="Tick the option that applies (evaluation type, method), or delete the ones that do not.",
)

_AFTER = lazy(r"(?:[\u4e00-\u9fff()（）]{2,14}[ \t]?□[ \t]*){2,}")
_BEFORE = lazy(r"(?:□[ \t]?[\u4e00-\u9fff()（）]{2,14}[ \t]*){2,}")
_TICKED = lazy(r"[☑☒√✓✔■▣]")


@check(UNTICKED_CHOICE)
def unticked_choice(doc: Document) -> Iterator[Hit]:
    spans: list[tuple[int, int]] = []
    first = ""
    count = 0
    for ln in doc.lines:
        if "□" not in ln.text or _TICKED.search(ln.text):
            continue
        for pat in (_AFTER, _BEFORE):
            for m in pat.finditer(ln.text):
                spans.append((ln.start + m.start(), ln.start + m.end()))
                if not first:
                    first = m.group().strip()
                    count = m.group().count("□")
    if spans:
        yield UNTICKED_CHOICE.hit(spans, {"quote": first, "n": count})
