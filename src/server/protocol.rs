//! The request side of the SPARQL 1.1 Protocol: error responses, and turning URL query
//! strings and bodies into a checked [`QueryRequest`], [`UpdateRequest`] or [`GraphTarget`].
//!
//! The parsing functions are pure (strings in, values or [`ApiError`] out), so they are
//! property-tested for panics.

use axum::http::{header, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use oxigraph::model::NamedNode;

use crate::queries::QueryParam;

/// An error answer: a status and a message saying what is wrong, in plain text (the
/// access-log middleware rewrites it to JSON when the client asked for JSON).
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    /// HTTP status.
    pub status: StatusCode,
    /// Human-readable message; never holds file paths or internal details.
    pub message: String,
    /// Extra headers (`Retry-After`, `WWW-Authenticate`, `Allow`).
    pub headers: Vec<(HeaderName, HeaderValue)>,
}

/// Marker put into error responses so the middleware can re-render them as JSON.
#[derive(Debug, Clone)]
pub struct ErrorMessage(pub String);

impl ApiError {
    /// An error with a status and message.
    pub fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            message: message.into(),
            headers: Vec::new(),
        }
    }

    /// 400 Bad Request.
    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }

    /// Adds a header.
    pub fn with_header(mut self, name: HeaderName, value: &'static str) -> ApiError {
        self.headers.push((name, HeaderValue::from_static(value)));
        self
    }

    /// Adds a header whose value is computed (`Retry-After: 30`).
    pub fn with_header_value(mut self, name: HeaderName, value: HeaderValue) -> ApiError {
        self.headers.push((name, value));
        self
    }

    /// 500 for failures whose details belong in the server log, not in the answer.
    pub fn internal(context: &str, detail: impl std::fmt::Display) -> ApiError {
        eprintln!("opgraph serve: {context}: {detail}");
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("internal error while {context}; see the server log"),
        )
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.status.as_u16(), self.message)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut body = self.message.clone();
        body.push('\n');
        let mut resp = (self.status, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], body).into_response();
        for (k, v) in self.headers {
            resp.headers_mut().append(k, v);
        }
        resp.extensions_mut().insert(ErrorMessage(self.message));
        resp
    }
}

/// Decodes `application/x-www-form-urlencoded` data (also URL query strings).
pub fn parse_pairs(input: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(input).into_owned().collect()
}

/// How the query arrived in the body of a request.
#[derive(Debug, Clone, Copy)]
pub enum QueryBody<'a> {
    /// GET, or a POST without a body.
    None,
    /// A form body (`application/x-www-form-urlencoded`).
    Form(&'a [u8]),
    /// A direct body (`application/sparql-query`).
    Direct(&'a [u8]),
}

/// A checked SPARQL query request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryRequest {
    /// The query text.
    pub query: String,
    /// `default-graph-uri` values, in order.
    pub default_graphs: Vec<NamedNode>,
    /// `named-graph-uri` values, in order.
    pub named_graphs: Vec<NamedNode>,
    /// The `format` parameter, if given.
    pub format: Option<String>,
}

fn iri_param(name: &str, value: &str) -> Result<NamedNode, ApiError> {
    NamedNode::new(value.trim()).map_err(|e| {
        let shown: String = value.chars().take(100).collect();
        ApiError::bad_request(format!("{name} must be an absolute IRI, got {shown:?}: {e}"))
    })
}

fn single_format(pairs: &[(String, String)]) -> Result<Option<String>, ApiError> {
    let mut formats = pairs.iter().filter(|(k, _)| k == "format");
    let first = formats.next().map(|(_, v)| v.clone());
    if formats.next().is_some() {
        return Err(ApiError::bad_request("the format parameter is given more than once"));
    }
    Ok(first)
}

/// Reads a query request from the URL query string and the body, per the SPARQL 1.1
/// Protocol: exactly one query, any number of `default-graph-uri` / `named-graph-uri`.
/// Parameters are collected from both the URL and a form body; unknown parameters are
/// ignored (clients such as SPARQLWrapper send `output=` and `results=`).
pub fn query_request(url_query: Option<&str>, body: QueryBody<'_>) -> Result<QueryRequest, ApiError> {
    let mut pairs = parse_pairs(url_query.unwrap_or("").as_bytes());
    let mut queries: Vec<String> = Vec::new();
    match body {
        QueryBody::None => {}
        QueryBody::Form(b) => pairs.extend(parse_pairs(b)),
        QueryBody::Direct(b) => {
            let text =
                std::str::from_utf8(b).map_err(|_| ApiError::bad_request("the query body is not valid UTF-8"))?;
            queries.push(text.to_string());
        }
    }
    if pairs.iter().any(|(k, _)| k == "update") {
        return Err(ApiError::bad_request(
            "this request carries an update; send SPARQL updates with POST to /update",
        ));
    }
    let mut out = QueryRequest {
        query: String::new(),
        default_graphs: Vec::new(),
        named_graphs: Vec::new(),
        format: single_format(&pairs)?,
    };
    for (k, v) in &pairs {
        match k.as_str() {
            "query" => queries.push(v.clone()),
            "default-graph-uri" => out.default_graphs.push(iri_param(k, v)?),
            "named-graph-uri" => out.named_graphs.push(iri_param(k, v)?),
            _ => {}
        }
    }
    match queries.len() {
        0 => Err(ApiError::bad_request(
            "no query: pass it as ?query=..., as the form field query, or as an application/sparql-query body",
        )),
        1 => {
            out.query = queries.pop().unwrap_or_default();
            if out.query.trim().is_empty() {
                return Err(ApiError::bad_request("the query is empty"));
            }
            Ok(out)
        }
        n => Err(ApiError::bad_request(format!(
            "exactly one query is allowed per request, got {n}"
        ))),
    }
}

