//! Decoding cost: auto-detecting `wire::decode` against a hand-written
//! `#[derive(Deserialize)]` struct of each shape.
//!
//! Run with `cargo bench -p error-model --bench decode`. Per shape it prints:
//!
//! - `parse`: the hand-written struct alone;
//! - `by hand`: the hand-written struct, then the same canonical `ApiError`
//!   built from it by hand (asserted equal to what `wire::decode` returns);
//! - `known`: `Dialect::decode` for the right dialect;
//! - `detected`: `wire::decode`, detecting the dialect;
//!
//! and two ratios, `detected / by hand` (like for like: the same input and
//! the same result) and `detected / parse`. It exits non-zero when the
//! like-for-like ratio exceeds `MAX_RATIO` (the target in issue 3).

use std::hint::black_box;
use std::time::{Duration, Instant};

use error_model::wire::{self, Dialect};
use http::{HeaderMap, StatusCode};
use serde::Deserialize;
use serde_json::{Map, Value};

const MAX_RATIO: f64 = 1.3;

#[allow(dead_code)]
mod by_hand {
    use super::*;

    #[derive(Deserialize)]
    pub struct Nested {
        pub success: Option<bool>,
        pub error: NestedError,
    }
    #[derive(Deserialize)]
    pub struct NestedError {
        pub code: String,
        pub message: String,
        #[serde(default)]
        pub details: Option<Map<String, Value>>,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Flat {
        pub success: bool,
        pub error: String,
        pub code: String,
        #[serde(default)]
        pub details: Option<Map<String, Value>>,
        pub timestamp: Option<String>,
        pub request_id: Option<String>,
    }

    #[derive(Deserialize)]
    pub struct FieldMap {
        pub message: String,
        #[serde(default)]
        pub errors: std::collections::BTreeMap<String, Vec<String>>,
    }

    #[derive(Deserialize)]
    pub struct DetailList {
        pub error: DetailListError,
    }
    #[derive(Deserialize)]
    pub struct DetailListError {
        pub code: String,
        pub message: String,
        #[serde(default)]
        pub details: Vec<FieldMessage>,
    }
    #[derive(Deserialize)]
    pub struct FieldMessage {
        pub field: String,
        pub message: String,
    }

    #[derive(Deserialize)]
    pub struct Canonical {
        pub error: CanonicalError,
    }
    #[derive(Deserialize)]
    pub struct CanonicalError {
        pub code: String,
        pub status: u16,
        pub message: String,
        #[serde(default)]
        pub details: Option<CanonicalDetails>,
        pub request_id: Option<String>,
        pub timestamp: Option<String>,
        pub docs_url: Option<String>,
    }
    #[derive(Deserialize)]
    pub struct CanonicalDetails {
        #[serde(default)]
        pub fields: Vec<CanonicalField>,
        pub retry_after: Option<u64>,
        #[serde(flatten)]
        pub rest: Map<String, Value>,
    }
    #[derive(Deserialize)]
    pub struct CanonicalField {
        pub field: String,
        pub pointer: String,
        pub reason: Option<String>,
        pub message: String,
        pub rejected_value: Option<Value>,
        pub expected: Option<String>,
    }

    #[derive(Deserialize)]
    pub struct Problem {
        #[serde(rename = "type")]
        pub type_: Option<String>,
        pub title: Option<String>,
        pub status: Option<u16>,
        pub detail: Option<String>,
        pub code: Option<String>,
        #[serde(default)]
        pub errors: Vec<Map<String, Value>>,
        #[serde(flatten)]
        pub rest: Map<String, Value>,
    }
}

/// The canonical error built by hand from each hand-written struct, as a
/// client that knows the shape would: the same result `wire::decode` gives.
mod to_canonical {
    use super::by_hand;
    use error_model::{ApiError, Code, Details, ErrorCode, FieldViolation, ResourceRef, Timestamp};
    use http::StatusCode;
    use serde_json::Value;

    pub fn nested(b: by_hand::Nested, status: StatusCode) -> ApiError {
        let mut details = Details::default();
        let mut map = b.error.details.unwrap_or_default();
        if let Some(Value::String(field)) = map.remove("field") {
            let reason = match map.remove("reason") {
                Some(Value::String(r)) => r,
                _ => String::new(),
            };
            details.fields.push(FieldViolation::new(field, reason));
        }
        details.retry_after = map.remove("retry_after").and_then(|v| v.as_u64());
        details.extensions = map;
        ApiError::with_status(Code::from_string(b.error.code), status)
            .with_message(b.error.message)
            .with_details(details)
    }

