//! OpenTelemetry for the errors the [`ErrorLayer`](super::ErrorLayer)
//! sends (feature `opentelemetry`).
//!
//! Following OpenTelemetry's [HTTP semantic conventions](https://opentelemetry.io/docs/specs/semconv/http/http-spans/),
//! each error response the layer writes (an `ApiError` a handler or
//! extractor returned, the framework's own error answers, a panic; not a
//! JSON error body a service wrote itself and the layer passes through):
//!
//! - sets, on the span current when the response leaves the layer (the
//!   request's server span, as an OpenTelemetry instrumentation of the
//!   service makes it current), `error.type` to the error's wire code and
//!   `http.response.status_code` to its status, and sets the span's status
//!   to error for a 5xx (the conventions leave a server span's status unset
//!   on a 4xx);
//! - adds one to the counter [`ERRORS_METRIC`] with the attributes
//!   `error.type`, `http.response.status_code` and, when the route is known,
//!   `http.route`, if the service gave the layer an [`ErrorMetrics`].
//!
//! A success touches neither. The codes of the service's tables are the
//! `error.type` values it documents: the docs site lists them on its code
//! table page.

use std::borrow::Cow;

use error_model::ApiError;
use opentelemetry::metrics::{Counter, Meter};
use opentelemetry::trace::{Status, TraceContextExt};
use opentelemetry::{Context, KeyValue};

/// The name of the counter of error responses.
pub const ERRORS_METRIC: &str = "http.server.errors";

/// The counter of error responses the layer adds to, made from the
/// service's own [`Meter`] (configuration, not a global).
///
/// # Examples
///
/// ```
/// use error_model::wire::Dialect;
/// use error_model_tower::ErrorConfig;
/// use error_model_tower::telemetry::ErrorMetrics;
///
/// let meter = opentelemetry::global::meter("leads");
/// let config = ErrorConfig::new(Dialect::Canonical).metrics(ErrorMetrics::new(&meter));
/// # let _ = config;
/// ```
#[derive(Clone, Debug)]
pub struct ErrorMetrics {
    errors: Counter<u64>,
}

impl ErrorMetrics {
    /// The counter [`ERRORS_METRIC`] of `meter`.
    pub fn new(meter: &Meter) -> ErrorMetrics {
        ErrorMetrics::named(meter, ERRORS_METRIC)
    }

    /// A counter of error responses named `name` (a gRPC server's
    /// `rpc.server.errors`, say).
    pub fn named(meter: &Meter, name: &'static str) -> ErrorMetrics {
        let errors = meter
            .u64_counter(name)
            .with_description("Error responses sent, by error.type (the wire code), status and route.")
            .with_unit("{error}")
            .build();
        ErrorMetrics { errors }
    }
}

/// Records one error response: the current span's `error.type`, status
/// code and status, and one on the counter (see the [module docs](self)).
/// The tower layer calls it once per error it writes.
///
/// # Examples
///
/// ```
/// use error_model::{ApiError, ErrorCode};
/// use error_model_tower::telemetry::{ErrorMetrics, record};
///
/// let metrics = ErrorMetrics::new(&opentelemetry::global::meter("leads"));
/// // Inside a request's span, this sets its error.type to NOT_FOUND.
/// record(&ApiError::new(ErrorCode::NotFound), Some("/v1/leads/{id}"), Some(&metrics));
/// ```
pub fn record(err: &ApiError, route: Option<&str>, metrics: Option<&ErrorMetrics>) {
    let status = KeyValue::new("http.response.status_code", i64::from(err.status().as_u16()));
    let route = route.map(|route| KeyValue::new("http.route", route.to_owned()));
    record_with(err, status, route, metrics);
}

/// [`record`] for any protocol: `status` is the protocol's status attribute
/// (`http.response.status_code`, or `rpc.grpc.status_code` for gRPC) and
/// `route` its route attribute (`http.route`, `rpc.method`), when known.
/// The span's status is an error when the error's status is 5xx (for
/// gRPC, exactly the codes OpenTelemetry's RPC conventions call server
/// errors: `UNKNOWN`, `DEADLINE_EXCEEDED`, `UNIMPLEMENTED`, `INTERNAL`,
/// `UNAVAILABLE`, `DATA_LOSS`).
///
/// # Examples
///
/// ```
/// use error_model::{ApiError, ErrorCode};
/// use error_model_tower::telemetry::record_with;
/// use opentelemetry::KeyValue;
///
/// let err = ApiError::new(ErrorCode::ServiceUnavailable);
/// let status = KeyValue::new("rpc.grpc.status_code", 14_i64);
/// record_with(&err, status, Some(KeyValue::new("rpc.method", "/leads.v1.Leads/GetLead")), None);
/// ```
pub fn record_with(err: &ApiError, status: KeyValue, route: Option<KeyValue>, metrics: Option<&ErrorMetrics>) {
    let code = err.code().as_str().to_owned();
    let cx = Context::current();
    let span = cx.span();
    span.set_attribute(KeyValue::new("error.type", code.clone()));
    span.set_attribute(status.clone());
    if err.status().is_server_error() {
        span.set_status(Status::error(Cow::Owned(code.clone())));
    }
    if let Some(metrics) = metrics {
        let mut attributes = vec![KeyValue::new("error.type", code), status];
        attributes.extend(route);
        metrics.errors.add(1, &attributes);
    }
}
