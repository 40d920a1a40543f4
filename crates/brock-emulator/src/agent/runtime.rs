//! Agents and knowledge bases: InvokeAgent (an event stream of `chunk`, `trace` and
//! `returnControl` events), Retrieve, RetrieveAndGenerate and RetrieveAndGenerateStream, over a
//! small fixed catalogue (documented in the emulator's module doc). Sessions live in emulator
//! memory, so reusing a session id is observable (the turn number grows).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Mutex;

use base64::Engine;
use bytes::Bytes;
use serde_json::{Value, json};

use super::super::catalog;
use super::super::errors::{ApiError, constraint_report};
use super::super::eventstream;
use super::super::json::{self, Obj};
use super::{missing_resource, relevance};

/// Answers the agent and knowledge base handlers produce; the server turns them into HTTP.
pub(crate) struct Reply {
    pub headers: Vec<(&'static str, String)>,
    pub body: ReplyBody,
}

pub(crate) enum ReplyBody {
    Json(Value),
    /// Event-stream frames, each one a paced delta.
    Frames(Vec<Bytes>),
}

struct AgentDef {
    id: &'static str,
    name: &'static str,
    aliases: &'static [&'static str],
    kb: &'static str,
}

const AGENTS: &[AgentDef] = &[
    AgentDef {
        id: "AGENT12345",
        name: "support",
        aliases: &["TSTALIASID", "LIVE123456"],
        kb: KB_ID,
    },
    AgentDef {
        id: DEP_FAILED_ID,
        name: "broken-lambda",
        aliases: &["TSTALIASID"],
        kb: KB_ID,
    },
    AgentDef {
        id: BAD_GATEWAY_ID,
        name: "flaky-dependency",
        aliases: &["TSTALIASID"],
        kb: KB_ID,
    },
];

pub(crate) const KB_ID: &str = "KB12345678";
/// Agent and knowledge base id answered with 424 `DependencyFailedException`.
pub(crate) const DEP_FAILED_ID: &str = "DEPFAIL001";
/// Agent and knowledge base id answered with 502 `BadGatewayException`.
pub(crate) const BAD_GATEWAY_ID: &str = "BADGATE001";

const CATEGORIES: &[&str] = &["billing", "travel", "security", "hr", "it"];

/// The handbook knowledge base: 25 passages, five per category.
pub(super) const DOCS: &[&str] = &[
    "Invoices are issued on the first business day of each month.",
    "Refunds are processed within five business days of approval.",
    "Corporate cards must be reconciled before the tenth of the month.",
    "Late payment fees are waived for the first occurrence each year.",
    "Billing disputes go to the finance team through the billing portal.",
    "Book flights at least fourteen days before departure.",
    "Hotel stays are reimbursed up to the city rate for the destination.",
    "Economy class is required for flights shorter than six hours.",
    "Travel insurance is included for all business trips abroad.",
    "Rental cars need manager approval before booking.",
    "Passwords must be at least sixteen characters long.",
    "Report suspected phishing emails to the security team immediately.",
    "Laptops must use full disk encryption at all times.",
    "Badges must be worn visibly inside every office building.",
    "Multi-factor authentication is required for remote access.",
    "Employees receive twenty-five days of paid vacation per year.",
    "Parental leave lasts sixteen weeks at full pay.",
    "Performance reviews happen twice a year, in spring and autumn.",
    "Remote work is allowed up to three days per week.",
    "Training budgets are renewed every January.",
    "Request new hardware through the IT service portal.",
    "Software licenses are renewed automatically each year.",
    "The VPN client must be updated within seven days of a release.",
    "Printers are serviced every Tuesday morning.",
    "Lost devices must be reported to IT within one hour.",
];

fn doc_uri(i: usize) -> String {
    format!(
        "s3://brock-emulator-kb/handbook/{:02}-{}.txt",
        i + 1,
        CATEGORIES[i / 5]
    )
}

fn doc_metadata(i: usize) -> Value {
    json!({
        "category": CATEGORIES[i / 5],
        "year": 2020 + (i % 5) as i64,
        "docNumber": (i + 1) as i64,
        "tags": [CATEGORIES[i / 5], if i.is_multiple_of(2) { "even" } else { "odd" }],
        "x-amz-bedrock-kb-source-uri": doc_uri(i),
        "x-amz-bedrock-kb-chunk-id": format!("1%3A0%3A{:02}", i + 1),
        "x-amz-bedrock-kb-data-source-id": "DS12345678",
    })
}

pub(super) fn doc_reference(i: usize) -> Value {
    json!({
        "content": {"type": "TEXT", "text": DOCS[i]},
        "location": {"type": "S3", "s3Location": {"uri": doc_uri(i)}},
        "metadata": doc_metadata(i),
    })
}

/// Per-emulator state: agent sessions and RetrieveAndGenerate sessions.
#[derive(Debug, Default)]
pub(crate) struct Agents {
    pub(super) sessions: Mutex<HashMap<String, Session>>,
    rag_sessions: Mutex<HashSet<String>>,
    pub(super) flows: Mutex<HashMap<String, super::flow::Execution>>,
}

#[derive(Debug, Default, Clone)]
pub(super) struct Session {
    pub turns: u32,
    pub attributes: BTreeMap<String, String>,
    /// The invocation id of a returned control and the calls it asked for.
    pub pending: Option<(String, Vec<String>)>,
}

pub(super) fn pattern_violation(field: &str, value: &str, pattern: &str) -> String {
    format!(
        "Value '{value}' at '{field}' failed to satisfy constraint: Member must satisfy regular expression pattern: {pattern}"
    )
}

pub(super) fn check_id(v: &mut Vec<String>, field: &str, value: &str) {
    if value.is_empty() || value.len() > 10 || !value.chars().all(|c| c.is_ascii_alphanumeric()) {
        // Source: inferred from the Smithy model's constraints, in Coral's report format.
        v.push(pattern_violation(field, value, "^[0-9a-zA-Z]+$"));
    }
}

pub(super) fn check_session(v: &mut Vec<String>, field: &str, value: &str) {
    let ok = (2..=100).contains(&value.len())
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | ':' | '-'));
    if !ok {
        // Source: inferred from the Smithy model's constraints, in Coral's report format.
        v.push(pattern_violation(field, value, "^[0-9a-zA-Z._:-]+$"));
    }
}

pub(super) fn dependency_failed() -> ApiError {
    // Source: inferred.
    ApiError::new(
        424,
        "DependencyFailedException",
        "Received an error from the Lambda function of action group WeatherTools. Check the function's logs and configuration, then retry the request.",
    )
}

