//! The server's pure request handling: URL query strings, form and direct bodies,
//! Accept headers, format parameters, graph targets, canned-query parameters.
#![no_main]

use libfuzzer_sys::fuzz_target;
use opgraph::server::negotiate::{self, ResultKind};
use opgraph::server::protocol::{self, QueryBody};

fuzz_target!(|data: &[u8]| {
    // Split the input into a URL query, a body and a header value at the first two 0xFF bytes.
    let mut parts = data.splitn(3, |&b| b == 0xff);
    let url = String::from_utf8_lossy(parts.next().unwrap_or_default()).into_owned();
    let body = parts.next().unwrap_or_default();
    let header = String::from_utf8_lossy(parts.next().unwrap_or_default()).into_owned();
    let url = Some(url.as_str());
    let _ = protocol::parse_pairs(body);
    let _ = protocol::query_request(url, QueryBody::None);
    let _ = protocol::query_request(url, QueryBody::Form(body));
    let _ = protocol::query_request(url, QueryBody::Direct(body));
    let _ = protocol::update_request(url, QueryBody::Form(body));
    let _ = protocol::update_request(url, QueryBody::Direct(body));
    let _ = protocol::graph_target(url);
    let _ = protocol::bearer_token(Some(&header));
    let _ = protocol::media_type(Some(&header));
    for q in opgraph::queries::builtin() {
        let _ = protocol::canned_params(url, &q.params);
    }
    let ranges = negotiate::parse_accept(&header);
    let _ = negotiate::quality(&ranges, "application/sparql-results+json");
    for kind in [ResultKind::Solutions, ResultKind::Graph, ResultKind::Dataset] {
        let _ = negotiate::choose(Some(&header), None, kind);
        let _ = negotiate::choose(None, Some(&header), kind);
        let _ = negotiate::format_param(&header, kind);
    }
    let _ = negotiate::wants_json_errors(Some(&header));
});
