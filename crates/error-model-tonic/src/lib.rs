//! tonic integration for error-model: one error contract over gRPC and HTTP.
//!
//! - [`to_status`] and [`from_status`] turn an [`ApiError`](error_model::ApiError)
//!   into a [`tonic::Status`] and back through Google's rich error model
//!   ([AIP-193](https://google.aip.dev/193)): the code as `ErrorInfo.reason`
//!   in the service's domain, field violations as `BadRequest`, the retry
//!   hint as `RetryInfo`, the resource as `ResourceInfo`, the docs link as
//!   `Help`, the request id as `RequestInfo`. The gRPC code comes from the
//!   one table of the core ([`error_model::rpc`]), which the Google JSON
//!   dialect follows too.
//! - [`Config`] holds what a service chooses: its `ErrorInfo.domain` and its
//!   sensitive names.
//! - [`GrpcErrorLayer`] does for a tonic server what the tower crate's
//!   `ErrorLayer` does for HTTP: request ids in and out, statuses that are
//!   not contract errors and panics turned into contract errors with nothing
//!   of their text on the wire (for an error that is the whole answer; see
//!   the layer's limit for streams).
//! - [`client_error`] hands a failed call to the core's retry policy
//!   (`UNAVAILABLE` with `RetryInfo`, `RESOURCE_EXHAUSTED`, ...).
//!
//! Supports tonic 0.14 and tonic-types 0.14 (Rust 1.88 or newer, as tonic
//! 0.14 needs); another tonic major version gets a version of this crate,
//! never one of error-model.
//!
//! # Examples
//!
//! A tonic handler that shares an HTTP handler's errors:
//!
//! ```
//! use error_model::{ApiError, ErrorCode, ResourceRef};
//! use error_model_tonic::{Config, to_status};
//!
//! fn find_lead(id: &str) -> Result<String, ApiError> {
//!     Err(ApiError::new(ErrorCode::NotFound).with_resource(ResourceRef::new("lead", id)))
//! }
//!
//! fn get_lead(id: &str, config: &Config) -> Result<String, tonic::Status> {
//!     find_lead(id).map_err(|err| to_status(&err, config))
//! }
//!
//! let status = get_lead("lead_1", &Config::new().with_domain("leads.example.com")).unwrap_err();
//! assert_eq!(status.code(), tonic::Code::NotFound);
//! ```

#![warn(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

/// The core crate.
pub use error_model;
/// The tonic crate this one integrates (0.14).
pub use tonic;
/// The rich error model's types (0.14).
pub use tonic_types;

/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

pub mod layer;
pub mod retry;
pub mod status;

pub use error_model_tower::RequestId;
pub use layer::GrpcErrorLayer;
pub use retry::client_error;
pub use status::{Config, REQUEST_ID_KEY, from_status, to_status};
