//! Bad input at the CLI: a corpus of broken, odd and hostile files generated in a temp
//! dir (nothing binary is committed), built with the real binary. Each bad file gets a
//! one-line reason, the good files load, the exit status is 3, nothing panics, and the
//! build finishes in bounded time and memory. Also a property test that drives the
//! extractor with arbitrary text.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use opgraph::extract::Extractor;
use opgraph::rdf::Iris;
use opgraph::store::GraphStore;
use oxigraph::model::Term;
use proptest::prelude::*;

/// The binary, run with `/usr/bin/time -v` when it exists so the peak RSS can be read.
struct Run {
    out: Output,
    elapsed: Duration,
    /// Peak resident set size in KiB, when `/usr/bin/time -v` was available.
    max_rss_kb: Option<u64>,
    /// User plus system time, when `/usr/bin/time -v` was available.
    cpu: Option<Duration>,
}

fn run_measured(args: &[&str]) -> Run {
    let time = Path::new("/usr/bin/time");
    let use_time = time.exists()
        && Command::new(time)
            .args(["-v", "true"])
            .output()
            .is_ok_and(|o| o.status.success());
    let mut cmd = if use_time {
        let mut c = Command::new(time);
        c.arg("-v").arg(env!("CARGO_BIN_EXE_opgraph"));
        c
    } else {
        eprintln!("NOTE: /usr/bin/time -v is not usable here; peak RSS is not checked");
        Command::new(env!("CARGO_BIN_EXE_opgraph"))
    };
    cmd.args(args).env_remove("OPGRAPH_STORE");
    let started = Instant::now();
    let out = cmd.output().expect("run opgraph");
    let elapsed = started.elapsed();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let field = |name: &str| {
        stderr
            .lines()
            .find_map(|l| l.trim().strip_prefix(name))
            .map(|v| v.trim().to_string())
            .filter(|_| use_time)
    };
    let max_rss_kb = field("Maximum resident set size (kbytes):").and_then(|v| v.parse().ok());
    let seconds = |name: &str| field(name).and_then(|v| v.parse::<f64>().ok());
    let cpu = seconds("User time (seconds):")
        .zip(seconds("System time (seconds):"))
        .map(|(u, s)| Duration::from_secs_f64(u + s));
    Run {
        out,
        elapsed,
        max_rss_kb,
        cpu,
    }
}

/// The run took bounded time: under `cpu_secs` of processor time (user plus system, what
/// the work cost whatever else ran beside it: the tests of this file run side by side,
/// and CI may run on two busy cores), and under `wall_secs` by the clock, against a hang.
/// Without `/usr/bin/time -v`, the clock alone, at `cpu_secs`.
fn assert_time_below(run: &Run, cpu_secs: u64, wall_secs: u64, what: &str) {
    let (limit, wall) = match run.cpu {
        Some(cpu) => {
            assert!(cpu < Duration::from_secs(cpu_secs), "{what}: {cpu:?} of CPU time");
            (wall_secs, run.elapsed)
        }
        None => (cpu_secs, run.elapsed),
    };
    assert!(wall < Duration::from_secs(limit), "{what}: took {wall:?}");
}

fn assert_rss_below(run: &Run, limit_mb: u64, what: &str) {
    match run.max_rss_kb {
        Some(kb) => assert!(
            kb < limit_mb * 1024,
            "{what}: peak RSS {} MB is over the bound of {limit_mb} MB",
            kb / 1024
        ),
        None => eprintln!("NOTE: {what}: peak RSS not measured (no /usr/bin/time -v)"),
    }
}

/// The `--report-json -` summary on standard output.
fn summary(run: &Run) -> serde_json::Value {
    serde_json::from_slice(&run.out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not the JSON summary ({e}); stderr: {}",
            String::from_utf8_lossy(&run.out.stderr)
        )
    })
}

