//! axum integration for error-model, built on error-model-tower.
//!
//! - [`ApiError`] is [`IntoResponse`]: a handler returns `Result<T, ApiError>`.
//! - The [`ErrorLayer`] (from [`error_model_tower`]) on the router writes every
//!   error in the configured dialect (or problem+json when `Accept` prefers
//!   it) with the request id, and turns axum's own answers (the empty 404 of
//!   an unknown route, the empty 405 of a wrong method with its `Allow`, a
//!   panic, a `tower-http` timeout) into contract errors.
//! - The extractors [`Json`], [`Path`] and [`Query`] reject bad input with
//!   contract errors instead of axum's plain-text ones: `MALFORMED_REQUEST`
//!   for a body that is not JSON, `VALIDATION_ERROR` with the field path
//!   (`leads.0.phone`) for JSON of the wrong shape, `UNSUPPORTED_MEDIA_TYPE`
//!   for a missing or wrong `Content-Type`, `PAYLOAD_TOO_LARGE` past the body
//!   limit, `INVALID_INPUT` with the parameter for a bad path or query.
//! - [`RequestId`] extracts the request's id.
//! - With the features `validator` and `garde`, `validator::Valid<Json<T>>`
//!   and `garde::Valid<Json<T>>` deserialize and validate in one step: a
//!   wrong type and a broken rule are both one `VALIDATION_ERROR` with
//!   every field (through error-model-validator and error-model-garde).
//!   They live here, behind features, rather than in those crates behind an
//!   `axum` feature: a new axum is then a change of this crate alone, and
//!   a new validator or garde a new feature here (as `axum-core-05` is in
//!   the core), so neither tool's version sets the other's crate's.
//!
//! # Examples
//!
//! ```
//! use axum::{Router, routing::{get, post}};
//! use error_model_axum::{Json, Path, RequestId};
//! use error_model_tower::{ErrorConfig, ErrorLayer};
//! use error_model::{ApiError, ErrorCode, wire::Dialect};
//!
//! #[derive(serde::Deserialize, serde::Serialize)]
//! struct Lead { name: String, email: String }
//!
//! async fn create(Json(lead): Json<Lead>) -> Result<Json<Lead>, ApiError> {
//!     Ok(Json(lead))
//! }
//!
//! async fn lead(Path(id): Path<String>, request: RequestId) -> Result<Json<Lead>, ApiError> {
//!     Err(ApiError::new(ErrorCode::NotFound).with_message(format!("No lead {id} (request {request})")))
//! }
//!
//! let app: Router = Router::new()
//!     .route("/v1/leads", post(create))
//!     .route("/v1/leads/{id}", get(lead))
//!     .layer(ErrorLayer::new(ErrorConfig::new(Dialect::Canonical)));
//! ```

#![warn(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

/// The axum crate this one integrates (0.8).
pub use axum;
/// The core crate.
pub use error_model;

/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

use ::axum::body::Bytes;
use ::axum::extract::rejection::PathRejection;
use ::axum::extract::{FromRequest, FromRequestParts, Request};
use ::axum::response::{IntoResponse, Response};
use http::header::CONTENT_TYPE;
use http::request::Parts;
use http::{HeaderMap, HeaderValue};
use serde::Serialize;
use serde::de::DeserializeOwned;

use error_model::limits::MAX_SERDE_MESSAGE_BYTES;
use error_model::path::PathStyle;
use error_model::redact::SensitiveNames;
use error_model::{ApiError, ErrorCode, FieldViolation};

pub use error_model_tower::{ErrorConfig, ErrorLayer, RequestId};

mod messages;

/// The route template axum matched (`/v1/leads/{id}`), for
/// [`ErrorConfig::route`](error_model_tower::ErrorConfig::route): the
/// `http.route` of the error counter (feature `opentelemetry`).
///
/// # Examples
///
/// ```
/// use error_model::wire::Dialect;
/// use error_model_tower::ErrorConfig;
/// use error_model_tower::telemetry::ErrorMetrics;
///
/// let meter = opentelemetry::global::meter("leads");
/// let config = ErrorConfig::new(Dialect::Canonical)
///     .metrics(ErrorMetrics::new(&meter))
///     .route(error_model_axum::matched_path);
/// # let _ = config;
/// ```
#[cfg(feature = "opentelemetry")]
#[cfg_attr(docsrs, doc(cfg(feature = "opentelemetry")))]
pub fn matched_path(extensions: &::axum::http::Extensions) -> Option<&str> {
    extensions.get::<::axum::extract::MatchedPath>().map(|path| path.as_str())
}
#[cfg(feature = "garde")]
#[cfg_attr(docsrs, doc(cfg(feature = "garde")))]
pub mod garde;
#[cfg(feature = "validator")]
#[cfg_attr(docsrs, doc(cfg(feature = "validator")))]
pub mod validator;

