//! The server-side error type: what a handler returns, and what a client
//! decodes a failed response into.
//!
//! [`ApiError`] is the canonical error of the contract. It carries a
//! [`Code`], the HTTP status, a human message, [`Details`], the request id, a
//! timestamp and a documentation link. An unexpected error becomes
//! `INTERNAL_ERROR` with a generic message: its source stays available to
//! server-side logging through [`std::error::Error::source`] and is never
//! serialised.

use std::borrow::Cow;
use std::error::Error as StdError;
use std::fmt;
use std::sync::Arc;

use http::StatusCode;

use crate::ratelimit::RateLimit;
use crate::redact::{Extensions, SensitiveNames};
use crate::text::OneLine;
use crate::upstream::Provenance;
use crate::{Category, Code, Details, ErrorCode, FieldViolation, OMITTED_FIELDS, ResourceRef, Timestamp, Upstream};

pub mod envelope;
#[cfg(any(feature = "anyhow", feature = "eyre"))]
mod reports;
mod response;

/// A `Result` whose error is an [`ApiError`]: what a handler returns.
pub type Result<T, E = ApiError> = std::result::Result<T, E>;

type Source = Arc<dyn StdError + Send + Sync + 'static>;

/// A canonical API error.
///
/// # Examples
///
/// ```
/// use error_model::{ApiError, ErrorCode, FieldViolation};
///
/// let err = ApiError::invalid_argument("Invalid request data")
///     .with_field(FieldViolation::new("email", "Invalid email format"))
///     .with_request_id("req_123");
/// assert_eq!(err.code(), &ErrorCode::ValidationError);
/// assert_eq!(err.status().as_u16(), 400);
///
/// let body = serde_json::to_value(err.envelope()).unwrap();
/// assert_eq!(body["error"]["code"], "VALIDATION_ERROR");
/// assert_eq!(body["error"]["details"]["fields"][0]["pointer"], "/email");
/// ```
#[derive(Clone)]
pub struct ApiError {
    // One box holds everything, the source included: an `ApiError` is one
    // pointer, so a `Result<T, ApiError>` stays small on the happy path, and
    // the representation can change without breaking users.
    inner: Box<Inner>,
}

#[derive(Clone)]
struct Inner {
    /// The cause, for server-side logs only; never serialised.
    source: Option<Source>,
    code: Code,
    status: StatusCode,
    message: Cow<'static, str>,
    details: Details,
    request_id: Option<String>,
    timestamp: Option<Timestamp>,
    docs_url: Option<String>,
    /// Inline, not boxed: every decoded error has one, and a box of its own
    /// would cost each decode an allocation.
    upstream: Provenance,
    /// The quota the response tells, written as `RateLimit` headers.
    rate_limit: Option<Box<RateLimit>>,
}

impl ApiError {
    /// An error with a registered code, its registered status and its
    /// description as the message.
    pub fn new(code: impl Into<Code>) -> ApiError {
        let code = code.into();
        let (status, message) = match code.info() {
            Some(info) => (info.status(), Cow::Borrowed(info.description())),
            None => (StatusCode::INTERNAL_SERVER_ERROR, Cow::Borrowed("")),
        };
        ApiError {
            inner: Box::new(Inner {
                source: None,
                code,
                status,
                message,
                details: Details::default(),
                request_id: None,
                timestamp: None,
                docs_url: None,
                upstream: Provenance::default(),
                rate_limit: None,
            }),
        }
    }

    /// A decoded error, built in one step: what
    /// `ApiError::with_status(code, status).with_message(message).with_details(details).with_upstream(upstream)`
    /// builds, without the registry lookup and the empty details that the
    /// builder's steps make and replace.
    pub(crate) fn decoded(
        code: Code,
        status: StatusCode,
        message: String,
        details: Details,
        upstream: Provenance,
    ) -> ApiError {
        ApiError {
            inner: Box::new(Inner {
                source: None,
                code,
                status,
                message: Cow::Owned(message),
                details,
                request_id: None,
                timestamp: None,
                docs_url: None,
                upstream,
                rate_limit: None,
            }),
        }
    }

    /// An error with any code (registered or not) and an explicit status, as
    /// a decoder builds it from a response.
    pub fn with_status(code: impl Into<Code>, status: StatusCode) -> ApiError {
        ApiError::new(code).with_wire_status(status)
    }

