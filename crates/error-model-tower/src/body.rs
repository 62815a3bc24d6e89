//! [`ErrorBody`]: the response body of the [`ErrorService`](super::ErrorService),
//! either the inner service's own body or an encoded error.

use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use http_body::{Body, Frame, SizeHint};

pin_project_lite::pin_project! {
    /// The body of a response that went through the [`ErrorLayer`](super::ErrorLayer):
    /// the inner service's body unchanged, or an error body the layer encoded.
    pub struct ErrorBody<B> {
        #[pin]
        kind: Kind<B>,
    }
}

pin_project_lite::pin_project! {
    #[project = KindProj]
    enum Kind<B> {
        Inner { #[pin] body: B },
        Error { bytes: Option<Bytes> },
    }
}

impl<B> ErrorBody<B> {
    /// A body of these bytes, sent in one frame.
    pub fn error(bytes: impl Into<Bytes>) -> ErrorBody<B> {
        ErrorBody { kind: Kind::Error { bytes: Some(bytes.into()) } }
    }

    /// The inner service's body.
    pub fn inner(body: B) -> ErrorBody<B> {
        ErrorBody { kind: Kind::Inner { body } }
    }
}

impl<B: Body<Data = Bytes>> Body for ErrorBody<B> {
    type Data = Bytes;
    type Error = B::Error;

    fn poll_frame(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, B::Error>>> {
        match self.project().kind.project() {
            KindProj::Inner { body } => body.poll_frame(cx),
            KindProj::Error { bytes } => Poll::Ready(bytes.take().map(|b| Ok(Frame::data(b)))),
        }
    }

    fn is_end_stream(&self) -> bool {
        match &self.kind {
            Kind::Inner { body } => body.is_end_stream(),
            Kind::Error { bytes } => bytes.is_none(),
        }
    }

    fn size_hint(&self) -> SizeHint {
        match &self.kind {
            Kind::Inner { body } => body.size_hint(),
            Kind::Error { bytes } => SizeHint::with_exact(bytes.as_ref().map_or(0, |b| b.len() as u64)),
        }
    }
}
