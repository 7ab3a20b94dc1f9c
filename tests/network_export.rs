//! Exports of the collaboration network: GraphML, GEXF, CSV, JSON, SVG.
//!
//! Pure-Rust checks parse the XML back with quick-xml; `files_read_back_by_networkx_and_igraph`
//! runs `tests/py/check_network_files.py`, which reads them with networkx and python-igraph
//! (skipped, loudly, when python3 or networkx is missing).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

use opgraph::export::{gexf, graphml, svg, table};
use opgraph::model::{EntityType, PartialDate, Role};
use opgraph::network::style::ColorBy;
use opgraph::network::{
    centrality, project, ActorInfo, CentralityParams, CollabNetwork, Metric, NetworkInput, NodeScores, OperationRecord,
    ProjectionOptions,
};
use quick_xml::events::Event;
use quick_xml::Reader;

fn actor(
    iri: &str,
    label: &str,
    etype: EntityType,
    country: Option<&str>,
    parent: Option<&str>,
) -> (String, ActorInfo) {
    (
        iri.to_owned(),
        ActorInfo {
            iri: iri.to_owned(),
            label: label.to_owned(),
            etype,
            country: country.map(str::to_owned),
            parent: parent.map(str::to_owned),
        },
    )
}

fn op(iri: &str, start: PartialDate, end: Option<PartialDate>, actors: &[(&str, Role)]) -> OperationRecord {
    OperationRecord {
        iri: iri.to_owned(),
        label: format!("Operation {iri}"),
        start: Some(start),
        end,
        actors: actors.iter().map(|(a, r)| ((*a).to_owned(), *r)).collect(),
    }
}

/// Seven actors over five operations from 2016 to 2019; labels with XML-special characters.
fn input() -> NetworkInput {
    let e = "https://example.org/e/";
    let actors: BTreeMap<String, ActorInfo> = [
        actor(&format!("{e}europol"), "Europol", EntityType::Agency, None, None),
        actor(&format!("{e}eurojust"), "Eurojust", EntityType::Agency, None, None),
        actor(
            &format!("{e}fbi"),
            "FBI",
            EntityType::Agency,
            Some("United States"),
            None,
        ),
        actor(
            &format!("{e}bka"),
            "Bundeskriminalamt (BKA)",
            EntityType::Agency,
            Some("Germany"),
            None,
        ),
        actor(
            &format!("{e}politie"),
            "Politie <NL> & \"friends\"",
            EntityType::Agency,
            Some("Netherlands"),
            None,
        ),
        actor(&format!("{e}germany"), "Germany", EntityType::Country, None, None),
        actor(
            &format!("{e}spain"),
            "Spain, Kingdom of",
            EntityType::Country,
            None,
            None,
        ),
        actor(&format!("{e}market"), "Darknet market", EntityType::Group, None, None),
    ]
    .into_iter()
    .collect();
    let a = |s: &str| format!("{e}{s}");
    let (europol, eurojust, fbi, bka, politie, germany, spain, market) = (
        a("europol"),
        a("eurojust"),
        a("fbi"),
        a("bka"),
        a("politie"),
        a("germany"),
        a("spain"),
        a("market"),
    );
    let operations = vec![
        op(
            "https://example.org/op/1",
            PartialDate::Year(2016),
            None,
            &[
                (&europol, Role::CoordinatedBy),
                (&bka, Role::LedBy),
                (&germany, Role::Participant),
                (&market, Role::Target),
            ],
        ),
        op(
            "https://example.org/op/2",
            PartialDate::YearMonth(2017, 5),
            Some(PartialDate::Year(2018)),
            &[
                (&europol, Role::SupportedBy),
                (&fbi, Role::LedBy),
                (&politie, Role::Participant),
                (&bka, Role::Participant),
            ],
        ),
        op(
            "https://example.org/op/3",
            PartialDate::Day(2018, 3, 1),
            None,
            &[
                (&europol, Role::CoordinatedBy),
                (&eurojust, Role::SupportedBy),
                (&politie, Role::Participant),
            ],
        ),
        op(
            "https://example.org/op/4",
            PartialDate::Day(2019, 11, 21),
            None,
            &[
                (&europol, Role::CoordinatedBy),
                (&eurojust, Role::CoordinatedBy),
                (&politie, Role::LedBy),
                (&spain, Role::Participant),
            ],
        ),
        op(
            "https://example.org/op/5",
            PartialDate::Year(2019),
            None,
            &[(&fbi, Role::LedBy), (&politie, Role::Participant)],
        ),
    ];
    NetworkInput { actors, operations }
}

