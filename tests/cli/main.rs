//! One integration-test binary: every module drives the real `brock` binary (or an SDK client)
//! against the emulator over loopback.

mod agent;
mod assets;
mod bad_input;
mod chat;
mod common;
mod config;
mod dry_run;
mod embed;
mod emulator;
mod errors;
mod guardrail;
mod hardening;
mod hardening_sessions;
mod identity;
mod image;
mod invoke;
mod logs;
mod models;
mod parity;
mod raw;
mod readme;
mod reliability;
mod repl;
mod rerank;
mod secrets;
mod session;
mod tokens;
