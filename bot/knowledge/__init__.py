"""The knowledge base: guide facts loaded from knowledge/*.yml and queried."""
