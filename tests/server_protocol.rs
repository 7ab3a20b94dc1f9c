//! The SPARQL endpoint over real HTTP: protocol forms, formats, negotiation, errors,
//! limits, writes with a token, the Graph Store Protocol, canned queries and the network.

mod common;

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use opgraph::queries::{builtin, CannedQuery};
use opgraph::server::{router, NetworkProvider, ServerConfig};
use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfParser};
use oxigraph::model::{GraphName, Literal, NamedNode, Quad};
use oxigraph::store::Store;
use reqwest::blocking::{Client, Response};
use reqwest::StatusCode;

const EX: &str = "http://example.org/";
const OPG: &str = "https://w3id.org/opgraph/ontology#";
const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
const LABEL: &str = "http://www.w3.org/2000/01/rdf-schema#label";
const PREFIXES: &str = "PREFIX ex: <http://example.org/> PREFIX opg: <https://w3id.org/opgraph/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> ";

fn iri(s: &str) -> NamedNode {
    NamedNode::new(s).expect("valid IRI")
}

fn ex(local: &str) -> NamedNode {
    iri(&format!("{EX}{local}"))
}

fn opg(local: &str) -> NamedNode {
    iri(&format!("{OPG}{local}"))
}

/// Two operations in two named graphs, one triple in the default graph:
/// - g1: Europol (Agency) leads op1, FBI (Agency) takes part;
/// - g2: NCA (Agency) leads op2, FBI takes part;
/// - default graph: `ex:meta rdfs:label "store metadata"`.
fn fixture() -> Store {
    let store = Store::new().expect("in-memory store");
    let g1 = GraphName::NamedNode(ex("g1"));
    let g2 = GraphName::NamedNode(ex("g2"));
    let mut quads = Vec::new();
    let mut add = |s: NamedNode, p: NamedNode, o: oxigraph::model::Term, g: &GraphName| {
        quads.push(Quad::new(s, p, o, g.clone()));
    };
    for (agency, label, g) in [("europol", "Europol", &g1), ("fbi", "FBI", &g1), ("nca", "NCA", &g2)] {
        add(ex(agency), iri(RDF_TYPE), opg("Agency").into(), g);
        add(ex(agency), iri(LABEL), Literal::new_simple_literal(label).into(), g);
    }
    add(ex("op1"), iri(RDF_TYPE), opg("Operation").into(), &g1);
    add(ex("op1"), opg("ledBy"), ex("europol").into(), &g1);
    add(ex("op1"), opg("participant"), ex("fbi").into(), &g1);
    add(ex("op2"), iri(RDF_TYPE), opg("Operation").into(), &g2);
    add(ex("op2"), opg("ledBy"), ex("nca").into(), &g2);
    add(ex("op2"), opg("participant"), ex("fbi").into(), &g2);
    add(
        ex("meta"),
        iri(LABEL),
        Literal::new_simple_literal("store metadata").into(),
        &GraphName::DefaultGraph,
    );
    store.extend(quads).expect("load fixture");
    store
}

fn queries() -> Vec<CannedQuery> {
    let mut q = builtin();
    q.push(CannedQuery::parse(
        "label-of",
        "# The label of a thing.\n# param: ?thing  the thing's IRI\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\nSELECT ?thing ?label WHERE { ?thing rdfs:label ?label } ORDER BY ?label",
    ));
    q
}

/// Starts the router on 127.0.0.1:0 in a background runtime; returns the base URL.
fn start(store: Store, network: Option<Arc<dyn NetworkProvider>>, config: ServerConfig) -> String {
    let app = router(store, queries(), network, &config);
    let addr = common::serve_router(app);
    format!("http://{addr}")
}

fn quiet() -> ServerConfig {
    ServerConfig {
        access_log: false,
        ..ServerConfig::default()
    }
}

fn client() -> Client {
    Client::builder()
        .timeout(Duration::from_secs(60))
        .build()
        .expect("client")
}

fn text(r: Response) -> String {
    r.text().expect("body")
}

fn json(r: Response) -> serde_json::Value {
    serde_json::from_str(&text(r)).expect("JSON body")
}

fn content_type(r: &Response) -> String {
    r.headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string()
}

fn labels(v: &serde_json::Value) -> Vec<String> {
    let mut out: Vec<String> = v["results"]["bindings"]
        .as_array()
        .expect("bindings")
        .iter()
        .map(|b| b["l"]["value"].as_str().expect("label").to_string())
        .collect();
    out.sort();
    out
}

fn count_triples(body: &str, format: RdfFormat) -> usize {
    RdfParser::from_format(format)
        .for_slice(body.as_bytes())
        .collect::<Result<Vec<_>, _>>()
        .expect("parses back")
        .len()
}

