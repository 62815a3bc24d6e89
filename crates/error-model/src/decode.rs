//! Decoding untrusted error bodies: the typed [`DecodeError`], the check
//! of a body against the [`Limits`] (whose values live in
//! [`crate::limits`]), and the bounded reading of a body.
//!
//! A failed call hands the client a body it did not choose: an HTML error
//! page from a proxy, plain text, nothing, a truncated or enormous document.
//! Every such body gives a [`DecodeError`] whose [`kind`](DecodeError::kind)
//! says what went wrong; decoding never panics.

use std::fmt;

pub use crate::limits::Limits;

/// The decoder's use of the [`Limits`]: the check every body goes through
/// before it is parsed.
impl Limits {
    /// Checks `body` against the limits and sniffs whether it is JSON at all,
    /// in one pass without allocating.
    pub fn check(&self, body: &[u8]) -> Result<(), DecodeError> {
        if body.len() > self.max_body_bytes {
            return Err(DecodeError::new(
                DecodeErrorKind::TooLarge,
                format!("body of {} bytes exceeds the limit of {} bytes", body.len(), self.max_body_bytes),
            ));
        }
        let first = body.iter().position(|b| !b.is_ascii_whitespace());
        let Some(first) = first else {
            return Err(DecodeError::new(DecodeErrorKind::Empty, "empty body"));
        };
        match body[first] {
            // An object, a list, or a lone string (some servers send a JSON string).
            b'{' | b'[' | b'"' => {}
            b'<' => {
                return Err(DecodeError::new(DecodeErrorKind::NotJson, "body is not json: it looks like html or xml"));
            }
            _ if body.starts_with(b"\xEF\xBB\xBF") => {
                return Err(DecodeError::new(
                    DecodeErrorKind::NotJson,
                    "body is not json: it starts with a byte order mark",
                ));
            }
            _ => return Err(DecodeError::new(DecodeErrorKind::NotJson, "body is not json: it looks like plain text")),
        }
        if self.max_depth >= Limits::DEFAULT_MAX_DEPTH {
            // serde_json stops at 128 levels by itself.
            return Ok(());
        }
        check_depth(&body[first..], self.max_depth)
    }
}

/// Fails when `json` nests arrays and objects deeper than `max_depth`,
/// counting brackets outside strings in one pass.
fn check_depth(json: &[u8], max_depth: usize) -> Result<(), DecodeError> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for &b in json {
        if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' | b'[' => {
                depth += 1;
                if depth > max_depth {
                    return Err(DecodeError::new(
                        DecodeErrorKind::TooDeep,
                        format!("json nests deeper than {max_depth} levels"),
                    ));
                }
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

impl DecodeError {
    /// The error of a body serde_json refused: a syntax error in a body that
    /// nests deeper than serde_json's recursion limit is that limit
    /// (measured on the body, not read from the error's text).
    pub(crate) fn from_json(err: serde_json::Error, body: &[u8]) -> DecodeError {
        if err.classify() == serde_json::error::Category::Syntax {
            if let Err(too_deep) = check_depth(body, Limits::DEFAULT_MAX_DEPTH) {
                return too_deep;
            }
        }
        err.into()
    }
}

/// Collects a response body chunk by chunk, and stops at
/// [`Limits::max_body_bytes`]: how a client reads an error body it did not
/// choose without buffering whatever the server sends. Works with any HTTP
/// client, sync or async; [`read_bounded`] does it for a [`std::io::Read`].
///
/// # Examples
///
/// ```
/// use error_model::{BoundedBody, DecodeErrorKind, Limits};
///
/// let mut limits = Limits::default();
/// limits.max_body_bytes = 8;
/// let mut body = BoundedBody::new(&limits);
/// body.push(b"{\"a\":").unwrap();
/// assert_eq!(body.push(b"\"too long\"}").unwrap_err().kind(), DecodeErrorKind::TooLarge);
/// ```
#[derive(Debug)]
pub struct BoundedBody {
    bytes: Vec<u8>,
    max: usize,
}

impl BoundedBody {
    /// An empty body that accepts up to `limits.max_body_bytes`.
    pub fn new(limits: &Limits) -> BoundedBody {
        BoundedBody { bytes: Vec::new(), max: limits.max_body_bytes }
    }

    /// Appends `chunk`; fails, keeping nothing more, once the body would exceed the limit.
    pub fn push(&mut self, chunk: &[u8]) -> Result<(), DecodeError> {
        if self.bytes.len() + chunk.len() > self.max {
            return Err(DecodeError::new(
                DecodeErrorKind::TooLarge,
                format!("body exceeds the limit of {} bytes", self.max),
            ));
        }
        self.bytes.extend_from_slice(chunk);
        Ok(())
    }

    /// The body read so far.
    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }
}

/// Reads `reader` to its end into a [`BoundedBody`]: at most
/// `limits.max_body_bytes` (plus one read's worth) are ever buffered.
///
/// # Errors
///
/// [`DecodeErrorKind::TooLarge`] past the limit; an I/O error as [`DecodeErrorKind::Syntax`]
/// (the body was cut off).
pub fn read_bounded(mut reader: impl std::io::Read, limits: &Limits) -> Result<Vec<u8>, DecodeError> {
    let mut body = BoundedBody::new(limits);
    let mut buf = [0u8; 8192];
    loop {
        match reader.read(&mut buf) {
            Ok(0) => return Ok(body.into_bytes()),
            Ok(n) => body.push(&buf[..n])?,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(DecodeError::new(DecodeErrorKind::Syntax, format!("body cut off: {e}"))),
        }
    }
}

/// What kind of body could not be decoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DecodeErrorKind {
    /// The body is empty or only whitespace.
    Empty,
    /// The body is not JSON at all (HTML, plain text).
    NotJson,
    /// The body is JSON with a syntax error, or truncated.
    Syntax,
    /// The body is valid JSON of the wrong shape or with a member of the wrong type.
    Data,
    /// The body is larger than [`Limits::max_body_bytes`].
    TooLarge,
    /// The body nests deeper than [`Limits::max_depth`].
    TooDeep,
    /// The body is JSON, but no known error shape matches it.
    UnknownShape,
}

