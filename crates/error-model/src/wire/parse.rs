//! The shared parse every decoder starts from, and what the dialects'
//! decoders share after it.
//!
//! [`parse`] fills the typed [`AnyBody`] from a body; [`Context`] is what a
//! decoder knows besides it (status, headers, limits). Then:
//!
//! - [`finish`] (and [`finish_sent`]) and [`resolve`]: the decoded error built within the
//!   [`Limits`], code and status resolved from the body and the response,
//!   request id, retry hint and quota filled from the headers;
//! - readers of members several shapes have: [`code_of`], [`error_object`],
//!   [`required_code`], [`details_object`], [`read_carried`],
//!   [`retry_secs`], [`items_from_value`];
//! - what every decoded error gets last: [`identify`], [`set_timestamp`],
//!   [`carried_upstream`], [`from_kept_members`];
//! - parts several shapes read alike: [`canonical_details`] (the canonical
//!   `details` object: canonical, nested, flat, bare),
//!   [`violation_from_item`] (an issue-like item: bare's issues of other
//!   forms), [`violations_from_items`] (a details list read in place:
//!   detail-list).
//!
//! Everything here reads the typed parse; only members a shape keeps free-form
//! are `serde_json::Value`s.

use std::borrow::Cow;
use std::time::SystemTime;

use http::{HeaderMap, StatusCode};
use serde::Deserialize;
use serde_json::Value;

use super::any::{self, AnyBody, DetailItem, DetailsMember, DetailsObject, ErrorMember, Scalar, ScalarStr};
use super::dialect::Dialect;
use super::free_form::{self, fields_in, item_codes_in};
use super::vocab;
use crate::decode::{DecodeError, DecodeErrorKind};
use crate::headers::REQUEST_ID_HEADERS;
use crate::limits::Limits;
use crate::path::{self, PathStyle};
use crate::upstream::Provenance;
use crate::{ApiError, Code, Details, ErrorCode, FieldViolation, Timestamp, Upstream};

/// What a decoder knows besides the body.
pub(crate) struct Context<'a> {
    /// The response status, if it is an error status.
    pub status: Option<StatusCode>,
    pub headers: &'a HeaderMap,
    pub limits: &'a Limits,
    /// The time an HTTP-date `Retry-After` or a rate limit's reset is
    /// counted from; `None`: the clock's when one is read ([`Context::now`]),
    /// so that a decode of a response without such headers never reads it.
    pub now: Option<SystemTime>,
}

impl Context<'_> {
    /// The time the headers' times are counted from.
    pub(crate) fn now(&self) -> SystemTime {
        self.now.unwrap_or_else(SystemTime::now)
    }
}

/// Parses `body` into `any`, in place: the struct is large, and moving it
/// around costs more than parsing a small body.
pub(crate) fn parse<'de>(body: &'de [u8], limits: &Limits, any: &mut AnyBody<'de>) -> Result<(), DecodeError> {
    limits.check(body)?;
    let _budget = any::FieldBudget::scope(limits.max_fields);
    any.max_messages = limits.max_fields;
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

/// A code as a body sent it, with its text as sent: what
/// [`Upstream::codes`] keeps. Read from a body ([`sent_code`]), the text is
/// the body's own string, not a copy of the code's name; a registered code
/// sent as its own name keeps the registry's, so nothing is copied until
/// the [`Upstream`] is read.
pub(crate) struct SentCode {
    code: Code,
    /// A registered code's own name is not copied.
    text: Cow<'static, str>,
}

impl SentCode {
    /// The code's text as sent.
    pub(crate) fn text(&self) -> &str {
        &self.text
    }
}

impl From<Code> for SentCode {
    fn from(code: Code) -> SentCode {
        let text = match code.info() {
            Some(info) => Cow::Borrowed(info.name()),
            None => Cow::Owned(code.as_str().to_owned()),
        };
        SentCode { code, text }
    }
}

