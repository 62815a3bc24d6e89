//! The dispatch from a [`Dialect`] to its module in `dialects/`: the
//! encoder and decoder methods of [`Dialect`] (`write_to`, `encode_into`,
//! `body`, `encode`, `decode`, `json_schema`), made from the dialect table
//! of `dialect.rs`.

use std::io;

use http::{HeaderMap, Response, StatusCode};

use super::any::AnyBody;
use super::dialect::{Dialect, dialect_table};
use super::dialects;
use super::encode::write_json;
use super::parse::{Context, from_kept_members, parse};
use crate::ApiError;
use crate::decode::DecodeError;
use crate::limits::Limits;
use crate::redact::SensitiveNames;

macro_rules! dialect_dispatch {
    ($($Variant:ident => $name:literal, $module:ident, $content_type:expr, $validation_422:literal, $doc:literal;)*) => {
        impl Dialect {
            /// Writes the body of `err` in this dialect to `out` as compact
            /// JSON, straight from the error: no intermediate tree, and no
            /// allocation but the writer's own (see [`Dialect::encode_into`]).
            /// Values of fields sensitive to `names` are redacted.
            ///
            /// # Errors
            ///
            /// Only the writer's: serialising the body itself cannot fail.
            pub fn write_with<W: io::Write>(self, err: &ApiError, names: &SensitiveNames, out: W) -> io::Result<()> {
                match self { $(Dialect::$Variant => write_json(out, &dialects::$module::body(err, names)),)* }
            }

            /// The JSON Schema of this dialect's bodies, derived from the
            /// types its encoder writes. `error_model_publish::schema` adds the
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

dialect_table!(dialect_dispatch);

impl Dialect {
    /// [`Dialect::write_with`] the built-in sensitive names
    /// ([`SensitiveNames::defaults`]).
    ///
    /// # Errors
    ///
    /// Only the writer's: serialising the body itself cannot fail.
    pub fn write_to<W: io::Write>(self, err: &ApiError, out: W) -> io::Result<()> {
        self.write_with(err, SensitiveNames::defaults(), out)
    }

    /// Appends the body of `err` in this dialect to `out`, redacted by the
    /// built-in sensitive names. Allocates nothing when `out` has room for
    /// the body.
    ///
    /// # Examples
    ///
    /// ```
    /// use error_model::{ApiError, wire::Dialect};
    ///
    /// let mut buf = Vec::with_capacity(256);
    /// Dialect::Problem.encode_into(&ApiError::not_found("Lead not found"), &mut buf);
    /// // A built-in code without a service's docs base: no link, and RFC 9457's
    /// // title for `about:blank`, the status phrase.
    /// assert!(buf.starts_with(br#"{"type":"about:blank","title":"Not Found","status":404"#));
    /// ```
    pub fn encode_into(self, err: &ApiError, out: &mut Vec<u8>) {
        // Writing into a Vec cannot fail, nor can serialising a body.
        let _ = self.write_to(err, out);
    }

    /// The body of `err` in this dialect, as bytes, redacted by the built-in
    /// sensitive names.
    pub fn body(self, err: &ApiError) -> Vec<u8> {
        let mut out = Vec::with_capacity(256);
        self.encode_into(err, &mut out);
        out
    }

    /// The HTTP response for `err` in this dialect: the [wire
    /// status](Self::wire_status), `Content-Type`, `Retry-After` where the
    /// status [carries one](crate::status::carries_retry_after),
    /// `X-Request-ID`, and the body, redacted by the built-in sensitive names
    /// ([`SensitiveNames::defaults`]; see [`Dialect::encode_with`]).
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
        self.encode_with(err, SensitiveNames::defaults())
    }

    /// [`Dialect::encode`], redacting the values of fields sensitive to
    /// `names`: a service's own secrets beside the built-in ones.
    ///
    /// # Examples
    ///
    /// ```
    /// use error_model::{ApiError, FieldViolation, redact::SensitiveNames, wire::Dialect};
    ///
    /// let err = ApiError::invalid_argument("Invalid")
    ///     .with_field(FieldViolation::new("customer.tax_id", "Bad checksum").with_rejected_value("123-45"));
    /// let names = SensitiveNames::default().with_names(["tax_id"]);
    /// let res = Dialect::Problem.encode_with(&err, &names);
    /// assert!(!String::from_utf8_lossy(res.body()).contains("123-45"));
    /// ```
    pub fn encode_with(self, err: &ApiError, names: &SensitiveNames) -> Response<Vec<u8>> {
        let mut body = Vec::with_capacity(256);
        // Writing into a Vec cannot fail, nor can serialising a body.
        let _ = self.write_with(err, names, &mut body);
        let mut res = err.response_with_body(self.content_type(), body);
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
        // Only DRF's decoder reads the lists of messages as they were parsed
        // (detection puts them back for every other shape it names).
        if self != Dialect::Drf {
            any.lists_as_values();
        }
        let limits = Limits::default();
        let ctx =
            Context { status: status.filter(|s| crate::status::is_error(*s)), headers, limits: &limits, now: None };
        self.decode_parsed(&mut any, &ctx)
    }

    pub(crate) fn decode_parsed(self, any: &mut AnyBody, ctx: &Context<'_>) -> Result<ApiError, DecodeError> {
        let mut err = self.decode_any(any, ctx)?;
        // A top-level `request_id` the dialect's decoder did not read (it
        // sits beside Stripe's error object, Anthropic's way): the body's
        // request id wins over the header's, as everywhere.
        if let Some(id) = any.request_id.take() {
            err = super::parse::identify(ctx, err, Some(id), None);
        }
        // Top-level members the shape does not read stay extensions, beside
        // those its own place for them held (which win on a repeated name),
        // but those that carry the sender's internals (a stack trace).
        if !any.other.is_empty() {
            let extensions = &mut err.details_mut().extensions;
            for (key, value) in std::mem::take(&mut any.other) {
                // Bounded as `with_extension` bounds what it keeps (`text::echoed`).
                if !super::vocab::names_internals(&key) {
                    extensions.entry(key).or_insert_with(|| crate::text::echoed(value));
                }
            }
        }
        Ok(super::parse::within_limits(
            // What the problem decoder keeps beside its members is read
            // again, unless this crate wrote the body (its `upstream`).
            from_kept_members(
                err,
                any.meta.take(),
                self == Dialect::Problem && !any.carries_upstream,
                any.lists_fields,
                ctx,
            ),
            ctx.limits,
        ))
    }
}
