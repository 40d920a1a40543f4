//! One integration-test binary: every module drives the real `brock` binary (or an SDK client)
//! against the emulator over loopback.

// Tests report what they saw with println!/eprintln!; the crate's print lints are for the program.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod agent;
mod aliases;
mod assets;
mod bad_input;
mod batch;
mod chat;
mod common;
mod completion_values;
mod config;
mod dry_run;
mod embed;
mod emulator;
mod engine;
mod errors;
mod everyday;
mod flow;
mod guardrail;
mod hardening;
mod hardening_sessions;
mod help;
mod identity;
mod image;
mod invoke;
mod logs;
mod models;
mod output;
mod parity;
mod pg;
mod raw;
mod readme;
mod reliability;
mod render;
mod repl;
mod rerank;
mod roles;
mod secrets;
mod serve;
mod serve_keys;
mod serve_messages;
mod serve_responses;
mod session;
mod tokens;
mod translation;
mod transport;