/// `path → reason` of a list of `{path, reason}` objects, keyed by the path relative to `root`.
fn by_path(list: &serde_json::Value, root: &Path) -> BTreeMap<String, String> {
    let root = root.display().to_string();
    list.as_array()
        .expect("a list")
        .iter()
        .map(|r| {
            let path = r["path"].as_str().expect("path").to_string();
            let rel = path
                .strip_prefix(&root)
                .map(|p| p.trim_start_matches('/').to_string())
                .unwrap_or(path);
            (rel, r["reason"].as_str().expect("reason").to_string())
        })
        .collect()
}

fn report_ids(store: &Path) -> BTreeSet<String> {
    let s = GraphStore::open_read_only(store, Iris::default()).expect("store opens");
    s.select("PREFIX opg: <https://w3id.org/opgraph/ontology#> SELECT ?id WHERE { ?r a opg:Report ; opg:reportId ?id }")
        .expect("query")
        .into_iter()
        .filter_map(|row| match row.get("id") {
            Some(Term::Literal(l)) => Some(l.value().to_string()),
            _ => None,
        })
        .collect()
}

/// (encoding, the text of its stored sentences) of one report (sentences are stored
/// when they are evidence of something).
fn report_text(store: &Path, id: &str) -> (String, String) {
    let s = GraphStore::open_read_only(store, Iris::default()).expect("store opens");
    let rows = s
        .select(&format!(
            "PREFIX opg: <https://w3id.org/opgraph/ontology#>
             SELECT ?enc ?t WHERE {{ GRAPH ?g {{ ?r opg:reportId {id:?} ; opg:encoding ?enc .
               OPTIONAL {{ ?s a opg:Sentence ; opg:text ?t }} }} }}"
        ))
        .expect("query");
    let lit = |t: Option<&Term>| match t {
        Some(Term::Literal(l)) => l.value().to_string(),
        _ => String::new(),
    };
    let enc = rows.first().map(|r| lit(r.get("enc"))).unwrap_or_default();
    let text: Vec<String> = rows.iter().map(|r| lit(r.get("t"))).collect();
    (enc, text.join("\n"))
}

fn write(path: &Path, bytes: impl AsRef<[u8]>) {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).expect("mkdir");
    }
    std::fs::write(path, bytes).expect("write");
}

