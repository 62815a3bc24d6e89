//! Auto-detecting decode: time and allocations per dialect and size,
//! `wire::decode` (detecting the dialect) against `serde_json::from_slice`
//! into the hand-written struct of the known dialect and, for RFC 9457,
//! into the `http-api-problem` and `problem_details` types. Every decoder
//! reads the same document (see `common::body`) and drops what it built
//! inside the measured call.
//!
//! Run with `cargo bench -p error-model --bench decode`. Under
//! `cargo test --benches` (no `--bench` argument) only the checks run, and
//! each benchmark once.
//!
//! The checks include the fixture like-for-like assertions of the earlier
//! hand-rolled bench: for six fixtures, a hand-written struct plus the
//! conversion a client would write builds the same `ApiError` that
//! `wire::decode` returns.

#[macro_use]
mod common;

use std::sync::LazyLock;

use common::{Case, Imp, PEER_SIZES, SIZES};
use divan::{AllocProfiler, Bencher, black_box};
use error_model::wire::{self, Dialect};
use http::{HeaderMap, StatusCode};
use serde::Deserialize;
use serde_json::{Map, Value};

#[global_allocator]
static ALLOC: AllocProfiler = AllocProfiler::system();

/// The case errors, one per size, built once.
static ERRORS: LazyLock<Vec<error_model::ApiError>> =
    LazyLock::new(|| SIZES.iter().map(|&n| common::error(n)).collect());

fn case(dialect: Dialect, n: usize) -> Case {
    let err = ERRORS[SIZES.iter().position(|&s| s == n).unwrap()].clone();
    Case::with_error(dialect, n, err)
}

fn decode(bencher: Bencher, imp: Imp, dialect: Dialect, n: usize) {
    let case = case(dialect, n);
    assert!(imp.decode(dialect, case.status, &case.headers, &case.body), "{}: {}", case.name(), imp.name());
    bencher.bench_local(|| imp.decode(dialect, case.status, &case.headers, black_box(&case.body)));
}

size_groups!(decode);

/// RFC 9457 only: the peers beside error-model's auto-detecting decode.
mod rfc9457 {
    use super::*;

    #[divan::bench(args = PEER_SIZES)]
    fn hand_written(bencher: Bencher, n: usize) {
        decode(bencher, Imp::Hand, Dialect::Problem, n);
    }

    #[divan::bench(args = PEER_SIZES)]
    fn http_api_problem(bencher: Bencher, n: usize) {
        decode(bencher, Imp::HttpApiProblem, Dialect::Problem, n);
    }

    #[divan::bench(args = PEER_SIZES)]
    fn problem_details(bencher: Bencher, n: usize) {
        decode(bencher, Imp::ProblemDetails, Dialect::Problem, n);
    }

    #[divan::bench(args = PEER_SIZES)]
    fn error_model(bencher: Bencher, n: usize) {
        decode(bencher, Imp::ErrorModel, Dialect::Problem, n);
    }
}

/// The lenient reader, on other APIs' bodies from `fixtures/foreign/`,
/// beside parsing the same body into a `serde_json::Value` alone (the
/// reader's first step).
mod lenient {
    use super::*;

    const BODIES: [&str; 4] = [
        "aws/dynamodb-resource-not-found",
        "fastapi/validation-error-with-body",
        "discord/invalid-form-body-object",
        "spring-boot/empty-message-2-3",
    ];

    fn body(name: &str) -> Vec<u8> {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../fixtures/foreign")
            .join(format!("{name}.json"));
        std::fs::read(path).unwrap()
    }

    #[divan::bench(args = BODIES)]
    fn error_model(bencher: Bencher, name: &str) {
        let body = body(name);
        let (shape, _) = error_model::wire::decode(None, &HeaderMap::new(), &body).unwrap();
        assert!(shape.is_lenient(), "{name} is read leniently");
        bencher.bench_local(|| error_model::wire::decode(None, &HeaderMap::new(), black_box(&body)).unwrap());
    }

