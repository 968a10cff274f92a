"""Shared fixtures (the knowledge base, an answerer), and no skipping in CI.

With ``CI=true`` a test that would be skipped (a server, a browser or py-spy missing)
fails instead: a suite that did not run must not pass unseen.
"""

from __future__ import annotations

import os

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


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Under ``CI=true``, report a skipped test as failed, with the reason it gave."""
    outcome = yield
    report = outcome.get_result()
    if os.environ.get("CI") == "true" and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"skipped under CI=true (a skip would hide a suite): {reason}"
