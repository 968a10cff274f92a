"""Verdicts over the guides' own conditions (knowledge/regions/ningbo.yml, jilin.yml).

Ningbo (sources/003_a8abed1dbd997863.txt): 失业保险金 needs a year of contributions,
a separation not of one's own will (both 因本人原因 and 由本人提出 make it one's own)
and working age (女16-50, 男16-60, applied before the 50th / 60th birthday by the
guide's example); the 农民合同制职工一次性生活补助 needs a year of continuous work and a
contract that ended or was terminated. Jilin (sources/001_d3b790f9aea1993e.txt):
失业补助金 claimed in 2020年3月至12月 by those whose 失业保险金 ran out, or who paid under
a year, or paid a year but left for their own reasons.
"""

from __future__ import annotations

from datetime import date

import pytest

from bot.knowledge.loader import default_knowledge
from bot.knowledge.model import Check
from bot.person.dates import Day
from bot.person.eligibility import (
    Outcome,
    PeriodStatus,
    Status,
    check_fact,
    is_told,
    judge,
    open_conditions,
)
from bot.person.facts import Facts

TODAY = date(2026, 11, 27)


def benefit(region, name):
    benefits = default_knowledge().regions[region].region.benefits
    return next(b for b in benefits if b.name == name).eligibility


@pytest.fixture(scope="module")
def insurance():
    return benefit("ningbo", "失业保险金")


@pytest.fixture(scope="module")
def migrant():
    return benefit("ningbo", "农民合同制职工一次性生活补助")


@pytest.fixture(scope="module")
def jilin():
    return benefit("jilin", "失业补助金")


def finding(verdict, fact):
    return next(f for f in verdict.findings if f.check.fact == fact)


@pytest.mark.parametrize(
    ("facts", "outcome", "missing"),
    [
        (Facts(), Outcome.DEPENDS, "contribution"),
        (Facts(contribution_months=8), Outcome.NO, None),
        (Facts(contribution_months=11, separation="dismissed"), Outcome.NO, None),
        (Facts(contribution_months=12, separation="dismissed"), Outcome.YES, None),
        (Facts(contribution_months=12), Outcome.DEPENDS, "separation"),
        (Facts(separation="contract_ended"), Outcome.DEPENDS, "contribution"),
        (Facts(contribution_months=30, separation="contract_ended"), Outcome.YES, None),
        (Facts(contribution_months=30, separation="employer_fault"), Outcome.YES, None),
        (Facts(contribution_months=24, separation="resigned_own"), Outcome.NO, None),
        # 由本人提出 alone is not 因本人意愿: the reason decides, and is asked
        (Facts(contribution_months=24, separation="resigned"), Outcome.DEPENDS, "separation"),
        (Facts(contribution_months=24, separation="terminated"), Outcome.DEPENDS, "separation"),
        (Facts(contribution_months=24, separation="negotiated"), Outcome.DEPENDS, "separation"),
        (Facts(contribution_months=24, separation="employer_proposed"), Outcome.YES, None),
        # a reason of the employer's the guide's cases (1)-(5) do not list
        (Facts(contribution_months=24, separation="resigned_employer"), Outcome.NOT_IN_GUIDE, None),
        (Facts(contribution_below=12), Outcome.NO, None),
        (Facts(contribution_below=12, separation="dismissed"), Outcome.NO, None),
        (Facts(contribution_below=18, separation="dismissed"), Outcome.DEPENDS, "contribution"),
        (Facts(contribution_at_least=12, separation="dismissed"), Outcome.YES, None),
        (Facts(contribution_at_least=6, separation="dismissed"), Outcome.DEPENDS, "contribution"),
        (Facts(age=62, gender="male"), Outcome.NO, None),
        (Facts(age=52, gender="female"), Outcome.NO, None),
        (
            Facts(age=52, gender="female", contribution_months=24, separation="dismissed"),
            Outcome.NO,
            None,
        ),
        # "例女A,1966年8月出生,失业必须在2016年7月前办理": before the 50th birthday
        (
            Facts(age=50, gender="female", contribution_months=24, separation="dismissed"),
            Outcome.NO,
            None,
        ),
        (
            Facts(age=49, gender="female", contribution_months=24, separation="dismissed"),
            Outcome.YES,
            None,
        ),
        (
            Facts(age=60, gender="male", contribution_months=24, separation="dismissed"),
            Outcome.NO,
            None,
        ),
        (
            Facts(age=59, gender="male", contribution_months=24, separation="dismissed"),
            Outcome.YES,
            None,
        ),
        # "超过50岁了": only a bound
        (
            Facts(age_over=50, gender="female", contribution_months=24, separation="dismissed"),
            Outcome.NO,
            None,
        ),
        (Facts(age=52, gender="male"), Outcome.DEPENDS, "contribution"),
        (Facts(age=15, contribution_months=12, separation="dismissed"), Outcome.NO, None),
        (Facts(age=62), Outcome.NO, None),  # past 60: out of both ranges, gender does not matter
        # age 55 fits men (16-60) but not women (16-50), so gender decides: the age check is
        # `decisive: false` in ningbo.yml (most people are in range), yet once the age told
        # puts it in doubt the gender is asked for, after the decisive facts
        (Facts(age=55), Outcome.DEPENDS, "contribution"),
        (Facts(age=55, contribution_months=24, separation="dismissed"), Outcome.DEPENDS, "gender"),
        (
            Facts(age=55, gender="male", contribution_months=24, separation="dismissed"),
            Outcome.YES,
            None,
        ),
        (
            Facts(age=54, gender="female", contribution_months=180, separation="contract_ended"),
            Outcome.NO,
            None,
        ),
        (Facts(age=45), Outcome.DEPENDS, "contribution"),
    ],
)
def test_ningbo_insurance(insurance, facts, outcome, missing):
    verdict = judge(insurance, facts, TODAY)
    assert verdict.outcome is outcome
    assert verdict.missing == missing
    assert verdict.period is None
    assert verdict.period_over is False


