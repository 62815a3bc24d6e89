//! The contract locks: the published codes of each contract, and the
//! deliberate changes to them.
//!
//! Each code table this workspace publishes ([`CONTRACTS`]: the built-in
//! table of `error-model`, and the lead API's table of `leads-contract`)
//! has its own lock, written by `cargo xtask codegen` and checked by
//! `cargo xtask check`. A lock (`contract.lock.json` for the built-in
//! table) holds the contract's version ([`Contract::version`]), every
//! published code with its status, category, documentation URL, gRPC code
//! (`grpc`, the `google.rpc.Code` it is sent with) and the version it was
//! added in (`since`), and a hand-written list of deprecations. `cargo
//! xtask check` fails when the registry removes or renames a code, or
//! changes its status, category, documentation URL or gRPC code, unless a
//! deprecation records that change. Adding a code is compatible;
//! `cargo xtask codegen` adds it to the lock with the current version.
//!
//! A deprecation is one of:
//!
//! ```json
//! { "code": "LEAD_NOT_FOUND", "change": "removed", "note": "use NOT_FOUND", "replacement": "NOT_FOUND" }
//! { "code": "VALIDATION_ERROR", "change": "status", "to": 422, "note": "..." }
//! { "code": "CONFLICT", "change": "category", "to": "invalid_argument", "note": "..." }
//! { "code": "NOT_FOUND", "change": "docs_url", "to": "https://...", "note": "..." }
//! { "code": "CONFLICT", "change": "grpc", "to": "ABORTED", "note": "..." }
//! { "code": "INVALID_INPUT", "change": "deprecated", "note": "...", "replacement": "VALIDATION_ERROR" }
//! ```
//!
//! `deprecated` marks a code that is still served but should no longer be
//! relied on; `replacement` and `note` are optional. `cargo xtask codegen`
//! stamps each deprecation without a `since` with the current version. A
//! removed code stays in the lock's `codes`, so that the version it was
//! added in is still told. The changelog ([`changelog`]) is written from
//! the lock alone.
//!
//! An incompatible change (a removal, a new status or category) is
//! recorded as a deprecation and published in a new major contract version
//! (a new minor one before 1.0): raise [`Contract::version`] with it.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::fmt::Write as _;

use error_model::CodeInfo;
use error_model::code::DocsBase;
use error_model_publish::history::{Deprecation, History, Lifecycle};
use serde_json::{Value, json};

/// The built-in table's lock file, relative to the workspace root.
pub const LOCK_PATH: &str = "contract.lock.json";

/// One published code table, with its own version, lock and changelog.
#[derive(Clone, Copy, Debug)]
pub struct Contract {
    /// The crate that declares the table.
    pub name: &'static str,
    /// The table's codes.
    pub infos: fn() -> &'static [CodeInfo],
    /// The contract's current version: what codegen writes into the lock and
    /// stamps on codes added and changes recorded since the last one. One
    /// home: the OpenAPI documents and the site read it from the lock.
    pub version: &'static str,
    /// The lock, relative to the workspace root.
    pub lock_path: &'static str,
    /// The hand-written changelog whose contract section codegen writes
    /// from the lock, relative to the workspace root.
    pub changelog_path: &'static str,
}

/// The built-in table of `error-model`. 0.2.0: the lead API's five codes
/// moved to their own contract, `leads-contract`.
pub const CORE: Contract = Contract {
    name: "error-model",
    infos: <error_model::ErrorCode as error_model::CodeSet>::infos,
    version: "0.2.0",
    lock_path: LOCK_PATH,
    changelog_path: "CHANGELOG.md",
};

/// The lead API's table, `leads_contract::LeadCode`.
pub const LEADS: Contract = Contract {
    name: "leads-contract",
    infos: <leads_contract::LeadCode as error_model::CodeSet>::infos,
    version: "0.1.0",
    lock_path: "crates/leads-contract/contract.lock.json",
    changelog_path: "crates/leads-contract/CHANGELOG.md",
};

/// Every contract this workspace publishes, the built-in one first: the
/// generated schemas, OpenAPI documents, site and fixtures cover their
/// codes in this order.
pub const CONTRACTS: &[Contract] = &[CORE, LEADS];

