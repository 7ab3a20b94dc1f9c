#!/usr/bin/env bash
# Sharded extraction with Spark (local mode) and a bulk load: the scale recipe.
#
#   scale/run.sh [N]          # default N=1000 reports
#
# 1. `opgraph synth --jsonl` writes N reports as one JSON Lines file (+ gold.json);
# 2. Spark (local[*]) pipes every partition through `opgraph extract` (scale/spark_extract.py)
#    and the N-Quads shards are concatenated;
# 3. the N-Quads are bulk-loaded into an Oxigraph store: `oxigraph load` when that CLI
#    is installed, else pyoxigraph's bulk loader (scale/load_nquads.py);
# 4. `opgraph build EMPTY --store` adds the ontology/gazetteer graphs and runs the
#    corpus-level merge; `opgraph stats` and `opgraph eval` check the result.
#
# Installs pyspark and pyoxigraph with pip when missing (Java 17+ must be on the PATH).
# Not part of CI. Environment: CARGO_TARGET_DIR, SCALE_DIR (default /tmp/opgraph-scale),
# OPGRAPH_BIN (default: the release binary, built when missing), SCALE_PARTITIONS.
set -euo pipefail

N="${1:-1000}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/root/.cache/opgraph-target}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DIR="${SCALE_DIR:-/tmp/opgraph-scale}/$N"
BIN="${OPGRAPH_BIN:-$CARGO_TARGET_DIR/release/opgraph}"

python3 -c "import pyspark" 2>/dev/null || pip install --quiet pyspark
python3 -c "import pyoxigraph" 2>/dev/null || command -v oxigraph >/dev/null || pip install --quiet pyoxigraph
command -v java >/dev/null || { echo "Spark needs Java 17+ (apt-get install openjdk-17-jre-headless)" >&2; exit 1; }
if [ ! -x "$BIN" ]; then
    (cd "$ROOT" && cargo build --release --bin opgraph)
fi
rm -rf "$DIR"
mkdir -p "$DIR/empty"
# A private copy: Spark workers exec it, and a shared target dir may be rebuilt meanwhile.
cp "$BIN" "$DIR/opgraph"
BIN="$DIR/opgraph"

t() { date +%s.%N; }
el() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.2f}')" "$1" "$2"; }

t0=$(t)
"$BIN" -q synth --reports "$N" --seed 42 --out "$DIR/corpus" --jsonl
t1=$(t)
python3 "$ROOT/scale/spark_extract.py" --opgraph "$BIN" --input "$DIR/corpus/corpus.jsonl" \
    --output "$DIR/nq" ${SCALE_PARTITIONS:+--partitions "$SCALE_PARTITIONS"} | tee "$DIR/spark.json"
t2=$(t)
if command -v oxigraph >/dev/null; then
    LOADER="oxigraph load"
    oxigraph load --location "$DIR/store.db" --file "$DIR/nq/corpus.nq"
    python3 - "$DIR/store.db" <<'PY'
import sys, pyoxigraph as ox
s = ox.Store(sys.argv[1])
s.add(ox.Quad(ox.NamedNode("https://w3id.org/opgraph/id/store"),
              ox.NamedNode("https://w3id.org/opgraph/ontology#storeFormat"),
              ox.Literal("1"), ox.NamedNode("https://w3id.org/opgraph/id/graph/meta")))
PY
else
    LOADER="pyoxigraph bulk_load"
    python3 "$ROOT/scale/load_nquads.py" "$DIR/store.db" "$DIR/nq/corpus.nq" | tee "$DIR/load.json"
fi
t3=$(t)
"$BIN" build "$DIR/empty" --store "$DIR/store.db"
t4=$(t)
"$BIN" --store "$DIR/store.db" stats
"$BIN" --store "$DIR/store.db" eval --gold "$DIR/corpus/gold.json" | head -12

echo
echo "| step | seconds |"
echo "|---|---|"
echo "| synth $N reports (JSON Lines) | $(el "$t0" "$t1") |"
echo "| Spark local[*] extract (incl. JVM start) + concat | $(el "$t1" "$t2") |"
echo "| bulk load ($LOADER) | $(el "$t2" "$t3") |"
echo "| opgraph schema graphs + merge | $(el "$t3" "$t4") |"
