//! Content negotiation: `Accept` headers with q-values, and the `format` parameter that
//! lets a browser link pick a format without setting headers.
//!
//! Everything here is a pure function over strings, so it is property-tested for panics.

use oxigraph::io::{JsonLdProfileSet, RdfFormat};
use oxigraph::sparql::results::QueryResultsFormat;

/// One entry of an `Accept` header: `type/subtype;q=0.5`.
#[derive(Debug, Clone, PartialEq)]
pub struct MediaRange {
    /// Lower-cased type (`*` for any).
    pub main: String,
    /// Lower-cased subtype (`*` for any).
    pub sub: String,
    /// Quality in `0.0..=1.0`.
    pub q: f32,
}

/// Parses an `Accept` header. Malformed entries are skipped; a missing `q` is 1;
/// a malformed or out-of-range `q` is clamped into `0..=1` (garbage counts as 0).
pub fn parse_accept(header: &str) -> Vec<MediaRange> {
    let mut out = Vec::new();
    for item in header.split(',') {
        let mut parts = item.split(';');
        let Some(media) = parts.next() else { continue };
        let media = media.trim().to_ascii_lowercase();
        let Some((main, sub)) = media.split_once('/') else {
            continue;
        };
        let (main, sub) = (main.trim(), sub.trim());
        if main.is_empty() || sub.is_empty() || (main == "*" && sub != "*") {
            continue;
        }
        let mut q = 1.0f32;
        for p in parts {
            if let Some((k, v)) = p.split_once('=') {
                if k.trim().eq_ignore_ascii_case("q") {
                    q = v.trim().parse::<f32>().unwrap_or(0.0);
                    if !q.is_finite() {
                        q = 0.0;
                    }
                    q = q.clamp(0.0, 1.0);
                }
            }
        }
        out.push(MediaRange {
            main: main.to_string(),
            sub: sub.to_string(),
            q,
        });
    }
    out
}

/// The quality a parsed `Accept` list gives to a concrete media type: the q of the most
/// specific matching range (`a/b` beats `a/*` beats `*/*`), 0 when nothing matches.
pub fn quality(ranges: &[MediaRange], media_type: &str) -> f32 {
    let media_type = media_type.to_ascii_lowercase();
    let Some((main, sub)) = media_type.split_once('/') else {
        return 0.0;
    };
    let mut best: Option<(u8, f32)> = None;
    for r in ranges {
        let specificity = if r.main == main && r.sub == sub {
            3
        } else if r.main == main && r.sub == "*" {
            2
        } else if r.main == "*" && r.sub == "*" {
            1
        } else {
            continue;
        };
        match best {
            Some((s, q)) if s > specificity || (s == specificity && q >= r.q) => {}
            _ => best = Some((specificity, r.q)),
        }
    }
    best.map_or(0.0, |(_, q)| q)
}

/// Picks the candidate the client prefers. `candidates` are in server preference order
/// (the first is the default); ties go to the earlier candidate. A missing or empty
/// header accepts the default. `None` means nothing acceptable (→ 406).
pub fn negotiate<T: Copy>(accept: Option<&str>, candidates: &[(&str, T)]) -> Option<T> {
    let header = accept.map(str::trim).unwrap_or("");
    if header.is_empty() {
        return candidates.first().map(|(_, t)| *t);
    }
    let ranges = parse_accept(header);
    if ranges.is_empty() {
        // An unparseable header is treated like a missing one, as most servers do.
        return candidates.first().map(|(_, t)| *t);
    }
    let mut best: Option<(f32, T)> = None;
    for (media, t) in candidates {
        let q = quality(&ranges, media);
        if q > 0.0 && best.is_none_or(|(bq, _)| q > bq) {
            best = Some((q, *t));
        }
    }
    best.map(|(_, t)| t)
}

/// The result formats for SELECT and ASK, in preference order, with the media types that
/// select them (the first media type of a format is the one sent in `Content-Type`).
pub const SOLUTION_TYPES: &[(&str, QueryResultsFormat)] = &[
    ("application/sparql-results+json", QueryResultsFormat::Json),
    ("application/sparql-results+xml", QueryResultsFormat::Xml),
    ("text/csv", QueryResultsFormat::Csv),
    ("text/tab-separated-values", QueryResultsFormat::Tsv),
    ("application/json", QueryResultsFormat::Json),
    ("application/xml", QueryResultsFormat::Xml),
    ("text/xml", QueryResultsFormat::Xml),
];

