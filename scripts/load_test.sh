#!/usr/bin/env bash
# Load test of `opgraph serve` (not run in CI).
#
#   scripts/load_test.sh [SECONDS] [CONNECTIONS]      (default 60 s, 64 clients; at most 600 s)
#
# Builds a store from samples/, starts `opgraph serve` on 127.0.0.1 with a short query
# --timeout, and runs wrk (Debian's `wrk`; apt-get install wrk) with CONNECTIONS clients
# over a mix of cheap canned-query, network and /sparql URLs, plus in parallel a flood of
# slow queries (cartesian products) that must end as 503. Prints, separately for the
# cheap ("fast") and the slow requests, status counts (only 200 and 503 are allowed),
# p50/p99 latency, and for the slow ones why they got 503 (slow lane busy or time
# limit); then the server's RSS before and after. Exits 1 when another status or a
# socket error shows up, or when more than STARVED_PCT % (default 1) of the fast
# requests got 503: the slow flood must not starve cheap queries (see
# src/server/limits.rs, the two lanes).
#
# OPGRAPH_BIN=path/to/opgraph uses that binary instead of building one; PORT=... picks the port;
# SLOW_CLIENTS=N sets the slow-query clients (default 8, 0 for none).
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-60}"; conns="${2:-64}"
case "$secs$conns" in *[!0-9]*) echo "usage: $0 [SECONDS] [CONNECTIONS]" >&2; exit 2;; esac
[ "$secs" -gt 600 ] && secs=600
[ "$secs" -lt 1 ] && secs=1
port="${PORT:-$((20000 + RANDOM % 20000))}"
command -v wrk >/dev/null || { echo "load_test.sh: needs wrk (apt-get install wrk)" >&2; exit 1; }
if [ -z "${OPGRAPH_BIN:-}" ]; then
  export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/root/.cache/opgraph-target}"
  cargo build --quiet --bin opgraph
  OPGRAPH_BIN="$CARGO_TARGET_DIR/debug/opgraph"
fi
work="$(mktemp -d)"
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
"$OPGRAPH_BIN" build samples --store "$work/kg.db" -q
"$OPGRAPH_BIN" serve --store "$work/kg.db" --bind "127.0.0.1:$port" --timeout 0.5 --no-access-log 2>"$work/serve.log" &
server=$!
for _ in $(seq 100); do curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break; sleep 0.1; done
curl -fsS "http://127.0.0.1:$port/health" >/dev/null
rss() { ps -o rss= -p "$server" | tr -d ' '; }
rss_before=$(rss)

# The mix: canned queries, the network, and a few SPARQL queries.
cat > "$work/mix.lua" <<'LUA'
local paths = {
  "/queries/operations",
  "/queries/agencies-by-operations",
  "/queries/reports",
  "/queries/entities?format=csv",
  "/network/graph",
  "/sparql?query=SELECT%20(COUNT(*)%20AS%20%3Fn)%20WHERE%20%7B%20%3Fs%20%3Fp%20%3Fo%20%7D",
  "/sparql?query=PREFIX%20opg%3A%20%3Chttps%3A%2F%2Fw3id.org%2Fopgraph%2Fontology%23%3E%20SELECT%20%3Fop%20%3Fa%20WHERE%20%7B%20%3Fop%20opg%3AledBy%20%3Fa%20%7D%20LIMIT%2050",
  "/sparql?query=ASK%20%7B%20%3Fs%20a%20%3Fo%20%7D",
}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
LUA
cat > "$work/slow.lua" <<'LUA'
request = function()
  return wrk.format("GET", "/sparql?query=SELECT%20(COUNT(*)%20AS%20%3Fn)%20WHERE%20%7B%20%3Fa%20%3Fb%20%3Fc%20.%20%3Fd%20%3Fe%20%3Ff%20.%20%3Fg%20%3Fh%20%3Fi%20%7D")