pub(super) fn bad_gateway() -> ApiError {
    // Source: inferred.
    ApiError::new(
        502,
        "BadGatewayException",
        "Received an unexpected response from Amazon Bedrock. Retry the request later.",
    )
}

pub(super) fn special(id: &str) -> Result<(), ApiError> {
    match id {
        DEP_FAILED_ID => Err(dependency_failed()),
        BAD_GATEWAY_ID => Err(bad_gateway()),
        _ => Ok(()),
    }
}

pub(super) fn string_map(o: &Obj, key: &str) -> Result<BTreeMap<String, String>, ApiError> {
    let mut out = BTreeMap::new();
    if let Some(m) = json::get_obj(o, key)? {
        for (k, v) in m {
            out.insert(k.clone(), json::string(v)?.to_string());
        }
    }
    Ok(out)
}

/// The members each request shape declares (Smithy model of bedrock-agent-runtime); the
/// service refuses a body with any other member before it looks at the values.
const INVOKE_AGENT_MEMBERS: &[&str] = &[
    "bedrockModelConfigurations",
    "enableTrace",
    "endSession",
    "inputText",
    "memoryId",
    "promptCreationConfigurations",
    "sessionState",
    "sourceArn",
    "streamingConfigurations",
];
pub(super) const SESSION_STATE_MEMBERS: &[&str] = &[
    "conversationHistory",
    "files",
    "invocationId",
    "knowledgeBaseConfigurations",
    "promptSessionAttributes",
    "returnControlInvocationResults",
    "sessionAttributes",
];
const RETRIEVE_MEMBERS: &[&str] = &[
    "guardrailConfiguration",
    "nextToken",
    "retrievalConfiguration",
    "retrievalQuery",
];
const RAG_MEMBERS: &[&str] = &[
    "input",
    "retrieveAndGenerateConfiguration",
    "sessionConfiguration",
    "sessionId",
];
const RAG_CONFIG_MEMBERS: &[&str] = &[
    "externalSourcesConfiguration",
    "knowledgeBaseConfiguration",
    "type",
];
const KB_RAG_MEMBERS: &[&str] = &[
    "generationConfiguration",
    "knowledgeBaseId",
    "modelArn",
    "orchestrationConfiguration",
    "retrievalConfiguration",
];
const VECTOR_SEARCH_MEMBERS: &[&str] = &[
    "filter",
    "implicitFilterConfiguration",
    "numberOfResults",
    "overrideSearchType",
    "rerankingConfiguration",
];

/// Refuses a member the shape does not declare, as the service's deserializer does.
pub(crate) fn known_members(o: &Obj, members: &[&str], shape: &str) -> Result<(), ApiError> {
    match o.keys().find(|k| !members.contains(&k.as_str())) {
        // Source: inferred (the Coral deserializer's wording).
        Some(k) => Err(ApiError::serialization(format!(
            "Unrecognized field \"{k}\" in {shape}"
        ))),
        None => Ok(()),
    }
}

/// Longest `inputText` InvokeAgent takes.
pub(super) const MAX_INPUT_TEXT: usize = 25_000;

pub(super) fn get_bool(o: &Obj, key: &str) -> Result<bool, ApiError> {
    match json::get(o, key) {
        None => Ok(false),
        Some(Value::Bool(b)) => Ok(*b),
        // Source: inferred (the Coral deserializer's wording).
        Some(_) => Err(ApiError::serialization(format!(
            "Value of {key} can not be converted to a Boolean"
        ))),
    }
}

