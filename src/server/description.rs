//! The SPARQL 1.1 Service Description answered by `GET /sparql` without a query.

use oxigraph::model::vocab::rdf;
use oxigraph::model::{BlankNode, Literal, NamedNode, NamedOrBlankNode, Term, Triple};

const SD: &str = "http://www.w3.org/ns/sparql-service-description#";
const FORMATS: &str = "http://www.w3.org/ns/formats/";
const DCTERMS_TITLE: &str = "http://purl.org/dc/terms/title";

fn sd(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{SD}{local}"))
}

/// The triples describing the endpoint at `endpoint` (an absolute IRI, or `None` when the
/// request gave no usable `Host`).
pub fn service_description(endpoint: Option<NamedNode>, store_name: &str, allow_update: bool) -> Vec<Triple> {
    let service = BlankNode::default();
    let subject = NamedOrBlankNode::from(service.clone());
    let mut out = Vec::new();
    let mut add = |s: &NamedOrBlankNode, p: NamedNode, o: Term| {
        out.push(Triple::new(s.clone(), p, o));
    };
    add(&subject, rdf::TYPE.into_owned(), sd("Service").into());
    if let Some(e) = endpoint {
        add(&subject, sd("endpoint"), e.into());
    }
    add(&subject, sd("supportedLanguage"), sd("SPARQL11Query").into());
    if allow_update {
        add(&subject, sd("supportedLanguage"), sd("SPARQL11Update").into());
    }
    add(&subject, sd("feature"), sd("UnionDefaultGraph").into());
    for f in [
        "SPARQL_Results_JSON",
        "SPARQL_Results_XML",
        "SPARQL_Results_CSV",
        "SPARQL_Results_TSV",
        "Turtle",
        "N-Triples",
        "N-Quads",
        "JSON-LD",
        "RDF_XML",
        "TriG",
    ] {
        add(
            &subject,
            sd("resultFormat"),
            NamedNode::new_unchecked(format!("{FORMATS}{f}")).into(),
        );
    }
    let dataset = NamedOrBlankNode::from(BlankNode::default());
    let graph = NamedOrBlankNode::from(BlankNode::default());
    add(&subject, sd("defaultDataset"), dataset.clone().into());
    add(&dataset, rdf::TYPE.into_owned(), sd("Dataset").into());
    add(
        &dataset,
        NamedNode::new_unchecked(DCTERMS_TITLE),
        Literal::new_simple_literal(store_name).into(),
    );
    add(&dataset, sd("defaultGraph"), graph.clone().into());
    add(&graph, rdf::TYPE.into_owned(), sd("Graph").into());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describes_union_default_graph_and_formats() {
        let t = service_description(
            Some(NamedNode::new_unchecked("http://127.0.0.1:1/sparql")),
            "demo",
            false,
        );
        assert!(t.iter().any(|t| t.object == sd("UnionDefaultGraph").into()));
        assert_eq!(t.iter().filter(|t| t.predicate == sd("resultFormat")).count(), 10);
        assert!(!t.iter().any(|t| t.object == sd("SPARQL11Update").into()));
    }
}
