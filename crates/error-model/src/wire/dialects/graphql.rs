//! GraphQL: `{"errors": [{"message", "path", "extensions": {"code", ...}}], "data": null}`.
//!
//! The first item carries the message and, in `extensions`, the code, the
//! HTTP status, the request id, the retry hint, resource, timestamp and the
//! error's extensions; each field problem is one more item with
//! `extensions.field` (and its reason, rejected value and expectation).
//! GraphQL servers often answer 200: the status then comes from
//! `extensions.status`, else from the code (Apollo's `UNAUTHENTICATED`,
//! `FORBIDDEN`, `BAD_USER_INPUT` and the like included).
//!
//! # Example
//!
//! A validation error with one field problem and a request id (the
//! `dialect_docs` test checks this is what the encoder writes):
//!
//! ```json
//! {
//!   "errors": [
//!     {
//!       "message": "Invalid request data",
//!       "extensions": {
//!         "code": "VALIDATION_ERROR",
//!         "status": 400,
//!         "request_id": "req_123"
//!       }
//!     },
//!     {
//!       "message": "Must be a valid email address",
//!       "extensions": {
//!         "code": "VALIDATION_ERROR",
//!         "field": "email",
//!         "reason": "INVALID_FORMAT"
//!       }
//!     }
//!   ],
//!   "data": null
//! }
//! ```

use std::borrow::Cow;

use serde::ser::SerializeSeq;
use serde::{Serialize, Serializer};
use serde_json::Value;

use super::super::Dialect;
use super::super::any::{AnyBody, ErrorsMember, MoreExtensions, Scalar};
use super::super::encode::{Carried, ViolationExtras};
use super::super::parse::{
    Context, carried_upstream, code_text, finish_sent, identify, note_sent, read_carried, sends_code,
};
use super::super::vocab;
use crate::decode::{DecodeError, DecodeErrorKind};
use crate::path::{self, PathStyle};
use crate::redact::SensitiveNames;
use crate::{ApiError, Code, Details, FieldViolation};

/// The member names of the first item's `extensions` besides the error's
/// extensions (with those the decoder reads there).
const EXTENSIONS_MEMBERS: &[&str] = &["code", "status", "request_id", "field", "reason", "rejected_value", "expected"];

/// The body.
#[derive(Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "GraphQlResponse", transform = data_optional))]
pub(crate) struct Body<'a> {
    /// The error, then one item per field problem.
    #[cfg_attr(feature = "schema", schemars(with = "Vec<ReadError>", length(min = 1)))]
    errors: Items<'a>,
    /// Always `null` here; any value in other servers' partial results.
    #[cfg_attr(feature = "schema", schemars(schema_with = "super::super::encode::schema_fns::any"))]
    data: (),
}

/// A response with errors need not have `data` (GraphQL over HTTP, section 7.1).
#[cfg(feature = "schema")]
fn data_optional(schema: &mut schemars::Schema) {
    super::super::encode::schema_fns::unrequire(schema, &["data"]);
}

/// The items of an error, redacted by the names given.
struct Items<'a>(&'a ApiError, &'a SensitiveNames);

/// One GraphQL error.
#[derive(Serialize)]
#[serde(untagged)]
enum Item<'a> {
    /// The error itself.
    Error {
        /// The human message.
        message: &'a str,
        /// The code, status, request id and the rest.
        extensions: ErrorExtensions<'a>,
    },
    /// One field problem.
    Field {
        /// The field's message.
        message: &'a str,
        /// The code and the field.
        extensions: FieldExtensions<'a>,
    },
}

/// A GraphQL error as readers must accept it: only `message` is required (GraphQL spec, section 7.1.2).
#[cfg(feature = "schema")]
#[derive(schemars::JsonSchema)]
#[schemars(rename = "GraphQlError")]
#[allow(dead_code)]
struct ReadError {
    /// The human message.
    message: String,
    /// Where in the response the error occurred.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Vec<PathSegment>")]
    path: Option<Vec<PathSegment>>,
    /// Where in the query it occurred.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Vec<serde_json::Value>")]
    locations: Option<Vec<serde_json::Value>>,
    /// The code, the status and anything else a server adds.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "serde_json::Map<String, serde_json::Value>")]
    extensions: Option<serde_json::Map<String, serde_json::Value>>,
}

/// A segment of a GraphQL `path`: a field name or a list index.
#[cfg(feature = "schema")]
#[derive(schemars::JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
enum PathSegment {
    Field(String),
    Index(i64),
}

/// The first item's `extensions`.
#[derive(Serialize)]
struct ErrorExtensions<'a> {
    code: &'a Code,
    status: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    request_id: Option<&'a str>,
    #[serde(flatten)]
    carried: Carried<'a>,
}

/// A field item's `extensions`.
#[derive(Serialize)]
struct FieldExtensions<'a> {
    code: &'a Code,
    field: &'a str,
    #[serde(flatten)]
    extras: ViolationExtras<'a>,
}

impl Serialize for Items<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let err = self.0;
        let mut seq = serializer.serialize_seq(Some(1 + err.fields().len()))?;
        seq.serialize_element(&Item::Error {
            message: err.message(),
            extensions: ErrorExtensions {
                code: err.code(),
                status: Dialect::GraphQl.wire_status(err).as_u16(),
                request_id: err.request_id(),
                carried: Carried::of(err, Dialect::GraphQl, EXTENSIONS_MEMBERS, self.1),
            },
        })?;
        for v in err.fields() {
            seq.serialize_element(&Item::Field {
                message: &v.message,
                extensions: FieldExtensions {
                    code: err.code(),
                    field: &v.field,
                    extras: ViolationExtras::of(v, self.1),
                },
            })?;
        }
        seq.end()
    }
}

