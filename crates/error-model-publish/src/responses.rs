//! The error responses of one API operation, from the codes its handler
//! declares: the one builder the OpenAPI integrations (error-model-utoipa,
//! error-model-aide) share, each turning its responses into its own types.

use error_model::code::DocsBase;
use error_model::http::StatusCode;
use error_model::{CodeInfo, CodeSet};
use serde_json::Value;

use crate::history::History;
use crate::openapi::error_response;

/// The extension of each error response that names the codes it carries,
/// such as `"x-error-codes": ["NOT_FOUND", "LEAD_NOT_FOUND"]`: what tests
/// and tools compare with the codes a route really sends, and what the
/// integrations read to write the response's links under a service's docs
/// base.
pub const CODES_EXTENSION: &str = "x-error-codes";

/// The two media types of every error response: the canonical envelope and
/// RFC 9457 problem details, as the `ErrorLayer` negotiates them.
pub const MEDIA_TYPES: [&str; 2] = ["application/json", "application/problem+json"];

/// The error responses of an operation: one per status its codes use, each
/// listing its codes (in its description with their descriptions and links,
/// in the [`CODES_EXTENSION`] list, and as an example body per code, named
/// by the code; the body's `code` is the `Code` component, the enum of the
/// registered codes with their descriptions), with the `X-Request-ID`
/// header, `Retry-After` where the status carries it (429, 503), and both
/// media types ([`MEDIA_TYPES`]). Each response is
/// [`error_response`](crate::openapi::error_response()), the one `schemas/`
/// publishes.
///
/// Codes come from the built-in [`ErrorCode`](error_model::ErrorCode)
/// table or any table declared with [`error_codes!`](error_model::error_codes),
/// mixed freely.
///
/// # Examples
///
/// ```
/// use error_model::ErrorCode;
/// use error_model_publish::responses::{CODES_EXTENSION, ErrorResponses};
///
/// let responses = ErrorResponses::new().code(ErrorCode::NotFound).code(ErrorCode::RateLimitExceeded);
/// let json = responses.responses();
/// assert_eq!(json.iter().map(|(status, _)| status.as_u16()).collect::<Vec<_>>(), [404, 429]);
/// assert_eq!(json[1].1[CODES_EXTENSION], serde_json::json!(["RATE_LIMIT_EXCEEDED"]));
/// assert_eq!(json[1].1["headers"]["Retry-After"]["$ref"], "#/components/headers/Retry-After");
/// ```
#[derive(Clone, Debug, Default)]
pub struct ErrorResponses {
    codes: Vec<&'static CodeInfo>,
    base: Option<DocsBase>,
    history: History,
}

impl ErrorResponses {
    /// No codes yet.
    pub fn new() -> ErrorResponses {
        ErrorResponses::default()
    }

    /// Adds `code`, of any table.
    pub fn code<C: CodeSet>(self, code: C) -> ErrorResponses {
        self.info(code.info())
    }

    /// Adds every code of `codes`.
    pub fn codes<C: CodeSet>(self, codes: impl IntoIterator<Item = C>) -> ErrorResponses {
        codes.into_iter().fold(self, ErrorResponses::code)
    }

    /// Adds the code whose metadata row is `info` (once: adding a code
    /// twice changes nothing).
    pub fn info(mut self, info: &'static CodeInfo) -> ErrorResponses {
        if !self.codes.iter().any(|known| known.name() == info.name()) {
            self.codes.push(info);
        }
        self
    }

    /// Links each code's example and description to its page under `base`
    /// (as the service's errors do), instead of to no page.
    pub fn docs_base(mut self, base: DocsBase) -> ErrorResponses {
        self.base = Some(base);
        self
    }

    /// Marks the codes `history` records as deprecated.
    pub fn history(mut self, history: History) -> ErrorResponses {
        self.history = history;
        self
    }

    /// The codes, in the order they were added.
    pub fn infos(&self) -> &[&'static CodeInfo] {
        &self.codes
    }

    /// The statuses the codes use, in order.
    pub fn statuses(&self) -> Vec<StatusCode> {
        let mut statuses: Vec<StatusCode> = self.codes.iter().map(|i| i.status()).collect();
        statuses.sort_unstable();
        statuses.dedup();
        statuses
    }

