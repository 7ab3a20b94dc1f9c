//! The collaboration network as GraphML (read by Gephi, networkx, igraph, yEd, Cytoscape).
//!
//! Every attribute is declared by a `<key>` with its `attr.type` (`string`, `int`,
//! `double`) before the graph. Nodes are identified by their IRI and carry `label`,
//! `type`, `country`, `operations` (count), `years` and, when scores are given, every
//! centrality and `community`; edges have unique ids `e0`, `e1`... and carry `weight`
//! (number of shared operations, which Gephi uses as edge weight), `operations` (the
//! shared operations' IRIs, space-separated) and `years`.

use std::io::Write;

use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;

use crate::error::{Error, Result};
use crate::export::table::{by_iri, years_field};
use crate::network::{CollabNetwork, Metric, NodeScores};

pub(crate) fn xml_err(e: std::io::Error) -> Error {
    Error::Serialize(format!("writing XML: {e}"))
}

/// Small helpers over quick-xml's writer (attribute values are escaped by quick-xml).
pub(crate) struct Xml<W: Write> {
    pub(crate) w: Writer<W>,
}

impl<W: Write> Xml<W> {
    pub(crate) fn new(inner: W) -> Result<Self> {
        let mut w = Writer::new_with_indent(inner, b' ', 2);
        w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
            .map_err(xml_err)?;
        Ok(Xml { w })
    }

    fn tag<'a>(name: &'a str, attrs: &[(&str, &str)]) -> BytesStart<'a> {
        let mut s = BytesStart::new(name);
        for &(k, v) in attrs {
            s.push_attribute((k, v));
        }
        s
    }

    pub(crate) fn start(&mut self, name: &str, attrs: &[(&str, &str)]) -> Result<()> {
        self.w
            .write_event(Event::Start(Self::tag(name, attrs)))
            .map_err(xml_err)
    }

    pub(crate) fn end(&mut self, name: &str) -> Result<()> {
        self.w.write_event(Event::End(BytesEnd::new(name))).map_err(xml_err)
    }

    pub(crate) fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) -> Result<()> {
        self.w
            .write_event(Event::Empty(Self::tag(name, attrs)))
            .map_err(xml_err)
    }

    pub(crate) fn text_element(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) -> Result<()> {
        self.start(name, attrs)?;
        self.w.write_event(Event::Text(BytesText::new(text))).map_err(xml_err)?;
        self.end(name)
    }

    pub(crate) fn finish(self) -> Result<W> {
        let mut inner = self.w.into_inner();
        inner.write_all(b"\n").map_err(xml_err)?;
        Ok(inner)
    }
}

/// The metrics written as node attributes (operations is written from the node).
pub(crate) fn score_metrics() -> impl Iterator<Item = Metric> {
    Metric::ALL.into_iter().filter(|m| *m != Metric::Operations)
}

/// A node's scores as attribute text: integers without a fraction, an eigenvector that
/// did not converge left out. Shared by the GraphML and GEXF writers.
pub(crate) fn score_texts(s: &NodeScores) -> impl Iterator<Item = (Metric, String)> + '_ {
    score_metrics()
        .filter(move |m| !(*m == Metric::Eigenvector && s.eigenvector.is_none()))
        .map(move |m| {
            let v = m.value(s);
            (
                m,
                if m.is_integer() {
                    format!("{}", v as i64)
                } else {
                    v.to_string()
                },
            )
        })
}

/// Writes `net` (with `scores`, which may be empty) as GraphML.
pub fn write(net: &CollabNetwork, scores: &[NodeScores], w: &mut impl Write) -> Result<()> {
    let by = by_iri(scores);
    let with_scores = !by.is_empty();
    let mut x = Xml::new(w)?;
    x.start(
        "graphml",
        &[
            ("xmlns", "http://graphml.graphdrawing.org/xmlns"),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            (
                "xsi:schemaLocation",
                "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd",
            ),
        ],
    )?;
    let mut node_keys: Vec<(String, &str, &str)> = vec![
        ("label".into(), "label", "string"),
        ("type".into(), "type", "string"),
        ("country".into(), "country", "string"),
        ("operations".into(), "operations", "int"),
        ("years".into(), "years", "string"),
    ];
    if with_scores {
        for m in score_metrics() {
            node_keys.push((
                m.as_str().into(),
                m.as_str(),
                if m.is_integer() { "int" } else { "double" },
            ));
        }
        node_keys.push(("community".into(), "community", "int"));
    }
    for (id, name, ty) in &node_keys {
        x.empty(
            "key",
            &[
                ("id", &format!("n_{id}")),
                ("for", "node"),
                ("attr.name", name),
                ("attr.type", ty),
            ],
        )?;
    }
    for (name, ty) in [("weight", "double"), ("operations", "string"), ("years", "string")] {
        x.empty(
            "key",
            &[
                ("id", &format!("e_{name}")),
                ("for", "edge"),
                ("attr.name", name),
                ("attr.type", ty),
            ],
        )?;
    }
    x.start("graph", &[("id", "collaboration"), ("edgedefault", "undirected")])?;
    for n in net.nodes() {
        x.start("node", &[("id", &n.iri)])?;
        x.text_element("data", &[("key", "n_label")], &n.label)?;
        x.text_element("data", &[("key", "n_type")], n.etype.as_str())?;
        if let Some(c) = &n.country {
            x.text_element("data", &[("key", "n_country")], c)?;
        }
        x.text_element("data", &[("key", "n_operations")], &n.operations.to_string())?;
        x.text_element("data", &[("key", "n_years")], &years_field(&n.years))?;
        if let Some(s) = by.get(n.iri.as_str()) {
            for (m, text) in score_texts(s) {
                x.text_element("data", &[("key", &format!("n_{}", m.as_str()))], &text)?;
            }
            x.text_element("data", &[("key", "n_community")], &s.community.to_string())?;
        }
        x.end("node")?;
    }
    let raw = net.graph.raw_nodes();
    for (i, (s, t, e)) in net.edges().enumerate() {
        x.start(
            "edge",
            &[
                ("id", &format!("e{i}")),
                ("source", &raw[s].weight.iri),
                ("target", &raw[t].weight.iri),
            ],
        )?;
        x.text_element("data", &[("key", "e_weight")], &e.weight.to_string())?;
        x.text_element("data", &[("key", "e_operations")], &e.operations.join(" "))?;
        x.text_element("data", &[("key", "e_years")], &years_field(&e.years))?;
        x.end("edge")?;
    }
    x.end("graph")?;
    x.end("graphml")?;
    x.finish()?;
    Ok(())
}
