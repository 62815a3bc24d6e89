//! The names an error travels under in HTTP: the headers and body members a
//! request id is read from, the media types, and the media-type rules
//! (JSON, and RFC 9457 problem+json).
//!
//! Which headers a response carries is [`ApiError::write_headers`](crate::ApiError::write_headers).

use http::HeaderName;

/// The `X-Request-ID` header.
pub const X_REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// `Idempotency-Key` (draft-ietf-httpapi-idempotency-key-header): a client's
/// unique key that makes a `POST` or `PATCH` safe to send again (see
/// [`retry::Replay`](crate::retry::Replay)).
pub const IDEMPOTENCY_KEY: HeaderName = HeaderName::from_static("idempotency-key");

/// `application/json`, the media type of the canonical shape.
pub const APPLICATION_JSON: &str = "application/json";

/// `application/problem+json`, the media type of RFC 9457 problem details
/// ([`Dialect::Problem`](crate::wire::Dialect::Problem)).
pub const APPLICATION_PROBLEM_JSON: &str = "application/problem+json";

/// The headers a request id is read from, in order of preference; for
/// `traceparent` (W3C Trace Context) its trace id. The last
/// [`WEAK_REQUEST_ID_HEADERS`] of them (a CDN's ray id, a trace id) yield to
/// any header named like a request id (`sib-request-id`).
pub const REQUEST_ID_HEADERS: &[&str] = &[
    "x-request-id",
    "request-id",
    "x-amzn-requestid",
    "x-amz-request-id",
    "x-ms-request-id",
    "x-github-request-id",
    "x-slack-req-id",
    "x-correlation-id",
    "x-trace-id",
    "cf-ray",
    "traceparent",
];

/// How many of [`REQUEST_ID_HEADERS`], at its end, name the request less
/// surely than the API's own request-id header: `cf-ray` and `traceparent`.
pub const WEAK_REQUEST_ID_HEADERS: usize = 2;

/// Endings of header names that hold a request id, for headers not in
/// [`REQUEST_ID_HEADERS`] (`x-ep-request-uuid`, `x-acme-trace-id`, `x-amz-rid`,
/// `x-reqid`, `fiware-correlator`).
pub(crate) const REQUEST_ID_HEADER_SUFFIXES: &[&str] = &[
    "-request-id",
    "-request-uuid",
    "-requestid",
    "-reqid",
    "-trace-id",
    "-correlation-id",
    "-correlator",
    "-process-id",
    "-rid",
];

/// Whether a header (its lower-case name) holds a request id by its name's ending.
pub(crate) fn header_names_request_id(name: &str) -> bool {
    REQUEST_ID_HEADER_SUFFIXES.iter().any(|s| name.len() > s.len() && name.ends_with(s))
}

/// The body members a request id is read from where a shape has no member
/// of its own for it, in order of preference. No encoder writes an
/// extension of these names: it would read back as the request id.
pub const REQUEST_ID_MEMBERS: &[&str] =
    &["request_id", "requestId", "traceId", "trace_id", "correlation_id", "debug_id"];

/// Member names the lenient reader takes a request id from, in priority
/// order (the request-id row of the reader's vocabulary, `wire::vocab`).
pub(crate) const REQUEST_ID_NAMES: &[&str] = &[
    "request_id",
    "requestId",
    "requestID",
    "traceId",
    "trace_id",
    "correlation_id",
    "correlationId",
    "debug_id",
    "debugId",
    "errorId",
    "error_id",
    "reference_id",
    "referenceId",
];

/// The words before a last word of [`ID_WORDS`] that make a name a request
/// id (`event_id`, `processId`, `supportId`, `trackingId`).
pub(crate) const REQUEST_WORDS: &[&str] = &[
    "request",
    "trace",
    "correlation",
    "event",
    "process",
    "incident",
    "tracking",
    "support",
    "debug",
    "reference",
    "log",
    "operation",
    "response",
];

/// The last words of an identifier's name.
pub(crate) const ID_WORDS: &[&str] = &["id", "uuid", "ref"];

/// Whether a name is two words or more whose last is one of [`ID_WORDS`]
/// and whose word before it is one of [`REQUEST_WORDS`], in any case
/// (`tracking_id`, `trackingId`, `supportUUID`, `logRef`; not `trace_id_`,
/// which ends in no word, nor `log_group_id`, the id of a log group).
pub(crate) fn names_request_id_by_words(name: &str) -> bool {
    use crate::names::is_one_of;
    // Most names end in no id's word: told before any split.
    if !ID_WORDS.iter().any(|w| name.len() > w.len() && ends_with_ignore_case(name, w)) {
        return false;
    }
    let mut last_two = [""; 2];
    for w in crate::names::words(name) {
        last_two = [last_two[1], w];
    }
    let [before, last] = last_two;
    name.ends_with(last) && is_one_of(last, ID_WORDS) && is_one_of(before, REQUEST_WORDS)
}

/// Endings of member names that hold a request id (`fbtrace_id`,
/// `x_request_id`, `upstreamRequestId`).
pub(crate) const REQUEST_ID_SUFFIXES: &[&str] =
    &["request_id", "RequestId", "trace_id", "TraceId", "correlation_id", "CorrelationId"];

/// Whether a member `name` holds a request id for a reader: one of
/// [`REQUEST_ID_MEMBERS`] or of the lenient reader's names, a name ending
/// like one, or one of the lenient reader's names written in another case
/// or with other separators (`requestid`, `Request-Id`, `TraceId`), alone
/// or as the last words of a longer name (`opc-request-id`,
/// `X-Correlation-ID`: a header's name written into the body), or whose
/// words say so ([`names_request_id_by_words`]: `trackingId`). No encoder
/// writes an extension of such a name, since it would read back as the
/// request id; the readers ask this same test.
pub(crate) fn names_request_id(name: &str) -> bool {
    names_request_id_by_table(name) || names_request_id_by_words(name)
}

