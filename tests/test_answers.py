"""Answers for every topic, region and area, rendered through the domain's responses."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Dict, List

import pytest
import yaml

from bot.answers import Context, Reply, Turn
from bot.dialogue.plan import TOPIC, Ask
from bot.formatting import MAX_MESSAGE_CHARS
from bot.person.dates import Day
from bot.person.facts import Facts
from bot.replies import RESERVED_VALUES
from bot.topics.registry import TOPICS, all_responses

DOMAIN = Path(__file__).resolve().parents[1] / "domain.yml"


@pytest.fixture(scope="module")
def responses() -> Dict[str, str]:
    """Response name to its (first) text in domain.yml."""
    domain = yaml.safe_load(DOMAIN.read_text(encoding="utf-8"))
    return {name: variants[0]["text"] for name, variants in domain["responses"].items()}


def render(responses: Dict[str, str], replies: List[Reply]) -> List[str]:
    """The texts a user would see."""
    return [responses[reply.response].format(**reply.values) for reply in replies]


def talk(answerer, *turns):
    """Play (text, topic) turns from an empty context; return the last texts and context."""
    context = Context()
    replies: List[Reply] = []
    for text, topic in turns:
        context, replies = answerer.respond(context, Turn(text, topic))
    return context, replies


def test_every_chosen_response_is_in_the_domain(responses):
    assert set(all_responses()) <= set(responses)


CASES = (
    Facts(),
    Facts(contribution_months=6),
    Facts(contribution_months=24),
    Facts(contribution_months=300, separation="resigned", age=62, gender="male"),
    Facts(contribution_below=12, left_on=Day(2020, 5), insurance_expired=True),
    Facts(separation="terminated", left_on=Day(2026, 1, 3), hukou="nonlocal_rural"),
)


def every_context(knowledge):
    """A context for every region, area, topic and contribution case."""
    for region_id, data in knowledge.regions.items():
        areas = [None] + sorted({office.area for office in data.offices})
        topics = [topic.name for topic in TOPICS]
        for area, topic, facts in itertools.product(areas, topics, CASES):
            yield Context(region_id=region_id, area=area, topic=topic, facts=facts)
            yield Context(region_id, area, topic, facts=facts, person="spouse", wants_verdict=True)


def answer(answerer, context):
    """The replies to the context's topic, asked in its own words."""
    ask = Ask(TOPIC, context.topic, personal=context.wants_verdict)
    return answerer.answer(ask, answerer.kb.regions[context.region_id], context)


def test_every_answer_renders_and_fits_a_phone_screen(answerer, knowledge, responses):
    for context in every_context(knowledge):
        replies = answer(answerer, context)
        assert replies, context
        for reply, text in zip(replies, render(responses, replies), strict=True):
            assert not set(reply.values) & set(RESERVED_VALUES), reply.response
            assert "{" not in text, (context, text)
            assert len(text) <= MAX_MESSAGE_CHARS, (context, len(text), text)


def test_every_fact_answer_cites_its_guide(answerer, knowledge, responses):
    for context in every_context(knowledge):
        texts = render(responses, answer(answerer, context))
        if context.topic in ("handoff",):
            continue
        honest = ("来源：", "没有讲到", "没有写")
        assert any(word in text for text in texts for word in honest), (context, texts)


