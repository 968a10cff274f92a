"""Answers about offices: address, phone, hours, paying bank, the region's list, a person."""

from __future__ import annotations

import re
from typing import Dict, List, Optional, Tuple

from bot.dialogue.context import Context
from bot.knowledge.loader import RegionData
from bot.knowledge.model import Office
from bot.numerals import chinese_number
from bot.replies import Reply
from bot.topics.guide import Guide
from bot.topics.sections import answer_process, where_case
from bot.topics.topic import Answering, Topic

LIST_RESPONSES = ("utter_region_offices", "utter_region_offices_main", "utter_word_offices")
HANDOFF_RESPONSES = ("utter_handoff_hotline", "utter_handoff_office")
# "去学院中路那个对吧": the road checked against the office's address.
CHECK_RESPONSES = (
    "utter_floor_check_yes",
    "utter_floor_check_no",
    "utter_phone_check_yes",
    "utter_phone_check_no",
    "utter_phone_check_other_anywhere",
    "utter_phone_check_no_anywhere",
    "utter_bank_check_yes",
    "utter_bank_check_no",
    "utter_address_check_yes",
    "utter_address_check_number_no",
    "utter_address_check_other",
    "utter_address_check_no",
    "utter_address_check_other_anywhere",
    "utter_address_check_no_anywhere",
)
# A detail the guide does not give for an office: its own reply.
UNKNOWN_DETAIL = {"hours": "hours", "bank": "bank", "address": "address"}


# The whole card, for several details asked at once (through the phone topic).
CARD_RESPONSES = (
    "utter_office_all",
    "utter_office_missing",
    "utter_detail_hours",
    "utter_detail_bank",
    "utter_detail_address",
)
# Where the guide says where this kind of person applies (answer_process).
PROCESS_CASE_RESPONSES = ("utter_process_case",)


def office_responses(topic: str) -> Tuple[str, ...]:
    """The responses an office topic may send."""
    unknown = (f"utter_office_{topic}_unknown",) if topic in UNKNOWN_DETAIL else ()
    card = CARD_RESPONSES if topic == "phone" else ()
    # "周六开门吗": the hours, and that the guide lists no others (bot/answers.py)
    off = ("utter_office_hours_off",) if topic == "hours" else ()
    return (
        f"utter_office_{topic}",
        *unknown,
        *off,
        *card,
        *LIST_RESPONSES,
        *PROCESS_CASE_RESPONSES,
        *(CHECK_RESPONSES if topic in ("address", "phone", "bank") else ()),
    )


def answer_office(
    answering: Answering, data: Optional[RegionData], context: Context, topic: Topic
) -> List[Reply]:
    """Address, phone, hours or bank of the area's office, or the region's list."""
    assert data is not None
    guide = answering.guide
    region = data.region
    office = guide.office(data, context.area) if context.area else None
    if context.area is None and where_case(guide, data, context) is not None:
        # "我是农村户口，在哪申报": the guide says where for this kind of person
        return answer_process(answering, data, context, answering.topics["process"])
    if office is None or office.area != context.area:
        return region_offices(guide, data)
    values = {
        "office": office.name,
        "card": guide.card(region.id, office),
        "address": office.address or "",
        "phones": guide.phones(data, office),
        "hours": office.hours or "",
        "bank": office.bank or "",
        "source": guide.source(data, data.office_source),
        "guide": region.guide.title,
    }
    detail = UNKNOWN_DETAIL.get(topic.name)
    if detail and not values[detail]:
        return [Reply(f"utter_office_{topic.name}_unknown", values)]
    return [Reply(f"utter_office_{topic.name}", values)]


def office_card_reply(answering: Answering, reply: Reply, asked: List[str]) -> Reply:
    """An office reply as the whole card, saying which of the details asked the guide lacks."""
    missing = [name for name in asked if name in UNKNOWN_DETAIL and not reply.values.get(name)]
    words = "、".join(answering.phrases.text(f"utter_detail_{name}") for name in missing)
    note = answering.phrases.text("utter_office_missing", details=words) if missing else ""
    return Reply("utter_office_all", {**reply.values, "missing": note})


