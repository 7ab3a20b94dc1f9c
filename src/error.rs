//! Typed errors of the library. The CLI turns them into messages and exit codes.

use std::path::PathBuf;

/// Everything that can go wrong in the library.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: {reason}")]
    Input { path: String, reason: String },
    #[error("gazetteer {path}: {reason}")]
    Gazetteer { path: String, reason: String },
    #[error("store: {0}")]
    Store(String),
    #[error("store {path} was written by an incompatible opgraph (store format {found}, this build reads {expected}); rebuild it into a new --store directory")]
    StoreVersion {
        path: String,
        found: String,
        expected: String,
    },
    #[error("store {path} is in use by another opgraph process: {reason}")]
    StoreLocked { path: String, reason: String },
    #[error("store {path}: this opgraph was built without the on-disk store (feature `rocksdb`); rebuild it with default features, or use an in-memory store")]
    NoDiskStore { path: String },
    #[error("SPARQL syntax error: {0}")]
    QuerySyntax(String),
    #[error("query evaluation failed: {0}")]
    QueryEvaluation(String),
    #[error("query timed out after {0:?}")]
    Timeout(std::time::Duration),
    #[error("no canned query named {0:?} (see `opgraph query --list`)")]
    UnknownQuery(String),
    #[error("{0}")]
    Invalid(String),
    #[error("serialisation failed: {0}")]
    Serialize(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

impl From<oxigraph::store::StorageError> for Error {
    fn from(e: oxigraph::store::StorageError) -> Self {
        Error::Store(e.to_string())
    }
}

impl From<oxigraph::sparql::QueryEvaluationError> for Error {
    fn from(e: oxigraph::sparql::QueryEvaluationError) -> Self {
        Error::QueryEvaluation(e.to_string())
    }
}

impl From<oxigraph::sparql::SparqlSyntaxError> for Error {
    fn from(e: oxigraph::sparql::SparqlSyntaxError) -> Self {
        Error::QuerySyntax(e.to_string())
    }
}
