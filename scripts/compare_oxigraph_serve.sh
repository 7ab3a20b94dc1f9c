#!/usr/bin/env bash
# The SPARQL endpoint of `opgraph serve` against `oxigraph serve` (0.5) on the same data
# (not run in CI).
#
#   scripts/compare_oxigraph_serve.sh [REPORTS] [SECONDS]    (default 1000 reports, 10 s per query and server)
#
# Generates a synthetic corpus (`opgraph synth --reports REPORTS --seed $SEED`), builds an
# opgraph store from it, exports it as N-Quads and loads those into an oxigraph store.
# Then starts both servers on loopback, one after the other alone on the machine, and
# runs each query with wrk ($CONNS clients, SECONDS seconds, POST application/sparql-query,
# Accept: application/sparql-results+json) against opgraph's /sparql and oxigraph's
# /query (with --union-default-graph, which is what opgraph's /sparql does). Before
# timing, it checks that both answer every query with the same number of CSV rows.
# Prints a Markdown table: query, rows, opgraph p50/p99 and req/s, oxigraph p50/p99 and
# req/s, and the req/s ratio (opgraph / oxigraph). Exits 1 when a server answers a
# status other than 200 or the row counts differ.
#
# Then shows what each server does with a query that runs past its time limit
# (--timeout 1 for opgraph, --timeout-s 1 for oxigraph): the status line, the bytes of
# body received, and whether that body is complete JSON.
#
# The queries: the canned queries named in $QUERIES (queries/NAME.rq) and three simple
# ones (count, ask, select-50).
#
# Environment:
#   OPGRAPH_BIN   the opgraph binary (default: a release `cargo install` of this tree into $WORK/bin)
#   OXIGRAPH_BIN  the oxigraph binary (default /work/tools/bin/oxigraph, else `oxigraph` on PATH);
#                 when there is none, only opgraph is measured
#   WORK          working folder (default: a new temporary folder, removed at the end;
#                 a given one is kept and its corpus and stores are reused)
#   CONNS         wrk clients (default 8)        SEED  corpus seed (default 42)
#   QUERIES       canned queries (default "operations agencies-by-operations reports entities collaboration-edges")
#   TIMEOUT_DEMO  0 to skip the time-limit demonstration (default 1)
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
reports="${1:-1000}"; secs="${2:-10}"
case "$reports$secs" in *[!0-9]*) echo "usage: $0 [REPORTS] [SECONDS]" >&2; exit 2;; esac
[ "$secs" -lt 1 ] && secs=1
conns="${CONNS:-8}"; seed="${SEED:-42}"
queries="${QUERIES:-operations agencies-by-operations reports entities collaboration-edges}"
command -v wrk >/dev/null || { echo "compare_oxigraph_serve.sh: needs wrk (apt-get install wrk)" >&2; exit 1; }
command -v python3 >/dev/null || { echo "compare_oxigraph_serve.sh: needs python3" >&2; exit 1; }

if [ -n "${WORK:-}" ]; then
  work="$WORK"; keep=1; mkdir -p "$work"
else
  work="$(mktemp -d)"; keep=0
fi
servers=()
cleanup() {
  for p in "${servers[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [ "$keep" = 0 ] && rm -rf "$work"
}
trap cleanup EXIT

if [ -z "${OPGRAPH_BIN:-}" ]; then
  export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/root/.cache/opgraph-target}"
  cargo install --quiet --path "$root" --root "$work/bin" --force --offline >&2
  OPGRAPH_BIN="$work/bin/bin/opgraph"
fi
oxigraph="${OXIGRAPH_BIN:-}"
if [ -z "$oxigraph" ]; then
  if [ -x /work/tools/bin/oxigraph ]; then oxigraph=/work/tools/bin/oxigraph
  else oxigraph="$(command -v oxigraph || true)"; fi
fi
if [ -n "$oxigraph" ] && ! "$oxigraph" --version >/dev/null 2>&1; then
  echo "note: $oxigraph does not run; measuring opgraph alone" >&2; oxigraph=""
fi
[ -z "$oxigraph" ] && echo "note: no oxigraph binary (OXIGRAPH_BIN, /work/tools/bin/oxigraph, PATH); measuring opgraph alone" >&2

# --- data ---------------------------------------------------------------------------
if [ ! -d "$work/opg.db" ]; then
  echo "corpus: $reports reports, seed $seed" >&2
  "$OPGRAPH_BIN" synth --reports "$reports" --seed "$seed" --out "$work/corpus" -q
  "$OPGRAPH_BIN" build "$work/corpus" --store "$work/opg.db" -q
fi
if [ ! -s "$work/kg.nq" ]; then
  "$OPGRAPH_BIN" export --store "$work/opg.db" --format nquads -o "$work/kg.nq" -q
