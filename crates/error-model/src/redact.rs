//! Redaction of sensitive values before an error is serialised.
//!
//! A rejected value is echoed back to the client only when its field is not
//! sensitive: passwords, tokens, secrets, keys, credentials, card data (see
//! [`is_sensitive_field`] for the rule, [`register_sensitive_names`] to add
//! a service's own). The raw
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

/// What a redacted value is replaced with on the wire.
pub const REDACTED: &str = "[REDACTED]";

/// Name fragments that mark a field as sensitive wherever they occur in one
/// of its segments, once the segment is [normalised](is_sensitive_field).
pub const SENSITIVE_FRAGMENTS: &[&str] = &[
    "password",
    "passwd",
    "passphrase",
    "secret",
    "token",
    "authorization",
    "bearer",
    "apikey",
    "accesskey",
    "privatekey",
    "signingkey",
    "secretkey",
    "encryptionkey",
    "credential",
    "cookie",
    "session",
    "cardnumber",
    "ccnumber",
    "creditcard",
    "securitycode",
    "accountnumber",
    "pincode",
    "iban",
    "ssn",
    "socialsecurity",
    "jwt",
    "cvv",
    "cvc",
];

/// Names that are sensitive only as a whole segment, being too short, or too
/// common inside other words, to match as fragments.
pub const SENSITIVE_NAMES: &[&str] = &["pin", "otp", "pwd", "auth", "key", "signature", "card", "pan"];

/// Names a service registered with [`register_sensitive_names`], normalised.
static REGISTERED: std::sync::RwLock<Vec<String>> = std::sync::RwLock::new(Vec::new());
/// Whether [`REGISTERED`] holds anything: the common case reads no lock.
static ANY_REGISTERED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Adds names, matched as fragments like [`SENSITIVE_FRAGMENTS`], to the
/// names every encoder redacts in this process: a service's own secrets
/// (`tax_id`, `recovery_phrase`).
///
/// # Examples
///
/// ```
/// use error_model::redact::{is_sensitive_field, register_sensitive_names};
///
/// assert!(!is_sensitive_field("customer.tax_id"));
/// register_sensitive_names(["tax_id"]);
/// assert!(is_sensitive_field("customer.TaxId"));
/// ```
pub fn register_sensitive_names<'a>(names: impl IntoIterator<Item = &'a str>) {
    let mut registered = REGISTERED.write().unwrap_or_else(std::sync::PoisonError::into_inner);
    for name in names {
        let mut buf = Normalized::default();
        let normalized = buf.of(name).to_owned();
        if !normalized.is_empty() && !registered.contains(&normalized) {
            registered.push(normalized);
        }
    }
    ANY_REGISTERED.store(!registered.is_empty(), std::sync::atomic::Ordering::Release);
}

/// Whether the field at `path` (any [path style](crate::path)) holds a value
/// that must not be echoed to a client: one of its segments, normalised, is
/// one of [`SENSITIVE_NAMES`] or contains one of [`SENSITIVE_FRAGMENTS`] (or
/// a [registered](register_sensitive_names) name).
///
/// A segment is normalised by Unicode compatibility decomposition (NFKC:
/// full-width and other look-alike forms become their plain letters), case
/// folding, and dropping `_`, `-`, spaces, quotes and invisible format
/// characters (zero-width spaces and joiners, soft hyphens, bidi marks).
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
/// assert!(is_sensitive_field("password[0]"));         // any segment
/// assert!(is_sensitive_field("card.number"));
/// assert!(is_sensitive_field("ＰＡＳＳＷＯＲＤ"));          // full-width
/// assert!(is_sensitive_field("pass\u{200b}word"));    // zero-width space
/// assert!(!is_sensitive_field("email"));
/// assert!(!is_sensitive_field("shipping.city"));
/// ```
pub fn is_sensitive_field(path: &str) -> bool {
    path.split(['.', '/', '[', ']']).filter(|s| !s.is_empty()).any(is_sensitive_segment)
}

