//! Logging the errors the [`ErrorLayer`](super::ErrorLayer) sends (feature
//! `tracing`).
//!
//! Every error with a 5xx status the layer writes is logged once, at the
//! `ERROR` level of target `error_model`, with the fields `request_id`,
//! `code`, `status` and `source` (the error's [source chain](std::error::Error::source),
//! each cause's text joined by `": "`, which is where an `INTERNAL_ERROR`'s
//! cause or a caught panic's message goes). None of it is ever on the wire.
//! Without the `tracing` feature nothing is logged.

use error_model::ApiError;

/// The source chain of `err`: each cause's text, joined by `": "`.
///
/// # Examples
///
/// ```
/// use error_model::ApiError;
/// use error_model_tower::log::source_chain;
///
/// let err = ApiError::internal(std::io::Error::other("db-7 unreachable"));
/// assert_eq!(source_chain(&err), "db-7 unreachable");
/// ```
pub fn source_chain(err: &ApiError) -> String {
    let mut chain = String::new();
    let mut cause = std::error::Error::source(err);
    while let Some(c) = cause {
        if !chain.is_empty() {
            chain.push_str(": ");
        }
        chain.push_str(&c.to_string());
        cause = c.source();
    }
    chain
}

/// Logs `err` if it is a server error; called once per error the layer sends.
pub(crate) fn sent(err: &ApiError) {
    #[cfg(feature = "tracing")]
    if err.status().is_server_error() {
        tracing::error!(
            target: "error_model",
            request_id = err.request_id().unwrap_or(""),
            code = err.code().as_str(),
            status = err.status().as_u16(),
            source = %source_chain(err),
            "{}",
            err.message(),
        );
    }
    #[cfg(not(feature = "tracing"))]
    let _ = err;
}
