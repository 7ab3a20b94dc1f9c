//! Reliability of the store under the CLI: a build killed at random points leaves only
//! whole reports and a rerun completes it; builds are idempotent; a changed report is
//! replaced together with its share of the merged operations; a store of another format
//! is refused with advice; a second writer is turned away while the store is in use.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use opgraph::rdf::Iris;
use opgraph::store::GraphStore;
use oxigraph::model::{GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term};

const OPG: &str = "https://w3id.org/opgraph/ontology#";

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_opgraph"));
    c.env_remove("OPGRAPH_STORE");
    c
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("run opgraph")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// A tiny deterministic generator (xorshift), so failures reproduce.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[(self.next() % xs.len() as u64) as usize]
    }
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo)
    }
}

const AGENCIES: &[&str] = &[
    "Europol",
    "Eurojust",
    "the FBI",
    "the Guardia Civil",
    "the National Crime Agency",
];
const TARGETS: &[&str] = &["Amaq", "Nashir", "Islamic State", "Al-Bayan", "Halumu"];
const COUNTRIES: &[&str] = &[
    "Belgium",
    "France",
    "Germany",
    "Spain",
    "the Netherlands",
    "Portugal",
    "Romania",
];
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `n` short English reports from a template (written here, not copied from any corpus).
fn write_corpus(dir: &Path, n: usize, seed: u64) {
    std::fs::create_dir_all(dir).expect("mkdir");
    let mut r = Rng(seed);
    for i in 0..n {
        let lead = r.pick(AGENCIES);
        let coord = r.pick(AGENCIES);
        let target = r.pick(TARGETS);
        let c1 = r.pick(COUNTRIES);
        let c2 = r.pick(COUNTRIES);
        let day = r.range(1, 28);
        let month = r.pick(MONTHS);
        let year = r.range(2015, 2021);
        let servers = r.range(2, 400);
        let arrests = r.range(1, 30);
        let body = format!(
            "Report {i}: action against {target} in {c1}\n\n\
             On {day} {month} {year}, authorities in {c1} and {c2} took down {servers} servers used by {target}. \
             The operation was led by {lead} and coordinated by {coord}.\n\n\
             Police in {c2} arrested {arrests} suspects. Investigators seized more than {} items of propaganda. \
             {coord} supported the action day from its headquarters.\n\n\
             The investigation into {target} continues, officials in {c1} said on {} {month} {year}.\n",
            servers * 10,
            (day + 1).min(28),
        );
        std::fs::write(dir.join(format!("report-{i:03}.txt")), body).expect("write report");
    }
}

/// Quads per named graph (report graphs by name), and the total.
fn graph_counts(store: &Path) -> (BTreeMap<String, usize>, usize) {
    let st = GraphStore::open_read_only(store, Iris::default()).expect("store opens read-only");
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut total = 0;
    for q in st.inner().iter() {
        let q = q.expect("quad");
        // The merge writes a record beside each operation mention after the reports are
        // written: a build killed before its merge leaves them to the next one.
        if q.predicate.as_str() == format!("{OPG}mergeRecord") {
            continue;
        }
        total += 1;
        let g = match &q.graph_name {
            GraphName::NamedNode(n) => n.as_str().to_string(),
            other => other.to_string(),
        };
        *counts.entry(g).or_default() += 1;
    }
    (counts, total)
}

