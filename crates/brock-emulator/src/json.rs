//! Reading wire JSON the way the service's deserializer does: `null` is absent, a value of the
//! wrong JSON type is a `SerializationException`, and constraint violations are reported in
//! Coral's format with 1-based `member` paths (`messages.2.member.content.1.member.text`).

use serde_json::{Map, Value};

use super::errors::ApiError;

pub(crate) type Obj = Map<String, Value>;

fn token(v: &Value) -> &'static str {
    match v {
        Value::Null => "NULL_VALUE",
        Value::Bool(_) => "BOOLEAN_VALUE",
        Value::Number(_) => "NUMBER_VALUE",
        Value::String(_) => "STRING_VALUE",
        Value::Array(_) => "START_ARRAY",
        Value::Object(_) => "START_OBJECT",
    }
}

fn mismatch(v: &Value, target: &str) -> ApiError {
    match v {
        Value::Object(_) => {
            // Source: inferred (the Coral deserializer's wording).
            ApiError::serialization("Start of structure or map found where not expected.")
        }
        // Source: inferred (the Coral deserializer's wording).
        Value::Array(_) => ApiError::serialization("Start of list found where not expected"),
        _ => {
            let article = if target.starts_with(['A', 'E', 'I', 'O', 'U']) {
                "an"
            } else {
                "a"
            };
            // Source: inferred (the Coral deserializer's wording).
            ApiError::serialization(format!(
                "{} can not be converted to {article} {target}",
                token(v)
            ))
        }
    }
}

pub(crate) fn parse_body(body: &[u8]) -> Result<Value, ApiError> {
    if body.iter().all(|b| b.is_ascii_whitespace()) {
        return Ok(Value::Object(Map::new()));
    }
    serde_json::from_slice(body)
        // Source: inferred (the Coral deserializer's wording).
        .map_err(|_| ApiError::serialization("Could not parse the request body as JSON."))
}

pub(crate) fn obj(v: &Value) -> Result<&Obj, ApiError> {
    match v {
        Value::Object(m) => Ok(m),
        other => Err(mismatch(other, "Structure")),
    }
}

pub(crate) fn list(v: &Value) -> Result<&Vec<Value>, ApiError> {
    match v {
        Value::Array(a) => Ok(a),
        other => Err(mismatch(other, "List")),
    }
}

pub(crate) fn string(v: &Value) -> Result<&str, ApiError> {
    match v {
        Value::String(s) => Ok(s),
        other => Err(mismatch(other, "String")),
    }
}

pub(crate) fn integer(v: &Value) -> Result<i64, ApiError> {
    match v {
        Value::Number(n) => n.as_i64().ok_or_else(|| {
            // Source: inferred (the Coral deserializer's wording).
            ApiError::serialization("NUMBER_VALUE can not be converted to an Integer")
        }),
        other => Err(mismatch(other, "Integer")),
    }
}

pub(crate) fn float(v: &Value) -> Result<f64, ApiError> {
    match v {
        Value::Number(n) => n
            .as_f64()
            // Source: inferred (the Coral deserializer's wording).
            .ok_or_else(|| ApiError::serialization("NUMBER_VALUE can not be converted to a Float")),
        other => Err(mismatch(other, "Float")),
    }
}

/// A member, with JSON `null` treated as absent.
pub(crate) fn get<'a>(o: &'a Obj, key: &str) -> Option<&'a Value> {
    o.get(key).filter(|v| !v.is_null())
}

pub(crate) fn get_obj<'a>(o: &'a Obj, key: &str) -> Result<Option<&'a Obj>, ApiError> {
    get(o, key).map(obj).transpose()
}

pub(crate) fn get_list<'a>(o: &'a Obj, key: &str) -> Result<Option<&'a Vec<Value>>, ApiError> {
    get(o, key).map(list).transpose()
}

pub(crate) fn get_str<'a>(o: &'a Obj, key: &str) -> Result<Option<&'a str>, ApiError> {
    get(o, key).map(string).transpose()
}

