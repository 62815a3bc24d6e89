//! The error responses of one operation, from the codes its handler declares.

use std::collections::BTreeMap;
use std::marker::PhantomData;

use error_model::code::DocsBase;
use error_model::http::StatusCode;
use error_model::{CodeInfo, CodeSet};
use error_model_publish::history::History;
use error_model_publish::openapi::{error_headers, error_response};
use serde_json::Value;
use utoipa::openapi::extensions::Extensions;
use utoipa::openapi::path::Operation;
use utoipa::openapi::{Content, Header, RefOr, Response};

use crate::schema::to_utoipa;

/// The extension of each error response that names the codes it carries,
/// such as `"x-error-codes": ["NOT_FOUND", "LEAD_NOT_FOUND"]`: what tests
/// and tools compare with the codes a route really sends, and what
/// [`ErrorComponents`](crate::ErrorComponents) reads to write the
/// response's links under a service's docs base.
pub const CODES_EXTENSION: &str = "x-error-codes";

/// The two media types of every error response: the canonical envelope and
/// RFC 9457 problem details, as the `ErrorLayer` negotiates them.
pub const MEDIA_TYPES: [&str; 2] = ["application/json", "application/problem+json"];

/// The error responses of an operation: one per status its codes use, each
/// listing its codes (in its description with their descriptions and links,
/// in the [`CODES_EXTENSION`] list, and as an example body per code, named
/// by the code; the body's `code` is the `Code` component, the enum of the
/// registered codes with their descriptions),
/// with the `X-Request-ID` header, `Retry-After` where the status carries
/// it (429, 503), and both media types ([`MEDIA_TYPES`]). The bodies refer
/// to the `ErrorEnvelope` and `ProblemDetails` components that
/// [`ErrorComponents`](crate::ErrorComponents) adds.
///
/// Codes come from the built-in [`ErrorCode`](error_model::ErrorCode)
/// table or any table declared with [`error_codes!`](error_model::error_codes),
/// mixed freely. [`error_responses!`](crate::error_responses) and
/// [`Errors`] build one for `#[utoipa::path(responses(...))]`;
/// [`add_to`](Self::add_to) adds one to an operation built by hand.
///
/// # Examples
///
/// ```
/// use error_model::ErrorCode;
/// use error_model_utoipa::ErrorResponses;
///
/// let responses = ErrorResponses::new()
///     .code(ErrorCode::NotFound)
///     .code(ErrorCode::RateLimitExceeded)
///     .build();
/// assert_eq!(responses.keys().collect::<Vec<_>>(), ["404", "429"]);
/// let json = serde_json::to_value(&responses["429"]).unwrap();
/// assert_eq!(json["headers"]["Retry-After"]["schema"]["type"], "integer");
/// assert!(json["content"]["application/problem+json"]["examples"]["RATE_LIMIT_EXCEEDED"].is_object());
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

    /// One response per status, keyed by the status (`"404"`), as
    /// utoipa's [`IntoResponses`](utoipa::IntoResponses) gives them.
    pub fn build(&self) -> BTreeMap<String, RefOr<Response>> {
        self.statuses()
            .into_iter()
            .map(|status| (status.as_str().to_owned(), RefOr::T(self.response(status))))
            .collect()
    }

    /// Adds the responses to `operation`, replacing any it has for the same statuses.
    pub fn add_to(&self, operation: &mut Operation) {
        operation.responses.responses.extend(self.build());
    }

    /// The response for `status`.
    fn response(&self, status: StatusCode) -> Response {
        let codes: Vec<&'static CodeInfo> = self.codes.iter().copied().filter(|i| i.status() == status).collect();
        let value = error_response(status, &codes, self.base.as_ref(), &self.history);
        let headers = error_headers();
        let mut response = Response::new(value["description"].as_str().unwrap_or_default());
        for (name, header) in value["headers"].as_object().into_iter().flatten() {
            // The components name the headers; utoipa's components have no
            // headers, so each response carries its own copy.
            let header = match header["$ref"].as_str().and_then(|r| r.strip_prefix("#/components/headers/")) {
                Some(name) => &headers[name],
                None => header,
            };
            let mut inline = Header::new(to_utoipa(&header["schema"]));
            inline.description = header["description"].as_str().map(str::to_owned);
            response.headers.insert(name.clone(), inline);
        }
        for media in MEDIA_TYPES {
            let documented = &value["content"][media];
            let schema = &documented["schema"];
            let mut content = Content::new(Some(to_utoipa(schema)));
            for (name, example) in documented["examples"].as_object().into_iter().flatten() {
                let mut one = utoipa::openapi::example::Example::new();
                one.summary = example["summary"].as_str().unwrap_or_default().to_owned();
                one.value = Some(example["value"].clone());
                content.examples.insert(name.clone(), RefOr::T(one));
            }
            response.content.insert(media.to_owned(), content);
        }
        let names: Vec<Value> = codes.iter().map(|i| Value::from(i.name())).collect();
        response.extensions = Some(Extensions::from_iter([(CODES_EXTENSION, Value::Array(names))]));
        response
    }
}

