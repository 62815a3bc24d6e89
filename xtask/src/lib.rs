//! The workspace's own automation, run as `cargo xtask <command>`.
//!
//! - [`codegen`]: every generated file (schemas, reference pages, the README's code table).
//! - [`contract`]: the contract lock and the compatibility gate.
//! - [`fixtures`]: every fixture against the schema of its dialect.
//! - [`payload`]: `decode` and `convert`, for people debugging a payload.
//! - [`validate`]: the OpenAPI documents and JSON Schemas, as their consumers check them.
//! - [`site`]: `docs`, the documentation site built with mdBook.
//! - [`readme_projects`]: `readme-projects`, the README's complete service
//!   and client, built as written.
//! - `check`: all of the gates CI runs.

pub mod codegen;
pub mod contract;
pub mod fixtures;
pub mod payload;
pub mod readme_projects;
pub mod site;
pub mod validate;

use std::path::{Path, PathBuf};

/// The workspace root.
pub fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives in the workspace root").to_path_buf()
}

/// The result of an xtask command: a one-line reason on failure.
pub type Result<T = ()> = std::result::Result<T, String>;

/// `cargo xtask check`: every check CI runs on the contract: the contract
/// lock (inside codegen), stale generated files, the OpenAPI documents and
/// JSON Schemas as their consumers check them, fixtures against their schemas.
pub fn check(root: &Path) -> Result {
    codegen::run(root, codegen::Mode::Check)?;
    let schemas = validate::check(root)?;
    let count = fixtures::check(root)?;
    eprintln!(
        "contract compatible, generated files up to date, {schemas} schemas and OpenAPI documents valid, \
         {count} fixtures valid"
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::codegen::{self, Mode, short_diff};

    /// `cargo test` alone catches a stale generated file.
    #[test]
    fn generated_files_are_fresh() {
        if let Err(reason) = codegen::run(&super::project_root(), Mode::Check) {
            panic!("{reason}");
        }
    }

    #[test]
    fn short_diff_shows_only_the_change() {
        let diff = short_diff("a\nb\nc\n", "a\nB\nc\n", 5);
        assert_eq!(diff, "@@ line 2 @@\n- b\n+ B\n");
    }
}
