//! The lenient reader of foreign bodies: any JSON error body no dialect
//! fits, and the decode-only shapes it names ([`Foreign`]).
//!
//! The typed fast path reads the [dialects](super::Dialect). A body of
//! another API's shape, or one whose member has an unexpected type, comes
//! here instead: it is read as a `serde_json::Value` (this is the slow path)
//! and the reader takes what it can find where APIs usually put it. A few
//! shapes are recognised by their members and named ([`Foreign`]): they are
//! read, never written. The result says it was read leniently
//! ([`Upstream::lenient`](crate::Upstream::lenient)).
//!
//! What it looks for, in order of preference:
//!
//! - **message**: `error.message` (an object's `value` too, as OData writes
//!   it), `message`, `Message`, `error_description`, `detail`, `title`,
//!   `msg`, `error_message`, `errorMessage`, `description`, `error` and
//!   `errors` when they are sentences, then the first item of an `errors`
//!   list;
//! - **codes**: `error.code`, `error.status`, `error.type`, `code`, `__type`
//!   (the part after `#`), `error` and `type` when code-like, `reason`,
//!   `status` when a name, `errorCode`, `error_code`, then the codes and
//!   reasons of `errors` items;
//! - **field errors**: maps of path to messages at any depth (`_errors`
//!   lists are the messages of the path above them), `loc` lists
//!   (FastAPI/pydantic), items with `source.pointer`, `source.parameter`,
//!   `param`, `field`, `target`, `path`, `propertyPath` or `name`;
//! - **retry hint**: `retry_after`, `retryAfter`; **request id**: see
//!   [`REQUEST_ID_MEMBERS`].
//!
//! The field errors and texts are read by [`super::free_form`], which
//! Stripe's decoder shares.

use serde_json::{Map, Value};

use super::any::{AnyBody, ErrorMember};
use super::dialect::Dialect;
use super::free_form::{code_like, code_text, is_message_list, item_field, push, scalar_text, text, tree, violation};
use super::parse::{Context, finish, identify};
use crate::headers::REQUEST_ID_MEMBERS;
use crate::path::{self, PathStyle};
use crate::{ApiError, Code, Details, FieldViolation};

/// Where the lenient reader also finds a request id: [`REQUEST_ID_MEMBERS`]
/// of the top level, then these paths.
pub(crate) const REQUEST_ID_PATHS: &[&[&str]] = &[
    &["meta", "request_id"],
    &["error", "request_id"],
    &["error", "requestId"],
    &["error", "innerError", "request-id"],
    &["error", "innererror", "request-id"],
    &["error", "innerError", "requestId"],
];

macro_rules! foreign {
    ($($Variant:ident => $name:literal, $doc:literal;)*) => {
        /// An error shape that is read but never written: recognised by its
        /// members, read by the lenient reader.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum Foreign {
            $(#[doc = $doc] $Variant,)*
        }

        impl Foreign {
            /// Every decode-only shape.
            pub const ALL: &'static [Foreign] = &[$(Foreign::$Variant),*];

            /// The shape's name.
            pub const fn name(self) -> &'static str {
                match self { $(Foreign::$Variant => $name,)* }
            }
        }
    };
}

foreign! {
    Aws => "aws", "AWS JSON protocols: `__type` (`com.amazonaws…#ResourceNotFoundException`) and `message` or `Message`.";
    OAuth => "oauth", "OAuth 2.0 (RFC 6749, section 5.2) `{error, error_description}`, and Slack's `{ok: false, error}`.";
    FastApi => "fastapi", "FastAPI/pydantic: `detail` is a list of `{loc, msg, type}`.";
    Spring => "spring", "Spring Boot's default error attributes: `timestamp`, `status`, `error` (the status phrase), `path` and `message`.";
    Kubernetes => "kubernetes", "Kubernetes `Status`: `kind: Status`, `reason`, `message`, `details.causes[]` with `field`, and `code` (the HTTP status).";
    ErrorTree => "error-tree", "Nested error trees (zod's format, Discord): objects down to the field, `_errors` lists of messages.";
    Other => "other", "Any other JSON: what the lenient reader could find.";
}

