//! The canonical shape: `{"error": {"code", "status", "message", "details", "request_id", "timestamp", "docs_url"}}`.
//!
//! Its typed view is the crate's own serde form of an [`ApiError`]
//! ([`EnvelopeRef`], see [`crate::envelope`]), so `ApiError::to_response` and
//! `Dialect::Canonical.encode` write the same bytes.
//!
//! # Example
//!
//! A validation error with one field problem and a request id (the
//! `dialect_docs` test checks this is what the encoder writes):
//!
//! ```json
//! {
//!   "error": {
//!     "code": "VALIDATION_ERROR",
//!     "status": 400,
//!     "message": "Invalid request data",
//!     "details": {
//!       "fields": [
//!         {
//!           "field": "email",
//!           "pointer": "/email",
//!           "reason": "INVALID_FORMAT",
//!           "message": "Must be a valid email address"
//!         }
//!       ]
//!     },
//!     "request_id": "req_123",
//!     "docs_url": "https://error-contract.dev/docs/codes/VALIDATION_ERROR.html"
//!   }
//! }
//! ```

use super::super::Dialect;
use serde::Deserialize;

use super::super::any::{AnyBody, DetailsObject, take_member};
use super::super::decode::{
    Context, carried_upstream, details_object, error_object, finish, identify, required_code, retry_secs,
};
use crate::decode::DecodeError;
use crate::{ApiError, Details, EnvelopeRef, Upstream};

/// The body: the canonical envelope.
pub(crate) type Body<'a> = EnvelopeRef<'a>;

pub(crate) fn body(err: &ApiError) -> Body<'_> {
    err.envelope()
}

/// Canonical details from a details object; every member it does not type
/// is an extension (a typed member of the wrong form too).
pub(crate) fn details_from(mut obj: DetailsObject) -> Details {
    fn typed<T: serde::de::DeserializeOwned>(other: &mut Vec<(String, serde_json::Value)>, key: &str) -> Option<T> {
        let at = other.iter().position(|(k, _)| k == key)?;
        let value = T::deserialize(&other[at].1).ok()?;
        other.remove(at);
        Some(value)
    }
    let help = typed(&mut obj.other, "help").unwrap_or_default();
    let localized_message = typed(&mut obj.other, "localized_message");
    let quota_violations = typed(&mut obj.other, "quota_violations").unwrap_or_default();
    let precondition_violations = typed(&mut obj.other, "precondition_violations").unwrap_or_default();
    Details {
        fields: obj.fields.unwrap_or_default().0,
        retry_after: retry_secs(obj.retry_after.as_ref()),
        resource: obj.resource,
        help,
        localized_message,
        quota_violations,
        precondition_violations,
        extensions: obj.other.into_iter().collect(),
    }
}

pub(crate) fn decode(body: &mut AnyBody, ctx: &Context<'_>) -> Result<ApiError, DecodeError> {
    let obj = error_object(body)?;
    let code = required_code(obj.code.take())?;
    let details = details_object(obj.details.take())?.map(details_from).unwrap_or_default();
    let status = obj.status.take().and_then(|s| s.as_int());
    let carried = take_member(&mut obj.other, "upstream").and_then(|v| Upstream::deserialize(&v).ok());
    let mut err = carried_upstream(finish(Dialect::Canonical, code, status, obj.message.take(), details, ctx), carried);
    if let Some(url) = obj.docs_url.take() {
        err = err.with_docs_url(url);
    }
    Ok(identify(ctx, err, obj.request_id.take(), obj.timestamp.take()))
}
