//! Every rule about rate-limit headers, in one place: the quota an error
//! (or any response) carries ([`RateLimit`]), how it is written, how it is
//! read back from any of the forms servers send, and how long a client
//! waits when there is no `Retry-After`.
//!
//! # The forms
//!
//! - The IETF fields of [draft-ietf-httpapi-ratelimit-headers] (revision
//!   11), structured-field lists ([RFC 8941]) whose items are a policy's
//!   name as a string:
//!   `RateLimit: "default";r=50;t=30` (`r`: the quota left, `t`: the
//!   seconds within which no more than `r` may be used) and
//!   `RateLimit-Policy: "default";q=100;w=60` (`q`: the quota, `w`: its
//!   window in seconds). These are what [`RateLimit::write`] writes.
//! - The common triplet `X-RateLimit-Limit`, `X-RateLimit-Remaining`,
//!   `X-RateLimit-Reset` (and the same names without `X-`, from the
//!   draft's revisions up to 06). Written on request ([`Fields::WithLegacy`]),
//!   always read. Its `Reset` is delta-seconds for some APIs and a Unix
//!   time for others (GitHub's, Twitter's): a value of at least
//!   [`EPOCH_FROM`] (10^9, September 2001) is read as a Unix time and
//!   counted from the response's arrival; a smaller one as seconds.
//!   A fraction (`1470173023.123`) is rounded up to the whole second.
//! - `Retry-After` stays the retry hint's ([`crate::status::retry_hint`]).
//!
//! # Reading
//!
//! [`read`] takes the `RateLimit` field when there is one, else the triplet
//! (which needs its `Remaining` or its `Reset`; any of its three present
//! but malformed spoils it).
//! When `RateLimit` lists several policies, the one read is the most
//! restrictive: the least quota left, then the longest wait; its
//! `RateLimit-Policy` item, if any, gives the quota and the window.
//! Malformed fields are ignored, as the draft requires (section 7), and so
//! is a field longer than [`MAX_RATELIMIT_FIELD_BYTES`]:
//! reading never panics and never allocates in proportion to a hostile
//! header.
//!
//! # Waiting
//!
//! [`retry_wait`] is the one rule: the retry hint (body, else
//! `Retry-After`) when there is one, since `Retry-After` takes precedence
//! over the effective window (draft, section 7); else, on a 429 or when
//! the quota is used up (`r=0`), the quota's reset. The client
//! ([`ClientError`](crate::client::ClientError)) applies it, so the
//! [retry policy](crate::retry) waits what the server says in any form.
//!
//! # Examples
//!
//! ```
//! use std::time::SystemTime;
//! use error_model::ratelimit::{self, Fields, RateLimit};
//! use http::{HeaderMap, StatusCode};
//!
//! let quota = RateLimit::new(100, 0, 30).with_window(60);
//! let mut headers = HeaderMap::new();
//! quota.write(Fields::Draft, &mut headers);
//! assert_eq!(headers["ratelimit"], r#""default";r=0;t=30"#);
//! assert_eq!(headers["ratelimit-policy"], r#""default";q=100;w=60"#);
//!
//! let read = ratelimit::read(&headers, SystemTime::now()).unwrap();
//! assert_eq!(read, quota);
//! assert_eq!(ratelimit::retry_wait(StatusCode::TOO_MANY_REQUESTS, None, Some(&read)), Some(30));
//! ```
//!
//! [draft-ietf-httpapi-ratelimit-headers]: https://datatracker.ietf.org/doc/draft-ietf-httpapi-ratelimit-headers/
//! [RFC 8941]: https://www.rfc-editor.org/rfc/rfc8941

use std::fmt::Write as _;
use std::time::SystemTime;

use http::{HeaderMap, HeaderName, HeaderValue, StatusCode};

use crate::limits::{MAX_RATELIMIT_FIELD_BYTES, MAX_RATELIMIT_POLICY_BYTES};

