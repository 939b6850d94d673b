"""Extraction (extract.v2): the rules' own readings fill the Extraction; one compact model call
gets only the goals and indicator sections, without the lines the rules read, plus the names the
rules read there, and returns what the rules could not parse. Python grounds every quote,
re-checks every number and drops what duplicates a rules entry. Against the fake OpenAI server
(tests/fake_openai.py); reports written for the test."""

from __future__ import annotations

import json

import pytest
import typer
from typer.testing import CliRunner

from reviewer.cli.llm import extract_cmd
from reviewer.document import Document
from reviewer.llm import extract as extract_mod
from reviewer.llm import review as rv
from reviewer.llm.settings import Settings
from tests.fake_openai import FakeOpenAI, offline_settings

# Neutral prose so each report is long enough for its token budget (1.2 tokens a character).
FILLER = "本局按照预算管理要求组织实施各项工作，资金管理和会计核算按制度执行。\n" * 24
# The rules read 培训覆盖率 (target and actual) and 服务对象满意度; the 档案数字化率 sentence states
# its figures inside the clause (90%的目标), which no rule reads as a statement.
UNREAD = "档案数字化率定下90%以上的目标，年底只完成了80%的任务。"
REPORT = f"""2024年度某县档案局部门整体支出绩效自评报告
一、部门职责
负责全县档案的收集、保管和利用。
二、年度绩效目标
（一）产出指标
培训覆盖率≥95%。
{UNREAD}
（二）满意度指标
服务对象满意度不低于90%。
三、绩效目标完成情况
培训覆盖率为97%。服务对象满意度为92%。
四、自评结论
本局自评得分为96.5分，等级为优。
五、其他说明
{FILLER}"""
# A report whose goals section the rules cannot read at all.
BARE = f"""2024年度某县档案局部门整体支出绩效自评报告
一、部门职责
负责全县档案的收集、保管和利用。
二、年度绩效目标
{UNREAD}
三、其他说明
{FILLER}"""

UNREAD_ANSWER = {
    "name": "档案数字化率",
    "target": "90%以上",
    "actual": "80%",
    "quote": "档案数字化率定下90%以上的目标，年底只完成了80%的任务",
}


def settings_for(fake: FakeOpenAI, tmp_path, **kw) -> Settings:
    return offline_settings(fake, tmp_path, api_key="sk-test-extract-0000", **kw)


def sent_report(fake: FakeOpenAI, k: int = 0) -> str:
    """The report text inside the delimiters of the k-th request."""
    user = fake.chat_requests[k].messages[-1]["content"]
    return user.split("<<<REPORT", 1)[1].split("\n", 1)[1].rsplit("REPORT", 1)[0]


def test_the_rules_fill_the_extraction_first_each_entry_marked_and_located() -> None:
    doc = Document(REPORT)
    ex = extract_mod.from_rules(doc)
    by_name = {i.name: i for i in ex.indicators}
    cover = by_name["培训覆盖率"]
    assert (cover.target.comparator, cover.target.value, cover.actual.value) == (">=", "95", "97")
    assert REPORT[cover.target.span[0] : cover.target.span[1]] == "培训覆盖率≥95%"
    assert by_name["服务对象满意度"].target.value == "90"
    assert "档案数字化率" not in by_name  # nothing the rules cannot read is invented
    assert {i.by for i in ex.indicators} == {"rules"}
    assert (ex.self_score, ex.grade, ex.self_score_by) == ("96.5", "优", "rules")
    assert REPORT[ex.self_score_span[0] : ex.self_score_span[1]].endswith("96.5分")


def test_rules_read_lines_are_never_sent_only_their_names(fake, tmp_path) -> None:
    fake.reply_json({"indicators": [UNREAD_ANSWER], "goals": []})
    ex = rv.extract(Document(REPORT), settings=settings_for(fake, tmp_path))
    assert len(fake.chat_requests) == 1
    sent = sent_report(fake)
    assert UNREAD in sent  # the sentence the rules could not read
    for read in ("培训覆盖率≥95%", "服务对象满意度不低于90%", "培训覆盖率为97%"):
        assert read not in sent
    assert "本局自评得分" not in sent and "负责全县档案" not in sent  # goals sections only
    user = fake.chat_requests[0].messages[-1]["content"]
    assert "已读出的指标（不要重复）：培训覆盖率、服务对象满意度" in user
    model = [i for i in ex.indicators if i.by == "model"]
    assert [(i.name, i.target.comparator, i.target.value, i.actual.value) for i in model] == [
        ("档案数字化率", ">=", "90", "80")
    ]
    assert REPORT[model[0].span[0] : model[0].span[1]] == UNREAD_ANSWER["quote"]
    info = ex.meta["llm"]["extraction"]
    assert info["rules"]["indicators"] == 2 and info["model"] == {"indicators": 1, "goals": 0}
    assert ex.meta["llm"]["prompts"] == {"extract": "extract.v2"}