fn network() -> (CollabNetwork, Vec<NodeScores>) {
    let net = project(&input(), &ProjectionOptions::default());
    let scores = centrality(&net, &CentralityParams::default());
    (net, scores)
}

fn bytes(f: impl FnOnce(&mut Vec<u8>)) -> String {
    let mut buf = Vec::new();
    f(&mut buf);
    String::from_utf8(buf).unwrap()
}

/// (element name, attributes) for every start or empty element, in document order.
fn elements(xml: &str) -> Vec<(String, BTreeMap<String, String>)> {
    let mut r = Reader::from_str(xml);
    let mut out = Vec::new();
    loop {
        match r.read_event().unwrap() {
            Event::Start(e) | Event::Empty(e) => {
                let name = String::from_utf8(e.name().as_ref().to_vec()).unwrap();
                let attrs = e
                    .attributes()
                    .map(|a| {
                        let a = a.unwrap();
                        (
                            String::from_utf8(a.key.as_ref().to_vec()).unwrap(),
                            a.decode_and_unescape_value(r.decoder()).unwrap().into_owned(),
                        )
                    })
                    .collect();
                out.push((name, attrs));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

#[test]
fn projection_of_the_fixture() {
    let (net, scores) = network();
    // the group is a target, not an actor
    assert_eq!(net.node_count(), 7);
    // op1: 3 actors → 3 pairs; op2: 4 → 6; op3: 3 → 3; op4: 4 → 6; op5: 1 pair = 19,
    // of which repeats: europol–politie twice more (op3, op4), europol–eurojust,
    // eurojust–politie (op4), fbi–politie (op5), europol–bka (op2) → 13 edges
    assert_eq!(net.edge_count(), 13);
    let e = |a: &str, b: &str| {
        net.edge(
            &format!("https://example.org/e/{a}"),
            &format!("https://example.org/e/{b}"),
        )
        .map(|e| e.weight)
    };
    assert_eq!(e("europol", "politie"), Some(3.0));
    assert_eq!(e("fbi", "politie"), Some(2.0));
    assert_eq!(e("germany", "spain"), None);
    let europol = scores.iter().find(|s| s.label == "Europol").unwrap();
    assert_eq!(europol.operations, 4);
    assert_eq!(europol.degree, 6);
    assert_eq!(europol.degree_centrality, 1.0);
    let politie = net
        .graph
        .node_weights()
        .find(|n| n.label.starts_with("Politie"))
        .unwrap();
    // op2 ran 2017–2018
    assert_eq!(politie.years, BTreeSet::from([2017, 2018, 2019]));
}

#[test]
fn graphml_declares_typed_keys_before_the_graph() {
    let (net, scores) = network();
    let xml = bytes(|b| graphml::write(&net, &scores, b).unwrap());
    let els = elements(&xml);
    let graph_at = els.iter().position(|(n, _)| n == "graph").unwrap();
    let keys: BTreeMap<String, (String, String)> = els
        .iter()
        .filter(|(n, _)| n == "key")
        .map(|(_, a)| (a["id"].clone(), (a["attr.name"].clone(), a["attr.type"].clone())))
        .collect();
    assert!(els.iter().rposition(|(n, _)| n == "key").unwrap() < graph_at);
    assert!(keys
        .values()
        .all(|(_, t)| ["string", "int", "double"].contains(&t.as_str())));
    assert_eq!(keys["n_community"].1, "int");
    assert_eq!(keys["n_pagerank"].1, "double");
    assert_eq!(keys["e_weight"], ("weight".to_owned(), "double".to_owned()));
    for (_, a) in els.iter().filter(|(n, _)| n == "data") {
        assert!(keys.contains_key(&a["key"]), "undeclared key {}", a["key"]);
    }
    let edge_ids: Vec<&String> = els.iter().filter(|(n, _)| n == "edge").map(|(_, a)| &a["id"]).collect();
    assert_eq!(edge_ids.len(), net.edge_count());
    assert_eq!(edge_ids.iter().collect::<BTreeSet<_>>().len(), edge_ids.len());
    assert_eq!(els.iter().filter(|(n, _)| n == "node").count(), 7);
    // escaped label survives the round trip
    assert!(xml.contains("Politie &lt;NL&gt; &amp; &quot;friends&quot;"));
}

#[test]
fn gexf_is_dynamic_typed_and_laid_out() {
    let (net, scores) = network();
    let xml = bytes(|b| gexf::write(&net, &scores, b).unwrap());
    let els = elements(&xml);
    assert_eq!(els[0].1["version"], "1.3");
    let graph = &els.iter().find(|(n, _)| n == "graph").unwrap().1;
    assert_eq!(graph["timeformat"], "date");
    assert_eq!(graph["mode"], "dynamic");
    assert_eq!(graph["defaultedgetype"], "undirected");
    let first_node = els.iter().position(|(n, _)| n == "node").unwrap();
    let attrs: Vec<&BTreeMap<String, String>> = els.iter().filter(|(n, _)| n == "attribute").map(|(_, a)| a).collect();
    assert!(els.iter().rposition(|(n, _)| n == "attribute").unwrap() < first_node);
    let declared: BTreeSet<&str> = attrs.iter().map(|a| a["id"].as_str()).collect();
    for a in &attrs {
        assert!(
            !["label", "weight", "size", "x", "y", "r", "g", "b"].contains(&a["title"].as_str()),
            "reserved attribute name {}",
            a["title"]
        );
        assert!(["string", "integer", "double"].contains(&a["type"].as_str()));
    }
    for (_, a) in els.iter().filter(|(n, _)| n == "attvalue") {
        assert!(declared.contains(a["for"].as_str()));
    }
    let edges: Vec<&BTreeMap<String, String>> = els.iter().filter(|(n, _)| n == "edge").map(|(_, a)| a).collect();
    assert_eq!(edges.len(), net.edge_count());
    assert_eq!(
        edges.iter().map(|a| &a["id"]).collect::<BTreeSet<_>>().len(),
        edges.len()
    );
    assert!(edges.iter().all(|a| a["weight"].parse::<f64>().unwrap() >= 1.0));
    // every node has colour, size and position; spells are dates
    for name in ["viz:color", "viz:size", "viz:position"] {
        assert_eq!(els.iter().filter(|(n, _)| n == name).count(), 7, "{name}");
    }
    let spells: Vec<&BTreeMap<String, String>> = els.iter().filter(|(n, _)| n == "spell").map(|(_, a)| a).collect();
    assert!(!spells.is_empty());
    for s in spells {
        assert!(chrono::NaiveDate::parse_from_str(&s["start"], "%Y-%m-%d").is_ok());
        assert!(chrono::NaiveDate::parse_from_str(&s["end"], "%Y-%m-%d").is_ok());
    }
    // Politie was active 2017–2019: one merged spell
    assert!(xml.contains(r#"<spell start="2017-01-01" end="2019-12-31"/>"#), "{xml}");
    // deterministic
    assert_eq!(xml, bytes(|b| gexf::write(&net, &scores, b).unwrap()));
}

#[test]
fn svg_draws_every_node_and_a_legend() {
    let (net, scores) = network();
    let opts = svg::SvgOptions {
        color_by: ColorBy::Community,
        size_by: Metric::Betweenness,
        top_labels: 3,
        title: Some("Collaboration 2016–2019".into()),
        ..Default::default()
    };
    let xml = svg::to_string(&net, &scores, &opts).unwrap();
    let els = elements(&xml);
    let communities: BTreeSet<usize> = scores.iter().map(|s| s.community).collect();
    assert_eq!(els.iter().filter(|(n, _)| n == "circle").count(), 7 + communities.len());
    assert_eq!(els.iter().filter(|(n, _)| n == "line").count(), net.edge_count());
    assert!(xml.contains(">Europol</text>"), "{xml}");
    assert!(xml.contains("size: betweenness"));
}

#[test]
fn files_read_back_by_networkx_and_igraph() {
    let (net, scores) = network();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path();
    let mut f = std::fs::File::create(path.join("network.graphml")).unwrap();
    graphml::write(&net, &scores, &mut f).unwrap();
    let mut f = std::fs::File::create(path.join("network.gexf")).unwrap();
    gexf::write(&net, &scores, &mut f).unwrap();
    let mut f = std::fs::File::create(path.join("nodes.csv")).unwrap();
    table::write_nodes_csv(&net, &scores, &mut f).unwrap();
    let mut f = std::fs::File::create(path.join("edges.csv")).unwrap();
    table::write_edges_csv(&net, &mut f).unwrap();
    let json = bytes(|b| table::write_json(&net, &scores, b).unwrap());
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["edges"].as_array().unwrap().len(), net.edge_count());

    let raw = net.graph.raw_nodes();
    let expected = serde_json::json!({
        "nodes": net.node_count(),
        "edges": net.edge_count(),
        "weights": net.edges().map(|(s, t, e)| serde_json::json!([raw[s].weight.iri, raw[t].weight.iri, e.weight])).collect::<Vec<_>>(),
        "node_attrs": scores.iter().map(|s| {
            let node = net.graph.node_weights().find(|n| n.iri == s.iri).unwrap();
            (s.iri.clone(), serde_json::json!({
                "label": s.label, "type": s.etype.as_str(), "community": s.community,
                "operations": s.operations, "degree": s.degree, "pagerank": s.pagerank,
                "betweenness": s.betweenness, "closeness": s.closeness, "strength": s.strength,
                "years": node.years,
            }))
        }).collect::<serde_json::Map<_, _>>(),
    });
    std::fs::write(
        path.join("expected.json"),
        serde_json::to_vec_pretty(&expected).unwrap(),
    )
    .unwrap();
    run_checker(path);
}

fn run_checker(dir: &Path) {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/py/check_network_files.py");
    let out = match Command::new("python3").arg(script).arg(dir).output() {
        Ok(out) => out,
        Err(e) => {
            eprintln!("\n!!! SKIPPED: python3 not runnable ({e}); GraphML/GEXF not checked with networkx/igraph !!!\n");
            return;
        }
    };
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    if out.status.code() == Some(77) {
        eprintln!(
            "\n!!! SKIPPED: {} — GraphML/GEXF not checked with networkx/igraph !!!\n",
            stdout.trim()
        );
        return;
    }
    assert!(
        out.status.success(),
        "check_network_files.py failed:\n{stdout}\n{stderr}"
    );
    eprintln!("{stdout}");
}

#[test]
fn png_is_a_picture_of_the_requested_size() {
    let (net, scores) = network();
    let opts = svg::SvgOptions {
        width: 640,
        height: 480,
        ..Default::default()
    };
    let mut png = Vec::new();
    svg::write_png(&net, &scores, &opts, &mut png).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    // IHDR: width and height, big-endian, at bytes 16..24
    assert_eq!(u32::from_be_bytes(png[16..20].try_into().unwrap()), 640);
    assert_eq!(u32::from_be_bytes(png[20..24].try_into().unwrap()), 480);
    if let Ok(dir) = std::env::var("OPGRAPH_NET_PICTURE_DIR") {
        std::fs::write(Path::new(&dir).join("network.png"), &png).unwrap();
        std::fs::write(
            Path::new(&dir).join("network.svg"),
            svg::to_string(&net, &scores, &opts).unwrap(),
        )
        .unwrap();
    }
}
