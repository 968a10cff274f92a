"""How the facts told so far change with a new message."""

from __future__ import annotations

import pytest

from bot.person.dates import Day
from bot.person.facts import Facts

CONTRIBUTION = ("contribution_months", "contribution_below", "contribution_at_least")


@pytest.mark.parametrize(
    ("old", "new", "merged"),
    [
        (Facts(), Facts(age=52), Facts(age=52)),
        (Facts(age=52, gender="female"), Facts(age=53), Facts(age=53, gender="female")),
        (
            Facts(separation="resigned", hukou="local"),
            Facts(separation="dismissed"),
            Facts(separation="dismissed", hukou="local"),
        ),
        (
            Facts(left_on=Day(2020, 5)),
            Facts(work_kind="migrant"),
            Facts(left_on=Day(2020, 5), work_kind="migrant"),
        ),
        (
            Facts(insurance_expired=True),
            Facts(insurance_expired=False),
            Facts(insurance_expired=False),
        ),
        (Facts(age=40, separation="dismissed"), Facts(), Facts(age=40, separation="dismissed")),
        (Facts(contribution_months=18), Facts(age=30), Facts(contribution_months=18, age=30)),
    ],
)
def test_merged(old, new, merged):
    assert old.merged(new) == merged


@pytest.mark.parametrize(
    "old",
    [
        Facts(contribution_below=12, age=50),
        Facts(contribution_at_least=12, age=50),
    ],
)
@pytest.mark.parametrize("name", CONTRIBUTION)
def test_new_contribution_clears_the_others(old, name):
    merged = old.merged(Facts(**{name: 24}))
    assert {field: getattr(merged, field) for field in CONTRIBUTION} == {
        field: 24 if field == name else None for field in CONTRIBUTION
    }
    assert merged.age == 50


@pytest.mark.parametrize(
    ("old", "new", "merged"),
    [
        # a bound the known figure lies within changes nothing ("52岁" … "超过50岁了")
        (Facts(age=52), Facts(age_over=50), Facts(age=52)),
        (Facts(age=45), Facts(age_under=50), Facts(age=45)),
        (
            Facts(contribution_months=18),
            Facts(contribution_at_least=12),
            Facts(contribution_months=18),
        ),
        (
            Facts(contribution_months=10),
            Facts(contribution_below=12),
            Facts(contribution_months=10),
        ),
        (Facts(continuous_months=20), Facts(continuous_at_least=12), Facts(continuous_months=20)),
        # one that disagrees replaces it
        (Facts(age=45), Facts(age_over=50), Facts(age_over=50)),
        (
            Facts(contribution_months=10),
            Facts(contribution_at_least=12),
            Facts(contribution_at_least=12),
        ),
        # a new exact figure replaces the bounds
        (Facts(age_over=50), Facts(age=52), Facts(age=52)),
    ],
)
def test_bound_keeps_a_figure_within_it(old, new, merged):
    assert old.merged(new) == merged


def test_differing_names_the_changed_facts():
    old = Facts(age=52, hukou="nonlocal_rural", contribution_months=10)
    assert old.differing(Facts(hukou="nonlocal_urban", contribution_months=30)) == (
        "contribution_months",
        "hukou",
    )
    assert old.differing(Facts(age_over=50)) == ()


def test_told_and_is_empty():
    assert Facts().is_empty()
    assert Facts().told() == {}
    facts = Facts(age=52, insurance_expired=False)
    assert not facts.is_empty()
    assert facts.told() == {"age": 52, "insurance_expired": False}
    assert not Facts(insurance_expired=False).is_empty()
