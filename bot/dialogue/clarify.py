"""Replies that clarify before answering: which region, which of two places, not covered."""

from __future__ import annotations

from typing import List, Sequence

from bot.dialogue.context import Context
from bot.knowledge.places import Area, normalize
from bot.replies import Button, Reply
from bot.topics.guide import Guide

# Every response this module may send.
RESPONSES = (
    "utter_ask_region",
    "utter_default",
    "utter_noted",
    "utter_province_partly_covered",
    "utter_uncovered_region",
    "utter_ambiguous_area",
)


def ask_region(guide: Guide) -> List[Reply]:
    """Ask which region, with a button per covered region."""
    return [Reply("utter_ask_region", {"regions": guide.region_names()}, guide.region_buttons())]


def noted(guide: Guide, context: Context) -> List[Reply]:
    """Acknowledge a place or contribution time given without a question."""
    if context.region_id is None and context.contribution_months is None:
        return [Reply("utter_default")]
    months = context.contribution_months
    values = {
        "place": guide.place_name(context) or "",
        "contribution": "" if months is None else str(months),
    }
    return [Reply("utter_noted", values)]


def uncovered(guide: Guide, place: str) -> List[Reply]:
    """The honest answer for a region the guides do not cover (national channels)."""
    cities = [
        data.region.name
        for data in guide.kb.regions.values()
        if normalize(data.region.province).startswith(place)
    ]
    national = guide.kb.national
    values = {
        "place": place,
        "platform_name": national.platform.name,
        "platform_url": national.platform.url,
        "platform_note": national.platform.note,
        "hotline": guide.hotline(),
        "covered": guide.region_names(),
        "source": guide.citations.cite(
            national.platform.source.file, national.platform.source.section
        ),
    }
    if cities:
        values["cities"] = "、".join(cities)
        buttons = tuple(b for b in guide.region_buttons() if b.title in cities)
        return [Reply("utter_province_partly_covered", values, buttons)]
    return [Reply("utter_uncovered_region", values)]


def ambiguous(guide: Guide, name: str, areas: Sequence[Area]) -> List[Reply]:
    """Both offices of a shared area name, and a question back."""
    regions = [guide.region(area.region_id).region for area in areas]
    cards = "\n\n".join(
        f"{region.name}\n{guide.card(area.region_id, area.office)}"
        for region, area in zip(regions, areas, strict=True)
    )
    buttons = tuple(
        Button.asking(
            f"{region.short_name} {area.name}", "inform", region=region.name, area=area.name
        )
        for region, area in zip(regions, areas, strict=True)
    )
    return [Reply("utter_ambiguous_area", {"place": name, "cards": cards}, buttons)]
