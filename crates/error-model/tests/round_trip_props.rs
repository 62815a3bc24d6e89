//! Every dialect reads what it writes, for arbitrary errors: registered and
//! unknown codes, arbitrary field paths, extensions named like members,
//! secrets at random depths. And a conversion through any dialect and back
//! gives what a direct conversion gives.

use error_model::wire::{self, Dialect};
use error_model::{ApiError, Code, ErrorCode, FieldViolation, ResourceRef, Timestamp};
use http::StatusCode;
use proptest::prelude::*;
use serde_json::{Value, json};

fn dialect() -> impl Strategy<Value = Dialect> {
    proptest::sample::select(Dialect::ALL.to_vec())
}

fn code() -> impl Strategy<Value = (Code, StatusCode)> {
    prop_oneof![
        proptest::sample::select(ErrorCode::ALL.to_vec()).prop_map(|c| (Code::from(c), c.status())),
        ("[A-Z][A-Z_]{0,20}[A-Z]", 400u16..=599).prop_filter_map("an error status", |(name, status)| {
            let status = StatusCode::from_u16(status).ok()?;
            status.canonical_reason().is_some().then(|| (Code::new(&name), status))
        }),
    ]
}

/// Field paths of every style, ASCII names as forms and libraries write them.
fn field_path() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z][a-z_]{0,8}(\\.[a-z0-9_]{1,6}){0,3}",
        "[a-z]{1,6}(\\[[0-9]{1,2}\\]|\\.[a-z]{1,5}){0,3}",
        "(/[a-z0-9_]{1,6}){1,3}",
    ]
}

/// A value with `secret` hidden under a sensitive name at some depth.
fn hidden(secret: String) -> impl Strategy<Value = Value> {
    (0..4usize, proptest::sample::select(vec!["password", "api_key", "Authorization", "cvv2", "otp", "jwt"])).prop_map(
        move |(depth, name)| {
            let mut v = json!({ name: secret.clone(), "ok": 1 });
            for d in 0..depth {
                v = if d % 2 == 0 { json!([v, 2]) } else { json!({ "inner": v }) };
            }
            v
        },
    )
}

/// Extension names that collide with members some shape writes, and others.
fn extension_name() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::sample::select(vec![
            "message",
            "details",
            "errors",
            "retry_after",
            "code",
            "status",
            "type",
            "title",
            "detail",
            "error",
            "fields",
            "field",
            "reason",
            "meta",
            "data",
            "request_id",
            "timestamp",
            "resource",
            "domain",
            "hint",
        ])
        .prop_map(str::to_owned),
        "[a-z]{1,8}",
    ]
}

prop_compose! {
    fn api_error()(
        (code, status) in code(),
        message in "[A-Za-z .,]{0,30}",
        fields in prop::collection::vec((field_path(), "[A-Za-z .]{1,20}", prop::option::of("[A-Z_]{1,10}")), 0..4),
        retry_after in prop::option::of(0u64..100_000),
        request_id in prop::option::of("req_[a-z0-9]{1,12}"),
        timestamp in prop::option::of(0i64..4_000_000_000_000),
        resource in prop::option::of(("[a-z]{1,6}", "[a-z0-9_]{1,8}")),
        extensions in prop::collection::vec((extension_name(), hidden("S3CR3T".to_owned())), 0..4),
    ) -> ApiError {
        let mut err = ApiError::with_status(code, status).with_message(message);
        for (path, message, reason) in fields {
            let mut v = FieldViolation::new(path, message);
            if let Some(reason) = reason {
                v = v.with_reason(reason);
            }
            err = err.with_field(v);
        }
        if let Some(secs) = retry_after {
            err = err.with_retry_after(secs);
        }
        if let Some(id) = request_id {
            err = err.with_request_id(id);
        }
        if let Some(ms) = timestamp {
            err = err.with_timestamp(Timestamp::from_unix_millis(ms));
        }
        if let Some((kind, id)) = resource {
            err = err.with_resource(ResourceRef::new(kind, id));
        }
        for (name, value) in extensions {
            err = err.with_extension(name, value);
        }
        err
    }
}

