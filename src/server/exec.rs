//! Evaluating queries and serialising results into a bounded buffer.
//!
//! Everything here runs on an evaluation thread (see [`super::limits`]). The whole answer is written to memory
//! before the status line is sent, so a query that times out or fails halfway becomes a
//! clean error response, never a `200` with a truncated body.

use std::io::{self, Write};
use std::sync::Arc;
use std::time::Duration;

use axum::http::StatusCode;
use oxigraph::io::RdfSerializer;
use oxigraph::model::{GraphNameRef, QuadRef, Term};
use oxigraph::sparql::results::QueryResultsSerializer;
use oxigraph::sparql::{CancellationToken, PreparedSparqlQuery, QueryEvaluationError, QueryResults, Variable};
use oxigraph::store::Store;

use super::negotiate::OutputFormat;
use super::protocol::ApiError;
use crate::order::SortKeys;

/// A finished answer.
#[derive(Debug)]
pub struct Output {
    /// The serialised body.
    pub body: Vec<u8>,
    /// `Content-Type`.
    pub content_type: &'static str,
    /// Solutions or triples written, when that is meaningful.
    pub rows: Option<usize>,
}

/// The marker error of a [`CappedWriter`] that hit its limit.
#[derive(Debug)]
struct TooLarge;

impl std::fmt::Display for TooLarge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("result too large")
    }
}

impl std::error::Error for TooLarge {}

/// A `Vec<u8>` writer that refuses to grow beyond a cap.
pub struct CappedWriter {
    buf: Vec<u8>,
    cap: usize,
}

impl CappedWriter {
    /// An empty buffer that accepts at most `cap` bytes.
    pub fn new(cap: usize) -> Self {
        CappedWriter { buf: Vec::new(), cap }
    }

    /// The bytes written.
    pub fn into_inner(self) -> Vec<u8> {
        self.buf
    }
}

impl Write for CappedWriter {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        if self.buf.len().saturating_add(data.len()) > self.cap {
            return Err(io::Error::other(TooLarge));
        }
        self.buf.extend_from_slice(data);
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The answer for a query that ran out of time.
pub fn timeout_error(limit: Duration) -> ApiError {
    ApiError::new(
        StatusCode::SERVICE_UNAVAILABLE,
        format!(
            "the query did not finish within the server's time limit of {} and was cancelled; narrow it down (LIMIT, more specific patterns) or ask the operator to raise --timeout",
            human_duration(limit)
        ),
    )
}

/// `1.5 s`, `200 ms`.
pub fn human_duration(d: Duration) -> String {
    if d.as_millis() < 1000 {
        format!("{} ms", d.as_millis())
    } else {
        format!("{} s", d.as_secs_f64())
    }
}

/// Limits applied while evaluating.
#[derive(Clone)]
pub struct EvalLimits {
    /// Cancels the evaluation (set by the timeout watchdog).
    pub token: CancellationToken,
    /// The time limit, for messages.
    pub timeout: Duration,
    /// The largest serialised answer.
    pub max_bytes: usize,
}

fn io_error(e: io::Error, limits: &EvalLimits) -> ApiError {
    if e.get_ref().is_some_and(|i| i.is::<TooLarge>()) {
        return ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!(
                "the result is larger than the server's limit of {} bytes; add a LIMIT or select fewer variables",
                limits.max_bytes
            ),
        );
    }
    if limits.token.is_cancelled() {
        return timeout_error(limits.timeout);
    }
    ApiError::internal("serialising the result", e)
}

/// Turns an evaluation error into an answer. Storage errors may name files, so their
/// details go to the log only.
pub fn eval_error(e: QueryEvaluationError, limits: &EvalLimits) -> ApiError {
    match e {
        QueryEvaluationError::Cancelled => timeout_error(limits.timeout),
        QueryEvaluationError::Dataset(d) => ApiError::internal("reading the store", d),
        QueryEvaluationError::Unexpected(d) => ApiError::internal("evaluating the query", d),
        other => ApiError::bad_request(format!("query evaluation failed: {other}")),
    }
}

fn check(limits: &EvalLimits) -> Result<(), ApiError> {
    if limits.token.is_cancelled() {
        Err(timeout_error(limits.timeout))
    } else {
        Ok(())
    }
}

/// Prefixes used in Turtle / TriG / RDF/XML output.
const PREFIXES: &[(&str, &str)] = &[
    ("opg", "https://w3id.org/opgraph/ontology#"),
    ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
    ("sd", "http://www.w3.org/ns/sparql-service-description#"),
    ("dcterms", "http://purl.org/dc/terms/"),
];

/// An RDF serializer for `format`, with the usual prefixes where the format has them.
pub fn rdf_serializer(format: oxigraph::io::RdfFormat) -> RdfSerializer {
    let mut s = RdfSerializer::from_format(format);
    for (p, iri) in PREFIXES {
        s = match s.clone().with_prefix(*p, *iri) {
            Ok(with) => with,
            Err(_) => s,
        };
    }
    s
}

/// Evaluates a prepared query on `store` and serialises the whole result in `format`.
pub fn evaluate(
    store: &Store,
    prepared: PreparedSparqlQuery,
    format: OutputFormat,
    limits: &EvalLimits,
) -> Result<Output, ApiError> {
    let results = prepared.on_store(store).execute().map_err(|e| eval_error(e, limits))?;
    write_results(results, format, limits)
}

