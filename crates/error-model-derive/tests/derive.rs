//! What `#[derive(IntoApiError)]` makes of each kind of variant and field.

use std::error::Error;

use error_model::{ApiError, ErrorCode, ResourceRef};
use error_model_derive::IntoApiError;
use leads_contract::LeadCode;

#[derive(Debug, thiserror::Error, IntoApiError)]
enum LeadError {
    #[error("lead {id} not found in shard {shard}")]
    #[api(code = LeadCode::LeadNotFound)]
    NotFound {
        #[api(resource = "lead")]
        id: String,
        shard: u32,
    },
    #[error("lead {0} not found")]
    #[api(code = LeadCode::LeadNotFound, message)]
    NotFoundShown(#[api(resource = "lead")] u64),
    #[error("quota of {plan} used up")]
    #[api(code = ErrorCode::RateLimitExceeded, message = "Too many leads today.")]
    Quota {
        #[api(detail)]
        limit: u32,
        #[api(detail = "plan_name")]
        plan: String,
        #[api(detail)]
        password: String,
    },
    #[error("store failed: {0}")]
    #[api(code = ErrorCode::InternalError)]
    Store(#[from] std::io::Error),
    #[error("upstream failed")]
    #[api(code = ErrorCode::BadGateway)]
    Upstream { source: std::io::Error, host: String },
    #[error("maybe failed")]
    #[api(code = ErrorCode::ServiceUnavailable)]
    Maybe {
        #[source]
        cause: Option<std::io::Error>,
    },
    #[error("gone")]
    #[api(code = ErrorCode::Gone)]
    Gone,
}

fn body(err: &ApiError) -> String {
    serde_json::to_string(&err.envelope()).unwrap()
}

#[test]
fn the_message_is_the_codes_unless_the_variant_opts_in() {
    let err = ApiError::from(LeadError::NotFound { id: "lead_1".into(), shard: 7 });
    assert_eq!(err.code(), &LeadCode::LeadNotFound);
    assert_eq!(err.status().as_u16(), 404);
    assert_eq!(err.message(), LeadCode::LeadNotFound.info().description());
    assert_eq!(err.details().resource, Some(ResourceRef::new("lead", "lead_1")));
    assert!(!body(&err).contains("shard"), "{}", body(&err));

    let err = ApiError::from(LeadError::NotFoundShown(42));
    assert_eq!(err.message(), "lead 42 not found");
    assert_eq!(err.details().resource, Some(ResourceRef::new("lead", "42")));

    let err = ApiError::from(LeadError::Gone);
    assert_eq!((err.status().as_u16(), err.message()), (410, ErrorCode::Gone.info().description()));
    assert!(err.source().is_none());
}

#[test]
fn marked_fields_become_details_and_sensitive_ones_are_redacted() {
    let err = ApiError::from(LeadError::Quota { limit: 100, plan: "free".into(), password: "hunter2".into() });
    assert_eq!(err.status().as_u16(), 429);
    assert_eq!(err.message(), "Too many leads today.");
    let ext = &err.details().extensions;
    assert_eq!((ext["limit"].as_u64(), ext["plan_name"].as_str()), (Some(100), Some("free")));
    assert!(!ext.contains_key("plan"));
    let body = body(&err);
    assert!(body.contains("\"plan_name\":\"free\"") && !body.contains("hunter2"), "{body}");
}

#[test]
fn the_source_is_kept_for_the_logs_only() {
    let secret = || std::io::Error::other("password=hunter2 at db-7.internal");
    let cases = [
        (LeadError::Store(secret()), 500),
        (LeadError::Upstream { source: secret(), host: "db-7.internal".into() }, 502),
        (LeadError::Maybe { cause: Some(secret()) }, 503),
    ];
    for (lead_error, status) in cases {
        let err = ApiError::from(lead_error);
        assert_eq!(err.status().as_u16(), status);
        assert_eq!(err.source().unwrap().to_string(), "password=hunter2 at db-7.internal");
        let body = body(&err);
        assert!(!body.contains("hunter2") && !body.contains("db-7"), "{body}");
        assert!(!format!("{err:?}").contains("hunter2"));
    }
    assert!(ApiError::from(LeadError::Maybe { cause: None }).source().is_none());
}

#[test]
fn question_mark_converts_in_a_handler() {
    fn find(id: u64) -> Result<(), LeadError> {
        Err(LeadError::NotFoundShown(id))
    }
    fn handler() -> error_model::Result<()> {
        find(9)?;
        Ok(())
    }
    assert_eq!(handler().unwrap_err().message(), "lead 9 not found");
}

/// A struct takes its attributes on itself; a generic type keeps its parameters.
#[derive(Debug, thiserror::Error, IntoApiError)]
#[error("{kind} {id} is locked")]
#[api(code = ErrorCode::Conflict, message)]
struct Locked<K: std::fmt::Display> {
    kind: K,
    #[api(resource = "lead")]
    id: u32,
}

#[test]
fn structs_and_generics() {
    let err = ApiError::from(Locked { kind: "lead", id: 3 });
    assert_eq!((err.status().as_u16(), err.message()), (409, "lead 3 is locked"));
    assert_eq!(err.details().resource, Some(ResourceRef::new("lead", "3")));
}

/// An enum without variants has nothing to convert, and still derives.
#[derive(IntoApiError)]
enum Never {}

#[test]
fn an_empty_enum_derives() {
    fn convert(never: Never) -> ApiError {
        ApiError::from(never)
    }
    let _ = convert;
}