const JSON_LD: RdfFormat = RdfFormat::JsonLd {
    profile: JsonLdProfileSet::empty(),
};

/// The RDF formats for CONSTRUCT, DESCRIBE and graph downloads, in preference order.
pub const GRAPH_TYPES: &[(&str, RdfFormat)] = &[
    ("text/turtle", RdfFormat::Turtle),
    ("application/n-triples", RdfFormat::NTriples),
    ("application/n-quads", RdfFormat::NQuads),
    ("application/ld+json", JSON_LD),
    ("application/rdf+xml", RdfFormat::RdfXml),
    ("application/trig", RdfFormat::TriG),
    ("text/plain", RdfFormat::NTriples),
    ("application/x-turtle", RdfFormat::Turtle),
    ("application/json", JSON_LD),
];

/// The RDF formats able to hold a whole dataset (`GET /store` without a graph).
pub const DATASET_TYPES: &[(&str, RdfFormat)] = &[
    ("application/n-quads", RdfFormat::NQuads),
    ("application/trig", RdfFormat::TriG),
    ("application/ld+json", JSON_LD),
];

/// The `Content-Type` to send for a result format.
pub fn solutions_media_type(format: QueryResultsFormat) -> &'static str {
    match format {
        QueryResultsFormat::Xml => "application/sparql-results+xml; charset=utf-8",
        QueryResultsFormat::Csv => "text/csv; charset=utf-8",
        QueryResultsFormat::Tsv => "text/tab-separated-values; charset=utf-8",
        _ => "application/sparql-results+json; charset=utf-8",
    }
}

/// The `Content-Type` to send for an RDF format.
pub fn rdf_media_type(format: RdfFormat) -> &'static str {
    match format {
        RdfFormat::NTriples => "application/n-triples; charset=utf-8",
        RdfFormat::NQuads => "application/n-quads; charset=utf-8",
        RdfFormat::RdfXml => "application/rdf+xml; charset=utf-8",
        RdfFormat::TriG => "application/trig; charset=utf-8",
        RdfFormat::JsonLd { .. } => "application/ld+json; charset=utf-8",
        _ => "text/turtle; charset=utf-8",
    }
}

/// Which kind of result a query produces; decides the formats on offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResultKind {
    /// SELECT and ASK.
    Solutions,
    /// CONSTRUCT and DESCRIBE, or one graph of the store.
    Graph,
    /// The whole store, graphs included.
    Dataset,
}

/// A negotiated output format.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum OutputFormat {
    /// A SPARQL results format.
    Solutions(QueryResultsFormat),
    /// An RDF serialisation.
    Rdf(RdfFormat),
}

impl OutputFormat {
    /// The `Content-Type` header value.
    pub fn media_type(self) -> &'static str {
        match self {
            OutputFormat::Solutions(f) => solutions_media_type(f),
            OutputFormat::Rdf(f) => rdf_media_type(f),
        }
    }
}

/// Why no format could be chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NegotiationError {
    /// The `format` parameter names no format we know (→ 400).
    UnknownFormat(String),
    /// The requested format does not fit the result kind, or `Accept` allows nothing we
    /// produce (→ 406). The message lists what is available.
    NotAcceptable(String),
}

