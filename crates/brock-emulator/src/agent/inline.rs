//! InvokeInlineAgent (`POST /agents/{sessionId}`): an agent defined in the request. Shapes and
//! constraints follow the bedrock-agent-runtime service model (InvokeInlineAgentRequest); the
//! answer is the InvokeAgent event stream (`chunk`, `trace`, `returnControl`). A function of a
//! `RETURN_CONTROL` action group whose name the input mentions is handed back to the caller;
//! a question with a knowledge base attached is answered from the handbook.

use bytes::Bytes;
use serde_json::{Value, json};

use super::super::catalog;
use super::super::errors::{ApiError, constraint_report};
use super::super::eventstream;
use super::super::json::{self, Obj};
use super::missing_resource;
use super::runtime::{
    Agents, KB_ID, MAX_INPUT_TEXT, Reply, ReplyBody, answer_pending, answer_pieces, check_id,
    check_session, chunk_frame, city_in, fxhash, get_bool, handbook_citation, known_members,
    results_answer, special, streaming, string_map, words,
};

const MEMBERS: &[&str] = &[
    "actionGroups",
    "agentCollaboration",
    "agentName",
    "bedrockModelConfigurations",
    "collaboratorConfigurations",
    "collaborators",
    "customOrchestration",
    "customerEncryptionKeyArn",
    "enableTrace",
    "endSession",
    "foundationModel",
    "guardrailConfiguration",
    "idleSessionTTLInSeconds",
    "inlineSessionState",
    "inputText",
    "instruction",
    "knowledgeBases",
    "orchestrationType",
    "promptCreationConfigurations",
    "promptOverrideConfiguration",
    "streamingConfigurations",
];
const INLINE_SESSION_STATE_MEMBERS: &[&str] = &[
    "conversationHistory",
    "files",
    "invocationId",
    "promptSessionAttributes",
    "returnControlInvocationResults",
    "sessionAttributes",
];
const ACTION_GROUP_MEMBERS: &[&str] = &[
    "actionGroupExecutor",
    "actionGroupName",
    "apiSchema",
    "description",
    "functionSchema",
    "parentActionGroupSignature",
    "parentActionGroupSignatureParams",
];
const FUNCTION_MEMBERS: &[&str] = &["description", "name", "parameters", "requireConfirmation"];
const PARAMETER_MEMBERS: &[&str] = &["description", "required", "type"];
const KNOWLEDGE_BASE_MEMBERS: &[&str] =
    &["description", "knowledgeBaseId", "retrievalConfiguration"];
const PARAMETER_TYPES: &[&str] = &["string", "number", "integer", "boolean", "array"];
const SIGNATURES: &[&str] = &[
    "AMAZON.UserInput",
    "AMAZON.CodeInterpreter",
    "ANTHROPIC.Computer",
    "ANTHROPIC.Bash",
    "ANTHROPIC.TextEditor",
];
/// Shortest `instruction` (the Instruction shape's `min`).
const MIN_INSTRUCTION: usize = 40;

/// `([0-9a-zA-Z][_-]?){1,100}`: names of agents, action groups, functions and parameters.
fn resource_name_ok(s: &str) -> bool {
    let mut prev_sep = true;
    let mut units = 0;
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            units += 1;
            prev_sep = false;
        } else if (c == '_' || c == '-') && !prev_sep {
            prev_sep = true;
        } else {
            return false;
        }
    }
    (1..=100).contains(&units)
}

fn name_violation(v: &mut Vec<String>, field: &str, value: &str) {
    // Source: inferred from the Smithy model's constraints, in Coral's report format.
    v.push(format!(
        "Value '{value}' at '{field}' failed to satisfy constraint: Member must satisfy regular expression pattern: ^([0-9a-zA-Z][_-]?){{1,100}}$"
    ));
}

fn length_violation(v: &mut Vec<String>, field: &str, len: usize, min: usize, max: usize) {
    // Source: inferred from the Smithy model's constraints, in Coral's report format.
    if len < min {
        // Source: inferred from the Smithy model's constraints, in Coral's report format.
        v.push(format!(
            "Value at '{field}' failed to satisfy constraint: Member must have length greater than or equal to {min}"
        ));
    } else if len > max {
        // Source: inferred from the Smithy model's constraints, in Coral's report format.
        v.push(format!(
            "Value at '{field}' failed to satisfy constraint: Member must have length less than or equal to {max}"
        ));
    }
}

