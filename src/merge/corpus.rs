//! The merge against the store: reading operation mentions back from the report graphs
//! and writing corpus-level operations into the corpus graph, either from scratch
//! ([`rebuild_corpus`]) or around the reports a build touched ([`update_corpus`]).

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use rayon::prelude::*;

use oxigraph::model::{GraphName, GraphNameRef, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term};
use serde::Serialize;

use super::summary;
use super::{
    blocking_keys, cluster, cluster_members, consensus, dates_agree, pair_score, BlockKey, MergedOperation, OpMention,
    MAX_BLOCK,
};
use crate::error::Result;
use crate::model::{PartialDate, Qualifier, Role};
use crate::rdf::mapping::term_value as lit;
use crate::rdf::mapping::{date_literal, number_literal, parse_date_term};
use crate::rdf::vocab::{opg, rdfs, xsd, RDF_TYPE};
use crate::rdf::Iris;
use crate::store::GraphStore;

/// The years a month-day block looks in for dated mentions ("21 November" without a year
/// may be the 21 November of any year the corpus tells).
const BLOCK_YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

/// Reads every operation mention of the store, sorted by IRI.
///
/// Index lookups, not SPARQL: the typed mentions from one scan of the `rdf:type` index,
/// then each mention's statements by its subject in its report graph ([`Reader::mention`],
/// the same reading the incremental merge uses), spread over rayon's threads. On 100k reports this takes
/// 24 s on two cores where the three SPARQL joins it replaces took 36 s; most of it is
/// RocksDB decoding the terms.
pub fn read_mentions(store: &GraphStore) -> Result<Vec<OpMention>> {
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
    let reader = Reader { store, iris };
    let read: Vec<Option<OpMention>> = subjects.par_iter().map(|m| reader.mention(m)).collect::<Result<_>>()?;
    Ok(read.into_iter().flatten().collect())
}

