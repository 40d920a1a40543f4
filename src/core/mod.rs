//! The translation core: canonical conversation types and their mappings to and from Bedrock
//! (Converse, Invoke families) and OpenAI-format JSON. Pure: no network, no terminal.

pub mod attach;
pub mod converse;
pub mod error;
pub mod message;
pub mod model;
pub mod openai;
pub mod request;
pub mod stream;
pub mod think;
pub mod tools;

#[cfg(test)]
mod testutil;
