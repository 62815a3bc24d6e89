//! [`call_with_retry`]: the retry loop, for any async call.

use std::future::Future;
use std::time::Duration;

use super::ClientError;
use crate::retry::{Decision, Replay, RetryPolicy, SplitMix64};

/// The end of a call made with [`call_with_retry`]: the success or the last
/// error, how many attempts it took and how long it waited in all.
#[derive(Debug)]
#[non_exhaustive]
pub struct Called<T> {
    /// The success, or the error of the last attempt.
    pub result: Result<T, ClientError>,
    /// The attempts made, the first included.
    pub attempts: u32,
    /// The time spent waiting between attempts.
    pub waited: Duration,
}

/// Calls `attempt` (with the attempt's number, 1 for the first) until it
/// succeeds or `policy` says stop for a request of `replay` safety
/// ([`RetryPolicy::decide_for`]), waiting between attempts with `sleep`;
/// `rng` draws the jitter.
///
/// It is runtime-agnostic: `sleep` is the runtime's timer
/// (`tokio::time::sleep`, say). A call that fails gives a [`ClientError`],
/// which tells the policy the status and the server's `Retry-After`.
///
/// # Examples
///
/// ```
/// use std::time::Duration;
/// use error_model::client::{ClientError, call_with_retry};
/// use error_model::retry::{Replay, RetryPolicy, SplitMix64};
/// use http::{HeaderMap, StatusCode};
///
/// # tokio::runtime::Builder::new_current_thread().enable_time().build().unwrap().block_on(async {
/// let policy = RetryPolicy { base_delay: Duration::from_millis(1), ..RetryPolicy::default() };
/// let called = call_with_retry(
///     &policy,
///     Replay::Idempotent,
///     &mut SplitMix64::new(7),
///     |attempt| async move {
///         if attempt < 3 {
///             Err(ClientError::from_parts(StatusCode::SERVICE_UNAVAILABLE, &HeaderMap::new(), b""))
///         } else {
///             Ok("done")
///         }
///     },
///     tokio::time::sleep,
/// )
/// .await;
/// assert_eq!(called.result.unwrap(), "done");
/// assert_eq!(called.attempts, 3);
/// # });
/// ```
pub async fn call_with_retry<T, F, Fut, S, SFut>(
    policy: &RetryPolicy,
    replay: Replay,
    rng: &mut SplitMix64,
    mut attempt: F,
    mut sleep: S,
) -> Called<T>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = Result<T, ClientError>>,
    S: FnMut(Duration) -> SFut,
    SFut: Future<Output = ()>,
{
    let mut attempts = 0;
    let mut waited = Duration::ZERO;
    loop {
        attempts += 1;
        let err = match attempt(attempts).await {
            Ok(value) => return Called { result: Ok(value), attempts, waited },
            Err(err) => err,
        };
        match policy.decide_for(replay, attempts, err.outcome(), waited, rng.next_u64()) {
            Decision::RetryAfter(delay) => {
                sleep(delay).await;
                waited += delay;
            }
            Decision::Stop(_) => return Called { result: Err(err), attempts, waited },
        }
    }
}
