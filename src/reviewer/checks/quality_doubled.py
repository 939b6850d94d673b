"""Report quality, a character typed twice: the first character of a funds or performance term
written twice in a row (支支出, 预预算). Only for terms whose first character, doubled, makes no
word (so 谢谢, 常常, 人人, 单单 are never read), not where the character before it ends a word in
that character (收支支出: 收支 then 支出), and not after 一 (一项项, one by one).
Also a place or unit name written twice in a row before more of a name (施甸县施甸县教育体育局).
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
    "Also a two-to-four-character word written twice inside a cited title (《…食品食品…》), "
    "and a place or unit name of three to eight characters ending in a place or unit word "
    "(县, 市, 区, 州, 省, 旗, 镇, 乡, 村, 局, 厅, 委) written twice in a row and followed by more "
    "text (施甸县施甸县教育体育局): not a run of three copies or a pattern that runs on "
    "(省财政省财政省财政, the cells of a flattened form), nor a name doubled at a line's end "
    "(two equal cells). "
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
# A place or unit name (three to eight characters, a place or unit word last) twice in a row.
_NAME_TWICE = lazy(r"(?P<name>[\u4e00-\u9fff]{2,7}?[县市区州省旗镇乡村局厅委])(?P=name)")
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
    for m in _NAME_TWICE.finditer(text):
        name = m.group("name")
        lo, hi = m.start(), m.end()
        if text[hi : hi + len(name)] == name or text[max(0, lo - len(name)) : lo] == name:
            continue  # three copies or more: the cells of a flattened form
        if text[lo - 1 : lo] == name[-1] or text[hi : hi + 1] == name[0]:
            continue  # a repeat that runs on (财政市财政市…): cells again
        if not "\u4e00" <= text[hi : hi + 1] <= "\u9fff":
            continue  # a name doubled at a line's or clause's end: two equal cells
        tail = min(hi + 4, len(norm))
        hits.append(
            DOUBLED_CHARACTER.hit(
                [(lo, tail)],
                {
                    "quote": norm[lo:tail],
                    "char": norm[lo : lo + len(name)],
                    "word": norm[lo + len(name) : tail],
                },
            )
        )
    yield from grouped(hits, lambda h: h.data["quote"])