def region_offices(guide: Guide, data: RegionData) -> List[Reply]:
    """The region's main office and the areas to choose from."""
    region = data.region
    main = guide.office(data, None)
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
        "list_label": region.offices.list_label or guide.phrases.text("utter_word_offices"),
        "list_note": f"\n{region.offices.list_note}" if region.offices.list_note else "",
        "areas": areas,
        "example": others[0].area if others else region.short_name,
        "source": guide.source(data, data.office_source),
    }
    if main is None:
        return [Reply("utter_region_offices", values)]
    values["card"] = guide.card(region.id, main)
    values["main_label"] = region.offices.main_office_label or ""
    values["areas_label"] = region.offices.areas_label or ""
    return [Reply("utter_region_offices_main", values)]


def answer_handoff(
    answering: Answering, data: Optional[RegionData], context: Context, topic: Topic
) -> List[Reply]:
    """A person to talk to: the local office, else the hotline."""
    guide = answering.guide
    office = guide.office(data, context.area) if data else None
    if data is None or office is None:
        return [Reply("utter_handoff_hotline", {"hotline": guide.hotline()})]
    card = guide.card(data.region.id, office)
    return [Reply("utter_handoff_office", {"card": card, "hotline": guide.hotline()})]


def address_check(guide: Guide, data: RegionData, context: Context, road: str) -> Reply:
    """Whether the office of the person's area is on ``road``, and whose address it is else.

    Said before the office's card; without an area, before the region's list.
    """
    office = guide.office(data, context.area) if context.area else None
    road, _, number = road.partition("#")
    values = {"road": road, "office": office.name if office else ""}
    if office is not None and road in (office.address or ""):
        given = re.search(re.escape(road) + r"(\d+号)", office.address or "")
        if number and given is not None and given.group(1) != number:
            # "车站大道555号对吧": the road is right, the number is not
            values.update(number=number, actual=given.group(1))
            return Reply("utter_address_check_number_no", values)
        return Reply("utter_address_check_yes", values)
    other = next((o for o in data.offices if road in (o.address or "")), None)
    anywhere = "" if office is not None else "_anywhere"
    if other is not None:
        return Reply(f"utter_address_check_other{anywhere}", {**values, "other": other.name})
    return Reply(f"utter_address_check_no{anywhere}", values)


def _floor_check(office: Optional[Office], value: str) -> Optional[Reply]:
    """The floor guessed ("是在3楼对吧") against the office's address; None if it has none."""
    _, _, floor = value.partition("=")
    address = (office.address or "") if office is not None else ""
    given = re.search(r"([\d一二三四五六七八九十]{1,2})楼(?!梯|道)", address)
    actual = chinese_number(given.group(1)) if given is not None else None
    if office is None or actual is None or not floor.isdigit():
        return None
    values = {"office": office.name, "floor": floor, "actual": str(int(actual))}
    right = int(actual) == int(floor)
    return Reply("utter_floor_check_yes" if right else "utter_floor_check_no", values)


def guess_check(
    guide: Guide, data: RegionData, context: Context, kind: str, value: str
) -> Optional[Reply]:
    """Whether a phone number or paying bank the person guessed is the guide's.

    Said before the answer; None where the guide has nothing to check it against.
    """
    office = guide.office(data, context.area) if context.area else None
    if kind == "address":
        return _floor_check(office, value)
    if kind == "phone":

        def same(o: Office) -> bool:
            digits = [re.sub(r"\D", "", phone) for phone in o.phones]
            return any(d.endswith(value) or value.endswith(d) for d in digits if d)

        values = {"number": value}
        if office is not None:
            values.update(office=office.name, phones=guide.phones(data, office))
            return Reply(
                "utter_phone_check_yes" if same(office) else "utter_phone_check_no", values
            )
        other = next((o for o in data.offices if same(o)), None)
        if other is not None:
            return Reply("utter_phone_check_other_anywhere", {**values, "other": other.name})
        return Reply("utter_phone_check_no_anywhere", values)
    if office is None or not office.bank:
        return None
    values = {"office": office.name, "bank": office.bank}
    return Reply("utter_bank_check_yes" if value in office.bank else "utter_bank_check_no", values)
