//! A shape of the lead API's documentation: `{"success": false, "error": "<message>", "code", "details", "timestamp", "requestId"}`.
//!
//! One field problem is `details.field`, `details.value` (the rejected
//! value), `details.message`, `details.expected` and `details.reason`. The
//! resource is `details.<type>Id`, or `details.existing<Type>Id` for a
//! conflict (`existingLeadId`); several field problems are canonical
//! `details.fields`; then the retry hint and the extensions. An extension
//! named like a resource member (`<type>Id`, a string) is written only beside
//! a resource: alone, it would read back as the resource.
//!
//! # Example
//!
//! A validation error with one field problem and a request id (the
//! `dialect_docs` test checks this is what the encoder writes):
//!
//! ```json
//! {
//!   "success": false,
//!   "error": "Invalid request data",
//!   "code": "VALIDATION_ERROR",
//!   "details": {
//!     "field": "email",
//!     "message": "Must be a valid email address",
//!     "reason": "INVALID_FORMAT"
//!   },
//!   "requestId": "req_123"
//! }
//! ```

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use super::super::Dialect;
use super::super::any::{AnyBody, ErrorMember, ErrorsMember, take_member, take_string_member};
use super::super::parse::{Context, canonical_details, code_of, details_object, finish, identify, sends_code};
use crate::decode::{DecodeError, DecodeErrorKind};
use crate::details::{TAIL_MEMBERS, Violations, says_no_fields};
use crate::redact::{Member, SensitiveNames};
use crate::{ApiError, Category, Code, FieldViolation, ResourceRef, Timestamp};

/// The member names `details` always keeps for itself: written, or read as
/// typed members by the decoder. The members of a single field problem and
/// the resource's member are skipped only when they are written.
const DETAILS_MEMBERS: &[&str] = &["field", "fields"];

/// The members of a single field problem besides `field`.
const FIELD_MEMBERS: [&str; 4] = ["value", "message", "expected", "reason"];

/// The body.
#[derive(Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "FlatError"))]
#[serde(rename_all = "camelCase")]
pub(crate) struct Body<'a> {
    /// Always `false`.
    #[cfg_attr(feature = "schema", schemars(schema_with = "super::super::encode::schema_fns::const_false"))]
    success: bool,
    /// The human message.
    error: &'a str,
    /// The error code.
    code: &'a Code,
    /// Free-form details.
    #[serde(skip_serializing_if = "FlatDetails::is_empty")]
    details: FlatDetails<'a>,
    /// When the error occurred.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Timestamp"))]
    timestamp: Option<&'a Timestamp>,
    /// The request id.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    request_id: Option<&'a str>,
}

/// `details`, written by hand: its resource member's name depends on the resource.
/// Redacted by the names given.
pub(crate) struct FlatDetails<'a>(&'a ApiError, &'a SensitiveNames);

impl FlatDetails<'_> {
    fn is_empty(&self) -> bool {
        let d = self.0.details();
        d.fields.is_empty()
            && d.retry_after.is_none()
            && d.resource.is_none()
            && d.help.is_empty()
            && d.localized_message.is_none()
            && d.quota_violations.is_empty()
            && d.precondition_violations.is_empty()
            && self
                .0
                .extensions_except(DETAILS_MEMBERS, self.1)
                .beside(&TAIL_MEMBERS)
                .members()
                .all(|(name, value)| reads_as_resource(name, &value))
    }
}

/// Whether the extension `name` would read back as the resource: written as
/// a string, named like a resource member. It is written only beside a resource.
fn reads_as_resource(name: &str, value: &Member<'_>) -> bool {
    // A redacted value is written as a string too.
    resource_kind(name).is_some() && value.is_written_as_string()
}

