//! A document derived by utoipa with this crate's helpers is valid under the
//! OpenAPI 3.1 schema (the copy in `xtask/`, which `cargo xtask check` also
//! uses), and every schema it holds under JSON Schema 2020-12. Runs in the
//! workspace only (the package leaves it out: the schema lives in `xtask/`).

use error_model::{CodeSet, ErrorCode};
use error_model_utoipa::utoipa::{self, OpenApi};
use error_model_utoipa::{ErrorComponents, Errors, error_responses};

error_responses! {
    struct ReadErrors { ErrorCode::Unauthorized, ErrorCode::NotFound, ErrorCode::RateLimitExceeded }
}

/// Reads a thing.
#[utoipa::path(get, path = "/things/{id}", params(("id" = String, Path)), responses((status = 200, description = "The thing."), ReadErrors))]
#[allow(dead_code)]
async fn read() {}

/// Anything may go wrong.
#[utoipa::path(post, path = "/things", responses((status = 201, description = "Created."), Errors<ErrorCode>))]
#[allow(dead_code)]
async fn create() {}

const ERRORS: ErrorComponents = ErrorComponents::new(&[ErrorCode::infos]);

#[derive(OpenApi)]
#[openapi(paths(read, create), modifiers(&ERRORS))]
struct Api;

#[test]
fn the_document_is_valid_openapi_3_1() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../xtask/openapi-3.1.schema.json");
    let meta: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let validator = jsonschema::draft202012::new(&meta).unwrap();
    let doc = serde_json::to_value(Api::openapi()).unwrap();
    let errors: Vec<String> =
        validator.iter_errors(&doc).map(|e| format!("{e} (at `{}`)", e.instance_path())).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    for (name, schema) in doc["components"]["schemas"].as_object().unwrap() {
        assert!(jsonschema::draft202012::meta::validate(schema).is_ok(), "{name}");
    }
    assert_eq!(doc["openapi"], "3.1.0");
}
