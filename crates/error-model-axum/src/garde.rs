//! [`Valid`]: a JSON body or a query string deserialized and checked by
//! [garde](https://docs.rs/garde) in one step (feature `garde`).

use ::axum::extract::{FromRequest, FromRequestParts, Request};
use error_model::ApiError;
use error_model_garde::garde::Validate;
use http::request::Parts;
use serde::de::DeserializeOwned;

use crate::{Json, Query, invalid_query};

/// A [`Json`] body (or a [`Query`] string) whose value passed its garde
/// rules: `Valid<Json<T>>` (or `Valid<Query<T>>`) for `T: garde::Validate`
/// whose context is `Default` (`()` unless the type declares one; for a
/// context built from the router's state, call
/// [`error_model_garde::validate_with`] in the handler).
///
/// A body that is not JSON, or JSON of the wrong shape, is rejected as
/// [`Json`] rejects it (`MALFORMED_REQUEST`, or `VALIDATION_ERROR` with the
/// field and the reason `INVALID`); a value that breaks its rules is the
/// `VALIDATION_ERROR` of [`error_model_garde::api_error`], every violation in
/// it with the reason `INVALID`. Either way one contract error, of the same
/// code and reason for a wrong type and a broken rule. For a query string
/// both are `INVALID_INPUT`, the code [`Query`] rejects a parameter of the
/// wrong type with.
///
/// # Examples
///
/// ```
/// use axum::{Router, routing::post};
/// use error_model_axum::{Json, garde::Valid};
/// use garde::Validate;
///
/// #[derive(serde::Deserialize, Validate)]
/// struct Lead {
///     #[garde(length(min = 1))]
///     name: String,
/// }
///
/// async fn create(Valid(Json(lead)): Valid<Json<Lead>>) -> String {
///     lead.name
/// }
///
/// let app: Router = Router::new().route("/v1/leads", post(create));
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct Valid<E>(pub E);

impl<T, S> FromRequest<S> for Valid<Json<T>>
where
    T: DeserializeOwned + Validate,
    T::Context: Default,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Valid<Json<T>>, ApiError> {
        let Json(value) = Json::<T>::from_request(req, state).await?;
        error_model_garde::validate(&value)?;
        Ok(Valid(Json(value)))
    }
}

impl<T, S> FromRequestParts<S> for Valid<Query<T>>
where
    T: DeserializeOwned + Validate,
    T::Context: Default,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Valid<Query<T>>, ApiError> {
        let Query(value) = Query::<T>::from_request_parts(parts, state).await?;
        match value.validate() {
            Ok(()) => Ok(Valid(Query(value))),
            Err(report) => Err(invalid_query(error_model_garde::violations(&report))),
        }
    }
}
