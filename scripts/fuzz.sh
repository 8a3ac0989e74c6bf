#!/usr/bin/env bash
# Fuzzes every parser the outside world reaches with libFuzzer (the harnesses are
# Sources/WikkenFuzzing; the Fuzz/ package builds them with --sanitize=fuzzer).
#
#   scripts/fuzz.sh                       # every harness for 60 s
#   scripts/fuzz.sh 30                    # every harness for 30 s (CI)
#   scripts/fuzz.sh 600 dossier-yaml csv  # chosen harnesses for 10 minutes each
#   FUZZ_KEEP=1 scripts/fuzz.sh 600       # afterwards merge new coverage into Fuzz/Corpus
#
# Seeds are the committed corpora in Fuzz/Corpus/<harness>/ (replayed by the test suite). A
# crash stops with a non-zero exit and leaves its input in Fuzz/Crashes/; copy that input into
# the harness's corpus (it becomes a regression test) and fix the cause.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
harnesses=${*:-dossier-yaml dossier-json csv veerkracht gebiedscode formulier getal xlsx regels}

# A failed build stops here: an older binary left in .build-fuzz would fuzz old code.
build_log=$(mktemp)
# SwiftPM keeps the parent package's file list in the build description and misses a new source
# file there; dropping it makes the plan again (the compiled objects stay).
rm -f .build-fuzz/release/description.json
if ! swift build -c release --sanitize=fuzzer --package-path Fuzz --scratch-path .build-fuzz > "$build_log" 2>&1; then
  grep -E "error" "$build_log" | head -20; rm -f "$build_log"
  echo "the fuzz build failed"; exit 1
fi
grep -E "warning: unre|Build" "$build_log" || true
rm -f "$build_log"
bin=.build-fuzz/release/wikken-fuzz
mkdir -p Fuzz/Crashes
status=0
for h in $harnesses; do
  fresh=$(mktemp -d)
  echo "== $h, ${seconds} s"
  # New inputs go to a scratch folder; the committed corpus is only read.
  # Swift's own backtracer would end the process before libFuzzer saves the input: off here.
  if ! SWIFT_BACKTRACE=enable=no WIKKEN_FUZZ=$h "$bin" "$fresh" "Fuzz/Corpus/$h" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -max_len=65536 -print_final_stats=1 -artifact_prefix="Fuzz/Crashes/$h-" > "$fresh.log" 2>&1; then
    status=1
    echo "CRASH in $h:"; grep -E "Fatal error|ERROR: libFuzzer|SUMMARY|Test unit written|^    #[0-9]+ .* in .*(Wikken|MultipartKit|Veerkracht)" "$fresh.log" | head -30
  fi
  grep -E "stat::number_of_executed_units|stat::new_units_added|cov: " "$fresh.log" | tail -3 || true
  if [ "${FUZZ_KEEP:-0}" = 1 ] && [ $status = 0 ]; then
    WIKKEN_FUZZ=$h "$bin" -merge=1 "Fuzz/Corpus/$h" "$fresh" > /dev/null 2>&1 || true
  fi
  rm -rf "$fresh" "$fresh.log"
done
exit $status
