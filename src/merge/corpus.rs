//! The merge against the store: reading operation mentions back from the report graphs
//! and writing corpus-level operations into the corpus graph, either from scratch
//! ([`rebuild_corpus`]) or around the reports a build touched ([`update_corpus`]).

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::time::Instant;

use chrono::Datelike;

use rayon::prelude::*;

use oxigraph::model::{GraphName, GraphNameRef, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term};
use serde::Serialize;

use super::record::{self, Decoded};
use super::summary;
use super::{
    blocking_keys, cluster, cluster_members, consensus, dates_agree, is_undated, near_month_end, pair_score, BlockKey,
    MergedOperation, OpMention, BORDER_DAYS, MAX_BLOCK, MIN_BLOCKING_COUNT, SOLE_TARGET_BLOCK,
};
use crate::error::Result;
use crate::model::{PartialDate, Qualifier, Role, Stages};
use crate::rdf::mapping::term_value as lit;
use crate::rdf::mapping::{date_literal, number_literal, parse_date_term};
use crate::rdf::vocab::{opg, rdfs, schema, xsd, RDF_TYPE};
use crate::rdf::Iris;
use crate::store::GraphStore;

/// The years a month-day block looks in for dated mentions ("21 November" without a year
/// may be the 21 November of any year the corpus tells).
const BLOCK_YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

/// Reads every operation mention of the store, sorted by IRI.
///
/// The typed mentions from one scan of the `rdf:type` index, then their statements in
/// batches (`Reader::mentions`, the same reading the incremental merge uses) on
/// rayon's threads. A 10k-report merge takes as long as with the per-mention index
/// look-ups this replaced (6.9 s against 7.1 s); three SPARQL joins over the whole store
/// took half as long again.
pub fn read_mentions(store: &GraphStore) -> Result<Vec<OpMention>> {
    Ok(read_all(store)?.0)
}

/// Every operation mention of the store from its statements, sorted by IRI, and the
/// changes that bring their merge records up to date.
fn read_all(store: &GraphStore) -> Result<(Vec<OpMention>, RecordFixes)> {
    let iris = store.iris();
    let mut subjects = Vec::new();
    let class = Term::from(opg::OPERATION_MENTION.into_owned());
    for q in store
        .inner()
        .quads_for_pattern(None, Some(RDF_TYPE), Some(class.as_ref()), None)
    {
        let q = q?;
        if let NamedOrBlankNode::NamedNode(m) = q.subject {
            if iris.is_report_graph(graph_str(&q.graph_name)) {
                subjects.push(m);
            }
        }
    }
    subjects.sort_unstable();
    subjects.dedup();
    let reader = Reader::new(store, MAX_BLOCK, BLOCK_SLICE);
    let mut read = reader.mentions(&subjects)?;
    read.sort_by(|a, b| a.iri.cmp(&b.iri));
    Ok((read, reader.take_fixes()))
}

/// Recomputes the corpus graph from the report graphs. Returns the number of operations.
pub fn rebuild_corpus(store: &GraphStore) -> Result<usize> {
    let (mentions, fixes) = read_all(store)?;
    let ops = cluster(&mentions);
    let iris = store.iris();
    let nodes: Vec<NamedNode> = ops.iter().map(|op| iris.operation(&op.slug)).collect();
    let graph = GraphName::NamedNode(iris.corpus_graph());
    let report_counts = summary::all_report_counts(store)?;
    let mut summaries =
        summary::summary_quads(&report_counts, nodes.iter().zip(ops.iter().map(|op| &op.roles)), &graph);
    summaries.extend(summary::card_quads_of(
        store,
        report_counts.iter().filter(|(_, n)| **n > 0).map(|(e, _)| e),
        &graph,
    )?);
    summaries.extend(summary::collaboration_quads(
        iris,
        &summary::collaboration_weights(ops.iter().map(|op| &op.roles)),
        &graph,
    ));
    // Each operation's quads are made as the loader takes them (all at once they would
    // take 1 GB on 100k reports). They are not deduplicated: every operation, mention and
    // summary node is written once, and the store keeps a set of quads anyway.
    let quads = ops
        .iter()
        .zip(&nodes)
        .flat_map(|(op, node)| {
            let mut out = Vec::new();
            operation_quads(iris, node, op, &mentions, &mut out);
            out
        })
        .chain(summaries);
    // Bulk-loaded, not one transaction: until the status says current again, a crash
    // leaves a store that the next build merges from scratch.
    store.set_merge_current(false)?;
    store.replace_graph_bulk(&iris.corpus_graph(), quads)?;
    store.change_in_bulk(&fixes.remove, fixes.insert)?;
    store.set_records_current()?;
    store.set_merge_current(true)?;
    Ok(ops.len())
}

/// The corpus-graph quads of one operation written as `node`.
fn operation_quads(iris: &Iris, node: &NamedNode, op: &MergedOperation, mentions: &[OpMention], out: &mut Vec<Quad>) {
    let graph = GraphName::NamedNode(iris.corpus_graph());
    let mut add = |s: &NamedNode, p: NamedNodeRef<'_>, o: Term| {
        out.push(Quad::new(s.clone(), p.into_owned(), o, graph.clone()));
    };
    add(node, RDF_TYPE, opg::OPERATION.into_owned().into());
    add(node, rdfs::LABEL, Literal::new_simple_literal(&op.label).into());
    add(node, opg::KIND, Literal::new_simple_literal(&op.kind).into());
    for name in &op.code_names {
        add(node, opg::CODE_NAME, Literal::new_simple_literal(name).into());
    }
    if let Some(s) = &op.start {
        add(node, opg::START_DATE, date_literal(s).into());
    }
    if let Some(e) = &op.end {
        add(node, opg::END_DATE, date_literal(e).into());
    }
    for (role, e) in &op.roles {
        if let Ok(n) = NamedNode::new(e) {
            add(node, opg::role(*role), n.into());
        }
    }
    for (n, (v, unit, q)) in op.counts.iter().enumerate() {
        let c = NamedNode::new_unchecked(format!("{}/count/{n}", node.as_str()));
        add(node, opg::COUNT, c.clone().into());
        add(&c, RDF_TYPE, opg::COUNT_CLASS.into_owned().into());
        add(&c, opg::VALUE, number_literal(*v).into());
        add(&c, opg::UNIT, Literal::new_simple_literal(unit).into());
        add(&c, opg::QUALIFIER, Literal::new_simple_literal(q.as_str()).into());
    }
    for (n, d) in super::disagreements(mentions, &op.members).into_iter().enumerate() {
        let (a, b) = (&mentions[d.member], &mentions[d.other_member]);
        let (Ok(ra), Ok(rb)) = (NamedNode::new(&a.report_iri), NamedNode::new(&b.report_iri)) else {
            continue;
        };
        let x = NamedNode::new_unchecked(format!("{}/disagreement/{n}", node.as_str()));
        add(node, opg::DISAGREEMENT, x.clone().into());
        add(&x, RDF_TYPE, opg::DISAGREEMENT_CLASS.into_owned().into());
        add(&x, opg::ASPECT, Literal::new_simple_literal(d.aspect.as_str()).into());
        add(&x, opg::CLAIM, d.claim);
        add(&x, opg::CLAIM_REPORT, ra.into());
        add(&x, opg::OTHER_CLAIM, d.other_claim);
        add(&x, opg::OTHER_REPORT, rb.into());
    }
    let mut reports = BTreeSet::new();
    for &i in &op.members {
        let m = &mentions[i];
        if let (Ok(mn), Ok(r)) = (NamedNode::new(&m.iri), NamedNode::new(&m.report_iri)) {
            add(&mn, opg::MENTION_OF, node.clone().into());
            if reports.insert(r.clone()) {
                add(node, opg::REPORT, r.into());
            }
        }
    }
}

/// What a build changed, for [`update_corpus`].
#[derive(Debug, Clone, Default)]
pub struct Touched {
    /// Report IRIs written (new reports and the new versions of replaced ones).
    pub added: Vec<NamedNode>,
    /// Report IRIs whose graphs were dropped (the old versions of replaced reports).
    pub removed: Vec<NamedNode>,
    /// Entities the dropped graphs mentioned.
    pub removed_entities: BTreeSet<NamedNode>,
}

/// What an incremental merge did.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct MergeUpdate {
    /// Operation mentions of the added reports.
    pub new_mentions: usize,
    /// Old mentions whose dates may agree with a new one's: read in full and scored.
    pub candidates: usize,
    /// Mentions re-clustered (the new ones, and the members of the operations they touch).
    pub reclustered: usize,
    /// Operations reclustered: removed or rewritten, but for those left unchanged.
    pub operations_replaced: usize,
    /// Operations the reclustering gave: written, but for those left unchanged.
    pub operations_written: usize,
    /// Operations that kept their IRI and their members: neither read nor written.
    pub operations_unchanged: usize,
    /// Seconds per step: the new mentions, the blocks, the candidates, the members of the
    /// affected operations, clustering, the transaction, the summaries.
    pub stages: Stages,
    /// How the store-wide figures changed, for the build to update the ones it keeps
    /// ([`crate::store::KeptCounts`]).
    #[serde(skip)]
    pub counted: CountChange,
}

/// The change an incremental merge made to two store-wide figures.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CountChange {
    /// Entities with a report count in the corpus graph.
    pub entities: i64,
    /// Corpus-level operations.
    pub operations: i64,
}

