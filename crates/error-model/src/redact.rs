//! Redaction of sensitive values before an error is serialised.
//!
//! A rejected value is echoed back to the client only when its field is not
//! sensitive: passwords, tokens, secrets, keys, credentials, card data. The raw
//! value stays available to server-side code (and so to its logs) through
//! [`FieldViolation::rejected_value`](crate::FieldViolation::rejected_value);
//! the serialised body carries [`REDACTED`] instead.
//!
//! Every encoder writes free-form values through the views here: the members
//! of sensitive names are redacted at any depth of a rejected value or an
//! extension.

use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};
use serde_json::{Map, Value};

use crate::{ApiError, FieldViolation};

/// What a redacted value is replaced with on the wire.
pub const REDACTED: &str = "[REDACTED]";

/// Name fragments that mark a field as sensitive wherever they occur in its
/// last segment (compared lowercase, ignoring `_`, `-` and spaces).
const SENSITIVE_FRAGMENTS: &[&str] = &[
    "password",
    "passwd",
    "passphrase",
    "secret",
    "token",
    "authorization",
    "apikey",
    "accesskey",
    "privatekey",
    "credential",
    "cookie",
    "session",
    "cardnumber",
    "creditcard",
    "iban",
    "ssn",
    "socialsecurity",
];

/// Names that are sensitive only as a whole segment, being too short to match inside others.
const SENSITIVE_NAMES: &[&str] = &["pin", "cvv", "cvc", "otp", "pwd", "auth", "key", "signature"];

/// Whether the field at `path` (any [path style](crate::path)) holds a value
/// that must not be echoed to a client.
///
/// # Examples
///
/// ```
/// use error_model::redact::is_sensitive_field;
///
/// assert!(is_sensitive_field("password"));
/// assert!(is_sensitive_field("user.newPassword"));
/// assert!(is_sensitive_field("/credentials/0/api_key"));
/// assert!(is_sensitive_field("X-Api-Key"));
/// assert!(!is_sensitive_field("email"));
/// assert!(!is_sensitive_field("shipping.city"));
/// ```
pub fn is_sensitive_field(path: &str) -> bool {
    let last = path.rsplit(['.', '/', '[', ']']).find(|s| !s.is_empty()).unwrap_or(path);
    let mut buf = Normalized::default();
    let normalized = buf.of(last);
    SENSITIVE_NAMES.contains(&normalized) || SENSITIVE_FRAGMENTS.iter().any(|fragment| normalized.contains(fragment))
}

/// A name lowercased without `_`, `-`, spaces and quotes, on the stack: the
/// encoders check every member name they write, and must not allocate.
struct Normalized {
    buf: [u8; 128],
    heap: String,
}

impl Default for Normalized {
    fn default() -> Normalized {
        Normalized { buf: [0; 128], heap: String::new() }
    }
}

impl Normalized {
    fn of(&mut self, name: &str) -> &str {
        let chars = name.chars().filter(|c| !matches!(c, '_' | '-' | ' ' | '"' | '\'')).flat_map(char::to_lowercase);
        let mut len = 0;
        for c in chars.clone() {
            let width = c.len_utf8();
            if len + width > self.buf.len() {
                // Longer than any name worth keeping on the stack.
                self.heap = chars.collect();
                return &self.heap;
            }
            c.encode_utf8(&mut self.buf[len..len + width]);
            len += width;
        }
        std::str::from_utf8(&self.buf[..len]).unwrap_or("")
    }
}

/// The extension members of an error, as a dialect writes them beside its
/// own members: names in `reserved` are skipped, sensitive values redacted.
///
/// Used with `#[serde(flatten)]`, so the members land in the enclosing object.
///
/// `reserved` are the names a shape always keeps for itself at that level
/// (it writes them, or its decoder reads them as typed members whether or
/// not they were written); `written` are the names it writes only for some
/// errors, skipped only when they are.
pub(crate) struct Extensions<'a> {
    map: &'a Map<String, Value>,
    reserved: &'static [&'static str],
    written: &'a [&'a str],
}

impl<'a> Extensions<'a> {
    /// The extensions of `err` that do not collide with `reserved`.
    pub(crate) fn of(err: &'a ApiError, reserved: &'static [&'static str]) -> Extensions<'a> {
        Extensions::from_map(&err.details().extensions, reserved)
    }

    /// The members of `map` that do not collide with `reserved`.
    pub(crate) fn from_map(map: &'a Map<String, Value>, reserved: &'static [&'static str]) -> Extensions<'a> {
        Extensions { map, reserved, written: &[] }
    }

    /// The same, also skipping the names in `written`: members this body writes.
    pub(crate) fn skipping(self, written: &'a [&'a str]) -> Extensions<'a> {
        Extensions { written, ..self }
    }

    fn iter(&self) -> impl Iterator<Item = (&'a String, &'a Value)> + '_ {
        self.map.iter().filter(|(k, _)| !self.reserved.contains(&k.as_str()) && !self.written.contains(&k.as_str()))
    }

    /// The members that are written, each as it is written (redacted).
    pub(crate) fn members(&self) -> impl Iterator<Item = (&'a String, Member<'a>)> + '_ {
        self.iter().map(|(k, v)| (k, Member(k, v)))
    }

