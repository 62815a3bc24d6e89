//! Error details: field violations, the retry hint, the resource an error
//! refers to, and extension members.
//!
//! All of it is optional; an error without details serialises without a
//! `details` member.

use serde::ser::{SerializeMap, SerializeStruct};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::path;
use crate::redact::{REDACTED, is_sensitive_field};

/// One problem with one field of the request. An error may carry many (bulk
/// requests report every failing item at once).
///
/// The rejected value of a [sensitive field](crate::redact) is replaced with
/// [`REDACTED`] when serialised.
///
/// # Examples
///
/// ```
/// use error_model::FieldViolation;
///
/// let v = FieldViolation::new("leads.0.phone", "The leads.0.phone field is required.")
///     .with_reason("REQUIRED");
/// assert_eq!(v.pointer, "/leads/0/phone");
///
/// let secret = FieldViolation::new("password", "Too short.").with_rejected_value("hunter2");
/// let json = serde_json::to_string(&secret).unwrap();
/// assert!(!json.contains("hunter2"));
/// assert_eq!(secret.rejected_value.as_ref().unwrap(), "hunter2"); // still there for logs
/// ```
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(
    feature = "schema",
    schemars(
        description = "One problem with one field of the request; rejected values of sensitive fields are redacted."
    )
)]
#[non_exhaustive]
pub struct FieldViolation {
    /// The field as the client wrote it: `email`, `leads.0.phone`, `items[0].name`.
    pub field: String,
    /// The same field as a JSON Pointer (RFC 6901): `/leads/0/phone`.
    #[serde(default)]
    pub pointer: String,
    /// A machine-readable reason, such as `REQUIRED` or `INVALID_FORMAT`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// A human-readable message about this field.
    #[serde(default)]
    pub message: String,
    /// The value the client sent, if it helps; redacted for sensitive fields.
    #[serde(default, rename = "rejected_value", skip_serializing_if = "Option::is_none")]
    pub rejected_value: Option<Value>,
    /// What was expected instead, such as `a valid email address`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected: Option<String>,
}

impl FieldViolation {
    /// A violation of `field` (any [path style](crate::path)), with its JSON
    /// Pointer derived from it.
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> FieldViolation {
        let field = field.into();
        let pointer = path::to_pointer(&field);
        FieldViolation { field, pointer, reason: None, message: message.into(), rejected_value: None, expected: None }
    }

    /// Sets the machine-readable reason.
    pub fn with_reason(mut self, reason: impl Into<String>) -> FieldViolation {
        self.reason = Some(reason.into());
        self
    }

    /// Sets the rejected value.
    pub fn with_rejected_value(mut self, value: impl Into<Value>) -> FieldViolation {
        self.rejected_value = Some(value.into());
        self
    }

    /// Sets what was expected instead.
    pub fn with_expected(mut self, expected: impl Into<String>) -> FieldViolation {
        self.expected = Some(expected.into());
        self
    }

    /// Whether this field's value must not be echoed to a client.
    pub fn is_sensitive(&self) -> bool {
        is_sensitive_field(&self.field) || is_sensitive_field(&self.pointer)
    }

    /// The rejected value as it may be sent to a client: redacted for a
    /// sensitive field. Every encoder goes through this.
    pub fn wire_rejected_value(&self) -> Option<Value> {
        let value = self.rejected_value.as_ref()?;
        Some(if self.is_sensitive() { Value::from(REDACTED) } else { value.clone() })
    }

    /// The JSON Pointer, derived from `field` when it was not given.
    pub fn pointer_or_derived(&self) -> String {
        if self.pointer.is_empty() && !self.field.is_empty() {
            path::to_pointer(&self.field)
        } else {
            self.pointer.clone()
        }
    }
}

impl Serialize for FieldViolation {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let rejected = self.wire_rejected_value();
        let len = 3
            + usize::from(self.reason.is_some())
            + usize::from(rejected.is_some())
            + usize::from(self.expected.is_some());
        let mut s = serializer.serialize_struct("FieldViolation", len)?;
        s.serialize_field("field", &self.field)?;
        s.serialize_field("pointer", &self.pointer_or_derived())?;
        if let Some(reason) = &self.reason {
            s.serialize_field("reason", reason)?;
        }
        s.serialize_field("message", &self.message)?;
        if let Some(rejected) = &rejected {
            s.serialize_field("rejected_value", rejected)?;
        }
        if let Some(expected) = &self.expected {
            s.serialize_field("expected", expected)?;
        }
        s.end()
    }
}

/// The resource a not-found or conflict error refers to, such as the id of
/// the lead that already has this email.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(description = "The resource a not-found or conflict error refers to."))]
#[non_exhaustive]
pub struct ResourceRef {
    /// The kind of resource, such as `lead`.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Its identifier, such as `lead_existing123`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
}

impl ResourceRef {
    /// A reference to the resource of `kind` with `id`.
    pub fn new(kind: impl Into<String>, id: impl Into<String>) -> ResourceRef {
        ResourceRef { kind: Some(kind.into()), id: Some(id.into()) }
    }
}

/// Structured details of an error.
///
/// Members this crate does not model are kept in `extensions` and survive a
/// round trip; top-level extension members whose name is sensitive are
/// redacted when serialised.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(
    feature = "schema",
    schemars(
        description = "Structured details: field problems, retry hint, resource, and any other members as extensions."
    )
)]
#[non_exhaustive]
pub struct Details {
    /// Problems with individual fields, in the order they were found.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldViolation>,
    /// How many seconds to wait before retrying.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<u64>,
    /// The resource the error refers to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource: Option<ResourceRef>,
    /// Any other members, kept as received.
    #[serde(flatten)]
    pub extensions: Map<String, Value>,
}

impl Details {
    /// Whether there is nothing to serialise.
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty() && self.retry_after.is_none() && self.resource.is_none() && self.extensions.is_empty()
    }
}

impl Serialize for Details {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        if !self.fields.is_empty() {
            map.serialize_entry("fields", &self.fields)?;
        }
        if let Some(retry_after) = self.retry_after {
            map.serialize_entry("retry_after", &retry_after)?;
        }
        if let Some(resource) = &self.resource {
            map.serialize_entry("resource", resource)?;
        }
        for (key, value) in &self.extensions {
            if is_sensitive_field(key) {
                map.serialize_entry(key, REDACTED)?;
            } else {
                map.serialize_entry(key, value)?;
            }
        }
        map.end()
    }
}
