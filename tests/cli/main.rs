//! One integration-test binary: every module drives the real `brock` binary (or an SDK client)
//! against the emulator over loopback.

mod common;
mod config;
mod emulator;
mod errors;
mod models;
mod raw;