@pytest.mark.parametrize(
    ("turns", "expected"),
    [
        ([("温州鹿城区在哪办", "address"), ("那瓯海区呢", None)], ["娄桥街道", "0577-88526687"]),
        ([("盘龙区失业保险科地址", "address"), ("电话是多少", "phone")], ["65615362"]),
        ([("我在昆明", None), ("需要准备哪些材料", "documents")], ["户口册", "就业创业证"]),
        ([("失业金能领几个月", "duration"), ("我在宁波，交了两年", None)], ["3个月"]),
        ([("宁波失业金能领多久", "duration"), ("交了5年", None)], ["8个月"]),
        ([("宁波交了10年能领多久", "duration")], ["15个月"]),
        ([("宁波每月失业金多少", "amount")], ["1395", "2015年11月", "以当地经办机构最新规定为准"]),
        ([("宁波农民工补助", "migrant"), ("交了两年", None)], ["2092.5"]),
        ([("我是宁波的农民工", "migrant"), ("交了两年能拿多少", "amount")], ["2092.5"]),
        ([("我是宁波的农民工", "migrant"), ("交了两年能领多久", "duration")], ["2092.5"]),
        (
            [("宁波农民工补助", "migrant"), ("失业保险金能领多久", "duration")],
            ["失业保险金能领多久", "每满8个月增发1个月"],
        ),
        ([("宁波农民工一次性生活补助能拿多少", "amount")], ["50%", "告诉我您缴了多久"]),
        ([("宁波农民工补助", "migrant"), ("交了6个月", None)], ["不满12个月", "领不了"]),
        ([("昆明网上申请要上传什么", "documents")], ["就业创业证2、3页（非必填项）"]),
        ([("吉林省的经办机构在哪", "address")], ["省级机构", "吉林省社会保险局", "各市县"]),
        ([("昆明的经办机构在哪", "address")], ["市级机构", "各区县"]),
        ([("宁波海曙区周末上班吗", "hours")], ["周一到周五"]),
        ([("五华区哪个银行发", "bank")], ["交通银行"]),
        ([("吉林补助金没有社保卡", "documents")], ["一类卡"]),
        ([("我在温州", None), ("网上怎么申请", "online")], ["si.12333.gov.cn"]),
        ([("宁波表格下载", "forms")], ["zjnb.lss.gov.cn"]),
        ([("失业保险金和补助金区别", "difference")], ["失业补助金", "失业保险金"]),
        ([("宁波北仑转人工", "handoff")], ["0574-12333"]),
        ([("转人工", "handoff")], ["12333", "助手补充，非指南内容"]),
        # Kunming's guide prints local numbers only: the dialling code is marked as ours.
        ([("五华区电话多少", "phone")], ["0871-", "区号0871为助手补充"]),
    ],
)
def test_conversations(answerer, responses, turns, expected):
    _, replies = talk(answerer, *turns)
    text = "\n".join(render(responses, replies))
    for fact in expected:
        assert fact in text


def test_question_without_region_asks_for_it_then_answers(answerer, responses):
    context, replies = talk(answerer, ("需要什么材料", "documents"))
    assert replies[0].response == "utter_ask_region"
    assert [b.title for b in replies[0].buttons] == ["吉林省", "昆明市", "宁波市", "温州市"]
    context, replies = answerer.respond(
        context, Turn('/inform{"region": "昆明市"}', None, ("昆明市",))
    )
    assert "身份证人像面" in "\n".join(render(responses, replies))


def test_shared_area_gives_both_offices_and_a_choice(answerer, responses):
    _, replies = talk(answerer, ("经开区在哪", "address"))
    text = render(responses, replies)[0]
    assert "0577-85851795" in text and "0871-68163228" in text
    assert len(replies[0].buttons) == 2


def test_uncovered_region_gets_the_national_answer(answerer, responses):
    context, replies = talk(answerer, ("上海失业金怎么申请", "process"))
    text = render(responses, replies)[0]
    assert replies[0].response == "utter_uncovered_region"
    assert "si.12333.gov.cn" in text and "12333" in text and "上海" in text
    assert "0577" not in text and "0574" not in text
    assert context.region_id is None


def test_province_with_covered_cities_asks_which_city(answerer):
    _, replies = talk(answerer, ("浙江失业金怎么领", "process"))
    assert replies[0].response == "utter_province_partly_covered"
    assert {b.title for b in replies[0].buttons} == {"温州市", "宁波市"}


def test_topic_missing_from_a_guide_says_so(answerer, responses):
    _, replies = talk(answerer, ("温州失业金每月多少", "amount"))
    text = render(responses, replies)[0]
    assert "没有写每月能领多少钱" in text and "12333" in text and "1395" not in text


def test_region_switch_forgets_the_old_area(answerer):
    context, _ = talk(answerer, ("鹿城区地址", "address"), ("那宁波呢", None))
    assert (context.region_id, context.area) == ("ningbo", None)