/// A handler for [`Router::fallback`](::axum::Router::fallback): `NOT_FOUND`.
/// (The [`ErrorLayer`] also turns axum's default empty 404 into one.)
pub async fn fallback() -> ApiError {
    ApiError::new(ErrorCode::NotFound).with_message("No resource exists at this path.")
}

/// A JSON request or response body.
///
/// As an extractor it requires `Content-Type: application/json` (or any
/// `+json` type) and rejects with contract errors; as a response it writes
/// `application/json`.
#[derive(Clone, Copy, Debug, Default)]
pub struct Json<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Json<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Json<T>, ApiError> {
        if !is_json(req.headers()) {
            return Err(ApiError::new(ErrorCode::UnsupportedMediaType)
                .with_message("Expected a request body with Content-Type: application/json."));
        }
        let names = sensitive_names(req.extensions());
        let bytes = Bytes::from_request(req, state).await.map_err(body_error)?;
        from_json_with(&bytes, &names).map(Json)
    }
}

impl<T: Serialize> IntoResponse for Json<T> {
    fn into_response(self) -> Response {
        match serde_json::to_vec(&self.0) {
            Ok(body) => ([(CONTENT_TYPE, HeaderValue::from_static("application/json"))], body).into_response(),
            Err(err) => ApiError::internal(err).into_response(),
        }
    }
}

/// A body that could not be read: `PAYLOAD_TOO_LARGE` past the limit,
/// `REQUEST_TIMEOUT` when a `tower-http` body timeout or deadline
/// (`RequestBodyTimeoutLayer`, `RequestBodyDeadlineLayer`) ran out (the
/// client was slow), else what the rejection's status implies.
fn body_error(rejection: ::axum::extract::rejection::BytesRejection) -> ApiError {
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(&rejection);
    let mut timed_out = false;
    while let Some(err) = cause {
        timed_out |= err.is::<tower_http::timeout::TimeoutError>();
        cause = err.source();
    }
    let code = if timed_out { ErrorCode::RequestTimeout } else { error_model::status::bare_code(rejection.status()) };
    ApiError::new(code).with_source(rejection)
}

/// The sensitive names the [`ErrorLayer`] put in the request's extensions
/// ([`ErrorConfig::with_sensitive_names`]), else the built-in ones.
fn sensitive_names(extensions: &http::Extensions) -> SensitiveNames {
    extensions.get::<SensitiveNames>().cloned().unwrap_or_default()
}

fn is_json(headers: &HeaderMap) -> bool {
    headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(error_model::headers::is_json_media_type)
}

/// Reads a JSON body into `T`, with contract errors: `MALFORMED_REQUEST`
/// for a body that is not JSON, `VALIDATION_ERROR` with the path of the
/// field where serde reports one (`leads.0.phone`) for JSON of the wrong
/// shape. Messages say in JSON's words what was expected and what was found
/// (`expected an object, found null`), never a Rust type name, bounded; a
/// sensitive field's (by the built-in names; see [`from_json_with`]) says
/// only that its value is invalid.
///
/// # Examples
///
/// ```
/// use error_model::ErrorCode;
/// use error_model_axum::from_json;
///
/// #[derive(serde::Deserialize, Debug)]
/// struct Bulk { leads: Vec<Lead> }
/// #[derive(serde::Deserialize, Debug)]
/// struct Lead { phone: u64 }
///
/// let err = from_json::<Bulk>(br#"{"leads": [{"phone": "call me"}]}"#).unwrap_err();
/// assert_eq!(err.code(), &ErrorCode::ValidationError);
/// assert_eq!(err.fields()[0].field, "leads.0.phone");
///
/// let err = from_json::<Bulk>(b"{\"leads\": [").unwrap_err();
/// assert_eq!(err.code(), &ErrorCode::MalformedRequest);
/// ```
pub fn from_json<T: DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    from_json_with(body, SensitiveNames::defaults())
}

