//! The first end-to-end slice: ontology, store layout, idempotent builds, canned
//! queries, digest shape, and bad input at the CLI.

mod common;

use std::collections::BTreeSet;

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{NamedOrBlankNode as Subject, Term};
use oxigraph::sparql::QueryResults;

use opgraph::extract::Extractor;
use opgraph::pipeline::{build, build_opening, BuildOptions};
use opgraph::rdf::Iris;
use opgraph::store::GraphStore;

const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
const LABEL: &str = "http://www.w3.org/2000/01/rdf-schema#label";
const COMMENT: &str = "http://www.w3.org/2000/01/rdf-schema#comment";

#[test]
fn ontology_parses_and_every_term_is_documented() {
    let triples: Vec<_> = RdfParser::from_format(RdfFormat::Turtle)
        .for_slice(opgraph::store::ONTOLOGY_TTL.as_bytes())
        .collect::<Result<_, _>>()
        .expect("ontology parses");
    let kinds = [
        "http://www.w3.org/2002/07/owl#Class",
        "http://www.w3.org/2002/07/owl#ObjectProperty",
        "http://www.w3.org/2002/07/owl#DatatypeProperty",
    ];
    let terms: BTreeSet<String> = triples
        .iter()
        .filter(|t| {
            t.predicate.as_str() == RDF_TYPE && matches!(&t.object, Term::NamedNode(n) if kinds.contains(&n.as_str()))
        })
        .filter_map(|t| match &t.subject {
            Subject::NamedNode(n) => Some(n.as_str().to_string()),
            _ => None,
        })
        .collect();
    assert!(terms.len() >= 40, "only {} classes and properties", terms.len());
    for needed in [
        "Report",
        "Operation",
        "Agency",
        "Country",
        "Place",
        "Group",
        "Outlet",
        "Company",
        "Person",
        "Organization",
        "ledBy",
        "coordinatedBy",
        "supportedBy",
        "participant",
        "target",
        "partner",
        "location",
        "startDate",
        "endDate",
        "sha256",
    ] {
        assert!(
            terms.contains(&format!("https://w3id.org/opgraph/ontology#{needed}")),
            "missing {needed}"
        );
    }
    for t in &terms {
        for p in [LABEL, COMMENT] {
            assert!(
                triples.iter().any(
                    |x| matches!(&x.subject, Subject::NamedNode(n) if n.as_str() == t) && x.predicate.as_str() == p
                ),
                "{t} has no {p}"
            );
        }
    }
}

fn seed_store() -> Option<(GraphStore, std::path::PathBuf)> {
    let shared = common::shared()?;
    let store = GraphStore::memory(Iris::default()).unwrap();
    let dir = shared.join("corpus/seeds");
    let summary = build(
        &store,
        &Extractor::builtin().unwrap(),
        std::slice::from_ref(&dir),
        &BuildOptions::default(),
    )
    .unwrap();
    assert_eq!(summary.reports, 5);
    assert!(summary.rejected.is_empty(), "{:?}", summary.rejected);
    Some((store, dir))
}

fn report_graphs(store: &GraphStore) -> Vec<String> {
    store
        .inner()
        .named_graphs()
        .filter_map(Result::ok)
        .map(|g| g.to_string().trim_matches(['<', '>']).to_string())
        .filter(|g| store.iris().is_report_graph(g))
        .collect()
}

#[test]
fn seeds_make_five_report_graphs_and_rebuilds_are_idempotent() {
    if common::skip_without_shared("seeds_make_five_report_graphs") {
        return;
    }
    let (store, dir) = seed_store().unwrap();
    assert_eq!(report_graphs(&store).len(), 5);
    let rows = store
        .select("PREFIX opg: <https://w3id.org/opgraph/ontology#> SELECT ?id ?sha ?len WHERE { ?r a opg:Report ; opg:reportId ?id ; opg:sha256 ?sha ; opg:byteLength ?len }")
        .unwrap();
    assert_eq!(rows.len(), 5);
    for r in &rows {
        let Term::Literal(sha) = &r["sha"] else { panic!() };
        assert_eq!(sha.value().len(), 64);
    }
    let before = store.inner().len().unwrap();
    let again = build(&store, &Extractor::builtin().unwrap(), &[dir], &BuildOptions::default()).unwrap();
    assert_eq!(again.unchanged, 5);
    assert_eq!(
        store.inner().len().unwrap(),
        before,
        "a second build must not add triples"
    );
}

