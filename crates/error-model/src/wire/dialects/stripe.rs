//! Stripe: `{"error": {"type", "code", "message", "param", "doc_url"}}`.
//!
//! `type` is an extension `type` if the error has one, else follows the
//! status (`api_error` for 5xx, `invalid_request_error` otherwise); `param`
//! is the first field in bracket style (`card[number]`); when there are
//! several fields, or the one field says more than the error's message, all
//! of them follow in `fields`; then `doc_url`, the retry hint, resource,
//! timestamp and extensions as extra members of `error`. Stripe's own
//! lowercase codes are kept as they are.
//!
//! # Example
//!
//! A validation error with one field problem and a request id, from a
//! service whose docs base is `https://docs.example.com/errors/` (the
//! `dialect_docs` test checks this is what the encoder writes):
//!
//! ```json
//! {
//!   "error": {
//!     "type": "invalid_request_error",
//!     "code": "VALIDATION_ERROR",
//!     "message": "Invalid request data",
//!     "param": "email",
//!     "fields": [
//!       {
//!         "field": "email",
//!         "pointer": "/email",
//!         "reason": "INVALID_FORMAT",
//!         "message": "Must be a valid email address"
//!       }
//!     ],
//!     "doc_url": "https://docs.example.com/errors/codes/VALIDATION_ERROR.html"
//!   }
//! }
//! ```

use serde::Serialize;

use super::super::Dialect;
use super::super::any::{AnyBody, Scalar};
use super::super::encode::{Carried, PathAs, is_simple};
use super::super::free_form::fields_in;
use super::super::parse::{Context, carried_upstream, code_of, error_object, finish_sent, identify, read_carried};
use super::super::vocab;
use crate::decode::DecodeError;
use crate::details::{FieldList, Violations};
use crate::path::{self, PathStyle};
use crate::redact::SensitiveNames;
use crate::{ApiError, Code, Details, FieldViolation};

/// The member names of `error` besides the extensions (with those the decoder reads there).
const MEMBERS: &[&str] = &[
    "type",
    "code",
    "message",
    "param",
    "fields",
    "doc_url",
    "status",
    "details",
    "request_id",
    "requestId",
    "docs_url",
    "target",
    "innererror",
    "innerError",
    "description",
    "validation_errors",
    "invalid",
    "errors",
];

/// The body.
#[derive(Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "StripeError"))]
pub(crate) struct Body<'a> {
    /// The error.
    error: ErrorObject<'a>,
}

/// The `error` object.
#[derive(Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "StripeErrorObject", transform = only_type_required))]
struct ErrorObject<'a> {
    /// The error type: `api_error` or `invalid_request_error` (or the error's extension `type`).
    #[serde(rename = "type")]
    type_: &'a str,
    /// The error code.
    code: &'a Code,
    /// The human message.
    message: &'a str,
    /// The first field, in bracket style.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    param: Option<PathAs<'a>>,
    /// Every field problem, when `param` alone would lose something.
    #[serde(skip_serializing_if = "FieldList::is_unwritten")]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<FieldViolation>"))]
    fields: FieldList<'a>,
    /// A link to documentation about the error.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    doc_url: Option<&'a str>,
    /// The retry hint, resource, timestamp and extensions.
    #[serde(flatten)]
    carried: Carried<'a>,
}

/// Stripe documents only `type` as always present.
#[cfg(feature = "schema")]
fn only_type_required(schema: &mut schemars::Schema) {
    super::super::encode::schema_fns::unrequire(schema, &["code", "message"]);
}

fn stripe_type(err: &ApiError) -> &'static str {
    if err.is_server_error() { "api_error" } else { "invalid_request_error" }
}

pub(crate) fn body<'a>(err: &'a ApiError, names: &'a SensitiveNames) -> Body<'a> {
    let (param, fields) = match err.fields() {
        [] => (None, &[][..]),
        [v] if is_simple(v) && v.message == err.message() => (Some(v), &[][..]),
        many => (many.first(), many),
    };
    let carried = Carried::of(err, Dialect::Stripe, MEMBERS, names);
    let list = FieldList::new(Violations { fields, names }, &carried.extensions);
    Body {
        error: ErrorObject {
            // Not a null written as a text, which reads back as no type.
            type_: err.extension_str("type").filter(|t| !vocab::is_null_text(t)).unwrap_or_else(|| stripe_type(err)),
            code: err.code(),
            message: err.message(),
            param: param.map(|v| PathAs(&v.field, PathStyle::Form)),
            fields: if param.is_some() { list.unmarked() } else { list },
            doc_url: err.docs_url(),
            carried,
        },
    }
}

pub(crate) fn decode(body: &mut AnyBody, ctx: &Context<'_>) -> Result<ApiError, DecodeError> {
    let obj = error_object(body)?;
    let more = obj.take_more();
    // A null written as a text names no type, code or field (`"param":
    // "None"`, as OpenAI-compatible servers in Python write).
    let type_ = more.type_.filter(|t| !vocab::is_null_text(t));
    if matches!(&obj.code, Some(Scalar::Str(c)) if vocab::is_null_text(c)) {
        obj.code = None;
    }
    let mut details = Details::default();
    let mut upstream = None;
    let mut docs_url = obj.docs_url.take();
    let mut timestamp = obj.timestamp.take();
    // As sent: the type, the code, the decline code (room for the three:
    // grown one by one, the list cost a decode two reallocations).
    let mut sent: Vec<String> = Vec::with_capacity(3);
    sent.extend(type_.iter().cloned());
    // An empty code is none.
    sent.extend(obj.code.as_ref().and_then(|c| c.as_str()).filter(|c| !c.is_empty()).map(str::to_owned));
    sent.extend(obj.other.iter().find(|(k, _)| k == "decline_code").and_then(|(_, v)| v.as_str()).map(str::to_owned));
    // A `fields` list was read typed; an item that is no field violation
    // drops it. Even an empty one says the object's other members are no
    // field errors.
    let lists_fields = more.fields.is_some();
    if let Some(fields) = more.fields {
        details.fields = fields.0.into_iter().map(|v| v.0).collect::<Option<_>>().unwrap_or_default();
    }
    for (key, value) in std::mem::take(&mut obj.other) {
        match key.as_str() {
            "doc_url" if value.is_string() => docs_url = value.as_str().map(str::to_owned),
            _ => read_carried(key, value, &mut details, &mut timestamp, &mut upstream),
        }
    }
    if details.fields.is_empty() && !lists_fields {
        // Error objects of other APIs in this shape keep field errors in a
        // tree or list of their own (Seam's `validation_errors`, `invalid`).
        details.fields = fields_in(&details.extensions, &mut sent);
        for key in ["validation_errors", "invalid", "errors"] {
            if !details.fields.is_empty() {
                details.extensions.remove(key);
            }
        }
    }
    if details.fields.is_empty() {
        if let Some(param) = more.param.filter(|p| !vocab::is_null_text(p)) {
            let field = path::convert(&param, PathStyle::Dotted);
            details.fields.push(FieldViolation::new(field, obj.message.clone().unwrap_or_default()));
        }
    }
    let err = finish_sent(Dialect::Stripe, code_of(obj.code.take()), sent, None, obj.message.take(), details, ctx);
    let mut err = carried_upstream(err, upstream);
    if let Some(type_) = type_.filter(|t| t != stripe_type(&err)) {
        err = err.with_extension("type", type_);
    }
    if let Some(url) = super::super::parse::link(docs_url) {
        err = err.with_docs_url(url);
    }
    Ok(identify(ctx, err, obj.request_id.take(), timestamp))
}