/// Whether a code a typed shape read is one: not the reason phrase of an
/// error status ([`vocab::is_error_phrase`]), which the status says, and
/// which the vocabulary and bare's detection take for no code. Every typed
/// decoder asks this, so a code reads alike through every shape. A
/// registered code is no phrase: asked only of the others.
pub(crate) fn sends_code(code: &Code) -> bool {
    code.is_known() || !vocab::is_error_phrase(code.as_str())
}

/// [`code_of`], keeping the string the body sent for the upstream codes.
pub(crate) fn sent_code(scalar: Option<Scalar>) -> Option<SentCode> {
    match scalar? {
        Scalar::Str(ScalarStr::Registered(info)) => Some(SentCode::from(Code::from_info(info))),
        Scalar::Str(ScalarStr::Owned(text)) => {
            let code = Code::new(&text);
            sends_code(&code).then_some(SentCode { code, text: Cow::Owned(text) })
        }
        other => code_of(Some(other)).map(SentCode::from),
    }
}

/// Builds the decoded error within the [`Limits`] (a code too long is
/// dropped, a message cut, field errors beyond the limit dropped) and fills
/// what the body lacked from the headers.
pub(crate) fn finish(
    dialect: Dialect,
    code: Option<impl Into<SentCode>>,
    body_status: Option<i64>,
    message: Option<String>,
    details: Details,
    ctx: &Context<'_>,
) -> ApiError {
    let (code, sent) = match code.map(Into::into).filter(|c| c.text.len() <= ctx.limits.max_code_bytes) {
        Some(SentCode { code, text }) => (Some(code), Some(text)),
        None => (None, None),
    };
    let provenance = |wire_status| Provenance::decoded(dialect.name(), sent, wire_status);
    built(dialect, code, body_status, message, details, ctx, provenance)
}

/// [`finish`] for the decoders that find every code as sent (GitHub,
/// Google, Stripe, GraphQL, JSON:API): `sent` is what
/// [`Upstream::codes`] keeps (the text of `code` is not copied for it); a
/// code longer than [`Limits::max_code_bytes`] is dropped, as [`finish`]
/// drops it.
pub(crate) fn finish_sent(
    dialect: Dialect,
    code: Option<Code>,
    sent: Vec<String>,
    body_status: Option<i64>,
    message: Option<String>,
    details: Details,
    ctx: &Context<'_>,
) -> ApiError {
    let code = code.filter(|c| c.as_str().len() <= ctx.limits.max_code_bytes);
    let provenance = |wire_status| Provenance::decoded_all(dialect.name(), sent, wire_status);
    built(dialect, code, body_status, message, details, ctx, provenance)
}