#[test]
fn a_build_can_open_its_store_while_it_extracts() {
    let tmp = tempfile::tempdir().unwrap();
    for (i, text) in [
        "Europol coordinated an operation against Amaq on 3 May 2018.\n",
        "Eurojust supported an action day against Nashir on 4 June 2019.\n",
    ]
    .iter()
    .enumerate()
    {
        std::fs::write(tmp.path().join(format!("r{i}.txt")), text).unwrap();
    }
    let ex = Extractor::builtin().unwrap();
    let paths = [tmp.path().to_path_buf()];
    let (store, s) = build_opening(
        || GraphStore::memory(Iris::default()),
        &ex,
        &paths,
        &BuildOptions::default(),
    )
    .unwrap();
    assert_eq!((s.reports, s.added), (2, 2));
    assert_eq!(
        report_graphs(&store).len(),
        2,
        "the store handed back holds the reports"
    );
    assert_eq!(s.operation_mentions, 2);
    let stages: Vec<&str> = s.stages.0.iter().map(|(name, _)| *name).collect();
    assert_eq!(&stages[..2], ["open", "extract_and_write"]);
    // A store that cannot be opened fails the build with its own error.
    let failed = build_opening(
        || Err::<GraphStore, _>(opgraph::Error::Store("held by another process".into())),
        &ex,
        &paths,
        &BuildOptions::default(),
    );
    match failed {
        Err(e) => assert!(e.to_string().contains("held by another process"), "{e}"),
        Ok(_) => panic!("a build without a store succeeded"),
    }
}

#[test]
fn a_changed_report_replaces_its_graph() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("r.txt");
    std::fs::write(&file, "Europol coordinated an operation against Amaq on 3 May 2018.\n").unwrap();
    let store = GraphStore::memory(Iris::default()).unwrap();
    let ex = Extractor::builtin().unwrap();
    build(&store, &ex, std::slice::from_ref(&file), &BuildOptions::default()).unwrap();
    let first = report_graphs(&store);
    assert_eq!(first.len(), 1);
    std::fs::write(&file, "Eurojust supported an operation against Nashir on 4 May 2018.\n").unwrap();
    let s = build(&store, &ex, &[file], &BuildOptions::default()).unwrap();
    assert_eq!(s.replaced, 1);
    let second = report_graphs(&store);
    assert_eq!(second.len(), 1);
    assert_ne!(first, second, "the graph name follows the content hash");
    let ids = store
        .select("PREFIX opg: <https://w3id.org/opgraph/ontology#> SELECT ?id WHERE { ?r opg:reportId ?id }")
        .unwrap();
    assert_eq!(ids.len(), 1, "the old report is gone");
}

#[test]
fn every_canned_query_runs_on_the_seed_store() {
    if common::skip_without_shared("every_canned_query_runs") {
        return;
    }
    let (store, _) = seed_store().unwrap();
    for q in opgraph::queries::builtin() {
        let results = store.query(&q.sparql).unwrap_or_else(|e| panic!("{}: {e}", q.name));
        let QueryResults::Solutions(s) = results else {
            panic!("{} is not a SELECT", q.name)
        };
        let n = s.filter(|r| r.is_ok()).count();
        if [
            "operations",
            "entities",
            "reports",
            "agencies-by-operations",
            "evidence",
            "operation-actors",
        ]
        .contains(&q.name.as_str())
        {
            assert!(n > 0, "{} returned no rows on the seeds", q.name);
        }
    }
    // A declared parameter narrows the result.
    let op = store
        .select("PREFIX opg: <https://w3id.org/opgraph/ontology#> SELECT ?op WHERE { GRAPH ?g { ?op a opg:Operation } } LIMIT 1")
        .unwrap();
    let Term::NamedNode(op) = op[0]["op"].clone() else {
        panic!()
    };
    let all = store
        .select(&opgraph::queries::find("operation-actors").unwrap().sparql)
        .unwrap();
    let QueryResults::Solutions(one) = store
        .query_with(
            &opgraph::queries::find("operation-actors").unwrap().sparql,
            &[("operation".into(), Term::NamedNode(op.clone()))],
        )
        .unwrap()
    else {
        panic!()
    };
    let one: Vec<_> = one.map(|r| r.unwrap()).collect();
    assert!(!one.is_empty() && one.len() < all.len());
    assert!(one
        .iter()
        .all(|r| r.get("operation") == Some(&Term::NamedNode(op.clone()))));
}

