//! AWS access.
