//! Table-driven tests per family: a canonical conversation → the exact native body, and
//! documented answers (whole and streamed) → the canonical answer. Each case names where its
//! expected body comes from.

use base64::Engine;
use serde_json::{Value, json};

use super::*;
use crate::converse::to_converse;
use crate::message::Conversation;
use crate::request::ChatRequest;
use crate::stream::Accumulator;
use crate::think::{DEFAULT_TAGS, InlineThinkSplitter};

/// System "Be brief.", then user "Hi", assistant "Hello!", user "What is 2+2?"; max tokens
/// 100, temperature 0.5, top-p 0.9, stop "END".
fn conversation(model: &str) -> ChatRequest {
    let mut c = Conversation::default();
    c.system.push(crate::message::SystemPart::Text {
        text: "Be brief.".into(),
    });
    c.push_user_text("Hi");
    c.push(Message::assistant_text("Hello!"));
    c.push_user_text("What is 2+2?");
    let mut r = ChatRequest::new(model, c);
    r.inference.max_tokens = Some(100);
    r.inference.temperature = Some(0.5);
    r.inference.top_p = Some(0.9);
    r.inference.stop = vec!["END".into()];
    r
}

fn body_of(family: InvokeFamily, req: &ChatRequest) -> InvokeBody {
    let conv = to_converse(req).unwrap();
    family.body(&conv, &req.model_id).unwrap()
}

/// Llama 2 Chat: Meta's Llama 2 template (meta-llama/llama `chat_completion`: the system
/// prompt inside the first `[INST]`, each exchange in `<s>…</s>`), in the Llama body.
#[test]
fn llama2_chat_template() {
    use crate::message::Role::{Assistant, User};
    type Case<'a> = (Option<&'a str>, Vec<(Role, &'a str)>, &'a str);
    let cases: Vec<Case> = vec![
        (None, vec![(User, "Hi")], "<s>[INST] Hi [/INST]"),
        (
            Some("Be brief."),
            vec![(User, "Hi")],
            "<s>[INST] <<SYS>>\nBe brief.\n<</SYS>>\n\nHi [/INST]",
        ),
        (
            Some("Be brief."),
            vec![(User, "Hi"), (Assistant, "Hello!"), (User, "What is 2+2?")],
            "<s>[INST] <<SYS>>\nBe brief.\n<</SYS>>\n\nHi [/INST] Hello! </s><s>[INST] What is 2+2? [/INST]",
        ),
        (
            None,
            vec![(User, "Hi"), (Assistant, "Sure,")],
            "<s>[INST] Hi [/INST] Sure,",
        ),
    ];
    for (system, turns, want) in cases {
        let turns: Vec<(Role, String)> = turns.into_iter().map(|(r, t)| (r, t.into())).collect();
        assert_eq!(llama2::llama2_prompt(system, &turns), want, "{turns:?}");
    }
    let b = body_of(
        InvokeFamily::Llama,
        &conversation("meta.llama2-13b-chat-v1"),
    );
    assert_eq!(
        b.body,
        json!({"prompt": "<s>[INST] <<SYS>>\nBe brief.\n<</SYS>>\n\nHi [/INST] Hello! </s><s>[INST] What is 2+2? [/INST]",
            "max_gen_len": 100, "temperature": 0.5, "top_p": 0.9})
    );
    assert!(llama2::is_llama2("us.meta.llama2-70b-chat-v1"));
    assert!(!llama2::is_llama2("meta.llama3-1-8b-instruct-v1:0"));
}

/// Cohere Command (text) v14: AWS "Cohere Command models" (`prompt`, `max_tokens`,
/// `temperature`, `p`, `stop_sequences`, `stream`; answers in `generations[].text`).
#[test]
fn cohere_command_text() {
    use crate::message::Role::{Assistant, User};
    let single = vec![(User, "Hi".to_string())];
    assert_eq!(cohere_text::prompt(None, &single), "Hi");
    let turns = vec![
        (User, "Hi".to_string()),
        (Assistant, "Hello!".to_string()),
        (User, "What is 2+2?".to_string()),
    ];
    assert_eq!(
        cohere_text::prompt(Some("Be brief."), &turns),
        "Be brief.\n\nUser: Hi\nChatbot: Hello!\nUser: What is 2+2?\nChatbot:"
    );
    let req = conversation("cohere.command-text-v14");
    let conv = to_converse(&req).unwrap();
    let f = InvokeFamily::for_model(ModelFamily::Cohere, "cohere.command-text-v14").unwrap();
    assert_eq!(f, InvokeFamily::CohereText);
    assert_eq!(
        InvokeFamily::for_model(ModelFamily::Cohere, "cohere.command-r-v1:0"),
        Some(InvokeFamily::Cohere)
    );
    let want = json!({"prompt": "Be brief.\n\nUser: Hi\nChatbot: Hello!\nUser: What is 2+2?\nChatbot:",
        "max_tokens": 100, "temperature": 0.5, "p": 0.9, "stop_sequences": ["END"]});
    assert_eq!(f.body(&conv, &req.model_id).unwrap().body, want);
    let mut streamed = want.clone();
    streamed["stream"] = json!(true);
    assert_eq!(
        f.body_for(&conv, &req.model_id, true).unwrap().body,
        streamed
    );

    let whole = json!({"generations": [{"finish_reason": "MAX_TOKENS", "id": "g", "text": " Four"}],
        "id": "r", "prompt": "p"});
    let resp = f.parse_whole(whole.to_string().as_bytes()).unwrap();
    assert_eq!(resp.message.text(), " Four");
    assert_eq!(resp.stop_reason, StopReason::MaxTokens);
    let mut d = InvokeDecoder::new(f);
    let mut acc = Accumulator::new();
    for c in [
        json!({"text": " Fo", "is_finished": false}),
        json!({"text": "ur", "is_finished": false}),
        json!({"is_finished": true, "finish_reason": "COMPLETE", "amazon-bedrock-invocationMetrics": metrics()}),
    ] {
        for e in d.decode_chunk(&c).unwrap() {
            acc.push(&e);
        }
    }
    let resp = acc.finish().unwrap();
    assert_eq!(resp.message.text(), " Four");
    assert_eq!(resp.stop_reason, StopReason::EndTurn);
}