/// The `RateLimit` field: the service limit left under a policy.
pub const RATELIMIT: HeaderName = HeaderName::from_static("ratelimit");
/// The `RateLimit-Policy` field: a policy's quota and window.
pub const RATELIMIT_POLICY: HeaderName = HeaderName::from_static("ratelimit-policy");
/// `X-RateLimit-Limit`: the quota.
pub const X_RATELIMIT_LIMIT: HeaderName = HeaderName::from_static("x-ratelimit-limit");
/// `X-RateLimit-Remaining`: the quota left.
pub const X_RATELIMIT_REMAINING: HeaderName = HeaderName::from_static("x-ratelimit-remaining");
/// `X-RateLimit-Reset`: when the quota is restored (written as seconds).
pub const X_RATELIMIT_RESET: HeaderName = HeaderName::from_static("x-ratelimit-reset");

/// The triplets read when there is no `RateLimit` field, in order: the
/// common `X-` one, then the draft's early one (revisions up to 06).
const TRIPLETS: [[&str; 3]; 2] = [
    ["x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset"],
    ["ratelimit-limit", "ratelimit-remaining", "ratelimit-reset"],
];

/// A `Reset` value of at least this many seconds is a Unix time, not a
/// delay: 10^9 seconds is more than 31 years of waiting, and as a time it
/// is September 2001, before any API sent the header.
pub const EPOCH_FROM: u64 = 1_000_000_000;

/// The largest integer a structured field carries ([RFC 8941, section 3.3.1](https://www.rfc-editor.org/rfc/rfc8941#section-3.3.1)):
/// larger values are written as this.
pub const MAX_SF_INTEGER: u64 = 999_999_999_999_999;

/// The policy name written when none is given.
pub const DEFAULT_POLICY: &str = "default";

/// A quota and what is left of it: what a rate limiter tells a client.
///
/// Carried by an [`ApiError`](crate::ApiError) ([`with_rate_limit`](crate::ApiError::with_rate_limit))
/// and written as headers with it, or put by a service in a successful
/// response's extensions for the error-model-tower `ErrorLayer` to write.
///
/// # Examples
///
/// ```
/// use error_model::ratelimit::RateLimit;
///
/// let quota = RateLimit::new(60, 12, 45).with_window(60).with_policy("per-key");
/// assert_eq!((quota.limit, quota.remaining, quota.reset, quota.window), (Some(60), Some(12), Some(45), Some(60)));
/// assert_eq!(quota.policy, "per-key");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct RateLimit {
    /// The policy's name (`RateLimit-Policy`'s item): printable ASCII, at
    /// most [`MAX_RATELIMIT_POLICY_BYTES`].
    pub policy: String,
    /// The quota (`q`, `X-RateLimit-Limit`), when the server said.
    pub limit: Option<u64>,
    /// The quota left (`r`, `X-RateLimit-Remaining`): always in the
    /// `RateLimit` field; a triplet may give only its `Reset`.
    pub remaining: Option<u64>,
    /// Seconds until the quota is restored (`t`, `X-RateLimit-Reset`), when the server said.
    pub reset: Option<u64>,
    /// The policy's window in seconds (`w`), when the server said.
    pub window: Option<u64>,
}

impl RateLimit {
    /// A quota of `limit` with `remaining` left, restored in `reset`
    /// seconds, under the policy [`DEFAULT_POLICY`] and without a window.
    /// Values past [`MAX_SF_INTEGER`] are written as it.
    pub fn new(limit: u64, remaining: u64, reset: u64) -> RateLimit {
        RateLimit {
            policy: DEFAULT_POLICY.to_owned(),
            limit: Some(limit),
            remaining: Some(remaining),
            reset: Some(reset),
            window: None,
        }
    }

    /// Sets the policy's window, in seconds (`w`; a zero window is not
    /// written, the draft requires it positive).
    pub fn with_window(mut self, secs: u64) -> RateLimit {
        self.window = Some(secs);
        self
    }

    /// Sets the policy's name: characters other than printable ASCII are
    /// dropped, and the name is cut at
    /// [`MAX_RATELIMIT_POLICY_BYTES`];
    /// an empty result keeps [`DEFAULT_POLICY`].
    pub fn with_policy(mut self, name: impl AsRef<str>) -> RateLimit {
        let name: String =
            name.as_ref().chars().filter(|c| matches!(c, ' '..='~')).take(MAX_RATELIMIT_POLICY_BYTES).collect();
        self.policy = if name.is_empty() { DEFAULT_POLICY.to_owned() } else { name };
        self
    }

