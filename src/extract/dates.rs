//! Date grammar (placeholder signatures; replaced by the text branch)
use crate::model::{Lang, PartialDate, Span};
#[derive(Debug, Clone, PartialEq)]
pub struct DateMention {
    pub span: Span,
    pub start: Option<PartialDate>,
    pub end: Option<PartialDate>,
    pub month_day: Option<(u32, Option<u32>)>,
    pub relative: bool,
    pub rule: &'static str,
}
pub fn find_dates(_text: &str, _lang: Lang, _anchor: Option<PartialDate>) -> Vec<DateMention> {
    Vec::new()
}
pub fn find_durations(_text: &str, _lang: Lang) -> Vec<(Span, u32)> {
    Vec::new()
}
