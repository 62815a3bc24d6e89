//! [validator](https://docs.rs/validator) 0.20 integration for error-model.
//!
//! A [`ValidationErrors`] tree, nested structs and lists included, becomes
//! one `VALIDATION_ERROR` [`ApiError`] holding every violation, in a stable
//! order (struct members by name, list items by index):
//!
//! - `field`: the path as the client wrote it, dotted (`leads.3.email`), and
//!   `pointer`: the same path as a JSON Pointer (`/leads/3/email`). A
//!   struct-level (`schema`) error, reported by validator under `__all__`,
//!   names the struct itself (the root is the empty pointer);
//! - `reason`: the validator's code, as written (`email`, `length`, or the
//!   `code = "..."` of the rule);
//! - `message`: the rule's `message = "..."`, else a short text for the
//!   built-in code;
//! - `rejected_value`: the `value` param validator records (left out when it
//!   is `null`). Like every rejected value it is redacted on the wire for a
//!   [sensitive](error_model::redact) field;
//! - `expected`: the other params in words (`a length of at least 8`,
//!   `a value of at most 120`), or a param named `expected` verbatim. A
//!   param holding another value (`must_match`'s `other`) is never written;
//!   for a sensitive field only the numeric bounds and `expected` are.
//!
//! The error keeps the core's caps: past
//! [`MAX_FIELD_VIOLATIONS`](error_model::limits::MAX_FIELD_VIOLATIONS)
//! violations are counted, not kept, and every echoed part is cut to
//! [`MAX_ECHO_BYTES`](error_model::limits::MAX_ECHO_BYTES).
//!
//! Paths are validator's, that is the Rust field names: a struct whose serde
//! names differ (`rename_all = "camelCase"`) reports the Rust ones. validator
//! keeps one kind of error per member, so a list with a rule of its own
//! (`length(max = 100)`) and `nested` items reports the list's error alone
//! when both fail.
//!
//! For axum, `error_model_axum::validator::Valid<Json<T>>` (the
//! `validator` feature of error-model-axum) deserializes and validates in
//! one step. It lives there, not here, so that axum's version never sets
//! this crate's.
//!
//! # Examples
//!
//! ```
//! use error_model::ErrorCode;
//! use validator::Validate;
//!
//! #[derive(Validate)]
//! struct Bulk {
//!     #[validate(nested)]
//!     leads: Vec<Lead>,
//! }
//!
//! #[derive(Validate)]
//! struct Lead {
//!     #[validate(email)]
//!     email: String,
//! }
//!
//! let bulk = Bulk { leads: vec![Lead { email: "a@example.com".into() }, Lead { email: "nope".into() }] };
//! let err = error_model_validator::validate(&bulk).unwrap_err();
//! assert_eq!(err.code(), &ErrorCode::ValidationError);
//! let v = &err.fields()[0];
//! assert_eq!((v.field.as_str(), v.pointer.as_str()), ("leads.1.email", "/leads/1/email"));
//! assert_eq!(v.reason.as_deref(), Some("email"));
//! assert_eq!(v.rejected_value, Some("nope".into()));
//! ```

#![warn(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

/// The validator crate this one integrates (0.20).
pub use validator;

/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

use std::fmt::Write as _;

use error_model::path::{self, PathStyle};
use error_model::redact::SensitiveNames;
use error_model::{ApiError, FieldViolation};
use serde_json::Value;
use validator::{Validate, ValidationError, ValidationErrors, ValidationErrorsKind};

/// The key under which validator reports a struct-level (`schema`) error.
const STRUCT_LEVEL: &str = "__all__";

/// Validates `value`: `Ok(())`, or the `VALIDATION_ERROR` of [`api_error`].
///
/// # Examples
///
/// ```
/// use validator::Validate;
///
/// #[derive(Validate)]
/// struct Signup {
///     #[validate(length(min = 8))]
///     password: String,
/// }
///
/// let err = error_model_validator::validate(&Signup { password: "hunter2".into() }).unwrap_err();
/// let body = serde_json::to_string(&err.envelope()).unwrap();
/// assert!(!body.contains("hunter2")); // a sensitive field's value is redacted
/// assert_eq!(err.fields()[0].expected.as_deref(), Some("a length of at least 8"));
/// ```
pub fn validate<T: Validate + ?Sized>(value: &T) -> Result<(), ApiError> {
    value.validate().map_err(|errors| api_error(&errors))
}

