//! Any request head and body through the `ErrorLayer` around an axum
//! router with the contract's extractors: every error response is inside
//! the contract (a JSON error body in the configured dialect, or
//! problem+json when asked for, that decodes to an error with the response's
//! status and the echoed request id), and no Rust type name, panic message or
//! source text reaches the client.
#![no_main]

use std::sync::LazyLock;

use axum::Router;
use axum::body::Body;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use error_model::wire::{self, Dialect};
use error_model::ApiError;
use error_model_axum::{ErrorConfig, ErrorLayer, Json, Path, Query};
use http::{HeaderName, HeaderValue, Method, Request};
use libfuzzer_sys::fuzz_target;
use tower::ServiceExt;

#[derive(serde::Deserialize)]
#[allow(dead_code)]
struct NewThing {
    name: String,
    count: u32,
    tags: Vec<String>,
}

#[derive(serde::Deserialize)]
#[allow(dead_code)]
struct Page {
    limit: Option<u8>,
}

async fn create(Json(_): Json<NewThing>) -> &'static str {
    "created"
}
async fn read(Path(_): Path<u64>, Query(_): Query<Page>) -> &'static str {
    "read"
}
async fn fail() -> Result<(), ApiError> {
    Err(ApiError::internal(std::io::Error::other("db.internal:5432 password=hunter2")))
}

static RUNTIME: LazyLock<tokio::runtime::Runtime> =
    LazyLock::new(|| tokio::runtime::Builder::new_current_thread().build().expect("a runtime"));

static APP: LazyLock<Router> = LazyLock::new(|| {
    Router::new()
        .route("/things", post(create))
        .route("/things/{id}", get(read))
        .route("/fail", get(fail))
        .fallback(error_model_axum::fallback)
        .layer(DefaultBodyLimit::max(1024))
        .layer(ErrorLayer::new(ErrorConfig::new(Dialect::Canonical)))
});

const METHODS: [Method; 5] = [Method::GET, Method::POST, Method::PUT, Method::DELETE, Method::PATCH];
const PATHS: [&str; 5] = ["/things", "/things/", "/fail", "/nowhere", ""];
// No panicking route: libFuzzer aborts on any panic, even one the layer
// catches (the catch-panic path is tested in error-model-tower's tests).
const LEAKS: [&str; 5] = ["NewThing", "Page", "hunter2", "u64", "struct"];

fuzz_target!(|input: (u8, u8, &str, Vec<(&str, &str)>, &[u8])| {
    let (method, path, tail, headers, body) = input;
    let uri = format!("{}{}", PATHS[usize::from(path) % PATHS.len()], tail);
    let mut req = Request::builder().method(METHODS[usize::from(method) % METHODS.len()].clone());
    for (name, value) in headers.iter().take(16) {
        if let (Ok(name), Ok(value)) = (HeaderName::from_bytes(name.as_bytes()), HeaderValue::from_str(value)) {
            req = req.header(name, value);
        }
    }
    let Ok(req) = req.uri(uri).body(Body::from(body.to_vec())) else { return };
    let res = RUNTIME.block_on(APP.clone().oneshot(req)).expect("infallible");
    let status = res.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return;
    }
    let headers = res.headers().clone();
    let body = RUNTIME.block_on(axum::body::to_bytes(res.into_body(), 1 << 20)).expect("a bounded body");
    let text = String::from_utf8_lossy(&body);
    for leak in LEAKS {
        assert!(!text.contains(leak), "{leak} reached the client: {text}");
    }
    let (shape, err) = wire::decode(Some(status), &headers, &body).unwrap_or_else(|e| panic!("{status}: {e}: {text}"));
    let dialect = shape.dialect();
    assert!(matches!(dialect, Some(Dialect::Canonical | Dialect::Problem)), "{shape:?}: {text}");
    assert_eq!(dialect.map(|d| d.encode(&err).status()), Some(status), "{text}");
    let echoed = headers.get("x-request-id").and_then(|v| v.to_str().ok());
    assert!(echoed.is_some() && err.request_id() == echoed, "{text}");
});
