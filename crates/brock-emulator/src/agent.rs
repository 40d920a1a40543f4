//! bedrock-agent-runtime: Rerank here; agents and knowledge bases (InvokeAgent, Retrieve,
//! RetrieveAndGenerate and its stream) in [`runtime`], inline agents in [`inline`], flows in
//! [`flow`].

use serde_json::{Value, json};

use super::errors::ApiError;
use super::json::{self, Path, Violations};

mod flow;
mod inline;
mod runtime;

use runtime::known_members;
pub(crate) use runtime::{Agents, Reply, ReplyBody, retrieve};

const RERANK_MODELS: &[&str] = &["amazon.rerank-v1:0", "cohere.rerank-v3-5:0"];

pub(crate) fn missing_resource() -> ApiError {
    // Source: inferred.
    ApiError::not_found(
        "Failed to retrieve resource because it doesn't exist. Retry the request with a different resource identifier.",
    )
}

fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// A deterministic relevance in (0, 1): word overlap between query and document.
pub(crate) fn relevance(query: &str, doc: &str) -> f64 {
    let q = words(query);
    let d = words(doc);
    if q.is_empty() || d.is_empty() {
        return 0.0001;
    }
    let hits = q.iter().filter(|w| d.contains(w)).count() as f64;
    let score = hits / q.len() as f64;
    // Keep scores distinct and strictly inside (0, 1), as real ones are.
    (0.0001 + score * 0.9) - (d.len() as f64 * 1e-6).min(0.00009)
}

/// A required enum member: null and values outside the set are constraint violations.
fn required_enum(
    v: &mut Violations,
    o: &json::Obj,
    at: &Path,
    key: &str,
    set: &[&str],
) -> Result<(), ApiError> {
    match json::get_str(o, key)? {
        // Source: inferred from the Smithy model's constraints, in Coral's report format.
        None => v.null(&at.field(key)),
        // Source: inferred from the Smithy model's constraints, in Coral's report format.
        Some(t) if !set.contains(&t) => v.push(
            &at.field(key),
            Some(t),
            &format!("Member must satisfy enum value set: [{}]", set.join(", ")),
        ),
        Some(_) => {}
    }
    Ok(())
}

