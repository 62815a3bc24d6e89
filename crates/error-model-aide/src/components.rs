//! The error schemas and headers as components of a service's document.

use aide::openapi::{Components, OpenApi, Operation, ReferenceOr};
use error_model::CodeInfo;
use error_model::code::DocsBase;
use error_model_publish::history::History;
use error_model_publish::openapi::{error_headers, error_schemas};

use error_model_publish::responses::CodeTables;

use crate::responses::{AideResponses, CODES_EXTENSION};

/// Adds the contract's error components to an aide document: the schemas
/// `ErrorEnvelope`, `ProblemDetails` and those they refer to (`Error`,
/// `Details`, `FieldViolation`, ...), with `Code` and `RegisteredCode`
/// listing the codes of the service's tables, and the headers
/// `X-Request-ID` and `Retry-After` the error responses refer to.
///
/// They are the JSON Schemas error-model-publish derives (with schemars 1)
/// from the wire types, the ones of `schemas/`, put into the document as
/// they are: one definition, not a second one derived again with aide's
/// schemars. With a [docs base](Self::with_docs_base) or a
/// [history](Self::history), it also rewrites every error response that
/// [`ErrorResponses`](crate::ErrorResponses) built so that its examples link to each code's page
/// and its deprecated codes say so.
///
/// # Examples
///
/// ```
/// use aide::openapi::OpenApi;
/// use error_model::{CodeSet, ErrorCode};
/// use error_model_aide::ErrorComponents;
///
/// const ERRORS: ErrorComponents = ErrorComponents::new(&[ErrorCode::infos]);
///
/// let mut api = OpenApi::default();
/// ERRORS.add_to(&mut api);
/// let doc = serde_json::to_value(&api).unwrap();
/// assert_eq!(doc["components"]["schemas"]["ErrorEnvelope"]["required"][0], "error");
/// assert_eq!(doc["components"]["schemas"]["RegisteredCode"]["enum"][0], "UNAUTHORIZED");
/// assert_eq!(doc["components"]["headers"]["Retry-After"]["schema"]["type"], "integer");
/// ```
#[derive(Clone, Debug)]
pub struct ErrorComponents {
    tables: CodeTables,
}

impl ErrorComponents {
    /// The components for the codes of `tables` (each a table's
    /// [`CodeSet::infos`](error_model::CodeSet::infos), such as
    /// `ErrorCode::infos`), in that order.
    pub const fn new(tables: &'static [fn() -> &'static [CodeInfo]]) -> ErrorComponents {
        ErrorComponents { tables: CodeTables::new(tables) }
    }

    /// The components for the codes of `tables`, linked to their pages
    /// under `base`, the service's docs base (as its errors are).
    pub const fn with_docs_base(tables: &'static [fn() -> &'static [CodeInfo]], base: DocsBase) -> ErrorComponents {
        ErrorComponents { tables: CodeTables::with_docs_base(tables, base) }
    }

    /// Marks the codes `history` records as deprecated.
    pub fn history(self, history: History) -> ErrorComponents {
        ErrorComponents { tables: self.tables.history(history) }
    }

    /// Every code of the tables, in order.
    pub fn infos(&self) -> Vec<CodeInfo> {
        self.tables.infos()
    }

    /// Adds the components to `api` (call it on the document aide's
    /// `finish_api` filled), and rewrites its error responses with the
    /// docs base and history, if any.
    pub fn add_to(&self, api: &mut OpenApi) {
        let components = api.components.get_or_insert_with(Components::default);
        for (name, schema) in error_schemas(&self.infos(), &self.tables.history_or_default()) {
            let schema = serde_json::from_value(schema).expect("error-model-publish writes JSON Schemas");
            components.schemas.insert(name, schema);
        }
        for (name, header) in error_headers().as_object().into_iter().flatten() {
            let header = serde_json::from_value(header.clone()).expect("error-model-publish writes OpenAPI headers");
            components.headers.insert(name.clone(), ReferenceOr::Item(header));
        }
        if !self.tables.rewrites() {
            return;
        }
        for (_, item) in api.paths.iter_mut().flat_map(|paths| paths.paths.iter_mut()) {
            let ReferenceOr::Item(item) = item else { continue };
            let operations = [
                &mut item.get,
                &mut item.put,
                &mut item.post,
                &mut item.delete,
                &mut item.options,
                &mut item.head,
                &mut item.patch,
                &mut item.trace,
            ];
            for operation in operations.into_iter().flatten() {
                self.rewrite(operation);
            }
        }
    }

    /// The error responses of `operation` rebuilt with the docs base and history.
    fn rewrite(&self, operation: &mut Operation) {
        let Some(responses) = operation.responses.as_mut() else { return };
        for response in responses.responses.values_mut() {
            let ReferenceOr::Item(item) = response else { continue };
            let Some(names) = item.extensions.get(CODES_EXTENSION) else { continue };
            let Some(rebuilt) = self.tables.responses_named(names) else { continue };
            if let Some((_, one)) = rebuilt.build().into_iter().next() {
                *item = one;
            }
        }
    }
}
