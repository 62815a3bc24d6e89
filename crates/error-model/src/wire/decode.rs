//! Decoding: the entry points ([`decode`], [`decode_or_status`], [`detect`],
//! [`convert`]) and what every dialect's decoder shares: the parse into
//! [`AnyBody`], the status and code resolution, and the members carried in
//! free-form objects.

use std::time::SystemTime;

use http::{HeaderMap, Response, StatusCode};
use serde::Deserialize;
use serde_json::Value;

use super::any::{self, AnyBody, DetailsMember, ErrorMember, Scalar};
use super::detect::detect_any;
use super::lenient::{self, Foreign};
use super::{Dialect, Shape};
use crate::decode::{DecodeError, DecodeErrorKind, Limits};
use crate::{ApiError, Code, Details, ErrorCode, Timestamp, Upstream};

/// What a decoder knows besides the body.
pub(crate) struct Context<'a> {
    /// The response status, if it is an error status.
    pub status: Option<StatusCode>,
    pub headers: &'a HeaderMap,
    pub limits: &'a Limits,
    /// The time an HTTP-date `Retry-After` is counted from.
    pub now: SystemTime,
}

pub use crate::headers::{REQUEST_ID_HEADERS, REQUEST_ID_MEMBERS};

/// Where the lenient reader also finds a request id: [`REQUEST_ID_MEMBERS`]
/// of the top level, then these paths.
pub(crate) const REQUEST_ID_PATHS: &[&[&str]] = &[
    &["meta", "request_id"],
    &["error", "request_id"],
    &["error", "requestId"],
    &["error", "innerError", "request-id"],
    &["error", "innererror", "request-id"],
    &["error", "innerError", "requestId"],
];

/// Parses `body` into `any`, in place: the struct is large, and moving it
/// around costs more than parsing a small body.
pub(crate) fn parse(body: &[u8], limits: &Limits, any: &mut AnyBody) -> Result<(), DecodeError> {
    limits.check(body)?;
    let _budget = any::FieldBudget::scope(limits.max_fields);
    let mut de = serde_json::Deserializer::from_slice(body);
    let parsed = serde::Deserializer::deserialize_map(&mut de, any::Fill(any)).and_then(|()| de.end());
    match parsed {
        Ok(()) => Ok(()),
        Err(e) if e.is_data() && e.line() == 1 && e.column() <= 1 => {
            Err(DecodeError::new(DecodeErrorKind::UnknownShape, "body is json but not an object"))
        }
        Err(e) => Err(DecodeError::from_json(e, body)),
    }
}

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
    decode_at(status, headers, body, limits, SystemTime::now())
}

/// [`decode_with`], reading an HTTP-date `Retry-After` relative to `now`.
pub(crate) fn decode_at(
    status: Option<StatusCode>,
    headers: &HeaderMap,
    body: &[u8],
    limits: &Limits,
    now: SystemTime,
) -> Result<(Shape, ApiError), DecodeError> {
    let ctx = Context { status: status.filter(|s| crate::status::is_error(*s)), headers, limits, now };
    let mut any = AnyBody::default();
    match parse(body, limits, &mut any) {
        Ok(()) => {}
        // Valid JSON the typed parse does not fit: the lenient reader's.
        Err(e) if matches!(e.kind(), DecodeErrorKind::Data | DecodeErrorKind::UnknownShape) => {
            return lenient_read(Foreign::Other, body, &ctx);
        }
        Err(e) => return Err(e),
    }
    if lenient::needs_value(&any) {
        let root: Value = serde_json::from_slice(body).map_err(|e| DecodeError::from_json(e, body))?;
        if let Some(foreign) = lenient::foreign_shape(&root) {
            return Ok((Shape::Foreign(foreign), lenient::read(foreign, root, &ctx)));
        }
    }
    let Some(dialect) = detect_any(&any, headers) else {
        return lenient_read(Foreign::Other, body, &ctx);
    };
    match dialect.decode_parsed(&mut any, &ctx) {
        Ok(err) => Ok((Shape::Dialect(dialect), err)),
        Err(e) if e.kind() == DecodeErrorKind::Data => lenient_read(Foreign::Other, body, &ctx),
        Err(e) => Err(e),
    }
}

/// Reads `body` with the lenient reader.
fn lenient_read(shape: Foreign, body: &[u8], ctx: &Context<'_>) -> Result<(Shape, ApiError), DecodeError> {
    let root: Value = serde_json::from_slice(body).map_err(|e| DecodeError::from_json(e, body))?;
    let shape = lenient::foreign_shape(&root).unwrap_or(shape);
    Ok((Shape::Foreign(shape), lenient::read(shape, root, ctx)))
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
    decode_or_status_at(status, headers, body, SystemTime::now())
}

