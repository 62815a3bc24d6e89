//! The retry policy as a table: every status class, both `Retry-After` forms, the caps.

use std::time::{Duration, UNIX_EPOCH};

use error_model::client::ClientError;
use error_model::retry::{Decision, Jitter, Outcome, RetryPolicy, SplitMix64, StopReason, parse_retry_after};
use http::{HeaderMap, HeaderValue, StatusCode};

const NO_JITTER: RetryPolicy = RetryPolicy {
    max_attempts: 4,
    base_delay: Duration::from_millis(100),
    max_delay: Duration::from_secs(1),
    max_total_delay: Duration::from_secs(10),
    jitter: Jitter::None,
};

fn status(code: u16, retry_after: Option<u64>) -> Outcome {
    Outcome::Status { status: StatusCode::from_u16(code).unwrap(), retry_after: retry_after.map(Duration::from_secs) }
}

fn ms(n: u64) -> Decision {
    Decision::RetryAfter(Duration::from_millis(n))
}

#[test]
fn every_status_class() {
    use StopReason::*;
    let table: &[(Outcome, Decision)] = &[
        // 4xx: only 429 is retried, after the server's delay or with backoff.
        (status(400, None), Decision::Stop(NotRetryable)),
        (status(401, None), Decision::Stop(NotRetryable)),
        (status(403, None), Decision::Stop(NotRetryable)),
        (status(404, Some(5)), Decision::Stop(NotRetryable)),
        // 408: the registry's REQUEST_TIMEOUT is retryable.
        (status(408, None), ms(100)),
        (status(409, None), Decision::Stop(NotRetryable)),
        (status(422, None), Decision::Stop(NotRetryable)),
        (status(429, Some(2)), ms(2000)),
        (status(429, None), ms(100)),
        // 5xx: 500, 502, 503 and 504 with backoff; a 503's longer Retry-After wins.
        (status(500, None), ms(100)),
        (status(502, None), ms(100)),
        (status(503, None), ms(100)),
        (status(503, Some(3)), ms(3000)),
        (status(501, None), Decision::Stop(NotRetryable)),
        (status(504, None), ms(100)),
        (status(505, None), Decision::Stop(NotRetryable)),
        // No answer at all.
        (Outcome::Network, ms(100)),
        // Not failures.
        (status(200, None), Decision::Stop(NotRetryable)),
        (status(302, None), Decision::Stop(NotRetryable)),
    ];
    for (outcome, expected) in table {
        assert_eq!(NO_JITTER.decide(1, *outcome, Duration::ZERO, 0), *expected, "{outcome:?}");
    }
}

#[test]
fn backoff_doubles_up_to_the_cap() {
    let delays: Vec<Decision> = (1..=6)
        .map(|attempt| {
            RetryPolicy { max_attempts: 10, ..NO_JITTER }.decide(attempt, Outcome::Network, Duration::ZERO, 0)
        })
        .collect();
    assert_eq!(delays, [ms(100), ms(200), ms(400), ms(800), ms(1000), ms(1000)]);
}

#[test]
fn attempts_and_total_delay_are_capped() {
    let p = NO_JITTER;
    assert_eq!(p.decide(3, Outcome::Network, Duration::ZERO, 0), ms(400));
    assert_eq!(p.decide(4, Outcome::Network, Duration::ZERO, 0), Decision::Stop(StopReason::MaxAttempts));
    assert_eq!(p.decide(1, status(429, Some(11)), Duration::ZERO, 0), Decision::Stop(StopReason::MaxTotalDelay));
    assert_eq!(
        p.decide(2, status(500, None), Duration::from_millis(9_900), 0),
        Decision::Stop(StopReason::MaxTotalDelay)
    );
    assert_eq!(p.decide(2, status(500, None), Duration::from_millis(9_800), 0), ms(200));
}

