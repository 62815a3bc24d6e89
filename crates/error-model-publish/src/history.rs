//! What the published files say about a code beyond its registry row: the
//! contract version it was added in, and its deprecation.
//!
//! The registry knows only the present; the history lives in the contract
//! lock (`contract.lock.json`), which `cargo xtask codegen` reads and passes
//! here as a [`History`]. A crate publishing its own table without a lock
//! passes [`History::default`]: its pages then say nothing about versions.

use std::collections::BTreeMap;

/// The history of every code, by wire name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct History {
    /// The contract version the files describe, such as `0.1.0`.
    pub version: Option<String>,
    /// Each code's lifecycle; a code missing here has none recorded.
    pub codes: BTreeMap<String, Lifecycle>,
}

impl History {
    /// The lifecycle of the code `name`, empty if none is recorded.
    pub fn of(&self, name: &str) -> Lifecycle {
        self.codes.get(name).cloned().unwrap_or_default()
    }
}

/// When a code was added, and whether it is deprecated.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Lifecycle {
    /// The contract version the code was first published in.
    pub since: Option<String>,
    /// Set when the code is deprecated.
    pub deprecated: Option<Deprecation>,
}

/// A code's deprecation: still served, to be replaced.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Deprecation {
    /// The contract version that deprecated it.
    pub since: Option<String>,
    /// Why, in a sentence.
    pub note: Option<String>,
    /// The code to use instead, if there is one.
    pub replacement: Option<String>,
}
