//! Every rule about HTTP statuses, in one place: which statuses are errors,
//! the code and category a bare status implies, which statuses a client may
//! retry, when a response carries `Retry-After`, how `Retry-After` is read,
//! and which retry hint wins when the header and the body disagree.
//!
//! The encoders, the decoders, the tower layer, the clients and the
//! publishers all ask this module; none of them restates a rule.
//!
//! Statuses follow [RFC 9110, section 15](https://www.rfc-editor.org/rfc/rfc9110#section-15);
//! `Retry-After` is [RFC 9110, section 10.2.3](https://www.rfc-editor.org/rfc/rfc9110#section-10.2.3).

use std::time::SystemTime;

use http::header::RETRY_AFTER;
use http::{HeaderMap, StatusCode};

use crate::rpc::RpcCode;
use crate::{Category, Code, ErrorCode};

/// Whether `status` is an error status: 4xx or 5xx.
///
/// # Examples
///
/// ```
/// use error_model::status::is_error;
/// use http::StatusCode;
///
/// assert!(is_error(StatusCode::NOT_FOUND) && is_error(StatusCode::BAD_GATEWAY));
/// assert!(!is_error(StatusCode::OK) && !is_error(StatusCode::NOT_MODIFIED));
/// ```
pub fn is_error(status: StatusCode) -> bool {
    status.is_client_error() || status.is_server_error()
}

/// Whether a number a body gives can be an HTTP status at all: 100 to 599,
/// the five classes of [RFC 9110, section 15](https://www.rfc-editor.org/rfc/rfc9110#section-15)
/// (`"status": 24` is an API's own code).
pub(crate) fn is_status_number(n: i64) -> bool {
    (100..=599).contains(&n)
}

/// Whether a number a body gives is an error status ([`is_error`]): what a
/// reader takes for the HTTP status repeated rather than a code of its own.
pub(crate) fn is_error_number(n: i64) -> bool {
    u16::try_from(n).ok().and_then(|n| StatusCode::from_u16(n).ok()).is_some_and(is_error)
}

/// The registry's code for a bare `status`, when it has one: the
/// [default code](ErrorCode::for_category) of the category whose canonical
/// status it is, else the first row with that status.
///
/// # Examples
///
/// ```
/// use error_model::{ErrorCode, status};
/// use http::StatusCode;
///
/// assert_eq!(status::code_for(StatusCode::CONFLICT), Some(ErrorCode::Conflict));
/// assert_eq!(status::code_for(StatusCode::METHOD_NOT_ALLOWED), Some(ErrorCode::MethodNotAllowed));
/// assert_eq!(status::code_for(StatusCode::IM_A_TEAPOT), None);
/// ```
pub fn code_for(status: StatusCode) -> Option<ErrorCode> {
    if let Some(category) = Category::ALL.iter().find(|c| c.status() == status) {
        return Some(ErrorCode::for_category(*category));
    }
    ErrorCode::ALL.iter().copied().find(|code| code.status() == status)
}

/// The category a bare `status` belongs to, for codes no table knows: the
/// category whose canonical status it is, else the category of the
/// registry's [code for that status](code_for) (422 invalid argument, 408
/// unavailable, 410 not found, 504 bad gateway, ...), else invalid argument
/// for any other 4xx and internal for anything else.
///
/// # Examples
///
/// ```
/// use error_model::{Category, status::category_of};
///
/// assert_eq!(category_of(404), Category::NotFound);
/// assert_eq!(category_of(422), Category::InvalidArgument);
/// assert_eq!(category_of(410), Category::NotFound);
/// assert_eq!(category_of(418), Category::InvalidArgument);
/// assert_eq!(category_of(599), Category::Internal);
/// ```
pub fn category_of(status: u16) -> Category {
    let registered = StatusCode::from_u16(status).ok().and_then(code_for);
    match (registered, status) {
        (Some(code), _) => code.category(),
        (None, 400..=499) => Category::InvalidArgument,
        (None, _) => Category::Internal,
    }
}

/// The code a bare `status` means: [`code_for`], else the default code of
/// its [category](category_of). `validation_is_422` says whether the
/// dialect the status came in answers validation with 422 (then a 422 is a
/// `VALIDATION_ERROR`; elsewhere it is `UNPROCESSABLE_ENTITY`).
///
/// # Examples
///
/// ```
/// use error_model::{ErrorCode, status::implied_code};
/// use http::StatusCode;
///
/// assert_eq!(implied_code(StatusCode::UNPROCESSABLE_ENTITY, true), ErrorCode::ValidationError);
/// assert_eq!(implied_code(StatusCode::UNPROCESSABLE_ENTITY, false), ErrorCode::UnprocessableEntity);
/// assert_eq!(implied_code(StatusCode::IM_A_TEAPOT, false), ErrorCode::ValidationError);
/// ```
pub fn implied_code(status: StatusCode, validation_is_422: bool) -> ErrorCode {
    if status == StatusCode::UNPROCESSABLE_ENTITY && validation_is_422 {
        return ErrorCode::ValidationError;
    }
    code_for(status).unwrap_or_else(|| ErrorCode::for_category(category_of(status.as_u16())))
}