/// [`from_json`], with the fields sensitive to `names` (the [`Json`]
/// extractor's come from the [`ErrorLayer`]'s configuration) named in
/// messages that say nothing of their value.
///
/// # Examples
///
/// ```
/// use error_model::redact::SensitiveNames;
/// use error_model_axum::from_json_with;
///
/// #[derive(serde::Deserialize, Debug)]
/// struct Customer { tax_id: u64 }
///
/// let names = SensitiveNames::default().with_names(["tax_id"]);
/// let err = from_json_with::<Customer>(br#"{"tax_id": "12-345"}"#, &names).unwrap_err();
/// assert_eq!(err.fields()[0].message, "Invalid value.");
/// ```
pub fn from_json_with<T: DeserializeOwned>(body: &[u8], names: &SensitiveNames) -> Result<T, ApiError> {
    let mut de = serde_json::Deserializer::from_slice(body);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().clone();
        json_error(body, Some(&path), e.into_inner(), names)
    })?;
    de.end().map_err(|e| json_error(body, None, e, names))?;
    Ok(value)
}

fn json_error(
    body: &[u8],
    path: Option<&serde_path_to_error::Path>,
    inner: serde_json::Error,
    names: &SensitiveNames,
) -> ApiError {
    let field = path.map(field_path).unwrap_or_default();
    let text = serde_text(&inner);
    match inner.classify() {
        serde_json::error::Category::Data => {
            let message = if names.is_sensitive(&field) {
                "Invalid value.".to_owned()
            } else {
                error_model::text::bounded(
                    &messages::rewrite(&text, path.and_then(|p| found_at(body, p))),
                    MAX_SERDE_MESSAGE_BYTES,
                )
            };
            let err = ApiError::new(ErrorCode::ValidationError);
            if field.is_empty() {
                err.with_message(message)
            } else {
                err.with_field(FieldViolation::new(field, message).with_reason("INVALID"))
            }
        }
        // serde_json reports a valid value of the wrong kind for an enum
        // (`null` where a variant is expected) as a syntax error: the body
        // is JSON, so it is the value that is wrong.
        _ if serde_json::from_slice::<serde::de::IgnoredAny>(body).is_ok() => {
            let found = path.and_then(|p| found_at(body, p)).unwrap_or("a value");
            let message = format!("found {found}, which is not a valid value here");
            let err = ApiError::new(ErrorCode::ValidationError);
            if field.is_empty() || error_model::redact::is_sensitive_field(&field) {
                err.with_message(message)
            } else {
                err.with_field(FieldViolation::new(field, message).with_reason("INVALID"))
            }
        }
        _ => ApiError::new(ErrorCode::MalformedRequest).with_message(format!(
            "The body is not valid JSON: {text} at line {} column {}.",
            inner.line(),
            inner.column()
        )),
    }
}

/// serde's text of `err` without serde_json's position suffix, bounded.
fn serde_text(err: &serde_json::Error) -> String {
    let full = err.to_string();
    let suffix = format!(" at line {} column {}", err.line(), err.column());
    let text = full.strip_suffix(&suffix).unwrap_or(&full);
    error_model::text::bounded(text, MAX_SERDE_MESSAGE_BYTES)
}

/// The JSON kind of the value at `path` in `body` (a slow path: only when
/// a request is rejected), or `None` when it cannot be read.
fn found_at(body: &[u8], path: &serde_path_to_error::Path) -> Option<&'static str> {
    use serde_path_to_error::Segment;
    let root: serde_json::Value = serde_json::from_slice(body).ok()?;
    let mut at = &root;
    for segment in path.iter() {
        at = match segment {
            Segment::Seq { index } => at.get(*index)?,
            Segment::Map { key } => at.get(key)?,
            Segment::Enum { .. } | Segment::Unknown => return None,
        };
    }
    Some(messages::kind_of(at))
}

/// The field a serde path names, dotted (`leads.0.phone`); empty at the root.
fn field_path(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let segments: Vec<String> = path
        .iter()
        .map_while(|segment| match segment {
            Segment::Seq { index } => Some(index.to_string()),
            Segment::Map { key } => Some(key.clone()),
            Segment::Enum { variant } => Some(variant.clone()),
            Segment::Unknown => None,
        })
        .collect();
    error_model::path::join(&segments, PathStyle::Dotted)
}

