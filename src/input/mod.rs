//! Input: files and folders → decoded, normalised [`Report`]s.
//!
//! [`discover`] walks the given paths (folders recursively, sorted, symlinks followed
//! with loop detection, hidden files skipped, `sources.json` read as a manifest);
//! [`read_source`] turns one source into reports (one per text/Markdown/HTML file, one
//! per row of a `.jsonl` file, read lazily); [`make_report`] is the single place where
//! raw text becomes a report: HTML parsing, boilerplate removal, normalisation,
//! metadata and language.

pub mod clean;
pub mod decode;
pub mod html;
pub mod lang;
pub mod segment;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::model::{InputFormat, Lang, PartialDate, Report};

/// Metadata about one file, from a `sources.json` manifest.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SourceMeta {
    pub url: Option<String>,
    pub title: Option<String>,
    /// ISO date (`2019-11-25`, `2019-11`, `2019`, or a timestamp).
    pub published: Option<String>,
    /// Language code (`en`, `nl`...).
    pub language: Option<String>,
}

/// One input file to read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Source {
    pub path: PathBuf,
    pub format: InputFormat,
    /// Metadata from a manifest beside it, if any.
    pub meta: Option<SourceMeta>,
}

/// An input that could not be used, and why (one line).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rejected {
    /// The path (or `file.jsonl:LINE` for a row).
    pub path: String,
    pub reason: String,
}

/// What [`discover`] found.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Discovery {
    pub sources: Vec<Source>,
    pub rejected: Vec<Rejected>,
    pub warnings: Vec<String>,
}

/// Resource limits for reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest file read (text/Markdown/HTML), and largest JSON Lines row.
    pub max_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { max_bytes: 64 << 20 }
    }
}

/// The name of the manifest file in a folder.
pub const MANIFEST: &str = "sources.json";

/// Reads a `sources.json` manifest: `{"file.txt": {"url", "title", "published", "language"}}`
/// (any value may be null; unknown fields are ignored).
pub fn read_manifest(path: &Path) -> Result<BTreeMap<String, SourceMeta>, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read manifest: {e}"))?;
    let raw: BTreeMap<String, Option<SourceMeta>> = serde_json::from_slice(&bytes)
        .map_err(|e| format!("manifest is not valid JSON of the form {{\"file\": {{...}}}}: {e}"))?;
    Ok(raw.into_iter().map(|(k, v)| (k, v.unwrap_or_default())).collect())
}

/// The format a file name implies, if it is one of the accepted extensions.
pub fn format_of(path: &Path) -> Option<InputFormat> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    Some(match ext.as_str() {
        "txt" | "text" => InputFormat::Text,
        "md" | "markdown" => InputFormat::Markdown,
        "html" | "htm" | "xhtml" => InputFormat::Html,
        "jsonl" | "ndjson" => InputFormat::Jsonl,
        _ => return None,
    })
}

fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.'))
}