/// The code a server sends for a bare `status`, an error it has no field
/// problems for (a framework's rejection, say): [`implied_code`], but
/// `MALFORMED_REQUEST` where that would be a validation code, since a
/// validation error without fields tells the client nothing to fix (and
/// the dialects that answer validation with 422 would send it as 422).
///
/// # Examples
///
/// ```
/// use error_model::{ErrorCode, status::bare_code};
/// use http::StatusCode;
///
/// assert_eq!(bare_code(StatusCode::BAD_REQUEST), ErrorCode::MalformedRequest);
/// assert_eq!(bare_code(StatusCode::NOT_FOUND), ErrorCode::NotFound);
/// assert_eq!(bare_code(StatusCode::PAYLOAD_TOO_LARGE), ErrorCode::PayloadTooLarge);
/// ```
pub fn bare_code(status: StatusCode) -> ErrorCode {
    match implied_code(status, false) {
        code if code.info().is_validation() => ErrorCode::MalformedRequest,
        code => code,
    }
}

/// Whether a request that failed with `status` may be retried: the
/// registry's [code for that status](code_for) is retryable (408, 429, 500,
/// 502, 503 and 504). The one rule the [retry policy](crate::retry)
/// applies to statuses.
///
/// # Examples
///
/// ```
/// use error_model::status::is_retryable;
/// use http::StatusCode;
///
/// assert!(is_retryable(StatusCode::SERVICE_UNAVAILABLE) && is_retryable(StatusCode::GATEWAY_TIMEOUT));
/// assert!(!is_retryable(StatusCode::NOT_FOUND) && !is_retryable(StatusCode::NOT_IMPLEMENTED));
/// ```
pub fn is_retryable(status: StatusCode) -> bool {
    code_for(status).is_some_and(|code| code.is_retryable())
}

/// Whether a code is a validation code ([`CodeInfo::is_validation`](crate::CodeInfo::is_validation)).
fn is_validation(code: &Code) -> bool {
    code.info().is_some_and(|info| info.is_validation())
}

/// The status an error of `code` and canonical `status` is sent with in a
/// dialect: a validation code's 400 becomes 422 where `validation_is_422`.
///
/// # Examples
///
/// ```
/// use error_model::{Code, ErrorCode, status::wire_status};
/// use http::StatusCode;
///
/// let code = Code::from(ErrorCode::ValidationError);
/// assert_eq!(wire_status(&code, StatusCode::BAD_REQUEST, true), StatusCode::UNPROCESSABLE_ENTITY);
/// assert_eq!(wire_status(&code, StatusCode::BAD_REQUEST, false), StatusCode::BAD_REQUEST);
/// ```
pub fn wire_status(code: &Code, status: StatusCode, validation_is_422: bool) -> StatusCode {
    if validation_is_422 && status == StatusCode::BAD_REQUEST && is_validation(code) {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        status
    }
}

/// The canonical status of an error of `code` received with `wire` status:
/// the inverse of [`wire_status`]. A validation code received with 422 is
/// the contract's 400 in every dialect, so that a body converted through a
/// 422-dialect and back keeps its status.
pub fn canonical_status(code: &Code, wire: StatusCode) -> StatusCode {
    if wire == StatusCode::UNPROCESSABLE_ENTITY && is_validation(code) { StatusCode::BAD_REQUEST } else { wire }
}

/// Whether a response of `status` carries `Retry-After` when the error has
/// a retry hint: 429 ([RFC 6585, section 4](https://www.rfc-editor.org/rfc/rfc6585#section-4))
/// and 503 ([RFC 9110, section 10.2.3](https://www.rfc-editor.org/rfc/rfc9110#section-10.2.3)).
///
/// # Examples
///
/// ```
/// use error_model::status::carries_retry_after;
/// use http::StatusCode;
///
/// assert!(carries_retry_after(StatusCode::TOO_MANY_REQUESTS));
/// assert!(!carries_retry_after(StatusCode::INTERNAL_SERVER_ERROR));
/// ```
pub const fn carries_retry_after(status: StatusCode) -> bool {
    matches!(status.as_u16(), 429 | 503)
}