#[test]
fn digest_has_the_schema_shape() {
    if common::skip_without_shared("digest_has_the_schema_shape") {
        return;
    }
    let (store, _) = seed_store().unwrap();
    let d = opgraph::digest::compute(&store, "seeds").unwrap();
    let v: serde_json::Value = serde_json::from_str(&d.to_json()).unwrap();
    assert_eq!(v["corpus"], "seeds");
    let ents = v["entities"].as_object().unwrap();
    assert!(ents.len() > 10);
    let types = [
        "Agency",
        "Country",
        "Place",
        "Group",
        "Outlet",
        "Company",
        "Person",
        "Organization",
    ];
    for e in ents.values() {
        assert!(types.contains(&e["type"].as_str().unwrap()));
        assert!(!e["names"].as_array().unwrap().is_empty());
        assert!(!e["reports"].as_array().unwrap().is_empty());
    }
    let ops = v["operations"].as_object().unwrap();
    assert!(!ops.is_empty());
    let iso = regex::Regex::new(r"^\d{4}(-\d{2}(-\d{2})?)?$").unwrap();
    for o in ops.values() {
        for k in ["start", "end"] {
            assert!(o[k].is_null() || iso.is_match(o[k].as_str().unwrap()), "{k}: {}", o[k]);
        }
        for (role, ents_of_role) in o["roles"].as_object().unwrap() {
            assert!(opgraph::model::Role::ALL.iter().any(|r| r.as_str() == role));
            for e in ents_of_role.as_array().unwrap() {
                assert!(
                    ents.contains_key(e.as_str().unwrap()),
                    "role value {e} is not an entity key"
                );
            }
        }
        for c in o["counts"].as_array().unwrap() {
            assert!(c["value"].is_number());
            assert!(["exact", "more than", "less than", "about"].contains(&c["qualifier"].as_str().unwrap()));
        }
    }
}

#[test]
fn bad_inputs_are_named_and_the_rest_loads() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(
        dir.join("good.txt"),
        "Europol supported an action against Amaq in June 2017.",
    )
    .unwrap();
    std::fs::write(dir.join("empty.txt"), "").unwrap();
    std::fs::write(dir.join("binary.txt"), [0u8, 159, 146, 150, 0, 0, 1, 2, 3, 0, 255]).unwrap();
    let store = tmp.path().join("kg.db");
    let missing = tmp.path().join("nope.txt");
    let out = common::opgraph(&[
        "build",
        dir.to_str().unwrap(),
        missing.to_str().unwrap(),
        "--store",
        store.to_str().unwrap(),
        "--report-json",
        "-",
    ]);
    let err = common::stderr(&out);
    assert_eq!(out.status.code(), Some(3), "stderr: {err}");
    assert!(!err.contains("panicked"), "{err}");
    for name in ["empty.txt", "binary.txt", "nope.txt"] {
        assert!(err.contains(name), "{name} not named in: {err}");
    }
    let summary: serde_json::Value = serde_json::from_str(&common::stdout(&out)).unwrap();
    assert_eq!(summary["reports"], 1);
    assert_eq!(summary["rejected"].as_array().unwrap().len(), 3);
    // Only an add to a store split into many files asks for a compaction.
    assert_eq!(summary["compaction_advised"], false);
    // Where the time went: each stage once, in the order they ran, within the total.
    let stages = summary["stages"].as_object().expect("stages");
    let mut names: Vec<&str> = stages.keys().map(String::as_str).collect();
    names.sort_unstable();
    assert_eq!(names, ["commit", "counts", "extract_and_write", "merge", "open"]);
    let raw = common::stdout(&out);
    let raw = &raw[raw.find("\"stages\":").expect("stages")..];
    let at = |k: &str| raw.find(&format!("\"{k}\":")).expect(k);
    assert!(at("open") < at("extract_and_write"));
    assert!(at("extract_and_write") < at("commit") && at("commit") < at("merge") && at("merge") < at("counts"));
    let spent: f64 = stages.values().map(|v| v.as_f64().expect("seconds")).sum();
    let total = summary["seconds"].as_f64().expect("seconds");
    assert!(
        stages.values().all(|v| v.as_f64().is_some_and(|x| x >= 0.0)),
        "{stages:?}"
    );
    assert!(spent <= total + 1e-9, "{spent} > {total}");
    // The good file is queryable.
    let q = common::opgraph(&[
        "query",
        "reports",
        "--store",
        store.to_str().unwrap(),
        "--format",
        "csv",
    ]);
    assert_eq!(q.status.code(), Some(0), "{}", common::stderr(&q));
    assert!(common::stdout(&q).contains("good.txt"));
}

