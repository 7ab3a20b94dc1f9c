//! The persistent graph: an Oxigraph store (RocksDB on disk, or in memory) laid out as
//! one named graph per report, plus graphs for the corpus-level merge, the gazetteer,
//! the ontology, centrality scores and store metadata.
//!
//! Promises kept here:
//! - each report is written in one transaction (its old graph removed, the new one
//!   inserted), so a killed build leaves only whole reports;
//! - re-adding the same bytes with the same extractor is a no-op (idempotent builds);
//! - a store of another layout version is refused with a message saying what to do;
//! - queries see the union of all graphs as their default graph.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use oxigraph::model::{GraphNameRef, Literal, NamedNode, NamedOrBlankNodeRef, Quad, QuadRef, Term};
use oxigraph::sparql::{QueryResults, SparqlEvaluator, Variable};
use oxigraph::store::Store;
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::model::{Extraction, EXTRACTOR_VERSION};

use crate::rdf::vocab::{opg, RDF_TYPE};
use crate::rdf::{mapping, Iris};

/// Below this many quads a graph is replaced in one transaction, not bulk-loaded.
const BULK_MIN_QUADS: usize = 50_000;

/// Version of the store layout. Bump it when the graph layout changes incompatibly.
pub const STORE_FORMAT: &str = "5";

/// The ontology, embedded.
pub const ONTOLOGY_TTL: &str = include_str!("../ontology/opgraph.ttl");

/// What happened to a report handed to [`GraphStore::put_extraction`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PutOutcome {
    /// A report id not seen before.
    Added,
    /// The id was known with other content (or another extractor version): replaced.
    /// `previous` holds the SHA-256 of the content it had, `entities` what that content
    /// mentioned (their summaries change with it).
    Replaced {
        previous: Vec<String>,
        entities: Vec<NamedNode>,
    },
    /// Same bytes, same extractor: nothing to do.
    Unchanged,
    /// The same bytes are already stored under another report id.
    Duplicate { of: String },
}

/// Quads collected before a [`ReportWriter`] writes them (about 2,000 reports of a
/// synthetic corpus; a few hundred MB of memory at most).
pub const BATCH_QUADS: usize = 500_000;

/// Writes reports in batches; see [`GraphStore::report_writer`].
///
/// Each batch is written atomically (Oxigraph's bulk loader ingests all its files in one
/// RocksDB call), so a killed build leaves whole reports only, as with one transaction
/// per report; the reports of the batch in flight are written again by the next build.
pub struct ReportWriter<'s> {
    store: &'s GraphStore,
    pending: Vec<Quad>,
    /// SHA-256 → report id of the reports in `pending`.
    pending_shas: HashMap<String, String>,
    pending_ids: std::collections::HashSet<String>,
    max_quads: usize,
}

impl ReportWriter<'_> {
    /// Sets how many quads are collected before a batch is written (at least one report).
    pub fn with_batch_quads(mut self, max_quads: usize) -> Self {
        self.max_quads = max_quads;
        self
    }

    /// Puts one report, with the outcomes of [`GraphStore::put_extraction`]. An added
    /// report may not be visible in the store before [`ReportWriter::flush`].
    pub fn put(&mut self, x: &Extraction, ingested_at: &str) -> Result<PutOutcome> {
        if let Some(of) = self.pending_shas.get(&x.report.sha256) {
            return Ok(if *of == x.report.id {
                PutOutcome::Unchanged
            } else {
                PutOutcome::Duplicate { of: of.clone() }
            });
        }
        if self.pending_ids.contains(&x.report.id) {
            // The same id again with other bytes in this build: the later one replaces it.
            self.flush()?;
            return self.store.put_extraction(x, ingested_at);
        }
        let existing = self.store.report_graphs(&x.report.id)?;
        if !existing.is_empty() {
            return self.store.put_extraction(x, ingested_at);
        }
        let graph = self.store.iris.report_graph(&x.report.sha256);
        let report = self.store.iris.report(&x.report.sha256);
        if let Some(other) = self.store.literal_in(&report.into(), opg::REPORT_ID, &graph)? {
            if other != x.report.id {
                return Ok(PutOutcome::Duplicate { of: other });
            }
        }
        let (_, quads) = mapping::extraction_quads(x, &self.store.iris, ingested_at);
        self.pending.extend(quads);
        self.pending_shas.insert(x.report.sha256.clone(), x.report.id.clone());
        self.pending_ids.insert(x.report.id.clone());
        if self.pending.len() >= self.max_quads {
            self.flush()?;
        }
        Ok(PutOutcome::Added)
    }

    /// Writes the pending reports (one atomic ingestion).
    pub fn flush(&mut self) -> Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let mut loader = self.store.bulk_loader();
        loader.load_quads(self.pending.drain(..))?;
        loader.commit()?;
        self.pending_shas.clear();
        self.pending_ids.clear();
        Ok(())
    }

    /// Writes what is pending and ends the writer.
    pub fn finish(mut self) -> Result<()> {
        self.flush()
    }
}

/// Figures about a store.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct StoreStats {
    pub reports: usize,
    /// `None` when not counted ([`GraphStore::counts`], [`GraphStore::quick_stats`]):
    /// counting walks every quad.
    pub triples: Option<usize>,
    pub entities: usize,
    pub operation_mentions: usize,
    pub operations: usize,
}

/// The store-wide figures a build prints, kept on the store node (metadata graph) from
/// one build to the next: an add updates them by what it changed instead of counting
/// the whole store (four index scans, a tenth of a second on a 100k-report store).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct KeptCounts {
    /// Entities with a report count in the corpus graph.
    pub entities: usize,
    pub operation_mentions: usize,
    /// Corpus-level operations.
    pub operations: usize,
}

impl KeptCounts {
    /// The figures after a build added `mentions` operation mentions (replacing none) and
    /// its incremental merge made `change`; `None` if they would fall below zero (which a
    /// store that drifted from its kept figures would show).
    pub fn updated(self, mentions: usize, change: crate::merge::CountChange) -> Option<KeptCounts> {
        let add = |n: usize, d: i64| usize::try_from(i64::try_from(n).ok()?.checked_add(d)?).ok();
        Some(KeptCounts {
            entities: add(self.entities, change.entities)?,
            operation_mentions: self.operation_mentions.checked_add(mentions)?,
            operations: add(self.operations, change.operations)?,
        })
    }
}

