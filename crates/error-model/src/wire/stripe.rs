//! Stripe: `{"error": {"type", "code", "message", "param", "doc_url"}}`.
//!
//! `type` follows the category (`api_error` for 5xx, `invalid_request_error`
//! otherwise); `param` is the first field in bracket style (`card[number]`);
//! further fields, the retry hint, resource, request id and extensions are
//! extra members of `error`. Stripe's own lowercase codes are kept as they are.

use serde::Deserialize;
use serde_json::{Map, Value, json};

use super::any::AnyBody;
use super::{Context, Dialect, code_of, extensions, finish, identify, put, violation_value};
use super::{error_object, read_carried, write_carried};
use crate::decode::DecodeError;
use crate::path::{self, PathStyle};
use crate::{ApiError, Details, FieldViolation};

fn stripe_type(err: &ApiError) -> &'static str {
    if err.is_server_error() { "api_error" } else { "invalid_request_error" }
}

/// `card.number` → `card[number]`, `items.0.price` → `items[0][price]`.
fn param(field: &str) -> String {
    let segments = path::segments(field);
    let mut out = String::new();
    for (i, s) in segments.iter().enumerate() {
        if i == 0 {
            out.push_str(s);
        } else {
            out.push('[');
            out.push_str(s);
            out.push(']');
        }
    }
    out
}

pub(super) fn encode(err: &ApiError, _: Dialect) -> Value {
    let mut ext = extensions(err);
    let type_ = match ext.remove("type") {
        Some(Value::String(t)) => t,
        _ => stripe_type(err).to_owned(),
    };
    let mut error = Map::new();
    error.insert("type".into(), type_.into());
    error.insert("code".into(), err.code().as_str().into());
    error.insert("message".into(), err.message().into());
    match err.fields() {
        [] => {}
        [v] if super::is_simple(v) && v.message == err.message() => {
            error.insert("param".into(), param(&v.field).into());
        }
        many => {
            error.insert("param".into(), param(&many[0].field).into());
            error.insert("fields".into(), many.iter().map(violation_value).collect());
        }
    }
    put(&mut error, "doc_url", err.docs_url());
    write_carried(&mut error, err, ext);
    json!({ "error": error })
}

pub(super) fn decode(body: &mut AnyBody, ctx: &Context<'_>) -> Result<ApiError, DecodeError> {
    let obj = error_object(body)?;
    let more = obj.take_more();
    let mut details = Details::default();
    let mut docs_url = obj.docs_url.take();
    let mut timestamp = obj.timestamp.take();
    for (key, value) in std::mem::take(&mut obj.other) {
        match key.as_str() {
            "doc_url" if value.is_string() => docs_url = value.as_str().map(str::to_owned),
            "fields" if value.is_array() => {
                details.fields = Vec::<FieldViolation>::deserialize(&value).unwrap_or_default();
            }
            _ => read_carried(key, value, &mut details, &mut timestamp),
        }
    }
    if details.fields.is_empty() {
        if let Some(param) = more.param {
            let field = path::convert(&param, PathStyle::Dotted);
            details.fields.push(FieldViolation::new(field, obj.message.clone().unwrap_or_default()));
        }
    }
    let mut err = finish(Dialect::Stripe, code_of(obj.code.take()), None, obj.message.take(), details, ctx);
    if let Some(type_) = more.type_.filter(|t| t != stripe_type(&err)) {
        err = err.with_extension("type", type_);
    }
    if let Some(url) = docs_url {
        err = err.with_docs_url(url);
    }
    Ok(identify(err, obj.request_id.take(), timestamp))
}

#[cfg(feature = "schema")]
pub(super) fn schema() -> Value {
    super::object_schema(
        json!({
            "error": super::object_schema(json!({
                "type": { "type": "string" },
                "code": { "type": "string" },
                "message": { "type": "string" },
                "param": { "type": "string" },
                "doc_url": { "type": "string" }
            }), &["type"])
        }),
        &["error"],
    )
}