/// Maps the `format` parameter (short name or media type) to a format for `kind`.
/// `json` and `xml` mean the natural JSON/XML format of the kind (JSON-LD / RDF/XML for graphs).
pub fn format_param(value: &str, kind: ResultKind) -> Result<OutputFormat, NegotiationError> {
    let v = value.trim().to_ascii_lowercase();
    let v = v.split(';').next().unwrap_or("").trim().to_string();
    let solutions = |f| Ok(OutputFormat::Solutions(f));
    let rdf = |f| Ok(OutputFormat::Rdf(f));
    let wrong = || {
        Err(NegotiationError::NotAcceptable(format!(
            "format {value:?} does not fit this result; {}",
            available(kind)
        )))
    };
    match kind {
        ResultKind::Solutions => match v.as_str() {
            "json" | "srj" => solutions(QueryResultsFormat::Json),
            "xml" | "srx" => solutions(QueryResultsFormat::Xml),
            "csv" => solutions(QueryResultsFormat::Csv),
            "tsv" => solutions(QueryResultsFormat::Tsv),
            _ => match SOLUTION_TYPES.iter().find(|(m, _)| *m == v) {
                Some((_, f)) => solutions(*f),
                None if is_known_name(&v) => wrong(),
                None => Err(unknown(value)),
            },
        },
        ResultKind::Graph | ResultKind::Dataset => {
            let f = match v.as_str() {
                "turtle" | "ttl" => Some(RdfFormat::Turtle),
                "ntriples" | "nt" | "n-triples" => Some(RdfFormat::NTriples),
                "nquads" | "nq" | "n-quads" => Some(RdfFormat::NQuads),
                "jsonld" | "json-ld" | "json" => Some(JSON_LD),
                "rdfxml" | "rdf" | "xml" | "rdf+xml" => Some(RdfFormat::RdfXml),
                "trig" => Some(RdfFormat::TriG),
                _ => GRAPH_TYPES.iter().find(|(m, _)| *m == v).map(|(_, f)| *f),
            };
            match f {
                Some(f) if kind == ResultKind::Dataset && !f.supports_datasets() => wrong(),
                Some(f) => rdf(f),
                None if is_known_name(&v) => wrong(),
                None => Err(unknown(value)),
            }
        }
    }
}

fn is_known_name(v: &str) -> bool {
    const NAMES: &[&str] = &[
        "json", "xml", "csv", "tsv", "turtle", "ttl", "ntriples", "nt", "nquads", "nq", "jsonld", "json-ld", "rdfxml",
        "trig",
    ];
    NAMES.contains(&v) || SOLUTION_TYPES.iter().any(|(m, _)| *m == v) || GRAPH_TYPES.iter().any(|(m, _)| *m == v)
}

fn unknown(value: &str) -> NegotiationError {
    let shown: String = value.chars().take(60).collect();
    NegotiationError::UnknownFormat(format!(
        "unknown format {shown:?}; use one of json, xml, csv, tsv (SELECT/ASK) or turtle, ntriples, nquads, jsonld, rdfxml, trig (CONSTRUCT/DESCRIBE)"
    ))
}

/// A sentence listing the formats on offer for a kind.
pub fn available(kind: ResultKind) -> String {
    let list: &[&str] = match kind {
        ResultKind::Solutions => &[
            "application/sparql-results+json",
            "application/sparql-results+xml",
            "text/csv",
            "text/tab-separated-values",
        ],
        ResultKind::Graph => &[
            "text/turtle",
            "application/n-triples",
            "application/n-quads",
            "application/ld+json",
            "application/rdf+xml",
            "application/trig",
        ],
        ResultKind::Dataset => &["application/n-quads", "application/trig", "application/ld+json"],
    };
    format!("available: {}", list.join(", "))
}

/// Chooses the output format: the `format` parameter wins over `Accept`.
pub fn choose(accept: Option<&str>, format: Option<&str>, kind: ResultKind) -> Result<OutputFormat, NegotiationError> {
    if let Some(f) = format {
        return format_param(f, kind);
    }
    let chosen = match kind {
        ResultKind::Solutions => negotiate(accept, SOLUTION_TYPES).map(OutputFormat::Solutions),
        ResultKind::Graph => negotiate(accept, GRAPH_TYPES).map(OutputFormat::Rdf),
        ResultKind::Dataset => negotiate(accept, DATASET_TYPES).map(OutputFormat::Rdf),
    };
    chosen.ok_or_else(|| {
        let shown: String = accept.unwrap_or("").chars().take(100).collect();
        NegotiationError::NotAcceptable(format!("no acceptable format for Accept: {shown}; {}", available(kind)))
    })
}

