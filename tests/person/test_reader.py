"""Facts read from one message with the vocabulary of case_terms.yml."""

from __future__ import annotations

from datetime import date

import pytest

from bot.knowledge.loader import default_knowledge
from bot.person.dates import Day
from bot.person.reader import FactReader

TODAY = date(2026, 11, 27)


@pytest.fixture(scope="module")
def reader() -> FactReader:
    return FactReader(default_knowledge().case_terms)


def read(reader, text, entities=()):
    return reader.read(text, TODAY, entities)


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("62岁", 62),
        ("六十二岁", 62),
        ("今年55", 55),
        ("今年55岁，交了3年", 55),
        ("年龄45", 45),
        ("我50周岁", 50),
        ("我儿子3岁", None),  # outside 14..100
        ("今年5月被辞退", None),
        ("交了5年", None),
        # a birth date outweighs an age spoken of as a rule
        ("1977年1月出生的 50岁以后就不能领了？", 49),
        ("男的 67年3月生 合同到期了", 59),
    ],
)
def test_age(reader, text, age):
    assert read(reader, text).facts.age == age


@pytest.mark.parametrize(
    ("text", "gender"),
    [
        ("男", "male"),
        ("我是男的", "male"),
        ("女的", "female"),
        ("女的52岁", "female"),
        ("农村妇女", "female"),
        # a kin word tells the gender of the person asked about
        ("我女儿", "female"),
        ("帮我妈问一下", "female"),
        ("我老公", "male"),
        ("男，61了", "male"),
        ("我女婿", None),
        ("我男朋友", None),
        ("交了两年", None),
    ],
)
def test_gender(reader, text, gender):
    assert read(reader, text).facts.gender == gender


@pytest.mark.parametrize(
    ("entity", "gender"), [("女性", "female"), ("男的", "male"), ("其他", None)]
)
def test_gender_from_entity(reader, entity, gender):
    assert read(reader, "我想问问", [("gender", entity)]).facts.gender == gender


@pytest.mark.parametrize("text", ["我有子女", "儿女都大了"])
def test_children_are_not_a_gender(reader, text):
    assert read(reader, text).facts.gender is None


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("一年零六个月", 18),
        ("两年半", 30),
        ("十八个月", 18),
        ("8个月", 8),
        ("3年2个月", 38),
        ("1.5年", 18),
        ("交了5年", 60),
        ("那我老婆交了1年半呢", 18),
        # 之前 alone is the whole time, not another job's
        ("之前单位给我交了19年社保", 228),
        ("以前在老家也交过两年，现在这个厂交了10个月", 10),
    ],
)
def test_contribution(reader, text, months):
    facts = read(reader, text).facts
    assert facts.contribution_months == months
    assert facts.contribution_below is None
    assert facts.contribution_at_least is None


@pytest.mark.parametrize(
    ("text", "below", "at_least"),
    [
        ("没交满一年", 12, None),
        ("交了不到一年", 12, None),
        ("不足12个月", 12, None),
        ("交满一年了", None, 12),
        ("交满12个月", None, 12),
        ("一年以上", None, 12),
    ],
)
def test_contribution_bound(reader, text, below, at_least):
    facts = read(reader, text).facts
    assert facts.contribution_months is None
    assert facts.contribution_below == below
    assert facts.contribution_at_least == at_least


@pytest.mark.parametrize(
    ("text", "below"),
    [
        ("不到半年", 6),  # read as exactly 6 months: 半年 is not a NUMBER in _BELOW
        ("交了快一年了", 12),  # read as exactly 12 months
    ],
)
def test_contribution_bound_misread(reader, text, below):
    facts = read(reader, text).facts
    assert facts.contribution_months is None
    assert facts.contribution_below == below


def test_two_months_short_of_a_year(reader):
    facts = read(reader, "还差两个月满一年").facts
    assert facts.contribution_months == 10 or (
        facts.contribution_months is None and facts.contribution_below == 12
    )


@pytest.mark.parametrize(
    "text",
    [
        "3月15号被辞退",
        "2020年5月失业",
        "去年3月离职",
        "上个月15号辞职",
        "一个月多少钱",
        "每月能领多少",
        "每个月能领几块钱",
        "被辞退两个月了",
        "失业半年了",
        "辞职都三个月了",
        # the months of benefit, and wages owed
        "刚刚还说好领24个月的",
        "按月拿1395 拿5个月不是多一倍吗",
        "厂里拖了两个月工资她才走的",
    ],
)
def test_not_a_contribution(reader, text):
    facts = read(reader, text).facts
    assert facts.contribution_months is None
    assert facts.contribution_below is None
    assert facts.contribution_at_least is None


