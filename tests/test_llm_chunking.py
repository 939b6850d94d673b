"""Long reports are split by section under a character budget; prompts load by version."""

from __future__ import annotations

import itertools

from reviewer.document import Document
from reviewer.llm import prompts
from reviewer.llm.chunking import outline, split


def _report(sections: int, body: int) -> str:
    heads = "一二三四五六七八九十"
    return "".join(
        f"{heads[i]}、第{i + 1}部分\n" + ("内容。" * body) + "\n" for i in range(sections)
    )


def test_a_short_report_is_one_chunk():
    doc = Document(_report(3, 10))
    (chunk,) = split(doc, 10_000)
    assert chunk.text == doc.text.rstrip() and (chunk.index, chunk.count) == (1, 1)


def test_sections_are_packed_under_the_budget_and_cover_the_text_in_order():
    doc = Document(_report(8, 100))  # ~310 chars a section
    chunks = split(doc, 700)
    assert len(chunks) > 1
    assert all(len(c.text) <= 700 for c in chunks)
    assert chunks[0].start == 0 and chunks[-1].end == len(doc.text)
    for a, b in itertools.pairwise(chunks):
        assert a.end == b.start
    # cuts fall on section headings
    assert all(doc.text[c.start :].startswith(tuple("一二三四五六七八九十")) for c in chunks)


def test_an_oversized_section_is_cut_at_lines():
    text = "一、大段\n" + "".join(f"第{i}行内容内容内容内容。\n" for i in range(200))
    chunks = split(Document(text), 500)
    assert all(len(c.text) <= 500 for c in chunks)
    assert "".join(Document(text).text[c.start : c.end] for c in chunks) == text


def test_chunk_nonce_is_deterministic():
    doc = Document(_report(2, 5))
    assert split(doc, 1000)[0].nonce == split(doc, 1000)[0].nonce


def test_outline_lists_headings_with_lines():
    assert "L1: 一、第1部分" in outline(Document(_report(2, 5)))


def test_prompts_load_with_version_in_name_and_front_matter():
    # the whole-report pipeline's prompts (REVIEWER_PIPELINE=full), which chunking serves
    for pid, version in prompts.FULL_PIPELINE_VERSIONS.items():
        p = prompts.load(pid, version)
        from reviewer.llm.schema import CRITIQUE_SCHEMA, EXTRACTION_SCHEMA

        assert p.ref == f"{pid}.v{version}"
        # the prompt names the schema version the code sends with it
        assert p.schema == {"extract": EXTRACTION_SCHEMA, "critique": CRITIQUE_SCHEMA}[pid]
        msgs = p.render(
            part=1,
            parts=1,
            first_line=1,
            last_line=2,
            nonce="abc",
            report="正文",
            outline="L1",
            scope_note="",
        )
        assert [m["role"] for m in msgs] == ["system", "user"]
        assert "<<<REPORT abc\n正文\nREPORT abc>>>" in msgs[1]["content"]
