//! The seam between the store and the network analysis: corpus-level operations and
//! their actors read by SPARQL into a [`NetworkInput`], and centrality scores written
//! back into the store as RDF, so SPARQL can rank and join them.

use std::collections::BTreeMap;

use oxigraph::model::{GraphName, Literal, NamedNode, Quad, Term};

use crate::error::Result;
use crate::model::{EntityType, PartialDate, Role};
use crate::network::{ActorInfo, NetworkInput, OperationRecord};
use crate::rdf::mapping::parse_date_term;
use crate::rdf::vocab::{opg, xsd, RDF_TYPE};
use crate::store::GraphStore;

use crate::rdf::mapping::term_value as s;

/// Reads the corpus-level operations and their entities.
pub fn network_input(store: &GraphStore) -> Result<NetworkInput> {
    let g = store.iris().corpus_graph();
    let g = g.as_str();
    // Types and names come from the entities' cards in the corpus graph and the
    // gazetteer, not the union of all graphs: a minted actor is typed and named in every
    // report graph that mentions it, and joining those made `centrality` take 198 s on
    // 100k reports (7 s now).
    let gazetteer = store.iris().gazetteer_graph();
    let mut operations: BTreeMap<String, OperationRecord> = BTreeMap::new();
    for row in store.select(&format!(
        "PREFIX opg: <{ns}> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
         SELECT ?op ?label ?start ?end WHERE {{ GRAPH <{g}> {{ ?op a opg:Operation .
           OPTIONAL {{ ?op rdfs:label ?label }} OPTIONAL {{ ?op opg:startDate ?start }} OPTIONAL {{ ?op opg:endDate ?end }} }} }}",
        ns = opg::NS
    ))? {
        let Some(iri) = s(row.get("op")) else { continue };
        operations.insert(
            iri.clone(),
            OperationRecord {
                iri,
                label: s(row.get("label")).unwrap_or_default(),
                start: row.get("start").and_then(parse_date_term),
                end: row.get("end").and_then(parse_date_term),
                actors: Vec::new(),
            },
        );
    }
    for row in store.select(&format!(
        "PREFIX opg: <{ns}> SELECT ?op ?p ?e WHERE {{ GRAPH <{g}> {{ ?op a opg:Operation ; ?p ?e .
           VALUES ?p {{ opg:ledBy opg:coordinatedBy opg:supportedBy opg:participant opg:target opg:partner opg:location }} }} }}",
        ns = opg::NS
    ))? {
        let (Some(op), Some(p), Some(e)) = (s(row.get("op")), s(row.get("p")), s(row.get("e"))) else { continue };
        let Some(role) = p.strip_prefix(opg::NS).and_then(Role::from_property) else { continue };
        if let Some(o) = operations.get_mut(&op) {
            o.actors.push((e, role));
        }
    }
    let mut actors: BTreeMap<String, ActorInfo> = BTreeMap::new();
    for row in store.select(&format!(
        "PREFIX opg: <{ns}> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
         SELECT ?e ?type (SAMPLE(?l) AS ?label) (SAMPLE(?cl) AS ?country) (SAMPLE(?par) AS ?parent) WHERE {{
           {{ SELECT DISTINCT ?e WHERE {{ GRAPH <{g}> {{ ?op ?p ?e .
               VALUES ?p {{ opg:ledBy opg:coordinatedBy opg:supportedBy opg:participant }} }} }} }}
           GRAPH <{g}> {{ ?e a ?type }} VALUES ?type {{ opg:Agency opg:Country }}
           OPTIONAL {{ GRAPH <{g}> {{ ?e rdfs:label ?l0 }} }}
           OPTIONAL {{ GRAPH <{gaz}> {{ ?e skos:prefLabel ?l1 FILTER(LANGMATCHES(LANG(?l1), \"en\") || LANG(?l1) = \"\") }} }}
           BIND(COALESCE(?l1, ?l0, STR(?e)) AS ?l)
           OPTIONAL {{ GRAPH <{gaz}> {{ ?e opg:country ?c . OPTIONAL {{ ?c skos:prefLabel ?cl FILTER(LANGMATCHES(LANG(?cl), \"en\")) }} }} }}
           OPTIONAL {{ GRAPH <{gaz}> {{ ?e opg:parentAgency ?par }} }}
         }} GROUP BY ?e ?type",
        ns = opg::NS,
        gaz = gazetteer.as_str(),
    ))? {
        let (Some(e), Some(t)) = (s(row.get("e")), s(row.get("type"))) else { continue };
        let etype: EntityType = t.strip_prefix(opg::NS).and_then(|x| x.parse().ok()).unwrap_or(EntityType::Agency);
        let label = s(row.get("label")).unwrap_or_else(|| e.clone());
        let country = if etype == EntityType::Country { Some(label.clone()) } else { s(row.get("country")) };
        actors.entry(e.clone()).or_insert(ActorInfo {
            iri: e,
            label,
            etype,
            country,
            parent: s(row.get("parent")),
        });
    }
    Ok(NetworkInput {
        actors,
        operations: operations.into_values().collect(),
    })
}

/// One score to write back.
#[derive(Debug, Clone)]
pub struct ScoreRecord {
    pub actor: String,
    pub metric: String,
    pub value: f64,
    pub window: Option<(PartialDate, PartialDate)>,
}

/// Replaces the scores graph with these scores, tagged with the run's parameters.
pub fn save_scores(store: &GraphStore, scores: &[ScoreRecord], parameters: &str, computed_at: &str) -> Result<usize> {
    let iris = store.iris();
    let graph = GraphName::NamedNode(iris.scores_graph());
    let run = crate::store::hex(&sha2::Digest::finalize(sha2::Digest::chain_update(
        <sha2::Sha256 as sha2::Digest>::new(),
        format!("{parameters}{computed_at}").as_bytes(),
    )))[..12]
        .to_string();
    let mut quads = Vec::with_capacity(scores.len() * 7);
    for (n, sc) in scores.iter().enumerate() {
        let Ok(actor) = NamedNode::new(&sc.actor) else { continue };
        let node = iris.score(&run, n);
        let mut add = |s: &NamedNode, p: oxigraph::model::NamedNodeRef<'_>, o: Term| {
            quads.push(Quad::new(s.clone(), p.into_owned(), o, graph.clone()));
        };
        add(&actor, opg::SCORE, node.clone().into());
        add(&node, RDF_TYPE, opg::SCORE_CLASS.into_owned().into());
        add(&node, opg::METRIC, Literal::new_simple_literal(&sc.metric).into());
        add(
            &node,
            opg::SCORE_VALUE,
            Literal::new_typed_literal(format!("{:e}", sc.value), xsd::DOUBLE).into(),
        );
        add(&node, opg::PARAMETERS, Literal::new_simple_literal(parameters).into());
        add(
            &node,
            opg::COMPUTED_AT,
            Literal::new_typed_literal(computed_at, xsd::DATE_TIME).into(),
        );
        if let Some((from, to)) = &sc.window {
            add(&node, opg::WINDOW_START, crate::rdf::mapping::date_literal(from).into());
            add(&node, opg::WINDOW_END, crate::rdf::mapping::date_literal(to).into());
        }
    }
    store.replace_graph(&iris.scores_graph(), &quads)?;
    Ok(scores.len())
}

/// The network endpoints of the server, over a network read from the store.
pub struct StoreNetwork {
    input: NetworkInput,
}

impl StoreNetwork {
    pub fn new(input: NetworkInput) -> StoreNetwork {
        StoreNetwork { input }
    }

    fn options(
        params: &std::collections::BTreeMap<String, String>,
    ) -> std::result::Result<crate::network::ProjectionOptions, String> {
        let day = |k: &str| -> std::result::Result<Option<chrono::NaiveDate>, String> {
            match params.get(k) {
                None => Ok(None),
                Some(v) => PartialDate::parse(v)
                    .and_then(|d| d.first_day())
                    .map(Some)
                    .ok_or_else(|| format!("{k} takes YYYY, YYYY-MM or YYYY-MM-DD")),
            }
        };
        let roles = match params.get("roles") {
            None => None,
            Some(r) => Some(
                r.split(',')
                    .map(|x| x.trim().parse::<Role>())
                    .collect::<std::result::Result<_, _>>()?,
            ),
        };
        Ok(crate::network::ProjectionOptions {
            roles,
            include_countries: params.get("countries").is_none_or(|v| v != "false" && v != "0"),
            fold_units: params.get("fold_units").is_some_and(|v| v == "true" || v == "1"),
            from: day("from")?,
            to: day("to")?,
        })
    }
}

impl crate::server::NetworkProvider for StoreNetwork {
    fn graph(
        &self,
        params: &std::collections::BTreeMap<String, String>,
    ) -> std::result::Result<serde_json::Value, String> {
        let net = crate::network::project(&self.input, &Self::options(params)?);
        let scores = crate::network::centrality(&net, &crate::network::CentralityParams::default());
        let metric: crate::network::Metric = params
            .get("metric")
            .map(|m| m.parse())
            .transpose()?
            .unwrap_or(crate::network::Metric::Pagerank);
        let nodes: Vec<serde_json::Value> = net
            .graph
            .node_indices()
            .map(|i| {
                let n = &net.graph[i];
                let s = scores.get(i.index());
                serde_json::json!({
                    "id": n.iri, "label": n.label, "type": n.etype.as_str(), "country": n.country,
                    "operations": n.operations, "centrality": s.map(|s| metric.value(s)), "community": s.map(|s| s.community),
                })
            })
            .collect();
        let edges: Vec<serde_json::Value> = net
            .graph
            .edge_indices()
            .filter_map(|e| {
                let (a, b) = net.graph.edge_endpoints(e)?;
                let w = net.graph.edge_weight(e)?;
                Some(serde_json::json!({"source": net.graph[a].iri, "target": net.graph[b].iri, "weight": w.weight, "operations": w.operations}))
            })
            .collect();
        Ok(serde_json::json!({"metric": metric.as_str(), "nodes": nodes, "edges": edges}))
    }

    fn centrality(
        &self,
        params: &std::collections::BTreeMap<String, String>,
    ) -> std::result::Result<serde_json::Value, String> {
        let net = crate::network::project(&self.input, &Self::options(params)?);
        let mut scores = crate::network::centrality(&net, &crate::network::CentralityParams::default());
        if let Some(m) = params.get("metric") {
            let metric: crate::network::Metric = m.parse()?;
            scores.sort_by(|a, b| metric.value(b).total_cmp(&metric.value(a)).then(a.iri.cmp(&b.iri)));
        }
        if let Some(top) = params.get("top").and_then(|t| t.parse::<usize>().ok()) {
            scores.truncate(top);
        }
        serde_json::to_value(&scores).map_err(|e| e.to_string())
    }
}
