"""The answerer: read a message into a plan, fold it into the context, answer each question.

A reply has one part per question, in the order asked, and nothing the plan did not ask
for. The Chinese sentences are the domain's responses; the topic handlers
(``bot.topics``) pick which ones answer and fill them from the knowledge base. Nothing
here knows Rasa.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date
from typing import Callable, List, Optional, Sequence, Tuple

from bot.dialogue import clarify
from bot.dialogue.context import (
    MIGRANT_BENEFIT,
    MIGRANT_FOLLOW_UPS,
    MIGRANT_TOPIC,
    RURAL_HUKOU,
    BenefitNames,
    Context,
    case_of,
    is_migrant,
    placed,
)
from bot.dialogue.plan import DOCUMENT, QUESTION, TOPIC, Ask, Plan
from bot.dialogue.questions import Cues, default_cues
from bot.dialogue.read import (
    ADDRESS_CHECK,
    ALONE_ACTS,
    CARD,
    FIND_STEP,
    GUESS_CHECK,
    NEXT,
    NEXT_STEP,
    OFF_HOURS,
    SPOKEN_ACTS,
    STEP,
    STEPS_ONLY,
    WHERE_QUESTION,
    WORKED,
    Reader,
    Turn,
)
from bot.knowledge.loader import KnowledgeBase, RegionData
from bot.knowledge.places import PlaceIndex
from bot.menu import menu_buttons
from bot.person.facts import Facts
from bot.person.reader import FactReader
from bot.phrases import Phrases, default_phrases
from bot.replies import Button, Reply
from bot.topics.documents import answer_document, document_check
from bot.topics.figure_checks import FIGURE_TOPICS, figure_check
from bot.topics.guide import INSURANCE, Guide
from bot.topics.offices import address_check, answer_handoff, guess_check, office_card_reply
from bot.topics.questions import answer_question, needs_region, question_label
from bot.topics.registry import BLOCK_RESPONSES, BY_NAME
from bot.topics.restated import restated, verdict_keys
from bot.topics.sections import steps
from bot.topics.topic import Answering
from bot.topics.wording import recap

__all__ = ["Answerer", "Context", "Reply", "Turn"]

VERDICT_TOPIC = "conditions"
# Lines said once a conversation ("吉林省的指南没有讲失业保险金…"), then left out.
PREFACES = frozenset(
    {
        "utter_benefit_not_in_guide",
        "utter_benefit_procedure_shared",
        "utter_insured_elsewhere",
        "utter_insured_elsewhere_rule",
    }
)
# A reply that introduces the block after it, and its wording when that block was sent.
INTRODUCERS = {"utter_documents_way_missing": "utter_documents_way_missing_sent"}
# The point of a region's guide that says where someone insured elsewhere applies.
ELSEWHERE_POINT = "insured_elsewhere"
# The detail of a verdict added beside a case told, not asked for in words.
IMPLIED = "implied"
# Topics worked out from the contribution time: not worth a second question beside a verdict.
COMPUTED_TOPICS = ("duration", "amount")
# Questions of how to apply: beside a case told, the verdict comes first.
HOW_TOPICS = ("process", "online")
# Two readings the NLU could not tell apart that one answer serves (the office card has
# the address, where to apply names the office): answered as the better one, not asked.
COMPATIBLE = frozenset({"address", "phone", "hours", "bank", "process"})
# An office reply of one detail (address, phone, hours, bank), known or not.
OFFICE_DETAILS = frozenset(
    f"utter_office_{name}{known}"
    for name in ("address", "phone", "hours", "bank")
    for known in ("", "_unknown")
)
# Replies that show an office's whole card.
CARD_REPLIES = frozenset({"utter_office_card", "utter_office_all"})
# Responses that show the same block as another response with the same values.
SAME_BLOCK = {"utter_process_online_too": "utter_online_channels"}
# Answers a region's guide gives its own insured: said with a line to someone insured
# where no guide covers.
LOCAL_TOPICS = frozenset({"documents", "online", "process", "bank", "forms"})
# A verdict that says no (said whole or again).
NO_VERDICT = "utter_verdict_no"
# "还能领什么": asked by someone whose benefit ran out, the benefits that follow it.
AFTER_EXPIRY = "other_benefits"
# At most this many regions are answered when one message names several.
MAX_REGIONS = 2
# Blocks remembered per conversation (the oldest forgotten first).
MAX_SENT = 40
# Replies to a message that asks nothing, by what it does (the first that applies).
ACT_REPLIES = (
    ("lookup", "utter_no_lookup"),
    ("instructions", "utter_no_instructions"),
    ("hotline", "utter_hotline_is"),
    ("recap", "utter_recap"),
    ("goodbye", "utter_goodbye"),
    ("complaint", "utter_complaint"),
    ("helped", "utter_feedback_thanks"),
    ("unfinished", "utter_go_on"),
    ("thanks", "utter_thanks"),
    ("challenge", "utter_bot_challenge"),
    ("english", "utter_ask_in_chinese"),
    ("out_of_scope", "utter_out_of_scope"),
)
# The migrant allowance answered where the insurance was named by a rural contract worker.
INSTEAD = "instead"
# A yes or no that answers nothing asked.
YES_NO_REPLIES = {True: "utter_how_can_help", False: "utter_anything_else"}


class Answerer:
    """Answers questions from one knowledge base."""

    def __init__(
        self,
        knowledge: KnowledgeBase,
        places: Optional[PlaceIndex] = None,
        phrases: Optional[Phrases] = None,
        cues: Optional[Cues] = None,
        clock: Callable[[], date] = date.today,
    ) -> None:
        self.kb = knowledge
        phrases = phrases or default_phrases()
        self.guide = Guide(knowledge, phrases)
        self.places = places or PlaceIndex(knowledge)
        self.cues = cues or default_cues()
        self.reader = Reader(
            knowledge,
            self.places,
            self.cues,
            FactReader(knowledge.case_terms),
            BenefitNames(knowledge),
        )
        self.answering = Answering(self.guide, BY_NAME, phrases, clock)

    def handoff(self, context: Context) -> List[Reply]:
        """A person to talk to for this conversation: its area's office, else the hotline."""
        data = self.kb.regions.get(context.region_id or "")
        return answer_handoff(self.answering, data, context, BY_NAME["handoff"])

    # -- a turn ------------------------------------------------------------------------

    def respond(self, context: Context, turn: Turn) -> Tuple[Context, List[Reply]]:
        """The new context and the replies to the latest message."""
        plan = self.reader.read(turn, context, self.answering.clock())
        alone = next((r for act, r in ACT_REPLIES if act in plan.acts & ALONE_ACTS), None)
        if alone is not None:
            # "帮我查下我同事王芳的进度 她也是盘龙区的": said for what it is; no place, fact
            # or person in it is taken as the conversation's ("上海的，身份证…": that no guide
            # covers 上海 is still said)
            replies = [self._act_reply(alone, context)]
            query = plan.places
            if query.uncovered and not (query.regions or query.areas):
                replies = clarify.uncovered(self.guide, query.uncovered[0]) + replies
            return context.stored(), replies
        updated = self.fold(context, plan)
        asks, explicit = self.asks_for(plan, context, updated)
        if (
            turn.tied
            and not plan.own_words
            and not plan.informs
            and not plan.acts & (ALONE_ACTS | SPOKEN_ACTS)
        ):
            which = self._which(turn.tied)
            if which is not None:
                return replace(updated, requested=None), which
        if not asks:
            return self._without_questions(plan, context, updated)
        only_other = self._only_other_benefit(plan, updated)
        if only_other is not None:
            return replace(updated.stored(), requested=None), only_other
        answering_context = updated
        if not plan.supposed.is_empty():
            answering_context = replace(
                updated, facts=updated.facts.merged(plan.supposed), supposing=True
            )
        answering_context = replace(answering_context, before=context.facts, going_on=plan.going_on)
        parts, waiting = self.compose(answering_context, plan, asks, explicit)
        if any(r.response.startswith(NO_VERDICT) for _, part in parts for r in part):
            # "我该怎么办" after a "领不了": no deadline or office to hurry to
            parts = [(a, part) for a, part in parts if a is None or a.detail != NEXT]
        replies = _distinct_replies(
            _without_repeated_office(
                _without_repeated_total([reply for _, part in parts for reply in part])
            )
        )
        if "recap" in plan.acts:
            # "把我的情况总结一下：能不能领、领几个月…": what they told, then the answers
            replies = [self._act_reply("utter_recap", updated), *replies]
        if "hotline" in plan.acts:
            # "龙湾的地址电话，12333是真的吗": the answers, then what 12333 is
            replies = [*replies, self._act_reply("utter_hotline_is", updated)]
        if not replies:
            # every part left out (a verdict nobody asked for where the guide has no
            # conditions, blocks already sent): answer as a message that asks nothing
            return self._without_questions(plan, context, updated)
        echo = fingerprint(replies)
        answered = [ask for ask in asks if ask not in waiting]
        if (
            echo in context.echo
            and _may_not_echo(plan, replies)
            and tuple(a.key() for a in answered) != context.last
            and not (self.cues.confirming and self.cues.confirming.search(turn.text))
        ):
            # the very answer of the last turn to another question ("啥意思 银行卡和存折
            # 都得带？"), not a check of it: it did not answer them; say so, and who can
            replies = [self._act_reply("utter_answered_above", updated)]
        asked_for = next((r.asks for r in reversed(replies) if r.asks), None)
        # the questions whose answer asked for a fact wait for it, as do those without a place
        asking = [ask for ask, part in parts if any(r.asks for r in part)]
        topics = [ask.name for ask in asks if ask.kind == TOPIC]
        stored = replace(
            updated,
            topic=topics[-1] if topics else updated.topic,
            requested=asked_for,
            pending=tuple(a.key() for a in (waiting or asking)),
            last=tuple(a.key() for a in answered) or updated.last,
            sent=_sent(updated.sent, replies),
            echo=(echo,),
        )
        return stored.stored(), replies

    def fold(self, context: Context, plan: Plan) -> Context:
        """The context after ``plan``: place, whose case and its facts, the benefit."""
        region_id, area = placed(self.places, context, plan.places)
        if "place_correction" in plan.acts and not plan.names_place and not plan.insured_elsewhere:
            # "我社保是在杭州交的，不是宁波": the insured place is corrected, the region kept
            region_id, area = None, None
        person, facts, own, aside = case_of(context, plan.person, plan.told)
        asked_there = {
            a.place for a in plan.asks if a.kind == QUESTION and a.name == WHERE_QUESTION
        }
        if (
            context.area is not None
            and context.insured_at is not None
            and plan.insured_at is None
            and plan.places.areas
            and {a.name for a in plan.places.areas} - {context.area} <= asked_there
            and all(a.kind == QUESTION and a.name == WHERE_QUESTION for a in plan.asks)
        ):
            # insured in 瓯海, "能不能在鹿城办": the place asked about is not theirs
            region_id, area = context.region_id, context.area
        named = [a.name for a in plan.places.areas]
        if context.area in named and len(named) > 1 and plan.insured_at is None:
            # "选龙湾还是瑞安": their own place among others named stays theirs
            region_id, area = context.region_id, context.area
        if (
            context.insured_at is not None
            and context.region_id == context.insured_at
            and region_id not in (None, context.region_id)
            and plan.insured_at is None
            and not plan.places.areas
        ):
            # insured in 温州 and "宁波那边朋友说1395，我也是吗": the other region is asked
            # about in passing; the person's own stays theirs
            region_id, area = context.region_id, context.area
        # "上海交的社保" then "余姚的", or "那宁波的标准能参考吗": the insured place holds
        # until another is told
        insured = plan.insured_elsewhere or (None if plan.insured_at else context.insured_elsewhere)
        aside_insured = context.aside_insured
        aside_region, aside_area = context.aside_region, context.aside_area
        if person != context.person:
            # "我在杭州参保" is the son's, not his mother's: the place goes with its case
            back = context.aside == person
            insured = plan.insured_elsewhere or (context.aside_insured if back else None)
            aside_insured = context.insured_elsewhere
            if back and context.aside_region and not plan.names_place:
                # "那我儿子那边呢": his case comes back with his place
                region_id, area = context.aside_region, context.aside_area
            aside_region, aside_area = context.region_id, context.area
        return replace(
            context,
            region_id=region_id,
            area=area,
            benefit_id=_benefit_wanted(plan) or context.benefit_id,
            facts=facts,
            person=person,
            own=own,
            aside=aside,
            aside_insured=aside_insured,
            aside_region=aside_region,
            aside_area=aside_area,
            insured_elsewhere=insured,
            insured_at=plan.insured_at or context.insured_at,
            # a new place insured without a district forgets the old district
            insured_area=plan.insured_area
            or (
                None if plan.insured_at not in (None, context.insured_at) else context.insured_area
            ),
            requested=None,
        )

    def asks_for(self, plan: Plan, context: Context, updated: Context) -> Tuple[List[Ask], bool]:
        """The questions to answer now, and whether the person asked them in this message.

        A message that only informs (a place, a fact, another person, a correction)
        answers the questions waiting for it, else asks the last questions again.
        """
        asks = list(plan.asks)
        explicit = bool(asks) and plan.own_words
        waiting = [a for a in (Ask.from_key(k) for k in context.pending) if a is not None]
        answers_request = context.requested is not None and (
            context.requested in _told_names(plan.told) or plan.yes_no is not None
        )
        if answers_request and waiting:
            asks = [a for a in waiting if a not in asks] + asks
        elif not asks and (
            (plan.informs and (plan.news or "restated" in plan.acts))
            or "place_correction" in plan.acts
            or "repeat" in plan.acts
            # "那1月20号去呢": the last question again, for that day of going
            or plan.going_on is not None
        ):
            last = [a for a in (Ask.from_key(k) for k in context.last) if a is not None]
            if not last and context.topic in BY_NAME:
                last = [Ask(TOPIC, context.topic)]
            asks = waiting or last
            personal = [a for a in asks if a.kind == TOPIC and a.name in _CASE_TOPICS]
            if plan.person not in (None, context.person) and _tells_a_case(plan) and not waiting:
                # "那我老婆交了1年半呢": the same question of their case; "那我呢 我是11月
                # 20号被辞退的" after a question about the guide: their verdict
                asks = personal
            elif not plan.supposed.is_empty() and not waiting:
                # "要是我干满3年呢" after the deadline: what the supposed fact changes
                asks = _supposed_asks(plan.supposed, asks)
            explicit = "repeat" in plan.acts
        if _tells_a_case(plan) and (not asks or _only_how(asks)):
            # "宁波交了一年半，被裁了": a person describing their case wants a verdict;
            # "合同到期如何拿失业金": where they stand first, then how
            asks = [Ask(TOPIC, VERDICT_TOPIC, personal=True, detail=IMPLIED), *asks]
        supposed = replace(updated, facts=updated.facts.merged(plan.supposed))
        asks = [self._routed(ask, plan, context, supposed) for ask in asks]
        personal = bool(plan.informs or answers_request or not plan.own_words)
        asks = [
            replace(ask, personal=True)
            if ask.kind == TOPIC and ask.name == VERDICT_TOPIC and personal and _has_case(updated)
            else ask
            for ask in asks
        ]
        routed = {
            q.topic
            for q in self.kb.questions
            if q.topic and any(a.kind == QUESTION and a.name == q.id for a in asks)
        }
        asks = [a for a in asks if not (a.kind == TOPIC and a.name in routed)]
        return _without_uncomputable(_distinct(asks), updated), explicit

    def _routed(self, ask: Ask, plan: Plan, context: Context, updated: Context) -> Ask:
        """The question as answered: a topic where it answers better, the allowance for a migrant.

        A precise question goes to a topic where the region has that topic's section; the
        amount or duration a migrant worker asks is the migrant workers' allowance.
        """
        if ask.kind == QUESTION and ask.name == AFTER_EXPIRY and updated.facts.insurance_expired:
            # "失业金领完了 还能领什么": what the guide gives those whose benefit ran out
            return Ask(TOPIC, VERDICT_TOPIC, personal=True)
        if ask.kind == QUESTION and updated.region_id in self.kb.regions:
            question = next((q for q in self.kb.questions if q.id == ask.name), None)
            region = self.kb.regions[updated.region_id].region
            if question is not None and question.topic and question.section:
                if any(getattr(b, question.section, None) for b in region.benefits):
                    return Ask(TOPIC, question.topic)
        if ask.kind != TOPIC:
            return ask
        if (
            ask.name == "online"
            and ask.detail.startswith(STEP)
            and updated.region_id in self.kb.regions
            and not any(b.channels for b in self.kb.regions[updated.region_id].region.benefits)
        ):
            # "第一步该干嘛" where the guide has no online steps: its steps of applying
            return Ask(TOPIC, "process", detail=STEPS_ONLY)
        named = plan.benefit
        if (
            ask.name in (*MIGRANT_FOLLOW_UPS, VERDICT_TOPIC, MIGRANT_TOPIC)
            and named == INSURANCE
            and updated.facts.hukou in RURAL_HUKOU
            and plan.supposed.is_empty()
            and _has_benefit(self.kb, updated.region_id, MIGRANT_BENEFIT)
        ):
            # "农民工能不能按月领失业金": the guide gives a rural contract worker the
            # one-time allowance; said so, then answered for it
            return Ask(TOPIC, MIGRANT_TOPIC, personal=ask.personal, detail=INSTEAD)
        if ask.name in MIGRANT_FOLLOW_UPS:
            if named == MIGRANT_BENEFIT or (context.topic == MIGRANT_TOPIC and not named):
                return replace(ask, name=MIGRANT_TOPIC)
            if (
                is_migrant(updated.facts)
                and named is None
                and updated.benefit_id
                in (
                    None,
                    MIGRANT_BENEFIT,
                )
            ):
                return replace(ask, name=MIGRANT_TOPIC)
        if ask.name == MIGRANT_TOPIC and named not in (None, MIGRANT_BENEFIT):
            # "在厂里干了三年，能拿失业金不": a named benefit outweighs a guessed intent
            return Ask(TOPIC, VERDICT_TOPIC, personal=True)
        if (
            ask.name == MIGRANT_TOPIC
            and not plan.own_words
            and named is None
            and not is_migrant(updated.facts)
            and _tells_a_case(plan)
        ):
            # "在北仑厂里打工，合同到期了，交了一年半": a case told, nothing says rural
            # contract worker; the guessed intent does not make one
            return Ask(TOPIC, VERDICT_TOPIC, personal=True, detail=IMPLIED)
        return ask

    # -- answering -----------------------------------------------------------------------

    def compose(
        self, context: Context, plan: Plan, asks: Sequence[Ask], explicit: bool
    ) -> Tuple[List[Tuple[Optional[Ask], List[Reply]]], List[Ask]]:
        """One part per question, in order; and the questions left waiting for a place."""
        query = plan.places
        if query.uncovered and not (query.regions or query.areas or query.ambiguous):
            return [(None, clarify.uncovered(self.guide, query.uncovered[0]))], list(asks)
        if query.ambiguous and not query.areas:
            return [(None, clarify.ambiguous(self.guide, *query.ambiguous[0]))], list(asks)
        regions = self._regions(context, plan)
        parts: List[Tuple[Optional[Ask], List[Reply]]] = []
        waiting: List[Ask] = []
        emitted: set = set()
        elsewhere_said = False
        compared: set = set()
        for ask in asks:
            if self._needs_region(ask) and not regions:
                waiting.append(ask)
                continue
            for region_id in regions if self._needs_region(ask) else [context.region_id]:
                local = context
                if region_id != context.region_id:
                    # another region named in passing: its guide's answer, not the person's
                    # case (their facts belong to their own region)
                    local = replace(
                        context,
                        region_id=region_id,
                        area=None,
                        facts=Facts(),
                        person=None,
                        benefit_id=None,
                        passing=True,
                    )
                data = self.kb.regions[region_id] if region_id else None
                if data is not None and context.insured_elsewhere and not elsewhere_said:
                    note = [self._elsewhere(data, context)]
                    # "杭州交的社保能不能在慈溪领": the note is the answer, said again
                    asked = any(a.kind == QUESTION and a.name == WHERE_QUESTION for a in plan.asks)
                    said = note if asked else self._unrepeated(note, context, ask, False, emitted)
                    if not said and ask.kind != QUESTION and ask.name in LOCAL_TOPICS:
                        # the note was sent before: a line, that this list is for the
                        # region's own insured ("北京交的", then "要带啥材料")
                        values = {"region": data.region.name, "insured": context.insured_elsewhere}
                        said = [Reply("utter_insured_elsewhere_again", values)]
                    parts.append((None, said))
                    elsewhere_said = True
                    if asked and ask.kind == QUESTION and ask.name == WHERE_QUESTION:
                        # "能在宁波领吗" from someone insured in 杭州: the note is the answer;
                        # the region's own filing rule would read as a yes
                        continue
                if ask.detail == IMPLIED and data is not None and not _has_conditions(data):
                    # a verdict nobody asked for, where the guide has no conditions: nothing
                    continue
                part = self.answer(ask, data, local)
                if local.passing and context.region_id and region_id not in compared:
                    # "宁波是1395，昆明也差不多吧": the other guide's words, marked as theirs
                    compared.add(region_id)
                    part = [self._compared(region_id, context.region_id), *part]
                # said whole when asked again, or when a fact told now is to be checked
                # against it ("阿拉59岁还算不算")
                whole = "repeat" in plan.acts or not plan.told.is_empty()
                part = restated(part, context.sent, again=whole)
                parts.append((ask, self._unrepeated(part, context, ask, explicit, emitted)))
        if waiting:
            parts.append((None, clarify.ask_region(self.guide)))
        return parts, waiting

    def answer(self, ask: Ask, data: Optional[RegionData], context: Context) -> List[Reply]:
        """The part of the reply that answers one question."""
        if ask.kind == QUESTION:
            return answer_question(self.answering, data, context, ask)
        if ask.kind == DOCUMENT:
            assert data is not None
            return answer_document(self.answering, data, context, ask)
        topic = BY_NAME[ask.name]
        if ask.detail == INSTEAD and data is not None:
            benefits = {b.id: b.name for b in data.region.benefits}
            note = Reply(
                "utter_migrant_instead",
                {
                    "region": data.region.name,
                    "allowance": benefits.get(MIGRANT_BENEFIT, ""),
                    "insurance": benefits.get(INSURANCE, ""),
                },
            )
            return [note, *topic.handler(self.answering, data, context, topic)]
        local = replace(
            context, topic=topic.name, wants_verdict=ask.personal, worked=ask.detail == WORKED
        )
        replies = topic.handler(self.answering, data, local, topic)
        if ask.detail.startswith(CARD):
            # "地址电话和上班时间": one card, and what of it the guide does not give
            asked = ask.detail[len(CARD) :].split(",")
            replies = [
                office_card_reply(self.answering, r, asked) if r.response in OFFICE_DETAILS else r
                for r in replies
            ]
        if ask.detail.startswith(GUESS_CHECK) and data is not None:
            guessed = ask.detail[len(GUESS_CHECK) :]
            if ask.name == "documents":
                # "照片要两寸的对吧": that item, right or wrong, and not the whole list
                item = document_check(self.guide, data, guessed)
                replies = [item] if item is not None else replies
            elif ask.name in FIGURE_TOPICS:
                # "1月14号前去对吧", "一次拿2790左右": the figure worked out, right or wrong
                checked = figure_check(self.answering, replies, guessed)
                # the lines beside the answer stay ("⚠️ 您59岁…满60周岁前")
                lines = [r for r in replies if r.response.startswith("utter_line_")]
                replies = [checked, *lines] if checked is not None else replies
            else:
                # "电话是67163740对吧", "是农业银行发吧": right or wrong first
                checked = guess_check(self.guide, data, context, ask.name, guessed)
                replies = [checked, *replies] if checked is not None else replies
        if ask.detail.startswith(ADDRESS_CHECK) and data is not None:
            # "所以我是去鹿城学院中路那个对吧": yes or no first, then the card
            road = ask.detail[len(ADDRESS_CHECK) :]
            replies = [address_check(self.guide, data, context, road), *replies]
        if ask.detail in ("on_site", "online"):
            # one way of applying asked: that list (and the notes), if the guide has it
            wanted = f"utter_documents_{ask.detail}"
            if any(r.response == wanted for r in replies):
                others = {"utter_documents_on_site", "utter_documents_online"} - {wanted}
                replies = [r for r in replies if r.response not in others]
            elif data is not None and any(
                r.response.startswith("utter_documents_") for r in replies
            ):
                # "网上要准备什么材料" where the guide lists only what to bring: say so
                way = self.answering.phrases.text(f"utter_way_{ask.detail}")
                note = {"guide": data.region.guide.title, "way": way}
                replies = [Reply("utter_documents_way_missing", note), *replies]
        if ask.detail == OFF_HOURS:
            # "周六开门吗": the hours, and that the guide lists no others
            replies = [
                replace(r, response="utter_office_hours_off")
                if r.response == "utter_office_hours"
                else r
                for r in replies
            ]
        if ask.detail.startswith(FIND_STEP) and data is not None:
            # "银行卡号在第几步填": the first step that names it, else all the steps
            words = ask.detail[len(FIND_STEP) :].split(",")
            return _one_step(replies, [lambda line, w=word: w in line for word in words])
        if ask.detail.startswith(NEXT_STEP) and data is not None:
            # "关注好了 下一步呢": the line after the first that names what was done
            words = ask.detail[len(NEXT_STEP) :].split(",")
            return _one_step(replies, [lambda line: any(w in line for w in words)], after=1)
        if ask.detail.startswith(STEP) and ask.detail[len(STEP) :].isdigit() and data is not None:
            # "第7步是啥": that line of the steps, if the guide numbers that many
            number = ask.detail[len(STEP) :]
            return _one_step(replies, [lambda line: line.startswith(f"{number}. ")])
        if ask.detail == "yes_no" and len(replies) > 1:
            # "能网上申请吗": the channels answer it; the steps are for "怎么申请"
            return replies[:1]
        if ask.detail in ("steps", STEPS_ONLY) and data is not None:
            # "申领流程": the steps too, where the answer does not have them yet
            benefit, _ = self.guide.benefit(data, context.benefit_id, "steps")
            if benefit is not None and not any(r.response == "utter_steps" for r in replies):
                # an online-only "where" is the steps' summary: the steps replace it
                online = [r for r in replies if r.response == "utter_process_online"]
                replies = [r for r in replies if r not in online] + steps(self.guide, data, benefit)
            if ask.detail == STEPS_ONLY:
                replies = [r for r in replies if r.response == "utter_steps"] or replies
        return replies

    def _needs_region(self, ask: Ask) -> bool:
        if ask.kind == QUESTION:
            return needs_region(self.kb, ask.name)
        if ask.kind == DOCUMENT:
            return True
        return BY_NAME[ask.name].needs_region

    def _regions(self, context: Context, plan: Plan) -> List[str]:
        """The regions to answer for: the conversation's, and others this message names."""
        named = list(dict.fromkeys(plan.places.regions + [a.region_id for a in plan.places.areas]))
        regions = [context.region_id] if context.region_id else []
        regions += [r for r in named if r not in regions]
        return regions[:MAX_REGIONS]

    def _compared(self, other: str, own: str) -> Reply:
        """The line that marks another region's answer as not the person's."""
        regions = self.kb.regions
        names = {"other": regions[other].region.name, "own": regions[own].region.name}
        return Reply("utter_other_region_only", names)

    def _elsewhere(self, data: RegionData, context: Context) -> Reply:
        """Insured in a place without a guide, asking about a covered one."""
        platform = self.kb.national.platform
        values = {
            "insured": context.insured_elsewhere or "",
            "region": data.region.name,
            "platform_name": platform.name,
            "platform_url": platform.url,
            "hotline": self.guide.hotline(),
            "contact": self.guide.contact_values(data, context)["contact"],
        }
        point = next(
            (p for b in data.region.benefits for p in b.points if p.id == ELSEWHERE_POINT), None
        )
        if point is not None:
            # "到失业保险最后参保地…申领": what the region's guide does say
            values["rule"] = point.text
            values["source"] = self.guide.citations.cite(data.region.guide.file, point.section)
            return Reply("utter_insured_elsewhere_rule", values)
        return Reply("utter_insured_elsewhere", values)

    def _unrepeated(
        self, part: List[Reply], context: Context, ask: Ask, explicit: bool, emitted: set
    ) -> List[Reply]:
        """A part less the long blocks already sent: referred to, or left out if secondary.

        A block this very reply already has (two questions answered by one section) is
        left out; ``emitted`` collects the blocks of this reply.
        """
        kept: List[Reply] = []
        part = [
            reply
            for reply in part
            if not (reply.response in PREFACES and block_of(reply) in context.sent)
        ]
        for index, reply in enumerate(part):
            block = block_of(reply)
            if block is not None and block in emitted:
                continue
            if block is not None:
                emitted.add(block)
            if block is None or block not in context.sent:
                kept.append(reply)
            elif kept and kept[-1].response in INTRODUCERS:
                # "……下面是指南列出的：" with its list already sent: point up, not down
                kept[-1] = replace(kept[-1], response=INTRODUCERS[kept[-1].response])
            elif index == 0 and explicit:
                kept.append(reply)
            elif index == 0:
                what = question_label(self.kb, ask)
                kept.append(Reply("utter_already_sent", {"what": what}))
        return kept

    def _only_other_benefit(self, plan: Plan, context: Context) -> Optional[List[Reply]]:
        """Say plainly that the guide lacks the benefit asked for ("不是补助金", not its other one).

        The guide's other benefit, ruled out in words, is not sent in its place.
        """
        data = self.kb.regions.get(context.region_id or "")
        if data is None or plan.benefit is None or plan.benefit_denied is None:
            return None
        covered = [b.id for b in data.region.benefits]
        if plan.benefit in covered or plan.benefit_denied not in covered:
            return None
        values = {
            "region": data.region.name,
            "wanted": self.guide.national_names.get(plan.benefit, plan.benefit),
            "covered": "、".join(b.name for b in data.region.benefits),
            "hotline": self.guide.hotline(),
            **self.guide.contact_values(data, context),
        }
        return [Reply("utter_benefit_only_other", values)]

    def _which(self, tied: Sequence[str]) -> Optional[List[Reply]]:
        """Two close readings: ask which one is meant, unless one answer serves both."""
        first, second = tied[0], tied[1]
        if {first, second} <= COMPATIBLE or first not in BY_NAME or second not in BY_NAME:
            return None
        labels = [question_label(self.kb, Ask(TOPIC, name)) for name in (first, second)]
        buttons = tuple(
            Button(label, BY_NAME[name].intents[0])
            for label, name in zip(labels, (first, second), strict=True)
        )
        return [Reply("utter_which_question", {"first": labels[0], "second": labels[1]}, buttons)]

    def _without_questions(
        self, plan: Plan, context: Context, updated: Context
    ) -> Tuple[Context, List[Reply]]:
        """A message that asks nothing: a place noted, thanks, goodbye, a complaint."""
        stored = updated.stored()
        acted = plan.acts - {"place_correction"}
        if (plan.names_place and (plan.news or not acted)) or "place_correction" in plan.acts:
            query = plan.places
            if query.uncovered and not (query.regions or query.areas or query.ambiguous):
                return stored, clarify.uncovered(self.guide, query.uncovered[0])
            if query.ambiguous and not query.areas:
                return stored, clarify.ambiguous(self.guide, *query.ambiguous[0])
            if updated.region_id is None:
                return stored, clarify.ask_region(self.guide)
            return stored, clarify.noted(self.guide, updated)
        if "greet" in plan.acts:
            regions = self.guide.region_names()
            return stored, [Reply("utter_greet", {"regions": regions}, menu_buttons())]
        for act, response in ACT_REPLIES:
            if act in plan.acts:
                return stored, [self._act_reply(response, updated)]
        if plan.yes_no is not None:
            return replace(stored, requested=None), [Reply(YES_NO_REPLIES[plan.yes_no])]
        if not plan.told.is_empty():
            return stored, clarify.noted(self.guide, updated)
        return stored, [Reply("utter_default")]

    def _act_reply(self, response: str, context: Context) -> Reply:
        if response == "utter_recap":
            return Reply(response, {"facts": recap(self.answering, context)})
        if response not in ("utter_complaint", "utter_hotline_is", "utter_answered_above"):
            return Reply(response)
        # a complaint never ends the conversation: say who can answer, and ask again
        data = self.kb.regions.get(context.region_id or "")
        if data is None and response == "utter_answered_above":
            return Reply("utter_answered_above_anywhere", {"hotline": self.guide.hotline()})
        if data is None:
            return Reply(
                response, {"contact": self.guide.hotline(), "hotline": self.guide.hotline()}
            )
        contact = self.guide.contact_values(data, context)
        return Reply(response, {"contact": contact["contact"], "hotline": self.guide.hotline()})


