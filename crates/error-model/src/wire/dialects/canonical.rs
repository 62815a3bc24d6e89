//! The canonical shape: `{"error": {"code", "status", "message", "details", "request_id", "timestamp", "docs_url"}}`.
//!
//! Its typed view is the crate's own serde form of an [`ApiError`]
//! ([`EnvelopeRef`], see [`crate::envelope`]), so `ApiError::to_response` and
//! `Dialect::Canonical.encode` write the same bytes.
//!
//! # Example
//!
//! A validation error with one field problem and a request id, from a
//! service whose docs base is `https://docs.example.com/errors/` (the
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
//!     "docs_url": "https://docs.example.com/errors/codes/VALIDATION_ERROR.html"
//!   }
//! }
//! ```

use super::super::Dialect;

use super::super::any::{AnyBody, take_member};
use super::super::parse::{
    Context, canonical_details, carried_upstream, details_object, error_object, finish, identify, required_code,
};
use crate::decode::DecodeError;
use crate::redact::SensitiveNames;
use crate::{ApiError, EnvelopeRef, Upstream};

/// The body: the canonical envelope.
pub(crate) type Body<'a> = EnvelopeRef<'a>;

pub(crate) fn body<'a>(err: &'a ApiError, names: &'a SensitiveNames) -> Body<'a> {
    err.envelope_with(names)
}

pub(crate) fn decode(body: &mut AnyBody, ctx: &Context<'_>) -> Result<ApiError, DecodeError> {
    let obj = error_object(body)?;
    let code = required_code(obj.code.take())?;
    let details = details_object(obj.details.take())?.map(canonical_details).unwrap_or_default();
    let status = obj.status.take().and_then(|s| s.as_int());
    let carried = take_member(&mut obj.other, "upstream").and_then(|v| Upstream::carried(&v));
    let mut err = carried_upstream(finish(Dialect::Canonical, code, status, obj.message.take(), details, ctx), carried);
    if let Some(url) = super::super::parse::link(obj.docs_url.take()) {
        err = err.with_docs_url(url);
    }
    Ok(identify(ctx, err, obj.request_id.take(), obj.timestamp.take()))
}
