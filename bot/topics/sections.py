"""Answers read from one section of a region's guide, chosen and rendered by the registry.

A topic record names its section (an attribute of ``Benefit``) and a ``render``
function; :func:`answer_section` picks the benefit, falls back to the topic that
answers the same need where a guide lacks the section, and adds the office card
when the context names an area.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

from bot.dialogue.context import Context
from bot.formatting import bullets, chunks, document_line, numbered
from bot.knowledge.loader import RegionData
from bot.knowledge.model import Benefit, Case, case_value
from bot.person.facts import Facts
from bot.replies import Reply
from bot.topics.guide import INSURANCE, SUBSIDY, Guide
from bot.topics.topic import Answering, Render, Topic

SECTION_EXTRAS = (
    "utter_not_in_guide",
    "utter_question_not_in_guide",
    "utter_benefit_not_in_guide",
    "utter_benefit_procedure_shared",
    "utter_office_card",
)


def answer_section(
    answering: Answering, data: Optional[RegionData], context: Context, topic: Topic
) -> List[Reply]:
    """Answer a topic from the matching section of the region's guide."""
    assert data is not None
    guide = answering.guide
    benefit, preface = guide.benefit(data, context.benefit_id, topic.section or "")
    answered = topic
    if benefit is None and topic.fallback:
        answered = answering.topics[topic.fallback]
        benefit, preface = guide.benefit(data, context.benefit_id, answered.section or "")
        if benefit is not None and topic.fallback_note:
            # "宁波能网上申请吗": the guide has no online channel; say so, then what it has
            note = {"region": data.region.name, "guide": data.region.guide.title}
            preface = [Reply(topic.fallback_note, note), *preface]
    if benefit is None or answered.render is None:
        return preface + guide.not_in_guide(data, context)
    replies = preface + answered.render(guide, data, benefit, answered)
    office = guide.office(data, context.area) if context.area else None
    ask_area = "" if office else answering.phrases.text("utter_line_ask_area")
    replies = [
        replace(r, values={**r.values, "ask_area": ask_area})
        if r.response == "utter_process"
        else r
        for r in replies
    ]
    if office is not None and (answered.appends_office or topic.appends_office):
        replies.append(Reply("utter_office_card", {"card": guide.card(data.region.id, office)}))
    return replies


def single(values: Callable[[Any], Dict[str, str]]) -> Render:
    """A render that sends the topic's first response, filled from its section by ``values``."""

    def render(guide: Guide, data: RegionData, benefit: Benefit, topic: Topic) -> List[Reply]:
        section = topic.section_of(benefit)
        filled = {**guide.benefit_values(data, benefit, section.section), **values(section)}
        return [Reply(topic.responses[0], filled)]

    return render


def conditions_values(section: Any) -> Dict[str, str]:
    """Values of the conditions reply."""
    return {
        "intro": section.intro or "",
        "items": numbered(section.items),
        "notes": bullets(section.notes, lead="\n\n"),
    }


def amount_values(section: Any) -> Dict[str, str]:
    """Values of the monthly-amount reply."""
    return {
        "detail": section.text,
        "monthly": str(section.monthly_yuan or ""),
        "effective": section.effective or "",
        "offer": "",
    }


def text_values(section: Any) -> Dict[str, str]:
    """Values of a reply that quotes a section's text."""
    return {"detail": section.text or ""}


def forms_values(section: Any) -> Dict[str, str]:
    """Values of the forms reply: the forms and where to download them."""
    urls = list(dict.fromkeys(form.url for form in section.items))
    return {"forms": numbered(form.name for form in section.items), "urls": "\n".join(urls)}


def render_documents(guide: Guide, data: RegionData, benefit: Benefit, topic: Topic) -> List[Reply]:
    """Documents to upload online and to bring, then the notes."""
    documents = benefit.documents
    assert documents is not None
    values = guide.benefit_values(data, benefit, documents.section)
    replies = [
        Reply(f"utter_documents_{kind}", {**values, "items": numbered(map(document_line, items))})
        for kind, items in (("online", documents.online), ("on_site", documents.on_site))
        if items
    ]
    notes = bullets(documents.notes, lead="")
    if notes:
        replies.append(Reply("utter_documents_notes", {**values, "notes": notes}))
    return replies