const KEPT_COUNTS: [oxigraph::model::NamedNodeRef<'static>; 3] =
    [opg::ENTITY_TOTAL, opg::OPERATION_MENTION_TOTAL, opg::OPERATION_TOTAL];

/// The quads of the kept figures: on the store node of `iris`, or anywhere.
fn kept_count_quads(store: &Store, iris: Option<&Iris>) -> Result<Vec<Quad>> {
    let place = iris.map(|iris| (iris.store_node(), iris.meta_graph()));
    let mut quads = Vec::new();
    for p in KEPT_COUNTS {
        let (node, meta) = match &place {
            Some((node, meta)) => (Some(node.as_ref().into()), Some(meta.as_ref().into())),
            None => (None, None),
        };
        for q in store.quads_for_pattern(node, Some(p), None, meta) {
            quads.push(q?);
        }
    }
    Ok(quads)
}

/// A SPARQL query counting the instances of `class` in `graph` (a variable or an IRI).
fn typed_count(class: oxigraph::model::NamedNodeRef<'_>, graph: &str) -> String {
    format!(
        "SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {graph} {{ ?x a <{}> }} }}",
        class.as_str()
    )
}

/// Drops the figures a build kept ([`KeptCounts`]), whatever the base IRI they were
/// kept under, after which the next build counts the store again.
pub fn drop_kept_counts(store: &Store) -> Result<()> {
    for q in &kept_count_quads(store, None)? {
        store.remove(q)?;
    }
    Ok(())
}

/// For a writer other than the build (the endpoint's SPARQL Update and graph store
/// protocol), which may change anything: drops the figures a build kept
/// ([`drop_kept_counts`]) and the merge records' status ([`GraphStore::records_current`]),
/// whatever the base IRI they were kept under.
pub fn drop_kept_state(store: &Store) -> Result<()> {
    drop_kept_counts(store)?;
    let status: Vec<Quad> = store
        .quads_for_pattern(None, Some(opg::MERGE_RECORD_STATUS), None, None)
        .collect::<std::result::Result<_, _>>()?;
    for q in &status {
        store.remove(q)?;
    }
    Ok(())
}

/// An opgraph store.
pub struct GraphStore {
    inner: Store,
    iris: Iris,
    location: Option<PathBuf>,
}

impl GraphStore {
    /// Opens (creating if needed) a store on disk for reading and writing.
    ///
    /// Built without feature `rocksdb`, this fails with [`Error::NoDiskStore`].
    pub fn open(path: &Path, iris: Iris) -> Result<GraphStore> {
        let inner = disk::open(path)?;
        let s = GraphStore {
            inner,
            iris,
            location: Some(path.to_path_buf()),
        };
        s.check_format(true)?;
        s.ensure_schema_graphs(None)?;
        Ok(s)
    }

    /// Opens an existing store for reading only; works while another process writes it.
    ///
    /// Built without feature `rocksdb`, this fails with [`Error::NoDiskStore`].
    pub fn open_read_only(path: &Path, iris: Iris) -> Result<GraphStore> {
        let inner = disk::open_read_only(path)?;
        let s = GraphStore {
            inner,
            iris,
            location: Some(path.to_path_buf()),
        };
        s.check_format(false)?;
        Ok(s)
    }

    /// A store in memory (tests, one-shot pipelines).
    pub fn memory(iris: Iris) -> Result<GraphStore> {
        let s = GraphStore {
            inner: Store::new()?,
            iris,
            location: None,
        };
        s.check_format(true)?;
        s.ensure_schema_graphs(None)?;
        Ok(s)
    }

    /// The underlying Oxigraph store.
    pub fn inner(&self) -> &Store {
        &self.inner
    }

    pub fn iris(&self) -> &Iris {
        &self.iris
    }

    /// The store's folder name (never the full path: it is shown to remote users).
    pub fn name(&self) -> String {
        self.location
            .as_deref()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "memory".into())
    }

    fn check_format(&self, write: bool) -> Result<()> {
        let meta = self.iris.meta_graph();
        let node = self.iris.store_node();
        let found = self.literal_in(&node.clone().into(), opg::STORE_FORMAT, &meta)?;
        match found {
            Some(v) if v == STORE_FORMAT => Ok(()),
            Some(v) => Err(Error::StoreVersion {
                path: self.name(),
                found: v,
                expected: STORE_FORMAT.into(),
            }),
            None if self.inner.is_empty()? => {
                if write {
                    self.inner.insert(QuadRef::new(
                        node.as_ref(),
                        opg::STORE_FORMAT,
                        Literal::new_simple_literal(STORE_FORMAT).as_ref(),
                        meta.as_ref(),
                    ))?;
                }
                Ok(())
            }
            None => Err(Error::StoreVersion {
                path: self.name(),
                found: "none (not an opgraph store, or one older than format 1)".into(),
                expected: STORE_FORMAT.into(),
            }),
        }
    }

    /// Loads the ontology and the gazetteer (built-in plus `extra`) into their graphs,
    /// replacing them when their content changed since the last run.
    pub fn ensure_schema_graphs(&self, extra: Option<&crate::gazetteer::Gazetteer>) -> Result<()> {
        self.replace_graph_if_changed(&self.iris.ontology_graph(), ONTOLOGY_TTL.as_bytes(), || {
            let graph = self.iris.ontology_graph();
            let mut quads = Vec::new();
            for t in
                oxigraph::io::RdfParser::from_format(oxigraph::io::RdfFormat::Turtle).for_slice(ONTOLOGY_TTL.as_bytes())
            {
                let t = t.map_err(|e| Error::Invalid(format!("ontology/opgraph.ttl: {e}")))?;
                quads.push(Quad::new(t.subject, t.predicate, t.object, graph.clone()));
            }
            Ok(quads)
        })?;
        let gaz = crate::gazetteer::shared()?;
        let mut fingerprint = gaz.fingerprint();
        if let Some(x) = extra {
            fingerprint.push_str(&x.fingerprint());
        }
        self.replace_graph_if_changed(&self.iris.gazetteer_graph(), fingerprint.as_bytes(), || {
            let graph = self.iris.gazetteer_graph();
            let base = self.iris.entity_base();
            let mut quads = gaz.to_quads(&base, &graph);
            if let Some(x) = extra {
                quads.extend(x.to_quads(&base, &graph));
            }
            // rdfs:label = the preferred (English) label, so queries have one name to show.
            for g in std::iter::once(&*gaz).chain(extra) {
                for e in g.entries() {
                    if let Ok(node) = NamedNode::new(format!("{base}{}", e.slug)) {
                        quads.push(Quad::new(
                            node,
                            crate::rdf::vocab::rdfs::LABEL.into_owned(),
                            Literal::new_simple_literal(&e.pref_label),
                            graph.clone(),
                        ));
                    }
                }
            }
            Ok(quads)
        })
    }

    fn replace_graph_if_changed(
        &self,
        graph: &NamedNode,
        content: &[u8],
        quads: impl FnOnce() -> Result<Vec<Quad>>,
    ) -> Result<()> {
        let hash = hex(&Sha256::digest(content));
        let meta = self.iris.meta_graph();
        let current = self
            .inner
            .quads_for_pattern(
                Some(graph.as_ref().into()),
                Some(opg::SHA256),
                None,
                Some(meta.as_ref().into()),
            )
            .next()
            .transpose()?;
        if let Some(q) = &current {
            if matches!(&q.object, Term::Literal(l) if l.value() == hash) {
                return Ok(());
            }
        }
        let quads = quads()?;
        let mut t = self.inner.start_transaction()?;
        t.remove_named_graph(NamedOrBlankNodeRef::from(graph.as_ref()))?;
        if let Some(q) = current {
            t.remove(&q);
        }
        t.extend(&quads);
        t.insert(QuadRef::new(
            graph.as_ref(),
            opg::SHA256,
            Literal::new_simple_literal(&hash).as_ref(),
            meta.as_ref(),
        ));
        t.commit()?;
        Ok(())
    }

    /// The stored graphs of a report id: (graph, sha256, extractor version).
    pub fn report_graphs(&self, report_id: &str) -> Result<Vec<(NamedNode, String, String)>> {
        let id = Literal::new_simple_literal(report_id);
        let mut out = Vec::new();
        for q in self
            .inner
            .quads_for_pattern(None, Some(opg::REPORT_ID), Some(id.as_ref().into()), None)
        {
            let q = q?;
            let oxigraph::model::GraphName::NamedNode(g) = q.graph_name else {
                continue;
            };
            if !self.iris.is_report_graph(g.as_str()) {
                continue;
            }
            let sha = self.literal_in(&q.subject, opg::SHA256, &g)?.unwrap_or_default();
            let version = self
                .inner
                .quads_for_pattern(None, Some(opg::EXTRACTOR_VERSION), None, Some(g.as_ref().into()))
                .next()
                .transpose()?
                .and_then(|q| match q.object {
                    Term::Literal(l) => Some(l.value().to_string()),
                    _ => None,
                })
                .unwrap_or_default();
            out.push((g, sha, version));
        }
        Ok(out)
    }

    fn literal_in(
        &self,
        s: &oxigraph::model::NamedOrBlankNode,
        p: oxigraph::model::NamedNodeRef<'_>,
        g: &NamedNode,
    ) -> Result<Option<String>> {
        Ok(self
            .inner
            .quads_for_pattern(Some(s.as_ref()), Some(p), None, Some(g.as_ref().into()))
            .next()
            .transpose()?
            .and_then(|q| match q.object {
                Term::Literal(l) => Some(l.value().to_string()),
                _ => None,
            }))
    }

    /// Writes one report's extraction atomically, replacing what the same report id had.
    pub fn put_extraction(&self, x: &Extraction, ingested_at: &str) -> Result<PutOutcome> {
        let existing = self.report_graphs(&x.report.id)?;
        if existing
            .iter()
            .any(|(_, sha, v)| *sha == x.report.sha256 && v == EXTRACTOR_VERSION)
        {
            return Ok(PutOutcome::Unchanged);
        }
        let graph = self.iris.report_graph(&x.report.sha256);
        if existing.iter().all(|(g, _, _)| *g != graph) {
            // The same bytes under another id: keep the first, say so.
            let report = self.iris.report(&x.report.sha256);
            if let Some(other) = self.literal_in(&report.clone().into(), opg::REPORT_ID, &graph)? {
                if other != x.report.id {
                    return Ok(PutOutcome::Duplicate { of: other });
                }
            }
        }
        let (graph, quads) = mapping::extraction_quads(x, &self.iris, ingested_at);
        let mut entities = Vec::new();
        for (g, _, _) in &existing {
            for q in self
                .inner
                .quads_for_pattern(None, Some(opg::MENTIONED_IN), None, Some(g.as_ref().into()))
            {
                if let oxigraph::model::NamedOrBlankNode::NamedNode(e) = q?.subject {
                    entities.push(e);
                }
            }
        }
        let mut t = self.inner.start_transaction()?;
        for (g, _, _) in &existing {
            t.remove_named_graph(NamedOrBlankNodeRef::from(g.as_ref()))?;
        }
        t.remove_named_graph(NamedOrBlankNodeRef::from(graph.as_ref()))?;
        t.extend(&quads);
        t.commit()?;
        Ok(if existing.is_empty() {
            PutOutcome::Added
        } else {
            PutOutcome::Replaced {
                previous: existing.into_iter().map(|(_, sha, _)| sha).collect(),
                entities,
            }
        })
    }

    /// A writer that puts many reports in a row: new reports are collected and written in
    /// batches through Oxigraph's bulk loader (sorted files ingested in one atomic step,
    /// instead of one transaction per report through RocksDB's memtables, which took
    /// 90 % of a build); replacements go through [`GraphStore::put_extraction`]. Call
    /// [`ReportWriter::finish`] at the end: what is still pending is written then.
    pub fn report_writer(&self) -> ReportWriter<'_> {
        ReportWriter {
            store: self,
            pending: Vec::new(),
            pending_shas: HashMap::new(),
            pending_ids: std::collections::HashSet::new(),
            max_quads: BATCH_QUADS,
        }
    }

    /// Removes a report (by id) and its graph. Returns whether anything was removed.
    pub fn remove_report(&self, report_id: &str) -> Result<bool> {
        let existing = self.report_graphs(report_id)?;
        let mut t = self.inner.start_transaction()?;
        for (g, _, _) in &existing {
            t.remove_named_graph(NamedOrBlankNodeRef::from(g.as_ref()))?;
        }
        t.commit()?;
        Ok(!existing.is_empty())
    }

    /// Oxigraph's bulk loader on two threads, with batches of 128k quads per thread
    /// instead of the default million: a batch is allocated at its full size, and a
    /// million quads with their strings take 0.4 GB, with two threads holding two
    /// batches while a third fills (a single report of 600k quads peaked at 720 MB).
    fn bulk_loader(&self) -> oxigraph::store::BulkLoader<'_> {
        self.inner
            .bulk_loader()
            .with_num_threads(2)
            .with_max_memory_size_in_megabytes(256)
    }

    /// Replaces the whole content of a named graph in one transaction.
    pub fn replace_graph(&self, graph: &NamedNode, quads: &[Quad]) -> Result<()> {
        let mut t = self.inner.start_transaction()?;
        t.clear_graph(GraphNameRef::NamedNode(graph.as_ref()))?;
        t.extend(quads);
        t.commit()?;
        Ok(())
    }

    /// Replaces a graph's content like [`GraphStore::replace_graph`], writing the new
    /// quads through the bulk loader when there are many (a full merge writes hundreds of
    /// thousands; in one transaction they took a tenth of a 10k-report build). Not atomic:
    /// a reader may see the graph empty or partly written, and a crash may leave it so.
    /// The caller marks what depends on the graph as stale first (the merge status).
    ///
    /// The quads are consumed as they load: a caller can generate them lazily, so that
    /// they are never all in memory at once (1 GB for a 100k-report corpus graph).
    pub fn replace_graph_bulk(&self, graph: &NamedNode, quads: impl IntoIterator<Item = Quad>) -> Result<()> {
        let mut quads = quads.into_iter();
        let head: Vec<Quad> = quads.by_ref().take(BULK_MIN_QUADS).collect();
        if head.len() < BULK_MIN_QUADS {
            return self.replace_graph(graph, &head);
        }
        self.clear_graph_in_chunks(graph)?;
        // The removals sit in RocksDB's memtables until they are flushed.
        self.flush()?;
        let mut loader = self.bulk_loader();
        loader.load_quads(head.into_iter().chain(quads))?;
        loader.commit()?;
        Ok(())
    }

    /// Empties a graph one transaction of 100k quads at a time. Oxigraph's `clear_graph`
    /// removes them all in one transaction, whose write batch holds every index entry of
    /// every quad: replacing the 100k-report corpus graph (2M quads) peaked at 3.5 GB.
    fn clear_graph_in_chunks(&self, graph: &NamedNode) -> Result<()> {
        const CHUNK: usize = 100_000;
        loop {
            let chunk = self
                .inner
                .quads_for_pattern(None, None, None, Some(graph.as_ref().into()))
                .take(CHUNK)
                .collect::<std::result::Result<Vec<_>, _>>()?;
            let mut t = self.inner.start_transaction()?;
            for q in &chunk {
                t.remove(q);
            }
            t.commit()?;
            if chunk.len() < CHUNK {
                return Ok(());
            }
        }
    }

    /// Removes `remove` and inserts `insert`, which share no quad, the insertions through
    /// the bulk loader when there are many (a full merge of a fresh 100k store writes a
    /// merge record for each of its mentions). Not atomic, like
    /// [`GraphStore::replace_graph_bulk`].
    pub fn change_in_bulk(&self, remove: &[Quad], insert: Vec<Quad>) -> Result<()> {
        for chunk in remove.chunks(100_000) {
            let mut t = self.inner.start_transaction()?;
            for q in chunk {
                t.remove(q);
            }
            t.commit()?;
        }
        if insert.len() < BULK_MIN_QUADS {
            let mut t = self.inner.start_transaction()?;
            t.extend(&insert);
            t.commit()?;
            return Ok(());
        }
        let mut loader = self.bulk_loader();
        loader.load_quads(insert)?;
        loader.commit()?;
        Ok(())
    }

    /// Removes and inserts quads in one transaction; `remove` holds quads read from the
    /// store. A quad in both lists is left as it is: an incremental merge rewrites the
    /// ~10k quads of the operations it reclusters, and most come back unchanged, so only
    /// the difference is written.
    pub fn apply_changes(&self, remove: &[Quad], insert: &[Quad]) -> Result<()> {
        let removed: HashSet<&Quad> = remove.iter().collect();
        let inserted: HashSet<&Quad> = insert.iter().collect();
        let mut t = self.inner.start_transaction()?;
        for q in remove.iter().filter(|q| !inserted.contains(q)) {
            t.remove(q);
        }
        t.extend(insert.iter().filter(|q| !removed.contains(q)));
        t.commit()?;
        Ok(())
    }

    /// Whether the corpus graph reflects every report graph (see `opg:mergeStatus`).
    pub fn merge_current(&self) -> Result<bool> {
        let node = self.iris.store_node();
        let meta = self.iris.meta_graph();
        Ok(self.literal_in(&node.into(), opg::MERGE_STATUS, &meta)?.as_deref() == Some("current"))
    }

    /// Marks the corpus graph as current (after a merge) or not (before reports change).
    pub fn set_merge_current(&self, current: bool) -> Result<()> {
        if self.merge_current()? == current {
            return Ok(());
        }
        let node = self.iris.store_node();
        let meta = self.iris.meta_graph();
        let quad = Quad::new(
            node,
            opg::MERGE_STATUS.into_owned(),
            Literal::new_simple_literal("current"),
            meta,
        );
        if current {
            self.inner.insert(&quad)?;
        } else {
            self.inner.remove(&quad)?;
            drop_kept_counts(&self.inner)?;
        }
        Ok(())
    }

    /// Whether every merge record in the store is the one its mention's statements give
    /// (`opg:mergeRecordStatus`): set by a full merge, which rewrites the records, and
    /// dropped by writes from outside a build ([`drop_kept_state`]). The incremental merge
    /// reads mentions by their records only while it holds.
    pub fn records_current(&self) -> Result<bool> {
        let node = self.iris.store_node();
        let meta = self.iris.meta_graph();
        Ok(self
            .literal_in(&node.into(), opg::MERGE_RECORD_STATUS, &meta)?
            .as_deref()
            == Some("current"))
    }

    /// Marks the merge records as current ([`GraphStore::records_current`]).
    pub fn set_records_current(&self) -> Result<()> {
        let quad = Quad::new(
            self.iris.store_node(),
            opg::MERGE_RECORD_STATUS.into_owned(),
            Literal::new_simple_literal("current"),
            self.iris.meta_graph(),
        );
        self.inner.insert(&quad)?;
        Ok(())
    }

    /// The figures the last build kept ([`GraphStore::keep_counts`]); `None` when it kept
    /// none, or the merge is not current (the writes that mark it so drop them).
    pub fn kept_counts(&self) -> Result<Option<KeptCounts>> {
        if !self.merge_current()? {
            return Ok(None);
        }
        let node = self.iris.store_node().into();
        let meta = self.iris.meta_graph();
        let mut read = [None; 3];
        for (value, p) in read.iter_mut().zip(KEPT_COUNTS) {
            *value = self.literal_in(&node, p, &meta)?.and_then(|v| v.parse::<usize>().ok());
        }
        Ok(match read {
            [Some(entities), Some(operation_mentions), Some(operations)] => Some(KeptCounts {
                entities,
                operation_mentions,
                operations,
            }),
            _ => None,
        })
    }

    /// The operation mentions of some graphs (typed, like [`GraphStore::counts`] counts them).
    pub fn operation_mentions_in(&self, graphs: &[NamedNode]) -> Result<usize> {
        let mut n = 0;
        for g in graphs {
            for q in self.inner.quads_for_pattern(
                None,
                Some(RDF_TYPE),
                Some(opg::OPERATION_MENTION.into()),
                Some(g.as_ref().into()),
            ) {
                q?;
                n += 1;
            }
        }
        Ok(n)
    }

    /// Keeps a build's figures on the store node, for the next build to update. Returns
    /// the change in the store's quad count (3 the first time, else 0).
    pub fn keep_counts(&self, counts: &KeptCounts) -> Result<i64> {
        let (node, meta) = (self.iris.store_node(), self.iris.meta_graph());
        let remove = kept_count_quads(&self.inner, Some(&self.iris))?;
        let values = [counts.entities, counts.operation_mentions, counts.operations];
        let insert: Vec<Quad> = KEPT_COUNTS
            .iter()
            .zip(values)
            .map(|(p, n)| {
                Quad::new(
                    node.clone(),
                    p.into_owned(),
                    Literal::from(i64::try_from(n).unwrap_or(i64::MAX)),
                    meta.clone(),
                )
            })
            .collect();
        self.apply_changes(&remove, &insert)?;
        // Every kept quad out, three in.
        Ok(insert.len() as i64 - remove.len() as i64)
    }

    /// Runs a SPARQL query over the union of all graphs.
    pub fn query(&self, sparql: &str) -> Result<QueryResults<'static>> {
        self.query_with(sparql, &[])
    }

    /// Runs a SPARQL query with variables bound before evaluation. Relative IRIs are
    /// resolved against the store's base IRI.
    ///
    /// A SELECT ordered by variables it returns is evaluated without its ORDER BY and its
    /// rows sorted here ([`crate::order`]): the engine decodes terms from the store at
    /// every comparison of its sort, ten million look-ups for 290k rows.
    pub fn query_with(&self, sparql: &str, bindings: &[(String, Term)]) -> Result<QueryResults<'static>> {
        self.run(crate::queries::parse(sparql, self.iris.base())?, bindings)
    }

    /// Runs a canned query: a listing a page at a time, its parameters bound (see
    /// [`crate::queries::prepare`]).
    pub fn canned(
        &self,
        q: &crate::queries::CannedQuery,
        page: crate::queries::Page,
        bindings: &[(String, Term)],
    ) -> Result<QueryResults<'static>> {
        let (query, _) = crate::queries::prepare(&q.sparql, self.iris.base(), q.page.is_some(), page)?;
        self.run(query, bindings)
    }

    /// Runs a parsed query (see [`crate::queries::parse`] for the base IRI it needs).
    pub fn run(&self, parsed: spargebra::Query, bindings: &[(String, Term)]) -> Result<QueryResults<'static>> {
        if let Some((unordered, keys)) = crate::order::split_order(&parsed) {
            if let QueryResults::Solutions(solutions) = self.evaluate(unordered, bindings)? {
                let variables: Arc<[Variable]> = solutions.variables().into();
                let mut rows = Vec::new();
                for row in solutions {
                    rows.push(row?.values().to_vec());
                }
                if let Some(sorted) = keys.sorted(variables, rows) {
                    return Ok(sorted);
                }
            }
        }
        self.evaluate(parsed, bindings)
    }

    fn evaluate(&self, query: spargebra::Query, bindings: &[(String, Term)]) -> Result<QueryResults<'static>> {
        let mut prepared = SparqlEvaluator::new().for_query(query);
        prepared.dataset_mut().set_default_graph_as_union();
        for (name, term) in bindings {
            let var = oxigraph::sparql::Variable::new(name.trim_start_matches(['?', '$']))
                .map_err(|e| Error::Invalid(format!("parameter {name:?}: {e}")))?;
            prepared = prepared.substitute_variable(var, term.clone());
        }
        Ok(prepared.on_store(&self.inner).execute()?)
    }

    /// A SELECT query as rows of variable → term (internal convenience).
    pub fn select(&self, sparql: &str) -> Result<Vec<HashMap<String, Term>>> {
        match self.query(sparql)? {
            QueryResults::Solutions(solutions) => {
                let mut rows = Vec::new();
                for s in solutions {
                    let s = s?;
                    rows.push(s.iter().map(|(v, t)| (v.as_str().to_string(), t.clone())).collect());
                }
                Ok(rows)
            }
            _ => Err(Error::Invalid("expected a SELECT query".into())),
        }
    }

    /// The number of reports, counting no further than `limit`.
    pub fn report_count(&self, limit: usize) -> Result<usize> {
        let mut n = 0;
        for q in self
            .inner
            .quads_for_pattern(None, Some(RDF_TYPE), Some(opg::REPORT_CLASS.into()), None)
            .take(limit)
        {
            q?;
            n += 1;
        }
        Ok(n)
    }

    /// Counts of reports, triples, entities and operations.
    pub fn stats(&self) -> Result<StoreStats> {
        let mut stats = self.counts()?;
        stats.triples = Some(self.inner.len()?);
        Ok(stats)
    }

    /// The figures of [`GraphStore::stats`] but the triple count (left 0), read from
    /// indexes in time proportional to the reports, mentions and entities counted, not
    /// to the store: `Store::len` walks every quad (seconds on a 100k-report store),
    /// and the distinct mentioned entities are read from the merge's per-entity counts
    /// when the merge is current.
    ///
    /// The four counts run at once, each on its own thread: on a cold page cache they
    /// wait on the disk, not the CPU (0.08 s → 0.05 s after a cold add to a 100k store).
    pub fn counts(&self) -> Result<StoreStats> {
        let corpus = self.iris.corpus_graph();
        let entities = if self.merge_current()? {
            format!(
                "SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{}> {{ ?e <{}> ?c }} }}",
                corpus.as_str(),
                opg::REPORT_COUNT.as_str()
            )
        } else {
            format!(
                "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{ GRAPH ?g {{ ?e <{}> ?r }} }}",
                opg::MENTIONED_IN.as_str()
            )
        };
        let queries = [
            typed_count(opg::REPORT_CLASS, "?g"),
            entities,
            typed_count(opg::OPERATION_MENTION, "?g"),
            typed_count(opg::OPERATION, &format!("<{}>", corpus.as_str())),
        ];
        let [reports, entities, operation_mentions, operations] = std::thread::scope(|scope| {
            queries.each_ref().map(|q| scope.spawn(move || self.count(q))).map(|t| {
                t.join()
                    .unwrap_or_else(|_| Err(Error::Invalid("a count panicked".into())))
            })
        });
        Ok(StoreStats {
            reports: reports?,
            triples: None,
            entities: entities?,
            operation_mentions: operation_mentions?,
            operations: operations?,
        })
    }

    /// [`GraphStore::stats`] but the triple count, in time proportional to the
    /// reports: the reports counted from an index, the other figures as the last build
    /// kept them ([`GraphStore::kept_counts`]), or as [`GraphStore::counts`] reads them
    /// when it kept none.
    pub fn quick_stats(&self) -> Result<StoreStats> {
        let Some(kept) = self.kept_counts()? else {
            return self.counts();
        };
        Ok(StoreStats {
            reports: self.count(&typed_count(opg::REPORT_CLASS, "?g"))?,
            triples: None,
            entities: kept.entities,
            operation_mentions: kept.operation_mentions,
            operations: kept.operations,
        })
    }

    /// The value of `?n` in the one row of a counting SELECT query. Aggregates are
    /// evaluated on the store's internal ids: counting this way reads no strings, unlike
    /// iterating over decoded quads (10x faster on a 100k-report store).
    pub(crate) fn count(&self, sparql: &str) -> Result<usize> {
        let rows = self.select(sparql)?;
        match rows.first().and_then(|r| r.get("n")) {
            Some(Term::Literal(l)) => l
                .value()
                .parse()
                .map_err(|e| Error::Invalid(format!("count {:?}: {e}", l.value()))),
            _ => Err(Error::Invalid(format!("no count from {sparql}"))),
        }
    }

    /// Flushes what was written from RocksDB's memtables to disk (no compaction: that is
    /// [`GraphStore::compact`]).
    pub fn flush(&self) -> Result<()> {
        if self.location.is_some() {
            disk::flush(&self.inner)?;
        }
        Ok(())
    }

    /// The files and bytes of the on-disk store (zero for an in-memory one).
    pub fn disk_usage(&self) -> Result<DiskUsage> {
        let mut usage = DiskUsage::default();
        if let Some(dir) = &self.location {
            for entry in std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))? {
                let entry = entry.map_err(|e| Error::io(dir, e))?;
                // RocksDB's background compactions delete files while we list them.
                let meta = match entry.metadata() {
                    Ok(meta) => meta,
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                    Err(e) => return Err(Error::io(entry.path(), e)),
                };
                if meta.is_file() {
                    usage.files += 1;
                    usage.bytes += meta.len();
                    if entry.path().extension().is_some_and(|x| x == "sst") {
                        usage.tables += 1;
                    }
                }
            }
        }
        Ok(usage)
    }

    /// Compacts the on-disk store: after a change of millions of statements (a full
    /// merge rewrites the corpus graph), the deleted ones stay as tombstones that every
    /// scan steps over until RocksDB compacts them, and listing queries read 2–3× slower.
    ///
    /// The store's size right after is recorded (in [`COMPACTED_FILE`]): see
    /// [`GraphStore::compaction_advice`].
    pub fn compact(&self) -> Result<()> {
        if let Some(dir) = &self.location {
            disk::compact(&self.inner)?;
            // Beside RocksDB's files, which it leaves alone: the graph does not change.
            let bytes = self.disk_usage()?.bytes;
            let path = dir.join(COMPACTED_FILE);
            std::fs::write(&path, format!("{bytes}\n")).map_err(|e| Error::io(&path, e))?;
        }
        Ok(())
    }

    /// What the store took right after its last compaction, if it had one.
    pub fn compacted_bytes(&self) -> Option<u64> {
        let path = self.location.as_ref()?.join(COMPACTED_FILE);
        std::fs::read_to_string(path).ok()?.trim().parse().ok()
    }

    /// Why `opgraph compact` would make adds faster, if it would (`incremental`: after an
    /// add, which leaves small files behind).
    pub fn compaction_advice(&self, incremental: bool) -> Result<Option<CompactionAdvice>> {
        if self.location.is_none() {
            return Ok(None);
        }
        let usage = self.disk_usage()?;
        if incremental && usage.compaction_advised() {
            return Ok(Some(CompactionAdvice::ManyFiles));
        }
        Ok(usage
            .unsettled(self.compacted_bytes())
            .then_some(CompactionAdvice::Unsettled))
    }
}

