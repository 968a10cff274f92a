"""Sentence pieces from the domain's responses, for answers built of several lines.

A verdict lists one line per condition; each line is a domain response
(``utter_line_…``) filled here, so every Chinese sentence stays in ``domain.yml``.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Dict, Mapping

import yaml

from bot.knowledge.paths import REPO_ROOT

DOMAIN_FILE = REPO_ROOT / "domain.yml"


class Phrases:
    """The first text variant of each domain response, filled with values."""

    def __init__(self, texts: Mapping[str, str]) -> None:
        self.texts = dict(texts)

    def text(self, name: str, **values: object) -> str:
        """Response ``name`` filled with ``values`` (``KeyError`` if either is missing)."""
        return self.texts[name].format(**values)

    @classmethod
    def from_domain(cls, path: Path = DOMAIN_FILE) -> Phrases:
        """The responses of a domain file."""
        domain = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        texts: Dict[str, str] = {}
        for name, variants in (domain.get("responses") or {}).items():
            if variants and variants[0].get("text"):
                texts[name] = variants[0]["text"]
        return cls(texts)


@lru_cache(maxsize=1)
def default_phrases() -> Phrases:
    """The repository domain's responses, read once per process."""
    return Phrases.from_domain()
