//! [garde](https://docs.rs/garde) 0.22 integration for error-model.
//!
//! A garde [`Report`] becomes one `VALIDATION_ERROR` [`ApiError`] holding
//! every violation, in a stable order (by path: a value before its members,
//! members by name, list items by index):
//!
//! - `field`: the path as the client wrote it, dotted (`leads.3.email`; a
//!   key holding a dot is bracketed, `meta["a.b"]`), and `pointer`: the same
//!   path as a JSON Pointer (`/leads/3/email`). A rule on the value itself
//!   (the root) names the empty pointer;
//! - `reason`: [`REASON`] (`INVALID`, the reason error-model-axum's `Json`
//!   gives a value of the wrong type): garde's errors carry a message and no
//!   code;
//! - `message`: garde's message (`length is lower than 8`), which states the
//!   rule, never the value.
//!
//! garde does not keep the rejected value, so none is echoed. The error
//! keeps the core's caps: past
//! [`MAX_FIELD_VIOLATIONS`](error_model::limits::MAX_FIELD_VIOLATIONS)
//! violations are counted, not kept.
//!
//! Paths use garde's names, the Rust field names: a struct whose serde names
//! differ (`rename_all = "camelCase"`) reports the Rust ones.
//!
//! For axum, `error_model_axum::garde::Valid<Json<T>>` (the `garde`
//! feature of error-model-axum) deserializes and validates in one step. It
//! lives there, not here, so that axum's version never sets this crate's.
//!
//! # Examples
//!
//! ```
//! use error_model::ErrorCode;
//! use garde::Validate;
//!
//! #[derive(Validate)]
//! struct Bulk {
//!     #[garde(dive)]
//!     leads: Vec<Lead>,
//! }
//!
//! #[derive(Validate)]
//! struct Lead {
//!     #[garde(length(min = 1))]
//!     name: String,
//! }
//!
//! let bulk = Bulk { leads: vec![Lead { name: "Ada".into() }, Lead { name: String::new() }] };
//! let err = error_model_garde::validate(&bulk).unwrap_err();
//! assert_eq!(err.code(), &ErrorCode::ValidationError);
//! let v = &err.fields()[0];
//! assert_eq!((v.field.as_str(), v.pointer.as_str()), ("leads.1.name", "/leads/1/name"));
//! assert_eq!(v.message, "length is lower than 1");
//! ```

#![warn(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

/// The garde crate this one integrates (0.22).
pub use garde;

/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

use error_model::path::{self, PathStyle};
use error_model::{ApiError, FieldViolation};
use garde::{Report, Validate};

/// The reason of every violation garde reports (garde's errors have no code).
pub const REASON: &str = "INVALID";

/// Validates `value` with its context's default: `Ok(())`, or the
/// `VALIDATION_ERROR` of [`api_error`].
pub fn validate<T>(value: &T) -> Result<(), ApiError>
where
    T: Validate + ?Sized,
    T::Context: Default,
{
    validate_with(value, &T::Context::default())
}

/// Validates `value` with `context`: `Ok(())`, or the `VALIDATION_ERROR` of
/// [`api_error`].
///
/// # Examples
///
/// ```
/// use garde::Validate;
///
/// struct Limits { max: usize }
///
/// #[derive(Validate)]
/// #[garde(context(Limits))]
/// struct Order {
///     #[garde(custom(|items: &Vec<String>, ctx: &Limits| {
///         if items.len() > ctx.max { Err(garde::Error::new("too many items")) } else { Ok(()) }
///     }))]
///     items: Vec<String>,
/// }
///
/// let order = Order { items: vec!["a".into(), "b".into()] };
/// let err = error_model_garde::validate_with(&order, &Limits { max: 1 }).unwrap_err();
/// assert_eq!(err.fields()[0].field, "items");
/// assert_eq!(err.fields()[0].message, "too many items");
/// ```
pub fn validate_with<T: Validate + ?Sized>(value: &T, context: &T::Context) -> Result<(), ApiError> {
    value.validate_with(context).map_err(|report| api_error(&report))
}

/// One `VALIDATION_ERROR` with every violation of `report`.
pub fn api_error(report: &Report) -> ApiError {
    ApiError::validation(violations(report))
}

/// Every violation of `report` as a [`FieldViolation`], in the order of
/// the [crate docs](crate).
pub fn violations(report: &Report) -> Vec<FieldViolation> {
    let mut found: Vec<(Vec<&str>, &garde::Error)> = report
        .iter()
        .map(|(at, error)| {
            // garde's path components, root first; a component of no kind
            // (the inside of an `Option` or a newtype) adds no segment.
            let segments = at
                .__iter()
                .rev()
                .filter(|(kind, _)| *kind != garde::error::Kind::None)
                .map(|(_, component)| component.as_str())
                .collect();
            (segments, error)
        })
        .collect();
    // garde's order depends on how it stores paths; sort by path (a value
    // before its members, members by name, items by index), keeping the
    // rules of one path in garde's order.
    found.sort_by(|(a, _), (b, _)| a.iter().map(|s| Segment(s)).cmp(b.iter().map(|s| Segment(s))));
    found
        .into_iter()
        .map(|(segments, error)| {
            let mut v =
                FieldViolation::new(path::join(&segments, PathStyle::Dotted), error.message()).with_reason(REASON);
            v.pointer = path::join(&segments, PathStyle::Pointer);
            v
        })
        .collect()
}

/// A path segment: list indices in numeric order, before names in text order.
#[derive(PartialEq, Eq)]
struct Segment<'a>(&'a str);

impl Segment<'_> {
    fn index(&self) -> Option<u64> {
        self.0.parse().ok().filter(|_| self.0.bytes().all(|b| b.is_ascii_digit()))
    }
}

impl PartialOrd for Segment<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Segment<'_> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        // Indices before names, so that the order is total.
        match (self.index(), other.index()) {
            (Some(a), Some(b)) => a.cmp(&b).then_with(|| self.0.cmp(other.0)),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => self.0.cmp(other.0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_with_separators_keep_their_pointer() {
        let mut report = Report::new();
        let at = garde::Path::new("meta").join("a.b/c").join(2usize);
        report.append(at, garde::Error::new("bad"));
        report.append(garde::Path::empty(), garde::Error::new("root"));
        let got = violations(&report);
        // The root first.
        assert_eq!((got[0].field.as_str(), got[0].pointer.as_str()), ("", ""));
        assert_eq!(got[1].field, r#"meta["a.b/c"].2"#);
        assert_eq!(got[1].pointer, "/meta/a.b~1c/2");
        assert_eq!(error_model::path::to_pointer(&got[1].field), got[1].pointer);
    }
}
