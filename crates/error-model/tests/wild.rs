//! How well the decoder reads error bodies of APIs it was not built
//! against: `fixtures/wild/`, split by API into a `tune` half (looked at
//! while improving the reader) and a `heldout` half (measured only), see
//! `fixtures/wild/README.md`.
//!
//! Prints the share of each half that decodes exactly as its metadata
//! expects; the misses are listed for `tune` only, and for `heldout` only
//! with `WILD_SHOW_HELDOUT=1`, so that nobody tunes on the held-out half by
//! accident. Each half must stay at or above the figure it reached when the
//! floors were last raised (`FLOORS`): a change that reads fewer bodies
//! fails. Run with
//! `cargo test -p error-model --test wild -- --nocapture`.

mod corpus;

use std::path::{Path, PathBuf};

use corpus::{decode, load, mismatches, observed};

/// The bodies each half must decode exactly as expected, at least.
const FLOORS: [(&str, usize); 2] = [("tune", 58), ("heldout", 35)];

fn bodies(half: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/wild").join(half);
    let mut out = Vec::new();
    for vendor in std::fs::read_dir(&root).unwrap_or_else(|e| panic!("{}: {e}", root.display())) {
        for file in std::fs::read_dir(vendor.unwrap().path()).unwrap() {
            let path = file.unwrap().path();
            let name = path.to_string_lossy();
            if name.ends_with(".json") && !name.ends_with(".meta.json") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn wild_bodies_decode_as_expected_per_half() {
    let show_heldout = std::env::var_os("WILD_SHOW_HELDOUT").is_some();
    let mut failed = Vec::new();
    for (half, floor) in FLOORS {
        let paths = bodies(half);
        let mut wrong = Vec::new();
        for path in &paths {
            let body = load(path);
            let off = match decode(&body) {
                Ok(err) => mismatches(&body.expect, &observed(&err)),
                Err(e) => vec![format!("does not decode: {e}")],
            };
            if !off.is_empty() {
                let name = path.strip_prefix(path.ancestors().nth(3).unwrap_or(path)).unwrap_or(path);
                wrong.push(format!("{}: {}", name.display(), off.join("; ")));
            }
        }
        let matching = paths.len() - wrong.len();
        eprintln!(
            "{half}: {matching} of {} bodies decode exactly as expected ({:.0}%)",
            paths.len(),
            100.0 * matching as f64 / paths.len() as f64
        );
        if half == "tune" || show_heldout {
            for w in &wrong {
                eprintln!("  {w}");
            }
        }
        assert!(paths.len() >= 50, "{half} has {} bodies", paths.len());
        if matching < floor {
            failed.push(format!("{half}: {matching} below the floor of {floor}"));
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("; "));
}
