//! Encoding: straight into the caller's buffer without allocating, every
//! member written once, extensions never replacing what a shape writes
//! itself, and one canonical encoding whichever way it is asked for. And
//! code lookups, which every encoder makes, allocate nothing.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::collections::BTreeSet;
use std::fmt;

use error_model::wire::{self, Dialect};
use error_model::{ApiError, Code, CodeSet, ErrorCode, FieldViolation, ResourceRef, Timestamp};
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

struct Counting;

thread_local! {
    // Per thread, so that the test harness's own threads do not count.
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.with(|n| n.set(n.get() + 1));
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.with(|n| n.set(n.get() + 1));
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocations(f: impl FnOnce()) -> usize {
    let before = ALLOCATIONS.with(Cell::get);
    f();
    ALLOCATIONS.with(Cell::get) - before
}

/// An error with everything a shape can carry: `n` field problems (one
/// sensitive, with a nested rejected value), a retry hint, a resource, a
/// request id, a timestamp, a docs link and extensions.
fn full_error(code: ErrorCode, n: usize) -> ApiError {
    let mut err = ApiError::new(code)
        .with_request_id("req_1234567890abcdef")
        .with_timestamp(Timestamp::from_unix_millis(1_705_401_000_000))
        .with_docs_url("https://docs.example.com/errors")
        .with_retry_after(30)
        .with_resource(ResourceRef::new("line_item", "li_123"))
        .with_extension("hint", "check the field list")
        .with_extension("limits", serde_json::json!({"per_minute": 60, "token": "t0ps3cret"}));
    for i in 0..n {
        let v = FieldViolation::new(format!("items.{i}.email"), format!("Item {i}: not an email"))
            .with_reason("INVALID_FORMAT")
            .with_rejected_value(serde_json::json!({"value": "nope", "password": "hunter2"}))
            .with_expected("an email address");
        err = err.with_field(v);
    }
    if n > 0 {
        err = err.with_field(FieldViolation::new("card.cvv", "Too short.").with_rejected_value("123"));
    }
    err
}

#[test]
fn encoding_into_a_buffer_with_room_allocates_nothing() {
    for &dialect in Dialect::ALL {
        for n in [0, 1, 10] {
            for code in [ErrorCode::ValidationError, ErrorCode::RateLimitExceeded, ErrorCode::AlreadyExists] {
                let err = full_error(code, n);
                let mut buf = Vec::with_capacity(64 * 1024);
                dialect.encode_into(&err, &mut buf);
                buf.clear();
                let count = allocations(|| dialect.encode_into(&err, &mut buf));
                assert_eq!(count, 0, "{dialect}, {code}, {n} fields: {} allocations", count);
                assert!(serde_json::from_slice::<serde_json::Value>(&buf).is_ok(), "{dialect} writes json");
            }
        }
    }
}

/// Fails on an object that has a member twice, at any depth.
struct Unique;

impl<'de> Visitor<'de> for Unique {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any json value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen = BTreeSet::new();
        while let Some(key) = map.next_key::<String>()? {
            if !seen.insert(key.clone()) {
                return Err(de::Error::custom(format!("duplicate member `{key}`")));
            }
            map.next_value_seed(UniqueSeed)?;
        }
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(UniqueSeed)?.is_some() {}
        Ok(())
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
}

struct UniqueSeed;

impl<'de> de::DeserializeSeed<'de> for UniqueSeed {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(Unique)
    }
}

fn assert_unique_members(dialect: Dialect, body: &[u8]) {
    let mut de = serde_json::Deserializer::from_slice(body);
    if let Err(e) = de.deserialize_any(Unique) {
        panic!("{dialect}: {e} in {}", String::from_utf8_lossy(body));
    }
    let _ = IgnoredAny;
}

/// Every member name any shape writes or reads, anywhere.
const MEMBER_NAMES: &[&str] = &[
    "success",
    "error",
    "errors",
    "code",
    "status",
    "message",
    "details",
    "fields",
    "field",
    "reason",
    "pointer",
    "retry_after",
    "resource",
    "timestamp",
    "request_id",
    "requestId",
    "docs_url",
    "doc_url",
    "type",
    "title",
    "detail",
    "instance",
    "param",
    "target",
    "innererror",
    "issues",
    "value",
    "expected",
    "rejected_value",
    "id",
    "source",
    "meta",
    "extensions",
    "data",
    "documentation_url",
    "domain",
    "metadata",
    "@type",
    "leadId",
    "existingLineItemId",
    "lineItemId",
];

