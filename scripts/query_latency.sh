#!/usr/bin/env bash
# p50 / p95 latency of every canned query on a store, each run as its own
# `opgraph query` process (so the figure includes opening the store), the way a
# script would call it. Listings answer their default page.
#
#   scripts/query_latency.sh STORE [RUNS]      (BIN=path/to/opgraph to pick a binary)
set -euo pipefail
STORE=${1:?usage: scripts/query_latency.sh STORE [RUNS]}
RUNS=${2:-10}
BIN=${BIN:-target/release/opgraph}
for q in $("$BIN" query --list --format json | python3 -c 'import json,sys; print(" ".join(q["name"] for q in json.load(sys.stdin)))'); do
    times=()
    for _ in $(seq "$RUNS"); do
        t0=$(date +%s%N)
        "$BIN" --store "$STORE" query "$q" --format csv >/dev/null 2>&1
        t1=$(date +%s%N)
        times+=("$(( (t1 - t0) / 1000000 ))")
    done
    python3 - "$q" "${times[@]}" <<'PY'
import sys
name, v = sys.argv[1], sorted(int(x) for x in sys.argv[2:])
def pct(p):
    k = (len(v) - 1) * p
    f = int(k)
    c = min(f + 1, len(v) - 1)
    return v[f] + (v[c] - v[f]) * (k - f)
print(f"{name:24s} p50 {pct(0.5):6.0f} ms   p95 {pct(0.95):6.0f} ms")
PY
done