pub(crate) fn body<'a>(err: &'a ApiError, names: &'a SensitiveNames) -> Body<'a> {
    Body { errors: Items(err, names), data: () }
}

/// Statuses of the codes common GraphQL servers use that the registry does
/// not have (registered codes, such as `FORBIDDEN`, take the registry's).
fn graphql_status(code: &str) -> Option<u16> {
    Some(match code {
        "UNAUTHENTICATED" => 401,
        "BAD_USER_INPUT" | "GRAPHQL_VALIDATION_FAILED" | "GRAPHQL_PARSE_FAILED" | "BAD_REQUEST" => 400,
        "PERSISTED_QUERY_NOT_FOUND" => 400,
        "INTERNAL_SERVER_ERROR" => 500,
        _ => return None,
    })
}

/// The codes an item's extensions give under names other than `code`
/// ([`MoreExtensions::code_names`]), noted as sent; the first of them.
fn other_codes(more: &MoreExtensions<'_>, sent: &mut Vec<String>, ctx: &Context<'_>) -> Option<String> {
    let mut first = None;
    for name in &more.code_names {
        let Some(value) = more.rest.get(name).filter(|v| vocab::is_code_member(name, v)) else { continue };
        let Some(text) = vocab::id_text(value) else { continue };
        note_sent(sent, &text, ctx.limits);
        first.get_or_insert(text);
    }
    first
}

pub(crate) fn decode(body: &mut AnyBody, ctx: &Context<'_>) -> Result<ApiError, DecodeError> {
    let Some(ErrorsMember::List(mut items)) = body.errors.take() else {
        return Err(DecodeError::new(DecodeErrorKind::Data, "expected an `errors` list"));
    };
    let mut details = Details::default();
    let mut upstream = None;
    let (mut code, mut status, mut message, mut request_id, mut timestamp) = (None, None, None, None, None);
    // Every item's code, as sent, each once: `extensions.code`, else
    // `extensions.classification` or a `code` on the error itself.
    let mut sent: Vec<String> = Vec::new();
    // Each item's members are taken, not the item moved: an item is large.
    for item in &mut items {
        let mut ext = item.extensions.take().unwrap_or_default();
        let mut more = ext.take_more();
        let item_code = ext
            .code
            .take()
            .or_else(|| more.classification.take())
            // Apollo Server 2 kept it in `extensions.exception`.
            .or_else(|| more.rest.get("exception")?.get("code")?.as_str().map(|c| Cow::Owned(c.to_owned())))
            .or_else(|| item.code.as_ref().and_then(code_text).map(|c| Cow::Owned(c.into_owned())));
        if let Some(c) = &item_code {
            note_sent(&mut sent, c, ctx.limits);
        }
        // Else the codes its extensions give under other names, in document
        // order (`{"errorType": "APPLICATION", "errorCode": "KT-CT-1124"}`):
        // each is sent, the first is the item's.
        let item_code = item_code.or_else(|| other_codes(&more, &mut sent, ctx).map(Cow::Owned));
        let field = ext.field.take().or_else(|| {
            // After the first item, a GraphQL `path` locates the failing input.
            item.path
                .take()
                .filter(|_| message.is_some())
                .map(|p| path::join(&p.into_iter().map(Scalar::into_string).collect::<Vec<_>>(), PathStyle::Dotted))
        });
        let item_message = item.message.take().unwrap_or_default();
        if message.is_none() {
            message = Some(item_message.clone());
            code = item_code.as_deref().map(Code::new).filter(sends_code);
            status = more.status.take().and_then(|s| s.as_i64());
            request_id = more.request_id.take();
            timestamp = more.timestamp.take();
            // The rest of the first item's extensions are the error's own,
            // but for what a field item's violation reads.
            let mut carry = |key: &str, value: Value| {
                read_carried(key.to_owned(), value, &mut details, &mut timestamp, &mut upstream)
            };
            if let Some(c) = more.classification.take() {
                carry("classification", Value::String(c.into_owned()));
            }
            if field.is_none() {
                if let Some(reason) = ext.reason.take() {
                    carry("reason", Value::String(reason));
                }
                if let Some(value) = more.rejected_value.take() {
                    carry("rejected_value", value);
                }
                if let Some(expected) = more.expected.take() {
                    carry("expected", Value::String(expected));
                }
            }
            // (An empty map is not walked: its iterator costs more than the test.)
            if !more.rest.is_empty() {
                for (key, value) in std::mem::take(&mut more.rest) {
                    match key.as_str() {
                        // Of another type than the violation reads: dropped.
                        "reason" | "expected" if field.is_some() => {}
                        _ => read_carried(key, value, &mut details, &mut timestamp, &mut upstream),
                    }
                }
            }
        }
        if let Some(field) = field {
            let mut v = FieldViolation::new(field, item_message);
            v.reason = ext.reason;
            v.rejected_value = more.rejected_value;
            v.expected = more.expected;
            details.fields.push(v);
        }
    }
    let status = status.or_else(|| code.as_ref().and_then(|c: &Code| graphql_status(c.as_str()).map(i64::from)));
    let err = finish_sent(Dialect::GraphQl, code, sent, status, message, details, ctx);
    let err = carried_upstream(err, upstream);
    Ok(identify(ctx, err, request_id, timestamp))
}
