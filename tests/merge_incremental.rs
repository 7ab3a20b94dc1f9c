//! The incremental merge: adding reports one at a time to a store gives the same
//! corpus-level operations as building them together, a replaced report takes its share
//! of merged operations with it, operations keep their IRIs as reports arrive, and a
//! build that did not finish its merge is merged from scratch by the next one.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use opgraph::extract::Extractor;
use opgraph::merge::{cluster, read_mentions, record};
use opgraph::pipeline::{self, BuildOptions, BuildSummary, MergeMode};
use opgraph::rdf::Iris;
use opgraph::store::GraphStore;
use oxigraph::model::Term;

type Partition = BTreeSet<BTreeSet<String>>;

fn memory_store() -> GraphStore {
    GraphStore::memory(Iris::new(opgraph::rdf::DEFAULT_BASE).expect("iris")).expect("store")
}

fn build(store: &GraphStore, extractor: &Extractor, paths: &[PathBuf], merge: MergeMode) -> BuildSummary {
    let opts = BuildOptions {
        jobs: 1,
        merge,
        ..BuildOptions::default()
    };
    let summary = pipeline::build(store, extractor, paths, &opts).expect("build");
    assert!(summary.rejected.is_empty(), "{:?}", summary.rejected);
    summary
}

/// The stored operations as sets of member mention IRIs, keyed by operation IRI.
fn stored_operations(store: &GraphStore) -> BTreeMap<String, BTreeSet<String>> {
    let rows = store
        .select(
            "PREFIX opg: <https://w3id.org/opgraph/ontology#>
             SELECT ?op ?m WHERE { GRAPH ?g { ?m opg:mentionOf ?op } }",
        )
        .expect("query");
    let mut ops: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for row in rows {
        let op = row["op"].to_string();
        ops.entry(op).or_default().insert(row["m"].to_string());
    }
    ops
}

fn stored_partition(store: &GraphStore) -> Partition {
    stored_operations(store).into_values().collect()
}

/// What a merge from scratch of the store's current report graphs would give.
fn fresh_partition(store: &GraphStore) -> Partition {
    let mentions = read_mentions(store).expect("mentions");
    cluster(&mentions)
        .into_iter()
        .map(|op| op.members.iter().map(|&i| format!("<{}>", mentions[i].iri)).collect())
        .collect()
}

/// The report files of a folder, sorted, and its manifest when it has one.
fn report_files(dir: &Path) -> (Vec<PathBuf>, Option<PathBuf>) {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("read_dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("txt" | "html" | "htm" | "md")
            )
        })
        .collect();
    files.sort();
    let manifest = dir.join("sources.json");
    (files, manifest.is_file().then_some(manifest))
}