/// Which decode-only shape a body's members say it is, if any: checked
/// before the typed dialects, whose detection these bodies would fool.
pub(crate) fn foreign_shape(root: &Value) -> Option<Foreign> {
    let obj = root.as_object()?;
    let has = |k: &str| obj.contains_key(k);
    let str_member = |k: &str| obj.get(k).and_then(Value::as_str);
    if has("__type") {
        return Some(Foreign::Aws);
    }
    if str_member("kind") == Some("Status") && has("apiVersion") {
        return Some(Foreign::Kubernetes);
    }
    // OAuth's `error` is a code: beside a description, or alone and code-like.
    let error_code = str_member("error").is_some_and(|e| code_like(e) && !has("code"));
    if has("error_description") || (obj.get("ok") == Some(&Value::Bool(false)) && str_member("error").is_some()) {
        return Some(Foreign::OAuth);
    }
    if error_code && !has("timestamp") {
        return Some(Foreign::OAuth);
    }
    if obj.get("detail").and_then(Value::as_array).is_some_and(|d| d.iter().any(|i| i.get("loc").is_some())) {
        return Some(Foreign::FastApi);
    }
    if has("path") && has("timestamp") && str_member("error").is_some() && obj.get("status").is_some_and(Value::is_u64)
    {
        return Some(Foreign::Spring);
    }
    None
}

/// Whether the top-level members can only be told apart by reading them as
/// values: the body carries something the typed parse does not look at.
pub(crate) fn needs_value(any: &AnyBody) -> bool {
    let error_code = matches!(&any.error, Some(ErrorMember::Message(e)) if code_like(e)) && any.code.is_none();
    error_code
        || any.other.iter().any(|(k, _)| matches!(k.as_str(), "__type" | "error_description" | "ok" | "path" | "kind"))
        || any.other.iter().any(|(k, v)| k == "detail" && v.is_array())
}

/// Reads `root` as leniently as it can.
pub(crate) fn read(shape: Foreign, root: Value, ctx: &Context<'_>) -> ApiError {
    let root = match root {
        // A list of errors: the first object in it.
        Value::Array(items) => items.into_iter().find(Value::is_object).unwrap_or(Value::Null),
        // A lone string is the message.
        Value::String(message) => serde_json::json!({ "message": message }),
        other => other,
    };
    let empty = Map::new();
    let obj = root.as_object().unwrap_or(&empty);
    let inner = obj.get("error").or_else(|| obj.get("odata.error")).and_then(Value::as_object);
    // Spring's `error` is the status phrase; Kubernetes' `code` and `status`
    // are the HTTP status and `Failure`.
    let skip: &[&str] = match shape {
        Foreign::Spring => &["error"],
        Foreign::Kubernetes => &["code", "status"],
        _ => &[],
    };
    let mut codes = codes(obj, inner, skip);
    // AWS REST protocols name the error type in a header.
    for name in ["x-amzn-errortype", "x-amazon-errortype"] {
        if let Some(t) = ctx.headers.get(name).and_then(|v| v.to_str().ok()) {
            push(&mut codes, t.split(':').next().unwrap_or(t));
        }
    }
    let message = message(obj, inner, &codes, skip);
    let mut details = Details::default();
    fields(obj, &mut details.fields, &mut codes);
    details.fields.truncate(ctx.limits.max_fields);
    details.retry_after = [Some(obj), inner]
        .into_iter()
        .flatten()
        .find_map(|o| ["retry_after", "retryAfter"].iter().find_map(|k| seconds(o.get(*k)?)));
    let body_status = ["status", "statusCode", "status_code", "code"]
        .iter()
        .filter(|k| shape == Foreign::Kubernetes || **k != "code")
        .find_map(|k| obj.get(*k)?.as_i64())
        .or_else(|| inner.and_then(|e| e.get("code")?.as_i64()));
    let code = codes.iter().find(|c| Code::lookup(c).is_some()).or(codes.first()).map(|c| Code::new(c));
    let shape = if shape == Foreign::Other && looks_like_tree(obj) { Foreign::ErrorTree } else { shape };
    let mut err = finish(Dialect::Canonical, code, body_status, message, details, ctx);
    let upstream = err.upstream_mut();
    upstream.codes = codes;
    upstream.dialect = Some(shape.name().to_owned());
    upstream.lenient = true;
    let request_id = request_id(obj);
    identify(ctx, err, request_id, None)
}