/// One `VALIDATION_ERROR` with every violation of `errors`, judged
/// sensitive by the built-in names ([`SensitiveNames::defaults`]).
pub fn api_error(errors: &ValidationErrors) -> ApiError {
    api_error_with(errors, SensitiveNames::defaults())
}

/// [`api_error`], with the fields sensitive to `names` (a service's own,
/// as its error layer is configured with) kept out of `expected`.
///
/// # Examples
///
/// ```
/// use error_model::redact::SensitiveNames;
/// use validator::Validate;
///
/// #[derive(Validate)]
/// struct Customer {
///     #[validate(contains(pattern = "-"))]
///     tax_id: String,
/// }
///
/// let errors = Customer { tax_id: "12345".into() }.validate().unwrap_err();
/// let names = SensitiveNames::default().with_names(["tax_id"]);
/// assert_eq!(error_model_validator::api_error_with(&errors, &names).fields()[0].expected, None);
/// let plain = error_model_validator::api_error(&errors);
/// assert_eq!(plain.fields()[0].expected.as_deref(), Some("a value containing \"-\""));
/// ```
pub fn api_error_with(errors: &ValidationErrors, names: &SensitiveNames) -> ApiError {
    ApiError::validation(violations_with(errors, names))
}

/// Every violation of `errors` as a [`FieldViolation`], in the order
/// described in the [crate docs](crate), judged sensitive by `names`.
pub fn violations_with(errors: &ValidationErrors, names: &SensitiveNames) -> Vec<FieldViolation> {
    let mut out = Vec::new();
    let mut segments = Vec::new();
    walk(errors, &mut segments, names, &mut out);
    out
}

fn walk(errors: &ValidationErrors, segments: &mut Vec<String>, names: &SensitiveNames, out: &mut Vec<FieldViolation>) {
    let mut members: Vec<_> = errors.errors().iter().collect();
    // The struct's own errors first, then its members by name.
    members.sort_by(|(a, _), (b, _)| (*a != STRUCT_LEVEL, a).cmp(&(*b != STRUCT_LEVEL, b)));
    for (name, kind) in members {
        let own = name == STRUCT_LEVEL;
        if !own {
            segments.push(name.to_string());
        }
        match kind {
            ValidationErrorsKind::Field(list) => {
                out.extend(list.iter().map(|error| violation(segments, error, names)));
            }
            ValidationErrorsKind::Struct(inner) => walk(inner, segments, names, out),
            ValidationErrorsKind::List(items) => {
                for (index, inner) in items {
                    segments.push(index.to_string());
                    walk(inner, segments, names, out);
                    segments.pop();
                }
            }
        }
        if !own {
            segments.pop();
        }
    }
}

fn violation(segments: &[String], error: &ValidationError, names: &SensitiveNames) -> FieldViolation {
    let field = path::join(segments, PathStyle::Dotted);
    let message = match &error.message {
        Some(message) => message.to_string(),
        None => default_message(&error.code).to_owned(),
    };
    let mut v = FieldViolation::new(field, message).with_reason(error.code.as_ref());
    v.pointer = path::join(segments, PathStyle::Pointer);
    // The one rule of what is sensitive about a violation (its path either way).
    let sensitive = v.is_sensitive_to(names);
    if let Some(value) = error.params.get("value").filter(|value| !value.is_null()) {
        v = v.with_rejected_value(value.clone());
    }
    match expected(error, sensitive, names) {
        Some(expected) => v.with_expected(expected),
        None => v,
    }
}

/// A short text for a built-in code, for a rule written without `message`.
fn default_message(code: &str) -> &'static str {
    match code {
        "email" => "must be a valid email address",
        "url" => "must be a valid url",
        "ip" | "ipv4" | "ipv6" => "must be a valid ip address",
        "length" => "has an invalid length",
        "range" => "is out of range",
        "required" => "is required",
        "must_match" => "does not match",
        "contains" => "does not contain the required text",
        "does_not_contain" => "contains text that is not allowed",
        "regex" => "has an invalid format",
        "credit_card" => "must be a valid card number",
        "non_control_character" => "must not contain control characters",
        _ => "is invalid",
    }
}