/// Writes the bad-file corpus; returns whether the unreadable file really is unreadable
/// (it is not when the tests run as root).
fn make_corpus(dir: &Path) -> bool {
    write(&dir.join("empty.txt"), b"");
    // Deterministic "random" bytes with NULs: a binary file under a text name.
    let mut x: u32 = 0x9e37_79b9;
    let binary: Vec<u8> = (0..4096)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            (x >> 24) as u8
        })
        .collect();
    write(&dir.join("binary.txt"), &binary);
    // Invalid UTF-8 in otherwise English text: decoded with replacement, not rejected.
    write(
        &dir.join("invalid_utf8.txt"),
        b"Europol supported an action against Amaq in Spain on 3 May 2018 \xff\xfe with \xc3\x28 odd bytes.\n",
    );
    // Valid UTF-8 with accents and one stray byte (a truncated copy, a bad concatenation):
    // the accents must survive, only the stray byte is replaced.
    let mut mixed = "Opération à Genève : Eurojust a coordonné l'action contre Amaq le 3 mai 2018. Les enquêteurs ont saisi des serveurs."
        .as_bytes()
        .to_vec();
    mixed.extend_from_slice(b" \xe9 fin.\n");
    write(&dir.join("mixed_utf8.txt"), mixed);
    let latin1: Vec<u8> =
        "La police a arrêté deux hommes à Genève. Eurojust a coordonné l'opération contre Amaq en mai 2018."
            .chars()
            .map(|c| u8::try_from(u32::from(c)).expect("Latin-1 char"))
            .collect();
    write(&dir.join("latin1.txt"), latin1);
    let (cp1252, _, unmappable) = encoding_rs::WINDOWS_1252
        .encode("Europol said the “operation” against Nashir – in Belgium – ended on 4 June 2019 with €2 000 seized.");
    assert!(!unmappable);
    write(&dir.join("cp1252.txt"), cp1252.as_ref());
    let mut utf16 = vec![0xFF, 0xFE];
    for u in "Europol supported an action against Islamic State in Germany in June 2017.".encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    write(&dir.join("utf16.txt"), utf16);
    // HTML with scripts and 10,000-deep nesting.
    let mut html = String::from("<!doctype html><html lang=\"en\"><head><title>Deep page</title><script>alert('xss-marker')</script></head><body>");
    html.push_str(&"<div><span>".repeat(10_000));
    html.push_str("Eurojust coordinated an operation against Amaq in the Netherlands in April 2018.");
    html.push_str(&"</span></div>".repeat(10_000));
    html.push_str("<script>var s = \"</div><p>script-marker</p>\";</script></body></html>");
    write(&dir.join("deep.html"), html);
    // JSON Lines with broken rows between good ones.
    let mut jsonl = Vec::new();
    jsonl
        .extend_from_slice(br#"{"id": "row-ok-1", "text": "Europol supported an action against Amaq in April 2018."}"#);
    jsonl.extend_from_slice(b"\n{broken\n");
    jsonl.extend_from_slice(br#"{"text": 5}"#);
    jsonl.extend_from_slice(b"\n\xff\xfe\xfd\n");
    jsonl.extend_from_slice(
        br#"{"id": "row-ok-2", "text": "Eurojust coordinated the operation against Nashir in 2019."}"#,
    );
    jsonl.push(b'\n');
    write(&dir.join("rows.jsonl"), jsonl);
    // A folder whose manifest is not JSON: the manifest is rejected, its files load.
    write(&dir.join("badmanifest/sources.json"), "this is { not json");
    write(
        &dir.join("badmanifest/a.txt"),
        "Police in Spain arrested two men in March 2016.",
    );
    // A manifest naming a missing file.
    write(
        &dir.join("manifest/sources.json"),
        r#"{"gone.txt": {"title": "Gone"}, "b.txt": {"title": "Present", "language": "en"}}"#,
    );
    write(&dir.join("manifest/b.txt"), "Police in France arrested a man in 2015.");
    // The same bytes under two names.
    let same = "Europol coordinated an operation against Amaq on 3 May 2018 in The Hague.";
    write(&dir.join("same1.txt"), same);
    write(&dir.join("same2.txt"), same);
    // A symlink loop (a folder containing a link to itself).
    write(&dir.join("loop/c.txt"), "Police in Belgium raided servers in 2019.");
    #[cfg(unix)]
    std::os::unix::fs::symlink("../loop", dir.join("loop/self")).expect("symlink");
    // Over --max-bytes (the test passes a small limit).
    write(&dir.join("big.txt"), "Europol report text. ".repeat(20_000));
    // Unreadable.
    let unreadable = dir.join("unreadable.txt");
    write(&unreadable, "Nobody can read this report about Europol.");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&unreadable, std::fs::Permissions::from_mode(0o000)).expect("chmod");
        std::fs::read(&unreadable).is_err()
    }
    #[cfg(not(unix))]
    false
}