/// A function the agent may hand back: its action group, name and parameters (name, type).
struct Function {
    group: String,
    name: String,
    parameters: Vec<(String, String)>,
}

fn parse_action_groups(top: &Obj, v: &mut Vec<String>) -> Result<Vec<Function>, ApiError> {
    let mut out = Vec::new();
    let Some(groups) = json::get_list(top, "actionGroups")? else {
        return Ok(out);
    };
    for (i, g) in groups.iter().enumerate() {
        let at = format!("actionGroups.{}.member", i + 1);
        let g = json::obj(g)?;
        known_members(g, ACTION_GROUP_MEMBERS, "AgentActionGroup")?;
        let name = match json::get_str(g, "actionGroupName")? {
            None => {
                // Source: inferred from the Smithy model's constraints, in Coral's report format.
                v.push(format!(
                    "Value null at '{at}.actionGroupName' failed to satisfy constraint: Member must not be null"
                ));
                String::new()
            }
            Some(n) => {
                if !resource_name_ok(n) {
                    name_violation(v, &format!("{at}.actionGroupName"), n);
                }
                n.to_string()
            }
        };
        if let Some(d) = json::get_str(g, "description")? {
            length_violation(v, &format!("{at}.description"), d.chars().count(), 1, 200);
        }
        if let Some(sig) = json::get_str(g, "parentActionGroupSignature")?
            && !SIGNATURES.contains(&sig)
        {
            // Source: inferred from the Smithy model's constraints, in Coral's report format.
            v.push(format!(
                "Value '{sig}' at '{at}.parentActionGroupSignature' failed to satisfy constraint: Member must satisfy enum value set: [{}]",
                SIGNATURES.join(", ")
            ));
        }
        let mut returns_control = false;
        if let Some(ex) = json::get_obj(g, "actionGroupExecutor")? {
            known_members(ex, &["customControl", "lambda"], "ActionGroupExecutor")?;
            if json::union_members(ex).len() != 1 {
                // Source: inferred from the Smithy model's constraints, in Coral's report format.
                v.push(format!(
                    "Value at '{at}.actionGroupExecutor' failed to satisfy constraint: Member must have exactly one member set"
                ));
            }
            match json::get_str(ex, "customControl")? {
                Some("RETURN_CONTROL") => returns_control = true,
                // Source: inferred from the Smithy model's constraints, in Coral's report format.
                Some(other) => v.push(format!(
                    "Value '{other}' at '{at}.actionGroupExecutor.customControl' failed to satisfy constraint: Member must satisfy enum value set: [RETURN_CONTROL]"
                )),
                None => {}
            }
        }
        if let Some(api) = json::get_obj(g, "apiSchema")? {
            known_members(api, &["payload", "s3"], "APISchema")?;
        }
        let Some(fs) = json::get_obj(g, "functionSchema")? else {
            continue;
        };
        known_members(fs, &["functions"], "FunctionSchema")?;
        for (j, f) in json::get_list(fs, "functions")?
            .into_iter()
            .flatten()
            .enumerate()
        {
            let fat = format!("{at}.functionSchema.functions.{}.member", j + 1);
            let f = json::obj(f)?;
            known_members(f, FUNCTION_MEMBERS, "FunctionDefinition")?;
            let fname = match json::get_str(f, "name")? {
                None => {
                    // Source: inferred from the Smithy model's constraints, in Coral's report format.
                    v.push(format!(
                        "Value null at '{fat}.name' failed to satisfy constraint: Member must not be null"
                    ));
                    String::new()
                }
                Some(n) => {
                    if !resource_name_ok(n) {
                        name_violation(v, &format!("{fat}.name"), n);
                    }
                    n.to_string()
                }
            };
            if let Some(d) = json::get_str(f, "description")? {
                length_violation(v, &format!("{fat}.description"), d.chars().count(), 1, 1200);
            }
            if let Some(c) = json::get_str(f, "requireConfirmation")?
                && !["ENABLED", "DISABLED"].contains(&c)
            {
                // Source: inferred from the Smithy model's constraints, in Coral's report format.
                v.push(format!(
                    "Value '{c}' at '{fat}.requireConfirmation' failed to satisfy constraint: Member must satisfy enum value set: [ENABLED, DISABLED]"
                ));
            }
            let mut parameters = Vec::new();
            for (pname, p) in json::get_obj(f, "parameters")?.into_iter().flatten() {
                let pat = format!("{fat}.parameters.{pname}");
                if !resource_name_ok(pname) {
                    name_violation(v, &format!("{fat}.parameters"), pname);
                }
                let p = json::obj(p)?;
                known_members(p, PARAMETER_MEMBERS, "ParameterDetail")?;
                get_bool(p, "required")?;
                if let Some(d) = json::get_str(p, "description")? {
                    length_violation(v, &format!("{pat}.description"), d.chars().count(), 1, 500);
                }
                match json::get_str(p, "type")? {
                    // Source: inferred from the Smithy model's constraints, in Coral's report format.
                    None => v.push(format!(
                        "Value null at '{pat}.type' failed to satisfy constraint: Member must not be null"
                    )),
                    // Source: inferred from the Smithy model's constraints, in Coral's report format.
                    Some(t) if !PARAMETER_TYPES.contains(&t) => v.push(format!(
                        "Value '{t}' at '{pat}.type' failed to satisfy constraint: Member must satisfy enum value set: [{}]",
                        PARAMETER_TYPES.join(", ")
                    )),
                    Some(t) => parameters.push((pname.clone(), t.to_string())),
                }
            }
            if returns_control {
                out.push(Function {
                    group: name.clone(),
                    name: fname,
                    parameters,
                });
            }
        }
    }
    Ok(out)
}

