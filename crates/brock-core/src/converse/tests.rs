//! Golden tests against the recorded Converse traffic in `tests/fixtures/recorded/converse`:
//! each builds the `ChatRequest` equivalent to what the recording's client asked for and
//! compares our body with the body really sent (and accepted) by Bedrock.

use serde_json::{Value, json};

use super::*;
use crate::message::{Conversation, Message, Part, Role, ToolChoice, ToolSpec};
use crate::request::{
    ChatRequest, Guardrail, JsonSchema, PerformanceLatency, ReasoningLevel, ServiceTier,
};
use crate::stream::{Accumulator, ConverseStreamDecoder};
use crate::testutil::{self, Interaction};

fn recorded(name: &str) -> Vec<Interaction> {
    testutil::cassette(name)
}

fn sent(name: &str, i: usize) -> Value {
    recorded(name)[i].request.clone().expect("request body")
}

fn answer(name: &str, i: usize) -> ChatResponse {
    parse_response_value(recorded(name)[i].response_json.as_ref().expect("response")).unwrap()
}

fn model_of(it: &Interaction) -> String {
    let path = it.uri.split("/model/").nth(1).unwrap();
    let id = path.rsplit_once('/').unwrap().0;
    id.replace("%3A", ":").replace("%2F", "/")
}

fn request(name: &str, i: usize, conversation: Conversation) -> ChatRequest {
    ChatRequest::new(model_of(&recorded(name)[i]), conversation)
}

fn body(req: &ChatRequest) -> Value {
    to_converse(req).unwrap().body
}

fn schema_empty() -> Value {
    json!({"additionalProperties": false, "properties": {}, "type": "object"})
}

