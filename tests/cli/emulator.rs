//! Emulator wire-protocol tests: the real AWS SDK clients (not brock's own code) against the
//! emulator, so the emulator's bytes are judged by an independent implementation.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use aws_sdk_bedrockruntime::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_bedrockruntime::primitives::Blob;
use aws_sdk_bedrockruntime::types::{
    ContentBlock, ContentBlockDelta, ContentBlockStart, ConversationRole, ConverseStreamOutput,
    InferenceConfiguration, Message, ReasoningContentBlock, ReasoningContentBlockDelta,
    ReasoningTextBlock, StopReason, Tool, ToolChoice, ToolConfiguration, ToolInputSchema,
    ToolResultBlock, ToolResultContentBlock, ToolSpecification, ToolUseBlock,
};
use aws_smithy_types::Document;
use brock_emulator::{
    BackgroundEmulator, DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY, EmulatorOptions, SCENARIO_HEADER,
};

const NOVA: &str = "us.amazon.nova-micro-v1:0";
const CLAUDE: &str = "us.anthropic.claude-sonnet-4-20250514-v1:0";
const FIXTURES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/recorded/converse"
);

fn emulator() -> BackgroundEmulator {
    BackgroundEmulator::start(EmulatorOptions::default()).expect("emulator starts")
}

/// A runtime client built explicitly: static keys, no credential chain, no IMDS, no retries.
fn runtime(url: &str, secret: &str, attempts: u32) -> aws_sdk_bedrockruntime::Client {
    let config = aws_sdk_bedrockruntime::Config::builder()
        .behavior_version(aws_sdk_bedrockruntime::config::BehaviorVersion::latest())
        .region(aws_sdk_bedrockruntime::config::Region::new("us-east-1"))
        .credentials_provider(aws_sdk_bedrockruntime::config::Credentials::new(
            DEFAULT_ACCESS_KEY,
            secret,
            None,
            None,
            "emulator-test",
        ))
        .endpoint_url(url)
        .retry_config(
            aws_sdk_bedrockruntime::config::retry::RetryConfig::standard()
                .with_max_attempts(attempts)
                .with_initial_backoff(Duration::from_millis(10)),
        )
        .build();
    aws_sdk_bedrockruntime::Client::from_conf(config)
}

fn client(url: &str) -> aws_sdk_bedrockruntime::Client {
    runtime(url, DEFAULT_SECRET_KEY, 1)
}

fn control(url: &str) -> aws_sdk_bedrock::Client {
    let config = aws_sdk_bedrock::Config::builder()
        .behavior_version(aws_sdk_bedrock::config::BehaviorVersion::latest())
        .region(aws_sdk_bedrock::config::Region::new("us-east-1"))
        .credentials_provider(aws_sdk_bedrock::config::Credentials::new(
            DEFAULT_ACCESS_KEY,
            DEFAULT_SECRET_KEY,
            None,
            None,
            "emulator-test",
        ))
        .endpoint_url(url)
        .build();
    aws_sdk_bedrock::Client::from_conf(config)
}

fn user(text: &str) -> Message {
    Message::builder()
        .role(ConversationRole::User)
        .content(ContentBlock::Text(text.into()))
        .build()
        .unwrap()
}

fn weather_tools() -> ToolConfiguration {
    let schema: Document = Document::Object(
        [
            ("type".to_string(), Document::String("object".into())),
            (
                "properties".to_string(),
                Document::Object(
                    [(
                        "city".to_string(),
                        Document::Object(
                            [("type".to_string(), Document::String("string".into()))].into(),
                        ),
                    )]
                    .into(),
                ),
            ),
            (
                "required".to_string(),
                Document::Array(vec![Document::String("city".into())]),
            ),
        ]
        .into(),
    );
    ToolConfiguration::builder()
        .tools(Tool::ToolSpec(
            ToolSpecification::builder()
                .name("get_weather")
                .description("Weather in a city")
                .input_schema(ToolInputSchema::Json(schema))
                .build()
                .unwrap(),
        ))
        .build()
        .unwrap()
}

#[derive(Debug, Default)]
struct Streamed {
    text: String,
    reasoning: String,
    signature: Option<String>,
    tool_uses: Vec<(String, String, String)>,
    stop: Option<StopReason>,
    output_tokens: Option<i32>,
    events: Vec<&'static str>,
}

type StreamError = SdkError<
    aws_sdk_bedrockruntime::types::error::ConverseStreamOutputError,
    aws_smithy_types::event_stream::RawMessage,
>;

async fn drain(
    mut out: aws_sdk_bedrockruntime::operation::converse_stream::ConverseStreamOutput,
) -> Result<Streamed, (Streamed, StreamError)> {
    let mut s = Streamed::default();
    loop {
        let event = match out.stream.recv().await {
            Ok(Some(e)) => e,
            Ok(None) => return Ok(s),
            Err(e) => return Err((s, e)),
        };
        match event {
            ConverseStreamOutput::MessageStart(_) => s.events.push("messageStart"),
            ConverseStreamOutput::ContentBlockStart(e) => {
                s.events.push("contentBlockStart");
                if let Some(ContentBlockStart::ToolUse(t)) = e.start() {
                    s.tool_uses
                        .push((t.tool_use_id().into(), t.name().into(), String::new()));
                }
            }
            ConverseStreamOutput::ContentBlockDelta(e) => {
                s.events.push("contentBlockDelta");
                match e.delta() {
                    Some(ContentBlockDelta::Text(t)) => s.text.push_str(t),
                    Some(ContentBlockDelta::ReasoningContent(r)) => match r {
                        ReasoningContentBlockDelta::Text(t) => s.reasoning.push_str(t),
                        ReasoningContentBlockDelta::Signature(sig) => {
                            s.signature = Some(sig.clone())
                        }
                        _ => {}
                    },
                    Some(ContentBlockDelta::ToolUse(t)) => {
                        if let Some(last) = s.tool_uses.last_mut() {
                            last.2.push_str(t.input());
                        }
                    }
                    _ => {}
                }
            }
            ConverseStreamOutput::ContentBlockStop(_) => s.events.push("contentBlockStop"),
            ConverseStreamOutput::MessageStop(e) => {
                s.events.push("messageStop");
                s.stop = Some(e.stop_reason().clone());
            }
            ConverseStreamOutput::Metadata(m) => {
                s.events.push("metadata");
                s.output_tokens = m.usage().map(|u| u.output_tokens());
            }
            _ => s.events.push("other"),
        }
    }
}