fn parse_knowledge_bases(top: &Obj, v: &mut Vec<String>) -> Result<Vec<String>, ApiError> {
    let mut out = Vec::new();
    for (i, kb) in json::get_list(top, "knowledgeBases")?
        .into_iter()
        .flatten()
        .enumerate()
    {
        let at = format!("knowledgeBases.{}.member", i + 1);
        let kb = json::obj(kb)?;
        known_members(kb, KNOWLEDGE_BASE_MEMBERS, "KnowledgeBase")?;
        match json::get_str(kb, "description")? {
            // Source: inferred from the Smithy model's constraints, in Coral's report format.
            None => v.push(format!(
                "Value null at '{at}.description' failed to satisfy constraint: Member must not be null"
            )),
            Some(d) => length_violation(v, &format!("{at}.description"), d.chars().count(), 1, 200),
        }
        match json::get_str(kb, "knowledgeBaseId")? {
            // Source: inferred from the Smithy model's constraints, in Coral's report format.
            None => v.push(format!(
                "Value null at '{at}.knowledgeBaseId' failed to satisfy constraint: Member must not be null"
            )),
            Some(id) => {
                check_id(v, &format!("{at}.knowledgeBaseId"), id);
                out.push(id.to_string());
            }
        }
    }
    Ok(out)
}

/// Words of a function name that say what it is about (`get_weather` → `weather`).
fn topic_words(name: &str) -> Vec<String> {
    const VERBS: &[&str] = &["get", "set", "list", "make", "find", "fetch", "call", "run"];
    words(name)
        .into_iter()
        .flat_map(|w| w.split(['_', '-']).map(str::to_string).collect::<Vec<_>>())
        .filter(|w| w.len() >= 3 && !VERBS.contains(&w.as_str()))
        .collect()
}

/// A value of the declared type, from the input where the parameter names a place.
fn parameter_value(name: &str, ty: &str, input: &str) -> String {
    let lower = name.to_lowercase();
    match ty {
        "integer" => "2".into(),
        "number" => "2.5".into(),
        "boolean" => "true".into(),
        "array" => "[]".into(),
        _ if ["city", "location", "place", "town"]
            .iter()
            .any(|w| lower.contains(w)) =>
        {
            city_in(input)
        }
        _ => input.to_string(),
    }
}

