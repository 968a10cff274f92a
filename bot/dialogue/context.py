"""What a conversation has established, and how one message's plan changes it."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Optional, Tuple

from bot.knowledge.loader import KnowledgeBase
from bot.knowledge.places import PlaceIndex, PlaceQuery, normalize
from bot.person.facts import Facts

MIGRANT_TOPIC = "migrant"
MIGRANT_BENEFIT = "migrant_allowance"
# Hukou values of a rural contract worker.
RURAL_HUKOU = ("nonlocal_rural", "rural")
# Questions that, about the migrant workers' allowance (named, or asked about just before),
# ask for the allowance itself: it is one sum worked out from the contribution time.
MIGRANT_FOLLOW_UPS = ("amount", "duration")


@dataclass(frozen=True)
class Context:
    """What the conversation has established so far (mirrors the Rasa slots).

    ``pending``: the questions (``Ask.key``) waiting for a place or a fact asked for.
    ``last``: the questions last answered, asked again by a follow-up ("那瓯海区呢").
    ``sent``: the long blocks already sent (steps, lists), referred to rather than re-sent.
    ``insured_elsewhere``: a place without a guide where the person is insured.
    The last three fields hold for one turn only and are never stored.
    """

    region_id: Optional[str] = None
    area: Optional[str] = None
    topic: Optional[str] = None
    benefit_id: Optional[str] = None
    facts: Facts = field(default_factory=Facts)
    # Whose case the facts are (a ``person`` value of case_terms.yml; None: the user's own).
    person: Optional[str] = None
    # The fact the last answer asked for, so that "是" / "55" answer it.
    requested: Optional[str] = None
    pending: Tuple[str, ...] = ()
    last: Tuple[str, ...] = ()
    sent: Tuple[str, ...] = ()
    # The key of the last reply (``answers.fingerprint``): the same reply to a new message
    # answered something else.
    echo: Tuple[str, ...] = ()
    insured_elsewhere: Optional[str] = None
    # The covered region where the person said they are insured (it decides where to claim
    # where the guide says so: 吉林 四, 温州 二).
    insured_at: Optional[str] = None
    # its district or county, where the person named one ("在苍南交的社保")
    insured_area: Optional[str] = None
    # The facts of the case kept aside (the user's own while a relative's case is talked
    # about, or the relative's after coming back), and whose they are (None: the user's).
    own: Optional[Facts] = None
    aside: Optional[str] = None
    # the place without a guide where the case kept aside is insured
    aside_insured: Optional[str] = None
    # the region and area of the case kept aside ("那我儿子那边呢" goes back to his place)
    aside_region: Optional[str] = None
    aside_area: Optional[str] = None
    # This turn only: the message asks for a verdict ("能领吗"), not for the rules.
    wants_verdict: bool = False
    # This turn only: the facts are supposed ("要是交满一年呢"), not the person's own.
    supposing: bool = False
    # This turn only: another region named in passing, answered from its guide alone.
    passing: bool = False
    # This turn only: the facts before this message (a correction may change a verdict).
    before: Optional[Facts] = None
    # This turn only: how a figure was worked out is asked ("4个月怎么算出来的").
    worked: bool = False
    # This turn only: the day the person means to go and apply ("1月25号那天再去办").
    going_on: Optional[date] = None

    @property
    def contribution_months(self) -> Optional[int]:
        """The exact contribution time, in months, if told."""
        return self.facts.contribution_months

    def stored(self) -> Context:
        """The context as it is kept between turns (no per-turn fields)."""
        return replace(
            self,
            wants_verdict=False,
            supposing=False,
            before=None,
            passing=False,
            worked=False,
            going_on=None,
        )


class BenefitNames:
    """Recognises the benefit a text names (longest name first)."""

    def __init__(self, knowledge: KnowledgeBase) -> None:
        names = {}
        for benefit in knowledge.national.benefits:
            for alias in (benefit.name, *benefit.aliases):
                names[normalize(alias)] = benefit.id
        self._names = sorted(names.items(), key=lambda item: -len(item[0]))

    def named_in(self, text: str) -> Optional[str]:
        """The id of the benefit ``text`` names last, if any.

        "领了一年失业金…听说还有个失业补助金我能领不": the one asked about comes last; one
        denied ("不是失业保险金", "领不了失业金的也能领") is not the one asked about.
        """
        normalized = normalize(text)
        taken = [False] * len(normalized)
        found = []
        for name, benefit in self._names:
            start = normalized.find(name)
            while start >= 0:
                if not any(taken[start : start + len(name)]):
                    taken[start : start + len(name)] = [True] * len(name)
                    before = normalized[max(0, start - 3) : start]
                    if not before.endswith(_DENYING):
                        found.append((start, benefit))
                start = normalized.find(name, start + 1)
        return max(found)[1] if found else None

    def denied_in(self, text: str) -> Optional[str]:
        """The id of a benefit ``text`` rules out ("我问的是失业保险金 不是补助金"), if any."""
        normalized = normalize(text)
        for name, benefit in self._names:
            start = normalized.find(name)
            while start >= 0:
                if normalized[max(0, start - 3) : start].endswith(_RULING_OUT):
                    return benefit
                start = normalized.find(name, start + 1)
        return None


# "不是失业保险金", "领不了失业金的": a benefit named only to set it aside
_DENYING = ("不是", "领不了", "不能领", "领不到", "拿不了", "而非")
_RULING_OUT = ("不是", "而非", "不要", "不问", "不是问")


def placed(
    places: PlaceIndex, context: Context, query: PlaceQuery
) -> Tuple[Optional[str], Optional[str]]:
    """The region and area after a message naming ``query``'s places."""
    if query.areas:
        return query.areas[0].region_id, query.areas[0].name
    if len(query.regions) > 1 and context.region_id in query.regions:
        # "宁波好像是1395，昆明也这么多吗" in a Kunming conversation: still Kunming
        return context.region_id, context.area
    if query.regions:
        region = query.regions[0]
        # An area named before the region ("经开区" … "温州的") is kept if it is there.
        known = places.area(region, context.area) if context.area else None
        return region, known.name if known else None
    if query.ambiguous:
        return None, query.ambiguous[0][0]
    if query.uncovered:
        return None, None
    return context.region_id, context.area


def is_migrant(facts: Facts) -> bool:
    """Whether the person is a rural contract worker (the migrant allowance is theirs).

    A 农民工 who says their hukou is not rural ("城镇户口的呢") is not.
    """
    if facts.hukou in RURAL_HUKOU:
        return True
    return facts.work_kind == "migrant" and facts.hukou is None


def case_of(
    context: Context, person: Optional[str], told: Facts
) -> Tuple[Optional[str], Facts, Optional[Facts], Optional[str]]:
    """Whose case a message is about, its facts after it, and the case kept aside.

    The case kept aside is its facts and whose they are.

    Naming another person ("那我老婆呢") starts a new case that inherits nothing of the
    case talked about so far, which is kept aside; coming back to the case kept aside
    ("我自己呢", "那我老公呢") brings its facts back. Naming the same person keeps them.
    """
    whose = person if person not in (None, "self") else None
    if person is None:
        whose = context.person
    if whose == context.person:
        return whose, context.facts.merged(told), context.own, context.aside
    back = context.own if context.aside == whose else None
    return whose, (back or Facts()).merged(told), context.facts, context.person
