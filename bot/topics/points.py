"""Side questions a guide answers in one sentence (医保, a rejected application …).

The questions and their cue words are ``side_questions`` in ``national.yml``; a region's
``points`` answer them. Where the region's guide has no answer, a question that belongs
to a topic is left to that topic, and any other is answered as not in the guide.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import List, Optional

from bot.dialogue.context import Context
from bot.knowledge.loader import KnowledgeBase, RegionData
from bot.knowledge.model import Benefit, Point, SideQuestion
from bot.knowledge.places import normalize
from bot.replies import Reply
from bot.topics.guide import Guide

POINT_RESPONSES = ("utter_point",)


@dataclass(frozen=True)
class SideAnswer:
    """The side question asked, and the guide's sentence on it (None if it has none)."""

    question: SideQuestion
    benefit: Optional[Benefit] = None
    point: Optional[Point] = None


def side_question(kb: KnowledgeBase, text: str) -> Optional[SideQuestion]:
    """The side question ``text`` asks, by its cue words."""
    normalized = normalize(text)
    return next(
        (q for q in kb.national.side_questions if any(cue in normalized for cue in q.cues)),
        None,
    )


def side_answer(
    kb: KnowledgeBase, data: RegionData, context: Context, text: str
) -> Optional[SideAnswer]:
    """The side question asked and the region's point on it, for the benefit asked first."""
    question = side_question(kb, text)
    if question is None:
        return None
    benefits = sorted(data.region.benefits, key=lambda b: b.id != context.benefit_id)
    for benefit in benefits:
        for point in benefit.points:
            if point.id == question.id:
                return SideAnswer(question, benefit, point)
    return SideAnswer(question)


def answer_point(guide: Guide, data: RegionData, benefit: Benefit, point: Point) -> List[Reply]:
    """The point's sentence with its citation."""
    values = guide.benefit_values(data, benefit, point.section)
    values["detail"] = point.text
    return [Reply("utter_point", values)]
