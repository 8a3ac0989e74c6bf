#!/usr/bin/env bash
# Load test of the web app with wrk (Debian's wrk), on loopback only: the analysis page (signed
# in) and the analysis API (token), at 32 and at 200 connections, 15 s each, with the server's
# memory (RSS) before and after.
#
#   swift build -c release --product wikken
#   scripts/bench-web.sh                      # SQLite (a fresh file)
#   DATABASE_URL=postgres://… scripts/bench-web.sh postgresql   # an empty PostgreSQL database
#
# Prints one table row per route and connection count: requests/s, p50, p99, errors (non-2xx and
# socket errors), and the RSS lines. Bounded: 4 runs of 15 s; the server stops at the end.
set -euo pipefail
backend=${1:-sqlite}
bin=${WIKKEN_BIN:-.build/release/wikken}
port=${PORT:-8191}
seconds=${SECONDS_PER_RUN:-15}
tmp=$(mktemp -d)
if [ "$backend" = postgresql ]; then
  : "${DATABASE_URL:?set DATABASE_URL to an empty PostgreSQL database}"
  export DATABASE_URL
else
  unset DATABASE_URL
fi
source scripts/demo-server.sh
sign_in strateeg@demo.wikken.nl
api_key bench

rss() { awk '/VmRSS/ {printf "%.0f MB", $2 / 1024}' "/proc/$server/status"; }
echo "backend: $backend; server RSS at start: $(rss)"
echo "| route | connections | requests/s | p50 | p99 | errors |"
echo "|---|---|---|---|---|---|"
run() {  # name, connections, header, url
  local out
  out=$(wrk -t2 -c"$2" -d"${seconds}s" --timeout 10s --latency -H "$3" "$4")
  local rps p50 p99 non2xx socket
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1 == "50%" {print $2}')
  p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
  non2xx=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
  socket=$(echo "$out" | awk -F'[ ,]+' '/Socket errors/ {print "connect " $4 ", read " $6 ", write " $8 ", timeout " $10}')
  echo "| $1 | $2 | $rps | $p50 | $p99 | ${non2xx:-0} non-2xx${socket:+; $socket} |"
}
for c in 32 200; do
  run "analysis page (HTML, signed in)" "$c" "Cookie: wikken_sessie=$cookie" "http://127.0.0.1:$port/dossiers/wijkaanpak-neckardreef"
  run "analysis API (JSON, token)" "$c" "Authorization: Bearer $token" "http://127.0.0.1:$port/api/dossiers/wijkaanpak-neckardreef/analyse"
done
echo "server RSS at the end: $(rss)"
