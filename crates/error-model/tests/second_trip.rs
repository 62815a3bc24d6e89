//! A second trip changes nothing: what the auto-detecting decoder reads,
//! every dialect writes, reads back and writes again byte for byte. The
//! same assertion as the `decode_roundtrip` fuzz target, run on every input
//! it ever failed on (`fuzz/regressions/decode_roundtrip/`, first byte the
//! status pick, the rest the body), on its whole seed corpus, and on every
//! body of other APIs in the corpora `fixtures/corpora.txt` lists
//! (`fixtures/foreign/`, `fixtures/wild/` and the rest) with every status.

mod corpus;

use std::path::{Path, PathBuf};

use error_model::wire::{self, Dialect};
use http::{HeaderMap, StatusCode};

/// The fuzz target's statuses, picked by the input's first byte.
const STATUSES: [Option<u16>; 8] = [None, Some(400), Some(404), Some(422), Some(429), Some(500), Some(503), Some(200)];

fn round_trips(data: &[u8]) -> Result<(), String> {
    let Some((&pick, body)) = data.split_first() else { return Ok(()) };
    let status = STATUSES[usize::from(pick) % STATUSES.len()].and_then(|s| StatusCode::from_u16(s).ok());
    let Ok((_, err)) = wire::decode(status, &HeaderMap::new(), body) else { return Ok(()) };
    for &to in Dialect::ALL {
        // The one name DRF cannot write a field under so that it reads back
        // as that field: a list of texts under `errors` is Rails' list of
        // messages (`a_drf_field_named_like_a_member_reads_back`).
        if to == Dialect::Drf && err.fields().iter().any(|v| v.field == "errors") {
            continue;
        }
        let res = to.encode(&err);
        let (_, back) = wire::decode(Some(res.status()), res.headers(), res.body())
            .map_err(|e| format!("{to} cannot read what it wrote: {e}"))?;
        let again = to.encode(&back);
        if again.status() != res.status() || again.body() != res.body() {
            return Err(format!(
                "{to}: a second trip changed the body\n first: {}\nsecond: {}",
                String::from_utf8_lossy(res.body()),
                String::from_utf8_lossy(again.body())
            ));
        }
    }
    Ok(())
}

