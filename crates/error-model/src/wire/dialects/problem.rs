//! RFC 9457 problem details (`application/problem+json`).
//!
//! `type` is the error's documentation link (else `about:blank`); `title`
//! is an extension `title` if the error has one, else the code's registered
//! title when `type` is a link, else the status phrase (RFC 9457, section
//! 4.2.1: with `about:blank` the title is the phrase); `status` is the wire
//! status; `detail` is the message; `instance` is an extension `instance`.
//! Extension members follow: `code`, `errors` (field problems with `pointer`
//! and `detail`), `request_id`, `retry_after`, `resource`, `timestamp`, then
//! the error's own extensions. Every member is optional to a reader
//! (section 3.1), so the schema requires none.
//!
//! # Example
//!
//! A validation error with one field problem and a request id, from a
//! service whose docs base is `https://docs.example.com/errors/` (the
//! `dialect_docs` test checks this is what the encoder writes):
//!
//! ```json
//! {
//!   "type": "https://docs.example.com/errors/codes/VALIDATION_ERROR.html",
//!   "title": "Validation error",
//!   "status": 400,
//!   "detail": "Invalid request data",
//!   "code": "VALIDATION_ERROR",
//!   "errors": [
//!     {
//!       "pointer": "/email",
//!       "field": "email",
//!       "detail": "Must be a valid email address",
//!       "reason": "INVALID_FORMAT"
//!     }
//!   ],
//!   "request_id": "req_123"
//! }
//! ```

use serde::Serialize;

use super::super::Dialect;
use super::super::any::{AnyBody, ErrorItem, ErrorsMember};
use super::super::encode::{Carried, ViolationExtras};
use super::super::parse::{Context, carried_upstream, finish, identify, read_carried, sent_code};
use super::super::{free_form, vocab};
use crate::decode::DecodeError;
use crate::details::{FieldList, Violations};
use crate::redact::SensitiveNames;
use crate::{ApiError, Code, Details, FieldViolation};

const ABOUT_BLANK: &str = "about:blank";

/// The member names the top level keeps for itself: those written, and
/// those the shared parse reads as typed members of any shape (an extension
/// `error` would make the body look like another dialect).
const MEMBERS: &[&str] = &[
    "type",
    "title",
    "status",
    "detail",
    "instance",
    "code",
    "errors",
    "request_id",
    "requestId",
    "success",
    "error",
    "message",
    "details",
    "documentation_url",
    "data",
    "meta",
];

/// The body.
#[derive(Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "ProblemDetails", transform = all_optional))]
pub(crate) struct Body<'a> {
    /// A URI reference that identifies the problem type; `about:blank` when there is none.
    #[serde(rename = "type")]
    #[cfg_attr(feature = "schema", schemars(extend("format" = "uri-reference")))]
    type_: &'a str,
    /// A short summary of the problem type.
    title: &'a str,
    /// The HTTP status.
    #[cfg_attr(feature = "schema", schemars(range(min = 100, max = 599)))]
    status: u16,
    /// An explanation specific to this occurrence.
    detail: &'a str,
    /// A URI reference that identifies this occurrence.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "String", extend("format" = "uri-reference")))]
    instance: Option<&'a str>,
    /// The error code.
    code: &'a Code,
    /// The field problems.
    #[serde(skip_serializing_if = "FieldList::is_unwritten", serialize_with = "errors")]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<FieldError<'static>>"))]
    errors: FieldList<'a>,
    /// The request id.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    request_id: Option<&'a str>,
    /// The retry hint, the resource, the timestamp and the error's extensions.
    #[serde(flatten)]
    carried: Carried<'a>,
}

/// One field problem.
#[derive(Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "ProblemFieldError", transform = field_optional))]
struct FieldError<'a> {
    /// The field as a JSON Pointer.
    #[serde(serialize_with = "pointer")]
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pointer: &'a FieldViolation,
    /// The field as the client wrote it.
    field: &'a str,
    /// The message.
    detail: &'a str,
    /// The reason, rejected value and expectation.
    #[serde(flatten)]
    extras: ViolationExtras<'a>,
}

#[cfg(feature = "schema")]
fn all_optional(schema: &mut schemars::Schema) {
    schema.remove("required");
}

/// Other APIs' problem bodies locate a field by `pointer` or `field` alone.
#[cfg(feature = "schema")]
fn field_optional(schema: &mut schemars::Schema) {
    super::super::encode::schema_fns::unrequire(schema, &["pointer", "field"]);
}

fn pointer<S: serde::Serializer>(v: &&FieldViolation, serializer: S) -> Result<S::Ok, S::Error> {
    v.wire_pointer().serialize(serializer)
}

fn errors<S: serde::Serializer>(fields: &FieldList<'_>, serializer: S) -> Result<S::Ok, S::Error> {
    let fields = fields.list;
    serializer.collect_seq(fields.fields.iter().map(|v| FieldError {
        pointer: v,
        field: &v.field,
        detail: &v.message,
        extras: ViolationExtras::of(v, fields.names),
    }))
}