/// Builds a folder's reports all at once and one by one (incremental merges), and
/// checks both stores hold the same operations, each equal to a merge from scratch.
/// Returns the number of disagreements the merged operations hold, and how many
/// operations the adds reclustered and left as they were.
fn one_by_one_equals_batch(dir: &Path) -> (usize, usize) {
    let extractor = Extractor::builtin().expect("extractor");
    let (files, manifest) = report_files(dir);
    assert!(files.len() >= 3, "{}: too few reports", dir.display());
    let with_manifest =
        |fs: &[PathBuf]| -> Vec<PathBuf> { manifest.iter().cloned().chain(fs.iter().cloned()).collect() };

    let batch = memory_store();
    let s = build(&batch, &extractor, &with_manifest(&files), MergeMode::Full);
    assert_eq!(s.merge, "full");
    let batch_ops = stored_partition(&batch);

    let one_by_one = memory_store();
    let mut unchanged = 0;
    for (i, f) in files.iter().enumerate() {
        let s = build(
            &one_by_one,
            &extractor,
            &with_manifest(std::slice::from_ref(f)),
            MergeMode::Incremental,
        );
        // The first build finds no merged corpus yet; every later one updates it.
        assert_eq!(s.merge, if i == 0 { "full" } else { "incremental" }, "{}", f.display());
        unchanged += s.merge_update.as_ref().map_or(0, |u| u.operations_unchanged);
        // Its figures come from indexes, not a scan of the store, and agree with one.
        let full = one_by_one.stats().expect("stats");
        assert!(full.triples.is_some_and(|t| t > 0));
        assert_eq!(s.triples, full.triples.filter(|_| i == 0), "{}", f.display());
        assert_eq!(
            (s.entities, s.operation_mentions, s.operations),
            (full.entities, full.operation_mentions, full.operations)
        );
        // They are kept for the next add, which updates them by what it changed.
        assert_eq!(
            kept_figures(&one_by_one),
            Some((s.entities, s.operation_mentions, s.operations))
        );
        let mentioned = one_by_one
            .select(&format!(
                "{OPG}SELECT DISTINCT ?e WHERE {{ GRAPH ?g {{ ?e opg:mentionedIn ?r }} }}"
            ))
            .expect("query")
            .len();
        assert_eq!(s.entities, mentioned, "{}", f.display());
    }
    assert_records_current(&one_by_one);
    assert_records_current(&batch);
    let incremental_ops = stored_partition(&one_by_one);
    assert!(
        batch_ops.len() > 1,
        "{}: the corpus should tell several operations",
        dir.display()
    );
    assert_eq!(incremental_ops, batch_ops, "{}", dir.display());
    assert_eq!(fresh_partition(&one_by_one), incremental_ops);
    // Every mention belongs to exactly one operation.
    let mentions: usize = incremental_ops.iter().map(BTreeSet::len).sum();
    assert_eq!(mentions, read_mentions(&one_by_one).expect("mentions").len());
    // The counts kept for the ranking queries agree with an aggregate over the reports.
    let kept = summaries(&one_by_one);
    assert!(kept.len() > 5, "{kept:?}");
    assert_eq!(kept, aggregates(&one_by_one), "{}", dir.display());
    assert_eq!(kept, summaries(&batch), "{}", dir.display());
    // Each counted entity's card (label and type in the corpus graph): one each, the
    // same one by one as in a batch.
    let cards = cards(&one_by_one);
    let counted = kept.iter().filter(|(k, _, _)| k == "\"reports\"").count();
    assert!(counted > 5);
    assert_eq!(cards.len(), counted, "{cards:?}");
    assert_eq!(cards, self::cards(&batch), "{}", dir.display());
    // The disagreements the merge writes: the same one by one as in a batch, the same as
    // a join of every pair of mentions finds, and none left behind by rewritten operations.
    let stored = disagreements(&one_by_one);
    assert_eq!(stored, disagreements(&batch), "{}", dir.display());
    assert_eq!(stored, joined_disagreements(&one_by_one), "{}", dir.display());
    let orphans = one_by_one
        .select(&format!(
            "{OPG}SELECT ?d WHERE {{ ?d a opg:Disagreement FILTER NOT EXISTS {{ ?op a opg:Operation ; opg:disagreement ?d }} }}"
        ))
        .expect("query");
    assert!(orphans.is_empty(), "{orphans:?}");
    (stored.len(), unchanged)
}

/// The merge records the store holds, by mention IRI.
fn records(store: &GraphStore) -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let rows = store
        .select(&format!(
            "{OPG}SELECT ?m ?r WHERE {{ GRAPH ?g {{ ?m opg:mergeRecord ?r }} }}"
        ))
        .expect("query");
    for row in rows {
        if let (Some(Term::NamedNode(m)), Some(Term::Literal(r))) = (row.get("m"), row.get("r")) {
            out.entry(m.as_str().to_string())
                .or_default()
                .push(r.value().to_string());
        }
    }
    out
}

/// The merge record each mention's statements give.
fn current_records(store: &GraphStore) -> BTreeMap<String, Vec<String>> {
    read_mentions(store)
        .expect("mentions")
        .iter()
        .map(|m| (m.iri.clone(), vec![record::encode(m).expect("record")]))
        .collect()
}

/// Every operation mention holds one merge record, the one its statements give.
fn assert_records_current(store: &GraphStore) {
    let current = current_records(store);
    assert!(!current.is_empty());
    assert_eq!(records(store), current);
}

type Row = (String, String, String, String, String);

fn rows(store: &GraphStore, sparql: &str) -> BTreeSet<Row> {
    store
        .select(sparql)
        .expect("query")
        .into_iter()
        .map(|r| {
            let v = |k: &str| r.get(k).map(|t| t.to_string()).unwrap_or_default();
            (
                v("aspect"),
                v("report"),
                v("claim"),
                v("other_report"),
                v("other_claim"),
            )
        })
        .collect()
}

/// The canned `disagreements` query's rows, without the operation IRIs (one-by-one and
/// batch builds may name an operation differently).
fn disagreements(store: &GraphStore) -> BTreeSet<Row> {
    rows(store, &opgraph::queries::find("disagreements").expect("canned").sparql)
}

