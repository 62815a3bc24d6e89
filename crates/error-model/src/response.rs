//! `http` integration: build an [`http::Response`] from an [`ApiError`], and
//! read one back.
//!
//! A response carries the status, `Content-Type: application/json`,
//! `Retry-After` on 429 and 503 when the error has a retry hint
//! ([RFC 9110, section 10.2.3](https://www.rfc-editor.org/rfc/rfc9110#section-10.2.3)),
//! and `X-Request-ID` when it has a request id.

use http::header::{CONTENT_TYPE, RETRY_AFTER};
use http::{HeaderMap, HeaderName, HeaderValue, Response, StatusCode};

use crate::ApiError;
use crate::decode::DecodeError;

/// The `X-Request-ID` header.
pub const X_REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// `application/json`, the media type of the canonical shape.
pub const APPLICATION_JSON: &str = "application/json";

impl ApiError {
    /// Builds the HTTP response for this error in the canonical shape.
    ///
    /// # Examples
    ///
    /// ```
    /// use error_model::ApiError;
    ///
    /// let res = ApiError::rate_limited(60).with_request_id("req_1").to_response();
    /// assert_eq!(res.status(), 429);
    /// assert_eq!(res.headers()["retry-after"], "60");
    /// assert_eq!(res.headers()["x-request-id"], "req_1");
    /// assert_eq!(res.headers()["content-type"], "application/json");
    /// ```
    pub fn to_response(&self) -> Response<Vec<u8>> {
        match serde_json::to_vec(&self.envelope()) {
            Ok(body) => self.response_with_body(APPLICATION_JSON, body),
            Err(_) => {
                // An error that cannot be serialised becomes the registry's generic internal error.
                let info = crate::ErrorCode::InternalError.info();
                let body = format!(
                    r#"{{"error":{{"code":"{}","status":{},"message":"{}"}}}}"#,
                    info.name(),
                    info.status().as_u16(),
                    info.description()
                );
                let mut res = Response::new(body.into_bytes());
                *res.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
                res.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static(APPLICATION_JSON));
                res
            }
        }
    }

    /// Builds a response with this error's status and headers around an
    /// already encoded `body` of media type `content_type`.
    pub fn response_with_body(&self, content_type: &'static str, body: Vec<u8>) -> Response<Vec<u8>> {
        let mut res = Response::new(body);
        *res.status_mut() = self.inner.status;
        self.write_headers(content_type, res.headers_mut());
        res
    }

    /// Writes `Content-Type`, `Retry-After` (429 and 503 with a retry hint)
    /// and `X-Request-ID` into `headers`.
    pub fn write_headers(&self, content_type: &'static str, headers: &mut HeaderMap) {
        headers.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
        let retry_status = matches!(self.inner.status, StatusCode::TOO_MANY_REQUESTS | StatusCode::SERVICE_UNAVAILABLE);
        if let (true, Some(secs)) = (retry_status, self.inner.details.retry_after) {
            headers.insert(RETRY_AFTER, HeaderValue::from(secs));
        }
        if let Some(value) = self.inner.request_id.as_deref().and_then(|id| HeaderValue::from_str(id).ok()) {
            headers.insert(X_REQUEST_ID, value);
        }
    }

    /// Reads an error back from a response in the canonical shape.
    ///
    /// See [`ApiError::from_parts`].
    pub fn from_response<B: AsRef<[u8]>>(response: &Response<B>) -> Result<ApiError, DecodeError> {
        ApiError::from_parts(response.status(), response.headers(), response.body().as_ref())
    }

    /// Reads an error from a response's status, headers and body, in any
    /// [dialect](crate::wire) (detected), within the default [`Limits`](crate::Limits).
    ///
    /// The response status wins over the body's; the request id and the
    /// retry hint come from the body, else from the `X-Request-ID` and
    /// `Retry-After` headers.
    ///
    /// # Examples
    ///
    /// ```
    /// use error_model::{ApiError, ErrorCode};
    ///
    /// let sent = ApiError::not_found("Lead not found").with_request_id("req_9");
    /// let read = ApiError::from_response(&sent.to_response()).unwrap();
    /// assert_eq!(read, sent);
    /// ```
    pub fn from_parts(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> Result<ApiError, DecodeError> {
        crate::wire::decode(Some(status), headers, body).map(|(_, err)| err)
    }
}