/// Updates the corpus graph around the reports a build touched, without reading the
/// rest of the store.
///
/// `added` are the report IRIs written by the build (new reports and the new versions of
/// replaced ones), `removed` the report IRIs whose graphs the build dropped. The affected
/// neighbourhood is: the operation mentions of the added reports; the existing mentions
/// that share a blocking key with one of them and would merge with it (the same candidates
/// the full merge compares); and every member of the operations those mentions, and the
/// removed reports, belong to. That neighbourhood is clustered again with the same greedy
/// algorithm as [`rebuild_corpus`] and its operations are rewritten in one transaction;
/// every other operation keeps its triples. An operation that continues an existing one
/// keeps its IRI, so links to it stay valid as reports arrive.
///
/// The result equals a full rebuild whenever the new mentions do not reorder the greedy
/// choices of untouched clusters (the tests check this on real corpora); `opgraph merge`
/// recomputes everything from scratch.
pub fn update_corpus(store: &GraphStore, touched: &Touched) -> Result<MergeUpdate> {
    // The reads (blocks, candidates, old operations) wait on the disk when the store is
    // not in the page cache: more threads than cores overlap those waits. A pool that
    // cannot start leaves the work to the global one.
    match rayon::ThreadPoolBuilder::new().num_threads(READ_THREADS).build() {
        Ok(pool) => pool.install(|| update_corpus_in(store, touched, MAX_BLOCK, BLOCK_SLICE)),
        Err(_) => update_corpus_in(store, touched, MAX_BLOCK, BLOCK_SLICE),
    }
}

/// What the new mentions of one blocking key need from its block.
#[derive(Debug)]
struct BlockNeed {
    /// A new mention with this month-day has no year: dated members of every year can agree.
    every_year: bool,
    /// The years of the dated new mentions with this month-day.
    years: BTreeSet<i32>,
    /// Each new mention of this month is dated to a day: its span widened by three days.
    /// `None` once one is dated to the month (every member of the month can agree).
    windows: Option<Vec<(chrono::NaiveDate, chrono::NaiveDate)>>,
    /// The new mentions' targets and large figures: a member dated days apart needs one
    /// of them to pair ([`super::pair_score`]).
    targets: BTreeSet<String>,
    counts: BTreeSet<u64>,
    /// For each new mention of the key, a SPARQL condition on a member's `?s` and `?e`
    /// that holds when their dates may agree; `None` once a new mention has no start
    /// (then any member may agree).
    dates: Option<Vec<String>>,
}

/// Days of a month block read by one query ([`Reader::month_block`]): the month's 32
/// start dates (the month itself and its days) make eight queries.
const MONTH_BLOCK_DAYS: usize = 4;

/// Members of a block read by one query ([`Reader::sliced_block`]): a 400-member block is
/// nine queries, a 2,000-member one 42, on [`READ_THREADS`] threads.
const BLOCK_SLICE: usize = 48;

/// A SPARQL condition on a member's start `?s` and end `?e` that holds whenever its dates
/// may agree with `m`'s ([`super::dates_agree`]: within one another, days less than a
/// month apart, or months in a row); `None` when `m` has no start.
fn dates_condition(m: &OpMention) -> Option<String> {
    Some(match m.start? {
        PartialDate::Year(y) => format!("STRSTARTS(STR(?s), \"{y:04}\")"),
        PartialDate::YearMonth(y, mo) => {
            // The months before and after, themselves dated to the month, may agree too,
            // and days just across the month's borders.
            let (before, after) = (neighbour_month(y, mo, -1), neighbour_month(y, mo, 1));
            let mut condition = format!(
                "(STRSTARTS(STR(?s), \"{y:04}-{mo:02}\") || STR(?s) = \"{y:04}\" || STR(?s) = \"{before}\" || STR(?s) = \"{after}\""
            );
            let month = PartialDate::YearMonth(y, mo);
            if let (Some(first), Some(last)) = (month.first_day(), month.last_day()) {
                let border = chrono::Duration::days(i64::from(BORDER_DAYS));
                let next = last + chrono::Duration::days(1);
                for window in [(first - border, first), (next, next + border)] {
                    condition.push_str(" || ");
                    condition.push_str(&meets_window(window));
                }
            }
            condition.push(')');
            condition
        }
        PartialDate::Day(y, mo, d) => {
            // Members dated to the month before or after, when the day is near its border.
            let mut months = format!("STR(?s) = \"{y:04}-{mo:02}\"");
            if d <= BORDER_DAYS {
                months.push_str(&format!(" || STR(?s) = \"{}\"", neighbour_month(y, mo, -1)));
            }
            if near_month_end(&PartialDate::Day(y, mo, d)) {
                months.push_str(&format!(" || STR(?s) = \"{}\"", neighbour_month(y, mo, 1)));
            }
            format!(
                "(STR(?s) = \"{y:04}\" || {months} || {})",
                meets_window(widened(day_span(m)?, 31))
            )
        }
    })
}

/// The month `step` months from `y-mo`, as `YYYY-MM`.
fn neighbour_month(y: i32, mo: u32, step: i32) -> String {
    let index = y * 12 + mo as i32 - 1 + step;
    format!("{:04}-{:02}", index.div_euclid(12), index.rem_euclid(12) + 1)
}

/// The days a mention dated to the day spans (its end taken only when not before its
/// start); `None` for a mention not dated to the day.
fn day_span(m: &OpMention) -> Option<(chrono::NaiveDate, chrono::NaiveDate)> {
    let first = m.start.filter(|s| s.day().is_some())?.first_day()?;
    let last = m.end.and_then(|e| e.first_day()).unwrap_or(first).max(first);
    Some((first, last))
}

/// A span of days widened by `days` on each side.
fn widened((from, to): (chrono::NaiveDate, chrono::NaiveDate), days: i64) -> (chrono::NaiveDate, chrono::NaiveDate) {
    let slack = chrono::Duration::days(days);
    (from - slack, to + slack)
}

/// A SPARQL condition: a member dated to the day (`?s`, `?e`) meets the window, starting
/// before it ends and ending (or, without an end, starting) after it begins. An end
/// dated only to the month is kept whatever it says.
fn meets_window((from, to): (chrono::NaiveDate, chrono::NaiveDate)) -> String {
    let day = |d: chrono::NaiveDate| date_literal(&PartialDate::Day(d.year(), d.month(), d.day())).to_string();
    format!(
        "(DATATYPE(?s) = {date} && ?s <= {to} && IF(BOUND(?e), DATATYPE(?e) != {date} || ?e >= {from}, ?s >= {from}))",
        date = xsd::DATE,
        to = day(to),
        from = day(from),
    )
}

impl BlockNeed {
    fn new() -> BlockNeed {
        BlockNeed {
            every_year: false,
            years: BTreeSet::new(),
            windows: Some(Vec::new()),
            targets: BTreeSet::new(),
            counts: BTreeSet::new(),
            dates: Some(Vec::new()),
        }
    }

    fn add(&mut self, key: &BlockKey, m: &OpMention) {
        match (dates_condition(m), self.dates.as_mut()) {
            (Some(c), Some(cs)) => cs.push(c),
            _ => self.dates = None,
        }
        match key {
            BlockKey::MonthDay(..) => match m.start {
                Some(s) => {
                    self.years.insert(s.year());
                }
                None => self.every_year = true,
            },
            BlockKey::Month(..) => {
                match (day_span(m).map(|s| widened(s, 3)), self.windows.as_mut()) {
                    (Some(w), Some(ws)) => ws.push(w),
                    _ => self.windows = None,
                }
                self.targets.extend(m.entities(Role::Target).map(str::to_string));
                self.counts.extend(
                    m.counts
                        .iter()
                        .filter(|(v, _, _)| *v >= MIN_BLOCKING_COUNT)
                        .map(|(v, _, _)| v.to_bits()),
                );
            }
            _ => {}
        }
    }

    /// The month block's `OPTIONAL` binding `?shared` for members that share a target or
    /// a large figure with a new mention, and the `FILTER` that keeps the members which
    /// can pair: dated to the month, within a window, or sharing. Both empty without
    /// windows.
    ///
    /// A member's targets are looked up with its other statements (one read); the members
    /// with a shared figure come from the few count nodes of that value, by hash join.
    fn month_filter(&self) -> (String, String) {
        let Some(windows) = &self.windows else {
            return (String::new(), String::new());
        };
        let mut shared = String::new();
        let targets: Vec<String> = self
            .targets
            .iter()
            .filter_map(|t| NamedNode::new(t.as_str()).ok())
            .map(|t| t.to_string())
            .collect();
        if !targets.is_empty() {
            shared.push_str(&format!(
                "OPTIONAL {{ GRAPH ?i {{ VALUES ?t {{ {} }} ?m {} ?t }} BIND(true AS ?shared) }} ",
                targets.join(" "),
                opg::role(Role::Target)
            ));
        }
        if !self.counts.is_empty() {
            let values: Vec<String> = self
                .counts
                .iter()
                .map(|b| number_literal(f64::from_bits(*b)).to_string())
                .collect();
            shared.push_str(&format!(
                "OPTIONAL {{ SELECT DISTINCT ?m ?figure WHERE {{ GRAPH ?j {{ VALUES ?v {{ {} }} ?c {} ?v . ?m {} ?c }} \
                 BIND(true AS ?figure) }} }} ",
                values.join(" "),
                opg::VALUE,
                opg::COUNT
            ));
        }
        let mut keep = vec![
            format!("DATATYPE(?s) != {}", xsd::DATE),
            "BOUND(?shared)".to_string(),
            "BOUND(?figure)".to_string(),
        ];
        keep.extend(windows.iter().map(|w| meets_window(*w)));
        (shared, format!("FILTER({})", keep.join(" || ")))
    }
}

/// Threads reading the store during an incremental merge.
const READ_THREADS: usize = 16;

