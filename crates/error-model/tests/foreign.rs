//! Real error bodies of other APIs (`fixtures/foreign/<vendor>/`), taken
//! verbatim from their documentation and public issue trackers: every one
//! decodes to an error, at least 95% to exactly what its metadata expects
//! (upstream codes, message, field pointers, retry hint, request id), and
//! snapshots pin the decoded form.

mod corpus;

use corpus::{decode, load, mismatches, observed};
use serde_json::json;

/// The share of the corpus that must decode exactly as expected.
const MIN_MATCHING: f64 = 0.95;

#[test]
fn foreign_bodies_decode_as_expected() {
    let mut total = 0;
    let mut wrong = Vec::new();
    insta::glob!("../../../fixtures/foreign", "*/*.json", |path| {
        if path.to_string_lossy().ends_with(".meta.json") {
            return;
        }
        total += 1;
        let body = load(path);
        let err = decode(&body).unwrap_or_else(|e| panic!("{}: a JSON error body must decode: {e}", path.display()));
        let seen = observed(&err);
        insta::assert_json_snapshot!(json!({ "error": err.envelope(), "observed": seen }));
        let off = mismatches(&body.expect, &seen);
        if !off.is_empty() {
            let name =
                path.strip_prefix(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/foreign")).unwrap_or(path);
            wrong.push(format!("{}: {}", name.display(), off.join("; ")));
        }
    });
    let matching = total - wrong.len();
    eprintln!("{matching} of {total} foreign bodies decode exactly as expected");
    for w in &wrong {
        eprintln!("  {w}");
    }
    assert!(total >= 60, "the corpus has {total} bodies");
    assert!(matching as f64 >= MIN_MATCHING * total as f64, "{matching} of {total} decode as expected");
}
