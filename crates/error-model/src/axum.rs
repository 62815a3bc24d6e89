//! axum integration (feature `axum`).
//!
//! [`ApiError`] is [`IntoResponse`]: a handler returns
//! `Result<T, ApiError>`. Add the [`errors`] middleware to choose the
//! [dialect](crate::wire::Dialect) errors are written in and the request-id
//! header: it takes the request id from that header, or generates one, makes
//! it available to handlers as [`RequestId`], writes it into every error and
//! echoes it on every response. Without the middleware errors go out in the
//! canonical shape.
//!
//! # Examples
//!
//! ```
//! use axum::{Router, middleware::from_fn_with_state, routing::get};
//! use error_model::axum::{ErrorConfig, RequestId, errors};
//! use error_model::{ApiError, wire::Dialect};
//!
//! async fn lead(RequestId(id): RequestId) -> Result<String, ApiError> {
//!     Err(ApiError::not_found(format!("Lead not found (request {id})")))
//! }
//!
//! let app: Router = Router::new()
//!     .route("/leads/{id}", get(lead))
//!     .layer(from_fn_with_state(ErrorConfig::new(Dialect::Problem), errors));
//! ```

use std::convert::Infallible;

use ::axum::body::Body;
use ::axum::extract::{FromRequestParts, Request, State};
use ::axum::middleware::Next;
use ::axum::response::{IntoResponse, Response};
use http::request::Parts;
use http::{HeaderName, HeaderValue};

use crate::ApiError;
use crate::response::X_REQUEST_ID;
use crate::retry::SplitMix64;
use crate::wire::Dialect;

/// How the [`errors`] middleware writes errors.
#[derive(Clone, Debug)]
pub struct ErrorConfig {
    dialect: Dialect,
    request_id_header: HeaderName,
}

impl ErrorConfig {
    /// Errors in `dialect`, request ids in `X-Request-ID`.
    pub fn new(dialect: Dialect) -> ErrorConfig {
        ErrorConfig { dialect, request_id_header: X_REQUEST_ID }
    }

    /// Reads and writes request ids in `header` instead of `X-Request-ID`.
    pub fn request_id_header(mut self, header: HeaderName) -> ErrorConfig {
        self.request_id_header = header;
        self
    }

    /// The dialect errors are written in.
    pub fn dialect(&self) -> Dialect {
        self.dialect
    }
}

impl Default for ErrorConfig {
    fn default() -> ErrorConfig {
        ErrorConfig::new(Dialect::Canonical)
    }
}

/// The id of the current request: the incoming one, or one the [`errors`]
/// middleware generated. Extract it in a handler.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestId(pub String);

impl RequestId {
    /// A new random id, `req_` and 16 hex digits.
    pub fn generate() -> RequestId {
        RequestId(format!("req_{:016x}", SplitMix64::from_entropy().next_u64()))
    }
}

impl<S: Send + Sync> FromRequestParts<S> for RequestId {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<RequestId, Infallible> {
        Ok(parts.extensions.get::<RequestId>().cloned().unwrap_or_else(RequestId::generate))
    }
}

/// Marks a response as an error response, carrying the error for the middleware.
#[derive(Clone)]
struct Rendered(ApiError);

impl IntoResponse for ApiError {
    /// The canonical response; the [`errors`] middleware rewrites it in its
    /// dialect with the request id.
    fn into_response(self) -> Response {
        let mut res = self.to_response().map(Body::from);
        res.extensions_mut().insert(Rendered(self));
        res
    }
}

/// Accepts an incoming request id only if it is short and printable.
fn valid_request_id(value: &HeaderValue) -> Option<String> {
    let id = value.to_str().ok()?.trim();
    let ok = !id.is_empty() && id.len() <= 128 && id.bytes().all(|b| b.is_ascii_graphic());
    ok.then(|| id.to_owned())
}

/// The middleware: request ids in, errors out in the configured dialect.
///
/// Use it with `axum::middleware::from_fn_with_state(config, errors)`.
pub async fn errors(State(config): State<ErrorConfig>, mut req: Request, next: Next) -> Response {
    let id = req
        .headers()
        .get(&config.request_id_header)
        .and_then(valid_request_id)
        .map_or_else(RequestId::generate, RequestId);
    req.extensions_mut().insert(id.clone());
    let mut res = next.run(req).await;
    if let Some(Rendered(err)) = res.extensions_mut().remove::<Rendered>() {
        let err = if err.request_id().is_some() { err } else { err.with_request_id(id.0.clone()) };
        res = config.dialect.encode(&err).map(Body::from);
        if config.request_id_header != X_REQUEST_ID {
            res.headers_mut().remove(X_REQUEST_ID);
        }
    }
    if let Ok(value) = HeaderValue::from_str(&id.0) {
        res.headers_mut().entry(config.request_id_header).or_insert(value);
    }
    res
}
