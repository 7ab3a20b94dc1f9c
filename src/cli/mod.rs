//! Argument definitions and the dispatch to each command.

mod commands;
mod demo;
mod network;

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
#[command(name = "opgraph", version, propagate_version = true, max_term_width = 100)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct Global {
    /// The store directory (created by `build`).
    #[arg(long, global = true, env = "OPGRAPH_STORE", default_value = "opgraph.db")]
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
    #[command(verbatim_doc_comment)]
    Build(BuildArgs),
    /// Run a SPARQL query (argument, --file, standard input, or a canned query name).
    ///
    /// The canned listings (operations, reports, entities, evidence...) answer a page at a
    /// time, the same few milliseconds on any size of store: --limit and --offset move
    /// through them, --limit 0 answers everything at once. Relative IRIs resolve against
    /// the store's base IRI: <graph/corpus> is the graph of the merged operations.
    ///
    /// Examples:
    ///   opgraph query operations
    ///   opgraph query operations --limit 20 --offset 40 --format csv
    ///   opgraph query 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }' --format csv
    ///   opgraph query evidence --param operation=https://w3id.org/opgraph/id/op/2019-11-21-amaq
    ///   opgraph query 'SELECT ?p ?o WHERE { GRAPH <graph/corpus> { <op/2019-11-21-amaq> ?p ?o } }'
    ///   opgraph query --list
    #[command(verbatim_doc_comment)]
    Query(QueryArgs),
    /// Write the digest JSON (entities and operations, the gold-file shape) of the store.
    ///
    /// Example: opgraph digest -o digest.json
    #[command(verbatim_doc_comment)]
    Digest(DigestArgs),
    /// Score the store (or a fresh build of PATHs) against a gold file.
    ///
    /// Example: opgraph eval --gold ../shared/gold/seeds.json ../shared/corpus/seeds
    #[command(verbatim_doc_comment)]
    Eval(EvalArgs),
    /// Build a store from the bundled sample reports and take a short tour of it.
    ///
    /// The six sample reports (en, nl, fr, de) are embedded in the binary; they are
    /// added to the store like any other reports (running the demo twice changes nothing).
    ///
    /// Example: opgraph demo --store demo.db
    #[command(verbatim_doc_comment)]
    Demo(DemoArgs),
    /// Counts of reports, triples, entities and operations in the store.
    Stats(StatsArgs),
    /// Recompute every corpus-level operation from the report graphs.
    ///
    /// `build` already merges: from scratch when it loads many reports, and around the
    /// touched reports when it adds a few to a large store (an operation then keeps its
    /// IRI as reports arrive). Run `merge` after `build --no-merge`, after loading shards'
    /// N-Quads (`opgraph extract`) with another tool, or to recompute from scratch.
    /// The old corpus graph is then compacted away (about as long as the merge itself on
    /// a large store); until it is, queries step over its deleted statements.
    ///
    /// Example: opgraph merge --store kg.db --json
    #[command(verbatim_doc_comment)]
    Merge(MergeArgs),
    /// Compact the on-disk store: drop deleted statements and rewrite many small files as few.
    ///
    /// Every one-report add writes a few small files and rewrites the operations it
    /// touches, leaving their old statements behind as tombstones. After a few hundred
    /// adds a store reads slower, most of all on a cold disk (an add to a 100k-report
    /// store: median 1.02 s after ~170 adds, 0.80 s compacted). `compact` brings it back
    /// without recomputing anything; `merge` compacts too. Nothing changes in the graph.
    ///
    /// A large build leaves overlapping files that RocksDB merges in the background; an
    /// add is too short to finish that work and starts it again each time (adds to a
    /// freshly built 20k-report store took 1-2 s, 0.8 s after a 35 s compaction). Compact
    /// once a large build is done: a build says so (`compaction_advised`).
    ///
    /// Example: opgraph compact --store kg.db --json
    #[command(verbatim_doc_comment)]
    Compact(CompactArgs),
    /// Centrality of actors in the collaboration network (actors that worked on the same operations).
    ///
    /// Measures: degree, weighted degree (strength), betweenness (plain and weighted),
    /// closeness, eigenvector, PageRank, and a seeded Leiden community. With --window the
    /// scores are computed per time window, to see how centrality moved over the years.
    ///
    /// Examples:
    ///   opgraph centrality --top 10
    ///   opgraph centrality --metric betweenness --no-countries --format csv
    ///   opgraph centrality --window 1y --metric pagerank
    ///   opgraph centrality --save        (scores into the store; see `opgraph query centrality`)
    #[command(verbatim_doc_comment)]
    Centrality(CentralityArgs),
    /// The collaboration network itself: its edges (pairs of actors and the operations they shared).
    ///
    /// Examples:
    ///   opgraph network
    ///   opgraph network --roles led_by,coordinated_by --format json
    #[command(verbatim_doc_comment)]
    Network(NetworkArgs),
    /// Export the store as RDF, or the collaboration network for Gephi and scripts.
    ///
    /// RDF: turtle, ntriples, nquads, trig, jsonld (the whole store, or --graph IRI).
    /// Network: graphml, gexf (Gephi: typed attributes, timeline spells, colours, sizes, layout),
    /// csv (nodes.csv + edges.csv in the -o directory), json, svg, png.
    ///
    /// Examples:
    ///   opgraph export --format turtle -o kg.ttl
    ///   opgraph export --format gexf -o network.gexf --size-by betweenness
    ///   opgraph export --format csv -o gephi/
    #[command(verbatim_doc_comment)]
    Export(ExportArgs),
    /// Serve the store over HTTP: SPARQL 1.1 Protocol, canned queries, network JSON, a browser page.
    ///
    /// Read-only unless --allow-update is given together with a bearer token. Binds to
    /// loopback by default; open http://127.0.0.1:7878/ for the query page.
    ///
    /// Under load, queries run in two lanes so that a flood of expensive queries cannot
    /// starve cheap ones. Every query starts in the fast lane (--max-concurrent slots,
    /// first come first served). One still running after --fast-budget moves to the slow
    /// lane (--slow-concurrent slots); when that is full it is cancelled with 503 and
    /// Retry-After. Queries that were slow once (the last --remember-slow of them) go
    /// straight to the slow lane next time. A query still running at --timeout is
    /// cancelled (503). A cancelled query keeps a slot until it has really stopped
    /// (oxigraph notices a cancel only when it next reads the store), in the slow lane or,
    /// when it was in the fast lane, in one of as many unwinding slots; so at most
    /// 2 × max-concurrent + slow-concurrent evaluations ever run at once.
    ///
    /// Examples:
    ///   opgraph serve --store kg.db
    ///   curl -H 'Accept: text/csv' 'http://127.0.0.1:7878/sparql?query=SELECT%20*%20WHERE%20%7B%3Fs%20%3Fp%20%3Fo%7D%20LIMIT%205'
    ///   curl http://127.0.0.1:7878/queries/operations
    #[command(verbatim_doc_comment)]
    Serve(ServeArgs),
    /// Streaming extraction: JSON Lines reports in, N-Quads out (for sharded runs).
    ///
    /// Reads standard input (or FILES), one JSON object per line with `text` and
    /// optional `id`, `title`, `published`, `url`, `language`; writes each report's graph
    /// as N-Quads to standard output. IRIs are deterministic, so outputs of shards
    /// concatenate; load them with `opgraph build` on the shards' outputs or `oxigraph load`.
    /// Reports are extracted on --jobs threads; the output keeps the input order.
    ///
    /// Example: opgraph extract < reports.jsonl > reports.nq
    #[command(verbatim_doc_comment)]
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
    /// Write the build summary as JSON to this file ("-" for standard output): counts,
    /// rejected files with reasons, and `stages`, the seconds each stage took (with the
    /// incremental merge's own steps under `merge_update`).
    #[arg(long)]
    pub report_json: Option<PathBuf>,
    /// How to merge operations across reports at the end: `auto` updates the
    /// operations around the changed reports when they are at most a tenth of the store
    /// and recomputes all of them otherwise; `full` always recomputes; `incremental`
    /// always updates; `none` skips the merge (run `opgraph merge` later).
    #[arg(long, value_enum, default_value_t = MergeArg::Auto)]
    pub merge: MergeArg,
    /// Same as --merge none.
    #[arg(long, conflicts_with = "merge")]
    pub no_merge: bool,
}

