"""Every verdict as the guide words it: the findings of a line-by-line check, one row each.

Each row quotes the guide's own words (checked to be in the guide's text) and checks the
knowledge base, a verdict or a rendered reply against them. Numbers are the findings'.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Callable, List

import pytest

from bot.answers import Answerer, Context, Turn
from bot.knowledge.loader import KnowledgeBase, default_knowledge
from bot.knowledge.paths import KNOWLEDGE_DIR
from bot.knowledge.places import PlaceIndex
from bot.person.dates import Day
from bot.person.eligibility import Outcome, judge
from bot.person.facts import Facts
from bot.person.reader import FactReader
from bot.phrases import Phrases
from bot.topics.sections import where_case

TODAY = date(2026, 11, 27)
WENZHOU, JILIN, KUNMING, NINGBO = (
    "000_d61758b6ebbe3f67.txt",
    "001_d3b790f9aea1993e.txt",
    "002_98b988a87d0849d6.txt",
    "003_a8abed1dbd997863.txt",
)
_WIDTH = str.maketrans(",():;", "，（）：；")


def plain(text: str) -> str:
    """Text without spaces, with full-width punctuation (the guides mix both)."""
    return re.sub(r"\s+", "", text).translate(_WIDTH)


def guide_says(file: str, words: str) -> bool:
    return plain(words) in plain((KNOWLEDGE_DIR / "sources" / file).read_text(encoding="utf-8"))


KB = default_knowledge()
PHRASES = Phrases.from_domain()
READER = FactReader(KB.case_terms)


def benefit(region: str, benefit_id: str):
    return next(b for b in KB.regions[region].region.benefits if b.id == benefit_id)


def verdict(region: str, benefit_id: str, **facts) -> Outcome:
    eligibility = benefit(region, benefit_id).eligibility
    return judge(eligibility, Facts(**facts), TODAY).outcome


def replies(*messages: str) -> List[str]:
    answerer = Answerer(KB, clock=lambda: TODAY)
    context, texts = Context(), []
    for message in messages:
        context, answer = answerer.respond(context, Turn(message, "conditions"))
        texts = [PHRASES.text(r.response, **r.values) for r in answer]
    return texts


def one(texts: List[str]) -> str:
    return "\n".join(texts)


def check_1() -> None:
    assert (
        verdict(
            "ningbo",
            "unemployment_insurance",
            age=50,
            gender="female",
            contribution_months=36,
            separation="dismissed",
        )
        is Outcome.NO
    )
    assert (
        verdict(
            "ningbo",
            "unemployment_insurance",
            age=49,
            gender="female",
            contribution_months=36,
            separation="dismissed",
        )
        is Outcome.YES
    )
    assert (
        verdict(
            "ningbo",
            "unemployment_insurance",
            age=60,
            gender="male",
            contribution_months=36,
            separation="dismissed",
        )
        is Outcome.NO
    )
    assert "超出了年龄段" in one(replies("宁波，女，50岁，被辞退，交了3年"))


def check_2() -> None:
    for name, text in PHRASES.texts.items():
        if "12333" in text and "{" not in text:
            assert "助手补充" in text, name


def check_3() -> None:
    point = next(
        p for p in benefit("jilin", "unemployment_subsidy").points if p.id == "rejected_online"
    )
    assert "重新提交" not in point.text and "修改或删除" in point.text


def check_4() -> None:
    assert READER.read("公司不交社保我就辞职了", TODAY).facts.separation == "resigned_employer"
    assert (
        verdict(
            "ningbo",
            "unemployment_insurance",
            contribution_months=36,
            separation="resigned_employer",
        )
        is Outcome.NOT_IN_GUIDE
    )
    assert "❓" in one(replies("宁波交了3年，公司不交社保我就辞职了，能领吗"))


def check_5() -> None:
    conditions = benefit("ningbo", "unemployment_insurance").conditions
    assert "1966年8月出生" in conditions.intro and "2016年7月前办理" in conditions.intro


def check_6() -> None:
    steps = "".join(benefit("kunming", "unemployment_insurance").steps.items)
    for field in ("发放对象", "发放方式", "金融机构编码", "户名", "领取人姓名", "领取人证件号码"):
        assert field in steps


def check_7() -> None:
    assert "预领取信息" in benefit("kunming", "unemployment_insurance").progress.text


def check_8() -> None:
    subsidy = next(b for b in KB.national.benefits if b.id == "unemployment_subsidy")
    assert "目前仍处于失业状态" in subsidy.summary and "原单位已办理减员业务" in subsidy.summary


def check_9() -> None:
    assert "本人提出" not in PHRASES.texts["utter_line_separation_not_met"]
    jilin = one(replies("吉林，交了3年被辞退了，失业金还没领完，能领补助金吗"))
    assert "两个特征" not in jilin and "宁波" not in jilin
    ningbo = one(replies("宁波交了两年，个人原因辞职的，能领吗"))
    assert "两个特征" in ningbo


def check_10() -> None:
    insurance = next(b for b in KB.national.benefits if b.id == "unemployment_insurance")
    assert "五、常见问题解答" in insurance.source.section
    assert "宁波的指南" in insurance.summary


def check_11() -> None:
    assert (
        READER.read("单位把我调到外地，我就辞职了", TODAY).facts.separation == "resigned_employer"
    )
    assert (
        verdict(
            "ningbo",
            "unemployment_insurance",
            contribution_months=24,
            separation="resigned_employer",
        )
        is Outcome.NOT_IN_GUIDE
    )
    assert (
        verdict("ningbo", "unemployment_insurance", contribution_months=24, separation="resigned")
        is Outcome.DEPENDS
    )
    assert (
        verdict(
            "ningbo", "unemployment_insurance", contribution_months=24, separation="resigned_own"
        )
        is Outcome.NO
    )


def check_12() -> None:
    facts = READER.read("一共交了18个月，两份工作，最后一份干了7个月", TODAY).facts
    assert (facts.contribution_months, facts.continuous_months) == (18, 7)
    assert (
        verdict(
            "ningbo",
            "migrant_allowance",
            contribution_months=18,
            continuous_months=7,
            separation="dismissed",
        )
        is Outcome.NO
    )


def check_13() -> None:
    assert (
        verdict("jilin", "unemployment_subsidy", left_on=Day(2019, 6), insurance_expired=True)
        is Outcome.YES
    )


def check_14() -> None:
    text = one(replies("吉林，2019年6月失业的，失业金2020年6月领完了还没找到工作，能领补助金吗"))
    headline = text.splitlines()[0]
    assert "2020年3月至12月期间可以申领" in headline
    assert "现在是否还能申领，指南没有写" in headline


def check_15() -> None:
    on_site = [d.item for d in benefit("jilin", "unemployment_subsidy").documents.on_site]
    assert any("本人身份证、银行卡、存折" in item for item in on_site)
    assert not any("或存折" in item for item in on_site)


def check_16() -> None:
    query = PlaceIndex(KB).resolve("温州市区")
    assert query.region == "wenzhou"
    assert all(area.name != "市本级" for area in query.areas)


def check_17() -> None:
    assert READER.read("我在宁波有居住证", TODAY).facts.hukou is None
    guide = Answerer(KB).answering.guide
    data = KB.regions["ningbo"]
    rural = Context(region_id="ningbo", facts=Facts(hukou="nonlocal_rural"))
    found = where_case(guide, data, rural)
    assert found is not None and "工作单位所在地" in found[1].text
    # "农民工" without a hukou may be local: no case is picked, the whole rule is given
    migrant = Context(region_id="ningbo", facts=Facts(work_kind="migrant"))
    assert where_case(guide, data, migrant) is None


FINDINGS = [
    (
        1,
        NINGBO,
        "法定劳动年龄段(女16-50周岁,男16-60周岁,例女A,1966年8月出生,失业必须在2016年7月前办理)",
        check_1,
    ),
    (2, NINGBO, "0574-12333", check_2),
    (3, JILIN, "并可对审核未通过的申请进行修改或删除", check_3),
    (
        4,
        NINGBO,
        "(5)因用人单位克扣、拖欠工资,或者不按规定支付延长工作时间劳动报酬,提出解除劳动合同的;",
        check_4,
    ),
    (5, NINGBO, "例女A,1966年8月出生,失业必须在2016年7月前办理", check_5),
    (
        6,
        KUNMING,
        "“金融机构编码”、“ 户名”、“ 领取人姓名”和“领取人证件号码”为系统自动提取数据项",
        check_6,
    ),
    (
        7,
        KUNMING,
        "提交完成后可在“申领失业保险待遇”—“失业保险待遇查询”中查询待遇的预领取信息",
        check_7,
    ),
    (8, JILIN, "目前仍处于失业状态的失业人员，且原单位已办理减员业务", check_8),
    (9, NINGBO, "因本人意愿中断就业,必须同时具备两个特征", check_9),
    (10, NINGBO, "(二)失业金可以领取多久?", check_10),
    (11, NINGBO, "如只具备其中一个特征,则为“非因本人意愿中断就业的”", check_11),
    (12, NINGBO, "农民合同制职工连续工作满一年", check_12),
    (13, JILIN, "2020年3月至12月，领取失业保险金期满仍未就业的失业人员", check_13),
    (14, JILIN, "二、申领条件：2020年3月至12月", check_14),
    (15, JILIN, "激活金融功能社会保障卡，或本人身份证、银行卡、存折", check_15),
    (16, WENZHOU, "市本级", check_16),
    (17, NINGBO, "外地农村合同制职工在其本人工作单位所在地镇(街道)失业保险经办机构申报", check_17),
]


@pytest.mark.parametrize(
    ("number", "file", "words", "check"), FINDINGS, ids=[str(f[0]) for f in FINDINGS]
)
def test_finding(number: int, file: str, words: str, check: Callable[[], None]) -> None:
    assert guide_says(file, words), f"finding {number}: the quoted words are not in {file}"
    check()


def test_every_finding_has_a_row() -> None:
    assert [row[0] for row in FINDINGS] == list(range(1, 18))


def test_no_region_rule_in_another_regions_verdict(knowledge: KnowledgeBase) -> None:
    """A check's note (its region's rule) appears only under that region's citation."""
    notes = {
        data.region.id: [
            c.note
            for b in data.region.benefits
            if b.eligibility
            for c in (*b.eligibility.checks, *(x for g in b.eligibility.groups for x in g.checks))
            if c.note
        ]
        for data in knowledge.regions.values()
    }
    jilin = one(replies("吉林，交了2年，个人原因辞职，失业金没领过，能领补助金吗"))
    for note in notes["ningbo"]:
        assert note not in jilin
