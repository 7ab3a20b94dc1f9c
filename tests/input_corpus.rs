//! Runs the text stages over the real corpus (when `../shared/corpus` is present) and
//! over arbitrary input (proptest): no panic, spans valid and ordered.

use std::path::Path;

use opgraph::extract::{dates, numbers};
use opgraph::input::{self, decode, html, segment, Limits};
use opgraph::model::{Lang, Span};
use proptest::prelude::*;

fn check_spans(text: &str, spans: &[Span], what: &str) {
    let mut last = 0;
    for s in spans {
        assert!(s.start <= s.end && s.end <= text.len(), "{what}: {s:?} out of range");
        assert!(
            text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
            "{what}: {s:?} not on char boundary"
        );
        assert!(s.start >= last, "{what}: {s:?} out of order");
        last = s.end;
    }
}

fn run_all(text: &str, lang: Lang) {
    let sents = segment::sentences(text);
    check_spans(text, &sents, "sentences");
    for s in &sents {
        assert!(!s.slice(text).trim().is_empty());
        assert_eq!(s.slice(text), s.slice(text).trim());
    }
    check_spans(text, &segment::paragraphs(text), "paragraphs");
    let ds = dates::find_dates(text, lang, None);
    check_spans(text, &ds.iter().map(|d| d.span).collect::<Vec<_>>(), "dates");
    let ex: Vec<Span> = ds.iter().map(|d| d.span).collect();
    let cs = numbers::find_counts(text, lang, &ex);
    check_spans(text, &cs.iter().map(|c| c.span).collect::<Vec<_>>(), "counts");
    for c in &cs {
        assert!(c.value.is_finite());
        // dates are sorted and disjoint: only the neighbours can overlap
        let k = ex.partition_point(|e| e.end <= c.span.start);
        assert!(
            !ex.get(k).is_some_and(|e| e.overlaps(c.span)),
            "count inside a date: {c:?}"
        );
        if let Some(u) = c.unit_span {
            check_spans(text, &[u], "unit");
        }
    }
    check_spans(
        text,
        &dates::find_durations(text, lang)
            .iter()
            .map(|d| d.0)
            .collect::<Vec<_>>(),
        "durations",
    );
}

#[test]
fn corpus_runs_clean() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if !root.exists() {
        return;
    }
    let d = input::discover(&[root]);
    let (reports, rejected) = input::load_all(&d, &Limits::default());
    assert!(rejected.is_empty(), "{rejected:?}");
    let mut total_dates = 0;
    let mut total_counts = 0;
    for r in &reports {
        run_all(&r.text, r.language);
        total_dates += dates::find_dates(&r.text, r.language, r.published).len();
        total_counts += numbers::find_counts(&r.text, r.language, &[]).len();
        assert!(segment::sentences(&r.text).len() >= 3, "{}", r.id);
    }
    // every report of this corpus tells when and how much: the grammars must find plenty
    assert!(total_dates >= reports.len(), "{total_dates} dates");
    assert!(total_counts >= reports.len(), "{total_counts} counts");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn arbitrary_text_never_panics(s in "\\PC{0,300}", lang in 0usize..6) {
        let lang = [Lang::En, Lang::Nl, Lang::Fr, Lang::De, Lang::Es, Lang::Other][lang];
        run_all(&s, lang);
        let _ = html::parse_html(&s);
        let _ = input::clean::normalize(&s);
        let _ = input::clean::strip_boilerplate(&s);
        let _ = input::lang::detect(&s);
    }

    #[test]
    fn date_and_number_like_text_never_panics(s in "([0-9]{1,4}[ ./,:-]?|(May|mai|März|de|and|to|bis|au|el|on|Wednesday|yesterday|more than|million|€|\\$|%| |\\.|\\n)){0,40}", lang in 0usize..6) {
        let lang = [Lang::En, Lang::Nl, Lang::Fr, Lang::De, Lang::Es, Lang::Other][lang];
        run_all(&s, lang);
        let _ = numbers::parse_number(&s, lang);
    }

    #[test]
    fn arbitrary_bytes_decode(b in proptest::collection::vec(any::<u8>(), 0..400)) {
        if let Ok(d) = decode::decode(&b) {
            prop_assert!(!d.text.trim().is_empty());
        }
    }

    #[test]
    fn arbitrary_html_parses(s in "(<[a-z]{1,6}( [a-z]+=\"[^\"]{0,8}\")?>|</[a-z]{1,6}>|&[a-z#0-9]{1,6};|[^<&]{0,10}){0,60}") {
        let doc = html::parse_html(&s);
        prop_assert!(!doc.text.starts_with(char::is_whitespace));
    }
}

#[test]
fn pathological_inputs_are_bounded() {
    let t0 = std::time::Instant::now();
    let line = "More than 26,000 items on 21 November 2019 and Mr. X. ".repeat(200_000); // ~10 MB, one line
    run_all(&line, Lang::En);
    let nested = "<div>".repeat(10_000) + "x" + &"</div>".repeat(10_000);
    assert_eq!(html::parse_html(&nested).text, "x");
    assert!(t0.elapsed().as_secs() < 120, "took {:?}", t0.elapsed());
}