pub(super) fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric() && c != '_')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Text split into stream deltas of at most `n` words (spaces kept with the words).
pub(super) fn deltas(text: &str, n: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut count = 0;
    for piece in text.split_inclusive(' ') {
        cur.push_str(piece);
        count += 1;
        if count == n {
            out.push(std::mem::take(&mut cur));
            count = 0;
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

pub(super) fn chunk_frame(text: &str, attribution: Option<Value>) -> Bytes {
    let mut payload = json!({"bytes": base64::engine::general_purpose::STANDARD.encode(text)});
    if let Some(a) = attribution {
        payload["attribution"] = a;
    }
    eventstream::event("chunk", &payload)
}

/// `streamingConfigurations`: whether the final answer streams, and in pieces of how many
/// characters.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Streaming {
    pub on: bool,
    pub interval: Option<usize>,
}

pub(super) fn streaming(top: &Obj, v: &mut Vec<String>) -> Result<Streaming, ApiError> {
    let Some(s) = json::get_obj(top, "streamingConfigurations")? else {
        return Ok(Streaming::default());
    };
    known_members(
        s,
        &["applyGuardrailInterval", "streamFinalResponse"],
        "StreamingConfigurations",
    )?;
    let on = get_bool(s, "streamFinalResponse")?;
    let interval = match json::get_int(s, "applyGuardrailInterval")? {
        Some(n) if n < 1 => {
            // Source: inferred from the Smithy model's constraints, in Coral's report format.
            v.push(format!(
                "Value '{n}' at 'streamingConfigurations.applyGuardrailInterval' failed to satisfy constraint: Member must have value greater than or equal to 1"
            ));
            None
        }
        Some(n) => Some(n as usize),
        None => None,
    };
    Ok(Streaming { on, interval })
}

/// The pieces an answer is sent in. The API reference: streamFinalResponse "is set to false by
/// default" (the whole answer in one chunk); with it, pieces of `applyGuardrailInterval`
/// characters ("Each chunk has at least 3 characters except for the last chunk"), else a few
/// words at a time.
pub(super) fn answer_pieces(text: &str, s: Streaming) -> Vec<String> {
    if text.is_empty() {
        return Vec::new();
    }
    if !s.on {
        return vec![text.to_string()];
    }
    match s.interval {
        Some(n) => text
            .chars()
            .collect::<Vec<_>>()
            .chunks(n)
            .map(|c| c.iter().collect())
            .collect(),
        None => deltas(text, 4),
    }
}

/// The answer to returned control: each result's body, or a note that the call failed.
/// Results sent back for a returned control must answer the invocation this session is waiting
/// on (InvokeAgent and InvokeInlineAgent alike); a mismatch leaves it waiting.
pub(super) fn answer_pending(
    session: &mut Session,
    invocation_id: Option<String>,
) -> Result<(), ApiError> {
    let Some((pending_id, _)) = session.pending.take() else {
        // Source: inferred.
        return Err(ApiError::validation(
            "The returnControlInvocationResults don't match any pending invocation in this session.",
        ));
    };
    if invocation_id.as_deref() != Some(pending_id.as_str()) {
        session.pending = Some((pending_id.clone(), Vec::new()));
        // Source: inferred.
        return Err(ApiError::validation(format!(
            "The invocationId {} doesn't match the pending invocation {pending_id}.",
            invocation_id.unwrap_or_default()
        )));
    }
    Ok(())
}

pub(super) fn results_answer(results: &[Value]) -> Result<String, ApiError> {
    let mut outputs = Vec::new();
    for r in results {
        let r = json::obj(r)?;
        let (member, body) = if let Some(f) = json::get_obj(r, "functionResult")? {
            ("function", json::get_obj(f, "responseBody")?)
        } else if let Some(a) = json::get_obj(r, "apiResult")? {
            ("api", json::get_obj(a, "responseBody")?)
        } else {
            // Source: inferred from the Smithy model's constraints, in Coral's report format.
            return Err(constraint_report(&["Value at 'sessionState.returnControlInvocationResults.1.member' failed to satisfy constraint: Member must have exactly one member set".into()]));
        };
        let text = body
            .and_then(|b| b.values().next())
            .and_then(|c| c.get("body"))
            .and_then(Value::as_str)
            .unwrap_or_default();
        let failed = r
            .values()
            .next()
            .and_then(|x| x.get("responseState"))
            .and_then(Value::as_str)
            == Some("FAILURE");
        outputs.push(if failed {
            format!("the {member} call failed ({text})")
        } else {
            text.to_string()
        });
    }
    Ok(format!("The action returned: {}", outputs.join("; ")))
}

/// The cited part of an answer and its `attribution`.
pub(super) type Cited = (String, Value);

/// A question answered from the handbook: the cited part appended to an answer of
/// `answer_chars` characters and its attribution, plus the lookup's trace parts.
pub(super) fn handbook_citation(
    input: &str,
    kb: &str,
    answer_chars: usize,
) -> Result<(Option<Cited>, Vec<Value>), ApiError> {
    let hits = ranked(input, None)?;
    let picked: Vec<usize> = hits
        .iter()
        .filter(|(_, s)| *s > 0.01)
        .take(2)
        .map(|(i, _)| *i)
        .collect();
    let traces = vec![
        json!({"orchestrationTrace": {"invocationInput": {
        "invocationType": "KNOWLEDGE_BASE", "traceId": "brock-trace-3",
        "knowledgeBaseLookupInput": {"knowledgeBaseId": kb, "text": input}}}}),
        json!({"orchestrationTrace": {"observation": {
        "type": "KNOWLEDGE_BASE", "traceId": "brock-trace-3",
        "knowledgeBaseLookupOutput": {"retrievedReferences": picked.iter().map(|i| doc_reference(*i)).collect::<Vec<_>>()}}}}),
    ];
    let passages: Vec<&str> = picked.iter().map(|i| DOCS[*i]).collect();
    let part = format!(" According to the handbook: {}", passages.join(" "));
    let start = answer_chars + 1;
    let end_at = start + part.chars().count() - 2;
    let cited = (!picked.is_empty()).then(|| (
        part.clone(),
        json!({"citations": [{
            "generatedResponsePart": {"textResponsePart": {"text": part.trim_start(), "span": {"start": start, "end": end_at}}},
            "retrievedReferences": picked.iter().map(|i| doc_reference(*i)).collect::<Vec<_>>(),
        }]}),
    ));
    Ok((cited, traces))
}

/// Words that say nothing about a passage's topic; left out of the query before scoring.
const STOPWORDS: &[&str] = &[
    "a", "an", "and", "are", "at", "be", "by", "do", "does", "for", "how", "i", "in", "is", "it",
    "long", "many", "much", "my", "of", "on", "or", "our", "the", "to", "we", "what", "when",
    "where", "which", "who", "why", "with", "you", "your",
];

/// Knowledge base ranking: every passage, best first (score, then passage order).
pub(super) fn ranked(query: &str, filter: Option<&Value>) -> Result<Vec<(usize, f64)>, ApiError> {
    let topical: Vec<String> = words(query)
        .into_iter()
        .filter(|w| !STOPWORDS.contains(&w.as_str()))
        .collect();
    let query = if topical.is_empty() {
        query.to_string()
    } else {
        topical.join(" ")
    };
    let query = query.as_str();
    let mut out = Vec::new();
    for (i, d) in DOCS.iter().enumerate() {
        if let Some(f) = filter
            && !matches(
                f,
                &doc_metadata(i),
                "retrievalConfiguration.vectorSearchConfiguration.filter",
            )?
        {
            continue;
        }
        out.push((i, relevance(query, d)));
    }
    out.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    Ok(out)
}

fn as_num(v: &Value) -> Option<f64> {
    v.as_f64()
}

/// Evaluates a RetrievalFilter against a passage's metadata.
fn matches(filter: &Value, meta: &Value, path: &str) -> Result<bool, ApiError> {
    let o = json::obj(filter)?;
    let members: Vec<&String> = o.keys().filter(|k| !o[k.as_str()].is_null()).collect();
    if members.len() != 1 {
        // Source: inferred from the Smithy model's constraints, in Coral's report format.
        return Err(constraint_report(&[format!(
            "Value at '{path}' failed to satisfy constraint: Member must have exactly one member set"
        )]));
    }
    let op = members[0].as_str();
    let arg = &o[op];
    if op == "andAll" || op == "orAll" {
        let list = json::list(arg)?;
        if list.len() < 2 {
            // Source: inferred from the Smithy model's constraints, in Coral's report format.
            return Err(constraint_report(&[format!(
                "Value '{}' at '{path}.{op}' failed to satisfy constraint: Member must have length greater than or equal to 2",
                arg
            )]));
        }
        let mut results = Vec::new();
        for (i, f) in list.iter().enumerate() {
            results.push(matches(f, meta, &format!("{path}.{op}.{}.member", i + 1))?);
        }
        return Ok(if op == "andAll" {
            results.iter().all(|b| *b)
        } else {
            results.iter().any(|b| *b)
        });
    }
    let a = json::obj(arg)?;
    let key = json::get_str(a, "key")?.unwrap_or_default();
    let Some(value) = json::get(a, "value") else {
        // Source: inferred from the Smithy model's constraints, in Coral's report format.
        return Err(constraint_report(&[format!(
            "Value null at '{path}.{op}.value' failed to satisfy constraint: Member must not be null"
        )]));
    };
    let field = meta.get(key);
    let cmp = |f: fn(f64, f64) -> bool| -> bool {
        match (field.and_then(as_num), as_num(value)) {
            (Some(x), Some(y)) => f(x, y),
            _ => false,
        }
    };
    let equal = |x: &Value, y: &Value| match (as_num(x), as_num(y)) {
        (Some(a), Some(b)) => a == b,
        _ => x == y,
    };
    Ok(match op {
        "equals" => field.is_some_and(|f| equal(f, value)),
        "notEquals" => !field.is_some_and(|f| equal(f, value)),
        "greaterThan" => cmp(|x, y| x > y),
        "greaterThanOrEquals" => cmp(|x, y| x >= y),
        "lessThan" => cmp(|x, y| x < y),
        "lessThanOrEquals" => cmp(|x, y| x <= y),
        "in" => {
            let list = json::list(value)?;
            field.is_some_and(|f| list.iter().any(|v| equal(f, v)))
        }
        "notIn" => {
            let list = json::list(value)?;
            !field.is_some_and(|f| list.iter().any(|v| equal(f, v)))
        }
        "startsWith" => match (field.and_then(Value::as_str), value.as_str()) {
            (Some(f), Some(p)) => f.starts_with(p),
            _ => false,
        },
        "stringContains" => match (field, value.as_str()) {
            (Some(Value::String(f)), Some(p)) => f.contains(p),
            (Some(Value::Array(l)), Some(p)) => {
                l.iter().any(|x| x.as_str().is_some_and(|s| s.contains(p)))
            }
            _ => false,
        },
        "listContains" => match field {
            Some(Value::Array(l)) => l.iter().any(|x| equal(x, value)),
            _ => false,
        },
        other => {
            // Source: inferred (the Coral deserializer's wording).
            return Err(ApiError::serialization(format!(
                "Unrecognized field \"{other}\" in RetrievalFilter"
            )));
        }
    })
}

struct RetrievalConfig {
    top_k: usize,
    filter: Option<Value>,
}

fn retrieval_config(
    parent: &Obj,
    prefix: &str,
    v: &mut Vec<String>,
) -> Result<RetrievalConfig, ApiError> {
    let mut cfg = RetrievalConfig {
        top_k: 5,
        filter: None,
    };
    let Some(rc) = json::get_obj(parent, "retrievalConfiguration")? else {
        return Ok(cfg);
    };
    known_members(
        rc,
        &["vectorSearchConfiguration"],
        "KnowledgeBaseRetrievalConfiguration",
    )?;
    let Some(vs) = json::get_obj(rc, "vectorSearchConfiguration")? else {
        return Ok(cfg);
    };
    known_members(
        vs,
        VECTOR_SEARCH_MEMBERS,
        "KnowledgeBaseVectorSearchConfiguration",
    )?;
    let path = format!("{prefix}retrievalConfiguration.vectorSearchConfiguration");
    if let Some(n) = json::get_int(vs, "numberOfResults")? {
        if !(1..=100).contains(&n) {
            // Source: inferred from the Smithy model's constraints, in Coral's report format.
            v.push(format!(
                "Value '{n}' at '{path}.numberOfResults' failed to satisfy constraint: Member must have value {}",
                if n < 1 { "greater than or equal to 1" } else { "less than or equal to 100" }
            ));
        }
        cfg.top_k = n.clamp(1, 100) as usize;
    }
    if let Some(t) = json::get_str(vs, "overrideSearchType")?
        && !["HYBRID", "SEMANTIC"].contains(&t)
    {
        // Source: inferred from the Smithy model's constraints, in Coral's report format.
        v.push(format!(
            "Value '{t}' at '{path}.overrideSearchType' failed to satisfy constraint: Member must satisfy enum value set: [HYBRID, SEMANTIC]"
        ));
    }
    if let Some(f) = json::get(vs, "filter") {
        cfg.filter = Some(f.clone());
    }
    Ok(cfg)
}

fn encode_token(offset: usize) -> String {
    base64::engine::general_purpose::STANDARD.encode(format!("brock-emulator-kb:{offset}"))
}

fn decode_token(token: &str) -> Option<usize> {
    let raw = base64::engine::general_purpose::STANDARD
        .decode(token)
        .ok()?;
    String::from_utf8(raw)
        .ok()?
        .strip_prefix("brock-emulator-kb:")?
        .parse()
        .ok()
}

/// `POST /knowledgebases/{kb}/retrieve`: pages of `numberOfResults` passages, best first.
pub(crate) fn retrieve(kb: &str, body: &Value) -> Result<Reply, ApiError> {
    let top = json::obj(body)?;
    known_members(top, RETRIEVE_MEMBERS, "RetrieveRequest")?;
    let mut v = Vec::new();
    check_id(&mut v, "knowledgeBaseId", kb);
    let query = match json::get_obj(top, "retrievalQuery")? {
        None => {
            // Source: inferred from the Smithy model's constraints, in Coral's report format.
            v.push("Value null at 'retrievalQuery' failed to satisfy constraint: Member must not be null".into());
            String::new()
        }
        Some(q) => match json::get_str(q, "text")? {
            Some(t) if !t.is_empty() => t.to_string(),
            _ => {
                // Source: inferred from the Smithy model's constraints, in Coral's report format.
                v.push("Value null at 'retrievalQuery.text' failed to satisfy constraint: Member must not be null".into());
                String::new()
            }
        },
    };
    let cfg = retrieval_config(top, "", &mut v)?;
    if !v.is_empty() {
        // Source: inferred from the Smithy model's constraints, in Coral's report format.
        return Err(constraint_report(&v));
    }
    special(kb)?;
    if kb != KB_ID {
        return Err(missing_resource());
    }
    let all = ranked(&query, cfg.filter.as_ref())?;
    let start = match json::get_str(top, "nextToken")? {
        None => 0,
        Some(t) => decode_token(t)
            .filter(|s| *s < all.len())
            // Source: inferred.
            .ok_or_else(|| ApiError::validation("The provided nextToken is invalid."))?,
    };
    let end = (start + cfg.top_k).min(all.len());
    let results: Vec<Value> = all[start..end]
        .iter()
        .map(|(i, score)| {
            let mut r = doc_reference(*i);
            r["score"] = json!(score);
            r
        })
        .collect();
    let mut out = json!({"retrievalResults": results});
    if end < all.len() {
        out["nextToken"] = json!(encode_token(end));
    }
    Ok(Reply {
        headers: Vec::new(),
        body: ReplyBody::Json(out),
    })
}

struct RagRequest {
    question: String,
    cfg: RetrievalConfig,
    session_id: Option<String>,
}

fn parse_rag(body: &Value) -> Result<RagRequest, ApiError> {
    let top = json::obj(body)?;
    known_members(top, RAG_MEMBERS, "RetrieveAndGenerateRequest")?;
    let mut v = Vec::new();
    let question = match json::get_obj(top, "input")? {
        None => {
            // Source: inferred from the Smithy model's constraints, in Coral's report format.
            v.push(
                "Value null at 'input' failed to satisfy constraint: Member must not be null"
                    .into(),
            );
            String::new()
        }
        Some(i) => json::get_str(i, "text")?.unwrap_or_default().to_string(),
    };
    let session_id = json::get_str(top, "sessionId")?.map(str::to_string);
    if let Some(s) = &session_id {
        check_session(&mut v, "sessionId", s);
    }
    let Some(conf) = json::get_obj(top, "retrieveAndGenerateConfiguration")? else {
        // Source: inferred from the Smithy model's constraints, in Coral's report format.
        v.push("Value null at 'retrieveAndGenerateConfiguration' failed to satisfy constraint: Member must not be null".into());
        // Source: inferred from the Smithy model's constraints, in Coral's report format.
        return Err(constraint_report(&v));
    };
    known_members(conf, RAG_CONFIG_MEMBERS, "RetrieveAndGenerateConfiguration")?;
    let kind = json::get_str(conf, "type")?.unwrap_or_default();
    if !["KNOWLEDGE_BASE", "EXTERNAL_SOURCES"].contains(&kind) {
        // Source: inferred from the Smithy model's constraints, in Coral's report format.
        v.push(format!(
            "Value '{kind}' at 'retrieveAndGenerateConfiguration.type' failed to satisfy constraint: Member must satisfy enum value set: [KNOWLEDGE_BASE, EXTERNAL_SOURCES]"
        ));
    }
    let kb_conf = json::get_obj(conf, "knowledgeBaseConfiguration")?;
    let (kb, model, cfg) = match kb_conf {
        None => {
            if kind == "KNOWLEDGE_BASE" {
                // Source: inferred from the Smithy model's constraints, in Coral's report format.
                v.push("Value null at 'retrieveAndGenerateConfiguration.knowledgeBaseConfiguration' failed to satisfy constraint: Member must not be null".into());
            }
            (
                String::new(),
                String::new(),
                RetrievalConfig {
                    top_k: 5,
                    filter: None,
                },
            )
        }
        Some(k) => {
            known_members(
                k,
                KB_RAG_MEMBERS,
                "KnowledgeBaseRetrieveAndGenerateConfiguration",
            )?;
            let kb = json::get_str(k, "knowledgeBaseId")?
                .unwrap_or_default()
                .to_string();
            check_id(
                &mut v,
                "retrieveAndGenerateConfiguration.knowledgeBaseConfiguration.knowledgeBaseId",
                &kb,
            );
            let model = json::get_str(k, "modelArn")?
                .unwrap_or_default()
                .to_string();
            if model.is_empty() {
                // Source: inferred from the Smithy model's constraints, in Coral's report format.
                v.push("Value null at 'retrieveAndGenerateConfiguration.knowledgeBaseConfiguration.modelArn' failed to satisfy constraint: Member must not be null".into());
            }
            let cfg = retrieval_config(
                k,
                "retrieveAndGenerateConfiguration.knowledgeBaseConfiguration.",
                &mut v,
            )?;
            (kb, model, cfg)
        }
    };
    if !v.is_empty() {
        // Source: the emulator's own (no Bedrock counterpart).
        return Err(constraint_report(&v));
    }
    if kind == "EXTERNAL_SOURCES" {
        // Source: the emulator's own (no Bedrock counterpart).
        return Err(ApiError::validation(
            "External sources are not available in the brock emulator; use type KNOWLEDGE_BASE.",
        ));
    }
    if question.is_empty() {
        // Source: inferred.
        return Err(ApiError::validation("Input text must not be empty."));
    }
    special(&kb)?;
    if kb != KB_ID {
        return Err(missing_resource());
    }
    let known_model = catalog::resolve(&model).is_some_and(|r| r.model.converse);
    if !known_model {
        // Source: inferred.
        return Err(ApiError::validation(format!(
            "The provided model ARN {model} is not supported for knowledge base queries."
        )));
    }
    Ok(RagRequest {
        question,
        cfg,
        session_id,
    })
}

/// Sentences of an answer, each with the citation covering it.
type CitedSentences = Vec<(String, Option<Value>)>;

/// The generated answer: one sentence per cited passage (at most two), with the citations
/// whose spans cover each sentence.
fn generate_answer(req: &RagRequest) -> Result<(CitedSentences, Value), ApiError> {
    let hits = ranked(&req.question, req.cfg.filter.as_ref())?;
    let picked: Vec<usize> = hits
        .iter()
        .take(req.cfg.top_k.min(2))
        .filter(|(_, s)| *s > 0.01)
        .map(|(i, _)| *i)
        .collect();
    if picked.is_empty() {
        let text = "Sorry, I am unable to assist you with this request.".to_string();
        return Ok((vec![(text, None)], json!([])));
    }
    let mut parts = Vec::new();
    let mut citations = Vec::new();
    let mut offset = 0usize;
    for (n, i) in picked.iter().enumerate() {
        let lead = if n == 0 {
            "According to the handbook: "
        } else {
            " Also: "
        };
        let text = format!("{lead}{}", DOCS[*i]);
        let len = text.chars().count();
        let citation = json!({
            "generatedResponsePart": {"textResponsePart": {"text": text.trim_start(), "span": {"start": offset, "end": offset + len - 1}}},
            "retrievedReferences": [doc_reference(*i)],
        });
        offset += len;
        citations.push(citation.clone());
        parts.push((text, Some(citation)));
    }
    Ok((parts, Value::Array(citations)))
}

impl Agents {
    fn rag_session(&self, given: Option<&str>) -> Result<String, ApiError> {
        let mut known = self.rag_sessions.lock().unwrap_or_else(|e| e.into_inner());
        match given {
            Some(s) if known.contains(s) => Ok(s.to_string()),
            // Source: inferred.
            Some(s) => Err(ApiError::not_found(format!(
                "Session with Id {s} does not exist."
            ))),
            None => {
                let id = uuid::Uuid::new_v4().to_string();
                known.insert(id.clone());
                Ok(id)
            }
        }
    }

    /// `POST /retrieveAndGenerate`.
    pub(crate) fn retrieve_and_generate(&self, body: &Value) -> Result<Reply, ApiError> {
        let req = parse_rag(body)?;
        let session = self.rag_session(req.session_id.as_deref())?;
        let (parts, citations) = generate_answer(&req)?;
        let text: String = parts.iter().map(|(t, _)| t.as_str()).collect();
        Ok(Reply {
            headers: Vec::new(),
            body: ReplyBody::Json(json!({
                "output": {"text": text},
                "citations": citations,
                "sessionId": session,
            })),
        })
    }

    /// `POST /retrieveAndGenerateStream`: `output` deltas, each cited part followed by its
    /// `citation` event; the session id comes in a header.
    pub(crate) fn retrieve_and_generate_stream(&self, body: &Value) -> Result<Reply, ApiError> {
        let req = parse_rag(body)?;
        let session = self.rag_session(req.session_id.as_deref())?;
        let (parts, _) = generate_answer(&req)?;
        let mut frames = Vec::new();
        for (text, citation) in parts {
            for d in deltas(&text, 3) {
                frames.push(eventstream::event("output", &json!({"text": d})));
            }
            if let Some(c) = citation {
                let mut ev = c.clone();
                ev["citation"] = c;
                frames.push(eventstream::event("citation", &ev));
            }
        }
        Ok(Reply {
            headers: vec![("x-amzn-bedrock-knowledge-base-session-id", session)],
            body: ReplyBody::Frames(frames),
        })
    }

    /// `POST /agents/{a}/agentAliases/{b}/sessions/{s}/text`.
    pub(crate) fn invoke_agent(
        &self,
        agent_id: &str,
        alias_id: &str,
        session_id: &str,
        body: &Value,
    ) -> Result<Reply, ApiError> {
        let top = json::obj(body)?;
        known_members(top, INVOKE_AGENT_MEMBERS, "InvokeAgentRequest")?;
        let mut v = Vec::new();
        check_id(&mut v, "agentId", agent_id);
        check_id(&mut v, "agentAliasId", alias_id);
        check_session(&mut v, "sessionId", session_id);
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
        let memory = json::get_str(top, "memoryId")?.map(str::to_string);
        if let Some(m) = &memory {
            check_session(&mut v, "memoryId", m);
        }
        let state = json::get_obj(top, "sessionState")?;
        if let Some(s) = state {
            known_members(s, SESSION_STATE_MEMBERS, "SessionState")?;
        }
        let (attrs, prompt_attrs, results, invocation_id) = match state {
            None => (BTreeMap::new(), BTreeMap::new(), None, None),
            Some(s) => (
                string_map(s, "sessionAttributes")?,
                string_map(s, "promptSessionAttributes")?,
                json::get_list(s, "returnControlInvocationResults")?.cloned(),
                json::get_str(s, "invocationId")?.map(str::to_string),
            ),
        };
        if !v.is_empty() {
            // Source: inferred from the Smithy model's constraints, in Coral's report format.
            return Err(constraint_report(&v));
        }
        if input.is_empty() && results.is_none() {
            // Source: inferred.
            return Err(ApiError::validation(
                "Either inputText or returnControlInvocationResults must be provided.",
            ));
        }
        special(agent_id)?;
        let agent = AGENTS
            .iter()
            .find(|a| a.id == agent_id && a.aliases.contains(&alias_id))
            .ok_or_else(missing_resource)?;

        let key = format!("{agent_id}/{alias_id}/{session_id}");
        let mut sessions = self.sessions.lock().unwrap_or_else(|e| e.into_inner());
        let session = sessions.entry(key.clone()).or_default();
        session.attributes.extend(attrs);

        let mut frames = Vec::new();
        let trace_part = |t: Value| -> Bytes {
            eventstream::event(
                "trace",
                &json!({
                    "agentId": agent.id, "agentAliasId": alias_id, "agentVersion": "DRAFT",
                    "sessionId": session_id, "trace": t,
                }),
            )
        };
        if trace {
            frames.push(trace_part(
                json!({"guardrailTrace": {"action": "NONE", "traceId": "brock-trace-0"}}),
            ));
        }

        // A returned control is being answered.
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
            return Ok(agent_reply(session_id, memory, frames));
        }

        session.turns += 1;
        let turn = session.turns;
        let lower = words(&input);
        let wants_weather = lower.iter().any(|w| w == "weather" || w == "get_weather");
        let wants_booking = lower.iter().any(|w| w == "book" || w == "booking");
        if wants_weather || wants_booking {
            let invocation_id = format!("{:08x}-brock-{turn}", fxhash(&key));
            let mut inputs = Vec::new();
            if wants_weather {
                let city = city_in(&input);
                if trace {
                    frames.push(trace_part(json!({"orchestrationTrace": {
                        "rationale": {"text": format!("The user asks about the weather in {city}. I will call get_weather."), "traceId": "brock-trace-1"},
                        "invocationInput": {"invocationType": "ACTION_GROUP", "traceId": "brock-trace-1", "actionGroupInvocationInput": {
                            "actionGroupName": "WeatherTools", "function": "get_weather", "executionType": "RETURN_CONTROL", "invocationId": invocation_id,
                            "parameters": [{"name": "city", "type": "string", "value": city}]}}}})));
                }
                inputs.push(json!({"functionInvocationInput": {
                    "actionGroup": "WeatherTools", "actionInvocationType": "RESULT", "agentId": agent.id,
                    "function": "get_weather",
                    "parameters": [{"name": "city", "type": "string", "value": city}]}}));
            }
            if wants_booking {
                if trace {
                    frames.push(trace_part(json!({"orchestrationTrace": {
                        "rationale": {"text": "The user wants to book a room. I will call the booking API.", "traceId": "brock-trace-2"},
                        "invocationInput": {"invocationType": "ACTION_GROUP", "traceId": "brock-trace-2", "actionGroupInvocationInput": {
                            "actionGroupName": "BookingAPI", "apiPath": "/rooms/book", "verb": "post", "executionType": "RETURN_CONTROL", "invocationId": invocation_id,
                            "parameters": [{"name": "room", "type": "string", "value": "A1"}]}}}})));
                }
                inputs.push(json!({"apiInvocationInput": {
                    "actionGroup": "BookingAPI", "actionInvocationType": "RESULT", "agentId": agent.id,
                    "apiPath": "/rooms/book", "httpMethod": "POST",
                    "parameters": [{"name": "room", "type": "string", "value": "A1"}],
                    "requestBody": {"content": {"application/json": {"properties": [
                        {"name": "nights", "type": "integer", "value": "2"}]}}}}}));
            }
            session.pending = Some((invocation_id.clone(), Vec::new()));
            frames.push(eventstream::event(
                "returnControl",
                &json!({"invocationId": invocation_id, "invocationInputs": inputs}),
            ));
            return Ok(agent_reply(session_id, memory, frames));
        }

        let mut answer = format!(
            "Hello from agent {} ({}, alias {alias_id}), turn {turn}. You said: {input}",
            agent.name, agent.id
        );
        if !session.attributes.is_empty() {
            answer.push_str(&format!(
                " [session attributes: {}]",
                kv_list(&session.attributes)
            ));
        }
        if !prompt_attrs.is_empty() {
            answer.push_str(&format!(" [prompt attributes: {}]", kv_list(&prompt_attrs)));
        }
        if let Some(m) = &memory {
            answer.push_str(&format!(" [memory: {m}]"));
        }
        if trace {
            frames.push(trace_part(json!({"orchestrationTrace": {"rationale": {
                "text": format!("The user said: {input}. I will greet them{}.", if input.trim_end().ends_with('?') { " and consult the knowledge base" } else { "" }),
                "traceId": "brock-trace-1"}}})));
        }
        let fail_marker = if input.contains("[[dependency-failed]]") {
            Some(("dependencyFailedException", dependency_failed().message))
        } else if input.contains("[[bad-gateway]]") {
            Some(("badGatewayException", bad_gateway().message))
        } else {
            None
        };
        let mut cited = None;
        if input.trim_end().ends_with('?') {
            let (c, traces) = handbook_citation(&input, agent.kb, answer.chars().count())?;
            if trace {
                frames.extend(traces.into_iter().map(&trace_part));
            }
            cited = c;
        }
        let mut full = answer.clone();
        if let Some((p, _)) = &cited {
            full.push_str(p);
        }
        if trace {
            frames.push(trace_part(json!({"orchestrationTrace": {"observation": {"type": "FINISH", "traceId": "brock-trace-4", "finalResponse": {"text": full}}}})));
        }
        let pieces = answer_pieces(&answer, stream);
        for (n, d) in pieces.iter().enumerate() {
            frames.push(chunk_frame(d, None));
            if n == 0
                && let Some((code, message)) = &fail_marker
            {
                frames.push(eventstream::exception(code, message));
                return Ok(agent_reply(session_id, memory, frames));
            }
        }
        if let Some((p, attribution)) = cited {
            frames.push(chunk_frame(&p, Some(attribution)));
        }
        if end {
            sessions.remove(&key);
        }
        Ok(agent_reply(session_id, memory, frames))
    }
}

fn agent_reply(session_id: &str, memory: Option<String>, frames: Vec<Bytes>) -> Reply {
    let mut headers = vec![
        ("x-amz-bedrock-agent-session-id", session_id.to_string()),
        (
            "x-amzn-bedrock-agent-content-type",
            "application/json".to_string(),
        ),
    ];
    if let Some(m) = memory {
        headers.push(("x-amz-bedrock-agent-memory-id", m));
    }
    Reply {
        headers,
        body: ReplyBody::Frames(frames),
    }
}

fn kv_list(m: &BTreeMap<String, String>) -> String {
    m.iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The word after "in" (capitalised), else Seattle.
pub(super) fn city_in(input: &str) -> String {
    let ws: Vec<&str> = input.split_whitespace().collect();
    ws.iter()
        .position(|w| w.eq_ignore_ascii_case("in"))
        .and_then(|i| ws.get(i + 1))
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string())
        .filter(|w| !w.is_empty())
        .unwrap_or_else(|| "Seattle".into())
}

/// A stable, dependency-free hash for invocation ids (FNV-1a).
pub(super) fn fxhash(s: &str) -> u32 {
    let mut h: u32 = 0x811c9dc5;
    for b in s.bytes() {
        h ^= b as u32;
        h = h.wrapping_mul(0x01000193);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eventstream::tests::decode_all;

    fn frames(r: &Reply) -> Vec<(Vec<(String, String)>, Value)> {
        match &r.body {
            ReplyBody::Frames(f) => f.iter().flat_map(|b| decode_all(b)).collect(),
            ReplyBody::Json(_) => panic!("not a stream"),
        }
    }

    fn text_of(fs: &[(Vec<(String, String)>, Value)]) -> String {
        fs.iter()
            .filter(|(h, _)| h[0].1 == "chunk")
            .map(|(_, p)| {
                let raw = base64::engine::general_purpose::STANDARD
                    .decode(p["bytes"].as_str().unwrap())
                    .unwrap();
                String::from_utf8(raw).unwrap()
            })
            .collect()
    }

    #[test]
    fn sessions_count_turns_and_keep_attributes() {
        let a = Agents::default();
        let r = a
            .invoke_agent(
                "AGENT12345",
                "TSTALIASID",
                "s-1",
                &json!({"inputText": "hi", "sessionState": {"sessionAttributes": {"user": "42"}}}),
            )
            .unwrap();
        assert_eq!(
            r.headers[0],
            ("x-amz-bedrock-agent-session-id", "s-1".into())
        );
        let t = text_of(&frames(&r));
        assert!(t.contains("turn 1") && t.contains("user=42"), "{t}");
        let r = a
            .invoke_agent(
                "AGENT12345",
                "TSTALIASID",
                "s-1",
                &json!({"inputText": "again", "endSession": true}),
            )
            .unwrap();
        let t = text_of(&frames(&r));
        assert!(t.contains("turn 2") && t.contains("user=42"), "{t}");
        let r = a
            .invoke_agent(
                "AGENT12345",
                "TSTALIASID",
                "s-1",
                &json!({"inputText": "new"}),
            )
            .unwrap();
        assert!(text_of(&frames(&r)).contains("turn 1"));
        assert_eq!(
            a.invoke_agent("NOPE", "TSTALIASID", "s-1", &json!({"inputText": "x"}))
                .err()
                .unwrap()
                .code,
            "ResourceNotFoundException"
        );
        assert_eq!(
            a.invoke_agent(
                DEP_FAILED_ID,
                "TSTALIASID",
                "s-1",
                &json!({"inputText": "x"})
            )
            .err()
            .unwrap()
            .status
            .as_u16(),
            424
        );
        assert_eq!(
            a.invoke_agent("A", "B", "s", &json!({"inputText": "x"}))
                .err()
                .unwrap()
                .code,
            "ValidationException"
        );
    }

    #[test]
    fn return_control_round_trip() {
        let a = Agents::default();
        let r = a
            .invoke_agent(
                "AGENT12345",
                "TSTALIASID",
                "s-2",
                &json!({"inputText": "weather in Paris"}),
            )
            .unwrap();
        let fs = frames(&r);
        let rc = fs.iter().find(|(h, _)| h[0].1 == "returnControl").unwrap();
        let id = rc.1["invocationId"].as_str().unwrap().to_string();
        assert_eq!(
            rc.1["invocationInputs"][0]["functionInvocationInput"]["parameters"][0]["value"],
            "Paris"
        );
        let bad = a.invoke_agent(
            "AGENT12345",
            "TSTALIASID",
            "s-2",
            &json!({"sessionState": {"invocationId": "x", "returnControlInvocationResults": []}}),
        );
        assert!(bad.is_err());
        let ok = a
            .invoke_agent("AGENT12345", "TSTALIASID", "s-2", &json!({"sessionState": {"invocationId": id, "returnControlInvocationResults": [
                {"functionResult": {"actionGroup": "WeatherTools", "function": "get_weather", "responseBody": {"TEXT": {"body": "sunny"}}}}]}}))
            .unwrap();
        assert_eq!(text_of(&frames(&ok)), "The action returned: sunny");
    }

    #[test]
    fn questions_cite_the_knowledge_base_and_traces_appear() {
        let a = Agents::default();
        let r = a
            .invoke_agent(
                "AGENT12345",
                "TSTALIASID",
                "s-3",
                &json!({"inputText": "how are refunds processed?", "enableTrace": true}),
            )
            .unwrap();
        let fs = frames(&r);
        assert!(fs.iter().any(|(h, _)| h[0].1 == "trace"));
        let last = fs.iter().rev().find(|(h, _)| h[0].1 == "chunk").unwrap();
        let c = &last.1["attribution"]["citations"][0];
        assert!(
            c["retrievedReferences"][0]["content"]["text"]
                .as_str()
                .unwrap()
                .contains("Refunds")
        );
        let full = text_of(&fs);
        let span = &c["generatedResponsePart"]["textResponsePart"]["span"];
        let (s, e) = (
            span["start"].as_u64().unwrap() as usize,
            span["end"].as_u64().unwrap() as usize,
        );
        let cited: String = full.chars().skip(s).take(e - s + 1).collect();
        assert!(
            cited.starts_with("According") && cited.ends_with('.'),
            "{cited:?}"
        );
    }

    #[test]
    fn retrieve_pages_and_filters() {
        let r = retrieve(KB_ID, &json!({"retrievalQuery": {"text": "refunds"}})).unwrap();
        let ReplyBody::Json(v) = r.body else { panic!() };
        assert_eq!(v["retrievalResults"].as_array().unwrap().len(), 5);
        assert!(
            v["retrievalResults"][0]["content"]["text"]
                .as_str()
                .unwrap()
                .contains("Refunds")
        );
        let mut token = v["nextToken"].as_str().map(str::to_string);
        let mut seen = 5;
        while let Some(t) = token {
            let r = retrieve(
                KB_ID,
                &json!({"retrievalQuery": {"text": "refunds"}, "nextToken": t}),
            )
            .unwrap();
            let ReplyBody::Json(v) = r.body else { panic!() };
            seen += v["retrievalResults"].as_array().unwrap().len();
            token = v["nextToken"].as_str().map(str::to_string);
        }
        assert_eq!(seen, 25);
        let f = json!({"retrievalQuery": {"text": "x"}, "retrievalConfiguration": {"vectorSearchConfiguration": {"numberOfResults": 100,
            "filter": {"andAll": [{"equals": {"key": "category", "value": "travel"}}, {"greaterThanOrEquals": {"key": "year", "value": 2023}}]}}}});
        let ReplyBody::Json(v) = retrieve(KB_ID, &f).unwrap().body else {
            panic!()
        };
        assert_eq!(v["retrievalResults"].as_array().unwrap().len(), 2);
        let bad = json!({"retrievalQuery": {"text": "x"}, "retrievalConfiguration": {"vectorSearchConfiguration": {"filter": {"andAll": [{"equals": {"key": "a", "value": 1}}]}}}});
        assert_eq!(
            retrieve(KB_ID, &bad).err().unwrap().code,
            "ValidationException"
        );
        assert_eq!(
            retrieve("KBNOPE", &json!({"retrievalQuery": {"text": "x"}}))
                .err()
                .unwrap()
                .code,
            "ResourceNotFoundException"
        );
        assert_eq!(
            retrieve(BAD_GATEWAY_ID, &json!({"retrievalQuery": {"text": "x"}}))
                .err()
                .unwrap()
                .status
                .as_u16(),
            502
        );
    }

    #[test]
    fn retrieve_and_generate_cites_and_keeps_sessions() {
        let a = Agents::default();
        let body = json!({"input": {"text": "how are refunds processed"}, "retrieveAndGenerateConfiguration": {"type": "KNOWLEDGE_BASE",
            "knowledgeBaseConfiguration": {"knowledgeBaseId": KB_ID, "modelArn": "arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0"}}});
        let ReplyBody::Json(v) = a.retrieve_and_generate(&body).unwrap().body else {
            panic!()
        };
        assert!(v["output"]["text"].as_str().unwrap().contains("Refunds"));
        assert!(!v["citations"].as_array().unwrap().is_empty());
        let mut again = body.clone();
        again["sessionId"] = v["sessionId"].clone();
        assert!(a.retrieve_and_generate(&again).is_ok());
        again["sessionId"] = json!("unknown-session");
        assert_eq!(
            a.retrieve_and_generate(&again).err().unwrap().code,
            "ResourceNotFoundException"
        );
        let r = a.retrieve_and_generate_stream(&body).unwrap();
        assert_eq!(r.headers[0].0, "x-amzn-bedrock-knowledge-base-session-id");
        let fs = frames(&r);
        assert!(fs.iter().any(|(h, _)| h[0].1 == "citation"));
        let mut bad = body.clone();
        bad["retrieveAndGenerateConfiguration"]["knowledgeBaseConfiguration"]["modelArn"] =
            json!("nope.model");
        assert_eq!(
            a.retrieve_and_generate(&bad).err().unwrap().code,
            "ValidationException"
        );
    }
}
