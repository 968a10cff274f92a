"""The bottom menu on WeChat: CLICK keys to assistant messages, and the platform's menu body.

The menu itself is ``bot/menu.yml`` (shared with the web chat page and the greeting).
"""

from __future__ import annotations

import json
from typing import Dict, Optional

from bot.channels.payloads import payload_of
from bot.menu import menu_button, menu_items


def payload_for_key(key: str) -> Optional[str]:
    """The message a CLICK key stands for, or None for an unknown key."""
    button = menu_button(key)
    return payload_of(button) if button else None


def platform_menu() -> Dict[str, object]:
    """The body of the platform's ``/cgi-bin/menu/create`` call."""
    return {
        "button": [
            {"type": "click", "name": item.button.title, "key": item.key} for item in menu_items()
        ]
    }


if __name__ == "__main__":
    print(json.dumps(platform_menu(), ensure_ascii=False, indent=2))
