"""Load, latency, accuracy and robustness figures (``make bench``)."""
