//! The commands: each opens what it needs, calls the library, prints, and returns an exit code.

use std::io::{BufRead, IsTerminal, Read, Write};
use std::path::Path;
use std::sync::Arc;

use anyhow::{bail, Context, Result};

use opgraph::digest;
use opgraph::eval;
use opgraph::extract::Extractor;
use opgraph::gazetteer::Gazetteer;
use opgraph::output::{self, Format};
use opgraph::pipeline::{self, BuildOptions, BuildSummary, MergeMode};
use opgraph::queries;
use opgraph::rdf::Iris;
use opgraph::store::{CompactionAdvice, GraphStore, KeptCounts};

use super::{Cli, Command, Global};

pub fn run(cli: Cli) -> Result<u8> {
    let g = &cli.global;
    match cli.command {
        Command::Build(a) => build(g, a),
        Command::Query(a) => query(g, a),
        Command::Digest(a) => digest_cmd(g, a),
        Command::Eval(a) => eval_cmd(g, a),
        Command::Demo(a) => super::demo::run(g, a),
        Command::Stats(a) => stats(g, a),
        Command::Merge(a) => merge(g, a),
        Command::Compact(a) => compact(g, a),
        Command::Serve(a) => serve(g, a),
        Command::Centrality(a) => super::network::centrality(g, a),
        Command::Network(a) => super::network::network(g, a),
        Command::Export(a) => super::network::export(g, a),
        Command::Extract(a) => extract(g, a),
        Command::Synth(a) => synth(g, a),
    }
}

fn iris(g: &Global) -> Result<Iris> {
    Ok(Iris::new(&g.base)?)
}

pub(super) fn open_write(g: &Global) -> Result<GraphStore> {
    Ok(GraphStore::open(&g.store, iris(g)?)?)
}

pub(super) fn open_read(g: &Global) -> Result<GraphStore> {
    Ok(GraphStore::open_read_only(&g.store, iris(g)?)?)
}

/// The extractor over the built-in gazetteer plus user files.
pub(super) fn extractor(files: &[std::path::PathBuf]) -> Result<(Extractor, Option<Gazetteer>)> {
    if files.is_empty() {
        return Ok((Extractor::builtin()?, None));
    }
    let mut extra = Gazetteer::default();
    for f in files {
        let text = std::fs::read_to_string(f).with_context(|| format!("reading gazetteer {}", f.display()))?;
        extra.extend(Gazetteer::from_turtle(&text, &f.display().to_string())?);
    }
    let mut all = Gazetteer::builtin()?;
    all.extend(extra.clone());
    Ok((Extractor::new(Arc::new(all)), Some(extra)))
}

pub(super) fn print_summary(s: &BuildSummary, quiet: bool) {
    if quiet {
        return;
    }
    let mut err = std::io::stderr().lock();
    let langs: Vec<String> = s.languages.iter().map(|(l, n)| format!("{l} {n}")).collect();
    let _ = writeln!(
        err,
        "{} reports ({} added, {} replaced, {} unchanged; {}), {} rejected, {:.1} MB in {:.2} s",
        s.reports,
        s.added,
        s.replaced,
        s.unchanged,
        if langs.is_empty() {
            "-".to_string()
        } else {
            langs.join(", ")
        },
        s.rejected.len(),
        s.bytes as f64 / 1e6,
        s.seconds
    );
    let _ = writeln!(
        err,
        "store: {}{} entities, {} operation mentions merged into {} operations ({} merge)",
        s.triples.map(|t| format!("{t} triples, ")).unwrap_or_default(),
        s.entities,
        s.operation_mentions,
        s.operations,
        s.merge
    );
    for d in &s.duplicates {
        let _ = writeln!(err, "  duplicate: {}: {}", d.path, d.reason);
    }
    for r in &s.rejected {
        let _ = writeln!(err, "  rejected: {}: {}", r.path, r.reason);
    }
    for w in &s.warnings {
        let _ = writeln!(err, "  warning: {w}");
    }
    match s.compaction {
        Some(CompactionAdvice::ManyFiles) => {
            let _ = writeln!(
                err,
                "  hint: the store has split into many small files over its adds; `opgraph compact` (about a minute per 5 GB) keeps adds fast"
            );
        }
        Some(CompactionAdvice::Unsettled) => {
            let _ = writeln!(
                err,
                "  hint: the store has files RocksDB has yet to merge (it was never compacted, or has grown a fifth since); adds run up to twice as slow until `opgraph compact` (a minute or more per 5 GB)"
            );
        }
        None => {}
    }
}

