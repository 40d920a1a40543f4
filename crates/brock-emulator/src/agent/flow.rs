//! InvokeFlow (`POST /flows/{flowIdentifier}/aliases/{flowAliasIdentifier}`): an event stream
//! of `flowOutputEvent`, `flowTraceEvent`, `flowMultiTurnInputRequestEvent` and
//! `flowCompletionEvent`, with the execution id in `x-amz-bedrock-flow-execution-id`. Shapes and
//! constraints follow the bedrock-agent-runtime service model (InvokeFlowRequest).
//!
//! Two flows: `FLOW123456` (summarise: input → prompt → output) and `FLOWCHAT01` (playlist: an
//! agent node that asks twice for more input before it answers, the multi-turn conversation of
//! the Bedrock user guide; the caller answers with the same `executionId`, the asking node's
//! `nodeName` and `nodeInputName: agentInputText`).

use std::time::SystemTime;

use bytes::Bytes;
use serde_json::{Value, json};

use super::super::auth::format_iso;
use super::super::errors::{ApiError, constraint_report};
use super::super::eventstream;
use super::super::json::{self, Obj};
use super::missing_resource;
use super::runtime::{
    Agents, Reply, ReplyBody, check_session, dependency_failed, get_bool, known_members, special,
};

struct FlowDef {
    id: &'static str,
    name: &'static str,
    aliases: &'static [&'static str],
    multi_turn: bool,
}

const FLOWS: &[FlowDef] = &[
    FlowDef {
        id: "FLOW123456",
        name: "summarise",
        aliases: &["TSTALIASID", "LIVE123456"],
        multi_turn: false,
    },
    FlowDef {
        id: "FLOWCHAT01",
        name: "playlist",
        aliases: &["TSTALIASID"],
        multi_turn: true,
    },
];

const INPUT_NODE: &str = "FlowInputNode";
const OUTPUT_NODE: &str = "FlowOutputNode";
const AGENT_NODE: &str = "AgentsNode_1";
/// The input of an agent node that a multi-turn answer goes to.
const AGENT_INPUT: &str = "agentInputText";
/// The questions the playlist flow's agent node asks, in order.
const QUESTIONS: &[&str] = &[
    "How many songs, and which genre?",
    "Which theme should the playlist have?",
];

const MEMBERS: &[&str] = &[
    "enableTrace",
    "executionId",
    "inputs",
    "modelPerformanceConfiguration",
];
const INPUT_MEMBERS: &[&str] = &["content", "nodeInputName", "nodeName", "nodeOutputName"];

/// A flow execution waiting for more input.
#[derive(Debug, Clone)]
pub(crate) struct Execution {
    flow: &'static str,
    answers: Vec<String>,
}

/// `[a-zA-Z]([_]?[0-9a-zA-Z]){0,99}`: node, input and output names.
fn node_name_ok(s: &str) -> bool {
    let mut chars = s.chars();
    if !chars.next().is_some_and(|c| c.is_ascii_alphabetic()) {
        return false;
    }
    let mut prev_underscore = false;
    let mut units = 0;
    for c in chars {
        if c == '_' && !prev_underscore {
            prev_underscore = true;
        } else if c.is_ascii_alphanumeric() {
            prev_underscore = false;
            units += 1;
        } else {
            return false;
        }
    }
    !prev_underscore && units <= 99
}

fn pattern(v: &mut Vec<String>, field: &str, value: &str, re: &str) {
    // Source: inferred from the Smithy model's constraints, in Coral's report format.
    v.push(format!(
        "Value '{value}' at '{field}' failed to satisfy constraint: Member must satisfy regular expression pattern: {re}"
    ));
}

const NODE_RE: &str = "^[a-zA-Z]([_]?[0-9a-zA-Z]){0,99}$";

/// The flow id in a flow identifier (an id or a flow ARN), if it has the service's shape.
fn flow_id(ident: &str) -> Option<&str> {
    let id = match ident.strip_prefix("arn:aws:bedrock:") {
        Some(rest) => rest.split_once(":flow/")?.1,
        None => ident,
    };
    (id.len() == 10 && id.chars().all(|c| c.is_ascii_alphanumeric())).then_some(id)
}

fn alias_id(ident: &str) -> Option<&str> {
    let id = match ident.strip_prefix("arn:aws:bedrock:") {
        Some(rest) => rest.split_once("/alias/")?.1,
        None => ident,
    };
    (!id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric())).then_some(id)
}