end
LUA
# Status counting and the summary, shared by both runs; a 503 is also counted by reason.
cat > "$work/count.lua" <<'LUA'
counts = {}
reasons = {}
response = function(status, headers, body)
  counts[status] = (counts[status] or 0) + 1
  if status == 503 then
    local why = "other"
    if string.find(body, "long-running", 1, true) then why = "slow-lane-busy"
    elseif string.find(body, "time limit", 1, true) then why = "time-limit"
    elseif string.find(body, "busy with other queries", 1, true) then why = "fast-lane-busy" end
    reasons[why] = (reasons[why] or 0) + 1
  end
end
local threads = {}
setup = function(thread) table.insert(threads, thread) end
done = function(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threads) do
    for k, v in pairs(t:get("counts")) do total[k] = (total[k] or 0) + v end
  end
  for k, v in pairs(total) do io.write(string.format("STATUS %d %d\n", k, v)) end
  local why = {}
  for _, t in ipairs(threads) do
    for k, v in pairs(t:get("reasons")) do why[k] = (why[k] or 0) + v end
  end
  for k, v in pairs(why) do io.write(string.format("REASON503 %s %d\n", k, v)) end
  io.write(string.format("LATENCY p50=%.1fms p99=%.1fms max=%.1fms\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  io.write(string.format("SOCKET connect=%d read=%d write=%d timeout=%d\n",
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout))
  io.write(string.format("REQUESTS %d in %.1fs\n", summary.requests, summary.duration / 1e6))
end
LUA
cat "$work/count.lua" >> "$work/mix.lua"
cat "$work/count.lua" >> "$work/slow.lua"

echo "opgraph serve on 127.0.0.1:$port (pid $server), --timeout 0.5 s; $conns clients for ${secs}s + ${SLOW_CLIENTS:-8} slow-query clients"
wrk -t2 -c"$conns" -d"${secs}s" --timeout 10s -s "$work/mix.lua" "http://127.0.0.1:$port" >"$work/mix.out" 2>&1 &
mix=$!
slow_clients="${SLOW_CLIENTS:-8}"
if [ "$slow_clients" -gt 0 ]; then
  wrk -t1 -c"$slow_clients" -d"${secs}s" --timeout 10s -s "$work/slow.lua" "http://127.0.0.1:$port" >"$work/slow.out" 2>&1 &
else
  sleep 0 & echo "STATUS 503 0" >"$work/slow.out"
fi
slow=$!
wait "$mix" "$slow"
rss_after=$(rss)
curl -fsS "http://127.0.0.1:$port/health" >/dev/null || { echo "the server stopped answering" >&2; exit 1; }

bad=0
report() {
  local name="$1" file="$2"
  echo "-- $name"
  grep -E '^(STATUS|REASON503|LATENCY|SOCKET|REQUESTS)' "$file" | sed 's/^/   /'
  if grep -E '^STATUS' "$file" | awk '$2 != 200 && $2 != 503 { found = 1 } END { exit !found }'; then
    echo "   FAIL: a status other than 200 and 503"; bad=1
  fi
  if grep -E '^SOCKET' "$file" | grep -qE '=[1-9]'; then
    echo "   FAIL: socket errors"; bad=1
  fi
}
report "fast: mixed cheap queries ($conns clients)" "$work/mix.out"
report "slow: cartesian products (${SLOW_CLIENTS:-8} clients, must be 503)" "$work/slow.out"
# Starvation: the share of cheap requests refused.
starved_pct="${STARVED_PCT:-1}"
awk -v limit="$starved_pct" '
  $1 == "STATUS" { total += $3; if ($2 == 503) refused += $3 }
  END {
    pct = total ? 100 * refused / total : 0
    printf "-- fast requests refused (503): %d of %d (%.2f %%, allowed %s %%)\n", refused, total, pct, limit
    exit !(pct <= limit)
  }' "$work/mix.out" || { echo "   FAIL: the slow flood starves cheap queries"; bad=1; }
if grep -q '^STATUS 200' "$work/slow.out"; then
  echo "   note: some slow queries finished (200): the flood is not slow enough on this machine"
fi
echo "-- server RSS: before ${rss_before} KB, after ${rss_after} KB"
exit "$bad"
