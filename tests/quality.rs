//! Extraction quality on the shared corpora, scored with the rules of
//! `../shared/gold/SCHEMA.md`. The floors sit a little under the figures reached (see the
//! README), so a regression fails CI; they are not the targets.

mod common;

use opgraph::digest::{compute, Digest};
use opgraph::eval::{score, Scores};
use opgraph::extract::Extractor;
use opgraph::pipeline::{build, BuildOptions};
use opgraph::rdf::Iris;
use opgraph::store::GraphStore;

fn run(corpus: &str) -> Option<(Digest, Digest, Scores)> {
    let shared = common::shared()?;
    let gold_text = std::fs::read_to_string(shared.join(format!("gold/{corpus}.json"))).ok()?;
    let gold = Digest::from_json(&gold_text).expect("gold parses");
    let store = GraphStore::memory(Iris::default()).unwrap();
    let dir = shared.join(format!("corpus/{corpus}"));
    let summary = build(&store, &Extractor::builtin().unwrap(), &[dir], &BuildOptions::default()).unwrap();
    assert!(summary.rejected.is_empty(), "{:?}", summary.rejected);
    let digest = compute(&store, corpus).unwrap();
    let scores = score(&gold, &digest);
    eprintln!("{corpus}:\n{}", scores.to_text());
    Some((gold, digest, scores))
}

#[test]
fn seeds_meet_their_floors() {
    if common::skip_without_shared("seeds_meet_their_floors") {
        return;
    }
    let (_, _, s) = run("seeds").unwrap();
    assert!(s.entities.f1 >= 0.93, "entities {}", s.entities.f1);
    assert!(s.role_facts.f1 >= 0.94, "role facts {}", s.role_facts.f1);
    assert_eq!((s.dates.correct, s.dates.of), (4, 4), "dates");
    assert!(s.counts.f1 >= 0.80, "counts {}", s.counts.f1);
    assert!(
        s.operation_mentions.f1 >= 0.95,
        "operation mentions {}",
        s.operation_mentions.f1
    );
}

#[test]
fn dev_meets_its_floors() {
    if common::skip_without_shared("dev_meets_its_floors") {
        return;
    }
    let (_, _, s) = run("dev").unwrap();
    assert!(s.entities.f1 >= 0.95, "entities {}", s.entities.f1);
    assert!(s.role_facts.f1 >= 0.92, "role facts {}", s.role_facts.f1);
    assert!(s.dates.accuracy.unwrap_or(0.0) >= 0.90, "dates {:?}", s.dates);
    assert!(s.counts.f1 >= 0.82, "counts {}", s.counts.f1);
    assert!(
        s.operation_mentions.f1 >= 0.95,
        "operation mentions {}",
        s.operation_mentions.f1
    );
}

/// `opgraph eval` and the reference scorer agree on the same digest.
#[test]
fn eval_agrees_with_the_reference_scorer() {
    if common::skip_without_shared("eval_agrees_with_the_reference_scorer") {
        return;
    }
    let Ok(py) = std::process::Command::new("python3").arg("--version").output() else {
        eprintln!("SKIPPED eval_agrees_with_the_reference_scorer: no python3");
        return;
    };
    assert!(py.status.success());
    let shared = common::shared().unwrap();
    for corpus in ["seeds", "dev"] {
        let (_, digest, ours) = run(corpus).unwrap();
        let tmp = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(tmp.path(), digest.to_json()).unwrap();
        let out = std::process::Command::new("python3")
            .arg(shared.join("tools/score.py"))
            .arg(shared.join(format!("gold/{corpus}.json")))
            .arg(tmp.path())
            .arg("--json")
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let theirs: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let pairs = [
            ("entities", &ours.entities),
            ("entity_mentions", &ours.entity_mentions),
            ("operations", &ours.operations),
            ("role_facts", &ours.role_facts),
            ("counts", &ours.counts),
            ("operation_mentions", &ours.operation_mentions),
        ];
        for (k, v) in pairs {
            let t = &theirs[k];
            assert_eq!(t["tp"].as_u64(), Some(v.tp as u64), "{corpus} {k} tp");
            assert_eq!(t["pred"].as_u64(), Some(v.pred as u64), "{corpus} {k} pred");
            assert_eq!(t["gold"].as_u64(), Some(v.gold as u64), "{corpus} {k} gold");
            assert!((t["f1"].as_f64().unwrap() - v.f1).abs() < 1e-9, "{corpus} {k} f1");
        }
        for (t, v) in &ours.entities_by_type {
            assert_eq!(
                theirs[format!("entities.{t}")]["tp"].as_u64(),
                Some(v.tp as u64),
                "{corpus} {t}"
            );
        }
        assert_eq!(theirs["dates"]["correct"].as_u64(), Some(ours.dates.correct as u64));
        assert_eq!(theirs["dates"]["of"].as_u64(), Some(ours.dates.of as u64));
    }
}