fn count_xml_results(body: &str) -> usize {
    let mut reader = quick_xml::Reader::from_str(body);
    let mut n = 0;
    loop {
        match reader.read_event().expect("well-formed XML") {
            quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e)
                if e.name().as_ref() == b"result" =>
            {
                n += 1
            }
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    n
}

const LABELS: &str = "SELECT ?l WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l }";
const ALL_LABELS: [&str; 4] = ["Europol", "FBI", "NCA", "store metadata"];

#[test]
fn every_query_form_gives_the_same_answer_over_the_union() {
    let base = start(fixture(), None, quiet());
    let c = client();
    let get = c
        .get(format!("{base}/sparql"))
        .query(&[("query", LABELS)])
        .send()
        .expect("GET");
    assert_eq!(get.status(), StatusCode::OK);
    assert!(content_type(&get).starts_with("application/sparql-results+json"));
    assert_eq!(labels(&json(get)), ALL_LABELS);

    let form = c
        .post(format!("{base}/query"))
        .form(&[("query", LABELS)])
        .send()
        .expect("POST form");
    assert_eq!(form.status(), StatusCode::OK);
    assert_eq!(labels(&json(form)), ALL_LABELS);

    let direct = c
        .post(format!("{base}/sparql"))
        .header("content-type", "application/sparql-query")
        .body(LABELS)
        .send()
        .expect("POST direct");
    assert_eq!(direct.status(), StatusCode::OK);
    assert_eq!(labels(&json(direct)), ALL_LABELS);
}

#[test]
fn result_formats_parse_back() {
    let base = start(fixture(), None, quiet());
    let c = client();
    let select = |accept: &str| {
        c.get(format!("{base}/sparql"))
            .query(&[("query", LABELS)])
            .header("accept", accept)
            .send()
            .expect("request")
    };
    let xml = select("application/sparql-results+xml");
    assert!(content_type(&xml).starts_with("application/sparql-results+xml"));
    assert_eq!(count_xml_results(&text(xml)), 4);

    let csv = select("text/csv");
    assert!(content_type(&csv).starts_with("text/csv"));
    let body = text(csv);
    assert_eq!(body.lines().next(), Some("l"));
    assert_eq!(body.lines().filter(|l| !l.is_empty()).count(), 5);

    let tsv = select("text/tab-separated-values");
    assert!(content_type(&tsv).starts_with("text/tab-separated-values"));
    let body = text(tsv);
    assert_eq!(body.lines().next(), Some("?l"));
    assert_eq!(body.lines().filter(|l| !l.is_empty()).count(), 5);
    assert!(body.contains("\"FBI\""));

    // q-values: XML (q=1) beats CSV (q=0.5).
    let r = select("text/csv;q=0.5, application/sparql-results+xml");
    assert!(content_type(&r).starts_with("application/sparql-results+xml"));

    // The format parameter beats Accept.
    let r = c
        .get(format!("{base}/sparql"))
        .query(&[("query", LABELS), ("format", "tsv")])
        .header("accept", "application/sparql-results+json")
        .send()
        .expect("format param");
    assert!(content_type(&r).starts_with("text/tab-separated-values"));

    // ASK in JSON and XML.
    let ask = "ASK { ?s a <https://w3id.org/opgraph/ontology#Operation> }";
    let r = c
        .get(format!("{base}/sparql"))
        .query(&[("query", ask)])
        .send()
        .expect("ASK");
    assert_eq!(json(r)["boolean"], serde_json::Value::Bool(true));
    let r = c
        .get(format!("{base}/sparql"))
        .query(&[("query", ask), ("format", "xml")])
        .send()
        .expect("ASK xml");
    assert!(text(r).contains("<boolean>true</boolean>"));

    // CONSTRUCT in every RDF format: 6 triples about operations.
    let construct = format!("{PREFIXES} CONSTRUCT {{ ?op ?p ?o }} WHERE {{ ?op a opg:Operation ; ?p ?o }}");
    let jsonld = RdfFormat::JsonLd {
        profile: JsonLdProfileSet::empty(),
    };
    for (accept, format, media) in [
        ("text/turtle", RdfFormat::Turtle, "text/turtle"),
        ("application/n-triples", RdfFormat::NTriples, "application/n-triples"),
        ("application/n-quads", RdfFormat::NQuads, "application/n-quads"),
        ("application/ld+json", jsonld, "application/ld+json"),
        ("application/rdf+xml", RdfFormat::RdfXml, "application/rdf+xml"),
        ("*/*", RdfFormat::Turtle, "text/turtle"),
    ] {
        let r = c
            .post(format!("{base}/sparql"))
            .header("content-type", "application/sparql-query")
            .header("accept", accept)
            .body(construct.clone())
            .send()
            .expect("CONSTRUCT");
        assert_eq!(r.status(), StatusCode::OK, "{accept}");
        assert!(content_type(&r).starts_with(media), "{accept}: {}", content_type(&r));
        assert_eq!(count_triples(&text(r), format), 6, "{accept}");
    }
    let r = c
        .get(format!("{base}/sparql"))
        .query(&[("query", construct.as_str()), ("format", "ntriples")])
        .send()
        .expect("CONSTRUCT format=ntriples");
    assert_eq!(count_triples(&text(r), RdfFormat::NTriples), 6);
}

#[test]
fn service_description_is_served_and_negotiable() {
    let base = start(fixture(), None, quiet());
    let c = client();
    let r = c.get(format!("{base}/sparql")).send().expect("GET /sparql");
    assert_eq!(r.status(), StatusCode::OK);
    assert!(content_type(&r).starts_with("text/turtle"));
    let body = text(r);
    assert!(body.contains("UnionDefaultGraph"), "{body}");
    assert!(body.contains(&format!("{}/sparql", base.trim_start_matches("http://"))));
    let triples = count_triples(&body, RdfFormat::Turtle);
    assert!(triples >= 15, "{triples} triples");

    let r = c
        .get(format!("{base}/sparql"))
        .header("accept", "application/n-triples")
        .send()
        .expect("n-triples");
    assert!(content_type(&r).starts_with("application/n-triples"));
    assert_eq!(count_triples(&text(r), RdfFormat::NTriples), triples);
}

#[test]
fn client_errors_say_what_is_wrong() {
    let config = ServerConfig {
        max_body: 4096,
        ..quiet()
    };
    let base = start(fixture(), None, config);
    let c = client();

    let r = c
        .get(format!("{base}/sparql"))
        .query(&[("query", "SELECT ?s WHERE { ?s ?p }")])
        .send()
        .expect("syntax error");
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let body = text(r);
    assert!(body.contains("SPARQL syntax error") && body.contains("1:"), "{body}");

    let r = c
        .get(format!("{base}/sparql?query=ASK%7B%7D&query=ASK%7B%7D"))
        .send()
        .expect("two queries");
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert!(text(r).contains("exactly one query"));

    let r = c
        .post(format!("{base}/sparql"))
        .form(&[("default-graph-uri", "http://example.org/g1")])
        .send()
        .expect("no query");
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert!(text(r).starts_with("no query"));

    let r = c
        .post(format!("{base}/sparql"))
        .header("content-type", "text/plain")
        .body("ASK {}")
        .send()
        .expect("415");
    assert_eq!(r.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert!(text(r).contains("application/sparql-query"));

    let big = format!("ASK {{}} #{}", "x".repeat(10_000));
    let r = c
        .post(format!("{base}/sparql"))
        .header("content-type", "application/sparql-query")
        .body(big)
        .send()
        .expect("413");
    assert_eq!(r.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert!(text(r).contains("4096"));

    let r = c
        .get(format!("{base}/sparql"))
        .query(&[("query", LABELS)])
        .header("accept", "image/png")
        .send()
        .expect("406");
    assert_eq!(r.status(), StatusCode::NOT_ACCEPTABLE);
    assert!(text(r).contains("application/sparql-results+json"));

    let r = c
        .get(format!("{base}/sparql"))
        .query(&[("query", "CONSTRUCT WHERE { ?s ?p ?o }"), ("format", "csv")])
        .send()
        .expect("406 by format");
    assert_eq!(r.status(), StatusCode::NOT_ACCEPTABLE);

    let r = c
        .get(format!("{base}/sparql"))
        .query(&[("query", LABELS), ("format", "pdf")])
        .send()
        .expect("unknown format");
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);

    // Errors come as JSON for clients that ask for JSON.
    let r = c
        .get(format!("{base}/sparql"))
        .query(&[("query", "SELEC")])
        .header("accept", "application/json")
        .send()
        .expect("JSON error");
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert!(content_type(&r).starts_with("application/json"));
    let v = json(r);
    assert_eq!(v["status"], 400);
    assert!(v["message"].as_str().expect("message").contains("syntax"));

    let r = c.get(format!("{base}/nowhere")).send().expect("404");
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert!(text(r).contains("/sparql"));
}

#[test]
fn read_only_by_default() {
    let base = start(fixture(), None, quiet());
    let c = client();
    let r = c
        .post(format!("{base}/update"))
        .header("content-type", "application/sparql-update")
        .body("INSERT DATA { <http://example.org/x> <http://example.org/p> 1 }")
        .send()
        .expect("update");
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert!(text(r).contains("read-only"));

    let r = c
        .post(format!("{base}/sparql"))
        .form(&[("update", "CLEAR ALL")])
        .send()
        .expect("update via /sparql");
    assert_eq!(r.status(), StatusCode::FORBIDDEN);

    let r = c.get(format!("{base}/update")).send().expect("GET /update");
    assert_eq!(r.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(r.headers().get("allow").map(|v| v.as_bytes()), Some(&b"POST"[..]));

    for method in [reqwest::Method::PUT, reqwest::Method::POST, reqwest::Method::DELETE] {
        let r = c
            .request(method.clone(), format!("{base}/store?graph=http://example.org/g1"))
            .header("content-type", "text/turtle")
            .body("<http://example.org/a> <http://example.org/b> <http://example.org/c> .")
            .send()
            .expect("GSP write");
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{method}");
    }
    // Nothing changed.
    let r = c
        .get(format!("{base}/sparql"))
        .query(&[("query", LABELS)])
        .send()
        .expect("query");
    assert_eq!(labels(&json(r)), ALL_LABELS);
}

#[test]
fn updates_need_the_bearer_token() {
    let config = ServerConfig {
        allow_update: true,
        token: Some("s3cret-token".into()),
        ..quiet()
    };
    let base = start(fixture(), None, config);
    let c = client();
    let insert = "INSERT DATA { GRAPH <http://example.org/g3> { <http://example.org/x> <http://www.w3.org/2000/01/rdf-schema#label> \"X\" } }";

    let r = c
        .post(format!("{base}/update"))
        .header("content-type", "application/sparql-update")
        .body(insert)
        .send()
        .expect("no token");
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert!(r
        .headers()
        .get("www-authenticate")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("Bearer")));

    let r = c
        .post(format!("{base}/update"))
        .header("content-type", "application/sparql-update")
        .bearer_auth("wrong")
        .body(insert)
        .send()
        .expect("bad token");
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);

    let r = c
        .post(format!("{base}/update"))
        .header("content-type", "application/sparql-update")
        .bearer_auth("s3cret-token")
        .body(insert)
        .send()
        .expect("update");
    assert_eq!(r.status(), StatusCode::NO_CONTENT);

    let r = c
        .post(format!("{base}/update"))
        .bearer_auth("s3cret-token")
        .form(&[(
            "update",
            "INSERT DATA { <http://example.org/y> <http://www.w3.org/2000/01/rdf-schema#label> \"Y\" }",
        )])
        .send()
        .expect("form update");
    assert_eq!(r.status(), StatusCode::NO_CONTENT);

    let r = c
        .post(format!("{base}/update"))
        .header("content-type", "application/sparql-update")
        .bearer_auth("s3cret-token")
        .body("INSERT DATA {")
        .send()
        .expect("bad update");
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);

    let r = c
        .get(format!("{base}/sparql"))
        .query(&[("query", LABELS)])
        .send()
        .expect("query");
    assert_eq!(labels(&json(r)), ["Europol", "FBI", "NCA", "X", "Y", "store metadata"]);

    // Graph Store Protocol writes.
    let g4 = format!("{base}/store?graph=http://example.org/g4");
    let r = c
        .put(&g4)
        .header("content-type", "text/turtle")
        .body("<http://example.org/a> <http://example.org/b> <http://example.org/c>, <http://example.org/d> .")
        .send()
        .expect("unauthorised PUT");
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let r = c
        .put(&g4)
        .bearer_auth("s3cret-token")
        .header("content-type", "text/turtle")
        .body("<http://example.org/a> <http://example.org/b> <http://example.org/c>, <http://example.org/d> .")
        .send()
        .expect("PUT");
    assert_eq!(r.status(), StatusCode::CREATED);
    let r = c
        .post(&g4)
        .bearer_auth("s3cret-token")
        .header("content-type", "application/n-triples")
        .body("<http://example.org/a> <http://example.org/b> <http://example.org/e> .\n")
        .send()
        .expect("POST");
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let r = c
        .get(&g4)
        .header("accept", "application/n-triples")
        .send()
        .expect("GET g4");
    assert_eq!(count_triples(&text(r), RdfFormat::NTriples), 3);
    let r = c
        .put(&g4)
        .bearer_auth("s3cret-token")
        .header("content-type", "application/n-triples")
        .body("<http://example.org/a> <http://example.org/b> <http://example.org/z> .\n")
        .send()
        .expect("PUT replaces");
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let r = c.get(&g4).send().expect("GET g4");
    assert_eq!(count_triples(&text(r), RdfFormat::Turtle), 1);
    let r = c
        .put(&g4)
        .bearer_auth("s3cret-token")
        .header("content-type", "text/turtle")
        .body("<http://example.org/a> <http://example.org/b> .")
        .send()
        .expect("bad turtle");
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let r = c
        .put(&g4)
        .bearer_auth("s3cret-token")
        .header("content-type", "application/pdf")
        .body("x")
        .send()
        .expect("415");
    assert_eq!(r.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let r = c.delete(&g4).bearer_auth("s3cret-token").send().expect("DELETE");
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let r = c.get(&g4).send().expect("GET deleted");
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let r = c.delete(&g4).bearer_auth("s3cret-token").send().expect("DELETE again");
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
}

/// The figures a build keeps on the store node are dropped by any write through the
/// endpoint (it cannot tell how the write changed them), and only by an allowed one.
#[test]
fn writes_drop_the_figures_a_build_kept() {
    // The figures, and the status that lets the merge trust its records.
    let kept = |store: &Store| {
        ["operationTotal", "mergeRecordStatus"]
            .iter()
            .map(|p| store.quads_for_pattern(None, Some(opg(p).as_ref()), None, None).count())
            .sum::<usize>()
    };
    let keep = |store: &Store| {
        let q = Quad::new(ex("store"), opg("operationTotal"), Literal::from(2), ex("meta"));
        store.insert(&q).expect("insert");
        let q = Quad::new(
            ex("store"),
            opg("mergeRecordStatus"),
            Literal::from("current"),
            ex("meta"),
        );
        store.insert(&q).expect("insert");
    };
    let store = fixture();
    keep(&store);
    let config = ServerConfig {
        allow_update: true,
        token: Some("s3cret-token".into()),
        ..quiet()
    };
    let base = start(store.clone(), None, config);
    let c = client();
    let insert = "INSERT DATA { GRAPH <http://example.org/g3> { <http://example.org/x> <http://www.w3.org/2000/01/rdf-schema#label> \"X\" } }";
    let update = |token: &str| {
        c.post(format!("{base}/update"))
            .header("content-type", "application/sparql-update")
            .bearer_auth(token)
            .body(insert)
            .send()
            .expect("update")
            .status()
    };
    assert_eq!(update("wrong"), StatusCode::UNAUTHORIZED);
    assert_eq!(kept(&store), 2, "a refused write changes nothing");
    assert_eq!(update("s3cret-token"), StatusCode::NO_CONTENT);
    assert_eq!(kept(&store), 0);
    keep(&store);
    let r = c
        .put(format!("{base}/store?graph=http://example.org/g5"))
        .header("content-type", "text/turtle")
        .bearer_auth("s3cret-token")
        .body("<http://example.org/z> <http://www.w3.org/2000/01/rdf-schema#label> \"Z\" .")
        .send()
        .expect("put");
    assert!(r.status().is_success(), "{}", r.status());
    assert_eq!(kept(&store), 0, "the graph store protocol writes too");
}

#[test]
fn serve_refuses_updates_without_a_token() {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let config = ServerConfig {
        bind: "127.0.0.1:0".parse().expect("addr"),
        allow_update: true,
        token: None,
        ..quiet()
    };
    let store = Store::new().expect("store");
    let r = rt.block_on(opgraph::server::serve(store, Vec::new(), None, config));
    let e = r.expect_err("must refuse");
    assert!(e.to_string().contains("token"), "{e}");
}

#[test]
fn dataset_parameters_change_the_results() {
    let base = start(fixture(), None, quiet());
    let c = client();
    let r = c
        .get(format!("{base}/sparql"))
        .query(&[("query", LABELS), ("default-graph-uri", "http://example.org/g1")])
        .send()
        .expect("g1");
    assert_eq!(labels(&json(r)), ["Europol", "FBI"]);

    let r = c
        .post(format!("{base}/sparql"))
        .form(&[
            ("query", LABELS),
            ("default-graph-uri", "http://example.org/g1"),
            ("default-graph-uri", "http://example.org/g2"),
        ])
        .send()
        .expect("g1+g2");
    assert_eq!(labels(&json(r)), ["Europol", "FBI", "NCA"]);

    let named = "SELECT ?l WHERE { GRAPH ?g { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l } }";
    let r = c
        .get(format!("{base}/sparql"))
        .query(&[("query", named), ("named-graph-uri", "http://example.org/g2")])
        .send()
        .expect("named g2");
    assert_eq!(labels(&json(r)), ["NCA"]);

    // FROM in the query is honoured when the request gives no dataset.
    let from = "SELECT ?l FROM <http://example.org/g2> WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l }";
    let r = c
        .get(format!("{base}/sparql"))
        .query(&[("query", from)])
        .send()
        .expect("FROM");
    assert_eq!(labels(&json(r)), ["NCA"]);

    // Without parameters: the union (default graph included).
    let r = c
        .get(format!("{base}/sparql"))
        .query(&[("query", named)])
        .send()
        .expect("all named");
    assert_eq!(labels(&json(r)), ["Europol", "FBI", "NCA"]);
}

#[test]
fn graph_store_protocol_reads() {
    let base = start(fixture(), None, quiet());
    let c = client();
    let r = c
        .get(format!("{base}/store?graph=http://example.org/g1"))
        .send()
        .expect("g1");
    assert_eq!(r.status(), StatusCode::OK);
    assert!(content_type(&r).starts_with("text/turtle"));
    assert_eq!(count_triples(&text(r), RdfFormat::Turtle), 7);

    let r = c.get(format!("{base}/store?default")).send().expect("default");
    assert_eq!(count_triples(&text(r), RdfFormat::Turtle), 1);

    let r = c
        .head(format!("{base}/store?graph=http://example.org/g2"))
        .send()
        .expect("HEAD");
    assert_eq!(r.status(), StatusCode::OK);
    assert!(content_type(&r).starts_with("text/turtle"));
    assert_eq!(text(r), "");

    let r = c
        .get(format!("{base}/store?graph=http://example.org/missing"))
        .send()
        .expect("missing");
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert!(text(r).contains("http://example.org/missing"));

    let r = c.get(format!("{base}/store")).send().expect("all");
    assert!(content_type(&r).starts_with("application/n-quads"));
    assert_eq!(count_triples(&text(r), RdfFormat::NQuads), 7 + 5 + 1);

    let r = c
        .get(format!("{base}/store?graph=http://example.org/g1&format=ntriples"))
        .send()
        .expect("format");
    assert_eq!(count_triples(&text(r), RdfFormat::NTriples), 7);
}

#[test]
fn canned_queries_are_listed_and_run_with_parameters() {
    // The canned queries read the counts a merged store keeps.
    let store = fixture();
    common::add_corpus_summaries(&store);
    let base = start(store, None, quiet());
    let c = client();
    let list = json(c.get(format!("{base}/queries")).send().expect("list"));
    let list = list.as_array().expect("array");
    assert_eq!(list.len(), builtin().len() + 1);
    let label_of = list.iter().find(|q| q["name"] == "label-of").expect("label-of listed");
    assert_eq!(label_of["params"][0]["name"], "thing");
    assert_eq!(label_of["description"], "The label of a thing.");

    let r = c
        .get(format!("{base}/queries/agencies-by-operations"))
        .send()
        .expect("builtin");
    assert_eq!(r.status(), StatusCode::OK);
    let v = json(r);
    let rows = v["results"]["bindings"].as_array().expect("rows");
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0]["name"]["value"], "FBI");
    assert_eq!(rows[0]["operations"]["value"], "2");

    let r = c
        .get(format!("{base}/queries/label-of"))
        .query(&[("thing", "<http://example.org/nca>")])
        .send()
        .expect("with param");
    let v = json(r);
    let rows = v["results"]["bindings"].as_array().expect("rows");
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["label"]["value"], "NCA");

    let r = c
        .get(format!("{base}/queries/label-of"))
        .query(&[("thing", "http://example.org/fbi"), ("format", "csv")])
        .send()
        .expect("csv");
    assert!(content_type(&r).starts_with("text/csv"));
    assert_eq!(text(r).lines().count(), 2);

    let r = c
        .get(format!("{base}/queries/label-of"))
        .query(&[("nope", "1")])
        .send()
        .expect("unknown param");
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert!(text(r).contains("thing"));

    let r = c.get(format!("{base}/queries/nope")).send().expect("unknown");
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
}

