//! The generated OpenAPI documents and JSON Schemas, checked the way the
//! tools that consume them check them.
//!
//! - Each OpenAPI document against the OpenAPI 3.1 schema
//!   (`xtask/openapi-3.1.schema.json`, the OpenAPI Initiative's
//!   `https://spec.openapis.org/oas/3.1/schema/2022-10-07`, Apache-2.0,
//!   copied unchanged), every schema it holds against the JSON Schema
//!   2020-12 meta-schema, and every local `$ref` resolved.
//! - Each JSON Schema against its meta-schema, and against the rules strict
//!   validators (ajv in strict mode) add: no `format` that JSON Schema does
//!   not define, no `type` that is a list of types (a union) but a nullable
//!   one (`["string", "null"]`, which ajv's `strictTypes` accepts).
//!
//! CI also runs openapi-spec-validator, Redocly and ajv on the same files
//! (`.ci/run`); these checks need none of them.

use std::fs;
use std::path::Path;

use serde_json::Value;

use crate::Result;

/// The OpenAPI 3.1 schema.
const OPENAPI_SCHEMA: &str = include_str!("../openapi-3.1.schema.json");

/// The formats JSON Schema 2020-12 defines (section 7.3 of the validation vocabulary).
pub const STANDARD_FORMATS: &[&str] = &[
    "date-time",
    "date",
    "time",
    "duration",
    "email",
    "idn-email",
    "hostname",
    "idn-hostname",
    "ipv4",
    "ipv6",
    "uri",
    "uri-reference",
    "iri",
    "iri-reference",
    "uuid",
    "uri-template",
    "json-pointer",
    "relative-json-pointer",
    "regex",
];

/// Every problem of the OpenAPI document `doc` (named `name` in messages).
pub fn openapi_problems(name: &str, doc: &Value) -> Vec<String> {
    let meta: Value = serde_json::from_str(OPENAPI_SCHEMA).expect("the OpenAPI schema is json");
    let validator = match jsonschema::draft202012::new(&meta) {
        Ok(v) => v,
        Err(e) => return vec![format!("the OpenAPI 3.1 schema does not compile: {e}")],
    };
    let mut problems: Vec<String> =
        validator.iter_errors(doc).map(|e| format!("{name}: {e} (at `{}`)", e.instance_path())).collect();
    for (component, schema) in doc["components"]["schemas"].as_object().into_iter().flatten() {
        if let Err(e) = jsonschema::draft202012::meta::validate(schema) {
            problems.push(format!("{name}: the schema `{component}` is not valid JSON Schema 2020-12: {e}"));
        }
        problems.extend(strict_problems(schema, &format!("{name}#/components/schemas/{component}")));
    }
    let mut refs = Vec::new();
    local_refs(doc, &mut refs);
    for target in refs {
        if doc.pointer(&target).is_none() {
            problems.push(format!("{name}: `#{target}` points nowhere"));
        }
    }
    problems
}

/// Every local `$ref` of `value`, as a JSON Pointer.
fn local_refs(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                match (key.as_str(), v) {
                    ("$ref", Value::String(target)) => out.extend(target.strip_prefix('#').map(str::to_owned)),
                    _ => local_refs(v, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| local_refs(v, out)),
        _ => {}
    }
}

/// What strict JSON Schema validators refuse in `schema` (named `name`):
/// a `format` JSON Schema does not define, a list of types other than one
/// type and `"null"`.
pub fn strict_problems(schema: &Value, name: &str) -> Vec<String> {
    let mut problems = Vec::new();
    walk_schema(schema, "", &mut |at, s| {
        if let Some(format) = s.get("format").and_then(Value::as_str) {
            if !STANDARD_FORMATS.contains(&format) {
                problems.push(format!("{name}: `format: {format}` at `{at}` is not a JSON Schema format"));
            }
        }
        let union = s.get("type").and_then(Value::as_array).is_some_and(|types| {
            let nullable = types.len() == 2 && types.iter().any(|t| t == "null");
            !nullable
        });
        if union {
            problems.push(format!("{name}: a union `type` at `{at}`; use `anyOf`"));
        }
    });
    problems
}

/// Calls `f` on `schema` and each of its subschemas, with its JSON Pointer.
fn walk_schema(schema: &Value, at: &str, f: &mut dyn FnMut(&str, &serde_json::Map<String, Value>)) {
    let Value::Object(map) = schema else { return };
    f(at, map);
    for (key, value) in map {
        let here = format!("{at}/{key}");
        match key.as_str() {
            // Maps of name to subschema.
            "properties" | "patternProperties" | "$defs" | "definitions" | "dependentSchemas" => {
                for (name, sub) in value.as_object().into_iter().flatten() {
                    walk_schema(sub, &format!("{here}/{name}"), f);
                }
            }
            // Lists of subschemas.
            "allOf" | "anyOf" | "oneOf" | "prefixItems" => {
                for (i, sub) in value.as_array().into_iter().flatten().enumerate() {
                    walk_schema(sub, &format!("{here}/{i}"), f);
                }
            }
            // One subschema.
            "items"
            | "additionalProperties"
            | "not"
            | "if"
            | "then"
            | "else"
            | "contains"
            | "propertyNames"
            | "unevaluatedItems"
            | "unevaluatedProperties"
            | "additionalItems" => walk_schema(value, &here, f),
            _ => {}
        }
    }
}

/// Checks every generated JSON Schema file (under `schemas/`, but the
/// OpenAPI documents and the registry) and every OpenAPI document under
/// `root`; returns how many files it checked.
pub fn check(root: &Path) -> Result<usize> {
    let mut problems = Vec::new();
    let mut count = 0;
    for file in crate::codegen::generated_files(root)? {
        let path = file.path.to_string_lossy().replace('\\', "/");
        if !path.starts_with("schemas/") || !path.ends_with(".json") || path.ends_with("codes.json") {
            continue;
        }
        count += 1;
        let on_disk = fs::read_to_string(root.join(&file.path)).map_err(|e| format!("cannot read {path}: {e}"))?;
        let value: Value = serde_json::from_str(&on_disk).map_err(|e| format!("{path} is not json: {e}"))?;
        if path.ends_with(".openapi.json") || path.ends_with("/openapi.json") {
            problems.extend(openapi_problems(&path, &value));
        } else {
            if let Err(e) = jsonschema::meta::validate(&value) {
                problems.push(format!("{path} is not a valid JSON Schema: {e}"));
            }
            problems.extend(strict_problems(&value, &path));
        }
    }
    if problems.is_empty() {
        Ok(count)
    } else {
        Err(format!("published schemas that consumers would reject:\n  - {}", problems.join("\n  - ")))
    }
}
