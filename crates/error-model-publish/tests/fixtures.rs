//! Every fixture under `fixtures/<dialect>/`: detected as its dialect, decoded
//! into the canonical form (pinned by an insta snapshot), re-encoded in its
//! own dialect into the same JSON, and valid against its dialect's schema.
//!
//! A fixture is `<name>.json`, the payload as documented, beside
//! `<name>.meta.json`: `status` (the HTTP status its document gives, or
//! null), optional `headers`, `omits` (members the shape defines that the
//! example leaves out, as JSON Pointer → value; a pointer into a list
//! inserts an item there), `empty` (empty members the
//! encoder leaves out), `lossy` (why re-encoding cannot give the same JSON;
//! the test then checks that decoding is stable instead), `order` (why the
//! members cannot come back in the example's order; without it, and without
//! `omits` and `empty`, re-encoding gives the example byte for byte, white
//! space aside). Invalid fixtures
//! live under `fixtures/invalid/` and are checked by `invalid_fixtures_fail`.

use std::path::Path;

use error_model::ApiError;
use error_model::wire::{self, Dialect};
use error_model_publish::schema::dialect_schema;
use http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use serde_json::{Value, json};

struct Fixture {
    dialect: Dialect,
    body: Vec<u8>,
    meta: Value,
    status: Option<StatusCode>,
    headers: HeaderMap,
}

fn load(path: &Path) -> Fixture {
    let dir = path.parent().unwrap().file_name().unwrap().to_str().unwrap();
    let dialect = Dialect::from_name(dir).unwrap_or_else(|| panic!("{dir} is not a dialect name"));
    let body = std::fs::read(path).unwrap();
    let meta_path = path.with_extension("meta.json");
    let meta: Value = serde_json::from_slice(&std::fs::read(&meta_path).unwrap()).unwrap();
    let status = meta["status"].as_u64().map(|s| StatusCode::from_u16(s as u16).unwrap());
    let mut headers = HeaderMap::new();
    for (k, v) in meta["headers"].as_object().into_iter().flatten() {
        headers
            .insert(HeaderName::from_bytes(k.as_bytes()).unwrap(), HeaderValue::from_str(v.as_str().unwrap()).unwrap());
    }
    Fixture { dialect, body, meta, status, headers }
}

/// A dialect's example: not metadata, not `fixtures/invalid/`, and not in a
/// corpus of other APIs' bodies (`fixtures/corpora.txt` lists them).
fn is_payload(path: &Path) -> bool {
    let list = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/corpora.txt");
    let list = std::fs::read_to_string(list).expect("fixtures/corpora.txt");
    let corpora: Vec<&str> = list
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split('/').next())
        .collect();
    let name = path.to_string_lossy();
    !name.ends_with(".meta.json")
        && !path.components().any(|c| c.as_os_str().to_str().is_some_and(|c| c == "invalid" || corpora.contains(&c)))
}

/// The example as its shape writes it in full: omitted members added, empty ones removed.
fn expected_encoding(fixture: &Fixture) -> Value {
    let mut expected: Value = serde_json::from_slice(&fixture.body).unwrap();
    for (pointer, value) in fixture.meta["omits"].as_object().into_iter().flatten() {
        let (parent, key) = pointer.rsplit_once('/').unwrap();
        match expected.pointer_mut(parent).unwrap() {
            Value::Array(items) => items.insert(key.parse().unwrap(), value.clone()),
            parent => _ = parent.as_object_mut().unwrap().insert(key.to_owned(), value.clone()),
        }
    }
    for pointer in fixture.meta["empty"].as_array().into_iter().flatten() {
        let (parent, key) = pointer.as_str().unwrap().rsplit_once('/').unwrap();
        expected.pointer_mut(parent).unwrap().as_object_mut().unwrap().remove(key);
    }
    expected
}

/// `json` without the white space between tokens, members in their order.
fn minify(json: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(json.len());
    let (mut in_string, mut escaped) = (false, false);
    for &b in json {
        if in_string {
            out.push(b);
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
        } else if !b.is_ascii_whitespace() {
            in_string = b == b'"';
            out.push(b);
        }
    }
    out
}

fn canonical_form(dialect: Dialect, err: &ApiError) -> Value {
    json!({ "dialect": dialect.name(), "status": err.status().as_u16(), "body": err.envelope() })
}

