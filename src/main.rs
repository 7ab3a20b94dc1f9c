//! `opgraph`: the command line. A thin layer over the library: it parses arguments,
//! opens the store, calls the library and turns errors into messages and exit codes
//! (0 success, 1 error, 2 usage error, 3 some inputs rejected).

mod cli;

use std::process::ExitCode;

use clap::Parser;

// No `#[global_allocator]`: oxigraph 0.5 frees RocksDB's `malloc`'d error messages with
// Rust's allocator (`CString::from_raw` in its `ffi_result!`), which is the same `free`
// only for the system allocator. With mimalloc a locked store crashed the process
// (`tests/reliability.rs`; BENCHMARKS.md, issue #3 row).
fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match cli::run(args) {
        Ok(code) => ExitCode::from(code),
        // A closed pipe (`opgraph query ... | head`) is the reader's choice, not an error.
        Err(e) if format!("{e:#}").contains("Broken pipe") => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("opgraph: error: {e:#}");
            ExitCode::from(1)
        }
    }
}
