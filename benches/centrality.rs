//! Centrality on generated collaboration-like graphs: 1k nodes / 5k edges, 10k / 50k
//! and 100k / 500k (uniform random pairs, weights 1–5, seeded). On the largest graph the
//! measures with one search per node (closeness, betweenness) run from the sample of
//! [`SAMPLE`] nodes `0, n/SAMPLE, 2n/SAMPLE, ...` (names ending in `_k1000`): closeness
//! of those nodes, betweenness summed over those sources (the pivot estimate, before
//! scaling); igraph is timed on the same sample. The measures run on a prebuilt
//! adjacency (`csr` times building it), as igraph's run on its prebuilt graph; rayon
//! uses every core unless `RAYON_NUM_THREADS` says otherwise.
//!
//! `cargo bench --bench centrality` also writes each graph as an edge list
//! (`n m` header, then `source target weight` lines) into `$OPGRAPH_BENCH_GRAPHS`
//! (default: `<tmp>/opgraph-bench-graphs`), which `scripts/bench_centrality_igraph.py`
//! times with python-igraph and compares with criterion's estimates.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use opgraph::model::EntityType;
use opgraph::network::paths::{self, Csr};
use opgraph::network::{centrality, communities, ActorNode, CentralityParams, CollabEdge, CollabNetwork};
use petgraph::graph::NodeIndex;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// `m` distinct random pairs over `n` nodes, weights 1..=5, from `seed`.
fn generate(n: usize, m: usize, seed: u64) -> Vec<(usize, usize, f64)> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut seen = BTreeSet::new();
    let mut edges = Vec::with_capacity(m);
    while edges.len() < m {
        let a = rng.random_range(0..n);
        let b = rng.random_range(0..n);
        if a == b || !seen.insert((a.min(b), a.max(b))) {
            continue;
        }
        edges.push((a.min(b), a.max(b), f64::from(rng.random_range(1u8..=5))));
    }
    edges
}

fn network(n: usize, edges: &[(usize, usize, f64)]) -> CollabNetwork {
    let mut net = CollabNetwork::default();
    for i in 0..n {
        net.graph.add_node(ActorNode {
            iri: format!("n{i:06}"),
            label: format!("N{i}"),
            etype: EntityType::Agency,
            country: None,
            operations: 1,
            years: BTreeSet::new(),
        });
    }
    for &(a, b, w) in edges {
        net.graph.add_edge(
            NodeIndex::new(a),
            NodeIndex::new(b),
            CollabEdge {
                weight: w,
                operations: Vec::new(),
                years: BTreeSet::new(),
            },
        );
    }
    net
}

fn write_edge_list(n: usize, edges: &[(usize, usize, f64)]) -> std::io::Result<PathBuf> {
    let dir = std::env::var_os("OPGRAPH_BENCH_GRAPHS")
        .map(PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join("opgraph-bench-graphs"));
    std::fs::create_dir_all(&dir)?;
    let path = dir.join(format!("g_{n}_{}.edges", edges.len()));
    let mut f = std::io::BufWriter::new(std::fs::File::create(&path)?);
    writeln!(f, "{n} {}", edges.len())?;
    for (a, b, w) in edges {
        writeln!(f, "{a} {b} {w}")?;
    }
    f.flush()?;
    Ok(path)
}

/// Sources (closeness: nodes) of the sampled measures on the largest graph.
const SAMPLE: usize = 1_000;

fn bench(c: &mut Criterion) {
    let params = CentralityParams::default();
    let sizes: Vec<(usize, usize)> = match std::env::var("OPGRAPH_BENCH_SIZES") {
        // e.g. OPGRAPH_BENCH_SIZES=1000x5000,10000x50000
        Ok(v) => v
            .split(',')
            .filter_map(|s| s.split_once('x'))
            .filter_map(|(n, m)| Some((n.trim().parse().ok()?, m.trim().parse().ok()?)))
            .collect(),
        Err(_) => vec![(1_000, 5_000), (10_000, 50_000), (100_000, 500_000)],
    };
    for (n, m) in sizes {
        let edges = generate(n, m, 20240611);
        if let Err(e) = write_edge_list(n, &edges) {
            eprintln!("could not write the edge list for igraph: {e}");
        }
        let net = network(n, &edges);
        let csr = Csr::new(&net);
        let mut group = c.benchmark_group(format!("centrality_{n}_{m}"));
        group.sample_size(10);
        let id = |name: &str| BenchmarkId::from_parameter(name);
        group.bench_function(id("csr"), |b| b.iter(|| Csr::new(&net)));
        group.bench_function(id("pagerank"), |b| b.iter(|| paths::pagerank(&csr, 0.85, 100, 1e-6)));
        group.bench_function(id("eigenvector"), |b| b.iter(|| paths::eigenvector(&csr, 100, 1e-6)));
        if n <= 10_000 {
            group.bench_function(id("closeness"), |b| b.iter(|| paths::closeness(&csr)));
            group.bench_function(id("betweenness"), |b| b.iter(|| paths::betweenness(&csr)));
            group.bench_function(id("betweenness_weighted"), |b| {
                b.iter(|| paths::weighted_betweenness(&csr))
            });
        } else {
            let sample: Vec<usize> = (0..n).step_by(n / SAMPLE).collect();
            let k = sample.len();
            group.bench_function(id(&format!("closeness_k{k}")), |b| {
                b.iter(|| paths::closeness_of(&csr, &sample))
            });
            group.bench_function(id(&format!("betweenness_k{k}")), |b| {
                b.iter(|| paths::betweenness_from(&csr, &sample))
            });
            group.bench_function(id(&format!("betweenness_weighted_k{k}")), |b| {
                b.iter(|| paths::weighted_betweenness_from(&csr, &sample))
            });
        }
        group.bench_function(id("communities"), |b| b.iter(|| communities(&net, params.seed, 1.0)));
        if n <= 1_000 {
            group.bench_function(id("all"), |b| b.iter(|| centrality(&net, &params)));
        }
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
