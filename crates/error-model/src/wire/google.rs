//! `google.rpc.Status` as Google APIs send it (AIP-193):
//! `{"error": {"code": <http status>, "message", "status": "<CANONICAL_CODE>", "details": [...]}}`.
//!
//! The error code is `ErrorInfo.reason` (with `domain` and `metadata`, the
//! error's extensions); field problems are `BadRequest.fieldViolations`; the
//! retry hint is `RetryInfo.retryDelay`; the request id `RequestInfo.requestId`;
//! the resource `ResourceInfo`.

use serde_json::{Map, Value, json};

use super::any::{AnyBody, DetailsMember};
use super::error_object;
use super::{Context, Dialect, extensions, finish, identify, put};
use crate::decode::DecodeError;
use crate::{ApiError, Category, Code, Details, FieldViolation, ResourceRef};

const TYPE_PREFIX: &str = "type.googleapis.com/google.rpc.";
const DEFAULT_DOMAIN: &str = "error-contract";

/// The `google.rpc.Code` name of a category.
fn rpc_status(category: Category) -> &'static str {
    match category {
        Category::InvalidArgument => "INVALID_ARGUMENT",
        Category::Unauthenticated => "UNAUTHENTICATED",
        Category::PermissionDenied => "PERMISSION_DENIED",
        Category::NotFound => "NOT_FOUND",
        Category::Conflict => "ALREADY_EXISTS",
        Category::RateLimited => "RESOURCE_EXHAUSTED",
        Category::Internal => "INTERNAL",
        Category::BadGateway => "UNKNOWN",
        Category::Unavailable => "UNAVAILABLE",
    }
}

pub(super) fn encode(err: &ApiError, dialect: Dialect) -> Value {
    let status = dialect.wire_status(err);
    let mut ext = extensions(err);
    let domain = match ext.remove("domain") {
        Some(Value::String(d)) => d,
        _ => DEFAULT_DOMAIN.to_owned(),
    };
    let mut details = vec![json!({
        "@type": format!("{TYPE_PREFIX}ErrorInfo"),
        "reason": err.code().as_str(),
        "domain": domain,
        "metadata": ext,
    })];
    if !err.fields().is_empty() {
        let violations: Vec<Value> = err
            .fields()
            .iter()
            .map(|v| {
                let mut fv = Map::new();
                fv.insert("field".into(), v.field.clone().into());
                fv.insert("description".into(), v.message.clone().into());
                put(&mut fv, "reason", v.reason.clone());
                Value::Object(fv)
            })
            .collect();
        details.push(json!({ "@type": format!("{TYPE_PREFIX}BadRequest"), "fieldViolations": violations }));
    }
    if let Some(secs) = err.retry_after() {
        details.push(json!({ "@type": format!("{TYPE_PREFIX}RetryInfo"), "retryDelay": format!("{secs}s") }));
    }
    if let Some(id) = err.request_id() {
        details.push(json!({ "@type": format!("{TYPE_PREFIX}RequestInfo"), "requestId": id }));
    }
    if let Some(resource) = &err.details().resource {
        details.push(json!({
            "@type": format!("{TYPE_PREFIX}ResourceInfo"),
            "resourceType": resource.kind.clone().unwrap_or_default(),
            "resourceName": resource.id.clone().unwrap_or_default(),
        }));
    }
    json!({
        "error": {
            "code": status.as_u16(),
            "message": err.message(),
            "status": rpc_status(err.category()),
            "details": details,
        }
    })
}

/// `"1.5s"` → 2 seconds (rounded up).
fn parse_duration(s: &str) -> Option<u64> {
    let secs: f64 = s.strip_suffix('s')?.parse().ok()?;
    (secs.is_finite() && secs >= 0.0).then(|| secs.ceil() as u64)
}

pub(super) fn decode(body: &mut AnyBody, ctx: &Context<'_>) -> Result<ApiError, DecodeError> {
    let obj = error_object(body)?;
    let mut details = Details::default();
    let mut code = None;
    let mut request_id = None;
    if let Some(DetailsMember::List(items)) = obj.details.take() {
        for item in items {
            let kind = item.type_url().and_then(|t| t.rsplit('.').next()).unwrap_or("").to_owned();
            let Some(item) = item.rare.map(|r| *r) else { continue };
            let reason = item.reason;
            match kind.as_str() {
                "ErrorInfo" => {
                    code = reason.map(Code::from_string);
                    if let Some(domain) = item.domain.filter(|d| d != DEFAULT_DOMAIN) {
                        details.extensions.insert("domain".into(), domain.into());
                    }
                    details.extensions.extend(item.metadata.unwrap_or_default());
                }
                "BadRequest" => {
                    for fv in item.field_violations.unwrap_or_default() {
                        let mut v = FieldViolation::new(fv.field, fv.description);
                        v.reason = fv.reason;
                        details.fields.push(v);
                    }
                }
                "RetryInfo" => details.retry_after = item.retry_delay.as_deref().and_then(parse_duration),
                "RequestInfo" => request_id = item.request_id,
                "ResourceInfo" => {
                    details.resource = Some(ResourceRef {
                        kind: item.resource_type.filter(|s| !s.is_empty()),
                        id: item.resource_name.filter(|s| !s.is_empty()),
                    })
                }
                _ => {}
            }
        }
    }
    let body_status = obj.code.as_ref().and_then(|c| c.as_int());
    let err = finish(Dialect::Google, code, body_status, obj.message.take(), details, ctx);
    Ok(identify(err, request_id, None))
}

#[cfg(feature = "schema")]
pub(super) fn schema() -> Value {
    super::object_schema(
        json!({
            "error": super::object_schema(json!({
                "code": { "type": "integer" },
                "message": { "type": "string" },
                "status": { "type": "string" },
                "details": {
                    "type": "array",
                    "items": super::object_schema(json!({ "@type": { "type": "string" } }), &["@type"])
                }
            }), &["code", "message"])
        }),
        &["error"],
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn durations() {
        assert_eq!(super::parse_duration("60s"), Some(60));
        assert_eq!(super::parse_duration("1.5s"), Some(2));
        assert_eq!(super::parse_duration("-1s"), None);
        assert_eq!(super::parse_duration("60"), None);
    }
}
