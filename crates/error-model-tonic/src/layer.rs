//! [`GrpcErrorLayer`]: for a tonic server what the tower crate's
//! `ErrorLayer` is for HTTP.
//!
//! - **Request ids**: the request's `x-request-id` metadata when it is a
//!   valid id, else a new one ([`RequestId`], the same type and rules as
//!   over HTTP), put in the request's extensions for the handler
//!   (`request.extensions().get::<RequestId>()`) and echoed in the
//!   response's `x-request-id` metadata. An error status that names no
//!   request id gets this one as `RequestInfo`.
//! - **Statuses that are not contract errors** (a status without the rich
//!   model's `ErrorInfo`: tonic's own `UNIMPLEMENTED` for an unknown method,
//!   a `Status::internal(...)` a handler built by hand) go out as the
//!   built-in code of their gRPC code ([`code_for_rpc`]),
//!   with that code's own message: nothing of the original message reaches
//!   the client.
//! - **Panics** in the service or its future become `INTERNAL` with
//!   `INTERNAL_ERROR`, and nothing of the panic on the wire.
//!
//! **Limit**: an error status is rewritten only when it is the whole
//! answer, gRPC's "trailers-only" response, which tonic sends when a
//! handler returns `Err(status)`. A streaming handler that returns a stream
//! and then yields an error ends the stream with trailers this layer does
//! not read: such a status goes out as the handler built it, so build it
//! with [`to_status`](crate::to_status).

use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::pin::Pin;
use std::task::{Context, Poll};

use error_model::rpc::RpcCode;
use error_model::status::code_for_rpc;
use error_model::{ApiError, ErrorCode};
use error_model_tower::RequestId;
use http::header::HeaderName;
use http::{Request, Response};
use tonic_types::StatusExt;
use tower_layer::Layer;
use tower_service::Service;

use crate::status::{Config, REQUEST_ID_KEY, from_status, to_status_as};

/// A tower layer for tonic servers: request ids, and every error a
/// contract error (see the [module docs](self)).
///
/// # Examples
///
/// ```
/// use error_model_tonic::{Config, GrpcErrorLayer};
///
/// let layer = GrpcErrorLayer::new(Config::new().with_domain("leads.example.com"));
/// // tonic::transport::Server::builder().layer(layer).add_service(...)
/// # let _ = layer;
/// ```
#[derive(Clone, Debug, Default)]
pub struct GrpcErrorLayer {
    config: Config,
    #[cfg(feature = "opentelemetry")]
    metrics: Option<error_model_tower::telemetry::ErrorMetrics>,
}

impl GrpcErrorLayer {
    /// A layer writing errors as `config` says.
    pub fn new(config: Config) -> GrpcErrorLayer {
        GrpcErrorLayer {
            config,
            #[cfg(feature = "opentelemetry")]
            metrics: None,
        }
    }

    /// Counts every error status the layer sends on `metrics` (a counter
    /// such as `ErrorMetrics::named(&meter, "rpc.server.errors")`), by
    /// `error.type`, `rpc.grpc.status_code` and `rpc.method`. With the
    /// feature, each error also sets `error.type` and `rpc.grpc.status_code`
    /// on the current span, and marks it an error for server-side codes
    /// (see error-model-tower's `telemetry` module).
    #[cfg(feature = "opentelemetry")]
    #[cfg_attr(docsrs, doc(cfg(feature = "opentelemetry")))]
    pub fn metrics(mut self, metrics: error_model_tower::telemetry::ErrorMetrics) -> GrpcErrorLayer {
        self.metrics = Some(metrics);
        self
    }
}

impl<S> Layer<S> for GrpcErrorLayer {
    type Service = GrpcErrorService<S>;

    fn layer(&self, inner: S) -> GrpcErrorService<S> {
        GrpcErrorService { inner, layer: self.clone() }
    }
}

/// The service [`GrpcErrorLayer`] wraps around a tonic service.
#[derive(Clone, Debug)]
pub struct GrpcErrorService<S> {
    inner: S,
    layer: GrpcErrorLayer,
}

impl<S, B, ResBody> Service<Request<B>> for GrpcErrorService<S>
where
    S: Service<Request<B>, Response = Response<ResBody>>,
    ResBody: Default,
{
    type Response = Response<ResBody>;
    type Error = S::Error;
    type Future = ResponseFuture<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut req: Request<B>) -> Self::Future {
        let header = HeaderName::from_static(REQUEST_ID_KEY);
        let id = RequestId::of(&req, &header);
        req.extensions_mut().insert(id.clone());
        req.headers_mut().insert(header, id.header_value().clone());
        #[cfg(feature = "opentelemetry")]
        let method = req.uri().path().to_owned();
        let inner = std::panic::catch_unwind(AssertUnwindSafe(|| self.inner.call(req)));
        ResponseFuture {
            inner: inner.ok(),
            ctx: Ctx {
                id,
                layer: self.layer.clone(),
                #[cfg(feature = "opentelemetry")]
                method,
            },
        }
    }
}

