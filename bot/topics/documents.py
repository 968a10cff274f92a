"""One document asked about: is it needed, is it enough alone, what if it is missing.

Answered from the region's document lists (``documents`` in ``regions/*.yml``), whose
items name the document terms of ``case_terms.yml`` they consist of.
"""

from __future__ import annotations

import re
from typing import Dict, List, Optional, Sequence, Tuple

from bot.dialogue.context import Context
from bot.dialogue.plan import Ask
from bot.formatting import document_line, numbered
from bot.knowledge.loader import RegionData
from bot.knowledge.model import DocumentItem, Documents
from bot.numerals import chinese_number
from bot.replies import Reply
from bot.topics.guide import Guide
from bot.topics.topic import Answering

DOCUMENT_RESPONSES = (
    "utter_document_needed",
    "utter_document_optional",
    "utter_document_conditional",
    "utter_document_not_for_you",
    "utter_document_either",
    "utter_document_either_part",
    "utter_document_either_part_unclear",
    "utter_document_one_of_item",
    "utter_document_which",
    "utter_document_missing_choice_unclear",
    "utter_document_not_listed",
    "utter_document_alone_yes",
    "utter_document_alone_no",
    "utter_document_missing",
    "utter_document_other_form",
    "utter_document_original_and_copy",
    "utter_document_missing_choice",
    "utter_not_in_guide",
    "utter_question_not_in_guide",
    "utter_benefit_not_in_guide",
    "utter_benefit_procedure_shared",
    "utter_document_check_yes",
    "utter_document_check_no",
)
# The guide's words for an item wanted in the original and a copy.
ORIGINAL_AND_COPY = "原件及复印件"
# How the guide has one apply: the list for each way, in the order shown.
MODES = ("on_site", "online")


def answer_document(
    answering: Answering, data: RegionData, context: Context, ask: Ask
) -> List[Reply]:
    """Whether the document ``ask`` names is needed, enough alone, or what if it is missing."""
    guide = answering.guide
    benefit, preface = guide.benefit(data, context.benefit_id, "documents")
    if benefit is None or benefit.documents is None:
        return preface + guide.not_in_guide(data, context)
    documents = benefit.documents
    term = guide.kb.case_terms.documents[ask.name]
    values = guide.benefit_values(data, benefit, documents.section)
    values["document"] = term.label
    # "网上申请要上传银行卡吗": the list of the way named ("needed/online"), if the guide has it
    detail, _, way = ask.detail.partition("/")
    lists = [(mode, getattr(documents, mode)) for mode in MODES if getattr(documents, mode)]
    lists = [(mode, items) for mode, items in lists if mode == way] or lists
    values["way"] = answering.phrases.text(f"utter_way_{lists[0][0]}")
    values["items"] = numbered(map(document_line, lists[0][1]))
    if detail == "alone":
        mode, items = lists[0]
        enough = is_enough(documents, mode, items, ask.name)
        # "只凭激活金融功能的社会保障卡就可以": the item as the guide words it
        alone = next((i for i in items if i.terms == (ask.name,)), None)
        values["item"] = document_line(alone) if alone is not None else term.label
        open_item = next((i for i in items if ask.name in i.terms and i.unclear), None)
        if not enough and open_item is not None:
            # "就有个老存折 能用不": the guide's wording leaves it open; say so, not "no"
            line = {**values, **_unclear_values(guide, data, context, open_item, items)}
            return preface + [Reply("utter_document_either_part_unclear", line)]
        return preface + [Reply(f"utter_document_alone_{'yes' if enough else 'no'}", values)]
    matching = [(mode, item) for mode, items in lists for item in items if ask.name in item.terms]
    if detail == "other_form" and matching:
        # "只有电子社保卡行不行": the list names the document, not the form
        mode = matching[0][0]
        values["item"] = "、".join(document_line(item) for m, item in matching if m == mode)
        values.update(guide.contact_values(data, context))
        if ORIGINAL_AND_COPY in values["item"]:
            # "只带复印件行吗" where the guide asks for 原件及复印件: both, it says
            return preface + [Reply("utter_document_original_and_copy", values)]
        return preface + [Reply("utter_document_other_form", values)]
    if detail == "missing":
        if matching and all(item.optional for _, item in matching):
            # "就业创业证我没有": it is not required
            return preface + [
                Reply("utter_document_optional", {**values, "item": document_line(matching[0][1])})
            ]
        if matching:
            mode, item = matching[0]
            items = getattr(documents, mode)
            if item.any_of or (
                mode == "on_site" and documents.on_site_alternatives and len(items) > 1
            ):
                # "没有社保卡咋整" where the guide offers a choice: the other one
                values["way"] = answering.phrases.text(f"utter_way_{mode}")
                values["items"] = numbered(map(document_line, items))
                if item.unclear:
                    # "我就一个存折 没银行卡": the other choice, and what the guide leaves open
                    values.update(_unclear_values(guide, data, context, item, items))
                    return preface + [Reply("utter_document_missing_choice_unclear", values)]
                return preface + [Reply("utter_document_missing_choice", values)]
            values["item"] = "、".join(document_line(item) for m, item in matching if m == mode)
            values.update(guide.contact_values(data, context))
            return preface + [Reply("utter_document_missing", values)]
        return preface + [_not_listed(guide, data, context, values)]
    if not matching:
        return preface + [_not_listed(guide, data, context, values)]
    if detail == "which":
        # "户口本拍哪几页": every item of the list that names it, in one line
        mode = matching[0][0]
        values["way"] = answering.phrases.text(f"utter_way_{mode}")
        values["item"] = "、".join(document_line(item) for m, item in matching if m == mode)
        return preface + [Reply("utter_document_which", values)]
    replies = []
    told = context.facts.told()
    for mode, item in matching[:2]:
        line = {**values, "item": document_line(item)}
        line["way"] = answering.phrases.text(f"utter_way_{mode}")
        line["items"] = numbered(map(document_line, getattr(documents, mode)))
        outside = [
            (fact, told[fact])
            for fact, values_ in (item.not_for or {}).items()
            if told.get(fact) in values_
        ]
        inside = [
            fact
            for fact, values_ in (item.not_for or {}).items()
            if told.get(fact) is not None and told.get(fact) not in values_
        ]
        if item.condition and not outside and inside:
            # "过期的居住证能用吗" from someone from another province: the item is for them
            replies.append(Reply("utter_document_needed", line))
            continue
        if item.condition and outside:
            # "我本地户口，居住证要带吗": the item is for others
            fact, value = outside[0]
            term = guide.kb.case_terms.facts()[fact].get(str(value))
            line["who"] = term.label if term else ""
            replies.append(Reply("utter_document_not_for_you", line))
            continue
        response = _needed_response(item, documents, mode)
        if response == "utter_document_either_part" and item.unclear:
            line.update(_unclear_values(guide, data, context, item, getattr(documents, mode)))
            response = "utter_document_either_part_unclear"
        replies.append(Reply(response, line))
    return preface + replies