    /// Replaces the status (a decoder sets the one it received).
    pub(crate) fn with_wire_status(mut self, status: StatusCode) -> ApiError {
        self.inner.status = status;
        self
    }

    /// An error of `category` with its default code and `message`.
    pub fn from_category(category: Category, message: impl Into<Cow<'static, str>>) -> ApiError {
        ApiError::new(ErrorCode::for_category(category)).with_message(message)
    }

    /// `VALIDATION_ERROR` (400): the request data is invalid.
    pub fn invalid_argument(message: impl Into<Cow<'static, str>>) -> ApiError {
        ApiError::from_category(Category::InvalidArgument, message)
    }

    /// `UNAUTHORIZED` (401): the credentials are missing or invalid.
    pub fn unauthenticated(message: impl Into<Cow<'static, str>>) -> ApiError {
        ApiError::from_category(Category::Unauthenticated, message)
    }

    /// `FORBIDDEN` (403): the credentials do not grant access.
    pub fn permission_denied(message: impl Into<Cow<'static, str>>) -> ApiError {
        ApiError::from_category(Category::PermissionDenied, message)
    }

    /// `NOT_FOUND` (404): the resource does not exist.
    pub fn not_found(message: impl Into<Cow<'static, str>>) -> ApiError {
        ApiError::from_category(Category::NotFound, message)
    }

    /// `CONFLICT` (409): the request conflicts with the current state.
    pub fn conflict(message: impl Into<Cow<'static, str>>) -> ApiError {
        ApiError::from_category(Category::Conflict, message)
    }

    /// `RATE_LIMIT_EXCEEDED` (429) with a retry hint in seconds.
    pub fn rate_limited(retry_after_secs: u64) -> ApiError {
        ApiError::new(ErrorCode::RateLimitExceeded).with_retry_after(retry_after_secs)
    }

    /// `INTERNAL_ERROR` (500) for an unexpected failure.
    ///
    /// The message is the registry's generic text; `source` is kept for
    /// server-side logging only and never serialised.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::error::Error;
    /// use error_model::ApiError;
    ///
    /// let io = std::io::Error::other("connection to db-7.internal:5432 refused");
    /// let err = ApiError::internal(io);
    /// assert_eq!(err.status().as_u16(), 500);
    /// assert!(err.source().unwrap().to_string().contains("db-7")); // for the logs
    /// let body = serde_json::to_string(&err.envelope()).unwrap();
    /// assert!(!body.contains("db-7")); // never for the client
    /// ```
    pub fn internal(source: impl Into<Box<dyn StdError + Send + Sync + 'static>>) -> ApiError {
        let mut err = ApiError::new(ErrorCode::InternalError);
        err.inner.source = Some(Arc::from(source.into()));
        err
    }

    /// `BAD_GATEWAY` (502): an upstream service failed.
    pub fn bad_gateway(message: impl Into<Cow<'static, str>>) -> ApiError {
        ApiError::from_category(Category::BadGateway, message)
    }

    /// `SERVICE_UNAVAILABLE` (503), optionally with a retry hint in seconds.
    pub fn unavailable(retry_after_secs: Option<u64>) -> ApiError {
        let mut err = ApiError::new(ErrorCode::ServiceUnavailable);
        err.inner.details.retry_after = retry_after_secs;
        err
    }

    /// Replaces the human message.
    pub fn with_message(mut self, message: impl Into<Cow<'static, str>>) -> ApiError {
        self.inner.message = message.into();
        self
    }

