//! The endpoint against clients we did not write: SPARQLWrapper (Python) and headless
//! Chromium rendering the page. Each test skips loudly when its client is missing
//! (CI installs python3-SPARQLWrapper, rdflib and chromium).

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use opgraph::queries::builtin;
use opgraph::server::{router, NetworkProvider, ServerConfig};
use oxigraph::model::{GraphName, Literal, NamedNode, Quad, Term};
use oxigraph::store::Store;

const EX: &str = "http://example.org/";
const OPG: &str = "https://w3id.org/opgraph/ontology#";
const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
const LABEL: &str = "http://www.w3.org/2000/01/rdf-schema#label";

fn node(s: &str) -> NamedNode {
    NamedNode::new(s).expect("valid IRI")
}

/// Europol leads op1 with the FBI; NCA leads op2 with the FBI; one graph per operation.
fn fixture() -> Store {
    let store = Store::new().expect("store");
    let mut quads = Vec::new();
    let ex = |l: &str| node(&format!("{EX}{l}"));
    let opg = |l: &str| node(&format!("{OPG}{l}"));
    for (op, leader, g) in [("op1", "europol", "g1"), ("op2", "nca", "g2")] {
        let g = GraphName::NamedNode(ex(g));
        let mut add = |s: NamedNode, p: NamedNode, o: Term| quads.push(Quad::new(s, p, o, g.clone()));
        add(ex(op), node(RDF_TYPE), opg("Operation").into());
        add(ex(op), opg("ledBy"), ex(leader).into());
        add(ex(op), opg("participant"), ex("fbi").into());
    }
    for (a, l) in [("europol", "Europol"), ("fbi", "FBI"), ("nca", "NCA")] {
        quads.push(Quad::new(ex(a), node(RDF_TYPE), opg("Agency"), GraphName::DefaultGraph));
        quads.push(Quad::new(
            ex(a),
            node(LABEL),
            Literal::new_simple_literal(l),
            GraphName::DefaultGraph,
        ));
    }
    store.extend(quads).expect("load");
    common::add_corpus_summaries(&store);
    store
}

fn start(network: Option<Arc<dyn NetworkProvider>>) -> String {
    let config = ServerConfig {
        access_log: false,
        store_name: "client-test".into(),
        ..ServerConfig::default()
    };
    let app = router(fixture(), builtin(), network, &config);
    format!("http://{}", common::serve_router(app))
}

