#!/usr/bin/env bash
# Contract tests of the JSON API with schemathesis (PyPI): every route of /openapi.json, the write
# routes too (their request bodies are declared: the dossier schema, the network's JSON objects),
# called with generated valid and invalid input by an organiser's token against the real server
# on a fresh SQLite file with the demo data. Fails on any server error (5xx) and on any answer
# that does not match its declared schema (the problem body of every error included).
#
#   scripts/check-api.sh                 # 25 examples per route, at most 5 minutes
#   EXAMPLES=200 MAX_TIME=1800 scripts/check-api.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${WIKKEN_BIN:-.build/debug/wikken}
port=${PORT:-8194}
tmp=$(mktemp -d)
unset DATABASE_URL
source scripts/demo-server.sh
sign_in beheerder@demo.wikken.nl
api_key contract
set +e  # the status of schemathesis, not of tail
st run "http://127.0.0.1:$port/openapi.json" -H "Authorization: Bearer $token" \
  --checks not_a_server_error,response_schema_conformance --max-examples "${EXAMPLES:-25}" --max-time "${MAX_TIME:-300}" \
  --request-timeout 20 --seed 12 --no-color --report junit --report-dir "$tmp/report" 2>&1 | tail -60
status=${PIPESTATUS[0]}
set -e
if grep -q "Onverwachte fout" "$tmp/serve.log"; then echo "The server logged unexpected errors:"; grep "Onverwachte fout" "$tmp/serve.log" | head -20; status=1; fi
exit "$status"
