//! The browser page at `/`: a query editor, a results table with download links, and the
//! collaboration network drawn as SVG. Plain HTML, CSS and JavaScript written for this
//! crate, embedded in the binary; it loads nothing from outside the server.

use axum::http::header;
use axum::response::{IntoResponse, Response};

const INDEX: &str = include_str!("assets/index.html");
const SCRIPT: &str = include_str!("assets/app.js");
const STYLE: &str = include_str!("assets/style.css");

/// Forbids the page from contacting anything but this server.
const CSP: &str = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'";

fn asset(content_type: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CONTENT_SECURITY_POLICY, CSP),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        body,
    )
        .into_response()
}

/// `GET /`.
pub async fn index() -> Response {
    asset("text/html; charset=utf-8", INDEX)
}

/// `GET /assets/app.js`.
pub async fn script() -> Response {
    asset("text/javascript; charset=utf-8", SCRIPT)
}

/// `GET /assets/style.css`.
pub async fn style() -> Response {
    asset("text/css; charset=utf-8", STYLE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_is_self_contained() {
        // The HTML and CSS name no remote resource at all.
        for text in [INDEX, STYLE] {
            assert!(!text.contains("http:") && !text.contains("https:"));
            assert!(!text.contains("url("), "no external CSS resources");
        }
        assert!(INDEX.contains("src=\"/assets/app.js\""));
        // The script names IRIs (prefixes, the SVG namespace) but fetches only local paths.
        assert!(!SCRIPT.contains("fetch(\"http") && !SCRIPT.contains("fetch('http"));
        assert!(!SCRIPT.contains("import "));
        assert!(SCRIPT.contains("fetch(\"/network/graph\""));
    }
}