pub(crate) fn get_int(o: &Obj, key: &str) -> Result<Option<i64>, ApiError> {
    get(o, key).map(integer).transpose()
}

pub(crate) fn get_float(o: &Obj, key: &str) -> Result<Option<f64>, ApiError> {
    get(o, key).map(float).transpose()
}

/// The members of a union that are set (non-null).
pub(crate) fn union_members(o: &Obj) -> Vec<&str> {
    o.iter()
        .filter(|(_, v)| !v.is_null())
        .map(|(k, _)| k.as_str())
        .collect()
}

/// A path into the request, rendered either Coral-style (1-based, `.member`) or the 0-based
/// dotted style of Bedrock's own messages (`messages.1.content.0`).
#[derive(Debug, Clone, Default)]
pub(crate) struct Path(Vec<Seg>);

#[derive(Debug, Clone)]
enum Seg {
    Field(String),
    Index(usize),
}

impl Path {
    pub fn root(field: &str) -> Path {
        Path(vec![Seg::Field(field.into())])
    }

    pub fn field(&self, name: &str) -> Path {
        let mut p = self.clone();
        p.0.push(Seg::Field(name.into()));
        p
    }

    pub fn index(&self, i: usize) -> Path {
        let mut p = self.clone();
        p.0.push(Seg::Index(i));
        p
    }

    pub fn coral(&self) -> String {
        let mut out = String::new();
        for seg in &self.0 {
            if !out.is_empty() {
                out.push('.');
            }
            match seg {
                Seg::Field(f) => out.push_str(f),
                Seg::Index(i) => out.push_str(&format!("{}.member", i + 1)),
            }
        }
        out
    }

    pub fn dotted(&self) -> String {
        let mut out = String::new();
        for seg in &self.0 {
            if !out.is_empty() {
                out.push('.');
            }
            match seg {
                Seg::Field(f) => out.push_str(f),
                Seg::Index(i) => out.push_str(&i.to_string()),
            }
        }
        out
    }
}

/// Collects Coral constraint violations. Values under sensitive members (the conversation)
/// are not echoed, as the recorded tool-name error shows.
#[derive(Debug, Default)]
pub(crate) struct Violations(pub Vec<String>);

impl Violations {
    pub fn push(&mut self, path: &Path, value: Option<&str>, constraint: &str) {
        let at = match value {
            Some(v) => format!("Value '{v}' at '{}'", path.coral()),
            None => format!("Value at '{}'", path.coral()),
        };
        self.0
            .push(format!("{at} failed to satisfy constraint: {constraint}"));
    }

    pub fn null(&mut self, path: &Path) {
        self.0.push(format!(
            "Value null at '{}' failed to satisfy constraint: Member must not be null",
            path.coral()
        ));
    }

    pub fn into_result(self) -> Result<(), ApiError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            // Source: inferred from the Smithy model's constraints, in Coral's report format.
            Err(super::errors::constraint_report(&self.0))
        }
    }
}

/// Formats a number the way Coral echoes it (`1.5`, `0`, `2500`).
pub(crate) fn num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn paths_render_both_styles() {
        let p = Path::root("messages")
            .index(1)
            .field("content")
            .index(0)
            .field("toolUse");
        assert_eq!(p.coral(), "messages.2.member.content.1.member.toolUse");
        assert_eq!(p.dotted(), "messages.1.content.0.toolUse");
    }

    #[test]
    fn type_mismatches_are_serialization_errors() {
        let e = list(&json!({"a": 1})).unwrap_err();
        assert_eq!(e.code, "SerializationException");
        assert_eq!(
            e.message,
            "Start of structure or map found where not expected."
        );
        let e = integer(&json!("5")).unwrap_err();
        assert_eq!(e.message, "STRING_VALUE can not be converted to an Integer");
        assert!(get(json!({"a": null}).as_object().unwrap(), "a").is_none());
    }
}
