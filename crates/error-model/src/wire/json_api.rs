//! JSON:API error objects: `{"errors": [{"id", "status", "code", "title", "detail", "source": {"pointer"}}], "meta"}`.
//!
//! Without field problems there is one item whose `detail` is the message;
//! with them, one item per field (its `detail` the field's message, its
//! `source.pointer` the field) and the message in the top-level `meta`. The
//! item `id` is the request id; the retry hint, resource and extensions go
//! in the top-level `meta`.

use serde_json::{Map, Value, json};

use super::any::{AnyBody, ErrorsMember};
use super::{Context, Dialect, code_of, extensions, finish, identify, put};
use super::{read_carried, write_carried};
use crate::decode::{DecodeError, DecodeErrorKind};
use crate::path::{self, PathStyle};
use crate::{ApiError, Details, FieldViolation};

pub(super) fn encode(err: &ApiError, dialect: Dialect) -> Value {
    let status = dialect.wire_status(err).as_u16().to_string();
    let title = err.code().info().map_or(err.code().as_str(), |i| i.title());
    let item = |detail: &str| {
        let mut item = Map::new();
        put(&mut item, "id", err.request_id());
        item.insert("status".into(), status.clone().into());
        item.insert("code".into(), err.code().as_str().into());
        item.insert("title".into(), title.into());
        item.insert("detail".into(), detail.into());
        item
    };
    let mut meta = Map::new();
    let errors: Vec<Value> = if err.fields().is_empty() {
        vec![Value::Object(item(err.message()))]
    } else {
        meta.insert("message".into(), err.message().into());
        err.fields()
            .iter()
            .map(|v| {
                let mut item = item(&v.message);
                item.insert("source".into(), json!({ "pointer": v.pointer_or_derived() }));
                let mut item_meta = Map::new();
                put(&mut item_meta, "reason", v.reason.clone());
                put(&mut item_meta, "rejected_value", v.wire_rejected_value());
                put(&mut item_meta, "expected", v.expected.clone());
                if !item_meta.is_empty() {
                    item.insert("meta".into(), item_meta.into());
                }
                Value::Object(item)
            })
            .collect()
    };
    write_carried(&mut meta, err, extensions(err));
    let mut out = Map::new();
    out.insert("errors".into(), errors.into());
    if !meta.is_empty() {
        out.insert("meta".into(), meta.into());
    }
    Value::Object(out)
}

pub(super) fn decode(body: &mut AnyBody, ctx: &Context<'_>) -> Result<ApiError, DecodeError> {
    let Some(ErrorsMember::List(items)) = body.errors.take() else {
        return Err(DecodeError::new(DecodeErrorKind::Data, "expected an `errors` list"));
    };
    let mut details = Details::default();
    let mut code = None;
    let mut status = None;
    let mut message = None;
    let mut request_id = None;
    for item in items {
        code = code.or_else(|| code_of(item.code.clone()));
        status = status.or_else(|| item.status.as_ref().and_then(|s| s.as_int()));
        request_id = request_id.or_else(|| item.id.clone().map(|id| id.into_string()));
        let source = item.source.unwrap_or_default();
        let pointer = source.pointer.or(source.parameter);
        match pointer {
            Some(pointer) => {
                let field = path::convert(&pointer, PathStyle::Dotted);
                let mut v = FieldViolation::new(field, item.detail.or(item.title).unwrap_or_default());
                v.pointer = pointer;
                let mut meta = item.meta.unwrap_or_default();
                v.reason = meta.remove("reason").and_then(|r| r.as_str().map(str::to_owned));
                v.rejected_value = meta.remove("rejected_value");
                v.expected = meta.remove("expected").and_then(|r| r.as_str().map(str::to_owned));
                details.fields.push(v);
            }
            None => message = message.or(item.detail).or(item.title),
        }
    }
    let mut timestamp = None;
    for (key, value) in body.meta.take().unwrap_or_default() {
        match key.as_str() {
            "message" if value.is_string() => message = value.as_str().map(str::to_owned),
            _ => read_carried(key, value, &mut details, &mut timestamp),
        }
    }
    let err = finish(Dialect::JsonApi, code, status, message, details, ctx);
    Ok(identify(err, request_id, timestamp))
}

#[cfg(feature = "schema")]
pub(super) fn schema() -> Value {
    super::object_schema(
        json!({
            "errors": {
                "type": "array",
                "minItems": 1,
                "items": {
                    "type": "object",
                    "properties": {
                        "id": { "type": "string" },
                        "status": { "type": "string" },
                        "code": { "type": "string" },
                        "title": { "type": "string" },
                        "detail": { "type": "string" },
                        "source": {
                            "type": "object",
                            "properties": {
                                "pointer": { "type": "string" },
                                "parameter": { "type": "string" },
                                "header": { "type": "string" }
                            }
                        },
                        "meta": { "type": "object" }
                    }
                }
            },
            "meta": { "type": "object" }
        }),
        &["errors"],
    )
}
