//! Seed 003's shape (Laravel): `{"message", "errors": {"<field path>": ["<message>", ...]}}`.
//!
//! 422 for validation; 401 and 403 bodies hold only `message`. The shape has
//! no code: a `code` member is written only when the status alone does not
//! imply the code (see [`Dialect::implied_code`]).

use serde_json::{Map, Value};

use super::any::{AnyBody, ErrorsMember};
use super::{Context, Dialect, code_of, finish, group_by_field};
use crate::decode::DecodeError;
use crate::{ApiError, Details, FieldViolation};

pub(super) fn encode(err: &ApiError, dialect: Dialect) -> Value {
    let mut out = Map::new();
    out.insert("message".into(), err.message().into());
    if !err.fields().is_empty() {
        let errors: Map<String, Value> = group_by_field(err.fields())
            .into_iter()
            .map(|(field, messages)| (field.to_owned(), messages.into()))
            .collect();
        out.insert("errors".into(), errors.into());
    }
    if !dialect.code_is_implied(err) {
        out.insert("code".into(), err.code().as_str().into());
    }
    Value::Object(out)
}

/// Field violations from a field → messages map, in order.
pub(super) fn violations(map: Vec<(String, Vec<String>)>) -> Vec<FieldViolation> {
    let mut out = Vec::with_capacity(map.iter().map(|(_, m)| m.len()).sum());
    for (field, messages) in map {
        let last = messages.len().saturating_sub(1);
        let mut field = Some(field);
        for (i, message) in messages.into_iter().enumerate() {
            let name = if i == last { field.take().unwrap_or_default() } else { field.clone().unwrap_or_default() };
            out.push(FieldViolation::new(name, message));
        }
    }
    out
}

pub(super) fn decode(body: &mut AnyBody, ctx: &Context<'_>) -> Result<ApiError, DecodeError> {
    let mut details = Details::default();
    if let Some(ErrorsMember::FieldMap(map)) = body.errors.take() {
        details.fields = violations(map);
    }
    Ok(finish(Dialect::FieldMap, code_of(body.code.take()), None, body.message.take(), details, ctx))
}

#[cfg(feature = "schema")]
pub(super) fn schema() -> Value {
    super::object_schema(
        serde_json::json!({
            "message": { "type": "string" },
            "errors": {
                "type": "object",
                "additionalProperties": { "type": "array", "items": { "type": "string" }, "minItems": 1 }
            },
            "code": { "type": "string", "minLength": 1 }
        }),
        &["message"],
    )
}
