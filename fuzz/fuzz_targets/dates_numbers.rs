//! The date and count grammars: no panic, spans inside the text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use opgraph::model::{Lang, PartialDate};

fuzz_target!(|data: &[u8]| {
    let Some((&sel, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let lang = [Lang::En, Lang::Nl, Lang::Fr, Lang::De, Lang::Es, Lang::Other][usize::from(sel % 6)];
    let anchor = (sel & 0x80 != 0).then_some(PartialDate::Day(2019, 11, 25));
    let dates = opgraph::extract::dates::find_dates(text, lang, anchor);
    for d in &dates {
        assert!(d.span.start <= d.span.end && d.span.end <= text.len());
        assert!(text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end));
    }
    let exclude: Vec<_> = dates.iter().map(|d| d.span).collect();
    for c in opgraph::extract::numbers::find_counts(text, lang, &exclude) {
        assert!(c.span.start <= c.span.end && c.span.end <= text.len());
    }
    let _ = opgraph::extract::dates::find_durations(text, lang);
});
