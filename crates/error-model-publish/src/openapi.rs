//! OpenAPI 3.1 documents generated from a code table and the dialect
//! schemas: the reusable error components of an API
//! ([`openapi_components`]), and the pieces a service's own document is
//! built from ([`error_schemas`], [`error_response`], ...), which
//! `error-model-utoipa` puts into a document utoipa derives from the
//! service's handlers (the leads example's is published beside them).

use serde_json::{Value, json};

use super::examples::example_error;
use super::history::History;
use super::schema::{dialect_schema, envelope_schema};
use super::sorted;
use error_model::CodeInfo;
use error_model::code::DocsBase;
use error_model::status::carries_retry_after;
use error_model::wire::Dialect;

/// Where the leads example's document (derived by utoipa from its
/// handlers) is published, relative to the schemas folder.
pub const EXAMPLE_API_PATH: &str = "examples/leads.openapi.json";

/// The licence the generated documents are published under (the crate's).
const LICENSE: &str = env!("CARGO_PKG_LICENSE");

/// An OpenAPI 3.1 document of reusable components for an API's errors: the
/// envelope and problem-details schemas, `Code` (the registered codes as an
/// enum with their descriptions and deprecation flags, and any other
/// string, since clients must accept codes they do not know), the
/// `X-Request-ID` and `Retry-After` headers, and one response per status
/// the codes of `infos` use (named by its reason phrase, such as
/// `TooManyRequests`), listing the codes it carries, with an example per
/// code. An API description references them as
/// `openapi.json#/components/responses/NotFound`.
///
/// # Examples
///
/// ```
/// use error_model::{CodeSet, ErrorCode};
/// use error_model_publish::history::History;
///
/// let doc = error_model_publish::openapi::openapi_components("Errors", ErrorCode::infos(), None, &History::default());
/// assert_eq!(doc["openapi"], "3.1.0");
/// let not_found = &doc["components"]["responses"]["NotFound"];
/// assert_eq!(not_found["content"]["application/json"]["schema"]["$ref"], "#/components/schemas/ErrorEnvelope");
/// assert!(not_found["content"]["application/json"]["examples"]["NOT_FOUND"].is_object());
/// assert_eq!(doc["components"]["schemas"]["RegisteredCode"]["enum"][0], "UNAUTHORIZED");
/// ```
pub fn openapi_components(
    title: &str,
    infos: &'static [CodeInfo],
    base: Option<&DocsBase>,
    history: &History,
) -> Value {
    sorted(json!({
        "openapi": "3.1.0",
        "info": info(
            title,
            "The error responses of an API built on the error contract: reference them from its operations.",
            history,
        ),
        "servers": [{ "url": "/", "description": "The API that references these components." }],
        "components": components(infos, base, history),
    }))
}

/// The `info` object: `title`, the contract version (the lock's, as
/// `history` tells it; `unversioned` without one), the licence.
fn info(title: &str, description: &str, history: &History) -> Value {
    json!({
        "title": title,
        "version": history.version.as_deref().unwrap_or("unversioned"),
        "description": description,
        "license": { "name": LICENSE, "identifier": LICENSE },
    })
}

/// The components [`openapi_components`] describes.
fn components(infos: &'static [CodeInfo], base: Option<&DocsBase>, history: &History) -> Value {
    let mut responses = serde_json::Map::new();
    for status in statuses(infos) {
        let codes: Vec<&'static CodeInfo> = infos.iter().filter(|i| i.status() == status).collect();
        responses.insert(response_name(status), error_response(status, &codes, base, history));
    }
    json!({
        "schemas": error_schemas(infos, history),
        "headers": error_headers(),
        "responses": responses,
    })
}

/// The schemas of an API's errors, by component name: `ErrorEnvelope` (the
/// canonical body) and `ProblemDetails` (RFC 9457), derived from the types
/// the encoders write, with the schemas they refer to (`Error`, `Details`,
/// `FieldViolation`, ...), `Code` and `RegisteredCode` (the codes of
/// `infos`). Their `$ref`s point at `#/components/schemas/`.
///
/// # Examples
///
/// ```
/// use error_model::{CodeSet, ErrorCode};
/// use error_model_publish::history::History;
///
/// let schemas = error_model_publish::openapi::error_schemas(ErrorCode::infos(), &History::default());
/// assert_eq!(schemas["ErrorEnvelope"]["properties"]["error"]["$ref"], "#/components/schemas/Error");
/// assert_eq!(schemas["RegisteredCode"]["enum"][0], "UNAUTHORIZED");
/// ```
pub fn error_schemas(infos: &[CodeInfo], history: &History) -> serde_json::Map<String, Value> {
    let mut schemas = serde_json::Map::new();
    add_component(&mut schemas, "ErrorEnvelope", envelope_schema(""));
    add_component(&mut schemas, "ProblemDetails", dialect_schema(Dialect::Problem));
    schemas.insert("Code".to_owned(), code_schema(infos));
    let all: Vec<&CodeInfo> = infos.iter().collect();
    schemas.insert("RegisteredCode".to_owned(), registered_code_schema(&all, history));
    let mut schemas = Value::Object(schemas);
    rewrite_refs(&mut schemas);
    match schemas {
        Value::Object(map) => map,
        _ => unreachable!("built as an object"),
    }
}

/// The headers every error response carries, by name: `X-Request-ID`
/// (all of them) and `Retry-After` (those whose status
/// [carries it](error_model::status::carries_retry_after)).
pub fn error_headers() -> Value {
    json!({
        "X-Request-ID": {
            "description": "Unique id of the request; quote it to support.",
            "schema": { "type": "string" },
        },
        "Retry-After": {
            "description": "Seconds to wait before retrying (RFC 9110, section 10.2.3).",
            "schema": { "type": "integer", "minimum": 0 },
        },
    })
}

