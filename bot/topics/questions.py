"""Precise questions (``knowledge/questions.yml``): the guide's short answer, or plainly none.

A region's ``points`` answer the questions its guide answers. For any other region the
reply says that its guide does not say this, naming the question, and who can answer for
this person. A question that no guide answers needs no region: it is answered at once.
"""

from __future__ import annotations

from typing import List, Optional

from bot.dialogue.context import MIGRANT_BENEFIT, Context, is_migrant
from bot.dialogue.plan import QUESTION, Ask
from bot.knowledge.loader import KnowledgeBase, RegionData
from bot.knowledge.model import Benefit, Point
from bot.replies import Reply
from bot.topics.sections import answer_process, where_case
from bot.topics.topic import Answering

QUESTION_RESPONSES = (
    "utter_point",
    "utter_point_partial",
    "utter_question_not_in_guide",
    "utter_question_no_guide",
    "utter_office_card",
    "utter_process_case",
    "utter_where_claim_not_there",
    "utter_where_claim_there",
    "utter_choose_place_yours",
)


# The precise question of where to claim: answered by the guide's rule for the person's case
# where it has one.
WHERE_CLAIM = "where_claim"
# The point of a guide that names the place to claim for someone insured elsewhere.
INSURED_ELSEWHERE = "insured_elsewhere"
# "第7步参保地选哪个": the place to choose online.
CHOOSE_PLACE = "choose_place"


def points_of(data: RegionData, question: str, preferred: Optional[str]) -> List[tuple]:
    """(benefit, point) pairs of a region answering ``question``, the preferred benefit first."""
    benefits = sorted(data.region.benefits, key=lambda b: b.id != preferred)
    return [(b, p) for b in benefits for p in b.points if p.id == question]


def needs_region(kb: KnowledgeBase, question: str) -> bool:
    """Whether some guide answers ``question`` (so the region decides the answer)."""
    return any(points_of(data, question, None) for data in kb.regions.values())


def question_label(kb: KnowledgeBase, ask: Ask) -> str:
    """How a reply names the question an ask asks."""
    if ask.kind == QUESTION:
        return next((q.label for q in kb.questions if q.id == ask.name), ask.name)
    if ask.kind == "document":
        term = kb.case_terms.documents.get(ask.name)
        return term.label if term else ask.name
    return kb.topic_labels.get(ask.name, ask.name)


def answer_question(
    answering: Answering, data: Optional[RegionData], context: Context, ask: Ask
) -> List[Reply]:
    """The region's point on the question, else an honest "the guide does not say"."""
    guide = answering.guide
    label = question_label(guide.kb, ask)
    if data is None:
        values = {"question": label, "regions": guide.region_names(), "hotline": guide.hotline()}
        return [Reply("utter_question_no_guide", values)]
    if ask.name == WHERE_CLAIM and where_case(guide, data, context) is not None:
        # "我江北本地户口，去街道还是区里": the guide's rule for this kind of person
        replies = answer_process(answering, data, context, answering.topics["process"])
        return replies + _own_place(answering, data, context, ask)
    # a rural contract worker's question is about the allowance the guide gives them
    preferred = context.benefit_id or (MIGRANT_BENEFIT if is_migrant(context.facts) else None)
    found = points_of(data, ask.name, preferred)
    if not found:
        values = {"guide": guide.titled(data), "region": data.region.name, "question": label}
        values.update(guide.contact_values(data, context))
        return [Reply("utter_question_not_in_guide", values)]
    benefit, point = found[0]
    values = point_values(answering, data, context, benefit, point)
    if point.partial:
        values.update(guide.contact_values(data, context))
    replies = [Reply("utter_point_partial" if point.partial else "utter_point", values)]
    own = _own_place(answering, data, context, ask)
    office = guide.office(data, ask.place) if ask.place else None
    if not own and office is not None and office.area == ask.place:
        # "那瑞安不能办吗": the rule, then the office of the place asked about
        replies.append(Reply("utter_office_card", {"card": guide.card(data.region.id, office)}))
    return replies + own


def _own_place(answering: Answering, data: RegionData, context: Context, ask: Ask) -> List[Reply]:
    """The rule of where to claim applied to the place the person said they are insured.

    Insured in 瓯海, "能不能在鹿城办": not there; "选龙湾还是瑞安": the one they named.
    """
    guide = answering.guide
    # only a district they said they are insured in: where they live is not it
    own = guide.office(data, context.insured_area) if context.insured_area else None
    ruled = any(p.id == INSURED_ELSEWHERE for b in data.region.benefits for p in b.points)
    if own is None or not ruled or context.insured_at != data.region.id:
        return []
    card = guide.card(data.region.id, own)
    if ask.name == CHOOSE_PLACE:
        return [Reply("utter_choose_place_yours", {"own": own.area})]
    office = guide.office(data, ask.place) if ask.place else None
    if ask.name != WHERE_CLAIM or office is None:
        return []
    values = {"asked": office.area, "own": own.area, "card": card}
    there = "there" if own.area == office.area else "not_there"
    return [Reply(f"utter_where_claim_{there}", values)]


def point_values(
    answering: Answering, data: RegionData, context: Context, benefit: Benefit, point: Point
) -> dict:
    """The values of a point's reply: its text (with the person's office where it has one)."""
    guide = answering.guide
    values = guide.benefit_values(data, benefit, point.section)
    office = guide.office(data, context.area) if context.area else None
    if point.office_text and office is not None and office.area == context.area:
        values["detail"] = point.office_text.format(office=office.name, bank=office.bank or "")
    else:
        values["detail"] = point.text
    return values
