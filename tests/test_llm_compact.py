"""The compact model pipeline (the default): the rules propose, the model refines, Python
verifies. Against the fake OpenAI server (tests/fake_openai.py): rewrites of the rules' vague
targets in one call, checked in Python; candidates picked by the rules and judged one short
question each; a token budget per report; a cut-off answer retried once shorter, then stated."""

from __future__ import annotations

from reviewer.document import Document
from reviewer.llm import review as rv
from reviewer.llm.candidates import candidates
from reviewer.llm.compact import Budget
from reviewer.llm.settings import Settings
from tests.fake_openai import FakeOpenAI, offline_settings

REPORT = """2024年度部门整体支出绩效自评报告
一、部门职责
负责全镇农村人居环境整治和公共服务。
二、年度绩效目标
群众满意度普遍提升，党员干部思想认识度提高。
三、绩效完成情况
通过改水改厕，全镇基本消除了旱厕的使用，杜绝了粪污直排的问题。
经过排查，全镇目前存在旱厕249户，将于明年改造。
2024年完成村级道路硬化12公里，群众出行更加便利。
四、其他情况
"""
# Neutral prose so the report is long enough for its token budget (1.2 tokens a character).
REPORT += "本部门按照预算管理要求组织实施各项工作，资金管理和会计核算按制度执行。\n" * 12


def settings_for(fake: FakeOpenAI, tmp_path, **kw) -> Settings:
    return offline_settings(fake, tmp_path, api_key="sk-test-compact-0000", **kw)


def doc() -> Document:
    return Document(REPORT, path="demo.txt")


def q001(result) -> list:
    return [f for f in result.findings if f.code == "Q001" and "rewrites" in f.data]


GOOD_REWRITES = {
    "items": [
        {"id": 1, "indicator": "群众满意度", "comparator": ">=", "number": 95, "unit": "%",
         "deadline": ""},
        {"id": 2, "indicator": "党员干部思想认识度", "comparator": ">=", "number": 120,
         "unit": "%", "deadline": ""},
    ]
}  # fmt: skip


# The judge's answer (judge.2): what each passage is about, copied from it, then the verdict.
YES = {
    "first": "旱厕的使用",
    "second": "旱厕249户",
    "conflict": True,
    "reason": "前称消除，后称存在249户",
}
FILLER = "本部门按照预算管理要求组织实施各项工作，资金管理和会计核算按制度执行。\n" * 12


def test_the_state_candidate_pairs_eliminated_with_still_existing() -> None:
    found = candidates(doc())
    assert [c.generator for c in found] == ["state"]
    c = found[0]
    assert c.subject == "旱厕" and c.plain
    assert REPORT[c.first[0] : c.first[1]] == "全镇基本消除了旱厕的使用"
    assert REPORT[c.second[0] : c.second[1]] == "全镇目前存在旱厕249户"


def test_no_candidate_when_the_second_passage_is_about_something_else() -> None:
    text = "通过改水改厕，全镇基本消除了旱厕的使用。\n目前存在问题3个，将于明年整改。\n"
    assert candidates(Document(text)) == []


def test_a_figure_done_in_one_place_and_pending_in_another() -> None:
    text = (
        "2023年完成户厕新建106座，公厕新建2座。\n"
        "今年全镇新建户厕106座，目前已经完成90%，预计在12月20日前可全部完工。\n"
    )
    found = candidates(Document(text))
    assert [(c.generator, c.subject) for c in found] == [("figure", "106座")]
    near_miss = "2023年完成户厕新建106座。\n今年预计新建公厕20座。\n"
    assert candidates(Document(near_miss)) == []


def test_a_plan_for_more_of_the_same_work_is_a_candidate_for_the_model_not_plain_evidence():
    text = "全年建成村级综合服务站8个。\n2025年计划再建设村级综合服务站8个，预计年底前建成。\n"
    [c] = candidates(Document(text))
    assert (c.generator, c.subject, c.plain) == ("figure", "8个", False)
    pending = "全年建成村级综合服务站8个。\n村级综合服务站8个目前已完成70%，预计明年3月建成。\n"
    assert candidates(Document(pending))[0].plain  # no plan: the same eight are still pending


