//! tower integration for error-model: the [`ErrorLayer`], which puts every
//! response of any tower-based HTTP server inside the contract.
//!
//! Wrapped around a service (an axum `Router`, a hyper service, a plain
//! [`tower_service::Service`]), the layer
//!
//! - gives each request an id ([`RequestId`]: the incoming one, a
//!   `tower-http` one, or a generated one; see [`request_id`]) and echoes it
//!   on every response;
//! - picks the dialect errors are written in: the configured one, or
//!   RFC 9457 problem+json when the request's `Accept` prefers it
//!   ([`negotiate`]), with `Vary: Accept`;
//! - writes every error in that dialect with the request id, redacting the
//!   values of sensitive fields and members (the built-in names, and those
//!   a service adds with [`ErrorConfig::with_sensitive_names`]):
//!   - an [`ApiError`](error_model::ApiError) the service returned as its error (`S::Error`
//!     converts into a boxed error that downcasts to `ApiError`), or rendered
//!     into a response (the axum integration's `IntoResponse`);
//!   - any other service error, as `INTERNAL_ERROR`, its text kept for the logs;
//!   - a response with a 4xx or 5xx status that is not JSON (the empty 404
//!     of an unknown route, the empty 405 of a wrong method, the plain-text
//!     rejections of a framework, a `tower-http` timeout's 408), as the
//!     registry's [code for that status](error_model::status::bare_code);
//!     its headers (`Allow`, `WWW-Authenticate`, `Retry-After`, ...) are
//!     kept, its body and the headers that describe it (`Content-Type`,
//!     `Content-Length`, `Content-Encoding`) are not;
//!   - with the `catch-panic` feature (on by default), a panic in the
//!     service, as `INTERNAL_ERROR`, with nothing of the panic's message on
//!     the wire;
//! - writes the rate-limit headers: `RateLimit` and `RateLimit-Policy`
//!   (draft-ietf-httpapi-ratelimit-headers, and with
//!   [`ErrorConfig::rate_limit_fields`] the `X-RateLimit-*` triplet) of the
//!   quota an error carries ([`ApiError::with_rate_limit`](error_model::ApiError::with_rate_limit)),
//!   or that the service put in any response's extensions (a
//!   [`RateLimit`](error_model::ratelimit::RateLimit): a limiter does this
//!   on every response it lets through; see [`error_model::ratelimit`]);
//! - with the `tracing` feature, logs each 5xx it sends once, with its
//!   source chain, request id, code and status ([`log`]).
//!
//! Responses that are not errors, and JSON error responses the service
//! wrote itself, pass through unchanged but for the request-id header (and
//! the rate-limit headers of a quota in their extensions).
//!
//! # Examples
//!
//! A plain tower service whose errors are `ApiError`s:
//!
//! ```
//! use std::convert::Infallible;
//! use error_model_tower::{ErrorConfig, ErrorLayer};
//! use error_model::{ApiError, ErrorCode, wire::Dialect};
//! use tower_layer::Layer;
//! use tower_service::Service;
//!
//! #[derive(Clone)]
//! struct Leads;
//!
//! impl Service<http::Request<String>> for Leads {
//!     type Response = http::Response<String>;
//!     type Error = ApiError;
//!     type Future = std::future::Ready<Result<http::Response<String>, ApiError>>;
//!
//!     fn poll_ready(&mut self, _: &mut std::task::Context<'_>) -> std::task::Poll<Result<(), ApiError>> {
//!         std::task::Poll::Ready(Ok(()))
//!     }
//!
//!     fn call(&mut self, _: http::Request<String>) -> Self::Future {
//!         std::future::ready(Err(ApiError::new(ErrorCode::NotFound)))
//!     }
//! }
//!
//! let mut service = ErrorLayer::new(ErrorConfig::new(Dialect::Canonical)).layer(Leads);
//! let request = http::Request::builder()
//!     .header("accept", "application/problem+json")
//!     .header("x-request-id", "req_7")
//!     .body(String::new())
//!     .unwrap();
//! # let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
//! let response = rt.block_on(service.call(request)).unwrap();
//! assert_eq!(response.status(), 404);
//! assert_eq!(response.headers()["content-type"], "application/problem+json");
//! assert_eq!(response.headers()["vary"], "accept");
//! assert_eq!(response.headers()["x-request-id"], "req_7");
//! ```

#![warn(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

/// The `http` crate, whose types this crate's API uses.
pub use error_model::http;

/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

mod body;
mod future;
pub mod log;
pub mod negotiate;
pub mod request_id;
#[cfg(feature = "opentelemetry")]
#[cfg_attr(docsrs, doc(cfg(feature = "opentelemetry")))]
pub mod telemetry;

use std::task::{Context, Poll};

use http::{HeaderName, Request, Response};
use tower_layer::Layer;
use tower_service::Service;

