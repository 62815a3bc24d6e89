//! One error contract for HTTP APIs.
//!
//! `error-model` defines the canonical error of an API: a registry of stable
//! error codes with their HTTP statuses, categories, retry rules and docs text
//! ([`ErrorCode`], declared with [`error_codes!`]), the error type a handler
//! returns and a client decodes ([`ApiError`]), its details
//! ([`FieldViolation`], [`ResourceRef`], extensions), and the `http`
//! integration that turns one into a response and back.
//!
//! # Examples
//!
//! ```
//! use error_model::{ApiError, ErrorCode, FieldViolation};
//!
//! // Server side: a handler returns an ApiError...
//! let err = ApiError::new(ErrorCode::MissingField)
//!     .with_field(FieldViolation::new("phone", "Required field missing").with_reason("REQUIRED"));
//! let response = err.to_response();
//! assert_eq!(response.status(), 400);
//!
//! // ...and a client reads it back.
//! let read = ApiError::from_response(&response).unwrap();
//! assert_eq!(read.code(), &ErrorCode::MissingField);
//! assert_eq!(read.fields()[0].field, "phone");
//! ```
//!
//! # Features
//!
//! - `schema`: `schemars::JsonSchema` for every wire type (off by default).
//! - `axum-core-05`: `ApiError: IntoResponse` for axum 0.8 (axum-core 0.5);
//!   error-model-axum turns it on.
//! - `anyhow`, `eyre`: `From<anyhow::Error>` and `From<eyre::Report>` for
//!   [`ApiError`], so that `?` on their results gives `INTERNAL_ERROR`, the
//!   whole chain kept as the source for logs ([`OrInternal`] takes both
//!   without a feature).
//!
//! # The crates beside this one
//!
//! The integrations live in crates of their own, so that a framework's
//! major version never sets this crate's:
//!
//! - `error-model-tower`: the `ErrorLayer` that puts every response of a
//!   tower-based server inside the contract (request ids, dialect, content
//!   negotiation, panics, logging);
//! - `error-model-axum`: `ApiError: IntoResponse` and extractors whose
//!   rejections are contract errors;
//! - `error-model-reqwest`: a retrying reqwest client;
//! - `error-model-publish`: the JSON Schema, OpenAPI and documentation
//!   generators;
//! - `error-model-derive`: `#[derive(IntoApiError)]`, `From<YourError> for
//!   ApiError` for a service's own error enums.

#![warn(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

#[macro_use]
mod schema_macros;

#[doc(hidden)]
pub mod __private;

pub mod category;
pub mod client;
pub mod code;
pub mod decode;
pub mod details;
pub mod error;
pub mod headers;
pub mod limits;
mod names;
pub mod path;
pub mod ratelimit;
pub mod redact;
pub mod registry;
pub mod retry;
pub mod rpc;
pub mod status;
pub mod text;
pub mod timestamp;
pub mod upstream;
pub mod wire;

pub use category::Category;
pub use code::{Code, CodeInfo, CodeSet, UnknownCode};
pub use decode::{BoundedBody, DecodeError, DecodeErrorKind, read_bounded};
pub use details::{
    Details, FieldViolation, HelpLink, LocalizedMessage, OMITTED_FIELDS, PreconditionViolation, QuotaViolation,
    ResourceRef,
};
pub use error::envelope::{self, Envelope, EnvelopeRef};
pub use error::{ApiError, OrInternal, Result};
pub use limits::Limits;
pub use registry::ErrorCode;
pub use timestamp::Timestamp;
pub use upstream::Upstream;

/// The `http` crate, whose types this crate's API uses.
pub use http;

#[doc(hidden)]
pub use serde;
