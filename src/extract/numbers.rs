//! Number and count grammar (in progress)
