//! An [`Extraction`] becomes the quads of one report graph.
//!
//! The report graph holds everything one report says, with provenance: the report's
//! metadata, its sentences (text and offsets), the entities it mentions (each mention with
//! its surface form, offsets, sentence, rule and confidence), and its operation mentions
//! (dates, roles, counts; each fact also reified as an `opg:Assertion` that points to the
//! sentence and rule it comes from). Corpus-level operations live in another graph
//! ([`crate::merge`]), so replacing a report never touches another report's facts.

use std::fmt::Write as _;

use oxigraph::model::{GraphName, Literal, LiteralRef, NamedNode, NamedNodeRef, Quad, Term, TermRef};

use super::vocab::{dcterms, opg, prov, rdfs, schema, skos, xsd, RDF_TYPE};
use super::Iris;
use crate::extract::codenames::code_name_key;
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

/// Where the quads of one report graph go: owned [`Quad`]s for the store, or N-Quads
/// text for `opgraph extract`. The mapping hands out borrowed terms, so the text path
/// allocates no term per quad.
pub trait QuadSink {
    /// One quad `s p o` in graph `g`.
    fn quad(&mut self, s: NamedNodeRef<'_>, p: NamedNodeRef<'_>, o: TermRef<'_>, g: NamedNodeRef<'_>);
}

impl QuadSink for Vec<Quad> {
    fn quad(&mut self, s: NamedNodeRef<'_>, p: NamedNodeRef<'_>, o: TermRef<'_>, g: NamedNodeRef<'_>) {
        self.push(Quad::new(
            s.into_owned(),
            p.into_owned(),
            o.into_owned(),
            GraphName::NamedNode(g.into_owned()),
        ));
    }
}

/// N-Quads lines appended to a string, byte for byte as oxrdf's `Display` of a quad
/// followed by `" .\n"` writes them (the form `opgraph extract` has always printed).
pub struct NQuadsText<'a>(pub &'a mut String);

impl QuadSink for NQuadsText<'_> {
    fn quad(&mut self, s: NamedNodeRef<'_>, p: NamedNodeRef<'_>, o: TermRef<'_>, g: NamedNodeRef<'_>) {
        let out = &mut *self.0;
        push_iri(out, s);
        out.push(' ');
        push_iri(out, p);
        out.push(' ');
        match o {
            TermRef::NamedNode(n) => push_iri(out, n),
            TermRef::Literal(l) => push_literal(out, l),
            other => {
                let _ = write!(out, "{other}");
            }
        }
        out.push(' ');
        push_iri(out, g);
        out.push_str(" .\n");
    }
}

fn push_iri(out: &mut String, n: NamedNodeRef<'_>) {
    out.push('<');
    out.push_str(n.as_str());
    out.push('>');
}

/// A literal as oxrdf prints it. Plain and typed literals whose value needs no escape
/// are copied directly; anything else (escapes, language tags) goes through oxrdf's
/// own `Display`, so the bytes cannot drift from it.
fn push_literal(out: &mut String, l: LiteralRef<'_>) {
    if l.language().is_some() || needs_escape(l.value()) {
        let _ = write!(out, "{l}");
        return;
    }
    out.push('"');
    out.push_str(l.value());
    out.push('"');
    if l.datatype() != oxigraph::model::vocab::xsd::STRING {
        out.push_str("^^");
        push_iri(out, l.datatype());
    }
}

/// Does oxrdf escape any character of `v` in a quoted literal (controls, `"`, `\`,
/// U+007F, U+FFFE, U+FFFF)?
fn needs_escape(v: &str) -> bool {
    v.bytes().any(|b| b < 0x20 || matches!(b, b'"' | b'\\' | 0x7f))
        || (v.as_bytes().contains(&0xef) && v.contains(['\u{fffe}', '\u{ffff}']))
}

/// The quads of one report graph as they are produced, into a [`QuadSink`].
struct Sink<'a, S: QuadSink> {
    graph: NamedNodeRef<'a>,
    out: &'a mut S,
    offsets: CharOffsets<'a>,
}

