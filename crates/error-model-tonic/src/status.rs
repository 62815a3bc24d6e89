//! [`ApiError`] to [`tonic::Status`] and back, through Google's rich error
//! model ([AIP-193](https://google.aip.dev/193), `google.rpc.Status` with
//! typed details, as [`tonic_types`] encodes them).
//!
//! | `ApiError` | `google.rpc.Status` |
//! |---|---|
//! | code | `ErrorInfo.reason`, and the status code from the code's row ([`status::rpc_code`]) |
//! | message | the status message |
//! | the service's domain, or the extension `domain` | `ErrorInfo.domain` |
//! | other extensions (redacted) | `ErrorInfo.metadata` (strings; other values as JSON text) |
//! | field violations | `BadRequest.field_violations`: the path as the client wrote it (`leads.3.email`), the message, the reason |
//! | retry hint | `RetryInfo.retry_delay` |
//! | resource | `ResourceInfo` (`resource_type`, `resource_name`) |
//! | help links, or the docs link | `Help.links` (the docs link as one link described by the code's title) |
//! | request id | `RequestInfo.request_id`, and the `x-request-id` metadata |
//! | localized message | `LocalizedMessage` |
//! | quota and precondition violations | `QuotaFailure`, `PreconditionFailure` |
//!
//! Back from a `Status`, a code comes from `ErrorInfo.reason` (any reason,
//! registered or not, kept as sent), else from the gRPC code
//! ([`status::code_for_rpc`]); a foreign `ErrorInfo.domain` is kept as the
//! extension `domain`, so it goes out again as it came. What is read is cut
//! to the [`Limits`] of the core: a server may send anything.
//!
//! Field violations carry no rejected value over gRPC (`BadRequest` has no
//! member for one), so none can leak.

use std::borrow::Cow;
use std::collections::HashMap;
use std::time::Duration;

use error_model::http::StatusCode;
use error_model::redact::SensitiveNames;
use error_model::rpc::{DEFAULT_DOMAIN, RpcCode};
use error_model::text::cut;
use error_model::{
    ApiError, Code, Details, FieldViolation, HelpLink, Limits, LocalizedMessage, PreconditionViolation, QuotaViolation,
    ResourceRef, status,
};
use tonic::metadata::MetadataValue;
use tonic_types::{ErrorDetails, StatusExt};

/// The metadata key that carries the request id beside `RequestInfo`
/// (the same name as the HTTP header, which gRPC metadata is).
pub const REQUEST_ID_KEY: &str = "x-request-id";

/// What a service chooses for its gRPC errors: its `ErrorInfo.domain`
/// (AIP-193: "the logical grouping to which the reason belongs", such as
/// the service's DNS name) and the names whose values are redacted.
///
/// # Examples
///
/// ```
/// use error_model_tonic::Config;
///
/// let config = Config::new().with_domain("leads.example.com");
/// assert_eq!(config.domain(), "leads.example.com");
/// ```
#[derive(Clone, Debug)]
pub struct Config {
    domain: Cow<'static, str>,
    names: SensitiveNames,
}

impl Default for Config {
    fn default() -> Self {
        Config { domain: Cow::Borrowed(DEFAULT_DOMAIN), names: SensitiveNames::defaults().clone() }
    }
}

impl Config {
    /// The domain `error-contract` and the default sensitive names.
    pub fn new() -> Config {
        Config::default()
    }

    /// Sets the service's `ErrorInfo.domain`.
    pub fn with_domain(mut self, domain: impl Into<Cow<'static, str>>) -> Config {
        self.domain = domain.into();
        self
    }

    /// Sets the names whose values are redacted.
    pub fn with_sensitive_names(mut self, names: SensitiveNames) -> Config {
        self.names = names;
        self
    }

    /// The service's `ErrorInfo.domain`.
    pub fn domain(&self) -> &str {
        &self.domain
    }

    /// The names whose values are redacted.
    pub fn sensitive_names(&self) -> &SensitiveNames {
        &self.names
    }
}