fn update_corpus_in(store: &GraphStore, touched: &Touched, max_block: usize, slice: usize) -> Result<MergeUpdate> {
    let (added, removed) = (&touched.added, &touched.removed);
    let iris = store.iris();
    let corpus = iris.corpus_graph();
    let mut reader = Reader::new(store, max_block, slice);
    reader.use_records = store.records_current()?;
    let mut stages = Stages::default();
    let mut lap = Instant::now();
    // 1. Operations that lose members with the removed reports.
    let mut affected: BTreeSet<NamedNode> = BTreeSet::new();
    for r in removed {
        for q in store.inner().quads_for_pattern(
            None,
            Some(opg::REPORT),
            Some(r.as_ref().into()),
            Some(corpus.as_ref().into()),
        ) {
            if let NamedOrBlankNode::NamedNode(op) = q?.subject {
                affected.insert(op);
            }
        }
    }
    // 2. The new mentions, and the old ones they would merge with.
    let mut new_iris = BTreeSet::new();
    for r in added {
        for q in store
            .inner()
            .quads_for_pattern(None, Some(opg::REPORT), Some(r.as_ref().into()), None)
        {
            let q = q?;
            if let NamedOrBlankNode::NamedNode(m) = q.subject {
                if m.as_str().contains("/op/") && iris.is_report_graph(graph_str(&q.graph_name)) {
                    new_iris.insert(m);
                }
            }
        }
    }
    let new_list: Vec<NamedNode> = new_iris.iter().cloned().collect();
    let mut new_mentions = reader.mentions(&new_list)?;
    new_mentions.sort_by(|a, b| a.iri.cmp(&b.iri));
    stages.lap("new_mentions", &mut lap);
    // Candidates are read once, but scored against every new mention that reaches them.
    // A block is read with its members' dates in one SPARQL query (joins on the store's
    // encoded terms), filtered on them before anything is decoded: most members of a wide
    // target or count block are of other months. Each member left comes with its merge
    // record, a whole mention, or as its IRI when the records are not to be trusted.
    let mut pairs: Vec<(usize, NamedNode)> = Vec::new();
    let mut dated: HashMap<NamedNode, Member> = HashMap::new();
    let keys: Vec<BTreeSet<BlockKey>> = new_mentions.iter().map(blocking_keys).collect();
    let mut needs: BTreeMap<&BlockKey, BlockNeed> = BTreeMap::new();
    for (m, keys) in new_mentions.iter().zip(&keys) {
        for key in keys {
            needs.entry(key).or_insert_with(BlockNeed::new).add(key, m);
        }
    }
    let read_blocks: Vec<(&BlockKey, Option<Vec<Member>>)> = needs
        .into_par_iter()
        .map(|(key, need)| Ok((key, reader.block(key, &need)?)))
        .collect::<Result<_>>()?;
    let mut blocks: HashMap<&BlockKey, Vec<NamedNode>> = HashMap::new();
    for (key, block) in read_blocks {
        let Some(block) = block else { continue };
        let iris = block
            .into_iter()
            .map(|(m, whole)| {
                let iri = NamedNode::new_unchecked(m.iri.clone());
                dated.entry(iri.clone()).or_insert((m, whole));
                iri
            })
            .collect();
        blocks.insert(key, iris);
    }
    stages.lap("blocks", &mut lap);
    for (k, keys) in keys.iter().enumerate() {
        for key in keys {
            if let Some(members) = blocks.get(key) {
                pairs.extend(
                    members
                        .iter()
                        .filter(|c| !new_iris.contains(*c))
                        .map(|c| (k, c.clone())),
                );
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    // pair_score refuses a pair on the dates alone when they cannot agree.
    pairs.retain(|(k, c)| {
        dated
            .get(c)
            .is_some_and(|(d, _)| dates_agree(&new_mentions[*k], d).is_some())
    });
    let mut wanted: Vec<&NamedNode> = pairs.iter().map(|(_, c)| c).collect();
    wanted.sort_unstable();
    wanted.dedup();
    let candidates = wanted.len();
    // Candidates whose merge record the block gave are whole already; the others are read
    // from their statements (which writes their records).
    let mut whole = Vec::new();
    let mut unrecorded = Vec::new();
    for c in wanted {
        match dated.remove(c) {
            Some((m, true)) => whole.push(m),
            _ => unrecorded.push(c.clone()),
        }
    }
    reader.fill_countries(&mut whole)?;
    whole.extend(reader.mentions(&unrecorded)?);
    let by_iri = |ms: Vec<OpMention>| ms.into_iter().map(|m| (NamedNode::new_unchecked(m.iri.clone()), m));
    let mut read: HashMap<NamedNode, OpMention> = by_iri(whole).collect();
    for (k, c) in &pairs {
        let Some(old) = read.get(c) else { continue };
        if pair_score(&new_mentions[*k], old).is_some() {
            if let Some(op) = reader.operation_of(c)? {
                affected.insert(op);
            }
        }
    }
    stages.lap("candidates", &mut lap);
    // The only operation against a target (`join_undated`): where a target's mentions
    // include an undated one, every operation naming the target is reclustered, so that
    // the rule sees what the full merge sees. First the targets of the new mentions.
    let mut sole: BTreeSet<String> = BTreeSet::new();
    let mut looked: BTreeSet<String> = BTreeSet::new();
    let new_targets: BTreeSet<String> = new_mentions
        .iter()
        .flat_map(|m| {
            m.roles
                .iter()
                .filter(|(r, _)| *r == Role::Target)
                .map(|(_, e)| e.clone())
        })
        .collect();
    for t in new_targets {
        reader.look_at_target(&t, &new_iris, &mut looked, &mut sole, &mut affected)?;
    }
    // 3. The neighbourhood: new mentions plus every member of the affected operations
    //    (members already read as candidates are not read again), until the undated
    //    members' targets bring no more operations.
    let mut previous: HashMap<String, NamedNode> = HashMap::new();
    let mut gathered: BTreeSet<NamedNode> = BTreeSet::new();
    loop {
        let fresh: Vec<NamedNode> = affected.difference(&gathered).cloned().collect();
        if fresh.is_empty() {
            break;
        }
        let mut unread: Vec<NamedNode> = Vec::new();
        for op in fresh {
            for m in reader.members(&op)? {
                if !new_iris.contains(&m) {
                    if !read.contains_key(&m) {
                        unread.push(m.clone());
                    }
                    previous.insert(m.as_str().to_string(), op.clone());
                }
            }
            gathered.insert(op);
        }
        read.extend(by_iri(reader.recorded(&unread)?));
        let targets: BTreeSet<String> = read
            .values()
            .filter(|m| previous.contains_key(&m.iri) && is_undated(m))
            .flat_map(|m| m.roles.iter().filter(|(r, _)| *r == Role::Target).map(|(_, e)| e))
            .filter(|t| !looked.contains(*t))
            .cloned()
            .collect();
        for t in targets {
            reader.look_at_target(&t, &new_iris, &mut looked, &mut sole, &mut affected)?;
        }
    }
    let mut members: Vec<OpMention> = read
        .into_iter()
        .filter(|(iri, _)| previous.contains_key(iri.as_str()))
        .map(|(_, m)| m)
        .collect();
    stages.lap("neighbourhood", &mut lap);
    let new_count = new_mentions.len();
    members.extend(new_mentions);
    members.sort_by(|a, b| a.iri.cmp(&b.iri));
    members.dedup_by(|a, b| a.iri == b.iri);
    let mut ops: Vec<MergedOperation> = cluster_members(&members, &sole)
        .into_iter()
        .map(|c| consensus(&members, c))
        .collect();
    ops.sort_by(|a, b| {
        a.start
            .cmp(&b.start)
            .then(a.slug.cmp(&b.slug))
            .then(a.members.cmp(&b.members))
    });
    // 4. IRIs: an operation continuing an affected one keeps its IRI; others get a free slug.
    let mut claimed: HashSet<NamedNode> = HashSet::new();
    let mut nodes = Vec::with_capacity(ops.len());
    for op in &ops {
        let mut votes: BTreeMap<&NamedNode, usize> = BTreeMap::new();
        for &i in &op.members {
            if let Some(p) = previous.get(&members[i].iri) {
                *votes.entry(p).or_default() += 1;
            }
        }
        // An IRI names the operation (start date and focus): it is kept only while the
        // name still fits, so an operation whose date got refined is renamed.
        votes.retain(|prev, _| iris.operation_slug(prev).is_some_and(|s| unsuffixed(s) == op.slug));
        let mut ranked: Vec<(&NamedNode, usize)> = votes.into_iter().collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let kept = ranked
            .into_iter()
            .map(|(n, _)| n)
            .find(|n| !claimed.contains(*n))
            .cloned();
        let node = match kept {
            Some(n) => n,
            None => {
                let mut k = 1;
                loop {
                    let slug = if k == 1 {
                        op.slug.clone()
                    } else {
                        format!("{}-{k}", op.slug)
                    };
                    let candidate = iris.operation(&slug);
                    let taken = claimed.contains(&candidate)
                        || (!affected.contains(&candidate) && reader.operation_exists(&candidate)?);
                    if !taken {
                        break candidate;
                    }
                    k += 1;
                }
            }
        };
        claimed.insert(node.clone());
        nodes.push(node);
    }
    stages.lap("cluster", &mut lap);
    // 5. One transaction: the affected operations out, the new ones in. An operation
    //    that keeps its IRI and exactly its members is written as it was (its facts are
    //    its members'): it is neither read nor written. Most operations reclustered around
    //    a target with an undated mention are such.
    let mut before: HashMap<&NamedNode, BTreeSet<&str>> = HashMap::new();
    for (m, op) in &previous {
        before.entry(op).or_default().insert(m.as_str());
    }
    let unchanged: HashSet<&NamedNode> = ops
        .iter()
        .zip(&nodes)
        .filter(|(op, node)| {
            before.get(node).is_some_and(|was| {
                was.len() == op.members.len() && op.members.iter().all(|&i| was.contains(members[i].iri.as_str()))
            })
        })
        .map(|(_, node)| node)
        .collect();
    let mut remove = Vec::new();
    let read_ops: Vec<Vec<Quad>> = affected
        .par_iter()
        .filter(|op| !unchanged.contains(op))
        .map(|op| {
            let mut quads = Vec::new();
            reader.operation_quads_in_store(op, &mut quads)?;
            Ok(quads)
        })
        .collect::<Result<_>>()?;
    for quads in read_ops {
        remove.extend(quads);
    }
    let mut insert = Vec::new();
    for (op, node) in ops.iter().zip(&nodes).filter(|(_, node)| !unchanged.contains(node)) {
        operation_quads(iris, node, op, &members, &mut insert);
    }
    let mut seen = HashSet::new();
    insert.retain(|q| seen.insert(q.clone()));
    // The merge records of the mentions read from their statements, in the same transaction.
    let fixes = reader.take_fixes();
    store.apply_changes(
        &[remove.as_slice(), &fixes.remove].concat(),
        &[insert.as_slice(), &fixes.insert].concat(),
    )?;
    // The affected operations all exist, and every new IRI is either one of them or free.
    let typed_operations = |quads: &[Quad]| {
        quads
            .iter()
            .filter(|q| q.predicate.as_ref() == RDF_TYPE && q.object == Term::from(opg::OPERATION.into_owned()))
            .count() as i64
    };
    let mut counted = CountChange {
        entities: 0,
        operations: typed_operations(&insert) - typed_operations(&remove),
    };
    stages.lap("write", &mut lap);
    // 6. The summaries, as deltas where they can be: the actors' operation counts and
    //    the collaboration weights from the operations removed and written; the report
    //    counts +1 for the entities of an added report. The entities of dropped report
    //    graphs are recounted (which of them each dropped report mentioned is gone).
    let recount = &touched.removed_entities;
    let mut report_delta: BTreeMap<String, i64> = BTreeMap::new();
    for r in added {
        for e in summary::entities_of_report(store, r)? {
            if !recount.contains(&e) {
                *report_delta.entry(e.as_str().to_string()).or_default() += 1;
            }
        }
    }
    counted.entities += summary::recount_reports(store, recount)?;
    counted.entities += summary::apply_count_delta(store, opg::REPORT_COUNT, &report_delta)?;
    let actors = summary::actor_deltas(&remove, &insert);
    summary::apply_count_delta(store, opg::OPERATION_COUNT, &actors.operations)?;
    summary::apply_collaboration_delta(store, &actors.pairs)?;
    store.set_merge_current(true)?;
    stages.lap("summaries", &mut lap);
    Ok(MergeUpdate {
        new_mentions: new_count,
        candidates,
        reclustered: members.len(),
        operations_replaced: affected.len(),
        operations_written: ops.len(),
        operations_unchanged: unchanged.len(),
        stages,
        counted,
    })
}

/// A block query: the members `?m` that `pattern` (a group graph pattern) matches with
/// their `dates` (variables). With `records`, each member's merge record `?r` too, and its
/// IRI as `?n` only when it has none (an IRI in a result is a look-up in the store's
/// string table, and the record holds it).
fn block_query(records: bool, dates: &str, pattern: &str) -> String {
    if !records {
        return format!("SELECT ?m {dates} WHERE {pattern}");
    }
    format!(
        "SELECT ?n ?r {dates} WHERE {{ {{ SELECT ?m {dates} WHERE {pattern} }} \
         OPTIONAL {{ GRAPH ?rg {{ ?m {} ?r }} }} BIND(IF(BOUND(?r), 0, ?m) AS ?n) }}",
        opg::MERGE_RECORD
    )
}

/// Mentions read by one query when `n` are read: chunks small enough that every thread
/// of the pool has two (each query reads its mentions one after the other, waiting on the
/// disk when it is cold), large enough that parsing and planning a query stay negligible.
fn read_chunk(n: usize) -> usize {
    n.div_ceil(2 * rayon::current_num_threads()).clamp(16, 128)
}

fn graph_str(g: &GraphName) -> &str {
    match g {
        GraphName::NamedNode(n) => n.as_str(),
        _ => "",
    }
}

/// Reads the merge's view of the store: mentions in batches, from their statements
/// ([`Reader::mentions`]) or their merge records ([`Reader::recorded`]), and the
/// incremental merge's blocks ([`Reader::block`]) by SPARQL, whose joins run on the
/// store's encoded terms and decode only what the merge keeps; the rest by index look-ups.
struct Reader<'a> {
    store: &'a GraphStore,
    iris: &'a Iris,
    /// Blocks with more members are skipped ([`MAX_BLOCK`]; smaller in tests).
    max_block: usize,
    /// Members of a block read by one query ([`BLOCK_SLICE`]; fewer in tests).
    slice: usize,
    /// The gazetteer's national bodies met so far: entity IRI → its country's IRI
    /// (`opg:country`), `None` for an entity without one. Looked up as leaders turn up
    /// ([`Reader::countries_of`]): reading all of them up front decoded every national
    /// body of the gazetteer graph, 0.16-0.23 s of a cold add to the 100k store.
    countries: std::sync::Mutex<HashMap<String, Option<String>>>,
    /// The merge records to remove and write for the mentions read from their statements.
    fixes: std::sync::Mutex<RecordFixes>,
    /// Whether mentions are read by their merge records: only while the store says they
    /// are current ([`GraphStore::records_current`]).
    use_records: bool,
}

/// Merge records that went stale or are missing ([`record`]): the quads to remove and
/// those to write.
#[derive(Debug, Default)]
struct RecordFixes {
    remove: Vec<Quad>,
    insert: Vec<Quad>,
}

/// A block member as a block read gives it: the whole mention when its merge record was
/// read (`true`), or only its IRI and dates.
type Member = (OpMention, bool);

impl<'a> Reader<'a> {
    fn new(store: &'a GraphStore, max_block: usize, slice: usize) -> Self {
        Reader {
            store,
            iris: store.iris(),
            max_block,
            slice,
            countries: std::sync::Mutex::new(HashMap::new()),
            fixes: std::sync::Mutex::new(RecordFixes::default()),
            use_records: false,
        }
    }

    /// The record changes gathered so far, leaving none.
    fn take_fixes(&self) -> RecordFixes {
        std::mem::take(&mut *self.fixes.lock().unwrap_or_else(std::sync::PoisonError::into_inner))
    }

    /// Gathers the changes that leave `m` (read from its statements) with exactly one
    /// merge record, its own, where `stored` are the records the store holds for it.
    fn reconcile(&self, m: &OpMention, stored: &[String], fixes: &mut RecordFixes) {
        let subject = NamedNode::new_unchecked(m.iri.clone());
        let Some(graph) = self.report_graph_of(&subject) else {
            return;
        };
        let record = record::encode(m);
        if let ([old], Some(new)) = (stored, &record) {
            if old == new {
                return;
            }
        }
        let quad = |text: &str| {
            Quad::new(
                subject.clone(),
                opg::MERGE_RECORD.into_owned(),
                Literal::new_simple_literal(text),
                graph.clone(),
            )
        };
        fixes.remove.extend(stored.iter().map(|old| quad(old)));
        fixes.insert.extend(record.as_deref().map(quad));
    }

    /// Sets the leaders' countries of mentions read without them.
    fn fill_countries(&self, mentions: &mut [OpMention]) -> Result<()> {
        let leaders: BTreeSet<&str> = mentions.iter().flat_map(|m| m.entities(Role::LedBy)).collect();
        let countries = self.countries_of(&leaders)?;
        for m in mentions.iter_mut() {
            m.leader_countries = m
                .roles
                .iter()
                .filter(|(r, _)| *r == Role::LedBy)
                .filter_map(|(_, e)| Some((e.clone(), countries.get(e)?.clone())))
                .collect();
        }
        Ok(())
    }

    /// Operation mentions by their merge records, those without a readable one from their
    /// statements ([`Reader::mentions`], which writes the record). One look-up per mention
    /// where its statements are two dozen, with the count nodes behind them.
    fn recorded(&self, iris: &[NamedNode]) -> Result<Vec<OpMention>> {
        if !self.use_records {
            return self.mentions(iris);
        }
        let read: Vec<(Vec<OpMention>, Vec<NamedNode>)> = iris
            .par_chunks(read_chunk(iris.len()))
            .map(|chunk| {
                let values: Vec<String> = chunk.iter().enumerate().map(|(i, m)| format!("({m} {i})")).collect();
                let rows = self.store.select(&format!(
                    "SELECT ?i ?r WHERE {{ VALUES (?m ?i) {{ {} }} GRAPH ?g {{ ?m {} ?r }} {} }}",
                    values.join(" "),
                    opg::MERGE_RECORD,
                    self.not_report_graph()
                ))?;
                let mut records: BTreeMap<usize, Vec<String>> = BTreeMap::new();
                for row in rows {
                    let i = lit(row.get("i")).and_then(|v| v.parse::<usize>().ok());
                    if let (Some(i), Some(r)) = (i.filter(|i| *i < chunk.len()), lit(row.get("r"))) {
                        records.entry(i).or_default().push(r);
                    }
                }
                let mut found = Vec::new();
                let mut missing = Vec::new();
                for (i, iri) in chunk.iter().enumerate() {
                    match records.get(&i).map(Vec::as_slice) {
                        Some([one]) => match record::decode(one) {
                            Some(Decoded::Mention(m)) if m.iri == iri.as_str() => found.push(*m),
                            _ => missing.push(iri.clone()),
                        },
                        _ => missing.push(iri.clone()),
                    }
                }
                self.fill_countries(&mut found)?;
                Ok((found, missing))
            })
            .collect::<Result<_>>()?;
        let mut out = Vec::with_capacity(iris.len());
        let mut missing = Vec::new();
        for (found, unrecorded) in read {
            out.extend(found);
            missing.extend(unrecorded);
        }
        out.extend(self.mentions(&missing)?);
        Ok(out)
    }

    /// The countries of `entities` (those the gazetteer graph gives one), from the cache
    /// or, for the rest, one SPARQL query.
    fn countries_of(&self, entities: &BTreeSet<&str>) -> Result<HashMap<String, String>> {
        let cached = |cache: &HashMap<String, Option<String>>| -> HashMap<String, String> {
            entities
                .iter()
                .filter_map(|e| Some((e.to_string(), cache.get(*e)?.clone()?)))
                .collect()
        };
        let missing: Vec<NamedNode> = {
            let cache = self.countries.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            entities
                .iter()
                .filter(|e| !cache.contains_key(**e))
                .filter_map(|e| NamedNode::new(*e).ok())
                .collect()
        };
        let mut found: HashMap<String, Option<String>> =
            missing.iter().map(|e| (e.as_str().to_string(), None)).collect();
        if !missing.is_empty() {
            let values: Vec<String> = missing.iter().map(NamedNode::to_string).collect();
            let rows = self.store.select(&format!(
                "SELECT ?e ?c WHERE {{ VALUES ?e {{ {} }} GRAPH {} {{ ?e {} ?c }} }}",
                values.join(" "),
                self.iris.gazetteer_graph(),
                opg::COUNTRY
            ))?;
            for row in rows {
                if let (Some(Term::NamedNode(e)), Some(Term::NamedNode(c))) = (row.get("e"), row.get("c")) {
                    found.insert(e.as_str().to_string(), Some(c.as_str().to_string()));
                }
            }
        }
        let mut cache = self.countries.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        cache.extend(found);
        Ok(cached(&cache))
    }

    /// The report graph an operation mention minted by [`Iris::op_mention`] lives in
    /// (`{base}report/{sha16}/op/{k}` → `{base}graph/report/{sha16}`); `None` for any
    /// other IRI.
    fn report_graph_of(&self, mention: &NamedNode) -> Option<NamedNode> {
        let rest = mention
            .as_str()
            .strip_prefix(self.iris.base())?
            .strip_prefix("report/")?;
        let (sha16, tail) = rest.split_once('/')?;
        tail.starts_with("op/").then(|| self.iris.report_graph(sha16))
    }

    /// Operation mentions with what the merge compares (report, dates, kind, label,
    /// roles, counts); those gone are left out. By SPARQL over chunks ([`read_chunk`]) of
    /// mentions on rayon's threads: the queries join on the store's encoded terms and keep
    /// only the statements the merge reads, so of a mention's ~22 statements (evidence,
    /// offsets, sentence...) a dozen objects are decoded, where `quads_for_pattern`
    /// decodes all four terms of every quad.
    fn mentions(&self, iris: &[NamedNode]) -> Result<Vec<OpMention>> {
        let read: Vec<Vec<OpMention>> = iris
            .par_chunks(read_chunk(iris.len()))
            .map(|chunk| self.mentions_chunk(chunk))
            .collect::<Result<_>>()?;
        Ok(read.into_iter().flatten().collect())
    }

    fn mentions_chunk(&self, chunk: &[NamedNode]) -> Result<Vec<OpMention>> {
        // Each row names its mention and predicate by number (`?i`, `?k`): numbers are
        // stored inline, where an IRI in a result row is a look-up in the store's string
        // table, three per row with `?m` and `?p` (a tenth of a cold add).
        let values: Vec<String> = chunk.iter().enumerate().map(|(i, m)| format!("({m} {i})")).collect();
        let mut own = vec![
            RDF_TYPE,
            opg::REPORT,
            opg::START_DATE,
            opg::END_DATE,
            opg::START_MONTH_DAY,
            opg::START_DAY_OF_WEEK,
            opg::DATED_BY_PUBLICATION,
            opg::KIND,
            opg::CODE_NAME,
            rdfs::LABEL,
            opg::MERGE_RECORD,
        ];
        own.extend(Role::ALL.into_iter().map(opg::role));
        let of_count = [opg::VALUE, opg::UNIT, opg::QUALIFIER];
        let preds: Vec<NamedNodeRef<'_>> = own.iter().chain(&of_count).copied().chain([opg::REPORT_ID]).collect();
        let number = preds
            .iter()
            .enumerate()
            .rev()
            .fold("-1".to_string(), |rest, (k, p)| format!("IF(?p = {p}, {k}, {rest})"));
        let listed = |ps: &[NamedNodeRef<'_>]| ps.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ");
        let rows = self.store.select(&format!(
            "SELECT ?i ?k ?c ?o WHERE {{ VALUES (?m ?i) {{ {} }} GRAPH ?g {{ \
               {{ ?m ?p ?o FILTER(?p IN ({})) }} \
               UNION {{ ?m {count} ?c . ?c ?p ?o FILTER(?p IN ({})) }} \
               UNION {{ ?m {} ?r . ?r ?p ?o FILTER(?p = {}) }} }} {} BIND({number} AS ?k) }}",
            values.join(" "),
            listed(&own),
            listed(&of_count),
            opg::REPORT,
            opg::REPORT_ID,
            self.not_report_graph(),
            count = opg::COUNT,
        ))?;
        let index = |t: Option<&Term>| lit(t).and_then(|v| v.parse::<usize>().ok());
        let mut read: BTreeMap<usize, (OpMention, bool)> = BTreeMap::new();
        let mut count_nodes: BTreeMap<(usize, NamedNode), CountRead> = BTreeMap::new();
        let mut stored: BTreeMap<usize, Vec<String>> = BTreeMap::new();
        for row in rows {
            let (Some(i), Some(p), Some(o)) = (
                index(row.get("i")).filter(|i| *i < chunk.len()),
                index(row.get("k")).and_then(|k| preds.get(k)).copied(),
                row.get("o"),
            ) else {
                continue;
            };
            if let Some(Term::NamedNode(c)) = row.get("c") {
                let node = count_nodes.entry((i, c.clone())).or_default();
                if p == opg::VALUE {
                    node.0 = lit(Some(o)).and_then(|v| v.parse::<f64>().ok());
                } else if p == opg::UNIT {
                    node.1 = lit(Some(o));
                } else if p == opg::QUALIFIER {
                    node.2 = lit(Some(o));
                }
                continue;
            }
            let (m, typed) = read
                .entry(i)
                .or_insert_with(|| (OpMention::stub(chunk[i].as_str()), false));
            if p == RDF_TYPE {
                *typed |= matches!(o, Term::NamedNode(n) if n.as_ref() == opg::OPERATION_MENTION);
            } else if p == opg::REPORT_ID {
                m.report = lit(Some(o)).unwrap_or_default();
            } else if p == opg::REPORT {
                if let Term::NamedNode(r) = o {
                    m.report_iri = r.as_str().to_string();
                }
            } else if p == opg::START_DATE {
                m.start = parse_date_term(o);
            } else if p == opg::END_DATE {
                m.end = parse_date_term(o);
            } else if p == opg::START_MONTH_DAY {
                m.month_day = lit(Some(o)).and_then(|s| parse_month_day(&s));
            } else if p == opg::DATED_BY_PUBLICATION {
                m.dated_by_publication = lit(Some(o)).as_deref() == Some("true");
            } else if p == opg::START_DAY_OF_WEEK {
                if let Term::NamedNode(d) = o {
                    m.weekday = schema::day_of_week(d.as_str());
                }
            } else if p == opg::KIND {
                m.kind = lit(Some(o)).unwrap_or(m.kind.clone());
            } else if p == opg::CODE_NAME {
                m.code_names.extend(lit(Some(o)));
            } else if p == rdfs::LABEL {
                m.label = lit(Some(o)).unwrap_or_default();
            } else if p == opg::MERGE_RECORD {
                stored.entry(i).or_default().extend(lit(Some(o)));
            } else if let Some(role) = p.as_str().strip_prefix(opg::NS).and_then(Role::from_property) {
                if let Term::NamedNode(e) = o {
                    m.roles.insert((role, e.as_str().to_string()));
                }
            }
        }
        for ((i, _), (v, unit, q)) in count_nodes {
            let (Some((m, _)), Some(v)) = (read.get_mut(&i), v) else {
                continue;
            };
            m.counts.push((
                v,
                unit.unwrap_or_default(),
                q.and_then(|q| Qualifier::parse(&q)).unwrap_or_default(),
            ));
        }
        let mut fixes = RecordFixes::default();
        let mut mentions: Vec<OpMention> = read
            .into_iter()
            .filter(|(_, (_, typed))| *typed)
            .map(|(i, (mut m, _))| {
                sort_counts(&mut m.counts);
                self.reconcile(&m, stored.get(&i).map_or(&[], Vec::as_slice), &mut fixes);
                m
            })
            .collect();
        if !fixes.remove.is_empty() || !fixes.insert.is_empty() {
            let mut all = self.fixes.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            all.remove.extend(fixes.remove);
            all.insert.extend(fixes.insert);
        }
        self.fill_countries(&mut mentions)?;
        Ok(mentions)
    }

    /// `FILTER(?g ...)`: only report graphs (not the corpus or gazetteer graph).
    fn not_report_graph(&self) -> String {
        format!(
            "FILTER(?g != {} && ?g != {})",
            self.iris.corpus_graph(),
            self.iris.gazetteer_graph()
        )
    }

    /// The operation mentions of one blocking key, each whole (from its merge record) or
    /// with its dates only (start, end, year-less month-day: enough for
    /// [`super::dates_agree`]), or `None` when the block holds more than [`MAX_BLOCK`]
    /// mentions (the full merge skips such blocks too).
    ///
    /// SPARQL queries whose joins run on the store's encoded terms: one counts the block
    /// (nothing decoded), the others read it with the dates, which are stored inline, so
    /// only the members' records (or IRIs) are looked up in the string table. Reading the
    /// same through `quads_for_pattern` decoded every quad's four terms, ten look-ups per
    /// candidate.
    /// A month-day block is that day in every year of [`BLOCK_YEARS`] and the year-less
    /// `gMonthDay`; a month block is the month and its 31 days.
    ///
    /// Of a block, only the members `need` can pair with are read (the size check still
    /// counts them all, as the full merge does), filtered on their dates (and a month
    /// block's on shared targets and figures) before their IRIs are decoded. Each member's
    /// dates are a look-up of its own, a random read on a cold disk, so a block is read by
    /// several queries side by side ([`Reader::month_block`], [`Reader::sliced_block`]):
    /// on the 100k store, fully cold, the blocks stage of an add took a median 0.155 s this
    /// way against 0.175 s as one query per block (10 adds each, side by side; BENCHMARKS.md),
    /// and a target block of 2,000 members no longer scans every date of the store.
    fn block(&self, key: &BlockKey, need: &BlockNeed) -> Result<Option<Vec<Member>>> {
        let (start, month_day) = (opg::START_DATE, opg::START_MONTH_DAY);
        let values = |dates: Vec<Literal>| dates.iter().map(Literal::to_string).collect::<Vec<_>>().join(" ");
        let pattern = match *key {
            BlockKey::Target(ref e) => match NamedNode::new(e.as_str()) {
                Ok(e) => format!("?m {} {e} .", opg::role(Role::Target)),
                Err(_) => return Ok(Some(Vec::new())),
            },
            BlockKey::Count(bits) => format!(
                "?m {} ?c . ?c {} {} .",
                opg::COUNT,
                opg::VALUE,
                number_literal(f64::from_bits(bits))
            ),
            BlockKey::UndatedCount(bits) => format!(
                "?m {} ?c . ?c {} {} . FILTER NOT EXISTS {{ ?m {start} ?s0 }} FILTER NOT EXISTS {{ ?m {month_day} ?md0 }}",
                opg::COUNT,
                opg::VALUE,
                number_literal(f64::from_bits(bits))
            ),
            BlockKey::Month(y, Some(m)) => {
                let mut dates = vec![date_literal(&PartialDate::YearMonth(y, m))];
                dates.extend((1..=31).map(|d| date_literal(&PartialDate::Day(y, m, d))));
                format!("VALUES ?d {{ {} }} ?m {start} ?d .", values(dates))
            }
            BlockKey::Month(y, None) => format!("?m {start} {} .", date_literal(&PartialDate::Year(y))),
            // Each mention stores its code names' keys: the block is one index look-up.
            BlockKey::CodeName(ref key) => format!("?m {} {} .", opg::CODE_NAME_KEY, Literal::new_simple_literal(key)),
            BlockKey::MonthDay(m, d) => {
                let md = Literal::new_typed_literal(format!("--{m:02}-{d:02}"), xsd::G_MONTH_DAY);
                let dates = BLOCK_YEARS.map(|y| date_literal(&PartialDate::Day(y, m, d))).collect();
                format!(
                    "{{ VALUES ?d {{ {} }} ?m {start} ?d . }} UNION {{ ?m {month_day} {md} . }}",
                    values(dates)
                )
            }
        };
        let not_report = self.not_report_graph();
        let n = self.block_size(&pattern, self.max_block)?;
        if n > self.max_block {
            return Ok(None);
        }
        match *key {
            // Dated members of other years cannot agree with a dated new mention: the day in
            // the new mentions' years, and the year-less members, are left (the month block
            // holds the first too, unless it was too large to read).
            BlockKey::MonthDay(m, d) if !need.every_year => {
                let md = Literal::new_typed_literal(format!("--{m:02}-{d:02}"), xsd::G_MONTH_DAY);
                let days = need
                    .years
                    .iter()
                    .map(|&y| date_literal(&PartialDate::Day(y, m, d)))
                    .collect();
                let rows = self.store.select(&block_query(
                    self.use_records,
                    "?s ?e ?md",
                    &format!(
                        "{{ GRAPH ?g {{ \
                           {{ VALUES ?s {{ {} }} ?m {start} ?s }} UNION {{ VALUES ?md {{ {md} }} ?m {month_day} ?md }} \
                           OPTIONAL {{ ?m {} ?e }} }} {not_report} }}",
                        values(days),
                        opg::END_DATE
                    ),
                ))?;
                Ok(Some(self.dated_members(rows)))
            }
            BlockKey::Month(y, Some(m)) => self.month_block(y, m, need).map(Some),
            // A target or figure block: the members without a start or with one that may
            // agree with a new mention's, filtered before their IRIs are decoded.
            _ => {
                let filter = match &need.dates {
                    Some(conditions) if !conditions.is_empty() => {
                        let conditions: BTreeSet<&str> = conditions.iter().map(String::as_str).collect();
                        format!("FILTER(!BOUND(?s) || {})", Vec::from_iter(conditions).join(" || "))
                    }
                    _ => String::new(),
                };
                self.sliced_block(&pattern, n, &filter).map(Some)
            }
        }
    }

    /// Looks at a target for `join_undated`, once: when at most [`SOLE_TARGET_BLOCK`]
    /// mentions name it, it is one the rule may look at (`sole`), and when one of them is
    /// undated, the operations of all of them join `affected`.
    fn look_at_target(
        &self,
        target: &str,
        new: &BTreeSet<NamedNode>,
        looked: &mut BTreeSet<String>,
        sole: &mut BTreeSet<String>,
        affected: &mut BTreeSet<NamedNode>,
    ) -> Result<()> {
        if !looked.insert(target.to_string()) {
            return Ok(());
        }
        let Ok(e) = NamedNode::new(target) else {
            return Ok(());
        };
        let pattern = format!("?m {} {e} .", opg::role(Role::Target));
        let n = self.block_size(&pattern, SOLE_TARGET_BLOCK)?;
        if n > SOLE_TARGET_BLOCK {
            return Ok(());
        }
        sole.insert(target.to_string());
        let block = self.sliced_block(&pattern, n, "")?;
        if !block.iter().any(|(m, _)| is_undated(m)) {
            return Ok(());
        }
        for (m, _) in block {
            let iri = NamedNode::new_unchecked(m.iri);
            if !new.contains(&iri) {
                if let Some(op) = self.operation_of(&iri)? {
                    affected.insert(op);
                }
            }
        }
        Ok(())
    }

    /// How many mentions of report graphs match `pattern`, counted up to `limit + 1`.
    fn block_size(&self, pattern: &str, limit: usize) -> Result<usize> {
        let size = self.store.select(&format!(
            "SELECT (COUNT(*) AS ?n) WHERE {{ SELECT ?m WHERE {{ GRAPH ?g {{ {pattern} }} {} }} LIMIT {} }}",
            self.not_report_graph(),
            limit + 1
        ))?;
        Ok(size
            .first()
            .and_then(|row| lit(row.get("n")))
            .and_then(|n| n.parse::<usize>().ok())
            .unwrap_or(0))
    }

    /// A month block's members that may pair (see [`BlockNeed::month_filter`]), read as
    /// one query per few days of the month on the pool's threads: each member's end date
    /// and targets are one look-up, a random read when the disk is cold, so the queries
    /// wait on the disk side by side. (A hash join over every end date of the store cost
    /// as much warm, and cannot be split.)
    fn month_block(&self, y: i32, m: u32, need: &BlockNeed) -> Result<Vec<Member>> {
        let mut dates = vec![date_literal(&PartialDate::YearMonth(y, m))];
        dates.extend((1..=31).map(|d| date_literal(&PartialDate::Day(y, m, d))));
        let (shared, filter) = need.month_filter();
        let (start, end, not_report) = (opg::START_DATE, opg::END_DATE, self.not_report_graph());
        let read: Vec<Vec<Member>> = dates
            .par_chunks(MONTH_BLOCK_DAYS)
            .map(|days| {
                let days: Vec<String> = days.iter().map(Literal::to_string).collect();
                let rows = self.store.select(&block_query(
                    self.use_records,
                    "?s ?e",
                    &format!(
                        "{{ GRAPH ?g {{ VALUES ?s {{ {} }} ?m {start} ?s }} {not_report} \
                         OPTIONAL {{ GRAPH ?h {{ ?m {end} ?e }} }} {shared}{filter} }}",
                        days.join(" ")
                    ),
                ))?;
                Ok(self.dated_members(rows))
            })
            .collect::<Result<_>>()?;
        Ok(read.into_iter().flatten().collect())
    }

    /// A block of `n` members matching `pattern`, with their dates, read as slices of
    /// [`Reader::slice`] members on the pool's threads. A slice skips the members before it
    /// in the index without decoding them; the store does not change during the merge, so
    /// every slice sees the same order.
    fn sliced_block(&self, pattern: &str, n: usize, filter: &str) -> Result<Vec<Member>> {
        let (start, end, month_day) = (opg::START_DATE, opg::END_DATE, opg::START_MONTH_DAY);
        let not_report = self.not_report_graph();
        let slice = self.slice.max(1);
        let read: Vec<Vec<Member>> = (0..n.div_ceil(slice))
            .into_par_iter()
            .map(|k| {
                let rows = self.store.select(&block_query(
                    self.use_records,
                    "?s ?e ?md",
                    &format!(
                        "{{ {{ SELECT ?m WHERE {{ GRAPH ?g {{ {pattern} }} {not_report} }} LIMIT {slice} OFFSET {} }} \
                           OPTIONAL {{ GRAPH ?h {{ ?m {start} ?s }} }} OPTIONAL {{ GRAPH ?h {{ ?m {end} ?e }} }} \
                           OPTIONAL {{ GRAPH ?h {{ ?m {month_day} ?md }} }} {filter} }}",
                        k * slice
                    ),
                ))?;
                Ok(self.dated_members(rows))
            })
            .collect::<Result<_>>()?;
        let mut members: Vec<Member> = read.into_iter().flatten().collect();
        // A member the pattern matches twice may be in two slices.
        members.sort_by(|a, b| a.0.iri.cmp(&b.0.iri));
        members.dedup_by(|a, b| a.0.iri == b.0.iri);
        Ok(members)
    }

    /// Block members from the rows of a query [`with_records`]: each member's merge
    /// record (`?r`), or its IRI (`?n`) when it has none, and its dates `?s`, `?e`, `?md`
    /// where bound; one per mention of a report graph. A member whose record cannot be
    /// read at all is left out (only a write from outside the merge can damage one, and
    /// such a write makes the next merge a full one).
    fn dated_members(&self, rows: Vec<HashMap<String, Term>>) -> Vec<Member> {
        let mut out: BTreeMap<NamedNode, Member> = BTreeMap::new();
        for row in rows {
            let (iri, whole) = match lit(row.get("r")).map(|r| record::decode(&r)) {
                Some(Some(Decoded::Mention(m))) => (NamedNode::new_unchecked(m.iri.clone()), Some(*m)),
                Some(Some(Decoded::Iri(iri))) => match NamedNode::new(iri) {
                    Ok(iri) => (iri, None),
                    Err(_) => continue,
                },
                Some(None) => continue,
                None => match row.get("n").or(row.get("m")) {
                    Some(Term::NamedNode(iri)) => (iri.clone(), None),
                    _ => continue,
                },
            };
            if self.report_graph_of(&iri).is_none() {
                continue;
            }
            if let Some(whole) = whole {
                out.insert(iri, (whole, true));
                continue;
            }
            let (m, _) = out
                .entry(iri.clone())
                .or_insert_with(|| (OpMention::stub(iri.as_str()), false));
            if m.start.is_none() {
                m.start = row.get("s").and_then(parse_date_term);
            }
            if m.end.is_none() {
                m.end = row.get("e").and_then(parse_date_term);
            }
            if m.month_day.is_none() {
                m.month_day = lit(row.get("md")).and_then(|s| parse_month_day(&s));
            }
        }
        out.into_values().collect()
    }

    fn operation_of(&self, mention: &NamedNode) -> Result<Option<NamedNode>> {
        let corpus = self.iris.corpus_graph();
        for q in self.store.inner().quads_for_pattern(
            Some(mention.as_ref().into()),
            Some(opg::MENTION_OF),
            None,
            Some(corpus.as_ref().into()),
        ) {
            if let Term::NamedNode(n) = q?.object {
                return Ok(Some(n));
            }
        }
        Ok(None)
    }

    fn members(&self, op: &NamedNode) -> Result<Vec<NamedNode>> {
        let corpus = self.iris.corpus_graph();
        let mut out = Vec::new();
        for q in self.store.inner().quads_for_pattern(
            None,
            Some(opg::MENTION_OF),
            Some(op.as_ref().into()),
            Some(corpus.as_ref().into()),
        ) {
            if let NamedOrBlankNode::NamedNode(m) = q?.subject {
                out.push(m);
            }
        }
        Ok(out)
    }

    fn operation_exists(&self, op: &NamedNode) -> Result<bool> {
        let corpus = self.iris.corpus_graph();
        Ok(self
            .store
            .inner()
            .quads_for_pattern(
                Some(op.as_ref().into()),
                Some(RDF_TYPE),
                None,
                Some(corpus.as_ref().into()),
            )
            .next()
            .transpose()?
            .is_some())
    }

    /// Every corpus-graph quad of an operation: its own, its count and disagreement
    /// nodes', its member links.
    fn operation_quads_in_store(&self, op: &NamedNode, out: &mut Vec<Quad>) -> Result<()> {
        let corpus = self.iris.corpus_graph();
        let g: GraphNameRef<'_> = corpus.as_ref().into();
        let subject = NamedOrBlankNode::from(op.clone());
        for q in self
            .store
            .inner()
            .quads_for_pattern(Some(subject.as_ref()), None, None, Some(g))
        {
            let q = q?;
            if q.predicate == opg::COUNT || q.predicate == opg::DISAGREEMENT {
                if let Term::NamedNode(c) = &q.object {
                    let c = NamedOrBlankNode::from(c.clone());
                    for cq in self
                        .store
                        .inner()
                        .quads_for_pattern(Some(c.as_ref()), None, None, Some(g))
                    {
                        out.push(cq?);
                    }
                }
            }
            out.push(q);
        }
        for q in self
            .store
            .inner()
            .quads_for_pattern(None, Some(opg::MENTION_OF), Some(op.as_ref().into()), Some(g))
        {
            out.push(q?);
        }
        Ok(())
    }
}

/// A slug without the `-2`, `-3`... that made it unique.
fn unsuffixed(slug: &str) -> &str {
    match slug.rsplit_once('-') {
        Some((base, n))
            if n.len() <= 3 && n.parse::<u16>().is_ok_and(|n| n >= 2) && !base.ends_with(char::is_numeric) =>
        {
            base
        }
        _ => slug,
    }
}

/// A count node's value, unit and qualifier as read.
type CountRead = (Option<f64>, Option<String>, Option<String>);

/// Counts in one order whatever order the store returned them in: the merge keeps the
/// first of equal figures and numbers the count nodes in this order.
fn sort_counts(counts: &mut [(f64, String, Qualifier)]) {
    counts.sort_by(|a, b| a.0.total_cmp(&b.0).then_with(|| a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
}

/// `--11-21` (xsd:gMonthDay) as (month, day).
fn parse_month_day(s: &str) -> Option<(u32, u32)> {
    let s = s.trim_start_matches('-');
    let (m, d) = s.split_once('-')?;
    Some((m.parse().ok()?, d.get(..2)?.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Extractor;
    use crate::pipeline::{self, BuildOptions};

    /// What the merge reads back from the store is what the extractor found: the same
    /// dates, roles and counts for every operation of a report (a reading that drops a
    /// statement, or confuses two mentions of a batch, fails here).
    #[test]
    fn mentions_read_back_are_what_was_extracted() {
        let dir = tempfile::tempdir().expect("tmp");
        let text = "On 21 November 2019 Europol coordinated an action against Amaq, led by the Belgian federal prosecutor. Police seized 26 servers and arrested 12 suspects in Spain.\n\nIn April 2018 a second takedown against al-Qaeda was supported by Eurojust; 40 accounts were closed.";
        std::fs::write(dir.path().join("r.txt"), text).expect("write");
        let store = GraphStore::memory(Iris::new(crate::rdf::DEFAULT_BASE).expect("iris")).expect("store");
        let extractor = Extractor::builtin().expect("extractor");
        let build = BuildOptions {
            jobs: 1,
            ..BuildOptions::default()
        };
        pipeline::build(&store, &extractor, &[dir.path().to_path_buf()], &build).expect("build");
        let report = crate::input::report_from_str("r.txt", text, Some(crate::model::Lang::En), None);
        let mut extracted: Vec<_> = extractor
            .extract(report)
            .operations
            .iter()
            .map(|o| {
                let roles: BTreeSet<(Role, String)> = o
                    .roles
                    .iter()
                    .map(|r| (r.role, store.iris().entity(&r.entity).as_str().to_string()))
                    .collect();
                let mut counts: Vec<(f64, String)> = o.counts.iter().map(|c| (c.value, c.unit.clone())).collect();
                counts.sort_by(|a, b| a.0.total_cmp(&b.0));
                (o.start, roles, counts)
            })
            .collect();
        let mut read: Vec<_> = read_mentions(&store)
            .expect("read")
            .into_iter()
            .map(|m| {
                assert_eq!(m.report, "r.txt");
                let counts: Vec<(f64, String)> = m.counts.iter().map(|c| (c.0, c.1.clone())).collect();
                (m.start, m.roles, counts)
            })
            .collect();
        extracted.sort_by_key(|x| x.0);
        read.sort_by_key(|x| x.0);
        assert_eq!(read.len(), 2, "{read:?}");
        assert!(
            read.iter()
                .all(|(_, roles, counts)| !roles.is_empty() && !counts.is_empty()),
            "{read:?}"
        );
        assert_eq!(read, extracted);
    }

    /// "Led by the Belgian authorities" (Belgium, by the generic-actor rule) and "led by the
    /// Belgian Federal Prosecutor's Office" name one leader: the gazetteer's `opg:country`
    /// of the office is read with the mention, and two reports of one action two days apart
    /// merge (two leaders and two days would be two disagreements, two operations).
    #[test]
    fn a_country_and_its_national_body_lead_one_operation() {
        let dir = tempfile::tempdir().expect("tmp");
        let report = |day: &str, leader: &str| {
            format!(
                "Amaq hit\n\nOn {day} November 2019 an action against Amaq, led by {leader}, \
                 took down servers with the support of Europol."
            )
        };
        let texts = [
            ("a.txt", report("21", "the Belgian authorities")),
            ("b.txt", report("23", "the Belgian Federal Prosecutor's Office")),
        ];
        let paths: Vec<_> = texts
            .iter()
            .map(|(name, text)| {
                let path = dir.path().join(name);
                std::fs::write(&path, text).expect("write");
                path
            })
            .collect();
        let store = GraphStore::memory(Iris::new(crate::rdf::DEFAULT_BASE).expect("iris")).expect("store");
        let extractor = Extractor::builtin().expect("extractor");
        let opts = BuildOptions {
            jobs: 1,
            ..BuildOptions::default()
        };
        pipeline::build(&store, &extractor, &paths, &opts).expect("build");
        let iris = store.iris();
        let (office, belgium) = (iris.entity("be-federal-prosecutor"), iris.entity("belgium"));
        let mut read = read_mentions(&store).expect("read");
        read.sort_by(|x, y| x.report.cmp(&y.report));
        let leaders: Vec<_> = read
            .iter()
            .map(|m| (m.entities(Role::LedBy).collect::<Vec<_>>(), m.leader_countries.clone()))
            .collect();
        let office_of_belgium = BTreeMap::from([(office.as_str().to_string(), belgium.as_str().to_string())]);
        assert_eq!(
            leaders,
            [
                (vec![belgium.as_str()], BTreeMap::new()),
                (vec![office.as_str()], office_of_belgium)
            ],
            "{read:?}"
        );
        assert_eq!(operation_count(&store), 1);
    }

    /// A report against Amaq by German, French and Dutch police supported by Europol.
    fn amaq_report(day: &str, action: &str) -> String {
        format!(
            "Action against Amaq\n\nOn {day}, police forces from Germany, France and the Netherlands \
             {action} of Amaq in an operation supported by Europol."
        )
    }

    /// Another operation against Amaq, in another month and by other actors.
    fn amaq_in_june_2020() -> (&'static str, String) {
        (
            "d.txt",
            "Amaq channels removed\n\nOn 5 June 2020, police forces from Spain and Italy removed \
             channels of Amaq in an operation supported by Eurojust."
                .to_string(),
        )
    }

    /// A store with the `first` reports built and merged, then `added` written and merged
    /// incrementally with the given block limits.
    fn store_after_adding(
        first: &[(&str, String)],
        added: (&str, String),
        max_block: usize,
        slice: usize,
    ) -> GraphStore {
        let dir = tempfile::tempdir().expect("tmp");
        let write = |(name, text): &(&str, String)| {
            let path = dir.path().join(name);
            std::fs::write(&path, text).expect("write");
            path
        };
        let store = GraphStore::memory(Iris::new(crate::rdf::DEFAULT_BASE).expect("iris")).expect("store");
        let extractor = Extractor::builtin().expect("extractor");
        let opts = |merge| BuildOptions {
            jobs: 1,
            merge,
            ..BuildOptions::default()
        };
        let paths: Vec<_> = first.iter().map(write).collect();
        pipeline::build(&store, &extractor, &paths, &opts(pipeline::MergeMode::Full)).expect("build");
        let before = reports(&store);
        pipeline::build(&store, &extractor, &[write(&added)], &opts(pipeline::MergeMode::None)).expect("build");
        let touched = Touched {
            added: reports(&store)
                .difference(&before)
                .map(|r| NamedNode::new_unchecked(r.clone()))
                .collect(),
            ..Touched::default()
        };
        assert_eq!(touched.added.len(), 1);
        update_corpus_in(&store, &touched, max_block, slice).expect("update");
        store
    }

    fn operation_count(store: &GraphStore) -> usize {
        store
            .select("PREFIX opg: <https://w3id.org/opgraph/ontology#> SELECT DISTINCT ?op WHERE { GRAPH ?g { ?m opg:mentionOf ?op } }")
            .expect("query")
            .len()
    }

    /// A new mention days apart from an old one of its month pairs with it only through a
    /// shared target: when that target's block is too large to read, the month block must
    /// still hand over the old mention (the filter keeps members that share a target).
    #[test]
    fn a_member_days_apart_sharing_a_target_is_read_when_its_target_block_is_skipped() {
        let first = [
            ("a.txt", amaq_report("3 March 2021", "took down servers")),
            // Another operation against Amaq, of another month: Amaq's block outgrows March's.
            amaq_in_june_2020(),
        ];
        let added = ("b.txt", amaq_report("20 March 2021", "closed accounts"));
        // Blocks of more than two members are skipped: Amaq's (three), not March's (two).
        let store = store_after_adding(&first, added, 2, BLOCK_SLICE);
        assert_eq!(operation_count(&store), 2);
    }

    /// The same through a shared large figure: when the figure's block is too large to
    /// read, the month block hands over the old mention that gives the same figure.
    #[test]
    fn a_member_days_apart_sharing_a_figure_is_read_when_its_figure_block_is_skipped() {
        let seized = |day: &str, actors: &str, supporter: &str| {
            format!(
                "Weapons seized\n\nOn {day}, police forces from {actors} seized 2,600 weapons \
                 in an operation supported by {supporter}."
            )
        };
        let first = [
            ("a.txt", seized("3 March 2021", "Germany and France", "Europol")),
            ("d.txt", seized("5 June 2020", "Spain and Italy", "Eurojust")),
        ];
        let added = ("b.txt", seized("20 March 2021", "Germany and France", "Europol"));
        let store = store_after_adding(&first, added, 2, BLOCK_SLICE);
        assert_eq!(operation_count(&store), 2);
    }

    /// An undated report pairs with a dated one through their target's block alone (an
    /// undated mention is in no month): filtered on the dates, one member per query, the
    /// block must keep the members without a start.
    #[test]
    fn a_target_block_keeps_its_undated_members() {
        let undated = (
            "u.txt",
            "Action against Amaq\n\nPolice forces from Germany, France and the Netherlands took down \
             servers of Amaq in an operation supported by Europol."
                .to_string(),
        );
        let added = ("b.txt", amaq_report("3 March 2021", "closed accounts"));
        let store = store_after_adding(&[undated], added, MAX_BLOCK, 1);
        assert_eq!(operation_count(&store), 1);
    }

    /// A report that gives "Friday 15th April" and no year meets, when added, a report of
    /// 15 April 2016 (a Friday) through their month-day block, and merges with it on that
    /// agreement alone; 15 April 2017 was a Saturday and stays another operation.
    #[test]
    fn an_added_report_of_the_weekdays_year_takes_a_yearless_day() {
        let yearless = (
            "a.txt",
            "Referral action ends\n\nStarting on Friday 15th April, officers of the Guardia Civil \
             referred 300 items of terrorist propaganda to online platforms for removal."
                .to_string(),
        );
        let dated = |year: u32| {
            format!(
                "Extremist videos removed\n\nOn 15 April {year}, the Polish police took down \
                 extremist videos in a referral action."
            )
        };
        let store = store_after_adding(
            std::slice::from_ref(&yearless),
            ("b.txt", dated(2016)),
            MAX_BLOCK,
            BLOCK_SLICE,
        );
        assert_eq!(operation_count(&store), 1);
        let store = store_after_adding(&[yearless], ("b.txt", dated(2017)), MAX_BLOCK, BLOCK_SLICE);
        assert_eq!(operation_count(&store), 2);
    }

    /// Two reports published on one day whose texts give no date, sharing only a
    /// supporter, are two operations: their day is the publication's, no evidence of one
    /// operation. The same texts with that day told merge.
    #[test]
    fn a_day_that_is_only_the_publication_date_is_weak_evidence() {
        let line =
            |text: &str| format!("{{\"text\": \"{text}\", \"published\": \"2023-02-10\", \"language\": \"en\"}}");
        let reports = |day: &str| {
            (
                line(&format!("{day}Spanish police arrested 12 members of a hashish network in Malaga with the support of Europol.")),
                line(&format!("{day}French police dismantled a cocaine ring in Lyon with the support of Europol.")),
            )
        };
        let (a, b) = reports("");
        let store = store_after_adding(&[("a.jsonl", a)], ("b.jsonl", b), MAX_BLOCK, BLOCK_SLICE);
        assert_eq!(operation_count(&store), 2);
        let (a, b) = reports("On 10 February 2023, ");
        let store = store_after_adding(&[("a.jsonl", a)], ("b.jsonl", b), MAX_BLOCK, BLOCK_SLICE);
        assert_eq!(operation_count(&store), 1);
    }

    /// Two reports of one day, when their month's and their target's blocks are both too
    /// large to read, still meet in their month-day block.
    #[test]
    fn a_same_day_member_is_read_from_the_month_day_block_when_its_month_is_skipped() {
        let first = [
            ("a.txt", amaq_report("3 March 2021", "took down servers")),
            // March gets a third member, Amaq a third one in another month.
            (
                "f.txt",
                "Drug network dismantled\n\nOn 12 March 2021, Spanish police arrested five suspects \
                 of a drug network in Madrid, in an operation supported by Eurojust."
                    .to_string(),
            ),
            amaq_in_june_2020(),
        ];
        let added = ("b.txt", amaq_report("3 March 2021", "closed accounts"));
        let store = store_after_adding(&first, added, 2, BLOCK_SLICE);
        assert_eq!(operation_count(&store), 3);
    }

    /// Two reports three days apart across a month's end share only their target's block:
    /// its members filtered on their dates, it still pairs them.
    #[test]
    fn a_target_block_still_pairs_days_across_a_month_end() {
        let first = [("a.txt", amaq_report("30 March 2021", "took down servers"))];
        let added = ("b.txt", amaq_report("2 April 2021", "closed accounts"));
        let store = store_after_adding(&first, added, MAX_BLOCK, 1);
        assert_eq!(operation_count(&store), 1);
    }

    /// Months in a row, each told without a day, across a year's end: the target's block
    /// reads the month before, as the batch merge pairs them.
    #[test]
    fn a_target_block_pairs_months_in_a_row() {
        assert_eq!(neighbour_month(2021, 1, -1), "2020-12");
        assert_eq!(neighbour_month(2020, 12, 1), "2021-01");
        assert_eq!(neighbour_month(2021, 6, 1), "2021-07");
        let in_month = |month: &str| {
            format!(
                "Action against Amaq\n\nIn {month}, police forces from Germany, France and the \
                 Netherlands took down servers of Amaq in an operation supported by Europol."
            )
        };
        let first = [("a.txt", in_month("December 2020"))];
        let store = store_after_adding(&first, ("b.txt", in_month("January 2021")), MAX_BLOCK, 1);
        assert_eq!(operation_count(&store), 1);
        let store = store_after_adding(&first, ("c.txt", in_month("February 2021")), MAX_BLOCK, 1);
        assert_eq!(operation_count(&store), 2);
    }

    /// A block read in slices, or a month block read a few days per query, has every
    /// member with its start date, as the block read whole has.
    #[test]
    fn a_block_read_in_slices_has_every_member() {
        let days = ["2 March 2021", "9 March 2021", "20 March 2021", "31 March 2021"];
        let texts: Vec<(String, String)> = days
            .iter()
            .enumerate()
            .map(|(k, day)| (format!("r{k}.txt"), amaq_report(day, "took down servers")))
            .collect();
        let first: Vec<(&str, String)> = texts[..3].iter().map(|(n, t)| (n.as_str(), t.clone())).collect();
        let store = store_after_adding(
            &first,
            (texts[3].0.as_str(), texts[3].1.clone()),
            MAX_BLOCK,
            BLOCK_SLICE,
        );
        let read = |key: &BlockKey, start: Option<PartialDate>, slice: usize| {
            let reader = Reader::new(&store, MAX_BLOCK, slice);
            let mut new = OpMention::stub("urn:new");
            new.start = start;
            let mut need = BlockNeed::new();
            need.add(key, &new);
            let block = reader.block(key, &need).expect("read").expect("not skipped");
            block
                .into_iter()
                .map(|(m, _)| (m.iri, m.start))
                .collect::<BTreeSet<(String, Option<PartialDate>)>>()
        };
        let amaq = BlockKey::Target(store.iris().entity("amaq").as_str().to_string());
        let whole = read(&amaq, None, MAX_BLOCK);
        let starts: BTreeSet<Option<PartialDate>> = whole.iter().map(|(_, s)| *s).collect();
        let expected: BTreeSet<Option<PartialDate>> = [2, 9, 20, 31]
            .into_iter()
            .map(|d| Some(PartialDate::Day(2021, 3, d)))
            .collect();
        assert_eq!(starts, expected);
        assert_eq!(read(&amaq, None, 1), whole);
        let march = BlockKey::Month(2021, Some(3));
        assert_eq!(read(&march, Some(PartialDate::YearMonth(2021, 3)), 1), whole);
    }

    fn reports(store: &GraphStore) -> BTreeSet<String> {
        store
            .select("PREFIX opg: <https://w3id.org/opgraph/ontology#> SELECT ?r WHERE { GRAPH ?g { ?r a opg:Report } }")
            .expect("query")
            .into_iter()
            .filter_map(|row| match row.get("r") {
                Some(Term::NamedNode(n)) => Some(n.as_str().to_string()),
                _ => None,
            })
            .collect()
    }
}
