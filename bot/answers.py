"""Turn a question and its context into replies: domain response names plus values.

The Chinese sentences are the domain's responses; this module picks which one
answers, and fills it with facts from the knowledge base.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

from bot.calculators import benefit_months, one_time_allowance
from bot.formatting import (
    bullets,
    chunks,
    document_line,
    numbered,
    office_card,
    phones,
)
from bot.knowledge.loader import KnowledgeBase, RegionData
from bot.knowledge.model import Benefit, Office
from bot.knowledge.places import Area, PlaceIndex, PlaceQuery, normalize
from bot.numerals import contribution_months

OFFICE_TOPICS = ("address", "phone", "hours", "bank")
TOPICS = (
    "conditions",
    "amount",
    "duration",
    "documents",
    "online",
    "process",
    "progress",
    "forms",
    "migrant",
    "difference",
    "handoff",
    *OFFICE_TOPICS,
)
# The benefit section each topic is answered from.
TOPIC_SECTION = {
    "conditions": "conditions",
    "amount": "amount",
    "duration": "duration_rule",
    "documents": "documents",
    "online": "channels",
    "process": "where",
    "progress": "progress",
    "forms": "forms",
}
# Reply values must not be named like rasa-sdk's utter_message parameters.
RESERVED_VALUES = ("text", "image", "json_message", "response", "attachment", "buttons", "elements")
# Where a guide has no section for a topic, the topic that answers the same need.
# (Kunming's guide says how to apply only online; Wenzhou's has no separate "where".)
TOPIC_FALLBACKS = {"process": "online", "online": "process"}
MIGRANT = "migrant_allowance"
# Follow-ups that, right after the migrant workers' allowance, still ask about it: the
# allowance is one sum worked out from the contribution time.
MIGRANT_FOLLOW_UPS = ("amount", "duration")
INSURANCE = "unemployment_insurance"
SUBSIDY = "unemployment_subsidy"


@dataclass(frozen=True)
class Button:
    """A quick reply: what the user sees and what it sends."""

    title: str
    payload: str


@dataclass(frozen=True)
class Reply:
    """One bot message: a domain response and the values it is filled with."""

    response: str
    values: Mapping[str, str] = field(default_factory=dict)
    buttons: Tuple[Button, ...] = ()


@dataclass(frozen=True)
class Context:
    """What the conversation has established so far (mirrors the Rasa slots)."""

    region_id: Optional[str] = None
    area: Optional[str] = None
    topic: Optional[str] = None
    benefit_id: Optional[str] = None
    contribution_months: Optional[int] = None


@dataclass(frozen=True)
class Turn:
    """What the latest user message says: its text, topic and entity values."""

    text: str
    topic: Optional[str] = None
    entity_values: Tuple[str, ...] = ()
    # For messages that are not questions (low confidence, "好的", "不用了"): what to
    # reply when they name no place or contribution time. Otherwise they inform.
    unless_informing: Optional[str] = None


class Answerer:
    """Answers questions from one knowledge base."""

    def __init__(self, knowledge: KnowledgeBase, places: Optional[PlaceIndex] = None) -> None:
        self.kb = knowledge
        self.places = places or PlaceIndex(knowledge)
        names = {}
        for benefit in knowledge.national.benefits:
            for alias in (benefit.name, *benefit.aliases):
                names[normalize(alias)] = benefit.id
        self._benefit_names = sorted(names.items(), key=lambda item: -len(item[0]))

    def respond(self, context: Context, turn: Turn) -> Tuple[Context, List[Reply]]:
        """The new context and the replies to the latest message."""
        updated, query = self.update(context, turn)
        said_something = bool(
            query.regions
            or query.areas
            or query.ambiguous
            or query.uncovered
            or contribution_months(turn.text) is not None
        )
        if turn.unless_informing and not said_something:
            return context, [Reply(turn.unless_informing)]
        return updated, self.answer(updated, query)

    # -- context ---------------------------------------------------------------

    def update(self, context: Context, turn: Turn) -> Tuple[Context, PlaceQuery]:
        """Fold the latest message into the context."""
        text = " ".join((turn.text, *turn.entity_values))
        query = self.places.resolve(text, context.region_id)
        region_id, area = context.region_id, context.area
        if query.areas:
            region_id, area = query.areas[0].region_id, query.areas[0].name
        elif query.region:
            # An area named before the region ("经开区" … "温州的") is kept if it is there.
            known = self.places.area(query.region, area) if area else None
            region_id, area = query.region, known.name if known else None
        elif query.ambiguous:
            region_id, area = None, query.ambiguous[0][0]
        elif query.uncovered:
            region_id, area = None, None
        months = contribution_months(text)
        named_benefit = self.benefit_in(text)
        topic = turn.topic or context.topic
        if context.topic == "migrant" and turn.topic in MIGRANT_FOLLOW_UPS and not named_benefit:
            topic = "migrant"  # "交了5年能拿多少" after asking about the one-time allowance
        updated = Context(
            region_id=region_id,
            area=area,
            topic=topic,
            benefit_id=named_benefit or context.benefit_id,
            contribution_months=months if months is not None else context.contribution_months,
        )
        return updated, query

    def benefit_in(self, text: str) -> Optional[str]:
        """The benefit a text names, longest name first."""
        normalized = normalize(text)
        for name, benefit_id in self._benefit_names:
            if name in normalized:
                return benefit_id
        return None

    # -- answering ---------------------------------------------------------------

    def answer(self, context: Context, query: Optional[PlaceQuery] = None) -> List[Reply]:
        """The replies for a context, given the places the latest message named."""
        query = query or PlaceQuery()
        if query.uncovered and not (query.regions or query.areas or query.ambiguous):
            return self.uncovered(query.uncovered[0])
        if query.ambiguous and not query.areas:
            return self.ambiguous(*query.ambiguous[0])
        topic = context.topic
        if topic == "difference":
            return self.difference()
        if topic is None:
            return self.noted(context)
        if context.region_id is None:
            return self.handoff(None, context) if topic == "handoff" else self.ask_region()
        data = self.kb.regions[context.region_id]
        if topic == "handoff":
            return self.handoff(data, context)
        if topic in OFFICE_TOPICS:
            return self.office_answer(data, context)
        if topic == "duration":
            return self.duration(data, context)
        if topic == "migrant":
            return self.migrant(data, context)
        return self.section_answer(data, context)

    def ask_region(self) -> List[Reply]:
        """Ask which region, with a button per covered region."""
        return [Reply("utter_ask_region", {"regions": self.region_names()}, self.region_buttons())]

    def noted(self, context: Context) -> List[Reply]:
        """Acknowledge a place or contribution time given without a question."""
        if context.region_id is None and context.contribution_months is None:
            return [Reply("utter_default")]
        place = self._place_name(context) or ""
        return [
            Reply(
                "utter_noted",
                {"place": place, "contribution": _months_value(context.contribution_months)},
            )
        ]

    def uncovered(self, place: str) -> List[Reply]:
        """The honest answer for a region the guides do not cover."""
        cities = [
            data.region.name
            for data in self.kb.regions.values()
            if normalize(data.region.province).startswith(place)
        ]
        national = self.kb.national
        values = {
            "place": place,
            "platform_name": national.platform.name,
            "platform_url": national.platform.url,
            "platform_note": national.platform.note,
            "hotline": national.hotline.number,
            "hotline_name": national.hotline.name,
            "covered": self.region_names(),
            "source": self._source_ref(
                national.platform.source.file, national.platform.source.section
            ),
        }
        if cities:
            values["cities"] = "、".join(cities)
            buttons = tuple(b for b in self.region_buttons() if b.title in cities)
            return [Reply("utter_province_partly_covered", values, buttons)]
        return [Reply("utter_uncovered_region", values)]

    def ambiguous(self, name: str, areas: Sequence[Area]) -> List[Reply]:
        """Both offices of a shared area name, and a question back."""
        cards = "\n\n".join(
            f"{self.kb.regions[a.region_id].region.name}\n{self._card(a.region_id, a.office)}"
            for a in areas
        )
        buttons = tuple(
            Button(
                f"{self.kb.regions[a.region_id].region.short_name} {a.name}",
                _payload("inform", region=self.kb.regions[a.region_id].region.name, area=a.name),
            )
            for a in areas
        )
        return [Reply("utter_ambiguous_area", {"place": name, "cards": cards}, buttons)]

    def difference(self) -> List[Reply]:
        """What tells 失业保险金 and 失业补助金 apart."""
        benefits = {b.id: b for b in self.kb.national.benefits}
        insurance, subsidy = benefits[INSURANCE], benefits[SUBSIDY]
        sources = "；".join(
            self._source_ref(b.source.file, b.source.section) for b in (insurance, subsidy)
        )
        return [
            Reply(
                "utter_benefit_difference",
                {
                    "insurance": insurance.name,
                    "insurance_summary": insurance.summary,
                    "subsidy": subsidy.name,
                    "subsidy_summary": subsidy.summary,
                    "source": sources,
                },
            )
        ]

    def handoff(self, data: Optional[RegionData], context: Context) -> List[Reply]:
        """A person to talk to: the local office, else the hotline."""
        office = self._office(data, context.area) if data else None
        hotline = self.kb.national.hotline
        if office is None:
            return [
                Reply(
                    "utter_handoff_hotline",
                    {"hotline": hotline.number, "hotline_name": hotline.name},
                )
            ]
        return [
            Reply(
                "utter_handoff_office",
                {"card": self._card(data.region.id, office), "hotline": hotline.number},
            )
        ]

    # -- offices -------------------------------------------------------------------

    def office_answer(self, data: RegionData, context: Context) -> List[Reply]:
        """Address, phone, hours or bank of the area's office, or the region's list."""
        region = data.region
        source = self._source(data, data.office_source)
        office = self._office(data, context.area) if context.area else None
        if office is None or office.area != context.area:
            return self.region_offices(data)
        values = {
            "office": office.name,
            "card": self._card(region.id, office),
            "address": office.address or "",
            "phones": phones(office, region.phone_area_code),
            "hours": office.hours or "",
            "bank": office.bank or "",
            "source": source,
            "guide": region.guide.title,
        }
        topic = context.topic
        if topic == "hours" and not office.hours:
            return [Reply("utter_office_hours_unknown", values)]
        if topic == "bank" and not office.bank:
            return [Reply("utter_office_bank_unknown", values)]
        if topic == "address" and not office.address:
            return [Reply("utter_office_address_unknown", values)]
        return [Reply(f"utter_office_{topic}", values)]

    def region_offices(self, data: RegionData) -> List[Reply]:
        """The region's main office and the areas to choose from."""
        region = data.region
        main = self._office(data, None)
        others = [office for office in data.offices if office is not main]
        groups: Dict[str, List[str]] = {}
        for office in others:
            groups.setdefault(office.prefecture or "", []).append(office.area)
        if len(groups) > 1:
            areas = "\n".join(f"{name}：{'、'.join(items)}" for name, items in groups.items())
        else:
            areas = "、".join(office.area for office in others)
        values = {
            "region": region.name,
            "count": str(len(data.offices)),
            "areas": areas,
            "example": others[0].area if others else region.short_name,
            "source": self._source(data, data.office_source),
        }
        if main is None:
            return [Reply("utter_region_offices", values)]
        values["card"] = self._card(region.id, main)
        return [Reply("utter_region_offices_main", values)]

    # -- benefit sections -------------------------------------------------------------

    def section_answer(self, data: RegionData, context: Context) -> List[Reply]:
        """Answer a topic from the matching section of the region's guide."""
        topic = context.topic or ""
        benefit, preface = self._benefit(data, context.benefit_id, TOPIC_SECTION[topic])
        fallback = TOPIC_FALLBACKS.get(topic)
        if benefit is None and fallback:
            benefit, preface = self._benefit(data, context.benefit_id, TOPIC_SECTION[fallback])
            topic = fallback
        if benefit is None:
            return preface + self.not_in_guide(data, context)
        render = getattr(self, f"_{topic}")
        replies = preface + render(data, benefit)
        if context.topic == "process" and topic == "online" and context.area:
            topic = "process"  # asked where: the office card follows the online answer
        if topic in ("conditions", "amount") and context.contribution_months is not None:
            replies += [
                r for r in self.duration(data, context) if r.response.startswith("utter_duration_")
            ]
        office = self._office(data, context.area) if context.area else None
        if topic == "process" and office is not None:
            replies.append(Reply("utter_office_card", {"card": self._card(data.region.id, office)}))
        return replies

    def not_in_guide(self, data: RegionData, context: Context) -> List[Reply]:
        """Say plainly that the guide does not cover this, and who can answer."""
        office = self._office(data, context.area) or data.offices[0]
        values = {
            "guide": data.region.guide.title,
            "region": data.region.name,
            "office": office.name,
            "phones": phones(office, data.region.phone_area_code),
            "hotline": self.kb.national.hotline.number,
        }
        return [Reply("utter_not_in_guide", values)]

    def _conditions(self, data: RegionData, benefit: Benefit) -> List[Reply]:
        section = benefit.conditions
        assert section is not None
        values = self._benefit_values(data, benefit, section.section)
        values.update(
            intro=section.intro or "",
            items=numbered(section.items),
            notes=bullets(section.notes, lead="\n\n"),
        )
        return [Reply("utter_conditions", values)]

    def _amount(self, data: RegionData, benefit: Benefit) -> List[Reply]:
        amount = benefit.amount
        assert amount is not None
        values = self._benefit_values(data, benefit, amount.section)
        values.update(
            detail=amount.text,
            monthly=str(amount.monthly_yuan or ""),
            effective=amount.effective or "",
        )
        return [Reply("utter_amount", values)]

    def _documents(self, data: RegionData, benefit: Benefit) -> List[Reply]:
        documents = benefit.documents
        assert documents is not None
        values = self._benefit_values(data, benefit, documents.section)
        replies = []
        for kind, items in (("online", documents.online), ("on_site", documents.on_site)):
            if items:
                replies.append(
                    Reply(
                        f"utter_documents_{kind}",
                        {**values, "items": numbered(map(document_line, items))},
                    )
                )
        notes = bullets(documents.notes, lead="")
        if notes:
            replies.append(Reply("utter_documents_notes", {**values, "notes": notes}))
        return replies

    def _online(self, data: RegionData, benefit: Benefit) -> List[Reply]:
        replies = [Reply("utter_online_channels", self._channel_values(data, benefit))]
        if benefit.steps:
            replies += self._steps(data, benefit)
        return replies

    def _steps(self, data: RegionData, benefit: Benefit) -> List[Reply]:
        steps = benefit.steps
        assert steps is not None
        values = self._benefit_values(data, benefit, steps.section)
        lines = numbered(steps.items).split("\n")
        return [
            Reply("utter_steps", {**values, "steps": "\n".join(group)}) for group in chunks(lines)
        ]

    def _process(self, data: RegionData, benefit: Benefit) -> List[Reply]:
        where = benefit.where
        assert where is not None
        values = self._benefit_values(data, benefit, where.section)
        values["where"] = where.text or ""
        values["deadline"] = f"\n\n⏰ {benefit.deadline.text}" if benefit.deadline else ""
        replies = [Reply("utter_process", values)]
        if benefit.channels:
            replies.append(Reply("utter_process_online_too", self._channel_values(data, benefit)))
        elif benefit.steps:
            replies += self._steps(data, benefit)
        return replies

    def _progress(self, data: RegionData, benefit: Benefit) -> List[Reply]:
        progress = benefit.progress
        assert progress is not None
        values = self._benefit_values(data, benefit, progress.section)
        values["detail"] = progress.text or ""
        return [Reply("utter_progress", values)]

    def _forms(self, data: RegionData, benefit: Benefit) -> List[Reply]:
        forms = benefit.forms
        assert forms is not None
        values = self._benefit_values(data, benefit, forms.section)
        urls = list(dict.fromkeys(form.url for form in forms.items))
        values["forms"] = numbered(form.name for form in forms.items)
        values["urls"] = "\n".join(urls)
        return [Reply("utter_forms", values)]

    # -- calculators ----------------------------------------------------------------------

    def duration(self, data: RegionData, context: Context) -> List[Reply]:
        """Months of benefit for the user's contribution time, or the rule itself."""
        benefit, preface = self._benefit(data, context.benefit_id or INSURANCE, "duration_rule")
        if benefit is None or benefit.duration_rule is None:
            return preface + self.not_in_guide(data, context)
        rule = benefit.duration_rule
        values = self._benefit_values(data, benefit, rule.section)
        values["rule"] = rule.text
        months = context.contribution_months
        if months is None:
            return preface + [Reply("utter_duration_rule", values)]
        values.update(
            contribution=_months_value(months),
            months=str(benefit_months(rule, months)),
            minimum=str(rule.minimum_months),
        )
        if benefit_months(rule, months) == 0:
            return preface + [Reply("utter_duration_none", values)]
        return preface + [Reply("utter_duration_result", values)]

    def migrant(self, data: RegionData, context: Context) -> List[Reply]:
        """The migrant workers' one-time allowance: conditions, and the sum if possible."""
        benefits = {b.id: b for b in data.region.benefits}
        allowance, insurance = benefits.get(MIGRANT), benefits.get(INSURANCE)
        if allowance is None or allowance.amount is None or allowance.conditions is None:
            return self.not_in_guide(data, context)
        values = self._benefit_values(data, allowance, allowance.conditions.section)
        values.update(
            intro=allowance.conditions.intro or "",
            items=numbered(allowance.conditions.items),
            amount=allowance.amount.text,
        )
        months = context.contribution_months
        rule = insurance.duration_rule if insurance else None
        if months is None or rule is None or insurance is None or insurance.amount is None:
            return [Reply("utter_migrant_rule", values)]
        result = one_time_allowance(rule, insurance.amount, allowance.amount, months)
        values.update(
            contribution=_months_value(months),
            months=str(result.insurance_months),
            monthly=str(result.monthly_yuan),
            percent=f"{result.ratio * 100:g}",
            total=f"{result.total_yuan:g}",
            effective=insurance.amount.effective or "",
        )
        return [Reply("utter_migrant_result", values)]

    # -- helpers ------------------------------------------------------------------------

    def region_names(self) -> str:
        """Covered regions, joined for a sentence."""
        return "、".join(data.region.name for data in self.kb.regions.values())

    def region_buttons(self) -> Tuple[Button, ...]:
        """One quick reply per covered region."""
        return tuple(
            Button(data.region.name, _payload("inform", region=data.region.name))
            for data in self.kb.regions.values()
        )

    def _benefit(
        self, data: RegionData, wanted: Optional[str], attribute: str
    ) -> Tuple[Optional[Benefit], List[Reply]]:
        benefits = data.region.benefits
        chosen = next((b for b in benefits if b.id == wanted), None)
        if chosen is not None and getattr(chosen, attribute) is not None:
            return chosen, []
        having = [b for b in benefits if getattr(b, attribute) is not None]
        preface: List[Reply] = []
        if wanted and chosen is None and wanted != MIGRANT:
            names = {b.id: b.name for b in self.kb.national.benefits}
            preface.append(
                Reply(
                    "utter_benefit_not_in_guide",
                    {
                        "region": data.region.name,
                        "wanted": names.get(wanted, wanted),
                        "covered": "、".join(b.name for b in benefits),
                    },
                )
            )
        if chosen is not None:
            return None, preface
        return (having[0] if having else None), preface

    def _office(self, data: RegionData, area: Optional[str]) -> Optional[Office]:
        if area:
            for office in data.offices:
                if office.area == area:
                    return office
        main = data.region.offices.main_office
        return next((office for office in data.offices if office.name == main), None)

    def _card(self, region_id: str, office: Office) -> str:
        return office_card(office, self.kb.regions[region_id].region.phone_area_code)

    def _place_name(self, context: Context) -> Optional[str]:
        if context.region_id is None:
            return None
        region = self.kb.regions[context.region_id].region
        return f"{region.name}{context.area}" if context.area else region.name

    def _channel_values(self, data: RegionData, benefit: Benefit) -> Dict[str, str]:
        """Values of a reply listing the benefit's online channels, one bullet each."""
        channels = benefit.channels
        assert channels is not None
        values = self._benefit_values(data, benefit, channels.section)
        values["channels"] = bullets(
            (f"{c.name}：{c.url}" if c.url else c.name for c in channels.items), lead=""
        )
        return values

    def _benefit_values(self, data: RegionData, benefit: Benefit, section: str) -> Dict[str, str]:
        return {
            "region": data.region.name,
            "benefit": benefit.name,
            "source": self._source(data, section),
        }

    def _source(self, data: RegionData, section: str) -> str:
        return self._source_ref(data.region.guide.file, section)

    def _source_ref(self, file: str, section: str) -> str:
        title = next(
            (d.region.guide.title for d in self.kb.regions.values() if d.region.guide.file == file),
            file,
        )
        return f"《{title}》{section}"


