//! Bad input: every body a failed call can hand a client gets a typed decode
//! error (or a canonical error from status and headers), never a panic.

use error_model::wire::{self, Dialect};
use error_model::{DecodeErrorKind, ErrorCode, Limits};
use http::{HeaderMap, HeaderValue, StatusCode};
use serde_json::Value;

fn decode(body: &[u8]) -> Result<(wire::Shape, error_model::ApiError), error_model::DecodeError> {
    wire::decode(Some(StatusCode::BAD_GATEWAY), &HeaderMap::new(), body)
}

#[test]
fn non_json_bodies() {
    let cases: &[(&[u8], DecodeErrorKind)] = &[
        (b"", DecodeErrorKind::Empty),
        (b"   \r\n\t", DecodeErrorKind::Empty),
        (b"<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>", DecodeErrorKind::NotJson),
        (b"<?xml version=\"1.0\"?><Error><Code>AccessDenied</Code></Error>", DecodeErrorKind::NotJson),
        (b"Too Many Requests", DecodeErrorKind::NotJson),
        (b"\xEF\xBB\xBF{}", DecodeErrorKind::NotJson),
        (b"\xff\xfe\x00garbage", DecodeErrorKind::NotJson),
        (br#"{"error": {"code": "NOT_FOUND", "message": "Lead n"#, DecodeErrorKind::Syntax),
        (br#"{"error": "#, DecodeErrorKind::Syntax),
        (br#"{"code": "X",}"#, DecodeErrorKind::Syntax),
        (br#"{"message": "\ud800"}"#, DecodeErrorKind::Syntax),
    ];
    for (body, kind) in cases {
        let err = decode(body).unwrap_err();
        assert_eq!(err.kind(), *kind, "{:?}: {err}", String::from_utf8_lossy(body));
        assert!(!err.to_string().is_empty() && err.to_string().len() < 200, "{err}");
    }
}

/// JSON of no known shape is still an error body: the lenient reader takes
/// what it can, and the status says the rest.
#[test]
fn json_of_no_known_shape_reads_leniently() {
    for body in [&b"[1, 2, 3]"[..], br#"{"unrelated": 1}"#, br#"{}"#, br#""Upstream timed out""#] {
        let (shape, err) = decode(body).unwrap_or_else(|e| panic!("{}: {e}", String::from_utf8_lossy(body)));
        assert!(shape.is_lenient(), "{shape}");
        assert_eq!(err.code(), &error_model::ErrorCode::BadGateway);
        assert!(err.upstream().unwrap().lenient);
    }
    let (_, err) = decode(br#""Upstream timed out""#).unwrap();
    assert_eq!(err.message(), "Upstream timed out");
}

#[test]
fn size_and_depth_limits() {
    let huge = format!(r#"{{"message": "{}"}}"#, "x".repeat(10 * 1024 * 1024));
    let err = decode(huge.as_bytes()).unwrap_err();
    assert_eq!(err.kind(), DecodeErrorKind::TooLarge);
    assert_eq!(err.to_string(), format!("body of {} bytes exceeds the limit of 1048576 bytes", huge.len()));

    let deep = "{\"a\":".repeat(10_000);
    assert_eq!(decode(deep.as_bytes()).unwrap_err().kind(), DecodeErrorKind::TooDeep);
    let deep = "[".repeat(10_000);
    assert_eq!(decode(deep.as_bytes()).unwrap_err().kind(), DecodeErrorKind::TooDeep);
    let mut deep_details = String::from(r#"{"error": {"code": "X", "message": "m", "details": {"a": "#);
    deep_details.push_str(&"[".repeat(200));
    deep_details.push_str(&"]".repeat(200));
    deep_details.push_str("}}}");
    assert_eq!(decode(deep_details.as_bytes()).unwrap_err().kind(), DecodeErrorKind::TooDeep);

    // A stricter depth is enforced by a pre-scan; strings do not count.
    let mut limits = Limits::default();
    limits.max_depth = 3;
    let body = br#"{"error": {"code": "X", "message": "[[[[[[", "details": {"a": [1]}}}"#;
    assert!(wire::decode_with(None, &HeaderMap::new(), body, &limits).is_err());
    let body = br#"{"error": {"code": "X", "message": "[[[[[[", "details": {"a": 1}}}"#;
    assert!(wire::decode_with(None, &HeaderMap::new(), body, &limits).is_ok());
}

/// Every fixture, with every member in turn replaced by a value of every other type.
#[test]
fn wrong_type_in_any_member_never_panics() {
    let replacements = [
        Value::Null,
        Value::Bool(true),
        7.into(),
        (-1).into(),
        1.5.into(),
        "s".into(),
        Value::Array(vec![]),
        serde_json::json!({}),
    ];
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
    let mut tried = 0;
    let mut dirs = vec![root];
    while let Some(dir) = dirs.pop() {
        if dir.file_name().unwrap() == "invalid" {
            continue;
        }
        for file in std::fs::read_dir(&dir).unwrap() {
            let file = file.unwrap().path();
            if file.is_dir() {
                dirs.push(file);
                continue;
            }
            if !file.to_string_lossy().ends_with(".json") || file.to_string_lossy().ends_with(".meta.json") {
                continue;
            }
            let body: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
            let mut pointers = Vec::new();
            collect_pointers(&body, String::new(), &mut pointers);
            for pointer in &pointers {
                for replacement in &replacements {
                    let mut mutated = body.clone();
                    *mutated.pointer_mut(pointer).unwrap() = replacement.clone();
                    let bytes = serde_json::to_vec(&mutated).unwrap();
                    for status in [None, Some(StatusCode::UNPROCESSABLE_ENTITY)] {
                        // Ok or a typed error; a panic fails the test.
                        if let Err(e) = wire::decode(status, &HeaderMap::new(), &bytes) {
                            assert!(!e.to_string().is_empty());
                        }
                        for dialect in Dialect::ALL {
                            let _ = dialect.decode(status, &HeaderMap::new(), &bytes);
                        }
                    }
                    tried += 1;
                }
            }
        }
    }
    assert!(tried > 1000, "{tried}");
}

fn collect_pointers(value: &Value, at: String, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let p = format!("{at}/{}", k.replace('~', "~0").replace('/', "~1"));
                out.push(p.clone());
                collect_pointers(v, p, out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                let p = format!("{at}/{i}");
                out.push(p.clone());
                collect_pointers(v, p, out);
            }
        }
        _ => {}
    }
}

#[test]
fn wrong_types_in_the_known_dialect_are_data_errors() {
    let cases: &[(Dialect, &[u8])] = &[
        (Dialect::Canonical, br#"{"error": {"code": 404, "status": 404, "message": "x"}}"#),
        (Dialect::Canonical, br#"{"error": {"code": "X", "status": 404, "message": ["x"]}}"#),
        (Dialect::Canonical, br#"{"error": {"code": "X", "details": {"fields": {}}}}"#),
        (Dialect::Canonical, br#"{"error": {"code": "X", "details": []}}"#),
        (Dialect::Canonical, br#"{"error": "message"}"#),
        (Dialect::Flat, br#"{"success": false, "error": {"code": "X"}, "code": "X"}"#),
        (Dialect::FieldMap, br#"{"message": "m", "errors": {"email": [1, 2]}}"#),
        (Dialect::DetailList, br#"{"error": {"code": "X", "message": "m", "details": {"field": "x"}}}"#),
        (Dialect::JsonApi, br#"{"errors": [{"source": "pointer"}]}"#),
        (Dialect::Google, br#"{"error": {"code": 400, "details": [{"fieldViolations": {}}]}}"#),
    ];
    for (dialect, body) in cases {
        let err = dialect.decode(None, &HeaderMap::new(), body).unwrap_err();
        assert_eq!(err.kind(), DecodeErrorKind::Data, "{dialect}: {}: {err}", String::from_utf8_lossy(body));
    }
}

#[test]
fn status_and_headers_alone_when_the_body_is_useless() {
    let mut headers = HeaderMap::new();
    headers.insert("x-request-id", HeaderValue::from_static("req_proxy"));
    headers.insert("retry-after", HeaderValue::from_static("7"));
    for (status, body, code, message) in [
        (StatusCode::BAD_GATEWAY, &b"<html>502 Bad Gateway</html>"[..], ErrorCode::BadGateway, None),
        (StatusCode::TOO_MANY_REQUESTS, b"Too Many Requests", ErrorCode::RateLimitExceeded, Some("Too Many Requests")),
        (StatusCode::SERVICE_UNAVAILABLE, b"", ErrorCode::ServiceUnavailable, None),
        (StatusCode::NOT_FOUND, b"{\"truncated\": ", ErrorCode::NotFound, None),
        // A message a person can read is kept: plain text, or an HTML page's title.
        (
            StatusCode::BAD_GATEWAY,
            b"upstream connect error\nreset reason: overflow",
            ErrorCode::BadGateway,
            Some("upstream connect error"),
        ),
        (
            StatusCode::SERVICE_UNAVAILABLE,
            b"<!DOCTYPE html><html><head><TITLE>Down for maintenance</TITLE></head></html>",
            ErrorCode::ServiceUnavailable,
            Some("Down for maintenance"),
        ),
    ] {
        let (err, why) = wire::decode_or_status(status, &headers, body);
        assert!(why.is_some());
        assert_eq!(err.code(), &code);
        assert_eq!(err.status(), status);
        assert_eq!(err.request_id(), Some("req_proxy"));
        assert_eq!(err.retry_after(), Some(7));
        assert_eq!(err.message(), message.unwrap_or_else(|| status.canonical_reason().unwrap()));
    }
    // A body over the limit is not parsed, but the status still tells the client what happened.
    let (err, why) = wire::decode_or_status(StatusCode::INTERNAL_SERVER_ERROR, &headers, &vec![b'{'; 2 << 20]);
    assert_eq!(why.unwrap().kind(), DecodeErrorKind::TooLarge);
    assert_eq!(err.code(), &ErrorCode::InternalError);
}

/// A member with the wrong numeric form (a fraction, a number out of range)
/// or the wrong type where a scalar belongs is dropped; the rest decodes.
#[test]
fn members_of_the_wrong_form_are_dropped_not_the_body() {
    let cases: &[(&[u8], &str, u16, Option<u64>)] = &[
        (br#"{"error": {"code": "NOT_FOUND", "status": 404.0, "message": "gone"}}"#, "NOT_FOUND", 404, None),
        (br#"{"error": {"code": "NOT_FOUND", "status": 1e308, "message": "gone"}}"#, "NOT_FOUND", 404, None),
        (br#"{"error": {"code": 1.5, "status": 429, "message": "slow down", "details": {"retry_after": 1.5}}}"#, "RATE_LIMIT_EXCEEDED", 429, None),
        (br#"{"error": {"code": "RATE_LIMIT_EXCEEDED", "message": "m", "details": {"retry_after": 18446744073709551616}}}"#, "RATE_LIMIT_EXCEEDED", 429, None),
        (br#"{"success": "no", "error": {"code": "RATE_LIMIT_EXCEEDED", "message": "m", "details": {"retry_after": 30}}}"#, "RATE_LIMIT_EXCEEDED", 429, Some(30)),
        (br#"{"type": "about:blank", "status": 400.5, "detail": "bad", "code": "VALIDATION_ERROR"}"#, "VALIDATION_ERROR", 400, None),
        (br#"{"errors": [{"status": 4.22e2, "code": "NOT_FOUND", "detail": "gone"}]}"#, "NOT_FOUND", 404, None),
    ];
    for (body, code, status, retry_after) in cases {
        let text = String::from_utf8_lossy(body);
        let (_, err) = wire::decode(None, &HeaderMap::new(), body).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(err.code().as_str(), *code, "{text}");
        assert_eq!(err.status().as_u16(), *status, "{text}");
        assert_eq!(err.retry_after(), *retry_after, "{text}");
    }
}

/// A decode error quotes at most a few hundred bytes of the body, on one line.
#[test]
fn decode_errors_are_bounded_and_on_one_line() {
    let huge = format!(r#"{{"errors": [{{"title": {{}}, "detail": ["{}\n{}"]}}]}}"#, "x".repeat(1_000_000), "FAKE");
    for body in [huge.as_bytes(), br#"{"error": {"code": ["\nINJECTED\r\n"]}}"#] {
        let err = Dialect::JsonApi.decode(None, &HeaderMap::new(), body).unwrap_err();
        let text = err.to_string();
        assert!(text.len() <= error_model::DecodeError::MAX_MESSAGE_BYTES + 4, "{} bytes", text.len());
        assert!(!text.contains('\n') && !text.contains('\r'), "{text}");
    }
}

/// An error's Display stays on one line whatever its code and message hold.
#[test]
fn display_cannot_inject_log_lines() {
    let err = error_model::ApiError::with_status(error_model::Code::new("X\nY"), StatusCode::BAD_REQUEST)
        .with_message("line one\r\n2026-01-01 INFO forged");
    let text = err.to_string();
    assert!(!text.contains('\n') && !text.contains('\r'), "{text}");
}

/// Debug shows what a client would see: no secret, no internal source text.
#[test]
fn debug_is_redacted() {
    let err = error_model::ApiError::internal(std::io::Error::other("db-7.internal:5432 refused"))
        .with_field(error_model::FieldViolation::new("password", "Too short.").with_rejected_value("hunter2"))
        .with_extension("auth", serde_json::json!({"headers": {"Authorization": "Bearer abc.def"}}));
    let text = format!("{err:?} {:?} {:?}", err.details(), err.fields());
    for secret in ["hunter2", "Bearer abc", "db-7"] {
        assert!(!text.contains(secret), "{secret} in {text}");
    }
}
