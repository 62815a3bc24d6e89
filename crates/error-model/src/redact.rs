//! Redaction of sensitive values before an error is serialised.
//!
//! A rejected value is echoed back to the client only when its field is not
//! sensitive: passwords, tokens, secrets, keys, credentials, card data (see
//! [`SensitiveNames`] for the rule). Which names are sensitive is a value,
//! not a process-wide setting: the built-in names
//! ([`SensitiveNames::defaults`]), to which a service adds its own
//! ([`SensitiveNames::with_names`]) and hands the result to whatever
//! encodes its errors (`error_model_tower::ErrorConfig::with_sensitive_names`,
//! [`Dialect::encode_with`](crate::wire::Dialect::encode_with)). The raw
//! value stays available to server-side code (and so to its logs) through
//! [`FieldViolation::rejected_value`](crate::FieldViolation::rejected_value);
//! the serialised body carries [`REDACTED`] instead.
//!
//! Every encoder writes free-form values through the views here: the members
//! of sensitive names are redacted at any depth of a rejected value or an
//! extension.

use std::sync::Arc;

use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};
use serde_json::{Map, Value};

/// What a redacted value is replaced with on the wire.
pub const REDACTED: &str = "[REDACTED]";

/// Name fragments that mark a field as sensitive wherever they occur in one
/// of its segments, once the segment is [normalised](SensitiveNames).
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

/// The names whose values are never echoed to a client: the built-in
/// [`SENSITIVE_NAMES`] and [`SENSITIVE_FRAGMENTS`], and the names a service
/// adds, matched as fragments (`tax_id`, `recovery_phrase`).
///
/// A value passed to what encodes errors, never a process-wide setting: two
/// services (or two layers) in one process may redact differently. Cheap to
/// clone.
///
/// A field is sensitive when one of the segments of its path (any [path
/// style](crate::path)), normalised, is one of [`SENSITIVE_NAMES`] or
/// contains one of [`SENSITIVE_FRAGMENTS`] or of the added names.
///
/// A segment (and an added name) is normalised by Unicode compatibility
/// decomposition (NFKC: full-width and other look-alike forms become their
/// plain letters), case folding, and dropping `_`, `-`, spaces, quotes and
/// invisible format characters (zero-width spaces and joiners, soft hyphens,
/// bidi marks).
///
/// # Examples
///
/// ```
/// use error_model::redact::SensitiveNames;
///
/// let names = SensitiveNames::default().with_names(["tax_id"]);
/// assert!(names.is_sensitive("customer.TaxId"));
/// assert!(names.is_sensitive("password"));                  // the built-in names stay
/// assert!(!SensitiveNames::defaults().is_sensitive("customer.tax_id"));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SensitiveNames {
    /// The added names, normalised; `None` for none (the defaults, built in a `static`).
    added: Option<Arc<[String]>>,
}

/// The built-in names alone.
static DEFAULTS: SensitiveNames = SensitiveNames { added: None };

