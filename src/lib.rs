//! # opgraph
//!
//! Turns news reports about international law-enforcement operations into a knowledge
//! graph: entities (agencies, countries, groups, outlets...), operations with dates,
//! roles and counts, each fact with its provenance, in an embedded Oxigraph store that
//! answers SPARQL 1.1, feeds a collaboration-network analysis, and exports to RDF and
//! to Gephi.
//!
//! The modules follow the pipeline:
//!
//! | stage | module |
//! | --- | --- |
//! | files → decoded, normalised [`model::Report`]s | [`input`] |
//! | names in text → known entities | [`gazetteer`] |
//! | report → mentions → entities / operations ([`model::Extraction`]) | [`extract`] |
//! | extractions → triples, one named graph per report | [`rdf`] |
//! | triples → persistent store, SPARQL | [`store`], [`queries`], [`order`] |
//! | report-level operations → corpus-level operations | [`merge`] |
//! | store → digest JSON, scores against gold | [`digest`], [`eval`] |
//! | store → collaboration network, centrality, communities | [`network`] |
//! | store → RDF / GraphML / GEXF / CSV / JSON / SVG files | [`export`] |
//! | store → SPARQL 1.1 Protocol endpoint | [`server`] |

pub mod analysis;
pub mod digest;
pub mod error;
pub mod eval;
pub mod export;
pub mod extract;
pub mod gazetteer;
pub mod input;
pub mod merge;
pub mod model;
pub mod network;
pub mod order;
pub mod output;
pub mod pipeline;
pub mod queries;
pub mod rdf;
pub mod server;
pub mod store;
pub mod synth;

pub use error::{Error, Result};
