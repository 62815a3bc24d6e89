//! Machine-readable contract files: the code registry as JSON and, with the
//! `schema` feature, JSON Schemas (draft 2020-12) of the wire shapes.
//!
//! Like [`docs`](crate::docs), everything takes a code table, so a downstream
//! crate publishes its own codes the same way.

use serde_json::{Value, json};

use crate::CodeInfo;

/// The base URL the published schemas live under; their `$id`s start with it.
pub const SCHEMA_BASE: &str = "https://error-contract.dev/schemas/";

/// The code registry as JSON: one object per code with `code`, `category`,
/// `status`, `title`, `description`, `remediation` and `retryable`.
///
/// # Examples
///
/// ```
/// use error_model::{CodeSet, ErrorCode};
///
/// let json = error_model::schema::registry_json(ErrorCode::infos());
/// assert_eq!(json["codes"][0]["code"], "UNAUTHORIZED");
/// assert_eq!(json["codes"][0]["status"], 401);
/// ```
pub fn registry_json(infos: &[CodeInfo]) -> Value {
    let codes: Vec<Value> = infos
        .iter()
        .map(|i| {
            json!({
                "code": i.name(),
                "category": i.category().as_str(),
                "status": i.status().as_u16(),
                "title": i.title(),
                "description": i.description(),
                "remediation": i.remediation(),
                "retryable": i.is_retryable(),
            })
        })
        .collect();
    json!({ "codes": codes })
}

/// A schema for a code string restricted to the codes of one table.
pub fn code_enum_schema(infos: &[CodeInfo]) -> Value {
    let names: Vec<&str> = infos.iter().map(CodeInfo::name).collect();
    json!({ "type": "string", "enum": names })
}

/// The JSON Schema (draft 2020-12) of `T` as it is serialised, with `$id`.
#[cfg(feature = "schema")]
pub fn schema_for<T: schemars::JsonSchema>(id: &str) -> Value {
    let generator = schemars::generate::SchemaSettings::draft2020_12().for_serialize().into_generator();
    let mut schema = generator.into_root_schema_for::<T>();
    schema.insert("$id".to_owned(), Value::from(id));
    sorted(schema.to_value())
}

/// The JSON Schema of the canonical envelope `{"error": {...}}`.
///
/// # Examples
///
/// ```
/// let schema = error_model::schema::envelope_schema("https://example.com/error.schema.json");
/// assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
/// assert_eq!(schema["required"][0], "error");
/// ```
#[cfg(feature = "schema")]
pub fn envelope_schema(id: &str) -> Value {
    schema_for::<crate::Envelope>(id)
}

/// `value` with every object's keys in sorted order, so that output is the
/// same whatever order the map type keeps.
pub fn sorted(value: Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(String, Value)> = map.into_iter().collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            Value::Object(entries.into_iter().map(|(k, v)| (k, sorted(v))).collect())
        }
        Value::Array(items) => Value::Array(items.into_iter().map(sorted).collect()),
        other => other,
    }
}