/// The error statuses `infos` use, in order ([`statuses_of`](super::docs::statuses_of)).
fn statuses(infos: &[CodeInfo]) -> Vec<http::StatusCode> {
    super::docs::statuses_of(infos).into_iter().filter_map(|s| http::StatusCode::from_u16(s).ok()).collect()
}

/// The component name of the response for `status`: its reason phrase
/// without spaces, such as `TooManyRequests`.
pub fn response_name(status: http::StatusCode) -> String {
    match status.canonical_reason() {
        Some(reason) => reason.replace([' ', '-'], ""),
        None => format!("Status{}", status.as_u16()),
    }
}

fn code_schema(infos: &[CodeInfo]) -> Value {
    let examples: Vec<&str> = infos.iter().take(2).map(CodeInfo::name).collect();
    json!({
        "description": "A stable machine-readable error code: one of the registered codes, or a code this version \
                        of the contract does not know (from a newer server or another API), which clients must accept.",
        "anyOf": [
            { "$ref": "#/components/schemas/RegisteredCode" },
            { "type": "string", "minLength": 1, "description": "A code this version of the contract does not know." },
        ],
        "examples": examples,
    })
}

/// The registered codes `infos`: an `enum` for generators, and the same
/// codes as `oneOf` constants with their title, description (with status
/// and category) and deprecation flag (from `history`).
///
/// # Examples
///
/// ```
/// use error_model::ErrorCode;
/// use error_model_publish::history::History;
///
/// let schema = error_model_publish::openapi::registered_code_schema(&[ErrorCode::NotFound.info()], &History::default());
/// assert_eq!(schema["enum"][0], "NOT_FOUND");
/// assert_eq!(schema["oneOf"][0]["const"], "NOT_FOUND");
/// ```
pub fn registered_code_schema(infos: &[&CodeInfo], history: &History) -> Value {
    let names: Vec<&str> = infos.iter().map(|i| i.name()).collect();
    let descriptions: Vec<&str> = infos.iter().map(|i| i.description()).collect();
    let consts: Vec<Value> = infos
        .iter()
        .map(|i| {
            let mut one = json!({
                "const": i.name(),
                "title": i.title(),
                "description": format!("{} ({}, {}.)", i.description(), i.status().as_u16(), i.category().as_str()),
            });
            if history.of(i.name()).deprecated.is_some() {
                one["deprecated"] = true.into();
            }
            one
        })
        .collect();
    json!({
        "type": "string",
        "description": "The codes this version of the contract registers.",
        "enum": names,
        "x-enum-descriptions": descriptions,
        "oneOf": consts,
    })
}

/// The error response for `status` that carries `codes` (those of them
/// whose status is `status`): a description listing them (with their links
/// under `base` and deprecations from `history`), the `X-Request-ID` header
/// and, where the status carries it, `Retry-After`, both as references to
/// `#/components/headers/` ([`error_headers`]), and the two media types: `application/json`
/// (`ErrorEnvelope`) and `application/problem+json` (`ProblemDetails`), with
/// an example per code, named by the code.
///
/// # Examples
///
/// ```
/// use error_model::ErrorCode;
/// use error_model_publish::history::History;
///
/// let codes = [ErrorCode::RateLimitExceeded.info()];
/// let status = error_model::http::StatusCode::TOO_MANY_REQUESTS;
/// let response = error_model_publish::openapi::error_response(status, &codes, None, &History::default());
/// assert_eq!(response["headers"]["Retry-After"]["$ref"], "#/components/headers/Retry-After");
/// assert!(response["content"]["application/problem+json"]["examples"]["RATE_LIMIT_EXCEEDED"].is_object());
/// ```
pub fn error_response(
    status: http::StatusCode,
    codes: &[&'static CodeInfo],
    base: Option<&DocsBase>,
    history: &History,
) -> Value {
    let codes: Vec<&'static CodeInfo> = codes.iter().copied().filter(|i| i.status() == status).collect();
    let examples: serde_json::Map<String, Value> = codes
        .iter()
        .map(|info| {
            let body = serde_json::to_value(example_error(info, base).envelope()).unwrap_or_default();
            (info.name().to_owned(), json!({ "summary": info.title(), "value": body }))
        })
        .collect();
    let problem_examples: serde_json::Map<String, Value> = codes
        .iter()
        .map(|info| {
            let body: Value =
                serde_json::from_slice(&Dialect::Problem.body(&example_error(info, base))).unwrap_or_default();
            (info.name().to_owned(), json!({ "summary": info.title(), "value": body }))
        })
        .collect();
    let list: Vec<String> = codes
        .iter()
        .map(|i| {
            let deprecated = if history.of(i.name()).deprecated.is_some() { " Deprecated." } else { "" };
            match i.docs_url_under(base) {
                Some(url) => format!("- [`{}`]({url}): {}{deprecated}", i.name(), i.description()),
                None => format!("- `{}`: {}{deprecated}", i.name(), i.description()),
            }
        })
        .collect();
    let mut headers = json!({ "X-Request-ID": { "$ref": "#/components/headers/X-Request-ID" } });
    if carries_retry_after(status) {
        headers["Retry-After"] = json!({ "$ref": "#/components/headers/Retry-After" });
    }
    let reason = status.canonical_reason().unwrap_or("Error");
    json!({
        "description": format!("{} {reason}. The codes it carries:\n\n{}", status.as_u16(), list.join("\n")),
        "headers": headers,
        "content": {
            "application/json": {
                "schema": { "$ref": "#/components/schemas/ErrorEnvelope" },
                "examples": examples,
            },
            "application/problem+json": {
                "schema": { "$ref": "#/components/schemas/ProblemDetails" },
                "examples": problem_examples,
            },
        },
    })
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
