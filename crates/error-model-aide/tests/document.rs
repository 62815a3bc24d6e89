//! A tiny axum service documented by aide with this crate's helpers: the
//! document's paths, responses, codes, headers and component references,
//! every example valid under its schema, the declared codes compared with
//! the ones the handlers send, and the error schemas equal to the published
//! ones.

use aide::axum::ApiRouter;
use aide::axum::routing::{get, post};
use aide::openapi::OpenApi;
use axum::body::Body;
use axum::extract::Path;
use axum::http::Request;
use error_model::code::DocsBase;
use error_model::wire::Dialect;
use error_model::{ApiError, CodeSet, ErrorCode, ResourceRef};
use error_model_aide::{AideResponses, ErrorComponents, ErrorResponses, Errors, error_responses};
use serde_json::{Value, json};
use tower::ServiceExt;

error_model::error_codes! {
    /// A team's own codes.
    pub enum ShopCode {
        OrderNotFound {
            wire: "ORDER_NOT_FOUND",
            category: NotFound,
            status: 404,
            retryable: false,
            title: "Order not found",
            description: "No order with this ID exists.",
            remediation: "Check the order ID.",
        },
        OutOfStock {
            wire: "OUT_OF_STOCK",
            category: Conflict,
            status: 409,
            retryable: false,
            title: "Out of stock",
            description: "The item is out of stock.",
            remediation: "Try again when it is back.",
        },
    }
}

error_responses! {
    /// What reading an order can fail with.
    struct GetOrderErrors {
        ShopCode::OrderNotFound,
        ErrorCode::NotFound,
        ErrorCode::Unauthorized,
        ErrorCode::RateLimitExceeded,
        ErrorCode::ServiceUnavailable,
    }
}

/// The order a path names.
#[derive(serde::Deserialize, schemars09::JsonSchema)]
#[schemars(crate = "schemars09")]
struct OrderPath {
    /// The order's id.
    id: String,
}

async fn get_order(Path(OrderPath { id }): Path<OrderPath>) -> Result<axum::Json<Value>, GetOrderErrors> {
    match id.as_str() {
        "1" => Ok(axum::Json(json!({ "id": id }))),
        "busy" => Err(ApiError::new(ErrorCode::ServiceUnavailable).with_retry_after(30).into()),
        "limit" => Err(ApiError::rate_limited(10).into()),
        "anon" => Err(ApiError::new(ErrorCode::Unauthorized).into()),
        _ => Err(ApiError::new(ShopCode::OrderNotFound).with_resource(ResourceRef::new("order", id)).into()),
    }
}

/// Buys the item: any code of the team's table.
async fn buy(Path(_): Path<OrderPath>) -> Result<String, Errors<ShopCode>> {
    Err(ApiError::new(ShopCode::OutOfStock).into())
}

const ERRORS: ErrorComponents = ErrorComponents::new(&[ErrorCode::infos, ShopCode::infos]);

fn service(errors: &ErrorComponents) -> (axum::Router, Value) {
    let mut api = OpenApi::default();
    api.info.title = "Shop".into();
    let app = ApiRouter::new()
        .api_route("/orders/{id}", get(get_order))
        .api_route("/orders/{id}/buy", post(buy))
        .finish_api(&mut api);
    errors.add_to(&mut api);
    (app, serde_json::to_value(&api).unwrap())
}

fn doc() -> Value {
    service(&ERRORS).1
}

/// Every local `$ref` of `value`.
fn refs(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                match (key.as_str(), v) {
                    ("$ref", Value::String(target)) => out.push(target.clone()),
                    _ => refs(v, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| refs(v, out)),
        _ => {}
    }
}

#[test]
fn every_reference_resolves() {
    let doc = doc();
    let mut all = Vec::new();
    refs(&doc, &mut all);
    assert!(all.len() > 10, "{all:?}");
    for target in all {
        let pointer = target.strip_prefix('#').unwrap_or_else(|| panic!("not local: {target}"));
        assert!(doc.pointer(pointer).is_some(), "{target} points nowhere");
    }
}