#[tokio::test]
async fn converse_answers_by_the_documented_rule() {
    let emu = emulator();
    let out = client(&emu.url())
        .converse()
        .model_id(NOVA)
        .messages(user("hello there"))
        .send()
        .await
        .unwrap();
    let msg = out.output().unwrap().as_message().unwrap();
    assert_eq!(
        msg.content()[0].as_text().unwrap(),
        "Hello from the brock emulator (us.amazon.nova-micro-v1:0). You said: hello there"
    );
    assert_eq!(out.stop_reason(), &StopReason::EndTurn);
    let usage = out.usage().unwrap();
    assert_eq!(usage.output_tokens(), 10);
    assert!(usage.input_tokens() >= 1);
}

#[tokio::test]
async fn converse_stream_decodes_in_the_sdk() {
    let emu = emulator();
    let out = client(&emu.url())
        .converse_stream()
        .model_id(NOVA)
        .messages(user("stream [[tokens=25]]"))
        .inference_config(InferenceConfiguration::builder().max_tokens(20).build())
        .send()
        .await
        .unwrap();
    let s = drain(out).await.unwrap();
    assert_eq!(s.text.split_whitespace().count(), 20);
    assert_eq!(s.stop, Some(StopReason::MaxTokens));
    assert_eq!(s.output_tokens, Some(20));
    assert_eq!(s.events.first(), Some(&"messageStart"));
    assert_eq!(
        &s.events[s.events.len() - 3..],
        ["contentBlockStop", "messageStop", "metadata"]
    );
    assert_eq!(
        s.events
            .iter()
            .filter(|e| **e == "contentBlockDelta")
            .count(),
        20
    );
}

fn thinking() -> Document {
    Document::Object(
        [(
            "thinking".to_string(),
            Document::Object(
                [
                    ("type".to_string(), Document::String("enabled".into())),
                    (
                        "budget_tokens".to_string(),
                        Document::Number(aws_smithy_types::Number::PosInt(1024)),
                    ),
                ]
                .into(),
            ),
        )]
        .into(),
    )
}

#[tokio::test]
async fn reasoning_is_signed_and_must_come_back_intact() {
    let emu = emulator();
    let c = client(&emu.url());
    let out = c
        .converse_stream()
        .model_id(CLAUDE)
        .messages(user("think about it"))
        .additional_model_request_fields(thinking())
        .send()
        .await
        .unwrap();
    let s = drain(out).await.unwrap();
    assert!(s.reasoning.starts_with("The user said: think about it"));
    let signature = s.signature.clone().expect("a signature delta");

    let turn = |sig: &str| {
        Message::builder()
            .role(ConversationRole::Assistant)
            .content(ContentBlock::ReasoningContent(
                ReasoningContentBlock::ReasoningText(
                    ReasoningTextBlock::builder()
                        .text(&s.reasoning)
                        .signature(sig)
                        .build()
                        .unwrap(),
                ),
            ))
            .content(ContentBlock::Text(s.text.clone()))
            .build()
            .unwrap()
    };
    let ok = c
        .converse()
        .model_id(CLAUDE)
        .messages(user("think about it"))
        .messages(turn(&signature))
        .messages(user("and again"))
        .additional_model_request_fields(thinking())
        .send()
        .await
        .unwrap();
    let content = ok.output().unwrap().as_message().unwrap().content();
    let ContentBlock::ReasoningContent(ReasoningContentBlock::ReasoningText(r)) = &content[0]
    else {
        panic!("reasoning first: {content:?}");
    };
    assert!(r.signature().is_some());

    let err = c
        .converse()
        .model_id(CLAUDE)
        .messages(user("think about it"))
        .messages(turn("forged"))
        .messages(user("and again"))
        .send()
        .await
        .unwrap_err();
    let e = err.into_service_error();
    assert!(e.is_validation_exception());
    assert_eq!(
        e.message(),
        Some(
            "The model returned the following errors: messages.1.content.0: Invalid `signature` in `thinking` block"
        )
    );
}

