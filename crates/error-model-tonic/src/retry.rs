//! The retrying client's policy over gRPC: a failed call's
//! [`tonic::Status`] as the core's [`ClientError`], so that
//! [`call_with_retry`](error_model::client::call_with_retry) and
//! [`RetryPolicy`](error_model::retry::RetryPolicy) decide for gRPC calls
//! by the same rules as for HTTP ones.
//!
//! The status each gRPC code stands for is the one `code.proto` gives it
//! (or the row's, for a code a table knows): `UNAVAILABLE` is 503 and
//! `RESOURCE_EXHAUSTED` 429, both retried; `RetryInfo` is the server's
//! hint, so an `UNAVAILABLE` with `RetryInfo` proves the call was not
//! processed, as a 503 with `Retry-After` does, and even a call that is not
//! idempotent is sent again. `DEADLINE_EXCEEDED` (504) is retried only when
//! the call is idempotent.

use error_model::client::ClientError;

use crate::status::{Config, from_status};

/// A failed gRPC call as the core's [`ClientError`], for its retry policy.
///
/// # Examples
///
/// ```
/// use std::time::Duration;
/// use error_model::retry::{Decision, Replay, RetryPolicy};
/// use error_model::ApiError;
/// use error_model_tonic::{Config, client_error, to_status};
///
/// let status = to_status(&ApiError::rate_limited(2), &Config::new()); // RESOURCE_EXHAUSTED + RetryInfo
/// let outcome = client_error(&status, &Config::new()).outcome();
/// let decision = RetryPolicy::default().decide_for(Replay::NotIdempotent, 1, outcome, Duration::ZERO, 0);
/// assert_eq!(decision, Decision::RetryAfter(Duration::from_secs(2)));
/// ```
pub fn client_error(status: &tonic::Status, config: &Config) -> ClientError {
    let error = from_status(status, config);
    let http = error.status();
    ClientError::from_error(error, http)
}
