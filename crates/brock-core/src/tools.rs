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
    if let Some(st) = obj.get("systemTool") {
        let name = st
            .get("name")
            .and_then(Value::as_str)
            .ok_or_else(|| "systemTool needs a \"name\"".to_string())?;
        let mut t = ToolSpec::new(name, None, Value::Null);
        t.builtin = Some(serde_json::json!({ "systemTool": { "name": name } }));
        return Ok(t);
    }
    if let Some(t) = ty.filter(|t| anthropic_builtin_beta(t).is_some())
        && !obj.contains_key("function")
    {
        // Anthropic's schema-less tools go through unchanged; the defaults are the names
        // Anthropic's docs give them (LiteLLM fills in the same).
        let name = match obj.get("name").and_then(Value::as_str) {
            Some(n) => n,
            None if t.starts_with("bash_") => "bash",
            None if t.starts_with("text_editor_") => "str_replace_based_edit_tool",
            None if t.starts_with("computer_") => "computer",
            None => return Err(format!("tool type '{t}' needs a \"name\"")),
        };
        let mut def = obj.clone();
        def.insert("name".into(), Value::String(name.into()));
        let mut spec = ToolSpec::new(name, None, Value::Null);
        spec.builtin = Some(Value::Object(def));
        return Ok(spec);
    }
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
    check_schema(&schema).map_err(|why| {
        format!("tool '{name}': the {schema_key} is not a valid JSON Schema: {why}")
    })?;
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
        builtin: None,
    })
}

/// For an Anthropic built-in tool type (computer use, bash, text editor), the beta it needs
/// on Bedrock: `Some("")` when it needs none. None for any other type. The betas are those of
/// Anthropic's tool docs (computer-use-2024-10-22 / -2025-01-24 / -2025-11-24); the Claude 4
/// text editors (`text_editor_20250429`, `text_editor_20250728`) need none.
pub fn anthropic_builtin_beta(ty: &str) -> Option<&'static str> {
    let (kind, date) = ty.rsplit_once('_')?;
    if !["computer", "bash", "text_editor"].contains(&kind)
        || date.len() != 8
        || !date.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    Some(match date {
        "20241022" => "computer-use-2024-10-22",
        "20250124" => "computer-use-2025-01-24",
        "20251124" => "computer-use-2025-11-24",
        // Later versions: none known; give it with --anthropic-beta if one is needed.
        _ => "",
    })
}

const SCHEMA_TYPES: &[&str] = &[
    "object", "array", "string", "number", "integer", "boolean", "null",
];
/// Deeper than any hand-written schema; bounds the recursion on hostile input.
const MAX_SCHEMA_DEPTH: usize = 64;

/// Checks the shape of the JSON Schema keywords Bedrock and the models interpret, so a typo
/// (`"type": "strnig"`, `"properties": []`) is refused here instead of by the service or,
/// worse, silently ignored by the model. Unknown keywords are left alone.
pub fn check_schema(schema: &Value) -> Result<(), String> {
    check_subschema(schema, "#", 0)
}

fn check_subschema(s: &Value, at: &str, depth: usize) -> Result<(), String> {
    if depth > MAX_SCHEMA_DEPTH {
        return Err(format!(
            "{at}: nested more than {MAX_SCHEMA_DEPTH} levels deep"
        ));
    }
    let obj = match s {
        Value::Bool(_) => return Ok(()),
        Value::Object(o) => o,
        _ => return Err(format!("{at}: a schema must be an object or a boolean")),
    };
    let known_type = |t: &Value| t.as_str().is_some_and(|t| SCHEMA_TYPES.contains(&t));
    match obj.get("type") {
        None => {}
        Some(Value::Array(ts)) if !ts.is_empty() && ts.iter().all(known_type) => {}
        Some(t) if known_type(t) => {}
        Some(t) => {
            return Err(format!(
                "{at}/type: {t} is not one of {}",
                SCHEMA_TYPES.join(", ")
            ));
        }
    }
    for key in ["properties", "patternProperties", "$defs", "definitions"] {
        match obj.get(key) {
            None => {}
            Some(Value::Object(props)) => {
                for (name, sub) in props {
                    check_subschema(sub, &format!("{at}/{key}/{name}"), depth + 1)?;
                }
            }
            Some(_) => return Err(format!("{at}/{key}: must be an object of schemas")),
        }
    }
    if let Some(r) = obj.get("required")
        && !r.as_array().is_some_and(|a| a.iter().all(Value::is_string))
    {
        return Err(format!("{at}/required: must be an array of property names"));
    }
    if let Some(e) = obj.get("enum")
        && !e.is_array()
    {
        return Err(format!("{at}/enum: must be an array"));
    }
    for key in [
        "items",
        "additionalProperties",
        "not",
        "contains",
        "propertyNames",
    ] {
        match obj.get(key) {
            None => {}
            // Draft 4-7 tuple form.
            Some(Value::Array(items)) if key == "items" => {
                for (i, sub) in items.iter().enumerate() {
                    check_subschema(sub, &format!("{at}/items/{i}"), depth + 1)?;
                }
            }
            Some(sub) => check_subschema(sub, &format!("{at}/{key}"), depth + 1)?,
        }
    }
    for key in ["anyOf", "oneOf", "allOf", "prefixItems"] {
        match obj.get(key) {
            None => {}
            Some(Value::Array(subs)) if !subs.is_empty() => {
                for (i, sub) in subs.iter().enumerate() {
                    check_subschema(sub, &format!("{at}/{key}/{i}"), depth + 1)?;
                }
            }
            Some(_) => return Err(format!("{at}/{key}: must be a non-empty array of schemas")),
        }
    }
    Ok(())
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
        for (params, want) in [
            (
                json!({"type": "object", "properties": {"a": {"type": "strnig"}}}),
                "#/properties/a/type",
            ),
            (
                json!({"type": "object", "properties": []}),
                "#/properties: must be an object",
            ),
            (json!({"type": "object", "required": "a"}), "#/required"),
            (
                json!({"type": "object", "properties": {"l": {"type": "array", "items": 3}}}),
                "#/properties/l/items",
            ),
            (json!({"type": "object", "anyOf": []}), "#/anyOf"),
        ] {
            let v = json!([{"type": "function", "function": {"name": "x", "parameters": params}}]);
            let e = parse_tools_value(&v).unwrap_err().to_string();
            assert!(
                e.contains("not a valid JSON Schema") && e.contains(want),
                "{e}"
            );
        }
        let ok = json!({"type": "object", "properties": {"a": {"type": ["string", "null"]},
            "b": {"anyOf": [{"type": "integer"}, true]}, "c": {"type": "array", "items": {"$ref": "#/$defs/d"}}},
            "required": ["a"], "additionalProperties": false, "$defs": {"d": {"enum": [1, 2]}}});
        assert!(check_schema(&ok).is_ok());
        let mut deep = json!({"type": "object"});
        for _ in 0..100 {
            deep = json!({"type": "object", "properties": {"x": deep}});
        }
        assert!(check_schema(&deep).unwrap_err().contains("levels deep"));
        let e = parse_tools_file(b"[{").unwrap_err().to_string();
        assert!(e.starts_with("tools file: not valid JSON ("), "{e}");
    }
}
