//! End to end over real HTTP on 127.0.0.1: the code-by-code example server,
//! driven by the crate's retrying reqwest client. The lead API's own tests
//! are in `leads.rs`.

#[allow(dead_code)]
#[path = "../examples/server.rs"]
mod server;

use std::time::{Duration, Instant};

use error_model::client::ClientError;
use error_model::limits::Limits;
use error_model::retry::{Jitter, RetryPolicy, SplitMix64};
use error_model::wire::{self, Dialect};
use error_model::{CodeSet, ErrorCode};
use error_model_publish::examples::example_error;
use error_model_reqwest::send_with;
use leads_contract::LeadCode;

async fn start() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, server::app()).await.unwrap() });
    format!("http://{addr}")
}

/// GETs `url` with the retrying client; a success is its body.
async fn get(url: &str, seed: u64) -> Got {
    let called =
        send_with(reqwest::Client::new().get(url), &FAST, &mut SplitMix64::new(seed), &Limits::default()).await;
    let result = match called.result {
        Ok(res) => Ok(res.text().await.unwrap()),
        Err(err) => Err(err),
    };
    Got { result, attempts: called.attempts, waited: called.waited }
}

struct Got {
    result: Result<String, ClientError>,
    attempts: u32,
    waited: Duration,
}

const FAST: RetryPolicy = RetryPolicy {
    max_attempts: 4,
    base_delay: Duration::from_millis(50),
    max_delay: Duration::from_millis(400),
    max_total_delay: Duration::from_secs(5),
    jitter: Jitter::Equal,
};

#[tokio::test]
async fn every_code_in_every_dialect_comes_back_as_documented() {
    let base = start().await;
    let http = reqwest::Client::new();
    for &dialect in Dialect::ALL {
        for info in ErrorCode::infos() {
            let res = http.get(format!("{base}/{}/errors/{}", dialect.name(), info.name())).send().await.unwrap();
            let expected = dialect.encode(&example_error(info, None));
            let ctx = format!("{dialect} {}", info.name());
            assert_eq!(res.status(), expected.status(), "{ctx}");
            for name in ["content-type", "retry-after", "x-request-id"] {
                assert_eq!(res.headers().get(name), expected.headers().get(name), "{ctx}: {name}");
            }
            let (status, headers) = (res.status(), res.headers().clone());
            let body = res.bytes().await.unwrap();
            let got: serde_json::Value = serde_json::from_slice(&body).unwrap();
            let want: serde_json::Value = serde_json::from_slice(expected.body()).unwrap();
            assert_eq!(got, want, "{ctx}");
            let (_, decoded) = wire::decode(Some(status), &headers, &body).unwrap();
            assert_eq!(decoded.code().as_str(), info.name(), "{ctx}");
            assert_eq!(decoded.status(), info.status(), "{ctx}");
        }
    }
}

#[tokio::test]
async fn request_ids_are_echoed_or_generated() {
    let base = start().await;
    let http = reqwest::Client::new();
    let res = http.get(format!("{base}/missing")).header("x-request-id", "req_from_client").send().await.unwrap();
    assert_eq!(res.headers()["x-request-id"], "req_from_client");
    let body: serde_json::Value = res.json_body().await;
    assert_eq!(body["error"]["request_id"], "req_from_client");

    let res = http.get(format!("{base}/missing")).send().await.unwrap();
    let generated = res.headers()["x-request-id"].to_str().unwrap().to_owned();
    assert!(generated.starts_with("req_") && generated.len() == 36, "{generated}");
    let body: serde_json::Value = res.json_body().await;
    assert_eq!(body["error"]["request_id"], generated.as_str());
}

#[tokio::test]
async fn rate_limit_is_retried_after_retry_after() {
    let base = start().await;
    let started = Instant::now();
    let called = get(&format!("{base}/flaky/429/a"), 1).await;
    let elapsed = started.elapsed();
    assert_eq!(called.result.unwrap(), "ok after 2 calls");
    assert_eq!(called.attempts, 2);
    assert_eq!(called.waited, Duration::from_secs(1), "waited exactly the server's Retry-After");
    assert!(elapsed >= Duration::from_secs(1) && elapsed < Duration::from_secs(5), "{elapsed:?}");
}

#[tokio::test]
async fn unavailable_is_retried_with_backoff() {
    let base = start().await;
    let called = get(&format!("{base}/flaky/503/b"), 2).await;
    assert_eq!(called.result.unwrap(), "ok after 3 calls");
    assert_eq!(called.attempts, 3);
    // Equal jitter: between half and all of 50 ms + 100 ms.
    assert!(
        called.waited >= Duration::from_millis(75) && called.waited <= Duration::from_millis(150),
        "{:?}",
        called.waited
    );
}

#[tokio::test]
async fn not_found_is_not_retried() {
    let base = start().await;
    let called = get(&format!("{base}/missing"), 3).await;
    assert_eq!(called.attempts, 1);
    match called.result {
        Err(ClientError::Api { error: err, .. }) => {
            assert_eq!(err.code().to_code_set::<LeadCode>(), Some(LeadCode::LeadNotFound));
            assert_eq!(err.message(), "Lead not found");
            assert!(err.request_id().is_some());
        }
        other => panic!("{:?}", other.map(|_| ())),
    }
}

