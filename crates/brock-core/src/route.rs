//! Model-spec routing: which API a chat request goes through (Converse, InvokeModel with a
//! family body, or a Converse-shaped proxy), the body for it, and the decoder for its answer.
//!
//! A model string may carry a route prefix, as in LiteLLM's Bedrock provider:
//!
//! | prefix | meaning |
//! |---|---|
//! | `converse/ID` | Converse / ConverseStream |
//! | `invoke/ID` | InvokeModel with the family body the id shows |
//! | `llama/ARN`, `deepseek_r1/ARN`, `qwen2/ARN`, `qwen3/ARN`, `openai/ARN` | InvokeModel with that body (imported models) |
//! | `converse_like/NAME` | Converse-shaped JSON to a proxy at `--api-base` |
//!
//! With `--route auto` (the default) Converse is used wherever the model has it, which is every
//! Bedrock-hosted family; the invoke route is taken for a family prefix, and an imported-model
//! ARN without one is refused, since its body cannot be guessed.

use std::fmt;
use std::str::FromStr;

use serde_json::Value;

use super::converse::{ChatResponse, StructuredOutput, Warning, parse_response, to_converse};
use super::error::{Error, Result};
use super::invoke::{InvokeDecoder, InvokeFamily, apply_usage_headers};
use super::model::{ArnResource, ModelFamily, ModelKind, ModelRef};
use super::request::ChatRequest;
use super::stream::{ConverseStreamDecoder, StreamEvent};

/// What the user asked for with `--route`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum RouteChoice {
    Converse,
    Invoke,
    #[default]
    Auto,
}

impl RouteChoice {
    pub fn as_str(self) -> &'static str {
        match self {
            RouteChoice::Converse => "converse",
            RouteChoice::Invoke => "invoke",
            RouteChoice::Auto => "auto",
        }
    }
}

impl FromStr for RouteChoice {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "converse" => Ok(RouteChoice::Converse),
            "invoke" => Ok(RouteChoice::Invoke),
            "auto" => Ok(RouteChoice::Auto),
            _ => Err(Error::invalid(format!(
                "invalid route '{s}': expected converse, invoke or auto"
            ))),
        }
    }
}

/// A route prefix of a model string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpecPrefix {
    Converse,
    Invoke,
    /// A family prefix (`llama/`, `qwen3/`, …): InvokeModel with that body.
    Family(InvokeFamily),
    ConverseLike,
}

/// The family prefixes, as written in model strings.
pub const FAMILY_PREFIXES: &[(&str, InvokeFamily)] = &[
    ("llama", InvokeFamily::Llama),
    ("deepseek_r1", InvokeFamily::DeepSeekR1Imported),
    ("qwen2", InvokeFamily::Qwen2),
    ("qwen3", InvokeFamily::Qwen3),
    ("openai", InvokeFamily::OpenAi),
];

/// A model string split into its route prefix and the id sent to Bedrock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelSpec {
    pub prefix: Option<SpecPrefix>,
    pub model_id: String,
}

/// Splits `invoke/…`, `converse/…`, `llama/…` etc. off a model string. `invoke/` may be
/// followed by a family prefix (`invoke/qwen3/ARN`).
pub fn parse_spec(s: &str) -> ModelSpec {
    let s = s.trim();
    let Some((head, rest)) = s.split_once('/') else {
        return ModelSpec {
            prefix: None,
            model_id: s.to_string(),
        };
    };
    let prefix = match head {
        "converse" => SpecPrefix::Converse,
        "invoke" => {
            let inner = parse_spec(rest);
            if let Some(SpecPrefix::Family(_)) = inner.prefix {
                return inner;
            }
            SpecPrefix::Invoke
        }
        "converse_like" => SpecPrefix::ConverseLike,
        other => match FAMILY_PREFIXES.iter().find(|(p, _)| *p == other) {
            Some((_, f)) => SpecPrefix::Family(*f),
            None => {
                return ModelSpec {
                    prefix: None,
                    model_id: s.to_string(),
                };
            }
        },
    };
    ModelSpec {
        prefix: Some(prefix),
        model_id: rest.to_string(),
    }
}

/// The API a request goes through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    Converse,
    Invoke(InvokeFamily),
    ConverseLike,
}

impl Route {
    pub fn as_str(self) -> &'static str {
        match self {
            Route::Converse => "converse",
            Route::Invoke(_) => "invoke",
            Route::ConverseLike => "converse_like",
        }
    }

    pub fn family(self) -> Option<InvokeFamily> {
        match self {
            Route::Invoke(f) => Some(f),
            _ => None,
        }
    }
}

