#!/usr/bin/env bash
# Install the servers the scale-out tests start themselves: Redis (Debian's redis-server)
# and PostgreSQL 15 (Debian's postgresql-15), when missing. Needs root and apt-get.
set -euo pipefail
missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
[ -x /usr/lib/postgresql/15/bin/postgres ] || missing+=(postgresql-15)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing ${missing[*]} for the scale-out tests..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  # The packages start services of their own; the tests start private ones instead.
  service redis-server stop >/dev/null 2>&1 || true
  service postgresql stop >/dev/null 2>&1 || true
else
  echo "note: ${missing[*]} missing and not installable here (needs root and apt-get);"
  echo "      the scale-out tests will be skipped."
  # In CI a skipped suite would pass unseen: refuse instead.
  if [ "${CI:-}" = "true" ]; then echo "error: CI=true and ${missing[*]} missing" >&2; exit 1; fi
fi
