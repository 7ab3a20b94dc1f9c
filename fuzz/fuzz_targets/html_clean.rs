//! The HTML tokenizer/text extraction and the text normaliser.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let doc = opgraph::input::html::parse_html(&text);
    let clean = opgraph::input::clean::normalize(&opgraph::input::clean::strip_boilerplate(&doc.text));
    // Normalising is idempotent.
    assert_eq!(opgraph::input::clean::normalize(&clean), clean);
    let _ = opgraph::input::clean::normalize(&text);
});
