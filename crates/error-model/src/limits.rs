//! Every cap in the contract, in one place: what a decoder reads from an
//! untrusted body ([`Limits`], a value a caller may change), and the fixed
//! bounds on what the crates read, build and write (the constants here).
//!
//! Each cap says what it bounds and why. The other crates refer to them
//! here (`error_model::limits::MAX_MEDIA_RANGES`, ...); a few are also
//! re-exported where they were first published
//! ([`crate::client::MAX_RETRY_AFTER`], [`crate::code::MAX_WIRE_NAME_LEN`]).

use std::time::Duration;

/// Limits on what a decoder reads from an untrusted body.
///
/// | limit | default | over the limit |
/// |---|---|---|
/// | [`max_body_bytes`](Self::max_body_bytes) | 1 MiB | the body is refused unparsed ([`DecodeErrorKind::TooLarge`](crate::DecodeErrorKind::TooLarge)) |
/// | [`max_depth`](Self::max_depth) | 128 | the body is refused ([`DecodeErrorKind::TooDeep`](crate::DecodeErrorKind::TooDeep)) |
/// | [`max_fields`](Self::max_fields) | 1,000 | further field errors are skipped while parsing, not built |
/// | [`max_code_bytes`](Self::max_code_bytes) | 128 | the code is dropped; the status implies one |
/// | [`max_message_bytes`](Self::max_message_bytes) | 8 KiB | the message is cut at a character boundary, with `…` |
/// | [`max_request_id_bytes`](Self::max_request_id_bytes) | 200 | the request id is dropped (header or body) |
///
/// Error bodies are small; so decoding costs memory in proportion to the
/// body, whatever it holds. The default depth is serde_json's own recursion
/// limit, enforced while parsing at no extra cost on every member the
/// decoder reads (members a shape ignores are skipped without recursion, so
/// they cannot exhaust the stack either); a lower `max_depth` adds a
/// pre-scan of the whole body.
///
/// # Examples
///
/// ```
/// use error_model::{Limits, wire};
/// use http::HeaderMap;
///
/// let mut limits = Limits::default();
/// limits.max_fields = 2;
/// let body = br#"{"message": "m", "errors": {"a": ["1"], "b": ["2"], "c": ["3"]}}"#;
/// let (_, err) = wire::decode_with(None, &HeaderMap::new(), body, &limits).unwrap();
/// assert_eq!(err.fields().len(), 2);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Limits {
    /// The largest body, in bytes, that is parsed at all.
    pub max_body_bytes: usize,
    /// The deepest nesting of JSON arrays and objects accepted.
    pub max_depth: usize,
    /// The most field errors kept; the rest are skipped while parsing.
    pub max_fields: usize,
    /// The longest code kept, in bytes.
    pub max_code_bytes: usize,
    /// The longest message kept whole, in bytes.
    pub max_message_bytes: usize,
    /// The longest request id kept, in bytes.
    pub max_request_id_bytes: usize,
}

impl Limits {
    /// 1 MiB: error bodies are a few hundred bytes; a thousand field
    /// errors with their values fit many times over.
    pub const DEFAULT_MAX_BODY_BYTES: usize = 1 << 20;
    /// 128 levels: serde_json's recursion limit.
    pub const DEFAULT_MAX_DEPTH: usize = 128;
    /// 1,000 field errors: a bulk request reports every failing item, and
    /// no person or program reads more.
    pub const DEFAULT_MAX_FIELDS: usize = 1000;
    /// 128 bytes: a registered code has at most [`MAX_WIRE_NAME_LEN`] (63).
    pub const DEFAULT_MAX_CODE_BYTES: usize = 128;
    /// 8 KiB: a message is a sentence or a paragraph; more is a dump that
    /// would flood logs.
    pub const DEFAULT_MAX_MESSAGE_BYTES: usize = 8 << 10;
    /// 200 bytes: a UUID, a trace id or a vendor's request id is far
    /// shorter. Also the longest incoming request id a server accepts
    /// (error-model-tower), so that a client keeps every id a server sends.
    pub const DEFAULT_MAX_REQUEST_ID_BYTES: usize = 200;
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_body_bytes: Limits::DEFAULT_MAX_BODY_BYTES,
            max_depth: Limits::DEFAULT_MAX_DEPTH,
            max_fields: Limits::DEFAULT_MAX_FIELDS,
            max_code_bytes: Limits::DEFAULT_MAX_CODE_BYTES,
            max_message_bytes: Limits::DEFAULT_MAX_MESSAGE_BYTES,
            max_request_id_bytes: Limits::DEFAULT_MAX_REQUEST_ID_BYTES,
        }
    }
}

