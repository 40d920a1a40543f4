//! One integration-test binary: every module drives the real `brock` binary (or an SDK client)
//! against the emulator over loopback.

mod assets;
mod common;
mod chat;
mod config;
mod emulator;
mod errors;
mod models;
mod raw;
mod readme;
mod secrets;
