//! A shape of the lead API's documentation (Laravel's): `{"message", "errors": {"<field path>": ["<message>", ...]}}`.
//!
//! 422 for validation; 401 and 403 bodies hold only `message`. The shape has
//! no code: a `code` member is written only when the status alone does not
//! imply the code (see [`Dialect::implied_code`]).
//!
//! # Example
//!
//! A validation error with one field problem and a request id (the
//! `dialect_docs` test checks this is what the encoder writes):
//!
//! ```json
//! {
//!   "message": "Invalid request data",
//!   "errors": {
//!     "email": [
//!       "Must be a valid email address"
//!     ]
//!   }
//! }
//! ```

use serde::Serialize;

use super::super::Dialect;
use super::super::any::{AnyBody, ErrorsMember, Scalar};
use super::super::encode::GroupedFields;
use super::super::encode::stated_message;
use super::super::parse::{Context, finish, sent_code};
use crate::decode::DecodeError;
use crate::redact::SensitiveNames;
use crate::{ApiError, Code, Details};

/// The body.
#[derive(Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "FieldMapError"))]
pub(crate) struct Body<'a> {
    /// The human message.
    message: std::borrow::Cow<'a, str>,
    /// The messages of each field, by field path.
    #[serde(skip_serializing_if = "GroupedFields::is_empty")]
    errors: GroupedFields<'a>,
    /// The error code, when the status does not imply it.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Code"))]
    code: Option<&'a Code>,
}

/// The body of `err`; it writes no free-form values, so nothing in it is
/// redacted by `_names`.
pub(crate) fn body<'a>(err: &'a ApiError, _names: &SensitiveNames) -> Body<'a> {
    Body {
        message: stated_message(err),
        errors: GroupedFields::new(err.fields(), ""),
        code: (!Dialect::FieldMap.code_is_implied(err)).then(|| err.code()),
    }
}

pub(crate) fn decode(body: &mut AnyBody, ctx: &Context<'_>) -> Result<ApiError, DecodeError> {
    let mut details = Details::default();
    if let Some(ErrorsMember::FieldMap(fields, _)) = body.errors.take() {
        details.fields = fields;
    }
    // A numeric `code` that is an error status is the HTTP status (Laravel's
    // `{"code": 422, …}`), not the error's code: this shape writes its code
    // as a string.
    let (code, body_status) = match body.code.take() {
        Some(Scalar::Int(n)) if crate::status::is_error_number(n) => (None, Some(n)),
        code => (code, None),
    };
    Ok(finish(Dialect::FieldMap, sent_code(code), body_status, body.message.take(), details, ctx))
}
