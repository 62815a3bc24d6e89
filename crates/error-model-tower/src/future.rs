//! [`ResponseFuture`]: the inner service's response, or its error or panic,
//! written as a contract error in the negotiated dialect.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use http::header::{CONTENT_ENCODING, CONTENT_LENGTH, CONTENT_TYPE, RETRY_AFTER, TRANSFER_ENCODING, VARY};
use http::{HeaderMap, HeaderName, HeaderValue, Request, Response};
use tower_service::Service;

use super::{BoxError, ErrorBody, RequestId};
use error_model::ApiError;
use error_model::code::DocsBase;
use error_model::headers::{X_REQUEST_ID, is_json_media_type};
use error_model::ratelimit::{Fields, RateLimit};
use error_model::redact::SensitiveNames;
use error_model::wire::Dialect;

/// What a call needs to write its errors.
pub(super) struct Ctx {
    pub(super) dialect: Dialect,
    pub(super) negotiated: bool,
    pub(super) request_id: RequestId,
    pub(super) header: HeaderName,
    pub(super) sensitive_names: SensitiveNames,
    pub(super) docs_base: Option<DocsBase>,
    #[cfg(feature = "opentelemetry")]
    pub(super) route: Option<String>,
    #[cfg(feature = "opentelemetry")]
    pub(super) metrics: Option<super::telemetry::ErrorMetrics>,
    pub(super) rate_limit_fields: Fields,
}

pin_project_lite::pin_project! {
    /// The future of an [`ErrorService`](super::ErrorService) call.
    pub struct ResponseFuture<F> {
        #[pin]
        state: State<F>,
        ctx: Option<Ctx>,
    }
}

pin_project_lite::pin_project! {
    #[project = StateProj]
    enum State<F> {
        Called { #[pin] future: F },
        Panicked { message: String },
    }
}

impl<F> ResponseFuture<F> {
    /// Calls `inner`; with `catch-panic`, a panic in the call itself is caught too.
    pub(super) fn call<S, ReqB>(inner: &mut S, req: Request<ReqB>, ctx: Ctx) -> ResponseFuture<F>
    where
        S: Service<Request<ReqB>, Future = F>,
    {
        #[cfg(feature = "catch-panic")]
        let state = match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| inner.call(req))) {
            Ok(future) => State::Called { future },
            Err(payload) => State::Panicked { message: panic_message(payload.as_ref()) },
        };
        #[cfg(not(feature = "catch-panic"))]
        let state = State::Called { future: inner.call(req) };
        ResponseFuture { state, ctx: Some(ctx) }
    }
}

impl<F, ResB, E> Future for ResponseFuture<F>
where
    F: Future<Output = Result<Response<ResB>, E>>,
    E: Into<BoxError>,
{
    type Output = Result<Response<ErrorBody<ResB>>, E>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let result = match this.state.project() {
            StateProj::Called { future } => {
                #[cfg(feature = "catch-panic")]
                let polled = match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| future.poll(cx))) {
                    Ok(polled) => polled.map(Ok),
                    Err(payload) => Poll::Ready(Err(Panic(panic_message(payload.as_ref())))),
                };
                #[cfg(not(feature = "catch-panic"))]
                let polled = future.poll(cx).map(Ok);
                ready!(polled)
            }
            StateProj::Panicked { message } => Err(Panic(std::mem::take(message))),
        };
        let ctx = this.ctx.take().expect("ResponseFuture polled after completion");
        let response = match result {
            Ok(Ok(res)) => ctx.finish(res),
            Ok(Err(err)) => {
                let err: BoxError = err.into();
                let api = match err.downcast::<ApiError>() {
                    Ok(api) => *api,
                    Err(other) => ApiError::internal(other),
                };
                ctx.render(api, HeaderMap::new())
            }
            Err(Panic(message)) => ctx.render(ApiError::internal(PanicError(message)), HeaderMap::new()),
        };
        Poll::Ready(Ok(response))
    }
}

/// The polled future panicked, with this message.
struct Panic(String);

/// A caught panic, as the source of the `INTERNAL_ERROR` it becomes: its
/// message goes to the logs only.
#[derive(Debug)]
struct PanicError(String);

impl std::fmt::Display for PanicError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "handler panicked: {}", self.0)
    }
}

