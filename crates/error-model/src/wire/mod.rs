//! Wire dialects: every error shape this crate reads and writes.
//!
//! A [`Dialect`] is named by its shape, not by the API it was found in. Each
//! one encodes an [`ApiError`] (body, status and headers) and decodes it back;
//! [`decode`] detects the dialect of a body by itself, using the status and
//! headers where given; [`convert`] rewrites a body from any dialect into any
//! other, status included.
//!
//! | dialect | shape | validation status |
//! |---|---|---|
//! | [`Canonical`](Dialect::Canonical) | `{"error": {"code", "status", "message", "details": {"fields": [...]}}}` | 400 |
//! | [`Nested`](Dialect::Nested) | `{"success": false, "error": {"code", "message", "details": {...}}}` | 400 |
//! | [`Flat`](Dialect::Flat) | `{"success": false, "error": "<message>", "code", "details", "timestamp", "requestId"}` | 400 |
//! | [`Bare`](Dialect::Bare) | `{"code", "message", "details": {"issues": [...]}}` | 400 |
//! | [`FieldMap`](Dialect::FieldMap) | `{"message", "errors": {"<field>": ["<message>"]}}` | 422 |
//! | [`DetailList`](Dialect::DetailList) | `{"error": {"code", "message", "details": [{"field", "message"}]}}` | 422 |
//! | [`Problem`](Dialect::Problem) | RFC 9457 `application/problem+json` | 400 |
//! | [`Google`](Dialect::Google) | `google.rpc.Status` per AIP-193 | 400 |
//! | [`JsonApi`](Dialect::JsonApi) | JSON:API `{"errors": [{"status", "code", "title", "detail", "source"}]}` | 400 |
//! | [`Azure`](Dialect::Azure) | `{"error": {"code", "message", "target", "details", "innererror"}}` | 400 |
//! | [`Stripe`](Dialect::Stripe) | `{"error": {"type", "code", "message", "param", "doc_url"}}` | 400 |
//! | [`GitHub`](Dialect::GitHub) | `{"message", "errors": [{"resource", "field", "code"}], "documentation_url"}` | 422 |
//! | [`Drf`](Dialect::Drf) | Django REST framework `{"detail"}` or `{"<field>": ["<message>"]}` | 400 |
//! | [`GraphQl`](Dialect::GraphQl) | `{"errors": [{"message", "path", "extensions": {"code"}}], "data": null}` | 400 |
//!
//! Where a shape has no member for something (a request id, a timestamp),
//! it travels in a header (`X-Request-ID`, `Retry-After`) or is left out.

mod any;
mod azure;
mod bare;
mod canonical;
mod detail_list;
mod drf;
mod field_map;
mod flat;
mod github;
mod google;
mod graphql;
mod json_api;
mod nested;
mod problem;
mod stripe;

use std::fmt;

use http::header::{CONTENT_TYPE, RETRY_AFTER};
use http::{HeaderMap, Response, StatusCode};
use serde::Deserialize;
use serde_json::{Map, Value};

use crate::decode::{DecodeError, DecodeErrorKind, Limits};
use crate::{ApiError, Category, Code, Details, ErrorCode, FieldViolation, Timestamp};
use any::{AnyBody, DetailsMember, ErrorMember, ErrorsMember, Scalar};

