//! Error details: field violations, the retry hint, the resource an error
//! refers to, and extension members.
//!
//! All of it is optional; an error without details serialises without a
//! `details` member.

use serde::{Deserialize, Serialize, Serializer};
use serde_json::{Map, Value};

use crate::path::{self, PathStyle};
use crate::redact::{Extensions, RejectedValue, SensitiveNames};

/// One problem with one field of the request. An error may carry many (bulk
/// requests report every failing item at once).
///
/// The rejected value of a [sensitive field](crate::redact) is replaced with
/// [`REDACTED`](crate::redact::REDACTED) when serialised (by the built-in
/// names here; an encoder given a service's own
/// [`SensitiveNames`] applies those).
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
#[derive(Clone, PartialEq, Deserialize)]
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
    /// A violation with every member empty: what a decoder reading an item
    /// in place fills in, at the end of its list.
    pub(crate) const fn blank() -> FieldViolation {
        FieldViolation {
            field: String::new(),
            pointer: String::new(),
            reason: None,
            message: String::new(),
            rejected_value: None,
            expected: None,
        }
    }

    /// A violation of `field` (any [path style](crate::path)), with its JSON
    /// Pointer derived from it.
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> FieldViolation {
        let field = field.into();
        let pointer = path::to_pointer(&field);
        FieldViolation { field, pointer, reason: None, message: message.into(), rejected_value: None, expected: None }
    }

    /// [`FieldViolation::new`] made where it lies, at the end of `list` (a
    /// violation made beside the list would be copied in): what a decoder
    /// reading a list of items calls per field.
    pub(crate) fn push_new(list: &mut Vec<FieldViolation>, field: String, message: String) -> &mut FieldViolation {
        let at = list.len();
        list.resize_with(at + 1, FieldViolation::blank);
        let v = &mut list[at];
        v.pointer = path::to_pointer(&field);
        v.field = field;
        v.message = message;
        v
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

    /// Whether this field's value must not be echoed to a client, by the
    /// built-in names ([`SensitiveNames::defaults`]).
    pub fn is_sensitive(&self) -> bool {
        self.is_sensitive_to(SensitiveNames::defaults())
    }

    /// Whether this field's value must not be echoed to a client, by `names`.
    pub fn is_sensitive_to(&self, names: &SensitiveNames) -> bool {
        names.is_sensitive(&self.field) || names.is_sensitive(&self.pointer)
    }

    /// The rejected value as it may be sent to a client: [`REDACTED`](crate::redact::REDACTED) for a
    /// sensitive field, else the value with its sensitive members redacted
    /// at any depth, by the built-in names. Every encoder writes this view
    /// (with the names it was given).
    pub fn wire_rejected_value(&self) -> Option<impl Serialize + '_> {
        self.rejected_view(SensitiveNames::defaults())
    }

    /// The rejected value as it is sent when `names` are the sensitive ones.
    pub(crate) fn rejected_view<'a>(&'a self, names: &'a SensitiveNames) -> Option<RejectedValue<'a>> {
        Some(RejectedValue::new(self.rejected_value.as_ref()?, self.is_sensitive_to(names), names))
    }

    /// The JSON Pointer, derived from `field` when it was not given.
    pub fn pointer_or_derived(&self) -> String {
        if self.pointer.is_empty() && !self.field.is_empty() {
            path::to_pointer(&self.field)
        } else {
            self.pointer.clone()
        }
    }

    /// The JSON Pointer as it is written: the one given, or derived from `field`.
    pub(crate) fn wire_pointer(&self) -> Pointer<'_> {
        Pointer(self)
    }
}

/// A [`FieldViolation`] as it is written: its serde and JSON Schema form.
#[derive(Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(
    feature = "schema",
    schemars(
        rename = "FieldViolation",
        description = "One problem with one field of the request; rejected values of sensitive fields are redacted."
    )
)]
struct ViolationView<'a> {
    /// The field as the client wrote it: `email`, `leads.0.phone`, `items[0].name`.
    field: &'a str,
    /// The same field as a JSON Pointer (RFC 6901): `/leads/0/phone`.
    pointer: Pointer<'a>,
    /// A machine-readable reason, such as `REQUIRED` or `INVALID_FORMAT`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    reason: Option<&'a str>,
    /// A human-readable message about this field.
    message: &'a str,
    /// The value the client sent, if it helps; redacted for sensitive fields.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "serde_json::Value"))]
    rejected_value: Option<RejectedValue<'a>>,
    /// What was expected instead, such as `a valid email address`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    expected: Option<&'a str>,
}

