//! The error responses of one operation, from the codes its handler declares.

use std::marker::PhantomData;

use aide::generate::GenContext;
use aide::openapi::{Operation, Response};
use aide::operation::OperationOutput;
use axum::response::IntoResponse;
use error_model::{ApiError, CodeSet};

pub use error_model_publish::responses::{CODES_EXTENSION, ErrorResponses, MEDIA_TYPES};

/// [`ErrorResponses`] (error-model-publish builds them, as `schemas/`
/// publishes them and error-model-utoipa converts them) in aide's types.
/// The bodies and headers refer to the components that
/// [`ErrorComponents`](crate::ErrorComponents) adds.
///
/// # Examples
///
/// ```
/// use error_model::ErrorCode;
/// use error_model_aide::{AideResponses, ErrorResponses};
///
/// let responses = ErrorResponses::new().code(ErrorCode::NotFound).code(ErrorCode::RateLimitExceeded).build();
/// assert_eq!(responses.iter().map(|(status, _)| *status).collect::<Vec<_>>(), [404, 429]);
/// let json = serde_json::to_value(&responses[1].1).unwrap();
/// assert_eq!(json["headers"]["Retry-After"]["$ref"], "#/components/headers/Retry-After");
/// assert!(json["content"]["application/problem+json"]["examples"]["RATE_LIMIT_EXCEEDED"].is_object());
/// ```
pub trait AideResponses {
    /// One response per status, in order of status, as aide's
    /// [`OperationOutput::inferred_responses`] gives them.
    fn build(&self) -> Vec<(u16, Response)>;

    /// Adds the responses to `operation`, replacing any it has for the same statuses.
    fn add_to(&self, operation: &mut Operation);
}

impl AideResponses for ErrorResponses {
    fn build(&self) -> Vec<(u16, Response)> {
        // A response error-model-publish wrote is an OpenAPI response: it
        // reads into aide's type (a test checks that nothing is lost).
        self.responses()
            .into_iter()
            .map(|(status, value)| {
                (
                    status.as_u16(),
                    serde_json::from_value(value).expect("error-model-publish writes valid OpenAPI responses"),
                )
            })
            .collect()
    }

    fn add_to(&self, operation: &mut Operation) {
        let responses = operation.responses.get_or_insert_with(Default::default);
        for (status, response) in self.build() {
            responses
                .responses
                .insert(aide::openapi::StatusCode::Code(status), aide::openapi::ReferenceOr::Item(response));
        }
    }
}

/// Every code of the table `C`, as a handler's error type: a handler
/// returning `Result<T, Errors<MyCode>>` answers with any code of the
/// table, and its operation lists them all. For a handler that can answer
/// with only some codes, or with codes of several tables, declare them with
/// [`error_responses!`](crate::error_responses).
///
/// # Examples
///
/// ```
/// use aide::operation::OperationOutput;
/// use error_model::{ApiError, ErrorCode};
/// use error_model_aide::Errors;
///
/// fn handler(found: bool) -> Result<&'static str, Errors<ErrorCode>> {
///     let lead = found.then_some("lead").ok_or_else(|| ApiError::not_found("no such lead"))?;
///     Ok(lead)
/// }
/// assert_eq!(handler(false).unwrap_err().0.code().as_str(), "NOT_FOUND");
///
/// let mut operation = aide::openapi::Operation::default();
/// let responses = aide::generate::in_context(|ctx| Errors::<ErrorCode>::inferred_responses(ctx, &mut operation));
/// assert!(responses.iter().any(|(status, _)| *status == Some(503)));
/// ```
pub struct Errors<C>(pub ApiError, PhantomData<fn() -> C>);

impl<C> Errors<C> {
    /// The error, as the handler answers with it.
    pub fn into_inner(self) -> ApiError {
        self.0
    }
}

impl<C> std::fmt::Debug for Errors<C> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Errors").field(&self.0).finish()
    }
}