#[test]
fn fixtures() {
    let mut count = 0;
    insta::glob!("../../../fixtures", "**/*.json", |path| {
        if !is_payload(path) {
            return;
        }
        count += 1;
        let fixture = load(path);

        // Detected as its dialect, and decoded.
        let (shape, err) = wire::decode(fixture.status, &fixture.headers, &fixture.body)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(shape, fixture.dialect, "{}", path.display());
        let dialect = fixture.dialect;
        let known = fixture.dialect.decode(fixture.status, &fixture.headers, &fixture.body).unwrap();
        assert_eq!(known, err, "known-dialect and detected decoding agree");
        insta::assert_json_snapshot!(canonical_form(dialect, &err));

        // Re-encoded in its own dialect: the same JSON, and the same status.
        let response = dialect.encode(&err);
        let again: Value = serde_json::from_slice(response.body()).unwrap();
        if fixture.meta.get("lossy").is_some() {
            let (_, redecoded) = wire::decode(Some(response.status()), response.headers(), response.body()).unwrap();
            assert_eq!(redecoded, err, "{}: decoding is stable", path.display());
        } else {
            assert_eq!(again, expected_encoding(&fixture), "{}", path.display());
            let complete = ["omits", "empty", "order"].iter().all(|k| fixture.meta.get(k).is_none());
            if complete {
                let written = String::from_utf8_lossy(response.body());
                let documented = String::from_utf8(minify(&fixture.body)).unwrap();
                assert_eq!(written, documented, "{}: members in the documented order", path.display());
            }
            if let Some(status) = fixture.status.filter(|s| s.is_client_error() || s.is_server_error()) {
                assert_eq!(response.status(), status, "{}", path.display());
            }
        }

        // Valid against its dialect's schema, as documented and as re-encoded.
        let validator = jsonschema::options().should_validate_formats(true).build(&dialect_schema(dialect)).unwrap();
        let original: Value = serde_json::from_slice(&fixture.body).unwrap();
        for instance in [&original, &again] {
            if let Err(e) = validator.validate(instance) {
                panic!("{} breaks the {} schema: {e}", path.display(), dialect.name());
            }
        }
    });
    assert!(count >= 17, "expected at least the 17 documented payloads, found {count}");
}

#[test]
fn documented_payloads_are_all_there() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
    let mut seeds = std::collections::BTreeMap::<String, usize>::new();
    for dir in std::fs::read_dir(&root).unwrap() {
        let dir = dir.unwrap().path();
        if !dir.is_dir() {
            continue;
        }
        for file in std::fs::read_dir(&dir).unwrap() {
            let file = file.unwrap().path();
            if file.to_string_lossy().ends_with(".meta.json") {
                let meta: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
                let source = meta["source"].as_str().unwrap_or_default();
                if let Some(seed) = source.strip_prefix("seed ").and_then(|s| s.split(',').next()) {
                    if source.contains(", ") {
                        *seeds.entry(seed.to_owned()).or_default() += 1;
                    }
                }
            }
        }
    }
    let expected = [("000", 8), ("001", 4), ("003", 4), ("004", 1)].map(|(s, n)| (s.to_owned(), n));
    assert_eq!(seeds, expected.into_iter().collect());
}

#[test]
fn invalid_fixtures_fail() {
    let mut count = 0;
    insta::glob!("../../../fixtures/invalid", "*/*.json", |path| {
        if path.to_string_lossy().ends_with(".meta.json") {
            return;
        }
        count += 1;
        let dir = path.parent().unwrap().file_name().unwrap().to_str().unwrap();
        let dialect = Dialect::from_name(dir).unwrap();
        let meta: Value = serde_json::from_slice(&std::fs::read(path.with_extension("meta.json")).unwrap()).unwrap();
        let instance: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
        let validator = jsonschema::options().build(&dialect_schema(dialect)).unwrap();
        let errors: Vec<String> =
            validator.iter_errors(&instance).map(|e| format!("{e} at {}", e.instance_path())).collect();
        let expected = meta["error"].as_str().unwrap();
        assert!(
            errors.iter().any(|e| e.contains(expected)),
            "{}: expected an error containing {expected:?}, got {errors:?}",
            path.display()
        );
    });
    assert!(count > 0);
}
