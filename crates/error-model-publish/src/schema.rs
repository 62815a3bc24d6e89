//! Machine-readable contract files: the code registry as JSON and, with the
//! `schema` feature, JSON Schemas (draft 2020-12) of the wire shapes,
//! derived from the types their encoders write.
//!
//! Like [`docs`](super::docs), everything takes a code table, so a downstream
//! crate publishes its own codes the same way.

use serde_json::{Value, json};

use super::{SCHEMA_BASE, schema_path, sorted};
use error_model::CodeInfo;
use error_model::wire::Dialect;

/// The code registry as JSON: one object per code with `code`, `category`,
/// `status`, `title`, `description`, `remediation`, `retryable` and `grpc` (its
/// `google.rpc.Code`, [`CodeInfo::rpc_code`]).
///
/// # Examples
///
/// ```
/// use error_model::{CodeSet, ErrorCode};
///
/// let json = error_model_publish::schema::registry_json(ErrorCode::infos());
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
                "grpc": i.rpc_code().as_str(),
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

/// The settings every published schema is generated with: draft 2020-12,
/// as the types serialise, without the non-standard integer `format`s
/// (`uint16`, `uint64`, ...) that strict validators refuse.
fn generator() -> schemars::SchemaGenerator {
    schemars::generate::SchemaSettings::draft2020_12().for_serialize().with_transform(StandardFormats).into_generator()
}

/// Drops `format`s that JSON Schema does not define.
#[derive(Clone, Copy, Debug)]
struct StandardFormats;

impl schemars::transform::Transform for StandardFormats {
    fn transform(&mut self, schema: &mut schemars::Schema) {
        let non_standard =
            schema.get("format").and_then(Value::as_str).is_some_and(|f| f.starts_with("int") || f.starts_with("uint"));
        if non_standard {
            schema.remove("format");
        }
        schemars::transform::transform_subschemas(self, schema);
    }
}

/// The JSON Schema (draft 2020-12) of `T` as it is serialised, with `$id`.
pub fn schema_for<T: schemars::JsonSchema>(id: &str) -> Value {
    let mut schema = generator().into_root_schema_for::<T>();
    schema.insert("$id".to_owned(), Value::from(id));
    sorted(schema.to_value())
}

/// The published JSON Schema of a dialect's bodies: derived from the type
/// its encoder writes, with its `$id` (where [`schema_path`] puts it under
/// [`SCHEMA_BASE`]), and for every dialect but the canonical one (whose
/// schema is [`envelope_schema`]) a title and the dialect's description.
///
/// # Examples
///
/// ```
/// use {error_model_publish::schema::dialect_schema, error_model::wire::Dialect};
///
/// let schema = dialect_schema(Dialect::Problem);
/// assert_eq!(schema["$id"], "https://error-contract.dev/schemas/dialects/problem.schema.json");
/// assert_eq!(schema["properties"]["type"]["format"], "uri-reference");
/// ```
pub fn dialect_schema(dialect: Dialect) -> Value {
    let mut schema = dialect.json_schema(generator());
    schema.insert("$id".to_owned(), format!("{SCHEMA_BASE}{}", schema_path(dialect)).into());
    if dialect != Dialect::Canonical {
        schema.insert("title".to_owned(), format!("{} error body", dialect.name()).into());
        schema.insert("description".to_owned(), dialect.description().into());
    }
    sorted(schema.to_value())
}

/// The JSON Schema of the canonical envelope `{"error": {...}}`.
///
/// # Examples
///
/// ```
/// let schema = error_model_publish::schema::envelope_schema("https://example.com/error.schema.json");
/// assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
/// assert_eq!(schema["required"][0], "error");
/// ```
pub fn envelope_schema(id: &str) -> Value {
    schema_for::<error_model::Envelope>(id)
}
