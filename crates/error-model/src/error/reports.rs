//! `anyhow::Error` and `eyre::Report` as contract errors: `?` on an
//! `anyhow::Result` or an `eyre::Result` in a handler that returns
//! [`Result`](crate::Result) gives `INTERNAL_ERROR` (500) with the
//! registry's generic message, the whole report (its context and every
//! cause) kept as the [source](std::error::Error::source) for server-side
//! logs and nothing of it on the wire.
//!
//! A report is always an internal error, even when it wraps an
//! [`ApiError`]: an error that a helper returned through `anyhow` (or one
//! decoded from an upstream service) is not sent on as this service's own.
//! A handler that means a contract error returns the [`ApiError`] itself.
//!
//! [`OrInternal`](super::OrInternal) needs no feature: it takes any error
//! that converts into `Box<dyn Error + Send + Sync>`, reports included.

use super::ApiError;

#[cfg(feature = "anyhow")]
#[cfg_attr(docsrs, doc(cfg(feature = "anyhow")))]
impl From<anyhow::Error> for ApiError {
    /// [`ApiError::internal`], the report's whole chain kept as the source.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::error::Error;
    /// use anyhow::Context;
    /// use error_model::ErrorCode;
    ///
    /// fn load() -> anyhow::Result<u32> {
    ///     let n = "x".parse::<u32>().context("reading retries from db-7.internal")?;
    ///     Ok(n)
    /// }
    /// fn handler() -> error_model::Result<u32> {
    ///     Ok(load()?)
    /// }
    /// let err = handler().unwrap_err();
    /// assert_eq!(err.code(), &ErrorCode::InternalError);
    /// let source = err.source().unwrap();
    /// assert_eq!(source.to_string(), "reading retries from db-7.internal"); // for the logs,
    /// assert!(source.source().is_some()); // with its causes,
    /// assert!(!serde_json::to_string(&err.envelope()).unwrap().contains("db-7")); // not for the client
    /// ```
    fn from(report: anyhow::Error) -> ApiError {
        ApiError::internal(report)
    }
}

#[cfg(feature = "eyre")]
#[cfg_attr(docsrs, doc(cfg(feature = "eyre")))]
impl From<eyre::Report> for ApiError {
    /// [`ApiError::internal`], the report's whole chain kept as the source.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::error::Error;
    /// use eyre::WrapErr;
    /// use error_model::ErrorCode;
    ///
    /// fn load() -> eyre::Result<u32> {
    ///     let n = "x".parse::<u32>().wrap_err("reading retries from db-7.internal")?;
    ///     Ok(n)
    /// }
    /// fn handler() -> error_model::Result<u32> {
    ///     Ok(load()?)
    /// }
    /// let err = handler().unwrap_err();
    /// assert_eq!(err.code(), &ErrorCode::InternalError);
    /// let source = err.source().unwrap();
    /// assert_eq!(source.to_string(), "reading retries from db-7.internal"); // for the logs,
    /// assert!(source.source().is_some()); // with its causes,
    /// assert!(!serde_json::to_string(&err.envelope()).unwrap().contains("db-7")); // not for the client
    /// ```
    fn from(report: eyre::Report) -> ApiError {
        ApiError::internal(report)
    }
}