#[tokio::test]
async fn tool_use_round_trip() {
    let emu = emulator();
    let c = client(&emu.url());
    let out = c
        .converse_stream()
        .model_id(NOVA)
        .messages(user("please call get_weather for Paris"))
        .tool_config(weather_tools())
        .send()
        .await
        .unwrap();
    let s = drain(out).await.unwrap();
    assert_eq!(s.stop, Some(StopReason::ToolUse));
    let (id, name, input) = &s.tool_uses[0];
    assert_eq!(name, "get_weather");
    assert!(id.starts_with("tooluse_") && id.len() == 30);
    assert_eq!(input, r#"{"city":"example"}"#);

    let out = c
        .converse()
        .model_id(NOVA)
        .messages(user("please call get_weather for Paris"))
        .messages(
            Message::builder()
                .role(ConversationRole::Assistant)
                .content(ContentBlock::ToolUse(
                    ToolUseBlock::builder()
                        .tool_use_id(id)
                        .name(name)
                        .input(Document::Object(
                            [("city".to_string(), Document::String("example".into()))].into(),
                        ))
                        .build()
                        .unwrap(),
                ))
                .build()
                .unwrap(),
        )
        .messages(
            Message::builder()
                .role(ConversationRole::User)
                .content(ContentBlock::ToolResult(
                    ToolResultBlock::builder()
                        .tool_use_id(id)
                        .content(ToolResultContentBlock::Text("21 degrees".into()))
                        .build()
                        .unwrap(),
                ))
                .build()
                .unwrap(),
        )
        .tool_config(weather_tools())
        .send()
        .await
        .unwrap();
    let msg = out.output().unwrap().as_message().unwrap();
    assert_eq!(
        msg.content()[0].as_text().unwrap(),
        "The tool returned: 21 degrees"
    );

    // Forced tool choice without a mention still calls the tool.
    let out = c
        .converse()
        .model_id(NOVA)
        .messages(user("anything"))
        .tool_config(
            ToolConfiguration::builder()
                .set_tools(Some(weather_tools().tools().to_vec()))
                .tool_choice(ToolChoice::Any(
                    aws_sdk_bedrockruntime::types::AnyToolChoice::builder().build(),
                ))
                .build()
                .unwrap(),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(out.stop_reason(), &StopReason::ToolUse);
}

#[tokio::test]
async fn a_wrong_secret_is_an_invalid_signature() {
    let emu = emulator();
    let err = runtime(&emu.url(), "not-the-secret", 1)
        .converse()
        .model_id(NOVA)
        .messages(user("hi"))
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some("InvalidSignatureException"));
    assert_eq!(
        err.message(),
        Some(
            "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details."
        )
    );
    assert_eq!(err.raw_response().map(|r| r.status().as_u16()), Some(403));
}

/// A client signing for another region than the emulator's is refused the way a regional
/// AWS endpoint refuses it; the same client in the emulator's region is served.
#[tokio::test]
async fn a_credential_for_another_region_is_refused() {
    let emu = BackgroundEmulator::start(EmulatorOptions {
        region: "eu-central-1".into(),
        ..Default::default()
    })
    .expect("emulator starts");
    let in_region = |region: &'static str| {
        let config = aws_sdk_bedrockruntime::Config::builder()
            .behavior_version(aws_sdk_bedrockruntime::config::BehaviorVersion::latest())
            .region(aws_sdk_bedrockruntime::config::Region::new(region))
            .credentials_provider(aws_sdk_bedrockruntime::config::Credentials::new(
                DEFAULT_ACCESS_KEY,
                DEFAULT_SECRET_KEY,
                None,
                None,
                "emulator-test",
            ))
            .endpoint_url(emu.url())
            .build();
        aws_sdk_bedrockruntime::Client::from_conf(config)
    };
    let err = in_region("us-east-1")
        .converse()
        .model_id(NOVA)
        .messages(user("hi"))
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some("InvalidSignatureException"));
    assert_eq!(
        err.message(),
        Some("Credential should be scoped to a valid region, not 'us-east-1'. ")
    );
    assert_eq!(err.raw_response().map(|r| r.status().as_u16()), Some(403));
    let ok = in_region("eu-central-1")
        .converse()
        .model_id(NOVA)
        .messages(user("hi"))
        .send()
        .await;
    assert!(ok.is_ok(), "{ok:?}");
}

/// A request signed for another service is refused as AWS refuses it, before the signature
/// is compared (the message quoted in aws/aws-sdk-ruby#431 and cllunsford/aws-signing-proxy#25).
#[tokio::test]
async fn a_credential_for_another_service_is_refused() {
    use http_body_util::BodyExt;
    let emu = emulator();
    let body = r#"{"messages":[{"role":"user","content":[{"text":"hi"}]}]}"#;
    for (service, expected) in [
        // Not s3: an s3-scoped request is the emulated S3's, on the same port.
        (
            "lambda",
            Some("Credential should be scoped to correct service: 'bedrock'. "),
        ),
        ("bedrock", None),
    ] {
        let resp = crate::common::signed_post(
            &emu,
            "us-east-1",
            service,
            "/model/us.amazon.nova-micro-v1%3A0/converse",
            "application/json",
            body.as_bytes(),
        )
        .await;
        let status = resp.status().as_u16();
        let error_type = resp
            .headers()
            .get("x-amzn-errortype")
            .map(|v| v.to_str().unwrap().to_string());
        let bytes = resp.into_body().collect().await.unwrap().to_bytes();
        let json: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        match expected {
            Some(message) => {
                assert_eq!(status, 403);
                assert!(
                    error_type.is_some_and(|t| t.starts_with("InvalidSignatureException:")),
                    "{json}"
                );
                assert_eq!(json["message"], message);
            }
            None => assert_eq!(status, 200, "{json}"),
        }
    }
}

const KIMI: &str = "moonshot.kimi-k2-thinking";

