//! GitHub: `{"message", "errors": [{"resource", "field", "code", "message"}], "documentation_url", "status"}`.
//!
//! 422 for validation. `status` is the HTTP status as a string; the shape has
//! no error code, so a `code` member is written only when the status does not
//! imply it. A field problem's reason is its `code` (`missing_field`,
//! `invalid`, ...; `invalid` when it has none); its `resource` is the kind of
//! the error's resource.
//!
//! # Example
//!
//! A validation error with one field problem and a request id, from a
//! service whose docs base is `https://docs.example.com/errors/` (the
//! `dialect_docs` test checks this is what the encoder writes):
//!
//! ```json
//! {
//!   "message": "Invalid request data",
//!   "errors": [
//!     {
//!       "field": "email",
//!       "code": "INVALID_FORMAT",
//!       "message": "Must be a valid email address"
//!     }
//!   ],
//!   "documentation_url": "https://docs.example.com/errors/codes/VALIDATION_ERROR.html",
//!   "status": "422"
//! }
//! ```

use serde::{Serialize, Serializer};

use super::super::Dialect;
use std::borrow::Cow;

use super::super::any::{AnyBody, CowScalar, ErrorsMember};
use super::super::encode::stated_message;
use super::super::encode::{StatusText, no_fields};
use super::super::parse::{Context, code_of, code_text, finish_sent, note_sent, str_code_text};
use crate::decode::DecodeError;
use crate::redact::SensitiveNames;
use crate::{ApiError, Code, Details, FieldViolation, ResourceRef};

/// The body.
#[derive(Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "GitHubError", transform = only_message_required))]
pub(crate) struct Body<'a> {
    /// The human message.
    message: std::borrow::Cow<'a, str>,
    /// One item per field problem.
    #[serde(skip_serializing_if = "no_fields", serialize_with = "items")]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<Item<'static>>"))]
    errors: &'a ApiError,
    /// A link to documentation about the error.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    documentation_url: Option<&'a str>,
    /// The HTTP status, as a string.
    status: StatusText,
    /// The error code, when the status does not imply it.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Code"))]
    code: Option<&'a Code>,
}

/// GitHub's older bodies have no `status`.
#[cfg(feature = "schema")]
fn only_message_required(schema: &mut schemars::Schema) {
    super::super::encode::schema_fns::unrequire(schema, &["status"]);
}

/// One `errors` item.
#[derive(Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "GitHubFieldError", transform = only_code_required))]
struct Item<'a> {
    /// The kind of resource.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    resource: Option<&'a str>,
    /// The field.
    field: &'a str,
    /// The reason: `missing_field`, `invalid`, ...
    code: &'a str,
    /// The message.
    #[serde(skip_serializing_if = "str::is_empty")]
    message: &'a str,
}

/// GitHub documents `code` as the one member every item has.
#[cfg(feature = "schema")]
fn only_code_required(schema: &mut schemars::Schema) {
    super::super::encode::schema_fns::unrequire(schema, &["field"]);
}

fn items<S: Serializer>(err: &&ApiError, serializer: S) -> Result<S::Ok, S::Error> {
    let kind = err.details().resource.as_ref().and_then(|r| r.kind.as_deref());
    serializer.collect_seq(err.fields().iter().map(|v: &FieldViolation| Item {
        resource: kind,
        field: &v.field,
        code: v.reason.as_deref().unwrap_or("invalid"),
        message: &v.message,
    }))
}

/// The body of `err`; it writes no free-form values, so nothing in it is
/// redacted by `_names`.
pub(crate) fn body<'a>(err: &'a ApiError, _names: &SensitiveNames) -> Body<'a> {
    Body {
        message: stated_message(err),
        errors: err,
        documentation_url: err.docs_url(),
        status: StatusText(Dialect::GitHub.wire_status(err)),
        code: (!Dialect::GitHub.code_is_implied(err)).then(|| err.code()),
    }
}

pub(crate) fn decode<'de>(body: &mut AnyBody<'de>, ctx: &Context<'_>) -> Result<ApiError, DecodeError> {
    let mut details = Details::default();
    // As sent: the error's code, then each item's category and code, each once.
    let mut sent: Vec<String> =
        body.code.as_ref().and_then(|c| code_of(Some(c.clone()))).map(|c| c.as_str().to_owned()).into_iter().collect();
    let mut first_message = None;
    // The first item's message stands for the error's only where the body has none.
    let wants_message = body.message.is_none();
    if let Some(ErrorsMember::List(mut items)) = body.errors.take() {
        details.fields.reserve_exact(items.len());
        // The code of the run of items before, as sent and as its text.
        let mut repeated: Option<(&'de str, &'de str)> = None;
        // Each item's members are taken, not the item moved: an item is large.
        for item in &mut items {
            if details.resource.is_none() {
                details.resource = item.resource.take().map(|kind| ResourceRef { kind: Some(kind), id: None });
            }
            // Bounded as `within_limits` keeps them: never a comparison with every code before.
            if let Some(category) = item.category.as_deref() {
                note_sent(&mut sent, category, ctx.limits);
            }
            // The code as `code_of` would give it, borrowed where the body allows.
            let item_code = match &item.code {
                Some(CowScalar::Str(Cow::Borrowed(code))) => {
                    // Most lists repeat one code (`invalid`): looked up and
                    // noted for the first item of a run only.
                    if !matches!(repeated, Some((before, _)) if before == *code) {
                        let text = str_code_text(code);
                        note_sent(&mut sent, text, ctx.limits);
                        repeated = Some((code, text));
                    }
                    repeated.map(|(_, text)| Cow::Borrowed(text))
                }
                code => {
                    let text = code.as_ref().and_then(code_text);
                    if let Some(text) = text.as_deref() {
                        note_sent(&mut sent, text, ctx.limits);
                    }
                    text
                }
            };
            let message = item.message.take().or_else(|| item.detail.take());
            if wants_message && first_message.is_none() {
                first_message.clone_from(&message);
            }
            // An item that names no field is about the request as a whole.
            let Some(field) = item.field.take() else { continue };
            let v = FieldViolation::push_new(&mut details.fields, field, message.unwrap_or_default());
            v.reason = item_code.filter(|r| r != "invalid").map(Cow::into_owned);
        }
    }
    let status = body.status.take().as_ref().and_then(|s| s.as_int());
    let message = body.message.take().or(first_message);
    let mut err = finish_sent(Dialect::GitHub, code_of(body.code.take()), sent, status, message, details, ctx);
    if let Some(url) = super::super::parse::link(body.documentation_url.take()) {
        err = err.with_docs_url(url);
    }
    Ok(err)
}