fi
quads=$(wc -l <"$work/kg.nq" | tr -d ' ')
if [ -n "$oxigraph" ] && [ ! -d "$work/oxi.db" ]; then
  "$oxigraph" load --location "$work/oxi.db" --file "$work/kg.nq" >"$work/oxi-load.log" 2>&1 \
    || { cat "$work/oxi-load.log" >&2; exit 1; }
fi

# --- queries ------------------------------------------------------------------------
mkdir -p "$work/q"
names=()
for n in $queries; do
  [ -f "queries/$n.rq" ] || { echo "no canned query queries/$n.rq" >&2; exit 2; }
  cp "queries/$n.rq" "$work/q/$n.rq"; names+=("$n")
done
echo 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }' >"$work/q/count.rq"
echo 'ASK { ?s a <https://w3id.org/opgraph/ontology#Operation> }' >"$work/q/ask.rq"
echo 'SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 50' >"$work/q/select-50.rq"
names+=(count ask select-50)

# wrk: POST the query file; count statuses; print one RESULT line.
cat >"$work/post.lua" <<'LUA'
local qfile = os.getenv("QFILE")
local f = assert(io.open(qfile, "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/sparql-query"
wrk.headers["Accept"] = "application/sparql-results+json"
counts = {}
response = function(status, headers, body)
  counts[status] = (counts[status] or 0) + 1
end
local threads = {}
setup = function(thread) table.insert(threads, thread) end
done = function(summary, latency, requests)
  local total, other = 0, 0
  for _, t in ipairs(threads) do
    for k, v in pairs(t:get("counts")) do
      if k == 200 then total = total + v else other = other + v end
    end
  end
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT %.2f %.2f %.1f %d %d %d\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests / (summary.duration / 1e6), total, other, errors))
end
LUA

port_opg=$((20000 + RANDOM % 10000)); port_oxi=$((port_opg + 1))
wait_up() { # URL
  for _ in $(seq 300); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.1; done
  echo "server at $1 did not start" >&2; return 1
}
start_opgraph() { # TIMEOUT
  "$OPGRAPH_BIN" serve --store "$work/opg.db" --bind "127.0.0.1:$port_opg" --timeout "$1" --no-access-log \
    2>>"$work/opgraph-serve.log" &
  opg_pid=$!; servers+=("$opg_pid")
  wait_up "http://127.0.0.1:$port_opg/health"
}
start_oxigraph() { # TIMEOUT
  local t=()
  # No time limit for the throughput runs: oxigraph 0.5.13 with --timeout-s aborts under
  # wrk load ("Resource temporarily unavailable" creating threads), even with one client.
  if [ "$1" != none ]; then
    "$oxigraph" serve-read-only --help 2>/dev/null | grep -q -- '--timeout-s' && t=(--timeout-s "$1")
  fi
  "$oxigraph" serve-read-only --location "$work/oxi.db" --bind "127.0.0.1:$port_oxi" --union-default-graph "${t[@]}" \
    >>"$work/oxigraph-serve.log" 2>&1 &
  oxi_pid=$!; servers+=("$oxi_pid")
  wait_up "http://127.0.0.1:$port_oxi/query?query=ASK%7B%7D"
}
stop() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }
rss() { ps -o rss= -p "$1" | tr -d ' '; }
# Rows of a query's CSV answer (header excluded; an ASK answers one row either way).
rows() { # URL QFILE
  curl -sS -X POST -H 'Content-Type: application/sparql-query' -H 'Accept: text/csv' \
    --data-binary "@$2" -o "$work/rows.csv" -w '%{http_code}' "$1" >"$work/rows.status"
  if [ "$(cat "$work/rows.status")" != 200 ]; then echo "HTTP$(cat "$work/rows.status")"; return; fi
  python3 -c 'import csv,sys; print(max(0, sum(1 for _ in csv.reader(open(sys.argv[1], newline="")))-1))' "$work/rows.csv"
}
bench() { # URL QFILE -> "p50 p99 rps ok other errors"
  # One untimed request warms the caches.
  curl -sS -o /dev/null -X POST -H 'Content-Type: application/sparql-query' --data-binary "@$2" "$1" || true
  QFILE="$2" wrk -t2 -c"$conns" -d"${secs}s" --timeout 30s -s "$work/post.lua" "$1" 2>&1 \
    | awk '/^RESULT/ { $1 = ""; print substr($0, 2) }'
}

declare -A opg_rows oxi_rows opg_res oxi_res
start_opgraph 30
for n in "${names[@]}"; do
  opg_rows[$n]=$(rows "http://127.0.0.1:$port_opg/sparql" "$work/q/$n.rq")
  opg_res[$n]=$(bench "http://127.0.0.1:$port_opg/sparql" "$work/q/$n.rq")
