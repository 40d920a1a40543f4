//! One integration-test binary: every module drives the real `brock` binary (or an SDK client)
//! against the emulator over loopback.

mod assets;
mod bad_input;
mod common;
mod chat;
mod config;
mod embed;
mod emulator;
mod errors;
mod image;
mod models;
mod raw;
mod rerank;
mod repl;
mod session;
mod readme;
mod reliability;
mod secrets;
