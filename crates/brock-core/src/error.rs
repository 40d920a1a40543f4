//! The one error type of the core. Every message is a single line written for the person at the
//! terminal, so callers can print it as is and only add context (which file, which flag).

/// Everything the core refuses or cannot read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// A request that cannot be sent as asked (bad value, conflicting options, empty prompt).
    #[error("{0}")]
    Invalid(String),
    /// A `--param KEY=JSON` argument that cannot be used.
    #[error("invalid --param '{arg}': {reason}")]
    Param { arg: String, reason: String },
    /// A file given as an attachment.
    #[error("{name}: {reason}")]
    Attachment { name: String, reason: String },
    /// One entry of a tools file; `index` is its position in the `tools` array.
    #[error("tools file: tools[{index}]: {reason}")]
    Tool { index: usize, reason: String },
    /// A tools file as a whole (not JSON, wrong top-level shape).
    #[error("tools file: {0}")]
    ToolsFile(String),
    /// An OpenAI-format request that cannot be mapped.
    #[error("OpenAI request: {0}")]
    OpenAi(String),
    /// A response or stream event from Bedrock that does not have the documented shape.
    #[error("unexpected response from Bedrock: {0}")]
    Response(String),
}

impl Error {
    pub(crate) fn invalid(msg: impl Into<String>) -> Self {
        Error::Invalid(msg.into())
    }

    pub(crate) fn response(msg: impl Into<String>) -> Self {
        Error::Response(msg.into())
    }

    /// True when the input we were given is at fault (a usage error), false when the service
    /// sent something we could not read (a protocol error). Callers map these to exit codes.
    pub fn is_input_error(&self) -> bool {
        !matches!(self, Error::Response(_))
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_one_line_and_classified() {
        let e = Error::Tool {
            index: 2,
            reason: "name is empty".into(),
        };
        assert_eq!(e.to_string(), "tools file: tools[2]: name is empty");
        assert!(e.is_input_error());
        let e = Error::response("metadata event without usage");
        assert_eq!(
            e.to_string(),
            "unexpected response from Bedrock: metadata event without usage"
        );
        assert!(!e.is_input_error());
    }
}