done
opg_rss=$(rss "$opg_pid"); stop "$opg_pid"
if [ -n "$oxigraph" ]; then
  start_oxigraph none
  for n in "${names[@]}"; do
    oxi_rows[$n]=$(rows "http://127.0.0.1:$port_oxi/query" "$work/q/$n.rq")
    oxi_res[$n]=$(bench "http://127.0.0.1:$port_oxi/query" "$work/q/$n.rq")
  done
  oxi_rss=$(rss "$oxi_pid"); stop "$oxi_pid"
fi

bad=0
cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//') × $(nproc)"
oxiver="$([ -n "$oxigraph" ] && "$oxigraph" --version 2>/dev/null || echo "not measured")"
echo
echo "Corpus: $reports synthetic reports (seed $seed), $quads quads. wrk: $conns clients, ${secs} s per query and server."
echo "opgraph: $("$OPGRAPH_BIN" --version) (/sparql); oxigraph: $oxiver (serve-read-only --union-default-graph, /query). CPU: $cpu."
echo
echo "| query | rows | opgraph p50 ms | p99 ms | req/s | oxigraph p50 ms | p99 ms | req/s | req/s opgraph/oxigraph |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for n in "${names[@]}"; do
  read -r op50 op99 orps ook ooth oerr <<<"${opg_res[$n]:-- - - 0 0 0}"
  [ "${ooth:-0}" != 0 ] || [ "${oerr:-0}" != 0 ] && { echo "opgraph: $n had $ooth non-200 answers and $oerr socket errors" >&2; bad=1; }
  if [ -n "$oxigraph" ]; then
    read -r x50 x99 xrps xok xoth xerr <<<"${oxi_res[$n]:-- - - 0 0 0}"
    [ "${xoth:-0}" != 0 ] || [ "${xerr:-0}" != 0 ] && { echo "oxigraph: $n had $xoth non-200 answers and $xerr socket errors" >&2; bad=1; }
    if [ "${opg_rows[$n]}" != "${oxi_rows[$n]}" ]; then
      echo "rows differ for $n: opgraph ${opg_rows[$n]}, oxigraph ${oxi_rows[$n]}" >&2; bad=1
    fi
    ratio=$(awk -v a="$orps" -v b="$xrps" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }')
  else
    x50="-"; x99="-"; xrps="-"; ratio="-"
  fi
  echo "| $n | ${opg_rows[$n]} | $op50 | $op99 | $orps | $x50 | $x99 | $xrps | $ratio |"
done
echo
echo "Server RSS after the runs: opgraph ${opg_rss} KB${oxigraph:+, oxigraph ${oxi_rss:-?} KB}."

# --- past the time limit ------------------------------------------------------------
if [ "${TIMEOUT_DEMO:-1}" != 0 ]; then
  # Rows stream out of a cartesian product for far longer than 1 s.
  slow='SELECT ?a ?b ?d WHERE { ?a ?b ?c . ?d ?e ?f }'
  demo() { # NAME URL
    local t0 t1 code
    t0=$(date +%s.%N)
    code=$(curl -sS --max-time 20 -X POST -H 'Content-Type: application/sparql-query' \
      -H 'Accept: application/sparql-results+json' --data-binary "$slow" -o "$work/demo.body" -w '%{http_code}' "$2" 2>"$work/demo.err" || true)
    t1=$(date +%s.%N)
    local size whole
    size=$(stat -c %s "$work/demo.body" 2>/dev/null || echo 0)
    whole=$(python3 -c 'import json,sys
try:
    json.load(open(sys.argv[1])); print("complete JSON")
except Exception:
    print("not valid JSON (cut)")' "$work/demo.body")
    printf '| %s | %s | %s | %s | %.1f s | %s |\n' "$1" "${code:-none}" "$size" "$whole" \
      "$(echo "$t1 - $t0" | bc)" "$(head -c 100 "$work/demo.body" | tr -d '\n' | sed 's/|/\\|/g')"
    rm -f "$work/demo.body"
  }
  echo
  echo "Past the time limit (1 s): \`$slow\`"
  echo
  echo "| server | status | body bytes | body | time | body starts with |"
  echo "| --- | --- | ---: | --- | ---: | --- |"
  start_opgraph 1
  demo "opgraph serve --timeout 1" "http://127.0.0.1:$port_opg/sparql"
  stop "$opg_pid"
  if [ -n "$oxigraph" ]; then
    start_oxigraph 1
    demo "oxigraph serve-read-only --timeout-s 1" "http://127.0.0.1:$port_oxi/query"
    stop "$oxi_pid"
  fi
fi
exit "$bad"
