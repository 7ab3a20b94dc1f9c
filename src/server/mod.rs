//! The SPARQL 1.1 Protocol endpoint (`opgraph serve`).
//!
//! Modelled on `oxigraph serve` 0.5 for everything on the reading side, with the fixes
//! its users ask for: answers are evaluated and serialised completely before the status
//! is sent (a timeout is a `503`, never a `200` with a cut body), queries are cancelled
//! when they time out, the number of concurrent queries is bounded, the server is
//! read-only unless both `allow_update` and a bearer token are configured, and errors
//! say what is wrong.
//!
//! | path | what |
//! | --- | --- |
//! | `/` | the browser page (query editor, results table, collaboration network) |
//! | `/sparql`, `/query` | SPARQL 1.1 Query (GET, POST form, POST `application/sparql-query`); `GET /sparql` without a query is the service description |
//! | `/update` | SPARQL 1.1 Update (POST only; needs `allow_update` and the token) |
//! | `/store` | Graph Store Protocol: `?graph=IRI`, `?default` (the store's own default graph, not the union), or nothing (the whole dataset) |
//! | `/queries`, `/queries/{name}` | the canned queries, listed as JSON / run with their parameters from the URL; the listings (`page` in the list) answer a page, moved by `limit` and `offset` (`limit=0`: all) |
//! | `/network/graph`, `/network/centrality` | JSON from the [`NetworkProvider`] |
//! | `/health`, `/ping` | liveness and load |
//!
//! SPARQL queries see the union of all graphs as their default graph (like
//! `oxigraph serve --union-default-graph`) unless the query has `FROM` / `FROM NAMED` or
//! the request has `default-graph-uri` / `named-graph-uri`.

pub mod description;
pub mod exec;
pub mod limits;
pub mod negotiate;
pub mod page;
pub mod protocol;

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Path, Request, State};
use axum::http::{header, HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use oxigraph::io::RdfParser;
use oxigraph::model::{GraphName, GraphNameRef, NamedNode, NamedOrBlankNode, Quad, Variable};
use oxigraph::sparql::{PreparedSparqlQuery, SparqlEvaluator, UpdateEvaluationError};
use oxigraph::store::Store;

use crate::error::{Error, Result};
use crate::queries::{param_term, CannedQuery};

use exec::Output;
use limits::{run_limited, AccessLog, Admission, Job, LaneSettings, QueryKey, Rows};
use negotiate::{NegotiationError, OutputFormat, ResultKind};
use protocol::{ApiError, GraphTarget, QueryBody};

/// Settings of the endpoint.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// Address to listen on (default `127.0.0.1:7878`).
    pub bind: SocketAddr,
    /// Time limit of one query or update (default 30 s).
    pub timeout: Duration,
    /// Largest request body in bytes (default 1 MiB).
    pub max_body: usize,
    /// Slots of the fast lane: queries evaluated at once before any has run past the
    /// fast budget (default 2 × cores); more wait for a slot. See [`limits`].
    pub max_concurrent: usize,
    /// Slots of the slow lane, for queries that ran past the fast budget or were slow
    /// before (`None`: a quarter of `max_concurrent`, at least 1).
    pub slow_concurrent: Option<usize>,
    /// How long a query may run in the fast lane before it is moved to the slow lane
    /// (`None`: a quarter of `timeout`, at most 1 s).
    pub fast_budget: Option<Duration>,
    /// How many slow queries are remembered and sent straight to the slow lane (default 256).
    pub remember_slow: usize,
    /// How long a request waits for a slot before a `503` with `Retry-After` (default 2 s).
    pub queue_wait: Duration,
    /// Send CORS headers allowing any origin.
    pub cors: bool,
    /// Accept SPARQL Update and Graph Store writes (requires `token`).
    pub allow_update: bool,
    /// The bearer token writes must carry.
    pub token: Option<String>,
    /// Print one line per request on stderr.
    pub access_log: bool,
    /// Name of the store shown on the page and in the service description; never a path.
    pub store_name: String,
    /// The store's base IRI: relative IRIs in queries resolve against it (the canned
    /// queries name the corpus graph `<graph/corpus>`).
    pub base: String,
    /// Largest serialised answer in bytes (default 256 MiB); larger answers are a `500`
    /// telling the client to add a LIMIT.
    pub max_result: usize,
    /// Time allowed to receive a request body (default 10 s); a client that stalls
    /// (slowloris) gets `408` and its connection is freed.
    pub read_timeout: Duration,
    /// Time allowed to receive a request line and headers (default 10 s); a connection
    /// that has not sent them by then is closed. It also closes idle keep-alive
    /// connections after that long without a new request.
    pub header_timeout: Duration,
    /// Open connections at most (default 512); further clients wait in the listen
    /// backlog until one closes.
    pub max_connections: usize,
}

