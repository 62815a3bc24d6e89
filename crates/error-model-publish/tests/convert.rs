//! Conversion between every pair of dialects, status included.

use error_model::wire::{self, Dialect};
use error_model::{ApiError, CodeSet, ErrorCode, FieldViolation};
use error_model_publish::examples::example_error;
use http::{HeaderMap, StatusCode};

/// What survives any conversion: code, status, field pointers and messages,
/// retry hint and request id; the message too, except where a shape has no
/// member for it beside field problems (DRF).
fn assert_same_contract(from: Dialect, to: Dialect, original: &ApiError, converted: &ApiError) {
    let ctx = format!("{from} -> {to}, {}", original.code());
    assert_eq!(converted.code(), original.code(), "{ctx}");
    assert_eq!(converted.status(), original.status(), "{ctx}");
    let fields = |e: &ApiError| e.fields().iter().map(|f| (f.pointer.clone(), f.message.clone())).collect::<Vec<_>>();
    assert_eq!(fields(converted), fields(original), "{ctx}");
    assert_eq!(converted.retry_after(), original.retry_after(), "{ctx}");
    assert_eq!(converted.request_id(), original.request_id(), "{ctx}");
    let message_lost = original.fields().iter().any(|_| matches!(from, Dialect::Drf) || matches!(to, Dialect::Drf));
    if !message_lost {
        assert_eq!(converted.message(), original.message(), "{ctx}");
    }
}

/// Detection finds the dialect, or one whose shape coincides for this body
/// (an `{"error": {"code", "message"}}` without details is nested, detail-list
/// and Azure at once) and that decodes it the same.
fn assert_detected(detected: wire::Shape, expected: Dialect, res: &http::Response<Vec<u8>>) {
    let detected = detected.dialect().unwrap_or_else(|| panic!("{expected} read leniently as {detected}"));
    if detected != expected {
        let status = Some(res.status());
        let as_expected = expected.decode(status, res.headers(), res.body()).unwrap();
        let as_detected = detected.decode(status, res.headers(), res.body()).unwrap();
        assert_eq!(
            as_detected,
            as_expected,
            "{expected} detected as {detected}: {}",
            String::from_utf8_lossy(res.body())
        );
    }
}

fn over_the_wire(dialect: Dialect, err: &ApiError) -> ApiError {
    let res = dialect.encode(err);
    let (detected, decoded) = wire::decode(Some(res.status()), res.headers(), res.body()).unwrap();
    assert_detected(detected, dialect, &res);
    decoded
}

#[test]
fn every_dialect_pair_converts_every_code() {
    let mut pairs = 0;
    for info in ErrorCode::infos() {
        let original = example_error(info, None);
        for &from in Dialect::ALL {
            let in_from = over_the_wire(from, &original);
            assert_same_contract(from, from, &original, &in_from);
            for &to in Dialect::ALL {
                let res = wire::convert(
                    Some(from.wire_status(&original)),
                    from.encode(&original).headers(),
                    from.encode(&original).body(),
                    to,
                )
                .unwrap();
                let (detected, converted) = wire::decode(Some(res.status()), res.headers(), res.body()).unwrap();
                assert_detected(detected, to, &res);
                assert_same_contract(from, to, &original, &converted);
                pairs += 1;
            }
        }
    }
    assert_eq!(pairs, ErrorCode::ALL.len() * Dialect::ALL.len() * Dialect::ALL.len());
}

