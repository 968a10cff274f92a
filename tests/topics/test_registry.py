"""The topic registry: every topic answers with what it declares; derived files are fresh."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
import yaml

from bot.answers import Context
from bot.dialogue import clarify
from bot.dialogue.plan import TOPIC, Ask
from bot.person.dates import Day
from bot.person.facts import Facts
from bot.topics import rules
from bot.topics.registry import BY_NAME, INTENT_TOPICS, TOPICS

DOMAIN = Path(__file__).resolve().parents[2] / "domain.yml"
NOT_QUESTIONS = {
    "greet",
    "goodbye",
    "thanks",
    "affirm",
    "deny",
    "bot_challenge",
    "out_of_scope",
    "inform",
}


def test_rules_file_is_fresh():
    committed = rules.RULES_FILE.read_text(encoding="utf-8")
    assert committed == rules.render(rules.rules()), "stale: run `python -m bot.topics.rules`"


def test_every_question_intent_asks_exactly_one_topic():
    intents = set(yaml.safe_load(DOMAIN.read_text(encoding="utf-8"))["intents"])
    assert set(INTENT_TOPICS) == intents - NOT_QUESTIONS
    assert len(INTENT_TOPICS) == sum(len(topic.intents) for topic in TOPICS)


def test_fallbacks_name_section_topics():
    for topic in TOPICS:
        if topic.fallback:
            assert BY_NAME[topic.fallback].render is not None, topic.name


# Cases that reach every branch: nothing known, too short, enough, a bound and a date.
CASES = (
    Facts(),
    Facts(contribution_months=6),
    Facts(contribution_months=30, separation="dismissed", age=40),
    Facts(contribution_below=12, left_on=Day(2020, 5)),
    Facts(separation="terminated", left_on=Day(2019), insurance_expired=False),
    Facts(left_on=Day(2026, 11, 20), hukou="nonlocal_urban"),
)


@pytest.mark.parametrize("topic", TOPICS, ids=lambda topic: topic.name)
def test_a_topic_sends_only_the_responses_it_declares(answerer, knowledge, topic):
    allowed = set(topic.responses) | set(clarify.RESPONSES)
    for region_id, data in knowledge.regions.items():
        areas = [None] + sorted({office.area for office in data.offices})
        benefits = [None] + [benefit.id for benefit in knowledge.national.benefits]
        for area, benefit, facts, verdict in itertools.product(
            areas, benefits, CASES, (False, True)
        ):
            context = Context(region_id, area, topic.name, benefit, facts)
            ask = Ask(TOPIC, topic.name, personal=verdict)
            sent = {reply.response for reply in answerer.answer(ask, data, context)}
            assert sent <= allowed, (context, sent - allowed)