def test_a_report_the_rules_cannot_read_sends_its_goals_section_and_asks_for_goals(
    fake, tmp_path
) -> None:
    goal = {"quote": UNREAD_ANSWER["quote"]}
    fake.reply_json({"indicators": [UNREAD_ANSWER], "goals": [goal]})
    ex = rv.extract(Document(BARE), settings=settings_for(fake, tmp_path))
    body = fake.chat_requests[0].json
    user = body["messages"][-1]["content"]
    assert "已读出的指标（不要重复）：（无）" in user and "goals：" in user
    assert UNREAD in sent_report(fake) and FILLER.splitlines()[0] not in sent_report(fake)
    assert [(i.name, i.by) for i in ex.indicators] == [("档案数字化率", "model")]
    assert [(g.by, g.span is not None) for g in ex.goals] == [("model", True)]


def test_no_call_when_the_rules_read_every_line_of_the_goals_sections(fake, tmp_path) -> None:
    text = REPORT.replace(UNREAD + "\n", "")
    ex = rv.extract(Document(text), settings=settings_for(fake, tmp_path))
    assert fake.chat_requests == []
    assert ex.meta["llm"]["extraction"]["called"] is False
    assert {i.by for i in ex.indicators} == {"rules"} and len(ex.indicators) == 2


def test_the_models_duplicate_of_a_rules_entry_is_dropped_and_said(fake, tmp_path) -> None:
    again = {"name": "培训覆盖率", "target": "≥95%", "actual": "", "quote": "培训覆盖率≥95%。"}
    fake.reply_json({"indicators": [again, UNREAD_ANSWER], "goals": []})
    ex = rv.extract(Document(REPORT), settings=settings_for(fake, tmp_path))
    covers = [i for i in ex.indicators if i.name == "培训覆盖率"]
    assert [i.by for i in covers] == ["rules"]
    dropped = ex.meta["llm"]["dropped"]["items"]
    assert [(d["text"], d["reason"]) for d in dropped] == [
        ("培训覆盖率", "duplicates a rules entry (培训覆盖率)")
    ]
    assert [i.name for i in ex.indicators if i.by == "model"] == ["档案数字化率"]


def test_a_near_miss_name_is_not_a_duplicate(fake, tmp_path) -> None:
    # 档案数字化率 shares no indicator with the rules' 培训覆盖率 / 服务对象满意度: it stays.
    fake.reply_json({"indicators": [UNREAD_ANSWER], "goals": []})
    ex = rv.extract(Document(REPORT), settings=settings_for(fake, tmp_path))
    assert ex.meta["llm"]["dropped"]["count"] == 0


def test_an_ungrounded_model_quote_is_dropped_with_its_reason(fake, tmp_path) -> None:
    invented = dict(UNREAD_ANSWER, quote="档案数字化率达到90%以上，完成80%")
    fake.reply_json({"indicators": [invented], "goals": []})
    ex = rv.extract(Document(REPORT), settings=settings_for(fake, tmp_path))
    assert [i.by for i in ex.indicators] == ["rules", "rules"]
    (d,) = ex.meta["llm"]["dropped"]["items"]
    assert d["what"] == "indicator" and "is not in the report" in d["reason"]


def test_a_figure_missing_from_its_quote_is_dropped_the_rest_kept(fake, tmp_path) -> None:
    # The model's actual (85%) is not what the sentence says: that part goes, the target stays.
    wrong = dict(UNREAD_ANSWER, actual="85%")
    fake.reply_json({"indicators": [wrong], "goals": []})
    ex = rv.extract(Document(REPORT), settings=settings_for(fake, tmp_path))
    (model,) = [i for i in ex.indicators if i.by == "model"]
    assert model.actual is None and model.target.value == "90"
    (d,) = ex.meta["llm"]["dropped"]["items"]
    assert d["what"] == "indicator actual" and "does not contain the value 85" in d["reason"]


def test_a_bare_figure_as_quote_pins_nothing_and_is_dropped(fake, tmp_path) -> None:
    fake.reply_json({"indicators": [dict(UNREAD_ANSWER, quote="80%")], "goals": []})
    ex = rv.extract(Document(REPORT), settings=settings_for(fake, tmp_path))
    assert all(i.by == "rules" for i in ex.indicators)
    assert "too short" in ex.meta["llm"]["dropped"]["items"][0]["reason"]


