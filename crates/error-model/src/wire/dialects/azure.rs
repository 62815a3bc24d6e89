//! Microsoft REST API guidelines (Azure): `{"error": {"code", "message", "target", "details": [...], "innererror"}}`.
//!
//! Field problems are `details` items with `target` = the field and `code` =
//! the reason (else the error's code); a single field is also the error's
//! `target`. The error's extensions, retry hint, resource and timestamp
//! travel in `innererror`.
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
//!     "target": "email",
//!     "details": [
//!       {
//!         "code": "INVALID_FORMAT",
//!         "message": "Must be a valid email address",
//!         "target": "email"
//!       }
//!     ]
//!   }
//! }
//! ```

use serde::Serialize;

use super::super::Dialect;
use super::super::any::{AnyBody, DetailItems, DetailsMember, InnerMember};
use super::super::encode::{Carried, no_fields};
use super::super::free_form;
use super::super::parse::{
    Context, SentCode, carried_upstream, error_object, finish, read_carried, sent_code, set_timestamp,
};
use crate::decode::{DecodeError, DecodeErrorKind};
use crate::redact::SensitiveNames;
use crate::{ApiError, Code, Details, FieldViolation};

/// The member names `innererror` keeps for itself: the carried members, and
/// the request ids Microsoft Graph writes there (which the decoder reads).
const INNERERROR_MEMBERS: &[&str] = &["request-id", "requestId", "client-request-id"];

/// The body.
#[derive(Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "AzureError"))]
pub(crate) struct Body<'a> {
    /// The error.
    error: ErrorObject<'a>,
}

/// The `error` object.
#[derive(Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "AzureErrorObject"))]
struct ErrorObject<'a> {
    /// The error code.
    code: &'a Code,
    /// The human message.
    message: &'a str,
    /// The field, when there is exactly one field problem.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    target: Option<&'a str>,
    /// One item per field problem.
    #[serde(skip_serializing_if = "no_fields", serialize_with = "items")]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<Item<'static>>"))]
    details: &'a ApiError,
    /// The retry hint, resource, timestamp and extensions.
    #[serde(skip_serializing_if = "Carried::is_empty")]
    #[cfg_attr(feature = "schema", schemars(with = "Carried<'static>"))]
    innererror: Carried<'a>,
}

/// One `details` item.
#[derive(Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "AzureDetail", transform = target_optional))]
struct Item<'a> {
    /// The reason, else the error's code.
    code: &'a str,
    /// The message.
    message: &'a str,
    /// The field.
    target: &'a str,
}

/// Azure's own detail items need not name a target.
#[cfg(feature = "schema")]
fn target_optional(schema: &mut schemars::Schema) {
    super::super::encode::schema_fns::unrequire(schema, &["target"]);
}

fn items<S: serde::Serializer>(err: &&ApiError, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_seq(err.fields().iter().map(|v: &FieldViolation| Item {
        code: v.reason.as_deref().unwrap_or(err.code().as_str()),
        message: &v.message,
        target: &v.field,
    }))
}

pub(crate) fn body<'a>(err: &'a ApiError, names: &'a SensitiveNames) -> Body<'a> {
    let target = match err.fields() {
        [v] => Some(v.field.as_str()),
        _ => None,
    };
    Body {
        error: ErrorObject {
            code: err.code(),
            message: err.message(),
            target,
            details: err,
            innererror: Carried::of(err, Dialect::Azure, INNERERROR_MEMBERS, names),
        },
    }
}