def _without_repeated_total(replies: List[Reply]) -> List[Reply]:
    """The replies less a total that a duration reply beside them already states.

    "能领几个月，一共多少钱": one reply has both.
    """
    with_total = any(
        r.response == "utter_duration_result" and r.values.get("total_line") for r in replies
    )
    if not with_total:
        return replies
    return [r for r in replies if r.response != "utter_amount_total"]


def _distinct_replies(replies: List[Reply]) -> List[Reply]:
    """The replies less one said a second time in the same turn (two questions, one answer)."""
    seen, kept = set(), []
    for reply in replies:
        key = (reply.response, repr(sorted(reply.values.items())))
        if key not in seen:
            seen.add(key)
            kept.append(reply)
    return kept


def _without_repeated_office(replies: List[Reply]) -> List[Reply]:
    """The replies less an office's phone or address line where its whole card is shown."""
    cards = {r.values.get("card") for r in replies if r.response in CARD_REPLIES}
    return [
        r
        for r in replies
        if not (
            r.response in ("utter_office_phone", "utter_office_address")
            and r.values.get("card") in cards
        )
    ]


def _has_conditions(data: RegionData) -> bool:
    """Whether the region's guide states conditions for any of its benefits."""
    return any(b.conditions or b.eligibility for b in data.region.benefits)


