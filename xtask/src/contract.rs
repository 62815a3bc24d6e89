//! The contract lock: the published codes, and the deliberate changes to them.
//!
//! `contract.lock.json` holds every published code with its status and
//! category, and a hand-written list of deprecations. `cargo xtask check`
//! fails when the registry removes or renames a code, or changes its status
//! or category, unless a deprecation records that change. Adding a code is
//! compatible; `cargo xtask codegen` adds it to the lock.
//!
//! A deprecation is one of:
//!
//! ```json
//! { "code": "LEAD_NOT_FOUND", "change": "removed", "note": "use NOT_FOUND" }
//! { "code": "VALIDATION_ERROR", "change": "status", "to": 422, "note": "..." }
//! { "code": "CONFLICT", "change": "category", "to": "invalid_argument", "note": "..." }
//! ```

use std::collections::BTreeMap;
use std::fmt;

use error_model::CodeInfo;
use serde_json::{Value, json};

/// The lock file, relative to the workspace root.
pub const LOCK_PATH: &str = "contract.lock.json";

/// One published code as the lock records it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub status: u16,
    pub category: String,
}

/// The parsed lock.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Lock {
    pub codes: BTreeMap<String, Entry>,
    /// Kept verbatim: the deliberate changes.
    pub deprecations: Vec<Value>,
}

/// An incompatible change the lock does not record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Break {
    Removed { code: String },
    StatusChanged { code: String, from: u16, to: u16 },
    CategoryChanged { code: String, from: String, to: String },
}

impl fmt::Display for Break {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Break::Removed { code } => write!(f, "`{code}` was removed or renamed"),
            Break::StatusChanged { code, from, to } => write!(f, "`{code}` changed status from {from} to {to}"),
            Break::CategoryChanged { code, from, to } => write!(f, "`{code}` changed category from {from} to {to}"),
        }
    }
}

impl Lock {
    /// Reads a lock from its JSON text.
    pub fn parse(text: &str) -> Result<Lock, String> {
        let value: Value = serde_json::from_str(text).map_err(|e| format!("{LOCK_PATH} is not valid json: {e}"))?;
        let mut lock = Lock::default();
        for (code, entry) in value["codes"].as_object().ok_or_else(|| format!("{LOCK_PATH} lacks `codes`"))? {
            let status = entry["status"].as_u64().and_then(|s| u16::try_from(s).ok());
            let category = entry["category"].as_str();
            let (Some(status), Some(category)) = (status, category) else {
                return Err(format!("{LOCK_PATH}: `{code}` needs a numeric `status` and a `category`"));
            };
            lock.codes.insert(code.clone(), Entry { status, category: category.to_owned() });
        }
        lock.deprecations = value["deprecations"].as_array().cloned().unwrap_or_default();
        Ok(lock)
    }

    /// The lock the registry `infos` publish, keeping these deprecations.
    pub fn from_registry(infos: &[CodeInfo], deprecations: Vec<Value>) -> Lock {
        let codes = infos
            .iter()
            .map(|i| {
                let entry = Entry { status: i.status().as_u16(), category: i.category().as_str().to_owned() };
                (i.name().to_owned(), entry)
            })
            .collect();
        Lock { codes, deprecations }
    }

    /// The lock file's contents.
    pub fn render(&self, generated_note: &str) -> String {
        let codes: serde_json::Map<String, Value> = self
            .codes
            .iter()
            .map(|(code, e)| (code.clone(), json!({ "status": e.status, "category": e.category })))
            .collect();
        let value = json!({
            "$comment": format!("{generated_note} Deprecations are written by hand; see xtask/src/contract.rs."),
            "codes": codes,
            "deprecations": self.deprecations,
        });
        let mut text = serde_json::to_string_pretty(&value).expect("json values serialise");
        text.push('\n');
        text
    }

    fn deprecated(&self, code: &str, change: &str, to: Option<&Value>) -> bool {
        self.deprecations
            .iter()
            .any(|d| d["code"] == code && d["change"] == change && to.is_none_or(|to| d.get("to") == Some(to)))
    }

    /// The incompatible changes from this lock to the registry `infos` that no deprecation records.
    pub fn breaks(&self, infos: &[CodeInfo]) -> Vec<Break> {
        let mut out = Vec::new();
        for (code, entry) in &self.codes {
            match infos.iter().find(|i| i.name() == code) {
                None if self.deprecated(code, "removed", None) => {}
                None => out.push(Break::Removed { code: code.clone() }),
                Some(info) => {
                    let status = info.status().as_u16();
                    if status != entry.status && !self.deprecated(code, "status", Some(&json!(status))) {
                        out.push(Break::StatusChanged { code: code.clone(), from: entry.status, to: status });
                    }
                    let category = info.category().as_str();
                    if category != entry.category && !self.deprecated(code, "category", Some(&json!(category))) {
                        out.push(Break::CategoryChanged {
                            code: code.clone(),
                            from: entry.category.clone(),
                            to: category.to_owned(),
                        });
                    }
                }
            }
        }
        out
    }
}

/// Fails with every unrecorded break, and how to record one.
pub fn check(lock: &Lock, infos: &[CodeInfo]) -> crate::Result {
    let breaks = lock.breaks(infos);
    if breaks.is_empty() {
        return Ok(());
    }
    let list: Vec<String> = breaks.iter().map(|b| format!("  - {b}")).collect();
    Err(format!(
        "the error contract changed incompatibly:\n{}\nrestore the code, or record the change as a deprecation in {LOCK_PATH} \
         (see xtask/src/contract.rs), then run `cargo xtask codegen`",
        list.join("\n")
    ))
}
