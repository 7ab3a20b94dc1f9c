//! HTML → plain text with the `html5gum` streaming tokenizer.
//!
//! No tree is built: nesting depth costs nothing, and the work is linear in the input.
//! The content of non-article elements (script, style, noscript, template, svg, math,
//! nav, footer, aside, form, button, iframe, select, object, canvas) is dropped; block
//! elements become line or paragraph breaks; character references are decoded by the
//! tokenizer; runs of whitespace collapse to one space.
//!
//! `figcaption` is **kept** (as its own paragraph): photo credits such as
//! "Image: Agency/Name" name people the extractor wants.

use html5gum::{DefaultEmitter, Token, Tokenizer};

/// The readable content and metadata of an HTML page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HtmlDoc {
    /// Visible text; paragraphs separated by blank lines.
    pub text: String,
    /// `<title>`, else `og:title` / `twitter:title`.
    pub title: Option<String>,
    /// Publication date as written in the metadata (ISO timestamp usually).
    pub published: Option<String>,
    /// `<html lang>` (or `content-language` / `og:locale`), as written.
    pub lang: Option<String>,
}

/// Cap on the extracted text: beyond this the rest of the page is ignored.
pub const MAX_TEXT_BYTES: usize = 32 << 20;
/// Cap on a title or metadata value.
const MAX_META: usize = 1000;

/// Elements whose content is not article text.
const SKIP: [&str; 16] = [
    "script", "style", "noscript", "template", "svg", "math", "nav", "footer", "aside", "form", "button", "iframe",
    "select", "object", "canvas", "textarea",
];

/// Elements that end a paragraph.
const PARA: [&str; 33] = [
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "table",
    "section",
    "article",
    "blockquote",
    "header",
    "main",
    "figure",
    "figcaption",
    "pre",
    "hr",
    "address",
    "caption",
    "center",
    "details",
    "summary",
    "body",
    "title",
    "head",
    "fieldset",
];

/// Elements that end a line.
const LINE: [&str; 4] = ["br", "tr", "option", "legend"];

/// Elements that separate words (table cells).
const WORD: [&str; 2] = ["td", "th"];

