//! An OpenAPI 3.1 document of reusable error components, generated from a
//! code table and the dialect schemas.

use serde_json::{Value, json};

use super::examples::example_error;
use super::schema::{dialect_schema, envelope_schema};
use super::sorted;
use crate::CodeInfo;
use crate::headers::carries_retry_after;
use crate::wire::Dialect;

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
/// let doc = error_model::publish::openapi::openapi_components("Errors", ErrorCode::infos());
/// assert_eq!(doc["openapi"], "3.1.0");
/// let not_found = &doc["components"]["responses"]["NotFound"];
/// assert_eq!(not_found["content"]["application/json"]["schema"]["$ref"], "#/components/schemas/ErrorEnvelope");
/// assert!(not_found["content"]["application/json"]["examples"]["LEAD_NOT_FOUND"].is_object());
/// ```
pub fn openapi_components(title: &str, infos: &'static [CodeInfo]) -> Value {
    let mut schemas = serde_json::Map::new();
    add_component(&mut schemas, "ErrorEnvelope", envelope_schema(""));
    add_component(&mut schemas, "ProblemDetails", dialect_schema(Dialect::Problem));
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
                let body = serde_json::to_value(example_error(info).envelope()).unwrap_or_default();
                (info.name().to_owned(), json!({ "summary": info.title(), "value": body }))
            })
            .collect();
        let names: Vec<String> = codes.iter().map(|i| format!("`{}`", i.name())).collect();
        let mut headers = json!({ "X-Request-ID": { "$ref": "#/components/headers/X-Request-ID" } });
        if carries_retry_after(status) {
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

/// Adds `schema` as the component `name`, and its `$defs` as components of their own.
fn add_component(schemas: &mut serde_json::Map<String, Value>, name: &str, mut schema: Value) {
    if let Some(obj) = schema.as_object_mut() {
        if let Some(Value::Object(defs)) = obj.remove("$defs") {
            schemas.extend(defs);
        }
        obj.remove("$schema");
        obj.remove("$id");
    }
    schemas.insert(name.to_owned(), schema);
}

/// Points `#/$defs/X` references at `#/components/schemas/X`.
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
