//! A tiny notes service documented by utoipa: two routes, each declaring
//! the codes it can answer with (`error_model_utoipa::error_responses!`),
//! its document published as `schemas/examples/tiny-utoipa.openapi.json`.

use axum::Router;
use axum::http::StatusCode;
use axum::routing::{get, post};
use error_model::{ApiError, CodeSet, ErrorCode, FieldViolation, ResourceRef};
use error_model_axum::{Json, Path};
use error_model_utoipa::{ErrorComponents, error_responses};
use serde::{Deserialize, Serialize};
use utoipa::OpenApi;

/// Where the document is published, relative to the schemas folder.
pub const OPENAPI_PATH: &str = "examples/tiny-utoipa.openapi.json";

/// A note.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Note {
    /// The note's id.
    pub id: String,
    /// What it says.
    pub text: String,
}

/// A note to create.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct NewNote {
    /// What it says; not empty.
    pub text: String,
}

error_responses! {
    /// What reading a note can answer with.
    pub struct GetNoteErrors { ErrorCode::NotFound, ErrorCode::ServiceUnavailable }
}

error_responses! {
    /// What creating a note can answer with: the `Json` extractor's codes,
    /// the note's own check, and a duplicate.
    pub struct CreateNoteErrors {
        ErrorCode::MalformedRequest,
        ErrorCode::ValidationError,
        ErrorCode::UnsupportedMediaType,
        ErrorCode::PayloadTooLarge,
        ErrorCode::AlreadyExists,
    }
}

/// Read a note
#[utoipa::path(
    get,
    path = "/notes/{id}",
    operation_id = "getNote",
    params(("id" = String, Path, description = "The note's id.")),
    responses((status = 200, description = "The note.", body = Note), GetNoteErrors)
)]
async fn get_note(Path(id): Path<String>) -> Result<Json<Note>, ApiError> {
    match id.as_str() {
        "1" => Ok(Json(Note { id, text: "hello".to_owned() })),
        "busy" => Err(ApiError::unavailable(Some(5))),
        _ => Err(ApiError::new(ErrorCode::NotFound).with_resource(ResourceRef::new("note", id))),
    }
}

/// Create a note
#[utoipa::path(
    post,
    path = "/notes",
    operation_id = "createNote",
    request_body = NewNote,
    responses((status = 201, description = "The note was created.", body = Note), CreateNoteErrors)
)]
async fn create_note(Json(new): Json<NewNote>) -> Result<(StatusCode, Json<Note>), ApiError> {
    if new.text.trim().is_empty() {
        let violation = FieldViolation::new("text", "A note is not empty.").with_reason("EMPTY");
        return Err(ApiError::new(ErrorCode::ValidationError).with_field(violation));
    }
    if new.text == "hello" {
        return Err(ApiError::new(ErrorCode::AlreadyExists).with_resource(ResourceRef::new("note", "1")));
    }
    Ok((StatusCode::CREATED, Json(Note { id: "2".to_owned(), text: new.text })))
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Notes (tiny utoipa example)",
        description = "A tiny service whose error responses utoipa derives from the codes its handlers declare.",
        version = "0.1.0"
    ),
    paths(get_note, create_note)
)]
struct ApiDoc;

/// The service's OpenAPI document, with the contract's error components.
pub fn openapi() -> utoipa::openapi::OpenApi {
    const ERRORS: ErrorComponents = ErrorComponents::new(&[ErrorCode::infos]);
    let mut doc = ApiDoc::openapi();
    utoipa::Modify::modify(&ERRORS, &mut doc);
    let license = env!("CARGO_PKG_LICENSE");
    let mut licence = utoipa::openapi::License::new(license);
    licence.identifier = Some(license.to_owned());
    doc.info.license = Some(licence);
    let mut server = utoipa::openapi::Server::new("http://127.0.0.1:3000");
    server.description = Some("The example server, run locally.".to_owned());
    doc.servers = Some(vec![server]);
    // No credentials asked for: an empty list, not none at all.
    doc.security = Some(Vec::new());
    doc
}

/// The service.
pub fn app() -> Router {
    Router::new().route("/notes/{id}", get(get_note)).route("/notes", post(create_note))
}
