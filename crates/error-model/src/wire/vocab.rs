//! The vocabulary of error members: one table of member names by role and
//! priority, read by the lenient reader, by detection (to tell whether a
//! dialect explains a body) and after a strict decode (to keep what the
//! dialect does not read). Data, not code per API: a name is added here,
//! never as a branch elsewhere.
//!
//! | role | names, in priority order |
//! |---|---|
//! | code | [`CODE`]; then [`CODE_FALLBACK`] when nothing else is one and it has no digits; a numeric code repeating the HTTP status is not a code, nor a status phrase (`Not Found`), nor a message type's name (`google.rpc.RetryInfo`); `type` only when not a URI nor an envelope tag (`error.list`); `error`, `status`, `type` and `object` never when a tag (`"error"`, `"fail"`) |
//! | message | [`MESSAGE`]; a string, an object with one ([`MESSAGE_IN_OBJECT`]) or a list of them (the first); an identifier (`ValidationError`, `input_validation_failed`) under a message name is a code |
//! | request id | [`REQUEST_ID`], then any name ending in one of [`REQUEST_ID_SUFFIXES`](crate::headers::REQUEST_ID_SUFFIXES) (`fbtrace_id`, `x_request_id`, `upstreamRequestId`); in headers, those of [`REQUEST_ID_HEADERS`](crate::headers::REQUEST_ID_HEADERS), then any ending in one of `REQUEST_ID_HEADER_SUFFIXES` (`x-ep-request-uuid`) |
//! | retry hint | [`RETRY`] with its unit; a string may carry its unit (`"15s"`, `"1500ms"`); at the top, in the error object, in [`RETRY_CONTAINERS`], in any object one level down, in the items of a list and what they keep aside ([`ITEM_MORE`]) |
//! | field path | [`FIELD_PATH`] in an item of a list of errors or in what it keeps aside ([`ITEM_MORE`]), a `path` or `loc` list where its name stands; [`FIELD_PATH_TOP`] and [`FIELD_PATH_ASIDE`] in what the error keeps aside; `body.`/`query.` and the like in front of a path name the request part, not a field |
//! | field message | [`FIELD_MESSAGE`] in such an item, or in the objects of a field map |
//! | field errors | [`FIELD_ERRORS`] (and [`FIELD_ERRORS_IN_DETAILS`] in a `details` object): a map of field to messages or a list of items, at the top, in the error object, in `data`, in hypermedia's `_embedded` or in a `details` object; a `codes` map of field to codes beside them; a `data` map of field to its error object; the codes of field errors are codes |
//! | error object | [`ERROR_OBJECT`]: where the error's own members sit, one level down (a wrapper's own `error` object below it: `data.error`); an object tagged as the error (`"sys": {"type": "Error", "id": …}`); else a lone top-level member whose value has a code or message, its name then being the code |
//!
//! Names match as written or capitalised (`Message`, `ErrorNumber`: [`get`],
//! [`spelled`]), and the lenient reader takes a JSON-LD prefixed member
//! (`hydra:description`) by its local name. A message that is an HTTP
//! status phrase yields to the message of the first error item that is an
//! object; a numeric code is no code when it is zero, the HTTP status, or a
//! status whose phrase its object gives (`{"code": 403, "message": "Forbidden"}`).

use serde_json::Value;

/// Codes, in priority order. Within one object they are listed in document
/// order; this order decides only which members are codes.
pub(crate) const CODE: &[&str] = &[
    "code",
    "errorCode",
    "error_code",
    "errcode",
    "errCode",
    "errorType",
    "error_type",
    "errorNumber",
    "error_number",
    "error_tag",
    "errorTag",
    "category",
    "errorcode",
    "errno",
    "type",
    "name",
    "reason",
    "status",
    "error",
    "error_summary",
    "subcode",
    "error_subcode",
];

/// Lists of errors besides [`FIELD_ERRORS`] whose items' codes and first
/// message the lenient reader reads (Zuora's `reasons`, Mercado Pago's
/// `cause`, Splunk's `messages`).
pub(crate) const ERROR_LISTS: &[&str] =
    &["errors", "error", "detail", "details", "reasons", "cause", "causes", "messages"];

/// Members of an item that list the fields it is about (`"params": ["beer", "wine"]`).
pub(crate) const FIELD_PATH_LISTS: &[&str] = &["fields", "params", "keys"];

/// The codes of an item of a list of errors, in document order: fewer
/// names than [`CODE`], since an item's `name` or `status` names other things.
pub(crate) const ITEM_CODE: &[&str] = &["code", "reason", "type", "category", "issue"];

