"""Real servers and peers for the end-to-end tests and the benchmarks.

``servers`` starts the action server and the Rasa server; ``wechat_peer`` builds pushes
the way the platform signs and encrypts them (wechatpy as the independent peer);
``platform_stub`` is a local stand-in for the platform's API. Tests and ``bench/`` both
import from here; neither imports the other.
"""