impl ServerConfig {
    /// The lane settings this configuration gives (defaults filled in).
    pub fn lanes(&self) -> LaneSettings {
        let fast = self.max_concurrent.max(1);
        LaneSettings {
            fast,
            slow: self
                .slow_concurrent
                .unwrap_or_else(|| LaneSettings::default_slow(fast))
                .max(1),
            unwinding: fast,
            fast_budget: self
                .fast_budget
                .unwrap_or_else(|| LaneSettings::default_fast_budget(self.timeout)),
            queue_wait: self.queue_wait,
            remember: self.remember_slow,
        }
    }
}

impl Default for ServerConfig {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        ServerConfig {
            bind: SocketAddr::from(([127, 0, 0, 1], 7878)),
            timeout: Duration::from_secs(30),
            max_body: 1 << 20,
            max_concurrent: 2 * cores,
            slow_concurrent: None,
            fast_budget: None,
            remember_slow: 256,
            queue_wait: Duration::from_secs(2),
            cors: false,
            allow_update: false,
            token: None,
            access_log: true,
            store_name: "opgraph".to_string(),
            base: crate::rdf::DEFAULT_BASE.to_string(),
            max_result: 256 << 20,
            read_timeout: Duration::from_secs(10),
            header_timeout: Duration::from_secs(10),
            max_connections: 512,
        }
    }
}

/// Source of the collaboration network served under `/network/`.
///
/// `graph` should return `{"nodes": [{"id", "label", "type", "centrality"?}, ...],
/// "edges": [{"source", "target", "weight"}, ...]}` (the page also reads `links`,
/// `name`, `kind` and `score`); `centrality` any JSON. An `Err` is shown to the client
/// as a `400` with its message, so it must not contain paths or internals.
pub trait NetworkProvider: Send + Sync {
    /// The network, filtered by the request's query parameters.
    fn graph(&self, params: &BTreeMap<String, String>) -> Result<serde_json::Value, String>;
    /// Centrality scores; `params["metric"]` names the metric.
    fn centrality(&self, params: &BTreeMap<String, String>) -> Result<serde_json::Value, String>;
}

struct AppState {
    store: Store,
    queries: Vec<CannedQuery>,
    network: Option<Arc<dyn NetworkProvider>>,
    timeout: Duration,
    max_body: usize,
    max_result: usize,
    read_timeout: Duration,
    allow_update: bool,
    token: Option<[u8; 32]>,
    store_name: String,
    base: String,
    admission: Admission,
}

type Shared = Arc<AppState>;
type Answer = std::result::Result<Response, ApiError>;

/// Builds the endpoint's routes. `serve` refuses `allow_update` without a token; a router
/// built directly with that combination still refuses every write (there is no token
/// to match).
pub fn router(
    store: Store,
    queries: Vec<CannedQuery>,
    network: Option<Arc<dyn NetworkProvider>>,
    config: &ServerConfig,
) -> Router {
    let state = Arc::new(AppState {
        store,
        queries,
        network,
        timeout: config.timeout,
        max_body: config.max_body,
        max_result: config.max_result,
        read_timeout: config.read_timeout,
        allow_update: config.allow_update,
        token: config
            .token
            .as_deref()
            .filter(|t| !t.is_empty())
            .map(limits::token_digest),
        store_name: config.store_name.clone(),
        base: config.base.clone(),
        admission: Admission::new(config.lanes()),
    });
    let mut app = Router::new()
        .route("/", get(page::index))
        .route("/assets/app.js", get(page::script))
        .route("/assets/style.css", get(page::style))
        .route("/health", get(health))
        .route("/ping", get(health))
        .route("/sparql", get(sparql_get).post(sparql_post))
        .route("/query", get(query_get).post(query_post))
        .route("/update", get(update_get).post(update_post))
        .route(
            "/store",
            get(store_get).put(store_write).post(store_write).delete(store_write),
        )
        .route("/queries", get(list_queries))
        .route("/queries/{name}", get(run_canned))
        .route("/network/graph", get(network_graph))
        .route("/network/centrality", get(network_centrality))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .with_state(state);
    if config.cors {
        use tower_http::cors::{Any, CorsLayer};
        app = app.layer(
            CorsLayer::new()
                .allow_origin(Any)
                .allow_methods([
                    Method::GET,
                    Method::HEAD,
                    Method::POST,
                    Method::PUT,
                    Method::DELETE,
                    Method::OPTIONS,
                ])
                .allow_headers([header::ACCEPT, header::CONTENT_TYPE, header::AUTHORIZATION])
                .expose_headers([header::CONTENT_TYPE, header::RETRY_AFTER]),
        );
    }
    app.layer(axum::middleware::from_fn_with_state(
        AccessLog(config.access_log),
        limits::log_and_shape,
    ))
}