impl<'a> ViolationView<'a> {
    fn new(v: &'a FieldViolation, names: &'a SensitiveNames) -> ViolationView<'a> {
        ViolationView {
            field: &v.field,
            pointer: Pointer(v),
            reason: v.reason.as_deref(),
            message: &v.message,
            rejected_value: v.rejected_view(names),
            expected: v.expected.as_deref(),
        }
    }
}

impl Serialize for FieldViolation {
    /// Redacted by the built-in names ([`SensitiveNames::defaults`]).
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        ViolationView::new(self, SensitiveNames::defaults()).serialize(serializer)
    }
}

/// A list of [`FieldViolation`]s as they are written, redacted by `names`.
/// Its JSON Schema is that of `Vec<FieldViolation>` (fields of this type
/// say so with `schemars(with = "Vec<FieldViolation>")`).
#[derive(Clone, Copy)]
pub(crate) struct Violations<'a> {
    pub(crate) fields: &'a [FieldViolation],
    pub(crate) names: &'a SensitiveNames,
}

impl Violations<'_> {
    pub(crate) fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }
}

impl Serialize for Violations<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.fields.iter().map(|v| ViolationView::new(v, self.names)))
    }
}

/// A list of field problems as a shape writes it beside its extensions
/// (the `details` of the canonical, nested and bare shapes, RFC 9457's
/// `errors`, Stripe's `fields`): left out when it is empty, unless the
/// object [says it has none](says_no_fields).
#[derive(Clone, Copy)]
pub(crate) struct FieldList<'a> {
    pub(crate) list: Violations<'a>,
    say_none: bool,
}

impl<'a> FieldList<'a> {
    /// `list`, written beside `extensions`.
    pub(crate) fn new(list: Violations<'a>, extensions: &Extensions<'_>) -> FieldList<'a> {
        FieldList { list, say_none: says_no_fields(list.fields, extensions) }
    }

    /// The same, written only when it has items: for an object that writes
    /// a field problem in other members (the nested shape's single one,
    /// Stripe's `param`).
    pub(crate) fn unmarked(self) -> FieldList<'a> {
        FieldList { say_none: false, ..self }
    }

    /// Whether the list is left out.
    pub(crate) fn is_unwritten(&self) -> bool {
        self.list.is_empty() && !self.say_none
    }
}

impl Serialize for FieldList<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.list.serialize(serializer)
    }
}

/// Whether an object that writes no field problems says so, with an empty
/// list of them: when one of the `extensions` written beside is a non-empty
/// list or object, or a text under a name of [`FIELD_NAMES_BESIDE`]. A
/// reader of other APIs' bodies takes such members for field errors
/// (`{"email": [{"message": "is taken"}]}` as a `details` object, an
/// `invalidFields` list or a `fields` map beside RFC 9457's members) or for
/// the one field the error is about (`"param": "email"`); an object that has
/// its own list of field problems, even an empty one, has them there, and
/// its other members are extensions.
pub(crate) fn says_no_fields(fields: &[FieldViolation], extensions: &Extensions<'_>) -> bool {
    fields.is_empty()
        && extensions.members().any(|(name, m)| {
            m.is_written_as_structure() || (FIELD_NAMES_BESIDE.contains(&name.as_str()) && m.is_written_as_string())
        })
}

/// The names under which a text beside an error's own members names the
/// one field it is about (`"param": "email"`, `"parameter": "ReferenceId"`),
/// as the reader of other APIs' bodies takes them: an object that writes
/// no field problems but an extension of these names as a text says so
/// ([`says_no_fields`]).
pub(crate) const FIELD_NAMES_BESIDE: &[&str] =
    &["field", "param", "parameter", "propertyPath", "property", "propertyName", "attr"];

/// The JSON Pointer of a violation: the one it carries, else derived from
/// its field as it is written.
pub(crate) struct Pointer<'a>(pub(crate) &'a FieldViolation);

impl Serialize for Pointer<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let v = self.0;
        if v.pointer.is_empty() && !v.field.is_empty() {
            serializer.collect_str(&path::Render::new(&v.field, PathStyle::Pointer))
        } else {
            serializer.serialize_str(&v.pointer)
        }
    }
}

hand_schema! {
    Pointer<'_> => "Pointer", |_g| schemars::json_schema!({ "type": "string" });
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
    /// A reference to the resource of `kind` with `id`. Both are echoed
    /// in the body, so each is cut to
    /// [`MAX_ECHO_BYTES`](crate::limits::MAX_ECHO_BYTES) (an id taken from
    /// a request's path may be anything).
    pub fn new(kind: impl Into<String>, id: impl Into<String>) -> ResourceRef {
        let echo = |s: String| crate::text::cut(&s, crate::limits::MAX_ECHO_BYTES).into_owned();
        ResourceRef { kind: Some(echo(kind.into())), id: Some(echo(id.into())) }
    }
}

