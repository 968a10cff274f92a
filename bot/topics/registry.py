"""The topic registry: one record per topic. Everything topic-shaped is derived from it.

Derived here: which intent asks which topic (the actions' routing), the list of
topics, and every response an answer may send (``scripts/validate_data.py``);
``bot.topics.rules`` generates ``data/rules.yml`` from it. Adding a topic is a record
here, its responses in ``domain.yml``, NLU examples for its intent, and a test.
"""

from __future__ import annotations

from typing import Dict, Iterable, Tuple

from bot.dialogue import clarify
from bot.topics.calculations import (
    AMOUNT_RESPONSES,
    DURATION_RESPONSES,
    MIGRANT_RESPONSES,
    answer_amount,
    answer_duration,
    answer_migrant,
)
from bot.topics.deadline import DEADLINE_RESPONSES, answer_deadline
from bot.topics.documents import DOCUMENT_RESPONSES
from bot.topics.figure_checks import RESPONSES as FIGURE_CHECK_RESPONSES
from bot.topics.offices import HANDOFF_RESPONSES, answer_handoff, answer_office, office_responses
from bot.topics.questions import QUESTION_RESPONSES
from bot.topics.restated import RESPONSES as RESTATED_RESPONSES
from bot.topics.sections import (
    SECTION_EXTRAS,
    amount_values,
    answer_difference,
    answer_process,
    answer_section,
    conditions_values,
    forms_values,
    render_documents,
    render_online,
    render_process,
    single,
    text_values,
)
from bot.topics.topic import Topic
from bot.topics.verdicts import LINE_RESPONSES, VERDICT_RESPONSES, answer_conditions

_DOCUMENTS = (
    "utter_documents_online",
    "utter_documents_on_site",
    "utter_documents_notes",
    "utter_documents_way_missing",
    "utter_documents_way_missing_sent",
)
_ONLINE = ("utter_online_channels", "utter_steps", "utter_online_not_in_guide", "utter_step_one")
_PROCESS = (
    "utter_process",
    "utter_process_online",
    "utter_process_online_too",
    "utter_steps",
    "utter_line_ask_area",
)

TOPICS: Tuple[Topic, ...] = (
    Topic(
        "conditions",
        ("ask_eligibility",),
        answer_conditions,
        ("utter_conditions", *SECTION_EXTRAS, *VERDICT_RESPONSES),
        section="conditions",
        render=single(conditions_values),
    ),
    Topic(
        "amount",
        ("ask_amount",),
        answer_amount,
        (
            "utter_amount",
            "utter_amount_offer",
            *SECTION_EXTRAS,
            *AMOUNT_RESPONSES,
            *DURATION_RESPONSES,
            *VERDICT_RESPONSES,
            *MIGRANT_RESPONSES,
        ),
        section="amount",
        render=single(amount_values),
    ),
    Topic(
        "duration",
        ("ask_duration",),
        answer_duration,
        (
            *DURATION_RESPONSES,
            *VERDICT_RESPONSES,
            *SECTION_EXTRAS,
        ),
        section="duration_rule",
    ),
    Topic(
        "documents",
        ("ask_documents",),
        answer_section,
        (*_DOCUMENTS, *SECTION_EXTRAS),
        section="documents",
        render=render_documents,
    ),
    Topic(
        "online",
        ("ask_apply_online",),
        answer_section,
        (*_ONLINE, *_PROCESS, *SECTION_EXTRAS),
        section="channels",
        render=render_online,
        fallback="process",
        fallback_note="utter_online_not_in_guide",
    ),
    Topic(
        "process",
        ("ask_apply_process",),
        answer_process,
        (*_PROCESS, "utter_process_case", *_ONLINE, *SECTION_EXTRAS),
        section="where",
        render=render_process,
        fallback="online",
        appends_office=True,
    ),
    Topic(
        "progress",
        ("ask_progress",),
        answer_section,
        ("utter_progress", *SECTION_EXTRAS),
        section="progress",
        render=single(text_values),
    ),
    Topic(
        "forms",
        ("ask_forms",),
        answer_section,
        ("utter_forms", *SECTION_EXTRAS),
        section="forms",
        render=single(forms_values),
    ),
    Topic(
        "migrant",
        ("ask_migrant_allowance",),
        answer_migrant,
        (*MIGRANT_RESPONSES, "utter_not_in_guide", "utter_question_not_in_guide"),
    ),
    Topic("deadline", ("ask_deadline",), answer_deadline, DEADLINE_RESPONSES),
    Topic(
        "difference",
        ("ask_benefit_difference",),
        answer_difference,
        ("utter_benefit_difference", "utter_difference_elsewhere"),
        needs_region=False,
    ),
    Topic("handoff", ("human_handoff",), answer_handoff, HANDOFF_RESPONSES, needs_region=False),
    Topic("address", ("ask_office",), answer_office, office_responses("address")),
    Topic("phone", ("ask_phone",), answer_office, office_responses("phone")),
    Topic("hours", ("ask_hours",), answer_office, office_responses("hours")),
    Topic("bank", ("ask_bank",), answer_office, office_responses("bank")),
)

BY_NAME: Dict[str, Topic] = {topic.name: topic for topic in TOPICS}
INTENT_TOPICS: Dict[str, str] = {intent: topic.name for topic in TOPICS for intent in topic.intents}
# Replies that any turn may get, whatever the topic.
CONVERSATION_RESPONSES = (
    "utter_hotline_is",
    "utter_no_lookup",
    "utter_no_instructions",
    "utter_recap",
    "utter_recap_nothing",
    "utter_recap_place",
    "utter_recap_insured",
    "utter_recap_paid",
    "utter_recap_continuous",
    "utter_recap_left",
    "utter_fact_age_exact",
    "utter_how_can_help",
    "utter_anything_else",
    "utter_default",
    "utter_contact_office",
    "utter_contact_area",
    "utter_greet",
    "utter_goodbye",
    "utter_thanks",
    "utter_complaint",
    "utter_feedback_thanks",
    "utter_benefit_only_other",
    "utter_handoff_missed",
    "utter_answered_above",
    "utter_other_region_only",
    "utter_answered_above_anywhere",
    "utter_go_on",
    "utter_bot_challenge",
    "utter_ask_in_chinese",
    "utter_out_of_scope",
    "utter_which_question",
    "utter_already_sent",
    "utter_insured_elsewhere",
    "utter_insured_elsewhere_rule",
    "utter_insured_elsewhere_again",
    "utter_way_on_site",
    "utter_way_online",
)
# Long blocks (lists, steps): sent once in a conversation, then referred to.
BLOCK_RESPONSES = frozenset(
    {
        "utter_conditions",
        "utter_documents_online",
        "utter_documents_on_site",
        "utter_documents_notes",
        "utter_online_channels",
        "utter_steps",
        "utter_process",
        "utter_process_online_too",
        "utter_forms",
        "utter_region_offices",
        "utter_region_offices_main",
        "utter_migrant_rule",
        "utter_duration_rule",
        "utter_amount",
    }
)


def all_responses() -> Iterable[str]:
    """Every domain response an answer can send (checked against the domain)."""
    names = {name for topic in TOPICS for name in topic.responses}
    extras = {
        *clarify.RESPONSES,
        *CONVERSATION_RESPONSES,
        *QUESTION_RESPONSES,
        *DOCUMENT_RESPONSES,
        *LINE_RESPONSES,
        *RESTATED_RESPONSES,
        *FIGURE_CHECK_RESPONSES,
    }
    return sorted(names | extras)