    /// Writes the quota into `headers`: `RateLimit` when the quota left is
    /// known (its `r` is required), `RateLimit-Policy` when the quota is, and with
    /// [`Fields::WithLegacy`] the `X-RateLimit-*` triplet (its `Reset` in
    /// seconds). Fields already there are replaced.
    pub fn write(&self, fields: Fields, headers: &mut HeaderMap) {
        let name = sf_string(&self.policy);
        if let Some(r) = self.remaining {
            let mut limit = format!("{name};r={}", sf_int(r));
            if let Some(t) = self.reset {
                let _ = write!(limit, ";t={}", sf_int(t));
            }
            insert(headers, RATELIMIT, limit);
        }
        if let Some(q) = self.limit {
            let mut policy = format!("{name};q={}", sf_int(q));
            if let Some(w) = self.window.filter(|w| *w > 0) {
                let _ = write!(policy, ";w={}", sf_int(w));
            }
            insert(headers, RATELIMIT_POLICY, policy);
        }
        if fields == Fields::WithLegacy {
            if let Some(q) = self.limit {
                headers.insert(X_RATELIMIT_LIMIT, HeaderValue::from(q));
            }
            if let Some(r) = self.remaining {
                headers.insert(X_RATELIMIT_REMAINING, HeaderValue::from(r));
            }
            if let Some(t) = self.reset {
                headers.insert(X_RATELIMIT_RESET, HeaderValue::from(t));
            }
        }
    }
}

/// Which rate-limit fields a response carries.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Fields {
    /// `RateLimit` and `RateLimit-Policy`, as the draft defines them.
    #[default]
    Draft,
    /// Those, and the `X-RateLimit-Limit/Remaining/Reset` triplet for
    /// clients that only know it.
    WithLegacy,
}

fn insert(headers: &mut HeaderMap, name: HeaderName, value: String) {
    // Printable ASCII only, by construction; a value that still fails is not written.
    if let Ok(value) = HeaderValue::try_from(value) {
        headers.insert(name, value);
    }
}

fn sf_int(n: u64) -> u64 {
    n.min(MAX_SF_INTEGER)
}