/// AI21 Jurassic-2: AWS "AI21 Labs Jurassic-2 models" (`prompt`, `maxTokens`, `temperature`,
/// `topP`, `stopSequences`; `completions[].data.text`); no streaming.
#[test]
fn jurassic2() {
    let req = conversation("ai21.j2-ultra-v1");
    let conv = to_converse(&req).unwrap();
    let f = InvokeFamily::for_model(ModelFamily::Ai21, "ai21.j2-ultra-v1").unwrap();
    assert_eq!(f, InvokeFamily::Jurassic2);
    assert_eq!(
        InvokeFamily::for_model(ModelFamily::Ai21, "ai21.jamba-1-5-mini-v1:0"),
        Some(InvokeFamily::Ai21)
    );
    assert_eq!(
        f.body(&conv, &req.model_id).unwrap().body,
        json!({"prompt": "Be brief.\n\nUser: Hi\nChatbot: Hello!\nUser: What is 2+2?\nChatbot:",
            "maxTokens": 100, "temperature": 0.5, "topP": 0.9, "stopSequences": ["END"]})
    );
    let err = f
        .body_for(&conv, &req.model_id, true)
        .unwrap_err()
        .to_string();
    assert!(err.contains("--no-stream"), "{err}");
    let whole = json!({"id": 1, "prompt": {"text": "p", "tokens": [{}, {}]},
        "completions": [{"data": {"text": " Four", "tokens": [{}]}, "finishReason": {"reason": "length"}}]});
    let resp = f.parse_whole(whole.to_string().as_bytes()).unwrap();
    assert_eq!(resp.message.text(), " Four");
    assert_eq!(resp.stop_reason, StopReason::MaxTokens);
    assert_eq!((resp.usage.input, resp.usage.output), (2, 1));
}

#[test]
fn request_bodies() {
    let arn = "arn:aws:bedrock:us-east-1:123456789012:imported-model/abcdefghijkl";
    // (family, model id, expected body, source)
    let cases: Vec<(InvokeFamily, &str, Value, &str)> = vec![
        (
            InvokeFamily::Anthropic,
            "anthropic.claude-3-haiku-20240307-v1:0",
            json!({"anthropic_version": "bedrock-2023-05-31", "max_tokens": 100,
                "system": [{"type": "text", "text": "Be brief."}],
                "messages": [
                    {"role": "user", "content": [{"type": "text", "text": "Hi"}]},
                    {"role": "assistant", "content": [{"type": "text", "text": "Hello!"}]},
                    {"role": "user", "content": [{"type": "text", "text": "What is 2+2?"}]}],
                "temperature": 0.5, "top_p": 0.9, "stop_sequences": ["END"]}),
            "AWS model-parameters-anthropic-claude-messages.html request syntax",
        ),
        (
            InvokeFamily::Llama,
            "meta.llama3-1-8b-instruct-v1:0",
            json!({"prompt": "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nBe brief.<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\nHello!<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nWhat is 2+2?<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n",
                "max_gen_len": 100, "temperature": 0.5, "top_p": 0.9}),
            "AWS model-parameters-meta.html (Llama 3 prompt example and fields)",
        ),
        (
            InvokeFamily::MistralText,
            "mistral.mistral-7b-instruct-v0:2",
            json!({"prompt": "<s>[INST] Be brief.\n\nHi [/INST] Hello!</s>[INST] What is 2+2? [/INST]",
                "max_tokens": 100, "temperature": 0.5, "top_p": 0.9, "stop": ["END"]}),
            "AWS model-parameters-mistral-text-completion.html; Mistral instruct format",
        ),
        (
            InvokeFamily::MistralChat,
            "mistral.mistral-large-2407-v1:0",
            json!({"messages": [
                    {"role": "system", "content": "Be brief."},
                    {"role": "user", "content": "Hi"},
                    {"role": "assistant", "content": "Hello!"},
                    {"role": "user", "content": "What is 2+2?"}],
                "max_tokens": 100, "temperature": 0.5, "top_p": 0.9, "stop": ["END"]}),
            "AWS model-parameters-mistral-chat-completion.html",
        ),
        (
            InvokeFamily::TitanText,
            "amazon.titan-text-express-v1",
            json!({"inputText": "\n\nUser: <admin>Be brief.</admin>\n\nUser: Hi\n\nBot: Hello!\n\nUser: What is 2+2?\n\nBot: ",
                "textGenerationConfig": {"maxTokenCount": 100, "stopSequences": ["END"],
                    "temperature": 0.5, "topP": 0.9}}),
            "AWS model-parameters-titan-text.html; LiteLLM amazon_titan_pt",
        ),
        (
            InvokeFamily::Nova,
            "us.amazon.nova-lite-v1:0",
            json!({"schemaVersion": "messages-v1",
                "system": [{"text": "Be brief."}],
                "messages": [
                    {"role": "user", "content": [{"text": "Hi"}]},
                    {"role": "assistant", "content": [{"text": "Hello!"}]},
                    {"role": "user", "content": [{"text": "What is 2+2?"}]}],
                "inferenceConfig": {"max_new_tokens": 100, "temperature": 0.5, "top_p": 0.9,
                    "stopSequences": ["END"]}}),
            "AWS Nova user guide, using-invoke-api.html",
        ),
        (
            InvokeFamily::Cohere,
            "cohere.command-r-v1:0",
            json!({"message": "What is 2+2?",
                "chat_history": [{"role": "USER", "message": "Hi"},
                    {"role": "CHATBOT", "message": "Hello!"}],
                "preamble": "Be brief.", "max_tokens": 100, "temperature": 0.5, "p": 0.9,
                "stop_sequences": ["END"]}),
            "AWS model-parameters-cohere-command-r-plus.html",
        ),
        (
            InvokeFamily::Ai21,
            "ai21.jamba-1-5-mini-v1:0",
            json!({"messages": [
                    {"role": "system", "content": "Be brief."},
                    {"role": "user", "content": "Hi"},
                    {"role": "assistant", "content": "Hello!"},
                    {"role": "user", "content": "What is 2+2?"}],
                "max_tokens": 100, "temperature": 0.5, "top_p": 0.9, "stop": ["END"]}),
            "AWS model-parameters-jamba.html",
        ),
        (
            InvokeFamily::DeepSeek,
            "us.deepseek.r1-v1:0",
            json!({"prompt": "<｜begin▁of▁sentence｜>Be brief.<｜User｜>Hi<｜Assistant｜>Hello!<｜end▁of▁sentence｜><｜User｜>What is 2+2?<｜Assistant｜><think>\n",
                "max_tokens": 100, "temperature": 0.5, "top_p": 0.9, "stop": ["END"]}),
            "AWS model-parameters-deepseek.html (prompt format and fields)",
        ),
        (
            InvokeFamily::DeepSeekR1Imported,
            arn,
            json!({"prompt": "<｜begin▁of▁sentence｜>Be brief.<｜User｜>Hi<｜Assistant｜>Hello!<｜end▁of▁sentence｜><｜User｜>What is 2+2?<｜Assistant｜><think>\n",
                "max_gen_len": 100, "temperature": 0.5, "top_p": 0.9}),
            "LiteLLM amazon_deepseek_transformation.py / AmazonLlamaConfig",
        ),
        (
            InvokeFamily::Qwen3,
            arn,
            json!({"prompt": "<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\nHello!<|im_end|>\n<|im_start|>user\nWhat is 2+2?<|im_end|>\n<|im_start|>assistant\n",
                "max_gen_len": 100, "temperature": 0.5, "top_p": 0.9, "stop": ["END"]}),
            "LiteLLM amazon_qwen3_transformation.py",
        ),
        (
            InvokeFamily::Qwen2,
            arn,
            json!({"prompt": "<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\nHello!<|im_end|>\n<|im_start|>user\nWhat is 2+2?<|im_end|>\n<|im_start|>assistant\n",
                "max_gen_len": 100, "temperature": 0.5, "top_p": 0.9, "stop": ["END"]}),
            "LiteLLM amazon_qwen2_transformation.py (inherits the Qwen3 request)",
        ),
        (
            InvokeFamily::OpenAi,
            "openai.gpt-oss-20b-1:0",
            json!({"messages": [
                    {"role": "system", "content": "Be brief."},
                    {"role": "user", "content": "Hi"},
                    {"role": "assistant", "content": "Hello!"},
                    {"role": "user", "content": "What is 2+2?"}],
                "max_completion_tokens": 100, "temperature": 0.5, "top_p": 0.9, "stop": ["END"]}),
            "AWS model-parameters-openai.html",
        ),
        (
            InvokeFamily::OpenAi,
            arn,
            json!({"model": arn, "messages": [
                    {"role": "system", "content": "Be brief."},
                    {"role": "user", "content": "Hi"},
                    {"role": "assistant", "content": "Hello!"},
                    {"role": "user", "content": "What is 2+2?"}],
                "max_tokens": 100, "temperature": 0.5, "top_p": 0.9, "stop": ["END"]}),
            "LiteLLM amazon_openai_transformation.py (OpenAI body, model = ARN)",
        ),
    ];
    for (family, model, want, source) in cases {
        let got = body_of(family, &conversation(model));
        assert_eq!(got.body, want, "{family} ({source})");
    }
}