/// Binds `config.bind`, prints `listening on http://...` to stderr and serves until Ctrl-C.
pub async fn serve(
    store: Store,
    queries: Vec<CannedQuery>,
    network: Option<Arc<dyn NetworkProvider>>,
    config: ServerConfig,
) -> Result<()> {
    if config.allow_update && config.token.as_deref().is_none_or(str::is_empty) {
        return Err(Error::Invalid(
            "refusing to accept updates without a bearer token: give --token (or leave updates off)".to_string(),
        ));
    }
    let listener = tokio::net::TcpListener::bind(config.bind)
        .await
        .map_err(|e| Error::Invalid(format!("cannot listen on {}: {e}", config.bind)))?;
    let addr = listener
        .local_addr()
        .map_err(|e| Error::Invalid(format!("cannot read the listening address: {e}")))?;
    let app = router(store, queries, network, &config);
    eprintln!("listening on http://{addr}/");
    serve_on(listener, app, &config, async {
        let _ = tokio::signal::ctrl_c().await;
        eprintln!("shutting down");
    })
    .await
}

/// How long a graceful shutdown waits for answers in flight before giving up on them.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(10);

/// Serves `app` on `listener` until `shutdown` completes, then stops accepting, lets the
/// answers in flight finish (for up to 10 s) and returns.
///
/// The accept loop is hyper's HTTP/1.1 connection builder rather than `axum::serve`,
/// which sets no timer: here a client must send its request line and headers within
/// `config.header_timeout` (slowloris), idle keep-alive connections are closed after the
/// same time, and at most `config.max_connections` connections are open at once (the
/// rest wait in the kernel's listen backlog). HTTP/1.1 only, as before: the header
/// timeout is an HTTP/1 setting, and SPARQL clients speak HTTP/1.1.
pub async fn serve_on(
    listener: tokio::net::TcpListener,
    app: Router,
    config: &ServerConfig,
    shutdown: impl std::future::Future<Output = ()>,
) -> Result<()> {
    use hyper_util::rt::{TokioIo, TokioTimer};
    use hyper_util::service::TowerToHyperService;

    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(config.header_timeout.max(Duration::from_millis(1)))
        .keep_alive(true);
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let open = Arc::new(tokio::sync::Semaphore::new(config.max_connections.max(1)));
    tokio::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            p = open.clone().acquire_owned() => match p {
                Ok(p) => p,
                Err(_) => break, // the semaphore is never closed
            },
            () = &mut shutdown => break,
        };
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _peer)) => stream,
                Err(e) => {
                    accept_error(e).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        // Answers are written whole; Nagle would only delay the last segment.
        let _ = stream.set_nodelay(true);
        let conn = http.serve_connection(TokioIo::new(stream), TowerToHyperService::new(app.clone()));
        let conn = graceful.watch(conn);
        tokio::spawn(async move {
            // Errors here are the client's (reset, header timeout, bad request line).
            let _ = conn.await;
            drop(permit);
        });
    }
    drop(listener);
    if tokio::time::timeout(SHUTDOWN_GRACE, graceful.shutdown()).await.is_err() {
        eprintln!(
            "opgraph serve: some answers were still in flight after {} s; closing anyway",
            SHUTDOWN_GRACE.as_secs()
        );
    }
    Ok(())
}

