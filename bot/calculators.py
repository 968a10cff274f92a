"""Benefit calculators driven by the rules in the knowledge base."""

from __future__ import annotations

from dataclasses import dataclass

from bot.knowledge.model import Amount, DurationRule


def benefit_months(rule: DurationRule, contribution_months: int) -> int:
    """Months of benefit for a contribution time, following ``rule``.

    Below the minimum: none; at the minimum: the base months; above it, one more
    per full step, a remainder over ``remainder_counts_over`` counting as a full
    step; never above the maximum.
    """
    if contribution_months < rule.minimum_months:
        return 0
    beyond = contribution_months - rule.minimum_months
    steps, remainder = divmod(beyond, rule.step_months)
    if remainder > rule.remainder_counts_over:
        steps += 1
    return min(rule.base_months + steps * rule.extra_per_step, rule.maximum_months)


@dataclass(frozen=True)
class OneTimeAllowance:
    """A one-time allowance worked out from the insurance a worker would get."""

    insurance_months: int
    monthly_yuan: int
    ratio: float
    total_yuan: float


def one_time_allowance(
    rule: DurationRule, insurance: Amount, allowance: Amount, contribution_months: int
) -> OneTimeAllowance:
    """The migrant workers' one-time allowance: a ratio of an urban worker's total."""
    if insurance.monthly_yuan is None or allowance.ratio_of_insurance_total is None:
        raise ValueError("the allowance needs a monthly amount and a ratio")
    months = benefit_months(rule, contribution_months)
    ratio = allowance.ratio_of_insurance_total
    return OneTimeAllowance(
        insurance_months=months,
        monthly_yuan=insurance.monthly_yuan,
        ratio=ratio,
        total_yuan=months * insurance.monthly_yuan * ratio,
    )
