"""Folding a message into the context: places, topic, benefit and contribution time."""

from __future__ import annotations

import pytest

from bot.dialogue.context import BenefitNames, Context, ContextFolder, Turn, informs
from bot.knowledge.places import PlaceIndex


@pytest.fixture(scope="module")
def folder(knowledge) -> ContextFolder:
    """A folder over the repository's knowledge base."""
    return ContextFolder(PlaceIndex(knowledge), BenefitNames(knowledge))


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
            Context("ningbo", None, "duration", None, 24),
        ),
        (
            Context("ningbo", topic="migrant"),
            Turn("交了5年能拿多少", "amount"),
            Context("ningbo", None, "migrant", None, 60),
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
    assert folder.fold(before, turn)[0] == after


@pytest.mark.parametrize(
    ("text", "expected"), [("我在宁波", True), ("交了三年", True), ("好的", False), ("上海", True)]
)
def test_informs(folder, text, expected):
    _, query = folder.fold(Context(), Turn(text))
    assert informs(Turn(text), query) is expected
