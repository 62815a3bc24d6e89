//! `cargo xtask docs`: the documentation site, built with mdBook from the
//! `docs/` folder `cargo xtask codegen` writes, into
//! [`SITE_DIR`](crate::codegen::SITE_DIR) (under `target/`, not committed).
//!
//! Served at the site's docs base
//! ([`SITE_BASE`](crate::codegen::SITE_BASE)), the site answers every
//! code's published documentation URL: the page of a code is
//! [`CodeInfo::docs_page`](error_model::CodeInfo::docs_page) under it.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::Result;
use crate::codegen::{self, Mode, SITE_DIR};

/// How to get mdBook when it is missing.
pub const INSTALL_MDBOOK: &str = "cargo install mdbook --locked";

/// Whether `mdbook` runs.
pub fn mdbook_available() -> bool {
    Command::new("mdbook").arg("--version").output().is_ok_and(|o| o.status.success())
}

/// Regenerates `docs/` and builds it with mdBook into `SITE_DIR` under
/// `root`; returns the folder.
pub fn build(root: &Path) -> Result<PathBuf> {
    codegen::run(root, Mode::Write)?;
    build_into(root, &root.join(SITE_DIR))
}

/// Builds the committed `docs/` under `root` with mdBook into `dest`, as it is.
pub fn build_into(root: &Path, dest: &Path) -> Result<PathBuf> {
    if !mdbook_available() {
        return Err(format!("mdbook is not installed; install it with `{INSTALL_MDBOOK}`"));
    }
    let output = Command::new("mdbook")
        .arg("build")
        .arg(root.join("docs"))
        .arg("--dest-dir")
        .arg(dest)
        .output()
        .map_err(|e| format!("cannot run mdbook: {e}"))?;
    if !output.status.success() {
        return Err(format!("mdbook build failed:\n{}", String::from_utf8_lossy(&output.stderr)));
    }
    Ok(dest.to_path_buf())
}