/// What a shape carries of an error, beside the code and status that every
/// shape carries (in a member, or implied by the status).
struct Carries {
    message: bool,
    retry_after: bool,
}

fn carries(dialect: Dialect, err: &ApiError) -> Carries {
    let header_retry = error_model::status::carries_retry_after(dialect.wire_status(err));
    let body_retry = !matches!(dialect, Dialect::FieldMap | Dialect::DetailList | Dialect::GitHub | Dialect::Drf);
    Carries {
        // DRF writes the message only when there are no field errors.
        message: dialect != Dialect::Drf || err.fields().is_empty(),
        retry_after: body_retry || header_retry,
    }
}

fn over_the_wire(dialect: Dialect, err: &ApiError) -> ApiError {
    let res = dialect.encode(err);
    let body = String::from_utf8_lossy(res.body()).into_owned();
    assert!(!body.contains("S3CR3T"), "{dialect}: a secret leaked: {body}");
    let (_, back) = wire::decode(Some(res.status()), res.headers(), res.body())
        .unwrap_or_else(|e| panic!("{dialect} cannot read what it wrote: {e}: {body}"));
    back
}

proptest! {
    #[test]
    fn every_dialect_reads_what_it_writes(err in api_error(), dialect in dialect()) {
        let back = over_the_wire(dialect, &err);
        // DRF drops a `code` member when a field is named `code`; the status then implies it.
        let code_field = dialect == Dialect::Drf && err.fields().iter().any(|v| v.field == "code");
        if !code_field {
            prop_assert_eq!(back.code(), err.code());
        }
        prop_assert_eq!(back.status(), err.status());
        let what = carries(dialect, &err);
        if what.message {
            prop_assert_eq!(back.message(), err.message());
        }
        let fields = |e: &ApiError| e.fields().iter().map(|v| (v.pointer.clone(), v.message.clone())).collect::<Vec<_>>();
        prop_assert_eq!(fields(&back), fields(&err));
        if what.retry_after {
            prop_assert_eq!(back.retry_after(), err.retry_after());
        }
        prop_assert_eq!(back.request_id(), err.request_id());
    }

    #[test]
    fn a_trip_through_any_dialect_changes_nothing_more(err in api_error(), a in dialect(), b in dialect()) {
        // A -> A, and A -> B -> A, as a client converting bodies would.
        let in_a = a.encode(&err);
        let direct = wire::convert(Some(in_a.status()), in_a.headers(), in_a.body(), a).unwrap();
        let via_b = wire::convert(Some(in_a.status()), in_a.headers(), in_a.body(), b).unwrap();
        let back = wire::convert(Some(via_b.status()), via_b.headers(), via_b.body(), a).unwrap();
        let (_, direct) = wire::decode(Some(direct.status()), direct.headers(), direct.body()).unwrap();
        let (_, back) = wire::decode(Some(back.status()), back.headers(), back.body()).unwrap();
        prop_assert_eq!(back.status(), direct.status());
        let code_field = err.fields().iter().any(|v| v.field == "code") && (a == Dialect::Drf || b == Dialect::Drf);
        if !code_field {
            prop_assert_eq!(back.code(), direct.code());
        }
        prop_assert_eq!(back.request_id(), direct.request_id());
        let fields = |e: &ApiError| e.fields().iter().map(|v| v.pointer.clone()).collect::<Vec<_>>();
        prop_assert_eq!(fields(&back), fields(&direct));
    }

    #[test]
    fn timestamps_print_what_they_parse(ms in any::<i64>()) {
        let ts = Timestamp::from_unix_millis(ms);
        prop_assert_eq!(ts.as_str().parse::<Timestamp>().unwrap(), ts);
    }
}
