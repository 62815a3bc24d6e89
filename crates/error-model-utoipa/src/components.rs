//! The error schemas as components of a service's document.

use error_model::CodeInfo;
use error_model::code::DocsBase;
use error_model_publish::history::History;
use error_model_publish::openapi::error_schemas;
use utoipa::openapi::path::Operation;
use utoipa::openapi::{OpenApi, RefOr};

use error_model_publish::responses::CodeTables;

use crate::responses::{CODES_EXTENSION, UtoipaResponses};
use crate::schema::to_utoipa;

/// A utoipa [`Modify`](utoipa::Modify) that adds the contract's error
/// schemas to a document's components: `ErrorEnvelope`, `ProblemDetails`
/// and the schemas they refer to (`Error`, `Details`, `FieldViolation`, ...),
/// generated from the same types, by the same generator, as the published
/// `schemas/` (see [`schema`](crate::schema)), with `Code` and
/// `RegisteredCode` listing the codes of the service's tables. With a
/// [docs base](Self::with_docs_base), it also rewrites every error response
/// built by [`ErrorResponses`](crate::ErrorResponses) so that its examples and descriptions link to
/// each code's page under it.
///
/// # Examples
///
/// ```
/// use error_model::{CodeSet, ErrorCode};
/// use error_model_utoipa::ErrorComponents;
/// use error_model_utoipa::utoipa::{Modify, OpenApi};
///
/// const ERRORS: ErrorComponents = ErrorComponents::new(&[ErrorCode::infos]);
///
/// #[derive(OpenApi)]
/// #[openapi(modifiers(&ERRORS))]
/// struct Api;
///
/// let doc = serde_json::to_value(Api::openapi()).unwrap();
/// assert_eq!(doc["components"]["schemas"]["ErrorEnvelope"]["required"][0], "error");
/// assert_eq!(doc["components"]["schemas"]["RegisteredCode"]["enum"][0], "UNAUTHORIZED");
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

    /// The error responses of `operation` rebuilt with the docs base and history.
    fn rewrite(&self, operation: &mut Operation) {
        let mut rebuilt = Vec::new();
        for (status, response) in &operation.responses.responses {
            let RefOr::T(response) = response else { continue };
            let Some(names) = response.extensions.as_ref().and_then(|e| e.get(CODES_EXTENSION)) else { continue };
            let Some(responses) = self.tables.responses_named(names) else { continue };
            if let Some(response) = responses.build().remove(status) {
                rebuilt.push((status.clone(), response));
            }
        }
        operation.responses.responses.extend(rebuilt);
    }
}

impl utoipa::Modify for ErrorComponents {
    fn modify(&self, openapi: &mut OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        for (name, schema) in error_schemas(&self.infos(), &self.tables.history_or_default()) {
            components.schemas.insert(name, to_utoipa(&schema));
        }
        if !self.tables.rewrites() {
            return;
        }
        for item in openapi.paths.paths.values_mut() {
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
}