/// `s` as a structured-field string: quoted, `"` and `\` escaped.
fn sf_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars().filter(|c| matches!(c, ' '..='~')) {
        if matches!(c, '"' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

/// The quota a response's headers tell, in any form (see the
/// [module docs](self)); `now` is when the response arrived, for a
/// `Reset` given as a Unix time. `None` when no form is there, or none is
/// well-formed.
///
/// # Examples
///
/// ```
/// use std::time::{Duration, UNIX_EPOCH};
/// use error_model::ratelimit::read;
/// use http::{HeaderMap, HeaderValue};
///
/// let now = UNIX_EPOCH + Duration::from_secs(1_700_000_000);
/// let mut headers = HeaderMap::new();
/// headers.insert("x-ratelimit-limit", HeaderValue::from_static("5000"));
/// headers.insert("x-ratelimit-remaining", HeaderValue::from_static("0"));
/// headers.insert("x-ratelimit-reset", HeaderValue::from_static("1700000042")); // a Unix time
/// let quota = read(&headers, now).unwrap();
/// assert_eq!((quota.limit, quota.remaining, quota.reset), (Some(5000), Some(0), Some(42)));
///
/// headers.insert("x-ratelimit-reset", HeaderValue::from_static("42")); // seconds
/// assert_eq!(read(&headers, now).unwrap().reset, Some(42));
///
/// headers.insert("ratelimit", HeaderValue::from_static("\"burst\";r=3;t=1, \"daily\";r=900;t=7200"));
/// let quota = read(&headers, now).unwrap(); // RateLimit wins over the triplet
/// assert_eq!((quota.policy.as_str(), quota.remaining, quota.reset), ("burst", Some(3), Some(1)));
/// ```
pub fn read(headers: &HeaderMap, now: SystemTime) -> Option<RateLimit> {
    if headers.contains_key(RATELIMIT) {
        return read_draft(headers);
    }
    TRIPLETS.iter().find_map(|names| read_triplet(headers, names, now))
}

/// How long a client waits before retrying a response of `status`, in
/// seconds: the retry `hint` (the body's, else `Retry-After`:
/// [`status::retry_hint`](crate::status::retry_hint)) when there is one;
/// else, on a 429 or when the quota is used up, the `quota`'s reset.
///
/// # Examples
///
/// ```
/// use error_model::ratelimit::{RateLimit, retry_wait};
/// use http::StatusCode;
///
/// let used_up = RateLimit::new(10, 0, 7);
/// assert_eq!(retry_wait(StatusCode::TOO_MANY_REQUESTS, Some(2), Some(&used_up)), Some(2)); // Retry-After wins
/// assert_eq!(retry_wait(StatusCode::TOO_MANY_REQUESTS, None, Some(&used_up)), Some(7));
/// assert_eq!(retry_wait(StatusCode::SERVICE_UNAVAILABLE, None, Some(&used_up)), Some(7));
/// let left = RateLimit::new(10, 4, 7);
/// assert_eq!(retry_wait(StatusCode::SERVICE_UNAVAILABLE, None, Some(&left)), None);
/// assert_eq!(retry_wait(StatusCode::TOO_MANY_REQUESTS, None, None), None);
/// ```
pub fn retry_wait(status: StatusCode, hint: Option<u64>, quota: Option<&RateLimit>) -> Option<u64> {
    hint.or_else(|| {
        let quota = quota?;
        (status == StatusCode::TOO_MANY_REQUESTS || quota.remaining == Some(0)).then_some(quota.reset).flatten()
    })
}

/// All values of field `name`, joined as one list (RFC 8941, section 3.1),
/// within the length cap.
fn field(headers: &HeaderMap, name: &HeaderName) -> Option<String> {
    let mut joined = String::new();
    for value in headers.get_all(name) {
        let value = value.to_str().ok()?;
        if joined.len() + value.len() + 2 > MAX_RATELIMIT_FIELD_BYTES {
            return None;
        }
        if !joined.is_empty() {
            joined.push_str(", ");
        }
        joined.push_str(value);
    }
    Some(joined)
}

fn read_draft(headers: &HeaderMap) -> Option<RateLimit> {
    let limits = parse_list(&field(headers, &RATELIMIT)?)?;
    let mut best: Option<RateLimit> = None;
    for item in limits {
        let remaining = Some(item.int("r")?);
        let candidate = RateLimit {
            policy: item.name.chars().take(MAX_RATELIMIT_POLICY_BYTES).collect(),
            limit: None,
            remaining,
            reset: item.int("t"),
            window: None,
        };
        let tighter = best.as_ref().is_none_or(|b| {
            (candidate.remaining, std::cmp::Reverse(candidate.reset)) < (b.remaining, std::cmp::Reverse(b.reset))
        });
        if tighter {
            best = Some(candidate);
        }
    }
    let mut best = best?;
    // The policy is informative: a malformed one leaves the quota unknown.
    let policies = field(headers, &RATELIMIT_POLICY).and_then(|f| parse_list(&f)).unwrap_or_default();
    if let Some(policy) = policies.iter().find(|p| p.name == best.policy) {
        best.limit = policy.int("q");
        best.window = best.limit.and(policy.int("w")).filter(|w| *w > 0);
    }
    Some(best)
}

fn read_triplet(headers: &HeaderMap, [limit, remaining, reset]: &[&str; 3], now: SystemTime) -> Option<RateLimit> {
    // Absent is `Some(None)`; present but malformed is `None`, which spoils the triplet.
    let number = |name: &str, parse: &dyn Fn(&str) -> Option<u64>| match headers.get(name) {
        None => Some(None),
        Some(v) => v.to_str().ok().and_then(|v| parse(v.trim())).map(Some),
    };
    let remaining = number(remaining, &digits)?;
    let reset = number(reset, &|v| reset_secs(v, now))?;
    let limit = number(limit, &digits)?;
    if remaining.is_none() && reset.is_none() {
        return None;
    }
    Some(RateLimit { policy: DEFAULT_POLICY.to_owned(), limit, remaining, reset, window: None })
}

/// A `Reset` value: seconds, or a Unix time from [`EPOCH_FROM`] on (a time
/// past is no wait); a fraction is rounded up.
fn reset_secs(value: &str, now: SystemTime) -> Option<u64> {
    let (whole, fraction) = match value.split_once('.') {
        Some((_, "")) => return None,
        Some(parts) => parts,
        None => (value, ""),
    };
    if fraction.len() > 9 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let secs = digits(whole)?.saturating_add(u64::from(fraction.bytes().any(|b| b != b'0')));
    if secs < EPOCH_FROM {
        return Some(secs);
    }
    let now = now.duration_since(SystemTime::UNIX_EPOCH).ok()?;
    let now = now.as_secs();
    Some(secs.saturating_sub(now))
}

/// A non-negative integer of at most 15 digits (a structured-field integer,
/// and far past any sensible quota or delay).
fn digits(s: &str) -> Option<u64> {
    (!s.is_empty() && s.len() <= 15 && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok()).flatten()
}

/// One list member: a policy's name and its integer parameters (others are
/// checked for syntax and skipped, as the draft lets them be comments).
#[derive(Debug, Default)]
struct Item {
    name: String,
    ints: Vec<(String, u64)>,
}

impl Item {
    fn int(&self, key: &str) -> Option<u64> {
        self.ints.iter().find(|(k, _)| k == key).map(|(_, v)| *v)
    }
}

/// A structured-field list whose members are strings with parameters
/// (RFC 8941, sections 3.1 and 4.2.1), as the draft's two fields are.
/// Anything else, inner lists and members that are not strings included, is
/// malformed: `None`. A parameter given twice keeps its last value; a
/// negative or fractional one is not an integer the draft allows.
fn parse_list(input: &str) -> Option<Vec<Item>> {
    let mut p = Parser { s: input.as_bytes(), i: 0 };
    let mut items = Vec::new();
    p.skip(b' ');
    if p.at_end() {
        return None;
    }
    loop {
        items.push(p.item()?);
        p.skip_ows();
        if p.at_end() {
            return Some(items);
        }
        p.expect(b',')?;
        p.skip_ows();
        if p.at_end() {
            return None;
        }
    }
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
}

/// A bare parameter value.
enum Bare {
    Int(u64),
    Other,
}

impl Parser<'_> {
    fn at_end(&self) -> bool {
        self.i >= self.s.len()
    }

    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn skip(&mut self, b: u8) {
        while self.peek() == Some(b) {
            self.i += 1;
        }
    }

    fn skip_ows(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.i += 1;
        }
    }

    fn expect(&mut self, b: u8) -> Option<()> {
        (self.peek() == Some(b)).then(|| self.i += 1)
    }

    fn item(&mut self) -> Option<Item> {
        let mut item = Item { name: self.string()?, ints: Vec::new() };
        while self.peek() == Some(b';') {
            self.i += 1;
            self.skip(b' ');
            let key = self.key()?;
            let value = if self.peek() == Some(b'=') {
                self.i += 1;
                self.bare()?
            } else {
                Bare::Other // a boolean true
            };
            item.ints.retain(|(k, _)| *k != key);
            if let Bare::Int(n) = value {
                item.ints.push((key, n));
            }
        }
        Some(item)
    }

    fn string(&mut self) -> Option<String> {
        self.expect(b'"')?;
        let mut out = String::new();
        loop {
            let b = self.peek()?;
            self.i += 1;
            match b {
                b'"' => return Some(out),
                b'\\' => {
                    let escaped = self.peek().filter(|c| matches!(c, b'"' | b'\\'))?;
                    self.i += 1;
                    out.push(char::from(escaped));
                }
                0x20..=0x7e => out.push(char::from(b)),
                _ => return None,
            }
        }
    }

    fn key(&mut self) -> Option<String> {
        let start = self.i;
        let first = self.peek()?;
        if !(first.is_ascii_lowercase() || first == b'*') {
            return None;
        }
        while matches!(self.peek(), Some(b) if b.is_ascii_lowercase() || b.is_ascii_digit() || b"_-.*".contains(&b)) {
            self.i += 1;
        }
        Some(String::from_utf8_lossy(&self.s[start..self.i]).into_owned())
    }

    fn bare(&mut self) -> Option<Bare> {
        match self.peek()? {
            b'"' => self.string().map(|_| Bare::Other),
            b'-' | b'0'..=b'9' => self.number(),
            b':' => {
                self.i += 1;
                while matches!(self.peek(), Some(b) if b.is_ascii_alphanumeric() || b"+/=".contains(&b)) {
                    self.i += 1;
                }
                self.expect(b':').map(|()| Bare::Other)
            }
            b'?' => {
                self.i += 1;
                self.peek().filter(|b| matches!(b, b'0' | b'1'))?;
                self.i += 1;
                Some(Bare::Other)
            }
            b if b.is_ascii_alphabetic() || b == b'*' => {
                while self.peek().is_some_and(is_token_char) {
                    self.i += 1;
                }
                Some(Bare::Other)
            }
            _ => None,
        }
    }

    /// An integer or a decimal (RFC 8941, section 4.2.4): only a
    /// non-negative integer is an [`Bare::Int`].
    fn number(&mut self) -> Option<Bare> {
        let negative = self.peek() == Some(b'-');
        if negative {
            self.i += 1;
        }
        let start = self.i;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.i += 1;
        }
        let whole = &self.s[start..self.i];
        if whole.is_empty() || whole.len() > 15 {
            return None;
        }
        if self.peek() == Some(b'.') {
            self.i += 1;
            let fraction = self.i;
            while matches!(self.peek(), Some(b'0'..=b'9')) {
                self.i += 1;
            }
            let len = self.i - fraction;
            return (whole.len() <= 12 && (1..=3).contains(&len)).then_some(Bare::Other);
        }
        if negative {
            return Some(Bare::Other);
        }
        std::str::from_utf8(whole).ok()?.parse().ok().map(Bare::Int)
    }
}

