"""WeChat Official Account (公众号) webhook: pure protocol functions plus a thin Rasa channel."""