@pytest.mark.parametrize(
    ("facts", "status", "missing"),
    [
        (Facts(), Status.UNKNOWN, "age"),
        (Facts(gender="male"), Status.UNKNOWN, "age"),
        (Facts(age=45), Status.MET, None),  # inside both ranges
        (Facts(age=55), Status.UNKNOWN, "gender"),
        (Facts(age=55, gender="male"), Status.MET, None),
        (Facts(age=55, gender="female"), Status.NOT_MET, None),
        (Facts(age=52, gender="male"), Status.MET, None),
        (Facts(age=62, gender="male"), Status.NOT_MET, None),
        (Facts(age=62), Status.NOT_MET, None),
        (Facts(age=16, gender="female"), Status.MET, None),
        (Facts(age=50, gender="female"), Status.NOT_MET, None),
        (Facts(age=60, gender="male"), Status.NOT_MET, None),
        (Facts(age_over=50, gender="female"), Status.NOT_MET, None),
        (Facts(age_over=50, gender="male"), Status.UNKNOWN, "age"),
        (Facts(age_under=50, gender="female"), Status.MET, None),
        (Facts(age_under=60, gender="male"), Status.MET, None),
        (Facts(age_over=60), Status.NOT_MET, None),
    ],
)
def test_ningbo_age_check(insurance, facts, status, missing):
    result = finding(judge(insurance, facts, TODAY), "age")
    assert result.status is status
    assert result.missing == missing


def test_age_check_is_not_decisive(insurance):
    age = next(check for check in insurance.checks if check.fact == "age")
    assert age.decisive is False


@pytest.mark.parametrize(
    ("facts", "first"),
    [
        (Facts(contribution_months=24, separation="resigned_own"), "separation"),
        (Facts(age=62, gender="male", contribution_months=24, separation="dismissed"), "age"),
        (Facts(contribution_months=8, separation="dismissed"), "contribution"),
    ],
)
def test_failed_condition_comes_first(insurance, facts, first):
    verdict = judge(insurance, facts, TODAY)
    assert verdict.outcome is Outcome.NO
    assert verdict.findings[0].check.fact == first
    assert verdict.findings[0].status is Status.NOT_MET


@pytest.mark.parametrize(
    ("facts", "outcome", "missing"),
    [
        (Facts(continuous_months=48, separation="terminated"), Outcome.YES, None),
        (Facts(continuous_months=48, separation="resigned"), Outcome.YES, None),
        (Facts(continuous_months=12, separation="contract_ended"), Outcome.YES, None),
        (Facts(continuous_at_least=12, separation="contract_ended"), Outcome.YES, None),
        (Facts(continuous_months=48), Outcome.DEPENDS, "separation"),
        (Facts(separation="terminated"), Outcome.DEPENDS, "continuous_work"),
        (Facts(continuous_months=8, separation="terminated"), Outcome.NO, None),
        # "连续工作满一年", not the cumulative time: 18 months over two jobs, the last 7
        (
            Facts(contribution_months=18, continuous_months=7, separation="dismissed"),
            Outcome.NO,
            None,
        ),
        (Facts(contribution_months=18, separation="dismissed"), Outcome.DEPENDS, "continuous_work"),
    ],
)
def test_ningbo_migrant_allowance(migrant, facts, outcome, missing):
    verdict = judge(migrant, facts, TODAY)
    assert verdict.outcome is outcome
    assert verdict.missing == missing