def _unclear_values(
    guide: Guide,
    data: RegionData,
    context: Context,
    item: DocumentItem,
    items: Sequence[DocumentItem],
) -> Dict[str, str]:
    """The other choices, what the item's wording leaves open, and who can answer."""
    others = "、".join(document_line(other) for other in items if other is not item)
    return {
        "item": document_line(item),
        "other": others,
        "unclear": item.unclear or "",
        **guide.contact_values(data, context),
    }


def _not_listed(guide: Guide, data: RegionData, context: Context, values: Dict) -> Reply:
    """A document the list does not name: the list, and who can say about others."""
    return Reply("utter_document_not_listed", {**values, **guide.contact_values(data, context)})


def _needed_response(item: DocumentItem, documents: Documents, mode: str) -> str:
    if item.optional:
        return "utter_document_optional"
    if item.condition:
        return "utter_document_conditional"
    if mode == "on_site" and documents.on_site_alternatives and len(item.terms) > 1:
        # "或者：本人身份证、银行卡、存折": one of the choices, made of several documents
        return "utter_document_either_part"
    if mode == "on_site" and documents.on_site_alternatives:
        return "utter_document_either"
    if item.any_of:
        # "银行借记卡或社会保障卡图片" in a list of things all needed: one of the item's two
        return "utter_document_one_of_item"
    return "utter_document_needed"


def is_enough(documents: Documents, mode: str, items: Sequence[DocumentItem], term: str) -> bool:
    """Whether ``term`` alone covers what the list asks (conditional and optional items aside).

    Items that are alternatives (``on_site_alternatives``): one item made of that term
    alone is enough. Otherwise every required item must be that term, or offer it as
    one of its choices (``any_of``).
    """
    required: Tuple[DocumentItem, ...] = tuple(
        item for item in items if not item.optional and not item.condition
    )
    covers = [item.terms == (term,) or (item.any_of and term in item.terms) for item in required]
    if mode == "on_site" and documents.on_site_alternatives:
        return any(covers)
    return bool(required) and all(covers)


def document_check(guide: Guide, data: RegionData, guessed: str) -> Optional[Reply]:
    """Whether a size or count guessed ("照片要两寸的对吧") is the one a document item gives.

    ``guessed`` is a number and its unit ("2寸", "3张"); None where no item gives the unit.
    """
    number, unit = guessed[:-1], guessed[-1]
    for benefit in data.region.benefits:
        documents = benefit.documents
        if documents is None:
            continue
        for item in (*documents.on_site, *documents.online):
            given = re.search(rf"([\d一二两三四五六七八九十]+)\s*{unit}", item.item)
            if given is None:
                continue
            values = {
                "region": data.region.name,
                "item": item.item,
                "guessed": guessed,
                "source": guide.source(data, documents.section),
            }
            same = chinese_number(given.group(1)) == chinese_number(number)
            return Reply("utter_document_check_yes" if same else "utter_document_check_no", values)
    return None
