//! The cases shared by the `encode`, `decode` and `instructions` benches.
//!
//! One validation error per size (1, 10 and 100,000 field problems, fields
//! `items.{i}.email`, with a request id and a timestamp), encoded in every
//! dialect. For each dialect there is a hand-written minimal
//! `#[derive(Serialize)]` view (borrowed `&str` members, `Option` with
//! `skip_serializing_if`, built from the same `ApiError`) that writes the
//! same JSON as error-model, and a hand-written `#[derive(Deserialize)]`
//! struct (owned, `deny_unknown_fields`) that reads the same document.
//! [`check`] asserts both, for every case; the benches measure them against
//! error-model and, for RFC 9457, against the `http-api-problem` and
//! `problem_details` crates.
//!
//! Lists of field problems are written straight from the error's slice
//! through [`SeqMap`] (a closure per item), so the hand-written encoders do
//! not allocate. The views' members are in the order the typed encoders
//! will write them; the check compares `serde_json::Value`s, so it does not
//! depend on member order.

#![allow(dead_code)]

use std::fmt;

use error_model::wire::{self, Dialect};
use error_model::{ApiError, ErrorCode, FieldViolation, Limits, Timestamp};
use http::{HeaderMap, StatusCode};
use serde::{Serialize, Serializer};
use serde_json::Value;

/// error-model's encoder: the body of `err` in `dialect`, appended to `out`.
pub fn encode_into(dialect: Dialect, err: &ApiError, out: &mut Vec<u8>) {
    dialect.encode_into(err, out);
}

/// One divan group per size, the hand-written struct beside error-model,
/// for the operation `$op(bencher, imp, dialect, n)` of a bench target.
#[allow(unused_macros)] // the instructions bench has groups of its own
macro_rules! size_groups {
    ($op:ident) => {
        size_groups!($op;
            fields_1 => 1, sample_count = 200, sample_size = 200;
            fields_10 => 10, sample_count = 200, sample_size = 50;
            // Light: each body is megabytes.
            fields_100000 => 100_000, sample_count = 5, sample_size = 1;
        );
    };
    ($op:ident; $($group:ident => $n:expr, sample_count = $samples:expr, sample_size = $size:expr;)*) => {$(
        #[divan::bench_group(sample_count = $samples, sample_size = $size)]
        mod $group {
            use super::*;

            #[divan::bench(args = Dialect::ALL)]
            fn hand_written(bencher: Bencher, dialect: Dialect) {
                $op(bencher, Imp::Hand, dialect, $n);
            }

            #[divan::bench(args = Dialect::ALL)]
            fn error_model(bencher: Bencher, dialect: Dialect) {
                $op(bencher, Imp::ErrorModel, dialect, $n);
            }
        }
    )*};
}

/// The numbers of field problems of the cases.
pub const SIZES: [usize; 3] = [1, 10, 100_000];

/// Sizes the RFC 9457 peers are measured at.
pub const PEER_SIZES: [usize; 2] = [1, 10];

/// The validation error with `n` field problems.
pub fn error(n: usize) -> ApiError {
    // With a service's docs base, so that every shape writes its link.
    let docs = error_model::code::DocsBase::from_static("https://docs.example.com/errors/");
    let mut err = ApiError::new(ErrorCode::ValidationError)
        .with_docs_base(&docs)
        .with_request_id("req_1234567890abcdef")
        .with_timestamp(Timestamp::from_unix_millis(1_705_401_000_000));
    // As details, not `with_field`, which keeps at most `MAX_FIELD_VIOLATIONS`.
    let mut details = err.details().clone();
    details.fields =
        (0..n).map(|i| FieldViolation::new(format!("items.{i}.email"), "Must be a valid email address")).collect();
    err = err.with_details(details);
    err
}

/// The document every decoder reads: the hand-written encoder's body, with
/// members in the documented order ([`check`] asserts that it is
/// error-model's document). Taken from the hand-written encoder so that the
/// decode input does not change when error-model's member order does, and
/// because today's field-map and DRF encoders take seconds at 100,000 fields.
pub fn body(dialect: Dialect, err: &ApiError) -> Vec<u8> {
    let mut out = Vec::new();
    hand_encode(dialect, err, &mut out);
    out
}

/// Auto-detecting decode with error-model, as a client calls it: the wire
/// status, no headers. True when it decoded in `expected`.
///
/// This is `wire::decode` with the body-size limit raised to the body's
/// size where it exceeds the default 1 MiB (the 100,000-field cases).
pub fn em_decode(status: StatusCode, headers: &HeaderMap, body: &[u8], expected: Dialect) -> bool {
    // The 100,000-field cases exceed the default body size and field count:
    // raise both, so that both sides build every field.
    let mut limits = Limits::default();
    limits.max_body_bytes = body.len().max(Limits::DEFAULT_MAX_BODY_BYTES);
    limits.max_fields = usize::MAX;
    matches!(wire::decode_with(Some(status), headers, body, &limits), Ok((d, _)) if d == expected)
}

/// The status a body of `dialect` is sent with.
pub fn wire_status(dialect: Dialect, err: &ApiError) -> StatusCode {
    dialect.wire_status(err)
}

// ---------------------------------------------------------------------------
// Small serialisation helpers of the hand-written views.

