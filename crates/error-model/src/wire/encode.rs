//! What every dialect's encoder shares: borrowed views of an error's parts
//! that serialise straight into the output buffer.
//!
//! A dialect's body is a tree of `#[derive(Serialize)]` structs that borrow
//! from the [`ApiError`]; the views here are the parts several shapes write
//! the same way, or that need a rule of their own:
//!
//! - [`Carried`]: the retry hint, resource, timestamp, provenance and
//!   extensions a shape keeps in a free-form object;
//! - [`ViolationExtras`]: a field problem's reason, rejected value
//!   (redacted) and expectation;
//! - [`GroupedFields`]: messages grouped by field (field-map, DRF);
//! - [`PathAs`], [`StatusText`], [`Display`]: computed members, written
//!   without building strings.
//!
//! The redaction views ([`Extensions`], `Redacted`) live in
//! [`crate::redact`], beside the rule they apply. Nothing here builds a
//! `serde_json::Value` or allocates, except [`GroupedFields`] for more than
//! [`GroupedFields::SCAN_LIMIT`] fields.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::hash::BuildHasher as _;
use std::io;

use http::StatusCode;
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use super::Dialect;
use crate::path::{self, PathStyle};
use crate::redact::{Extensions, RejectedValue, SensitiveNames};
use crate::upstream::UpstreamView;
use crate::{ApiError, FieldViolation, ResourceRef, Timestamp};

/// Serialises `body` as compact JSON into `out`.
pub(crate) fn write_json<W: io::Write, T: Serialize>(out: W, body: &T) -> io::Result<()> {
    serde_json::to_writer(out, body).map_err(io::Error::from)
}

/// A field path rewritten in another style as it is written: `card.number`
/// as `card[number]` for Stripe's `param`.
pub(crate) struct PathAs<'a>(pub(crate) &'a str, pub(crate) PathStyle);

impl Serialize for PathAs<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&path::Render::new(self.0, self.1))
    }
}

/// An HTTP status as a string, `"422"` (JSON:API, GitHub).
pub(crate) struct StatusText(pub(crate) StatusCode);

impl Serialize for StatusText {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.0.as_str())
    }
}

/// Text written from its [`fmt::Display`], without building a `String`.
pub(crate) struct Display<T>(pub(crate) T);

impl<T: fmt::Display> Serialize for Display<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0)
    }
}

/// Field violations grouped by field, in order of first appearance, as
/// `{"<field>": ["<message>", ...]}` (the field-map and DRF shapes).
///
/// Linear in the number of violations whatever the field names: up to
/// [`Self::SCAN_LIMIT`] of them are grouped with hashes on the stack, without
/// allocating; more go through a hash index keyed by `foldhash` with a
/// per-index random seed (so no fixed set of names collides), each group
/// linked from its first violation to its last.
pub(crate) struct GroupedFields<'a> {
    fields: &'a [FieldViolation],
    /// The key written for violations of the empty field (DRF's `non_field_errors`).
    empty_key: &'static str,
    /// A message for the empty field's group, written after the violations'
    /// own (the count of omitted violations, [`omitted_note`]).
    note: Option<String>,
}

impl<'a> GroupedFields<'a> {
    /// Above this many violations, grouping uses a hash index (two
    /// allocations) instead of hashes on the stack.
    pub(crate) const SCAN_LIMIT: usize = 32;

    pub(crate) fn new(fields: &'a [FieldViolation], empty_key: &'static str) -> GroupedFields<'a> {
        GroupedFields { fields, empty_key, note: None }
    }

    /// Adds `note` to the empty field's group (written as its own entry
    /// when no violation has the empty field).
    pub(crate) fn with_note(mut self, note: Option<String>) -> GroupedFields<'a> {
        self.note = note;
        self
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.fields.is_empty() && self.note.is_none()
    }

    /// The note, after the messages of the empty field's group.
    fn note_for(&self, field: &str) -> Option<&str> {
        self.note.as_deref().filter(|_| field.is_empty())
    }

    fn key(&self, field: &'a str) -> &'a str {
        if field.is_empty() { self.empty_key } else { field }
    }
}

