//! Argument definitions and the dispatch to each command.

mod commands;
mod demo;

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

pub use commands::run;

/// Turn news reports about international law-enforcement operations into a knowledge
/// graph you can query (SPARQL), analyse (collaboration network) and export.
///
/// Start with `opgraph demo`, which builds a store from the bundled sample reports
/// and shows what is in it. Exit status: 0 success, 1 error, 2 usage error,
/// 3 some inputs were rejected (the rest was loaded).
#[derive(Debug, Parser)]
#[command(
    name = "opgraph",
    version,
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct Global {
    /// The store directory (created by `build`).
    #[arg(
        long,
        global = true,
        env = "OPGRAPH_STORE",
        default_value = "opgraph.db"
    )]
    pub store: PathBuf,
    /// Base IRI for the nodes opgraph mints (entities, reports, operations).
    #[arg(long, global = true, env = "OPGRAPH_BASE", default_value = opgraph::rdf::DEFAULT_BASE)]
    pub base: String,
    /// Print nothing but results and errors.
    #[arg(long, short, global = true)]
    pub quiet: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read reports (files and folders) into the store.
    ///
    /// Accepts .txt, .md, .html/.htm and JSON Lines (.jsonl: one report per line with
    /// `text` and optional `id`, `title`, `published`, `url`, `language`). A folder's
    /// `sources.json` ({"file.txt": {"url", "title", "published", "language"}}) gives
    /// report metadata; `published` anchors relative dates ("on Friday").
    /// Re-building the same report replaces its graph; unchanged reports are skipped.
    ///
    /// Example: opgraph build reports/ extra.jsonl --store kg.db
    Build(BuildArgs),
    /// Run a SPARQL query (argument, --file, standard input, or a canned query name).
    ///
    /// Examples:
    ///   opgraph query operations
    ///   opgraph query 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }' --format csv
    ///   opgraph query evidence --param operation=https://w3id.org/opgraph/id/op/2019-11-21-amaq
    ///   opgraph query --list
    Query(QueryArgs),
    /// Write the digest JSON (entities and operations, the gold-file shape) of the store.
    ///
    /// Example: opgraph digest -o digest.json
    Digest(DigestArgs),
    /// Score the store (or a fresh build of PATHs) against a gold file.
    ///
    /// Example: opgraph eval --gold ../shared/gold/seeds.json ../shared/corpus/seeds
    Eval(EvalArgs),
    /// Build a store from the bundled sample reports and take a short tour of it.
    ///
    /// The six sample reports (en, nl, fr, de) are embedded in the binary; they are
    /// added to the store like any other reports (running the demo twice changes nothing).
    ///
    /// Example: opgraph demo --store demo.db
    Demo(DemoArgs),
    /// Counts of reports, triples, entities and operations in the store.
    Stats(StatsArgs),
    /// Streaming extraction: JSON Lines reports in, N-Quads out (for sharded runs).
    ///
    /// Reads standard input (or FILES), one JSON object per line with `text` and
    /// optional `id`, `title`, `published`, `url`, `language`; writes each report's graph
    /// as N-Quads to standard output. IRIs are deterministic, so outputs of shards
    /// concatenate; load them with `opgraph build` on the shards' outputs or `oxigraph load`.
    ///
    /// Example: opgraph extract < reports.jsonl > reports.nq
    Extract(ExtractArgs),
    /// Write a synthetic corpus (five languages, several reports per operation) with its
    /// gold.json and sources.json, for benchmarks and scale runs. Same seed, same bytes.
    ///
    /// Example: opgraph synth --reports 1000 --seed 7 --out /tmp/synth-1k --jsonl
    Synth(SynthArgs),
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Files and folders to read.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Extra gazetteer files (Turtle, same format as ontology/gazetteer.ttl).
    #[arg(long)]
    pub gazetteer: Vec<PathBuf>,
    /// Extraction threads (0 = all cores).
    #[arg(long, short, default_value_t = 0)]
    pub jobs: usize,
    /// Reject files larger than this many bytes.
    #[arg(long, default_value_t = 64 * 1024 * 1024)]
    pub max_bytes: u64,
    /// Write the build summary as JSON to this file ("-" for standard output).
    #[arg(long)]
    pub report_json: Option<PathBuf>,
    /// Skip the cross-report merge (run it later with another build).
    #[arg(long)]
    pub no_merge: bool,
}

#[derive(Debug, Args)]
pub struct QueryArgs {
    /// SPARQL text, or the name of a canned query (see --list). Reads standard input when absent.
    pub query: Option<String>,
    /// Read the query from a file.
    #[arg(long, short)]
    pub file: Option<PathBuf>,
    /// table (default on a terminal), csv, tsv, json, xml; for CONSTRUCT: turtle, ntriples, nquads, jsonld, rdfxml.
    #[arg(long)]
    pub format: Option<String>,
    /// Bind a declared parameter: --param name=value (IRIs bare or in <>).
    #[arg(long = "param", value_name = "NAME=VALUE")]
    pub params: Vec<String>,
    /// List the canned queries with their descriptions.
    #[arg(long)]
    pub list: bool,
}

#[derive(Debug, Args)]
pub struct DigestArgs {
    /// Output file (standard output when absent).
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// The `corpus` name written in the digest.
    #[arg(long, default_value = "opgraph")]
    pub corpus: String,
}

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Gold file (the digest shape of ../shared/gold/SCHEMA.md).
    #[arg(long)]
    pub gold: PathBuf,
    /// Reports to build into a fresh in-memory store; without them the --store is scored.
    pub paths: Vec<PathBuf>,
    /// Print the figures as JSON.
    #[arg(long)]
    pub json: bool,
    /// Also write the digest that was scored.
    #[arg(long)]
    pub digest: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// How many rows of each tour table to show.
    #[arg(long, default_value_t = 8)]
    pub rows: usize,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Print as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// JSON Lines files (standard input when absent).
    pub files: Vec<PathBuf>,
    /// The ingestion timestamp to record (default: now); fix it for byte-identical reruns.
    #[arg(long)]
    pub ingested_at: Option<String>,
}

#[derive(Debug, Args)]
pub struct SynthArgs {
    /// How many reports to write.
    #[arg(long, default_value_t = 100)]
    pub reports: usize,
    /// Random seed; the corpus is a pure function of the seed and the options.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Output folder (created if needed).
    #[arg(long)]
    pub out: PathBuf,
    /// Share of the reports written as HTML pages (folder mode).
    #[arg(long, default_value_t = 0.1)]
    pub html_share: f64,
    /// Write one corpus.jsonl (JSON Lines) instead of one file per report.
    #[arg(long)]
    pub jsonl: bool,
}
