//! The corpora of other APIs' error bodies (`fixtures/foreign/`,
//! `fixtures/wild/`): a body and its `.meta.json`, what a careful reader
//! extracts from it, and what the decoder got wrong. Shared by the
//! `foreign` and `wild` tests.

#![allow(dead_code)]

use std::path::Path;

use error_model::ApiError;
use error_model::wire;
use http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use serde_json::{Value, json};

pub struct Body {
    pub bytes: Vec<u8>,
    pub status: Option<StatusCode>,
    pub headers: HeaderMap,
    pub expect: Value,
}

/// The corpora of other APIs' bodies, as `fixtures/corpora.txt` lists them
/// (directories under `fixtures/`).
pub fn corpora() -> Vec<String> {
    let list = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/corpora.txt");
    let text = std::fs::read_to_string(&list).unwrap_or_else(|e| panic!("{}: {e}", list.display()));
    text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).map(str::to_owned).collect()
}

pub fn load(path: &Path) -> Body {
    let meta: Value = serde_json::from_slice(&std::fs::read(path.with_extension("meta.json")).unwrap()).unwrap();
    let status = meta["status"].as_u64().and_then(|s| StatusCode::from_u16(s as u16).ok());
    let mut headers = HeaderMap::new();
    for (k, v) in meta["headers"].as_object().into_iter().flatten() {
        if let (Ok(name), Some(Ok(value))) =
            (HeaderName::from_bytes(k.as_bytes()), v.as_str().map(HeaderValue::from_str))
        {
            headers.insert(name, value);
        }
    }
    Body { bytes: std::fs::read(path).unwrap(), status, headers, expect: meta["expect"].clone() }
}

/// What the corpus metadata states, read off a decoded error.
pub fn observed(err: &ApiError) -> Value {
    let codes: Vec<&str> = err.upstream().map(|u| u.codes.iter().map(String::as_str).collect()).unwrap_or_default();
    let message = Some(err.message()).filter(|m| !m.is_empty());
    // Each field once, in order, as the corpus lists them.
    let mut fields: Vec<&str> = Vec::new();
    for v in err.fields() {
        if !fields.contains(&v.pointer.as_str()) {
            fields.push(&v.pointer);
        }
    }
    json!({
        "upstream_codes": codes,
        "message": message,
        "fields": fields,
        "retry_after": err.retry_after(),
        "request_id": err.request_id(),
    })
}

/// The members of `expected` that `observed` gets wrong. A retry hint is
/// kept in whole seconds, rounded up: `64.57` is expected as 65.
pub fn mismatches(expected: &Value, observed: &Value) -> Vec<String> {
    let mut expected = expected.clone();
    if let Some(secs) = expected["retry_after"].as_f64() {
        expected["retry_after"] = json!(secs.ceil() as u64);
    }
    ["upstream_codes", "message", "fields", "retry_after", "request_id"]
        .iter()
        .filter(|k| expected[**k] != observed[**k])
        .map(|k| format!("{k}: expected {}, got {}", expected[*k], observed[*k]))
        .collect()
}

/// The body decoded as a client reads it: with its status when the source
/// shows one (falling back to the status's code), auto-detected otherwise.
pub fn decode(body: &Body) -> Result<ApiError, error_model::DecodeError> {
    match body.status {
        Some(status) => Ok(wire::decode_or_status(status, &body.headers, &body.bytes).0),
        None => wire::decode(None, &body.headers, &body.bytes).map(|(_, err)| err),
    }
}