fn build(g: &Global, a: super::BuildArgs) -> Result<u8> {
    let iris = iris(g)?;
    let opts = BuildOptions {
        jobs: a.jobs,
        limits: opgraph::input::Limits { max_bytes: a.max_bytes },
        progress: !g.quiet && std::io::stderr().is_terminal(),
        merge: if a.no_merge { MergeMode::None } else { a.merge.into() },
    };
    // The store opens on its own thread while the gazetteer loads and the first reports
    // are extracted: both wait a few tenths of a second, on the disk and on the CPU.
    let (store, summary) = std::thread::scope(|scope| -> Result<(GraphStore, pipeline::BuildSummary)> {
        let opening = scope.spawn(|| GraphStore::open(&g.store, iris));
        let (extractor, extra) = extractor(&a.gazetteer)?;
        let open = || -> opgraph::Result<GraphStore> {
            let store = opening
                .join()
                .unwrap_or_else(|_| Err(opgraph::Error::Invalid("opening the store panicked".into())))?;
            if let Some(extra) = &extra {
                store.ensure_schema_graphs(Some(extra))?;
            }
            Ok(store)
        };
        Ok(pipeline::build_opening(open, &extractor, &a.paths, &opts)?)
    })?;
    store.flush()?;
    print_summary(&summary, g.quiet);
    if let Some(path) = &a.report_json {
        let json = serde_json::to_string_pretty(&summary)?;
        if path.as_os_str() == "-" {
            write_out(None, &(json + "\n"))?;
        } else {
            std::fs::write(path, json + "\n").with_context(|| format!("writing {}", path.display()))?;
        }
    }
    Ok(summary.exit_code() as u8)
}

fn query(g: &Global, a: super::QueryArgs) -> Result<u8> {
    let stdout = std::io::stdout();
    if a.list {
        let qs = queries::builtin();
        let rows: Vec<Vec<String>> = qs
            .iter()
            .map(|q| {
                let params: Vec<String> = q.params.iter().map(|p| format!("?{}", p.name)).collect();
                vec![q.name.clone(), params.join(" "), q.description.clone()]
            })
            .collect();
        let fmt = a.format.as_deref().unwrap_or("table");
        let mut out = stdout.lock();
        if fmt == "json" {
            writeln!(out, "{}", serde_json::to_string_pretty(&qs)?)?;
        } else {
            output::write_table(&["name".into(), "params".into(), "description".into()], &rows, &mut out)?;
        }
        return Ok(0);
    }
    let mut canned = None;
    let text = match (&a.file, &a.query) {
        (Some(f), None) => std::fs::read_to_string(f).with_context(|| format!("reading {}", f.display()))?,
        (Some(_), Some(_)) => {
            bail!("give the query either as an argument or with --file, not both")
        }
        (None, Some(q)) => {
            let looks_like_name = !q.contains(char::is_whitespace) && !q.contains('{');
            if looks_like_name {
                let found = queries::find(q)?;
                let text = found.sparql.clone();
                canned = Some(found);
                text
            } else {
                q.clone()
            }
        }
        (None, None) => {
            let mut s = String::new();
            std::io::stdin().read_to_string(&mut s)?;
            s
        }
    };
    let mut bindings = Vec::new();
    for p in &a.params {
        let Some((k, v)) = p.split_once('=') else {
            bail!("--param takes NAME=VALUE, got {p:?}");
        };
        bindings.push((k.trim().to_string(), queries::param_term(v)));
    }
    let format: Format = match &a.format {
        Some(f) => f.parse().map_err(anyhow::Error::msg)?,
        None if stdout.is_terminal() => Format::Table,
        None => Format::Csv,
    };
    let store = open_read(g)?;
    let unit = canned.as_ref().and_then(|q| q.page.clone());
    let page = queries::Page {
        limit: a.limit,
        offset: a.offset.unwrap_or(0),
    };
    let (parsed, length) = queries::prepare(&text, store.iris().base(), unit.is_some(), page)?;
    let results = store.run(parsed, &bindings)?;
    let mut out = std::io::BufWriter::new(stdout.lock());
    let rows = output::write_results(results, format, &mut out)?;
    out.flush()?;
    // A hint for people reading a listing; not when a parameter picks what to show.
    if let (Some(unit), None, false, true) = (unit, a.limit, g.quiet, bindings.is_empty()) {
        if let Some(hint) = page_hint(&unit, length, page.offset, rows) {
            eprintln!("opgraph: {hint}");
        }
    }
    Ok(0)
}

