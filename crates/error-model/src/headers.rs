//! The names an error travels under in HTTP: the headers and body members a
//! request id is read from, the media types, and the JSON media-type rule.
//!
//! Which headers a response carries is [`ApiError::write_headers`](crate::ApiError::write_headers).

use http::HeaderName;

/// The `X-Request-ID` header.
pub const X_REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// `Idempotency-Key` (draft-ietf-httpapi-idempotency-key-header): a client's
/// unique key that makes a `POST` or `PATCH` safe to send again (see
/// [`retry::Replay`](crate::retry::Replay)).
pub const IDEMPOTENCY_KEY: HeaderName = HeaderName::from_static("idempotency-key");

/// `application/json`, the media type of the canonical shape.
pub const APPLICATION_JSON: &str = "application/json";

/// The headers a request id is read from, in order of preference; for
/// `traceparent` (W3C Trace Context) its trace id.
pub const REQUEST_ID_HEADERS: &[&str] = &[
    "x-request-id",
    "request-id",
    "x-amzn-requestid",
    "x-amz-request-id",
    "x-ms-request-id",
    "x-github-request-id",
    "x-slack-req-id",
    "x-correlation-id",
    "x-trace-id",
    "cf-ray",
    "traceparent",
];

/// The body members a request id is read from where a shape has no member
/// of its own for it, in order of preference. No encoder writes an
/// extension of these names: it would read back as the request id.
pub const REQUEST_ID_MEMBERS: &[&str] =
    &["request_id", "requestId", "traceId", "trace_id", "correlation_id", "debug_id"];

/// Whether a `Content-Type` value is JSON: `application/json` or any
/// `application/*+json` ([RFC 6839](https://www.rfc-editor.org/rfc/rfc6839#section-3.1)),
/// parameters and case aside.
///
/// # Examples
///
/// ```
/// use error_model::headers::is_json_media_type;
///
/// assert!(is_json_media_type("application/json; charset=utf-8"));
/// assert!(is_json_media_type("Application/Problem+JSON"));
/// assert!(!is_json_media_type("application/x-ndjson"));
/// assert!(!is_json_media_type("text/plain"));
/// ```
pub fn is_json_media_type(content_type: &str) -> bool {
    let media = content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    media == "application/json" || (media.starts_with("application/") && media.ends_with("+json"))
}