    pub fn flat(b: by_hand::Flat, status: StatusCode) -> ApiError {
        let mut details = Details::default();
        let mut map = b.details.unwrap_or_default();
        if let Some(Value::String(id)) = map.remove("existingLeadId") {
            details.resource = Some(ResourceRef::new("lead", id));
        }
        details.extensions = map;
        let mut err =
            ApiError::with_status(Code::from_string(b.code), status).with_message(b.error).with_details(details);
        if let Some(id) = b.request_id {
            err = err.with_request_id(id);
        }
        if let Some(ts) = b.timestamp.and_then(|t| t.parse::<Timestamp>().ok()) {
            err = err.with_timestamp(ts);
        }
        err
    }

    pub fn field_map(b: by_hand::FieldMap, _: StatusCode) -> ApiError {
        let mut details = Details::default();
        for (field, messages) in b.errors {
            for m in messages {
                details.fields.push(FieldViolation::new(field.clone(), m));
            }
        }
        ApiError::with_status(ErrorCode::ValidationError, StatusCode::BAD_REQUEST)
            .with_message(b.message)
            .with_details(details)
    }

    pub fn detail_list(b: by_hand::DetailList, status: StatusCode) -> ApiError {
        let mut details = Details::default();
        details.fields = b.error.details.into_iter().map(|f| FieldViolation::new(f.field, f.message)).collect();
        ApiError::with_status(Code::from_string(b.error.code), status)
            .with_message(b.error.message)
            .with_details(details)
    }

    pub fn canonical(b: by_hand::Canonical, status: StatusCode) -> ApiError {
        let e = b.error;
        let mut details = Details::default();
        if let Some(d) = e.details {
            details.fields = d
                .fields
                .into_iter()
                .map(|f| {
                    let mut v = FieldViolation::new(f.field, f.message);
                    v.pointer = f.pointer;
                    v.reason = f.reason;
                    v.rejected_value = f.rejected_value;
                    v.expected = f.expected;
                    v
                })
                .collect();
            details.retry_after = d.retry_after;
            details.extensions = d.rest;
        }
        let mut err =
            ApiError::with_status(Code::from_string(e.code), status).with_message(e.message).with_details(details);
        if let Some(id) = e.request_id {
            err = err.with_request_id(id);
        }
        if let Some(url) = e.docs_url {
            err = err.with_docs_url(url);
        }
        if let Some(ts) = e.timestamp.and_then(|t| t.parse::<Timestamp>().ok()) {
            err = err.with_timestamp(ts);
        }
        err
    }

    pub fn problem(b: by_hand::Problem, status: StatusCode) -> ApiError {
        let mut details = Details::default();
        let mut rest = b.rest;
        let request_id = rest.remove("request_id").and_then(|v| v.as_str().map(str::to_owned));
        let timestamp = rest.remove("timestamp").and_then(|v| v.as_str().and_then(|t| t.parse::<Timestamp>().ok()));
        details.fields = b
            .errors
            .into_iter()
            .map(|mut e| {
                let text = |e: &mut serde_json::Map<String, Value>, k: &str| {
                    e.remove(k).and_then(|v| v.as_str().map(str::to_owned))
                };
                let mut v = FieldViolation::new(
                    text(&mut e, "field").unwrap_or_default(),
                    text(&mut e, "detail").unwrap_or_default(),
                );
                v.pointer = text(&mut e, "pointer").unwrap_or_default();
                v.reason = text(&mut e, "reason");
                v.rejected_value = e.remove("rejected_value");
                v.expected = text(&mut e, "expected");
                v
            })
            .collect();
        details.retry_after = rest.remove("retry_after").and_then(|v| v.as_u64());
        details.extensions = rest;
        let mut err = ApiError::with_status(Code::from_string(b.code.unwrap_or_default()), status)
            .with_message(b.detail.unwrap_or_default())
            .with_details(details);
        if let Some(t) = b.type_.filter(|t| t != "about:blank") {
            err = err.with_docs_url(t);
        }
        if let Some(id) = request_id {
            err = err.with_request_id(id);
        }
        if let Some(ts) = timestamp {
            err = err.with_timestamp(ts);
        }
        err
    }
}

fn fixture(path: &str) -> Vec<u8> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
    std::fs::read(root.join(path)).unwrap()
}