/// What to say after a page of a listing: how to get the next one, when the page may be
/// full (at least as many rows as the page has units; a listing that ended before is
/// not a page).
fn page_hint(unit: &str, length: Option<usize>, offset: usize, rows: usize) -> Option<String> {
    let length = length?;
    (rows >= length).then(|| {
        format!(
            "this is a page: at most {length} {unit} from offset {offset}; --offset {} for the next, --limit 0 for all",
            offset + length
        )
    })
}

fn digest_cmd(g: &Global, a: super::DigestArgs) -> Result<u8> {
    let store = open_read(g)?;
    let d = digest::compute(&store, &a.corpus)?;
    write_out(a.output.as_deref(), &(d.to_json() + "\n"))?;
    Ok(0)
}

/// Writes `text` to `path`, or to standard output for none or "-". A write error comes
/// back as an error (a closed pipe ends the process quietly in `main`), where `println!`
/// would panic.
fn write_out(path: Option<&Path>, text: &str) -> Result<()> {
    match path {
        Some(p) if p.as_os_str() != "-" => {
            std::fs::write(p, text).with_context(|| format!("writing {}", p.display()))?
        }
        _ => std::io::stdout().lock().write_all(text.as_bytes())?,
    }
    Ok(())
}

fn eval_cmd(g: &Global, a: super::EvalArgs) -> Result<u8> {
    let gold_text = std::fs::read_to_string(&a.gold).with_context(|| format!("reading {}", a.gold.display()))?;
    let gold = digest::Digest::from_json(&gold_text)?;
    let (store, code) = if a.paths.is_empty() {
        (open_read(g)?, 0)
    } else {
        let store = GraphStore::memory(iris(g)?)?;
        let (extractor, _) = extractor(&[])?;
        let summary = pipeline::build(&store, &extractor, &a.paths, &BuildOptions::default())?;
        print_summary(&summary, g.quiet);
        (store, summary.exit_code() as u8)
    };
    let d = digest::compute(&store, &gold.corpus)?;
    if let Some(p) = &a.digest {
        write_out(Some(p), &(d.to_json() + "\n"))?;
    }
    let scores = eval::score(&gold, &d);
    if a.json {
        write_out(None, &(serde_json::to_string_pretty(&scores)? + "\n"))?;
    } else {
        write_out(None, &scores.to_text())?;
    }
    Ok(code)
}

fn stats(g: &Global, a: super::StatsArgs) -> Result<u8> {
    let store = open_read(g)?;
    let s = if a.quick { store.quick_stats()? } else { store.stats()? };
    if a.json {
        write_out(None, &(serde_json::to_string_pretty(&s)? + "\n"))?;
    } else {
        let triples = s.triples.map(|t| format!("triples {t}\n")).unwrap_or_default();
        write_out(
            None,
            &format!(
                "reports {}\n{triples}entities {}\noperation mentions {}\noperations {}\n",
                s.reports, s.entities, s.operation_mentions, s.operations
            ),
        )?;
    }
    Ok(0)
}

