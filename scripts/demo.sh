#!/usr/bin/env bash
# The README demo command (`make demo`) after setup: migrate, generate the demo district when the database is
# empty (with DEMO_CASES cases, 20,000 by default, through the case services: the first start takes minutes,
# later starts skip it), print the URLs and accounts, and serve on 127.0.0.1:$PORT.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
PORT="${PORT:-8000}"
export ONEDOOR_DEBUG="${ONEDOOR_DEBUG:-1}"
$BIN/onedoor migrate --noinput -v0
$BIN/onedoor seed --if-empty --cases "${DEMO_CASES:-20000}" --progress-every 2000
cat <<MSG

  OneDoor demo on http://127.0.0.1:${PORT}/
    service guides (public)   http://127.0.0.1:${PORT}/guide/
    staff desk                http://127.0.0.1:${PORT}/staff/
    administration            http://127.0.0.1:${PORT}/admin/
    API docs                  http://127.0.0.1:${PORT}/api/v1/docs
  Demo accounts (password onedoor-demo):
    admin (district admin) · desk (window generalist) · officer (undertaker + reviewer, 不动产登记中心)
    approver (approver, 不动产登记中心) · chief (chief representative) · supervisor · analyst
    hetang-desk (window generalist of the second district, 荷塘区)
  Database: ${DATABASE_URL:-SQLite under var/}   Stop with Ctrl-C.

MSG
exec $BIN/onedoor runserver "127.0.0.1:${PORT}" --noreload
