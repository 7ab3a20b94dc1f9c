//! The synthetic corpus generator: determinism, what it writes, the gold shape, and a
//! self-score floor (building the corpus and scoring it against its own gold).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use opgraph::digest::{self, Digest};
use opgraph::extract::Extractor;
use opgraph::pipeline::{self, BuildOptions};
use opgraph::rdf::Iris;
use opgraph::store::GraphStore;
use opgraph::synth::{generate, SynthOptions};

fn opts(reports: usize, seed: u64) -> SynthOptions {
    SynthOptions {
        reports,
        seed,
        html_share: 0.2,
        jsonl: false,
    }
}

/// File name → bytes of every file in a folder.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for e in std::fs::read_dir(dir).expect("read_dir") {
        let e = e.expect("dir entry");
        let name = e.file_name().to_string_lossy().into_owned();
        out.insert(name, std::fs::read(e.path()).expect("read"));
    }
    out
}

fn gold(dir: &Path) -> Digest {
    let text = std::fs::read_to_string(dir.join("gold.json")).expect("gold.json");
    Digest::from_json(&text).expect("gold.json parses as a digest")
}

#[test]
fn same_seed_same_bytes_other_seed_other_corpus() {
    let (a, b, c) = (
        tempfile::tempdir().expect("tmp"),
        tempfile::tempdir().expect("tmp"),
        tempfile::tempdir().expect("tmp"),
    );
    generate(a.path(), &opts(40, 7)).expect("generate a");
    generate(b.path(), &opts(40, 7)).expect("generate b");
    generate(c.path(), &opts(40, 8)).expect("generate c");
    let (fa, fb, fc) = (files(a.path()), files(b.path()), files(c.path()));
    assert_eq!(fa.len(), 42, "40 reports + gold.json + sources.json");
    assert_eq!(fa, fb, "same seed must give byte-identical files");
    assert_ne!(fa["gold.json"], fc["gold.json"]);
    assert_ne!(fa["sources.json"], fc["sources.json"]);
}

#[test]
fn writes_n_reports_manifest_and_gold_in_both_modes() {
    let dir = tempfile::tempdir().expect("tmp");
    let s = generate(dir.path(), &opts(50, 3)).expect("generate");
    assert_eq!(s.reports, 50);
    let all = files(dir.path());
    let reports: Vec<&String> = all
        .keys()
        .filter(|n| n.ends_with(".txt") || n.ends_with(".html"))
        .collect();
    assert_eq!(reports.len(), 50);
    let html = reports.iter().filter(|n| n.ends_with(".html")).count();
    assert_eq!(html, s.html);
    assert!(html > 0 && html < 25, "about a fifth HTML, got {html}");
    // Languages: all five appear in 50 reports.
    let langs: BTreeSet<&str> = reports.iter().filter_map(|n| n.split(['-', '.']).nth(1)).collect();
    assert_eq!(
        langs,
        ["de", "en", "es", "fr", "nl"].into_iter().collect::<BTreeSet<_>>()
    );
    let manifest: BTreeMap<String, serde_json::Value> =
        serde_json::from_slice(&all["sources.json"]).expect("sources.json parses");
    assert_eq!(manifest.len(), 50);
    for (name, row) in &manifest {
        assert!(all.contains_key(name), "manifest names a missing file {name}");
        let lang = row["language"].as_str().expect("language");
        assert!(name.contains(&format!("-{lang}.")));
        assert!(opgraph::model::PartialDate::parse(row["published"].as_str().expect("date")).is_some());
    }

    // JSON Lines mode: one row per report, same ids and the same gold (no HTML).
    let j = tempfile::tempdir().expect("tmp");
    let mut o = opts(50, 3);
    o.jsonl = true;
    o.html_share = 0.0;
    let t = tempfile::tempdir().expect("tmp");
    let mut ot = opts(50, 3);
    ot.html_share = 0.0;
    generate(j.path(), &o).expect("jsonl");
    generate(t.path(), &ot).expect("text");
    let rows = std::fs::read_to_string(j.path().join("corpus.jsonl")).expect("corpus.jsonl");
    let lines: Vec<&str> = rows.lines().collect();
    assert_eq!(lines.len(), 50);
    for (i, line) in lines.iter().enumerate() {
        let r = opgraph::input::report_from_json_line(line, "corpus.jsonl", i + 1).expect("row is a report");
        let text = std::fs::read_to_string(t.path().join(&r.id)).expect("same id as a file");
        // The row carries the same raw text as the file (both are then cleaned alike).
        let row: serde_json::Value = serde_json::from_str(line).expect("row is JSON");
        assert_eq!(row["text"].as_str(), Some(text.as_str()));
    }
    assert_eq!(gold(j.path()), gold(t.path()));
}

