//! The extractor over arbitrary UTF-8: no panic, evidence points into the text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use opgraph::extract::Extractor;
use opgraph::model::Lang;

fn extractor() -> &'static Extractor {
    static X: std::sync::OnceLock<Extractor> = std::sync::OnceLock::new();
    X.get_or_init(|| Extractor::builtin().expect("built-in gazetteer"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    // The first byte picks the declared language (or detection).
    let lang = match data.first().map(|b| b % 6) {
        Some(0) => Some(Lang::En),
        Some(1) => Some(Lang::Nl),
        Some(2) => Some(Lang::Fr),
        Some(3) => Some(Lang::De),
        Some(4) => Some(Lang::Es),
        _ => None,
    };
    let report = opgraph::input::report_from_str("fuzz.txt", text, lang, None);
    let x = extractor().extract(report);
    let len = x.report.text.len();
    let n = x.sentences.len();
    for op in &x.operations {
        for e in std::iter::once(&op.trigger)
            .chain(op.date_evidence.as_ref())
            .chain(op.roles.iter().map(|r| &r.evidence))
            .chain(op.counts.iter().map(|c| &c.evidence))
        {
            assert!(e.sentence < n, "evidence sentence {} of {n}", e.sentence);
            assert!(
                e.span.start <= e.span.end && e.span.end <= len,
                "span {:?} of {len}",
                e.span
            );
        }
    }
});