/// A JSON array of `f(item)` for each item of a slice, written without
/// collecting.
pub struct SeqMap<'a, T, F>(pub &'a [T], pub F);

/// A [`SeqMap`] (the `Fn` bound lets closures borrow from the items).
pub fn seq_map<'a, T, F, V>(items: &'a [T], f: F) -> SeqMap<'a, T, F>
where
    F: Fn(&'a T) -> V,
    V: Serialize,
{
    SeqMap(items, f)
}

impl<'a, T, F, V> Serialize for SeqMap<'a, T, F>
where
    F: Fn(&'a T) -> V,
    V: Serialize,
{
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(&self.1))
    }
}

/// `{"<field>": ["<message>"]}` for fields that are all distinct (as in
/// every case here).
pub struct FieldMessages<'a>(pub &'a [FieldViolation]);

impl Serialize for FieldMessages<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|v| (v.field.as_str(), [v.message.as_str()])))
    }
}

/// Stripe's bracketed `param`: `items.0.email` → `items[0][email]`, written
/// without allocating.
pub struct BracketParam<'a>(pub &'a str);

impl fmt::Display for BracketParam<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, segment) in self.0.split('.').enumerate() {
            if i == 0 {
                f.write_str(segment)?;
            } else {
                f.write_str("[")?;
                f.write_str(segment)?;
                f.write_str("]")?;
            }
        }
        Ok(())
    }
}

impl Serialize for BracketParam<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// An empty JSON object.
#[derive(Serialize)]
pub struct Empty {}

fn timestamp(err: &ApiError) -> Option<&str> {
    err.timestamp().map(Timestamp::as_str)
}

// ---------------------------------------------------------------------------
// Hand-written encoders: one minimal borrowed view per dialect.

pub mod hand_encode {
    use super::*;

