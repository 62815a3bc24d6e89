//! Decoding cost: auto-detecting `wire::decode` against a hand-written
//! `#[derive(Deserialize)]` struct of each shape.
//!
//! Run with `cargo bench -p error-model --bench decode`. It prints one row
//! per shape and exits non-zero when auto-detection costs more than
//! `MAX_RATIO` times the hand-written struct (the target in issue 3).

use std::hint::black_box;
use std::time::{Duration, Instant};

use error_model::wire::{self, Dialect};
use http::{HeaderMap, StatusCode};
use serde::Deserialize;
use serde_json::{Map, Value};

const MAX_RATIO: f64 = 1.3;

#[allow(dead_code)]
mod by_hand {
    use super::*;

    #[derive(Deserialize)]
    pub struct Nested {
        pub success: Option<bool>,
        pub error: NestedError,
    }
    #[derive(Deserialize)]
    pub struct NestedError {
        pub code: String,
        pub message: String,
        #[serde(default)]
        pub details: Option<Map<String, Value>>,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Flat {
        pub success: bool,
        pub error: String,
        pub code: String,
        #[serde(default)]
        pub details: Option<Map<String, Value>>,
        pub timestamp: Option<String>,
        pub request_id: Option<String>,
    }

    #[derive(Deserialize)]
    pub struct FieldMap {
        pub message: String,
        #[serde(default)]
        pub errors: std::collections::BTreeMap<String, Vec<String>>,
    }

    #[derive(Deserialize)]
    pub struct DetailList {
        pub error: DetailListError,
    }
    #[derive(Deserialize)]
    pub struct DetailListError {
        pub code: String,
        pub message: String,
        #[serde(default)]
        pub details: Vec<FieldMessage>,
    }
    #[derive(Deserialize)]
    pub struct FieldMessage {
        pub field: String,
        pub message: String,
    }

    #[derive(Deserialize)]
    pub struct Canonical {
        pub error: CanonicalError,
    }
    #[derive(Deserialize)]
    pub struct CanonicalError {
        pub code: String,
        pub status: u16,
        pub message: String,
        #[serde(default)]
        pub details: Option<CanonicalDetails>,
        pub request_id: Option<String>,
        pub timestamp: Option<String>,
        pub docs_url: Option<String>,
    }
    #[derive(Deserialize)]
    pub struct CanonicalDetails {
        #[serde(default)]
        pub fields: Vec<CanonicalField>,
        pub retry_after: Option<u64>,
        #[serde(flatten)]
        pub rest: Map<String, Value>,
    }
    #[derive(Deserialize)]
    pub struct CanonicalField {
        pub field: String,
        pub pointer: String,
        pub reason: Option<String>,
        pub message: String,
        pub rejected_value: Option<Value>,
        pub expected: Option<String>,
    }

    #[derive(Deserialize)]
    pub struct Problem {
        #[serde(rename = "type")]
        pub type_: Option<String>,
        pub title: Option<String>,
        pub status: Option<u16>,
        pub detail: Option<String>,
        pub code: Option<String>,
        #[serde(default)]
        pub errors: Vec<Map<String, Value>>,
        #[serde(flatten)]
        pub rest: Map<String, Value>,
    }
}

fn fixture(path: &str) -> Vec<u8> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
    std::fs::read(root.join(path)).unwrap()
}

/// The fastest time of one call over rounds of many calls: the least
/// disturbed by whatever else the machine is doing.
fn measure(mut f: impl FnMut()) -> Duration {
    let iterations = 10_000;
    (0..31)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..iterations {
                f();
            }
            start.elapsed() / iterations
        })
        .min()
        .unwrap()
}

fn main() {
    // `cargo test --benches` runs this with `--bench` absent: keep that quick.
    let full = std::env::args().any(|a| a == "--bench");
    let headers = HeaderMap::new();
    type ByHand = fn(&[u8]) -> bool;
    let cases: Vec<(&str, Dialect, Option<u16>, ByHand)> = vec![
        ("nested/validation-error.json", Dialect::Nested, Some(400), |b| {
            serde_json::from_slice::<by_hand::Nested>(b).is_ok()
        }),
        ("flat/duplicate-email.json", Dialect::Flat, Some(409), |b| serde_json::from_slice::<by_hand::Flat>(b).is_ok()),
        ("field-map/bulk-validation.json", Dialect::FieldMap, Some(422), |b| {
            serde_json::from_slice::<by_hand::FieldMap>(b).is_ok()
        }),
        ("detail-list/structure.json", Dialect::DetailList, None, |b| {
            serde_json::from_slice::<by_hand::DetailList>(b).is_ok()
        }),
        ("canonical/validation-error.json", Dialect::Canonical, Some(400), |b| {
            serde_json::from_slice::<by_hand::Canonical>(b).is_ok()
        }),
        ("problem/validation-error.json", Dialect::Problem, Some(400), |b| {
            serde_json::from_slice::<by_hand::Problem>(b).is_ok()
        }),
    ];
    println!("{:<34} {:>10} {:>10} {:>10} {:>7}", "fixture", "by hand", "known", "detected", "ratio");
    let mut worst: f64 = 0.0;
    for (path, dialect, status, by_hand) in cases {
        let body = fixture(path);
        let status = status.map(|s| StatusCode::from_u16(s).unwrap());
        assert!(by_hand(&body), "{path}: the hand-written struct parses it");
        let (detected, _) = wire::decode(status, &headers, &body).unwrap();
        assert_eq!(detected, dialect, "{path}");
        if !full {
            continue;
        }
        let hand = measure(|| {
            black_box(by_hand(black_box(&body)));
        });
        let known = measure(|| {
            black_box(dialect.decode(status, &headers, black_box(&body)).unwrap());
        });
        let auto = measure(|| {
            black_box(wire::decode(status, &headers, black_box(&body)).unwrap());
        });
        let ratio = auto.as_secs_f64() / hand.as_secs_f64();
        worst = worst.max(ratio);
        println!("{path:<34} {:>10.2?} {:>10.2?} {:>10.2?} {:>6.2}x", hand, known, auto, ratio);
    }
    if full {
        println!("worst ratio {worst:.2}x (target at most {MAX_RATIO}x)");
        if worst > MAX_RATIO {
            eprintln!("auto-detection costs more than {MAX_RATIO}x a hand-written struct");
            std::process::exit(1);
        }
    }
}