/// Kimi K2 answers the recorded way: reasoning inline as `<think>…</think>` in the text
/// (tests/fixtures/recorded/converse-chunks), no reasoningContent block; a tool call keeps a
/// reasoningContent block and Kimi's `functions.NAME:N` ids (converse/test_bedrock_moonshotai_tool_call.yaml).
#[tokio::test]
async fn kimi_reasons_inline_in_think_tags_as_recorded() {
    let emu = emulator();
    let out = client(&emu.url())
        .converse_stream()
        .model_id(KIMI)
        .messages(user("hi"))
        .send()
        .await
        .unwrap();
    let s = drain(out).await.unwrap();
    assert!(s.reasoning.is_empty(), "{s:?}");
    assert!(
        s.text.starts_with(" <think> The user said: hi.")
            && s.text.ends_with(
                " </think> Hello from the brock emulator (moonshot.kimi-k2-thinking). You said: hi"
            ),
        "{:?}",
        s.text
    );

    let out = client(&emu.url())
        .converse()
        .model_id(KIMI)
        .messages(user("hi"))
        .send()
        .await
        .unwrap();
    let content = out.output().unwrap().as_message().unwrap().content();
    assert_eq!(content.len(), 1, "{content:?}");
    assert!(
        content[0]
            .as_text()
            .unwrap()
            .contains("</think> Hello from")
    );

    let out = client(&emu.url())
        .converse()
        .model_id(KIMI)
        .messages(user("use get_weather for Paris"))
        .tool_config(weather_tools())
        .send()
        .await
        .unwrap();
    let content = out.output().unwrap().as_message().unwrap().content();
    assert!(content[0].is_reasoning_content(), "{content:?}");
    let tool_use = content[1].as_tool_use().unwrap();
    assert_eq!(
        tool_use.tool_use_id(),
        format!("functions.{}:0", tool_use.name())
    );
}

/// The client's think-tag path end to end: `brock --mock chat` with Kimi shows the inline
/// reasoning on stderr and only the answer on stdout.
#[test]
fn brock_mock_chat_with_kimi_splits_reasoning_from_the_answer() {
    let home = tempfile::tempdir().unwrap();
    for extra in [&[][..], &["--no-stream"][..]] {
        let out = crate::common::bare_cmd(home.path())
            .args(["--mock", "chat", "-m", KIMI])
            .args(extra)
            .arg("hello there")
            .output()
            .unwrap();
        let (stdout, stderr) = (
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr),
        );
        assert!(out.status.success(), "{extra:?}: {stderr}");
        assert_eq!(
            stdout.trim(),
            "Hello from the brock emulator (moonshot.kimi-k2-thinking). You said: hello there",
            "{extra:?}"
        );
        assert!(
            stderr.contains("The user said: hello there. I will greet them and repeat it."),
            "{extra:?}: {stderr}"
        );
        assert!(
            !stdout.contains("think>") && !stderr.contains("think>"),
            "{extra:?}: tags leaked: {stdout} {stderr}"
        );
    }
}

#[tokio::test]
async fn unknown_models_and_bare_profile_only_ids_are_refused() {
    let emu = emulator();
    let c = client(&emu.url());
    let err = c
        .converse()
        .model_id("us.does-not-exist-model-v1:0")
        .messages(user("hi"))
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(err.is_validation_exception());
    assert_eq!(
        err.message(),
        Some("The provided model identifier is invalid.")
    );
    let err = c
        .converse()
        .model_id("anthropic.claude-sonnet-4-20250514-v1:0")
        .messages(user("hi"))
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert_eq!(
        err.message(),
        Some(
            "Invocation of model ID anthropic.claude-sonnet-4-20250514-v1:0 with on-demand throughput isn\u{2019}t supported. Retry your request with the ID or ARN of an inference profile that contains this model."
        )
    );
}

#[tokio::test]
async fn model_ids_with_colons_and_profile_arns_work() {
    let emu = emulator();
    let c = client(&emu.url());
    for id in [
        "anthropic.claude-3-haiku-20240307-v1:0",
        "arn:aws:bedrock:us-east-1:123456789012:inference-profile/eu.amazon.nova-lite-v1:0",
        "arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0",
        "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/mi1dadi0g15f",
    ] {
        let out = c
            .converse()
            .model_id(id)
            .messages(user("hi"))
            .send()
            .await
            .unwrap_or_else(|e| panic!("{id}: {e:?}"));
        let text = out.output().unwrap().as_message().unwrap().content()[0]
            .as_text()
            .unwrap()
            .clone();
        assert!(text.contains(&format!("({id})")), "{text}");
    }
}