/// One published code as the lock records it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub status: u16,
    pub category: String,
    /// Absent in locks written before documentation URLs were locked.
    pub docs_url: Option<String>,
    /// The contract version the code was added in (absent in older locks).
    pub since: Option<String>,
    /// The `google.rpc.Code` the code is sent with over gRPC and in the
    /// Google dialect (absent in locks written before it was locked).
    pub grpc: Option<String>,
}

/// The parsed lock.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Lock {
    /// The contract version the lock was written for (absent in older locks).
    pub version: Option<String>,
    pub codes: BTreeMap<String, Entry>,
    /// Kept verbatim but for `since`: the deliberate changes.
    pub deprecations: Vec<Value>,
}

/// An incompatible change the lock does not record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Break {
    Removed { code: String },
    StatusChanged { code: String, from: u16, to: u16 },
    CategoryChanged { code: String, from: String, to: String },
    DocsUrlChanged { code: String, from: String, to: String },
    GrpcChanged { code: String, from: String, to: String },
}

impl fmt::Display for Break {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Break::Removed { code } => write!(f, "`{code}` was removed or renamed"),
            Break::StatusChanged { code, from, to } => write!(f, "`{code}` changed status from {from} to {to}"),
            Break::CategoryChanged { code, from, to } => write!(f, "`{code}` changed category from {from} to {to}"),
            Break::DocsUrlChanged { code, from, to } => {
                write!(f, "`{code}` changed its documentation URL from {from} to {to}")
            }
            Break::GrpcChanged { code, from, to } => write!(f, "`{code}` changed its gRPC code from {from} to {to}"),
        }
    }
}

impl Lock {
    /// Reads a lock from its JSON text (the error names no file; the caller
    /// knows which it read).
    pub fn parse(text: &str) -> Result<Lock, String> {
        let value: Value = serde_json::from_str(text).map_err(|e| format!("not valid json: {e}"))?;
        let mut lock = Lock::default();
        for (code, entry) in value["codes"].as_object().ok_or_else(|| "lacks `codes`".to_owned())? {
            let status = entry["status"].as_u64().and_then(|s| u16::try_from(s).ok());
            let category = entry["category"].as_str();
            let (Some(status), Some(category)) = (status, category) else {
                return Err(format!("`{code}` needs a numeric `status` and a `category`"));
            };
            let text = |key: &str| entry[key].as_str().map(str::to_owned);
            let entry = Entry {
                status,
                category: category.to_owned(),
                docs_url: text("docs_url"),
                since: text("since"),
                grpc: text("grpc"),
            };
            lock.codes.insert(code.clone(), entry);
        }
        lock.version = value["version"].as_str().map(str::to_owned);
        lock.deprecations = value["deprecations"].as_array().cloned().unwrap_or_default();
        for d in &lock.deprecations {
            let kind = d["change"].as_str().unwrap_or_default();
            if !CHANGES.contains(&kind) || !d["code"].is_string() {
                return Err(format!(
                    "a deprecation needs a `code` and a `change` (one of {}): {d}",
                    CHANGES.join(", ")
                ));
            }
        }
        Ok(lock)
    }

    /// A fresh lock of the registry `infos`, published under `base`, at
    /// contract `version`: every code added in it, no deprecations.
    pub fn from_registry(infos: &[CodeInfo], base: Option<&DocsBase>, version: &str) -> Lock {
        Lock::default().updated(infos, base, version)
    }

    /// This lock brought up to the registry `infos`, published under `base`
    /// (see [`published_docs_url`]), at contract `version`:
    /// codes as the registry has them, each keeping the version it was
    /// added in (a new one is added in `version`), deprecations kept and
    /// stamped with `version` where they have no `since`. A code that a
    /// `removed` deprecation records stays, as it was published.
    pub fn updated(&self, infos: &[CodeInfo], base: Option<&DocsBase>, version: &str) -> Lock {
        let removed = self.codes.iter().filter(|(code, _)| {
            !infos.iter().any(|i| i.name() == code.as_str()) && self.deprecated(code, "removed", None)
        });
        let removed: Vec<(String, Entry)> = removed.map(|(code, e)| (code.clone(), e.clone())).collect();
        let codes = infos
            .iter()
            .map(|i| {
                let since =
                    self.codes.get(i.name()).and_then(|e| e.since.clone()).unwrap_or_else(|| version.to_owned());
                let entry = Entry {
                    status: i.status().as_u16(),
                    category: i.category().as_str().to_owned(),
                    docs_url: published_docs_url(i, base),
                    since: Some(since),
                    grpc: Some(i.rpc_code().as_str().to_owned()),
                };
                (i.name().to_owned(), entry)
            })
            .chain(removed)
            .collect();
        let deprecations = self
            .deprecations
            .iter()
            .cloned()
            .map(|mut d| {
                if let Some(obj) = d.as_object_mut() {
                    obj.entry("since").or_insert_with(|| version.into());
                }
                d
            })
            .collect();
        Lock { version: Some(version.to_owned()), codes, deprecations }
    }

