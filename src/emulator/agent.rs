//! bedrock-agent-runtime: Rerank is implemented; agents and knowledge bases do not exist in the
//! emulator, so their operations answer `ResourceNotFoundException` as the service does for an
//! unknown id (a later issue adds behaviour).

use serde_json::{Value, json};

use super::errors::ApiError;
use super::json::{self, Path, Violations};

const RERANK_MODELS: &[&str] = &["amazon.rerank-v1:0", "cohere.rerank-v3-5:0"];

pub(crate) fn missing_resource() -> ApiError {
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

/// `POST /rerank`.
pub(crate) fn rerank(body: &Value) -> Result<Value, ApiError> {
    let top = json::obj(body)?;
    let mut v = Violations::default();
    let mut query = String::new();
    match json::get_list(top, "queries")? {
        None => v.null(&Path::root("queries")),
        Some(qs) => {
            if qs.len() != 1 {
                v.push(
                    &Path::root("queries"),
                    None,
                    "Member must have length less than or equal to 1",
                );
            }
            for q in qs {
                let q = json::obj(q)?;
                if let Some(t) = json::get_obj(q, "textQuery")? {
                    query = json::get_str(t, "text")?.unwrap_or_default().to_string();
                }
            }
        }
    }
    let mut docs = Vec::new();
    match json::get_list(top, "sources")? {
        None => v.null(&Path::root("sources")),
        Some(sources) => {
            if sources.is_empty() || sources.len() > 1000 {
                v.push(
                    &Path::root("sources"),
                    None,
                    "Member must have length between 1 and 1000",
                );
            }
            for s in sources {
                let s = json::obj(s)?;
                let inline = json::get_obj(s, "inlineDocumentSource")?;
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
        None => v.null(&Path::root("rerankingConfiguration")),
        Some(rc) => {
            if let Some(bc) = json::get_obj(rc, "bedrockRerankingConfiguration")? {
                if let Some(k) = json::get_int(bc, "numberOfResults")? {
                    if !(1..=1000).contains(&k) {
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
}
