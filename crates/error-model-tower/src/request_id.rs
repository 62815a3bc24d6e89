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

/// The longest incoming request id accepted, in bytes: the longest a
/// client keeps ([`Limits::DEFAULT_MAX_REQUEST_ID_BYTES`]).
pub const MAX_REQUEST_ID_LEN: usize = Limits::DEFAULT_MAX_REQUEST_ID_BYTES;

/// The id of the current request: the incoming one, or one the
/// [`ErrorLayer`](super::ErrorLayer) generated. It is in the request's
/// extensions; with the `axum-core-05` feature, extract it in a handler.
///
/// Like `tower-http`'s own `RequestId`, it holds a [`HeaderValue`] that was
/// validated once, when it was made: at most [`MAX_REQUEST_ID_LEN`] bytes of
/// printable ASCII without spaces, so it can be echoed in a header and
/// written into a body as it is.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct RequestId(HeaderValue);

impl RequestId {
    /// A new id: `req_` and the 32 hex digits of a random (version 4)
    /// UUID, so ids are unpredictable and two replicas started in the same
    /// instant do not collide.
    ///
    /// # Examples
    ///
    /// ```
    /// let id = error_model_tower::RequestId::generate();
    /// assert!(id.as_str().starts_with("req_") && id.as_str().len() == 36);
    /// assert_ne!(id, error_model_tower::RequestId::generate());
    /// ```
    pub fn generate() -> RequestId {
        let mut text = [0u8; 36];
        text[..4].copy_from_slice(b"req_");
        uuid::Uuid::new_v4().simple().encode_lower(&mut text[4..]);
        RequestId(HeaderValue::from_bytes(&text).expect("ascii hex is a valid header value"))
    }

    /// Accepts an incoming id only if it is short and printable ASCII
    /// (at most [`MAX_REQUEST_ID_LEN`] bytes, no spaces or controls);
    /// surrounding whitespace is dropped.
    ///
    /// # Examples
    ///
    /// ```
    /// use error_model_tower::RequestId;
    /// use http::HeaderValue;
    ///
    /// let id = RequestId::from_header(&HeaderValue::from_static(" abc-1 ")).unwrap();
    /// assert_eq!(id.as_str(), "abc-1");
    /// assert!(RequestId::from_header(&HeaderValue::from_static("two words")).is_none());
    /// ```
    pub fn from_header(value: &HeaderValue) -> Option<RequestId> {
        RequestId::parse(value.to_str().ok()?)
    }

    /// Accepts `id` under the same rules as [`RequestId::from_header`].
    pub fn parse(id: &str) -> Option<RequestId> {
        let id = id.trim();
        let ok = !id.is_empty() && id.len() <= MAX_REQUEST_ID_LEN && id.bytes().all(|b| b.is_ascii_graphic());
        ok.then(|| HeaderValue::from_str(id).ok()).flatten().map(RequestId)
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        // Only printable ASCII gets in (see `parse` and `generate`).
        self.0.to_str().unwrap_or_default()
    }

    /// The id as the header value it is.
    pub fn header_value(&self) -> &HeaderValue {
        &self.0
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
        req.headers_mut().insert(header, self.0.clone());
        req.extensions_mut().insert(tower_http::request_id::RequestId::new(self.0.clone()));
        req.extensions_mut().insert(self.clone());
    }

    /// Sets `header` to this id in `headers` unless it is already set.
    pub(crate) fn echo(&self, header: &HeaderName, headers: &mut HeaderMap) {
        headers.entry(header).or_insert_with(|| self.0.clone());
    }
}

impl std::fmt::Display for RequestId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl AsRef<str> for RequestId {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl From<RequestId> for HeaderValue {
    fn from(id: RequestId) -> HeaderValue {
        id.0
    }
}

/// A `tower-http` [`MakeRequestId`](tower_http::request_id::MakeRequestId)
/// that makes ids in this crate's format (`req_` and a random UUID's 32 hex
/// digits, see [`RequestId::generate`]), for a
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
        Some(tower_http::request_id::RequestId::new(RequestId::generate().0))
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
