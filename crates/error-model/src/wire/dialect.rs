//! The dialect table: one row per wire shape, with what varies per row
//! (name, module, media type, whether validation is answered with 422, a
//! one-line description), and the [`Dialect`] enum made of it, with what
//! a dialect is as data: its name, media type and status rules.
//!
//! Nothing here encodes or decodes, so the dialect modules
//! (`dialects/<name>.rs`) can use it: `dispatch.rs` expands the same table
//! into the dispatch from a dialect to its module (the encoders and
//! decoders, [`Dialect::encode`], [`Dialect::decode`], ...).

use std::fmt;

use http::StatusCode;

use crate::headers::{APPLICATION_JSON, APPLICATION_PROBLEM_JSON};
use crate::{ApiError, ErrorCode};

/// The dialect table. Expands to `$then! { rows }`, one row per dialect:
/// `Variant => name, module, media type, validation is 422, description;`.
macro_rules! dialect_table {
    ($then:ident) => {
        $then! {
            Canonical => "canonical", canonical, APPLICATION_JSON, false,
                "This crate's canonical shape: a nested `error` object with `code`, `status`, `message` and typed `details`.";
            Nested => "nested", nested, APPLICATION_JSON, false,
                "`success: false` and a nested `error` object with `code`, `message` and a free-form `details` object (a shape of the lead API's documentation).";
            Flat => "flat", flat, APPLICATION_JSON, false,
                "A flat object: `error` is the message, beside `code`, `details`, `timestamp` and `requestId` (a shape of the lead API's documentation).";
            Bare => "bare", bare, APPLICATION_JSON, false,
                "Bare `code`, `message` and `details`, field problems in `details.issues`, the request id in `X-Request-ID` (a shape of the lead API's documentation).";
            FieldMap => "field-map", field_map, APPLICATION_JSON, true,
                "Laravel-style `message` and an `errors` map of field path to messages; 422 for validation (a shape of the lead API's documentation).";
            DetailList => "detail-list", detail_list, APPLICATION_JSON, true,
                "A nested `error` object whose `details` is a list of `{field, message}`; 422 for validation (a shape of the lead API's documentation).";
            Problem => "problem", problem, APPLICATION_PROBLEM_JSON, false,
                "RFC 9457 problem details: `type`, `title`, `status`, `detail`, `instance` and extension members.";
            Google => "google", google, APPLICATION_JSON, false,
                "`google.rpc.Status` as in AIP-193: `error.code` (HTTP status), `error.status` and typed `details` (ErrorInfo, BadRequest, RetryInfo).";
            JsonApi => "json-api", json_api, "application/vnd.api+json", false,
                "JSON:API `errors[]` with `status`, `code`, `title`, `detail` and `source.pointer`.";
            Azure => "azure", azure, APPLICATION_JSON, false,
                "Microsoft REST guidelines: `error` with `code`, `message`, `target`, nested `details` and `innererror`.";
            Stripe => "stripe", stripe, APPLICATION_JSON, false,
                "Stripe's `error` with `type`, `code`, `message`, `param` and `doc_url`.";
            GitHub => "github", github, APPLICATION_JSON, true,
                "GitHub's `message`, `errors[]` of `{resource, field, code}` and `documentation_url`; 422 for validation.";
            Drf => "drf", drf, APPLICATION_JSON, false,
                "Django REST framework: `{\"detail\": ...}`, or a map of field name to messages.";
            GraphQl => "graphql", graphql, APPLICATION_JSON, false,
                "GraphQL `errors[]` with `message`, `path` and `extensions.code`, beside `data`.";
        }
    };
}

pub(super) use dialect_table;

macro_rules! dialect_enum {
    ($($Variant:ident => $name:literal, $module:ident, $content_type:expr, $validation_422:literal, $doc:literal;)*) => {
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
        }
    };
}

dialect_table!(dialect_enum);

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
}
