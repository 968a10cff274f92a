"""A WeChat-style web chat page served by the assistant itself."""