impl Serialize for FlatDetails<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (err, names) = (self.0, self.1);
        let d = err.details();
        // The resource's key, if it is written under one (`leadId`).
        let mut key = KeyBuf::new();
        let resource_key = match &d.resource {
            Some(ResourceRef { kind: Some(kind), id: Some(_), .. })
                if key.resource_key(kind, err.category() == Category::Conflict) =>
            {
                Some(key.as_str())
            }
            _ => None,
        };
        // The members written below that extensions may not repeat.
        let mut written = [""; FIELD_MEMBERS.len() + 1];
        let mut n = 0;
        if let [_] = d.fields.as_slice() {
            written[..FIELD_MEMBERS.len()].copy_from_slice(&FIELD_MEMBERS);
            n = FIELD_MEMBERS.len();
        }
        if let Some(key) = resource_key {
            written[n] = key;
            n += 1;
        }
        let extensions = err.extensions_except(DETAILS_MEMBERS, names).beside(&TAIL_MEMBERS).skipping(&written[..n]);
        let mut map = serializer.serialize_map(None)?;
        match d.fields.as_slice() {
            [] if says_no_fields(&[], &extensions) => {
                map.serialize_entry("fields", &Violations { fields: &[], names })?
            }
            [] => {}
            [v] => {
                map.serialize_entry("field", &v.field)?;
                if let Some(value) = v.rejected_view(names) {
                    map.serialize_entry("value", &value)?;
                }
                if !v.message.is_empty() {
                    map.serialize_entry("message", &v.message)?;
                }
                if let Some(expected) = &v.expected {
                    map.serialize_entry("expected", expected)?;
                }
                if let Some(reason) = &v.reason {
                    map.serialize_entry("reason", reason)?;
                }
            }
            many => map.serialize_entry("fields", &Violations { fields: many, names })?,
        }
        if let Some(secs) = d.retry_after {
            map.serialize_entry("retry_after", &secs)?;
        }
        if let Some(resource) = &d.resource {
            match (resource_key, &resource.id) {
                (Some(key), Some(id)) => map.serialize_entry(key, id)?,
                _ => map.serialize_entry("resource", resource)?,
            }
        }
        if !d.help.is_empty() {
            map.serialize_entry("help", &d.help)?;
        }
        if let Some(localized) = &d.localized_message {
            map.serialize_entry("localized_message", localized)?;
        }
        if !d.quota_violations.is_empty() {
            map.serialize_entry("quota_violations", &d.quota_violations)?;
        }
        if !d.precondition_violations.is_empty() {
            map.serialize_entry("precondition_violations", &d.precondition_violations)?;
        }
        for (name, value) in extensions.members() {
            if d.resource.is_some() || !reads_as_resource(name, &value) {
                map.serialize_entry(name, &value)?;
            }
        }
        map.end()
    }
}

/// A member name built on the stack: `existingLeadId` and the like.
struct KeyBuf {
    buf: [u8; 64],
    len: usize,
}

impl KeyBuf {
    fn new() -> KeyBuf {
        KeyBuf { buf: [0; 64], len: 0 }
    }

    fn as_str(&self) -> &str {
        // Only whole `str`s are ever written.
        std::str::from_utf8(&self.buf[..self.len]).unwrap_or("")
    }

    /// Writes the member name of a resource of `kind`: `lead` → `leadId`,
    /// or `existingLeadId` for a conflict; `line_item` → `lineItemId`.
    /// False when the name would not fit or would not read back as `kind`
    /// (`Lead`, `lead-item`, `lead@x`), so that the resource is written as a
    /// `resource` object instead.
    fn resource_key(&mut self, kind: &str, existing: bool) -> bool {
        self.len = 0;
        !kind.is_empty()
            && write_resource_key(self, kind, existing).is_ok()
            && resource_kind_chars(self.as_str()).is_some_and(|chars| chars.eq(kind.chars()))
    }
}

impl std::fmt::Write for KeyBuf {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        let end = self.len + s.len();
        if end > self.buf.len() {
            return Err(std::fmt::Error);
        }
        self.buf[self.len..end].copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

fn write_resource_key(out: &mut impl std::fmt::Write, kind: &str, existing: bool) -> std::fmt::Result {
    if existing {
        out.write_str("existing")?;
    }
    let mut upper = existing;
    for c in kind.chars() {
        if matches!(c, '_' | '-' | ' ') {
            upper = true;
        } else if upper {
            for u in c.to_uppercase() {
                out.write_char(u)?;
            }
            upper = false;
        } else {
            out.write_char(c)?;
        }
    }
    out.write_str("Id")
}

/// `lead` → `leadId`, or `existingLeadId` for a conflict; `line_item` → `lineItemId`.
#[cfg(test)]
fn resource_key(kind: &str, existing: bool) -> String {
    let mut out = String::new();
    let _ = write_resource_key(&mut out, kind, existing);
    out
}

hand_schema! {
    FlatDetails<'_> => "FlatDetails", |generator| schemars::json_schema!({
                "type": "object",
                "description": "One field problem as `field`, `value`, `message`, `expected`, `reason`; several as `fields`; the resource as `<type>Id` or `existing<Type>Id`; then the extensions.",
                "properties": {
                    "field": { "type": "string" },
                    "value": true,
                    "message": { "type": "string" },
                    "expected": { "type": "string" },
                    "reason": { "type": "string" },
                    "fields": { "type": "array", "items": generator.subschema_for::<FieldViolation>() },
                    "retry_after": { "type": "integer", "minimum": 0 },
                    "resource": generator.subschema_for::<ResourceRef>(),
                }
            });
}