def test_same_thing_compares_what_the_model_copied_without_the_state_words() -> None:
    from reviewer.llm.judge import same_thing

    assert same_thing("危房", "危房未完成改造")
    assert same_thing("旱厕的使用", "旱厕249户")
    assert same_thing("露天垃圾堆放点", "仍有露天垃圾堆放点")
    assert not same_thing("农村饮水安全隐患", "农村道路破损、路灯损坏等管护问题")
    assert not same_thing("已消除", "仍存在")  # nothing left but the state words


NEAR = (
    "二、绩效完成情况\n全镇基本消除了农村饮水安全隐患，自来水普及率达到98%。\n"
    "三、存在问题\n仍存在农村道路破损、路灯损坏等管护问题。\n" + FILLER
)


def test_a_yes_about_two_different_things_is_no_finding(fake, tmp_path):
    [c] = candidates(Document(NEAR))
    assert (c.generator, c.subject, c.plain) == ("state", "农村", False)
    fake.reply_json({"first": "农村饮水安全隐患", "second": "农村道路破损", "conflict": True,
                     "reason": "矛盾"})  # fmt: skip
    result = rv.review(Document(NEAR), settings=settings_for(fake, tmp_path))
    assert [f for f in result.findings if f.source == "llm"] == []
    assert result.meta["llm"]["semantic"]["no"] == 1


def test_for_a_state_candidate_python_decides_from_what_the_model_copied(fake, tmp_path):
    text = (
        "二、绩效完成情况\n全镇基本消除了危房。\n三、存在问题\n部分村组仍有危房未完成改造。\n"
        + FILLER
    )
    fake.reply_json({"first": "消除了危房", "second": "仍有危房未完成改造", "conflict": False,
                     "reason": "不矛盾"})  # fmt: skip
    result = rv.review(Document(text), settings=settings_for(fake, tmp_path))
    [f] = [f for f in result.findings if f.source == "llm"]
    assert f.severity.value == "warning" and f.data["model_conflict"] is False


def test_a_yes_whose_copied_things_are_not_in_the_passages_is_no_finding(fake, tmp_path):
    fake.reply_json({"first": "农村饮水", "second": "农村饮水", "conflict": True, "reason": "矛盾"})
    result = rv.review(Document(NEAR), settings=settings_for(fake, tmp_path))
    assert [f for f in result.findings if f.source == "llm"] == []


def test_a_yes_about_the_same_thing_is_a_warning_without_a_figure(fake, tmp_path):
    text = (
        "二、绩效完成情况\n全镇基本消除了危房。\n三、存在问题\n部分村组仍有危房未完成改造。\n"
        + FILLER
    )
    fake.reply_json({"first": "危房", "second": "危房未完成改造", "conflict": True,
                     "reason": "前称消除，后称仍有"})  # fmt: skip
    result = rv.review(Document(text), settings=settings_for(fake, tmp_path))
    [f] = [f for f in result.findings if f.source == "llm"]
    assert f.kind == "contradiction" and f.severity.value == "warning"
    assert f.spans[0].text == "全镇基本消除了危房"
    assert f.data["model_things"] == ["危房", "危房未完成改造"]


