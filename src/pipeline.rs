//! The build: files → reports → extractions (in parallel) → report graphs (one writer)
//! → corpus-level merge. Memory stays bounded: reports stream through a bounded
//! channel, and no stage holds the whole corpus.

use std::borrow::Borrow;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::sync_channel;
use std::time::Instant;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::extract::Extractor;
use crate::input::{self, Limits, Rejected};
use crate::model::{Extraction, Stages};
use crate::store::{GraphStore, KeptCounts, PutOutcome};

/// How to build.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// Worker threads for extraction (0 = all cores).
    pub jobs: usize,
    pub limits: Limits,
    /// Draw a progress bar (only ever on a terminal).
    pub progress: bool,
    /// How to bring the corpus-level operations up to date at the end.
    pub merge: MergeMode,
}

/// How a build merges the reports' operation mentions into corpus-level operations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MergeMode {
    /// Update around the touched reports when they are at most a tenth of the store,
    /// else recompute.
    #[default]
    Auto,
    /// Recompute every operation from every report graph.
    Full,
    /// Update around the touched reports (see [`crate::merge::update_corpus`]).
    Incremental,
    /// Leave the corpus graph as it is (marked out of date when reports changed).
    None,
}

impl Default for BuildOptions {
    fn default() -> Self {
        BuildOptions {
            jobs: 0,
            limits: Limits::default(),
            progress: false,
            merge: MergeMode::Auto,
        }
    }
}

/// What a build did; printed at the end and available as JSON (`--report-json`).
#[derive(Debug, Clone, Default, Serialize)]
pub struct BuildSummary {
    pub reports: usize,
    pub added: usize,
    pub replaced: usize,
    pub unchanged: usize,
    pub duplicates: Vec<Rejected>,
    pub rejected: Vec<Rejected>,
    pub warnings: Vec<String>,
    pub languages: BTreeMap<String, usize>,
    pub bytes: u64,
    /// The store's triple count; `None` after an incremental merge, where counting every
    /// quad would cost more than the build (`opgraph stats` counts them).
    pub triples: Option<usize>,
    pub entities: usize,
    pub operation_mentions: usize,
    pub operations: usize,
    /// How the corpus-level operations were brought up to date: `full`, `incremental`,
    /// or `skipped` (`--no-merge`).
    pub merge: &'static str,
    /// What the incremental merge touched (absent after a full merge).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub merge_update: Option<crate::merge::MergeUpdate>,
    pub seconds: f64,
    /// Where the time went, stage by stage (seconds, in the order the stages ran).
    pub stages: Stages,
    /// Adds are slower until `opgraph compact` rewrites the store's files: after an add,
    /// it has split into many small ones; or, after any build, it is large and was never
    /// compacted, or has grown far past its size at its last compaction
    /// ([`crate::store::GraphStore::compaction_advice`]).
    pub compaction_advised: bool,
    /// Why compacting is advised (`many_files`, `unsettled`), when it is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compaction: Option<crate::store::CompactionAdvice>,
}

impl BuildSummary {
    /// The exit status the CLI gives: 0 all loaded, 3 some inputs rejected.
    pub fn exit_code(&self) -> i32 {
        if self.rejected.is_empty() {
            0
        } else {
            3
        }
    }
}

enum Msg {
    Done(Box<Extraction>),
    Rejected(Rejected),
}

/// Current time as an RFC 3339 timestamp (UTC).
pub fn now_rfc3339() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// Whether updating the corpus graph around `touched` reports is cheaper than
/// recomputing it: when they are at most a tenth of the store's reports.
fn incremental_pays(store: &GraphStore, touched: usize) -> Result<bool> {
    if touched == 0 {
        return Ok(true);
    }
    let reports = store.report_count(touched.saturating_mul(10) + 1)?;
    Ok(touched.saturating_mul(10) <= reports)
}

