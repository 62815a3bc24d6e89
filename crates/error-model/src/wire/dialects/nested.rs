//! A shape of the lead API's documentation: `{"success": false, "error": {"code", "message", "details": {...}}}`.
//!
//! `details` is free-form. One simple field problem is `details.field` and
//! `details.reason` (the message); several, or richer ones, are canonical
//! `details.fields`; the retry hint is `details.retry_after`, the resource
//! `details.resource`, then the extensions. The lead API's examples of it leave
//! `success` out, so its schema does not require it.
//!
//! # Example
//!
//! A validation error with one field problem and a request id (the
//! `dialect_docs` test checks this is what the encoder writes):
//!
//! ```json
//! {
//!   "success": false,
//!   "error": {
//!     "code": "VALIDATION_ERROR",
//!     "message": "Invalid request data",
//!     "details": {
//!       "fields": [
//!         {
//!           "field": "email",
//!           "pointer": "/email",
//!           "reason": "INVALID_FORMAT",
//!           "message": "Must be a valid email address"
//!         }
//!       ]
//!     }
//!   }
//! }
//! ```

use serde::Serialize;

use super::super::Dialect;
use super::super::any::{AnyBody, DetailsObject};
use super::super::encode::is_simple;
use super::super::parse::{Context, canonical_details, details_object, error_object, finish, identify, required_code};
use crate::decode::DecodeError;
use crate::details::{DetailsTail, FieldList, Violations};
use crate::redact::SensitiveNames;
use crate::{ApiError, Code, Details, FieldViolation};

/// The member names `details` always keeps for itself: written, or read as
/// typed members by the decoder. `reason` is skipped only when a field is written.
pub(crate) const DETAILS_MEMBERS: &[&str] = &["field", "fields"];

/// The body.
#[derive(Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "NestedError", transform = unrequire_success))]
pub(crate) struct Body<'a> {
    /// Always `false`.
    #[cfg_attr(feature = "schema", schemars(schema_with = "super::super::encode::schema_fns::const_false"))]
    success: bool,
    /// The error.
    error: ErrorObject<'a>,
}

#[cfg(feature = "schema")]
fn unrequire_success(schema: &mut schemars::Schema) {
    super::super::encode::schema_fns::unrequire(schema, &["success"]);
}

/// The `error` object.
#[derive(Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "NestedErrorObject"))]
pub(crate) struct ErrorObject<'a> {
    /// The error code.
    code: &'a Code,
    /// The human message.
    message: &'a str,
    /// Free-form details.
    #[serde(skip_serializing_if = "FreeDetails::is_empty")]
    details: FreeDetails<'a>,
}

/// The free-form `details` object of the nested and bare shapes.
#[derive(Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "NestedDetails"))]
pub(crate) struct FreeDetails<'a> {
    /// The field of a single simple field problem.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    field: Option<&'a str>,
    /// Its message.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    reason: Option<&'a str>,
    /// Several field problems, or richer ones, in the canonical form.
    #[serde(skip_serializing_if = "FieldList::is_unwritten")]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<FieldViolation>"))]
    fields: FieldList<'a>,
    /// The retry hint, the resource and the extensions.
    #[serde(flatten)]
    tail: DetailsTail<'a>,
}

impl<'a> FreeDetails<'a> {
    pub(crate) fn of(err: &'a ApiError, names: &'a SensitiveNames) -> FreeDetails<'a> {
        let d = err.details();
        let (field, reason, fields) = match d.fields.as_slice() {
            [] => (None, None, &[][..]),
            [v] if is_simple(v) => {
                (Some(v.field.as_str()), Some(v.message.as_str()).filter(|m| !m.is_empty()), &[][..])
            }
            many => (None, None, many),
        };
        let tail = DetailsTail::of(d, DETAILS_MEMBERS, names).skipping(if field.is_some() { &["reason"] } else { &[] });
        let fields = FieldList::new(Violations { fields, names }, tail.extensions());
        FreeDetails { field, reason, fields: if field.is_some() { fields.unmarked() } else { fields }, tail }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.field.is_none() && self.fields.is_unwritten() && self.tail.is_empty()
    }
}

pub(crate) fn body<'a>(err: &'a ApiError, names: &'a SensitiveNames) -> Body<'a> {
    Body {
        success: false,
        error: ErrorObject { code: err.code(), message: err.message(), details: FreeDetails::of(err, names) },
    }
}

/// Reads `details.field` and `details.reason` into a field violation, the rest canonically.
pub(crate) fn details_from(mut d: DetailsObject) -> Details {
    let field = d.field.take();
    let reason = field.as_ref().and_then(|_| d.reason.take());
    let mut details = canonical_details(d);
    if let Some(field) = field {
        details.fields.insert(0, FieldViolation::new(field, reason.unwrap_or_default()));
    }
    details
}

pub(crate) fn decode(body: &mut AnyBody, ctx: &Context<'_>) -> Result<ApiError, DecodeError> {
    let obj = error_object(body)?;
    let code = required_code(obj.code.take())?;
    let details = details_object(obj.details.take())?.map(details_from).unwrap_or_default();
    // The shape has no request id nor timestamp; one sent there is kept.
    let err = finish(Dialect::Nested, code, None, obj.message.take(), details, ctx);
    Ok(identify(ctx, err, obj.request_id.take(), obj.timestamp.take()))
}
