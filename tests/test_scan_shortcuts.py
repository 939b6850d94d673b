"""Scans that try a pattern only where it can match give exactly the matches of the full scan."""

from __future__ import annotations

import random

from reviewer import regex as rx
from reviewer.checks.quality_vague_targets import _DASH_VALUE, _dash_values
from reviewer.checks.twice import _DOC_NO, _DOC_NO_YEAR, _space_or_tab
from reviewer.claims.selfscore import _GRADE_ANCHOR, GRADE_RE
from reviewer.document.script import _SIMPLIFIED, _TRADITIONAL, to_simplified


def _texts() -> list[str]:
    rnd = random.Random(7)
    alphabet = [*"ab项目满意度提升 \t\n—-，。；;：:()[]", "   ", "——", "--", "\n\n"]
    out = [
        "",
        "群众满意度——逐步提升\n",
        "群众满意度 —— 逐步提升。",
        "| 项目 | 预算数 |\n|---|---|\n| 项目1 | 100.00 |\n",
        "指标" + " " * 60 + "——提高\n",  # spaces longer than a name before the dash
        "a---b——c--d—",
        "服务对象满意度--有所提升；社会效益——显著",
    ]
    out += ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 120))) for _ in range(3000)]
    return out


def test_dash_values_are_the_full_scan_matches() -> None:
    for text in _texts():
        expected = [m.regs for m in _DASH_VALUE.finditer(text)]
        assert [m.regs for m in _dash_values(text)] == expected, text


def _cjk_texts(pieces: list[str]) -> list[str]:
    rnd = random.Random(11)
    alphabet = [*pieces, *"文件号评定优良中差为是 \t\n：:（(〔[]）)〕，。"]
    return ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 60))) for _ in range(4000)]


def test_grade_statements_are_the_full_scan_matches() -> None:
    words = ["综合", "绩效", "自评", "评价", "等级", "等次", "档次", "评级", "结果", "考核"]
    texts = [*_cjk_texts(words), "经综合评定等级为优秀", "自评结果：良", "评定为“优”"]
    assert sum(len(GRADE_RE.findall(t)) for t in texts) > 500
    for text in texts:
        expected = [m.regs for m in GRADE_RE.finditer(text)]
        found = [m.regs for m in rx.finditer_near(GRADE_RE, text, _GRADE_ANCHOR, 4)]
        assert found == expected, text


def test_document_numbers_are_the_full_scan_matches() -> None:
    pieces = [
        "财预",
        "某某县财政局关于",
        "下达",
        "  ",
        "〔2020〕",
        "（2021）",
        "[1998",
        "12号",
        "3",
    ]
    texts = [*_cjk_texts(pieces), "根据财预〔2020〕10号文件", "县财政局 \t（2021） 3号"]
    assert sum(len(_DOC_NO.findall(t)) for t in texts) > 100
    for text in texts:
        expected = [m.regs for m in _DOC_NO.finditer(text)]
        found = [m.regs for m in rx.finditer_near(_DOC_NO, text, _DOC_NO_YEAR, 8, _space_or_tab)]
        assert found == expected, text


def test_simplified_text_is_the_translated_text_with_or_without_traditional_characters() -> None:
    table = str.maketrans(_TRADITIONAL, _SIMPLIFIED)
    for text in ["财政资金综合绩效", "財政資金綜合績效，完成率100%", "", "abc 123", "县財政局"]:
        assert to_simplified(text) == text.translate(table)
    assert to_simplified("財政資金") == "财政资金"


def test_unfinished_works_admissions_are_the_full_scan_matches() -> None:
    from reviewer.checks.quality_completion import (
        _ADMISSION,
        _ADMISSION_ANCHOR,
        _ADMISSION_REACH,
    )

    pieces = [
        "未完工",
        "未竣工",
        "暂",
        "尚",
        "目前",
        "不存在",
        "没有",
        "未发现",
        "杜绝",
        "无",
        "项目",
    ]
    for text in _cjk_texts(pieces):
        expected = [m.regs for m in _ADMISSION.finditer(text)]
        near = rx.finditer_near(_ADMISSION, text, _ADMISSION_ANCHOR, _ADMISSION_REACH)
        assert [m.regs for m in near] == expected, text


def test_a_text_with_nothing_to_fold_folds_to_itself_piece_by_piece() -> None:
    from reviewer.document import Document
    from reviewer.document.forms import fold, folds_to_itself

    plain = Document(text="项目资金执行率100%。\n尚在施工。")
    glossed = Document(text="項(xiàng)目資金執行率100%。")
    assert folds_to_itself(plain) and not folds_to_itself(glossed)
    assert all(fold(line) == line for line in plain.text.splitlines())


def test_every_unused_or_unfinished_statement_holds_its_core_words() -> None:
    from reviewer.checks import done_vs_unfinished as q

    pieces = [
        "未使用",
        "未拨付",
        "执行率",
        "为",
        "0%",
        "0.0%",
        "正在",
        "施工",
        "在建项目",
        "暂",
        "未完工",
    ]
    pairs = [
        (q._MONEY_UNUSED, q._MONEY_UNUSED_CORE),
        (q._WORKS_UNFINISHED, q._WORKS_UNFINISHED_CORE),
    ]
    for text in _cjk_texts(pieces):
        for state, core in pairs:
            for m in state.finditer(text):
                assert core.search(m.group()), (text, m.group())