pub(crate) fn body<'a>(err: &'a ApiError, names: &'a SensitiveNames) -> Body<'a> {
    Body {
        success: false,
        error: err.message(),
        code: err.code(),
        details: FlatDetails(err, names),
        timestamp: err.timestamp(),
        request_id: err.request_id(),
    }
}

/// The inverse of [`resource_key`]: `existingLeadId` → `lead`, `leadId` → `lead`.
fn resource_kind(key: &str) -> Option<String> {
    resource_kind_chars(key).map(Iterator::collect)
}

/// The characters of [`resource_kind`], without building it.
fn resource_kind_chars(key: &str) -> Option<impl Iterator<Item = char> + '_> {
    let stem = key.strip_suffix("Id")?;
    let stem = stem.strip_prefix("existing").unwrap_or(stem);
    if stem.is_empty() || !stem.chars().all(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    Some(stem.chars().enumerate().flat_map(|(i, c)| {
        let underscore = (i > 0 && c.is_ascii_uppercase()).then_some('_');
        underscore.into_iter().chain([c.to_ascii_lowercase()])
    }))
}

pub(crate) fn decode(body: &mut AnyBody, ctx: &Context<'_>) -> Result<ApiError, DecodeError> {
    let Some(ErrorMember::Message(message)) = body.error.take() else {
        return Err(DecodeError::new(DecodeErrorKind::Data, "expected `error` to be the message string"));
    };
    // Heroku's legacy `{id, error}`: the id names the error.
    let id = take_string_member(&mut body.other, "id");
    let code = code_of(body.code.take()).or_else(|| id.map(Code::from_string).filter(sends_code));
    let mut d = details_object(body.details.take())?.unwrap_or_default();
    let mut violation = None;
    if let Some(field) = d.field.take() {
        let mut v = FieldViolation::new(field, d.message.take().unwrap_or_default());
        v.rejected_value = take_member(&mut d.other, "value");
        v.expected = take_string_member(&mut d.other, "expected");
        v.reason = d.reason.take();
        violation = Some(v);
    }
    let mut resource = None;
    if d.resource.is_none() {
        let found = d.other.iter().position(|(k, v)| v.is_string() && resource_kind(k).is_some());
        if let Some(at) = found {
            let (key, id) = d.other.remove(at);
            resource = resource_kind(&key).zip(id.as_str().map(str::to_owned));
        }
    }
    let mut details = canonical_details(d);
    if let Some(v) = violation {
        details.fields.insert(0, v);
    }
    // A map of field errors beside the message (Rails' `{"error": "Invalid
    // resource", "errors": {"name": ["can't be blank"]}}`) holds its fields;
    // this shape's encoder writes no `errors`.
    if let Some(ErrorsMember::FieldMap(fields, _)) = body.errors.take() {
        details.fields.extend(fields);
    }
    if let Some((kind, id)) = resource {
        details.resource = Some(ResourceRef::new(kind, id));
    }
    let err = finish(Dialect::Flat, code, None, Some(message), details, ctx);
    Ok(identify(ctx, err, body.request_id.take(), body.timestamp.take()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resource_keys_round_trip() {
        assert_eq!(resource_key("lead", false), "leadId");
        assert_eq!(resource_key("lead", true), "existingLeadId");
        assert_eq!(resource_key("line_item", false), "lineItemId");
        for (key, kind) in [("leadId", "lead"), ("existingLeadId", "lead"), ("lineItemId", "line_item")] {
            assert_eq!(resource_kind(key).as_deref(), Some(kind));
        }
        assert_eq!(resource_kind("Id"), None);
        assert_eq!(resource_kind("email"), None);
        assert_eq!(resource_kind("x-Id"), None);
    }
}