/// A checked SPARQL update request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpdateRequest {
    /// The update text.
    pub update: String,
    /// `using-graph-uri` values.
    pub using_graphs: Vec<NamedNode>,
    /// `using-named-graph-uri` values.
    pub using_named_graphs: Vec<NamedNode>,
}

/// Reads an update request: a form body with exactly one `update`, or a direct
/// `application/sparql-update` body; `using-graph-uri` / `using-named-graph-uri` from
/// the URL or the form.
pub fn update_request(url_query: Option<&str>, body: QueryBody<'_>) -> Result<UpdateRequest, ApiError> {
    let mut pairs = parse_pairs(url_query.unwrap_or("").as_bytes());
    let mut updates = Vec::new();
    match body {
        QueryBody::None => {}
        QueryBody::Form(b) => pairs.extend(parse_pairs(b)),
        QueryBody::Direct(b) => updates.push(
            std::str::from_utf8(b)
                .map_err(|_| ApiError::bad_request("the update body is not valid UTF-8"))?
                .to_string(),
        ),
    }
    let mut out = UpdateRequest {
        update: String::new(),
        using_graphs: Vec::new(),
        using_named_graphs: Vec::new(),
    };
    for (k, v) in &pairs {
        match k.as_str() {
            "update" => updates.push(v.clone()),
            "query" => {
                return Err(ApiError::bad_request(
                    "this request carries a query; send queries to /sparql or /query",
                ))
            }
            "using-graph-uri" => out.using_graphs.push(iri_param(k, v)?),
            "using-named-graph-uri" => out.using_named_graphs.push(iri_param(k, v)?),
            _ => {}
        }
    }
    match updates.len() {
        1 => {
            out.update = updates.pop().unwrap_or_default();
            Ok(out)
        }
        0 => Err(ApiError::bad_request(
            "no update: send the form field update or an application/sparql-update body",
        )),
        n => Err(ApiError::bad_request(format!(
            "exactly one update is allowed per request, got {n}"
        ))),
    }
}

/// Which part of the store a Graph Store Protocol request addresses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GraphTarget {
    /// `?default`: the store's own default graph (not the union of the named graphs).
    Default,
    /// `?graph=IRI`.
    Named(NamedNode),
    /// No parameter: the whole dataset.
    All,
}

/// Reads `?graph=IRI` / `?default` of a Graph Store Protocol request. Also returns `format`.
pub fn graph_target(url_query: Option<&str>) -> Result<(GraphTarget, Option<String>), ApiError> {
    let pairs = parse_pairs(url_query.unwrap_or("").as_bytes());
    let format = single_format(&pairs)?;
    let graphs: Vec<&String> = pairs.iter().filter(|(k, _)| k == "graph").map(|(_, v)| v).collect();
    let default = pairs.iter().any(|(k, _)| k == "default");
    let target = match (graphs.as_slice(), default) {
        ([], false) => GraphTarget::All,
        ([], true) => GraphTarget::Default,
        ([g], false) => GraphTarget::Named(iri_param("graph", g)?),
        (_, true) => return Err(ApiError::bad_request("give either ?graph=IRI or ?default, not both")),
        (_, false) => return Err(ApiError::bad_request("give ?graph=IRI only once")),
    };
    Ok((target, format))
}

/// Parameter bindings `(name, value)` of a canned-query call, in URL order.
pub type Bindings = Vec<(String, String)>;

/// Splits the URL parameters of a canned-query call into bindings for its declared
/// parameters, the `format` parameter and the page (`limit`, `offset`; see
/// [`crate::queries::Page`]). Unknown or repeated parameters are errors.
pub fn canned_params(
    url_query: Option<&str>,
    declared: &[QueryParam],
) -> Result<(Bindings, Option<String>, crate::queries::Page), ApiError> {
    let pairs = parse_pairs(url_query.unwrap_or("").as_bytes());
    let format = single_format(&pairs)?;
    let mut bindings: Vec<(String, String)> = Vec::new();
    let mut page = crate::queries::Page::default();
    for (k, v) in pairs {
        if k == "format" {
            continue;
        }
        if k == "limit" || k == "offset" {
            let n: usize = v.trim().parse().map_err(|_| {
                ApiError::bad_request(format!(
                    "{k} takes a whole number (0 or more), got {:?}",
                    v.chars().take(40).collect::<String>()
                ))
            })?;
            if k == "limit" {
                page.limit = Some(n);
            } else {
                page.offset = n;
            }
            continue;
        }
        if !declared.iter().any(|p| p.name == k) {
            let names: Vec<&str> = declared.iter().map(|p| p.name.as_str()).collect();
            let shown: String = k.chars().take(60).collect();
            return Err(ApiError::bad_request(if names.is_empty() {
                format!("unknown parameter {shown:?}: this query takes no parameters (only format, limit and offset)")
            } else {
                format!(
                    "unknown parameter {shown:?}; this query takes: {} (and format, limit, offset)",
                    names.join(", ")
                )
            }));
        }
        if bindings.iter().any(|(b, _)| *b == k) {
            return Err(ApiError::bad_request(format!(
                "parameter {k:?} is given more than once"
            )));
        }
        bindings.push((k, v));
    }
    Ok((bindings, format, page))
}

