//! [aide](https://docs.rs/aide/0.15) for services whose errors follow an
//! [error-model](https://docs.rs/error-model) contract: the OpenAPI
//! document aide derives from a service's handlers describes its errors
//! exactly as the contract publishes them.
//!
//! - [`ErrorComponents`]: the error schemas (`ErrorEnvelope`,
//!   `ProblemDetails`, `Code`, ...) and headers as components of the
//!   service's document, the JSON Schemas error-model-publish derives from
//!   the wire types (the schemas of `schemas/`), put in as they are;
//! - [`error_responses!`] and [`Errors`]: a handler's error type declares
//!   the codes it can answer with, of the built-in table or a team's own
//!   `error_codes!` table, and aide gives its operation one response per
//!   status, listing the codes (with their descriptions and links, as
//!   `x-error-codes`, and an example body per code; the body's `code` is
//!   the `Code` component, the registered codes as an `enum` with their
//!   descriptions), with `X-Request-ID`, `Retry-After` on 429 and 503, in
//!   both `application/json` and `application/problem+json`.
//!
//! Supports aide 0.15.x (tested with 0.15.1) on axum 0.8; aide is
//! re-exported as [`aide`]. aide 0.15 derives schemas with schemars 0.9,
//! error-model with schemars 1: this crate hands aide JSON, so the two
//! never need to agree.

#![warn(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

mod components;
mod responses;

pub use aide;
pub use components::ErrorComponents;
pub use responses::{AideResponses, CODES_EXTENSION, ErrorResponses, Errors, MEDIA_TYPES};

/// What [`error_responses!`] expands to refers to; not public API.
#[doc(hidden)]
pub mod __private {
    pub use crate::responses::inferred;
    pub use axum::response::{IntoResponse, Response as AxumResponse};
    pub use error_model::{ApiError, CodeInfo};
}