def test_the_review_reports_a_missed_target_only_the_model_could_read(fake, tmp_path) -> None:
    fake.reply_json({"indicators": [UNREAD_ANSWER], "goals": []})
    result = rv.review(Document(REPORT), settings=settings_for(fake, tmp_path))
    meta = result.meta["llm"]
    assert meta["status"] == "ok" and meta["prompts"]["extract"] == "extract.v2"
    missed = [f for f in result.findings if f.source == "llm" and f.kind == "target_not_met"]
    assert len(missed) == 1 and "档案数字化率" in missed[0].message
    assert missed[0].spans[0].text == UNREAD_ANSWER["quote"]
    # the rules' own readings are judged by the rules only, never twice through the model
    assert not [f for f in result.findings if f.source == "llm" and "培训覆盖率" in f.message]
    assert meta["extraction"]["model"]["indicators"] == 1


@pytest.fixture
def report_file(tmp_path, monkeypatch):
    for var in ("REVIEWER_MODEL", "OPENAI_API_KEY", "OPENAI_BASE_URL", "REVIEWER_PIPELINE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("REVIEWER_CACHE_DIR", str(tmp_path / "cache"))
    p = tmp_path / "demo.txt"
    p.write_text(REPORT, encoding="utf-8")
    return p


def test_the_extract_command_says_who_read_each_entry(fake, report_file) -> None:
    again = {"name": "培训覆盖率", "target": "≥95%", "actual": "", "quote": "培训覆盖率≥95%。"}
    fake.reply_json({"indicators": [UNREAD_ANSWER, again], "goals": []})
    app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
    app.command("extract")(extract_cmd)
    got = CliRunner().invoke(
        app, [str(report_file), "--model", "fake", "--base-url", fake.base_url]
    )
    assert got.exit_code == 0, got.stderr
    data = json.loads(got.stdout)
    assert [(i["name"], i["by"]) for i in data["indicators"]] == [
        ("培训覆盖率", "rules"),
        ("档案数字化率", "model"),
        ("服务对象满意度", "rules"),
    ]
    assert data["self_score_by"] == "rules"
    assert got.stderr.splitlines() == [
        f"reviewer: {report_file}: read by the rules: 2 indicator(s), 0 goal(s); "
        "by the model: 1 indicator(s), 0 goal(s)",
        f"reviewer: {report_file}: 1 model item(s) dropped",
    ]


def test_a_call_beyond_the_reports_token_budget_is_not_made_and_said(fake, tmp_path) -> None:
    short = BARE.replace(FILLER, "")  # too short for the call within 1.2 tokens a character
    ex = rv.extract(Document(short), settings=settings_for(fake, tmp_path))
    info = ex.meta["llm"]["extraction"]
    assert fake.chat_requests == [] and info["called"] is False
    assert info["no_answer"] == "token budget" and ex.meta["llm"]["status"] == "partial"
    assert ex.meta["llm"]["budget"]["skipped"] == ["extract"]


def test_goals_are_asked_only_from_a_section_titled_with_goals(fake, tmp_path) -> None:
    # An evaluation section titled with indicators only (绩效指标评价分析) holds verdicts, not
    # goals: the model is asked for indicators alone, and told not to copy goals.
    text = BARE.replace("二、年度绩效目标", "二、绩效指标评价分析")
    fake.reply_json({"indicators": [UNREAD_ANSWER]})
    ex = rv.extract(Document(text), settings=settings_for(fake, tmp_path))
    body = fake.chat_requests[0].json
    assert "goals：" not in body["messages"][-1]["content"]
    assert "不要摘录目标" in body["messages"][-1]["content"]
    assert [(i.name, i.by) for i in ex.indicators] == [("档案数字化率", "model")]


def test_a_statement_the_rules_read_without_its_role_is_named_and_not_taken_again(
    fake, tmp_path
) -> None:
    # 资金使用规范性——规范 is read by the rules, role unknown (an evaluation's verdict); its line
    # is still sent for the figures the rules did not place (4分, 3.6分).
    line = "资金使用规范性——规范，此指标赋分4分，得分3.6分。"
    text = BARE.replace(UNREAD, UNREAD + "\n" + line)
    again = {"name": "资金使用规范性", "target": "", "actual": "规范", "quote": line[:-1]}
    fake.reply_json({"indicators": [again, UNREAD_ANSWER], "goals": []})
    ex = rv.extract(Document(text), settings=settings_for(fake, tmp_path))
    user = fake.chat_requests[0].messages[-1]["content"]
    assert "已读出的指标（不要重复）：资金使用规范性" in user and line in sent_report(fake)
    assert [i.name for i in ex.indicators if i.by == "model"] == ["档案数字化率"]
    (d,) = ex.meta["llm"]["dropped"]["items"]
    assert d["reason"] == "duplicates a rules entry (资金使用规范性)"
