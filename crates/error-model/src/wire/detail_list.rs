//! Seed 004's shape: `{"error": {"code", "message", "details": [{"field", "message"}]}}`, 422 for validation.
//!
//! A field problem's reason is written as the item's `code`.

use serde_json::{Map, Value, json};

use super::any::{AnyBody, DetailsMember};
use super::bare::violation_from_item;
use super::{Context, Dialect, finish, put};
use super::{error_object, required_code};
use crate::decode::{DecodeError, DecodeErrorKind};
use crate::{ApiError, Details};

pub(super) fn encode(err: &ApiError, _: Dialect) -> Value {
    let mut error = Map::new();
    error.insert("code".into(), err.code().as_str().into());
    error.insert("message".into(), err.message().into());
    if !err.fields().is_empty() {
        let items: Vec<Value> = err
            .fields()
            .iter()
            .map(|v| {
                let mut item = Map::new();
                item.insert("field".into(), v.field.clone().into());
                item.insert("message".into(), v.message.clone().into());
                put(&mut item, "code", v.reason.clone());
                Value::Object(item)
            })
            .collect();
        error.insert("details".into(), items.into());
    }
    json!({ "error": error })
}

pub(super) fn decode(body: &mut AnyBody, ctx: &Context<'_>) -> Result<ApiError, DecodeError> {
    let obj = error_object(body)?;
    let code = required_code(obj.code.take())?;
    let mut details = Details::default();
    match obj.details.take() {
        None => {}
        Some(DetailsMember::List(items)) => {
            details.fields = items.into_iter().map(|i| violation_from_item(i, None)).collect();
        }
        Some(DetailsMember::Object(_)) => {
            return Err(DecodeError::new(DecodeErrorKind::Data, "expected `error.details` to be a list"));
        }
    }
    Ok(finish(Dialect::DetailList, Some(code), None, obj.message.take(), details, ctx))
}

#[cfg(feature = "schema")]
pub(super) fn schema() -> Value {
    super::object_schema(
        json!({
            "error": super::object_schema(json!({
                "code": { "type": "string", "minLength": 1 },
                "message": { "type": "string" },
                "details": {
                    "type": "array",
                    "items": super::object_schema(json!({
                        "field": { "type": "string" },
                        "message": { "type": "string" },
                        "code": { "type": "string" }
                    }), &["field", "message"])
                }
            }), &["code", "message"])
        }),
        &["error"],
    )
}
