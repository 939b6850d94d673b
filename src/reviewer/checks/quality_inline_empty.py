"""Report quality, an empty heading in run-together text (Q209): a numbered heading inside a
paragraph (…的实施,3.项目资金管理情况分析,(二)绩效目标完成情况分析,…) followed at once by the
next heading of a higher level — the part it announces was never written. Headings on lines of
their own are Q010's."""

from __future__ import annotations

from collections.abc import Iterator

from reviewer.checks.registry import Hit, check, rule
from reviewer.document import Document
from reviewer.document.script import simplified
from reviewer.models import Severity
from reviewer.regex import lazy

INLINE_EMPTY = rule(
    code="Q209",
    fix_zh="在该标题下补写相应内容；确实没有内容时，删去该标题或说明理由。",
    name="inline-empty-heading",
    kind="empty_section",
    severity=Severity.WARNING,
    family="quality",
    title_zh="段落中的小标题下没有内容",
    title_en="A heading inside a paragraph with nothing under it",
    message_zh="“{heading}”之后紧接着就是下一部分“{next}”，该标题下没有任何内容",
    message_en="'{heading}' is followed at once by the next part '{next}': nothing was written "
    "under it",
    what="In text run together on one line, finds a numbered heading (3.…情况分析, 2、…情况, "
    "…说明) followed, after at most a comma or colon, by a heading of the level above that is "
    "not its first child ((二)…, 三、…): the part it opens is empty. A heading followed by its "
    "own first sub-part ((一)…) and headings on lines of their own stay silent.",
    why="An analysis heading with nothing under it leaves that part of the evaluation unwritten.",
    example="该项目由我局负责实施,3.项目资金管理情况分析,(二)绩效目标完成情况分析,合格率100%\n",
    counterexample="3、绩效评价的组织实施情况\n（一）评价对象绩效目标\n",
    fix="Write the part under the heading, or drop the heading.",
)

_EMPTY = lazy(
    r"(?<![\d.])(?P<head>\d{1,2}[.、．][ \t]*[\u4e00-\u9fff]{3,20}?(?:情况分析|分析|情况|说明))"
    r"[ \t]*[，,。:：]?[ \t]*"
    r"(?P<next>(?:[(（](?!一[)）])[一二三四五六七八九十]{1,2}[)）]|(?<![一二三四五六七八九十])"
    r"[二三四五六七八九十]{1,2}、)[\u4e00-\u9fff]{2,16})"
)


@check(INLINE_EMPTY)
def inline_empty(doc: Document) -> Iterator[Hit]:
    text = simplified(doc)
    norm = doc.norm
    for m in _EMPTY.finditer(text):
        yield INLINE_EMPTY.hit(
            [(m.start("head"), m.end("head"))],
            {
                "heading": norm[m.start("head") : m.end("head")],
                "next": norm[m.start("next") : m.end("next")],
            },
        )
