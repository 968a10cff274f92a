"""Personal answers end to end through the answerer: verdicts, totals, ask-backs, corrections.

The clock is fixed (2026-11-27) so that "上个月15号" and the 2020 policy window are stable.
"""

from __future__ import annotations

from datetime import date
from typing import List, Optional, Tuple

import pytest

from bot.answers import Answerer, Context, Turn
from bot.phrases import Phrases

TODAY = date(2026, 11, 27)


@pytest.fixture(scope="module")
def fixed(knowledge) -> Answerer:
    """An answerer whose today is 2026-11-27."""
    return Answerer(knowledge, clock=lambda: TODAY)


@pytest.fixture(scope="module")
def phrases() -> Phrases:
    """The domain's responses."""
    return Phrases.from_domain()


def play(answerer: Answerer, phrases: Phrases, turns) -> Tuple[Context, List[str], list]:
    """Play (text, topic[, yes_no]) turns; the last context, texts and replies."""
    context = Context()
    replies: list = []
    for text, topic, *rest in turns:
        yes_no: Optional[bool] = rest[0] if rest else None
        context, replies = answerer.respond(context, Turn(text, topic, yes_no=yes_no))
    texts = [phrases.text(r.response, **r.values) for r in replies]
    return context, texts, replies


CASES = [
    # verdicts: the first line decides, the reason is the guide's condition
    ([("宁波缴费8个月，能申请失业保险金吗", "conditions")], "❌", ["不满12个月"]),
    ([("宁波，男，62岁，能领失业金吗", "conditions")], "❌", ["62岁", "男16—60周岁"]),
    ([("宁波，女，52岁，交了三年，被辞退了，能领吗", "conditions")], "❌", ["女16—50周岁"]),
    (
        [("宁波交了两年，被公司辞退了，能领吗", "conditions")],
        "✅",
        ["属于“非因本人意愿中断就业”", "法定劳动年龄段"],
    ),
    (
        [("宁波交了两年，我是自己辞职的，能领吗", "conditions")],
        "能不能领",
        ["因为什么辞职", "个人原因"],
    ),
    (
        [("宁波交了两年，个人原因辞职的，能领吗", "conditions")],
        "❌",
        ["因个人原因本人提出辞职", "不符合", "两个特征"],
    ),
    (
        [("宁波交了两年，单位把我调到外地，我就辞职了，能领吗", "conditions")],
        "❓",
        ["这种情况算不算", "两个特征"],
    ),
    ([("宁波单位拖欠工资我辞职了，交了3年，能领吗", "conditions")], "✅", ["拖欠工资"]),
    (
        [("我在宁波，合同到期公司不续签，能领失业金吗", "conditions")],
        "能不能领",
        ["属于“非因本人意愿中断就业”", "累计缴了多久"],
    ),
    (
        [("吉林，2020年8月失业金领完了还没找到工作，能领补助金吗", "conditions")],
        "✅ 按您说的情况，2020年3月至12月期间可以申领",
        ["现在是否还能申领，指南没有写"],
    ),
    (
        [("吉林，我2020年5月失业的，当时没交满一年，能领补助金吗", "conditions")],
        "✅",
        ["实际缴费不足1年"],
    ),
    (
        [("吉林的，2019年失业的能领失业补助金吗", "conditions")],
        "能不能领",
        ["失业保险金领完了", "指南只写了2020年3月至12月", "指南没有写"],
    ),
    (
        [("吉林，交了3年被辞退了，失业金还没领完，能领补助金吗", "conditions")],
        "❓",
        ["不是“领取失业保险金期满仍未就业”", "吉林的指南只写了"],
    ),
    (
        [("吉林，交了3年合同到期了，失业金还没领完，能领补助金吗", "conditions")],
        "❌",
        ["不是“领取失业保险金期满仍未就业”"],
    ),
    ([("温州失业金能领吗", "conditions")], "《", ["没有讲到温州市的领取条件", "助手补充"]),
    # totals and duration
    ([("宁波交了4年，一共能领多少钱", "amount")], "一共约8370元", ["6个月", "2015年11月"]),
    ([("宁波交了5年总共能领多少失业金", "amount")], "一共约11160元", []),
    ([("宁波缴费一年零六个月能领几个月", "duration")], "可以领3个月", ["4185"]),
    (
        [("宁波农民工干了4年合同解除了，一次性生活补助多少钱", "migrant")],
        "宁波市·农民合同制职工一次性生活补助约4185元",
        [],
    ),
    ([("宁波失业金一个月多少钱", "amount")], "宁波市·失业保险金：每月标准", ["1395"]),
    ([("温州失业金一个月多少钱", "amount")], "《", ["没有写每月能领多少钱"]),
    # the ask-back, answered by a short reply or a yes/no button
    ([("宁波合同到期没续签，能领失业金吗", "conditions"), ("交了两年", None)], "✅", ["24个月"]),
    ([("宁波交了两年能领吗", "conditions"), ("被辞退的", None)], "✅", ["被单位辞退"]),
    (
        [("吉林补助金我能领吗", "conditions"), ("是", None, True)],
        "✅",
        ["领取失业保险金期满仍未就业"],
    ),
    # corrections and another person's case
    ([("宁波交了3年能领几个月", "duration"), ("说错了，是两年", None)], "可以领3个月", []),
    (
        [("宁波交了3年能领几个月", "duration"), ("那我老婆交了1年半呢", None)],
        "您爱人：可以领3个月",
        [],
    ),
    (
        [
            ("宁波交了3年，自己辞职的，能领吗", "conditions"),
            ("那我老公呢，被裁员了，交了两年", None),
        ],
        "✅ 您爱人：",
        [],
    ),
    ([("昆明五华区在哪办", "address"), ("不好意思，是盘龙区", None)], "", ["北京路481号"]),
    # deadlines, side questions, several questions at once
    (
        [("宁波，我是上个月15号被辞退的，现在去申报还来得及吗", "deadline")],
        "还来得及",
        ["60日", "还剩约17天"],
    ),
    ([("宁波，我2026年8月1日被辞退的，还能申报吗", "deadline")], "按指南已经超过60日了", []),
    ([("宁波离职多久内要去申报", "deadline")], "宁波市·失业保险金：", ["60日内", "哪天离职"]),
    (
        [("昆明申请失业金要选医保吗", "online")],
        "昆明市·失业保险金：网上申领时，要按照提示选择缴纳医保",
        ["代缴医保"],
    ),
    ([("昆明网上申请没通过怎么办", "online")], "昆明市·失业保险金：审批不通过", []),
    ([("宁波个体户办失业金还要什么", "documents")], "宁波市·失业保险金：个体工商户", ["营业执照"]),
    (
        [("我是外地城镇户口，在宁波有居住证，失业了去哪申报", "process")],
        "宁波市·失业保险金：外地城镇户籍",
        ["居住证）所在地"],
    ),
    (
        [("宁波外地农村户口的农民工在哪申报", "process")],
        "宁波市·失业保险金：外地农村合同制职工",
        ["工作单位所在地"],
    ),
    (
        [("温州鹿城区办失业金带什么，在哪", "documents")],
        "温州市·失业保险金到窗口办理请带",
        ["车站大道554号"],
    ),
    (
        [("我想问一下昆明官渡区的失业保险科在什么地方电话多少", "address")],
        "",
        ["关兴路320号", "67163470"],
    ),
    # found by a probe: age without 岁, the gender a kin word tells, relative dates
    ([("宁波，男，61了，交了10年，被辞退，能领吗", "conditions")], "❌", ["61岁"]),
    (
        [("我在宁波，我妈56岁被单位辞退了，交了15年，能领吗", "conditions")],
        "❌ 您的家人：",
        ["女，56岁"],
    ),
    (
        # the 60 days decide first: passed by the person's own dates, and who to ask now
        [("宁波，我3个月前被辞退的，交了5年，现在还能申请吗", "conditions")],
        "⏰ 指南要求离职后60日内申报",
        ["已经过了", "指南没有写", "12333"],
    ),
    ([("宁波，我上周被辞退的，交了3年，现在去申请来得及吗", "deadline")], "还来得及", ["还剩约"]),
    # a rural contract worker: the allowance, and where such workers declare
    (
        [("宁波外地农村户口，合同到期单位不续，交了2年，能拿多少", "amount")],
        "宁波市·农民合同制职工一次性生活补助约2092.5元",
        [],
    ),
    (
        [("我是农村户口的农民工，在宁波打工被辞退了，在哪申报", "address")],
        "宁波市·失业保险金：农村户籍",
        ["外地农村合同制职工，到本人工作单位所在地"],
    ),
    (
        [("我是安徽农村户口的农民工，在宁波打工被辞退了，在哪申报", "address")],
        "宁波市·失业保险金：外地农村合同制职工",
        [],
    ),
    # a side question the region's guide does not answer
    (
        [("宁波领失业金期间医保怎么办", "process")],
        "《宁波市失业保险金领取指南》没有写领失业金期间的医保",
        [],
    ),
    # facts without a question: where the person stands
    ([("宁波交了一年半，被裁了", None)], "✅", ["18个月"]),
    # a correction that turns the verdict: said first that it changed
    (
        [("宁波交了一年半，被裁了", None), ("记错了，是交了半年", None)],
        "按您刚才说的",
        ["❌", "6个月"],
    ),
    # the same verdict asked again: its headline and deciding lines, not the block again
    (
        [("宁波交了半年，被裁了", None), ("那我到底能不能领", None)],
        "❌ 结论和上面一样",
        ["✘ 缴费6个月"],
    ),
    # a verdict beside a computed topic that cannot be computed yet: one question, not two
    ([("宁波，被辞退了，不知道交了多久，能领吗", "conditions")], "能不能领", []),
]


@pytest.mark.parametrize(("turns", "first", "contains"), CASES, ids=lambda v: str(v)[:24])
def test_personal_answers(fixed, phrases, turns, first, contains):
    _, texts, _ = play(fixed, phrases, turns)
    text = "\n".join(texts)
    assert texts and texts[0].startswith(first), texts
    for piece in contains:
        assert piece in text, text


def test_the_ask_back_remembers_what_it_asked(fixed, phrases):
    context, _, replies = play(fixed, phrases, [("宁波合同到期没续签，能领失业金吗", "conditions")])
    assert context.requested == "contribution"
    context, _, replies = play(fixed, phrases, [("宁波交了两年能领吗", "conditions")])
    assert context.requested == "separation"
    assert [b.title for b in replies[-1].buttons][:2] == ["合同到期不续签", "被单位辞退"]


def test_a_verdict_fits_a_phone_screen(fixed, phrases):
    for turns, *_ in CASES:
        _, texts, _ = play(fixed, phrases, turns)
        body = [line for t in texts for line in t.splitlines() if not line.startswith("来源")]
        if texts[0][:1] in "✅❌❓":
            assert len("".join(body)) <= 450, texts