    /// A canonical field problem (also nested's, flat's and stripe's `fields` items).
    #[derive(Serialize)]
    pub struct FieldItem<'a> {
        pub field: &'a str,
        pub pointer: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub reason: Option<&'a str>,
        pub message: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub rejected_value: Option<&'a Value>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub expected: Option<&'a str>,
    }

    pub fn field_item(v: &FieldViolation) -> FieldItem<'_> {
        FieldItem {
            field: &v.field,
            pointer: &v.pointer,
            reason: v.reason.as_deref(),
            message: &v.message,
            rejected_value: v.rejected_value.as_ref(),
            expected: v.expected.as_deref(),
        }
    }

    type Fields<'a> = SeqMap<'a, FieldViolation, fn(&'a FieldViolation) -> FieldItem<'a>>;

    fn fields(err: &ApiError) -> Fields<'_> {
        SeqMap(err.fields(), field_item)
    }

    // canonical --------------------------------------------------------------

    #[derive(Serialize)]
    pub struct Canonical<'a> {
        pub error: CanonicalError<'a>,
    }
    #[derive(Serialize)]
    pub struct CanonicalError<'a> {
        pub code: &'a str,
        pub status: u16,
        pub message: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub details: Option<CanonicalDetails<'a>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub request_id: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub timestamp: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub docs_url: Option<&'a str>,
    }
    #[derive(Serialize)]
    pub struct CanonicalDetails<'a> {
        pub fields: Fields<'a>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub retry_after: Option<u64>,
    }

    pub fn canonical(err: &ApiError, out: &mut Vec<u8>) {
        let view = Canonical {
            error: CanonicalError {
                code: err.code().as_str(),
                status: err.status().as_u16(),
                message: err.message(),
                details: (!err.fields().is_empty())
                    .then(|| CanonicalDetails { fields: fields(err), retry_after: err.retry_after() }),
                request_id: err.request_id(),
                timestamp: timestamp(err),
                docs_url: err.docs_url(),
            },
        };
        serde_json::to_writer(out, &view).unwrap();
    }

    // nested -----------------------------------------------------------------

    #[derive(Serialize)]
    pub struct Nested<'a> {
        pub success: bool,
        pub error: NestedError<'a>,
    }
    #[derive(Serialize)]
    pub struct NestedError<'a> {
        pub code: &'a str,
        pub message: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub details: Option<NestedDetails<'a>>,
    }
    /// One simple field problem as `field` and `reason`; several as `fields`.
    #[derive(Serialize)]
    pub struct NestedDetails<'a> {
        #[serde(skip_serializing_if = "Option::is_none")]
        pub field: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub reason: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub fields: Option<Fields<'a>>,
    }

    pub fn nested(err: &ApiError, out: &mut Vec<u8>) {
        let details = match err.fields() {
            [] => None,
            [v] => Some(NestedDetails { field: Some(&v.field), reason: Some(&v.message), fields: None }),
            _ => Some(NestedDetails { field: None, reason: None, fields: Some(fields(err)) }),
        };
        let view = Nested {
            success: false,
            error: NestedError { code: err.code().as_str(), message: err.message(), details },
        };
        serde_json::to_writer(out, &view).unwrap();
    }

    // flat -------------------------------------------------------------------

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Flat<'a> {
        pub success: bool,
        pub error: &'a str,
        pub code: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub details: Option<FlatDetails<'a>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub timestamp: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub request_id: Option<&'a str>,
    }
    /// One field problem inline; several as `fields`.
    #[derive(Serialize)]
    pub struct FlatDetails<'a> {
        #[serde(skip_serializing_if = "Option::is_none")]
        pub field: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub value: Option<&'a Value>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub message: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub expected: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub reason: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub fields: Option<Fields<'a>>,
    }

    pub fn flat(err: &ApiError, out: &mut Vec<u8>) {
        let details = match err.fields() {
            [] => None,
            [v] => Some(FlatDetails {
                field: Some(&v.field),
                value: v.rejected_value.as_ref(),
                message: Some(&v.message),
                expected: v.expected.as_deref(),
                reason: v.reason.as_deref(),
                fields: None,
            }),
            _ => Some(FlatDetails {
                field: None,
                value: None,
                message: None,
                expected: None,
                reason: None,
                fields: Some(fields(err)),
            }),
        };
        let view = Flat {
            success: false,
            error: err.message(),
            code: err.code().as_str(),
            details,
            timestamp: timestamp(err),
            request_id: err.request_id(),
        };
        serde_json::to_writer(out, &view).unwrap();
    }

    // bare -------------------------------------------------------------------

    #[derive(Serialize)]
    pub struct Bare<'a, I> {
        pub code: &'a str,
        pub message: &'a str,
        pub details: BareDetails<I>,
    }
    #[derive(Serialize)]
    pub struct BareDetails<I> {
        pub issues: I,
    }
    #[derive(Serialize)]
    pub struct Issue<'a> {
        pub field: &'a str,
        pub message: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub code: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub value: Option<&'a Value>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub expected: Option<&'a str>,
    }

    pub fn bare(err: &ApiError, out: &mut Vec<u8>) {
        let view = Bare {
            code: err.code().as_str(),
            message: err.message(),
            details: BareDetails {
                issues: seq_map(err.fields(), |v| Issue {
                    field: &v.field,
                    message: &v.message,
                    code: v.reason.as_deref(),
                    value: v.rejected_value.as_ref(),
                    expected: v.expected.as_deref(),
                }),
            },
        };
        serde_json::to_writer(out, &view).unwrap();
    }

    // field-map --------------------------------------------------------------

    /// The code is implied by the status (422) in every case, so not written.
    #[derive(Serialize)]
    pub struct FieldMap<'a> {
        pub message: &'a str,
        pub errors: FieldMessages<'a>,
    }

    pub fn field_map(err: &ApiError, out: &mut Vec<u8>) {
        let view = FieldMap { message: err.message(), errors: FieldMessages(err.fields()) };
        serde_json::to_writer(out, &view).unwrap();
    }

    // detail-list ------------------------------------------------------------

    #[derive(Serialize)]
    pub struct DetailList<'a, I> {
        pub error: DetailListError<'a, I>,
    }
    #[derive(Serialize)]
    pub struct DetailListError<'a, I> {
        pub code: &'a str,
        pub message: &'a str,
        pub details: I,
    }
    #[derive(Serialize)]
    pub struct DetailItem<'a> {
        pub field: &'a str,
        pub message: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub code: Option<&'a str>,
    }

    pub fn detail_list(err: &ApiError, out: &mut Vec<u8>) {
        let view = DetailList {
            error: DetailListError {
                code: err.code().as_str(),
                message: err.message(),
                details: seq_map(err.fields(), |v| DetailItem {
                    field: &v.field,
                    message: &v.message,
                    code: v.reason.as_deref(),
                }),
            },
        };
        serde_json::to_writer(out, &view).unwrap();
    }

    // problem ----------------------------------------------------------------

    #[derive(Serialize)]
    pub struct Problem<'a, I> {
        #[serde(rename = "type")]
        pub type_: &'a str,
        pub title: &'a str,
        pub status: u16,
        pub detail: &'a str,
        pub code: &'a str,
        pub errors: I,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub request_id: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub retry_after: Option<u64>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub timestamp: Option<&'a str>,
    }
    #[derive(Serialize)]
    pub struct ProblemItem<'a> {
        pub pointer: &'a str,
        pub field: &'a str,
        pub detail: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub reason: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub rejected_value: Option<&'a Value>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub expected: Option<&'a str>,
    }

    pub fn problem_item(v: &FieldViolation) -> ProblemItem<'_> {
        ProblemItem {
            pointer: &v.pointer,
            field: &v.field,
            detail: &v.message,
            reason: v.reason.as_deref(),
            rejected_value: v.rejected_value.as_ref(),
            expected: v.expected.as_deref(),
        }
    }

    /// RFC 9457's title: the code's title when `type` is its page, else the status phrase.
    pub fn problem_title(err: &ApiError) -> &'static str {
        match (err.docs_url(), err.code().info()) {
            (Some(_), Some(info)) => info.title(),
            _ => err.status().canonical_reason().unwrap_or("Error"),
        }
    }

    pub fn problem(err: &ApiError, out: &mut Vec<u8>) {
        let view = Problem {
            type_: err.docs_url().unwrap_or("about:blank"),
            title: problem_title(err),
            status: err.status().as_u16(),
            detail: err.message(),
            code: err.code().as_str(),
            errors: SeqMap(err.fields(), problem_item),
            request_id: err.request_id(),
            retry_after: err.retry_after(),
            timestamp: timestamp(err),
        };
        serde_json::to_writer(out, &view).unwrap();
    }

    // google -----------------------------------------------------------------

    #[derive(Serialize)]
    pub struct Google<'a, I> {
        pub error: GoogleError<'a, I>,
    }
    #[derive(Serialize)]
    pub struct GoogleError<'a, I> {
        pub code: u16,
        pub message: &'a str,
        pub status: &'a str,
        pub details: (ErrorInfo<'a>, BadRequest<I>, RequestInfo<'a>, Help<'a>),
    }
    #[derive(Serialize)]
    pub struct Help<'a> {
        #[serde(rename = "@type")]
        pub type_: &'a str,
        pub links: [HelpLink<'a>; 1],
    }
    #[derive(Serialize)]
    pub struct HelpLink<'a> {
        pub description: &'a str,
        pub url: &'a str,
    }
    #[derive(Serialize)]
    pub struct ErrorInfo<'a> {
        #[serde(rename = "@type")]
        pub type_: &'a str,
        pub reason: &'a str,
        pub domain: &'a str,
        pub metadata: Empty,
    }
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    pub struct BadRequest<I> {
        #[serde(rename = "@type")]
        pub type_: &'static str,
        pub field_violations: I,
    }
    #[derive(Serialize)]
    pub struct GoogleViolation<'a> {
        pub field: &'a str,
        pub description: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub reason: Option<&'a str>,
    }
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    pub struct RequestInfo<'a> {
        #[serde(rename = "@type")]
        pub type_: &'a str,
        pub request_id: &'a str,
    }

    pub fn google(err: &ApiError, out: &mut Vec<u8>) {
        let view = Google {
            error: GoogleError {
                code: err.status().as_u16(),
                message: err.message(),
                status: "INVALID_ARGUMENT",
                details: (
                    ErrorInfo {
                        type_: "type.googleapis.com/google.rpc.ErrorInfo",
                        reason: err.code().as_str(),
                        domain: "error-contract",
                        metadata: Empty {},
                    },
                    BadRequest {
                        type_: "type.googleapis.com/google.rpc.BadRequest",
                        field_violations: seq_map(err.fields(), |v| GoogleViolation {
                            field: &v.field,
                            description: &v.message,
                            reason: v.reason.as_deref(),
                        }),
                    },
                    RequestInfo {
                        type_: "type.googleapis.com/google.rpc.RequestInfo",
                        request_id: err.request_id().unwrap_or_default(),
                    },
                    Help {
                        type_: "type.googleapis.com/google.rpc.Help",
                        links: [HelpLink {
                            description: err.code().info().map_or("", |i| i.title()),
                            url: err.docs_url().unwrap_or_default(),
                        }],
                    },
                ),
            },
        };
        serde_json::to_writer(out, &view).unwrap();
    }

    // json-api ---------------------------------------------------------------

    #[derive(Serialize)]
    pub struct JsonApi<'a, I> {
        pub errors: I,
        pub meta: JsonApiMeta<'a>,
    }
    #[derive(Serialize)]
    pub struct JsonApiItem<'a> {
        #[serde(skip_serializing_if = "Option::is_none")]
        pub id: Option<&'a str>,
        pub status: &'a str,
        pub code: &'a str,
        pub title: &'a str,
        pub detail: &'a str,
        pub source: Source<'a>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub links: Option<About<'a>>,
    }
    #[derive(Serialize)]
    pub struct About<'a> {
        pub about: &'a str,
    }
    #[derive(Serialize)]
    pub struct Source<'a> {
        pub pointer: &'a str,
    }
    #[derive(Serialize)]
    pub struct JsonApiMeta<'a> {
        pub message: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub retry_after: Option<u64>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub timestamp: Option<&'a str>,
    }

    pub fn json_api(err: &ApiError, out: &mut Vec<u8>) {
        let id = err.request_id();
        let status = err.status();
        let status = status.as_str();
        let code = err.code().as_str();
        let title = err.code().info().map_or(code, |i| i.title());
        let view = JsonApi {
            errors: seq_map(err.fields(), |v| JsonApiItem {
                id,
                status,
                code,
                title,
                detail: &v.message,
                source: Source { pointer: &v.pointer },
                links: err.docs_url().map(|about| About { about }),
            }),
            meta: JsonApiMeta { message: err.message(), retry_after: err.retry_after(), timestamp: timestamp(err) },
        };
        serde_json::to_writer(out, &view).unwrap();
    }

    // azure ------------------------------------------------------------------

    #[derive(Serialize)]
    pub struct Azure<'a, I> {
        pub error: AzureError<'a, I>,
    }
    #[derive(Serialize)]
    pub struct AzureError<'a, I> {
        pub code: &'a str,
        pub message: &'a str,
        /// The field, when there is exactly one.
        #[serde(skip_serializing_if = "Option::is_none")]
        pub target: Option<&'a str>,
        pub details: I,
        pub innererror: InnerError<'a>,
    }
    #[derive(Serialize)]
    pub struct AzureDetail<'a> {
        pub code: &'a str,
        pub message: &'a str,
        pub target: &'a str,
    }
    #[derive(Serialize)]
    pub struct InnerError<'a> {
        #[serde(skip_serializing_if = "Option::is_none")]
        pub retry_after: Option<u64>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub timestamp: Option<&'a str>,
    }

    pub fn azure(err: &ApiError, out: &mut Vec<u8>) {
        let code = err.code().as_str();
        let view = Azure {
            error: AzureError {
                code,
                message: err.message(),
                target: match err.fields() {
                    [v] => Some(&v.field),
                    _ => None,
                },
                details: seq_map(err.fields(), |v| AzureDetail {
                    code: v.reason.as_deref().unwrap_or(code),
                    message: &v.message,
                    target: &v.field,
                }),
                innererror: InnerError { retry_after: err.retry_after(), timestamp: timestamp(err) },
            },
        };
        serde_json::to_writer(out, &view).unwrap();
    }

    // stripe -----------------------------------------------------------------

    #[derive(Serialize)]
    pub struct Stripe<'a> {
        pub error: StripeError<'a>,
    }
    #[derive(Serialize)]
    pub struct StripeError<'a> {
        #[serde(rename = "type")]
        pub type_: &'a str,
        pub code: &'a str,
        pub message: &'a str,
        pub param: BracketParam<'a>,
        pub fields: Fields<'a>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub doc_url: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub retry_after: Option<u64>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub timestamp: Option<&'a str>,
    }

    pub fn stripe(err: &ApiError, out: &mut Vec<u8>) {
        let view = Stripe {
            error: StripeError {
                type_: "invalid_request_error",
                code: err.code().as_str(),
                message: err.message(),
                param: BracketParam(&err.fields()[0].field),
                fields: fields(err),
                doc_url: err.docs_url(),
                retry_after: err.retry_after(),
                timestamp: timestamp(err),
            },
        };
        serde_json::to_writer(out, &view).unwrap();
    }

    // github -----------------------------------------------------------------

    /// Validation is 422, whose implied code is the error's: no `code` member.
    #[derive(Serialize)]
    pub struct GitHub<'a, I> {
        pub message: &'a str,
        pub errors: I,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub documentation_url: Option<&'a str>,
        pub status: &'a str,
    }
    #[derive(Serialize)]
    pub struct GitHubItem<'a> {
        #[serde(skip_serializing_if = "Option::is_none")]
        pub resource: Option<&'a str>,
        pub field: &'a str,
        pub code: &'a str,
        pub message: &'a str,
    }

    pub fn github(err: &ApiError, out: &mut Vec<u8>) {
        let view = GitHub {
            message: err.message(),
            errors: seq_map(err.fields(), |v| GitHubItem {
                resource: None,
                field: &v.field,
                code: v.reason.as_deref().unwrap_or("invalid"),
                message: &v.message,
            }),
            documentation_url: err.docs_url(),
            status: "422",
        };
        serde_json::to_writer(out, &view).unwrap();
    }

    // drf --------------------------------------------------------------------

    pub fn drf(err: &ApiError, out: &mut Vec<u8>) {
        serde_json::to_writer(out, &FieldMessages(err.fields())).unwrap();
    }

    // graphql ----------------------------------------------------------------

    #[derive(Serialize)]
    pub struct GraphQl<'a> {
        pub errors: GraphQlErrors<'a>,
        pub data: (),
    }
    /// The error's own item, then one per field problem.
    pub struct GraphQlErrors<'a>(pub &'a ApiError);
    #[derive(Serialize)]
    pub struct GraphQlItem<'a, E> {
        pub message: &'a str,
        pub extensions: E,
    }
    #[derive(Serialize)]
    pub struct TopExtensions<'a> {
        pub code: &'a str,
        pub status: u16,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub request_id: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub retry_after: Option<u64>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub timestamp: Option<&'a str>,
    }
    #[derive(Serialize)]
    pub struct FieldExtensions<'a> {
        pub code: &'a str,
        pub field: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub reason: Option<&'a str>,
    }

    impl Serialize for GraphQlErrors<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            use serde::ser::SerializeSeq;
            let err = self.0;
            let code = err.code().as_str();
            let mut seq = s.serialize_seq(Some(1 + err.fields().len()))?;
            seq.serialize_element(&GraphQlItem {
                message: err.message(),
                extensions: TopExtensions {
                    code,
                    status: err.status().as_u16(),
                    request_id: err.request_id(),
                    retry_after: err.retry_after(),
                    timestamp: timestamp(err),
                },
            })?;
            for v in err.fields() {
                seq.serialize_element(&GraphQlItem {
                    message: &v.message,
                    extensions: FieldExtensions { code, field: &v.field, reason: v.reason.as_deref() },
                })?;
            }
            seq.end()
        }
    }

    pub fn graphql(err: &ApiError, out: &mut Vec<u8>) {
        serde_json::to_writer(out, &GraphQl { errors: GraphQlErrors(err), data: () }).unwrap();
    }
}

