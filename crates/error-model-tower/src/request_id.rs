//! Request ids: read from the request, or generated, and shared with
//! handlers and with `tower-http`'s request-id layers.
//!
//! The [`ErrorService`](super::ErrorService) takes a request's id from, in
//! order: a [`tower_http::request_id::RequestId`] already in the request's
//! extensions (set by `tower-http`'s `SetRequestIdLayer` outside it), the
//! configured header, or a new [`RequestId::generate`]d one. It then sets
//! the header to it and puts both a [`RequestId`] and a `tower_http`
//! `RequestId` into the request's extensions, so handlers and what reads the
//! header inside (`tower-http`'s `PropagateRequestIdLayer`) see the same id;
//! it writes the id into every error and echoes it on every response.

use http::{HeaderMap, HeaderName, HeaderValue, Request};

use error_model::limits::Limits;
use error_model::retry::SplitMix64;

/// The longest incoming request id accepted, in bytes: the longest a
/// client keeps ([`Limits::DEFAULT_MAX_REQUEST_ID_BYTES`]).
pub const MAX_REQUEST_ID_LEN: usize = Limits::DEFAULT_MAX_REQUEST_ID_BYTES;

/// The id of the current request: the incoming one, or one the
/// [`ErrorLayer`](super::ErrorLayer) generated. It is in the request's
/// extensions; with the `axum` feature, extract it in a handler.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestId(pub String);

impl RequestId {
    /// A new random id, `req_` and 16 hex digits.
    ///
    /// # Examples
    ///
    /// ```
    /// let id = error_model_tower::RequestId::generate();
    /// assert!(id.0.starts_with("req_") && id.0.len() == 20);
    /// ```
    pub fn generate() -> RequestId {
        RequestId(format!("req_{:016x}", SplitMix64::from_entropy().next_u64()))
    }

    /// Accepts an incoming id only if it is short and printable ASCII
    /// (at most [`MAX_REQUEST_ID_LEN`] bytes, no spaces or controls).
    pub fn from_header(value: &HeaderValue) -> Option<RequestId> {
        let id = value.to_str().ok()?.trim();
        let ok = !id.is_empty() && id.len() <= MAX_REQUEST_ID_LEN && id.bytes().all(|b| b.is_ascii_graphic());
        ok.then(|| RequestId(id.to_owned()))
    }

    /// The id of `req`: a valid `tower-http` id in its extensions, else a
    /// valid one in `header`, else a generated one.
    pub fn of<B>(req: &Request<B>, header: &HeaderName) -> RequestId {
        let from_tower_http = req.extensions().get::<tower_http::request_id::RequestId>();
        from_tower_http
            .and_then(|id| RequestId::from_header(id.header_value()))
            .or_else(|| req.headers().get(header).and_then(RequestId::from_header))
            .unwrap_or_else(RequestId::generate)
    }

    /// Puts this id into `req`: into `header` (replacing an unusable
    /// incoming one, so that what reads the header inside, such as
    /// `tower-http`'s `PropagateRequestIdLayer`, sees the same id) and into
    /// its extensions, as itself and as `tower-http`'s `RequestId`.
    pub(crate) fn insert_into<B>(&self, req: &mut Request<B>, header: &HeaderName) {
        if let Ok(value) = HeaderValue::from_str(&self.0) {
            req.headers_mut().insert(header, value.clone());
            req.extensions_mut().insert(tower_http::request_id::RequestId::new(value));
        }
        req.extensions_mut().insert(self.clone());
    }

    /// Sets `header` to this id in `headers` unless it is already set.
    pub(crate) fn echo(&self, header: &HeaderName, headers: &mut HeaderMap) {
        if let Ok(value) = HeaderValue::from_str(&self.0) {
            headers.entry(header).or_insert(value);
        }
    }
}

/// A `tower-http` [`MakeRequestId`](tower_http::request_id::MakeRequestId)
/// that makes ids in this crate's format (`req_` and 16 hex digits), for a
/// service that sets ids with `tower-http`'s `SetRequestIdLayer`.
///
/// # Examples
///
/// ```
/// use error_model_tower::GenerateRequestId;
/// use tower_http::request_id::SetRequestIdLayer;
///
/// let layer = SetRequestIdLayer::x_request_id(GenerateRequestId);
/// # let _ = layer;
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct GenerateRequestId;

impl tower_http::request_id::MakeRequestId for GenerateRequestId {
    fn make_request_id<B>(&mut self, _: &Request<B>) -> Option<tower_http::request_id::RequestId> {
        HeaderValue::from_str(&RequestId::generate().0).ok().map(tower_http::request_id::RequestId::new)
    }
}

#[cfg(feature = "axum-core-05")]
#[cfg_attr(docsrs, doc(cfg(feature = "axum-core-05")))]
impl<S: Send + Sync> axum_core::extract::FromRequestParts<S> for RequestId {
    type Rejection = std::convert::Infallible;

    /// The id the [`ErrorLayer`](super::ErrorLayer) gave the request; a new
    /// one without the layer.
    async fn from_request_parts(parts: &mut http::request::Parts, _: &S) -> Result<RequestId, Self::Rejection> {
        Ok(parts.extensions.get::<RequestId>().cloned().unwrap_or_else(RequestId::generate))
    }
}