/// Why a store is worth compacting ([`GraphStore::compaction_advice`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CompactionAdvice {
    /// One-report adds have left many small files.
    ManyFiles,
    /// A large store never compacted, or grown far past its size at its last compaction:
    /// bulk loads leave overlapping files that RocksDB merges in the background, and a
    /// short process (an add) starts that work and abandons it when it exits, again and
    /// again.
    Unsettled,
}

/// The on-disk backend: RocksDB through Oxigraph.
#[cfg(feature = "rocksdb")]
mod disk {
    use std::path::Path;

    use oxigraph::store::{StorageError, Store};

    use crate::error::{Error, Result};

    fn storage_error(path: &Path, e: StorageError) -> Error {
        let msg = e.to_string();
        if msg.contains("LOCK") || msg.to_ascii_lowercase().contains("lock") {
            Error::StoreLocked {
                path: path.display().to_string(),
                reason: "another process (a build, or a server) has it open for writing; wait for it or use --read-only commands".into(),
            }
        } else {
            Error::Store(format!("{}: {msg}", path.display()))
        }
    }

    pub(super) fn open(path: &Path) -> Result<Store> {
        std::fs::create_dir_all(path).map_err(|e| Error::io(path, e))?;
        Store::open(path).map_err(|e| storage_error(path, e))
    }

