//! The client waits what a 429's rate-limit headers say when it has no
//! `Retry-After`: a small server on 127.0.0.1 refuses the first request
//! with only `RateLimit` (or only `X-RateLimit-Reset`), then answers.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use error_model::client::ClientError;
use error_model::limits::Limits;
use error_model::retry::{Jitter, RetryPolicy, SplitMix64};
use error_model_reqwest::send_with;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// Serves 429 with `limit_headers` to the first request and 200 to the
/// others; gives the base URL and the count of requests served.
async fn serve(limit_headers: &'static str) -> (String, Arc<AtomicU32>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let served = Arc::new(AtomicU32::new(0));
    let count = Arc::clone(&served);
    tokio::spawn(async move {
        loop {
            let Ok((mut stream, _)) = listener.accept().await else { return };
            let mut request = Vec::new();
            let mut buf = [0u8; 1024];
            while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                match stream.read(&mut buf).await {
                    Ok(0) | Err(_) => break,
                    Ok(n) => request.extend_from_slice(&buf[..n]),
                }
            }
            let response = if count.fetch_add(1, Ordering::SeqCst) == 0 {
                let body = r#"{"error": {"code": "RATE_LIMIT_EXCEEDED", "message": "Too many requests"}}"#;
                format!(
                    "HTTP/1.1 429 Too Many Requests\r\ncontent-type: application/json\r\n{limit_headers}content-length: {}\r\nconnection: close\r\n\r\n{body}",
                    body.len()
                )
            } else {
                "HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\nok".to_owned()
            };
            let _ = stream.write_all(response.as_bytes()).await;
            let _ = stream.shutdown().await;
        }
    });
    (base, served)
}

/// Backoff alone would wait 50 ms: a wait of a second is the server's.
const POLICY: RetryPolicy = RetryPolicy {
    max_attempts: 3,
    base_delay: Duration::from_millis(50),
    max_delay: Duration::from_millis(50),
    max_total_delay: Duration::from_secs(5),
    jitter: Jitter::None,
};

async fn waited_for(limit_headers: &'static str) -> Duration {
    let (base, served) = serve(limit_headers).await;
    let started = Instant::now();
    let request = reqwest::Client::new().get(format!("{base}/v1/leads/lead_1"));
    let called = send_with(request, &POLICY, &mut SplitMix64::new(1), &Limits::default()).await;
    let elapsed = started.elapsed();
    assert_eq!(called.result.unwrap().status(), 200);
    assert_eq!((called.attempts, served.load(Ordering::SeqCst)), (2, 2));
    // The policy's decided wait is exact; the clock only coarsely agrees.
    assert!(elapsed >= called.waited && elapsed < called.waited + Duration::from_secs(3), "{elapsed:?}");
    called.waited
}

#[tokio::test]
async fn a_ratelimit_field_without_retry_after_is_waited() {
    let waited = waited_for("ratelimit: \"default\";r=0;t=1\r\nratelimit-policy: \"default\";q=2;w=1\r\n").await;
    assert_eq!(waited, Duration::from_secs(1));
}

#[tokio::test]
async fn an_x_ratelimit_reset_alone_is_waited() {
    assert_eq!(waited_for("x-ratelimit-reset: 1\r\n").await, Duration::from_secs(1));
}

#[tokio::test]
async fn the_reset_as_a_unix_time_is_counted_from_now() {
    // Leaked once per test run: the header must be 'static for `serve`.
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
    let headers: &'static str = Box::leak(
        format!("x-ratelimit-limit: 2\r\nx-ratelimit-remaining: 0\r\nx-ratelimit-reset: {}\r\n", now + 2)
            .into_boxed_str(),
    );
    let waited = waited_for(headers).await;
    // Two seconds from when the header was written, one if a second turned meanwhile.
    assert!(waited == Duration::from_secs(1) || waited == Duration::from_secs(2), "{waited:?}");
}

#[tokio::test]
async fn the_rate_limited_error_carries_the_quota() {
    let (base, _) = serve("ratelimit: \"burst\";r=0;t=1\r\nratelimit-policy: \"burst\";q=5;w=10\r\n").await;
    let once = RetryPolicy { max_attempts: 1, ..POLICY };
    let called = send_with(reqwest::Client::new().get(&base), &once, &mut SplitMix64::new(1), &Limits::default()).await;
    match called.result {
        Err(ClientError::RateLimited { error, retry_after }) => {
            assert_eq!(retry_after, Some(Duration::from_secs(1)));
            assert_eq!(error.retry_after(), None, "the body and Retry-After gave no hint");
            let quota = error.rate_limit().unwrap();
            assert_eq!(
                (quota.policy.as_str(), quota.limit, quota.remaining, quota.reset, quota.window),
                ("burst", Some(5), Some(0), Some(1), Some(10))
            );
        }
        other => panic!("{other:?}"),
    }
}
