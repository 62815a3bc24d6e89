//! The canonical wire shape of an error, and its serde implementation.
//!
//! ```json
//! {
//!   "error": {
//!     "code": "VALIDATION_ERROR",
//!     "status": 400,
//!     "message": "Invalid request data",
//!     "details": {
//!       "fields": [{ "field": "email", "pointer": "/email", "message": "Invalid email format" }]
//!     },
//!     "request_id": "req_1234567890abcdef",
//!     "timestamp": "2024-01-16T10:30:00.000Z"
//!   }
//! }
//! ```
//!
//! The README explains why this shape was chosen over the others.

use serde::{Deserialize, Serialize};

use crate::details::DetailsView;
use crate::redact::SensitiveNames;
use crate::upstream::UpstreamView;
use crate::{ApiError, Code, Details, Timestamp, Upstream};

/// The canonical envelope `{"error": {...}}`, owned: what a client decodes.
///
/// # Examples
///
/// ```
/// use error_model::{Envelope, ErrorCode};
///
/// let env: Envelope = serde_json::from_str(
///     r#"{"error": {"code": "NOT_FOUND", "status": 404, "message": "Lead not found"}}"#,
/// ).unwrap();
/// assert_eq!(env.error.code(), &ErrorCode::NotFound);
/// assert_eq!(env.error.message(), "Lead not found");
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(
    feature = "schema",
    schemars(title = "ErrorEnvelope", description = "The canonical error response body: one `error` object.")
)]
pub struct Envelope {
    /// The error.
    pub error: ApiError,
}

/// The canonical envelope around a borrowed error: what a server serialises.
/// Made by [`ApiError::envelope`] (redacted by the built-in names) and
/// [`ApiError::envelope_with`] (by a service's own).
#[derive(Clone, Copy, Debug)]
pub struct EnvelopeRef<'a> {
    /// The error.
    pub error: &'a ApiError,
    /// The names whose values are redacted.
    pub(crate) names: &'a SensitiveNames,
}

impl Serialize for EnvelopeRef<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut envelope = serializer.serialize_struct("Envelope", 1)?;
        envelope.serialize_field("error", &ErrorObject::new(self.error, self.names))?;
        envelope.end()
    }
}

/// The error object as it is written (its field docs are the schema's descriptions).
#[derive(Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "Error"))]
struct ErrorObject<'a> {
    /// Stable machine-readable code; handle errors by this, never by the message.
    code: &'a Code,
    /// The HTTP status of the response, repeated for clients and logs that lose it.
    #[cfg_attr(feature = "schema", schemars(range(min = 400, max = 599)))]
    status: u16,
    /// Human-readable description; may change at any time.
    message: &'a str,
    /// Structured details: field violations, retry hint, resource, extensions.
    #[serde(skip_serializing_if = "DetailsView::is_empty")]
    #[cfg_attr(feature = "schema", schemars(with = "Details"))]
    details: DetailsView<'a>,
    /// Unique id of the request, to quote to support (also in `X-Request-ID`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    request_id: Option<&'a str>,
    /// When the error occurred (RFC 3339).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Timestamp"))]
    timestamp: Option<&'a Timestamp>,
    /// Link to documentation about this error.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    docs_url: Option<&'a str>,
    /// What the upstream server sent that this error maps away, for an
    /// error read from another shape or status.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Upstream"))]
    upstream: Option<UpstreamView<'a>>,
}

impl<'a> ErrorObject<'a> {
    /// `err` as it is written, redacted by `names`.
    fn new(err: &'a ApiError, names: &'a SensitiveNames) -> ErrorObject<'a> {
        ErrorObject {
            code: err.code(),
            status: err.status().as_u16(),
            message: err.message(),
            details: DetailsView::new(err.details(), names),
            request_id: err.request_id(),
            timestamp: err.timestamp(),
            docs_url: err.docs_url(),
            upstream: err.upstream().and_then(|u| u.view(err.code().as_str(), "canonical")),
        }
    }
}

impl Serialize for ApiError {
    /// The error object, redacted by the built-in names ([`SensitiveNames::defaults`]).
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        ErrorObject::new(self, SensitiveNames::defaults()).serialize(serializer)
    }
}

#[derive(Deserialize)]
struct OwnedBody {
    code: Code,
    #[serde(default)]
    status: Option<u16>,
    #[serde(default)]
    message: String,
    #[serde(default)]
    details: Option<Details>,
    #[serde(default)]
    request_id: Option<String>,
    #[serde(default)]
    timestamp: Option<Timestamp>,
    #[serde(default)]
    docs_url: Option<String>,
    #[serde(default)]
    upstream: Option<Upstream>,
}

impl<'de> Deserialize<'de> for ApiError {
    /// Reads the error object. A missing `status` falls back to the code's
    /// registered status, then to 500.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<ApiError, D::Error> {
        let body = OwnedBody::deserialize(deserializer)?;
        let mut err = ApiError::new(body.code);
        if let Some(status) = body.status {
            let status = http::StatusCode::from_u16(status)
                .ok()
                .filter(|s| s.is_client_error() || s.is_server_error())
                .ok_or_else(|| serde::de::Error::custom("status must be 4xx or 5xx"))?;
            err = err.with_wire_status(status);
        }
        err = err.with_message(body.message).with_details(body.details.unwrap_or_default());
        if let Some(id) = body.request_id {
            err = err.with_request_id(id);
        }
        if let Some(ts) = body.timestamp {
            err = err.with_timestamp(ts);
        }
        if let Some(url) = body.docs_url {
            err = err.with_docs_url(url);
        }
        if let Some(upstream) = body.upstream {
            err = err.with_upstream(upstream);
        }
        Ok(err)
    }
}

schema_as! {
    ApiError => ErrorObject<'static>;
}

schema_as! {
    EnvelopeRef<'_> => Envelope;
}
