//! GitHub: `{"message", "errors": [{"resource", "field", "code", "message"}], "documentation_url", "status"}`.
//!
//! 422 for validation. `status` is the HTTP status as a string; the shape has
//! no error code, so a `code` member is written only when the status does not
//! imply it. A field problem's reason is its `code` (`missing_field`, `invalid`, ...).

use serde_json::{Map, Value};

use super::any::{AnyBody, ErrorsMember};
use super::{Context, Dialect, code_of, finish, put};
use crate::decode::DecodeError;
use crate::{ApiError, Details, FieldViolation, ResourceRef};

pub(super) fn encode(err: &ApiError, dialect: Dialect) -> Value {
    let mut out = Map::new();
    out.insert("message".into(), err.message().into());
    if !err.fields().is_empty() {
        let kind = err.details().resource.as_ref().and_then(|r| r.kind.clone());
        let items: Vec<Value> = err
            .fields()
            .iter()
            .map(|v| {
                let mut item = Map::new();
                put(&mut item, "resource", kind.clone());
                item.insert("field".into(), v.field.clone().into());
                item.insert("code".into(), v.reason.clone().unwrap_or_else(|| "invalid".to_owned()).into());
                if !v.message.is_empty() {
                    item.insert("message".into(), v.message.clone().into());
                }
                Value::Object(item)
            })
            .collect();
        out.insert("errors".into(), items.into());
    }
    put(&mut out, "documentation_url", err.docs_url());
    out.insert("status".into(), dialect.wire_status(err).as_u16().to_string().into());
    if !dialect.code_is_implied(err) {
        out.insert("code".into(), err.code().as_str().into());
    }
    Value::Object(out)
}

pub(super) fn decode(body: &mut AnyBody, ctx: &Context<'_>) -> Result<ApiError, DecodeError> {
    let mut details = Details::default();
    if let Some(ErrorsMember::List(items)) = body.errors.take() {
        for item in items {
            if details.resource.is_none() {
                details.resource = item.resource.map(|kind| ResourceRef { kind: Some(kind), id: None });
            }
            let mut v = FieldViolation::new(item.field.unwrap_or_default(), item.message.unwrap_or_default());
            v.reason = code_of(item.code).map(|c| c.as_str().to_owned()).filter(|r| r != "invalid");
            details.fields.push(v);
        }
    }
    let status = body.status.take().as_ref().and_then(|s| s.as_int());
    let mut err = finish(Dialect::GitHub, code_of(body.code.take()), status, body.message.take(), details, ctx);
    if let Some(url) = body.documentation_url.take() {
        err = err.with_docs_url(url);
    }
    Ok(err)
}

#[cfg(feature = "schema")]
pub(super) fn schema() -> Value {
    super::object_schema(
        serde_json::json!({
            "message": { "type": "string" },
            "errors": {
                "type": "array",
                "items": super::object_schema(serde_json::json!({
                    "resource": { "type": "string" },
                    "field": { "type": "string" },
                    "code": { "type": "string" },
                    "message": { "type": "string" }
                }), &["code"])
            },
            "documentation_url": { "type": "string" },
            "status": { "type": "string" }
        }),
        &["message"],
    )
}