#[test]
fn validation_is_422_in_seed_003_and_004_shapes_and_back() {
    let err = ApiError::invalid_argument("Invalid request data")
        .with_field(FieldViolation::new("email", "Invalid email format"));
    assert_eq!(err.status(), StatusCode::BAD_REQUEST);
    for dialect in [Dialect::FieldMap, Dialect::DetailList, Dialect::GitHub] {
        let res = dialect.encode(&err);
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{dialect}");
        let back = wire::convert(Some(res.status()), res.headers(), res.body(), Dialect::Canonical).unwrap();
        assert_eq!(back.status(), StatusCode::BAD_REQUEST, "{dialect}");
    }
    for dialect in [Dialect::Canonical, Dialect::Nested, Dialect::Flat, Dialect::Bare, Dialect::Problem] {
        assert_eq!(dialect.encode(&err).status(), StatusCode::BAD_REQUEST, "{dialect}");
    }
    // A 422 that is not a body-validation code stays 422 everywhere.
    let unprocessable = ApiError::new(ErrorCode::UnprocessableEntity);
    for &dialect in Dialect::ALL {
        assert_eq!(dialect.encode(&unprocessable).status(), StatusCode::UNPROCESSABLE_ENTITY, "{dialect}");
    }
}

#[test]
fn unknown_codes_survive_conversion() {
    let err = ApiError::with_status(error_model::Code::new("QUOTA_FROZEN"), StatusCode::from_u16(423).unwrap())
        .with_message("Quota frozen");
    for &from in Dialect::ALL {
        for &to in Dialect::ALL {
            let res = from.encode(&err);
            let out = wire::convert(Some(res.status()), res.headers(), res.body(), to).unwrap();
            let (_, back) = wire::decode(Some(out.status()), out.headers(), out.body()).unwrap();
            assert_eq!(back.code().as_str(), "QUOTA_FROZEN", "{from} -> {to}");
            assert_eq!(back.status().as_u16(), 423, "{from} -> {to}");
        }
    }
}

