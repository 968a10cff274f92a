"""Rasa's REST channel (``/webhooks/rest/webhook``), guarded against storage failures."""

from __future__ import annotations

from rasa.core.channels.rest import RestInput
from sanic import Blueprint

from bot.channels.guard import OnNewMessage, guarded


class GuardedRestInput(RestInput):
    """RestInput whose messages pass through :func:`bot.channels.guard.guarded`."""

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        """Rasa's REST routes around the guarded handler."""
        return super().blueprint(guarded(on_new_message))
