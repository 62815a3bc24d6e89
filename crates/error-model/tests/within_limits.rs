//! Whatever a foreign body holds, what the decoder keeps stays within the
//! `Limits`: the `foreign_reader` fuzz target's assertion, run on every
//! input it failed on (`fuzz/regressions/foreign_reader/`), and on bodies
//! built to overflow each limit through each dialect's own path.

use std::path::Path;

use error_model::limits::MAX_UPSTREAM_CODES;
use error_model::{ApiError, Limits, wire};
use http::HeaderMap;

fn check(err: &ApiError, limits: &Limits) -> Result<(), String> {
    if err.message().len() > limits.max_message_bytes + 3 {
        return Err(format!("message of {} bytes", err.message().len()));
    }
    if err.fields().len() > limits.max_fields {
        return Err(format!("{} fields", err.fields().len()));
    }
    if let Some(u) = err.upstream() {
        if u.codes.len() > MAX_UPSTREAM_CODES || u.codes.iter().any(|c| c.len() > limits.max_code_bytes) {
            return Err(format!("upstream codes {:?}", u.codes));
        }
    }
    Ok(())
}

#[test]
fn fuzz_findings_stay_within_limits() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/regressions/foreign_reader");
    let limits = Limits::default();
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let body = std::fs::read(entry.unwrap().path()).unwrap();
        if let Ok((_, err)) = wire::decode_with(None, &HeaderMap::new(), &body, &limits) {
            check(&err, &limits).unwrap();
        }
        seen += 1;
    }
    assert!(seen >= 1);
}

#[test]
fn long_and_many_upstream_codes_are_dropped_on_every_path() {
    let long = "R".repeat(300);
    let many: Vec<String> = (0..100).map(|i| format!(r#"{{"reason": "R{i}", "message": "m"}}"#)).collect();
    let bodies = [
        // Google's ErrorInfo reason, and its legacy `errors` list.
        format!(
            r#"{{"error": {{"code": 429, "message": "m", "status": "RESOURCE_EXHAUSTED", "details": [{{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "{long}"}}]}}}}"#
        ),
        format!(
            r#"{{"error": {{"code": 400, "message": "m", "status": "INVALID_ARGUMENT", "errors": [{}]}}}}"#,
            many.join(",")
        ),
        // Stripe, JSON:API, GraphQL, GitHub, and a shape no dialect fits.
        format!(r#"{{"error": {{"type": "card_error", "code": "{long}", "message": "m"}}}}"#),
        format!(r#"{{"errors": [{{"status": "400", "code": "{long}", "title": "t"}}]}}"#),
        format!(r#"{{"errors": [{{"message": "m", "extensions": {{"code": "{long}"}}}}]}}"#),
        format!(r#"{{"message": "m", "errors": [{{"resource": "Issue", "field": "title", "code": "{long}"}}]}}"#),
        format!(r#"{{"fault": {{"faultstring": "m", "detail": {{"errorcode": "{long}"}}}}}}"#),
    ];
    let limits = Limits::default();
    for body in &bodies {
        if let Ok((shape, err)) = wire::decode_with(None, &HeaderMap::new(), body.as_bytes(), &limits) {
            check(&err, &limits).unwrap_or_else(|e| panic!("{shape:?}: {e}"));
        }
    }
}