/// The same rows found by joining every pair of mentions of every operation.
fn joined_disagreements(store: &GraphStore) -> BTreeSet<Row> {
    rows(
        store,
        r#"PREFIX opg: <https://w3id.org/opgraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?aspect ?claim ?report ?other_claim ?other_report WHERE {
  {
    BIND("start date" AS ?aspect)
    ?m1 opg:mentionOf ?operation ; opg:startDate ?claim ; opg:report/opg:reportId ?report .
    ?m2 opg:mentionOf ?operation ; opg:startDate ?other_claim ; opg:report/opg:reportId ?other_report .
    FILTER(!STRSTARTS(STR(?claim), STR(?other_claim)) && !STRSTARTS(STR(?other_claim), STR(?claim)))
  } UNION {
    BIND("led by" AS ?aspect)
    ?m1 opg:mentionOf ?operation ; opg:ledBy ?l1 ; opg:report/opg:reportId ?report .
    ?m2 opg:mentionOf ?operation ; opg:ledBy ?l2 ; opg:report/opg:reportId ?other_report .
    FILTER NOT EXISTS { ?m2 opg:ledBy ?l1 }
    FILTER NOT EXISTS { ?m1 opg:ledBy ?l2 }
    # A country and its national body (opg:country) are one leader.
    FILTER NOT EXISTS { ?m2 opg:ledBy ?x . { ?l1 opg:country ?x } UNION { ?x opg:country ?l1 } }
    FILTER NOT EXISTS { ?m1 opg:ledBy ?x . { ?l2 opg:country ?x } UNION { ?x opg:country ?l2 } }
    ?l1 rdfs:label ?claim . ?l2 rdfs:label ?other_claim .
  } UNION {
    BIND("count" AS ?aspect)
    ?m1 opg:mentionOf ?operation ; opg:count ?c1 ; opg:report/opg:reportId ?report .
    ?m2 opg:mentionOf ?operation ; opg:count ?c2 ; opg:report/opg:reportId ?other_report .
    ?c1 opg:unit ?unit ; opg:value ?v1 .
    ?c2 opg:unit ?unit ; opg:value ?v2 .
    FILTER(?v1 != ?v2)
    FILTER NOT EXISTS { ?m2 opg:count/opg:value ?v1 }
    FILTER NOT EXISTS { ?m1 opg:count/opg:value ?v2 }
    BIND(CONCAT(STR(?v1), " ", ?unit) AS ?claim)
    BIND(CONCAT(STR(?v2), " ", ?unit) AS ?other_claim)
  }
  FILTER(?report < ?other_report)
}"#,
    )
}

const OPG: &str = "PREFIX opg: <https://w3id.org/opgraph/ontology#>\n";

fn pairs(store: &GraphStore, sparql: &str) -> BTreeSet<(String, String, String)> {
    store
        .select(&format!("{OPG}{sparql}"))
        .expect("query")
        .into_iter()
        .map(|r| (r["k"].to_string(), r["x"].to_string(), r["n"].to_string()))
        .collect()
}

/// `opg:reportCount`, `opg:operationCount` and the collaboration weights as stored.
fn summaries(store: &GraphStore) -> BTreeSet<(String, String, String)> {
    let mut out = pairs(
        store,
        "SELECT ?k ?x ?n WHERE { ?x opg:reportCount ?n BIND(\"reports\" AS ?k) }",
    );
    out.extend(pairs(
        store,
        "SELECT ?k ?x ?n WHERE { ?x opg:operationCount ?n BIND(\"operations\" AS ?k) }",
    ));
    out.extend(pairs(
        store,
        "SELECT ?k ?x ?n WHERE {
           ?c a opg:Collaboration ; opg:collaborator ?a, ?b ; opg:sharedOperations ?n
           FILTER(STR(?a) < STR(?b)) BIND(CONCAT(STR(?a), \" \", STR(?b)) AS ?x) BIND(\"pair\" AS ?k) }",
    ));
    out
}

/// The label and type each counted entity has in the corpus graph.
fn cards(store: &GraphStore) -> BTreeSet<(String, String, String)> {
    pairs(
        store,
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
         SELECT ?x (STR(?l) AS ?k) ?n WHERE { GRAPH ?g { ?x opg:reportCount ?c ; rdfs:label ?l ; a ?n } }",
    )
}

/// The same counts aggregated from the report graphs and the merged operations.
fn aggregates(store: &GraphStore) -> BTreeSet<(String, String, String)> {
    let mut out = pairs(
        store,
        "SELECT (\"reports\" AS ?k) ?x (COUNT(DISTINCT ?r) AS ?n) WHERE { ?x opg:mentionedIn ?r } GROUP BY ?x",
    );
    out.extend(pairs(
        store,
        "SELECT (\"operations\" AS ?k) ?x (COUNT(DISTINCT ?op) AS ?n) WHERE {
           ?op a opg:Operation ; ?p ?x . VALUES ?p { opg:ledBy opg:coordinatedBy opg:supportedBy opg:participant } }
         GROUP BY ?x",
    ));
    out.extend(pairs(
        store,
        "SELECT (\"pair\" AS ?k) (CONCAT(STR(?a), \" \", STR(?b)) AS ?x) (COUNT(DISTINCT ?op) AS ?n) WHERE {
           ?op a opg:Operation ; ?p ?a ; ?q ?b .
           VALUES ?p { opg:ledBy opg:coordinatedBy opg:supportedBy opg:participant }
           VALUES ?q { opg:ledBy opg:coordinatedBy opg:supportedBy opg:participant }
           FILTER(STR(?a) < STR(?b)) }
         GROUP BY ?a ?b",
    ));
    out
}

