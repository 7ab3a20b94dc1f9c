//! Bytes → decode → report → extraction, as a file would go (text or HTML).
#![no_main]

use libfuzzer_sys::fuzz_target;
use opgraph::extract::Extractor;
use opgraph::model::InputFormat;

fn extractor() -> &'static Extractor {
    static X: std::sync::OnceLock<Extractor> = std::sync::OnceLock::new();
    X.get_or_init(|| Extractor::builtin().expect("built-in gazetteer"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(decoded) = opgraph::input::decode::decode(data) else {
        return;
    };
    let format = if data.first().is_some_and(|b| b & 1 == 1) {
        InputFormat::Html
    } else {
        InputFormat::Text
    };
    let report = opgraph::input::make_report("fuzz", "fuzz", data, decoded.text, decoded.encoding, format, None);
    let x = extractor().extract(report);
    for s in &x.sentences {
        assert!(s.end <= x.report.text.len());
    }
});