fn is_sensitive_segment(segment: &str) -> bool {
    let mut buf = Normalized::default();
    let normalized = buf.of(segment);
    if SENSITIVE_NAMES.contains(&normalized) || SENSITIVE_FRAGMENTS.iter().any(|f| normalized.contains(f)) {
        return true;
    }
    if !ANY_REGISTERED.load(std::sync::atomic::Ordering::Acquire) {
        return false;
    }
    let registered = REGISTERED.read().unwrap_or_else(std::sync::PoisonError::into_inner);
    registered.iter().any(|name| normalized.contains(name.as_str()))
}

/// Whether `c` is dropped from a name before it is compared: separators,
/// quotes, and characters that do not show (Unicode format characters).
fn is_ignored(c: char) -> bool {
    matches!(
        c,
        '_' | '-' | ' ' | '"' | '\''
            | '\u{ad}'
            | '\u{180e}'
            | '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}'
            | '\u{feff}'
    )
}

/// A name normalised for comparison, on the stack: the encoders check every
/// member name they write, and must not allocate.
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
        if name.is_ascii() {
            self.fill(name.chars().filter(|c| !is_ignored(*c)).map(|c| c.to_ascii_lowercase()))
        } else {
            use unicode_normalization::UnicodeNormalization;
            self.fill(name.nfkc().filter(|c| !is_ignored(*c)).flat_map(char::to_lowercase))
        }
    }

    fn fill(&mut self, chars: impl Iterator<Item = char> + Clone) -> &str {
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
    /// The names of the shared members written beside (a details tail's, the carried ones).
    shared: &'static [&'static str],
    written: &'a [&'a str],
}

impl<'a> Extensions<'a> {
    /// The members of `map` that do not collide with `reserved`.
    pub(crate) fn from_map(map: &'a Map<String, Value>, reserved: &'static [&'static str]) -> Extensions<'a> {
        Extensions { map, reserved, shared: &[], written: &[] }
    }

    /// The same, also skipping the names of the shared members written beside them.
    pub(crate) fn beside(self, shared: &'static [&'static str]) -> Extensions<'a> {
        Extensions { shared, ..self }
    }

    /// The same, also skipping the names in `written`: members this body writes.
    pub(crate) fn skipping(self, written: &'a [&'a str]) -> Extensions<'a> {
        Extensions { written, ..self }
    }

    /// The members written: none of `reserved`, `shared` or `written`, nor of the
    /// [request id names](crate::headers::REQUEST_ID_MEMBERS).
    fn iter(&self) -> impl Iterator<Item = (&'a String, &'a Value)> + '_ {
        self.map.iter().filter(|(k, _)| {
            let k = k.as_str();
            !self.reserved.contains(&k)
                && !self.shared.contains(&k)
                && !self.written.contains(&k)
                && !crate::headers::REQUEST_ID_MEMBERS.contains(&k)
        })
    }

    /// The members that are written, each as it is written (redacted).
    pub(crate) fn members(&self) -> impl Iterator<Item = (&'a String, Member<'a>)> + '_ {
        self.iter().map(|(k, v)| (k, Member(k, v)))
    }

    /// Whether no member would be written.
    pub(crate) fn is_empty(&self) -> bool {
        self.iter().next().is_none()
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

impl Member<'_> {
    /// Whether it is written as a string: a string, or redacted whole.
    pub(crate) fn is_written_as_string(&self) -> bool {
        self.1.is_string() || is_sensitive_field(self.0)
    }
}

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
    /// `value` as it may be sent: redacted whole when its field is
    /// `sensitive`, else with its sensitive members redacted.
    pub(crate) fn new(value: &'a Value, sensitive: bool) -> RejectedValue<'a> {
        if sensitive { RejectedValue::Redacted } else { RejectedValue::Value(Redacted(value)) }
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

hand_schema! {
    Extensions<'_> => "Extensions", |_g| schemars::json_schema!({ "type": "object" });
    Redacted<'_> => "AnyValue", |_g| schemars::json_schema!(true);
    RejectedValue<'_> => "RejectedValue", |_g| schemars::json_schema!(true);
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