    /// Adds a field violation, its echoed parts (field path, pointer,
    /// rejected value, expectation) cut to
    /// [`MAX_ECHO_BYTES`](crate::limits::MAX_ECHO_BYTES). Past
    /// [`MAX_FIELD_VIOLATIONS`](crate::limits::MAX_FIELD_VIOLATIONS) the
    /// violation is not kept but counted in the details' `omitted_fields`
    /// member ([`OMITTED_FIELDS`]), which every dialect writes.
    ///
    /// # Examples
    ///
    /// ```
    /// use error_model::{ApiError, ErrorCode, FieldViolation, OMITTED_FIELDS};
    /// use error_model::limits::MAX_FIELD_VIOLATIONS;
    ///
    /// let err = (0..150).fold(ApiError::new(ErrorCode::ValidationError), |err, i| {
    ///     err.with_field(FieldViolation::new(format!("leads.{i}.email"), "Required."))
    /// });
    /// assert_eq!(err.fields().len(), MAX_FIELD_VIOLATIONS);
    /// assert_eq!(err.details().extensions[OMITTED_FIELDS], 50);
    /// ```
    pub fn with_field(mut self, violation: FieldViolation) -> ApiError {
        use crate::limits::{MAX_ECHO_BYTES, MAX_FIELD_VIOLATIONS};
        let details = &mut self.inner.details;
        if details.fields.len() >= MAX_FIELD_VIOLATIONS {
            let omitted = details.extensions.get(OMITTED_FIELDS).and_then(serde_json::Value::as_u64).unwrap_or(0);
            details.extensions.insert(OMITTED_FIELDS.to_owned(), (omitted + 1).into());
            return self;
        }
        let mut v = violation;
        let cut = |s: &mut String| {
            if s.len() > MAX_ECHO_BYTES {
                *s = crate::text::cut(s, MAX_ECHO_BYTES).into_owned();
            }
        };
        cut(&mut v.field);
        cut(&mut v.pointer);
        if let Some(expected) = v.expected.as_mut() {
            cut(expected);
        }
        v.rejected_value = v.rejected_value.map(crate::text::echoed);
        details.fields.push(v);
        self
    }

    /// Adds each of `violations` as [`with_field`](ApiError::with_field)
    /// does (cut to the echo limits, counted in `omitted_fields` past
    /// [`MAX_FIELD_VIOLATIONS`](crate::limits::MAX_FIELD_VIOLATIONS)).
    pub fn with_fields(self, violations: impl IntoIterator<Item = FieldViolation>) -> ApiError {
        violations.into_iter().fold(self, ApiError::with_field)
    }

    /// `VALIDATION_ERROR` (400) with every one of `violations`, within the
    /// caps of [`with_field`](ApiError::with_field): what a validation
    /// library's error tree becomes.
    ///
    /// # Examples
    ///
    /// ```
    /// use error_model::{ApiError, ErrorCode, FieldViolation};
    ///
    /// let err = ApiError::validation([
    ///     FieldViolation::new("leads.3.email", "must be a valid email address").with_reason("email"),
    ///     FieldViolation::new("leads.4.name", "required").with_reason("required"),
    /// ]);
    /// assert_eq!(err.code(), &ErrorCode::ValidationError);
    /// assert_eq!(err.fields()[0].pointer, "/leads/3/email");
    /// assert_eq!(err.fields().len(), 2);
    /// ```
    pub fn validation(violations: impl IntoIterator<Item = FieldViolation>) -> ApiError {
        ApiError::new(ErrorCode::ValidationError).with_fields(violations)
    }

    /// Sets the retry hint in seconds (sent as `Retry-After` on 429 and 503).
    pub fn with_retry_after(mut self, secs: u64) -> ApiError {
        self.inner.details.retry_after = Some(secs);
        self
    }

    /// Sets the quota the response tells: written as `RateLimit` and
    /// `RateLimit-Policy` on the response, whatever its status
    /// ([`ratelimit`](crate::ratelimit)), and read back from them (or from
    /// `X-RateLimit-*`) by the decoders. A client without a retry hint
    /// waits its reset ([`retry_wait`](Self::retry_wait)).
    ///
    /// # Examples
    ///
    /// ```
    /// use error_model::ApiError;
    /// use error_model::ratelimit::RateLimit;
    ///
    /// let err = ApiError::rate_limited(30).with_rate_limit(RateLimit::new(60, 0, 30).with_window(60));
    /// let res = err.to_response();
    /// assert_eq!(res.headers()["retry-after"], "30");
    /// assert_eq!(res.headers()["ratelimit"], r#""default";r=0;t=30"#);
    /// assert_eq!(res.headers()["ratelimit-policy"], r#""default";q=60;w=60"#);
    ///
    /// let read = ApiError::from_response(&res).unwrap();
    /// assert_eq!(read.rate_limit(), err.rate_limit());
    /// assert_eq!(read, err);
    /// ```
    pub fn with_rate_limit(mut self, quota: RateLimit) -> ApiError {
        self.inner.rate_limit = Some(Box::new(quota));
        self
    }

    /// The quota the response tells, if any.
    pub fn rate_limit(&self) -> Option<&RateLimit> {
        self.inner.rate_limit.as_deref()
    }

