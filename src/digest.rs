//! The digest: the corpus-level graph reduced to its entities and operations, in the
//! JSON shape of `../shared/gold/SCHEMA.md`. It is computed from the store by SPARQL, so
//! it is a view of the graph, not a side channel of the extractor.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::model::Role;
use crate::rdf::vocab::opg;
use crate::store::GraphStore;

/// An entity of the digest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DigestEntity {
    #[serde(rename = "type")]
    pub etype: String,
    #[serde(default)]
    pub names: Vec<String>,
    #[serde(default)]
    pub reports: Vec<String>,
}

/// A count of an operation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DigestCount {
    pub value: serde_json::Number,
    #[serde(default)]
    pub unit: String,
    #[serde(default = "exact")]
    pub qualifier: String,
}

fn exact() -> String {
    "exact".into()
}

/// An operation of the digest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DigestOperation {
    pub start: Option<String>,
    pub end: Option<String>,
    #[serde(default)]
    pub reports: Vec<String>,
    #[serde(default)]
    pub roles: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub counts: Vec<DigestCount>,
}

/// The digest (also the shape of gold files).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Digest {
    #[serde(default)]
    pub corpus: String,
    #[serde(default)]
    pub entities: BTreeMap<String, DigestEntity>,
    #[serde(default)]
    pub operations: BTreeMap<String, DigestOperation>,
}

impl Digest {
    /// Reads a digest or gold file.
    pub fn from_json(text: &str) -> Result<Digest> {
        serde_json::from_str(text).map_err(|e| crate::Error::Invalid(format!("not a digest: {e}")))
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_else(|_| "{}".into())
    }
}

use crate::rdf::mapping::term_value as s;

const PREFIXES: &str = "PREFIX opg: <https://w3id.org/opgraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
";

fn number(v: f64) -> serde_json::Number {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        serde_json::Number::from(v as i64)
    } else {
        serde_json::Number::from_f64(v).unwrap_or_else(|| serde_json::Number::from(0))
    }
}