/// `POST /rerank`.
pub(crate) fn rerank(body: &Value) -> Result<Value, ApiError> {
    let top = json::obj(body)?;
    known_members(
        top,
        &["nextToken", "queries", "rerankingConfiguration", "sources"],
        "RerankRequest",
    )?;
    let mut v = Violations::default();
    let mut query = String::new();
    match json::get_list(top, "queries")? {
        // Source: inferred from the Smithy model's constraints, in Coral's report format.
        None => v.null(&Path::root("queries")),
        Some(qs) => {
            if qs.len() != 1 {
                // Source: inferred from the Smithy model's constraints, in Coral's report format.
                v.push(
                    &Path::root("queries"),
                    None,
                    "Member must have length less than or equal to 1",
                );
            }
            for (i, q) in qs.iter().enumerate() {
                let q = json::obj(q)?;
                known_members(q, &["textQuery", "type"], "RerankQuery")?;
                required_enum(
                    &mut v,
                    q,
                    &Path::root("queries").index(i),
                    "type",
                    &["TEXT"],
                )?;
                if let Some(t) = json::get_obj(q, "textQuery")? {
                    query = json::get_str(t, "text")?.unwrap_or_default().to_string();
                }
            }
        }
    }
    let mut docs = Vec::new();
    match json::get_list(top, "sources")? {
        // Source: inferred from the Smithy model's constraints, in Coral's report format.
        None => v.null(&Path::root("sources")),
        Some(sources) => {
            if sources.is_empty() || sources.len() > 1000 {
                // Source: inferred from the Smithy model's constraints, in Coral's report format.
                v.push(
                    &Path::root("sources"),
                    None,
                    "Member must have length between 1 and 1000",
                );
            }
            for (i, s) in sources.iter().enumerate() {
                let s = json::obj(s)?;
                let at = Path::root("sources").index(i);
                known_members(s, &["inlineDocumentSource", "type"], "RerankSource")?;
                required_enum(&mut v, s, &at, "type", &["INLINE"])?;
                let inline = json::get_obj(s, "inlineDocumentSource")?;
                match inline {
                    // Source: inferred from the Smithy model's constraints, in Coral's report format.
                    None => v.null(&at.field("inlineDocumentSource")),
                    Some(d) => {
                        known_members(
                            d,
                            &["jsonDocument", "textDocument", "type"],
                            "RerankDocument",
                        )?;
                        required_enum(
                            &mut v,
                            d,
                            &at.field("inlineDocumentSource"),
                            "type",
                            &["JSON", "TEXT"],
                        )?;
                    }
                }
                let text = inline
                    .and_then(|i| i.get("textDocument"))
                    .and_then(|t| t.get("text"))
                    .and_then(Value::as_str)
                    .map(str::to_string)
                    .or_else(|| {
                        inline
                            .and_then(|i| i.get("jsonDocument"))
                            .map(|j| j.to_string())
                    })
                    .unwrap_or_default();
                docs.push(text);
            }
        }
    }
    let mut n = docs.len();
    let mut model_arn = String::new();
    match json::get_obj(top, "rerankingConfiguration")? {
        // Source: inferred from the Smithy model's constraints, in Coral's report format.
        None => v.null(&Path::root("rerankingConfiguration")),
        Some(rc) => {
            known_members(
                rc,
                &["bedrockRerankingConfiguration", "type"],
                "RerankingConfiguration",
            )?;
            required_enum(
                &mut v,
                rc,
                &Path::root("rerankingConfiguration"),
                "type",
                &["BEDROCK_RERANKING_MODEL"],
            )?;
            if let Some(bc) = json::get_obj(rc, "bedrockRerankingConfiguration")? {
                if let Some(k) = json::get_int(bc, "numberOfResults")? {
                    if !(1..=1000).contains(&k) {
                        // Source: inferred from the Smithy model's constraints, in Coral's report format.
                        v.push(
                            &Path::root("rerankingConfiguration")
                                .field("bedrockRerankingConfiguration")
                                .field("numberOfResults"),
                            Some(&k.to_string()),
                            "Member must have value between 1 and 1000",
                        );
                    }
                    n = n.min(k.max(0) as usize);
                }
                if let Some(mc) = json::get_obj(bc, "modelConfiguration")? {
                    model_arn = json::get_str(mc, "modelArn")?
                        .unwrap_or_default()
                        .to_string();
                }
            }
        }
    }
    v.into_result()?;
    let model_ok = model_arn
        .rsplit_once("foundation-model/")
        .is_some_and(|(prefix, id)| prefix.starts_with("arn:aws") && RERANK_MODELS.contains(&id));
    if !model_ok {
        // Source: inferred.
        return Err(ApiError::validation(format!(
            "The provided model ARN {model_arn} is not supported for reranking."
        )));
    }
    let mut scored: Vec<(usize, f64)> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| (i, relevance(&query, d)))
        .collect();
    scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let results: Vec<Value> = scored
        .into_iter()
        .take(n)
        .map(|(i, s)| json!({"index": i, "relevanceScore": s}))
        .collect();
    Ok(json!({ "results": results }))
}

