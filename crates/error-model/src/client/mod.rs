//! The client side: a failed response, or a failed call, as one typed error.
//!
//! [`ClientError`] is what the client code in the lead API's documentation
//! builds by hand: an API error with status, code, message, details and
//! request id; a rate limit with its retry delay; a server error; a network
//! error; or a body that could not be decoded. It works from `http::Response` parts, so any HTTP
//! client can use it, and it feeds the [retry policy](crate::retry).
//!
//! [`call_with_retry`] is the loop that applies the policy to any async call
//! (a closure, a `tower::Service`, any HTTP client); the error-model-reqwest
//! crate's `send` does it for a reqwest request, reading error bodies within
//! the [`Limits`](crate::Limits).

use std::error::Error as StdError;
use std::time::{Duration, SystemTime};

use http::{HeaderMap, StatusCode};

use crate::retry::Outcome;
use crate::{ApiError, DecodeError, wire};

mod call;

pub use call::{Called, call_with_retry};

pub use crate::limits::MAX_RETRY_AFTER;

/// How long to wait after `error`, received with `status`, within [`MAX_RETRY_AFTER`].
fn wait(status: StatusCode, error: &ApiError) -> Option<Duration> {
    crate::ratelimit::retry_wait(status, error.retry_after(), error.rate_limit())
        .map(|s| Duration::from_secs(s).min(MAX_RETRY_AFTER))
}

