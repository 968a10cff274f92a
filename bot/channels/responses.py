"""The channels' own sentences: the first text of a domain response (all text is in domain.yml)."""

from __future__ import annotations

from typing import Any, Mapping

from sanic.request import Request


def first_text(responses: Mapping[str, Any], name: str) -> str:
    """The text of response ``name``'s first variant; "" when there is none."""
    variants = responses.get(name) or [{}]
    return str(variants[0].get("text", ""))


def agent_text(agent: Any, name: str) -> str:
    """``first_text`` of the domain ``agent`` serves."""
    return first_text(agent.domain.responses, name)


def request_text(request: Request, name: str) -> str:
    """``first_text`` of the domain served by the Rasa app handling ``request``."""
    return agent_text(request.app.ctx.agent, name)