fn merge(g: &Global, a: super::MergeArgs) -> Result<u8> {
    let store = open_write(g)?;
    let started = std::time::Instant::now();
    let operations = opgraph::merge::rebuild_corpus(&store)?;
    // The old corpus graph's statements are tombstones now: compact them away, or every
    // query that scans the corpus graph steps over them.
    store.compact()?;
    // Counted once here, and kept for the next add to update.
    let counts = store.counts()?;
    store.keep_counts(&KeptCounts {
        entities: counts.entities,
        operation_mentions: counts.operation_mentions,
        operations: counts.operations,
    })?;
    let mentions = counts.operation_mentions;
    let seconds = started.elapsed().as_secs_f64();
    if a.json {
        let out = serde_json::json!({
            "operation_mentions": mentions,
            "operations": operations,
            "seconds": seconds,
        });
        write_out(None, &(serde_json::to_string_pretty(&out)? + "\n"))?;
    } else if !g.quiet {
        eprintln!("{mentions} operation mentions merged into {operations} operations in {seconds:.2} s");
    }
    Ok(0)
}

fn compact(g: &Global, a: super::CompactArgs) -> Result<u8> {
    let store = open_write(g)?;
    let before = store.disk_usage()?;
    let started = std::time::Instant::now();
    store.compact()?;
    let seconds = started.elapsed().as_secs_f64();
    let after = store.disk_usage()?;
    if a.json {
        let out = serde_json::json!({
            "files_before": before.files,
            "files_after": after.files,
            "bytes_before": before.bytes,
            "bytes_after": after.bytes,
            "seconds": seconds,
        });
        write_out(None, &(serde_json::to_string_pretty(&out)? + "\n"))?;
    } else if !g.quiet {
        eprintln!(
            "compacted in {seconds:.2} s: {} files, {:.1} MB -> {} files, {:.1} MB",
            before.files,
            before.bytes as f64 / 1e6,
            after.files,
            after.bytes as f64 / 1e6
        );
    }
    Ok(0)
}

/// Rows in flight per extraction thread in `extract` (read, being extracted, or waiting
/// to be written in order): memory stays bounded whichever row finishes first.
const EXTRACT_ROWS_PER_JOB: usize = 16;

/// Rows handed to a thread at once in `extract`: each hand-over wakes a thread (a futex
/// call), which cost as much as a tenth of the run when rows went one by one.
const EXTRACT_ROWS_PER_BATCH: usize = 4;

/// One JSON Lines row on its way through `extract`.
struct Row {
    file: Arc<str>,
    no: usize,
    line: String,
}

/// Consecutive rows read together, extracted by one thread and written together.
struct Batch {
    seq: usize,
    rows: Vec<Row>,
}

/// What became of a row: its N-Quads, a rejection, or a panic of the extractor.
enum RowDone {
    Quads(String),
    Rejected(opgraph::input::Rejected),
    Panicked(String),
}

fn extract_row(row: &Row, extractor: &Extractor, iris: &Iris, ingested: &str) -> RowDone {
    match opgraph::input::report_from_json_line(&row.line, &row.file, row.no) {
        Ok(report) => {
            let x = extractor.extract(report);
            // Written straight as text: no owned quad (and its terms) is built on the way.
            let mut text = String::with_capacity(64 * 1024);
            opgraph::rdf::mapping::write_extraction_nquads(&x, iris, ingested, &mut text);
            RowDone::Quads(text)
        }
        Err(r) => RowDone::Rejected(r),
    }
}

