//! JSON:API error objects: `{"errors": [{"id", "status", "code", "title", "detail", "source": {"pointer"}}], "meta"}`.
//!
//! Without field problems there is one item whose `detail` is the message;
//! with them, one item per field (its `detail` the field's message, its
//! `source.pointer` the field, its `meta` the reason, rejected value and
//! expectation) and the message in the top-level `meta`. The item `id` is
//! the request id; its `links.about` the error's
//! [documentation link](crate::ApiError::docs_url); the retry hint,
//! resource, timestamp and extensions go in the top-level `meta`.
//!
//! # Example
//!
//! A validation error with one field problem and a request id, from a
//! service whose docs base is `https://docs.example.com/errors/` (the
//! `dialect_docs` test checks this is what the encoder writes):
//!
//! ```json
//! {
//!   "errors": [
//!     {
//!       "id": "req_123",
//!       "links": {
//!         "about": "https://docs.example.com/errors/codes/VALIDATION_ERROR.html"
//!       },
//!       "status": "400",
//!       "code": "VALIDATION_ERROR",
//!       "title": "Validation error",
//!       "detail": "Must be a valid email address",
//!       "source": {
//!         "pointer": "/email"
//!       },
//!       "meta": {
//!         "reason": "INVALID_FORMAT"
//!       }
//!     }
//!   ],
//!   "meta": {
//!     "message": "Invalid request data"
//!   }
//! }
//! ```

use std::borrow::Cow;

use serde::ser::SerializeSeq;
use serde::{Serialize, Serializer};

use super::super::Dialect;
use super::super::any::{AnyBody, CowScalar, ErrorsMember};
use super::super::encode::{Carried, StatusText, ViolationExtras};
use super::super::parse::{
    Context, carried_upstream, code_of, code_text, finish_sent, identify, note_sent, read_carried,
};
use super::super::{free_form, vocab};
use crate::decode::{DecodeError, DecodeErrorKind};
use crate::details::Pointer;
use crate::path::{self, PathStyle};
use crate::redact::SensitiveNames;
use crate::{ApiError, Code, Details, FieldViolation};

/// The member names of the top-level `meta` besides the extensions.
const META_MEMBERS: &[&str] = &["message"];

/// The body.
#[derive(Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "JsonApiErrors"))]
pub(crate) struct Body<'a> {
    /// The error objects.
    #[cfg_attr(feature = "schema", schemars(with = "Vec<Item<'static>>", length(min = 1)))]
    errors: Items<'a>,
    /// The message (with field problems), retry hint, resource, timestamp and extensions.
    #[serde(skip_serializing_if = "Meta::is_empty")]
    meta: Meta<'a>,
}

/// The top-level `meta`.
#[derive(Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "JsonApiMeta"))]
struct Meta<'a> {
    /// The message, when the items carry the fields' messages.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    message: Option<&'a str>,
    /// The retry hint, resource, timestamp and extensions.
    #[serde(flatten)]
    carried: Carried<'a>,
}

impl Meta<'_> {
    fn is_empty(&self) -> bool {
        self.message.is_none() && self.carried.is_empty()
    }
}

/// The items of an error, redacted by the names given.
struct Items<'a>(&'a ApiError, &'a SensitiveNames);

/// One error object.
#[derive(Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "JsonApiError", transform = all_optional))]
struct Item<'a> {
    /// The request id.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    id: Option<&'a str>,
    /// Links about the error.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Links<'static>"))]
    links: Option<Links<'a>>,
    /// The HTTP status, as a string.
    status: StatusText,
    /// The error code.
    code: &'a Code,
    /// The code's title.
    title: &'a str,
    /// The message, or a field's message.
    detail: &'a str,
    /// The field.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Source<'static>"))]
    source: Option<Source<'a>>,
    /// The field's reason, rejected value and expectation.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "ViolationExtras<'static>"))]
    meta: Option<ViolationExtras<'a>>,
}

/// Every member of a JSON:API error object is optional (JSON:API 1.1, "Error Objects").
#[cfg(feature = "schema")]
fn all_optional(schema: &mut schemars::Schema) {
    schema.remove("required");
}

/// `links`.
#[derive(Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "JsonApiLinks", transform = all_optional))]
struct Links<'a> {
    /// The documentation of the error's code.
    #[cfg_attr(feature = "schema", schemars(extend("format" = "uri-reference")))]
    about: &'a str,
}

/// `source`.
#[derive(Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "JsonApiSource", transform = all_optional))]
struct Source<'a> {
    /// A JSON Pointer to the field in the request document.
    pointer: Pointer<'a>,
}

impl<'a> Items<'a> {
    fn item(&self, detail: &'a str) -> Item<'a> {
        let err = self.0;
        Item {
            id: err.request_id(),
            links: err.docs_url().map(|about| Links { about }),
            status: StatusText(Dialect::JsonApi.wire_status(err)),
            code: err.code(),
            title: err.code().info().map_or(err.code().as_str(), |i| i.title()),
            detail,
            source: None,
            meta: None,
        }
    }
}

impl Serialize for Items<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let err = self.0;
        if err.fields().is_empty() {
            return serializer.collect_seq([self.item(err.message())]);
        }
        let mut seq = serializer.serialize_seq(Some(err.fields().len()))?;
        for v in err.fields() {
            let mut item = self.item(&v.message);
            item.source = Some(Source { pointer: v.wire_pointer() });
            item.meta = Some(ViolationExtras::of(v, self.1)).filter(|m| !m.is_empty());
            seq.serialize_element(&item)?;
        }
        seq.end()
    }
}

