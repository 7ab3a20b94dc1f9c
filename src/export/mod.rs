//! Exports: RDF serialisations of the store, and files for network tools (Gephi, scripts).

pub mod gexf;
pub mod graphml;
pub mod rdf;
pub mod svg;
pub mod table;