/// The error of decoding an error body.
///
/// Its message is short and lowercase, at most
/// [`MAX_MESSAGE_BYTES`](Self::MAX_MESSAGE_BYTES) long with control characters
/// escaped: it echoes at most a few bytes of the body, never the whole of it.
///
/// # Examples
///
/// ```
/// use error_model::{ApiError, DecodeErrorKind};
/// use http::{HeaderMap, StatusCode};
///
/// let html = b"<html><body>502 Bad Gateway</body></html>";
/// let err = ApiError::from_parts(StatusCode::BAD_GATEWAY, &HeaderMap::new(), html).unwrap_err();
/// assert_eq!(err.kind(), DecodeErrorKind::NotJson);
/// assert_eq!(err.to_string(), "body is not json: it looks like html or xml");
/// ```
#[derive(Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct DecodeError {
    kind: DecodeErrorKind,
    message: Box<str>,
}

impl DecodeError {
    /// The longest message a decode error carries, in bytes (a few more
    /// for the ellipsis): [`limits::MAX_DECODE_MESSAGE_BYTES`](crate::limits::MAX_DECODE_MESSAGE_BYTES).
    pub const MAX_MESSAGE_BYTES: usize = crate::limits::MAX_DECODE_MESSAGE_BYTES;

    /// An error of `kind`; the message is cut to [`Self::MAX_MESSAGE_BYTES`]
    /// and its control characters escaped, so that it cannot flood or forge
    /// log lines.
    pub(crate) fn new(kind: DecodeErrorKind, message: impl AsRef<str>) -> DecodeError {
        DecodeError { kind, message: crate::text::bounded(message.as_ref(), DecodeError::MAX_MESSAGE_BYTES).into() }
    }

    /// What kind of body could not be decoded.
    pub fn kind(&self) -> DecodeErrorKind {
        self.kind
    }

    /// Whether the body was not JSON, or was broken JSON: the server (or a
    /// proxy in front of it) did not send an error body of any API shape.
    pub fn is_not_json(&self) -> bool {
        matches!(self.kind, DecodeErrorKind::Empty | DecodeErrorKind::NotJson | DecodeErrorKind::Syntax)
    }

    /// Whether a limit refused the body.
    pub fn is_limit(&self) -> bool {
        matches!(self.kind, DecodeErrorKind::TooLarge | DecodeErrorKind::TooDeep)
    }
}

impl fmt::Debug for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DecodeError").field("kind", &self.kind).field("message", &self.message).finish()
    }
}

impl From<serde_json::Error> for DecodeError {
    fn from(err: serde_json::Error) -> DecodeError {
        use serde_json::error::Category;
        let kind = match err.classify() {
            Category::Io | Category::Syntax | Category::Eof => DecodeErrorKind::Syntax,
            Category::Data => DecodeErrorKind::Data,
        };
        let prefix = if kind == DecodeErrorKind::Syntax { "invalid json" } else { "unexpected json" };
        DecodeError::new(kind, format!("{prefix}: {err}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_sniff_and_count_depth() {
        let limits = Limits { max_body_bytes: 64, max_depth: 3, ..Limits::default() };
        assert_eq!(limits.check(b"").unwrap_err().kind(), DecodeErrorKind::Empty);
        assert_eq!(limits.check(b" \n ").unwrap_err().kind(), DecodeErrorKind::Empty);
        assert_eq!(limits.check(b"Too Many Requests").unwrap_err().kind(), DecodeErrorKind::NotJson);
        assert_eq!(limits.check(b"<!DOCTYPE html>").unwrap_err().kind(), DecodeErrorKind::NotJson);
        assert_eq!(limits.check(&[b' '; 65]).unwrap_err().kind(), DecodeErrorKind::TooLarge);
        assert!(limits.check(br#"{"a":[{"b":1}]}"#).is_ok());
        assert_eq!(limits.check(br#"{"a":[{"b":[]}]}"#).unwrap_err().kind(), DecodeErrorKind::TooDeep);
        // Brackets inside strings, escaped quotes included, do not count.
        assert!(limits.check(br#"{"a":"[[[[\"[[[["}"#).is_ok());
    }
}