impl std::error::Error for PanicError {}

#[cfg(feature = "catch-panic")]
fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic payload that is not a string".to_owned())
}

/// Whether a response is a framework's error: an error status and a body
/// that is not JSON (none, plain text, HTML).
fn is_framework_error(res: &Response<impl Sized>) -> bool {
    let status = res.status();
    let json = res.headers().get(CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(is_json_media_type);
    (status.is_client_error() || status.is_server_error()) && !json
}

impl Ctx {
    /// The inner service's response, in the contract.
    fn finish<B>(self, mut res: Response<B>) -> Response<ErrorBody<B>> {
        // A quota the service put in the extensions (a limiter's, on any
        // response): an error without one of its own carries it.
        let quota = res.extensions_mut().remove::<RateLimit>();
        let with_quota = |err: ApiError| match (&quota, err.rate_limit()) {
            (Some(quota), None) => err.with_rate_limit(quota.clone()),
            _ => err,
        };
        // A rendered `ApiError` (axum's `IntoResponse`) carries itself in the
        // response's extensions, for the layer to write in its dialect.
        if let Some(err) = res.extensions_mut().remove::<ApiError>() {
            let (parts, _) = res.into_parts();
            return self.render(with_quota(err), parts.headers);
        }
        if is_framework_error(&res) {
            let (parts, _) = res.into_parts();
            let status = parts.status;
            let mut err = ApiError::with_status(error_model::status::bare_code(status), status);
            let hint = parts.headers.get(RETRY_AFTER).and_then(|v| v.to_str().ok());
            if let Some(secs) =
                hint.and_then(|v| error_model::status::retry_after_seconds(v, std::time::SystemTime::now()))
            {
                err = err.with_retry_after(secs);
            }
            return self.render(with_quota(err), parts.headers);
        }
        let mut res = res.map(ErrorBody::inner);
        self.request_id.echo(&self.header, res.headers_mut());
        if let Some(quota) = quota {
            quota.write(self.rate_limit_fields, res.headers_mut());
        }
        res
    }

    /// `err` in the dialect, with the request id and the link under the
    /// service's docs base, over the `kept` headers.
    fn render<B>(self, err: ApiError, mut kept: HeaderMap) -> Response<ErrorBody<B>> {
        let err = if err.request_id().is_some() { err } else { err.with_request_id(self.request_id.as_str()) };
        let err = match &self.docs_base {
            Some(base) => err.with_docs_base(base),
            None => err,
        };
        super::log::sent(&err);
        #[cfg(feature = "opentelemetry")]
        super::telemetry::record(&err, self.route.as_deref(), self.metrics.as_ref());
        let encoded = self.dialect.encode_with(&err, &self.sensitive_names);
        let (mut parts, body) = encoded.into_parts();
        // What described the replaced body, and what the error sets anew
        // (`Retry-After` only where the error writes one).
        for name in [CONTENT_TYPE, CONTENT_LENGTH, CONTENT_ENCODING, TRANSFER_ENCODING, X_REQUEST_ID] {
            kept.remove(name);
        }
        for (name, value) in parts.headers.drain() {
            if let Some(name) = name {
                kept.insert(name, value);
            }
        }
        if self.header != X_REQUEST_ID {
            kept.remove(X_REQUEST_ID);
        }
        if let Some(id) = err.request_id().and_then(RequestId::parse) {
            id.echo(&self.header, &mut kept);
        }
        // The dialect wrote the draft's fields; the configuration may add the triplet.
        if let Some(quota) = err.rate_limit() {
            quota.write(self.rate_limit_fields, &mut kept);
        }
        if self.negotiated {
            add_vary_accept(&mut kept);
        }
        parts.headers = kept;
        Response::from_parts(parts, ErrorBody::error(body))
    }
}

/// Adds `accept` to `Vary` unless it is there (or `Vary: *`).
fn add_vary_accept(headers: &mut HeaderMap) {
    let present = headers.get_all(VARY).iter().filter_map(|v| v.to_str().ok()).flat_map(|v| v.split(',')).any(|v| {
        let v = v.trim();
        v == "*" || v.eq_ignore_ascii_case("accept")
    });
    if !present {
        headers.append(VARY, HeaderValue::from_static("accept"));
    }
}