impl fmt::Display for Route {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Route::Invoke(fam) => write!(f, "invoke ({fam})"),
            other => f.write_str(other.as_str()),
        }
    }
}

/// Decodes the answer of whichever route was planned.
#[derive(Debug)]
pub enum Decoder {
    Converse(ConverseStreamDecoder),
    Invoke(Box<InvokeDecoder>),
}

impl Decoder {
    /// One event of a streamed answer (`:event-type` and payload).
    pub fn decode_event(&mut self, event_type: &str, payload: &[u8]) -> Result<Vec<StreamEvent>> {
        match self {
            Decoder::Converse(d) => d.decode(event_type, payload),
            Decoder::Invoke(d) => d.decode(event_type, payload),
        }
    }

    /// A whole answer; `header` reads response headers (InvokeModel reports token counts and
    /// latency there).
    pub fn parse_whole(
        &self,
        body: &[u8],
        header: impl Fn(&str) -> Option<String>,
    ) -> Result<ChatResponse> {
        match self {
            Decoder::Converse(_) => parse_response(body),
            Decoder::Invoke(d) => {
                let mut resp = d.family().parse_whole(body)?;
                apply_usage_headers(&mut resp, header);
                Ok(resp)
            }
        }
    }
}

/// Everything needed to send one chat request and read its answer.
#[derive(Debug)]
pub struct Plan {
    pub route: Route,
    /// The last path segment: `converse`, `converse-stream`, `invoke`,
    /// `invoke-with-response-stream`.
    pub operation: &'static str,
    /// The id for the path, prefix removed.
    pub model_id: String,
    pub body: Value,
    /// Extra request headers (InvokeModel takes the guardrail and latency settings there).
    pub headers: Vec<(String, String)>,
    pub warnings: Vec<Warning>,
    pub structured: Option<StructuredOutput>,
    /// The answer may carry reasoning inline in `<think>` / `<reasoning>` tags.
    pub inline_think: bool,
    pub decoder: Decoder,
}

impl Plan {
    /// The AWS operation name, for `--dry-run`.
    pub fn api_operation(&self) -> &'static str {
        match self.operation {
            "converse" => "Converse",
            "converse-stream" => "ConverseStream",
            "invoke" => "InvokeModel",
            _ => "InvokeModelWithResponseStream",
        }
    }

    /// The path below the endpoint: `/model/{encoded id}/{operation}`; `encode` is the
    /// transport's path-label encoder.
    pub fn path(&self, encode: impl Fn(&str) -> String) -> String {
        format!("/model/{}/{}", encode(&self.model_id), self.operation)
    }
}

fn is_imported(model: &ModelRef) -> bool {
    matches!(model.kind(), ModelKind::Arn(arn) if matches!(
        arn.resource,
        ArnResource::ImportedModel | ArnResource::CustomModelDeployment
    ))
}