/// The params that bound a number or a length: rules, not data.
const BOUNDS: &[(&str, &str)] = &[
    ("equal", "exactly"),
    ("min", "at least"),
    ("exclusive_min", "more than"),
    ("max", "at most"),
    ("exclusive_max", "less than"),
];

/// Params that hold a value of the request, never written as `expected`.
const VALUES: &[&str] = &["value", "other"];

/// What `error`'s params say was expected, in words.
fn expected(error: &ValidationError, sensitive: bool, names: &SensitiveNames) -> Option<String> {
    let params = &error.params;
    if let Some(Value::String(expected)) = params.get("expected") {
        return Some(expected.clone());
    }
    let bounds: Vec<String> = BOUNDS
        .iter()
        .filter_map(|(name, words)| match params.get(*name) {
            Some(n @ Value::Number(_)) => Some(format!("{words} {n}")),
            _ => None,
        })
        .collect();
    if !bounds.is_empty() {
        let subject = if error.code == "length" { "a length of" } else { "a value of" };
        return Some(format!("{subject} {}", bounds.join(" and ")));
    }
    if sensitive {
        return None;
    }
    if let Some(Value::String(needle)) = params.get("needle") {
        let verb = if error.code == "does_not_contain" { "not containing" } else { "containing" };
        return Some(format!("a value {verb} {}", Value::String(needle.clone())));
    }
    // Any other params of a custom rule, by name, if they are plain values
    // whose names are not sensitive.
    let mut rest: Vec<_> = params
        .iter()
        .filter(|(name, value)| {
            !VALUES.contains(&name.as_ref())
                && !BOUNDS.iter().any(|(bound, _)| bound == name)
                && !names.is_sensitive(name)
                && !(value.is_object() || value.is_array() || value.is_null())
        })
        .collect();
    if rest.is_empty() {
        return None;
    }
    rest.sort_by(|a, b| a.0.cmp(b.0));
    let mut text = String::new();
    for (i, (name, value)) in rest.into_iter().enumerate() {
        let sep = if i == 0 { "" } else { ", " };
        let _ = match value {
            Value::String(s) => write!(text, "{sep}{name}: {s}"),
            other => write!(text, "{sep}{name}: {other}"),
        };
    }
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;

    fn error(code: &'static str, params: &[(&'static str, Value)]) -> ValidationError {
        let mut e = ValidationError::new(code);
        for (name, value) in params {
            e.add_param(Cow::Borrowed(*name), value);
        }
        e
    }

    #[test]
    fn bounds_read_as_words() {
        let names = SensitiveNames::defaults();
        let e = error("length", &[("min", 2.into()), ("max", 64.into()), ("value", "x".into())]);
        assert_eq!(expected(&e, false, names).as_deref(), Some("a length of at least 2 and at most 64"));
        let e = error("range", &[("exclusive_max", 10.into())]);
        assert_eq!(expected(&e, true, names).as_deref(), Some("a value of less than 10"));
    }

    #[test]
    fn values_and_sensitive_params_are_never_expected() {
        let names = SensitiveNames::defaults();
        let e = error("must_match", &[("other", "hunter2".into()), ("value", "hunter3".into())]);
        assert_eq!(expected(&e, false, names), None);
        let e = error("weak", &[("token", "abc".into()), ("hint", "a longer phrase".into())]);
        assert_eq!(expected(&e, false, names).as_deref(), Some("hint: a longer phrase"));
        assert_eq!(expected(&e, true, names), None);
    }

    #[test]
    fn struct_level_errors_name_the_struct() {
        let mut inner = ValidationErrors::new();
        inner.add("__all__", error("dates", &[]));
        let mut root = ValidationErrors::new();
        root.add("__all__", error("root", &[]));
        root.errors_mut().insert(Cow::Borrowed("trip"), ValidationErrorsKind::Struct(Box::new(inner)));
        let got = violations_with(&root, SensitiveNames::defaults());
        let paths: Vec<_> = got.iter().map(|v| (v.field.as_str(), v.pointer.as_str())).collect();
        assert_eq!(paths, [("", ""), ("trip", "/trip")]);
    }
}