/// Parses `Authorization: Bearer <token>`; `None` if absent or another scheme.
pub fn bearer_token(header_value: Option<&str>) -> Option<&str> {
    let v = header_value?.trim();
    let (scheme, rest) = v.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| rest.trim())
}

/// The media type of a `Content-Type` header, lower-cased and without parameters.
pub fn media_type(content_type: Option<&str>) -> Option<String> {
    let v = content_type?;
    let m = v.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    (!m.is_empty()).then_some(m)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn get_query_with_dataset() {
        let r = query_request(
            Some("query=ASK%7B%7D&default-graph-uri=http%3A%2F%2Fx.org%2Fg&named-graph-uri=http://x.org/h&output=json"),
            QueryBody::None,
        )
        .expect("valid");
        assert_eq!(r.query, "ASK{}");
        assert_eq!(r.default_graphs[0].as_str(), "http://x.org/g");
        assert_eq!(r.named_graphs[0].as_str(), "http://x.org/h");
    }

    #[test]
    fn exactly_one_query() {
        let e = query_request(Some("query=ASK{}&query=ASK{}"), QueryBody::None).unwrap_err();
        assert_eq!(e.status, StatusCode::BAD_REQUEST);
        assert!(e.message.contains("exactly one"), "{}", e.message);
        let e = query_request(Some("query=ASK{}"), QueryBody::Direct(b"ASK{}")).unwrap_err();
        assert!(e.message.contains("got 2"));
        let e = query_request(None, QueryBody::Form(b"")).unwrap_err();
        assert!(e.message.starts_with("no query"));
        let e = query_request(Some("query=ASK{}&default-graph-uri=notanIRI"), QueryBody::None).unwrap_err();
        assert!(e.message.contains("default-graph-uri"));
    }

    #[test]
    fn graph_targets() {
        assert_eq!(graph_target(None).expect("ok").0, GraphTarget::All);
        assert_eq!(graph_target(Some("default")).expect("ok").0, GraphTarget::Default);
        assert!(matches!(
            graph_target(Some("graph=http://x.org/g")).expect("ok").0,
            GraphTarget::Named(_)
        ));
        assert!(graph_target(Some("graph=http://x.org/g&default")).is_err());
        assert!(graph_target(Some("graph=relative")).is_err());
    }

    #[test]
    fn canned_parameters() {
        let declared = vec![QueryParam {
            name: "operation".into(),
            description: String::new(),
        }];
        let (b, f, page) = canned_params(Some("operation=x&format=csv"), &declared).expect("ok");
        assert_eq!(b, vec![("operation".to_string(), "x".to_string())]);
        assert_eq!(f.as_deref(), Some("csv"));
        assert_eq!(page, crate::queries::Page::default());
        let e = canned_params(Some("op=x"), &declared).unwrap_err();
        assert!(e.message.contains("operation"), "{}", e.message);
        let (_, _, page) = canned_params(Some("limit=20&offset=40"), &declared).expect("page");
        assert_eq!((page.limit, page.offset), (Some(20), 40));
        let e = canned_params(Some("limit=-1"), &declared).unwrap_err();
        assert!(e.message.contains("whole number"), "{}", e.message);
    }

    #[test]
    fn bearer() {
        assert_eq!(bearer_token(Some("Bearer abc")), Some("abc"));
        assert_eq!(bearer_token(Some("bearer  abc ")), Some("abc"));
        assert_eq!(bearer_token(Some("Basic abc")), None);
        assert_eq!(bearer_token(Some("Bearer")), None);
    }

    proptest! {
        #[test]
        fn parsing_never_panics(url in ".{0,200}", body in proptest::collection::vec(any::<u8>(), 0..200)) {
            let declared = vec![QueryParam { name: "p".into(), description: String::new() }];
            let _ = query_request(Some(&url), QueryBody::None);
            let _ = query_request(Some(&url), QueryBody::Form(&body));
            let _ = query_request(Some(&url), QueryBody::Direct(&body));
            let _ = update_request(Some(&url), QueryBody::Form(&body));
            let _ = update_request(Some(&url), QueryBody::Direct(&body));
            let _ = graph_target(Some(&url));
            let _ = canned_params(Some(&url), &declared);
            let _ = bearer_token(Some(&url));
            let _ = media_type(Some(&url));
        }
    }
}