/// The fastest time of one call of each function, over rounds of many
/// calls. The functions take turns within every round, so that a burst of
/// load on the machine slows all of them alike; the minimum is the least
/// disturbed measurement.
fn measure<const N: usize>(fs: &mut [&mut dyn FnMut(); N]) -> [Duration; N] {
    let iterations = 5_000;
    let mut best = [Duration::MAX; N];
    for _ in 0..61 {
        for (f, best) in fs.iter_mut().zip(best.iter_mut()) {
            let start = Instant::now();
            for _ in 0..iterations {
                f();
            }
            *best = (*best).min(start.elapsed() / iterations);
        }
    }
    best
}

type Parse = fn(&[u8]) -> bool;
type ByHand = fn(&[u8], StatusCode) -> error_model::ApiError;

macro_rules! case {
    ($path:literal, $dialect:ident, $status:expr, $Ty:ident, $convert:ident) => {
        (
            $path,
            Dialect::$dialect,
            $status,
            (|b| serde_json::from_slice::<by_hand::$Ty>(b).is_ok()) as Parse,
            (|b, s| to_canonical::$convert(serde_json::from_slice::<by_hand::$Ty>(b).unwrap(), s)) as ByHand,
        )
    };
}

fn main() {
    // `cargo test --benches` runs this with `--bench` absent: then only the checks run.
    let full = std::env::args().any(|a| a == "--bench");
    let headers = HeaderMap::new();
    let cases = [
        case!("nested/validation-error.json", Nested, 400, Nested, nested),
        case!("flat/duplicate-email.json", Flat, 409, Flat, flat),
        case!("field-map/bulk-validation.json", FieldMap, 422, FieldMap, field_map),
        case!("detail-list/structure.json", DetailList, 500, DetailList, detail_list),
        case!("canonical/validation-error.json", Canonical, 400, Canonical, canonical),
        case!("problem/validation-error.json", Problem, 400, Problem, problem),
    ];
    println!(
        "{:<34} {:>9} {:>9} {:>9} {:>9} {:>11} {:>9}",
        "fixture", "parse", "by hand", "known", "detected", "det/by hand", "det/parse"
    );
    let mut worst: f64 = 0.0;
    for (path, dialect, status, parse, by_hand) in cases {
        let body = fixture(path);
        let status = StatusCode::from_u16(status).unwrap();
        assert!(parse(&body), "{path}: the hand-written struct parses it");
        let (detected, decoded) = wire::decode(Some(status), &headers, &body).unwrap();
        assert_eq!(detected, dialect, "{path}");
        assert_eq!(by_hand(&body, status), decoded, "{path}: by hand builds the same error");
        if !full {
            continue;
        }
        let [t_parse, t_hand, t_known, t_auto] = measure(&mut [
            &mut || {
                black_box(parse(black_box(&body)));
            },
            &mut || {
                black_box(by_hand(black_box(&body), status));
            },
            &mut || {
                black_box(dialect.decode(Some(status), &headers, black_box(&body)).unwrap());
            },
            &mut || {
                black_box(wire::decode(Some(status), &headers, black_box(&body)).unwrap());
            },
        ]);
        let like_for_like = t_auto.as_secs_f64() / t_hand.as_secs_f64();
        let vs_parse = t_auto.as_secs_f64() / t_parse.as_secs_f64();
        worst = worst.max(like_for_like);
        println!(
            "{path:<34} {:>9.2?} {:>9.2?} {:>9.2?} {:>9.2?} {:>10.2}x {:>8.2}x",
            t_parse, t_hand, t_known, t_auto, like_for_like, vs_parse
        );
    }
    if full {
        println!("worst like-for-like ratio {worst:.2}x (target at most {MAX_RATIO}x)");
        if worst > MAX_RATIO {
            eprintln!("auto-detection costs more than {MAX_RATIO}x decoding the known shape by hand");
            std::process::exit(1);
        }
    }
}