/// InvokeModel on a rerank model: the Cohere-style body `{"query", "documents", "top_n",
/// "api_version"}` (Cohere requires `api_version` 2; Amazon Rerank takes the same fields
/// without it). Scores are the same word overlap as `POST /rerank`.
pub(crate) fn rerank_invoke(
    model: &super::catalog::Model,
    body: &[u8],
) -> Result<super::invoke::Invoked, ApiError> {
    use super::invoke::{check_keys, json_type, malformed, parse_native};
    let native = parse_native(body)?;
    let cohere = model.id.starts_with("cohere.");
    let mut permitted = vec!["query", "documents", "top_n"];
    let mut required = vec!["query", "documents"];
    if cohere {
        permitted.extend(["api_version", "max_tokens_per_doc", "rank_fields"]);
        required.push("api_version");
    }
    let mut v = check_keys(&native, &required, &permitted);
    let query = match native.get("query") {
        Some(Value::String(q)) if !q.is_empty() => q.clone(),
        Some(Value::String(_)) => {
            // Source: inferred (the JSON-schema wording of Bedrock's InvokeModel refusals).
            v.push("#/query: expected minLength: 1, actual: 0".into());
            String::new()
        }
        Some(other) => {
            // Source: inferred (the JSON-schema wording of Bedrock's InvokeModel refusals).
            v.push(format!(
                "#/query: expected type: String, found: {}",
                json_type(other)
            ));
            String::new()
        }
        None => String::new(),
    };
    let mut docs = Vec::new();
    match native.get("documents") {
        Some(Value::Array(list)) => {
            if list.is_empty() || list.len() > 1000 {
                // Source: inferred (the JSON-schema wording of Bedrock's InvokeModel refusals).
                v.push(format!(
                    "#/documents: expected between 1 and 1000 items, found: {}",
                    list.len()
                ));
            }
            for d in list {
                docs.push(match d {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                });
            }
        }
        // Source: inferred (the JSON-schema wording of Bedrock's InvokeModel refusals).
        Some(other) => v.push(format!(
            "#/documents: expected type: JSONArray, found: {}",
            json_type(other)
        )),
        None => {}
    }
    let mut n = docs.len();
    if let Some(t) = native.get("top_n") {
        match t.as_u64() {
            Some(k) if k >= 1 => n = n.min(k as usize),
            // Source: inferred (the JSON-schema wording of Bedrock's InvokeModel refusals).
            _ => v.push(format!("#/top_n: {t} is not greater or equal to 1")),
        }
    }
    if cohere
        && let Some(a) = native.get("api_version")
        && a.as_u64() != Some(2)
    {
        // Source: inferred (the JSON-schema wording of Bedrock's InvokeModel refusals).
        v.push(format!("#/api_version: {a} is not greater or equal to 2"));
    }
    if !v.is_empty() {
        // Source: inferred (the JSON-schema wording of Bedrock's InvokeModel refusals).
        return Err(malformed(&v));
    }
    let mut scored: Vec<(usize, f64)> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| (i, relevance(&query, d)))
        .collect();
    scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let results: Vec<Value> = scored
        .into_iter()
        .take(n)
        .map(|(i, s)| json!({"index": i, "relevance_score": s}))
        .collect();
    let mut body = json!({ "results": results });
    if cohere {
        body["id"] = json!(uuid::Uuid::new_v4().to_string());
    }
    let chars: usize = query.len() + docs.iter().map(String::len).sum::<usize>();
    Ok(super::invoke::Invoked {
        body,
        input_tokens: (chars as u64 / 4).max(1),
        output_tokens: None,
        chunks: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rerank_orders_by_overlap() {
        let body = json!({
            "queries": [{"type": "TEXT", "textQuery": {"text": "green fruit"}}],
            "sources": [
                {"type": "INLINE", "inlineDocumentSource": {"type": "TEXT", "textDocument": {"text": "a red car"}}},
                {"type": "INLINE", "inlineDocumentSource": {"type": "TEXT", "textDocument": {"text": "kiwi is a green fruit"}}}],
            "rerankingConfiguration": {"type": "BEDROCK_RERANKING_MODEL", "bedrockRerankingConfiguration": {
                "numberOfResults": 1,
                "modelConfiguration": {"modelArn": "arn:aws:bedrock:us-west-2::foundation-model/amazon.rerank-v1:0"}}}});
        let r = rerank(&body).unwrap();
        assert_eq!(r["results"].as_array().unwrap().len(), 1);
        assert_eq!(r["results"][0]["index"], 1);
        let s = r["results"][0]["relevanceScore"].as_f64().unwrap();
        assert!(s > 0.0 && s < 1.0);
    }

    #[test]
    fn rerank_invoke_bodies() {
        let m = crate::catalog::find("cohere.rerank-v3-5:0").unwrap();
        let body = json!({"query": "green fruit", "documents": ["a red car", "kiwi is a green fruit"], "top_n": 2, "api_version": 2});
        let out = rerank_invoke(m, body.to_string().as_bytes()).unwrap();
        assert_eq!(out.body["results"][0]["index"], 1);
        assert!(
            out.body["results"][0]["relevance_score"].as_f64().unwrap()
                > out.body["results"][1]["relevance_score"].as_f64().unwrap()
        );
        let err = rerank_invoke(m, br#"{"query":"q","documents":["d"]}"#)
            .err()
            .unwrap();
        assert!(err.message.contains("required key [api_version] not found"));
        let amazon = crate::catalog::find("amazon.rerank-v1:0").unwrap();
        assert!(rerank_invoke(amazon, br#"{"query":"q","documents":["d"],"top_n":1}"#).is_ok());
    }
}
