//! An [`Extraction`] becomes the quads of one report graph.
//!
//! The report graph holds everything one report says, with provenance: the report's
//! metadata, its sentences (text and offsets), the entities it mentions (each mention with
//! its surface form, offsets, sentence, rule and confidence), and its operation mentions
//! (dates, roles, counts; each fact also reified as an `opg:Assertion` that points to the
//! sentence and rule it comes from). Corpus-level operations live in another graph
//! ([`crate::merge`]), so replacing a report never touches another report's facts.

use oxigraph::model::{GraphName, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term};

use super::vocab::{dcterms, opg, prov, rdfs, schema, skos, xsd, RDF_TYPE};
use super::Iris;
use crate::model::{Extraction, PartialDate, Span};

/// A literal for a date at its precision (`xsd:date`, `xsd:gYearMonth`, `xsd:gYear`).
pub fn date_literal(d: &PartialDate) -> Literal {
    let dt = match d {
        PartialDate::Year(_) => xsd::G_YEAR,
        PartialDate::YearMonth(..) => xsd::G_YEAR_MONTH,
        PartialDate::Day(..) => xsd::DATE,
    };
    Literal::new_typed_literal(d.to_string(), dt)
}

/// Reads a date literal back (any of the three precisions, or a plain string).
pub fn parse_date_term(t: &Term) -> Option<PartialDate> {
    match t {
        Term::Literal(l) => PartialDate::parse(l.value()),
        _ => None,
    }
}

/// The lexical value of a literal or the IRI of a named node (for reading query rows).
pub fn term_value(t: Option<&Term>) -> Option<String> {
    match t? {
        Term::Literal(l) => Some(l.value().to_string()),
        Term::NamedNode(n) => Some(n.as_str().to_string()),
        _ => None,
    }
}

/// A number literal: integers as `xsd:integer`, others as `xsd:decimal`.
pub fn number_literal(v: f64) -> Literal {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        Literal::new_typed_literal(format!("{}", v as i64), xsd::INTEGER)
    } else {
        Literal::new_typed_literal(format!("{v}"), xsd::DECIMAL)
    }
}

/// Maps byte offsets of a text to code-point offsets in one forward pass per lookup
/// group (offsets are looked up in increasing order most of the time).
pub struct CharOffsets<'a> {
    text: &'a str,
    checkpoints: Vec<(usize, usize)>,
}

impl<'a> CharOffsets<'a> {
    const STEP: usize = 4096;

    pub fn new(text: &'a str) -> Self {
        let mut checkpoints = vec![(0, 0)];
        let mut next = Self::STEP;
        for (chars, (b, _)) in text.char_indices().enumerate() {
            if b >= next {
                checkpoints.push((b, chars));
                next = b + Self::STEP;
            }
        }
        CharOffsets { text, checkpoints }
    }

    /// Code-point offset of a byte offset (clamped to the text).
    pub fn of(&self, byte: usize) -> usize {
        let byte = byte.min(self.text.len());
        let i = self.checkpoints.partition_point(|(b, _)| *b <= byte).saturating_sub(1);
        let (b0, c0) = self.checkpoints.get(i).copied().unwrap_or((0, 0));
        c0 + self.text.get(b0..byte).map(|s| s.chars().count()).unwrap_or(0)
    }
}

struct Sink<'a> {
    graph: GraphName,
    quads: &'a mut Vec<Quad>,
}

impl Sink<'_> {
    fn add(&mut self, s: impl Into<NamedOrBlankNode>, p: NamedNodeRef<'_>, o: impl Into<Term>) {
        self.quads.push(Quad::new(s, p.into_owned(), o, self.graph.clone()));
    }
    fn lit(&mut self, s: &NamedNode, p: NamedNodeRef<'_>, v: impl Into<String>) {
        self.add(s.clone(), p, Literal::new_simple_literal(v));
    }
    fn span(&mut self, s: &NamedNode, span: Span, offsets: &CharOffsets<'_>) {
        self.add(
            s.clone(),
            opg::START_OFFSET,
            Literal::from(offsets.of(span.start) as i64),
        );
        self.add(s.clone(), opg::END_OFFSET, Literal::from(offsets.of(span.end) as i64));
    }
    fn confidence(&mut self, s: &NamedNode, c: f32) {
        let c = (f64::from(c) * 1000.0).round() / 1000.0;
        self.add(
            s.clone(),
            opg::CONFIDENCE,
            Literal::new_typed_literal(format!("{c:.3}"), xsd::DECIMAL),
        );
    }
}