/// The longest wire name of a code, in bytes: UPPER_SNAKE names this long
/// read as words in logs and docs; a name past it is not a code but text
/// (and an [`UnknownCode`](crate::UnknownCode) keeps only this much of it).
pub const MAX_WIRE_NAME_LEN: usize = 63;

/// The longest message a [`DecodeError`](crate::DecodeError) carries, in
/// bytes (a few more for the ellipsis): it may quote the body, which a
/// server chose, and it goes to logs.
pub const MAX_DECODE_MESSAGE_BYTES: usize = 200;

/// How much of a body that is not JSON is looked at for a message a person
/// can read (an HTML `<title>`, a line of plain text), in bytes: a proxy's
/// error page has its title near the top, and the scan stays bounded
/// whatever the page.
pub const MAX_READABLE_SCAN_BYTES: usize = 64 << 10;

/// The longest plain-text body taken as a message, in bytes: a short text
/// (`Too Many Requests`) is one; a longer one is a page, not a message.
pub const MAX_PLAIN_TEXT_BODY_BYTES: usize = 512;

/// The longest message read out of a body that is not JSON, in bytes (a few
/// more for the ellipsis): it is the server's or a proxy's text, shown to
/// the caller and logged.
pub const MAX_READABLE_MESSAGE_BYTES: usize = 200;

/// How deep the lenient reader looks for a `_errors` member (zod's
/// formatted error tree) in a body no dialect fits: deep enough for any
/// form, and bounded so that a hostile body cannot make the sniff costly.
pub const MAX_ERROR_TREE_DEPTH: usize = 16;

/// The most items a list's size hint may reserve room for before they are
/// read: a hint is the body's claim, and room for more is only taken as the
/// items arrive (within [`Limits::max_fields`]).
pub const MAX_PREALLOCATED_ITEMS: usize = 16;

/// The longest text of a serde error that goes into a message (and the
/// longest rejected path parameter echoed back), in bytes: serde quotes the
/// client's input, which may be anything.
pub const MAX_SERDE_MESSAGE_BYTES: usize = 200;

/// The most media ranges of one `Accept` header that content negotiation
/// looks at; the rest are ignored, so that the work stays bounded whatever
/// the header.
pub const MAX_MEDIA_RANGES: usize = 32;

/// The longest wait a client reports or sleeps on (one day): a server's
/// `Retry-After` beyond it is clamped, so that a hostile hint cannot park a
/// caller that sleeps on it without a retry policy.
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(24 * 60 * 60);

/// The longest value echoed back in an error body, in bytes of its JSON
/// text (a few more for the ellipsis): a rejected value, a resource id, an
/// extension value, a field path. They come from the request, which may be
/// anything; a longer one is cut visibly (see
/// [`text::echoed`](crate::text::echoed)), so that an answer never grows
/// with what the client sent.
pub const MAX_ECHO_BYTES: usize = 256;

/// The most field violations one error holds and writes: past it,
/// [`ApiError::with_field`](crate::ApiError::with_field) counts the rest in
/// the details' `omitted_fields` member instead. With [`MAX_ECHO_BYTES`]
/// per echoed value, this bounds the body of any one error (a bulk request
/// of a hundred empty items would otherwise be answered with hundreds of
/// violations).
pub const MAX_FIELD_VIOLATIONS: usize = 100;

/// The most codes a decoded error keeps of what an upstream server sent
/// ([`Upstream::codes`](crate::Upstream::codes)): a status name, a code, a
/// reason or two; a body listing more is reporting, not classifying. Each
/// is also at most [`Limits::max_code_bytes`] long.
pub const MAX_UPSTREAM_CODES: usize = 16;

/// The most distinct codes the lenient reader gathers from a body before it
/// puts them in document order and keeps [`MAX_UPSTREAM_CODES`]: a list of
/// thousands of errors costs a pass over them, never a comparison of each
/// code with every other.
pub const MAX_CODES_GATHERED: usize = 4 * MAX_UPSTREAM_CODES;

/// The longest `RateLimit` or `RateLimit-Policy` field read, in bytes, its
/// lines joined: a few policies take a hundred; a longer field is ignored
/// whole (as a malformed one is), so that reading it stays bounded.
pub const MAX_RATELIMIT_FIELD_BYTES: usize = 4096;

/// The longest rate-limit policy name kept and written, in bytes: names
/// such as `default`, `per-key` or `daily` are a word.
pub const MAX_RATELIMIT_POLICY_BYTES: usize = 64;