#[test]
fn jitter_is_bounded_and_deterministic_under_a_seed() {
    for jitter in [Jitter::Full, Jitter::Equal] {
        let p = RetryPolicy { jitter, max_attempts: 100, max_total_delay: Duration::MAX, ..NO_JITTER };
        let run = |seed| {
            let mut rng = SplitMix64::new(seed);
            (1..=5).map(|a| p.decide(a, Outcome::Network, Duration::ZERO, rng.next_u64())).collect::<Vec<_>>()
        };
        assert_eq!(run(42), run(42), "same seed, same delays");
        assert_ne!(run(42), run(43), "another seed, other delays");
        let mut rng = SplitMix64::new(1);
        for attempt in 1..=5 {
            for _ in 0..200 {
                let Decision::RetryAfter(d) = p.decide(attempt, Outcome::Network, Duration::ZERO, rng.next_u64())
                else {
                    panic!()
                };
                let full = p.backoff(attempt);
                let low = if jitter == Jitter::Equal { full / 2 } else { Duration::ZERO };
                assert!(d >= low && d <= full, "{jitter:?} {attempt}: {d:?} not in {low:?}..={full:?}");
            }
        }
    }
    // The server's Retry-After is never jittered.
    let p = RetryPolicy { jitter: Jitter::Full, ..NO_JITTER };
    assert_eq!(p.decide(1, status(429, Some(1)), Duration::ZERO, u64::MAX), ms(1000));
}

#[test]
fn retry_after_both_forms() {
    let now = UNIX_EPOCH + Duration::from_secs(1_445_412_470); // Wed, 21 Oct 2015 07:27:50 GMT
    let table: &[(&str, Option<u64>)] = &[
        ("0", Some(0)),
        ("1", Some(1)),
        (" 120 ", Some(120)),
        ("Wed, 21 Oct 2015 07:28:00 GMT", Some(10)),
        ("Wednesday, 21-Oct-15 07:28:00 GMT", Some(10)), // RFC 850, obsolete but allowed
        ("Wed Oct 21 07:28:00 2015", Some(10)),          // asctime
        ("Wed, 21 Oct 2015 07:27:00 GMT", Some(0)),      // in the past
        ("-5", None),
        ("1.5", None),
        ("soon", None),
        ("", None),
    ];
    for (value, secs) in table {
        assert_eq!(parse_retry_after(value, now), secs.map(Duration::from_secs), "{value:?}");
    }
}

#[test]
fn client_errors_feed_the_policy() {
    let now = UNIX_EPOCH + Duration::from_secs(1_445_412_470);
    let mut headers = HeaderMap::new();
    headers.insert("retry-after", HeaderValue::from_static("Wed, 21 Oct 2015 07:28:00 GMT"));
    let body = br#"{"error": {"code": "RATE_LIMIT_EXCEEDED", "message": "Too many requests", "details": {"retry_after": 60}}}"#;
    // One precedence rule (`status::retry_hint`): the body's hint wins over
    // the header's, for the decoder and the client alike.
    let err = ClientError::from_parts_at(StatusCode::TOO_MANY_REQUESTS, &headers, body, now);
    assert_eq!(err.outcome(), status(429, Some(60)), "the body wins over the header");
    assert_eq!(err.api_error().unwrap().retry_after(), Some(60), "the error says what the client waits");
    let patient = RetryPolicy { max_total_delay: Duration::from_secs(120), ..NO_JITTER };
    assert_eq!(patient.decide(1, err.outcome(), Duration::ZERO, 0), ms(60_000));
    let decoded = error_model::wire::decode_or_status_at(StatusCode::TOO_MANY_REQUESTS, &headers, body, now).0;
    assert_eq!(decoded.retry_after(), Some(60), "the decoder applies the same rule");

    let no_hint = br#"{"error": {"code": "RATE_LIMIT_EXCEEDED", "message": "Too many requests"}}"#;
    let err = ClientError::from_parts_at(StatusCode::TOO_MANY_REQUESTS, &headers, no_hint, now);
    assert_eq!(err.outcome(), status(429, Some(10)), "the header's HTTP-date, read at `now`, without a body hint");
    assert_eq!(err.api_error().unwrap().retry_after(), Some(10));
    let decoded = error_model::wire::decode_or_status_at(StatusCode::TOO_MANY_REQUESTS, &headers, no_hint, now).0;
    assert_eq!(decoded.retry_after(), Some(10));

    let err = ClientError::from_parts_at(StatusCode::TOO_MANY_REQUESTS, &HeaderMap::new(), body, now);
    assert_eq!(err.outcome(), status(429, Some(60)), "the body's hint without a header");

    let seed_001 = br#"{"success": false, "error": "Lead not found", "code": "LEAD_NOT_FOUND"}"#;
    let err = ClientError::from_parts(StatusCode::NOT_FOUND, &HeaderMap::new(), seed_001);
    assert!(matches!(&err, ClientError::Api { error: e, .. } if e.code().as_str() == "LEAD_NOT_FOUND"));
    assert_eq!(NO_JITTER.decide(1, err.outcome(), Duration::ZERO, 0), Decision::Stop(StopReason::NotRetryable));

    let err = ClientError::from_parts(StatusCode::BAD_GATEWAY, &HeaderMap::new(), b"<html>502</html>");
    assert!(matches!(err, ClientError::Undecodable { .. }));
    assert_eq!(err.status(), Some(StatusCode::BAD_GATEWAY));
    assert_eq!(NO_JITTER.decide(1, err.outcome(), Duration::ZERO, 0), ms(100));

    let err = ClientError::from_parts(
        StatusCode::SERVICE_UNAVAILABLE,
        &HeaderMap::new(),
        br#"{"code": "SERVICE_UNAVAILABLE", "message": "down"}"#,
    );
    assert!(matches!(err, ClientError::Server { .. }));

    let err = ClientError::network(std::io::Error::from(std::io::ErrorKind::ConnectionRefused));
    assert_eq!(err.outcome(), Outcome::Network);
    assert!(err.api_error().is_none());
}