#[tokio::test]
async fn network_failures_are_retried_then_reported() {
    // A port nothing listens on: bind one, then close it.
    let addr = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    let called = get(&format!("http://{addr}/"), 4).await;
    assert_eq!(called.attempts, FAST.max_attempts);
    assert!(matches!(called.result, Err(ClientError::NotSent(_))), "{:?}", called.result.map(|_| ()));

    // Nothing was sent, so even a POST is retried.
    let post = reqwest::Client::new().post(format!("http://{addr}/"));
    let called = send_with(post, &FAST, &mut SplitMix64::new(4), &Limits::default()).await;
    assert_eq!(called.attempts, FAST.max_attempts);
}

/// A server that counts the requests it receives per path and answers
/// each with the status the path names (`/503-retry-after` adds
/// `Retry-After: 0`).
async fn counting_server() -> (String, std::sync::Arc<std::sync::Mutex<std::collections::HashMap<String, u32>>>) {
    use axum::extract::{Path, State};
    use axum::response::IntoResponse;
    type Counts = std::sync::Arc<std::sync::Mutex<std::collections::HashMap<String, u32>>>;
    async fn answer(State(counts): State<Counts>, Path(what): Path<String>) -> axum::response::Response {
        *counts.lock().unwrap().entry(what.clone()).or_default() += 1;
        let (status, retry_after) = match what.as_str() {
            "503-retry-after" => (503, Some("0")),
            "429" => (429, Some("0")),
            other => (other.parse().unwrap_or(500), None),
        };
        let mut res =
            error_model::ApiError::new(error_model::status::bare_code(http::StatusCode::from_u16(status).unwrap()))
                .into_response();
        if let Some(secs) = retry_after {
            res.headers_mut().insert("retry-after", http::HeaderValue::from_static(secs));
        }
        res
    }
    let counts = Counts::default();
    let app = axum::Router::new().route("/{what}", axum::routing::any(answer)).with_state(counts.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (format!("http://{addr}"), counts)
}

#[tokio::test]
async fn retries_respect_idempotency() {
    let (base, counts) = counting_server().await;
    let http = reqwest::Client::new();
    let cases: [(&str, reqwest::RequestBuilder, u32); 8] = [
        // A POST that may have been processed is sent once.
        ("500", http.post(format!("{base}/500")), 1),
        ("503", http.patch(format!("{base}/503")), 1),
        // The answer proves it was not processed: retried.
        ("429", http.post(format!("{base}/429")), FAST.max_attempts),
        ("503-retry-after", http.post(format!("{base}/503-retry-after")), FAST.max_attempts),
        // An Idempotency-Key makes a POST safe to repeat.
        ("502", error_model_reqwest::with_idempotency_key(http.post(format!("{base}/502"))), FAST.max_attempts),
        // Idempotent methods are retried by the policy.
        ("504", http.put(format!("{base}/504")), FAST.max_attempts),
        ("500-get", http.get(format!("{base}/500-get")), FAST.max_attempts),
        ("404", http.delete(format!("{base}/404")), 1),
    ];
    for (path, request, expected) in cases {
        let called = send_with(request, &FAST, &mut SplitMix64::new(9), &Limits::default()).await;
        assert!(called.result.is_err(), "{path}");
        assert_eq!(called.attempts, expected, "{path}: attempts");
        assert_eq!(counts.lock().unwrap()[path], expected, "{path}: requests the server received");
    }
}

#[tokio::test]
async fn internal_error_never_shows_its_source() {
    let base = start().await;
    let res = reqwest::Client::new().get(format!("{base}/boom")).send().await.unwrap();
    assert_eq!(res.status(), 500);
    let body = res.text().await.unwrap();
    for secret in ["hunter2", "db.internal", "5432", "password"] {
        assert!(!body.contains(secret), "{secret} leaked: {body}");
    }
    let value: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(value["error"]["code"], "INTERNAL_ERROR");
    assert_eq!(value["error"]["message"], ErrorCode::InternalError.info().description());
}

trait JsonBody {
    async fn json_body(self) -> serde_json::Value;
}

impl JsonBody for reqwest::Response {
    async fn json_body(self) -> serde_json::Value {
        serde_json::from_slice(&self.bytes().await.unwrap()).unwrap()
    }
}

#[tokio::test]
async fn dialect_and_request_id_header_are_configurable() {
    use axum::{Router, routing::get};
    use error_model::ApiError;
    use error_model_axum::{ErrorConfig, ErrorLayer};

    let config =
        ErrorConfig::new(Dialect::Problem).request_id_header(http::HeaderName::from_static("x-correlation-id"));
    let app = Router::new()
        .route("/", get(|| async { Err::<String, _>(ApiError::permission_denied("No access")) }))
        .layer(ErrorLayer::new(config));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });

    let res = reqwest::Client::new()
        .get(format!("http://{addr}/"))
        .header("x-correlation-id", "corr-7")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    assert_eq!(res.headers()["content-type"], "application/problem+json");
    assert_eq!(res.headers()["x-correlation-id"], "corr-7");
    assert!(res.headers().get("x-request-id").is_none());
    let body: serde_json::Value = res.json_body().await;
    assert_eq!(body["code"], "FORBIDDEN");
    assert_eq!(body["request_id"], "corr-7");
}