/// What a node received or produced, as text for the answer.
fn doc_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

struct Input {
    node: String,
    input_name: Option<String>,
    output_name: Option<String>,
    document: Value,
}

fn parse_input(top: &Obj, v: &mut Vec<String>) -> Result<Option<Input>, ApiError> {
    let Some(inputs) = json::get_list(top, "inputs")? else {
        // Source: inferred from the Smithy model's constraints, in Coral's report format.
        v.push(
            "Value null at 'inputs' failed to satisfy constraint: Member must not be null".into(),
        );
        return Ok(None);
    };
    if inputs.len() != 1 {
        // Source: inferred from the Smithy model's constraints, in Coral's report format.
        v.push(format!(
            "Value at 'inputs' failed to satisfy constraint: Member must have length {}",
            if inputs.is_empty() {
                "greater than or equal to 1"
            } else {
                "less than or equal to 1"
            }
        ));
        return Ok(None);
    }
    let i = json::obj(&inputs[0])?;
    known_members(i, INPUT_MEMBERS, "FlowInput")?;
    let at = "inputs.1.member";
    let node = match json::get_str(i, "nodeName")? {
        None => {
            // Source: inferred from the Smithy model's constraints, in Coral's report format.
            v.push(format!(
                "Value null at '{at}.nodeName' failed to satisfy constraint: Member must not be null"
            ));
            String::new()
        }
        Some(n) => {
            if !node_name_ok(n) {
                pattern(v, &format!("{at}.nodeName"), n, NODE_RE);
            }
            n.to_string()
        }
    };
    let mut names = [None, None];
    for (slot, key) in names.iter_mut().zip(["nodeInputName", "nodeOutputName"]) {
        if let Some(n) = json::get_str(i, key)? {
            if !node_name_ok(n) {
                pattern(v, &format!("{at}.{key}"), n, NODE_RE);
            }
            *slot = Some(n.to_string());
        }
    }
    let [input_name, output_name] = names;
    let document = match json::get_obj(i, "content")? {
        None => {
            // Source: inferred from the Smithy model's constraints, in Coral's report format.
            v.push(format!(
                "Value null at '{at}.content' failed to satisfy constraint: Member must not be null"
            ));
            Value::Null
        }
        Some(c) => {
            known_members(c, &["document"], "FlowInputContent")?;
            match json::get(c, "document") {
                Some(d) if !d.is_null() => d.clone(),
                _ => {
                    // Source: inferred from the Smithy model's constraints, in Coral's report format.
                    v.push(format!(
                        "Value at '{at}.content' failed to satisfy constraint: Member must have exactly one member set"
                    ));
                    Value::Null
                }
            }
        }
    };
    Ok(Some(Input {
        node,
        input_name,
        output_name,
        document,
    }))
}

fn event(name: &str, payload: Value) -> Bytes {
    eventstream::event(name, &payload)
}

fn trace(t: Value) -> Bytes {
    event("flowTraceEvent", json!({"trace": t}))
}

fn output_trace(node: &str, name: &str, doc: &Value) -> Bytes {
    trace(
        json!({"nodeOutputTrace": {"nodeName": node, "timestamp": format_iso(SystemTime::now()),
        "fields": [{"nodeOutputName": name, "content": {"document": doc}}]}}),
    )
}

fn input_trace(node: &str, name: &str, doc: &Value) -> Bytes {
    trace(
        json!({"nodeInputTrace": {"nodeName": node, "timestamp": format_iso(SystemTime::now()),
        "fields": [{"nodeInputName": name, "content": {"document": doc}}]}}),
    )
}

fn completion(reason: &str) -> Bytes {
    event("flowCompletionEvent", json!({"completionReason": reason}))
}