/// Extracts text, title, publication date and language from an HTML document.
pub fn parse_html(html: &str) -> HtmlDoc {
    let mut emitter = DefaultEmitter::default();
    // script/style/textarea/title content is raw text: let the tokenizer switch states.
    emitter.naively_switch_states(true);
    let tokenizer = Tokenizer::new_with_emitter(html, emitter);

    let mut doc = HtmlDoc::default();
    let mut out = TextSink::default();
    let mut skip_depth = [0usize; SKIP.len()];
    let mut in_title = false;
    let mut title_buf = String::new();
    let mut og_title: Option<String> = None;
    let mut in_ld_json = false;
    let mut time_datetime: Option<String> = None;
    let mut meta_published: Option<String> = None;
    let mut pre_depth = 0usize;

    for token in tokenizer {
        let Ok(token) = token;
        match token {
            Token::StartTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                let attr = |k: &str| {
                    tag.attributes
                        .get(k.as_bytes())
                        .map(|v| String::from_utf8_lossy(&v.value).trim().to_string())
                };
                match name.as_str() {
                    "html" if doc.lang.is_none() => {
                        doc.lang = attr("lang").or_else(|| attr("xml:lang")).filter(|s| !s.is_empty());
                    }
                    "title" if !tag.self_closing => in_title = true,
                    "meta" => {
                        let key = attr("property")
                            .or_else(|| attr("name"))
                            .or_else(|| attr("itemprop"))
                            .or_else(|| attr("http-equiv"))
                            .unwrap_or_default()
                            .to_ascii_lowercase();
                        let content = attr("content").filter(|c| !c.is_empty()).map(|c| cap(&c));
                        if let Some(content) = content {
                            match key.as_str() {
                                "og:title" | "twitter:title" if og_title.is_none() => og_title = Some(content),
                                "article:published_time"
                                | "og:published_time"
                                | "datepublished"
                                | "date"
                                | "pubdate"
                                | "publishdate"
                                | "publish-date"
                                | "dc.date.issued"
                                | "dc.date"
                                | "dcterms.created"
                                | "dcterms.issued"
                                | "sailthru.date"
                                | "parsely-pub-date"
                                    if meta_published.is_none() || key == "article:published_time" =>
                                {
                                    // article:published_time is the most specific: let it win.
                                    meta_published = Some(content);
                                }
                                "content-language" | "og:locale" | "language" if doc.lang.is_none() => {
                                    doc.lang = Some(content)
                                }
                                _ => {}
                            }
                        }
                    }
                    "time" if time_datetime.is_none() => {
                        time_datetime = attr("datetime").filter(|s| !s.is_empty()).map(|s| cap(&s));
                    }
                    "script" => {
                        in_ld_json = attr("type").is_some_and(|t| t.eq_ignore_ascii_case("application/ld+json"));
                    }
                    "pre" if !tag.self_closing => pre_depth += 1,
                    _ => {}
                }
                if let Some(i) = SKIP.iter().position(|s| *s == name) {
                    if !tag.self_closing {
                        if let Some(d) = skip_depth.get_mut(i) {
                            *d += 1;
                        }
                    }
                } else {
                    out.block(&name);
                }
            }
            Token::EndTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                if let Some(i) = SKIP.iter().position(|s| *s == name) {
                    if let Some(d) = skip_depth.get_mut(i) {
                        *d = d.saturating_sub(1);
                    }
                    if name == "script" {
                        in_ld_json = false;
                    }
                } else {
                    out.block(&name);
                }
                match name.as_str() {
                    "title" => in_title = false,
                    "pre" => pre_depth = pre_depth.saturating_sub(1),
                    _ => {}
                }
            }
            Token::String(s) => {
                let s = String::from_utf8_lossy(&s.value);
                if in_title {
                    if title_buf.len() < MAX_META {
                        title_buf.push_str(&s);
                    }
                } else if in_ld_json {
                    if meta_published.is_none() {
                        meta_published = ld_json_date(&s);
                    }
                } else if skip_depth.iter().all(|d| *d == 0) {
                    out.text(&s, pre_depth > 0);
                }
            }
            Token::Comment(_) | Token::Doctype(_) | Token::Error(_) => {}
        }
        if out.full() {
            break;
        }
    }
    let title = collapse(&title_buf);
    doc.title = if title.is_empty() {
        og_title.map(|t| collapse(&t))
    } else {
        Some(title)
    };
    doc.published = meta_published.or(time_datetime);
    doc.text = out.finish();
    doc
}

/// Truncates a metadata value to [`MAX_META`] bytes on a char boundary.
fn cap(s: &str) -> String {
    let mut end = s.len().min(MAX_META);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s.get(..end).unwrap_or_default().to_string()
}

/// Collapses whitespace runs to single spaces and trims.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Finds `"datePublished": "..."` in a JSON-LD script without parsing it.
fn ld_json_date(s: &str) -> Option<String> {
    let i = s.find("\"datePublished\"")?;
    let rest = s.get(i + "\"datePublished\"".len()..)?;
    let rest = rest.trim_start().strip_prefix(':')?.trim_start().strip_prefix('"')?;
    let end = rest.find('"')?;
    let v = rest.get(..end)?.trim();
    (!v.is_empty() && v.len() < 64).then(|| v.to_string())
}

/// Accumulates text with pending breaks so that whitespace never piles up.
#[derive(Default)]
struct TextSink {
    out: String,
    /// 0 none, 1 line break, 2 paragraph break, pending before the next visible char.
    pending_break: u8,
    pending_space: bool,
}

impl TextSink {
    fn block(&mut self, name: &str) {
        let level = if PARA.contains(&name) {
            2
        } else if LINE.contains(&name) {
            1
        } else if WORD.contains(&name) {
            self.pending_space = true;
            0
        } else {
            0
        };
        self.pending_break = self.pending_break.max(level);
    }