/// Finds the sources among `paths` (files and folders).
///
/// Folders are walked recursively in sorted order, following symlinks (a folder reached
/// again through a link is skipped); hidden entries are skipped; `sources.json` is read
/// as the manifest of its folder; files with other extensions inside folders are skipped
/// (counted in a warning), while a file named explicitly is read as text whatever its
/// extension. Each file is listed once even when reached by two paths.
pub fn discover(paths: &[PathBuf]) -> Discovery {
    let mut d = Discovery::default();
    let mut seen_files: HashSet<PathBuf> = HashSet::new();
    let mut seen_dirs: HashSet<PathBuf> = HashSet::new();
    let mut manifests: Vec<(PathBuf, PathBuf)> = Vec::new(); // (dir canonical, manifest path)
    let mut canon_of: Vec<PathBuf> = Vec::new(); // canonical path per source

    let mut add_file = |path: PathBuf, format: InputFormat, d: &mut Discovery, canon_of: &mut Vec<PathBuf>| {
        let canon = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        if seen_files.insert(canon.clone()) {
            d.sources.push(Source {
                path,
                format,
                meta: None,
            });
            canon_of.push(canon);
        }
    };

    for p in paths {
        let meta = match std::fs::metadata(p) {
            Ok(m) => m,
            Err(e) => {
                let reason = if e.kind() == std::io::ErrorKind::NotFound {
                    "no such file or directory".to_string()
                } else {
                    format!("cannot access: {e}")
                };
                d.rejected.push(Rejected {
                    path: p.display().to_string(),
                    reason,
                });
                continue;
            }
        };
        if meta.is_file() {
            if p.file_name().and_then(|n| n.to_str()) == Some(MANIFEST) {
                let dir = p.parent().map(Path::to_path_buf).unwrap_or_default();
                let dir = std::fs::canonicalize(if dir.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    &dir
                })
                .unwrap_or(dir);
                manifests.push((dir, p.clone()));
            } else {
                add_file(
                    p.clone(),
                    format_of(p).unwrap_or(InputFormat::Text),
                    &mut d,
                    &mut canon_of,
                );
            }
            continue;
        }
        if !meta.is_dir() {
            d.rejected.push(Rejected {
                path: p.display().to_string(),
                reason: "not a regular file or directory".into(),
            });
            continue;
        }
        // iterative depth-first walk, sorted
        let mut stack = vec![p.clone()];
        let mut skipped = 0usize;
        while let Some(dir) = stack.pop() {
            let canon = std::fs::canonicalize(&dir).unwrap_or_else(|_| dir.clone());
            if !seen_dirs.insert(canon.clone()) {
                continue;
            }
            let mut entries: Vec<PathBuf> = match std::fs::read_dir(&dir) {
                Ok(rd) => rd.filter_map(Result::ok).map(|e| e.path()).collect(),
                Err(e) => {
                    d.rejected.push(Rejected {
                        path: dir.display().to_string(),
                        reason: format!("cannot read directory: {e}"),
                    });
                    continue;
                }
            };
            entries.sort();
            let mut subdirs = Vec::new();
            for e in entries {
                if is_hidden(&e) {
                    continue;
                }
                let Ok(m) = std::fs::metadata(&e) else {
                    d.warnings
                        .push(format!("{}: broken link or unreadable entry skipped", e.display()));
                    continue;
                };
                if m.is_dir() {
                    subdirs.push(e);
                } else if m.is_file() {
                    if e.file_name().and_then(|n| n.to_str()) == Some(MANIFEST) {
                        manifests.push((canon.clone(), e));
                    } else if let Some(f) = format_of(&e) {
                        add_file(e, f, &mut d, &mut canon_of);
                    } else {
                        skipped += 1;
                    }
                }
            }
            // push in reverse so that the walk visits them in sorted order
            stack.extend(subdirs.into_iter().rev());
        }
        if skipped > 0 {
            d.warnings.push(format!(
                "{}: {skipped} file(s) with other extensions skipped",
                p.display()
            ));
        }
    }

    // manifests: attach metadata by canonical path
    let mut meta_by_canon: HashMap<PathBuf, SourceMeta> = HashMap::new();
    let mut done: HashSet<PathBuf> = HashSet::new();
    for (dir, mpath) in manifests {
        let mc = std::fs::canonicalize(&mpath).unwrap_or_else(|_| mpath.clone());
        if !done.insert(mc) {
            continue;
        }
        match read_manifest(&mpath) {
            Ok(map) => {
                for (name, meta) in map {
                    let target = dir.join(&name);
                    match std::fs::canonicalize(&target) {
                        Ok(c) => {
                            meta_by_canon.insert(c, meta);
                        }
                        Err(_) => d
                            .warnings
                            .push(format!("{}: names a missing file {name:?}", mpath.display())),
                    }
                }
            }
            Err(reason) => d.rejected.push(Rejected {
                path: mpath.display().to_string(),
                reason,
            }),
        }
    }
    for (src, canon) in d.sources.iter_mut().zip(&canon_of) {
        src.meta = meta_by_canon.get(canon).cloned();
    }
    d
}

