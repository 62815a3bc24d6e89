//! Rate-limit headers: what is written reads back, any header value reads
//! without a panic and within bounds, and a client waits what the quota
//! says when there is no `Retry-After`, through every dialect.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use error_model::client::ClientError;
use error_model::ratelimit::{self, Fields, MAX_SF_INTEGER, RateLimit};
use error_model::retry::{Decision, Jitter, RetryPolicy};
use error_model::wire::Dialect;
use error_model::{ApiError, ErrorCode};
use http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use proptest::prelude::*;

fn quota() -> impl Strategy<Value = RateLimit> {
    (any::<u64>(), any::<u64>(), 0..=MAX_SF_INTEGER, proptest::option::of(1..=MAX_SF_INTEGER), "[ -~]{0,80}").prop_map(
        |(limit, remaining, reset, window, policy)| {
            let quota = RateLimit::new(limit % (MAX_SF_INTEGER + 1), remaining % (MAX_SF_INTEGER + 1), reset);
            let quota = window.map_or(quota.clone(), |w| quota.with_window(w));
            quota.with_policy(policy)
        },
    )
}

const NAMES: &[&str] = &[
    "ratelimit",
    "ratelimit-policy",
    "x-ratelimit-limit",
    "x-ratelimit-remaining",
    "x-ratelimit-reset",
    "retry-after",
];

proptest! {
    #[test]
    fn what_is_written_reads_back(quota in quota(), legacy in any::<bool>()) {
        let mut headers = HeaderMap::new();
        quota.write(if legacy { Fields::WithLegacy } else { Fields::Draft }, &mut headers);
        prop_assert_eq!(ratelimit::read(&headers, SystemTime::now()), Some(quota.clone()));
        // Without the draft's fields, the triplet tells the same quota but for the policy.
        if legacy {
            headers.remove("ratelimit");
            headers.remove("ratelimit-policy");
            let now = 1_764_950_400; // 2025-12-05
            let read = ratelimit::read(&headers, UNIX_EPOCH + Duration::from_secs(now)).unwrap();
            prop_assert_eq!((read.limit, read.remaining), (quota.limit, quota.remaining));
            // A reset of 10^9 seconds or more is read as a Unix time, counted from now.
            let expected = quota.reset.map(|t| if t >= ratelimit::EPOCH_FROM { t.saturating_sub(now) } else { t });
            prop_assert_eq!(read.reset, expected);
        }
    }

    #[test]
    fn any_header_value_reads_without_a_panic(
        values in proptest::collection::vec((proptest::sample::select(NAMES), "[ -~]{0,60}"), 0..6),
        now in any::<u32>(),
    ) {
        let mut headers = HeaderMap::new();
        for (name, value) in &values {
            if let Ok(value) = HeaderValue::from_str(value) {
                headers.append(HeaderName::from_static(name), value);
            }
        }
        let now = UNIX_EPOCH + Duration::from_secs(u64::from(now) * 8);
        if let Some(quota) = ratelimit::read(&headers, now) {
            prop_assert!(quota.remaining.is_none_or(|r| r <= MAX_SF_INTEGER) && quota.policy.len() <= 64);
        }
        let client = ClientError::from_parts_at(StatusCode::TOO_MANY_REQUESTS, &headers, b"", now);
        if let ClientError::Undecodable { error, .. } = &client {
            prop_assert!(error.rate_limit().is_none_or(|q| q.reset.is_none_or(|t| t <= MAX_SF_INTEGER)));
        }
        prop_assert!(client.outcome() != error_model::retry::Outcome::Network);
    }

    #[test]
    fn structured_lists_of_items_read_their_tightest(items in proptest::collection::vec((0u64..1000, 0u64..1000), 1..8)) {
        let field = items.iter().enumerate().map(|(i, (r, t))| format!("\"p{i}\";r={r};t={t}")).collect::<Vec<_>>().join(", ");
        let mut headers = HeaderMap::new();
        headers.insert("ratelimit", HeaderValue::from_str(&field).unwrap());
        let read = ratelimit::read(&headers, SystemTime::now()).unwrap();
        let least = items.iter().map(|(r, _)| *r).min().unwrap();
        prop_assert_eq!(read.remaining, Some(least));
        let longest = items.iter().filter(|(r, _)| *r == least).map(|(_, t)| *t).max();
        prop_assert_eq!(read.reset, longest);
    }
}

