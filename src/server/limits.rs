//! Admission control (two lanes: fast and slow), the timeout watchdog that cancels
//! runaway queries, bearer-token checks, and the access log.
//!
//! # Why two lanes
//!
//! oxigraph checks a query's [`CancellationToken`] only when it reads quads from the
//! store. A cartesian product or a big aggregate spends most of its time joining rows it
//! already holds in memory, so after a cancel it can keep a core busy for a long while:
//! `SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }` on the 13,206 quads
//! of the sample store reads the store once per 13,206² joined rows, and took 34 s to stop
//! after its cancel (spareval 0.2.9). With a single pool of slots, a handful of clients
//! repeating such a query fill every slot with work that is cancelled but still running,
//! and every cheap query gets `503`.
//!
//! So every piece of work gets a [`Job`] and enters a lane:
//!
//! * Every query starts in the **fast lane** (`fast` slots, first come first served).
//! * When it has run longer than the **fast budget**, the watchdog moves it to the **slow
//!   lane** (`slow` slots, few): it takes a slow slot and gives back its fast one at once.
//!   When the slow lane is full the query is cancelled then and there, and the client gets
//!   `503` with `Retry-After`, saying the server is busy with long queries.
//! * A slot is given back only when the evaluation has really stopped, cancelled or not.
//!   A query cancelled in the slow lane (its time limit) keeps its slow slot while it
//!   unwinds. A query cancelled while it held a fast slot (the slow lane was full, or
//!   its client hung up) trades that slot for one of the **unwinding** slots (as many as
//!   fast ones): otherwise each new slow query text would take a fast slot away for as
//!   long as its evaluation takes to notice the cancel. Only when those are all taken
//!   too does it keep its fast slot. So at most `2 × fast + slow` evaluations ever run
//!   at once, unwinding ones included, and unwinding work holds fast slots only under a
//!   flood of ever new slow queries.
//! * Lane counts bound how many evaluations run, but not who gets the CPU: on a small
//!   machine the unwinding and slow evaluations would slow every cheap query down past
//!   the fast budget (measured: with 8 slow-query clients and 64 cheap ones on 2 cores,
//!   22 % of the cheap queries were pushed over the budget and refused). So each
//!   evaluation runs on a thread of its own, and on Linux the thread's nice value
//!   follows its lane: 0 in the fast lane, 10 in the slow lane, 19 once cancelled. The
//!   scheduler then gives cheap queries the cores first and lets unwinding work have
//!   what is left. (A thread's nice value can only go up without privileges, hence
//!   one thread per evaluation, not a pool.)
//! * The server remembers (a bounded LRU of [`QueryKey`]s: a hash of the query text with
//!   its white space collapsed, the dataset and the bound parameters) the queries that were moved or timed out,
//!   and sends them straight to the slow lane next time, where they wait for a slow slot
//!   without touching the fast lane. A remembered query that then finishes within the
//!   fast budget is forgotten again.
//!
//! Work that cannot be cancelled (writes, network JSON) is never moved: it keeps its fast
//! slot until it ends, as before.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use oxigraph::sparql::CancellationToken;
use sha2::{Digest, Sha256};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use super::exec::{human_duration, timeout_error, EvalLimits};
use super::negotiate::wants_json_errors;
use super::protocol::{bearer_token, ApiError, ErrorMessage};

/// Number of rows an answer carried, for the access log.
#[derive(Debug, Clone, Copy)]
pub struct Rows(pub usize);

/// Sizes and budget of the two lanes, as given to [`Admission::new`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LaneSettings {
    /// Slots of the fast lane (at least 1).
    pub fast: usize,
    /// Slots of the slow lane (at least 1).
    pub slow: usize,
    /// Slots for cancelled work still unwinding that gave back a fast slot (at least 1).
    pub unwinding: usize,
    /// How long work may run in the fast lane before it is moved to the slow lane.
    pub fast_budget: Duration,
    /// How long a request waits for a slot before `503` with `Retry-After`.
    pub queue_wait: Duration,
    /// How many slow queries are remembered (0: none).
    pub remember: usize,
}

impl LaneSettings {
    /// The default slow-lane size for a fast lane of `fast` slots: a quarter, at least 1.
    pub fn default_slow(fast: usize) -> usize {
        (fast / 4).max(1)
    }

    /// The default fast budget for a query time limit: a quarter of it, at most 1 s.
    pub fn default_fast_budget(timeout: Duration) -> Duration {
        (timeout / 4).min(Duration::from_secs(1))
    }
}