/// The report graph's name and its quads. `ingested_at` is an RFC 3339 timestamp.
pub fn extraction_quads(x: &Extraction, iris: &Iris, ingested_at: &str) -> (NamedNode, Vec<Quad>) {
    let r = &x.report;
    let sha = r.sha256.as_str();
    let graph = iris.report_graph(sha);
    let mut quads = Vec::with_capacity(64 + x.sentences.len() * 6 + x.entities.len() * 12);
    let mut g = Sink {
        graph: GraphName::NamedNode(graph.clone()),
        quads: &mut quads,
    };
    let offsets = CharOffsets::new(&r.text);

    // The report and the extraction run.
    let report = iris.report(sha);
    g.add(report.clone(), RDF_TYPE, opg::REPORT_CLASS.into_owned());
    g.lit(&report, opg::REPORT_ID, &r.id);
    g.lit(&report, opg::SOURCE, &r.source);
    g.lit(&report, opg::SHA256, sha);
    g.add(report.clone(), opg::BYTE_LENGTH, Literal::from(r.byte_len as i64));
    g.lit(&report, opg::ENCODING, &r.encoding);
    g.lit(&report, opg::FORMAT, r.format.as_str());
    g.add(report.clone(), opg::GRAPH, graph.clone());
    g.lit(&report, dcterms::LANGUAGE, r.language.code());
    g.add(
        report.clone(),
        opg::LANGUAGE_DETECTED,
        Literal::from(r.language_detected),
    );
    if let Some(t) = &r.title {
        g.lit(&report, dcterms::TITLE, t);
    }
    if let Some(u) = r.url.as_deref().and_then(|u| NamedNode::new(u).ok()) {
        g.add(report.clone(), schema::URL, u);
    }
    if let Some(p) = &r.published {
        g.add(report.clone(), schema::DATE_PUBLISHED, date_literal(p));
    }
    let run = iris.extraction(sha);
    g.add(run.clone(), RDF_TYPE, opg::EXTRACTION.into_owned());
    g.add(run.clone(), prov::USED, report.clone());
    g.lit(&run, opg::EXTRACTOR_VERSION, crate::model::EXTRACTOR_VERSION);
    g.add(
        run.clone(),
        opg::INGESTED_AT,
        Literal::new_typed_literal(ingested_at, xsd::DATE_TIME),
    );
    g.add(report.clone(), prov::WAS_GENERATED_BY, run);

    // Sentences that carry evidence (every sentence with a mention or a fact).
    let mut used = vec![false; x.sentences.len()];
    for e in &x.entities {
        for m in &e.mentions {
            if let Some(u) = used.get_mut(m.sentence) {
                *u = true;
            }
        }
    }
    for op in &x.operations {
        let evidence = std::iter::once(&op.trigger)
            .chain(op.date_evidence.iter())
            .chain(op.roles.iter().map(|f| &f.evidence))
            .chain(op.counts.iter().map(|c| &c.evidence));
        for ev in evidence {
            if let Some(u) = used.get_mut(ev.sentence) {
                *u = true;
            }
        }
    }
    for (i, span) in x.sentences.iter().enumerate() {
        if !used.get(i).copied().unwrap_or(false) {
            continue;
        }
        let s = iris.sentence(sha, i);
        g.add(s.clone(), RDF_TYPE, opg::SENTENCE.into_owned());
        g.add(s.clone(), opg::REPORT, report.clone());
        g.add(s.clone(), opg::SENTENCE_INDEX, Literal::from(i as i64));
        g.lit(&s, opg::TEXT, span.slice(&r.text));
        g.span(&s, *span, &offsets);
    }

    // Entities and their mentions.
    let mut mention_no = 0;
    for e in &x.entities {
        let ent = iris.entity(&e.key);
        // A gazetteer entity's type and label live once, in the gazetteer graph; repeating
        // them in every report graph would multiply them in the union default graph.
        if !e.from_gazetteer {
            g.add(ent.clone(), RDF_TYPE, opg::class(e.etype).into_owned());
            g.lit(&ent, rdfs::LABEL, &e.label);
        }
        g.add(ent.clone(), opg::MENTIONED_IN, report.clone());
        let mut forms: Vec<&str> = e.mentions.iter().map(|m| m.surface.as_str()).collect();
        forms.sort_unstable();
        forms.dedup();
        for f in forms {
            g.lit(&ent, skos::ALT_LABEL, f);
        }
        for m in &e.mentions {
            let mn = iris.mention(sha, mention_no);
            mention_no += 1;
            g.add(ent.clone(), opg::MENTION, mn.clone());
            g.add(mn.clone(), RDF_TYPE, opg::MENTION_CLASS.into_owned());
            g.add(mn.clone(), opg::REPORT, report.clone());
            g.lit(&mn, opg::SURFACE_FORM, &m.surface);
            g.add(mn.clone(), opg::SENTENCE_PROP, iris.sentence(sha, m.sentence));
            g.span(&mn, m.span, &offsets);
            g.lit(&mn, opg::RULE, &m.rule);
            g.confidence(&mn, m.confidence);
        }
    }

    // Operation mentions, their facts, and the reified assertions with evidence.
    for op in &x.operations {
        let k = op.local_id;
        let o = iris.op_mention(sha, k);
        g.add(o.clone(), RDF_TYPE, opg::OPERATION_MENTION.into_owned());
        g.add(o.clone(), opg::REPORT, report.clone());
        g.lit(&o, rdfs::LABEL, &op.label);
        g.lit(&o, opg::KIND, &op.kind);
        g.add(o.clone(), opg::SENTENCE_PROP, iris.sentence(sha, op.trigger.sentence));
        g.span(&o, op.trigger.span, &offsets);
        g.lit(&o, opg::RULE, &op.trigger.rule);
        g.confidence(&o, op.trigger.confidence);
        let mut n = 0;
        let mut assert = |g: &mut Sink<'_>, p: NamedNodeRef<'_>, obj: Term, ev: &crate::model::Evidence| {
            let a = iris.assertion(sha, k, n);
            n += 1;
            g.add(o.clone(), opg::ASSERTION, a.clone());
            g.add(a.clone(), RDF_TYPE, opg::ASSERTION_CLASS.into_owned());
            g.add(a.clone(), opg::PROPERTY, p.into_owned());
            g.add(a.clone(), opg::OBJECT, obj);
            g.add(a.clone(), opg::SENTENCE_PROP, iris.sentence(sha, ev.sentence));
            g.span(&a, ev.span, &offsets);
            g.lit(&a, opg::RULE, &ev.rule);
            g.confidence(&a, ev.confidence);
        };
        if let Some(start) = &op.start {
            g.add(o.clone(), opg::START_DATE, date_literal(start));
            if let Some(ev) = &op.date_evidence {
                assert(&mut g, opg::START_DATE, date_literal(start).into(), ev);
            }
        } else if let Some((m, d)) = op.start_month_day {
            let md = Literal::new_typed_literal(format!("--{m:02}-{d:02}"), xsd::G_MONTH_DAY);
            g.add(o.clone(), opg::START_MONTH_DAY, md.clone());
            if let Some(ev) = &op.date_evidence {
                assert(&mut g, opg::START_MONTH_DAY, md.into(), ev);
            }
        }
        if let Some(end) = &op.end {
            g.add(o.clone(), opg::END_DATE, date_literal(end));
            if let Some(ev) = &op.date_evidence {
                assert(&mut g, opg::END_DATE, date_literal(end).into(), ev);
            }
        }
        for f in &op.roles {
            let ent = iris.entity(&f.entity);
            g.add(o.clone(), opg::role(f.role), ent.clone());
            assert(&mut g, opg::role(f.role), ent.into(), &f.evidence);
        }
        for (ci, c) in op.counts.iter().enumerate() {
            let cn = iris.op_count(sha, k, ci);
            g.add(o.clone(), opg::COUNT, cn.clone());
            g.add(cn.clone(), RDF_TYPE, opg::COUNT_CLASS.into_owned());
            g.add(cn.clone(), opg::VALUE, number_literal(c.value));
            g.lit(&cn, opg::UNIT, &c.unit);
            g.lit(&cn, opg::QUALIFIER, c.qualifier.as_str());
            assert(&mut g, opg::COUNT, cn.into(), &c.evidence);
        }
    }
    (graph, quads)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets_count_code_points() {
        let text = "België — één test";
        let offs = CharOffsets::new(text);
        let b = text.find("één").unwrap();
        assert_eq!(offs.of(b), text[..b].chars().count());
        assert_eq!(offs.of(text.len()), text.chars().count());
        let long = "é".repeat(10_000);
        let offs = CharOffsets::new(&long);
        assert_eq!(offs.of(2 * 7000), 7000);
    }

    #[test]
    fn dates_keep_their_precision() {
        assert_eq!(date_literal(&PartialDate::Year(2015)).datatype(), xsd::G_YEAR);
        assert_eq!(date_literal(&PartialDate::YearMonth(2016, 8)).value(), "2016-08");
        assert_eq!(date_literal(&PartialDate::Day(2019, 11, 21)).datatype(), xsd::DATE);
        assert_eq!(number_literal(26000.0).value(), "26000");
        assert_eq!(number_literal(103.5).value(), "103.5");
    }
}