/// Seconds to wait from a `Retry-After` value: delta-seconds, or an
/// HTTP-date counted from `now` (a date in the past means 0).
///
/// # Examples
///
/// ```
/// use std::time::{Duration, UNIX_EPOCH};
/// use error_model::status::retry_after_seconds;
///
/// let now = UNIX_EPOCH + Duration::from_secs(1_445_412_470); // 07:27:50 GMT
/// assert_eq!(retry_after_seconds("120", now), Some(120));
/// assert_eq!(retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT", now), Some(10));
/// assert_eq!(retry_after_seconds("soon", now), None);
/// ```
pub fn retry_after_seconds(value: &str, now: SystemTime) -> Option<u64> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(secs);
    }
    let date = httpdate::parse_http_date(value).ok()?;
    Some(date.duration_since(now).map_or(0, |d| d.as_secs() + u64::from(d.subsec_nanos() > 0)))
}

/// The retry hint of a response: the body's, when the body gives one (it is
/// the API's own word and often the more precise: `64.57` seconds where the
/// header rounds to `65`), else the `Retry-After` header's, read at `now`.
///
/// This is the one precedence rule: the decoders apply it, so that
/// [`ApiError::retry_after`](crate::ApiError::retry_after) and the
/// [client's wait](crate::client::ClientError) always agree.
///
/// # Examples
///
/// ```
/// use std::time::SystemTime;
/// use error_model::status::retry_hint;
/// use http::HeaderMap;
///
/// let mut headers = HeaderMap::new();
/// headers.insert("retry-after", "10".parse().unwrap());
/// assert_eq!(retry_hint(Some(60), &headers, SystemTime::now()), Some(60));
/// assert_eq!(retry_hint(None, &headers, SystemTime::now()), Some(10));
/// assert_eq!(retry_hint(None, &HeaderMap::new(), SystemTime::now()), None);
/// ```
pub fn retry_hint(body: Option<u64>, headers: &HeaderMap, now: SystemTime) -> Option<u64> {
    body.or_else(|| headers.get(RETRY_AFTER).and_then(|v| v.to_str().ok()).and_then(|v| retry_after_seconds(v, now)))
}

/// The `google.rpc.Code` of an error with `code`, sent with `status`: the
/// code's row when a table knows it ([`CodeInfo::rpc_code`](crate::CodeInfo::rpc_code)),
/// else the one the status implies ([`RpcCode::for_status`]). The one rule
/// the Google dialect and the gRPC integrations follow; see [`rpc`](crate::rpc)
/// for where HTTP and gRPC cannot agree.
///
/// # Examples
///
/// ```
/// use error_model::rpc::RpcCode;
/// use error_model::{Code, ErrorCode, http::StatusCode, status::rpc_code};
///
/// let known = Code::from(ErrorCode::GatewayTimeout);
/// assert_eq!(rpc_code(&known, StatusCode::GATEWAY_TIMEOUT), RpcCode::DeadlineExceeded);
/// let unknown = Code::from_string("CARD_DECLINED".to_owned());
/// assert_eq!(rpc_code(&unknown, StatusCode::PAYMENT_REQUIRED), RpcCode::FailedPrecondition);
/// ```
pub fn rpc_code(code: &Code, status: StatusCode) -> RpcCode {
    match code.info() {
        Some(info) => info.rpc_code(),
        None => RpcCode::for_status(status.as_u16()),
    }
}

