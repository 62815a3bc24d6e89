//! Every JSON kind sent to handlers expecting a struct, a list, an enum and
//! a number: each wrong kind is a `VALIDATION_ERROR` whose message says in
//! JSON's words what was expected and what was found, and no Rust type,
//! struct or variant name reaches the client.

use axum::Router;
use axum::body::Body;
use axum::routing::post;
use error_model::wire::Dialect;
use error_model_axum::{ErrorConfig, ErrorLayer, Json};
use http::{Request, StatusCode};

use http_body_util::BodyExt;
use tower::ServiceExt;

#[derive(serde::Deserialize)]
#[allow(dead_code)]
struct NewLead {
    name: String,
    email: String,
    phone: u64,
}

/// Its wire values (`open`, `won`), which a message may list as the values
/// allowed, differ from its Rust variant names, which it may not.
#[derive(serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[allow(dead_code)]
enum LeadStatus {
    Open,
    Won { amount: u32 },
}

async fn one(Json(_): Json<NewLead>) {}
async fn many(Json(_): Json<Vec<NewLead>>) {}
async fn status(Json(_): Json<LeadStatus>) {}
async fn number(Json(_): Json<u32>) {}

/// Rust words that must never reach a client.
const RUST_WORDS: &[&str] = &[
    "NewLead",
    "LeadStatus",
    "Open",
    "Won",
    "struct",
    "enum",
    "variant",
    "u32",
    "u64",
    "usize",
    "String",
    "tuple",
    "sequence",
    "map",
];

#[tokio::test]
async fn every_json_kind_is_rejected_in_json_words() {
    let app = Router::new()
        .route("/one", post(one))
        .route("/many", post(many))
        .route("/status", post(status))
        .route("/number", post(number))
        .layer(ErrorLayer::new(ErrorConfig::new(Dialect::Canonical)));
    let kinds = [
        ("null", "null"),
        ("true", "a boolean"),
        ("42", "an integer"),
        ("-1.5", "a number"),
        ("\"lead\"", "a string"),
        ("[]", "an array"),
        ("[null]", "an array"),
        ("{}", "an object"),
        ("{\"leads\": 1}", "an object"),
    ];
    let routes =
        [("/one", "an object"), ("/many", "an array"), ("/status", "a string or an object"), ("/number", "an integer")];
    let mut checked = 0;
    for (route, expected) in routes {
        for (body, found) in kinds {
            let req = Request::post(route).header("content-type", "application/json").body(Body::from(body)).unwrap();
            let res = app.clone().oneshot(req).await.unwrap();
            let status = res.status();
            let text = String::from_utf8(res.into_body().collect().await.unwrap().to_bytes().to_vec()).unwrap();
            if status.is_success() {
                continue; // the right kind (an integer to /number, an empty list to /many)
            }
            assert_eq!(status, StatusCode::BAD_REQUEST, "{route} {body}: {text}");
            assert!(text.contains("\"VALIDATION_ERROR\""), "{route} {body}: {text}");
            for word in RUST_WORDS {
                let named = text.split(|c: char| !c.is_alphanumeric()).any(|w| w == *word);
                assert!(!named, "{route} {body}: `{word}` in {text}");
            }
            // The wrong kind at the top level is named as found, and as
            // expected wherever serde says what it expected (for an enum,
            // serde_json says only that the value is of no kind it takes).
            // A body of the right kind with wrong contents is checked for
            // Rust words only (serde also reads a struct from an array: a
            // `[null]` fails inside it, at `/0`).
            if !expected.contains(found) && !(route == "/one" && body == "[null]") {
                let named = if route == "/status" && !text.contains("expected") {
                    format!("found {found}, which is not a valid value here")
                } else {
                    format!("expected {expected}, found {found}")
                };
                assert!(text.contains(&named), "{route} {body}: {text}");
            }
            checked += 1;
        }
    }
    assert!(checked >= 30, "{checked} rejections checked");
}
