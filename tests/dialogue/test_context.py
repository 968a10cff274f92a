"""Folding a message into the context: places, topic, benefit and contribution time."""

from __future__ import annotations

from datetime import date

import pytest

from bot.dialogue.context import BenefitNames, Context, ContextFolder, Turn, informs
from bot.knowledge.places import PlaceIndex
from bot.person.facts import Facts
from bot.person.reader import FactReader

TODAY = date(2026, 11, 27)


@pytest.fixture(scope="module")
def folder(knowledge) -> ContextFolder:
    """A folder over the repository's knowledge base."""
    return ContextFolder(
        PlaceIndex(knowledge), BenefitNames(knowledge), FactReader(knowledge.case_terms)
    )


@pytest.mark.parametrize(
    ("text", "benefit"),
    [
        ("失业补助金怎么领", "unemployment_subsidy"),
        ("失業保險金", "unemployment_insurance"),
        ("农民工一次性生活补助", "migrant_allowance"),
        ("怎么申请", None),
    ],
)
def test_benefit_names(knowledge, text, benefit):
    assert BenefitNames(knowledge).named_in(text) == benefit


@pytest.mark.parametrize(
    ("before", "turn", "after"),
    [
        (Context(), Turn("温州鹿城区在哪办", "address"), Context("wenzhou", "鹿城区", "address")),
        (
            Context("wenzhou", "鹿城区", "address"),
            Turn("那瓯海区呢"),
            Context("wenzhou", "瓯海区", "address"),
        ),
        (
            Context("ningbo", None, "duration"),
            Turn("交了两年"),
            Context("ningbo", None, "duration", None, Facts(contribution_months=24)),
        ),
        (
            Context("ningbo", topic="migrant"),
            Turn("交了5年能拿多少", "amount"),
            Context("ningbo", None, "migrant", None, Facts(contribution_months=60)),
        ),
        (
            Context("ningbo", topic="migrant"),
            Turn("失业保险金能领多久", "duration"),
            Context("ningbo", None, "duration", "unemployment_insurance"),
        ),
        (Context("ningbo", "海曙区", "hours"), Turn("上海呢"), Context(None, None, "hours")),
    ],
)
def test_fold(folder, before, turn, after):
    assert folder.fold(before, turn, TODAY)[0] == after


@pytest.mark.parametrize(
    ("text", "expected"), [("我在宁波", True), ("交了三年", True), ("好的", False), ("上海", True)]
)
def test_informs(folder, text, expected):
    _, query = folder.fold(Context(), Turn(text), TODAY)
    assert informs(Turn(text), query, folder.read(Turn(text), TODAY)) is expected


@pytest.mark.parametrize(
    ("before", "text", "after"),
    [
        # Another person starts a new case: the user's own facts are not inherited.
        (
            Facts(contribution_months=36, separation="dismissed"),
            "那我老婆交了1年半呢",
            Facts(contribution_months=18, gender="female"),
        ),
        # A correction replaces the figure and keeps the rest.
        (
            Facts(contribution_months=36, age=40),
            "说错了，是两年",
            Facts(contribution_months=24, age=40),
        ),
        # A bound replaces an exact figure.
        (Facts(contribution_months=36), "其实没交满一年", Facts(contribution_below=12)),
    ],
)
def test_person_facts_fold(folder, before, text, after):
    context = Context("ningbo", None, "duration", facts=before)
    assert folder.fold(context, Turn(text), TODAY)[0].facts == after


def test_naming_another_person_then_oneself_starts_over(folder):
    context = Context("ningbo", facts=Facts(contribution_months=36))
    spouse = folder.fold(context, Turn("我老公呢"), TODAY)[0]
    # only what the kin word says: a husband
    assert (spouse.person, spouse.facts) == ("spouse", Facts(gender="male"))
    back = folder.fold(spouse, Turn("说我自己，交了5年"), TODAY)[0]
    assert (back.person, back.facts) == (None, Facts(contribution_months=60))
