"""Shared fixtures: the repository's knowledge base and an answerer over it."""

from __future__ import annotations

import pytest

from bot.answers import Answerer
from bot.knowledge.loader import KnowledgeBase, load_knowledge


@pytest.fixture(scope="session")
def knowledge() -> KnowledgeBase:
    """The repository's knowledge base, loaded and validated."""
    return load_knowledge()


@pytest.fixture(scope="session")
def answerer(knowledge: KnowledgeBase) -> Answerer:
    """An answerer over the repository's knowledge base."""
    return Answerer(knowledge)