fn codes(obj: &Map<String, Value>, inner: Option<&Map<String, Value>>, skip: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(e) = inner {
        for key in ["code", "status", "type"] {
            if let Some(c) = e.get(key).and_then(code_text).filter(|c| !(key != "type" && c.parse::<u16>().is_ok())) {
                push(&mut out, &c);
            }
        }
        for item in e.get("errors").and_then(Value::as_array).into_iter().flatten() {
            if let Some(c) = item.get("reason").and_then(code_text) {
                push(&mut out, &c);
            }
        }
    }
    if let Some(t) = obj.get("__type").and_then(Value::as_str) {
        let short = t.rsplit('#').next().unwrap_or(t);
        push(&mut out, short.split(':').next().unwrap_or(short));
    }
    for key in ["code", "error", "type", "name", "reason", "status", "errorCode", "error_code", "error_codes", "result"]
    {
        if skip.contains(&key) {
            continue;
        }
        if key == "error_codes" {
            // Microsoft identity's list of numeric codes.
            let items = obj.get(key).and_then(Value::as_array).into_iter().flatten();
            items.filter_map(code_text).for_each(|c| push(&mut out, &c));
            continue;
        }
        let Some(v) = obj.get(key) else { continue };
        let Some(c) = code_text(v) else { continue };
        let is_number = c.parse::<i64>().is_ok();
        let usable = match key {
            // A problem `type` is a URI, not a code; a numeric status is a status.
            "type" => !c.contains([':', '/']),
            "status" => !is_number,
            // Zulip's `result: "error"`, PayPal's `name`: codes only when code-like words.
            "result" => c == "error",
            _ => true,
        };
        if usable {
            push(&mut out, &c);
        }
    }
    let lists = ["errors", "detail", "details"].map(|k| obj.get(k).and_then(Value::as_array));
    for item in lists.into_iter().flatten().flatten() {
        for key in ["code", "reason", "type", "category", "issue"] {
            if let Some(c) = item.get(key).and_then(code_text) {
                push(&mut out, &c);
            }
        }
    }
    out
}

fn message(
    obj: &Map<String, Value>,
    inner: Option<&Map<String, Value>>,
    codes: &[String],
    skip: &[&str],
) -> Option<String> {
    let is_code = |s: &String| codes.iter().any(|c| c == s) && code_like(s);
    if let Some(e) = inner {
        for key in ["message", "error_description", "detail", "description"] {
            if let Some(m) = text(e.get(key)) {
                return Some(m);
            }
        }
    }
    for key in [
        "message",
        "Message",
        "error_description",
        "detail",
        "title",
        "msg",
        "error_message",
        "errorMessage",
        "description",
        "error",
        "errors",
    ] {
        if skip.contains(&key) {
            continue;
        }
        if let Some(m) = text(obj.get(key)).filter(|m| !is_code(m)) {
            return Some(m);
        }
    }
    // The first item of a list of errors: a message, or an object with one.
    let first = ["errors", "detail"].iter().find_map(|k| obj.get(*k)?.as_array()?.first())?;
    text(Some(first)).or_else(|| ["message", "detail", "title", "msg"].iter().find_map(|k| text(first.get(*k))))
}