#[test]
fn samples_added_one_by_one_merge_like_a_batch_build() {
    one_by_one_equals_batch(&common::samples());
}

/// A synthetic corpus: operations told by up to four reports, each extracted with its
/// own errors, so some reports of one operation disagree (160 reports: as extraction
/// got better, 80 no longer gave a disagreement).
#[test]
fn synthetic_reports_added_one_by_one_merge_like_a_batch_build() {
    let dir = tempfile::tempdir().expect("tmp");
    let opts = opgraph::synth::SynthOptions {
        reports: 160,
        seed: 3,
        html_share: 0.1,
        jsonl: false,
    };
    opgraph::synth::generate(dir.path(), &opts).expect("synth");
    let (n, unchanged) = one_by_one_equals_batch(dir.path());
    assert!(n > 0, "no disagreement among 160 synthetic reports");
    // Adds recluster operations they leave as they were, which are not rewritten.
    assert!(unchanged > 0);
}

#[test]
fn seed_reports_added_one_by_one_merge_like_a_batch_build() {
    if common::skip_without_shared("seed_reports_added_one_by_one_merge_like_a_batch_build") {
        return;
    }
    one_by_one_equals_batch(&common::shared().expect("shared").join("corpus/seeds"));
}

#[test]
fn dev_reports_added_one_by_one_merge_like_a_batch_build() {
    if common::skip_without_shared("dev_reports_added_one_by_one_merge_like_a_batch_build") {
        return;
    }
    one_by_one_equals_batch(&common::shared().expect("shared").join("corpus/dev"));
}

/// A report dated days after another, sharing its target and actors, joins its operation
/// when added alone; an operation of the same month that shares nothing stays apart.
#[test]
fn a_report_days_apart_joins_the_operation_it_shares_a_target_with() {
    let dir = tempfile::tempdir().expect("tmp");
    let write = |name: &str, text: &str| write_report(dir.path(), name, text);
    let a = write(
        "a.txt",
        "Amaq servers taken down\n\nOn 3 March 2021, police forces from Germany, France and the \
         Netherlands took down servers of Amaq in an action supported by Europol.",
    );
    let c = write(
        "c.txt",
        "Drug network dismantled\n\nOn 12 March 2021, Spanish police arrested five suspects of a \
         drug network in Madrid, in an operation supported by Eurojust.",
    );
    let b = write(
        "b.txt",
        "Action against Amaq\n\nOn 20 March 2021, police forces from Germany, France and the \
         Netherlands closed accounts of Amaq in an operation supported by Europol.",
    );
    let extractor = Extractor::builtin().expect("extractor");
    let store = memory_store();
    build(&store, &extractor, &[a, c], MergeMode::Full);
    let s = build(&store, &extractor, &[b], MergeMode::Incremental);
    assert_eq!(s.merge, "incremental");
    let ops = stored_partition(&store);
    assert_eq!(ops, fresh_partition(&store));
    assert_eq!(ops.len(), 2, "{ops:?}");
    let report_of = |m: &str| m.split("/op/").next().unwrap_or_default().to_string();
    let reports: BTreeSet<usize> = ops
        .iter()
        .map(|op| op.iter().map(|m| report_of(m)).collect::<BTreeSet<_>>().len())
        .collect();
    assert_eq!(reports, BTreeSet::from([1, 2]), "{ops:?}");
}

/// Writes `text` as the report `name` in `dir`.
fn write_report(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    path
}

/// Builds two reports one after the other, in both orders (the second by an incremental
/// merge, with the folder's manifest when there is one), and checks they make one
/// operation, as a merge from scratch does.
fn merge_either_way(a: &Path, b: &Path, manifest: Option<&Path>) {
    let extractor = Extractor::builtin().expect("extractor");
    let with = |f: &Path| -> Vec<PathBuf> { manifest.into_iter().chain([f]).map(Path::to_path_buf).collect() };
    for (first, second) in [(a, b), (b, a)] {
        let store = memory_store();
        build(&store, &extractor, &with(first), MergeMode::Full);
        let s = build(&store, &extractor, &with(second), MergeMode::Incremental);
        assert_eq!(s.merge, "incremental");
        let ops = stored_partition(&store);
        assert_eq!(ops, fresh_partition(&store));
        assert_eq!(ops.len(), 1, "{} then {}: {ops:?}", first.display(), second.display());
    }
}