    /// Every body of `fixtures/foreign/`, `fixtures/wild/` (both halves),
    /// and the other corpora `fixtures/corpora.txt` lists,
    /// however each is read (a dialect that fits, or the lenient reader),
    /// with the status its metadata gives: the cost per body of reading
    /// other APIs' errors, as a client of many APIs meets them.
    #[divan::bench]
    fn corpus(bencher: Bencher) {
        let bodies = corpus_bodies();
        bencher.counter(divan::counter::ItemsCount::new(bodies.len())).bench_local(|| {
            for (status, body) in &bodies {
                let _ = black_box(wire::decode_or_status(*status, &HeaderMap::new(), black_box(body)));
            }
        });
    }

    /// The corpus bodies and their statuses (400 where the source gives none).
    fn corpus_bodies() -> Vec<(StatusCode, Vec<u8>)> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
        let list = std::fs::read_to_string(root.join("corpora.txt")).expect("fixtures/corpora.txt");
        let mut dirs: Vec<_> = list
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|l| root.join(l))
            .collect();
        let mut out = Vec::new();
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).unwrap().flatten() {
                let path = entry.path();
                let name = path.to_string_lossy().into_owned();
                if path.is_dir() {
                    dirs.push(path);
                } else if name.ends_with(".json") && !name.ends_with(".meta.json") {
                    let meta: Value = std::fs::read(name.replace(".json", ".meta.json"))
                        .ok()
                        .and_then(|m| serde_json::from_slice(&m).ok())
                        .unwrap_or(Value::Null);
                    let status = meta["status"].as_u64().and_then(|s| StatusCode::from_u16(s as u16).ok());
                    out.push((status.unwrap_or(StatusCode::BAD_REQUEST), std::fs::read(&path).unwrap()));
                }
            }
        }
        assert!(out.len() >= 200, "{} corpus bodies", out.len());
        out
    }

    #[divan::bench(args = BODIES)]
    fn value_parse(bencher: Bencher, name: &str) {
        let body = body(name);
        bencher.bench_local(|| serde_json::from_slice::<serde_json::Value>(black_box(&body)).unwrap());
    }
}

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    // The 100,000-field cases are checked by the encode bench.
    common::check(&SIZES[..2]);
    check_fixtures();
    let divan = divan::Divan::from_args();
    if full {
        divan.main();
    } else {
        // `cargo test --benches`: each benchmark runs once, in a debug build;
        // leave out the 100,000-field ones.
        divan.skip_regex("fields_100000").main();
    }
}

// ---------------------------------------------------------------------------
// The fixture like-for-like checks.

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
        pub fields: Vec<common::hand_decode::FieldItem>,
        pub retry_after: Option<u64>,
        #[serde(flatten)]
        pub rest: Map<String, Value>,
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

type ByHand = fn(&[u8], StatusCode) -> error_model::ApiError;

macro_rules! fixture_case {
    ($path:literal, $dialect:ident, $status:expr, $Ty:ident, $convert:ident) => {
        (
            $path,
            Dialect::$dialect,
            $status,
            (|b, s| to_canonical::$convert(serde_json::from_slice::<by_hand::$Ty>(b).unwrap(), s)) as ByHand,
        )
    };
}

/// For each fixture: `wire::decode` detects its dialect and returns the
/// error that the hand-written struct and a hand-written conversion build.
fn check_fixtures() {
    let headers = HeaderMap::new();
    let cases = [
        fixture_case!("nested/validation-error.json", Nested, 400, Nested, nested),
        fixture_case!("flat/duplicate-email.json", Flat, 409, Flat, flat),
        fixture_case!("field-map/bulk-validation.json", FieldMap, 422, FieldMap, field_map),
        fixture_case!("detail-list/structure.json", DetailList, 500, DetailList, detail_list),
        fixture_case!("canonical/validation-error.json", Canonical, 400, Canonical, canonical),
        fixture_case!("problem/validation-error.json", Problem, 400, Problem, problem),
    ];
    for (path, dialect, status, by_hand) in cases {
        let body = fixture(path);
        let status = StatusCode::from_u16(status).unwrap();
        let (detected, decoded) = wire::decode(Some(status), &headers, &body).unwrap();
        assert_eq!(detected, dialect, "{path}");
        assert_eq!(by_hand(&body, status), decoded, "{path}: by hand builds the same error");
    }
}