/// Codes read only when the object has no other code: an `id` names an
/// occurrence as often as a kind of error.
pub(crate) const CODE_FALLBACK: &[&str] = &["id"];

/// Messages, in priority order.
pub(crate) const MESSAGE: &[&str] = &[
    "message",
    "Message",
    "error_description",
    "errorDescription",
    "detail",
    "description",
    "msg",
    "error_message",
    "errorMessage",
    "error_msg",
    "errorMsg",
    "errmsg",
    "errMsg",
    "err_msg",
    "err",
    "faultstring",
    "title",
    "reason",
    "status_message",
    "statusMessage",
    "developer_message",
    "developerMessage",
    "error",
    "errors",
    "errorSummary",
    "errorMessages",
    "error_messages",
];

/// Where an object given as a message keeps its text (OData's `{lang, value}`).
pub(crate) const MESSAGE_IN_OBJECT: &[&str] = &["value", "message", "text"];

/// Members that hold the HTTP status, not a code.
pub(crate) const STATUS: &[&str] = &["status", "statusCode", "status_code", "httpStatus", "http_status", "http_code"];

/// Request ids, in priority order (their home is [`crate::headers`], where
/// the encoders ask which extension names not to write).
pub(crate) use crate::headers::REQUEST_ID_NAMES as REQUEST_ID;

/// The unit of a retry hint.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Unit {
    Seconds,
    Millis,
}

/// Retry hints and their units, in priority order.
pub(crate) const RETRY: &[(&str, Unit)] = &[
    ("retry_after", Unit::Seconds),
    ("retryAfter", Unit::Seconds),
    ("retry_after_ms", Unit::Millis),
    ("retryAfterMs", Unit::Millis),
    ("retry_in_ms", Unit::Millis),
    ("retryInMs", Unit::Millis),
    ("retry_after_seconds", Unit::Seconds),
    ("retryAfterSeconds", Unit::Seconds),
    ("retry_in", Unit::Seconds),
    ("retryIn", Unit::Seconds),
    ("retryDelay", Unit::Seconds),
    ("retry_delay", Unit::Seconds),
    ("retry_after_secs", Unit::Seconds),
    ("retryAfterSecs", Unit::Seconds),
    ("backoff", Unit::Seconds),
    ("estimated_time", Unit::Seconds),
];

/// Where a retry hint may sit besides the top level and the error object.
pub(crate) const RETRY_CONTAINERS: &[&str] = &["meta", "details", "data", "metadata", "error_extra"];

/// The field an item of a list of errors is about, in priority order.
pub(crate) const FIELD_PATH: &[&str] = &[
    "request_pointer",
    "pointer",
    "field",
    "param",
    "parameter",
    "target",
    "propertyPath",
    "property",
    "attribute",
    "location",
    "entry",
    "key",
    "param_name",
    "paramName",
    "fieldName",
    "field_name",
    "element",
    "path",
    "name",
];

/// The names of [`FIELD_PATH`] that name a field beside the error's own
/// members, at the top of a body or in its error object (`name`, `key` or
/// `path` there name other things).
pub(crate) const FIELD_PATH_TOP: &[&str] = &["field", "param", "parameter", "propertyPath", "property"];

/// The names of the field an error is about in what it keeps aside
/// ([`ITEM_MORE`]: Magento's `parameters.fieldName`), after those of
/// [`FIELD_PATH_TOP`].
pub(crate) const FIELD_PATH_ASIDE: &[&str] = &["fieldName", "field_name"];

/// Where an item of a list of errors keeps more of itself, one level down
/// (Clerk's `meta.param_name`, gRPC details' `debug`).
pub(crate) const ITEM_MORE: &[&str] = &["meta", "metadata", "debug", "context", "parameters"];

/// The message of such an item, in priority order.
pub(crate) const FIELD_MESSAGE: &[&str] =
    &["message", "detail", "msg", "description", "title", "issue", "reason", "messages", "text"];

/// Members holding field errors: a map of field to messages, or a list of items.
pub(crate) const FIELD_ERRORS: &[&str] = &[
    "errors",
    "fieldErrors",
    "field_errors",
    "validation_errors",
    "validationErrors",
    "invalid",
    "invalidFields",
    "invalid_fields",
    "invalid_params",
    "invalid-params",
    "invalidParams",
    "violations",
    "errorDetails",
    "error_details",
    "details",
];

/// Members holding field errors inside a `details` object only
/// (`details.fields`, `details.messages`): beside a shape's own members these
/// names are as often the API's own data.
pub(crate) const FIELD_ERRORS_IN_DETAILS: &[&str] = &["fields", "messages"];

