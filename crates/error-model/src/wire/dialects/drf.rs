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
use super::super::any::{AnyBody, Unclaimed};
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

/// The field violations of a member kept as a value (an object of nested
/// field errors, a list of other items), its field's name moved into the
/// last (a message is pushed once the next one, or the end, shows whether
/// it is the last); pointers are left to [`decode`].
fn push_messages(fields: &mut Vec<FieldViolation>, field: String, value: Value) {
    let mut pending: Option<String> = None;
    each_message(value, &mut |message| {
        if let Some(earlier) = pending.replace(message) {
            fields.push(FieldViolation { field: field.clone(), message: earlier, ..FieldViolation::blank() });
        }
    });
    if let Some(message) = pending {
        fields.push(FieldViolation { field, message, ..FieldViolation::blank() });
    }
}

pub(crate) fn decode(body: &mut AnyBody, ctx: &Context<'_>) -> Result<ApiError, DecodeError> {
    // The members that are lists of messages came read as field violations
    // (`body.lists`): when they are all there is, they are the fields as
    // they are; otherwise the members kept as values are read between them,
    // in document order.
    let mut fields = if body.other.is_empty() {
        body.lists.take().map_or_else(Vec::new, |l| l.violations)
    } else {
        let lists = body.lists.as_ref().map_or(0, |l| l.violations.len());
        let mut fields = Vec::with_capacity(lists + body.other.len());
        body.take_other(|member| match member {
            Unclaimed::Messages(list) => fields.extend(list),
            Unclaimed::Value(field, value) => push_messages(&mut fields, field, value),
        });
        fields
    };
    for v in &mut fields {
        if v.field == NON_FIELD_ERRORS {
            v.field = String::new();
        }
        v.pointer = crate::path::to_pointer(&v.field);
    }
    let message = body.detail.take();
    let details = Details { fields, ..Details::default() };
    Ok(finish(Dialect::Drf, sent_code(body.code.take()), None, message, details, ctx))
}

#[cfg(test)]
mod tests {
    use http::HeaderMap;

    use super::super::super::any::tests::{UNCLAIMED, members};
    use super::*;
    use crate::Limits;

    /// Every member's messages read from its value, in document order.
    fn from_values(text: &str) -> Vec<FieldViolation> {
        let mut fields = Vec::new();
        for (field, value) in members(text) {
            let field = if field == NON_FIELD_ERRORS { String::new() } else { field };
            each_message(value, &mut |m| fields.push(FieldViolation::new(field.clone(), m)));
        }
        fields
    }

    #[test]
    fn fields_come_in_document_order_whatever_form_each_member_has() {
        let more = [r#"{"non_field_errors": ["m"], "a.b": ["n", "o"], "c": {"d": ["p"]}}"#];
        for text in UNCLAIMED.iter().chain(&more) {
            for max_fields in [usize::MAX, 3, 0] {
                let limits = Limits { max_fields, ..Limits::default() };
                let mut any = AnyBody::default();
                super::super::super::parse::parse(text.as_bytes(), &limits, &mut any).unwrap();
                let ctx = Context { status: None, headers: &HeaderMap::new(), limits: &limits, now: None };
                let err = Dialect::Drf.decode_parsed(&mut any, &ctx).unwrap();
                let mut expected = from_values(text);
                expected.truncate(max_fields);
                assert!(err.fields() == expected, "{text} within {max_fields}");
            }
        }
    }

    /// A field named like a member another shape reads (`error` is flat's
    /// message, `data` GraphQL's result) reads back as the field it was:
    /// its list of messages is no message nor error object, nor the text
    /// that marks AWS's or OAuth's shape (`__type`, `error_description`:
    /// found by fuzzing). (Not `errors`:
    /// a list of strings there is most APIs' list of error messages, and
    /// reads so.)
    #[test]
    fn fields_named_like_other_shapes_members_read_back() {
        for name in ["error", "data", "message", "detail", "title", "__type", "error_description"] {
            let err = crate::ApiError::new(crate::ErrorCode::ValidationError)
                .with_field(FieldViolation::new(name, "Not supported"));
            let mut body = Vec::new();
            Dialect::Drf.encode_into(&err, &mut body);
            let status = Dialect::Drf.wire_status(&err);
            let (dialect, back) = crate::wire::decode(Some(status), &HeaderMap::new(), &body).unwrap();
            let text = String::from_utf8_lossy(&body);
            assert_eq!(dialect, Dialect::Drf, "{text}");
            assert_eq!(back.fields(), err.fields(), "{text}");
        }
    }
}
