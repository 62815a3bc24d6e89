//! `google.rpc.Status` as Google APIs send it (AIP-193):
//! `{"error": {"code": <http status>, "message", "status": "<CANONICAL_CODE>", "details": [...]}}`.
//!
//! The error code is `ErrorInfo.reason` (with `domain`, an extension
//! `domain` or `error-contract`, and `metadata`, the error's other
//! extensions); field problems are `BadRequest.fieldViolations`; the retry
//! hint is `RetryInfo.retryDelay`; the request id `RequestInfo.requestId`;
//! the resource `ResourceInfo`; the documentation link `Help` (the error's
//! [`docs_url`](crate::ApiError::docs_url) as one link described by the
//! code's title, unless the error has help links of its own). Details are
//! written in that order. A body whose `Help` is that one link reads back
//! as the error's documentation link.
//!
//! # Example
//!
//! A validation error with one field problem and a request id, from a
//! service whose docs base is `https://docs.example.com/errors/` (the
//! `dialect_docs` test checks this is what the encoder writes):
//!
//! ```json
//! {
//!   "error": {
//!     "code": 400,
//!     "message": "Invalid request data",
//!     "status": "INVALID_ARGUMENT",
//!     "details": [
//!       {
//!         "@type": "type.googleapis.com/google.rpc.ErrorInfo",
//!         "reason": "VALIDATION_ERROR",
//!         "domain": "error-contract",
//!         "metadata": {}
//!       },
//!       {
//!         "@type": "type.googleapis.com/google.rpc.BadRequest",
//!         "fieldViolations": [
//!           {
//!             "field": "email",
//!             "description": "Must be a valid email address",
//!             "reason": "INVALID_FORMAT"
//!           }
//!         ]
//!       },
//!       {
//!         "@type": "type.googleapis.com/google.rpc.RequestInfo",
//!         "requestId": "req_123"
//!       },
//!       {
//!         "@type": "type.googleapis.com/google.rpc.Help",
//!         "links": [
//!           {
//!             "description": "Validation error",
//!             "url": "https://docs.example.com/errors/codes/VALIDATION_ERROR.html"
//!           }
//!         ]
//!       }
//!     ]
//!   }
//! }
//! ```

use serde::ser::SerializeSeq;
use serde::{Serialize, Serializer};

use super::super::Dialect;
use serde_json::Value;

use super::super::any::{AnyBody, DetailItems, DetailsMember, GoogleType, Scalar, TypeUrl, take_member};
use super::super::encode::Display;
use super::super::encode::stated_message;
use super::super::parse::{Context, error_object, finish_sent, identify, note_sent, sends_code};
use crate::decode::DecodeError;
use crate::redact::{Extensions, SensitiveNames};
use crate::{
    ApiError, Code, Details, FieldViolation, HelpLink, LocalizedMessage, PreconditionViolation, QuotaViolation,
    ResourceRef,
};

use crate::rpc::{DEFAULT_DOMAIN, METADATA_RESERVED};

/// The body.
#[derive(Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "GoogleError"))]
pub(crate) struct Body<'a> {
    /// The `google.rpc.Status`.
    error: Status<'a>,
}

/// `google.rpc.Status`.
#[derive(Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "GoogleStatus", transform = details_optional))]
struct Status<'a> {
    /// The HTTP status.
    code: u16,
    /// The human message.
    message: std::borrow::Cow<'a, str>,
    /// The `google.rpc.Code` name of the error's code, by the one table of
    /// AIP-193 mappings (`error_model::rpc`).
    status: &'static str,
    /// Typed details, each with its `@type`.
    details: TypedDetails<'a>,
}

/// Bodies of other Google APIs may have no details.
#[cfg(feature = "schema")]
fn details_optional(schema: &mut schemars::Schema) {
    super::super::encode::schema_fns::unrequire(schema, &["status", "details"]);
}

/// The typed details an error is written with, redacted by the names given.
struct TypedDetails<'a>(&'a ApiError, &'a SensitiveNames);

