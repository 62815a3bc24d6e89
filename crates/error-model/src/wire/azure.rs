//! Microsoft REST API guidelines (Azure): `{"error": {"code", "message", "target", "details": [...], "innererror"}}`.
//!
//! Field problems are `details` items with `target` = the field and `code` =
//! the reason (else the error's code); the error's extensions, retry hint,
//! resource and timestamp travel in `innererror`.

use serde::Deserialize;
use serde_json::{Map, Value, json};

use super::any::{AnyBody, DetailsMember, ErrorMember, Scalar};
use super::{Context, Dialect, code_of, extensions, finish, put, set_timestamp};
use crate::decode::{DecodeError, DecodeErrorKind};
use crate::{ApiError, Details, FieldViolation, ResourceRef};

pub(super) fn encode(err: &ApiError, _: Dialect) -> Value {
    let mut error = Map::new();
    error.insert("code".into(), err.code().as_str().into());
    error.insert("message".into(), err.message().into());
    if let [v] = err.fields() {
        error.insert("target".into(), v.field.clone().into());
    }
    if !err.fields().is_empty() {
        let items: Vec<Value> = err
            .fields()
            .iter()
            .map(|v| {
                json!({
                    "code": v.reason.as_deref().unwrap_or(err.code().as_str()),
                    "message": v.message,
                    "target": v.field,
                })
            })
            .collect();
        error.insert("details".into(), items.into());
    }
    let mut inner = extensions(err);
    put(&mut inner, "retry_after", err.retry_after());
    if let Some(resource) = &err.details().resource {
        inner.insert("resource".into(), serde_json::to_value(resource).unwrap_or(Value::Null));
    }
    put(&mut inner, "timestamp", err.timestamp().map(|t| t.as_str().to_owned()));
    if !inner.is_empty() {
        error.insert("innererror".into(), inner.into());
    }
    json!({ "error": error })
}

pub(super) fn decode(body: AnyBody, ctx: &Context<'_>) -> Result<ApiError, DecodeError> {
    let Some(ErrorMember::Object(obj)) = body.error else {
        return Err(DecodeError::new(DecodeErrorKind::Data, "expected an `error` object"));
    };
    let code = code_of(obj.code);
    let mut details = Details::default();
    match obj.details {
        Some(DetailsMember::List(items)) => {
            for item in items {
                let reason = item
                    .code
                    .map(Scalar::into_string)
                    .filter(|r| Some(r.as_str()) != code.as_ref().map(|c| c.as_str()));
                let mut v = FieldViolation::new(
                    item.target.or(item.field).unwrap_or_default(),
                    item.message.unwrap_or_default(),
                );
                v.reason = reason;
                details.fields.push(v);
            }
        }
        Some(DetailsMember::Object(_)) => {
            return Err(DecodeError::new(DecodeErrorKind::Data, "expected `error.details` to be a list"));
        }
        None => {}
    }
    if details.fields.is_empty() {
        if let Some(target) = obj.target {
            details.fields.push(FieldViolation::new(target, ""));
        }
    }
    let mut timestamp = None;
    if let Some(Value::Object(inner)) = obj.innererror {
        for (key, value) in inner {
            match key.as_str() {
                "retry_after" if value.is_u64() => details.retry_after = value.as_u64(),
                "resource" if value.is_object() => details.resource = ResourceRef::deserialize(&value).ok(),
                "timestamp" if value.is_string() => timestamp = value.as_str().map(str::to_owned),
                _ => {
                    details.extensions.insert(key, value);
                }
            }
        }
    }
    let err = finish(Dialect::Azure, code, None, obj.message, details, ctx);
    Ok(set_timestamp(err, timestamp))
}

#[cfg(feature = "schema")]
pub(super) fn schema() -> Value {
    let item = super::object_schema(
        json!({ "code": { "type": "string" }, "message": { "type": "string" }, "target": { "type": "string" } }),
        &["code", "message"],
    );
    super::object_schema(
        json!({
            "error": super::object_schema(json!({
                "code": { "type": "string", "minLength": 1 },
                "message": { "type": "string" },
                "target": { "type": "string" },
                "details": { "type": "array", "items": item },
                "innererror": { "type": "object" }
            }), &["code", "message"])
        }),
        &["error"],
    )
}