/// A failed call, classified.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ClientError {
    /// The server answered with a 4xx error body (any but 429).
    #[error("api error: {error}")]
    Api {
        /// The decoded error (its status is the canonical one: a 422
        /// validation error of a 422-dialect reads as 400).
        error: ApiError,
        /// The status on the wire.
        status: StatusCode,
    },
    /// The server answered 429; wait `retry_after` (from `Retry-After` or the
    /// body, else the reset of its `RateLimit` or `X-RateLimit-*` quota, at
    /// most [`MAX_RETRY_AFTER`]) before retrying.
    #[error("rate limited: {error}")]
    RateLimited {
        /// The decoded error.
        error: ApiError,
        /// How long the server asked to wait, if it said.
        retry_after: Option<Duration>,
    },
    /// The server answered with a 5xx error.
    #[error("server error: {error}")]
    Server {
        /// The decoded error.
        error: ApiError,
        /// The status on the wire.
        status: StatusCode,
        /// How long the server asked to wait (503 with `Retry-After`), if it said.
        retry_after: Option<Duration>,
    },
    /// The server answered with a status that is not an error (1xx, 2xx,
    /// 3xx) where the caller expected one, such as a GraphQL server's 200
    /// with `errors`. Never retried.
    #[error("unexpected status {status}: {error}")]
    UnexpectedStatus {
        /// The response status.
        status: StatusCode,
        /// What the body says, or an `INTERNAL_ERROR` naming the status.
        error: ApiError,
    },
    /// The request got no answer (the server may have processed it).
    #[error("network error: {0}")]
    Network(#[source] Box<dyn StdError + Send + Sync>),
    /// The request was never sent: the connection could not be made.
    #[error("not sent: {0}")]
    NotSent(#[source] Box<dyn StdError + Send + Sync>),
    /// The server answered with an error status and a body of no error shape
    /// (an HTML page from a proxy, say). `error` is built from the status and headers.
    #[error("undecodable error body ({status}): {reason}")]
    Undecodable {
        /// The response status.
        status: StatusCode,
        /// Why the body could not be decoded.
        #[source]
        reason: DecodeError,
        /// The error the status and headers tell.
        error: ApiError,
    },
}

impl ClientError {
    /// Classifies a response: 429 is [`RateLimited`](Self::RateLimited), another
    /// 4xx [`Api`](Self::Api), 5xx [`Server`](Self::Server), an error status with a body of
    /// no error shape [`Undecodable`](Self::Undecodable), and any other status
    /// [`UnexpectedStatus`](Self::UnexpectedStatus).
    ///
    /// # Examples
    ///
    /// ```
    /// use error_model::client::ClientError;
    /// use http::{HeaderMap, HeaderValue, StatusCode};
    ///
    /// let mut headers = HeaderMap::new();
    /// headers.insert("retry-after", HeaderValue::from_static("60"));
    /// let body = br#"{"error": {"code": "RATE_LIMIT_EXCEEDED", "message": "Too many requests"}}"#;
    /// match ClientError::from_parts(StatusCode::TOO_MANY_REQUESTS, &headers, body) {
    ///     ClientError::RateLimited { retry_after, .. } => assert_eq!(retry_after.unwrap().as_secs(), 60),
    ///     other => panic!("{other}"),
    /// }
    /// ```
    pub fn from_parts(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> ClientError {
        ClientError::from_parts_at(status, headers, body, SystemTime::now())
    }

    /// [`ClientError::from_parts`], reading an HTTP-date `Retry-After` relative to `now`.
    pub fn from_parts_at(status: StatusCode, headers: &HeaderMap, body: &[u8], now: SystemTime) -> ClientError {
        let (error, reason) = wire::decode_or_status_at(status, headers, body, now);
        if !crate::status::is_error(status) {
            return ClientError::UnexpectedStatus { status, error };
        }
        if let Some(reason) = reason {
            return ClientError::Undecodable { status, reason, error };
        }
        ClientError::from_error(error, status)
    }

    /// Classifies an error already decoded, answered with `status` (by any
    /// transport: a gRPC integration passes the status of the error's gRPC
    /// code): 429 is [`RateLimited`](Self::RateLimited), another 4xx
    /// [`Api`](Self::Api), 5xx [`Server`](Self::Server), any other status
    /// [`UnexpectedStatus`](Self::UnexpectedStatus). The wait is the error's
    /// own [retry hint](ApiError::retry_after), else its quota's reset
    /// ([`ratelimit::retry_wait`](crate::ratelimit::retry_wait)), at most
    /// [`MAX_RETRY_AFTER`].
    ///
    /// # Examples
    ///
    /// ```
    /// use error_model::client::ClientError;
    /// use error_model::{ApiError, http::StatusCode};
    ///
    /// let err = ApiError::unavailable(Some(5));
    /// let classified = ClientError::from_error(err, StatusCode::SERVICE_UNAVAILABLE);
    /// assert!(matches!(classified, ClientError::Server { retry_after: Some(_), .. }));
    /// ```
    pub fn from_error(error: ApiError, status: StatusCode) -> ClientError {
        if !crate::status::is_error(status) {
            return ClientError::UnexpectedStatus { status, error };
        }
        // The decoder applied the one precedence rule (`status::retry_hint`),
        // and the wait is the one rule over it and the quota
        // (`ratelimit::retry_wait`): the error's own retry hint when it has
        // one, so the two never disagree, else the quota's reset.
        let retry_after = wait(status, &error);
        match status.as_u16() {
            429 => ClientError::RateLimited { error, retry_after },
            500..=599 => ClientError::Server { error, status, retry_after },
            _ => ClientError::Api { error, status },
        }
    }

    /// Classifies an `http::Response`.
    pub fn from_response<B: AsRef<[u8]>>(response: &http::Response<B>) -> ClientError {
        ClientError::from_parts(response.status(), response.headers(), response.body().as_ref())
    }

    /// A call that got no answer.
    pub fn network(err: impl Into<Box<dyn StdError + Send + Sync>>) -> ClientError {
        ClientError::Network(err.into())
    }

    /// A call whose connection could not be made: nothing was sent.
    pub fn not_sent(err: impl Into<Box<dyn StdError + Send + Sync>>) -> ClientError {
        ClientError::NotSent(err.into())
    }

    /// The decoded error, for every variant that has a response.
    pub fn api_error(&self) -> Option<&ApiError> {
        match self {
            ClientError::Api { error, .. }
            | ClientError::UnexpectedStatus { error, .. }
            | ClientError::RateLimited { error, .. }
            | ClientError::Server { error, .. }
            | ClientError::Undecodable { error, .. } => Some(error),
            ClientError::Network(_) | ClientError::NotSent(_) => None,
        }
    }

    /// The response status as it was on the wire (a 422 stays 422, where
    /// [`api_error`](Self::api_error) gives the canonical status), if there
    /// was a response.
    ///
    /// # Examples
    ///
    /// ```
    /// use error_model::client::ClientError;
    /// use http::{HeaderMap, StatusCode};
    ///
    /// let body = br#"{"message": "The given data was invalid.", "errors": {"email": ["Required."]}}"#;
    /// let err = ClientError::from_parts(StatusCode::UNPROCESSABLE_ENTITY, &HeaderMap::new(), body);
    /// assert_eq!(err.status(), Some(StatusCode::UNPROCESSABLE_ENTITY));
    /// assert_eq!(err.api_error().unwrap().status(), StatusCode::BAD_REQUEST);
    /// ```
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            ClientError::Api { status, .. }
            | ClientError::UnexpectedStatus { status, .. }
            | ClientError::Server { status, .. }
            | ClientError::Undecodable { status, .. } => Some(*status),
            ClientError::RateLimited { .. } => Some(StatusCode::TOO_MANY_REQUESTS),
            ClientError::Network(_) | ClientError::NotSent(_) => None,
        }
    }

    /// What the [retry policy](crate::retry::RetryPolicy) needs to know. The
    /// status is the one on the wire (a 422 stays 422).
    pub fn outcome(&self) -> Outcome {
        match self {
            ClientError::Network(_) => Outcome::Network,
            ClientError::NotSent(_) => Outcome::NotSent,
            ClientError::RateLimited { retry_after, .. } => {
                Outcome::Status { status: StatusCode::TOO_MANY_REQUESTS, retry_after: *retry_after }
            }
            ClientError::Server { status, retry_after, .. } => {
                Outcome::Status { status: *status, retry_after: *retry_after }
            }
            ClientError::Api { status, .. } | ClientError::UnexpectedStatus { status, .. } => {
                Outcome::Status { status: *status, retry_after: None }
            }
            ClientError::Undecodable { status, error, .. } => {
                Outcome::Status { status: *status, retry_after: wait(*status, error) }
            }
        }
    }
}