#[test]
fn huge_and_binary_values_are_none() {
    let mut headers = HeaderMap::new();
    headers.insert("x-ratelimit-remaining", HeaderValue::from_str(&"9".repeat(10_000)).unwrap());
    headers.insert("x-ratelimit-reset", HeaderValue::from_static("5"));
    assert_eq!(ratelimit::read(&headers, SystemTime::now()), None);
    headers.insert("x-ratelimit-remaining", HeaderValue::from_bytes(b"\xff\xfe").unwrap());
    assert_eq!(ratelimit::read(&headers, SystemTime::now()), None);
    headers.insert("ratelimit", HeaderValue::from_str(&format!("\"{}\";r=1", "a".repeat(100_000))).unwrap());
    assert_eq!(ratelimit::read(&headers, SystemTime::now()), None);
}

/// The policy the client tests use: no jitter, waits up to 5 seconds.
const POLICY: RetryPolicy = RetryPolicy {
    max_attempts: 3,
    base_delay: Duration::from_millis(100),
    max_delay: Duration::from_secs(1),
    max_total_delay: Duration::from_secs(5),
    jitter: Jitter::None,
};

fn decided(headers: &HeaderMap, body: &[u8]) -> Decision {
    let err = ClientError::from_parts(StatusCode::TOO_MANY_REQUESTS, headers, body);
    POLICY.decide(1, err.outcome(), Duration::ZERO, 0)
}

#[test]
fn a_429_without_retry_after_waits_the_quotas_reset_in_every_form() {
    let body = br#"{"error": {"code": "RATE_LIMIT_EXCEEDED", "message": "Too many requests"}}"#;
    let mut draft = HeaderMap::new();
    draft.insert("ratelimit", HeaderValue::from_static("\"default\";r=0;t=3"));
    assert_eq!(decided(&draft, body), Decision::RetryAfter(Duration::from_secs(3)));
    // A body that is no error shape at all: the headers still tell the wait.
    assert_eq!(decided(&draft, b"<html>slow down</html>"), Decision::RetryAfter(Duration::from_secs(3)));

    let mut triplet = HeaderMap::new();
    triplet.insert("x-ratelimit-reset", HeaderValue::from_static("2"));
    assert_eq!(decided(&triplet, body), Decision::RetryAfter(Duration::from_secs(2)));
    triplet.insert("x-ratelimit-remaining", HeaderValue::from_static("0"));
    assert_eq!(decided(&triplet, body), Decision::RetryAfter(Duration::from_secs(2)));
    let epoch = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs() + 4;
    triplet.insert("x-ratelimit-reset", HeaderValue::from(epoch));
    // Counted from now: 4 seconds, or 3 if a second turned meanwhile.
    let Decision::RetryAfter(wait) = decided(&triplet, body) else { panic!("no retry") };
    assert!((3..=4).contains(&wait.as_secs()), "{wait:?}");

    // Retry-After keeps its precedence, and the body's hint before it.
    draft.insert("retry-after", HeaderValue::from_static("1"));
    assert_eq!(decided(&draft, body), Decision::RetryAfter(Duration::from_secs(1)));
    let hinted = br#"{"error": {"code": "RATE_LIMIT_EXCEEDED", "message": "m", "details": {"retry_after": 2}}}"#;
    assert_eq!(decided(&draft, hinted), Decision::RetryAfter(Duration::from_secs(2)));
}

#[test]
fn a_503_waits_the_reset_only_of_a_used_up_quota() {
    let mut headers = HeaderMap::new();
    headers.insert("ratelimit", HeaderValue::from_static("\"default\";r=5;t=3"));
    let err = ClientError::from_parts(StatusCode::SERVICE_UNAVAILABLE, &headers, b"");
    assert_eq!(
        err.outcome(),
        error_model::retry::Outcome::Status { status: StatusCode::SERVICE_UNAVAILABLE, retry_after: None }
    );
    headers.insert("ratelimit", HeaderValue::from_static("\"default\";r=0;t=3"));
    let err = ClientError::from_parts(StatusCode::SERVICE_UNAVAILABLE, &headers, b"");
    assert_eq!(
        err.outcome(),
        error_model::retry::Outcome::Status {
            status: StatusCode::SERVICE_UNAVAILABLE,
            retry_after: Some(Duration::from_secs(3))
        }
    );
}

#[test]
fn every_dialect_carries_the_quota_in_its_headers() {
    let quota = RateLimit::new(60, 0, 17).with_window(60).with_policy("per-key");
    let sent = ApiError::new(ErrorCode::RateLimitExceeded).with_retry_after(17).with_rate_limit(quota.clone());
    for dialect in Dialect::ALL {
        let res = dialect.encode(&sent);
        assert_eq!(res.headers()["ratelimit"], "\"per-key\";r=0;t=17", "{dialect:?}");
        assert_eq!(res.headers()["ratelimit-policy"], "\"per-key\";q=60;w=60", "{dialect:?}");
        let read = ApiError::from_response(&res).unwrap();
        assert_eq!(read.rate_limit(), Some(&quota), "{dialect:?}");
        assert_eq!(read.retry_wait(), Some(17), "{dialect:?}");
    }
}
