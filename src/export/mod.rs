//! Exports: RDF serialisations of the store, and files for network tools (Gephi, scripts).

pub mod gexf;
pub mod graphml;
pub mod jsonld;
pub mod rdf;
pub mod subjects;
pub mod svg;
pub mod table;
pub mod turtle;
