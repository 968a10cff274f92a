"""The committed NLU assets are what ``python -m bot.nlu_assets`` makes of the knowledge base."""

from __future__ import annotations

import pytest

from bot.knowledge.paths import REPO_ROOT
from bot.nlu_assets import JIEBA_FILE, LOOKUPS_FILE, generated_files


@pytest.fixture(scope="module")
def fresh(knowledge):
    """Every generated asset as a fresh generation from the knowledge base writes it."""
    return generated_files(knowledge)


def test_lookups_and_dictionary_are_the_generated_assets(fresh):
    assert set(fresh) == {LOOKUPS_FILE, JIEBA_FILE}


@pytest.mark.parametrize("path", [LOOKUPS_FILE, JIEBA_FILE], ids=lambda path: path.name)
def test_committed_asset_matches_a_fresh_generation(fresh, path):
    committed = path.read_text(encoding="utf-8")
    assert committed == fresh[path], f"{path.relative_to(REPO_ROOT)} is stale: run `make assets`"