/// The `tonic::Status` of an error: its gRPC code, its message, and every
/// detail as a typed message of the rich error model (see the
/// [module docs](self)).
///
/// # Examples
///
/// ```
/// use error_model::{ApiError, ErrorCode, FieldViolation};
/// use error_model_tonic::{Config, to_status};
/// use tonic_types::StatusExt;
///
/// let err = ApiError::new(ErrorCode::ValidationError)
///     .with_field(FieldViolation::new("leads.3.email", "Must be a valid email address"))
///     .with_request_id("req_1");
/// let status = to_status(&err, &Config::new());
/// assert_eq!(status.code(), tonic::Code::InvalidArgument);
/// let details = status.get_error_details();
/// assert_eq!(details.error_info().unwrap().reason, "VALIDATION_ERROR");
/// assert_eq!(details.bad_request().unwrap().field_violations[0].field, "leads.3.email");
/// assert_eq!(details.request_info().unwrap().request_id, "req_1");
/// ```
pub fn to_status(err: &ApiError, config: &Config) -> tonic::Status {
    to_status_as(err, config, status::rpc_code(err.code(), err.status()))
}

/// [`to_status`] with the gRPC code `rpc`: the layer keeps the code a
/// handler sent for a code no table of this crate's knows (a team's
/// `ALREADY_EXISTS` row read back from a status is a code of its own).
pub(crate) fn to_status_as(err: &ApiError, config: &Config, rpc: RpcCode) -> tonic::Status {
    let mut details = ErrorDetails::new();
    let metadata: HashMap<String, String> =
        err.error_info_metadata(&config.names).map(|(name, value)| (name.to_owned(), value)).collect();
    let domain = err.error_info_domain().unwrap_or(&config.domain);
    details.set_error_info(err.code().as_str(), domain, metadata);
    if !err.fields().is_empty() {
        let violations: Vec<tonic_types::FieldViolation> = err
            .fields()
            .iter()
            .map(|v| {
                let mut out = tonic_types::FieldViolation::new(&v.field, &v.message);
                out.reason = v.reason.clone().unwrap_or_default();
                out
            })
            .collect();
        details.set_bad_request(violations);
    }
    // The wait a client of HTTP waits too: the retry hint, else the quota's reset.
    if let Some(secs) = err.retry_wait() {
        details.set_retry_info(Some(Duration::from_secs(secs)));
    }
    if let Some(id) = err.request_id() {
        details.set_request_info(id, "");
    }
    let d = err.details();
    if !d.quota_violations.is_empty() {
        let violations: Vec<tonic_types::QuotaViolation> =
            d.quota_violations.iter().map(|v| tonic_types::QuotaViolation::new(&v.subject, &v.description)).collect();
        details.set_quota_failure(violations);
    }
    if !d.precondition_violations.is_empty() {
        let violations: Vec<tonic_types::PreconditionViolation> = d
            .precondition_violations
            .iter()
            .map(|v| tonic_types::PreconditionViolation::new(&v.kind, &v.subject, &v.description))
            .collect();
        details.set_precondition_failure(violations);
    }
    if !d.help.is_empty() {
        let links: Vec<tonic_types::HelpLink> =
            d.help.iter().map(|l| tonic_types::HelpLink::new(&l.description, &l.url)).collect();
        details.set_help(links);
    } else if let Some(url) = err.docs_url() {
        details.set_help(vec![tonic_types::HelpLink::new(err.code().docs_description(), url)]);
    }
    if let Some(localized) = &d.localized_message {
        details.set_localized_message(&localized.locale, &localized.message);
    }
    if let Some(resource) = &d.resource {
        details.set_resource_info(
            resource.kind.as_deref().unwrap_or_default(),
            resource.id.as_deref().unwrap_or_default(),
            "",
            "",
        );
    }
    let mut out = tonic::Status::with_error_details(tonic::Code::from_i32(rpc as i32), err.message(), details);
    if let Some(value) = err.request_id().and_then(|id| MetadataValue::try_from(id).ok()) {
        out.metadata_mut().insert(REQUEST_ID_KEY, value);
    }
    out
}

