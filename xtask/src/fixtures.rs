//! Every fixture under `fixtures/<dialect>/` against the JSON Schema of its
//! dialect. The corpora `fixtures/corpora.txt` lists (`fixtures/foreign/`, `fixtures/wild/`, …) hold other APIs' bodies,
//! which follow no schema of ours (the `foreign` test in error-model checks
//! what the first decode to).

use std::fs;
use std::path::Path;

use error_model::wire::Dialect;

use crate::Result;

/// Validates every fixture payload (not `*.meta.json`, not `fixtures/invalid/`,
/// nor the corpora of other APIs' bodies `fixtures/corpora.txt` lists)
/// and returns how many there were; fails listing each one that breaks its schema.
pub fn check(root: &Path) -> Result<usize> {
    let dir = root.join("fixtures");
    let mut count = 0;
    let mut failures = Vec::new();
    let corpora = corpora(&dir)?;
    let mut dirs: Vec<_> = fs::read_dir(&dir).map_err(|e| format!("cannot read fixtures/: {e}"))?.flatten().collect();
    dirs.sort_by_key(|d| d.file_name());
    for entry in dirs {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name == "invalid" || corpora.contains(&name) || !entry.path().is_dir() {
            continue;
        }
        let dialect =
            Dialect::from_name(&name).ok_or_else(|| format!("fixtures/{name}/ is not named after a dialect"))?;
        let validator = jsonschema::options()
            .should_validate_formats(true)
            .build(&error_model_publish::schema::dialect_schema(dialect))
            .map_err(|e| format!("the {name} schema does not compile: {e}"))?;
        let mut files: Vec<_> =
            fs::read_dir(entry.path()).map_err(|e| e.to_string())?.flatten().map(|f| f.path()).collect();
        files.sort();
        for file in files {
            let file_name = file.file_name().unwrap_or_default().to_string_lossy().into_owned();
            if !file_name.ends_with(".json") || file_name.ends_with(".meta.json") {
                continue;
            }
            count += 1;
            let shown = format!("fixtures/{name}/{file_name}");
            let text = fs::read_to_string(&file).map_err(|e| format!("cannot read {shown}: {e}"))?;
            let instance: serde_json::Value = match serde_json::from_str(&text) {
                Ok(v) => v,
                Err(e) => {
                    failures.push(format!("  - {shown}: not json: {e}"));
                    continue;
                }
            };
            for error in validator.iter_errors(&instance) {
                failures.push(format!("  - {shown}: {error} (at `{}`)", error.instance_path()));
            }
        }
    }
    if failures.is_empty() {
        Ok(count)
    } else {
        Err(format!("fixtures break their dialect's schema:\n{}", failures.join("\n")))
    }
}

/// The top directories of the corpora of other APIs' bodies that
/// `fixtures/corpora.txt` lists (`wild` for `wild/tune`).
fn corpora(fixtures: &Path) -> Result<Vec<String>> {
    let list = fs::read_to_string(fixtures.join("corpora.txt"))
        .map_err(|e| format!("cannot read fixtures/corpora.txt: {e}"))?;
    Ok(list
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split('/').next())
        .map(str::to_owned)
        .collect())
}