/// The built-in code a `google.rpc.Code` implies when an answer names no
/// code of its own (no `ErrorInfo.reason`): the [bare code](bare_code) of
/// the status `code.proto` gives it when that code has this gRPC code, else
/// the first row of the built-in table that has it, else that bare code.
///
/// # Examples
///
/// ```
/// use error_model::rpc::RpcCode;
/// use error_model::{ErrorCode, status::code_for_rpc};
///
/// assert_eq!(code_for_rpc(RpcCode::AlreadyExists), ErrorCode::AlreadyExists);
/// assert_eq!(code_for_rpc(RpcCode::Aborted), ErrorCode::Conflict);
/// assert_eq!(code_for_rpc(RpcCode::DeadlineExceeded), ErrorCode::GatewayTimeout);
/// assert_eq!(code_for_rpc(RpcCode::Unknown), ErrorCode::InternalError);
/// assert_eq!(code_for_rpc(RpcCode::Unavailable), ErrorCode::ServiceUnavailable);
/// assert_eq!(code_for_rpc(RpcCode::InvalidArgument), ErrorCode::MalformedRequest);
/// ```
pub fn code_for_rpc(rpc: RpcCode) -> ErrorCode {
    let bare = bare_code(rpc.http_status());
    if bare.info().rpc_code() == rpc {
        return bare;
    }
    ErrorCode::ALL.iter().copied().find(|code| code.info().rpc_code() == rpc).unwrap_or(bare)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_numbers_are_the_error_statuses() {
        for n in [400, 404, 429, 499, 500, 599] {
            assert!(is_error_number(n), "{n}");
        }
        for n in [-1, 0, 200, 399, 600, 1000, 65601, i64::MAX] {
            assert!(!is_error_number(n), "{n}");
        }
    }

    #[test]
    fn every_category_status_maps_back_to_its_category() {
        for &category in Category::ALL {
            assert_eq!(category_of(category.status().as_u16()), category);
            assert_eq!(code_for(category.status()), Some(ErrorCode::for_category(category)));
        }
    }

    #[test]
    fn fallbacks() {
        assert_eq!(category_of(418), Category::InvalidArgument);
        assert_eq!(category_of(408), Category::Unavailable);
        assert_eq!(category_of(504), Category::BadGateway);
        assert_eq!(category_of(410), Category::NotFound);
        assert_eq!(category_of(200), Category::Internal);
        assert_eq!(category_of(1000), Category::Internal);
    }

    #[test]
    fn every_registered_status_implies_a_code_of_that_status() {
        for code in ErrorCode::ALL {
            let implied = implied_code(code.status(), false);
            assert_eq!(implied.status(), code.status(), "{code}");
            assert_eq!(is_retryable(code.status()), implied.is_retryable(), "{code}");
        }
    }

    #[test]
    fn error_statuses() {
        for s in [100, 200, 204, 301, 304, 399] {
            assert!(!is_error(StatusCode::from_u16(s).unwrap()), "{s}");
        }
        for s in [400, 404, 499, 500, 599] {
            assert!(is_error(StatusCode::from_u16(s).unwrap()), "{s}");
        }
    }

    #[test]
    fn retry_after_dates_in_the_past_mean_now() {
        let now = SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_445_412_490);
        assert_eq!(retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT", now), Some(0));
        assert_eq!(retry_after_seconds(" 7 ", now), Some(7));
        assert_eq!(retry_after_seconds("-1", now), None);
    }

    /// Every built-in row, as AIP-193 and code.proto name it. The match is
    /// exhaustive: a new row does not compile here until it is placed.
    #[test]
    fn every_built_in_row() {
        use crate::rpc::RpcCode::*;
        for &code in ErrorCode::ALL {
            let expected = match code {
                ErrorCode::Unauthorized | ErrorCode::TokenExpired => Unauthenticated,
                ErrorCode::Forbidden | ErrorCode::InsufficientPermissions => PermissionDenied,
                ErrorCode::ValidationError
                | ErrorCode::MissingField
                | ErrorCode::InvalidInput
                | ErrorCode::MissingQuery
                | ErrorCode::MalformedRequest
                | ErrorCode::UnprocessableEntity
                | ErrorCode::NotAcceptable
                | ErrorCode::PayloadTooLarge
                | ErrorCode::UnsupportedMediaType => InvalidArgument,
                ErrorCode::MethodNotAllowed | ErrorCode::NotImplemented => Unimplemented,
                ErrorCode::NotFound | ErrorCode::Gone => NotFound,
                ErrorCode::AlreadyExists => AlreadyExists,
                ErrorCode::Conflict => Aborted,
                ErrorCode::RateLimitExceeded => ResourceExhausted,
                ErrorCode::InternalError => Internal,
                ErrorCode::BadGateway | ErrorCode::ServiceUnavailable => Unavailable,
                ErrorCode::GatewayTimeout | ErrorCode::RequestTimeout => DeadlineExceeded,
            };
            assert_eq!(code.info().rpc_code(), expected, "{code:?}");
        }
    }

    #[test]
    fn retryable_rows_are_retryable_over_grpc_too() {
        // Every retryable built-in row lands on a gRPC code a client may
        // retry (UNAVAILABLE, RESOURCE_EXHAUSTED, DEADLINE_EXCEEDED), or on
        // INTERNAL, which is 500 and retryable over HTTP.
        for &code in ErrorCode::ALL.iter().filter(|c| c.is_retryable()) {
            let rpc = code.info().rpc_code();
            assert!(
                matches!(
                    rpc,
                    RpcCode::Unavailable | RpcCode::ResourceExhausted | RpcCode::DeadlineExceeded | RpcCode::Internal
                ),
                "{code:?} is {rpc}"
            );
        }
    }
}