impl SensitiveNames {
    /// The built-in names alone: what an encoder uses when given none.
    pub fn defaults() -> &'static SensitiveNames {
        &DEFAULTS
    }

    /// These names and `names`, each matched as a fragment like
    /// [`SENSITIVE_FRAGMENTS`]. Names that normalise to nothing are ignored.
    pub fn with_names<I>(self, names: I) -> SensitiveNames
    where
        I: IntoIterator,
        I::Item: AsRef<str>,
    {
        let mut added: Vec<String> = self.added.as_deref().unwrap_or_default().to_vec();
        for name in names {
            let mut buf = Normalized::default();
            let normalized = buf.of(name.as_ref()).to_owned();
            if !normalized.is_empty() && !added.contains(&normalized) {
                added.push(normalized);
            }
        }
        SensitiveNames { added: if added.is_empty() { None } else { Some(added.into()) } }
    }

    /// The names added to the built-in ones, normalised.
    pub fn added(&self) -> &[String] {
        self.added.as_deref().unwrap_or_default()
    }

    /// Whether the field at `path` holds a value that must not be echoed to
    /// a client (see the [type's docs](SensitiveNames) for the rule).
    ///
    /// # Examples
    ///
    /// ```
    /// use error_model::redact::SensitiveNames;
    ///
    /// let names = SensitiveNames::defaults();
    /// assert!(names.is_sensitive("password"));
    /// assert!(names.is_sensitive("user.newPassword"));
    /// assert!(names.is_sensitive("/credentials/0/api_key"));
    /// assert!(names.is_sensitive("X-Api-Key"));
    /// assert!(names.is_sensitive("password[0]"));         // any segment
    /// assert!(names.is_sensitive("card.number"));
    /// assert!(names.is_sensitive("ＰＡＳＳＷＯＲＤ"));          // full-width
    /// assert!(names.is_sensitive("pass\u{200b}word"));    // zero-width space
    /// assert!(!names.is_sensitive("email"));
    /// assert!(!names.is_sensitive("shipping.city"));
    /// ```
    pub fn is_sensitive(&self, path: &str) -> bool {
        path.split(['.', '/', '[', ']']).filter(|s| !s.is_empty()).any(|segment| self.is_sensitive_segment(segment))
    }

    fn is_sensitive_segment(&self, segment: &str) -> bool {
        let mut buf = Normalized::default();
        let normalized = buf.of(segment);
        SENSITIVE_NAMES.contains(&normalized)
            || SENSITIVE_FRAGMENTS.iter().any(|f| normalized.contains(f))
            || self.added().iter().any(|name| normalized.contains(name.as_str()))
    }
}

/// Whether the field at `path` is sensitive to the built-in names alone
/// ([`SensitiveNames::defaults`]): what the `Serialize` and `Debug` impls of
/// the error types apply. An encoder given a service's own
/// [`SensitiveNames`] asks [`SensitiveNames::is_sensitive`].
///
/// # Examples
///
/// ```
/// use error_model::redact::is_sensitive_field;
///
/// assert!(is_sensitive_field("user.newPassword"));
/// assert!(!is_sensitive_field("email"));
/// ```
pub fn is_sensitive_field(path: &str) -> bool {
    DEFAULTS.is_sensitive(path)
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
#[derive(Clone, Copy)]
pub(crate) struct Extensions<'a> {
    map: &'a Map<String, Value>,
    reserved: &'static [&'static str],
    /// The names of the shared members written beside (a details tail's, the carried ones).
    shared: &'static [&'static str],
    written: &'a [&'a str],
    names: &'a SensitiveNames,
}

impl<'a> Extensions<'a> {
    /// The members of `map` that do not collide with `reserved`, redacted by `names`.
    pub(crate) fn from_map(
        map: &'a Map<String, Value>,
        reserved: &'static [&'static str],
        names: &'a SensitiveNames,
    ) -> Extensions<'a> {
        Extensions { map, reserved, shared: &[], written: &[], names }
    }

    /// The same, also skipping the names of the shared members written beside them.
    pub(crate) fn beside(self, shared: &'static [&'static str]) -> Extensions<'a> {
        Extensions { shared, ..self }
    }

    /// The same, also skipping the names in `written`: members this body writes.
    pub(crate) fn skipping(self, written: &'a [&'a str]) -> Extensions<'a> {
        Extensions { written, ..self }
    }

    /// The members written: none of `reserved`, `shared` or `written`, nor
    /// any name a reader takes a request id from
    /// ([`REQUEST_ID_MEMBERS`](crate::headers::REQUEST_ID_MEMBERS) and the
    /// names like them) or a retry hint from
    /// ([`reads_as_hint`](crate::retry::reads_as_hint)).
    fn iter(&self) -> impl Iterator<Item = (&'a String, &'a Value)> + '_ {
        self.map.iter().filter(|(k, v)| {
            let k = k.as_str();
            !self.reserved.contains(&k)
                && !self.shared.contains(&k)
                && !self.written.contains(&k)
                && !crate::headers::names_request_id(k)
                && !crate::retry::reads_as_hint(k, v)
        })
    }

    /// The members that are written, each as it is written (redacted).
    pub(crate) fn members(&self) -> impl Iterator<Item = (&'a String, Member<'a>)> + '_ {
        let names = self.names;
        self.iter().map(move |(k, v)| (k, Member { name: k, value: v, names }))
    }

    /// Whether no member would be written.
    pub(crate) fn is_empty(&self) -> bool {
        self.iter().next().is_none()
    }
}

