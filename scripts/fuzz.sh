#!/usr/bin/env bash
# Runs each cargo-fuzz target of fuzz/ for a bounded time, then prints a summary
# (target, seconds, runs, execs/s, corpus size, failures found).
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]     (default 60 s, all targets)
#
# Needs a nightly toolchain (`rustup toolchain install nightly`) and cargo-fuzz
# (`cargo install cargo-fuzz --locked`; installed here when missing). The fuzz crate
# uses opgraph without its on-disk store (`default-features = false`: no RocksDB), so
# the first build with AddressSanitizer takes minutes, not half an hour. It has its own
# target directory (fuzz/target: sanitizer flags differ from the main build).
# Set FUZZ_SANITIZER=none for a quicker build without AddressSanitizer.
#
# Each target starts from its corpus fuzz/corpus/TARGET (grows between runs; not in
# git) plus the committed seeds in fuzz/seeds/TARGET. An input is a failure when it
# panics, takes longer than FUZZ_TIMEOUT seconds (default 10: the extractor must stay
# bounded in time) or needs more than FUZZ_RSS_MB MiB (default 2048). FUZZ_ARGS adds
# libFuzzer flags (e.g. FUZZ_ARGS=-len_control=0 to try long inputs from the start). libFuzzer's full
# output goes to fuzz/logs/TARGET.log (not in fuzz/artifacts/TARGET: cargo fuzz takes
# the newest file there for the failing input).
#
# The targets also compile on stable as ordinary libfuzzer-sys binaries:
#   cargo check --manifest-path fuzz/Cargo.toml --bins
#
# A failure leaves its input in fuzz/artifacts/TARGET/{crash,timeout,oom}-*. To turn it
# into a regression test:
#   1. reproduce:  cargo +nightly fuzz run TARGET fuzz/artifacts/TARGET/crash-XXXX
#   2. shrink:     cargo +nightly fuzz tmin TARGET fuzz/artifacts/TARGET/crash-XXXX
#   3. print it:   cargo +nightly fuzz fmt TARGET <minimised file>   (or xxd)
#   4. paste the bytes (as a Rust byte-string literal) into a #[test] next to the code
#      that failed (e.g. src/extract/dates.rs tests for dates_numbers, src/input/html.rs
#      for html_clean, tests/bad_input.rs for extract_*), calling the same function the
#      target calls; fix the bug; keep the test.
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-60}"
shift || true
case "$secs" in ''|*[!0-9]*) echo "usage: $0 [SECONDS] [TARGET...]" >&2; exit 2;; esac
if [ "$secs" -gt 3600 ]; then secs=3600; fi
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(extract_text extract_bytes html_clean dates_numbers server_params)
fi
if ! rustup toolchain list | grep -q '^nightly'; then
  echo "fuzz.sh: no nightly toolchain; run: rustup toolchain install nightly" >&2
  exit 1
fi
if ! cargo +nightly fuzz --help >/dev/null 2>&1; then
  echo "fuzz.sh: installing cargo-fuzz" >&2
  cargo install cargo-fuzz --locked
fi
unset CARGO_TARGET_DIR   # cargo fuzz must not share the main target dir
san="${FUZZ_SANITIZER:-address}"
timeout="${FUZZ_TIMEOUT:-10}"
rss="${FUZZ_RSS_MB:-2048}"

# Build every target once up front (the runs below then start at once).
cargo +nightly fuzz build --sanitizer "$san"

summary=()
failed=()
for t in "${targets[@]}"; do
  echo "== $t for ${secs}s (sanitizer: $san, timeout ${timeout}s, rss limit ${rss} MiB)"
  mkdir -p "fuzz/corpus/$t" "fuzz/artifacts/$t" fuzz/logs
  seeds=()
  if [ -d "fuzz/seeds/$t" ]; then seeds=("fuzz/seeds/$t"); fi
  log="fuzz/logs/$t.log"
  status=0
  started=$SECONDS
  cargo +nightly fuzz run --sanitizer "$san" "$t" "fuzz/corpus/$t" "${seeds[@]}" -- \
    -max_total_time="$secs" -max_len=65536 -timeout="$timeout" -rss_limit_mb="$rss" \
    -print_final_stats=1 ${FUZZ_ARGS:-} >"$log" 2>&1 || status=$?
  # The last status line ("#RUNS DONE cov: ... exec/s: N ...") and the final stats.
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  eps=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
  if [ -z "$runs" ]; then runs=$(grep -oE '^#[0-9]+' "$log" | tail -n 1 | tr -d '#'); fi
  took=$((SECONDS - started))
  units=$(grep -oE 'Test unit written to [^ ]+' "$log" | sed 's/.*\///' || true)
  corpus=$(find "fuzz/corpus/$t" -type f | wc -l)
  if [ "$status" -ne 0 ] || [ -n "$units" ]; then
    failed+=("$t")
    kind=$(echo "$units" | sed 's/-.*//' | sort | uniq -c | awk '{printf "%s%s %s", sep, $1, $2; sep=", "}')
    [ -n "$kind" ] || kind="exit status $status (see $log)"
    grep -a -m 1 -A 8 -E 'panicked at|ERROR: (libFuzzer|AddressSanitizer)' "$log" >&2 || tail -n 20 "$log" >&2
  else
    kind=0
  fi
  summary+=("$(printf '%-14s %6s %12s %9s %7s  %s' "$t" "${took:-?}" "${runs:-?}" "${eps:-?}" "$corpus" "$kind")")
done

echo
printf '%-14s %6s %12s %9s %7s  %s\n' target secs runs execs/s corpus failures
printf '%s\n' "${summary[@]}"
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz.sh: failures in: ${failed[*]} (inputs under fuzz/artifacts/; see the top of this script)" >&2
  exit 1
fi
echo "fuzz.sh: no failures"
