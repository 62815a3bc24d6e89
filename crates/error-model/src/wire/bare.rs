//! Seed 002's shape: `{"code", "message", "details": {"issues": [...]}}`, the
//! request id in the `X-Request-ID` header.
//!
//! Each issue is `{"field", "message"}`, with `"code"` for the reason; a
//! `path` array (as validation libraries write it) is read too.

use serde_json::{Map, Value};

use super::any::{AnyBody, DetailItem, Scalar};
use super::details_object;
use super::{Context, Dialect, canonical, code_of, extensions, finish, items_from_value, put};
use crate::decode::DecodeError;
use crate::path::{self, PathStyle};
use crate::{ApiError, FieldViolation};

pub(super) fn encode(err: &ApiError, _: Dialect) -> Value {
    let d = err.details();
    let mut details = Map::new();
    if !d.fields.is_empty() {
        let issues: Vec<Value> = d
            .fields
            .iter()
            .map(|v| {
                let mut issue = Map::new();
                issue.insert("field".into(), v.field.clone().into());
                issue.insert("message".into(), v.message.clone().into());
                put(&mut issue, "code", v.reason.clone());
                put(&mut issue, "value", v.wire_rejected_value());
                put(&mut issue, "expected", v.expected.clone());
                Value::Object(issue)
            })
            .collect();
        details.insert("issues".into(), issues.into());
    }
    put(&mut details, "retry_after", d.retry_after);
    if let Some(resource) = &d.resource {
        details.insert("resource".into(), serde_json::to_value(resource).unwrap_or(Value::Null));
    }
    details.extend(extensions(err));
    let mut out = Map::new();
    out.insert("code".into(), err.code().as_str().into());
    out.insert("message".into(), err.message().into());
    if !details.is_empty() {
        out.insert("details".into(), details.into());
    }
    Value::Object(out)
}

/// A field violation from an issue-like item (`field` or `path`, `message`, `code`).
pub(super) fn violation_from_item(mut item: DetailItem, fallback_field: Option<String>) -> FieldViolation {
    let rare = item.take_rare();
    let field = item
        .field
        .or(fallback_field)
        .or_else(|| {
            let segments = rare.path?;
            Some(path::join(&segments.into_iter().map(Scalar::into_string).collect::<Vec<_>>(), PathStyle::Dotted))
        })
        .unwrap_or_default();
    let mut v = FieldViolation::new(field, item.message.or(rare.description).unwrap_or_default());
    v.reason = item.code.map(Scalar::into_string).or(rare.reason);
    v
}

pub(super) fn decode(body: &mut AnyBody, ctx: &Context<'_>) -> Result<ApiError, DecodeError> {
    let code = code_of(body.code.take());
    let mut details = details_object(body.details.take())?.map(canonical::details_from).unwrap_or_default();
    if let Some(issues) = details.extensions.get("issues") {
        let raw: Vec<Value> = issues.as_array().cloned().unwrap_or_default();
        if let Some(items) = items_from_value::<DetailItem>(issues) {
            details.extensions.remove("issues");
            for (item, raw) in items.into_iter().zip(raw) {
                let mut v = violation_from_item(item, None);
                v.rejected_value = raw.get("value").cloned();
                v.expected = raw.get("expected").and_then(Value::as_str).map(str::to_owned);
                details.fields.push(v);
            }
        }
    }
    Ok(finish(Dialect::Bare, code, None, body.message.take(), details, ctx))
}

#[cfg(feature = "schema")]
pub(super) fn schema() -> Value {
    super::object_schema(
        serde_json::json!({
            "code": { "type": "string", "minLength": 1 },
            "message": { "type": "string" },
            "details": {
                "type": "object",
                "properties": {
                    "issues": {
                        "type": "array",
                        "items": super::object_schema(serde_json::json!({
                            "field": { "type": "string" },
                            "message": { "type": "string" },
                            "code": { "type": "string" }
                        }), &["message"])
                    }
                }
            }
        }),
        &["code", "message"],
    )
}
