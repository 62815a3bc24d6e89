//! Encoding stays linear in the number of field violations, whatever their
//! names: distinct names (`f0` ... `f199999`, the set that once crowded a
//! hand-written hash into a few hundred buckets), one name repeated (one
//! long group), and the nested paths a bulk request produces.
//!
//! The check is a ratio of two times measured in the same run (ten times
//! the fields must cost less than thirty times the time: linear is ten,
//! quadratic a hundred), each the best of three. On Unix the times are the
//! measuring thread's own CPU time, which other processes on a loaded
//! machine do not inflate; elsewhere, wall time. The absolute speed lives in `benches/encode.rs`
//! (`linear` group, up to 1,000,000 fields).
//!
//! Decoding is checked the same way where a body can make a decoder repeat
//! work: long error lists, repeated members.

use std::time::Duration;

use error_model::wire::{self, Dialect};
use error_model::{ApiError, Details, ErrorCode, FieldViolation, Limits};

const SMALL: usize = 4_000;
const LARGE: usize = 40_000;

/// An error with `n` violations, set as details directly: `with_field`
/// keeps at most `MAX_FIELD_VIOLATIONS`, but an error decoded with raised
/// limits, or built from `Details`, may hold any number, and every encoder
/// must stay linear in it.
fn error(n: usize, name: impl Fn(usize) -> String) -> ApiError {
    let mut details = Details::default();
    details.fields = (0..n).map(|i| FieldViolation::new(name(i), "must be set")).collect();
    ApiError::new(ErrorCode::ValidationError).with_details(details)
}

/// The CPU time this thread has used.
#[cfg(unix)]
fn now() -> Duration {
    let mut t = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `t` is a valid timespec for the call to write.
    let ok = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) } == 0;
    assert!(ok, "clock_gettime(CLOCK_THREAD_CPUTIME_ID)");
    Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
}

/// Wall time since the first call, where there is no thread CPU clock.
#[cfg(not(unix))]
fn now() -> Duration {
    static START: std::sync::LazyLock<std::time::Instant> = std::sync::LazyLock::new(std::time::Instant::now);
    START.elapsed()
}

fn best_of_three(dialect: Dialect, err: &ApiError) -> Duration {
    let mut out = Vec::with_capacity(1 << 20);
    (0..3)
        .map(|_| {
            out.clear();
            let start = now();
            dialect.encode_into(err, &mut out);
            now() - start
        })
        .min()
        .unwrap_or_default()
}

