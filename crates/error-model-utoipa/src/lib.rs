//! [utoipa](https://docs.rs/utoipa/5) for services whose errors follow an
//! [error-model](https://docs.rs/error-model) contract: the OpenAPI
//! document a service derives from its handlers describes its errors
//! exactly as the contract publishes them.
//!
//! - [`ErrorComponents`], a [`Modify`](utoipa::Modify): the error schemas
//!   (`ErrorEnvelope`, `ProblemDetails`, `Code`, ...) as components of the
//!   service's document, converted ([`schema`]) from the JSON Schemas
//!   `error-model-publish` derives from the wire types, so that they are the
//!   schemas of `schemas/`, not a copy written again;
//! - [`error_responses!`], [`Errors`] and [`ErrorResponses`]: a handler
//!   declares the codes it can answer with, of the built-in table or a
//!   team's own `error_codes!` table, and its operation gets one response
//!   per status, listing the codes (with their descriptions and links, as
//!   `x-error-codes`, and an example body per code; the body's `code` is
//!   the `Code` component, the registered codes as an `enum` with their
//!   descriptions), with `X-Request-ID`, `Retry-After` on 429 and 503,
//!   in both `application/json` and `application/problem+json`.
//!
//! Supports utoipa 5.x (tested with 5.5), whose MSRV fits the workspace's
//! (Rust 1.85); utoipa is re-exported as [`utoipa`].

#![warn(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

mod components;
mod responses;
pub mod schema;

pub use components::ErrorComponents;
pub use responses::{CODES_EXTENSION, ErrorResponses, Errors, MEDIA_TYPES, UtoipaResponses};
pub use utoipa;

/// What [`error_responses!`] expands to refers to; not public API.
#[doc(hidden)]
pub mod __private {
    pub use error_model::CodeInfo;
}