    fn text(&mut self, s: &str, pre: bool) {
        for c in s.chars() {
            if c == '\n' && pre {
                self.pending_break = self.pending_break.max(1);
            } else if c.is_whitespace() {
                self.pending_space = true;
            } else {
                if !self.out.is_empty() {
                    match self.pending_break {
                        0 if self.pending_space => self.out.push(' '),
                        0 => {}
                        1 => self.out.push('\n'),
                        _ => self.out.push_str("\n\n"),
                    }
                }
                self.pending_break = 0;
                self.pending_space = false;
                self.out.push(c);
            }
        }
    }

    fn full(&self) -> bool {
        self.out.len() >= MAX_TEXT_BYTES
    }

    fn finish(self) -> String {
        let mut out = self.out;
        if out.len() > MAX_TEXT_BYTES {
            let mut end = MAX_TEXT_BYTES;
            while !out.is_char_boundary(end) {
                end -= 1;
            }
            out.truncate(end);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extracts_text_title_date_lang() {
        let html = r#"<!DOCTYPE html><html lang="nl-BE"><head>
            <title> Politie  legt
              server plat </title>
            <meta property="article:published_time" content="2019-11-25T10:00:00+01:00">
            <style>p { color: red }</style>
            <script>var x = "<p>not text</p>";</script>
            </head><body>
            <nav><a href="/">Home</a> <a href="/x">Nieuws</a></nav>
            <h1>Actie tegen propaganda</h1>
            <p>De politie heeft &amp; het parket hebben <b>maandag</b>
               twee servers   in beslag genomen.</p>
            <figure><img src="a.jpg"><figcaption>Foto: Belga/J. Peeters</figcaption></figure>
            <ul><li>eerste punt</li><li>tweede punt</li></ul>
            Regel een<br>Regel twee
            <footer>Copyright 2019</footer>
            </body></html>"#;
        let doc = parse_html(html);
        assert_eq!(doc.title.as_deref(), Some("Politie legt server plat"));
        assert_eq!(doc.published.as_deref(), Some("2019-11-25T10:00:00+01:00"));
        assert_eq!(doc.lang.as_deref(), Some("nl-BE"));
        assert_eq!(
            doc.text,
            "Actie tegen propaganda\n\nDe politie heeft & het parket hebben maandag twee servers in beslag genomen.\n\nFoto: Belga/J. Peeters\n\neerste punt\n\ntweede punt\n\nRegel een\nRegel twee"
        );
    }

    #[test]
    fn og_title_time_and_ld_json_fallbacks() {
        let doc = parse_html(
            r#"<meta property="og:title" content="Raid in Madrid"><p>Texto <time datetime="2020-06-02">2 de junio</time></p>"#,
        );
        assert_eq!(doc.title.as_deref(), Some("Raid in Madrid"));
        assert_eq!(doc.published.as_deref(), Some("2020-06-02"));
        assert_eq!(doc.text, "Texto 2 de junio");
        let doc = parse_html(
            r#"<script type="application/ld+json">{"@type":"NewsArticle","datePublished": "2018-04-27T09:00:00Z"}</script><p>x</p>"#,
        );
        assert_eq!(doc.published.as_deref(), Some("2018-04-27T09:00:00Z"));
        assert_eq!(doc.text, "x");
    }

    #[test]
    fn deep_nesting_is_linear_and_harmless() {
        let depth = 10_000;
        let mut html = String::new();
        for _ in 0..depth {
            html.push_str("<div><span>");
        }
        html.push_str("tief");
        for _ in 0..depth {
            html.push_str("</span></div>");
        }
        let doc = parse_html(&html);
        assert_eq!(doc.text, "tief");
        let mut html = String::from("<p>vor</p>");
        for _ in 0..depth {
            html.push_str("<aside>");
        }
        html.push_str("weg");
        for _ in 0..depth {
            html.push_str("</aside>");
        }
        html.push_str("<p>nach</p>");
        assert_eq!(parse_html(&html).text, "vor\n\nnach");
    }

    #[test]
    fn table_cells_and_pre() {
        let doc = parse_html("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table><pre>x\ny</pre>");
        assert_eq!(doc.text, "a b\nc\n\nx\ny");
    }
}
