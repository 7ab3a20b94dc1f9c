//! Input (temporary minimal version; replaced by the text branch)
use crate::model::{InputFormat, Lang, PartialDate, Report};
use std::path::{Path, PathBuf};
pub mod segment {
    use crate::model::Span;
    pub fn sentences(text: &str) -> Vec<Span> {
        let mut out = Vec::new();
        let mut start = 0;
        let b = text.as_bytes();
        for i in 0..b.len() {
            let end = (b[i] == b'\n')
                || (b[i] == b'.'
                    && b.get(i + 1) == Some(&b' ')
                    && b.get(i + 2).is_some_and(|c| c.is_ascii_uppercase())
                    && !(i >= 2 && b[i - 2] == b' '));
            if end {
                if text[start..=i].trim().len() > 0 {
                    let s = &text[start..=i];
                    let l = s.len() - s.trim_start().len();
                    let r = s.trim_end().len();
                    out.push(Span::new(start + l, start + r.max(l)));
                }
                start = i + 1;
            }
        }
        if text[start..].trim().len() > 0 {
            let s = &text[start..];
            let l = s.len() - s.trim_start().len();
            out.push(Span::new(start + l, start + s.trim_end().len()));
        }
        out
    }
    pub fn paragraphs(text: &str) -> Vec<Span> {
        let mut out = Vec::new();
        let mut start = 0;
        for (i, _) in text.match_indices("\n\n") {
            if i > start {
                out.push(Span::new(start, i));
            }
            start = i + 2;
        }
        if start < text.len() {
            out.push(Span::new(start, text.len()));
        }
        out
    }
}
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct SourceMeta {
    pub url: Option<String>,
    pub title: Option<String>,
    pub published: Option<String>,
    pub language: Option<String>,
}
#[derive(Debug, Clone)]
pub struct Source {
    pub path: PathBuf,
    pub format: InputFormat,
    pub meta: Option<SourceMeta>,
}
#[derive(Debug, Clone, serde::Serialize)]
pub struct Rejected {
    pub path: String,
    pub reason: String,
}
#[derive(Debug, Default)]
pub struct Discovery {
    pub sources: Vec<Source>,
    pub rejected: Vec<Rejected>,
    pub warnings: Vec<String>,
}
#[derive(Debug, Clone)]
pub struct Limits {
    pub max_bytes: u64,
}
impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: 64 << 20,
        }
    }
}
pub fn discover(paths: &[PathBuf]) -> Discovery {
    let mut d = Discovery::default();
    for p in paths {
        if p.is_dir() {
            let manifest: std::collections::BTreeMap<String, SourceMeta> =
                std::fs::read_to_string(p.join("sources.json"))
                    .ok()
                    .and_then(|t| serde_json::from_str(&t).ok())
                    .unwrap_or_default();
            let mut files: Vec<_> = std::fs::read_dir(p)
                .map(|r| r.filter_map(|e| e.ok()).map(|e| e.path()).collect())
                .unwrap_or_default();
            files.sort();
            for f in files {
                if f.extension().is_some_and(|e| e == "txt") {
                    let name = f
                        .file_name()
                        .map(|n| n.to_string_lossy().to_string())
                        .unwrap_or_default();
                    d.sources.push(Source {
                        meta: manifest.get(&name).cloned(),
                        path: f,
                        format: InputFormat::Text,
                    });
                }
            }
        } else if p.is_file() {
            d.sources.push(Source {
                path: p.clone(),
                format: InputFormat::Text,
                meta: None,
            });
        } else {
            d.rejected.push(Rejected {
                path: p.display().to_string(),
                reason: "no such file or directory".into(),
            });
        }
    }
    d
}
pub fn read_source(
    src: &Source,
    _limits: &Limits,
) -> Box<dyn Iterator<Item = Result<Report, Rejected>> + Send> {
    let r = std::fs::read(&src.path)
        .map_err(|e| Rejected {
            path: src.path.display().to_string(),
            reason: e.to_string(),
        })
        .map(|b| {
            let text = String::from_utf8_lossy(&b).to_string();
            let id = src
                .path
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            let mut rep = report_from_str(
                &id,
                &text,
                src.meta
                    .as_ref()
                    .and_then(|m| m.language.as_deref())
                    .map(Lang::from_code),
                src.meta
                    .as_ref()
                    .and_then(|m| m.published.as_deref())
                    .and_then(PartialDate::parse),
            );
            rep.source = src.path.display().to_string();
            rep
        });
    Box::new(std::iter::once(r))
}
pub fn report_from_str(
    id: &str,
    text: &str,
    lang: Option<Lang>,
    published: Option<PartialDate>,
) -> Report {
    use sha2::Digest;
    Report {
        id: id.into(),
        source: id.into(),
        title: None,
        url: None,
        published,
        language: lang.unwrap_or(Lang::En),
        language_detected: lang.is_none(),
        format: InputFormat::Text,
        text: text.into(),
        sha256: crate::store::hex(&sha2::Sha256::digest(text.as_bytes())),
        byte_len: text.len(),
        encoding: "UTF-8".into(),
    }
}
pub fn _unused(_: &Path) {}
/// One JSON Lines row → a report.
pub fn report_from_json_line(line: &str, file: &str, no: usize) -> Result<Report, Rejected> {
    let v: serde_json::Value = serde_json::from_str(line).map_err(|e| Rejected {
        path: format!("{file}:{no}"),
        reason: e.to_string(),
    })?;
    let text = v
        .get("text")
        .and_then(|t| t.as_str())
        .ok_or_else(|| Rejected {
            path: format!("{file}:{no}"),
            reason: "no \"text\"".into(),
        })?;
    let id = v
        .get("id")
        .and_then(|t| t.as_str())
        .map(String::from)
        .unwrap_or_else(|| format!("{file}#{no}"));
    Ok(report_from_str(
        &id,
        text,
        v.get("language")
            .and_then(|l| l.as_str())
            .map(Lang::from_code),
        v.get("published")
            .and_then(|l| l.as_str())
            .and_then(PartialDate::parse),
    ))
}