/// Evaluates a SELECT whose ORDER BY [`crate::order::split_order`] took off, and sorts
/// its solutions before they are written; their decoded size counts against the result
/// limit while they are collected. `None` when a key holds a literal whose order
/// [`crate::order`] does not know: the caller then runs the query with its ORDER BY.
pub fn evaluate_sorted(
    store: &Store,
    unordered: PreparedSparqlQuery,
    keys: &SortKeys,
    format: OutputFormat,
    limits: &EvalLimits,
) -> Result<Option<Output>, ApiError> {
    let results = unordered.on_store(store).execute().map_err(|e| eval_error(e, limits))?;
    let QueryResults::Solutions(solutions) = results else {
        return write_results(results, format, limits).map(Some);
    };
    let variables: Arc<[Variable]> = solutions.variables().into();
    let (mut rows, mut bytes) = (Vec::new(), 0usize);
    for s in solutions {
        let s = s.map_err(|e| eval_error(e, limits))?;
        check(limits)?;
        bytes += s.values().iter().flatten().map(term_size).sum::<usize>();
        if bytes > limits.max_bytes {
            return Err(io_error(io::Error::other(TooLarge), limits));
        }
        rows.push(s.values().to_vec());
    }
    match keys.sorted(variables, rows) {
        Some(sorted) => write_results(sorted, format, limits).map(Some),
        None => Ok(None),
    }
}

/// About the bytes a term takes in a result (its text and some markup), without writing it.
fn term_size(t: &Term) -> usize {
    8 + match t {
        Term::NamedNode(n) => n.as_str().len(),
        Term::BlankNode(b) => b.as_str().len(),
        Term::Literal(l) => l.value().len() + l.datatype().as_str().len(),
        #[allow(unreachable_patterns)]
        _ => 64,
    }
}

/// Serialises evaluated results in the negotiated format, under the limits.
fn write_results(results: QueryResults<'_>, format: OutputFormat, limits: &EvalLimits) -> Result<Output, ApiError> {
    let writer = CappedWriter::new(limits.max_bytes);
    match (results, format) {
        (QueryResults::Boolean(b), OutputFormat::Solutions(f)) => {
            let w = QueryResultsSerializer::from_format(f)
                .serialize_boolean_to_writer(writer, b)
                .map_err(|e| io_error(e, limits))?;
            Ok(Output {
                body: w.into_inner(),
                content_type: format.media_type(),
                rows: Some(1),
            })
        }
        (QueryResults::Solutions(solutions), OutputFormat::Solutions(f)) => {
            let variables = solutions.variables().to_vec();
            let mut ser = QueryResultsSerializer::from_format(f)
                .serialize_solutions_to_writer(writer, variables)
                .map_err(|e| io_error(e, limits))?;
            let mut rows = 0usize;
            for s in solutions {
                let s = s.map_err(|e| eval_error(e, limits))?;
                check(limits)?;
                ser.serialize(&s).map_err(|e| io_error(e, limits))?;
                rows += 1;
            }
            let w = ser.finish().map_err(|e| io_error(e, limits))?;
            Ok(Output {
                body: w.into_inner(),
                content_type: format.media_type(),
                rows: Some(rows),
            })
        }
        (QueryResults::Graph(triples), OutputFormat::Rdf(f)) => {
            let mut ser = rdf_serializer(f).for_writer(writer);
            let mut rows = 0usize;
            for t in triples {
                let t = t.map_err(|e| eval_error(e, limits))?;
                check(limits)?;
                ser.serialize_triple(&t).map_err(|e| io_error(e, limits))?;
                rows += 1;
            }
            let w = ser.finish().map_err(|e| io_error(e, limits))?;
            Ok(Output {
                body: w.into_inner(),
                content_type: format.media_type(),
                rows: Some(rows),
            })
        }
        // The format was negotiated from the parsed query form, so this is a bug.
        _ => Err(ApiError::internal(
            "serialising the result",
            "result kind and negotiated format disagree",
        )),
    }
}

/// Serialises quads of the store (one graph, or all of them) in `format`.
pub fn dump(
    store: &Store,
    graph: Option<GraphNameRef<'_>>,
    format: oxigraph::io::RdfFormat,
    limits: &EvalLimits,
) -> Result<Output, ApiError> {
    let mut ser = rdf_serializer(format).for_writer(CappedWriter::new(limits.max_bytes));
    let mut rows = 0usize;
    for q in store.quads_for_pattern(None, None, None, graph) {
        let q = q.map_err(|e| ApiError::internal("reading the store", e))?;
        check(limits)?;
        let r = if graph.is_some() {
            ser.serialize_triple(q.as_ref())
        } else {
            ser.serialize_quad(QuadRef::from(&q))
        };
        r.map_err(|e| io_error(e, limits))?;
        rows += 1;
    }
    let w = ser.finish().map_err(|e| io_error(e, limits))?;
    Ok(Output {
        body: w.into_inner(),
        content_type: OutputFormat::Rdf(format).media_type(),
        rows: Some(rows),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capped_writer_refuses_overflow() {
        let mut w = CappedWriter::new(4);
        assert!(w.write_all(b"abcd").is_ok());
        let e = w.write_all(b"e").unwrap_err();
        assert!(e.get_ref().is_some_and(|i| i.is::<TooLarge>()));
        assert_eq!(w.into_inner(), b"abcd");
    }

    #[test]
    fn durations_read_well() {
        assert_eq!(human_duration(Duration::from_millis(200)), "200 ms");
        assert_eq!(human_duration(Duration::from_secs(30)), "30 s");
    }
}