/// Reads one source: one report for a text/Markdown/HTML file, one per non-empty row
/// for JSON Lines (read lazily, rows capped at `limits.max_bytes` each; a bad row is a
/// [`Rejected`] named `file.jsonl:LINE` and the other rows still load).
pub fn read_source(src: &Source, limits: &Limits) -> Box<dyn Iterator<Item = Result<Report, Rejected>> + Send> {
    let shown = src.path.display().to_string();
    let reject = |reason: String| -> Box<dyn Iterator<Item = Result<Report, Rejected>> + Send> {
        Box::new(std::iter::once(Err(Rejected {
            path: shown.clone(),
            reason,
        })))
    };
    let file = match File::open(&src.path) {
        Ok(f) => f,
        Err(e) => return reject(format!("cannot open: {e}")),
    };
    let len = file.metadata().map(|m| m.len()).unwrap_or(0);
    if src.format == InputFormat::Jsonl {
        return Box::new(JsonlRows {
            reader: BufReader::new(file),
            path: shown,
            name: base_name(&src.path),
            line: 0,
            limit: limits.max_bytes,
            meta: src.meta.clone(),
            done: false,
        });
    }
    if len > limits.max_bytes {
        return reject(format!(
            "file too large ({len} bytes; limit {}, raise --max-bytes)",
            limits.max_bytes
        ));
    }
    let mut raw = Vec::with_capacity(len as usize);
    // never read more than the limit, even if the file grows meanwhile
    if let Err(e) = file.take(limits.max_bytes.saturating_add(1)).read_to_end(&mut raw) {
        return reject(format!("cannot read: {e}"));
    }
    if raw.len() as u64 > limits.max_bytes {
        return reject(format!(
            "file too large (over {} bytes; raise --max-bytes)",
            limits.max_bytes
        ));
    }
    let decoded = match decode::decode(&raw) {
        Ok(d) => d,
        Err(e) => return reject(e.to_string()),
    };
    let report = make_report(
        &base_name(&src.path),
        &shown,
        &raw,
        decoded.text,
        decoded.encoding,
        src.format,
        src.meta.as_ref(),
    );
    Box::new(std::iter::once(Ok(report)))
}

fn base_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| p.display().to_string())
}

/// One JSON Lines row.
#[derive(Debug, Deserialize)]
struct Row {
    text: String,
    #[serde(default)]
    id: Option<serde_json::Value>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default, alias = "lang")]
    language: Option<String>,
}

/// Lazy reader of JSON Lines rows.
struct JsonlRows {
    reader: BufReader<File>,
    path: String,
    name: String,
    line: usize,
    limit: u64,
    meta: Option<SourceMeta>,
    done: bool,
}

impl JsonlRows {
    /// Reads the next line into `buf` (at most `limit` bytes); returns false at EOF.
    /// An over-long line is consumed to its end and reported as `Err`.
    fn next_line(&mut self, buf: &mut Vec<u8>) -> Result<bool, String> {
        buf.clear();
        let n = (&mut self.reader)
            .take(self.limit.saturating_add(1))
            .read_until(b'\n', buf)
            .map_err(|e| format!("cannot read: {e}"))?;
        if n == 0 {
            return Ok(false);
        }
        if buf.len() as u64 > self.limit && buf.last() != Some(&b'\n') {
            // skip the rest of the line in bounded chunks
            loop {
                let avail = self.reader.fill_buf().map_err(|e| format!("cannot read: {e}"))?;
                if avail.is_empty() {
                    break;
                }
                match memchr::memchr(b'\n', avail) {
                    Some(p) => {
                        self.reader.consume(p + 1);
                        break;
                    }
                    None => {
                        let l = avail.len();
                        self.reader.consume(l);
                    }
                }
            }
            buf.clear();
            return Err(format!("row too large (over {} bytes; raise --max-bytes)", self.limit));
        }
        Ok(true)
    }
}

impl Iterator for JsonlRows {
    type Item = Result<Report, Rejected>;

