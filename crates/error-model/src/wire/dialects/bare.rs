//! A shape of the lead API's documentation: `{"code", "message", "details": {"issues": [...]}}`, the
//! request id in the `X-Request-ID` header.
//!
//! Each issue is `{"field", "message"}`, with `"code"` for the reason,
//! `"value"` for the rejected value and `"expected"`; a `path` array (as
//! validation libraries write it) is read too. The retry hint, the resource
//! and the extensions follow in `details`.
//!
//! # Example
//!
//! A validation error with one field problem and a request id (the
//! `dialect_docs` test checks this is what the encoder writes):
//!
//! ```json
//! {
//!   "code": "VALIDATION_ERROR",
//!   "message": "Invalid request data",
//!   "details": {
//!     "issues": [
//!       {
//!         "field": "email",
//!         "message": "Must be a valid email address",
//!         "code": "INVALID_FORMAT"
//!       }
//!     ]
//!   }
//! }
//! ```

use serde::Serialize;
use serde_json::Value;

use super::super::Dialect;
use super::super::any::{AnyBody, DetailItem};
use super::super::parse::{
    Context, canonical_details, details_object, finish, items_from_value, sent_code, violation_from_item,
};
use crate::decode::DecodeError;
use crate::details::{DetailsTail, FieldList, Violations};
use crate::redact::{RejectedValue, SensitiveNames};
use crate::{ApiError, Code, Details};

/// The member names `details` keeps for itself: written, or read as typed
/// members by the decoder.
const DETAILS_MEMBERS: &[&str] = &["issues", "fields"];

/// The body.
#[derive(Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "BareError"))]
pub(crate) struct Body<'a> {
    /// The error code.
    code: &'a Code,
    /// The human message.
    message: &'a str,
    /// Field problems, the retry hint, the resource and the extensions.
    #[serde(skip_serializing_if = "BareDetails::is_empty")]
    details: BareDetails<'a>,
}

/// `details`.
#[derive(Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "BareDetails"))]
struct BareDetails<'a> {
    /// One issue per field problem.
    #[serde(skip_serializing_if = "FieldList::is_unwritten", serialize_with = "issues")]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<Issue<'static>>"))]
    issues: FieldList<'a>,
    /// The retry hint, the resource and the extensions.
    #[serde(flatten)]
    tail: DetailsTail<'a>,
}

impl BareDetails<'_> {
    fn is_empty(&self) -> bool {
        self.issues.is_unwritten() && self.tail.is_empty()
    }
}

/// One issue.
#[derive(Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "BareIssue", transform = unrequire_field))]
struct Issue<'a> {
    /// The field.
    field: &'a str,
    /// The message.
    message: &'a str,
    /// The reason.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    code: Option<&'a str>,
    /// The rejected value (redacted for sensitive fields).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "serde_json::Value"))]
    value: Option<RejectedValue<'a>>,
    /// What was expected.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    expected: Option<&'a str>,
}

/// Validation libraries write `path` instead of `field`.
#[cfg(feature = "schema")]
fn unrequire_field(schema: &mut schemars::Schema) {
    super::super::encode::schema_fns::unrequire(schema, &["field"]);
}

fn issues<S: serde::Serializer>(fields: &FieldList<'_>, serializer: S) -> Result<S::Ok, S::Error> {
    let fields = fields.list;
    serializer.collect_seq(fields.fields.iter().map(|v| Issue {
        field: &v.field,
        message: &v.message,
        code: v.reason.as_deref(),
        value: v.rejected_view(fields.names),
        expected: v.expected.as_deref(),
    }))
}

pub(crate) fn body<'a>(err: &'a ApiError, names: &'a SensitiveNames) -> Body<'a> {
    let d = err.details();
    let tail = DetailsTail::of(d, DETAILS_MEMBERS, names);
    let issues = FieldList::new(Violations { fields: &d.fields, names }, tail.extensions());
    Body { code: err.code(), message: err.message(), details: BareDetails { issues, tail } }
}

pub(crate) fn decode(body: &mut AnyBody, ctx: &Context<'_>) -> Result<ApiError, DecodeError> {
    let code = sent_code(body.code.take());
    let mut obj = details_object(body.details.take())?;
    let issues = obj.as_mut().and_then(|o| o.issues.take());
    let mut details = match obj {
        Some(obj) => canonical_details(obj),
        None => Details::default(),
    };
    if let Some(issues) = issues {
        // An earlier member of the name: the last one counts.
        details.extensions.remove("issues");
        if !issues.are_bare() {
            details.extensions.insert("issues".to_owned(), issues.to_value());
            issues_from_value(&mut details);
        } else if details.fields.is_empty() {
            details.fields = issues.violations;
        } else {
            details.fields.extend(issues.violations);
        }
    }
    Ok(finish(Dialect::Bare, code, None, body.message.take(), details, ctx))
}

/// Issues of other members or forms (a `path` of segments, a `description`)
/// read as detail items from the extension `issues`, which goes if they all read.
fn issues_from_value(details: &mut Details) {
    if let Some(items) = details.extensions.get("issues").and_then(items_from_value::<DetailItem>) {
        // The items read, their value and expectation are moved out of the
        // list, not copied.
        let raw = match details.extensions.remove("issues") {
            Some(Value::Array(raw)) => raw,
            _ => Vec::new(),
        };
        details.fields.reserve(items.len());
        for (item, raw) in items.into_iter().zip(raw) {
            let mut raw = match raw {
                Value::Object(raw) => raw,
                _ => serde_json::Map::new(),
            };
            let mut v = violation_from_item(item, None);
            v.rejected_value = raw.remove("value");
            v.expected = match raw.remove("expected") {
                Some(Value::String(s)) => Some(s),
                _ => None,
            };
            details.fields.push(v);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::any::{Issues, Typed, tests::ISSUES};
    use super::*;

    /// The issues read typed give what reading them from the value gives.
    #[test]
    fn typed_issues_read_as_from_the_value() {
        let mut typed = 0;
        for text in ISSUES {
            let Ok(Typed::Ok(issues)) = serde_json::from_str::<Typed<Issues>>(text) else { panic!("{text}") };
            let mut details = Details::default();
            details.extensions.insert("issues".to_owned(), serde_json::from_str(text).unwrap());
            issues_from_value(&mut details);
            if issues.are_bare() {
                typed += 1;
                assert!(details.extensions.is_empty(), "{text}");
                assert!(details.fields == issues.violations, "{text}");
            }
        }
        assert!(typed >= 5);
    }
}
