#!/usr/bin/env bash
# The README demo command (`make demo`) after setup: migrate, generate the demo district when the database is
# empty (with DEMO_CASES cases, 20,000 by default, through the case services: the first start takes minutes,
# later starts skip it), connect the departments' systems to the simulated ones, print the URLs and accounts,
# and run the web server on 127.0.0.1:$PORT, the outbox worker and the simulated department systems
# (127.0.0.1:$SIM_PORT), the stand-in provincial identity provider (127.0.0.1:$IDP_PORT) and three witnesses of
# the transparency log (127.0.0.1:$PORT+301..303, keys and state under var/; a checkpoint is published with 2 of
# their 3 cosignatures) together: one Ctrl-C stops them all.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
PORT="${PORT:-8000}"
SIM_PORT="${SIM_PORT:-$((PORT + 100))}"
IDP_PORT="${IDP_PORT:-$((PORT + 200))}"
export ONEDOOR_DEBUG="${ONEDOOR_DEBUG:-1}"
$BIN/onedoor migrate --noinput -v0
$BIN/onedoor seed --if-empty --cases "${DEMO_CASES:-20000}" --progress-every 2000 \
  --simulated-systems "http://127.0.0.1:${SIM_PORT}"
# The stand-in provincial identity provider (OpenID Connect) with the demo persons as accounts.
mkdir -p var
[[ -s var/oidc-client-secret ]] || $BIN/python -c "import secrets; print(secrets.token_urlsafe(32))" > var/oidc-client-secret
export ONEDOOR_OIDC_ISSUER="http://127.0.0.1:${IDP_PORT}/o" ONEDOOR_OIDC_CLIENT_ID=onedoor
ONEDOOR_OIDC_CLIENT_SECRET="$(cat var/oidc-client-secret)"
export ONEDOOR_OIDC_CLIENT_SECRET
$BIN/python -m onedoor.idp migrate --noinput -v0
$BIN/onedoor citizens export-accounts var/idp-accounts.json >/dev/null
$BIN/python -m onedoor.idp idp_seed --client-id onedoor --client-secret "${ONEDOOR_OIDC_CLIENT_SECRET}" \
  --redirect-uri "http://127.0.0.1:${PORT}/citizen/callback/" --accounts var/idp-accounts.json >/dev/null
# Three witnesses of the districts' transparency logs, each with its own key and state (run by other
# departments in production); the web server and the worker are told their keys and need 2 of 3 cosignatures.
WITNESS_NAMES=(witness.finance.example witness.audit.example witness.court.example)
log_keys=()
while read -r key; do log_keys+=(--log "$key"); done < <($BIN/onedoor witness log-key)
witness_json=()
for i in 0 1 2; do
  key=$($BIN/onedoor witness key --name "${WITNESS_NAMES[$i]}" --key-file "var/witness-$((i + 1)).pem")
  witness_json+=("${WITNESS_NAMES[$i]}" "$key" "http://127.0.0.1:$((PORT + 301 + i))")
done
ONEDOOR_WITNESSES=$($BIN/python -c 'import json, sys; a = sys.argv[1:]; print(json.dumps([{"name": a[i], "key": a[i + 1], "url": a[i + 2]} for i in range(0, len(a), 3)]))' "${witness_json[@]}")
export ONEDOOR_WITNESSES ONEDOOR_WITNESS_QUORUM=2
CITIZEN=$($BIN/python -c "import json; print(next(a['id_number'] for a in json.load(open('var/idp-accounts.json')) if a['level'] >= 4))")
cat <<MSG

  OneDoor demo on http://127.0.0.1:${PORT}/
    service guides (public)   http://127.0.0.1:${PORT}/guide/
    staff desk                http://127.0.0.1:${PORT}/staff/   (queue: /staff/tickets/)
    display board (public)    http://127.0.0.1:${PORT}/board/440604/CC-HALL/
    administration            http://127.0.0.1:${PORT}/admin/
    API docs                  http://127.0.0.1:${PORT}/api/v1/docs
  Demo accounts (password onedoor-demo):
    admin (district admin) · desk (window generalist) · officer (undertaker + reviewer, 不动产登记中心)
    approver (approver, 不动产登记中心) · chief (chief representative) · supervisor · analyst
    hetang-desk (window generalist of the second district, 荷塘区)
  Department systems: simulated on http://127.0.0.1:${SIM_PORT}/ (all but 不动产登记, which works in the
    back office above); the worker delivers each new case to them and they decide it in a few seconds.
  Provincial online hall: simulated at http://127.0.0.1:${SIM_PORT}/province/440604/cases; it learns every
    status change from now on. Compare a day: .venv/bin/onedoor integrations reconcile --district 440604 --date YYYY-MM-DD
  Citizens: "My cases" (http://127.0.0.1:${PORT}/citizen/cases/) logs in at the stand-in provincial identity
    provider on http://127.0.0.1:${IDP_PORT}/ — any demo person's ID number, e.g. ${CITIZEN} (level L4+),
    password onedoor-demo. "Apply online" on a guide page; pre-review as desk at /staff/prereview/; the SMS
    outbox is /staff/notifications/.
  Kiosk: http://127.0.0.1:${PORT}/kiosk/ (type an ID number and Enter for the card reader, e.g. ${CITIZEN}).
  Elder mode: the 长辈版 switch in the top bar of every page.
  Credit: a citizen's records, receipts and appeals at /citizen/credit/; supervisor decides at /staff/credit/appeals/.
  Rating pad (好差评): log in as desk on a second browser, open
    http://127.0.0.1:${PORT}/rate/window/CC-HALL/01/pair/ and pair it; it asks each visitor window 01 serves.
  Supervision (as supervisor): desk /staff/supervision/, complaints /staff/complaints/, rectifications
    /staff/rectifications/, scores /staff/scores/ (refreshed by the worker), a case's trace from its page.
  Transparency log: http://127.0.0.1:${PORT}/ledger/checkpoint (published by the worker with 2 of 3 witness
    cosignatures) · witnesses: http://127.0.0.1:$((PORT + 301))/ http://127.0.0.1:$((PORT + 302))/
    http://127.0.0.1:$((PORT + 303))/ (POST …/add-checkpoint; keys and state in var/witness-*).
  Database: ${DATABASE_URL:-SQLite under var/}   Stop with Ctrl-C (web, worker, simulators, provider and witnesses).

MSG
pids=()
stop() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap stop EXIT INT TERM
$BIN/onedoor simulate-backends --port "${SIM_PORT}" --onedoor "http://127.0.0.1:${PORT}" --province-store var &
pids+=($!)
for i in 0 1 2; do
  $BIN/onedoor witness serve --name "${WITNESS_NAMES[$i]}" --key-file "var/witness-$((i + 1)).pem" \
    --state "var/witness-$((i + 1)).sqlite3" "${log_keys[@]}" --bind "127.0.0.1:$((PORT + 301 + i))" &
  pids+=($!)
done
$BIN/onedoor worker &
pids+=($!)
$BIN/python -m onedoor.idp runserver "127.0.0.1:${IDP_PORT}" --noreload &
pids+=($!)
$BIN/onedoor runserver "127.0.0.1:${PORT}" --noreload &
pids+=($!)
wait -n "${pids[@]}"  # when any of them stops, stop the others