/// After a failed `accept`: errors of one connection are skipped; others (out of file
/// descriptors) get a pause so the loop does not spin.
async fn accept_error(e: std::io::Error) {
    use std::io::ErrorKind;
    if !matches!(
        e.kind(),
        ErrorKind::ConnectionRefused | ErrorKind::ConnectionAborted | ErrorKind::ConnectionReset
    ) {
        eprintln!("opgraph serve: accepting a connection: {e}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

// ---------------------------------------------------------------------------------------
// helpers

fn accept(headers: &HeaderMap) -> Option<&str> {
    headers.get(header::ACCEPT).and_then(|v| v.to_str().ok())
}

fn negotiation_error(e: NegotiationError) -> ApiError {
    match e {
        NegotiationError::UnknownFormat(m) => ApiError::bad_request(m),
        NegotiationError::NotAcceptable(m) => ApiError::new(StatusCode::NOT_ACCEPTABLE, m),
    }
}

fn output_response(out: Output) -> Response {
    let rows = out.rows;
    let mut resp = (
        StatusCode::OK,
        [(header::CONTENT_TYPE, out.content_type), (header::VARY, "Accept")],
        out.body,
    )
        .into_response();
    if let Some(r) = rows {
        resp.extensions_mut().insert(Rows(r));
    }
    resp
}

async fn read_body(
    body: Body,
    headers: &HeaderMap,
    limit: usize,
    timeout: Duration,
) -> std::result::Result<Vec<u8>, ApiError> {
    let too_large = || {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("the request body is larger than the server's limit of {limit} bytes"),
        )
    };
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return Err(too_large());
    }
    let read = tokio::time::timeout(timeout, axum::body::to_bytes(body, limit)).await;
    let Ok(read) = read else {
        return Err(ApiError::new(
            StatusCode::REQUEST_TIMEOUT,
            format!("the request body did not arrive within {} s", timeout.as_secs_f64()),
        ));
    };
    match read {
        Ok(b) => Ok(b.to_vec()),
        Err(e) => {
            let inner = e.into_inner();
            if inner.is::<http_body_util::LengthLimitError>() {
                Err(too_large())
            } else {
                Err(ApiError::bad_request("could not read the request body"))
            }
        }
    }
}

fn syntax_error(e: impl std::fmt::Display) -> ApiError {
    ApiError::bad_request(format!("SPARQL syntax error: {e}"))
}

/// A query opgraph could not parse or page: the parser's words, once.
fn query_error(e: Error) -> ApiError {
    match e {
        Error::QuerySyntax(m) => syntax_error(m),
        e => ApiError::bad_request(e.to_string()),
    }
}

fn query_kind(q: &spargebra::Query) -> ResultKind {
    match q {
        spargebra::Query::Select { .. } | spargebra::Query::Ask { .. } => ResultKind::Solutions,
        spargebra::Query::Construct { .. } | spargebra::Query::Describe { .. } => ResultKind::Graph,
    }
}

/// Applies the protocol's dataset parameters; with none and no `FROM` in the query, the
/// default graph is the union of all graphs.
fn apply_dataset(prepared: &mut PreparedSparqlQuery, default: &[NamedNode], named: &[NamedNode]) {
    let ds = prepared.dataset_mut();
    if !default.is_empty() || !named.is_empty() {
        ds.set_default_graph(default.iter().cloned().map(GraphName::from).collect());
        ds.set_available_named_graphs(named.iter().cloned().map(NamedOrBlankNode::from).collect());
    } else if ds.is_default_dataset() {
        ds.set_default_graph_as_union();
    }
}

/// The key of a query for the slow-query memory: the query text with runs of white space
/// collapsed, the dataset and the bindings. Not the parsed query written back out: the
/// parser names aggregates with fresh random variables, so that text differs every time.
fn query_key(text: &str, req: &protocol::QueryRequest, bindings: &[(Variable, oxigraph::model::Term)]) -> QueryKey {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut parts = vec![text];
    parts.extend(req.default_graphs.iter().map(|g| format!("default {g}")));
    parts.extend(req.named_graphs.iter().map(|g| format!("named {g}")));
    parts.extend(bindings.iter().map(|(v, t)| format!("bind {v} {t}")));
    QueryKey::new(parts.iter().map(String::as_str))
}

/// Parses, negotiates, evaluates (on an evaluation thread, under the limits) and answers.
async fn answer_query(
    state: Shared,
    headers: &HeaderMap,
    req: protocol::QueryRequest,
    bindings: Vec<(Variable, oxigraph::model::Term)>,
) -> Answer {
    let parsed = crate::queries::parse(&req.query, &state.base).map_err(query_error)?;
    answer_parsed(state, headers, req, parsed, bindings).await
}

/// [`answer_query`] for a query already parsed (and paged).
async fn answer_parsed(
    state: Shared,
    headers: &HeaderMap,
    req: protocol::QueryRequest,
    parsed: spargebra::Query,
    bindings: Vec<(Variable, oxigraph::model::Term)>,
) -> Answer {
    let format =
        negotiate::choose(accept(headers), req.format.as_deref(), query_kind(&parsed)).map_err(negotiation_error)?;
    let key = query_key(&req.query, &req, &bindings);
    let st = state.clone();
    let out = run_limited(
        &state.admission,
        Job::query(key),
        state.timeout,
        state.max_result,
        move |limits| {
            let prepare = |query: spargebra::Query| {
                let mut prepared = SparqlEvaluator::new()
                    .with_cancellation_token(limits.token.clone())
                    .for_query(query);
                apply_dataset(&mut prepared, &req.default_graphs, &req.named_graphs);
                for (var, term) in &bindings {
                    prepared = prepared.substitute_variable(var.clone(), term.clone());
                }
                prepared
            };
            // Sorted here rather than by the engine when the ORDER BY allows it (see
            // crate::order); back to the engine when a key's literals have no known order.
            if let Some((unordered, keys)) = crate::order::split_order(&parsed) {
                if let Some(out) = exec::evaluate_sorted(&st.store, prepare(unordered), &keys, format, limits)? {
                    return Ok(out);
                }
            }
            exec::evaluate(&st.store, prepare(parsed), format, limits)
        },
    )
    .await?;
    Ok(output_response(out))
}

fn endpoint_iri(headers: &HeaderMap, path: &str) -> Option<NamedNode> {
    let host = headers.get(header::HOST)?.to_str().ok()?;
    if host.is_empty() || host.contains(['/', '?', '#', '@', ' ', '<', '>', '"']) {
        return None;
    }
    NamedNode::new(format!("http://{host}{path}")).ok()
}

fn service_description(state: &AppState, headers: &HeaderMap, uri: &Uri) -> Answer {
    let format_param = protocol::parse_pairs(uri.query().unwrap_or("").as_bytes())
        .into_iter()
        .find(|(k, _)| k == "format")
        .map(|(_, v)| v);
    let format =
        negotiate::choose(accept(headers), format_param.as_deref(), ResultKind::Graph).map_err(negotiation_error)?;
    let OutputFormat::Rdf(rdf) = format else {
        return Err(ApiError::internal("describing the service", "non-RDF format"));
    };
    let triples = description::service_description(
        endpoint_iri(headers, uri.path()),
        &state.store_name,
        state.allow_update && state.token.is_some(),
    );
    let mut ser = exec::rdf_serializer(rdf).for_writer(Vec::new());
    for t in &triples {
        ser.serialize_triple(t)
            .map_err(|e| ApiError::internal("describing the service", e))?;
    }
    let body = ser
        .finish()
        .map_err(|e| ApiError::internal("describing the service", e))?;
    Ok(output_response(Output {
        body,
        content_type: format.media_type(),
        rows: Some(triples.len()),
    }))
}

// ---------------------------------------------------------------------------------------
// handlers

async fn health(State(state): State<Shared>) -> Response {
    let load = state.admission.load();
    let lanes = state.admission.settings();
    axum::Json(serde_json::json!({
        "status": "ok",
        "store": state.store_name,
        "running_queries": load.running,
        "max_concurrent": lanes.fast,
        "lanes": {
            "fast": {"slots": lanes.fast, "busy": load.fast_busy},
            "slow": {"slots": lanes.slow, "busy": load.slow_busy},
            "unwinding": {"slots": lanes.unwinding, "busy": load.unwinding_busy},
            "fast_budget_ms": lanes.fast_budget.as_millis() as u64,
            "cancelled_still_running": load.cancelled_running,
            "remembered_slow_queries": load.remembered,
        },
        "read_only": !(state.allow_update && state.token.is_some()),
    }))
    .into_response()
}

async fn sparql_get(State(state): State<Shared>, headers: HeaderMap, uri: Uri) -> Answer {
    let has_query = protocol::parse_pairs(uri.query().unwrap_or("").as_bytes())
        .iter()
        .any(|(k, _)| k == "query");
    if !has_query {
        return service_description(&state, &headers, &uri);
    }
    query_get(State(state), headers, uri).await
}

async fn query_get(State(state): State<Shared>, headers: HeaderMap, uri: Uri) -> Answer {
    let req = protocol::query_request(uri.query(), QueryBody::None)?;
    answer_query(state, &headers, req, Vec::new()).await
}

/// How a POST body is to be read, from its `Content-Type`.
enum PostKind {
    Form,
    Query,
    Update,
    Empty,
}

fn post_kind(headers: &HeaderMap, body: &[u8]) -> std::result::Result<PostKind, ApiError> {
    let ct = protocol::media_type(headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()));
    match ct.as_deref() {
        Some("application/x-www-form-urlencoded") => Ok(PostKind::Form),
        Some("application/sparql-query") => Ok(PostKind::Query),
        Some("application/sparql-update") => Ok(PostKind::Update),
        None if body.is_empty() => Ok(PostKind::Empty),
        other => Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            format!(
                "unsupported Content-Type {:?}; POST application/x-www-form-urlencoded, application/sparql-query or application/sparql-update",
                other.unwrap_or("(none)")
            ),
        )),
    }
}