def block_of(reply: Reply) -> Optional[str]:
    """The key of a long block (a list of steps, documents, conditions), else None.

    Two responses that show the same block (the online channels, on their own or after
    where to apply) have one key.
    """
    if reply.response not in BLOCK_RESPONSES and reply.response not in PREFACES:
        return None
    digest = hashlib.sha1(repr(sorted(reply.values.items())).encode("utf-8")).hexdigest()[:10]
    return f"{SAME_BLOCK.get(reply.response, reply.response)}:{digest}"


def _has_benefit(knowledge: KnowledgeBase, region_id: Optional[str], benefit: str) -> bool:
    data = knowledge.regions.get(region_id or "")
    return data is not None and any(b.id == benefit for b in data.region.benefits)


def fingerprint(replies: Sequence[Reply]) -> str:
    """A short key of a whole reply (its responses and their values)."""
    shown = repr([(r.response, sorted(r.values.items())) for r in replies])
    return hashlib.sha1(shown.encode("utf-8")).hexdigest()[:10]


def _may_not_echo(plan: Plan, replies: Sequence[Reply]) -> bool:
    """Whether the same reply as last turn would answer a new question in vain.

    Not when asked again ("再发一遍"), when new facts were told (the same verdict holds),
    or when the reply asks for something (the place is still wanted).
    """
    return (
        plan.own_words
        and "repeat" not in plan.acts
        and not plan.informs
        and not any(r.asks or r.response.startswith("utter_ask_") for r in replies)
    )