#[test]
fn dropped_settings_are_warned() {
    let b = body_of(
        InvokeFamily::Llama,
        &conversation("meta.llama3-1-8b-instruct-v1:0"),
    );
    assert!(
        b.warnings
            .iter()
            .any(|w| w.to_string().starts_with("stop sequences not sent")),
        "{:?}",
        b.warnings
    );
}

fn tool_request(model: &str) -> ChatRequest {
    let mut r = conversation(model);
    r.inference.stop.clear();
    r.tools = vec![crate::message::ToolSpec {
        name: "get_weather".into(),
        description: Some("Weather of a city".into()),
        input_schema: json!({"type": "object", "properties": {"city": {"type": "string",
            "description": "City name"}}, "required": ["city"]}),
        strict: None,
        builtin: None,
    }];
    r.tool_choice = Some(crate::message::ToolChoice::Any);
    r
}

#[test]
fn tools_per_family() {
    let schema = json!({"type": "object", "properties": {"city": {"type": "string",
        "description": "City name"}}, "required": ["city"]});
    // Anthropic: AWS model-parameters-anthropic-claude-messages.html, "tools" and "tool_choice".
    let b = body_of(
        InvokeFamily::Anthropic,
        &tool_request("anthropic.claude-3-haiku-20240307-v1:0"),
    );
    assert_eq!(
        b.body["tools"],
        json!([{"name": "get_weather", "description": "Weather of a city", "input_schema": schema}])
    );
    assert_eq!(b.body["tool_choice"], json!({"type": "any"}));
    // OpenAI: chat.completions tools (AWS model-parameters-openai.html).
    let b = body_of(
        InvokeFamily::OpenAi,
        &tool_request("openai.gpt-oss-20b-1:0"),
    );
    assert_eq!(
        b.body["tools"],
        json!([{"type": "function", "function": {"name": "get_weather",
            "description": "Weather of a city", "parameters": schema}}])
    );
    // gpt-oss has no forced tool choice (core::model capabilities): Converse's plan keeps auto.
    assert_eq!(b.body["tool_choice"], json!("auto"));
    // Mistral chat: tool_choice "any" (AWS model-parameters-mistral-chat-completion.html).
    let b = body_of(
        InvokeFamily::MistralChat,
        &tool_request("mistral.mistral-large-2407-v1:0"),
    );
    assert_eq!(b.body["tool_choice"], json!("any"));
    // Cohere: parameter_definitions (AWS model-parameters-cohere-command-r-plus.html).
    let b = body_of(InvokeFamily::Cohere, &tool_request("cohere.command-r-v1:0"));
    assert_eq!(
        b.body["tools"],
        json!([{"name": "get_weather", "description": "Weather of a city",
            "parameter_definitions": {"city": {"type": "str", "required": true,
                "description": "City name"}}}])
    );
    // Nova: Converse-shaped toolConfig (Nova using-invoke-api.html).
    let b = body_of(
        InvokeFamily::Nova,
        &tool_request("us.amazon.nova-lite-v1:0"),
    );
    assert_eq!(
        b.body["toolConfig"]["tools"][0]["toolSpec"]["inputSchema"]["json"],
        schema
    );
    assert_eq!(b.body["toolConfig"]["toolChoice"], json!({"any": {}}));
}

