//! Any body, read as a foreign API's error (no status, no headers, so
//! detection and the lenient reader decide everything): decoding never
//! panics, and what it reads stays within the `Limits` it was given,
//! however the body nests, repeats or names its members.
#![no_main]

use error_model::{Limits, wire};
use http::HeaderMap;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|body: &[u8]| {
    let limits = Limits::default();
    let Ok((_, err)) = wire::decode_with(None, &HeaderMap::new(), body, &limits) else { return };
    // `…` (3 bytes) marks a cut message.
    assert!(err.message().len() <= limits.max_message_bytes + 3, "message of {} bytes", err.message().len());
    assert!(err.fields().len() <= limits.max_fields, "{} fields", err.fields().len());
    assert!(err.request_id().is_none_or(|id| id.len() <= limits.max_request_id_bytes));
    if let Some(upstream) = err.upstream() {
        assert!(upstream.codes.iter().all(|c| c.len() <= limits.max_code_bytes), "{:?}", upstream.codes);
    }
    // What it read, it writes, and reads back.
    let res = wire::Dialect::Canonical.encode(&err);
    wire::decode(Some(res.status()), res.headers(), res.body()).expect("reads what it wrote");
});