/// The details member that counts the field violations an error left out
/// past [`MAX_FIELD_VIOLATIONS`](crate::limits::MAX_FIELD_VIOLATIONS) (an
/// extension, so every dialect writes it and reads it back).
pub const OMITTED_FIELDS: &str = "omitted_fields";

/// Structured details of an error.
///
/// Members this crate does not model are kept in `extensions` and survive a
/// round trip. When serialised, an extension named like a typed member
/// (`fields`, `retry_after`, `resource`) is skipped, and every member whose
/// name is [sensitive](crate::redact), at any depth, is redacted.
#[derive(Clone, Default, PartialEq, Deserialize)]
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
    /// Links to documentation about the error (`google.rpc.Help`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub help: Vec<HelpLink>,
    /// The message in the user's language (`google.rpc.LocalizedMessage`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub localized_message: Option<LocalizedMessage>,
    /// The quotas that were exceeded (`google.rpc.QuotaFailure`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quota_violations: Vec<QuotaViolation>,
    /// The preconditions that failed (`google.rpc.PreconditionFailure`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub precondition_violations: Vec<PreconditionViolation>,
    /// Any other members, kept as received (see the type's docs for how
    /// they are written).
    #[serde(flatten)]
    pub extensions: Map<String, Value>,
}

/// A link to documentation about an error (`google.rpc.Help.Link`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct HelpLink {
    /// What the link offers.
    #[serde(default)]
    pub description: String,
    /// The URL.
    #[serde(default)]
    pub url: String,
}

impl HelpLink {
    /// A link to `url`, offering `description`.
    pub fn new(description: impl Into<String>, url: impl Into<String>) -> HelpLink {
        HelpLink { description: description.into(), url: url.into() }
    }
}

/// An error message in the user's language (`google.rpc.LocalizedMessage`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct LocalizedMessage {
    /// The BCP 47 locale, such as `en-US`.
    #[serde(default)]
    pub locale: String,
    /// The message.
    #[serde(default)]
    pub message: String,
}

impl LocalizedMessage {
    /// `message` in `locale`.
    pub fn new(locale: impl Into<String>, message: impl Into<String>) -> LocalizedMessage {
        LocalizedMessage { locale: locale.into(), message: message.into() }
    }
}

/// A quota that was exceeded (`google.rpc.QuotaFailure.Violation`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct QuotaViolation {
    /// What the quota applies to, such as `project:123`.
    #[serde(default)]
    pub subject: String,
    /// How it was exceeded.
    #[serde(default)]
    pub description: String,
}

impl QuotaViolation {
    /// The quota of `subject`, exceeded as `description` says.
    pub fn new(subject: impl Into<String>, description: impl Into<String>) -> QuotaViolation {
        QuotaViolation { subject: subject.into(), description: description.into() }
    }
}

/// A precondition that failed (`google.rpc.PreconditionFailure.Violation`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct PreconditionViolation {
    /// The kind of precondition, such as `TOS`.
    #[serde(default, rename = "type")]
    pub kind: String,
    /// What it applies to.
    #[serde(default)]
    pub subject: String,
    /// How it failed.
    #[serde(default)]
    pub description: String,
}

impl PreconditionViolation {
    /// A failed precondition of kind `kind` (such as `TOS`) on `subject`.
    pub fn new(
        kind: impl Into<String>,
        subject: impl Into<String>,
        description: impl Into<String>,
    ) -> PreconditionViolation {
        PreconditionViolation { kind: kind.into(), subject: subject.into(), description: description.into() }
    }
}

impl Details {
    /// Whether nothing of them would be serialised (extensions named like a
    /// typed member are not).
    pub fn is_empty(&self) -> bool {
        DetailsView::new(self, SensitiveNames::defaults()).is_empty()
    }
}

/// The member names canonical details write themselves besides their
/// [tail](TAIL_MEMBERS); an extension of one of these names is not written
/// (see [`Details::extensions`]).
pub(crate) const DETAILS_MEMBERS: &[&str] = &["fields"];

/// [`Details`] as they are written: their serde and JSON Schema form.
#[derive(Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(
    feature = "schema",
    schemars(
        rename = "Details",
        description = "Structured details: field problems, retry hint, resource, and any other members as extensions."
    )
)]
pub(crate) struct DetailsView<'a> {
    /// Problems with individual fields, in the order they were found.
    #[serde(skip_serializing_if = "FieldList::is_unwritten")]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<FieldViolation>"))]
    fields: FieldList<'a>,
    /// The retry hint, the resource and the extensions.
    #[serde(flatten)]
    tail: DetailsTail<'a>,
}