/// A named way to key the `i`th field problem.
type KeySet = (&'static str, fn(usize) -> String);

#[test]
fn every_dialect_encodes_in_linear_time_for_every_key_set() {
    let key_sets: [KeySet; 3] = [
        ("distinct", |i| format!("f{i}")),
        ("one field", |_| "email".to_owned()),
        ("bulk paths", |i| format!("/items/{}/fields/{}", i / 7, i % 7)),
    ];
    for (name, key) in key_sets {
        let (small, large) = (error(SMALL, key), error(LARGE, key));
        for &dialect in Dialect::ALL {
            // Warm up (first allocations, page faults) before measuring.
            best_of_three(dialect, &small);
            let (t_small, t_large) = (best_of_three(dialect, &small), best_of_three(dialect, &large));
            let ratio = t_large.as_secs_f64() / t_small.as_secs_f64().max(1e-9);
            assert!(
                ratio < 30.0,
                "{dialect:?}, {name}: {LARGE} fields took {ratio:.1}x the time of {SMALL} ({t_large:?} vs {t_small:?})"
            );
        }
    }
}

/// Decoding bodies of `SMALL / 2` and `LARGE / 2` units (`body(n)`) takes
/// less than 30 times as long for the larger: linear, not quadratic. Each
/// decode is checked (`check`), each time the best of three.
fn assert_decodes_in_linear_time(what: &str, body: impl Fn(usize) -> Vec<u8>, check: impl Fn(wire::Shape)) {
    let mut limits = Limits::default();
    limits.max_body_bytes = 8 << 20;
    let time = |b: &[u8]| {
        (0..3)
            .map(|_| {
                let start = now();
                let (shape, _) = wire::decode_with(None, &http::HeaderMap::new(), b, &limits).unwrap();
                check(shape);
                now() - start
            })
            .min()
            .unwrap_or_default()
    };
    let (small, large) = (body(SMALL / 2), body(LARGE / 2));
    time(&small);
    let (t_small, t_large) = (time(&small), time(&large));
    let ratio = t_large.as_secs_f64() / t_small.as_secs_f64().max(1e-9);
    assert!(
        ratio < 30.0,
        "{} {what} took {ratio:.1}x the time of {} ({t_large:?} vs {t_small:?})",
        LARGE / 2,
        SMALL / 2
    );
}

/// The lenient reader stays linear in the items of a body's error list,
/// each with its own code and field, as in a bulk request's reply.
#[test]
fn the_lenient_reader_reads_long_error_lists_in_linear_time() {
    let body = |n: usize| {
        let items: Vec<String> =
            (0..n).map(|i| format!(r#"{{"code":"c{i}","field":"f{i}","message":"must be set"}}"#)).collect();
        // `__type` makes it an AWS-shaped body: the lenient reader's.
        format!(r#"{{"__type":"ValidationException","message":"invalid","errors":[{}]}}"#, items.join(",")).into_bytes()
    };
    assert_decodes_in_linear_time("items", body, |shape| assert!(shape.is_lenient()));
}

/// Names read by their words cost one pass over a body's members, however
/// many there are: members whose words name a message, a code, an error
/// object, field errors, a request id or a retry hint, at the top, in the
/// error object, in a field map and in the items of an error list.
#[test]
fn names_read_by_their_words_cost_linear_time() {
    let body = |n: usize| {
        let members: Vec<String> = (0..n)
            .map(|i| match i % 6 {
                0 => format!(r#""m{i}_message":"text {i}""#),
                1 => format!(r#""x{i}Code":"C{i}""#),
                2 => format!(r#""e{i}_event_id":"id{i}""#),
                3 => format!(r#""w{i}_backoff_seconds":{i}"#),
                4 => format!(r#""f{i}":"must be set {i}""#),
                _ => format!(r#""s{i}Error":{{"code":"E{i}","text":"bad {i}"}}"#),
            })
            .collect();
        let fields: Vec<String> = (0..n).map(|i| format!(r#""f{i}":["must be set"]"#)).collect();
        let items: Vec<String> =
            (0..n).map(|i| format!(r#"{{"errorCode":"E{i}","param":"p{i}","message":"bad"}}"#)).collect();
        format!(
            r#"{{"requestError":{{"serviceException":{{{},"field-errors":{{{}}},"params":[{}]}}}}}}"#,
            members.join(","),
            fields.join(","),
            items.join(",")
        )
        .into_bytes()
    };
    assert_decodes_in_linear_time("members named by their words", body, |shape| assert!(shape.is_lenient()));
}

/// A member repeated throughout an object (a hostile key set) costs one
/// pass, however often it comes: bare's issue objects keep the last.
#[test]
fn repeated_members_of_an_issue_cost_linear_time() {
    let body = |n: usize| {
        let others: Vec<String> = (0..n).map(|i| format!(r#""x{i}":1"#)).collect();
        let repeats: Vec<String> = (0..n).map(|_| r#""field":"f""#.to_owned()).collect();
        format!(
            r#"{{"code":"VALIDATION_ERROR","message":"m","details":{{"issues":[{{{},{},"message":"m"}}]}}}}"#,
            others.join(","),
            repeats.join(",")
        )
        .into_bytes()
    };
    assert_decodes_in_linear_time("repeats", body, |_| {});
}

/// Times `wire::decode_with` on `body`, the best of three, checking that it
/// decodes in `expected`; `max_fields` raised so that every item is built.
fn decode_time(body: &[u8], expected: Dialect) -> Duration {
    let mut limits = Limits::default();
    limits.max_body_bytes = 8 << 20;
    limits.max_fields = usize::MAX;
    (0..3)
        .map(|_| {
            let start = now();
            let (shape, _) = wire::decode_with(None, &http::HeaderMap::new(), body, &limits).unwrap();
            assert_eq!(shape, wire::Shape::Dialect(expected));
            now() - start
        })
        .min()
        .unwrap_or_default()
}

/// A body of `n` items.
type Body = fn(usize) -> Vec<u8>;

/// The list dialects keep each code their items sent once: a list of
/// thousands of items, each with a code of its own, costs a pass over them,
/// never a comparison of each code with every other (GitHub's `code`,
/// Google's legacy `reason`, GraphQL's `extensions.code`, JSON:API's `code`).
#[test]
fn distinct_item_codes_cost_linear_time() {
    let bodies: [(Dialect, Body); 4] = [
        (Dialect::GitHub, |n| {
            let items: Vec<String> =
                (0..n).map(|i| format!(r#"{{"resource":"Lead","field":"f{i}","code":"c{i}"}}"#)).collect();
            format!(r#"{{"message":"Validation Failed","errors":[{}]}}"#, items.join(",")).into_bytes()
        }),
        (Dialect::Google, |n| {
            let items: Vec<String> =
                (0..n).map(|i| format!(r#"{{"reason":"r{i}","location":"f{i}","message":"bad"}}"#)).collect();
            format!(
                r#"{{"error":{{"code":400,"message":"Invalid","status":"INVALID_ARGUMENT","errors":[{}]}}}}"#,
                items.join(",")
            )
            .into_bytes()
        }),
        (Dialect::GraphQl, |n| {
            let items: Vec<String> = (0..n)
                .map(|i| format!(r#"{{"message":"must be set","extensions":{{"code":"C{i}","field":"f{i}"}}}}"#))
                .collect();
            format!(r#"{{"errors":[{}],"data":null}}"#, items.join(",")).into_bytes()
        }),
        (Dialect::JsonApi, |n| {
            let items: Vec<String> = (0..n)
                .map(|i| format!(r#"{{"code":"C{i}","detail":"must be set","source":{{"pointer":"/f{i}"}}}}"#))
                .collect();
            format!(r#"{{"errors":[{}]}}"#, items.join(",")).into_bytes()
        }),
    ];
    for (dialect, body) in bodies {
        let (small, large) = (body(SMALL), body(LARGE));
        decode_time(&small, dialect);
        let (t_small, t_large) = (decode_time(&small, dialect), decode_time(&large, dialect));
        let ratio = t_large.as_secs_f64() / t_small.as_secs_f64().max(1e-9);
        assert!(
            ratio < 30.0,
            "{dialect:?}: {LARGE} items took {ratio:.1}x the time of {SMALL} ({t_large:?} vs {t_small:?})"
        );
    }
}

/// The typed decoders that read field errors item by item, in place, stay
/// linear in them: bare's `issues` (each read straight into its
/// violation), detail-list's and Azure's `details` (each item read at the
/// end of its list), DRF's field → messages members (one pass over every
/// field's messages, several per field).
#[test]
fn field_error_lists_decode_in_linear_time() {
    let bodies: [(Dialect, Body); 4] = [
        (Dialect::Bare, |n| {
            let items: Vec<String> =
                (0..n).map(|i| format!(r#"{{"field":"items.{i}.email","message":"must be set"}}"#)).collect();
            format!(r#"{{"code":"VALIDATION_ERROR","message":"m","details":{{"issues":[{}]}}}}"#, items.join(","))
                .into_bytes()
        }),
        (Dialect::DetailList, |n| {
            let items: Vec<String> =
                (0..n).map(|i| format!(r#"{{"field":"items.{i}.email","message":"must be set"}}"#)).collect();
            format!(r#"{{"error":{{"code":"VALIDATION_ERROR","message":"m","details":[{}]}}}}"#, items.join(","))
                .into_bytes()
        }),
        (Dialect::Azure, |n| {
            let items: Vec<String> = (0..n)
                .map(|i| format!(r#"{{"code":"BadArgument","message":"must be set","target":"items.{i}.email"}}"#))
                .collect();
            format!(r#"{{"error":{{"code":"BadArgument","message":"m","details":[{}]}}}}"#, items.join(","))
                .into_bytes()
        }),
        (Dialect::Drf, |n| {
            let members: Vec<String> =
                (0..n).map(|i| format!(r#""f{i}":["must be set","must be an email"]"#)).collect();
            format!("{{{}}}", members.join(",")).into_bytes()
        }),
    ];
    for (dialect, body) in bodies {
        let (small, large) = (body(SMALL), body(LARGE));
        decode_time(&small, dialect);
        let (t_small, t_large) = (decode_time(&small, dialect), decode_time(&large, dialect));
        let ratio = t_large.as_secs_f64() / t_small.as_secs_f64().max(1e-9);
        assert!(
            ratio < 30.0,
            "{dialect:?}: {LARGE} fields took {ratio:.1}x the time of {SMALL} ({t_large:?} vs {t_small:?})"
        );
    }
}

/// A GraphQL item's `extensions` with a member the decoder reads repeated
/// throughout, alternately of its type and of another, beside as many
/// distinct unknown members, costs one pass: each repeat replaces the last.
#[test]
fn repeated_members_of_graphql_extensions_cost_linear_time() {
    let body = |n: usize| {
        let members: Vec<String> = (0..n)
            .map(|i| if i % 2 == 0 { format!(r#""x{i}":1,"code":1"#) } else { r#""code":"A""#.to_owned() })
            .collect();
        format!(r#"{{"errors":[{{"message":"m","extensions":{{{}}}}}],"data":null}}"#, members.join(",")).into_bytes()
    };
    let (small, large) = (body(SMALL), body(LARGE));
    decode_time(&small, Dialect::GraphQl);
    let (t_small, t_large) = (decode_time(&small, Dialect::GraphQl), decode_time(&large, Dialect::GraphQl));
    let ratio = t_large.as_secs_f64() / t_small.as_secs_f64().max(1e-9);
    assert!(ratio < 30.0, "{LARGE} members took {ratio:.1}x the time of {SMALL} ({t_large:?} vs {t_small:?})");
}