def test_rewrites_are_checked_and_a_rejected_one_falls_back_to_the_rules(fake, tmp_path):
    fake.reply_json(GOOD_REWRITES, usage=(200, 60))
    fake.reply_json(YES, usage=(120, 20))
    result = rv.review(doc(), settings=settings_for(fake, tmp_path))
    recs = {r["indicator"]: r for f in q001(result) for r in f.data["rewrites"]}
    sat = recs["群众满意度"]
    assert sat["rewrite_check"] == "accepted" and sat["by"] == "model"
    assert sat["rewrite"].startswith("群众满意度≥95%（年末问卷调查")
    assert sat["rules_rewrite"].startswith("群众满意度≥90%")
    other = recs["党员干部思想认识度"]
    assert other["rewrite_check"] == "比率目标超过100%" and other["by"] == "rules"
    assert other["model_rewrite"] == "党员干部思想认识度≥120%"
    f = next(f for f in q001(result) if f.data["rewrites"][0]["indicator"] == "群众满意度")
    assert f.data["rewrite_check"] == "accepted" and "群众满意度≥95%" in f.message
    meta = result.meta["llm"]
    assert meta["status"] == "ok"
    assert meta["rewrites"] == {"proposed": 2, "model_answers": 2, "accepted": 1}
    assert meta["budget"]["used_tokens"] == 400 and meta["budget"]["calls"] == 2
    contra = [f for f in result.findings if f.source == "llm"]
    assert [f.code for f in contra] == ["L018"] and contra[0].severity.value == "warning"
    assert contra[0].spans[0].text == "全镇基本消除了旱厕的使用"


def test_the_rewrite_names_another_indicator_or_no_unit(fake, tmp_path):
    fake.reply_json(
        {"items": [
            {"id": 1, "indicator": "道路硬化", "comparator": ">=", "number": 90, "unit": "%",
             "deadline": ""},
            {"id": 2, "indicator": "党员干部思想认识度", "comparator": ">=", "number": 80,
             "unit": "", "deadline": ""},
        ]}
    )  # fmt: skip
    fake.reply_json({**YES, "second": "249户", "conflict": False, "reason": "不矛盾"})
    result = rv.review(doc(), settings=settings_for(fake, tmp_path))
    recs = {r["indicator"]: r for f in q001(result) for r in f.data["rewrites"]}
    assert recs["群众满意度"]["rewrite_check"].startswith("指标名称不符")
    assert recs["党员干部思想认识度"]["rewrite_check"] == "没有比较符、数值和单位，也没有完成期限"
    # plain evidence stays as info even when the model says no
    contra = [f for f in result.findings if f.source == "llm"]
    assert contra[0].severity.value == "info" and "请核实" in contra[0].message
    assert contra[0].data["model_verdict"] == "no"


def test_a_cut_off_answer_is_retried_once_shorter_then_stated(fake, tmp_path):
    fake.reply('{"items": [{"id": 1, "indic', finish_reason="length")
    fake.reply('{"items": [{"id": 1, "indic', finish_reason="length")
    fake.reply('{"first": "旱厕", "second": "旱', finish_reason="length")
    fake.reply_json({**YES, "reason": "矛盾"})
    result = rv.review(doc(), settings=settings_for(fake, tmp_path))
    meta = result.meta["llm"]
    assert meta["budget"]["cutoffs"] == ["rewrite 1-2"]
    assert meta["budget"]["retries"] == 2
    assert "cut off" in meta["reason"]
    retry = fake.chat_requests[1].json
    assert "2. 指标" not in retry["messages"][-1]["content"]  # the shorter retry: half the items
    recs = [r for f in q001(result) for r in f.data["rewrites"]]
    assert all(r["rewrite_check"] == "模型回答被截断" and r["by"] == "rules" for r in recs)
    assert [f.code for f in result.findings if f.source == "llm"] == ["L018"]


def test_the_budget_is_1_2_tokens_per_character_and_a_call_beyond_it_is_not_made(fake, tmp_path):
    assert Budget.for_text("字" * 1000).limit == 1200
    short = "二、年度绩效目标\n群众满意度普遍提升。\n"  # 19 characters: no call fits
    result = rv.review(Document(short), settings=settings_for(fake, tmp_path))
    meta = result.meta["llm"]
    assert fake.chat_requests == [] and meta["budget"]["skipped"] == ["rewrite 1-1", "extract"]
    rec = q001(result)[0].data["rewrites"][0]
    assert rec["by"] == "rules" and "预算" in rec["rewrite_check"]


