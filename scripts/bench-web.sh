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
"$bin" serve --demo --database "$tmp/bench.sqlite" --port "$port" --voorbeelden Examples > "$tmp/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$tmp"' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/gezondheid" >/dev/null && break; sleep 0.2; done
form=$(curl -s -c "$tmp/jar" "http://127.0.0.1:$port/inloggen" | grep -o 'name="csrf" value="[0-9a-f]*"' | head -1 | sed 's/.*value="//; s/"//')
curl -s -b "$tmp/jar" -c "$tmp/jar" -o /dev/null -d "csrf=$form&email=strateeg@demo.wikken.nl&wachtwoord=wikken-demo" "http://127.0.0.1:$port/inloggen"
cookie=$(awk '$6 == "wikken_sessie" {print $7}' "$tmp/jar")
csrf=$(curl -s -b "wikken_sessie=$cookie" "http://127.0.0.1:$port/account" | grep -o 'name="csrf" value="[0-9a-f]*"' | head -1 | sed 's/.*value="//; s/"//')
token=$(curl -s -b "wikken_sessie=$cookie" -d "csrf=$csrf&naam=bench" "http://127.0.0.1:$port/account/sleutels" | grep -o 'wk_[0-9a-f]*' | head -1)
[ -n "$cookie" ] && [ -n "$token" ] || { echo "sign-in or API key failed"; cat "$tmp/serve.log"; exit 1; }

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