/// Computes the digest of a store.
pub fn compute(store: &GraphStore, corpus: &str) -> Result<Digest> {
    let mut entities: BTreeMap<String, DigestEntity> = BTreeMap::new();
    // Types: the gazetteer's word wins; else the most frequent type the reports give.
    let type_rows = store.select(&format!(
        "{PREFIXES}SELECT ?e ?type (COUNT(*) AS ?n) WHERE {{
            ?e opg:mentionedIn ?r . ?e a ?type .
            FILTER(STRSTARTS(STR(?type), STR(opg:)))
        }} GROUP BY ?e ?type"
    ))?;
    let mut types: BTreeMap<String, (String, usize)> = BTreeMap::new();
    for row in type_rows {
        let (Some(e), Some(t)) = (s(row.get("e")), s(row.get("type"))) else {
            continue;
        };
        let Some(t) = t.strip_prefix(opg::NS) else {
            continue;
        };
        if crate::model::EntityType::ALL.iter().all(|x| x.as_str() != t) {
            continue;
        }
        let n: usize = s(row.get("n")).and_then(|n| n.parse().ok()).unwrap_or(0);
        let slot = types.entry(e).or_insert((t.to_string(), 0));
        if n > slot.1 {
            *slot = (t.to_string(), n);
        }
    }
    let report_rows = store.select(&format!(
        "{PREFIXES}SELECT DISTINCT ?e ?rid WHERE {{ ?e opg:mentionedIn ?r . ?r opg:reportId ?rid }}"
    ))?;
    let mut reports: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for row in report_rows {
        if let (Some(e), Some(r)) = (s(row.get("e")), s(row.get("rid"))) {
            reports.entry(e).or_default().insert(r);
        }
    }
    let name_rows = store.select(&format!(
        "{PREFIXES}SELECT DISTINCT ?e ?name WHERE {{
            ?e opg:mentionedIn ?r .
            {{ ?e rdfs:label ?name }} UNION {{ ?e skos:prefLabel ?name }} UNION {{ ?e skos:altLabel ?name }} UNION {{ ?e opg:demonym ?name }}
        }}"
    ))?;
    let mut names: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for row in name_rows {
        if let (Some(e), Some(n)) = (s(row.get("e")), s(row.get("name"))) {
            names.entry(e).or_default().insert(n);
        }
    }
    for (e, (t, _)) in types {
        entities.insert(
            e.clone(),
            DigestEntity {
                etype: t,
                names: names.remove(&e).map(|n| n.into_iter().collect()).unwrap_or_default(),
                reports: reports.remove(&e).map(|r| r.into_iter().collect()).unwrap_or_default(),
            },
        );
    }

    let corpus_graph = store.iris().corpus_graph();
    let g = corpus_graph.as_str();
    let mut operations: BTreeMap<String, DigestOperation> = BTreeMap::new();
    let op_rows = store.select(&format!(
        "{PREFIXES}SELECT ?op ?start ?end WHERE {{ GRAPH <{g}> {{ ?op a opg:Operation .
            OPTIONAL {{ ?op opg:startDate ?start }} OPTIONAL {{ ?op opg:endDate ?end }} }} }}"
    ))?;
    for row in op_rows {
        let Some(op) = s(row.get("op")) else { continue };
        operations.insert(
            op,
            DigestOperation {
                start: s(row.get("start")),
                end: s(row.get("end")),
                reports: Vec::new(),
                roles: BTreeMap::new(),
                counts: Vec::new(),
            },
        );
    }
    let rep_rows = store.select(&format!(
        "{PREFIXES}SELECT DISTINCT ?op ?rid WHERE {{ GRAPH <{g}> {{ ?op a opg:Operation ; opg:report ?r }} ?r opg:reportId ?rid }}"
    ))?;
    for row in rep_rows {
        if let (Some(op), Some(r)) = (s(row.get("op")), s(row.get("rid"))) {
            if let Some(o) = operations.get_mut(&op) {
                o.reports.push(r);
            }
        }
    }
    let role_rows = store.select(&format!(
        "{PREFIXES}SELECT ?op ?p ?e WHERE {{ GRAPH <{g}> {{ ?op a opg:Operation ; ?p ?e .
            VALUES ?p {{ opg:ledBy opg:coordinatedBy opg:supportedBy opg:participant opg:target opg:partner opg:location }} }} }}"
    ))?;
    for row in role_rows {
        let (Some(op), Some(p), Some(e)) = (s(row.get("op")), s(row.get("p")), s(row.get("e"))) else {
            continue;
        };
        let Some(role) = p.strip_prefix(opg::NS).and_then(Role::from_property) else {
            continue;
        };
        if let Some(o) = operations.get_mut(&op) {
            o.roles.entry(role.as_str().to_string()).or_default().push(e);
        }
    }
    let count_rows = store.select(&format!(
        "{PREFIXES}SELECT ?op ?v ?u ?q WHERE {{ GRAPH <{g}> {{ ?op a opg:Operation ; opg:count ?c .
            ?c opg:value ?v . OPTIONAL {{ ?c opg:unit ?u }} OPTIONAL {{ ?c opg:qualifier ?q }} }} }}"
    ))?;
    for row in count_rows {
        let (Some(op), Some(v)) = (s(row.get("op")), s(row.get("v"))) else {
            continue;
        };
        let Ok(v) = v.parse::<f64>() else { continue };
        if let Some(o) = operations.get_mut(&op) {
            o.counts.push(DigestCount {
                value: number(v),
                unit: s(row.get("u")).unwrap_or_default(),
                qualifier: s(row.get("q")).unwrap_or_else(exact),
            });
        }
    }
    for o in operations.values_mut() {
        o.reports.sort();
        for v in o.roles.values_mut() {
            v.sort();
            v.dedup();
        }
        o.counts.sort_by(|a, b| {
            a.unit.cmp(&b.unit).then(
                a.value
                    .as_f64()
                    .unwrap_or(0.0)
                    .total_cmp(&b.value.as_f64().unwrap_or(0.0)),
            )
        });
    }
    Ok(Digest {
        corpus: corpus.to_string(),
        entities,
        operations,
    })
}
