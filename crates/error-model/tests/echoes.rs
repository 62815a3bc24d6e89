//! What an error echoes back from a request stays bounded: a rejected
//! value, a resource id, an extension value and a field path are cut
//! visibly at `MAX_ECHO_BYTES`; an error keeps at most
//! `MAX_FIELD_VIOLATIONS` violations and states how many it left out, in
//! every dialect; so the body of one error is bounded whatever the request.

use error_model::limits::{MAX_ECHO_BYTES, MAX_FIELD_VIOLATIONS};
use error_model::wire::{self, Dialect};
use error_model::{ApiError, ErrorCode, FieldViolation, OMITTED_FIELDS, ResourceRef};
use serde_json::json;

/// The longest an echoed string may be: the cap and the ellipsis.
const ECHO_MAX: usize = MAX_ECHO_BYTES + '…'.len_utf8();

fn bodies(err: &ApiError) -> Vec<(Dialect, String)> {
    Dialect::ALL.iter().map(|&d| (d, String::from_utf8(d.encode(err).into_body()).unwrap())).collect()
}

#[test]
fn a_long_rejected_value_is_cut_visibly() {
    let long = "a".repeat(10_000) + "@example.com";
    let err = ApiError::new(ErrorCode::ValidationError)
        .with_field(FieldViolation::new("email", "Must be a valid email address").with_rejected_value(long.clone()));
    let kept = err.fields()[0].rejected_value.as_ref().and_then(|v| v.as_str()).unwrap();
    assert!(kept.len() <= ECHO_MAX && kept.ends_with('…'), "{} bytes", kept.len());
    for (dialect, body) in bodies(&err) {
        assert!(!body.contains(&long) && body.len() < 2 * ECHO_MAX + 1024, "{dialect}: {} bytes", body.len());
    }
    // A large structured value becomes its JSON text, cut.
    let err = ApiError::new(ErrorCode::ValidationError)
        .with_field(FieldViolation::new("tags", "Too many.").with_rejected_value(json!(vec!["tag"; 5000])));
    let kept = err.fields()[0].rejected_value.as_ref().and_then(|v| v.as_str()).unwrap();
    assert!(kept.starts_with("[\"tag\",") && kept.ends_with('…') && kept.len() <= ECHO_MAX, "{kept}");
}

#[test]
fn a_long_resource_id_is_cut_visibly() {
    let id = "x".repeat(60_000);
    let err = ApiError::new(ErrorCode::NotFound).with_resource(ResourceRef::new("lead", id.clone()));
    let kept = err.details().resource.as_ref().and_then(|r| r.id.as_deref()).unwrap();
    assert!(kept.len() <= ECHO_MAX && kept.ends_with('…'));
    for (dialect, body) in bodies(&err) {
        assert!(body.len() < ECHO_MAX + 1024, "{dialect}: {} bytes", body.len());
    }
}

#[test]
fn a_long_extension_value_is_cut_visibly() {
    let err = ApiError::new(ErrorCode::Conflict)
        .with_extension("hint", "h".repeat(20_000))
        .with_extension("seen", json!({"items": vec![1; 10_000]}));
    for key in ["hint", "seen"] {
        let kept = err.details().extensions[key].as_str().unwrap();
        assert!(kept.len() <= ECHO_MAX && kept.ends_with('…'), "{key}");
    }
    for (dialect, body) in bodies(&err) {
        assert!(body.len() < 2 * ECHO_MAX + 1024, "{dialect}: {} bytes", body.len());
    }
}

#[test]
fn an_error_keeps_a_bounded_number_of_violations_and_says_how_many_it_left_out() {
    // A bulk request of 1,000 items, each with a long path and value.
    let err = (0..1000).fold(ApiError::new(ErrorCode::ValidationError), |err, i| {
        err.with_field(
            FieldViolation::new(format!("leads.{i}.{}", "k".repeat(1000)), "Must be a valid email address")
                .with_rejected_value("e".repeat(550)),
        )
    });
    assert_eq!(err.fields().len(), MAX_FIELD_VIOLATIONS);
    assert!(err.fields().iter().all(|v| v.field.len() <= ECHO_MAX));
    let omitted = (1000 - MAX_FIELD_VIOLATIONS) as u64;
    assert_eq!(err.details().extensions[OMITTED_FIELDS], omitted);
    // Each violation writes at most a path, a pointer, a message and a value.
    let bound = MAX_FIELD_VIOLATIONS * (4 * ECHO_MAX + 200) + 2048;
    let missing: Vec<String> = bodies(&err)
        .into_iter()
        .filter(|(_, body)| {
            // As a member where the shape carries extensions; else as a
            // sentence (in the message, or DRF's `non_field_errors`).
            !body.contains(&format!("\"{OMITTED_FIELDS}\":{omitted}"))
                && !body.contains(&format!("{omitted} more field errors omitted."))
        })
        .map(|(d, body)| format!("{d}: {}", &body[..body.len().min(300)]))
        .collect();
    assert!(missing.is_empty(), "{}", missing.join("\n"));
    for (dialect, body) in bodies(&err) {
        assert!(body.len() < bound, "{dialect}: {} bytes", body.len());
        let res = dialect.encode(&err);
        let (_, back) = wire::decode(Some(res.status()), res.headers(), res.body()).unwrap();
        let as_member = back.details().extensions.get(OMITTED_FIELDS) == Some(&json!(omitted));
        let note = format!("{omitted} more field errors omitted.");
        let as_sentence = back.message().contains(&note) || back.fields().iter().any(|v| v.message == note);
        assert!(as_member || as_sentence, "{dialect}: the count is lost on reading");
        // And a second trip writes the same body.
        assert_eq!(dialect.encode(&back).body(), res.body(), "{dialect}");
    }
}
