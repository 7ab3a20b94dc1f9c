//! The endpoint against hostile and broken HTTP, over raw TCP: bad percent-encoding,
//! huge headers, wrong methods, non-UTF-8 bodies, a slowloris body. Each gets a 4xx (or
//! the connection is closed), the server keeps serving others, and no error body shows
//! a file-system path or a stack trace.

mod common;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use opgraph::queries::builtin;
use opgraph::server::{router, ServerConfig};
use oxigraph::model::{GraphName, Literal, NamedNode, Quad};
use oxigraph::store::Store;

fn fixture() -> Store {
    let store = Store::new().expect("store");
    let g =
        GraphName::NamedNode(NamedNode::new("https://w3id.org/opgraph/id/graph/report/0123456789abcdef").expect("iri"));
    for i in 0..20 {
        store
            .insert(&Quad::new(
                NamedNode::new(format!("http://example.org/s{i}")).expect("iri"),
                NamedNode::new("http://www.w3.org/2000/01/rdf-schema#label").expect("iri"),
                Literal::new_simple_literal(format!("thing {i}")),
                g.clone(),
            ))
            .expect("insert");
    }
    store
}

fn start(config: ServerConfig) -> SocketAddr {
    let app = router(fixture(), builtin(), None, &config);
    common::serve_router(app)
}

fn config() -> ServerConfig {
    ServerConfig {
        access_log: false,
        read_timeout: Duration::from_millis(800),
        timeout: Duration::from_secs(5),
        ..ServerConfig::default()
    }
}

/// What came back on a raw connection.
#[derive(Debug)]
struct Raw {
    /// The status code, or None when the server closed without an answer.
    status: Option<u16>,
    body: String,
    elapsed: Duration,
}

/// Sends `request` (a whole HTTP/1.1 request, or its start) and reads until the server
/// closes or `wait` passes.
fn raw(addr: SocketAddr, request: &[u8], wait: Duration) -> Raw {
    let started = Instant::now();
    let mut c = TcpStream::connect(addr).expect("connect");
    c.set_read_timeout(Some(wait)).expect("timeout");
    // A server may close before it has read everything (huge headers): not an error here.
    let _ = c.write_all(request);
    let mut buf = Vec::new();
    let mut chunk = [0u8; 8192];
    loop {
        match c.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
            Err(_) => break, // timeout or reset
        }
        if started.elapsed() > wait {
            break;
        }
    }
    let text = String::from_utf8_lossy(&buf).into_owned();
    let status = text
        .strip_prefix("HTTP/1.1 ")
        .and_then(|r| r.get(..3))
        .and_then(|c| c.parse().ok());
    let body = text.split_once("\r\n\r\n").map(|x| x.1.to_string()).unwrap_or_default();
    Raw {
        status,
        body,
        elapsed: started.elapsed(),
    }
}

fn get(addr: SocketAddr, target: &str) -> Raw {
    raw(
        addr,
        format!("GET {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").as_bytes(),
        Duration::from_secs(10),
    )
}

/// No file-system paths, source locations or stack traces in what a client sees.
fn assert_clean(r: &Raw, what: &str) {
    for leak in [
        "/tmp/",
        "/home/",
        "/root/",
        "/usr/",
        "/work/",
        "src/",
        ".rs:",
        "panicked",
        "stack backtrace",
        "RUST_BACKTRACE",
        "rocksdb",
    ] {
        assert!(!r.body.contains(leak), "{what}: the answer shows {leak:?}: {}", r.body);
    }
}

fn assert_alive(addr: SocketAddr) {
    let r = get(addr, "/health");
    assert_eq!(r.status, Some(200), "the server stopped answering: {r:?}");
    assert!(r.body.contains("\"status\""), "{}", r.body);
}

#[test]
fn bad_percent_encoding_is_a_client_error() {
    let addr = start(config());
    for target in [
        "/sparql?query=%ZZ%E0%A4",
        "/sparql?query=SELECT%20*%20WHERE%20%7B%3Fs%20%3Fp%20%3Fo%7D%FF%FE",
        "/sparql?query=%",
        "/sparql?query=SELECT%20*%20WHERE%20%7B%7D&default-graph-uri=%FF%00",
        "/queries/operations?format=%FF",
        "/queries/%FF%FE",
        "/store?graph=%E0%80%80",
        "/network/graph?x=%ZZ",
    ] {
        let r = get(addr, target);
        let status = r.status.unwrap_or_else(|| panic!("{target}: no answer"));
        assert!((400..500).contains(&status), "{target}: {status} {}", r.body);
        assert!(!r.body.trim().is_empty(), "{target}: an error needs a message");
        assert_clean(&r, target);
    }
    assert_alive(addr);
}