fn form_has_update(body: &[u8]) -> bool {
    protocol::parse_pairs(body).iter().any(|(k, _)| k == "update")
}

async fn sparql_post(State(state): State<Shared>, req: Request) -> Answer {
    post_common(state, req, true).await
}

async fn query_post(State(state): State<Shared>, req: Request) -> Answer {
    post_common(state, req, false).await
}

/// POST to `/sparql` (queries and updates) or `/query` (queries only).
async fn post_common(state: Shared, req: Request, updates_here: bool) -> Answer {
    let (parts, body) = req.into_parts();
    let bytes = read_body(body, &parts.headers, state.max_body, state.read_timeout).await?;
    let kind = post_kind(&parts.headers, &bytes)?;
    let is_update = matches!(kind, PostKind::Update) || (matches!(kind, PostKind::Form) && form_has_update(&bytes));
    if is_update {
        if !updates_here {
            return Err(ApiError::bad_request(
                "this is an update; send SPARQL updates with POST to /update or /sparql",
            ));
        }
        return answer_update(state, &parts.headers, parts.uri.query(), kind, &bytes).await;
    }
    let body = match kind {
        PostKind::Form => QueryBody::Form(&bytes),
        PostKind::Query => QueryBody::Direct(&bytes),
        _ => QueryBody::None,
    };
    let req = protocol::query_request(parts.uri.query(), body)?;
    answer_query(state, &parts.headers, req, Vec::new()).await
}