#[test]
fn bad_file_corpus_each_bad_file_named_good_files_load_exit_3() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("in");
    let unreadable_blocks = make_corpus(&dir);
    let store = tmp.path().join("kg.db");
    let run = run_measured(&[
        "build",
        dir.to_str().expect("utf-8 path"),
        "--store",
        store.to_str().expect("utf-8 path"),
        "--max-bytes",
        "300000",
        "--jobs",
        "2",
        "--report-json",
        "-",
    ]);
    let err = String::from_utf8_lossy(&run.out.stderr).into_owned();
    assert!(!err.contains("panicked"), "a panic: {err}");
    assert_eq!(run.out.status.code(), Some(3), "stderr: {err}");
    assert!(run.elapsed < Duration::from_secs(60), "took {:?}", run.elapsed);
    assert_rss_below(&run, 600, "bad-file corpus");

    let s = summary(&run);
    let rejected = by_path(&s["rejected"], &dir);
    let mut expected: Vec<(&str, &str)> = vec![
        ("empty.txt", "empty input"),
        ("binary.txt", "binary"),
        ("big.txt", "file too large"),
        ("rows.jsonl:2", "bad JSON row"),
        ("rows.jsonl:3", "bad JSON row"),
        ("rows.jsonl:4", "not UTF-8"),
        ("badmanifest/sources.json", "not valid JSON"),
    ];
    if unreadable_blocks {
        expected.push(("unreadable.txt", "cannot open"));
    } else {
        eprintln!(
            "SKIPPED (partly) the unreadable-file case: chmod 000 does not stop this user (root?) from reading; \
             the file loads instead of being rejected"
        );
    }
    for (path, why) in &expected {
        let reason = rejected
            .get(*path)
            .unwrap_or_else(|| panic!("{path} is not rejected; rejected: {rejected:#?}"));
        assert!(reason.contains(why), "{path}: reason {reason:?} lacks {why:?}");
        assert!(!reason.contains('\n'), "{path}: reason is not one line: {reason:?}");
        assert!(err.contains(path), "{path} not named on stderr: {err}");
    }
    assert_eq!(rejected.len(), expected.len(), "unexpected rejections: {rejected:#?}");
    let dups = by_path(&s["duplicates"], &dir);
    assert_eq!(dups.len(), 1, "{dups:?}");
    // Files are extracted on two threads and written as they finish: either copy may be
    // the one kept, and the other names it.
    assert!(
        dups.get("same2.txt").is_some_and(|r| r.contains("same1.txt"))
            || dups.get("same1.txt").is_some_and(|r| r.contains("same2.txt")),
        "{dups:?}"
    );
    let warnings = s["warnings"].to_string();
    assert!(
        warnings.contains("gone.txt"),
        "missing manifest file not warned: {warnings}"
    );

    // The good files are in the store, whole.
    let ids = report_ids(&store);
    let mut good = vec![
        "invalid_utf8.txt",
        "mixed_utf8.txt",
        "latin1.txt",
        "cp1252.txt",
        "utf16.txt",
        "deep.html",
        "row-ok-1",
        "row-ok-2",
        "a.txt",
        "b.txt",
        "c.txt",
        if dups.contains_key("same2.txt") {
            "same1.txt"
        } else {
            "same2.txt"
        },
    ];
    if !unreadable_blocks {
        good.push("unreadable.txt");
    }
    let good: BTreeSet<String> = good.into_iter().map(String::from).collect();
    assert_eq!(ids, good);
    assert_eq!(
        s["reports"].as_u64(),
        Some(good.len() as u64 + 1),
        "reports counts the duplicate too"
    );

    let (enc, text) = report_text(&store, "latin1.txt");
    assert_eq!(enc, "windows-1252");
    assert!(text.contains("arrêté deux hommes à Genève"), "{text}");
    let (enc, text) = report_text(&store, "cp1252.txt");
    assert_eq!(enc, "windows-1252");
    assert!(text.contains("“operation”") && text.contains("€2"), "{text}");
    let (enc, text) = report_text(&store, "utf16.txt");
    assert_eq!(enc, "UTF-16LE");
    assert!(text.contains("Islamic State in Germany"), "{text}");
    let (_, text) = report_text(&store, "invalid_utf8.txt");
    assert!(text.contains("against Amaq in Spain on 3 May 2018"), "{text}");
    let (enc, text) = report_text(&store, "mixed_utf8.txt");
    assert!(
        enc == "UTF-8" && text.contains("Opération à Genève") && text.contains("coordonné"),
        "valid UTF-8 with one stray byte was decoded as {enc}: {text}"
    );
    let (_, text) = report_text(&store, "deep.html");
    assert!(text.contains("Eurojust coordinated an operation"), "{text}");
    assert!(
        !text.contains("xss-marker") && !text.contains("script-marker"),
        "script content leaked into the text: {text}"
    );
}

