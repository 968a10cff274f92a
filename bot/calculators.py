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
class WorkedOut:
    """How ``benefit_months`` reached its figure, for saying it step by step."""

    beyond: int
    full_steps: int
    remainder: int
    remainder_counted: bool
    uncapped: int
    months: int


def worked_out(rule: DurationRule, contribution_months: int) -> WorkedOut:
    """The steps of ``benefit_months`` for a contribution time at or above the minimum."""
    beyond = contribution_months - rule.minimum_months
    full_steps, remainder = divmod(beyond, rule.step_months)
    counted = remainder > rule.remainder_counts_over
    uncapped = rule.base_months + (full_steps + int(counted)) * rule.extra_per_step
    return WorkedOut(
        beyond=beyond,
        full_steps=full_steps,
        remainder=remainder,
        remainder_counted=counted,
        uncapped=uncapped,
        months=min(uncapped, rule.maximum_months),
    )


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