pin_project_lite::pin_project! {
    /// The future of [`GrpcErrorService`].
    pub struct ResponseFuture<F> {
        #[pin]
        inner: Option<F>,
        ctx: Ctx,
    }
}

/// What the future needs to finish the response.
struct Ctx {
    id: RequestId,
    layer: GrpcErrorLayer,
    #[cfg(feature = "opentelemetry")]
    method: String,
}

impl<F, ResBody, E> Future for ResponseFuture<F>
where
    F: Future<Output = Result<Response<ResBody>, E>>,
    ResBody: Default,
{
    type Output = Result<Response<ResBody>, E>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let polled = match this.inner.as_pin_mut() {
            Some(inner) => std::panic::catch_unwind(AssertUnwindSafe(|| inner.poll(cx))),
            // The call itself panicked.
            None => Err(Box::new("the service panicked") as Box<dyn std::any::Any + Send>),
        };
        let response = match polled {
            Ok(Poll::Pending) => return Poll::Pending,
            Ok(Poll::Ready(Err(e))) => return Poll::Ready(Err(e)),
            Ok(Poll::Ready(Ok(response))) => this.ctx.finish(response),
            Err(_panic) => {
                let err = ApiError::new(ErrorCode::InternalError).with_request_id(this.ctx.id.as_str());
                let status = this.ctx.sent(&err, RpcCode::Internal);
                with_id(status.into_http(), &this.ctx.id)
            }
        };
        Poll::Ready(Ok(response))
    }
}

impl Ctx {
    /// The response as it leaves: an error status made a contract error
    /// with the request id, and the id in the metadata.
    fn finish<B: Default>(&self, response: Response<B>) -> Response<B> {
        let (id, config) = (&self.id, &self.layer.config);
        let Some(status) = tonic::Status::from_header_map(response.headers()) else {
            return with_id(response, id);
        };
        if status.code() == tonic::Code::Ok {
            return with_id(response, id);
        }
        let rpc = RpcCode::from_i32(status.code() as i32).unwrap_or(RpcCode::Unknown);
        // A contract error of this service: an ErrorInfo in its own domain.
        // Anything else (a hand-built status, tonic's own, or an upstream
        // service's error passed on with `?`) is not sent on as this
        // service's own: its gRPC code, none of its text, metadata or domain.
        let ours = status
            .get_details_error_info()
            .is_some_and(|info| !info.reason.is_empty() && info.domain == config.domain());
        let err = if ours { from_status(&status, config) } else { ApiError::new(code_for_rpc(rpc)) };
        // Sent again through `to_status_as` either way, so the redaction of
        // `config` applies and the request id is the one in the metadata.
        let (mut parts, body) = response.into_parts();
        for name in [tonic::Status::GRPC_STATUS, tonic::Status::GRPC_MESSAGE, tonic::Status::GRPC_STATUS_DETAILS] {
            parts.headers.remove(name);
        }
        // The gRPC code as the handler sent it (a code of a team's table
        // reads back as a code of its own, whose row this crate cannot see).
        let status = self.sent(&err.with_request_id(id.as_str()), rpc);
        // Only the status's own headers are written; the response keeps its others.
        let _ = status.add_header(&mut parts.headers);
        with_id(Response::from_parts(parts, body), id)
    }

    /// The `rpc.method` of the call: its path, or `_OTHER` (as OpenTelemetry's
    /// conventions name a value outside the known set) for a method the
    /// server does not have, or a path too long to be one, so that a client
    /// cannot grow the counter's attribute sets.
    #[cfg(feature = "opentelemetry")]
    fn method_attribute(&self, rpc: RpcCode) -> String {
        if rpc == RpcCode::Unimplemented || self.method.len() > error_model::limits::MAX_ECHO_BYTES {
            "_OTHER".to_owned()
        } else {
            self.method.clone()
        }
    }

    /// The status of an error the layer sends, recorded once (feature
    /// `opentelemetry`).
    fn sent(&self, err: &ApiError, rpc: RpcCode) -> tonic::Status {
        let status = to_status_as(err, &self.layer.config, rpc);
        #[cfg(feature = "opentelemetry")]
        error_model_tower::telemetry::record_with(
            err,
            opentelemetry::KeyValue::new("rpc.grpc.status_code", i64::from(status.code() as i32)),
            Some(opentelemetry::KeyValue::new("rpc.method", self.method_attribute(rpc))),
            self.layer.metrics.as_ref(),
        );
        status
    }
}

fn with_id<B>(mut response: Response<B>, id: &RequestId) -> Response<B> {
    response.headers_mut().insert(HeaderName::from_static(REQUEST_ID_KEY), id.header_value().clone());
    response
}