#[test]
fn each_route_lists_its_statuses_codes_and_headers() {
    let doc = doc();
    let responses = &doc["paths"]["/orders/{id}"]["get"]["responses"];
    let statuses: Vec<&String> = responses.as_object().unwrap().keys().collect();
    assert_eq!(statuses, ["200", "401", "404", "429", "503"]);
    assert_eq!(responses["404"]["x-error-codes"], json!(["ORDER_NOT_FOUND", "NOT_FOUND"]));
    let description = responses["404"]["description"].as_str().unwrap();
    assert!(description.contains("`ORDER_NOT_FOUND`") && description.contains("`NOT_FOUND`"), "{description}");
    for status in ["401", "404", "429", "503"] {
        let response = &responses[status];
        assert_eq!(response["headers"]["X-Request-ID"]["$ref"], "#/components/headers/X-Request-ID", "{status}");
        let retry_after = response["headers"].get("Retry-After").is_some();
        assert_eq!(retry_after, matches!(status, "429" | "503"), "{status}");
        for media in ["application/json", "application/problem+json"] {
            let content = &response["content"][media];
            let component = if media == "application/json" { "ErrorEnvelope" } else { "ProblemDetails" };
            assert_eq!(content["schema"]["$ref"], format!("#/components/schemas/{component}"), "{status} {media}");
            for code in response["x-error-codes"].as_array().unwrap() {
                assert!(content["examples"][code.as_str().unwrap()]["value"].is_object(), "{status} {media} {code}");
            }
        }
    }
    // The path parameter aide derives from the handler's extractor.
    assert_eq!(doc["paths"]["/orders/{id}"]["get"]["parameters"][0]["name"], "id");
    // `Errors<ShopCode>`: every code of the table.
    let buy = &doc["paths"]["/orders/{id}/buy"]["post"]["responses"];
    assert_eq!(buy["409"]["x-error-codes"], json!(["OUT_OF_STOCK"]));
    assert_eq!(buy["404"]["x-error-codes"], json!(["ORDER_NOT_FOUND"]));
    // The registered codes: both tables, with their descriptions.
    let code = &doc["components"]["schemas"]["RegisteredCode"];
    assert!(code["enum"].as_array().unwrap().contains(&json!("OUT_OF_STOCK")), "{code}");
    assert!(code["enum"].as_array().unwrap().contains(&json!("NOT_FOUND")), "{code}");
    assert!(code["x-enum-descriptions"].as_array().unwrap().contains(&json!("The item is out of stock.")), "{code}");
}

#[test]
fn the_responses_are_the_published_ones() {
    for responses in [GetOrderErrors::error_responses(), ErrorResponses::new().codes(ShopCode::ALL.iter().copied())] {
        for (status, response) in responses.build() {
            let status = error_model::http::StatusCode::from_u16(status).unwrap();
            let mut published =
                error_model_publish::openapi::error_response(status, responses.infos(), None, &Default::default());
            let codes: Vec<&str> =
                responses.infos().iter().filter(|i| i.status() == status).map(|i| i.name()).collect();
            published["x-error-codes"] = json!(codes);
            assert_eq!(serde_json::to_value(&response).unwrap(), published, "{status}");
        }
    }
}

/// A validator for `schema`, resolving its references in `doc`.
fn validator(doc: &Value, schema: &Value) -> jsonschema::Validator {
    let root = json!({ "allOf": [schema], "components": doc["components"] });
    jsonschema::options().build(&root).unwrap()
}

#[test]
fn every_example_is_valid_under_its_schema() {
    let doc = doc();
    let mut checked = 0;
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            for (status, response) in operation["responses"].as_object().unwrap() {
                for (media, content) in response["content"].as_object().into_iter().flatten() {
                    if content.get("examples").is_none() {
                        continue;
                    }
                    let validator = validator(&doc, &content["schema"]);
                    for (name, example) in content["examples"].as_object().into_iter().flatten() {
                        let errors: Vec<String> =
                            validator.iter_errors(&example["value"]).map(|e| e.to_string()).collect();
                        assert!(errors.is_empty(), "{method} {path} {status} {media} {name}: {errors:?}");
                        checked += 1;
                    }
                }
            }
        }
    }
    assert!(checked >= 14, "{checked}");
}

