#!/usr/bin/env bash
# The README test command (`make test`) after setup: lint, migrations check, the suite on SQLite, and the same
# suite on PostgreSQL when DATABASE_URL points at it or PostgreSQL answers at 127.0.0.1:5432; then the
# benchmarks at a small size as a smoke test.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
export ONEDOOR_SECRET_KEY="${ONEDOOR_SECRET_KEY:-test-only-secret-key-not-for-production}"
# The browser tests' screenshots are kept here as the run's artifacts (the last database's run wins).
export ONEDOOR_SCREENSHOTS="${ONEDOOR_SCREENSHOTS:-$PWD/var/screenshots}"
mkdir -p "$ONEDOOR_SCREENSHOTS"

echo "== ruff"
$BIN/ruff check src bench
$BIN/ruff format --check src bench

echo "== migrations are complete"
env -u DATABASE_URL $BIN/onedoor makemigrations --check --dry-run

PG_URL=""
if [[ "${DATABASE_URL:-}" == postgres* ]]; then
  PG_URL="$DATABASE_URL"
elif $BIN/python -c "import socket,sys; s=socket.socket(); s.settimeout(1); sys.exit(s.connect_ex(('127.0.0.1',5432)))" 2>/dev/null; then
  PG_URL="postgres://postgres@127.0.0.1:5432/onedoor"
fi

echo "== tests on SQLite"
env -u DATABASE_URL $BIN/pytest -q -n 2 "$@"

if [ -n "$PG_URL" ]; then
  echo "== tests on PostgreSQL ($PG_URL)"
  DATABASE_URL="$PG_URL" $BIN/pytest -q -n 2 "$@"
else
  echo "== PostgreSQL not reachable: skipped the PostgreSQL run"
fi

echo "== benchmark smoke run"
env -u DATABASE_URL $BIN/python bench/run.py --smoke
