#!/bin/sh
# Loads the endpoint page in headless Chromium and checks that it rendered a results
# table with rows and a network drawing with nodes.
#
#   tests/browser/check_page.sh http://127.0.0.1:7878 [canned-query]
#
# The Rust test tests/server_clients.rs does the same against a server it starts.
set -eu
base=${1:?usage: check_page.sh BASE_URL [canned-query]}
query=${2:-agencies-by-operations}
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "SKIP: chromium is not installed" >&2
  exit 0
fi
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
dom=$("$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$profile" --virtual-time-budget=10000 --dump-dom \
  "$base/?autorun=$query" 2>/dev/null)
rows=$(printf '%s' "$dom" | grep -o '<tr>' | wc -l)
nodes=$(printf '%s' "$dom" | grep -o 'class="node"' | wc -l)
echo "table rows (with header): $rows, network nodes: $nodes"
[ "$rows" -ge 2 ] || { echo "FAIL: no result rows" >&2; exit 1; }
[ "$nodes" -ge 1 ] || { echo "FAIL: no network nodes" >&2; exit 1; }
echo "page OK"
