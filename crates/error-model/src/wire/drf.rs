//! Django REST framework: `{"detail": "<message>"}`, or for validation a map
//! of field name to messages (`{"email": ["Enter a valid email address."]}`,
//! with `non_field_errors` for the rest).
//!
//! The shape has no code member: `code` is written only when the status does
//! not imply it.

use serde_json::{Map, Value};

use super::any::AnyBody;
use super::field_map::violations;
use super::{Context, Dialect, code_of, finish, group_by_field};
use crate::decode::DecodeError;
use crate::{ApiError, Details};

const NON_FIELD_ERRORS: &str = "non_field_errors";

pub(super) fn encode(err: &ApiError, dialect: Dialect) -> Value {
    let mut out = Map::new();
    if err.fields().is_empty() {
        out.insert("detail".into(), err.message().into());
    } else {
        for (field, messages) in group_by_field(err.fields()) {
            let key = if field.is_empty() { NON_FIELD_ERRORS } else { field };
            out.insert(key.to_owned(), messages.into());
        }
    }
    if !dialect.code_is_implied(err) {
        out.insert("code".into(), err.code().as_str().into());
    }
    Value::Object(out)
}

fn messages(value: Value) -> Vec<String> {
    match value {
        Value::String(s) => vec![s],
        Value::Array(items) => items.into_iter().flat_map(messages).collect(),
        Value::Object(map) => map.into_iter().flat_map(|(_, v)| messages(v)).collect(),
        _ => Vec::new(),
    }
}

pub(super) fn decode(body: &mut AnyBody, ctx: &Context<'_>) -> Result<ApiError, DecodeError> {
    let mut details = Details::default();
    let map: Vec<(String, Vec<String>)> = std::mem::take(&mut body.other)
        .into_iter()
        .map(|(field, value)| (if field == NON_FIELD_ERRORS { String::new() } else { field }, messages(value)))
        .collect();
    details.fields = violations(map);
    let message = body.detail.take().or_else(|| (!details.fields.is_empty()).then(|| "Invalid input.".to_owned()));
    Ok(finish(Dialect::Drf, code_of(body.code.take()), None, message, details, ctx))
}

#[cfg(feature = "schema")]
pub(super) fn schema() -> Value {
    serde_json::json!({
        "type": "object",
        "properties": { "detail": { "type": "string" }, "code": { "type": "string" } },
        "additionalProperties": { "type": "array", "items": { "type": "string" } }
    })
}