/// Runs a command with a deadline; returns (success, stdout, stderr).
fn run_with_deadline(cmd: &mut Command, limit: Duration) -> (bool, String, String) {
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let start = Instant::now();
    loop {
        if child.try_wait().expect("wait").is_some() {
            break;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = child.wait_with_output().expect("output");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn python_with_sparqlwrapper() -> Option<&'static str> {
    let ok = Command::new("python3")
        .args(["-c", "import SPARQLWrapper, rdflib"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    ok.then_some("python3")
}

#[test]
fn sparqlwrapper_runs_select_ask_and_construct() {
    let Some(python) = python_with_sparqlwrapper() else {
        eprintln!("SKIPPED sparqlwrapper_runs_select_ask_and_construct: python3 with SPARQLWrapper and rdflib is not installed (pip install SPARQLWrapper rdflib)");
        return;
    };
    let base = start(None);
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/py/sparql_client.py");
    let (ok, stdout, stderr) = run_with_deadline(Command::new(python).arg(script).arg(&base), Duration::from_secs(60));
    assert!(ok, "client failed:\n{stdout}\n{stderr}");
    for check in [
        "ok select-json: ['Europol', 'FBI', 'NCA']",
        "ok select-json-post:",
        "ok select-xml: ['Europol', 'FBI', 'NCA']",
        "ok select-csv: ['name', 'Europol', 'FBI', 'NCA']",
        "ok ask-json: True",
        "ok construct-rdfxml: 2",
        "ok construct-turtle: 2",
        "all checks passed",
    ] {
        assert!(stdout.contains(check), "missing {check:?} in:\n{stdout}");
    }
}

struct StubNetwork;

impl NetworkProvider for StubNetwork {
    fn graph(&self, _: &BTreeMap<String, String>) -> Result<serde_json::Value, String> {
        Ok(serde_json::json!({
            "nodes": [
                {"id": "http://example.org/fbi", "label": "FBI", "type": "Agency", "centrality": 1.0},
                {"id": "http://example.org/europol", "label": "Europol", "type": "Agency", "centrality": 0.5},
                {"id": "http://example.org/nca", "label": "NCA", "type": "Agency", "centrality": 0.5},
                {"id": "http://example.org/uk", "label": "United Kingdom", "type": "Country", "centrality": 0.1}
            ],
            "edges": [
                {"source": "http://example.org/fbi", "target": "http://example.org/europol", "weight": 1},
                {"source": "http://example.org/fbi", "target": "http://example.org/nca", "weight": 1},
                {"source": "http://example.org/nca", "target": "http://example.org/uk", "weight": 3}
            ]
        }))
    }

    fn centrality(&self, _: &BTreeMap<String, String>) -> Result<serde_json::Value, String> {
        Ok(serde_json::json!({}))
    }
}

fn chromium() -> Option<String> {
    for name in ["chromium", "chromium-browser"] {
        let found = Command::new("sh")
            .args(["-c", &format!("command -v {name}")])
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string());
        if let Some(path) = found.filter(|p| !p.is_empty()) {
            return Some(path);
        }
    }
    None
}

fn dump_dom(browser: &str, url: &str) -> String {
    let profile = tempfile::tempdir().expect("profile dir");
    let (_, stdout, stderr) = run_with_deadline(
        Command::new(browser).args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            &format!("--user-data-dir={}", profile.path().display()),
            "--virtual-time-budget=10000",
            "--dump-dom",
            url,
        ]),
        Duration::from_secs(90),
    );
    assert!(stdout.contains("<html"), "no DOM dumped; stderr:\n{stderr}");
    stdout
}

fn section<'a>(dom: &'a str, start: &str, end: &str) -> &'a str {
    let from = dom.find(start).unwrap_or_else(|| panic!("{start} not in DOM:\n{dom}"));
    let rest = &dom[from..];
    &rest[..rest.find(end).unwrap_or(rest.len())]
}

#[test]
fn page_renders_results_and_network_in_headless_chromium() {
    let Some(browser) = chromium() else {
        eprintln!("SKIPPED page_renders_results_and_network_in_headless_chromium: chromium is not installed (apt-get install chromium)");
        return;
    };
    // With a network provider: the table from the canned query, the SVG from /network/graph.
    let base = start(Some(Arc::new(StubNetwork)));
    let dom = dump_dom(&browser, &format!("{base}/?autorun=agencies-by-operations"));
    let table = section(&dom, "<table id=\"results-table\"", "</table>");
    assert_eq!(table.matches("<tr>").count(), 1 + 3, "header + 3 agencies:\n{table}");
    assert!(table.contains(">FBI<") && table.contains(">operations<"), "{table}");
    let svg = section(&dom, "<svg", "</svg>");
    assert_eq!(svg.matches("class=\"node\"").count(), 4, "{svg}");
    assert_eq!(svg.matches("<line").count(), 3, "{svg}");
    assert!(dom.contains("4 actors, 3 links"));
    assert!(dom.contains("client-test"), "store name shown");
    assert!(dom.contains("data-format=\"csv\""), "download links");

    // Without one: the page falls back to the collaboration-edges canned query.
    let base = start(None);
    let dom = dump_dom(&browser, &format!("{base}/?autorun=operations"));
    let svg = section(&dom, "<svg", "</svg>");
    assert_eq!(svg.matches("class=\"node\"").count(), 3, "{svg}");
    assert_eq!(svg.matches("<line").count(), 2, "{svg}");
}
