//! The tiny notes service again, documented by aide: two routes, each
//! handler's error type declaring the codes it can answer with
//! (`error_model_aide::error_responses!`), its document published as
//! `schemas/examples/tiny-aide.openapi.json`.

use aide::axum::ApiRouter;
use aide::axum::routing::{get_with, post_with};
use aide::generate::GenContext;
use aide::openapi::{OpenApi, Operation};
use aide::operation::OperationInput;
use axum::extract::{FromRequest, Path, Request};
use axum::http::StatusCode;
use error_model::{ApiError, CodeSet, ErrorCode, FieldViolation, ResourceRef};
use error_model_aide::{ErrorComponents, error_responses};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// Where the document is published, relative to the schemas folder.
pub const OPENAPI_PATH: &str = "examples/tiny-aide.openapi.json";

/// A note.
#[derive(Debug, Serialize, schemars09::JsonSchema)]
#[schemars(crate = "schemars09")]
pub struct Note {
    /// The note's id.
    pub id: String,
    /// What it says.
    pub text: String,
}

/// A note to create.
#[derive(Debug, Deserialize, schemars09::JsonSchema)]
#[schemars(crate = "schemars09")]
pub struct NewNote {
    /// What it says; not empty.
    pub text: String,
}

/// The note a path names.
#[derive(Debug, Deserialize, schemars09::JsonSchema)]
#[schemars(crate = "schemars09", inline)]
pub struct NotePath {
    /// The note's id.
    pub id: String,
}

/// A JSON body read by error-model-axum's `Json` (whose rejections are
/// contract errors) and documented as aide documents `axum::Json`, without
/// the rejections aide would infer for axum's own extractor.
pub struct Body<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Body<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Body<T>, ApiError> {
        error_model_axum::Json::<T>::from_request(req, state).await.map(|json| Body(json.0))
    }
}

impl<T: schemars09::JsonSchema> OperationInput for Body<T> {
    fn operation_input(ctx: &mut GenContext, operation: &mut Operation) {
        axum::Json::<T>::operation_input(ctx, operation);
    }
}

error_responses! {
    /// What reading a note can answer with.
    pub struct GetNoteErrors { ErrorCode::NotFound, ErrorCode::ServiceUnavailable }
}

error_responses! {
    /// What creating a note can answer with: the body's codes, the note's
    /// own check, and a duplicate.
    pub struct CreateNoteErrors {
        ErrorCode::MalformedRequest,
        ErrorCode::ValidationError,
        ErrorCode::UnsupportedMediaType,
        ErrorCode::PayloadTooLarge,
        ErrorCode::AlreadyExists,
    }
}

async fn get_note(Path(NotePath { id }): Path<NotePath>) -> Result<axum::Json<Note>, GetNoteErrors> {
    match id.as_str() {
        "1" => Ok(axum::Json(Note { id, text: "hello".to_owned() })),
        "busy" => Err(ApiError::unavailable(Some(5)).into()),
        _ => Err(ApiError::new(ErrorCode::NotFound).with_resource(ResourceRef::new("note", id)).into()),
    }
}

async fn create_note(Body(new): Body<NewNote>) -> Result<(StatusCode, axum::Json<Note>), CreateNoteErrors> {
    if new.text.trim().is_empty() {
        let violation = FieldViolation::new("text", "A note is not empty.").with_reason("EMPTY");
        return Err(ApiError::new(ErrorCode::ValidationError).with_field(violation).into());
    }
    if new.text == "hello" {
        return Err(ApiError::new(ErrorCode::AlreadyExists).with_resource(ResourceRef::new("note", "1")).into());
    }
    Ok((StatusCode::CREATED, axum::Json(Note { id: "2".to_owned(), text: new.text })))
}

/// The service and its OpenAPI document, with the contract's error components.
pub fn service() -> (axum::Router, OpenApi) {
    const ERRORS: ErrorComponents = ErrorComponents::new(&[ErrorCode::infos]);
    let mut api = OpenApi::default();
    api.info.title = "Notes (tiny aide example)".to_owned();
    api.info.description =
        Some("The tiny service again, whose error responses aide derives from its handlers' error types.".to_owned());
    api.info.version = "0.1.0".to_owned();
    let license = env!("CARGO_PKG_LICENSE");
    api.info.license = Some(aide::openapi::License {
        name: license.to_owned(),
        identifier: Some(license.to_owned()),
        ..Default::default()
    });
    api.servers = vec![aide::openapi::Server {
        url: "http://127.0.0.1:3000".to_owned(),
        description: Some("The example server, run locally.".to_owned()),
        ..Default::default()
    }];
    let app = ApiRouter::new()
        .api_route("/notes/{id}", get_with(get_note, |op| op.id("getNote").summary("Read a note")))
        .api_route(
            "/notes",
            post_with(create_note, |op| {
                op.id("createNote")
                    .summary("Create a note")
                    .response_with::<201, axum::Json<Note>, _>(|res| res.description("The note was created."))
            }),
        )
        .finish_api(&mut api);
    ERRORS.add_to(&mut api);
    (app, api)
}

/// The service's OpenAPI document, as JSON: aide's types cannot write an
/// empty `security` list, which says that the service asks for no
/// credentials, so it is added here.
pub fn openapi() -> serde_json::Value {
    let mut doc = serde_json::to_value(service().1).expect("an OpenAPI document serialises");
    doc["security"] = serde_json::json!([]);
    doc
}

/// The service.
pub fn app() -> axum::Router {
    service().0
}
