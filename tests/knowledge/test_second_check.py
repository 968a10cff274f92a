"""The second line-by-line check of every non-office fact (docs/checks/second_check.md).

One row per problem it found: the guide's own words (checked to be in the guide's text)
and a check of the knowledge base, a verdict or a reply against them. Numbers are the
check's (P1–P27).
"""

from __future__ import annotations

from typing import Callable

import pytest

from bot.knowledge.loader import default_knowledge
from bot.person.eligibility import Outcome
from tests.knowledge.test_guide_wording import (
    JILIN,
    KUNMING,
    NINGBO,
    PHRASES,
    READER,
    TODAY,
    WENZHOU,
    guide_says,
    one,
    replies,
    verdict,
)

KB = default_knowledge()


def point(region: str, point_id: str):
    return next(p for b in KB.regions[region].region.benefits for p in b.points if p.id == point_id)


def response(name: str) -> str:
    return PHRASES.texts[name]


def p1() -> None:
    assert READER.read("我自己把工作辞掉了", TODAY).facts.separation == "resigned"
    assert READER.read("公司把我辞掉了", TODAY).facts.separation == "dismissed"
    assert READER.read("被辞掉了", TODAY).facts.separation == "dismissed"


def p2() -> None:
    assert READER.read("我是农村户口", TODAY).facts.hukou == "rural"
    texts = one(replies("我是安徽农村户口的农民工，在宁波打工，去哪里申报"))
    assert "外地农村合同制职工" in texts


def p3() -> None:
    label = KB.case_terms.separation["resigned_employer"].label
    assert "单位的原因" not in label
    texts = one(replies("宁波交了两年，单位把我调到外地，我就辞职了，能领吗"))
    assert "只具备其中一个的，仍为非因本人意愿" in texts


def p4() -> None:
    assert "不看有没有这份证明" not in point("ningbo", "certificate").text
    assert "办理材料之一" in point("ningbo", "certificate").text


def p5() -> None:
    migrant = next(b for b in KB.regions["ningbo"].region.benefits if b.id == "migrant_allowance")
    assert migrant.amount is not None and "2015年11月" in migrant.amount.text


def p6() -> None:
    offices = KB.regions["wenzhou"].region.offices
    assert "市本级" in (offices.main_office_label or "")


def p7() -> None:
    texts = one(replies("社保在沈阳交的，现在在长春，吉林的补助金在哪里申领"))
    assert "最后参保地" in texts and "沈阳" in texts


def p8() -> None:
    # the guide lists "本人身份证、银行卡、存折" and does not say whether both cards are
    # needed (round 9): the wording is quoted and left open, not read as "bring all three"
    texts = one(replies("吉林的", "现场办要带存折吗"))
    assert "没有写银行卡和存折是两样都要" in texts and "不用样样都带" not in texts
    assert "要一起带齐" not in texts


def p9() -> None:
    for region, point_id in (
        ("jilin", "benefit_lookup"),
        ("jilin", "times"),
        ("jilin", "system_fields"),
        ("wenzhou", "system_fields"),
    ):
        assert point(region, point_id).text


def p10() -> None:
    assert "二、窗口申领" in point("wenzhou", "bank_card").section
    assert "（三）" in point("jilin", "app_name").section
    assert point("jilin", "late_claim").section == "二、申领条件"


def p11() -> None:
    assert "本人银行借记卡" not in point("jilin", "bank_card").text


def p12() -> None:
    assert "阶段性政策" not in point("jilin", "late_claim").text
    assert "阶段性政策" not in response("utter_line_period_over")


def p13() -> None:
    common = {"contribution_months": 24, "insurance_expired": False}
    assert (
        verdict("jilin", "unemployment_subsidy", separation="dismissed", **common)
        is Outcome.NOT_IN_GUIDE
    )
    assert (
        verdict("jilin", "unemployment_subsidy", separation="contract_ended", **common)
        is Outcome.NO
    )


def p14() -> None:
    summary = next(b for b in KB.national.benefits if b.id == "unemployment_subsidy").summary
    assert "原单位已办理减员业务的）" in summary


def p15() -> None:
    texts = one(replies("温州的", "失业保险金和失业补助金有什么区别"))
    assert "温州市的指南没有写两种待遇的区别" in texts


def p16() -> None:
    summary = next(b for b in KB.national.benefits if b.id == "migrant_allowance").summary
    assert summary.startswith("宁波的指南")


def p17() -> None:
    assert "前提是符合领取条件" in response("utter_duration_result")
    assert "前提是符合领取条件" in response("utter_amount_total")


