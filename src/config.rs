//! Settings resolution.
