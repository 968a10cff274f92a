"""The account's bottom menu (``bot/menu.yml``): one definition for every place it shows.

WeChat's menu (CLICK keys), the web chat page's menu bar and the greeting's quick
replies all read it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional, Tuple

import yaml

from bot.replies import Button

MENU_FILE = Path(__file__).resolve().with_name("menu.yml")


@dataclass(frozen=True)
class MenuItem:
    """One menu entry: the platform's CLICK key and the button it stands for."""

    key: str
    button: Button


@lru_cache(maxsize=1)
def _menu(path: Path = MENU_FILE) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def menu_items() -> Tuple[MenuItem, ...]:
    """The entries of the menu, in order."""
    return tuple(
        MenuItem(str(item["key"]), Button(str(item["name"]), str(item["intent"])))
        for item in _menu()["buttons"]
    )


def menu_buttons() -> Tuple[Button, ...]:
    """The menu's buttons, in order."""
    return tuple(item.button for item in menu_items())


def menu_button(key: str) -> Optional[Button]:
    """The button a CLICK key stands for, or None for an unknown key."""
    return next((item.button for item in menu_items() if item.key == key), None)


def continue_keyword() -> str:
    """What a user types to get the rest of a long reply."""
    return str(_menu()["continue_keyword"])
