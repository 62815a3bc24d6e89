//! Every row of the built-in registry, checked one by one.

use error_model::{Category, Code, CodeSet, ErrorCode, code::is_valid_wire_name};

/// The codes and statuses the seed documents name, and the codes of the HTTP
/// statuses a server framework answers with, written out independently of
/// the registry so that a change to either shows here.
const DOCUMENTED: &[(&str, u16, Category, bool)] = &[
    ("UNAUTHORIZED", 401, Category::Unauthenticated, false),
    ("TOKEN_EXPIRED", 401, Category::Unauthenticated, false),
    ("FORBIDDEN", 403, Category::PermissionDenied, false),
    ("INSUFFICIENT_PERMISSIONS", 403, Category::PermissionDenied, false),
    ("VALIDATION_ERROR", 400, Category::InvalidArgument, false),
    ("MISSING_FIELD", 400, Category::InvalidArgument, false),
    ("INVALID_INPUT", 400, Category::InvalidArgument, false),
    ("MISSING_QUERY", 400, Category::InvalidArgument, false),
    ("MALFORMED_REQUEST", 400, Category::InvalidArgument, false),
    ("UNPROCESSABLE_ENTITY", 422, Category::InvalidArgument, false),
    ("METHOD_NOT_ALLOWED", 405, Category::InvalidArgument, false),
    ("NOT_ACCEPTABLE", 406, Category::InvalidArgument, false),
    ("PAYLOAD_TOO_LARGE", 413, Category::InvalidArgument, false),
    ("UNSUPPORTED_MEDIA_TYPE", 415, Category::InvalidArgument, false),
    ("NOT_FOUND", 404, Category::NotFound, false),
    ("GONE", 410, Category::NotFound, false),
    ("ALREADY_EXISTS", 409, Category::Conflict, false),
    ("CONFLICT", 409, Category::Conflict, false),
    ("RATE_LIMIT_EXCEEDED", 429, Category::RateLimited, true),
    ("INTERNAL_ERROR", 500, Category::Internal, true),
    ("NOT_IMPLEMENTED", 501, Category::Internal, false),
    ("BAD_GATEWAY", 502, Category::BadGateway, true),
    ("GATEWAY_TIMEOUT", 504, Category::BadGateway, true),
    ("SERVICE_UNAVAILABLE", 503, Category::Unavailable, true),
    ("REQUEST_TIMEOUT", 408, Category::Unavailable, true),
];

#[test]
fn registry_is_exactly_the_documented_table() {
    let names: Vec<&str> = ErrorCode::ALL.iter().map(|c| c.as_str()).collect();
    let documented: Vec<&str> = DOCUMENTED.iter().map(|row| row.0).collect();
    assert_eq!(names, documented);
}

#[test]
fn every_row_round_trips_and_maps() {
    for &(wire, status, category, retryable) in DOCUMENTED {
        let code = ErrorCode::from_wire(wire).unwrap_or_else(|| panic!("{wire} missing"));
        // wire name round trip: enum, FromStr, Display, serde, Code
        assert_eq!(code.as_str(), wire);
        assert_eq!(code.to_string(), wire);
        assert_eq!(wire.parse::<ErrorCode>().unwrap(), code);
        let json = serde_json::to_string(&code).unwrap();
        assert_eq!(json, format!("\"{wire}\""));
        assert_eq!(serde_json::from_str::<ErrorCode>(&json).unwrap(), code);
        let as_code: Code = serde_json::from_str(&json).unwrap();
        assert!(as_code.is_known());
        assert_eq!(as_code, code);
        assert_eq!(as_code.to_code_set::<ErrorCode>(), Some(code));
        // status, category, retryable
        assert_eq!(code.status().as_u16(), status, "{wire}");
        assert_eq!(as_code.status().map(|s| s.as_u16()), Some(status), "{wire}");
        assert_eq!(code.category(), category, "{wire}");
        assert_eq!(code.is_retryable(), retryable, "{wire}");
        assert_eq!(code.info(), &ErrorCode::infos()[ErrorCode::ALL.iter().position(|c| *c == code).unwrap()]);
        // docs text present and sane
        let info = code.info();
        assert!(is_valid_wire_name(info.name()));
        for text in [info.title(), info.description(), info.remediation()] {
            assert!(!text.trim().is_empty() && !text.contains('\n'), "{wire}: {text:?}");
        }
        assert!(info.description().ends_with('.') && info.remediation().ends_with('.'), "{wire}");
    }
}

