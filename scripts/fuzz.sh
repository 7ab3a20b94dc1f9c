#!/usr/bin/env bash
# Runs each cargo-fuzz target of fuzz/ for a bounded time.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]     (default 60 s, all targets)
#
# Needs a nightly toolchain (`rustup toolchain install nightly`) and cargo-fuzz
# (`cargo install cargo-fuzz`; installed here when missing). The fuzz build uses its own
# target directory (fuzz/target: sanitizer flags differ from the main build), so the
# first run compiles RocksDB again with ASan — expect 15-30 minutes on 2 cores.
# Set FUZZ_SANITIZER=none for a quicker build without AddressSanitizer.
#
# The targets also compile on stable as ordinary libfuzzer-sys binaries:
#   cargo check --manifest-path fuzz/Cargo.toml --bins
#
# A crash leaves its input in fuzz/artifacts/TARGET/crash-*. To turn it into a
# regression test:
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
failed=()
for t in "${targets[@]}"; do
  echo "== $t for ${secs}s (sanitizer: $san)"
  mkdir -p "fuzz/corpus/$t"
  if ! cargo +nightly fuzz run --sanitizer "$san" "$t" "fuzz/corpus/$t" -- \
      -max_total_time="$secs" -max_len=65536 -timeout=20 -rss_limit_mb=4096; then
    failed+=("$t")
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz.sh: crashes in: ${failed[*]} (inputs under fuzz/artifacts/; see the top of this script)" >&2
  exit 1
fi
echo "fuzz.sh: no crashes"
