//! An axum server that answers with every registry code, in any dialect.
//!
//! ```sh
//! cargo run -p error-model-examples --example server -- 127.0.0.1:3000
//! curl -i localhost:3000/field-map/errors/VALIDATION_ERROR
//! ```
//!
//! - `GET /{dialect}/errors/{CODE}`: the example error of `CODE`, in that dialect;
//! - `GET /flaky/429/{key}`: 429 with `Retry-After: 1` once per key, then 200;
//! - `GET /flaky/503/{key}`: 503 twice per key, then 200;
//! - `GET /missing`: 404;
//! - `GET /boom`: an internal error whose cause (with a secret in it) stays in the server.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::extract::{Path, State};
use axum::routing::get;
use error_model::wire::Dialect;
use error_model::{ApiError, ErrorCode};
use error_model_axum::{ErrorConfig, ErrorLayer, RequestId};
use error_model_publish::examples::example_error;
use leads_contract::LeadCode;

/// Calls seen per flaky key.
#[derive(Clone, Default)]
pub struct Flaky(Arc<Mutex<HashMap<String, u32>>>);

impl Flaky {
    fn hit(&self, key: &str) -> u32 {
        let mut calls = self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let n = calls.entry(key.to_owned()).or_default();
        *n += 1;
        *n
    }
}

async fn error_for_code(Path(code): Path<String>) -> Result<String, ApiError> {
    match ErrorCode::from_wire(&code) {
        Some(code) => Err(example_error(code.info(), None)),
        None => Err(ApiError::not_found(format!("No code named {code}"))),
    }
}

async fn flaky(State(flaky): State<Flaky>, Path((kind, key)): Path<(String, String)>) -> Result<String, ApiError> {
    let calls = flaky.hit(&format!("{kind}/{key}"));
    match kind.as_str() {
        "429" if calls <= 1 => Err(ApiError::rate_limited(1)),
        "503" if calls <= 2 => Err(ApiError::unavailable(None)),
        "429" | "503" => Ok(format!("ok after {calls} calls")),
        _ => Err(ApiError::not_found("No such flaky endpoint")),
    }
}

async fn missing() -> Result<String, ApiError> {
    Err(ApiError::new(LeadCode::LeadNotFound).with_message("Lead not found"))
}

async fn boom(id: RequestId) -> Result<String, ApiError> {
    let cause = std::io::Error::other(format!("connection to db.internal:5432 failed: password=hunter2 ({id})"));
    // The cause goes to the logs (feature `tracing`), with the request id; never to the client.
    Err(ApiError::internal(cause))
}

/// The whole application.
pub fn app() -> Router {
    let mut app = Router::new();
    for &dialect in Dialect::ALL {
        let errors_in_dialect = Router::new()
            .route("/errors/{code}", get(error_for_code))
            .layer(ErrorLayer::new(ErrorConfig::new(dialect)));
        app = app.nest(&format!("/{}", dialect.name()), errors_in_dialect);
    }
    let rest = Router::new()
        .route("/flaky/{kind}/{key}", get(flaky))
        .route("/missing", get(missing))
        .route("/boom", get(boom))
        .with_state(Flaky::default())
        .layer(ErrorLayer::default());
    app.merge(rest)
}

#[allow(dead_code)]
#[tokio::main]
async fn main() {
    let addr = std::env::args().nth(1).unwrap_or_else(|| "127.0.0.1:3000".to_owned());
    let listener = tokio::net::TcpListener::bind(&addr).await.expect("bind the address");
    eprintln!("listening on http://{}", listener.local_addr().expect("a local address"));
    axum::serve(listener, app()).await.expect("serve");
}