def _benefit_wanted(plan: Plan) -> Optional[str]:
    """The benefit the message asks about: not the one it says ran out ("失业金领完了")."""
    if plan.benefit == INSURANCE and plan.told.insurance_expired:
        return None
    return plan.benefit


def _sent(sent: Tuple[str, ...], replies: Sequence[Reply]) -> Tuple[str, ...]:
    """What the conversation has been sent, with this reply's blocks and verdicts last."""
    keys = [block_of(r) for r in replies] + [key for r in replies for key in verdict_keys(r)]
    fresh = list(dict.fromkeys(key for key in keys if key))
    return (*(key for key in sent if key not in fresh), *fresh)[-MAX_SENT:]


def _told_names(facts: Facts) -> List[str]:
    """Names of the facts told, as the ``requested`` slot names them."""
    names = set()
    for name in facts.told():
        if name.startswith("contribution"):
            names.add("contribution")
        elif name.startswith("continuous"):
            names.add("continuous_work")
        elif name.startswith("age"):
            names.add("age")
        else:
            names.add(name)
    return sorted(names)


def _one_step(
    replies: List[Reply], tests: Sequence[Callable[[str], bool]], after: int = 0
) -> List[Reply]:
    """The first line of the steps that passes the first test one passes, else the steps.

    Steps are numbered lines ("5. 填写相关信息：…") of an ``utter_steps`` reply; with
    ``after``, the line that many steps later (if there is one).
    """
    listed = [r for r in replies if r.response == "utter_steps"]
    for reply in listed:
        lines = [x for x in reply.values.get("steps", "").split("\n") if ". " in x]
        for test in tests:
            index = next((i for i, x in enumerate(lines) if test(x)), None)
            if index is not None and index + after < len(lines):
                number, _, step = lines[index + after].partition(". ")
                return [Reply("utter_step_one", {**reply.values, "step": step, "number": number})]
    return listed or replies