    pub(super) fn open_read_only(path: &Path) -> Result<Store> {
        if !path.join("CURRENT").exists() {
            return Err(Error::Store(format!(
                "{}: no opgraph store here (build one with `opgraph build PATH --store {}`)",
                path.display(),
                path.display()
            )));
        }
        // A writer may be compacting while we read its file list: files named in the
        // manifest can vanish under us. Such an open is retried a few times.
        let mut attempt = 0;
        loop {
            match Store::open_read_only(path) {
                Ok(store) => return Ok(store),
                Err(e) => {
                    let msg = e.to_string();
                    attempt += 1;
                    let moving = msg.contains("No such file or directory") || msg.contains("Column family not found");
                    if moving && attempt < 5 {
                        std::thread::sleep(std::time::Duration::from_millis(100 * attempt));
                        continue;
                    }
                    return Err(if moving {
                        // A build that has just created the folder (no column families yet),
                        // or one rewriting its files: say so instead of RocksDB's words.
                        Error::StoreLocked {
                            path: path.display().to_string(),
                            reason: "a build is writing it right now; retry when the build is done".into(),
                        }
                    } else {
                        storage_error(path, e)
                    });
                }
            }
        }
    }

    pub(super) fn flush(store: &Store) -> Result<()> {
        Ok(store.flush()?)
    }