pub(crate) fn body<'a>(err: &'a ApiError, names: &'a SensitiveNames) -> Body<'a> {
    Body {
        errors: Items(err, names),
        meta: Meta {
            message: (!err.fields().is_empty()).then(|| err.message()),
            carried: Carried::of(err, Dialect::JsonApi, META_MEMBERS, names),
        },
    }
}

pub(crate) fn decode(body: &mut AnyBody, ctx: &Context<'_>) -> Result<ApiError, DecodeError> {
    let Some(ErrorsMember::List(mut items)) = body.errors.take() else {
        return Err(DecodeError::new(DecodeErrorKind::Data, "expected an `errors` list"));
    };
    let mut details = Details::default();
    let mut upstream = None;
    let mut code = None;
    let mut status = None;
    let mut message = None;
    let mut request_id = None;
    // The first field error with a `detail` or a `title`: its text is the
    // message of a body of field errors only (an item of another kind with
    // a text gives the message itself), copied only then.
    let mut first_detail: Option<usize> = None;
    let mut about = None;
    // The first retry hint an item's `meta` gives.
    let mut item_hint = None;
    // Every item's code, as sent, each once.
    let mut sent: Vec<String> = Vec::new();
    // Each item's members are taken, not the item moved: an item is large.
    for item in &mut items {
        let title = item.title.take().map(|t| t.0);
        if let Some(c) = item.code.as_ref().and_then(code_text) {
            note_sent(&mut sent, &c, ctx.limits);
        }
        // A title that is an identifier (`"title": "InvalidAttribute"`) names
        // the error's kind as its code does: a code too, as the lenient
        // reader reads one. (Most titles are words: no space, first.)
        if let Some(t) = title.as_deref().filter(|t| !t.bytes().any(|b| b == b' ') && free_form::item_title_is_code(t))
        {
            note_sent(&mut sent, t, ctx.limits);
        }
        if code.is_none() {
            code = code_of(item.code.take().map(CowScalar::into_scalar));
        }
        status = status.or_else(|| item.status.as_ref().and_then(CowScalar::as_int));
        // The request id its `meta` names, else the item's own id.
        if request_id.is_none() {
            request_id = item.meta.as_mut().and_then(|m| m.request_id.take());
        }
        if request_id.is_none() {
            request_id = item.id.take().map(|id| id.into_scalar().into_string());
        }
        // `about` is a link, or a link object with `href` (JSON:API 1.1).
        if about.is_none() {
            about = item.links.take().and_then(|l| l.about).map(Cow::into_owned);
        }
        if item_hint.is_none() {
            item_hint = item.meta.as_ref().and_then(|m| vocab::retry_in(m.retry_hints()?));
        }
        let source = item.source.take().unwrap_or_default();
        // A query parameter is located as `/<name>`.
        let pointer =
            source.pointer.map(path::given_pointer).or(source.parameter.map(|p| path::join(&[p], PathStyle::Pointer)));
        match pointer {
            Some(pointer) => {
                if first_detail.is_none() && (item.detail.is_some() || title.is_some()) {
                    first_detail = Some(details.fields.len());
                }
                let mut meta = item.meta.take().unwrap_or_default();
                let rejected_value = meta.take_rejected_value();
                details.fields.push(FieldViolation {
                    field: path::to_dotted(&pointer),
                    pointer,
                    reason: meta.reason,
                    message: item.detail.take().or(title.map(Cow::into_owned)).unwrap_or_default(),
                    rejected_value,
                    expected: meta.expected,
                });
            }
            None => message = message.or(item.detail.take()).or(title.map(Cow::into_owned)),
        }
    }
    let mut timestamp = None;
    for (key, value) in body.meta.take().unwrap_or_default() {
        match key.as_str() {
            "message" if value.is_string() => {
                if let serde_json::Value::String(text) = value {
                    message = Some(text);
                }
            }
            _ => read_carried(key, value, &mut details, &mut timestamp, &mut upstream),
        }
    }
    // A retry hint an item's `meta` gives (`"retry_in": 172800`), where the
    // top-level `meta` gives none under any name or unit (most bodies have
    // neither: then nothing is looked up).
    if details.retry_after.is_none() && item_hint.is_some() {
        details.retry_after = vocab::retry_in(&details.extensions).or(item_hint);
    }
    // Only field errors: the first one's detail says what went wrong.
    let message = message.or_else(|| first_detail.map(|at| details.fields[at].message.clone()));
    let err = finish_sent(Dialect::JsonApi, code, sent, status, message, details, ctx);
    let mut err = carried_upstream(err, upstream);
    if let Some(url) = super::super::parse::link(about) {
        err = err.with_docs_url(url);
    }
    Ok(identify(ctx, err, request_id, timestamp))
}