/// Recomputes the corpus graph from the report graphs. Returns the number of operations.
pub fn rebuild_corpus(store: &GraphStore) -> Result<usize> {
    let mentions = read_mentions(store)?;
    let ops = cluster(&mentions);
    let iris = store.iris();
    let nodes: Vec<NamedNode> = ops.iter().map(|op| iris.operation(&op.slug)).collect();
    let graph = GraphName::NamedNode(iris.corpus_graph());
    let mut summaries = summary::summary_quads(
        &summary::all_report_counts(store)?,
        nodes.iter().zip(ops.iter().map(|op| &op.roles)),
        &graph,
    );
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
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct MergeUpdate {
    /// Operation mentions of the added reports.
    pub new_mentions: usize,
    /// Mentions re-clustered (the new ones, and the members of the operations they touch).
    pub reclustered: usize,
    /// Operations removed or rewritten.
    pub operations_replaced: usize,
    /// Operations written.
    pub operations_written: usize,
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
    let (added, removed) = (&touched.added, &touched.removed);
    let iris = store.iris();
    let corpus = iris.corpus_graph();
    let reader = Reader { store, iris };
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
    let mut new_mentions = Vec::new();
    for m in &new_iris {
        if let Some(x) = reader.mention(m)? {
            new_mentions.push(x);
        }
    }
    // Candidates are read once, but scored against every new mention that reaches them.
    // Their dates are read first (a few inline values): most candidates of a wide target
    // or count block are of other months and never need their roles and counts decoded.
    // Both readings run on rayon's threads.
    let mut pairs: Vec<(usize, NamedNode)> = Vec::new();
    for (k, n) in new_mentions.iter().enumerate() {
        for key in blocking_keys(n) {
            let candidates = match &key {
                BlockKey::Month(..) | BlockKey::MonthDay(..) => reader.date_block(&key)?,
                BlockKey::Target(e) => reader.mentions_with_target(e)?,
                BlockKey::Count(bits) => reader.mentions_with_count(f64::from_bits(*bits))?,
            };
            if candidates.len() > MAX_BLOCK {
                continue;
            }
            pairs.extend(candidates.into_iter().filter(|c| !new_iris.contains(c)).map(|c| (k, c)));
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    let mut unique: Vec<NamedNode> = pairs.iter().map(|(_, c)| c.clone()).collect();
    unique.sort_unstable();
    unique.dedup();
    let dated: HashMap<NamedNode, OpMention> = unique
        .into_par_iter()
        .map(|c| {
            let d = reader.dates(&c)?;
            Ok((c, d))
        })
        .collect::<Result<_>>()?;
    // pair_score refuses a pair on the dates alone when they cannot agree.
    pairs.retain(|(k, c)| {
        dated
            .get(c)
            .is_some_and(|d| dates_agree(&new_mentions[*k], d).is_some())
    });
    let mut wanted: Vec<&NamedNode> = pairs.iter().map(|(_, c)| c).collect();
    wanted.sort_unstable();
    wanted.dedup();
    let read: HashMap<&NamedNode, Option<OpMention>> = wanted
        .into_par_iter()
        .map(|c| Ok((c, reader.mention(c)?)))
        .collect::<Result<_>>()?;
    for (k, c) in &pairs {
        let Some(Some(old)) = read.get(c) else { continue };
        if pair_score(&new_mentions[*k], old).is_some() {
            if let Some(op) = reader.operation_of(c)? {
                affected.insert(op);
            }
        }
    }
    // 3. The neighbourhood: new mentions plus every member of the affected operations.
    let mut previous: HashMap<String, NamedNode> = HashMap::new();
    let mut members: Vec<OpMention> = Vec::new();
    for op in &affected {
        for m in reader.members(op)? {
            if new_iris.contains(&m) {
                continue;
            }
            if let Some(x) = reader.mention(&m)? {
                previous.insert(x.iri.clone(), op.clone());
                members.push(x);
            }
        }
    }
    let new_count = new_mentions.len();
    members.extend(new_mentions);
    members.sort_by(|a, b| a.iri.cmp(&b.iri));
    members.dedup_by(|a, b| a.iri == b.iri);
    let mut ops: Vec<MergedOperation> = cluster_members(&members)
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
    // 5. One transaction: the affected operations out, the new ones in.
    let mut remove = Vec::new();
    for op in &affected {
        reader.operation_quads_in_store(op, &mut remove)?;
    }
    let mut insert = Vec::new();
    for (op, node) in ops.iter().zip(&nodes) {
        operation_quads(iris, node, op, &members, &mut insert);
    }
    let mut seen = HashSet::new();
    insert.retain(|q| seen.insert(q.clone()));
    store.apply_changes(&remove, &insert)?;
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
    summary::recount_reports(store, recount)?;
    summary::apply_count_delta(store, opg::REPORT_COUNT, &report_delta)?;
    let actors = summary::actor_deltas(&remove, &insert);
    summary::apply_count_delta(store, opg::OPERATION_COUNT, &actors.operations)?;
    summary::apply_collaboration_delta(store, &actors.pairs)?;
    store.set_merge_current(true)?;
    Ok(MergeUpdate {
        new_mentions: new_count,
        reclustered: members.len(),
        operations_replaced: affected.len(),
        operations_written: ops.len(),
    })
}

fn graph_str(g: &GraphName) -> &str {
    match g {
        GraphName::NamedNode(n) => n.as_str(),
        _ => "",
    }
}

/// Direct index lookups for the incremental merge (no SPARQL: a few quads per mention).
struct Reader<'a> {
    store: &'a GraphStore,
    iris: &'a Iris,
}

impl Reader<'_> {
    fn objects(&self, s: &NamedOrBlankNode, p: NamedNodeRef<'_>, g: Option<GraphNameRef<'_>>) -> Result<Vec<Term>> {
        let mut out = Vec::new();
        for q in self.store.inner().quads_for_pattern(Some(s.as_ref()), Some(p), None, g) {
            out.push(q?.object);
        }
        Ok(out)
    }

    /// A mention with its dates only (start, end, year-less month-day), as
    /// [`Reader::mention`] would read them: enough for [`super::dates_agree`].
    fn dates(&self, iri: &NamedNode) -> Result<OpMention> {
        let subject = NamedOrBlankNode::from(iri.clone());
        let mut m = OpMention::stub(iri.as_str());
        let graph = self.report_graph_of(iri);
        let in_graph = graph.as_ref().map(|g| GraphNameRef::NamedNode(g.as_ref()));
        let first = |p| -> Result<Option<Term>> {
            for q in self
                .store
                .inner()
                .quads_for_pattern(Some(subject.as_ref()), Some(p), None, in_graph)
            {
                let q = q?;
                if self.iris.is_report_graph(graph_str(&q.graph_name)) {
                    return Ok(Some(q.object));
                }
            }
            Ok(None)
        };
        m.start = first(opg::START_DATE)?.as_ref().and_then(parse_date_term);
        m.end = first(opg::END_DATE)?.as_ref().and_then(parse_date_term);
        m.month_day = first(opg::START_MONTH_DAY)?
            .and_then(|t| lit(Some(&t)))
            .and_then(|s| parse_month_day(&s));
        Ok(m)
    }

    /// The report graph an operation mention minted by [`Iris::op_mention`] lives in
    /// (`{base}report/{sha16}/op/{k}` → `{base}graph/report/{sha16}`): look-ups told the
    /// graph read one index range instead of two.
    fn report_graph_of(&self, mention: &NamedNode) -> Option<NamedNode> {
        let rest = mention
            .as_str()
            .strip_prefix(self.iris.base())?
            .strip_prefix("report/")?;
        let (sha16, tail) = rest.split_once('/')?;
        tail.starts_with("op/").then(|| self.iris.report_graph(sha16))
    }

    /// One operation mention as the full merge would read it; `None` when it is gone. Read
    /// in its report graph ([`Reader::report_graph_of`]), a count node's statements in one
    /// look-up.
    fn mention(&self, iri: &NamedNode) -> Result<Option<OpMention>> {
        let subject = NamedOrBlankNode::from(iri.clone());
        let graph = self.report_graph_of(iri);
        let in_graph = graph.as_ref().map(|g| GraphNameRef::NamedNode(g.as_ref()));
        let mut m = OpMention::stub(iri.as_str());
        let mut typed = false;
        let mut count_nodes = Vec::new();
        for q in self
            .store
            .inner()
            .quads_for_pattern(Some(subject.as_ref()), None, None, in_graph)
        {
            let q = q?;
            if !self.iris.is_report_graph(graph_str(&q.graph_name)) {
                continue;
            }
            let p = q.predicate.as_ref();
            if p == RDF_TYPE {
                typed |= matches!(&q.object, Term::NamedNode(n) if n.as_ref() == opg::OPERATION_MENTION);
            } else if p == opg::REPORT {
                if let Term::NamedNode(r) = &q.object {
                    m.report_iri = r.as_str().to_string();
                }
            } else if p == opg::START_DATE {
                m.start = parse_date_term(&q.object);
            } else if p == opg::END_DATE {
                m.end = parse_date_term(&q.object);
            } else if p == opg::START_MONTH_DAY {
                m.month_day = lit(Some(&q.object)).and_then(|s| parse_month_day(&s));
            } else if p == opg::KIND {
                m.kind = lit(Some(&q.object)).unwrap_or(m.kind);
            } else if p == rdfs::LABEL {
                m.label = lit(Some(&q.object)).unwrap_or_default();
            } else if p == opg::COUNT {
                if let Term::NamedNode(c) = q.object {
                    count_nodes.push(c);
                }
            } else if let Some(role) = p.as_str().strip_prefix(opg::NS).and_then(Role::from_property) {
                if let Term::NamedNode(e) = &q.object {
                    m.roles.insert((role, e.as_str().to_string()));
                }
            }
        }
        if !typed {
            return Ok(None);
        }
        if let Ok(r) = NamedNode::new(&m.report_iri) {
            m.report = self
                .objects(&r.into(), opg::REPORT_ID, None)?
                .first()
                .and_then(|t| lit(Some(t)))
                .unwrap_or_default();
        }
        for c in count_nodes {
            let c = NamedOrBlankNode::from(c);
            let (mut v, mut unit, mut q) = (None, None, None);
            for quad in self
                .store
                .inner()
                .quads_for_pattern(Some(c.as_ref()), None, None, in_graph)
            {
                let quad = quad?;
                let p = quad.predicate.as_ref();
                if p == opg::VALUE {
                    v = lit(Some(&quad.object)).and_then(|v| v.parse::<f64>().ok());
                } else if p == opg::UNIT {
                    unit = lit(Some(&quad.object));
                } else if p == opg::QUALIFIER {
                    q = lit(Some(&quad.object));
                }
            }
            let Some(v) = v else { continue };
            m.counts.push((
                v,
                unit.unwrap_or_default(),
                q.and_then(|q| Qualifier::parse(&q)).unwrap_or_default(),
            ));
        }
        Ok(Some(m))
    }

    /// Subjects in report graphs with `p o` (operation mentions and count nodes).
    fn report_subjects(&self, p: NamedNodeRef<'_>, o: &Term) -> Result<Vec<NamedNode>> {
        let mut out = Vec::new();
        for q in self
            .store
            .inner()
            .quads_for_pattern(None, Some(p), Some(o.as_ref()), None)
        {
            let q = q?;
            if let NamedOrBlankNode::NamedNode(s) = q.subject {
                if self.iris.is_report_graph(graph_str(&q.graph_name)) {
                    out.push(s);
                }
            }
            if out.len() > MAX_BLOCK {
                break;
            }
        }
        Ok(out)
    }

    fn mentions_with_target(&self, entity: &str) -> Result<Vec<NamedNode>> {
        match NamedNode::new(entity) {
            Ok(e) => self.report_subjects(opg::role(Role::Target), &e.into()),
            Err(_) => Ok(Vec::new()),
        }
    }

    fn mentions_with_count(&self, v: f64) -> Result<Vec<NamedNode>> {
        let mut out = Vec::new();
        for c in self.report_subjects(opg::VALUE, &number_literal(v).into())? {
            out.extend(self.report_subjects(opg::COUNT, &c.into())?);
            if out.len() > MAX_BLOCK {
                break;
            }
        }
        Ok(out)
    }

    /// The dated operation mentions under one month or month-day key, read by exact date
    /// values through the object index (a month is its `gYearMonth` and its 31 days; a
    /// month-day is its `gMonthDay` and that day in every year of [`BLOCK_YEARS`]), so
    /// adding a report costs index seeks, not a scan of every date in the store.
    fn date_block(&self, key: &BlockKey) -> Result<Vec<NamedNode>> {
        let mut values: Vec<(NamedNodeRef<'_>, Literal)> = Vec::new();
        match *key {
            BlockKey::Month(y, Some(m)) => {
                values.push((opg::START_DATE, date_literal(&PartialDate::YearMonth(y, m))));
                for d in 1..=31 {
                    values.push((opg::START_DATE, date_literal(&PartialDate::Day(y, m, d))));
                }
            }
            BlockKey::Month(y, None) => values.push((opg::START_DATE, date_literal(&PartialDate::Year(y)))),
            BlockKey::MonthDay(m, d) => {
                let md = format!("--{m:02}-{d:02}");
                values.push((opg::START_MONTH_DAY, Literal::new_typed_literal(md, xsd::G_MONTH_DAY)));
                for y in BLOCK_YEARS {
                    values.push((opg::START_DATE, date_literal(&PartialDate::Day(y, m, d))));
                }
            }
            BlockKey::Target(_) | BlockKey::Count(_) => {}
        }
        let mut out = Vec::new();
        for (p, v) in values {
            out.extend(self.report_subjects(p, &v.into())?);
            if out.len() > MAX_BLOCK {
                break;
            }
        }
        Ok(out)
    }

    fn operation_of(&self, mention: &NamedNode) -> Result<Option<NamedNode>> {
        let corpus = self.iris.corpus_graph();
        Ok(self
            .objects(&mention.clone().into(), opg::MENTION_OF, Some(corpus.as_ref().into()))?
            .into_iter()
            .find_map(|t| match t {
                Term::NamedNode(n) => Some(n),
                _ => None,
            }))
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

/// `--11-21` (xsd:gMonthDay) as (month, day).
fn parse_month_day(s: &str) -> Option<(u32, u32)> {
    let s = s.trim_start_matches('-');
    let (m, d) = s.split_once('-')?;
    Some((m.parse().ok()?, d.get(..2)?.parse().ok()?))
}