#[test]
fn detection_uses_the_content_type() {
    let mut headers = HeaderMap::new();
    let problem = br#"{"type": "https://example.com/probs/gone", "title": "Gone", "status": 410}"#;
    assert_eq!(wire::detect(&headers, problem).unwrap(), Dialect::Problem);
    // A numeric `status` alone does not make a problem (RFC 9457 would lose
    // the `message`): the body is bare's, a code and a message.
    let body = br#"{"code": "NOT_FOUND", "message": "gone", "status": 404}"#;
    assert_eq!(wire::detect(&headers, body).unwrap(), Dialect::Bare);
    let (_, err) = wire::decode(None, &headers, body).unwrap();
    assert_eq!((err.code().as_str(), err.message()), ("NOT_FOUND", "gone"));
    headers.insert("content-type", "application/problem+json".parse().unwrap());
    assert_eq!(wire::detect(&headers, br#"{"detail": "gone"}"#).unwrap(), Dialect::Problem);
}

/// A validation error some server sent with 422 in a shape that keeps 400
/// comes back with the same status after a trip through a 422-dialect.
#[test]
fn validation_status_survives_a_trip_through_every_dialect() {
    let body = br#"{"error": {"code": "VALIDATION_ERROR", "status": 422, "message": "Invalid", "details": {"fields": [{"field": "email", "message": "Required"}]}}}"#;
    let status = Some(StatusCode::UNPROCESSABLE_ENTITY);
    let (_, direct) = wire::decode(status, &HeaderMap::new(), body).unwrap();
    for &via in Dialect::ALL {
        let there = wire::convert(status, &HeaderMap::new(), body, via).unwrap();
        let back = wire::convert(Some(there.status()), there.headers(), there.body(), Dialect::Canonical).unwrap();
        let (_, round) = wire::decode(Some(back.status()), back.headers(), back.body()).unwrap();
        assert_eq!(round.status(), direct.status(), "via {via}");
        assert_eq!(round.code(), direct.code(), "via {via}");
    }
}

/// DRF names fields at the top level, beside its own members: a field named
/// like a member of another shape still reads back as a field.
#[test]
fn drf_fields_named_like_members_read_back() {
    for name in ["title", "status", "type", "code", "message", "detail", "instance", "timestamp", "success"] {
        let err = ApiError::invalid_argument("Invalid input.")
            .with_field(FieldViolation::new(name, "This field is required."));
        let res = Dialect::Drf.encode(&err);
        let (dialect, back) = wire::decode(Some(res.status()), res.headers(), res.body())
            .unwrap_or_else(|e| panic!("{name}: {e}: {}", String::from_utf8_lossy(res.body())));
        assert_eq!(dialect, Dialect::Drf, "{name}");
        assert_eq!(back.fields()[0].field, name, "{name}");
        assert_eq!(back.code(), err.code(), "{name}");
    }
}

/// Regressions found by fuzzing `decode_roundtrip`: a second trip through a
/// dialect writes the same body as the first.
#[test]
fn a_second_trip_changes_nothing() {
    let bodies: &[&[u8]] = &[
        // A bare body whose details hold a `<type>Id` extension: in the flat
        // shape, without a resource, it would read back as the resource.
        br#"{"success": false, "er{or": "x", "code": "DUPLICATEjwt_EMAIL", "details": {"email": "a@b.c", "existingLeadId": "lead_1", "message": "m"}}"#,
        // A resource whose kind has no `<type>Id` form that reads back.
        br#"{"type": "about:blank", "status": 404, "code": "NOT_FOUND", "resource": {"type": "lUNAUTH@x", "id": "l_1"}}"#,
        br#"{"type": "about:blank", "status": 409, "code": "CONFLICT", "resource": {"type": "Lead", "id": "l_1"}}"#,
        // An extension named like a typed member of canonical details.
        br#"{"type": "about:blank", "status": 404, "code": "NOT_FOUND", "resource": 403}"#,
        // A body of shapes that coincide (nested, detail-list, Azure), with a status that is no error.
        br#"{ "error": { "code": "NOT_FOUND", "status": 200, "message": "Lead not found" } }"#,
        // A field-map body whose fields, written by DRF, are named like other shapes' members.
        br#"{"message": "m", "errors": {"details": ["Phone number must not be null."], "meta": ["x"], "name": ["y"]}}"#,
        // A sensitive extension whose value is no string, in Google's string map.
        b"{\"sjwtes{\": false, \"erroR\": \"Human-readablBLE_TY\", \"title\": \"processaf\"}",
        // A float member kept as an extension: written and read back, it is the same number.
        br#"{"type": "about:blank", "status": 502, "detail": "x", "status": 6e86, "code": "BAD_GATEWAY"}"#,
        // DRF fields named `error` and `code`, beside others.
        br#"{"code": ["X"], "details.field": ["y"], "error": ["Hma-sage"], "timesRRip": ["z"]}"#,
        // A number under a sensitive name that reads like a resource member: redacted, it is a string.
        br#"{"status": 400, "dssne2tailRRRRRRRstId": 800, "det6ail": "The rabcdef"}"#,
        // Field names the dotted form must quote, in a body the lenient reader reads.
        br#"{"errors": ["a", "b"], "phon]e": ["c"], "phone": ["d"], "pho ne": ["e"]}"#,
        // A problem body with an extension of the empty name.
        br#"{"type": "about:blank", "status": 404, "": "The requested resource does not exist.", "code": "NOT_FOUND"}"#,
    ];
    for body in bodies {
        let (_, err) = wire::decode(None, &HeaderMap::new(), body).unwrap();
        for &to in Dialect::ALL {
            let first = to.encode(&err);
            let (_, back) = wire::decode(Some(first.status()), first.headers(), first.body()).unwrap();
            assert_eq!(to.encode(&back).body(), first.body(), "{to}: {}", String::from_utf8_lossy(first.body()));
        }
    }
}

/// What the upstream server sent, and the request id, survive a trip from
/// the canonical shape through any dialect and back, where the dialect can
/// carry them (the request id always: the `X-Request-ID` header).
#[test]
fn upstream_codes_and_request_ids_survive_conversion() {
    let google = br#"{"error": {"code": 429, "message": "Quota exceeded.", "status": "RESOURCE_EXHAUSTED",
        "details": [{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "RATE_LIMIT_EXCEEDED", "domain": "googleapis.com"},
                    {"@type": "type.googleapis.com/google.rpc.RequestInfo", "requestId": "req_g1"}]}}"#;
    let (_, err) = wire::decode(Some(StatusCode::TOO_MANY_REQUESTS), &HeaderMap::new(), google).unwrap();
    let canonical = Dialect::Canonical.encode(&err);
    let carriers =
        [Dialect::Canonical, Dialect::Problem, Dialect::JsonApi, Dialect::Azure, Dialect::Stripe, Dialect::GraphQl];
    for &via in Dialect::ALL {
        let there = wire::convert(Some(canonical.status()), canonical.headers(), canonical.body(), via).unwrap();
        let back = wire::convert(Some(there.status()), there.headers(), there.body(), Dialect::Canonical).unwrap();
        let (_, round) = wire::decode(Some(back.status()), back.headers(), back.body()).unwrap();
        assert_eq!(round.request_id(), Some("req_g1"), "via {via}");
        if carriers.contains(&via) {
            let upstream = round.upstream().unwrap();
            assert_eq!(upstream.codes, ["RESOURCE_EXHAUSTED", "RATE_LIMIT_EXCEEDED"], "via {via}");
            assert_eq!(upstream.dialect.as_deref(), Some("google"), "via {via}");
        }
    }
}