use error_model::code::DocsBase;
use error_model::headers::X_REQUEST_ID;
use error_model::ratelimit::Fields;
use error_model::redact::SensitiveNames;
use error_model::wire::Dialect;

pub use body::ErrorBody;
pub use future::ResponseFuture;
pub use request_id::{GenerateRequestId, RequestId};

/// A boxed error, as tower services return them.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// How the [`ErrorLayer`] writes errors: the dialect, whether `Accept` may
/// ask for RFC 9457 instead, the request-id header, the names whose values
/// are redacted, and the service's docs base.
#[derive(Clone, Debug)]
pub struct ErrorConfig {
    dialect: Dialect,
    negotiate: bool,
    request_id_header: HeaderName,
    sensitive_names: SensitiveNames,
    docs_base: Option<DocsBase>,
    #[cfg(feature = "opentelemetry")]
    metrics: Option<telemetry::ErrorMetrics>,
    #[cfg(feature = "opentelemetry")]
    route: Option<RouteOf>,
    rate_limit_fields: Fields,
}

/// How the layer reads a request's route template (`http.route`, such as
/// `/v1/leads/{id}`) from its extensions; error-model-axum's
/// `matched_path` reads axum's `MatchedPath`.
#[cfg(feature = "opentelemetry")]
#[cfg_attr(docsrs, doc(cfg(feature = "opentelemetry")))]
pub type RouteOf = for<'a> fn(&'a http::Extensions) -> Option<&'a str>;

impl ErrorConfig {
    /// Errors in `dialect` (or problem+json when `Accept` prefers it),
    /// request ids in `X-Request-ID`, no docs base.
    pub fn new(dialect: Dialect) -> ErrorConfig {
        ErrorConfig {
            dialect,
            negotiate: true,
            request_id_header: X_REQUEST_ID,
            sensitive_names: SensitiveNames::default(),
            docs_base: None,
            #[cfg(feature = "opentelemetry")]
            metrics: None,
            #[cfg(feature = "opentelemetry")]
            route: None,
            rate_limit_fields: Fields::Draft,
        }
    }

    /// Counts every error response the layer sends on `metrics` (see
    /// [`telemetry`]). The span attributes are set with the feature alone.
    #[cfg(feature = "opentelemetry")]
    #[cfg_attr(docsrs, doc(cfg(feature = "opentelemetry")))]
    pub fn metrics(mut self, metrics: telemetry::ErrorMetrics) -> ErrorConfig {
        self.metrics = Some(metrics);
        self
    }

    /// Reads each request's route template with `route`, for the counter's
    /// `http.route` attribute.
    #[cfg(feature = "opentelemetry")]
    #[cfg_attr(docsrs, doc(cfg(feature = "opentelemetry")))]
    pub fn route(mut self, route: RouteOf) -> ErrorConfig {
        self.route = Some(route);
        self
    }

    /// Which rate-limit fields a quota is written as: `RateLimit` and
    /// `RateLimit-Policy` ([`Fields::Draft`], the default), or those and
    /// the `X-RateLimit-*` triplet ([`Fields::WithLegacy`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use error_model::{ratelimit::Fields, wire::Dialect};
    /// use error_model_tower::ErrorConfig;
    ///
    /// let config = ErrorConfig::new(Dialect::Canonical).rate_limit_fields(Fields::WithLegacy);
    /// assert_eq!(config.rate_limit_fields_written(), Fields::WithLegacy);
    /// ```
    pub fn rate_limit_fields(mut self, fields: Fields) -> ErrorConfig {
        self.rate_limit_fields = fields;
        self
    }

    /// The rate-limit fields a quota is written as.
    pub fn rate_limit_fields_written(&self) -> Fields {
        self.rate_limit_fields
    }

    /// Redacts the values of fields and members sensitive to `names` (the
    /// built-in names and a service's own) in every error the layer writes;
    /// the built-in names alone unless set here.
    ///
    /// The layer also puts `names` in each request's extensions, where
    /// handlers and extractors (error-model-axum's) read them.
    ///
    /// # Examples
    ///
    /// ```
    /// use error_model::{redact::SensitiveNames, wire::Dialect};
    /// use error_model_tower::ErrorConfig;
    ///
    /// let config = ErrorConfig::new(Dialect::Canonical)
    ///     .with_sensitive_names(SensitiveNames::default().with_names(["tax_id", "recovery_phrase"]));
    /// assert!(config.sensitive_names().is_sensitive("customer.taxId"));
    /// ```
    pub fn with_sensitive_names(mut self, names: SensitiveNames) -> ErrorConfig {
        self.sensitive_names = names;
        self
    }

    /// The names whose values are redacted.
    pub fn sensitive_names(&self) -> &SensitiveNames {
        &self.sensitive_names
    }

