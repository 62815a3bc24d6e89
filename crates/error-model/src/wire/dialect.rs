//! The dialect table: one row per wire shape, with what varies per row
//! (name, module, media type, whether validation is answered with 422, a
//! one-line description); the behaviour every dialect shares is written by
//! hand below it.

use std::fmt;
use std::io;

use http::{HeaderMap, Response, StatusCode};

use super::any::AnyBody;
use super::decode::{Context, parse};
use super::dialects;
use super::encode::write_json;
use crate::decode::{DecodeError, Limits};
use crate::{ApiError, ErrorCode};

macro_rules! dialects {
    ($($Variant:ident => $name:literal, $module:ident, $content_type:literal, $validation_422:literal, $doc:literal;)*) => {
        /// An error wire shape. See the [module docs](super) for each one's shape.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Dialect {
            $(#[doc = $doc] $Variant,)*
        }

        impl Dialect {
            /// Every dialect, in table order.
            pub const ALL: &'static [Dialect] = &[$(Dialect::$Variant),*];

            /// The dialect's kebab-case name, as used on the command line and in file names.
            pub const fn name(self) -> &'static str {
                match self { $(Dialect::$Variant => $name,)* }
            }

            /// The media type of its bodies.
            pub const fn content_type(self) -> &'static str {
                match self { $(Dialect::$Variant => $content_type,)* }
            }

            /// Whether the shape reports body validation errors with 422
            /// instead of 400 (see [`Dialect::wire_status`]).
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

            /// Writes the body of `err` in this dialect to `out` as compact
            /// JSON, straight from the error: no intermediate tree, and no
            /// allocation but the writer's own (see [`Dialect::encode_into`]).
            ///
            /// # Errors
            ///
            /// Only the writer's: serialising the body itself cannot fail.
            pub fn write_to<W: io::Write>(self, err: &ApiError, out: W) -> io::Result<()> {
                match self { $(Dialect::$Variant => write_json(out, &dialects::$module::body(err)),)* }
            }

            /// The JSON Schema of this dialect's bodies, derived from the
            /// types its encoder writes. [`crate::publish::schema`] adds the
            /// `$id`, title and description it is published with.
            #[cfg(feature = "schema")]
            pub fn json_schema(self, generator: schemars::SchemaGenerator) -> schemars::Schema {
                match self {
                    $(Dialect::$Variant => generator.into_root_schema_for::<dialects::$module::Body<'static>>(),)*
                }
            }

            fn decode_any(self, body: &mut AnyBody, ctx: &Context<'_>) -> Result<ApiError, DecodeError> {
                match self { $(Dialect::$Variant => dialects::$module::decode(body, ctx),)* }
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

/// Whether `code` is answered with 422 by the dialects that [answer
/// validation with 422](Dialect::validation_is_422): a registered code whose
/// row says it reports failed body validation.
impl Dialect {
    /// The dialects that answer body validation errors with 422.
    pub fn validation_422_dialects() -> impl Iterator<Item = Dialect> {
        Dialect::ALL.iter().copied().filter(|d| d.validation_is_422())
    }

    /// The HTTP status `err` is sent with in this dialect: a 400 validation
    /// error ([`CodeInfo::is_validation`](crate::CodeInfo::is_validation))
    /// becomes 422 where the dialect [says so](Dialect::validation_is_422).
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
        crate::status::wire_status(err.code(), err.status(), self.validation_is_422())
    }

    /// The code a body of this dialect means when it names none, by its status.
    pub fn implied_code(self, status: StatusCode) -> ErrorCode {
        crate::status::implied_code(status, self.validation_is_422())
    }

    /// Whether the wire status alone tells `err`'s code, so a shape without a
    /// code member loses nothing.
    pub(crate) fn code_is_implied(self, err: &ApiError) -> bool {
        *err.code() == self.implied_code(self.wire_status(err))
    }

    /// Appends the body of `err` in this dialect to `out`. Allocates nothing
    /// when `out` has room for the body.
    ///
    /// # Examples
    ///
    /// ```
    /// use error_model::{ApiError, wire::Dialect};
    ///
    /// let mut buf = Vec::with_capacity(256);
    /// Dialect::Problem.encode_into(&ApiError::not_found("Lead not found"), &mut buf);
    /// assert!(buf.starts_with(br#"{"type":"https://error-contract.dev/docs/codes/NOT_FOUND.html","title":"Not found","status":404"#));
    /// ```
    pub fn encode_into(self, err: &ApiError, out: &mut Vec<u8>) {
        // Writing into a Vec cannot fail, nor can serialising a body.
        let _ = self.write_to(err, out);
    }

    /// The body of `err` in this dialect, as bytes.
    pub fn body(self, err: &ApiError) -> Vec<u8> {
        let mut out = Vec::with_capacity(256);
        self.encode_into(err, &mut out);
        out
    }

    /// The HTTP response for `err` in this dialect: the [wire
    /// status](Self::wire_status), `Content-Type`, `Retry-After` where the
    /// status [carries one](crate::headers::carries_retry_after),
    /// `X-Request-ID`, and the body.
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
        let mut res = err.response_with_body(self.content_type(), self.body(err));
        *res.status_mut() = self.wire_status(err);
        res
    }

    /// Decodes a body known to be in this dialect.
    ///
    /// `status` is the response status, if there was a response; the
    /// canonical status is derived from it (a validation code received
    /// with 422 becomes 400). Fails with a typed error, and without
    /// panicking, on any body that is not this dialect's.
    pub fn decode(self, status: Option<StatusCode>, headers: &HeaderMap, body: &[u8]) -> Result<ApiError, DecodeError> {
        let mut any = AnyBody::default();
        parse(body, &Limits::default(), &mut any)?;
        let limits = Limits::default();
        let ctx = Context {
            status: status.filter(|s| crate::status::is_error(*s)),
            headers,
            limits: &limits,
            now: std::time::SystemTime::now(),
        };
        self.decode_parsed(&mut any, &ctx)
    }

    pub(crate) fn decode_parsed(self, any: &mut AnyBody, ctx: &Context<'_>) -> Result<ApiError, DecodeError> {
        let err = self.decode_any(any, ctx)?;
        Ok(super::decode::from_kept_members(err, any.meta.take(), ctx))
    }
}
