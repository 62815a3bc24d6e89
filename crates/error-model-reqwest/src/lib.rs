//! A reqwest client that retries by itself (feature `reqwest`).
//!
//! [`send`] sends a request, and again as the [`RetryPolicy`] decides while
//! it fails, sleeping with tokio's timer (reqwest runs on tokio). An error
//! body is read chunk by chunk within [`Limits::max_body_bytes`], whatever
//! the server sends, and classified as a [`ClientError`].
//!
//! # Examples
//!
//! ```no_run
//! use error_model_reqwest::send;
//! use error_model::retry::RetryPolicy;
//!
//! # async fn run() -> Result<(), error_model::client::ClientError> {
//! let http = reqwest::Client::new();
//! let request = http.get("http://127.0.0.1:3000/v1/leads/lead_1").bearer_auth("key_live");
//! let response = send(request, &RetryPolicy::default()).await.result?;
//! println!("{}", response.status());
//! # Ok(())
//! # }
//! ```

#![warn(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

/// The reqwest crate this one integrates (0.13).
pub use reqwest;

/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

use error_model::BoundedBody;
use error_model::client::{Called, ClientError, call_with_retry};
use error_model::limits::Limits;
use error_model::retry::{Replay, RetryPolicy, SplitMix64};

/// Sends `request`, retrying as `policy` decides; a success (2xx) is the
/// response, unread. A request whose body cannot be cloned (a stream) is
/// sent once.
///
/// A 429 is retried after its `Retry-After` (or the body's retry hint),
/// else after the reset its `RateLimit` or `X-RateLimit-*` headers give
/// ([`error_model::ratelimit::retry_wait`]); the quota itself is on the
/// error ([`ApiError::rate_limit`](error_model::ApiError::rate_limit)).
///
/// Retries respect idempotency (RFC 9110, section 9.2.2): `GET`, `HEAD`,
/// `OPTIONS`, `TRACE`, `PUT` and `DELETE` are retried as the policy says;
/// `POST` and `PATCH` only when the answer proves the request was not
/// processed (429, 503 with `Retry-After`, a connection that could not be
/// made), or when the request carries an `Idempotency-Key` (add one with
/// [`with_idempotency_key`]).
pub async fn send(request: reqwest::RequestBuilder, policy: &RetryPolicy) -> Called<reqwest::Response> {
    send_with(request, policy, &mut SplitMix64::from_entropy(), &Limits::default()).await
}

/// [`send`] with the jitter's random numbers from `rng` and error bodies
/// read within `limits`.
pub async fn send_with(
    request: reqwest::RequestBuilder,
    policy: &RetryPolicy,
    rng: &mut SplitMix64,
    limits: &Limits,
) -> Called<reqwest::Response> {
    let mut once = Some(request);
    let single;
    let (policy, replay) = match once.as_ref().and_then(|r| r.try_clone()).map(reqwest::RequestBuilder::build) {
        Some(Ok(built)) => (policy, Replay::of(built.method(), built.headers())),
        // An invalid request fails on its first attempt; a stream is sent once.
        _ => {
            single = RetryPolicy { max_attempts: 1, ..*policy };
            (&single, Replay::NotIdempotent)
        }
    };
    call_with_retry(
        policy,
        replay,
        rng,
        |_| {
            // Each attempt sends a clone; a request that cannot be cloned is sent as it is, once.
            let request = once.as_ref().and_then(|r| r.try_clone()).or_else(|| once.take());
            async move {
                let Some(request) = request else {
                    return Err(ClientError::network("the request cannot be sent again"));
                };
                match request.send().await {
                    Ok(res) if res.status().is_success() => Ok(res),
                    Ok(res) => Err(read_error(res, limits).await),
                    // No connection: nothing reached the server.
                    Err(err) if err.is_connect() => Err(ClientError::not_sent(err)),
                    Err(err) => Err(ClientError::network(err)),
                }
            }
        },
        tokio::time::sleep,
    )
    .await
}

/// `request` with an `Idempotency-Key` header (a new random key, a quoted
/// UUID as draft-ietf-httpapi-idempotency-key-header shows), so that
/// [`send`] may retry a `POST` or `PATCH` after any retryable failure: the
/// server recognises the repeat by its key. A key already set is kept.
///
/// # Examples
///
/// ```
/// let client = reqwest::Client::new();
/// let request = error_model_reqwest::with_idempotency_key(client.post("http://localhost/v1/leads"));
/// let built = request.build().unwrap();
/// assert!(built.headers()["idempotency-key"].to_str().unwrap().starts_with('"'));
/// ```
pub fn with_idempotency_key(request: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
    let has_key = request
        .try_clone()
        .and_then(|r| r.build().ok())
        .is_some_and(|r| r.headers().contains_key(error_model::headers::IDEMPOTENCY_KEY));
    if has_key {
        return request;
    }
    request.header(error_model::headers::IDEMPOTENCY_KEY, format!("\"{}\"", uuid::Uuid::new_v4()))
}

/// Classifies a failed response, reading its body within `limits`: a body
/// past the limit is not read further, and the error is what the status
/// and headers say ([`ClientError::Undecodable`]).
pub async fn read_error(mut res: reqwest::Response, limits: &Limits) -> ClientError {
    let (status, headers) = (res.status(), res.headers().clone());
    let mut body = BoundedBody::new(limits);
    loop {
        match res.chunk().await {
            Ok(Some(chunk)) => {
                if let Err(too_large) = body.push(&chunk) {
                    let error = error_model::wire::decode_or_status(status, &headers, b"").0;
                    return ClientError::Undecodable { status, reason: too_large, error };
                }
            }
            Ok(None) => return ClientError::from_parts(status, &headers, &body.into_bytes()),
            Err(err) => return ClientError::network(err),
        }
    }
}