@pytest.mark.parametrize(
    ("text", "continuous"),
    [
        # the time said, then that it had no break
        ("一年零八个月 一直在这个厂", 20),
        ("我不是说了吗 一年零八个月 连着干的没断过", 20),
        ("我在慈溪厂里干了三年四个月", 40),
        ("厂里干了一年半", 18),
        ("交了3年", None),
    ],
)
def test_continuous_work(reader, text, continuous):
    assert read(reader, text).facts.continuous_months == continuous


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("被辞退两个月了，交了两年", 24),
        ("3月15号被辞退，交了8个月", 8),
        ("交了一年，一个月多少钱", 12),
    ],
)
def test_contribution_beside_other_spans(reader, text, months):
    assert read(reader, text).facts.contribution_months == months


def test_since_leaving_without_le(reader):
    assert read(reader, "我离职两个月，能领失业金吗").facts.contribution_months is None


@pytest.mark.parametrize(
    ("text", "separation"),
    [
        ("被辞退", "dismissed"),
        ("公司倒闭了", "dismissed"),
        ("合同到期公司不续签", "contract_ended"),
        ("合同到期了", "contract_ended"),
        ("自己辞职", "resigned"),
        ("我辞职了", "resigned"),
        ("单位拖欠工资我辞职了", "employer_fault"),
        ("解除劳动合同", "terminated"),
        ("不是辞职，是被辞退", "dismissed"),
        ("没有辞职，是被裁员", "dismissed"),
        ("厂里裁人把我裁了", "dismissed"),
        ("厂里拖了两个月工资她才走的", "employer_fault"),
        ("交了两年", None),
    ],
)
def test_separation(reader, text, separation):
    assert read(reader, text).facts.separation == separation


@pytest.mark.parametrize(
    ("text", "separation"),
    [
        # "被辞退" is denied, but the shorter phrase "辞退" inside it is not
        ("我不是被辞退的，我是辞职的", "resigned"),
        ("没有被辞退", None),
    ],
)
def test_denied_separation(reader, text, separation):
    assert read(reader, text).facts.separation == separation


@pytest.mark.parametrize(
    ("entities", "separation"),
    [
        ([("separation", "dismissed")], "dismissed"),
        ([("separation", "")], None),
        ([("hukou", "local")], None),
    ],
)
def test_separation_from_entity(reader, entities, separation):
    assert read(reader, "我想领失业金", entities).facts.separation == separation


def test_text_wins_over_entity(reader):
    assert (
        read(reader, "我是自己辞职的", [("separation", "dismissed")]).facts.separation == "resigned"
    )


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("那我老婆交了1年半呢", "spouse"),
        ("我老公被辞退了", "spouse"),
        ("我女儿", "family"),
        ("我朋友交了两年", "friend"),
        ("说我自己", "self"),
        ("交了两年", None),
    ],
)
def test_person(reader, text, person):
    assert read(reader, text).person == person


@pytest.mark.parametrize(
    ("text", "hukou"),
    [
        ("外地城镇户口", "nonlocal_urban"),
        ("农村户口", "rural"),  # local or not not told (宁波 三: 外地农村合同制职工 only)
        ("外地农村户口", "nonlocal_rural"),
        ("本地户口", "local"),
        ("不是农村户口", None),
        # another kind of person compared with
        ("我能不能选按月领1395 像城镇户口那样", None),
    ],
)
def test_hukou(reader, text, hukou):
    assert read(reader, text).facts.hukou == hukou


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("农民工", "migrant"),
        ("我是农民合同制职工", "migrant"),
        ("个体户", "self_employed"),
        ("灵活就业", "flexible"),
        ("在工厂上班", None),
    ],
)
def test_work_kind(reader, text, kind):
    assert read(reader, text).facts.work_kind == kind


@pytest.mark.parametrize(
    ("text", "expired"),
    [
        ("失业金领完了", True),
        ("失业保险金领取期满", True),
        ("待遇领满了", True),
        ("失业金2020年6月领完的", True),
        ("被辞退", None),
    ],
)
def test_insurance_expired(reader, text, expired):
    assert read(reader, text).facts.insurance_expired is expired


@pytest.mark.parametrize(
    "text",
    [
        "合同期满单位不续签",  # the contract expired, not the insurance
        "失业金还没领完",  # denied
    ],
)
def test_insurance_not_expired(reader, text):
    assert read(reader, text).facts.insurance_expired is not True


def test_whole_message(reader):
    told = read(reader, "我老婆52岁，女的，外地农村户口，交了3年2个月，去年3月被辞退")
    assert told.person == "spouse"
    assert told.facts.age == 52
    assert told.facts.gender == "female"
    assert told.facts.hukou == "nonlocal_rural"
    assert told.facts.contribution_months == 38
    assert told.facts.separation == "dismissed"
    assert told.facts.left_on == Day(2025, 3)
