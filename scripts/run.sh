#!/usr/bin/env bash
# Start the action server, then the Rasa server (REST channel) or, with --shell, the Rasa shell.
set -euo pipefail
cd "$(dirname "$0")/.."
port="${PORT:-5005}"
model="models/assistant.tar.gz"
# STACK=scale: shared PostgreSQL + Redis (deploy/endpoints.scale.yml); default: SQLite file.
endpoints="endpoints.yml"
if [ "${STACK:-}" = "scale" ]; then
  endpoints="deploy/endpoints.scale.yml"
  export ACTION_SERVER_URL="${ACTION_SERVER_URL:-http://localhost:5055/webhook}"
  # A conversation lock left in Redis by an instance that died lapses after this many
  # seconds (Rasa's default, 60, outlasts the WeChat platform's retries).
  export TICKET_LOCK_LIFETIME="${TICKET_LOCK_LIFETIME:-8}"
else
  # Two Sanic worker processes (one per core; each loads the model, ~1.2 GB): the locks
  # (endpoints.yml) and the channels' memory (choices, retries, replays) are files in var/
  # that every worker shares.
  cores="$(nproc 2>/dev/null || echo 1)"
  export SANIC_WORKERS="${SANIC_WORKERS:-$(( cores < 2 ? cores : 2 ))}"
  export CHANNEL_STATE_DB="${CHANNEL_STATE_DB:-var/channel_state.db}"
fi
.venv/bin/python -m bot.stores.preflight "$endpoints" || {
  echo "The assistant was not started: fix the store settings above ($endpoints)." >&2
  exit 1
}

bash scripts/actions.sh --actions actions.actions --port 5055 &
actions_pid=$!
trap 'kill "$actions_pid" 2>/dev/null || true' EXIT

for _ in $(seq 60); do
  curl -fsS http://localhost:5055/health >/dev/null 2>&1 && break
  sleep 1
done

if [ "${1:-}" = "--shell" ]; then
  # One process reads the terminal.
  SANIC_WORKERS=1 .venv/bin/rasa shell --model "$model" --endpoints "$endpoints"
else
  echo "失业保险助手 starting (model loads in ~20 s)."
  echo "  Web chat: http://localhost:${port}/webhooks/webchat/"
  echo "  REST:  POST http://localhost:${port}/webhooks/rest/webhook  {\"sender\": \"me\", \"message\": \"你好\"}"
  echo "  Shell: make shell"
  .venv/bin/rasa run --model "$model" --port "$port" --endpoints "$endpoints" --credentials credentials.yml
fi