/// Every code of the table `C` as an operation's error responses:
/// `responses(Errors<MyCode>)` in `#[utoipa::path]`. For a handler that can
/// answer with only some codes, or with codes of several tables, declare
/// them with [`error_responses!`](crate::error_responses).
///
/// # Examples
///
/// ```
/// use error_model::ErrorCode;
/// use error_model_utoipa::Errors;
/// use error_model_utoipa::utoipa::IntoResponses;
///
/// let responses = Errors::<ErrorCode>::responses();
/// assert!(responses.contains_key("404") && responses.contains_key("503"));
/// ```
pub struct Errors<C>(PhantomData<fn() -> C>);

impl<C: CodeSet> utoipa::IntoResponses for Errors<C> {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        ErrorResponses::new().codes(C::ALL.iter().copied()).build()
    }
}

/// Declares the codes a handler can answer with, of any tables, as a type
/// implementing utoipa's [`IntoResponses`](utoipa::IntoResponses), for
/// `#[utoipa::path(responses(...))]`; its `CODES` constant lists them (as
/// their metadata rows) for tests that compare them with the codes the
/// handler sends.
///
/// # Examples
///
/// ```
/// use error_model::ErrorCode;
/// use error_model_utoipa::utoipa::IntoResponses;
///
/// error_model_utoipa::error_responses! {
///     /// What reading a lead can fail with.
///     pub struct GetLeadErrors {
///         ErrorCode::Unauthorized,
///         ErrorCode::NotFound,
///         ErrorCode::RateLimitExceeded,
///     }
/// }
///
/// assert_eq!(GetLeadErrors::CODES.len(), 3);
/// let responses = GetLeadErrors::responses();
/// assert_eq!(responses.keys().collect::<Vec<_>>(), ["401", "404", "429"]);
/// ```
#[macro_export]
macro_rules! error_responses {
    ($(#[$meta:meta])* $vis:vis struct $name:ident { $($code:expr),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug)]
        $vis struct $name;

        impl $name {
            /// The codes this type declares.
            pub const CODES: &'static [&'static $crate::__private::CodeInfo] = &[$($code.info()),+];

            /// The declared codes as error responses.
            pub fn error_responses() -> $crate::ErrorResponses {
                Self::CODES.iter().copied().fold($crate::ErrorResponses::new(), $crate::ErrorResponses::info)
            }
        }

        impl $crate::utoipa::IntoResponses for $name {
            fn responses() -> ::std::collections::BTreeMap<
                ::std::string::String,
                $crate::utoipa::openapi::RefOr<$crate::utoipa::openapi::Response>,
            > {
                Self::error_responses().build()
            }
        }
    };
}