impl<S: QuadSink> Sink<'_, S> {
    fn add<'t>(&mut self, s: &NamedNode, p: NamedNodeRef<'_>, o: impl Into<TermRef<'t>>) {
        self.out.quad(s.as_ref(), p, o.into(), self.graph);
    }
    fn lit(&mut self, s: &NamedNode, p: NamedNodeRef<'_>, v: &str) {
        self.add(s, p, LiteralRef::new_simple_literal(v));
    }
    fn typed(&mut self, s: &NamedNode, p: NamedNodeRef<'_>, v: &str, dt: NamedNodeRef<'_>) {
        self.add(s, p, LiteralRef::new_typed_literal(v, dt));
    }
    /// An `xsd:integer`, as `Literal::from(i64)` writes it.
    fn int(&mut self, s: &NamedNode, p: NamedNodeRef<'_>, v: i64) {
        self.typed(s, p, &v.to_string(), xsd::INTEGER);
    }
    fn span(&mut self, s: &NamedNode, span: Span) {
        let (start, end) = (self.offsets.of(span.start), self.offsets.of(span.end));
        self.int(s, opg::START_OFFSET, start as i64);
        self.int(s, opg::END_OFFSET, end as i64);
    }
    fn confidence(&mut self, s: &NamedNode, c: f32) {
        let c = (f64::from(c) * 1000.0).round() / 1000.0;
        self.typed(s, opg::CONFIDENCE, &format!("{c:.3}"), xsd::DECIMAL);
    }
}

/// The report graph's name and its quads. `ingested_at` is an RFC 3339 timestamp.
pub fn extraction_quads(x: &Extraction, iris: &Iris, ingested_at: &str) -> (NamedNode, Vec<Quad>) {
    let mut quads = Vec::with_capacity(64 + x.sentences.len() * 6 + x.entities.len() * 12);
    let graph = map_extraction(x, iris, ingested_at, &mut quads);
    (graph, quads)
}

/// The report graph's quads as N-Quads lines appended to `out` (the same quads, in the
/// same order, as [`extraction_quads`]).
pub fn write_extraction_nquads(x: &Extraction, iris: &Iris, ingested_at: &str, out: &mut String) {
    map_extraction(x, iris, ingested_at, &mut NQuadsText(out));
}