/// A character of a structured-field token after its first: a `tchar`
/// (RFC 9110, section 5.6.2), `:` or `/`.
fn is_token_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~:/".contains(&b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(HeaderName::from_bytes(name.as_bytes()).unwrap(), HeaderValue::from_str(value).unwrap());
        }
        map
    }

    fn at(secs: u64) -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_secs(secs)
    }

    #[test]
    fn the_drafts_examples() {
        let h = headers(&[
            ("ratelimit", r#""default";r=50;t=30"#),
            ("ratelimit-policy", r#""burst";q=100;w=60,"default";q=1000;w=86400"#),
        ]);
        let q = read(&h, at(0)).unwrap();
        assert_eq!(
            (q.policy.as_str(), q.limit, q.remaining, q.reset, q.window),
            ("default", Some(1000), Some(50), Some(30), Some(86400))
        );
        // A partition key, a quota unit and unknown parameters are comments.
        let h = headers(&[
            ("ratelimit", r#""default";r=999;pk=:dHJpYWwxMjEzMjM=:"#),
            ("ratelimit-policy", r#""default";q=65535;qu="content-bytes";w=10;pk=:sdfjLJUOUH==:;acme-burst;x=1.5"#),
        ]);
        let q = read(&h, at(0)).unwrap();
        assert_eq!((q.limit, q.remaining, q.reset, q.window), (Some(65535), Some(999), None, Some(10)));
    }

    #[test]
    fn fields_split_over_lines_are_one_list() {
        let h = headers(&[("ratelimit", r#""daily";r=900;t=7200"#), ("ratelimit", r#""burst";r=0;t=2"#)]);
        let q = read(&h, at(0)).unwrap();
        assert_eq!((q.policy.as_str(), q.remaining, q.reset), ("burst", Some(0), Some(2)));
    }

    #[test]
    fn malformed_fields_are_ignored() {
        for bad in [
            "",
            "default;r=5",        // a token, not a string
            r#""default";t=5"#,   // no r
            r#""default";r=-1"#,  // negative
            r#""default";r=1.5"#, // a decimal
            r#""default";r=5,"#,  // a trailing comma
            r#""default";R=5"#,   // an upper-case key
            r#""unterminated;r=5"#,
            r#"("a" "b");r=1"#,                 // an inner list
            r#""default";r=1000000000000000"#,  // 16 digits
            "limit=100, remaining=50, reset=5", // the dictionary of drafts 07 and 08
        ] {
            assert_eq!(read(&headers(&[("ratelimit", bad)]), at(0)), None, "{bad}");
        }
        // A malformed policy leaves the limit unknown, not the whole quota.
        let h = headers(&[("ratelimit", r#""default";r=1"#), ("ratelimit-policy", "nope")]);
        assert_eq!(read(&h, at(0)).unwrap().limit, None);
    }

    #[test]
    fn a_huge_field_is_ignored() {
        let item = r#""default";r=1;t=1, "#.repeat(MAX_RATELIMIT_FIELD_BYTES / 10);
        assert_eq!(read(&headers(&[("ratelimit", &item)]), at(0)), None);
    }

    #[test]
    fn the_triplet_reset_is_seconds_or_a_unix_time() {
        let now = 1_700_000_000;
        let read_reset = |v: &str| {
            read(&headers(&[("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", v)]), at(now)).map(|q| q.reset)
        };
        assert_eq!(read_reset("30"), Some(Some(30)));
        assert_eq!(read_reset("999999999"), Some(Some(999_999_999)));
        assert_eq!(read_reset("1700000030"), Some(Some(30)));
        assert_eq!(read_reset("1700000029.2"), Some(Some(30)));
        assert_eq!(read_reset("1699999000"), Some(Some(0))); // past
        assert_eq!(read_reset("0.5"), Some(Some(1)));
        for bad in ["-1", "soon", "1e9", "", "99999999999999999999", "1.", ".5x"] {
            assert_eq!(read_reset(bad), None, "{bad}");
        }
        // The early draft's names; a Reset alone; a Limit alone tells nothing.
        let h = headers(&[("ratelimit-limit", "10"), ("ratelimit-remaining", "4"), ("ratelimit-reset", "9")]);
        assert_eq!(read(&h, at(now)), Some(RateLimit::new(10, 4, 9)));
        let alone = read(&headers(&[("x-ratelimit-reset", "3")]), at(now)).unwrap();
        assert_eq!((alone.limit, alone.remaining, alone.reset), (None, None, Some(3)));
        assert_eq!(retry_wait(StatusCode::TOO_MANY_REQUESTS, None, Some(&alone)), Some(3));
        assert_eq!(retry_wait(StatusCode::SERVICE_UNAVAILABLE, None, Some(&alone)), None);
        assert_eq!(read(&headers(&[("x-ratelimit-limit", "10")]), at(now)), None);
    }

    #[test]
    fn writing_escapes_and_caps() {
        let quota = RateLimit::new(u64::MAX, 3, 0).with_policy("a \"b\"\\c\u{e9}\n").with_window(0);
        let mut h = HeaderMap::new();
        quota.write(Fields::WithLegacy, &mut h);
        assert_eq!(h["ratelimit"], r#""a \"b\"\\c";r=3;t=0"#);
        assert_eq!(h["ratelimit-policy"], r#""a \"b\"\\c";q=999999999999999"#);
        assert_eq!(h["x-ratelimit-limit"], u64::MAX.to_string().as_str());
        assert_eq!(h["x-ratelimit-remaining"], "3");
        assert_eq!(h["x-ratelimit-reset"], "0");
        let back = read(&h, at(0)).unwrap();
        assert_eq!((back.policy.as_str(), back.limit), (r#"a "b"\c"#, Some(MAX_SF_INTEGER)));
        assert_eq!(RateLimit::new(1, 1, 1).with_policy("\u{e9}").policy, DEFAULT_POLICY);
        assert_eq!(RateLimit::new(1, 1, 1).with_policy("x".repeat(500)).policy.len(), MAX_RATELIMIT_POLICY_BYTES);
    }
}