fn read_only_error() -> ApiError {
    ApiError::new(
        StatusCode::FORBIDDEN,
        "this endpoint is read-only: updates and graph writes are disabled (the operator can enable them with --allow-update and a --token)",
    )
}

/// [`check_write`], then drops what the last build kept for the next one
/// ([`crate::store::drop_kept_state`]): after a write the endpoint cannot tell what it
/// changed, so the next build counts the store again, and adds read mentions from their
/// statements, not their merge records, until a full merge.
fn before_write(state: &AppState, headers: &HeaderMap) -> std::result::Result<(), ApiError> {
    check_write(state, headers)?;
    crate::store::drop_kept_state(&state.store).map_err(|e| ApiError::internal("writing the store", e))
}

/// Checks that writes are on and the request carries the token.
fn check_write(state: &AppState, headers: &HeaderMap) -> std::result::Result<(), ApiError> {
    let Some(expected) = state.token.as_ref().filter(|_| state.allow_update) else {
        return Err(read_only_error());
    };
    limits::authorize(expected, headers.get(header::AUTHORIZATION))
}

async fn update_get() -> Answer {
    Err(ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "SPARQL updates must be sent with POST (application/sparql-update, or a form field update)",
    )
    .with_header(header::ALLOW, "POST"))
}

async fn update_post(State(state): State<Shared>, req: Request) -> Answer {
    let (parts, body) = req.into_parts();
    // Refuse before reading the body when writes are off.
    check_write(&state, &parts.headers)?;
    let bytes = read_body(body, &parts.headers, state.max_body, state.read_timeout).await?;
    let kind = post_kind(&parts.headers, &bytes)?;
    if matches!(kind, PostKind::Query) {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "application/sparql-query is for queries; /update takes application/sparql-update or a form field update",
        ));
    }
    answer_update(state, &parts.headers, parts.uri.query(), kind, &bytes).await
}

