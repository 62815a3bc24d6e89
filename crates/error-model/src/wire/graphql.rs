//! GraphQL: `{"errors": [{"message", "path", "extensions": {"code", ...}}], "data": null}`.
//!
//! The first item carries the message and, in `extensions`, the code, the
//! HTTP status, the request id, the retry hint and the error's extensions;
//! each field problem is one more item with `extensions.field`. GraphQL
//! servers often answer 200: the status then comes from `extensions.status`,
//! else from the code (Apollo's `UNAUTHENTICATED`, `FORBIDDEN`,
//! `BAD_USER_INPUT` and the like included).

use serde_json::{Map, Value, json};

use super::any::{AnyBody, ErrorsMember, Scalar};
use super::{Context, Dialect, extensions, finish, identify, put};
use super::{read_carried, write_carried};
use crate::decode::{DecodeError, DecodeErrorKind};
use crate::path::{self, PathStyle};
use crate::{ApiError, Code, Details, FieldViolation};

pub(super) fn encode(err: &ApiError, dialect: Dialect) -> Value {
    let mut ext = Map::new();
    ext.insert("code".into(), err.code().as_str().into());
    ext.insert("status".into(), dialect.wire_status(err).as_u16().into());
    put(&mut ext, "request_id", err.request_id());
    write_carried(&mut ext, err, extensions(err));
    let mut errors = vec![json!({ "message": err.message(), "extensions": ext })];
    for v in err.fields() {
        let mut fext = Map::new();
        fext.insert("code".into(), err.code().as_str().into());
        fext.insert("field".into(), v.field.clone().into());
        put(&mut fext, "reason", v.reason.clone());
        put(&mut fext, "rejected_value", v.wire_rejected_value());
        put(&mut fext, "expected", v.expected.clone());
        errors.push(json!({ "message": v.message, "extensions": fext }));
    }
    json!({ "errors": errors, "data": null })
}

/// Statuses of the codes common GraphQL servers use that the registry does
/// not have (registered codes, such as `FORBIDDEN`, take the registry's).
fn graphql_status(code: &str) -> Option<u16> {
    Some(match code {
        "UNAUTHENTICATED" => 401,
        "BAD_USER_INPUT" | "GRAPHQL_VALIDATION_FAILED" | "GRAPHQL_PARSE_FAILED" | "BAD_REQUEST" => 400,
        "PERSISTED_QUERY_NOT_FOUND" => 400,
        "INTERNAL_SERVER_ERROR" => 500,
        _ => return None,
    })
}

fn take_str(map: &mut Map<String, Value>, key: &str) -> Option<String> {
    match map.remove(key)? {
        Value::String(s) => Some(s),
        other => {
            map.insert(key.to_owned(), other);
            None
        }
    }
}

pub(super) fn decode(body: &mut AnyBody, ctx: &Context<'_>) -> Result<ApiError, DecodeError> {
    let Some(ErrorsMember::List(items)) = body.errors.take() else {
        return Err(DecodeError::new(DecodeErrorKind::Data, "expected an `errors` list"));
    };
    let mut details = Details::default();
    let (mut code, mut status, mut message, mut request_id, mut timestamp) = (None, None, None, None, None);
    for item in items {
        let mut ext = item.extensions.unwrap_or_default();
        let item_code = take_str(&mut ext, "code");
        let field = take_str(&mut ext, "field").or_else(|| {
            // After the first item, a GraphQL `path` locates the failing input.
            item.path
                .clone()
                .filter(|_| message.is_some())
                .map(|p| path::join(&p.into_iter().map(Scalar::into_string).collect::<Vec<_>>(), PathStyle::Dotted))
        });
        let item_message = item.message.unwrap_or_default();
        if message.is_none() {
            message = Some(item_message.clone());
            code = item_code.map(|c| Code::new(&c));
            status = ext.remove("status").and_then(|s| s.as_i64());
            request_id = take_str(&mut ext, "request_id");
            timestamp = take_str(&mut ext, "timestamp");
            for (key, value) in std::mem::take(&mut ext) {
                match key.as_str() {
                    "reason" | "rejected_value" | "expected" if field.is_some() => {
                        ext.insert(key, value);
                    }
                    _ => read_carried(key, value, &mut details, &mut timestamp),
                }
            }
        }
        if let Some(field) = field {
            let mut v = FieldViolation::new(field, item_message);
            v.reason = take_str(&mut ext, "reason");
            v.rejected_value = ext.remove("rejected_value");
            v.expected = take_str(&mut ext, "expected");
            details.fields.push(v);
        }
    }
    let status = status.or_else(|| code.as_ref().and_then(|c: &Code| graphql_status(c.as_str()).map(i64::from)));
    let err = finish(Dialect::GraphQl, code, status, message, details, ctx);
    Ok(identify(err, request_id, timestamp))
}

#[cfg(feature = "schema")]
pub(super) fn schema() -> Value {
    super::object_schema(
        json!({
            "errors": {
                "type": "array",
                "minItems": 1,
                "items": super::object_schema(json!({
                    "message": { "type": "string" },
                    "path": { "type": "array", "items": { "type": ["string", "integer"] } },
                    "locations": { "type": "array" },
                    "extensions": { "type": "object" }
                }), &["message"])
            },
            "data": true
        }),
        &["errors"],
    )
}
