//! `#[derive(IntoApiError)]`: `From<YourError> for ApiError` for a service's
//! own error enum, each variant mapped to a code of any
//! [`error_codes!`](https://docs.rs/error-model/latest/error_model/macro.error_codes.html)
//! table. A service depends on this crate beside error-model, whose paths
//! the generated code names (`::error_model::ApiError`).
//!
//! It is a crate of its own rather than a feature of error-model that
//! re-exports it (as serde does with its derive): its tests and
//! documentation examples need error-model itself, and a re-export would
//! make that a dependency cycle that `cargo package` cannot order for the
//! workspace's published crates. A derive whose major version moves does
//! not set the core's either.
//!
//! See [`IntoApiError`](derive@IntoApiError) for the attributes.

#![warn(missing_docs)]

/// The README's examples, compiled and run as doctests (private: a
/// proc-macro crate exports nothing but its macros).
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

mod attrs;
mod expand;

use proc_macro::TokenStream;
use syn::{DeriveInput, parse_macro_input};

/// Derives `From<YourError> for error_model::ApiError`, so that `?` on a
/// `Result<_, YourError>` works in a handler that returns
/// `error_model::Result`.
///
/// On each variant of an enum (or on a struct):
///
/// - `#[api(code = Table::Variant)]`, required: a variant of any
///   `error_codes!` table, the built-in `ErrorCode` or a team's own. The
///   error takes its status from the code. A name that is not a code of
///   the table does not compile.
/// - `#[api(message)]`: the message is the variant's `Display` (thiserror's
///   `#[error("...")]`); `#[api(message = "text")]`: that text. Without
///   either, the message is the code's own description. A `Display` often
///   holds internal text (hosts, queries, ids of other tenants), which is why
///   it reaches the client only when a variant asks for it.
///
/// On a field:
///
/// - `#[api(resource = "kind")]`: the field's `Display` is the id of the
///   resource the error refers to (`details.resource`, a `ResourceRef`);
/// - `#[api(detail)]` or `#[api(detail = "name")]`: the field, serialised
///   with serde, is an extension member of the details under its own name
///   or `name` (a tuple field needs `name`). Sensitive names are redacted
///   on the wire as every extension is;
/// - `#[source]` or `#[from]` (thiserror's), `#[api(source)]`, or a field
///   named `source`: the error's source, for server-side logs only, never
///   serialised (an `Option` source is kept when it is `Some`). It must
///   convert into `Box<dyn Error + Send + Sync>`.
///
/// Fields without these are used by nothing but the variant's `Display`.
///
/// # Examples
///
/// ```
/// use std::error::Error;
/// use error_model::{ApiError, ErrorCode};
/// use error_model_derive::IntoApiError;
/// use leads_contract::LeadCode;
///
/// #[derive(Debug, thiserror::Error, IntoApiError)]
/// enum LeadError {
///     #[error("lead {id} not found")]
///     #[api(code = LeadCode::LeadNotFound, message)]
///     NotFound {
///         #[api(resource = "lead")]
///         id: u64,
///     },
///     #[error("email already used by {existing}")]
///     #[api(code = LeadCode::DuplicateEmail)]
///     Duplicate {
///         #[api(detail)]
///         email: String,
///         existing: String,
///     },
///     #[error("store failed")]
///     #[api(code = ErrorCode::InternalError)]
///     Store(#[from] std::io::Error),
/// }
///
/// fn handler(id: u64) -> error_model::Result<()> {
///     Err(LeadError::NotFound { id })?
/// }
/// let err = handler(42).unwrap_err();
/// assert_eq!(err.status().as_u16(), 404);
/// assert_eq!(err.message(), "lead 42 not found");
/// assert_eq!(err.details().resource.as_ref().unwrap().id.as_deref(), Some("42"));
///
/// let err = ApiError::from(LeadError::Duplicate { email: "a@b.co".into(), existing: "lead_7".into() });
/// assert_eq!(err.message(), "A resource with this email address already exists.");
/// assert_eq!(err.details().extensions["email"], "a@b.co");
/// assert!(!serde_json::to_string(&err.envelope()).unwrap().contains("lead_7"));
///
/// let err = ApiError::from(LeadError::Store(std::io::Error::other("disk /dev/sda1 full")));
/// assert_eq!(err.status().as_u16(), 500);
/// assert_eq!(err.source().unwrap().to_string(), "disk /dev/sda1 full"); // for the logs
/// assert!(!serde_json::to_string(&err.envelope()).unwrap().contains("sda1"));
/// ```
///
/// A name that is not a code of the table does not compile:
///
/// ```compile_fail
/// use error_model::ErrorCode;
/// use error_model_derive::IntoApiError;
///
/// #[derive(IntoApiError)]
/// enum E {
///     #[api(code = ErrorCode::NoSuchCode)]
///     A,
/// }
/// ```
///
/// Nor does a code that is not a variant of an `error_codes!` table:
///
/// ```compile_fail
/// use error_model_derive::IntoApiError;
///
/// #[derive(IntoApiError)]
/// enum E {
///     #[api(code = error_model::http::StatusCode::NOT_FOUND)]
///     A,
/// }
/// ```
///
/// Nor a variant without a code:
///
/// ```compile_fail
/// use error_model::ErrorCode;
/// use error_model_derive::IntoApiError;
///
/// #[derive(IntoApiError)]
/// enum E {
///     #[api(code = ErrorCode::NotFound)]
///     A,
///     B,
/// }
/// ```
///
/// Nor an attribute the derive does not know:
///
/// ```compile_fail
/// use error_model::ErrorCode;
/// use error_model_derive::IntoApiError;
///
/// #[derive(IntoApiError)]
/// enum E {
///     #[api(code = ErrorCode::NotFound, status = 404)]
///     A,
/// }
/// ```
///
/// Nor a detail of a tuple field without a name:
///
/// ```compile_fail
/// use error_model::ErrorCode;
/// use error_model_derive::IntoApiError;
///
/// #[derive(IntoApiError)]
/// enum E {
///     #[api(code = ErrorCode::NotFound)]
///     A(#[api(detail)] String),
/// }
/// ```
#[proc_macro_derive(IntoApiError, attributes(api))]
pub fn derive_into_api_error(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand::derive(&input).unwrap_or_else(syn::Error::into_compile_error).into()
}
