//! The error responses of one operation, from the codes its handler declares.

use std::collections::BTreeMap;
use std::marker::PhantomData;

use error_model::CodeSet;
use error_model_publish::openapi::error_headers;
use serde_json::Value;
use utoipa::openapi::extensions::Extensions;
use utoipa::openapi::path::Operation;
use utoipa::openapi::{Content, Header, RefOr, Response};

use crate::schema::to_utoipa;

pub use error_model_publish::responses::{CODES_EXTENSION, ErrorResponses, MEDIA_TYPES};

/// [`ErrorResponses`] (error-model-publish builds them, as `schemas/`
/// publishes them) in utoipa's types. [`error_responses!`](crate::error_responses)
/// and [`Errors`] build them for `#[utoipa::path(responses(...))]`;
/// [`add_to`](Self::add_to) adds them to an operation built by hand.
///
/// # Examples
///
/// ```
/// use error_model::ErrorCode;
/// use error_model_utoipa::{ErrorResponses, UtoipaResponses};
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
pub trait UtoipaResponses {
    /// One response per status, keyed by the status (`"404"`), as
    /// utoipa's [`IntoResponses`](utoipa::IntoResponses) gives them.
    fn build(&self) -> BTreeMap<String, RefOr<Response>>;

    /// Adds the responses to `operation`, replacing any it has for the same statuses.
    fn add_to(&self, operation: &mut Operation);
}

impl UtoipaResponses for ErrorResponses {
    fn build(&self) -> BTreeMap<String, RefOr<Response>> {
        self.responses()
            .into_iter()
            .map(|(status, value)| (status.as_str().to_owned(), RefOr::T(to_response(&value))))
            .collect()
    }

    fn add_to(&self, operation: &mut Operation) {
        operation.responses.responses.extend(self.build());
    }
}

/// A response error-model-publish wrote, in utoipa's types.
fn to_response(value: &Value) -> Response {
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
    response.extensions = Some(Extensions::from_iter([(CODES_EXTENSION, value[CODES_EXTENSION].clone())]));
    response
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
                $crate::UtoipaResponses::build(&Self::error_responses())
            }
        }
    };
}
