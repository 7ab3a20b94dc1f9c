//! Date grammar (in progress)