    fn next(&mut self) -> Option<Self::Item> {
        let mut buf = Vec::new();
        while !self.done {
            self.line += 1;
            let at = format!("{}:{}", self.path, self.line);
            match self.next_line(&mut buf) {
                Ok(false) => {
                    self.done = true;
                    return None;
                }
                Err(reason) => {
                    if reason.starts_with("cannot read") {
                        self.done = true;
                    }
                    return Some(Err(Rejected { path: at, reason }));
                }
                Ok(true) => {}
            }
            if buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let row: Row = match std::str::from_utf8(&buf)
                .map_err(|e| format!("row is not UTF-8: {e}"))
                .and_then(|s| {
                    serde_json::from_str(s.trim_start_matches('\u{feff}')).map_err(|e| format!("bad JSON row: {e}"))
                }) {
                Ok(r) => r,
                Err(reason) => return Some(Err(Rejected { path: at, reason })),
            };
            if row.text.trim().is_empty() {
                return Some(Err(Rejected {
                    path: at,
                    reason: "row has an empty \"text\"".into(),
                }));
            }
            let id = match row.id {
                Some(serde_json::Value::String(s)) if !s.trim().is_empty() => s,
                Some(serde_json::Value::Number(n)) => n.to_string(),
                _ => format!("{}#{}", self.name, self.line),
            };
            let meta = SourceMeta {
                url: row.url.or_else(|| self.meta.as_ref().and_then(|m| m.url.clone())),
                title: row.title,
                published: row.published,
                language: row
                    .language
                    .or_else(|| self.meta.as_ref().and_then(|m| m.language.clone())),
            };
            let raw = row.text.as_bytes().to_vec();
            let source = format!("{}#{}", self.path, self.line);
            return Some(Ok(make_report(
                &id,
                &source,
                &raw,
                row.text,
                "UTF-8",
                InputFormat::Jsonl,
                Some(&meta),
            )));
        }
        None
    }
}

/// Light Markdown clean-up: heading markers, emphasis markers, links and images
/// (`[text](url)` → `text`).
fn strip_markdown(text: &str) -> String {
    static LINK: std::sync::OnceLock<Option<regex::Regex>> = std::sync::OnceLock::new();
    let link = LINK.get_or_init(|| regex::Regex::new(r"!?\[([^\]\n]{0,500})\]\([^)\n]{0,2000}\)").ok());
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let t = line.trim_start();
        let t = if t.starts_with('#') {
            t.trim_start_matches('#').trim_start()
        } else {
            line
        };
        let t = if t.trim().chars().all(|c| matches!(c, '-' | '*' | '_' | '=')) && t.trim().len() >= 3 {
            ""
        } else {
            t
        };
        let t = t.replace("**", "").replace("__", "");
        match link {
            Some(re) => out.push_str(&re.replace_all(&t, "$1")),
            None => out.push_str(&t),
        }
        out.push('\n');
    }
    out
}

/// Builds a report from decoded text: parses HTML (for [`InputFormat::Html`]), removes
/// page chrome ([`clean::strip_boilerplate`]), normalises ([`clean::normalize`]), and
/// fills in metadata. `id` is the report id (file base name or row id), `source` where it
/// came from, `raw` the input bytes (hashed with SHA-256), `encoding` what they were
/// decoded from. Title: manifest, else HTML title, else the first line when shorter than
/// 200 characters. Language: declared (manifest / row / `<html lang>`), else detected.
pub fn make_report(
    id: &str,
    source: &str,
    raw: &[u8],
    text: String,
    encoding: &str,
    format: InputFormat,
    meta: Option<&SourceMeta>,
) -> Report {
    let (body, html_title, html_published, html_lang) = match format {
        InputFormat::Html => {
            let doc = html::parse_html(&text);
            (doc.text, doc.title, doc.published, doc.lang)
        }
        InputFormat::Markdown => (strip_markdown(&text), None, None, None),
        _ => (text, None, None, None),
    };
    let clean = clean::normalize(&clean::strip_boilerplate(&body));
    let declared = meta
        .and_then(|m| m.language.clone())
        .or(html_lang)
        .map(|c| c.split(['-', '_']).next().unwrap_or("").to_string())
        .filter(|c| !c.trim().is_empty());
    let (language, language_detected) = match declared {
        Some(code) => (Lang::from_code(&code), false),
        None => (lang::detect(&clean).0, true),
    };
    let published = meta
        .and_then(|m| m.published.as_deref())
        .and_then(PartialDate::parse)
        .or_else(|| html_published.as_deref().and_then(PartialDate::parse));
    let title = meta
        .and_then(|m| m.title.clone())
        .filter(|t| !t.trim().is_empty())
        .or(html_title.filter(|t| !t.trim().is_empty()))
        .or_else(|| {
            clean
                .lines()
                .map(str::trim)
                .find(|l| !l.is_empty())
                .filter(|l| l.chars().count() < 200)
                .map(str::to_string)
        });
    Report {
        id: id.to_string(),
        source: source.to_string(),
        title,
        url: meta.and_then(|m| m.url.clone()),
        published,
        language,
        language_detected,
        format,
        text: clean,
        sha256: hex_sha256(raw),
        byte_len: raw.len(),
        encoding: encoding.to_string(),
    }
}

