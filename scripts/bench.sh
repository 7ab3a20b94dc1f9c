#!/usr/bin/env bash
# Whole-process benchmark figures for opgraph on synthetic corpora.
#
#   scripts/bench.sh [N ...]        # default: 1000
#   scripts/bench.sh 1000 10000 100000
#
# For each size N it generates a corpus (`opgraph synth`, seed 42, 10% HTML) as a
# folder and as JSON Lines, then prints one Markdown row per size:
#   - extraction MB/s on one core (`opgraph extract` JSON Lines → N-Quads, single thread),
#   - build MB/s with --jobs 1 and --jobs 0 (all cores), reports/s and triples/s, peak RSS
#     (`/usr/bin/time -v`), store size on disk (`du`),
#   - adding one report to the built store (with the corpus merge, and --no-merge),
#   - canned-query latency p50/p95 over every canned query, each run BENCH_QUERY_RUNS
#     times as a separate `opgraph query` process (so it includes opening the store),
#   - `digest` time and the self-score against gold.json (`eval`),
#   - `export` time when the binary has an export command,
#   - `oxigraph load` of the same N-Quads when the `oxigraph` CLI is available.
#
# Environment:
#   CARGO_TARGET_DIR       build directory (default /root/.cache/opgraph-target)
#   BENCH_DIR              where corpora and stores go (default /tmp/opgraph-bench)
#   BENCH_QUERY_RUNS       runs per canned query (default 5)
#   BENCH_SKIP_BUILD=1     use the existing release binary
#   BENCH_SKIP_J1=1        skip the single-threaded build (halves the time at 100k)
#   BENCH_BIN              use this binary instead (no build; e.g. the debug one, to try the script)
#   BENCH_INSTALL_OXIGRAPH=1  `cargo install oxigraph-cli` when `oxigraph` is missing
#                          (compiles RocksDB once more: ~20 min on 2 cores)
#   BENCH_EXPORT_ARGS      arguments after `opgraph export` (default: graphml to a file)
#
# Figures go to standard output (the table) and $BENCH_DIR/results.md; logs per step to
# $BENCH_DIR/N/*.log.
set -euo pipefail

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/root/.cache/opgraph-target}"
BENCH_DIR="${BENCH_DIR:-/tmp/opgraph-bench}"
RUNS="${BENCH_QUERY_RUNS:-5}"
SIZES=("$@")
[ ${#SIZES[@]} -eq 0 ] && SIZES=(1000)
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BIN="${BENCH_BIN:-$CARGO_TARGET_DIR/release/opgraph}"
mkdir -p "$BENCH_DIR"

if [ "${BENCH_SKIP_BUILD:-0}" != 1 ] && [ -z "${BENCH_BIN:-}" ]; then
    echo "building release binary (once)..." >&2
    (cd "$ROOT" && cargo build --release --bin opgraph >&2)
fi
[ -x "$BIN" ] || { echo "no binary at $BIN" >&2; exit 1; }
# The target directory may be shared with other checkouts: run a private copy.
cp "$BIN" "$BENCH_DIR/opgraph"
BIN="$BENCH_DIR/opgraph"
"$BIN" synth --help >/dev/null 2>&1 || { echo "$BIN has no synth command (another checkout's build?)" >&2; exit 1; }

if ! command -v oxigraph >/dev/null 2>&1 && [ "${BENCH_INSTALL_OXIGRAPH:-0}" = 1 ]; then
    echo "installing oxigraph-cli..." >&2
    cargo install oxigraph-cli >&2 || echo "oxigraph-cli install failed; skipping oxigraph load" >&2
fi
HAVE_OXIGRAPH=0
command -v oxigraph >/dev/null 2>&1 && HAVE_OXIGRAPH=1
HELP="$("$BIN" --help)"
HAVE_EXPORT=0
grep -qE '^\s+export\b' <<<"$HELP" && HAVE_EXPORT=1
HAVE_DIGEST=0
grep -qE '^\s+digest\b' <<<"$HELP" && HAVE_DIGEST=1

now() { date +%s.%N; }
# secs START END
secs() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.3f}')" "$1" "$2"; }
# mbps BYTES SECONDS
mbps() { python3 -c "import sys; s=float(sys.argv[2]); print(f'{float(sys.argv[1])/1e6/s:.2f}' if s > 0 else 'n/a')" "$1" "$2"; }
# div A B [digits]
div() { python3 -c "import sys; b=float(sys.argv[2]); print(f'{float(sys.argv[1])/b:.{int(sys.argv[3])}f}' if b > 0 else 'n/a')" "$1" "$2" "${3:-1}"; }
# Peak RSS in MB from a /usr/bin/time -v log.
rss_mb() { awk -F: '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$1"; }
# Wall seconds from a /usr/bin/time -v log.
wall() {
    awk '/Elapsed \(wall clock\)/ {n=split($NF,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; printf "%.3f", s}' "$1"
}
# timed LOG CMD...: runs CMD under /usr/bin/time -v, stdout to LOG.out, stderr+time to LOG.
timed() {
    local log="$1"; shift
    local rc=0
    /usr/bin/time -v -o "$log.time" "$@" >"$log.out" 2>"$log" || rc=$?
    # 3 = some inputs rejected, the rest loaded (see the log).
    if [ "$rc" -ne 0 ] && [ "$rc" -ne 3 ]; then
        echo "failed ($rc): $* (see $log)" >&2
        return 1
    fi
}

CPU="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
MEM="$(awk '/MemTotal/ {printf "%.1f GB", $2/1048576}' /proc/meminfo)"
HEADER="| reports | corpus MB | extract 1 core MB/s | build -j1 MB/s | build -j0 MB/s | build reports/s | triples | triples/s | peak RSS MB | store on disk | add 1 report s (merge / no merge) | query p50 / p95 ms | digest s | export s | oxigraph load s | entities F1 | role facts F1 |"
SEP="|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
{
    echo "machine: $(nproc) cores, $CPU, $MEM; opgraph $("$BIN" --version | awk '{print $2}'), git $(git -C "$ROOT" rev-parse --short HEAD)"
    echo
    echo "$HEADER"
    echo "$SEP"
} | tee "$BENCH_DIR/results.md"

for N in "${SIZES[@]}"; do
    W="$BENCH_DIR/$N"
    rm -rf "$W"
    mkdir -p "$W"
    echo "== $N reports: generating" >&2
    "$BIN" -q synth --reports "$N" --seed 42 --out "$W/files" --html-share 0.1
    "$BIN" -q synth --reports "$N" --seed 42 --out "$W/jsonl" --jsonl
    JBYTES=$(stat -c %s "$W/jsonl/corpus.jsonl")
    MB=$(python3 -c "print(f'{$JBYTES/1e6:.2f}')")

    echo "== $N: extract (one core)" >&2
    timed "$W/extract.log" "$BIN" extract "$W/jsonl/corpus.jsonl" --jobs 1 --ingested-at 2024-01-01T00:00:00Z
    mv "$W/extract.log.out" "$W/corpus.nq"
    EX_MBS=$(mbps "$JBYTES" "$(wall "$W/extract.log.time")")

    B1_MBS="skipped"
    if [ "${BENCH_SKIP_J1:-0}" != 1 ]; then
        echo "== $N: build --jobs 1" >&2
        timed "$W/build1.log" "$BIN" build "$W/files" --store "$W/store-j1.db" --jobs 1 --report-json -
        BYTES=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['bytes'])" "$W/build1.log.out")
        B1_MBS=$(mbps "$BYTES" "$(wall "$W/build1.log.time")")
        rm -rf "$W/store-j1.db"
    fi

    echo "== $N: build --jobs 0" >&2
    timed "$W/build.log" "$BIN" build "$W/files" --store "$W/store.db" --jobs 0 --report-json -
    BW=$(wall "$W/build.log.time")
    read -r REPORTS TRIPLES BYTES < <(python3 -c "import json,sys; s=json.load(open(sys.argv[1])); print(s['reports'], s['triples'], s['bytes'])" "$W/build.log.out")
    B0_MBS=$(mbps "$BYTES" "$BW")
    RPS=$(div "$REPORTS" "$BW" 0)
    TPS=$(div "$TRIPLES" "$BW" 0)
    RSS=$(rss_mb "$W/build.log.time")
    DISK=$(du -sh "$W/store.db" | cut -f1)

    echo "== $N: add one report" >&2
    mkdir -p "$W/extra"
    "$BIN" -q synth --reports 2 --seed 4242 --out "$W/extra/gen" --html-share 0
    for f in "$W"/extra/gen/00000[12]-*.txt; do cp "$f" "$W/extra/zz-extra-$(basename "$f")"; done
    set -- "$W"/extra/zz-extra-*.txt
    timed "$W/add.log" "$BIN" build "$1" --store "$W/store.db"
    timed "$W/add-nomerge.log" "$BIN" build "$2" --store "$W/store.db" --no-merge
    ADD="$(wall "$W/add.log.time") / $(wall "$W/add-nomerge.log.time")"

    echo "== $N: canned queries x$RUNS" >&2
    NAMES=$("$BIN" query --list --format json | python3 -c "import json,sys; print(' '.join(q['name'] for q in json.load(sys.stdin)))")
    : >"$W/query-ms.txt"
    for q in $NAMES; do
        for _ in $(seq "$RUNS"); do
            t0=$(now)
            "$BIN" --store "$W/store.db" query "$q" --format csv >/dev/null 2>>"$W/query.log" || echo "query $q failed" >>"$W/query.log"
            t1=$(now)
            echo "$q $(python3 -c "print(($t1-$t0)*1000)")" >>"$W/query-ms.txt"
        done
    done
    QLAT=$(python3 - "$W/query-ms.txt" <<'EOF'
import sys
ms = sorted(float(l.split()[1]) for l in open(sys.argv[1]) if l.strip())
def pct(p):
    return ms[min(len(ms) - 1, int(round(p / 100 * (len(ms) - 1))))]
print(f"{pct(50):.0f} / {pct(95):.0f}" if ms else "n/a")
EOF
)

    DIG="n/a"; EF1="n/a"; RF1="n/a"
    if [ "$HAVE_DIGEST" = 1 ]; then
        echo "== $N: digest + eval" >&2
        timed "$W/digest.log" "$BIN" --store "$W/store.db" digest -o "$W/digest.json"
        DIG=$(wall "$W/digest.log.time")
        if "$BIN" --store "$W/store.db" eval --gold "$W/files/gold.json" --json >"$W/eval.json" 2>"$W/eval.log"; then
            read -r EF1 RF1 < <(python3 -c "import json,sys; s=json.load(open(sys.argv[1])); print(s['entities']['f1'], s['role_facts']['f1'])" "$W/eval.json")
        fi
    fi

    EXP="n/a"
    if [ "$HAVE_EXPORT" = 1 ]; then
        echo "== $N: export" >&2
        # shellcheck disable=SC2086
        if timed "$W/export.log" "$BIN" --store "$W/store.db" export ${BENCH_EXPORT_ARGS:---format graphml --output "$W/network.graphml"}; then
            EXP=$(wall "$W/export.log.time")
        else
            EXP="failed"
        fi
    fi

    OXI="n/a"
    if [ "$HAVE_OXIGRAPH" = 1 ]; then
        echo "== $N: oxigraph load" >&2
        rm -rf "$W/oxigraph.db"
        if timed "$W/oxigraph.log" oxigraph load --location "$W/oxigraph.db" --file "$W/corpus.nq"; then
            OXI="$(wall "$W/oxigraph.log.time") ($(rss_mb "$W/oxigraph.log.time") MB)"
        fi
    fi

    echo "| $N | $MB | $EX_MBS | $B1_MBS | $B0_MBS | $RPS | $TRIPLES | $TPS | $RSS | $DISK | $ADD | $QLAT | $DIG | $EXP | $OXI | $EF1 | $RF1 |" | tee -a "$BENCH_DIR/results.md"
done

echo >&2
echo "results: $BENCH_DIR/results.md; per-query times: $BENCH_DIR/<N>/query-ms.txt" >&2