# The topics whose answer depends on whose case it is.
_CASE_TOPICS = frozenset({"conditions", "amount", "duration", "deadline", "migrant"})
# The topics a fact bears on: a case supposed asks again only what it changes.
_BEARS_ON = {
    "contribution": ("conditions", "amount", "duration", "migrant"),
    "continuous": ("conditions", "migrant"),
    "separation": ("conditions", "migrant"),
    "age": ("conditions",),
    "gender": ("conditions",),
    "left_on": ("conditions", "deadline"),
    "insurance_expired": ("conditions",),
    "hukou": ("conditions", "migrant", "process", "documents"),
    "work_kind": ("conditions", "migrant", "process", "documents"),
}


def _supposed_asks(supposed: Facts, last: List[Ask]) -> List[Ask]:
    """The earlier questions a supposed case changes; else its amount or its verdict."""
    topics = {
        topic
        for name in supposed.told()
        for fact, bears in _BEARS_ON.items()
        if name.startswith(fact)
        for topic in bears
    }
    kept = [a for a in last if a.kind == TOPIC and a.name in topics]
    if kept and "amount" in topics and not any(a.name in ("amount", "duration") for a in kept):
        # "要是我交满4年呢" after a verdict: the verdict then, and what it would pay
        return [*kept, Ask(TOPIC, "amount")]
    if kept:
        return kept
    if "amount" in topics:
        return [Ask(TOPIC, "amount")]
    return [Ask(TOPIC, VERDICT_TOPIC, personal=True)]


