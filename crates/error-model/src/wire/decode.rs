//! The public entry points of decoding: [`decode`] (and [`decode_with`],
//! [`decode_or_status`], [`decode_or_status_at`]), [`detect`] and
//! [`convert`]. They parse a body once ([`super::parse`]), name its shape
//! (detection, or the lenient reader's foreign shapes) and hand it to that
//! shape's decoder; nothing else in `wire` imports this module.

use std::time::SystemTime;

use http::{HeaderMap, Response, StatusCode};
use serde_json::Value;

use super::Shape;
use super::any::AnyBody;
use super::detect::detect_any;
use super::dialect::Dialect;
use super::foreign::{self, Foreign};
use super::parse::{Context, finish, parse};
use crate::decode::{DecodeError, DecodeErrorKind};
use crate::limits::{self, Limits};
use crate::{ApiError, Details, ErrorCode};

/// Decodes an error body of any dialect, detecting which.
///
/// `status` and `headers` are the response's where there was one; they help
/// detection (`application/problem+json`), fill what the body lacks (request
/// id, `Retry-After`) and give the status. See [`detect`] for the rules.
///
/// # Examples
///
/// ```
/// use error_model::{ErrorCode, wire::{self, Dialect}};
/// use http::{HeaderMap, StatusCode};
///
/// let body = br#"{"message": "The given data was invalid.", "errors": {"email": ["The email field is required."]}}"#;
/// let (dialect, err) = wire::decode(Some(StatusCode::UNPROCESSABLE_ENTITY), &HeaderMap::new(), body).unwrap();
/// assert_eq!(dialect, Dialect::FieldMap);
/// assert_eq!(err.code(), &ErrorCode::ValidationError);
/// assert_eq!(err.status().as_u16(), 400); // canonical status
/// assert_eq!(err.fields()[0].pointer, "/email");
/// ```
pub fn decode(status: Option<StatusCode>, headers: &HeaderMap, body: &[u8]) -> Result<(Shape, ApiError), DecodeError> {
    decode_with(status, headers, body, &Limits::default())
}

/// [`decode`] within explicit [`Limits`].
pub fn decode_with(
    status: Option<StatusCode>,
    headers: &HeaderMap,
    body: &[u8],
    limits: &Limits,
) -> Result<(Shape, ApiError), DecodeError> {
    decode_at(status, headers, body, limits, None)
}

/// [`decode_with`], reading an HTTP-date `Retry-After` relative to `now`
/// (`None`: the clock's, read only if a header needs it).
pub(crate) fn decode_at(
    status: Option<StatusCode>,
    headers: &HeaderMap,
    body: &[u8],
    limits: &Limits,
    now: Option<SystemTime>,
) -> Result<(Shape, ApiError), DecodeError> {
    let ctx = Context { status: status.filter(|s| crate::status::is_error(*s)), headers, limits, now };
    let mut any = AnyBody::default();
    match parse(body, limits, &mut any) {
        Ok(()) => {}
        // Valid JSON the typed parse does not fit: the lenient reader's.
        Err(e) if matches!(e.kind(), DecodeErrorKind::Data | DecodeErrorKind::UnknownShape) => {
            return read_foreign(Foreign::Other, body, &ctx);
        }
        Err(e) => return Err(e),
    }
    // A member that marks another API's shape (`error_description`,
    // `__type`) decides, unless the body declares itself RFC 9457 (a
    // problem `type`) and fits it: then that member is an extension of the
    // problem (what the problem encoder writes for one reads back as one).
    let dialect = detect_any(&mut any, headers);
    let declared_problem = dialect == Some(Dialect::Problem) && any.type_.is_some();
    if !declared_problem && foreign::needs_value(&any) {
        let root: Value = serde_json::from_slice(body).map_err(|e| DecodeError::from_json(e, body))?;
        if let Some(shape) = foreign::foreign_shape(&root) {
            return Ok((
                Shape::Foreign(shape),
                super::parse::within_limits(foreign::read(shape, root, body, &ctx), limits),
            ));
        }
    }
    let Some(dialect) = dialect else {
        return read_foreign(Foreign::Other, body, &ctx);
    };
    match dialect.decode_parsed(&mut any, &ctx) {
        Ok(err) => Ok((Shape::Dialect(dialect), err)),
        Err(e) if e.kind() == DecodeErrorKind::Data => read_foreign(Foreign::Other, body, &ctx),
        Err(e) => Err(e),
    }
}

/// Reads `body` with the lenient reader.
fn read_foreign(shape: Foreign, body: &[u8], ctx: &Context<'_>) -> Result<(Shape, ApiError), DecodeError> {
    let root: Value = serde_json::from_slice(body).map_err(|e| DecodeError::from_json(e, body))?;
    let shape = foreign::foreign_shape(&root).unwrap_or(shape);
    Ok((Shape::Foreign(shape), super::parse::within_limits(foreign::read(shape, root, body, ctx), ctx.limits)))
}

