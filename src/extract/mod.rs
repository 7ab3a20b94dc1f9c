//! Extraction: a [`crate::model::Report`] becomes an [`crate::model::Extraction`].

pub mod dates;
pub mod numbers;