impl Serialize for GroupedFields<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let fields = self.fields;
        let mut map = serializer.serialize_map(None)?;
        let n = fields.len();
        if n <= Self::SCAN_LIMIT {
            // Hashes on the stack tell the common case (every field once)
            // without comparing strings; equal hashes fall back to comparing.
            let mut hashes = [0u64; Self::SCAN_LIMIT];
            for (h, v) in hashes.iter_mut().zip(fields) {
                *h = foldhash::fast::FixedState::default().hash_one(v.field.as_str());
            }
            let hashes = &hashes[..n];
            let distinct = (1..n).all(|i| !hashes[..i].contains(&hashes[i]));
            for (i, v) in fields.iter().enumerate() {
                if distinct {
                    let one = std::iter::once(v.message.as_str());
                    map.serialize_entry(self.key(&v.field), &Messages(one.chain(self.note_for(&v.field))))?;
                    continue;
                }
                let seen = (0..i).any(|j| hashes[j] == hashes[i] && fields[j].field == v.field);
                if !seen {
                    let messages = fields[i..].iter().filter(|u| u.field == v.field).map(|u| u.message.as_str());
                    map.serialize_entry(self.key(&v.field), &Messages(messages.chain(self.note_for(&v.field))))?;
                }
            }
        } else {
            // One index (field -> its group's last violation) and one list
            // of links, whatever the number of groups: O(1) per violation.
            let mut tail: HashMap<&str, u32, foldhash::fast::RandomState> =
                HashMap::with_capacity_and_hasher(n, foldhash::fast::RandomState::default());
            let mut next = vec![u32::MAX; n];
            let mut starts: Vec<u32> = Vec::new();
            for (i, v) in fields.iter().enumerate() {
                let i = i as u32;
                match tail.entry(&v.field) {
                    std::collections::hash_map::Entry::Vacant(e) => {
                        e.insert(i);
                        starts.push(i);
                    }
                    std::collections::hash_map::Entry::Occupied(mut e) => {
                        next[*e.get() as usize] = i;
                        e.insert(i);
                    }
                }
            }
            for &start in &starts {
                let messages = Linked { fields, next: &next, at: start };
                let field = &fields[start as usize].field;
                map.serialize_entry(self.key(field), &Messages(messages.chain(self.note_for(field))))?;
            }
        }
        if let Some(note) = &self.note {
            if !fields.iter().any(|v| v.field.is_empty()) {
                map.serialize_entry(self.empty_key, &[note.as_str()])?;
            }
        }
        map.end()
    }
}

/// The messages of one group: the fields linked from its first.
#[derive(Clone)]
struct Linked<'a> {
    fields: &'a [FieldViolation],
    next: &'a [u32],
    at: u32,
}

impl<'a> Iterator for Linked<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let at = self.at as usize;
        let v = self.fields.get(at)?;
        self.at = self.next[at];
        Some(&v.message)
    }
}

/// The sentence that states how many field violations `err` left out
/// ([`OMITTED_FIELDS`](crate::OMITTED_FIELDS)), for shapes that carry no
/// extension members.
pub(crate) fn omitted_note(err: &ApiError) -> Option<String> {
    let omitted = err.details().extensions.get(crate::OMITTED_FIELDS)?.as_u64()?;
    Some(format!("{omitted} more field errors omitted."))
}

/// The message of `err`, with [`omitted_note`] after it when there is one.
pub(crate) fn stated_message(err: &ApiError) -> Cow<'_, str> {
    match omitted_note(err) {
        Some(note) if err.message().is_empty() => Cow::Owned(note),
        Some(note) => Cow::Owned(format!("{} ({note})", err.message().trim_end_matches('.'))),
        None => Cow::Borrowed(err.message()),
    }
}

/// A list of messages written from an iterator.
struct Messages<I>(I);

impl<'a, I: Iterator<Item = &'a str> + Clone> Serialize for Messages<I> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.clone())
    }
}

/// What a shape without members of its own carries in a free-form object:
/// the retry hint, the resource and the timestamp, then the extensions (of
/// which those three names, and the shape's own `reserved`, are skipped).
#[derive(Serialize)]
pub(crate) struct Carried<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource: Option<&'a ResourceRef>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<&'a Timestamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub upstream: Option<UpstreamView<'a>>,
    #[serde(flatten)]
    pub extensions: Extensions<'a>,
}

impl<'a> Carried<'a> {
    /// The members carried for `err` in `dialect`; `reserved` lists the
    /// names the enclosing object writes itself besides [`CARRIED`].
    pub(crate) fn of(
        err: &'a ApiError,
        dialect: Dialect,
        reserved: &'static [&'static str],
        names: &'a SensitiveNames,
    ) -> Carried<'a> {
        Carried {
            retry_after: err.retry_after(),
            resource: err.details().resource.as_ref(),
            timestamp: err.timestamp(),
            upstream: err.upstream().and_then(|u| u.view(err.code().as_str(), dialect.name())),
            extensions: err.extensions_except(reserved, names).beside(&CARRIED),
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.retry_after.is_none()
            && self.resource.is_none()
            && self.timestamp.is_none()
            && self.upstream.is_none()
            && self.extensions.is_empty()
    }
}

/// The member names [`Carried`] writes, which its extensions skip.
pub(crate) const CARRIED: [&str; 4] = ["retry_after", "resource", "timestamp", "upstream"];

/// Whether `err` has no field problems: `skip_serializing_if` for the list
/// members that hold them.
pub(crate) fn no_fields(err: &&ApiError) -> bool {
    err.fields().is_empty()
}

