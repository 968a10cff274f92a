"""Realistic multi-turn conversations generated from the knowledge base."""

from __future__ import annotations

import random
from typing import List

from bot.knowledge.loader import KnowledgeBase

Conversation = List[str]


def assistant_conversations(knowledge: KnowledgeBase, seed: int = 7) -> List[Conversation]:
    """Every region, area and topic, with follow-ups, in a shuffled but fixed order."""
    conversations: List[Conversation] = []
    for data in knowledge.regions.values():
        region = data.region
        short = region.short_name
        conversations += [
            [f"我在{short}", "需要准备哪些材料", "网上怎么申请"],
            [f"{short}失业金能领多久", "交了两年", "每月多少钱"],
            [f"{short}领失业金要什么条件", "怎么查办理进度"],
            ["失业保险金和失业补助金有什么区别", f"{short}的呢"],
            [f"{short}在哪里办理", "电话是多少"],
        ]
        for office in data.offices:
            conversations.append([f"{short}{office.area}失业保险在哪办", "电话是多少", "几点上班"])
    conversations += [
        ["你好", "宁波农民工一次性生活补助", "交了3年", "谢谢"],
        ["上海失业金怎么领", "再见"],
    ]
    random.Random(seed).shuffle(conversations)
    return conversations


STARTER_CONVERSATIONS: List[Conversation] = [
    ["hello", "I am feeling great", "bye"],
    ["hi", "very sad", "yes", "goodbye"],
    ["hey", "are you a bot?", "bye"],
    ["good morning", "not good", "no", "see you"],
]