/// Writes `size` bytes of one line (words, no newline, no sentence end) by streaming.
fn write_single_line(path: &Path, size: usize) {
    use std::io::Write;
    let words = [
        "the ", "police ", "said ", "that ", "more ", "than ", "people ", "were ", "in ", "report ", "after ", "its ",
        "and ", "which ",
    ];
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).expect("create"));
    let mut n = 0;
    let mut i = 0usize;
    while n < size {
        let w = words[(i * 7 + i / 13) % words.len()];
        f.write_all(w.as_bytes()).expect("write");
        n += w.len();
        i += 1;
    }
    f.flush().expect("flush");
}

#[test]
fn ten_megabyte_single_line_loads_in_bounded_time_and_memory() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let file = tmp.path().join("line.txt");
    write_single_line(&file, 10 << 20);
    let store = tmp.path().join("kg.db");
    let run = run_measured(&[
        "build",
        file.to_str().expect("utf-8"),
        "--store",
        store.to_str().expect("utf-8"),
        "--report-json",
        "-",
    ]);
    let err = String::from_utf8_lossy(&run.out.stderr).into_owned();
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(run.out.status.code(), Some(0), "{err}");
    let s = summary(&run);
    assert_eq!(s["reports"], 1);
    assert_eq!(s["bytes"].as_u64(), Some(std::fs::metadata(&file).expect("meta").len()));
    assert!(run.elapsed < Duration::from_secs(60), "took {:?}", run.elapsed);
    // The text is held a few times over (raw, decoded, normalised); 10 MB in must not
    // cost more than ~60 times that.
    assert_rss_below(&run, 600, "10 MB single line");
}

#[test]
fn a_file_far_over_max_bytes_is_rejected_without_reading_it() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("in");
    std::fs::create_dir(&dir).expect("mkdir");
    // 100 MB, sparse: costs no disk and no time to create.
    let big = dir.join("huge.txt");
    std::fs::File::create(&big)
        .and_then(|f| f.set_len(100 << 20))
        .expect("sparse file");
    // The same as a JSON Lines file: one 100 MB "row".
    let rows = dir.join("huge.jsonl");
    std::fs::File::create(&rows)
        .and_then(|f| f.set_len(100 << 20))
        .expect("sparse file");
    write(
        &dir.join("ok.txt"),
        "Europol supported an action against Amaq in June 2017.",
    );
    let store = tmp.path().join("kg.db");
    let run = run_measured(&[
        "build",
        dir.to_str().expect("utf-8"),
        "--store",
        store.to_str().expect("utf-8"),
        "--max-bytes",
        "1000000",
        "--report-json",
        "-",
    ]);
    let err = String::from_utf8_lossy(&run.out.stderr).into_owned();
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(run.out.status.code(), Some(3), "{err}");
    let s = summary(&run);
    let rejected = by_path(&s["rejected"], &dir);
    assert!(
        rejected
            .get("huge.txt")
            .is_some_and(|r| r.starts_with("file too large")),
        "{rejected:?}"
    );
    // A JSON Lines file is read row by row; its one over-long row is rejected.
    assert!(
        rejected
            .iter()
            .any(|(p, r)| p.starts_with("huge.jsonl") && (r.contains("too large") || r.contains("not UTF-8"))),
        "{rejected:?}"
    );
    assert_eq!(s["reports"], 1);
    assert!(run.elapsed < Duration::from_secs(30), "took {:?}", run.elapsed);
    assert_rss_below(&run, 300, "100 MB file over --max-bytes");
}

