#!/usr/bin/env bash
# Create .venv with a Python 3.10 interpreter (Rasa 3.6 needs Python < 3.11) and
# install the pinned requirements. Finds python3.10 on PATH, else a pyenv 3.10,
# else one managed by uv; fails with a clear message when there is none.
set -euo pipefail
cd "$(dirname "$0")/.."
requirements="${1:-requirements-dev.txt}"

find_python() {
  if command -v python3.10 >/dev/null 2>&1 && python3.10 -c 'import sys' >/dev/null 2>&1; then
    command -v python3.10; return
  fi
  if command -v pyenv >/dev/null 2>&1; then
    local version
    version=$(pyenv versions --bare 2>/dev/null | grep -E '^3\.10(\.[0-9]+)?$' | sort -V | tail -n 1 || true)
    if [ -n "$version" ]; then
      echo "$(pyenv root)/versions/$version/bin/python3.10"; return
    fi
  fi
  if command -v uv >/dev/null 2>&1; then
    uv python find 3.10 2>/dev/null && return
  fi
  return 1
}

if [ ! -x .venv/bin/python ]; then
  if ! python=$(find_python); then
    echo "error: Python 3.10 is required (Rasa 3.6 supports Python < 3.11) and none was found." >&2
    echo "Install one of: python3.10 (e.g. 'apt-get install python3.10'), pyenv ('pyenv install 3.10')," >&2
    echo "or uv ('uv python install 3.10'), then run this again." >&2
    exit 1
  fi
  echo "Creating .venv with $python"
  "$python" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -r "$requirements"
touch .venv/.installed
