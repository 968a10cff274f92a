"""What a message asks besides its intent: a verdict, or several topics in order."""

from __future__ import annotations

import pytest

from bot.dialogue.questions import default_cues


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("我能领失业金吗", True),
        ("宁波缴费8个月，能申请失业保险金吗", True),
        ("能不能领补助金", True),
        ("我有没有资格", True),
        ("我符合领取条件吗", True),
        ("能领多少钱", False),
        ("能领几个月", False),
        ("在哪办", False),
    ],
)
def test_a_verdict_is_asked(text, verdict):
    assert default_cues().wants_verdict(text) is verdict


@pytest.mark.parametrize(
    ("text", "topics"),
    [
        # two questions: both, in the order asked
        ("温州鹿城区办失业金带什么，在哪", ["documents", "address"]),
        # address and phone together count as one office question (its reply has both)
        ("官渡区的失业保险科在什么地方电话多少", ["phone"]),
        ("官渡区在什么地方电话多少，要带什么", ["phone", "documents"]),
        ("宁波，上个月被辞退的，现在去申报还来得及吗", ["deadline"]),
        # a means before a verdict cue asks how, not whether
        ("网上能申请吗", ["online"]),
        ("谢谢", []),
    ],
)
def test_topics_in_order(text, topics):
    assert default_cues().topics_in(text) == topics


def test_no_place_role_matches_an_empty_text():
    """A role whose words are all optional would give every place that role."""
    cues = default_cues()
    for role, after, before in cues.place_roles:
        assert not after.search(""), role
        assert not before.search(""), role


@pytest.mark.parametrize(
    ("text", "topics"),
    [
        ("office address pls", ["address"]),
        # English words between Chinese ones: no word boundary there
        ("那其他documents呢 full list pls", ["documents"]),
        ("what do I need to bring", ["documents"]),
        ("appliance", []),
    ],
)
def test_english_topics(text, topics):
    assert default_cues().english_topics(text) == topics