    /// How long a client waits before retrying, in seconds: the retry hint,
    /// else on a 429 or a used-up quota the quota's reset
    /// ([`ratelimit::retry_wait`](crate::ratelimit::retry_wait), the one rule).
    ///
    /// # Examples
    ///
    /// ```
    /// use error_model::{ApiError, ErrorCode};
    /// use error_model::ratelimit::RateLimit;
    ///
    /// let err = ApiError::new(ErrorCode::RateLimitExceeded).with_rate_limit(RateLimit::new(10, 0, 4));
    /// assert_eq!(err.retry_wait(), Some(4));
    /// assert_eq!(err.with_retry_after(9).retry_wait(), Some(9));
    /// ```
    pub fn retry_wait(&self) -> Option<u64> {
        crate::ratelimit::retry_wait(self.inner.status, self.retry_after(), self.rate_limit())
    }

    /// Sets the resource the error refers to.
    pub fn with_resource(mut self, resource: ResourceRef) -> ApiError {
        self.inner.details.resource = Some(resource);
        self
    }

    /// Adds an extension member to the details; its value is echoed within
    /// [`MAX_ECHO_BYTES`](crate::limits::MAX_ECHO_BYTES) (see
    /// [`text::echoed`](crate::text::echoed)). An extension named like a
    /// request id or a retry hint (`request_id`, `retryAfter`) stays on the
    /// error but no shape writes it: read back, it would be the error's own
    /// request id or retry hint. Set those with [`with_request_id`](Self::with_request_id)
    /// and [`with_retry_after`](Self::with_retry_after).
    pub fn with_extension(mut self, key: impl Into<String>, value: impl Into<serde_json::Value>) -> ApiError {
        self.inner.details.extensions.insert(key.into(), crate::text::echoed(value.into()));
        self
    }

    /// Replaces all details.
    pub fn with_details(mut self, details: Details) -> ApiError {
        self.inner.details = details;
        self
    }

    /// Sets the request id.
    pub fn with_request_id(mut self, request_id: impl Into<String>) -> ApiError {
        self.inner.request_id = Some(request_id.into());
        self
    }

    /// Sets the timestamp.
    pub fn with_timestamp(mut self, timestamp: Timestamp) -> ApiError {
        self.inner.timestamp = Some(timestamp);
        self
    }

    /// Stamps the error with the current time.
    pub fn timestamped(self) -> ApiError {
        self.with_timestamp(Timestamp::now())
    }

    /// Sets the documentation link, in place of the code's own
    /// ([`CodeInfo::docs_url`](crate::CodeInfo::docs_url)).
    pub fn with_docs_url(mut self, url: impl Into<String>) -> ApiError {
        self.inner.docs_url = Some(url.into());
        self
    }

    /// Links the error to its code's page under `base`
    /// ([`DocsBase::url_of`](crate::code::DocsBase::url_of)) when it has no
    /// link yet: none set by the handler or the decoded body, and none from
    /// its code's table (a table that declares its own base keeps it). An
    /// unknown code has no page and stays without a link. This is what the
    /// tower `ErrorLayer` does with the docs base of its configuration.
    ///
    /// # Examples
    ///
    /// ```
    /// use error_model::code::DocsBase;
    /// use error_model::{ApiError, ErrorCode};
    ///
    /// let base = DocsBase::new("https://leads.example.com/docs/").unwrap();
    /// let err = ApiError::new(ErrorCode::Conflict).with_docs_base(&base);
    /// assert_eq!(err.docs_url(), Some("https://leads.example.com/docs/codes/CONFLICT.html"));
    /// // A link of its own wins.
    /// let err = ApiError::new(ErrorCode::Conflict).with_docs_url("https://x.example/c").with_docs_base(&base);
    /// assert_eq!(err.docs_url(), Some("https://x.example/c"));
    /// ```
    pub fn with_docs_base(mut self, base: &crate::code::DocsBase) -> ApiError {
        if self.inner.docs_url.is_none() {
            let link = self.inner.code.info().and_then(|info| info.docs_url_under(Some(base)));
            self.inner.docs_url = link.map(std::borrow::Cow::into_owned);
        }
        self
    }

    /// Records what the upstream server sent (see [`Upstream`]).
    pub fn with_upstream(mut self, upstream: Upstream) -> ApiError {
        self.inner.upstream = Provenance::Given(upstream);
        self
    }

    /// What the upstream server sent, for a decoded error.
    pub fn upstream(&self) -> Option<&Upstream> {
        self.inner.upstream.get()
    }