def _tells_a_case(plan: Plan) -> bool:
    """Whether a message tells enough of a case to judge (time paid or how the job ended)."""
    told = {**plan.told.told(), **plan.supposed.told()}
    # "失业金2020年6月领完的": that it ran out decides the subsidy (吉林 二)
    return any(name.startswith(("contribution", "continuous")) for name in told) or bool(
        {"separation", "insurance_expired"} & set(told)
    )


def _only_how(asks: Sequence[Ask]) -> bool:
    """Whether the questions only ask how or where to apply."""
    return all(ask.kind == TOPIC and ask.name in HOW_TOPICS for ask in asks)


def _has_case(context: Context) -> bool:
    return not context.facts.is_empty() or context.person is not None


def _distinct(asks: Sequence[Ask]) -> List[Ask]:
    """The questions once each; a guess checked stays beside the same topic's card."""
    result: List[Ask] = []
    for ask in asks:
        checked = ask.detail.startswith(GUESS_CHECK)
        others = [a for a in result if not a.detail.startswith(GUESS_CHECK)]
        if checked or all((a.kind, a.name) != (ask.kind, ask.name) for a in others):
            result.append(ask)
    return result


def _without_uncomputable(asks: List[Ask], context: Context) -> List[Ask]:
    """Several questions, less a computed one that a verdict beside it already asks for."""
    verdict = any(ask.kind == TOPIC and ask.name == VERDICT_TOPIC and ask.personal for ask in asks)
    if len(asks) < 2 or not verdict or context.contribution_months is not None:
        return asks
    return [ask for ask in asks if not (ask.kind == TOPIC and ask.name in COMPUTED_TOPICS)]
