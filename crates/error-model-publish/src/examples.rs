//! Illustrative errors: the example of every code that the example
//! fixtures, the dialect pages and the OpenAPI examples show.

use error_model::code::DocsBase;
use error_model::{Category, CodeInfo};

/// An illustrative error for a code, as a service whose docs site is served
/// at `base` sends it: its description as message, a fixed request id and
/// timestamp, its documentation link (the code's own, else its page under
/// `base`: [`CodeInfo::docs_url_under`]; none without either), and the details its category
/// suggests (a field problem for validation codes, a retry hint for rate
/// limits and outages whose status carries `Retry-After`, the resource for not-found and conflicts). Used for
/// the example fixtures and the dialect pages.
///
/// # Examples
///
/// ```
/// use error_model::ErrorCode;
/// use error_model_publish::examples::example_error;
///
/// let err = example_error(ErrorCode::RateLimitExceeded.info(), None);
/// assert_eq!(err.retry_after(), Some(60));
/// assert_eq!(err.docs_url(), None);
/// ```
pub fn example_error(info: &'static CodeInfo, base: Option<&DocsBase>) -> error_model::ApiError {
    use error_model::{ApiError, Code, ErrorCode, FieldViolation, ResourceRef};
    let mut err = ApiError::new(Code::from_info(info));
    if let Some(base) = base {
        err = err.with_docs_base(base);
    }
    err = err
        .with_request_id("req_1234567890abcdef")
        .with_timestamp(error_model::Timestamp::from_unix_millis(1_705_401_000_000));
    let field = match ErrorCode::from_wire(info.name()) {
        Some(ErrorCode::ValidationError) => Some(
            FieldViolation::new("email", "Must be a valid email address")
                .with_reason("INVALID_FORMAT")
                .with_rejected_value("invalid-email")
                .with_expected("an email address"),
        ),
        Some(ErrorCode::MissingField) => {
            Some(FieldViolation::new("phone", "Required field missing").with_reason("REQUIRED"))
        }
        Some(ErrorCode::UnprocessableEntity) => {
            Some(FieldViolation::new("leads.0.phone", "The phone number is not dialable").with_reason("NOT_DIALABLE"))
        }
        Some(ErrorCode::MissingQuery) => Some(FieldViolation::new("query", "Required query parameter is missing")),
        _ => None,
    };
    if let Some(field) = field {
        err = err.with_field(field);
    }
    let carries_hint = error_model::status::carries_retry_after(info.status());
    match info.category() {
        Category::RateLimited if carries_hint => err.with_retry_after(60),
        Category::Unavailable if carries_hint => err.with_retry_after(30),
        Category::NotFound => err.with_resource(ResourceRef::new("lead", "lead_nonexistent123")),
        Category::Conflict => err.with_resource(ResourceRef::new("lead", "lead_existing123")),
        _ => err,
    }
}
