//! Secrets at any depth, under any spelling, never reach a body: through
//! every dialect's encoder, through `convert` of an untrusted body, and
//! through `Debug`.

use error_model::wire::{self, Dialect};
use error_model::{ApiError, ErrorCode, FieldViolation};
use http::{HeaderMap, StatusCode};
use serde_json::{Value, json};

/// Sensitive names, and spellings of them that must be recognised too.
const NAMES: &[&str] = &[
    "password",
    "cvv2",
    "pin_code",
    "otp",
    "pwd",
    "bearer",
    "jwt",
    "signing_key",
    "cc_number",
    "security_code",
    "account_number",
    "PassWord",
    "PASSWORD",
    "pass_word",
    "\u{ff30}\u{ff21}\u{ff33}\u{ff33}\u{ff37}\u{ff2f}\u{ff32}\u{ff24}",
    "pass\u{200b}word",
    "pass\u{ad}word",
    "Access-Token",
    "refreshToken",
    "client_secret",
    "Authorization",
    "x-api-key",
    "session_id",
    "iban",
    "ssn",
];

/// Field paths whose sensitive segment is not the last.
const PATHS: &[&str] = &["card.number", "password[0]", "/password/0", "user.credentials.0.value", "auth.header"];

fn secret(i: usize) -> String {
    format!("S3CR3T-{i:03}")
}

/// `value` under `name`, nested `depth` levels deep in objects and arrays.
fn nest(name: &str, value: Value, depth: usize) -> Value {
    let mut v = json!({ name: value });
    for d in 0..depth {
        v = if d % 2 == 0 { json!([v]) } else { json!({ "level": v }) };
    }
    v
}

/// An error carrying every secret, and the secrets it carries.
fn loaded_error() -> (ApiError, Vec<String>) {
    let mut secrets = Vec::new();
    let mut next = || {
        secrets.push(secret(secrets.len()));
        secrets.last().unwrap().clone()
    };
    let mut err = ApiError::new(ErrorCode::ValidationError).with_request_id("req_1");
    for name in NAMES {
        err = err.with_field(FieldViolation::new(*name, "Invalid.").with_rejected_value(next()));
        for depth in [0, 1, 3] {
            err = err.with_field(FieldViolation::new("profile", "Invalid.").with_rejected_value(nest(
                name,
                next().into(),
                depth,
            )));
            err = err.with_extension(format!("ext_{name}_{depth}"), nest(name, next().into(), depth));
        }
        err = err.with_extension(*name, next());
    }
    for path in PATHS {
        err = err.with_field(FieldViolation::new(*path, "Invalid.").with_rejected_value(next()));
    }
    err = err.with_extension("headers", json!({"Authorization": format!("Bearer {}", next())}));
    (err, secrets)
}

fn assert_no_secret(what: &str, text: &str, secrets: &[String]) {
    for s in secrets {
        assert!(!text.contains(s.as_str()), "{what}: {s} leaked in {text}");
    }
}

#[test]
fn no_dialect_writes_a_secret() {
    let (err, secrets) = loaded_error();
    for &dialect in Dialect::ALL {
        let body = dialect.body(&err);
        assert_no_secret(dialect.name(), &String::from_utf8_lossy(&body), &secrets);
    }
    assert_no_secret("to_response", &String::from_utf8_lossy(err.to_response().body()), &secrets);
}

#[test]
fn debug_shows_no_secret() {
    let (err, secrets) = loaded_error();
    assert_no_secret("Debug", &format!("{err:?} {err:#?}"), &secrets);
    assert_no_secret("Display", &err.to_string(), &secrets);
}

/// An upstream body full of secrets, converted into every dialect.
#[test]
fn converting_an_untrusted_body_redacts() {
    let s = |i: usize| secret(900 + i);
    let secrets: Vec<String> = (0..8).map(s).collect();
    let canonical = json!({"error": {"code": "VALIDATION_ERROR", "status": 400, "message": "bad",
    "details": {
        "fields": [
            {"field": "password", "message": "weak", "rejected_value": s(0)},
            {"field": "profile", "message": "bad", "rejected_value": {"nested": [{"access_token": s(1)}]}},
            {"field": "card.number", "message": "bad", "rejected_value": s(2)}
        ],
        "upstream": {"headers": {"Authorization": format!("Bearer {}", s(3))}},
        "api_key": s(4)
    }}});
    let problem = json!({"type": "about:blank", "status": 400, "detail": "bad", "code": "VALIDATION_ERROR",
        "errors": [{"pointer": "/password/0", "detail": "weak", "rejected_value": s(5)}],
        "debug": {"config": {"db_password": s(6)}}, "client_secret": s(7)});
    for (name, body) in [("canonical", canonical), ("problem", problem)] {
        let bytes = serde_json::to_vec(&body).unwrap();
        for &to in Dialect::ALL {
            let res = wire::convert(Some(StatusCode::BAD_REQUEST), &HeaderMap::new(), &bytes, to).unwrap();
            assert_no_secret(&format!("{name} -> {to}"), &String::from_utf8_lossy(res.body()), &secrets);
        }
    }
}

/// A service's own sensitive names are a value given to the encoder: two
/// configurations in one process redact differently, at any depth and
/// under any spelling, in every dialect.
#[test]
fn sensitive_names_are_a_value_not_a_global() {
    use error_model::redact::SensitiveNames;

    let spellings = ["tax_id", "TaxId", "TAX-ID", "\u{ff54}\u{ff41}\u{ff58}_id", "tax\u{200b}Id"];
    let mut secrets = Vec::new();
    let mut err = ApiError::new(ErrorCode::ValidationError);
    for (i, name) in spellings.iter().enumerate() {
        let (field, nested, ext) = (secret(500 + 3 * i), secret(501 + 3 * i), secret(502 + 3 * i));
        err = err
            .with_field(FieldViolation::new(format!("customer.{name}"), "Invalid.").with_rejected_value(field.clone()))
            .with_field(FieldViolation::new("profile", "Invalid.").with_rejected_value(nest(
                name,
                nested.clone().into(),
                3,
            )))
            .with_extension(format!("ext_{i}"), nest(name, ext.clone().into(), 2));
        secrets.extend([field, nested, ext]);
    }
    let service = SensitiveNames::default().with_names(["tax_id"]);
    let other = SensitiveNames::default().with_names(["recovery_phrase"]);
    for &dialect in Dialect::ALL {
        let body = dialect.encode_with(&err, &service).into_body();
        assert_no_secret(dialect.name(), &String::from_utf8_lossy(&body), &secrets);
    }
    let redacted = serde_json::to_string(&err.envelope_with(&service)).unwrap();
    assert_no_secret("envelope_with", &redacted, &secrets);
    // The other configuration, and the defaults, do not know the name.
    for names in [&other, SensitiveNames::defaults()] {
        let body = String::from_utf8(Dialect::Canonical.encode_with(&err, names).into_body()).unwrap();
        for s in &secrets {
            assert!(body.contains(s.as_str()), "{s} missing from {body}");
        }
    }
}