/// `--merge` values (see `opgraph::pipeline::MergeMode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum MergeArg {
    Auto,
    Full,
    Incremental,
    None,
}

impl From<MergeArg> for opgraph::pipeline::MergeMode {
    fn from(m: MergeArg) -> Self {
        use opgraph::pipeline::MergeMode;
        match m {
            MergeArg::Auto => MergeMode::Auto,
            MergeArg::Full => MergeMode::Full,
            MergeArg::Incremental => MergeMode::Incremental,
            MergeArg::None => MergeMode::None,
        }
    }
}

#[derive(Debug, Args)]
pub struct MergeArgs {
    /// Print the result as JSON on standard output.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct CompactArgs {
    /// Print the result (files and bytes on disk before and after, seconds) as JSON.
    #[arg(long)]
    pub json: bool,
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
    /// Answer at most N: N operations, reports... for a canned listing (whose default
    /// page is the LIMIT in its text, 100 or fewer), N rows for any other query. 0 answers
    /// everything, which on a large store can take seconds to minutes.
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// Skip the first N (of the listing, or of the rows); with --limit, pages through an
    /// answer: --limit 100 --offset 100 is the second page.
    #[arg(long, value_name = "N")]
    pub offset: Option<usize>,
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
pub struct ServeArgs {
    /// Address and port to listen on.
    #[arg(long, default_value = "127.0.0.1:7878")]
    pub bind: std::net::SocketAddr,
    /// Query timeout in seconds (a timed-out query answers 503, never a cut 200).
    #[arg(long, default_value_t = 30.0, value_parser = seconds)]
    pub timeout: f64,
    /// Largest accepted request body, in bytes.
    #[arg(long, default_value_t = 1024 * 1024)]
    pub max_body: usize,
    /// Fast-lane slots: queries evaluated at once; more wait up to 2 s, then get 503 with
    /// Retry-After (0 = 2 × cores).
    #[arg(long, default_value_t = 0)]
    pub max_concurrent: usize,
    /// Slow-lane slots, for queries that ran past --fast-budget or were slow before
    /// (0 = a quarter of --max-concurrent, at least 1). Raise it when long analytical
    /// queries are the normal use; keep it small when cheap queries must stay quick.
    #[arg(long, default_value_t = 0)]
    pub slow_concurrent: usize,
    /// Seconds a query may run in the fast lane before it moves to the slow lane
    /// (0 = a quarter of --timeout, at most 1 s).
    #[arg(long, default_value_t = 0.0, value_parser = seconds_or_zero)]
    pub fast_budget: f64,
    /// How many slow queries to remember (same text, dataset and parameters) and send
    /// straight to the slow lane; 0 remembers none.
    #[arg(long, default_value_t = 256)]
    pub remember_slow: usize,
    /// Seconds a client has to send its request line and headers; slower connections
    /// (slowloris) are closed. Idle keep-alive connections are closed after this too.
    #[arg(long, default_value_t = 10.0, value_parser = seconds)]
    pub header_timeout: f64,
    /// Open connections at most; more clients wait in the listen backlog.
    #[arg(long, default_value_t = 512, value_parser = clap::value_parser!(u32).range(1..))]
    pub max_connections: u32,
    /// Send CORS headers (for pages served from elsewhere).
    #[arg(long)]
    pub cors: bool,
    /// Accept SPARQL Update and Graph Store writes from clients with the token.
    #[arg(long, requires = "token")]
    pub allow_update: bool,
    /// Bearer token required for writes.
    #[arg(long, env = "OPGRAPH_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
    /// Do not log one line per request on standard error.
    #[arg(long)]
    pub no_access_log: bool,
}

/// A positive number of seconds, at most a day.
fn seconds(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(v) if v.is_finite() && v > 0.0 && v <= 86_400.0 => Ok(v),
        _ => Err(format!(
            "{s:?} is not a number of seconds between 0 and 86400 (e.g. 0.5, 30)"
        )),
    }
}

