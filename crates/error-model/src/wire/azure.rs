//! Microsoft REST API guidelines (Azure): `{"error": {"code", "message", "target", "details": [...], "innererror"}}`.
//!
//! Field problems are `details` items with `target` = the field and `code` =
//! the reason (else the error's code); the error's extensions, retry hint,
//! resource and timestamp travel in `innererror`.

use serde_json::{Map, Value, json};

use super::any::{AnyBody, DetailsMember, Scalar};
use super::{Context, Dialect, code_of, extensions, finish, set_timestamp};
use super::{error_object, read_carried, write_carried};
use crate::decode::{DecodeError, DecodeErrorKind};
use crate::{ApiError, Details, FieldViolation};

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
    let mut inner = Map::new();
    write_carried(&mut inner, err, extensions(err));
    if !inner.is_empty() {
        error.insert("innererror".into(), inner.into());
    }
    json!({ "error": error })
}

pub(super) fn decode(body: &mut AnyBody, ctx: &Context<'_>) -> Result<ApiError, DecodeError> {
    let obj = error_object(body)?;
    let more = obj.take_more();
    let code = code_of(obj.code.take());
    let mut details = Details::default();
    match obj.details.take() {
        Some(DetailsMember::List(items)) => {
            for mut item in items {
                let target = item.take_rare().target;
                let reason = item
                    .code
                    .map(Scalar::into_string)
                    .filter(|r| Some(r.as_str()) != code.as_ref().map(|c| c.as_str()));
                let mut v =
                    FieldViolation::new(target.or(item.field).unwrap_or_default(), item.message.unwrap_or_default());
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
        if let Some(target) = more.target {
            details.fields.push(FieldViolation::new(target, ""));
        }
    }
    let mut timestamp = None;
    if let Some(Value::Object(inner)) = more.innererror {
        for (key, value) in inner {
            read_carried(key, value, &mut details, &mut timestamp);
        }
    }
    let err = finish(Dialect::Azure, code, None, obj.message.take(), details, ctx);
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