/// Extracts the rows of a batch in order; a panic is caught per row.
fn extract_batch(batch: &Batch, extractor: &Extractor, iris: &Iris, ingested: &str) -> Vec<RowDone> {
    batch
        .rows
        .iter()
        .map(|row| {
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                extract_row(row, extractor, iris, ingested)
            }))
            .unwrap_or_else(|_| RowDone::Panicked(format!("{}:{}", row.file, row.no)))
        })
        .collect()
}

/// `opgraph extract`: one reader (this thread), `--jobs` extraction threads, one writer
/// that puts the rows back in input order. Rows travel in batches of
/// [`EXTRACT_ROWS_PER_BATCH`]; a batch is read only when a slot is free (the writer
/// frees one per batch written), so at most `jobs × EXTRACT_ROWS_PER_JOB` rows are in
/// memory at once.
fn extract(g: &Global, a: super::ExtractArgs) -> Result<u8> {
    use std::collections::BTreeMap;
    use std::sync::mpsc::{channel, sync_channel};
    use std::sync::Mutex;

    let (extractor, _) = extractor(&[])?;
    let iris = iris(g)?;
    let ingested = a.ingested_at.clone().unwrap_or_else(pipeline::now_rfc3339);
    let jobs = if a.jobs == 0 {
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
    } else {
        a.jobs
    };
    let window = (jobs.saturating_mul(EXTRACT_ROWS_PER_JOB) / EXTRACT_ROWS_PER_BATCH).max(1);
    let (batch_tx, batch_rx) = sync_channel::<Batch>(window);
    let batch_rx = Mutex::new(batch_rx);
    let (done_tx, done_rx) = channel::<(usize, Vec<RowDone>)>();
    let (slot_tx, slot_rx) = sync_channel::<()>(window);
    for _ in 0..window {
        slot_tx.send(()).context("extract: slot channel")?;
    }
    std::thread::scope(|scope| -> Result<u8> {
        for _ in 0..jobs {
            let done_tx = done_tx.clone();
            let (batch_rx, extractor, iris, ingested) = (&batch_rx, &extractor, &iris, ingested.as_str());
            scope.spawn(move || loop {
                let next = match batch_rx.lock() {
                    Ok(rx) => rx.recv(),
                    Err(_) => return,
                };
                let Ok(batch) = next else { return };
                let done = extract_batch(&batch, extractor, iris, ingested);
                if done_tx.send((batch.seq, done)).is_err() {
                    return;
                }
            });
        }
        drop(done_tx);
        let writer = scope.spawn(move || -> Result<usize> {
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            let mut waiting: BTreeMap<usize, Vec<RowDone>> = BTreeMap::new();
            let mut next = 0usize;
            let mut rejected = 0usize;
            for (seq, done) in done_rx {
                waiting.insert(seq, done);
                while let Some(batch) = waiting.remove(&next) {
                    for done in batch {
                        match done {
                            RowDone::Quads(text) => out.write_all(text.as_bytes())?,
                            RowDone::Rejected(r) => {
                                rejected += 1;
                                eprintln!("opgraph: rejected: {}: {}", r.path, r.reason);
                            }
                            RowDone::Panicked(at) => bail!("extraction of {at} panicked"),
                        }
                    }
                    next += 1;
                    // The reader may be gone already (end of input): nothing to free then.
                    let _ = slot_tx.send(());
                }
            }
            out.flush()?;
            Ok(rejected)
        });
        let read = (|| -> Result<()> {
            let mut seq = 0usize;
            let mut rows: Vec<Row> = Vec::with_capacity(EXTRACT_ROWS_PER_BATCH);
            // Hands the rows read so far to the threads once a slot is free; false when
            // the writer has stopped (on an error, reported below).
            let mut send = |rows: &mut Vec<Row>| -> bool {
                if rows.is_empty() {
                    return true;
                }
                if slot_rx.recv().is_err() {
                    return false;
                }
                let batch = Batch {
                    seq,
                    rows: std::mem::replace(rows, Vec::with_capacity(EXTRACT_ROWS_PER_BATCH)),
                };
                seq += 1;
                batch_tx.send(batch).is_ok()
            };
            let mut inputs: Vec<(Box<dyn BufRead>, Arc<str>)> = Vec::new();
            if a.files.is_empty() {
                inputs.push((Box::new(std::io::stdin().lock()), Arc::from("<stdin>")));
            }
            for f in &a.files {
                let file = std::fs::File::open(f).with_context(|| format!("opening {}", f.display()))?;
                inputs.push((
                    Box::new(std::io::BufReader::new(file)),
                    Arc::from(f.display().to_string()),
                ));
            }
            for (reader, name) in inputs {
                for (i, line) in reader.lines().enumerate() {
                    let line = line.with_context(|| format!("reading {name}"))?;
                    if line.trim().is_empty() {
                        continue;
                    }
                    rows.push(Row {
                        file: name.clone(),
                        no: i + 1,
                        line,
                    });
                    if rows.len() == EXTRACT_ROWS_PER_BATCH && !send(&mut rows) {
                        return Ok(());
                    }
                }
            }
            send(&mut rows);
            Ok(())
        })();
        drop(batch_tx);
        drop(slot_rx);
        let rejected = writer
            .join()
            .map_err(|_| anyhow::anyhow!("extract: the writer thread panicked"))??;
        read?;
        Ok(if rejected > 0 { 3 } else { 0 })
    })
}