/// Identifies a query for the slow-query memory: the first 16 bytes of a SHA-256 over
/// its parts (normalised text, dataset, bound parameters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct QueryKey([u8; 16]);

impl QueryKey {
    /// The key of a query given as parts; each part is length-prefixed, so `["ab", "c"]`
    /// and `["a", "bc"]` differ.
    pub fn new<'a>(parts: impl IntoIterator<Item = &'a str>) -> QueryKey {
        let mut h = Sha256::new();
        for p in parts {
            h.update((p.len() as u64).to_le_bytes());
            h.update(p.as_bytes());
        }
        let digest = h.finalize();
        let mut key = [0u8; 16];
        key.copy_from_slice(&digest[..16]);
        QueryKey(key)
    }
}

/// A bounded most-recently-used list of slow queries. Linear scans: it holds a few
/// hundred keys and is touched once or twice per query.
#[derive(Debug)]
struct SlowMemory {
    keys: VecDeque<QueryKey>,
    capacity: usize,
}

impl SlowMemory {
    fn contains(&self, key: &QueryKey) -> bool {
        self.keys.contains(key)
    }

    /// Puts `key` at the front, evicting the least recently used key when full.
    fn remember(&mut self, key: QueryKey) {
        if self.capacity == 0 {
            return;
        }
        self.forget(&key);
        if self.keys.len() >= self.capacity {
            self.keys.pop_back();
        }
        self.keys.push_front(key);
    }

    fn forget(&mut self, key: &QueryKey) {
        if let Some(i) = self.keys.iter().position(|k| k == key) {
            self.keys.remove(i);
        }
    }
}

/// What kind of work is admitted.
#[derive(Debug, Clone, Copy)]
pub struct Job {
    /// The query's key, for the slow-query memory.
    key: Option<QueryKey>,
    /// Whether the work stops on its cancellation token (then it may be moved to the
    /// slow lane, or cancelled when that is full).
    movable: bool,
}

impl Job {
    /// A SPARQL query.
    pub fn query(key: QueryKey) -> Job {
        Job {
            key: Some(key),
            movable: true,
        }
    }

    /// Other cancellable reading (store dumps): moved like a query, never remembered.
    pub fn reading() -> Job {
        Job {
            key: None,
            movable: true,
        }
    }

