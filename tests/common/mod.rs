//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// `../shared` next to the project, when present (CI has it).
pub fn shared() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    p.join("corpus").is_dir().then_some(p)
}

/// Prints a loud skip message and returns true when `../shared` is missing.
pub fn skip_without_shared(test: &str) -> bool {
    if shared().is_none() {
        eprintln!("SKIPPED {test}: ../shared is not present");
        return true;
    }
    false
}

pub fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples")
}

/// Runs the opgraph binary.
pub fn opgraph(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_opgraph"))
        .args(args)
        .env_remove("OPGRAPH_STORE")
        .output()
        .expect("run opgraph")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Serves an axum router on 127.0.0.1:0 from a background runtime, through the server's
/// own accept loop with the default connection settings; returns its address.
pub fn serve_router(app: axum::Router) -> std::net::SocketAddr {
    serve_router_with(app, &opgraph::server::ServerConfig::default())
}

/// Like [`serve_router`], with the connection settings (header timeout, connection cap) of `config`.
pub fn serve_router_with(app: axum::Router, config: &opgraph::server::ServerConfig) -> std::net::SocketAddr {
    let (tx, rx) = std::sync::mpsc::channel::<std::net::SocketAddr>();
    let config = config.clone();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime");
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
            tx.send(listener.local_addr().expect("addr")).expect("send");
            opgraph::server::serve_on(listener, app, &config, std::future::pending())
                .await
                .expect("serve");
        });
    });
    rx.recv_timeout(std::time::Duration::from_secs(10))
        .expect("server started")
}

/// Adds what the merge keeps in the corpus graph for actors to a hand-made store whose
/// operations live in named graphs: `opg:operationCount`, the count of distinct operations
/// each actor led, coordinated, supported or took part in, and one `opg:Collaboration`
/// node per pair of actors with the operations they share.
pub fn add_corpus_summaries(store: &oxigraph::store::Store) {
    store
        .update(
            "PREFIX opg: <https://w3id.org/opgraph/ontology#>
             INSERT { GRAPH <https://w3id.org/opgraph/graph/corpus> { ?actor opg:operationCount ?n } }
             WHERE { SELECT ?actor (COUNT(DISTINCT ?op) AS ?n) WHERE {
               GRAPH ?g { ?op opg:ledBy|opg:coordinatedBy|opg:supportedBy|opg:participant ?actor }
             } GROUP BY ?actor }",
        )
        .expect("operation counts");
    store
        .update(
            "PREFIX opg: <https://w3id.org/opgraph/ontology#>
             INSERT { GRAPH <https://w3id.org/opgraph/graph/corpus> {
               _:c a opg:Collaboration ; opg:collaborator ?a, ?b ; opg:sharedOperations ?n } }
             WHERE { SELECT ?a ?b (COUNT(DISTINCT ?op) AS ?n) WHERE {
               GRAPH ?g { ?op opg:ledBy|opg:coordinatedBy|opg:supportedBy|opg:participant ?a }
               GRAPH ?h { ?op opg:ledBy|opg:coordinatedBy|opg:supportedBy|opg:participant ?b }
               FILTER(STR(?a) < STR(?b))
             } GROUP BY ?a ?b }",
        )
        .expect("collaborations");
}