#[test]
fn usage_errors_exit_2_and_store_errors_exit_1() {
    let out = common::opgraph(&["build"]);
    assert_eq!(out.status.code(), Some(2));
    let tmp = tempfile::tempdir().unwrap();
    let out = common::opgraph(&[
        "query",
        "operations",
        "--store",
        tmp.path().join("none").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        common::stderr(&out).contains("no opgraph store"),
        "{}",
        common::stderr(&out)
    );
    let out = common::opgraph(&["query", "no-such-query", "--store", tmp.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
}

/// A store built at the command line from the sample reports (with `flags`), in a fresh
/// temporary folder; returns the folder and the store's path.
fn sample_store_at_cli(flags: &[&str]) -> (tempfile::TempDir, String) {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("kg.db").to_str().unwrap().to_string();
    let samples = common::samples();
    let mut args = vec!["build", samples.to_str().unwrap(), "--store", &store, "-q"];
    args.extend(flags);
    let out = common::opgraph(&args);
    assert_eq!(out.status.code(), Some(0), "{}", common::stderr(&out));
    (tmp, store)
}

#[test]
fn compact_rewrites_the_files_and_keeps_the_graph() {
    let (_tmp, store) = sample_store_at_cli(&[]);
    let store = store.as_str();
    let stats = || {
        let out = common::opgraph(&["stats", "--json", "--store", store]);
        assert!(out.status.success(), "{}", common::stderr(&out));
        serde_json::from_str::<serde_json::Value>(&common::stdout(&out)).unwrap()
    };
    let before = stats();
    let out = common::opgraph(&["compact", "--json", "--store", store]);
    assert_eq!(out.status.code(), Some(0), "{}", common::stderr(&out));
    let report: serde_json::Value = serde_json::from_str(&common::stdout(&out)).unwrap();
    let n = |k: &str| report[k].as_u64().unwrap_or_else(|| panic!("{k} in {report}"));
    assert!(n("bytes_before") > 0 && n("bytes_after") > 0, "{report}");
    // A build leaves a file per column family and flush; compaction merges them.
    assert!(n("files_after") < n("files_before"), "{report}");
    assert!(report["seconds"].as_f64().is_some_and(|s| s >= 0.0), "{report}");
    assert_eq!(stats(), before);
    // Its size right after is kept beside RocksDB's files, for later builds to weigh.
    let kept = std::fs::read_to_string(std::path::Path::new(store).join(opgraph::store::COMPACTED_FILE)).unwrap();
    let kept: u64 = kept.trim().parse().unwrap();
    let after = n("bytes_after");
    assert!(kept.abs_diff(after) < 64, "{kept} vs {after}");
}

/// `stats --quick` gives the figures of `stats` but the triple count, from what the last
/// build kept, or counted when it kept none (after a build that left the merge).
#[test]
fn quick_stats_are_the_stats_without_the_triple_count() {
    let (tmp, store) = sample_store_at_cli(&[]);
    let store = store.as_str();
    let stats = |extra: &[&str]| {
        let mut args = vec!["stats", "--json", "--store", store];
        args.extend(extra);
        let out = common::opgraph(&args);
        assert!(out.status.success(), "{}", common::stderr(&out));
        serde_json::from_str::<serde_json::Value>(&common::stdout(&out)).unwrap()
    };
    let later = tmp.path().join("later.txt");
    std::fs::write(
        &later,
        "Eurojust supported an action day against Nashir in Spain on 14 June 2019.\n",
    )
    .unwrap();
    for (round, extra) in [(0, None), (1, Some("--no-merge"))] {
        if let Some(flag) = extra {
            let out = common::opgraph(&["build", later.to_str().unwrap(), flag, "--store", store, "-q"]);
            assert!(out.status.success(), "{}", common::stderr(&out));
        }
        let (mut full, quick) = (stats(&[]), stats(&["--quick"]));
        assert!(full["triples"].as_u64().is_some_and(|t| t > 0), "{full}");
        assert!(quick["triples"].is_null(), "{quick}");
        full["triples"] = serde_json::Value::Null;
        assert_eq!(quick, full, "round {round}");
        assert!(quick["operation_mentions"].as_u64().is_some_and(|n| n > 0), "{quick}");
    }
}

/// `opgraph merge` merges a store built without merging, says what it merged, and keeps
/// the store's figures for the next add.
#[test]
fn merge_merges_an_unmerged_store_and_keeps_its_figures() {
    let (_tmp, store) = sample_store_at_cli(&["--no-merge"]);
    let store = store.as_str();
    let out = common::opgraph(&["merge", "--json", "--store", store]);
    assert_eq!(out.status.code(), Some(0), "{}", common::stderr(&out));
    let merged: serde_json::Value = serde_json::from_str(&common::stdout(&out)).unwrap();
    let out = common::opgraph(&["stats", "--json", "--store", store]);
    let stats: serde_json::Value = serde_json::from_str(&common::stdout(&out)).unwrap();
    assert!(stats["operations"].as_u64().is_some_and(|n| n > 1), "{stats}");
    assert_eq!(merged["operations"], stats["operations"]);
    assert_eq!(merged["operation_mentions"], stats["operation_mentions"]);
    let opened = GraphStore::open_read_only(std::path::Path::new(store), Iris::default()).unwrap();
    let kept = opened.kept_counts().unwrap().expect("figures kept by the merge");
    let figure = |k: &str| stats[k].as_u64().map(|n| n as usize);
    assert_eq!(
        (
            Some(kept.entities),
            Some(kept.operation_mentions),
            Some(kept.operations)
        ),
        (figure("entities"), figure("operation_mentions"), figure("operations"))
    );
}

/// Two processes (two hash seeds) extract byte-identical N-Quads from the same input.
#[test]
fn extraction_is_deterministic_across_processes() {
    let tmp = tempfile::tempdir().unwrap();
    let jsonl = tmp.path().join("in.jsonl");
    let mut lines = String::new();
    for entry in std::fs::read_dir(common::samples()).unwrap() {
        let p = entry.unwrap().path();
        if p.extension().is_some_and(|e| e == "txt") {
            let text = std::fs::read_to_string(&p).unwrap();
            let id = p.file_name().unwrap().to_string_lossy().to_string();
            lines.push_str(&serde_json::json!({"id": id, "text": text, "published": "2019-11-25"}).to_string());
            lines.push('\n');
        }
    }
    std::fs::write(&jsonl, lines).unwrap();
    let run = || {
        let out = common::opgraph(&[
            "extract",
            jsonl.to_str().unwrap(),
            "--ingested-at",
            "2026-01-01T00:00:00Z",
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", common::stderr(&out));
        out.stdout
    };
    let a = run();
    assert!(a.len() > 10_000);
    assert_eq!(a, run());
    // `--jsonl` names the input format; the output is the same.
    let out = common::opgraph(&[
        "extract",
        "--jsonl",
        jsonl.to_str().unwrap(),
        "--ingested-at",
        "2026-01-01T00:00:00Z",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", common::stderr(&out));
    assert_eq!(out.stdout, a);
}

/// `extract --jobs N` writes what one thread writes, rejections included, in input order.
#[test]
fn parallel_extraction_keeps_the_input_order() {
    let tmp = tempfile::tempdir().unwrap();
    let jsonl = tmp.path().join("in.jsonl");
    let mut lines = String::new();
    let mut paths: Vec<_> = std::fs::read_dir(common::samples())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    for (i, p) in paths.iter().enumerate() {
        let text = std::fs::read_to_string(p).unwrap();
        let id = p.file_name().unwrap().to_string_lossy().to_string();
        lines.push_str(&serde_json::json!({"id": id, "text": text, "published": "2019-11-25"}).to_string());
        lines.push('\n');
        if i == 2 {
            lines.push_str("not json\n\n{\"text\": \" \"}\n");
        }
    }
    std::fs::write(&jsonl, lines.repeat(3)).unwrap();
    let run = |jobs: &str| {
        let out = common::opgraph(&[
            "extract",
            "--jobs",
            jobs,
            jsonl.to_str().unwrap(),
            "--ingested-at",
            "2026-01-01T00:00:00Z",
        ]);
        assert_eq!(out.status.code(), Some(3), "{}", common::stderr(&out));
        let err = common::stderr(&out);
        (out.stdout, err)
    };
    let (one, one_err) = run("1");
    assert!(one.len() > 10_000);
    assert_eq!(one_err.matches("rejected").count(), 6, "{one_err}");
    let (three, three_err) = run("3");
    assert!(one == three, "--jobs 3 writes other N-Quads than --jobs 1");
    assert_eq!(one_err, three_err);
}

/// A store of the bundled sample reports, built under a base IRI other than the default
/// (the canned queries name the corpus graph relative to the store's base).
fn sample_store() -> GraphStore {
    let store = GraphStore::memory(Iris::new("http://example.org/kg/").unwrap()).unwrap();
    let summary = build(
        &store,
        &Extractor::builtin().unwrap(),
        &[common::samples()],
        &BuildOptions::default(),
    )
    .unwrap();
    assert!(summary.reports >= 6);
    store
}

/// The rows of an answer, each as its values' text, sorted (a multiset).
fn row_texts(results: QueryResults<'static>) -> Vec<String> {
    let QueryResults::Solutions(s) = results else {
        panic!("not a SELECT")
    };
    let mut rows: Vec<String> = s
        .map(|r| {
            let r = r.unwrap();
            r.values()
                .iter()
                .map(|v| v.as_ref().map_or(String::new(), ToString::to_string))
                .collect::<Vec<_>>()
                .join("\t")
        })
        .collect();
    rows.sort();
    rows
}

#[test]
fn listings_page_through_everything_once() {
    use opgraph::queries::Page;
    let store = sample_store();
    for q in opgraph::queries::builtin().into_iter().filter(|q| q.page.is_some()) {
        let all = row_texts(store.canned(&q, Page::ALL, &[]).unwrap());
        if ["operations", "operation-actors", "evidence", "reports", "entities"].contains(&q.name.as_str()) {
            assert!(all.len() > 3, "{}: {} rows in all", q.name, all.len());
        }
        let mut pages = Vec::new();
        let mut first_page = 0;
        for offset in (0..200).step_by(2) {
            let page = row_texts(store.canned(&q, Page { limit: Some(2), offset }, &[]).unwrap());
            if offset == 0 {
                first_page = page.len();
            }
            pages.extend(page);
        }
        pages.sort();
        assert_eq!(pages, all, "{}: pages of 2 differ from the whole listing", q.name);
        if all.len() > 6 {
            assert!(first_page < all.len(), "{}: the first page is everything", q.name);
        }
    }
}

#[test]
fn a_parameter_finds_its_operation_beyond_the_first_page() {
    use opgraph::queries::{find, Page};
    let store = sample_store();
    let q = find("operation-actors").unwrap();
    let all = store.canned(&q, Page::ALL, &[]).unwrap();
    let QueryResults::Solutions(all) = all else { panic!() };
    let ops: Vec<Term> = all.filter_map(|r| r.unwrap().get("operation").cloned()).collect();
    let last = ops.last().expect("operations with actors").clone();
    assert_ne!(Some(&last), ops.first(), "the samples tell more than one operation");
    let one = store
        .canned(
            &q,
            Page {
                limit: Some(1),
                offset: 0,
            },
            &[("operation".into(), last.clone())],
        )
        .unwrap();
    let QueryResults::Solutions(one) = one else { panic!() };
    let rows: Vec<_> = one.map(|r| r.unwrap()).collect();
    assert!(
        !rows.is_empty(),
        "the bound operation is not on the first page of 1, yet it must be found"
    );
    assert!(rows.iter().all(|r| r.get("operation") == Some(&last)));
}

#[test]
fn every_counted_entity_has_one_card_in_the_corpus_graph() {
    let store = sample_store();
    let rows = store
        .select(
            "PREFIX opg: <https://w3id.org/opgraph/ontology#>
             PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
             SELECT ?e (COUNT(DISTINCT ?l) AS ?labels) (COUNT(DISTINCT ?t) AS ?types) WHERE {
               GRAPH <graph/corpus> { ?e opg:reportCount ?n OPTIONAL { ?e rdfs:label ?l } OPTIONAL { ?e a ?t } }
             } GROUP BY ?e",
        )
        .unwrap();
    assert!(rows.len() > 10, "{} counted entities", rows.len());
    for r in &rows {
        for k in ["labels", "types"] {
            let Term::Literal(n) = &r[k] else { panic!() };
            assert_eq!(n.value(), "1", "{} has {} {k}", r["e"], n.value());
        }
    }
}

#[test]
fn query_pages_at_the_command_line() {
    let (_tmp, db) = sample_store_at_cli(&[]);
    let db = db.as_str();
    let csv = |args: &[&str]| {
        let mut all = vec!["query", "--store", db, "--format", "csv"];
        all.extend_from_slice(args);
        let out = common::opgraph(&all);
        assert_eq!(out.status.code(), Some(0), "{}", common::stderr(&out));
        (common::stdout(&out), common::stderr(&out))
    };
    let (all, _) = csv(&["operations", "--limit", "0"]);
    let (first, _) = csv(&["operations", "--limit", "1"]);
    let (second, _) = csv(&["operations", "--limit", "1", "--offset", "1"]);
    let rows = |t: &str| t.lines().skip(1).map(str::to_string).collect::<Vec<_>>();
    assert!(rows(&all).len() >= 3);
    assert_eq!(rows(&first).len(), 1);
    assert_eq!(rows(&second).len(), 1);
    assert_eq!(rows(&all)[..2], [rows(&first), rows(&second)].concat()[..]);
    // Without --limit, a listing that ended within its page says nothing more (a full
    // page would say how to get the next: unit test in the CLI).
    let (_, hint) = csv(&["operations"]);
    assert!(hint.is_empty(), "{hint}");
    // Any other query is limited only when asked.
    let q = "SELECT ?s WHERE { ?s a <https://w3id.org/opgraph/ontology#Report> } ORDER BY ?s";
    let (reports, hint) = csv(&[q]);
    assert!(hint.is_empty(), "{hint}");
    let (page, _) = csv(&[q, "--limit", "2", "--offset", "1"]);
    assert_eq!(rows(&page), rows(&reports)[1..3]);
}

#[test]
fn the_network_reads_actor_names_types_and_countries_from_a_built_store() {
    use opgraph::model::EntityType;
    let store = sample_store();
    let input = opgraph::analysis::network_input(&store).unwrap();
    assert!(input.actors.len() >= 4, "{} actors", input.actors.len());
    for a in input.actors.values() {
        assert_ne!(a.label, a.iri, "{} has no name", a.iri);
    }
    assert!(input.actors.values().any(|a| a.etype == EntityType::Country));
    let europol = input
        .actors
        .values()
        .find(|a| a.label == "Europol")
        .expect("Europol is an actor of the samples");
    assert_eq!(europol.etype, EntityType::Agency);
    // A national body knows its country, a unit its parent agency (both from the gazetteer).
    assert!(
        input
            .actors
            .values()
            .any(|a| a.etype == EntityType::Agency && a.country.is_some()),
        "{:?}",
        input
            .actors
            .values()
            .map(|a| (&a.label, &a.country))
            .collect::<Vec<_>>()
    );
}