    pub(super) fn compact(store: &Store) -> Result<()> {
        Ok(store.optimize()?)
    }
}

/// Built without feature `rocksdb`: no on-disk store, a typed error instead (nothing is
/// created on disk).
#[cfg(not(feature = "rocksdb"))]
mod disk {
    use std::path::Path;

    use oxigraph::store::Store;

    use crate::error::{Error, Result};

    pub(super) fn open(path: &Path) -> Result<Store> {
        Err(Error::NoDiskStore {
            path: path.display().to_string(),
        })
    }

    pub(super) fn open_read_only(path: &Path) -> Result<Store> {
        open(path)
    }

    /// Only in-memory stores exist in this build: nothing to flush.
    pub(super) fn flush(_store: &Store) -> Result<()> {
        Ok(())
    }

    /// Nor to compact.
    pub(super) fn compact(_store: &Store) -> Result<()> {
        Ok(())
    }
}

/// The file of a store's folder that holds its size right after its last compaction.
pub const COMPACTED_FILE: &str = "opgraph-compacted";

/// Below this size a store settles its files faster than an add runs: no advice.
pub const UNSETTLED_MIN_BYTES: u64 = 256 << 20;

/// What a store takes on disk: see [`GraphStore::disk_usage`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct DiskUsage {
    pub files: usize,
    /// RocksDB's table files (`*.sst`).
    pub tables: usize,
    pub bytes: u64,
}