struct StubNetwork;

impl NetworkProvider for StubNetwork {
    fn graph(&self, params: &BTreeMap<String, String>) -> Result<serde_json::Value, String> {
        Ok(serde_json::json!({
            "nodes": [{"id": "a", "label": "A", "type": "Agency", "centrality": 1.0},
                      {"id": "b", "label": "B", "type": "Country", "centrality": 0.5}],
            "edges": [{"source": "a", "target": "b", "weight": 2}],
            "params": params,
        }))
    }

    fn centrality(&self, params: &BTreeMap<String, String>) -> Result<serde_json::Value, String> {
        match params.get("metric").map(String::as_str) {
            Some("degree") => Ok(serde_json::json!({"metric": "degree", "scores": {"a": 1.0}})),
            other => Err(format!("unknown metric {other:?}; use degree")),
        }
    }
}

#[test]
fn network_endpoints() {
    let base = start(fixture(), None, quiet());
    let c = client();
    let r = c.get(format!("{base}/network/graph")).send().expect("none");
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert!(text(r).contains("no collaboration network"));

    let base = start(fixture(), Some(Arc::new(StubNetwork)), quiet());
    let v = json(c.get(format!("{base}/network/graph?from=2020")).send().expect("graph"));
    assert_eq!(v["nodes"].as_array().map(Vec::len), Some(2));
    assert_eq!(v["params"]["from"], "2020");
    let v = json(
        c.get(format!("{base}/network/centrality?metric=degree"))
            .send()
            .expect("centrality"),
    );
    assert_eq!(v["scores"]["a"], 1.0);
    let r = c
        .get(format!("{base}/network/centrality?metric=pagerank"))
        .send()
        .expect("bad metric");
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert!(text(r).contains("unknown metric"));
}

