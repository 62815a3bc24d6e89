//! `http` integration of [`ApiError`]: the headers a response carries, the
//! response in the canonical shape, and an error read back from a response
//! in any shape.
//!
//! A response carries the status, `Content-Type`, `Retry-After` when the
//! status [carries one](crate::status::carries_retry_after) and the error
//! has a retry hint, `RateLimit` and `RateLimit-Policy` when it carries a
//! [quota](crate::ratelimit), and `X-Request-ID` when it has a request id.
//! Every encoder and the OpenAPI components follow [`ApiError::write_headers`].

use http::header::{CONTENT_TYPE, RETRY_AFTER};
use http::{HeaderMap, HeaderValue, Response, StatusCode};

use crate::ApiError;
use crate::decode::DecodeError;
use crate::headers::X_REQUEST_ID;
use crate::status::carries_retry_after;
use crate::wire::Dialect;

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
    /// [carries one](crate::status::carries_retry_after) and there is a retry hint),
    /// `RateLimit` and `RateLimit-Policy` (where the error carries a
    /// [quota](Self::rate_limit); the `X-RateLimit-*` triplet is the tower
    /// layer's option) and `X-Request-ID` into `headers`.
    pub fn write_headers(&self, content_type: &'static str, headers: &mut HeaderMap) {
        headers.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
        if let (true, Some(secs)) = (carries_retry_after(self.status()), self.retry_after()) {
            headers.insert(RETRY_AFTER, HeaderValue::from(secs));
        }
        if let Some(quota) = self.rate_limit() {
            quota.write(crate::ratelimit::Fields::Draft, headers);
        }
        if let Some(value) = self.request_id().and_then(|id| HeaderValue::from_str(id).ok()) {
            headers.insert(X_REQUEST_ID, value);
        }
    }

    /// Builds the HTTP response for this error in the canonical shape: the
    /// same bytes as [`Dialect::Canonical.encode`](Dialect::encode).
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
        Dialect::Canonical.encode(self)
    }

    /// Reads an error back from a response in any [dialect](crate::wire).
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

#[cfg(feature = "axum-core-05")]
#[cfg_attr(docsrs, doc(cfg(feature = "axum-core-05")))]
impl axum_core::response::IntoResponse for ApiError {
    /// The canonical response, carrying the error itself in its extensions:
    /// the error-model-tower `ErrorLayer` takes it from there and writes it
    /// in its dialect with the request id.
    fn into_response(self) -> axum_core::response::Response {
        let mut res = self.to_response().map(axum_core::body::Body::from);
        res.extensions_mut().insert(self);
        res
    }
}
