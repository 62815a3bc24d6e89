//! [`Valid`]: a JSON body or a query string deserialized and checked by
//! [validator](https://docs.rs/validator) in one step (feature `validator`).

use ::axum::extract::{FromRequest, FromRequestParts, Request};
use error_model::ApiError;
use error_model_validator::validator::Validate;
use http::request::Parts;
use serde::de::DeserializeOwned;

use crate::{Json, Query, invalid_query, sensitive_names};

/// A [`Json`] body (or a [`Query`] string) whose value passed its validator
/// rules: `Valid<Json<T>>` (or `Valid<Query<T>>`) for `T: validator::Validate`.
///
/// A body that is not JSON, or JSON of the wrong shape, is rejected as
/// [`Json`] rejects it (`MALFORMED_REQUEST`, or `VALIDATION_ERROR` with the
/// field and the reason `INVALID`); a value that breaks its rules is the
/// `VALIDATION_ERROR` of [`error_model_validator::api_error_with`], every
/// violation in it, with the [`ErrorLayer`](crate::ErrorLayer)'s sensitive
/// names. Either way one contract error, of the same code for a wrong type
/// and a broken rule. For a query string both are `INVALID_INPUT`, the code
/// [`Query`] rejects a parameter of the wrong type with.
///
/// # Examples
///
/// ```
/// use axum::{Router, routing::post};
/// use error_model_axum::{Json, validator::Valid};
/// use validator::Validate;
///
/// #[derive(serde::Deserialize, Validate)]
/// struct Lead {
///     #[validate(email)]
///     email: String,
/// }
///
/// async fn create(Valid(Json(lead)): Valid<Json<Lead>>) -> String {
///     lead.email
/// }
///
/// let app: Router = Router::new().route("/v1/leads", post(create));
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct Valid<E>(pub E);

impl<T, S> FromRequest<S> for Valid<Json<T>>
where
    T: DeserializeOwned + Validate,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Valid<Json<T>>, ApiError> {
        let names = sensitive_names(req.extensions());
        let Json(value) = Json::<T>::from_request(req, state).await?;
        match value.validate() {
            Ok(()) => Ok(Valid(Json(value))),
            Err(errors) => Err(error_model_validator::api_error_with(&errors, &names)),
        }
    }
}

impl<T, S> FromRequestParts<S> for Valid<Query<T>>
where
    T: DeserializeOwned + Validate,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Valid<Query<T>>, ApiError> {
        let Query(value) = Query::<T>::from_request_parts(parts, state).await?;
        match value.validate() {
            Ok(()) => Ok(Valid(Query(value))),
            Err(errors) => {
                let names = sensitive_names(&parts.extensions);
                Err(invalid_query(error_model_validator::violations_with(&errors, &names)))
            }
        }
    }
}