/// A zero or past `Retry-After` still waits the first backoff step.
#[test]
fn zero_or_past_hints_wait_a_minimum() {
    let mut rng = SplitMix64::new(1);
    for hint in [Some(0), None] {
        let decision = NO_JITTER.decide(1, status(429, hint), Duration::ZERO, rng.next_u64());
        assert_eq!(decision, ms(100), "{hint:?}");
    }
    let past = "Wed, 21 Oct 2015 07:28:00 GMT";
    let mut headers = HeaderMap::new();
    headers.insert("retry-after", HeaderValue::from_static(past));
    let err = ClientError::from_parts(StatusCode::TOO_MANY_REQUESTS, &headers, b"{}");
    assert_eq!(NO_JITTER.decide(1, err.outcome(), Duration::ZERO, 0), ms(100));
}

/// A status that is not an error is never an API error, nor retried, even
/// with an error body that says 503.
#[test]
fn non_error_statuses_are_never_api_errors_nor_retried() {
    let body = br#"{"error": {"code": "SERVICE_UNAVAILABLE", "status": 503, "message": "down"}}"#;
    for code in [200, 201, 204, 302, 304] {
        let status = StatusCode::from_u16(code).unwrap();
        let err = ClientError::from_parts(status, &HeaderMap::new(), body);
        assert!(matches!(err, ClientError::UnexpectedStatus { .. }), "{code}: {err:?}");
        assert_eq!(err.status(), Some(status));
        assert_eq!(
            RetryPolicy::default().decide(1, err.outcome(), Duration::ZERO, 0),
            Decision::Stop(StopReason::NotRetryable)
        );
    }
}

/// A server's hint of centuries is clamped where the crate reports it.
#[test]
fn absurd_hints_are_clamped() {
    let mut headers = HeaderMap::new();
    headers.insert("retry-after", HeaderValue::from_static("999999999999"));
    let body =
        br#"{"error": {"code": "RATE_LIMIT_EXCEEDED", "message": "m", "details": {"retry_after": 999999999999}}}"#;
    for headers in [headers, HeaderMap::new()] {
        match ClientError::from_parts(StatusCode::TOO_MANY_REQUESTS, &headers, body) {
            ClientError::RateLimited { retry_after, .. } => {
                assert_eq!(retry_after, Some(error_model::client::MAX_RETRY_AFTER));
            }
            other => panic!("{other:?}"),
        }
    }
}