/// A report with no date joins the only operation against its targets (one no dated
/// operation names), whichever comes first, and leaves it when a second operation against
/// them arrives: the incremental merge rereads every operation naming the targets, as the
/// full one sees them.
#[test]
fn an_undated_report_follows_the_only_operation_against_its_target() {
    let dir = tempfile::tempdir().expect("tmp");
    let write = |name: &str, text: &str| write_report(dir.path(), name, text);
    let dated = write(
        "dated.txt",
        "Emotet botnet dismantled\n\nOn 26 January 2021, police forces from Germany and the \
         Netherlands took down the infrastructure of Emotet in an action supported by Europol.",
    );
    let undated = write(
        "undated.txt",
        "Spanish police joined the fight against Emotet\n\nThe action against Emotet and the \
         TeslaCrypt ransomware was coordinated by Eurojust. Police in Spain searched two homes.",
    );
    let later = write(
        "later.txt",
        "Emotet returns, and is taken down again\n\nOn 14 May 2024, French and Italian police took \
         down new servers of Emotet in an action coordinated by Eurojust.",
    );
    let extractor = Extractor::builtin().expect("extractor");
    let report_of = |m: &str| m.split("/op/").next().unwrap_or_default().to_string();
    // The number of reports of each operation, sorted.
    let shape = |store: &GraphStore| -> Vec<usize> {
        let ops = stored_partition(store);
        assert_eq!(ops, fresh_partition(store));
        let mut sizes: Vec<usize> = ops
            .iter()
            .map(|op| op.iter().map(|m| report_of(m)).collect::<BTreeSet<_>>().len())
            .collect();
        sizes.sort_unstable();
        sizes
    };
    for (first, second) in [(&undated, &dated), (&dated, &undated)] {
        let store = memory_store();
        build(&store, &extractor, std::slice::from_ref(first), MergeMode::Full);
        assert_eq!(shape(&store), [1]);
        let s = build(&store, &extractor, std::slice::from_ref(second), MergeMode::Incremental);
        assert_eq!(s.merge, "incremental");
        assert_eq!(shape(&store), [2], "{}", second.display());
        build(&store, &extractor, std::slice::from_ref(&later), MergeMode::Incremental);
        assert_eq!(shape(&store), [1, 1, 1]);
    }
}

/// Two reports that give one code name, written two ways, tell one operation, even
/// when one has no date and they share no target; the operation keeps the name.
#[test]
fn one_code_name_joins_two_reports_incrementally() {
    let dir = tempfile::tempdir().expect("tmp");
    let write = |name: &str, text: &str| write_report(dir.path(), name, text);
    let dated = write(
        "dated.txt",
        "Booter sites taken down\n\nOn 10 December 2024, police in Germany and France took down \
         booter sites in Operation PowerOFF.",
    );
    let undated = write(
        "undated.txt",
        "Booters offline\n\nOnder de operatienaam Power-Off hebben politiediensten uit vijftien \
         landen de sites offline gehaald.",
    );
    merge_either_way(&dated, &undated, None);
    let store = memory_store();
    let extractor = Extractor::builtin().expect("extractor");
    build(&store, &extractor, &[dated, undated], MergeMode::Full);
    let names: Vec<String> = store
        .select(
            "PREFIX opg: <https://w3id.org/opgraph/ontology#>
             SELECT ?n WHERE { GRAPH ?g { ?op a opg:Operation ; opg:codeName ?n } }",
        )
        .expect("query")
        .into_iter()
        .filter_map(|r| r.get("n").map(|t| t.to_string()))
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
    assert!(names[0].contains("Power"), "{names:?}");
    // The canned listing of operations shows it.
    let listed = store
        .select(&opgraph::queries::find("operations").expect("canned").sparql)
        .expect("query");
    assert_eq!(listed.len(), 1);
    let shown = listed[0].get("code_names").map(|t| t.to_string()).unwrap_or_default();
    assert!(shown.contains("Power"), "{shown}");
}

/// A report dating a takedown to its month and one dating its announcement to a day
/// early in the next month are one operation, whichever is added first.
#[test]
fn a_month_and_a_day_across_its_border_merge_incrementally() {
    let dir = tempfile::tempdir().expect("tmp");
    let month = write_report(
        dir.path(),
        "month.txt",
        "Emotet botnet dismantled\n\nIn April 2021, police forces from Germany and the Netherlands \
         took down the infrastructure of Emotet in an action supported by Europol.",
    );
    let day = write_report(
        dir.path(),
        "day.txt",
        "Emotet takedown announced\n\nOn 3 May 2021, Europol said that police forces from Germany \
         and the Netherlands had taken down the infrastructure of Emotet.",
    );
    merge_either_way(&month, &day, None);
}