async fn answer_update(
    state: Shared,
    headers: &HeaderMap,
    url_query: Option<&str>,
    kind: PostKind,
    bytes: &[u8],
) -> Answer {
    before_write(&state, headers)?;
    let body = match kind {
        PostKind::Form => QueryBody::Form(bytes),
        PostKind::Update => QueryBody::Direct(bytes),
        _ => QueryBody::None,
    };
    let req = protocol::update_request(url_query, body)?;
    let parsed = spargebra::SparqlParser::new()
        .parse_update(&req.update)
        .map_err(syntax_error)?;
    let st = state.clone();
    run_limited(
        &state.admission,
        Job::fixed(),
        state.timeout,
        state.max_result,
        move |limits| {
            let mut prepared = SparqlEvaluator::new()
                .with_cancellation_token(limits.token.clone())
                .for_update(parsed);
            if !req.using_graphs.is_empty() || !req.using_named_graphs.is_empty() {
                for ds in prepared.using_datasets_mut() {
                    ds.set_default_graph(req.using_graphs.iter().cloned().map(GraphName::from).collect());
                    ds.set_available_named_graphs(
                        req.using_named_graphs
                            .iter()
                            .cloned()
                            .map(NamedOrBlankNode::from)
                            .collect(),
                    );
                }
            }
            prepared.on_store(&st.store).execute().map_err(|e| {
                if limits.token.is_cancelled() {
                    return exec::timeout_error(limits.timeout);
                }
                match e {
                    UpdateEvaluationError::Storage(e) => ApiError::internal("writing the store", e),
                    UpdateEvaluationError::Unexpected(e) => ApiError::internal("running the update", e),
                    other => ApiError::bad_request(format!("update failed: {other}")),
                }
            })
        },
    )
    .await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

async fn store_get(State(state): State<Shared>, headers: HeaderMap, uri: Uri) -> Answer {
    let (target, format) = protocol::graph_target(uri.query())?;
    let kind = if target == GraphTarget::All {
        ResultKind::Dataset
    } else {
        ResultKind::Graph
    };
    let OutputFormat::Rdf(rdf) =
        negotiate::choose(accept(&headers), format.as_deref(), kind).map_err(negotiation_error)?
    else {
        return Err(ApiError::internal("reading a graph", "non-RDF format"));
    };
    if let GraphTarget::Named(g) = &target {
        let exists = state
            .store
            .contains_named_graph(g)
            .map_err(|e| ApiError::internal("reading the store", e))?;
        if !exists {
            return Err(ApiError::new(
                StatusCode::NOT_FOUND,
                format!("there is no graph {g} in this store"),
            ));
        }
    }
    let st = state.clone();
    let out = run_limited(
        &state.admission,
        Job::reading(),
        state.timeout,
        state.max_result,
        move |limits| {
            let graph = match &target {
                GraphTarget::Default => Some(GraphNameRef::DefaultGraph),
                GraphTarget::Named(g) => Some(GraphNameRef::NamedNode(g.as_ref())),
                GraphTarget::All => None,
            };
            exec::dump(&st.store, graph, rdf, limits)
        },
    )
    .await?;
    Ok(output_response(out))
}

async fn store_write(State(state): State<Shared>, req: Request) -> Answer {
    let (parts, body) = req.into_parts();
    before_write(&state, &parts.headers)?;
    let (target, _) = protocol::graph_target(parts.uri.query())?;
    let method = parts.method.clone();
    let graph_name = match &target {
        GraphTarget::Default => Some(GraphName::DefaultGraph),
        GraphTarget::Named(g) => Some(GraphName::NamedNode(g.clone())),
        GraphTarget::All => None,
    };
    if method == Method::DELETE {
        let st = state.clone();
        return run_limited(
            &state.admission,
            Job::fixed(),
            state.timeout,
            state.max_result,
            move |_| match &target {
                GraphTarget::All => Err(ApiError::bad_request("DELETE needs ?graph=IRI or ?default")),
                GraphTarget::Default => st
                    .store
                    .clear_graph(GraphNameRef::DefaultGraph)
                    .map_err(|e| ApiError::internal("writing the store", e)),
                GraphTarget::Named(g) => {
                    let existed = st
                        .store
                        .contains_named_graph(g)
                        .map_err(|e| ApiError::internal("reading the store", e))?;
                    if !existed {
                        return Err(ApiError::new(
                            StatusCode::NOT_FOUND,
                            format!("there is no graph {g} in this store"),
                        ));
                    }
                    st.store
                        .remove_named_graph(g)
                        .map_err(|e| ApiError::internal("writing the store", e))
                }
            },
        )
        .await
        .map(|()| StatusCode::NO_CONTENT.into_response());
    }
    let bytes = read_body(body, &parts.headers, state.max_body, state.read_timeout).await?;
    let ct = protocol::media_type(parts.headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()));
    let format = ct
        .as_deref()
        .and_then(oxigraph::io::RdfFormat::from_media_type)
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                format!(
                    "unsupported Content-Type {:?}; send an RDF format (text/turtle, application/n-triples, application/n-quads, application/trig, application/ld+json, application/rdf+xml)",
                    ct.as_deref().unwrap_or("(none)")
                ),
            )
        })?;
    if graph_name.is_none() && !format.supports_datasets() {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "writing to /store without ?graph or ?default needs a dataset format (application/n-quads, application/trig)",
        ));
    }
    let replace = method == Method::PUT;
    let st = state.clone();
    let created = run_limited(
        &state.admission,
        Job::fixed(),
        state.timeout,
        state.max_result,
        move |_| {
            let mut parser = RdfParser::from_format(format).rename_blank_nodes();
            if let Some(g) = &graph_name {
                parser = parser.without_named_graphs().with_default_graph(g.clone());
            }
            let quads: Vec<Quad> = parser
                .for_slice(&bytes)
                .collect::<std::result::Result<_, _>>()
                .map_err(|e| ApiError::bad_request(format!("the RDF body does not parse: {e}")))?;
            let existed = match &graph_name {
                Some(GraphName::NamedNode(g)) => st
                    .store
                    .contains_named_graph(g)
                    .map_err(|e| ApiError::internal("reading the store", e))?,
                _ => true,
            };
            let mut tx = st
                .store
                .start_transaction()
                .map_err(|e| ApiError::internal("writing the store", e))?;
            if replace {
                match &graph_name {
                    Some(g) => tx
                        .clear_graph(g.as_ref())
                        .map_err(|e| ApiError::internal("writing the store", e))?,
                    None => tx.clear().map_err(|e| ApiError::internal("writing the store", e))?,
                }
            }
            if let Some(GraphName::NamedNode(g)) = &graph_name {
                tx.insert_named_graph(g);
            }
            tx.extend(quads.iter());
            tx.commit().map_err(|e| ApiError::internal("writing the store", e))?;
            Ok(!existed)
        },
    )
    .await?;
    Ok(if created {
        StatusCode::CREATED
    } else {
        StatusCode::NO_CONTENT
    }
    .into_response())
}

async fn list_queries(State(state): State<Shared>) -> Response {
    let list: Vec<serde_json::Value> = state
        .queries
        .iter()
        .map(|q| {
            serde_json::json!({
                "name": q.name,
                "description": q.description,
                "params": q.params,
                "page": q.page,
                "sparql": q.sparql,
                "url": format!("/queries/{}", q.name),
            })
        })
        .collect();
    axum::Json(list).into_response()
}