macro_rules! dialects {
    ($($Variant:ident => $name:literal, $module:ident, $content_type:literal, $validation_422:literal, $doc:literal;)*) => {
        /// An error wire shape. See the [module docs](self) for each one's shape.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Dialect {
            $(#[doc = $doc] $Variant,)*
        }

        impl Dialect {
            /// Every dialect, in detection order.
            pub const ALL: &'static [Dialect] = &[$(Dialect::$Variant),*];

            /// The dialect's kebab-case name, as used on the command line and in file names.
            pub const fn name(self) -> &'static str {
                match self { $(Dialect::$Variant => $name,)* }
            }

            /// The media type of its bodies.
            pub const fn content_type(self) -> &'static str {
                match self { $(Dialect::$Variant => $content_type,)* }
            }

            /// Whether the shape reports body validation errors with 422 instead of 400.
            pub const fn validation_is_422(self) -> bool {
                match self { $(Dialect::$Variant => $validation_422,)* }
            }

            /// A one-line description of the shape.
            pub const fn description(self) -> &'static str {
                match self { $(Dialect::$Variant => $doc,)* }
            }

            /// Looks a dialect up by its name.
            pub fn from_name(name: &str) -> Option<Dialect> {
                match name { $($name => Some(Dialect::$Variant),)* _ => None }
            }

            /// The body of `err` in this dialect.
            pub fn to_value(self, err: &ApiError) -> Value {
                match self { $(Dialect::$Variant => $module::encode(err, self),)* }
            }

            /// A JSON Schema (draft 2020-12) of this dialect's bodies.
            #[cfg(feature = "schema")]
            pub fn schema(self) -> Value {
                let mut schema = match self { $(Dialect::$Variant => $module::schema(),)* };
                if let Some(obj) = schema.as_object_mut() {
                    if self != Dialect::Canonical {
                        let id = format!("{}dialects/{}.schema.json", crate::schema::SCHEMA_BASE, self.name());
                        obj.insert("$id".into(), id.into());
                    }
                    obj.insert("$schema".into(), "https://json-schema.org/draft/2020-12/schema".into());
                    obj.insert("title".into(), format!("{} error body", self.name()).into());
                    obj.insert("description".into(), self.description().into());
                }
                schema
            }

            fn decode_any(self, body: &mut AnyBody, ctx: &Context<'_>) -> Result<ApiError, DecodeError> {
                match self { $(Dialect::$Variant => $module::decode(body, ctx),)* }
            }
        }
    };
}

dialects! {
    Canonical => "canonical", canonical, "application/json", false,
        "This crate's canonical shape: a nested `error` object with `code`, `status`, `message` and typed `details`.";
    Nested => "nested", nested, "application/json", false,
        "`success: false` and a nested `error` object with `code`, `message` and a free-form `details` object (seed 000).";
    Flat => "flat", flat, "application/json", false,
        "A flat object: `error` is the message, beside `code`, `details`, `timestamp` and `requestId` (seed 001).";
    Bare => "bare", bare, "application/json", false,
        "Bare `code`, `message` and `details`, field problems in `details.issues`, the request id in `X-Request-ID` (seed 002).";
    FieldMap => "field-map", field_map, "application/json", true,
        "Laravel-style `message` and an `errors` map of field path to messages; 422 for validation (seed 003).";
    DetailList => "detail-list", detail_list, "application/json", true,
        "A nested `error` object whose `details` is a list of `{field, message}`; 422 for validation (seed 004).";
    Problem => "problem", problem, "application/problem+json", false,
        "RFC 9457 problem details: `type`, `title`, `status`, `detail`, `instance` and extension members.";
    Google => "google", google, "application/json", false,
        "`google.rpc.Status` as in AIP-193: `error.code` (HTTP status), `error.status` and typed `details` (ErrorInfo, BadRequest, RetryInfo).";
    JsonApi => "json-api", json_api, "application/vnd.api+json", false,
        "JSON:API `errors[]` with `status`, `code`, `title`, `detail` and `source.pointer`.";
    Azure => "azure", azure, "application/json", false,
        "Microsoft REST guidelines: `error` with `code`, `message`, `target`, nested `details` and `innererror`.";
    Stripe => "stripe", stripe, "application/json", false,
        "Stripe's `error` with `type`, `code`, `message`, `param` and `doc_url`.";
    GitHub => "github", github, "application/json", true,
        "GitHub's `message`, `errors[]` of `{resource, field, code}` and `documentation_url`; 422 for validation.";
    Drf => "drf", drf, "application/json", false,
        "Django REST framework: `{\"detail\": ...}`, or a map of field name to messages.";
    GraphQl => "graphql", graphql, "application/json", false,
        "GraphQL `errors[]` with `message`, `path` and `extensions.code`, beside `data`.";
}