/// A report telling a day and one dated only by its publication four days later are one
/// operation when they share a target, whichever is added first.
#[test]
fn a_report_published_days_after_the_told_day_merges_incrementally() {
    let dir = tempfile::tempdir().expect("tmp");
    let told = write_report(
        dir.path(),
        "told.txt",
        "Emotet botnet dismantled\n\nOn 16 October 2023, police forces from Germany and the \
         Netherlands took down the infrastructure of Emotet in an action coordinated by Europol.",
    );
    let published = write_report(
        dir.path(),
        "published.txt",
        "Emotet dismantled\n\nPolice forces took down the infrastructure of Emotet in an action \
         coordinated by Europol, it was made public on Friday.",
    );
    let manifest = write_report(
        dir.path(),
        "sources.json",
        r#"{"published.txt": {"published": "2023-10-20"}, "told.txt": {"published": null}}"#,
    );
    merge_either_way(&told, &published, Some(&manifest));
}

/// Reports with no date and no target meet on two equal figures, whichever comes first.
#[test]
fn undated_reports_with_equal_figures_merge_incrementally() {
    let dir = tempfile::tempdir().expect("tmp");
    let a = write_report(
        dir.path(),
        "a.txt",
        "Crime network hit\n\nPolice arrested 44 suspects in 11 countries in an action coordinated \
         by Europol and Eurojust.",
    );
    let b = write_report(
        dir.path(),
        "b.txt",
        "Festnahmen in Europa\n\nIn 11 Ländern wurden 44 Verdächtige festgenommen, teilte Europol \
         mit. Die Aktion wurde von Eurojust koordiniert.",
    );
    merge_either_way(&a, &b, None);
}

#[test]
fn a_replaced_report_takes_its_share_of_merged_operations_with_it() {
    let dir = tempfile::tempdir().expect("tmp");
    let (files, _) = report_files(&common::samples());
    for f in &files {
        std::fs::copy(f, dir.path().join(f.file_name().expect("name"))).expect("copy");
    }
    let extractor = Extractor::builtin().expect("extractor");
    let store = memory_store();
    build(&store, &extractor, &[dir.path().to_path_buf()], MergeMode::Full);
    let before = stored_operations(&store);
    // The report whose operations merged with the most other reports.
    let (victim_op, victim_members) = before
        .iter()
        .max_by_key(|(_, m)| m.len())
        .map(|(op, m)| (op.clone(), m.clone()))
        .expect("operations");
    assert!(
        victim_members.len() >= 2,
        "the samples tell one operation in several reports"
    );

    // Replace one of its reports with text about nothing: its mentions leave the operation.
    let mention = victim_members.iter().next().expect("member").clone();
    let sha16 = mention
        .trim_matches(['<', '>'])
        .split("/report/")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .expect("report part of the mention IRI")
        .to_string();
    let mut replaced = None;
    for f in &files {
        let bytes = std::fs::read(f).expect("read");
        let sha = opgraph::store::hex(&sha2_digest(&bytes));
        if sha.starts_with(&sha16) {
            replaced = Some(dir.path().join(f.file_name().expect("name")));
        }
    }
    let replaced = replaced.expect("the sample file behind the mention");
    std::fs::write(&replaced, "Nothing happened here today. The weather was mild.\n").expect("write");
    let s = build(
        &store,
        &extractor,
        std::slice::from_ref(&replaced),
        MergeMode::Incremental,
    );
    assert_eq!((s.replaced, s.merge), (1, "incremental"));
    let after = stored_operations(&store);
    assert!(after.values().all(|m| !m.contains(&mention)), "the old mention is gone");
    assert_eq!(stored_partition(&store), fresh_partition(&store));
    // The operation lives on under its IRI with the other reports' mentions.
    let kept = &after[&victim_op];
    let expected: BTreeSet<String> = victim_members.iter().filter(|m| !m.contains(&sha16)).cloned().collect();
    assert_eq!(kept, &expected);
    // The kept counts and collaboration weights went down with it.
    assert_eq!(summaries(&store), aggregates(&store));
    // So did the store's figures (counted again after a replacement), and they are kept.
    let full = store.stats().expect("stats");
    let figures = (full.entities, full.operation_mentions, full.operations);
    assert_eq!((s.entities, s.operation_mentions, s.operations), figures);
    assert_eq!(kept_figures(&store), Some(figures));
}

/// An action day told by two reports, in words of our own (`a.txt`, `b.txt`).
const ACTION_DAY: &str = "Europol coordinated an action day against Amaq propaganda in Belgium and Spain \
                          on 12 March 2021. More than 5,000 items were referred.";

fn two_reports_of_one_day(dir: &Path) -> (PathBuf, PathBuf) {
    let other = "On 12 March 2021 Belgian and Spanish police, coordinated by Europol, targeted Amaq. \
                 More than 5,000 items were flagged.";
    (
        write_report(dir, "a.txt", ACTION_DAY),
        write_report(dir, "b.txt", other),
    )
}