async fn run_canned(State(state): State<Shared>, Path(name): Path<String>, headers: HeaderMap, uri: Uri) -> Answer {
    let Some(q) = state.queries.iter().find(|q| q.name == name) else {
        let shown: String = name.chars().take(60).collect();
        return Err(ApiError::new(
            StatusCode::NOT_FOUND,
            format!("no canned query named {shown:?}; GET /queries lists them"),
        ));
    };
    let (bindings, format, page) = protocol::canned_params(uri.query(), &q.params)?;
    let mut vars = Vec::new();
    for (k, v) in bindings {
        let var =
            Variable::new(&k).map_err(|_| ApiError::bad_request(format!("{k:?} is not a SPARQL variable name")))?;
        vars.push((var, param_term(&v)));
    }
    let (parsed, _) = crate::queries::prepare(&q.sparql, &state.base, q.page.is_some(), page).map_err(query_error)?;
    // The page is part of what was asked: it keys the slow-query memory with the text.
    let query = if page == crate::queries::Page::default() {
        q.sparql.clone()
    } else {
        format!("{}\n# page {:?} {}", q.sparql, page.limit, page.offset)
    };
    let req = protocol::QueryRequest {
        query,
        default_graphs: Vec::new(),
        named_graphs: Vec::new(),
        format,
    };
    answer_parsed(state.clone(), &headers, req, parsed, vars).await
}

/// One of the [`NetworkProvider`] methods.
type NetworkCall =
    fn(&dyn NetworkProvider, &BTreeMap<String, String>) -> std::result::Result<serde_json::Value, String>;

fn network_params(uri: &Uri) -> BTreeMap<String, String> {
    protocol::parse_pairs(uri.query().unwrap_or("").as_bytes())
        .into_iter()
        .collect()
}

async fn network_call(state: Shared, uri: Uri, call: NetworkCall) -> Answer {
    let Some(provider) = state.network.clone() else {
        return Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "no collaboration network is configured for this server",
        ));
    };
    let params = network_params(&uri);
    let value = run_limited(
        &state.admission,
        Job::fixed(),
        state.timeout,
        state.max_result,
        move |_| call(provider.as_ref(), &params).map_err(ApiError::bad_request),
    )
    .await?;
    Ok(axum::Json(value).into_response())
}

async fn network_graph(State(state): State<Shared>, uri: Uri) -> Answer {
    network_call(state, uri, |p, params| p.graph(params)).await
}

async fn network_centrality(State(state): State<Shared>, uri: Uri) -> Answer {
    network_call(state, uri, |p, params| p.centrality(params)).await
}

async fn not_found(uri: Uri) -> ApiError {
    let shown: String = uri.path().chars().take(100).collect();
    ApiError::new(
        StatusCode::NOT_FOUND,
        format!("nothing at {shown}; try / (the page), /sparql, /queries, /store, /network/graph or /health"),
    )
}

async fn method_not_allowed(method: Method, uri: Uri) -> ApiError {
    let shown: String = uri.path().chars().take(100).collect();
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        format!("{method} is not allowed on {shown}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(query: &str, default_graphs: &[&str]) -> protocol::QueryRequest {
        protocol::QueryRequest {
            query: query.to_string(),
            default_graphs: default_graphs
                .iter()
                .map(|g| NamedNode::new(*g).expect("iri"))
                .collect(),
            named_graphs: Vec::new(),
            format: None,
        }
    }

    fn key(query: &str, graphs: &[&str], bindings: &[(Variable, oxigraph::model::Term)]) -> QueryKey {
        query_key(query, &request(query, graphs), bindings)
    }

    #[test]
    fn query_keys_ignore_layout_but_not_meaning() {
        let q = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }";
        assert_eq!(
            key(q, &[], &[]),
            key(q, &[], &[]),
            "aggregates must not make keys random"
        );
        assert_eq!(
            key(q, &[], &[]),
            key(
                "SELECT (COUNT(*) AS ?n)\n  WHERE {\t?a ?b ?c .\n ?d ?e ?f }  ",
                &[],
                &[]
            )
        );
        assert_ne!(
            key(q, &[], &[]),
            key("SELECT (COUNT(*) AS ?m) WHERE { ?a ?b ?c . ?d ?e ?f }", &[], &[])
        );
        assert_ne!(key(q, &[], &[]), key(q, &["http://example.org/g"], &[]));
        let bound = [(
            Variable::new("a").expect("var"),
            oxigraph::model::Term::from(NamedNode::new("http://example.org/x").expect("iri")),
        )];
        assert_ne!(key(q, &[], &[]), key(q, &[], &bound));
    }
}