/// A report dense with entity mentions: ~25,000 sentences, each naming two entities, in
/// 1 MB, 600k quads in one report graph. The extraction is linear (was 58 s); the peak
/// RSS was 706 MB while the bulk loader allocated its batches for a million quads each,
/// 566 MB with batches of 128k (2026-12-05). Alone, a debug build takes 5.6 s (8.3 s of
/// CPU); beside the other tests of this file and a compile, 20 s (2026-12-07).
#[test]
fn mention_dense_megabyte_loads_in_bounded_time() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let file = tmp.path().join("dense.txt");
    write(&file, "Europol supported an action against Amaq. ".repeat(25_000));
    let store = tmp.path().join("kg.db");
    let run = run_measured(&[
        "build",
        file.to_str().expect("utf-8"),
        "--store",
        store.to_str().expect("utf-8"),
        "--report-json",
        "-",
    ]);
    assert_eq!(run.out.status.code(), Some(0));
    assert_time_below(&run, 30, 90, "mention-dense 1 MB");
    assert_rss_below(&run, 600, "mention-dense 1 MB");
}

fn extractor() -> &'static Extractor {
    static X: std::sync::OnceLock<Extractor> = std::sync::OnceLock::new();
    X.get_or_init(|| Extractor::builtin().expect("built-in gazetteer"))
}

/// Text that looks a little like reports: words the cues and grammars know, digits,
/// punctuation, other scripts, controls.
fn report_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Europol ".to_string()),
        Just("Eurojust ".to_string()),
        Just("coordinated ".to_string()),
        Just("led by ".to_string()),
        Just("against Amaq ".to_string()),
        Just("on 3 May 2018".to_string()),
        Just("in June ".to_string()),
        Just("more than 26,000 items ".to_string()),
        Just("Belgian police ".to_string()),
        Just("onder leiding van ".to_string()),
        Just("le 21 novembre ".to_string()),
        Just(". ".to_string()),
        Just("\n\n".to_string()),
        Just("- ".to_string()),
        Just("é".to_string()),
        "[0-9]{1,6}".prop_map(|s| s),
        "\\PC{0,12}".prop_map(|s| s),
        any::<char>().prop_map(|c| c.to_string()),
    ];
    prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, max_shrink_iters: 200, ..ProptestConfig::default() })]

    #[test]
    fn extractor_never_panics_and_its_evidence_points_into_the_text(
        text in prop_oneof![report_like(), "\\PC{0,400}", any::<String>()],
        lang in prop::sample::select(vec![None, Some(opgraph::model::Lang::En), Some(opgraph::model::Lang::Fr), Some(opgraph::model::Lang::Nl)]),
    ) {
        let report = opgraph::input::report_from_str("prop.txt", &text, lang, None);
        let x = extractor().extract(report);
        let text = x.report.text.as_str();
        let len = text.len();
        let n = x.sentences.len();
        for s in &x.sentences {
            prop_assert!(s.start <= s.end && s.end <= len, "sentence {:?} outside 0..{}", s, len);
            prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        }
        for e in &x.entities {
            for m in &e.mentions {
                prop_assert!(m.sentence < n, "mention sentence {} of {}", m.sentence, n);
                prop_assert!(m.span.start <= m.span.end && m.span.end <= len, "mention {:?} outside 0..{}", m.span, len);
                prop_assert_eq!(m.span.slice(text), m.surface.as_str());
            }
        }
        let keys: BTreeSet<&str> = x.entities.iter().map(|e| e.key.as_str()).collect();
        for op in &x.operations {
            let mut ev = vec![&op.trigger];
            ev.extend(op.date_evidence.as_ref());
            ev.extend(op.roles.iter().map(|r| &r.evidence));
            ev.extend(op.counts.iter().map(|c| &c.evidence));
            for e in ev {
                prop_assert!(e.sentence < n, "evidence sentence {} of {} ({})", e.sentence, n, e.rule);
                prop_assert!(e.span.start <= e.span.end && e.span.end <= len, "evidence span {:?} outside 0..{} ({})", e.span, len, e.rule);
                prop_assert!(text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end));
                prop_assert!((0.0..=1.0).contains(&e.confidence), "confidence {}", e.confidence);
            }
            for r in &op.roles {
                prop_assert!(keys.contains(r.entity.as_str()), "role names unknown entity {}", r.entity);
            }
        }
    }
}