/// A report told again with a sentence more is replaced: its new mention takes the old
/// one's place in their operation, which keeps its IRI and its size, and is rewritten
/// (an operation is left as it was only when its members are exactly the same).
#[test]
fn a_retold_report_swaps_its_mention_in_an_operation_of_the_same_size() {
    let dir = tempfile::tempdir().expect("tmp");
    let extractor = Extractor::builtin().expect("extractor");
    let (a, b) = two_reports_of_one_day(dir.path());
    let store = memory_store();
    build(&store, &extractor, &[a.clone(), b], MergeMode::Full);
    let before = stored_operations(&store);
    let (op, members) = before
        .iter()
        .find(|(_, m)| m.len() == 2)
        .expect("one operation of both");
    std::fs::write(&a, format!("{ACTION_DAY} The servers were in several countries.")).expect("write");
    let s = build(&store, &extractor, &[a], MergeMode::Incremental);
    assert_eq!((s.replaced, s.merge), (1, "incremental"));
    let after = stored_operations(&store);
    let now = &after[op];
    assert_eq!(now.len(), 2, "{after:?}");
    assert_eq!(now.intersection(members).count(), 1, "{now:?} {members:?}");
    assert_eq!(stored_partition(&store), fresh_partition(&store));
    assert_eq!(summaries(&store), aggregates(&store));
}

/// A write from outside a build (here through the store, as the endpoint writes) drops
/// the merge records' status: until a full merge rewrites them, an add reads mentions
/// from their statements, so a record the write left stale misleads no merge.
#[test]
fn an_add_after_an_outside_write_reads_statements_not_records() {
    let dir = tempfile::tempdir().expect("tmp");
    let extractor = Extractor::builtin().expect("extractor");
    let (a, b) = two_reports_of_one_day(dir.path());
    let store = memory_store();
    build(&store, &extractor, &[a, b], MergeMode::Full);
    assert!(store.records_current().expect("status"));
    // b's record now dates its operation to another year; its statements do not.
    let stale = format!(
        "{OPG}DELETE {{ GRAPH ?g {{ ?m opg:mergeRecord ?r }} }} INSERT {{ GRAPH ?g {{ ?m opg:mergeRecord ?stale }} }} \
         WHERE {{ GRAPH ?g {{ ?m opg:mergeRecord ?r }} FILTER(CONTAINS(?r, '\"r\":\"b.txt\"')) \
         BIND(REPLACE(?r, \"2021-03-12\", \"1999-01-01\") AS ?stale) }}"
    );
    store.inner().update(stale.as_str()).expect("update");
    assert!(records(&store).values().flatten().any(|r| r.contains("1999-01-01")));
    opgraph::store::drop_kept_state(store.inner()).expect("drop");
    assert!(!store.records_current().expect("status"));
    let c = write_report(
        dir.path(),
        "c.txt",
        "Europol supported Belgian and Spanish authorities against Amaq on 12 March 2021. \
         More than 5,000 items were taken down.",
    );
    let s = build(&store, &extractor, &[c], MergeMode::Incremental);
    assert_eq!(s.merge, "incremental");
    let partition = stored_partition(&store);
    assert_eq!(partition, fresh_partition(&store));
    assert!(partition.iter().any(|op| op.len() == 3), "{partition:?}");
}

/// A build that leaves the merge to later drops the figures the last one kept, so an
/// add after `opgraph merge` counts the store instead of updating figures that miss the
/// unmerged reports.
#[test]
fn figures_kept_before_an_unmerged_build_are_not_updated_later() {
    let dir = tempfile::tempdir().expect("tempdir");
    let extractor = Extractor::builtin().expect("extractor");
    let reports = [
        "Europol coordinated an operation against Amaq in Belgium on 3 May 2018.",
        "Eurojust supported an action day against Nashir in Spain on 14 June 2019.",
        "Frontex took part in a raid against Al-Hayat in Greece on 9 October 2020.",
    ]
    .iter()
    .enumerate()
    .map(|(i, text)| write_report(dir.path(), &format!("r{i}.txt"), text))
    .collect::<Vec<_>>();
    let store = memory_store();
    build(&store, &extractor, &reports[..1], MergeMode::Full);
    assert!(kept_figures(&store).is_some());
    build(&store, &extractor, &reports[1..2], MergeMode::None);
    assert_eq!(kept_figures(&store), None);
    opgraph::merge::rebuild_corpus(&store).expect("merge");
    let s = build(&store, &extractor, &reports[2..], MergeMode::Incremental);
    assert_eq!(s.merge, "incremental");
    let full = store.stats().expect("stats");
    assert_eq!(s.operation_mentions, 3);
    assert_eq!(
        (s.entities, s.operation_mentions, s.operations),
        (full.entities, full.operation_mentions, full.operations)
    );
}

