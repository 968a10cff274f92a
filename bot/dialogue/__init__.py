"""The conversation: what it has established, and clarifying questions."""