impl DiskUsage {
    /// Has the store split into so many table files that it is worth compacting? One-report
    /// adds leave small files behind: the 100k-report store (5.4 GB) had 94 after a
    /// compaction, 157 after 42 adds and 472 after ~170, when a cold add took a median of
    /// 1.02 s instead of 0.80 s. More than 40 per GB (and 100 in all) asks for
    /// `opgraph compact`.
    pub fn compaction_advised(&self) -> bool {
        let gb = self.bytes as f64 / 1e9;
        self.tables > 100 && self.tables as f64 > 40.0 * gb
    }

    /// Has RocksDB files to settle? A store over [`UNSETTLED_MIN_BYTES`] that was never
    /// compacted (a bulk build leaves overlapping files behind), or that has grown by more
    /// than a fifth since it was (`compacted`: its size then). The 100k-report store took
    /// 8.3 GB after its build and a few adds, 6.0 GB compacted; adds on it spent 42% of
    /// their CPU samples in RocksDB's abandoned compactions before, under 5% after.
    pub fn unsettled(&self, compacted: Option<u64>) -> bool {
        self.bytes > UNSETTLED_MIN_BYTES && compacted.is_none_or(|c| self.bytes as f64 > 1.2 * c as f64)
    }
}

#[cfg(test)]
mod disk_usage_tests {
    use super::DiskUsage;

