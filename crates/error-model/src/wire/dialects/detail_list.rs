//! A shape of the lead API's documentation: `{"error": {"code", "message", "details": [{"field", "message"}]}}`, 422 for validation.
//!
//! A field problem's reason is written as the item's `code`.
//!
//! # Example
//!
//! A validation error with one field problem and a request id (the
//! `dialect_docs` test checks this is what the encoder writes):
//!
//! ```json
//! {
//!   "error": {
//!     "code": "VALIDATION_ERROR",
//!     "message": "Invalid request data",
//!     "details": [
//!       {
//!         "field": "email",
//!         "message": "Must be a valid email address",
//!         "code": "INVALID_FORMAT"
//!       }
//!     ]
//!   }
//! }
//! ```

use serde::Serialize;

use super::super::Dialect;
use super::super::any::{AnyBody, DetailsMember};
use super::super::encode::stated_message;
use super::super::parse::{Context, SentCode, error_object, finish, identify, required_code, violations_from_items};
use crate::decode::{DecodeError, DecodeErrorKind};
use crate::redact::SensitiveNames;
use crate::{ApiError, Code, Details, FieldViolation};

/// The body.
#[derive(Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "DetailListError"))]
pub(crate) struct Body<'a> {
    /// The error.
    error: ErrorObject<'a>,
}

/// The `error` object.
#[derive(Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "DetailListErrorObject"))]
struct ErrorObject<'a> {
    /// The error code.
    code: &'a Code,
    /// The human message.
    message: std::borrow::Cow<'a, str>,
    /// One item per field problem.
    #[serde(skip_serializing_if = "Vec::is_empty", serialize_with = "items")]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<Item<'static>>"))]
    details: &'a Vec<FieldViolation>,
}

/// One field problem.
#[derive(Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "DetailListItem"))]
struct Item<'a> {
    /// The field.
    field: &'a str,
    /// The message.
    message: &'a str,
    /// The reason.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    code: Option<&'a str>,
}

fn items<S: serde::Serializer>(fields: &&Vec<FieldViolation>, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_seq(fields.iter().map(|v| Item {
        field: &v.field,
        message: &v.message,
        code: v.reason.as_deref(),
    }))
}

/// The body of `err`; it writes no free-form values, so nothing in it is
/// redacted by `_names`.
pub(crate) fn body<'a>(err: &'a ApiError, _names: &SensitiveNames) -> Body<'a> {
    Body { error: ErrorObject { code: err.code(), message: stated_message(err), details: &err.details().fields } }
}

pub(crate) fn decode(body: &mut AnyBody, ctx: &Context<'_>) -> Result<ApiError, DecodeError> {
    let obj = error_object(body)?;
    let code = required_code(obj.code.take())?;
    let mut details = Details::default();
    match obj.details.take() {
        None => {}
        Some(DetailsMember::List(items)) => {
            details.fields = violations_from_items(items, code.as_ref().map(SentCode::text));
        }
        Some(DetailsMember::Object(_)) => {
            return Err(DecodeError::new(DecodeErrorKind::Data, "expected `error.details` to be a list"));
        }
    }
    // The shape has no request id nor timestamp; one sent there is kept.
    let err = finish(Dialect::DetailList, code, None, obj.message.take(), details, ctx);
    Ok(identify(ctx, err, obj.request_id.take(), obj.timestamp.take()))
}