/// The hand-written encoder of `dialect`.
pub fn hand_encode(dialect: Dialect, err: &ApiError, out: &mut Vec<u8>) {
    use hand_encode as h;
    match dialect {
        Dialect::Canonical => h::canonical(err, out),
        Dialect::Nested => h::nested(err, out),
        Dialect::Flat => h::flat(err, out),
        Dialect::Bare => h::bare(err, out),
        Dialect::FieldMap => h::field_map(err, out),
        Dialect::DetailList => h::detail_list(err, out),
        Dialect::Problem => h::problem(err, out),
        Dialect::Google => h::google(err, out),
        Dialect::JsonApi => h::json_api(err, out),
        Dialect::Azure => h::azure(err, out),
        Dialect::Stripe => h::stripe(err, out),
        Dialect::GitHub => h::github(err, out),
        Dialect::Drf => h::drf(err, out),
        Dialect::GraphQl => h::graphql(err, out),
        other => panic!("no hand-written encoder for {other}"),
    }
}

// ---------------------------------------------------------------------------
// Hand-written decoders: one owned struct set per dialect, for the document
// of the cases (unknown members rejected, so each struct reads it all).

pub mod hand_decode {
    use std::collections::BTreeMap;

    use serde::Deserialize;
    use serde_json::Value;

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct FieldItem {
        pub field: String,
        pub pointer: String,
        pub reason: Option<String>,
        pub message: String,
        pub rejected_value: Option<Value>,
        pub expected: Option<String>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Canonical {
        pub error: CanonicalError,
    }
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct CanonicalError {
        pub code: String,
        pub status: u16,
        pub message: String,
        pub details: Option<CanonicalDetails>,
        pub request_id: Option<String>,
        pub timestamp: Option<String>,
        pub docs_url: Option<String>,
    }
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct CanonicalDetails {
        #[serde(default)]
        pub fields: Vec<FieldItem>,
        pub retry_after: Option<u64>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Nested {
        pub success: bool,
        pub error: NestedError,
    }
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct NestedError {
        pub code: String,
        pub message: String,
        pub details: Option<NestedDetails>,
    }
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct NestedDetails {
        pub field: Option<String>,
        pub reason: Option<String>,
        pub fields: Option<Vec<FieldItem>>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields, rename_all = "camelCase")]
    pub struct Flat {
        pub success: bool,
        pub error: String,
        pub code: String,
        pub details: Option<FlatDetails>,
        pub timestamp: Option<String>,
        pub request_id: Option<String>,
    }
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct FlatDetails {
        pub field: Option<String>,
        pub value: Option<Value>,
        pub message: Option<String>,
        pub expected: Option<String>,
        pub reason: Option<String>,
        pub fields: Option<Vec<FieldItem>>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Bare {
        pub code: String,
        pub message: String,
        pub details: Option<BareDetails>,
    }
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct BareDetails {
        #[serde(default)]
        pub issues: Vec<Issue>,
    }
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Issue {
        pub field: String,
        pub message: String,
        pub code: Option<String>,
        pub value: Option<Value>,
        pub expected: Option<String>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct FieldMap {
        pub message: String,
        #[serde(default)]
        pub errors: BTreeMap<String, Vec<String>>,
        pub code: Option<String>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct DetailList {
        pub error: DetailListError,
    }
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct DetailListError {
        pub code: String,
        pub message: String,
        #[serde(default)]
        pub details: Vec<DetailItem>,
    }
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct DetailItem {
        pub field: String,
        pub message: String,
        pub code: Option<String>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Problem {
        #[serde(rename = "type")]
        pub type_: Option<String>,
        pub title: Option<String>,
        pub status: Option<u16>,
        pub detail: Option<String>,
        pub code: Option<String>,
        #[serde(default)]
        pub errors: Vec<ProblemItem>,
        pub request_id: Option<String>,
        pub retry_after: Option<u64>,
        pub timestamp: Option<String>,
    }
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct ProblemItem {
        pub pointer: String,
        pub field: String,
        pub detail: String,
        pub reason: Option<String>,
        pub rejected_value: Option<Value>,
        pub expected: Option<String>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Google {
        pub error: GoogleError,
    }
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct GoogleError {
        pub code: u16,
        pub message: String,
        pub status: String,
        #[serde(default)]
        pub details: Vec<GoogleDetail>,
    }
    /// Every detail type's members in one struct, as clients commonly read them.
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields, rename_all = "camelCase")]
    pub struct GoogleDetail {
        #[serde(rename = "@type")]
        pub type_: String,
        pub reason: Option<String>,
        pub domain: Option<String>,
        pub metadata: Option<BTreeMap<String, String>>,
        pub field_violations: Option<Vec<GoogleViolation>>,
        pub request_id: Option<String>,
        pub links: Option<Vec<GoogleLink>>,
    }
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct GoogleLink {
        pub description: String,
        pub url: String,
    }
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct GoogleViolation {
        pub field: String,
        pub description: String,
        pub reason: Option<String>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct JsonApi {
        pub errors: Vec<JsonApiItem>,
        pub meta: Option<JsonApiMeta>,
    }
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct JsonApiItem {
        pub id: Option<String>,
        pub status: Option<String>,
        pub code: Option<String>,
        pub title: Option<String>,
        pub detail: Option<String>,
        pub source: Option<Source>,
        pub links: Option<JsonApiLinks>,
    }
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct JsonApiLinks {
        pub about: Option<String>,
    }
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Source {
        pub pointer: Option<String>,
    }
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct JsonApiMeta {
        pub message: Option<String>,
        pub retry_after: Option<u64>,
        pub timestamp: Option<String>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Azure {
        pub error: AzureError,
    }
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct AzureError {
        pub code: String,
        pub message: String,
        pub target: Option<String>,
        #[serde(default)]
        pub details: Vec<AzureDetail>,
        pub innererror: Option<InnerError>,
    }
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct AzureDetail {
        pub code: String,
        pub message: String,
        pub target: Option<String>,
    }
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct InnerError {
        pub retry_after: Option<u64>,
        pub timestamp: Option<String>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Stripe {
        pub error: StripeError,
    }
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct StripeError {
        #[serde(rename = "type")]
        pub type_: String,
        pub code: Option<String>,
        pub message: Option<String>,
        pub param: Option<String>,
        #[serde(default)]
        pub fields: Vec<FieldItem>,
        pub doc_url: Option<String>,
        pub retry_after: Option<u64>,
        pub timestamp: Option<String>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct GitHub {
        pub message: String,
        #[serde(default)]
        pub errors: Vec<GitHubItem>,
        pub documentation_url: Option<String>,
        pub status: Option<String>,
        pub code: Option<String>,
    }
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct GitHubItem {
        pub resource: Option<String>,
        pub field: Option<String>,
        pub code: String,
        pub message: Option<String>,
    }

    /// Field name → messages (DRF's validation shape).
    pub type Drf = BTreeMap<String, Vec<String>>;

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct GraphQl {
        pub errors: Vec<GraphQlItem>,
        pub data: Option<()>,
    }
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct GraphQlItem {
        pub message: String,
        pub extensions: Option<GraphQlExtensions>,
    }
    /// The first item's and the field items' extensions in one struct.
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct GraphQlExtensions {
        pub code: Option<String>,
        pub status: Option<u16>,
        pub request_id: Option<String>,
        pub retry_after: Option<u64>,
        pub timestamp: Option<String>,
        pub field: Option<String>,
        pub reason: Option<String>,
    }
}

/// Decodes `body` with the hand-written struct of `dialect` (and drops it).
/// True when it parsed.
pub fn hand_decode(dialect: Dialect, body: &[u8]) -> bool {
    use hand_decode as h;
    fn parse<T: serde::de::DeserializeOwned>(body: &[u8]) -> bool {
        serde_json::from_slice::<T>(body).is_ok()
    }
    match dialect {
        Dialect::Canonical => parse::<h::Canonical>(body),
        Dialect::Nested => parse::<h::Nested>(body),
        Dialect::Flat => parse::<h::Flat>(body),
        Dialect::Bare => parse::<h::Bare>(body),
        Dialect::FieldMap => parse::<h::FieldMap>(body),
        Dialect::DetailList => parse::<h::DetailList>(body),
        Dialect::Problem => parse::<h::Problem>(body),
        Dialect::Google => parse::<h::Google>(body),
        Dialect::JsonApi => parse::<h::JsonApi>(body),
        Dialect::Azure => parse::<h::Azure>(body),
        Dialect::Stripe => parse::<h::Stripe>(body),
        Dialect::GitHub => parse::<h::GitHub>(body),
        Dialect::Drf => parse::<h::Drf>(body),
        Dialect::GraphQl => parse::<h::GraphQl>(body),
        other => panic!("no hand-written decoder for {other}"),
    }
}

// ---------------------------------------------------------------------------
// RFC 9457 peers: the same problem document with their types, the field
// problems as the `errors` extension member.

pub mod peers {
    use super::*;

    /// Problem extension members, borrowed, for `problem_details`'s typed extensions.
    #[derive(Serialize)]
    pub struct ExtRef<'a, I> {
        pub code: &'a str,
        pub errors: I,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub request_id: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub timestamp: Option<&'a str>,
    }

    /// The same members, owned, for decoding.
    #[derive(serde::Deserialize)]
    pub struct Ext {
        pub code: Option<String>,
        #[serde(default)]
        pub errors: Vec<super::hand_decode::ProblemItem>,
        pub request_id: Option<String>,
        pub retry_after: Option<u64>,
        pub timestamp: Option<String>,
    }

    /// `http-api-problem`: builds an `HttpApiProblem` from the error and writes it.
    pub fn http_api_problem_encode(err: &ApiError, out: &mut Vec<u8>) {
        let status = err.status();
        let mut p = http_api_problem::HttpApiProblem::new(status)
            .type_url(err.docs_url().unwrap_or("about:blank"))
            .title(super::hand_encode::problem_title(err))
            .detail(err.message())
            .value("code", &err.code().as_str())
            .value("errors", &SeqMap(err.fields(), hand_encode::problem_item));
        if let Some(id) = err.request_id() {
            p.set_value("request_id", &id);
        }
        if let Some(ts) = timestamp(err) {
            p.set_value("timestamp", &ts);
        }
        serde_json::to_writer(out, &p).unwrap();
    }

    pub fn http_api_problem_decode(body: &[u8]) -> bool {
        serde_json::from_slice::<http_api_problem::HttpApiProblem>(body).is_ok()
    }

    /// `problem_details`: a `ProblemDetails` with typed, borrowed extensions.
    pub fn problem_details_encode(err: &ApiError, out: &mut Vec<u8>) {
        let status = err.status();
        let type_ = match err.docs_url() {
            Some(url) => problem_details::ProblemType::from(url.parse::<http::Uri>().unwrap()),
            None => problem_details::ProblemType::default(),
        };
        let p = problem_details::ProblemDetails::new()
            .with_type(type_)
            .with_status(status)
            .with_title(super::hand_encode::problem_title(err))
            .with_detail(err.message())
            .with_extensions(ExtRef {
                code: err.code().as_str(),
                errors: SeqMap(err.fields(), hand_encode::problem_item),
                request_id: err.request_id(),
                timestamp: timestamp(err),
            });
        serde_json::to_writer(out, &p).unwrap();
    }

    pub fn problem_details_decode(body: &[u8]) -> bool {
        serde_json::from_slice::<problem_details::ProblemDetails<Ext>>(body).is_ok()
    }
}

/// An implementation measured in a case.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Imp {
    /// The hand-written struct.
    Hand,
    /// `http-api-problem` (RFC 9457 only).
    HttpApiProblem,
    /// `problem_details` (RFC 9457 only).
    ProblemDetails,
    /// error-model.
    ErrorModel,
}

impl Imp {
    pub const ALL: [Imp; 4] = [Imp::Hand, Imp::HttpApiProblem, Imp::ProblemDetails, Imp::ErrorModel];

    pub fn name(self) -> &'static str {
        match self {
            Imp::Hand => "hand-written",
            Imp::HttpApiProblem => "http-api-problem",
            Imp::ProblemDetails => "problem_details",
            Imp::ErrorModel => "error-model",
        }
    }

    /// Whether this implementation is measured in `dialect` at `n` fields.
    pub fn applies(self, dialect: Dialect, n: usize) -> bool {
        match self {
            Imp::Hand | Imp::ErrorModel => true,
            Imp::HttpApiProblem | Imp::ProblemDetails => dialect == Dialect::Problem && PEER_SIZES.contains(&n),
        }
    }

    /// Encodes `err` in `dialect` into `out` (appending).
    pub fn encode(self, dialect: Dialect, err: &ApiError, out: &mut Vec<u8>) {
        match self {
            Imp::Hand => hand_encode(dialect, err, out),
            Imp::HttpApiProblem => peers::http_api_problem_encode(err, out),
            Imp::ProblemDetails => peers::problem_details_encode(err, out),
            Imp::ErrorModel => encode_into(dialect, err, out),
        }
    }

    /// Decodes `body` (of `dialect`, sent with `status`); true when it decoded.
    /// error-model detects the dialect; the others know it.
    pub fn decode(self, dialect: Dialect, status: StatusCode, headers: &HeaderMap, body: &[u8]) -> bool {
        match self {
            Imp::Hand => hand_decode(dialect, body),
            Imp::HttpApiProblem => peers::http_api_problem_decode(body),
            Imp::ProblemDetails => peers::problem_details_decode(body),
            Imp::ErrorModel => em_decode(status, headers, body, dialect),
        }
    }
}

/// One error, its dialect and everything measured about it.
pub struct Case {
    pub dialect: Dialect,
    pub n: usize,
    pub err: ApiError,
    pub status: StatusCode,
    pub headers: HeaderMap,
    /// The document every decoder reads (see [`body`]).
    pub body: Vec<u8>,
}

impl Case {
    pub fn new(dialect: Dialect, n: usize) -> Case {
        Case::with_error(dialect, n, error(n))
    }

    pub fn with_error(dialect: Dialect, n: usize, err: ApiError) -> Case {
        let body = body(dialect, &err);
        Case { dialect, n, status: wire_status(dialect, &err), headers: HeaderMap::new(), body, err }
    }

    pub fn name(&self) -> String {
        format!("{}/{}", self.dialect, self.n)
    }
}

fn parse(bytes: &[u8], what: &str) -> Value {
    serde_json::from_slice(bytes).unwrap_or_else(|e| panic!("{what}: not JSON ({e})"))
}

/// Asserts, for one case, that every implementation writes the same JSON
/// as error-model and reads the case's body.
pub fn check_case(case: &Case) {
    let name = case.name();
    let mut em = Vec::new();
    encode_into(case.dialect, &case.err, &mut em);
    let expected = parse(&em, &name);
    for imp in Imp::ALL {
        if !imp.applies(case.dialect, case.n) {
            continue;
        }
        let written = if imp == Imp::ErrorModel {
            expected.clone()
        } else {
            let mut out = Vec::new();
            imp.encode(case.dialect, &case.err, &mut out);
            parse(&out, &name)
        };
        assert!(written == expected, "{name}: {} writes a different document", imp.name());
        assert!(
            imp.decode(case.dialect, case.status, &case.headers, &case.body),
            "{name}: {} does not read the body",
            imp.name()
        );
    }
}

/// [`check_case`] for every dialect at each of `sizes`.
pub fn check(sizes: &[usize]) {
    for &n in sizes {
        let err = error(n);
        for &dialect in Dialect::ALL {
            check_case(&Case::with_error(dialect, n, err.clone()));
        }
    }
}