#[tokio::test]
async fn what_the_handlers_send_is_what_they_declare() {
    let (app, doc) = service(&ERRORS);
    for (uri, method, path) in [
        ("/orders/404", "GET", "/orders/{id}"),
        ("/orders/busy", "GET", "/orders/{id}"),
        ("/orders/limit", "GET", "/orders/{id}"),
        ("/orders/anon", "GET", "/orders/{id}"),
        ("/orders/1/buy", "POST", "/orders/{id}/buy"),
    ] {
        for accept in ["application/json", "application/problem+json"] {
            let request = Request::builder().method(method).uri(uri).header("accept", accept).body(Body::empty());
            let res = app.clone().oneshot(request.unwrap()).await.unwrap();
            let status = res.status();
            let headers = res.headers().clone();
            let body = axum::body::to_bytes(res.into_body(), 1 << 20).await.unwrap();
            // `ApiError`'s own response is canonical; the problem shape is
            // what the ErrorLayer writes when a client asks for it.
            let body = if accept == "application/json" {
                serde_json::from_slice::<Value>(&body).unwrap()
            } else {
                let err = Dialect::Canonical.decode(Some(status), &headers, &body).unwrap();
                serde_json::from_slice::<Value>(&Dialect::Problem.body(&err)).unwrap()
            };
            let response = &doc["paths"][path][method.to_lowercase()]["responses"][status.as_str()];
            assert!(response.is_object(), "{method} {uri}: {status} not documented");
            let code = body["error"]["code"].as_str().or(body["code"].as_str()).unwrap();
            let declared = response["x-error-codes"].as_array().unwrap();
            assert!(declared.contains(&json!(code)), "{method} {uri}: {code} not declared for {status}");
            let errors: Vec<String> = validator(&doc, &response["content"][accept]["schema"])
                .iter_errors(&body)
                .map(|e| e.to_string())
                .collect();
            assert!(errors.is_empty(), "{method} {uri} {accept}: {errors:?}: {body}");
            if matches!(status.as_u16(), 429 | 503) {
                assert!(headers.contains_key("retry-after"), "{uri}");
            }
        }
    }
}

#[test]
fn the_error_schemas_are_the_published_ones() {
    let doc = doc();
    let infos: Vec<error_model::CodeInfo> = ERRORS.infos();
    let published = error_model_publish::openapi::error_schemas(&infos, &Default::default());
    for (name, schema) in &published {
        assert_eq!(&doc["components"]["schemas"][name], schema, "{name}");
    }
    let headers = error_model_publish::openapi::error_headers();
    for (name, header) in headers.as_object().unwrap() {
        // aide writes a header's style, which OpenAPI defaults to `simple`.
        let mut written = doc["components"]["headers"][name].clone();
        assert_eq!(written.as_object_mut().unwrap().remove("style"), Some(json!("simple")), "{name}");
        assert_eq!(&written, header, "{name}");
    }
}

#[test]
fn a_docs_base_links_every_example() {
    static BASE: DocsBase = DocsBase::from_static("https://shop.example.com/docs/");
    let errors = ErrorComponents::with_docs_base(&[ErrorCode::infos, ShopCode::infos], BASE.clone());
    let doc = service(&errors).1;
    let response = &doc["paths"]["/orders/{id}"]["get"]["responses"]["404"];
    let example = &response["content"]["application/problem+json"]["examples"]["ORDER_NOT_FOUND"]["value"];
    assert_eq!(example["type"], "https://shop.example.com/docs/codes/ORDER_NOT_FOUND.html");
    let description = response["description"].as_str().unwrap();
    assert!(description.contains("(https://shop.example.com/docs/codes/ORDER_NOT_FOUND.html)"), "{description}");
    assert_eq!(response["x-error-codes"], json!(["ORDER_NOT_FOUND", "NOT_FOUND"]));
}
