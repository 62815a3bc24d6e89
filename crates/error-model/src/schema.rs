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

/// An OpenAPI 3.1 document of reusable components for an API's errors: the
/// envelope and problem-details schemas, the `X-Request-ID` and
/// `Retry-After` headers, and one response per status the codes of `infos`
/// use (named by its reason phrase, such as `TooManyRequests`), with an
/// example per code. An API description references them as
/// `errors.openapi.json#/components/responses/NotFound`.
///
/// # Examples
///
/// ```
/// use error_model::{CodeSet, ErrorCode};
///
/// let doc = error_model::schema::openapi_components("Errors", ErrorCode::infos());
/// assert_eq!(doc["openapi"], "3.1.0");
/// let not_found = &doc["components"]["responses"]["NotFound"];
/// assert_eq!(not_found["content"]["application/json"]["schema"]["$ref"], "#/components/schemas/ErrorEnvelope");
/// assert!(not_found["content"]["application/json"]["examples"]["LEAD_NOT_FOUND"].is_object());
/// ```
#[cfg(feature = "schema")]
pub fn openapi_components(title: &str, infos: &'static [CodeInfo]) -> Value {
    use crate::wire::Dialect;

    let mut schemas = serde_json::Map::new();
    let mut envelope = envelope_schema("");
    let defs = envelope.as_object_mut().and_then(|o| o.remove("$defs"));
    if let Some(Value::Object(defs)) = defs {
        schemas.extend(defs);
    }
    if let Some(obj) = envelope.as_object_mut() {
        obj.remove("$schema");
        obj.remove("$id");
    }
    schemas.insert("ErrorEnvelope".into(), envelope);
    let mut problem = Dialect::Problem.schema();
    if let Some(obj) = problem.as_object_mut() {
        obj.remove("$schema");
        obj.remove("$id");
    }
    schemas.insert("ProblemDetails".into(), problem);
    let mut schemas = Value::Object(schemas);
    rewrite_refs(&mut schemas);

    let mut statuses: Vec<http::StatusCode> = infos.iter().map(CodeInfo::status).collect();
    statuses.sort();
    statuses.dedup();
    let mut responses = serde_json::Map::new();
    for status in statuses {
        let codes: Vec<&'static CodeInfo> = infos.iter().filter(|i| i.status() == status).collect();
        let examples: serde_json::Map<String, Value> = codes
            .iter()
            .map(|info| {
                let body = serde_json::to_value(crate::docs::example_error(info).envelope()).unwrap_or_default();
                (info.name().to_owned(), json!({ "summary": info.title(), "value": body }))
            })
            .collect();
        let names: Vec<String> = codes.iter().map(|i| format!("`{}`", i.name())).collect();
        let mut headers = json!({ "X-Request-ID": { "$ref": "#/components/headers/X-Request-ID" } });
        if matches!(status.as_u16(), 429 | 503) {
            headers["Retry-After"] = json!({ "$ref": "#/components/headers/Retry-After" });
        }
        let reason = status.canonical_reason().unwrap_or("Error");
        responses.insert(
            reason.replace(' ', ""),
            json!({
                "description": format!("{} {reason}: {}.", status.as_u16(), names.join(", ")),
                "headers": headers,
                "content": {
                    "application/json": {
                        "schema": { "$ref": "#/components/schemas/ErrorEnvelope" },
                        "examples": examples,
                    },
                    "application/problem+json": {
                        "schema": { "$ref": "#/components/schemas/ProblemDetails" },
                    },
                },
            }),
        );
    }
    sorted(json!({
        "openapi": "3.1.0",
        "info": { "title": title, "version": env!("CARGO_PKG_VERSION") },
        "components": {
            "schemas": schemas,
            "headers": {
                "X-Request-ID": {
                    "description": "Unique id of the request; quote it to support.",
                    "schema": { "type": "string" },
                },
                "Retry-After": {
                    "description": "Seconds to wait before retrying (RFC 9110, section 10.2.3).",
                    "schema": { "type": "integer", "minimum": 0 },
                },
            },
            "responses": responses,
        },
    }))
}

/// Points `#/$defs/X` references at `#/components/schemas/X`.
#[cfg(feature = "schema")]
fn rewrite_refs(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                match v {
                    Value::String(s) if key == "$ref" => {
                        if let Some(name) = s.strip_prefix("#/$defs/") {
                            *s = format!("#/components/schemas/{name}");
                        }
                    }
                    other => rewrite_refs(other),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(rewrite_refs),
        _ => {}
    }
}