def test_each_call_caps_its_output_and_sends_no_rule_finding_twice(fake, tmp_path):
    fake.reply_json(GOOD_REWRITES)
    fake.reply_json({**YES, "reason": "矛盾"})
    rv.review(doc(), settings=settings_for(fake, tmp_path))
    first, second = (r.json for r in fake.chat_requests)
    assert first["max_tokens"] == 130 and second["max_tokens"] == 90
    assert "群众满意度" in first["messages"][-1]["content"]
    assert "群众满意度" not in second["messages"][-1]["content"]
    assert first["temperature"] == 0


def _item(name: str, kind: str = "other"):
    from reviewer.llm.rewrite import Item

    return Item(None, 0, name, "有效控制", name, kind)  # type: ignore[arg-type]


def _answer(**kw):
    from reviewer.llm.compact import RewriteAnswer

    base = {
        "id": 1,
        "indicator": "x",
        "comparator": ">=",
        "number": 1.0,
        "unit": "",
        "deadline": "",
    }
    return RewriteAnswer(**{**base, **kw})


def test_python_checks_each_rewrite_on_its_own() -> None:
    from reviewer.llm.rewrite import check

    d = Document("2024年全年预算500.00万元。\n绩效目标：项目运行成本有效控制。\n")
    cost = _item("项目运行成本", "cost")
    over = _answer(indicator="项目运行成本", comparator="<=", number=800, unit="万元")
    assert check(d, cost, over)[1] == "金额超过年度预算500.00万元"
    within = _answer(indicator="项目运行成本", comparator="<=", number=480, unit="万元")
    assert check(d, cost, within) == ("项目运行成本≤480万元", "accepted")
    timely = _item("资金发放及时率", "timeliness")
    capped = _answer(indicator="资金发放及时率", comparator="<=", number=100, unit="%")
    assert check(d, timely, capped)[1] == "越高越好的指标不应设上限"
    dated = _answer(indicator="资金发放及时率", number=0, unit="", deadline="2024年12月31日前")
    assert check(d, timely, dated) == ("资金发放及时率：2024年12月31日前完成", "accepted")
    assert check(d, timely, None)[1] == "模型未给出该项改写"
    reduction = _item("交通事故发生减少率", "coverage")
    capped = _answer(indicator="交通事故发生减少率", comparator="<=", number=5, unit="%")
    assert check(d, reduction, capped)[1] == "越高越好的指标不应设上限"
    activity = _item("保障机关顺利开展", "timeliness")
    percent = _answer(indicator="保障机关顺利开展", comparator="=", number=100, unit="%")
    assert check(d, activity, percent)[1] == "该指标不是比率，百分比目标无所指"
    sat = _item("群众满意度", "satisfaction")
    ok = _answer(indicator="群众满意度", number=92, unit="%")
    assert check(d, sat, ok)[0].startswith("群众满意度≥92%（年末问卷调查")


def test_an_earlier_state_is_no_candidate() -> None:
    text = (
        "通过集中整治，全县基本消除了露天垃圾堆放点。\n"
        "整治前，全县存在露天垃圾堆放点37处。\n"
        "2024年完成新建机耕道18公里。\n"
        "上年新建机耕道18公里，预计今年完成验收。\n"
    )
    assert candidates(Document(text)) == []


def test_a_goal_is_not_a_claim_that_something_was_done() -> None:
    text = (
        "二、年度绩效目标\n新建机耕道18公里。\n"
        "三、完成情况\n机耕道建设18公里，目前已经完成70%，预计明年3月底前全部完工。\n"
    )
    assert candidates(Document(text)) == []


def test_no_answer_at_all_is_stated_as_failed_and_plain_candidates_stay_as_info(tmp_path):
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    settings = Settings(
        model="m",
        base_url=f"http://127.0.0.1:{port}/v1",
        api_key="sk-test-compact-0000",
        max_retries=0,
        cache=False,
        cache_dir=tmp_path,
    )
    result = rv.review(doc(), settings=settings)
    meta = result.meta["llm"]
    assert meta["status"] == "failed" and "cannot connect" in meta["reason"]
    contra = [f for f in result.findings if f.source == "llm"]
    assert [f.severity.value for f in contra] == ["info"]
    assert contra[0].data["model_verdict"] is None and "模型未作答" in contra[0].message