def test_not_understood_without_places_asks_to_rephrase(answerer):
    context = Context(region_id="ningbo", topic="amount")
    new, replies = answerer.respond(context, Turn("啊啊啊", None, intent="nlu_fallback"))
    assert replies[0].response == "utter_default"
    assert new == context


def test_affirmation_naming_a_place_informs(answerer, responses):
    context = Context(topic="documents")
    _, replies = answerer.respond(context, Turn("好的，宁波", None, intent="affirm", yes_no=True))
    assert replies[0].response == "utter_documents_on_site"


def test_affirmation_alone_gets_its_own_reply(answerer):
    _, replies = answerer.respond(Context(), Turn("好的", None, intent="affirm", yes_no=True))
    assert replies[0].response == "utter_how_can_help"


def test_shared_area_then_region_answers_that_office(answerer, responses):
    _, replies = talk(answerer, ("经开区失业保险电话", "phone"), ("温州的", None))
    assert "0577-85851795" in "\n".join(render(responses, replies))


def test_where_to_apply_in_a_guide_without_window_section_gives_online_and_office(
    answerer, responses
):
    _, replies = talk(answerer, ("昆明官渡区在哪办失业金", "process"))
    text = "\n".join(render(responses, replies))
    assert "就业彩云南" in text and "关兴路320号" in text


@pytest.mark.parametrize(
    ("question", "window", "online"),
    [
        ("吉林补助金怎么申请", "社会保障卡", "wssb.jlsi.jl.gov.cn"),
        ("温州失业金怎么领", "最后参保地", "si.12333.gov.cn"),
    ],
)
def test_how_to_apply_gives_the_window_and_the_online_channels(
    answerer, responses, question, window, online
):
    _, replies = talk(answerer, (question, "process"))
    assert [r.response for r in replies] == ["utter_process", "utter_process_online_too"]
    window_text, online_text = render(responses, replies)
    assert window in window_text and online in online_text and "来源：" in online_text


def test_how_to_apply_without_online_channels_gives_the_window_only(answerer):
    # the steps repeat what the window answer says: sent only when asked ("步骤")
    _, replies = talk(answerer, ("宁波失业金怎么领", "process"))
    assert [r.response for r in replies] == ["utter_process"]


def test_eligibility_with_contribution_time_says_whether_it_is_enough(answerer, responses):
    _, replies = talk(answerer, ("宁波交了八个月社保能领失业金吗", "conditions"))
    text = "\n".join(render(responses, replies))
    assert "满一年" in text and "领不了" in text


def test_amount_then_contribution_adds_the_months(answerer, responses):
    _, replies = talk(answerer, ("宁波每月失业金多少", "amount"), ("交了两年", None))
    text = "\n".join(render(responses, replies))
    assert "1395" in text and "3个月" in text


@pytest.mark.parametrize(
    "turns",
    [
        [("宁波农民工一次性生活补助能拿多少", "amount")],
        [("宁波农民工补助", "migrant"), ("交了6个月", None)],
        [("宁波农民工补助", "migrant"), ("交了3个月能拿多少", "amount")],
    ],
)
def test_no_empty_or_zero_figures(answerer, responses, turns):
    _, replies = talk(answerer, *turns)
    text = "\n".join(render(responses, replies))
    assert "每月元" not in text and "元是起" not in text
    assert "0个月×" not in text and "约0元" not in text


def test_the_same_reply_to_another_question_says_so_instead(answerer, responses):
    # round 9: "啥意思 银行卡和存折都得带？" got the block of the turn before, word for word
    context, first = talk(answerer, ("宁波鄞州 要带哪些材料", None))
    assert first[0].response == "utter_documents_on_site"
    context, again = answerer.respond(context, Turn("去现场要准备什么", None))
    assert [r.response for r in again] == ["utter_answered_above"]
    assert "0574-87406530" in render(responses, again)[0]


def test_the_same_reply_to_a_check_or_the_same_question_is_given(answerer):
    context, first = talk(answerer, ("宁波鄞州 要带哪些材料", None))
    for check in ("要带哪些材料", "去现场要准备的就是这些材料对吧"):
        _, again = answerer.respond(context, Turn(check, None))
        assert [r.response for r in again] == [r.response for r in first]