    /// Work that must not be cut short by lane pressure (writes) or cannot be cancelled
    /// (network JSON): stays in the fast lane until it ends.
    pub fn fixed() -> Job {
        Job {
            key: None,
            movable: false,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lane {
    Fast,
    Slow,
    Unwinding,
}

/// The slot an evaluation holds, shared by the evaluation (which clears it when it ends)
/// and its watchdog (which moves it to the slow lane, or marks it cancelled).
struct Held {
    lane: Lane,
    _permit: OwnedSemaphorePermit,
    cancelled: bool,
    /// The evaluating thread, once it has started.
    thread: Option<priority::Thread>,
}

impl Held {
    /// Gives the evaluating thread the priority of its lane.
    fn prioritise(&self) {
        if let Some(t) = self.thread {
            let nice = if self.cancelled {
                priority::CANCELLED
            } else {
                match self.lane {
                    Lane::Fast => return,
                    Lane::Slow => priority::SLOW,
                    Lane::Unwinding => priority::CANCELLED,
                }
            };
            priority::lower(t, nice);
        }
    }
}

/// Thread priorities (nice values) on Linux; nothing elsewhere.
mod priority {
    /// Nice value of slow-lane evaluations.
    pub const SLOW: i32 = 10;
    /// Nice value of cancelled evaluations that are still unwinding.
    pub const CANCELLED: i32 = 19;

    #[cfg(target_os = "linux")]
    pub type Thread = rustix::process::Pid;
    #[cfg(not(target_os = "linux"))]
    pub type Thread = ();

    /// The calling thread.
    pub fn current() -> Option<Thread> {
        #[cfg(target_os = "linux")]
        return Some(rustix::thread::gettid());
        #[cfg(not(target_os = "linux"))]
        return None;
    }

    /// Raises the thread's nice value to `nice` (never lowers it). Failures (another
    /// system's rules) leave the priority as it is.
    #[cfg(target_os = "linux")]
    pub fn lower(thread: Thread, nice: i32) {
        use rustix::process::{getpriority_process, setpriority_process};
        if getpriority_process(Some(thread)).is_ok_and(|now| now < nice) {
            let _ = setpriority_process(Some(thread), nice);
        }
    }

    #[cfg(not(target_os = "linux"))]
    pub fn lower(_thread: Thread, _nice: i32) {}
}

type HeldSlot = Arc<Mutex<Option<Held>>>;

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

#[derive(Debug, Default)]
struct Counters {
    /// Evaluations on their threads, including cancelled ones still unwinding.
    running: AtomicUsize,
    /// Cancelled evaluations still unwinding.
    cancelled: AtomicUsize,
}

/// Moved into the evaluating thread; gives its slot back when the work ends (or panics).
pub struct Lease {
    held: HeldSlot,
    counters: Arc<Counters>,
}

impl Lease {
    /// Called first thing on the evaluating thread: records it and gives it the priority
    /// of its lane (the watchdog may have moved or cancelled the work already).
    fn started(&self) {
        if let Some(h) = lock(&self.held).as_mut() {
            h.thread = priority::current();
            h.prioritise();
        }
    }
}

impl Drop for Lease {
    fn drop(&mut self) {
        let held = lock(&self.held).take();
        if held.is_some_and(|h| h.cancelled) {
            self.counters.cancelled.fetch_sub(1, Ordering::SeqCst);
        }
        self.counters.running.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Load figures for `/health`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Load {
    /// Evaluations running, including cancelled ones still unwinding.
    pub running: usize,
    /// Fast-lane slots in use.
    pub fast_busy: usize,
    /// Slow-lane slots in use.
    pub slow_busy: usize,
    /// Unwinding slots in use.
    pub unwinding_busy: usize,
    /// Cancelled evaluations still unwinding (they keep their slot).
    pub cancelled_running: usize,
    /// Queries in the slow-query memory.
    pub remembered: usize,
}

/// The two lanes, the slow-query memory and the load counters.
pub struct Admission {
    fast: Arc<Semaphore>,
    slow: Arc<Semaphore>,
    unwinding: Arc<Semaphore>,
    settings: LaneSettings,
    counters: Arc<Counters>,
    memory: Mutex<SlowMemory>,
}

impl Admission {
    /// Lanes of `settings.fast` and `settings.slow` slots (each at least 1).
    pub fn new(settings: LaneSettings) -> Self {
        let settings = LaneSettings {
            fast: settings.fast.max(1),
            slow: settings.slow.max(1),
            unwinding: settings.unwinding.max(1),
            ..settings
        };
        Admission {
            fast: Arc::new(Semaphore::new(settings.fast)),
            slow: Arc::new(Semaphore::new(settings.slow)),
            unwinding: Arc::new(Semaphore::new(settings.unwinding)),
            settings,
            counters: Arc::new(Counters::default()),
            memory: Mutex::new(SlowMemory {
                keys: VecDeque::new(),
                capacity: settings.remember,
            }),
        }
    }

    /// The settings in force (sizes at least 1).
    pub fn settings(&self) -> LaneSettings {
        self.settings
    }

    /// Queries being evaluated right now (including cancelled ones still unwinding).
    pub fn running(&self) -> usize {
        self.counters.running.load(Ordering::SeqCst)
    }

    /// The current load.
    pub fn load(&self) -> Load {
        Load {
            running: self.running(),
            fast_busy: self.settings.fast.saturating_sub(self.fast.available_permits()),
            slow_busy: self.settings.slow.saturating_sub(self.slow.available_permits()),
            unwinding_busy: self
                .settings
                .unwinding
                .saturating_sub(self.unwinding.available_permits()),
            cancelled_running: self.counters.cancelled.load(Ordering::SeqCst),
            remembered: lock(&self.memory).keys.len(),
        }
    }

    /// Whether `key` is a remembered slow query.
    pub fn is_remembered(&self, key: &QueryKey) -> bool {
        lock(&self.memory).contains(key)
    }

    fn remember(&self, key: Option<QueryKey>) {
        if let Some(k) = key {
            lock(&self.memory).remember(k);
        }
    }

    fn forget(&self, key: Option<QueryKey>) {
        if let Some(k) = key {
            lock(&self.memory).forget(&k);
        }
    }

    /// Waits for a fast slot, or answers 503 with `Retry-After` when none frees in time.
    async fn enter_fast(&self) -> Result<OwnedSemaphorePermit, ApiError> {
        let acquire = self.fast.clone().acquire_owned();
        match tokio::time::timeout(self.settings.queue_wait, acquire).await {
            Ok(Ok(permit)) => Ok(permit),
            _ => Err(ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "the server is busy with other queries; retry in a moment",
            )
            .with_header(header::RETRY_AFTER, "2")),
        }
    }

    /// Waits for a slow slot (a remembered slow query), or answers 503.
    async fn enter_slow(&self, timeout: Duration) -> Result<OwnedSemaphorePermit, ApiError> {
        let acquire = self.slow.clone().acquire_owned();
        match tokio::time::timeout(self.settings.queue_wait, acquire).await {
            Ok(Ok(permit)) => Ok(permit),
            _ => Err(self.slow_lane_full(
                "this query was slow before, so it runs in the lane kept for long queries",
                timeout,
            )),
        }
    }

    /// `503`: every slow slot is taken. `Retry-After` is the query time limit (in whole
    /// seconds, 1 to 60): by then a slow slot has been given back.
    fn slow_lane_full(&self, what: &str, timeout: Duration) -> ApiError {
        let n = self.settings.slow;
        let retry = timeout.as_secs_f64().ceil().clamp(1.0, 60.0) as u64;
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            format!(
                "the server is busy with long-running queries: {what}, and all {n} of its slots are in use; retry later, or make the query cheaper (LIMIT, more specific patterns)"
            ),
        )
        .with_header_value(header::RETRY_AFTER, HeaderValue::from(retry))
    }

    /// Takes a slot for `job`: the slow lane for a remembered query, the fast lane for
    /// anything else.
    async fn enter(&self, job: &Job, timeout: Duration) -> Result<(Lane, OwnedSemaphorePermit), ApiError> {
        let known_slow = |a: &Admission| job.movable && job.key.is_some_and(|k| a.is_remembered(&k));
        if known_slow(self) {
            return Ok((Lane::Slow, self.enter_slow(timeout).await?));
        }
        let permit = self.enter_fast().await?;
        // An identical query may have been found slow while this one was waiting.
        if known_slow(self) {
            drop(permit);
            return Ok((Lane::Slow, self.enter_slow(timeout).await?));
        }
        Ok((Lane::Fast, permit))
    }

    fn lease(&self, lane: Lane, permit: OwnedSemaphorePermit) -> Lease {
        self.counters.running.fetch_add(1, Ordering::SeqCst);
        Lease {
            held: Arc::new(Mutex::new(Some(Held {
                lane,
                _permit: permit,
                cancelled: false,
                thread: None,
            }))),
            counters: self.counters.clone(),
        }
    }

    /// Moves running work to the slow lane; false when the slow lane is full. True when
    /// the work has already ended (there is nothing to move).
    fn demote(&self, held: &HeldSlot) -> bool {
        let mut guard = lock(held);
        let Some(h) = guard.as_mut() else {
            return true;
        };
        match self.slow.clone().try_acquire_owned() {
            Ok(permit) => {
                // Replacing the permit gives the fast slot back now.
                h._permit = permit;
                h.lane = Lane::Slow;
                h.prioritise();
                true
            }
            Err(_) => false,
        }
    }
}

/// The watchdog's handle on running work. Dropping it cancels the work too: when the
/// client hangs up, the request's future (and with it this) is dropped, and the
/// evaluation must not run on unobserved. Harmless once the work has finished.
struct Watch {
    token: CancellationToken,
    held: HeldSlot,
    counters: Arc<Counters>,
    unwinding: Arc<Semaphore>,
}

impl Watch {
    /// Cancels running work. It keeps a slot until it has really stopped: a fast one is
    /// traded for an unwinding one when one is free.
    fn cancel(&self) {
        let mut guard = lock(&self.held);
        self.token.cancel();
        let Some(h) = guard.as_mut() else {
            return; // already finished
        };
        if !h.cancelled {
            h.cancelled = true;
            self.counters.cancelled.fetch_add(1, Ordering::SeqCst);
        }
        if h.lane == Lane::Fast {
            if let Ok(permit) = self.unwinding.clone().try_acquire_owned() {
                h._permit = permit;
                h.lane = Lane::Unwinding;
            }
        }
        h.prioritise();
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        self.cancel();
    }
}

fn joined<T>(r: Result<Result<T, ApiError>, tokio::sync::oneshot::error::RecvError>) -> Result<T, ApiError> {
    match r {
        Ok(result) => result,
        // The sender is dropped without a value only when the work panicked.
        Err(_) => Err(ApiError::internal(
            "running the query",
            "the evaluation stopped abnormally",
        )),
    }
}

/// Runs `work` on a thread of its own in a lane (see the module documentation), under a
/// time limit. On timeout the token is cancelled (oxigraph then stops the evaluation at
/// its next read) and the caller gets 503 at once; the slot is given back only when the
/// work has actually stopped, so cancelled queries still count against the lane sizes.
pub async fn run_limited<T, F>(
    admission: &Admission,
    job: Job,
    timeout: Duration,
    max_bytes: usize,
    work: F,
) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&EvalLimits) -> Result<T, ApiError> + Send + 'static,
{
    let (lane, permit) = admission.enter(&job, timeout).await?;
    let limits = EvalLimits {
        token: CancellationToken::new(),
        timeout,
        max_bytes,
    };
    let lease = admission.lease(lane, permit);
    let watch = Watch {
        token: limits.token.clone(),
        held: lease.held.clone(),
        counters: admission.counters.clone(),
        unwinding: admission.unwinding.clone(),
    };
    let started = Instant::now();
    let deadline = tokio::time::Instant::from_std(started + timeout);
    let (send, mut handle) = tokio::sync::oneshot::channel();
    std::thread::Builder::new()
        .name("opgraph-eval".to_string())
        .spawn(move || {
            lease.started();
            let out = work(&limits);
            drop(lease);
            let _ = send.send(out);
        })
        .map_err(|e| ApiError::internal("starting an evaluation thread", e))?;
    let budget = admission.settings.fast_budget;
    if lane == Lane::Fast && job.movable && budget < timeout {
        match tokio::time::timeout(budget, &mut handle).await {
            Ok(r) => return joined(r),
            Err(_) => {
                admission.remember(job.key);
                if !admission.demote(&watch.held) {
                    watch.cancel();
                    return Err(admission.slow_lane_full(
                        &format!(
                            "this query ran longer than {} and was cancelled",
                            human_duration(budget)
                        ),
                        timeout,
                    ));
                }
            }
        }
    }
    match tokio::time::timeout_at(deadline, handle).await {
        Ok(r) => {
            if lane == Lane::Slow && started.elapsed() < budget {
                admission.forget(job.key);
            }
            joined(r)
        }
        Err(_) => {
            admission.remember(job.key);
            watch.cancel();
            Err(timeout_error(timeout))
        }
    }
}

/// The SHA-256 of a token: comparing digests takes the same time whatever the lengths.
pub fn token_digest(token: &str) -> [u8; 32] {
    Sha256::digest(token.as_bytes()).into()
}

/// Compares two digests in constant time.
pub fn digests_equal(a: &[u8; 32], b: &[u8; 32]) -> bool {
    let mut diff = 0u8;
    for (x, y) in a.iter().zip(b.iter()) {
        diff |= x ^ y;
    }
    std::hint::black_box(diff) == 0
}

/// Checks the `Authorization` header against the configured token; 401 with
/// `WWW-Authenticate: Bearer` when it is missing or wrong.
pub fn authorize(expected: &[u8; 32], authorization: Option<&HeaderValue>) -> Result<(), ApiError> {
    let given = authorization.and_then(|v| v.to_str().ok());
    let unauthorized = |msg: &str| {
        ApiError::new(StatusCode::UNAUTHORIZED, msg.to_string())
            .with_header(header::WWW_AUTHENTICATE, "Bearer realm=\"opgraph\"")
    };
    match bearer_token(given) {
        None => Err(unauthorized("writing needs an Authorization: Bearer <token> header")),
        Some(t) if digests_equal(&token_digest(t), expected) => Ok(()),
        Some(_) => Err(unauthorized("the bearer token is not valid")),
    }
}

/// Whether to print access-log lines.
#[derive(Clone, Copy)]
pub struct AccessLog(pub bool);

/// Largest total size of a request's header fields (names and values). hyper buffers up
/// to ~400 KB of headers; nothing a SPARQL client sends needs more than a few KB.
pub const MAX_HEADER_BYTES: usize = 16 * 1024;

/// Total size of the header fields.
pub fn header_bytes(headers: &axum::http::HeaderMap) -> usize {
    headers.iter().map(|(k, v)| k.as_str().len() + v.len() + 4).sum()
}

/// Middleware: refuses requests with oversized headers (`431`), renders error bodies as
/// JSON for clients that want JSON, and prints one access-log line per request (method,
/// path, status, milliseconds, rows).
pub async fn log_and_shape(State(log): State<AccessLog>, req: Request, next: Next) -> Response {
    let start = Instant::now();
    let method = req.method().clone();
    let path = req.uri().path().to_string();
    let json = wants_json_errors(req.headers().get(header::ACCEPT).and_then(|v| v.to_str().ok()));
    let mut resp = if header_bytes(req.headers()) > MAX_HEADER_BYTES {
        ApiError::new(
            StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            format!("the request headers are larger than the server's limit of {MAX_HEADER_BYTES} bytes"),
        )
        .into_response()
    } else {
        next.run(req).await
    };
    if json {
        if let Some(ErrorMessage(msg)) = resp.extensions().get::<ErrorMessage>().cloned() {
            let status = resp.status();
            let headers = resp.headers().clone();
            let body = serde_json::json!({
                "error": status.canonical_reason().unwrap_or("error"),
                "status": status.as_u16(),
                "message": msg,
            });
            let mut new = (status, axum::Json(body)).into_response();
            for (k, v) in headers.iter() {
                if k != header::CONTENT_TYPE && k != header::CONTENT_LENGTH {
                    new.headers_mut().append(k.clone(), v.clone());
                }
            }
            resp = new;
        }
    }
    if log.0 {
        let rows = resp
            .extensions()
            .get::<Rows>()
            .map(|r| format!(" rows={}", r.0))
            .unwrap_or_default();
        eprintln!(
            "{method} {path} {} {}ms{rows}",
            resp.status().as_u16(),
            start.elapsed().as_millis()
        );
    }
    resp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_check() {
        let d = token_digest("s3cret");
        let ok = HeaderValue::from_static("Bearer s3cret");
        let bad = HeaderValue::from_static("Bearer s3cre");
        assert!(authorize(&d, Some(&ok)).is_ok());
        let e = authorize(&d, Some(&bad)).unwrap_err();
        assert_eq!(e.status, StatusCode::UNAUTHORIZED);
        assert!(e.headers.iter().any(|(k, _)| k == header::WWW_AUTHENTICATE));
        assert!(authorize(&d, None).is_err());
    }

    fn lanes(fast: usize, slow: usize, budget_ms: u64) -> Admission {
        Admission::new(LaneSettings {
            fast,
            slow,
            unwinding: fast,
            fast_budget: Duration::from_millis(budget_ms),
            queue_wait: Duration::from_millis(50),
            remember: 4,
        })
    }

    /// Work that runs until `release` is set or it is cancelled, like an evaluation that
    /// notices its token.
    fn held_work(
        release: Arc<std::sync::atomic::AtomicBool>,
    ) -> impl FnOnce(&EvalLimits) -> Result<&'static str, ApiError> + Send + 'static {
        move |limits: &EvalLimits| {
            while !release.load(Ordering::SeqCst) && !limits.token.is_cancelled() {
                std::thread::sleep(Duration::from_millis(2));
            }
            if limits.token.is_cancelled() {
                Err(timeout_error(limits.timeout))
            } else {
                Ok("done")
            }
        }
    }

    async fn wait_for(a: &Admission, what: &str, ok: impl Fn(Load) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while !ok(a.load()) {
            assert!(Instant::now() < deadline, "{what}: {:?}", a.load());
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }

    #[tokio::test]
    async fn admission_times_out_with_retry_after() {
        let a = lanes(1, 1, 1000);
        let held = a.enter_fast().await.expect("first slot");
        assert_eq!(a.load().fast_busy, 1);
        let e = a.enter_fast().await.expect_err("second waits then fails");
        assert_eq!(e.status, StatusCode::SERVICE_UNAVAILABLE);
        assert!(e.headers.iter().any(|(k, v)| k == header::RETRY_AFTER && v == "2"));
        drop(held);
        assert_eq!(a.load().fast_busy, 0);
        assert!(a.enter_fast().await.is_ok());
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn an_over_budget_job_moves_to_the_slow_lane_and_frees_its_fast_slot() {
        let a = Arc::new(lanes(1, 1, 30));
        let release = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let key = QueryKey::new(["SELECT slow"]);
        let slow = {
            let (a, w) = (a.clone(), held_work(release.clone()));
            tokio::spawn(async move { run_limited(&a, Job::query(key), Duration::from_secs(20), 1, w).await })
        };
        wait_for(&a, "moved", |l| l.slow_busy == 1 && l.fast_busy == 0).await;
        assert!(a.is_remembered(&key));
        // The only fast slot is free again: a quick job runs at once.
        let quick = run_limited(
            &a,
            Job::query(QueryKey::new(["ASK"])),
            Duration::from_secs(5),
            1,
            |_| Ok(7),
        )
        .await;
        assert_eq!(quick, Ok(7));
        release.store(true, Ordering::SeqCst);
        assert_eq!(slow.await.expect("join"), Ok("done"));
        assert_eq!(a.load().running, 0);
        assert_eq!(a.load().slow_busy, 0);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_full_slow_lane_cancels_the_next_long_jobs_which_unwind_outside_the_fast_lane() {
        let a = Arc::new(Admission::new(LaneSettings {
            fast: 2,
            slow: 1,
            unwinding: 1,
            fast_budget: Duration::from_millis(30),
            queue_wait: Duration::from_millis(50),
            remember: 4,
        }));
        let release = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let first = {
            let (a, w) = (a.clone(), held_work(release.clone()));
            tokio::spawn(async move { run_limited(&a, Job::reading(), Duration::from_secs(20), 1, w).await })
        };
        wait_for(&a, "first moved", |l| l.slow_busy == 1).await;
        // Long jobs that ignore the cancel until told to stop, like a join running in memory.
        let stubborn = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let long_job = || {
            let stop = stubborn.clone();
            move |limits: &EvalLimits| {
                while !stop.load(Ordering::SeqCst) {
                    std::thread::sleep(Duration::from_millis(2));
                }
                Ok(if limits.token.is_cancelled() {
                    "late"
                } else {
                    "not cancelled"
                })
            }
        };
        // The second finds the slow lane full: cancelled at once, 503; it unwinds in the
        // unwinding slot, and its fast slot is free.
        let t = Instant::now();
        let e = run_limited(&a, Job::reading(), Duration::from_secs(20), 1, long_job())
            .await
            .expect_err("cancelled");
        assert!(t.elapsed() < Duration::from_secs(5));
        assert_eq!(e.status, StatusCode::SERVICE_UNAVAILABLE);
        assert!(e.message.contains("busy with long-running queries"), "{}", e.message);
        assert!(e.message.contains("ran longer than 30 ms"), "{}", e.message);
        assert!(e.headers.iter().any(|(k, v)| k == header::RETRY_AFTER && v == "20"));
        let l = a.load();
        assert_eq!(
            (
                l.running,
                l.fast_busy,
                l.slow_busy,
                l.unwinding_busy,
                l.cancelled_running
            ),
            (2, 0, 1, 1, 1)
        );
        // The third finds the unwinding slot taken as well: it keeps its fast slot.
        let e = run_limited(&a, Job::reading(), Duration::from_secs(20), 1, long_job())
            .await
            .expect_err("cancelled");
        assert_eq!(e.status, StatusCode::SERVICE_UNAVAILABLE);
        let l = a.load();
        assert_eq!(
            (
                l.running,
                l.fast_busy,
                l.slow_busy,
                l.unwinding_busy,
                l.cancelled_running
            ),
            (3, 1, 1, 1, 2)
        );
        stubborn.store(true, Ordering::SeqCst);
        wait_for(&a, "unwound", |l| {
            l.running == 1 && l.fast_busy == 0 && l.unwinding_busy == 0 && l.cancelled_running == 0
        })
        .await;
        release.store(true, Ordering::SeqCst);
        assert_eq!(first.await.expect("join"), Ok("done"));
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_remembered_query_waits_for_the_slow_lane_without_touching_the_fast_one() {
        let a = Arc::new(lanes(1, 1, 30));
        let release = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let key = QueryKey::new(["SELECT slow"]);
        let first = {
            let (a, w) = (a.clone(), held_work(release.clone()));
            tokio::spawn(async move { run_limited(&a, Job::query(key), Duration::from_secs(20), 1, w).await })
        };
        wait_for(&a, "moved", |l| l.slow_busy == 1).await;
        let ran = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let r2 = ran.clone();
        let e = run_limited(&a, Job::query(key), Duration::from_secs(3), 1, move |_| {
            r2.store(true, Ordering::SeqCst);
            Ok("ran")
        })
        .await
        .expect_err("slow lane full");
        assert!(!ran.load(Ordering::SeqCst));
        assert!(e.message.contains("slow before"), "{}", e.message);
        assert!(e.headers.iter().any(|(k, v)| k == header::RETRY_AFTER && v == "3"));
        assert_eq!(a.load().fast_busy, 0);
        release.store(true, Ordering::SeqCst);
        assert_eq!(first.await.expect("join"), Ok("done"));
        // Now it runs in the slow lane, finishes within the budget and is forgotten.
        let out = run_limited(&a, Job::query(key), Duration::from_secs(3), 1, |_| Ok("quick now")).await;
        assert_eq!(out, Ok("quick now"));
        assert!(!a.is_remembered(&key));
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_timeout_cancels_and_remembers_and_a_hangup_cancels() {
        let a = Arc::new(lanes(2, 2, 1000));
        let key = QueryKey::new(["SELECT timeout"]);
        let never = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let e = run_limited(
            &a,
            Job::query(key),
            Duration::from_millis(100),
            1,
            held_work(never.clone()),
        )
        .await
        .expect_err("timeout");
        assert!(e.message.contains("time limit of 100 ms"), "{}", e.message);
        assert!(a.is_remembered(&key));
        wait_for(&a, "timed-out work stopped", |l| {
            l.running == 0 && l.cancelled_running == 0
        })
        .await;

        // The client goes away: dropping the request's future cancels the work.
        let fut = {
            let (a, w) = (a.clone(), held_work(never.clone()));
            tokio::spawn(async move { run_limited(&a, Job::reading(), Duration::from_secs(20), 1, w).await })
        };
        wait_for(&a, "started", |l| l.running == 1).await;
        fut.abort();
        wait_for(&a, "hung-up work stopped", |l| {
            l.running == 0 && l.fast_busy == 0 && l.slow_busy == 0
        })
        .await;
    }

    #[test]
    fn fixed_jobs_are_never_moved() {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime");
        rt.block_on(async {
            let a = lanes(1, 1, 10);
            let out = run_limited(&a, Job::fixed(), Duration::from_secs(5), 1, |limits| {
                std::thread::sleep(Duration::from_millis(80));
                Ok(limits.token.is_cancelled())
            })
            .await;
            assert_eq!(out, Ok(false));
            assert_eq!(a.load().slow_busy, 0);
        });
    }

    #[cfg(target_os = "linux")]
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn an_evaluation_yields_the_cpu_when_it_moves_to_the_slow_lane_and_when_cancelled() {
        let a = lanes(2, 1, 30);
        let seen = Arc::new(Mutex::new(Vec::<i32>::new()));
        let record = seen.clone();
        let nice = || rustix::process::getpriority_process(Some(rustix::thread::gettid())).expect("nice");
        let base = nice();
        let e = run_limited(&a, Job::reading(), Duration::from_millis(300), 1, move |limits| {
            // Keeps running a while after the cancel, like a join in memory.
            let stop = Instant::now() + Duration::from_secs(10);
            let mut cancelled_at = None;
            while Instant::now() < stop
                && cancelled_at.is_none_or(|t: Instant| t.elapsed() < Duration::from_millis(100))
            {
                let n = nice();
                let mut v = lock(&record);
                if v.last() != Some(&n) {
                    v.push(n);
                }
                drop(v);
                if cancelled_at.is_none() && limits.token.is_cancelled() {
                    cancelled_at = Some(Instant::now());
                }
                std::thread::sleep(Duration::from_millis(2));
            }
            Ok(())
        })
        .await
        .expect_err("timeout");
        assert!(e.message.contains("time limit"), "{}", e.message);
        wait_for(&a, "unwound", |l| l.running == 0).await;
        let seen = lock(&seen).clone();
        let expect: Vec<i32> = [base, priority::SLOW.max(base), priority::CANCELLED.max(base)]
            .into_iter()
            .fold(Vec::new(), |mut v, n| {
                if v.last() != Some(&n) {
                    v.push(n);
                }
                v
            });
        assert_eq!(seen, expect, "nice values of the evaluating thread");
        // The runtime's own threads keep their priority.
        assert_eq!(nice(), base);
    }

    #[test]
    fn slow_memory_is_a_bounded_lru() {
        let k = |s: &str| QueryKey::new([s]);
        let mut m = SlowMemory {
            keys: VecDeque::new(),
            capacity: 2,
        };
        m.remember(k("a"));
        m.remember(k("b"));
        m.remember(k("a")); // a is now the most recent
        m.remember(k("c")); // evicts b
        assert!(m.contains(&k("a")) && m.contains(&k("c")) && !m.contains(&k("b")));
        assert_eq!(m.keys.len(), 2);
        m.forget(&k("a"));
        assert!(!m.contains(&k("a")));
        let mut none = SlowMemory {
            keys: VecDeque::new(),
            capacity: 0,
        };
        none.remember(k("a"));
        assert!(!none.contains(&k("a")));
    }

    #[test]
    fn query_keys_separate_their_parts() {
        assert_ne!(QueryKey::new(["ab", "c"]), QueryKey::new(["a", "bc"]));
        assert_eq!(QueryKey::new(["ab", "c"]), QueryKey::new(["ab", "c"]));
    }

    #[test]
    fn default_lanes() {
        assert_eq!(LaneSettings::default_slow(1), 1);
        assert_eq!(LaneSettings::default_slow(8), 2);
        assert_eq!(
            LaneSettings::default_fast_budget(Duration::from_secs(30)),
            Duration::from_secs(1)
        );
        assert_eq!(
            LaneSettings::default_fast_budget(Duration::from_millis(500)),
            Duration::from_millis(125)
        );
    }
}
