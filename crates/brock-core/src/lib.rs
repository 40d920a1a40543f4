//! The translation core: canonical conversation types and their mappings to and from Bedrock
//! (Converse) and OpenAI-format JSON. Pure: no network, no terminal, no file reads; callers
//! pass bytes in and get values out.
//!
//! - [`message`]: the canonical conversation (also the session file format);
//! - [`model`]: model ids, families and what each accepts;
//! - [`request`]: [`ChatRequest`] and its validation;
//! - [`converse`]: request body and response parsing for Converse / ConverseStream;
//! - [`stream`]: [`StreamEvent`], the ConverseStream decoder and the [`Accumulator`];
//! - [`think`]: inline `<think>` reasoning turned into reasoning events;
//! - [`openai`]: chat.completions in and out; [`anthropic_api`]: Anthropic Messages in and out;
//! - [`attach`]: attachments from file bytes; [`tools`]: tools files;
//! - [`embed`], [`image`], [`rerank`]: InvokeModel / Rerank bodies and answers for embedding,
//!   image and rerank models.

pub mod agent;
pub mod anthropic_api;
pub mod attach;
pub mod converse;
pub mod embed;
pub mod error;
pub mod image;
pub mod invoke;
pub mod message;
pub mod model;
pub mod openai;
pub mod request;
pub mod rerank;
pub mod route;
pub mod stream;
pub mod think;
pub mod tools;

pub use converse::{
    ChatResponse, ConverseRequest, StopReason, StructuredOutput, Usage, Warning, parse_response,
    take_structured_answer, to_converse, to_count_tokens,
};
pub use error::{Error, Result};
pub use message::{
    Conversation, DocumentFormat, ImageFormat, Message, Part, Role, Source, SystemPart, ToolChoice,
    ToolResultContent, ToolSpec, ToolStatus, VideoFormat,
};
pub use model::{Capabilities, ModelFamily, ModelRef};
pub use request::{ChatRequest, InferenceParams, JsonSchema, ReasoningLevel};
pub use stream::{Accumulator, ConverseStreamDecoder, StreamEvent};
pub use think::{InlineThinkSplitter, ThinkExtractor};

#[cfg(test)]
mod robustness;
#[cfg(test)]
mod testutil;