    /// The lock file's contents.
    pub fn render(&self, generated_note: &str) -> String {
        let codes: serde_json::Map<String, Value> = self
            .codes
            .iter()
            .map(|(code, e)| {
                let mut entry = json!({ "status": e.status, "category": e.category });
                for (key, value) in [("docs_url", &e.docs_url), ("since", &e.since), ("grpc", &e.grpc)] {
                    if let Some(value) = value {
                        entry[key] = value.as_str().into();
                    }
                }
                (code.clone(), entry)
            })
            .collect();
        let value = json!({
            "$comment": format!("{generated_note} Deprecations are written by hand; see xtask/src/contract.rs."),
            "version": self.version,
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

    /// The incompatible changes from this lock to the registry `infos`,
    /// published under `base`, that no deprecation records.
    pub fn breaks(&self, infos: &[CodeInfo], base: Option<&DocsBase>) -> Vec<Break> {
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
                    // A lock from before gRPC codes were locked has none to compare.
                    if let Some(from) = &entry.grpc {
                        let to = info.rpc_code().as_str();
                        if from != to && !self.deprecated(code, "grpc", Some(&json!(to))) {
                            out.push(Break::GrpcChanged { code: code.clone(), from: from.clone(), to: to.to_owned() });
                        }
                    }
                    // A lock from before URLs were locked has none to compare.
                    if let Some(from) = &entry.docs_url {
                        let to = published_docs_url(info, base).unwrap_or_else(|| "none".to_owned());
                        if *from != to && !self.deprecated(code, "docs_url", Some(&json!(to))) {
                            out.push(Break::DocsUrlChanged { code: code.clone(), from: from.clone(), to });
                        }
                    }
                }
            }
        }
        out
    }
}

/// The documentation URL the lock records for a code published under
/// `base`: its table's own page if its table declares a base, else its
/// page on the site served at `base` (the pages `cargo xtask docs` builds).
/// What errors carry is up to each service (its docs base); what the lock
/// guards is where the published page of each code is.
pub fn published_docs_url(info: &CodeInfo, base: Option<&DocsBase>) -> Option<String> {
    info.docs_url_under(base).map(std::borrow::Cow::into_owned)
}

/// Fails with every unrecorded break, and how to record one in the lock
/// at `lock_path`.
pub fn check(lock: &Lock, infos: &[CodeInfo], base: Option<&DocsBase>, lock_path: &str) -> crate::Result {
    let breaks = lock.breaks(infos, base);
    if breaks.is_empty() {
        return Ok(());
    }
    let list: Vec<String> = breaks.iter().map(|b| format!("  - {b}")).collect();
    Err(format!(
        "the error contract changed incompatibly:\n{}\nrestore the code, or record the change as a deprecation in {lock_path} \
         (see xtask/src/contract.rs), then run `cargo xtask codegen`",
        list.join("\n")
    ))
}

/// The kinds of change a deprecation records.
const CHANGES: &[&str] = &["removed", "status", "category", "docs_url", "grpc", "deprecated"];

impl Lock {
    /// What the published pages show of each code's history: the version it
    /// was added in, and its `deprecated` (or `removed`) deprecation.
    pub fn history(&self) -> History {
        let mut codes: BTreeMap<String, Lifecycle> = self
            .codes
            .iter()
            .map(|(code, e)| (code.clone(), Lifecycle { since: e.since.clone(), deprecated: None }))
            .collect();
        for d in &self.deprecations {
            let (Some(code), Some("deprecated" | "removed")) = (d["code"].as_str(), d["change"].as_str()) else {
                continue;
            };
            let text = |key: &str| d[key].as_str().map(str::to_owned);
            codes.entry(code.to_owned()).or_default().deprecated =
                Some(Deprecation { since: text("since"), note: text("note"), replacement: text("replacement") });
        }
        History { version: self.version.clone(), codes }
    }
}