/// One typed detail, by its `@type`.
#[derive(Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "GoogleDetail"))]
#[serde(untagged)]
enum Detail<'a> {
    /// `google.rpc.ErrorInfo`.
    ErrorInfo {
        #[serde(rename = "@type")]
        #[cfg_attr(feature = "schema", schemars(with = "String"))]
        type_: &'static str,
        /// The error code.
        reason: &'a Code,
        /// The error's domain.
        domain: &'a str,
        /// The error's other extensions, as the string map the proto defines
        /// (values that are not strings are written as their JSON text).
        metadata: StringMap<'a>,
    },
    /// `google.rpc.BadRequest`.
    BadRequest {
        #[serde(rename = "@type")]
        #[cfg_attr(feature = "schema", schemars(with = "String"))]
        type_: &'static str,
        /// One per field problem.
        #[serde(rename = "fieldViolations", serialize_with = "violations")]
        #[cfg_attr(feature = "schema", schemars(with = "Vec<Violation<'static>>"))]
        field_violations: &'a [FieldViolation],
    },
    /// `google.rpc.RetryInfo`.
    RetryInfo {
        #[serde(rename = "@type")]
        #[cfg_attr(feature = "schema", schemars(with = "String"))]
        type_: &'static str,
        /// The delay, as a protobuf duration (`"60s"`).
        #[serde(rename = "retryDelay")]
        #[cfg_attr(feature = "schema", schemars(with = "String"))]
        retry_delay: Display<Seconds>,
    },
    /// `google.rpc.RequestInfo`.
    RequestInfo {
        #[serde(rename = "@type")]
        #[cfg_attr(feature = "schema", schemars(with = "String"))]
        type_: &'static str,
        /// The request id.
        #[serde(rename = "requestId")]
        request_id: &'a str,
    },
    /// `google.rpc.ResourceInfo`.
    ResourceInfo {
        #[serde(rename = "@type")]
        #[cfg_attr(feature = "schema", schemars(with = "String"))]
        type_: &'static str,
        /// The kind of resource.
        #[serde(rename = "resourceType")]
        resource_type: &'a str,
        /// Its name (id).
        #[serde(rename = "resourceName")]
        resource_name: &'a str,
    },
    /// `google.rpc.Help`.
    Help {
        #[serde(rename = "@type")]
        #[cfg_attr(feature = "schema", schemars(with = "String"))]
        type_: &'static str,
        /// Links to documentation.
        #[cfg_attr(feature = "schema", schemars(with = "Vec<HelpLink>"))]
        links: HelpLinks<'a>,
    },
    /// `google.rpc.LocalizedMessage`.
    LocalizedMessage {
        #[serde(rename = "@type")]
        #[cfg_attr(feature = "schema", schemars(with = "String"))]
        type_: &'static str,
        /// The BCP 47 locale.
        locale: &'a str,
        /// The message in it.
        message: &'a str,
    },
    /// `google.rpc.QuotaFailure`.
    QuotaFailure {
        #[serde(rename = "@type")]
        #[cfg_attr(feature = "schema", schemars(with = "String"))]
        type_: &'static str,
        /// The quotas that were exceeded.
        violations: &'a [QuotaViolation],
    },
    /// `google.rpc.PreconditionFailure`.
    PreconditionFailure {
        #[serde(rename = "@type")]
        #[cfg_attr(feature = "schema", schemars(with = "String"))]
        type_: &'static str,
        /// The preconditions that failed.
        violations: &'a [PreconditionViolation],
    },
    /// Another typed detail (DebugInfo, ...), which this encoder does not
    /// write but readers must accept.
    #[allow(dead_code)]
    Other {
        #[serde(rename = "@type")]
        #[cfg_attr(feature = "schema", schemars(with = "String"))]
        type_: &'a str,
    },
}

/// Extensions written as a map of strings: a string as it is, any other
/// value (redacted) as its JSON text.
struct StringMap<'a>(Extensions<'a>);

impl Serialize for StringMap<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(None)?;
        for (name, member) in self.0.members() {
            if member.is_written_as_string() {
                map.serialize_entry(name, &member)?;
            } else {
                map.serialize_entry(name, &JsonText(&member))?;
            }
        }
        map.end()
    }
}

/// A value written as the text of its JSON, without building the text.
struct JsonText<'a, T>(&'a T);

impl<T: Serialize> Serialize for JsonText<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<T: Serialize> std::fmt::Display for JsonText<'_, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        /// `io::Write` onto a formatter: serde_json writes whole UTF-8 runs.
        struct Adapter<'a, 'b>(&'a mut std::fmt::Formatter<'b>);
        impl std::io::Write for Adapter<'_, '_> {
            fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
                let text = std::str::from_utf8(buf).map_err(std::io::Error::other)?;
                self.0.write_str(text).map_err(std::io::Error::other)?;
                Ok(buf.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        serde_json::to_writer(Adapter(f), self.0).map_err(|_| std::fmt::Error)
    }
}

hand_schema! {
    StringMap<'_> => "StringMap", |_g| schemars::json_schema!({ "type": "object", "additionalProperties": { "type": "string" } });
}

