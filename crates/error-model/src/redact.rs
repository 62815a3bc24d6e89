//! Redaction of sensitive values before an error is serialised.
//!
//! A rejected value is echoed back to the client only when its field is not
//! sensitive: passwords, tokens, secrets, keys, credentials, card data. The raw
//! value stays available to server-side code (and so to its logs) through
//! [`FieldViolation::rejected_value`](crate::FieldViolation::rejected_value);
//! the serialised body carries [`REDACTED`] instead.

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
    let normalized: String =
        last.chars().filter(|c| !matches!(c, '_' | '-' | ' ' | '"' | '\'')).flat_map(char::to_lowercase).collect();
    SENSITIVE_NAMES.contains(&normalized.as_str())
        || SENSITIVE_FRAGMENTS.iter().any(|fragment| normalized.contains(fragment))
}

#[cfg(test)]
mod tests {
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