#[test]
fn anthropic_thinking_images_cache_and_beta() {
    let mut r = conversation("us.anthropic.claude-sonnet-4-20250514-v1:0");
    r.inference.temperature = None;
    r.inference.top_p = None;
    r.inference.max_tokens = Some(4000);
    r.reasoning = Some(crate::request::ReasoningLevel::Budget(2048));
    r.cache = true;
    r.anthropic_beta = vec!["interleaved-thinking-2025-05-14".into()];
    r.conversation.messages[0].content.insert(
        0,
        Part::Image {
            format: crate::message::ImageFormat::Png,
            source: crate::message::Source::Bytes(vec![1, 2, 3]),
        },
    );
    r.conversation.messages[0].content.push(Part::Document {
        format: crate::message::DocumentFormat::Txt,
        name: "notes".into(),
        source: crate::message::Source::Bytes(b"plain".to_vec()),
    });
    let b = body_of(InvokeFamily::Anthropic, &r).body;
    assert_eq!(
        b["thinking"],
        json!({"type": "enabled", "budget_tokens": 2048})
    );
    assert_eq!(
        b["anthropic_beta"],
        json!(["interleaved-thinking-2025-05-14"])
    );
    assert_eq!(
        b["system"],
        json!([{"type": "text", "text": "Be brief.", "cache_control": {"type": "ephemeral"}}])
    );
    assert_eq!(
        b["messages"][0]["content"][0],
        json!({"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "AQID"}})
    );
    assert_eq!(
        b["messages"][0]["content"][2],
        json!({"type": "document", "title": "notes",
            "source": {"type": "text", "media_type": "text/plain", "data": "plain"}})
    );
}

#[test]
fn openai_images_and_tool_turns() {
    let mut r = tool_request("openai.gpt-oss-20b-1:0");
    r.conversation.messages[0].content.insert(
        0,
        Part::Image {
            format: crate::message::ImageFormat::Jpeg,
            source: crate::message::Source::Bytes(vec![1, 2, 3]),
        },
    );
    r.conversation.push(Message::new(
        Role::Assistant,
        vec![Part::ToolUse {
            id: "call_1".into(),
            name: "get_weather".into(),
            input: json!({"city": "Paris"}),
            kind: None,
        }],
    ));
    r.conversation.push(Message::new(
        Role::User,
        vec![Part::ToolResult {
            tool_use_id: "call_1".into(),
            content: vec![crate::message::ToolResultContent::Text {
                text: "sunny".into(),
            }],
            status: None,
            kind: None,
        }],
    ));
    let b = body_of(InvokeFamily::OpenAi, &r).body;
    let msgs = b["messages"].as_array().unwrap();
    assert_eq!(
        msgs[1]["content"],
        json!([{"type": "image_url", "image_url": {"url": "data:image/jpeg;base64,AQID"}},
            {"type": "text", "text": "Hi"}])
    );
    assert_eq!(
        msgs[4],
        json!({"role": "assistant", "content": null, "tool_calls": [{"id": "call_1",
            "type": "function", "function": {"name": "get_weather", "arguments": "{\"city\":\"Paris\"}"}}]})
    );
    assert_eq!(
        msgs[5],
        json!({"role": "tool", "tool_call_id": "call_1", "content": "sunny"})
    );
}

/// Documented whole answers → canonical (text, reasoning, stop, input, output).
#[test]
fn whole_responses() {
    let cases: Vec<(InvokeFamily, Value, &str, &str, StopReason, u64, u64)> = vec![
        (
            // AWS model-parameters-anthropic-claude-messages.html response example.
            InvokeFamily::Anthropic,
            json!({"id": "msg_bdrk_01", "type": "message", "role": "assistant",
                "model": "claude-3-haiku-20240307", "content": [{"type": "text", "text": "4"}],
                "stop_reason": "end_turn", "stop_sequence": null,
                "usage": {"input_tokens": 12, "output_tokens": 1}}),
            "4",
            "",
            StopReason::EndTurn,
            12,
            1,
        ),
        (
            // AWS model-parameters-meta.html response body.
            InvokeFamily::Llama,
            json!({"generation": "4", "prompt_token_count": 20, "generation_token_count": 2,
                "stop_reason": "stop"}),
            "4",
            "",
            StopReason::EndTurn,
            20,
            2,
        ),
        (
            // AWS model-parameters-mistral-text-completion.html response body.
            InvokeFamily::MistralText,
            json!({"outputs": [{"text": " 4", "stop_reason": "length"}]}),
            " 4",
            "",
            StopReason::MaxTokens,
            0,
            0,
        ),
        (
            // AWS model-parameters-mistral-chat-completion.html response body.
            InvokeFamily::MistralChat,
            json!({"choices": [{"index": 0, "message": {"role": "assistant", "content": "4"},
                "stop_reason": "stop"}]}),
            "4",
            "",
            StopReason::EndTurn,
            0,
            0,
        ),
        (
            // AWS model-parameters-titan-text.html response body.
            InvokeFamily::TitanText,
            json!({"inputTextTokenCount": 9, "results": [{"tokenCount": 1, "outputText": "4",
                "completionReason": "FINISH"}]}),
            "4",
            "",
            StopReason::EndTurn,
            9,
            1,
        ),
        (
            // Nova using-invoke-api.html response body.
            InvokeFamily::Nova,
            json!({"output": {"message": {"content": [{"text": "4"}], "role": "assistant"}},
                "stopReason": "end_turn", "usage": {"inputTokens": 7, "outputTokens": 1,
                "totalTokens": 8, "cacheReadInputTokenCount": 0, "cacheWriteInputTokenCount": 0}}),
            "4",
            "",
            StopReason::EndTurn,
            7,
            1,
        ),
        (
            // AWS model-parameters-cohere-command-r-plus.html response body.
            InvokeFamily::Cohere,
            json!({"response_id": "r", "text": "4", "generation_id": "g", "chat_history": [],
                "finish_reason": "COMPLETE", "meta": {"billed_units": {"input_tokens": 5,
                "output_tokens": 1}}}),
            "4",
            "",
            StopReason::EndTurn,
            5,
            1,
        ),
        (
            // AWS model-parameters-jamba.html response body.
            InvokeFamily::Ai21,
            json!({"id": "chatcmpl", "choices": [{"index": 0, "message": {"role": "assistant",
                "content": "4", "tool_calls": null}, "finish_reason": "stop"}],
                "usage": {"prompt_tokens": 6, "completion_tokens": 1, "total_tokens": 7}}),
            "4",
            "",
            StopReason::EndTurn,
            6,
            1,
        ),
        (
            // AWS model-parameters-deepseek.html response body; the prompt opened <think>.
            InvokeFamily::DeepSeek,
            json!({"choices": [{"text": "Add them.\n</think>\n\n4", "stop_reason": "stop"}]}),
            "4",
            "Add them.",
            StopReason::EndTurn,
            0,
            0,
        ),
        (
            // LiteLLM amazon_deepseek_transformation.py: Llama-shaped `generation`.
            InvokeFamily::DeepSeekR1Imported,
            json!({"generation": "Add them.</think>4", "prompt_token_count": 3,
                "generation_token_count": 4, "stop_reason": "stop"}),
            "4",
            "Add them.",
            StopReason::EndTurn,
            3,
            4,
        ),
        (
            // LiteLLM amazon_qwen3_transformation.py: `generation`, ChatML markers removed.
            InvokeFamily::Qwen3,
            json!({"generation": "<think>Add.</think>\n\n4<|im_end|>", "stop_reason": "stop"}),
            "4",
            "Add.",
            StopReason::EndTurn,
            0,
            0,
        ),
        (
            // LiteLLM amazon_qwen2_transformation.py: `text`.
            InvokeFamily::Qwen2,
            json!({"text": "<|im_start|>assistant\n4", "usage": {"prompt_tokens": 2,
                "completion_tokens": 1}}),
            "4",
            "",
            StopReason::EndTurn,
            2,
            1,
        ),
        (
            // AWS model-parameters-openai.html: gpt-oss reasoning inline in <reasoning>.
            InvokeFamily::OpenAi,
            json!({"id": "chatcmpl-1", "object": "chat.completion", "choices": [{"index": 0,
                "message": {"role": "assistant", "content": "<reasoning>Simple sum.</reasoning>4"},
                "finish_reason": "stop"}], "usage": {"prompt_tokens": 8, "completion_tokens": 5,
                "total_tokens": 13}}),
            "4",
            "Simple sum.",
            StopReason::EndTurn,
            8,
            5,
        ),
    ];
    for (family, body, text, reasoning, stop, input, output) in cases {
        let bytes = serde_json::to_vec(&body).unwrap();
        let mut r = family.parse_whole(&bytes).unwrap();
        if family.inline_think() {
            r.message = crate::think::split_message(&r.message, DEFAULT_TAGS);
        }
        assert_eq!(r.message.text(), text, "{family}");
        assert_eq!(r.message.reasoning_text(), reasoning, "{family}");
        assert_eq!(r.stop_reason, stop, "{family}");
        assert_eq!((r.usage.input, r.usage.output), (input, output), "{family}");
    }
}

#[test]
fn whole_tool_calls() {
    let r = InvokeFamily::Anthropic
        .parse_whole(
            json!({"content": [{"type": "thinking", "thinking": "hm", "signature": "sig"},
                {"type": "tool_use", "id": "toolu_1", "name": "get_weather", "input": {"city": "Paris"}}],
                "stop_reason": "tool_use", "usage": {"input_tokens": 1, "output_tokens": 2,
                "cache_read_input_tokens": 5}})
            .to_string()
            .as_bytes(),
        )
        .unwrap();
    assert_eq!(r.stop_reason, StopReason::ToolUse);
    assert_eq!(
        r.message.content[0],
        Part::Reasoning {
            text: "hm".into(),
            signature: Some("sig".into())
        }
    );
    assert_eq!(r.usage.cache_read, 5);
    let (id, name, input) = r.message.tool_uses().next().unwrap();
    assert_eq!(
        (id, name, input),
        ("toolu_1", "get_weather", &json!({"city": "Paris"}))
    );

    let r = InvokeFamily::OpenAi
        .parse_whole(
            json!({"choices": [{"message": {"role": "assistant", "content": null,
                "tool_calls": [{"id": "call_1", "type": "function", "function": {"name": "f",
                "arguments": "{\"a\":1}"}}]}, "finish_reason": "tool_calls"}]})
            .to_string()
            .as_bytes(),
        )
        .unwrap();
    assert_eq!(r.stop_reason, StopReason::ToolUse);
    assert_eq!(r.message.tool_uses().next().unwrap().2, &json!({"a": 1}));

    let r = InvokeFamily::Cohere
        .parse_whole(
            json!({"text": "", "finish_reason": "COMPLETE",
                "tool_calls": [{"name": "f", "parameters": {"a": 1}}]})
            .to_string()
            .as_bytes(),
        )
        .unwrap();
    assert_eq!(r.stop_reason, StopReason::ToolUse);
    assert_eq!(r.message.tool_uses().next().unwrap().1, "f");
}

#[test]
fn usage_headers_fill_missing_counts() {
    let mut r = InvokeFamily::MistralText
        .parse_whole(br#"{"outputs":[{"text":"x","stop_reason":"stop"}]}"#)
        .unwrap();
    apply_usage_headers(&mut r, |h| match h {
        "x-amzn-bedrock-input-token-count" => Some("11".into()),
        "x-amzn-bedrock-output-token-count" => Some("3".into()),
        "x-amzn-bedrock-invocation-latency" => Some("250".into()),
        _ => None,
    });
    assert_eq!((r.usage.input, r.usage.output, r.usage.total), (11, 3, 14));
    assert_eq!(r.latency_ms, Some(250));
}

fn metrics() -> Value {
    json!({"inputTokenCount": 10, "outputTokenCount": 4, "invocationLatency": 321,
        "firstByteLatency": 100})
}

/// Chunks as `chunk` events: `{"bytes": base64(JSON)}`.
fn events(chunks: &[Value]) -> Vec<Vec<u8>> {
    chunks
        .iter()
        .map(|c| {
            let b = base64::engine::general_purpose::STANDARD.encode(c.to_string());
            json!({"bytes": b}).to_string().into_bytes()
        })
        .collect()
}

fn run_stream(family: InvokeFamily, chunks: &[Value]) -> ChatResponse {
    let mut dec = InvokeDecoder::new(family);
    let mut think = family
        .inline_think()
        .then(|| InlineThinkSplitter::new(DEFAULT_TAGS));
    let mut acc = Accumulator::new();
    for payload in events(chunks) {
        for ev in dec.decode("chunk", &payload).unwrap() {
            let evs = match think.as_mut() {
                Some(t) => t.push(ev),
                None => vec![ev],
            };
            for e in evs {
                acc.push(&e);
            }
        }
    }
    if let Some(t) = think.as_mut() {
        for e in t.finish() {
            acc.push(&e);
        }
    }
    acc.finish().unwrap()
}

/// Documented stream chunk shapes → canonical answer; the last chunk carries the
/// invocation metrics, which become the usage.
#[test]
fn streamed_responses() {
    let last = |mut v: Value| {
        v["amazon-bedrock-invocationMetrics"] = metrics();
        v
    };
    let cases: Vec<(InvokeFamily, Vec<Value>, &str, &str, StopReason)> = vec![
        (
            // Anthropic streaming events (AWS model-parameters-anthropic-claude-messages.html).
            InvokeFamily::Anthropic,
            vec![
                json!({"type": "message_start", "message": {"usage": {"input_tokens": 10, "output_tokens": 1}}}),
                json!({"type": "content_block_start", "index": 0, "content_block": {"type": "thinking", "thinking": ""}}),
                json!({"type": "content_block_delta", "index": 0, "delta": {"type": "thinking_delta", "thinking": "Sum."}}),
                json!({"type": "content_block_delta", "index": 0, "delta": {"type": "signature_delta", "signature": "sig"}}),
                json!({"type": "content_block_stop", "index": 0}),
                json!({"type": "content_block_start", "index": 1, "content_block": {"type": "text", "text": ""}}),
                json!({"type": "content_block_delta", "index": 1, "delta": {"type": "text_delta", "text": "4"}}),
                json!({"type": "content_block_stop", "index": 1}),
                json!({"type": "message_delta", "delta": {"stop_reason": "end_turn"}, "usage": {"output_tokens": 4}}),
                last(json!({"type": "message_stop"})),
            ],
            "4",
            "Sum.",
            StopReason::EndTurn,
        ),
        (
            // AWS model-parameters-meta.html streaming chunks.
            InvokeFamily::Llama,
            vec![
                json!({"generation": "4", "prompt_token_count": 10, "generation_token_count": 1, "stop_reason": null}),
                last(
                    json!({"generation": "", "prompt_token_count": null, "generation_token_count": 2, "stop_reason": "stop"}),
                ),
            ],
            "4",
            "",
            StopReason::EndTurn,
        ),
        (
            InvokeFamily::MistralText,
            vec![
                json!({"outputs": [{"text": " 4", "stop_reason": null}]}),
                last(json!({"outputs": [{"text": "", "stop_reason": "stop"}]})),
            ],
            " 4",
            "",
            StopReason::EndTurn,
        ),
        (
            InvokeFamily::MistralChat,
            vec![
                json!({"choices": [{"index": 0, "message": {"role": "assistant", "content": "4"}, "stop_reason": null}]}),
                last(
                    json!({"choices": [{"index": 0, "message": {"role": "assistant", "content": ""}, "stop_reason": "stop"}]}),
                ),
            ],
            "4",
            "",
            StopReason::EndTurn,
        ),
        (
            // AWS model-parameters-titan-text.html streaming chunk.
            InvokeFamily::TitanText,
            vec![
                json!({"outputText": "4", "index": 0, "totalOutputTextTokenCount": 1, "completionReason": null, "inputTextTokenCount": 10}),
                last(
                    json!({"outputText": "", "index": 0, "totalOutputTextTokenCount": 4, "completionReason": "FINISH"}),
                ),
            ],
            "4",
            "",
            StopReason::EndTurn,
        ),
        (
            // Nova using-invoke-api.html streaming chunks.
            InvokeFamily::Nova,
            vec![
                json!({"messageStart": {"role": "assistant"}}),
                json!({"contentBlockDelta": {"delta": {"text": "4"}, "contentBlockIndex": 0}}),
                json!({"contentBlockStop": {"contentBlockIndex": 0}}),
                json!({"messageStop": {"stopReason": "end_turn"}}),
                last(json!({"metadata": {"usage": {"inputTokens": 10, "outputTokens": 4}}})),
            ],
            "4",
            "",
            StopReason::EndTurn,
        ),
        (
            // AWS model-parameters-cohere-command-r-plus.html streaming chunks.
            InvokeFamily::Cohere,
            vec![
                json!({"is_finished": false, "event_type": "stream-start", "generation_id": "g"}),
                json!({"is_finished": false, "event_type": "text-generation", "text": "4"}),
                last(
                    json!({"is_finished": true, "event_type": "stream-end", "finish_reason": "COMPLETE", "response": {"text": "4"}}),
                ),
            ],
            "4",
            "",
            StopReason::EndTurn,
        ),
        (
            InvokeFamily::Ai21,
            vec![
                json!({"id": "c", "choices": [{"index": 0, "delta": {"role": "assistant", "content": ""}, "finish_reason": null}]}),
                json!({"id": "c", "choices": [{"index": 0, "delta": {"content": "4"}, "finish_reason": null}]}),
                last(
                    json!({"id": "c", "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}),
                ),
            ],
            "4",
            "",
            StopReason::EndTurn,
        ),
        (
            InvokeFamily::DeepSeek,
            vec![
                json!({"choices": [{"text": "Add", "stop_reason": null}]}),
                json!({"choices": [{"text": ".</th", "stop_reason": null}]}),
                json!({"choices": [{"text": "ink>\n\n4", "stop_reason": null}]}),
                last(json!({"choices": [{"text": "", "stop_reason": "stop"}]})),
            ],
            "4",
            "Add.",
            StopReason::EndTurn,
        ),
        (
            InvokeFamily::Qwen3,
            vec![
                json!({"generation": "<think>Add.</think>4<|im_", "stop_reason": null}),
                last(json!({"generation": "end|>", "stop_reason": "stop"})),
            ],
            "4",
            "Add.",
            StopReason::EndTurn,
        ),
        (
            InvokeFamily::OpenAi,
            vec![
                json!({"object": "chat.completion.chunk", "choices": [{"index": 0, "delta": {"role": "assistant", "content": "<reason"}, "finish_reason": null}]}),
                json!({"object": "chat.completion.chunk", "choices": [{"index": 0, "delta": {"content": "ing>Sum.</reasoning>4"}, "finish_reason": null}]}),
                last(
                    json!({"object": "chat.completion.chunk", "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}),
                ),
            ],
            "4",
            "Sum.",
            StopReason::EndTurn,
        ),
    ];
    for (family, chunks, text, reasoning, stop) in cases {
        let r = run_stream(family, &chunks);
        assert_eq!(r.message.text(), text, "{family}");
        assert_eq!(r.message.reasoning_text(), reasoning, "{family}");
        assert_eq!(r.stop_reason, stop, "{family}");
        assert_eq!(r.usage.input, 10, "{family}");
        assert_eq!(r.usage.output, 4, "{family}");
        if family != InvokeFamily::Nova {
            assert_eq!(r.latency_ms, Some(321), "{family}");
        }
    }
}

#[test]
fn streamed_tool_calls() {
    let r = run_stream(
        InvokeFamily::Anthropic,
        &[
            json!({"type": "message_start", "message": {"usage": {"input_tokens": 10}}}),
            json!({"type": "content_block_start", "index": 0, "content_block": {"type": "tool_use", "id": "toolu_1", "name": "f", "input": {}}}),
            json!({"type": "content_block_delta", "index": 0, "delta": {"type": "input_json_delta", "partial_json": "{\"a\":"}}),
            json!({"type": "content_block_delta", "index": 0, "delta": {"type": "input_json_delta", "partial_json": "1}"}}),
            json!({"type": "content_block_stop", "index": 0}),
            json!({"type": "message_delta", "delta": {"stop_reason": "tool_use"}, "usage": {"output_tokens": 4}}),
            json!({"type": "message_stop", "amazon-bedrock-invocationMetrics": metrics()}),
        ],
    );
    assert_eq!(r.stop_reason, StopReason::ToolUse);
    assert_eq!(r.message.tool_uses().next().unwrap().2, &json!({"a": 1}));

    let r = run_stream(
        InvokeFamily::OpenAi,
        &[
            json!({"choices": [{"index": 0, "delta": {"tool_calls": [{"index": 0, "id": "call_1", "type": "function", "function": {"name": "f", "arguments": ""}}]}, "finish_reason": null}]}),
            json!({"choices": [{"index": 0, "delta": {"tool_calls": [{"index": 0, "function": {"arguments": "{\"a\":1}"}}]}, "finish_reason": null}]}),
            json!({"choices": [{"index": 0, "delta": {}, "finish_reason": "tool_calls"}], "amazon-bedrock-invocationMetrics": metrics()}),
        ],
    );
    assert_eq!(r.stop_reason, StopReason::ToolUse);
    assert_eq!(
        r.message.tool_uses().next().unwrap(),
        ("call_1", "f", &json!({"a": 1}))
    );
}

/// The answer `<think>Add them.</think>The answer is 4.` cut in two at every byte boundary
/// (char boundaries only) gives the same reasoning and answer, for every inline-tag family.
#[test]
fn think_tags_split_at_every_boundary() {
    let full = "<think>Add them.</think>The answer is 4.";
    for family in [
        InvokeFamily::Qwen3,
        InvokeFamily::DeepSeekR1Imported,
        InvokeFamily::Qwen2,
    ] {
        let text = if family == InvokeFamily::DeepSeekR1Imported {
            full.trim_start_matches("<think>")
        } else {
            full
        };
        for cut in 0..=text.len() {
            if !text.is_char_boundary(cut) {
                continue;
            }
            let key = if family == InvokeFamily::Qwen2 {
                "text"
            } else {
                "generation"
            };
            let chunks = vec![
                json!({key: &text[..cut]}),
                json!({key: &text[cut..], "stop_reason": "stop",
                    "amazon-bedrock-invocationMetrics": metrics()}),
            ];
            let r = run_stream(family, &chunks);
            assert_eq!(
                r.message.reasoning_text(),
                "Add them.",
                "{family} cut {cut}"
            );
            assert_eq!(r.message.text(), "The answer is 4.", "{family} cut {cut}");
        }
    }
    let full = "<reasoning>Add them.</reasoning>The answer is 4.";
    for cut in 0..=full.len() {
        let chunks = vec![
            json!({"choices": [{"index": 0, "delta": {"content": &full[..cut]}, "finish_reason": null}]}),
            json!({"choices": [{"index": 0, "delta": {"content": &full[cut..]}, "finish_reason": "stop"}],
                "amazon-bedrock-invocationMetrics": metrics()}),
        ];
        let r = run_stream(InvokeFamily::OpenAi, &chunks);
        assert_eq!(r.message.reasoning_text(), "Add them.", "cut {cut}");
        assert_eq!(r.message.text(), "The answer is 4.", "cut {cut}");
    }
}

#[test]
fn bad_chunks_are_protocol_errors() {
    let mut dec = InvokeDecoder::new(InvokeFamily::Llama);
    assert!(
        dec.decode("chunk", b"{}")
            .unwrap_err()
            .to_string()
            .contains("without 'bytes'")
    );
    assert!(dec.decode("chunk", br#"{"bytes":"%%%"}"#).is_err());
    assert!(dec.decode("other", b"garbage").unwrap().is_empty());
    let e = InvokeFamily::Llama.parse_whole(b"[]").unwrap_err();
    assert!(!e.is_input_error());
}

#[test]
fn native_json_schema_is_refused_off_openai() {
    let mut r = conversation("us.anthropic.claude-sonnet-4-5-20250929-v1:0");
    r.json_schema = Some(crate::request::JsonSchema::new(json!({"type": "object"})));
    let conv = to_converse(&r).unwrap();
    let e = InvokeFamily::Anthropic
        .body(&conv, &r.model_id)
        .unwrap_err();
    assert!(e.to_string().contains("--route converse"), "{e}");
}

#[test]
fn schema_answers_need_tool_calling() {
    let mut checked = 0;
    for family in InvokeFamily::ALL {
        let mut req = conversation("meta.llama3-1-8b-instruct-v1:0");
        req.json_schema = Some(crate::request::JsonSchema::new(
            json!({"type": "object", "properties": {"a": {"type": "string"}}}),
        ));
        let conv = to_converse(&req).unwrap();
        let Some(StructuredOutput::Tool { .. }) = conv.structured else {
            continue;
        };
        checked += 1;
        let r = family.body(&conv, "m");
        assert_eq!(r.is_ok(), family.takes_tools(), "{family}");
        if let Err(e) = r {
            assert!(e.to_string().contains("use --route converse"), "{e}");
            assert!(e.is_input_error());
        }
    }
    assert_eq!(checked, InvokeFamily::ALL.len());
}

#[test]
fn guardrail_action_in_whole_answers() {
    let trace = json!({"guardrail": {"input": {"abc": {"topicPolicy": {}}}}});
    let body = json!({"type": "message", "role": "assistant",
        "content": [{"type": "text", "text": "Sorry."}], "stop_reason": "end_turn",
        "usage": {"input_tokens": 3, "output_tokens": 2},
        "amazon-bedrock-guardrailAction": "INTERVENED", "amazon-bedrock-trace": trace});
    let resp = InvokeFamily::Anthropic
        .parse_whole(body.to_string().as_bytes())
        .unwrap();
    assert_eq!(resp.stop_reason, StopReason::GuardrailIntervened);
    assert_eq!(resp.trace, Some(trace));
    let body = json!({"generation": "fine", "prompt_token_count": 3,
        "generation_token_count": 1, "stop_reason": "stop",
        "amazon-bedrock-guardrailAction": "NONE"});
    let resp = InvokeFamily::Llama
        .parse_whole(body.to_string().as_bytes())
        .unwrap();
    assert_eq!(resp.stop_reason, StopReason::EndTurn);
    assert_eq!(resp.trace, None);
}

#[test]
fn guardrail_action_on_the_last_stream_chunk() {
    let metrics = json!({"inputTokenCount": 3, "outputTokenCount": 2, "invocationLatency": 9});
    let trace = json!({"guardrail": {"actionReason": "Guardrail blocked."}});
    // Claude stops in `message_delta`; the action comes after, on `message_stop`.
    let claude = vec![
        json!({"type": "message_start", "message": {"usage": {"input_tokens": 3}}}),
        json!({"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}}),
        json!({"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": "Sorry."}}),
        json!({"type": "content_block_stop", "index": 0}),
        json!({"type": "message_delta", "delta": {"stop_reason": "end_turn"}, "usage": {"output_tokens": 2}}),
        json!({"type": "message_stop", "amazon-bedrock-invocationMetrics": metrics,
            "amazon-bedrock-guardrailAction": "INTERVENED", "amazon-bedrock-trace": trace}),
    ];
    // Llama's last chunk carries the stop, the metrics and the action together.
    let llama = vec![
        json!({"generation": "Sorry.", "stop_reason": null}),
        json!({"generation": "", "stop_reason": "stop", "amazon-bedrock-invocationMetrics": metrics,
            "amazon-bedrock-guardrailAction": "INTERVENED", "amazon-bedrock-trace": trace}),
    ];
    for (family, chunks) in [
        (InvokeFamily::Anthropic, claude),
        (InvokeFamily::Llama, llama),
    ] {
        let mut d = InvokeDecoder::new(family);
        let mut acc = Accumulator::new();
        for c in &chunks {
            for ev in d.decode_chunk(c).unwrap() {
                acc.push(&ev);
            }
        }
        let resp = acc.finish().unwrap();
        assert_eq!(
            resp.stop_reason,
            StopReason::GuardrailIntervened,
            "{family}"
        );
        assert_eq!(resp.trace.as_ref(), Some(&trace), "{family}");
        assert_eq!(resp.message.text(), "Sorry.", "{family}");
    }
    let mut d = InvokeDecoder::new(InvokeFamily::Llama);
    let evs = d
        .decode_chunk(&json!({"generation": "ok", "stop_reason": "stop",
            "amazon-bedrock-invocationMetrics": metrics, "amazon-bedrock-guardrailAction": "NONE"}))
        .unwrap();
    assert!(evs.iter().any(|e| matches!(
        e,
        StreamEvent::MessageStop {
            stop_reason: StopReason::EndTurn,
            ..
        }
    )));
}
