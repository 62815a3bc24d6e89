//! Real error bodies of other APIs (`fixtures/foreign/<vendor>/`), taken
//! verbatim from their documentation and public issue trackers: every one
//! decodes to an error, at least 95% to exactly what its metadata expects
//! (upstream codes, message, field pointers, retry hint, request id), and
//! snapshots pin the decoded form.

use std::path::Path;

use error_model::ApiError;
use error_model::wire;
use http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use serde_json::{Value, json};

/// The share of the corpus that must decode exactly as expected.
const MIN_MATCHING: f64 = 0.95;

struct Body {
    bytes: Vec<u8>,
    status: Option<StatusCode>,
    headers: HeaderMap,
    expect: Value,
}

fn load(path: &Path) -> Body {
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
fn observed(err: &ApiError) -> Value {
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
fn mismatches(expected: &Value, observed: &Value) -> Vec<String> {
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

#[test]
fn foreign_bodies_decode_as_expected() {
    let mut total = 0;
    let mut wrong = Vec::new();
    insta::glob!("../../../fixtures/foreign", "*/*.json", |path| {
        if path.to_string_lossy().ends_with(".meta.json") {
            return;
        }
        total += 1;
        let body = load(path);
        let decoded = match body.status {
            Some(status) => Ok(wire::decode_or_status(status, &body.headers, &body.bytes).0),
            None => wire::decode(None, &body.headers, &body.bytes).map(|(_, err)| err),
        };
        let err = decoded.unwrap_or_else(|e| panic!("{}: a JSON error body must decode: {e}", path.display()));
        let seen = observed(&err);
        insta::assert_json_snapshot!(json!({ "error": err.envelope(), "observed": seen }));
        let off = mismatches(&body.expect, &seen);
        if !off.is_empty() {
            let name =
                path.strip_prefix(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/foreign")).unwrap_or(path);
            wrong.push(format!("{}: {}", name.display(), off.join("; ")));
        }
    });
    let matching = total - wrong.len();
    eprintln!("{matching} of {total} foreign bodies decode exactly as expected");
    for w in &wrong {
        eprintln!("  {w}");
    }
    assert!(total >= 60, "the corpus has {total} bodies");
    assert!(matching as f64 >= MIN_MATCHING * total as f64, "{matching} of {total} decode as expected");
}
