//! The canonical shape: `{"error": {"code", "status", "message", "details", "request_id", "timestamp", "docs_url"}}`.

use serde_json::Value;

use super::any::{AnyBody, DetailsObject};
use super::{Context, Dialect, finish, identify, retry_secs};
use super::{details_object, error_object, required_code};
use crate::decode::DecodeError;
use crate::{ApiError, Details};

pub(super) fn encode(err: &ApiError, _: Dialect) -> Value {
    serde_json::to_value(err.envelope()).unwrap_or(Value::Null)
}

/// Canonical details from a details object; every member it does not type is an extension.
pub(super) fn details_from(obj: DetailsObject) -> Details {
    Details {
        fields: obj.fields.unwrap_or_default(),
        retry_after: retry_secs(obj.retry_after.as_ref()),
        resource: obj.resource,
        extensions: obj.other.into_iter().collect(),
    }
}

pub(super) fn decode(body: &mut AnyBody, ctx: &Context<'_>) -> Result<ApiError, DecodeError> {
    let obj = error_object(body)?;
    let code = required_code(obj.code.take())?;
    let details = details_object(obj.details.take())?.map(details_from).unwrap_or_default();
    let status = obj.status.take().and_then(|s| s.as_int());
    let mut err = finish(Dialect::Canonical, Some(code), status, obj.message.take(), details, ctx);
    if let Some(url) = obj.docs_url.take() {
        err = err.with_docs_url(url);
    }
    Ok(identify(err, obj.request_id.take(), obj.timestamp.take()))
}

#[cfg(feature = "schema")]
pub(super) fn schema() -> Value {
    crate::schema::envelope_schema(&format!("{}error.schema.json", crate::schema::SCHEMA_BASE))
}
