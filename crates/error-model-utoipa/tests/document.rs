//! A tiny axum service documented by utoipa's derive with this crate's
//! helpers: the document's paths, responses, codes, headers and component
//! references, every example valid under its schema, the declared codes
//! compared with the ones the handlers send, and the error schemas equal to
//! the published ones.

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::routing::get;
use error_model::code::DocsBase;
use error_model::wire::Dialect;
use error_model::{ApiError, CodeSet, ErrorCode, ResourceRef};
use error_model_axum::{Json, Path};
use error_model_utoipa::utoipa::{self, OpenApi};
use error_model_utoipa::{ErrorComponents, Errors, error_responses};
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

#[derive(serde::Serialize, utoipa::ToSchema)]
struct Order {
    id: String,
}

/// Reads an order.
#[utoipa::path(
    get,
    path = "/orders/{id}",
    params(("id" = String, Path, description = "The order's id.")),
    responses((status = 200, description = "The order.", body = Order), GetOrderErrors)
)]
async fn get_order(Path(id): Path<String>) -> Result<Json<Order>, ApiError> {
    match id.as_str() {
        "1" => Ok(Json(Order { id })),
        "busy" => Err(ApiError::new(ErrorCode::ServiceUnavailable).with_retry_after(30)),
        "limit" => Err(ApiError::rate_limited(10)),
        "anon" => Err(ApiError::new(ErrorCode::Unauthorized)),
        _ => Err(ApiError::new(ShopCode::OrderNotFound).with_resource(ResourceRef::new("order", id))),
    }
}

/// Buys the item: any code of the team's table.
#[utoipa::path(post, path = "/orders/{id}/buy", params(("id" = String, Path)), responses((status = 204, description = "Bought."), Errors<ShopCode>))]
async fn buy(Path(_id): Path<String>) -> Result<StatusCode, ApiError> {
    Err(ApiError::new(ShopCode::OutOfStock))
}

const ERRORS: ErrorComponents = ErrorComponents::new(&[ErrorCode::infos, ShopCode::infos]);

#[derive(OpenApi)]
#[openapi(paths(get_order, buy), modifiers(&ERRORS))]
struct Api;

fn app() -> Router {
    Router::new().route("/orders/{id}", get(get_order)).route("/orders/{id}/buy", axum::routing::post(buy))
}

fn doc() -> Value {
    serde_json::to_value(Api::openapi()).unwrap()
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
        assert_eq!(response["headers"]["X-Request-ID"]["schema"]["type"], "string", "{status}");
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
    // `Errors<ShopCode>`: every code of the table.
    let buy = &doc["paths"]["/orders/{id}/buy"]["post"]["responses"];
    assert_eq!(buy["409"]["x-error-codes"], json!(["OUT_OF_STOCK"]));
    assert_eq!(buy["404"]["x-error-codes"], json!(["ORDER_NOT_FOUND"]));
    // The registered codes: both tables.
    let registered = &doc["components"]["schemas"]["RegisteredCode"]["enum"];
    assert!(registered.as_array().unwrap().contains(&json!("OUT_OF_STOCK")), "{registered}");
    assert!(registered.as_array().unwrap().contains(&json!("NOT_FOUND")), "{registered}");
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
    let doc = doc();
    for (uri, method, path) in [
        ("/orders/404", "GET", "/orders/{id}"),
        ("/orders/busy", "GET", "/orders/{id}"),
        ("/orders/limit", "GET", "/orders/{id}"),
        ("/orders/anon", "GET", "/orders/{id}"),
        ("/orders/1/buy", "POST", "/orders/{id}/buy"),
    ] {
        for accept in ["application/json", "application/problem+json"] {
            let request = Request::builder().method(method).uri(uri).header("accept", accept).body(Body::empty());
            let res = app().oneshot(request.unwrap()).await.unwrap();
            let status = res.status();
            let headers = res.headers().clone();
            let body = axum::body::to_bytes(res.into_body(), 1 << 20).await.unwrap();
            // `ApiError`'s own response is canonical; the problem shape is
            // what the ErrorLayer writes when a client asks for it.
            let (media, body) = if accept == "application/json" {
                (accept, serde_json::from_slice::<Value>(&body).unwrap())
            } else {
                let err = Dialect::Canonical.decode(Some(status), &headers, &body).unwrap();
                (accept, serde_json::from_slice::<Value>(&Dialect::Problem.body(&err)).unwrap())
            };
            let response = &doc["paths"][path][method.to_lowercase()]["responses"][status.as_str()];
            assert!(response.is_object(), "{method} {uri}: {status} not documented");
            let code = body["error"]["code"].as_str().or(body["code"].as_str()).unwrap();
            let declared = response["x-error-codes"].as_array().unwrap();
            assert!(declared.contains(&json!(code)), "{method} {uri}: {code} not declared for {status}");
            let errors: Vec<String> = validator(&doc, &response["content"][media]["schema"])
                .iter_errors(&body)
                .map(|e| e.to_string())
                .collect();
            assert!(errors.is_empty(), "{method} {uri} {media}: {errors:?}: {body}");
            if matches!(status.as_u16(), 429 | 503) {
                assert!(headers.contains_key("retry-after") || accept != "application/json", "{uri}");
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
    // And every dialect's schema converts without losing a keyword.
    for &dialect in Dialect::ALL {
        let schema = error_model_publish::schema::dialect_schema(dialect);
        let converted = serde_json::to_value(error_model_utoipa::schema::to_utoipa(&schema)).unwrap();
        assert_eq!(object_form(converted), object_form(schema), "{dialect}");
    }
}

/// `schema` with its boolean subschemas in object form (`true` as `{}`).
fn object_form(schema: Value) -> Value {
    match schema {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| match v {
                    Value::Bool(true) if k != "const" && k != "default" && k != "deprecated" => (k, json!({})),
                    other if k == "const" || k == "default" || k == "examples" || k == "enum" => (k, other),
                    other => (k, object_form(other)),
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(object_form).collect()),
        other => other,
    }
}

#[test]
fn a_docs_base_links_every_example() {
    static BASE: DocsBase = DocsBase::from_static("https://shop.example.com/docs/");
    let errors = ErrorComponents::with_docs_base(&[ErrorCode::infos, ShopCode::infos], BASE.clone());
    let mut api = Api::openapi();
    utoipa::Modify::modify(&errors, &mut api);
    let doc = serde_json::to_value(api).unwrap();
    let response = &doc["paths"]["/orders/{id}"]["get"]["responses"]["404"];
    let example = &response["content"]["application/problem+json"]["examples"]["ORDER_NOT_FOUND"]["value"];
    assert_eq!(example["type"], "https://shop.example.com/docs/codes/ORDER_NOT_FOUND.html");
    let description = response["description"].as_str().unwrap();
    assert!(description.contains("(https://shop.example.com/docs/codes/ORDER_NOT_FOUND.html)"), "{description}");
}