#[test]
fn huge_headers_are_refused_and_the_server_lives_on() {
    let addr = start(config());
    let big = "a".repeat(100 * 1024);
    for req in [
        format!("GET /health HTTP/1.1\r\nHost: localhost\r\nX-Big: {big}\r\nConnection: close\r\n\r\n"),
        format!(
            "GET /health HTTP/1.1\r\nHost: localhost\r\n{}Connection: close\r\n\r\n",
            (0..2000).map(|i| format!("X-H{i}: v\r\n")).collect::<String>()
        ),
        format!("GET /sparql?query={big} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"),
    ] {
        let r = raw(addr, req.as_bytes(), Duration::from_secs(10));
        match r.status {
            None => {} // connection closed: acceptable
            Some(s) => assert!(
                (400..500).contains(&s),
                "huge header ({} bytes) answered {s}: {}",
                req.len(),
                r.body
            ),
        }
        assert!(r.elapsed < Duration::from_secs(10), "took {:?}", r.elapsed);
        assert_clean(&r, "huge header");
        assert_alive(addr);
    }
}

#[test]
fn wrong_methods_are_405() {
    let addr = start(config());
    for (method, path) in [
        ("PUT", "/sparql"),
        ("DELETE", "/"),
        ("DELETE", "/sparql"),
        ("PATCH", "/queries"),
        ("PUT", "/queries/operations"),
        ("POST", "/health"),
        ("GET", "/update"),
    ] {
        let r = raw(
            addr,
            format!("{method} {path} HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                .as_bytes(),
            Duration::from_secs(10),
        );
        assert_eq!(r.status, Some(405), "{method} {path}: {r:?}");
        assert_clean(&r, path);
    }
    // A method token that is not HTTP at all.
    let r = raw(
        addr,
        b"FROB\x01 /sparql HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
        Duration::from_secs(10),
    );
    assert!(r.status.is_none_or(|s| (400..500).contains(&s)), "{r:?}");
    assert_alive(addr);
}

#[test]
fn non_utf8_bodies_are_400_or_415() {
    let addr = start(config());
    let bodies: [(&str, &[u8]); 4] = [
        ("application/sparql-query", b"SELECT * WHERE { ?s ?p \xff\xfe }"),
        (
            "application/x-www-form-urlencoded",
            b"query=SELECT%20*%20WHERE%20%7B%7D%FF\xff",
        ),
        (
            "application/sparql-query; charset=latin1",
            b"SELECT * WHERE { ?s ?p \"caf\xe9\" }",
        ),
        ("text/plain", b"\xff\xfe\x00\x01"),
    ];
    for (ct, body) in bodies {
        let mut req = format!(
            "POST /sparql HTTP/1.1\r\nHost: localhost\r\nContent-Type: {ct}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        )
        .into_bytes();
        req.extend_from_slice(body);
        let r = raw(addr, &req, Duration::from_secs(10));
        assert!(matches!(r.status, Some(400 | 415)), "{ct}: {r:?}");
        assert_clean(&r, ct);
    }
    assert_alive(addr);
}

#[test]
fn a_stalled_body_is_dropped_on_a_timeout_and_others_are_served() {
    let cfg = config();
    let bound = cfg.read_timeout + Duration::from_secs(3);
    let addr = start(cfg);
    // Three slowloris clients: headers promise 1000 bytes, a few arrive, then nothing.
    let slow: Vec<_> = (0..3)
        .map(|_| {
            std::thread::spawn(move || {
                raw(
                    addr,
                    b"POST /sparql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/sparql-query\r\nContent-Length: 1000\r\n\r\nSELECT",
                    Duration::from_secs(15),
                )
            })
        })
        .collect();
    // Meanwhile others are served promptly.
    std::thread::sleep(Duration::from_millis(100));
    let t = Instant::now();
    let r = get(
        addr,
        "/sparql?query=SELECT%20(COUNT(*)%20AS%20%3Fn)%20WHERE%20%7B%3Fs%20%3Fp%20%3Fo%7D",
    );
    assert_eq!(r.status, Some(200), "{r:?}");
    assert!(r.body.contains("20"), "{}", r.body);
    assert!(
        t.elapsed() < Duration::from_secs(2),
        "a normal query waited {:?}",
        t.elapsed()
    );
    for h in slow {
        let r = h.join().expect("slow client");
        assert!(
            r.status.is_none_or(|s| s == 408 || (400..500).contains(&s)),
            "a stalled body got {r:?}"
        );
        assert!(
            r.elapsed < bound,
            "a stalled body held its connection for {:?} (bound {bound:?})",
            r.elapsed
        );
        assert_clean(&r, "slow body");
    }
    assert_alive(addr);
}
