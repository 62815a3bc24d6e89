//! The tiny notes services, documented by utoipa and by aide: for each,
//! the codes each route declares are exactly the codes its handler sends
//! (every declared code is sent by one of the requests below, and every
//! code sent is declared for its status), and every body is valid under
//! the schema its response documents, in both media types.

use std::collections::{BTreeMap, BTreeSet};

use axum::Router;
use axum::body::Body;
use axum::http::Request;
use error_model::wire::Dialect;
use error_model_examples::{tiny_aide, tiny_utoipa};
use serde_json::{Value, json};
use tower::ServiceExt;

/// A request: method, URI, content type and body.
type Case = (&'static str, &'static str, Option<&'static str>, Vec<u8>);

fn cases() -> Vec<Case> {
    let json = Some("application/json");
    vec![
        ("GET", "/notes/1", None, Vec::new()),
        ("GET", "/notes/busy", None, Vec::new()),
        ("GET", "/notes/9", None, Vec::new()),
        ("POST", "/notes", json, br#"{"text":"new"}"#.to_vec()),
        ("POST", "/notes", json, br#"{"text":" "}"#.to_vec()),
        ("POST", "/notes", json, br#"{"text":5}"#.to_vec()),
        ("POST", "/notes", json, br#"{"text":"#.to_vec()),
        ("POST", "/notes", Some("text/plain"), b"new".to_vec()),
        ("POST", "/notes", json, format!(r#"{{"text":"{}"}}"#, "a".repeat(3 << 20)).into_bytes()),
        ("POST", "/notes", json, br#"{"text":"hello"}"#.to_vec()),
    ]
}

/// A validator for `schema`, resolving its references in `doc`.
fn validator(doc: &Value, schema: &Value) -> jsonschema::Validator {
    let root = json!({ "allOf": [schema], "components": doc["components"] });
    jsonschema::options().build(&root).unwrap()
}

/// The codes each operation of `doc` declares, by `METHOD path`.
fn declared(doc: &Value) -> BTreeMap<String, BTreeSet<String>> {
    let mut all = BTreeMap::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let codes: &mut BTreeSet<String> = all.entry(format!("{} {path}", method.to_uppercase())).or_default();
            for response in operation["responses"].as_object().unwrap().values() {
                for code in response["x-error-codes"].as_array().into_iter().flatten() {
                    codes.insert(code.as_str().unwrap().to_owned());
                }
            }
        }
    }
    all
}

async fn what_the_handlers_send_is_what_they_declare(app: Router, doc: Value) {
    let mut sent: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (method, uri, content_type, body) in cases() {
        let path = if uri.starts_with("/notes/") { "/notes/{id}" } else { "/notes" };
        let mut request = Request::builder().method(method).uri(uri);
        if let Some(content_type) = content_type {
            request = request.header("content-type", content_type);
        }
        let res = app.clone().oneshot(request.body(Body::from(body)).unwrap()).await.unwrap();
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = axum::body::to_bytes(res.into_body(), 1 << 20).await.unwrap();
        let response = &doc["paths"][path][method.to_lowercase()]["responses"][status.as_str()];
        assert!(response.is_object(), "{method} {uri}: {status} not documented");
        if status.is_success() {
            sent.entry(format!("{method} {path}")).or_default();
            continue;
        }
        let canonical: Value = serde_json::from_slice(&bytes).unwrap();
        let code = canonical["error"]["code"].as_str().unwrap().to_owned();
        let declared = response["x-error-codes"].as_array().unwrap();
        assert!(declared.contains(&json!(code)), "{method} {uri}: {code} not declared for {status}");
        let err = Dialect::Canonical.decode(Some(status), &headers, &bytes).unwrap();
        let problem: Value = serde_json::from_slice(&Dialect::Problem.body(&err)).unwrap();
        for (media, body) in [("application/json", &canonical), ("application/problem+json", &problem)] {
            let errors: Vec<String> = validator(&doc, &response["content"][media]["schema"])
                .iter_errors(body)
                .map(|e| e.to_string())
                .collect();
            assert!(errors.is_empty(), "{method} {uri} {media}: {errors:?}: {body}");
        }
        if response["headers"].get("Retry-After").is_some() {
            assert!(headers.contains_key("retry-after"), "{method} {uri}: no Retry-After");
        }
        sent.entry(format!("{method} {path}")).or_default().insert(code);
    }
    assert_eq!(sent, declared(&doc));
}

#[tokio::test]
async fn utoipa_what_the_handlers_send_is_what_they_declare() {
    let doc = serde_json::to_value(tiny_utoipa::openapi()).unwrap();
    what_the_handlers_send_is_what_they_declare(tiny_utoipa::app(), doc).await;
}

#[tokio::test]
async fn aide_what_the_handlers_send_is_what_they_declare() {
    what_the_handlers_send_is_what_they_declare(tiny_aide::app(), tiny_aide::openapi()).await;
}

#[test]
fn both_documents_declare_the_same_errors() {
    let utoipa = serde_json::to_value(tiny_utoipa::openapi()).unwrap();
    let aide = tiny_aide::openapi();
    assert_eq!(declared(&utoipa), declared(&aide));
    assert_eq!(declared(&aide)["POST /notes"].len(), 5);
    // The same error components, from the same generator.
    for name in ["ErrorEnvelope", "ProblemDetails", "Code", "RegisteredCode", "FieldViolation"] {
        assert_eq!(utoipa["components"]["schemas"][name], aide["components"]["schemas"][name], "{name}");
    }
}