    #[test]
    fn compaction_is_advised_for_many_files_per_gigabyte() {
        let store = |tables, gb: f64| DiskUsage {
            files: tables + 10,
            tables,
            bytes: (gb * 1e9) as u64,
        };
        // The 100k store: compacted, after 42 adds, after ~170 adds.
        assert!(!store(94, 5.4).compaction_advised());
        assert!(!store(157, 5.4).compaction_advised());
        assert!(store(472, 5.4).compaction_advised());
        // A small store never asks: its files are few whatever their size.
        assert!(!store(60, 0.01).compaction_advised());
    }

    #[test]
    fn a_large_store_never_compacted_or_grown_a_fifth_since_is_unsettled() {
        let store = |gb: f64| DiskUsage {
            files: 150,
            tables: 140,
            bytes: (gb * 1e9) as u64,
        };
        let gb = |x: f64| Some((x * 1e9) as u64);
        // The 100k store after its build and a few adds, then compacted.
        assert!(store(8.3).unsettled(None));
        assert!(store(8.3).unsettled(gb(6.0)));
        assert!(!store(6.0).unsettled(gb(6.0)));
        assert!(!store(7.1).unsettled(gb(6.0)));
        // A small store settles on its own.
        assert!(!store(0.2).unsettled(None));
        assert!(store(0.3).unsettled(None));
    }
}