/// Builds (or updates) a store from files and folders.
pub fn build(
    store: &GraphStore,
    extractor: &Extractor,
    paths: &[PathBuf],
    opts: &BuildOptions,
) -> Result<BuildSummary> {
    build_opening(|| Ok(store), extractor, paths, opts).map(|(_, summary)| summary)
}

/// [`build`] into a store that `open` opens while the first reports are extracted.
///
/// Opening an on-disk store waits on the disk for a few tenths of a second (its
/// manifest, its files' footers), and a build of one report spends as long starting its
/// extractor: adding one report takes the longer of the two, not their sum. The store
/// comes back with the summary. If `open` fails, extraction stops after the reports in
/// hand and its error is returned.
pub fn build_opening<S: Borrow<GraphStore>>(
    open: impl FnOnce() -> Result<S>,
    extractor: &Extractor,
    paths: &[PathBuf],
    opts: &BuildOptions,
) -> Result<(S, BuildSummary)> {
    let started = Instant::now();
    let mut lap = started;
    let mut stages = Stages::default();
    let discovery = input::discover(paths);
    let mut summary = BuildSummary {
        rejected: discovery.rejected,
        warnings: discovery.warnings,
        ..BuildSummary::default()
    };
    let sources = discovery.sources;
    let bar = if opts.progress {
        let bar = indicatif::ProgressBar::new(sources.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} {bar:40} {pos}/{len} files  {msg}  [{elapsed_precise}, eta {eta}]",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    } else {
        indicatif::ProgressBar::hidden()
    };
    let jobs = if opts.jobs == 0 {
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
    } else {
        opts.jobs
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .map_err(|e| Error::Invalid(format!("thread pool: {e}")))?;
    let (tx, rx) = sync_channel::<Msg>(jobs * 8);
    let ingested_at = now_rfc3339();
    // Set when the reports still to extract would be thrown away: the store did not open,
    // or a write failed.
    let stop = AtomicBool::new(false);
    let mut touched = crate::merge::Touched::default();
    let mut was_current = false;
    let mut kept = None;
    // Operation mentions of the reports added (none replaced), for the kept figures.
    let mut mentions_added = Some(0usize);
    let (opened, write_error) = std::thread::scope(|scope| -> Result<(S, Option<Error>)> {
        let limits = &opts.limits;
        let sources = &sources;
        let bar_ref = &bar;
        let stop = &stop;
        scope.spawn(move || {
            use rayon::prelude::*;
            pool.install(|| {
                sources.par_iter().for_each_with(tx, |tx, src| {
                    for item in input::read_source(src, limits) {
                        if stop.load(Ordering::Relaxed) {
                            return;
                        }
                        let msg = match item {
                            Ok(report) => Msg::Done(Box::new(extractor.extract(report))),
                            Err(r) => Msg::Rejected(r),
                        };
                        if tx.send(msg).is_err() {
                            return;
                        }
                    }
                    bar_ref.inc(1);
                });
            });
        });
        let opened = open().and_then(|s| {
            // Until the merge at the end has run, the corpus graph does not reflect the
            // reports: a build killed in between is merged from scratch by the next one.
            // (Marking it so drops the kept figures: they are read first.)
            was_current = s.borrow().merge_current()?;
            kept = s.borrow().kept_counts()?;
            if !sources.is_empty() {
                s.borrow().set_merge_current(false)?;
            }
            Ok(s)
        });
        let s = match opened {
            Ok(s) => s,
            Err(e) => {
                stop.store(true, Ordering::Relaxed);
                return Err(e);
            }
        };
        let store = s.borrow();
        stages.lap("open", &mut lap);
        let mut write_error: Option<Error> = None;
        let mut added_graphs = Vec::new();
        let mut writer = store.report_writer();
        for msg in rx {
            match msg {
                Msg::Rejected(r) => summary.rejected.push(r),
                Msg::Done(x) => {
                    if write_error.is_some() {
                        continue;
                    }
                    summary.reports += 1;
                    summary.bytes += x.report.byte_len as u64;
                    *summary
                        .languages
                        .entry(x.report.language.code().to_string())
                        .or_default() += 1;
                    summary.warnings.extend(x.warnings.iter().cloned());
                    match writer.put(&x, &ingested_at) {
                        Ok(PutOutcome::Added) => {
                            summary.added += 1;
                            touched.added.push(store.iris().report(&x.report.sha256));
                            added_graphs.push(store.iris().report_graph(&x.report.sha256));
                        }
                        Ok(PutOutcome::Replaced { previous, entities }) => {
                            summary.replaced += 1;
                            mentions_added = None;
                            touched.added.push(store.iris().report(&x.report.sha256));
                            touched
                                .removed
                                .extend(previous.iter().map(|sha| store.iris().report(sha)));
                            touched.removed_entities.extend(entities);
                        }
                        Ok(PutOutcome::Unchanged) => summary.unchanged += 1,
                        Ok(PutOutcome::Duplicate { of }) => summary.duplicates.push(Rejected {
                            path: x.report.source.clone(),
                            reason: format!("same content as report {of}; kept once"),
                        }),
                        Err(e) => {
                            stop.store(true, Ordering::Relaxed);
                            write_error = Some(e);
                        }
                    }
                    bar.set_message(format!("{} reports", summary.reports));
                }
            }
        }
        bar.finish_and_clear();
        stages.lap("extract_and_write", &mut lap);
        if let Err(e) = writer.finish() {
            write_error.get_or_insert(e);
        }
        if let Some(n) = &mut mentions_added {
            *n = store.operation_mentions_in(&added_graphs)?;
        }
        stages.lap("commit", &mut lap);
        Ok((s, write_error))
    })?;
    let store = opened.borrow();
    if let Some(e) = write_error {
        return Err(e);
    }
    let changed = touched.added.len() + touched.removed.len();
    let incremental = match opts.merge {
        MergeMode::Auto => was_current && incremental_pays(store, changed)?,
        MergeMode::Incremental => was_current,
        MergeMode::Full | MergeMode::None => false,
    };
    summary.merge = if opts.merge == MergeMode::None {
        if changed == 0 && was_current {
            store.set_merge_current(true)?;
        }
        "skipped"
    } else if incremental {
        summary.merge_update = Some(crate::merge::update_corpus(store, &touched)?);
        "incremental"
    } else {
        crate::merge::rebuild_corpus(store)?;
        "full"
    };
    stages.lap("merge", &mut lap);
    // A build that merged incrementally stays proportional to its reports: it updates
    // the figures the last build kept, or reads them from indexes; no full count.
    let updated = match (incremental, kept, &summary.merge_update, mentions_added) {
        (true, Some(k), Some(u), Some(mentions)) => k.updated(mentions, u.counted),
        _ => None,
    };
    let counts = match updated {
        Some(counts) => counts,
        None => {
            let stats = if incremental { store.counts()? } else { store.stats()? };
            summary.triples = stats.triples;
            KeptCounts {
                entities: stats.entities,
                operation_mentions: stats.operation_mentions,
                operations: stats.operations,
            }
        }
    };
    if store.merge_current()? {
        let written = store.keep_counts(&counts)?;
        summary.triples = summary
            .triples
            .map(|t| usize::try_from(t as i64 + written).unwrap_or(t));
    }
    summary.entities = counts.entities;
    summary.operation_mentions = counts.operation_mentions;
    summary.operations = counts.operations;
    stages.lap("counts", &mut lap);
    // Listing a directory of a few hundred files and one look-up.
    summary.compaction = store.compaction_advice(incremental)?;
    summary.compaction_advised = summary.compaction.is_some();
    summary.seconds = started.elapsed().as_secs_f64();
    summary.stages = stages;
    summary.rejected.sort_by(|a, b| a.path.cmp(&b.path));
    Ok((opened, summary))
}