/// What [`finish`] and [`finish_sent`] share: the error built with its
/// provenance (given the wire status where it differs from the error's).
fn built(
    dialect: Dialect,
    code: Option<Code>,
    body_status: Option<i64>,
    message: Option<String>,
    details: Details,
    ctx: &Context<'_>,
    provenance: impl FnOnce(Option<u16>) -> Provenance,
) -> ApiError {
    let limits = ctx.limits;
    // The fields beyond the limit are dropped once the error is built (the
    // details moved as they came, not copied once more to be cut first).
    let has_fields = !details.fields.is_empty() && limits.max_fields > 0;
    let (code, status) = resolve(dialect, code, body_status, ctx, has_fields);
    let wire_status = ctx.status.filter(|wire| *wire != status).map(|wire| wire.as_u16());
    let upstream = provenance(wire_status);
    let mut message = message.unwrap_or_default();
    if message.len() > limits.max_message_bytes {
        let mut end = limits.max_message_bytes;
        while !message.is_char_boundary(end) {
            end -= 1;
        }
        message.truncate(end);
        message.push('…');
    }
    let mut err = ApiError::decoded(code, status, message, details, upstream);
    if err.fields().len() > limits.max_fields {
        err.details_mut().fields.truncate(limits.max_fields);
    }
    if ctx.headers.is_empty() {
        return err;
    }
    let fits = |id: &&str| id.len() <= limits.max_request_id_bytes;
    let (sure, weak) = REQUEST_ID_HEADERS.split_at(REQUEST_ID_HEADERS.len() - crate::headers::WEAK_REQUEST_ID_HEADERS);
    let named = sure.iter().find_map(|h| header_request_id(ctx.headers, h));
    // Else a header named like one (`x-ep-request-uuid`, `x-acme-trace-id`),
    // then a CDN's or a trace's id.
    // A CDN's (`cf-request-id`) comes after the API's own (`sib-request-id`).
    let by_suffix = |cdn: bool| {
        let named_like = |name: &str| crate::headers::header_names_request_id(name) && name.starts_with("cf-") == cdn;
        ctx.headers.iter().find(|(name, _)| named_like(name.as_str()))?.1.to_str().ok()
    };
    let weak = || weak.iter().find_map(|h| header_request_id(ctx.headers, h));
    if let Some(id) = named.or_else(|| by_suffix(false)).or_else(weak).or_else(|| by_suffix(true)).filter(fits) {
        err = err.with_request_id(id);
    }
    if let Some(secs) = crate::status::retry_hint(err.retry_after(), ctx.headers, ctx.now()) {
        err.details_mut().retry_after = Some(secs);
    }
    if let Some(quota) = crate::ratelimit::read(ctx.headers, ctx.now()) {
        err = err.with_rate_limit(quota);
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
/// (Discord's `50035`, Cloudflare's `10000`). An error status's reason
/// phrase (`Unauthorized`) is none ([`sends_code`]).
pub(crate) fn code_of(scalar: Option<Scalar>) -> Option<Code> {
    match scalar? {
        Scalar::Str(ScalarStr::Registered(info)) => Some(Code::from_info(info)),
        Scalar::Str(ScalarStr::Owned(s)) => Some(Code::from_string(s)).filter(sends_code),
        Scalar::Int(n) => Some(Code::from_string(n.to_string())),
        Scalar::Other => None,
    }
}

/// The text [`code_of`] gives a code as [`Code::as_str`], without building
/// the code: the registered name of a known code, else the code as sent.
pub(crate) fn code_text<'a>(scalar: &'a any::CowScalar<'_>) -> Option<std::borrow::Cow<'a, str>> {
    use std::borrow::Cow;
    match scalar {
        any::CowScalar::Str(s) => Some(Cow::Borrowed(str_code_text(s))),
        any::CowScalar::Int(n) => {
            let text = n.to_string();
            Some(registered_name(&text).map_or(Cow::Owned(text), Cow::Borrowed))
        }
        any::CowScalar::Other => None,
    }
}

/// [`code_text`] of a code sent as a string: borrowed from it, or the
/// registered name.
pub(crate) fn str_code_text(sent: &str) -> &str {
    registered_name(sent).unwrap_or(sent)
}

/// The registered name of a known code named `name`.
fn registered_name(name: &str) -> Option<&'static str> {
    crate::Code::lookup(name).map(|info| info.name())
}

/// Adds a code an item sent to the codes a list dialect keeps as sent
/// ([`Upstream::codes`]), once each, in the order they first came. Only
/// what [`within_limits`] would keep is kept: codes within
/// [`Limits::max_code_bytes`], the first
/// [`MAX_UPSTREAM_CODES`](crate::limits::MAX_UPSTREAM_CODES) of them; so
/// each item costs at most that many comparisons, however many distinct
/// codes a list has.
pub(crate) fn note_sent(sent: &mut Vec<String>, code: &str, limits: &Limits) {
    if sent.len() < crate::limits::MAX_UPSTREAM_CODES
        && code.len() <= limits.max_code_bytes
        && !sent.iter().any(|s| s == code)
    {
        sent.push(code.to_owned());
    }
}

/// The `error` object of a nested shape.
pub(crate) fn error_object<'b>(body: &'b mut AnyBody<'_>) -> Result<&'b mut any::ErrorObject, DecodeError> {
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
pub(crate) fn required_code(code: Option<Scalar>) -> Result<Option<SentCode>, DecodeError> {
    match code {
        Some(Scalar::Other) => Ok(None),
        Some(s @ Scalar::Str(_)) => Ok(sent_code(Some(s))),
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
        "timestamp" if value.is_string() => {
            if let Value::String(ts) = value {
                *timestamp = Some(ts);
            }
        }
        // Another API's `upstream` member stays an extension.
        "upstream" => match Upstream::carried(&value) {
            Some(carried) => *upstream = Some(carried),
            None => {
                details.extensions.insert(key, value);
            }
        },
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
        Some(ts) => match Timestamp::parse_owned(ts) {
            Ok(ts) => err.with_timestamp(ts),
            Err(ts) => err.with_extension("timestamp", ts),
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

/// The last step of every decode: what a decoder kept of the codes the
/// upstream sent stays within the limits (each at most
/// [`Limits::max_code_bytes`](crate::Limits::max_code_bytes), at most
/// [`MAX_UPSTREAM_CODES`](crate::limits::MAX_UPSTREAM_CODES) of them),
/// whichever path of which decoder set them.
pub(crate) fn within_limits(mut err: ApiError, limits: &crate::Limits) -> ApiError {
    if err.upstream_codes_exceed(crate::limits::MAX_UPSTREAM_CODES, limits.max_code_bytes) {
        let codes = &mut err.upstream_mut().codes;
        codes.retain(|c| c.len() <= limits.max_code_bytes);
        codes.truncate(crate::limits::MAX_UPSTREAM_CODES);
    }
    err
}

/// A documentation link a body gives, if it is one: a URI reference
/// ([`vocab::uri_like`]). A word where a link belongs (`"unauthorized"`) is
/// not one, and an encoder that wrote it as a problem `type` would write
/// what reads back as another shape; it is left out.
pub(crate) fn link(url: Option<String>) -> Option<String> {
    url.filter(|u| vocab::uri_like(u))
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

/// What a strict decoder left unread, still read: a request id a shape has
/// no member of its own for, found among the members it kept as extensions
/// (any name the [vocabulary](super::vocab) gives a request id: ASP.NET's
/// `traceId`, PayPal's `debug_id`, a `trace` that is an occurrence's id) or
/// in a top-level `meta` no decoder read (`meta.request_id`); codes kept as
/// extensions (`errorCode` beside problem members), added to the upstream
/// codes; field errors kept under another name (`invalidFields`) when the
/// shape found none, and the codes of their items (a pydantic item's
/// `type`); a retry hint under another name or unit, in any shape.
/// The extensions themselves stay.
///
/// Codes and field errors are read only where `top_level`: where
/// the shape keeps extensions beside its own members (RFC 9457), not in a
/// free-form object of their own, whose members are the API's details.
/// Field errors are not, either, when the body `lists_fields` of its own,
/// even none: then its other members are extensions.
///
/// Most bodies keep nothing: that test is inlined into every decode, and
/// the reading itself is not.
#[inline]
pub(crate) fn from_kept_members(
    err: ApiError,
    meta: Option<serde_json::Map<String, Value>>,
    top_level: bool,
    lists_fields: bool,
    ctx: &Context<'_>,
) -> ApiError {
    if err.details().extensions.is_empty() && meta.is_none() {
        return err;
    }
    read_kept_members(err, meta, top_level, lists_fields, ctx)
}

#[inline(never)]
fn read_kept_members(
    mut err: ApiError,
    meta: Option<serde_json::Map<String, Value>>,
    top_level: bool,
    lists_fields: bool,
    ctx: &Context<'_>,
) -> ApiError {
    if err.request_id().is_none() {
        let extensions = &err.details().extensions;
        // Among the extensions, as in any object (`vocab::request_id_in`);
        // then one `meta` holds, and, at the top of a body, one of the
        // objects that describe the occurrence (`"trace": {"requestId": …}`),
        // one level down. (Not in an error's free-form `details`, where this
        // crate writes what it is given.)
        let one_down = || {
            let containers = vocab::RETRY_CONTAINERS.iter().chain(vocab::OCCURRENCE_ID_NAMES);
            let objects = containers.filter(|_| top_level).filter_map(|k| extensions.get(*k)?.as_object());
            meta.iter().chain(objects).find_map(vocab::request_id_in)
        };
        let found = vocab::request_id_in(extensions).or_else(one_down);
        let id = found.filter(|id| id.len() <= ctx.limits.max_request_id_bytes);
        if let Some(id) = id {
            err = err.with_request_id(id);
        }
    }
    // A retry hint under a name of the table, else one whose words say so
    // (`waitMs`), in any shape: no encoder writes either as an extension.
    if err.retry_after().is_none() {
        if let Some(secs) = vocab::retry_in(&err.details().extensions) {
            err.details_mut().retry_after = Some(secs);
        }
    }
    if !top_level {
        return err;
    }
    let extensions = &err.details().extensions;
    let mut codes: Vec<String> = Vec::new();
    for name in vocab::CODE {
        match extensions.get(*name) {
            Some(v @ Value::String(s)) if vocab::is_code_member(name, v) && s.len() <= ctx.limits.max_code_bytes => {
                codes.push(s.clone())
            }
            Some(v @ Value::Number(n)) if n.is_i64() && vocab::is_code_member(name, v) => codes.push(n.to_string()),
            _ => {}
        }
    }
    let mut fields =
        if err.fields().is_empty() && !lists_fields { fields_in(extensions, &mut codes) } else { Vec::new() };
    if !fields.is_empty() {
        item_codes_in(extensions, &mut codes);
    } else if err.fields().is_empty() && !lists_fields {
        // Else the one field the error is about, named beside its members
        // (`"parameter": "ReferenceId"`), as the lenient reader reads it.
        fields.extend(free_form::named_field(|k| extensions.get(k), || err.message().to_owned()));
    }
    if !codes.is_empty() {
        let upstream = err.upstream_mut();
        for c in codes {
            if !upstream.codes.contains(&c) {
                upstream.codes.push(c);
            }
        }
    }
    if !fields.is_empty() {
        let details = err.details_mut();
        details.fields = fields;
        details.fields.truncate(ctx.limits.max_fields);
    }
    err
}

/// The members of a details object that [`canonical_details`] reads from
/// among its other members: they are the error's own, never field errors.
pub(crate) const TYPED_DETAIL_MEMBERS: &[&str] = &[HELP, LOCALIZED_MESSAGE, QUOTA_VIOLATIONS, PRECONDITION_VIOLATIONS];
const HELP: &str = "help";
const LOCALIZED_MESSAGE: &str = "localized_message";
const QUOTA_VIOLATIONS: &str = "quota_violations";
const PRECONDITION_VIOLATIONS: &str = "precondition_violations";

/// Canonical details from a details object (canonical's, and the same
/// object in nested, flat and bare bodies); every member it does not type
/// is an extension (a typed member of the wrong form too, and an `issues`
/// list: bare's decoder takes that out first).
pub(crate) fn canonical_details(mut obj: DetailsObject) -> Details {
    obj.untyped();
    fn typed<T: serde::de::DeserializeOwned>(other: &mut Vec<(String, serde_json::Value)>, key: &str) -> Option<T> {
        let at = other.iter().position(|(k, _)| k == key)?;
        let value = T::deserialize(&other[at].1).ok()?;
        other.remove(at);
        Some(value)
    }
    let help = typed(&mut obj.other, HELP).unwrap_or_default();
    let localized_message = typed(&mut obj.other, LOCALIZED_MESSAGE);
    let quota_violations = typed(&mut obj.other, QUOTA_VIOLATIONS).unwrap_or_default();
    let precondition_violations = typed(&mut obj.other, PRECONDITION_VIOLATIONS).unwrap_or_default();
    if let Some(issues) = obj.issues.take() {
        // The last member of the name, as a map of members keeps it.
        obj.other.push(("issues".to_owned(), issues.to_value()));
    }
    Details {
        fields: obj.fields.unwrap_or_default().0,
        retry_after: retry_secs(obj.retry_after.as_ref()),
        resource: obj.resource,
        help,
        localized_message,
        quota_violations,
        precondition_violations,
        // (Most details objects have no other member: no map built from an empty list.)
        extensions: if obj.other.is_empty() { serde_json::Map::new() } else { obj.other.into_iter().collect() },
    }
}

/// A field violation from an issue-like item (`field` or `path`, `message`,
/// `code`): bare's `details.issues`, detail-list's `error.details`.
pub(crate) fn violation_from_item(item: DetailItem, fallback_field: Option<String>) -> FieldViolation {
    let DetailItem { field, message, code, rare, .. } = item;
    // Most items have none of the rarer members: nothing to build or drop for them.
    let (path, description, rare_reason) = match rare {
        Some(rare) => {
            let rare = *rare;
            (rare.path, rare.description, rare.reason)
        }
        None => (None, None, None),
    };
    let field = field
        .or(fallback_field)
        .or_else(|| {
            let segments = path?;
            Some(path::join(&segments.into_iter().map(Scalar::into_string).collect::<Vec<_>>(), PathStyle::Dotted))
        })
        .unwrap_or_default();
    let mut v = FieldViolation::new(field, message.or(description).unwrap_or_default());
    v.reason = code.map(Scalar::into_string).or(rare_reason);
    v
}

/// The field violations of a details list (detail-list's `error.details`,
/// whose error's code is `code`), as [`violation_from_item`] reads each
/// item: the items with more than a `field` and a `message` (and only they:
/// the others are complete) fall back on their `path`, `description` and
/// `reason`, and get their pointer; an item whose code was the error's own
/// gets it back as its reason.
pub(crate) fn violations_from_items(items: any::DetailItems, code: Option<&str>) -> Vec<FieldViolation> {
    let any::DetailItems { mut violations, more } = items;
    for (at, more) in more {
        let v = &mut violations[at];
        // An item's code that was the error's own, `code`, is its reason.
        if more.reason_is_code {
            v.reason = code.map(str::to_owned);
        }
        let rare = more.rare.map(|r| *r).unwrap_or_default();
        if !more.field {
            if let Some(segments) = rare.path {
                v.field =
                    path::join(&segments.into_iter().map(Scalar::into_string).collect::<Vec<_>>(), PathStyle::Dotted);
            }
        }
        if !more.message {
            v.message = rare.description.unwrap_or_default();
        }
        if v.reason.is_none() {
            v.reason = rare.reason;
        }
        v.pointer = path::to_pointer(&v.field);
    }
    violations
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A details list read after the error's code (whose items' codes that
    /// repeat it are not read as their reasons) gives the violations it gives
    /// read alone, whatever the code and wherever it comes.
    #[test]
    fn details_lists_read_with_the_error_code_as_alone() {
        let lists = [
            r#"[{"field": "a", "message": "m", "code": "C"}, {"field": "b", "message": "m", "code": "D"}, {"field": "c", "message": "m"}]"#,
            r#"[{"target": "t", "message": "m", "code": "C"}, {"code": "C"}, {"field": "a", "message": "m", "code": 7}]"#,
            r#"[{"field": "a", "message": "m", "code": "C", "code": "D"}, {"field": "a", "message": "m", "code": "D", "code": "C"}]"#,
            r#"[{"field": "a", "message": "m", "code": null}, {"field": "a", "message": "m", "code": "C", "reason": "R"}]"#,
        ];
        let codes = [
            (r#""code": "C","#, ""),
            ("", r#", "code": "C""#),
            (r#""code": "C","#, r#", "code": "D""#),
            (r#""code": "C","#, r#", "code": "C""#),
            (r#""code": 7,"#, ""),
        ];
        for list in lists {
            let Ok(DetailsMember::List(alone)) = serde_json::from_str::<DetailsMember>(list) else { panic!("{list}") };
            let alone = violations_from_items(alone, None);
            for (before, after) in codes {
                let text = format!(r#"{{{before} "details": {list}{after}}}"#);
                let mut obj: any::ErrorObject = serde_json::from_str(&text).unwrap();
                let code = match &obj.code {
                    Some(Scalar::Str(code)) => Some(code.clone()),
                    _ => None,
                };
                let Some(DetailsMember::List(items)) = obj.details.take() else { panic!("{text}") };
                assert_eq!(violations_from_items(items, code.as_deref()), alone, "{text}");
            }
        }
    }

    /// A details list read in place gives the violations its items read one
    /// by one give, and refuses what they refuse.
    #[test]
    fn details_lists_read_in_place_as_item_by_item() {
        let lists = [
            r#"[]"#,
            r#"[{"field": "a.0.b", "message": "m"}, {"field": "c", "message": "n", "code": "C"}]"#,
            r#"[{"message": "m"}, {"field": "a"}, {}, {"field": null, "message": null, "code": null}]"#,
            r#"[{"field": "a", "message": "m", "code": 7}, {"field": "b", "message": "m", "code": 1.5}]"#,
            r#"[{"path": ["a", 0, "b"], "message": "m"}, {"field": "a", "description": "d", "reason": "R"}]"#,
            r#"[{"path": ["a"], "field": "f", "description": "d", "message": "m", "reason": "R", "code": "C"}]"#,
            r#"[{"target": "t", "field": "f", "message": "m"}, {"target": null, "message": "m"}]"#,
            r#"[{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "R", "domain": "d"}]"#,
            r#"[{"field": "a", "field": "b", "message": "m", "other": [1], "locale": "en"}]"#,
            r#"[{"field": 1, "message": "m"}]"#,
            r#"[{"target": 1}]"#,
            r#"["text"]"#,
            r#"[{"reason": 3}]"#,
        ];
        for text in lists {
            let one_by_one = serde_json::from_str::<Vec<DetailItem>>(text)
                .map(|items| items.into_iter().map(|i| violation_from_item(i, None)).collect::<Vec<_>>())
                .map_err(|_| ());
            let in_place = match serde_json::from_str::<DetailsMember>(text) {
                Ok(DetailsMember::List(items)) => Ok(violations_from_items(items, None)),
                Ok(DetailsMember::Object(_)) => panic!("{text}: read as an object"),
                Err(_) => Err(()),
            };
            assert!(in_place == one_by_one, "{text}: {in_place:?} != {one_by_one:?}");
        }
    }

    /// A reason phrase under a code's name is no code, in every typed
    /// decoder, as the vocabulary and bare's detection read it: bare wrote
    /// a decoded `Unauthorized` that it then did not read back as bare.
    #[test]
    fn a_status_phrase_is_no_code() {
        for phrase in ["Unauthorized", "Not Found", "Bad Request"] {
            assert!(sent_code(Some(Scalar::Str(ScalarStr::of(phrase)))).is_none(), "{phrase}");
            assert!(code_of(Some(Scalar::Str(ScalarStr::of(phrase)))).is_none(), "{phrase}");
        }
        // The phrases of statuses that are no errors are codes: `OK` built here reads back.
        for code in ["UNAUTHORIZED", "not_found", "Unauthorized.Token", "OK", "Created"] {
            assert!(sent_code(Some(Scalar::Str(ScalarStr::of(code)))).is_some(), "{code}");
            assert!(code_of(Some(Scalar::Str(ScalarStr::of(code)))).is_some(), "{code}");
        }
        // A registered code sent as its own name is its row, not a copy;
        // the same text in another case is the text as sent.
        assert!(matches!(ScalarStr::of("UNAUTHORIZED"), ScalarStr::Registered(_)));
        assert!(matches!(ScalarStr::of("unauthorized"), ScalarStr::Owned(_)));
        let sent = sent_code(Some(Scalar::Str(ScalarStr::of("UNAUTHORIZED")))).unwrap();
        assert!(matches!(sent.text, Cow::Borrowed("UNAUTHORIZED")) && sent.code.is_known());
    }
}