/// What a field problem says beside its field and message, as the shapes
/// that write all of it name the members (problem, JSON:API, GraphQL).
#[derive(Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub(crate) struct ViolationExtras<'a> {
    /// The reason.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    reason: Option<&'a str>,
    /// The rejected value (redacted for sensitive fields).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "serde_json::Value"))]
    rejected_value: Option<RejectedValue<'a>>,
    /// What was expected.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    expected: Option<&'a str>,
}

impl<'a> ViolationExtras<'a> {
    pub(crate) fn of(v: &'a FieldViolation, names: &'a SensitiveNames) -> ViolationExtras<'a> {
        ViolationExtras {
            reason: v.reason.as_deref(),
            rejected_value: v.rejected_view(names),
            expected: v.expected.as_deref(),
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.reason.is_none() && self.rejected_value.is_none() && self.expected.is_none()
    }
}

/// Whether a violation carries only a field and a message, so that shapes
/// with a single `field` member lose nothing.
pub(crate) fn is_simple(v: &FieldViolation) -> bool {
    v.reason.is_none() && v.rejected_value.is_none() && v.expected.is_none()
}

hand_schema! {
    PathAs<'_> => "Path", |_g| schemars::json_schema!({ "type": "string" });
    StatusText => "StatusText", |_g| schemars::json_schema!({ "type": "string", "pattern": "^[1-5][0-9]{2}$" });
    GroupedFields<'_> => "FieldMessages", |_g| schemars::json_schema!({
        "type": "object",
        "additionalProperties": { "type": "array", "items": { "type": "string" }, "minItems": 1 }
    });
    Carried<'_> => "Carried", |generator| schemars::json_schema!({
        "type": "object",
        "properties": {
            "retry_after": { "type": "integer", "minimum": 0 },
            "resource": generator.subschema_for::<ResourceRef>(),
            "timestamp": generator.subschema_for::<Timestamp>(),
            "upstream": generator.subschema_for::<crate::Upstream>(),
        }
    });
}

#[cfg(feature = "schema")]
impl<T> schemars::JsonSchema for Display<T> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "String".into()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string" })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json<T: Serialize>(value: &T) -> String {
        serde_json::to_string(value).unwrap()
    }

    /// The naive grouping, as a reference.
    fn reference(fields: &[FieldViolation]) -> String {
        let mut groups: Vec<(&str, Vec<&str>)> = Vec::new();
        for v in fields {
            let key = if v.field.is_empty() { "non_field_errors" } else { v.field.as_str() };
            match groups.iter_mut().find(|(k, _)| *k == key) {
                Some((_, messages)) => messages.push(&v.message),
                None => groups.push((key, vec![&v.message])),
            }
        }
        let members: Vec<String> = groups.iter().map(|(k, m)| format!("{}:{}", json(k), json(m))).collect();
        format!("{{{}}}", members.join(","))
    }

    #[test]
    fn grouping_by_scan_and_by_index_match_the_reference() {
        for n in [0, 1, 2, GroupedFields::SCAN_LIMIT, GroupedFields::SCAN_LIMIT + 1, 100] {
            for modulus in [7, usize::MAX] {
                // Repeated fields, then every field once.
                let mut fields: Vec<FieldViolation> =
                    (0..n).map(|i| FieldViolation::new(format!("f{}", i % modulus), format!("m{i}"))).collect();
                fields.push(FieldViolation::new("", "whole body"));
                let grouped = json(&GroupedFields::new(&fields, "non_field_errors"));
                assert_eq!(grouped, reference(&fields), "{n} fields, modulus {modulus}");
            }
        }
    }

    #[test]
    fn reserved_extensions_are_skipped() {
        let err = ApiError::not_found("gone").with_extension("message", "shadow").with_extension("hint", "x");
        assert_eq!(json(&err.extensions_except(&["message"], SensitiveNames::defaults())), r#"{"hint":"x"}"#);
    }
}

/// Schema helpers for the dialect views' `#[schemars(...)]` attributes.
#[cfg(feature = "schema")]
pub(crate) mod schema_fns {
    use schemars::{Schema, SchemaGenerator, json_schema};

    /// `false`, the constant `success` of the nested and flat dialects.
    pub(crate) fn const_false(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "const": false })
    }

    /// Any JSON value.
    pub(crate) fn any(_: &mut SchemaGenerator) -> Schema {
        json_schema!(true)
    }

    /// Removes `names` from the schema's `required` list: members the
    /// encoder always writes but that documented bodies of the shape omit,
    /// so readers must not require them.
    pub(crate) fn unrequire(schema: &mut Schema, names: &[&str]) {
        if let Some(serde_json::Value::Array(required)) = schema.get_mut("required") {
            required.retain(|r| !names.iter().any(|n| r == n));
        }
    }
}
