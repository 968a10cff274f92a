"""Ningbo's duration rule and the migrant workers' one-time allowance."""

from __future__ import annotations

import pytest

from bot.calculators import benefit_months, one_time_allowance


@pytest.fixture(scope="module")
def ningbo(knowledge):
    """Ningbo's benefits by id."""
    return {b.id: b for b in knowledge.regions["ningbo"].region.benefits}


@pytest.mark.parametrize(
    ("years", "months"),
    [
        (0.5, 0),
        (1, 2),
        (1.5, 3),
        (2, 3),
        (2.5, 4),
        (3, 5),
        (5, 8),
        (10, 15),
        (16, 24),
        (20, 24),
    ],
)
def test_duration_rule_in_years(ningbo, years, months):
    rule = ningbo["unemployment_insurance"].duration_rule
    assert benefit_months(rule, round(years * 12)) == months


@pytest.mark.parametrize(
    ("contribution", "months"),
    [
        (11, 0),
        (12, 2),
        (16, 2),
        (17, 3),
        (20, 3),
        (24, 3),
        (25, 4),
        (28, 4),
        (29, 4),
        (33, 5),
        (300, 24),
    ],
)
def test_duration_rule_edges_in_months(ningbo, contribution, months):
    rule = ningbo["unemployment_insurance"].duration_rule
    assert benefit_months(rule, contribution) == months


@pytest.mark.parametrize(
    ("contribution", "total"),
    [(12, 1395.0), (24, 2092.5), (60, 5580.0), (6, 0.0)],
)
def test_one_time_allowance_is_half_the_urban_total(ningbo, contribution, total):
    insurance = ningbo["unemployment_insurance"]
    allowance = ningbo["migrant_allowance"]
    result = one_time_allowance(
        insurance.duration_rule, insurance.amount, allowance.amount, contribution
    )
    assert result.total_yuan == total
    assert result.ratio == 0.5
