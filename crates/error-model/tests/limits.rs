//! The limits on untrusted bodies: memory in proportion to the body, field
//! errors, code, message and request id bounded, bodies read within a cap.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use error_model::wire::{self, Dialect};
use error_model::{DecodeErrorKind, Limits, read_bounded};
use http::{HeaderMap, HeaderValue, StatusCode};

/// Counts the bytes live on this thread, and the most ever live.
struct Tracking;

thread_local! {
    static LIVE: Cell<isize> = const { Cell::new(0) };
    static PEAK: Cell<isize> = const { Cell::new(0) };
}

fn track(delta: isize) {
    let live = LIVE.with(|l| {
        l.set(l.get() + delta);
        l.get()
    });
    PEAK.with(|p| p.set(p.get().max(live)));
}

unsafe impl GlobalAlloc for Tracking {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        track(layout.size() as isize);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        track(-(layout.size() as isize));
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        track(new_size as isize - layout.size() as isize);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Tracking = Tracking;

/// The most bytes live while `f` runs, beyond those live before.
fn peak_during<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let base = LIVE.with(Cell::get);
    PEAK.with(|p| p.set(base));
    let out = f();
    (out, (PEAK.with(Cell::get) - base).max(0) as usize)
}

/// A body just under 1 MiB of field errors with empty messages, in several shapes.
fn many_empty_fields() -> Vec<(&'static str, Vec<u8>)> {
    let n = 45_000;
    let map: Vec<String> = (0..n).map(|i| format!(r#""f{i}":[""]"#)).collect();
    let list: Vec<String> = (0..n).map(|i| format!(r#"{{"field":"f{i}"}}"#)).collect();
    let items: Vec<String> = (0..n / 2).map(|i| format!(r#"{{"detail":"","source":{{"pointer":"/f{i}"}}}}"#)).collect();
    vec![
        ("field-map", format!(r#"{{"message":"m","errors":{{{}}}}}"#, map.join(",")).into_bytes()),
        (
            "detail-list",
            format!(r#"{{"error":{{"code":"X","message":"m","details":[{}]}}}}"#, list.join(",")).into_bytes(),
        ),
        ("json-api", format!(r#"{{"errors":[{}]}}"#, items.join(",")).into_bytes()),
        (
            "canonical",
            format!(r#"{{"error":{{"code":"X","message":"m","details":{{"fields":[{}]}}}}}}"#, list.join(","))
                .into_bytes(),
        ),
    ]
}

#[test]
fn decoding_costs_memory_in_proportion_to_the_body() {
    for (shape, body) in many_empty_fields() {
        assert!(body.len() <= Limits::DEFAULT_MAX_BODY_BYTES, "{shape}: {} bytes", body.len());
        let (decoded, peak) = peak_during(|| wire::decode(None, &HeaderMap::new(), &body));
        let (_, err) = decoded.unwrap_or_else(|e| panic!("{shape}: {e}"));
        assert_eq!(err.fields().len(), Limits::DEFAULT_MAX_FIELDS, "{shape}");
        // Before the field budget, a field-map body like this took 81 times
        // its size; now what is built stops at the budget, whatever follows.
        assert!(peak < 4 * body.len(), "{shape}: {peak} bytes live for a body of {}", body.len());
    }
}

#[test]
fn long_codes_messages_and_request_ids_are_bounded() {
    let long_code = "C".repeat(Limits::DEFAULT_MAX_CODE_BYTES + 1);
    let long_message = "é".repeat(Limits::DEFAULT_MAX_MESSAGE_BYTES);
    let long_id = "r".repeat(900_000);
    let body = format!(
        r#"{{"error": {{"code": "{long_code}", "status": 404, "message": "{long_message}", "request_id": "{long_id}"}}}}"#
    );
    let mut headers = HeaderMap::new();
    headers.insert("x-request-id", HeaderValue::from_str(&long_id).unwrap());
    let (_, err) = wire::decode(Some(StatusCode::NOT_FOUND), &headers, body.as_bytes()).unwrap();
    assert_eq!(err.code().as_str(), "NOT_FOUND", "a code too long is dropped; the status implies one");
    assert!(err.message().len() <= Limits::DEFAULT_MAX_MESSAGE_BYTES + '…'.len_utf8());
    assert!(err.message().ends_with('…'));
    assert_eq!(err.request_id(), None, "neither the body's nor the header's request id is kept");
    assert!(Dialect::Canonical.encode(&err).headers().get("x-request-id").is_none());
}

#[test]
fn bodies_are_read_within_the_limit() {
    let mut limits = Limits::default();
    limits.max_body_bytes = 1000;
    assert_eq!(read_bounded(&[b'x'; 1000][..], &limits).unwrap().len(), 1000);
    let endless = std::io::repeat(b'x');
    let (read, peak) = peak_during(|| read_bounded(endless, &limits));
    assert_eq!(read.unwrap_err().kind(), DecodeErrorKind::TooLarge);
    assert!(peak < 64 * 1024, "{peak} bytes buffered");
}