def channel_values(guide: Guide, data: RegionData, benefit: Benefit) -> Dict[str, str]:
    """Values of a reply listing the benefit's online channels, one bullet each."""
    channels = benefit.channels
    assert channels is not None
    values = guide.benefit_values(data, benefit, channels.section)
    values["channels"] = bullets(
        (f"{c.name}：{c.url}" if c.url else c.name for c in channels.items), lead=""
    )
    return values


def steps(guide: Guide, data: RegionData, benefit: Benefit) -> List[Reply]:
    """The numbered steps, in messages short enough for a phone."""
    section = benefit.steps
    assert section is not None
    values = guide.benefit_values(data, benefit, section.section)
    lines = numbered(section.items).split("\n")
    return [Reply("utter_steps", {**values, "steps": "\n".join(group)}) for group in chunks(lines)]


def render_online(guide: Guide, data: RegionData, benefit: Benefit, topic: Topic) -> List[Reply]:
    """The online channels, then the steps."""
    replies = [Reply("utter_online_channels", channel_values(guide, data, benefit))]
    return replies + (steps(guide, data, benefit) if benefit.steps else [])


def render_process(guide: Guide, data: RegionData, benefit: Benefit, topic: Topic) -> List[Reply]:
    """Where and when to apply, then the online channels (the steps only when asked)."""
    where = benefit.where
    assert where is not None
    values = guide.benefit_values(data, benefit, where.section)
    values["where"] = where.text or ""
    if where.online:
        return [Reply("utter_process_online", values)]
    values["deadline"] = f"\n\n⏰ {benefit.deadline.text}" if benefit.deadline else ""
    values["ask_area"] = ""
    replies = [Reply("utter_process", values)]
    if benefit.channels:
        replies.append(Reply("utter_process_online_too", channel_values(guide, data, benefit)))
    return replies


def answer_process(
    answering: Answering, data: Optional[RegionData], context: Context, topic: Topic
) -> List[Reply]:
    """Where to apply: the person's own case when the guide has one for it, else the section."""
    assert data is not None
    guide = answering.guide
    found = where_case(guide, data, context)
    if found is None:
        return answer_section(answering, data, context, topic)
    benefit, case = found
    assert benefit.where is not None
    values = guide.benefit_values(data, benefit, benefit.where.section)
    values["where"] = case.text
    values["deadline"] = f"\n⏰ {benefit.deadline.text}" if benefit.deadline else ""
    return [Reply("utter_process_case", values)]


def where_case(guide: Guide, data: RegionData, context: Context) -> Optional[Tuple[Benefit, Case]]:
    """The benefit and the variant of its "where" section for the person, if the guide has one."""
    benefit, _ = guide.benefit(data, context.benefit_id, "where")
    where = benefit.where if benefit else None
    case = _matching_case(where.cases, context.facts) if where else None
    return (benefit, case) if benefit is not None and case is not None else None


def _matching_case(cases: Sequence[Case], facts: Facts) -> Optional[Case]:
    """The first case all of whose conditions the facts meet."""
    told = {fact: case_value(value) for fact, value in facts.told().items()}
    for case in cases:
        if all(told.get(fact) in values for fact, values in case.when.items()):
            return case
    # A case told in part ("外地农村户口" without the kind of work) still beats the whole section.
    for case in cases:
        if any(told.get(fact) in values for fact, values in case.when.items()):
            return case
    return None


def answer_difference(
    answering: Answering, data: Optional[RegionData], context: Context, topic: Topic
) -> List[Reply]:
    """What tells 失业保险金 and 失业补助金 apart (national summaries)."""
    citations = answering.guide.citations
    benefits = {b.id: b for b in answering.guide.kb.national.benefits}
    insurance, subsidy = benefits[INSURANCE], benefits[SUBSIDY]
    sources = "；".join(
        citations.cite(b.source.file, b.source.section) for b in (insurance, subsidy)
    )
    files = {insurance.source.file, subsidy.source.file}
    region_note = ""
    if data is not None and data.region.guide.file not in files:
        # the person's own guide says nothing of this: the others' wording, named as theirs
        region_note = answering.phrases.text("utter_difference_elsewhere", region=data.region.name)
    values = {
        "region_note": region_note,
        "insurance": insurance.name,
        "insurance_summary": insurance.summary,
        "subsidy": subsidy.name,
        "subsidy_summary": subsidy.summary,
        "source": sources,
    }
    return [Reply("utter_benefit_difference", values)]