@pytest.mark.parametrize(
    ("facts", "outcome", "missing", "period"),
    [
        (Facts(insurance_expired=True, left_on=Day(2020, 8)), Outcome.YES, None, None),
        (Facts(insurance_expired=True), Outcome.YES, None, None),
        (Facts(contribution_below=12, left_on=Day(2020, 5)), Outcome.YES, None, None),
        (Facts(contribution_months=8, left_on=Day(2020, 12, 31)), Outcome.YES, None, None),
        # the window is when one claims: a job lost before it does not rule it out
        # ("2020年3月至12月，领取失业保险金期满仍未就业的失业人员")
        (Facts(insurance_expired=True, left_on=Day(2019, 6)), Outcome.YES, None, None),
        (Facts(insurance_expired=True, left_on=Day(2019)), Outcome.YES, None, None),
        (Facts(left_on=Day(2019)), Outcome.DEPENDS, "insurance_expired", None),
        # a job lost after it ended: the guide says nothing of later claims
        (
            Facts(insurance_expired=True, left_on=Day(2021, 3)),
            Outcome.NOT_IN_GUIDE,
            None,
            PeriodStatus.AFTER,
        ),
        (Facts(left_on=Day(2021, 3)), Outcome.NOT_IN_GUIDE, None, PeriodStatus.AFTER),
        # "实际缴费满1年但因本人原因解除劳动合同": the guide names one feature only, so a
        # dismissal (for the person's own fault, or not) is not decided by it
        (
            Facts(contribution_months=24, separation="dismissed", insurance_expired=False),
            Outcome.NOT_IN_GUIDE,
            None,
            None,
        ),
        (
            Facts(contribution_months=24, separation="contract_ended", insurance_expired=False),
            Outcome.NO,
            None,
            None,
        ),
        (Facts(), Outcome.DEPENDS, "insurance_expired", None),
        (Facts(insurance_expired=False), Outcome.DEPENDS, "contribution", None),
        (
            Facts(insurance_expired=False, separation="dismissed"),
            Outcome.DEPENDS,
            "contribution",
            None,
        ),
        (Facts(separation="resigned_own", insurance_expired=False), Outcome.YES, None, None),
        (Facts(contribution_months=24, separation="resigned_own"), Outcome.YES, None, None),
        # "因本人原因解除劳动合同": a resignation whose reason is not told is asked about
        (
            Facts(contribution_months=24, separation="resigned", insurance_expired=False),
            Outcome.DEPENDS,
            "separation",
            None,
        ),
        (
            Facts(contribution_months=24, separation="resigned_employer", insurance_expired=False),
            Outcome.NOT_IN_GUIDE,
            None,
            None,
        ),
        (
            Facts(contribution_at_least=12, separation="contract_ended", insurance_expired=False),
            Outcome.NO,
            None,
            None,
        ),
    ],
)
def test_jilin_allowance(jilin, facts, outcome, missing, period):
    verdict = judge(jilin, facts, TODAY)
    assert verdict.outcome is outcome
    assert verdict.missing == missing
    assert verdict.period is period
    assert verdict.period_over is True  # 2020-12 is long past on 2026-11-27


def test_jilin_period_not_over_during_it(jilin):
    verdict = judge(jilin, Facts(insurance_expired=True, left_on=Day(2020, 5)), date(2020, 12, 31))
    assert verdict.outcome is Outcome.YES
    assert verdict.period is None
    assert verdict.period_over is False


def test_jilin_shows_only_the_group_that_holds(jilin):
    verdict = judge(
        jilin, Facts(contribution_months=8, separation="dismissed", insurance_expired=False), TODAY
    )
    assert verdict.outcome is Outcome.YES
    assert [(f.check.fact, f.status) for f in verdict.findings] == [("contribution", Status.MET)]


def test_open_conditions_without_age_unknown(insurance, migrant, jilin):
    verdict = judge(insurance, Facts(age=52, gender="male"), TODAY)
    assert open_conditions(insurance, verdict) == insurance.unchecked
    assert open_conditions(migrant, judge(migrant, Facts(), TODAY)) == migrant.unchecked
    assert open_conditions(jilin, judge(jilin, Facts(), TODAY)) == jilin.unchecked


@pytest.mark.parametrize(
    "facts",
    [
        Facts(),
        Facts(contribution_months=24, separation="dismissed"),
        Facts(age=55, contribution_months=24, separation="dismissed"),
    ],
)
def test_open_conditions_list_unknown_age_first(insurance, facts):
    age = next(check for check in insurance.checks if check.fact == "age")
    verdict = judge(insurance, facts, TODAY)
    assert open_conditions(insurance, verdict) == (age.text, *insurance.unchecked)


@pytest.mark.parametrize(
    ("facts", "told"),
    [
        (Facts(), False),
        (Facts(hukou="local", work_kind="migrant"), False),
        (Facts(left_on=Day(2020, 5)), False),  # no period in the Ningbo conditions
        (Facts(age=30), True),
        (Facts(age=55), False),  # the age check stays unknown without a gender
        (Facts(separation="terminated"), False),  # neither accepted nor refused
        (Facts(contribution_below=12), True),
    ],
)
def test_is_told_ningbo(insurance, facts, told):
    assert is_told(insurance, facts) is told


@pytest.mark.parametrize(
    ("facts", "told"),
    [
        (Facts(), False),
        (Facts(left_on=Day(2020, 5)), True),
        (Facts(insurance_expired=False), True),
        (Facts(separation="dismissed"), True),  # checked inside a group
        (Facts(age=30), False),
    ],
)
def test_is_told_jilin(jilin, facts, told):
    assert is_told(jilin, facts) is told


def test_check_of_unknown_fact():
    with pytest.raises(ValueError, match="hukou"):
        check_fact(Check(fact="hukou", text="本地户籍"), Facts(hukou="local"))
