"""Sentence pieces read from the domain's responses."""

from __future__ import annotations

import pytest

from bot.phrases import DOMAIN_FILE, Phrases, default_phrases


def test_pieces_are_filled_from_the_domain():
    assert default_phrases().text("utter_fact_contribution_exact", months=18) == "18个月"


def test_a_missing_piece_or_value_fails_loudly():
    phrases = Phrases({"utter_x": "{a}个月"})
    with pytest.raises(KeyError):
        phrases.text("utter_y")
    with pytest.raises(KeyError):
        phrases.text("utter_x")


def test_from_domain_reads_the_first_text_variant(tmp_path):
    domain = tmp_path / "domain.yml"
    domain.write_text(
        'responses:\n  utter_a:\n    - text: "甲{x}"\n    - text: "乙"\n  utter_b:\n    - image: "x.png"\n',
        encoding="utf-8",
    )
    phrases = Phrases.from_domain(domain)
    assert phrases.text("utter_a", x=1) == "甲1"
    assert "utter_b" not in phrases.texts
    assert DOMAIN_FILE.name == "domain.yml"