def _months_value(months: Optional[int]) -> str:
    return "" if months is None else str(months)


def _payload(intent: str, **entities: str) -> str:
    return f"/{intent}{json.dumps(entities, ensure_ascii=False)}"


def all_responses() -> Iterable[str]:
    """Every domain response this module can choose (checked against the domain)."""
    return (
        "utter_ask_region",
        "utter_default",
        "utter_noted",
        "utter_province_partly_covered",
        "utter_uncovered_region",
        "utter_ambiguous_area",
        "utter_benefit_difference",
        "utter_handoff_hotline",
        "utter_handoff_office",
        "utter_office_hours_unknown",
        "utter_office_bank_unknown",
        "utter_office_address_unknown",
        *(f"utter_office_{topic}" for topic in OFFICE_TOPICS),
        "utter_region_offices",
        "utter_region_offices_main",
        "utter_not_in_guide",
        "utter_conditions",
        "utter_amount",
        "utter_documents_online",
        "utter_documents_on_site",
        "utter_documents_notes",
        "utter_online_channels",
        "utter_steps",
        "utter_process",
        "utter_process_online_too",
        "utter_progress",
        "utter_forms",
        "utter_duration_rule",
        "utter_duration_none",
        "utter_duration_result",
        "utter_migrant_rule",
        "utter_migrant_result",
        "utter_benefit_not_in_guide",
        "utter_office_card",
        "utter_how_can_help",
        "utter_anything_else",
    )