fn hex_sha256(raw: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let digest = Sha256::digest(raw);
    let mut s = String::with_capacity(64);
    // Two digits per byte without a `format!` (a string) per byte.
    for b in digest.iter() {
        s.push(char::from(HEX[usize::from(b >> 4)]));
        s.push(char::from(HEX[usize::from(b & 0x0f)]));
    }
    s
}

/// A report from a string, for tests and synthetic corpora: the text goes through the
/// same clean-up as a file; the language is detected when not given.
pub fn report_from_str(id: &str, text: &str, lang: Option<Lang>, published: Option<PartialDate>) -> Report {
    let meta = SourceMeta {
        language: lang.map(|l| l.code().to_string()),
        published: published.map(|p| p.to_string()),
        ..SourceMeta::default()
    };
    make_report(
        id,
        id,
        text.as_bytes(),
        text.to_string(),
        "UTF-8",
        InputFormat::Text,
        Some(&meta),
    )
}

/// Reads every source of a [`Discovery`] (convenience for small corpora and tests).
pub fn load_all(discovery: &Discovery, limits: &Limits) -> (Vec<Report>, Vec<Rejected>) {
    let mut reports = Vec::new();
    let mut rejected = discovery.rejected.clone();
    for s in &discovery.sources {
        for r in read_source(s, limits) {
            match r {
                Ok(r) => reports.push(r),
                Err(e) => rejected.push(e),
            }
        }
    }
    (reports, rejected)
}