fn files(dir: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(dir);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

#[test]
fn fuzz_findings_round_trip() {
    let found = files("fuzz/regressions/decode_roundtrip");
    assert!(found.len() >= 2);
    let failures: Vec<String> = found
        .iter()
        .filter_map(|f| round_trips(&std::fs::read(f).unwrap()).err().map(|e| format!("{}: {e}", f.display())))
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The bodies (not the `.meta.json` files) under `dir`, at any depth.
fn bodies(dir: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut todo = files(dir);
    while let Some(path) = todo.pop() {
        if path.is_dir() {
            let mut inner: Vec<PathBuf> = std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()).collect();
            inner.sort();
            todo.extend(inner);
        } else {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            if name.ends_with(".json") && !name.ends_with(".meta.json") {
                out.push(path);
            }
        }
    }
    out
}

/// An error built here, not read, whose extension is a list or an object (a
/// service's `warnings`, or one that looks like another API's field errors):
/// every shape that writes extensions beside its own list of field problems
/// says it has none (`"fields": []`), so that a reader does not take the
/// extension for them (fuzzing found the nested shape's).
#[test]
fn list_extensions_round_trip() {
    let values = [
        r#"[{"message": "m"}]"#,
        r#"[{"field": "a", "message": "m"}]"#,
        r#"[{"message": "m", "code": "C"}]"#,
        r#"[{"error": "E", "description": "d"}]"#,
        r#"["a", "b"]"#,
        r#"[[{"message": "m"}]]"#,
        r#"{"a": [{"message": "m"}]}"#,
        r#"{"a": ["m"]}"#,
        r#"{"field": "a", "message": "m"}"#,
        r#"{"code": "X", "message": "m"}"#,
        // The shapes the fifteenth round's rules read.
        r#"[{"name": "age", "reason": "too small"}]"#,
        r#"{"a": {"messages": ["m", "n"]}}"#,
        r#"{"E1": {"code": "E1", "message": "m"}}"#,
        r#"{"a": {"loc": ["body", "a"], "msg": "m", "type": "missing"}}"#,
        r#"{"a": {"b": ["m"]}}"#,
        r#"["invalid-input", "timeout"]"#,
    ];
    let mut failures = Vec::new();
    for name in [
        "ns",
        "error-codes",
        "extraDetails",
        "message",
        "metadata",
        "errors",
        "email",
        "warnings",
        "fields",
        "issues",
        "detail",
        "invalidFields",
        "TraceId",
        "Request-Id",
        "applicationError",
    ] {
        for v in values {
            let value: serde_json::Value = serde_json::from_str(v).unwrap();
            let err = error_model::ApiError::invalid_argument("Invalid").with_extension(name, value);
            for &to in Dialect::ALL {
                let res = to.encode(&err);
                let (_, back) = wire::decode(Some(res.status()), res.headers(), res.body()).unwrap();
                if to.encode(&back).body() != res.body() {
                    failures.push(format!("{to}, {name}: {v}: {}", String::from_utf8_lossy(res.body())));
                }
            }
        }
    }
    // Flat writes a resource under its key (`leadId`), and skips an
    // extension of that name: it does not count as one written beside.
    let mut details = error_model::Details::default();
    details.resource = Some(error_model::ResourceRef::new("lead", "lead_1"));
    details.extensions.insert("leadId".to_owned(), serde_json::json!({"a": [1]}));
    let err = error_model::ApiError::not_found("No lead").with_details(details);
    let res = Dialect::Flat.encode(&err);
    let (_, back) = wire::decode(Some(res.status()), res.headers(), res.body()).unwrap();
    if Dialect::Flat.encode(&back).body() != res.body() {
        failures.push(format!("flat, leadId: {}", String::from_utf8_lossy(res.body())));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The read side of [`list_extensions_round_trip`]: a body's own list of
/// field problems, even an empty one, says its other members are none; without
/// it, other APIs' lists under other names are read as field errors.
#[test]
fn an_own_empty_list_says_there_are_no_field_errors() {
    let bodies = [
        (
            Dialect::Problem,
            r#"{"type": "about:blank", "title": "Bad Request", "status": 400, "detail": "Invalid", "invalidFields": [{"field": "a", "message": "m"}]}"#,
        ),
        (
            Dialect::Stripe,
            r#"{"error": {"type": "invalid_request_error", "message": "Invalid", "validation_errors": [{"field": "a", "message": "m"}]}}"#,
        ),
    ];
    for (dialect, body) in bodies {
        let (shape, err) = wire::decode(Some(StatusCode::BAD_REQUEST), &HeaderMap::new(), body.as_bytes()).unwrap();
        assert_eq!(shape.dialect(), Some(dialect));
        assert_eq!(err.fields().len(), 1, "{body}");
        let said = match dialect {
            Dialect::Problem => body.replacen(r#""detail": "Invalid","#, r#""detail": "Invalid", "errors": [],"#, 1),
            _ => body.replacen(r#""message": "Invalid","#, r#""message": "Invalid", "fields": [],"#, 1),
        };
        let (shape, err) = wire::decode(Some(StatusCode::BAD_REQUEST), &HeaderMap::new(), said.as_bytes()).unwrap();
        assert_eq!(shape.dialect(), Some(dialect));
        assert!(err.fields().is_empty(), "{said}");
        assert!(!err.details().extensions.is_empty(), "{said}");
    }
}

/// A code that is a reason phrase reads alike through every shape. `OK` is
/// no error status's phrase: built here, it reads back as `OK` everywhere
/// (proptest found Google keeping it and the canonical shape dropping it).
/// `Conflict` is what a 409 says: every shape reads it as no code, so the
/// status gives the code, and a trip through one shape and then another
/// gives what a trip through the first alone gives.
#[test]
fn a_code_that_is_a_phrase_reads_alike_in_every_shape() {
    use error_model::{ApiError, Code};
    let ok = ApiError::with_status(Code::new("OK"), StatusCode::BAD_REQUEST);
    let conflict = ApiError::with_status(Code::new("Conflict"), StatusCode::CONFLICT);
    let read = |to: Dialect, err: &ApiError| {
        let res = to.encode(err);
        wire::decode(Some(res.status()), res.headers(), res.body()).unwrap().1
    };
    for &a in Dialect::ALL {
        assert_eq!(read(a, &ok).code().as_str(), "OK", "{a}");
        let direct = read(a, &conflict);
        assert_eq!(direct.code(), &Code::from(error_model::ErrorCode::Conflict), "{a}");
        for &b in Dialect::ALL {
            assert_eq!(read(b, &read(a, &ok)).code().as_str(), "OK", "{a} then {b}");
            assert_eq!(read(a, &read(b, &direct)).code(), direct.code(), "{a} then {b}");
        }
    }
}

/// An extension named like a body's retry hint is not written, as one named
/// like a request id is not: read back, it would be the error's retry hint.
/// The error's own hint, or none, reads back in every shape.
#[test]
fn an_extension_named_like_a_retry_hint_is_not_the_hint() {
    use error_model::{ApiError, ErrorCode};
    for name in ["retry_after", "retryAfter", "retry_after_ms", "retryInMs", "retryDelay", "backoff", "estimated_time"]
    {
        for own in [None, Some(7)] {
            let mut err = ApiError::new(ErrorCode::RateLimitExceeded).with_extension(name, serde_json::json!(5000));
            if let Some(secs) = own {
                err = err.with_retry_after(secs);
            }
            for &to in Dialect::ALL {
                let res = to.encode(&err);
                let (_, back) = wire::decode(Some(res.status()), res.headers(), res.body()).unwrap();
                assert_eq!(back.retry_after(), own, "{to}, {name}: {}", String::from_utf8_lossy(res.body()));
            }
        }
    }
}

/// Every dialect reads back an error built here whatever extension it has:
/// 50 names the readers give a role (codes, messages, field errors, request
/// ids, retry hints, RFC 9457's members) × 11 kinds of value, on an error
/// with a message, one with a request id too, and one with a field problem.
/// What comes back is the error's code, status, message (where the shape
/// carries it), field problems, retry hint and request id: never one an
/// extension made up. It fails without two of its fixes: `retryAfter`
/// read back as the retry hint, and RFC 9457's `instance` (a bare token, on
/// an error without a request id) as the request id.
#[test]
fn no_extension_reads_back_as_a_member() {
    use error_model::{ApiError, ErrorCode, FieldViolation};
    use serde_json::json;
    let names = [
        "code",
        "error_code",
        "errorCode",
        "message",
        "msg",
        "error_description",
        "description",
        "detail",
        "details",
        "title",
        "type",
        "status",
        "statusCode",
        "instance",
        "errors",
        "error",
        "fields",
        "violations",
        "invalid_params",
        "field",
        "param",
        "reason",
        "meta",
        "data",
        "links",
        "documentation_url",
        "help",
        "hint",
        "retryAfter",
        "backoff_seconds",
        "waitMs",
        "request_id",
        "traceId",
        "correlation_id",
        "event_id",
        "logRef",
        "timestamp",
        "id",
        "path",
        "target",
        "innererror",
        "result",
        "success",
        "ok",
        "kind",
        "subcode",
        "context",
        "extra",
        "causes",
        "_embedded",
    ];
    let values = [
        json!("Something went wrong here"),
        json!("INVALID_THING"),
        json!(42),
        json!(["one message"]),
        json!([{"field": "x", "message": "bad"}]),
        json!({"code": "E1", "message": "inner"}),
        json!({"x": ["bad"]}),
        json!(true),
        json!(null),
        json!("https://example.com/p/x"),
        json!(1_700_000_000),
    ];
    let mut failures = Vec::new();
    for name in names {
        for value in &values {
            let errors = [
                ApiError::new(ErrorCode::NotFound).with_message("Lead not found"),
                ApiError::new(ErrorCode::NotFound).with_message("Lead not found").with_request_id("req_123456"),
                ApiError::new(ErrorCode::ValidationError)
                    .with_message("Invalid")
                    .with_field(FieldViolation::new("email", "Must be valid")),
            ];
            for err in errors.map(|e| e.with_extension(name, value.clone())) {
                for &to in Dialect::ALL {
                    let res = to.encode(&err);
                    let body = String::from_utf8_lossy(res.body());
                    let Ok((_, back)) = wire::decode(Some(res.status()), res.headers(), res.body()) else {
                        failures.push(format!("{to}: unreadable: {body}"));
                        continue;
                    };
                    let pointers = |e: &ApiError| e.fields().iter().map(|v| v.pointer.clone()).collect::<Vec<_>>();
                    // DRF writes the message only when there are no field problems.
                    let message_carried = to != Dialect::Drf || err.fields().is_empty();
                    let same = back.code() == err.code()
                        && back.status() == err.status()
                        && (!message_carried || back.message() == err.message())
                        && pointers(&back) == pointers(&err)
                        && back.retry_after() == err.retry_after()
                        && back.request_id() == err.request_id();
                    if !same {
                        failures.push(format!("{to}, {name} = {value}: {body}"));
                    }
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn seed_corpus_round_trips_with_every_status() {
    for f in files("fuzz/corpus/decode_roundtrip") {
        let data = std::fs::read(&f).unwrap();
        let body = data.get(1..).unwrap_or_default();
        for pick in 0..STATUSES.len() as u8 {
            let data = [&[pick][..], body].concat();
            if let Err(e) = round_trips(&data) {
                panic!("{} (status pick {pick}): {e}", f.display());
            }
        }
    }
}

#[test]
fn other_apis_bodies_round_trip_with_every_status() {
    let dirs: Vec<String> = corpus::corpora().into_iter().map(|c| format!("fixtures/{c}")).collect();
    let all: Vec<PathBuf> = dirs.iter().flat_map(|d| bodies(d)).collect();
    assert!(all.len() >= 130, "{} bodies", all.len());
    for f in all {
        let body = std::fs::read(&f).unwrap();
        for pick in 0..STATUSES.len() as u8 {
            let data = [&[pick][..], &body].concat();
            if let Err(e) = round_trips(&data) {
                panic!("{} (status pick {pick}): {e}", f.display());
            }
        }
    }
}

/// DRF writes field errors as members named by their field: a field named
/// like another shape's member reads back as that field, `details` too
/// (fuzzing found it read as nothing). The one exception is `errors`: a lone
/// list of texts under it is Rails' list of messages, as many APIs send it.
#[test]
fn a_drf_field_named_like_a_member_reads_back() {
    use error_model::{ApiError, Code, ErrorCode, FieldViolation};
    let names = [
        "message",
        "error",
        "details",
        "detail",
        "title",
        "type",
        "status",
        "code",
        "data",
        "meta",
        "request_id",
        "retry_after",
        "fields",
        "issues",
        "instance",
        "documentation_url",
        "extensions",
        "msg",
        "description",
    ];
    let trip = |err: &ApiError| {
        let res = Dialect::Drf.encode(err);
        wire::decode(Some(res.status()), res.headers(), res.body()).unwrap().1
    };
    let read = |name: &str| {
        trip(&ApiError::new(ErrorCode::ValidationError).with_field(FieldViolation::new(name, "Must be set")))
    };
    let fields = |e: &ApiError| e.fields().iter().map(|v| (v.field.clone(), v.message.clone())).collect::<Vec<_>>();
    for name in names {
        let alone = ApiError::new(ErrorCode::ValidationError).with_field(FieldViolation::new(name, "Must be set"));
        assert_eq!(fields(&read(name)), fields(&alone), "{name}");
        // Beside another field, with a code the status does not imply, which
        // DRF writes as `code` (fuzzing found `meta` so read as nothing, and
        // `details` was too).
        let beside = ApiError::with_status(Code::new("FORM_INVALID"), StatusCode::BAD_REQUEST)
            .with_field(FieldViolation::new("a", "Too long"))
            .with_field(FieldViolation::new(name, "Must be set"));
        let back = trip(&beside);
        assert_eq!(fields(&back), fields(&beside), "{name}");
        // A field named `code` wins over the code, which the status then implies.
        if name != "code" {
            assert_eq!(back.code(), beside.code(), "{name}");
        }
    }
    let rails = read("errors");
    assert!(rails.fields().is_empty());
    assert_eq!(rails.message(), "Must be set");
}

/// A top-level member no shape reads (`ok`, a vendor's `jsonapi`) is kept
/// as an extension of the decoded error in every shape, whether the shape
/// is named or detected, and reads back after the error is written again
/// (a string: Google's metadata holds strings only);
/// an extension of the same name in the shape's own free-form place wins.
#[test]
fn a_top_level_member_the_shape_does_not_read_is_kept() {
    use error_model::{ApiError, ErrorCode};
    use http::HeaderMap;
    use serde_json::{Value, json};
    let err = ApiError::new(ErrorCode::NotFound).with_message("No such lead.");
    let own = err.clone().with_extension("vendor_note", json!("own"));
    // DRF reads every top-level member: its field errors.
    for &dialect in Dialect::ALL.iter().filter(|&&d| d != Dialect::Drf) {
        let add = |body: Vec<u8>| {
            let mut v: Value = serde_json::from_slice(&body).unwrap();
            let o = v.as_object_mut()?;
            o.insert("vendor_note".into(), json!("kept"));
            Some(serde_json::to_vec(&v).unwrap())
        };
        let Some(body) = add(dialect.body(&err)) else { continue };
        let read = dialect.decode(Some(err.status()), &HeaderMap::new(), &body).unwrap();
        assert_eq!(read.details().extensions.get("vendor_note"), Some(&json!("kept")), "{dialect}");
        // Detected as any shape (a lone message beside a member no shape
        // knows is another API's body, the lenient reader's).
        let (shape, detected) = wire::decode(Some(err.status()), &HeaderMap::new(), &body).unwrap();
        if !shape.is_lenient() {
            assert_eq!(
                detected.details().extensions.get("vendor_note"),
                Some(&json!("kept")),
                "{dialect}: detected as {shape:?}"
            );
        }
        // Shapes with no place for extensions (field-map's) write none.
        if !String::from_utf8(dialect.body(&own)).unwrap().contains("\"vendor_note\"") {
            continue;
        }
        let again = dialect.decode(Some(err.status()), &HeaderMap::new(), &dialect.body(&read)).unwrap();
        assert_eq!(again.details().extensions.get("vendor_note"), Some(&json!("kept")), "{dialect}: again");
        // The shape's own place for extensions holds one of the name: it wins
        // (RFC 9457's own place is the top level, where the last one counts).
        if dialect != Dialect::Problem {
            let body = add(dialect.body(&own)).unwrap();
            let read = dialect.decode(Some(err.status()), &HeaderMap::new(), &body).unwrap();
            assert_eq!(read.details().extensions.get("vendor_note"), Some(&json!("own")), "{dialect}: own");
        }
    }
}
