//! Seed 000's shape: `{"success": false, "error": {"code", "message", "details": {...}}}`.
//!
//! `details` is free-form. One simple field problem is `details.field` and
//! `details.reason` (the message); several, or richer ones, are canonical
//! `details.fields`; the retry hint is `details.retry_after`.

use serde_json::{Map, Value, json};

use super::any::{AnyBody, take_string_member};
use super::{Context, Dialect, canonical, extensions, finish, is_simple, put, violation_value};
use super::{details_object, error_object, required_code};
use crate::decode::DecodeError;
use crate::{ApiError, Details, FieldViolation};

/// The free-form details object shared by the nested and bare shapes.
pub(super) fn details_value(err: &ApiError) -> Map<String, Value> {
    let d = err.details();
    let mut out = Map::new();
    match d.fields.as_slice() {
        [] => {}
        [v] if is_simple(v) => {
            out.insert("field".into(), v.field.clone().into());
            if !v.message.is_empty() {
                out.insert("reason".into(), v.message.clone().into());
            }
        }
        many => {
            out.insert("fields".into(), many.iter().map(violation_value).collect());
        }
    }
    put(&mut out, "retry_after", d.retry_after);
    if let Some(resource) = &d.resource {
        out.insert("resource".into(), serde_json::to_value(resource).unwrap_or(Value::Null));
    }
    out.extend(extensions(err));
    out
}

pub(super) fn encode(err: &ApiError, _: Dialect) -> Value {
    let mut error = Map::new();
    error.insert("code".into(), err.code().as_str().into());
    error.insert("message".into(), err.message().into());
    let details = details_value(err);
    if !details.is_empty() {
        error.insert("details".into(), details.into());
    }
    json!({ "success": false, "error": error })
}

/// Reads `details.field` and `details.reason` into a field violation, the rest canonically.
pub(super) fn details_from(mut d: super::any::DetailsObject) -> Details {
    let field = take_string_member(&mut d.other, "field");
    let reason = field.as_ref().and_then(|_| take_string_member(&mut d.other, "reason"));
    let mut details = canonical::details_from(d);
    if let Some(field) = field {
        details.fields.insert(0, FieldViolation::new(field, reason.unwrap_or_default()));
    }
    details
}

pub(super) fn decode(body: &mut AnyBody, ctx: &Context<'_>) -> Result<ApiError, DecodeError> {
    let obj = error_object(body)?;
    let code = required_code(obj.code.take())?;
    let details = details_object(obj.details.take())?.map(details_from).unwrap_or_default();
    Ok(finish(Dialect::Nested, Some(code), None, obj.message.take(), details, ctx))
}

#[cfg(feature = "schema")]
pub(super) fn schema() -> Value {
    super::object_schema(
        json!({
            "success": { "const": false },
            "error": super::object_schema(json!({
                "code": { "type": "string", "minLength": 1 },
                "message": { "type": "string" },
                "details": {
                    "type": "object",
                    "properties": {
                        "field": { "type": "string" },
                        "reason": { "type": "string" },
                        "retry_after": { "type": "integer", "minimum": 0 }
                    }
                }
            }), &["code", "message"])
        }),
        &["error"],
    )
}