/// The merge records are an index the merge keeps. An add to a store whose mentions have
/// none (one built by an earlier version) reads them from their statements, merges as
/// with records, and writes the records of what it read; a full merge rewrites a stale
/// record, writes a missing one and leaves one of two.
#[test]
fn merge_records_are_written_when_missing_and_rewritten_when_stale() {
    let extractor = Extractor::builtin().expect("extractor");
    let (files, manifest) = report_files(&common::samples());
    let (before, last) = files.split_at(files.len() - 1);
    let with_manifest =
        |fs: &[PathBuf]| -> Vec<PathBuf> { manifest.iter().cloned().chain(fs.iter().cloned()).collect() };
    let (with, without) = (memory_store(), memory_store());
    for store in [&with, &without] {
        build(store, &extractor, &with_manifest(before), MergeMode::Full);
    }
    assert_records_current(&with);
    let strip = format!("{OPG}DELETE WHERE {{ GRAPH ?g {{ ?m opg:mergeRecord ?r }} }}");
    without.inner().update(strip.as_str()).expect("update");
    assert!(records(&without).is_empty());
    let old: BTreeSet<String> = current_records(&without).into_keys().collect();
    for store in [&with, &without] {
        let s = build(store, &extractor, &with_manifest(last), MergeMode::Incremental);
        assert_eq!(s.merge, "incremental");
    }
    assert_eq!(stored_operations(&without), stored_operations(&with));
    assert_records_current(&with);
    let (written, current) = (records(&without), current_records(&without));
    assert!(written.iter().all(|(m, r)| current.get(m) == Some(r)), "{written:?}");
    let new: Vec<&String> = current.keys().filter(|m| !old.contains(*m)).collect();
    assert!(!new.is_empty());
    assert!(new.iter().all(|m| written.contains_key(*m)), "{new:?}");

    // Stale, missing and doubled records, written from outside the merge (which marks
    // the merge out of date, as the endpoint does).
    let mentions: Vec<String> = current_records(&with).into_keys().collect();
    assert!(mentions.len() >= 3, "{mentions:?}");
    let update = format!(
        "{OPG}DELETE {{ GRAPH ?g {{ ?a opg:mergeRecord ?ra }} GRAPH ?f {{ ?b opg:mergeRecord ?rb }} }} \
         INSERT {{ GRAPH ?g {{ ?a opg:mergeRecord \"{{}}\" }} GRAPH ?h {{ ?c opg:mergeRecord \"extra\" }} }} \
         WHERE {{ GRAPH ?g {{ ?a opg:mergeRecord ?ra }} GRAPH ?f {{ ?b opg:mergeRecord ?rb }} GRAPH ?h {{ ?c a opg:OperationMention }} \
         FILTER(?a = <{}> && ?b = <{}> && ?c = <{}>) }}",
        mentions[0], mentions[1], mentions[2]
    );
    with.inner().update(update.as_str()).expect("update");
    let damaged = records(&with);
    assert_eq!(damaged.get(&mentions[0]), Some(&vec!["{}".to_string()]));
    assert_eq!(damaged.get(&mentions[1]), None);
    assert_eq!(damaged.get(&mentions[2]).map(Vec::len), Some(2));
    with.set_merge_current(false).expect("status");
    opgraph::merge::rebuild_corpus(&with).expect("merge");
    assert_records_current(&with);
}

/// The figures the last build kept on the store node.
fn kept_figures(store: &GraphStore) -> Option<(usize, usize, usize)> {
    let k = store.kept_counts().expect("kept counts")?;
    Some((k.entities, k.operation_mentions, k.operations))
}

fn sha2_digest(bytes: &[u8]) -> Vec<u8> {
    use sha2::Digest;
    sha2::Sha256::digest(bytes).to_vec()
}

#[test]
fn an_interrupted_merge_is_redone_from_scratch() {
    let extractor = Extractor::builtin().expect("extractor");
    let (files, manifest) = report_files(&common::samples());
    let mut first: Vec<PathBuf> = manifest.iter().cloned().collect();
    first.extend(files[..files.len() - 1].iter().cloned());
    let store = memory_store();
    build(&store, &extractor, &first, MergeMode::Full);
    assert!(store.merge_current().expect("status"));
    // A build that writes reports but does not merge leaves the corpus graph out of date...
    let last: Vec<PathBuf> = manifest
        .iter()
        .cloned()
        .chain([files[files.len() - 1].clone()])
        .collect();
    let s = build(&store, &extractor, &last, MergeMode::None);
    assert_eq!((s.added, s.merge), (1, "skipped"));
    assert!(!store.merge_current().expect("status"));
    // ...so the next build, with nothing new to add, still merges everything.
    let s = build(&store, &extractor, &last, MergeMode::Incremental);
    assert_eq!((s.unchanged, s.merge), (1, "full"));
    assert!(store.merge_current().expect("status"));
    assert_eq!(stored_partition(&store), fresh_partition(&store));
}
