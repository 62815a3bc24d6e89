//! `ApiError` -> `tonic::Status` -> `ApiError` keeps the code, message,
//! fields, retry hint, resource, docs link, request id and extensions, for
//! every code of the built-in table, for codes no table knows, and a
//! foreign `ErrorInfo` goes out again as it came in.

use std::collections::HashMap;
use std::time::Duration;

use error_model::rpc::RpcCode;
use error_model::{ApiError, Code, ErrorCode, FieldViolation, ResourceRef};
use error_model_tonic::{Config, from_status, to_status};
use proptest::prelude::*;
use tonic_types::{ErrorDetails, StatusExt};

fn code() -> impl Strategy<Value = Code> {
    prop_oneof![
        proptest::sample::select(ErrorCode::ALL).prop_map(Code::from),
        "[A-Z][A-Z_]{2,20}".prop_map(Code::from_string),
    ]
}

fn field() -> impl Strategy<Value = FieldViolation> {
    ("[a-z]{1,8}(\\.[0-9]{1,2})?(\\.[a-z]{1,8})?", "[A-Za-z ,.]{1,40}", proptest::option::of("[A-Z_]{3,12}")).prop_map(
        |(path, message, reason)| {
            let v = FieldViolation::new(path, message);
            match reason {
                Some(reason) => v.with_reason(reason),
                None => v,
            }
        },
    )
}

prop_compose! {
    fn api_error()(
        code in code(),
        message in "[A-Za-z][A-Za-z ,.]{0,60}",
        fields in proptest::collection::vec(field(), 0..5),
        retry in proptest::option::of(1u64..86_400),
        resource in proptest::option::of(("[a-z]{1,10}", "[a-z0-9_]{1,16}")),
        docs in proptest::option::of("[a-z]{1,10}"),
        request_id in proptest::option::of("req_[a-z0-9]{4,20}"),
        region in proptest::option::of("[a-z]{2}-[a-z]{4,8}-[0-9]"),
    ) -> ApiError {
        let mut err = ApiError::new(code).with_message(message);
        for f in fields {
            err = err.with_field(f);
        }
        if let Some(secs) = retry {
            err = err.with_retry_after(secs);
        }
        if let Some((kind, id)) = resource {
            err = err.with_resource(ResourceRef::new(kind, id));
        }
        if let Some(page) = docs {
            err = err.with_docs_url(format!("https://docs.example.com/errors/{page}"));
        }
        if let Some(id) = request_id {
            err = err.with_request_id(id);
        }
        if let Some(region) = region {
            err = err.with_extension("region", region);
        }
        err
    }
}

fn assert_same(a: &ApiError, b: &ApiError) {
    assert_eq!(a.code(), b.code());
    assert_eq!(a.message(), b.message());
    assert_eq!(a.fields().len(), b.fields().len());
    for (x, y) in a.fields().iter().zip(b.fields()) {
        assert_eq!((&x.field, &x.pointer, &x.reason, &x.message), (&y.field, &y.pointer, &y.reason, &y.message));
    }
    assert_eq!(a.retry_after(), b.retry_after());
    assert_eq!(a.details().resource, b.details().resource);
    assert_eq!(a.docs_url(), b.docs_url());
    assert_eq!(a.request_id(), b.request_id());
    assert_eq!(a.details().extensions, b.details().extensions);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn api_error_survives_a_status(err in api_error()) {
        let config = Config::new().with_domain("leads.example.com");
        let status = to_status(&err, &config);
        let back = from_status(&status, &config);
        assert_same(&err, &back);
        // A known code keeps its status; every code keeps its gRPC code.
        if err.code().info().is_some() {
            prop_assert_eq!(back.status(), err.status());
        }
        prop_assert_eq!(
            error_model::status::rpc_code(back.code(), back.status()),
            error_model::status::rpc_code(err.code(), err.status())
        );
        // And a second trip changes nothing.
        let again = from_status(&to_status(&back, &config), &config);
        assert_same(&back, &again);
    }
}

#[test]
fn every_built_in_code_has_its_grpc_code() {
    for &code in ErrorCode::ALL {
        let status = to_status(&ApiError::new(code), &Config::new());
        assert_eq!(status.code() as i32, code.info().rpc_code() as i32, "{code:?}");
        assert_eq!(from_status(&status, &Config::new()).code(), &code);
    }
}