    /// Whether [`ApiError::upstream`] gives more than `count` codes, or one
    /// longer than `bytes`, without making it.
    pub(crate) fn upstream_codes_exceed(&self, count: usize, bytes: usize) -> bool {
        self.inner.upstream.codes_exceed(count, bytes)
    }

    /// What the upstream server sent, mutably, created empty if there was nothing.
    pub(crate) fn upstream_mut(&mut self) -> &mut Upstream {
        self.inner.upstream.get_mut()
    }

    /// Attaches a cause for server-side logging; it is never serialised.
    pub fn with_source(mut self, source: impl Into<Box<dyn StdError + Send + Sync + 'static>>) -> ApiError {
        self.inner.source = Some(Arc::from(source.into()));
        self
    }

    /// The error code.
    pub fn code(&self) -> &Code {
        &self.inner.code
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.inner.status
    }

    /// The category: the code's, or derived from the status for an unknown code.
    pub fn category(&self) -> Category {
        self.inner.code.category().unwrap_or_else(|| crate::status::category_of(self.inner.status.as_u16()))
    }

    /// Whether a client may retry: the code's rule, or the category's for an unknown code.
    pub fn is_retryable(&self) -> bool {
        match self.inner.code.info() {
            Some(info) => info.is_retryable(),
            None => self.category().is_retryable(),
        }
    }

    /// The human message.
    pub fn message(&self) -> &str {
        &self.inner.message
    }

    /// The structured details.
    pub fn details(&self) -> &Details {
        &self.inner.details
    }

    /// The structured details, mutably.
    pub fn details_mut(&mut self) -> &mut Details {
        &mut self.inner.details
    }

    /// The extensions as an encoder writes them: those named in `reserved`
    /// (members the shape writes itself) skipped, those sensitive to `names`
    /// redacted.
    pub(crate) fn extensions_except<'a>(
        &'a self,
        reserved: &'static [&'static str],
        names: &'a SensitiveNames,
    ) -> Extensions<'a> {
        Extensions::from_map(&self.inner.details.extensions, reserved, names)
    }

    /// The error's `google.rpc.ErrorInfo.domain`, when its extension
    /// `domain` names one.
    pub fn error_info_domain(&self) -> Option<&str> {
        self.extension_str("domain")
    }

    /// The error's extensions as `google.rpc.ErrorInfo.metadata` carries
    /// them (a map of strings): every extension but `domain`
    /// ([`rpc::METADATA_RESERVED`](crate::rpc::METADATA_RESERVED)) and the
    /// request id names, a string as it is, any other value as the text of
    /// its JSON, those sensitive to `names` redacted at any depth. The
    /// Google dialect writes the same members.
    ///
    /// # Examples
    ///
    /// ```
    /// use error_model::{ApiError, ErrorCode, redact::SensitiveNames};
    ///
    /// let err = ApiError::new(ErrorCode::Conflict)
    ///     .with_extension("version", 3)
    ///     .with_extension("api_key", "sk_live_1");
    /// let metadata: Vec<(&str, String)> = err.error_info_metadata(SensitiveNames::defaults()).collect();
    /// assert!(metadata.contains(&("version", "3".to_owned())));
    /// assert!(metadata.iter().all(|(_, value)| !value.contains("sk_live")));
    /// ```
    pub fn error_info_metadata<'a>(
        &'a self,
        names: &'a SensitiveNames,
    ) -> impl Iterator<Item = (&'a str, String)> + 'a {
        let members = self.extensions_except(crate::rpc::METADATA_RESERVED, names);
        let members: Vec<_> = members.members().collect();
        members.into_iter().map(|(name, member)| {
            let text = match serde_json::to_value(&member) {
                Ok(serde_json::Value::String(text)) => text,
                Ok(value) => value.to_string(),
                Err(_) => crate::redact::REDACTED.to_owned(),
            };
            (name.as_str(), text)
        })
    }

    /// The value of extension `key`, if it is a string: a shape that reads
    /// one of its own members from an extension (problem `title`) asks this.
    pub(crate) fn extension_str(&self, key: &str) -> Option<&str> {
        self.inner.details.extensions.get(key).and_then(serde_json::Value::as_str)
    }

    /// The field violations.
    pub fn fields(&self) -> &[FieldViolation] {
        &self.inner.details.fields
    }

    /// The retry hint in seconds.
    pub fn retry_after(&self) -> Option<u64> {
        self.inner.details.retry_after
    }

    /// The request id.
    pub fn request_id(&self) -> Option<&str> {
        self.inner.request_id.as_deref()
    }

    /// The timestamp.
    pub fn timestamp(&self) -> Option<&Timestamp> {
        self.inner.timestamp.as_ref()
    }

    /// The documentation link: the one the handler or the decoded body set,
    /// else the code's page ([`CodeInfo::docs_url`](crate::CodeInfo::docs_url)),
    /// else `None` (an unknown code, or a table without a docs base, such
    /// as the built-in one, until [`with_docs_base`](Self::with_docs_base)).
    ///
    /// # Examples
    ///
    /// ```
    /// use error_model::{ApiError, ErrorCode};
    ///
    /// let err = ApiError::new(ErrorCode::NotFound);
    /// assert_eq!(err.docs_url(), None);
    /// let err = err.with_docs_url("https://example.com/leads#missing");
    /// assert_eq!(err.docs_url(), Some("https://example.com/leads#missing"));
    /// ```
    pub fn docs_url(&self) -> Option<&str> {
        self.inner.docs_url.as_deref().or_else(|| self.inner.code.info().and_then(crate::CodeInfo::docs_url))
    }

    /// Whether this is a client error (4xx).
    pub fn is_client_error(&self) -> bool {
        self.inner.status.is_client_error()
    }

    /// Whether this is a server error (5xx).
    pub fn is_server_error(&self) -> bool {
        self.inner.status.is_server_error()
    }

    /// The canonical envelope `{"error": {...}}` around this error, for
    /// serialising, redacted by the built-in names
    /// ([`SensitiveNames::defaults`]).
    pub fn envelope(&self) -> envelope::EnvelopeRef<'_> {
        self.envelope_with(SensitiveNames::defaults())
    }

    /// The canonical envelope around this error, redacted by `names`.
    ///
    /// # Examples
    ///
    /// ```
    /// use error_model::{ApiError, redact::SensitiveNames};
    ///
    /// let err = ApiError::invalid_argument("Invalid").with_extension("tax_id", "123-45");
    /// let names = SensitiveNames::default().with_names(["tax_id"]);
    /// assert!(!serde_json::to_string(&err.envelope_with(&names)).unwrap().contains("123-45"));
    /// assert!(serde_json::to_string(&err.envelope()).unwrap().contains("123-45"));
    /// ```
    pub fn envelope_with<'a>(&'a self, names: &'a SensitiveNames) -> envelope::EnvelopeRef<'a> {
        envelope::EnvelopeRef { error: self, names }
    }
}

