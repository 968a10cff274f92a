#!/usr/bin/env bash
# Install Debian's Chromium (and CJK fonts) for the browser tests when missing (needs root and apt).
set -euo pipefail
# Chinese and emoji fonts, so that screenshots show the text.
PACKAGES="chromium fonts-wqy-microhei fonts-noto-color-emoji"
if command -v chromium >/dev/null 2>&1 && fc-list 2>/dev/null | grep -qi "wenquanyi"; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium and fonts for the browser tests..."
  apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $PACKAGES >/dev/null
else
  echo "note: Chromium is not installed and cannot be installed here (needs root and apt-get);"
  echo "      the web chat browser tests will be skipped. Install Debian's 'chromium' package to run them."
  # In CI a skipped suite would pass unseen: refuse instead.
  if [ "${CI:-}" = "true" ]; then echo "error: CI=true and Chromium is missing" >&2; exit 1; fi
fi
