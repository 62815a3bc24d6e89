//! The HTTP headers an error is sent with, and the rule for each.
//!
//! A response carries the status, `Content-Type`, `Retry-After` when the
//! status [carries one](crate::status::carries_retry_after) and the error has a retry
//! hint, and `X-Request-ID` when it has a request id. Every encoder and
//! the OpenAPI components ask this module.

use http::header::{CONTENT_TYPE, RETRY_AFTER};
use http::{HeaderMap, HeaderName, HeaderValue, Response};

use crate::ApiError;
use crate::status::carries_retry_after;

/// The `X-Request-ID` header.
pub const X_REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

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

impl ApiError {
    /// Builds a response with this error's status and headers around an
    /// already encoded `body` of media type `content_type`.
    pub fn response_with_body(&self, content_type: &'static str, body: Vec<u8>) -> Response<Vec<u8>> {
        let mut res = Response::new(body);
        *res.status_mut() = self.status();
        self.write_headers(content_type, res.headers_mut());
        res
    }

    /// Writes `Content-Type`, `Retry-After` (where the status
    /// [carries one](crate::status::carries_retry_after) and there is a retry hint) and
    /// `X-Request-ID` into `headers`.
    pub fn write_headers(&self, content_type: &'static str, headers: &mut HeaderMap) {
        headers.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
        if let (true, Some(secs)) = (carries_retry_after(self.status()), self.retry_after()) {
            headers.insert(RETRY_AFTER, HeaderValue::from(secs));
        }
        if let Some(value) = self.request_id().and_then(|id| HeaderValue::from_str(id).ok()) {
            headers.insert(X_REQUEST_ID, value);
        }
    }
}