fn prefixes_list() -> String {
    FAMILY_PREFIXES
        .iter()
        .map(|(p, _)| format!("{p}/"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Chooses the route for `req` and builds the body. The request's model string may carry a
/// prefix (see the module doc); `choice` is `--route`.
pub fn plan(req: &ChatRequest, choice: RouteChoice, stream: bool) -> Result<Plan> {
    let spec = parse_spec(&req.model_id);
    let id = spec.model_id.clone();
    if id.is_empty() {
        return Err(Error::invalid(format!(
            "'{}' names no model after the route prefix",
            req.model_id
        )));
    }
    let conflict = |prefix: &str| {
        Error::invalid(format!(
            "the model '{}' asks for the {prefix} route but --route {} was given; drop one of them",
            req.model_id,
            choice.as_str()
        ))
    };
    let model = ModelRef::parse(&id)?;
    let mut inner = req.clone();
    inner.model_id = id.clone();
    let route = match spec.prefix {
        Some(SpecPrefix::ConverseLike) => {
            if choice == RouteChoice::Invoke {
                return Err(conflict("converse_like"));
            }
            Route::ConverseLike
        }
        Some(SpecPrefix::Converse) => {
            if choice == RouteChoice::Invoke {
                return Err(conflict("converse"));
            }
            Route::Converse
        }
        Some(SpecPrefix::Family(f)) => {
            inner.family_hint.get_or_insert(f.model_family());
            match choice {
                RouteChoice::Converse => Route::Converse,
                _ => Route::Invoke(f),
            }
        }
        Some(SpecPrefix::Invoke) | None => {
            let invoke = match (spec.prefix, choice) {
                (Some(SpecPrefix::Invoke), RouteChoice::Converse) => {
                    return Err(conflict("invoke"));
                }
                (Some(SpecPrefix::Invoke), _) | (_, RouteChoice::Invoke) => true,
                (_, RouteChoice::Converse) => false,
                (_, RouteChoice::Auto) => {
                    if is_imported(&model) {
                        return Err(Error::invalid(format!(
                            "'{id}' is an imported model, reached through InvokeModel with its own body: name its family with a prefix such as llama/{id} (prefixes: {}) or use --route converse",
                            prefixes_list()
                        )));
                    }
                    false
                }
            };
            if invoke {
                let base = model
                    .base_model_id()
                    .or(req.base_model_hint.as_deref())
                    .unwrap_or_default();
                let family = req
                    .family_hint
                    .unwrap_or_else(|| ModelFamily::from_model_id(base));
                let f = InvokeFamily::for_model(family, base).ok_or_else(|| {
                    Error::invalid(format!(
                        "brock cannot tell which InvokeModel body '{id}' takes: prefix it with a family ({}) or use --route converse",
                        prefixes_list()
                    ))
                })?;
                Route::Invoke(f)
            } else {
                Route::Converse
            }
        }
    };
    let caps = model.capabilities_with(inner.family_hint, inner.base_model_hint.as_deref());
    let converse = to_converse(&inner)?;
    Ok(match route {
        Route::Converse | Route::ConverseLike => Plan {
            route,
            operation: if stream {
                "converse-stream"
            } else {
                "converse"
            },
            model_id: id,
            body: converse.body,
            headers: Vec::new(),
            warnings: converse.warnings,
            structured: converse.structured,
            inline_think: caps.emits_inline_think(),
            decoder: Decoder::Converse(ConverseStreamDecoder::new()),
        },
        Route::Invoke(f) => {
            let ib = f.body_for(&converse, &id, stream)?;
            Plan {
                route,
                operation: if stream {
                    "invoke-with-response-stream"
                } else {
                    "invoke"
                },
                model_id: id,
                body: ib.body,
                headers: ib.headers,
                warnings: ib.warnings,
                structured: converse.structured,
                inline_think: f.inline_think() || caps.emits_inline_think(),
                decoder: Decoder::Invoke(Box::new(InvokeDecoder::new(f))),
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::message::Conversation;

    fn req(model: &str) -> ChatRequest {
        let mut c = Conversation::default();
        c.push_user_text("hi");
        ChatRequest::new(model, c)
    }

    const IMPORTED: &str = "arn:aws:bedrock:us-east-1:123456789012:imported-model/abcdefghijkl";

    #[test]
    fn prefixes() {
        let cases = [
            ("us.amazon.nova-lite-v1:0", None, "us.amazon.nova-lite-v1:0"),
            (
                "converse/us.amazon.nova-lite-v1:0",
                Some(SpecPrefix::Converse),
                "us.amazon.nova-lite-v1:0",
            ),
            (
                "invoke/anthropic.claude-3-haiku-20240307-v1:0",
                Some(SpecPrefix::Invoke),
                "anthropic.claude-3-haiku-20240307-v1:0",
            ),
            (
                "llama/arn:aws:bedrock:us-east-1:1:imported-model/x",
                Some(SpecPrefix::Family(InvokeFamily::Llama)),
                "arn:aws:bedrock:us-east-1:1:imported-model/x",
            ),
            (
                "invoke/qwen3/arn:x",
                Some(SpecPrefix::Family(InvokeFamily::Qwen3)),
                "arn:x",
            ),
            (
                "deepseek_r1/arn:x",
                Some(SpecPrefix::Family(InvokeFamily::DeepSeekR1Imported)),
                "arn:x",
            ),
            (
                "qwen2/a",
                Some(SpecPrefix::Family(InvokeFamily::Qwen2)),
                "a",
            ),
            (
                "openai/a",
                Some(SpecPrefix::Family(InvokeFamily::OpenAi)),
                "a",
            ),
            (
                "converse_like/my-proxy-model",
                Some(SpecPrefix::ConverseLike),
                "my-proxy-model",
            ),
            // An ARN is not a prefix even though it has slashes.
            (IMPORTED, None, IMPORTED),
        ];
        for (s, prefix, id) in cases {
            let spec = parse_spec(s);
            assert_eq!(spec.prefix, prefix, "{s}");
            assert_eq!(spec.model_id, id, "{s}");
        }
    }

    #[test]
    fn auto_prefers_converse() {
        for id in [
            "anthropic.claude-3-haiku-20240307-v1:0",
            "us.meta.llama3-3-70b-instruct-v1:0",
            "mistral.mistral-7b-instruct-v0:2",
            "cohere.command-r-v1:0",
            "ai21.jamba-1-5-mini-v1:0",
            "amazon.titan-text-express-v1",
            "us.deepseek.r1-v1:0",
            "openai.gpt-oss-20b-1:0",
            "qwen.qwen3-32b-v1:0",
            "moonshot.kimi-k2-thinking",
        ] {
            let p = plan(&req(id), RouteChoice::Auto, true).unwrap();
            assert_eq!(p.route, Route::Converse, "{id}");
            assert_eq!(p.operation, "converse-stream");
        }
        let p = plan(&req("moonshot.kimi-k2-thinking"), RouteChoice::Auto, false).unwrap();
        assert!(p.inline_think);
    }

    #[test]
    fn invoke_by_choice_prefix_and_family() {
        let cases = [
            (
                "anthropic.claude-3-haiku-20240307-v1:0",
                InvokeFamily::Anthropic,
            ),
            ("us.meta.llama3-3-70b-instruct-v1:0", InvokeFamily::Llama),
            (
                "mistral.mistral-7b-instruct-v0:2",
                InvokeFamily::MistralText,
            ),
            ("mistral.mistral-large-2407-v1:0", InvokeFamily::MistralChat),
            ("amazon.titan-text-express-v1", InvokeFamily::TitanText),
            ("us.amazon.nova-lite-v1:0", InvokeFamily::Nova),
            ("cohere.command-r-plus-v1:0", InvokeFamily::Cohere),
            ("ai21.jamba-1-5-large-v1:0", InvokeFamily::Ai21),
            ("us.deepseek.r1-v1:0", InvokeFamily::DeepSeek),
            ("openai.gpt-oss-120b-1:0", InvokeFamily::OpenAi),
            ("qwen.qwen3-32b-v1:0", InvokeFamily::OpenAi),
        ];
        for (id, fam) in cases {
            let p = plan(&req(id), RouteChoice::Invoke, false).unwrap();
            assert_eq!(p.route, Route::Invoke(fam), "{id}");
            assert_eq!(p.operation, "invoke");
            let p = plan(&req(&format!("invoke/{id}")), RouteChoice::Auto, true).unwrap();
            assert_eq!(p.route, Route::Invoke(fam), "{id}");
            assert_eq!(p.operation, "invoke-with-response-stream");
            assert_eq!(p.model_id, id);
        }
        for (prefix, fam) in FAMILY_PREFIXES {
            let p = plan(
                &req(&format!("{prefix}/{IMPORTED}")),
                RouteChoice::Auto,
                true,
            )
            .unwrap();
            assert_eq!(p.route, Route::Invoke(*fam));
            assert_eq!(p.model_id, IMPORTED);
            assert_eq!(
                p.path(|s| s.replace(':', "%3A").replace('/', "%2F")),
                "/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Aimported-model%2Fabcdefghijkl/invoke-with-response-stream"
            );
        }
    }

    #[test]
    fn refusals() {
        let e = plan(&req(IMPORTED), RouteChoice::Auto, false)
            .unwrap_err()
            .to_string();
        assert!(e.contains("imported model") && e.contains("llama/"), "{e}");
        assert!(!e.contains('\n'));
        let e = plan(&req(IMPORTED), RouteChoice::Invoke, false)
            .unwrap_err()
            .to_string();
        assert!(e.contains("cannot tell which InvokeModel body"), "{e}");
        // Converse on an imported model is the user's call.
        assert_eq!(
            plan(&req(IMPORTED), RouteChoice::Converse, false)
                .unwrap()
                .route,
            Route::Converse
        );
        let e = plan(
            &req("converse/us.amazon.nova-lite-v1:0"),
            RouteChoice::Invoke,
            false,
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("asks for the converse route"), "{e}");
        let e = plan(
            &req("invoke/us.amazon.nova-lite-v1:0"),
            RouteChoice::Converse,
            false,
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("asks for the invoke route"), "{e}");
        assert!(plan(&req("invoke/"), RouteChoice::Auto, false).is_err());
        assert!("sideways".parse::<RouteChoice>().is_err());
        let e = plan(&req("writer.palmyra-x4-v1:0"), RouteChoice::Invoke, false)
            .unwrap_err()
            .to_string();
        assert!(e.contains("cannot tell"), "{e}");
    }

    #[test]
    fn converse_like_keeps_the_converse_body() {
        let p = plan(
            &req("converse_like/internal-claude"),
            RouteChoice::Auto,
            true,
        )
        .unwrap();
        assert_eq!(p.route, Route::ConverseLike);
        assert_eq!(p.model_id, "internal-claude");
        assert_eq!(p.operation, "converse-stream");
        assert_eq!(p.body["messages"][0]["content"][0]["text"], "hi");
    }
}