#[test]
fn extensions_named_like_members_never_duplicate_or_replace_them() {
    for &dialect in Dialect::ALL {
        for n in [0, 1, 3] {
            for code in [ErrorCode::ValidationError, ErrorCode::AlreadyExists, ErrorCode::ServiceUnavailable] {
                let plain = full_error(code, n);
                let mut shadowed = plain.clone();
                for name in MEMBER_NAMES {
                    shadowed = shadowed.with_extension(*name, "shadow");
                }
                let body = dialect.body(&shadowed);
                assert_unique_members(dialect, &body);
                let res = dialect.encode(&shadowed);
                let (_, back) = wire::decode(Some(res.status()), res.headers(), res.body())
                    .unwrap_or_else(|e| panic!("{dialect}: {e}: {}", String::from_utf8_lossy(res.body())));
                let (_, expected) = {
                    let res = dialect.encode(&plain);
                    wire::decode(Some(res.status()), res.headers(), res.body()).unwrap()
                };
                let ctx = format!("{dialect}, {code}, {n} fields");
                assert_eq!(back.code(), expected.code(), "{ctx}");
                assert_eq!(back.status(), expected.status(), "{ctx}");
                assert_eq!(back.message(), expected.message(), "{ctx}");
                assert_eq!(back.fields(), expected.fields(), "{ctx}");
                assert_eq!(back.retry_after(), expected.retry_after(), "{ctx}");
                assert_eq!(back.request_id(), expected.request_id(), "{ctx}");
                assert_eq!(back.details().resource, expected.details().resource, "{ctx}");
                assert!(!String::from_utf8_lossy(&body).contains("hunter2"), "{ctx}: a nested secret leaked");
                assert!(!String::from_utf8_lossy(&body).contains("t0ps3cret"), "{ctx}: a nested secret leaked");
            }
        }
    }
}

#[test]
fn every_encoding_entry_point_writes_the_same_bytes() {
    for info in ErrorCode::infos() {
        let err = full_error(ErrorCode::from_wire(info.name()).unwrap(), 2);
        assert_eq!(err.to_response().body(), Dialect::Canonical.encode(&err).body(), "{}", info.name());
        assert_eq!(serde_json::to_vec(&err.envelope()).unwrap(), Dialect::Canonical.body(&err), "{}", info.name());
        for &dialect in Dialect::ALL {
            let mut written = Vec::new();
            dialect.write_to(&err, &mut written).unwrap();
            assert_eq!(written, dialect.body(&err), "{dialect}");
            assert_eq!(&written, dialect.encode(&err).body(), "{dialect}");
        }
    }
}

/// Members come in the order the shapes' documents show them.
#[test]
fn members_are_written_in_documented_order() {
    let err = full_error(ErrorCode::ValidationError, 1);
    let starts = [
        (Dialect::Canonical, r#"{"error":{"code":"VALIDATION_ERROR","status":400,"message":"#),
        (Dialect::Nested, r#"{"success":false,"error":{"code":"VALIDATION_ERROR","message":"#),
        (
            Dialect::Flat,
            r#"{"success":false,"error":"The request body failed validation.","code":"VALIDATION_ERROR","details":{"fields":[{"field":"items.0.email","#,
        ),
        (
            Dialect::Problem,
            r#"{"type":"https://docs.example.com/errors","title":"Validation error","status":400,"detail":"#,
        ),
        (
            Dialect::Google,
            r#"{"error":{"code":400,"message":"The request body failed validation.","status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"VALIDATION_ERROR","#,
        ),
        (Dialect::Stripe, r#"{"error":{"type":"invalid_request_error","code":"VALIDATION_ERROR","message":"#),
    ];
    for (dialect, start) in starts {
        let body = String::from_utf8(dialect.body(&err)).unwrap();
        assert!(body.starts_with(start), "{dialect}: {body}");
    }
}

/// Looking a code up by wire name, and reading its status or text,
/// allocates nothing; nor does building a registered `Code`.
#[test]
fn lookups_do_not_allocate() {
    let names: Vec<&str> = ErrorCode::ALL.iter().map(|c| c.as_str()).chain(["NOPE", "card_declined"]).collect();
    let mut checksum = 0usize;
    let count = allocations(|| {
        for name in &names {
            if let Some(code) = ErrorCode::from_wire(name) {
                checksum += usize::from(code.status().as_u16());
                checksum += code.info().description().len() + code.info().remediation().len();
                checksum += code.category().as_str().len();
            }
            if let Some(info) = Code::lookup(name) {
                checksum += info.title().len();
            }
            // A registered Code is a pointer to its row: building one allocates nothing either.
            let code = Code::new(name);
            checksum += usize::from(code.is_known());
            if code.is_known() {
                std::mem::forget(code);
            } else {
                drop(code);
            }
        }
    });
    // Only the two unknown names allocate, to keep their raw text.
    assert_eq!(count, 2, "checksum {checksum}");
}