#[tokio::test]
async fn invoke_model_anthropic_and_titan() {
    let emu = emulator();
    let c = client(&emu.url());
    let out = c
        .invoke_model()
        .model_id("anthropic.claude-3-haiku-20240307-v1:0")
        .content_type("application/json")
        .body(Blob::new(
            r#"{"anthropic_version":"bedrock-2023-05-31","max_tokens":64,"messages":[{"role":"user","content":"hi"}]}"#,
        ))
        .send()
        .await
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(out.body().as_ref()).unwrap();
    assert_eq!(v["stop_reason"], "end_turn");
    assert!(
        v["content"][0]["text"]
            .as_str()
            .unwrap()
            .ends_with("You said: hi")
    );

    let mut stream = c
        .invoke_model_with_response_stream()
        .model_id("anthropic.claude-3-haiku-20240307-v1:0")
        .body(Blob::new(
            r#"{"anthropic_version":"bedrock-2023-05-31","max_tokens":64,"messages":[{"role":"user","content":"hi"}]}"#,
        ))
        .send()
        .await
        .unwrap();
    let mut types = Vec::new();
    let mut last = serde_json::Value::Null;
    while let Some(ev) = stream.body.recv().await.unwrap() {
        if let aws_sdk_bedrockruntime::types::ResponseStream::Chunk(part) = ev {
            last = serde_json::from_slice(part.bytes().unwrap().as_ref()).unwrap();
            types.push(last["type"].as_str().unwrap().to_string());
        }
    }
    assert_eq!(types.first().map(String::as_str), Some("message_start"));
    assert_eq!(types.last().map(String::as_str), Some("message_stop"));
    assert!(
        last["amazon-bedrock-invocationMetrics"]["outputTokenCount"]
            .as_u64()
            .unwrap()
            > 0
    );

    let out = c
        .invoke_model()
        .model_id("amazon.titan-embed-text-v2:0")
        .body(Blob::new(
            r#"{"inputText":"Hello, world!","dimensions":256}"#,
        ))
        .send()
        .await
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(out.body().as_ref()).unwrap();
    assert_eq!(v["embedding"].as_array().unwrap().len(), 256);

    let err = c
        .invoke_model()
        .model_id("anthropic.claude-3-haiku-20240307-v1:0")
        .body(Blob::new(r#"{"inputText":"wrong family"}"#))
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(
        err.message()
            .unwrap()
            .starts_with("Malformed input request: ")
    );
}

#[tokio::test]
async fn control_plane_listings_and_pagination() {
    let emu = emulator();
    let c = control(&emu.url());
    let models = c
        .list_foundation_models()
        .by_provider("Anthropic")
        .send()
        .await
        .unwrap();
    let summaries = models.model_summaries();
    assert!(summaries.len() >= 6);
    assert!(
        summaries
            .iter()
            .all(|m| m.provider_name() == Some("Anthropic"))
    );
    let haiku = summaries
        .iter()
        .find(|m| m.model_id() == "anthropic.claude-3-haiku-20240307-v1:0")
        .unwrap();
    assert_eq!(
        haiku.inference_types_supported(),
        [aws_sdk_bedrock::types::InferenceType::OnDemand]
    );
    let one = c
        .get_foundation_model()
        .model_identifier("amazon.titan-embed-text-v2:0")
        .send()
        .await
        .unwrap();
    assert_eq!(
        one.model_details().unwrap().model_id(),
        "amazon.titan-embed-text-v2:0"
    );

    let first_page = c.list_inference_profiles().send().await.unwrap();
    assert_eq!(first_page.inference_profile_summaries().len(), 20);
    assert!(first_page.next_token().is_some());
    let all: Vec<_> = c
        .list_inference_profiles()
        .into_paginator()
        .items()
        .send()
        .collect::<Result<Vec<_>, _>>()
        .await
        .unwrap();
    assert!(all.len() > 25);
    let mut ids: Vec<&str> = all.iter().map(|p| p.inference_profile_id()).collect();
    ids.dedup();
    assert_eq!(ids.len(), all.len());
    assert!(ids.contains(&"us.anthropic.claude-sonnet-4-20250514-v1:0"));

    let bad = c
        .list_inference_profiles()
        .max_results(5000)
        .send()
        .await
        .unwrap_err();
    assert_eq!(bad.code(), Some("ValidationException"));
}

async fn scenario_error(model: &str, attempts: u32) -> (Option<String>, Option<u16>) {
    let emu = emulator();
    let err = runtime(&emu.url(), DEFAULT_SECRET_KEY, attempts)
        .converse()
        .model_id(model)
        .messages(user("hi"))
        .send()
        .await
        .unwrap_err();
    (
        err.code().map(str::to_string),
        err.raw_response().map(|r| r.status().as_u16()),
    )
}

#[tokio::test]
async fn fault_scenarios_before_the_answer() {
    for (model, code, status) in [
        ("emulator.throttle", "ThrottlingException", 429),
        ("emulator.internal-error", "InternalServerException", 500),
        ("emulator.access-denied", "AccessDeniedException", 403),
        ("emulator.not-found", "ResourceNotFoundException", 404),
        ("emulator.model-timeout", "ModelTimeoutException", 408),
    ] {
        assert_eq!(
            scenario_error(model, 1).await,
            (Some(code.to_string()), Some(status)),
            "{model}"
        );
    }
    // Two failures, then the SDK's own retries get through.
    for model in ["emulator.throttle-then-ok", "emulator.unavailable-then-ok"] {
        let emu = emulator();
        let c = runtime(&emu.url(), DEFAULT_SECRET_KEY, 1);
        let first = c
            .converse()
            .model_id(model)
            .messages(user("hi"))
            .send()
            .await;
        assert!(first.is_err(), "{model}");
        let retrying = runtime(&emu.url(), DEFAULT_SECRET_KEY, 3);
        let out = retrying
            .converse()
            .model_id(model)
            .messages(user("hi"))
            .send()
            .await;
        assert!(out.is_ok(), "{model}: {out:?}");
    }
    // The connection is closed without an answer.
    let emu = emulator();
    let err = client(&emu.url())
        .converse()
        .model_id("emulator.reset")
        .messages(user("hi"))
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err, SdkError::DispatchFailure(_)), "{err:?}");
}

#[tokio::test]
async fn scenario_header_and_slow_first_byte() {
    let emu = emulator();
    let started = Instant::now();
    let out = client(&emu.url())
        .converse()
        .model_id(NOVA)
        .messages(user("hi"))
        .customize()
        .mutate_request(|req| {
            req.headers_mut().insert(SCENARIO_HEADER, "slow-first-byte");
            req.headers_mut()
                .insert(brock_emulator::DELAY_HEADER, "300");
        })
        .send()
        .await
        .unwrap();
    assert!(started.elapsed() >= Duration::from_millis(300));
    assert!(out.output().is_some());

    let err = client(&emu.url())
        .converse()
        .model_id(NOVA)
        .messages(user("hi"))
        .customize()
        .mutate_request(|req| {
            req.headers_mut().insert(SCENARIO_HEADER, "throttle");
        })
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some("ThrottlingException"));
    assert_eq!(
        err.message(),
        Some("Too many requests, please wait before trying again.")
    );
}

