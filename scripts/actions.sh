#!/usr/bin/env bash
# Start the rasa-sdk action server, listening on 127.0.0.1 unless ACTION_SERVER_HOST names
# another interface (it has no authentication: see the README before exposing it).
# Arguments go to `rasa run actions` (e.g. --actions actions.actions --port 5055).
set -euo pipefail
cd "$(dirname "$0")/.."
export SANIC_HOST="${ACTION_SERVER_HOST:-127.0.0.1}"
exec .venv/bin/rasa run actions "$@"