pub(crate) fn decode(body: &mut AnyBody, ctx: &Context<'_>) -> Result<ApiError, DecodeError> {
    let obj = error_object(body)?;
    let more = obj.take_more();
    // The code as sent, its text kept for the upstream codes.
    let code = sent_code(obj.code.take());
    let mut details = Details::default();
    let mut upstream = None;
    match obj.details.take() {
        Some(DetailsMember::List(items)) => {
            // In place, in one pass: a code that repeats the error's is no
            // reason (dropped before the pointer is built, whose block it
            // frees), and an item's target (else its field) is the field.
            let DetailItems { mut violations, more } = items;
            if let Some(code) = code.as_ref().map(SentCode::text) {
                for v in &mut violations {
                    if v.reason.as_deref() == Some(code) {
                        v.reason = None;
                    }
                }
            }
            // The items without more have their pointer; each of the others
            // (in order, each once) its target as the field, if it has one.
            for (at, more) in more {
                if let Some(v) = violations.get_mut(at) {
                    if let Some(target) = more.target {
                        v.field = target;
                    }
                    v.pointer = crate::path::to_pointer(&v.field);
                }
            }
            details.fields = violations;
        }
        Some(DetailsMember::Object(_)) => {
            return Err(DecodeError::new(DecodeErrorKind::Data, "expected `error.details` to be a list"));
        }
        None => {}
    }
    if details.fields.is_empty() {
        if let Some(target) = more.target {
            details.fields.push(FieldViolation::new(target, ""));
        }
    }
    let mut timestamp = None;
    let mut request_id = None;
    if let Some(InnerMember::Object(inner)) = more.innererror {
        // As `read_carried` reads these two from a value of their type.
        details.retry_after = inner.retry_after;
        timestamp = inner.timestamp;
        // (Asked first: taking apart an empty map costs as much as a member.)
        if !inner.other.is_empty() {
            for (key, value) in inner.other {
                // Microsoft Graph's `innerError` names the request.
                if matches!(key.as_str(), "request-id" | "requestId" | "client-request-id") && request_id.is_none() {
                    request_id = value.as_str().map(str::to_owned);
                }
                read_carried(key, value, &mut details, &mut timestamp, &mut upstream);
            }
        }
    }
    // The codes of the details are codes too (the error's own is no reason,
    // above), unless the body carries its upstream codes (ours do).
    let carried = upstream.is_some();
    let mut err = carried_upstream(finish(Dialect::Azure, code, None, obj.message.take(), details, ctx), upstream);
    if !carried && err.fields().iter().any(|v| v.reason.is_some()) {
        let reasons: Vec<String> = err.fields().iter().filter_map(|v| v.reason.clone()).collect();
        let codes = &mut err.upstream_mut().codes;
        for r in &reasons {
            free_form::push(codes, r);
        }
    }
    // Else the error object's own `request_id`.
    let request_id = request_id.or_else(|| obj.request_id.take());
    let err = match request_id.filter(|id| id.len() <= ctx.limits.max_request_id_bytes) {
        Some(id) => err.with_request_id(id),
        None => err,
    };
    Ok(set_timestamp(err, timestamp))
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::super::super::any::AnyBody;
    use super::super::super::parse::{Context, carried_upstream, finish, parse, read_carried, set_timestamp};
    use super::*;

    /// `innererror` read typed gives the error reading it as a value and
    /// each member with `read_carried` gave.
    #[test]
    fn innererror_read_as_from_a_value() {
        let inners = [
            r#"{"timestamp": "2024-01-16T10:30:00Z"}"#,
            r#"{"timestamp": "not a time", "retry_after": 5}"#,
            r#"{"timestamp": 1, "retry_after": -1}"#,
            r#"{"timestamp": null, "retry_after": 1.5, "x": [1]}"#,
            r#"{"timestamp": "2024-01-16T10:30:00Z", "timestamp": 3}"#,
            r#"{"timestamp": 3, "timestamp": "2024-01-16T10:30:00Z"}"#,
            r#"{"retry_after": "5", "retry_after": 7}"#,
            r#"{"retry_after": 7, "retry_after": null}"#,
            r#"{"retry_after": 18446744073709551615}"#,
            r#"{"requestId": 1, "request-id": "r1", "client-request-id": 2}"#,
            r#"{"resource": {"kind": "k", "id": "i"}, "upstream": {"dialect": "x", "codes": ["A"]}, "a": {"b": 1}}"#,
            r#"{}"#,
            r#""text""#,
            r#"[1, {"a": 2}]"#,
            "3",
            "null",
        ];
        let headers = http::HeaderMap::new();
        let limits = crate::Limits::default();
        let ctx = Context { status: None, headers: &headers, limits: &limits, now: None };
        for inner in inners {
            let body = format!(r#"{{"error": {{"code": "C", "message": "m", "innererror": {inner}}}}}"#);
            let mut any = AnyBody::default();
            parse(body.as_bytes(), &limits, &mut any).unwrap();
            let typed = decode(&mut any, &ctx).unwrap();
            // As read from a value.
            let (mut details, mut timestamp, mut upstream, mut request_id) = (Details::default(), None, None, None);
            if let Value::Object(inner) = serde_json::from_str::<Value>(inner).unwrap() {
                for (key, value) in inner {
                    if matches!(key.as_str(), "request-id" | "requestId" | "client-request-id") && request_id.is_none()
                    {
                        request_id = value.as_str().map(str::to_owned);
                    }
                    read_carried(key, value, &mut details, &mut timestamp, &mut upstream);
                }
            }
            let err = finish(Dialect::Azure, Some(Code::new("C")), None, Some("m".to_owned()), details, &ctx);
            let err = carried_upstream(err, upstream);
            let err = match request_id {
                Some(id) => err.with_request_id(id),
                None => err,
            };
            let from_value = set_timestamp(err, timestamp);
            assert_eq!(format!("{typed:?}"), format!("{from_value:?}"), "{inner}");
        }
    }
}