/// A store with `n` triples `<s_i> <p> i` for cross products.
fn big_store(n: usize) -> Store {
    let store = Store::new().expect("store");
    let p = ex("p");
    store
        .extend((0..n).map(|i| {
            Quad::new(
                ex(&format!("s{i}")),
                p.clone(),
                Literal::from(i as i64),
                GraphName::DefaultGraph,
            )
        }))
        .expect("load");
    store
}

const SLOW: &str = "SELECT (COUNT(*) AS ?c) WHERE { ?a <http://example.org/p> ?x . ?b <http://example.org/p> ?y . ?c2 <http://example.org/p> ?z . FILTER(?x + ?y + ?z > -1) }";
const FAST: &str = "ASK { ?s <http://example.org/p> 7 }";

fn running(c: &Client, base: &str) -> u64 {
    json(c.get(format!("{base}/health")).send().expect("health"))["running_queries"]
        .as_u64()
        .expect("running_queries")
}

#[test]
fn timed_out_query_is_a_503_and_is_cancelled() {
    let config = ServerConfig {
        timeout: Duration::from_millis(200),
        ..quiet()
    };
    let base = start(big_store(3000), None, config);
    let c = client();
    let started = Instant::now();
    let r = c
        .get(format!("{base}/sparql"))
        .query(&[("query", SLOW)])
        .send()
        .expect("slow");
    assert_eq!(r.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(started.elapsed() < Duration::from_secs(5));
    let body = text(r);
    assert!(body.contains("time limit of 200 ms"), "{body}");

    // The server still answers fast queries, quickly.
    for _ in 0..3 {
        let t = Instant::now();
        let r = c
            .get(format!("{base}/sparql"))
            .query(&[("query", FAST)])
            .send()
            .expect("fast");
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(json(r)["boolean"], true);
        assert!(t.elapsed() < Duration::from_secs(2));
    }
    // And the cancelled evaluation has really stopped (generous: CI runs tests in parallel on 2 cores).
    let deadline = Instant::now() + Duration::from_secs(60);
    while running(&c, &base) > 0 {
        assert!(Instant::now() < deadline, "the timed-out query keeps running");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn excess_queries_wait_then_get_503_with_retry_after() {
    let config = ServerConfig {
        timeout: Duration::from_secs(3),
        max_concurrent: 1,
        queue_wait: Duration::from_millis(100),
        ..quiet()
    };
    let base = start(big_store(3000), None, config);
    let slow_base = base.clone();
    let slow = std::thread::spawn(move || {
        client()
            .get(format!("{slow_base}/sparql"))
            .query(&[("query", SLOW)])
            .send()
            .expect("slow")
            .status()
    });
    let deadline = Instant::now() + Duration::from_secs(5);
    let c = client();
    while running(&c, &base) == 0 {
        assert!(Instant::now() < deadline, "slow query never started");
        std::thread::sleep(Duration::from_millis(20));
    }
    let r = c
        .get(format!("{base}/sparql"))
        .query(&[("query", FAST)])
        .send()
        .expect("second");
    assert_eq!(r.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(r.headers().get("retry-after").map(|v| v.as_bytes()), Some(&b"2"[..]));
    assert!(text(r).contains("busy"));
    assert_eq!(slow.join().expect("thread"), StatusCode::SERVICE_UNAVAILABLE);
}

#[test]
fn oversized_results_are_refused_whole() {
    let config = ServerConfig {
        max_result: 2000,
        ..quiet()
    };
    let base = start(big_store(500), None, config);
    let r = client()
        .get(format!("{base}/sparql"))
        .query(&[("query", "SELECT * WHERE { ?s ?p ?o }")])
        .send()
        .expect("big");
    assert_eq!(r.status(), StatusCode::INTERNAL_SERVER_ERROR);
    assert!(text(r).contains("larger than the server's limit of 2000 bytes"));
}

#[test]
fn health_and_page() {
    let base = start(fixture(), None, quiet());
    let c = client();
    let v = json(c.get(format!("{base}/health")).send().expect("health"));
    assert_eq!(v["status"], "ok");
    assert_eq!(v["read_only"], true);
    assert_eq!(
        json(c.get(format!("{base}/ping")).send().expect("ping"))["status"],
        "ok"
    );
    let r = c.get(format!("{base}/")).send().expect("page");
    assert!(content_type(&r).starts_with("text/html"));
    assert!(r
        .headers()
        .get("content-security-policy")
        .is_some_and(|v| v.as_bytes().starts_with(b"default-src 'self'")));
    assert!(text(r).contains("<textarea id=\"query\""));
    let r = c.get(format!("{base}/assets/app.js")).send().expect("script");
    assert!(content_type(&r).starts_with("text/javascript"));
}

#[test]
fn cors_when_enabled() {
    let base = start(fixture(), None, ServerConfig { cors: true, ..quiet() });
    let r = client()
        .get(format!("{base}/sparql"))
        .query(&[("query", FAST)])
        .header("origin", "http://example.com")
        .send()
        .expect("cors");
    assert_eq!(
        r.headers().get("access-control-allow-origin").map(|v| v.as_bytes()),
        Some(&b"*"[..])
    );
    let base = start(fixture(), None, quiet());
    let r = client()
        .get(format!("{base}/sparql"))
        .query(&[("query", FAST)])
        .header("origin", "http://example.com")
        .send()
        .expect("no cors");
    assert!(r.headers().get("access-control-allow-origin").is_none());
}

/// The endpoint sorts a SELECT ordered by returned variables outside the engine
/// (`opgraph::order`): the answer is ordered as the ORDER BY says, DESC and DISTINCT
/// included; with a literal of unknown order (a duration) the engine sorts instead.
#[test]
fn ordered_answers_come_sorted() {
    let store = fixture();
    store
        .load_from_reader(
            RdfFormat::Turtle,
            r#"<http://example.org/a> <http://example.org/d> "P2D"^^<http://www.w3.org/2001/XMLSchema#duration> .
               <http://example.org/b> <http://example.org/d> "P10D"^^<http://www.w3.org/2001/XMLSchema#duration> .
               <http://example.org/c> <http://example.org/d> "PT1H"^^<http://www.w3.org/2001/XMLSchema#duration> ."#
                .as_bytes(),
        )
        .expect("durations");
    let base = start(store, None, quiet());
    let c = client();
    let run = |q: &str, var: &str| -> Vec<String> {
        let r = c
            .post(format!("{base}/sparql"))
            .header("content-type", "application/sparql-query")
            .body(q.to_string())
            .send()
            .expect("POST");
        assert_eq!(r.status(), StatusCode::OK, "{q}");
        json(r)["results"]["bindings"]
            .as_array()
            .expect("bindings")
            .iter()
            .map(|b| b[var]["value"].as_str().unwrap_or("").to_string())
            .collect()
    };
    let l = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>";
    assert_eq!(
        run(
            &format!("{l} SELECT ?l WHERE {{ ?s rdfs:label ?l }} ORDER BY DESC(?l)"),
            "l"
        ),
        ["store metadata", "NCA", "FBI", "Europol"]
    );
    assert_eq!(
        run(&format!("{l} SELECT DISTINCT ?t WHERE {{ ?s a ?t }} ORDER BY ?t"), "t"),
        [
            "https://w3id.org/opgraph/ontology#Agency",
            "https://w3id.org/opgraph/ontology#Operation"
        ]
    );
    // Durations order by length, which only the engine knows: 1 hour < 2 days < 10 days.
    assert_eq!(
        run("SELECT ?d WHERE { ?s <http://example.org/d> ?d } ORDER BY ?d", "d"),
        ["PT1H", "P2D", "P10D"]
    );
}

#[test]
fn canned_listings_are_paged_by_limit_and_offset() {
    // A store built from the sample reports under its own base IRI: the listings name
    // the corpus graph relative to it, so the server must be told the base.
    let store = opgraph::store::GraphStore::memory(opgraph::rdf::Iris::new("http://example.org/kg/").expect("iris"))
        .expect("store");
    let ex = opgraph::extract::Extractor::builtin().expect("extractor");
    opgraph::pipeline::build(
        &store,
        &ex,
        &[common::samples()],
        &opgraph::pipeline::BuildOptions::default(),
    )
    .expect("build");
    let config = ServerConfig {
        base: "http://example.org/kg/".into(),
        ..quiet()
    };
    let base = start(store.inner().clone(), None, config);
    let c = client();
    let operations = |params: &[(&str, &str)]| -> Vec<String> {
        let r = c
            .get(format!("{base}/queries/operations"))
            .query(params)
            .send()
            .expect("operations");
        assert_eq!(r.status(), StatusCode::OK);
        let v = json(r);
        v["results"]["bindings"]
            .as_array()
            .expect("rows")
            .iter()
            .map(|b| b["operation"]["value"].as_str().expect("operation").to_string())
            .collect()
    };
    let all = operations(&[("limit", "0")]);
    assert!(all.len() >= 3, "{all:?}");
    assert_eq!(operations(&[]).len(), all.len(), "fewer than a default page");
    let mut paged: Vec<String> = (0..all.len())
        .flat_map(|i| operations(&[("limit", "1"), ("offset", &i.to_string())]))
        .collect();
    assert_eq!(paged.len(), all.len(), "one operation a page");
    paged.sort();
    let mut sorted = all.clone();
    sorted.sort();
    assert_eq!(paged, sorted);
    let r = c
        .get(format!("{base}/queries/operations?limit=many"))
        .send()
        .expect("bad limit");
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert!(text(r).contains("whole number"));
}
