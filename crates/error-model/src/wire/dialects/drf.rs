//! Django REST framework: `{"detail": "<message>"}`, or for validation a map
//! of field name to messages (`{"email": ["Enter a valid email address."]}`,
//! with `non_field_errors` for the rest).
//!
//! The shape has no code member: `code` is written only when the status does
//! not imply it, and not when a field is itself named `code` (the field's
//! messages win).
//!
//! # Example
//!
//! A validation error with one field problem and a request id (the
//! `dialect_docs` test checks this is what the encoder writes):
//!
//! ```json
//! {
//!   "email": [
//!     "Must be a valid email address"
//!   ]
//! }
//! ```

use serde::Serialize;
use serde_json::Value;

use super::super::Dialect;
use super::super::any::AnyBody;
use super::super::encode::{GroupedFields, omitted_note};
use super::super::parse::{Context, finish, sent_code};
use crate::decode::DecodeError;
use crate::redact::SensitiveNames;
use crate::{ApiError, Code, Details, FieldViolation};

const NON_FIELD_ERRORS: &str = "non_field_errors";

/// The body.
#[derive(Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "DrfError", transform = nothing_required))]
pub(crate) struct Body<'a> {
    /// The message, when there are no field problems.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    detail: Option<&'a str>,
    /// The messages of each field, by field name.
    #[serde(flatten)]
    fields: GroupedFields<'a>,
    /// The error code, when the status does not imply it.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Code"))]
    code: Option<&'a Code>,
}

#[cfg(feature = "schema")]
fn nothing_required(schema: &mut schemars::Schema) {
    schema.remove("required");
}

/// The body of `err`; it writes no free-form values, so nothing in it is
/// redacted by `_names`.
pub(crate) fn body<'a>(err: &'a ApiError, _names: &SensitiveNames) -> Body<'a> {
    let has_code_field = err.fields().iter().any(|v| v.field == "code");
    Body {
        detail: err.fields().is_empty().then(|| err.message()),
        fields: GroupedFields::new(err.fields(), NON_FIELD_ERRORS).with_note(omitted_note(err)),
        code: (!Dialect::Drf.code_is_implied(err) && !has_code_field).then(|| err.code()),
    }
}

/// Calls `f` with each message of a field's value, in order: a string, the
/// strings of a list or of an object's values, at any depth.
fn each_message(value: Value, f: &mut impl FnMut(String)) {
    match value {
        Value::String(s) => f(s),
        Value::Array(items) => items.into_iter().for_each(|v| each_message(v, f)),
        Value::Object(map) => map.into_iter().for_each(|(_, v)| each_message(v, f)),
        _ => {}
    }
}

pub(crate) fn decode(body: &mut AnyBody, ctx: &Context<'_>) -> Result<ApiError, DecodeError> {
    let mut details = Details::default();
    let members = std::mem::take(&mut body.other);
    let fields = &mut details.fields;
    fields.reserve(members.len());
    // One violation per message, the field's name moved into its last one
    // (a message is pushed once the next one, or the end, shows whether it is
    // the last): the members' values are read in one pass, with no list of
    // messages built between.
    for (field, value) in members {
        let field = if field == NON_FIELD_ERRORS { String::new() } else { field };
        let mut pending: Option<String> = None;
        each_message(value, &mut |message| {
            if let Some(earlier) = pending.replace(message) {
                fields.push(FieldViolation::new(field.clone(), earlier));
            }
        });
        if let Some(last) = pending {
            fields.push(FieldViolation::new(field, last));
        }
    }
    let message = body.detail.take();
    Ok(finish(Dialect::Drf, sent_code(body.code.take()), None, message, details, ctx))
}
