//! Admission control (a semaphore with a bounded wait), the timeout watchdog that
//! cancels runaway queries, bearer-token checks, and the access log.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use oxigraph::sparql::CancellationToken;
use sha2::{Digest, Sha256};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use super::exec::{timeout_error, EvalLimits};
use super::negotiate::wants_json_errors;
use super::protocol::{bearer_token, ApiError, ErrorMessage};

/// Number of rows an answer carried, for the access log.
#[derive(Debug, Clone, Copy)]
pub struct Rows(pub usize);

/// Bounds the number of queries evaluated at once.
pub struct Admission {
    semaphore: Arc<Semaphore>,
    queue_wait: Duration,
    running: Arc<AtomicUsize>,
}

/// A slot held while a query runs; frees itself when the blocking work ends.
pub struct Slot {
    _permit: OwnedSemaphorePermit,
    running: Arc<AtomicUsize>,
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.running.fetch_sub(1, Ordering::SeqCst);
    }
}

impl Admission {
    /// Allows `max_concurrent` (at least 1) queries at once; others wait up to `queue_wait`.
    pub fn new(max_concurrent: usize, queue_wait: Duration) -> Self {
        Admission {
            semaphore: Arc::new(Semaphore::new(max_concurrent.max(1))),
            queue_wait,
            running: Arc::new(AtomicUsize::new(0)),
        }
    }

    /// Queries being evaluated right now (including cancelled ones still unwinding).
    pub fn running(&self) -> usize {
        self.running.load(Ordering::SeqCst)
    }

    /// Waits for a slot, or answers 503 with `Retry-After` when none frees in time.
    pub async fn enter(&self) -> Result<Slot, ApiError> {
        let acquire = self.semaphore.clone().acquire_owned();
        match tokio::time::timeout(self.queue_wait, acquire).await {
            Ok(Ok(permit)) => {
                self.running.fetch_add(1, Ordering::SeqCst);
                Ok(Slot {
                    _permit: permit,
                    running: self.running.clone(),
                })
            }
            _ => Err(ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "the server is busy with other queries; retry in a moment",
            )
            .with_header(header::RETRY_AFTER, "2")),
        }
    }
}

/// Runs `work` on the blocking pool while holding an admission slot, under a time limit.
/// On timeout the token is cancelled (oxigraph then stops the evaluation at its next
/// step) and the caller gets 503 at once; the slot is released only when the work has
/// actually stopped, so cancelled queries still count against the concurrency limit.
pub async fn run_limited<T, F>(
    admission: &Admission,
    timeout: Duration,
    max_bytes: usize,
    work: F,
) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&EvalLimits) -> Result<T, ApiError> + Send + 'static,
{
    let slot = admission.enter().await?;
    let limits = EvalLimits {
        token: CancellationToken::new(),
        timeout,
        max_bytes,
    };
    let token = limits.token.clone();
    let handle = tokio::task::spawn_blocking(move || {
        let out = work(&limits);
        drop(slot);
        out
    });
    match tokio::time::timeout(timeout, handle).await {
        Ok(Ok(result)) => result,
        Ok(Err(join)) => Err(ApiError::internal("running the query", join)),
        Err(_) => {
            token.cancel();
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

    #[tokio::test]
    async fn admission_times_out_with_retry_after() {
        let a = Admission::new(1, Duration::from_millis(50));
        let held = a.enter().await.expect("first slot");
        assert_eq!(a.running(), 1);
        let e = a.enter().await.err().expect("second waits then fails");
        assert_eq!(e.status, StatusCode::SERVICE_UNAVAILABLE);
        assert!(e.headers.iter().any(|(k, _)| k == header::RETRY_AFTER));
        drop(held);
        assert_eq!(a.running(), 0);
        assert!(a.enter().await.is_ok());
    }
}