/// The error a `tonic::Status` reports, read from its rich error model
/// (see the [module docs](self)); a status without details reads as the
/// built-in code of its gRPC code. Never fails: malformed details are
/// ignored, and everything read is cut to the core's [`Limits`].
///
/// # Examples
///
/// ```
/// use error_model::{ApiError, ErrorCode, ResourceRef};
/// use error_model_tonic::{Config, from_status, to_status};
///
/// let err = ApiError::new(ErrorCode::NotFound).with_resource(ResourceRef::new("lead", "lead_1"));
/// let back = from_status(&to_status(&err, &Config::new()), &Config::new());
/// assert_eq!(back.code(), &ErrorCode::NotFound);
/// assert_eq!(back.details().resource, err.details().resource);
///
/// let bare = from_status(&tonic::Status::unavailable("try later"), &Config::new());
/// assert_eq!(bare.code(), &ErrorCode::ServiceUnavailable);
/// assert_eq!(bare.message(), "try later");
/// ```
pub fn from_status(status: &tonic::Status, config: &Config) -> ApiError {
    let limits = Limits::default();
    let rpc = RpcCode::from_i32(status.code() as i32).unwrap_or(RpcCode::Unknown);
    let rich = status.check_error_details().unwrap_or_default();
    let mut details = Details::default();
    let code = match rich.error_info() {
        // A reason longer than a code may be is not taken (as the wire
        // decoders drop one): the gRPC code tells the error instead.
        Some(info) if !info.reason.is_empty() && info.reason.len() <= limits.max_code_bytes => {
            if info.domain != config.domain && !info.domain.is_empty() {
                details.extensions.insert("domain".into(), echo(&info.domain).into());
            }
            for (name, value) in &info.metadata {
                if details.extensions.len() >= limits.max_fields {
                    break;
                }
                details.extensions.insert(echo(name), echo(value).into());
            }
            Code::from_string(info.reason.clone())
        }
        _ => Code::from(status::code_for_rpc(rpc)),
    };
    // Through `ApiError::with_fields` below: its cap, and its count of the rest.
    let mut fields = Vec::new();
    if let Some(bad) = rich.bad_request() {
        for v in bad.field_violations.iter().take(limits.max_fields) {
            let mut violation = FieldViolation::new(echo(&v.field), cut(&v.description, limits.max_message_bytes));
            if !v.reason.is_empty() {
                violation = violation.with_reason(echo(&v.reason));
            }
            fields.push(violation);
        }
    }
    details.retry_after =
        rich.retry_info().and_then(|r| r.retry_delay).map(|d| d.as_secs() + u64::from(d.subsec_nanos() > 0));
    if let Some(r) = rich.resource_info() {
        let mut resource = ResourceRef::new(&r.resource_type, &r.resource_name);
        resource.kind = resource.kind.filter(|s| !s.is_empty());
        resource.id = resource.id.filter(|s| !s.is_empty());
        details.resource = Some(resource);
    }
    if let Some(l) = rich.localized_message() {
        details.localized_message =
            Some(LocalizedMessage::new(echo(&l.locale), cut(&l.message, limits.max_message_bytes)));
    }
    if let Some(q) = rich.quota_failure() {
        details.quota_violations = q
            .violations
            .iter()
            .take(limits.max_fields)
            .map(|v| QuotaViolation::new(echo(&v.subject), echo(&v.description)))
            .collect();
    }
    if let Some(p) = rich.precondition_failure() {
        details.precondition_violations = p
            .violations
            .iter()
            .take(limits.max_fields)
            .map(|v| PreconditionViolation::new(echo(&v.r#type), echo(&v.subject), echo(&v.description)))
            .collect();
    }
    let mut docs_url = None;
    if let Some(help) = rich.help() {
        match help.links.as_slice() {
            // The one link the encoder writes for the documentation link.
            [link] if link.description == code.docs_description() => docs_url = Some(echo(&link.url)),
            links => {
                details.help = links
                    .iter()
                    .take(limits.max_fields)
                    .map(|l| HelpLink::new(echo(&l.description), echo(&l.url)))
                    .collect()
            }
        }
    }
    let request_id = rich
        .request_info()
        .map(|r| r.request_id.as_str())
        .filter(|id| !id.is_empty())
        .or_else(|| status.metadata().get(REQUEST_ID_KEY).and_then(|v| v.to_str().ok()))
        // An id longer than an id may be is dropped, not cut into one that
        // never existed (as the wire decoders do).
        .filter(|id| id.len() <= limits.max_request_id_bytes)
        .map(str::to_owned);
    let http_status = code.status().unwrap_or_else(|| rpc.http_status());
    let http_status = if status::is_error(http_status) { http_status } else { StatusCode::INTERNAL_SERVER_ERROR };
    let mut err = ApiError::with_status(code, http_status)
        .with_message(cut(status.message(), limits.max_message_bytes).into_owned())
        .with_details(details)
        .with_fields(fields);
    if let Some(id) = request_id {
        err = err.with_request_id(id);
    }
    if let Some(url) = docs_url {
        err = err.with_docs_url(url);
    }
    err
}

/// A string read from a peer, cut to what the core echoes.
fn echo(text: &str) -> String {
    cut(text, error_model::limits::MAX_ECHO_BYTES).into_owned()
}