/// Like [`seconds`], or 0 for "automatic".
fn seconds_or_zero(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(0.0) => Ok(0.0),
        _ => seconds(s),
    }
}

/// Which operations and actors make the network.
#[derive(Debug, Args, Clone)]
pub struct NetFilter {
    /// Roles that count as taking part (comma-separated; default led_by,coordinated_by,supported_by,participant).
    #[arg(long, value_delimiter = ',')]
    pub roles: Vec<opgraph::model::Role>,
    /// Leave countries (generic national authorities) out; keep named agencies only.
    #[arg(long)]
    pub no_countries: bool,
    /// Count a unit (EU IRU, EC3...) as its parent agency.
    #[arg(long)]
    pub fold_units: bool,
    /// Only operations starting on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long)]
    pub from: Option<String>,
    /// Only operations starting on or before this date.
    #[arg(long)]
    pub to: Option<String>,
}

#[derive(Debug, Args)]
pub struct CentralityArgs {
    #[command(flatten)]
    pub filter: NetFilter,
    /// Sort by this metric: operations, degree, degree_centrality, strength, betweenness, betweenness_weighted, closeness, eigenvector, pagerank.
    #[arg(long, default_value = "pagerank")]
    pub metric: opgraph::network::Metric,
    /// Show only the first N actors.
    #[arg(long)]
    pub top: Option<usize>,
    /// table (default on a terminal), csv or json.
    #[arg(long)]
    pub format: Option<opgraph::network::TableFormat>,
    /// Compute per time window: 1y, 6m, 90d...
    #[arg(long)]
    pub window: Option<opgraph::network::WindowSpec>,
    /// Write the scores into the store (graph .../graph/scores) for SPARQL.
    #[arg(long)]
    pub save: bool,
    /// Seed of the community detection.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
}

