#!/usr/bin/env bash
# Peak memory of the RDF exports on generated stores: every format streams, so the peak
# RSS of `opgraph export` should stay flat while the store grows.
#
#   scripts/export_memory.sh [REPORTS ...]      # default: 2000 8000
#
# For each size it writes a synthetic corpus (`opgraph synth`, seed 42), builds a store
# from it once (kept in $EXPORT_MEM_DIR/N/store.db for the next run), then runs
# `opgraph export --format F -o FILE` for every RDF format under `/usr/bin/time -v` and
# prints one Markdown row per size and format: quads in the store, N-Quads size (the
# store as text), output size, wall seconds, peak RSS; and the peak RSS of
# `opgraph stats` on the same store (opening the store and counting: the floor).
#
# Environment:
#   OPGRAPH_BIN      the binary (default: `opgraph` on PATH); a private copy is run
#   OLD_BIN          optional second binary measured the same way (e.g. a build from
#                    before the exports streamed), its rows marked "old"
#   EXPORT_MEM_DIR   corpora, stores and outputs (default /tmp/opgraph-export-mem)
#   FORMATS          default: "nquads turtle trig jsonld ntriples"
set -euo pipefail

DIR="${EXPORT_MEM_DIR:-/tmp/opgraph-export-mem}"
SIZES=("$@")
[ ${#SIZES[@]} -eq 0 ] && SIZES=(2000 8000)
FORMATS=(${FORMATS:-nquads turtle trig jsonld ntriples})
mkdir -p "$DIR"
BIN="$(command -v "${OPGRAPH_BIN:-opgraph}")" || { echo "no opgraph binary (set OPGRAPH_BIN)" >&2; exit 1; }
cp "$BIN" "$DIR/opgraph"
BINS=("$DIR/opgraph")
if [ -n "${OLD_BIN:-}" ]; then
    cp "$OLD_BIN" "$DIR/opgraph-old"
    BINS+=("$DIR/opgraph-old")
fi

rss_mb() { awk -F: '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$1"; }
wall() {
    awk '/Elapsed \(wall clock\)/ {n=split($NF,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; printf "%.1f", s}' "$1"
}
mb() { python3 -c "import sys; print(f'{int(sys.argv[1])/1e6:.1f}')" "$(stat -c %s "$1")"; }

echo "| reports | quads | N-Quads MB | binary | format | output MB | wall s | peak RSS MB | \`stats\` RSS MB |"
echo "|---|---|---|---|---|---|---|---|---|"
for n in "${SIZES[@]}"; do
    d="$DIR/$n"
    mkdir -p "$d"
    if [ ! -f "$d/store.db/CURRENT" ]; then
        echo "building the $n-report store..." >&2
        rm -rf "$d/corpus" "$d/store.db"
        "${BINS[0]}" synth --reports "$n" --seed 42 --out "$d/corpus" >/dev/null
        "${BINS[0]}" build "$d/corpus" --store "$d/store.db" --quiet >"$d/build.log" 2>&1
    fi
    "${BINS[0]}" export --format nquads --store "$d/store.db" -o "$d/store.nq" --quiet
    quads=$(wc -l <"$d/store.nq")
    nq_mb=$(mb "$d/store.nq")
    /usr/bin/time -v "${BINS[0]}" stats --store "$d/store.db" >/dev/null 2>"$d/stats.time"
    stats_rss=$(rss_mb "$d/stats.time")
    for bin in "${BINS[@]}"; do
        tag=new
        [ "$bin" = "$DIR/opgraph-old" ] && tag=old
        for f in "${FORMATS[@]}"; do
            out="$d/out-$tag.$f"
            /usr/bin/time -v "$bin" export --format "$f" --store "$d/store.db" -o "$out" --quiet 2>"$d/$tag-$f.time" \
                || { echo "| $n | $quads | $nq_mb | $tag | $f | failed (see $d/$tag-$f.time) | | | |"; continue; }
            echo "| $n | $quads | $nq_mb | $tag | $f | $(mb "$out") | $(wall "$d/$tag-$f.time") | $(rss_mb "$d/$tag-$f.time") | $stats_rss |"
        done
    done
done