/// Decodes an error body like [`decode`], and when the body is not an error
/// body of any shape (an HTML page from a proxy, plain text, nothing, broken
/// JSON) builds the error from the status and headers alone: the code the
/// status implies, the status phrase as message, the request id and the
/// retry hint from the headers. Limits still apply; the decode error is
/// returned beside the error so that callers can log it.
///
/// # Examples
///
/// ```
/// use error_model::{ErrorCode, wire};
/// use http::{HeaderMap, HeaderValue, StatusCode};
///
/// let mut headers = HeaderMap::new();
/// headers.insert("retry-after", HeaderValue::from_static("120"));
/// let (err, why) = wire::decode_or_status(StatusCode::SERVICE_UNAVAILABLE, &headers, b"<html>Down for maintenance</html>");
/// assert_eq!(err.code(), &ErrorCode::ServiceUnavailable);
/// assert_eq!(err.retry_after(), Some(120));
/// assert!(why.unwrap().is_not_json());
/// ```
pub fn decode_or_status(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> (ApiError, Option<DecodeError>) {
    or_status(status, headers, body, None)
}

/// [`decode_or_status`], reading an HTTP-date `Retry-After` relative to `now`.
pub fn decode_or_status_at(
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
    now: SystemTime,
) -> (ApiError, Option<DecodeError>) {
    or_status(status, headers, body, Some(now))
}

/// [`decode_or_status_at`], `now` the clock's when `None` (read only if a
/// header needs it).
fn or_status(
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
    now: Option<SystemTime>,
) -> (ApiError, Option<DecodeError>) {
    let limits = Limits::default();
    match decode_at(Some(status), headers, body, &limits, now) {
        Ok((_, err)) => (err, None),
        Err(why) => {
            let ctx =
                Context { status: Some(status).filter(|s| crate::status::is_error(*s)), headers, limits: &limits, now };
            let message =
                readable_message(body).unwrap_or_else(|| status.canonical_reason().unwrap_or("Error").to_owned());
            let mut err =
                finish(Dialect::Canonical, None::<crate::Code>, None, Some(message), Details::default(), &ctx);
            if !crate::status::is_error(status) {
                err = ApiError::with_status(ErrorCode::InternalError, StatusCode::INTERNAL_SERVER_ERROR)
                    .with_message(format!("unexpected status {}", status.as_u16()));
            }
            (err, Some(why))
        }
    }
}

/// What a body that is not JSON says, if a person can read it: the `<title>`
/// of an HTML page, or short plain text (its first line), on one line and
/// within the [caps](crate::limits::MAX_READABLE_MESSAGE_BYTES) for it.
fn readable_message(body: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(body.get(..body.len().min(limits::MAX_READABLE_SCAN_BYTES))?).ok()?.trim();
    let line = if text.starts_with('<') {
        let lower = text.to_ascii_lowercase();
        let start = lower.find("<title>")? + "<title>".len();
        let end = start + lower[start..].find("</title>")?;
        text.get(start..end)?.trim()
    } else if text.len() <= limits::MAX_PLAIN_TEXT_BODY_BYTES && !text.starts_with(['{', '[']) {
        text.lines().next()?.trim()
    } else {
        return None;
    };
    (!line.is_empty()).then(|| crate::text::bounded(line, limits::MAX_READABLE_MESSAGE_BYTES))
}

/// The dialect of a body, without decoding it into an error.
pub fn detect(headers: &HeaderMap, body: &[u8]) -> Result<Dialect, DecodeError> {
    let mut any = AnyBody::default();
    parse(body, &Limits::default(), &mut any)?;
    detect_any(&mut any, headers)
        .ok_or_else(|| DecodeError::new(DecodeErrorKind::UnknownShape, "body is json but matches no known error shape"))
}

/// Rewrites an error body from whatever dialect it is in into `to`: status,
/// headers and body.
///
/// # Examples
///
/// ```
/// use error_model::wire::{self, Dialect};
/// use http::{HeaderMap, StatusCode};
///
/// let laravel = br#"{"message": "The given data was invalid.", "errors": {"leads.0.phone": ["The leads.0.phone field is required."]}}"#;
/// let res = wire::convert(Some(StatusCode::UNPROCESSABLE_ENTITY), &HeaderMap::new(), laravel, Dialect::Canonical).unwrap();
/// assert_eq!(res.status(), 400);
/// let body: serde_json::Value = serde_json::from_slice(res.body()).unwrap();
/// assert_eq!(body["error"]["code"], "VALIDATION_ERROR");
/// assert_eq!(body["error"]["details"]["fields"][0]["pointer"], "/leads/0/phone");
/// ```
pub fn convert(
    status: Option<StatusCode>,
    headers: &HeaderMap,
    body: &[u8],
    to: Dialect,
) -> Result<Response<Vec<u8>>, DecodeError> {
    let (_, err) = decode(status, headers, body)?;
    Ok(to.encode(&err))
}