/// Members that hold the error object one level down, in priority order.
pub(crate) const ERROR_OBJECT: &[&str] = &["error", "odata.error", "fault", "data", "detail", "status"];

/// Path names in front of a field that name the part of the request.
pub(crate) const REQUEST_PARTS: &[&str] = &["body", "query", "path", "header", "headers", "cookie", "params"];

/// Values that say that the body is an error, not which.
const TAGS: &[&str] = &["error", "errors", "fail", "failed", "failure", "Error", "Failure", "ERROR"];

/// A member by its vocabulary name, as written or capitalised the way
/// .NET and SOAP APIs write members (`Message`, `ErrorNumber`, `Fault`).
pub(crate) fn get<'a>(o: &'a serde_json::Map<String, Value>, name: &str) -> Option<&'a Value> {
    o.get(name).or_else(|| {
        // On the stack: the vocabulary's names are short.
        let mut buf = [0u8; 40];
        let bytes = name.as_bytes();
        if bytes.len() > buf.len() || !bytes.first()?.is_ascii_lowercase() {
            return None;
        }
        buf[..bytes.len()].copy_from_slice(bytes);
        buf[0] = buf[0].to_ascii_uppercase();
        o.get(std::str::from_utf8(&buf[..bytes.len()]).ok()?)
    })
}

/// A member's name as the vocabulary spells it: a capitalised name
/// (`ErrorNumber`) with its first letter lowered, when the rest has
/// lower-case letters (`URL` stays as it is).
pub(crate) fn spelled(name: &str) -> std::borrow::Cow<'_, str> {
    let mut chars = name.chars();
    match chars.next() {
        Some(c) if c.is_ascii_uppercase() && chars.as_str().chars().any(|c| c.is_ascii_lowercase()) => {
            std::borrow::Cow::Owned(format!("{}{}", c.to_ascii_lowercase(), chars.as_str()))
        }
        _ => std::borrow::Cow::Borrowed(name),
    }
}

/// Whether `name` holds a request id.
pub(crate) use crate::headers::names_request_id as is_request_id;

/// Whether a value is only a tag saying the body is an error.
pub(crate) fn is_tag(s: &str) -> bool {
    TAGS.contains(&s)
}

/// Whether a `type` or `object` value is only a tag saying the body is an
/// error or a list of them: a tag, or a tag qualified (`error.list`).
pub(crate) fn is_envelope_tag(s: &str) -> bool {
    is_tag(s) || s.split_once('.').is_some_and(|(head, _)| is_tag(head))
}

/// Whether a text names a type of message rather than an error: a URL of
/// one (`type.googleapis.com/google.rpc.RetryInfo`) or a protobuf message's
/// full name (`google.rpc.RetryInfo`: lower-case packages, then a
/// capitalised name).
pub(crate) fn is_type_name(s: &str) -> bool {
    if s.contains('/') {
        return true;
    }
    let Some((packages, name)) = s.rsplit_once('.') else { return false };
    name.starts_with(|c: char| c.is_ascii_uppercase())
        && name.chars().any(|c| c.is_ascii_lowercase())
        && !packages.is_empty()
        && packages
            .split('.')
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'))
}

/// An HTTP reason phrase (`Bad Request`, `Unauthorized`): what the status
/// says, never a code nor the error's message.
pub(crate) fn is_status_phrase(s: &str) -> bool {
    // Every phrase is a few capitalised words: most texts are told at once.
    if s.len() > 40 || !s.starts_with(|c: char| c.is_ascii_uppercase()) {
        return false;
    }
    (100..600u16).any(|n| http::StatusCode::from_u16(n).ok().and_then(|c| c.canonical_reason()) == Some(s))
}

/// Whether a member a strict shape does not read still says something this
/// vocabulary reads: a request id, a retry hint, field errors, or the field
/// the error is about. Such a body is not explained by that shape.
pub(crate) fn is_unread_extra(name: &str, value: &Value) -> bool {
    let retry = RETRY.iter().any(|(n, _)| *n == name);
    match value {
        Value::String(s) => !s.trim().is_empty() && (is_request_id(name) || FIELD_PATH_TOP.contains(&name) || retry),
        Value::Number(_) => retry,
        Value::Array(items) => FIELD_ERRORS.contains(&name) && !items.is_empty(),
        Value::Object(m) => FIELD_ERRORS.contains(&name) && !m.is_empty(),
        _ => false,
    }
}

/// A text that reads as a machine code: no spaces, not too long.
pub(crate) fn code_like(s: &str) -> bool {
    !s.is_empty() && s.len() <= crate::limits::Limits::DEFAULT_MAX_CODE_BYTES && !s.contains(char::is_whitespace)
}