/// One `BadRequest.FieldViolation`.
#[derive(Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "GoogleFieldViolation"))]
struct Violation<'a> {
    /// The field path.
    field: &'a str,
    /// The message.
    description: &'a str,
    /// The reason.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    reason: Option<&'a str>,
}

fn violations<S: Serializer>(fields: &&[FieldViolation], serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_seq(fields.iter().map(|v| Violation {
        field: &v.field,
        description: &v.message,
        reason: v.reason.as_deref(),
    }))
}

/// A whole number of seconds as a protobuf duration: `60s`.
struct Seconds(u64);

impl std::fmt::Display for Seconds {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}s", self.0)
    }
}

impl Serialize for TypedDetails<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let err = self.0;
        let mut seq = serializer.serialize_seq(None)?;
        seq.serialize_element(&Detail::ErrorInfo {
            type_: GoogleType::ErrorInfo.url(),
            reason: err.code(),
            domain: err.extension_str("domain").unwrap_or(DEFAULT_DOMAIN),
            metadata: StringMap(err.extensions_except(METADATA_RESERVED, self.1)),
        })?;
        if !err.fields().is_empty() {
            seq.serialize_element(&Detail::BadRequest {
                type_: GoogleType::BadRequest.url(),
                field_violations: err.fields(),
            })?;
        }
        if let Some(secs) = err.retry_after() {
            seq.serialize_element(&Detail::RetryInfo {
                type_: GoogleType::RetryInfo.url(),
                retry_delay: Display(Seconds(secs)),
            })?;
        }
        if let Some(id) = err.request_id() {
            seq.serialize_element(&Detail::RequestInfo { type_: GoogleType::RequestInfo.url(), request_id: id })?;
        }
        let d = err.details();
        if !d.quota_violations.is_empty() {
            seq.serialize_element(&Detail::QuotaFailure {
                type_: GoogleType::QuotaFailure.url(),
                violations: &d.quota_violations,
            })?;
        }
        if !d.precondition_violations.is_empty() {
            seq.serialize_element(&Detail::PreconditionFailure {
                type_: GoogleType::PreconditionFailure.url(),
                violations: &d.precondition_violations,
            })?;
        }
        if !d.help.is_empty() {
            seq.serialize_element(&Detail::Help { type_: GoogleType::Help.url(), links: HelpLinks::Given(&d.help) })?;
        } else if let Some(url) = err.docs_url() {
            let links = HelpLinks::Docs { description: err.code().docs_description(), url };
            seq.serialize_element(&Detail::Help { type_: GoogleType::Help.url(), links })?;
        }
        if let Some(localized) = &d.localized_message {
            seq.serialize_element(&Detail::LocalizedMessage {
                type_: GoogleType::LocalizedMessage.url(),
                locale: &localized.locale,
                message: &localized.message,
            })?;
        }
        if let Some(resource) = &err.details().resource {
            seq.serialize_element(&Detail::ResourceInfo {
                type_: GoogleType::ResourceInfo.url(),
                resource_type: resource.kind.as_deref().unwrap_or_default(),
                resource_name: resource.id.as_deref().unwrap_or_default(),
            })?;
        }
        seq.end()
    }
}

/// `Help.links`: the error's own, or its documentation link.
enum HelpLinks<'a> {
    Given(&'a [HelpLink]),
    Docs { description: &'a str, url: &'a str },
}

impl Serialize for HelpLinks<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Link<'a> {
            description: &'a str,
            url: &'a str,
        }
        match self {
            HelpLinks::Given(links) => links.serialize(serializer),
            HelpLinks::Docs { description, url } => serializer.collect_seq([Link { description, url }]),
        }
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for TypedDetails<'_> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "GoogleDetails".into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        generator.subschema_for::<Vec<Detail<'static>>>()
    }
}

pub(crate) fn body<'a>(err: &'a ApiError, names: &'a SensitiveNames) -> Body<'a> {
    Body {
        error: Status {
            code: Dialect::Google.wire_status(err).as_u16(),
            message: stated_message(err),
            // The one rule from a code and status to google.rpc.Code.
            status: crate::status::rpc_code(err.code(), err.status()).as_str(),
            details: TypedDetails(err, names),
        },
    }
}

/// `"1.5s"` → 2 seconds (rounded up).
fn parse_duration(s: &str) -> Option<u64> {
    let secs: f64 = s.strip_suffix('s')?.parse().ok()?;
    (secs.is_finite() && secs >= 0.0).then(|| secs.ceil() as u64)
}