impl<C> From<ApiError> for Errors<C> {
    fn from(err: ApiError) -> Errors<C> {
        Errors(err, PhantomData)
    }
}

impl<C> IntoResponse for Errors<C> {
    fn into_response(self) -> axum::response::Response {
        self.0.into_response()
    }
}

impl<C: CodeSet> OperationOutput for Errors<C> {
    type Inner = ApiError;

    fn inferred_responses(_ctx: &mut GenContext, _operation: &mut Operation) -> Vec<(Option<u16>, Response)> {
        inferred(&ErrorResponses::new().codes(C::ALL.iter().copied()))
    }
}

/// `responses` as aide's inferred responses.
#[doc(hidden)]
pub fn inferred(responses: &ErrorResponses) -> Vec<(Option<u16>, Response)> {
    responses.build().into_iter().map(|(status, response)| (Some(status), response)).collect()
}

/// Declares the codes a handler can answer with, of any tables, as its
/// error type: a newtype of [`ApiError`] that axum sends as the error and
/// aide documents as one response per status, listing the codes. `?` turns
/// an `ApiError` into it; its `CODES` constant lists the codes (as their
/// metadata rows) for tests that compare them with the codes the handler
/// sends.
///
/// # Examples
///
/// ```
/// use aide::operation::OperationOutput;
/// use error_model::{ApiError, ErrorCode};
///
/// error_model_aide::error_responses! {
///     /// What reading a lead can fail with.
///     pub struct GetLeadErrors {
///         ErrorCode::Unauthorized,
///         ErrorCode::NotFound,
///         ErrorCode::RateLimitExceeded,
///     }
/// }
///
/// fn get_lead(id: &str) -> Result<String, GetLeadErrors> {
///     let lead = (id == "1").then(|| id.to_owned()).ok_or_else(|| ApiError::not_found("no such lead"))?;
///     Ok(lead)
/// }
/// assert_eq!(get_lead("2").unwrap_err().0.code().as_str(), "NOT_FOUND");
///
/// assert_eq!(GetLeadErrors::CODES.len(), 3);
/// let mut operation = aide::openapi::Operation::default();
/// let responses = aide::generate::in_context(|ctx| GetLeadErrors::inferred_responses(ctx, &mut operation));
/// let statuses: Vec<_> = responses.iter().map(|(status, _)| status.unwrap()).collect();
/// assert_eq!(statuses, [401, 404, 429]);
/// ```
#[macro_export]
macro_rules! error_responses {
    ($(#[$meta:meta])* $vis:vis struct $name:ident { $($code:expr),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug)]
        $vis struct $name(pub $crate::__private::ApiError);

        impl $name {
            /// The codes this type declares.
            pub const CODES: &'static [&'static $crate::__private::CodeInfo] = &[$($code.info()),+];

            /// The declared codes as error responses.
            pub fn error_responses() -> $crate::ErrorResponses {
                Self::CODES.iter().copied().fold($crate::ErrorResponses::new(), $crate::ErrorResponses::info)
            }

            /// The error, as the handler answers with it.
            pub fn into_inner(self) -> $crate::__private::ApiError {
                self.0
            }
        }

        impl ::core::convert::From<$crate::__private::ApiError> for $name {
            fn from(err: $crate::__private::ApiError) -> $name {
                $name(err)
            }
        }

        impl $crate::__private::IntoResponse for $name {
            fn into_response(self) -> $crate::__private::AxumResponse {
                $crate::__private::IntoResponse::into_response(self.0)
            }
        }

        impl $crate::aide::operation::OperationOutput for $name {
            type Inner = $crate::__private::ApiError;

            fn inferred_responses(
                _ctx: &mut $crate::aide::generate::GenContext,
                _operation: &mut $crate::aide::openapi::Operation,
            ) -> ::std::vec::Vec<(::core::option::Option<u16>, $crate::aide::openapi::Response)> {
                $crate::__private::inferred(&Self::error_responses())
            }
        }
    };
}