#[test]
fn category_default_codes_belong_to_their_category() {
    for &category in Category::ALL {
        let code = ErrorCode::for_category(category);
        assert_eq!(code.category(), category);
        assert_eq!(code.status(), category.status());
        assert_eq!(code.is_retryable(), category.is_retryable());
    }
}

#[test]
fn a_status_means_one_code_and_one_category() {
    for &code in ErrorCode::ALL {
        let status = code.status();
        let implied = error_model::status::code_for(status).unwrap_or_else(|| panic!("{code}: no code for {status}"));
        // Either the code has its category's status, or it is the code its own
        // status stands for: a bare status always reads back as one code.
        assert!(status == code.category().status() || implied == code, "{code}");
    }
    // Written out independently of the rows.
    let categories = [
        (405, Category::InvalidArgument),
        (406, Category::InvalidArgument),
        (408, Category::Unavailable),
        (410, Category::NotFound),
        (413, Category::InvalidArgument),
        (415, Category::InvalidArgument),
        (418, Category::InvalidArgument),
        (422, Category::InvalidArgument),
        (501, Category::Internal),
        (504, Category::BadGateway),
        (599, Category::Internal),
    ];
    for (status, category) in categories {
        assert_eq!(error_model::status::category_of(status), category, "{status}");
    }
    let retryable = [408, 429, 500, 502, 503, 504];
    for status in 100..=599 {
        let status = http::StatusCode::from_u16(status).unwrap();
        assert_eq!(error_model::status::is_retryable(status), retryable.contains(&status.as_u16()), "{status}");
    }
    assert_eq!(error_model::status::code_for(http::StatusCode::IM_A_TEAPOT), None);
    assert_eq!(error_model::status::implied_code(http::StatusCode::IM_A_TEAPOT, false), ErrorCode::ValidationError);
    assert_eq!(
        error_model::status::implied_code(http::StatusCode::from_u16(599).unwrap(), false),
        ErrorCode::InternalError
    );
    // A bare status a server sends is never a validation code.
    for status in 400..=599 {
        let status = http::StatusCode::from_u16(status).unwrap();
        assert!(!error_model::status::bare_code(status).info().is_validation(), "{status}");
    }
    assert_eq!(error_model::status::bare_code(http::StatusCode::BAD_REQUEST), ErrorCode::MalformedRequest);
    assert_eq!(error_model::status::bare_code(http::StatusCode::CONFLICT), ErrorCode::Conflict);
}

#[test]
fn unknown_code_round_trips_unchanged() {
    for raw in ["CARD_DECLINED", "card_declined", "Some.Dotted-Code", "ÜBER_FEHLER", ""] {
        let json = serde_json::to_string(raw).unwrap();
        let code: Code = serde_json::from_str(&json).unwrap();
        assert!(!code.is_known());
        assert_eq!(code.as_str(), raw);
        assert_eq!(code.status(), None);
        assert_eq!(serde_json::to_string(&code).unwrap(), json);
        assert!(serde_json::from_str::<ErrorCode>(&json).is_err());
        assert_eq!(raw.parse::<ErrorCode>().unwrap_err().name(), raw);
    }
}

#[test]
fn unknown_code_in_a_full_error_round_trips() {
    let body = r#"{"error":{"code":"QUOTA_FROZEN","status":423,"message":"Quota frozen","details":{"quota":"daily"}}}"#;
    let env: error_model::Envelope = serde_json::from_str(body).unwrap();
    assert_eq!(env.error.code().as_str(), "QUOTA_FROZEN");
    assert!(!env.error.code().is_known());
    assert_eq!(env.error.status().as_u16(), 423);
    assert_eq!(env.error.category(), Category::InvalidArgument);
    let again = serde_json::to_value(&env).unwrap();
    assert_eq!(again, serde_json::from_str::<serde_json::Value>(body).unwrap());
}