impl Agents {
    pub(crate) fn invoke_flow(
        &self,
        flow_ident: &str,
        alias_ident: &str,
        body: &Value,
    ) -> Result<Reply, ApiError> {
        let top = json::obj(body)?;
        known_members(top, MEMBERS, "InvokeFlowRequest")?;
        let mut v = Vec::new();
        let flow = flow_id(flow_ident);
        if flow.is_none() {
            pattern(
                &mut v,
                "flowIdentifier",
                flow_ident,
                "^(arn:aws:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:flow/[0-9a-zA-Z]{10})|([0-9a-zA-Z]{10})$",
            );
        }
        let alias = alias_id(alias_ident);
        if alias.is_none() {
            pattern(
                &mut v,
                "flowAliasIdentifier",
                alias_ident,
                "^(arn:aws:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:flow/[0-9a-zA-Z]{10}/alias/[0-9a-zA-Z]{10})|(\\bTSTALIASID\\b|[0-9a-zA-Z]+)$",
            );
        }
        let execution_id = json::get_str(top, "executionId")?.map(str::to_string);
        if let Some(e) = &execution_id {
            check_session(&mut v, "executionId", e);
        }
        let traced = get_bool(top, "enableTrace")?;
        if let Some(m) = json::get_obj(top, "modelPerformanceConfiguration")? {
            known_members(m, &["performanceConfig"], "ModelPerformanceConfiguration")?;
            if let Some(p) = json::get_obj(m, "performanceConfig")? {
                known_members(p, &["latency"], "PerformanceConfiguration")?;
                if let Some(l) = json::get_str(p, "latency")?
                    && !["standard", "optimized"].contains(&l)
                {
                    // Source: inferred from the Smithy model's constraints, in Coral's report format.
                    v.push(format!("Value '{l}' at 'modelPerformanceConfiguration.performanceConfig.latency' failed to satisfy constraint: Member must satisfy enum value set: [standard, optimized]"));
                }
            }
        }
        let input = parse_input(top, &mut v)?;
        if !v.is_empty() {
            return Err(constraint_report(&v));
        }
        let (Some(flow), Some(alias), Some(input)) = (flow, alias, input) else {
            unreachable!("violations were reported above")
        };
        special(flow)?;
        let def = FLOWS
            .iter()
            .find(|f| f.id == flow && f.aliases.contains(&alias))
            .ok_or_else(missing_resource)?;
        let execution_id = execution_id.unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
        let mut executions = self.flows.lock().unwrap_or_else(|e| e.into_inner());
        let waiting = executions
            .get(&execution_id)
            .filter(|e| e.flow == def.id)
            .cloned();

        let mut frames = Vec::new();
        let answers = match waiting {
            Some(mut exec) => {
                if input.node != AGENT_NODE || input.input_name.as_deref() != Some(AGENT_INPUT) {
                    // Source: inferred.
                    return Err(ApiError::validation(format!(
                        "Flow execution {execution_id} is waiting for input to node {AGENT_NODE} ({AGENT_INPUT}); send the input there."
                    )));
                }
                if traced {
                    frames.push(input_trace(AGENT_NODE, AGENT_INPUT, &input.document));
                }
                exec.answers.push(doc_text(&input.document));
                exec.answers
            }
            None => {
                if input.node == AGENT_NODE && def.multi_turn {
                    // Source: inferred.
                    return Err(ApiError::validation(format!(
                        "Flow execution {execution_id} is not waiting for input."
                    )));
                }
                if input.node != INPUT_NODE {
                    // Source: inferred.
                    return Err(ApiError::validation(format!(
                        "The flow {} has no input node named {}; its input node is {INPUT_NODE}.",
                        def.id, input.node
                    )));
                }
                if input.output_name.as_deref() != Some("document") || input.input_name.is_some() {
                    // Source: inferred.
                    return Err(ApiError::validation(format!(
                        "The input to {INPUT_NODE} must name its output: nodeOutputName document."
                    )));
                }
                if traced {
                    frames.push(output_trace(INPUT_NODE, "document", &input.document));
                }
                vec![doc_text(&input.document)]
            }
        };

        if answers[0].contains("[[dependency-failed]]") {
            let e = dependency_failed();
            frames.push(eventstream::exception(
                "dependencyFailedException",
                &e.message,
            ));
            return Ok(reply(&execution_id, frames));
        }
        if def.multi_turn && answers.len() <= QUESTIONS.len() {
            let question = QUESTIONS[answers.len() - 1];
            executions.insert(
                execution_id.clone(),
                Execution {
                    flow: def.id,
                    answers,
                },
            );
            // The service model's NodeType enum lists no agent node type; the emulator sends
            // `AgentNode`, so clients meet a value outside the enum as they must accept.
            frames.push(event(
                "flowMultiTurnInputRequestEvent",
                json!({"nodeName": AGENT_NODE, "nodeType": "AgentNode", "content": {"document": question}}),
            ));
            frames.push(completion("INPUT_REQUIRED"));
            return Ok(reply(&execution_id, frames));
        }
        executions.remove(&execution_id);
        let answer = if def.multi_turn {
            format!(
                "A playlist for \"{}\": {}, on the theme {}.",
                answers[0], answers[1], answers[2]
            )
        } else {
            format!(
                "Hello from flow {} ({}, alias {alias}). You said: {}",
                def.name, def.id, answers[0]
            )
        };
        let node = if def.multi_turn {
            AGENT_NODE
        } else {
            "Prompt_1"
        };
        if traced {
            frames.push(output_trace(node, "modelCompletion", &json!(answer)));
            frames.push(input_trace(OUTPUT_NODE, "document", &json!(answer)));
        }
        frames.push(event(
            "flowOutputEvent",
            json!({"nodeName": OUTPUT_NODE, "nodeType": "FlowOutputNode", "content": {"document": answer}}),
        ));
        frames.push(completion("SUCCESS"));
        Ok(reply(&execution_id, frames))
    }
}