/// One JSON Lines row (`text` and optional `id`, `title`, `published`, `url`, `language`)
/// → a report; `file` and `no` name the row in messages and default ids. Used by the
/// streaming `opgraph extract`.
pub fn report_from_json_line(line: &str, file: &str, no: usize) -> Result<Report, Rejected> {
    let at = || format!("{file}:{no}");
    let row: Row = serde_json::from_str(line.trim_start_matches('\u{feff}')).map_err(|e| Rejected {
        path: at(),
        reason: format!("bad JSON row: {e}"),
    })?;
    if row.text.trim().is_empty() {
        return Err(Rejected {
            path: at(),
            reason: "row has an empty \"text\"".into(),
        });
    }
    let name = Path::new(file)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| file.to_string());
    let id = match row.id {
        Some(serde_json::Value::String(s)) if !s.trim().is_empty() => s,
        Some(serde_json::Value::Number(n)) => n.to_string(),
        _ => format!("{name}#{no}"),
    };
    let meta = SourceMeta {
        url: row.url,
        title: row.title,
        published: row.published,
        language: row.language,
    };
    let raw = row.text.as_bytes().to_vec();
    Ok(make_report(
        &id,
        &format!("{file}#{no}"),
        &raw,
        row.text,
        "UTF-8",
        InputFormat::Jsonl,
        Some(&meta),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn names(d: &Discovery) -> Vec<String> {
        d.sources.iter().map(|s| base_name(&s.path)).collect()
    }

    #[test]
    fn discovers_sorted_with_manifest_and_rejections() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("b/sub")).unwrap();
        fs::write(root.join("b/z.txt"), "Zulu report text.").unwrap();
        fs::write(
            root.join("b/a.md"),
            "# Heading\n\nSome **bold** [link](http://x.org) text.",
        )
        .unwrap();
        fs::write(
            root.join("b/sub/c.html"),
            "<html lang='fr'><title>T</title><p>Texte ici.</p></html>",
        )
        .unwrap();
        fs::write(root.join("b/.hidden.txt"), "hidden").unwrap();
        fs::write(root.join("b/image.png"), [0u8, 1, 2]).unwrap();
        fs::write(
            root.join("b/sources.json"),
            r#"{"z.txt": {"url": "http://e.org/z", "title": null, "published": "2019-11-25", "language": "en"}, "gone.txt": {}}"#,
        )
        .unwrap();
        fs::write(root.join("notes.weird"), "Explicit file with odd extension.").unwrap();
        let d = discover(&[root.join("b"), root.join("notes.weird"), root.join("missing.txt")]);
        assert_eq!(names(&d), vec!["a.md", "z.txt", "c.html", "notes.weird"]);
        assert_eq!(d.sources[0].format, InputFormat::Markdown);
        assert_eq!(d.sources[2].format, InputFormat::Html);
        assert_eq!(d.sources[3].format, InputFormat::Text);
        let z = &d.sources[1];
        assert_eq!(z.meta.as_ref().and_then(|m| m.url.as_deref()), Some("http://e.org/z"));
        assert_eq!(
            d.rejected,
            vec![Rejected {
                path: root.join("missing.txt").display().to_string(),
                reason: "no such file or directory".into()
            }]
        );
        assert!(d.warnings.iter().any(|w| w.contains("gone.txt")), "{:?}", d.warnings);
        assert!(
            d.warnings.iter().any(|w| w.contains("1 file(s) with other extensions")),
            "{:?}",
            d.warnings
        );

        let (reports, rejected) = load_all(&d, &Limits::default());
        assert!(rejected.len() == 1);
        let z = reports.iter().find(|r| r.id == "z.txt").unwrap();
        assert_eq!(z.published, Some(PartialDate::Day(2019, 11, 25)));
        assert_eq!((z.language, z.language_detected), (Lang::En, false));
        assert_eq!(z.title.as_deref(), Some("Zulu report text."));
        let a = reports.iter().find(|r| r.id == "a.md").unwrap();
        assert_eq!(a.text, "Heading\n\nSome bold link text.");
        let c = reports.iter().find(|r| r.id == "c.html").unwrap();
        assert_eq!(
            (c.text.as_str(), c.title.as_deref(), c.language),
            ("Texte ici.", Some("T"), Lang::Fr)
        );
    }

    #[test]
    fn bad_manifest_is_rejected_but_files_load() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("r.txt"), "A short report about police work in Spain.").unwrap();
        fs::write(dir.path().join("sources.json"), "{ not json").unwrap();
        let d = discover(&[dir.path().to_path_buf()]);
        assert_eq!(names(&d), vec!["r.txt"]);
        assert_eq!(d.rejected.len(), 1);
        assert!(d.rejected[0].path.ends_with("sources.json"));
        assert!(
            d.rejected[0].reason.contains("not valid JSON"),
            "{}",
            d.rejected[0].reason
        );
        assert!(d.sources[0].meta.is_none());
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_and_duplicates() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("d")).unwrap();
        fs::write(root.join("d/one.txt"), "One report.").unwrap();
        std::os::unix::fs::symlink(root.join("d"), root.join("d/loop")).unwrap();
        std::os::unix::fs::symlink(root.join("d/one.txt"), root.join("d/two.txt")).unwrap();
        let d = discover(&[root.to_path_buf(), root.join("d/one.txt")]);
        assert_eq!(names(&d), vec!["one.txt"]);
    }

    #[test]
    fn limits_and_decode_errors() {
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("big.txt");
        fs::write(&big, "x".repeat(2000)).unwrap();
        let bin = dir.path().join("bin.txt");
        fs::write(&bin, b"\x00\x01\x02binary").unwrap();
        let src = |p: &Path| Source {
            path: p.to_path_buf(),
            format: InputFormat::Text,
            meta: None,
        };
        let r: Vec<_> = read_source(&src(&big), &Limits { max_bytes: 1000 }).collect();
        let Err(e) = &r[0] else { panic!("expected rejection") };
        assert_eq!(e.reason, "file too large (2000 bytes; limit 1000, raise --max-bytes)");
        let r: Vec<_> = read_source(&src(&bin), &Limits::default()).collect();
        let Err(e) = &r[0] else { panic!("expected rejection") };
        assert!(e.reason.contains("binary"), "{}", e.reason);
        let r: Vec<_> = read_source(&src(&dir.path().join("nope.txt")), &Limits::default()).collect();
        assert!(matches!(&r[0], Err(e) if e.reason.starts_with("cannot open")));
    }

    #[test]
    fn jsonl_rows_load_lazily_with_bad_rows_reported() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("batch.jsonl");
        let long = "y".repeat(5000);
        let content = format!(
            "{}\n\n{}\nnot json\n{}\n{}\n{}\n",
            r#"{"id": "r1", "text": "Europol supported the action.", "language": "en", "published": "2018-04-27", "title": "T1"}"#,
            r#"{"text": "Die Polizei hat am Mittwoch zwei Server abgeschaltet und die Betreiber festgenommen."}"#,
            r#"{"id": 7, "title": "no text"}"#,
            format_args!(r#"{{"text": "{long}"}}"#),
            r#"{"text": "Last row."}"#,
        );
        fs::write(&p, content).unwrap();
        let src = Source {
            path: p.clone(),
            format: InputFormat::Jsonl,
            meta: None,
        };
        let items: Vec<_> = read_source(&src, &Limits { max_bytes: 1000 }).collect();
        assert_eq!(items.len(), 6);
        let r1 = items[0].as_ref().unwrap();
        assert_eq!(
            (r1.id.as_str(), r1.title.as_deref(), r1.published),
            ("r1", Some("T1"), Some(PartialDate::Day(2018, 4, 27)))
        );
        let r2 = items[1].as_ref().unwrap();
        assert_eq!(r2.id, "batch.jsonl#3");
        assert_eq!((r2.language, r2.language_detected), (Lang::De, true));
        let bad: Vec<&Rejected> = items.iter().filter_map(|i| i.as_ref().err()).collect();
        assert_eq!(bad.len(), 3);
        assert!(bad[0].path.ends_with("batch.jsonl:4") && bad[0].reason.starts_with("bad JSON row"));
        assert!(bad[1].path.ends_with("batch.jsonl:5"));
        assert!(bad[2].path.ends_with("batch.jsonl:6") && bad[2].reason.starts_with("row too large"));
        assert_eq!(items[5].as_ref().unwrap().id, "batch.jsonl#7");
    }

    #[test]
    fn make_report_cleans_and_hashes() {
        let text = "1. Skip to content\nPolice   raid\u{a0}servers\n\nShare this post\nThree arrests were made.";
        let r = report_from_str("x.txt", text, Some(Lang::En), Some(PartialDate::Day(2020, 1, 2)));
        assert_eq!(r.text, "Police raid servers\n\nThree arrests were made.");
        assert_eq!(r.title.as_deref(), Some("Police raid servers"));
        assert_eq!(r.byte_len, text.len());
        assert_eq!(r.sha256.len(), 64);
        let empty = report_from_str("e", "", None, None);
        assert_eq!(
            empty.sha256,
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(empty.language, Lang::Other);
    }

    #[test]
    fn real_corpus_loads_when_present() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
        if !root.exists() {
            return;
        }
        let d = discover(&[root]);
        let (reports, rejected) = load_all(&d, &Limits::default());
        assert!(rejected.is_empty(), "{rejected:?}");
        assert!(reports.len() >= 25, "{}", reports.len());
        for r in &reports {
            assert!(!r.text.is_empty());
            assert!(!r.text.contains("Skip to content"), "{}", r.id);
            assert!(!r.text.contains("This browser does not support"), "{}", r.id);
            assert_ne!(r.language, Lang::Other, "{}", r.id);
        }
        let dw = reports.iter().find(|r| r.id.starts_with("003_"));
        if let Some(dw) = dw {
            assert!(dw.text.contains("Image: Imago/Reporters/M. Meuris"));
            assert_eq!(dw.language, Lang::En);
        }
    }
}