    /// Whether no member would be written.
    pub(crate) fn is_empty(&self) -> bool {
        self.iter().next().is_none()
    }

    /// The value of extension `key`, if it is a string: a shape that reads
    /// one of its own members from an extension (problem `title`) asks this.
    pub(crate) fn str(err: &'a ApiError, key: &str) -> Option<&'a str> {
        err.details().extensions.get(key).and_then(Value::as_str)
    }
}

impl Serialize for Extensions<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        for (key, value) in self.iter() {
            map.serialize_entry(key, &Member(key, value))?;
        }
        map.end()
    }
}

/// One member of a free-form object: redacted whole if its name is sensitive.
pub(crate) struct Member<'a>(&'a str, &'a Value);

impl Serialize for Member<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if is_sensitive_field(self.0) {
            serializer.serialize_str(REDACTED)
        } else {
            Redacted(self.1).serialize(serializer)
        }
    }
}

/// A free-form value as it may be sent to a client: every object member
/// whose name is sensitive is redacted, at any depth.
pub(crate) struct Redacted<'a>(pub(crate) &'a Value);

impl Serialize for Redacted<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Value::Object(members) => {
                let mut map = serializer.serialize_map(Some(members.len()))?;
                for (key, value) in members {
                    map.serialize_entry(key, &Member(key, value))?;
                }
                map.end()
            }
            Value::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(&Redacted(item))?;
                }
                seq.end()
            }
            scalar => scalar.serialize(serializer),
        }
    }
}

/// The rejected value of a violation as it may be sent: [`REDACTED`] for a
/// sensitive field, else the value with its sensitive members redacted.
pub(crate) enum RejectedValue<'a> {
    Redacted,
    Value(Redacted<'a>),
}

impl<'a> RejectedValue<'a> {
    pub(crate) fn of(v: &'a FieldViolation) -> Option<RejectedValue<'a>> {
        let value = v.rejected_value.as_ref()?;
        Some(if v.is_sensitive() { RejectedValue::Redacted } else { RejectedValue::Value(Redacted(value)) })
    }
}

impl Serialize for RejectedValue<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            RejectedValue::Redacted => serializer.serialize_str(REDACTED),
            RejectedValue::Value(value) => value.serialize(serializer),
        }
    }
}

#[cfg(feature = "schema")]
mod schema {
    //! The JSON Schemas of the views above: any JSON value.

    use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
    use std::borrow::Cow;

    use super::*;

    impl JsonSchema for Extensions<'_> {
        fn schema_name() -> Cow<'static, str> {
            "Extensions".into()
        }
        fn inline_schema() -> bool {
            true
        }
        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            json_schema!({ "type": "object" })
        }
    }

    impl JsonSchema for Redacted<'_> {
        fn schema_name() -> Cow<'static, str> {
            "AnyValue".into()
        }
        fn inline_schema() -> bool {
            true
        }
        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            json_schema!(true)
        }
    }

    impl JsonSchema for RejectedValue<'_> {
        fn schema_name() -> Cow<'static, str> {
            "RejectedValue".into()
        }
        fn inline_schema() -> bool {
            true
        }
        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            json_schema!(true)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Redacted;

    #[test]
    fn redaction_reaches_every_depth() {
        let value = serde_json::json!({"user": {"password": "hunter2", "tags": [{"api_key": "k"}]}, "ok": 1});
        let out = serde_json::to_string(&Redacted(&value)).unwrap();
        assert!(!out.contains("hunter2") && !out.contains("\"k\""), "{out}");
        assert!(out.contains(r#""ok":1"#));
    }

    use super::is_sensitive_field;

    #[test]
    fn sensitive_names() {
        for name in [
            "password",
            "Password",
            "password_confirmation",
            "current-password",
            "token",
            "refresh_token",
            "accessToken",
            "client_secret",
            "Authorization",
            "apiKey",
            "API_KEY",
            "x-api-key",
            "private_key",
            "credentials",
            "cookie",
            "session_id",
            "card_number",
            "cvv",
            "pin",
            "ssn",
            "users.3.password",
            "/auth/token",
            "data[0][secret]",
        ] {
            assert!(is_sensitive_field(name), "{name} should be sensitive");
        }
    }

    #[test]
    fn ordinary_names() {
        for name in ["email", "phone", "leads.0.phone", "name", "spinner", "keyboard", "city", "", "/"] {
            assert!(!is_sensitive_field(name), "{name} should not be sensitive");
        }
    }
}