fn serve(g: &Global, a: super::ServeArgs) -> Result<u8> {
    let store = if a.allow_update { open_write(g)? } else { open_read(g)? };
    use std::time::Duration;
    let defaults = opgraph::server::ServerConfig::default();
    // The parsers have checked the seconds (finite, positive, at most a day).
    let config = opgraph::server::ServerConfig {
        bind: a.bind,
        timeout: Duration::from_secs_f64(a.timeout),
        max_body: a.max_body,
        max_concurrent: if a.max_concurrent == 0 {
            defaults.max_concurrent
        } else {
            a.max_concurrent
        },
        slow_concurrent: (a.slow_concurrent > 0).then_some(a.slow_concurrent),
        fast_budget: (a.fast_budget > 0.0).then(|| Duration::from_secs_f64(a.fast_budget)),
        remember_slow: a.remember_slow,
        header_timeout: Duration::from_secs_f64(a.header_timeout),
        max_connections: a.max_connections as usize,
        cors: a.cors,
        allow_update: a.allow_update,
        token: a.token.clone(),
        access_log: !a.no_access_log,
        store_name: store.name(),
        base: store.iris().base().to_string(),
        ..defaults
    };
    let network = super::network_provider(&store);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    let served = runtime.block_on(opgraph::server::serve(
        store.inner().clone(),
        queries::builtin(),
        network,
        config,
    ));
    // Do not wait for blocking work still running on the runtime's pool.
    runtime.shutdown_timeout(Duration::from_secs(1));
    served?;
    Ok(0)
}

fn synth(g: &Global, a: super::SynthArgs) -> Result<u8> {
    let opts = opgraph::synth::SynthOptions {
        reports: a.reports,
        seed: a.seed,
        html_share: a.html_share,
        jsonl: a.jsonl,
    };
    let s = opgraph::synth::generate(&a.out, &opts)?;
    if !g.quiet {
        eprintln!(
            "{} reports ({} HTML) telling {} operations, {} entities, {:.1} MB in {}",
            s.reports,
            s.html,
            s.operations,
            s.entities,
            s.bytes as f64 / 1e6,
            a.out.display()
        );
    }
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::page_hint;

    #[test]
    fn a_full_page_says_how_to_get_the_next_one_and_the_last_says_nothing() {
        let hint = page_hint("operations", Some(100), 200, 100).expect("a full page");
        assert!(
            hint.contains("--offset 300") && hint.contains("100 operations"),
            "{hint}"
        );
        assert_eq!(page_hint("operations", Some(100), 200, 37), None);
        assert_eq!(page_hint("operations", None, 0, 5000), None, "--limit 0 is no page");
    }
}