async fn stream_of(
    emu: &BackgroundEmulator,
    model: &str,
) -> Result<Streamed, (Streamed, StreamError)> {
    let out = client(&emu.url())
        .converse_stream()
        .model_id(model)
        .messages(user("one two three four five six seven eight nine ten"))
        .send()
        .await
        .unwrap();
    drain(out).await
}

#[tokio::test]
async fn broken_streams_surface_as_sdk_errors() {
    let emu = emulator();
    let (partial, err) = stream_of(&emu, "emulator.stream-error").await.unwrap_err();
    assert!(!partial.text.is_empty(), "some deltas first");
    let e = err.into_service_error();
    assert!(e.is_model_stream_error_exception(), "{e:?}");

    let (_, err) = stream_of(&emu, "emulator.stream-throttle")
        .await
        .unwrap_err();
    assert!(err.into_service_error().is_throttling_exception());

    for model in [
        "emulator.malformed-frame",
        "emulator.crc-mismatch",
        "emulator.truncated",
    ] {
        let got = stream_of(&emu, model).await;
        assert!(got.is_err(), "{model} must not decode cleanly");
    }

    let out = client(&emu.url())
        .converse_stream()
        .model_id("emulator.stall")
        .messages(user("hi"))
        .send()
        .await
        .unwrap();
    let stalled = tokio::time::timeout(Duration::from_secs(2), drain(out)).await;
    assert!(stalled.is_err(), "the stream goes silent");
}

#[tokio::test]
async fn hostile_text_reaches_the_client_verbatim() {
    let emu = emulator();
    let s = stream_of(&emu, "emulator.hostile").await.unwrap();
    for needle in ["\u{1b}]52;", "\u{1b}]0;", "\u{1b}[2J", "\u{7}", "\r"] {
        assert!(s.text.contains(needle), "{needle:?} in {:?}", s.text);
    }
}

// --- replay ----------------------------------------------------------------------------------

fn stream_cassettes() -> Vec<PathBuf> {
    let dir = std::fs::read_dir(FIXTURES)
        .unwrap_or_else(|e| panic!("vendored cassettes {FIXTURES}: {e}"));
    let mut out: Vec<PathBuf> = dir
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| std::fs::read_to_string(p).is_ok_and(|t| t.contains("converse-stream")))
        .collect();
    out.sort();
    out
}

struct Recorded {
    model: String,
    status: u16,
    text: String,
}

/// Reads the converse-stream interactions of a cassette independently of the emulator.
fn recorded_streams(path: &Path) -> Vec<Recorded> {
    use aws_smithy_eventstream::frame::{DecodedFrame, MessageFrameDecoder};
    use base64::Engine;
    let text = std::fs::read_to_string(path)
        .unwrap()
        .replace("!!binary", "!binary");
    let doc: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
    let mut out = Vec::new();
    for it in doc["interactions"].as_sequence().unwrap() {
        let uri = it["request"]["uri"].as_str().unwrap();
        if !uri.ends_with("/converse-stream") {
            continue;
        }
        let path = &uri[uri.find("/model/").unwrap() + "/model/".len()..];
        let model = percent_encoding::percent_decode_str(path.trim_end_matches("/converse-stream"))
            .decode_utf8()
            .unwrap()
            .into_owned();
        let status = it["response"]["status"]["code"].as_u64().unwrap() as u16;
        let mut recorded = String::new();
        if let serde_yaml::Value::Tagged(t) = &it["response"]["body"]["string"] {
            let b64: String = t.value.as_str().unwrap().split_whitespace().collect();
            let raw = base64::engine::general_purpose::STANDARD
                .decode(b64)
                .unwrap();
            let mut buf = bytes::Bytes::from(raw);
            let mut decoder = MessageFrameDecoder::new();
            while let DecodedFrame::Complete(m) = decoder.decode_frame(&mut buf).unwrap() {
                let v: serde_json::Value = serde_json::from_slice(m.payload()).unwrap();
                if let Some(t) = v["delta"]["text"].as_str() {
                    recorded.push_str(t);
                }
            }
        }
        out.push(Recorded {
            model,
            status,
            text: recorded,
        });
    }
    out
}

#[tokio::test]
async fn replayed_recordings_decode_in_the_sdk() {
    let cassettes = stream_cassettes();
    assert!(
        cassettes.len() >= 5,
        "stream cassettes in {FIXTURES}: {cassettes:?}"
    );
    for path in cassettes {
        let emu = BackgroundEmulator::start(EmulatorOptions {
            replay: vec![path.clone()],
            ..EmulatorOptions::default()
        })
        .unwrap();
        let c = client(&emu.url());
        for rec in recorded_streams(&path) {
            let sent = c
                .converse_stream()
                .model_id(&rec.model)
                .messages(user("replay"))
                .send()
                .await;
            if rec.status != 200 {
                let err = sent.expect_err("a recorded error");
                assert_eq!(
                    err.raw_response().map(|r| r.status().as_u16()),
                    Some(rec.status),
                    "{}",
                    path.display()
                );
                continue;
            }
            let got = drain(sent.unwrap())
                .await
                .unwrap_or_else(|(_, e)| panic!("{}: {e:?}", path.display()));
            assert_eq!(got.text, rec.text, "{}", path.display());
            assert_eq!(got.events.last(), Some(&"metadata"), "{}", path.display());
        }
    }
}