fn reply(execution_id: &str, frames: Vec<Bytes>) -> Reply {
    Reply {
        headers: vec![("x-amz-bedrock-flow-execution-id", execution_id.to_string())],
        body: ReplyBody::Frames(frames),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eventstream::tests::decode_all;

    fn events(r: &Reply) -> Vec<(String, Value)> {
        match &r.body {
            ReplyBody::Frames(f) => f
                .iter()
                .flat_map(|b| decode_all(b))
                .map(|(h, p)| (h[0].1.clone(), p))
                .collect(),
            ReplyBody::Json(_) => panic!("not a stream"),
        }
    }

    fn start(doc: &str) -> Value {
        json!({"inputs": [{"nodeName": "FlowInputNode", "nodeOutputName": "document", "content": {"document": doc}}]})
    }

    #[test]
    fn a_multi_turn_flow_asks_twice_then_answers() {
        let a = Agents::default();
        let r = a
            .invoke_flow("FLOWCHAT01", "TSTALIASID", &start("Make a playlist"))
            .unwrap();
        let id = r.headers[0].1.clone();
        let ev = events(&r);
        assert_eq!(ev[0].0, "flowMultiTurnInputRequestEvent");
        assert_eq!(ev[1].1["completionReason"], "INPUT_REQUIRED");
        let next = |doc: &str| json!({"executionId": id, "inputs": [{"nodeName": AGENT_NODE, "nodeInputName": AGENT_INPUT, "content": {"document": doc}}]});
        // The input node is not where the answer goes.
        let mut wrong = start("x");
        wrong["executionId"] = json!(id);
        assert_eq!(
            a.invoke_flow("FLOWCHAT01", "TSTALIASID", &wrong)
                .err()
                .unwrap()
                .code,
            "ValidationException"
        );
        let r = a
            .invoke_flow("FLOWCHAT01", "TSTALIASID", &next("5 jazz songs"))
            .unwrap();
        assert_eq!(events(&r)[0].1["content"]["document"], QUESTIONS[1]);
        let r = a
            .invoke_flow("FLOWCHAT01", "TSTALIASID", &next("rain"))
            .unwrap();
        let ev = events(&r);
        assert_eq!(
            ev[0].1["content"]["document"],
            "A playlist for \"Make a playlist\": 5 jazz songs, on the theme rain."
        );
        assert_eq!(ev[1].1["completionReason"], "SUCCESS");
    }

    #[test]
    fn requests_are_checked_as_the_service_checks_them() {
        let a = Agents::default();
        let code =
            |flow: &str, body: Value| a.invoke_flow(flow, "TSTALIASID", &body).err().unwrap().code;
        assert_eq!(
            code("FLOW123456", json!({"inputs": []})),
            "ValidationException"
        );
        assert_eq!(code("FLOW12", start("x")), "ValidationException");
        assert_eq!(code("FLOWNOPE00", start("x")), "ResourceNotFoundException");
        let mut extra = start("x");
        extra["sessionId"] = json!("s");
        assert_eq!(code("FLOW123456", extra), "SerializationException");
        assert!(node_name_ok("FlowInputNode") && node_name_ok("AgentsNode_1"));
        assert!(!node_name_ok("1a") && !node_name_ok("a__b") && !node_name_ok("a_"));
    }
}
