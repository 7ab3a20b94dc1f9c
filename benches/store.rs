//! Store costs: writing one report's graph (`put_extraction`), the corpus merge, and
//! canned-query latency on a small store.
//!
//! `cargo bench --bench store` — in-memory stores built from `opgraph::synth::reports`
//! (200 reports to write, a 300-report store to query). With
//! `OPGRAPH_BENCH_STORE=path/to/store.db` the query group runs on that store instead
//! (opened read-only), which is how the large-store figures are taken.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use opgraph::extract::Extractor;
use opgraph::input::report_from_str;
use opgraph::model::Extraction;
use opgraph::rdf::{Iris, DEFAULT_BASE};
use opgraph::store::GraphStore;

fn extractions(seed: u64, n: usize) -> Option<Vec<Extraction>> {
    let x = Extractor::builtin().ok()?;
    Some(
        opgraph::synth::reports(seed, n)
            .into_iter()
            .map(|r| {
                x.extract(report_from_str(
                    &r.id,
                    &r.text,
                    Some(r.language),
                    Some(r.published),
                ))
            })
            .collect(),
    )
}

fn memory_store() -> Option<GraphStore> {
    GraphStore::memory(Iris::new(DEFAULT_BASE).ok()?).ok()
}

const INGESTED: &str = "2024-01-01T00:00:00Z";

fn put(c: &mut Criterion) {
    let Some(xs) = extractions(42, 200) else {
        eprintln!("no extractor");
        return;
    };
    let mut g = c.benchmark_group("store");
    g.sample_size(10);
    g.throughput(Throughput::Elements(xs.len() as u64));
    g.bench_function("put_extraction/memory/200-reports", |b| {
        b.iter_batched(
            memory_store,
            |store| {
                if let Some(store) = store {
                    for x in &xs {
                        black_box(store.put_extraction(x, INGESTED).ok());
                    }
                }
            },
            BatchSize::PerIteration,
        )
    });
    g.bench_function("put_extraction/disk/200-reports", |b| {
        b.iter_batched(
            || {
                let dir = tempfile::tempdir().ok()?;
                let iris = Iris::new(DEFAULT_BASE).ok()?;
                let store = GraphStore::open(&dir.path().join("s.db"), iris).ok()?;
                Some((dir, store))
            },
            |s| {
                if let Some((_dir, store)) = s {
                    for x in &xs {
                        black_box(store.put_extraction(x, INGESTED).ok());
                    }
                }
            },
            BatchSize::PerIteration,
        )
    });
    // One more report into a store that already holds 200 (the incremental add).
    g.throughput(Throughput::Elements(1));
    let Some(extra) = extractions(4242, 1).and_then(|mut v| v.pop()) else {
        return;
    };
    g.bench_function("put_extraction/memory/one-into-200", |b| {
        b.iter_batched(
            || {
                let store = memory_store()?;
                for x in &xs {
                    store.put_extraction(x, INGESTED).ok()?;
                }
                Some(store)
            },
            |store| {
                if let Some(store) = store {
                    black_box(store.put_extraction(&extra, INGESTED).ok());
                }
            },
            BatchSize::PerIteration,
        )
    });
    g.throughput(Throughput::Elements(xs.len() as u64));
    g.bench_function("merge/rebuild_corpus/200-reports", |b| {
        let store = memory_store();
        if let Some(store) = &store {
            for x in &xs {
                let _ = store.put_extraction(x, INGESTED);
            }
        }
        b.iter(|| {
            if let Some(store) = &store {
                black_box(opgraph::merge::rebuild_corpus(store).ok());
            }
        })
    });
    g.finish();
}

fn queries(c: &mut Criterion) {
    let store = match std::env::var_os("OPGRAPH_BENCH_STORE") {
        Some(path) => Iris::new(DEFAULT_BASE)
            .ok()
            .and_then(|iris| GraphStore::open_read_only(std::path::Path::new(&path), iris).ok()),
        None => {
            let xs = extractions(42, 300).unwrap_or_default();
            memory_store().and_then(|store| {
                for x in &xs {
                    store.put_extraction(x, INGESTED).ok()?;
                }
                opgraph::merge::rebuild_corpus(&store).ok()?;
                Some(store)
            })
        }
    };
    let Some(store) = store else {
        eprintln!("no store to query");
        return;
    };
    let mut g = c.benchmark_group("query");
    g.sample_size(10);
    for q in opgraph::queries::builtin() {
        g.bench_function(&q.name, |b| {
            b.iter(|| {
                // Run and drain the results: latency to the last row.
                let rows = match store.query(&q.sparql) {
                    Ok(oxigraph::sparql::QueryResults::Solutions(s)) => s.count(),
                    Ok(oxigraph::sparql::QueryResults::Graph(t)) => t.count(),
                    Ok(oxigraph::sparql::QueryResults::Boolean(_)) => 1,
                    Err(_) => 0,
                };
                black_box(rows)
            })
        });
    }
    g.finish();
}

criterion_group!(benches, put, queries);
criterion_main!(benches);
