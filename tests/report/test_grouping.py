"""Grouping unanswered messages by similar wording."""

from __future__ import annotations

import pytest

from bot.report.grouping import Grouper, pairs, similarity


@pytest.mark.parametrize(
    "first, second, similar",
    [
        ("上海失业金怎么申请", "上海失业金怎么申请？", True),  # punctuation aside
        ("温州失业金一个月多少钱", "昆明失业金一个月多少钱", True),
        ("交了3年能领吗", "交了5年能领吗", True),  # digits aside
        ("上海失业金怎么申请", "电话是多少", False),
    ],
)
def test_similar_wording(first, second, similar):
    assert (similarity(pairs(first), pairs(second)) >= 0.5) is similar


def test_groups_count_texts_regions_and_kinds_largest_first():
    grouper = Grouper(threshold=0.5)
    for text, region in [
        ("上海失业金怎么申请", None),
        ("电话是多少", None),
        ("上海失业金怎么申请？", None),
        ("上海失业金怎么申请", None),
        ("北京失业金怎么申请", None),
    ]:
        grouper.add(text, region, "uncovered_region" if "申请" in text else "unresolved_place")
    largest, smallest = grouper.most_frequent(2)
    assert largest.count == 4 and smallest.count == 1
    assert largest.examples(1) == ["上海失业金怎么申请"]
    assert largest.kinds == {"uncovered_region": 4} and largest.regions == {"—": 4}


def test_distinct_texts_kept_per_group_are_bounded():
    grouper = Grouper(threshold=0.0, texts_per_group=3)  # everything in one group
    for number in range(10):
        grouper.add(f"问题{'甲乙丙丁戊己庚辛壬癸'[number]}", "宁波市", "fallback")
    (group,) = grouper.groups
    assert group.count == 10 and len(group.texts) == 3