    /// One OpenAPI response per status, in order of status, each with its
    /// codes in [`CODES_EXTENSION`].
    pub fn responses(&self) -> Vec<(StatusCode, Value)> {
        self.statuses().into_iter().map(|status| (status, self.response(status))).collect()
    }

    /// The response for `status`.
    pub fn response(&self, status: StatusCode) -> Value {
        let codes: Vec<&'static CodeInfo> = self.codes.iter().copied().filter(|i| i.status() == status).collect();
        let mut value = error_response(status, &codes, self.base.as_ref(), &self.history);
        value[CODES_EXTENSION] = codes.iter().map(|i| Value::from(i.name())).collect();
        value
    }
}

/// The code tables a service documents, with its docs base and history:
/// what the OpenAPI integrations' `ErrorComponents` hold, and how they
/// rebuild an error response under that base and history from the codes
/// its [`CODES_EXTENSION`] names.
///
/// # Examples
///
/// ```
/// use error_model::code::DocsBase;
/// use error_model::{CodeSet, ErrorCode};
/// use error_model_publish::responses::{CODES_EXTENSION, CodeTables};
///
/// const TABLES: CodeTables =
///     CodeTables::with_docs_base(&[ErrorCode::infos], DocsBase::from_static("https://docs.example.com/"));
/// let rebuilt = TABLES.responses_named(&serde_json::json!(["NOT_FOUND"])).unwrap().responses();
/// assert_eq!(rebuilt[0].1[CODES_EXTENSION], serde_json::json!(["NOT_FOUND"]));
/// assert!(rebuilt[0].1.to_string().contains("https://docs.example.com/codes/NOT_FOUND.html"));
/// assert!(TABLES.responses_named(&serde_json::json!(["NOT_A_CODE"])).is_none());
/// ```
#[derive(Clone, Debug)]
pub struct CodeTables {
    tables: &'static [fn() -> &'static [CodeInfo]],
    base: Option<DocsBase>,
    history: Option<History>,
}

impl CodeTables {
    /// The codes of `tables` (each a table's
    /// [`CodeSet::infos`], such as
    /// `ErrorCode::infos`), in that order.
    pub const fn new(tables: &'static [fn() -> &'static [CodeInfo]]) -> CodeTables {
        CodeTables { tables, base: None, history: None }
    }

    /// The codes of `tables`, linked to their pages under `base`, the
    /// service's docs base (as its errors are).
    pub const fn with_docs_base(tables: &'static [fn() -> &'static [CodeInfo]], base: DocsBase) -> CodeTables {
        CodeTables { tables, base: Some(base), history: None }
    }

    /// Marks the codes `history` records as deprecated.
    pub fn history(mut self, history: History) -> CodeTables {
        self.history = Some(history);
        self
    }

    /// Every code of the tables, in order.
    pub fn infos(&self) -> Vec<CodeInfo> {
        self.tables.iter().flat_map(|table| table().iter().cloned()).collect()
    }

    /// The history (empty without one).
    pub fn history_or_default(&self) -> History {
        self.history.clone().unwrap_or_default()
    }

    /// Whether error responses must be rebuilt: a docs base or a history is set.
    pub fn rewrites(&self) -> bool {
        self.base.is_some() || self.history.is_some()
    }

    /// The error responses of the codes `names` lists (a response's
    /// [`CODES_EXTENSION`] value), under the docs base and history; `None`
    /// when a name is not a code of the tables.
    pub fn responses_named(&self, names: &Value) -> Option<ErrorResponses> {
        let find = |name: &str| self.tables.iter().flat_map(|table| table().iter()).find(|i| i.name() == name);
        let infos: Option<Vec<&'static CodeInfo>> =
            names.as_array()?.iter().map(|name| name.as_str().and_then(find)).collect();
        let mut responses = infos?.into_iter().fold(ErrorResponses::new(), ErrorResponses::info);
        if let Some(base) = &self.base {
            responses = responses.docs_base(base.clone());
        }
        if let Some(history) = &self.history {
            responses = responses.history(history.clone());
        }
        Some(responses)
    }
}