/// Path parameters, rejected with `INVALID_INPUT` naming the parameter.
#[derive(Clone, Copy, Debug)]
pub struct Path<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for Path<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Path<T>, ApiError> {
        match ::axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(::axum::extract::Path(value)) => Ok(Path(value)),
            Err(rejection) => Err(path_error(rejection)),
        }
    }
}

fn path_error(rejection: PathRejection) -> ApiError {
    use ::axum::extract::path::ErrorKind;
    let PathRejection::FailedToDeserializePathParams(failed) = &rejection else {
        // No parameters where the route has them: a routing bug, not the client's.
        return ApiError::internal(rejection);
    };
    let field = match failed.kind() {
        ErrorKind::ParseErrorAtKey { key, value, expected_type } => Some((key.clone(), value.clone(), *expected_type)),
        ErrorKind::ParseErrorAtIndex { index, value, expected_type } => {
            Some((index.to_string(), value.clone(), *expected_type))
        }
        ErrorKind::ParseError { value, expected_type } => Some((String::new(), value.clone(), *expected_type)),
        _ => None,
    };
    if failed.status().is_server_error() {
        return ApiError::internal(rejection);
    }
    let err = ApiError::new(ErrorCode::InvalidInput).with_message("A path parameter is invalid.");
    match field {
        Some((key, value, expected)) if !key.is_empty() => {
            let violation = FieldViolation::new(key, "Invalid path parameter")
                .with_reason("INVALID")
                .with_rejected_value(error_model::text::bounded(&value, MAX_SERDE_MESSAGE_BYTES));
            // axum names the Rust type; the client reads the JSON kind, or nothing.
            err.with_field(match messages::expected_of_type_name(expected) {
                Some(kind) => violation.with_expected(kind),
                None => violation,
            })
        }
        _ => err,
    }
}

/// `INVALID_INPUT` for query parameters that broke their rules: the code
/// [`Query`] rejects a parameter of the wrong type with.
#[cfg(any(feature = "validator", feature = "garde"))]
fn invalid_query(violations: Vec<FieldViolation>) -> ApiError {
    ApiError::new(ErrorCode::InvalidInput).with_message("A query parameter is invalid.").with_fields(violations)
}

/// The query string, rejected with `INVALID_INPUT` naming the parameter
/// where serde reports one. A missing query string reads as an empty one.
#[derive(Clone, Copy, Debug)]
pub struct Query<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Query<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Query<T>, ApiError> {
        let query = parts.uri.query().unwrap_or("");
        let de = serde_urlencoded::Deserializer::new(form_urlencoded::parse(query.as_bytes()));
        serde_path_to_error::deserialize(de).map(Query).map_err(|err| {
            let field = field_path(err.path());
            let text = error_model::text::bounded(
                &messages::rewrite(&err.into_inner().to_string(), None),
                MAX_SERDE_MESSAGE_BYTES,
            );
            let err = ApiError::new(ErrorCode::InvalidInput).with_message("A query parameter is invalid.");
            if field.is_empty() {
                err.with_message(text)
            } else {
                let message = if sensitive_names(&parts.extensions).is_sensitive(&field) {
                    "Invalid value.".to_owned()
                } else {
                    text
                };
                err.with_field(FieldViolation::new(field, message).with_reason("INVALID"))
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    struct Customer {
        #[allow(dead_code)]
        tax_id: u64,
    }

    /// The message the query extractor writes for `tax_id=12-345`, with
    /// `names` in the request's extensions (as the layer puts them) or none.
    async fn query_message(names: Option<SensitiveNames>) -> String {
        let mut req = http::Request::builder().uri("/?tax_id=12-345").body(()).unwrap();
        if let Some(names) = names {
            req.extensions_mut().insert(names);
        }
        let (mut parts, ()) = req.into_parts();
        let err = Query::<Customer>::from_request_parts(&mut parts, &()).await.unwrap_err();
        err.fields()[0].message.clone()
    }

    #[tokio::test]
    async fn extractors_read_the_sensitive_names_from_the_request() {
        let names = SensitiveNames::default().with_names(["tax_id"]);
        assert_eq!(query_message(Some(names)).await, "Invalid value.");
        assert_ne!(query_message(None).await, "Invalid value.");
        assert_ne!(query_message(Some(SensitiveNames::default())).await, "Invalid value.");
    }
}
