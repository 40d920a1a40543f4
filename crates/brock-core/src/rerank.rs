//! Reranking: the bedrock-agent-runtime `Rerank` body (`POST /rerank`) and the Cohere-style
//! InvokeModel body, and their answers turned into one ranked list. Pure: no I/O.

use serde_json::{Value, json};

use super::error::{Error, Result};
use super::model::{ArnResource, ModelKind, ModelRef};

/// The Rerank API takes at most this many documents per call.
pub const MAX_DOCUMENTS: usize = 1000;

/// One ranked document.
#[derive(Debug, Clone, PartialEq)]
pub struct Ranked {
    /// Position of the document in the input.
    pub index: usize,
    pub score: f64,
}

/// The foundation-model ARN the Rerank API wants: an ARN is kept, an id is placed in `region`.
pub fn model_arn(model: &str, region: &str) -> Result<String> {
    let r = ModelRef::parse(model)?;
    match r.kind() {
        ModelKind::Arn(arn) if arn.resource == ArnResource::FoundationModel => {
            Ok(model.to_string())
        }
        ModelKind::Arn(_) => Err(Error::invalid(format!(
            "'{model}' is not a foundation-model ARN; reranking takes a model id such as cohere.rerank-v3-5:0 or its foundation-model ARN"
        ))),
        _ => Ok(format!(
            "arn:aws:bedrock:{region}::foundation-model/{model}"
        )),
    }
}

/// True for the rerank models Bedrock offers (by id or ARN).
pub fn is_rerank_model(model: &str) -> bool {
    let id = model.rsplit('/').next().unwrap_or(model);
    id.starts_with("amazon.rerank") || id.starts_with("cohere.rerank")
}

fn check(query: &str, docs: &[String]) -> Result<()> {
    if query.trim().is_empty() {
        return Err(Error::invalid("the query is empty"));
    }
    if docs.is_empty() {
        return Err(Error::invalid("no documents to rank"));
    }
    if docs.len() > MAX_DOCUMENTS {
        return Err(Error::invalid(format!(
            "{} documents: reranking takes at most {MAX_DOCUMENTS} per call",
            docs.len()
        )));
    }
    Ok(())
}

/// A document as sent: text, or JSON when the line is a JSON object (`jsonDocument`).
fn source(doc: &str, as_json: bool) -> Value {
    let parsed = if as_json {
        serde_json::from_str::<Value>(doc)
            .ok()
            .filter(Value::is_object)
    } else {
        None
    };
    match parsed {
        Some(j) => {
            json!({"type": "INLINE", "inlineDocumentSource": {"type": "JSON", "jsonDocument": j}})
        }
        None => {
            json!({"type": "INLINE", "inlineDocumentSource": {"type": "TEXT", "textDocument": {"text": doc}}})
        }
    }
}

/// The `POST /rerank` body. `json_documents`: send JSON-object documents as `jsonDocument`.
pub fn rerank_body(
    model_arn: &str,
    query: &str,
    docs: &[String],
    top_n: Option<usize>,
    json_documents: bool,
) -> Result<Value> {
    check(query, docs)?;
    let mut cfg = json!({"modelConfiguration": {"modelArn": model_arn}});
    cfg["numberOfResults"] = json!(top_n.unwrap_or(docs.len()).clamp(1, docs.len()));
    Ok(json!({
        "queries": [{"type": "TEXT", "textQuery": {"text": query}}],
        "sources": docs.iter().map(|d| source(d, json_documents)).collect::<Vec<_>>(),
        "rerankingConfiguration": {"type": "BEDROCK_RERANKING_MODEL", "bedrockRerankingConfiguration": cfg},
    }))
}

/// The InvokeModel body for a rerank model (Cohere's shape; Amazon Rerank takes the same
/// fields without `api_version`).
pub fn invoke_body(
    model: &str,
    query: &str,
    docs: &[String],
    top_n: Option<usize>,
) -> Result<Value> {
    check(query, docs)?;
    let mut body = json!({"query": query, "documents": docs});
    if let Some(n) = top_n {
        body["top_n"] = json!(n.clamp(1, docs.len()));
    }
    let id = model.rsplit('/').next().unwrap_or(model);
    if id.contains("cohere.") {
        body["api_version"] = json!(2);
    }
    Ok(body)
}