    /// Links every error whose code has no page of its own (the built-in
    /// codes, and those of a table without a docs base) to its page under
    /// `base`, in every dialect that carries a link (RFC 9457 `type`,
    /// `docs_url`, `doc_url`, `links.about`, `documentation_url`, Google's
    /// `Help`); see [`ApiError::with_docs_base`](error_model::ApiError::with_docs_base).
    /// Without a base, those errors carry no link (problem+json:
    /// `about:blank`). A team whose table declares its base
    /// (`#![docs = "..."]`) passes the same value:
    /// `DocsBase::of::<MyCode>()`.
    ///
    /// # Examples
    ///
    /// ```
    /// use error_model::code::DocsBase;
    /// use error_model::wire::Dialect;
    /// use error_model_tower::ErrorConfig;
    ///
    /// let config = ErrorConfig::new(Dialect::Problem).docs_base(DocsBase::from_static("https://docs.example.com/errors/"));
    /// assert_eq!(config.docs().map(DocsBase::as_str), Some("https://docs.example.com/errors/"));
    /// ```
    pub fn docs_base(mut self, base: DocsBase) -> ErrorConfig {
        self.docs_base = Some(base);
        self
    }

    /// The configured docs base, if any.
    pub fn docs(&self) -> Option<&DocsBase> {
        self.docs_base.as_ref()
    }

    /// Reads and writes request ids in `header` instead of `X-Request-ID`.
    pub fn request_id_header(mut self, header: HeaderName) -> ErrorConfig {
        self.request_id_header = header;
        self
    }

    /// Whether a request's `Accept` header may choose problem+json
    /// ([`negotiate`]); on unless turned off here.
    pub fn negotiate(mut self, negotiate: bool) -> ErrorConfig {
        self.negotiate = negotiate;
        self
    }

    /// The configured dialect.
    pub fn dialect(&self) -> Dialect {
        self.dialect
    }

    /// The dialect to answer a request with these `headers` in.
    pub fn dialect_for(&self, headers: &http::HeaderMap) -> Dialect {
        if !self.negotiate {
            return self.dialect;
        }
        let accept = headers.get(http::header::ACCEPT).and_then(|v| v.to_str().ok());
        negotiate::negotiate(accept, self.dialect)
    }
}

impl Default for ErrorConfig {
    /// The canonical dialect.
    fn default() -> ErrorConfig {
        ErrorConfig::new(Dialect::Canonical)
    }
}

/// The [`Layer`] that puts a service's responses inside the contract; see
/// the [module docs](self).
#[derive(Clone, Debug, Default)]
pub struct ErrorLayer {
    config: ErrorConfig,
}

impl ErrorLayer {
    /// A layer with this configuration.
    pub fn new(config: ErrorConfig) -> ErrorLayer {
        ErrorLayer { config }
    }
}

impl<S> Layer<S> for ErrorLayer {
    type Service = ErrorService<S>;

    fn layer(&self, inner: S) -> ErrorService<S> {
        ErrorService { inner, config: self.config.clone() }
    }
}

/// The [`Service`] the [`ErrorLayer`] makes.
///
/// Its error type is the inner service's, but only `poll_ready` returns one:
/// every error of a call becomes an error response.
#[derive(Clone, Debug)]
pub struct ErrorService<S> {
    inner: S,
    config: ErrorConfig,
}

impl<S> ErrorService<S> {
    /// Wraps `inner`.
    pub fn new(inner: S, config: ErrorConfig) -> ErrorService<S> {
        ErrorService { inner, config }
    }
}

impl<S, ReqB, ResB> Service<Request<ReqB>> for ErrorService<S>
where
    S: Service<Request<ReqB>, Response = Response<ResB>>,
    S::Error: Into<BoxError>,
{
    type Response = Response<ErrorBody<ResB>>;
    type Error = S::Error;
    type Future = ResponseFuture<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut req: Request<ReqB>) -> ResponseFuture<S::Future> {
        let header = &self.config.request_id_header;
        let id = RequestId::of(&req, header);
        id.insert_into(&mut req, header);
        req.extensions_mut().insert(self.config.sensitive_names.clone());
        let ctx = future::Ctx {
            dialect: self.config.dialect_for(req.headers()),
            negotiated: self.config.negotiate,
            request_id: id,
            header: header.clone(),
            sensitive_names: self.config.sensitive_names.clone(),
            docs_base: self.config.docs_base.clone(),
            #[cfg(feature = "opentelemetry")]
            route: self.config.route.and_then(|route| route(req.extensions())).map(str::to_owned),
            #[cfg(feature = "opentelemetry")]
            metrics: self.config.metrics.clone(),
            rate_limit_fields: self.config.rate_limit_fields,
        };
        ResponseFuture::call(&mut self.inner, req, ctx)
    }
}