pub(crate) fn decode(body: &mut AnyBody, ctx: &Context<'_>) -> Result<ApiError, DecodeError> {
    let obj = error_object(body)?;
    let mut details = Details::default();
    // ErrorInfo's reason, as sent (the last ErrorInfo's).
    let mut reason = None;
    let mut request_id = None;
    if let Some(DetailsMember::List(items)) = obj.details.take() {
        // Typed details have an `@type`: only items with more than a field and a message.
        let DetailItems { mut violations, more } = items;
        for (at, item) in more {
            let item_message = item.message.then(|| std::mem::take(&mut violations[at].message));
            // Taken member by member: the rarer members are many, and moving them out of their box copies them all.
            let Some(mut item) = item.rare else { continue };
            let Some(TypeUrl(Some(kind))) = item.type_url else { continue };
            match kind {
                GoogleType::Help => details.help = item.links.take().unwrap_or_default(),
                GoogleType::LocalizedMessage => {
                    details.localized_message = Some(LocalizedMessage::new(
                        item.locale.take().unwrap_or_default(),
                        item_message.unwrap_or_default(),
                    ));
                }
                GoogleType::QuotaFailure => {
                    details.quota_violations =
                        item.violations.take().and_then(|v| serde_json::from_value(v).ok()).unwrap_or_default();
                }
                GoogleType::PreconditionFailure => {
                    details.precondition_violations =
                        item.violations.take().and_then(|v| serde_json::from_value(v).ok()).unwrap_or_default();
                }
                GoogleType::ErrorInfo => {
                    reason = item.reason.take();
                    // Kept only where it is not the default one.
                    if let Some(domain) = item.domain.take() {
                        details.extensions.insert("domain".into(), domain.into());
                    }
                    details.extensions.extend(item.metadata.take().unwrap_or_default());
                }
                GoogleType::BadRequest => {
                    // Read in place, as field violations.
                    let violations = item.field_violations.take().unwrap_or_default().0;
                    if details.fields.is_empty() {
                        details.fields = violations;
                    } else {
                        details.fields.extend(violations);
                    }
                }
                GoogleType::RetryInfo => details.retry_after = item.retry_delay.as_deref().and_then(parse_duration),
                GoogleType::RequestInfo => request_id = item.request_id.take(),
                GoogleType::ResourceInfo => {
                    details.resource = Some(ResourceRef {
                        kind: item.resource_type.take().filter(|s| !s.is_empty()),
                        id: item.resource_name.take().filter(|s| !s.is_empty()),
                    })
                }
            }
        }
    }
    // As sent: the `google.rpc.Code` name, ErrorInfo's reason, then the
    // reasons of the legacy `errors` list.
    // Room for both at once (`vec![status]` would grow for the reason).
    let mut sent: Vec<String> = Vec::with_capacity(2);
    if let Some(Scalar::Str(status)) = obj.status.take() {
        sent.push(status.into_string());
    }
    let code = reason.and_then(|reason| {
        let code = Code::new(&reason);
        sent.push(reason);
        // As every typed shape reads a code: a phrase is none.
        sends_code(&code).then_some(code)
    });
    if let Some(Value::Array(legacy)) = take_member(&mut obj.other, "errors") {
        for e in &legacy {
            if let Some(reason) = e.get("reason").and_then(Value::as_str) {
                note_sent(&mut sent, reason, ctx.limits);
            }
            // A legacy error that names a parameter or field.
            if let Some(location) = e.get("location").and_then(Value::as_str) {
                let message = e.get("message").and_then(Value::as_str).unwrap_or_default();
                details.fields.push(FieldViolation::new(location, message));
            }
        }
    }
    let body_status = obj.code.as_ref().and_then(|c| c.as_int());
    // The one link the encoder writes for the documentation link.
    let docs_link = match details.help.as_slice() {
        [link] if code.as_ref().is_some_and(|c| c.docs_description() == link.description) => {
            details.help.pop().map(|link| link.url)
        }
        _ => None,
    };
    let mut err = finish_sent(Dialect::Google, code, sent, body_status, obj.message.take(), details, ctx);
    if let Some(url) = super::super::parse::link(docs_link) {
        err = err.with_docs_url(url);
    }
    Ok(identify(ctx, err, request_id, None))
}

#[cfg(test)]
mod tests {
    #[test]
    fn durations() {
        assert_eq!(super::parse_duration("60s"), Some(60));
        assert_eq!(super::parse_duration("1.5s"), Some(2));
        assert_eq!(super::parse_duration("-1s"), None);
        assert_eq!(super::parse_duration("60"), None);
    }
}