/// Maps an extraction to the quads of its report graph; returns the graph's name.
fn map_extraction<S: QuadSink>(x: &Extraction, iris: &Iris, ingested_at: &str, out: &mut S) -> NamedNode {
    let r = &x.report;
    let sha = r.sha256.as_str();
    let graph = iris.report_graph(sha);
    let mut g = Sink {
        graph: graph.as_ref(),
        out,
        offsets: CharOffsets::new(&r.text),
    };

    // The report and the extraction run.
    let report = iris.report(sha);
    g.add(&report, RDF_TYPE, opg::REPORT_CLASS);
    g.lit(&report, opg::REPORT_ID, &r.id);
    g.lit(&report, opg::SOURCE, &r.source);
    g.lit(&report, opg::SHA256, sha);
    g.int(&report, opg::BYTE_LENGTH, r.byte_len as i64);
    g.lit(&report, opg::ENCODING, &r.encoding);
    g.lit(&report, opg::FORMAT, r.format.as_str());
    g.add(&report, opg::GRAPH, graph.as_ref());
    g.lit(&report, dcterms::LANGUAGE, r.language.code());
    g.typed(
        &report,
        opg::LANGUAGE_DETECTED,
        &r.language_detected.to_string(),
        xsd::BOOLEAN,
    );
    if let Some(t) = &r.title {
        g.lit(&report, dcterms::TITLE, t);
    }
    if let Some(u) = r.url.as_deref().and_then(|u| NamedNode::new(u).ok()) {
        g.add(&report, schema::URL, u.as_ref());
    }
    if let Some(p) = &r.published {
        g.add(&report, schema::DATE_PUBLISHED, date_literal(p).as_ref());
    }
    let run = iris.extraction(sha);
    g.add(&run, RDF_TYPE, opg::EXTRACTION);
    g.add(&run, prov::USED, report.as_ref());
    g.lit(&run, opg::EXTRACTOR_VERSION, crate::model::EXTRACTOR_VERSION);
    g.typed(&run, opg::INGESTED_AT, ingested_at, xsd::DATE_TIME);
    g.add(&report, prov::WAS_GENERATED_BY, run.as_ref());

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
        g.add(&s, RDF_TYPE, opg::SENTENCE);
        g.add(&s, opg::REPORT, report.as_ref());
        g.int(&s, opg::SENTENCE_INDEX, i as i64);
        g.lit(&s, opg::TEXT, span.slice(&r.text));
        g.span(&s, *span);
    }

    // Entities and their mentions.
    let mut mention_no = 0;
    for e in &x.entities {
        let ent = iris.entity(&e.key);
        // A gazetteer entity's type and label live once, in the gazetteer graph; repeating
        // them in every report graph would multiply them in the union default graph.
        if !e.from_gazetteer {
            g.add(&ent, RDF_TYPE, opg::class(e.etype));
            g.lit(&ent, rdfs::LABEL, &e.label);
        }
        g.add(&ent, opg::MENTIONED_IN, report.as_ref());
        let mut forms: Vec<&str> = e.mentions.iter().map(|m| m.surface.as_str()).collect();
        forms.sort_unstable();
        forms.dedup();
        for f in forms {
            g.lit(&ent, skos::ALT_LABEL, f);
        }
        for m in &e.mentions {
            let mn = iris.mention(sha, mention_no);
            mention_no += 1;
            g.add(&ent, opg::MENTION, mn.as_ref());
            g.add(&mn, RDF_TYPE, opg::MENTION_CLASS);
            g.add(&mn, opg::REPORT, report.as_ref());
            g.lit(&mn, opg::SURFACE_FORM, &m.surface);
            g.add(&mn, opg::SENTENCE_PROP, iris.sentence(sha, m.sentence).as_ref());
            g.span(&mn, m.span);
            g.lit(&mn, opg::RULE, &m.rule);
            g.confidence(&mn, m.confidence);
        }
    }

    // Operation mentions, their facts, and the reified assertions with evidence.
    for op in &x.operations {
        let k = op.local_id;
        let o = iris.op_mention(sha, k);
        g.add(&o, RDF_TYPE, opg::OPERATION_MENTION);
        g.add(&o, opg::REPORT, report.as_ref());
        g.lit(&o, rdfs::LABEL, &op.label);
        g.lit(&o, opg::KIND, &op.kind);
        // Each with its key (the extractor keeps one name per key): the incremental merge
        // finds a code name's block on the keys.
        for name in &op.code_names {
            g.lit(&o, opg::CODE_NAME, name);
            g.lit(&o, opg::CODE_NAME_KEY, &code_name_key(name));
        }
        g.add(&o, opg::SENTENCE_PROP, iris.sentence(sha, op.trigger.sentence).as_ref());
        g.span(&o, op.trigger.span);
        g.lit(&o, opg::RULE, &op.trigger.rule);
        g.confidence(&o, op.trigger.confidence);
        let mut n = 0;
        let mut assert = |g: &mut Sink<'_, S>, p: NamedNodeRef<'_>, obj: TermRef<'_>, ev: &crate::model::Evidence| {
            let a = iris.assertion(sha, k, n);
            n += 1;
            g.add(&o, opg::ASSERTION, a.as_ref());
            g.add(&a, RDF_TYPE, opg::ASSERTION_CLASS);
            g.add(&a, opg::PROPERTY, p);
            g.add(&a, opg::OBJECT, obj);
            g.add(&a, opg::SENTENCE_PROP, iris.sentence(sha, ev.sentence).as_ref());
            g.span(&a, ev.span);
            g.lit(&a, opg::RULE, &ev.rule);
            g.confidence(&a, ev.confidence);
        };
        if let Some(start) = &op.start {
            let d = date_literal(start);
            g.add(&o, opg::START_DATE, d.as_ref());
            if let Some(ev) = &op.date_evidence {
                assert(&mut g, opg::START_DATE, d.as_ref().into(), ev);
                if ev.rule == crate::extract::operations::PUBLICATION_FALLBACK {
                    g.typed(&o, opg::DATED_BY_PUBLICATION, "true", xsd::BOOLEAN);
                }
            }
        } else if let Some((m, d)) = op.start_month_day {
            let md = format!("--{m:02}-{d:02}");
            g.typed(&o, opg::START_MONTH_DAY, &md, xsd::G_MONTH_DAY);
            if let Some(ev) = &op.date_evidence {
                let lit = LiteralRef::new_typed_literal(&md, xsd::G_MONTH_DAY);
                assert(&mut g, opg::START_MONTH_DAY, lit.into(), ev);
            }
            if let Some(day) = op.start_weekday.and_then(|w| schema::DAYS_OF_WEEK.get(w as usize)) {
                g.add(&o, opg::START_DAY_OF_WEEK, *day);
            }
        }
        if let Some(end) = &op.end {
            let d = date_literal(end);
            g.add(&o, opg::END_DATE, d.as_ref());
            if let Some(ev) = &op.date_evidence {
                assert(&mut g, opg::END_DATE, d.as_ref().into(), ev);
            }
        }
        for f in &op.roles {
            let ent = iris.entity(&f.entity);
            g.add(&o, opg::role(f.role), ent.as_ref());
            assert(&mut g, opg::role(f.role), ent.as_ref().into(), &f.evidence);
        }
        for (ci, c) in op.counts.iter().enumerate() {
            let cn = iris.op_count(sha, k, ci);
            g.add(&o, opg::COUNT, cn.as_ref());
            g.add(&cn, RDF_TYPE, opg::COUNT_CLASS);
            g.add(&cn, opg::VALUE, number_literal(c.value).as_ref());
            g.lit(&cn, opg::UNIT, &c.unit);
            g.lit(&cn, opg::QUALIFIER, c.qualifier.as_str());
            assert(&mut g, opg::COUNT, cn.as_ref().into(), &c.evidence);
        }
    }
    graph
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
