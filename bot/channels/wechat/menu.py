"""The bottom menu: CLICK keys to assistant messages, and the platform's menu body."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, Tuple

import yaml

MENU_FILE = Path(__file__).resolve().with_name("menu.yml")


@dataclass(frozen=True)
class MenuButton:
    """One CLICK button."""

    key: str
    name: str
    payload: str


@lru_cache(maxsize=1)
def menu_buttons(path: Path = MENU_FILE) -> Tuple[MenuButton, ...]:
    """The buttons of the menu file."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return tuple(MenuButton(**button) for button in data["buttons"])


@lru_cache(maxsize=1)
def continue_keyword(path: Path = MENU_FILE) -> str:
    """What a user types to get the rest of a long reply."""
    return str(yaml.safe_load(path.read_text(encoding="utf-8"))["continue_keyword"])


def payload_for_key(key: str) -> str | None:
    """The message a CLICK key stands for, or None for an unknown key."""
    return {button.key: button.payload for button in menu_buttons()}.get(key)


def platform_menu() -> Dict[str, object]:
    """The body of the platform's ``/cgi-bin/menu/create`` call."""
    return {
        "button": [
            {"type": "click", "name": button.name, "key": button.key} for button in menu_buttons()
        ]
    }


if __name__ == "__main__":
    print(json.dumps(platform_menu(), ensure_ascii=False, indent=2))
