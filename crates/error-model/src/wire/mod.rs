//! Wire dialects: every error shape this crate reads and writes.
//!
//! A [`Dialect`] is named by its shape, not by the API it was found in. Each
//! one encodes an [`ApiError`](crate::ApiError) (body, status and headers) and decodes it back;
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
//!
//! # Layout
//!
//! The modules are layered one way; each uses only those listed before it:
//!
//! 1. what every decoder and encoder shares: [`Dialect`] (`dialect.rs`),
//!    the table of dialects and what each is as data (name, media type,
//!    status rules); `any.rs`, the typed any-shape parse; `parse.rs`, the
//!    parse every decoder starts from and the decode helpers and parts
//!    the dialects share; `encode.rs`, the views several encoders share
//!    (carried members, grouped fields, computed members); `vocab.rs`, the
//!    table of error member names by role (code, message, request id,
//!    retry hint, field path, field message) that detection, the lenient
//!    reader and the strict decoders' leftovers are read with; `free_form.rs`,
//!    field errors and texts read out of free-form JSON values;
//! 2. `dialects/<name>.rs`: one module per shape, holding the typed view its
//!    encoder writes (from which its JSON Schema is derived) and its
//!    decoder; no dialect module uses another;
//! 3. `dispatch.rs`: [`Dialect`]'s encoders and decoders, dispatched to the
//!    dialect modules; `detect.rs`: which dialect a parsed body is in;
//!    `foreign.rs`: the lenient reader of bodies no dialect fits, and the
//!    decode-only shapes ([`Foreign`]), with `foreign_fields.rs` (where
//!    it finds field errors), `foreign_nested.rs` (members it finds by the
//!    body's structure) and `order.rs`, the document order of a body's
//!    members it lists codes and fields in;
//! 4. `decode.rs`: the entry points ([`decode()`], [`detect()`], [`convert`],
//!    ...).
//!
//! This layer knows nothing of the files the contract is published as; see
//! `error_model_publish` for those.
//!
//! # RFC 9457 problem details
//!
//! [`Dialect::Problem`] writes `type` as the error's documentation link, or
//! `about:blank` when it has none; `title` as the error's extension `title`
//! if it has one, else the code's registered title when `type` is a link,
//! else the status phrase (with `about:blank` the title is the status phrase,
//! RFC 9457, section 4.2.1); `status` as the wire status; `detail` as the
//! message; `instance` as the extension `instance`; then `code`, `errors`
//! (field problems with `pointer` and `detail`), `request_id`,
//! `retry_after`, `resource`, `timestamp` and the other extensions. Reading
//! it back, a `title` other than the one it would write is kept as the
//! extension `title`; without `detail`, the message is the `title`; an
//! `instance` that is a bare token (no `/` or `:`) is also the request id.
//!
//! # Extension members
//!
//! An error's extensions are written where each shape keeps free-form
//! members (canonical `details`, RFC 9457's top level, Azure's
//! `innererror`, ...). An extension whose name is a member the shape writes
//! at that level itself is **dropped** from that shape: it never duplicates
//! or replaces a typed member. A few shapes read one such extension as the
//! value of their own member: `title` and `instance` (problem), `type`
//! (Stripe), `domain` (Google); decoding those shapes stores a non-default
//! value there, so it survives a round trip.
//!
//! Decoding keeps what a shape does not read: a member of the body's top
//! level that the shape has no place for (`ok`, `jsonapi`, `messages`
//! beside Cloudflare's `errors`) becomes an extension of the decoded error,
//! unless the shape's own free-form place already held one of that name.
//! The lenient reader keeps the same way the top-level strings, numbers and
//! booleans it did not read (Spring's `path`, PayPal's `information_link`):
//! under a name no role of the vocabulary claims, and not the code, message,
//! request id or field it read. Neither keeps a member whose name says it
//! carries the sender's internals (`stack`, `trace`, `exception`,
//! `debug`), so that [`convert`] never passes them on to a client; what a
//! shape's own place for extensions holds (RFC 9457's members, GraphQL's
//! `extensions`) is the sender's to keep and is kept as it is.

// Declared in layers (see Layout above): each module uses only those declared
// above it.
// 1. what every decoder and encoder shares;
mod any;
mod dialect;
mod encode;
mod free_form;
mod order;
mod parse;
mod vocab;
// 2. dialects: one module per shape;
mod dialects;
// 3. a dialect's encoder and decoder, detection, the lenient reader;
mod detect;
mod dispatch;
mod foreign;
mod foreign_fields;
mod foreign_nested;
// 4. decode: the entry points.
mod decode;

pub use decode::{convert, decode, decode_or_status, decode_or_status_at, decode_with, detect};
pub use dialect::{Dialect, UnknownDialect};
pub use foreign::Foreign;

use std::fmt;

/// The shape a body was read in: one of the [dialects](Dialect), or a shape
/// that is only read, by the [lenient reader](Foreign), when no dialect fits.
///
/// # Examples
///
/// ```
/// use error_model::wire::{self, Dialect, Foreign, Shape};
/// use http::HeaderMap;
///
/// let (shape, _) = wire::decode(None, &HeaderMap::new(), br#"{"detail": "Not found."}"#).unwrap();
/// assert_eq!(shape, Dialect::Drf);
/// let aws = br#"{"__type": "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException", "message": "Requested resource not found"}"#;
/// let (shape, err) = wire::decode(None, &HeaderMap::new(), aws).unwrap();
/// assert_eq!(shape, Shape::Foreign(Foreign::Aws));
/// assert!(shape.is_lenient());
/// assert_eq!(err.message(), "Requested resource not found");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Shape {
    /// A dialect, read by its typed decoder.
    Dialect(Dialect),
    /// A decode-only shape, read by the lenient reader.
    Foreign(Foreign),
}

impl Shape {
    /// The shape's name: the dialect's, or the decode-only shape's.
    pub const fn name(self) -> &'static str {
        match self {
            Shape::Dialect(d) => d.name(),
            Shape::Foreign(f) => f.name(),
        }
    }

    /// The dialect, if the body was read as one.
    pub const fn dialect(self) -> Option<Dialect> {
        match self {
            Shape::Dialect(d) => Some(d),
            Shape::Foreign(_) => None,
        }
    }

    /// Whether the lenient reader read the body.
    pub const fn is_lenient(self) -> bool {
        matches!(self, Shape::Foreign(_))
    }
}

impl PartialEq<Dialect> for Shape {
    fn eq(&self, other: &Dialect) -> bool {
        *self == Shape::Dialect(*other)
    }
}

impl fmt::Display for Shape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
