//! Tools files: a JSON array (or `{"tools": [...]}`) of tool definitions in OpenAI form
//! (`{type: function, function: {name, description, parameters}}`), Bedrock form
//! (`{toolSpec: {name, description, inputSchema: {json}}}`) or Anthropic form
//! (`{name, description, input_schema}`), mixed freely.

use serde_json::Value;

use super::error::{Error, Result};
use super::message::ToolSpec;
use super::request::check_tool_name;

/// Parses the bytes of a tools file.
pub fn parse_tools_file(bytes: &[u8]) -> Result<Vec<ToolSpec>> {
    let v: Value = serde_json::from_slice(bytes)
        .map_err(|e| Error::ToolsFile(format!("not valid JSON ({e})")))?;
    parse_tools_value(&v)
}

/// Parses a tools document already read as JSON.
pub fn parse_tools_value(v: &Value) -> Result<Vec<ToolSpec>> {
    let items = match v {
        Value::Array(a) => a,
        Value::Object(o) => match o.get("tools") {
            Some(Value::Array(a)) => a,
            _ => {
                return Err(Error::ToolsFile(
                    "expected an array of tools or an object with a \"tools\" array".into(),
                ));
            }
        },
        _ => {
            return Err(Error::ToolsFile(
                "expected an array of tools or an object with a \"tools\" array".into(),
            ));
        }
    };
    let mut out: Vec<ToolSpec> = Vec::with_capacity(items.len());
    for (index, item) in items.iter().enumerate() {
        // Bedrock cache points in a copied toolConfig are not tools.
        if item.get("cachePoint").is_some() {
            continue;
        }
        let tool = parse_tool(item).map_err(|reason| Error::Tool { index, reason })?;
        if out.iter().any(|t| t.name == tool.name) {
            return Err(Error::Tool {
                index,
                reason: format!("tool '{}' is defined twice", tool.name),
            });
        }
        out.push(tool);
    }
    Ok(out)
}

/// One tool in any of the accepted forms. The error is the reason alone; the caller adds
/// where it is.
pub fn parse_tool(item: &Value) -> Result<ToolSpec, String> {
    let obj = item
        .as_object()
        .ok_or_else(|| "expected a JSON object".to_string())?;
    let ty = obj.get("type").and_then(Value::as_str);
    let (def, schema_key, form) = if let Some(spec) = obj.get("toolSpec") {
        (spec, "inputSchema", "toolSpec")
    } else if let Some(f) = obj.get("function") {
        match ty {
            None | Some("function") => {}
            Some(other) => {
                return Err(format!(
                    "tool type '{other}' is not supported; only \"function\""
                ));
            }
        }
        (f, "parameters", "function")
    } else if obj.contains_key("input_schema") {
        (item, "input_schema", "tool")
    } else if let Some(other) = ty.filter(|t| *t != "function") {
        return Err(format!(
            "tool type '{other}' is not supported; only \"function\""
        ));
    } else {
        (item, "parameters", "tool")
    };
    let def = def
        .as_object()
        .ok_or_else(|| format!("\"{form}\" must be an object"))?;
    let name = def
        .get("name")
        .and_then(Value::as_str)
        .ok_or_else(|| "missing \"name\"".to_string())?;
    check_tool_name(name)?;
    let description = match def.get("description") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if s.trim().is_empty() => {
            return Err(format!("tool '{name}': the description is empty"));
        }
        Some(Value::String(s)) => Some(s.clone()),
        Some(_) => return Err(format!("tool '{name}': the description must be a string")),
    };
    let mut schema = match def.get(schema_key) {
        // A function without parameters takes none.
        None | Some(Value::Null) => serde_json::json!({"type": "object", "properties": {}}),
        Some(s) => s.clone(),
    };
    if schema_key == "inputSchema" {
        schema = schema
            .get("json")
            .cloned()
            .ok_or_else(|| format!("tool '{name}': inputSchema must be {{\"json\": SCHEMA}}"))?;
    }
    let is_object_schema = schema.is_object()
        && match schema.get("type") {
            Some(Value::String(t)) => t == "object",
            None => schema.get("properties").is_some_and(Value::is_object),
            _ => false,
        };
    if !is_object_schema {
        return Err(format!(
            "tool '{name}': the {schema_key} must be a JSON Schema object with \"type\": \"object\""
        ));
    }
    let strict = match def.get("strict") {
        None | Some(Value::Null) => None,
        Some(Value::Bool(b)) => Some(*b),
        Some(_) => return Err(format!("tool '{name}': \"strict\" must be true or false")),
    };
    Ok(ToolSpec {
        name: name.to_string(),
        description,
        input_schema: schema,
        strict,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn accepts_every_form() {
        let file = json!({"tools": [
            {"type": "function", "function": {"name": "get_weather", "description": "Weather",
              "parameters": {"type": "object", "properties": {"city": {"type": "string"}}}, "strict": true}},
            {"toolSpec": {"name": "get_time", "inputSchema": {"json": {"type": "object", "properties": {}}}}},
            {"cachePoint": {"type": "default"}},
            {"name": "anthropic_style", "description": "d", "input_schema": {"type": "object"}},
            {"type": "function", "function": {"name": "no_params"}}
        ]});
        let tools = parse_tools_value(&file).unwrap();
        assert_eq!(tools.len(), 4);
        assert_eq!(tools[0].name, "get_weather");
        assert_eq!(tools[0].strict, Some(true));
        assert_eq!(
            tools[1].input_schema,
            json!({"type": "object", "properties": {}})
        );
        assert_eq!(tools[2].description.as_deref(), Some("d"));
        assert_eq!(
            tools[3].input_schema,
            json!({"type": "object", "properties": {}})
        );
        let same =
            parse_tools_file(serde_json::to_string(&file["tools"]).unwrap().as_bytes()).unwrap();
        assert_eq!(same, tools);
    }

    #[test]
    fn errors_name_the_tool_index() {
        let cases = [
            (
                json!([{"type": "function", "function": {"name": "ok"}}, {"type": "function", "function": {"name": "bad name"}}]),
                "tools file: tools[1]: tool name 'bad name' contains ' ': only letters, digits, '_' and '-' are allowed",
            ),
            (
                json!([{"toolSpec": {"name": "x", "inputSchema": {"type": "object"}}}]),
                "tools file: tools[0]: tool 'x': inputSchema must be {\"json\": SCHEMA}",
            ),
            (
                json!([{"type": "function", "function": {"name": "x", "parameters": {"type": "array"}}}]),
                "tools file: tools[0]: tool 'x': the parameters must be a JSON Schema object with \"type\": \"object\"",
            ),
            (
                json!([{"type": "web_search"}]),
                "tools file: tools[0]: tool type 'web_search' is not supported; only \"function\"",
            ),
            (
                json!([{"function": {"description": "x"}}]),
                "tools file: tools[0]: missing \"name\"",
            ),
            (
                json!([{"name": "a"}, {"name": "a"}]),
                "tools file: tools[1]: tool 'a' is defined twice",
            ),
            (json!([1]), "tools file: tools[0]: expected a JSON object"),
            (
                json!({"x": 1}),
                "tools file: expected an array of tools or an object with a \"tools\" array",
            ),
        ];
        for (v, want) in cases {
            assert_eq!(parse_tools_value(&v).unwrap_err().to_string(), want);
        }
        let e = parse_tools_file(b"[{").unwrap_err().to_string();
        assert!(e.starts_with("tools file: not valid JSON ("), "{e}");
    }
}
