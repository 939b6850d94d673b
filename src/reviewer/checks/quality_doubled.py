"""Report quality, a character typed twice: the first character of a funds or performance term
written twice in a row (支支出, 预预算). Only for terms whose first character, doubled, makes no
word (so 谢谢, 常常, 人人, 单单 are never read), not where the character before it ends a word in
that character (收支支出: 收支 then 支出), and not after 一 (一项项, one by one).
Also a word of two to four characters written twice inside a cited title
(《中央食品食品监管补助资金管理实施细则》): a cited document's name is fixed text, and no
title repeats a word back to back. In running prose the same slip is not read: a form
flattened into text puts equal cells side by side (显著提升显著提升, target then actual), and
its words cannot be told from such cells without a dictionary."""

from __future__ import annotations

from collections.abc import Iterator

from reviewer.checks.quality_common import grouped
from reviewer.checks.registry import Hit, check, rule
from reviewer.document import Document
from reviewer.document.script import simplified
from reviewer.models import Severity
from reviewer.regex import lazy

DOUBLED_CHARACTER = rule(
    code="Q111",
    fix_zh="删除多打的字，如“支支出”改为“支出”。",
    name="doubled-character",
    kind="garbled_text",
    severity=Severity.INFO,
    family="quality",
    title_zh="术语首字重复（多打一字）",
    title_en="A term's first character typed twice",
    message_zh="“{quote}”多打了一个“{char}”，应为“{word}”{times_zh}",
    message_en="'{quote}' has '{char}' typed twice; it should read '{word}'{times_en}",
    what="Finds a funds or performance term (支出, 预算, 决算, 绩效, 指标, 执行, 完成, 拨付, "
    "财政, 专项, 采购) whose first character is written twice in a row (支支出): terms whose "
    "doubled first character is no word, and not where the character before makes a word "
    "ending in it (收支支出, 下拨拨付) or after 一 (one by one). "
    "Also a two-to-four-character word written twice inside a cited title (《…食品食品…》). "
    "Repeats are reported once with every place.",
    why="A doubled character is a typing slip left in the published text; it shows the "
    "report was not proofread and may hide other slips in its figures.",
    example="其他路域环境提升工程支支出644.81万元。",
    counterexample="其他路域环境提升工程支出644.81万元，谢谢各单位常常支持。",
    fix="Delete the extra character: 支支出 → 支出.",
)

# Terms of the funds and performance vocabulary whose first character doubled is no word, each
# with the characters that, written before it, make a word ending in that character (收支 支出,
# 下拨 拨付): a doubled character there is two words meeting, not a slip.
_TERMS: dict[str, str] = {
    "支出": "收开透分预超",
    "预算": "干",
    "决算": "解判表否裁坚对",
    "绩效": "业成功政",
    "指标": "手",
    "执行": "固争",
    "完成": "",
    "拨付": "下划调",
    "财政": "理钱发",
    "专项": "",
    "专款": "",
    "采购": "风开",
}
# A cited title (《…》) and a word of two to four characters written twice in it.
_TITLE = lazy(r"《[^《》\n]{2,80}》")
_DOUBLED_WORD = lazy(r"(?P<w>[\u4e00-\u9fff]{2,4})(?P=w)")
_DOUBLED = lazy(r"(?<!一)(?P<x>[支预决绩指执完拨财专采])(?P=x)(?P<y>[\u4e00-\u9fff])")


@check(DOUBLED_CHARACTER)
def doubled_character(doc: Document) -> Iterator[Hit]:
    text = simplified(doc)
    norm = doc.norm
    hits = []
    for m in _DOUBLED.finditer(text):
        word = m.group("x") + m.group("y")
        before = text[m.start() - 1] if m.start() else ""
        if word not in _TERMS or (before and before in _TERMS[word]):
            continue
        hits.append(
            DOUBLED_CHARACTER.hit(
                [(m.start(), m.end())],
                {
                    "quote": norm[m.start() : m.end()],
                    "char": norm[m.start()],
                    "word": norm[m.start() + 1 : m.end()],
                },
            )
        )
    for t in _TITLE.finditer(text):
        for m in _DOUBLED_WORD.finditer(text, t.start(), t.end()):
            w = m.group("w")
            if len(set(w)) == 1 or text[m.end() : m.end() + len(w)] == w:
                continue  # 常常 is a word; a word three times over is no slip of one
            tail = min(m.end() + 2, t.end() - 1)  # the words after it, for the message
            hits.append(
                DOUBLED_CHARACTER.hit(
                    [(m.start(), m.end())],
                    {
                        "quote": norm[m.start() : tail],
                        "char": norm[m.start() : m.start() + len(w)],
                        "word": norm[m.start() : m.start() + len(w)] + norm[m.end() : tail],
                    },
                )
            )
    yield from grouped(hits, lambda h: h.data["quote"])