#[test]
fn every_recorded_block_round_trips() {
    let dir = testutil::recorded_dir().join("converse");
    let mut checked = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        for it in recorded(&name) {
            let mut messages: Vec<Value> = Vec::new();
            if let Some(req) = &it.request
                && let Some(ms) = req.get("messages").and_then(Value::as_array)
            {
                messages.extend(ms.iter().cloned());
            }
            if let Some(m) = it
                .response_json
                .as_ref()
                .and_then(|r| r.get("output"))
                .and_then(|o| o.get("message"))
            {
                messages.push(m.clone());
            }
            for m in messages {
                let canonical = message_from_json(&m).unwrap();
                // …and through the session file format too.
                let saved = serde_json::to_string(&canonical).unwrap();
                let loaded: Message = serde_json::from_str(&saved).unwrap();
                assert_eq!(loaded, canonical, "{name}");
                assert_eq!(
                    message_to_json(&loaded, BlockOptions::default()),
                    m,
                    "{name}"
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 100, "only {checked} messages checked");
}

#[test]
fn every_part_round_trips_through_converse() {
    use crate::message::*;
    let parts = vec![
        Part::text("hi"),
        Part::Image {
            format: ImageFormat::Webp,
            source: Source::Bytes(vec![9, 8, 7]),
        },
        Part::Image {
            format: ImageFormat::Png,
            source: Source::S3 {
                uri: "s3://bucket/a.png".into(),
                bucket_owner: Some("123456789012".into()),
            },
        },
        Part::Document {
            format: DocumentFormat::Docx,
            name: "Q3 report (final)".into(),
            source: Source::Bytes(b"PK".to_vec()),
        },
        Part::Video {
            format: VideoFormat::ThreeGp,
            source: Source::S3 {
                uri: "s3://bucket/v.3gp".into(),
                bucket_owner: None,
            },
        },
        Part::ToolUse {
            id: "tooluse_1".into(),
            name: "f".into(),
            input: json!({"a": [1, 2.5, null]}),
            kind: None,
        },
        Part::ToolUse {
            id: "t2".into(),
            name: "nova_code_interpreter".into(),
            input: json!({}),
            kind: Some("server_tool_use".into()),
        },
        Part::ToolResult {
            tool_use_id: "tooluse_1".into(),
            content: vec![
                ToolResultContent::Text { text: "ok".into() },
                ToolResultContent::Json {
                    json: json!({"x": 1}),
                },
                ToolResultContent::Image {
                    format: ImageFormat::Gif,
                    source: Source::Bytes(vec![1]),
                },
                ToolResultContent::Document {
                    format: DocumentFormat::Md,
                    name: "notes".into(),
                    source: Source::Bytes(b"# hi".to_vec()),
                },
                ToolResultContent::Video {
                    format: VideoFormat::Mp4,
                    source: Source::Bytes(vec![0]),
                },
            ],
            status: Some(ToolStatus::Error),
            kind: None,
        },
        Part::Reasoning {
            text: "let me think".into(),
            signature: Some("EqkE+/sig==".into()),
        },
        Part::Reasoning {
            text: "unsigned".into(),
            signature: None,
        },
        Part::RedactedReasoning {
            data: "RXU4RUNr".into(),
        },
        Part::CachePoint { ttl: None },
        Part::CachePoint {
            ttl: Some("1h".into()),
        },
        Part::GuardedText {
            text: "check me".into(),
            qualifiers: vec![GuardQualifier::GroundingSource, GuardQualifier::Query],
        },
        Part::Unknown {
            block: json!({"citationsContent": {"content": [{"text": "x"}], "citations": []}}),
        },
        // A known block with a field brock does not model stays whole.
        Part::Unknown {
            block: json!({"document": {"format": "pdf", "name": "a", "source": {"bytes": "AA=="}, "citations": {"enabled": true}}}),
        },
    ];
    for p in parts {
        let block = part_to_block(&p, BlockOptions::default());
        assert_eq!(block_to_part(&block), p, "{block}");
    }
}

#[test]
fn golden_simple_nova() {
    let name = "test_bedrock_model.yaml";
    let req = request(
        name,
        0,
        Conversation::from_prompt("Hello!").with_system("You are a chatbot."),
    );
    assert_eq!(body(&req), sent(name, 0));

    let name = "test_bedrock_empty_system_prompt.yaml";
    let req = request(
        name,
        0,
        Conversation::from_prompt("What is the capital of France?"),
    );
    assert_eq!(body(&req), sent(name, 0));
}

fn france(system: &str) -> Conversation {
    Conversation::from_prompt("What is the capital of France?").with_system(system)
}

#[test]
fn golden_inference_parameters() {
    let name = "test_bedrock_model_max_tokens.yaml";
    let mut req = request(name, 0, france("You are a helpful chatbot."));
    req.inference.max_tokens = Some(5);
    assert_eq!(body(&req), sent(name, 0));

    let name = "test_bedrock_model_top_p.yaml";
    let mut req = request(name, 0, france("You are a helpful chatbot."));
    req.inference.top_p = Some(0.5);
    assert_eq!(body(&req), sent(name, 0));

    let name = "test_bedrock_model_anthropic_model_without_tools.yaml";
    let mut req = request(name, 0, france("You are a helpful chatbot."));
    req.inference.temperature = Some(0.0);
    assert_eq!(body(&req), sent(name, 0));
}

#[test]
fn golden_top_k() {
    for name in [
        "test_bedrock_top_k_anthropic_variant.yaml",
        "test_bedrock_top_k_nova_variant.yaml",
    ] {
        let mut req = request(
            name,
            0,
            Conversation::from_prompt("Reply with the single word: ok"),
        );
        req.top_k = Some(20);
        let c = to_converse(&req).unwrap();
        assert!(c.warnings.is_empty(), "{:?}", c.warnings);
        assert_eq!(c.body, sent(name, 0), "{name}");
    }
}

#[test]
fn golden_other_parameters() {
    let name = "test_bedrock_model_other_parameters.yaml";
    let mut req = request(name, 0, france("You are a helpful chatbot."));
    req.request_metadata.insert("test".into(), "test".into());
    req.response_field_paths = vec!["test".into()];
    req.add_param("test=\"test\"").unwrap();
    // The recorded body lost its closing brace when the cassette was edited.
    let text = recorded(name)[0].request_text.clone().unwrap();
    let mut want: Value = serde_json::from_str(&format!("{text}}}")).unwrap();
    // Prompt management variables are not a brock feature; brock always sends inferenceConfig.
    want.as_object_mut().unwrap().remove("promptVariables");
    want["inferenceConfig"] = json!({});
    assert_eq!(body(&req), want);

    let resp = answer(name, 0);
    assert_eq!(resp.additional_fields, Some(json!("test")));
    assert_eq!(resp.stop_reason, StopReason::MaxTokens);
}

#[test]
fn golden_guardrail_performance_service_tier() {
    let name = "test_bedrock_model_guardrail_config.yaml";
    let mut req = request(name, 0, france("You are a helpful chatbot."));
    req.guardrail = Some(Guardrail {
        id: "xbgw7g293v7o".into(),
        version: "DRAFT".into(),
        trace: true,
    });
    assert_eq!(body(&req), sent(name, 0));
    let resp = answer(name, 0);
    assert_eq!(
        resp.trace.as_ref().unwrap()["guardrail"]["actionReason"],
        json!("No action.")
    );

    let name = "test_bedrock_model_performance_config.yaml";
    let mut req = request(name, 0, france("You are a helpful chatbot."));
    req.performance_latency = Some(PerformanceLatency::Optimized);
    assert_eq!(body(&req), sent(name, 0));

    let name = "test_bedrock_model_service_tier.yaml";
    let mut req = request(name, 0, france("You are a helpful chatbot."));
    req.service_tier = Some(ServiceTier::Default);
    let mut want = sent(name, 0);
    want["inferenceConfig"] = json!({});
    assert_eq!(body(&req), want);
    assert_eq!(answer(name, 0).service_tier.as_deref(), Some("flex"));
}

#[test]
fn golden_anthropic_thinking_and_signature_round_trip() {
    let name = "test_bedrock_model_thinking_part_anthropic.yaml";
    let mut req = request(
        name,
        0,
        Conversation::from_prompt("How do I cross the street?"),
    );
    req.reasoning = Some(ReasoningLevel::Budget(1024));
    let c = to_converse(&req).unwrap();
    assert!(c.warnings.is_empty());
    assert_eq!(c.body, sent(name, 0));

    // Second turn: the first answer, as parsed, goes back with its signature unchanged.
    let first = answer(name, 0);
    assert!(matches!(
        &first.message.content[0],
        Part::Reasoning { signature: Some(s), .. } if s.starts_with("Eu4CCkgIBxAB")
    ));
    req.conversation.push(first.message);
    req.conversation.push_user_text(
        "Considering the way to cross the street, analogously, how do I cross the river?",
    );
    assert_eq!(body(&req), sent(name, 1));

    let name = "test_bedrock_model_thinking_part_anthropic_legacy.yaml";
    let mut req = request(
        name,
        0,
        Conversation::from_prompt("How do I cross the street?"),
    );
    req.reasoning = Some(ReasoningLevel::Budget(10000));
    assert_eq!(body(&req), sent(name, 0));
}

#[test]
fn golden_anthropic_adaptive() {
    let name = "test_bedrock_model_thinking_part_anthropic_adaptive_effort.yaml";
    let mut req = request(
        name,
        0,
        Conversation::from_prompt("How do I cross the street?"),
    );
    req.reasoning = Some(ReasoningLevel::High);
    assert_eq!(body(&req), sent(name, 0));
    req.conversation.push(answer(name, 0).message);
    req.conversation.push_user_text(
        "Considering the way to cross the street, analogously, how do I cross the river?",
    );
    assert_eq!(body(&req), sent(name, 1));
}

#[test]
fn golden_redacted_thinking() {
    let name = "test_bedrock_model_thinking_part_redacted.yaml";
    let prompt = sent(name, 0)["messages"][0]["content"][0]["text"]
        .as_str()
        .unwrap()
        .to_string();
    let mut req = request(name, 0, Conversation::from_prompt(prompt));
    req.reasoning = Some(ReasoningLevel::Budget(1024));
    assert_eq!(body(&req), sent(name, 0));
    let first = answer(name, 0);
    assert!(matches!(
        first.message.content[0],
        Part::RedactedReasoning { .. }
    ));
    req.conversation.push(first.message);
    req.conversation.push_user_text("What was that?");
    assert_eq!(body(&req), sent(name, 1));
}

#[test]
fn golden_tool_loop_with_thinking() {
    let name = "test_bedrock_anthropic_tool_with_thinking.yaml";
    let mut req = request(
        name,
        0,
        Conversation::from_prompt("What is the largest city in the user country?"),
    );
    req.reasoning = Some(ReasoningLevel::Budget(1024));
    req.tools = vec![ToolSpec::new("get_user_country", None, schema_empty())];
    assert_eq!(body(&req), sent(name, 0));

    let first = answer(name, 0);
    let (id, _, _) = first.message.tool_uses().next().unwrap();
    let id = id.to_string();
    req.conversation.push(first.message);
    req.conversation.push(Message::new(
        Role::User,
        vec![Part::ToolResult {
            tool_use_id: id,
            content: vec![crate::message::ToolResultContent::Text {
                text: "Mexico".into(),
            }],
            status: Some(crate::message::ToolStatus::Success),
            kind: None,
        }],
    ));
    assert_eq!(body(&req), sent(name, 1));
}

#[test]
fn golden_cache_points() {
    for name in [
        "test_bedrock_cache_point_adds_cache_control[claude-sonnet-4-5].yaml",
        "test_bedrock_cache_point_adds_cache_control[nova-lite].yaml",
    ] {
        let want = sent(name, 0);
        let system = want["system"][0]["text"].as_str().unwrap();
        let content = &want["messages"][0]["content"];
        let mut conv = Conversation::new().with_system(system);
        conv.push(Message::new(
            Role::User,
            vec![
                Part::text(content[0]["text"].as_str().unwrap()),
                Part::cache_point(),
                Part::text(content[2]["text"].as_str().unwrap()),
            ],
        ));
        let mut req = request(name, 0, conv);
        req.cache = true;
        let c = to_converse(&req).unwrap();
        assert!(c.warnings.is_empty(), "{:?}", c.warnings);
        assert_eq!(c.body, want, "{name}");
    }
    let r = answer(
        "test_bedrock_cache_point_adds_cache_control[claude-sonnet-4-5].yaml",
        0,
    );
    assert_eq!(r.usage.cache_write, 1503);
    assert_eq!(
        answer("test_bedrock_cache_usage_includes_cache_tokens.yaml", 0)
            .usage
            .cache_read,
        1504
    );
}

#[test]
fn golden_cache_tools_and_documents() {
    let name = "test_bedrock_cache_write_and_read.yaml";
    let want = sent(name, 0);
    let conv = Conversation {
        system: vec![crate::message::SystemPart::Text {
            text: want["system"][0]["text"].as_str().unwrap().into(),
        }],
        messages: vec![message_from_json(&want["messages"][0]).unwrap()],
    };
    assert!(matches!(conv.messages[0].content[1], Part::Document { .. }));
    let mut req = request(name, 0, conv);
    req.cache = true;
    req.tools = vec![
        ToolSpec::new("catalog_lookup", None, schema_empty()),
        ToolSpec::new("diagnostics", None, schema_empty()),
    ];
    req.tool_choice = Some(ToolChoice::Auto);
    assert_eq!(body(&req), want);
}

#[test]
fn golden_tool_loop_from_a_stream() {
    let name = "test_bedrock_model_iter_stream.yaml";
    let tool = |n: &str, d: &str, p: &str, pd: &str, title: &str| {
        ToolSpec::new(
            n,
            Some(d.into()),
            json!({"properties": {p: {"description": pd, "title": title, "type": "string"}},
                   "required": [p], "type": "object", "additionalProperties": false}),
        )
    };
    let mut req = request(
        name,
        0,
        Conversation::from_prompt("What is the temperature of the capital of France?")
            .with_system("You are a helpful chatbot."),
    );
    req.inference.top_p = Some(0.5);
    req.tools = vec![
        tool(
            "get_capital",
            "Get the capital of a country.",
            "country",
            "The country name.",
            "Country",
        ),
        tool(
            "get_temperature",
            "Get the temperature in a city.",
            "city",
            "The city name.",
            "City",
        ),
    ];
    assert_eq!(body(&req), sent(name, 0));

    let bytes = recorded(name)[0].response_bytes.clone().unwrap();
    let mut dec = ConverseStreamDecoder::new();
    let mut acc = Accumulator::new();
    for f in testutil::frames(&bytes) {
        for e in dec.decode_frame(&f).unwrap() {
            acc.push(&e);
        }
    }
    let turn = acc.finish().unwrap();
    let (id, _, _) = turn.message.tool_uses().next().unwrap();
    let result = Part::ToolResult {
        tool_use_id: id.to_string(),
        content: vec![crate::message::ToolResultContent::Text {
            text: "30°C".into(),
        }],
        status: Some(crate::message::ToolStatus::Success),
        kind: None,
    };
    req.conversation.push(turn.message);
    req.conversation
        .push(Message::new(Role::User, vec![result]));
    assert_eq!(body(&req), sent(name, 1));
}

#[test]
fn golden_server_tools() {
    let name = "test_bedrock_model_with_code_execution_tool.yaml";
    let final_result = ToolSpec::new(
        "final_result",
        Some("The final response which ends this conversation".into()),
        json!({"properties": {"result": {"type": "number"}}, "required": ["result"],
               "title": "Response", "type": "object"}),
    );
    let mut req = request(
        name,
        0,
        Conversation::from_prompt("What is 1234 * 5678?").with_system("You are a helpful chatbot."),
    );
    req.tools = vec![final_result];
    req.system_tools = vec!["nova_code_interpreter".into()];
    req.tool_choice = Some(ToolChoice::Any);
    assert_eq!(body(&req), sent(name, 0));

    let want = sent(name, 1);
    let history: Vec<Message> = want["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| message_from_json(m).unwrap())
        .collect();
    req.conversation.messages = history;
    assert_eq!(body(&req), want);
}

#[test]
fn golden_writer_drops_tool_result_status() {
    let name = "test_bedrock_writer_tool_result_followed_by_text_accepted.yaml";
    let want = sent(name, 0);
    let mut conv = Conversation::new();
    for m in want["messages"].as_array().unwrap() {
        conv.push(message_from_json(m).unwrap());
    }
    // The session says the tool succeeded; Writer must not be told.
    for m in &mut conv.messages {
        for p in &mut m.content {
            if let Part::ToolResult { status, .. } = p {
                *status = Some(crate::message::ToolStatus::Success);
            }
        }
    }
    let mut req = request(name, 0, conv);
    req.tools = vec![ToolSpec::new("get_expenses", None, schema_empty())];
    assert_eq!(body(&req), want);
}

#[test]
fn golden_reasoning_effort_families() {
    let cases = [
        (
            "test_bedrock_thinking_high_openai_variant.yaml",
            ReasoningLevel::High,
        ),
        (
            "test_bedrock_thinking_true_openai_variant.yaml",
            ReasoningLevel::Medium,
        ),
        (
            "test_bedrock_thinking_high_qwen_variant.yaml",
            ReasoningLevel::High,
        ),
        (
            "test_bedrock_thinking_true_qwen_variant.yaml",
            ReasoningLevel::High,
        ),
        (
            "test_bedrock_thinking_false_openai_variant_silent_drop.yaml",
            ReasoningLevel::Off,
        ),
        (
            "test_bedrock_thinking_false_qwen_variant_silent_drop.yaml",
            ReasoningLevel::Off,
        ),
    ];
    for (name, level) in cases {
        let mut req = request(
            name,
            0,
            Conversation::from_prompt("Reply with the single word: ok"),
        );
        req.reasoning = Some(level);
        let c = to_converse(&req).unwrap();
        assert!(c.warnings.is_empty(), "{name}: {:?}", c.warnings);
        assert_eq!(c.body, sent(name, 0), "{name}");
    }
}

#[test]
fn golden_structured_output_native() {
    let name = "test_bedrock_zai_native_output.yaml";
    let schema = json!({"properties": {"city": {"type": "string"}, "country": {"type": "string"}},
                        "required": ["city", "country"], "type": "object", "additionalProperties": false});
    let mut req = request(
        name,
        0,
        Conversation::from_prompt("Where is the Eiffel Tower?")
            .with_system("You are a helpful chatbot."),
    );
    req.json_schema = Some(JsonSchema {
        name: "City".into(),
        description: None,
        schema: Some(schema.clone()),
    });
    let c = to_converse(&req).unwrap();
    assert_eq!(c.structured, Some(StructuredOutput::Native));
    let mut got = c.body;
    let mut want = sent(name, 0);
    // The schema travels as a string; compare it as JSON.
    let path = "/outputConfig/textFormat/structure/jsonSchema/schema";
    for v in [&mut got, &mut want] {
        let s = v.pointer(path).unwrap().as_str().unwrap().to_string();
        *v.pointer_mut(path).unwrap() = serde_json::from_str::<Value>(&s).unwrap();
    }
    assert_eq!(got, want);

    let mut resp = answer(name, 0);
    let value = take_structured_answer(&mut resp, &StructuredOutput::Native).unwrap();
    assert_eq!(value, Some(json!({"city": "Paris", "country": "France"})));
}

#[test]
fn golden_structured_output_forced_tool() {
    let name = "test_bedrock_model_structured_output.yaml";
    let want = sent(name, 0);
    let tools = &want["toolConfig"]["tools"];
    let user_tool = ToolSpec::new(
        "temperature",
        Some(tools[0]["toolSpec"]["description"].as_str().unwrap().into()),
        tools[0]["toolSpec"]["inputSchema"]["json"].clone(),
    );
    let mut req = request(
        name,
        0,
        Conversation::from_prompt("What was the temperature in London 1st January 2022?")
            .with_system("You are a helpful chatbot."),
    );
    req.tools = vec![user_tool];
    req.json_schema = Some(JsonSchema {
        name: "final_result".into(),
        description: Some("The final response which ends this conversation".into()),
        schema: Some(tools[1]["toolSpec"]["inputSchema"]["json"].clone()),
    });
    let c = to_converse(&req).unwrap();
    let mode = c.structured.clone().unwrap();
    assert_eq!(
        mode,
        StructuredOutput::Tool {
            name: "final_result".into()
        }
    );
    assert_eq!(c.body, want);

    // The model first calls the user's tool: no answer yet.
    let mut first = answer(name, 0);
    assert_eq!(take_structured_answer(&mut first, &mode).unwrap(), None);
    // Later it calls the answer tool, which becomes the text of the turn.
    let mut last = answer(name, 2);
    let value = take_structured_answer(&mut last, &mode).unwrap().unwrap();
    assert_eq!(
        value,
        json!({"city": "London", "date": "2022-01-01", "temperature": "30°C"})
    );
    assert_eq!(last.stop_reason, StopReason::EndTurn);
    assert_eq!(last.message.content, vec![Part::text(value.to_string())]);
}

#[test]
fn leading_assistant_turn() {
    let name = "test_bedrock_anthropic_message_history_starting_with_response.yaml";
    let mut conv = Conversation::new();
    conv.push(Message::assistant_text("Hello there!"));
    conv.push_user_text("Now say goodbye.");
    let mut req = request(name, 0, conv);
    let mut want = sent(name, 0);
    want["messages"].as_array_mut().unwrap().insert(
        0,
        json!({"role": "user", "content": [{"text": "Continue."}]}),
    );
    assert_eq!(body(&req), want);

    req.leading_assistant = crate::request::LeadingAssistant::Refuse;
    let e = to_converse(&req).unwrap_err().to_string();
    assert!(e.contains("starts with an assistant message"), "{e}");
}

fn claude(conv: Conversation) -> ChatRequest {
    ChatRequest::new("us.anthropic.claude-sonnet-4-20250514-v1:0", conv)
}

#[test]
fn thinking_budgets_and_dropped_parameters() {
    let mut req = claude(Conversation::from_prompt("hi"));
    req.reasoning = Some(ReasoningLevel::Low);
    req.inference.max_tokens = Some(10000);
    req.inference.temperature = Some(0.3);
    req.inference.top_p = Some(0.9);
    req.top_k = Some(5);
    let c = to_converse(&req).unwrap();
    assert_eq!(
        c.body["additionalModelRequestFields"],
        json!({"thinking": {"type": "enabled", "budget_tokens": 3000}})
    );
    assert_eq!(c.body["inferenceConfig"], json!({"maxTokens": 10000}));
    let w: Vec<String> = c.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        w,
        [
            "top-k not sent: the model does not accept it with reasoning on",
            "temperature not sent: Claude does not accept it with reasoning on",
            "top-p not sent: Claude does not accept it with reasoning on",
        ]
    );

    // Too small for the floor of 1024.
    req.inference = Default::default();
    req.top_k = None;
    req.inference.max_tokens = Some(2000);
    let c = to_converse(&req).unwrap();
    assert_eq!(
        c.body["additionalModelRequestFields"]["thinking"]["budget_tokens"],
        json!(1024)
    );
    assert!(c.warnings.is_empty());

    // High takes all of max tokens, so max tokens go up and the CLI is told.
    req.reasoning = Some(ReasoningLevel::High);
    req.inference.max_tokens = Some(4096);
    let c = to_converse(&req).unwrap();
    assert_eq!(
        c.body["additionalModelRequestFields"]["thinking"]["budget_tokens"],
        json!(4096)
    );
    assert_eq!(c.body["inferenceConfig"]["maxTokens"], json!(5120));
    assert_eq!(
        c.warnings[0].to_string(),
        "max tokens: raised from 4096 to 5120: Claude needs more than the thinking budget of 4096"
    );

    // Without max tokens, levels use a nominal base and leave max tokens to the model.
    req.inference.max_tokens = None;
    req.reasoning = Some(ReasoningLevel::Medium);
    let c = to_converse(&req).unwrap();
    assert_eq!(
        c.body["additionalModelRequestFields"]["thinking"]["budget_tokens"],
        json!(4914)
    );
    assert_eq!(c.body["inferenceConfig"], json!({}));
}

#[test]
fn thinking_conflicts() {
    let mut req = claude(Conversation::from_prompt("hi"));
    req.reasoning = Some(ReasoningLevel::Medium);
    req.prefill = Some("{".into());
    let e = to_converse(&req).unwrap_err().to_string();
    assert!(
        e.starts_with("a prefill cannot be combined with reasoning"),
        "{e}"
    );

    req.prefill = None;
    req.tools = vec![ToolSpec::new("f", None, json!({"type": "object"}))];
    req.tool_choice = Some(ToolChoice::Tool("f".into()));
    let c = to_converse(&req).unwrap();
    assert_eq!(c.body["toolConfig"]["toolChoice"], json!({"auto": {}}));
    assert!(c.warnings[0].to_string().contains("'f' became 'auto'"));
}

#[test]
fn nova2_reasoning() {
    let mut req = ChatRequest::new(
        "us.amazon.nova-2-lite-v1:0",
        Conversation::from_prompt("hi"),
    );
    req.reasoning = Some(ReasoningLevel::High);
    req.inference.max_tokens = Some(1000);
    req.inference.temperature = Some(0.5);
    let c = to_converse(&req).unwrap();
    assert_eq!(
        c.body["additionalModelRequestFields"],
        json!({"reasoningConfig": {"type": "enabled", "maxReasoningEffort": "high"}})
    );
    assert_eq!(c.body["inferenceConfig"], json!({}));
    assert_eq!(c.warnings.len(), 2);

    req.reasoning = Some(ReasoningLevel::Low);
    let c = to_converse(&req).unwrap();
    assert_eq!(c.body["inferenceConfig"], json!({"maxTokens": 1000}));
}

#[test]
fn reasoning_on_models_without_a_setting_warns() {
    let mut req = ChatRequest::new(
        "us.meta.llama4-maverick-17b-instruct-v1:0",
        Conversation::from_prompt("hi"),
    );
    req.reasoning = Some(ReasoningLevel::High);
    let c = to_converse(&req).unwrap();
    assert!(c.body.get("additionalModelRequestFields").is_none());
    assert_eq!(
        c.warnings[0].to_string(),
        "reasoning not sent: brock knows no reasoning setting for this llama model"
    );

    let mut req = ChatRequest::new("us.deepseek.r1-v1:0", Conversation::from_prompt("hi"));
    req.reasoning = Some(ReasoningLevel::Off);
    assert!(
        to_converse(&req).unwrap().warnings[0]
            .to_string()
            .contains("always reasons")
    );
}

#[test]
fn prefill_anthropic_beta_and_user_fields() {
    let mut req = claude(Conversation::from_prompt("List three colours as JSON."));
    req.prefill = Some("[ ".into());
    req.anthropic_beta = vec!["context-1m-2025-08-07".into()];
    req.add_param("thinking.type=\"disabled\"").unwrap();
    let c = to_converse(&req).unwrap();
    assert_eq!(
        c.body["messages"][1],
        json!({"role": "assistant", "content": [{"text": "["}]})
    );
    assert_eq!(
        c.body["additionalModelRequestFields"],
        json!({"anthropic_beta": ["context-1m-2025-08-07"], "thinking": {"type": "disabled"}})
    );

    let mut req = ChatRequest::new("us.amazon.nova-micro-v1:0", Conversation::from_prompt("x"));
    req.anthropic_beta = vec!["b".into()];
    let c = to_converse(&req).unwrap();
    assert!(c.body.get("additionalModelRequestFields").is_none());
    assert!(
        c.warnings[0]
            .to_string()
            .starts_with("anthropic beta not sent")
    );
}

#[test]
fn history_tools_get_stand_in_definitions() {
    // A continued session with a tool call and no --tools: Bedrock needs a toolConfig.
    let name = "test_bedrock_llama_tool_result_followed_by_text_accepted.yaml";
    let want = sent(name, 0);
    let mut conv = Conversation::new();
    for m in want["messages"].as_array().unwrap() {
        conv.push(message_from_json(m).unwrap());
    }
    let req = request(name, 0, conv);
    let c = to_converse(&req).unwrap();
    assert_eq!(c.body["messages"], want["messages"]);
    assert_eq!(
        c.body["toolConfig"],
        json!({"tools": [{"toolSpec": {
            "name": "get_expenses",
            "description": "A tool used earlier in this conversation.",
            "inputSchema": {"json": {"type": "object", "properties": {}}}}}]})
    );

    // tool choice none: no tools unless the history needs them.
    let mut req = claude(Conversation::from_prompt("hi"));
    req.tools = vec![ToolSpec::new("f", None, json!({"type": "object"}))];
    req.tool_choice = Some(ToolChoice::None);
    assert!(to_converse(&req).unwrap().body.get("toolConfig").is_none());
}

#[test]
fn outgoing_history_rules() {
    let mut conv = Conversation::from_prompt("q");
    conv.push(Message::new(
        Role::Assistant,
        vec![
            Part::Reasoning {
                text: "unsigned".into(),
                signature: None,
            },
            Part::text(""),
            Part::text("a"),
        ],
    ));
    conv.push_user_text("q2");
    conv.messages.push(Message::user_text("q3"));
    let c = to_converse(&ChatRequest::new("us.deepseek.r1-v1:0", conv)).unwrap();
    assert_eq!(
        c.body["messages"],
        json!([
            {"role": "user", "content": [{"text": "q"}]},
            {"role": "assistant", "content": [{"text": "a"}]},
            {"role": "user", "content": [{"text": "q2"}, {"text": "q3"}]}
        ])
    );

    // Signed reasoning goes to Claude but not to other families.
    let mut conv = Conversation::from_prompt("q");
    conv.push(Message::new(
        Role::Assistant,
        vec![
            Part::Reasoning {
                text: "t".into(),
                signature: Some("s".into()),
            },
            Part::text("a"),
        ],
    ));
    conv.push_user_text("q2");
    let nova = to_converse(&ChatRequest::new("us.amazon.nova-pro-v1:0", conv.clone())).unwrap();
    assert_eq!(nova.body["messages"][1]["content"], json!([{"text": "a"}]));
    let c = to_converse(&claude(conv)).unwrap();
    assert_eq!(
        c.body["messages"][1]["content"].as_array().unwrap().len(),
        2
    );
}

#[test]
fn cache_warnings() {
    let mut req = ChatRequest::new(
        "us.meta.llama4-maverick-17b-instruct-v1:0",
        Conversation::from_prompt("hi").with_system("s"),
    );
    req.cache = true;
    let c = to_converse(&req).unwrap();
    assert_eq!(c.body["system"], json!([{"text": "s"}]));
    assert_eq!(c.warnings.len(), 1);
    assert!(
        c.warnings[0]
            .to_string()
            .starts_with("cache point not sent")
    );

    let mut req = claude(Conversation::from_prompt("hi"));
    req.cache = true;
    let w = to_converse(&req).unwrap().warnings;
    assert_eq!(
        w[0].to_string(),
        "cache not sent: there is no system prompt or tool definition to cache"
    );

    let mut req = claude(Conversation::from_prompt("hi"));
    req.cache = true;
    req.tools = vec![ToolSpec::new("f", None, json!({"type": "object"}))];
    let c = to_converse(&req).unwrap();
    assert_eq!(
        c.body["toolConfig"]["tools"][1],
        json!({"cachePoint": {"type": "default"}})
    );
    assert!(c.warnings.is_empty());
}

#[test]
fn structured_output_without_native_support_and_no_user_tools() {
    let mut req = ChatRequest::new("us.amazon.nova-micro-v1:0", Conversation::from_prompt("x"));
    req.json_schema = Some(JsonSchema::new(json!({"type": "object"})));
    let c = to_converse(&req).unwrap();
    assert_eq!(
        c.body["toolConfig"]["toolChoice"],
        json!({"tool": {"name": "json_response"}})
    );
    // On a model that cannot be forced, the answer may come back as text.
    let mut req = ChatRequest::new(
        "us.meta.llama4-maverick-17b-instruct-v1:0",
        Conversation::from_prompt("x"),
    );
    req.json_schema = Some(JsonSchema::any_object());
    let c = to_converse(&req).unwrap();
    assert_eq!(c.body["toolConfig"]["toolChoice"], json!({"auto": {}}));
    let mut resp = ChatResponse {
        message: Message::assistant_text("{\"a\": 1}"),
        stop_reason: StopReason::EndTurn,
        usage: Usage::default(),
        latency_ms: None,
        additional_fields: None,
        trace: None,
        service_tier: None,
    };
    let v = take_structured_answer(&mut resp, c.structured.as_ref().unwrap()).unwrap();
    assert_eq!(v, Some(json!({"a": 1})));
    resp.message = Message::assistant_text("no json here");
    assert!(take_structured_answer(&mut resp, c.structured.as_ref().unwrap()).is_err());
}

#[test]
fn responses_parse() {
    let r = answer("test_bedrock_model_with_code_execution_tool.yaml", 0);
    assert_eq!(r.stop_reason, StopReason::ToolUse);
    assert_eq!(r.message.content.len(), 3);
    assert_eq!(r.latency_ms, Some(1604));

    let r = answer("test_bedrock_model_thinking_part_deepseek.yaml", 0);
    assert!(matches!(
        r.message.content[1],
        Part::Reasoning {
            signature: None,
            ..
        }
    ));

    assert!(parse_response(b"{}").is_err());
    assert!(parse_response(b"nope").is_err());
    let r = parse_response(br#"{"output": {"message": {"role": "assistant", "content": [{"somethingNew": {"x": 1}}]}}, "stopReason": "malformed_tool_use", "usage": {}}"#).unwrap();
    assert_eq!(
        r.stop_reason,
        StopReason::Other("malformed_tool_use".into())
    );
    assert_eq!(
        r.message.content,
        vec![Part::Unknown {
            block: json!({"somethingNew": {"x": 1}})
        }]
    );
    let e = parse_response(
        br#"{"output": {"message": {"role": "system", "content": []}}, "stopReason": "end_turn"}"#,
    )
    .unwrap_err()
    .to_string();
    assert_eq!(
        e,
        "unexpected response from Bedrock: message role 'system' is neither user nor assistant"
    );
}

#[test]
fn golden_count_tokens() {
    let name = "test_bedrock_count_tokens_tool_config.yaml";
    let mut req = request(
        name,
        0,
        Conversation::from_prompt("What is the weather in Paris?"),
    );
    req.tools = vec![ToolSpec::new(
        "get_weather",
        Some("Get the weather for a location".into()),
        json!({"type": "object", "properties": {"location": {"type": "string"}}}),
    )];
    req.tool_choice = Some(ToolChoice::Auto);
    assert_eq!(to_count_tokens(&req).unwrap(), sent(name, 0));
    assert_eq!(
        crate::model::ModelRef::parse(&req.model_id)
            .unwrap()
            .base_model_id(),
        Some("anthropic.claude-sonnet-4-20250514-v1:0")
    );

    let name = "test_bedrock_count_tokens_additional_model_requests_fields.yaml";
    let mut req = request(name, 0, Conversation::from_prompt("Hello, world!"));
    req.anthropic_beta = vec!["context-1m-2025-08-07".into()];
    assert_eq!(to_count_tokens(&req).unwrap(), sent(name, 0));

    let name = "test_bedrock_model_usage_limit_exceeded.yaml";
    let mut conv = Conversation::new();
    conv.push(Message::new(
        Role::User,
        vec![
            Part::text("The quick brown fox jumps over the lazydog."),
            Part::cache_point(),
            Part::text("What was next?"),
        ],
    ));
    assert_eq!(
        to_count_tokens(&request(name, 0, conv)).unwrap(),
        sent(name, 0)
    );
}

/// Claude with the interleaved-thinking beta: the budget covers every thinking block of the turn
/// and may exceed max tokens, so brock leaves max tokens alone (without the beta it raises them).
#[test]
fn interleaved_thinking_budget_may_exceed_max_tokens() {
    let mut req = ChatRequest::new(
        "us.anthropic.claude-sonnet-4-20250514-v1:0".to_string(),
        Conversation::from_prompt("hi"),
    );
    req.inference.max_tokens = Some(2000);
    req.reasoning = Some(ReasoningLevel::Budget(8000));
    let plain = to_converse(&req).unwrap();
    assert_eq!(
        plain.body["inferenceConfig"]["maxTokens"],
        8000 + THINKING_ANSWER_HEADROOM
    );

    req.anthropic_beta = vec!["interleaved-thinking-2025-05-14".into()];
    let c = to_converse(&req).unwrap();
    assert_eq!(c.body["inferenceConfig"]["maxTokens"], 2000);
    assert_eq!(
        c.body["additionalModelRequestFields"]["thinking"]["budget_tokens"],
        8000
    );
    assert!(c.warnings.iter().all(|w| !w.to_string().contains("raised")));

    // The same beta given as a model field (--param) counts too.
    req.anthropic_beta.clear();
    req.additional_fields.insert(
        "anthropic_beta".into(),
        json!(["interleaved-thinking-2025-05-14"]),
    );
    assert_eq!(
        to_converse(&req).unwrap().body["inferenceConfig"]["maxTokens"],
        2000
    );
}

/// Native structured output: every object schema gets `additionalProperties: false`, which
/// Bedrock requires; a schema that allows extra properties on purpose goes by forced tool.
#[test]
fn native_schemas_are_made_strict_or_sent_as_a_tool() {
    let mut req = ChatRequest::new(
        "zai.glm-4.7-flash".to_string(),
        Conversation::from_prompt("Where is the Eiffel Tower?"),
    );
    let schema = json!({
        "type": "object",
        "properties": {
            "place": {"type": "object", "properties": {"city": {"type": "string"}}},
            "tags": {"type": "array", "items": {"type": "object", "properties": {"t": {"type": "string"}}}},
            "alt": {"anyOf": [{"type": "object", "properties": {}}, {"type": "null"}]},
        },
        "$defs": {"P": {"type": "object", "properties": {"x": {"type": "integer"}}, "additionalProperties": false}},
    });
    req.json_schema = Some(JsonSchema {
        name: "City".into(),
        description: None,
        schema: Some(schema),
    });
    let c = to_converse(&req).unwrap();
    assert_eq!(c.structured, Some(StructuredOutput::Native));
    let sent: Value = serde_json::from_str(
        c.body
            .pointer("/outputConfig/textFormat/structure/jsonSchema/schema")
            .unwrap()
            .as_str()
            .unwrap(),
    )
    .unwrap();
    for path in [
        "",
        "/properties/place",
        "/properties/tags/items",
        "/properties/alt/anyOf/0",
        "/$defs/P",
    ] {
        assert_eq!(
            sent.pointer(&format!("{path}/additionalProperties")),
            Some(&json!(false)),
            "{path} in {sent}"
        );
    }
    assert!(
        sent.pointer("/properties/alt/anyOf/1/additionalProperties")
            .is_none()
    );

    req.json_schema.as_mut().unwrap().schema = Some(json!({
        "type": "object", "properties": {"a": {"type": "string"}}, "additionalProperties": true,
    }));
    let c = to_converse(&req).unwrap();
    assert!(matches!(c.structured, Some(StructuredOutput::Tool { .. })));
    assert!(c.body.get("outputConfig").is_none());
    assert!(
        c.warnings
            .iter()
            .any(|w| w.to_string().contains("allows additional properties")),
        "{:?}",
        c.warnings
    );
}