impl<'a> DetailsView<'a> {
    /// `d` as it is written, redacted by `names`.
    pub(crate) fn new(d: &'a Details, names: &'a SensitiveNames) -> DetailsView<'a> {
        let tail = DetailsTail::of(d, DETAILS_MEMBERS, names);
        DetailsView { fields: FieldList::new(Violations { fields: &d.fields, names }, &tail.extensions), tail }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.fields.is_unwritten() && self.tail.is_empty()
    }
}

/// How the details objects of the canonical, nested and bare shapes end:
/// the retry hint, the resource, then the extensions (less `reserved`).
#[derive(Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub(crate) struct DetailsTail<'a> {
    /// How many seconds to wait before retrying.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "u64"))]
    retry_after: Option<u64>,
    /// The resource the error refers to.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "ResourceRef"))]
    resource: Option<&'a ResourceRef>,
    /// Links to documentation about the error.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    help: &'a [HelpLink],
    /// The message in the user's language.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "LocalizedMessage"))]
    localized_message: Option<&'a LocalizedMessage>,
    /// The quotas that were exceeded.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    quota_violations: &'a [QuotaViolation],
    /// The preconditions that failed.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    precondition_violations: &'a [PreconditionViolation],
    /// Any other members, kept as received.
    #[serde(flatten)]
    extensions: Extensions<'a>,
}

/// The member names [`DetailsTail`] writes, which its extensions skip.
pub(crate) const TAIL_MEMBERS: [&str; 6] =
    ["retry_after", "resource", "help", "localized_message", "quota_violations", "precondition_violations"];

impl<'a> DetailsTail<'a> {
    pub(crate) fn of(d: &'a Details, reserved: &'static [&'static str], names: &'a SensitiveNames) -> DetailsTail<'a> {
        DetailsTail {
            retry_after: d.retry_after,
            resource: d.resource.as_ref(),
            help: &d.help,
            localized_message: d.localized_message.as_ref(),
            quota_violations: &d.quota_violations,
            precondition_violations: &d.precondition_violations,
            extensions: Extensions::from_map(&d.extensions, reserved, names).beside(&TAIL_MEMBERS),
        }
    }

    /// The extensions it writes.
    pub(crate) fn extensions(&self) -> &Extensions<'a> {
        &self.extensions
    }

    /// The same, also skipping the extensions named in `written`.
    pub(crate) fn skipping(self, written: &'a [&'a str]) -> DetailsTail<'a> {
        DetailsTail { extensions: self.extensions.skipping(written), ..self }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.retry_after.is_none()
            && self.resource.is_none()
            && self.help.is_empty()
            && self.localized_message.is_none()
            && self.quota_violations.is_empty()
            && self.precondition_violations.is_empty()
            && self.extensions.is_empty()
    }
}

impl Serialize for Details {
    /// Writes the typed members, then the extensions: those named like a
    /// typed member are skipped, sensitive ones (by the built-in names,
    /// [`SensitiveNames::defaults`]) redacted.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        DetailsView::new(self, SensitiveNames::defaults()).serialize(serializer)
    }
}

schema_as! {
    Details => DetailsView<'static>;
    FieldViolation => ViolationView<'static>;
}

/// Writes a value as the JSON a client would see (redacted).
struct AsJson<T>(T);

impl<T: Serialize> std::fmt::Debug for AsJson<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match serde_json::to_string(&self.0) {
            Ok(json) => f.write_str(&json),
            Err(_) => f.write_str("<unserialisable>"),
        }
    }
}

impl std::fmt::Debug for FieldViolation {
    /// Redacted as on the wire: a sensitive field's rejected value, and
    /// sensitive members at any depth of it, are not shown.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut d = f.debug_struct("FieldViolation");
        d.field("field", &self.field).field("pointer", &self.pointer).field("reason", &self.reason);
        d.field("message", &self.message);
        if let Some(value) = self.wire_rejected_value() {
            d.field("rejected_value", &AsJson(value));
        }
        d.field("expected", &self.expected).finish()
    }
}

impl std::fmt::Debug for Details {
    /// Redacted as on the wire.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Details")
            .field("fields", &self.fields)
            .field("retry_after", &self.retry_after)
            .field("resource", &self.resource)
            .field("help", &self.help)
            .field("localized_message", &self.localized_message)
            .field("quota_violations", &self.quota_violations)
            .field("precondition_violations", &self.precondition_violations)
            .field("extensions", &AsJson(Extensions::from_map(&self.extensions, &[], SensitiveNames::defaults())))
            .finish()
    }
}
