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