#[derive(Debug, Args)]
pub struct NetworkArgs {
    #[command(flatten)]
    pub filter: NetFilter,
    /// table (default on a terminal), csv or json (nodes and edges).
    #[arg(long)]
    pub format: Option<opgraph::network::TableFormat>,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// turtle, ntriples, nquads, trig, jsonld, graphml, gexf, csv, json, svg, png.
    #[arg(long, short)]
    pub format: String,
    /// Output file (a directory for csv); standard output when absent (not for csv, png).
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// RDF formats: export only this named graph.
    #[arg(long)]
    pub graph: Option<String>,
    #[command(flatten)]
    pub filter: NetFilter,
    /// Network formats: node size by this metric.
    #[arg(long, default_value = "pagerank")]
    pub size_by: opgraph::network::Metric,
    /// Network formats: colour by type or community.
    #[arg(long, default_value = "type")]
    pub color_by: opgraph::network::style::ColorBy,
    /// svg/png: label this many of the largest nodes.
    #[arg(long, default_value_t = 15)]
    pub labels: usize,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Print as JSON.
    #[arg(long)]
    pub json: bool,
    /// Skip the triple count, which walks every quad (seconds on a large store): the
    /// reports are counted from an index and the other figures are those the last build
    /// kept (`triples` is null in JSON).
    #[arg(long)]
    pub quick: bool,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// JSON Lines files (standard input when absent).
    pub files: Vec<PathBuf>,
    /// The ingestion timestamp to record (default: now); fix it for byte-identical reruns.
    #[arg(long)]
    pub ingested_at: Option<String>,
    /// Extraction threads (0 = all cores); the output order is the input order whatever the number.
    #[arg(long, short, default_value_t = 0)]
    pub jobs: usize,
    /// The input is JSON Lines: the only input format, so this changes nothing; scripts
    /// may state it (`opgraph extract --jsonl < reports.jsonl > reports.nq`).
    #[arg(long)]
    pub jsonl: bool,
}

/// The network endpoints of `serve`: the network is read from the store once, at start.
pub fn network_provider(
    store: &opgraph::store::GraphStore,
) -> Option<std::sync::Arc<dyn opgraph::server::NetworkProvider>> {
    match opgraph::analysis::network_input(store) {
        Ok(input) => Some(std::sync::Arc::new(opgraph::analysis::StoreNetwork::new(input))),
        Err(e) => {
            eprintln!("opgraph: warning: network endpoints disabled: {e}");
            None
        }
    }
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