#[test]
fn gold_has_the_schema_shape_and_consistent_references() {
    let dir = tempfile::tempdir().expect("tmp");
    let s = generate(dir.path(), &opts(120, 11)).expect("generate");
    let g = gold(dir.path());
    let on_disk: BTreeSet<String> = files(dir.path()).into_keys().collect();
    assert_eq!(g.corpus, "synth-11-120");
    assert_eq!(g.operations.len(), s.operations);
    assert_eq!(g.entities.len(), s.entities);
    assert!(
        s.operations >= 120 / 4 && s.operations < 120,
        "one to four reports per operation, got {} operations",
        s.operations
    );
    let roles: BTreeSet<&str> = opgraph::model::Role::ALL.iter().map(|r| r.as_str()).collect();
    let mut told = 0usize;
    let mut multi = 0usize;
    for (k, op) in &g.operations {
        assert!(!op.reports.is_empty(), "{k} has no report");
        multi += usize::from(op.reports.len() > 1);
        for r in &op.reports {
            assert!(on_disk.contains(r), "{k}: report {r} not written");
        }
        let start = op.start.as_deref().expect("every operation has a start");
        assert!(opgraph::model::PartialDate::parse(start).is_some(), "{start}");
        if let Some(end) = &op.end {
            assert!(end.as_str() > start, "{k}: end {end} not after {start}");
        }
        assert!(op.roles.contains_key("target"), "{k} has no target");
        for (role, ents) in &op.roles {
            assert!(roles.contains(role.as_str()), "unknown role {role}");
            for e in ents {
                assert!(g.entities.contains_key(e), "{k}: {role} {e} is no entity");
                told += 1;
            }
        }
        for c in &op.counts {
            assert!(c.value.as_f64().unwrap_or(0.0) > 0.0);
            assert!(["exact", "more than", "about", "less than"].contains(&c.qualifier.as_str()));
            assert!(["item", "account", "server", "domain", "arrest"].contains(&c.unit.as_str()));
        }
    }
    assert!(multi > 0, "some operations must be told by several reports");
    assert!(told > 3 * s.operations, "few role facts: {told}");
    for (k, e) in &g.entities {
        assert!(opgraph::eval::TYPES.contains(&e.etype.as_str()), "{k}");
        assert!(!e.names.is_empty() && !e.reports.is_empty(), "{k}");
        for r in &e.reports {
            assert!(on_disk.contains(r), "{k}: report {r} not written");
        }
    }
    // Every entity a report is said to mention appears in its text under one of its names
    // (datelines write places in capitals).
    for (k, e) in g.entities.iter().take(25) {
        let r = &e.reports[0];
        let text = std::fs::read_to_string(dir.path().join(r)).expect("report");
        assert!(
            e.names.iter().any(|n| text.to_lowercase().contains(&n.to_lowercase())),
            "{k} not named in {r}"
        );
    }
    let europol = &g.entities["europol"];
    assert_eq!(europol.etype, "Agency");
    assert_eq!(europol.names, ["Europol"]);
}

#[test]
fn a_small_synthetic_corpus_scores_above_a_floor_against_its_own_gold() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut o = opts(30, 5);
    o.html_share = 0.0;
    generate(dir.path(), &o).expect("generate");
    let g = gold(dir.path());
    let s = self_score(dir.path(), &g, 30);
    // Floors, not targets: they rise as the real gazetteer and grammars land.
    assert!(s.entities.f1 > ENTITY_F1_FLOOR, "entities F1 {}", s.entities.f1);
    assert!(s.entities.tp > 0);
    assert!(s.entity_mentions.p > 0.5, "entity mentions P {}", s.entity_mentions.p);
    assert!(s.operations.tp > 0, "no operation aligned");
}

/// Builds the generated corpus in `dir` into a memory store and scores it against `gold`.
fn self_score(dir: &Path, gold: &Digest, reports: usize) -> opgraph::eval::Scores {
    let store = GraphStore::memory(Iris::new(opgraph::rdf::DEFAULT_BASE).expect("iris")).expect("store");
    let extractor = Extractor::builtin().expect("extractor");
    let summary = pipeline::build(
        &store,
        &extractor,
        &[dir.to_path_buf()],
        &BuildOptions {
            jobs: 0,
            ..BuildOptions::default()
        },
    )
    .expect("build");
    assert_eq!(summary.reports, reports);
    assert!(summary.rejected.is_empty(), "{:?}", summary.rejected);
    let d = digest::compute(&store, &gold.corpus).expect("digest");
    let s = opgraph::eval::score(gold, &d);
    eprintln!("{}", s.to_text());
    s
}

/// Several hundred reports put several operations with overlapping targets and actors in
/// one month: the merge must keep them apart (vague mentions — "in January", no target —
/// agree with all of them and once chained them into one) and still join the reports of
/// each. Before that fix: operation mentions F1 0.90, 144 operations for 154.
#[test]
fn operations_of_one_month_stay_apart_and_their_reports_join() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut o = opts(400, 11);
    o.html_share = 0.0;
    generate(dir.path(), &o).expect("generate");
    let g = gold(dir.path());
    let s = self_score(dir.path(), &g, 400);
    assert!(
        s.operation_mentions.f1 > 0.94,
        "operation mentions F1 {}",
        s.operation_mentions.f1
    );
    assert!(s.operations.f1 > 0.97, "operations F1 {}", s.operations.f1);
    // The templates' phrasings in five languages (verb-first participants, German
    // participle-first and clause-final clauses, multi-word date ranges): 0.981 and
    // 154/154 when these floors were set.
    assert!(s.role_facts.f1 > 0.95, "role facts F1 {}", s.role_facts.f1);
    assert!(s.dates.accuracy.unwrap_or(0.0) > 0.97, "dates {:?}", s.dates);
}

/// Core-type entity F1 the self-score must exceed.
const ENTITY_F1_FLOOR: f64 = 0.3;
