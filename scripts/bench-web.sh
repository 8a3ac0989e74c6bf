#!/usr/bin/env bash
# Load test of the web app with wrk (Debian's wrk) on this machine: the analysis page (signed in)
# and the analysis API (token), 2 threads, 32 connections, 15 s each, on loopback only.
# Needs a release build: swift build -c release --product wikken
set -euo pipefail
bin=${WIKKEN_BIN:-.build/release/wikken}
port=${PORT:-8191}
tmp=$(mktemp -d)
"$bin" serve --demo --database "$tmp/bench.sqlite" --port "$port" --voorbeelden Examples > "$tmp/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$tmp"' EXIT
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$port/gezondheid" >/dev/null && break; sleep 0.2; done
curl -s -c "$tmp/jar" -o /dev/null -d "email=strateeg@demo.wikken.nl&wachtwoord=wikken-demo" "http://127.0.0.1:$port/inloggen"
cookie=$(awk '$6 == "wikken_sessie" {print $7}' "$tmp/jar")
csrf=$(curl -s -b "wikken_sessie=$cookie" "http://127.0.0.1:$port/account" | grep -o 'name="csrf" value="[0-9a-f]*"' | head -1 | sed 's/.*value="//; s/"//')
token=$(curl -s -b "wikken_sessie=$cookie" -d "csrf=$csrf&naam=bench" "http://127.0.0.1:$port/account/sleutels" | grep -o 'wk_[0-9a-f]*' | head -1)
echo "== Analysis page (HTML, signed in)"
wrk -t2 -c32 -d15s --latency -H "Cookie: wikken_sessie=$cookie" "http://127.0.0.1:$port/dossiers/wijkaanpak-neckardreef" | grep -E "Requests/sec|99%|Non-2xx|Socket errors|Latency "
echo "== Analysis API (JSON, token)"
wrk -t2 -c32 -d15s --latency -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/dossiers/wijkaanpak-neckardreef/analyse" | grep -E "Requests/sec|99%|Non-2xx|Socket errors|Latency "
