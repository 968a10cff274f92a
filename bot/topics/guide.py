"""Look-ups every answer shares: regions, offices, benefit sections, citations."""

from __future__ import annotations

from typing import Dict, List, Optional, Tuple

from bot.dialogue.context import Context
from bot.formatting import hotline_text, office_card, phones
from bot.knowledge.loader import KnowledgeBase, RegionData
from bot.knowledge.model import Benefit, Office
from bot.phrases import Phrases, default_phrases
from bot.replies import Button, Citations, Reply

INSURANCE = "unemployment_insurance"
SUBSIDY = "unemployment_subsidy"
MIGRANT = "migrant_allowance"


class Guide:
    """The knowledge base as answers use it."""

    def __init__(self, knowledge: KnowledgeBase, phrases: Optional[Phrases] = None) -> None:
        self.kb = knowledge
        self.phrases = phrases or default_phrases()
        self.citations = Citations(knowledge)
        self.national_names = {b.id: b.name for b in knowledge.national.benefits}

    # -- regions -----------------------------------------------------------------------

    def region(self, region_id: str) -> RegionData:
        """A covered region's data."""
        return self.kb.regions[region_id]

    def region_names(self) -> str:
        """Covered regions, joined for a sentence."""
        return "、".join(data.region.name for data in self.kb.regions.values())

    def region_buttons(self) -> Tuple[Button, ...]:
        """One quick reply per covered region."""
        return tuple(
            Button.asking(data.region.name, "inform", region=data.region.name)
            for data in self.kb.regions.values()
        )

    def place_name(self, context: Context) -> Optional[str]:
        """The region (and area) of a context, for a sentence."""
        if context.region_id is None:
            return None
        region = self.region(context.region_id).region
        return f"{region.name}{context.area}" if context.area else region.name

    # -- offices -------------------------------------------------------------------------

    def office(self, data: RegionData, area: Optional[str]) -> Optional[Office]:
        """The office of ``area``, else the region's main office (if the guide names one)."""
        if area:
            for office in data.offices:
                if office.area == area:
                    return office
        main = data.region.offices.main_office
        return next((office for office in data.offices if office.name == main), None)

    def card(self, region_id: str, office: Office) -> str:
        """An office's card: name, address, phones, hours, bank."""
        region = self.region(region_id).region
        return office_card(office, region.phone_area_code, region.phone_area_code_note)

    def phones(self, data: RegionData, office: Office) -> str:
        """An office's phones as a reply shows them (a dialling code added is marked)."""
        region = data.region
        return phones(office, region.phone_area_code, region.phone_area_code_note)

    def hotline(self) -> str:
        """The nationwide hotline, marked as the assistant's own knowledge."""
        return hotline_text(self.kb.national.hotline)

    # -- benefits and citations ----------------------------------------------------------

    def benefit(
        self, data: RegionData, wanted: Optional[str], attribute: str
    ) -> Tuple[Optional[Benefit], List[Reply]]:
        """The benefit whose ``attribute`` section answers, and a preface if not the wanted one.

        The wanted benefit when the guide has it with that section; otherwise the first
        benefit that has the section, after a preface saying the wanted one is not in
        the guide (none when the wanted one is in the guide without that section).
        """
        benefits = data.region.benefits
        chosen = next((b for b in benefits if b.id == wanted), None)
        if chosen is not None and getattr(chosen, attribute) is not None:
            return chosen, []
        preface: List[Reply] = []
        if wanted and chosen is None and wanted != MIGRANT:
            values = {
                "region": data.region.name,
                "wanted": self.national_names.get(wanted, wanted),
                "covered": "、".join(b.name for b in benefits),
            }
            preface.append(Reply("utter_benefit_not_in_guide", values))
        if chosen is not None and attribute in chosen.procedure:
            # "一次性生活补助要带啥材料": the guide's procedure is written once for all
            shared = next((b for b in benefits if b.id == chosen.procedure_of), None)
            if shared is not None and getattr(shared, attribute) is not None:
                values = {"wanted": chosen.name, "shared": shared.name}
                return shared, [Reply("utter_benefit_procedure_shared", values)]
        if chosen is not None:
            return None, preface
        having = [b for b in benefits if getattr(b, attribute) is not None]
        return (having[0] if having else None), preface

    def answering_benefit(
        self, data: RegionData, context: Context, attribute: str
    ) -> Tuple[Optional[Benefit], List[Reply]]:
        """The benefit (失业保险金 unless another is named) whose ``attribute`` answers.

        Returns it with the preface to send first; or None with the whole reply when the
        guide does not cover the question.
        """
        benefit, preface = self.benefit(data, context.benefit_id or INSURANCE, attribute)
        if benefit is None or getattr(benefit, attribute) is None:
            return None, preface + self.not_in_guide(data, context)
        return benefit, preface

    def titled(self, data: RegionData) -> str:
        """《title》 of the region's guide, with the region's name where the title lacks it."""
        region = data.region
        named = region.short_name in region.guide.title
        return f"《{region.guide.title}》" + ("" if named else f"（{region.name}）")

    def source(self, data: RegionData, section: str) -> str:
        """The citation of a section of a region's guide."""
        return self.citations.cite(data.region.guide.file, section)

    def benefit_values(self, data: RegionData, benefit: Benefit, section: str) -> Dict[str, str]:
        """Values every benefit answer has: region, benefit, citation."""
        return {
            "region": data.region.name,
            "benefit": benefit.name,
            "source": self.source(data, section),
        }

    def contact_values(self, data: RegionData, context: Context) -> Dict[str, str]:
        """Who can answer what a guide does not: the area's office, else the region's main one.

        Without either (Ningbo lists district offices only) the reply asks for the area
        rather than naming an office the person may not belong to.
        """
        office = self.office(data, context.area)
        if office is None:
            contact = self.phrases.text("utter_contact_area")
        else:
            contact = self.phrases.text(
                "utter_contact_office", office=office.name, phones=self.phones(data, office)
            )
        return {"contact": contact, "hotline": self.hotline()}

    def not_in_guide(
        self, data: RegionData, context: Context, topic: Optional[str] = None
    ) -> List[Reply]:
        """Say plainly that the guide does not cover this (naming the topic's question)."""
        values = {"guide": data.region.guide.title, "region": data.region.name}
        values.update(self.contact_values(data, context))
        label = self.kb.topic_labels.get(topic or context.topic or "")
        if label:
            values.update(guide=self.titled(data), question=label)
            return [Reply("utter_question_not_in_guide", values)]
        return [Reply("utter_not_in_guide", values)]