/// A text that can only be an identifier, not words: `ValidationError`,
/// `input_validation_failed`, `M_FORBIDDEN`, `type_error.integer`; not
/// `deleted` or `Forbidden`.
pub(crate) fn identifier_like(s: &str) -> bool {
    if !code_like(s) || !s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-' | ':' | '/')) {
        return false;
    }
    let trimmed = s.trim_end_matches('.');
    let inner_upper =
        trimmed.chars().skip(1).any(|c| c.is_ascii_uppercase()) && trimmed.chars().any(|c| c.is_ascii_lowercase());
    let all_upper = trimmed.len() > 1 && !trimmed.chars().any(|c| c.is_ascii_lowercase());
    trimmed.contains(['_', '.', ':', '/']) || inner_upper || all_upper
}

/// Whether a text is a URI reference as RFC 9457's `type` is: it has a
/// scheme, a path or a fragment, never a bare word.
pub(crate) fn uri_like(s: &str) -> bool {
    s.contains([':', '/', '#'])
}

/// Whether a member `name` of this value would be read as a code.
pub(crate) fn is_code_member(name: &str, value: &Value) -> bool {
    if !CODE.contains(&name) {
        return false;
    }
    match value {
        Value::String(s) => {
            code_like(s)
                && !is_tag(s)
                && !is_status_phrase(s)
                && !(name == "type" && (uri_like(s) || is_envelope_tag(s) || !identifier_like(s)))
        }
        Value::Number(n) => n.is_i64() && name != "status",
        _ => false,
    }
}

/// Whether a member `name` of this value would be read as a message.
pub(crate) fn is_message_member(name: &str, value: &Value) -> bool {
    MESSAGE.contains(&name)
        && match value {
            Value::String(s) => !s.trim().is_empty() && !identifier_like(s),
            Value::Array(items) => items.first().is_some_and(Value::is_string),
            Value::Object(m) => MESSAGE_IN_OBJECT.iter().any(|k| get(m, k).is_some_and(Value::is_string)),
            _ => false,
        }
}

/// A retry hint in seconds, rounded up, from a number in `unit` or a string
/// that may carry its own unit (`"15"`, `"15s"`, `"1500ms"`, `"2m"`).
pub(crate) fn retry_seconds(value: &Value, unit: Unit) -> Option<u64> {
    let (n, unit) = match value {
        Value::Number(n) => (n.as_f64()?, unit),
        Value::String(s) => {
            let s = s.trim();
            let (digits, unit) = if let Some(d) = s.strip_suffix("ms") {
                (d, Unit::Millis)
            } else if let Some(d) = s.strip_suffix('s') {
                (d, Unit::Seconds)
            } else if let Some(d) = s.strip_suffix('m') {
                return d
                    .trim()
                    .parse::<f64>()
                    .ok()
                    .filter(|f| f.is_finite() && *f >= 0.0)
                    .map(|f| (f * 60.0).ceil() as u64);
            } else {
                (s, unit)
            };
            (digits.trim().parse::<f64>().ok()?, unit)
        }
        _ => return None,
    };
    if !n.is_finite() || !(0.0..=1e12).contains(&n) {
        return None;
    }
    let secs = match unit {
        Unit::Seconds => n,
        Unit::Millis => n / 1000.0,
    };
    Some(secs.ceil() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn identifiers_are_told_from_words() {
        for id in ["ValidationError", "input_validation_failed", "M_FORBIDDEN", "type_error.integer", "OK"] {
            assert!(identifier_like(id), "{id}");
        }
        for word in ["deleted", "Forbidden", "Not Found", "bad request", ""] {
            assert!(!identifier_like(word), "{word}");
        }
    }

    #[test]
    fn retry_hints_in_any_unit() {
        assert_eq!(retry_seconds(&json!("15s"), Unit::Seconds), Some(15));
        assert_eq!(retry_seconds(&json!(1500), Unit::Millis), Some(2));
        assert_eq!(retry_seconds(&json!("1500ms"), Unit::Seconds), Some(2));
        assert_eq!(retry_seconds(&json!(2.5), Unit::Seconds), Some(3));
        assert_eq!(retry_seconds(&json!("soon"), Unit::Seconds), None);
        assert_eq!(retry_seconds(&json!(-1), Unit::Seconds), None);
    }

    #[test]
    fn request_ids_by_name() {
        assert!(is_request_id("fbtrace_id"));
        assert!(is_request_id("correlationId"));
        assert!(!is_request_id("trace_id_"));
        assert!(!is_request_id("id"));
    }
}