/// The title of `err` when no extension gives one (see the module docs).
fn title_for(err: &ApiError, type_: &str, status: http::StatusCode) -> &'static str {
    match err.code().info() {
        Some(info) if type_ != ABOUT_BLANK => info.title(),
        _ => status.canonical_reason().unwrap_or("Error"),
    }
}

/// Whether an `instance` names the request: a bare token, not a URI
/// reference (Vonage and Mailchimp put the request's id there). The decoder
/// takes such an `instance` as the request id when the body has no other;
/// the encoder then leaves out a `request_id` member equal to it, so that
/// a second trip writes what the first wrote.
fn instance_names_request(instance: &str) -> bool {
    !instance.contains(['/', ':'])
}

pub(crate) fn body<'a>(err: &'a ApiError, names: &'a SensitiveNames) -> Body<'a> {
    let status = Dialect::Problem.wire_status(err);
    let type_ = err.docs_url().unwrap_or(ABOUT_BLANK);
    // An `instance` that names a request is written only beside the
    // error's request id, which wins over it: alone, it would read back as
    // the request id.
    let instance = err.extension_str("instance").filter(|&i| !instance_names_request(i) || err.request_id().is_some());
    let request_id = err.request_id().filter(|&id| !(instance == Some(id) && instance_names_request(id)));
    let carried = Carried::of(err, Dialect::Problem, MEMBERS, names);
    Body {
        type_,
        title: err.extension_str("title").unwrap_or_else(|| title_for(err, type_, status)),
        status: status.as_u16(),
        detail: err.message(),
        instance,
        code: err.code(),
        errors: FieldList::new(Violations { fields: err.fields(), names }, &carried.extensions),
        request_id,
        carried,
    }
}

fn violation(item: ErrorItem<'_>) -> FieldViolation {
    let field = item.field.or_else(|| item.pointer.clone()).unwrap_or_default();
    // The pointer given, else derived from the field (as `FieldViolation::new` does).
    let pointer = item.pointer.map_or_else(|| crate::path::to_pointer(&field), crate::path::given_pointer);
    FieldViolation {
        field,
        pointer,
        reason: item.reason,
        message: item.detail.or(item.message).unwrap_or_default(),
        rejected_value: item.rejected_value,
        expected: item.expected,
    }
}

pub(crate) fn decode(body: &mut AnyBody, ctx: &Context<'_>) -> Result<ApiError, DecodeError> {
    let mut details = Details::default();
    let mut upstream = None;
    body.lists_fields = body.errors.is_some();
    match body.errors.take() {
        Some(ErrorsMember::List(items)) => details.fields = items.into_iter().map(violation).collect(),
        // ASP.NET Core's ValidationProblemDetails: a map of field to messages,
        // keyed `Name`, `$.dateOfBirth`, `Ages[1]` or `""` (the whole body).
        Some(ErrorsMember::FieldMap(mut fields, _)) => {
            for v in &mut fields {
                let field = v.field.strip_prefix("$.").unwrap_or(&v.field);
                let field = if field == "$" { "" } else { field };
                if field.len() != v.field.len() {
                    let field = field.to_owned();
                    v.pointer = crate::path::to_pointer(&field);
                    v.field = field;
                }
            }
            details.fields = fields;
        }
        None => {}
    }
    let mut timestamp = body.timestamp.take();
    for (key, value) in std::mem::take(&mut body.other) {
        read_carried(key, value, &mut details, &mut timestamp, &mut upstream);
    }
    let body_status = body.status.take().as_ref().and_then(|s| s.as_int());
    // Without a `detail`, the `title` says what went wrong (RFC 9457, section 3.1.3).
    let message = body.detail.take().or_else(|| body.title.as_deref().map(str::to_owned));
    // An identifier under a `message` beside the problem's members (an i18n
    // key, `error.validation`) is a code, as the lenient reader reads it;
    // unless the body carries its upstream codes.
    let message_code = body.message.take().filter(|m| upstream.is_none() && vocab::is_code_text(m));
    body.carries_upstream = upstream.is_some();
    let mut err = carried_upstream(
        finish(Dialect::Problem, sent_code(body.code.take()), body_status, message, details, ctx),
        upstream,
    );
    if let Some(c) = message_code {
        free_form::push(&mut err.upstream_mut().codes, &c);
    }
    let type_ = body.type_.take().filter(|t| t != ABOUT_BLANK);
    if let Some(title) = body.title.take() {
        let type_ = type_.as_deref().unwrap_or(ABOUT_BLANK);
        if title != title_for(&err, type_, Dialect::Problem.wire_status(&err)) {
            err = err.with_extension("title", title.into_owned());
        }
    }
    if let Some(type_) = type_ {
        err = err.with_docs_url(type_);
    }
    if let Some(instance) = body.instance.take() {
        if instance_names_request(&instance)
            && err.request_id().is_none()
            && instance.len() <= ctx.limits.max_request_id_bytes
        {
            err = err.with_request_id(instance.clone());
        }
        err = err.with_extension("instance", instance);
    }
    Ok(identify(ctx, err, body.request_id.take(), timestamp))
}
