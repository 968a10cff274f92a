"""Input channels of the assistant (protocol cores kept apart from their web adapters)."""
