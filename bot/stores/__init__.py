"""Conversation storage: the tracker store the assistant runs with, and health checks."""