def p18() -> None:
    assert "最后这家单位" not in response("utter_ask_fact_continuous_work")


def p19() -> None:
    assert "累计" not in response("utter_line_contribution_met")


def p20() -> None:
    assert "指南列出的情形里没有这一种" not in response("utter_line_separation_undecided")


def p21() -> None:
    assert "回答都来自" not in response("utter_bot_challenge")


def p22() -> None:
    texts = one(replies("审批一般要几天啊"))
    assert "12333（全国人社服务热线，助手补充，非指南内容）" in texts


def p23() -> None:
    assert "指南没有写" in (point("kunming", "bank_card").office_text or "")


def p24() -> None:
    subsidy = next(
        b for b in KB.regions["wenzhou"].region.benefits if b.id == "unemployment_subsidy"
    )
    assert subsidy.steps is not None and any("为例" in step for step in subsidy.steps.items)


def p25() -> None:
    assert "不用跑窗口" not in response("utter_process_online_too")


def p26() -> None:
    documents = KB.case_terms.documents
    assert "户籍证明" not in documents["hukou_book"].phrases
    assert "电子社保卡" not in documents["social_card"].phrases
    assert "失业证明" not in documents["separation_certificate"].phrases
    texts = one(replies("宁波的", "要带户籍证明吗"))
    assert "没有叫“户籍证明”的" in texts


def p27() -> None:
    assert READER.read("公司搬迁了", TODAY).facts.separation == "relocated"
    assert READER.read("公司搬迁，我就辞职了", TODAY).facts.separation == "resigned_employer"


ROWS = [
    (1, NINGBO, "(2)被用人单位解除劳动合同的", p1),
    (2, NINGBO, "外地农村合同制职工在其本人工作单位所在地镇(街道)失业保险经办机构申报", p2),
    (3, NINGBO, "如只具备其中一个特征,则为“非因本人意愿中断就业的”", p3),
    (4, NINGBO, "1、宁波市用人单位终止(解除)劳动合同证明书", p4),
    (5, NINGBO, "2015年11月起,每月失业金标准为1395元", p5),
    (6, WENZHOU, "市本级", p6),
    (7, JILIN, "到失业保险最后参保地社会保险局申领", p7),
    (8, JILIN, "激活金融功能社会保障卡，或本人身份证、银行卡、存折", p8),
    (9, JILIN, "点击“同步审批结果”", p9),
    (10, JILIN, "“长春社会保险”微信公众号", p10),
    (11, JILIN, "尚未领取社会保障卡的需录入银行借记卡", p11),
    (12, JILIN, "二、申领条件：2020年3月至12月", p12),
    (13, JILIN, "实际缴费满1年但因本人原因解除劳动合同", p13),
    (14, JILIN, "目前仍处于失业状态的失业人员，且原单位已办理减员业务", p14),
    (15, WENZHOU, "申领失业补助金/失业保险金", p15),
    (16, NINGBO, "农民合同制职工连续工作满一年", p16),
    (17, NINGBO, "(二)失业金可以领取多久?", p17),
    (18, NINGBO, "农民合同制职工连续工作满一年", p18),
    (19, NINGBO, "失业前用人单位和本人已按照规定履行缴费义务满一年", p19),
    (20, JILIN, "因本人原因解除劳动合同", p20),
    (21, KUNMING, "昆明市失业保险金网上申领指南", p21),
    (22, NINGBO, "0574-12333", p22),
    (23, KUNMING, "申领人本人银行卡", p23),
    (24, WENZHOU, "以失业保险金申领为例", p24),
    (25, KUNMING, "审批不通过的可与经办机构联系或到经办窗口进行经办", p25),
    (26, NINGBO, "户口薄(原件及复印件)", p26),
    (27, NINGBO, "(2)被用人单位解除劳动合同的", p27),
]


def check_row(label: str, file: str, words: str, check: Callable[[], None]) -> None:
    """A problem's row: the guide says the words quoted, and the check holds."""
    assert guide_says(file, words), f"{label}: the quoted words are not in {file}"
    check()


@pytest.mark.parametrize(("number", "file", "words", "check"), ROWS, ids=[str(r[0]) for r in ROWS])
def test_problem(number: int, file: str, words: str, check: Callable[[], None]) -> None:
    check_row(f"P{number}", file, words, check)


def test_every_problem_has_a_row() -> None:
    assert [row[0] for row in ROWS] == list(range(1, 28))