impl fmt::Display for Dialect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for Dialect {
    type Err = UnknownDialect;

    fn from_str(s: &str) -> Result<Dialect, UnknownDialect> {
        Dialect::from_name(s).ok_or(UnknownDialect(()))
    }
}

/// The error of parsing a name that is no dialect's.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown dialect")]
pub struct UnknownDialect(());

/// The codes reported with 422 in dialects where [`Dialect::validation_is_422`].
const VALIDATION_422_CODES: &[ErrorCode] = &[ErrorCode::ValidationError, ErrorCode::MissingField];

/// The request-id headers read when decoding, in order of preference.
const REQUEST_ID_HEADERS: &[&str] = &["x-request-id", "request-id", "x-ms-request-id", "x-github-request-id"];

impl Dialect {
    /// The HTTP status `err` is sent with in this dialect: a 400 validation
    /// error becomes 422 where the dialect says so.
    ///
    /// # Examples
    ///
    /// ```
    /// use error_model::{ApiError, wire::Dialect};
    ///
    /// let err = ApiError::invalid_argument("Invalid request data");
    /// assert_eq!(Dialect::Canonical.wire_status(&err).as_u16(), 400);
    /// assert_eq!(Dialect::FieldMap.wire_status(&err).as_u16(), 422);
    /// ```
    pub fn wire_status(self, err: &ApiError) -> StatusCode {
        let is_validation = err.code().to_code_set::<ErrorCode>().is_some_and(|c| VALIDATION_422_CODES.contains(&c));
        if self.validation_is_422() && is_validation && err.status() == StatusCode::BAD_REQUEST {
            StatusCode::UNPROCESSABLE_ENTITY
        } else {
            err.status()
        }
    }

    /// The code a body of this dialect means when it names none, by its status.
    pub fn implied_code(self, status: StatusCode) -> ErrorCode {
        match status.as_u16() {
            422 if self.validation_is_422() => ErrorCode::ValidationError,
            422 => ErrorCode::UnprocessableEntity,
            s => Category::from_status(s).default_code(),
        }
    }

    /// Whether the wire status alone tells `err`'s code, so a shape without a
    /// code member loses nothing.
    pub(crate) fn code_is_implied(self, err: &ApiError) -> bool {
        *err.code() == self.implied_code(self.wire_status(err))
    }

    /// The HTTP response for `err` in this dialect: the [wire
    /// status](Self::wire_status), `Content-Type`, `Retry-After` on 429 and
    /// 503 with a retry hint, `X-Request-ID`, and the body.
    ///
    /// # Examples
    ///
    /// ```
    /// use error_model::{ApiError, FieldViolation, wire::Dialect};
    ///
    /// let err = ApiError::invalid_argument("The given data was invalid.")
    ///     .with_field(FieldViolation::new("leads.0.phone", "The leads.0.phone field is required."));
    /// let res = Dialect::FieldMap.encode(&err);
    /// assert_eq!(res.status(), 422);
    /// let body: serde_json::Value = serde_json::from_slice(res.body()).unwrap();
    /// assert_eq!(body["errors"]["leads.0.phone"][0], "The leads.0.phone field is required.");
    /// ```
    pub fn encode(self, err: &ApiError) -> Response<Vec<u8>> {
        let body = serde_json::to_vec(&self.to_value(err)).unwrap_or_else(|_| b"{}".to_vec());
        let mut res = err.response_with_body(self.content_type(), body);
        *res.status_mut() = self.wire_status(err);
        res
    }

    /// Decodes a body known to be in this dialect.
    ///
    /// `status` is the response status, if there was a response; the
    /// canonical status is derived from it (a 422 validation error in a
    /// 422-dialect becomes 400). Fails with a typed error, and without
    /// panicking, on any body that is not this dialect's.
    pub fn decode(self, status: Option<StatusCode>, headers: &HeaderMap, body: &[u8]) -> Result<ApiError, DecodeError> {
        let mut any = AnyBody::default();
        parse(body, &Limits::default(), &mut any)?;
        let ctx = Context { status: status.filter(is_error_status), headers };
        self.decode_any(&mut any, &ctx)
    }
}

