//! `validator::Valid<Json<T>>` and `garde::Valid<Json<T>>` over a real
//! router: a wrong type and broken rules arrive as one contract error, in
//! every dialect with its status, with the layer's sensitive names.

use axum::Router;
use axum::body::Body;
use axum::routing::{get, post};
use error_model::redact::SensitiveNames;
use error_model::wire::{self, Dialect};
use error_model::{ApiError, ErrorCode};
use error_model_axum::{ErrorConfig, ErrorLayer, Json, Query};
use http::{Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use tower::ServiceExt;

mod with_validator {
    use validator::Validate;

    #[derive(serde::Deserialize, Validate)]
    pub struct Search {
        #[validate(range(max = 100))]
        pub limit: u32,
    }

    #[derive(serde::Deserialize, Validate)]
    pub struct Bulk {
        #[validate(nested)]
        pub leads: Vec<Lead>,
    }

    #[derive(serde::Deserialize, serde::Serialize, Validate)]
    pub struct Lead {
        #[validate(email(code = "INVALID_FORMAT"))]
        pub email: String,
        #[validate(range(min = 18))]
        pub age: u32,
        #[validate(length(min = 12))]
        pub tax_id: String,
    }
}

mod with_garde {
    use garde::Validate;

    #[derive(serde::Deserialize, Validate)]
    pub struct Search {
        #[garde(range(max = 100))]
        pub limit: u32,
    }

    #[derive(serde::Deserialize, Validate)]
    pub struct Bulk {
        #[garde(dive)]
        pub leads: Vec<Lead>,
    }

    #[derive(serde::Deserialize, Validate)]
    pub struct Lead {
        #[garde(email)]
        pub email: String,
        #[garde(range(min = 18))]
        pub age: u32,
        #[garde(length(min = 12))]
        pub tax_id: String,
    }
}

async fn by_validator(
    error_model_axum::validator::Valid(Json(bulk)): error_model_axum::validator::Valid<Json<with_validator::Bulk>>,
) -> String {
    bulk.leads.len().to_string()
}

async fn by_garde(
    error_model_axum::garde::Valid(Json(bulk)): error_model_axum::garde::Valid<Json<with_garde::Bulk>>,
) -> String {
    bulk.leads.len().to_string()
}

async fn search_by_validator(
    error_model_axum::validator::Valid(Query(search)): error_model_axum::validator::Valid<
        Query<with_validator::Search>,
    >,
) -> String {
    search.limit.to_string()
}

async fn search_by_garde(
    error_model_axum::garde::Valid(Query(search)): error_model_axum::garde::Valid<Query<with_garde::Search>>,
) -> String {
    search.limit.to_string()
}

fn app(dialect: Dialect) -> Router {
    let names = SensitiveNames::default().with_names(["tax_id"]);
    Router::new()
        .route("/validator", post(by_validator))
        .route("/garde", post(by_garde))
        .route("/validator/search", get(search_by_validator))
        .route("/garde/search", get(search_by_garde))
        .layer(ErrorLayer::new(ErrorConfig::new(dialect).with_sensitive_names(names)))
}

async fn send(dialect: Dialect, path: &str, body: &Value) -> (StatusCode, http::HeaderMap, Vec<u8>) {
    let req = Request::post(path)
        .header("content-type", "application/json")
        .body(Body::from(serde_json::to_vec(body).unwrap()))
        .unwrap();
    let res = app(dialect).oneshot(req).await.unwrap();
    let (parts, body) = res.into_parts();
    (parts.status, parts.headers, body.collect().await.unwrap().to_bytes().to_vec())
}

async fn error(dialect: Dialect, path: &str, body: &Value) -> (StatusCode, String, ApiError) {
    let (status, headers, bytes) = send(dialect, path, body).await;
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let (_, err) = wire::decode(Some(status), &headers, &bytes).unwrap_or_else(|e| panic!("{dialect}: {e}: {text}"));
    (status, text, err)
}

fn lead(email: &str, age: u32, tax_id: &str) -> Value {
    json!({"email": email, "age": age, "tax_id": tax_id})
}

#[tokio::test]
async fn valid_bodies_reach_the_handler() {
    let body = json!({"leads": [lead("a@example.com", 30, "DE123456789012")]});
    for path in ["/validator", "/garde"] {
        let (status, _, bytes) = send(Dialect::Canonical, path, &body).await;
        assert_eq!(status, 200, "{path}: {}", String::from_utf8_lossy(&bytes));
        assert_eq!(bytes, b"1");
    }
}

#[tokio::test]
async fn broken_rules_are_one_error_in_every_dialect() {
    let body = json!({"leads": [
        lead("a@example.com", 30, "DE123456789012"),
        lead("nope", 12, "SECRET-TAX"),
        lead("b@example.com", 40, "DE123456789012"),
        lead("c", 20, "DE123456789012"),
    ]});
    let want = [
        ("/leads/1/age", "range"),
        ("/leads/1/email", "INVALID_FORMAT"),
        ("/leads/1/tax_id", "length"),
        ("/leads/3/email", "INVALID_FORMAT"),
    ];
    for &dialect in Dialect::ALL {
        let status = if dialect.validation_is_422() { 422 } else { 400 };
        let carries_reason = !matches!(dialect.name(), "field-map" | "drf");
        for path in ["/validator", "/garde"] {
            let (got, text, err) = error(dialect, path, &body).await;
            assert_eq!(got, status, "{dialect} {path}: {text}");
            assert_eq!(err.code(), &ErrorCode::ValidationError, "{dialect} {path}: {text}");
            // The sensitive field's value (by the layer's names) never reaches the body.
            assert!(!text.contains("SECRET-TAX"), "{dialect} {path}: {text}");
            let pointers: Vec<_> = err.fields().iter().map(|v| v.pointer.as_str()).collect();
            assert_eq!(pointers, want.map(|(p, _)| p), "{dialect} {path}: {text}");
            if carries_reason {
                let reasons: Vec<_> = err.fields().iter().map(|v| v.reason.as_deref().unwrap_or("")).collect();
                let expected: Vec<_> = if path == "/garde" {
                    vec![error_model_garde::REASON; want.len()]
                } else {
                    want.map(|(_, r)| r).to_vec()
                };
                assert_eq!(reasons, expected, "{dialect} {path}: {text}");
            }
        }
    }
    // In the canonical shape: the rejected value and the bound of a plain field.
    let (_, _, err) = error(Dialect::Canonical, "/validator", &body).await;
    let age = &err.fields()[0];
    assert_eq!(
        (age.rejected_value.clone(), age.expected.as_deref()),
        (Some(json!(12)), Some("a value of at least 18"))
    );
}

#[tokio::test]
async fn a_wrong_type_is_the_same_kind_of_error() {
    let body = json!({"leads": [lead("a@example.com", 30, "DE123456789012"), {"email": "b@example.com", "age": "old", "tax_id": "x"}]});
    for path in ["/validator", "/garde"] {
        let (status, text, err) = error(Dialect::Canonical, path, &body).await;
        assert_eq!(status, 400, "{path}: {text}");
        assert_eq!(err.code(), &ErrorCode::ValidationError, "{path}: {text}");
        assert_eq!(err.fields().len(), 1, "{path}: {text}");
        assert_eq!(err.fields()[0].pointer, "/leads/1/age", "{path}: {text}");
        assert_eq!(err.fields()[0].reason.as_deref(), Some("INVALID"), "{path}: {text}");
    }
    // Not JSON at all: the Json extractor's answer.
    let req = Request::post("/garde").header("content-type", "application/json").body(Body::from("{")).unwrap();
    let res = app(Dialect::Canonical).oneshot(req).await.unwrap();
    assert_eq!(res.status(), 400);
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    let body: Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(body["error"]["code"], "MALFORMED_REQUEST");
}

#[tokio::test]
async fn query_strings_are_checked_with_the_code_of_a_wrong_type() {
    for path in ["/validator/search", "/garde/search"] {
        let get = |query: &str| Request::get(format!("{path}?{query}")).body(Body::empty()).unwrap();
        let res = app(Dialect::Canonical).oneshot(get("limit=7")).await.unwrap();
        assert_eq!(res.status(), 200, "{path}");
        for query in ["limit=500", "limit=many"] {
            let res = app(Dialect::Canonical).oneshot(get(query)).await.unwrap();
            let (parts, body) = res.into_parts();
            let bytes = body.collect().await.unwrap().to_bytes();
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let (_, err) = wire::decode(Some(parts.status), &parts.headers, &bytes).unwrap();
            assert_eq!(parts.status, 400, "{path}?{query}: {text}");
            assert_eq!(err.code(), &ErrorCode::InvalidInput, "{path}?{query}: {text}");
            assert_eq!(err.fields().len(), 1, "{path}?{query}: {text}");
            assert_eq!(err.fields()[0].pointer, "/limit", "{path}?{query}: {text}");
        }
    }
}