// --- other operations ------------------------------------------------------------------------

#[tokio::test]
async fn count_tokens_only_for_foundation_anthropic_ids() {
    use aws_sdk_bedrockruntime::types::{ConverseTokensRequest, CountTokensInput};
    let emu = emulator();
    let c = client(&emu.url());
    let input = || {
        CountTokensInput::Converse(
            ConverseTokensRequest::builder()
                .messages(user("How many tokens is this sentence?"))
                .build(),
        )
    };
    let out = c
        .count_tokens()
        .model_id("anthropic.claude-sonnet-4-20250514-v1:0")
        .input(input())
        .send()
        .await
        .unwrap();
    assert!(out.input_tokens() >= 1);
    let err = c
        .count_tokens()
        .model_id(CLAUDE)
        .input(input())
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        err.message(),
        Some("The provided model doesn't support counting tokens.")
    );
}

#[tokio::test]
async fn guardrails_block_on_the_marker() {
    use aws_sdk_bedrockruntime::types::{
        GuardrailAction, GuardrailConfiguration, GuardrailContentBlock, GuardrailContentSource,
        GuardrailTextBlock, GuardrailTrace,
    };
    let emu = emulator();
    let c = client(&emu.url());
    let out = c
        .converse()
        .model_id(NOVA)
        .messages(user("tell me [[blocked]]"))
        .guardrail_config(
            GuardrailConfiguration::builder()
                .guardrail_identifier("xbgw7g293v7o")
                .guardrail_version("DRAFT")
                .trace(GuardrailTrace::Enabled)
                .build(),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(out.stop_reason(), &StopReason::GuardrailIntervened);
    assert!(out.trace().and_then(|t| t.guardrail()).is_some());

    let applied = c
        .apply_guardrail()
        .guardrail_identifier("xbgw7g293v7o")
        .guardrail_version("1")
        .source(GuardrailContentSource::Input)
        .content(GuardrailContentBlock::Text(
            GuardrailTextBlock::builder()
                .text("a [[blocked]] request")
                .build()
                .unwrap(),
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(applied.action(), &GuardrailAction::GuardrailIntervened);
}

#[tokio::test]
async fn bearer_tokens_on_the_runtime() {
    let emu = BackgroundEmulator::start(EmulatorOptions {
        bearer_tokens: vec!["ABSKemulatortoken".into()],
        ..EmulatorOptions::default()
    })
    .unwrap();
    let with_token = |token: &str| {
        let config = aws_sdk_bedrockruntime::Config::builder()
            .behavior_version(aws_sdk_bedrockruntime::config::BehaviorVersion::latest())
            .region(aws_sdk_bedrockruntime::config::Region::new("us-east-1"))
            .bearer_token(aws_sdk_bedrockruntime::config::Token::new(token, None))
            .endpoint_url(emu.url())
            .retry_config(aws_sdk_bedrockruntime::config::retry::RetryConfig::disabled())
            .build();
        aws_sdk_bedrockruntime::Client::from_conf(config)
    };
    let ok = with_token("ABSKemulatortoken")
        .converse()
        .model_id(NOVA)
        .messages(user("hi"))
        .send()
        .await;
    assert!(ok.is_ok(), "{ok:?}");
    let err = with_token("ABSKother")
        .converse()
        .model_id(NOVA)
        .messages(user("hi"))
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some("AccessDeniedException"));
    assert_eq!(
        err.message(),
        Some("Authentication failed: Please make sure your API Key is valid.")
    );
}

#[tokio::test]
async fn rerank_on_the_agent_runtime() {
    use aws_sdk_bedrockagentruntime::types::{
        BedrockRerankingConfiguration, BedrockRerankingModelConfiguration, RerankDocument,
        RerankDocumentType, RerankQuery, RerankQueryContentType, RerankSource, RerankSourceType,
        RerankTextDocument, RerankingConfiguration, RerankingConfigurationType,
    };
    let emu = emulator();
    let config = aws_sdk_bedrockagentruntime::Config::builder()
        .behavior_version(aws_sdk_bedrockagentruntime::config::BehaviorVersion::latest())
        .region(aws_sdk_bedrockagentruntime::config::Region::new(
            "us-east-1",
        ))
        .credentials_provider(aws_sdk_bedrockagentruntime::config::Credentials::new(
            DEFAULT_ACCESS_KEY,
            DEFAULT_SECRET_KEY,
            None,
            None,
            "emulator-test",
        ))
        .endpoint_url(emu.url())
        .build();
    let c = aws_sdk_bedrockagentruntime::Client::from_conf(config);
    let doc = |t: &str| {
        RerankSource::builder()
            .r#type(RerankSourceType::Inline)
            .inline_document_source(
                RerankDocument::builder()
                    .r#type(RerankDocumentType::Text)
                    .text_document(RerankTextDocument::builder().text(t).build())
                    .build()
                    .unwrap(),
            )
            .build()
            .unwrap()
    };
    let out = c
        .rerank()
        .queries(
            RerankQuery::builder()
                .r#type(RerankQueryContentType::Text)
                .text_query(RerankTextDocument::builder().text("green fruit").build())
                .build()
                .unwrap(),
        )
        .sources(doc("a red car"))
        .sources(doc("kiwi is a green fruit"))
        .reranking_configuration(
            RerankingConfiguration::builder()
                .r#type(RerankingConfigurationType::BedrockRerankingModel)
                .bedrock_reranking_configuration(
                    BedrockRerankingConfiguration::builder()
                        .number_of_results(2)
                        .model_configuration(
                            BedrockRerankingModelConfiguration::builder()
                                .model_arn(
                                    "arn:aws:bedrock:us-west-2::foundation-model/amazon.rerank-v1:0",
                                )
                                .build()
                                .unwrap(),
                        )
                        .build(),
                )
                .build()
                .unwrap(),
        )
        .send()
        .await
        .unwrap();
    let results = out.results();
    assert_eq!(results.len(), 2);
    assert_eq!(results[0].index(), 1);
    assert!(results[0].relevance_score() > results[1].relevance_score());
}

/// AssumeRole over raw HTTP (signed with aws-sigv4, as the SDK would), then the temporary
/// credentials drive the runtime SDK.
#[tokio::test]
async fn assumed_role_credentials_work_on_the_runtime() {
    use http_body_util::BodyExt;
    let emu = emulator();
    let body = "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fdemo&RoleSessionName=brock-test";
    let resp = crate::common::signed_post(
        &emu,
        "us-east-1",
        "sts",
        "/",
        "application/x-www-form-urlencoded",
        body.as_bytes(),
    )
    .await;
    assert_eq!(resp.status(), 200);
    let xml = String::from_utf8(
        resp.into_body()
            .collect()
            .await
            .unwrap()
            .to_bytes()
            .to_vec(),
    )
    .unwrap();
    let between = |a: &str, b: &str| {
        let start = xml.find(a).unwrap() + a.len();
        xml[start..start + xml[start..].find(b).unwrap()].to_string()
    };
    let (akid, secret, token) = (
        between("<AccessKeyId>", "</AccessKeyId>"),
        between("<SecretAccessKey>", "</SecretAccessKey>"),
        between("<SessionToken>", "</SessionToken>"),
    );
    let config = aws_sdk_bedrockruntime::Config::builder()
        .behavior_version(aws_sdk_bedrockruntime::config::BehaviorVersion::latest())
        .region(aws_sdk_bedrockruntime::config::Region::new("us-east-1"))
        .credentials_provider(aws_sdk_bedrockruntime::config::Credentials::new(
            &akid,
            &secret,
            Some(token.clone()),
            None,
            "assumed",
        ))
        .endpoint_url(emu.url())
        .build();
    let out = aws_sdk_bedrockruntime::Client::from_conf(config)
        .converse()
        .model_id(NOVA)
        .messages(user("as a role"))
        .send()
        .await;
    assert!(out.is_ok(), "{out:?}");
}

#[tokio::test]
async fn a_hundred_thousand_tokens_stream_one_delta_each() {
    let emu = emulator();
    let started = Instant::now();
    let out = client(&emu.url())
        .converse_stream()
        .model_id(NOVA)
        .messages(user("benchmark [[tokens=100000]]"))
        .send()
        .await
        .unwrap();
    let s = drain(out).await.unwrap();
    assert_eq!(s.output_tokens, Some(100_000));
    assert_eq!(
        s.events
            .iter()
            .filter(|e| **e == "contentBlockDelta")
            .count(),
        100_000
    );
    eprintln!("100k deltas in {:?}", started.elapsed());
}

#[tokio::test]
async fn latency_and_pacing_options() {
    let emu = BackgroundEmulator::start(EmulatorOptions {
        latency: Duration::from_millis(200),
        tokens_per_second: 50.0,
        ..EmulatorOptions::default()
    })
    .unwrap();
    let started = Instant::now();
    let out = client(&emu.url())
        .converse_stream()
        .model_id(NOVA)
        .messages(user("[[tokens=11]]"))
        .send()
        .await
        .unwrap();
    let first_byte = started.elapsed();
    let s = drain(out).await.unwrap();
    assert_eq!(s.output_tokens, Some(11));
    assert!(first_byte >= Duration::from_millis(200), "{first_byte:?}");
    // 10 gaps between 11 deltas at 50 per second.
    assert!(
        started.elapsed() >= Duration::from_millis(400),
        "{:?}",
        started.elapsed()
    );
}

/// `brock emulator --region R` serves R: requests signed for R are answered, requests signed for
/// another region are refused as AWS refuses them, and the exports it prints name R.
#[test]
fn the_emulator_command_serves_the_region_given() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    let env = crate::common::TestEnv::new();
    let mut child = env
        .std_cmd()
        .args([
            "--region",
            "us-west-2",
            "emulator",
            "--listen",
            "127.0.0.1:0",
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut url = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut url)
        .unwrap();
    let url = url.trim().to_string();
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    let models = |region: &str| {
        env.cmd()
            .env("AWS_ENDPOINT_URL_BEDROCK", &url)
            .env("AWS_REGION", region)
            .args(["models", "--kind", "profile", "--output", "json"])
            .output()
            .unwrap()
    };
    let out = models("us-west-2");
    assert!(out.status.success(), "{}", crate::common::stderr_of(&out));
    let out = models("us-east-1");
    assert_eq!(
        out.status.code(),
        Some(3),
        "{}",
        crate::common::stderr_of(&out)
    );
    assert!(
        crate::common::stderr_of(&out)
            .contains("Credential should be scoped to a valid region, not 'us-east-1'"),
        "{}",
        crate::common::stderr_of(&out)
    );
    child.kill().unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        crate::common::stderr_of(&out).contains("export AWS_REGION=us-west-2"),
        "{}",
        crate::common::stderr_of(&out)
    );

    let out = env
        .cmd()
        .args(["--region", "US West", "emulator"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}
