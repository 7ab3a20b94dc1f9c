//! Extraction throughput (MB/s of report text, one thread) on a synthetic corpus.
//!
//! `cargo bench --bench extract` — the corpus is `opgraph::synth::reports(42, N)` with
//! N = 200 by default (`OPGRAPH_BENCH_REPORTS` to change it), plain text in five
//! languages. Whole-process figures over all cores are in `scripts/bench.sh`.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use opgraph::extract::Extractor;
use opgraph::input::report_from_str;
use opgraph::model::Report;

fn corpus() -> Vec<Report> {
    let n = std::env::var("OPGRAPH_BENCH_REPORTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200);
    opgraph::synth::reports(42, n)
        .into_iter()
        .map(|r| report_from_str(&r.id, &r.text, Some(r.language), Some(r.published)))
        .collect()
}

fn extraction(c: &mut Criterion) {
    let reports = corpus();
    let extractor = match Extractor::builtin() {
        Ok(x) => x,
        Err(e) => {
            eprintln!("no extractor: {e}");
            return;
        }
    };
    let bytes: usize = reports.iter().map(|r| r.text.len()).sum();
    let mut g = c.benchmark_group("extract");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function(format!("synthetic/{}-reports", reports.len()), |b| {
        b.iter(|| {
            for r in &reports {
                black_box(extractor.extract(r.clone()));
            }
        })
    });
    // Per language: the grammars differ.
    for lang in ["en", "nl", "fr", "de", "es"] {
        let subset: Vec<&Report> = reports.iter().filter(|r| r.language.code() == lang).collect();
        let bytes: usize = subset.iter().map(|r| r.text.len()).sum();
        g.throughput(Throughput::Bytes(bytes as u64));
        g.bench_function(format!("synthetic/{lang}"), |b| {
            b.iter(|| {
                for r in &subset {
                    black_box(extractor.extract((*r).clone()));
                }
            })
        });
    }
    g.finish();
}

criterion_group!(benches, extraction);
criterion_main!(benches);