/// The contract changelog, newest version first: for each version, the
/// codes added, deprecated, changed and removed in it. Written from the
/// lock alone, so it says what was published, not what the code says now.
pub fn changelog(lock: &Lock) -> String {
    let mut versions: BTreeSet<Version> =
        lock.codes.values().filter_map(|e| e.since.as_deref()).map(Version::of).collect();
    versions.extend(lock.deprecations.iter().filter_map(|d| d["since"].as_str()).map(Version::of));
    versions.extend(lock.version.as_deref().map(Version::of));
    let mut out = String::new();
    for version in versions.iter().rev() {
        let v = version.0.as_str();
        let _ = write!(out, "\n## {v}\n\n");
        let added: Vec<String> = lock
            .codes
            .iter()
            .filter(|(_, e)| e.since.as_deref() == Some(v))
            .map(|(code, e)| format!("`{code}` ({})", e.status))
            .collect();
        let changes: Vec<&Value> = lock.deprecations.iter().filter(|d| d["since"].as_str() == Some(v)).collect();
        if added.is_empty() && changes.is_empty() {
            out.push_str("No change to the codes.\n");
            continue;
        }
        if !added.is_empty() {
            let _ = writeln!(out, "- Added: {}.", added.join(", "));
        }
        for (kind, heading) in [
            ("deprecated", "Deprecated"),
            ("status", "Changed"),
            ("category", "Changed"),
            ("docs_url", "Changed"),
            ("grpc", "Changed"),
            ("removed", "Removed"),
        ] {
            for d in changes.iter().filter(|d| d["change"] == kind) {
                let code = d["code"].as_str().unwrap_or_default();
                let what = match kind {
                    "status" | "category" => format!(" {kind} to {}", d["to"].to_string().trim_matches('"')),
                    "grpc" => format!(" gRPC code to {}", d["to"].to_string().trim_matches('"')),
                    "docs_url" => format!(" documentation URL to {}", d["to"].as_str().unwrap_or_default()),
                    _ => String::new(),
                };
                let mut line = format!("- {heading}: `{code}`{what}");
                if let Some(replacement) = d["replacement"].as_str() {
                    let _ = write!(line, "; use `{replacement}` instead");
                }
                if let Some(note) = d["note"].as_str() {
                    let _ = write!(line, " ({note})");
                }
                let _ = writeln!(out, "{line}.");
            }
        }
    }
    out
}

/// A version, ordered as SemVer orders them: numerically part by part
/// (`0.10.0` after `0.9.0`), a pre-release before its release
/// (`1.0.0-rc.1` before `1.0.0`).
#[derive(Clone, Debug, PartialEq, Eq)]
struct Version(String);

/// One dot-separated part: numbers before names, numbers by value.
type Part = (bool, u64, String);

impl Version {
    fn of(text: &str) -> Version {
        Version(text.to_owned())
    }

    fn key(&self) -> (Vec<Part>, bool, Vec<Part>) {
        let parts = |text: &str| -> Vec<Part> {
            text.split('.')
                .map(|part| match part.parse::<u64>() {
                    Ok(n) => (false, n, String::new()),
                    Err(_) => (true, 0, part.to_owned()),
                })
                .collect()
        };
        let (core, pre) = match self.0.split_once('-') {
            Some((core, pre)) => (core, Some(pre)),
            None => (self.0.as_str(), None),
        };
        // A release sorts after every pre-release of it.
        (parts(core), pre.is_none(), pre.map(parts).unwrap_or_default())
    }
}

impl Ord for Version {
    fn cmp(&self, other: &Version) -> std::cmp::Ordering {
        self.key().cmp(&other.key())
    }
}

impl PartialOrd for Version {
    fn partial_cmp(&self, other: &Version) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

#[cfg(test)]
mod version_tests {
    use super::Version;

    #[test]
    fn versions_order_as_semver() {
        let ordered = ["0.9.0", "0.10.0", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-beta", "1.0.0-rc.1", "1.0.0", "1.0.1"];
        for pair in ordered.windows(2) {
            assert!(Version::of(pair[0]) < Version::of(pair[1]), "{} < {}", pair[0], pair[1]);
        }
    }
}
