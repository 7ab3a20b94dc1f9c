//! Numbers (placeholder signatures; replaced by the text branch)
use crate::model::{Lang, Qualifier, Span};
#[derive(Debug, Clone, PartialEq)]
pub struct CountMention {
    pub span: Span,
    pub value: f64,
    pub qualifier: Qualifier,
    pub unit: Option<String>,
    pub unit_span: Option<Span>,
    pub rule: &'static str,
}
pub fn find_counts(_text: &str, _lang: Lang, _exclude: &[Span]) -> Vec<CountMention> {
    Vec::new()
}