impl From<ErrorCode> for ApiError {
    fn from(code: ErrorCode) -> ApiError {
        ApiError::new(code)
    }
}

impl fmt::Display for ApiError {
    /// `CODE (status): message`, on one line whatever the code and message hold.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = &self.inner;
        write!(f, "{} ({}): {}", OneLine(inner.code.as_str()), inner.status.as_u16(), OneLine(&inner.message))
    }
}

impl StdError for ApiError {
    /// The cause attached with [`ApiError::internal`] or
    /// [`ApiError::with_source`]: for server-side logs only.
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.inner.source.as_deref().map(|source| source as &(dyn StdError + 'static))
    }
}

impl fmt::Debug for ApiError {
    /// Shows what a client would see, redacted as on the wire; the source is
    /// only named as present (read it through [`Error::source`](StdError::source)).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("ApiError");
        d.field("code", &self.inner.code)
            .field("status", &self.inner.status.as_u16())
            .field("message", &self.inner.message);
        if !self.inner.details.is_empty() {
            d.field("details", &self.inner.details);
        }
        if let Some(request_id) = &self.inner.request_id {
            d.field("request_id", request_id);
        }
        if let Some(quota) = &self.inner.rate_limit {
            d.field("rate_limit", quota);
        }
        if self.inner.source.is_some() {
            d.field("source", &format_args!("<kept for logs: Error::source>"));
        }
        d.finish_non_exhaustive()
    }
}

impl PartialEq for ApiError {
    /// Compares what the error says; neither its source nor where it came
    /// from ([`ApiError::upstream`]) is compared. The documentation links
    /// compared are those [`ApiError::docs_url`] gives: a link set to the
    /// code's own page is the same as none set.
    fn eq(&self, other: &ApiError) -> bool {
        self.inner.code == other.inner.code
            && self.inner.status == other.inner.status
            && self.inner.message == other.inner.message
            && self.inner.details == other.inner.details
            && self.inner.request_id == other.inner.request_id
            && self.inner.timestamp == other.inner.timestamp
            && self.inner.rate_limit == other.inner.rate_limit
            && self.docs_url() == other.docs_url()
    }
}

