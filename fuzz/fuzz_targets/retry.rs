//! Any `Retry-After` value and any attempt: parsing never panics, and the
//! policy's decisions stay within its caps, and a request that is not
//! idempotent is retried only after an outcome that proves it unprocessed.
#![no_main]

use std::time::{Duration, UNIX_EPOCH};

use error_model::retry::{Decision, Outcome, Replay, RetryPolicy, parse_retry_after};
use http::StatusCode;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (&str, u16, u32, u64, u64, u64)| {
    let (header, status, attempt, waited_ms, now_secs, random) = input;
    let now = UNIX_EPOCH + Duration::from_secs(now_secs % 10_000_000_000);
    let hint = parse_retry_after(header, now);
    let Ok(status) = StatusCode::from_u16(status) else { return };
    let policy = RetryPolicy::default();
    let waited = Duration::from_millis(waited_ms % 100_000);
    for outcome in [Outcome::Status { status, retry_after: hint }, Outcome::Network, Outcome::NotSent] {
        if let Decision::RetryAfter(_) = policy.decide_for(Replay::NotIdempotent, attempt, outcome, waited, random) {
            assert!(outcome.proves_not_processed(), "{outcome:?} retried for a POST");
        }
        match policy.decide(attempt, outcome, waited, random) {
            Decision::RetryAfter(delay) => {
                assert!(waited + delay <= policy.max_total_delay, "{delay:?} after {waited:?}");
                assert!(attempt < policy.max_attempts);
                assert!(status.is_client_error() || status.is_server_error() || matches!(outcome, Outcome::Network | Outcome::NotSent));
                if let Outcome::Status { status: StatusCode::TOO_MANY_REQUESTS, retry_after: Some(_) } = outcome {
                    assert!(delay >= policy.base_delay, "a 429 with a hint waits at least base_delay");
                }
            }
            Decision::Stop(_) => {}
        }
    }
});