fn ranked(list: &Value, score_key: &str, n_docs: usize) -> Result<Vec<Ranked>> {
    let items = list
        .get("results")
        .and_then(Value::as_array)
        .ok_or_else(|| Error::response("the rerank answer has no results"))?;
    items
        .iter()
        .map(|r| {
            let index = r
                .get("index")
                .and_then(Value::as_u64)
                .ok_or_else(|| Error::response("a rerank result has no index"))?
                as usize;
            if index >= n_docs {
                return Err(Error::response(format!(
                    "a rerank result names document {index} of {n_docs}"
                )));
            }
            let score = r
                .get(score_key)
                .and_then(Value::as_f64)
                .ok_or_else(|| Error::response(format!("a rerank result has no {score_key}")))?;
            Ok(Ranked { index, score })
        })
        .collect()
}

/// Results of `POST /rerank` (`relevanceScore`).
pub fn parse_rerank(body: &Value, n_docs: usize) -> Result<Vec<Ranked>> {
    ranked(body, "relevanceScore", n_docs)
}

/// Results of a rerank InvokeModel (`relevance_score`).
pub fn parse_invoke(body: &Value, n_docs: usize) -> Result<Vec<Ranked>> {
    ranked(body, "relevance_score", n_docs)
}

/// The Cohere-compatible answer: `{"results":[{"index","relevance_score","document"?}]}`.
pub fn cohere_results(ranked: &[Ranked], docs: Option<&[String]>) -> Value {
    let results: Vec<Value> = ranked
        .iter()
        .map(|r| {
            let mut v = json!({"index": r.index, "relevance_score": r.score});
            if let Some(d) = docs.and_then(|d| d.get(r.index)) {
                v["document"] = json!({"text": d});
            }
            v
        })
        .collect();
    json!({ "results": results })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arns_from_ids_and_regions() {
        assert_eq!(
            model_arn("cohere.rerank-v3-5:0", "us-west-2").unwrap(),
            "arn:aws:bedrock:us-west-2::foundation-model/cohere.rerank-v3-5:0"
        );
        let arn = "arn:aws:bedrock:eu-central-1::foundation-model/amazon.rerank-v1:0";
        assert_eq!(model_arn(arn, "us-east-1").unwrap(), arn);
        assert!(
            model_arn(
                "arn:aws:bedrock:us-east-1:1:inference-profile/x.y",
                "us-east-1"
            )
            .is_err()
        );
        assert!(is_rerank_model(arn));
        assert!(!is_rerank_model("amazon.nova-lite-v1:0"));
    }

    #[test]
    fn bodies() {
        let docs = vec!["a".to_string(), r#"{"title":"b"}"#.to_string()];
        let b = rerank_body("ARN", "q", &docs, Some(5), true).unwrap();
        assert_eq!(
            b["rerankingConfiguration"]["bedrockRerankingConfiguration"]["numberOfResults"],
            2
        );
        assert_eq!(b["sources"][1]["inlineDocumentSource"]["type"], "JSON");
        assert_eq!(
            b["sources"][0]["inlineDocumentSource"]["textDocument"]["text"],
            "a"
        );
        assert_eq!(b["queries"][0]["textQuery"]["text"], "q");
        let i = invoke_body("cohere.rerank-v3-5:0", "q", &docs, Some(1)).unwrap();
        assert_eq!(
            i,
            json!({"query": "q", "documents": docs, "top_n": 1, "api_version": 2})
        );
        assert!(rerank_body("ARN", " ", &docs, None, false).is_err());
        assert!(rerank_body("ARN", "q", &[], None, false).is_err());
    }

    #[test]
    fn recorded_answer_parses() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/fixtures/recorded/rerank-response.json");
        let body: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let r = parse_rerank(&body, 6).unwrap();
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].index, 0);
        assert_eq!(r[1].index, 5);
        assert!(r[0].score > r[1].score);
        assert!(parse_rerank(&body, 3).is_err());
        let docs: Vec<String> = (0..6).map(|i| format!("d{i}")).collect();
        let c = cohere_results(&r, Some(&docs));
        assert_eq!(c["results"][1]["document"]["text"], "d5");
        assert_eq!(
            c["results"][0]["relevance_score"],
            body["results"][0]["relevanceScore"]
        );
    }
}