/// Google's typed details are read into typed details, and written back:
/// by the Google shape as typed details, by the canonical shape as members.
#[test]
fn google_typed_details_round_trip() {
    let body = r#"{"error": {"code": 429, "message": "Quota exceeded.", "status": "RESOURCE_EXHAUSTED", "details": [
        {"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "QUOTA", "domain": "example.com", "metadata": {"service": "x", "limit": "10"}},
        {"@type": "type.googleapis.com/google.rpc.QuotaFailure", "violations": [{"subject": "project:1", "description": "Daily limit"}]},
        {"@type": "type.googleapis.com/google.rpc.PreconditionFailure", "violations": [{"type": "TOS", "subject": "google.com/cloud", "description": "Terms not accepted"}]},
        {"@type": "type.googleapis.com/google.rpc.Help", "links": [{"description": "Quotas", "url": "https://example.com/quotas"}]},
        {"@type": "type.googleapis.com/google.rpc.LocalizedMessage", "locale": "fr-FR", "message": "Quota dépassé."}]}}"#;
    let (_, err) = wire::decode(Some(StatusCode::TOO_MANY_REQUESTS), &HeaderMap::new(), body.as_bytes()).unwrap();
    let d = err.details();
    assert_eq!(d.quota_violations[0].subject, "project:1");
    assert_eq!(d.precondition_violations[0].kind, "TOS");
    assert_eq!(d.help[0].url, "https://example.com/quotas");
    assert_eq!(d.localized_message.as_ref().unwrap().message, "Quota dépassé.");
    assert_eq!(d.extensions["service"], "x");
    for via in [Dialect::Google, Dialect::Canonical, Dialect::Nested, Dialect::Flat, Dialect::Bare] {
        let res = via.encode(&err);
        let (_, back) = wire::decode(Some(res.status()), res.headers(), res.body()).unwrap();
        assert_eq!(back.details().help, d.help, "via {via}");
        assert_eq!(back.details().localized_message, d.localized_message, "via {via}");
        assert_eq!(back.details().quota_violations, d.quota_violations, "via {via}");
        assert_eq!(back.details().precondition_violations, d.precondition_violations, "via {via}");
    }
    // ErrorInfo's metadata is a map of strings: other values are written as their JSON text.
    let err = err.with_extension("limits", serde_json::json!({"per_day": 10}));
    let res = Dialect::Google.encode(&err);
    let body: serde_json::Value = serde_json::from_slice(res.body()).unwrap();
    assert_eq!(body["error"]["details"][0]["metadata"]["limits"], r#"{"per_day":10}"#);
}
