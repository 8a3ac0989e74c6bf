#!/usr/bin/env bash
# Makes the memo screenshots in docs/images with headless Chromium: the first screen on a laptop
# and on a phone, and the A4 print version (PDF pages as PNG, via pdftoppm from poppler-utils).
# Run from the repository root after `swift build`.
set -euo pipefail
out=docs/images
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bin=.build/debug/wikken
"$bin" rapport Examples/wijkaanpak-neckardreef.yaml --smaa --datum 2026-11-30 --uit "$tmp/memo.html" 2>/dev/null
"$bin" rapport Examples/wijkaanpak-neckardreef.yaml --smaa --datum 2026-11-30 --uit "$tmp/memo.pdf" 2>/dev/null
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1200,1500 --screenshot="$out/memo-scherm.png" "file://$tmp/memo.html" 2>/dev/null
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=390,1400 --screenshot="$out/memo-telefoon.png" "file://$tmp/memo.html" 2>/dev/null
pdftoppm -r 70 -png -f 1 -l 7 "$tmp/memo.pdf" "$out/memo-a4"
ls -la "$out"
