//! RFC 9457 problem details (`application/problem+json`).
//!
//! `type` is the error's documentation link (else `about:blank`, whose
//! `title` is the status phrase); `detail` is the message. Extension members:
//! `code`, `errors` (field problems with `pointer` and `detail`),
//! `retry_after`, `resource`, `request_id`, `timestamp`, then the error's own
//! extensions.

use serde_json::{Map, Value};

use super::any::{AnyBody, ErrorItem, ErrorsMember};
use super::{Context, Dialect, code_of, extensions, finish, identify, put};
use super::{read_carried, write_carried};
use crate::decode::DecodeError;
use crate::{ApiError, Details, FieldViolation};

const ABOUT_BLANK: &str = "about:blank";

fn title_for(err: &ApiError, type_: &str, status: http::StatusCode) -> String {
    let phrase = status.canonical_reason().unwrap_or("Error");
    match err.code().info() {
        Some(info) if type_ != ABOUT_BLANK => info.title().to_owned(),
        _ => phrase.to_owned(),
    }
}

pub(super) fn encode(err: &ApiError, dialect: Dialect) -> Value {
    let status = dialect.wire_status(err);
    let type_ = err.docs_url().unwrap_or(ABOUT_BLANK);
    let mut ext = extensions(err);
    let title = match ext.remove("title") {
        Some(Value::String(t)) => t,
        _ => title_for(err, type_, status),
    };
    let mut out = Map::new();
    out.insert("type".into(), type_.into());
    out.insert("title".into(), title.into());
    out.insert("status".into(), status.as_u16().into());
    out.insert("detail".into(), err.message().into());
    out.insert("code".into(), err.code().as_str().into());
    if !err.fields().is_empty() {
        let errors: Vec<Value> = err
            .fields()
            .iter()
            .map(|v| {
                let mut item = Map::new();
                item.insert("pointer".into(), v.pointer_or_derived().into());
                item.insert("field".into(), v.field.clone().into());
                item.insert("detail".into(), v.message.clone().into());
                put(&mut item, "reason", v.reason.clone());
                put(&mut item, "rejected_value", v.wire_rejected_value());
                put(&mut item, "expected", v.expected.clone());
                Value::Object(item)
            })
            .collect();
        out.insert("errors".into(), errors.into());
    }
    put(&mut out, "request_id", err.request_id());
    write_carried(&mut out, err, ext);
    Value::Object(out)
}

fn violation(item: ErrorItem) -> FieldViolation {
    let field = item.field.or_else(|| item.pointer.clone()).unwrap_or_default();
    let mut v = FieldViolation::new(field, item.detail.or(item.message).unwrap_or_default());
    if let Some(pointer) = item.pointer {
        v.pointer = pointer;
    }
    v.reason = item.reason;
    v.rejected_value = item.rejected_value;
    v.expected = item.expected;
    v
}

pub(super) fn decode(body: &mut AnyBody, ctx: &Context<'_>) -> Result<ApiError, DecodeError> {
    let mut details = Details::default();
    if let Some(ErrorsMember::List(items)) = body.errors.take() {
        details.fields = items.into_iter().map(violation).collect();
    }
    let mut timestamp = body.timestamp.take();
    for (key, value) in std::mem::take(&mut body.other) {
        read_carried(key, value, &mut details, &mut timestamp);
    }
    let body_status = body.status.take().as_ref().and_then(|s| s.as_int());
    let mut err = finish(Dialect::Problem, code_of(body.code.take()), body_status, body.detail.take(), details, ctx);
    let type_ = body.type_.take().unwrap_or_else(|| ABOUT_BLANK.to_owned());
    if type_ != ABOUT_BLANK {
        err = err.with_docs_url(type_.clone());
    }
    if let Some(title) = body.title.take() {
        if title != title_for(&err, &type_, Dialect::Problem.wire_status(&err)) {
            err = err.with_extension("title", title);
        }
    }
    if let Some(instance) = body.instance.take() {
        err = err.with_extension("instance", instance);
    }
    Ok(identify(err, body.request_id.take(), timestamp))
}

#[cfg(feature = "schema")]
pub(super) fn schema() -> Value {
    serde_json::json!({
        "type": "object",
        "properties": {
            "type": { "type": "string", "format": "uri-reference" },
            "title": { "type": "string" },
            "status": { "type": "integer", "minimum": 100, "maximum": 599 },
            "detail": { "type": "string" },
            "instance": { "type": "string", "format": "uri-reference" },
            "code": { "type": "string", "minLength": 1 },
            "errors": {
                "type": "array",
                "items": super::object_schema(serde_json::json!({
                    "pointer": { "type": "string" },
                    "field": { "type": "string" },
                    "detail": { "type": "string" },
                    "reason": { "type": "string" }
                }), &["detail"])
            },
            "retry_after": { "type": "integer", "minimum": 0 },
            "request_id": { "type": "string" }
        }
    })
}
