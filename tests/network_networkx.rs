//! Compares every centrality measure with networkx (values precomputed by
//! `tests/py/networkx_expected.py` into `tests/data/networkx_expected.json`).

use std::collections::BTreeSet;

use opgraph::model::EntityType;
use opgraph::network::{centrality, modularity, ActorNode, CentralityParams, CollabEdge, CollabNetwork};
use petgraph::graph::NodeIndex;
use serde_json::Value;

const TOL: f64 = 1e-6;

fn load() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/networkx_expected.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn build(g: &Value) -> CollabNetwork {
    let n = g["n"].as_u64().unwrap() as usize;
    let mut net = CollabNetwork::default();
    for i in 0..n {
        net.graph.add_node(ActorNode {
            iri: format!("n{i:03}"),
            label: format!("N{i}"),
            etype: EntityType::Agency,
            country: None,
            operations: 1,
            years: BTreeSet::new(),
        });
    }
    for e in g["edges"].as_array().unwrap() {
        let (a, b, w) = (e[0].as_u64().unwrap(), e[1].as_u64().unwrap(), e[2].as_f64().unwrap());
        net.graph.add_edge(
            NodeIndex::new(a as usize),
            NodeIndex::new(b as usize),
            CollabEdge {
                weight: w,
                operations: vec![],
                years: BTreeSet::new(),
            },
        );
    }
    net
}

fn floats(v: &Value) -> Vec<f64> {
    v.as_array().unwrap().iter().map(|x| x.as_f64().unwrap()).collect()
}

fn assert_close(graph: &str, measure: &str, got: &[f64], want: &[f64]) {
    assert_eq!(got.len(), want.len(), "{graph}/{measure}: length");
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        assert!(
            (g - w).abs() <= TOL,
            "{graph}/{measure} node {i}: got {g}, networkx {w}"
        );
    }
}

#[test]
fn every_measure_matches_networkx() {
    let doc = load();
    let graphs = doc["graphs"].as_array().unwrap();
    assert!(graphs.len() >= 5);
    for g in graphs {
        let name = g["name"].as_str().unwrap();
        let exp = &g["expected"];
        let net = build(g);
        let s = centrality(&net, &CentralityParams::default());
        let col = |f: &dyn Fn(&opgraph::network::NodeScores) -> f64| s.iter().map(f).collect::<Vec<f64>>();

        assert_close(name, "degree", &col(&|x| x.degree as f64), &floats(&exp["degree"]));
        assert_close(
            name,
            "degree_centrality",
            &col(&|x| x.degree_centrality),
            &floats(&exp["degree_centrality"]),
        );
        assert_close(name, "strength", &col(&|x| x.strength), &floats(&exp["strength"]));
        assert_close(
            name,
            "betweenness",
            &col(&|x| x.betweenness),
            &floats(&exp["betweenness"]),
        );
        assert_close(
            name,
            "betweenness_weighted",
            &col(&|x| x.betweenness_weighted),
            &floats(&exp["betweenness_weighted"]),
        );
        assert_close(name, "closeness", &col(&|x| x.closeness), &floats(&exp["closeness"]));
        assert_close(name, "pagerank", &col(&|x| x.pagerank), &floats(&exp["pagerank"]));
        if exp["eigenvector"].is_null() {
            // networkx raised PowerIterationFailedConvergence: so must we (report, not guess)
            assert!(
                s.iter().all(|x| x.eigenvector.is_none()),
                "{name}: eigenvector should not converge"
            );
        } else {
            let got: Vec<f64> = s.iter().map(|x| x.eigenvector.unwrap()).collect();
            assert_close(name, "eigenvector", &got, &floats(&exp["eigenvector"]));
        }

        // communities: at least as good as networkx's seeded Louvain
        let membership: Vec<usize> = s.iter().map(|x| x.community).collect();
        let q = modularity(&net, &membership, 1.0);
        let q_nx = exp["louvain_modularity"].as_f64().unwrap();
        assert!(q >= q_nx - 1e-9, "{name}: modularity {q} < networkx louvain {q_nx}");
        if matches!(name, "two_cliques" | "disconnected" | "collab") {
            let want: Vec<usize> = exp["louvain_communities"]
                .as_array()
                .unwrap()
                .iter()
                .map(|x| x.as_u64().unwrap() as usize)
                .collect();
            assert_eq!(membership, want, "{name}: partition");
        }
    }
}

#[test]
fn modularity_matches_networkx_for_its_own_partition() {
    for g in load()["graphs"].as_array().unwrap() {
        let exp = &g["expected"];
        let net = build(g);
        let membership: Vec<usize> = exp["louvain_communities"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_u64().unwrap() as usize)
            .collect();
        let q = modularity(&net, &membership, 1.0);
        let q_nx = exp["louvain_modularity"].as_f64().unwrap();
        assert!((q - q_nx).abs() < 1e-12, "{}: {q} vs {q_nx}", g["name"]);
    }
}

#[test]
fn communities_are_reproducible() {
    let doc = load();
    let g = doc["graphs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["name"] == "random30")
        .unwrap();
    let net = build(g);
    let a: Vec<usize> = centrality(&net, &CentralityParams::default())
        .iter()
        .map(|x| x.community)
        .collect();
    for _ in 0..3 {
        let b: Vec<usize> = centrality(&net, &CentralityParams::default())
            .iter()
            .map(|x| x.community)
            .collect();
        assert_eq!(a, b);
    }
}