/// [`decode_or_status`], reading an HTTP-date `Retry-After` relative to `now`.
pub fn decode_or_status_at(
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
    now: SystemTime,
) -> (ApiError, Option<DecodeError>) {
    let limits = Limits::default();
    match decode_at(Some(status), headers, body, &limits, now) {
        Ok((_, err)) => (err, None),
        Err(why) => {
            let ctx =
                Context { status: Some(status).filter(|s| crate::status::is_error(*s)), headers, limits: &limits, now };
            let message =
                readable_message(body).unwrap_or_else(|| status.canonical_reason().unwrap_or("Error").to_owned());
            let mut err = finish(Dialect::Canonical, None, None, Some(message), Details::default(), &ctx);
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
/// within 200 bytes.
fn readable_message(body: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(body.get(..body.len().min(64 * 1024))?).ok()?.trim();
    let line = if text.starts_with('<') {
        let lower = text.to_ascii_lowercase();
        let start = lower.find("<title>")? + "<title>".len();
        let end = start + lower[start..].find("</title>")?;
        text.get(start..end)?.trim()
    } else if text.len() <= 512 && !text.starts_with(['{', '[']) {
        text.lines().next()?.trim()
    } else {
        return None;
    };
    (!line.is_empty()).then(|| crate::text::bounded(line, 200))
}

/// The dialect of a body, without decoding it into an error.
pub fn detect(headers: &HeaderMap, body: &[u8]) -> Result<Dialect, DecodeError> {
    let mut any = AnyBody::default();
    parse(body, &Limits::default(), &mut any)?;
    detect_any(&any, headers)
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
/// let seed_003 = br#"{"message": "The given data was invalid.", "errors": {"leads.0.phone": ["The leads.0.phone field is required."]}}"#;
/// let res = wire::convert(Some(StatusCode::UNPROCESSABLE_ENTITY), &HeaderMap::new(), seed_003, Dialect::Canonical).unwrap();
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

/// Resolves code and status of a decoded body: the response status wins over
/// the body's; a code the body lacks is implied by the status; a
/// validation code received with 422 is given its canonical 400.
pub(crate) fn resolve(
    dialect: Dialect,
    code: Option<Code>,
    body_status: Option<i64>,
    ctx: &Context<'_>,
    has_fields: bool,
) -> (Code, StatusCode) {
    let body_status = body_status
        .and_then(|s| u16::try_from(s).ok())
        .and_then(|s| StatusCode::from_u16(s).ok())
        .filter(|s| crate::status::is_error(*s));
    let wire = ctx.status.or(body_status);
    let code = match (code, wire) {
        (Some(code), _) => code,
        (None, Some(status)) => dialect.implied_code(status).into(),
        (None, None) if has_fields => ErrorCode::ValidationError.into(),
        (None, None) => ErrorCode::InternalError.into(),
    };
    let status = match wire {
        Some(s) => crate::status::canonical_status(&code, s),
        None => code.status().unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
    };
    (code, status)
}

/// Builds the decoded error within the [`Limits`] (a code too long is
/// dropped, a message cut, field errors beyond the limit dropped) and fills
/// what the body lacked from the headers.
pub(crate) fn finish(
    dialect: Dialect,
    code: Option<Code>,
    body_status: Option<i64>,
    message: Option<String>,
    mut details: Details,
    ctx: &Context<'_>,
) -> ApiError {
    let limits = ctx.limits;
    let code = code.filter(|c| c.as_str().len() <= limits.max_code_bytes);
    details.fields.truncate(limits.max_fields);
    let sent: Vec<String> = code.iter().map(|c| c.as_str().to_owned()).collect();
    let (code, status) = resolve(dialect, code, body_status, ctx, !details.fields.is_empty());
    let mut upstream = Upstream::new(dialect.name(), sent);
    upstream.status = ctx.status.filter(|wire| *wire != status).map(|wire| wire.as_u16());
    let mut message = message.unwrap_or_default();
    if message.len() > limits.max_message_bytes {
        let mut end = limits.max_message_bytes;
        while !message.is_char_boundary(end) {
            end -= 1;
        }
        message.truncate(end);
        message.push('…');
    }
    let mut err =
        ApiError::with_status(code, status).with_message(message).with_details(details).with_upstream(upstream);
    if ctx.headers.is_empty() {
        return err;
    }
    let fits = |id: &&str| id.len() <= limits.max_request_id_bytes;
    if let Some(id) = REQUEST_ID_HEADERS.iter().find_map(|h| header_request_id(ctx.headers, h)).filter(fits) {
        err = err.with_request_id(id);
    }
    if let Some(secs) = crate::status::retry_hint(err.retry_after(), ctx.headers, ctx.now) {
        err.details_mut().retry_after = Some(secs);
    }
    err
}

/// A request id from header `name`: its value, or for `traceparent`
/// (`version-traceid-parentid-flags`) the trace id.
fn header_request_id<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    let value = header_str(headers, name)?;
    if name == "traceparent" { value.split('-').nth(1).filter(|id| id.len() == 32) } else { Some(value) }
}

fn header_str<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// A code from a body member: a string, or a number kept as its text
/// (Discord's `50035`, Cloudflare's `10000`).
pub(crate) fn code_of(scalar: Option<Scalar>) -> Option<Code> {
    match scalar? {
        Scalar::Str(s) => Some(Code::from_string(s)),
        Scalar::Int(n) => Some(Code::from_string(n.to_string())),
        Scalar::Other => None,
    }
}

/// The `error` object of a nested shape.
pub(crate) fn error_object(body: &mut AnyBody) -> Result<&mut any::ErrorObject, DecodeError> {
    match body.error {
        Some(ErrorMember::Object) => Ok(&mut body.error_object),
        _ => Err(DecodeError::new(DecodeErrorKind::Data, "expected an `error` object")),
    }
}

/// The string `error.code` a nested shape requires.
///
/// A code of an unusable form (a fraction, a number out of range) is
/// dropped, and the status implies the code; an integer or a missing code
/// means the body is not of this shape.
pub(crate) fn required_code(code: Option<Scalar>) -> Result<Option<Code>, DecodeError> {
    match code {
        Some(Scalar::Other) => Ok(None),
        Some(Scalar::Str(s)) => Ok(Some(Code::from_string(s))),
        _ => Err(DecodeError::new(DecodeErrorKind::Data, "expected a string `error.code`")),
    }
}

/// `details` where a shape requires an object, if present.
pub(crate) fn details_object(details: Option<DetailsMember>) -> Result<Option<any::DetailsObject>, DecodeError> {
    match details {
        None => Ok(None),
        Some(DetailsMember::Object(d)) => Ok(Some(*d)),
        Some(DetailsMember::List(_)) => {
            Err(DecodeError::new(DecodeErrorKind::Data, "expected `details` to be an object"))
        }
    }
}

/// Reads one member of such an object back: a carried one into `details`,
/// `timestamp` or `upstream`, any other into the extensions.
pub(crate) fn read_carried(
    key: String,
    value: Value,
    details: &mut Details,
    timestamp: &mut Option<String>,
    upstream: &mut Option<Upstream>,
) {
    match key.as_str() {
        "retry_after" if value.is_u64() => details.retry_after = value.as_u64(),
        "resource" if value.is_object() => details.resource = crate::ResourceRef::deserialize(&value).ok(),
        "timestamp" if value.is_string() => *timestamp = value.as_str().map(str::to_owned),
        "upstream" if value.is_object() => *upstream = Upstream::deserialize(&value).ok(),
        _ => {
            details.extensions.insert(key, value);
        }
    }
}

/// Sets the request id and the timestamp a body carried (the body's request
/// id wins over the header's).
pub(crate) fn identify(
    ctx: &Context<'_>,
    err: ApiError,
    request_id: Option<String>,
    timestamp: Option<String>,
) -> ApiError {
    let err = match request_id.filter(|id| id.len() <= ctx.limits.max_request_id_bytes) {
        Some(id) => err.with_request_id(id),
        None => err,
    };
    set_timestamp(err, timestamp)
}

/// Sets a timestamp, or keeps an unparseable one as an extension so that nothing is lost.
pub(crate) fn set_timestamp(err: ApiError, timestamp: Option<String>) -> ApiError {
    match timestamp {
        None => err,
        Some(ts) => match ts.parse::<Timestamp>() {
            Ok(ts) => err.with_timestamp(ts),
            Err(_) => err.with_extension("timestamp", ts),
        },
    }
}

/// A retry hint from a body member that may be a number or a numeric string.
pub(crate) fn retry_secs(scalar: Option<&Scalar>) -> Option<u64> {
    scalar.and_then(Scalar::as_int).and_then(|n| u64::try_from(n).ok())
}

/// Typed items from a free-form value (used for the few members that only
/// some dialects type).
pub(crate) fn items_from_value<T: for<'de> Deserialize<'de>>(value: &Value) -> Option<Vec<T>> {
    Vec::<T>::deserialize(value).ok()
}

/// Where the body says it came from before (an `upstream` member it
/// carried, from an earlier conversion) wins over where it was read now.
pub(crate) fn carried_upstream(mut err: ApiError, carried: Option<Upstream>) -> ApiError {
    if let Some(carried) = carried {
        let now = err.upstream_mut();
        now.codes = carried.codes;
        now.status = carried.status.or(now.status);
        now.dialect = carried.dialect;
        now.lenient = carried.lenient;
    }
    err
}

/// A request id a shape has no member of its own for, found among the
/// members it kept as extensions, or in a top-level `meta` no decoder read
/// (ASP.NET's `traceId`, PayPal's `debug_id`, `meta.request_id`).
pub(crate) fn from_kept_members(
    mut err: ApiError,
    meta: Option<serde_json::Map<String, Value>>,
    ctx: &Context<'_>,
) -> ApiError {
    if err.request_id().is_none() {
        let extensions = &err.details().extensions;
        let kept = REQUEST_ID_MEMBERS.iter().find_map(|name| extensions.get(*name));
        let found = kept.or_else(|| meta.as_ref()?.get("request_id"));
        let id =
            found.and_then(Value::as_str).filter(|id| id.len() <= ctx.limits.max_request_id_bytes).map(str::to_owned);
        if let Some(id) = id {
            err = err.with_request_id(id);
        }
    }
    err
}