/// Lower-case hex of bytes.
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// Built without the on-disk store (the store's other tests live in tests/).
#[cfg(all(test, not(feature = "rocksdb")))]
mod tests {
    use super::*;

    fn iris() -> Iris {
        Iris::default()
    }

    /// Opening a disk store is a typed error that names the feature and creates nothing;
    /// in-memory stores still work.
    #[test]
    fn disk_store_without_rocksdb_is_a_typed_error() {
        let dir = std::env::temp_dir().join(format!("opgraph-no-rocksdb-{}", std::process::id()));
        for r in [GraphStore::open(&dir, iris()), GraphStore::open_read_only(&dir, iris())] {
            match r {
                Err(e @ Error::NoDiskStore { .. }) => assert!(e.to_string().contains("feature `rocksdb`"), "{e}"),
                Err(e) => panic!("unexpected error: {e}"),
                Ok(_) => panic!("opened a disk store without feature `rocksdb`"),
            }
        }
        assert!(!dir.exists());
        let mem = GraphStore::memory(iris()).expect("in-memory store");
        assert_eq!(mem.name(), "memory");
        mem.flush().expect("flush of an in-memory store");
    }
}

/// The batch writer's cases within one batch, on an in-memory store.
#[cfg(test)]
mod writer_tests {
    use super::*;
    use crate::extract::Extractor;
    use crate::input::report_from_str;

    fn extraction(x: &Extractor, id: &str, text: &str) -> Extraction {
        x.extract(report_from_str(id, text, None, None))
    }

    #[test]
    fn a_batch_handles_duplicates_repeats_and_replacements_like_single_puts() {
        let x = Extractor::builtin().expect("extractor");
        let store = GraphStore::memory(Iris::default()).expect("store");
        let a = extraction(&x, "a", "Europol supported an operation against Amaq in June 2019.");
        let a2 = extraction(&x, "a", "Eurojust coordinated a second action in November 2019.");
        let b_same_bytes = extraction(&x, "b", "Europol supported an operation against Amaq in June 2019.");
        let c = extraction(&x, "c", "The Spanish Guardia Civil arrested two suspects in Madrid.");
        let mut w = store.report_writer().with_batch_quads(usize::MAX);
        assert_eq!(w.put(&a, "2026-01-01T00:00:00Z").expect("a"), PutOutcome::Added);
        // Nothing is written before the batch is.
        assert_eq!(store.report_count(10).expect("count"), 0);
        assert_eq!(
            w.put(&a, "2026-01-01T00:00:00Z").expect("a again"),
            PutOutcome::Unchanged
        );
        assert_eq!(
            w.put(&b_same_bytes, "2026-01-01T00:00:00Z").expect("b"),
            PutOutcome::Duplicate { of: "a".into() }
        );
        assert_eq!(w.put(&c, "2026-01-01T00:00:00Z").expect("c"), PutOutcome::Added);
        // The same id with other bytes: the pending batch is written, then `a` replaced.
        match w.put(&a2, "2026-01-01T00:00:00Z").expect("a2") {
            PutOutcome::Replaced { previous, .. } => assert_eq!(previous, vec![a.report.sha256.clone()]),
            other => panic!("expected a replacement, got {other:?}"),
        }
        w.finish().expect("finish");
        assert_eq!(store.report_count(10).expect("count"), 2);
        let graphs = store.report_graphs("a").expect("graphs of a");
        assert_eq!(graphs.len(), 1);
        assert_eq!(graphs[0].1, a2.report.sha256);
        // Written in batches or one by one, the store holds the same quads.
        let single = GraphStore::memory(Iris::default()).expect("store");
        for e in [&a, &c, &a2] {
            single.put_extraction(e, "2026-01-01T00:00:00Z").expect("put");
        }
        let quads = |s: &GraphStore| {
            let mut v: Vec<String> = s.inner.iter().map(|q| q.expect("quad").to_string()).collect();
            v.sort();
            v
        };
        assert_eq!(quads(&store), quads(&single));
    }
}

#[cfg(test)]
mod replace_tests {
    use super::*;

    fn quads(graph: &NamedNode, tag: &str, n: usize) -> impl Iterator<Item = Quad> {
        let graph = graph.clone();
        let p = NamedNode::new("http://e.org/p").expect("iri");
        let tag = tag.to_string();
        (0..n).map(move |i| {
            Quad::new(
                NamedNode::new(format!("http://e.org/{tag}/{i}")).expect("iri"),
                p.clone(),
                Literal::from(i64::try_from(i).unwrap_or(0)),
                graph.clone(),
            )
        })
    }

    fn count(store: &GraphStore, graph: &NamedNode) -> usize {
        store
            .inner()
            .quads_for_pattern(None, None, None, Some(graph.as_ref().into()))
            .count()
    }

    #[test]
    fn a_large_graph_is_replaced_whole_across_chunks() {
        let store = GraphStore::memory(Iris::default()).expect("store");
        let (g, other) = (store.iris().corpus_graph(), store.iris().scores_graph());
        // More than two chunks of the clearing, and a neighbour that must stay.
        store.inner().extend(quads(&g, "old", 230_000)).expect("load");
        store.inner().extend(quads(&other, "keep", 10)).expect("load");
        store
            .replace_graph_bulk(&g, quads(&g, "new", BULK_MIN_QUADS + 5))
            .expect("replace");
        assert_eq!(count(&store, &g), BULK_MIN_QUADS + 5);
        assert_eq!(count(&store, &other), 10);
        let old = NamedNode::new("http://e.org/old/229999").expect("iri");
        assert_eq!(
            store
                .inner()
                .quads_for_pattern(Some(old.as_ref().into()), None, None, None)
                .count(),
            0
        );
    }
}
