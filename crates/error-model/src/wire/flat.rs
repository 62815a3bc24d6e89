//! Seed 001's shape: `{"success": false, "error": "<message>", "code", "details", "timestamp", "requestId"}`.
//!
//! One field problem is `details.field`, `details.value` (the rejected
//! value), `details.message` and `details.expected`. The resource is
//! `details.<type>Id`, or `details.existing<Type>Id` for a conflict
//! (`existingLeadId`); several field problems are canonical `details.fields`.

use serde_json::{Map, Value};

use super::any::{AnyBody, ErrorMember, take_member, take_string_member};
use super::details_object;
use super::{Context, Dialect, canonical, code_of, extensions, finish, identify, put, violation_value};
use crate::decode::{DecodeError, DecodeErrorKind};
use crate::{ApiError, Category, FieldViolation, ResourceRef};

pub(super) fn encode(err: &ApiError, _: Dialect) -> Value {
    let d = err.details();
    let mut details = Map::new();
    match d.fields.as_slice() {
        [] => {}
        [v] => {
            details.insert("field".into(), v.field.clone().into());
            put(&mut details, "value", v.wire_rejected_value());
            if !v.message.is_empty() {
                details.insert("message".into(), v.message.clone().into());
            }
            put(&mut details, "expected", v.expected.clone());
            put(&mut details, "reason", v.reason.clone());
        }
        many => {
            details.insert("fields".into(), many.iter().map(violation_value).collect());
        }
    }
    put(&mut details, "retry_after", d.retry_after);
    if let Some(resource) = &d.resource {
        match (&resource.kind, &resource.id) {
            (Some(kind), Some(id)) if !kind.is_empty() => {
                details.insert(resource_key(kind, err.category() == Category::Conflict), id.clone().into());
            }
            _ => {
                details.insert("resource".into(), serde_json::to_value(resource).unwrap_or(Value::Null));
            }
        }
    }
    details.extend(extensions(err));
    let mut out = Map::new();
    out.insert("success".into(), false.into());
    out.insert("error".into(), err.message().into());
    out.insert("code".into(), err.code().as_str().into());
    if !details.is_empty() {
        out.insert("details".into(), details.into());
    }
    put(&mut out, "timestamp", err.timestamp().map(|t| t.as_str().to_owned()));
    put(&mut out, "requestId", err.request_id());
    Value::Object(out)
}

/// `lead` → `leadId`, or `existingLeadId` for a conflict; `line_item` → `lineItemId`.
fn resource_key(kind: &str, existing: bool) -> String {
    let mut out = String::from(if existing { "existing" } else { "" });
    let mut upper = existing;
    for c in kind.chars() {
        if matches!(c, '_' | '-' | ' ') {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out.push_str("Id");
    out
}

/// The inverse of [`resource_key`]: `existingLeadId` → `lead`, `leadId` → `lead`.
fn resource_kind(key: &str) -> Option<String> {
    let stem = key.strip_suffix("Id")?;
    let stem = stem.strip_prefix("existing").unwrap_or(stem);
    if stem.is_empty() || !stem.chars().all(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    let mut out = String::new();
    for (i, c) in stem.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    Some(out)
}

pub(super) fn decode(body: &mut AnyBody, ctx: &Context<'_>) -> Result<ApiError, DecodeError> {
    let Some(ErrorMember::Message(message)) = body.error.take() else {
        return Err(DecodeError::new(DecodeErrorKind::Data, "expected `error` to be the message string"));
    };
    let code = code_of(body.code.take());
    let mut d = details_object(body.details.take())?.unwrap_or_default();
    let mut violation = None;
    if let Some(field) = take_string_member(&mut d.other, "field") {
        let mut v = FieldViolation::new(field, take_string_member(&mut d.other, "message").unwrap_or_default());
        v.rejected_value = take_member(&mut d.other, "value");
        v.expected = take_string_member(&mut d.other, "expected");
        v.reason = take_string_member(&mut d.other, "reason");
        violation = Some(v);
    }
    let mut resource = None;
    if d.resource.is_none() {
        let found = d.other.iter().position(|(k, v)| v.is_string() && resource_kind(k).is_some());
        if let Some(at) = found {
            let (key, id) = d.other.remove(at);
            resource = resource_kind(&key).zip(id.as_str().map(str::to_owned));
        }
    }
    let mut details = canonical::details_from(d);
    if let Some(v) = violation {
        details.fields.insert(0, v);
    }
    if let Some((kind, id)) = resource {
        details.resource = Some(ResourceRef::new(kind, id));
    }
    let err = finish(Dialect::Flat, code, None, Some(message), details, ctx);
    Ok(identify(err, body.request_id.take(), body.timestamp.take()))
}

#[cfg(feature = "schema")]
pub(super) fn schema() -> Value {
    super::object_schema(
        serde_json::json!({
            "success": { "const": false },
            "error": { "type": "string" },
            "code": { "type": "string", "minLength": 1 },
            "details": { "type": "object" },
            "timestamp": { "type": "string", "format": "date-time" },
            "requestId": { "type": "string" }
        }),
        &["success", "error", "code"],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resource_keys_round_trip() {
        assert_eq!(resource_key("lead", false), "leadId");
        assert_eq!(resource_key("lead", true), "existingLeadId");
        assert_eq!(resource_key("line_item", false), "lineItemId");
        for (key, kind) in [("leadId", "lead"), ("existingLeadId", "lead"), ("lineItemId", "line_item")] {
            assert_eq!(resource_kind(key).as_deref(), Some(kind));
        }
        assert_eq!(resource_kind("Id"), None);
        assert_eq!(resource_kind("email"), None);
        assert_eq!(resource_kind("x-Id"), None);
    }
}