/// Whether a member `name` is one of the request-id names of the tables
/// ([`REQUEST_ID_NAMES`], [`REQUEST_ID_MEMBERS`], [`REQUEST_ID_SUFFIXES`]),
/// as written, in another case or with other separators: what a message's
/// label for a request id must be too (`request id: …`), where a name by
/// its words alone (`process id`) says too little.
pub(crate) fn names_request_id_by_table(name: &str) -> bool {
    REQUEST_ID_NAMES.contains(&name)
        || REQUEST_ID_MEMBERS.contains(&name)
        || REQUEST_ID_SUFFIXES.iter().any(|s| name.len() > s.len() && name.ends_with(s))
        || (ends_in_id(name)
            && (REQUEST_ID_NAMES.iter().any(|n| same_name(name, n))
                || REQUEST_ID_SUFFIXES.iter().any(|s| ends_in_words(name, s))))
}

/// Whether `name` ends in the words of `ending` once case and `_`/`-`
/// separators are folded on both sides, with a word before them: a
/// separator or a lower-to-upper case change starts the ending
/// (`opc-request-id` and `upstreamRequestID` end in `request_id`;
/// `subrequestid` does not). One pass back over the ending, no allocation.
fn ends_in_words(name: &str, ending: &str) -> bool {
    let bytes = name.as_bytes();
    let mut at = bytes.len();
    for w in ending.bytes().rev().filter(|b| !matches!(b, b'_' | b'-')) {
        // The name's next letter back, separators skipped.
        let Some(b) = bytes[..at].iter().rposition(|b| !matches!(b, b'_' | b'-')) else { return false };
        at = b;
        if !bytes[at].eq_ignore_ascii_case(&w) {
            return false;
        }
    }
    // `at` is the ending's first letter: a word must come before it.
    at > 0 && at < bytes.len() && {
        let before = bytes[at - 1];
        matches!(before, b'_' | b'-') && at > 1
            || (bytes[at].is_ascii_uppercase() && (before.is_ascii_lowercase() || before.is_ascii_digit()))
    }
}

/// Whether a name ends in `id`, in any case: every one of
/// [`REQUEST_ID_NAMES`] does, so most names are told at once.
fn ends_in_id(name: &str) -> bool {
    name.len() >= 5 && name.as_bytes()[name.len() - 2..].eq_ignore_ascii_case(b"id")
}

/// Whether two member names are the same but for ASCII case and `_`/`-`
/// separators (`TRACE_ID`, `traceId`).
pub(crate) fn same_name(a: &str, b: &str) -> bool {
    fn folded(s: &str) -> impl Iterator<Item = u8> + '_ {
        s.bytes().filter(|b| !matches!(b, b'_' | b'-')).map(|b| b.to_ascii_lowercase())
    }
    folded(a).eq(folded(b))
}

/// Whether a `Content-Type` value is JSON: `application/json` or any
/// `application/*+json` ([RFC 6839](https://www.rfc-editor.org/rfc/rfc6839#section-3.1)),
/// parameters and case aside.
///
/// # Examples
///
/// ```
/// use error_model::headers::is_json_media_type;
///
/// assert!(is_json_media_type("application/json; charset=utf-8"));
/// assert!(is_json_media_type("Application/Problem+JSON"));
/// assert!(!is_json_media_type("application/x-ndjson"));
/// assert!(!is_json_media_type("text/plain"));
/// ```
pub fn is_json_media_type(content_type: &str) -> bool {
    let media = media_type(content_type);
    media.eq_ignore_ascii_case(APPLICATION_JSON)
        || (starts_with_ignore_case(media, "application/") && ends_with_ignore_case(media, "+json"))
}

/// Whether a `Content-Type` value is RFC 9457 problem details,
/// `application/problem+json`: its type and subtype compared without regard
/// to case, its parameters ignored ([RFC 9110, section 8.3.1](https://www.rfc-editor.org/rfc/rfc9110#section-8.3.1)).
/// The one rule every reader of a problem body's media type applies.
///
/// # Examples
///
/// ```
/// use error_model::headers::is_problem_json_media_type;
///
/// assert!(is_problem_json_media_type("application/problem+json"));
/// assert!(is_problem_json_media_type("Application/Problem+JSON; charset=utf-8"));
/// assert!(is_problem_json_media_type(" application/problem+json ;charset=UTF-8"));
/// assert!(!is_problem_json_media_type("application/problem+jsonx"));
/// assert!(!is_problem_json_media_type("application/json"));
/// assert!(!is_problem_json_media_type("application/problem+xml"));
/// ```
pub fn is_problem_json_media_type(content_type: &str) -> bool {
    media_type(content_type).eq_ignore_ascii_case(APPLICATION_PROBLEM_JSON)
}

/// The `type/subtype` of a `Content-Type` value, without its parameters
/// and surrounding whitespace.
fn media_type(content_type: &str) -> &str {
    content_type.split(';').next().unwrap_or("").trim()
}

fn starts_with_ignore_case(s: &str, prefix: &str) -> bool {
    s.len() >= prefix.len() && s.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}

fn ends_with_ignore_case(s: &str, suffix: &str) -> bool {
    s.len() >= suffix.len() && s.as_bytes()[s.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
}