/// Turns any error into an `INTERNAL_ERROR` with `?`.
///
/// It takes every error that converts into `Box<dyn Error + Send + Sync>`:
/// each `std::error::Error + Send + Sync`, `anyhow::Error` and
/// `eyre::Report` (whose whole chain is kept as the source), a `String`. The
/// error becomes the source, for server-side logs only.
///
/// # Examples
///
/// ```
/// use error_model::{ApiError, OrInternal};
///
/// fn handler() -> error_model::Result<u32> {
///     let n: u32 = "not a number".parse().or_internal()?;
///     Ok(n)
/// }
/// assert_eq!(handler().unwrap_err().code().as_str(), "INTERNAL_ERROR");
/// ```
pub trait OrInternal<T> {
    /// Maps the error to [`ApiError::internal`], keeping it as the source.
    fn or_internal(self) -> Result<T>;
}

impl<T, E> OrInternal<T> for std::result::Result<T, E>
where
    E: Into<Box<dyn StdError + Send + Sync + 'static>>,
{
    fn or_internal(self) -> Result<T> {
        self.map_err(ApiError::internal)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_api_error_is_one_pointer() {
        assert_eq!(std::mem::size_of::<ApiError>(), std::mem::size_of::<usize>());
        assert_eq!(std::mem::size_of::<Option<ApiError>>(), std::mem::size_of::<usize>());
    }

    #[test]
    fn the_source_is_kept_in_the_box_and_cloned_with_it() {
        let err = ApiError::internal(std::io::Error::other("disk full")).with_message("Something failed");
        let copy = err.clone();
        for e in [&err, &copy] {
            assert_eq!(e.source().map(ToString::to_string).as_deref(), Some("disk full"));
        }
        assert!(ApiError::not_found("gone").source().is_none());
        assert_eq!(err.to_string(), "INTERNAL_ERROR (500): Something failed");
    }

    /// Every cause of an error, outermost first.
    fn chain(err: &ApiError) -> Vec<String> {
        std::iter::successors(err.source(), |&e| e.source()).map(ToString::to_string).collect()
    }

    #[test]
    fn or_internal_takes_anyhow_and_eyre_reports_without_a_feature() {
        let io = || std::io::Error::other("password=hunter2 rejected by db-7");
        let a: Result<(), ApiError> = anyhow::Context::context(Err::<(), _>(io()), "loading lead 7").or_internal();
        let e: Result<(), ApiError> = eyre::WrapErr::wrap_err(Err::<(), _>(io()), "loading lead 7").or_internal();
        for err in [a.unwrap_err(), e.unwrap_err()] {
            assert_eq!(err.code(), &ErrorCode::InternalError);
            assert_eq!(chain(&err), ["loading lead 7", "password=hunter2 rejected by db-7"]);
            let body = serde_json::to_string(&err.envelope()).unwrap();
            assert!(!body.contains("hunter2") && !body.contains("lead 7"), "{body}");
        }
        let s: Result<(), ApiError> = Err("plain text").or_internal();
        assert_eq!(chain(&s.unwrap_err()), ["plain text"]);
    }

    #[cfg(all(feature = "anyhow", feature = "eyre"))]
    #[test]
    fn question_mark_on_reports_keeps_the_whole_chain() {
        fn anyhow_handler() -> Result<()> {
            let inner: anyhow::Result<()> =
                Err(anyhow::anyhow!("SELECT * FROM leads")).map_err(|e| e.context("query failed"));
            inner?;
            Ok(())
        }
        fn eyre_handler() -> Result<()> {
            let inner: eyre::Result<()> =
                Err(eyre::eyre!("SELECT * FROM leads")).map_err(|e| e.wrap_err("query failed"));
            inner?;
            Ok(())
        }
        for err in [anyhow_handler().unwrap_err(), eyre_handler().unwrap_err()] {
            assert_eq!(err.status(), StatusCode::INTERNAL_SERVER_ERROR);
            assert_eq!(chain(&err), ["query failed", "SELECT * FROM leads"]);
            assert!(!serde_json::to_string(&err.envelope()).unwrap().contains("SELECT"));
        }
    }
}