impl Agents {
    /// `POST /agents/{sessionId}`.
    pub(crate) fn invoke_inline_agent(
        &self,
        session_id: &str,
        body: &Value,
    ) -> Result<Reply, ApiError> {
        let top = json::obj(body)?;
        known_members(top, MEMBERS, "InvokeInlineAgentRequest")?;
        let mut v = Vec::new();
        check_session(&mut v, "sessionId", session_id);
        let model = match json::get_str(top, "foundationModel")? {
            None => {
                // Source: inferred from the Smithy model's constraints, in Coral's report format.
                v.push("Value null at 'foundationModel' failed to satisfy constraint: Member must not be null".into());
                String::new()
            }
            Some(m) => {
                length_violation(&mut v, "foundationModel", m.chars().count(), 1, 2048);
                m.to_string()
            }
        };
        match json::get_str(top, "instruction")? {
            // Source: inferred from the Smithy model's constraints, in Coral's report format.
            None => v.push(
                "Value null at 'instruction' failed to satisfy constraint: Member must not be null"
                    .into(),
            ),
            Some(i) => length_violation(
                &mut v,
                "instruction",
                i.chars().count(),
                MIN_INSTRUCTION,
                usize::MAX,
            ),
        }
        let name = json::get_str(top, "agentName")?.map(str::to_string);
        if let Some(n) = &name
            && !resource_name_ok(n)
        {
            name_violation(&mut v, "agentName", n);
        }
        if let Some(ttl) = json::get_int(top, "idleSessionTTLInSeconds")?
            && !(60..=3600).contains(&ttl)
        {
            // Source: inferred from the Smithy model's constraints, in Coral's report format.
            v.push(format!(
                "Value '{ttl}' at 'idleSessionTTLInSeconds' failed to satisfy constraint: Member must have value {}",
                if ttl < 60 { "greater than or equal to 60" } else { "less than or equal to 3600" }
            ));
        }
        let input = json::get_str(top, "inputText")?
            .unwrap_or_default()
            .to_string();
        if input.chars().count() > MAX_INPUT_TEXT {
            // Source: inferred from the Smithy model's constraints, in Coral's report format.
            v.push(format!(
                "Value at 'inputText' failed to satisfy constraint: Member must have length less than or equal to {MAX_INPUT_TEXT}"
            ));
        }
        let trace = get_bool(top, "enableTrace")?;
        let end = get_bool(top, "endSession")?;
        let stream = streaming(top, &mut v)?;
        let functions = parse_action_groups(top, &mut v)?;
        let kbs = parse_knowledge_bases(top, &mut v)?;
        let state = json::get_obj(top, "inlineSessionState")?;
        if let Some(s) = state {
            known_members(s, INLINE_SESSION_STATE_MEMBERS, "InlineSessionState")?;
        }
        let (attrs, results, invocation_id) = match state {
            None => (Default::default(), None, None),
            Some(s) => (
                string_map(s, "sessionAttributes")?,
                json::get_list(s, "returnControlInvocationResults")?.cloned(),
                json::get_str(s, "invocationId")?.map(str::to_string),
            ),
        };
        if let Some(r) = &results
            && !(1..=5).contains(&r.len())
        {
            // Source: inferred from the Smithy model's constraints, in Coral's report format.
            v.push(format!(
                "Value at 'inlineSessionState.returnControlInvocationResults' failed to satisfy constraint: Member must have length {}",
                if r.is_empty() { "greater than or equal to 1" } else { "less than or equal to 5" }
            ));
        }
        if !v.is_empty() {
            return Err(constraint_report(&v));
        }
        if input.is_empty() && results.is_none() {
            // Source: inferred.
            return Err(ApiError::validation(
                "Either inputText or returnControlInvocationResults must be provided.",
            ));
        }
        if !catalog::resolve(&model).is_some_and(|r| r.model.converse) {
            // Source: inferred (bedrock-runtime's answer to an unknown model id).
            return Err(ApiError::invalid_model());
        }
        for kb in &kbs {
            special(kb)?;
            if kb != KB_ID {
                return Err(missing_resource());
            }
        }

        let key = format!("inline/{session_id}");
        let mut sessions = self.sessions.lock().unwrap_or_else(|e| e.into_inner());
        let session = sessions.entry(key.clone()).or_default();
        session.attributes.extend(attrs);
        let mut frames = Vec::new();
        let trace_part = |t: Value| -> Bytes {
            eventstream::event("trace", &json!({"sessionId": session_id, "trace": t}))
        };

        if let Some(results) = results {
            answer_pending(session, invocation_id)?;
            let answer = results_answer(&results)?;
            session.turns += 1;
            if trace {
                frames.push(trace_part(json!({"orchestrationTrace": {"observation": {"type": "FINISH", "finalResponse": {"text": answer}}}})));
            }
            for d in answer_pieces(&answer, stream) {
                frames.push(chunk_frame(&d, None));
            }
            if end {
                sessions.remove(&key);
            }
            return Ok(reply(session_id, frames));
        }

        session.turns += 1;
        let turn = session.turns;
        let said = words(&input);
        let called: Vec<&Function> = functions
            .iter()
            .filter(|f| topic_words(&f.name).iter().any(|w| said.contains(w)))
            .take(5)
            .collect();
        if !called.is_empty() {
            let invocation_id = format!("{:08x}-brock-inline-{turn}", fxhash(&key));
            let mut inputs = Vec::new();
            for f in &called {
                let parameters: Vec<Value> = f
                    .parameters
                    .iter()
                    .map(|(n, t)| json!({"name": n, "type": t, "value": parameter_value(n, t, &input)}))
                    .collect();
                if trace {
                    frames.push(trace_part(json!({"orchestrationTrace": {
                        "rationale": {"text": format!("I will call {}.", f.name), "traceId": "brock-inline-trace-1"},
                        "invocationInput": {"invocationType": "ACTION_GROUP", "traceId": "brock-inline-trace-1", "actionGroupInvocationInput": {
                            "actionGroupName": f.group, "function": f.name, "executionType": "RETURN_CONTROL", "invocationId": invocation_id,
                            "parameters": parameters}}}})));
                }
                inputs.push(json!({"functionInvocationInput": {
                    "actionGroup": f.group, "actionInvocationType": "RESULT",
                    "function": f.name, "parameters": parameters}}));
            }
            session.pending = Some((invocation_id.clone(), Vec::new()));
            frames.push(eventstream::event(
                "returnControl",
                &json!({"invocationId": invocation_id, "invocationInputs": inputs}),
            ));
            return Ok(reply(session_id, frames));
        }

        let mut answer = format!(
            "Hello from inline agent {} on {model}, turn {turn}. You said: {input}",
            name.as_deref().unwrap_or("brock-inline")
        );
        if !session.attributes.is_empty() {
            let kv: Vec<String> = session
                .attributes
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect();
            answer.push_str(&format!(" [session attributes: {}]", kv.join(", ")));
        }
        if trace {
            frames.push(trace_part(json!({"orchestrationTrace": {"rationale": {
                "text": format!("The user said: {input}. I will answer."), "traceId": "brock-inline-trace-0"}}})));
        }
        let mut cited = None;
        if input.trim_end().ends_with('?')
            && let Some(kb) = kbs.first()
        {
            let (c, traces) = handbook_citation(&input, kb, answer.chars().count())?;
            if trace {
                frames.extend(traces.into_iter().map(&trace_part));
            }
            cited = c;
        }
        if trace {
            let mut full = answer.clone();
            if let Some((p, _)) = &cited {
                full.push_str(p);
            }
            frames.push(trace_part(json!({"orchestrationTrace": {"observation": {"type": "FINISH", "traceId": "brock-inline-trace-9", "finalResponse": {"text": full}}}})));
        }
        for d in answer_pieces(&answer, stream) {
            frames.push(chunk_frame(&d, None));
        }
        if let Some((p, attribution)) = cited {
            frames.push(chunk_frame(&p, Some(attribution)));
        }
        if end {
            sessions.remove(&key);
        }
        Ok(reply(session_id, frames))
    }
}

fn reply(session_id: &str, frames: Vec<Bytes>) -> Reply {
    Reply {
        headers: vec![
            ("x-amz-bedrock-agent-session-id", session_id.to_string()),
            (
                "x-amzn-bedrock-agent-content-type",
                "application/json".to_string(),
            ),
        ],
        body: ReplyBody::Frames(frames),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resource_names_follow_the_pattern() {
        for ok in ["get_weather", "a", "A-1_b", "x9"] {
            assert!(resource_name_ok(ok), "{ok}");
        }
        for bad in ["", "_a", "a__b", "a b", "é", &"a".repeat(101)] {
            assert!(!resource_name_ok(bad), "{bad}");
        }
        assert_eq!(topic_words("get_weather"), vec!["weather"]);
    }
}