/// Whether an error body should be JSON: the client names a JSON type and does not
/// prefer `text/plain`.
pub fn wants_json_errors(accept: Option<&str>) -> bool {
    let Some(accept) = accept else { return false };
    let ranges = parse_accept(accept);
    let json = ranges
        .iter()
        .filter(|r| r.sub == "json" || r.sub.ends_with("+json"))
        .map(|r| r.q)
        .fold(0.0f32, f32::max);
    json > 0.0 && json >= quality_exact(&ranges, "text", "plain")
}

fn quality_exact(ranges: &[MediaRange], main: &str, sub: &str) -> f32 {
    ranges
        .iter()
        .filter(|r| r.main == main && r.sub == sub)
        .map(|r| r.q)
        .fold(0.0f32, f32::max)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn q_values_order_the_choice() {
        let f = negotiate(Some("text/csv;q=0.5, application/sparql-results+xml"), SOLUTION_TYPES);
        assert_eq!(f, Some(QueryResultsFormat::Xml));
        let f = negotiate(Some("text/csv, */*;q=0.1"), SOLUTION_TYPES);
        assert_eq!(f, Some(QueryResultsFormat::Csv));
        let f = negotiate(Some("*/*"), SOLUTION_TYPES);
        assert_eq!(f, Some(QueryResultsFormat::Json));
        assert_eq!(negotiate(Some("image/png"), SOLUTION_TYPES), None);
        // An explicit q=0 excludes a type even when a wildcard allows everything else.
        let f = negotiate(Some("application/sparql-results+json;q=0, */*"), SOLUTION_TYPES);
        assert_eq!(f, Some(QueryResultsFormat::Xml));
    }

    #[test]
    fn specific_range_beats_wildcard() {
        let r = parse_accept("text/*;q=0.2, text/turtle;q=0.9, */*;q=0.1");
        assert_eq!(quality(&r, "text/turtle"), 0.9);
        assert_eq!(quality(&r, "text/csv"), 0.2);
        assert_eq!(quality(&r, "application/rdf+xml"), 0.1);
    }

    #[test]
    fn format_parameter() {
        assert_eq!(
            format_param("csv", ResultKind::Solutions),
            Ok(OutputFormat::Solutions(QueryResultsFormat::Csv))
        );
        assert_eq!(
            format_param("ntriples", ResultKind::Graph),
            Ok(OutputFormat::Rdf(RdfFormat::NTriples))
        );
        assert!(matches!(
            format_param("turtle", ResultKind::Solutions),
            Err(NegotiationError::NotAcceptable(_))
        ));
        assert!(matches!(
            format_param("nope", ResultKind::Graph),
            Err(NegotiationError::UnknownFormat(_))
        ));
        assert!(matches!(
            format_param("turtle", ResultKind::Dataset),
            Err(NegotiationError::NotAcceptable(_))
        ));
    }

    #[test]
    fn json_errors_only_when_asked() {
        assert!(wants_json_errors(Some("application/json")));
        assert!(wants_json_errors(Some("application/sparql-results+json")));
        assert!(!wants_json_errors(Some("text/plain, application/json;q=0.5")));
        assert!(!wants_json_errors(Some("*/*")));
        assert!(!wants_json_errors(None));
    }

    proptest! {
        #[test]
        fn negotiation_never_panics(accept in ".{0,200}", format in ".{0,40}") {
            let _ = parse_accept(&accept);
            let _ = wants_json_errors(Some(&accept));
            for kind in [ResultKind::Solutions, ResultKind::Graph, ResultKind::Dataset] {
                let _ = choose(Some(&accept), None, kind);
                let _ = choose(Some(&accept), Some(&format), kind);
            }
        }

        #[test]
        fn chosen_format_is_acceptable(q1 in 0.0f32..=1.0, q2 in 0.0f32..=1.0) {
            let header = format!("text/csv;q={q1}, application/sparql-results+xml;q={q2}");
            match negotiate(Some(&header), SOLUTION_TYPES) {
                // Ties go to the server's preference, which lists XML before CSV.
                Some(QueryResultsFormat::Csv) => prop_assert!(q1 > 0.0 && q1 > q2),
                Some(QueryResultsFormat::Xml) => prop_assert!(q2 > 0.0 && q2 >= q1),
                None => prop_assert!(q1 == 0.0 && q2 == 0.0),
                Some(other) => prop_assert!(false, "unexpected {other:?}"),
            }
        }
    }
}