fn is_error_status(status: &StatusCode) -> bool {
    status.is_client_error() || status.is_server_error()
}

/// What a decoder knows besides the body.
pub(crate) struct Context<'a> {
    /// The response status, if it is an error status.
    pub status: Option<StatusCode>,
    pub headers: &'a HeaderMap,
}

/// Parses `body` into `any`, in place: the struct is large, and moving it
/// around costs more than parsing a small body.
fn parse(body: &[u8], limits: &Limits, any: &mut AnyBody) -> Result<(), DecodeError> {
    limits.check(body)?;
    let mut de = serde_json::Deserializer::from_slice(body);
    let parsed = serde::Deserializer::deserialize_map(&mut de, any::Fill(any)).and_then(|()| de.end());
    match parsed {
        Ok(()) => Ok(()),
        Err(e) if e.is_data() && e.line() == 1 && e.column() <= 1 => {
            Err(DecodeError::new(DecodeErrorKind::UnknownShape, "body is json but not an object"))
        }
        Err(e) => Err(e.into()),
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
pub fn decode(
    status: Option<StatusCode>,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<(Dialect, ApiError), DecodeError> {
    decode_with(status, headers, body, &Limits::default())
}

/// [`decode`] within explicit [`Limits`].
pub fn decode_with(
    status: Option<StatusCode>,
    headers: &HeaderMap,
    body: &[u8],
    limits: &Limits,
) -> Result<(Dialect, ApiError), DecodeError> {
    let mut any = AnyBody::default();
    parse(body, limits, &mut any)?;
    let dialect = detect_any(&any, headers).ok_or_else(|| {
        DecodeError::new(DecodeErrorKind::UnknownShape, "body is json but matches no known error shape")
    })?;
    let ctx = Context { status: status.filter(is_error_status), headers };
    Ok((dialect, dialect.decode_any(&mut any, &ctx)?))
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
    match decode(Some(status), headers, body) {
        Ok((_, err)) => (err, None),
        Err(why) => {
            let ctx = Context { status: Some(status).filter(is_error_status), headers };
            let message = status.canonical_reason().unwrap_or("Error").to_owned();
            let mut err = finish(Dialect::Canonical, None, None, Some(message), Details::default(), &ctx);
            if !is_error_status(&status) {
                err = ApiError::with_status(ErrorCode::InternalError, StatusCode::INTERNAL_SERVER_ERROR)
                    .with_message(format!("unexpected status {}", status.as_u16()));
            }
            (err, Some(why))
        }
    }
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

fn detect_any(any: &AnyBody, headers: &HeaderMap) -> Option<Dialect> {
    let content_type = headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    if content_type.starts_with("application/problem+json") {
        return Some(Dialect::Problem);
    }
    if let Some(ErrorMember::Object) = &any.error {
        let obj = &any.error_object;
        let int_code = matches!(obj.code, Some(Scalar::Int(_)));
        let str_status = matches!(obj.status, Some(Scalar::Str(_)));
        let list = match &obj.details {
            Some(DetailsMember::List(items)) => Some(items),
            _ => None,
        };
        return Some(if int_code || str_status || list.is_some_and(|l| l.iter().any(|i| i.type_url().is_some())) {
            Dialect::Google
        } else if obj.more.as_ref().is_some_and(|m| m.type_.is_some() || m.param.is_some())
            || obj.other.iter().any(|(k, _)| k == "doc_url")
        {
            Dialect::Stripe
        } else if obj.more.as_ref().is_some_and(|m| m.target.is_some() || m.innererror.is_some())
            || list.is_some_and(|l| l.iter().any(|i| i.rare.as_ref().is_some_and(|r| r.target.is_some())))
        {
            Dialect::Azure
        } else if list.is_some() {
            Dialect::DetailList
        } else if any.success.is_some() || obj.status.is_none() {
            Dialect::Nested
        } else {
            Dialect::Canonical
        });
    }
    if let Some(ErrorMember::Message(_)) = &any.error {
        return Some(Dialect::Flat);
    }
    if any.type_.is_some() || any.title.is_some() || matches!(any.status, Some(Scalar::Int(_))) {
        return Some(Dialect::Problem);
    }
    match &any.errors {
        Some(ErrorsMember::List(items)) => {
            return Some(if any.has_data || items.iter().any(|i| i.extensions.is_some() || i.locations.is_some()) {
                Dialect::GraphQl
            } else if any.documentation_url.is_some() || items.iter().any(|i| i.resource.is_some() || i.field.is_some())
            {
                Dialect::GitHub
            } else if items.iter().any(|i| i.message.is_some()) && any.message.is_none() {
                Dialect::GraphQl
            } else if any.message.is_some() {
                Dialect::GitHub
            } else {
                Dialect::JsonApi
            });
        }
        Some(ErrorsMember::FieldMap(_)) => return Some(Dialect::FieldMap),
        None => {}
    }
    if any.documentation_url.is_some() && any.message.is_some() {
        return Some(Dialect::GitHub);
    }
    if any.code.is_some() && (any.message.is_some() || any.details.is_some()) {
        return Some(Dialect::Bare);
    }
    if any.message.is_some() {
        return Some(Dialect::FieldMap);
    }
    if any.detail.is_some() || (!any.other.is_empty() && any.other.iter().all(|(_, v)| is_message_list(v))) {
        return Some(Dialect::Drf);
    }
    None
}

fn is_message_list(value: &Value) -> bool {
    match value {
        Value::String(_) => true,
        Value::Array(items) => items.iter().all(|i| i.is_string() || i.is_object()),
        Value::Object(map) => map.values().all(is_message_list),
        _ => false,
    }
}

// ---- shared decoding helpers ----

/// Resolves code and status of a decoded body: the response status wins over
/// the body's; a code the body lacks is implied by the status; a 422
/// validation error in a 422-dialect is given its canonical 400.
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
        .filter(is_error_status);
    let wire = ctx.status.or(body_status);
    let code = match (code, wire) {
        (Some(code), _) => code,
        (None, Some(status)) => dialect.implied_code(status).into(),
        (None, None) if has_fields => ErrorCode::ValidationError.into(),
        (None, None) => ErrorCode::InternalError.into(),
    };
    let status = match wire {
        Some(s) if s == StatusCode::UNPROCESSABLE_ENTITY && dialect.validation_is_422() => {
            let is_validation = code.to_code_set::<ErrorCode>().is_some_and(|c| VALIDATION_422_CODES.contains(&c));
            if is_validation { StatusCode::BAD_REQUEST } else { s }
        }
        Some(s) => s,
        None => code.status().unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
    };
    (code, status)
}

/// Builds the decoded error and fills what the body lacked from the headers.
pub(crate) fn finish(
    dialect: Dialect,
    code: Option<Code>,
    body_status: Option<i64>,
    message: Option<String>,
    details: Details,
    ctx: &Context<'_>,
) -> ApiError {
    let (code, status) = resolve(dialect, code, body_status, ctx, !details.fields.is_empty());
    let mut err = ApiError::with_status(code, status).with_message(message.unwrap_or_default()).with_details(details);
    if ctx.headers.is_empty() {
        return err;
    }
    if err.request_id().is_none() {
        if let Some(id) = REQUEST_ID_HEADERS.iter().find_map(|h| header_str(ctx.headers, h)) {
            err = err.with_request_id(id);
        }
    }
    if err.retry_after().is_none() {
        if let Some(secs) = header_str(ctx.headers, RETRY_AFTER.as_str()).and_then(crate::retry_after::parse_seconds) {
            err = err.with_retry_after(secs);
        }
    }
    err
}

fn header_str<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// A code from a body member: a string is the code; an integer is not one.
pub(crate) fn code_of(scalar: Option<Scalar>) -> Option<Code> {
    match scalar? {
        Scalar::Str(s) => Some(Code::from_string(s)),
        Scalar::Int(_) => None,
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
pub(crate) fn required_code(code: Option<Scalar>) -> Result<Code, DecodeError> {
    code_of(code).ok_or_else(|| DecodeError::new(DecodeErrorKind::Data, "expected a string `error.code`"))
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

/// Writes what a shape without members of its own carries in a free-form
/// object: the retry hint, the resource, the timestamp, then `ext` (the
/// error's extensions, which never override those).
pub(crate) fn write_carried(obj: &mut Map<String, Value>, err: &ApiError, ext: Map<String, Value>) {
    put(obj, "retry_after", err.retry_after());
    if let Some(resource) = &err.details().resource {
        obj.insert("resource".into(), serde_json::to_value(resource).unwrap_or(Value::Null));
    }
    put(obj, "timestamp", err.timestamp().map(|t| t.as_str().to_owned()));
    for (k, v) in ext {
        obj.entry(k).or_insert(v);
    }
}

/// Reads one member of such an object back: a carried one into `details`
/// or `timestamp`, any other into the extensions.
pub(crate) fn read_carried(key: String, value: Value, details: &mut Details, timestamp: &mut Option<String>) {
    match key.as_str() {
        "retry_after" if value.is_u64() => details.retry_after = value.as_u64(),
        "resource" if value.is_object() => details.resource = crate::ResourceRef::deserialize(&value).ok(),
        "timestamp" if value.is_string() => *timestamp = value.as_str().map(str::to_owned),
        _ => {
            details.extensions.insert(key, value);
        }
    }
}

/// Sets the request id and the timestamp a body carried (the body's request
/// id wins over the header's).
pub(crate) fn identify(err: ApiError, request_id: Option<String>, timestamp: Option<String>) -> ApiError {
    let err = match request_id {
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

// ---- shared encoding helpers ----

/// Inserts `value` under `key` unless it is `None`-like.
pub(crate) fn put(obj: &mut Map<String, Value>, key: &str, value: Option<impl Into<Value>>) {
    if let Some(value) = value {
        obj.insert(key.to_owned(), value.into());
    }
}

/// The extension members of `err`, redacted as the canonical shape redacts them.
pub(crate) fn extensions(err: &ApiError) -> Map<String, Value> {
    match serde_json::to_value(Details { extensions: err.details().extensions.clone(), ..Details::default() }) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    }
}

/// A field violation as canonical JSON (redacted).
pub(crate) fn violation_value(v: &FieldViolation) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}

/// Whether a violation carries only a field and a message, so that shapes
/// with a single `field` member lose nothing.
pub(crate) fn is_simple(v: &FieldViolation) -> bool {
    v.reason.is_none() && v.rejected_value.is_none() && v.expected.is_none()
}

/// Groups messages by field, in order of first appearance.
pub(crate) fn group_by_field(fields: &[FieldViolation]) -> Vec<(&str, Vec<&str>)> {
    let mut out: Vec<(&str, Vec<&str>)> = Vec::new();
    for v in fields {
        match out.iter_mut().find(|(f, _)| *f == v.field) {
            Some((_, messages)) => messages.push(&v.message),
            None => out.push((&v.field, vec![&v.message])),
        }
    }
    out
}

/// A JSON Schema `{"type": "object"}` with these properties and required members.
#[cfg(feature = "schema")]
pub(crate) fn object_schema(properties: Value, required: &[&str]) -> Value {
    serde_json::json!({ "type": "object", "properties": properties, "required": required })
}
#[cfg(test)]
#[test]
fn print_sizes() {
    eprintln!(
        "AnyBody {} ErrorObject {} DetailItem {} DetailsObject {} ApiError {} FieldViolation {} Details {}",
        std::mem::size_of::<AnyBody>(),
        std::mem::size_of::<any::ErrorObject>(),
        std::mem::size_of::<any::DetailItem>(),
        std::mem::size_of::<any::DetailsObject>(),
        std::mem::size_of::<crate::ApiError>(),
        std::mem::size_of::<FieldViolation>(),
        std::mem::size_of::<Details>()
    );
}