impl Serialize for Extensions<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        for (key, member) in self.members() {
            map.serialize_entry(key, &member)?;
        }
        map.end()
    }
}

/// One member of a free-form object: redacted whole if its name is sensitive.
pub(crate) struct Member<'a> {
    name: &'a str,
    value: &'a Value,
    names: &'a SensitiveNames,
}

impl Member<'_> {
    /// Whether it is written as a string: a string, or redacted whole.
    pub(crate) fn is_written_as_string(&self) -> bool {
        self.value.is_string() || self.names.is_sensitive(self.name)
    }

    /// Whether it is written as a non-empty list or object (not redacted whole).
    pub(crate) fn is_written_as_structure(&self) -> bool {
        let full = match self.value {
            Value::Array(a) => !a.is_empty(),
            Value::Object(o) => !o.is_empty(),
            _ => false,
        };
        full && !self.names.is_sensitive(self.name)
    }
}

impl Serialize for Member<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.names.is_sensitive(self.name) {
            serializer.serialize_str(REDACTED)
        } else {
            Redacted { value: self.value, names: self.names }.serialize(serializer)
        }
    }
}

/// A free-form value as it may be sent to a client: every object member
/// whose name is sensitive to `names` is redacted, at any depth.
pub(crate) struct Redacted<'a> {
    pub(crate) value: &'a Value,
    pub(crate) names: &'a SensitiveNames,
}

impl Serialize for Redacted<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let names = self.names;
        match self.value {
            Value::Object(members) => {
                let mut map = serializer.serialize_map(Some(members.len()))?;
                for (key, value) in members {
                    map.serialize_entry(key, &Member { name: key, value, names })?;
                }
                map.end()
            }
            Value::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for value in items {
                    seq.serialize_element(&Redacted { value, names })?;
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
    /// `sensitive`, else with the members sensitive to `names` redacted.
    pub(crate) fn new(value: &'a Value, sensitive: bool, names: &'a SensitiveNames) -> RejectedValue<'a> {
        if sensitive { RejectedValue::Redacted } else { RejectedValue::Value(Redacted { value, names }) }
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
    use super::{Redacted, SensitiveNames};

    #[test]
    fn redaction_reaches_every_depth() {
        let value = serde_json::json!({"user": {"password": "hunter2", "tags": [{"api_key": "k"}]}, "ok": 1});
        let out = serde_json::to_string(&Redacted { value: &value, names: SensitiveNames::defaults() }).unwrap();
        assert!(!out.contains("hunter2") && !out.contains("\"k\""), "{out}");
        assert!(out.contains(r#""ok":1"#));
    }

    #[test]
    fn added_names_redact_at_any_depth_and_spelling_only_where_added() {
        let value = serde_json::json!({"customer": {"TAX-ID": "123", "items": [{"taxId": "456"}]}, "city": "Oslo"});
        let names = SensitiveNames::default().with_names(["tax_id"]);
        let with = serde_json::to_string(&Redacted { value: &value, names: &names }).unwrap();
        assert!(!with.contains("123") && !with.contains("456"), "{with}");
        assert!(with.contains("Oslo"));
        let without = serde_json::to_string(&Redacted { value: &value, names: SensitiveNames::defaults() }).unwrap();
        assert!(without.contains("123") && without.contains("456"), "{without}");
    }

    #[test]
    fn names_that_normalise_to_nothing_are_ignored() {
        let names = SensitiveNames::default().with_names(["", "_-", "tax_id", "TaxId"]);
        assert_eq!(names.added(), ["taxid"]);
        assert!(!names.is_sensitive("email"));
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