fn request_id(obj: &Map<String, Value>) -> Option<String> {
    let top = REQUEST_ID_MEMBERS.iter().find_map(|name| obj.get(*name)?.as_str());
    top.or_else(|| {
        REQUEST_ID_PATHS.iter().find_map(|path| {
            let mut v = obj.get(path[0])?;
            for key in &path[1..] {
                v = v.get(*key)?;
            }
            v.as_str()
        })
    })
    .map(str::to_owned)
}

fn seconds(v: &Value) -> Option<u64> {
    match v {
        Value::Number(n) => {
            n.as_u64().or_else(|| n.as_f64().filter(|f| f.is_finite() && *f >= 0.0).map(|f| f.ceil() as u64))
        }
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// Field errors wherever the body keeps them (and the codes of tree items).
fn fields(obj: &Map<String, Value>, out: &mut Vec<FieldViolation>, codes: &mut Vec<String>) {
    // FastAPI/pydantic: `detail: [{loc, msg}]`.
    if let Some(items) = obj.get("detail").and_then(Value::as_array) {
        for item in items {
            if let Some(loc) = item.get("loc").and_then(Value::as_array) {
                let mut segments: Vec<String> = loc.iter().filter_map(scalar_text).collect();
                if segments.len() > 1 && matches!(segments[0].as_str(), "body" | "query" | "path" | "header" | "cookie")
                {
                    segments.remove(0);
                }
                let message = text(item.get("msg")).unwrap_or_default();
                out.push(violation(path::join(&segments, PathStyle::Pointer), message));
            }
        }
    }
    let inner = obj.get("error").and_then(Value::as_object);
    for container in [Some(obj), inner].into_iter().flatten() {
        for key in ["errors", "fieldErrors", "field_errors", "validation_errors", "invalid"] {
            match container.get(key) {
                Some(Value::Object(map)) => tree(&mut Vec::new(), map, out, codes),
                Some(Value::Array(items)) => items.iter().for_each(|item| item_field(item, out)),
                _ => {}
            }
        }
    }
    if let Some(Value::Object(details)) = obj.get("details") {
        if let Some(Value::Array(causes)) = details.get("causes") {
            for cause in causes {
                item_field(cause, out);
                if let Some(c) = cause.get("reason").and_then(code_text) {
                    push(codes, &c);
                }
            }
        }
    }
    if let Some(Value::Array(items)) = obj.get("details") {
        items.iter().for_each(|item| item_field(item, out));
    }
    // A body that is only a map of field to messages (DRF's, with a field
    // named like another shape's member, such as `details` or `errors`).
    // (A lone `errors` or `error` list is a list of messages, Rails' way.)
    let containers = ["errors", "error", "message", "detail", "msg", "title"];
    let lone_container = obj.len() == 1 && obj.keys().all(|k| containers.contains(&k.as_str()));
    if out.is_empty() && !obj.is_empty() && !lone_container && obj.values().all(is_message_list) {
        tree(&mut Vec::new(), obj, out, codes);
    }
    if let Some(Value::Object(e)) = obj.get("error") {
        if let Some(param) = e.get("param").and_then(Value::as_str) {
            out.push(violation(path::convert(param, PathStyle::Pointer), text(e.get("message")).unwrap_or_default()));
        }
        for key in ["details", "errors"] {
            if let Some(Value::Array(items)) = e.get(key) {
                items.iter().for_each(|item| item_field(item, out));
            }
        }
    }
}

fn looks_like_tree(obj: &Map<String, Value>) -> bool {
    fn has_errors(v: &Value, depth: usize) -> bool {
        depth < crate::limits::MAX_ERROR_TREE_DEPTH
            && match v {
                Value::Object(m) => m.contains_key("_errors") || m.values().any(|v| has_errors(v, depth + 1)),
                _ => false,
            }
    }
    obj.values().any(|v| has_errors(v, 0))
}
