//! Server side: what a handler's error looks like on the wire, and what it must never show.

use std::error::Error as _;

use error_model::{ApiError, Category, ErrorCode, FieldViolation, OrInternal, ResourceRef, Timestamp};
use http::{HeaderMap, HeaderValue, StatusCode};
use serde_json::json;

#[derive(Debug, thiserror::Error)]
#[error("pg: password authentication failed for user \"svc_leads\" at 10.0.3.7:5432")]
struct DbError;

fn body_text(err: &ApiError) -> String {
    String::from_utf8(err.to_response().into_body()).unwrap()
}

#[test]
fn internal_error_source_never_serialised() {
    let err = ApiError::internal(DbError).with_request_id("req_1");
    let source_text = DbError.to_string();
    assert_eq!(err.source().unwrap().to_string(), source_text);
    assert_eq!(err.code(), &ErrorCode::InternalError);
    assert_eq!(err.message(), ErrorCode::InternalError.info().description());

    let body = body_text(&err);
    for fragment in ["pg:", "svc_leads", "10.0.3.7", "password authentication", "DbError"] {
        assert!(!body.contains(fragment), "{fragment} leaked into {body}");
    }
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&body).unwrap(),
        json!({"error": {"code": "INTERNAL_ERROR", "status": 500, "message": "An unexpected error occurred on the server.", "request_id": "req_1"}})
    );
    // with_source on any error, and `?` through or_internal, behave the same.
    let wrapped = ApiError::not_found("Lead not found").with_source(DbError);
    assert!(!body_text(&wrapped).contains("svc_leads"));
    let via_question_mark: Result<(), ApiError> = Err::<(), _>(DbError).or_internal();
    assert!(!body_text(&via_question_mark.unwrap_err()).contains("svc_leads"));
}

#[test]
fn sensitive_values_are_redacted_on_the_wire_only() {
    let err = ApiError::invalid_argument("Invalid request data")
        .with_field(FieldViolation::new("password", "Too short").with_rejected_value("hunter2-secret"))
        .with_field(FieldViolation::new("users[0].api_key", "Revoked").with_rejected_value("sk_live_abc123"))
        .with_field(FieldViolation::new("email", "Invalid email format").with_rejected_value("invalid-email"))
        .with_extension("authorization", "Bearer eyJhbGciOi")
        .with_extension("attempt", 3);
    let body = body_text(&err);
    for secret in ["hunter2-secret", "sk_live_abc123", "eyJhbGciOi"] {
        assert!(!body.contains(secret), "{secret} leaked into {body}");
    }
    assert!(body.contains("invalid-email"), "ordinary values are echoed");
    let value: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(value["error"]["details"]["fields"][0]["rejected_value"], "[REDACTED]");
    assert_eq!(value["error"]["details"]["fields"][1]["pointer"], "/users/0/api_key");
    assert_eq!(value["error"]["details"]["authorization"], "[REDACTED]");
    assert_eq!(value["error"]["details"]["attempt"], 3);
    // The raw values stay available to server-side code.
    assert_eq!(err.fields()[0].rejected_value, Some(json!("hunter2-secret")));
}

#[test]
fn one_constructor_per_category() {
    let cases: Vec<(ApiError, Category)> = vec![
        (ApiError::invalid_argument("x"), Category::InvalidArgument),
        (ApiError::unauthenticated("x"), Category::Unauthenticated),
        (ApiError::permission_denied("x"), Category::PermissionDenied),
        (ApiError::not_found("x"), Category::NotFound),
        (ApiError::conflict("x"), Category::Conflict),
        (ApiError::rate_limited(5), Category::RateLimited),
        (ApiError::internal("boom"), Category::Internal),
        (ApiError::bad_gateway("x"), Category::BadGateway),
        (ApiError::unavailable(None), Category::Unavailable),
    ];
    assert_eq!(cases.len(), Category::ALL.len());
    for (err, category) in cases {
        assert_eq!(err.category(), category);
        assert_eq!(err.status(), category.status());
        assert_eq!(err.code(), &ErrorCode::for_category(category));
        assert_eq!(err.to_response().status(), category.status());
    }
}

#[test]
fn response_headers() {
    let res = ApiError::rate_limited(60).with_request_id("req_abc").to_response();
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(res.headers()["content-type"], "application/json");
    assert_eq!(res.headers()["retry-after"], "60");
    assert_eq!(res.headers()["x-request-id"], "req_abc");

    let res = ApiError::unavailable(Some(30)).to_response();
    assert_eq!(res.headers()["retry-after"], "30");
    assert!(res.headers().get("x-request-id").is_none());

    // Retry-After only on 429 and 503, and only with a hint.
    assert!(ApiError::rate_limited(1).with_retry_after(0).to_response().headers().contains_key("retry-after"));
    assert!(!ApiError::unavailable(None).to_response().headers().contains_key("retry-after"));
    let not_found = ApiError::not_found("x").with_retry_after(9).to_response();
    assert!(!not_found.headers().contains_key("retry-after"));

    // A request id that is not a valid header value stays in the body only.
    let res = ApiError::not_found("x").with_request_id("bad\nid").to_response();
    assert!(!res.headers().contains_key("x-request-id"));
}

#[test]
fn full_error_round_trips_through_http() {
    let sent = ApiError::new(ErrorCode::AlreadyExists)
        .with_message("Email already exists")
        .with_resource(ResourceRef::new("lead", "lead_existing123"))
        .with_field(
            FieldViolation::new("email", "already used")
                .with_rejected_value("john.doe@example.com")
                .with_reason("DUPLICATE"),
        )
        .with_extension("workspace", "ws_1")
        .with_request_id("req_1234567890abcdef")
        .with_timestamp("2024-01-16T10:30:00.000Z".parse::<Timestamp>().unwrap())
        .with_docs_url("https://docs.example.com/errors#ALREADY_EXISTS");
    let read = ApiError::from_response(&sent.to_response()).unwrap();
    assert_eq!(read, sent);
    assert_eq!(read.to_response().into_body(), sent.to_response().into_body());
}

#[test]
fn reading_takes_status_and_headers_from_the_response() {
    let body = br#"{"error":{"code":"RATE_LIMIT_EXCEEDED","message":"Too many requests"}}"#;
    let mut headers = HeaderMap::new();
    headers.insert("x-request-id", HeaderValue::from_static("req_h"));
    headers.insert("retry-after", HeaderValue::from_static("12"));
    let err = ApiError::from_parts(StatusCode::TOO_MANY_REQUESTS, &headers, body).unwrap();
    assert_eq!(err.request_id(), Some("req_h"));
    assert_eq!(err.retry_after(), Some(12));
    assert!(err.is_retryable());
}