#[test]
fn a_foreign_error_info_goes_out_as_it_came() {
    let mut details = ErrorDetails::new();
    let metadata = HashMap::from([("service".to_owned(), "pubsub.googleapis.com".to_owned())]);
    details.set_error_info("RATE_LIMIT_EXCEEDED", "googleapis.com", metadata.clone());
    details.set_retry_info(Some(Duration::from_millis(1500)));
    let foreign = tonic::Status::with_error_details(tonic::Code::ResourceExhausted, "Quota exceeded", details);
    let config = Config::new().with_domain("leads.example.com");
    let err = from_status(&foreign, &config);
    assert_eq!(err.code(), &ErrorCode::RateLimitExceeded);
    assert_eq!(err.retry_after(), Some(2), "1.5 s rounds up");
    let again = to_status(&err, &config).get_error_details();
    let info = again.error_info().unwrap();
    assert_eq!((info.reason.as_str(), info.domain.as_str()), ("RATE_LIMIT_EXCEEDED", "googleapis.com"));
    assert_eq!(info.metadata, metadata);
}

#[test]
fn a_status_without_details_reads_as_its_grpc_code() {
    for &rpc in RpcCode::ALL.iter().filter(|c| **c != RpcCode::Ok) {
        let status = tonic::Status::new(tonic::Code::from_i32(rpc as i32), "boom");
        let err = from_status(&status, &Config::new());
        assert_eq!(err.code(), &error_model::status::code_for_rpc(rpc), "{rpc}");
        assert!(err.status().is_client_error() || err.status().is_server_error(), "{rpc}");
    }
    // A status that says OK is still read as an error, never a success.
    let ok = from_status(&tonic::Status::new(tonic::Code::Ok, ""), &Config::new());
    assert!(ok.status().is_server_error());
}

#[test]
fn what_a_peer_sends_is_bounded() {
    let huge = "x".repeat(1 << 20);
    let mut details = ErrorDetails::new();
    details.set_error_info(huge.clone(), huge.clone(), HashMap::from([(huge.clone(), huge.clone())]));
    details.add_bad_request_violation(huge.clone(), huge.clone());
    details.set_request_info(huge.clone(), "");
    details.set_resource_info(huge.clone(), huge.clone(), "", "");
    let status = tonic::Status::with_error_details(tonic::Code::Internal, huge.clone(), details);
    let err = from_status(&status, &Config::new());
    // A code or request id longer than one may be is dropped, as the wire
    // decoders drop them: the gRPC code tells the error.
    assert_eq!(err.code(), &ErrorCode::InternalError);
    assert_eq!(err.request_id(), None);
    // Text is cut to its limit, and the cut shows ("…", 3 bytes).
    let mark = '…'.len_utf8();
    assert!(err.message().len() <= error_model::Limits::DEFAULT_MAX_MESSAGE_BYTES + mark);
    let echo = error_model::limits::MAX_ECHO_BYTES + mark;
    assert!(err.fields()[0].field.len() <= echo);
    assert!(err.details().resource.as_ref().unwrap().id.as_ref().unwrap().len() <= echo);
    assert!(err.details().extensions.iter().all(|(k, v)| k.len() <= echo && v.as_str().unwrap().len() <= echo));
    // Malformed details are ignored, not a panic.
    let garbage = tonic::Status::with_details(tonic::Code::NotFound, "gone", vec![0xff, 0x01, 0x02].into());
    assert_eq!(from_status(&garbage, &Config::new()).code(), &ErrorCode::NotFound);
}

#[test]
fn no_sensitive_value_leaves_in_metadata() {
    let err = ApiError::new(ErrorCode::Conflict)
        .with_extension("api_key", "sk_live_secret")
        .with_extension("context", serde_json::json!({"nested": {"password": "hunter2"}}));
    let status = to_status(&err, &Config::new());
    let info = status.get_error_details().error_info().cloned().unwrap();
    let all = format!("{info:?}");
    assert!(!all.contains("sk_live_secret") && !all.contains("hunter2"), "{all}");
    assert_eq!(status.code(), tonic::Code::Aborted);
}

#[test]
fn a_peer_sends_at_most_so_many_field_violations() {
    let mut details = ErrorDetails::new();
    for i in 0..5_000 {
        details.add_bad_request_violation(format!("leads.{i}.email"), "bad");
    }
    details.set_error_info("VALIDATION_ERROR", "error-contract", HashMap::new());
    let status = tonic::Status::with_error_details(tonic::Code::InvalidArgument, "invalid", details);
    let err = from_status(&status, &Config::new());
    assert_eq!(err.fields().len(), error_model::limits::MAX_FIELD_VIOLATIONS);
    // The rest is counted, as the HTTP decoders count it.
    assert!(err.details().extensions.contains_key(error_model::OMITTED_FIELDS));
}

#[test]
fn a_quota_without_a_retry_hint_is_the_retry_info() {
    use error_model::ratelimit::RateLimit;
    let err = ApiError::new(ErrorCode::RateLimitExceeded).with_rate_limit(RateLimit::new(60, 0, 42));
    let status = to_status(&err, &Config::new());
    assert_eq!(status.get_details_retry_info().and_then(|r| r.retry_delay), Some(Duration::from_secs(42)));
}