/// Every report graph has its report node, its extraction node and at least one
/// sentence, and its report node carries the graph's own id.
fn assert_reports_whole(store: &Path) {
    let st = GraphStore::open_read_only(store, Iris::default()).expect("store opens");
    let rows = st
        .select(&format!(
            "PREFIX opg: <{OPG}>
             SELECT ?g (COUNT(DISTINCT ?r) AS ?reports) (COUNT(DISTINCT ?x) AS ?extractions) (COUNT(DISTINCT ?s) AS ?sentences)
             WHERE {{ GRAPH ?g {{
               OPTIONAL {{ ?r a opg:Report }} OPTIONAL {{ ?x a opg:Extraction }} OPTIONAL {{ ?s a opg:Sentence }}
             }} FILTER(CONTAINS(STR(?g), \"/graph/report/\")) }} GROUP BY ?g"
        ))
        .expect("query");
    for row in rows {
        let n = |k: &str| match row.get(k) {
            Some(Term::Literal(l)) => l.value().parse::<usize>().unwrap_or(0),
            _ => 0,
        };
        assert_eq!(
            (n("reports"), n("extractions")),
            (1, 1),
            "report graph {:?} is not whole",
            row.get("g")
        );
        assert!(n("sentences") > 0, "report graph {:?} has no sentences", row.get("g"));
    }
}

fn build(corpus: &Path, store: &Path) -> Output {
    run(&["build", s(corpus), "--store", s(store), "--jobs", "2", "-q"])
}

#[test]
fn killed_builds_leave_whole_reports_and_a_rerun_completes_them() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let corpus = tmp.path().join("corpus");
    write_corpus(&corpus, 60, 0x5eed_cafe);
    let reference = tmp.path().join("ref.db");
    let started = Instant::now();
    let out = build(&corpus, &reference);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let full_time = started.elapsed();
    let (ref_graphs, ref_total) = graph_counts(&reference);
    let ref_reports: usize = ref_graphs.keys().filter(|g| g.contains("/graph/report/")).count();
    assert_eq!(ref_reports, 60, "the template corpus makes 60 distinct reports");

    let mut rng = Rng(0xdead_beef ^ u64::from(std::process::id()));
    // Kill points spread over the build (it took `full_time` uninterrupted). Rounds 0-3
    // kill a build of a fresh store; rounds 4-6 kill builds resuming the same store.
    let span_ms = (full_time.as_millis() as u64).clamp(100, 3000);
    let mut partial_rounds = 0;
    let mut store = tmp.path().join("killed-0.db");
    for round in 0..7 {
        if round < 4 {
            store = tmp.path().join(format!("killed-{round}.db"));
        }
        let delay = Duration::from_millis(rng.range((span_ms / 4).max(50), span_ms.max(51)));
        let mut child = bin()
            .args(["build", s(&corpus), "--store", s(&store), "--jobs", "2", "-q"])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn build");
        std::thread::sleep(delay);
        let finished = child.try_wait().expect("try_wait").is_some();
        let _ = child.kill(); // SIGKILL
        let status = child.wait().expect("wait");
        if !store.join("CURRENT").exists() {
            eprintln!("round {round}: killed after {delay:?}, before RocksDB created the store");
            continue;
        }
        // The store opens and answers.
        let q = run(&["query", "reports", "--store", s(&store), "--format", "csv"]);
        assert_eq!(
            q.status.code(),
            Some(0),
            "after a kill at {delay:?}, `query reports` failed: {}",
            text(&q.stderr)
        );
        assert!(!text(&q.stderr).contains("panicked"));
        // Every report present is whole: same quads as in the uninterrupted build.
        let (graphs, _) = graph_counts(&store);
        let mut present = 0;
        for (g, n) in &graphs {
            if g.contains("/graph/report/") {
                present += 1;
                assert_eq!(
                    Some(n),
                    ref_graphs.get(g),
                    "report graph {g} has {n} quads after a kill at {delay:?}, not the reference's"
                );
            }
        }
        eprintln!(
            "round {round}: killed after {delay:?} (finished first: {finished}, {status}); {present} of 60 reports present"
        );
        assert_eq!(
            text(&q.stdout).lines().count().saturating_sub(1),
            present,
            "`query reports` lists every report graph present"
        );
        if present > 0 && present < 60 {
            partial_rounds += 1;
        }
        assert_reports_whole(&store);
    }
    if partial_rounds == 0 {
        eprintln!(
            "NOTE: no kill landed in the middle of writing reports this time (timing); the wholeness checks still ran"
        );
    }
    // A rerun completes the store: the same quads as the uninterrupted build.
    let out = build(&corpus, &store);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let (graphs, total) = graph_counts(&store);
    assert_eq!(
        total, ref_total,
        "a rerun after kills must reach the reference's triple count"
    );
    assert_eq!(graphs, ref_graphs);
    assert_reports_whole(&store);
    // And its merge wrote the records a kill left out.
    assert!(merge_records(&reference) > 0);
    assert_eq!(merge_records(&store), merge_records(&reference));
}

/// How many merge records a store holds.
fn merge_records(store: &Path) -> usize {
    let st = GraphStore::open_read_only(store, Iris::default()).expect("store opens");
    let record = oxigraph::model::NamedNode::new_unchecked(format!("{OPG}mergeRecord"));
    st.inner()
        .quads_for_pattern(None, Some(record.as_ref()), None, None)
        .count()
}

/// All quads of a store as sorted N-Quads lines, without the ingestion timestamps
/// (which say when, not what).
fn dump(store: &Path) -> Vec<String> {
    let st = GraphStore::open_read_only(store, Iris::default()).expect("store opens");
    let mut lines: Vec<String> = st
        .inner()
        .iter()
        .map(|q| q.expect("quad").to_string())
        .filter(|l| !l.contains("ingestedAt") && !l.contains("generatedAtTime"))
        .collect();
    lines.sort();
    lines
}

#[test]
fn building_twice_changes_nothing() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let corpus = tmp.path().join("corpus");
    write_corpus(&corpus, 12, 42);
    let store = tmp.path().join("kg.db");
    assert_eq!(build(&corpus, &store).status.code(), Some(0));
    let first = {
        let st = GraphStore::open_read_only(&store, Iris::default()).expect("open");
        let mut v: Vec<String> = st.inner().iter().map(|q| q.expect("quad").to_string()).collect();
        v.sort();
        v
    };
    let out = run(&["build", s(&corpus), "--store", s(&store), "--report-json", "-", "-q"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).expect("summary JSON");
    assert_eq!(
        (summary["unchanged"].as_u64(), summary["added"].as_u64()),
        (Some(12), Some(0))
    );
    let second = {
        let st = GraphStore::open_read_only(&store, Iris::default()).expect("open");
        let mut v: Vec<String> = st.inner().iter().map(|q| q.expect("quad").to_string()).collect();
        v.sort();
        v
    };
    assert_eq!(first.len(), second.len());
    assert!(first == second, "a second build of the same files changed the store");
}

#[test]
fn a_changed_report_is_replaced_with_its_share_of_merged_operations() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let corpus = tmp.path().join("corpus");
    std::fs::create_dir_all(&corpus).expect("mkdir");
    // Two reports of the same operation (same target, date, actors): they merge.
    let a = "Europol and Eurojust coordinated an action day against Amaq on 25 April 2018. \
             The operation was led by the Belgian Federal Prosecutor's Office. Police in Belgium, France and Spain took part.";
    let b = "On 25 April 2018, an operation against Amaq was led by the Belgian Federal Prosecutor's Office \
             and coordinated by Europol. Investigators in Belgium and France seized servers.";
    std::fs::write(corpus.join("a.txt"), a).expect("write");
    std::fs::write(corpus.join("b.txt"), b).expect("write");
    let store = tmp.path().join("kg.db");
    assert_eq!(build(&corpus, &store).status.code(), Some(0));
    let sha_of = |st: &GraphStore, id: &str| -> String {
        let rows = st
            .select(&format!(
                "PREFIX opg: <{OPG}> SELECT ?sha WHERE {{ ?r opg:reportId {id:?} ; opg:sha256 ?sha }}"
            ))
            .expect("query");
        match rows.first().and_then(|r| r.get("sha")) {
            Some(Term::Literal(l)) => l.value().to_string(),
            other => panic!("no sha for {id}: {other:?}"),
        }
    };
    let (old_sha, merged_before) = {
        let st = GraphStore::open_read_only(&store, Iris::default()).expect("open");
        let sha = sha_of(&st, "b.txt");
        let rows = st
            .select(&format!(
                "PREFIX opg: <{OPG}> SELECT DISTINCT ?op WHERE {{ ?m opg:mentionOf ?op . ?m opg:report ?r . ?r opg:reportId \"b.txt\" }}"
            ))
            .expect("query");
        (sha, rows.len())
    };
    assert!(merged_before > 0, "b.txt's operation is linked to a merged operation");
    let old_prefix = &old_sha[..16];
    let mentions_old = |st: &GraphStore| -> Vec<String> {
        st.inner()
            .iter()
            .map(|q| q.expect("quad").to_string())
            .filter(|l| l.contains(old_prefix) || l.contains(&old_sha))
            .collect()
    };
    {
        let st = GraphStore::open_read_only(&store, Iris::default()).expect("open");
        let corpus_graph = st.iris().corpus_graph();
        let in_corpus = st
            .inner()
            .quads_for_pattern(None, None, None, Some(corpus_graph.as_ref().into()))
            .filter_map(Result::ok)
            .filter(|q| q.to_string().contains(old_prefix))
            .count();
        assert!(
            in_corpus > 0,
            "the corpus graph should mention b.txt's report or mentions before the change"
        );
    }
    // b.txt now tells another operation.
    std::fs::write(
        corpus.join("b.txt"),
        "Eurojust supported an operation against Nashir in Portugal on 3 March 2016. Police in Portugal arrested two men.",
    )
    .expect("write");
    let out = run(&["build", s(&corpus), "--store", s(&store), "--report-json", "-", "-q"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).expect("summary JSON");
    assert_eq!(
        (summary["replaced"].as_u64(), summary["unchanged"].as_u64()),
        (Some(1), Some(1))
    );
    let st = GraphStore::open_read_only(&store, Iris::default()).expect("open");
    let left = mentions_old(&st);
    assert!(left.is_empty(), "the store still mentions the old b.txt: {left:#?}");
    assert_ne!(sha_of(&st, "b.txt"), old_sha);
    let ids = st
        .select(&format!(
            "PREFIX opg: <{OPG}> SELECT ?id WHERE {{ ?r a opg:Report ; opg:reportId ?id }}"
        ))
        .expect("query");
    assert_eq!(ids.len(), 2);
    // The same store as a fresh build of the changed files (timestamps aside).
    let fresh = tmp.path().join("fresh.db");
    assert_eq!(build(&corpus, &fresh).status.code(), Some(0));
    drop(st);
    assert_eq!(dump(&store), dump(&fresh), "replacement differs from a fresh build");
}

#[test]
fn a_store_of_another_format_is_refused_with_advice() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let corpus = tmp.path().join("corpus");
    write_corpus(&corpus, 2, 7);
    let store = tmp.path().join("kg.db");
    assert_eq!(build(&corpus, &store).status.code(), Some(0));
    {
        let raw = oxigraph::store::Store::open(&store).expect("oxigraph opens the store");
        let iris = Iris::default();
        let meta = iris.meta_graph();
        let pred = NamedNode::new(format!("{OPG}storeFormat")).expect("iri");
        let old: Vec<Quad> = raw
            .quads_for_pattern(None, Some(pred.as_ref()), None, Some(meta.as_ref().into()))
            .collect::<Result<_, _>>()
            .expect("read");
        assert_eq!(old.len(), 1, "the store records its format once");
        for q in &old {
            raw.remove(q).expect("remove");
        }
        raw.insert(&Quad::new(
            NamedOrBlankNode::from(iris.store_node()),
            pred,
            Literal::new_simple_literal("999"),
            meta,
        ))
        .expect("insert");
        raw.flush().expect("flush");
    }
    for args in [
        vec!["query", "reports", "--store", s(&store)],
        vec!["build", s(&corpus), "--store", s(&store)],
        vec!["stats", "--store", s(&store)],
    ] {
        let out = run(&args);
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(
            err.contains("store format 999") && err.contains("rebuild it into a new --store"),
            "{args:?}: the message should say what was found and what to do: {err}"
        );
        assert!(!err.contains("panicked"), "{err}");
    }
}

#[test]
fn a_second_writer_is_turned_away_and_readers_work_or_say_why() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let corpus = tmp.path().join("corpus");
    write_corpus(&corpus, 4, 99);
    let store = tmp.path().join("kg.db");
    assert_eq!(build(&corpus, &store).status.code(), Some(0));
    let before = graph_counts(&store).1;
    {
        // This test holds the store open for writing, as a build or `serve --allow-update` would.
        let held = GraphStore::open(&store, Iris::default()).expect("open for writing");
        let out = run(&["build", s(&corpus), "--store", s(&store)]);
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert!(err.contains("in use by another opgraph process"), "{err}");
        assert!(!err.contains("panicked"), "{err}");
        // A reader either answers or says why.
        let q = run(&["query", "reports", "--store", s(&store), "--format", "csv"]);
        match q.status.code() {
            Some(0) => assert_eq!(text(&q.stdout).lines().count(), 5, "header + 4 reports"),
            _ => assert!(
                text(&q.stderr).contains("in use"),
                "a reader that cannot open should say so: {}",
                text(&q.stderr)
            ),
        }
        // The writer still works.
        assert_eq!(held.stats().expect("stats").reports, 4);
    }
    // Nothing was damaged.
    assert_eq!(graph_counts(&store).1, before);
    assert_reports_whole(&store);
}

#[test]
fn a_reader_during_a_build_works_or_says_why() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let corpus = tmp.path().join("corpus");
    write_corpus(&corpus, 60, 3);
    let store = tmp.path().join("kg.db");
    let mut child = bin()
        .args(["build", s(&corpus), "--store", s(&store), "--jobs", "1", "-q"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn build");
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut answered = 0;
    while child.try_wait().expect("try_wait").is_none() && Instant::now() < deadline {
        if store.join("CURRENT").exists() {
            let q = run(&["query", "reports", "--store", s(&store), "--format", "csv"]);
            let err = text(&q.stderr);
            assert!(!err.contains("panicked"), "{err}");
            match q.status.code() {
                Some(0) => answered += 1,
                code => assert!(
                    err.contains("in use") || err.contains("store format") || err.contains("no opgraph store"),
                    "a reader during a build failed ({code:?}) without saying why: {err}"
                ),
            }
            // A second writer during the build is refused.
            let w = run(&["build", s(&corpus), "--store", s(&store), "-q"]);
            if child.try_wait().expect("try_wait").is_none() {
                assert_ne!(
                    w.status.code(),
                    Some(0),
                    "a second build ran while the first held the store"
                );
                assert!(text(&w.stderr).contains("in use"), "{}", text(&w.stderr));
            }
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let status = child.wait().expect("wait");
    assert!(status.success(), "the first build failed");
    eprintln!("readers answered {answered} time(s) during the build");
    assert_reports_whole(&store);
}

/// A reader that closes the pipe early (`opgraph eval --json | head -1`) ends the
/// process quietly with success, not a panic on the next write.
#[test]
fn a_closed_pipe_ends_quietly() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let gold = tmp.path().join("gold.json");
    std::fs::write(&gold, r#"{"corpus": "samples", "entities": {}, "operations": {}}"#).expect("write gold");
    let samples = common::samples();
    let mut child = bin()
        .args(["eval", "--json", "--gold", s(&gold), s(&samples)])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn eval");
    // Close the reading end before the figures are written.
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("wait");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert!(out.status.success(), "{:?}: {err}", out.status);
}
